// A binary averaged perceptron over hashed features. The text layer's decisions (split a chunk
// here? end a sentence here?) are few, cheap and local, so a linear model over a few dozen hashed
// feature templates is both accurate and fast; its table stays small enough to sit in cache.
#pragma once

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
// features of the text layer are built from these.
uint64_t hash_lower(std::string_view s);
uint64_t hash_shape(std::string_view s);

class BinaryPerceptron {
 public:
  explicit BinaryPerceptron(int bits = 18) { resize(bits); }
  void resize(int bits) {
    mask_ = (1u << bits) - 1;
    weights_.assign(size_t{1} << bits, 0.f);
  }

  float score(const std::vector<uint32_t>& feats) const {
    float s = 0;
    for (uint32_t f : feats) s += weights_[f & mask_];
    return s;
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
