#include "parley/nlp/word_clusters.hpp"

#include <gtest/gtest.h>

#include <sstream>

#include "../test_support.hpp"

namespace parley::nlp {
namespace {

// Two kinds of words in interchangeable contexts: capitals after "in", verbs after "they".
ClusterCorpus toy_corpus() {
  ClusterCorpus c;
  const char* places[] = {"Cairo", "Doha", "Paris", "Geneva"};
  const char* verbs[] = {"met", "left", "talked", "waited"};
  for (int rep = 0; rep < 20; ++rep)
    for (const char* p : places)
      for (const char* v : verbs) {
        c.add_sentence({"they", v, "in", p, "."});
        c.add_sentence({"we", v, "in", p, "on", "2024", "."});
      }
  return c;
}

TEST(WordClusters, NoClassMixesContexts) {
  ClusterTrainOptions o;
  o.classes = 7;  // as many as the kinds of left context in the toy text
  o.iterations = 10;
  std::ostringstream log;
  ClusteredVocabulary v = train_word_clusters(toy_corpus(), o, log);
  auto class_of = [&](const std::string& w) {
    for (size_t i = 0; i < v.forms.size(); ++i)
      if (v.forms[i] == w) return static_cast<int>(v.classes[i]);
    return -1;
  };
  // The objective is indifferent to splitting words with the same contexts over several classes
  // (there are classes to spare), but mixing contexts costs: no class holds a place and a verb.
  for (const char* place : {"Cairo", "Doha", "Paris", "Geneva"}) {
    ASSERT_GE(class_of(place), 0) << place;
    for (const char* verb : {"met", "left", "talked", "waited", "in"})
      EXPECT_NE(class_of(place), class_of(verb)) << place << " " << verb;
  }
  EXPECT_GE(class_of("0000"), 0);  // digits folded: "2024" is "0000"
  // Deterministic.
  ClusteredVocabulary again = train_word_clusters(toy_corpus(), o, log);
  EXPECT_EQ(v.classes, again.classes);
}

TEST(WordClusters, TableRoundTripsAndRejectsBadLines) {
  ClusterTrainOptions o;
  o.classes = 4;
  std::ostringstream log;
  ClusteredVocabulary v = train_word_clusters(toy_corpus(), o, log);
  test::TempDir tmp;
  std::string path = tmp.path() + "/c.tsv";
  save_clusters_tsv(v, path);
  WordClusters wc = WordClusters::load_tsv(path);
  EXPECT_EQ(wc.size(), v.forms.size());
  for (size_t i = 0; i < v.forms.size(); ++i)
    EXPECT_EQ(wc.of(v.forms[i]), v.classes[i]) << v.forms[i];
  EXPECT_EQ(wc.of("1999"), wc.of("2024"));
  EXPECT_EQ(wc.of("Kinshasa"), WordClusters::kUnknown);
  EXPECT_EQ(WordClusters{}.of("Cairo"), WordClusters::kUnknown);
  EXPECT_THROW(WordClusters::load_tsv(tmp.write("bad.tsv", "Cairo\tx\n")), std::runtime_error);
  EXPECT_THROW(WordClusters::load_tsv(tmp.write("none.tsv", "# nothing\n")), std::runtime_error);
  EXPECT_THROW(WordClusters::load_tsv(tmp.path() + "/missing.tsv"), std::runtime_error);
}

TEST(WordClusters, TooLittleTextIsAnError) {
  ClusterCorpus c;
  c.add_sentence({"one", "two"});
  ClusterTrainOptions o;
  std::ostringstream log;
  EXPECT_THROW(train_word_clusters(c, o, log), std::runtime_error);
}

}  // namespace
}  // namespace parley::nlp
