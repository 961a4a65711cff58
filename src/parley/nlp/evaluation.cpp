#include "parley/nlp/evaluation.hpp"

#include <chrono>
#include <map>
#include <tuple>

#include "parley/nlp/gold_article.hpp"
#include "parley/text/utf8.hpp"

namespace parley::nlp {

namespace {

std::string_view universal(std::string_view deprel) {
  return deprel.substr(0, deprel.find(':'));
}
std::string_view feats_of(const std::string& f) {
  return f == "_" ? std::string_view() : std::string_view(f);
}

// Counts one aligned word pair; `head_ok` says whether the predicted head maps to the gold one.
void score_word(ParseScores& s, const conllu::WordLine& g, const WordAnalysis& p, bool head_ok) {
  ++s.aligned_words;
  s.upos += p.upos == g.upos;
  s.xpos += p.xpos == g.xpos;
  s.ufeats += feats_of(p.feats) == feats_of(g.feats);
  s.lemmas += p.lemma == g.lemma;
  if (head_ok) {
    ++s.uas;
    s.las += universal(p.deprel) == universal(g.deprel);
  }
}

double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

ParseScores evaluate_gold_tokens(const Tagger& tagger, const Parser& parser,
                                 const std::vector<conllu::Sentence>& gold) {
  Article a = gold_article(gold, false);
  auto t0 = std::chrono::steady_clock::now();
  tagger.process(a);
  parser.process(a);
  ParseScores s;
  s.seconds = since(t0);
  size_t w = 0;
  for (const auto& sent : gold)
    for (const auto& g : sent.words) {
      const WordAnalysis& p = a.analysis[w++];
      score_word(s, g, p, p.head == g.head);
    }
  s.gold_words = s.predicted_words = w;
  return s;
}

ParseScores evaluate_raw_text(const Segmenter& segmenter, const Tagger& tagger,
                              const Parser& parser, const std::vector<conllu::Sentence>& gold) {
  conllu::GoldText g = conllu::rebuild_text(gold);
  Article a;
  a.text = g.text;
  auto t0 = std::chrono::steady_clock::now();
  segmenter.run(a);
  tagger.process(a);
  parser.process(a);
  ParseScores s;
  s.seconds = since(t0);

  // A word is identified by its token's span, and inside a multi-word token by its position and
  // lowercased form, as in the CoNLL 2018 evaluation.
  using Key = std::tuple<uint32_t, uint32_t, uint32_t, std::string>;
  std::map<Key, size_t> gold_index;  // key -> global gold word index
  std::vector<const conllu::WordLine*> gold_words;
  std::vector<size_t> gold_head;  // global index + 1 of the head, 0 = root
  size_t tok = 0;
  for (const auto& sent : gold) {
    size_t base = gold_words.size();
    for (const auto& t : sent.tokens) {
      const Span sp = g.tokens[tok++];
      for (int k = 0; k < t.word_count; ++k) {
        const auto& w = sent.words[static_cast<size_t>(t.first_word + k)];
        Key key{sp.start, sp.end, static_cast<uint32_t>(k),
                t.word_count > 1 ? utf8::lower(w.form) : ""};
        gold_index.emplace(key, base + static_cast<size_t>(t.first_word + k));
      }
    }
    for (const auto& w : sent.words) {
      gold_words.push_back(&w);
      gold_head.push_back(w.head > 0 ? base + static_cast<size_t>(w.head) : 0);
    }
  }
  s.gold_words = gold_words.size();
  s.predicted_words = a.words.size();
  // Predicted word -> aligned gold word (or none).
  std::vector<long> align(a.words.size(), -1);
  for (size_t ti = 0; ti < a.tokens.size(); ++ti) {
    const Token& t = a.tokens[ti];
    for (uint32_t k = 0; k < t.word_count; ++k) {
      uint32_t wi = t.first_word + k;
      Key key{t.span.start, t.span.end, k, t.word_count > 1 ? utf8::lower(a.word_text(wi)) : ""};
      auto it = gold_index.find(key);
      if (it != gold_index.end()) align[wi] = static_cast<long>(it->second);
    }
  }
  for (const Sentence& sent : a.sentences)
    for (uint32_t k = 0; k < sent.word_count; ++k) {
      uint32_t wi = sent.first_word + k;
      if (align[wi] < 0) continue;
      const WordAnalysis& p = a.analysis[wi];
      size_t gi = static_cast<size_t>(align[wi]);
      // Predicted head in gold numbering (global index + 1, 0 = root); unaligned heads never match.
      long ph = p.head == 0 ? 0
                : p.head > 0 && align[sent.first_word + static_cast<uint32_t>(p.head) - 1] >= 0
                    ? align[sent.first_word + static_cast<uint32_t>(p.head) - 1] + 1
                    : -1;
      score_word(s, *gold_words[gi], p, ph >= 0 && static_cast<size_t>(ph) == gold_head[gi]);
    }
  return s;
}

}  // namespace parley::nlp
