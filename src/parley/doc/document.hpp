// The document model shared by every stage: one Article owns its text, and sentences, tokens and
// words are plain index ranges over shared arrays, each carrying byte offsets into that text so
// every later record can point back at its evidence.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace parley {

// Byte offsets [start, end) into Article::text.
struct Span {
  uint32_t start = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - start; }
  bool contains(Span inner) const { return inner.start >= start && inner.end <= end; }
  bool overlaps(Span other) const { return start < other.end && other.start < end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// A surface token: a maximal unit of the text such as "don't", "U.S." or ",".
struct Token {
  Span span;
  uint32_t first_word = 0;  // index into Document::words
  uint32_t word_count = 1;  // >1 for multi-word tokens ("don't" -> "do" + "n't")
  bool space_after = true;
};

// A syntactic word (UD's word level). Words of a multi-word token split its span.
struct Word {
  Span span;
  uint32_t token = 0;  // index into Document::tokens
};

struct Sentence {
  Span span;
  uint32_t first_token = 0;
  uint32_t token_count = 0;
  uint32_t first_word = 0;
  uint32_t word_count = 0;
};

// Per-word linguistic annotation filled by the nlp stage; empty until then.
struct WordAnalysis {
  std::string upos, xpos, feats, lemma, deprel;
  int32_t head = -1;  // sentence-local: 0 = root, k = k-th word of the sentence (1-based)
};

// A stretch of text that refers to an actor (a name, a description, a pronoun).
struct Mention {
  Span span;
  uint32_t sentence = 0;
  uint32_t actor = 0;  // index into Article::actors
  std::string kind;    // "name", "description", "pronoun", "metonym", "nested" (inside another)
};

// One real-world actor of an article, with every mention of it.
struct Actor {
  std::string name;     // the fullest name seen ("John Kirby")
  std::string code;     // CAMEO-style: country + sector ("USAGOV"), or an organisation code
  std::string country;  // ISO 3166 alpha-3, "" when none
  std::string sector;   // GOV, MIL, REB, MED, ... "" for a state as a whole
  std::string type;     // PER, ORG, GPE, GRP, IGO, NGO, MED
  std::vector<uint32_t> mentions;  // indices into Article::mentions
  // The country is presumed from the article (a person nothing else identifies is taken for a
  // national of the state the article is about), not stated or known.
  bool presumed = false;
};

// A place an event is located at, resolved with the gazetteer.
struct Place {
  std::string name;     // "Cairo"
  std::string country;  // ISO3
  double lat = 0, lon = 0;
  bool has_coordinates = false;
  Span span;  // the mention that placed it; empty when inherited from the article
};

// One coded event: who did what to whom. Codes are CAMEO; Goldstein score, quad class and
// PLOVER fields are looked up from the ontology when exported.
struct Event {
  uint32_t sentence = 0;
  int32_t source_actor = -1, target_actor = -1;  // indices into Article::actors, -1 = none
  std::string source_code, target_code;
  // An actor is there (a name in the text) but nothing says who it is: its code is empty.
  bool unresolved_source = false, unresolved_target = false;
  // The sentence names no target: the target is the doer's counterpart in the article.
  bool target_inferred = false;
  std::string cameo;     // "026"
  Span trigger;          // the predicate word(s)
  Span evidence;         // the clause or sentence that carries the event
  bool negated = false;  // "did not attack"
  // "" for an asserted act; otherwise why it is not one: "could", "would", "may", "should",
  // "will", "conditional", "planned", "intended", "hypothetical"
  std::string modality;
  int32_t reported_by = -1;  // actor whose speech carries the event ("X said that ...")
  Place location;
  std::string date;                  // ISO date, from the article date and relative expressions
  std::vector<Span> other_mentions;  // repeated mentions of the same event in its sentence
  std::string pattern;               // lexicon pattern origin, for explanations
};

// Direct or reported speech with its speaker.
struct Quote {
  uint32_t sentence = 0;
  Span span;                   // the quoted words (direct) or the reported clause (indirect)
  int32_t speaker_actor = -1;  // index into Article::actors, -1 when unresolved
  Span speaker;                // the speaker mention in the text (may be a pronoun)
  Span cue;                    // the verb of saying ("stated", "according to")
  std::string cue_lemma;       // "state"
  std::string kind;            // "direct" or "indirect"
};

// A proposition a source asserts, with its polarity and certainty.
struct Claim {
  uint32_t sentence = 0;
  int32_t source_actor = -1;
  std::string topic;  // normalised noun phrase the claim is about ("progress in the Cairo talks")
  std::string topic_key;  // what claims are compared on: the folded lemma of the topic's head
  bool affirmed = true;   // false for "did not yield any progress"
  std::string certainty;  // "asserted", "hedged" (could/may/likely), "reported" (second-hand)
  Span evidence;
  int32_t quote = -1;  // the quote it comes from, if any
};

// What a party wants, accepts or rejects on an issue.
struct Position {
  uint32_t sentence = 0;
  int32_t actor = -1;
  std::string issue;      // normalised issue phrase ("military control over the Philadelphia axis")
  std::string issue_key;  // cluster key shared by the same issue in other wording
  std::string stance;     // support, demand, accept, maintain, reject, oppose
  Span evidence;
};

// Sources or parties contradicting each other about one topic.
struct DivergenceSide {
  int32_t actor = -1;
  std::string value;  // "affirmed"/"negated" for claims, a stance for positions
  Span evidence;
};
struct Divergence {
  std::string topic;
  std::string kind;  // "claim" (opposite polarity) or "position" (incompatible stances)
  std::vector<DivergenceSide> sides;
};

// Where an article came from, so errors and records can name the file and offset.
struct Origin {
  std::string path;     // file path, or "-" for stdin
  uint64_t offset = 0;  // byte offset of the record inside that file
  uint64_t line = 0;    // 1-based line for line-oriented inputs, 0 otherwise
};

struct Article {
  std::string id;  // stable content hash of the text (hex)
  std::string source, url, date, title;
  std::string text;
  Origin origin;

  std::vector<Sentence> sentences;
  std::vector<Token> tokens;
  std::vector<Word> words;
  std::vector<WordAnalysis> analysis;  // parallel to words once the nlp stage ran
  std::vector<Actor> actors;           // filled by the actors stage
  std::vector<Mention> mentions;
  std::vector<Event> events;  // filled by the event coder
  std::vector<Quote> quotes;  // filled by the quote extractor
  std::vector<Claim> claims;
  std::vector<Position> positions;
  std::vector<Divergence> divergences;

  std::string_view view(Span s) const { return std::string_view(text).substr(s.start, s.size()); }
  std::string_view token_text(uint32_t i) const { return view(tokens[i].span); }
  std::string_view word_text(uint32_t i) const { return view(words[i].span); }
};

// A stable 64-bit content hash, printed as 16 hex digits; used as Article::id.
std::string content_id(std::string_view text);

}  // namespace parley
