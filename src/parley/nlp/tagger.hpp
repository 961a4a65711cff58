// Part-of-speech tagger: a greedy left-to-right averaged perceptron predicting the joint
// UPOS+XPOS tag, run twice (the second pass also sees the first pass's tags to the right), then a
// second linear model predicting the UD features (the FEATS string as one class) from the chosen
// tags, and the lemmatizer. Fills upos, xpos, feats and lemma of Article::analysis.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"
#include "parley/nlp/lemmatizer.hpp"
#include "parley/nlp/linear_model.hpp"
#include "parley/nlp/word_clusters.hpp"
#include "parley/text/conllu.hpp"

namespace parley::nlp {

struct TaggerModel {
  std::vector<std::string> upos, xpos;  // per tag class
  std::vector<std::string> feats;       // per feature class ("" = none)
  std::unordered_map<uint64_t, uint16_t>
      tag_dict;                    // exact-form hash -> tag, frequent unambiguous words
  WordClusters clusters;           // word classes the tag models use as features (may be empty)
  LinearModel tags, tags2, morph;  // first pass, second pass, features
  Lemmatizer lemmatizer;

  void save(const std::string& path) const;
  void load(const std::string& path);
};

class Tagger : public Component {
 public:
  explicit Tagger(std::shared_ptr<const TaggerModel> model) : model_(std::move(model)) {}
  // Loads `tagger.bin` from a model directory.
  static Tagger load(const std::string& model_dir);

  std::string_view name() const override { return "tagger"; }
  Layer needs() const override { return Layer::kTokens; }
  Layer adds() const override { return Layer::kTags; }
  // Tags every sentence of an article whose words are segmented; resizes `analysis` to match.
  void process(Article& article) const override;
  // Tags one sentence given as word forms; out receives upos, xpos, feats and lemma.
  void tag(const std::vector<std::string_view>& words, WordAnalysis* out) const;
  const TaggerModel& model() const { return *model_; }

 private:
  std::shared_ptr<const TaggerModel> model_;
};

struct TaggerTrainOptions {
  int epochs = 12;
  uint32_t seed = 1;
  int prune = 1;          // drop weights below this many 1/32000ths of the largest
  int min_updates = 2;    // drop features updated fewer times
  WordClusters clusters;  // word classes as features (parley train clusters); empty: none
};
// Trains deterministically; with dev sentences, keeps the epoch with the best dev UPOS+XPOS.
TaggerModel train_tagger(const std::vector<conllu::Sentence>& train,
                         const std::vector<conllu::Sentence>& dev,
                         const TaggerTrainOptions& options, std::ostream& log);

}  // namespace parley::nlp
