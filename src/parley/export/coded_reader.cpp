#include <simdjson.h>

#include <fstream>

#include "parley/export/coded.hpp"

namespace parley::exporter {

namespace {

std::string field(simdjson::ondemand::object& o, std::string_view key) {
  std::string_view v;
  if (o[key].get_string().get(v) == simdjson::SUCCESS) return std::string(v);
  return {};
}

std::string evidence_text(simdjson::ondemand::object& o) {
  simdjson::ondemand::object e;
  if (o["evidence"].get_object().get(e) != simdjson::SUCCESS) return {};
  return field(e, "text");
}

}  // namespace

bool is_coded_jsonl(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    return line.starts_with("{\"doc_id\":") && line.find("\"positions\":") != std::string::npos;
  }
  return false;
}

bool read_coded_jsonl(const std::string& path, std::vector<extract::PositionRecord>& positions,
                      std::vector<extract::ClaimRecord>& claims, std::string* error) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (error) *error = path + ": cannot open";
    return false;
  }
  simdjson::ondemand::parser parser;
  std::string line;
  uint64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    simdjson::ondemand::object root;
    auto fail = [&](const char* what) {
      if (error) *error = path + ":" + std::to_string(number) + ": " + what;
      return false;
    };
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc.get_object().get(root) != simdjson::SUCCESS)
      return fail("not a JSON object");
    std::string doc_id = field(root, "doc_id");
    simdjson::ondemand::array arr;
    if (root["claims"].get_array().get(arr) != simdjson::SUCCESS)
      return fail("no \"claims\" array");
    for (auto item : arr) {
      simdjson::ondemand::object o;
      if (item.get_object().get(o) != simdjson::SUCCESS) return fail("malformed claim");
      extract::ClaimRecord c;
      c.doc_id = doc_id;
      c.source_code = field(o, "source_code");
      c.source_name = field(o, "source_name");
      c.topic = field(o, "topic");
      c.topic_key = field(o, "topic_key");
      c.polarity = field(o, "polarity");
      c.certainty = field(o, "certainty");
      c.evidence = evidence_text(o);
      if (!c.source_code.empty()) claims.push_back(std::move(c));
    }
    if (root["positions"].get_array().get(arr) != simdjson::SUCCESS)
      return fail("no \"positions\" array");
    for (auto item : arr) {
      simdjson::ondemand::object o;
      if (item.get_object().get(o) != simdjson::SUCCESS) return fail("malformed position");
      extract::PositionRecord p;
      p.doc_id = doc_id;
      p.actor_code = field(o, "actor_code");
      p.actor_name = field(o, "actor_name");
      p.issue = field(o, "issue");
      p.issue_key = field(o, "issue_key");
      p.stance = field(o, "stance");
      p.evidence = evidence_text(o);
      if (!p.actor_code.empty()) positions.push_back(std::move(p));
    }
  }
  return true;
}

}  // namespace parley::exporter
