// The actors stage: finds mentions of people, organisations, states and armed groups and
// resolves them to CAMEO-style codes from the text itself — titles and appositions ("US envoy
// Brett McGurk"), nationality adjectives ("Israeli forces"), affiliation ("negotiators from
// Qatar"), metonymy ("representing Washington"), and within-document coreference (surnames,
// "he"/"she", "the movement") — with the gazetteer as support. Fills Article::actors/mentions.
#pragma once

#include <memory>

#include "parley/actors/gazetteer.hpp"
#include "parley/doc/document.hpp"
#include "parley/pipeline/component.hpp"

namespace parley {

class ActorResolver : public Component {
 public:
  explicit ActorResolver(std::shared_ptr<const Gazetteer> gazetteer) : gazetteer_(std::move(gazetteer)) {}
  static ActorResolver load(const std::string& data_dir);

  std::string_view name() const override { return "actors"; }
  void process(Article& article) const override;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
};

}  // namespace parley
