// `parley code`, `parley positions`, `parley diverge` and `parley parse` from the command line.
#include <gtest/gtest.h>

#include "../test_support.hpp"

namespace parley {
namespace {

std::string cairo() {
  return test::source_dir() + "/samples/cairo-talks.txt";
}

size_t count_lines(const std::string& s) {
  return static_cast<size_t>(std::count(s.begin(), s.end(), '\n'));
}

TEST(CodeCli, JsonlRecordHasTheDocumentedFields) {
  test::TempDir tmp;
  auto r = test::run_cli("code " + cairo(), tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  ASSERT_EQ(count_lines(r.out), 1u);
  for (const char* field : {"\"doc_id\":",
                            "\"title\":",
                            "\"date\":",
                            "\"source\":",
                            "\"actors\":",
                            "\"events\":",
                            "\"source_actor\":",
                            "\"target_actor\":",
                            "\"source_code\":\"USAGOV\"",
                            "\"target_code\":\"PSEREB\"",
                            "\"cameo\":\"026\"",
                            "\"root\":\"02\"",
                            "\"goldstein\":",
                            "\"quad_class\":",
                            "\"plover\":{\"type\":",
                            "\"negated\":false",
                            "\"modality\":",
                            "\"location\":{\"name\":\"Cairo\"",
                            "\"trigger\":{\"start\":",
                            "\"evidence\":{\"start\":",
                            "\"quotes\":",
                            "\"speaker_code\":\"USAGOV\"",
                            "\"claims\":",
                            "\"positions\":",
                            "\"divergences\":"})
    EXPECT_NE(r.out.find(field), std::string::npos) << field;
}

// --profile reports every stage on stderr with a time and a share, and leaves the records alone.
TEST(CodeCli, ProfileNamesEveryStageAndKeepsTheOutput) {
  test::TempDir tmp;
  auto plain = test::run_cli("code --no-progress " + cairo(), tmp);
  ASSERT_EQ(plain.status, 0) << plain.err;
  auto r = test::run_cli("code --no-progress --profile " + cairo(), tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out, plain.out);
  EXPECT_NE(r.err.find("parley: profile: 1 article(s)"), std::string::npos) << r.err;
  for (const char* stage : {"start-up", "read", "segmenter", "tagger", "parser", "actors", "events",
                            "attribution", "output", "total"}) {
    const size_t at = r.err.find(std::string("\n  ") + stage + " ");
    ASSERT_NE(at, std::string::npos) << stage << " missing in:\n" << r.err;
    const std::string line = r.err.substr(at + 1, r.err.find('\n', at + 1) - at - 1);
    EXPECT_NE(line.find(" s "), std::string::npos) << line;
    EXPECT_NE(line.find("%"), std::string::npos) << line;
  }
  EXPECT_NE(r.err.find("100.0%"), std::string::npos) << r.err;  // the total row
  // Without the flag nothing is printed.
  EXPECT_EQ(plain.err.find("profile"), std::string::npos) << plain.err;
}

TEST(CodeCli, EveryFormat) {
  test::TempDir tmp;
  auto csv = test::run_cli("code -f csv " + cairo(), tmp);
  ASSERT_EQ(csv.status, 0) << csv.err;
  EXPECT_TRUE(csv.out.starts_with("event_id,doc_id,date,source_code"));
  EXPECT_NE(csv.out.find(",USAGOV,"), std::string::npos);

  auto gdelt = test::run_cli("code -f gdelt " + cairo(), tmp);
  ASSERT_EQ(gdelt.status, 0) << gdelt.err;
  ASSERT_GT(count_lines(gdelt.out), 0u);
  std::string first = gdelt.out.substr(0, gdelt.out.find('\n'));
  EXPECT_EQ(std::count(first.begin(), first.end(), '\t'), 60) << "GDELT 2.0 rows have 61 columns";

  auto plover = test::run_cli("code -f plover " + cairo(), tmp);
  ASSERT_EQ(plover.status, 0) << plover.err;
  EXPECT_NE(plover.out.find("\"event\":\"CONSULT\""), std::string::npos);
  EXPECT_NE(plover.out.find("\"recipient\":{\"code\":\"PSE\""), std::string::npos);

  auto table = test::run_cli("code -f table " + cairo(), tmp);
  ASSERT_EQ(table.status, 0) << table.err;
  EXPECT_NE(table.out.find("USAGOV    PSEREB    026"), std::string::npos) << table.out;
  EXPECT_NE(table.out.find("divergences"), std::string::npos);
}

TEST(CodeCli, PositionsAndDivergeFromRawAndFromCodedOutput) {
  test::TempDir tmp;
  auto coded = test::run_cli("code " + cairo(), tmp);
  ASSERT_EQ(coded.status, 0);
  std::string file = tmp.write("coded.jsonl", coded.out);
  for (const std::string& input : {cairo(), file}) {
    auto pos = test::run_cli("positions " + input, tmp);
    ASSERT_EQ(pos.status, 0) << pos.err;
    EXPECT_NE(pos.out.find("PSEREB: demand"), std::string::npos) << pos.out;
    EXPECT_NE(pos.out.find("ISRGOV: reject"), std::string::npos) << pos.out;
    auto div = test::run_cli("diverge " + input, tmp);
    ASSERT_EQ(div.status, 0) << div.err;
    EXPECT_NE(div.out.find("progress"), std::string::npos) << div.out;
    EXPECT_NE(div.out.find("negated"), std::string::npos);
  }
  std::string broken =
      tmp.write("broken.jsonl", coded.out + "{\"doc_id\":\"x\",\"positions\":[}\n");
  auto bad = test::run_cli("positions " + broken, tmp);
  EXPECT_EQ(bad.status, 2);
  EXPECT_NE(bad.err.find("broken.jsonl:2"), std::string::npos) << bad.err;
  EXPECT_NE(bad.out.find("PSEREB"), std::string::npos) << "records before the bad line are kept";
}

TEST(CodeCli, BadInputIsReportedAndTheBatchGoesOn) {
  test::TempDir tmp;
  tmp.write("in/a.txt", "Talks\nUS envoy John Kirby urged Hamas to engage in the negotiations.\n");
  tmp.write("in/b.txt", std::string("bad \xff\xfe utf8"));
  tmp.write("in/c.txt", "");
  auto r = test::run_cli("code -f table " + tmp.path() + "/in", tmp);
  EXPECT_EQ(r.status, 2);
  EXPECT_NE(r.err.find("b.txt"), std::string::npos);
  EXPECT_NE(r.out.find("026"), std::string::npos) << r.out;
}

TEST(ParseCli, ReadsAnyInputThroughThePipeline) {
  test::TempDir tmp;
  std::string f = tmp.write(
      "k.jsonl",
      "{\"text\":\"Kirby urged Hamas to engage in the negotiations.\",\"title\":\"T\"}\n");
  auto r = test::run_cli("parse " + f, tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("1\tKirby\tKirby\tPROPN\tNNP\tNumber=Sing\t2\tnsubj"), std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("3\tHamas\tHamas\tPROPN\tNNP\tNumber=Sing\t2\tobj"), std::string::npos);
  EXPECT_NE(r.out.find("\txcomp\t"), std::string::npos);
}

}  // namespace
}  // namespace parley
