#include "parley/actors/ner.hpp"

#include <gtest/gtest.h>

#include <filesystem>

#include "../test_support.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/eval/coref_eval.hpp"
#include "parley/eval/ner_eval.hpp"
#include "parley/resources.hpp"

namespace parley {
namespace {

std::shared_ptr<const Gazetteer> gazetteer() {
  static const auto g = std::make_shared<const Gazetteer>(Gazetteer::load(default_data_dir()));
  return g;
}

const EntityRecognizer& recognizer() {
  static const auto r = EntityRecognizer::load(default_model_dir(), gazetteer());
  return *r;
}

const nlp::Tagger& tagger() {
  static const nlp::Tagger t = nlp::Tagger::load(default_model_dir());
  return t;
}

std::vector<std::string_view> split(const std::string& s, std::vector<std::string>& store) {
  store.clear();
  std::istringstream in(s);
  for (std::string w; in >> w;) store.push_back(w);
  return {store.begin(), store.end()};
}

// Two-word GUM excerpt: a person with a relative clause, a nested place, a pronoun, a time.
const char* kGum =
    "# newdoc id = GUM_news_test\n"
    "# sent_id = t-1\n"
    "1\tThe\tthe\tDET\tDT\t_\t3\tdet\t_\tEntity=(1-organization-new-sssss-cf1-3-coref\n"
    "2\tRed\tRed\tPROPN\tNNP\t_\t3\tcompound\t_\t_\n"
    "3\tCross\tCross\tPROPN\tNNP\t_\t4\tnsubj\t_\tEntity=1)\n"
    "4\tthanked\tthank\tVERB\tVBD\t_\t0\troot\t_\t_\n"
    "5\tMary\tMary\tPROPN\tNNP\t_\t4\tobj\t_\tEntity=(2-person-new-sssss-cf2-1-coref\n"
    "6\tChaworth\tChaworth\tPROPN\tNNP\t_\t5\tflat\t_\tSpaceAfter=No\n"
    "7\t,\t,\tPUNCT\t,\t_\t9\tpunct\t_\t_\n"
    "8\twho\twho\tPRON\tWP\t_\t9\tnsubj\t_\t_\n"
    "9\tlives\tlive\tVERB\tVBZ\t_\t5\tacl:relcl\t_\t_\n"
    "10\tin\tin\tADP\tIN\t_\t11\tcase\t_\t_\n"
    "11\tOttawa\tOttawa\tPROPN\tNNP\t_\t9\tobl\t_\tEntity=(3-place-new-sssss-cf3-1-sgl)2)\n"
    "12\ton\ton\tADP\tIN\t_\t13\tcase\t_\t_\n"
    "13\tMonday\tMonday\tPROPN\tNNP\t_\t4\tobl\t_\tEntity=(4-time-new-sssss-cf4-1-sgl)|SpaceAfter="
    "No\n"
    "14\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_\n"
    "\n"
    "# sent_id = t-2\n"
    "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj\t_\tEntity=(2-person-giv-sssss-cf2-1-coref)\n"
    "2\tsmiled\tsmile\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n"
    "\n";

TEST(NerCorpus, ReadsGumNamedMentions) {
  test::TempDir tmp;
  auto s = read_ner_corpus(tmp.write("g.conllu", kGum), NerFormat::kGum);
  ASSERT_EQ(s.size(), 2u);
  EXPECT_EQ(s[0].doc_id, "GUM_news_test");
  // "The" left out, the relative clause left out, the time skipped, the nested place kept.
  std::vector<EntitySpan> expected = {{1, 2, "ORG"}, {4, 5, "PER"}, {10, 10, "LOC"}};
  EXPECT_EQ(s[0].entities, expected);
  EXPECT_TRUE(s[1].entities.empty());  // a pronoun is no named entity
}

TEST(NerCorpus, ReadsConllIob1Iob2AndUner) {
  test::TempDir tmp;
  // Wikigold-style IOB1: a B- only between two adjacent entities of one type.
  auto a = read_ner_corpus(
      tmp.write(
          "a.txt",
          "-DOCSTART- O\n\nthe O\nUnited I-ORG\nNations I-ORG\nmet O\nBob I-PER\nB-PER B-PER\n\n"),
      NerFormat::kConll);
  ASSERT_EQ(a.size(), 1u);
  std::vector<EntitySpan> ea = {{1, 2, "ORG"}, {4, 4, "PER"}, {5, 5, "PER"}};
  EXPECT_EQ(a[0].entities, ea);
  // CrossNER-style tabs, IOB2, its own types mapped; re3d's "the" inside a span dropped, and
  // re3d mentions without a name ("the party") are not scored.
  auto b = read_ner_corpus(
      tmp.write("b.txt",
                "the\tB-Organisation\nparty\tI-Organisation\nLabour\tB-politicalparty\n"
                "won\tO\nin\tO\nWales\tB-country\n5\tB-Quantity\n"),
      NerFormat::kRe3d);
  ASSERT_EQ(b.size(), 1u);
  std::vector<EntitySpan> eb = {{2, 2, "ORG"}, {5, 5, "LOC"}};
  EXPECT_EQ(b[0].entities, eb);
  auto c = read_ner_corpus(
      tmp.write("c.iob2",
                "# newdoc id = d1\n# sent_id = x\n1\tSee\tO\t-\t-\n2\tNew\tB-LOC\t-\t-\n"
                "3\tYork\tI-LOC\t-\t-\n\n"),
      NerFormat::kUner);
  ASSERT_EQ(c.size(), 1u);
  EXPECT_EQ(c[0].doc_id, "d1");
  EXPECT_EQ(c[0].entities, (std::vector<EntitySpan>{{1, 2, "LOC"}}));
  EXPECT_THROW(read_ner_corpus(tmp.path() + "/missing", NerFormat::kConll), std::runtime_error);
  EXPECT_THROW(ner_format("xml"), std::runtime_error);
}

TEST(NerEval, ScoresExactSpansPerType) {
  std::vector<NerSentence> gold(2);
  gold[0].words = {"Bob", "met", "Ann", "in", "Rome"};
  gold[0].entities = {{0, 0, "PER"}, {2, 2, "PER"}, {4, 4, "LOC"}};
  gold[1].words = {"IBM", "hired", "Al"};
  gold[1].entities = {{0, 0, "ORG"}, {2, 2, "PER"}};
  std::vector<std::vector<EntitySpan>> pred = {{{0, 0, "PER"},
                                                {2, 2, "LOC"},
                                                {4, 4, "LOC"},
                                                {1, 1, "MISC"}},  // MISC: not in the gold scheme
                                               {{0, 0, "ORG"}}};
  auto s = eval::score_ner(gold, pred);
  EXPECT_EQ(s.by_type.at("PER").gold, 3u);
  EXPECT_EQ(s.by_type.at("PER").correct, 1u);
  EXPECT_EQ(s.by_type.at("LOC").predicted, 2u);
  EXPECT_EQ(s.by_type.count("MISC"), 0u);
  EXPECT_EQ(s.overall.gold, 5u);
  EXPECT_EQ(s.overall.predicted, 4u);
  EXPECT_EQ(s.overall.correct, 3u);
  EXPECT_NEAR(s.overall.f1(), 100.0 * 2 * 3 / 9, 1e-9);
}

TEST(Ner, RecognizesNamesInNews) {
  std::vector<std::string> store;
  auto spans =
      recognizer().recognize(split("Palestinian President Mahmoud Abbas met UN Secretary-General "
                                   "Antonio Guterres in Geneva on Monday .",
                                   store));
  auto has = [&](uint32_t f, uint32_t l, const char* type) {
    return std::find(spans.begin(), spans.end(), EntitySpan{f, l, type}) != spans.end();
  };
  EXPECT_TRUE(has(2, 3, "PER"));
  EXPECT_TRUE(has(7, 8, "PER"));
  EXPECT_TRUE(has(10, 10, "LOC"));
  for (const auto& e : spans) EXPECT_NE(store[e.first], "Monday");
}

TEST(Ner, BadInputDoesNotCrash) {
  std::vector<std::string> store;
  EXPECT_TRUE(recognizer().recognize(split("", store)).empty());
  std::string junk;
  for (int i = 0; i < 3000; ++i) junk += (i % 7 ? "Xq\xff\xfe " : ". ");
  auto spans = recognizer().recognize(split(junk, store));
  for (const auto& e : spans) EXPECT_LT(e.last, store.size());
  Article a;
  a.text = std::string(20000, 'A') + " " + junk;
  test::segmenter().run(a);
  auto all = recognizer().recognize(a);
  EXPECT_EQ(all.size(), a.sentences.size());
  test::TempDir tmp;
  NerModel m;
  EXPECT_THROW(m.load(tmp.write("bad.bin", "PRLNER01garbage")), std::runtime_error);
  EXPECT_THROW(m.load(tmp.path() + "/none.bin"), std::runtime_error);
}

TEST(Ner, TrainingIsDeterministicAndLearns) {
  std::vector<NerSentence> train;
  const char* people[] = {"Alice Moreau", "Bruno Keller", "Chen Wei", "Dana Ortiz", "Emil Novak"};
  const char* places[] = {"Lyon", "Basel", "Harbin", "Quito", "Brno"};
  for (int i = 0; i < 5; ++i)
    for (int j = 0; j < 5; ++j) {
      NerSentence s;
      std::istringstream in(std::string(people[i]) + " arrived in " + places[j] + " today .");
      for (std::string w; in >> w;) s.words.push_back(w);
      s.entities = {{0, 1, "PER"}, {4, 4, "LOC"}};
      train.push_back(s);
    }
  NerTrainOptions o;
  o.epochs = 3;
  o.min_updates = 1;
  std::ostringstream log;
  NerModel a = train_ner(train, {}, tagger(), *gazetteer(), o, log);
  NerModel b = train_ner(train, {}, tagger(), *gazetteer(), o, log);
  test::TempDir tmp;
  a.save(tmp.path() + "/a.bin");
  b.save(tmp.path() + "/b.bin");
  EXPECT_EQ(test::read_file(tmp.path() + "/a.bin"), test::read_file(tmp.path() + "/b.bin"));
  NerModel loaded;
  loaded.load(tmp.path() + "/a.bin");
  EntityRecognizer r(std::make_shared<NerModel>(std::move(loaded)),
                     std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir())),
                     gazetteer());
  auto scores = eval::evaluate_ner(r, train);
  EXPECT_GT(scores.overall.f1(), 90.0);
}

// The shipped model on the held-out GUM news documents and on UNER PUD.
TEST(NerEval, HeldOutGumNewsAndUner) {
  PARLEY_REQUIRE_SHARED(shared);
  auto gum = read_ner_corpus(shared + "/corpora/ud-english-gum-wikimedia/gum-wikimedia-test.conllu",
                             NerFormat::kGum);
  std::erase_if(gum, [](const NerSentence& s) { return s.doc_id.rfind("GUM_news", 0) != 0; });
  auto s = eval::evaluate_ner(recognizer(), gum);
  EXPECT_EQ(s.sentences, 85u);
  EXPECT_EQ(s.overall.gold,
            148u);  // titles stay out of names: "[NASA] Administrator [Charles Bolden]"
  // Floors about a point and a half under the README's table (GUM news LOC 61.02; PUD
  // PER+ORG+LOC 64.88, PER 75.09), so a real loss fails here.
  EXPECT_GT(s.by_type.at("LOC").f1(), 59.5);
  EXPECT_GT(s.overall.f1(), 48.0);  // 49.52 measured (all types, 148 gold)
  auto pud =
      read_ner_corpus(shared + "/corpora/uner-english-pud/en_pud-ud-test.iob2", NerFormat::kUner);
  auto p = eval::evaluate_ner(recognizer(), pud);
  EXPECT_EQ(p.overall.gold, 1075u);
  EXPECT_GT(p.overall.f1(), 64.5);  // 66.13 measured
  EXPECT_GT(p.by_type.at("PER").f1(), 73.6);
}

TEST(CorefEval, LinksPronounsToTheirChain) {
  test::TempDir tmp;
  ActorResolver resolver = ActorResolver::load(default_data_dir(), default_model_dir());
  auto s = eval::evaluate_coref(resolver, tmp.write("g.conllu", kGum), "", 5);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_GE(s.aligned, 1u);
  EXPECT_EQ(s.gold_anaphors, 1u);  // "She" after "Mary Chaworth"
  // ... and Parley links it there: one pronoun scored, right, and the gold anaphor linked.
  EXPECT_EQ(s.by_kind["pronoun"].scored, 1u);
  EXPECT_EQ(s.by_kind["pronoun"].correct, 1u);
  EXPECT_EQ(s.gold_anaphors_linked, 1u);
  EXPECT_TRUE(s.errors.empty());
  for (const auto& [kind, c] : s.by_kind) EXPECT_EQ(c.correct, c.scored) << kind;
}

TEST(CorefEval, GumTest) {
  PARLEY_REQUIRE_SHARED(shared);
  ActorResolver resolver = ActorResolver::load(default_data_dir(), default_model_dir());
  auto s = eval::evaluate_coref(
      resolver, shared + "/corpora/ud-english-gum-wikimedia/gum-wikimedia-test.conllu", "", 0);
  EXPECT_EQ(s.documents, 8u);
  // Measured (parley eval coref, all 8 documents): 222 scored, 67.12% right; names 89/106,
  // pronouns 31/40, descriptions 21/67. Names were 86/100 before party names and "Democrats",
  // "Republicans" were known: these link members to their party ("Republicans" to "Republican
  // Party"), which GUM keeps apart and CAMEO codes alike; one short form, "Libertarian" for "the
  // Libertarian Party", links wrongly. Floors a point or so under, so a real loss fails here.
  EXPECT_GT(s.overall.scored, 210u);
  EXPECT_GT(s.overall.accuracy(), 66.0);
  EXPECT_GT(s.by_kind["name"].accuracy(), 83.0);
  EXPECT_GE(s.by_kind["name"].correct, 88u);
  EXPECT_GT(s.by_kind["pronoun"].scored, 35u);
  EXPECT_GT(s.by_kind["pronoun"].accuracy(), 72.0);
}

TEST(NerCli, EvalNerPrintsATable) {
  test::TempDir tmp;
  std::string gold = tmp.write("g.conllu", kGum);
  auto r = test::run_cli("eval ner --format gum --gold " + gold, tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("overall"), std::string::npos);
  EXPECT_NE(r.out.find("PER "), std::string::npos);
  auto bad = test::run_cli("eval ner --format xml --gold " + gold, tmp);
  EXPECT_NE(bad.status, 0);
}

}  // namespace
}  // namespace parley
