#include "parley/text/word_list.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

#include "../test_support.hpp"
#include "parley/text/tsv.hpp"

namespace parley::text {
namespace {

TEST(WordList, ReadsEntriesValuesCommentsAndCrlf) {
  test::TempDir tmp;
  const std::string path =
      tmp.write("list.tsv", "# a comment\nreject\treject\r\n\nsupport\tsupport\nvow\n");
  WordList list = WordList::from_file(path);
  EXPECT_EQ(list.size(), 3u);
  EXPECT_TRUE(list.contains("reject"));
  EXPECT_TRUE(list.contains("vow"));
  EXPECT_FALSE(list.contains("# a comment"));
  EXPECT_FALSE(list.contains("Reject"));  // exact: the list says which case it holds
  EXPECT_EQ(list.value("reject"), "reject");
  EXPECT_EQ(list.value("vow"), "");
  EXPECT_EQ(list.value("absent"), "");
}

TEST(WordList, FirstValueOfARepeatedEntryHolds) {
  test::TempDir tmp;
  WordList list = WordList::from_file(tmp.write("l.tsv", "call\tdemand\ncall\tsupport\n"));
  EXPECT_EQ(list.size(), 1u);
  EXPECT_EQ(list.value("call"), "demand");
}

TEST(WordList, MissingFileAndEmptyEntryAreErrorsNamingTheFile) {
  test::TempDir tmp;
  try {
    WordList::load(tmp.path(), "speech-verbs");
    FAIL() << "no error for a missing list";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(tmp.path() + "/words/speech-verbs.tsv"), std::string::npos)
        << e.what();
  }
  const std::string bad = tmp.write("bad.tsv", "say\n\tsupport\n");
  try {
    WordList::from_file(bad);
    FAIL() << "no error for an empty entry";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find(bad), std::string::npos) << e.what();
  }
}

TEST(WordList, ShippedListsLoadWithTheirEntries) {
  auto words = WordLists::load(default_data_dir());
  EXPECT_TRUE(words->speech_verbs.contains("say"));
  EXPECT_TRUE(words->object_control_verbs.contains("urge"));
  EXPECT_TRUE(words->light_verbs.contains("hold"));
  EXPECT_TRUE(words->report_verbs.contains("tweet"));
  EXPECT_EQ(words->stance_verbs.value("reject"), "reject");
  EXPECT_EQ(words->stance_verbs.value("call"), "demand");
  EXPECT_EQ(words->stance_nouns.value("opposition"), "oppose");
  EXPECT_EQ(words->org_head_sectors.value("Ministry"), "GOV");
  EXPECT_TRUE(words->org_heads.contains("Force"));
  EXPECT_TRUE(words->temporal_words.contains("Monday"));
  EXPECT_TRUE(words->cameo_sectors.contains("GOV"));
  EXPECT_FALSE(words->cameo_sectors.contains("GZA"));  // a region, not a sector
  // Every stance in the lexicon is one of the documented six.
  for (const auto& row : read_tsv(default_data_dir() + "/words/stance-verbs.tsv")) {
    ASSERT_EQ(row.size(), 2u) << row[0];
    EXPECT_TRUE(row[1] == "support" || row[1] == "demand" || row[1] == "accept" ||
                row[1] == "maintain" || row[1] == "reject" || row[1] == "oppose")
        << row[0] << " -> " << row[1];
  }
}

TEST(Tsv, SplitsFieldsKeepingEmptyOnes) {
  EXPECT_EQ(split_fields("a\t\tb"), (std::vector<std::string>{"a", "", "b"}));
  EXPECT_EQ(split_fields(""), (std::vector<std::string>{""}));
  EXPECT_EQ(split_fields("x|y", '|'), (std::vector<std::string>{"x", "y"}));
}

}  // namespace
}  // namespace parley::text
