#include "parley/pipeline/pipeline.hpp"

#include <gtest/gtest.h>

#include <thread>

#include "../test_support.hpp"

namespace parley {
namespace {

// Sleeps longer on earlier articles, so unordered output would show.
class SlowEarly : public Component {
 public:
  std::string_view name() const override { return "slow"; }
  void process(Article& a) const override {
    int n = std::stoi(a.text.substr(a.text.find(' ') + 1));
    if (n == 3) throw std::runtime_error("component failed on purpose");
    std::this_thread::sleep_for(std::chrono::microseconds(200 * (20 - n % 20)));
    a.title = "done";
  }
};

TEST(Pipeline, ParallelOutputKeepsInputOrderAndSurvivesFailures) {
  test::TempDir tmp;
  std::string lines;
  for (int i = 0; i < 50; ++i) lines += "{\"text\": \"article " + std::to_string(i) + "\"}\n";
  auto p = tmp.write("in.jsonl", lines);
  Pipeline pipeline;
  pipeline.add(std::make_shared<SlowEarly>());
  pipeline.add(std::make_shared<Segmenter>(test::segmenter()));
  ArticleReader reader({p}, {});
  PipelineOptions o;
  o.threads = 4;
  o.batch_articles = 16;
  o.progress = Progress::Mode::kNever;
  std::vector<std::string> seen;
  std::vector<IngestError> errors;
  auto stats = pipeline.run(
      reader,
      [&](Article& a) {
        EXPECT_EQ(a.title, "done");
        EXPECT_FALSE(a.sentences.empty());
        seen.push_back(a.text);
      },
      o, [&](const IngestError& e) { errors.push_back(e); });
  ASSERT_EQ(seen.size(), 49u);
  EXPECT_EQ(stats.articles, 49u);
  EXPECT_EQ(stats.skipped, 1u);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].line, 4u);
  for (size_t i = 1; i < seen.size(); ++i) {
    int a = std::stoi(seen[i - 1].substr(8)), b = std::stoi(seen[i].substr(8));
    EXPECT_LT(a, b);
  }
}

}  // namespace
}  // namespace parley
