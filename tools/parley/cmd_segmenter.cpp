// `parley train segmenter` and `parley eval tokenize`.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "parley/eval/segmentation_eval.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::cli {

void add_train_segmenter_command(CLI::App& train) {
  auto* cmd =
      train.add_subcommand("segmenter", "Train the tokenizer and sentence splitter from CoNLL-U");
  auto opts = std::make_shared<SegmenterTrainOptions>();
  auto out = std::make_shared<std::string>(default_model_dir() + "/segmenter.bin");
  cmd->add_option("--train", opts->conllu_files, "Gold CoNLL-U file(s)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--epochs", opts->epochs, "Training epochs")->capture_default_str();
  cmd->add_option("--seed", opts->seed, "Random seed")->capture_default_str();
  cmd->add_option("--out", *out, "Model file to write")->capture_default_str();
  cmd->callback([opts, out] {
    SegmenterModel model = train_segmenter(*opts, std::cerr);
    model.save(*out);
    std::cerr << "wrote " << *out << '\n';
  });
}

void add_eval_tokenize_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "tokenize", "Tokens/words/sentences F1 (CoNLL 2018) on the raw text of a gold CoNLL-U file");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto models = std::make_shared<std::string>(default_model_dir());
  auto prefix = std::make_shared<std::string>();
  auto examples = std::make_shared<size_t>(0);
  cmd->add_option("--errors", *examples, "Print up to N errors of each kind in context");
  cmd->add_option("--gold", *gold, "Gold CoNLL-U file(s)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--models", *models, "Model directory")->capture_default_str();
  cmd->add_option("--doc-prefix", *prefix,
                  "Score only documents whose id starts with this (e.g. GUM_news_)");
  cmd->callback([gold, models, prefix, examples] {
    Segmenter segmenter = Segmenter::load(*models);
    fmt::print("{:<40} {:>5} {:>8} {:>8} {:>8}\n", "gold file", "docs", "tokens", "words", "sents");
    for (const auto& path : *gold) {
      auto scores =
          eval::evaluate_segmentation(segmenter, conllu::read_file(path), *prefix, *examples);
      std::string name = path.substr(path.find_last_of('/') + 1);
      if (!prefix->empty()) name += " [" + *prefix + "*]";
      fmt::print("{:<40} {:>5} {:>8.2f} {:>8.2f} {:>8.2f}\n", name, scores.documents,
                 scores.tokens.f1(), scores.words.f1(), scores.sentences.f1());
      fmt::print("  sentences: gold {} predicted {} correct {} (P {:.2f} R {:.2f}); {:.1f} MB/s\n",
                 scores.sentences.gold, scores.sentences.predicted, scores.sentences.correct,
                 scores.sentences.precision(), scores.sentences.recall(),
                 scores.bytes / 1e6 / std::max(scores.seconds, 1e-9));
      for (const auto& e : scores.examples) fmt::print("  {}\n", e);
    }
  });
}

}  // namespace parley::cli
