#include "parley/actors/ner.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <sstream>
#include <stdexcept>

#include "parley/eval/metrics.hpp"
#include "parley/text/conllu.hpp"
#include "parley/text/hash.hpp"
#include "parley/text/perceptron.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

namespace {

constexpr char kMagic[] = "PRLNER03";
constexpr size_t kMaxFeatures = 64;
constexpr uint64_t kNone = 0xFFFF;

int type_index(std::string_view t) {
  for (int k = 0; k < 4; ++k)
    if (t == kEntityTypes[k]) return k;
  return -1;
}

std::vector<std::string> default_labels() {
  std::vector<std::string> l{"O"};
  for (const char* t : kEntityTypes)
    l.push_back(std::string("B-") + t), l.push_back(std::string("I-") + t);
  return l;
}
// Label ids: 0 = O, 1 + 2k = B-type k, 2 + 2k = I-type k.
inline int label_type(int label) {
  return label == 0 ? -1 : (label - 1) / 2;
}
inline bool label_inside(int label) {
  return label > 0 && (label - 1) % 2 == 1;
}

using text::splitmix;

bool starts_upper(std::string_view w) {
  if (w.empty()) return false;
  unsigned char c = static_cast<unsigned char>(w[0]);
  if (c < 0x80) return c >= 'A' && c <= 'Z';
  size_t pos = 0;
  return utf8::classify(utf8::decode(w, pos)) == utf8::CharClass::kUpper;
}

// What the feature templates need to know about one word.
struct WordInfo {
  uint64_t form = 0, lower = 0, shape = 0, upos = 0, xpos = 0;
  uint64_t suffix[4] = {}, prefix[3] = {};
  uint64_t gaz = 0;    // gazetteer category * 4 + position (1 begin, 2 inside, 3 single)
  uint64_t flags = 0;  // bit 0 capitalised, 1 digit, 2 hyphen, 3 all caps, 4 demonym, 5 role word
  uint64_t names = 0;  // bit 0 a first name, bit 1 a part of people's names
  uint64_t cluster = 0;
};

const WordInfo& boundary() {
  static const WordInfo b = [] {
    WordInfo x;
    x.form = x.lower = x.shape = x.upos = x.xpos = 0x5eed5eed5eedULL;
    for (auto& s : x.suffix) s = 0x5eedULL;
    for (auto& p : x.prefix) p = 0x5eedULL;
    x.flags = 1 << 7;
    x.cluster = 0x5eed;
    return x;
  }();
  return b;
}

uint64_t gaz_category(const GazetteerEntry& e) {
  if (e.type == "GPE") return 1;
  if (e.type == "CITY")
    return e.population >= 300000 ? 2 : 5;  // small towns share names with people
  if (e.type == "LOC") return 3;
  return 4;  // ORG, GRP, IGO, NGO, MED
}

// Per-sentence context: word infos and a title-case flag.
struct SentenceInfo {
  std::vector<WordInfo> w;
  std::vector<uint64_t> memory;  // per word: the type its form last had in the document, or kNone
  uint64_t title_case = 0;
  bool no_clusters = true;  // a model trained without word classes keeps its feature set
};

bool in_list(const std::vector<uint32_t>& list, std::string_view w) {
  return !list.empty() && std::binary_search(list.begin(), list.end(), name_hash(w));
}

void sentence_info(const std::vector<std::string_view>& words,
                   const std::vector<std::string_view>& upos,
                   const std::vector<std::string_view>& xpos, const Gazetteer& gz,
                   const NerModel& lists, SentenceInfo& s) {
  const size_t n = words.size();
  s.w.assign(n, WordInfo{});
  size_t alpha = 0, caps = 0;
  for (size_t i = 0; i < n; ++i) {
    std::string_view w = words[i];
    WordInfo& x = s.w[i];
    x.form = feature_hash(1, w);
    x.lower = hash_lower(w);
    x.shape = hash_shape(w);
    x.upos = feature_hash(2, upos[i]);
    x.xpos = feature_hash(3, xpos[i]);
    for (size_t k = 1; k <= 4; ++k)
      x.suffix[k - 1] = text::lower_bytes_hash(w, w.size() > k ? w.size() - k : 0, w.size());
    for (size_t k = 1; k <= 3; ++k)
      x.prefix[k - 1] = text::lower_bytes_hash(w, 0, std::min(k, w.size()));
    bool any_lower = false, any_upper = false, any_alpha = false;
    for (size_t c = 0; c < w.size() && c < 64; ++c) {
      char ch = w[c];
      if (ch >= 'A' && ch <= 'Z') any_upper = any_alpha = true;
      if (ch >= 'a' && ch <= 'z') any_lower = any_alpha = true;
      if (ch >= '0' && ch <= '9') x.flags |= 2;
      if (ch == '-') x.flags |= 4;
    }
    if (starts_upper(w)) x.flags |= 1;
    if (any_upper && !any_lower) x.flags |= 8;
    if (any_alpha) ++alpha, caps += (x.flags & 1) != 0;
    if (x.flags & 1) {
      if (gz.demonym(w)) x.flags |= 16;
    }
    if (w.size() > 2 && !(x.flags & 2) && gz.role(utf8::lower(w))) x.flags |= 32;
    if (x.flags & 1) {
      if (in_list(lists.first_names, w)) x.names |= 1;
      if (in_list(lists.name_parts, w)) x.names |= 2;
    }
    x.cluster = lists.clusters.of(w);
  }
  s.title_case = alpha >= 4 && caps * 10 >= alpha * 7;
  s.no_clusters = lists.clusters.empty();
  // Gazetteer matches: longest first, from capitalised words, at most five words.
  std::string phrase;
  for (size_t i = 0; i < n;) {
    if (!(s.w[i].flags & 1)) {
      ++i;
      continue;
    }
    size_t best = 0;
    const GazetteerEntry* entry = nullptr;
    for (size_t len = std::min<size_t>({5, n - i, gz.max_words_from(words[i])}); len >= 1 && !best;
         --len) {
      phrase.assign(words[i]);
      for (size_t k = 1; k < len; ++k) phrase.append(" ").append(words[i + k]);
      if ((entry = gz.find(phrase))) best = len;
    }
    if (!best) {
      ++i;
      continue;
    }
    uint64_t cat = gaz_category(*entry);
    for (size_t k = 0; k < best; ++k) s.w[i + k].gaz = cat * 4 + (best == 1 ? 3 : k == 0 ? 1 : 2);
    i += best;
  }
}

size_t features(const SentenceInfo& s, size_t i, uint64_t t1, uint64_t t2, uint32_t* f) {
  const auto& w = s.w;
  auto at = [&](long k) -> const WordInfo& {
    long j = static_cast<long>(i) + k;
    return j < 0 || j >= static_cast<long>(w.size()) ? boundary() : w[static_cast<size_t>(j)];
  };
  const WordInfo &w0 = w[i], &p1 = at(-1), &p2 = at(-2), &n1 = at(1), &n2 = at(2);
  const uint64_t first = i == 0 ? 1 : 0;
  size_t n = 0;
  f[n++] = feature_hash(201, 1);
  f[n++] = feature_hash(202, w0.lower);
  f[n++] = feature_hash(203, w0.form);
  for (int k = 0; k < 4; ++k) f[n++] = feature_hash(204 + k, w0.suffix[k]);
  for (int k = 0; k < 3; ++k) f[n++] = feature_hash(208 + k, w0.prefix[k]);
  f[n++] = feature_hash(211, w0.shape);
  f[n++] = feature_hash(212, p1.lower);
  f[n++] = feature_hash(213, n1.lower);
  f[n++] = feature_hash(214, p2.lower);
  f[n++] = feature_hash(215, n2.lower);
  f[n++] = feature_hash(216, p1.shape);
  f[n++] = feature_hash(217, n1.shape);
  f[n++] = feature_hash(218, p2.shape, n2.shape);
  f[n++] = feature_hash(219, w0.upos);
  f[n++] = feature_hash(220, w0.xpos);
  f[n++] = feature_hash(221, p1.xpos);
  f[n++] = feature_hash(222, n1.xpos);
  f[n++] = feature_hash(223, p1.xpos, w0.xpos);
  f[n++] = feature_hash(224, w0.xpos, n1.xpos);
  f[n++] = feature_hash(225, p2.upos, n2.upos);
  f[n++] = feature_hash(226, t1);
  f[n++] = feature_hash(227, t1, t2);
  f[n++] = feature_hash(228, t1, w0.lower);
  f[n++] = feature_hash(229, t1, w0.shape);
  f[n++] = feature_hash(230, t1, w0.xpos);
  f[n++] = feature_hash(231, p1.lower, w0.lower);
  f[n++] = feature_hash(232, w0.lower, n1.lower);
  f[n++] = feature_hash(233, w0.gaz);
  f[n++] = feature_hash(234, p1.gaz, w0.gaz);
  f[n++] = feature_hash(235, w0.gaz, n1.gaz);
  f[n++] = feature_hash(236, w0.gaz, w0.xpos);
  f[n++] = feature_hash(237, w0.flags, first);
  f[n++] = feature_hash(238, p1.flags, w0.flags);
  f[n++] = feature_hash(239, w0.flags, n1.flags);
  f[n++] = feature_hash(240, s.title_case, w0.shape);
  f[n++] = feature_hash(241, s.title_case, w0.lower);
  f[n++] = feature_hash(242, first, w0.lower);
  f[n++] = feature_hash(243, t1, n1.shape);
  f[n++] = feature_hash(244, p1.lower, w0.shape);
  f[n++] = feature_hash(245, w0.shape, n1.lower);
  f[n++] = feature_hash(246, n1.lower, n2.lower);
  f[n++] = feature_hash(247, p1.suffix[2], w0.shape);
  f[n++] = feature_hash(248, n1.suffix[2], w0.shape);
  f[n++] = feature_hash(249, t1, p1.lower);
  const uint64_t mem = s.memory.empty() ? kNone : s.memory[i];
  f[n++] = feature_hash(250, mem);
  f[n++] = feature_hash(251, mem, w0.shape);
  f[n++] = feature_hash(252, mem, t1);
  f[n++] = feature_hash(253, w0.names, n1.names);
  f[n++] = feature_hash(254, p1.names, w0.names);
  f[n++] = feature_hash(255, w0.names, w0.gaz);
  if (!s.no_clusters) {
    f[n++] = feature_hash(256, w0.cluster);
    f[n++] = feature_hash(257, p1.cluster);
    f[n++] = feature_hash(258, n1.cluster);
    f[n++] = feature_hash(259, w0.cluster, w0.flags & 9);
    f[n++] = feature_hash(260, p1.cluster, w0.cluster);
    f[n++] = feature_hash(261, w0.cluster, n1.cluster);
    f[n++] = feature_hash(262, t1, w0.cluster);
  }
  return n;
}

// Best label at i under the BIO constraint (I-X only after B-X or I-X).
int best_label(const std::vector<float>& scores, int prev) {
  int best = 0;
  float best_score = -1e30f;
  for (int c = 0; c < static_cast<int>(scores.size()); ++c) {
    if (label_inside(c) && (prev <= 0 || label_type(prev) != label_type(c))) continue;
    if (scores[c] > best_score) best_score = scores[c], best = c;
  }
  return best;
}

constexpr size_t kMaxNameWordBytes = 64;

std::vector<EntitySpan> spans_of(const std::vector<int>& labels) {
  std::vector<EntitySpan> out;
  for (size_t i = 0; i < labels.size(); ++i) {
    int t = label_type(labels[i]);
    if (t < 0) continue;
    if (label_inside(labels[i]) && !out.empty() && out.back().last + 1 == i &&
        out.back().type == kEntityTypes[t]) {
      out.back().last = static_cast<uint32_t>(i);
    } else {
      out.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i), kEntityTypes[t]});
    }
  }
  return out;
}

// Fills s.memory from what the document said so far about each capitalised word.
void recall(const DocumentMemory& memory, SentenceInfo& s) {
  s.memory.assign(s.w.size(), kNone);
  for (size_t i = 0; i < s.w.size(); ++i) {
    if (!(s.w[i].flags & 1)) continue;
    auto it = memory.types.find(s.w[i].lower);
    if (it != memory.types.end()) s.memory[i] = it->second;
  }
}
// Remembers the type of every capitalised word inside an entity.
void remember(DocumentMemory& memory, const SentenceInfo& s, const std::vector<int>& labels) {
  for (size_t i = 0; i < labels.size(); ++i)
    if (labels[i] > 0 && (s.w[i].flags & 1))
      memory.types[s.w[i].lower] = static_cast<uint64_t>(label_type(labels[i]));
}

template <class Model>
void decode(const Model& model, const SentenceInfo& s, int classes, std::vector<int>& out) {
  out.assign(s.w.size(), 0);
  uint32_t f[kMaxFeatures];
  std::vector<float> scores(static_cast<size_t>(classes));
  for (size_t i = 0; i < s.w.size(); ++i) {
    uint64_t t1 = i > 0 ? static_cast<uint64_t>(out[i - 1]) : kNone,
             t2 = i > 1 ? static_cast<uint64_t>(out[i - 2]) : kNone;
    size_t n = features(s, i, t1, t2, f);
    std::fill(scores.begin(), scores.end(), 0.f);
    model.score(f, n, scores.data());
    out[i] = best_label(scores, i > 0 ? out[i - 1] : 0);
  }
}

// Words and tags of one sentence, tagged by Parley's tagger.
struct Prepared {
  SentenceInfo info;
  std::vector<int> gold;
};

Prepared prepare(const NerSentence& s, const nlp::Tagger& tagger, const Gazetteer& gz,
                 const NerModel& lists) {
  Prepared p;
  std::vector<std::string_view> words(s.words.begin(), s.words.end());
  std::vector<WordAnalysis> an(words.size());
  if (!words.empty()) tagger.tag(words, an.data());
  std::vector<std::string_view> upos, xpos;
  for (const auto& a : an) upos.push_back(a.upos), xpos.push_back(a.xpos);
  sentence_info(words, upos, xpos, gz, lists, p.info);
  p.gold.assign(words.size(), 0);
  for (const EntitySpan& e : s.entities) {
    int t = type_index(e.type);
    if (t < 0 || e.last >= words.size()) continue;
    for (uint32_t k = e.first; k <= e.last; ++k) p.gold[k] = k == e.first ? 1 + 2 * t : 2 + 2 * t;
  }
  return p;
}

void count(const std::vector<EntitySpan>& pred, const std::vector<EntitySpan>& gold, eval::F1& c) {
  c.predicted += pred.size();
  c.gold += gold.size();
  for (const auto& p : pred) c.correct += std::find(gold.begin(), gold.end(), p) != gold.end();
}

}  // namespace

uint32_t name_hash(std::string_view w) {
  return feature_hash(77, utf8::lower(w));
}

std::vector<uint32_t> read_name_list(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read name list " + path);
  std::vector<uint32_t> out;
  for (std::string line; std::getline(in, line);) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.pop_back();
    if (line.empty() || line[0] == '#' || line.size() < 2) continue;
    out.push_back(name_hash(line));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

std::string map_entity_type(std::string_view raw) {
  std::string t = utf8::lower(raw);
  static const std::map<std::string, std::string> kMap = {{"per", "PER"},
                                                          {"person", "PER"},
                                                          {"politician", "PER"},
                                                          {"scientist", "PER"},
                                                          {"writer", "PER"},
                                                          {"org", "ORG"},
                                                          {"organization", "ORG"},
                                                          {"organisation", "ORG"},
                                                          {"politicalparty", "ORG"},
                                                          {"corporation", "ORG"},
                                                          {"group", "ORG"},
                                                          {"university", "ORG"},
                                                          {"band", "ORG"},
                                                          {"loc", "LOC"},
                                                          {"gpe", "LOC"},
                                                          {"location", "LOC"},
                                                          {"place", "LOC"},
                                                          {"country", "LOC"},
                                                          {"misc", "MISC"},
                                                          {"event", "MISC"},
                                                          {"election", "MISC"},
                                                          {"creative-work", "MISC"},
                                                          {"product", "MISC"},
                                                          {"nationality", "MISC"},
                                                          {"norp", "MISC"},
                                                          {"abstract", "MISC"},
                                                          {"object", "MISC"},
                                                          {"animal", "MISC"},
                                                          {"plant", "MISC"},
                                                          {"substance", "MISC"}};
  auto it = kMap.find(t);
  return it == kMap.end() ? "" : it->second;
}

NerFormat ner_format(std::string_view name) {
  if (name == "gum") return NerFormat::kGum;
  if (name == "conll") return NerFormat::kConll;
  if (name == "uner") return NerFormat::kUner;
  if (name == "re3d") return NerFormat::kRe3d;
  throw std::runtime_error("unknown NER format '" + std::string(name) +
                           "' (gum, conll, uner, re3d)");
}

void NerModel::save(const std::string& path) const {
  binio::Writer w(path);
  w.magic(kMagic);
  w.pod<uint32_t>(static_cast<uint32_t>(labels.size()));
  for (const auto& l : labels) w.str(l);
  w.vec(first_names);
  w.vec(name_parts);
  clusters.write(w);
  model.save(w);
  w.close();
}

void NerModel::load(const std::string& path) {
  binio::Reader r(path);
  r.expect_magic(kMagic);
  uint32_t n = r.pod<uint32_t>();
  if (n != default_labels().size()) r.fail("unexpected label count");
  labels.clear();
  for (uint32_t i = 0; i < n; ++i) labels.push_back(r.str());
  if (labels != default_labels()) r.fail("unexpected labels");
  first_names = r.vec<uint32_t>();
  name_parts = r.vec<uint32_t>();
  if (!std::is_sorted(first_names.begin(), first_names.end()) ||
      !std::is_sorted(name_parts.begin(), name_parts.end()))
    r.fail("name lists not sorted");
  clusters = nlp::WordClusters::read(r);
  model.load(r);
  if (model.classes() != static_cast<int>(n)) r.fail("model classes do not match the labels");
}

std::shared_ptr<const EntityRecognizer> EntityRecognizer::load(
    const std::string& model_dir, std::shared_ptr<const Gazetteer> gazetteer) {
  auto model = std::make_shared<NerModel>();
  model->load(model_dir + "/ner.bin");
  auto tagger = std::make_shared<nlp::Tagger>(nlp::Tagger::load(model_dir));
  return std::make_shared<EntityRecognizer>(std::move(model), std::move(tagger),
                                            std::move(gazetteer));
}

std::vector<EntitySpan> EntityRecognizer::recognize(const std::vector<std::string_view>& words,
                                                    const WordAnalysis* analysis,
                                                    DocumentMemory* memory) const {
  if (words.empty()) return {};
  std::vector<WordAnalysis> own;
  if (!analysis) {
    own.resize(words.size());
    tagger_->tag(words, own.data());
    analysis = own.data();
  }
  std::vector<std::string_view> upos(words.size()), xpos(words.size());
  for (size_t i = 0; i < words.size(); ++i) upos[i] = analysis[i].upos, xpos[i] = analysis[i].xpos;
  SentenceInfo s;
  sentence_info(words, upos, xpos, *gazetteer_, *model_, s);
  if (memory) recall(*memory, s);
  std::vector<int> labels;
  decode(model_->model, s, static_cast<int>(model_->labels.size()), labels);
  if (memory) remember(*memory, s, labels);
  std::vector<EntitySpan> spans = spans_of(labels);
  // No word of a name runs past 64 bytes (the longest place names have under 60 letters); a
  // longer "word" is noise the model has never seen ("AAAA..." of a garbled page), never a name.
  std::erase_if(spans, [&](const EntitySpan& e) {
    for (uint32_t w = e.first; w <= e.last && w < words.size(); ++w)
      if (words[w].size() > kMaxNameWordBytes) return true;
    return false;
  });
  return spans;
}

std::vector<std::vector<EntitySpan>> EntityRecognizer::recognize(const Article& a) const {
  std::vector<std::vector<EntitySpan>> out(a.sentences.size());
  const bool tagged =
      a.analysis.size() == a.words.size() && !a.words.empty() && !a.analysis[0].upos.empty();
  std::vector<std::string_view> words;
  DocumentMemory memory;
  for (size_t si = 0; si < a.sentences.size(); ++si) {
    const Sentence& s = a.sentences[si];
    words.clear();
    for (uint32_t w = s.first_word; w < s.first_word + s.word_count && w < a.words.size(); ++w)
      words.push_back(a.word_text(w));
    if (words.empty() || words.size() > 1000) continue;  // no entities in a run-on blob
    out[si] = recognize(words, tagged ? &a.analysis[s.first_word] : nullptr, &memory);
  }
  return out;
}

NerModel train_ner(const std::vector<NerSentence>& train, const std::vector<NerSentence>& dev,
                   const nlp::Tagger& tagger, const Gazetteer& gz, const NerTrainOptions& options,
                   std::ostream& log) {
  NerModel result;
  result.labels = default_labels();
  result.first_names = options.first_names;
  result.name_parts = options.name_parts;
  result.clusters = options.clusters;
  for (auto* list : {&result.first_names, &result.name_parts}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  const int classes = static_cast<int>(result.labels.size());
  std::vector<Prepared> data, held;
  std::vector<std::string> data_docs, held_docs;
  data.reserve(train.size());
  for (const auto& s : train)
    if (!s.words.empty() && s.words.size() <= 500)
      data.push_back(prepare(s, tagger, gz, result)), data_docs.push_back(s.doc_id);
  for (const auto& s : dev)
    if (!s.words.empty())
      held.push_back(prepare(s, tagger, gz, result)), held_docs.push_back(s.doc_id);
  // Documents: runs of sentences with one doc id; training shuffles documents, keeping their
  // sentences in order so the document memory features see what they will see in use.
  auto runs = [](const std::vector<std::string>& ids) {
    std::vector<std::pair<size_t, size_t>> r;
    for (size_t i = 0; i < ids.size(); ++i)
      if (i == 0 || ids[i] != ids[i - 1])
        r.push_back({i, i + 1});
      else
        r.back().second = i + 1;
    return r;
  };
  const auto docs = runs(data_docs), held_runs = runs(held_docs);
  auto evaluate = [&](const nlp::LinearModel& m) {
    eval::F1 c;
    std::vector<int> out;
    for (const auto& [from, to] : held_runs) {
      DocumentMemory memory;
      for (size_t k = from; k < to; ++k) {
        recall(memory, held[k].info);
        decode(m, held[k].info, classes, out);
        remember(memory, held[k].info, out);
        count(spans_of(out), spans_of(held[k].gold), c);
      }
    }
    return c.f1() / 100;  // a fraction: the log prints 100 times it
  };
  size_t tokens = 0;
  for (const auto& p : data) tokens += p.gold.size();
  log << "ner: " << data.size() << " training sentences, " << tokens << " words; " << held.size()
      << " dev sentences\n";

  nlp::PerceptronTrainer trainer(classes);
  std::vector<size_t> order(docs.size());
  std::iota(order.begin(), order.end(), 0);
  uint64_t rng = options.seed;
  uint32_t f[kMaxFeatures];
  std::vector<float> scores(static_cast<size_t>(classes));
  std::vector<int> guess;
  double best_f1 = -1;
  for (int epoch = 1; epoch <= options.epochs; ++epoch) {
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[splitmix(rng) % i]);
    size_t errors = 0;
    for (size_t d : order) {
      DocumentMemory memory;
      for (size_t idx = docs[d].first; idx < docs[d].second; ++idx) {
        Prepared& p = data[idx];
        recall(memory, p.info);
        guess.assign(p.gold.size(), 0);
        for (size_t i = 0; i < p.gold.size(); ++i) {
          uint64_t t1 = i > 0 ? static_cast<uint64_t>(guess[i - 1]) : kNone;
          uint64_t t2 = i > 1 ? static_cast<uint64_t>(guess[i - 2]) : kNone;
          size_t n = features(p.info, i, t1, t2, f);
          trainer.score(f, n, scores.data());
          int g = best_label(scores, i > 0 ? guess[i - 1] : 0);
          int gold = p.gold[i];
          // An I- label after a different prediction is unreachable: learn its B- form then.
          if (label_inside(gold) && (i == 0 || label_type(guess[i - 1]) != label_type(gold)))
            gold -= 1;
          trainer.update(f, n, gold, g);
          trainer.tick();
          errors += g != gold;
          guess[i] = g;  // continue with the predicted history, as in use
        }
        remember(memory, p.info, guess);
      }
    }
    log << "ner: epoch " << epoch << ": " << errors << " training errors";
    if (!held.empty()) {
      nlp::LinearModel m = trainer.finish(options.prune, options.min_updates);
      double f1 = evaluate(m);
      log << ", dev F1 " << 100.0 * f1;
      if (f1 > best_f1) best_f1 = f1, result.model = std::move(m);
    }
    log << "\n";
  }
  if (held.empty()) result.model = trainer.finish(options.prune, options.min_updates);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Corpora

namespace {

bool is_determiner(std::string_view w) {
  std::string l = utf8::lower(w);
  return l == "the" || l == "a" || l == "an";
}

// Leading determiners out of every span, so corpora that include them score like CoNLL.
void normalize(NerSentence& s) {
  std::vector<EntitySpan> kept;
  for (EntitySpan e : s.entities) {
    while (e.first < e.last && is_determiner(s.words[e.first])) ++e.first;
    if (e.last >= s.words.size() || e.type.empty()) continue;
    if (e.first == e.last && is_determiner(s.words[e.first])) continue;
    kept.push_back(e);
  }
  s.entities = std::move(kept);
}

// re3d marks every mention of an entity, names or not ("the victims", "she", "local forces");
// a name tagger is scored on the named ones: spans with a capitalised word that is no pronoun.
void keep_named(NerSentence& s) {
  static const std::set<std::string> kPronouns = {"I",    "It",   "He",    "She",  "We",  "They",
                                                  "You",  "His",  "Her",   "Its",  "Our", "Their",
                                                  "This", "That", "These", "Those"};
  std::erase_if(s.entities, [&](const EntitySpan& e) {
    for (uint32_t k = e.first; k <= e.last && k < s.words.size(); ++k)
      if (starts_upper(s.words[k]) && !kPronouns.count(s.words[k])) return false;
    return true;
  });
}

// "B-PER"/"I-PER"/"O" columns to spans (IOB1 and IOB2 both read right).
void add_bio(NerSentence& s, const std::vector<std::string>& tags) {
  std::string prev_type;
  for (size_t i = 0; i < tags.size(); ++i) {
    const std::string& t = tags[i];
    if (t.size() < 3 || (t[0] != 'B' && t[0] != 'I') || (t[1] != '-' && t[1] != '_')) {
      prev_type.clear();
      continue;
    }
    std::string raw = t.substr(2);
    std::string type = map_entity_type(raw);
    bool cont =
        t[0] == 'I' && raw == prev_type && !s.entities.empty() && s.entities.back().last + 1 == i;
    if (cont) {
      if (!type.empty() || s.entities.back().type.empty())
        s.entities.back().last = static_cast<uint32_t>(i);
    } else {
      s.entities.push_back({static_cast<uint32_t>(i), static_cast<uint32_t>(i), type});
    }
    prev_type = raw;
  }
}

std::vector<std::string> split_ws(const std::string& line, bool tabs_only) {
  std::vector<std::string> out;
  if (tabs_only) {
    std::stringstream ss(line);
    for (std::string f; std::getline(ss, f, '\t');) out.push_back(f);
    return out;
  }
  std::istringstream in(line);
  for (std::string f; in >> f;) out.push_back(f);
  return out;
}

std::vector<NerSentence> read_columns(const std::string& path, NerFormat format) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::vector<NerSentence> out;
  NerSentence cur;
  std::vector<std::string> tags;
  std::string doc = "doc1", line;
  size_t docs = 1;
  auto flush = [&] {
    if (!cur.words.empty()) {
      cur.doc_id = doc;
      add_bio(cur, tags);
      normalize(cur);
      if (format == NerFormat::kRe3d) keep_named(cur);
      out.push_back(std::move(cur));
    }
    cur = NerSentence{};
    tags.clear();
  };
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.find_first_not_of(" \t") == std::string::npos) {
      flush();
      continue;
    }
    if (format == NerFormat::kUner && line[0] == '#') {
      if (line.rfind("# newdoc id = ", 0) == 0) doc = line.substr(14);
      continue;
    }
    std::vector<std::string> f = split_ws(line, format == NerFormat::kUner);
    if (f.empty()) continue;
    if (f[0] == "-DOCSTART-") {
      flush();
      doc = "doc" + std::to_string(++docs);
      continue;
    }
    if (format == NerFormat::kUner) {
      if (f.size() < 3) continue;
      cur.words.push_back(f[1]);
      tags.push_back(f[2]);
    } else {
      if (f.size() < 2) {
        cur.words.push_back(f[0]);
        tags.push_back("O");
        continue;
      }
      cur.words.push_back(f[0]);
      tags.push_back(f.back());
    }
  }
  flush();
  return out;
}

// Parses GUM's Entity= value at word i: openers "(eid-etype-...", closers "eid)".
void gum_entities(std::string_view v, uint32_t i,
                  std::vector<std::pair<std::string, GumMention>>& open,
                  std::vector<GumMention>& done) {
  size_t p = 0;
  while (p < v.size()) {
    if (v[p] == '(') {
      size_t e = v.find_first_of("()", p + 1);
      std::string_view attrs =
          v.substr(p + 1, (e == std::string_view::npos ? v.size() : e) - p - 1);
      size_t dash = attrs.find('-');
      std::string eid(attrs.substr(0, dash));
      std::string type;
      if (dash != std::string_view::npos) {
        size_t dash2 = attrs.find('-', dash + 1);
        type = std::string(attrs.substr(
            dash + 1, dash2 == std::string_view::npos ? std::string_view::npos : dash2 - dash - 1));
      }
      if (e != std::string_view::npos && v[e] == ')') {
        done.push_back({i, i, type, eid});
        p = e + 1;
      } else {
        open.push_back({eid, {i, i, type, eid}});
        p = e == std::string_view::npos ? v.size() : e;
      }
    } else {
      size_t e = v.find(')', p);
      if (e == std::string_view::npos) break;
      std::string eid(v.substr(p, e - p));
      for (size_t k = open.size(); k-- > 0;) {
        if (open[k].first == eid) {
          GumMention m = open[k].second;
          m.last = i;
          done.push_back(m);
          open.erase(open.begin() + static_cast<long>(k));
          break;
        }
      }
      p = e + 1;
    }
  }
}

}  // namespace

std::vector<GumMention> gum_mentions(const conllu::Sentence& s) {
  std::vector<GumMention> mentions;
  std::vector<std::pair<std::string, GumMention>> open;  // GUM mentions never cross sentences
  for (uint32_t i = 0; i < s.words.size(); ++i) {
    std::string_view misc = s.words[i].misc;
    size_t at = misc.find("Entity=");
    if (at == std::string_view::npos) continue;
    size_t end = misc.find('|', at);
    gum_entities(
        misc.substr(at + 7, end == std::string_view::npos ? std::string_view::npos : end - at - 7),
        i, open, mentions);
  }
  for (GumMention& m : mentions) {
    m.head = m.first;
    for (uint32_t k = m.first; k <= m.last && k < s.words.size(); ++k) {
      int h = s.words[k].head;  // 1-based, 0 root
      if (h <= static_cast<int>(m.first) || h > static_cast<int>(m.last) + 1) {
        m.head = k;
        break;
      }
    }
  }
  return mentions;
}

namespace {

std::vector<NerSentence> read_gum(const std::string& path) {
  std::vector<conllu::Sentence> sents = conllu::read_file(path);
  std::vector<NerSentence> out;
  std::string doc;
  for (const auto& s : sents) {
    if (s.newdoc) doc = s.newdoc_id;
    NerSentence ns;
    ns.doc_id = doc;
    for (const auto& w : s.words) ns.words.push_back(w.form);
    std::vector<GumMention> mentions = gum_mentions(s);
    // Named: the mention's head (its word whose head lies outside it) is a proper noun.
    std::vector<EntitySpan> named;
    for (const GumMention& m : mentions) {
      if (map_entity_type(m.type).empty() || m.last >= s.words.size()) continue;
      if (s.words[m.head].upos != "PROPN" && !s.words[m.head].xpos.starts_with("NNP")) continue;
      // The name is the run of proper nouns around the head, joined by "of", "and", "&", "-",
      // "." or "the" between proper nouns: appositions, relative clauses, titles in lowercase
      // and possessive clitics stay out ("[Mary Chaworth], whom he met ...").
      // Titles stay out ("[NASA] Administrator [Charles Bolden]"): GUM attaches them to the name
      // as nmod:desc, and the organisation inside is a mention of its own.
      const bool person = map_entity_type(m.type) == "PER";
      auto in_title = [&](uint32_t k) {
        if (!person) return false;  // "Saint Petersburg", "St. Louis": part of a place's name
        for (uint32_t x = k, steps = 0; x != m.head && steps < 64; ++steps) {
          if (s.words[x].deprel == "nmod:desc") return true;
          int h = s.words[x].head;
          if (h <= 0) return false;
          x = static_cast<uint32_t>(h - 1);
        }
        return false;
      };
      auto propn = [&](uint32_t k) {
        const auto& w = s.words[k];
        if (in_title(k)) return false;
        return w.upos == "PROPN" || w.xpos.starts_with("NNP") ||
               ((w.upos == "ADJ" || w.upos == "NOUN") && starts_upper(w.form));
      };
      auto joiner = [&](uint32_t k) {
        const std::string& f = s.words[k].form;
        return f == "of" || f == "and" || f == "&" || f == "-" || f == "the" || f == "de" ||
               f == "al";
      };
      uint32_t lo = m.head, hi = m.head;
      while (lo > m.first &&
             (propn(lo - 1) || (joiner(lo - 1) && lo - 1 > m.first && propn(lo - 2))))
        lo -= propn(lo - 1) ? 1 : 2;
      while (hi < m.last && (propn(hi + 1) || (joiner(hi + 1) && hi + 1 < m.last && propn(hi + 2))))
        hi += propn(hi + 1) ? 1 : 2;
      named.push_back({lo, hi, map_entity_type(m.type)});
    }
    // Outermost first; drop mentions nested in a kept one.
    std::sort(named.begin(), named.end(), [](const EntitySpan& x, const EntitySpan& y) {
      return x.first != y.first ? x.first < y.first : x.last > y.last;
    });
    for (const EntitySpan& e : named) {
      bool nested = false;
      for (const EntitySpan& k : ns.entities) nested |= e.first <= k.last && e.last >= k.first;
      if (!nested) ns.entities.push_back(e);
    }
    normalize(ns);
    out.push_back(std::move(ns));
  }
  return out;
}

}  // namespace

std::vector<NerSentence> read_ner_corpus(const std::string& path, NerFormat format) {
  if (format == NerFormat::kGum) return read_gum(path);
  return read_columns(path, format);
}

}  // namespace parley
