#include "parley/nlp/linear_model.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <new>

namespace parley::nlp {

namespace {
inline uint32_t slot_key(uint32_t f) {
  return f ? f : 1u;
}
constexpr size_t kHugePage = size_t{2} << 20;
// Below this an array stays on ordinary pages: rounding it up to a huge page would waste more
// than it saves.
constexpr size_t kHugeMin = size_t{1} << 20;
}  // namespace

namespace detail {
// Huge arrays are mapped directly (and unmapped on release, so a reloaded model does not leave
// its predecessor's pages in the heap), on a 2 MB boundary: map one huge page more than asked,
// then trim the ends.
void* huge_allocate(size_t bytes) {
  if (bytes < kHugeMin) return ::operator new(bytes);
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* raw = mmap(nullptr, rounded + kHugePage, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const auto base = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (base + kHugePage - 1) / kHugePage * kHugePage;
  if (aligned > base) munmap(raw, aligned - base);
  const uintptr_t end = base + rounded + kHugePage;
  if (end > aligned + rounded)
    munmap(reinterpret_cast<void*>(aligned + rounded), end - aligned - rounded);
  void* p = reinterpret_cast<void*>(aligned);
#ifdef MADV_HUGEPAGE
  madvise(p, rounded, MADV_HUGEPAGE);  // a hint: without THP the pages stay small
#endif
  return p;
}
void huge_deallocate(void* p, size_t bytes) noexcept {
  if (bytes < kHugeMin)
    ::operator delete(p);
  else
    munmap(p, (bytes + kHugePage - 1) / kHugePage * kHugePage);
}
}  // namespace detail

// The dense rows' additions are most of the arithmetic: where the CPU has AVX2 they run twice as
// wide (the loader picks the clone at start-up; the sums are integers, so both give the same).
// GCC only, and not under the sanitizers, whose run-time is not ready when the loader picks.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && \
    !defined(__SANITIZE_ADDRESS__)
__attribute__((target_clones("avx2", "default")))
#endif
void LinearModel::score(const uint32_t* feats, size_t n, float* out) const {
  if (slots_.empty()) return;
  // Integer accumulation; rows that cover many classes are stored dense so their addition
  // vectorizes, the others as (class, weight) lists.
  int32_t small[512];
  std::vector<int32_t> large;
  int32_t* acc = small;
  if (classes_ > 512) {
    large.assign(static_cast<size_t>(classes_), 0);
    acc = large.data();
  } else {
    std::fill(small, small + classes_, 0);
  }
  // Three passes so the cache misses of all features overlap: prefetch every slot, then find the
  // rows and prefetch them, then add them up.
  constexpr size_t kBatch = 128;
  uint32_t pos[kBatch];
  uint32_t starts[kBatch];
  for (size_t from = 0; from < n; from += kBatch) {
    const size_t m = std::min(kBatch, n - from);
    for (size_t i = 0; i < m; ++i) {
      pos[i] = (slot_key(feats[from + i]) * 0x9E3779B1u) >> 8 & mask_;
      __builtin_prefetch(&slots_[pos[i]]);
    }
    size_t found = 0;
    for (size_t i = 0; i < m; ++i) {
      const uint32_t key = slot_key(feats[from + i]);
      for (uint32_t p = pos[i];; p = (p + 1) & mask_) {
        const Slot& sl = slots_[p];
        if (sl.key == key) {
          starts[found++] = sl.start;
          if (sl.start & kDense) {
            const int16_t* w = dense_.data() + (sl.start & ~kDense);
            for (int c = 0; c < classes_; c += 32) __builtin_prefetch(w + c);  // every cache line
          } else {
            __builtin_prefetch(entries_.data() + sl.start);
          }
          break;
        }
        if (sl.key == 0) break;
      }
    }
    for (size_t r = 0; r < found; ++r) {
      if (starts[r] & kDense) {
        const int16_t* w = dense_.data() + (starts[r] & ~kDense);
        for (int c = 0; c < classes_; ++c) acc[c] += w[c];
      } else {
        const Entry* e = entries_.data() + starts[r];
        const uint32_t count = e->cls;
        ++e;
        for (uint32_t k = 0; k < count; ++k) acc[e[k].cls] += e[k].w;
      }
    }
  }
  for (int c = 0; c < classes_; ++c) out[c] += static_cast<float>(acc[c]);
}

std::vector<LinearModel::Entry> LinearModel::row(uint32_t start) const {
  return row_of(start, entries_, dense_);
}

template <class Entries, class Dense>
std::vector<LinearModel::Entry> LinearModel::row_of(uint32_t start, const Entries& entries,
                                                    const Dense& dense) const {
  std::vector<Entry> out;
  if (start & kDense) {
    const int16_t* w = dense.data() + (start & ~kDense);
    for (int c = 0; c < classes_; ++c)
      if (w[c]) out.push_back(Entry{static_cast<uint16_t>(c), w[c]});
  } else {
    out.assign(entries.begin() + start + 1, entries.begin() + start + 1 + entries[start].cls);
  }
  return out;
}

void LinearModel::build(const std::vector<uint32_t>& keys, const std::vector<Entry>& flat) {
  // Rows go in by length, longest first (ties in key order). The longest rows are the features
  // training met most, and so the ones lookups ask for most: laid out together at the front of
  // the row arrays they share cache lines and pages with each other rather than with rare ones,
  // and entered first they sit in their home slots. The parser and the tagger run 12-18% faster.
  // The layout changes no score: the rows are the same, and their sums are integer sums.
  // A counting sort (lengths are below 65536): loading is part of every worker's start-up.
  std::vector<size_t> offset(keys.size()), order(keys.size());
  std::vector<size_t> first(65537, 0);  // by length, longest first: where its rows start
  for (size_t i = 0, at = 0; i < keys.size(); at += 1 + flat[at].cls, ++i) {
    offset[i] = at;
    ++first[65535 - flat[at].cls + 1];
  }
  for (size_t l = 1; l < first.size(); ++l) first[l] += first[l - 1];
  for (size_t i = 0; i < keys.size(); ++i) order[first[65535 - flat[offset[i]].cls]++] = i;
  size_t cap = 16;
  while (cap < keys.size() + keys.size() / 2) cap <<= 1;  // load factor at most 2/3
  mask_ = static_cast<uint32_t>(cap - 1);
  slots_.assign(cap, Slot{});
  // Sized by a first pass that assumes no two keys share a slot (true of every shipped model);
  // a merged row only makes a vector grow. Filled in place: no second copy of the weights.
  size_t entry_count = 0, dense_count = 0;
  for (size_t at = 0; at < flat.size(); at += 1 + flat[at].cls) {
    if (static_cast<size_t>(flat[at].cls) * 8 > static_cast<size_t>(classes_))
      dense_count += static_cast<size_t>(classes_);
    else
      entry_count += 1 + flat[at].cls;
  }
  HugeVector<Entry>& entries = entries_ = HugeVector<Entry>();
  HugeVector<int16_t>& dense = dense_ = HugeVector<int16_t>();
  entries.reserve(entry_count);
  dense.reserve(dense_count);
  rows_ = 0;
  // seen[c] == row number + 1 when class c already occurred in the current row: a row that
  // names a class twice takes the merging path, which sums (and clamps) its weights.
  std::vector<uint32_t> seen(static_cast<size_t>(classes_), 0);
  for (size_t rank = 0; rank < order.size(); ++rank) {
    // Rows are read in rank order, all over `flat`: fetch a few ahead, or loading slows by half.
    if (rank + 16 < order.size()) {
      const size_t ahead = order[rank + 16];
      __builtin_prefetch(flat.data() + offset[ahead]);
      __builtin_prefetch(&slots_[(slot_key(keys[ahead]) * 0x9E3779B1u) >> 8 & mask_]);
    }
    const size_t i = order[rank];
    const Entry* r = flat.data() + offset[i] + 1;
    const size_t len = flat[offset[i]].cls;
    const uint32_t key = slot_key(keys[i]);
    uint32_t pos = (key * 0x9E3779B1u) >> 8 & mask_;
    while (slots_[pos].key != 0 && slots_[pos].key != key) pos = (pos + 1) & mask_;
    Slot& s = slots_[pos];
    bool simple = s.key != key;
    for (size_t k = 0; k < len && simple; ++k) {
      if (seen[r[k].cls] == rank + 1) simple = false;
      seen[r[k].cls] = static_cast<uint32_t>(rank + 1);
    }
    const Entry* src = r;
    size_t count = len;
    std::vector<Entry> merged;
    if (!simple) {
      // Two features that hash alike (or a row naming a class twice): sum per class.
      if (s.key == key) merged = row_of(s.start, entries, dense);
      for (size_t k = 0; k < len; ++k) {
        const Entry& e = r[k];
        auto it = std::find_if(merged.begin(), merged.end(),
                               [&](const Entry& m) { return m.cls == e.cls; });
        if (it == merged.end())
          merged.push_back(e);
        else
          it->w = static_cast<int16_t>(std::clamp(it->w + e.w, -32767, 32767));
      }
      src = merged.data();
      count = merged.size();
    }
    if (s.key != key) ++rows_;
    s.key = key;
    if (count * 8 > static_cast<size_t>(classes_)) {
      s.start = kDense | static_cast<uint32_t>(dense.size());
      dense.resize(dense.size() + static_cast<size_t>(classes_), 0);
      for (size_t k = 0; k < count; ++k) dense[(s.start & ~kDense) + src[k].cls] = src[k].w;
    } else {
      s.start = static_cast<uint32_t>(entries.size());
      entries.push_back(Entry{static_cast<uint16_t>(count), 0});
      entries.insert(entries.end(), src, src + count);
    }
  }
}

// On disk: the class count, then the feature keys in ascending order and their rows (a length
// entry, then the entries); the lookup table is rebuilt on load.
void LinearModel::save(binio::Writer& w) const {
  std::vector<std::pair<uint32_t, uint32_t>> order;
  for (const Slot& s : slots_)
    if (s.key) order.emplace_back(s.key, s.start);
  std::sort(order.begin(), order.end());
  std::vector<uint32_t> keys;
  std::vector<Entry> rows;
  for (auto [key, start] : order) {
    keys.push_back(key);
    std::vector<Entry> r = row(start);
    rows.push_back(Entry{static_cast<uint16_t>(r.size()), 0});
    rows.insert(rows.end(), r.begin(), r.end());
  }
  w.pod<int32_t>(classes_);
  w.vec(keys);
  w.vec(rows);
}

void LinearModel::load(binio::Reader& r) {
  classes_ = r.pod<int32_t>();
  if (classes_ <= 0 || classes_ > 65535) r.fail("linear model class count out of range");
  auto keys = r.vec<uint32_t>();
  auto flat = r.vec<Entry>();
  // The file holds exactly the flat layout build() reads: check it, then build in place.
  size_t at = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (at >= flat.size() || at + 1 + flat[at].cls > flat.size())
      r.fail("linear model row out of range");
    const size_t end = at + 1 + flat[at].cls;
    for (size_t k = at + 1; k < end; ++k)
      if (flat[k].cls >= classes_) r.fail("linear model class out of range");
    at = end;
  }
  if (at != flat.size()) r.fail("linear model has trailing data");
  build(keys, flat);
}

void PerceptronTrainer::score(const uint32_t* feats, size_t n, float* out) const {
  std::fill(out, out + classes_, 0.f);
  for (size_t i = 0; i < n; ++i) {
    auto it = index_.find(feats[i]);
    if (it == index_.end()) continue;
    for (const Entry& e : rows_[it->second]) out[e.cls] += e.w;
  }
}

void PerceptronTrainer::update(const uint32_t* feats, size_t n, int gold, int guess) {
  if (gold == guess) return;
  auto bump = [&](std::vector<Entry>& row, int cls, float delta) {
    for (Entry& e : row)
      if (e.cls == cls) {
        e.total += static_cast<double>(clock_ - e.stamp) * e.w;
        e.stamp = clock_;
        e.w += delta;
        return;
      }
    row.push_back(Entry{static_cast<uint16_t>(cls), clock_, delta, 0.0});
  };
  for (size_t i = 0; i < n; ++i) {
    auto [it, fresh] = index_.try_emplace(feats[i], static_cast<uint32_t>(rows_.size()));
    if (fresh) rows_.emplace_back(), updates_.push_back(0);
    ++updates_[it->second];
    auto& row = rows_[it->second];
    bump(row, gold, 1.f);
    if (guess >= 0) bump(row, guess, -1.f);
  }
}

LinearModel PerceptronTrainer::finish(int min_weight, int min_updates) const {
  // Average, then find a scale that maps the largest weight to the int16 range.
  const double clock = std::max<uint32_t>(clock_, 1);
  double max_abs = 1e-9;
  auto avg = [&](const Entry& e) {
    return (e.total + static_cast<double>(clock_ - e.stamp) * e.w) / clock;
  };
  for (const auto& row : rows_)
    for (const Entry& e : row) max_abs = std::max(max_abs, std::abs(avg(e)));
  const double scale = 32000.0 / max_abs;
  std::vector<uint32_t> keys;
  std::vector<LinearModel::Entry> flat;
  keys.reserve(rows_.size());
  std::vector<std::pair<uint32_t, uint32_t>> order(index_.begin(), index_.end());
  std::sort(order.begin(), order.end());  // deterministic layout
  for (const auto& [f, ri] : order) {
    if (updates_[ri] < static_cast<uint32_t>(std::max(min_updates, 1))) continue;
    const size_t head = flat.size();
    flat.push_back({0, 0});
    for (const Entry& e : rows_[ri]) {
      long q = std::lround(avg(e) * scale);
      if (std::abs(q) >= std::max(min_weight, 1))
        flat.push_back({e.cls, static_cast<int16_t>(std::clamp(q, -32767L, 32767L))});
    }
    if (flat.size() == head + 1) {
      flat.pop_back();
      continue;
    }
    flat[head].cls = static_cast<uint16_t>(flat.size() - head - 1);
    keys.push_back(f);
  }
  LinearModel m;
  m.classes_ = classes_;
  m.build(keys, flat);
  return m;
}

}  // namespace parley::nlp
