// Labelled dependency parser: greedy arc-hybrid transitions (root at the end of the buffer, so
// every sentence gets exactly one root) scored by an averaged perceptron over Zhang & Nivre style
// feature templates, trained with Goldberg & Nivre's dynamic oracle and exploration. Reads the
// tags the tagger left in Article::analysis and fills head and deprel.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"
#include "parley/nlp/linear_model.hpp"
#include "parley/nlp/word_clusters.hpp"
#include "parley/text/conllu.hpp"

namespace parley::nlp {

struct ParserModel {
  std::vector<std::string> labels;  // deprels; transitions are SHIFT, LEFT-l and RIGHT-l
  int root_label = 0;
  WordClusters clusters;  // word classes used as features (may be empty)
  LinearModel weights;

  void save(const std::string& path) const;
  void load(const std::string& path);
};

// One sentence as the parser sees it: word forms and tags; heads (0 = root, k = k-th word) and
// label ids are the output (or the gold standard when training).
struct ParseInput {
  std::vector<std::string_view> forms;
  std::vector<std::string_view> upos, xpos;
};

class Parser : public Component {
 public:
  explicit Parser(std::shared_ptr<const ParserModel> model) : model_(std::move(model)) {}
  // Loads `parser.bin` from a model directory.
  static Parser load(const std::string& model_dir);

  std::string_view name() const override { return "parser"; }
  Layer needs() const override { return Layer::kTags; }
  Layer adds() const override { return Layer::kDependencies; }
  // Parses every sentence; needs upos/xpos in `analysis` (run the tagger first).
  void process(Article& article) const override;
  // heads[i] in 0..n (0 = root), labels[i] an index into model().labels.
  void parse(const ParseInput& sentence, std::vector<int>& heads, std::vector<int>& labels) const;
  const ParserModel& model() const { return *model_; }

 private:
  std::shared_ptr<const ParserModel> model_;
};

// A training sentence: forms and (predicted or gold) tags, with the gold tree.
struct ParserExample {
  std::vector<std::string> forms, upos, xpos, deprels;
  std::vector<int> heads;
};

struct ParserTrainOptions {
  int epochs = 10;
  int explore_after = 1;   // epochs of static-oracle training before exploration starts
  double explore_p = 0.9;  // chance of following a wrong prediction once exploring
  uint32_t seed = 1;
  int prune = 1;          // drop weights below this many 1/32000ths of the largest
  int min_updates = 5;    // drop features updated fewer times
  WordClusters clusters;  // word classes as features (parley train clusters); empty: none
};
// Trains deterministically; with dev examples, keeps the epoch with the best dev LAS.
ParserModel train_parser(const std::vector<ParserExample>& train,
                         const std::vector<ParserExample>& dev, const ParserTrainOptions& options,
                         std::ostream& log);

// Lifts non-projective arcs (a word moves up to its head's head) until the tree is projective;
// returns the number of lifts. Heads are 0 = root, k = k-th word.
int projectivize(std::vector<int>& heads);

}  // namespace parley::nlp
