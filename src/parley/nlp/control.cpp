#include "parley/nlp/control.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

#include "parley/text/strings.hpp"

namespace parley::nlp {

namespace {

// Verbs whose object is the subject of a following to-infinitive (UD: xcomp). The treebank
// counts favour xcomp for all of those seen there (want 27/27, encourage 12/12, enable 10/10…);
// the rest are the same construction in news ("urged/called on/pressed X to").
constexpr std::string_view kObjectControl[] = {
    "advise",    "allow",    "ask",        "authorize", "beg",       "call",   "cause",
    "challenge", "command",  "commission", "compel",    "convince",  "dare",   "direct",
    "empower",   "enable",   "encourage",  "entitle",   "expect",    "force",  "get",
    "help",      "implore",  "induce",     "inspire",   "instruct",  "invite", "lead",
    "mandate",   "motivate", "need",       "oblige",    "order",     "permit", "persuade",
    "press",     "pressure", "prompt",     "push",      "recommend", "remind", "request",
    "require",   "teach",    "tell",       "tempt",     "train",     "urge",   "want",
    "warn",      "like"};

// Verbs of saying, knowing and finding that take a clause without "that" ("reported no traces
// were found", "said the talks had failed"): the UD treebanks' commonest ccomp heads in news.
constexpr std::string_view kClauseTaking[] = {
    "say",   "report", "claim",   "allege", "announce",  "confirm",     "insist",  "argue",
    "warn",  "note",   "add",     "state",  "suggest",   "indicate",    "reveal",  "believe",
    "think", "find",   "show",    "assert", "admit",     "acknowledge", "declare", "testify",
    "tweet", "write",  "explain", "stress", "emphasize", "maintain",    "contend", "predict"};

bool clause_taking(std::string_view lemma) {
  return std::find(std::begin(kClauseTaking), std::end(kClauseTaking), lemma) !=
         std::end(kClauseTaking);
}

bool object_control(std::string_view lemma) {
  return std::find(std::begin(kObjectControl), std::end(kObjectControl), lemma) !=
         std::end(kObjectControl);
}

bool subject_relation(std::string_view rel) {
  return rel.starts_with("nsubj") || rel.starts_with("csubj") || rel == "expl";
}

// Is word `j` in the subtree of word `top` (both sentence-local, 0-based)?
bool dominates(const std::vector<WordAnalysis>& an, uint32_t first, uint32_t count, uint32_t top,
               uint32_t j) {
  for (int steps = 0, h = an[first + j].head; h > 0 && steps < 64;
       h = an[first + static_cast<uint32_t>(h) - 1].head, ++steps) {
    if (static_cast<uint32_t>(h) > count) return false;
    if (static_cast<uint32_t>(h) == top + 1) return true;
  }
  return false;
}

// Makes `verb` the sentence's predicate and `subject` (the word the parser rooted the sentence
// at, or hung the verb on) its subject; the subject's dependents after the verb (final
// punctuation, clauses) become the verb's.
void promote_predicate(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count, uint32_t verb,
                       uint32_t subject) {
  WordAnalysis& v = an[first + verb];
  v.head = 0;
  v.deprel = "root";
  if (v.xpos == "VBN") v.xpos = "VBD", v.feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
  an[first + subject].head = static_cast<int32_t>(verb) + 1;
  an[first + subject].deprel = "nsubj";
  for (uint32_t j = verb + 1; j < count; ++j)
    if (an[first + j].head == static_cast<int32_t>(subject) + 1)
      an[first + j].head = static_cast<int32_t>(verb) + 1;
}

}  // namespace

int repair_object_control(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count,
                          const Article& article) {
  int changed = 0;
  for (uint32_t k = 0; k < count; ++k) {
    WordAnalysis& dep = an[first + k];
    if (dep.deprel != "advcl" || dep.upos != "VERB" || dep.head <= 0 ||
        static_cast<uint32_t>(dep.head) > count)
      continue;
    const uint32_t h = static_cast<uint32_t>(dep.head) - 1;  // sentence-local index of the head
    if (h >= k || an[first + h].upos != "VERB" || !object_control(an[first + h].lemma)) continue;
    bool to_mark = false, own_subject = false, object_between = false;
    for (uint32_t j = 0; j < count; ++j) {
      const WordAnalysis& w = an[first + j];
      if (w.head == static_cast<int32_t>(k) + 1) {
        if (w.deprel == "mark") {
          std::string_view form = article.word_text(first + j);
          to_mark |= form == "to" || form == "To" || form == "TO";
        }
        own_subject |= subject_relation(w.deprel);
      }
      if (w.head == static_cast<int32_t>(h) + 1 && (w.deprel == "obj" || w.deprel == "iobj") &&
          j > h && j < k)
        object_between = true;
    }
    if (to_mark && !own_subject && object_between) {
      dep.deprel = "xcomp";
      ++changed;
    }
  }
  return changed;
}

}  // namespace parley::nlp

namespace parley::nlp {

int repair_participle_predicates(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  int changed = 0;
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  for (uint32_t k = 0; k < count; ++k) {
    WordAnalysis& verb = at(k);
    if (verb.deprel != "acl" || verb.upos != "VERB" || verb.xpos != "VBN" || verb.head <= 0 ||
        static_cast<uint32_t>(verb.head) > count)
      continue;
    uint32_t n = static_cast<uint32_t>(verb.head) - 1;
    if (n >= k || (at(n).upos != "NOUN" && at(n).upos != "PROPN")) continue;
    // "Leaders of African Union member states met in Niamey": a participle hung on a noun inside
    // the root's noun phrase (through "of" phrases) has that whole phrase as its subject.
    if (at(n).deprel.starts_with("nmod") && at(n).deprel != "nmod:poss") {
      uint32_t top = n;
      for (int steps = 0; steps < 8 && at(top).deprel.starts_with("nmod") && at(top).head > 0 &&
                          static_cast<uint32_t>(at(top).head) <= count;
           ++steps)
        top = static_cast<uint32_t>(at(top).head) - 1;
      if (at(top).deprel == "root" && top < n &&
          (at(top).upos == "NOUN" || at(top).upos == "PROPN"))
        n = top;
    }
    WordAnalysis& noun = at(n);
    std::string_view role = noun.deprel;
    // "On Wednesday, the House impeached Trump": a fronted phrase taken as the root, the subject
    // hung on it as an apposition. The phrase becomes an oblique of the verb.
    // (The parser may hang the apposition on the comma after the phrase.)
    int fronted = -1;
    int32_t attach = noun.head;
    if (role == "appos" && attach > 0 && static_cast<uint32_t>(attach) <= count &&
        at(static_cast<uint32_t>(attach) - 1).upos == "PUNCT")
      attach = at(static_cast<uint32_t>(attach) - 1).head;
    if (role == "appos" && attach > 0 && static_cast<uint32_t>(attach) <= count &&
        at(static_cast<uint32_t>(attach) - 1).deprel == "root" &&
        static_cast<uint32_t>(attach) - 1 < n) {
      fronted = attach - 1;
      role = "root";
    }
    // "Israeli troops attacked militants, officials said": the noun hung as a second subject
    // of the reporting verb, whose own subject follows. The participle is the reported clause.
    if (role == "nsubj" && noun.head > static_cast<int32_t>(k) + 1 &&
        static_cast<uint32_t>(noun.head) <= count &&
        at(static_cast<uint32_t>(noun.head) - 1).upos == "VERB") {
      bool second_subject = false;
      for (uint32_t j = k + 1; j + 1 < static_cast<uint32_t>(noun.head) && !second_subject; ++j)
        second_subject = at(j).head == noun.head && at(j).deprel.starts_with("nsubj");
      if (second_subject) role = "ccomp";
    }
    if (role != "root" && role != "obj" && role != "ccomp" && role != "parataxis" && role != "conj")
      continue;
    // A participle that takes a direct object and has no auxiliary, marker or subject of its own
    // reads as a finite verb in news ("Russian police arrested 200 protesters"); a true reduced
    // relative rarely takes an object ("the protesters arrested in May").
    bool object = false, blocked = false;
    int unmarked_agent = -1;  // an "agent" with no "by": the object the passive reading displaced
    for (uint32_t j = 0; j < count; ++j) {
      if (at(j).head != static_cast<int32_t>(k) + 1) continue;
      std::string_view rel = at(j).deprel;
      if (rel == "obj" && j > k) object = true;
      if (rel == "obl:agent" && j > k) {
        bool by = false;
        for (uint32_t i = 0; i < count; ++i)
          by |= at(i).head == static_cast<int32_t>(j) + 1 && at(i).deprel == "case";
        if (!by) object = true, unmarked_agent = static_cast<int>(j);
      }
      if (rel.starts_with("aux") || rel == "mark" || rel.starts_with("nsubj") || rel == "cop")
        blocked = true;
    }
    // Is word j in the subtree of word `top` (both sentence-local, 0-based)?
    auto below = [&](uint32_t j, uint32_t top) { return dominates(an, first, count, top, j); };
    // Nothing but the noun's own modifiers may stand between it and the participle.
    for (uint32_t j = n + 1; j < k && !blocked; ++j)
      if (!below(j, n) && at(j).deprel != "punct") blocked = true;
    // Without an object the participle is still the predicate when the sentence has no other
    // verb outside what hangs on it: "Protesters rioted in Baghdad.", "Protesters called for
    // his resignation after revelations he sent comments" have no other reading.
    if (!object && !blocked && role == "root" && fronted < 0) {
      bool other_verb = false;
      for (uint32_t j = 0; j < count && !other_verb; ++j)
        other_verb = j != k && (at(j).upos == "VERB" || at(j).upos == "AUX") && !below(j, k);
      object = !other_verb;
    }
    if (!object || blocked) continue;
    if (unmarked_agent >= 0) at(static_cast<uint32_t>(unmarked_agent)).deprel = "obj";
    if (fronted >= 0) {
      WordAnalysis& phrase = at(static_cast<uint32_t>(fronted));
      verb.head = 0;
      phrase.head = static_cast<int32_t>(k) + 1;
      phrase.deprel = "obl";
      for (uint32_t j = k + 1; j < count; ++j)
        if (at(j).head == fronted + 1) at(j).head = static_cast<int32_t>(k) + 1;
    } else {
      verb.head = noun.head;
    }
    verb.deprel = role == "obj" ? "ccomp" : std::string(role);
    verb.xpos = "VBD";
    verb.feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
    noun.head = static_cast<int32_t>(k) + 1;
    noun.deprel = "nsubj";
    // The noun's dependents after the verb (final punctuation, clauses) belong to the verb now;
    // anything headed by the noun before would otherwise point into the subject.
    for (uint32_t j = k + 1; j < count; ++j)
      if (at(j).head == static_cast<int32_t>(n) + 1) at(j).head = static_cast<int32_t>(k) + 1;
    ++changed;
  }
  return changed;
}

int repair_prenominal_participle_predicates(std::vector<WordAnalysis>& an, uint32_t first,
                                            uint32_t count) {
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  for (uint32_t n = 0; n + 2 < count; ++n) {
    WordAnalysis& subject = at(n);
    if (subject.deprel != "root" || (subject.upos != "NOUN" && subject.upos != "PROPN")) continue;
    const uint32_t k = n + 1;
    WordAnalysis& verb = at(k);
    if (verb.upos != "VERB" || (verb.xpos != "VBN" && verb.xpos != "VBD") ||
        verb.deprel != "amod" || verb.head <= static_cast<int32_t>(k) + 1 ||
        static_cast<uint32_t>(verb.head) > count)
      return 0;
    const uint32_t object = static_cast<uint32_t>(verb.head) - 1;
    WordAnalysis& noun = at(object);
    if ((noun.upos != "NOUN" && noun.upos != "PROPN") || noun.head != static_cast<int32_t>(n) + 1)
      return 0;
    // No other verb: the sentence has no predicate but this one (verbs that modify its object,
    // "blocked roads leading to the centre", aside).
    for (uint32_t j = 0; j < count; ++j)
      if (j != k && (at(j).upos == "VERB" || at(j).upos == "AUX") &&
          !dominates(an, first, count, object, j))
        return 0;
    promote_predicate(an, first, count, k, n);
    noun.head = static_cast<int32_t>(k) + 1;
    noun.deprel = "obj";
    return 1;
  }
  return 0;
}

int repair_stranded_predicates(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto below = [&](uint32_t j, uint32_t top) { return dominates(an, first, count, top, j); };
  auto child_with = [&](uint32_t h, std::string_view rel) -> int {
    for (uint32_t j = 0; j < count; ++j)
      if (at(j).head == static_cast<int32_t>(h) + 1 && at(j).deprel == rel)
        return static_cast<int>(j);
    return -1;
  };
  int root = -1;
  for (uint32_t j = 0; j < count; ++j)
    if (at(j).deprel == "root") root = static_cast<int>(j);
  if (root < 0 || !text::is_in(at(static_cast<uint32_t>(root)).upos, {"NOUN", "PROPN"})) return 0;
  const uint32_t r = static_cast<uint32_t>(root);
  // "That's the way the market worked": a predicate noun already has its clause.
  if (child_with(r, "cop") >= 0 || child_with(r, "nsubj") >= 0) return 0;
  auto finite = [&](uint32_t j) {
    return at(j).upos == "VERB" && text::is_in(at(j).xpos, {"VBD", "VBZ", "VBP"});
  };
  for (uint32_t k = r + 1; k < count; ++k) {
    WordAnalysis& verb = at(k);
    const bool participle_with_object = verb.upos == "VERB" && verb.xpos == "VBN" &&
                                        child_with(k, "aux") < 0 && child_with(k, "aux:pass") < 0 &&
                                        (child_with(k, "obj") > static_cast<int>(k) ||
                                         child_with(k, "ccomp") > static_cast<int>(k) ||
                                         child_with(k, "compound:prt") > static_cast<int>(k));
    if ((!finite(k) && !participle_with_object) ||
        !text::is_in(verb.deprel, {"acl", "acl:relcl", "conj", "advcl"}) || verb.head <= 0 ||
        static_cast<uint32_t>(verb.head) > count)
      continue;
    const uint32_t h = static_cast<uint32_t>(verb.head) - 1;
    // It hangs on the root noun or on a noun inside its phrase, with no verb in between.
    if (h > k || !text::is_in(at(h).upos, {"NOUN", "PROPN"}) || (h != r && !below(h, r))) continue;
    bool blocked = false;
    for (int32_t x = at(h).head; x > 0 && static_cast<uint32_t>(x) - 1 != r && !blocked;
         x = at(static_cast<uint32_t>(x) - 1).head)
      blocked =
          !text::is_in(at(static_cast<uint32_t>(x) - 1).upos, {"NOUN", "PROPN", "NUM", "PUNCT"});
    for (uint32_t j = 0; j < count && !blocked; ++j) {
      const bool child = at(j).head == static_cast<int32_t>(k) + 1;
      if (child && (at(j).deprel == "mark" || at(j).deprel == "expl" || at(j).deprel == "cc" ||
                    at(j).feats.find("PronType=Rel") != std::string::npos))
        blocked = true;  // a real relative, adverbial or coordinated clause
      if (j != k && (finite(j) || at(j).xpos == "MD" || at(j).upos == "AUX") &&
          at(j).deprel != "aux" && at(j).deprel != "aux:pass" && at(j).deprel != "cop" &&
          !below(j, k))
        blocked = true;  // another finite verb outside it may be the predicate
    }
    if (blocked) return 0;
    const int own_subject = child_with(k, "nsubj");
    const bool fronted = child_with(r, "case") >= 0;  // "According to the BBC", "in the evening"
    if (own_subject >= 0) {
      // Only a title and name ("commissioner Albert Muchanga"): "the places people visited" is
      // a noun phrase.
      bool name = false;
      for (uint32_t j = 0; j < count; ++j)
        name |= at(j).upos == "PROPN" && (j == static_cast<uint32_t>(own_subject) ||
                                          below(j, static_cast<uint32_t>(own_subject)));
      if (!name || static_cast<uint32_t>(own_subject) > k) return 0;
    } else if (fronted && h == r) {
      return 0;  // no subject to be had
    }
    WordAnalysis& old_root = at(r);
    verb.head = 0;
    verb.deprel = "root";
    if (verb.xpos == "VBN") verb.xpos = "VBD", verb.feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
    if (fronted) {
      old_root.head = static_cast<int32_t>(k) + 1;
      old_root.deprel = "obl";
      if (own_subject < 0) {  // the noun it hung on is its subject
        at(h).head = static_cast<int32_t>(k) + 1;
        at(h).deprel = "nsubj";
      }
    } else if (own_subject >= 0) {
      // The root noun and the subject are one phrase: the root noun heads it.
      old_root.head = static_cast<int32_t>(k) + 1;
      old_root.deprel = "nsubj";
      at(static_cast<uint32_t>(own_subject)).head = static_cast<int32_t>(r) + 1;
      at(static_cast<uint32_t>(own_subject)).deprel = "appos";
    } else {
      old_root.head = static_cast<int32_t>(k) + 1;
      old_root.deprel = "nsubj";
    }
    // What hung on the old root after the verb (final punctuation, clauses) is the verb's.
    for (uint32_t j = k + 1; j < count; ++j)
      if (at(j).head == static_cast<int32_t>(r) + 1) at(j).head = static_cast<int32_t>(k) + 1;
    return 1;
  }
  return 0;
}

int repair_fronted_subjects(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  int changed = 0;
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto is_child = [&](uint32_t j, uint32_t k) { return at(j).head == static_cast<int32_t>(k) + 1; };
  for (uint32_t v = 0; v < count; ++v) {
    WordAnalysis& verb = at(v);
    if (verb.upos != "VERB" || !text::is_in(verb.xpos, {"VBD", "VBZ", "VBP"})) continue;
    // "Since the release of the messages, protests filled the streets": a subject with a
    // preposition of its own that opens the sentence is a fronted oblique, and the nominal after
    // the comma the parser coordinated with it (or with a word of it) is the subject.
    for (uint32_t j = 0; j < v; ++j) {
      if (!is_child(j, v) || at(j).deprel != "nsubj") continue;
      bool opening_case = false;
      for (uint32_t c = 0; c < j; ++c)
        opening_case |= is_child(c, j) && at(c).deprel == "case" && c == 0;
      if (!opening_case) continue;
      int conjunct = -1;
      for (uint32_t k = j + 1; k < v; ++k)
        if (at(k).deprel == "conj" && dominates(an, first, count, j, k) &&
            text::is_in(at(k).upos, {"NOUN", "PROPN"}))
          conjunct = static_cast<int>(k);
      if (conjunct < 0) break;
      const uint32_t k = static_cast<uint32_t>(conjunct);
      bool coordinated = false, comma = false;
      for (uint32_t x = 0; x < count; ++x) {
        coordinated |= is_child(x, k) && at(x).deprel == "cc";
        comma |= x < k && at(x).xpos == "," &&
                 (is_child(x, k) || (x + 1 < count && x + 1 <= k && is_child(x + 1, k)));
      }
      // The conjunct's words run up to the verb.
      bool adjacent = true;
      for (uint32_t x = k + 1; x < v; ++x) adjacent &= is_child(x, k) || at(x).xpos == ",";
      if (coordinated || !comma || !adjacent) break;
      at(j).deprel = "obl";
      at(k).head = static_cast<int32_t>(v) + 1;
      at(k).deprel = "nsubj";
      ++changed;
      break;
    }
    bool subject = false;
    int oblique = -1;
    for (uint32_t j = 0; j < count; ++j) {
      if (!is_child(j, v)) continue;
      subject |= at(j).deprel.starts_with("nsubj") || at(j).deprel.starts_with("csubj") ||
                 at(j).deprel == "expl";
      if (j < v && at(j).deprel == "obl") oblique = static_cast<int>(j);
    }
    if (subject || oblique < 0) continue;
    // The oblique's last apposition before the verb: a nominal after a comma whose words run up
    // to the verb, with at most a comma between.
    int appos = -1;
    for (uint32_t j = static_cast<uint32_t>(oblique) + 1; j < v; ++j)
      if (is_child(j, static_cast<uint32_t>(oblique)) && at(j).deprel == "appos" &&
          text::is_in(at(j).upos, {"NOUN", "PROPN"}))
        appos = static_cast<int>(j);
    if (appos < 0) continue;
    uint32_t begin = static_cast<uint32_t>(appos), end = static_cast<uint32_t>(appos);
    for (uint32_t j = 0; j < count; ++j) {
      bool inside = false;
      for (int h = at(j).head, steps = 0; h > 0 && steps < 64 && !inside;
           h = at(static_cast<uint32_t>(h) - 1).head, ++steps)
        inside = h == appos + 1;
      if (inside && at(j).deprel != "punct") begin = std::min(begin, j), end = std::max(end, j);
    }
    // Set off by a comma from the fronted phrase (the parser may hang part of it elsewhere).
    bool comma = false;
    for (uint32_t j = static_cast<uint32_t>(oblique) + 1; j < begin && !comma; ++j)
      comma = at(j).xpos == ",";
    if (!comma) continue;
    uint32_t next = end + 1;
    if (next < v && at(next).xpos == ",") ++next;
    if (next != v) continue;
    WordAnalysis& noun = at(static_cast<uint32_t>(appos));
    noun.head = static_cast<int32_t>(v) + 1;
    noun.deprel = "nsubj";
    ++changed;
  }
  return changed;
}

int repair_reported_clauses(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto is_child = [&](uint32_t j, uint32_t k) { return at(j).head == static_cast<int32_t>(k) + 1; };
  auto finite = [](const WordAnalysis& w) { return text::is_in(w.xpos, {"VBD", "VBZ", "VBP"}); };
  int changed = 0;
  for (uint32_t f = 0; f < count; ++f) {
    WordAnalysis& clause = at(f);
    if (clause.upos != "VERB") continue;
    bool subject = false, passive = false, finite_aux = finite(clause);
    int verb = -1;
    for (uint32_t j = 0; j < count; ++j) {
      if (!is_child(j, f)) continue;
      subject |= subject_relation(at(j).deprel);
      passive |= at(j).deprel == "aux:pass";
      finite_aux |= (at(j).deprel == "aux" || at(j).deprel == "aux:pass") && finite(at(j));
      if (j < f && at(j).deprel == "advcl" && at(j).upos == "VERB" && finite(at(j)) &&
          clause_taking(at(j).lemma))
        verb = static_cast<int>(j);
    }
    if (subject || !finite_aux || verb < 0) continue;
    const uint32_t v = static_cast<uint32_t>(verb);
    int object = -1;
    bool marked = false, as = false;  // "as the network claims the order did not cover it"
    for (uint32_t j = 0; j < count; ++j) {
      if (!is_child(j, v)) continue;
      const bool mark = at(j).deprel == "mark";
      as |= mark && at(j).lemma == "as" && j < v;
      marked |= mark && !(at(j).lemma == "as" && j < v);
      if (at(j).deprel == "obj" && j > v) object = static_cast<int>(j);
    }
    if (marked || object < 0) continue;
    // The object's words run up to the clause's verb (its auxiliaries between).
    const uint32_t o = static_cast<uint32_t>(object);
    bool adjacent = true;
    for (uint32_t j = o + 1; j < f && adjacent; ++j)
      adjacent = dominates(an, first, count, o, j) ||
                 (is_child(j, f) && text::is_in(at(j).deprel, {"aux", "aux:pass", "advmod"}));
    if (!adjacent) continue;
    WordAnalysis& say = at(v);
    say.head = clause.head;
    // (A parenthetical "as X claims" stays an adverbial clause of what it hangs on.)
    say.deprel = as && clause.head > 0 ? "advcl" : clause.deprel;
    clause.head = static_cast<int32_t>(v) + 1;
    clause.deprel = "ccomp";
    at(o).head = static_cast<int32_t>(f) + 1;
    at(o).deprel = passive ? "nsubj:pass" : "nsubj";
    // The sentence's final punctuation and what preceded the verb of saying hang on it.
    for (uint32_t j = 0; j < count; ++j)
      if (is_child(j, f) && (j < v || (at(j).deprel == "punct" && j + 1 == count)))
        at(j).head = static_cast<int32_t>(v) + 1;
    ++changed;
  }
  // "filed a motion claiming the state of emergency is unconstitutional": the reported predicate
  // hung elsewhere (here a conjunct of "filed"), its subject read as the object of the verb of
  // saying right before it.
  for (uint32_t f = 0; f < count; ++f) {
    WordAnalysis& clause = at(f);
    if (!text::is_in(clause.upos, {"VERB", "ADJ", "NOUN"}) || clause.deprel == "ccomp") continue;
    bool subject = false;
    int opener = -1;  // the clause's first word: a finite auxiliary or copula
    for (uint32_t j = 0; j < count; ++j) {
      if (!is_child(j, f)) continue;
      subject |= subject_relation(at(j).deprel);
      if (j < f && opener < 0) opener = static_cast<int>(j);
    }
    if (subject || opener < 0) continue;
    const WordAnalysis& aux = at(static_cast<uint32_t>(opener));
    if (!text::is_in(aux.deprel, {"aux", "aux:pass", "cop"}) || !finite(aux)) continue;
    // The word before the clause ends the object of a verb of saying.
    for (uint32_t v = 0; v + 1 < static_cast<uint32_t>(opener); ++v) {
      const WordAnalysis& say = at(v);
      // (A participle only after what it hangs on and words between: "They say adding iodine
      // to salt is the simplest" has a gerund subject.)
      const bool participle =
          say.xpos == "VBG" && say.head > 0 && static_cast<uint32_t>(say.head) < v;
      if (say.upos != "VERB" || !clause_taking(say.lemma) || !(finite(say) || participle) ||
          dominates(an, first, count, f, v))
        continue;
      int object = -1;
      for (uint32_t j = v + 1; j < count; ++j)
        if (is_child(j, v) && at(j).deprel == "obj") object = static_cast<int>(j);
      if (object < 0) continue;
      const uint32_t o = static_cast<uint32_t>(object);
      uint32_t end = o;
      for (uint32_t j = o; j < count; ++j)
        if (dominates(an, first, count, o, j)) end = j;
      if (end + 1 != static_cast<uint32_t>(opener)) continue;
      const bool passive = aux.deprel == "aux:pass";
      clause.head = static_cast<int32_t>(v) + 1;
      clause.deprel = "ccomp";
      at(o).head = static_cast<int32_t>(f) + 1;
      at(o).deprel = passive ? "nsubj:pass" : "nsubj";
      ++changed;
      break;
    }
  }
  return changed;
}

int repair_trailing_attributions(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto is_child = [&](uint32_t j, uint32_t k) { return at(j).head == static_cast<int32_t>(k) + 1; };
  int changed = 0;
  // "Thousands of Kurds demonstrated in Kirkuk, witnesses said": the reported clause's subject
  // hung on the verb of saying as a second subject, before the clause; it is the clause's.
  for (uint32_t v = 0; v < count; ++v) {
    if (at(v).upos != "VERB" || !clause_taking(at(v).lemma)) continue;
    int early = -1, late = -1, clause = -1;
    for (uint32_t j = 0; j < count; ++j) {
      if (!is_child(j, v)) continue;
      if (at(j).deprel == "nsubj") (early < 0 ? early : late) = static_cast<int>(j);
      if (at(j).deprel == "ccomp" && clause < 0) clause = static_cast<int>(j);
    }
    if (early < 0 || late < 0 || clause < 0 || !(early < clause && clause < late)) continue;
    bool subject = false;
    for (uint32_t j = 0; j < count; ++j)
      subject |= is_child(j, static_cast<uint32_t>(clause)) && subject_relation(at(j).deprel);
    if (subject) continue;
    at(static_cast<uint32_t>(early)).head = clause + 1;
    ++changed;
  }
  for (uint32_t v = 1; v < count; ++v) {
    WordAnalysis& say = at(v);
    if (say.upos != "VERB" || !clause_taking(say.lemma) ||
        !text::is_in(say.xpos, {"VBD", "VBZ", "VBP"}) || say.head <= 0 ||
        static_cast<uint32_t>(say.head) > count || static_cast<uint32_t>(say.head) - 1 >= v ||
        !text::is_in(say.deprel, {"conj", "parataxis", "ccomp", "advcl"}))
      continue;
    const uint32_t clause = static_cast<uint32_t>(say.head) - 1;
    if (at(clause).upos != "VERB" && at(clause).upos != "AUX" && at(clause).upos != "ADJ") continue;
    // Its subject, right after a comma: ", the White House announced".
    int subject = -1;
    for (uint32_t j = 0; j < v; ++j)
      if (is_child(j, v) && at(j).deprel == "nsubj") subject = static_cast<int>(j);
    if (subject < 0) continue;
    uint32_t subject_start = static_cast<uint32_t>(subject);
    for (uint32_t j = 0; j < static_cast<uint32_t>(subject); ++j)
      if (dominates(an, first, count, static_cast<uint32_t>(subject), j))
        subject_start = std::min(subject_start, j);
    if (subject_start == 0 || at(subject_start - 1).xpos != ",") continue;
    // An attribution says nothing after its verb but when ("but still, I write this question"
    // is a clause of its own).
    bool own_clause = false;
    for (uint32_t j = 0; j < count; ++j)
      own_clause |=
          is_child(j, v) &&
          (at(j).deprel == "cc" || (j > v && text::is_in(at(j).deprel, {"obj", "ccomp", "xcomp"})));
    if (own_clause) continue;
    // Its dependents before that comma (other than the comma) belong to the clause.
    bool moved = false;
    for (uint32_t j = 0; j + 1 < subject_start; ++j) {
      if (!is_child(j, v) || at(j).deprel == "punct" || at(j).deprel == "cc") continue;
      if (!text::is_in(at(j).deprel, {"obl", "obj", "nmod"})) continue;
      at(j).head = static_cast<int32_t>(clause) + 1;
      if (at(j).deprel == "nmod") at(j).deprel = "obl";
      moved = true;
    }
    if (!moved) continue;
    say.deprel = "parataxis";
    at(subject_start - 1).head = static_cast<int32_t>(v) + 1;
    ++changed;
  }
  return changed;
}

int repair_postpositive_titles(Article& article, uint32_t first, uint32_t count) {
  // Titles of English that take "general" after the noun ("attorneys general", "secretary
  // general", "prosecutor general"): a closed list, kept with the repair it serves.
  static constexpr std::string_view kTitles[] = {
      "attorney",    "attorneys",   "secretary", "secretaries", "surgeon",    "surgeons",
      "solicitor",   "solicitors",  "inspector", "inspectors",  "consul",     "consuls",
      "procurator",  "procurators", "director",  "directors",   "prosecutor", "prosecutors",
      "comptroller", "auditor",     "auditors",  "postmaster",  "advocate",   "advocates"};
  int changed = 0;
  for (uint32_t k = first + 1; k < first + count; ++k) {
    WordAnalysis& word = article.analysis[k];
    // Lowercase only: "Attorney General" is a proper name, tagged as one.
    if (word.upos == "ADJ" || article.word_text(k) != "general") continue;
    const std::string before = text::ascii_lower(article.word_text(k - 1));
    if (std::find(std::begin(kTitles), std::end(kTitles), before) == std::end(kTitles)) continue;
    word.upos = "ADJ", word.xpos = "JJ", word.feats = "Degree=Pos", word.lemma = "general";
    ++changed;
  }
  return changed;
}

int repair_be_to_infinitives(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  int changed = 0;
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  for (uint32_t k = 0; k < count; ++k) {
    WordAnalysis& subject = at(k);
    // A person or a named party is to act; "the plan is to leave" is a clausal predicate.
    if (subject.deprel != "nsubj:outer" || (subject.upos != "PRON" && subject.upos != "PROPN") ||
        subject.head <= 0 || static_cast<uint32_t>(subject.head) > count)
      continue;
    const uint32_t v = static_cast<uint32_t>(subject.head) - 1;
    if (at(v).upos != "VERB" || at(v).xpos != "VB") continue;
    int copula = -1;
    bool to = false;
    for (uint32_t j = 0; j < v; ++j) {
      if (at(j).head != static_cast<int32_t>(v) + 1) continue;
      if (at(j).deprel == "cop" && at(j).lemma == "be") copula = static_cast<int>(j);
      if (at(j).deprel == "mark" && at(j).xpos == "TO") to = true;
    }
    if (copula < 0 || !to) continue;
    subject.deprel = "nsubj";
    at(static_cast<uint32_t>(copula)).deprel = "aux";
    ++changed;
  }
  return changed;
}

int repair_appositive_subjects(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  int changed = 0;
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto below = [&](uint32_t j, uint32_t top) { return dominates(an, first, count, top, j); };
  for (uint32_t k = 1; k < count; ++k) {
    WordAnalysis& verb = at(k);
    if (verb.upos != "VERB" || !text::is_in(verb.xpos, {"VBN", "VBD"}) || verb.deprel != "acl" ||
        verb.head <= 0 || static_cast<uint32_t>(verb.head) > count || at(k - 1).xpos != ",")
      continue;
    const uint32_t n = static_cast<uint32_t>(verb.head) - 1;
    if (n >= k) continue;
    // The verb hangs inside the root's apposition ("the envoy", "a photo- and videojournalist
    // from Yemen"): up from its head only appositions, conjuncts and noun modifiers, one
    // apposition at least, to the root.
    uint32_t r = n;
    bool apposition = false, inside = true;
    for (int steps = 0; at(r).deprel != "root" && inside && steps < 16; ++steps) {
      inside = text::is_in(at(r).deprel, {"appos", "conj", "nmod", "flat"}) && at(r).head > 0 &&
               static_cast<uint32_t>(at(r).head) <= count;
      apposition |= at(r).deprel == "appos";
      if (inside) r = static_cast<uint32_t>(at(r).head) - 1;
    }
    if (!inside || !apposition || at(r).deprel != "root") continue;
    WordAnalysis& root = at(r);
    if (root.deprel != "root" || r >= n || !text::is_in(root.upos, {"PROPN", "NOUN", "PRON"}))
      continue;
    bool blocked = false;
    for (uint32_t j = 0; j < count && !blocked; ++j) {
      if (at(j).head == static_cast<int32_t>(k) + 1 &&
          (at(j).deprel.starts_with("nsubj") || at(j).deprel.starts_with("aux") ||
           at(j).deprel == "mark" || at(j).deprel == "cop"))
        blocked = true;
      // Another verb outside the participle's words: it, not the participle, may be the predicate.
      if (j != k && (at(j).upos == "VERB" || at(j).upos == "AUX") && !below(j, k)) blocked = true;
    }
    if (blocked) continue;
    promote_predicate(an, first, count, k, r);
    ++changed;
  }
  return changed;
}

int repair_finite_conjuncts(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count) {
  int changed = 0;
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto finite = [](const WordAnalysis& w) {
    return text::is_in(w.xpos, {"VBD", "VBZ", "VBP", "MD"});
  };
  for (uint32_t c = 0; c < count; ++c) {
    WordAnalysis& conj = at(c);
    if (conj.deprel != "conj" || conj.upos != "VERB" || conj.head <= 0 ||
        static_cast<uint32_t>(conj.head) > count)
      continue;
    const uint32_t h = static_cast<uint32_t>(conj.head) - 1;
    if (h >= c || at(h).xpos != "VB" || !text::is_in(at(h).deprel, {"xcomp", "advcl"}) ||
        at(h).head <= 0)
      continue;
    bool to = false, tensed = finite(conj);
    for (uint32_t j = 0; j < count; ++j) {
      if (at(j).head == static_cast<int32_t>(h) + 1 && at(j).deprel == "mark" && at(j).xpos == "TO")
        to = true;
      if (at(j).head == static_cast<int32_t>(c) + 1 && at(j).deprel.starts_with("aux") &&
          finite(at(j)))
        tensed = true;
    }
    const uint32_t g = static_cast<uint32_t>(at(h).head) - 1;
    if (!to || !tensed || g >= count || at(g).upos != "VERB" || !finite(at(g))) continue;
    conj.head = static_cast<int32_t>(g) + 1;
    ++changed;
  }
  return changed;
}

int repair_subjectless_finite_modifiers(std::vector<WordAnalysis>& an, uint32_t first,
                                        uint32_t count) {
  int changed = 0;
  auto at = [&](uint32_t k) -> WordAnalysis& { return an[first + k]; };
  auto below = [&](uint32_t j, uint32_t top) { return dominates(an, first, count, top, j); };
  for (uint32_t k = 1; k < count; ++k) {
    WordAnalysis& verb = at(k);
    if (verb.upos != "VERB" || !text::is_in(verb.xpos, {"VBD", "VBZ", "VBP"}) ||
        !text::is_in(verb.deprel, {"acl", "acl:relcl"}) || verb.head <= 0 ||
        static_cast<uint32_t>(verb.head) > count)
      continue;
    const uint32_t n = static_cast<uint32_t>(verb.head) - 1;
    WordAnalysis& noun = at(n);
    if (n >= k || noun.deprel != "root" || !text::is_in(noun.upos, {"NOUN", "PROPN"})) continue;
    bool blocked = false;
    for (uint32_t j = 0; j < count && !blocked; ++j) {
      const bool child = at(j).head == static_cast<int32_t>(k) + 1;
      // Its own subject, a relative word or a marker: a real relative or adverbial clause.
      if (child &&
          (at(j).deprel.starts_with("nsubj") || at(j).deprel == "expl" || at(j).deprel == "mark" ||
           at(j).feats.find("PronType=Rel") != std::string::npos))
        blocked = true;
      if (j != k && (at(j).upos == "VERB" || at(j).upos == "AUX") && at(j).deprel != "aux" &&
          at(j).deprel != "cop" && !below(j, k) &&
          text::is_in(at(j).xpos, {"VBD", "VBZ", "VBP", "MD"}))
        blocked = true;  // another finite verb outside it may be the predicate
    }
    if (blocked) continue;
    promote_predicate(an, first, count, k, n);
    ++changed;
  }
  return changed;
}

}  // namespace parley::nlp
