#include "parley/nlp/linear_model.hpp"

#include <algorithm>
#include <cmath>

namespace parley::nlp {

namespace {
inline uint32_t slot_key(uint32_t f) { return f ? f : 1u; }
}  // namespace

void LinearModel::score(const uint32_t* feats, size_t n, float* out) const {
  if (slots_.empty()) return;
  for (size_t i = 0; i < n; ++i) {
    uint32_t key = slot_key(feats[i]);
    uint32_t pos = (key * 0x9E3779B1u) >> 8 & mask_;
    for (;;) {
      const Slot& s = slots_[pos];
      if (s.key == key) {
        const Entry* e = entries_.data() + s.start;
        const uint32_t count = e->cls;
        ++e;
        for (uint32_t k = 0; k < count; ++k) out[e[k].cls] += e[k].w;
        break;
      }
      if (s.key == 0) break;
      pos = (pos + 1) & mask_;
    }
  }
}

void LinearModel::build(const std::vector<std::pair<uint32_t, std::vector<Entry>>>& rows) {
  rows_ = rows.size();
  size_t cap = 16;
  while (cap < rows.size() * 2) cap <<= 1;
  mask_ = static_cast<uint32_t>(cap - 1);
  slots_.assign(cap, Slot{});
  entries_.clear();
  for (const auto& [f, row] : rows) {
    uint32_t key = slot_key(f);
    uint32_t pos = (key * 0x9E3779B1u) >> 8 & mask_;
    while (slots_[pos].key != 0 && slots_[pos].key != key) pos = (pos + 1) & mask_;
    Slot& s = slots_[pos];
    std::vector<Entry> merged;
    if (s.key == key)  // two features that hash alike: merge their rows (sum per class)
      merged.assign(entries_.begin() + s.start + 1, entries_.begin() + s.start + 1 + entries_[s.start].cls);
    for (const Entry& e : row) {
      auto it = std::find_if(merged.begin(), merged.end(), [&](const Entry& m) { return m.cls == e.cls; });
      if (it == merged.end()) merged.push_back(e);
      else it->w = static_cast<int16_t>(std::clamp(it->w + e.w, -32767, 32767));
    }
    s.key = key;
    s.start = static_cast<uint32_t>(entries_.size());
    entries_.push_back(Entry{static_cast<uint16_t>(merged.size()), 0});
    entries_.insert(entries_.end(), merged.begin(), merged.end());
  }
}

void LinearModel::save(binio::Writer& w) const {
  w.pod<int32_t>(classes_);
  w.pod<uint64_t>(rows_);
  w.pod<uint32_t>(mask_);
  w.vec(slots_);
  w.vec(entries_);
}

void LinearModel::load(binio::Reader& r) {
  classes_ = r.pod<int32_t>();
  rows_ = r.pod<uint64_t>();
  mask_ = r.pod<uint32_t>();
  slots_ = r.vec<Slot>();
  entries_ = r.vec<Entry>();
  if (classes_ <= 0 || classes_ > 65535 || slots_.size() != size_t{mask_} + 1)
    r.fail("linear model header mismatch");
  for (const Slot& s : slots_) {
    if (s.key == 0) continue;
    if (s.start >= entries_.size() || size_t{s.start} + 1 + entries_[s.start].cls > entries_.size())
      r.fail("linear model row out of range");
    for (uint32_t k = 1; k <= entries_[s.start].cls; ++k)
      if (entries_[s.start + k].cls >= classes_) r.fail("linear model class out of range");
  }
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
  auto avg = [&](const Entry& e) { return (e.total + static_cast<double>(clock_ - e.stamp) * e.w) / clock; };
  for (const auto& row : rows_)
    for (const Entry& e : row) max_abs = std::max(max_abs, std::abs(avg(e)));
  const double scale = 32000.0 / max_abs;
  std::vector<std::pair<uint32_t, std::vector<LinearModel::Entry>>> out;
  out.reserve(rows_.size());
  std::vector<std::pair<uint32_t, uint32_t>> order(index_.begin(), index_.end());
  std::sort(order.begin(), order.end());  // deterministic layout
  for (const auto& [f, ri] : order) {
    if (updates_[ri] < static_cast<uint32_t>(std::max(min_updates, 1))) continue;
    std::vector<LinearModel::Entry> row;
    for (const Entry& e : rows_[ri]) {
      long q = std::lround(avg(e) * scale);
      if (std::abs(q) >= std::max(min_weight, 1)) row.push_back({e.cls, static_cast<int16_t>(std::clamp(q, -32767L, 32767L))});
    }
    if (!row.empty()) out.emplace_back(f, std::move(row));
  }
  LinearModel m;
  m.classes_ = classes_;
  m.build(out);
  return m;
}

}  // namespace parley::nlp
