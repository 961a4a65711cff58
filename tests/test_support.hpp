// Helpers shared by the tests: the bundled models, ../shared (optional), temporary files and
// running the CLI.
#pragma once

#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

// Defined in a build under AddressSanitizer, whose time and address-space costs some tests allow
// for: GCC says so with __SANITIZE_ADDRESS__, clang only through __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define PARLEY_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define PARLEY_TEST_ASAN 1
#endif
#endif

namespace parley::test {

inline std::string source_dir() {
  return PARLEY_SOURCE_DIR;
}

inline const Segmenter& segmenter() {
  static const Segmenter s = Segmenter::load(default_model_dir());
  return s;
}

// The shared corpora: $PARLEY_SHARED, or empty when not available.
inline std::string shared_dir() {
  const char* env = std::getenv("PARLEY_SHARED");
  if (env && *env && std::filesystem::is_directory(env)) return env;
  return {};
}
#define PARLEY_REQUIRE_SHARED(dir)                      \
  const std::string dir = ::parley::test::shared_dir(); \
  if (dir.empty()) GTEST_SKIP() << "PARLEY_SHARED not set or missing: needs ../shared corpora"

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "parley-test-XXXXXX").string();
    path_ = mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string path() const { return path_; }
  std::string write(const std::string& name, const std::string& content) const {
    std::string p = path_ + "/" + name;
    std::filesystem::create_directories(std::filesystem::path(p).parent_path());
    std::ofstream(p, std::ios::binary) << content;
    return p;
  }

 private:
  std::string path_;
};

struct CliResult {
  int status = -1;
  std::string out, err;
};

// Runs the parley CLI with a shell-quoted argument string.
inline CliResult run_cli(const std::string& args, const TempDir& tmp) {
  std::string out = tmp.path() + "/.stdout", err = tmp.path() + "/.stderr";
  std::string cmd = std::string(PARLEY_CLI) + " " + args + " > " + out + " 2> " + err;
  int rc = std::system(cmd.c_str());
  CliResult r;
  r.status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
  r.out = read_file(out);
  r.err = read_file(err);
  return r;
}

}  // namespace parley::test
