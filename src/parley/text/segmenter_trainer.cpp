// Training of the tokenizer and sentence models from gold CoNLL-U. Each treebank file is turned
// back into running text (as the CoNLL 2018 shared task did), so the models learn the decisions
// they face at run time, on exactly the text they will see.
#include <algorithm>
#include <map>
#include <random>

#include "parley/text/conllu.hpp"
#include "parley/text/segmenter.hpp"

namespace parley {

namespace {

struct Example {
  std::vector<uint32_t> feats;
  bool label;
};

void train_perceptron(BinaryPerceptron& model, std::vector<Example>& examples, int epochs,
                      uint32_t seed, const char* what, std::ostream& log) {
  std::mt19937 rng(seed);
  std::vector<size_t> order(examples.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  for (int e = 0; e < epochs; ++e) {
    // Fisher-Yates with our own draws, so the order is the same with every standard library.
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
    size_t errors = 0;
    for (size_t i : order) {
      errors += model.predict(examples[i].feats) != examples[i].label;
      model.train(examples[i].feats, examples[i].label);
    }
    log << what << " epoch " << (e + 1) << ": " << errors << " / " << examples.size()
        << " training errors\n";
  }
  model.average();
}

std::string pattern_of(const Chunk& c, const std::vector<uint8_t>& token_start) {
  std::string p;
  for (size_t j = 1; j < c.chars.size(); ++j)
    if (token_start[c.chars[j].byte]) p += static_cast<char>(c.chars[j].byte - c.start);
  return p;
}

}  // namespace

SegmenterModel train_segmenter(const SegmenterTrainOptions& opt, std::ostream& log) {
  SegmenterModel model;
  std::vector<conllu::GoldText> golds;
  for (const auto& f : opt.conllu_files) {
    golds.push_back(conllu::rebuild_text(conllu::read_file(f)));
    log << f << ": " << golds.back().sentences.size() << " sentences, "
        << golds.back().tokens.size() << " tokens\n";
  }

  // 1. Token boundaries inside whitespace chunks.
  std::vector<Example> examples;
  std::map<std::string, std::map<std::string, int>> chunk_patterns;
  std::vector<uint32_t> cands;
  for (const auto& g : golds) {
    std::vector<uint8_t> token_start(g.text.size() + 1, 0);
    for (const Span& t : g.tokens) token_start[t.start] = 1;
    Tokenizer::for_each_chunk(g.text, [&](Chunk& c) {
      if (c.plain) return;
      std::string_view whole = std::string_view(g.text).substr(c.start, c.end - c.start);
      if (whole.size() <= 64) ++chunk_patterns[std::string(whole)][pattern_of(c, token_start)];
      if (Tokenizer::looks_like_url(whole)) return;
      Tokenizer::candidates(c, cands);
      for (size_t k = 0; k < cands.size(); ++k) {
        Example ex;
        Tokenizer::features(g.text, c, cands, k, ex.feats);
        ex.label = token_start[c.chars[cands[k]].byte];
        examples.push_back(std::move(ex));
      }
    });
  }
  train_perceptron(model.tokenizer.splitter, examples, opt.epochs, opt.seed, "token split", log);
  examples.clear();

  // 2. Exceptions: chunks whose usual gold split the classifier does not reproduce.
  {
    TokenizerModel probe_model = model.tokenizer;  // no exceptions yet
    Tokenizer probe(probe_model);
    for (const auto& [chunk, patterns] : chunk_patterns) {
      auto best = std::max_element(patterns.begin(), patterns.end(),
                                   [](auto& a, auto& b) { return a.second < b.second; });
      Article a;
      a.text = chunk;
      probe.tokenize(a);
      std::string predicted;
      for (size_t t = 1; t < a.tokens.size(); ++t)
        predicted += static_cast<char>(a.tokens[t].span.start);
      if (predicted != best->first) model.tokenizer.chunk_exceptions[chunk] = best->first;
    }
    log << "chunk exceptions: " << model.tokenizer.chunk_exceptions.size() << " of "
        << chunk_patterns.size() << " distinct punctuated chunks\n";
  }

  // 3. Multi-word tokens: keep the forms whose majority split differs from the clitic rules.
  {
    std::map<std::string, std::map<std::string, int>> forms;
    for (const auto& g : golds) {
      for (size_t t = 0; t < g.tokens.size(); ++t) {
        std::string_view text =
            std::string_view(g.text).substr(g.tokens[t].start, g.tokens[t].size());
        std::string pattern;
        if (!g.mwt_words[t].empty()) {
          std::string joined;
          for (const auto& w : g.mwt_words[t]) {
            if (!joined.empty()) pattern += static_cast<char>(joined.size());
            joined += w;
          }
          if (joined != text) continue;  // words are not a plain split of the token
        }
        if (text.size() < 64) ++forms[utf8::lower(text)][pattern];
      }
    }
    for (const auto& [form, patterns] : forms) {
      auto best = std::max_element(patterns.begin(), patterns.end(),
                                   [](auto& a, auto& b) { return a.second < b.second; });
      if (Tokenizer::default_word_splits(form) != best->first)
        model.tokenizer.multiword[form] = best->first;
    }
    log << "multi-word table: " << model.tokenizer.multiword.size() << " forms\n";
  }

  // 4. Sentence boundaries, over Parley's own tokens of the same text.
  Tokenizer tokenizer(model.tokenizer);
  std::vector<Gap> gaps;
  for (const auto& g : golds) {
    std::vector<uint8_t> sentence_end(g.text.size() + 1, 0);
    for (const Span& s : g.sentences) sentence_end[s.end] = 1;
    Article a;
    a.text = g.text;
    tokenizer.tokenize(a);
    SentenceSplitter::gaps(a, gaps);
    for (size_t i = 0; i < a.tokens.size(); ++i) {
      if (!SentenceSplitter::is_candidate(a, gaps, i)) continue;
      Example ex;
      SentenceSplitter::features(a, gaps, i, ex.feats);
      ex.label = sentence_end[a.tokens[i].span.end];
      examples.push_back(std::move(ex));
    }
  }
  train_perceptron(model.sentences.boundary, examples, opt.epochs, opt.seed + 1, "sentence", log);
  return model;
}

}  // namespace parley
