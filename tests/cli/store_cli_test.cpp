// `parley ingest` and `parley query` as a user runs them, on both back ends: a real child
// ingest killed with SIGKILL in the middle, then re-run, ends with exactly the data of one clean
// run; re-ingesting is a no-op; query formats and positions/diverge --db work end to end.
#include <gtest/gtest.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <chrono>
#include <filesystem>
#include <thread>

#include "../store/store_test_support.hpp"
#include "../test_support.hpp"
#include "parley/store/store.hpp"

extern char** environ;

namespace parley::test {
namespace {

using nlohmann::json;

// Three copies of every sample, each with its own closing line (so distinct articles, and
// near-duplicates of each other): about 110 articles, a few seconds of coding.
std::string make_inputs(const TempDir& tmp) {
  namespace fs = std::filesystem;
  std::string dir = tmp.path() + "/in";
  int n = 0;
  for (int copy = 0; copy < 3; ++copy)
    for (const auto& e : fs::recursive_directory_iterator(source_dir() + "/samples")) {
      if (!e.is_regular_file() || e.path().extension() != ".txt") continue;
      tmp.write("in/" + std::to_string(copy) + "-" + e.path().filename().string(),
                read_file(e.path().string()) + "\n\nCopy " + std::to_string(copy) + ".\n");
      ++n;
    }
  EXPECT_GT(n, 90);
  return dir;
}

std::vector<std::string> ingest_args(const std::string& in, const std::string& db) {
  return {PARLEY_CLI, "ingest", in, "--db", db, "--batch", "1", "-j", "1", "--no-progress"};
}

int run(const std::vector<std::string>& args) {
  std::string cmd;
  for (const std::string& a : args) cmd += "'" + a + "' ";
  cmd += "2>/dev/null";
  int rc = std::system(cmd.c_str());
  return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

int64_t stored_articles(const std::string& url) {
  try {
    store::Store st = store::Store::open(url, store::Mode::ReadOnly);
    return st.stats()["articles"].get<int64_t>();
  } catch (const store::StoreError&) {
    return 0;  // not created yet
  }
}

// Everything stored except which run wrote it.
json dump(const std::string& url) {
  store::Store st = store::Store::open(url, store::Mode::ReadOnly);
  store::Filter all;
  all.limit = 0;
  json arts = st.articles(all);
  for (json& a : arts) a.erase("run_id");
  return {{"articles", arts},
          {"events", st.events(all)},
          {"mentions", st.mentions(all)},
          {"actors", st.actors(all)},
          {"quotes", st.quotes(all)},
          {"claims", st.claims(all)},
          {"positions", st.positions(all)},
          {"divergences", st.divergences(all)}};
}

class StoreCliTest : public ::testing::TestWithParam<std::string> {};

TEST_P(StoreCliTest, KillDashNineThenRerunEqualsOneCleanRun) {
  PARLEY_REQUIRE_DB(clean);
  TestDb killed(GetParam());
  TempDir tmp;
  std::string in = make_inputs(tmp);
  ASSERT_EQ(run(ingest_args(in, clean.url())), 0);
  int64_t total = stored_articles(clean.url());
  ASSERT_GT(total, 90);

  std::vector<std::string> args = ingest_args(in, killed.url());
  std::vector<char*> argv;
  for (std::string& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  ASSERT_EQ(posix_spawn(&pid, argv[0], nullptr, nullptr, argv.data(), environ), 0);
  int64_t at_kill = 0;
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
  while (std::chrono::steady_clock::now() < deadline) {
    at_kill = stored_articles(killed.url());
    if (at_kill >= 10) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFSIGNALED(status)) << "the ingest ended before it could be killed";
  int64_t survived = stored_articles(killed.url());
  EXPECT_GE(survived, at_kill);
  EXPECT_LT(survived, total) << "killed after the whole ingest: nothing was interrupted";

  ASSERT_EQ(run(ingest_args(in, killed.url())), 0);
  EXPECT_EQ(stored_articles(killed.url()), total);
  json a = dump(clean.url()), b = dump(killed.url());
  for (const auto& [table, rows] : a.items()) EXPECT_EQ(rows, b[table]) << table << " differ";

  // And re-ingesting everything again changes nothing.
  ASSERT_EQ(run(ingest_args(in, killed.url())), 0);
  EXPECT_EQ(dump(killed.url()), a);
}

TEST_P(StoreCliTest, QueryFormatsAndCorpusViews) {
  PARLEY_REQUIRE_DB(db);
  TempDir tmp;
  ASSERT_EQ(
      run({PARLEY_CLI, "ingest", source_dir() + "/samples", "--db", db.url(), "--no-progress"}), 0);
  std::string q = std::string(PARLEY_CLI) + " query --db '" + db.url() + "' ";
  CliResult r = run_cli(
      q.substr(std::string(PARLEY_CLI).size() + 1) + "--count-by week --by quad -f csv", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(r.out.rfind("bucket,count,goldstein,group,mentions\n", 0), 0u) << r.out;
  auto lines = [](const std::string& s) { return std::count(s.begin(), s.end(), '\n'); };
  EXPECT_GT(lines(r.out), 3);
  std::string base = "query --db '" + db.url() + "' ";
  r = run_cli(base + "events --limit 0 -f gdelt", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  CliResult stats = run_cli(base + "stats -f jsonl", tmp);
  json s = json::parse(stats.out);
  EXPECT_EQ(lines(r.out), s["events"].get<int64_t>());
  r = run_cli(base + "events --limit 0 -f geojson", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_EQ(json::parse(r.out)["type"], "FeatureCollection");
  r = run_cli(base + "network -f gexf", tmp);
  EXPECT_NE(r.out.find("<gexf"), std::string::npos);
  r = run_cli(base + "events --actor 'ISR*' -f plover", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  for (size_t at = 0, nl; (nl = r.out.find('\n', at)) != std::string::npos; at = nl + 1)
    EXPECT_TRUE(json::accept(r.out.substr(at, nl - at)));
  r = run_cli(base + "events --from 2024-13-01", tmp);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("bad --from date"), std::string::npos) << r.err;
  r = run_cli("positions --db '" + db.url() + "' -f json", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  EXPECT_GT(lines(r.out), 0);
  r = run_cli("diverge --db '" + db.url() + "'", tmp);
  ASSERT_EQ(r.status, 0) << r.err;
  // The same corpus views as over `parley code` output.
  CliResult coded = run_cli("code " + source_dir() + "/samples", tmp);
  tmp.write("coded.jsonl", coded.out);
  CliResult from_file = run_cli("positions -f json " + tmp.path() + "/coded.jsonl", tmp);
  CliResult from_db = run_cli("positions -f json --db '" + db.url() + "'", tmp);
  EXPECT_EQ(lines(from_file.out), lines(from_db.out));
}

// A SQLite ingest ends without folding its WAL into the database file (each commit synced the
// WAL; the close adds nothing): the store is the .db with its -wal, and a copy of both holds
// every row. `parley ingest --db X` with no input folds the WAL in: the .db alone is then the
// whole store.
TEST(StoreCli, SqliteStoreIsTheDbWithItsWalUntilFoldedIn) {
  namespace fs = std::filesystem;
  TempDir tmp;
  const std::string db = tmp.path() + "/a/p.db";
  fs::create_directories(tmp.path() + "/a");
  ASSERT_EQ(run({PARLEY_CLI, "ingest", source_dir() + "/samples", "--db", db, "--no-progress"}), 0);
  ASSERT_TRUE(fs::exists(db + "-wal"));
  EXPECT_GT(fs::file_size(db + "-wal"), 0u);
  const json whole = dump(db);
  EXPECT_EQ(whole["articles"].size(), stored_articles(db));
  EXPECT_GT(whole["events"].size(), 10u);
  // A copy of the two files, opened read-only (as `parley query` does) elsewhere.
  fs::create_directories(tmp.path() + "/b");
  fs::copy_file(db, tmp.path() + "/b/p.db");
  fs::copy_file(db + "-wal", tmp.path() + "/b/p.db-wal");
  EXPECT_EQ(dump(tmp.path() + "/b/p.db"), whole);
  // Folded in: the database file alone, copied, is the store.
  ASSERT_EQ(run({PARLEY_CLI, "ingest", "--db", db}), 0);
  EXPECT_TRUE(!fs::exists(db + "-wal") || fs::file_size(db + "-wal") == 0);
  fs::create_directories(tmp.path() + "/c");
  fs::copy_file(db, tmp.path() + "/c/p.db");
  EXPECT_EQ(dump(tmp.path() + "/c/p.db"), whole);
  EXPECT_EQ(dump(db), whole);
}

TEST(StoreCli, BadDatabasesGiveClearErrors) {
  TempDir tmp;
  std::string junk = tmp.write("notes.db", "not a database at all, just some text\n");
  CliResult r = run_cli("query --db " + junk, tmp);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("not a SQLite database"), std::string::npos) << r.err;
  EXPECT_EQ(read_file(junk), "not a database at all, just some text\n");
  r = run_cli("query --db " + tmp.path() + "/missing.db", tmp);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("no store at"), std::string::npos) << r.err;
  r = run_cli("query --db 'postgresql://nobody@/none?host=/nonexistent-dir&connect_timeout=2'",
              tmp);
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.err.find("cannot connect to PostgreSQL"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreCliTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& param_info) { return param_info.param; });

}  // namespace
}  // namespace parley::test
