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

Article resolve(const std::string& text) {
  Article a;
  a.text = text;
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
                               {"Britain", "GBRLEG"}}) {
    ASSERT_NE(actor_of(a, mention), nullptr) << mention;
    EXPECT_EQ(actor_of(a, mention)->code, code) << mention;
  }
  ASSERT_NE(actor_of(a, "president of France Jacques Chirac"), nullptr);
  // A former office-holder is out of power: OPP (CAMEO practice, news-gold GUIDELINES.md).
  EXPECT_EQ(actor_of(a, "president of France Jacques Chirac")->code, "FRAOPP");
  EXPECT_EQ(actor_of(a, "president of France Jacques Chirac")->type, "PER");
  for (const Actor& x : a.actors) EXPECT_NE(x.name, "Paris Mary Smith");  // "in Paris": the town
}

TEST(Actors, AffiliationsListsAndNestedStates) {
  Article a = resolve(
      "Canadian Prime Minister Justin Trudeau spoke on Monday. Jane Doe, Trudeau's chief of "
      "staff, resigned. John Roe of Amnesty International said the law was unjust. Mary Poe, "
      "deputy director of the Greek Energy Forum, agreed. Representatives Ann Lee, Bob Ray, and "
      "Cal Fox voted. The Parliament of the United Kingdom met.");
  for (auto [mention, code] : {std::pair{"Jane Doe", "CANGOV"},  // the owner's state
                               {"John Roe", "NGO"},              // a member of a named body
                               {"Mary Poe", "GRCNGO"},  // a lower-case rank before the role
                               {"Cal Fox", "CANLEG"},   // a title in the plural: the whole list
                               {"Bob Ray", "CANLEG"}}) {
    ASSERT_NE(actor_of(a, mention), nullptr) << mention;
    EXPECT_EQ(actor_of(a, mention)->code, code) << mention;
  }
  // A title of a place, then the name after a comma.
  Article b = resolve(
      "The police chief of Lagos, Tunde Ola, spoke. The mayor of Toronto, Ann Bee, agreed.");
  ASSERT_NE(actor_of(b, "police chief of Lagos, Tunde Ola"), nullptr);
  EXPECT_EQ(actor_of(b, "police chief of Lagos, Tunde Ola")->code, "NGACOP");
  ASSERT_NE(actor_of(b, "mayor of Toronto, Ann Bee"), nullptr);
  EXPECT_EQ(actor_of(b, "mayor of Toronto, Ann Bee")->code, "CANGOV");
  // What the text says of a person nothing else identifies gives the nationality.
  Article c = resolve(
      "Israeli police arrested Dana Levi on Monday. Dana Levi is a Turkish national. Omar Ali, "
      "a Jordanian journalist, was released.");
  ASSERT_NE(actor_of(c, "Dana Levi"), nullptr);
  EXPECT_EQ(actor_of(c, "Dana Levi")->code, "TURCVL");
  ASSERT_NE(actor_of(c, "Omar Ali"), nullptr);
  EXPECT_EQ(actor_of(c, "Omar Ali")->code, "JORMED");
  // A Philippine demonym; a person recognized with the state after the name keeps the name alone.
  Article d = resolve(
      "The Philippine government spoke. Presidents Muhammadu Buhari of Nigeria and Patrice Talon "
      "of Benin signed.");
  ASSERT_NE(actor_of(d, "The Philippine government"), nullptr);
  EXPECT_EQ(actor_of(d, "The Philippine government")->code, "PHLGOV");
  ASSERT_NE(actor_of(d, "Benin"), nullptr);
  EXPECT_EQ(actor_of(d, "Benin")->code, "BEN");
  // A count before a group is part of its mention.
  Article e = resolve(
      "Yemen hotel attacked\n\nIn Yemen, multiple assailants attacked a hotel. Officers held 33 "
      "Russian individuals.");
  ASSERT_NE(actor_of(e, "multiple assailants"), nullptr);
  EXPECT_EQ(actor_of(e, "multiple assailants")->code, "YEMUAF");
  ASSERT_NE(actor_of(e, "33 Russian individuals"), nullptr);
  EXPECT_EQ(actor_of(e, "33 Russian individuals")->code, "RUSCVL");
  // A small town that shares its name with a word ("Police", Poland) is no vote for the
  // article's state.
  Article f = resolve("Police said protesters in Hong Kong were detained. Police fired tear gas.");
  ASSERT_NE(actor_of(f, "Police"), nullptr);
  EXPECT_EQ(actor_of(f, "Police")->code, "HKGCOP");
  // A title and a surname the knowledge base knows one office-holder by.
  Article g = resolve("Greek Prime Minister Kyriakos Mitsotakis met President Trump in Athens.");
  ASSERT_NE(actor_of(g, "President Trump"), nullptr);
  EXPECT_EQ(actor_of(g, "President Trump")->code, "USAGOV");
  // A party name many states share is the home state's party of that name.
  Article h = resolve("US House impeaches Trump\n\nThe Democratic Party controls the House.");
  ASSERT_NE(actor_of(h, "The Democratic Party"), nullptr);
  EXPECT_EQ(actor_of(h, "The Democratic Party")->code.substr(0, 3), "USA");
  // A state named inside another name is mentioned too, without taking the name's words.
  ASSERT_NE(actor_of(a, "United Kingdom"), nullptr);
  EXPECT_EQ(actor_of(a, "United Kingdom")->code, "GBR");
  ASSERT_NE(actor_of(a, "The Parliament of the United Kingdom"), nullptr);
  EXPECT_EQ(actor_of(a, "The Parliament of the United Kingdom")->code, "GBRLEG");
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
