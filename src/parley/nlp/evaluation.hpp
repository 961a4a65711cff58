// Scores the tagger, lemmatizer and parser against a gold treebank with the CoNLL 2018 shared
// task measures: UPOS, XPOS, UFeats, Lemmas, UAS and LAS (LAS compares the universal part of the
// relation, before ':'). Either on gold tokenization, or on raw text rebuilt from the treebank
// and run through the segmenter, with predicted words aligned to gold words by their character
// spans; each measure is then an F1 over aligned words.
#pragma once

#include <vector>

#include "parley/eval/metrics.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/text/conllu.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::nlp {

struct ParseScores {
  size_t gold_words = 0, predicted_words = 0, aligned_words = 0;
  size_t upos = 0, xpos = 0, ufeats = 0, lemmas = 0, uas = 0, las = 0;  // correct, aligned words
  double seconds = 0;  // time spent tagging and parsing (and segmenting, on raw text)

  // F1 of a count of correct words (equals accuracy on gold tokenization).
  double f1(size_t correct) const { return eval::F1{gold_words, predicted_words, correct}.f1(); }
};

ParseScores evaluate_gold_tokens(const Tagger& tagger, const Parser& parser,
                                 const std::vector<conllu::Sentence>& gold);
ParseScores evaluate_raw_text(const Segmenter& segmenter, const Tagger& tagger,
                              const Parser& parser, const std::vector<conllu::Sentence>& gold);

}  // namespace parley::nlp
