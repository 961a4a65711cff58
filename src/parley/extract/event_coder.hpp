// The event coder: reads dependency parses (nlp stage) and resolved actors (actors stage) and
// writes Article::events. For every predicate it matches the lexicon, follows frames
// ("urged Hamas to engage in negotiations" -> appeal to negotiate, not a negotiation),
// finds source and target through subjects, objects, passives, control, coordination and
// appositions, and marks negation, modality and reported speech. Repeated mentions of one
// event in an article are merged.
#pragma once

#include <memory>

#include "parley/actors/gazetteer.hpp"
#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"
#include "parley/extract/lexicon.hpp"

namespace parley::extract {

struct EventCoderOptions {
  bool keep_unattributed = false;  // keep events without any source actor
  bool merge_mentions = true;      // merge repeated mentions of one event within an article
  bool infer_targets = true;       // give an act without a named target its context's target
};

class EventCoder : public Component {
 public:
  EventCoder(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const Gazetteer> gazetteer,
             EventCoderOptions options = {})
      : lexicon_(std::move(lexicon)), gazetteer_(std::move(gazetteer)), options_(options) {}
  static EventCoder load(const std::string& data_dir);

  std::string_view name() const override { return "events"; }
  Layer needs() const override { return Layer::kDependencies | Layer::kActors; }
  Layer adds() const override { return Layer::kEvents; }
  // Needs words with analysis (tagger + parser) and actors; fills article.events.
  void process(Article& article) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  std::shared_ptr<const Gazetteer> gazetteer_;
  EventCoderOptions options_;
};

}  // namespace parley::extract
