// The two costs of `parley code` that no stage benchmark covers: start-up (every model, table
// and dictionary loaded, as a worker pays once) and the output stage (an analysed article
// written as its JSON record). Plus the whole chain through the public facade, per word, so the
// three can be compared in one run.
#include <benchmark/benchmark.h>

#include <fstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/parley.hpp"

namespace {

const parley::Analyzer& analyzer() {
  static const parley::Analyzer a{parley::AnalyzerOptions{}};
  return a;
}

// The bundled samples, read as `parley code samples/` reads them.
const std::vector<parley::Article>& samples() {
  static const std::vector<parley::Article> out = [] {
    std::vector<parley::Article> v;
    parley::ArticleReader reader({std::string(PARLEY_SOURCE_DIR) + "/samples"}, {});
    while (auto a = reader.next()) v.push_back(std::move(*a));
    return v;
  }();
  return out;
}

const std::vector<parley::Article>& coded() {
  static const std::vector<parley::Article> out = [] {
    std::vector<parley::Article> v;
    for (const auto& a : samples()) v.push_back(analyzer().analyze(a));
    return v;
  }();
  return out;
}

size_t words() {
  size_t n = 0;
  for (const auto& a : coded()) n += a.words.size();
  return n;
}

using parley::bench::peak_rss_mb;  // the start-up figure is the per-worker memory

void BM_Startup(benchmark::State& state) {
  for (auto _ : state) {
    parley::Analyzer a{parley::AnalyzerOptions{}};
    benchmark::DoNotOptimize(&a);
  }
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
BENCHMARK(BM_Startup)->Unit(benchmark::kMillisecond);

void BM_ToJson(benchmark::State& state) {
  const auto& articles = coded();
  size_t bytes = 0;
  for (auto _ : state)
    for (const auto& a : articles) {
      std::string json = analyzer().to_json(a);
      bytes += json.size();
      benchmark::DoNotOptimize(json.data());
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words()));
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ToJson)->Unit(benchmark::kMillisecond);

void BM_AnalyzeSamples(benchmark::State& state) {
  const auto& articles = samples();
  for (auto _ : state)
    for (const auto& a : articles) benchmark::DoNotOptimize(analyzer().analyze(a).events.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words()));
}
BENCHMARK(BM_AnalyzeSamples)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
