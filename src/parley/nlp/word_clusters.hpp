// Word classes learned from unlabelled text, as features for the taggers: words that occur
// before the same kinds of words share a class ("Hamas", "Hezbollah" and "Taliban"; "urged",
// "called" and "pressed"), so what the treebanks teach about one member carries over to the
// others, rare and unseen ones included.
//
// The classes come from the predictive exchange algorithm (Uszkoreit & Brants 2008): a
// class-based bigram model P(w | v) = P(w | c(w)) P(c(w) | v) whose likelihood is raised by
// moving one word at a time to the class that suits it best. It needs only the word-to-next-class
// counts of each word's predecessors, so an iteration over 30M words of text takes seconds;
// Brown clustering, the classic choice, is hierarchical but orders of magnitude slower.
#pragma once

#include <cstdint>
#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/text/binary_io.hpp"

namespace parley::nlp {

// How a word is looked up: digits folded to 0 ("1946" and "2024" are one word), case kept
// (capitalisation separates names from common words).
std::string cluster_form(std::string_view word);

class WordClusters {
 public:
  static constexpr uint16_t kUnknown = 0xFFFF;

  // The class of a word, kUnknown when the table does not know it (or is empty).
  uint16_t of(std::string_view word) const;
  bool empty() const { return entries_.empty(); }
  size_t size() const { return entries_.size(); }
  int classes() const { return classes_; }

  // Text table "form<TAB>class<TAB>count" per line, as `parley train clusters` writes it.
  static WordClusters load_tsv(const std::string& path);
  void add(std::string_view form, uint16_t cls);  // then finish()
  void finish();

  // Inside model files: models carry the table they were trained with.
  void write(binio::Writer& w) const;
  static WordClusters read(binio::Reader& r);

 private:
  // Sorted (hash of the normalised form << 16 | class): a compact table with one probe.
  std::vector<uint64_t> entries_;
  int classes_ = 0;
  // The same entries hashed for lookup (empty until finish() or read()). An entry equal to
  // kEmpty would carry class kUnknown, which is what a miss returns anyway.
  static constexpr uint64_t kEmpty = ~uint64_t{0};
  // The tagger, the parser and the recognizer each carry the same table and look every word up
  // in turn: one index shared by equal tables keeps a single copy in the cache.
  std::shared_ptr<const std::vector<uint64_t>> index_;
  static size_t slot(uint64_t h, size_t size) {
    return (h * 0x9E3779B97F4A7C15ULL) >> 32 & (size - 1);
  }
  void build_index();
};

// Unlabelled text as word ids, built sentence by sentence.
class ClusterCorpus {
 public:
  void add_sentence(const std::vector<std::string_view>& words);
  size_t tokens() const { return stream_.size(); }
  size_t sentences() const { return sentences_; }

 private:
  friend struct ClusterTrainer;
  std::unordered_map<std::string, uint32_t> ids_;
  std::vector<std::string> forms_;
  std::vector<uint64_t> counts_;
  std::vector<uint32_t> stream_;  // word ids; kBoundary between sentences
  size_t sentences_ = 0;
};

struct ClusterTrainOptions {
  int classes = 256;
  size_t vocabulary = 60000;  // the most frequent forms get classes; the rest are unknown
  int iterations = 12;
  uint32_t min_count = 3;
};

struct ClusteredVocabulary {
  std::vector<std::string> forms;  // by descending frequency
  std::vector<uint64_t> counts;
  std::vector<uint16_t> classes;
};

// Deterministic: the same corpus and options give the same classes.
ClusteredVocabulary train_word_clusters(const ClusterCorpus& corpus,
                                        const ClusterTrainOptions& options, std::ostream& log);
void save_clusters_tsv(const ClusteredVocabulary& v, const std::string& path);

}  // namespace parley::nlp
