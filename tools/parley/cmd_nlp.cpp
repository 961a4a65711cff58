// The nlp stage's commands: `parley parse`, `parley train tagger|parser`, `parley eval parse`.
#include <fmt/core.h>

#include <fstream>
#include <iostream>
#include <memory>
#include <sstream>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/nlp/evaluation.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"
#include "parley/text/utf8.hpp"

namespace parley::cli {

namespace {
std::vector<conllu::Sentence> read_all(const std::vector<std::string>& paths) {
  std::vector<conllu::Sentence> out;
  for (const auto& p : paths) {
    auto s = conllu::read_file(p);
    out.insert(out.end(), std::make_move_iterator(s.begin()), std::make_move_iterator(s.end()));
  }
  return out;
}
}  // namespace

void add_train_tagger_command(CLI::App& train) {
  auto* cmd = train.add_subcommand("tagger",
                                   "Train the POS tagger, morphology and lemmatizer from CoNLL-U");
  auto files = std::make_shared<std::vector<std::string>>();
  auto dev = std::make_shared<std::vector<std::string>>();
  auto opts = std::make_shared<nlp::TaggerTrainOptions>();
  auto out = std::make_shared<std::string>(default_model_dir() + "/tagger.bin");
  cmd->add_option("--train", *files, "Gold CoNLL-U file(s)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--dev", *dev, "Dev CoNLL-U file(s): keep the best epoch")
      ->check(CLI::ExistingFile);
  cmd->add_option("--epochs", opts->epochs, "Training epochs")->capture_default_str();
  cmd->add_option("--seed", opts->seed, "Random seed")->capture_default_str();
  cmd->add_option("--prune", opts->prune, "Drop weights below this (1/32000 of the largest)")
      ->capture_default_str();
  cmd->add_option("--min-updates", opts->min_updates, "Drop features updated fewer times")
      ->capture_default_str();
  cmd->add_option("--out", *out, "Model file to write")->capture_default_str();
  auto clusters = std::make_shared<std::string>();
  cmd->add_option("--clusters", *clusters,
                  "Word classes (parley train clusters) to use as features")
      ->check(CLI::ExistingFile);
  cmd->callback([files, dev, opts, out, clusters] {
    if (!clusters->empty()) opts->clusters = nlp::WordClusters::load_tsv(*clusters);
    nlp::TaggerModel model = nlp::train_tagger(read_all(*files), read_all(*dev), *opts, std::cerr);
    model.save(*out);
    std::cerr << "wrote " << *out << '\n';
  });
}

}  // namespace parley::cli

namespace parley::cli {

namespace {
// Training examples for the parser with the tags a tagger predicts, so the parser learns from
// the kind of tags it will see.
std::vector<nlp::ParserExample> parser_examples(const std::vector<conllu::Sentence>& sentences,
                                                const nlp::Tagger* tagger) {
  std::vector<nlp::ParserExample> out;
  out.reserve(sentences.size());
  std::vector<std::string_view> forms;
  std::vector<WordAnalysis> tags;
  for (const auto& s : sentences) {
    nlp::ParserExample ex;
    forms.clear();
    for (const auto& w : s.words) {
      ex.forms.push_back(w.form);
      ex.upos.push_back(w.upos);
      ex.xpos.push_back(w.xpos);
      ex.deprels.push_back(w.deprel);
      ex.heads.push_back(w.head);
      forms.push_back(w.form);
    }
    if (tagger && !forms.empty()) {
      tags.assign(forms.size(), {});
      tagger->tag(forms, tags.data());
      for (size_t i = 0; i < forms.size(); ++i)
        ex.upos[i] = tags[i].upos, ex.xpos[i] = tags[i].xpos;
    }
    out.push_back(std::move(ex));
  }
  return out;
}
}  // namespace

void add_train_parser_command(CLI::App& train) {
  auto* cmd = train.add_subcommand("parser", "Train the dependency parser from CoNLL-U");
  auto files = std::make_shared<std::vector<std::string>>();
  auto dev = std::make_shared<std::vector<std::string>>();
  auto opts = std::make_shared<nlp::ParserTrainOptions>();
  auto tagger_opts = std::make_shared<nlp::TaggerTrainOptions>();
  auto folds = std::make_shared<int>(4);
  auto tagger_path = std::make_shared<std::string>(default_model_dir() + "/tagger.bin");
  auto out = std::make_shared<std::string>(default_model_dir() + "/parser.bin");
  cmd->add_option("--train", *files, "Gold CoNLL-U file(s)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--dev", *dev, "Dev CoNLL-U file(s), tagged by --tagger: keep the best epoch")
      ->check(CLI::ExistingFile);
  cmd->add_option("--tagger", *tagger_path, "Tagger model that tags the dev set")
      ->capture_default_str();
  cmd->add_option(
         "--jackknife", *folds,
         "Tag the training data with taggers trained on the other N-1 folds (0: gold tags)")
      ->capture_default_str();
  cmd->add_option("--tagger-epochs", tagger_opts->epochs, "Epochs of each jackknife tagger")
      ->capture_default_str();
  cmd->add_option("--epochs", opts->epochs, "Training epochs")->capture_default_str();
  cmd->add_option("--explore", opts->explore_p, "Chance of following a wrong prediction")
      ->capture_default_str();
  cmd->add_option("--seed", opts->seed, "Random seed")->capture_default_str();
  cmd->add_option("--prune", opts->prune, "Drop weights below this (1/32000 of the largest)")
      ->capture_default_str();
  cmd->add_option("--min-updates", opts->min_updates, "Drop features updated fewer times")
      ->capture_default_str();
  cmd->add_option("--out", *out, "Model file to write")->capture_default_str();
  auto clusters = std::make_shared<std::string>();
  cmd->add_option("--clusters", *clusters,
                  "Word classes (parley train clusters): parser and jackknife taggers")
      ->check(CLI::ExistingFile);
  cmd->callback([=] {
    if (!clusters->empty())
      opts->clusters = tagger_opts->clusters = nlp::WordClusters::load_tsv(*clusters);
    auto gold = read_all(*files);
    std::vector<nlp::ParserExample> examples;
    if (*folds >= 2) {
      std::vector<std::vector<nlp::ParserExample>> parts(static_cast<size_t>(*folds));
      for (int k = 0; k < *folds; ++k) {
        std::vector<conllu::Sentence> rest, held;
        for (size_t i = 0; i < gold.size(); ++i)
          (static_cast<int>(i % static_cast<size_t>(*folds)) == k ? held : rest).push_back(gold[i]);
        std::cerr << "jackknife fold " << k + 1 << "/" << *folds << '\n';
        nlp::Tagger tagger(std::make_shared<nlp::TaggerModel>(
            nlp::train_tagger(rest, {}, *tagger_opts, std::cerr)));
        parts[static_cast<size_t>(k)] = parser_examples(held, &tagger);
      }
      // Back in the original order.
      for (size_t i = 0; i < gold.size(); ++i)
        examples.push_back(
            std::move(parts[i % static_cast<size_t>(*folds)][i / static_cast<size_t>(*folds)]));
    } else {
      examples = parser_examples(gold, nullptr);
    }
    std::vector<nlp::ParserExample> dev_examples;
    if (!dev->empty()) {
      auto m = std::make_shared<nlp::TaggerModel>();
      m->load(*tagger_path);
      nlp::Tagger dev_tagger(m);
      dev_examples = parser_examples(read_all(*dev), &dev_tagger);
    }
    nlp::ParserModel model = nlp::train_parser(examples, dev_examples, *opts, std::cerr);
    model.save(*out);
    std::cerr << "wrote " << *out << '\n';
  });
}

}  // namespace parley::cli

namespace parley::cli {

void add_parse_command(CLI::App& app) {
  auto* cmd =
      app.add_subcommand("parse", "Tokenize, tag, lemmatize and parse articles; CoNLL-U on stdout");
  auto args = std::make_shared<InputArgs>();
  add_input_options(cmd, *args);
  cmd->callback([args] {
    const Analyzer analyzer = open_analyzer(*args, Stage::Parse);
    run_inputs(*args, analyzer.pipeline(), [](Article& a) { conllu::write_article(std::cout, a); });
    std::cout.flush();
  });
}

void add_eval_parse_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "parse", "UPOS, XPOS, UFeats, Lemmas, UAS, LAS (CoNLL 2018) against gold CoNLL-U");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto models = std::make_shared<std::string>(default_model_dir());
  auto raw = std::make_shared<bool>(false);
  auto prefix = std::make_shared<std::string>();
  cmd->add_option("--gold", *gold, "Gold CoNLL-U file(s)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--models", *models, "Model directory")->capture_default_str();
  cmd->add_flag("--raw", *raw,
                "Start from raw text through Parley's segmenter (else gold tokenization)");
  cmd->add_option("--sent-prefix", *prefix,
                  "Score only sentences whose id starts with this (PUD news: n)");
  cmd->callback([gold, models, raw, prefix] {
    nlp::Tagger tagger = nlp::Tagger::load(*models);
    nlp::Parser parser = nlp::Parser::load(*models);
    std::unique_ptr<Segmenter> segmenter;
    if (*raw) segmenter = std::make_unique<Segmenter>(Segmenter::load(*models));
    fmt::print("{:<32} {:>5} {:>7} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>6} {:>9}\n", "gold file",
               "input", "words", "Words", "UPOS", "XPOS", "UFeats", "Lemmas", "UAS", "LAS",
               "words/s");
    for (const auto& path : *gold) {
      auto sentences = conllu::read_file(path);
      if (!prefix->empty())
        std::erase_if(sentences,
                      [&](const conllu::Sentence& s) { return s.sent_id.rfind(*prefix, 0) != 0; });
      nlp::ParseScores s = *raw ? nlp::evaluate_raw_text(*segmenter, tagger, parser, sentences)
                                : nlp::evaluate_gold_tokens(tagger, parser, sentences);
      std::string name = path.substr(path.find_last_of('/') + 1);
      if (!prefix->empty()) name += " [" + *prefix + "*]";
      fmt::print(
          "{:<32} {:>5} {:>7} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} {:>6.2f} "
          "{:>9.0f}\n",
          name, *raw ? "raw" : "gold", s.gold_words, s.f1(s.aligned_words), s.f1(s.upos),
          s.f1(s.xpos), s.f1(s.ufeats), s.f1(s.lemmas), s.f1(s.uas), s.f1(s.las),
          static_cast<double>(s.predicted_words) / std::max(s.seconds, 1e-9));
    }
  });
}

}  // namespace parley::cli
