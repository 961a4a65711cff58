// Helpers shared by the benchmarks.
#pragma once

#include <fstream>
#include <string>

namespace parley::bench {

// Peak resident memory of the process so far, in MB (Linux; 0 elsewhere): after loading, the
// per-worker memory of the models.
inline double peak_rss_mb() {
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  return 0;
}

}  // namespace parley::bench
