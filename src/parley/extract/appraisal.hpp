// Appraisals: what a speaker's words do to another party. "It is a propaganda stunt", "they're
// using different tricks and lies", Cengiz "called Mohammad's admission a 'political
// maneuver'": a quote that condemns, accuses or praises a party is an event of its speaker
// towards that party (CAMEO 111, 112, 051), as the CAMEO manual codes verbal conflict and
// cooperation. Runs after the quote extractor, which finds the speakers.
#pragma once

#include <memory>

#include "parley/actors/gazetteer.hpp"
#include "parley/doc/component.hpp"
#include "parley/doc/document.hpp"
#include "parley/extract/lexicon.hpp"

namespace parley::extract {

class AppraisalCoder : public Component {
 public:
  AppraisalCoder(std::shared_ptr<const Lexicon> lexicon, std::shared_ptr<const Gazetteer> gazetteer)
      : lexicon_(std::move(lexicon)), gazetteer_(std::move(gazetteer)) {}

  std::string_view name() const override { return "appraisals"; }
  Layer needs() const override {
    return Layer::kDependencies | Layer::kActors | Layer::kEvents | Layer::kAttribution;
  }
  Layer adds() const override { return Layer::kEvents; }
  // Adds to article.events one event per appraised party and quote sentence.
  void process(Article& article) const override;

 private:
  std::shared_ptr<const Lexicon> lexicon_;
  std::shared_ptr<const Gazetteer> gazetteer_;
};

}  // namespace parley::extract
