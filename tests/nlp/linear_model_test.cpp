// The shipped form of the linear models: rows of every length, dense and sparse, laid out in
// whatever order build() picks, must each score exactly their own weights.
#include "parley/nlp/linear_model.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "../test_support.hpp"

namespace parley::nlp {
namespace {

constexpr int kLinearTestClasses = 40;
constexpr uint32_t kLinearTestFeatures = 400;

// Feature k has a row of 1 + k % 40 classes (dense from 6 up, sparse below), class c with
// weight 1, 2 or 3. Every update happens before the first tick, so the averages are exactly
// those counts, and the largest (3) maps to 32000.
struct LinearTestModel {
  LinearModel model;
  std::vector<std::vector<float>> expected;  // per feature, per class
};

LinearTestModel linear_test_model() {
  PerceptronTrainer trainer(kLinearTestClasses);
  LinearTestModel out;
  out.expected.assign(kLinearTestFeatures + 1, std::vector<float>(kLinearTestClasses, 0.f));
  for (uint32_t k = 1; k <= kLinearTestFeatures; ++k) {
    const uint32_t len = 1 + k % kLinearTestClasses;
    for (uint32_t j = 0; j < len; ++j) {
      const int c = static_cast<int>((k * 7 + j) % kLinearTestClasses);
      const int w = 1 + static_cast<int>((k + static_cast<uint32_t>(c)) % 3);
      for (int r = 0; r < w; ++r) trainer.update(&k, 1, c, -1);
      out.expected[k][static_cast<size_t>(c)] = static_cast<float>(std::lround(w * 32000.0 / 3));
    }
  }
  trainer.tick();
  out.model = trainer.finish();
  return out;
}

void expect_linear_test_scores(const LinearModel& m, const LinearTestModel& t) {
  ASSERT_EQ(m.features(), kLinearTestFeatures);
  std::vector<float> all(kLinearTestClasses, 0.f), sum(kLinearTestClasses, 0.f);
  std::vector<uint32_t> every;
  for (uint32_t k = 1; k <= kLinearTestFeatures; ++k) {
    std::vector<float> out(kLinearTestClasses, 0.f);
    m.score(&k, 1, out.data());
    EXPECT_EQ(out, t.expected[k]) << "feature " << k;
    for (int c = 0; c < kLinearTestClasses; ++c)
      sum[static_cast<size_t>(c)] += out[static_cast<size_t>(c)];
    every.push_back(k);
  }
  every.push_back(kLinearTestFeatures + 1);         // unknown features add nothing
  m.score(every.data(), every.size(), all.data());  // more than one batch of lookups
  EXPECT_EQ(all, sum);
}

TEST(LinearModel, RowsOfEveryLengthScoreExactlyTheirWeights) {
  const LinearTestModel t = linear_test_model();
  expect_linear_test_scores(t.model, t);
  // The file keeps the rows, whatever the layout in memory: reloaded, the same scores.
  test::TempDir tmp;
  const std::string path = tmp.path() + "/model.bin";
  {
    binio::Writer w(path);
    t.model.save(w);
    w.close();
  }
  binio::Reader r(path);
  LinearModel loaded;
  loaded.load(r);
  expect_linear_test_scores(loaded, t);
}

}  // namespace
}  // namespace parley::nlp
