// Every analysing command is built by one builder (parley::Analyzer through open_analyzer()),
// so they agree: `parley actors` lists the actors `parley code` codes with.
#include <gtest/gtest.h>

#include <regex>

#include "../test_support.hpp"

namespace parley {
namespace {

struct ActorRow {
  std::string name, code;
  bool mentioned = false;
  friend bool operator==(const ActorRow&, const ActorRow&) = default;
};

// The actors of one JSON line: both commands write an actor as {"id":N,"name":..,"code":..,
// ...,"mentions":[...]}, and nothing else in either record starts with a numeric id and a name.
std::vector<ActorRow> actors_of(const std::string& line) {
  static const std::regex actor(
      R"re(\{"id":[0-9]+,"name":"((?:[^"\\]|\\.)*)","code":"([^"]*)"[^\[]*"mentions":\[(\]?))re");
  std::vector<ActorRow> out;
  const std::sregex_iterator end;
  for (auto it = std::sregex_iterator(line.begin(), line.end(), actor); it != end; ++it)
    out.push_back({(*it)[1], (*it)[2], (*it)[3].length() == 0});
  return out;
}

std::vector<std::string> lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string l; std::getline(in, l);) out.push_back(l);
  return out;
}

TEST(CommandsAgree, ActorsAndCodeGiveTheSamplesTheSameActors) {
  test::TempDir tmp;
  const std::string samples = test::source_dir() + "/samples";
  auto listed = test::run_cli("actors -f json -j2 " + samples, tmp);
  ASSERT_EQ(listed.status, 0) << listed.err;
  auto coded = test::run_cli("code " + samples, tmp);
  ASSERT_EQ(coded.status, 0) << coded.err;
  std::vector<std::string> a = lines(listed.out), c = lines(coded.out);
  ASSERT_EQ(a.size(), c.size());
  ASSERT_GE(a.size(), 30u) << "the samples: cairo-talks.txt and the Wikinews articles";
  size_t actors = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    std::vector<ActorRow> from_actors = actors_of(a[i]), from_code = actors_of(c[i]);
    ASSERT_GE(from_code.size(), from_actors.size()) << "article " << i;
    // The same actors, in the same order, with the same names and codes...
    std::vector<ActorRow> head(from_code.begin(), from_code.begin() + from_actors.size());
    EXPECT_EQ(head, from_actors) << "article " << i;
    // ...and after them only the agents the event coder infers ("was arrested" -> the police),
    // which no mention names.
    for (size_t k = from_actors.size(); k < from_code.size(); ++k)
      EXPECT_FALSE(from_code[k].mentioned) << "article " << i << ": " << from_code[k].name;
    actors += from_actors.size();
  }
  EXPECT_GT(actors, 300u);
}

// A flag reaches every command that analyses: a wrong --models fails them all alike, naming
// the directory and where it came from.
TEST(CommandsAgree, ModelsFlagReachesEveryCommand) {
  test::TempDir tmp;
  const std::string input = test::source_dir() + "/samples/cairo-talks.txt";
  for (const char* command : {"tokenize", "parse", "actors", "code", "positions", "diverge"}) {
    const std::string args = std::string(command) + " --models " + tmp.path() + "/none " + input;
    auto r = test::run_cli(args, tmp);
    EXPECT_EQ(r.status, 1) << command;
    EXPECT_NE(r.err.find(tmp.path() + "/none' (from --models) not found"), std::string::npos)
        << command << ": " << r.err;
  }
}

TEST(CommandsAgree, ResourcesCommandSaysWhereItLooks) {
  test::TempDir tmp;
  auto r = test::run_cli("resources --data " + tmp.path(), tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("data    " + tmp.path() + "  (--data)"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("models  "), std::string::npos) << r.out;
  auto missing = test::run_cli("resources --models " + tmp.path() + "/none", tmp);
  EXPECT_EQ(missing.status, 1);
  EXPECT_NE(missing.out.find("(--models; missing)"), std::string::npos) << missing.out;
}

}  // namespace
}  // namespace parley
