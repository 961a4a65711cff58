// Speed of the text stage on real news: the bundled samples (Wikinews + the reference article),
// repeated to ~4 MB so the working set resembles a batch of articles; and, with PARLEY_SHARED
// set, the 295 articles of the Wikinews sample (1.3 MB, no text repeated), so that what the
// tokenizer remembers of chunks it has seen cannot flatter the figure.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "parley/ingest/ingest.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"
#include "parley/text/utf8.hpp"

namespace {

std::vector<std::string> load_articles() {
  std::vector<std::string> out;
  for (const auto& entry :
       std::filesystem::recursive_directory_iterator(std::string(PARLEY_SOURCE_DIR) + "/samples")) {
    if (entry.path().extension() != ".txt") continue;
    std::ifstream in(entry.path());
    std::stringstream ss;
    ss << in.rdbuf();
    out.push_back(ss.str());
  }
  std::sort(out.begin(), out.end());
  std::vector<std::string> repeated;
  size_t bytes = 0;
  while (bytes < (4u << 20)) {
    for (const auto& a : out) {
      repeated.push_back(a);
      bytes += a.size();
    }
  }
  return repeated;
}

const std::vector<std::string>& articles() {
  static const std::vector<std::string> a = load_articles();
  return a;
}

// The "text" column of the Wikinews sample's CSV files (RFC 4180: quoted fields, "" inside).
std::vector<std::string> load_wikinews() {
  std::vector<std::string> out;
  const char* shared = std::getenv("PARLEY_SHARED");
  if (!shared || !*shared) return out;
  const std::string dir = std::string(shared) + "/corpora/wikinews-2019-2020-sample";
  for (const char* name : {"/wikinews_2019.csv", "/wikinews_2020.csv"}) {
    std::ifstream in(dir + name, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string csv = ss.str();
    std::vector<std::string> row;
    std::string field;
    bool header = true;
    for (size_t i = 0; i < csv.size();) {
      if (csv[i] == '"') {
        for (++i; i < csv.size(); ++i) {
          if (csv[i] != '"') {
            field += csv[i];
          } else if (i + 1 < csv.size() && csv[i + 1] == '"') {
            field += '"';
            ++i;
          } else {
            ++i;
            break;
          }
        }
        continue;
      }
      if (csv[i] == ',' || csv[i] == '\n') {
        row.push_back(std::move(field));
        field.clear();
        if (csv[i] == '\n') {
          if (!header && row.size() >= 4) out.push_back(std::move(row[3]));
          header = false;
          row.clear();
        }
      } else if (csv[i] != '\r') {
        field += csv[i];
      }
      ++i;
    }
  }
  return out;
}

const std::vector<std::string>& wikinews() {
  static const std::vector<std::string> a = load_wikinews();
  return a;
}

const parley::Segmenter& segmenter() {
  static const parley::Segmenter s = parley::Segmenter::load(parley::default_model_dir());
  return s;
}

void BM_Utf8Validate(benchmark::State& state) {
  size_t bytes = 0;
  for (auto _ : state)
    for (const auto& a : articles()) {
      benchmark::DoNotOptimize(parley::utf8::find_invalid(a));
      bytes += a.size();
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
}
BENCHMARK(BM_Utf8Validate)->Unit(benchmark::kMillisecond);

void BM_Tokenize(benchmark::State& state) {
  auto model = std::make_shared<parley::SegmenterModel>();
  model->load(parley::default_model_dir() + "/segmenter.bin");
  parley::Tokenizer tokenizer(model->tokenizer);
  size_t bytes = 0, tokens = 0;
  parley::Article art;
  for (auto _ : state)
    for (const auto& a : articles()) {
      art.text = a;
      tokenizer.tokenize(art);
      bytes += a.size();
      tokens += art.tokens.size();
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tokenize)->Unit(benchmark::kMillisecond);

void BM_ValidateTokenizeSplit(benchmark::State& state) {
  size_t bytes = 0, tokens = 0;
  parley::Article art;
  for (auto _ : state)
    for (const auto& a : articles()) {
      art.text = a;
      if (parley::utf8::find_invalid(art.text)) state.SkipWithError("invalid UTF-8 in samples");
      segmenter().run(art);
      bytes += a.size();
      tokens += art.tokens.size();
    }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ValidateTokenizeSplit)->Unit(benchmark::kMillisecond);

// The whole text stage from disk: reading the sample directory as files (page cache warm),
// validating, tokenizing and splitting.
void BM_IngestTokenizeSplit(benchmark::State& state) {
  size_t bytes = 0, tokens = 0;
  for (auto _ : state) {
    parley::ArticleReader reader({std::string(PARLEY_SOURCE_DIR) + "/samples"}, {});
    while (auto a = reader.next()) {
      segmenter().run(*a);
      bytes += a->text.size();
      tokens += a->tokens.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_IngestTokenizeSplit)->Unit(benchmark::kMillisecond);

// The Wikinews sample once per pass through a Segmenter made for the pass (the model is loaded
// once), so nothing a segmenter remembers between articles carries from one pass to the next.
void BM_ValidateTokenizeSplitWikinews(benchmark::State& state) {
  if (wikinews().empty()) {
    state.SkipWithError("set PARLEY_SHARED (needs corpora/wikinews-2019-2020-sample)");
    return;
  }
  static const auto model = [] {
    auto m = std::make_shared<parley::SegmenterModel>();
    m->load(parley::default_model_dir() + "/segmenter.bin");
    return std::shared_ptr<const parley::SegmenterModel>(m);
  }();
  size_t bytes = 0, tokens = 0;
  parley::Article art;
  for (auto _ : state) {
    state.PauseTiming();
    parley::Segmenter seg(model);
    state.ResumeTiming();
    for (const auto& a : wikinews()) {
      art.text = a;
      if (parley::utf8::find_invalid(art.text)) state.SkipWithError("invalid UTF-8 in Wikinews");
      seg.run(art);
      bytes += a.size();
      tokens += art.tokens.size();
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ValidateTokenizeSplitWikinews)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
