// Tokenizer following UD English (EWT) conventions: whitespace chunks are split at punctuation
// where a learned classifier (trained on the treebanks' gold tokenization) says so, with an
// exception table for chunks the classifier gets wrong in training; tokens then split into
// syntactic words ("don't" -> "do" + "n't", "cannot" -> "can" + "not").
#pragma once

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
  std::vector<ChunkChar> chars;
  bool plain = true;  // only letters, digits and marks: never split into tokens
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
                   std::vector<uint32_t>& scratch_cands, std::vector<uint32_t>& scratch_feats) const;
  void add_token(Article& a, uint32_t start, uint32_t end) const;

  const TokenizerModel& model_;
  uint64_t mw_length_mask_ = 0;  // bit n set when some multi-word key has n bytes (n < 64)
};

// A compact description of a token's shape: "U.S." -> "X.X.", "Mr." -> "Xx.", "2019" -> "dd".
std::string word_shape(std::string_view token);

template <typename F>
void Tokenizer::for_each_chunk(std::string_view text, F&& f) {
  Chunk chunk;
  size_t pos = 0;
  const size_t n = text.size();
  while (pos < n) {
    // Skip whitespace.
    while (pos < n) {
      unsigned char b = static_cast<unsigned char>(text[pos]);
      if (b < 0x80) {
        if (b == ' ' || (b >= '\t' && b <= '\r')) { ++pos; continue; }
        break;
      }
      size_t p2 = pos;
      char32_t cp = utf8::decode(text, p2);
      if (utf8::classify(cp) != utf8::CharClass::kSpace) break;
      pos = p2;
    }
    if (pos >= n) break;
    chunk.start = static_cast<uint32_t>(pos);
    chunk.chars.clear();
    chunk.plain = true;
    while (pos < n) {
      unsigned char b = static_cast<unsigned char>(text[pos]);
      size_t p2 = pos;
      char32_t cp = b < 0x80 ? (++p2, b) : utf8::decode(text, p2);
      utf8::CharClass cls = utf8::classify(cp);
      if (cls == utf8::CharClass::kSpace) break;
      if (!utf8::is_alnum(cls)) chunk.plain = false;
      chunk.chars.push_back({cp, cls, static_cast<uint32_t>(pos)});
      pos = p2;
    }
    chunk.end = static_cast<uint32_t>(pos);
    f(chunk);
  }
}

}  // namespace parley
