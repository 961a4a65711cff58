#include <gtest/gtest.h>

#include "../test_support.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley {
namespace {

Article code(const std::string& text) {
  static const Pipeline p = standard_pipeline(Stage::Events, resolve_resources());
  Article a;
  a.text = text;
  p.process(a);
  return a;
}

int count(const Article& a, std::string_view cameo, std::string_view source) {
  int n = 0;
  for (const Event& e : a.events) n += e.cameo == cameo && e.source_code == source;
  return n;
}

// An event noun is its doer's act when a light verb makes it one ("Israel launched airstrikes"),
// not when another verb talks about it: who condemns or blames a bombing did not bomb.
TEST(EventNouns, OnlyLightVerbsLendTheirSubject) {
  Article a = code("Israel launched airstrikes on Gaza on Monday.");
  EXPECT_EQ(count(a, "195", "ISR"), 1);
  Article b = code(
      "Egypt condemned the bombing of the market. Jordan attributed the bombing to Hamas "
      "militants.");
  for (const Event& e : b.events) {
    EXPECT_FALSE(e.cameo.starts_with("18") && (e.source_code == "EGY" || e.source_code == "JOR"))
        << e.cameo << " " << e.source_code;
  }
  EXPECT_GE(count(b, "111", "EGY"), 1);  // the condemnation itself is coded
}

// One clause, one event: "joined the talks" is the talks (046), not also a second code for "join".
TEST(EventNouns, LightVerbAndItsEventNounCodeOnce) {
  Article a = code("Headline\nThe Italian foreign minister joined the talks as an observer.");
  int n = 0;
  for (const Event& e : a.events) n += e.source_code == "ITAGOV";
  EXPECT_EQ(n, 1);
  EXPECT_EQ(count(a, "046", "ITAGOV"), 1);
}

}  // namespace
}  // namespace parley
