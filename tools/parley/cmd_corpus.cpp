// `parley positions` and `parley diverge`: corpus views over many articles — the party x issue
// matrix of stances, and the topics on which parties or sources contradict each other. Both
// read raw articles (analysed on the fly) or the JSON lines `parley code` wrote.
#include <fmt/core.h>

#include <iostream>
#include <map>
#include <set>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/export/coded.hpp"
#include "parley/export/json.hpp"
#include "parley/store/store.hpp"

namespace parley::cli {

namespace {

struct Corpus {
  std::vector<extract::PositionRecord> positions;
  std::vector<extract::ClaimRecord> claims;
};

// The corpus of a store (--db): its position and claim records, through the store's query layer.
Corpus load_store_corpus(const std::string& db) {
  Corpus c;
  store::Store st = store::Store::open(db, store::Mode::ReadOnly);
  store::Filter all;
  all.limit = 0;
  for (const auto& r : st.positions(all))
    c.positions.push_back({r["article_id"], r["actor_code"], r["actor_name"], r["issue"],
                           r["issue_key"], r["stance"], r["evidence_text"]});
  for (const auto& r : st.claims(all))
    c.claims.push_back({r["article_id"], r["source_code"], r["source_name"], r["topic"],
                        r["topic_key"], r["affirmed"].get<bool>() ? "affirmed" : "negated",
                        r["certainty"], r["evidence_text"]});
  return c;
}

Corpus load_corpus(const InputArgs& args, const std::string& db) {
  if (!db.empty()) {
    if (!args.paths.empty()) throw CLI::ValidationError("give inputs or --db, not both");
    return load_store_corpus(db);
  }
  if (args.paths.empty()) throw CLI::ValidationError("inputs (or --db) required");
  Corpus c;
  bool coded = !args.paths.empty();
  for (const std::string& p : args.paths) coded &= p != "-" && exporter::is_coded_jsonl(p);
  if (coded) {
    for (const std::string& p : args.paths) {
      std::string error;
      if (!exporter::read_coded_jsonl(p, c.positions, c.claims, &error)) {
        std::cerr << "parley: " << error << " (rest of the file skipped)\n";
        exit_code = 2;
      }
    }
    return c;
  }
  const Analyzer analyzer = open_analyzer(args, Stage::Attribution);
  run_inputs(args, analyzer.pipeline(),
             [&](Article& a) { extract::collect(a, c.positions, c.claims); });
  return c;
}

void add_common(CLI::App* cmd, InputArgs& args, std::string& format, std::string& db) {
  add_input_options(cmd, args);
  cmd->get_option("inputs")->required(false);
  cmd->add_option("--db", db, "Read the corpus from a store (parley ingest) instead of inputs");
  cmd->add_option("-f,--format", format, "table or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "json"}));
  // Raw articles are analysed as `parley code` would, with the same options.
  add_analysis_options(cmd, args, Stage::Attribution);
}

void print_positions(const Corpus& c, const std::string& format, size_t min_records) {
  // issue key -> actor code -> stance -> count; and the commonest wording of each issue.
  std::map<std::string, std::map<std::string, std::map<std::string, int>>> matrix;
  std::map<std::string, std::map<std::string, int>> wording;
  std::map<std::string, size_t> records;
  for (const auto& p : c.positions) {
    matrix[p.issue_key][p.actor_code][p.stance]++;
    wording[p.issue_key][p.issue]++;
    records[p.issue_key]++;
  }
  std::vector<std::string> keys;
  for (const auto& [k, n] : records)
    if (n >= min_records) keys.push_back(k);
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const auto& a, const auto& b) { return records[a] > records[b]; });
  auto label = [&](const std::string& key) {
    std::string best;
    int n = -1;
    for (const auto& [w, k] : wording[key])
      if (k > n) best = w, n = k;
    return best;
  };
  if (format == "json") {
    for (const std::string& key : keys) {
      std::string out = "{\"issue\":";
      json::append_string(out, label(key));
      out += ",\"issue_key\":";
      json::append_string(out, key);
      out += ",\"parties\":[";
      bool first = true;
      for (const auto& [actor, stances] : matrix[key])
        for (const auto& [stance, n] : stances) {
          if (!first) out += ',';
          first = false;
          out += "{\"actor_code\":";
          json::append_string(out, actor);
          out += ",\"stance\":";
          json::append_string(out, stance);
          out += fmt::format(",\"count\":{}}}", n);
        }
      out += "]}\n";
      std::cout << out;
    }
    return;
  }
  fmt::print("{:<60} {}\n", "issue", "party: stance (records)");
  for (const std::string& key : keys) {
    std::string cells;
    for (const auto& [actor, stances] : matrix[key])
      for (const auto& [stance, n] : stances)
        cells += fmt::format("{}: {}{}  ", actor, stance, n > 1 ? fmt::format(" ({})", n) : "");
    std::string issue = label(key);
    if (issue.size() > 60) issue = issue.substr(0, 57) + "...";
    fmt::print("{:<60} {}\n", issue, cells);
  }
}

void print_divergences(const Corpus& c, const std::string& format, size_t evidence) {
  for (const auto& d : extract::corpus_divergences(c.positions, c.claims)) {
    if (format == "json") {
      std::string out = "{\"topic\":";
      json::append_string(out, d.topic);
      out += ",\"kind\":";
      json::append_string(out, d.kind);
      out += ",\"sides\":[";
      for (size_t i = 0; i < d.sides.size(); ++i) {
        if (i) out += ',';
        out += "{\"actor_code\":";
        json::append_string(out, d.sides[i].first);
        out += ",\"value\":";
        json::append_string(out, d.sides[i].second);
        out += ",\"evidence\":";
        json::append_string(out, d.evidence[i]);
        out += '}';
      }
      out += "]}\n";
      std::cout << out;
      continue;
    }
    fmt::print("{} ({})\n", d.topic, d.kind);
    for (size_t i = 0; i < d.sides.size(); ++i) {
      std::string ev = d.evidence[i];
      for (char& ch : ev)
        if (ch == '\n') ch = ' ';
      if (ev.size() > 110) ev = ev.substr(0, 107) + "...";
      fmt::print("  {:<9} {:<9} {}\n", d.sides[i].first, d.sides[i].second, i < evidence ? ev : "");
    }
  }
}

}  // namespace

void add_corpus_commands(CLI::App& app) {
  {
    auto* cmd = app.add_subcommand(
        "positions", "Party x issue matrix of stances over a corpus (or parley code output)");
    auto args = std::make_shared<InputArgs>();
    auto format = std::make_shared<std::string>("table");
    auto min = std::make_shared<size_t>(1);
    auto db = std::make_shared<std::string>();
    add_common(cmd, *args, *format, *db);
    cmd->add_option("--min-records", *min, "Only issues with at least this many records")
        ->capture_default_str();
    cmd->callback(
        [args, format, min, db] { print_positions(load_corpus(*args, *db), *format, *min); });
  }
  {
    auto* cmd =
        app.add_subcommand("diverge", "Topics on which parties or sources contradict each other");
    auto args = std::make_shared<InputArgs>();
    auto format = std::make_shared<std::string>("table");
    auto evidence = std::make_shared<size_t>(100);
    auto db = std::make_shared<std::string>();
    add_common(cmd, *args, *format, *db);
    cmd->add_option("--evidence", *evidence, "Evidence lines shown per divergence (table)")
        ->capture_default_str();
    cmd->callback([args, format, evidence, db] {
      print_divergences(load_corpus(*args, *db), *format, *evidence);
    });
  }
}

}  // namespace parley::cli
