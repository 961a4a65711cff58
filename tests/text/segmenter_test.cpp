#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "parley/eval/segmentation_eval.hpp"
#include "parley/text/conllu.hpp"

namespace parley {
namespace {

Article segment(const std::string& text) {
  Article a;
  a.text = text;
  test::segmenter().run(a);
  return a;
}

std::vector<std::string> tokens_of(const Article& a) {
  std::vector<std::string> out;
  for (size_t i = 0; i < a.tokens.size(); ++i) out.emplace_back(a.token_text(i));
  return out;
}

std::vector<std::string> sentences_of(const Article& a) {
  std::vector<std::string> out;
  for (const auto& s : a.sentences) out.emplace_back(a.view(s.span));
  return out;
}

TEST(Segmenter, ReferenceArticleHasTwentySentences) {
  Article a = segment(test::read_file(test::source_dir() + "/samples/cairo-talks.txt"));
  auto s = sentences_of(a);
  ASSERT_EQ(s.size(), 20u);
  EXPECT_EQ(s[0], "Progress in Ceasefire Talks Amidst Tensions in Gaza");
  EXPECT_EQ(s[3].substr(0, 10), "He stated,");
  EXPECT_NE(s[3].find("implementation,\" highlighting"), std::string::npos);
  EXPECT_EQ(s[7], "Diverging Perspectives on Progress");
  EXPECT_EQ(s[14].substr(0, 24), "- The ongoing conflict i");
  EXPECT_EQ(s[19].substr(0, 9), "While the");
}

TEST(Segmenter, OffsetsPointIntoTheText) {
  Article a = segment("Kirby urged Hamas to engage.  \"Why?\" he asked.\n\nNew paragraph here");
  for (const Token& t : a.tokens) {
    ASSERT_LE(t.span.end, a.text.size());
    ASSERT_LT(t.span.start, t.span.end);
  }
  for (size_t i = 1; i < a.tokens.size(); ++i)
    EXPECT_LE(a.tokens[i - 1].span.end, a.tokens[i].span.start);
  for (const Word& w : a.words) EXPECT_LT(w.span.start, w.span.end);
}

TEST(Segmenter, Clitics) {
  Article a = segment("They don't know what's coming, and I can't say.");
  auto t = tokens_of(a);
  EXPECT_EQ(t, (std::vector<std::string>{"They", "don't", "know", "what's", "coming", ",", "and",
                                         "I", "can't", "say", "."}));
  ASSERT_EQ(a.tokens[1].word_count, 2u);
  EXPECT_EQ(a.word_text(a.tokens[1].first_word), "do");
  EXPECT_EQ(a.word_text(a.tokens[1].first_word + 1), "n't");
  EXPECT_EQ(a.word_text(a.tokens[3].first_word + 1), "'s");
  EXPECT_EQ(a.word_text(a.tokens[8].first_word), "ca");
}

TEST(Segmenter, PunctuationNumbersAndMoney) {
  Article a =
      segment("Prices rose 5% to $1,200.50 (about 3.2 million) on 2019-01-04, officials said.");
  auto t = tokens_of(a);
  EXPECT_NE(std::find(t.begin(), t.end(), "5"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "%"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "$"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "1,200.50"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "("), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "3.2"), t.end());
  EXPECT_EQ(t.back(), ".");
}

TEST(Segmenter, UrlsAndEmailsStayWhole) {
  Article a = segment("See https://example.org/a-b?c=1, or write to press@un.org.");
  auto t = tokens_of(a);
  EXPECT_NE(std::find(t.begin(), t.end(), "https://example.org/a-b?c=1"), t.end());
  EXPECT_NE(std::find(t.begin(), t.end(), "press@un.org"), t.end());
}

TEST(Segmenter, TitlesAndInitialismsDoNotEndSentences) {
  Article a = segment(
      "Gen. Smith met Sen. Jones and Lt. Col. Brown in the U.S. Senate on Monday. "
      "They spoke for an hour. Mr. Kirby left.");
  auto s = sentences_of(a);
  ASSERT_EQ(s.size(), 3u) << ::testing::PrintToString(s);
  EXPECT_EQ(s[1], "They spoke for an hour.");
}

TEST(Segmenter, QuestionInsideQuotes) {
  Article a = segment("\"Will the talks go on?\" he asked. Nobody answered.");
  auto s = sentences_of(a);
  ASSERT_EQ(s.size(), 2u) << ::testing::PrintToString(s);
  EXPECT_EQ(s[0], "\"Will the talks go on?\" he asked.");
}

TEST(Segmenter, HardWrappedLinesAreNotParagraphs) {
  std::string text =
      "The ministers met in Cairo on Tuesday to discuss the proposal, which would\n"
      "see an exchange of prisoners and a pause in the fighting for six weeks, and\n"
      "they agreed to continue the talks next week in Doha with mediators from the\n"
      "United States and Egypt present at the table. The Israeli delegation left\n"
      "early, according to officials who spoke on condition of anonymity to the\n"
      "press.\n";
  Article a = segment(text);
  EXPECT_EQ(a.sentences.size(), 2u) << ::testing::PrintToString(sentences_of(a));
}

TEST(Segmenter, SurvivesHostileInput) {
  for (const std::string& text :
       {std::string(), std::string("   \n\n  "), std::string(20000, '.'), std::string(10000, 'x'),
        std::string("!!!???...,,,"), std::string("\xE2\x80\x9C\xE2\x80\x9D\xC2\xA0\xE2\x80\x8B"),
        std::string("日本語のテキスト。もう一つ。"), std::string("WAR! PEACE? TALKS.")}) {
    Article a = segment(text);
    size_t words = 0;
    for (const auto& s : a.sentences) words += s.word_count;
    EXPECT_EQ(words, a.words.size());
  }
}

TEST(Segmenter, NormalizeFoldsTypography) {
  EXPECT_EQ(utf8::normalize("\xE2\x80\x9CIt\xE2\x80\x99s\xE2\x80\x9D \xE2\x80\x94 ok\xE2\x80\xA6"),
            "\"It's\" -- ok...");
  EXPECT_EQ(utf8::normalize("Cafe\xCC\x81  x"), "Caf\xC3\xA9 x");  // NFC and whitespace
}

TEST(Utf8, FindsInvalidSequences) {
  EXPECT_FALSE(utf8::find_invalid("plain ascii text, long enough for the fast path").has_value());
  EXPECT_FALSE(utf8::find_invalid("caf\xC3\xA9 \xE2\x82\xAC \xF0\x9F\x98\x80").has_value());
  EXPECT_EQ(utf8::find_invalid("abc\xFF"), 3u);
  EXPECT_EQ(utf8::find_invalid("abcdefghij\xC3"), 10u);  // truncated
  EXPECT_EQ(utf8::find_invalid("\xC0\xAF"), 0u);         // overlong
  EXPECT_EQ(utf8::find_invalid("x\xED\xA0\x80"), 1u);    // surrogate
}

TEST(Conllu, RebuildTextMatchesSentences) {
  std::stringstream in(
      "# newdoc id = d1\n# text = Hi there.\n1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_\n"
      "2\tthere\tthere\tADV\tRB\t_\t1\tadvmod\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_"
      "\t_\n\n"
      "# text = "
      "Don't.\n1-2\tDon't\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n1\tDo\tdo\tAUX\tVBP\t_\t0\troot\t_"
      "\t_\n"
      "2\tn't\tnot\tPART\tRB\t_\t1\tadvmod\t_\t_\n3\t.\t.\tPUNCT\t.\t_\t1\tpunct\t_\t_\n\n");
  conllu::Reader r(in);
  std::vector<conllu::Sentence> sents;
  conllu::Sentence s;
  while (r.next(s)) sents.push_back(s);
  ASSERT_EQ(sents.size(), 2u);
  EXPECT_EQ(sents[1].tokens.size(), 2u);
  EXPECT_EQ(sents[1].tokens[0].word_count, 2);
  auto g = conllu::rebuild_text(sents);
  EXPECT_EQ(g.text, "Hi there. Don't.");
  EXPECT_EQ(g.sentences.size(), 2u);
  EXPECT_EQ(g.mwt_words[3], (std::vector<std::string>{"Do", "n't"}));
}

TEST(SegmenterEval, MeetsTargetsOnHeldOutTreebanks) {
  PARLEY_REQUIRE_SHARED(shared);
  auto ewt = eval::evaluate_segmentation(
      test::segmenter(),
      conllu::read_file(shared + "/corpora/ud-english-ewt/en_ewt-ud-test.conllu"));
  // UDPipe 1.2 on EWT test: tokens ~99.0, sentences ~77. Floors sit about a point under the
  // README's figures (EWT 99.27 / 89.82, GUM 99.67 / 94.46), so a real loss fails here.
  EXPECT_GT(ewt.tokens.f1(), 99.1);
  EXPECT_GT(ewt.sentences.f1(), 89.0);
  auto gum = eval::evaluate_segmentation(
      test::segmenter(),
      conllu::read_file(shared + "/corpora/ud-english-gum-wikimedia/gum-wikimedia-test.conllu"));
  EXPECT_GT(gum.tokens.f1(), 99.5);
  EXPECT_GT(gum.sentences.f1(), 93.5);
}

}  // namespace
}  // namespace parley
