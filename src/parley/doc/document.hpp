// The document model shared by every stage: one Article owns its text, and sentences, tokens and
// words are plain index ranges over shared arrays, each carrying byte offsets into that text so
// every later record can point back at its evidence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// Byte offsets [start, end) into Article::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A surface token: a maximal unit of the text such as "don't", "U.S." or ",".
struct Token {
  Span span;
  uint32_t first_word = 0;  // index into Document::words
  uint32_t word_count = 1;  // >1 for multi-word tokens ("don't" -> "do" + "n't")
  bool space_after = true;
};

// A syntactic word (UD's word level). Words of a multi-word token split its span.
struct Word {
  Span span;
  uint32_t token = 0;  // index into Document::tokens
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;
  uint32_t token_count = 0;
  uint32_t first_word = 0;
  uint32_t word_count = 0;
};

// Per-word linguistic annotation filled by the nlp stage; empty until then.
struct WordAnalysis {
  std::string upos, xpos, feats, lemma, deprel;
  int32_t head = -1;  // sentence-local: 0 = root, k = k-th word of the sentence (1-based)
};

// A stretch of text that refers to an actor (a name, a description, a pronoun).
struct Mention {
  Span span;
  uint32_t sentence = 0;
  uint32_t actor = 0;  // index into Article::actors
  std::string kind;    // "name", "description", "pronoun", "metonym"
};

// One real-world actor of an article, with every mention of it.
struct Actor {
  std::string name;     // the fullest name seen ("John Kirby")
  std::string code;     // CAMEO-style: country + sector ("USAGOV"), or an organisation code
  std::string country;  // ISO 3166 alpha-3, "" when none
  std::string sector;   // GOV, MIL, REB, MED, ... "" for a state as a whole
  std::string type;     // PER, ORG, GPE, GRP, IGO, NGO, MED
  std::vector<uint32_t> mentions;  // indices into Article::mentions
};

// Where an article came from, so errors and records can name the file and offset.
struct Origin {
  std::string path;       // file path, or "-" for stdin
  uint64_t offset = 0;    // byte offset of the record inside that file
  uint64_t line = 0;      // 1-based line for line-oriented inputs, 0 otherwise
};

struct Article {
  std::string id;  // stable content hash of the text (hex)
  std::string source, url, date, title;
  std::string text;
  Origin origin;

  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Word> words;
  std::vector<WordAnalysis> analysis;  // parallel to words once the nlp stage ran
  std::vector<Actor> actors;           // filled by the actors stage
  std::vector<Mention> mentions;

  std::string_view view(Span s) const { return std::string_view(text).substr(s.start, s.size()); }
  std::string_view token_text(uint32_t i) const { return view(tokens[i].span); }
  std::string_view word_text(uint32_t i) const { return view(words[i].span); }
};

// A stable 64-bit content hash, printed as 16 hex digits; used as Article::id.
std::string content_id(std::string_view text);

}  // namespace parley
