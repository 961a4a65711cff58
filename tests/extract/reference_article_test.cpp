// The reference article, end to end: every event, quote, position and divergence the issues
// name must come out of samples/cairo-talks.txt.
#include <gtest/gtest.h>

#include <algorithm>

#include "../test_support.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley {
namespace {

const Article& cairo() {
  static const Article a = [] {
    Article x;
    x.text = test::read_file(test::source_dir() + "/samples/cairo-talks.txt");
    x.id = content_id(x.text);
    standard_pipeline(Stage::Attribution, resolve_resources()).process(x);
    return x;
  }();
  return a;
}

std::vector<const Event*> events(const std::string& cameo_prefix, const std::string& source,
                                 const std::string& target) {
  std::vector<const Event*> out;
  for (const Event& e : cairo().events)
    if (e.cameo.starts_with(cameo_prefix) && e.source_code == source && e.target_code == target)
      out.push_back(&e);
  return out;
}

std::string trigger(const Event& e) {
  return std::string(cairo().view(e.trigger));
}

TEST(ReferenceArticle, KirbyUrgesHamasToNegotiate) {
  auto found = events("026", "USAGOV", "PSEREB");
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(trigger(*found[0]), "urged");
  EXPECT_FALSE(found[0]->negated);
  EXPECT_EQ(found[0]->modality, "");
  // "engage in the negotiations" is the content of the appeal, not a negotiation by Hamas.
  for (const Event& e : cairo().events)
    EXPECT_FALSE(e.cameo.starts_with("04") && e.source_code == "PSEREB");
}

TEST(ReferenceArticle, NegotiationAmongFourStatesInCairo) {
  const std::vector<std::string> parties = {"ISRGOV", "USAGOV", "EGYGOV", "QATGOV"};
  for (size_t i = 0; i < parties.size(); ++i)
    for (size_t j = i + 1; j < parties.size(); ++j) {
      auto ab = events("04", parties[i], parties[j]);
      auto ba = events("04", parties[j], parties[i]);
      ASSERT_EQ(ab.size() + ba.size(), 1u) << parties[i] << "-" << parties[j];
      const Event& e = ab.empty() ? *ba[0] : *ab[0];
      EXPECT_EQ(e.location.name, "Cairo");
      EXPECT_EQ(e.location.country, "EGY");
      EXPECT_TRUE(e.location.has_coordinates);
    }
}

TEST(ReferenceArticle, IsraelRejectsInternationalForces) {
  bool found = false;
  for (const Event& e : cairo().events)
    if (e.cameo.starts_with("12") && e.source_code == "ISRGOV" && trigger(e) == "rejected") {
      found = true;
      EXPECT_EQ(e.cameo, "1245");  // refuse to allow international involvement
    }
  EXPECT_TRUE(found);
}

TEST(ReferenceArticle, HamasRejectsConditionsAndDemandsWithdrawal) {
  auto rejects = events("12", "PSEREB", "ISR");
  ASSERT_EQ(rejects.size(), 1u);
  EXPECT_EQ(trigger(*rejects[0]), "rejected");
  // CAMEO 1.1b3: a demand to withdraw forces is 1056 (de-escalate military engagement); 106 is a
  // demand to meet or negotiate.
  auto demands = events("1056", "PSEREB", "ISRMIL");
  ASSERT_EQ(demands.size(), 1u);
  EXPECT_EQ(trigger(*demands[0]), "demand");
}

TEST(ReferenceArticle, HypotheticalAidIsNotCodedAsAnAct) {
  for (const Event& e : cairo().events) {
    if (!e.cameo.starts_with("07")) continue;
    EXPECT_NE(e.modality, "") << trigger(e);
  }
  // "the Cairo talks did not yield any substantial progress" is not CAMEO's yield.
  for (const Event& e : cairo().events) EXPECT_NE(trigger(e), "yield");
}

TEST(ReferenceArticle, KirbyQuoteAttributedToKirby) {
  const Article& a = cairo();
  const Quote* direct = nullptr;
  for (const Quote& q : a.quotes)
    if (q.kind == "direct") direct = &q;
  ASSERT_NE(direct, nullptr);
  EXPECT_EQ(a.view(direct->span),
            "Progress has been achieved; we now need both parties to work toward implementation,");
  ASSERT_GE(direct->speaker_actor, 0);
  EXPECT_EQ(a.actors[direct->speaker_actor].name, "John Kirby");
  EXPECT_EQ(a.actors[direct->speaker_actor].code, "USAGOV");
  EXPECT_EQ(a.view(direct->speaker), "He");
  EXPECT_EQ(direct->cue_lemma, "state");
}

TEST(ReferenceArticle, ReportedSpeechHasSpeakers) {
  const Article& a = cairo();
  auto speaker_of = [&](std::string_view start) -> std::string {
    for (const Quote& q : a.quotes)
      if (q.kind == "indirect" && a.view(q.span).starts_with(start))
        return q.speaker_actor >= 0 ? a.actors[q.speaker_actor].code : "?";
    return "missing";
  };
  EXPECT_EQ(speaker_of("significant progress has been made"), "USAGOV");
  EXPECT_EQ(speaker_of("the Cairo talks did not yield"), "ISR");
  EXPECT_EQ(speaker_of("Prime Minister Benjamin Netanyahu remains firm"), "ISRMED");
  EXPECT_EQ(speaker_of("a successful agreement could provide"), "USAGOV");
}

TEST(ReferenceArticle, ProgressDivergenceBetweenUsAndIsraeliSources) {
  const Article& a = cairo();
  const Divergence* progress = nullptr;
  for (const Divergence& d : a.divergences)
    if (d.kind == "claim" && d.topic.find("progress") != std::string::npos) progress = &d;
  ASSERT_NE(progress, nullptr);
  bool us_affirms = false, israel_denies = false;
  for (const DivergenceSide& s : progress->sides) {
    us_affirms |= a.actors[s.actor].country == "USA" && s.value == "affirmed";
    israel_denies |= a.actors[s.actor].country == "ISR" && s.value == "negated";
  }
  EXPECT_TRUE(us_affirms);
  EXPECT_TRUE(israel_denies);
}

bool has_position(const std::string& code, const std::string& stance,
                  const std::string& issue_part) {
  const Article& a = cairo();
  for (const Position& p : a.positions)
    if (a.actors[p.actor].code == code && p.stance == stance &&
        p.issue.find(issue_part) != std::string::npos)
      return true;
  return false;
}

TEST(ReferenceArticle, Positions) {
  EXPECT_TRUE(has_position("ISRGOV", "maintain", "military control over the Philadelphia axis"));
  EXPECT_TRUE(has_position("ISRGOV", "reject", "international forces"));
  EXPECT_TRUE(has_position("PSEREB", "reject", "new conditions set by Israel"));
  EXPECT_TRUE(has_position("PSEREB", "demand", "complete withdrawal of Israeli forces from Gaza"));
  EXPECT_TRUE(has_position("USA", "support", "ceasefire"));
  EXPECT_TRUE(has_position("USA", "support", "humanitarian aid"));
  // Nobody in the article supports international forces, rejects a ceasefire or demands aid
  // for Israel: no position beyond the evidence.
  EXPECT_FALSE(has_position("ISRGOV", "support", "international forces"));
  EXPECT_FALSE(has_position("PSEREB", "accept", "conditions"));
}

TEST(ReferenceArticle, EveryEventHasEvidenceAndCodes) {
  const Article& a = cairo();
  ASSERT_FALSE(a.events.empty());
  for (const Event& e : a.events) {
    EXPECT_FALSE(e.source_code.empty());
    EXPECT_LE(e.evidence.start, e.trigger.start);
    EXPECT_GE(e.evidence.end, e.trigger.end);
    EXPECT_LE(e.evidence.end, a.text.size());
  }
}

TEST(Extract, UnparsedOrEmptyArticlesGiveNothing) {
  Pipeline p = standard_pipeline(Stage::Attribution, resolve_resources());
  for (std::string text : {std::string(), std::string("   \n\n"), std::string("\"\"\"\" \" « » “"),
                           std::string(3000, 'a'), std::string("Hamas.")}) {
    Article a;
    a.text = text;
    p.process(a);
    EXPECT_TRUE(a.events.empty());
  }
}

}  // namespace
}  // namespace parley
