// Speed of the nlp stage, single thread, on real text: the EWT test set (from $PARLEY_SHARED)
// with gold tokenization for tag and parse, and from raw text for the whole chain; plus the time
// to load the tagger and parser models.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "bench_support.hpp"
#include "parley/nlp/gold_article.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace {

std::string ewt_test() {
  const char* env = std::getenv("PARLEY_SHARED");
  std::string p = std::string(env ? env : "") + "/corpora/ud-english-ewt/en_ewt-ud-test.conllu";
  return env && std::filesystem::exists(p) ? p : "";
}

const std::vector<parley::conllu::Sentence>& gold() {
  static const std::vector<parley::conllu::Sentence> g =
      ewt_test().empty() ? std::vector<parley::conllu::Sentence>{}
                         : parley::conllu::read_file(ewt_test());
  return g;
}
const parley::nlp::Tagger& tagger() {
  static const parley::nlp::Tagger t = parley::nlp::Tagger::load(parley::default_model_dir());
  return t;
}
const parley::nlp::Parser& parser() {
  static const parley::nlp::Parser p = parley::nlp::Parser::load(parley::default_model_dir());
  return p;
}

bool need_data(benchmark::State& state) {
  if (!gold().empty()) return true;
  state.SkipWithError("set PARLEY_SHARED to the shared directory (needs ud-english-ewt test)");
  return false;
}

using parley::bench::peak_rss_mb;  // the start-up figure is the per-worker memory

void BM_LoadModels(benchmark::State& state) {
  for (auto _ : state) {
    auto t = parley::nlp::Tagger::load(parley::default_model_dir());
    auto p = parley::nlp::Parser::load(parley::default_model_dir());
    benchmark::DoNotOptimize(&t);
    benchmark::DoNotOptimize(&p);
  }
}
BENCHMARK(BM_LoadModels)->Unit(benchmark::kMillisecond);

// Tag (with features and lemmas) + parse, gold tokens; items are words.
void run_stage(benchmark::State& state, bool tag, bool parse) {
  if (!need_data(state)) return;
  const parley::Article base = parley::nlp::gold_article(gold(), false);
  parley::Article tagged = base;
  tagger().process(tagged);
  size_t words = 0;
  for (auto _ : state) {
    state.PauseTiming();
    parley::Article a = tag ? base : tagged;
    state.ResumeTiming();
    if (tag) tagger().process(a);
    if (parse) parser().process(a);
    benchmark::DoNotOptimize(a.analysis.data());
    words += a.words.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(words));
  state.counters["peak_rss_MB"] = peak_rss_mb();
}
void BM_TagAndParse(benchmark::State& state) {
  run_stage(state, true, true);
}
void BM_Tag(benchmark::State& state) {
  run_stage(state, true, false);
}
void BM_Parse(benchmark::State& state) {
  run_stage(state, false, true);
}
BENCHMARK(BM_TagAndParse)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Tag)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Parse)->Unit(benchmark::kMillisecond);

// Raw text through segmenter, tagger and parser; items are words.
void BM_SegmentTagParse(benchmark::State& state) {
  if (!need_data(state)) return;
  const std::string text = parley::conllu::rebuild_text(gold()).text;
  static const parley::Segmenter seg = parley::Segmenter::load(parley::default_model_dir());
  size_t words = 0;
  for (auto _ : state) {
    parley::Article a;
    a.text = text;
    seg.run(a);
    tagger().process(a);
    parser().process(a);
    words += a.words.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(words));
}
BENCHMARK(BM_SegmentTagParse)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
