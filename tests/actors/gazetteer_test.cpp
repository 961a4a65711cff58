// The gazetteer's names for places: the spellings news uses for them, not only the table's.
#include "parley/actors/gazetteer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "parley/resources.hpp"
#include "parley/text/tsv.hpp"
#include "parley/text/utf8.hpp"

namespace parley {
namespace {

const Gazetteer& loaded_gazetteer() {
  static const Gazetteer g = Gazetteer::load(default_data_dir());
  return g;
}

std::string state_of(std::string_view name) {
  const GazetteerEntry* e = loaded_gazetteer().find(name);
  return e ? e->country : "(none)";
}

TEST(Gazetteer, PlainSpellingsOfLargeCitiesNameThem) {
  // Without diacritics, ayn and hamza marks, or the Arabic article.
  EXPECT_EQ(state_of("Kandahar"), "AFG");
  EXPECT_EQ(state_of("Gdansk"), "POL");
  EXPECT_EQ(state_of("Izmir"), "TUR");
  EXPECT_EQ(state_of("Fallujah"), "IRQ");
  EXPECT_EQ(state_of("Khan Yunis"), "PSE");
  // A small town's plain spelling is no name ("Usman’", Russia, 28,000 people).
  EXPECT_EQ(loaded_gazetteer().find("Usman"), nullptr);
}

TEST(Gazetteer, EnglishNamesOfCitiesOutrankSmallerNamesakes) {
  EXPECT_EQ(state_of("Geneva"), "CHE");  // not Geneva, Illinois
  EXPECT_EQ(state_of("Cologne"), "DEU");
  EXPECT_EQ(state_of("Kiev"), "UKR");
  EXPECT_EQ(state_of("Raqqa"), "SYR");
  EXPECT_EQ(state_of("Hodeidah"), "YEM");
}

TEST(Gazetteer, RegionsOutrankTownsOfOtherStates) {
  EXPECT_EQ(state_of("Colorado"), "USA");  // not the Brazilian town
  EXPECT_EQ(state_of("Virginia"), "USA");  // not the South African one
  EXPECT_EQ(state_of("Ontario"), "CAN");
  EXPECT_EQ(state_of("Donetsk"), "UKR");  // a region and a city of one state
  EXPECT_EQ(state_of("Georgia"), "GEO");  // a state's name stays the state's
}

TEST(Gazetteer, StripMarksFoldsLettersWithoutSeparableMarks) {
  EXPECT_EQ(utf8::strip_marks("Łódź"), "Lodz");
  EXPECT_EQ(utf8::strip_marks("Ḩamāh"), "Hamah");
  EXPECT_EQ(utf8::strip_marks("plain"), "plain");
  EXPECT_EQ(utf8::strip_marks("\xff\xfe"), "\xff\xfe");  // invalid UTF-8 is left as it is
}

// The bit filter in front of the maps (most probes are of spans that name nothing) must never
// turn away a key the maps hold: every alias of the built-in actors, every country name, every
// role phrase and every demonym of the data files is still found.
std::vector<std::vector<std::string>> gazetteer_test_rows(const std::string& file, bool header) {
  return text::read_tsv(default_data_dir() + "/" + file, header, "test");
}

TEST(Gazetteer, FilterNeverHidesANameRoleOrDemonym) {
  const Gazetteer& g = loaded_gazetteer();
  size_t checked = 0;
  for (const auto& r : gazetteer_test_rows("actors/entities.tsv", false)) {
    ASSERT_GE(r.size(), 5u);
    for (const auto& name : text::split_fields(r[0], '|')) {
      if (name.size() < 2) continue;
      EXPECT_NE(g.find(name), nullptr) << name;
      ++checked;
    }
  }
  for (const auto& r : gazetteer_test_rows("gazetteer/countries.tsv", true)) {
    ASSERT_GE(r.size(), 9u);
    EXPECT_NE(g.find(r[2]), nullptr) << r[2];
    ++checked;
    for (const auto& d : text::split_fields(r[5], '|')) {
      if (d.empty()) continue;
      EXPECT_TRUE(g.demonym(d).has_value()) << d;
      ++checked;
    }
  }
  for (const auto& r : gazetteer_test_rows("actors/roles.tsv", false)) {
    ASSERT_GE(r.size(), 2u);
    const bool qualified = r.size() >= 3 && r[2] == "qualified";
    for (const auto& phrase : text::split_fields(r[0], '|')) {
      // Qualified agent nouns are no roles on their own ("the aircraft").
      EXPECT_EQ(g.role(phrase).has_value(), !qualified) << phrase;
      EXPECT_EQ(g.qualified_role(phrase).has_value(), qualified) << phrase;
      ++checked;
    }
  }
  EXPECT_GT(checked, 500u);
  // And what is none of them stays unknown.
  EXPECT_EQ(g.find("Qwzx Vrbl"), nullptr);
  EXPECT_FALSE(g.role("qwzx vrbl").has_value());
  EXPECT_FALSE(g.demonym("Qwzxian").has_value());
}

}  // namespace
}  // namespace parley
