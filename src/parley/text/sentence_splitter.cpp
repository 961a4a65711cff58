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

// Frequent short tokens are features themselves; long rare ones only through their shape.
std::string token_key(std::string_view t) {
  if (t.size() > 20) return "<long>";
  return utf8::lower(t);
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
    out[i] = newlines >= 2 ? Gap::kParagraph
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
  out.clear();
  const size_t n = a.tokens.size();
  std::string_view cur = a.token_text(i);
  std::string_view next = i + 1 < n ? a.token_text(i + 1) : std::string_view();
  std::string_view next2 = i + 2 < n ? a.token_text(i + 2) : std::string_view();
  std::string_view prev = i > 0 ? a.token_text(i - 1) : std::string_view();
  std::string_view prev2 = i > 1 ? a.token_text(i - 2) : std::string_view();
  std::string kc = token_key(cur), kn = token_key(next), kp = token_key(prev);
  std::string sc = word_shape(cur), sn = word_shape(next), sp = word_shape(prev);
  std::string sn2 = word_shape(next2);
  // A soft line break in wrapped text reads as a space: the treebanks have no wrapped lines.
  auto gap_char = [](Gap x) { return static_cast<char>('0' + static_cast<int>(x == Gap::kLine ? Gap::kSpace : x)); };
  char gap = gap_char(gaps[i]);
  char gap_prev = i > 0 ? gap_char(gaps[i - 1]) : 'P';
  std::string_view g(&gap, 1), gp(&gap_prev, 1);
  out.push_back(feature_hash(0, 0));
  out.push_back(feature_hash(1, kc));
  out.push_back(feature_hash(2, kn));
  out.push_back(feature_hash(3, kp, kc));
  out.push_back(feature_hash(4, kc, kn));
  out.push_back(feature_hash(5, sc, sn));
  out.push_back(feature_hash(6, sp, sc));
  out.push_back(feature_hash(7, kc, sn));
  out.push_back(feature_hash(8, sc + std::string(g), sn));
  out.push_back(feature_hash(9, kp + std::string(gp), kc));
  out.push_back(feature_hash(10, sn, sn2));
  out.push_back(feature_hash(11, kc + std::string(g), kn));
  out.push_back(feature_hash(12, token_key(prev2), kp + "|" + kc));
  // Sentence length so far (in tokens, bucketed): very short "sentences" are usually wrong.
  size_t since = 0;
  for (size_t k = i; k > 0 && since < 40; --k, ++since)
    if (gaps[k - 1] == Gap::kParagraph) break;
  uint64_t bucket = since < 3 ? since : since < 6 ? 3 : since < 12 ? 4 : since < 25 ? 5 : 6;
  out.push_back(feature_hash(13, bucket << 8 | static_cast<uint64_t>(last_class(cur))));
  out.push_back(feature_hash(14, std::string(g) + sc, kn));
  // Was the token before the candidate an abbreviation-like "Xx." or "X."?
  bool period_attached = cur.size() > 1 && cur.back() == '.';
  out.push_back(feature_hash(15, (period_attached ? 1u : 0u) << 4 | static_cast<uint64_t>(first_class(next))));
}

void SentenceSplitter::split(Article& a) const {
  a.sentences.clear();
  if (a.tokens.empty()) return;
  std::vector<Gap> g;
  gaps(a, g);
  std::vector<uint32_t> feats;
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
  for (uint32_t i = 0; i < a.tokens.size(); ++i) {
    bool end = i + 1 == a.tokens.size() || g[i] == Gap::kParagraph;
    if (!end && is_candidate(a, g, i)) {
      features(a, g, i, feats);
      end = model_.boundary.predict(feats);
    }
    if (end) close(i);
  }
}

}  // namespace parley
