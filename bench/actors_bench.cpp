// Cost of actor resolution on the bundled samples, next to segmentation of the same text, so the
// ratio is measured in one run.
#include <benchmark/benchmark.h>

#include "parley/actors/actor_resolver.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/text/segmenter.hpp"

namespace {

std::vector<parley::Article>& segmented() {
  static std::vector<parley::Article> articles = [] {
    std::vector<parley::Article> out;
    auto seg = parley::Segmenter::load(parley::default_model_dir());
    parley::ArticleReader reader({std::string(PARLEY_SOURCE_DIR) + "/samples"}, {});
    while (auto a = reader.next()) {
      seg.run(*a);
      out.push_back(std::move(*a));
    }
    return out;
  }();
  return articles;
}

void BM_Segment(benchmark::State& state) {
  auto seg = parley::Segmenter::load(parley::default_model_dir());
  size_t bytes = 0;
  for (auto _ : state)
    for (auto& a : segmented()) {
      seg.run(a);
      bytes += a.text.size();
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

void BM_ResolveActors(benchmark::State& state) {
  auto resolver = parley::ActorResolver::load(parley::default_data_dir());
  size_t bytes = 0;
  for (auto _ : state)
    for (auto& a : segmented()) {
      resolver.process(a);
      bytes += a.text.size();
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_ResolveActors)->Unit(benchmark::kMillisecond);

void BM_LoadGazetteer(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(parley::Gazetteer::load(parley::default_data_dir()).size());
}
BENCHMARK(BM_LoadGazetteer)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
