// The pipeline: articles stream from an ArticleReader through the components, in parallel over
// N threads, and reach the sink in input order. Memory stays bounded by one batch.
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parley/doc/component.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/pipeline/progress.hpp"

namespace parley {

struct PipelineOptions {
  int threads = 1;
  size_t batch_articles = 256;      // articles per parallel batch
  uint64_t batch_bytes = 64 << 20;  // or fewer, when they are large
  Progress::Mode progress = Progress::Mode::kAuto;
  bool profile = false;  // time every stage (PipelineStats::stages); costs two clock reads each
};

// Time spent in one stage, summed over the worker threads.
struct StageTime {
  std::string name;  // "read", a component's name(), or "output" (the sink)
  double seconds = 0;
};

struct PipelineStats {
  uint64_t articles = 0, skipped = 0, bytes = 0;
  uint64_t warnings = 0;  // inputs read in a degraded way (IngestError::warning)
  uint64_t words = 0;     // words of the articles done (after segmentation)
  double seconds = 0;
  std::vector<StageTime> stages;  // with PipelineOptions::profile, in pipeline order
};

class Pipeline {
 public:
  // `given`: the layers the articles arrive with (tokens, when a gold file supplies them).
  explicit Pipeline(Layer given = Layer::kNone) : layers_(given) {}
  // Appends a component. Throws std::logic_error when it needs a layer that neither the input
  // nor an earlier component adds ("parser needs tags": the tagger must come first).
  void add(std::shared_ptr<const Component> component);
  // The layers the articles carry after the components added so far.
  Layer layers() const { return layers_; }
  // Runs every article through the components and hands it to `sink`, in input order. An
  // exception thrown by a component for one article is reported as that article's error; the
  // run goes on.
  PipelineStats run(ArticleReader& reader, const std::function<void(Article&)>& sink,
                    const PipelineOptions& options,
                    const std::function<void(const IngestError&)>& on_error) const;
  // Runs the components over one article. Safe to call from many threads at once on different
  // articles (run() and Analyzer do): every component's process() is const, components hold
  // their models only through pointers to const, keep per-call scratch in locals, and their
  // function-local statics are const tables (initialised once, thread-safely). A component
  // with mutable state (a cache, a counter) must guard it itself.
  void process(Article& article) const;
  // The same, adding each component's time in nanoseconds to ns[i] (one slot per component).
  void process_timed(Article& article, std::atomic<int64_t>* ns) const;

 private:
  std::vector<std::shared_ptr<const Component>> components_;
  Layer layers_ = Layer::kNone;
};

}  // namespace parley
