#include "parley/nlp/parser.hpp"

#include <algorithm>
#include <chrono>
#include <limits>
#include <map>
#include <numeric>

#include "parley/nlp/control.hpp"
#include "parley/text/hash.hpp"
#include "parley/text/perceptron.hpp"

namespace parley::nlp {

namespace {

constexpr char kMagic[] = "PRLPAR02";  // 01: no word classes
constexpr uint64_t kNone = 0x6e6f6e65ULL, kRoot = 0x726f6f74ULL;
constexpr uint64_t kMix = 0x9E3779B97F4A7C15ULL;

struct Tok {
  uint64_t w = kNone, p = kNone, wp = kNone, c = kNone;  // c: word class
};

// A parser configuration. Words are 1..n; position n+1 is the root, which sits at the end of the
// buffer; index 0 stands for "no such word".
struct State {
  int n = 0, b = 1;
  std::vector<int> stack;
  std::vector<int> head, label, lc1, lc2, rc1, rc2, nl, nr;
  std::vector<uint64_t> lset, rset;

  void init(int words) {
    n = words;
    b = 1;
    stack.clear();
    size_t m = static_cast<size_t>(n) + 2;
    head.assign(m, -1);
    label.assign(m, -1);
    for (auto* v : {&lc1, &lc2, &rc1, &rc2, &nl, &nr}) v->assign(m, 0);
    lset.assign(m, 0);
    rset.assign(m, 0);
  }
  bool terminal() const { return stack.empty() && b == n + 1; }
  int s(size_t k) const { return stack.size() > k ? stack[stack.size() - 1 - k] : 0; }
  void arc(int h, int d, int l) {
    head[d] = h;
    label[d] = l;
    if (d < h) {
      if (lc1[h] == 0 || d < lc1[h])
        lc2[h] = lc1[h], lc1[h] = d;
      else if (lc2[h] == 0 || d < lc2[h])
        lc2[h] = d;
      ++nl[h];
      lset[h] |= uint64_t{1} << (l & 63);
    } else {
      if (rc1[h] == 0 || d > rc1[h])
        rc2[h] = rc1[h], rc1[h] = d;
      else if (rc2[h] == 0 || d > rc2[h])
        rc2[h] = d;
      ++nr[h];
      rset[h] |= uint64_t{1} << (l & 63);
    }
  }
};

// Transition classes: 0 SHIFT, 1+l LEFT-l, 1+L+l RIGHT-l.
struct Moves {
  int labels, root;
  int classes() const { return 1 + 2 * labels; }
  bool valid(const State& st, int t) const {
    if (t == 0) return st.b <= st.n;
    if (t <= labels) {
      int l = t - 1;
      if (st.stack.empty()) return false;
      return st.b == st.n + 1 ? st.stack.size() == 1 && l == root : l != root;
    }
    return st.stack.size() >= 2 && t - 1 - labels != root;
  }
  void apply(State& st, int t) const {
    if (t == 0) {
      st.stack.push_back(st.b++);
    } else if (t <= labels) {
      int d = st.stack.back();
      st.stack.pop_back();
      st.arc(st.b, d, t - 1);
    } else {
      int d = st.stack.back();
      st.stack.pop_back();
      st.arc(st.stack.back(), d, t - 1 - labels);
    }
  }
};

inline uint64_t distance_bucket(int d) {
  if (d <= 4) return static_cast<uint64_t>(d);
  if (d <= 6) return 5;
  if (d <= 9) return 6;
  return 7;
}

size_t features(const State& st, const std::vector<Tok>& t, bool classes, uint32_t* f) {
  const int s0 = st.s(0), s1 = st.s(1), s2 = st.s(2);
  const int b0 = st.b, b1 = st.b + 1 <= st.n + 1 ? st.b + 1 : 0,
            b2 = st.b + 2 <= st.n + 1 ? st.b + 2 : 0;
  auto W = [&](int k) { return t[static_cast<size_t>(k)].w; };
  auto P = [&](int k) { return t[static_cast<size_t>(k)].p; };
  auto WP = [&](int k) { return t[static_cast<size_t>(k)].wp; };
  auto L = [&](int k) { return static_cast<uint64_t>(st.label[static_cast<size_t>(k)] + 1); };
  auto h3 = [](uint32_t templ, uint64_t a, uint64_t b, uint64_t c) {
    return feature_hash(templ, a, b * kMix ^ (c + 0x51ED27));
  };
  const int s0lc1 = st.lc1[s0], s0lc2 = st.lc2[s0], s0rc1 = st.rc1[s0], s0rc2 = st.rc2[s0];
  const int s1lc1 = st.lc1[s1], s1rc1 = st.rc1[s1];
  const int b0lc1 = st.lc1[b0], b0lc2 = st.lc2[b0];
  const uint64_t d = s0 ? (b0 == st.n + 1 ? 15 : distance_bucket(b0 - s0)) : 0;
  size_t n = 0;
  f[n++] = feature_hash(1, 1);
  // Single words.
  f[n++] = feature_hash(2, W(s0));
  f[n++] = feature_hash(3, P(s0));
  f[n++] = feature_hash(4, WP(s0));
  f[n++] = feature_hash(5, W(s1));
  f[n++] = feature_hash(6, P(s1));
  f[n++] = feature_hash(7, WP(s1));
  f[n++] = feature_hash(8, W(b0));
  f[n++] = feature_hash(9, P(b0));
  f[n++] = feature_hash(10, WP(b0));
  f[n++] = feature_hash(11, W(b1));
  f[n++] = feature_hash(12, P(b1));
  f[n++] = feature_hash(13, WP(b1));
  f[n++] = feature_hash(14, W(b2));
  f[n++] = feature_hash(15, P(b2));
  f[n++] = feature_hash(16, P(s2));
  f[n++] = feature_hash(17, W(s2));
  // Pairs.
  f[n++] = feature_hash(20, WP(s0), WP(b0));
  f[n++] = feature_hash(21, WP(s0), W(b0));
  f[n++] = feature_hash(22, W(s0), WP(b0));
  f[n++] = feature_hash(23, WP(s0), P(b0));
  f[n++] = feature_hash(24, P(s0), WP(b0));
  f[n++] = feature_hash(25, W(s0), W(b0));
  f[n++] = feature_hash(26, P(s0), P(b0));
  f[n++] = feature_hash(27, P(b0), P(b1));
  f[n++] = feature_hash(28, P(s1), P(s0));
  f[n++] = feature_hash(29, W(s1), W(s0));
  f[n++] = feature_hash(30, P(s1), P(b0));
  f[n++] = feature_hash(31, WP(s1), WP(s0));
  f[n++] = feature_hash(32, W(s1), P(s0));
  f[n++] = feature_hash(33, P(s1), W(s0));
  // Triples of tags.
  f[n++] = h3(40, P(b0), P(b1), P(b2));
  f[n++] = h3(41, P(s0), P(b0), P(b1));
  f[n++] = h3(42, P(s1), P(s0), P(b0));
  f[n++] = h3(43, P(s2), P(s1), P(s0));
  f[n++] = h3(44, P(s0), P(s0lc1), P(b0));
  f[n++] = h3(45, P(s0), P(s0rc1), P(b0));
  f[n++] = h3(46, P(s1), P(s0), P(s0lc1));
  f[n++] = h3(47, P(s1), P(s0), P(s0rc1));
  f[n++] = h3(48, P(s1), P(s1rc1), P(s0));
  f[n++] = h3(49, P(s0), P(b0), P(b0lc1));
  f[n++] = h3(50, P(b0), P(b0lc1), P(b0lc2));
  f[n++] = h3(51, P(s0), P(s0lc1), P(s0lc2));
  f[n++] = h3(52, P(s0), P(s0rc1), P(s0rc2));
  f[n++] = h3(53, P(s1), P(s1lc1), P(s0));
  f[n++] = h3(54, P(s1), W(s0), P(b0));
  f[n++] = h3(55, P(s1), P(s0), W(b0));
  // Distance.
  f[n++] = feature_hash(60, W(s0), d);
  f[n++] = feature_hash(61, P(s0), d);
  f[n++] = feature_hash(62, W(b0), d);
  f[n++] = feature_hash(63, P(b0), d);
  f[n++] = h3(64, W(s0), W(b0), d);
  f[n++] = h3(65, P(s0), P(b0), d);
  // Valency.
  f[n++] = feature_hash(70, W(s0), static_cast<uint64_t>(st.nl[s0]));
  f[n++] = feature_hash(71, P(s0), static_cast<uint64_t>(st.nl[s0]));
  f[n++] = feature_hash(72, W(s0), static_cast<uint64_t>(st.nr[s0]));
  f[n++] = feature_hash(73, P(s0), static_cast<uint64_t>(st.nr[s0]));
  f[n++] = feature_hash(74, W(b0), static_cast<uint64_t>(st.nl[b0]));
  f[n++] = feature_hash(75, P(b0), static_cast<uint64_t>(st.nl[b0]));
  f[n++] = feature_hash(76, P(s1), static_cast<uint64_t>(st.nr[s1]));
  f[n++] = feature_hash(77, P(s1), static_cast<uint64_t>(st.nl[s1]));
  // Children of s0, s1 and b0.
  f[n++] = feature_hash(80, W(s0lc1));
  f[n++] = feature_hash(81, P(s0lc1));
  f[n++] = feature_hash(82, L(s0lc1));
  f[n++] = feature_hash(83, W(s0rc1));
  f[n++] = feature_hash(84, P(s0rc1));
  f[n++] = feature_hash(85, L(s0rc1));
  f[n++] = feature_hash(86, P(s0lc2));
  f[n++] = feature_hash(87, L(s0lc2));
  f[n++] = feature_hash(88, P(s0rc2));
  f[n++] = feature_hash(89, L(s0rc2));
  f[n++] = feature_hash(90, W(b0lc1));
  f[n++] = feature_hash(91, P(b0lc1));
  f[n++] = feature_hash(92, L(b0lc1));
  f[n++] = feature_hash(93, P(b0lc2));
  f[n++] = feature_hash(94, L(b0lc2));
  f[n++] = feature_hash(95, P(s1rc1));
  f[n++] = feature_hash(96, L(s1rc1));
  f[n++] = feature_hash(97, P(s1lc1));
  f[n++] = feature_hash(98, L(s1lc1));
  f[n++] = feature_hash(99, W(s1rc1));
  // Label configurations.
  f[n++] = h3(100, P(s0), L(s0lc1), L(s0lc2));
  f[n++] = h3(101, P(s0), L(s0rc1), L(s0rc2));
  f[n++] = h3(102, P(b0), L(b0lc1), L(b0lc2));
  f[n++] = feature_hash(103, P(s0), st.lset[s0]);
  f[n++] = feature_hash(104, P(s0), st.rset[s0]);
  f[n++] = feature_hash(105, P(b0), st.lset[b0]);
  f[n++] = feature_hash(106, W(s0), st.rset[s0]);
  f[n++] = h3(107, P(s0), P(b0), L(s0lc1));
  f[n++] = h3(108, P(s0), P(b0), L(s0rc1));
  if (classes) {
    // Word classes: bilexical evidence for words the treebanks saw rarely (Koo et al. 2008).
    auto C = [&](int k) { return t[static_cast<size_t>(k)].c; };
    f[n++] = feature_hash(110, C(s0));
    f[n++] = feature_hash(111, C(b0));
    f[n++] = feature_hash(112, C(s1));
    f[n++] = feature_hash(113, C(b1));
    f[n++] = feature_hash(114, C(s0), C(b0));
    f[n++] = feature_hash(115, C(s0), P(b0));
    f[n++] = feature_hash(116, P(s0), C(b0));
  }
  return n;
}
constexpr size_t kMaxFeatures = 112;

void fill_tokens(const std::vector<std::string_view>& forms,
                 const std::vector<std::string_view>& upos,
                 const std::vector<std::string_view>& xpos, const WordClusters& clusters,
                 std::vector<Tok>& t) {
  size_t n = forms.size();
  t.assign(n + 2, Tok{});
  for (size_t i = 0; i < n; ++i) {
    Tok& k = t[i + 1];
    k.w = hash_lower(forms[i]);
    k.p = feature_hash(7, upos[i], xpos[i]);
    k.wp = k.w * kMix ^ k.p;
    k.c = clusters.of(forms[i]);
  }
  t[n + 1] = Tok{kRoot, kRoot, kRoot * kMix ^ kRoot, kRoot};
}

int best_valid(const Moves& mv, const State& st, const std::vector<float>& scores) {
  int best = -1;
  float bs = -std::numeric_limits<float>::infinity();
  for (int t = 0; t < mv.classes(); ++t)
    if (scores[static_cast<size_t>(t)] > bs && mv.valid(st, t))
      best = t, bs = scores[static_cast<size_t>(t)];
  return best;
}

// Goldberg & Nivre's arc-hybrid cost of SHIFT: gold arcs between b0 and the stack that pushing
// b0 makes unreachable (b0 can still take s0 as its head afterwards). `gh` holds gold heads in
// state numbering (root = n+1). The LEFT and RIGHT costs are computed inline in training.
int shift_cost(const State& st, const std::vector<int>& gh) {
  int c = 0, s0 = st.s(0), b = st.b;
  for (int k : st.stack) {
    if (gh[static_cast<size_t>(k)] == b) ++c;
    if (gh[static_cast<size_t>(b)] == k && k != s0) ++c;
  }
  return c;
}

using text::splitmix;

std::string_view universal(std::string_view deprel) {
  return deprel.substr(0, deprel.find(':'));
}

}  // namespace

int projectivize(std::vector<int>& heads) {
  const int n = static_cast<int>(heads.size());
  auto dominates = [&](int h, int k) {  // h is an ancestor of k (1-based words, 0 root)
    for (int steps = 0; k != 0 && steps <= n; ++steps) {
      k = heads[static_cast<size_t>(k - 1)];
      if (k == h) return true;
    }
    return h == 0;
  };
  int lifts = 0;
  for (bool changed = true; changed && lifts < 10 * n;) {
    changed = false;
    // Lift the shortest non-projective arc first.
    int best_d = 0;
    int best_len = std::numeric_limits<int>::max();
    for (int d = 1; d <= n; ++d) {
      int h = heads[static_cast<size_t>(d - 1)];
      if (h == 0) continue;
      int lo = std::min(h, d), hi = std::max(h, d);
      for (int k = lo + 1; k < hi; ++k)
        if (!dominates(h, k)) {
          if (hi - lo < best_len) best_len = hi - lo, best_d = d;
          break;
        }
    }
    if (best_d) {
      heads[static_cast<size_t>(best_d - 1)] =
          heads[static_cast<size_t>(heads[static_cast<size_t>(best_d - 1)] - 1)];
      ++lifts;
      changed = true;
    }
  }
  return lifts;
}

void ParserModel::save(const std::string& path) const {
  binio::Writer w(path);
  w.magic(kMagic);
  w.pod<uint64_t>(labels.size());
  for (const auto& l : labels) w.str(l);
  w.pod<int32_t>(root_label);
  clusters.write(w);
  weights.save(w);
  w.close();
}

void ParserModel::load(const std::string& path) {
  binio::Reader r(path);
  const bool with_clusters = r.expect_magic_of({kMagic, "PRLPAR01"}) == 0;
  uint64_t n = r.pod<uint64_t>();
  if (n == 0 || n > 1000) r.fail("bad label count");
  labels.clear();
  for (uint64_t i = 0; i < n; ++i) labels.push_back(r.str());
  root_label = r.pod<int32_t>();
  if (root_label < 0 || root_label >= static_cast<int>(n)) r.fail("bad root label");
  clusters = with_clusters ? WordClusters::read(r) : WordClusters{};
  weights.load(r);
  if (weights.classes() != static_cast<int>(1 + 2 * n)) r.fail("class count mismatch");
}

Parser Parser::load(const std::string& model_dir) {
  auto m = std::make_shared<ParserModel>();
  m->load(model_dir + "/parser.bin");
  return Parser(std::move(m));
}

void Parser::parse(const ParseInput& in, std::vector<int>& heads, std::vector<int>& labels) const {
  const ParserModel& m = *model_;
  const Moves mv{static_cast<int>(m.labels.size()), m.root_label};
  const int n = static_cast<int>(in.forms.size());
  std::vector<Tok> toks;
  fill_tokens(in.forms, in.upos, in.xpos, m.clusters, toks);
  State st;
  st.init(n);
  std::vector<float> scores(static_cast<size_t>(mv.classes()));
  uint32_t f[kMaxFeatures];
  while (!st.terminal()) {
    // Where only one move is valid the scores cannot change it: skip the ~100 lookups. With an
    // empty stack only SHIFT is; with the buffer at the root and one word on the stack only
    // LEFT-root is.
    if (st.stack.empty()) {
      mv.apply(st, 0);
      continue;
    }
    if (st.b == n + 1 && st.stack.size() == 1) {
      mv.apply(st, 1 + mv.root);
      continue;
    }
    size_t nf = features(st, toks, !m.clusters.empty(), f);
    std::fill(scores.begin(), scores.end(), 0.f);
    m.weights.score(f, nf, scores.data());
    mv.apply(st, best_valid(mv, st, scores));
  }
  heads.resize(static_cast<size_t>(n));
  labels.resize(static_cast<size_t>(n));
  for (int k = 1; k <= n; ++k) {
    int h = st.head[static_cast<size_t>(k)];
    heads[static_cast<size_t>(k - 1)] = h == n + 1 ? 0 : h;
    labels[static_cast<size_t>(k - 1)] = st.label[static_cast<size_t>(k)];
  }
}

void Parser::process(Article& article) const {
  if (article.analysis.size() != article.words.size())
    article.analysis.resize(article.words.size());
  ParseInput in;
  std::vector<int> heads, labels;
  for (const Sentence& s : article.sentences) {
    if (s.word_count == 0) continue;
    in.forms.clear();
    in.upos.clear();
    in.xpos.clear();
    repair_postpositive_titles(article, s.first_word, s.word_count);
    for (uint32_t k = 0; k < s.word_count; ++k) {
      const WordAnalysis& a = article.analysis[s.first_word + k];
      in.forms.push_back(article.word_text(s.first_word + k));
      in.upos.push_back(a.upos);
      in.xpos.push_back(a.xpos);
    }
    parse(in, heads, labels);
    for (uint32_t k = 0; k < s.word_count; ++k) {
      WordAnalysis& a = article.analysis[s.first_word + k];
      a.head = heads[k];
      a.deprel = model_->labels[static_cast<size_t>(labels[k])];
    }
    repair_participle_predicates(article.analysis, s.first_word, s.word_count);
    repair_prenominal_participle_predicates(article.analysis, s.first_word, s.word_count);
    repair_appositive_subjects(article.analysis, s.first_word, s.word_count);
    repair_subjectless_finite_modifiers(article.analysis, s.first_word, s.word_count);
    repair_fronted_subjects(article.analysis, s.first_word, s.word_count);
    repair_be_to_infinitives(article.analysis, s.first_word, s.word_count);
    repair_finite_conjuncts(article.analysis, s.first_word, s.word_count);
    repair_reported_clauses(article.analysis, s.first_word, s.word_count);
    repair_trailing_attributions(article.analysis, s.first_word, s.word_count);
    repair_stranded_predicates(article.analysis, s.first_word, s.word_count);
    repair_object_control(article.analysis, s.first_word, s.word_count, article);
  }
}

ParserModel train_parser(const std::vector<ParserExample>& train,
                         const std::vector<ParserExample>& dev, const ParserTrainOptions& options,
                         std::ostream& log) {
  auto t_start = std::chrono::steady_clock::now();
  ParserModel model;
  model.clusters = options.clusters;
  std::map<std::string, int> label_ids;
  auto label_id = [&](const std::string& l) {
    auto [it, fresh] = label_ids.try_emplace(l, static_cast<int>(model.labels.size()));
    if (fresh) model.labels.push_back(l);
    return it->second;
  };
  model.root_label = label_id("root");
  struct Gold {
    std::vector<Tok> toks;
    std::vector<int> gh, gl;  // state numbering: index 1..n, root = n+1
  };
  std::vector<Gold> gold;
  size_t lifted = 0, skipped = 0;
  for (const ParserExample& ex : train) {
    const int n = static_cast<int>(ex.forms.size());
    if (n == 0) continue;
    std::vector<int> heads = ex.heads;
    bool ok = true;
    int roots = 0;
    for (int h : heads) {
      ok = ok && h >= 0 && h <= n;
      roots += h == 0;
    }
    if (!ok || roots != 1) {
      ++skipped;
      continue;
    }
    lifted += static_cast<size_t>(projectivize(heads));
    Gold g;
    std::vector<std::string_view> f(ex.forms.begin(), ex.forms.end()),
        u(ex.upos.begin(), ex.upos.end()), x(ex.xpos.begin(), ex.xpos.end());
    fill_tokens(f, u, x, model.clusters, g.toks);
    g.gh.assign(static_cast<size_t>(n) + 2, 0);
    g.gl.assign(static_cast<size_t>(n) + 2, 0);
    for (int k = 1; k <= n; ++k) {
      int h = heads[static_cast<size_t>(k - 1)];
      g.gh[static_cast<size_t>(k)] = h == 0 ? n + 1 : h;
      g.gl[static_cast<size_t>(k)] =
          h == 0 ? model.root_label : label_id(ex.deprels[static_cast<size_t>(k - 1)]);
    }
    gold.push_back(std::move(g));
  }
  const Moves mv{static_cast<int>(model.labels.size()), model.root_label};
  log << "parser: " << gold.size() << " sentences (" << skipped << " skipped), " << lifted
      << " arcs lifted to projectivize, " << model.labels.size() << " labels\n";

  PerceptronTrainer trainer(mv.classes());
  std::vector<size_t> order(gold.size());
  std::iota(order.begin(), order.end(), 0);
  uint64_t rng = options.seed;
  double best_las = -1;
  ParserModel best;
  std::vector<float> scores(static_cast<size_t>(mv.classes()));
  std::vector<int> costs(static_cast<size_t>(mv.classes()));
  uint32_t f[kMaxFeatures];
  State st;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[splitmix(rng) % i]);
    const bool explore = epoch > options.explore_after;
    size_t steps = 0, wrong = 0;
    for (size_t idx : order) {
      const Gold& g = gold[idx];
      st.init(static_cast<int>(g.toks.size()) - 2);
      while (!st.terminal()) {
        size_t nf = features(st, g.toks, !model.clusters.empty(), f);
        trainer.score(f, nf, scores.data());
        int best_t = best_valid(mv, st, scores);
        int min_cost = std::numeric_limits<int>::max();
        // Costs: one SHIFT cost, and one head/dependent count shared by every LEFT and RIGHT.
        const int s0 = st.s(0), s1 = st.s(1);
        const int gh0 = s0 ? g.gh[static_cast<size_t>(s0)] : -1,
                  gl0 = s0 ? g.gl[static_cast<size_t>(s0)] : -1;
        int deps = 0;
        if (s0)
          for (int k = st.b; k <= st.n; ++k) deps += g.gh[static_cast<size_t>(k)] == s0;
        const int left_head = gh0 == st.b ? 0 : ((s1 && gh0 == s1) || gh0 > st.b) ? 1 : 0;
        const int right_head = gh0 == s1 ? 0 : gh0 >= st.b ? 1 : 0;
        for (int t = 0; t < mv.classes(); ++t) {
          int& c = costs[static_cast<size_t>(t)];
          if (!mv.valid(st, t)) {
            c = std::numeric_limits<int>::max();
            continue;
          }
          if (t == 0)
            c = shift_cost(st, g.gh);
          else if (t <= mv.labels)
            c = deps + left_head + (gh0 == st.b && gl0 != t - 1);
          else
            c = deps + right_head + (gh0 == s1 && gl0 != t - 1 - mv.labels);
          min_cost = std::min(min_cost, c);
        }
        int gold_t = -1;
        float gs = -std::numeric_limits<float>::infinity();
        for (int t = 0; t < mv.classes(); ++t)
          if (costs[static_cast<size_t>(t)] == min_cost && scores[static_cast<size_t>(t)] > gs)
            gold_t = t, gs = scores[static_cast<size_t>(t)];
        if (gold_t < 0) {  // all scores -inf cannot happen, but stay safe
          for (int t = 0; t < mv.classes(); ++t)
            if (costs[static_cast<size_t>(t)] == min_cost) {
              gold_t = t;
              break;
            }
        }
        bool correct = costs[static_cast<size_t>(best_t)] == min_cost;
        if (!correct) {
          trainer.update(f, nf, gold_t, best_t);
          ++wrong;
        }
        trainer.tick();
        ++steps;
        int next = gold_t;
        if (correct)
          next = best_t;
        else if (explore &&
                 static_cast<double>(splitmix(rng) >> 11) / 9007199254740992.0 < options.explore_p)
          next = best_t;
        mv.apply(st, next);
      }
    }
    model.weights = trainer.finish(options.prune, options.min_updates);
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
    log << "epoch " << epoch << ": train transition errors "
        << 100.0 * wrong / std::max<size_t>(steps, 1) << "%";
    if (!dev.empty()) {
      Parser parser(std::make_shared<ParserModel>(model));
      size_t total = 0, uas = 0, las = 0;
      std::vector<int> heads, labels;
      for (const ParserExample& ex : dev) {
        if (ex.forms.empty()) continue;
        ParseInput in;
        in.forms.assign(ex.forms.begin(), ex.forms.end());
        in.upos.assign(ex.upos.begin(), ex.upos.end());
        in.xpos.assign(ex.xpos.begin(), ex.xpos.end());
        parser.parse(in, heads, labels);
        for (size_t k = 0; k < heads.size(); ++k) {
          ++total;
          if (heads[k] == ex.heads[k]) {
            ++uas;
            las +=
                universal(model.labels[static_cast<size_t>(labels[k])]) == universal(ex.deprels[k]);
          }
        }
      }
      double l = 100.0 * las / std::max<size_t>(total, 1);
      log << ", dev UAS " << 100.0 * uas / std::max<size_t>(total, 1) << " LAS " << l;
      if (l > best_las) best_las = l, best = model;
    }
    log << " (" << secs << " s)\n";
  }
  if (!dev.empty()) model = std::move(best);
  log << "parse model: " << model.weights.features() << " features, " << model.weights.bytes() / 1e6
      << " MB\n";
  return model;
}

}  // namespace parley::nlp
