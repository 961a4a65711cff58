#include "parley/nlp/word_clusters.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <mutex>
#include <numeric>
#include <stdexcept>

namespace parley::nlp {

namespace {

constexpr char kMagic[] = "PRLCLU01";
constexpr uint32_t kBoundary = 0xFFFFFFFFu;
constexpr uint64_t kHashBits = 48;

// The hash of cluster_form(s), computed without building it: lookups run for every word in the
// tagger, the parser and the recognizer.
uint64_t form_hash(std::string_view s) {
  uint64_t h = 0xcbf29ce484222325ULL;
  for (unsigned char c : s) h = (h ^ (c >= '0' && c <= '9' ? '0' : c)) * 0x100000001b3ULL;
  h ^= h >> 29;
  return h & ((1ULL << kHashBits) - 1);
}

}  // namespace

std::string cluster_form(std::string_view word) {
  std::string out(word);
  for (char& c : out)
    if (c >= '0' && c <= '9') c = '0';
  return out;
}

uint16_t WordClusters::of(std::string_view word) const {
  if (entries_.empty()) return kUnknown;
  uint64_t h = form_hash(word);
  if (index_) {
    const std::vector<uint64_t>& index = *index_;
    for (size_t p = slot(h, index.size());; p = (p + 1) & (index.size() - 1)) {
      const uint64_t e = index[p];
      if (e == kEmpty) return kUnknown;
      if ((e >> 16) == h) return static_cast<uint16_t>(e & 0xFFFF);
    }
  }
  auto it = std::lower_bound(entries_.begin(), entries_.end(), h << 16);
  if (it == entries_.end() || (*it >> 16) != h) return kUnknown;
  return static_cast<uint16_t>(*it & 0xFFFF);
}

void WordClusters::add(std::string_view form, uint16_t cls) {
  entries_.push_back(form_hash(form) << 16 | cls);
  classes_ = std::max<int>(classes_, cls + 1);
}

void WordClusters::finish() {
  std::sort(entries_.begin(), entries_.end());
  // Two forms with one hash (never seen in practice at 48 bits): the first class wins.
  entries_.erase(std::unique(entries_.begin(), entries_.end(),
                             [](uint64_t a, uint64_t b) { return (a >> 16) == (b >> 16); }),
                 entries_.end());
  build_index();
}

// An open-addressing copy of the sorted table: one probe per word where the binary search took
// about 16 dependent cache misses (every word is looked up, by the tagger and the parser).
// Entries go in in sorted order and the first of a hash wins, as lower_bound finds it.
void WordClusters::build_index() {
  index_.reset();
  if (entries_.empty()) return;
  // Tables already indexed in this process, by their entries: a model loaded again, or another
  // model trained with the same classes, shares the index.
  struct Indexed {
    std::vector<uint64_t> entries;
    std::weak_ptr<const std::vector<uint64_t>> index;
  };
  static std::mutex mutex;
  static std::vector<Indexed> indexed;
  std::lock_guard<std::mutex> lock(mutex);
  std::erase_if(indexed, [](const Indexed& x) { return x.index.expired(); });
  for (const Indexed& x : indexed)
    if (x.entries == entries_)
      if ((index_ = x.index.lock())) return;
  size_t cap = 16;
  while (cap < entries_.size() * 2) cap <<= 1;
  auto index = std::make_shared<std::vector<uint64_t>>(cap, kEmpty);
  for (uint64_t e : entries_) {
    size_t p = slot(e >> 16, cap);
    while ((*index)[p] != kEmpty && ((*index)[p] >> 16) != (e >> 16)) p = (p + 1) & (cap - 1);
    if ((*index)[p] == kEmpty) (*index)[p] = e;
  }
  index_ = index;
  indexed.push_back({entries_, index_});
}

WordClusters WordClusters::load_tsv(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read word clusters " + path);
  WordClusters wc;
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (line.empty() || line[0] == '#') continue;
    size_t tab = line.find('\t');
    if (tab == std::string::npos || tab == 0)
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": expected form<TAB>class");
    size_t end = line.find('\t', tab + 1);
    std::string cls =
        line.substr(tab + 1, end == std::string::npos ? std::string::npos : end - tab - 1);
    char* stop = nullptr;
    unsigned long c = std::strtoul(cls.c_str(), &stop, 10);
    if (cls.empty() || *stop != '\0' || c >= kUnknown)
      throw std::runtime_error(path + ":" + std::to_string(line_no) + ": bad class '" + cls + "'");
    wc.add(std::string_view(line).substr(0, tab), static_cast<uint16_t>(c));
  }
  wc.finish();
  if (wc.empty()) throw std::runtime_error("no word classes in " + path);
  return wc;
}

void WordClusters::write(binio::Writer& w) const {
  w.magic(kMagic);
  w.pod<uint32_t>(static_cast<uint32_t>(classes_));
  w.vec(entries_);
}

WordClusters WordClusters::read(binio::Reader& r) {
  r.expect_magic(kMagic);
  WordClusters wc;
  wc.classes_ = static_cast<int>(r.pod<uint32_t>());
  wc.entries_ = r.vec<uint64_t>();
  if (!std::is_sorted(wc.entries_.begin(), wc.entries_.end())) r.fail("word classes not sorted");
  wc.build_index();
  return wc;
}

void ClusterCorpus::add_sentence(const std::vector<std::string_view>& words) {
  if (words.empty()) return;
  for (std::string_view w : words) {
    if (w.empty() || w.size() > 64) continue;  // URLs, runs of symbols: no class worth learning
    auto [it, fresh] = ids_.try_emplace(cluster_form(w), static_cast<uint32_t>(forms_.size()));
    if (fresh) {
      forms_.push_back(it->first);
      counts_.push_back(0);
    }
    ++counts_[it->second];
    stream_.push_back(it->second);
  }
  stream_.push_back(kBoundary);
  ++sentences_;
}

struct ClusterTrainer {
  static ClusteredVocabulary run(const ClusterCorpus& corpus, const ClusterTrainOptions& o,
                                 std::ostream& log);
};

ClusteredVocabulary ClusterTrainer::run(const ClusterCorpus& corpus, const ClusterTrainOptions& o,
                                        std::ostream& log) {
  using clock = std::chrono::steady_clock;
  const auto t0 = clock::now();
  const int C = std::clamp(o.classes, 2, 4096);
  // 1. Vocabulary: the most frequent forms (ties by form, for determinism).
  std::vector<uint32_t> order(corpus.forms_.size());
  std::iota(order.begin(), order.end(), 0u);
  std::sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) {
    return corpus.counts_[a] != corpus.counts_[b] ? corpus.counts_[a] > corpus.counts_[b]
                                                  : corpus.forms_[a] < corpus.forms_[b];
  });
  size_t V = 0;
  while (V < order.size() && V < o.vocabulary && corpus.counts_[order[V]] >= o.min_count) ++V;
  if (V < static_cast<size_t>(C))
    throw std::runtime_error("too little text: fewer frequent words than classes");
  const uint32_t kUnk = static_cast<uint32_t>(V), kStart = static_cast<uint32_t>(V + 1);
  std::vector<uint32_t> remap(corpus.forms_.size(), kUnk);
  for (size_t i = 0; i < V; ++i) remap[order[i]] = static_cast<uint32_t>(i);

  // 2. Predecessor counts of every vocabulary word, as (word << 32 | predecessor) runs.
  std::vector<uint64_t> keys;
  keys.reserve(corpus.stream_.size());
  uint32_t prev = kStart;
  for (uint32_t id : corpus.stream_) {
    if (id == kBoundary) {
      prev = kStart;
      continue;
    }
    uint32_t cur = remap[id];
    if (cur < kUnk) keys.push_back(static_cast<uint64_t>(cur) << 32 | prev);
    prev = cur;
  }
  std::sort(keys.begin(), keys.end());
  std::vector<size_t> begin(V + 1, 0);
  std::vector<uint32_t> pred, pred_n;
  std::vector<uint64_t> count(V, 0);
  for (size_t i = 0; i < keys.size();) {
    size_t j = i;
    while (j < keys.size() && keys[j] == keys[i]) ++j;
    uint32_t w = static_cast<uint32_t>(keys[i] >> 32);
    pred.push_back(static_cast<uint32_t>(keys[i] & 0xFFFFFFFFu));
    pred_n.push_back(static_cast<uint32_t>(j - i));
    begin[w + 1] = pred.size();
    count[w] += j - i;
    i = j;
  }
  for (size_t w = 1; w <= V; ++w) begin[w] = std::max(begin[w], begin[w - 1]);
  keys.clear();
  keys.shrink_to_fit();
  log << "clusters: " << corpus.tokens() << " tokens, " << corpus.sentences() << " sentences, " << V
      << " words in the vocabulary, " << pred.size() << " distinct bigrams, " << C << " classes\n";

  // 3. Exchange. N[v][c]: how often class c follows predecessor v; Nc[c]: class totals.
  const size_t rows = V + 2;
  std::vector<uint32_t> N(rows * static_cast<size_t>(C), 0);
  std::vector<uint64_t> Nc(static_cast<size_t>(C), 0);
  std::vector<uint16_t> cls(V);
  for (size_t w = 0; w < V; ++w) cls[w] = static_cast<uint16_t>(w % static_cast<size_t>(C));
  for (size_t w = 0; w < V; ++w) {
    Nc[cls[w]] += count[w];
    for (size_t k = begin[w]; k < begin[w + 1]; ++k)
      N[pred[k] * static_cast<size_t>(C) + cls[w]] += pred_n[k];
  }
  // x log x, tabulated for the small counts that dominate the inner loop.
  constexpr size_t kTable = 1u << 20;
  std::vector<double> xlx(kTable);
  for (size_t x = 1; x < kTable; ++x)
    xlx[x] = static_cast<double>(x) * std::log(static_cast<double>(x));
  auto F = [&](uint64_t x) {
    return x < kTable ? xlx[x] : static_cast<double>(x) * std::log(static_cast<double>(x));
  };
  auto objective = [&] {
    double s = 0;
    for (uint32_t x : N) s += F(x);
    for (uint64_t x : Nc) s -= F(x);
    return s;
  };
  std::vector<double> score(static_cast<size_t>(C));
  log << "clusters: start objective " << objective() << "\n";
  for (int it = 1; it <= o.iterations; ++it) {
    size_t moved = 0;
    for (size_t w = 0; w < V; ++w) {
      const uint16_t a = cls[w];
      const uint64_t nw = count[w];
      for (size_t k = begin[w]; k < begin[w + 1]; ++k)
        N[pred[k] * static_cast<size_t>(C) + a] -= pred_n[k];
      Nc[a] -= nw;
      for (int b = 0; b < C; ++b)
        score[static_cast<size_t>(b)] =
            F(Nc[static_cast<size_t>(b)]) - F(Nc[static_cast<size_t>(b)] + nw);
      for (size_t k = begin[w]; k < begin[w + 1]; ++k) {
        const uint32_t* row = &N[pred[k] * static_cast<size_t>(C)];
        const uint32_t n = pred_n[k];
        for (int b = 0; b < C; ++b) score[static_cast<size_t>(b)] += F(row[b] + n) - F(row[b]);
      }
      uint16_t best = a;
      for (int b = 0; b < C; ++b)
        if (score[static_cast<size_t>(b)] > score[best] + 1e-9) best = static_cast<uint16_t>(b);
      for (size_t k = begin[w]; k < begin[w + 1]; ++k)
        N[pred[k] * static_cast<size_t>(C) + best] += pred_n[k];
      Nc[best] += nw;
      if (best != a) ++moved, cls[w] = best;
    }
    double secs = std::chrono::duration<double>(clock::now() - t0).count();
    log << "clusters: iteration " << it << ": " << moved << " words moved, objective "
        << objective() << ", " << static_cast<int>(secs) << " s\n";
    if (moved == 0) break;
  }

  ClusteredVocabulary out;
  for (size_t w = 0; w < V; ++w) {
    out.forms.push_back(corpus.forms_[order[w]]);
    out.counts.push_back(corpus.counts_[order[w]]);
    out.classes.push_back(cls[w]);
  }
  return out;
}

ClusteredVocabulary train_word_clusters(const ClusterCorpus& corpus,
                                        const ClusterTrainOptions& options, std::ostream& log) {
  return ClusterTrainer::run(corpus, options, log);
}

void save_clusters_tsv(const ClusteredVocabulary& v, const std::string& path) {
  std::ofstream out(path, std::ios::binary);
  if (!out) throw std::runtime_error("cannot write " + path);
  out << "# Word classes (form, class, count) written by `parley train clusters`\n";
  for (size_t i = 0; i < v.forms.size(); ++i)
    out << v.forms[i] << '\t' << v.classes[i] << '\t' << v.counts[i] << '\n';
  if (!out) throw std::runtime_error("error writing " + path);
}

}  // namespace parley::nlp
