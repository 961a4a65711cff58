// Cost of the store next to the coding it keeps (the samples, coded once, stored into a fresh
// store per iteration); a filtered weekly timeline over one million synthetic events; MinHash
// near-duplicate detection over 100,000 synthetic articles. SQLite always; PostgreSQL too when
// PARLEY_TEST_POSTGRES names a server (scripts/start-postgres.sh starts one).
//
//   build/release/bin/store_bench                        # SQLite
//   eval "$(bash scripts/start-postgres.sh)"; build/release/bin/store_bench
#include <benchmark/benchmark.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <unordered_map>

#include "parley/ingest/ingest.hpp"
#include "parley/parley.hpp"
#include "parley/pipeline/pipeline.hpp"
#include "parley/store/backend.hpp"
#include "parley/store/schema.hpp"
#include "parley/store/store.hpp"
#include "parley/store/words.hpp"

namespace {

using namespace parley;

std::string postgres() {
  const char* env = std::getenv("PARLEY_TEST_POSTGRES");
  return env ? env : "";
}

std::string temp_path(const std::string& name) {
  return (std::filesystem::temp_directory_path() / ("parley-bench-" + name)).string();
}

void remove_sqlite(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix);
}

std::vector<std::string>& created_databases() {
  static std::vector<std::string> dbs;
  return dbs;
}

// Drops the PostgreSQL databases fresh_store() created (at exit, after every benchmark).
void drop_stores() {
  if (created_databases().empty()) return;
  auto b = store::open_postgres(postgres(), false);
  for (const std::string& db : created_databases())
    b->exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
  created_databases().clear();
}

// An empty store on back end `which` (0 SQLite, 1 PostgreSQL: its tables dropped first).
std::string fresh_store(int which, const std::string& name) {
  if (which == 0) {
    std::string p = temp_path(name + ".db");
    remove_sqlite(p);
    return p;
  }
  // A database of its own on that server, so the benchmark never touches other data; a new one
  // per call, and the earlier ones dropped only when the benchmark ends (drop_stores): dropping
  // a database deletes ~1,000 files, and on ext4 every file created in the next few seconds
  // (the free-space maps a first insert creates) then takes ~0.7 ms instead of ~0.06 ms while
  // the allocator skips the recently deleted inodes: ~9 ms of each timed store of the samples
  // was that.
  static int serial = 0;
  std::string db = "parley_bench_" + name + "_" + std::to_string(++serial);
  auto b = store::open_postgres(postgres(), false);
  b->exec("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
  b->exec("CREATE DATABASE " + db);
  created_databases().push_back(db);
  std::string url = postgres();
  size_t scheme = url.find("://") + 3;
  size_t query = url.find('?', scheme);
  size_t slash = url.find('/', scheme);
  if (slash == std::string::npos || (query != std::string::npos && slash > query)) slash = query;
  return url.substr(0, slash == std::string::npos ? url.size() : slash) + "/" + db +
         (query == std::string::npos ? "" : url.substr(query));
}

const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

std::vector<Article>& coded_samples() {
  static std::vector<Article> out = [] {
    std::vector<Article> v;
    ArticleReader reader({std::string(PARLEY_SOURCE_DIR) + "/samples"}, {});
    while (auto a = reader.next()) v.push_back(std::move(*a));
    return v;
  }();
  return out;
}

void BM_CodeSamples(benchmark::State& state) {
  std::vector<Article> raw = coded_samples();
  for (auto _ : state)
    for (Article a : raw) benchmark::DoNotOptimize(analyzer().analyze(std::move(a)));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * raw.size()));
}
BENCHMARK(BM_CodeSamples)->Unit(benchmark::kMillisecond);

// The client's share of storing that does not depend on the back end: MinHash signatures and
// search words (PostgreSQL's binary tsvectors) of the 37 samples.
void BM_SignaturesAndWords(benchmark::State& state) {
  const std::vector<Article>& raw = coded_samples();
  for (auto _ : state)
    for (const Article& a : raw) {
      benchmark::DoNotOptimize(store::MinHash::of(a.text));
      if (state.range(0)) benchmark::DoNotOptimize(store::tsvector_binary(a.text));
    }
}
BENCHMARK(BM_SignaturesAndWords)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// CPU time (ns) a local process has run so far (/proc/PID/schedstat, first field); -1 when it
// cannot be read (a server on another machine).
int64_t process_cpu_ns(int64_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/schedstat");
  int64_t ns = -1;
  if (!(in >> ns)) return -1;
  return ns;
}

void BM_StoreSamples(benchmark::State& state) {
  const int which = static_cast<int>(state.range(0));
  if (which == 1 && postgres().empty()) {
    state.SkipWithError("PARLEY_TEST_POSTGRES not set");
    return;
  }
  std::vector<Article> coded;
  for (const Article& a : coded_samples()) coded.push_back(analyzer().analyze(a));
  std::vector<const Article*> ptrs;
  for (const Article& a : coded) ptrs.push_back(&a);
  // On PostgreSQL the server's own CPU time for the same work, when it runs on this machine:
  // wall time on a shared machine depends on who else is running, CPU time much less.
  int64_t server_ns = 0;
  bool server_known = which == 1;
  // Closing a store is timed apart (close_ms), and with_close_ms is the two together: what an
  // ingest of the samples spends in the store. Until the fifth pass a SQLite close
  // checkpointed the WAL into the database file and synced both files (15-33 ms here); now
  // each commit syncs the WAL (synchronous=FULL) and the close leaves it as it is.
  std::optional<store::Store> st;
  int64_t close_ns = 0, timed_ns = 0;
  auto close = [&] {
    auto t0 = std::chrono::steady_clock::now();
    st.reset();
    close_ns +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
            .count();
  };
  for (auto _ : state) {
    state.PauseTiming();
    close();
    std::string url = fresh_store(which, "samples");
    st.emplace(store::Store::open(url, store::Mode::ReadWrite));
    st->set_data_dir(analyzer().resources().data);
    int64_t run = st->begin_run({});
    int64_t pid = 0;
    if (server_known) {
      auto q = st->backend().prepare("SELECT pg_backend_pid()");
      pid = q->step() ? q->get_int(0) : 0;
    }
    const int64_t before = server_known ? process_cpu_ns(pid) : -1;
    server_known = before >= 0;
    state.ResumeTiming();
    auto t0 = std::chrono::steady_clock::now();
    // As `parley ingest` does by default: transactions of 32 articles.
    for (size_t i = 0; i < ptrs.size(); i += 32)
      st->store_batch({ptrs.begin() + i, ptrs.begin() + std::min(ptrs.size(), i + 32)}, run);
    timed_ns +=
        std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0)
            .count();
    if (server_known) server_ns += process_cpu_ns(pid) - before;
  }
  close();
  state.counters["close_ms"] =
      static_cast<double>(close_ns) / 1e6 / static_cast<double>(state.iterations());
  state.counters["with_close_ms"] =
      static_cast<double>(timed_ns + close_ns) / 1e6 / static_cast<double>(state.iterations());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ptrs.size()));
  if (server_known)
    state.counters["server_cpu_ms"] =
        static_cast<double>(server_ns) / 1e6 / static_cast<double>(state.iterations());
  state.SetLabel(which ? "postgresql" : "sqlite");
}
BENCHMARK(BM_StoreSamples)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// One million events over four years, 40 actor codes, 20 CAMEO roots; built once per back end.
constexpr int kEvents = 1000000;
const char* kCodes[] = {"ISR",    "ISRGOV", "ISRMIL", "PSE",    "PSEREB", "PSEGOV", "USA", "USAGOV",
                        "EGY",    "EGYGOV", "QAT",    "QATGOV", "IRN",    "IRNMIL", "LBN", "LBNREB",
                        "SYR",    "SYRGOV", "RUS",    "RUSGOV", "UKR",    "UKRMIL", "CHN", "CHNGOV",
                        "TUR",    "TURGOV", "JOR",    "SAU",    "ARE",    "GBR",    "FRA", "DEU",
                        "IGOUNO", "NGO",    "YEM",    "YEMREB", "IRQ",    "IRQGOV", "AFG", "PAK"};

std::string build_events(int which) {
  static std::map<int, std::string> built;
  if (built.count(which)) return built[which];
  std::string url = fresh_store(which, "events");
  store::Store st = store::Store::open(url, store::Mode::ReadWrite);
  store::Backend& b = st.backend();
  std::mt19937_64 rng(42);
  int64_t day0 = 0;
  store::day_number("2021-01-01", day0);
  const int rows = 200;  // per INSERT: fewer round trips to PostgreSQL
  std::string sql =
      "INSERT INTO events (id, date, day, source_code, source_name, source_country, target_code, "
      "target_name, target_country, cameo, root, cameo_name, quad_class, goldstein, plover_type, "
      "plover_mode, plover_context, negated, modality, place_name, place_country, num_mentions, "
      "num_sources, num_articles, first_article) VALUES ";
  for (int r = 0; r < rows; ++r)
    sql += std::string(r ? "," : "") +
           "(?, ?, ?, ?, '', ?, ?, '', ?, ?, ?, '', ?, ?, '', '', '', 0, '', '', '', 1, 1, 1, '')";
  // The test server (scripts/start-postgres.sh) commits asynchronously; VACUUM cannot mark the
  // pages of a transaction whose commit is not yet flushed all-visible, and then no index-only
  // scan is possible. A synchronous commit leaves the table as autovacuum would on a server.
  if (which == 1) b.exec("SET synchronous_commit = on");
  b.begin_write();
  auto ins = b.prepare_persistent(sql);
  for (int i = 0; i < kEvents; i += rows) {
    ins->reset();
    int k = 0;
    for (int r = 0; r < rows; ++r) {
      int64_t day = day0 + static_cast<int64_t>(rng() % 1461);
      std::string src = kCodes[rng() % 40], tgt = kCodes[rng() % 40];
      int root = 1 + static_cast<int>(rng() % 20);
      char cameo[8];
      std::snprintf(cameo, sizeof cameo, "%02d%d", root, static_cast<int>(rng() % 5));
      int quad = root <= 5 ? 1 : root <= 9 ? 2 : root <= 14 ? 3 : 4;
      ins->bind(++k, "ev" + std::to_string(i + r));
      ins->bind(++k, store::day_string(day));
      ins->bind(++k, day);
      ins->bind(++k, src);
      ins->bind(++k, src.substr(0, 3));
      ins->bind(++k, tgt);
      ins->bind(++k, tgt.substr(0, 3));
      ins->bind(++k, std::string(cameo));
      ins->bind(++k, std::string(cameo, 2));
      ins->bind(++k, static_cast<int64_t>(quad));
      ins->bind(++k, quad <= 2 ? 3.0 + root % 4 : -2.0 - root % 8);
    }
    ins->step();
  }
  b.commit();
  if (which == 0)
    b.exec("ANALYZE");
  else
    b.exec("VACUUM ANALYZE events");
  return built[which] = url;
}

// filtered: 0 none; 1 one actor code (about 5% of the events) in one year; 2 three codes (about
// 15%) in one year.
void timeline(benchmark::State& state, int filtered) {
  const int which = static_cast<int>(state.range(0));
  if (which == 1 && postgres().empty()) {
    state.SkipWithError("PARLEY_TEST_POSTGRES not set");
    return;
  }
  std::string url = build_events(which);
  store::Store st = store::Store::open(url, store::Mode::ReadOnly);
  store::Filter f;
  if (filtered) {
    // "What did Israel do, and what was done to it, in 2023, week by week?"
    f.actor_codes = {"ISR"};
    if (filtered == 2) f.actor_codes = {"ISR", "ISRGOV", "ISRMIL"};
    f.date_from = "2023-01-01";
    f.date_to = "2023-12-31";
  }
  size_t rows = 0;
  for (auto _ : state) rows = st.timeline(f, store::Bucket::Week, store::GroupBy::QuadClass).size();
  state.SetLabel(std::string(which ? "postgresql" : "sqlite") + ", " + std::to_string(rows) +
                 " rows");
}
void BM_WeeklyTimelineFiltered(benchmark::State& state) {
  timeline(state, 1);
}
void BM_WeeklyTimelineFilteredWide(benchmark::State& state) {
  timeline(state, 2);
}
void BM_WeeklyTimelineAll(benchmark::State& state) {
  timeline(state, 0);
}
BENCHMARK(BM_WeeklyTimelineFiltered)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WeeklyTimelineFilteredWide)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_WeeklyTimelineAll)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond)->Iterations(3);

// 100,000 synthetic articles of 300 words; every tenth is a copy of an earlier one with a new
// headline and a changed closing sentence. Dedup: MinHash signatures, LSH bands, verification of
// candidates (the work `parley ingest` does per article, here without the database).
void BM_Dedup100k(benchmark::State& state) {
  const int n = 100000;
  std::vector<std::string> texts;
  texts.reserve(n);
  std::mt19937_64 rng(7);
  std::vector<std::string> vocab;
  for (int i = 0; i < 5000; ++i) vocab.push_back("w" + std::to_string(i));
  for (int i = 0; i < n; ++i) {
    if (i % 10 == 9) {
      texts.push_back("Updated: " + texts[rng() % i] + " Corrected at 10:00.");
      continue;
    }
    std::string t;
    for (int w = 0; w < 300; ++w) t += vocab[rng() % vocab.size()] + (w % 15 == 14 ? ". " : " ");
    texts.push_back(std::move(t));
  }
  size_t linked = 0;
  for (auto _ : state) {
    std::vector<store::MinHash> sigs(n);
    std::vector<std::unordered_map<int64_t, std::vector<int>>> bands(store::MinHash::kBands);
    linked = 0;
    for (int i = 0; i < n; ++i) {
      sigs[i] = store::MinHash::of(texts[i]);
      int best = -1;
      double best_sim = 0.8;
      for (int band = 0; band < store::MinHash::kBands; ++band) {
        auto& bucket = bands[band][sigs[i].band_hash(band)];
        for (int c : bucket) {
          double s = sigs[i].similarity(sigs[c]);
          if (s >= best_sim) best = c, best_sim = s;
        }
        bucket.push_back(i);
      }
      linked += best >= 0;
    }
  }
  state.SetLabel(std::to_string(linked) + " of " + std::to_string(n / 10) +
                 " planted copies linked");
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations()) * n);
}
BENCHMARK(BM_Dedup100k)->Unit(benchmark::kMillisecond)->Iterations(1);

}  // namespace

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  drop_stores();
  return 0;
}
