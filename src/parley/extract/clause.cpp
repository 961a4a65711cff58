#include "parley/extract/clause.hpp"

#include <algorithm>
#include <cstdint>
#include <ctime>
#include <deque>

#include "parley/text/strings.hpp"

namespace parley::extract {

using text::add_unique;
using text::ascii_lower;
using text::is_in;

ArticleIndex::ArticleIndex(const Article& article, const text::WordLists& words)
    : a_(article),
      words_(words),
      word_actor_(article.words.size(), -1),
      word_mention_(article.words.size(), -1) {
  for (size_t m = 0; m < a_.mentions.size(); ++m) {
    const Mention& mention = a_.mentions[m];
    // A state named inside another actor's name reads as that actor.
    if (mention.sentence >= a_.sentences.size() || mention.kind == "nested") continue;
    const Sentence& s = a_.sentences[mention.sentence];
    for (uint32_t w = s.first_word; w < s.first_word + s.word_count; ++w) {
      const Span& span = a_.words[w].span;
      if (span.start >= mention.span.start && span.end <= mention.span.end) {
        // A mention inside another ("the German government" in "the spokesperson for the
        // German government") keeps its words.
        if (const int other = word_mention_[w]; other >= 0) {
          const Span& o = a_.mentions[static_cast<size_t>(other)].span;
          if (o.end - o.start < mention.span.end - mention.span.start) continue;
        }
        word_actor_[w] = static_cast<int>(mention.actor);
        word_mention_[w] = static_cast<int>(m);
      }
    }
  }
}

ClauseView::ClauseView(const ArticleIndex& index, uint32_t sentence)
    : index_(index), a_(index.article()), sentence_(sentence) {
  const Sentence& s = a_.sentences[sentence];
  first_ = s.first_word;
  n_ = static_cast<int>(s.word_count);
  heads_.assign(n_, -1);
  children_.assign(n_, {});
  for (int w = 0; w < n_; ++w) {
    int h = a_.analysis[first_ + w].head;
    heads_[w] = (h >= 1 && h <= n_ && h - 1 != w) ? h - 1 : -1;
  }
  // Guard against cycles from malformed input: a cycle is broken at its first word, which is
  // detached. One pass (each word is walked once), so that every word reaches a root.
  {
    std::vector<uint8_t> state(n_, 0);  // 0 unseen, 1 on the current path, 2 done
    std::vector<int> path;
    for (int w = 0; w < n_; ++w) {
      path.clear();
      int x = w;
      while (x >= 0 && state[x] == 0) state[x] = 1, path.push_back(x), x = heads_[x];
      if (x >= 0 && state[x] == 1) {
        auto cycle = std::find(path.begin(), path.end(), x);
        heads_[*std::min_element(cycle, path.end())] = -1;
      }
      for (int y : path) state[y] = 2;
    }
  }
  for (int w = 0; w < n_; ++w)
    if (heads_[w] >= 0) children_[heads_[w]].push_back(w);
  // Pre-order numbering (in_subtree in O(1)) and each subtree's extent over its non-punctuation
  // words (subtree_span in O(1)): both once per sentence, iteratively, as the tree may be a
  // chain as long as the sentence.
  enter_.assign(n_, 0);
  leave_.assign(n_, 0);
  extent_.assign(n_, Span{UINT32_MAX, 0});
  std::vector<int> order;
  order.reserve(n_);
  std::vector<int> stack;
  for (int r = 0; r < n_; ++r) {
    if (heads_[r] >= 0) continue;
    stack.push_back(r);
    while (!stack.empty()) {
      int x = stack.back();
      stack.pop_back();
      enter_[x] = static_cast<int>(order.size());
      order.push_back(x);
      for (auto c = children_[x].rbegin(); c != children_[x].rend(); ++c) stack.push_back(*c);
    }
  }
  for (auto it = order.rbegin(); it != order.rend(); ++it) {
    int x = *it;
    leave_[x] = enter_[x] + 1;
    Span& e = extent_[x];
    if (upos(x) != "PUNCT") e = span(x);
    for (int c : children_[x]) {
      leave_[x] = std::max(leave_[x], leave_[c]);
      e.start = std::min(e.start, extent_[c].start);
      e.end = std::max(e.end, extent_[c].end);
    }
  }
}

std::string ClauseView::lemma(int w) const {
  const std::string& l = a_.analysis[first_ + w].lemma;
  return ascii_lower(l.empty() ? text(w) : std::string_view(l));
}
std::string_view ClauseView::text(int w) const {
  return a_.word_text(first_ + w);
}
std::string_view ClauseView::upos(int w) const {
  return a_.analysis[first_ + w].upos;
}
std::string_view ClauseView::xpos(int w) const {
  return a_.analysis[first_ + w].xpos;
}
std::string_view ClauseView::feats(int w) const {
  return a_.analysis[first_ + w].feats;
}
std::string_view ClauseView::deprel(int w) const {
  return a_.analysis[first_ + w].deprel;
}
Span ClauseView::span(int w) const {
  return a_.words[first_ + w].span;
}

Span ClauseView::subtree_span(int w) const {
  Span s = span(w);
  s.start = std::min(s.start, extent_[w].start);
  s.end = std::max(s.end, extent_[w].end);
  return s;
}

bool ClauseView::in_subtree(int w, int root) const {
  return enter_[root] <= enter_[w] && enter_[w] < leave_[root];
}

bool ClauseView::is_nominal(int w) const {
  return upos(w) == "NOUN" || upos(w) == "PROPN";
}

bool ClauseView::is_nominal_event(int w, const Lexicon& lexicon) const {
  if (!is_nominal(w)) return false;
  for (const Pattern& p : lexicon.nouns(lemma(w)))
    if (!p.code.empty() && std::isdigit(static_cast<unsigned char>(p.code[0]))) return true;
  return false;
}

bool ClauseView::is_passive(int w) const {
  for (int c : children_[w])
    if (deprel(c) == "aux:pass" || deprel(c) == "nsubj:pass" || deprel(c) == "obl:agent")
      return true;
  // A past participle modifying a noun ("the conditions set by Israel") is passive.
  if (deprel(w) == "acl" && xpos(w) == "VBN") return true;
  // So is a bare one heading an adverbial clause: "Backed by Russia, the rebels ..." ("having
  // attacked" is a perfect, not a passive).
  if (deprel(w) == "advcl" && xpos(w) == "VBN" && child_with(w, "aux") < 0 &&
      child_with(w, "nsubj") < 0)
    return true;
  // A bare participle conjoined to a passive shares its voice: "who was arrested and banned".
  return deprel(w) == "conj" && xpos(w) == "VBN" && heads_[w] >= 0 && child_with(w, "nsubj") < 0 &&
         child_with(w, "aux") < 0 && is_passive(heads_[w]);
}

std::string ClauseView::case_of(int w) const {
  for (int c : children_[w])
    if (deprel(c) == "case" || deprel(c) == "mark") return lemma(c);
  return {};
}

bool ClauseView::has_mark(int w, std::string_view mark) const {
  for (int c : children_[w])
    if ((deprel(c) == "mark" || deprel(c) == "case") && lemma(c) == mark) return true;
  return false;
}

int ClauseView::child_with(int w, std::string_view rel) const {
  for (int c : children_[w])
    if (deprel(c) == rel) return c;
  return -1;
}

int ClauseView::phrase_length(std::string_view entry) {
  return 1 + static_cast<int>(std::count(entry.begin(), entry.end(), ' '));
}

bool ClauseView::phrase_ends_at(int d, std::string_view entry) const {
  // Words are compared as lemma or lowercase form, last word first.
  for (int x = d;; --x) {
    size_t sp = entry.rfind(' ');
    std::string_view word = sp == std::string_view::npos ? entry : entry.substr(sp + 1);
    if (x < 0 || (lemma(x) != word && ascii_lower(text(x)) != word)) return false;
    if (sp == std::string_view::npos) return true;
    entry = entry.substr(0, sp);
  }
}

int ClauseView::find_before(int limit, const ArgConstraint& c, int* first) const {
  for (int d = limit - 1; d >= 0; --d) {
    if (c.lemmas.empty()) {
      // An actor slot: the mention that ends here.
      if (actor_of(d) < 0) {
        if (c.adjacent) return -1;
        continue;
      }
      int s = d;
      while (s > 0 && index_.mention_of_word(global(s - 1)) == index_.mention_of_word(global(d)))
        --s;
      *first = s;
      return d;
    }
    for (const std::string& e : c.lemmas)
      if (phrase_ends_at(d, e)) {
        *first = d - phrase_length(e) + 1;
        return d;
      }
    if (c.adjacent) return -1;
  }
  return -1;
}

bool ClauseView::in_clause_of(int x, int w) const {
  // Words of another predicate's clause are not w's: "urged Bree to help win a role in the
  // talks" has no "talks" for "help". That predicate itself or its mark may be ("* TO
  // RECONSIDER"); nominal modifiers stay inside their noun phrase ("memos sent from Bree"); and
  // a finite complement is what w says or allows ("allowed that Mordor isn't a really pleasant
  // place" is "* REALLY_PLEASANT").
  for (int y = x, steps = 0; y >= 0 && y != w && steps <= n_; y = heads_[y], ++steps) {
    std::string_view rel = deprel(y);
    if (rel.starts_with("ccomp") && heads_[y] == w) continue;
    bool clausal = rel.starts_with("xcomp") || rel.starts_with("ccomp") ||
                   rel.starts_with("advcl") || rel.starts_with("parataxis") ||
                   rel.starts_with("csubj") || (rel == "conj" && upos(y) == "VERB");
    if (!clausal) continue;
    if (heads_[y] != w) return false;
    if (y != x && !(y == heads_[x] && is_in(deprel(x), {"mark", "aux"}))) return false;
  }
  return in_subtree(x, w);
}

int ClauseView::find_after(int w, int from, const ArgConstraint& c) const {
  for (int start = std::max(from, 0); start < n_; ++start) {
    for (const std::string& e : c.lemmas) {
      int d = start + phrase_length(e) - 1;
      if (d < n_ && d != w && start != w && in_clause_of(start, w) && in_subtree(d, w) &&
          phrase_ends_at(d, e))
        return d;
    }
    if (c.lemmas.empty() && start != w && in_clause_of(start, w)) return start;
    if (c.adjacent) return -1;
  }
  return -1;
}

int ClauseView::find_dependent(int w, const ArgConstraint& c) const {
  auto lemma_ok = [&](int d) {
    if (c.lemmas.empty()) return true;
    std::string l = lemma(d);
    if (std::find(c.lemmas.begin(), c.lemmas.end(), l) != c.lemmas.end()) return true;
    std::string t = ascii_lower(text(d));
    if (std::find(c.lemmas.begin(), c.lemmas.end(), t) != c.lemmas.end()) return true;
    // A plural the lemmatizer keeps whole (a plurale tantum by treebank convention: "troops")
    // matches its singular.
    if (l == t && xpos(d) == "NNS" && t.size() > 3 && t.back() == 's' &&
        std::find(c.lemmas.begin(), c.lemmas.end(), t.substr(0, t.size() - 1)) != c.lemmas.end())
      return true;
    for (const std::string& e : c.lemmas)
      if (e.find(' ') != std::string::npos && phrase_ends_at(d, e)) return true;
    return false;
  };
  // A two-word preposition with a particle first is two case words in UD ("pulled out of Iran",
  // "walked away from the talks"): the preposition is the last, the particle the verb's.
  auto particle_case = [&](int d) {
    std::vector<int> cases;
    for (int x : children_[d])
      if (deprel(x) == "case" && x < d) cases.push_back(x);
    return cases.size() >= 2 && cases[0] + 1 == cases[1] ? cases[0] : -1;
  };
  auto prep_ok = [&](int d) {
    if (c.prep.empty() || case_of(d) == c.prep) return true;
    const int particle = particle_case(d);
    return particle >= 0 && lemma(particle + 1) == c.prep;
  };
  if (c.relation == Relation::Any) {
    for (int d = 0; d < n_; ++d)
      if (d != w && in_subtree(d, w) && lemma_ok(d)) return d;
    return -1;
  }
  if (c.relation == Relation::Obj && deprel(w) == "acl" && xpos(w) == "VBN" && heads_[w] >= 0 &&
      lemma_ok(heads_[w]))
    return heads_[w];
  for (int d : children_[w]) {
    std::string_view rel = deprel(d);
    bool match = false;
    switch (c.relation) {
      case Relation::Obj:
        match = rel == "obj" || rel == "nsubj:pass" ||
                // "delay around US$400 million": an approximate amount read as an oblique
                (rel == "obl" && is_in(case_of(d), {"around", "about", "over"}) &&
                 (upos(d) == "NUM" || upos(d) == "SYM" ||
                  words().measure_nouns.contains(ascii_lower(text(d)))));
        break;
      case Relation::Iobj:
        match = rel == "iobj";
        break;
      case Relation::Obl:
        match = rel.starts_with("obl") && rel != "obl:agent" && prep_ok(d);
        break;
      case Relation::Nmod:
        match = rel.starts_with("nmod") && (rel != "nmod:poss" || c.prep == "poss") &&
                (c.prep == "poss" || prep_ok(d));
        break;
      case Relation::Xcomp:
        match = rel == "xcomp" || (rel == "advcl" && has_mark(d, "to"));
        break;
      case Relation::Ccomp:
        match = rel == "ccomp";
        break;
      case Relation::Particle:
        match = rel == "compound:prt" || (rel == "advmod" && !c.lemmas.empty());
        break;
      case Relation::Amod:
        match = rel == "amod";
        break;
      case Relation::Compound:
        match = rel == "compound";
        break;
      case Relation::Nsubj:
        match = rel == "nsubj";
        break;
      case Relation::Joint:
        match = rel == "nsubj" || rel == "nsubj:pass";
        break;
      case Relation::Any:
      case Relation::Pre:
      case Relation::Post:
        break;
    }
    if (match && lemma_ok(d)) return d;
    // "delayed US$400 million in military aid", "provided 25,000 tons of food aid": an object
    // that measures is read through to what it measures.
    if (match && c.relation == Relation::Obj && !c.lemmas.empty() &&
        (words().measure_nouns.contains(lemma(d)) || upos(d) == "NUM" ||
         words().measure_nouns.contains(ascii_lower(text(d)))))
      for (int x : children_[d])
        if (deprel(x).starts_with("nmod") && is_in(case_of(x), {"of", "in"}) && lemma_ok(x))
          return x;
    if (c.relation == Relation::Particle && rel.starts_with("obl") && !c.lemmas.empty())
      if (const int particle = particle_case(d); particle >= 0 && lemma_ok(particle))
        return particle;
  }
  // A phrase of a secondary predicate is the event's own: "was shot dead in Osgiliath", "set
  // free from prison".
  if (c.relation == Relation::Obl)
    for (int x : children_[w])
      if (deprel(x) == "xcomp" && upos(x) == "ADJ")
        for (int d : children_[x])
          if (deprel(d).starts_with("obl") && deprel(d) != "obl:agent" && prep_ok(d) && lemma_ok(d))
            return d;
  return -1;
}

int ClauseView::clause_root(int w) const {
  if (!is_nominal(w) || heads_[w] < 0) return w;
  return heads_[w];
}

int ClauseView::actor_of(int w) const {
  return index_.actor_of_word(first_ + w);
}

void ClauseView::add_coordinated(int w, std::vector<int>& out, int depth) const {
  if (depth > 6) return;
  for (int c : children_[w]) {
    if (deprel(c) != "conj" && deprel(c) != "appos") continue;
    if (actor_of(c) >= 0) add_unique(out, actor_of(c));
    add_coordinated(c, out, depth + 1);
  }
}

std::vector<int> ClauseView::actors_at(int w) const {
  std::vector<int> out;
  if (w < 0) return out;
  // Relative pronouns stand for the noun their clause modifies.
  if (upos(w) == "PRON" && feats(w).find("PronType=Rel") != std::string_view::npos &&
      heads_[w] >= 0 && deprel(heads_[w]).starts_with("acl") && heads_[heads_[w]] >= 0)
    return actors_at(heads_[heads_[w]]);
  if (actor_of(w) >= 0) {
    add_unique(out, actor_of(w));
    add_coordinated(w, out, 0);
    // Coordination read off the surface too, as the parser often attaches long lists badly:
    // "Israel, the United States, Egypt, and Qatar".
    int mention = index_.mention_of_word(global(w));
    int j = w;
    while (j + 1 < n_ && index_.mention_of_word(global(j + 1)) == mention) ++j;
    // A list only counts when it closes with "and"/"or": "A, B" alone is often an apposition
    // or two clauses ("American officials, Israeli sources have ...").
    std::vector<int> listed;
    while (true) {
      int k = j + 1;
      bool separator = false, conjunction = false;
      while (k < n_ &&
             (text(k) == "," || lemma(k) == "and" || lemma(k) == "or" || lemma(k) == "the")) {
        separator |= text(k) != "the";
        conjunction |= lemma(k) == "and" || lemma(k) == "or";
        ++k;
      }
      if (!separator || k >= n_ || actor_of(k) < 0) break;
      listed.push_back(actor_of(k));
      int m = index_.mention_of_word(global(k));
      j = k;
      while (j + 1 < n_ && index_.mention_of_word(global(j + 1)) == m) ++j;
      if (conjunction) {
        for (int x : listed) add_unique(out, x);
        break;
      }
    }
    // "Israeli and Palestinian negotiators": nationalities before the mention that share its
    // role noun (mentions of kind "elided") are coordinated with it.
    int k = w;  // the word before the mention
    while (k >= 0 && index_.mention_of_word(global(k)) == mention) --k;
    while (k >= 1) {
      if (text(k) != "," && lemma(k) != "and" && lemma(k) != "or") break;
      const int before = index_.mention_of_word(global(k - 1));
      if (before < 0 || a_.mentions[static_cast<size_t>(before)].kind != "elided") break;
      add_unique(out, actor_of(k - 1));
      k -= 2;
      while (k >= 0 && index_.mention_of_word(global(k)) == before) --k;
    }
    return out;
  }
  // A nominal tied to actors: "negotiators from Qatar", "officials of the UN", "Israel's army".
  for (int c : children_[w]) {
    std::string_view rel = deprel(c);
    if (rel.starts_with("nmod") || rel == "appos" || rel == "amod" || rel == "compound" ||
        rel == "flat") {
      std::string cs = case_of(c);
      if (rel.starts_with("nmod") && !rel.starts_with("nmod:poss") && !cs.empty() &&
          !is_in(cs, {"from", "of", "for", "in", "at"}))
        continue;
      for (int x : actors_at(c)) add_unique(out, x);
    }
  }
  for (int c : children_[w])
    if (deprel(c) == "conj")
      for (int x : actors_at(c)) add_unique(out, x);
  return out;
}

std::vector<int> ClauseView::subtree_actors(int w, int exclude) const {
  std::deque<int> queue{w};
  while (!queue.empty()) {
    std::vector<int> level(queue.begin(), queue.end());
    queue.clear();
    std::vector<int> out;
    for (int x : level) {
      if (x == exclude) continue;
      if (actor_of(x) >= 0)
        for (int y : actors_at(x)) add_unique(out, y);
    }
    if (!out.empty()) return out;
    for (int x : level)
      if (x != exclude)
        for (int c : children_[x]) queue.push_back(c);
  }
  return {};
}

std::vector<int> ClauseView::pronoun_antecedent(int pronoun, int w, const Lexicon& lexicon,
                                                int depth) const {
  // "Ethiopia indicated it would act": a pronoun subject of a clause that complements or
  // continues another stands for that clause's subject, as PETRARCH reads pronouns. Only
  // pronouns the actor layer left unresolved get here.
  if (upos(pronoun) != "PRON" || !is_in(lemma(pronoun), {"it", "they", "he", "she"})) return {};
  int h = heads_[w];
  if (h < 0 || !is_in(deprel(w), {"ccomp", "advcl", "conj", "parataxis"})) return {};
  return agent_actors(h, lexicon, depth + 1);
}

std::vector<int> ClauseView::agent_actors(int w, const Lexicon& lexicon, int depth) const {
  if (w < 0 || depth > 6) return {};
  bool passive = is_passive(w);
  // "Turkey is under EU sanctions": the subject of a predicate "under" an act undergoes it.
  const bool undergone = is_nominal(w) && case_of(w) == "under";
  // A clause with two subjects is a misparse, of a time phrase ("This Thursday the Commission
  // criticized...") or of a title ("US President Donald Trump withdrew" read as "US" and
  // "Donald"): the one nearest the verb that names an actor is the doer.
  bool has_subject = false;
  std::vector<int> doers;
  for (int c : children_[w]) {
    std::string_view rel = deprel(c);
    if (undergone && rel == "nsubj") continue;
    if ((!passive && (rel == "nsubj" || rel == "csubj")) || (passive && rel == "obl:agent")) {
      std::vector<int> a = actors_at(c);
      if (a.empty() && rel == "nsubj") a = pronoun_antecedent(c, w, lexicon, depth);
      if (!a.empty() && (doers.empty() || c < w)) doers = std::move(a);
      has_subject = true;
    }
  }
  if (!doers.empty()) return doers;
  if (has_subject && !passive) return {};
  // "was condemned in a joint statement by Egypt, Greece and Cyprus": the doer of a passive act
  // named through the statement, letter or vote it was done in.
  if (passive)
    for (int c : children_[w]) {
      if (!deprel(c).starts_with("obl") || !is_in(case_of(c), {"in", "through", "with"})) continue;
      // (Through an act or a text that does it, not an estimate of it: "destroyed, with some
      // estimates by the Red Cross ranging from 45% to 60%".)
      if (!words().document_nouns.contains(lemma(c)) &&
          !is_in(lemma(c), {"vote", "decision", "decree", "operation", "raid", "attack", "strike",
                            "campaign", "move"}))
        continue;
      for (int d : children_[c])
        if (deprel(d).starts_with("nmod") && case_of(d) == "by")
          if (std::vector<int> a = actors_at(d); !a.empty()) return a;
    }
  if (is_nominal(w)) {
    for (int c : children_[w]) {
      std::string_view rel = deprel(c);
      if (rel == "nmod:poss" || rel == "amod" || rel == "compound" ||
          (rel.starts_with("nmod") && case_of(c) == "by")) {
        std::vector<int> a = actors_at(c);
        if (!a.empty()) return a;
      }
    }
    // An event noun that is the object of a light verb is done by that verb's subject: "Israel
    // launched airstrikes".
    if (heads_[w] >= 0 && deprel(w) == "obj" && light_verb(lemma(heads_[w])))
      return agent_actors(heads_[w], lexicon, depth + 1);
    return {};
  }
  int h = heads_[w];
  if (h < 0) return {};
  std::string_view rel = deprel(w);
  if (rel == "xcomp" || (rel == "advcl" && has_mark(w, "to"))) {
    if (words().object_control_verbs.contains(lemma(h)))
      for (int c : children_[h])
        if (deprel(c) == "obj") {
          std::vector<int> a = actors_at(c);
          if (!a.empty()) return a;
        }
    return agent_actors(h, lexicon, depth + 1);
  }
  if (rel == "conj" && !is_nominal(h)) return agent_actors(h, lexicon, depth + 1);
  if (rel == "acl" && !passive) return actors_at(h);
  // "..., saying": the participle's doer is the main clause's; "died after being shot": a
  // passive participle's controller underwent the act (patient_actors) and did not do it.
  if (rel == "advcl" && (xpos(w) == "VBG" || xpos(w) == "VBN") && !passive)
    return agent_actors(h, lexicon, depth + 1);
  return {};
}

std::vector<int> ClauseView::patient_actors(int w) const {
  std::vector<int> out;
  bool passive = is_passive(w);
  if (passive && heads_[w] >= 0) {
    // "the conditions set by Israel", "her husband, who was arrested in May": the noun the
    // participle or relative clause modifies underwent the act.
    std::string_view rel = deprel(w);
    int subject = child_with(w, "nsubj:pass");
    bool relative = subject < 0 || is_in(lemma(subject), {"who", "which", "that", "whom"});
    if ((rel == "acl" || rel == "acl:relcl") && relative) {
      out = actors_at(heads_[w]);
      if (!out.empty()) return out;
    }
    // "was arrested and banned from the election": the second participle has the first's patient.
    if (rel == "conj" && subject < 0 && is_passive(heads_[w]) && !is_nominal(heads_[w]))
      return patient_actors(heads_[w]);
    // "Turkey is under EU sanctions, and was condemned ...": a passive conjunct with no subject
    // of its own shares the first conjunct's subject, which underwent it; so does a passive
    // participle clause ("died after being shot", "Arrested in May, he ...").
    if (subject < 0 &&
        (rel == "conj" || (rel == "advcl" && (xpos(w) == "VBN" || xpos(w) == "VBG"))))
      for (std::string_view shared : {"nsubj", "nsubj:pass"})
        if (int s = child_with(heads_[w], shared); s >= 0)
          if (out = actors_at(s); !out.empty()) return out;
  }
  // "Mahan has been the subject of United States sanctions", "the target of attacks": who is
  // the subject or target of an act underwent it.
  if (is_nominal(w) && heads_[w] >= 0 && deprel(w).starts_with("nmod") && case_of(w) == "of" &&
      is_in(lemma(heads_[w]), {"subject", "target", "victim", "object"}))
    if (int s = child_with(heads_[w], "nsubj"); s >= 0)
      if (out = actors_at(s); !out.empty()) return out;
  for (int c : children_[w]) {
    std::string_view rel = deprel(c);
    if ((passive && rel == "nsubj:pass") || (!passive && (rel == "obj" || rel == "iobj")) ||
        (rel == "nsubj" && is_nominal(w) && case_of(w) == "under")) {
      for (int x : actors_at(c)) add_unique(out, x);
    }
  }
  if (!out.empty()) return out;
  for (int c : children_[w]) {
    std::string_view rel = deprel(c);
    if ((rel.starts_with("obl") && rel != "obl:agent") ||
        (is_nominal(w) && rel.starts_with("nmod") && rel != "nmod:poss")) {
      if (is_in(case_of(c), {"with", "to", "against", "on", "toward", "towards", "between", "among",
                             "into", "upon"}))
        for (int x : actors_at(c)) add_unique(out, x);
    }
  }
  return out;
}

bool ClauseView::negated(int w) const {
  for (int c : children_[w]) {
    std::string_view rel = deprel(c);
    std::string l = lemma(c);
    // "not only an insult to ..., it is ...", "not just": a focus, not a denial.
    if (l == "not" && c + 1 < n_ && is_in(lemma(c + 1), {"only", "just", "merely", "simply"}))
      continue;
    if ((rel == "advmod" || rel == "neg" || rel == "aux" || rel == "det") &&
        (l == "not" || l == "never" || l == "n't" || (rel == "det" && l == "no")))
      return true;
    if ((rel == "advmod" || rel == "aux") &&
        feats(c).find("Polarity=Neg") != std::string_view::npos)
      return true;
  }
  return false;
}

std::string ClauseView::modality(int w) const {
  for (int x = w, steps = 0; x >= 0 && steps < 4; ++steps) {
    for (int c : children_[x]) {
      std::string_view rel = deprel(c);
      if (rel == "aux") {
        std::string l = lemma(c);
        if (is_in(l, {"could", "can"})) return "could";
        if (l == "would") return "would";
        if (is_in(l, {"may", "might"})) return "may";
        if (is_in(l, {"should", "must", "ought"})) return "should";
        if (is_in(l, {"will", "shall", "'ll"})) return "will";
      }
      if (rel == "mark" && is_in(lemma(c), {"if", "unless", "whether"})) return "conditional";
    }
    int h = heads_[x];
    if (h < 0) break;
    std::string_view rel = deprel(x);
    if (rel == "xcomp" || (rel == "advcl" && has_mark(x, "to"))) {
      std::string g = lemma(h);
      if (is_in(g, {"plan", "prepare", "schedule", "set"})) return "planned";
      if (is_in(g, {"want", "hope", "intend", "aim", "seek", "try", "attempt", "wish", "expect"}))
        return "intended";
      if (is_in(g, {"need"})) return "should";
      x = h;
      continue;
    }
    if (rel == "advcl" || rel == "conj") {
      x = h;
      continue;
    }
    break;
  }
  return {};
}

int ClauseView::speech_governor(int w) const {
  for (int x = w, steps = 0; x >= 0 && heads_[x] >= 0 && steps <= n_; x = heads_[x], ++steps) {
    std::string_view rel = deprel(x);
    int h = heads_[x];
    if ((rel == "ccomp" || rel == "parataxis") && speech_verb(lemma(h))) return h;
  }
  return -1;
}

int ClauseView::reporter(int w) const {
  for (int x = w, steps = 0; x >= 0 && steps <= n_; x = heads_[x], ++steps)
    for (int c : children_[x])
      if (deprel(c).starts_with("obl") && case_of(c) == "according") {
        std::vector<int> a = actors_at(c);
        if (!a.empty()) return a.front();
      }
  int g = speech_governor(w);
  if (g < 0) return -1;
  for (int c : children_[g])
    if (deprel(c) == "nsubj") {
      std::vector<int> a = actors_at(c);
      if (!a.empty()) return a.front();
    }
  return -1;
}

Place ClauseView::place_at(int w, const Gazetteer& gazetteer) const {
  // The name is the word with its flat/compound parts ("Gaza Strip", "Tel Aviv").
  int lo = w, hi = w;
  for (int c : children_[w])
    if (deprel(c) == "flat" || deprel(c) == "compound") lo = std::min(lo, c), hi = std::max(hi, c);
  Place place;
  for (int start = lo; start <= w; ++start) {
    Span s{span(start).start, span(hi).end};
    std::string name(a_.view(s));
    const GazetteerEntry* e = gazetteer.find(name);
    if (!e && hi != w) e = gazetteer.find(text(w));
    if (!e) continue;
    if (e->type != "CITY" && e->type != "GPE" && e->type != "LOC") continue;
    place.name = e->name;
    place.country = e->country;
    place.lat = e->lat;
    place.lon = e->lon;
    place.has_coordinates = e->lat != 0 || e->lon != 0;
    place.span = s;
    return place;
  }
  return place;
}

Place ClauseView::location(int w, const Gazetteer& gazetteer) const {
  auto from_children = [&](int x) -> Place {
    for (int c : children_[x]) {
      std::string_view rel = deprel(c);
      if ((rel.starts_with("obl") || rel.starts_with("nmod")) &&
          is_in(case_of(c), {"in", "at", "near", "inside", "outside", "across", "throughout"})) {
        Place p = place_at(c, gazetteer);
        if (!p.name.empty()) return p;
      }
      if (is_nominal(x) && rel == "compound") {
        Place p = place_at(c, gazetteer);
        if (!p.name.empty()) return p;
      }
    }
    return {};
  };
  Place p = from_children(w);
  if (p.name.empty() && is_nominal(w) && heads_[w] >= 0) p = from_children(heads_[w]);
  return p;
}

std::string relative_date(const Article& article, const Event& event) {
  const std::string& date = article.date;
  if (date.size() < 10) return date;
  std::tm tm{};
  if (std::sscanf(date.c_str(), "%d-%d-%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday) != 3) return date;
  tm.tm_year -= 1900;
  tm.tm_mon -= 1;
  tm.tm_hour = 12;
  time_t t = timegm(&tm);
  std::tm base{};
  gmtime_r(&t, &base);
  static const char* kDays[] = {"sunday",   "monday", "tuesday", "wednesday",
                                "thursday", "friday", "saturday"};
  int shift = 0;
  bool found = false;
  const Sentence& s = article.sentences[event.sentence];
  for (uint32_t w = s.first_word; w < s.first_word + s.word_count && !found; ++w) {
    std::string word = ascii_lower(article.word_text(w));
    if (word == "yesterday")
      shift = -1, found = true;
    else if (word == "today" || word == "tonight")
      shift = 0, found = true;
    else
      for (int d = 0; d < 7; ++d)
        if (word == kDays[d]) {
          shift = -((base.tm_wday - d + 7) % 7);
          found = true;
          break;
        }
  }
  if (!found || shift == 0) return date.substr(0, 10);
  t += static_cast<time_t>(shift) * 86400;
  std::tm out{};
  gmtime_r(&t, &out);
  char buf[40];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", out.tm_year + 1900, out.tm_mon + 1, out.tm_mday);
  return buf;
}

}  // namespace parley::extract
