#include "parley/doc/document.hpp"

#include <cstring>

namespace parley {

namespace {
// FNV-1a over 8-byte lanes with a final avalanche: stable across runs and machines, fast enough
// to hash every article once. Not cryptographic; ids only need to be stable and well spread.
uint64_t mix(uint64_t h) {
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccdULL;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53ULL;
  h ^= h >> 33;
  return h;
}
}  // namespace

std::string content_id(std::string_view text) {
  uint64_t h = 0xcbf29ce484222325ULL ^ text.size();
  size_t i = 0;
  for (; i + 8 <= text.size(); i += 8) {
    uint64_t lane;
    std::memcpy(&lane, text.data() + i, 8);
    h = (h ^ mix(lane)) * 0x100000001b3ULL;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, text.data() + i, text.size() - i);
  h = mix((h ^ mix(tail ^ 0x9e3779b97f4a7c15ULL)) * 0x100000001b3ULL);
  static const char* hex = "0123456789abcdef";
  std::string out(16, '0');
  for (int k = 15; k >= 0; --k, h >>= 4) out[k] = hex[h & 15];
  return out;
}

}  // namespace parley
