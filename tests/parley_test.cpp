// parley::Analyzer, the facade: the same answers as `parley code`, from any number of threads.
#include "parley/parley.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <thread>

#include "parley/ingest/ingest.hpp"
#include "test_support.hpp"

namespace parley {
namespace {

const Analyzer& analyzer() {
  static const Analyzer a;
  return a;
}

std::string cairo_path() {
  return test::source_dir() + "/samples/cairo-talks.txt";
}

// The sample articles, as the CLI reads them (sorted, with titles and dates from the text).
const std::vector<Article>& samples() {
  static const std::vector<Article> articles = [] {
    std::vector<Article> out;
    ArticleReader reader({test::source_dir() + "/samples"}, {});
    while (auto a = reader.next()) out.push_back(std::move(*a));
    return out;
  }();
  return articles;
}

TEST(Analyzer, CodesAsTheCliDoes) {
  test::TempDir tmp;
  auto cli = test::run_cli("code " + cairo_path(), tmp);
  ASSERT_EQ(cli.status, 0) << cli.err;
  // An article read by ArticleReader, as the CLI reads it: the very same record.
  ArticleReader reader({cairo_path()}, {});
  std::optional<Article> read = reader.next();
  ASSERT_TRUE(read);
  Article doc = analyzer().analyze(std::move(*read));
  EXPECT_EQ(analyzer().to_json(doc) + '\n', cli.out);
  EXPECT_EQ(analyzer().format(doc, "jsonl"), cli.out);
  // Plain text: the same coding; only the record's "path" (no file) differs.
  Article from_text = analyzer().analyze(test::read_file(cairo_path()));
  EXPECT_EQ(from_text.id, doc.id);
  EXPECT_EQ(from_text.title, doc.title);
  EXPECT_EQ(from_text.date, doc.date);
  from_text.origin = doc.origin;
  EXPECT_EQ(analyzer().to_json(from_text), analyzer().to_json(doc));
  ASSERT_FALSE(doc.events.empty());
  EXPECT_NE(analyzer().format(doc, "table").find("USAGOV    PSEREB    026"), std::string::npos);
  EXPECT_TRUE(analyzer().format(doc, "csv").find(",USAGOV,") != std::string::npos);
  EXPECT_TRUE(Analyzer::csv_header().starts_with("event_id,doc_id,"));
  EXPECT_THROW(analyzer().format(doc, "xml"), std::invalid_argument);
}

TEST(Analyzer, PatternsAreNamedRelativeToTheDataDirectory) {
  Article doc = analyzer().analyze(test::read_file(cairo_path()));
  ASSERT_FALSE(doc.events.empty());
  for (const Event& e : doc.events) {
    EXPECT_TRUE(e.pattern.starts_with("events/verbs/") || e.pattern.starts_with("events/nouns/"))
        << e.pattern;
  }
}

TEST(Analyzer, MetadataOverridesTheText) {
  Article doc = analyzer().analyze(
      "US envoy John Kirby urged Hamas to engage in the talks.",
      {.title = "Talks", .date = "May 2, 2024", .source = "Wire", .url = "https://example.org/a"});
  EXPECT_EQ(doc.title, "Talks");
  EXPECT_EQ(doc.date, "2024-05-02");
  EXPECT_EQ(doc.source, "Wire");
  EXPECT_EQ(doc.url, "https://example.org/a");
  EXPECT_EQ(doc.id, content_id(doc.text));
  ASSERT_FALSE(doc.events.empty());
  EXPECT_EQ(doc.events[0].source_code, "USAGOV");
  EXPECT_EQ(doc.events[0].date, "2024-05-02");
  EXPECT_THROW(analyzer().analyze(std::string("bad \xff text")), std::invalid_argument);
  EXPECT_NO_THROW(analyzer().analyze(""));
}

TEST(Analyzer, AnalyzingAnAnalyzedArticleGivesTheSameArticle) {
  Article once = analyzer().analyze(samples()[0]);
  Article twice = analyzer().analyze(once);
  EXPECT_EQ(analyzer().to_json(twice), analyzer().to_json(once));
  EXPECT_EQ(twice.tokens.size(), once.tokens.size());
}

// Two threads share one Analyzer, each analysing every sample several times in its own order;
// every result equals the sequential one.
TEST(Analyzer, ConcurrentCallsGiveTheSequentialResults) {
  const std::vector<Article>& input = samples();
  ASSERT_GE(input.size(), 30u);
  std::vector<std::string> expected;
  for (const Article& a : input) expected.push_back(analyzer().to_json(analyzer().analyze(a)));
  constexpr int kThreads = 2, kRounds = 2;
  std::vector<std::vector<std::string>> got(kThreads);
  std::vector<std::thread> pool;
  for (int t = 0; t < kThreads; ++t) {
    pool.emplace_back([&, t] {
      for (int round = 0; round < kRounds; ++round)
        for (size_t k = 0; k < input.size(); ++k) {
          // Thread 0 goes forward, thread 1 backward, so different articles run side by side.
          size_t i = t == 0 ? k : input.size() - 1 - k;
          got[t].push_back(analyzer().to_json(analyzer().analyze(input[i])));
        }
    });
  }
  for (auto& th : pool) th.join();
  for (int t = 0; t < kThreads; ++t) {
    ASSERT_EQ(got[t].size(), kRounds * input.size());
    for (size_t n = 0; n < got[t].size(); ++n) {
      size_t k = n % input.size();
      size_t i = t == 0 ? k : input.size() - 1 - k;
      EXPECT_EQ(got[t][n], expected[i]) << "thread " << t << ", article " << i;
    }
  }
}

TEST(Analyzer, StopsAtTheStageAsked) {
  AnalyzerOptions options;
  options.last = Stage::Actors;
  const Analyzer actors_only(options);
  Article full = analyzer().analyze(test::read_file(cairo_path()));
  Article some = actors_only.analyze(test::read_file(cairo_path()));
  EXPECT_TRUE(some.events.empty());
  EXPECT_TRUE(some.quotes.empty());
  ASSERT_FALSE(some.actors.empty());
  ASSERT_GE(full.actors.size(), some.actors.size());
  for (size_t i = 0; i < some.actors.size(); ++i) {
    EXPECT_EQ(full.actors[i].name, some.actors[i].name);
    EXPECT_EQ(full.actors[i].code, some.actors[i].code);
  }
}

TEST(Analyzer, MissingDirectoriesAreNamedWithWhereTheyCameFrom) {
  AnalyzerOptions options;
  options.models = "/nonexistent/parley-models";
  try {
    Analyzer a(options);
    FAIL() << "loaded from a missing directory";
  } catch (const std::runtime_error& e) {
    EXPECT_NE(std::string(e.what()).find("models directory '/nonexistent/parley-models' (from "
                                         "--models) not found"),
              std::string::npos)
        << e.what();
  }
  options = {};
  options.data = "/nonexistent/parley-data";
  EXPECT_THROW(Analyzer{options}, std::runtime_error);
  options.last = Stage::Parse;  // needs no data
  EXPECT_NO_THROW(Analyzer{options});
}

}  // namespace
}  // namespace parley
