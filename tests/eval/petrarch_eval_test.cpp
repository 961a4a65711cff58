// PETRARCH validation records: reading, scoring, and a run on the real suite.
#include "parley/eval/petrarch_eval.hpp"

#include <gtest/gtest.h>

#include "../test_support.hpp"

namespace parley {
namespace {

TEST(PetrarchEval, ReadsRecordsCodingsAndNoEvents) {
  test::TempDir tmp;
  std::string f = tmp.write(
      "r.xml",
      "<Sentences>\n<Sentence date=\"19950101\" id=\"A-1\" category=\"DEMO\">\n"
      "<EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n"
      "<Text>\n Arnor  shared intelligence &amp; maps\n with Gondor.\n</Text>\n</Sentence>\n"
      "<Sentence date=\"19950102\" id=\"A-2\" category=\"DEMO\">\n"
      "<EventCoding noevents = \"True\"></EventCoding>\n<Text>Nothing here.</Text>\n</Sentence>\n"
      "<Sentence date=\"19950103\" id=\"A-3\"><EventCoding "
      "error=\"x\"></EventCoding><Text>Bad.</Text></Sentence>"
      "</Sentences>\n");
  auto records = eval::read_petrarch_records(f);
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[0].id, "A-1");
  EXPECT_EQ(records[0].date, "19950101");
  EXPECT_EQ(records[0].text, "Arnor shared intelligence & maps with Gondor.");
  ASSERT_EQ(records[0].expected.size(), 1u);
  EXPECT_EQ(records[0].expected[0].code, "064");
  EXPECT_TRUE(records[1].noevents);
  EXPECT_TRUE(records[2].error);
}

TEST(PetrarchEval, RecordWithoutTextNamesFileAndLine) {
  test::TempDir tmp;
  std::string f = tmp.write(
      "bad.xml",
      "<Sentences>\n\n<Sentence id=\"X\">\n<EventCoding noevents=\"True\"/>\n</Sentence>\n");
  try {
    eval::read_petrarch_records(f);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.xml:3"), std::string::npos) << e.what();
  }
}

TEST(PetrarchEval, RunsOnTheValidationSuite) {
  PARLEY_REQUIRE_SHARED(shared);
  test::TempDir tmp;
  std::string p = shared + "/peers/petrarch2";
  auto r =
      test::run_cli("eval petrarch --records " + p + "/text/PETR.UnitTest.records.xml --verbs " +
                        p + "/dictionaries/PETR.Validate.verbs.txt --actors " + p +
                        "/dictionaries/PETR.Validate.actors.txt --agents " + p +
                        "/dictionaries/PETR.Validate.agents.txt",
                    tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("records: 284"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("agreement (record coded exactly as expected):"), std::string::npos);
}

}  // namespace
}  // namespace parley
