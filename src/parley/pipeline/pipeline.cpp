#include "parley/pipeline/pipeline.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

namespace parley {

void Pipeline::add(std::shared_ptr<const Component> component) {
  if (!component) throw std::invalid_argument("pipeline: null component");
  const Layer needs = component->needs();
  if (!has_all(layers_, needs)) {
    const Layer missing =
        static_cast<Layer>(static_cast<uint32_t>(needs) & ~static_cast<uint32_t>(layers_));
    throw std::logic_error("pipeline: component '" + std::string(component->name()) + "' needs " +
                           layer_names(missing) +
                           ", which no earlier component adds (has: " + layer_names(layers_) + ")");
  }
  layers_ = layers_ | component->adds();
  components_.push_back(std::move(component));
}

void Pipeline::process(Article& article) const {
  for (const auto& c : components_) c->process(article);
}

namespace {
int64_t now_ns() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}
}  // namespace

void Pipeline::process_timed(Article& article, std::atomic<int64_t>* ns) const {
  int64_t t = now_ns();
  for (size_t i = 0; i < components_.size(); ++i) {
    components_[i]->process(article);
    const int64_t u = now_ns();
    ns[i].fetch_add(u - t, std::memory_order_relaxed);
    t = u;
  }
}

PipelineStats Pipeline::run(ArticleReader& reader, const std::function<void(Article&)>& sink,
                            const PipelineOptions& options,
                            const std::function<void(const IngestError&)>& on_error) const {
  PipelineStats stats;
  auto t0 = std::chrono::steady_clock::now();
  Progress progress(options.progress);
  reader.on_error([&](const IngestError& e) {
    ++(e.warning ? stats.warnings : stats.skipped);
    on_error(e);
  });
  const int threads = std::max(1, options.threads);
  // With profile: reading, then one slot per component, then the sink.
  std::vector<std::atomic<int64_t>> ns(options.profile ? components_.size() + 2 : 0);
  std::vector<Article> batch;
  std::vector<std::string> failures;
  bool more = true;
  while (more) {
    batch.clear();
    uint64_t bytes = 0;
    while (batch.size() < options.batch_articles && bytes < options.batch_bytes) {
      const int64_t t_read = options.profile ? now_ns() : 0;
      std::optional<Article> a = reader.next();
      if (options.profile) ns[0] += now_ns() - t_read;
      if (!a) {
        more = false;
        break;
      }
      bytes += a->text.size();
      batch.push_back(std::move(*a));
    }
    failures.assign(batch.size(), std::string());
    auto work = [&](size_t i) {
      try {
        if (options.profile)
          process_timed(batch[i], ns.data() + 1);
        else
          process(batch[i]);
      } catch (const std::exception& e) {
        failures[i] = e.what();
      }
    };
    if (threads == 1 || batch.size() < 2) {
      for (size_t i = 0; i < batch.size(); ++i) work(i);
    } else {
      std::atomic<size_t> next{0};
      std::vector<std::thread> pool;
      for (int t = 0; t < std::min<int>(threads, static_cast<int>(batch.size())); ++t)
        pool.emplace_back([&] {
          for (size_t i; (i = next.fetch_add(1)) < batch.size();) work(i);
        });
      for (auto& th : pool) th.join();
    }
    for (size_t i = 0; i < batch.size(); ++i) {
      if (!failures[i].empty()) {
        ++stats.skipped;
        on_error({batch[i].origin.path, batch[i].origin.offset, batch[i].origin.line,
                  "processing failed: " + failures[i]});
        continue;
      }
      stats.bytes += batch[i].text.size();
      stats.words += batch[i].words.size();
      ++stats.articles;
      const int64_t t_sink = options.profile ? now_ns() : 0;
      sink(batch[i]);
      if (options.profile) ns.back() += now_ns() - t_sink;
    }
    progress.update(stats.articles, stats.skipped, reader.bytes_done(), reader.total_bytes());
  }
  progress.finish(stats.articles, stats.skipped, reader.bytes_done());
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  if (options.profile) {
    stats.stages.push_back({"read", static_cast<double>(ns[0].load()) * 1e-9});
    for (size_t i = 0; i < components_.size(); ++i)
      stats.stages.push_back(
          {std::string(components_[i]->name()), static_cast<double>(ns[i + 1].load()) * 1e-9});
    stats.stages.push_back({"output", static_cast<double>(ns.back().load()) * 1e-9});
  }
  return stats;
}

}  // namespace parley
