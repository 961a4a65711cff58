#include "parley/actors/actor_resolver.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "parley/resources.hpp"

namespace parley {
namespace {

const ActorResolver& resolver() {
  static const ActorResolver r = ActorResolver::load(default_data_dir(), default_model_dir());
  return r;
}

Article resolve(const std::string& text, const std::string& date = "") {
  Article a;
  a.text = text;
  a.date = date;
  test::segmenter().run(a);
  resolver().process(a);
  return a;
}

// The actor a mention with exactly this text belongs to (nullptr when none).
const Actor* actor_of(const Article& a, const std::string& mention_text, size_t nth = 0) {
  for (const Mention& m : a.mentions)
    if (a.view(m.span) == mention_text && nth-- == 0) return &a.actors[m.actor];
  return nullptr;
}

// Each mention with exactly this text belongs to an actor with this code.
void expect_codes(const Article& a,
                  std::initializer_list<std::pair<const char*, const char*>> expected) {
  for (const auto& [mention, code] : expected) {
    ASSERT_NE(actor_of(a, mention), nullptr) << mention;
    EXPECT_EQ(actor_of(a, mention)->code, code) << mention;
  }
}

TEST(Actors, ReferenceArticleRegistry) {
  Article a = resolve(test::read_file(test::source_dir() + "/samples/cairo-talks.txt"));
  struct Expect {
    std::string mention, code, type;
  } expected[] = {
      {"US National Security Council spokesman, John Kirby", "USAGOV", "PER"},
      {"Kirby", "USAGOV", "PER"},
      {"CIA Director Bill Burns", "USASPY", "PER"},
      {"US envoy Brett McGurk", "USAGOV", "PER"},
      {"The White House", "USAGOV", "ORG"},
      {"Washington", "USAGOV", "ORG"},
      {"American officials", "USAGOV", "ORG"},
      {"Israeli sources", "ISR", "ORG"},
      {"The Israeli Broadcasting Corporation", "ISRMED", "MED"},
      {"Prime Minister Benjamin Netanyahu", "ISRGOV", "PER"},
      {"The Israeli government", "ISRGOV", "ORG"},
      {"Israeli forces", "ISRMIL", "ORG"},
      {"Hamas", "PSEREB", "GRP"},
      {"The movement", "PSEREB", "GRP"},
      {"Egypt", "EGYGOV", "ORG"},
      {"Qatar", "QATGOV", "ORG"},
  };
  for (const auto& e : expected) {
    const Actor* actor = actor_of(a, e.mention);
    ASSERT_NE(actor, nullptr) << e.mention;
    EXPECT_EQ(actor->code, e.code) << e.mention;
    EXPECT_EQ(actor->type, e.type) << e.mention;
  }
  // "He stated" and "He pointed out" are Kirby.
  const Actor* kirby = actor_of(a, "Kirby");
  EXPECT_EQ(actor_of(a, "He", 0), kirby);
  EXPECT_EQ(actor_of(a, "He", 1), kirby);
  EXPECT_EQ(kirby->name, "John Kirby");
  // The Cairo of "hosted in Cairo" and "the Cairo talks" is a place, not the Egyptian government.
  EXPECT_EQ(actor_of(a, "Cairo"), nullptr);
  // One registry entry per real-world actor.
  size_t hamas = 0;
  for (const Actor& x : a.actors) hamas += x.code == "PSEREB";
  EXPECT_EQ(hamas, 1u);
  EXPECT_EQ(actor_of(a, "The White House")->name, "United States government");
}

TEST(Actors, TitlesAppositionsAndMetonymy) {
  Article a = resolve(
      "Russian Foreign Minister Sergei Lavrov met Chinese officials. The Kremlin said the talks "
      "went well, while Lavrov praised Beijing. In Beijing, protesters gathered. A Kabul car "
      "bombing "
      "killed five. The Paris Agreement holds.");
  EXPECT_EQ(actor_of(a, "Russian Foreign Minister Sergei Lavrov")->code, "RUSGOV");
  EXPECT_EQ(actor_of(a, "Lavrov")->name, "Sergei Lavrov");
  EXPECT_EQ(actor_of(a, "Chinese officials")->code, "CHNGOV");
  EXPECT_EQ(actor_of(a, "The Kremlin")->code, "RUSGOV");
  EXPECT_EQ(actor_of(a, "Beijing", 0)->code, "CHNGOV");  // praised Beijing: the government
  EXPECT_EQ(actor_of(a, "Beijing", 1), nullptr);         // in Beijing: a place
  EXPECT_EQ(actor_of(a, "Kabul"), nullptr);              // a Kabul car bombing: where, not who
  EXPECT_EQ(actor_of(a, "Paris"), nullptr);              // a treaty's name
}

TEST(Actors, PossessivesCompose) {
  Article a = resolve(
      "Israel's military said it struck targets. Egypt's foreign minister met Qatar's prime "
      "minister. "
      "Israel's proposal was rejected.");
  ASSERT_NE(actor_of(a, "Israel's military"), nullptr);
  EXPECT_EQ(actor_of(a, "Israel's military")->code, "ISRMIL");
  ASSERT_NE(actor_of(a, "Egypt's foreign minister"), nullptr);
  EXPECT_EQ(actor_of(a, "Egypt's foreign minister")->code, "EGYGOV");
  ASSERT_NE(actor_of(a, "Qatar's prime minister"), nullptr);
  EXPECT_EQ(actor_of(a, "Qatar's prime minister")->code, "QATGOV");
  ASSERT_NE(actor_of(a, "Israel"), nullptr);  // the clitic stays out of the mention
  EXPECT_EQ(actor_of(a, "Israel")->code, "ISR");
}

TEST(Actors, PeopleNamedByTheirNation) {
  Article a = resolve(
      "Palestinians protested on Friday. A Palestinian enclave was shelled. Israelis voted.");
  ASSERT_NE(actor_of(a, "Palestinians"), nullptr);
  EXPECT_EQ(actor_of(a, "Palestinians")->code, "PSECVL");  // civilians (GUIDELINES.md)
  ASSERT_NE(actor_of(a, "Israelis"), nullptr);
  EXPECT_EQ(actor_of(a, "Israelis")->code, "ISRCVL");
  EXPECT_EQ(actor_of(a, "Palestinian"), nullptr);  // an adjective, not an actor
}

TEST(Actors, RolesOfStatesByOfAndIn) {
  Article a = resolve(
      "The ambassadors of Egypt, Qatar and Jordan met on Monday. Lawmakers in Britain voted. "
      "Former president of France Jacques Chirac died. In Paris Mary Smith spoke.");
  for (auto [mention, code] : {std::pair{"Egypt", "EGYGOV"},
                               {"Qatar", "QATGOV"},
                               {"Jordan", "JORGOV"},
                               {"Lawmakers in Britain", "GBRLEG"},  // one state: the whole
                               {"Britain", "GBR"}}) {               // and the state within
    ASSERT_NE(actor_of(a, mention), nullptr) << mention;
    EXPECT_EQ(actor_of(a, mention)->code, code) << mention;
  }
  ASSERT_NE(actor_of(a, "president of France Jacques Chirac"), nullptr);
  // A former office-holder is out of power: OPP (CAMEO practice, news-gold GUIDELINES.md).
  EXPECT_EQ(actor_of(a, "president of France Jacques Chirac")->code, "FRAOPP");
  EXPECT_EQ(actor_of(a, "president of France Jacques Chirac")->type, "PER");
  for (const Actor& x : a.actors) EXPECT_NE(x.name, "Paris Mary Smith");  // "in Paris": the town
}

// Agent nouns (data/actors/kb/agents.tsv from the Phoenix agents, and the roles table's
// "qualified" rows) name an actor right after a nationality or a state, never alone.
TEST(Actors, AgentNounsAfterAState) {
  Article a = resolve(
      "British aircraft killed four Iraqis. Palestinian settlers marched. Israeli army bulldozers "
      "demolished homes. The aircraft landed. The government's lawyer spoke.");
  expect_codes(a, {{"British aircraft", "GBRMIL"},
                   {"Palestinian settlers", "PSECVL"},
                   {"Israeli army bulldozers", "ISRMIL"}});
  EXPECT_EQ(actor_of(a, "The aircraft"), nullptr);
  EXPECT_EQ(actor_of(a, "aircraft"), nullptr);
  // After a possessive the noun is the owner's (a proxy of the government), not an agent of
  // its own ("lawyer" is JUD among the agents).
  for (const Actor& x : a.actors)
    if (x.name.find("lawyer") != std::string::npos) EXPECT_NE(x.sector, "JUD") << x.name;
}

// Words of rank between a state and a title keep the title the state's
// (data/words/rank-words.tsv).
TEST(Actors, RankWordsInsideAStatesTitle) {
  Article a = resolve(
      "Taiwan's Vice Foreign Minister visited Russia. Nigerian junior foreign minister Dubem Oniya "
      "met the ambassador of Niger. A Russian senior official visited Kenya.");
  expect_codes(a, {{"Taiwan's Vice Foreign Minister", "TWNGOV"},
                   {"Nigerian junior foreign minister Dubem Oniya", "NGAGOV"},
                   {"Russian senior official", "RUSGOV"}});
}

// Documents are named like organisations ("the Electronic Commerce Directive", "the United
// States Constitution") but do nothing: no actor.
TEST(Actors, DocumentsAreNoActors) {
  Article a = resolve(
      "The United States Constitution requires it. The Electronic Commerce Directive provides "
      "protections. The Greek Energy Forum agreed.");
  for (const Actor& x : a.actors) {
    EXPECT_EQ(x.name.find("Constitution"), std::string::npos) << x.name;
    EXPECT_EQ(x.name.find("Directive"), std::string::npos) << x.name;
  }
  EXPECT_NE(actor_of(a, "The Greek Energy Forum"), nullptr);
}

TEST(Actors, AffiliationsListsAndNestedStates) {
  const std::string affiliations =
      "Canadian Prime Minister Justin Trudeau spoke on Monday. Jane Doe, Trudeau's chief of "
      "staff, resigned. John Roe of Amnesty International said the law was unjust. Mary Poe, "
      "deputy director of the Greek Energy Forum, agreed. Representatives Ann Lee, Bob Ray, and "
      "Cal Fox voted. The Parliament of the United Kingdom met.";
  struct Case {
    std::string text;
    const char* mention;
    const char* code;
    const char* why;
  } cases[] = {
      {affiliations, "Jane Doe", "CANGOV", "a possessed title: the owner's state"},
      {affiliations, "John Roe", "NGO", "a member of a named body"},
      {affiliations, "Mary Poe", "GRCNGO", "a lower-case rank before the title"},
      {affiliations, "Cal Fox", "CANLEG", "a title in the plural: the whole list"},
      {affiliations, "Bob Ray", "CANLEG", "a title in the plural: the whole list"},
      // A state named inside another name is mentioned too, without taking the name's words.
      {affiliations, "United Kingdom", "GBR", "a state inside a name"},
      {affiliations, "The Parliament of the United Kingdom", "GBRLEG", "the name itself"},
      {"The police chief of Lagos, Tunde Ola, spoke.", "police chief of Lagos, Tunde Ola", "NGACOP",
       "a title of a place, then the name after a comma"},
      {"The mayor of Toronto, Ann Bee, agreed.", "mayor of Toronto, Ann Bee", "CANGOV",
       "a title of a place, then the name after a comma"},
      {"Israeli police arrested Dana Levi on Monday. Dana Levi is a Turkish national.", "Dana Levi",
       "TURCVL", "what the text says of an unidentified person"},
      {"Omar Ali, a Jordanian journalist, was released.", "Omar Ali", "JORMED",
       "what the text says of an unidentified person"},
      {"The Philippine government spoke.", "The Philippine government", "PHLGOV",
       "a demonym news writes"},
      {"Turkish Foreign Ministry spokesman Hami Aksoy spoke.",
       "Turkish Foreign Ministry spokesman Hami Aksoy", "TURGOV",
       "a town's name after a person's role begins the person's name (Hami is a Chinese town)"},
      {"Turkish Foreign Ministry spokesman Hami Aksoy spoke.", "Turkish Foreign Ministry", "TURGOV",
       "the body before the role stays a name of its own"},
      {"US President Donald Trump spoke. Some members of the House of Representatives objected.",
       "the House of Representatives", "USALEG",
       "a body the tables know with the home state's name"},
      {"US President Donald Trump spoke. Some members of the House of Representatives objected.",
       "members", "USALEG", "members of a body"},
      {"The Libyan House of Representatives rejected the deal.",
       "The Libyan House of Representatives", "LBYLEG",
       "a demonym before a legislature's generic name"},
      {"The Belarusian Interior Ministry said so.", "The Belarusian Interior Ministry", "BLRGOV",
       "a demonym before a ministry's generic name"},
      {"Earlier, the Greek gas producer Energean signed a deal.", "the Greek gas producer Energean",
       "GRCBUS", "a name after a body's generic description"},
      {"Germany banned Iranian airline Mahan Air. Mahan has been under sanctions since 2011.",
       "Mahan", "IRNBUS", "an organisation named again by its first word"},
      {"Puerto Rico Governor Wanda Vazquez Garced spoke. Vazquez said she would serve.", "Vazquez",
       "PRIGOV", "a person named again by the first of two surnames"},
      {"Presidents Muhammadu Buhari of Nigeria and Patrice Talon of Benin signed.", "Benin", "BEN",
       "a person recognized with the state after the name leaves the state a mention"},
      {"Yemen hotel attacked\n\nIn Yemen, multiple assailants attacked a hotel.",
       "multiple assailants", "YEMUAF", "a count before a group is in its mention"},
      {"Officers held 33 Russian individuals.", "33 Russian individuals", "RUSCVL",
       "a count before a group is in its mention"},
      {"Police said protesters in Hong Kong were detained. Police fired tear gas.", "Police",
       "HKGCOP", "a small town named like a word (Police, Poland) is no vote for the home state"},
      {"Greek Prime Minister Kyriakos Mitsotakis met President Trump in Athens.", "President Trump",
       "USAGOV", "a title and a surname of one known office-holder"},
      {"The archbishop of Warsaw, Jan Nowak, prayed.", "archbishop of Warsaw, Jan Nowak", "POLREL",
       "clergy, health workers and academics have sectors of their own"},
      {"Omar Ali, a Jordanian photojournalist, was released.", "Omar Ali", "JORMED",
       "a news trade in an apposition"},
      {"Donald Trump spoke. The Trump administration imposed sanctions.",
       "The Trump administration", "USAGOV",
       "a leader's name before a government's generic name gives its state"},
      {"Benjamin Netanyahu spoke. The Netanyahu government agreed.", "The Netanyahu government",
       "ISRGOV", "a leader's name before a government's generic name gives its state"},
      {"US House impeaches Trump\n\nThe Democratic Party controls the House.",
       "The Democratic Party", "USAOPP", "a party name many states share: the home state's"},
  };
  for (const Case& c : cases) {
    Article a = resolve(c.text);
    const Actor* actor = actor_of(a, c.mention);
    ASSERT_NE(actor, nullptr) << c.mention << ": " << c.why;
    EXPECT_EQ(actor->code, c.code) << c.mention << ": " << c.why;
  }
  // "New York" holds its words: no vote for York in England.
  Article ny = resolve("The police chief addressed reporters in New York on Monday.");
  for (const Actor& x : ny.actors) EXPECT_NE(x.country, "GBR") << x.name;
}

// A bare surname with no title and no full name before it is the office-holder the knowledge
// base has at the article's date, whatever the recognizer took it for; a first name, or a word
// of a person the article named in full, is not looked up.
TEST(Actors, BareSurnamesOfOfficeHolders) {
  Article a = resolve("Merkel met Macron in Paris. Trump criticised Iran.", "2019-07-20");
  ASSERT_NE(actor_of(a, "Merkel"), nullptr);
  EXPECT_EQ(actor_of(a, "Merkel")->code, "DEUGOV");
  ASSERT_NE(actor_of(a, "Macron"), nullptr);
  EXPECT_EQ(actor_of(a, "Macron")->code, "FRAGOV");
  ASSERT_NE(actor_of(a, "Trump"), nullptr);
  EXPECT_EQ(actor_of(a, "Trump")->code, "USAGOV");
  // Out of office at the date: Merkel left in December 2021.
  Article later = resolve("Merkel met Macron in Paris.", "2023-03-01");
  ASSERT_NE(actor_of(later, "Merkel"), nullptr);
  EXPECT_EQ(actor_of(later, "Merkel")->code, "DEUOPP");
  // "She" in a sentence after one whose subject was "she": the same person, not the first
  // name that sentence gave.
  Article she = resolve(
      "Opposition candidate Sviatlana Tsikhanouskaya arrived. She spoke about her husband "
      "Siarhei Tsikhanouski. She asked voters to come.",
      "2020-07-30");
  std::vector<std::string> she_is;
  for (const Mention& m : she.mentions)
    if (she.view(m.span) == "She") she_is.push_back(she.actors[m.actor].name);
  ASSERT_EQ(she_is.size(), 2u);
  EXPECT_EQ(she_is[0], she_is[1]);
  // A former office leaves the office the dictionary gives at the date.
  Article tusk = resolve("Ex-Prime Minister Donald Tusk spoke in Gdansk.", "2019-01-14");
  ASSERT_NE(actor_of(tusk, "Prime Minister Donald Tusk"), nullptr);
  EXPECT_EQ(actor_of(tusk, "Prime Minister Donald Tusk")->code, "IGOEUREEC");
  // The article's own person, named in full before, keeps the article's reading.
  Article own = resolve("Yemeni journalist Nabil Hasan al-Quaety was killed. Nabil worked for AFP.",
                        "2020-06-02");
  for (const Actor& x : own.actors) EXPECT_NE(x.code.substr(0, 3), "AFG") << x.name;
}

// Text with no name, role or antecedent in it gives no actor and no mention: not punctuation,
// not a 5,000-letter "word" (once an ORG actor "AAAA..."), not pronouns with nothing to refer to.
TEST(Actors, NoActorsInNoise) {
  for (const std::string& text :
       {std::string(""), std::string("!!! ???"), std::string(5000, 'A'), std::string(5000, 'a'),
        std::string("He said. She said. They said.")}) {
    Article a = resolve(text);
    EXPECT_TRUE(a.actors.empty()) << text.substr(0, 40) << ": " << a.actors.size()
                                  << " actors, first \""
                                  << (a.actors.empty() ? "" : a.actors[0].name.substr(0, 40))
                                  << "\"";
    EXPECT_TRUE(a.mentions.empty()) << text.substr(0, 40);
  }
}

}  // namespace
}  // namespace parley
