// CoNLL-U: the reader, the gold-text rebuild, gold articles, and the clause view and attribution
// over whatever trees the file claims (cycles, heads out of range, empty sentences).
#include <sstream>

#include "fuzz_support.hpp"
#include "parley/extract/attribution.hpp"
#include "parley/extract/clause.hpp"
#include "parley/nlp/gold_article.hpp"
#include "parley/resources.hpp"
#include "parley/text/conllu.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The shipped word lists, read once: the clause view and attribution consult them.
  static const parley::extract::Attribution attribution =
      parley::extract::Attribution::load(parley::default_data_dir());
  std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
  std::vector<parley::conllu::Sentence> sentences;
  try {
    parley::conllu::Reader reader(in);
    for (parley::conllu::Sentence s; reader.next(s);) sentences.push_back(s);
  } catch (const std::runtime_error&) {
    return 0;  // a malformed line: reported by the reader, nothing more to do
  }
  parley::conllu::GoldText gold = parley::conllu::rebuild_text(sentences);
  for (parley::Span s : gold.tokens)
    parley::fuzz::require(s.start <= s.end && s.end <= gold.text.size());
  parley::Article a = parley::nlp::gold_article(sentences, true);
  if (a.analysis.size() != a.words.size()) return 0;
  parley::extract::ArticleIndex index(a, attribution.words());
  for (uint32_t si = 0; si < a.sentences.size(); ++si) {
    parley::extract::ClauseView v(index, si);
    for (int w = 0; w < v.size(); ++w) {
      parley::Span s = v.subtree_span(w);
      parley::fuzz::require(s.start <= v.span(w).start && v.span(w).end <= s.end);
      parley::fuzz::require(v.in_subtree(w, w));
    }
  }
  attribution.process(a);
  return 0;
}
