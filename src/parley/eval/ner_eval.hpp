// Scores named-entity recognition against gold spans: exact match of boundaries and type,
// precision/recall/F1 per type and micro-averaged overall. Only the types the gold data
// annotates are scored: a prediction of a type the gold file never uses (MISC against UNER's
// PER/ORG/LOC) is dropped rather than counted wrong.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "parley/actors/ner.hpp"
#include "parley/eval/segmentation_eval.hpp"

namespace parley::eval {

struct NerScores {
  std::map<std::string, F1> by_type;  // PER, ORG, LOC, MISC (those in the gold data)
  F1 overall;
  size_t sentences = 0, words = 0;
  double seconds = 0;               // time spent recognizing (tagging included)
  std::vector<std::string> errors;  // sentences with a missed or spurious entity, for reading
};

// `predicted[i]` are the spans found in gold[i].
NerScores score_ner(const std::vector<NerSentence>& gold,
                    const std::vector<std::vector<EntitySpan>>& predicted, size_t max_errors = 0);

// Runs the recognizer over the gold sentences (gold words) and scores it.
// `untyped`: predictions count as type ENT (gold must use ENT too), for boundary-only scores.
NerScores evaluate_ner(const EntityRecognizer& recognizer, const std::vector<NerSentence>& gold,
                       size_t max_errors = 0, bool untyped = false);

// A table: type, gold, predicted, correct, P, R, F1.
std::string format_ner_table(const NerScores& scores, const std::string& title);

}  // namespace parley::eval
