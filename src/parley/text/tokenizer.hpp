// Tokenizer following UD English (EWT) conventions: whitespace chunks are split at punctuation
// where a learned classifier (trained on the treebanks' gold tokenization) says so, with an
// exception table for chunks the classifier gets wrong in training; tokens then split into
// syntactic words ("don't" -> "do" + "n't", "cannot" -> "can" + "not").
#pragma once

#include <array>
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

  // Exposed for the trainer: candidate split points (char indices j: split before chars[j]) of
  // a non-plain chunk, and the features of candidate number k.
  static void candidates(const Chunk& chunk, std::vector<uint32_t>& out);
  static void features(std::string_view text, const Chunk& chunk,
                       const std::vector<uint32_t>& cands, size_t k, std::vector<uint32_t>& out);
  // Calls f(chunk) for every whitespace-delimited chunk of text.
  template <typename F>
  static void for_each_chunk(std::string_view text, F&& f);
  // Word split offsets for a token not in the multi-word table (clitic rules); "" = one word.
  static std::string default_word_splits(std::string_view token);
  // True for URLs and e-mail addresses, which stay one token (but for trailing punctuation).
  static bool looks_like_url(std::string_view chunk_text);

 private:
  void split_chunk(std::string_view text, Chunk& chunk, Article& a,
                   std::vector<uint32_t>& scratch_cands,
                   std::vector<uint32_t>& scratch_feats) const;
  void add_token(Article& a, uint32_t start, uint32_t end, bool plain = false) const;

  const TokenizerModel& model_;
  // Lowercase hashes of the multi-word table's keys, so the common miss costs no allocation,
  // and a filter on (length, last byte) that rejects most tokens before hashing.
  std::vector<uint64_t> mw_hashes_;
  std::array<uint64_t, 1024> mw_filter_{};
  std::vector<size_t> exception_hashes_;  // sorted hashes of chunk_exceptions' keys
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

template <typename F>
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
    bool ascii = true;
    while (pos < n) {
      unsigned char b = s[pos];
      if (b < 0x80) {
        uint8_t kind = detail::kAsciiKind[b];
        if (kind == 1) break;
        if (kind != 2) chunk.plain = false;
        ++pos;
        continue;
      }
      ascii = false;
      size_t p2 = pos;
      utf8::CharClass cls = utf8::classify(utf8::decode(text, p2));
      if (cls == utf8::CharClass::kSpace) break;
      if (!utf8::is_alnum(cls)) chunk.plain = false;
      pos = p2;
    }
    chunk.end = static_cast<uint32_t>(pos);
    chunk.chars.clear();
    if (!chunk.plain) {
      for (size_t p = chunk.start; p < chunk.end;) {
        size_t at = p;
        char32_t cp = s[p] < 0x80 ? s[p++] : utf8::decode(text, p);
        chunk.chars.push_back({cp, utf8::classify(cp), static_cast<uint32_t>(at)});
      }
    }
    (void)ascii;
    f(chunk);
  }
}

}  // namespace parley
