#include <gtest/gtest.h>

#include "../test_support.hpp"

namespace parley {
namespace {

size_t count(const std::string& s, const std::string& needle) {
  size_t n = 0;
  for (size_t p = s.find(needle); p != std::string::npos; p = s.find(needle, p + 1)) ++n;
  return n;
}

TEST(TokenizeCli, ReferenceArticleAsConllu) {
  test::TempDir tmp;
  auto r = test::run_cli("tokenize " + test::source_dir() + "/samples/cairo-talks.txt", tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(r.out, "# text = "), 20u);
  EXPECT_NE(r.out.find("# text = Diverging Perspectives on Progress\n"), std::string::npos);
  EXPECT_NE(r.out.find("government's\t"), std::string::npos);
}

TEST(TokenizeCli, JsonOverTheSampleCorpusInParallel) {
  test::TempDir tmp;
  auto one = test::run_cli("tokenize --format json -j1 " + test::source_dir() + "/samples", tmp);
  auto two = test::run_cli("tokenize --format json -j2 " + test::source_dir() + "/samples", tmp);
  EXPECT_EQ(one.status, 0) << one.err;
  EXPECT_GE(count(one.out, "\n"), 30u);
  EXPECT_EQ(one.out, two.out);  // same output, same order, whatever the threads
  EXPECT_NE(one.out.find("\"sentences\":[{\"start\":0,"), std::string::npos);
}

TEST(TokenizeCli, SkippedInputGivesStatusTwoAndKeepsGoing) {
  test::TempDir tmp;
  tmp.write("in/a.txt", "First good one.");
  tmp.write("in/b.txt", "bad \xC3 byte");
  tmp.write("in/c.txt", "Second good one.");
  auto r = test::run_cli("tokenize --format json " + tmp.path() + "/in", tmp);
  EXPECT_EQ(r.status, 2);
  EXPECT_EQ(count(r.out, "\n"), 2u);
  EXPECT_NE(r.err.find("b.txt"), std::string::npos);
  EXPECT_NE(r.err.find("invalid UTF-8"), std::string::npos);
}

TEST(TokenizeCli, ReadsStdin) {
  test::TempDir tmp;
  auto p = tmp.write("in.txt", "One sentence. Another one.");
  auto r = test::run_cli("tokenize - < " + p, tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(count(r.out, "# text = "), 2u);
}

TEST(TokenizeCli, RejectsBadOptions) {
  test::TempDir tmp;
  EXPECT_NE(test::run_cli("tokenize --format xml x.txt", tmp).status, 0);
  EXPECT_NE(test::run_cli("tokenize --threads 0 x.txt", tmp).status, 0);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(TokenizeCli, JsonCarriesNormalisedFormsAndByteOffsets) {
  test::TempDir tmp;
  auto p = tmp.write("in.txt", "\xE2\x80\x9CTalks\xE2\x80\x9D resumed in Caf\xC3\xA9 town.");
  auto r = test::run_cli("tokenize --format json " + p, tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("{\"text\":\"\xE2\x80\x9C\",\"norm\":\"\\\"\",\"start\":0,\"end\":3}"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("{\"text\":\"Talks\",\"start\":3,\"end\":8}"), std::string::npos);
}

}  // namespace
}  // namespace parley

namespace parley {
namespace {

TEST(TokenizeCli, SniffsJsonLinesFromAPipe) {
  test::TempDir tmp;
  auto p = tmp.write("in.jsonl", "{\"text\": \"One. Two.\"}\n{\"text\": \"Three.\"}\n");
  // run_cli prefixes the CLI; the pipe hands its second command the real stdin stream.
  auto r = test::run_cli(
      "--version > /dev/null; cat " + p + " | " PARLEY_CLI " tokenize --format json -", tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("\"text\":\"Three.\""), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"text\":\"One. Two.\""), std::string::npos);
}

}  // namespace
}  // namespace parley
