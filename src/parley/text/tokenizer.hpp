// Tokenizer following UD English (EWT) conventions: whitespace chunks are split at punctuation
// where a learned classifier (trained on the treebanks' gold tokenization) says so, with an
// exception table for chunks the classifier gets wrong in training; tokens then split into
// syntactic words ("don't" -> "do" + "n't", "cannot" -> "can" + "not").
#pragma once

#include <array>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/doc/document.hpp"
#include "parley/text/perceptron.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

struct TokenizerModel {
  BinaryPerceptron splitter{18};
  // Chunk text -> byte offsets (one char each, relative to the chunk) where it splits into tokens.
  std::unordered_map<std::string, std::string> chunk_exceptions;
  // Lowercased token -> byte offsets where it splits into words.
  std::unordered_map<std::string, std::string> multiword;

  void save(binio::Writer& w) const;
  void load(binio::Reader& r);
};

// One code point of a chunk with its class and byte offset in the text.
struct ChunkChar {
  char32_t cp;
  utf8::CharClass cls;
  uint32_t byte;
};

// A whitespace-delimited run of the text, decoded.
struct Chunk {
  uint32_t start = 0, end = 0;
  std::vector<ChunkChar> chars;  // decoded only for chunks that are not plain
  bool plain = true;             // only letters, digits and marks: never split into tokens
};

class Tokenizer {
 public:
  explicit Tokenizer(const TokenizerModel& model);

  // Fills article.tokens and article.words from article.text (which must be valid UTF-8).
  void tokenize(Article& article) const;
  // Whether non-plain chunks seen before are replayed from the per-thread memo (on by default;
  // the results are the same either way: tests compare the two, benchmarks time them).
  void use_chunk_memo(bool on) { memo_on_ = on; }

  // Exposed for the trainer: candidate split points (char indices j: split before chars[j]) of
  // a non-plain chunk, and the features of candidate number k.
  static void candidates(const Chunk& chunk, std::vector<uint32_t>& out);
  static void features(std::string_view text, const Chunk& chunk,
                       const std::vector<uint32_t>& cands, size_t k, std::vector<uint32_t>& out);
  // What the features of every candidate of a chunk share: hashes of the whole chunk.
  struct ChunkHashes {
    uint64_t shape = 0, lower = 0;
    bool short_chunk = false;  // at most 24 bytes: its lowercased form is a feature too
  };
  static ChunkHashes chunk_hashes(std::string_view text, const Chunk& chunk);
  static constexpr size_t kMaxFeatures = 17;
  // The features of candidate k into out[0, kMaxFeatures); returns how many.
  static size_t features(std::string_view text, const Chunk& chunk,
                         const std::vector<uint32_t>& cands, size_t k, const ChunkHashes& whole,
                         uint32_t* out);
  // Calls f(chunk) for every whitespace-delimited chunk of text; with kDecode false the chars
  // of a non-plain chunk are left empty (decode_chars() fills them).
  template <bool kDecode = true, typename F>
  static void for_each_chunk(std::string_view text, F&& f);
  static void decode_chars(std::string_view text, Chunk& chunk);
  // Word split offsets for a token not in the multi-word table (clitic rules); "" = one word.
  static std::string default_word_splits(std::string_view token);
  // True for URLs and e-mail addresses, which stay one token (but for trailing punctuation).
  static bool looks_like_url(std::string_view chunk_text);

 private:
  void split_chunk(std::string_view text, Chunk& chunk, Article& a,
                   std::vector<uint32_t>& scratch_cands) const;
  void split_chunk_uncached(std::string_view text, Chunk& chunk, Article& a,
                            std::vector<uint32_t>& scratch_cands) const;
  void add_token(Article& a, uint32_t start, uint32_t end, bool plain = false) const;

  const TokenizerModel& model_;
  // Lowercase hashes of the multi-word table's keys, so the common miss costs no allocation,
  // and a filter on (length, last byte) that rejects most tokens before hashing.
  std::vector<uint64_t> mw_hashes_;
  std::array<uint64_t, 1024> mw_filter_{};
  std::vector<size_t> exception_hashes_;           // sorted hashes of chunk_exceptions' keys
  std::array<uint64_t, 1024> exception_filter_{};  // the same filter for chunk_exceptions
  // Which tokenizer wrote an entry of the per-thread chunk memo (see split_chunk): distinct for
  // every tokenizer built, so two models in one thread never read each other's entries.
  uint64_t memo_owner_ = 0;
  bool memo_on_ = true;
};

// A compact description of a token's shape: "U.S." -> "X.X.", "Mr." -> "Xx.", "2019" -> "dd".
std::string word_shape(std::string_view token);

namespace detail {
// ASCII byte -> 0 other, 1 whitespace, 2 letter or digit, 3 punctuation/symbol.
inline constexpr auto kAsciiKind = [] {
  std::array<uint8_t, 128> t{};
  for (int c = 0; c < 128; ++c) {
    if (c == ' ' || (c >= '\t' && c <= '\r'))
      t[c] = 1;
    else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
      t[c] = 2;
    else if (c > ' ' && c < 127)
      t[c] = 3;
  }
  return t;
}();
}  // namespace detail

// The first position at or after `pos` whose byte is not an ASCII letter or digit. Most of a
// news text is such runs (words), so they are skipped 16 bytes at a time where SSE2 is there
// (every x86-64); the scalar loop is the reference and handles the tail.
inline size_t skip_ascii_alnum(const unsigned char* s, size_t pos, size_t n) {
#if defined(__SSE2__)
  const __m128i case_bit = _mm_set1_epi8(0x20), a = _mm_set1_epi8('a' - 1),
                z = _mm_set1_epi8('z' + 1), d0 = _mm_set1_epi8('0' - 1),
                d9 = _mm_set1_epi8('9' + 1);
  while (pos + 16 <= n) {
    // Signed compares: bytes >= 0x80 are negative and fall outside both ranges.
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + pos));
    __m128i folded = _mm_or_si128(v, case_bit);
    __m128i letter = _mm_and_si128(_mm_cmpgt_epi8(folded, a), _mm_cmplt_epi8(folded, z));
    __m128i digit = _mm_and_si128(_mm_cmpgt_epi8(v, d0), _mm_cmplt_epi8(v, d9));
    unsigned other =
        ~static_cast<unsigned>(_mm_movemask_epi8(_mm_or_si128(letter, digit))) & 0xFFFFu;
    if (other) return pos + static_cast<size_t>(__builtin_ctz(other));
    pos += 16;
  }
#endif
  while (pos < n && s[pos] < 0x80 && detail::kAsciiKind[s[pos]] == 2) ++pos;
  return pos;
}

template <bool kDecode, typename F>
void Tokenizer::for_each_chunk(std::string_view text, F&& f) {
  Chunk chunk;
  size_t pos = 0;
  const size_t n = text.size();
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  while (pos < n) {
    // Skip whitespace.
    while (pos < n) {
      if (s[pos] < 0x80) {
        if (detail::kAsciiKind[s[pos]] == 1) {
          ++pos;
          continue;
        }
        break;
      }
      size_t p2 = pos;
      if (utf8::classify(utf8::decode(text, p2)) != utf8::CharClass::kSpace) break;
      pos = p2;
    }
    if (pos >= n) break;
    // Find the chunk's end; most chunks are plain ASCII words and need no decoding.
    chunk.start = static_cast<uint32_t>(pos);
    chunk.plain = true;
    while (pos < n) {
      pos = skip_ascii_alnum(s, pos, n);
      if (pos >= n) break;
      unsigned char b = s[pos];
      if (b < 0x80) {
        if (detail::kAsciiKind[b] == 1) break;
        chunk.plain = false;  // punctuation, a symbol or a control character
        ++pos;
        continue;
      }
      size_t p2 = pos;
      utf8::CharClass cls = utf8::classify(utf8::decode(text, p2));
      if (cls == utf8::CharClass::kSpace) break;
      if (!utf8::is_alnum(cls)) chunk.plain = false;
      pos = p2;
    }
    chunk.end = static_cast<uint32_t>(pos);
    chunk.chars.clear();
    if (kDecode && !chunk.plain) decode_chars(text, chunk);
    f(chunk);
  }
}

inline void Tokenizer::decode_chars(std::string_view text, Chunk& chunk) {
  const auto* s = reinterpret_cast<const unsigned char*>(text.data());
  chunk.chars.clear();
  for (size_t p = chunk.start; p < chunk.end;) {
    size_t at = p;
    char32_t cp = s[p] < 0x80 ? s[p++] : utf8::decode(text, p);
    chunk.chars.push_back({cp, utf8::classify(cp), static_cast<uint32_t>(at)});
  }
}

}  // namespace parley
