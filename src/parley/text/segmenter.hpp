// The text stage's public entry point: validated UTF-8 in, tokens, words and sentences out.
#pragma once

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"
#include "parley/text/sentence_splitter.hpp"
#include "parley/text/tokenizer.hpp"

namespace parley {

struct SegmenterModel {
  TokenizerModel tokenizer;
  SentenceModel sentences;
  void save(const std::string& path) const;
  void load(const std::string& path);
};

class Segmenter : public Component {
 public:
  explicit Segmenter(std::shared_ptr<const SegmenterModel> model);
  // Loads `segmenter.bin` from a model directory.
  static Segmenter load(const std::string& model_dir);

  // Tokenizes the article and splits it into sentences (text must be valid UTF-8).
  void run(Article& article) const;
  std::string_view name() const override { return "segmenter"; }
  Layer needs() const override { return Layer::kNone; }
  Layer adds() const override { return Layer::kTokens; }
  void process(Article& article) const override { run(article); }

 private:
  std::shared_ptr<const SegmenterModel> model_;
  Tokenizer tokenizer_;
  SentenceSplitter splitter_;
};

struct SegmenterTrainOptions {
  std::vector<std::string> conllu_files;
  int epochs = 6;
  uint32_t seed = 1;
};
// Learns the tokenizer and sentence models from gold CoNLL-U, deterministically.
SegmenterModel train_segmenter(const SegmenterTrainOptions& options, std::ostream& log);

}  // namespace parley
