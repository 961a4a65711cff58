// The gazetteer's names for places: the spellings news uses for them, not only the table's.
#include "parley/actors/gazetteer.hpp"

#include <gtest/gtest.h>

#include <string>

#include "parley/resources.hpp"
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

}  // namespace
}  // namespace parley
