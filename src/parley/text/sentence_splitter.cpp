#include "parley/text/sentence_splitter.hpp"

#include <algorithm>
#include <array>
#include <cstring>
#include <string>

#include "parley/text/tokenizer.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

using utf8::CharClass;

namespace {

CharClass first_class(std::string_view s) {
  if (s.empty()) return CharClass::kOther;
  if (static_cast<unsigned char>(s[0]) < 0x80) return utf8::classify(static_cast<uint8_t>(s[0]));
  size_t pos = 0;
  return utf8::classify(utf8::decode(s, pos));
}
CharClass last_class(std::string_view s) {
  if (s.empty()) return CharClass::kOther;
  size_t pos = s.size() - 1;
  if (static_cast<unsigned char>(s[pos]) < 0x80)
    return utf8::classify(static_cast<uint8_t>(s[pos]));
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80) --pos;
  return utf8::classify(utf8::decode(s, pos));
}

// A soft line break in wrapped text reads as a space: the treebanks have no wrapped lines.
uint64_t gap_value(Gap x) {
  return static_cast<uint64_t>(x == Gap::kLine ? Gap::kSpace : x);
}

// Tokens from the paragraph's first up to token i, at most 40: the sentence-length feature.
size_t tokens_since_paragraph(const std::vector<Gap>& gaps, size_t i) {
  size_t since = 0;
  for (size_t k = i; k > 0 && since < 40; --k, ++since)
    if (gaps[k - 1] == Gap::kParagraph) break;
  return since;
}

}  // namespace

bool SentenceSplitter::hard_wrapped(std::string_view text) {
  size_t lines = 0, wide = 0, max_len = 0, start = 0;
  while (true) {
    const void* nl = std::memchr(text.data() + start, '\n', text.size() - start);
    size_t i = nl ? static_cast<size_t>(static_cast<const char*>(nl) - text.data()) : text.size();
    size_t len = i - start;
    if (len > 0) {
      ++lines;
      max_len = std::max(max_len, len);
      if (len >= 55) ++wide;
    }
    if (!nl) break;
    start = i + 1;
  }
  return lines >= 5 && max_len <= 100 && wide * 2 >= lines;
}

void SentenceSplitter::gaps(const Article& a, std::vector<Gap>& out) {
  out.assign(a.tokens.size(), Gap::kParagraph);
  int soft = -1;  // hard_wrapped(), scanned only once a single line break needs it
  for (size_t i = 0; i + 1 < a.tokens.size(); ++i) {
    uint32_t b = a.tokens[i].span.end, e = a.tokens[i + 1].span.start;
    if (b == e) {
      out[i] = Gap::kNone;
      continue;
    }
    int newlines = 0;
    for (uint32_t k = b; k < e; ++k) newlines += a.text[k] == '\n';
    if (newlines == 1 && soft < 0) soft = hard_wrapped(a.text);
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

namespace {

// Per ASCII byte: what hash_lower() mixes in (the byte, lowercased) and what hash_shape() emits
// (ascii_shape()); a table load each instead of three compares.
struct AsciiHashBytes {
  std::array<uint8_t, 128> lower{}, shape{};
};
inline constexpr AsciiHashBytes kAsciiHashBytes = [] {
  AsciiHashBytes t;
  for (unsigned b = 0; b < 128; ++b) {
    t.lower[b] = static_cast<uint8_t>(b - 'A' < 26u ? b + 32 : b);
    t.shape[b] = static_cast<uint8_t>(detail::ascii_shape(static_cast<unsigned char>(b)));
  }
  return t;
}();

// The two hashes of token_info(), written in place.
inline void fill_token_hashes(std::string_view t, SentenceSplitter::TokenInfo& x) {
  // Frequent short tokens are features themselves; long rare ones only through their shape.
  // Both hashes of a short ASCII token in one pass over its bytes (as hash_lower() and
  // hash_shape() compute them); anything else through those functions.
  const auto* p = reinterpret_cast<const unsigned char*>(t.data());
  const size_t n = t.size();
  if (n <= 20) {
    uint64_t lower = detail::kFnvBasis, shape = detail::kFnvBasis;
    int emitted = 0, run = 0;
    unsigned last = 0;
    size_t i = 0;
    for (; i < n; ++i) {
      const unsigned b = p[i];
      if (b >= 0x80) break;
      lower = (lower ^ kAsciiHashBytes.lower[b]) * detail::kFnvPrime;
      // ShapeState::add() with the ten-symbol cap folded into the emit condition: once ten are
      // out nothing more is, exactly as when hash_shape() stops reading.
      const unsigned c = kAsciiHashBytes.shape[b];
      run = c == last ? run + 1 : 0;
      const bool emit = run < 2 && emitted < 10;
      const uint64_t next = (shape ^ c) * detail::kFnvPrime;
      shape = emit ? next : shape;
      emitted += emit;
      last = c;
    }
    if (i == n) {
      x.key = lower | 4;
      x.shape = shape | 4;
      return;
    }
  }
  x.key = (n > 20 ? 1 : hash_lower(t)) | 4;
  x.shape = hash_shape(t) | 4;
}

// The classes and the period of token_info(): all the candidate test reads.
inline void fill_token_classes(std::string_view t, SentenceSplitter::TokenInfo& x) {
  x.first = first_class(t);
  x.last = last_class(t);
  x.period_attached = t.size() > 1 && t.back() == '.';
}

// split()'s working buffers.
struct Scratch {
  std::vector<Gap> gaps;
  std::vector<SentenceSplitter::TokenInfo> info;
  std::vector<uint8_t> end, since;
  std::vector<uint32_t> cands, feats;
  std::vector<float> scores;
};

}  // namespace

SentenceSplitter::TokenInfo SentenceSplitter::token_info(std::string_view t) {
  TokenInfo x;
  fill_token_hashes(t, x);
  fill_token_classes(t, x);
  return x;
}

void SentenceSplitter::features(const Article& a, const std::vector<Gap>& gaps, size_t i,
                                std::vector<uint32_t>& out) {
  const long n = static_cast<long>(a.tokens.size());
  TokenInfo infos[5];
  const TokenInfo* near[5];
  for (long d = -2; d <= 2; ++d) {
    long k = static_cast<long>(i) + d;
    if (k >= 0 && k < n) infos[d + 2] = token_info(a.token_text(static_cast<uint32_t>(k)));
    near[d + 2] = &infos[d + 2];
  }
  out.resize(kFeatures);
  features(near, i > 0, gaps[i], i > 0 ? gaps[i - 1] : Gap::kNone, tokens_since_paragraph(gaps, i),
           out.data());
}

void SentenceSplitter::features(const TokenInfo* const near[5], bool has_prev, Gap gap,
                                Gap prev_gap, size_t since, uint32_t* out) {
  const TokenInfo &p2 = *near[0], &p1 = *near[1], &cur = *near[2], &n1 = *near[3], &n2 = *near[4];
  const uint64_t kc = cur.key, kn = n1.key, kp = p1.key, kp2 = p2.key;
  const uint64_t sc = cur.shape, sn = n1.shape, sp = p1.shape, sn2 = n2.shape;
  const uint64_t g = gap_value(gap), gp = has_prev ? gap_value(prev_gap) : 7;
  out[0] = feature_hash(0, 0);
  out[1] = feature_hash(1, kc);
  out[2] = feature_hash(2, kn);
  out[3] = feature_hash(3, kp, kc);
  out[4] = feature_hash(4, kc, kn);
  out[5] = feature_hash(5, sc, sn);
  out[6] = feature_hash(6, sp, sc);
  out[7] = feature_hash(7, kc, sn);
  out[8] = feature_hash(8, sc ^ g, sn);
  out[9] = feature_hash(9, kp ^ gp, kc);
  out[10] = feature_hash(10, sn, sn2);
  out[11] = feature_hash(11, kc ^ g, kn);
  out[12] = feature_hash(12, kp2, kp * 31 + kc);
  // Sentence length so far (in tokens, bucketed): very short "sentences" are usually wrong.
  uint64_t bucket = since < 3 ? since : since < 6 ? 3 : since < 12 ? 4 : since < 25 ? 5 : 6;
  out[13] = feature_hash(13, bucket << 8 | static_cast<uint64_t>(cur.last));
  out[14] = feature_hash(14, g << 60 ^ sc, kn);
  // Was the token before the candidate an abbreviation-like "Xx." or "X."?
  out[15] =
      feature_hash(15, (cur.period_attached ? 1u : 0u) << 4 | static_cast<uint64_t>(n1.first));
  // Classes around the candidate: a bracket or quote closes a sentence only after terminal marks.
  uint64_t prev_last = has_prev ? static_cast<uint64_t>(p1.last) : 15;
  out[16] = feature_hash(
      16, prev_last << 16 | static_cast<uint64_t>(cur.last) << 8 | static_cast<uint64_t>(n1.first));
}

void SentenceSplitter::split(Article& a) const {
  a.sentences.clear();
  if (a.tokens.empty()) return;
  const size_t n = a.tokens.size();
  // Per-thread buffers, kept between articles: their allocation and zeroing per article was
  // a measurable share of the splitter. Every element read below is written first.
  thread_local Scratch scratch;
  std::vector<Gap>& g = scratch.gaps;
  g.resize(n);
  // Every token's info once, with two empty ones on each side for the neighbours of the first
  // and last tokens. The classes first (the candidate test needs no more), the hashes only for
  // the tokens within two of a candidate, which are all the features read.
  std::vector<TokenInfo>& info = scratch.info;
  info.resize(n + 4);
  info[0] = info[1] = info[n + 2] = info[n + 3] = TokenInfo{};
  fill_token_classes(a.token_text(0), info[2]);
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
  // The features of every candidate first, then their scores in one batch (no decision feeds
  // a later candidate's features, so the table's cache misses can overlap), then the sentences.
  std::vector<uint8_t>& end = scratch.end;
  end.assign(n, 0);
  std::vector<uint32_t>&cands = scratch.cands, &feats = scratch.feats;
  std::vector<uint8_t>& since_paragraph = scratch.since;
  cands.clear();
  since_paragraph.clear();
  size_t paragraph = 0;  // the current paragraph's first token
  int soft = -1;         // hard_wrapped(), scanned only once a single line break needs it
  const char* text = a.text.data();
  // One pass: the next token's classes, the gap after this token (as gaps() says), whether a
  // candidate follows this token.
  for (uint32_t i = 0; i < n; ++i) {
    if (i + 1 < n) {
      fill_token_classes(a.token_text(i + 1), info[i + 3]);
      const uint32_t b = a.tokens[i].span.end, e = a.tokens[i + 1].span.start;
      if (b == e) {
        g[i] = Gap::kNone;
      } else if (e - b == 1 && text[b] == ' ') {
        g[i] = Gap::kSpace;  // the usual gap, no line break to count
      } else {
        int newlines = 0;
        for (uint32_t k = b; k < e; ++k) newlines += text[k] == '\n';
        if (newlines == 1 && soft < 0) soft = hard_wrapped(a.text);
        g[i] = newlines >= 2   ? Gap::kParagraph
               : newlines == 1 ? (soft ? Gap::kLine : Gap::kParagraph)
                               : Gap::kSpace;
      }
    } else {
      g[i] = Gap::kParagraph;
    }
    if (i > 0 && g[i - 1] == Gap::kParagraph) paragraph = i;
    if (i + 1 == n || g[i] == Gap::kParagraph) {
      end[i] = 1;
      continue;
    }
    // A candidate as is_candidate() says, from the infos.
    if (g[i] == Gap::kLine || !utf8::is_alnum(info[i + 2].last) ||
        (info[i + 3].first != CharClass::kLower && info[i + 3].first != CharClass::kPunct &&
         info[i + 3].first != CharClass::kPeriod)) {
      cands.push_back(i);
      since_paragraph.push_back(static_cast<uint8_t>(std::min<size_t>(i - paragraph, 40)));
    }
  }
  size_t hashed = 0;  // tokens below this have their hashes
  for (uint32_t i : cands)
    for (size_t k = std::max<size_t>(hashed, i >= 2 ? i - 2 : 0); k <= i + 2 && k < n; ++k) {
      fill_token_hashes(a.token_text(static_cast<uint32_t>(k)), info[k + 2]);
      hashed = k + 1;
    }
  if (feats.size() < cands.size() * kFeatures) feats.resize(cands.size() * kFeatures);
  for (size_t c = 0; c < cands.size(); ++c) {
    const uint32_t i = cands[c];
    const TokenInfo* near[5] = {&info[i], &info[i + 1], &info[i + 2], &info[i + 3], &info[i + 4]};
    features(near, i > 0, g[i], i > 0 ? g[i - 1] : Gap::kNone, since_paragraph[c],
             feats.data() + c * kFeatures);
  }
  std::vector<float>& scores = scratch.scores;
  if (scores.size() < cands.size()) scores.resize(cands.size());
  model_.boundary.score_many(feats.data(), kFeatures, cands.size(), scores.data());
  for (size_t k = 0; k < cands.size(); ++k) end[cands[k]] = scores[k] > 0;
  // The flags through a local pointer: a sentence pushed could alias the vector's own pointer
  // as far as the compiler knows, which reloaded it (through the thread's TLS) per token.
  const uint8_t* const ends = end.data();
  for (uint32_t i = 0; i < n; ++i) {
    if (ends[i])
      close(i);
    else if (i + 1 - first >= kMaxSentenceTokens)
      close(forced_break(i));
  }
  // A very long article's buffers are not kept for the next, mostly short, ones.
  if (info.capacity() > (size_t{1} << 20)) scratch = Scratch{};
}

}  // namespace parley
