// Cost of the extract stage — event coding, and quotes/claims/positions/divergences — next to
// tagging + parsing of the same articles in the same run, so the ratio is what is reported.
#include <benchmark/benchmark.h>

#include "parley/actors/actor_resolver.hpp"
#include "parley/extract/attribution.hpp"
#include "parley/extract/event_coder.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/pipeline/standard.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace {

// The samples, segmented, tagged, parsed and with actors: the input of the extract stage.
std::vector<parley::Article>& analysed() {
  static std::vector<parley::Article> articles = [] {
    std::vector<parley::Article> out;
    parley::Pipeline p =
        parley::standard_pipeline(parley::Stage::Actors, parley::resolve_resources());
    parley::ArticleReader reader({std::string(PARLEY_SOURCE_DIR) + "/samples"}, {});
    while (auto a = reader.next()) {
      p.process(*a);
      out.push_back(std::move(*a));
    }
    return out;
  }();
  return articles;
}

size_t words() {
  size_t n = 0;
  for (const auto& a : analysed()) n += a.words.size();
  return n;
}

void BM_TagParse(benchmark::State& state) {
  auto tagger = parley::nlp::Tagger::load(parley::default_model_dir());
  auto parser = parley::nlp::Parser::load(parley::default_model_dir());
  std::vector<parley::Article> copy = analysed();
  for (auto _ : state)
    for (auto& a : copy) {
      tagger.process(a);
      parser.process(a);
    }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words()));
}
BENCHMARK(BM_TagParse)->Unit(benchmark::kMillisecond);

void BM_CodeEvents(benchmark::State& state) {
  auto coder = parley::extract::EventCoder::load(parley::default_data_dir());
  std::vector<parley::Article> copy = analysed();
  for (auto _ : state)
    for (auto& a : copy) coder.process(a);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words()));
}
BENCHMARK(BM_CodeEvents)->Unit(benchmark::kMillisecond);

void BM_Attribution(benchmark::State& state) {
  auto attribution = parley::extract::Attribution::load(parley::default_data_dir());
  std::vector<parley::Article> copy = analysed();
  for (auto _ : state)
    for (auto& a : copy) attribution.process(a);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words()));
}
BENCHMARK(BM_Attribution)->Unit(benchmark::kMillisecond);

void BM_WholeChain(benchmark::State& state) {
  parley::Pipeline p =
      parley::standard_pipeline(parley::Stage::Attribution, parley::resolve_resources());
  std::vector<parley::Article> raw;
  for (const auto& a : analysed()) {
    parley::Article x;
    x.text = a.text;
    x.title = a.title;
    x.date = a.date;
    raw.push_back(std::move(x));
  }
  for (auto _ : state)
    for (auto a : raw) p.process(a);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * words()));
}
BENCHMARK(BM_WholeChain)->Unit(benchmark::kMillisecond);

void BM_LoadLexicon(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(
        parley::extract::Lexicon::load_default(parley::default_data_dir()).verb_count());
}
BENCHMARK(BM_LoadLexicon)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
