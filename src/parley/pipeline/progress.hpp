// Progress for long runs: a redrawn status line with rate and ETA on a terminal, a plain log
// line every few seconds otherwise.
#pragma once

#include <chrono>
#include <cstdint>
#include <cstdio>

namespace parley {

class Progress {
 public:
  enum class Mode { kAuto, kAlways, kNever };
  explicit Progress(Mode mode = Mode::kAuto, std::FILE* out = stderr);
  // total_bytes: on-disk size of all input (0 when unknown, e.g. stdin).
  void update(uint64_t articles, uint64_t skipped, uint64_t bytes_done, uint64_t total_bytes);
  void finish(uint64_t articles, uint64_t skipped, uint64_t bytes_done);

 private:
  void draw(uint64_t articles, uint64_t skipped, uint64_t bytes_done, uint64_t total_bytes,
            bool final);
  std::FILE* out_;
  bool enabled_ = false, tty_ = false, drawn_ = false;
  std::chrono::steady_clock::time_point start_, last_;
};

}  // namespace parley
