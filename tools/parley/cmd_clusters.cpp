// `parley train clusters`: word classes from unlabelled text (any input format Parley reads).
#include <chrono>
#include <iostream>
#include <memory>

#include "commands.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/nlp/word_clusters.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::cli {

void add_train_clusters_command(CLI::App& train) {
  auto* cmd = train.add_subcommand(
      "clusters", "Learn word classes from unlabelled text (features for NER and tagging)");
  auto inputs = std::make_shared<std::vector<std::string>>();
  auto opts = std::make_shared<nlp::ClusterTrainOptions>();
  auto out = std::make_shared<std::string>(default_model_dir() + "/clusters.tsv");
  auto models = std::make_shared<std::string>(default_model_dir());
  cmd->add_option("inputs", *inputs,
                  "Text, JSON lines, HTML or WARC files or directories (.gz too)")
      ->required();
  cmd->add_option("--classes", opts->classes, "Number of classes")->capture_default_str();
  cmd->add_option("--vocabulary", opts->vocabulary, "Most frequent forms that get a class")
      ->capture_default_str();
  cmd->add_option("--iterations", opts->iterations, "Exchange iterations")->capture_default_str();
  cmd->add_option("--min-count", opts->min_count, "Forms seen fewer times get no class")
      ->capture_default_str();
  cmd->add_option("--models", *models, "Model directory holding segmenter.bin")
      ->capture_default_str();
  cmd->add_option("--out", *out, "Table to write (form, class, count)")->capture_default_str();
  cmd->callback([inputs, opts, out, models] {
    Segmenter segmenter = Segmenter::load(*models);
    ArticleReader reader(*inputs, IngestOptions{});
    reader.on_error([](const IngestError& e) { std::cerr << "parley: " << e.to_string() << '\n'; });
    nlp::ClusterCorpus corpus;
    std::vector<std::string_view> words;
    size_t articles = 0;
    auto t0 = std::chrono::steady_clock::now();
    while (auto a = reader.next()) {
      segmenter.run(*a);
      for (const Sentence& s : a->sentences) {
        words.clear();
        for (uint32_t k = 0; k < s.word_count; ++k) words.push_back(a->word_text(s.first_word + k));
        corpus.add_sentence(words);
      }
      if (++articles % 1000 == 0)
        std::cerr << "clusters: read " << articles << " articles, " << corpus.tokens()
                  << " tokens\n";
    }
    std::cerr << "clusters: read " << articles << " articles in "
              << std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count()
              << " s\n";
    nlp::ClusteredVocabulary v = nlp::train_word_clusters(corpus, *opts, std::cerr);
    nlp::save_clusters_tsv(v, *out);
    std::cerr << "wrote " << *out << " (" << v.forms.size() << " forms)\n";
  });
}

}  // namespace parley::cli
