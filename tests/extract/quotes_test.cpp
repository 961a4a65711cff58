// Quote styles and speakers beyond the reference article.
#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "parley/extract/lexicon.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley {
namespace {

Article code(const std::string& text) {
  static const Pipeline p = standard_pipeline(Stage::Attribution, resolve_resources());
  Article a;
  a.text = "Headline\n" + text;
  p.process(a);
  return a;
}

struct Seen {
  std::string text, code, kind;
};
std::vector<Seen> quotes(const Article& a) {
  std::vector<Seen> out;
  for (const Quote& q : a.quotes)
    out.push_back({std::string(a.view(q.span)),
                   q.speaker_actor >= 0 ? a.actors[q.speaker_actor].code : "?", q.kind});
  return out;
}

TEST(Quotes, CurlyQuotesWithSpeakerAfter) {
  auto q = quotes(
      code("“We will not negotiate under fire,” said Israeli Prime Minister Benjamin Netanyahu."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "We will not negotiate under fire,");
  EXPECT_EQ(q[0].code, "ISRGOV");
  EXPECT_EQ(q[0].kind, "direct");
}

TEST(Quotes, InterruptedQuoteKeepsItsSpeaker) {
  auto q =
      quotes(code("\"The talks are over,\" Egyptian Foreign Minister Sameh Shoukry said. \"We will "
                  "keep the crossing open.\""));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].code, "EGYGOV");
  EXPECT_EQ(q[1].text, "We will keep the crossing open.");
  EXPECT_EQ(q[1].code, "EGYGOV");
}

TEST(Quotes, GuillemetsAndSingleQuotes) {
  auto g =
      quotes(code("Qatari Prime Minister Mohammed bin Abdulrahman said: « The mediation will "
                  "continue next week. »"));
  ASSERT_EQ(g.size(), 1u);
  EXPECT_EQ(g[0].text, "The mediation will continue next week.");
  EXPECT_EQ(g[0].code, "QATGOV");
  auto s =
      quotes(code("US envoy Brett McGurk said ‘the deal is close to done’ after the meeting."));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].text, "the deal is close to done");
  EXPECT_EQ(s[0].code, "USAGOV");
}

TEST(Quotes, QuoteAcrossParagraphs) {
  auto q = quotes(
      code("US envoy Brett McGurk said: \"The first part of the plan is agreed by both sides.\n\n"
           "\"The second part needs more work before anyone signs it.\""));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].code, "USAGOV");
  EXPECT_EQ(q[1].code, "USAGOV");
}

TEST(Quotes, ReportedSpeechAndAccordingTo) {
  Article a = code(
      "Hamas said that Israel had violated the truce. The talks collapsed on Tuesday, according to "
      "the White "
      "House.");
  auto q = quotes(a);
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].kind, "indirect");
  EXPECT_EQ(q[0].code, "PSEREB");
  EXPECT_EQ(q[0].text, "Israel had violated the truce");
  EXPECT_EQ(q[1].code, "USAGOV");
}

// Each of coordinated sources reports the clause; a state nested in a source's title does not.
TEST(Quotes, EachCoordinatedSourceReports) {
  auto q = quotes(code("According to Reuters and NBC, Mohammad bin Salman is the de facto ruler."));
  ASSERT_EQ(q.size(), 2u);
  EXPECT_EQ(q[0].text, q[1].text);
  EXPECT_EQ(q[0].kind, "indirect");
  auto one =
      quotes(code("According to NASA administrator Jim Bridenstine, the goal is to cut costs."));
  EXPECT_EQ(one.size(), 1u);
}

// What a party promised or demanded is reported speech: the complement of "promised to",
// "demanded"; "announced" only with a plan ("announced his resignation" is an act).
TEST(Quotes, PromisesAndDemandsAreReported) {
  auto a = quotes(code("German Chancellor Angela Merkel demanded an explanation from Russia."));
  ASSERT_EQ(a.size(), 1u);
  EXPECT_EQ(a[0].text, "an explanation from Russia");
  EXPECT_EQ(a[0].code, "DEUGOV");
  auto b = quotes(code("The Israeli government vowed to respond to the attacks."));
  ASSERT_EQ(b.size(), 1u);
  EXPECT_EQ(b[0].text, "to respond to the attacks");
  auto c = quotes(code("Siemens has announced plans to pull out of Iran."));
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].text, "plans to pull out of Iran");
  EXPECT_TRUE(
      quotes(code("Israeli Prime Minister Benjamin Netanyahu announced his resignation.")).empty());
}

// "X's argument was that ...": what a party's claim noun is reports the rest of the sentence.
TEST(Quotes, APartysArgumentIsWhatItSays) {
  auto q = quotes(
      code("The British government's counter-argument was that prorogation is a political tool."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "prorogation is a political tool");
  EXPECT_EQ(q[0].code, "GBRGOV");
  EXPECT_TRUE(quotes(code("The problem was that the talks had stalled in Cairo.")).empty());
}

// "X did Y, adding '...'": the quote after the participle is what X said, not the clause before
// it; "stressed the need for ..." reports its object phrase.
TEST(Quotes, AParticipleBeforeAQuoteReportsOnlyTheQuote) {
  auto q = quotes(
      code("Israeli Prime Minister Benjamin Netanyahu called on Italy to join the project, adding "
           "\"We call on any other country to join us.\""));
  ASSERT_FALSE(q.empty());
  for (const Seen& x : q) EXPECT_EQ(x.text.find("Netanyahu"), std::string::npos) << x.text;
  auto s =
      quotes(code("Greek Foreign Minister George Katrougalos emphasized the requirement of "
                  "approval by UNESCO."));
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0].code, "GRCGOV");
  EXPECT_TRUE(
      quotes(code("Israeli Prime Minister Benjamin Netanyahu stressed his support.")).empty());
}

// A passive report names its source with "by": what follows ("to have visited", "as convicted
// of assaults") is the source's report.
TEST(Quotes, PassiveReportsWithTheirSource) {
  auto q = quotes(code("Two ministers were reported by Reuters to have visited the hospital."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "to have visited the hospital");
  EXPECT_EQ(q[0].code, "MED");
  EXPECT_TRUE(quotes(code("The fire was reported by CNN as such.")).empty());
}

// A verb of saying inside what a speaker said is part of it, not a second report; a second
// speaker inside it reports second-hand and keeps a quote of their own.
TEST(Quotes, ReportsInsideReports) {
  auto q =
      quotes(code("Polish prosecutor Krzysztof Sierak told reporters assessments will be "
                  "carried out to confirm if the suspect is fit for trial."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_NE(q[0].text.find("assessments"), std::string::npos);
  auto two =
      quotes(code("Hamas said that Israeli Prime Minister Benjamin Netanyahu claimed the "
                  "truce had failed."));
  EXPECT_EQ(two.size(), 2u);
}

TEST(Quotes, ScareQuotesAndStrayMarksAreNotQuotes) {
  EXPECT_TRUE(
      quotes(code("The so-called \"peace plan\" was rejected. A stray \" mark here.")).empty());
}

// A trailing attribution reports the clause before it, whatever the parser hung on it.
TEST(Quotes, TrailingAttributionsReportTheWholeClause) {
  auto q = quotes(
      code("The United States and Jordan have agreed upon a new free-trade pact between the two "
           "countries, the White House announced Tuesday."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].code, "USAGOV");
  EXPECT_EQ(q[0].text.rfind("The United States and Jordan have agreed upon", 0), 0u) << q[0].text;
}

// Names in quotation marks are no one's words: titles ("the \"Radio Control Law\" states ...")
// and what a naming verb with no one naming gives ("has been termed Brexit for \"British
// exit\""). A naming verb with its namer still quotes ("termed her a \"corrupt oaf\"").
TEST(Quotes, NamesInQuotationMarksAreNotQuotes) {
  auto q = quotes(
      code("The court ruled in the case \"Eva Smith vs. Facebook Ireland Limited\" on Monday. "
           "The process has been termed Brexit for \"British exit\". The comments by Irish "
           "users termed her a \"corrupt oaf\"."));
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].text, "corrupt oaf");
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(Discards, SentenceAndStoryDiscardsStopCoding) {
  test::TempDir tmp;
  std::string list =
      tmp.write("d.txt", "<!-- a comment -->\nWORLD CUP   # sport\n+TYPHOON\nESPN_\n");
  extract::Lexicon lexicon;
  lexicon.load_discards(list);
  ASSERT_EQ(lexicon.discards().size(), 3u);
  EXPECT_NE(lexicon.discarded("Qatar hosts the World Cup final.", false), nullptr);
  EXPECT_EQ(lexicon.discarded("Qatar hosts the World Cup final.", true), nullptr);
  EXPECT_NE(lexicon.discarded("A typhoon hit Manila.", true), nullptr);
  EXPECT_NE(lexicon.discarded("Typhoons hit Manila.", true), nullptr)
      << "a phrase without _ is a stem";
  EXPECT_EQ(lexicon.discarded("ESPNews reported.", false), nullptr) << "ESPN_ needs a word end";
  EXPECT_EQ(lexicon.discarded("the reworld cup", false), nullptr) << "matches start at a word";
}

}  // namespace
}  // namespace parley
