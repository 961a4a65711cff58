// The actors stage: finds mentions of people, organisations, states and armed groups and
// resolves them to CAMEO-style codes from the text itself — titles and appositions ("US envoy
// Brett McGurk"), nationality adjectives ("Israeli forces"), affiliation ("negotiators from
// Qatar"), metonymy ("representing Washington"), and within-document coreference (surnames,
// "he"/"she", "the movement") — with the gazetteer as support. Fills Article::actors/mentions.
#pragma once

#include <memory>
#include <vector>

#include "parley/actors/actor_dictionary.hpp"
#include "parley/actors/gazetteer.hpp"
#include "parley/actors/ner.hpp"
#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"

namespace parley {

// Extra actor sources: PETRARCH/TABARI dictionaries (see actor_dictionary.hpp). A name or role
// noun a dictionary knows overrides the built-in gazetteer when its match is at least as long;
// among dictionaries, the later one wins a tie. Date-restricted codes are read at the article's
// date (Article::date), or the most recent code when the article has none.
using ActorDictionaries = std::vector<std::shared_ptr<const ActorDictionary>>;

class ActorResolver : public Component {
 public:
  explicit ActorResolver(std::shared_ptr<const Gazetteer> gazetteer,
                         ActorDictionaries dictionaries = {})
      : gazetteer_(std::move(gazetteer)), dictionaries_(std::move(dictionaries)) {}
  // The gazetteer from data_dir; the entity recognizer (ner.bin + tagger.bin) from model_dir when
  // ner.bin is there ("" = no recognizer: capitalisation rules find the people instead).
  static ActorResolver load(const std::string& data_dir, const std::string& model_dir);

  // With a recognizer, its PER spans are the people and its ORG spans the organisations not in
  // any table; the rules still resolve their codes from context.
  void set_recognizer(std::shared_ptr<const EntityRecognizer> recognizer) {
    recognizer_ = std::move(recognizer);
  }
  const EntityRecognizer* recognizer() const { return recognizer_.get(); }
  const Gazetteer& gazetteer() const { return *gazetteer_; }

  void set_dictionaries(ActorDictionaries dictionaries) { dictionaries_ = std::move(dictionaries); }
  const ActorDictionaries& dictionaries() const { return dictionaries_; }

  std::string_view name() const override { return "actors"; }
  // Tags and dependencies sharpen it when present; tokens are enough.
  Layer needs() const override { return Layer::kTokens; }
  Layer adds() const override { return Layer::kActors; }
  void process(Article& article) const override;

 private:
  std::shared_ptr<const Gazetteer> gazetteer_;
  ActorDictionaries dictionaries_;
  // The one person the dictionaries know by this surname in office at `date` (any office), if
  // all of them agree: "Trump said" with no full name before it. Never for undated text.
  const ActorRecord* office_holder(std::string_view surname, int32_t date) const;
  std::shared_ptr<const EntityRecognizer> recognizer_;
};

}  // namespace parley
