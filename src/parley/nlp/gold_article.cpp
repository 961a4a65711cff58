#include "parley/nlp/gold_article.hpp"

namespace parley::nlp {

Article gold_article(const std::vector<conllu::Sentence>& sentences, bool with_analysis) {
  Article a;
  conllu::GoldText g = conllu::rebuild_text(sentences);
  a.text = std::move(g.text);
  size_t tok = 0;
  for (size_t si = 0; si < sentences.size(); ++si) {
    const conllu::Sentence& s = sentences[si];
    Sentence out;
    out.span = g.sentences[si];
    out.first_token = static_cast<uint32_t>(a.tokens.size());
    out.first_word = static_cast<uint32_t>(a.words.size());
    for (const conllu::TokenLine& t : s.tokens) {
      Token token;
      token.span = g.tokens[tok++];
      token.first_word = static_cast<uint32_t>(a.words.size());
      token.word_count = static_cast<uint32_t>(t.word_count);
      token.space_after = t.space_after;
      uint32_t len = token.span.size(), n = token.word_count;
      // Words that spell their token piece by piece ("do" + "n't") get exact spans.
      std::string joined;
      for (uint32_t k = 0; k < n; ++k) joined += s.words[t.first_word + k].form;
      bool exact = n > 1 && joined == t.form;
      uint32_t at = token.span.start;
      for (uint32_t k = 0; k < n; ++k) {
        Word w;
        w.token = static_cast<uint32_t>(a.tokens.size());
        if (n == 1) {
          w.span = token.span;
        } else if (exact) {
          uint32_t flen = static_cast<uint32_t>(s.words[t.first_word + k].form.size());
          w.span = {at, at + flen};
          at += flen;
        } else {
          w.span = {token.span.start + len * k / n, token.span.start + len * (k + 1) / n};
        }
        a.words.push_back(w);
      }
      a.tokens.push_back(token);
    }
    out.token_count = static_cast<uint32_t>(a.tokens.size()) - out.first_token;
    out.word_count = static_cast<uint32_t>(a.words.size()) - out.first_word;
    a.sentences.push_back(out);
    if (with_analysis)
      for (const conllu::WordLine& w : s.words)
        a.analysis.push_back(
            WordAnalysis{w.upos, w.xpos, w.feats == "_" ? "" : w.feats, w.lemma, w.deprel, w.head});
  }
  a.id = content_id(a.text);
  return a;
}

}  // namespace parley::nlp
