// Compressed input of any format: zlib's errors (truncation, bad checksums, garbage members)
// and format sniffing of what it decompresses.
#include "fuzz_support.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static parley::fuzz::MemFile file;
  parley::fuzz::read_articles(file.write(data, size), parley::InputFormat::kAuto);
  return 0;
}
