// The PETRARCH/TABARI verb dictionary reader: a small dictionary written here (always runs) and
// the validation and CAMEO dictionaries in ../shared (skip without PARLEY_SHARED).
#include "parley/extract/petrarch_verbs.hpp"

#include <filesystem>
#include <fstream>

#include "../test_support.hpp"

namespace parley::extract {
namespace {

std::string write_temp(const std::string& name, const std::string& text) {
  auto path = std::filesystem::temp_directory_path() / name;
  std::ofstream(path) << text;
  return path.string();
}

bool has(const Lexicon& lx, const std::string& lemma, const std::string& code, size_t nargs) {
  for (const Pattern& p : lx.verbs(lemma))
    if (p.code == code && p.args.size() == nargs) return true;
  return false;
}

TEST(PetrarchVerbs, TabariStemsMatchTheLemmasTheyBegin) {
  // TABARI verbs without a trailing '_' are stems: RECONCIL matches "reconcile", "reconciliate";
  // RESTORE_ is a whole word and matches only "restore".
  std::string path = write_temp("parley_tabari_stems.verbs", "RECONCIL [064]\nRESTORE_ [081]\n");
  Lexicon lx = read_petrarch_verbs(path);
  std::vector<const Pattern*> found;
  lx.verb_stems("reconcile", found);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0]->code, "064");
  found.clear();
  lx.verb_stems("restored", found);
  EXPECT_TRUE(found.empty());
  found.clear();
  lx.verb_stems("rec", found);  // a stem matches longer lemmas only
  EXPECT_TRUE(found.empty());
  EXPECT_TRUE(has(lx, "restore", "081", 0));
}

TEST(PetrarchVerbs, ReadsBlocksSynsetsAndPatterns) {
  std::string path = write_temp("parley_petr_verbs.txt",
                                "&AIDWORDS\n+AID\n+ASSISTANCE\n\n"
                                "--- GIVE   [070]  ---\n"
                                "GIVE {GAVE GIVEN GIVING GIVES}\nDONATE [071]\n+HAND_OVER\n"
                                "- * &AIDWORDS (TO +)  [073]  # comment\n"
                                "- * (FOR $)  [074]\n"
                                "- SAID * WEAPONS [072]\n"
                                "- * % [030]\n"
                                "- * BROKEN [07\n");
  PetrarchReadStats stats;
  Lexicon lx = read_petrarch_verbs(path, &stats);
  EXPECT_EQ(stats.verbs, 3u);
  EXPECT_EQ(stats.forms, 4u);
  EXPECT_EQ(stats.synsets, 1u);
  EXPECT_EQ(stats.patterns_read, 5u);
  EXPECT_TRUE(has(lx, "give", "070", 0));
  EXPECT_TRUE(has(lx, "donate", "071", 0));
  EXPECT_TRUE(has(lx, "hand", "070", 1));  // hand prt=over
  ASSERT_TRUE(has(lx, "give", "073", 2));
  for (const Pattern& p : lx.verbs("give")) {
    if (p.code != "073") continue;
    EXPECT_EQ(p.args[0].relation, Relation::Post);  // words after the verb, in order (TABARI)
    EXPECT_EQ(p.args[0].lemmas,
              (std::vector<std::string>{"aid", "aids", "assistance", "assistances"}));
    EXPECT_EQ(p.args[1].relation, Relation::Obl);
    EXPECT_EQ(p.args[1].prep, "to");
    EXPECT_EQ(p.args[1].role, ArgRole::Target);
  }
  EXPECT_TRUE(has(lx, "donate", "074", 1));
  EXPECT_TRUE(has(lx, "give", "072", 2));  // pre=said post=weapons
  EXPECT_EQ(stats.skipped_by_reason["pre-verb context"], 0u);
  EXPECT_EQ(stats.skipped_by_reason["compound actor (%)"], 1u);
  ASSERT_FALSE(stats.problems.empty());
  EXPECT_NE(stats.problems.back().find("parley_petr_verbs.txt:13"), std::string::npos)
      << stats.problems.back();
  std::filesystem::remove(path);
}

TEST(PetrarchVerbs, TabariLinesAreBlocks) {
  std::string path = write_temp("parley_tabari.verbs",
                                "ABANDON  [---] ;OY 25 Jul 2003\n- * STRONGHOLD  [0874] ;jap\n"
                                "- * OUTPOST IN_ +  [0874]\nABDUCT  [181]\n- + * BY_ $  [181]\n"
                                "- * { HOSTAGE | CAPTIVE } [181]\n");
  PetrarchReadStats stats;
  Lexicon lx = read_petrarch_verbs(path, &stats);
  EXPECT_EQ(stats.blocks, 2u);
  EXPECT_TRUE(has(lx, "abandon", "0874", 1));
  EXPECT_TRUE(has(lx, "abandon", "0874", 2));
  EXPECT_FALSE(has(lx, "abduct", "0874", 1));  // ABDUCT starts its own block
  EXPECT_TRUE(has(lx, "abduct", "181", 0));
  bool alternatives = false;
  for (const Pattern& p : lx.verbs("abduct"))
    if (p.args.size() == 1 && p.args[0].lemmas == std::vector<std::string>{"hostage", "captive"})
      alternatives = true;
  EXPECT_TRUE(alternatives);
  std::filesystem::remove(path);
}

const Pattern* find(const Lexicon& lx, const std::string& lemma, const std::string& code) {
  for (const Pattern& p : lx.verbs(lemma))
    if (p.code == code) return &p;
  return nullptr;
}

TEST(PetrarchVerbs, PreVerbContextSynsetPhrasesAndCompoundActors) {
  std::string path =
      write_temp("parley_petr_pre.txt",
                 "&NEGAUX_\n+DID N'T\n+WILL NOT\n\n&TIES_\n+MILITARY\n+ECONOMIC\n\n&MONEY\n"
                 "+GOLDEN_GOBLIN_GALLEONS\n+&TIES\n\n"
                 "--- CLASH  [190] ---\nCLASH\n"
                 "- SAID WOULD NOT_*  [112]\n"
                 "- MOST_CERTAINLY_&NEGAUX * OVER EFFORTS [904]\n"
                 "- + WAS * DEAD IN $ [224]\n"
                 "- % HAVE * [191]\n"
                 "- * NEW_&TIES_RELATIONS FROM [903]\n"
                 "- * &MONEY [071]\n"
                 "- * WITH % [031]\n");
  PetrarchReadStats stats;
  Lexicon lx = read_petrarch_verbs(path, &stats);
  EXPECT_EQ(stats.patterns_skipped, 0u);

  const Pattern* p = find(lx, "clash", "112");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->args.size(), 3u);
  EXPECT_EQ(p->args[0].relation, Relation::Pre);
  EXPECT_EQ(p->args[0].lemmas, std::vector<std::string>{"said"});
  EXPECT_FALSE(p->args[0].adjacent);
  EXPECT_EQ(p->args[2].lemmas, std::vector<std::string>{"not"});
  EXPECT_TRUE(p->args[2].adjacent);  // NOT_* : right before the verb

  p = find(lx, "clash", "904");  // synset phrases inside a '_' phrase: consecutive words
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->args[0].lemmas,
            (std::vector<std::string>{"most certainly did n't", "most certainly will not"}));
  EXPECT_EQ(p->args[1].relation, Relation::Obl);
  EXPECT_EQ(p->args[1].prep, "over");

  p = find(lx, "clash", "224");  // "+ WAS": the actor right before "was" is the target
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->args[0].relation, Relation::Pre);
  EXPECT_EQ(p->args[0].role, ArgRole::Target);
  EXPECT_TRUE(p->args[0].lemmas.empty());
  EXPECT_EQ(p->args[1].lemmas, std::vector<std::string>{"was"});

  p = find(lx, "clash", "191");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->args[0].relation, Relation::Joint);

  p = find(lx, "clash", "903");
  ASSERT_NE(p, nullptr);
  ASSERT_EQ(p->args.size(), 2u);
  EXPECT_EQ(p->args[0].lemmas,
            (std::vector<std::string>{"new military relations", "new economic relations"}));
  EXPECT_EQ(p->args[1].relation, Relation::Post);  // a closing preposition is a following word
  EXPECT_EQ(p->args[1].lemmas, std::vector<std::string>{"from"});

  // Nested synsets expand; PETRARCH's regular plurals (root + S) go on the last word of a
  // phrase, none in a synset whose name ends with '_'.
  p = find(lx, "clash", "071");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->args[0].lemmas,
            (std::vector<std::string>{"golden goblin galleons", "golden goblin galleonss",
                                      "military", "economic"}));
  p = find(lx, "clash", "031");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->args[0].relation, Relation::Obl);
  EXPECT_EQ(p->args[0].prep, "with");
  std::filesystem::remove(path);
}

TEST(PetrarchVerbs, PairedCodesAndWordForms) {
  std::string path = write_temp("parley_petr_paired.txt",
                                "--- ARRIVE  [032:033]  ---\nARRIVE\n\n--- MET  [031:032]  "
                                "---\nMET\n- * FEELERS [031:ABC]\n");
  PetrarchReadStats stats;
  Lexicon lx = read_petrarch_verbs(path, &stats);
  const Pattern* p = find(lx, "arrive", "032");
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->reverse_code, "033");
  EXPECT_TRUE(p->form);
  p = find(lx, "met", "031");  // a verb listed as a form stays keyed by that form
  ASSERT_NE(p, nullptr);
  EXPECT_EQ(p->reverse_code, "032");
  bool dropped = false;  // a paired half that is not CAMEO digits is left out, the pattern kept
  for (const Pattern& q : lx.verbs("met"))
    if (q.code == "031" && q.args.size() == 1 && q.reverse_code.empty()) dropped = true;
  EXPECT_TRUE(dropped);
  std::filesystem::remove(path);
}

TEST(PetrarchVerbs, MissingOrEmptyFileIsAnError) {
  EXPECT_THROW(read_petrarch_verbs("/nonexistent/verbs.txt", nullptr), std::runtime_error);
  std::string path = write_temp("parley_empty.verbs", "# nothing\n\n");
  EXPECT_THROW(read_petrarch_verbs(path, nullptr), std::runtime_error);
  std::filesystem::remove(path);
}

TEST(PetrarchVerbs, ValidationAndCameoDictionaries) {
  PARLEY_REQUIRE_SHARED(shared);
  PetrarchReadStats v;
  Lexicon validate =
      read_petrarch_verbs(shared + "/peers/petrarch2/dictionaries/PETR.Validate.verbs.txt", &v);
  EXPECT_GT(v.verbs, 200u);
  EXPECT_GT(v.patterns_read, 400u);
  EXPECT_GT(v.patterns_converted, v.patterns_read / 2);
  EXPECT_FALSE(validate.verbs("abandon").empty());
  PetrarchReadStats c;
  Lexicon cameo = read_petrarch_verbs(shared + "/peers/petrarch2/dictionaries/CAMEO.2.0.txt", &c);
  EXPECT_GT(c.verbs, 1000u);
  EXPECT_GT(cameo.verb_count(), 5000u);
  PetrarchReadStats t;
  Lexicon tabari = read_petrarch_verbs(shared + "/peers/TABARI/CAMEO.091003.master.verbs", &t);
  EXPECT_GT(t.blocks, 1000u);
  EXPECT_GT(t.patterns_converted, 1000u);
}

}  // namespace
}  // namespace parley::extract
