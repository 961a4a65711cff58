// Scores tokenization and sentence splitting against a gold treebank, the way the CoNLL 2018
// shared task did: rebuild the raw text from the gold file, segment it, and compare spans.
#pragma once

#include <string>
#include <vector>

#include "parley/eval/metrics.hpp"
#include "parley/text/conllu.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::eval {

struct SegmentationScores {
  F1 tokens, words, sentences;
  size_t documents = 0;
  double seconds = 0;
  size_t bytes = 0;
  std::vector<std::string> examples;  // a few errors in context, for reading
};

// Documents whose newdoc id does not start with `doc_prefix` (when non-empty) are left out.
SegmentationScores evaluate_segmentation(const Segmenter& segmenter,
                                         const std::vector<conllu::Sentence>& gold,
                                         const std::string& doc_prefix = "",
                                         size_t max_examples = 0);

}  // namespace parley::eval
