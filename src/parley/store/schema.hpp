// The store's schema as versioned migrations (schema.cpp) and the near-duplicate detector the
// second migration introduces (minhash.cpp).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "parley/store/backend.hpp"

namespace parley::store {

constexpr int kSchemaVersion = 5;

// The statements of one migration (version 1..kSchemaVersion) for this back end.
std::vector<std::string> migration_sql(int version, const Backend& backend);
// Splits a script into statements at lines ending in ';'.
std::vector<std::string> split_sql(const std::string& script);

// MinHash over word 5-shingles (lower-cased letters and digits): 64 hash functions, banded 16 x 4
// for locality-sensitive lookup. Two articles whose signatures agree on a whole band are
// candidates; the share of agreeing values estimates their Jaccard similarity.
struct MinHash {
  static constexpr int kHashes = 64;
  static constexpr int kBands = 16;
  static constexpr int kRows = kHashes / kBands;
  uint32_t values[kHashes];

  static MinHash of(std::string_view text);
  int64_t band_hash(int band) const;
  double similarity(const MinHash& other) const;
  std::string to_hex() const;
  static bool from_hex(std::string_view hex, MinHash& out);
};

// Days since 1970-01-01 of a YYYY-MM-DD date (its first 10 characters); false when it is none.
bool day_number(std::string_view date, int64_t& day);
std::string day_string(int64_t day);

}  // namespace parley::store
