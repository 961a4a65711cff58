// The event lexicon: dependency patterns that turn a predicate (a verb, or an event noun such as
// "talks" or "airstrike") and its dependents into a CAMEO code. Parley's own patterns live in
// data/events/{verbs,nouns}.tsv; users add theirs (same format) and PETRARCH/TABARI verb
// dictionaries can be converted into the same structure (see petrarch_verbs.hpp).
//
// Line format (tab between code and pattern; '#' starts a comment):
//
//   CODE <TAB> LEMMA [CONSTRAINT ...]
//
// CODE is a CAMEO code ("046"), or a TABARI paired code "032:033" (the source visits the target:
// 032; and, reversed, the target hosts the source: 033), "---" for a pattern that blocks coding (a
// discard: "yield progress" is not CAMEO's yield), "~" for a transparent noun ("proposal", "plan":
// the code comes from what the proposal is about), or a frame "@appeal", "@intent", "@demand",
// "@reject", "@threaten" whose code comes from its complement through data/events/families.tsv
// ("urge X to negotiate" -> appeal family of 046 = 026). "@plan" (plan, intend, decide) is the
// intent family for a cooperative act and, for any other, the act itself with its modality
// ("intends to appeal the ruling" = 115, intended).
// LEMMA is the lowercase lemma of the predicate. Each CONSTRAINT names a dependent:
//
//   [ROLE]REL[:PREP][=LEMMA|LEMMA...]
//
// REL is obj, iobj, obl, nmod, xcomp, ccomp, prt (a particle: "call off" = `call prt=off`),
// amod, compound, nsubj or any (a word anywhere in the predicate's subtree). PREP restricts
// obl/nmod to a case word ("obl:with"). The lemma list restricts the dependent's head lemma;
// an entry may be a phrase, words joined by '_' ("golden_goblin_galleons"), whose last word is
// the dependent and whose other words come right before it.
// Two relations read word order rather than the tree, as TABARI and PETRARCH dictionaries are
// written: `pre` is a word (or phrase) before the predicate in its sentence ("said", "did_n't"),
// `post` one after it in its subtree ("fired artillery shells" has post=artillery). Several of
// them must occur in the order they are written; `pre:adj` must end right before the next pre
// word or the predicate, `post:adj` start right after the previous post word or the predicate.
// A `pre` without lemmas and with a ROLE is the actor right before the next element ("+ was
// shot": the one shot). A pattern that spells out a negation ("pre=not") codes a negated
// sentence as its own code, not as a negated event.
// `joint` (no lemmas) is the PETRARCH compound actor (%): the subject is a coordination of two
// or more actors ("A and B agree"), and the event is coded between each ordered pair of them.
// ROLE "+" marks the dependent as the event's target, "$" as its source (defaults: the subject
// is the source, obj/iobj the target; for nouns, "by X"/"X's" is the source).
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace parley::extract {

enum class Relation {
  Obj,
  Iobj,
  Obl,
  Nmod,
  Xcomp,
  Ccomp,
  Particle,
  Amod,
  Compound,
  Nsubj,
  Any,
  Pre,
  Post,
  Joint
};
enum class ArgRole { None, Source, Target };

struct ArgConstraint {
  Relation relation = Relation::Any;
  std::string prep;  // required case/mark word for obl/nmod ("with"); "" = any
  std::vector<std::string>
      lemmas;  // allowed head lemmas (lowercase; phrases space-joined); empty = any word
  ArgRole role = ArgRole::None;
  bool adjacent = false;  // pre/post: no word between this and its neighbour towards the predicate
};

struct Pattern {
  std::string code;   // CAMEO code, "---" (discard), "~" (transparent), "@family"
  std::string lemma;  // predicate lemma, lowercase
  std::vector<ArgConstraint> args;
  std::string origin;        // "file:line", so a coding can be explained
  std::string reverse_code;  // paired code: also code target -> source with it ("" = none)
  // The key may also be a word form: dictionaries that list "LEFT" or "MET" as verbs of their
  // own mean that form, not the lemma (leave, meet). Form matches outrank lemma matches.
  bool form = false;
  // The key is a stem (TABARI "RESTOR"): it also matches every longer lemma it begins.
  bool stem = false;
  // The code is final whatever the clause's tense: PETRARCH and TABARI dictionaries code "will
  // contribute" as the contribution itself, where Parley's own patterns make an announced future
  // act a promise or threat (03x, 13x).
  bool literal = false;
};

// A discard phrase (PETRARCH/TABARI discard lists): sentences containing it are not coded
// ("WORLD CUP"), or the whole article when `story` ("+TYPHOON"). Matched case-insensitively at
// a word start; `whole_word` ("ESPN_") also needs a word end, otherwise the phrase is a stem.
struct Discard {
  std::string phrase;  // lowercase, words joined by single spaces
  bool story = false, whole_word = false;
};

// Frame families: for an act code, its appeal/intent/demand/reject/threaten counterparts.
struct Family {
  std::string appeal, intent, demand, reject, threaten;
};

class Lexicon {
 public:
  // Loads Parley's built-in lexicon: data_dir/events/{verbs,nouns,families}.tsv.
  static Lexicon load_default(const std::string& data_dir);
  // Adds patterns from a file in the format above; `noun` selects the noun table. Patterns'
  // origins read "label:line" (label: the path when empty).
  void load_patterns(const std::string& path, bool noun, const std::string& label = {});
  void load_families(const std::string& path);
  // Reads a PETRARCH/TABARI discard list (one phrase a line, '#' comments, XML comments skipped).
  // Throws when the file cannot be opened or is binary (NUL bytes); what looks wrong (an XML
  // comment never closed, no phrase at all) is added to `warnings` as "path:line: message".
  void load_discards(const std::string& path, std::vector<std::string>* warnings = nullptr);
  const std::vector<Discard>& discards() const { return discards_; }
  // The first discard of the given kind (story-level or sentence-level) found in `text`, or
  // nullptr.
  const Discard* discarded(std::string_view text, bool story) const;
  // Adds one pattern; throws std::invalid_argument naming `origin` on a malformed line.
  void add(std::string_view code, std::string_view pattern, bool noun, std::string origin);
  // Parses one pattern line without adding it.
  static Pattern parse(std::string_view code, std::string_view pattern, std::string origin);
  void add(Pattern pattern, bool noun);
  // Patterns of `other` replace this lexicon's patterns for the same lemmas (user overrides).
  void override_with(const Lexicon& other);

  std::span<const Pattern> verbs(std::string_view lemma) const;
  std::span<const Pattern> nouns(std::string_view lemma) const;
  // Stem patterns whose stem is a proper prefix of `lemma` (at least 3 letters): "restore"
  // -> the patterns of "restor". Appended to `out`.
  void verb_stems(std::string_view lemma, std::vector<const Pattern*>& out) const;
  // The code of `family` ("appeal", ...) for an act; falls back to the act's 3-digit parent,
  // then to the family's own root code (020, 030, 100, 120, 130). "plan" is the intent family of a
  // cooperative act and the act itself otherwise; "intent" of coercion or force is a threat.
  std::string family_code(std::string_view family, std::string_view act) const;
  // The sector of the body that does the act of a passive predicate with no agent ("was
  // arrested" -> COP, "was impeached" -> LEG; data/events/implicit-agents.tsv), "" when none.
  std::string_view implicit_agent(std::string_view lemma) const {
    auto it = implicit_agents_.find(std::string(lemma));
    return it == implicit_agents_.end() ? std::string_view() : std::string_view(it->second);
  }
  void load_implicit_agents(const std::string& path);
  // The CAMEO code a word of appraisal gives the speaker's words ("a propaganda stunt" -> 111,
  // "tricks and lies" -> 112, "courageous" -> 051; data/events/appraisals.tsv), "" when none.
  std::string_view appraisal(std::string_view lemma, std::string_view upos) const;
  void load_appraisals(const std::string& path);
  size_t verb_count() const;
  size_t noun_count() const;

 private:
  std::unordered_map<std::string, std::vector<Pattern>> verbs_, nouns_;
  std::unordered_map<std::string, std::vector<Pattern>> verb_stems_;  // stem patterns, by stem
  std::unordered_map<std::string, Family> families_;
  std::unordered_map<std::string, std::string> implicit_agents_;
  struct Appraisal {
    std::string code, upos;  // upos "" for any part of speech
  };
  std::unordered_map<std::string, Appraisal> appraisals_;
  std::vector<Discard> discards_;
};

}  // namespace parley::extract
