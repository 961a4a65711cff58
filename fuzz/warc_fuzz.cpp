// WARC: record headers, lengths that lie, HTTP headers, payloads.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static parley::fuzz::MemFile file;
  parley::fuzz::read_articles(file.write(data, size), parley::InputFormat::kWarc);
  return 0;
}
