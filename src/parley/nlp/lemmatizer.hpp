// Lemmatizer learned from a treebank: suffix rewrite rules chosen by the longest matching word
// ending for each part-of-speech tag, plus an exception table holding exactly the training words
// the rules get wrong ("went" -> "go", "n't" -> "not").
#pragma once

#include <cstdint>
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
  static void restore_double_l(std::string_view form, std::string& lemma);
  std::string by_rules(std::string_view form, std::string_view xpos) const;
  std::unordered_map<std::string, std::string> rules_;  // xpos '\t' lowercased ending -> rule
  std::unordered_map<std::string, std::string> table_;  // xpos '\t' form -> lemma

  // Flat open-addressing copies of the two maps for lookup: every word probes the exception
  // table and up to seven endings, and the node-based maps cost a string key built and hashed
  // plus two cache misses per probe. Keys are hashed in two parts (xpos and tab, then the rest)
  // so the tag's part is hashed once per word; hits are confirmed on the full key.
  class Index {
   public:
    void build(const std::unordered_map<std::string, std::string>& m);
    static uint64_t prefix(std::string_view xpos);  // the hash state after xpos '\t'
    const std::string* find(uint64_t prefix, std::string_view xpos, std::string_view rest) const;

   private:
    struct Slot {
      uint64_t hash = 0;
      uint32_t entry = 0;  // 1 + index into keys_ and values_; 0 = empty
    };
    std::vector<Slot> slots_;
    std::vector<std::string> keys_, values_;
  };
  Index rules_index_, table_index_;
};

}  // namespace parley::nlp
