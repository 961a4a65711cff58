#include "parley/extract/ontology.hpp"

#include <cmath>
#include <iostream>
#include <map>
#include <set>
#include <stdexcept>

#include "../test_support.hpp"

namespace parley::extract {
namespace {

std::string data_dir() {
  return test::source_dir() + "/data";
}

const Ontology& ontology() {
  static const Ontology o = Ontology::load(data_dir());
  return o;
}

TEST(Ontology, EveryRootAndItsNotSpecifiedCodeIsPresent) {
  for (int r = 1; r <= 20; ++r) {
    std::string root = (r < 10 ? "0" : "") + std::to_string(r);
    const CameoCode* c = ontology().find(root);
    ASSERT_NE(c, nullptr) << "root " << root;
    EXPECT_FALSE(c->name.empty());
    EXPECT_NE(ontology().find(root + "0"), nullptr) << root << "0";
  }
  EXPECT_GE(ontology().codes().size(), 300u);
  EXPECT_EQ(ontology().find("999"), nullptr);
  EXPECT_EQ(Ontology::root("0256"), "02");
}

TEST(Ontology, ScoresInRangeAndQuadClassesFollowRoots) {
  for (const CameoCode& c : ontology().codes()) {
    EXPECT_GE(c.goldstein, -10) << c.code;
    EXPECT_LE(c.goldstein, 10) << c.code;
    int root = std::stoi(Ontology::root(c.code));
    int expected = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
    EXPECT_EQ(c.quad_class, expected) << c.code;
    // Every sub-code has its parent.
    if (c.code.size() > 2) {
      EXPECT_NE(ontology().find(c.code.substr(0, c.code.size() - 1)), nullptr) << c.code;
    }
  }
}

TEST(Ontology, KnownCodesAndPloverMapping) {
  const CameoCode* negotiate = ontology().find("046");
  ASSERT_NE(negotiate, nullptr);
  EXPECT_DOUBLE_EQ(negotiate->goldstein, 7.0);
  EXPECT_EQ(negotiate->quad_class, 1);
  EXPECT_EQ(negotiate->plover_type, "CONSULT");
  const CameoCode* air = ontology().find("195");
  ASSERT_NE(air, nullptr);
  EXPECT_DOUBLE_EQ(air->goldstein, -10.0);
  EXPECT_EQ(air->plover_type, "ASSAULT");
  EXPECT_EQ(air->plover_mode, "aerial");
  EXPECT_EQ(ontology().find("0871")->plover_mode, "ceasefire");
  EXPECT_EQ(ontology().find("026")->plover_type, "REQUEST");
  EXPECT_EQ(ontology().find("010")->plover_type, "");  // statements have no PLOVER type
  // Every code from 02 to 20 has a PLOVER type; the yield root splits into CONCEDE and RETREAT.
  for (const CameoCode& c : ontology().codes()) {
    if (Ontology::root(c.code) != "01") {
      EXPECT_FALSE(c.plover_type.empty()) << c.code;
    }
  }
  EXPECT_EQ(ontology().find("083")->plover_type, "CONCEDE");
  EXPECT_EQ(ontology().find("084")->plover_type, "RETREAT");
}

TEST(Ontology, MalformedRowsNameFileAndLine) {
  test::TempDir tmp;
  auto expect_error = [&](const std::string& cameo, const std::string& plover,
                          const std::string& needle) {
    tmp.write("cameo/cameo.tsv", cameo);
    tmp.write("cameo/plover.tsv", plover);
    try {
      Ontology::load(tmp.path());
      ADD_FAILURE() << "no error for: " << cameo << " / " << plover;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos) << e.what();
    }
  };
  const std::string good = "# comment\n04\tConsult\t1.0\t1\n046\tNegotiate\t7.0\t1\n";
  expect_error(good + "047\tToo few\t1.0\n", "", "cameo.tsv:4: expected 4");
  expect_error(good + "04x\tBad\t1.0\t1\n", "", "cameo.tsv:4: '04x' is not a CAMEO");
  expect_error(good + "210\tBad root\t1.0\t1\n", "", "cameo.tsv:4:");
  expect_error(good + "047\tBad score\t12.5\t1\n", "", "cameo.tsv:4: Goldstein score '12.5'");
  expect_error(good + "047\tBad score\t7x\t1\n", "", "cameo.tsv:4: Goldstein score '7x'");
  expect_error(good + "047\tBad quad\t1.0\t5\n", "", "cameo.tsv:4: quad class '5'");
  expect_error(good + "046\tTwice\t1.0\t1\n", "", "cameo.tsv:4: code 046 listed twice");
  expect_error(good, "046\tCONSULT\n\n999\tCONSULT\n", "plover.tsv:3: code '999'");
  expect_error(good, "046\tconsult\n", "plover.tsv:1: PLOVER type 'consult'");
  expect_error(good, "046\n", "plover.tsv:1: expected code, type");
  // A good pair loads.
  tmp.write("cameo/cameo.tsv", good);
  tmp.write("cameo/plover.tsv", "046\tCONSULT\t\tdiplomatic\n");
  Ontology o = Ontology::load(tmp.path());
  ASSERT_NE(o.find("046"), nullptr);
  EXPECT_EQ(o.find("046")->plover_context, "diplomatic");
  EXPECT_THROW(Ontology::load(tmp.path() + "/missing"), std::runtime_error);
}

// Minimal CSV reader (quoted fields, doubled quotes, newlines inside quotes).
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"')
        field += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        field += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      rows.back().push_back(field), field.clear();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      rows.back().push_back(field), field.clear();
      rows.emplace_back();
    } else {
      field += c;
    }
  }
  if (!field.empty() || !rows.back().empty()) rows.back().push_back(field);
  return rows;
}

// Compares Parley's codes and scores with a peer table; returns {shared, equal score} and prints
// every difference.
std::pair<size_t, size_t> compare(const std::string& peer,
                                  const std::map<std::string, double>& scores) {
  size_t shared = 0, equal = 0;
  std::set<std::string> ours;
  for (const CameoCode& c : ontology().codes()) {
    ours.insert(c.code);
    auto it = scores.find(c.code);
    if (it == scores.end()) {
      std::cout << "  " << peer << ": no code " << c.code << " (" << c.name << ")\n";
      continue;
    }
    ++shared;
    if (std::fabs(it->second - c.goldstein) < 1e-9)
      ++equal;
    else
      std::cout << "  " << peer << ": " << c.code << " Goldstein " << it->second << ", Parley "
                << c.goldstein << '\n';
  }
  for (const auto& [code, score] : scores)
    if (!ours.count(code)) std::cout << "  " << peer << " has " << code << ", Parley does not\n";
  std::cout << peer << ": " << scores.size() << " codes, " << shared << " shared with Parley's "
            << ours.size() << ", " << equal << " with the same Goldstein score\n";
  return {shared, equal};
}

TEST(Ontology, AgreesWithIcewsAndGdeltTables) {
  PARLEY_REQUIRE_SHARED(shared);
  std::map<std::string, double> icews, gdelt;
  auto rows = read_csv(test::read_file(shared + "/peers/icews-cameo/cameo-codes.csv"));
  ASSERT_GT(rows.size(), 300u);
  ASSERT_EQ(rows[0][3], "code");
  ASSERT_EQ(rows[0][4], "goldstein");
  for (size_t i = 1; i < rows.size(); ++i)
    if (rows[i].size() > 4 && !rows[i][3].empty()) icews[rows[i][3]] = std::stod(rows[i][4]);
  std::istringstream lines(
      test::read_file(shared + "/peers/gdelt-lookups/CAMEO.goldsteinscale.txt"));
  std::string line;
  while (std::getline(lines, line)) {
    if (line.empty() || line[0] < '0' || line[0] > '9') continue;
    auto tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    gdelt[line.substr(0, tab)] = std::stod(line.substr(tab + 1));
  }
  ASSERT_GT(gdelt.size(), 300u);
  auto [gshared, gequal] = compare("GDELT", gdelt);
  auto [ishared, iequal] = compare("ICEWS", icews);
  // Every GDELT code is Parley's, with GDELT's score; ICEWS differs on a handful of scores.
  EXPECT_EQ(gshared, gdelt.size());
  EXPECT_EQ(gequal, gshared);
  EXPECT_GE(ishared + 1, icews.size());
  EXPECT_GE(iequal + 5, ishared);
}

}  // namespace
}  // namespace parley::extract
