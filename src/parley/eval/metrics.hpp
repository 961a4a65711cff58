// Precision, recall and F1: the one home of the scoring arithmetic every evaluation prints
// (segmentation, parsing, NER, quotes, stance, events). Header-only, so the trainers of the
// runtime library (NER's held-out F1) use it without linking the evaluation library.
#pragma once

#include <cstddef>

namespace parley::eval {

// x out of n as a percentage; 0 when n is 0.
inline double pct(size_t x, size_t n) {
  return n ? 100.0 * static_cast<double>(x) / static_cast<double>(n) : 0.0;
}

// The harmonic mean of a precision and a recall (on any one scale); 0 when both are 0.
inline double f1_of(double precision, double recall) {
  return precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0;
}

// Counts of one matching task: gold items, predicted items, and the predictions that match.
struct F1 {
  size_t gold = 0, predicted = 0, correct = 0;
  double precision() const { return pct(correct, predicted); }
  double recall() const { return pct(correct, gold); }
  double f1() const { return f1_of(precision(), recall()); }
};

}  // namespace parley::eval
