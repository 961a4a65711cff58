// Pattern constraints that read word order (pre/post), phrases, patterns that spell out a
// negation, compound actors and subject pronouns, run through the real tagger, parser and actor
// resolver with a small actor dictionary and lexicons written here.
#include <gtest/gtest.h>

#include <set>
#include <tuple>

#include "../test_support.hpp"
#include "parley/actors/actor_dictionary.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/extract/event_coder.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/pipeline/pipeline.hpp"
#include "parley/resources.hpp"

namespace parley::extract {
namespace {

using Coding =
    std::tuple<std::string, std::string, std::string, bool>;  // source, target, code, negated

class EventPatterns : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    auto dictionary = std::make_shared<ActorDictionary>();
    dictionary->add_text(
        "ARNOR [ARN]\nGONDOR [GON]\nOSGILIATH [OSG]\nERIADOR [ERI]\nROMENDACIL [BRE]\nGONDORIAN "
        "[GON]\n"
        "THE_SHIRE [FRO/BIL/SAM]\n",
        "test");
    gazetteer_ = std::make_shared<const Gazetteer>(Gazetteer::load(default_data_dir()));
    chain_ = new Pipeline();
    chain_->add(std::make_shared<Segmenter>(Segmenter::load(default_model_dir())));
    chain_->add(std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir())));
    chain_->add(std::make_shared<nlp::Parser>(nlp::Parser::load(default_model_dir())));
    chain_->add(std::make_shared<ActorResolver>(gazetteer_, ActorDictionaries{dictionary}));
  }
  static void TearDownTestSuite() {
    delete chain_;
    chain_ = nullptr;
  }

  // Codes `text` with a lexicon holding only `patterns` (CODE<TAB>PATTERN lines).
  static std::set<Coding> code(const std::string& text,
                               const std::vector<std::pair<std::string, std::string>>& patterns) {
    auto lexicon = std::make_shared<Lexicon>();
    for (const auto& [c, p] : patterns) lexicon->add(c, p, false, "test");
    return code(text, lexicon);
  }
  static std::set<Coding> code(const std::string& text, std::shared_ptr<const Lexicon> lexicon) {
    EventCoder coder(lexicon, gazetteer_);
    Article a;
    a.text = text;
    chain_->process(a);
    coder.process(a);
    std::set<Coding> out;
    for (const Event& e : a.events) out.insert({e.source_code, e.target_code, e.cameo, e.negated});
    return out;
  }

  static inline Pipeline* chain_ = nullptr;
  static inline std::shared_ptr<const Gazetteer> gazetteer_;
};

TEST_F(EventPatterns, PreVerbWordsSelectTheMoreSpecificPattern) {
  std::vector<std::pair<std::string, std::string>> lx = {{"100", "act"},
                                                         {"1010", "act pre=indicated pre=would"}};
  EXPECT_EQ(code("Arnor indicated it would act with Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "1010", false}}));
  // The pre words must come in order before the verb.
  EXPECT_EQ(code("Arnor would act with Gondor, it indicated.", lx),
            (std::set<Coding>{{"ARN", "GON", "100", false}}));
}

TEST_F(EventPatterns, AdjacentPreWordMustTouchTheVerb) {
  std::vector<std::pair<std::string, std::string>> lx = {{"190", "clash"},
                                                         {"904", "clash pre:adj=did_n't|will_not"}};
  EXPECT_EQ(code("Romendacil didn't clash with Eriador.", lx),
            (std::set<Coding>{{"BRE", "ERI", "904", false}}));
  // "ever" between the negation and the verb: the adjacent pattern does not apply, and the
  // plain verb is a negated event.
  EXPECT_EQ(code("Romendacil will not ever clash with Eriador.", lx),
            (std::set<Coding>{{"BRE", "ERI", "190", true}}));
}

TEST_F(EventPatterns, PatternThatSpellsNegationIsNotANegatedEvent) {
  std::vector<std::pair<std::string, std::string>> lx = {{"080", "allow"},
                                                         {"112", "allow pre=not"}};
  EXPECT_EQ(code("Arnor did not allow Gondor to leave.", lx),
            (std::set<Coding>{{"ARN", "GON", "112", false}}));
  EXPECT_EQ(code("Arnor allowed Gondor to leave.", lx),
            (std::set<Coding>{{"ARN", "GON", "080", false}}));
}

TEST_F(EventPatterns, PostWordsAnywhereInTheObjectPhraseInOrder) {
  std::vector<std::pair<std::string, std::string>> lx = {{"071", "fire"},
                                                         {"194", "fire post=artillery"}};
  EXPECT_EQ(code("Arnor fired two artillery shells against Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "194", false}}));
  EXPECT_EQ(code("Arnor fired two rockets against Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "071", false}}));
}

TEST_F(EventPatterns, PostWordsStayInThePredicatesClause) {
  std::vector<std::pair<std::string, std::string>> lx = {{"070", "help"},
                                                         {"032", "help post=talks"}};
  // "talks" belongs to "win", a clause below "help".
  auto got = code("Arnor helped Gondor win a role in the talks.", lx);
  for (const auto& c : got) EXPECT_NE(std::get<2>(c), "032");
}

TEST_F(EventPatterns, PhrasesNeedConsecutiveWords) {
  std::vector<std::pair<std::string, std::string>> lx = {
      {"070", "contribute"}, {"903", "contribute post=golden_goblin_galleons"}};
  EXPECT_EQ(code("Arnor contributed a million golden goblin galleons to Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "903", false}}));
  EXPECT_EQ(code("Arnor contributed a million goblin galleons to Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "070", false}}));
  // A phrase in an ordinary constraint ends at the dependent.
  std::vector<std::pair<std::string, std::string>> obj = {
      {"070", "contribute"}, {"903", "contribute obj=goblin_galleons"}};
  EXPECT_EQ(code("Arnor will contribute a million goblin galleons to Gondor.", obj),
            (std::set<Coding>{{"ARN", "GON", "903", false}}));
}

TEST_F(EventPatterns, RoleBeforeTheVerbIsTheActorThere) {
  std::vector<std::pair<std::string, std::string>> lx = {
      {"224", "shoot +pre pre=was post=dead $obl:in"}};
  EXPECT_EQ(code("Eriador was shot dead in Osgiliath.", lx),
            (std::set<Coding>{{"OSG", "ERI", "224", false}}));
}

TEST_F(EventPatterns, JointSubjectCodesEachPair) {
  std::vector<std::pair<std::string, std::string>> lx = {{"120", "postpone"},
                                                         {"191", "postpone joint"}};
  EXPECT_EQ(code("Arnor and Gondor have postponed their meeting.", lx),
            (std::set<Coding>{{"ARN", "GON", "191", false}, {"GON", "ARN", "191", false}}));
  auto single = code("Arnor has postponed the meeting.", lx);
  for (const auto& c : single) EXPECT_EQ(std::get<2>(c), "120");
}

TEST_F(EventPatterns, UnresolvedSubjectPronounIsTheGoverningSubject) {
  std::vector<std::pair<std::string, std::string>> lx = {{"190", "attack"}};
  EXPECT_EQ(code("Arnor said it had attacked Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "190", false}}));
  // Not across sentences, and not for a pronoun that is not a subject.
  EXPECT_TRUE(code("Arnor spoke. It attacked Gondor.", lx).empty());
}

TEST_F(EventPatterns, PairedCodeAlsoCodesTheReverse) {
  std::vector<std::pair<std::string, std::string>> lx = {{"032:033", "visit"}};
  EXPECT_EQ(code("Arnor visited Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "032", false}, {"GON", "ARN", "033", false}}));
  // Without a target there is nobody to reverse to.
  EXPECT_EQ(code("Arnor visited.", lx), (std::set<Coding>{{"ARN", "", "032", false}}));
}

TEST_F(EventPatterns, WordFormPatternOutranksTheLemma) {
  auto lexicon = std::make_shared<Lexicon>();
  lexicon->add("012", "leave", false, "test");
  Pattern left = Lexicon::parse("032", "left", "test");
  left.form = true;
  lexicon->add(std::move(left), false);
  EXPECT_EQ(code("Arnor left Gondor.", lexicon), (std::set<Coding>{{"ARN", "GON", "032", false}}));
  EXPECT_EQ(code("Arnor leaves Gondor.", lexicon),
            (std::set<Coding>{{"ARN", "GON", "012", false}}));
  // Parley's own patterns are keyed by lemma only.
  auto lemmas = std::make_shared<Lexicon>();
  lemmas->add("032", "left", false, "test");
  EXPECT_TRUE(code("Arnor left Gondor.", lemmas).empty());
}

TEST_F(EventPatterns, NeutralSayingVerbReportsItsClause) {
  std::vector<std::pair<std::string, std::string>> lx = {
      {"023", "say"}, {"023", "believe"}, {"190", "attack"}};
  EXPECT_EQ(code("Osgiliath said Arnor attacked Gondor.", lx),
            (std::set<Coding>{{"ARN", "GON", "190", false}}));
  EXPECT_EQ(code("Arnor attacked Gondor, Osgiliath said.", lx),
            (std::set<Coding>{{"ARN", "GON", "190", false}}));
  // A verb with a stance of its own still codes.
  EXPECT_TRUE(
      code("Osgiliath believes Arnor attacked Gondor.", lx).count({"OSG", "ARN", "023", false}));
}

TEST_F(EventPatterns, PhraseOfASecondaryPredicateIsTheEvents) {
  std::vector<std::pair<std::string, std::string>> lx = {{"190", "shoot"},
                                                         {"224", "shoot $obl:in"}};
  // The parser hangs "in Osgiliath" on "dead" here.
  EXPECT_EQ(code("A Gondorian was shot dead in Osgiliath, the capital.", lx),
            (std::set<Coding>{{"OSG", "GON", "224", false}}));
}

TEST_F(EventPatterns, ActorWithSeveralCodesIsEachOfThem) {
  std::vector<std::pair<std::string, std::string>> lx = {{"064", "restore"}};
  EXPECT_EQ(code("The Shire restored ties with Gondor.", lx),
            (std::set<Coding>{{"FRO", "GON", "064", false},
                              {"BIL", "GON", "064", false},
                              {"SAM", "GON", "064", false}}));
}

TEST(LexiconFormat, PrePostAndJointParse) {
  Lexicon lx;
  lx.add("112", "allow pre=said pre:adj=not post=dead_or_alive joint", false, "t");
  const Pattern& p = lx.verbs("allow")[0];
  ASSERT_EQ(p.args.size(), 4u);
  EXPECT_EQ(p.args[0].relation, Relation::Pre);
  EXPECT_FALSE(p.args[0].adjacent);
  EXPECT_TRUE(p.args[1].adjacent);
  EXPECT_EQ(p.args[2].relation, Relation::Post);
  EXPECT_EQ(p.args[2].lemmas, std::vector<std::string>{"dead or alive"});
  EXPECT_EQ(p.args[3].relation, Relation::Joint);
  EXPECT_THROW(lx.add("112", "allow pre:with=not", false, "t"), std::invalid_argument);
  EXPECT_THROW(lx.add("112", "allow pre", false, "t"), std::invalid_argument);
  Pattern paired = Lexicon::parse("032:033", "arrive", "t");
  EXPECT_EQ(paired.code, "032");
  EXPECT_EQ(paired.reverse_code, "033");
  EXPECT_THROW(Lexicon::parse("032:x", "arrive", "t"), std::invalid_argument);
  EXPECT_THROW(Lexicon::parse("---:033", "arrive", "t"), std::invalid_argument);
}

}  // namespace
}  // namespace parley::extract
