// Lemmatizer learned from a treebank: suffix rewrite rules chosen by the longest matching word
// ending for each part-of-speech tag, plus an exception table holding exactly the training words
// the rules get wrong ("went" -> "go", "n't" -> "not").
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/text/binary_io.hpp"
#include "parley/text/conllu.hpp"

namespace parley::nlp {

class Lemmatizer {
 public:
  std::string lemmatize(std::string_view form, std::string_view upos, std::string_view xpos) const;

  static Lemmatizer train(const std::vector<conllu::Sentence>& sentences);
  void save(binio::Writer& w) const;
  void load(binio::Reader& r);
  size_t rules() const { return rules_.size(); }
  size_t exceptions() const { return table_.size(); }

 private:
  // A rule is encoded as: one byte lowercase-first flag ('0'/'1'), one byte of characters to cut
  // from the end, then the string to append.
  static std::string apply(std::string_view form, std::string_view rule);
  std::string by_rules(std::string_view form, std::string_view xpos) const;
  std::unordered_map<std::string, std::string> rules_;  // xpos '\t' lowercased ending -> rule
  std::unordered_map<std::string, std::string> table_;  // xpos '\t' form -> lemma
};

}  // namespace parley::nlp
