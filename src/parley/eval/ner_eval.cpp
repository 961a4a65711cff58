#include "parley/eval/ner_eval.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <set>

namespace parley::eval {

namespace {
std::string render(const NerSentence& s, const std::vector<EntitySpan>& spans) {
  std::string out;
  for (size_t i = 0; i < s.words.size(); ++i) {
    for (const auto& e : spans)
      if (e.first == i) out += "[";
    out += s.words[i];
    for (const auto& e : spans)
      if (e.last == i) out += "]" + e.type;
    out += " ";
  }
  return out;
}
}  // namespace

NerScores score_ner(const std::vector<NerSentence>& gold,
                    const std::vector<std::vector<EntitySpan>>& predicted, size_t max_errors) {
  NerScores s;
  std::set<std::string> types;
  for (const auto& g : gold)
    for (const auto& e : g.entities) types.insert(e.type);
  for (const auto& t : types) s.by_type[t];
  for (size_t i = 0; i < gold.size(); ++i) {
    ++s.sentences;
    s.words += gold[i].words.size();
    const auto& g = gold[i].entities;
    static const std::vector<EntitySpan> kNone;
    const auto& p = i < predicted.size() ? predicted[i] : kNone;
    for (const auto& e : g) ++s.by_type[e.type].gold, ++s.overall.gold;
    size_t right = 0, scored = 0;
    for (const auto& e : p) {
      if (!types.count(e.type)) continue;
      ++scored;
      ++s.by_type[e.type].predicted, ++s.overall.predicted;
      if (std::find(g.begin(), g.end(), e) != g.end())
        ++s.by_type[e.type].correct, ++s.overall.correct, ++right;
    }
    if ((right != scored || right != g.size()) && s.errors.size() < max_errors)
      s.errors.push_back("gold: " + render(gold[i], g) + "\n  parley: " + render(gold[i], p));
  }
  return s;
}

NerScores evaluate_ner(const EntityRecognizer& recognizer, const std::vector<NerSentence>& gold,
                       size_t max_errors, bool untyped) {
  std::vector<std::vector<EntitySpan>> predicted;
  predicted.reserve(gold.size());
  auto start = std::chrono::steady_clock::now();
  std::vector<std::string_view> words;
  DocumentMemory memory;
  for (size_t i = 0; i < gold.size(); ++i) {
    const auto& g = gold[i];
    if (i == 0 || g.doc_id != gold[i - 1].doc_id) memory = DocumentMemory{};
    words.assign(g.words.begin(), g.words.end());
    predicted.push_back(recognizer.recognize(words, nullptr, &memory));
    if (untyped)
      for (auto& e : predicted.back()) e.type = "ENT";
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  NerScores s = score_ner(gold, predicted, max_errors);
  s.seconds = seconds;
  return s;
}

std::string format_ner_table(const NerScores& s, const std::string& title) {
  std::string out = fmt::format("{}  ({} sentences, {} words", title, s.sentences, s.words);
  if (s.seconds > 0)
    out += fmt::format(", {:.0f} words/s", static_cast<double>(s.words) / s.seconds);
  out += ")\n";
  out += fmt::format("{:<11} {:>6} {:>6} {:>6} {:>7} {:>7} {:>7}\n", "type", "gold", "pred",
                     "match", "P", "R", "F1");
  auto row = [&](const std::string& name, const F1& f) {
    out += fmt::format("{:<11} {:>6} {:>6} {:>6} {:>7.2f} {:>7.2f} {:>7.2f}\n", name, f.gold,
                       f.predicted, f.correct, f.precision(), f.recall(), f.f1());
  };
  for (const char* t : kEntityTypes) {
    auto it = s.by_type.find(t);
    if (it != s.by_type.end()) row(t, it->second);
  }
  if (s.by_type.count("MISC") && s.by_type.size() > 1) {
    F1 core;
    for (const char* t : {"PER", "ORG", "LOC"}) {
      auto it = s.by_type.find(t);
      if (it == s.by_type.end()) continue;
      core.gold += it->second.gold, core.predicted += it->second.predicted,
          core.correct += it->second.correct;
    }
    row("PER+ORG+LOC", core);
  }
  row("overall", s.overall);
  for (const auto& e : s.errors) out += e + "\n";
  return out;
}

}  // namespace parley::eval
