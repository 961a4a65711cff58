#include "parley/eval/stance_eval.hpp"

#include <simdjson.h>

#include <fstream>
#include <stdexcept>

namespace parley::eval {

StanceScores evaluate_newsmtsc(const std::string& path, const Pipeline& chain,
                               const extract::Ontology& ontology, size_t* skipped) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot open " + path);
  StanceScores s;
  simdjson::ondemand::parser parser;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    simdjson::padded_string padded(line);
    simdjson::ondemand::document doc;
    std::string_view sentence;
    if (parser.iterate(padded).get(doc) != simdjson::SUCCESS ||
        doc["sentence_normalized"].get_string().get(sentence) != simdjson::SUCCESS) {
      if (skipped) ++*skipped;
      continue;
    }
    Article a;
    a.text = std::string(sentence);
    chain.process(a);
    // NewsMTSC offsets are characters; Parley's are bytes: map code points to bytes.
    std::vector<uint32_t> byte_of;
    for (uint32_t i = 0; i < a.text.size(); ++i)
      if ((static_cast<unsigned char>(a.text[i]) & 0xC0) != 0x80) byte_of.push_back(i);
    byte_of.push_back(static_cast<uint32_t>(a.text.size()));
    simdjson::ondemand::array targets;
    if (doc["targets"].get_array().get(targets) != simdjson::SUCCESS) {
      if (skipped) ++*skipped;
      continue;
    }
    for (auto t : targets) {
      int64_t from = 0, to = 0;
      double polarity = 4;
      if (t["from"].get_int64().get(from) || t["to"].get_int64().get(to) ||
          t["polarity"].get_double().get(polarity))
        continue;
      if (from < 0 || to <= from || static_cast<size_t>(to) >= byte_of.size()) continue;
      Span target{byte_of[from], byte_of[to]};
      int gold = polarity < 3.5 ? -1 : polarity > 4.5 ? 1 : 0;
      double score = 0;
      for (const Event& e : a.events) {
        if (e.target_actor < 0 || e.negated || !e.modality.empty()) continue;
        bool hit = false;
        for (uint32_t m : a.actors[e.target_actor].mentions) {
          Span ms = a.mentions[m].span;
          hit |= ms.start < target.end && target.start < ms.end;
        }
        if (!hit) continue;
        if (const extract::CameoCode* c = ontology.find(e.cameo)) score += c->goldstein;
      }
      int predicted = score < 0 ? -1 : score > 0 ? 1 : 0;
      ++s.targets;
      s.correct += predicted == gold;
      s.gold_polar += gold != 0;
      if (predicted != 0) {
        ++s.predicted_polar;
        s.predicted_polar_correct += predicted == gold;
      }
    }
  }
  return s;
}

}  // namespace parley::eval
