#include "parley/actors/actor_dictionary.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/resources.hpp"

namespace parley {
namespace {

std::vector<std::string> words(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string w; in >> w;) out.push_back(w);
  return out;
}

TEST(ActorsDictionary, ParsesRecordsSynonymsAndDates) {
  ActorDictionary d;
  d.add_text(
      "<!-- a header\n# spanning lines\n-->\n"
      "HAMAS [PSEREBHMS]\n"
      "+HARAKAT_AL-MUQAWAMA\n"
      "GOLLUM  # comment\n+SMEAGOL\n\t[HOB < 950601]\n\t[HOBGOV 19950601 - 19990815]\n\t[HOBREB > "
      "990816]\n\n"
      "BARACK_OBAMA\n+PRESIDENT_OBAMA_\n\t[USAELI 640101-090119]\n\t[USAGOV "
      "090120-170120]\n\t[USAELI]\n"
      "JAVIER_DE_CUELLAR_\t[IGOUNO 820101-911231] [ELI]# inline\n"
      "BOROMIR [---]\n"
      "UNITED_STATES [USA]\n",
      "test");
  EXPECT_TRUE(d.warnings().empty()) << d.warnings().front();
  ASSERT_EQ(d.actors().size(), 6u);

  auto m = d.match_actor(words("Hamas said on Sunday"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "PSEREBHMS");
  EXPECT_EQ(m->length, 1u);
  m = d.match_actor(words("harakat al-Muqawama fighters"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "PSEREBHMS");
  EXPECT_EQ(m->length, 2u);

  // Date restrictions: before, between (inclusive), after, none.
  EXPECT_EQ(d.match_actor(words("Smeagol"), 19900101)->code, "HOB");
  EXPECT_EQ(d.match_actor(words("Gollum"), 19950601)->code, "HOB");  // overlapping: the first
  EXPECT_EQ(d.match_actor(words("Gollum"), 19950602)->code, "HOBGOV");
  EXPECT_EQ(d.match_actor(words("Gollum"), 19990815)->code, "HOBGOV");
  EXPECT_EQ(d.match_actor(words("Gollum"), 20010101)->code, "HOBREB");
  EXPECT_EQ(d.match_actor(words("Gollum"))->code, "HOBREB");  // no date: the latest
  EXPECT_EQ(d.match_actor(words("President Obama spoke"), 20100101)->code, "USAGOV");
  EXPECT_EQ(d.match_actor(words("Barack Obama"), 20200101)->code, "USAELI");  // default
  EXPECT_EQ(d.match_actor(words("Barack Obama"), 20050101)->code, "USAELI");
  EXPECT_EQ(d.match_actor(words("Javier de Cuellar"), 19900101)->code, "IGOUNO");
  EXPECT_EQ(d.match_actor(words("Javier de Cuellar"), 19950101)->code, "ELI");
  // A null code still names the actor.
  m = d.match_actor(words("Boromir"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->code, "");
  // Longest match, and no partial matches.
  EXPECT_EQ(d.match_actor(words("United States forces"))->length, 2u);
  EXPECT_FALSE(d.match_actor(words("United Nations")));
  EXPECT_FALSE(d.match_actor(words("Barack")));
  EXPECT_FALSE(d.match_actor(std::vector<std::string>{}));
}

TEST(ActorsDictionary, AgentsPluralsAndSubstitutions) {
  ActorDictionary d;
  d.add_text(
      "!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON\n"
      "CONGRESS!PERSON! [~LEG]\n"
      "CONGRESS [~LEG]\n"
      "POLICE {} [ ~COP]\n"
      "ATTORNEY_GENERAL {ATTORNEYS_GENERAL} [~GOV]\n"
      "DEPUTY [~GOV]\n"
      "HUMAN_RIGHTS_BODY  [NGO~] # BNL\n"
      "FOREIGN_MINISTER [~GOVFRM]\n"
      "MINISTER [~GOV]\n",
      "agents");
  EXPECT_TRUE(d.warnings().empty());
  EXPECT_EQ(d.agent("congresswomen")->code, "LEG");
  EXPECT_EQ(d.agent("Congresses")->code, "LEG");
  EXPECT_EQ(d.agent("police")->code, "COP");
  EXPECT_EQ(d.agent("polices"), nullptr);
  EXPECT_EQ(d.agent("attorneys general")->code, "GOV");
  EXPECT_EQ(d.agent("attorney generals"), nullptr);
  EXPECT_EQ(d.agent("deputies")->code, "GOV");
  const AgentRecord* body = d.agent("human rights bodies");
  ASSERT_NE(body, nullptr);
  EXPECT_EQ(body->code, "NGO");
  EXPECT_TRUE(body->prefix);
  EXPECT_FALSE(d.agent("police")->prefix);
  auto m = d.match_agent(words("foreign ministers met"));
  ASSERT_TRUE(m);
  EXPECT_EQ(m->record->code, "GOVFRM");
  EXPECT_EQ(m->length, 2u);
  EXPECT_EQ(d.agent("minister")->code, "GOV");
  // Agents and actors share one dictionary without mixing.
  EXPECT_FALSE(d.match_actor(words("police")));
}

TEST(ActorsDictionary, TabariStemsAndInlineDates) {
  ActorDictionary d;
  d.add_text(
      "<NOUN>\nBEES ;pas\n</NOUN>\n"
      "ARGENTIN  [ARG]\n"
      "ALBRIGHT  [USAGOV 991201-010114] [---] ;ems\n"
      "ALBRKGHT_  [USAGOV 930206-010114] [---]\n"
      "AMBASSADOR_  [ ~GOV] ;LRP\n",
      "demo.actors", /*tabari=*/true);
  EXPECT_TRUE(d.warnings().empty());
  EXPECT_FALSE(d.match_actor(words("bees")));
  EXPECT_EQ(d.match_actor(words("Argentina"))->code, "ARG");
  EXPECT_EQ(d.match_actor(words("Argentine"))->code, "ARG");
  EXPECT_EQ(d.match_actor(words("Albright"), 20000101)->code, "USAGOV");
  EXPECT_EQ(d.match_actor(words("Albright"), 20050101)->code, "");
  EXPECT_FALSE(d.match_actor(words("Albrkghts")));  // trailing '_': exact word
  EXPECT_EQ(d.agent("ambassador")->code, "GOV");
}

TEST(ActorsDictionary, KnowledgeBasePeopleAfterTheirLastRoleAreFormerOfficeHolders) {
  ActorDictionary d;
  d.add_people_tsv(
      "Anna Lindqvist\tSWELEG@19900101-19991231;SWEGOV@20000101-20061231\n"
      "Olof Berg\tSWEELI@19800101-19891231\n",
      "people.tsv");
  EXPECT_EQ(d.match_actor(words("Anna Lindqvist"), 20050101)->code, "SWEGOV");
  // In office once, out of it now: opposition (CAMEO, news-gold guidelines).
  EXPECT_EQ(d.match_actor(words("Anna Lindqvist"), 20190101)->code, "SWEOPP");
  // Never in office: the last role; before the first role: nothing known.
  EXPECT_EQ(d.match_actor(words("Olof Berg"), 20190101)->code, "SWEELI");
  EXPECT_EQ(d.match_actor(words("Anna Lindqvist"), 19700101)->code, "");
  // Retired: past every role at the date, not in a gap between roles or before them.
  EXPECT_TRUE(d.match_actor(words("Anna Lindqvist"), 20190101)->record->retired_at(20190101));
  EXPECT_FALSE(d.match_actor(words("Anna Lindqvist"), 20050101)->record->retired_at(20050101));
  EXPECT_FALSE(d.match_actor(words("Anna Lindqvist"), 19700101)->record->retired_at(19700101));
}

TEST(ActorsDictionary, BadInputWarnsAndDoesNotCrash) {
  ActorDictionary d;
  std::string junk = "+ORPHAN\n[\n]]]\n\t[ABC 991301-000101]\nFOO [BAR\nX [123]\n!BAD = \n{}{}{}\n";
  junk +=
      std::string(100, '\0') + "\n" + std::string(20000, 'A') + "\n<!-- never closed\nHIDDEN [X]\n";
  d.add_text(junk, "junk");
  EXPECT_FALSE(d.warnings().empty());
  EXPECT_FALSE(d.match_actor(words("HIDDEN")));
  EXPECT_FALSE(d.match_actor(words("ORPHAN")));
  EXPECT_THROW(ActorDictionary::load("/nonexistent/dict.txt"), std::runtime_error);
  EXPECT_EQ(ActorDictionary::parse_date("2024-03-05T10:00:00Z"), 20240305);
  EXPECT_EQ(ActorDictionary::parse_date("20240305"), 20240305);
  EXPECT_EQ(ActorDictionary::parse_date("950601"), 19950601);
  EXPECT_EQ(ActorDictionary::parse_date("050601"), 20050601);
  EXPECT_EQ(ActorDictionary::parse_date("Friday"), 0);
  EXPECT_EQ(ActorDictionary::parse_date("2024-13-01"), 0);
}

// The PETRARCH validation dictionaries the event coder's evaluation loads.
TEST(ActorsDictionary, ReadsPetrarchValidationDictionaries) {
  PARLEY_REQUIRE_SHARED(shared);
  const std::string dir = shared + "/peers/petrarch2/dictionaries/";
  ActorDictionary d = ActorDictionary::load(dir + "PETR.Validate.actors.txt");
  d.add_file(dir + "PETR.Validate.agents.txt");
  for (const auto& w : d.warnings()) std::cerr << "  " << w << "\n";
  EXPECT_GT(d.actors().size(), 100u);
  EXPECT_GT(d.agents().size(), 80u);
  EXPECT_EQ(d.match_actor(words("Hamas gunmen opened fire"))->code, "PSEHMSMIL");
  EXPECT_EQ(d.match_actor(words("Israeli troops"))->code, "ISRMIL");
  EXPECT_EQ(d.match_actor(words("President George W. Bush"))->code, "USAGOV");
  EXPECT_EQ(d.match_actor(words("Egyptian"))->code, "EGY");
  EXPECT_EQ(d.match_actor(words("Palestinian"))->code, "PAL");  // a later entry overrides
  EXPECT_EQ(d.match_actor(words("Interpol"))->code, "IGOCOPITP");
  EXPECT_EQ(d.match_actor(words("Smeagol"), 19940101)->code, "HOB");
  EXPECT_EQ(d.match_actor(words("Smeagol"), 19970101)->code, "HOBGOV");
  EXPECT_EQ(d.match_actor(words("U.S.S.R"), 19900101)->code, "USR");
  EXPECT_EQ(d.match_actor(words("Minas Tirith"))->code, "GON");
  EXPECT_EQ(d.agent("troops")->code, "MIL");
  EXPECT_EQ(d.agent("congressmen")->code, "LEG");
  EXPECT_EQ(d.agent("golden geese")->code, "GGS");
  EXPECT_EQ(d.agent("ministries of silly walks")->code, "GOV");
}

TEST(ActorsDictionary, ReadsPhoenixAndTabariDictionaries) {
  PARLEY_REQUIRE_SHARED(shared);
  ActorDictionary d =
      ActorDictionary::load(shared + "/peers/petrarch2/dictionaries/Phoenix.Countries.actors.txt");
  d.add_file(shared + "/peers/petrarch2/dictionaries/Phoenix.agents.txt");
  EXPECT_GT(d.actors().size(), 10000u);
  EXPECT_EQ(d.match_actor(words("Barack Obama"), 20120101)->code, "USAGOV");
  EXPECT_EQ(d.match_actor(words("Afghanistan"))->code, "AFG");
  EXPECT_EQ(d.agent("farmers")->code, "AGR");
  ActorDictionary t = ActorDictionary::load(shared + "/peers/TABARI/TABARI.Demo.actors");
  EXPECT_EQ(t.match_actor(words("Argentina"))->code, "ARG");
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

// Dictionaries as an extra source of the actors stage: they override the built-in tables, and
// date-restricted codes follow the article's date.
TEST(ActorsDictionary, ResolverUsesDictionaries) {
  auto dict = std::make_shared<ActorDictionary>();
  dict->add_text(
      "HAMAS [PSEREBHMS]\n"
      "JOHN_DOE_\n\t[USAGOV 20100101-20121231]\n\t[USAELI]\n"
      "CAIRO [EGY]\n"
      "MEDIATOR [~NGO]\n",
      "user");
  ActorResolver resolver(std::make_shared<Gazetteer>(Gazetteer::load(default_data_dir())), {dict});
  auto run = [&](const std::string& date) {
    Article a;
    a.text = "Hamas rejected the plan in Cairo. John Doe met mediators on Monday.";
    a.date = date;
    test::segmenter().run(a);
    resolver.process(a);
    return a;
  };
  auto code_of = [](const Article& a, std::string_view text) -> std::string {
    for (const Mention& m : a.mentions)
      if (a.view(m.span) == text) return a.actors[m.actor].code;
    return "(none)";
  };
  Article a = run("2011-05-01");
  EXPECT_EQ(code_of(a, "Hamas"), "PSEREBHMS");  // overrides the built-in PSEREB
  EXPECT_EQ(code_of(a, "John Doe"), "USAGOV");
  EXPECT_EQ(code_of(a, "mediators"), "NGO");
  EXPECT_EQ(code_of(a, "Cairo"), "(none)");  // "in Cairo" stays a place: [EGY] adds nothing
  EXPECT_EQ(code_of(run("2020-01-01"), "John Doe"), "USAELI");
  // Without dictionaries: the built-in code.
  ActorResolver plain(std::make_shared<Gazetteer>(Gazetteer::load(default_data_dir())));
  Article b;
  b.text = "Hamas rejected the plan.";
  test::segmenter().run(b);
  plain.process(b);
  EXPECT_EQ(code_of(b, "Hamas"), "PSEREB");
}

// A dictionary's own states compose with roles and possessives as real ones do.
TEST(ActorsDictionary, OwnStatesComposeWithRoles) {
  auto dict = std::make_shared<ActorDictionary>();
  dict->add_text("CALENARDHON [CAL]\nGONDOR [GON]\n", "user");
  ActorResolver resolver(std::make_shared<Gazetteer>(Gazetteer::load(default_data_dir())), {dict});
  Article a;
  a.text =
      "The Calenardhon government condemned an attack by soldiers from Gondor. Gondor's police "
      "left.";
  test::segmenter().run(a);
  resolver.process(a);
  auto code_of = [&](std::string_view text) -> std::string {
    for (const Mention& m : a.mentions)
      if (a.view(m.span) == text) return a.actors[m.actor].code;
    return "(none)";
  };
  EXPECT_EQ(code_of("The Calenardhon government"), "CALGOV");
  EXPECT_EQ(code_of("Gondor's police"), "GONCOP");
}

}  // namespace
}  // namespace parley
