// PETRARCH/TABARI discard lists, then the discard search over the list's own text.
#include <stdexcept>

#include "fuzz_support.hpp"
#include "parley/extract/lexicon.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static parley::fuzz::MemFile file;
  parley::extract::Lexicon lexicon;
  std::vector<std::string> warnings;
  try {
    lexicon.load_discards(file.write(data, size), &warnings);
  } catch (const std::runtime_error&) {
    return 0;  // a binary file
  }
  std::string_view text(reinterpret_cast<const char*>(data), size);
  lexicon.discarded(text, false);
  lexicon.discarded(text, true);
  return 0;
}
