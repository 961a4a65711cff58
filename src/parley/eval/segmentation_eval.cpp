#include "parley/eval/segmentation_eval.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <tuple>

#include "parley/text/utf8.hpp"

namespace parley::eval {

namespace {

template <typename T>
size_t count_common(std::vector<T> a, std::vector<T> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  size_t i = 0, j = 0, n = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] < b[j])
      ++i;
    else if (b[j] < a[i])
      ++j;
    else
      ++n, ++i, ++j;
  }
  return n;
}

// A word as the scorer sees it: its token's span plus, inside a multi-word token, its position
// and lowercased form (words of one multi-word token share the token's span, as in CoNLL 2018).
using WordKey = std::tuple<uint32_t, uint32_t, uint32_t, std::string>;

}  // namespace

SegmentationScores evaluate_segmentation(const Segmenter& segmenter,
                                         const std::vector<conllu::Sentence>& gold,
                                         const std::string& doc_prefix, size_t max_examples) {
  std::vector<conllu::Sentence> kept;
  bool keep = doc_prefix.empty();
  SegmentationScores scores;
  for (const auto& s : gold) {
    if (s.newdoc) {
      keep = doc_prefix.empty() || s.newdoc_id.rfind(doc_prefix, 0) == 0;
      if (keep) ++scores.documents;
    }
    if (keep) kept.push_back(s);
  }
  if (scores.documents == 0 && !kept.empty()) scores.documents = 1;
  conllu::GoldText g = conllu::rebuild_text(kept);

  Article a;
  a.text = g.text;
  auto t0 = std::chrono::steady_clock::now();
  segmenter.run(a);
  scores.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  scores.bytes = a.text.size();

  std::vector<std::pair<uint32_t, uint32_t>> gt, pt, gs, ps;
  std::vector<WordKey> gw, pw;
  for (size_t t = 0; t < g.tokens.size(); ++t) {
    gt.emplace_back(g.tokens[t].start, g.tokens[t].end);
    if (g.mwt_words[t].empty()) {
      gw.emplace_back(g.tokens[t].start, g.tokens[t].end, 0, "");
    } else {
      for (size_t k = 0; k < g.mwt_words[t].size(); ++k)
        gw.emplace_back(g.tokens[t].start, g.tokens[t].end, k, utf8::lower(g.mwt_words[t][k]));
    }
  }
  for (const auto& s : g.sentences) gs.emplace_back(s.start, s.end);
  for (size_t t = 0; t < a.tokens.size(); ++t) {
    const Token& tok = a.tokens[t];
    pt.emplace_back(tok.span.start, tok.span.end);
    if (tok.word_count == 1) {
      pw.emplace_back(tok.span.start, tok.span.end, 0, "");
    } else {
      for (uint32_t k = 0; k < tok.word_count; ++k)
        pw.emplace_back(tok.span.start, tok.span.end, k,
                        utf8::lower(a.word_text(tok.first_word + k)));
    }
  }
  for (const auto& s : a.sentences) ps.emplace_back(s.span.start, s.span.end);

  if (max_examples > 0) {
    auto context = [&](uint32_t at) {
      uint32_t b = at > 40 ? at - 40 : 0;
      uint32_t e = std::min<uint32_t>(static_cast<uint32_t>(a.text.size()), at + 40);
      std::string s = a.text.substr(b, at - b) + "<|>" + a.text.substr(at, e - at);
      for (char& c : s)
        if (c == '\n') c = ' ';
      return s;
    };
    std::vector<uint32_t> gold_ends, pred_ends;
    for (auto& [b, e] : gs) gold_ends.push_back(e);
    for (auto& [b, e] : ps) pred_ends.push_back(e);
    std::sort(gold_ends.begin(), gold_ends.end());
    std::sort(pred_ends.begin(), pred_ends.end());
    for (uint32_t e : gold_ends)
      if (!std::binary_search(pred_ends.begin(), pred_ends.end(), e) &&
          scores.examples.size() < max_examples)
        scores.examples.push_back("missed sentence end: " + context(e));
    for (uint32_t e : pred_ends)
      if (!std::binary_search(gold_ends.begin(), gold_ends.end(), e) &&
          scores.examples.size() < 2 * max_examples)
        scores.examples.push_back("spurious sentence end: " + context(e));
    auto gsorted = gt, psorted = pt;
    std::sort(gsorted.begin(), gsorted.end());
    std::sort(psorted.begin(), psorted.end());
    size_t shown = 0;
    for (auto& t : gsorted)
      if (!std::binary_search(psorted.begin(), psorted.end(), t) && shown++ < max_examples)
        scores.examples.push_back("missed token: [" + a.text.substr(t.first, t.second - t.first) +
                                  "] in " + context(t.first));
  }
  scores.tokens = {gt.size(), pt.size(), count_common(gt, pt)};
  scores.words = {gw.size(), pw.size(), count_common(gw, pw)};
  scores.sentences = {gs.size(), ps.size(), count_common(gs, ps)};
  return scores;
}

}  // namespace parley::eval
