// Object control: "urged Hamas to engage" makes "engage" an open clausal complement (xcomp) of
// "urged", whose object is the understood subject. The greedy parser often reads such a
// to-infinitive after an object as a purpose clause (advcl), since both look alike locally and
// the treebanks hold few examples per control verb (EWT+GUM train: "urge" once). Downstream,
// who-did-what-to-whom depends on the difference, so verbs known to take an object-controlled
// infinitive get their advcl relabelled.
#pragma once
#include <cstdint>
#include <vector>

#include "parley/doc/document.hpp"

namespace parley::nlp {

// Relabels advcl -> xcomp for a to-infinitive without its own subject that follows the object
// of an object-control verb (by lemma). Works on one sentence's words [first, first + count).
// Returns how many relations changed.
int repair_object_control(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count,
                          const Article& article);

// "Russian police arrested 200 protesters": the tagger often reads a past-tense verb after a noun
// as a participle (VBN), and the parser then hangs it on the noun as a reduced relative (acl),
// leaving the sentence without a predicate. A participle with a direct object and no auxiliary,
// marker or subject of its own becomes the finite predicate, the noun its subject. Returns how
// many were repaired.
int repair_participle_predicates(std::vector<WordAnalysis>& analysis, uint32_t first,
                                 uint32_t count);

// "Protesters blocked roads in Hong Kong": the past-tense verb read as a participle modifying
// the next noun ("blocked roads"), the sentence rooted at its subject. Where the root noun is
// followed straight away by that participle and the sentence has no other verb, the participle
// is the predicate, the root noun its subject and the modified noun its object. Returns how many
// were repaired.
int repair_prenominal_participle_predicates(std::vector<WordAnalysis>& analysis, uint32_t first,
                                            uint32_t count);

// "AU commissioner Albert Muchanga announced ...", "According to the BBC, a spokesman for 10
// Downing Street expressed disappointment", "Later in the evening, the network signed off": a
// sentence rooted at a noun whose finite verb the parser hung inside the noun phrase (as a
// relative clause, conjunct or adverbial with no relative word or marker) when no other finite
// verb is outside it. The verb becomes the predicate; its subject is the subject it has (a
// title and name), else the noun it hangs on; the root noun becomes an oblique when it has a
// preposition ("According to the BBC"), else the subject. Returns how many were repaired.
int repair_stranded_predicates(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count);

// "attorneys general from sixteen states filed": the tagger reads "general" after a title noun as
// a verb, and the parse then has no predicate. In titles with a postpositive "general" (a closed
// class in English) it is an adjective; repaired before parsing. Returns how many were repaired.
int repair_postpositive_titles(Article& article, uint32_t first, uint32_t count);

// "he is to leave office": the parser reads "be to" + infinitive as a copula with an outer
// subject; when the subject is a person or a named party (a pronoun or a name) it is the
// infinitive's own and "is" its auxiliary, as the treebank has it. Returns how many were
// repaired.
int repair_be_to_infinitives(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count);

// "Kurt Volker, the special envoy, resigned on Friday": the parser roots the sentence at the name
// and hangs the verb on its apposition as a reduced relative. A participle or past verb set off
// by a comma after the apposition of the root, with no subject, auxiliary or marker of its own
// and no other verb in the sentence outside it, is the predicate and the name its subject.
// Returns how many were repaired.
int repair_appositive_subjects(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count);

// "Lam agreed to add two members but did not accede to the demands": a finite verb (or one with
// a finite auxiliary) cannot coordinate with an infinitive; the parser's conj on the infinitive
// belongs to the finite verb above it. Returns how many were repaired.
int repair_finite_conjuncts(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count);

// "Initial reports from the hospital reported no traces of poison were found": a verb of saying
// with a clause and no "that" is read as an adverbial clause whose object is the reported
// clause's subject, that clause the root. The verb of saying becomes the head, the clause its
// ccomp and the object the clause's subject. Likewise a reported predicate hung elsewhere right
// after the object of a verb of saying ("filed a motion claiming the state of emergency is
// unconstitutional"). Returns how many were repaired.
int repair_reported_clauses(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count);

// "The United States and Jordan have agreed upon a new pact, the White House announced
// Tuesday": a trailing attribution's verb of saying takes the words of the clause before the
// comma as its own dependents ("pact" as its oblique). A dependent of the verb of saying that lies
// before the comma that precedes its subject belongs to the clause the attribution follows.
// Returns how many were repaired.
int repair_trailing_attributions(std::vector<WordAnalysis>& analysis, uint32_t first,
                                 uint32_t count);

// "AU trade commissioner Albert Muchanga announced Benin was to join", "Nabil al-Quaety, a
// journalist, died in Aden": the parser roots the sentence at a noun and hangs the finite verb
// on it as a relative clause or modifier. A finite verb with no subject, relative word or marker
// of its own cannot modify a noun; when the noun is the root before it and no other verb
// competes, the verb is the predicate and the noun its subject. Returns how many were repaired.
int repair_subjectless_finite_modifiers(std::vector<WordAnalysis>& analysis, uint32_t first,
                                        uint32_t count);

// "According to the agency ISNA, the prosecutor, Ali Mehr, said ...": the parser hangs the
// subject on the fronted source as an apposition, leaving the finite verb without a subject.
// An apposition set off by commas, ending right before a subjectless finite verb, of a noun
// fronted as that verb's oblique, becomes the verb's subject. Likewise "Since the release of the
// messages, protests filled the streets" read with the opening phrase as subject and "protests"
// as a conjunct inside it: the phrase becomes an oblique, the conjunct the subject. Returns how
// many were repaired.
int repair_fronted_subjects(std::vector<WordAnalysis>& analysis, uint32_t first, uint32_t count);

}  // namespace parley::nlp
