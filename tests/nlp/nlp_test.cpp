// The nlp stage with the shipped models: tags, lemmas and trees of known sentences, model files
// that survive a save/load round trip, and input that is hostile to a parser.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>

#include "../test_support.hpp"
#include "parley/nlp/control.hpp"
#include "parley/nlp/evaluation.hpp"
#include "parley/nlp/gold_article.hpp"
#include "parley/nlp/lemmatizer.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/resources.hpp"

namespace parley {
namespace {

const nlp::Tagger& tagger() {
  static const nlp::Tagger t = nlp::Tagger::load(default_model_dir());
  return t;
}
const nlp::Parser& parser() {
  static const nlp::Parser p = nlp::Parser::load(default_model_dir());
  return p;
}

Article analyse(const std::string& text) {
  Article a;
  a.text = text;
  test::segmenter().run(a);
  tagger().process(a);
  parser().process(a);
  return a;
}

// 0-based index of the first word spelled `form`, or -1.
int find_word(const Article& a, std::string_view form) {
  for (size_t i = 0; i < a.words.size(); ++i)
    if (a.word_text(static_cast<uint32_t>(i)) == form) return static_cast<int>(i);
  return -1;
}

// Every sentence has exactly one root, heads in range and no cycles.
void expect_well_formed(const Article& a) {
  ASSERT_EQ(a.analysis.size(), a.words.size());
  for (const Sentence& s : a.sentences) {
    int roots = 0;
    const int n = static_cast<int>(s.word_count);
    for (int k = 0; k < n; ++k) {
      const WordAnalysis& w = a.analysis[s.first_word + static_cast<uint32_t>(k)];
      ASSERT_GE(w.head, 0);
      ASSERT_LE(w.head, n);
      EXPECT_FALSE(w.upos.empty());
      EXPECT_FALSE(w.deprel.empty());
      roots += w.head == 0;
      int h = k + 1, steps = 0;
      while (h != 0 && steps++ <= n)
        h = a.analysis[s.first_word + static_cast<uint32_t>(h - 1)].head;
      EXPECT_EQ(h, 0) << "cycle through word " << k + 1;
    }
    EXPECT_EQ(roots, 1);
  }
}

TEST(Parser, KirbyUrgedHamasToEngage) {
  Article a = analyse("Kirby urged Hamas to engage in the negotiations.");
  expect_well_formed(a);
  int kirby = find_word(a, "Kirby"), urged = find_word(a, "urged"), hamas = find_word(a, "Hamas"),
      engage = find_word(a, "engage");
  ASSERT_GE(kirby, 0);
  ASSERT_GE(urged, 0);
  ASSERT_GE(hamas, 0);
  ASSERT_GE(engage, 0);
  // Heads are 1-based within the one sentence, which starts at word 0.
  EXPECT_EQ(a.analysis[urged].head, 0);
  EXPECT_EQ(a.analysis[kirby].head, urged + 1);
  EXPECT_EQ(a.analysis[kirby].deprel, "nsubj");
  EXPECT_EQ(a.analysis[hamas].head, urged + 1);
  EXPECT_EQ(a.analysis[hamas].deprel, "obj");
  EXPECT_EQ(a.analysis[engage].head, urged + 1);
  EXPECT_EQ(a.analysis[engage].deprel, "xcomp");
}

// The reference article's sentence: the greedy parser reads this to-infinitive as a purpose
// clause; object-control verbs get it relabelled (nlp/control.hpp). Purpose clauses stay.
TEST(Parser, ObjectControlInfinitiveIsXcomp) {
  Article a = analyse(
      "Kirby urged Hamas to engage in the negotiations, stressing that their participation is "
      "crucial for "
      "moving forward.");
  expect_well_formed(a);
  int urged = find_word(a, "urged"), engage = find_word(a, "engage");
  ASSERT_GE(engage, 0);
  EXPECT_EQ(a.analysis[engage].head, urged + 1);
  EXPECT_EQ(a.analysis[engage].deprel, "xcomp");

  // The repair itself, on a fixed analysis: a purpose clause of "buy" stays advcl; the same
  // clause under "urge" becomes xcomp.
  Article b = analyse("The army bought new rifles to defend the northern border.");
  int bought = find_word(b, "bought"), rifles = find_word(b, "rifles"),
      defend = find_word(b, "defend"), to = find_word(b, "to");
  ASSERT_GE(defend, 0);
  for (auto& w : b.analysis) w.head = bought + 1;
  b.analysis[bought].head = 0;
  b.analysis[rifles].deprel = "obj";
  b.analysis[defend].deprel = "advcl";
  b.analysis[defend].upos = "VERB";
  b.analysis[to].head = defend + 1;
  b.analysis[to].deprel = "mark";
  const Sentence& s = b.sentences[0];
  EXPECT_EQ(nlp::repair_object_control(b.analysis, s.first_word, s.word_count, b), 0);
  EXPECT_EQ(b.analysis[defend].deprel, "advcl");
  b.analysis[bought].lemma = "urge";
  EXPECT_EQ(nlp::repair_object_control(b.analysis, s.first_word, s.word_count, b), 1);
  EXPECT_EQ(b.analysis[defend].deprel, "xcomp");
}

TEST(Parser, PassiveSubject) {
  Article a = analyse("The talks were suspended by the mediators.");
  expect_well_formed(a);
  int talks = find_word(a, "talks"), suspended = find_word(a, "suspended"),
      mediators = find_word(a, "mediators");
  EXPECT_EQ(a.analysis[talks].deprel, "nsubj:pass");
  EXPECT_EQ(a.analysis[talks].head, suspended + 1);
  EXPECT_EQ(a.analysis[mediators].deprel.substr(0, 3), "obl");  // obl or obl:agent
  EXPECT_EQ(a.analysis[mediators].head, suspended + 1);
}

TEST(Tagger, TagsFeaturesAndLemmas) {
  Article a = analyse("The ministers were meeting in Cairo and did not sign the agreements.");
  auto at = [&](std::string_view form) -> const WordAnalysis& {
    return a.analysis[find_word(a, form)];
  };
  EXPECT_EQ(at("The").upos, "DET");
  EXPECT_EQ(at("ministers").upos, "NOUN");
  EXPECT_EQ(at("ministers").xpos, "NNS");
  EXPECT_EQ(at("ministers").lemma, "minister");
  EXPECT_NE(at("ministers").feats.find("Number=Plur"), std::string::npos);
  EXPECT_EQ(at("were").upos, "AUX");
  EXPECT_EQ(at("were").lemma, "be");
  EXPECT_NE(at("were").feats.find("Tense=Past"), std::string::npos);
  EXPECT_EQ(at("meeting").lemma, "meet");
  EXPECT_EQ(at("Cairo").upos, "PROPN");
  EXPECT_EQ(at("Cairo").lemma, "Cairo");
  EXPECT_EQ(at("did").lemma, "do");
  EXPECT_EQ(at("not").upos, "PART");
  EXPECT_NE(at("not").feats.find("Polarity=Neg"), std::string::npos);
  EXPECT_EQ(at("agreements").lemma, "agreement");
}

// The shipped model learned "-elled" -> "-el" ("travelled"); one-syllable verbs keep their
// double l ("shelled" -> "shell").
TEST(Tagger, OneSyllableVerbsKeepTheirDoubleL) {
  Article a = analyse("Troops shelled the town, quelled riots and travelled home.");
  auto at = [&](std::string_view form) -> const WordAnalysis& {
    return a.analysis[find_word(a, form)];
  };
  EXPECT_EQ(at("shelled").lemma, "shell");
  EXPECT_EQ(at("quelled").lemma, "quell");
  EXPECT_EQ(at("travelled").lemma, "travel");
  // ... capitalised too (the rules lower-case the lemma).
  Article b = analyse("Shelled for days, the town fell.");
  EXPECT_EQ(b.analysis[find_word(b, "Shelled")].lemma, "shell");
}

conllu::Sentence parse_conllu(const std::string& text) {
  std::istringstream in(text);
  conllu::Reader r(in);
  conllu::Sentence s;
  EXPECT_TRUE(r.next(s));
  return s;
}

TEST(Lemmatizer, LearnsRulesAndExceptions) {
  std::vector<conllu::Sentence> train = {parse_conllu(
      "1\ttalked\ttalk\tVERB\tVBD\t_\t0\troot\t_\t_\n2\twalked\twalk\tVERB\tVBD\t_\t1\tobj\t_\t_\n"
      "3\twent\tgo\tVERB\tVBD\t_\t1\tobj\t_\t_\n4\tcats\tcat\tNOUN\tNNS\t_\t1\tobj\t_\t_\n"
      "5\tdogs\tdog\tNOUN\tNNS\t_\t1\tobj\t_\t_\n\n")};
  nlp::Lemmatizer lem = nlp::Lemmatizer::train(train);
  EXPECT_EQ(lem.lemmatize("jumped", "VERB", "VBD"), "jump");  // unseen: the -ed rule
  EXPECT_EQ(lem.lemmatize("Jumped", "VERB", "VBD"), "jump");  // lowercased like its training words
  EXPECT_EQ(lem.lemmatize("went", "VERB", "VBD"), "go");      // exception
  EXPECT_EQ(lem.lemmatize("birds", "NOUN", "NNS"), "bird");
  EXPECT_EQ(lem.lemmatize("birds", "X", "ZZ"), "birds");  // unknown tag: the form
}

// A misspelling in the treebank ("appologized" -> "apologize") teaches nothing about words that
// merely share its ending: its rule rewrites more than the ending it is filed under.
TEST(Lemmatizer, RulesStayWithinTheirEnding) {
  std::vector<conllu::Sentence> train = {parse_conllu(
      "1\ttalked\ttalk\tVERB\tVBD\t_\t0\troot\t_\t_\n2\twalked\twalk\tVERB\tVBD\t_\t1\tobj\t_\t_\n"
      "3\tappologized\tapologize\tVERB\tVBD\t_\t1\tobj\t_\t_\n"
      "4\tpriced\tprice\tVERB\tVBD\t_\t1\tobj\t_\t_\n5\tsized\tsize\tVERB\tVBD\t_\t1\tobj\t_\t_\n"
      "6\tplayed\tplay\tVERB\tVBD\t_\t1\tobj\t_\t_\n\n")};
  nlp::Lemmatizer lem = nlp::Lemmatizer::train(train);
  EXPECT_EQ(lem.lemmatize("appologized", "VERB", "VBD"), "apologize");  // itself: the exception
  EXPECT_EQ(lem.lemmatize("apologized", "VERB", "VBD"), "apologize");
  EXPECT_EQ(lem.lemmatize("jumped", "VERB", "VBD"), "jump");
}

TEST(Parser, ProjectivizeLiftsCrossingArcs) {
  std::vector<int> heads = {2, 0, 2, 3};  // projective: left alone
  EXPECT_EQ(nlp::projectivize(heads), 0);
  heads = {0, 4, 1, 1, 3};  // 3 -> 5 spans 4 (a sibling): non-projective
  EXPECT_GT(nlp::projectivize(heads), 0);
  EXPECT_EQ(heads[4], 1);
}

TEST(Models, RoundTripGivesIdenticalAnalyses) {
  test::TempDir tmp;
  tagger().model().save(tmp.path() + "/tagger.bin");
  parser().model().save(tmp.path() + "/parser.bin");
  nlp::Tagger t2 = nlp::Tagger::load(tmp.path());
  nlp::Parser p2 = nlp::Parser::load(tmp.path());
  Article a = analyse(
      "Egypt and Qatar said on Tuesday that a ceasefire deal was close, but Israel denied it.");
  Article b;
  b.text = a.text;
  test::segmenter().run(b);
  t2.process(b);
  p2.process(b);
  ASSERT_EQ(a.analysis.size(), b.analysis.size());
  for (size_t i = 0; i < a.analysis.size(); ++i) {
    EXPECT_EQ(a.analysis[i].xpos, b.analysis[i].xpos);
    EXPECT_EQ(a.analysis[i].lemma, b.analysis[i].lemma);
    EXPECT_EQ(a.analysis[i].feats, b.analysis[i].feats);
    EXPECT_EQ(a.analysis[i].head, b.analysis[i].head);
    EXPECT_EQ(a.analysis[i].deprel, b.analysis[i].deprel);
  }
}

TEST(Models, TruncatedFileIsRejected) {
  test::TempDir tmp;
  std::string full = test::read_file(default_model_dir() + "/parser.bin");
  tmp.write("parser.bin", full.substr(0, full.size() / 2));
  EXPECT_THROW(nlp::Parser::load(tmp.path()), std::runtime_error);
  tmp.write("tagger.bin", "not a model at all");
  EXPECT_THROW(nlp::Tagger::load(tmp.path()), std::runtime_error);
}

// Tags and parses words given directly (no segmenter), as one sentence.
Article one_sentence(const std::vector<std::string>& words) {
  Article a;
  Sentence s;
  for (const auto& w : words) {
    Token t;
    t.span = {static_cast<uint32_t>(a.text.size()),
              static_cast<uint32_t>(a.text.size() + w.size())};
    t.first_word = static_cast<uint32_t>(a.words.size());
    a.words.push_back(Word{t.span, static_cast<uint32_t>(a.tokens.size())});
    a.tokens.push_back(t);
    a.text += w + " ";
  }
  s.span = {0, static_cast<uint32_t>(a.text.size())};
  s.token_count = s.word_count = static_cast<uint32_t>(words.size());
  a.sentences.push_back(s);
  tagger().process(a);
  parser().process(a);
  return a;
}

TEST(BadInput, OneWord) {
  Article a = one_sentence({"Ceasefire"});
  expect_well_formed(a);
  EXPECT_EQ(a.analysis[0].head, 0);
  EXPECT_EQ(a.analysis[0].deprel, "root");
}

TEST(BadInput, ThousandsOfWordsInOneSentence) {
  std::vector<std::string> words;
  const char* cycle[] = {"the", "delegation", "met", "officials", "in", "Doha", ",", "and"};
  for (int i = 0; i < 3000; ++i) words.push_back(cycle[i % 8]);
  auto t0 = std::chrono::steady_clock::now();
  Article a = one_sentence(words);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  expect_well_formed(a);
#if defined(PARLEY_TEST_ASAN)
  const double limit = 10.0;  // AddressSanitizer builds run several times slower
#else
  const double limit = 2.0;
#endif
  EXPECT_LT(secs, limit);
}

TEST(BadInput, AllPunctuationHugeTokensCapsAndForeignText) {
  expect_well_formed(one_sentence({"!", "?", "...", ",", ";", "--", "(", ")", "\"", "."}));
  expect_well_formed(one_sentence({std::string(10000, 'x'), std::string(12000, '!'), "peace"}));
  expect_well_formed(analyse("HAMAS REJECTS TRUCE OFFER AS TALKS STALL IN CAIRO"));
  expect_well_formed(
      analyse("Die Verhandlungen in Kairo wurden am Dienstag fortgesetzt. "
              "Переговоры продолжатся завтра. 停火谈判将继续。"));
  expect_well_formed(analyse("\n\n   \n"));
  expect_well_formed(analyse(std::string(20000, 'a') + " said " + std::string(10000, '.')));
}

TEST(Evaluation, EwtDevWithGoldTokens) {
  PARLEY_REQUIRE_SHARED(shared);
  auto gold = conllu::read_file(shared + "/corpora/ud-english-ewt/en_ewt-ud-dev.conllu");
  gold.resize(500);
  nlp::ParseScores s = nlp::evaluate_gold_tokens(tagger(), parser(), gold);
  EXPECT_EQ(s.gold_words, s.aligned_words);
  // Measured on these 500 sentences: gold tokens UPOS 95.84, LAS 81.47; raw text words 99.21,
  // LAS 79.60. Floors a point or so under, so a real loss fails here.
  EXPECT_GT(s.f1(s.upos), 94.8);
  EXPECT_GT(s.f1(s.las), 80.0);
  nlp::ParseScores r = nlp::evaluate_raw_text(test::segmenter(), tagger(), parser(), gold);
  EXPECT_GT(r.f1(r.aligned_words), 98.5);
  EXPECT_GT(r.f1(r.las), 78.0);
  EXPECT_LE(r.f1(r.las), s.f1(s.las) + 1.0);
}

TEST(Cli, ParsePrintsConllu) {
  test::TempDir tmp;
  std::string in = tmp.write("in.txt", "Kirby urged Hamas to engage in the negotiations.\n");
  auto r = test::run_cli("parse " + in, tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\tKirby\tKirby\tPROPN\tNNP\t"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\tnsubj\t"), std::string::npos);
  EXPECT_NE(r.out.find("\txcomp\t"), std::string::npos);
}

}  // namespace
}  // namespace parley
