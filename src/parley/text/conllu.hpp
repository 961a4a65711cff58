// Reading and writing CoNLL-U (https://universaldependencies.org/format.html), the format of the
// treebanks the text and nlp models learn from and of `parley tokenize` / `parley parse` output.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "parley/doc/document.hpp"

namespace parley::conllu {

// One syntactic word line (integer id; multi-word ranges and empty nodes are kept apart).
struct WordLine {
  std::string form, lemma, upos, xpos, feats, deps, misc, deprel;
  int head = -1;  // -1 when the column is "_"
};

// One surface token: a plain word, or a multi-word range "3-4" covering several words.
struct TokenLine {
  std::string form;
  int first_word = 0;  // 0-based index into Sentence::words
  int word_count = 1;
  bool space_after = true;
};

struct Sentence {
  std::string sent_id, text;
  std::string newdoc_id;  // set when "# newdoc" precedes the sentence
  bool newdoc = false, newpar = false;
  std::vector<std::string> comments;  // every comment line, without the leading "# "
  std::vector<TokenLine> tokens;
  std::vector<WordLine> words;
};

// Streams sentences from a CoNLL-U file; malformed lines raise std::runtime_error naming the line.
class Reader {
 public:
  explicit Reader(std::istream& in) : in_(in) {}
  bool next(Sentence& out);
  uint64_t line() const { return line_; }

 private:
  std::istream& in_;
  uint64_t line_ = 0;
};

std::vector<Sentence> read_file(const std::string& path);

// Raw text of a treebank the way the CoNLL 2018 shared task rebuilt it: tokens joined by their
// SpaceAfter, sentences by a space, paragraphs and documents by a blank line. `sentence_spans`,
// `token_spans` and `word_spans`, when given, receive the gold offsets into that text
// (words of a multi-word token share its span).
struct GoldText {
  std::string text;
  std::vector<Span> sentences, tokens;
  std::vector<std::vector<std::string>> mwt_words;  // per token: its words' forms if multi-word
  std::vector<uint32_t> doc_starts;                 // offsets where documents begin
};
GoldText rebuild_text(const std::vector<Sentence>& sentences);

// Writes an analysed article as CoNLL-U (newdoc, sent_id, text, TokenRange in MISC).
void write_article(std::ostream& out, const Article& article);

}  // namespace parley::conllu
