// The hash and random-number helpers of the statistical models (tagger, parser, recogniser).
// Their outputs are stored in trained model files, so they must never change.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "parley/text/strings.hpp"

namespace parley::text {

// FNV-1a over the ASCII-lowercased bytes s[from, to), mixed with the length: the feature hash
// of affixes and word shapes.
inline uint64_t lower_bytes_hash(std::string_view s, size_t from, size_t to) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (size_t i = from; i < to; ++i)
    h = (h ^ static_cast<unsigned char>(ascii_lower(s[i]))) * 0x100000001b3ULL;
  return h ^ (to - from);
}

// SplitMix64's finaliser: a cheap, well-spread 64-bit mixing step (MinHash shingles and bands).
inline uint64_t splitmix_mix(uint64_t z) {
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

// SplitMix64: a small, fast, seedable generator for shuffling training data reproducibly.
inline uint64_t splitmix(uint64_t& x) {
  return splitmix_mix(x += 0x9E3779B97F4A7C15ULL);
}

}  // namespace parley::text
