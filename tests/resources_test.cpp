// resolve_resources(): flags, then PARLEY_MODELS/PARLEY_DATA, then PARLEY_HOME, then an
// installed share/parley (tests/scripts/install_runs.sh), then the source tree.
#include "parley/resources.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <optional>

#include "test_support.hpp"

namespace parley {
namespace {

// Sets the resource variables for one test and puts the old values back: ctest runs each test
// in its own process, but a plain run of parley_tests does not.
class Env {
 public:
  Env() {
    for (const char* name : kNames) {
      const char* v = std::getenv(name);
      saved_.push_back(v ? std::optional<std::string>(v) : std::nullopt);
      unsetenv(name);
    }
  }
  ~Env() {
    for (size_t i = 0; i < std::size(kNames); ++i) {
      if (saved_[i])
        setenv(kNames[i], saved_[i]->c_str(), 1);
      else
        unsetenv(kNames[i]);
    }
  }
  void set(const char* name, const std::string& value) { setenv(name, value.c_str(), 1); }

 private:
  static constexpr const char* kNames[] = {"PARLEY_MODELS", "PARLEY_DATA", "PARLEY_HOME"};
  std::vector<std::optional<std::string>> saved_;
};

TEST(Resources, WithNothingSetTheSourceTreeServesTheBuildTree) {
  Env env;
  ResourcePaths r = resolve_resources();
  EXPECT_EQ(r.models, test::source_dir() + "/models");
  EXPECT_EQ(r.data, test::source_dir() + "/data");
  EXPECT_EQ(r.models_from, "build tree");
  EXPECT_EQ(r.data_from, "build tree");
}

TEST(Resources, HomeThenVariablesThenFlags) {
  Env env;
  env.set("PARLEY_HOME", "/opt/parley");
  ResourcePaths r = resolve_resources();
  EXPECT_EQ(r.models, "/opt/parley/models");
  EXPECT_EQ(r.data, "/opt/parley/data");
  EXPECT_EQ(r.models_from, "PARLEY_HOME");

  // The older variables, each on its own, outrank the home.
  env.set("PARLEY_DATA", "/srv/data");
  r = resolve_resources();
  EXPECT_EQ(r.models, "/opt/parley/models");
  EXPECT_EQ(r.data, "/srv/data");
  EXPECT_EQ(r.data_from, "PARLEY_DATA");

  env.set("PARLEY_MODELS", "/srv/models");
  r = resolve_resources("/flag/models", "");
  EXPECT_EQ(r.models, "/flag/models");
  EXPECT_EQ(r.models_from, "--models");
  EXPECT_EQ(r.data, "/srv/data");
  r = resolve_resources("", "/flag/data");
  EXPECT_EQ(r.models, "/srv/models");
  EXPECT_EQ(r.data, "/flag/data");
  EXPECT_EQ(r.data_from, "--data");
}

TEST(Resources, EmptyVariablesAreUnset) {
  Env env;
  env.set("PARLEY_HOME", "");
  env.set("PARLEY_MODELS", "");
  EXPECT_EQ(resolve_resources().models_from, "build tree");
}

}  // namespace
}  // namespace parley
