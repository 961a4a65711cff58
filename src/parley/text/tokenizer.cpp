#include "parley/text/tokenizer.hpp"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>

namespace parley {

using utf8::CharClass;

namespace {

char class_letter(CharClass c) {
  switch (c) {
    case CharClass::kUpper:
      return 'X';
    case CharClass::kLower:
      return 'x';
    case CharClass::kDigit:
      return 'd';
    case CharClass::kMark:
      return 'm';
    case CharClass::kQuote:
      return 'q';
    case CharClass::kDash:
      return '-';
    case CharClass::kPeriod:
      return '.';
    case CharClass::kTerminal:
      return '!';
    case CharClass::kOpen:
      return '(';
    case CharClass::kClose:
      return ')';
    case CharClass::kPunct:
      return ',';
    case CharClass::kSymbol:
      return '$';
    default:
      return '?';
  }
}

// Punctuation is kept as its own ASCII byte when it has one, so "'" and "." stay distinct.
char shape_char(char32_t cp, CharClass c) {
  if (!utf8::is_alnum(c) && cp < 128) return static_cast<char>(cp);
  return class_letter(c);
}

std::string_view bytes(std::string_view text, const Chunk& c, size_t from, size_t to) {
  uint32_t b = from < c.chars.size() ? c.chars[from].byte : c.end;
  uint32_t e = to < c.chars.size() ? c.chars[to].byte : c.end;
  return text.substr(b, e - b);
}

// Filter key of a token for the multi-word table: its length, first and last bytes, case-folded.
uint32_t mw_filter_bit(std::string_view t) {
  if (t.empty()) return 0;
  auto fold = [](unsigned char c) { return c >= 'A' && c <= 'Z' ? c + 32u : c; };
  uint32_t h = static_cast<uint32_t>(std::min<size_t>(t.size(), 255)) * 0x9E3779B1u;
  h ^= fold(static_cast<unsigned char>(t.front())) * 0x85EBCA77u;
  h ^= fold(static_cast<unsigned char>(t.back())) * 0xC2B2AE3Du;
  return (h ^ (h >> 16)) & 0xFFFF;
}

// The chunk memo. How a non-plain chunk splits into tokens and words is a function of its bytes
// alone (the exception table, the URL rule, the classifier's features and the word splits read
// nothing else), and news repeats such chunks constantly ("said.", "U.S.", "it's", "(AP)"), so
// each thread remembers the last result for a slot of recently seen chunks. An entry holds the
// chunk's bytes, compared in full on lookup, and its cuts: the offsets where a token or a word
// begins, so a hit replays exactly what the classifier produced. Direct-mapped: a collision
// only evicts.
constexpr size_t kMemoKeyBytes = 32, kMemoCuts = 22, kMemoSlots = 16384;
constexpr uint8_t kCutToken = 0x80;  // a cut starts a token (else only a word); low bits: offset
struct MemoEntry {
  uint64_t owner = 0;  // Tokenizer::memo_owner_ of the writer; 0 = empty
  uint8_t len = 0, cut_count = 0;
  char key[kMemoKeyBytes];
  uint8_t cuts[kMemoCuts];
};
static_assert(sizeof(MemoEntry) == 64, "one cache line per entry");

MemoEntry* memo_slot(const char* p, size_t n) {
  thread_local std::unique_ptr<MemoEntry[]> memo;
  if (!memo) memo = std::make_unique<MemoEntry[]>(kMemoSlots);
  // The first and last eight bytes (four, or three single bytes, for short chunks) and the
  // length: enough to spread chunks; the full comparison decides.
  uint64_t a = 0, b = 0;
  if (n >= 8) {
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + n - 8, 8);
  } else if (n >= 4) {
    uint32_t x, y;
    std::memcpy(&x, p, 4);
    std::memcpy(&y, p + n - 4, 4);
    a = x, b = y;
  } else if (n > 0) {
    a = static_cast<unsigned char>(p[0]) | static_cast<unsigned char>(p[n / 2]) << 8 |
        static_cast<unsigned char>(p[n - 1]) << 16;
  }
  uint64_t h = (a * 0x9E3779B97F4A7C15ULL ^ (b + n) * 0xC2B2AE3D27D4EB4FULL);
  h ^= h >> 29;
  h *= 0xbf58476d1ce4e5b9ULL;
  return &memo[(h >> 40) & (kMemoSlots - 1)];
}

std::atomic<uint64_t> memo_owners{0};  // 64 bits: never wraps

}  // namespace

std::string word_shape(std::string_view token) {
  std::string shape;
  size_t pos = 0;
  char last = 0;
  int run = 0;
  while (pos < token.size() && shape.size() < 10) {
    char32_t cp = utf8::decode(token, pos);
    char s = shape_char(cp, utf8::classify(cp));
    if (s == last) {
      if (++run >= 2) continue;
    } else {
      run = 0;
    }
    shape += s;
    last = s;
  }
  return shape;
}

void TokenizerModel::save(binio::Writer& w) const {
  splitter.save(w);
  auto save_map = [&](const std::unordered_map<std::string, std::string>& m) {
    std::vector<std::pair<std::string, std::string>> sorted(m.begin(), m.end());
    std::sort(sorted.begin(), sorted.end());  // deterministic files
    w.pod<uint64_t>(sorted.size());
    for (const auto& [k, v] : sorted) {
      w.str(k);
      w.str(v);
    }
  };
  save_map(chunk_exceptions);
  save_map(multiword);
}

void TokenizerModel::load(binio::Reader& r) {
  splitter.load(r);
  auto load_map = [&](std::unordered_map<std::string, std::string>& m) {
    auto n = r.pod<uint64_t>();
    if (n > (1u << 24)) r.fail("table too large");
    m.clear();
    m.reserve(n);
    for (uint64_t i = 0; i < n; ++i) {
      std::string k = r.str();
      m.emplace(std::move(k), r.str());
    }
  };
  load_map(chunk_exceptions);
  load_map(multiword);
}

Tokenizer::Tokenizer(const TokenizerModel& model)
    : model_(model), memo_owner_(memo_owners.fetch_add(1, std::memory_order_relaxed) + 1) {
  for (const auto& [key, splits] : model_.multiword) {
    mw_hashes_.push_back(hash_lower(key));
    uint32_t bit = mw_filter_bit(key);
    mw_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  std::sort(mw_hashes_.begin(), mw_hashes_.end());
  for (const auto& [chunk, splits] : model_.chunk_exceptions) {
    exception_hashes_.push_back(std::hash<std::string_view>{}(chunk));
    uint32_t bit = mw_filter_bit(chunk);
    exception_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
  }
  std::sort(exception_hashes_.begin(), exception_hashes_.end());
}

bool Tokenizer::looks_like_url(std::string_view s) {
  if (s.find("://") != std::string_view::npos) return true;
  if (s.size() > 4 && (s.substr(0, 4) == "www." || s.substr(0, 4) == "WWW.")) return true;
  size_t at = s.find('@');
  if (at != std::string_view::npos && at > 0) {
    size_t dot = s.find('.', at);
    if (dot != std::string_view::npos && dot > at + 1 && dot + 2 < s.size()) return true;
  }
  return false;
}

void Tokenizer::candidates(const Chunk& c, std::vector<uint32_t>& out) {
  out.clear();
  for (uint32_t j = 1; j < c.chars.size(); ++j) {
    CharClass l = c.chars[j - 1].cls, r = c.chars[j].cls;
    if (!utf8::is_alnum(l) || !utf8::is_alnum(r)) {
      if (r == CharClass::kMark) continue;  // never split a letter from its combining mark
      out.push_back(j);
    }
  }
}

Tokenizer::ChunkHashes Tokenizer::chunk_hashes(std::string_view text, const Chunk& c) {
  std::string_view whole = text.substr(c.start, c.end - c.start);
  ChunkHashes h;
  h.shape = hash_shape(whole);
  h.short_chunk = whole.size() <= 24;
  if (h.short_chunk) h.lower = hash_lower(whole);
  return h;
}

void Tokenizer::features(std::string_view text, const Chunk& c, const std::vector<uint32_t>& cands,
                         size_t k, std::vector<uint32_t>& out) {
  out.resize(kMaxFeatures);
  out.resize(features(text, c, cands, k, chunk_hashes(text, c), out.data()));
}

size_t Tokenizer::features(std::string_view text, const Chunk& c,
                           const std::vector<uint32_t>& cands, size_t k, const ChunkHashes& whole,
                           uint32_t* out) {
  size_t m = 0;
  const size_t n = c.chars.size();
  const uint32_t j = cands[k];
  auto cp_at = [&](long i) -> uint64_t {
    return (i < 0 || i >= static_cast<long>(n)) ? 0x110000 : c.chars[i].cp;
  };
  auto cls_at = [&](long i) -> uint64_t {
    return (i < 0 || i >= static_cast<long>(n))
               ? '_'
               : static_cast<unsigned char>(shape_char(c.chars[i].cp, c.chars[i].cls));
  };
  const long J = j;
  uint64_t l1 = cp_at(J - 1), l2 = cp_at(J - 2), r1 = cp_at(J), r2 = cp_at(J + 1);
  uint64_t cl3 = cls_at(J - 3), cl2 = cls_at(J - 2), cl1 = cls_at(J - 1);
  uint64_t cr1 = cls_at(J), cr2 = cls_at(J + 1), cr3 = cls_at(J + 2);
  out[m++] = feature_hash(0, 0);
  out[m++] = feature_hash(1, l1 << 21 | r1);
  out[m++] = feature_hash(2, (l2 << 42) | (l1 << 21) | r1);
  out[m++] = feature_hash(3, (l1 << 42) | (r1 << 21) | r2);
  out[m++] = feature_hash(4, cl3 << 40 | cl2 << 32 | cl1 << 24 | cr1 << 16 | cr2 << 8 | cr3);
  out[m++] = feature_hash(5, cl2 << 24 | cl1 << 16 | cr1 << 8 | cr2);
  // The pieces between neighbouring candidates: "don" | "'t", "U" | "." ...
  size_t prev = k > 0 ? cands[k - 1] : 0, next = k + 1 < cands.size() ? cands[k + 1] : n;
  uint64_t left = hash_lower(bytes(text, c, prev, j));
  uint64_t right = hash_lower(bytes(text, c, j, next));
  out[m++] = feature_hash(6, left);
  out[m++] = feature_hash(7, right);
  out[m++] = feature_hash(8, left, right);
  out[m++] = feature_hash(9, left, cr1);
  out[m++] = feature_hash(10, cl1, right);
  // Position: how far from each end of the chunk, which tells trailing punctuation apart.
  uint64_t from_end = std::min<uint64_t>(n - j, 4), from_start = std::min<uint64_t>(j, 4);
  out[m++] = feature_hash(11, (from_start << 8 | from_end) << 16 | (l1 & 0xFF) << 8 | (r1 & 0xFF));
  out[m++] = feature_hash(12, whole.shape, cl1 << 16 | cr1 << 8 | cr2);
  if (whole.short_chunk) out[m++] = feature_hash(13, whole.lower, j);
  // Does the rest of the chunk after this point look like a word again ("search-engine")?
  bool letters_both_sides = prev < j && next > j && utf8::is_letter(c.chars[prev].cls) &&
                            utf8::is_letter(c.chars[next - 1].cls);
  out[m++] = feature_hash(14, (letters_both_sides ? 1u : 0u) << 8 | (l1 & 0xFF));
  // Wider pieces, so both sides of a hyphen see the whole compound ("pre" "-" "order").
  size_t prev2 = k > 1 ? cands[k - 2] : 0, next2 = k + 2 < cands.size() ? cands[k + 2] : n;
  // Where there is no second neighbour the wide piece is the narrow one (the same bytes, so the
  // same hash): a chunk with one candidate, the most common kind, hashes two pieces, not four.
  const uint64_t wide_left = prev2 == prev ? left : hash_lower(bytes(text, c, prev2, j));
  const uint64_t wide_right = next2 == next ? right : hash_lower(bytes(text, c, j, next2));
  out[m++] = feature_hash(15, wide_left, right);
  out[m++] = feature_hash(16, left, wide_right);
  return m;
}

std::string Tokenizer::default_word_splits(std::string_view s) {
  // Clitics: ...'s 're 've 'll 'd 'm (straight or curly apostrophe) and ...n't.
  const size_t len = s.size();
  if (len < 3) return {};
  bool apostrophe = false;  // cheap guard: most tokens have none near the end
  for (size_t i = len > 5 ? len - 5 : 0; i < len; ++i) apostrophe |= s[i] == '\'' || s[i] == '\x99';
  if (!apostrophe) return {};
  auto ends_ci = [&](std::string_view suf) {
    if (s.size() <= suf.size()) return false;
    for (size_t i = 0; i < suf.size(); ++i) {
      char c = s[s.size() - suf.size() + i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (c != suf[i]) return false;
    }
    return true;
  };
  for (std::string_view apos : {std::string_view("'"), std::string_view("\xE2\x80\x99")}) {
    std::string nt = "n" + std::string(apos) + "t";
    if (ends_ci(nt) && len > nt.size() + 1)
      return std::string(1, static_cast<char>(len - nt.size()));
    for (std::string_view cl : {"s", "re", "ve", "ll", "d", "m"}) {
      std::string suf = std::string(apos) + std::string(cl);
      if (ends_ci(suf)) {
        unsigned char before = static_cast<unsigned char>(s[len - suf.size() - 1]);
        if (std::isalpha(before) || before >= 0x80)
          return std::string(1, static_cast<char>(len - suf.size()));
        return {};
      }
    }
    // The plural possessive: "protesters'" is "protesters" + "'" (the treebanks' POS word).
    if (ends_ci("s" + std::string(apos)) && len > apos.size() + 2)
      return std::string(1, static_cast<char>(len - apos.size()));
  }
  return {};
}

void Tokenizer::add_token(Article& a, uint32_t start, uint32_t end, bool plain) const {
  {
    // The common case first: a plain token the multi-word filter rejects is one word, as below
    // (no table entry; the clitic rules need an apostrophe, which a plain token lacks).
    const uint32_t bit = mw_filter_bit(std::string_view(a.text).substr(start, end - start));
    if (plain && !(end - start < 64 && (mw_filter_[bit >> 6] >> (bit & 63) & 1))) {
      const auto token_index = static_cast<uint32_t>(a.tokens.size());
      Token t;
      t.span = {start, end};
      t.first_word = static_cast<uint32_t>(a.words.size());
      t.word_count = 1;
      a.words.push_back({{start, end}, token_index});
      a.tokens.push_back(t);
      return;
    }
  }
  Token t;
  t.span = {start, end};
  t.first_word = static_cast<uint32_t>(a.words.size());
  const uint32_t len = end - start;
  const uint32_t token_index = static_cast<uint32_t>(a.tokens.size());
  std::string_view text = std::string_view(a.text).substr(start, len);
  std::string splits;
  bool known = false;
  uint32_t bit = mw_filter_bit(text);
  if (len < 64 && (mw_filter_[bit >> 6] >> (bit & 63) & 1) &&
      std::binary_search(mw_hashes_.begin(), mw_hashes_.end(), hash_lower(text))) {
    auto it = model_.multiword.find(utf8::lower(text));
    if (it != model_.multiword.end()) splits = it->second, known = true;
  }
  if (!known && !plain) splits = default_word_splits(text);  // clitics need an apostrophe
  uint32_t word_start = start;
  for (unsigned char off : splits) {
    if (off >= len || start + off <= word_start) continue;  // guards a stale table entry
    a.words.push_back({{word_start, start + off}, token_index});
    word_start = start + off;
  }
  a.words.push_back({{word_start, end}, token_index});
  t.word_count = static_cast<uint32_t>(a.words.size()) - t.first_word;
  a.tokens.push_back(t);
}

void Tokenizer::split_chunk(std::string_view text, Chunk& c, Article& a,
                            std::vector<uint32_t>& cands) const {
  if (c.plain) {
    add_token(a, c.start, c.end, true);
    return;
  }
  const size_t len = c.end - c.start;
  if (len > kMemoKeyBytes || !memo_on_) {
    decode_chars(text, c);
    split_chunk_uncached(text, c, a, cands);
    return;
  }
  const char* bytes = text.data() + c.start;
  MemoEntry* e = memo_slot(bytes, len);
  if (e->owner == memo_owner_ && e->len == len && std::memcmp(e->key, bytes, len) == 0) {
    // Replay the cuts: tokens and words exactly as the first time.
    uint32_t token_start = c.start, word_start = c.start;
    Token t;
    t.first_word = static_cast<uint32_t>(a.words.size());
    auto token_index = static_cast<uint32_t>(a.tokens.size());
    for (size_t k = 0; k <= e->cut_count; ++k) {
      const bool last = k == e->cut_count;
      const uint32_t at = last ? c.end : c.start + (e->cuts[k] & ~kCutToken);
      a.words.push_back({{word_start, at}, token_index});
      word_start = at;
      if (last || (e->cuts[k] & kCutToken)) {
        t.span = {token_start, at};
        t.word_count = static_cast<uint32_t>(a.words.size()) - t.first_word;
        a.tokens.push_back(t);
        t.first_word = static_cast<uint32_t>(a.words.size());
        ++token_index;
        token_start = at;
      }
    }
    return;
  }
  const size_t t0 = a.tokens.size(), w0 = a.words.size();
  decode_chars(text, c);
  split_chunk_uncached(text, c, a, cands);
  // Remember the result if it is a plain partition of the chunk (it always is, but for a stale
  // exception entry) and its cuts fit.
  uint8_t cuts[kMemoCuts];
  size_t n = 0;
  uint32_t expect = c.start;
  bool ok = a.tokens.size() > t0;
  for (size_t i = t0; ok && i < a.tokens.size(); ++i) {
    const Token& t = a.tokens[i];
    ok = t.span.start == expect && t.span.end > t.span.start && t.word_count >= 1 &&
         t.first_word + t.word_count <= a.words.size() && t.first_word >= w0;
    for (uint32_t w = 0; ok && w < t.word_count; ++w) {
      const Word& word = a.words[t.first_word + w];
      ok = word.span.start == expect && word.span.end > word.span.start && word.token == i;
      if (ok && (i > t0 || w > 0)) {
        if (n == kMemoCuts)
          ok = false;
        else
          cuts[n++] = static_cast<uint8_t>(word.span.start - c.start) | (w == 0 ? kCutToken : 0);
      }
      expect = word.span.end;
    }
    ok = ok && expect == t.span.end;
  }
  if (!ok || expect != c.end || a.words.size() - w0 != n + 1) return;
  e->owner = memo_owner_;
  e->len = static_cast<uint8_t>(len);
  e->cut_count = static_cast<uint8_t>(n);
  std::memcpy(e->key, bytes, len);
  std::memcpy(e->cuts, cuts, n);
}

void Tokenizer::split_chunk_uncached(std::string_view text, Chunk& c, Article& a,
                                     std::vector<uint32_t>& cands) const {
  std::string_view whole = text.substr(c.start, c.end - c.start);
  const uint32_t filter_bit = mw_filter_bit(whole);
  if (whole.size() <= 64 && (exception_filter_[filter_bit >> 6] >> (filter_bit & 63) & 1) &&
      std::binary_search(exception_hashes_.begin(), exception_hashes_.end(),
                         std::hash<std::string_view>{}(whole))) {
    auto it = model_.chunk_exceptions.find(std::string(whole));
    if (it != model_.chunk_exceptions.end()) {
      uint32_t from = c.start;
      for (unsigned char off : it->second) {
        add_token(a, from, c.start + off);
        from = c.start + off;
      }
      add_token(a, from, c.end);
      return;
    }
  }
  const size_t n = c.chars.size();
  if (looks_like_url(whole)) {
    // Peel opening and closing punctuation; the address itself stays whole.
    size_t b = 0, e = n;
    auto peel = [](CharClass k) {
      return k == CharClass::kSymbol || k == CharClass::kQuote || k == CharClass::kOpen ||
             k == CharClass::kClose || k == CharClass::kPunct || k == CharClass::kPeriod ||
             k == CharClass::kTerminal;
    };
    while (b < e && (c.chars[b].cls == CharClass::kQuote || c.chars[b].cls == CharClass::kOpen ||
                     c.chars[b].cp == '<')) {
      add_token(a, c.chars[b].byte, b + 1 < n ? c.chars[b + 1].byte : c.end);
      ++b;
    }
    size_t tail = e;
    while (tail > b + 1 && peel(c.chars[tail - 1].cls) && c.chars[tail - 1].cp != '/') --tail;
    add_token(a, c.chars[b].byte, tail < n ? c.chars[tail].byte : c.end);
    for (size_t i = tail; i < e; ++i)
      add_token(a, c.chars[i].byte, i + 1 < n ? c.chars[i + 1].byte : c.end);
    return;
  }
  candidates(c, cands);
  const ChunkHashes hashes = chunk_hashes(text, c);
  uint32_t from = c.start;
  uint32_t f[kMaxFeatures];
  for (size_t k = 0; k < cands.size(); ++k) {
    if (model_.splitter.score(f, features(text, c, cands, k, hashes, f)) > 0) {
      uint32_t at = c.chars[cands[k]].byte;
      add_token(a, from, at);
      from = at;
    }
  }
  add_token(a, from, c.end);
}

void Tokenizer::tokenize(Article& a) const {
  a.tokens.clear();
  a.words.clear();
  a.tokens.reserve(a.text.size() / 5);
  a.words.reserve(a.text.size() / 5);
  std::vector<uint32_t> cands;
  std::string_view text = a.text;
  for_each_chunk<false>(text, [&](Chunk& c) {
    if (!c.plain) return split_chunk(text, c, a, cands);
    // A plain chunk is one token; when the multi-word filter rejects it, it is one word too
    // (add_token()'s own fast path, here without two calls and their frames per token).
    const uint32_t len = c.end - c.start;
    const uint32_t bit = mw_filter_bit(text.substr(c.start, len));
    if (len < 64 && (mw_filter_[bit >> 6] >> (bit & 63) & 1))
      return add_token(a, c.start, c.end, true);
    Token t;
    t.span = {c.start, c.end};
    t.first_word = static_cast<uint32_t>(a.words.size());
    t.word_count = 1;
    a.words.push_back({{c.start, c.end}, static_cast<uint32_t>(a.tokens.size())});
    a.tokens.push_back(t);
  });
  for (size_t i = 0; i + 1 < a.tokens.size(); ++i)
    a.tokens[i].space_after = a.tokens[i].span.end != a.tokens[i + 1].span.start;
  if (!a.tokens.empty()) a.tokens.back().space_after = false;
}

}  // namespace parley
