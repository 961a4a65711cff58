// A check on the polarity Parley attaches to what actors do to each other, against NewsMTSC
// (policy news sentences with the sentiment each sentence expresses toward a named target).
// Parley's prediction for a target: the sign of the Goldstein score of the events whose target
// actor is that mention (criticised, accused, attacked -> negative; praised, aided ->
// positive), neutral when no event targets it. It measures the event layer's polarity where it
// speaks, not a sentiment model: coverage is low by design.
#pragma once

#include <string>

#include "parley/eval/metrics.hpp"
#include "parley/extract/ontology.hpp"
#include "parley/pipeline/pipeline.hpp"

namespace parley::eval {

struct StanceScores {
  size_t targets = 0, correct = 0;
  size_t predicted_polar = 0, predicted_polar_correct = 0;  // non-neutral predictions
  size_t gold_polar = 0;
  double accuracy() const { return targets ? 100.0 * correct / targets : 0; }
  double polar_precision() const { return pct(predicted_polar_correct, predicted_polar); }
  double polar_recall() const { return pct(predicted_polar_correct, gold_polar); }
};

// `chain` takes raw text to events (segment ... events). Throws on an unreadable file; bad
// lines are skipped and counted in `skipped`.
StanceScores evaluate_newsmtsc(const std::string& path, const Pipeline& chain,
                               const extract::Ontology& ontology, size_t* skipped);

}  // namespace parley::eval
