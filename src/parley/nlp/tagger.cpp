#include "parley/nlp/tagger.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <numeric>

#include "parley/text/hash.hpp"
#include "parley/text/perceptron.hpp"

namespace parley::nlp {

namespace {

constexpr char kMagic[] = "PRLTAG03";

// What the feature templates need to know about one word, computed once per sentence.
struct WordInfo {
  uint64_t form = 0, lower = 0, shape = 0;
  uint64_t suffix[4] = {}, prefix[3] = {};
  uint64_t flags = 0;  // bit 0 first letter upper, 1 digit, 2 hyphen, 3 all upper
  uint64_t cluster = WordClusters::kUnknown;
};

using text::splitmix;

WordInfo word_info(std::string_view w, const WordClusters& clusters) {
  WordInfo x;
  x.cluster = clusters.of(w);
  x.form = feature_hash(1, w);
  x.lower = hash_lower(w);
  x.shape = hash_shape(w);
  for (size_t k = 1; k <= 4; ++k)
    x.suffix[k - 1] = text::lower_bytes_hash(w, w.size() > k ? w.size() - k : 0, w.size());
  for (size_t k = 1; k <= 3; ++k)
    x.prefix[k - 1] = text::lower_bytes_hash(w, 0, std::min(k, w.size()));
  bool any_lower = false, any_upper = false;
  for (size_t i = 0; i < w.size() && i < 64; ++i) {
    char c = w[i];
    if (c >= 'A' && c <= 'Z') any_upper = true;
    if (c >= 'a' && c <= 'z') any_lower = true;
    if (c >= '0' && c <= '9') x.flags |= 2;
    if (c == '-') x.flags |= 4;
  }
  if (!w.empty() && w[0] >= 'A' && w[0] <= 'Z') x.flags |= 1;
  if (any_upper && !any_lower) x.flags |= 8;
  return x;
}

const WordInfo& boundary() {
  static const WordInfo b = [] {
    WordInfo x;
    x.form = x.lower = x.shape = 0x5eed5eed5eedULL;
    for (auto& s : x.suffix) s = 0x5eedULL;
    for (auto& p : x.prefix) p = 0x5eedULL;
    x.flags = 16;
    x.cluster = 0x5eed;
    return x;
  }();
  return b;
}

constexpr uint64_t kNoTag = 0xFFFF;

// Feature templates of the tag model for word i, given the two previous tags.
size_t tag_features(const std::vector<WordInfo>& w, size_t i, uint64_t t1, uint64_t t2,
                    uint32_t* f) {
  auto at = [&](long k) -> const WordInfo& {
    long j = static_cast<long>(i) + k;
    return j < 0 || j >= static_cast<long>(w.size()) ? boundary() : w[static_cast<size_t>(j)];
  };
  const WordInfo &w0 = w[i], &p1 = at(-1), &p2 = at(-2), &n1 = at(1), &n2 = at(2);
  size_t n = 0;
  f[n++] = feature_hash(1, 1);
  f[n++] = feature_hash(2, w0.lower);
  f[n++] = feature_hash(3, w0.form);
  for (int k = 0; k < 4; ++k) f[n++] = feature_hash(4 + k, w0.suffix[k]);
  for (int k = 0; k < 3; ++k) f[n++] = feature_hash(8 + k, w0.prefix[k]);
  f[n++] = feature_hash(11, w0.shape);
  f[n++] = feature_hash(12, p1.lower);
  f[n++] = feature_hash(13, n1.lower);
  f[n++] = feature_hash(14, p2.lower);
  f[n++] = feature_hash(15, n2.lower);
  f[n++] = feature_hash(16, p1.suffix[2]);
  f[n++] = feature_hash(17, n1.suffix[2]);
  f[n++] = feature_hash(18, t1);
  f[n++] = feature_hash(19, t2);
  f[n++] = feature_hash(20, t1, t2);
  f[n++] = feature_hash(21, t1, w0.lower);
  f[n++] = feature_hash(22, p1.lower, w0.lower);
  f[n++] = feature_hash(23, w0.lower, n1.lower);
  f[n++] = feature_hash(24, n1.shape);
  f[n++] = feature_hash(25, p1.shape);
  f[n++] = feature_hash(26, i == 0 ? 1 : 0, w0.shape);
  f[n++] = feature_hash(27, t1, w0.suffix[2]);
  f[n++] = feature_hash(28, w0.flags);
  f[n++] = feature_hash(29, n1.suffix[1], w0.suffix[2]);
  f[n++] = feature_hash(30, t1, n1.lower);
  f[n++] = feature_hash(31, n1.lower, n2.lower);
  if (w0.cluster != WordClusters::kUnknown || p1.cluster != WordClusters::kUnknown) {
    // Word classes carry what the treebank says about frequent words over to rare ones.
    f[n++] = feature_hash(32, w0.cluster);
    f[n++] = feature_hash(33, p1.cluster, w0.cluster);
    f[n++] = feature_hash(34, n1.cluster);
    f[n++] = feature_hash(35, w0.cluster, w0.suffix[1]);
  }
  return n;
}
constexpr size_t kMaxTagFeatures = 48;

// The second pass adds the first pass's tags of the next two words.
size_t tag2_features(const std::vector<WordInfo>& w, const std::vector<uint16_t>& first, size_t i,
                     uint64_t t1, uint64_t t2, uint32_t* f) {
  size_t n = tag_features(w, i, t1, t2, f);
  uint64_t r1 = i + 1 < first.size() ? first[i + 1] : kNoTag,
           r2 = i + 2 < first.size() ? first[i + 2] : kNoTag;
  uint64_t own = first[i];
  f[n++] = feature_hash(40, r1);
  f[n++] = feature_hash(41, r1, r2);
  f[n++] = feature_hash(42, r1, w[i].lower);
  f[n++] = feature_hash(43, t1, r1);
  f[n++] = feature_hash(44, own);
  f[n++] = feature_hash(45, own, w[i].suffix[2]);
  return n;
}

// Feature templates of the morphology model, given the tags of the whole sentence.
size_t morph_features(const std::vector<WordInfo>& w, const std::vector<uint16_t>& tags, size_t i,
                      uint32_t* f) {
  uint64_t t0 = tags[i];
  uint64_t tp = i > 0 ? tags[i - 1] : kNoTag, tn = i + 1 < tags.size() ? tags[i + 1] : kNoTag;
  uint64_t wp = i > 0 ? w[i - 1].lower : boundary().lower;
  size_t n = 0;
  f[n++] = feature_hash(101, t0);
  f[n++] = feature_hash(102, t0, w[i].lower);
  f[n++] = feature_hash(103, t0, w[i].suffix[0]);
  f[n++] = feature_hash(104, t0, w[i].suffix[1]);
  f[n++] = feature_hash(105, t0, w[i].suffix[2]);
  f[n++] = feature_hash(106, t0, tp);
  f[n++] = feature_hash(107, t0, tn);
  f[n++] = feature_hash(108, t0, wp);
  f[n++] = feature_hash(109, w[i].lower);
  f[n++] = feature_hash(110, t0, w[i].flags);
  f[n++] = feature_hash(111, t0, w[i].shape);
  return n;
}
constexpr size_t kMaxMorphFeatures = 12;

struct Scratch {
  std::vector<WordInfo> info;
  std::vector<uint16_t> first, tags;
  std::vector<float> scores;
  std::vector<uint32_t> known;  // the dictionary's tag of each word, or kUnknownWord
};
constexpr uint32_t kUnknownWord = 0xFFFFFFFFu;

// Greedy decoding of tags in two passes: s.first receives the first pass, s.tags the second.
void decode_tags(const TaggerModel& m, Scratch& s) {
  uint32_t f[kMaxTagFeatures];
  // Both passes ask the dictionary about every word: ask once, all words in a row (their cache
  // misses overlap).
  s.known.resize(s.info.size());
  for (size_t i = 0; i < s.info.size(); ++i) {
    auto d = m.tag_dict.find(s.info[i].form);
    s.known[i] = d == m.tag_dict.end() ? kUnknownWord : d->second;
  }
  for (int pass = 0; pass < 2; ++pass) {
    std::vector<uint16_t>& out = pass == 0 ? s.first : s.tags;
    for (size_t i = 0; i < s.info.size(); ++i) {
      if (s.known[i] != kUnknownWord) {
        out[i] = static_cast<uint16_t>(s.known[i]);
        continue;
      }
      uint64_t t1 = i > 0 ? out[i - 1] : kNoTag, t2 = i > 1 ? out[i - 2] : kNoTag;
      size_t n = pass == 0 ? tag_features(s.info, i, t1, t2, f)
                           : tag2_features(s.info, s.first, i, t1, t2, f);
      std::fill(s.scores.begin(), s.scores.end(), 0.f);
      (pass == 0 ? m.tags : m.tags2).score(f, n, s.scores.data());
      out[i] = static_cast<uint16_t>(std::max_element(s.scores.begin(), s.scores.end()) -
                                     s.scores.begin());
    }
  }
}

}  // namespace

void TaggerModel::save(const std::string& path) const {
  binio::Writer w(path);
  w.magic(kMagic);
  auto strings = [&](const std::vector<std::string>& v) {
    w.pod<uint64_t>(v.size());
    for (const auto& s : v) w.str(s);
  };
  strings(upos);
  strings(xpos);
  strings(feats);
  std::vector<std::pair<uint64_t, uint16_t>> dict(tag_dict.begin(), tag_dict.end());
  std::sort(dict.begin(), dict.end());
  std::vector<uint64_t> keys;
  std::vector<uint16_t> values;
  for (auto& [k, v] : dict) keys.push_back(k), values.push_back(v);
  w.vec(keys);
  w.vec(values);
  clusters.write(w);
  tags.save(w);
  tags2.save(w);
  morph.save(w);
  lemmatizer.save(w);
  w.close();
}

void TaggerModel::load(const std::string& path) {
  binio::Reader r(path);
  // Version 02 had no word classes.
  const bool with_clusters = r.expect_magic_of({kMagic, "PRLTAG02"}) == 0;
  auto strings = [&](std::vector<std::string>& v) {
    uint64_t n = r.pod<uint64_t>();
    if (n > 65535) r.fail("too many classes");
    v.clear();
    for (uint64_t i = 0; i < n; ++i) v.push_back(r.str());
  };
  strings(upos);
  strings(xpos);
  strings(feats);
  auto keys = r.vec<uint64_t>();
  auto values = r.vec<uint16_t>();
  if (keys.size() != values.size() || upos.size() != xpos.size()) r.fail("tag dictionary mismatch");
  tag_dict.clear();
  for (size_t i = 0; i < keys.size(); ++i) {
    if (values[i] >= upos.size()) r.fail("tag out of range");
    tag_dict.emplace(keys[i], values[i]);
  }
  clusters = with_clusters ? WordClusters::read(r) : WordClusters{};
  tags.load(r);
  tags2.load(r);
  morph.load(r);
  if (tags.classes() != static_cast<int>(upos.size()) || tags2.classes() != tags.classes() ||
      morph.classes() != static_cast<int>(feats.size()))
    r.fail("class count mismatch");
  lemmatizer.load(r);
}

Tagger Tagger::load(const std::string& model_dir) {
  auto m = std::make_shared<TaggerModel>();
  m->load(model_dir + "/tagger.bin");
  return Tagger(std::move(m));
}

void Tagger::tag(const std::vector<std::string_view>& words, WordAnalysis* out) const {
  const TaggerModel& m = *model_;
  Scratch s;
  s.info.reserve(words.size());
  for (auto w : words) s.info.push_back(word_info(w, m.clusters));
  s.first.assign(words.size(), 0);
  s.tags.assign(words.size(), 0);
  s.scores.assign(m.upos.size(), 0.f);
  decode_tags(m, s);
  std::vector<float> ms(m.feats.size());
  uint32_t f[kMaxMorphFeatures];
  for (size_t i = 0; i < words.size(); ++i) {
    WordAnalysis& a = out[i];
    a.upos = m.upos[s.tags[i]];
    a.xpos = m.xpos[s.tags[i]];
    size_t n = morph_features(s.info, s.tags, i, f);
    std::fill(ms.begin(), ms.end(), 0.f);
    m.morph.score(f, n, ms.data());
    a.feats = m.feats[std::max_element(ms.begin(), ms.end()) - ms.begin()];
    a.lemma = m.lemmatizer.lemmatize(words[i], a.upos, a.xpos);
  }
}

void Tagger::process(Article& article) const {
  article.analysis.resize(article.words.size());
  std::vector<std::string_view> words;
  for (const Sentence& s : article.sentences) {
    words.clear();
    for (uint32_t k = 0; k < s.word_count; ++k)
      words.push_back(article.word_text(s.first_word + k));
    if (!words.empty()) tag(words, article.analysis.data() + s.first_word);
  }
}

TaggerModel train_tagger(const std::vector<conllu::Sentence>& train,
                         const std::vector<conllu::Sentence>& dev,
                         const TaggerTrainOptions& options, std::ostream& log) {
  auto t_start = std::chrono::steady_clock::now();
  TaggerModel model;
  model.clusters = options.clusters;
  std::map<std::string, uint16_t> tag_ids, feat_ids;
  auto tag_id = [&](const conllu::WordLine& w) {
    auto [it, fresh] =
        tag_ids.try_emplace(w.upos + '\t' + w.xpos, static_cast<uint16_t>(model.upos.size()));
    if (fresh) model.upos.push_back(w.upos), model.xpos.push_back(w.xpos);
    return it->second;
  };
  auto feat_id = [&](const std::string& feats) {
    std::string f = feats == "_" ? "" : feats;
    auto [it, fresh] = feat_ids.try_emplace(f, static_cast<uint16_t>(model.feats.size()));
    if (fresh) model.feats.push_back(f);
    return it->second;
  };
  // Gold data as info + tag ids, once.
  struct Gold {
    std::vector<WordInfo> info;
    std::vector<uint16_t> tags, feats;
  };
  std::vector<Gold> gold;
  std::map<uint64_t, std::map<uint16_t, int>> form_tags;
  for (const auto& s : train) {
    Gold g;
    for (const auto& w : s.words) {
      g.info.push_back(word_info(w.form, model.clusters));
      g.tags.push_back(tag_id(w));
      g.feats.push_back(feat_id(w.feats));
      ++form_tags[g.info.back().form][g.tags.back()];
    }
    if (!g.info.empty()) gold.push_back(std::move(g));
  }
  for (const auto& [form, counts] : form_tags) {
    int total = 0, best = 0;
    uint16_t tag = 0;
    for (auto [t, c] : counts) {
      total += c;
      if (c > best) best = c, tag = t;
    }
    if (total >= 20 && best >= 0.97 * total) model.tag_dict.emplace(form, tag);
  }
  model.lemmatizer = Lemmatizer::train(train);
  log << "tagger: " << gold.size() << " sentences, " << model.upos.size() << " tags, "
      << model.feats.size() << " feature sets, " << model.tag_dict.size() << " dictionary words, "
      << model.lemmatizer.rules() << " lemma rules, " << model.lemmatizer.exceptions()
      << " lemma exceptions\n";

  PerceptronTrainer tags(static_cast<int>(model.upos.size())), tags2(tags.classes()),
      morph(static_cast<int>(model.feats.size()));
  std::vector<size_t> order(gold.size());
  std::iota(order.begin(), order.end(), 0);
  uint64_t rng = options.seed;
  double best_dev = -1;
  TaggerModel best;
  Scratch s;
  std::vector<float> ms(model.feats.size());
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[splitmix(rng) % i]);
    size_t correct = 0, total = 0;
    for (size_t idx : order) {
      const Gold& g = gold[idx];
      s.info = g.info;
      s.tags.assign(g.info.size(), 0);
      s.scores.assign(model.upos.size(), 0.f);
      uint32_t f[kMaxTagFeatures];
      for (size_t i = 0; i < g.info.size(); ++i) {
        auto d = model.tag_dict.find(g.info[i].form);
        int guess;
        if (d != model.tag_dict.end()) {
          guess = d->second;
        } else {
          uint64_t t1 = i > 0 ? s.tags[i - 1] : kNoTag, t2 = i > 1 ? s.tags[i - 2] : kNoTag;
          size_t n = tag_features(s.info, i, t1, t2, f);
          tags.score(f, n, s.scores.data());
          guess = static_cast<int>(std::max_element(s.scores.begin(), s.scores.end()) -
                                   s.scores.begin());
          tags.update(f, n, g.tags[i], guess);
          tags.tick();
        }
        s.tags[i] = static_cast<uint16_t>(guess);
      }
      // Second pass, over the first pass's online guesses.
      s.first = s.tags;
      for (size_t i = 0; i < g.info.size(); ++i) {
        auto d = model.tag_dict.find(g.info[i].form);
        int guess;
        if (d != model.tag_dict.end()) {
          guess = d->second;
        } else {
          uint64_t t1 = i > 0 ? s.tags[i - 1] : kNoTag, t2 = i > 1 ? s.tags[i - 2] : kNoTag;
          size_t n = tag2_features(s.info, s.first, i, t1, t2, f);
          tags2.score(f, n, s.scores.data());
          guess = static_cast<int>(std::max_element(s.scores.begin(), s.scores.end()) -
                                   s.scores.begin());
          tags2.update(f, n, g.tags[i], guess);
          tags2.tick();
        }
        s.tags[i] = static_cast<uint16_t>(guess);
        correct += guess == g.tags[i];
        ++total;
      }
      // The morphology model learns from gold tags.
      uint32_t mf[kMaxMorphFeatures];
      for (size_t i = 0; i < g.info.size(); ++i) {
        size_t n = morph_features(g.info, g.tags, i, mf);
        morph.score(mf, n, ms.data());
        int guess = static_cast<int>(std::max_element(ms.begin(), ms.end()) - ms.begin());
        morph.update(mf, n, g.feats[i], guess);
        morph.tick();
      }
    }
    model.tags = tags.finish(options.prune, options.min_updates);
    model.tags2 = tags2.finish(options.prune, options.min_updates);
    model.morph = morph.finish(options.prune, 1);  // small, and needs its rare word features
    double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t_start).count();
    log << "epoch " << epoch << ": train tag accuracy "
        << 100.0 * correct / std::max<size_t>(total, 1);
    if (!dev.empty()) {
      Tagger tagger(std::make_shared<TaggerModel>(model));
      size_t dc = 0, dt = 0, fc = 0;
      for (const auto& ds : dev) {
        std::vector<std::string_view> words;
        for (const auto& w : ds.words) words.push_back(w.form);
        std::vector<WordAnalysis> out(words.size());
        if (!words.empty()) tagger.tag(words, out.data());
        for (size_t i = 0; i < words.size(); ++i) {
          dc += out[i].upos == ds.words[i].upos && out[i].xpos == ds.words[i].xpos;
          fc += out[i].feats == (ds.words[i].feats == "_" ? "" : ds.words[i].feats);
          ++dt;
        }
      }
      double acc = 100.0 * dc / std::max<size_t>(dt, 1);
      log << ", dev UPOS+XPOS " << acc << ", dev FEATS " << 100.0 * fc / std::max<size_t>(dt, 1);
      if (acc > best_dev) best_dev = acc, best = model;
    }
    log << " (" << secs << " s)\n";
  }
  if (!dev.empty()) model = std::move(best);
  log << "tag model: " << model.tags.features() + model.tags2.features() << " features, "
      << (model.tags.bytes() + model.tags2.bytes()) / 1e6
      << " MB; morphology: " << model.morph.features() << " features, " << model.morph.bytes() / 1e6
      << " MB\n";
  return model;
}

}  // namespace parley::nlp
