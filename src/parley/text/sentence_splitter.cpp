#include "parley/text/sentence_splitter.hpp"

#include <algorithm>
#include <string>

#include "parley/text/tokenizer.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

using utf8::CharClass;

namespace {

CharClass first_class(std::string_view s) {
  size_t pos = 0;
  return s.empty() ? CharClass::kOther : utf8::classify(utf8::decode(s, pos));
}
CharClass last_class(std::string_view s) {
  if (s.empty()) return CharClass::kOther;
  size_t pos = s.size() - 1;
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return utf8::classify(utf8::decode(s, pos));
}

}  // namespace

bool SentenceSplitter::hard_wrapped(std::string_view text) {
  size_t lines = 0, wide = 0, max_len = 0, start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i == text.size() || text[i] == '\n') {
      size_t len = i - start;
      if (len > 0) {
        ++lines;
        max_len = std::max(max_len, len);
        if (len >= 55) ++wide;
      }
      start = i + 1;
    }
  }
  return lines >= 5 && max_len <= 100 && wide * 2 >= lines;
}

void SentenceSplitter::gaps(const Article& a, std::vector<Gap>& out) {
  out.assign(a.tokens.size(), Gap::kParagraph);
  const bool soft = hard_wrapped(a.text);
  for (size_t i = 0; i + 1 < a.tokens.size(); ++i) {
    uint32_t b = a.tokens[i].span.end, e = a.tokens[i + 1].span.start;
    if (b == e) {
      out[i] = Gap::kNone;
      continue;
    }
    int newlines = 0;
    for (uint32_t k = b; k < e; ++k) newlines += a.text[k] == '\n';
    out[i] = newlines >= 2   ? Gap::kParagraph
             : newlines == 1 ? (soft ? Gap::kLine : Gap::kParagraph)
                             : Gap::kSpace;
  }
}

bool SentenceSplitter::is_candidate(const Article& a, const std::vector<Gap>& gaps, size_t i) {
  if (i + 1 >= a.tokens.size() || gaps[i] == Gap::kParagraph) return false;
  if (gaps[i] == Gap::kLine) return true;
  CharClass cur = last_class(a.token_text(i));
  if (!utf8::is_alnum(cur)) return true;
  CharClass next = first_class(a.token_text(i + 1));
  return next != CharClass::kLower && next != CharClass::kPunct && next != CharClass::kPeriod;
}

void SentenceSplitter::features(const Article& a, const std::vector<Gap>& gaps, size_t i,
                                std::vector<uint32_t>& out) {
  TokenHashes cache;
  features(a, gaps, i, cache, out);
}

void SentenceSplitter::features(const Article& a, const std::vector<Gap>& gaps, size_t i,
                                TokenHashes& cache, std::vector<uint32_t>& out) {
  out.clear();
  const size_t n = a.tokens.size();
  if (cache.lower.size() != n) {
    cache.lower.assign(n, 0);
    cache.shape.assign(n, 0);
  }
  auto text_at = [&](long k) {
    return k < 0 || k >= static_cast<long>(n) ? std::string_view()
                                              : a.token_text(static_cast<size_t>(k));
  };
  // Frequent short tokens are features themselves; long rare ones only through their shape.
  auto key = [&](long k) -> uint64_t {
    if (k < 0 || k >= static_cast<long>(n)) return 2;
    uint64_t& h = cache.lower[k];
    if (!h) {
      std::string_view t = a.token_text(static_cast<size_t>(k));
      h = (t.size() > 20 ? 1 : hash_lower(t)) | 4;  // never 0, the "not computed" mark
    }
    return h;
  };
  auto shape = [&](long k) -> uint64_t {
    if (k < 0 || k >= static_cast<long>(n)) return 2;
    uint64_t& h = cache.shape[k];
    if (!h) h = hash_shape(a.token_text(static_cast<size_t>(k))) | 4;
    return h;
  };
  const long I = static_cast<long>(i);
  std::string_view cur = text_at(I), next = text_at(I + 1);
  uint64_t kc = key(I), kn = key(I + 1), kp = key(I - 1), kp2 = key(I - 2);
  uint64_t sc = shape(I), sn = shape(I + 1), sp = shape(I - 1);
  uint64_t sn2 = shape(I + 2);
  // A soft line break in wrapped text reads as a space: the treebanks have no wrapped lines.
  auto gap_of = [](Gap x) { return static_cast<uint64_t>(x == Gap::kLine ? Gap::kSpace : x); };
  uint64_t g = gap_of(gaps[i]), gp = i > 0 ? gap_of(gaps[i - 1]) : 7;
  out.push_back(feature_hash(0, 0));
  out.push_back(feature_hash(1, kc));
  out.push_back(feature_hash(2, kn));
  out.push_back(feature_hash(3, kp, kc));
  out.push_back(feature_hash(4, kc, kn));
  out.push_back(feature_hash(5, sc, sn));
  out.push_back(feature_hash(6, sp, sc));
  out.push_back(feature_hash(7, kc, sn));
  out.push_back(feature_hash(8, sc ^ g, sn));
  out.push_back(feature_hash(9, kp ^ gp, kc));
  out.push_back(feature_hash(10, sn, sn2));
  out.push_back(feature_hash(11, kc ^ g, kn));
  out.push_back(feature_hash(12, kp2, kp * 31 + kc));
  // Sentence length so far (in tokens, bucketed): very short "sentences" are usually wrong.
  size_t since = 0;
  for (size_t k = i; k > 0 && since < 40; --k, ++since)
    if (gaps[k - 1] == Gap::kParagraph) break;
  uint64_t bucket = since < 3 ? since : since < 6 ? 3 : since < 12 ? 4 : since < 25 ? 5 : 6;
  out.push_back(feature_hash(13, bucket << 8 | static_cast<uint64_t>(last_class(cur))));
  out.push_back(feature_hash(14, g << 60 ^ sc, kn));
  // Was the token before the candidate an abbreviation-like "Xx." or "X."?
  bool period_attached = cur.size() > 1 && cur.back() == '.';
  out.push_back(feature_hash(
      15, (period_attached ? 1u : 0u) << 4 | static_cast<uint64_t>(first_class(next))));
  // Classes around the candidate: a bracket or quote closes a sentence only after terminal marks.
  uint64_t prev_last = I > 0 ? static_cast<uint64_t>(last_class(text_at(I - 1))) : 15;
  out.push_back(feature_hash(16, prev_last << 16 | static_cast<uint64_t>(last_class(cur)) << 8 |
                                     static_cast<uint64_t>(first_class(next))));
}

void SentenceSplitter::split(Article& a) const {
  a.sentences.clear();
  if (a.tokens.empty()) return;
  std::vector<Gap> g;
  gaps(a, g);
  std::vector<uint32_t> feats;
  TokenHashes cache;
  uint32_t first = 0;
  auto close = [&](uint32_t last) {
    Sentence s;
    s.first_token = first;
    s.token_count = last - first + 1;
    s.span = {a.tokens[first].span.start, a.tokens[last].span.end};
    s.first_word = a.tokens[first].first_word;
    s.word_count = a.tokens[last].first_word + a.tokens[last].word_count - s.first_word;
    a.sentences.push_back(s);
    first = last + 1;
  };
  // Where to cut a sentence that reached the length cap at token i.
  auto forced_break = [&](uint32_t i) {
    for (std::string_view marks : {std::string_view(";:"), std::string_view(",")})
      for (uint32_t k = i; k > first + kMaxSentenceTokens / 2; --k) {
        std::string_view t = a.token_text(k);
        if (t.size() == 1 && marks.find(t[0]) != std::string_view::npos) return k;
      }
    return i;
  };
  for (uint32_t i = 0; i < a.tokens.size(); ++i) {
    bool end = i + 1 == a.tokens.size() || g[i] == Gap::kParagraph;
    if (!end && is_candidate(a, g, i)) {
      features(a, g, i, cache, feats);
      end = model_.boundary.predict(feats);
    }
    if (end)
      close(i);
    else if (i + 1 - first >= kMaxSentenceTokens)
      close(forced_break(i));
  }
}

}  // namespace parley
