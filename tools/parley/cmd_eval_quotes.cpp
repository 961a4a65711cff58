// `parley eval quotes`: quote and reported-speech attribution against GUM's discourse layer.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/eval/quote_eval.hpp"
#include "parley/eval/stance_eval.hpp"
#include "parley/extract/attribution.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/pipeline/standard.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::cli {

void add_eval_quotes_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "quotes", "Quote detection and speaker attribution against GUM attribution relations");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto models = std::make_shared<std::string>(default_model_dir());
  auto prefix = std::make_shared<std::string>();
  auto errors = std::make_shared<bool>(false);
  cmd->add_option("--gold", *gold, "GUM CoNLL-U file(s) with Discourse= and Entity= annotation")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--models", *models, "Model directory")->capture_default_str();
  cmd->add_option("--doc-prefix", *prefix, "Only documents whose id starts with this (GUM_news)");
  cmd->add_flag("--errors", *errors, "Print missed relations and wrong speakers");
  cmd->callback([gold, models, prefix, errors] {
    Pipeline analysis(Layer::kTokens);  // the gold file gives sentences and tokens
    analysis.add(std::make_shared<nlp::Tagger>(nlp::Tagger::load(*models)));
    analysis.add(std::make_shared<nlp::Parser>(nlp::Parser::load(*models)));
    analysis.add(std::make_shared<ActorResolver>(ActorResolver::load(default_data_dir(), *models)));
    analysis.add(
        std::make_shared<extract::Attribution>(extract::Attribution::load(default_data_dir())));
    fmt::print("{:<44} {:>5} {:>6} {:>6} {:>6} {:>6} {:>9} {:>9}\n", "gold file", "docs", "gold",
               "P", "R", "F1", "speaker", "direct sp");
    for (const std::string& path : *gold) {
      std::vector<conllu::Sentence> sentences = conllu::read_file(path);
      eval::QuoteScores s =
          eval::evaluate_quotes(sentences, analysis, *prefix, *errors ? &std::cerr : nullptr);
      std::string name = path.substr(path.find_last_of('/') + 1);
      fmt::print("{:<44} {:>5} {:>6} {:>6.2f} {:>6.2f} {:>6.2f} {:>9.2f} {:>9}\n", name, s.docs,
                 s.gold, s.precision(), s.recall(), s.f1(), s.speaker_accuracy(),
                 s.found_quoted
                     ? fmt::format("{:.2f}", 100.0 * s.speaker_correct_quoted / s.found_quoted)
                     : "-");
      fmt::print(
          "  found {} of {} cues ({} quoted: {} found, {} right speaker); {} of {} predicted cues "
          "are gold\n",
          s.found, s.gold, s.gold_quoted, s.found_quoted, s.speaker_correct_quoted,
          s.predicted_correct, s.predicted);
    }
  });
}

void add_eval_stance_command(CLI::App& eval) {
  auto* cmd =
      eval.add_subcommand("stance", "Polarity of events toward named targets against NewsMTSC");
  auto files = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--newsmtsc", *files, "NewsMTSC JSON lines file(s)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->callback([files] {
    Pipeline chain = standard_pipeline(Stage::Events, resolve_resources());
    extract::Ontology ontology = extract::Ontology::load(default_data_dir());
    fmt::print("{:<24} {:>7} {:>9} {:>12} {:>15} {:>12}\n", "file", "targets", "accuracy",
               "polar preds", "polar precision", "polar recall");
    for (const std::string& path : *files) {
      size_t skipped = 0;
      eval::StanceScores s = eval::evaluate_newsmtsc(path, chain, ontology, &skipped);
      std::string name = path.substr(path.find_last_of('/') + 1);
      fmt::print("{:<24} {:>7} {:>9.2f} {:>12} {:>15.2f} {:>12.2f}\n", name, s.targets,
                 s.accuracy(), s.predicted_polar, s.polar_precision(), s.polar_recall());
      if (skipped) fmt::print("  {} malformed line(s) skipped\n", skipped);
    }
  });
}

}  // namespace parley::cli
