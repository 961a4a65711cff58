// MinHash signatures for near-duplicate articles, and date arithmetic for day numbers.
#include <cctype>
#include <cstdio>
#include <limits>
#include <vector>

#include "parley/store/schema.hpp"
#include "parley/text/hash.hpp"

namespace parley::store {

namespace {

// Stored signatures depend on these values: the mixing step is SplitMix64's, kept in text/hash.hpp.
using text::splitmix_mix;

// Per hash function: an odd multiplier and an offset (fixed, so signatures are comparable
// across runs and machines).
struct Seeds {
  uint64_t a[MinHash::kHashes], b[MinHash::kHashes];
  Seeds() {
    uint64_t s = 0x5eed5eed12345678ULL;
    for (int i = 0; i < MinHash::kHashes; ++i) {
      a[i] = text::splitmix(s) | 1;
      b[i] = text::splitmix(s);
    }
  }
};
const Seeds& seeds() {
  static const Seeds s;
  return s;
}

}  // namespace

MinHash MinHash::of(std::string_view text) {
  MinHash m;
  for (uint32_t& v : m.values) v = std::numeric_limits<uint32_t>::max();
  const Seeds& sd = seeds();
  // Words: runs of ASCII letters and digits (lower-cased) or non-ASCII bytes, hashed as read.
  constexpr int kShingle = 5;
  uint64_t ring[kShingle] = {};
  int words = 0;
  // The shingles' hashes first, then the 64 minima over them in one tight loop the compiler
  // unrolls and vectorises (interleaved with the scanning, the minima took twice as long).
  thread_local std::vector<uint64_t> shingles;
  shingles.clear();
  auto add_shingle = [&] {
    uint64_t h = 0x84222325cbf29ce4ULL;
    for (int k = 0; k < kShingle; ++k) h = splitmix_mix(h ^ ring[(words + k) % kShingle]);
    shingles.push_back(h);
  };
  uint64_t h = 0;
  bool in_word = false;
  auto end_word = [&] {
    if (!in_word) return;
    ring[words % kShingle] = splitmix_mix(h);
    ++words;
    if (words >= kShingle) add_shingle();
    h = 0;
    in_word = false;
  };
  for (char ch : text) {
    auto c = static_cast<unsigned char>(ch);
    if (c >= 0x80 || std::isalnum(c)) {
      h = (h ^ static_cast<unsigned char>(std::tolower(c))) * 0x100000001b3ULL;
      in_word = true;
    } else {
      end_word();
    }
  }
  end_word();
  for (const uint64_t sh : shingles)
    for (int i = 0; i < kHashes; ++i) {
      const auto v = static_cast<uint32_t>((sh * sd.a[i] + sd.b[i]) >> 32);
      m.values[i] = v < m.values[i] ? v : m.values[i];
    }
  if (words > 0 && words < kShingle) {
    // A text shorter than one shingle: the words it has are its only shingle.
    uint64_t s = 0;
    for (int k = 0; k < words; ++k) s = splitmix_mix(s ^ ring[k]);
    for (int i = 0; i < kHashes; ++i)
      m.values[i] = static_cast<uint32_t>((s * sd.a[i] + sd.b[i]) >> 32);
  }
  return m;
}

int64_t MinHash::band_hash(int band) const {
  uint64_t h = 0x51ed270b27e1a6c3ULL + static_cast<uint64_t>(band);
  for (int r = 0; r < kRows; ++r) h = splitmix_mix(h ^ values[band * kRows + r]);
  return static_cast<int64_t>(h);
}

double MinHash::similarity(const MinHash& o) const {
  int same = 0;
  for (int i = 0; i < kHashes; ++i) same += values[i] == o.values[i];
  return static_cast<double>(same) / kHashes;
}

std::string MinHash::to_hex() const {
  std::string out(kHashes * 8, '0');
  for (int i = 0; i < kHashes; ++i) std::snprintf(&out[i * 8], 9, "%08x", values[i]);
  return out;
}

bool MinHash::from_hex(std::string_view hex, MinHash& out) {
  if (hex.size() != kHashes * 8) return false;
  for (int i = 0; i < kHashes; ++i) {
    uint32_t v = 0;
    for (int k = 0; k < 8; ++k) {
      char c = hex[i * 8 + k];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
      if (d < 0) return false;
      v = v << 4 | static_cast<uint32_t>(d);
    }
    out.values[i] = v;
  }
  return true;
}

// Proleptic Gregorian dates <-> day numbers, counting in 400-year eras (146,097 days each) with
// years starting in March, so the leap day is the last day of a year.
bool day_number(std::string_view date, int64_t& day) {
  if (date.size() < 10 || date[4] != '-' || date[7] != '-') return false;
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (!std::isdigit(static_cast<unsigned char>(date[i]))) return false;
  int y = std::stoi(std::string(date.substr(0, 4)));
  unsigned m = std::stoi(std::string(date.substr(5, 2)));
  unsigned d = std::stoi(std::string(date.substr(8, 2)));
  if (m < 1 || m > 12 || d < 1 || d > 31) return false;
  y -= m <= 2;
  const int era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  day = static_cast<int64_t>(era) * 146097 + static_cast<int64_t>(doe) - 719468;
  return true;
}

std::string day_string(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace parley::store
