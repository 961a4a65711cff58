// The parse repairs of nlp/control: each on the misparse it exists for, written out as the
// parser produced it, so that a retrained parser cannot hide a broken repair.
#include "parley/nlp/control.hpp"

#include <gtest/gtest.h>

#include <string>
#include <tuple>
#include <vector>

namespace parley::nlp {
namespace {

// Words as (upos, xpos, head, deprel); lemmas are the lowercase forms given.
std::vector<WordAnalysis> misparse(
    const std::vector<std::tuple<std::string, std::string, std::string, int, std::string>>& w) {
  std::vector<WordAnalysis> out;
  for (const auto& [lemma, upos, xpos, head, deprel] : w) {
    WordAnalysis a;
    a.lemma = lemma, a.upos = upos, a.xpos = xpos, a.head = head, a.deprel = deprel;
    out.push_back(a);
  }
  return out;
}

TEST(ParseRepairs, AFrontedPhraseWithTheSubjectHungOnItsCommaLeavesTheVerbThePredicate) {
  // "On Thursday , Cengiz , fiancée , addressed reporters ." as the parser read it: the subject
  // an apposition of the comma after "Thursday", the verb a participle on the subject.
  auto an = misparse({{"on", "ADP", "IN", 2, "case"},
                      {"Thursday", "PROPN", "NNP", 0, "root"},
                      {",", "PUNCT", ",", 2, "punct"},
                      {"Cengiz", "PROPN", "NNP", 3, "appos"},
                      {",", "PUNCT", ",", 6, "punct"},
                      {"fiancée", "NOUN", "NN", 4, "appos"},
                      {",", "PUNCT", ",", 8, "punct"},
                      {"address", "VERB", "VBN", 4, "acl"},
                      {"reporter", "NOUN", "NNS", 8, "obj"},
                      {".", "PUNCT", ".", 2, "punct"}});
  EXPECT_EQ(repair_participle_predicates(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[7].deprel, "root");
  EXPECT_EQ(an[7].head, 0);
  EXPECT_EQ(an[3].deprel, "nsubj");
  EXPECT_EQ(an[3].head, 8);
  EXPECT_EQ(an[1].deprel, "obl");
  EXPECT_EQ(an[1].head, 8);
}

TEST(ParseRepairs, APrenominalParticipleAfterTheRootNounIsThePredicate) {
  // "Protesters blocked roads in Hong Kong ." as the parser read it: "blocked roads" a noun
  // phrase, the sentence rooted at "Protesters".
  auto an = misparse({{"protester", "NOUN", "NNS", 0, "root"},
                      {"block", "VERB", "VBN", 3, "amod"},
                      {"road", "NOUN", "NNS", 1, "obj"},
                      {"in", "ADP", "IN", 5, "case"},
                      {"Hong", "PROPN", "NNP", 3, "nmod"},
                      {"Kong", "PROPN", "NNP", 5, "flat"},
                      {".", "PUNCT", ".", 1, "punct"}});
  EXPECT_EQ(repair_prenominal_participle_predicates(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[1].deprel, "root");
  EXPECT_EQ(an[1].xpos, "VBD");
  EXPECT_EQ(an[0].deprel, "nsubj");
  EXPECT_EQ(an[0].head, 2);
  EXPECT_EQ(an[2].deprel, "obj");
  EXPECT_EQ(an[2].head, 2);
  EXPECT_EQ(an[6].head, 2);
  // With another verb in the sentence the noun phrase reading stands ("Armed men stormed ...").
  auto other = misparse({{"man", "NOUN", "NNS", 0, "root"},
                         {"arm", "VERB", "VBN", 3, "amod"},
                         {"guard", "NOUN", "NNS", 1, "obj"},
                         {"storm", "VERB", "VBD", 1, "acl"},
                         {".", "PUNCT", ".", 1, "punct"}});
  EXPECT_EQ(repair_prenominal_participle_predicates(other, 0, static_cast<uint32_t>(other.size())),
            0);
}

TEST(ParseRepairs, AFiniteVerbStrandedInTheRootNounPhraseIsThePredicate) {
  // "AU trade and industry commissioner Albert Muchanga announced Benin was to join ." read as
  // a noun phrase headed by "trade" with a relative clause.
  auto an = misparse({{"AU", "PROPN", "NNP", 2, "compound"},
                      {"trade", "NOUN", "NN", 0, "root"},
                      {"and", "CCONJ", "CC", 4, "cc"},
                      {"industry", "NOUN", "NN", 2, "conj"},
                      {"commissioner", "NOUN", "NN", 8, "nsubj"},
                      {"Albert", "PROPN", "NNP", 5, "appos"},
                      {"Muchanga", "PROPN", "NNP", 6, "flat"},
                      {"announce", "VERB", "VBD", 2, "acl:relcl"},
                      {"Benin", "PROPN", "NNP", 8, "obj"},
                      {".", "PUNCT", ".", 2, "punct"}});
  EXPECT_EQ(repair_stranded_predicates(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[7].deprel, "root");
  EXPECT_EQ(an[1].deprel, "nsubj");
  EXPECT_EQ(an[1].head, 8);
  EXPECT_EQ(an[4].head, 2);  // the title and name stay in the subject
  EXPECT_EQ(an[9].head, 8);
  // "Later in the evening , the network signed off ." : the fronted phrase becomes an oblique,
  // the noun the participle hung on its subject.
  auto fronted = misparse({{"later", "ADV", "RBR", 4, "advmod"},
                           {"in", "ADP", "IN", 4, "case"},
                           {"the", "DET", "DT", 4, "det"},
                           {"evening", "NOUN", "NN", 0, "root"},
                           {",", "PUNCT", ",", 4, "punct"},
                           {"the", "DET", "DT", 7, "det"},
                           {"network", "NOUN", "NN", 5, "obj"},
                           {"sign", "VERB", "VBN", 7, "acl"},
                           {"off", "ADP", "RP", 8, "compound:prt"},
                           {".", "PUNCT", ".", 4, "punct"}});
  EXPECT_EQ(repair_stranded_predicates(fronted, 0, static_cast<uint32_t>(fronted.size())), 1);
  EXPECT_EQ(fronted[7].deprel, "root");
  EXPECT_EQ(fronted[6].deprel, "nsubj");
  EXPECT_EQ(fronted[3].deprel, "obl");
  // "That 's the way the market worked ." : a predicate noun has its clause already.
  auto copular = misparse({{"that", "PRON", "DT", 4, "nsubj"},
                           {"be", "AUX", "VBZ", 4, "cop"},
                           {"the", "DET", "DT", 4, "det"},
                           {"way", "NOUN", "NN", 0, "root"},
                           {"the", "DET", "DT", 6, "det"},
                           {"market", "NOUN", "NN", 7, "nsubj"},
                           {"work", "VERB", "VBD", 4, "acl:relcl"},
                           {".", "PUNCT", ".", 4, "punct"}});
  EXPECT_EQ(repair_stranded_predicates(copular, 0, static_cast<uint32_t>(copular.size())), 0);
}

TEST(ParseRepairs, AVerbAfterTheRootNamesAppositionIsThePredicate) {
  // "Volker , the envoy , resigned on Friday ."
  auto an = misparse({{"Volker", "PROPN", "NNP", 0, "root"},
                      {",", "PUNCT", ",", 4, "punct"},
                      {"the", "DET", "DT", 4, "det"},
                      {"envoy", "NOUN", "NN", 1, "appos"},
                      {",", "PUNCT", ",", 6, "punct"},
                      {"resign", "VERB", "VBN", 4, "acl"},
                      {"on", "ADP", "IN", 8, "case"},
                      {"Friday", "PROPN", "NNP", 6, "obl"},
                      {".", "PUNCT", ".", 1, "punct"}});
  EXPECT_EQ(repair_appositive_subjects(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[5].deprel, "root");
  EXPECT_EQ(an[0].deprel, "nsubj");
  EXPECT_EQ(an[0].head, 6);
  EXPECT_EQ(an[8].head, 6);  // the final stop follows the predicate
}

TEST(ParseRepairs, AVerbHungInsideTheRootsAppositionIsThePredicate) {
  // "Nabil , a photo- and videojournalist , died in Aden ." with "died" on the conjunct.
  auto an = misparse({{"Nabil", "PROPN", "NNP", 0, "root"},
                      {",", "PUNCT", ",", 4, "punct"},
                      {"a", "DET", "DT", 4, "det"},
                      {"photo", "NOUN", "NN", 1, "appos"},
                      {"and", "CCONJ", "CC", 6, "cc"},
                      {"videojournalist", "NOUN", "NN", 4, "conj"},
                      {",", "PUNCT", ",", 8, "punct"},
                      {"die", "VERB", "VBD", 6, "acl"},
                      {"in", "ADP", "IN", 10, "case"},
                      {"Aden", "PROPN", "NNP", 8, "obl"},
                      {".", "PUNCT", ".", 1, "punct"}});
  EXPECT_EQ(repair_appositive_subjects(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[7].deprel, "root");
  EXPECT_EQ(an[0].head, 8);
}

TEST(ParseRepairs, AFiniteVerbWithNothingOfARelativeClauseIsThePredicate) {
  // "Muchanga announced Benin joined ." read as a relative clause on a root noun, the verb
  // without subject, relative word or marker; "the time the government ordered it" keeps its
  // subject and stays a relative clause.
  auto an = misparse({{"Muchanga", "PROPN", "NNP", 0, "root"},
                      {"announce", "VERB", "VBD", 1, "acl:relcl"},
                      {"Benin", "PROPN", "NNP", 4, "nsubj"},
                      {"join", "VERB", "VBD", 2, "ccomp"},
                      {".", "PUNCT", ".", 1, "punct"}});
  EXPECT_EQ(repair_subjectless_finite_modifiers(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[1].deprel, "root");
  EXPECT_EQ(an[0].deprel, "nsubj");
  EXPECT_EQ(an[4].head, 2);
  auto rel = misparse({{"time", "NOUN", "NN", 0, "root"},
                       {"government", "NOUN", "NN", 3, "nsubj"},
                       {"order", "VERB", "VBD", 1, "acl:relcl"},
                       {"it", "PRON", "PRP", 3, "obj"}});
  EXPECT_EQ(repair_subjectless_finite_modifiers(rel, 0, static_cast<uint32_t>(rel.size())), 0);
}

TEST(ParseRepairs, AFiniteConjunctLeavesTheInfinitive) {
  // "Lam agreed to add members but did not accede ."
  auto an = misparse({{"Lam", "PROPN", "NNP", 2, "nsubj"},
                      {"agree", "VERB", "VBD", 0, "root"},
                      {"to", "PART", "TO", 4, "mark"},
                      {"add", "VERB", "VB", 2, "xcomp"},
                      {"member", "NOUN", "NNS", 4, "obj"},
                      {"but", "CCONJ", "CC", 9, "cc"},
                      {"do", "AUX", "VBD", 9, "aux"},
                      {"not", "PART", "RB", 9, "advmod"},
                      {"accede", "VERB", "VB", 4, "conj"},
                      {".", "PUNCT", ".", 2, "punct"}});
  EXPECT_EQ(repair_finite_conjuncts(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[8].head, 2);
  // A bare infinitive conjunct ("to add and to keep") stays.
  auto bare = misparse({{"agree", "VERB", "VBD", 0, "root"},
                        {"to", "PART", "TO", 3, "mark"},
                        {"add", "VERB", "VB", 1, "xcomp"},
                        {"and", "CCONJ", "CC", 5, "cc"},
                        {"keep", "VERB", "VB", 3, "conj"}});
  EXPECT_EQ(repair_finite_conjuncts(bare, 0, static_cast<uint32_t>(bare.size())), 0);
}

TEST(ParseRepairs, BeToInfinitivesGiveTheirSubjectBackOnlyForPeople) {
  // "he is to leave office" / "the plan is to leave"
  auto he = misparse({{"he", "PRON", "PRP", 4, "nsubj:outer"},
                      {"be", "AUX", "VBZ", 4, "cop"},
                      {"to", "PART", "TO", 4, "mark"},
                      {"leave", "VERB", "VB", 0, "root"},
                      {"office", "NOUN", "NN", 4, "obj"}});
  EXPECT_EQ(repair_be_to_infinitives(he, 0, static_cast<uint32_t>(he.size())), 1);
  EXPECT_EQ(he[0].deprel, "nsubj");
  EXPECT_EQ(he[1].deprel, "aux");
  auto plan = he;
  plan[0] = he[0];
  plan[0].upos = "NOUN", plan[0].xpos = "NN", plan[0].lemma = "plan",
  plan[0].deprel = "nsubj:outer";
  plan[1].deprel = "cop";
  EXPECT_EQ(repair_be_to_infinitives(plan, 0, static_cast<uint32_t>(plan.size())), 0);
}

TEST(ParseRepairs, ASubjectHungOnAFrontedSourceIsTheVerbsSubject) {
  // "According to ISNA , the prosecutor , Mehr , said ..." with the subject an apposition of
  // the oblique "ISNA".
  auto an = misparse({{"accord", "VERB", "VBG", 3, "case"},
                      {"to", "ADP", "IN", 1, "fixed"},
                      {"ISNA", "PROPN", "NNP", 9, "obl"},
                      {",", "PUNCT", ",", 6, "punct"},
                      {"the", "DET", "DT", 6, "det"},
                      {"prosecutor", "NOUN", "NN", 3, "appos"},
                      {"Mehr", "PROPN", "NNP", 6, "appos"},
                      {",", "PUNCT", ",", 3, "punct"},
                      {"say", "VERB", "VBD", 0, "root"}});
  EXPECT_EQ(repair_fronted_subjects(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[5].deprel, "nsubj");
  EXPECT_EQ(an[5].head, 9);
}

TEST(ParseRepairs, AnOpeningPhraseReadAsSubjectGivesWayToTheNominalAfterItsComma) {
  // "Since the release of the text messages , protests filled the streets ." as the parser read
  // it: "release" the subject, "protests" a conjunct of "messages".
  auto an = misparse({{"since", "SCONJ", "IN", 3, "case"},
                      {"the", "DET", "DT", 3, "det"},
                      {"release", "NOUN", "NN", 10, "nsubj"},
                      {"of", "ADP", "IN", 7, "case"},
                      {"the", "DET", "DT", 7, "det"},
                      {"text", "NOUN", "NN", 7, "compound"},
                      {"message", "NOUN", "NNS", 3, "nmod"},
                      {",", "PUNCT", ",", 9, "punct"},
                      {"protest", "NOUN", "NNS", 7, "conj"},
                      {"fill", "VERB", "VBD", 0, "root"},
                      {"street", "NOUN", "NNS", 10, "obj"},
                      {".", "PUNCT", ".", 10, "punct"}});
  EXPECT_EQ(repair_fronted_subjects(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[2].deprel, "obl");
  EXPECT_EQ(an[8].deprel, "nsubj");
  EXPECT_EQ(an[8].head, 10);
  // "Ministers and diplomats signed": a subject without a preposition stays.
  auto plain = misparse({{"minister", "NOUN", "NNS", 4, "nsubj"},
                         {"and", "CCONJ", "CC", 3, "cc"},
                         {"diplomat", "NOUN", "NNS", 1, "conj"},
                         {"sign", "VERB", "VBD", 0, "root"}});
  EXPECT_EQ(repair_fronted_subjects(plain, 0, static_cast<uint32_t>(plain.size())), 0);
}

TEST(ParseRepairs, AVerbOfSayingReadAsAdverbialHeadsTheClauseItReports) {
  // "Reports from Omsk reported no traces were found ." as the parser read it: "reported" an
  // adverbial clause of "found", "traces" its object.
  auto an = misparse({{"report", "NOUN", "NNS", 4, "nsubj"},
                      {"from", "ADP", "IN", 3, "case"},
                      {"Omsk", "PROPN", "NNP", 1, "nmod"},
                      {"report", "VERB", "VBD", 8, "advcl"},
                      {"no", "DET", "DT", 6, "det"},
                      {"trace", "NOUN", "NNS", 4, "obj"},
                      {"be", "AUX", "VBD", 8, "aux:pass"},
                      {"find", "VERB", "VBN", 0, "root"},
                      {".", "PUNCT", ".", 8, "punct"}});
  EXPECT_EQ(repair_reported_clauses(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[3].deprel, "root");
  EXPECT_EQ(an[3].head, 0);
  EXPECT_EQ(an[7].deprel, "ccomp");
  EXPECT_EQ(an[7].head, 4);
  EXPECT_EQ(an[5].deprel, "nsubj:pass");
  EXPECT_EQ(an[5].head, 8);
  EXPECT_EQ(an[8].head, 4);
  // "Owners filed a motion claiming the state is liable ." with "liable" a conjunct of "filed"
  // and "state" the object of "claiming".
  auto hung = misparse({{"owner", "NOUN", "NNS", 2, "nsubj"},
                        {"file", "VERB", "VBD", 0, "root"},
                        {"a", "DET", "DT", 4, "det"},
                        {"motion", "NOUN", "NN", 2, "obj"},
                        {"claim", "VERB", "VBG", 2, "advcl"},
                        {"the", "DET", "DT", 7, "det"},
                        {"state", "NOUN", "NN", 5, "obj"},
                        {"be", "AUX", "VBZ", 9, "cop"},
                        {"liable", "ADJ", "JJ", 2, "conj"},
                        {".", "PUNCT", ".", 2, "punct"}});
  EXPECT_EQ(repair_reported_clauses(hung, 0, static_cast<uint32_t>(hung.size())), 1);
  EXPECT_EQ(hung[8].deprel, "ccomp");
  EXPECT_EQ(hung[8].head, 5);
  EXPECT_EQ(hung[6].deprel, "nsubj");
  EXPECT_EQ(hung[6].head, 9);
  // "When he visited the city, it was empty": a clause with its own subject stays.
  auto fine = misparse({{"when", "SCONJ", "WRB", 3, "mark"},
                        {"he", "PRON", "PRP", 3, "nsubj"},
                        {"visit", "VERB", "VBD", 7, "advcl"},
                        {"the", "DET", "DT", 5, "det"},
                        {"city", "NOUN", "NN", 3, "obj"},
                        {"it", "PRON", "PRP", 7, "nsubj"},
                        {"empty", "ADJ", "JJ", 0, "root"}});
  EXPECT_EQ(repair_reported_clauses(fine, 0, static_cast<uint32_t>(fine.size())), 0);
  // "It is on air , as the company claims the order did not cover it ." with "claims" an
  // adverbial clause of "cover" and "order" its object: the parenthetical report stays an
  // adverbial clause of "air" and reports "the order did not cover it".
  auto as = misparse({{"it", "PRON", "PRP", 4, "nsubj"},
                      {"be", "AUX", "VBZ", 4, "cop"},
                      {"on", "ADP", "IN", 4, "case"},
                      {"air", "NOUN", "NN", 0, "root"},
                      {",", "PUNCT", ",", 9, "punct"},
                      {"as", "SCONJ", "IN", 9, "mark"},
                      {"the", "DET", "DT", 8, "det"},
                      {"company", "NOUN", "NN", 9, "nsubj"},
                      {"claim", "VERB", "VBZ", 14, "advcl"},
                      {"the", "DET", "DT", 11, "det"},
                      {"order", "NOUN", "NN", 9, "obj"},
                      {"do", "AUX", "VBD", 14, "aux"},
                      {"not", "PART", "RB", 14, "advmod"},
                      {"cover", "VERB", "VB", 4, "parataxis"},
                      {"it", "PRON", "PRP", 14, "obj"},
                      {".", "PUNCT", ".", 14, "punct"}});
  EXPECT_EQ(repair_reported_clauses(as, 0, static_cast<uint32_t>(as.size())), 1);
  EXPECT_EQ(as[8].deprel, "advcl");
  EXPECT_EQ(as[8].head, 4);
  EXPECT_EQ(as[13].deprel, "ccomp");
  EXPECT_EQ(as[13].head, 9);
  EXPECT_EQ(as[10].deprel, "nsubj");
  EXPECT_EQ(as[10].head, 14);
}

// "Jordan agreed upon a pact , the House announced Tuesday ." with "pact" the oblique of
// "announced": the pact is what was agreed upon; "announced" a trailing attribution.
TEST(ParseRepairs, TrailingAttributionsGiveBackTheClausesWords) {
  auto an = misparse({{"Jordan", "PROPN", "NNP", 2, "nsubj"},
                      {"agree", "VERB", "VBD", 0, "root"},
                      {"upon", "ADP", "IN", 5, "case"},
                      {"a", "DET", "DT", 5, "det"},
                      {"pact", "NOUN", "NN", 9, "obl"},
                      {",", "PUNCT", ",", 9, "punct"},
                      {"the", "DET", "DT", 8, "det"},
                      {"House", "PROPN", "NNP", 9, "nsubj"},
                      {"announce", "VERB", "VBD", 2, "conj"},
                      {"Tuesday", "PROPN", "NNP", 9, "obl:tmod"},
                      {".", "PUNCT", ".", 2, "punct"}});
  EXPECT_EQ(repair_trailing_attributions(an, 0, static_cast<uint32_t>(an.size())), 1);
  EXPECT_EQ(an[4].head, 2);
  EXPECT_EQ(an[4].deprel, "obl");
  EXPECT_EQ(an[8].deprel, "parataxis");
  EXPECT_EQ(an[9].head, 9);  // the time stays the announcement's
  // "I know it , but still , I write this question": a clause of its own, left as it is.
  auto own = misparse({{"I", "PRON", "PRP", 2, "nsubj"},
                       {"know", "VERB", "VBP", 0, "root"},
                       {"it", "PRON", "PRP", 2, "obj"},
                       {",", "PUNCT", ",", 9, "punct"},
                       {"but", "CCONJ", "CC", 9, "cc"},
                       {"still", "ADV", "RB", 9, "advmod"},
                       {",", "PUNCT", ",", 9, "punct"},
                       {"I", "PRON", "PRP", 9, "nsubj"},
                       {"write", "VERB", "VBP", 2, "conj"},
                       {"this", "DET", "DT", 11, "det"},
                       {"question", "NOUN", "NN", 9, "obj"}});
  EXPECT_EQ(repair_trailing_attributions(own, 0, static_cast<uint32_t>(own.size())), 0);
}

}  // namespace
}  // namespace parley::nlp
