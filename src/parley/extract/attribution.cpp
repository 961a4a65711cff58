#include "parley/extract/attribution.hpp"

#include <algorithm>
#include <set>

#include "parley/extract/clause.hpp"
#include "parley/text/strings.hpp"

namespace parley::extract {

namespace {

using text::add_unique;
using text::is_in;

// ---------------------------------------------------------------------------------------------
// Direct quotes: quote marks paired over the whole article text.

struct QuoteMark {
  uint32_t start, end;  // bytes of the mark
  enum Kind { Straight, Open, Close, SingleOpen, SingleClose } kind;
};

std::vector<QuoteMark> quote_marks(std::string_view t) {
  std::vector<QuoteMark> out;
  for (uint32_t i = 0; i < t.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(t[i]);
    if (c == '"') {
      out.push_back({i, i + 1, QuoteMark::Straight});
    } else if (c == 0xE2 && i + 2 < t.size() && static_cast<unsigned char>(t[i + 1]) == 0x80) {
      unsigned char d = static_cast<unsigned char>(t[i + 2]);
      if (d == 0x9C)
        out.push_back({i, i + 3, QuoteMark::Open});
      else if (d == 0x9D)
        out.push_back({i, i + 3, QuoteMark::Close});
      else if (d == 0x98 &&
               (i == 0 || std::isspace(static_cast<unsigned char>(t[i - 1])) || t[i - 1] == '('))
        out.push_back({i, i + 3, QuoteMark::SingleOpen});
      else if (d == 0x99 &&
               (i + 3 >= t.size() || !std::isalpha(static_cast<unsigned char>(t[i + 3]))))
        out.push_back({i, i + 3, QuoteMark::SingleClose});
    } else if (c == 0xC2 && i + 1 < t.size()) {
      unsigned char d = static_cast<unsigned char>(t[i + 1]);
      if (d == 0xAB)
        out.push_back({i, i + 2, QuoteMark::Open});
      else if (d == 0xBB)
        out.push_back({i, i + 2, QuoteMark::Close});
    }
  }
  return out;
}

// Spans of quoted text (marks excluded). A quote left open at a paragraph end continues when
// the next paragraph opens with a quote mark (the news convention for long quotes); otherwise
// the stray mark is dropped.
std::vector<Span> direct_quote_spans(std::string_view t,
                                     std::vector<Span>* short_quotes = nullptr) {
  std::vector<Span> spans;
  std::vector<QuoteMark> marks = quote_marks(t);
  int open = -1;  // index into marks
  bool single = false;
  // Is there a line break in [from, to)? The next break after `from` is remembered, so that
  // many marks after one open quote do not each rescan the paragraph (`from` only grows).
  size_t known_from = 0, known_break = t.find('\n');
  auto paragraph_break = [&](uint32_t from, uint32_t to) {
    if (from < known_from || from > known_break) known_break = t.find('\n', from);
    known_from = from;
    return known_break < to;
  };
  for (size_t i = 0; i < marks.size(); ++i) {
    const QuoteMark& m = marks[i];
    if (open >= 0 && paragraph_break(marks[open].end, m.start)) {
      // Does a new paragraph start with this mark? Then the previous quote continues here.
      size_t nl = t.rfind('\n', m.start);
      bool starts_paragraph =
          nl != std::string_view::npos &&
          t.substr(nl + 1, m.start - nl - 1).find_first_not_of(" \t") == std::string_view::npos;
      if (starts_paragraph && (m.kind == QuoteMark::Straight || m.kind == QuoteMark::Open) &&
          !single) {
        size_t end = t.find('\n', marks[open].end);
        spans.push_back({marks[open].end, static_cast<uint32_t>(end)});
        open = static_cast<int>(i);
        continue;
      }
      open = -1;
    }
    bool opens = m.kind == QuoteMark::Open || m.kind == QuoteMark::SingleOpen ||
                 (m.kind == QuoteMark::Straight && open < 0);
    bool closes =
        open >= 0 &&
        ((m.kind == QuoteMark::Close && !single) || (m.kind == QuoteMark::SingleClose && single) ||
         (m.kind == QuoteMark::Straight && marks[open].kind == QuoteMark::Straight));
    if (closes) {
      spans.push_back({marks[open].end, m.start});
      open = -1;
    } else if (opens && (open < 0 || m.kind == QuoteMark::Open)) {
      open = static_cast<int>(i);
      single = m.kind == QuoteMark::SingleOpen;
    }
  }
  // Trim spaces. Quotes of fewer than three words (scare quotes, titles, or a speaker's own
  // words: 'called it "null and void"') are kept apart; the caller keeps those a cue verb holds.
  std::vector<Span> out;
  for (Span s : spans) {
    while (s.start < s.end && std::isspace(static_cast<unsigned char>(t[s.start]))) ++s.start;
    while (s.end > s.start && std::isspace(static_cast<unsigned char>(t[s.end - 1]))) --s.end;
    std::string_view q = t.substr(s.start, s.size());
    if (std::count(q.begin(), q.end(), ' ') >= 2)
      out.push_back(s);
    else if (short_quotes && !q.empty())
      short_quotes->push_back(s);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Phrases, topics and issues.

std::string fold(const std::string& lemma) {
  static const std::pair<std::string_view, std::string_view> kSynonyms[] = {
      {"troop", "force"},           {"soldier", "force"},       {"army", "force"},
      {"military", "force"},        {"truce", "ceasefire"},     {"cease-fire", "ceasefire"},
      {"armistice", "ceasefire"},   {"talk", "negotiation"},    {"discussion", "negotiation"},
      {"negotiate", "negotiation"}, {"assistance", "aid"},      {"relief", "aid"},
      {"pullout", "withdrawal"},    {"withdraw", "withdrawal"}, {"retreat", "withdrawal"},
      {"deploy", "deployment"},     {"peacekeeper", "force"},   {"strip", ""},
      {"corridor", "axis"},         {"route", "axis"}};
  for (const auto& [from, to] : kSynonyms)
    if (lemma == from) return std::string(to);
  return lemma;
}

bool content_word(std::string_view upos) {
  return upos == "NOUN" || upos == "PROPN" || upos == "ADJ" || upos == "VERB";
}

bool vague_modifier(std::string_view lemma) {
  return is_in(lemma, {"new",       "complete",    "full",        "total",   "own",
                       "increased", "further",     "urgent",      "lasting", "possible",
                       "potential", "significant", "substantial", "any",     "more",
                       "much",      "such",        "current",     "ongoing", "recent",
                       "entire",    "immediate",   "permanent",   "real",    "serious"});
}

}  // namespace

std::string issue_key(const std::vector<std::string>& lemmas) {
  std::set<std::string> keys;
  for (const std::string& l : lemmas) {
    if (vague_modifier(l)) continue;
    std::string f = fold(l);
    if (!f.empty()) keys.insert(f);
  }
  std::string out;
  for (const std::string& k : keys) {
    if (!out.empty()) out += ' ';
    out += k;
  }
  return out;
}

bool opposed_stances(std::string_view a, std::string_view b) {
  auto pro = [](std::string_view s) {
    return is_in(s, {"support", "demand", "accept", "maintain"});
  };
  auto con = [](std::string_view s) { return is_in(s, {"reject", "oppose"}); };
  return (pro(a) && con(b)) || (con(a) && pro(b));
}

Attribution Attribution::load(const std::string& data_dir) {
  return Attribution(text::WordLists::load(data_dir));
}

namespace {

class Extractor {
 public:
  Extractor(Article& a, const text::WordLists& words) : a_(a), index_(a, words) {}

  void run() {
    quotes_direct();
    quotes_indirect();
    // A report inside another's reported content, with no speaker of its own there, is part of
    // it ("Sierak told reporters assessments will be carried out to confirm if Stefan W is fit
    // for trial": "confirm" is in what Sierak said, not a second report).
    {
      // (Not a sequel set off by a comma: "said the talks had failed, adding that ...".)
      auto after_comma = [&](Span cue) {
        uint32_t at = cue.start;
        while (at > 0 && a_.text[at - 1] == ' ') --at;
        return at > 0 && a_.text[at - 1] == ',';
      };
      std::vector<char> nested(a_.quotes.size(), 0);
      for (size_t i = direct_count_; i < a_.quotes.size(); ++i)
        for (size_t j = direct_count_; j < a_.quotes.size() && !nested[i]; ++j) {
          const Quote& inner = a_.quotes[i];
          const Quote& outer = a_.quotes[j];
          nested[i] =
              i != j && outer.sentence == inner.sentence && outer.span.start <= inner.cue.start &&
              inner.cue.end <= outer.span.end && outer.span.start <= inner.span.start &&
              inner.span.end <= outer.span.end &&
              outer.span.end - outer.span.start > inner.span.end - inner.span.start &&
              (inner.speaker_actor == outer.speaker_actor || inner.speaker_actor < 0) &&
              !after_comma(inner.cue) &&
              // (A speaker of its own inside it reports second-hand: "X said Y claimed Z".)
              !(inner.speaker.end > inner.speaker.start &&
                outer.span.start <= inner.speaker.start && inner.speaker.end <= outer.span.end);
        }
      size_t k = 0;
      std::erase_if(a_.quotes, [&](const Quote&) { return nested[k++] != 0; });
    }
    std::sort(a_.quotes.begin(), a_.quotes.end(),
              [](const Quote& x, const Quote& y) { return x.span.start < y.span.start; });
    claims();
    positions();
    positions_from_events();
    positions_from_claims();
    divergences();
  }

 private:
  uint32_t sentence_at(uint32_t byte) const {
    auto it = std::upper_bound(a_.sentences.begin(), a_.sentences.end(), byte,
                               [](uint32_t b, const Sentence& s) { return b < s.span.start; });
    return it == a_.sentences.begin() ? 0 : static_cast<uint32_t>(it - a_.sentences.begin() - 1);
  }

  // The source of "according to X": X's actors, or those of a "by"/"of"/"from" phrase of X
  // ("according to a tweet by US Secretary of State Mike Pompeo", "a statement from the
  // ministry"). Fills the word the actor was found at.
  static std::vector<int> according_source(const ClauseView& v, int x, int& at) {
    at = x;
    std::vector<int> actors = v.actors_at(x);
    if (!actors.empty()) return actors;
    // One level down, or two: the parser often hangs "by X" on the nearest noun ("a tweet on
    // Monday by X").
    for (int c : v.children(x)) {
      if (!v.deprel(c).starts_with("nmod")) continue;
      for (int d : std::initializer_list<int>{c, -1}) {
        std::vector<int> candidates = d >= 0 ? std::vector<int>{c} : v.children(c);
        for (int e : candidates) {
          if (!v.deprel(e).starts_with("nmod") || !is_in(v.case_of(e), {"by", "of", "from"}))
            continue;
          actors = v.actors_at(e);
          if (!actors.empty()) {
            at = e;
            return actors;
          }
        }
      }
    }
    return {};
  }

  // The author of a document that speaks ("The motion claims ...", "according to the ruling",
  // "a statement which said ..."; data/words/document-nouns.tsv): named on it ("the court's
  // ruling", "a poll published by NBC News"), the party that issued it in the same sentence
  // ("They released a statement which said"), the party that last filed, issued or released a
  // document in the two sentences before ("filed a combined lawsuit. The motion claims"), and
  // for a court's documents the court the article last named.
  std::vector<int> document_author(const ClauseView& v, int x) const {
    if (x < 0 || !v.words().document_nouns.contains(v.lemma(x))) return {};
    for (int c : v.children(x)) {
      std::string_view rel = v.deprel(c);
      if (rel == "nmod:poss" || rel == "compound" ||
          (rel.starts_with("nmod") && is_in(v.case_of(c), {"by", "of", "from"})))
        if (std::vector<int> a = v.actors_at(c); !a.empty()) return a;
      if (rel.starts_with("acl") && v.xpos(c) == "VBN")
        for (int d : v.children(c))
          if (v.deprel(d) == "obl:agent" || (v.deprel(d) == "obl" && v.case_of(d) == "by"))
            if (std::vector<int> a = v.actors_at(d); !a.empty()) return a;
    }
    auto issuer = [&](const ClauseView& view, int noun) -> std::vector<int> {
      if (view.deprel(noun) != "obj" || view.head(noun) < 0) return {};
      return view.actors_at(view.child_with(view.head(noun), "nsubj"));
    };
    if (std::vector<int> a = issuer(v, x); !a.empty()) return a;
    for (uint32_t back = 1; back <= 2 && back <= v.sentence(); ++back) {
      const ClauseView& before = view(v.sentence() - back);
      std::vector<int> found;
      for (int w = 0; w < before.size(); ++w)
        if (before.words().document_nouns.contains(before.lemma(w)))
          if (std::vector<int> a = issuer(before, w); !a.empty()) found = a;
      if (!found.empty()) return found;
    }
    if (v.words().document_nouns.value(v.lemma(x)) == "court") {
      // The court the article is about: news names it in its lead, before any other court.
      const uint32_t at = v.span(x).start;
      const Mention* first = nullptr;
      for (const Mention& m : a_.mentions)
        if (m.span.end <= at &&
            (a_.actors[m.actor].sector == "JUD" || a_.actors[m.actor].code.ends_with("JUD")) &&
            (!first || m.span.start < first->span.start))
          first = &m;
      if (first) return {static_cast<int>(first->actor)};
    }
    return {};
  }

  // The speaker of a speech verb: its subject's actor and mention span.
  void speaker_of(const ClauseView& v, int cue, Quote& q) const {
    if (v.lemma(cue) == "accord" || v.text(cue) == "according") {
      // The cue word's object ("according to X") names the source; the parse hangs "according"
      // on X or X on "according".
      for (int x : {v.head(cue), v.child_with(cue, "obl"), v.child_with(cue, "nmod")}) {
        if (x < 0) continue;
        int at = x;
        std::vector<int> actors = according_source(v, x, at);
        if (actors.empty()) actors = document_author(v, x);
        if (actors.empty()) continue;
        q.speaker_actor = actors.front();
        int m = index_.mention_of_word(v.global(at));
        q.speaker = m >= 0 ? a_.mentions[m].span : v.span(at);
        return;
      }
    }
    // Inverted attribution ("..., said Israeli Prime Minister Benjamin Netanyahu.") is often
    // misparsed; the actor right after the cue is the speaker.
    // ("..., tweeted former thinktank executive Ken Gude": a description may come first.)
    auto after_cue = [&]() {
      for (int k = cue + 1;
           k < v.size() && k <= cue + 8 && v.upos(k) != "PUNCT" && v.upos(k) != "VERB"; ++k) {
        int m = index_.mention_of_word(v.global(k));
        if (m < 0) continue;
        q.speaker_actor = static_cast<int>(a_.mentions[m].actor);
        q.speaker = a_.mentions[m].span;
        return true;
      }
      return false;
    };
    // A cue with no subject of its own right after a comma or quote ('"...", said X') speaks
    // through the actor after it, whatever clause the parser hung it on: the subject of that
    // clause is inside the quote.
    // (A finite verb only: "..., finding that X ..." and "X, responding to Y, ..." are not
    // inverted.)
    if (v.child_with(cue, "nsubj") < 0 && cue > 0 && v.upos(cue - 1) == "PUNCT" &&
        is_in(v.xpos(cue), {"VBD", "VBZ", "VBP"}) && after_cue())
      return;
    Lexicon none;
    std::vector<int> agents = v.agent_actors(cue, none);
    bool has_subject = false;
    for (int c : v.children(cue))
      if (v.deprel(c) == "nsubj") {
        int m = index_.mention_of_word(v.global(c));
        q.speaker = m >= 0 ? a_.mentions[m].span : v.subtree_span(c);
        has_subject = true;
      }
    if (!agents.empty()) {
      q.speaker_actor = agents.front();
      return;
    }
    // A subject that is no actor ("The motion claims Trump's declaration is ...") is the
    // source as written; the first actor after the cue is what it speaks of.
    // ... unless it is a document: its author speaks ("The motion claims", "a statement which
    // said" - a relative pronoun stands for the noun the clause modifies).
    if (const int subject = v.child_with(cue, "nsubj"); has_subject) {
      const bool relative = is_in(text::ascii_lower(v.text(subject)), {"that", "which"}) &&
                            v.deprel(cue).starts_with("acl");
      if (std::vector<int> a = document_author(v, relative ? v.head(cue) : subject); !a.empty()) {
        q.speaker_actor = a.front();
        return;
      }
    }
    if (const int subject = v.child_with(cue, "nsubj");
        has_subject && v.upos(subject) != "PRON" &&
        !is_in(text::ascii_lower(v.text(subject)), {"that", "who", "which"}))
      return;
    // "X said ..., adding Iran will pursue ...": a participle of saying with no subject of its
    // own speaks through the verb it hangs on.
    // (The parser may hang it on the reported clause: the nearest verb of saying above.)
    // Else a participle shares the subject of the verb it hangs on ("Members protested by
    // shouting '...'", "responded by saying").
    // A participle the parser hung on a noun of the reported clause ('said the use of currencies
    // "costs ...", further saying, "..."') still speaks through the verb of saying above it.
    int governor = -1;
    const bool participle = v.xpos(cue) == "VBG";
    if (!has_subject && (participle || is_in(v.deprel(cue), {"advcl", "conj", "xcomp"}))) {
      for (int h = v.head(cue), steps = 0; h >= 0 && steps < (participle ? 4 : 3) && governor < 0;
           h = v.head(h), ++steps)
        if (v.upos(h) == "VERB" && v.speech_verb(v.lemma(h))) governor = h;
      if (governor < 0 && v.xpos(cue) == "VBG" && v.head(cue) >= 0 && v.upos(v.head(cue)) == "VERB")
        governor = v.head(cue);
    }
    if (governor >= 0) {
      Lexicon none2;
      if (std::vector<int> a = v.agent_actors(governor, none2); !a.empty()) {
        q.speaker_actor = a.front();
        if (int subj = v.child_with(governor, "nsubj"); subj >= 0) {
          int m = index_.mention_of_word(v.global(subj));
          q.speaker = m >= 0 ? a_.mentions[m].span : v.subtree_span(subj);
        }
        return;
      }
    }
    after_cue();
  }

  // Two to eight words, each capitalised but for short function words and "vs.": a title or a
  // name, not speech ("Radio Control Law", "Eva Glawischnig-Piesczek vs. Facebook Ireland").
  static bool title_like(std::string_view quoted) {
    static constexpr std::string_view kMinor[] = {"of", "the", "and", "or", "for", "vs.", "v.",
                                                  "vs", "on",  "in",  "to", "a",   "an"};
    int words = 0;
    size_t i = 0;
    while (i < quoted.size()) {
      while (i < quoted.size() && (quoted[i] == ' ' || quoted[i] == ',')) ++i;
      size_t j = i;
      while (j < quoted.size() && quoted[j] != ' ') ++j;
      if (j == i) break;
      std::string_view w = quoted.substr(i, j - i);
      while (!w.empty() && (w.back() == ',' || w.back() == '.' || w.back() == '"'))
        w.remove_suffix(1);
      i = j;
      if (w.empty()) continue;
      ++words;
      if (std::find(std::begin(kMinor), std::end(kMinor), w) != std::end(kMinor)) continue;
      if (!std::isupper(static_cast<unsigned char>(w[0]))) return false;
    }
    return words >= 2 && words <= 8;
  }

  void quotes_direct() {
    std::vector<Span> short_quotes;
    std::vector<Span> long_quotes = direct_quote_spans(a_.text, &short_quotes);
    // In text order, as in_direct_quote's binary search needs.
    std::vector<std::pair<Span, bool>> spans;  // span, short
    for (Span x : long_quotes) spans.push_back({x, false});
    for (Span x : short_quotes) spans.push_back({x, true});
    std::sort(spans.begin(), spans.end(),
              [](const auto& x, const auto& y) { return x.first.start < y.first.start; });
    int last_speaker = -1;
    uint32_t last_sentence = 0;
    for (const auto& [s, is_short] : spans) {
      Quote q;
      q.span = s;
      q.kind = "direct";
      q.sentence = sentence_at(s.start);
      uint32_t last = sentence_at(s.end > 0 ? s.end - 1 : 0);
      // A cue verb outside the quote, in the sentences the quote touches: prefer one whose
      // clause holds the quote, then the nearest.
      int best_cue = -1;
      uint32_t best_sentence = 0;
      long best_distance = 1L << 40;
      for (uint32_t si = q.sentence; si <= last + 1 && si < a_.sentences.size(); ++si) {
        if (si == last + 1 && a_.sentences[si].span.start > s.end + 4) break;  // only "..." said X.
        const ClauseView& v = view(si);
        // Words whose clause holds quoted words, found in one pass rather than per candidate.
        std::vector<char> holds_quote(v.size(), 0);
        for (int x = 0; x < v.size(); ++x)
          if (v.head(x) >= 0 && s.contains(v.span(x))) holds_quote[v.head(x)] = 1;
        for (int w = 0; w < v.size(); ++w) {
          if (v.span(w).overlaps(s) || (v.upos(w) != "VERB" && !(v.lemma(w) == "accord"))) continue;
          const bool naming =
              !v.speech_verb(v.lemma(w)) && v.words().naming_verbs.contains(v.lemma(w));
          if (!v.speech_verb(v.lemma(w)) && v.lemma(w) != "accord" && !naming) continue;
          // "According to X, ..." opening the next sentence sources that sentence's clause.
          if (si == last + 1 && v.lemma(w) == "accord") continue;
          long d = v.span(w).start < s.start ? static_cast<long>(s.start) - v.span(w).end
                                             : static_cast<long>(v.span(w).start) - s.end;
          // A cue whose clause holds the quoted words ("He stated, '...'") beats a nearer one.
          const bool holds = holds_quote[w] != 0;
          // A short quote is the speaker's only when the cue's clause holds it, within its
          // sentence: otherwise it is a scare quote or a title.
          // A naming verb ("called it \"null and void\"") likewise, whatever the quote's length.
          if ((is_short || naming) && (!holds || si != q.sentence)) {
            bool below = false;  // the quote's words in the cue's subtree
            for (int x = 0; x < v.size() && !below && si == q.sentence; ++x) {
              if (!s.contains(v.span(x))) continue;
              for (int h = v.head(x), steps = 0; h >= 0 && steps < 4 && !below;
                   h = v.head(h), ++steps)
                below = h == w;
            }
            if (!below) continue;
          }
          if (!holds) d += 1000;
          if (d < best_distance) best_distance = d, best_cue = w, best_sentence = si;
        }
      }
      // A name in quotation marks ("the \"Radio Control Law\"", the case \"X vs. Y\"") is no
      // one's words.
      if (title_like(a_.view(s))) continue;
      if (best_cue >= 0) {
        const ClauseView& v = view(best_sentence);
        q.cue = v.span(best_cue);
        q.cue_lemma = v.lemma(best_cue);
        speaker_of(v, best_cue, q);
        // "the process which has been termed Brexit for \"British exit\"": a naming verb with no
        // one doing the naming gives a name, not a quote.
        const bool passive = v.child_with(best_cue, "aux:pass") >= 0 ||
                             v.child_with(best_cue, "nsubj:pass") >= 0 ||
                             (v.xpos(best_cue) == "VBN" && v.child_with(best_cue, "aux") < 0);
        if (q.speaker_actor < 0 && passive && !v.speech_verb(q.cue_lemma) &&
            v.words().naming_verbs.contains(q.cue_lemma))
          continue;
      } else if (is_short) {
        continue;  // a scare quote or a title
      } else if (last_speaker >= 0 && q.sentence <= last_sentence + 2) {
        q.speaker_actor = last_speaker;  // a quote continuing the previous speaker's words
      }
      if (q.speaker_actor >= 0) last_speaker = q.speaker_actor, last_sentence = last;
      a_.quotes.push_back(q);
    }
    direct_count_ = a_.quotes.size();
  }

  // Direct quotes are disjoint and in text order: only the last one starting before s ends
  // can overlap it (a binary search, not a scan per word).
  bool in_direct_quote(Span s) const {
    auto begin = a_.quotes.begin(), end = begin + static_cast<long>(direct_count_);
    auto it =
        std::partition_point(begin, end, [&](const Quote& q) { return q.span.start < s.end; });
    return it != begin && std::prev(it)->span.overlaps(s);
  }

  // An indirect quote of `span` with the cue word `w` of sentence `si`, its speaker found.
  Quote reported(const ClauseView& v, uint32_t si, int w, Span span) const {
    Quote q = report_of(v, si, w, span);
    speaker_of(v, w, q);
    return q;
  }
  // ... its speaker given: the actor named at word `source`.
  Quote reported_by(const ClauseView& v, uint32_t si, int w, Span span, int actor,
                    int source) const {
    Quote q = report_of(v, si, w, span);
    q.speaker_actor = actor;
    const int m = index_.mention_of_word(v.global(source));
    q.speaker = m >= 0 ? a_.mentions[m].span : v.span(source);
    return q;
  }
  // ... with no speaker yet.
  static Quote report_of(const ClauseView& v, uint32_t si, int w, Span span) {
    Quote q;
    q.kind = "indirect";
    q.sentence = si;
    q.span = span;
    q.cue = v.span(w);
    q.cue_lemma = v.lemma(w);
    return q;
  }

  void quotes_indirect() {
    for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
      const ClauseView& v = view(si);
      for (int w = 0; w < v.size(); ++w) {
        if (in_direct_quote(v.span(w))) continue;
        // "according to X, ..."; "in the analysis of X, ...", "in X's view, ..."
        const bool viewpoint = v.words().viewpoint_nouns.contains(v.lemma(w)) &&
                               v.deprel(w).starts_with("obl") && v.case_of(w) == "in";
        if (v.lemma(w) == "accord" || (v.text(w) == "according" && v.head(w) >= 0) || viewpoint) {
          int x = viewpoint ? w : v.head(w);
          if (x < 0) continue;
          int at = x;
          std::vector<int> actors;
          if (viewpoint) {
            const int owner = v.child_with(x, "nmod:poss");
            if (owner >= 0) actors = v.actors_at(owner), at = owner;
            if (actors.empty()) actors = according_source(v, x, at);
            if (actors.empty()) continue;  // "in my view", "in the view of many"
          } else {
            actors = according_source(v, x, at);
          }
          if (actors.empty()) actors = document_author(v, x);
          int clause = v.head(x);
          // "According to a whistle-blower complaint, ...": a source that is no actor still
          // makes the clause a report (its speaker unresolved).
          if (clause < 0 || (actors.empty() && !v.is_nominal(x))) continue;
          // A direct quote in the clause is the quote ("'...', according to X"), already listed.
          bool quoted = false;
          for (size_t i = 0; i < direct_count_ && !quoted; ++i)
            quoted = a_.quotes[i].span.overlaps(v.subtree_span(clause));
          if (quoted) continue;
          Quote q;
          q.kind = "indirect";
          q.sentence = si;
          q.span = v.subtree_span(clause);
          // Without the attribution itself, at either edge of the clause.
          Span source = v.subtree_span(x);
          source.start = std::min(source.start, v.span(w).start);
          source.end = std::max(source.end, v.span(w).end);
          auto skippable = [&](char c) { return c == ' ' || c == ','; };
          // A source at the end or in the middle reports the whole sentence, whatever clause
          // the parser hung it on ("... have been arrested since the protests began in June,
          // according to The Guardian"; "then, according to security officials, fled").
          int top = clause;
          while (v.head(top) >= 0) top = v.head(top);
          const Span sentence = v.subtree_span(top);
          if (source.start > q.span.start || source.end < q.span.end)
            q.span = {std::min(q.span.start, sentence.start), std::max(q.span.end, sentence.end)};
          if (source.start <= q.span.start && source.end < q.span.end) {
            q.span.start = source.end;
            while (q.span.start < q.span.end && skippable(a_.text[q.span.start])) ++q.span.start;
          } else if (source.end >= q.span.end && source.start > q.span.start) {
            q.span.end = source.start;
            while (q.span.end > q.span.start && skippable(a_.text[q.span.end - 1])) --q.span.end;
          }
          q.cue = v.span(w);
          q.cue_lemma = viewpoint ? "in the view of" : "according to";
          q.speaker_actor = actors.empty() ? -1 : actors.front();
          q.speaker = v.span(at);
          a_.quotes.push_back(q);
          // "According to Reuters and NBC, ...": each source reports it.
          for (size_t k = 1; k < actors.size(); ++k) {
            for (int y = 0; y < v.size(); ++y) {
              // (Coordinated sources only: not a state nested in a title, an acronym in
              // brackets or a subject the parse hung there.)
              if (v.actor_of(y) != actors[k] || !v.in_subtree(y, x) || v.deprel(y) != "conj" ||
                  v.actor_of(v.head(y)) != actors.front())
                continue;
              Quote other = q;
              other.speaker_actor = actors[k];
              other.speaker = v.span(y);
              a_.quotes.push_back(other);
              break;
            }
          }
          continue;
        }
        // "The government's counter-argument was that prorogation is a political tool": a claim
        // noun its party owns, then "was/is that", reports the rest of the sentence (read word
        // by word: the parser often takes this "that" for a determiner).
        if (v.is_nominal(w) && v.words().claim_nouns.contains(v.lemma(w)) && w + 3 < v.size() &&
            v.lemma(w + 1) == "be" && text::ascii_lower(v.text(w + 2)) == "that") {
          int owner = v.child_with(w, "nmod:poss");
          std::vector<int> actors = owner >= 0 ? v.actors_at(owner) : std::vector<int>{};
          for (int c : v.children(w))
            if (actors.empty() && v.deprel(c).starts_with("nmod") && v.case_of(c) == "of")
              actors = v.actors_at(c), owner = c;
          int end = v.size() - 1;
          while (end > w + 2 && v.upos(end) == "PUNCT") --end;
          if (!actors.empty() && end > w + 3) {
            const Span span{v.span(w + 3).start, v.span(end).end};
            if (!in_direct_quote(span)) {
              a_.quotes.push_back(reported_by(v, si, w, span, actors.front(), owner));
              continue;
            }
          }
        }
        // "called it unlikely that the EU would finance the project": a naming verb with an
        // expletive object characterises the clause that follows: the characterisation and the
        // clause are what was said.
        if (v.upos(w) == "VERB" && v.words().naming_verbs.contains(v.lemma(w)) &&
            v.child_with(w, "expl") >= 0) {
          const int adjective = v.child_with(w, "xcomp");
          int clause = -1;
          for (int c : v.children(w))
            if ((v.deprel(c) == "ccomp" || v.deprel(c) == "advcl") && v.has_mark(c, "that"))
              clause = c;
          if (adjective >= 0 && clause > adjective) {
            const Span span{v.subtree_span(adjective).start, v.subtree_span(clause).end};
            if (!in_direct_quote(span)) {
              Quote q = reported(v, si, w, span);
              if (q.speaker_actor >= 0) a_.quotes.push_back(q);
              continue;
            }
          }
        }
        // A characterisation with "as": "dismissed the claim from Berlin as groundless",
        // "described the agreement as null and void" - the object and what it is called.
        if (v.upos(w) == "VERB" && v.words().naming_verbs.value(v.lemma(w)) == "as") {
          const int obj = v.child_with(w, "obj");
          int as = -1;
          if (obj >= 0) {
            for (int c : v.children(w))
              if (v.span(c).start > v.span(obj).start &&
                  (v.deprel(c).starts_with("obl") || v.deprel(c) == "xcomp" ||
                   v.deprel(c) == "advcl") &&
                  v.case_of(c) == "as")
                as = c;
            for (int c : v.children(obj))
              if (as < 0 && v.deprel(c).starts_with("nmod") && v.case_of(c) == "as") as = c;
          }
          if (as >= 0) {
            const Span span{v.subtree_span(obj).start, v.subtree_span(as).end};
            if (!in_direct_quote(span)) {
              Quote q = reported(v, si, w, span);
              if (q.speaker_actor >= 0) a_.quotes.push_back(q);
              continue;
            }
          }
        }
        // A reported request: "encouraged the CIA to release the files", "asking voters to
        // vote", "called for the killers to be brought to justice", "accused Johnson of
        // misleading the Queen": the object and what it is asked or said to do.
        if (v.upos(w) == "VERB" && v.words().request_verbs.contains(v.lemma(w))) {
          int obj = v.child_with(w, "obj");
          if (obj < 0) obj = v.child_with(w, "iobj");
          int xcomp = v.child_with(w, "xcomp");
          if (xcomp < 0)
            for (int c : v.children(w))
              if (v.deprel(c) == "advcl" && (v.has_mark(c, "to") || v.has_mark(c, "of"))) xcomp = c;
          if (obj < 0)
            for (int c : v.children(w))
              if (v.deprel(c).starts_with("obl") && (v.case_of(c) == "for" || v.case_of(c) == "on"))
                obj = c;
          if (obj >= 0 && xcomp >= 0 && v.span(obj).start < v.span(xcomp).start &&
              !in_direct_quote(v.span(xcomp))) {
            Span from = v.subtree_span(obj);
            for (int c : v.children(obj))
              if (v.deprel(c) == "case" && v.span(c).start == from.start)
                from.start = v.span(c).end;
            while (from.start < from.end && a_.text[from.start] == ' ') ++from.start;
            const Quote q = reported(v, si, w, {from.start, v.subtree_span(xcomp).end});
            if (q.speaker_actor >= 0) a_.quotes.push_back(q);
            continue;
          }
        }
        // A report in a phrase, not a clause: "promised to conduct new elections", "committed to
        // proceeding with a trial", "demanded from Interpol to publish a notice", "demanded an
        // explanation from Russia", "announced plans to pull out", "emphasized the requirement
        // of approval": the complement is what was said, from its first word to the end of the
        // last (data/words/content-verbs.tsv).
        if (const std::string_view takes = v.upos(w) == "VERB"
                                               ? v.words().content_verbs.value(v.lemma(w))
                                               : std::string_view();
            !takes.empty() && v.child_with(w, "ccomp") < 0) {
          auto listed = [&](std::string_view lemma) {
            for (size_t at = 0; at <= takes.size();) {
              const size_t bar = std::min(takes.find('|', at), takes.size());
              if (takes.substr(at, bar - at) == lemma) return true;
              at = bar + 1;
            }
            return false;
          };
          int first = -1, last = -1;
          for (int c : v.children(w)) {
            if (v.span(c).start < v.span(w).end) continue;
            std::string_view rel = v.deprel(c);
            // (After an object only, for a verb that takes listed objects: "announced their
            // plans to shift ...", not "announced Benin was to join".)
            const bool infinitive = (takes == "to" || takes == "any" || last >= 0) &&
                                    (rel == "xcomp" || rel == "advcl") && v.has_mark(c, "to") &&
                                    v.upos(c) == "VERB";
            const bool object = rel == "obj" && v.actor_of(c) < 0 &&
                                (takes == "any" || (takes != "to" && listed(v.lemma(c))));
            const bool source = rel.starts_with("obl") && v.case_of(c) == "from";
            if (infinitive || object) last = c;
            if ((infinitive || object || source) && first < 0) first = c;
          }
          // (A finite clause in it is a report the verb of saying reads: "announced the new
          // region, to be called Bangsamoro, would be ..."; and an object alone says something
          // only with some words to it: not "stressed his support".)
          bool finite = false;
          int words = 0;
          for (int y = 0; y < v.size() && last >= 0; ++y) {
            if (v.span(y).start < v.subtree_span(first).start ||
                v.span(y).end > v.subtree_span(last).end)
              continue;
            finite |= is_in(v.xpos(y), {"VBD", "VBZ", "VBP", "MD"});
            words += v.upos(y) != "PUNCT";
          }
          const bool phrase = last >= 0 && (words >= 4 || v.deprel(last) != "obj");
          if (last >= 0 && phrase && !finite && !in_direct_quote(v.subtree_span(last))) {
            const Quote q =
                reported(v, si, w, {v.subtree_span(first).start, v.subtree_span(last).end});
            if (q.speaker_actor >= 0) a_.quotes.push_back(q);
            continue;
          }
        }
        // A passive report with its source: "were reported by local media to have visited the
        // hospital", "reported by The Guardian as convicted of assaults": the infinitive or the
        // "as" phrase is what the agent said.
        if (v.upos(w) == "VERB" && v.xpos(w) == "VBN" && v.speech_verb(v.lemma(w)) &&
            v.child_with(w, "ccomp") < 0) {
          const int agent = v.child_with(w, "obl:agent");
          const std::vector<int> sources = agent >= 0 ? v.actors_at(agent) : std::vector<int>{};
          int said = -1;
          for (int holder : {w, agent})
            for (int c : holder >= 0 ? v.children(holder) : std::vector<int>{})
              if (said < 0 && v.span(c).start > v.span(agent >= 0 ? agent : w).start &&
                  ((v.deprel(c) == "xcomp" && v.has_mark(c, "to")) ||
                   ((v.deprel(c) == "advcl" || v.deprel(c).starts_with("obl")) &&
                    v.has_mark(c, "as"))))
                said = c;
          // (Something said, not a word: "reported by CNN as such".)
          if (!sources.empty() && said >= 0 && v.subtree_span(said).end > v.span(said).end &&
              !in_direct_quote(v.subtree_span(said))) {
            Span span = v.subtree_span(said);
            for (int c : v.children(said))
              if (v.lemma(c) == "as" && v.span(c).start == span.start) {
                span.start = v.span(c).end;
                while (span.start < span.end && a_.text[span.start] == ' ') ++span.start;
              }
            // (Up to a second source coordinated inside it: "as convicted of assaults and by
            // Associated Press of bank robberies".)
            for (int y = 0; y < v.size(); ++y)
              if (v.span(y).start > span.start && v.span(y).end <= span.end && v.lemma(y) == "by" &&
                  y > 0 && v.lemma(y - 1) == "and" && v.span(y - 1).start > span.start) {
                span.end = v.span(y - 1).start;
                while (span.end > span.start && a_.text[span.end - 1] == ' ') --span.end;
                break;
              }
            a_.quotes.push_back(reported_by(v, si, w, span, sources.front(), agent));
            continue;
          }
        }
        if (v.upos(w) != "VERB" || !v.speech_verb(v.lemma(w))) continue;
        // The reported clause: a ccomp that is a clause (a verb, or a predicate with its own
        // subject or copula) outside any direct quote. A lone word the parser hung on the verb as
        // ccomp ("Egyptian" of a misread "Egyptian Foreign Minister ... said") is no report.
        int content = -1;
        for (int c : v.children(w)) {
          if (v.deprel(c) != "ccomp" || in_direct_quote(v.span(c))) continue;
          bool clause = v.upos(c) == "VERB" || v.upos(c) == "AUX";
          for (int g : v.children(c)) {
            std::string_view rel = v.deprel(g);
            clause |= rel.starts_with("nsubj") || rel.starts_with("csubj") || rel == "cop" ||
                      rel == "aux";
          }
          if (clause) {
            content = c;
            break;
          }
        }
        // A report without "that" the parser misread ("claims Mahan flies fighters" as a
        // coordination, "announced the tests ... found Novichok" as object and xcomp,
        // "announced Benin was to join"): a finite clause hung on the verb of saying with no
        // conjunction of its own is the reported clause, its subject read as the verb's object.
        Span misread{0, 0};
        if (content < 0) {
          auto finite = [&](int c) {
            if (is_in(v.xpos(c), {"VBD", "VBZ", "VBP", "MD"})) return true;
            for (int g : v.children(c))
              if ((v.deprel(g) == "aux" || v.deprel(g) == "cop") &&
                  is_in(v.xpos(g), {"VBD", "VBZ", "VBP", "MD"}))
                return true;
            return false;
          };
          // ("saying this is for security reasons": the predicate noun, with its copula, is
          // read as an oblique of the verb.)
          auto copular = [&](int c) {
            return v.deprel(c) == "obl" && v.child_with(c, "cop") >= 0 &&
                   v.child_with(w, "obj") >= 0;
          };
          for (int c : v.children(w)) {
            if ((!is_in(v.deprel(c), {"conj", "xcomp", "advcl", "parataxis"}) && !copular(c)) ||
                v.span(c).start < v.span(w).end || !finite(c) || v.child_with(c, "cc") >= 0 ||
                in_direct_quote(v.span(c)))
              continue;
            bool conjunction = false;  // "because", "if", "when": an adverbial clause
            for (int g : v.children(c))
              conjunction |= v.deprel(g) == "mark" && v.lemma(g) != "to" && v.lemma(g) != "that";
            if (conjunction) continue;
            // (Nor a trailing attribution of its own: "agreed upon a pact, the White House
            // announced" is the White House's report of the agreement.)
            if (v.deprel(c) == "parataxis" && v.speech_verb(v.lemma(c)) &&
                v.child_with(c, "nsubj") >= 0 && v.child_with(c, "obj") < 0 &&
                v.child_with(c, "ccomp") < 0 && v.child_with(c, "xcomp") < 0)
              continue;
            Span span = v.subtree_span(c);
            if (int obj = v.child_with(w, "obj"); obj >= 0 && v.span(obj).start < span.start)
              span.start = v.subtree_span(obj).start;
            else if (v.child_with(c, "nsubj") < 0 && v.child_with(c, "nsubj:pass") < 0)
              continue;  // no subject anywhere: "announced and signed", not a report
            misread = span;
            break;
          }
        }
        // A report whose span is found apart from its verb: the verb is the cue, its subject
        // the speaker.
        auto report = [&](Span span) { a_.quotes.push_back(reported(v, si, w, span)); };
        if (misread.end > 0) {
          report(misread);
          continue;
        }
        // A trailing attribution ("The office has suspended the permit, German officials
        // said."): the verb of saying hangs on the clause it reports, which runs from the
        // sentence's start to the comma before the speaker.
        Span trailing{0, 0};
        // ('"...", argued the government's lawyer': the speaker after an inverted verb of saying
        // is often read as its object.)
        const bool inverted = w > 0 && v.upos(w - 1) == "PUNCT" && v.child_with(w, "nsubj") < 0 &&
                              is_in(v.xpos(w), {"VBD", "VBZ", "VBP"});
        // (Not a participle that a direct quote follows: "X called on Italy to join, adding
        // '...'" reports the quote after it, not the clause before.)
        const bool quote_follows =
            v.xpos(w) == "VBG" && in_direct_quote(Span{v.span(w).end, v.span(v.size() - 1).end});
        if (content < 0 && v.head(w) >= 0 && (v.child_with(w, "obj") < 0 || inverted) &&
            v.child_with(w, "xcomp") < 0 && !quote_follows &&
            is_in(v.deprel(w), {"parataxis", "advcl", "conj", "ccomp"}) &&
            v.span(v.head(w)).start < v.span(w).start) {
          Span before = v.subtree_span(w);
          Span whole = v.span(0);
          whole.end = before.start;
          // back over the comma and spaces between the clause and the speaker
          while (whole.end > whole.start &&
                 (a_.text[whole.end - 1] == ' ' || a_.text[whole.end - 1] == ',' ||
                  a_.text[whole.end - 1] == '\n'))
            --whole.end;
          // only when a comma separates them: "..., officials said", not "He went home and said"
          const bool comma =
              before.start > whole.end &&
              a_.view(Span{whole.end, before.start}).find(',') != std::string_view::npos;
          if (comma && whole.end > whole.start + 10 && !in_direct_quote(whole)) trailing = whole;
        }
        // "The council is, as news sources noted, completely democratic", "as the BBC reported":
        // a parenthetical "as" report sources the clause it hangs on.
        if (content < 0 && trailing.end == 0 && v.head(w) >= 0 && v.deprel(w) == "advcl" &&
            v.child_with(w, "obj") < 0) {
          bool as = false;
          for (int c : v.children(w))
            as |= v.deprel(c) == "mark" && v.lemma(c) == "as" && v.span(c).start < v.span(w).start;
          int head = v.head(w);
          if (as && (v.upos(head) == "VERB" || v.upos(head) == "ADJ" || v.upos(head) == "AUX" ||
                     v.child_with(head, "cop") >= 0)) {
            const Span clause = v.subtree_span(head);
            if (!in_direct_quote(clause)) report(clause);
            continue;
          }
        }
        if (content < 0 && trailing.end == 0) continue;
        if (content < 0) {
          report(trailing);
          continue;
        }
        Quote q;
        q.kind = "indirect";
        q.sentence = si;
        // The reported clause without its complementiser.
        Span span = v.subtree_span(content);
        for (int c : v.children(content))
          if (v.deprel(c) == "mark" && v.span(c).start == span.start) {
            span.start = v.span(c).end;
            while (span.start < span.end && a_.text[span.start] == ' ') ++span.start;
          }
        q.span = span;
        q.cue = v.span(w);
        if (int prt = v.child_with(w, "compound:prt"); prt >= 0)
          q.cue.end = std::max(q.cue.end, v.span(prt).end);
        q.cue_lemma = v.lemma(w);
        speaker_of(v, w, q);
        a_.quotes.push_back(q);
      }
    }
  }

  // Text of a word's subtree, without relative clauses, appositions and edge punctuation,
  // and without a leading determiner or possessive pronoun.
  std::string phrase(const ClauseView& v, int w, std::vector<std::string>* lemmas,
                     bool drop_case = true) const {
    std::vector<int> words;
    std::vector<int> stack{w};
    while (!stack.empty()) {
      int x = stack.back();
      stack.pop_back();
      words.push_back(x);
      for (int c : v.children(x)) {
        std::string_view rel = v.deprel(c);
        if (rel == "acl:relcl" || rel == "appos" || rel == "punct" || rel == "parataxis" ||
            rel == "advcl")
          continue;
        if (x == w && drop_case && (rel == "case" || rel == "mark" || rel == "cc")) continue;
        stack.push_back(c);
      }
    }
    std::sort(words.begin(), words.end());
    // Keep the contiguous run around the head (skipped children may leave gaps).
    int lo = static_cast<int>(std::find(words.begin(), words.end(), w) - words.begin()), hi = lo;
    while (lo > 0 && words[lo - 1] == words[lo] - 1) --lo;
    while (hi + 1 < static_cast<int>(words.size()) && words[hi + 1] == words[hi] + 1) ++hi;
    while (lo < hi && is_in(v.lemma(words[lo]), {"the", "a", "an", "this", "that", "these", "those",
                                                 "their", "its", "his", "her", "our", "any", "some",
                                                 "to", "of", "for", "against", "on"}))
      ++lo;
    if (lemmas)
      for (int i = lo; i <= hi; ++i)
        if (content_word(v.upos(words[i]))) lemmas->push_back(v.lemma(words[i]));
    Span s{v.span(words[lo]).start, v.span(words[hi]).end};
    std::string out(a_.view(s));
    for (char& c : out)
      if (c == '\n') c = ' ';
    return out;
  }

  // The clause root of a quote: the word inside it whose head lies outside.
  std::vector<std::pair<uint32_t, int>> quote_roots(const Quote& q) const {
    std::vector<std::pair<uint32_t, int>> out;
    for (uint32_t si = sentence_at(q.span.start);
         si < a_.sentences.size() && a_.sentences[si].span.start < q.span.end; ++si) {
      const ClauseView& v = view(si);
      for (int w = 0; w < v.size(); ++w) {
        if (!q.span.contains(v.span(w))) continue;
        int h = v.head(w);
        bool root = h < 0 || !q.span.contains(v.span(h));
        bool side = h >= 0 && q.span.contains(v.span(h)) && (v.deprel(w) == "parataxis") &&
                    v.upos(w) == "VERB";
        if ((root && (v.upos(w) == "VERB" || v.upos(w) == "ADJ" || v.upos(w) == "NOUN" ||
                      v.upos(w) == "AUX")) ||
            side)
          out.push_back({si, w});
      }
    }
    return out;
  }

  void claims() {
    for (size_t qi = 0; qi < a_.quotes.size(); ++qi) {
      const Quote& q = a_.quotes[qi];
      if (q.speaker_actor < 0) continue;
      auto roots = quote_roots(q);
      if (roots.size() > 3) roots.resize(3);
      for (auto [si, r] : roots) {
        const ClauseView& v = view(si);
        // The theme: what the claim is about.
        int theme = -1, context = -1;
        for (std::string_view rel : {"nsubj:pass", "obj", "nsubj"})
          for (int c : v.children(r))
            if (theme < 0 && v.deprel(c) == rel && v.actor_of(c) < 0 && v.upos(c) != "PRON" &&
                v.is_nominal(c))
              theme = c;
        if (theme < 0) continue;
        for (int c : v.children(r)) {
          if (c == theme || v.actor_of(c) >= 0 || !v.is_nominal(c)) continue;
          std::string_view rel = v.deprel(c);
          if (rel == "nsubj" ||
              ((rel.starts_with("obl") || rel.starts_with("nmod")) &&
               is_in(v.case_of(c), {"in", "on", "of", "for", "at", "over", "about"})))
            if (context < 0) context = c;
        }
        Claim c;
        c.sentence = si;
        c.source_actor = q.speaker_actor;
        c.quote = static_cast<int32_t>(qi);
        std::vector<std::string> theme_lemmas;
        c.topic = phrase(v, theme, &theme_lemmas);
        if (context >= 0) {
          std::string ctx = phrase(v, context, nullptr);
          c.topic += (v.deprel(context) == "nsubj" ? " in " : " " + v.case_of(context) + " ") + ctx;
          if (v.deprel(context) == "nsubj") c.topic = phrase(v, theme, nullptr) + " in " + ctx;
        }
        bool negative_det = false;
        for (int d : v.children(theme))
          if (v.deprel(d) == "det" && v.lemma(d) == "no") negative_det = true;
        c.affirmed = !(v.negated(r) || negative_det || is_in(v.lemma(r), {"fail", "lack"}));
        std::string modality = v.modality(r);
        const Actor& src = a_.actors[q.speaker_actor];
        bool second_hand = q.cue_lemma == "report" || q.cue_lemma == "according to" ||
                           q.cue_lemma == "in the view of" ||
                           src.name.find("sources") != std::string::npos;
        c.certainty = is_in(modality, {"could", "may", "would", "conditional"}) ? "hedged"
                      : second_hand                                             ? "reported"
                                                                                : "asserted";
        c.evidence = v.subtree_span(r);
        if (!q.span.contains(c.evidence)) c.evidence = q.span;
        c.topic_key = fold(v.lemma(theme));
        topic_keys_.push_back(c.topic_key);
        a_.claims.push_back(std::move(c));
      }
    }
  }

  // Stances of verbs and nouns: data/words/stance-verbs.tsv, stance-nouns.tsv.
  std::string_view stance_of(std::string_view lemma) const {
    return index_.words().stance_verbs.value(lemma);
  }
  std::string_view stance_of_noun(std::string_view lemma) const {
    return index_.words().stance_nouns.value(lemma);
  }

  void add_position(const ClauseView& v, int actor, std::string_view stance, int issue_word,
                    int verb) {
    std::vector<std::string> lemmas;
    // "maintaining X" as the issue of a demand is a position to maintain X.
    if (v.upos(issue_word) == "VERB" &&
        is_in(v.lemma(issue_word), {"maintain", "keep", "retain"})) {
      int obj = v.child_with(issue_word, "obj");
      if (obj >= 0) {
        stance = "maintain";
        verb = issue_word;
        issue_word = obj;
      }
    }
    // Transparent heads: "proposals for international forces" are about international forces.
    if (is_in(v.lemma(issue_word),
              {"proposal", "plan", "idea", "offer", "request", "call", "suggestion", "initiative"}))
      for (int c : v.children(issue_word))
        if (v.deprel(c).starts_with("nmod") && v.case_of(c) != "of") {
          issue_word = c;
          break;
        }
    std::string issue = phrase(v, issue_word, &lemmas);
    // Phrases attached to the verb right after the object belong to the issue: "demand a
    // withdrawal of forces from Gaza", "maintaining control over the Philadelphia axis".
    Span end = v.subtree_span(issue_word);
    for (int c : v.children(verb)) {
      if (!v.deprel(c).starts_with("obl") || v.actor_of(c) >= 0) continue;
      Span cs = v.subtree_span(c);
      std::string_view between = a_.view(Span{end.end, cs.start});
      if (cs.start >= end.end && between.find_first_not_of(" ") == std::string_view::npos &&
          is_in(v.case_of(c), {"from", "over", "of", "in", "on", "to"})) {
        issue += " " + phrase(v, c, &lemmas, false);
        end = cs;
      }
    }
    if (issue.empty() || lemmas.empty()) return;
    Position p;
    p.sentence = v.sentence();
    p.actor = actor;
    p.issue = issue;
    p.issue_key = issue_key(lemmas);
    p.stance = std::string(stance);
    p.evidence = v.subtree_span(verb);
    for (const Position& q : a_.positions)
      if (q.actor == p.actor && q.issue_key == p.issue_key && q.stance == p.stance) return;
    a_.positions.push_back(std::move(p));
  }

  std::vector<int> holders(const ClauseView& v, int w) const {
    Lexicon none;
    std::vector<int> actors = v.agent_actors(w, none);
    // Stance participles hanging off a predicate ("remains firm on maintaining ...") belong to
    // the clause's subject.
    for (int x = v.head(w), steps = 0; actors.empty() && x >= 0 && steps < 3;
         x = v.head(x), ++steps)
      actors = v.agent_actors(x, none);
    return actors;
  }

  void positions() {
    for (uint32_t si = 0; si < a_.sentences.size(); ++si) {
      const ClauseView& v = view(si);
      for (int w = 0; w < v.size(); ++w) {
        bool verb = v.upos(w) == "VERB";
        std::string_view stance = verb              ? stance_of(v.lemma(w))
                                  : v.is_nominal(w) ? stance_of_noun(v.lemma(w))
                                                    : "";
        // "voted for X", "voted to leave" support; "voted against X" opposes.
        int vote_issue = -1;
        if (verb && v.lemma(w) == "vote") {
          for (int c : v.children(w)) {
            if (vote_issue >= 0) break;
            std::string_view rel = v.deprel(c);
            if (rel.starts_with("obl") && v.case_of(c) == "against")
              stance = "oppose", vote_issue = c;
            else if (rel.starts_with("obl") && is_in(v.case_of(c), {"for", "in"}) &&
                     v.lemma(c) != "election")
              stance = "support", vote_issue = c;
            else if (rel == "xcomp" || (rel == "advcl" && v.has_mark(c, "to")))
              stance = "support", vote_issue = c;
          }
          // "in favor of X": the issue is the phrase under "favor"
          if (vote_issue >= 0 && v.lemma(vote_issue) == "favor")
            for (int c : v.children(vote_issue))
              if (v.deprel(c).starts_with("nmod")) vote_issue = c;
        }
        if (stance.empty() || v.negated(w)) continue;
        std::string modality = v.modality(w);
        if (!modality.empty() && modality != "will") continue;
        std::vector<int> actors;
        if (verb) {
          actors = holders(v, w);
        } else {
          for (int c : v.children(w))
            if (v.deprel(c) == "nmod:poss" || v.deprel(c) == "amod" || v.deprel(c) == "compound")
              for (int x : v.actors_at(c)) add_unique(actors, x);
          // "Navalny is an outspoken critic of Putin", "Adamowicz was an early supporter of
          // democracy": the subject of a noun predicate holds its stance.
          if (actors.empty() && v.child_with(w, "cop") >= 0)
            if (int subject = v.child_with(w, "nsubj"); subject >= 0) actors = v.actors_at(subject);
        }
        if (actors.empty()) continue;
        std::vector<int> issues;
        if (vote_issue >= 0) issues.push_back(vote_issue);
        for (int c : v.children(w)) {
          if (vote_issue >= 0) break;
          std::string_view rel = v.deprel(c);
          // A party is an issue only for a stance noun ("an outspoken critic of Putin", "a
          // supporter of Trump"); after a verb it is whom the act is aimed at.
          if (v.actor_of(c) >= 0 && rel != "xcomp" && verb) continue;
          if (rel == "xcomp" && v.child_with(c, "aux:pass") >= 0)
            continue;  // "rejected proposals ... to be deployed"
          bool complement_verb =
              is_in(v.lemma(w), {"urge", "call", "press", "push", "refuse", "decline", "agree",
                                 "demand", "seek", "encourage"});
          // "called the move a 'maneuver'" names, "called for a ceasefire" demands: "call" and
          // "press" take their issue from a for/on phrase or a verb complement only.
          const bool needs_phrase = verb && is_in(v.lemma(w), {"call", "press", "push"});
          if (rel == "xcomp" && v.upos(c) != "VERB" && v.upos(c) != "AUX") continue;
          // A time is no issue: "agreed on Wednesday that ...".
          if (v.words().temporal_words.contains(v.text(c)) ||
              v.words().temporal_words.contains(v.lemma(c)))
            continue;
          // The phrase's preposition: its own, or the first word of a name with a title ("of
          // Russian president Vladimir Putin" hangs "of" on "president").
          std::string preposition = v.case_of(c);
          if (preposition.empty()) {
            const Span sub = v.subtree_span(c);
            for (int x = 0; x < v.size(); ++x)
              if (v.span(x).start == sub.start && v.deprel(x) == "case") preposition = v.lemma(x);
          }
          if ((rel == "obj" && !needs_phrase) || (rel == "xcomp" && complement_verb) ||
              (rel == "advcl" && complement_verb && v.has_mark(c, "to")) ||
              ((rel.starts_with("obl") || rel.starts_with("nmod") || rel == "acl") &&
               is_in(preposition, {"for", "on", "to", "against", "of"})) ||
              (!verb && rel == "acl"))
            issues.push_back(c);
          // "advocating for a ceasefire and increased aid": a verb conjunct without a subject
          // continues the list of issues.
          if (verb && rel == "conj" && v.upos(c) == "VERB" && v.child_with(c, "nsubj") < 0 &&
              v.child_with(c, "obj") >= 0 && (v.xpos(c) == "VBN" || v.xpos(c) == "VBD"))
            issues.push_back(c);
        }
        for (int actor : actors) {
          // A position needs a party: an actor nothing identifies holds none an analyst can use.
          if (a_.actors[static_cast<size_t>(actor)].code.empty()) continue;
          for (int issue : issues) add_position(v, actor, stance, issue, w);
        }
      }
    }
  }

  // "His associates have alleged Navalny was poisoned", "the network claims the order did not
  // cover ...": a party that alleges, claims or maintains what it reports holds that position
  // (stance "maintain"; the verbs are those data/words/stance-verbs.tsv marks so). Plain "said"
  // reports without taking a stance.
  void positions_from_claims() {
    for (const Quote& q : a_.quotes) {
      if (q.speaker_actor < 0 || stance_of(q.cue_lemma) != "maintain") continue;
      if (a_.actors[static_cast<size_t>(q.speaker_actor)].code.empty()) continue;
      std::string issue(a_.view(q.span));
      if (issue.size() > 120) issue = issue.substr(0, issue.rfind(' ', 120)) + " ...";
      Position p;
      p.sentence = sentence_at(q.span.start);
      p.actor = q.speaker_actor;
      p.issue = issue;
      p.issue_key = fold(issue);
      p.stance = "maintain";
      p.evidence = q.span;
      bool known = false;
      for (const Position& x : a_.positions)
        known |= x.actor == p.actor && x.evidence.overlaps(p.evidence);
      if (!known) a_.positions.push_back(std::move(p));
    }
  }

  // The stance a coded act takes: demands and appeals ask for something, criticism and
  // accusations oppose it, rejections reject it, promises, agreements, praise and endorsement
  // support it (CAMEO's verbal roots). Other acts (meetings, force, aid) take no stance on an
  // issue of their own.
  static std::string_view stance_of_code(std::string_view cameo) {
    if (cameo.starts_with("02") || cameo.starts_with("10")) return "demand";
    if (cameo.starts_with("11")) return "oppose";
    if (cameo.starts_with("12")) return "reject";
    // Intents to cooperate and diplomatic cooperation (promises, agreements, endorsements)
    // support what they are about.
    if (cameo.starts_with("03") || cameo.starts_with("05")) return "support";
    // Leaving an agreement or body, breaking off talks ("withdrew from the treaty", "pulled out
    // of the negotiations") rejects it.
    if (withdrawal_code(cameo)) return "reject";
    return {};
  }
  static bool withdrawal_code(std::string_view cameo) {
    return cameo == "160" || cameo.starts_with("164");
  }

  // Positions read off coded events the stance verbs did not cover ("calling for the killers
  // to be brought to justice", "accused Johnson of misleading the Queen"): the event's source
  // takes the act's stance on what the act is about (its object or complement, else its target).
  void positions_from_events() {
    for (const Event& e : a_.events) {
      std::string_view stance = stance_of_code(e.cameo);
      if (stance.empty() || e.negated || e.source_actor < 0 || e.sentence >= a_.sentences.size())
        continue;
      if (a_.actors[static_cast<size_t>(e.source_actor)].code.empty()) continue;
      if (!e.modality.empty() && e.modality != "will") continue;
      const ClauseView& v = view(e.sentence);
      int w = -1;
      for (int x = 0; x < v.size() && w < 0; ++x)
        if (v.span(x).start == e.trigger.start) w = x;
      if (w < 0) continue;
      bool covered = false;  // the stance verbs already read this predicate
      for (const Position& q : a_.positions)
        covered |= q.actor == e.source_actor && q.sentence == e.sentence &&
                   q.evidence.start <= v.span(w).start && v.span(w).end <= q.evidence.end;
      // An allegation or claim reported with its content ("his associates had alleged Navalny
      // was poisoned") maintains that content (positions_from_claims), whatever act it codes.
      for (const Quote& q : a_.quotes)
        covered |= q.cue.start == e.trigger.start && stance_of(q.cue_lemma) == "maintain";
      if (covered) continue;
      int issue = -1;
      // What is left is the issue, not whoever leaves it ("withdrew the US from the treaty").
      if (withdrawal_code(e.cameo))
        for (int c : v.children(w))
          if (issue < 0 && v.deprel(c).starts_with("obl") && is_in(v.case_of(c), {"from", "of"}))
            issue = c;
      for (int c : v.children(w)) {
        std::string_view rel = v.deprel(c);
        if (issue < 0 && (rel == "obj" || rel == "xcomp" || rel == "ccomp")) issue = c;
      }
      for (int c : v.children(w))
        if (issue < 0 && (v.deprel(c).starts_with("obl") || v.deprel(c).starts_with("nmod")) &&
            is_in(v.case_of(c), {"for", "on", "against", "of", "over", "to"}))
          issue = c;
      if (issue < 0) continue;
      // Charging or trying a party ("impeached President Trump", "sued the company") is a
      // legal act, not a stance on that party.
      if ((e.cameo.starts_with("115") || e.cameo.starts_with("116")) && v.actor_of(issue) >= 0)
        continue;
      add_position(v, e.source_actor, stance, issue, w);
    }
  }

  void divergences() {
    // Claims: the same theme, opposite polarity, different parties.
    std::set<std::string> done;
    for (size_t i = 0; i < a_.claims.size(); ++i) {
      if (done.count(topic_keys_[i])) continue;
      Divergence d;
      d.kind = "claim";
      bool affirmed = false, negated = false;
      std::set<std::pair<std::string, bool>> sides;
      for (size_t j = i; j < a_.claims.size(); ++j) {
        if (topic_keys_[j] != topic_keys_[i]) continue;
        const Claim& c = a_.claims[j];
        (c.affirmed ? affirmed : negated) = true;
        if (!sides.insert({a_.actors[c.source_actor].code, c.affirmed}).second) continue;
        d.sides.push_back({c.source_actor, c.affirmed ? "affirmed" : "negated", c.evidence});
        if (d.topic.empty() || (!c.affirmed && d.topic.size() < c.topic.size())) d.topic = c.topic;
      }
      done.insert(topic_keys_[i]);
      if (!(affirmed && negated)) continue;
      std::set<std::string> codes;
      for (const auto& s : d.sides) codes.insert(a_.actors[s.actor].code);
      if (codes.size() < 2) continue;
      a_.divergences.push_back(std::move(d));
    }
    // Positions: the same issue, incompatible stances, different parties.
    std::set<std::string> issues_done;
    for (size_t i = 0; i < a_.positions.size(); ++i) {
      const std::string& key = a_.positions[i].issue_key;
      if (!issues_done.insert(key).second) continue;
      Divergence d;
      d.kind = "position";
      d.topic = a_.positions[i].issue;
      bool conflict = false;
      for (size_t j = i; j < a_.positions.size(); ++j) {
        const Position& p = a_.positions[j];
        if (p.issue_key != key) continue;
        for (const auto& s : d.sides)
          if (opposed_stances(s.value, p.stance) &&
              a_.actors[s.actor].code != a_.actors[p.actor].code)
            conflict = true;
        d.sides.push_back({p.actor, p.stance, p.evidence});
      }
      if (conflict) a_.divergences.push_back(std::move(d));
    }
  }

  Article& a_;
  ArticleIndex index_;
  // Each sentence's clause view, built once: the passes below read every sentence several times
  // (quotes, claims, positions, positions from events), and building a view is about 2% of the
  // whole chain.
  mutable std::vector<std::unique_ptr<ClauseView>> views_;
  const ClauseView& view(uint32_t si) const {
    if (views_.size() < a_.sentences.size()) views_.resize(a_.sentences.size());
    if (!views_[si]) views_[si] = std::make_unique<ClauseView>(index_, si);
    return *views_[si];
  }
  size_t direct_count_ = 0;
  std::vector<std::string> topic_keys_;  // parallel to a_.claims
};

}  // namespace

void Attribution::process(Article& article) const {
  article.quotes.clear();
  article.claims.clear();
  article.positions.clear();
  article.divergences.clear();
  if (article.analysis.size() != article.words.size()) return;
  Extractor(article, *words_).run();
}

void collect(const Article& a, std::vector<PositionRecord>& positions,
             std::vector<ClaimRecord>& claims) {
  for (const Position& p : a.positions) {
    if (p.actor < 0) continue;
    const Actor& x = a.actors[p.actor];
    positions.push_back(
        {a.id, x.code, x.name, p.issue, p.issue_key, p.stance, std::string(a.view(p.evidence))});
  }
  for (const Claim& c : a.claims) {
    if (c.source_actor < 0) continue;
    const Actor& x = a.actors[c.source_actor];
    claims.push_back({a.id, x.code, x.name, c.topic, c.topic_key,
                      c.affirmed ? "affirmed" : "negated", c.certainty,
                      std::string(a.view(c.evidence))});
  }
}

std::vector<CorpusDivergence> corpus_divergences(const std::vector<PositionRecord>& positions,
                                                 const std::vector<ClaimRecord>& claims) {
  std::vector<CorpusDivergence> out;
  std::map<std::string, std::vector<const ClaimRecord*>> by_topic;
  for (const ClaimRecord& c : claims) by_topic[c.topic_key].push_back(&c);
  for (const auto& [key, list] : by_topic) {
    std::set<std::string> affirm, negate;
    for (const ClaimRecord* c : list)
      (c->polarity == "affirmed" ? affirm : negate).insert(c->source_code);
    bool differ = false;
    for (const std::string& x : affirm)
      for (const std::string& y : negate) differ |= x != y;
    if (!differ) continue;
    CorpusDivergence d;
    d.topic = list.front()->topic;
    d.kind = "claim";
    std::set<std::pair<std::string, std::string>> seen;
    for (const ClaimRecord* c : list)
      if (seen.insert({c->source_code, c->polarity}).second) {
        d.sides.push_back({c->source_code, c->polarity});
        d.evidence.push_back(c->doc_id + ": " + c->evidence);
      }
    out.push_back(std::move(d));
  }
  std::map<std::string, std::vector<const PositionRecord*>> by_issue;
  for (const PositionRecord& p : positions) by_issue[p.issue_key].push_back(&p);
  for (const auto& [key, list] : by_issue) {
    bool conflict = false;
    for (const PositionRecord* x : list)
      for (const PositionRecord* y : list)
        conflict |= x->actor_code != y->actor_code && opposed_stances(x->stance, y->stance);
    if (!conflict) continue;
    CorpusDivergence d;
    d.topic = list.front()->issue;
    d.kind = "position";
    std::set<std::pair<std::string, std::string>> seen;
    for (const PositionRecord* p : list)
      if (seen.insert({p->actor_code, p->stance}).second) {
        d.sides.push_back({p->actor_code, p->stance});
        d.evidence.push_back(p->doc_id + ": " + p->evidence);
      }
    out.push_back(std::move(d));
  }
  return out;
}

}  // namespace parley::extract
