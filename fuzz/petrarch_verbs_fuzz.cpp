// PETRARCH/TABARI verb dictionaries converted to Parley patterns.
#include <stdexcept>

#include "fuzz_support.hpp"
#include "parley/extract/petrarch_verbs.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static parley::fuzz::MemFile file;
  parley::extract::PetrarchReadStats stats;
  try {
    parley::extract::read_petrarch_verbs(file.write(data, size), &stats);
  } catch (const std::runtime_error&) {
    // No verb, or a binary file: the documented refusals.
  }
  parley::fuzz::require(stats.problems.size() <= 50);
  parley::fuzz::require(stats.problems.empty() || stats.lines_with_problems > 0);
  return 0;
}
