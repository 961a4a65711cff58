#include "parley/pipeline/progress.hpp"

#include <unistd.h>

#include <string>

namespace parley {

namespace {
std::string clock_text(double seconds) {
  long s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", s / 60, s % 60);
  return buf;
}
}  // namespace

Progress::Progress(Mode mode, std::FILE* out) : out_(out) {
  tty_ = isatty(fileno(out)) != 0;
  enabled_ = mode == Mode::kAlways || (mode == Mode::kAuto && tty_);
  start_ = last_ = std::chrono::steady_clock::now();
}

void Progress::update(uint64_t articles, uint64_t skipped, uint64_t bytes_done,
                      uint64_t total_bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  auto every = tty_ ? std::chrono::milliseconds(150) : std::chrono::milliseconds(5000);
  if (now - last_ < every) return;
  last_ = now;
  draw(articles, skipped, bytes_done, total_bytes, false);
}

void Progress::finish(uint64_t articles, uint64_t skipped, uint64_t bytes_done) {
  if (!enabled_) return;
  draw(articles, skipped, bytes_done, 0, true);
}

void Progress::draw(uint64_t articles, uint64_t skipped, uint64_t bytes, uint64_t total,
                    bool final) {
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = secs > 0 ? articles / secs : 0, mbps = secs > 0 ? bytes / 1e6 / secs : 0;
  std::string line;
  char buf[160];
  if (total > 0 && !final) {
    double frac = std::min(1.0, static_cast<double>(bytes) / static_cast<double>(total));
    int width = 24, filled = static_cast<int>(frac * width);
    line = "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] ";
    double eta = frac > 0 ? secs * (1 - frac) / frac : 0;
    std::snprintf(buf, sizeof buf, "%3.0f%% %llu articles, %.1f/s, %.1f MB/s, ETA %s", frac * 100,
                  static_cast<unsigned long long>(articles), rate, mbps, clock_text(eta).c_str());
  } else {
    std::snprintf(buf, sizeof buf, "%llu articles, %.1f/s, %.1f MB/s, %s elapsed",
                  static_cast<unsigned long long>(articles), rate, mbps, clock_text(secs).c_str());
  }
  line += buf;
  if (skipped) line += ", " + std::to_string(skipped) + " skipped";
  if (tty_) {
    std::fprintf(out_, "\r\033[K%s%s", line.c_str(), final ? "\n" : "");
  } else {
    std::fprintf(out_, "parley: %s\n", line.c_str());
  }
  std::fflush(out_);
  drawn_ = true;
}

}  // namespace parley
