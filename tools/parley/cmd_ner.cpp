// `parley train ner`, `parley eval ner` and `parley eval coref`.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/actors/ner.hpp"
#include "parley/eval/coref_eval.hpp"
#include "parley/eval/ner_eval.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::cli {

namespace {

// "gum:path" -> (format, path); a bare path is CoNLL columns.
std::pair<NerFormat, std::string> format_and_path(const std::string& arg) {
  size_t colon = arg.find(':');
  if (colon != std::string::npos && colon < 6)
    return {ner_format(arg.substr(0, colon)), arg.substr(colon + 1)};
  return {NerFormat::kConll, arg};
}

std::vector<NerSentence> read_all(const std::vector<std::string>& args) {
  std::vector<NerSentence> out;
  for (const auto& a : args) {
    auto [format, path] = format_and_path(a);
    auto part = read_ner_corpus(path, format);
    size_t entities = 0;
    for (const auto& s : part) entities += s.entities.size();
    std::cerr << "read " << path << ": " << part.size() << " sentences, " << entities
              << " entities\n";
    out.insert(out.end(), std::make_move_iterator(part.begin()),
               std::make_move_iterator(part.end()));
  }
  return out;
}

}  // namespace

void add_train_ner_command(CLI::App& train) {
  auto* cmd = train.add_subcommand("ner", "Train the named-entity recognizer");
  auto files = std::make_shared<std::vector<std::string>>();
  auto dev = std::make_shared<std::vector<std::string>>();
  auto opts = std::make_shared<NerTrainOptions>();
  auto out = std::make_shared<std::string>(default_model_dir() + "/ner.bin");
  auto models = std::make_shared<std::string>(default_model_dir());
  auto data = std::make_shared<std::string>(default_data_dir());
  cmd->add_option("--train", *files,
                  "Training file(s) as FORMAT:PATH (gum, conll, uner, re3d; default conll)")
      ->required();
  cmd->add_option("--dev", *dev, "Dev file(s) as FORMAT:PATH: keep the best epoch");
  cmd->add_option("--epochs", opts->epochs, "Training epochs")->capture_default_str();
  cmd->add_option("--seed", opts->seed, "Random seed")->capture_default_str();
  cmd->add_option("--prune", opts->prune, "Drop weights below this (1/32000 of the largest)")
      ->capture_default_str();
  cmd->add_option("--min-updates", opts->min_updates, "Drop features updated fewer times")
      ->capture_default_str();
  cmd->add_option("--models", *models, "Model directory holding tagger.bin")->capture_default_str();
  cmd->add_option("--data", *data, "Data directory (gazetteer)")->capture_default_str();
  cmd->add_option("--out", *out, "Model file to write")->capture_default_str();
  auto first = std::make_shared<std::vector<std::string>>();
  auto parts = std::make_shared<std::vector<std::string>>();
  cmd->add_option("--first-names", *first, "Word list(s) of first names (one per line)")
      ->check(CLI::ExistingFile);
  cmd->add_option("--name-parts", *parts, "Word list(s) of parts of people's names")
      ->check(CLI::ExistingFile);
  auto clusters = std::make_shared<std::string>();
  cmd->add_option("--clusters", *clusters,
                  "Word classes (parley train clusters) to use as features")
      ->check(CLI::ExistingFile);
  cmd->callback([=] {
    if (!clusters->empty()) opts->clusters = nlp::WordClusters::load_tsv(*clusters);
    for (const auto& f : *first) {
      auto l = read_name_list(f);
      opts->first_names.insert(opts->first_names.end(), l.begin(), l.end());
    }
    for (const auto& f : *parts) {
      auto l = read_name_list(f);
      opts->name_parts.insert(opts->name_parts.end(), l.begin(), l.end());
    }
    auto train_set = read_all(*files);
    auto dev_set = read_all(*dev);
    nlp::Tagger tagger = nlp::Tagger::load(*models);
    Gazetteer gz = Gazetteer::load(*data);
    NerModel model = train_ner(train_set, dev_set, tagger, gz, *opts, std::cerr);
    model.save(*out);
    std::cerr << "wrote " << *out << " (" << model.model.features() << " features, "
              << model.model.bytes() / 1024 << " KiB)\n";
  });
}

void add_eval_ner_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("ner", "Score named-entity recognition against gold entities");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto format = std::make_shared<std::string>("gum");
  auto prefix = std::make_shared<std::string>();
  auto models = std::make_shared<std::string>(default_model_dir());
  auto data = std::make_shared<std::string>(default_data_dir());
  cmd->add_option("--gold", *gold, "Gold file(s)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--format", *format, "gum, conll, uner or re3d")
      ->capture_default_str()
      ->check(CLI::IsMember({"gum", "conll", "uner", "re3d"}));
  cmd->add_option("--doc-prefix", *prefix, "Only documents whose id starts with this (GUM_news)");
  auto errors = std::make_shared<size_t>(0);
  cmd->add_option("--errors", *errors, "Print this many sentences with errors")
      ->capture_default_str();
  auto untyped = std::make_shared<bool>(false);
  cmd->add_flag("--untyped", *untyped, "Score boundaries only (every entity one type, ENT)");
  cmd->add_option("--models", *models, "Model directory (ner.bin, tagger.bin)")
      ->capture_default_str();
  cmd->add_option("--data", *data, "Data directory (gazetteer)")->capture_default_str();
  cmd->callback([=] {
    auto gz = std::make_shared<const Gazetteer>(Gazetteer::load(*data));
    auto recognizer = EntityRecognizer::load(*models, gz);
    for (const auto& path : *gold) {
      auto sentences = read_ner_corpus(path, ner_format(*format));
      if (!prefix->empty())
        std::erase_if(sentences,
                      [&](const NerSentence& s) { return s.doc_id.rfind(*prefix, 0) != 0; });
      if (*untyped) {
        for (auto& s : sentences)
          for (auto& e : s.entities) e.type = "ENT";
      }
      auto scores = eval::evaluate_ner(*recognizer, sentences, *errors, *untyped);
      std::cout << eval::format_ner_table(scores,
                                          path + (prefix->empty() ? "" : " [" + *prefix + "*]"))
                << '\n';
    }
  });
}

void add_eval_coref_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("coref", "Score actor coreference against GUM entity chains");
  auto gold = std::make_shared<std::vector<std::string>>();
  auto prefix = std::make_shared<std::string>();
  auto models = std::make_shared<std::string>(default_model_dir());
  auto data = std::make_shared<std::string>(default_data_dir());
  auto errors = std::make_shared<size_t>(0);
  cmd->add_option("--gold", *gold, "GUM CoNLL-U file(s) with Entity= annotation")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--doc-prefix", *prefix, "Only documents whose id starts with this (GUM_news)");
  cmd->add_option("--models", *models, "Model directory")->capture_default_str();
  cmd->add_option("--data", *data, "Data directory")->capture_default_str();
  cmd->add_option("--errors", *errors, "Print this many wrong links")->capture_default_str();
  cmd->callback([=] {
    ActorResolver resolver = ActorResolver::load(*data, *models);
    for (const auto& path : *gold) {
      auto scores = eval::evaluate_coref(resolver, path, *prefix, *errors);
      std::cout << eval::format_coref_table(scores,
                                            path + (prefix->empty() ? "" : " [" + *prefix + "*]"))
                << '\n';
    }
  });
}

}  // namespace parley::cli
