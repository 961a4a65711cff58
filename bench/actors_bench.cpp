// Cost of the actors stage on the bundled samples, measured in one run next to the stages it
// builds on, so the ratios hold on any machine: segmentation, tagging + parsing (what the nlp
// stage costs), NER alone (on tagged text), and actor resolution with and without NER.
#include <benchmark/benchmark.h>

#include "parley/actors/actor_resolver.hpp"
#include "parley/actors/ner.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace {

const parley::nlp::Tagger& tagger() {
  static const parley::nlp::Tagger t = parley::nlp::Tagger::load(parley::default_model_dir());
  return t;
}

// The samples, segmented and tagged (the actors stage runs after the nlp stage).
std::vector<parley::Article>& articles() {
  static std::vector<parley::Article> articles = [] {
    std::vector<parley::Article> out;
    auto seg = parley::Segmenter::load(parley::default_model_dir());
    parley::ArticleReader reader({std::string(PARLEY_SOURCE_DIR) + "/samples"}, {});
    while (auto a = reader.next()) {
      seg.run(*a);
      tagger().process(*a);
      out.push_back(std::move(*a));
    }
    return out;
  }();
  return articles;
}

void report(benchmark::State& state, size_t bytes, size_t word_count) {
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["words/s"] =
      benchmark::Counter(static_cast<double>(word_count), benchmark::Counter::kIsRate);
}

void BM_Segment(benchmark::State& state) {
  auto seg = parley::Segmenter::load(parley::default_model_dir());
  std::vector<parley::Article> copy = articles();
  size_t bytes = 0, n = 0;
  for (auto _ : state)
    for (auto& a : copy) {
      seg.run(a);
      bytes += a.text.size(), n += a.words.size();
    }
  report(state, bytes, n);
}
BENCHMARK(BM_Segment)->Unit(benchmark::kMillisecond);

void BM_TagAndParse(benchmark::State& state) {
  static const parley::nlp::Parser parser = parley::nlp::Parser::load(parley::default_model_dir());
  std::vector<parley::Article> copy = articles();
  size_t bytes = 0, n = 0;
  for (auto _ : state)
    for (auto& a : copy) {
      tagger().process(a);
      parser.process(a);
      bytes += a.text.size(), n += a.words.size();
    }
  report(state, bytes, n);
}
BENCHMARK(BM_TagAndParse)->Unit(benchmark::kMillisecond);

// NER alone, on tagged articles (the tags come from Article::analysis).
void BM_Ner(benchmark::State& state) {
  auto gz = std::make_shared<const parley::Gazetteer>(
      parley::Gazetteer::load(parley::default_data_dir()));
  auto ner = parley::EntityRecognizer::load(parley::default_model_dir(), gz);
  size_t bytes = 0, n = 0;
  for (auto _ : state)
    for (const auto& a : articles()) {
      benchmark::DoNotOptimize(ner->recognize(a).size());
      bytes += a.text.size(), n += a.words.size();
    }
  report(state, bytes, n);
}
BENCHMARK(BM_Ner)->Unit(benchmark::kMillisecond);

// The whole actors stage with NER (tagged articles), and with capitalisation rules only.
void resolve(benchmark::State& state, const parley::ActorResolver& resolver) {
  std::vector<parley::Article> copy = articles();
  size_t bytes = 0, n = 0;
  for (auto _ : state)
    for (auto& a : copy) {
      resolver.process(a);
      bytes += a.text.size(), n += a.words.size();
    }
  report(state, bytes, n);
}
void BM_ResolveActors(benchmark::State& state) {
  resolve(state,
          parley::ActorResolver::load(parley::default_data_dir(), parley::default_model_dir()));
}
BENCHMARK(BM_ResolveActors)->Unit(benchmark::kMillisecond);
void BM_ResolveActorsRulesOnly(benchmark::State& state) {
  resolve(state, parley::ActorResolver::load(parley::default_data_dir(), ""));
}
BENCHMARK(BM_ResolveActorsRulesOnly)->Unit(benchmark::kMillisecond);

void BM_LoadGazetteer(benchmark::State& state) {
  for (auto _ : state)
    benchmark::DoNotOptimize(parley::Gazetteer::load(parley::default_data_dir()).size());
}
BENCHMARK(BM_LoadGazetteer)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
