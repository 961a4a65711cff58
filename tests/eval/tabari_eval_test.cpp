// TABARI validation records: reading (fields, special codes, -{, options in force, the end
// marker), the .project and .options files, scoring with a scripted coder, and a run on the
// real suite.
#include "parley/eval/tabari_eval.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "../test_support.hpp"
#include "scripted_coder.hpp"

namespace parley {
namespace {

using Kind = eval::TabariRecord::Kind;

// Floors for the run on the real suite: the figures measured (README, Events) less 1-2 points.
constexpr double kFloorAgreement = 36.0, kFloorTriples = 38.5;

using test::ScriptedCoder;

Event event(std::string source, std::string target, std::string cameo, bool negated = false) {
  Event e;
  e.source_code = std::move(source);
  e.target_code = std::move(target);
  e.cameo = std::move(cameo);
  e.negated = negated;
  return e;
}

// Written for this test in the suite's format: one record of each kind, an option record that
// is later restored, a comment left unclosed, and debugging records after the end marker.
const char* kSuite = R"(
#####################
#   A BANNER
#####################

950101  T-01
Arnor restored ties with Gondor.
/*\n------
\n[simple]
\n{ ARN / GON / 064 } 950101 */

950102  T-02
Arnor and Gondor met.
/*\n{ ARN / GON / 031 }
\n{GON/ARN/031} */

950103  T-03
Nothing at all happened./*
\n{---} */

950104  T-04
The soccer match was played.
/*\n{###} */

950105  T-05
Gondor blasted Dagolath.
/*\n{+++}
\n{ GON / DAG / 223 } */

950106  OPT-01
Turning on default actors.
/*\n{ OPTION: DEFAULT: SOURCE [DEFSRC] TARGET [DEFTAR] AFTER }
\n{ OPTION: SET:  MINIMUM WORDS = 4  */

950107  T-06
Arnor welcomed Bree and Fornost.
/*\n{ ARN / BRE / 041 }
\n-{ ARN / FOR / 041 } */

950108  T-07
Only checked elsewhere.
/*\n-{ ARN / GON / 075A } */

950109  OPT-02
Restoring.
/*\n{ OPTION: DEFAULT: OFF }
\n{ OPTION: SET: MINIMUM WORDS = 8 } */

950110  T-08
Arnor praised Gondor, an unclosed comment follows.
/*\n{ ARN / GON / 075A }

950111  T-09
Bree accused Gondor.
/*\n{ BRE / GON / 121 } */

990101  FINAL-01
This is the end of the standard validation records.

950112  DEBUG-01
Never run.
/*\n{ ARN / GON / 064 } */
)";

const char* kOptions = R"(// options
COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN
SET: LABEL = TRUE
LABEL: 010=YIELD
//SET: CODE BY SENTENCE
)";

TEST(TabariEval, ReadsOptionCommands) {
  EXPECT_EQ(eval::tabari_option("SET: TIME SHIFT = FALSE"),
            (std::pair<std::string, std::string>{"SET: TIME SHIFT", "FALSE"}));
  EXPECT_EQ(eval::tabari_option(" DEFAULT:  OFF "),
            (std::pair<std::string, std::string>{"DEFAULT", "OFF"}));
  EXPECT_EQ(eval::tabari_option("SET: CODE BY SENTENCE"),
            (std::pair<std::string, std::string>{"SET: CODE", "BY SENTENCE"}));
  test::TempDir tmp;
  auto options = eval::read_tabari_options(tmp.write("v.options", kOptions));
  EXPECT_EQ(options.at("COMPLEX"), "VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN");
  EXPECT_EQ(options.at("SET: LABEL"), "TRUE");
  EXPECT_EQ(options.at("SET: CODE"), "BY CLAUSE");   // TABARI's default
  EXPECT_EQ(options.at("SET: MINIMUM WORDS"), "8");  // TABARI's default
  EXPECT_EQ(options.count("LABEL"), 0u);
}

TEST(TabariEval, KeepsChangedOptionsInForceUntilRestored) {
  const char* suite_text = R"(
950101  O-1
/*\n{ OPTION: COMMA: OFF } { OPTION: OUTPUT: ID STORY SENT } { OPTION: SET: YYYY = TRUE } */

950101  A
Arnor met Gondor. /*\n{ ARN / GON / 031 } */

950101  O-2
/*\n{ OPTION: COMMA: MIN = 2 MAX = 10 EMIN = 2 EMAX = 10 BMIN = 255 BMAX = 0 }
\n{ OPTION: SET: YYYY = FALSE } */

950101  B
Arnor met Gondor. /*\n{ ARN / GON / 031 } */
)";
  test::TempDir tmp;
  eval::TabariSuite suite =
      eval::read_tabari_validation(tmp.write("v.text", suite_text), eval::read_tabari_options(""));
  ASSERT_EQ(suite.records.size(), 4u);
  // COMMA: OFF is a change (clauses are eliminated by default); OUTPUT: is not tracked.
  EXPECT_EQ(suite.records[1].options_in_force,
            (std::vector<std::string>{"COMMA: OFF", "SET: YYYY = TRUE"}));
  // BMAX below BMIN never eliminates the first clause, whatever BMIN is: the default again.
  EXPECT_TRUE(suite.records[3].options_in_force.empty());
}

TEST(TabariEval, ReadsTheProjectFile) {
  test::TempDir tmp;
  std::string path =
      tmp.write("v/Validate.project",
                "Validation file\n<actorsfile> \tDemo.actors\n<verbsfile> Demo.verbs\n"
                "<optionsfile> Validate.options\n<agentsfile>  Validate.agents\n"
                "<session 1> <coder ***>\n");
  eval::TabariProject p = eval::read_tabari_project(path);
  EXPECT_EQ(p.actors, tmp.path() + "/v/Demo.actors");
  EXPECT_EQ(p.verbs, tmp.path() + "/v/Demo.verbs");
  EXPECT_EQ(p.options, tmp.path() + "/v/Validate.options");
  EXPECT_EQ(p.agents, tmp.path() + "/v/Validate.agents");
  EXPECT_TRUE(p.text.empty());
}

TEST(TabariEval, ReadsRecordsFieldsAndTheEndMarker) {
  test::TempDir tmp;
  auto options = eval::read_tabari_options(tmp.write("v.options", kOptions));
  eval::TabariSuite suite = eval::read_tabari_validation(tmp.write("v.text", kSuite), options);
  EXPECT_EQ(suite.end_id, "FINAL-01");
  EXPECT_EQ(suite.records_after_end, 1u);
  ASSERT_EQ(suite.records.size(), 11u);
  const auto& r = suite.records;
  EXPECT_EQ(r[0].id, "T-01");
  EXPECT_EQ(r[0].date, "950101");
  EXPECT_EQ(r[0].text, "Arnor restored ties with Gondor.");
  ASSERT_EQ(r[0].expected.size(), 1u);
  EXPECT_EQ(r[0].expected[0], (eval::TabariTriple{"ARN", "GON", "064"}));
  EXPECT_EQ(r[1].expected.size(), 2u);
  EXPECT_EQ(r[2].kind, Kind::NoEvents);
  EXPECT_EQ(r[2].text, "Nothing at all happened.");
  EXPECT_EQ(r[3].kind, Kind::Discard);
  EXPECT_EQ(r[4].kind, Kind::Complex);  // special codes first: the triple is not checked
  EXPECT_TRUE(r[4].expected.empty());
  EXPECT_EQ(r[5].kind, Kind::Option);
  ASSERT_EQ(r[5].options.size(), 2u);
  EXPECT_EQ(r[5].options[1], "SET: MINIMUM WORDS = 4");  // its '}' is missing
  EXPECT_EQ(r[6].kind, Kind::Events);
  EXPECT_TRUE(r[6].open);
  EXPECT_EQ(r[6].expected.size(), 1u);
  EXPECT_EQ(r[6].options_in_force.size(), 2u);
  EXPECT_EQ(r[7].kind, Kind::Unchecked);
  EXPECT_EQ(r[8].kind, Kind::Option);
  EXPECT_EQ(r[8].options_in_force.size(), 2u);  // in force until this record restores them
  EXPECT_EQ(r[9].id, "T-08");
  EXPECT_TRUE(r[9].options_in_force.empty());
  EXPECT_EQ(r[10].id, "T-09");  // the unclosed comment ends at the blank line
  EXPECT_EQ(r[10].expected.size(), 1u);
}

TEST(TabariEval, ScoresRecordsExactly) {
  test::TempDir tmp;
  // TABARI's defaults alone: OPT-02 restores MINIMUM WORDS = 8.
  eval::TabariSuite suite =
      eval::read_tabari_validation(tmp.write("v.text", kSuite), eval::read_tabari_options(""));
  Pipeline chain;
  chain.add(std::make_shared<ScriptedCoder>(std::map<std::string, std::vector<Event>>{
      // T-01 right; T-02 one of two (a paired event missing); T-03 an event where none is
      // expected; T-04 nothing (right); T-05 complex, coded (not scored); T-06 the checked
      // triple plus an unchecked extra (right); T-08 an unconvertible code; T-09 right dyad,
      // wrong code, beside a negated event that does not count.
      {"Arnor restored ties with Gondor.", {event("ARN", "GON", "064")}},
      {"Arnor and Gondor met.", {event("ARN", "GON", "031")}},
      {"Nothing at all happened.", {event("ARN", "", "010")}},
      {"Gondor blasted Dagolath.", {event("GON", "DAG", "223")}},
      {"Arnor welcomed Bree and Fornost.",
       {event("ARN", "BRE", "041"), event("ARN", "FOR", "041")}},
      {"Arnor praised Gondor, an unclosed comment follows.", {event("ARN", "GON", "041")}},
      {"Bree accused Gondor.", {event("BRE", "GON", "120"), event("BRE", "GON", "121", true)}},
  }));
  std::ostringstream out;
  eval::TabariScores s = eval::evaluate_tabari(suite, chain, &out, 10);
  EXPECT_EQ(s.records, 11u);
  EXPECT_EQ(s.option_records, 2u);
  EXPECT_EQ(s.unchecked_records, 1u);
  EXPECT_EQ(s.event_records, 5u);
  EXPECT_EQ(s.event_records_exact, 2u);
  EXPECT_EQ(s.noevent_records, 1u);
  EXPECT_EQ(s.noevent_records_right, 0u);
  EXPECT_EQ(s.discard_records, 1u);
  EXPECT_EQ(s.discard_records_right, 1u);
  EXPECT_EQ(s.complex_records, 1u);
  EXPECT_EQ(s.complex_records_coded, 1u);
  EXPECT_EQ(s.scored(), 7u);
  EXPECT_EQ(s.right(), 3u);
  EXPECT_EQ(s.expected, 6u);
  EXPECT_EQ(s.triple_hits, 3u);
  EXPECT_EQ(s.code_hits, 4u);  // T-01, both of T-02's (one code), T-06
  EXPECT_EQ(s.dyad_hits, 5u);  // T-01, T-02's ARN/GON, T-06, T-08, T-09
  EXPECT_EQ(s.predicted, 7u);
  EXPECT_EQ(s.scored_under_options, 1u);
  EXPECT_EQ(s.right_under_options, 1u);
  EXPECT_EQ(s.failures.at("right code, wrong actors"), 1u);
  EXPECT_EQ(s.failures.at("event where none expected"), 1u);
  EXPECT_EQ(s.failures.at("expected code is not digits (not converted)"), 1u);
  EXPECT_EQ(s.failures.at("right dyad, wrong code"), 1u);
  EXPECT_EQ(s.failures.size(), 4u);
  EXPECT_NE(out.str().find("T-09 [right dyad, wrong code] Bree accused Gondor."), std::string::npos)
      << out.str();
}

TEST(TabariEval, RunsOnTheValidationSuite) {
  PARLEY_REQUIRE_SHARED(shared);
  test::TempDir tmp;
  std::string t = shared + "/peers/TABARI";
  auto r = test::run_cli(
      "eval tabari --validate " + t + "/Validate.text --project " + t + "/Validate.project", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  std::smatch m;
  ASSERT_TRUE(
      std::regex_search(r.out, m, std::regex("records: (\\d+) before the end marker FINAL-01")))
      << r.out;
  ASSERT_TRUE(std::regex_search(r.out, m, std::regex("none or discard\\): (\\d+\\.\\d+)%")))
      << r.out;
  EXPECT_GE(std::stod(m[1]), kFloorAgreement) << r.out;
  ASSERT_TRUE(
      std::regex_search(r.out, m, std::regex("expected triples found: exact (\\d+\\.\\d+)%")))
      << r.out;
  EXPECT_GE(std::stod(m[1]), kFloorTriples) << r.out;
}

}  // namespace
}  // namespace parley
