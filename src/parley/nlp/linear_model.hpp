// Multi-class linear models over hashed features, shared by the tagger and the parser.
// Training keeps one sparse row of (class, weight) per feature and averages the weights the way
// an averaged perceptron does; the shipped form drops the zero weights, quantizes the rest to 16
// bits and packs the rows behind an open-addressing table, so a lookup is one probe plus one
// short contiguous scan.
#pragma once

#include <cstddef>
#include <cstdint>
#include <unordered_map>
#include <vector>

#include "parley/text/binary_io.hpp"

namespace parley::nlp {

namespace detail {
void* huge_allocate(size_t bytes);
void huge_deallocate(void* p, size_t bytes) noexcept;
}  // namespace detail

// Allocates large arrays on 2 MB boundaries and asks the kernel for transparent huge pages
// (madvise): a lookup touches a random slot and a random row of a table of megabytes, so with
// 4 KB pages nearly every feature also misses the TLB (each miss a nested page walk under a
// hypervisor). Small arrays come from operator new as usual.
template <class T>
struct HugePageAllocator {
  using value_type = T;
  HugePageAllocator() = default;
  template <class U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}
  T* allocate(size_t n) { return static_cast<T*>(detail::huge_allocate(n * sizeof(T))); }
  void deallocate(T* p, size_t n) noexcept { detail::huge_deallocate(p, n * sizeof(T)); }
  template <class U>
  bool operator==(const HugePageAllocator<U>&) const noexcept {
    return true;
  }
};
template <class T>
using HugeVector = std::vector<T, HugePageAllocator<T>>;

class LinearModel {
 public:
  int classes() const { return classes_; }
  // out[c] += score of class c (out must hold classes() floats, scaled by a positive constant).
  void score(const uint32_t* feats, size_t n, float* out) const;
  size_t features() const { return rows_; }
  size_t bytes() const {
    return slots_.size() * sizeof(Slot) + entries_.size() * sizeof(Entry) +
           dense_.size() * sizeof(int16_t);
  }

  void save(binio::Writer& w) const;
  void load(binio::Reader& r);

 private:
  friend class PerceptronTrainer;
  struct Slot {
    uint32_t key = 0;    // 0 = empty (feature hash 0 is stored as 1)
    uint32_t start = 0;  // kDense | offset into dense_, or a header entry (cls = length) + the row
  };
  static constexpr uint32_t kDense = 0x80000000u;
  struct Entry {
    uint16_t cls;
    int16_t w;
  };
  // Builds the lookup table from rows given as `flat`: per key in `keys`, a length entry (cls =
  // count) and that many (class, weight) entries. Keys that share a slot have their rows summed.
  void build(const std::vector<uint32_t>& keys, const std::vector<Entry>& flat);
  std::vector<Entry> row(uint32_t start) const;  // the nonzero weights of one row
  template <class Entries, class Dense>
  std::vector<Entry> row_of(uint32_t start, const Entries& entries, const Dense& dense) const;
  int classes_ = 0;
  size_t rows_ = 0;
  uint32_t mask_ = 0;
  HugeVector<Slot> slots_;
  HugeVector<Entry> entries_;
  HugeVector<int16_t> dense_;
};

// Averaged perceptron trainer with lazy averaging (each weight remembers when it last changed).
class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int classes) : classes_(classes) {}
  int classes() const { return classes_; }
  // out[c] = current (unaveraged) score of class c.
  void score(const uint32_t* feats, size_t n, float* out) const;
  // One training example: moves weight from `guess` to `gold` when they differ. Call tick()
  // once per example whether or not it updates.
  void update(const uint32_t* feats, size_t n, int gold, int guess);
  void tick() { ++clock_; }
  // The averaged weights, ready to ship, quantized to 16 bits (the largest maps to 32000);
  // weights whose quantized magnitude is below `min_weight` are dropped, and so are features
  // updated fewer than `min_updates` times (rare, idiosyncratic ones).
  LinearModel finish(int min_weight = 1, int min_updates = 1) const;

 private:
  struct Entry {
    uint16_t cls;
    uint32_t stamp;
    float w;
    double total;
  };
  int classes_;
  uint32_t clock_ = 0;
  std::unordered_map<uint32_t, uint32_t> index_;
  std::vector<std::vector<Entry>> rows_;
  std::vector<uint32_t> updates_;
};

}  // namespace parley::nlp
