// A binary averaged perceptron over hashed features. The text layer's decisions (split a chunk
// here? end a sentence here?) are few, cheap and local, so a linear model over a few dozen hashed
// feature templates is both accurate and fast; its table stays small enough to sit in cache.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parley/text/binary_io.hpp"

namespace parley {

// Hash of a feature: template id plus up to two byte strings (FNV-1a, then a final mix).
inline uint32_t feature_hash(uint32_t templ, std::string_view a, std::string_view b = {}) {
  uint64_t h = 0xcbf29ce484222325ULL ^ (templ * 0x9E3779B97F4A7C15ULL);
  for (unsigned char c : a) h = (h ^ c) * 0x100000001b3ULL;
  h = (h ^ 0xFF) * 0x100000001b3ULL;
  for (unsigned char c : b) h = (h ^ c) * 0x100000001b3ULL;
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 32;
  return static_cast<uint32_t>(h);
}
inline uint32_t feature_hash(uint32_t templ, uint64_t value) {
  uint64_t h = (value + templ * 0x9E3779B97F4A7C15ULL) * 0xbf58476d1ce4e5b9ULL;
  h ^= h >> 31;
  h *= 0x94d049bb133111ebULL;
  h ^= h >> 29;
  return static_cast<uint32_t>(h);
}

inline uint32_t feature_hash(uint32_t templ, uint64_t a, uint64_t b) {
  return feature_hash(templ, a * 0x9E3779B97F4A7C15ULL ^ (b + 0x632BE59BD9B4E019ULL));
}

// Hashes of a string's lowercased form and of its shape, computed without allocating; the
// features of the text layer (and the tagger's, parser's and recogniser's) are built from these.
// They are called for every token several times, so the ASCII bytes are hashed inline and only a
// non-ASCII byte calls out (utf8proc for case and class); the values must never change.
namespace detail {
inline constexpr uint64_t kFnvBasis = 0xcbf29ce484222325ULL, kFnvPrime = 0x100000001b3ULL;
// hash_lower's state `h` after the ASCII prefix s[0, pos), continued over the rest.
uint64_t hash_lower_rest(uint64_t h, std::string_view s, size_t pos);
// hash_shape's running state: runs of one symbol longer than two collapse, ten symbols at most.
struct ShapeState {
  uint64_t h = kFnvBasis;
  int emitted = 0, run = 0;
  char last = 0;
  // Without branches: whether a letter repeats its predecessor is a coin toss to the predictor.
  void add(char c) {
    run = c == last ? run + 1 : 0;
    const bool emit = run < 2;
    const uint64_t next = (h ^ static_cast<unsigned char>(c)) * kFnvPrime;
    h = emit ? next : h;
    emitted += emit;
    last = c;
  }
};
uint64_t hash_shape_rest(ShapeState st, std::string_view s, size_t pos);
// The shape symbol of an ASCII byte: X x d for letters and digits, punctuation as itself.
constexpr char ascii_shape(unsigned char byte) {
  const unsigned b = byte;
  return b - 'a' < 26u ? 'x' : b - 'A' < 26u ? 'X' : b - '0' < 10u ? 'd' : static_cast<char>(b);
}
}  // namespace detail

inline uint64_t hash_lower(std::string_view s) {
  uint64_t h = detail::kFnvBasis;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned b = p[i];
    if (b >= 0x80) return detail::hash_lower_rest(h, s, i);
    h = (h ^ (b - 'A' < 26u ? b + 32 : b)) * detail::kFnvPrime;
  }
  return h;
}

inline uint64_t hash_shape(std::string_view s) {
  detail::ShapeState st;
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  for (size_t i = 0; i < s.size() && st.emitted < 10; ++i) {
    if (p[i] >= 0x80) return detail::hash_shape_rest(st, s, i);
    st.add(detail::ascii_shape(p[i]));
  }
  return st.h;
}

class BinaryPerceptron {
 public:
  explicit BinaryPerceptron(int bits = 18) { resize(bits); }
  void resize(int bits) {
    mask_ = (1u << bits) - 1;
    weights_.assign(size_t{1} << bits, 0.f);
  }

  float score(const std::vector<uint32_t>& feats) const {
    return score(feats.data(), feats.size());
  }
  float score(const uint32_t* feats, size_t n) const {
    float s = 0;
    for (size_t i = 0; i < n; ++i) s += weights_[feats[i] & mask_];
    return s;
  }
  // Scores `count` examples of `per` features each (feats[k * per + i]) into out[k], each
  // exactly as score() does. The table (1 MB) does not stay in cache beside the rest of the
  // chain, and one example's reads are too few to hide the misses: the reads of a group of
  // examples are prefetched together before any is summed.
  void score_many(const uint32_t* feats, size_t per, size_t count, float* out) const {
    constexpr size_t kGroup = 16;  // examples whose reads are in flight together
    for (size_t from = 0; from < count; from += kGroup) {
      const size_t to = std::min(count, from + kGroup);
      for (size_t i = from * per; i < to * per; ++i)
        __builtin_prefetch(&weights_[feats[i] & mask_]);
      for (size_t k = from; k < to; ++k) out[k] = score(feats + k * per, per);
    }
  }

  bool predict(const std::vector<uint32_t>& feats) const { return score(feats) > 0; }

  // Training: one example; `gold` is the label. Averaging uses the lazy timestamp trick.
  void train(const std::vector<uint32_t>& feats, bool gold) {
    ++clock_;
    if (predict(feats) == gold) return;
    float delta = gold ? 1.f : -1.f;
    if (totals_.empty()) {
      totals_.assign(weights_.size(), 0.f);
      stamps_.assign(weights_.size(), 0);
    }
    for (uint32_t f : feats) {
      uint32_t i = f & mask_;
      totals_[i] += static_cast<float>(clock_ - stamps_[i]) * weights_[i];
      stamps_[i] = clock_;
      weights_[i] += delta;
    }
  }
  void average() {
    if (totals_.empty()) return;
    for (size_t i = 0; i < weights_.size(); ++i) {
      totals_[i] += static_cast<float>(clock_ - stamps_[i]) * weights_[i];
      weights_[i] = clock_ ? totals_[i] / static_cast<float>(clock_) : 0.f;
    }
    totals_.clear();
    stamps_.clear();
  }

  void save(binio::Writer& w) const {
    w.pod<uint32_t>(mask_);
    w.vec(weights_);
  }
  void load(binio::Reader& r) {
    mask_ = r.pod<uint32_t>();
    weights_ = r.vec<float>();
    if (weights_.size() != size_t{mask_} + 1) r.fail("perceptron table size mismatch");
  }

 private:
  uint32_t mask_ = 0;
  std::vector<float> weights_, totals_;
  std::vector<uint64_t> stamps_;
  uint64_t clock_ = 0;
};

}  // namespace parley
