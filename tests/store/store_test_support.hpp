// A fresh, empty store for each test on each back end: a temporary SQLite file, or a new
// database on the PostgreSQL server scripts/test.sh starts ($PARLEY_TEST_POSTGRES). Without that
// variable the PostgreSQL cases skip, saying so.
#pragma once

#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <string>

#include "../test_support.hpp"
#include "parley/store/backend.hpp"
#include "parley/store/store.hpp"

namespace parley::test {

inline std::string postgres_url() {
  const char* env = std::getenv("PARLEY_TEST_POSTGRES");
  return env && *env ? env : "";
}

// Replaces the database name of a libpq URI (postgresql://user@host:port/name?params).
inline std::string with_database(const std::string& url, const std::string& name) {
  size_t scheme = url.find("://");
  size_t slash = url.find('/', scheme + 3);
  size_t query = url.find('?', scheme + 3);
  std::string head = url.substr(
      0, slash == std::string::npos ? (query == std::string::npos ? url.size() : query) : slash);
  std::string tail = query == std::string::npos ? "" : url.substr(query);
  return head + "/" + name + tail;
}

class TestDb {
 public:
  explicit TestDb(const std::string& backend) : backend_(backend) {
    if (backend == "sqlite") {
      url_ = dir_.path() + "/test.db";
      return;
    }
    base_ = postgres_url();
    if (base_.empty()) return;
    static std::atomic<int> counter{0};
    name_ = "parley_t" + std::to_string(getpid()) + "_" + std::to_string(counter++);
    auto admin = store::open_postgres(base_, false);
    admin->exec("DROP DATABASE IF EXISTS " + name_);
    admin->exec("CREATE DATABASE " + name_);
    url_ = with_database(base_, name_);
  }
  ~TestDb() {
    if (name_.empty()) return;
    try {
      auto admin = store::open_postgres(base_, false);
      admin->exec("DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)");
    } catch (...) {
    }
  }
  bool available() const { return !url_.empty(); }
  const std::string& url() const { return url_; }
  std::string dir() const { return dir_.path(); }
  bool sqlite() const { return backend_ == "sqlite"; }

 private:
  std::string backend_;
  TempDir dir_;
  std::string base_, name_, url_;
};

#define PARLEY_REQUIRE_DB(db)                                                             \
  ::parley::test::TestDb db(GetParam());                                                  \
  if (!db.available())                                                                    \
  GTEST_SKIP() << "PARLEY_TEST_POSTGRES not set: PostgreSQL store tests need the server " \
                  "scripts/test.sh starts"

}  // namespace parley::test
