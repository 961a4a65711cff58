#include "parley/pipeline/standard.hpp"

#include <filesystem>
#include <stdexcept>

#include "parley/actors/actor_dictionary.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/extract/appraisal.hpp"
#include "parley/extract/attribution.hpp"
#include "parley/extract/event_coder.hpp"
#include "parley/extract/petrarch_verbs.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/text/segmenter.hpp"

namespace parley {

namespace {

constexpr size_t kExamples = 5;

void add_warnings(const StandardOptions& options, const std::string& path, size_t count,
                  const std::vector<std::string>& all, size_t first = 0) {
  if (!options.warnings || count == 0) return;
  LoadWarnings w{path, count, {}};
  for (size_t i = first; i < all.size() && w.examples.size() < kExamples; ++i)
    w.examples.push_back(all[i]);
  options.warnings->push_back(std::move(w));
}

}  // namespace

Pipeline standard_pipeline(Stage last, const StandardOptions& options) {
  const std::string& models = options.model_dir;
  const std::string& data = options.data_dir;
  if (models.empty()) throw std::invalid_argument("standard_pipeline: no model directory given");
  if (data.empty() && last >= Stage::Actors)
    throw std::invalid_argument("standard_pipeline: no data directory given");
  Pipeline p;
  p.add(std::make_shared<Segmenter>(Segmenter::load(models)));
  if (last == Stage::Segment) return p;
  auto tagger = std::make_shared<nlp::Tagger>(nlp::Tagger::load(models));
  p.add(tagger);
  p.add(std::make_shared<nlp::Parser>(nlp::Parser::load(models)));
  if (last == Stage::Parse) return p;
  auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::load(data));
  ActorDictionaries dictionaries;
  // The knowledge base's people first: users' dictionaries override it.
  if (auto kb = std::make_shared<ActorDictionary>(ActorDictionary::knowledge_base(data));
      !kb->actors().empty())
    dictionaries.push_back(std::move(kb));
  if (!options.actor_dicts.empty()) {
    auto dictionary = std::make_shared<ActorDictionary>();
    for (const std::string& path : options.actor_dicts) {
      size_t seen = dictionary->warnings().size(), count = dictionary->warning_count();
      dictionary->add_file(path);
      add_warnings(options, path, dictionary->warning_count() - count, dictionary->warnings(),
                   seen);
    }
    dictionaries.push_back(std::move(dictionary));
  }
  auto resolver = std::make_shared<ActorResolver>(gazetteer, std::move(dictionaries));
  // The entity recognizer shares the pipeline's tagger (one copy of the model in memory); the
  // actors stage finds the same names whichever command runs it.
  if (std::filesystem::exists(models + "/ner.bin")) {
    auto ner = std::make_shared<NerModel>();
    ner->load(models + "/ner.bin");
    resolver->set_recognizer(
        std::make_shared<const EntityRecognizer>(std::move(ner), tagger, gazetteer));
  }
  p.add(resolver);
  if (last == Stage::Actors) return p;
  auto lexicon = std::make_shared<extract::Lexicon>(extract::Lexicon::load_default(data));
  for (const std::string& path : options.lexicons) {
    extract::Lexicon user;
    user.load_patterns(path, false);
    lexicon->override_with(user);
  }
  for (const std::string& path : options.petrarch_verbs) {
    extract::PetrarchReadStats stats;
    lexicon->override_with(extract::read_petrarch_verbs(path, &stats));
    // The patterns that could not be converted, by reason (a handful), then malformed lines.
    add_warnings(options, path, stats.lines_with_problems, stats.problems);
    if (options.warnings && !options.warnings->empty() && options.warnings->back().path == path) {
      std::vector<std::string> reasons;
      for (const auto& [reason, n] : stats.skipped_by_reason)
        reasons.push_back(path + ": " + std::to_string(n) + " pattern(s) not converted: " + reason);
      auto& examples = options.warnings->back().examples;
      examples.insert(examples.begin(), reasons.begin(), reasons.end());
    }
  }
  for (const std::string& path : options.discards) {
    std::vector<std::string> problems;
    lexicon->load_discards(path, &problems);
    add_warnings(options, path, problems.size(), problems);
  }
  p.add(std::make_shared<extract::EventCoder>(lexicon, gazetteer));
  if (last == Stage::Events) return p;
  p.add(std::make_shared<extract::Attribution>(extract::Attribution::load(data)));
  p.add(std::make_shared<extract::AppraisalCoder>(lexicon, gazetteer));
  return p;
}

Pipeline standard_pipeline(Stage last, const ResourcePaths& resources) {
  StandardOptions options;
  options.model_dir = resources.models;
  options.data_dir = resources.data;
  return standard_pipeline(last, options);
}

}  // namespace parley
