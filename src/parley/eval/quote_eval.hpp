// Scores quote and reported-speech attribution against GUM's discourse layer: every
// `Discourse=attribution…` relation names its cue word (signal lex-indwd, "said") and its
// source (signal sem-atsrc, "the minister"); GUM's coreference entities tell whether a speaker
// Parley resolved to another mention of the same entity is right.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "parley/eval/metrics.hpp"
#include "parley/pipeline/pipeline.hpp"
#include "parley/text/conllu.hpp"

namespace parley::eval {

struct QuoteScores {
  size_t docs = 0;
  size_t gold = 0;         // attribution relations with a lexical cue
  size_t gold_quoted = 0;  // ... of which are marked by quotation marks (direct quotes)
  size_t found = 0;        // gold relations whose cue Parley reports
  size_t found_quoted = 0;
  size_t predicted = 0;  // Parley quotes with a cue word
  size_t predicted_correct = 0;
  size_t speaker_correct = 0;  // of found: speaker is the gold source (same mention or entity)
  size_t speaker_correct_quoted = 0;  // of found_quoted
  double precision() const { return pct(predicted_correct, predicted); }
  double recall() const { return pct(found, gold); }
  double f1() const { return f1_of(precision(), recall()); }
  double speaker_accuracy() const { return pct(speaker_correct, found); }
};

// `analysis` runs from tags to attribution (tagger, parser, actors, attribution) on articles
// rebuilt from the gold tokens of each document whose id starts with `doc_prefix`.
// With `errors`, prints missed relations and wrong speakers.
QuoteScores evaluate_quotes(const std::vector<conllu::Sentence>& gold, const Pipeline& analysis,
                            const std::string& doc_prefix, std::ostream* errors);

}  // namespace parley::eval
