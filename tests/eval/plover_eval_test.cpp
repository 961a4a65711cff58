// PLOVER gold standard records: reading (2016 type names, odd actor fields, trailing commas),
// scoring on records written here with a scripted coder, and a run on the real file.
#include "parley/eval/plover_eval.hpp"

#include <gtest/gtest.h>

#include <map>
#include <regex>

#include "../test_support.hpp"
#include "scripted_coder.hpp"

namespace parley {
namespace {

// Floors for the run on the real file: the figures measured (README, Events) less 1-2 points.
constexpr double kFloorWithEvent = 63.0, kFloorType = 43.0, kFloorTypeActors = 17.5;

using test::ScriptedCoder;

Event event(std::string cameo, std::string source, std::string target, bool negated = false) {
  Event e;
  e.cameo = std::move(cameo);
  e.source_code = std::move(source);
  e.target_code = std::move(target);
  e.negated = negated;
  return e;
}

// Five news records and the DOCUMENT record, with the file's quirks: a target that is "", one
// that is a word rather than a list, a record without source, and trailing commas.
const char* kRecords = R"json([
{"id": "DOC-1", "event": "DOCUMENT", "comment": "about this file",},
{"id": "R1", "date": "2000-01-01", "event": "DEMAND", "text": "Text one.",
 "source": [{"actorText": "Israel", "code": "ISR", "sector": "GOV"}],
 "target": [{"actorText": "Palestinians", "code": "PSE"}],
 "textInfo": {"markup": "(SRC: Israel) (EVT: demanded) ... (TAR: Palestinians)"
}
},
{"id": "R2", "date": "2000-01-01", "event": "FIGHT", "text": "Text two.",
 "source": [{"actorText": "Serb forces", "code": "SRB", "sector": "MIL"}], "target": ""},
{"id": "R3", "date": "2000-01-01", "event": "AGREE", "text": "Text three.",
 "source": [{"actorText": "Greece", "code": "GRC"}, {"actorText": "Turkey", "code": "TUR"}],
 "target": "diplomatic"},
{"id": "R4", "date": "2000-01-01", "event": "DISAPPROVE", "text": "Text four.",
 "source": [{"actorText": "Russia", "code": "RUS"}],
 "target": [{"actorText": "NATO", "code": "IGO"},]},
{"id": "R5", "date": "2000-01-01", "event": "ASSAULT", "text": "Text five.",
 "target": [{"actorText": "Iraqi civilians", "code": "IRQ", "sector": "CVL"}]},
])json";

TEST(PloverEval, MapsTheTwentySixteenTypeNames) {
  EXPECT_EQ(eval::current_plover_type("DEMAND"), "REQUEST");
  EXPECT_EQ(eval::current_plover_type("DISAPPROVE"), "ACCUSE");
  EXPECT_EQ(eval::current_plover_type("INVESTIGATE"), "ACCUSE");
  EXPECT_EQ(eval::current_plover_type("FIGHT"), "ASSAULT");
  EXPECT_EQ(eval::current_plover_type("AGREE"), "AGREE");
  EXPECT_EQ(eval::current_plover_type("PROTEST"), "PROTEST");
}

TEST(PloverEval, ReadsRecordsSkippingTheDocumentRecord) {
  test::TempDir tmp;
  eval::PloverRecords f = eval::read_plover_records(tmp.write("gsr.txt", kRecords));
  EXPECT_EQ(f.total, 6u);
  EXPECT_EQ(f.trailing_commas, 3u);
  ASSERT_EQ(f.excluded.size(), 1u);
  EXPECT_EQ(f.excluded[0].rfind("DOC-1:", 0), 0u);
  ASSERT_EQ(f.records.size(), 5u);
  EXPECT_EQ(f.records[0].type, "REQUEST");
  EXPECT_EQ(f.records[0].event, "DEMAND");
  EXPECT_EQ(f.records[0].date, "2000-01-01");
  EXPECT_EQ(f.records[0].sources[0].sector, "GOV");
  EXPECT_NE(f.records[0].markup.find("(SRC: Israel)"), std::string::npos);
  EXPECT_EQ(f.records[1].type, "ASSAULT");
  EXPECT_TRUE(f.records[1].targets.empty());
  EXPECT_EQ(f.records[2].sources.size(), 2u);
  EXPECT_TRUE(f.records[2].targets.empty());
  ASSERT_EQ(f.notes.size(), 1u);  // R3's "diplomatic" target
  EXPECT_EQ(f.notes[0].rfind("R3:", 0), 0u);
  EXPECT_TRUE(f.records[4].sources.empty());
}

TEST(PloverEval, NotAnArrayNamesTheFile) {
  test::TempDir tmp;
  std::string path = tmp.write("bad.txt", "{\"id\": 1}");
  try {
    eval::read_plover_records(path);
    FAIL() << "expected an error";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("bad.txt"), std::string::npos) << e.what();
  }
}

TEST(PloverEval, ScoresTypeAndActorsPerRecord) {
  test::TempDir tmp;
  eval::PloverRecords f = eval::read_plover_records(tmp.write("gsr.txt", kRecords));
  Pipeline chain;
  chain.add(std::make_shared<ScriptedCoder>(std::map<std::string, std::vector<Event>>{
      // R1: REQUEST (10x) from Israel's government to the Palestinians: all right.
      {"Text one.", {event("1041", "ISRGOV", "PSE")}},
      // R2: ASSAULT with the right source; the gold has no target, so any target is right.
      {"Text two.", {event("190", "SRBMIL", "BIH")}},
      // R3: a public statement (01, no PLOVER type) and a negated agreement: nothing counts.
      {"Text three.", {event("010", "GRC", ""), event("030", "GRC", "TUR", true)}},
      // R4: ACCUSE (11x) with the wrong target, beside a REJECT.
      {"Text four.", {event("111", "RUS", "USA"), event("120", "RUS", "IGOEUR")}},
      // R5: the right type (18x); the gold has no source and the target is right.
      {"Text five.", {event("180", "", "IRQCVL")}},
  }));
  extract::Ontology ontology = extract::Ontology::load(test::source_dir() + "/data");
  std::ostringstream out;
  eval::PloverScores s = eval::evaluate_plover(f.records, chain, ontology, &out, 10);
  EXPECT_EQ(s.total.records, 5u);
  EXPECT_EQ(s.total.with_event, 4u);
  EXPECT_EQ(s.total.right_type, 4u);
  EXPECT_EQ(s.total.right_actors, 3u);
  EXPECT_EQ(s.by_type.at("ACCUSE").right_type, 1u);
  EXPECT_EQ(s.by_type.at("ACCUSE").right_actors, 0u);
  EXPECT_EQ(s.by_type.at("ASSAULT").records, 2u);
  EXPECT_EQ(s.by_type.at("ASSAULT").right_actors, 2u);
  EXPECT_EQ(s.failures.at("no event, no actor found"), 1u);  // R3: the script adds no actor
  EXPECT_EQ(s.failures.at("right type, wrong or missing target"), 1u);
  EXPECT_EQ(s.failures.size(), 2u);
  EXPECT_NE(out.str().find("R4 [right type, wrong or missing target] gold ACCUSE (DISAPPROVE)"),
            std::string::npos)
      << out.str();
}

TEST(PloverEval, RunsOnTheGoldStandardRecords) {
  PARLEY_REQUIRE_SHARED(shared);
  test::TempDir tmp;
  auto r = test::run_cli("eval plover --records " + shared +
                             "/peers/PLOVER/gold_standard_records/PLOVER_GSR_CAMEO.txt",
                         tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("news sentences scored"), std::string::npos) << r.out;
  auto figure = [&](const std::string& label) {
    std::smatch m;
    std::regex re("\\(" + label + "\\)[^\\n]*\\((\\d+\\.\\d)%\\)");
    if (!std::regex_search(r.out, m, re)) return -1.0;
    return std::stod(m[1]);
  };
  EXPECT_NE(r.out.find("322 news sentences scored"), std::string::npos) << r.out;
  EXPECT_GE(figure("a"), kFloorWithEvent) << r.out;
  EXPECT_GE(figure("b"), kFloorType) << r.out;
  EXPECT_GE(figure("c"), kFloorTypeActors) << r.out;
}

}  // namespace
}  // namespace parley
