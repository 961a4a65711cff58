#include "parley/eval/trigger_eval.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>

#include "../test_support.hpp"
#include "parley/actors/gazetteer.hpp"
#include "parley/pipeline/standard.hpp"
#include "parley/resources.hpp"

namespace parley::eval {
namespace {

// One ustar entry: a 512-byte header and the data padded to 512 bytes.
std::string tar_entry(const std::string& name, const std::string& data, char type = '0') {
  std::string h(512, '\0');
  std::memcpy(h.data(), name.data(), std::min<size_t>(name.size(), 99));
  std::snprintf(h.data() + 100, 8, "%07o", 0644);
  std::snprintf(h.data() + 108, 8, "%07o", 0);
  std::snprintf(h.data() + 116, 8, "%07o", 0);
  std::snprintf(h.data() + 124, 12, "%011o", static_cast<unsigned>(data.size()));
  std::snprintf(h.data() + 136, 12, "%011o", 0);
  h[156] = type;
  std::memcpy(h.data() + 257, "ustar", 6);
  std::memcpy(h.data() + 263, "00", 2);
  std::memset(h.data() + 148, ' ', 8);
  unsigned sum = 0;
  for (char c : h) sum += static_cast<unsigned char>(c);
  std::snprintf(h.data() + 148, 8, "%06o", sum);
  std::string padded = data;
  padded.resize((data.size() + 511) / 512 * 512, '\0');
  return h + padded;
}

void write_gz(const std::string& path, const std::string& content) {
  gzFile f = gzopen(path.c_str(), "wb");
  ASSERT_NE(f, nullptr);
  ASSERT_EQ(gzwrite(f, content.data(), static_cast<unsigned>(content.size())),
            static_cast<int>(content.size()));
  gzclose(f);
}

const char* kXml = R"(<?xml version="1.0" encoding="UTF-8"?>
<Document doc_name="1_1ecbplus.xml" doc_id="DOC1">
<token t_id="1" sentence="0" number="0">http://example.org</token>
<token t_id="2" sentence="1" number="0">Israeli</token>
<token t_id="3" sentence="1" number="1">troops</token>
<token t_id="4" sentence="1" number="2">attacked</token>
<token t_id="5" sentence="1" number="3">Palestinian</token>
<token t_id="6" sentence="1" number="4">militants</token>
<token t_id="7" sentence="1" number="5">in</token>
<token t_id="8" sentence="1" number="6">Gaza</token>
<token t_id="9" sentence="1" number="7">,</token>
<token t_id="10" sentence="1" number="8">officials</token>
<token t_id="11" sentence="1" number="9">said</token>
<token t_id="12" sentence="1" number="10">.</token>
<token t_id="13" sentence="2" number="0">Ben</token>
<token t_id="14" sentence="2" number="1">&amp;</token>
<token t_id="15" sentence="2" number="2">Jerry</token>
<token t_id="16" sentence="2" number="3">danced</token>
<token t_id="17" sentence="2" number="4">.</token>
<Markables>
<ACTION_OCCURRENCE m_id="20"  >
  <token_anchor t_id="4"/>
</ACTION_OCCURRENCE>
<ACTION_REPORTING m_id="21"  >
  <token_anchor t_id="11"/>
</ACTION_REPORTING>
<HUMAN_PART_PER m_id="22"  >
  <token_anchor t_id="3"/>
</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="23"  >
  <token_anchor t_id="16"/>
</ACTION_OCCURRENCE>
<ACTION_OCCURRENCE m_id="30" RELATED_TO="" TAG_DESCRIPTOR="t1_attack" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1" >
  <source m_id="20" />
  <target m_id="30" />
</CROSS_DOC_COREF>
</Relations>
</Document>
)";

TEST(TriggerEval, ReadsATarGz) {
  test::TempDir tmp;
  std::string tar = tar_entry("ECB+/", "", '5') + tar_entry("ECB+/1/1_1ecbplus.xml", kXml) +
                    tar_entry("ECB+/1/notes.txt", "hello") + std::string(1024, '\0');
  write_gz(tmp.path() + "/a.tar.gz", tar);
  std::vector<TarEntry> entries;
  read_tar_gz(tmp.path() + "/a.tar.gz", [&](const TarEntry& e) { entries.push_back(e); });
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].name, "ECB+/1/1_1ecbplus.xml");
  EXPECT_EQ(entries[0].data, kXml);
  EXPECT_EQ(entries[1].name, "ECB+/1/notes.txt");
  EXPECT_EQ(entries[1].data, "hello");
}

TEST(TriggerEval, ParsesEcbXml) {
  EcbDocument doc = parse_ecb_xml(kXml, "ECB+/1/1_1ecbplus.xml");
  EXPECT_EQ(doc.name, "1_1ecbplus");
  ASSERT_EQ(doc.tokens.size(), 17u);
  EXPECT_EQ(doc.tokens[13].text, "&");
  EXPECT_EQ(doc.tokens[3].sentence, 1u);
  ASSERT_EQ(doc.mentions.size(), 4u);  // the instance descriptor has no anchors
  EXPECT_EQ(doc.mentions[0].tag, "ACTION_OCCURRENCE");
  EXPECT_EQ(doc.mentions[0].tokens, std::vector<uint32_t>{4});
  EXPECT_TRUE(is_action_tag("NEG_ACTION_STATE"));
  EXPECT_FALSE(is_action_tag("HUMAN_PART_PER"));

  std::vector<const EcbToken*> toks;
  for (const auto& t : doc.tokens)
    if (t.sentence == 1) toks.push_back(&t);
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  EXPECT_EQ(rebuild_sentence(toks, spans),
            "Israeli troops attacked Palestinian militants in Gaza, officials said.");
  EXPECT_EQ(spans[2], (std::pair<uint32_t, uint32_t>{15, 23}));
}

TEST(TriggerEval, MalformedXmlNamesTheFile) {
  for (std::string bad :
       {std::string("<Document><token t_id=\"1\" sentence=\"0\">word</Document>"),
        std::string("<Document><token sentence=\"0\">word</token></Document>"),
        std::string("<Document><token t_id=\"1\" sentence=\"0>word</token>"),
        std::string("<Document><Markables><ACTION_OCCURRENCE m_id=\"1\"><token_anchor t_id=\"9\"/>"
                    "</ACTION_OCCURRENCE></Markables></Document>")}) {
    try {
      parse_ecb_xml(bad, "ECB+/9/9_9ecb.xml");
      ADD_FAILURE() << "no error for " << bad;
    } catch (const std::runtime_error& e) {
      EXPECT_NE(std::string(e.what()).find("ECB+/9/9_9ecb.xml"), std::string::npos) << e.what();
    }
  }
}

TEST(TriggerEval, BrokenArchiveNamesTheFile) {
  test::TempDir tmp;
  std::string tar = tar_entry("ECB+/1/1_1ecbplus.xml", kXml) + std::string(1024, '\0');
  // Truncated gzip stream.
  write_gz(tmp.path() + "/full.tar.gz", tar);
  std::string gz = test::read_file(tmp.path() + "/full.tar.gz");
  std::string cut = tmp.write("cut.tar.gz", gz.substr(0, gz.size() / 2));
  // Valid gzip, not a tar.
  write_gz(tmp.path() + "/notar.tar.gz", std::string(2000, 'x'));
  // A tar entry longer than the archive.
  write_gz(tmp.path() + "/short.tar.gz", tar.substr(0, 700));
  for (std::string name : {"cut.tar.gz", "notar.tar.gz", "short.tar.gz", "missing.tar.gz"}) {
    std::string path = tmp.path() + "/" + name;
    EXPECT_THROW(
        {
          try {
            read_tar_gz(path, [](const TarEntry&) {});
          } catch (const std::runtime_error& e) {
            EXPECT_NE(std::string(e.what()).find(path), std::string::npos) << e.what();
            throw;
          }
        },
        std::runtime_error)
        << name;
  }
}

TEST(TriggerEval, ScoresATinyCorpus) {
  test::TempDir tmp;
  std::string tar = tar_entry("ECB+/1/1_1ecbplus.xml", kXml) + std::string(1024, '\0');
  write_gz(tmp.path() + "/ECBplus-xml.tar.gz", tar);
  tmp.write("ECBplus_coreference_sentences.csv",
            "Topic,File,Sentence Number\n1,1ecbplus,1\n1,1ecbplus,2\n1,2ecb,0\n");
  Pipeline chain = standard_pipeline(Stage::Events, resolve_resources());
  extract::Lexicon lexicon = extract::Lexicon::load_default(default_data_dir());
  TriggerScores s = evaluate_ecb_triggers(tmp.path(), chain, lexicon);
  EXPECT_EQ(s.documents, 1u);
  EXPECT_EQ(s.sentences, 2u);
  EXPECT_EQ(s.missing_sentences, 1u);  // 1_2ecb is not in the archive
  EXPECT_EQ(s.total.gold, 3u);         // attacked, said, danced; not the participant
  EXPECT_EQ(s.by_tag["ACTION_OCCURRENCE"].gold, 2u);
  EXPECT_EQ(s.by_tag["ACTION_REPORTING"].gold, 1u);
  EXPECT_GE(s.total.lexicon, 1u);  // "attack" has a coding pattern
  // Coded: "Israeli troops attacked Palestinian militants" (ISRMIL -> PSE..., CAMEO 19x). Not
  // "officials said", which only reports it, nor "danced", which no pattern knows.
  EXPECT_EQ(s.total.coded, 1u);
  EXPECT_EQ(s.by_tag["ACTION_OCCURRENCE"].coded, 1u);
  EXPECT_EQ(s.by_tag["ACTION_REPORTING"].coded, 0u);
  EXPECT_EQ(s.triggers, 1u);
  EXPECT_EQ(s.triggers_on_gold, 1u);
  ASSERT_EQ(s.misses.size(), 2u);
  EXPECT_EQ(s.misses.size(), s.total.gold - s.total.coded);
  bool danced_missed = false;
  for (const auto& m : s.misses)
    if (m.words == "danced") danced_missed = m.lemma == "dance" && !m.in_lexicon && m.sentence == 2;
  EXPECT_TRUE(danced_missed);
  auto sorted = misses_by_lemma_frequency(s.misses);
  EXPECT_EQ(sorted.size(), s.misses.size());
}

TEST(TriggerEval, RealCorpus) {
  PARLEY_REQUIRE_SHARED(shared);
  std::string dir = shared + "/corpora/ecbplus";
  if (!std::filesystem::exists(dir + "/ECBplus-xml.tar.gz")) GTEST_SKIP() << "no " << dir;
  Pipeline chain = standard_pipeline(Stage::Events, resolve_resources());
  extract::Lexicon lexicon = extract::Lexicon::load_default(default_data_dir());
  TriggerScores s = evaluate_ecb_triggers(dir, chain, lexicon);
  EXPECT_EQ(s.documents, 982u);
  EXPECT_EQ(s.sentences, 1840u);
  EXPECT_EQ(s.missing_sentences, 0u);
  EXPECT_GT(s.total.gold, 6000u);  // 6,833 action mentions in the selected sentences
  // ECB+ is crime, disaster, sports and celebrity news: few CAMEO-coded actors, so few coded
  // events, but those are on gold actions, and half the actions have a lexicon lemma.
  EXPECT_GT(s.total.coded, 0u);
  // README: 49.7% of gold actions on a lexicon word, 0.8% coded, 88.7% of triggers on gold.
  EXPECT_GT(s.lexicon_recall(), 48.5);
  EXPECT_GT(s.coded_recall(), 0.6);
  EXPECT_GE(s.lexicon_recall(), s.coded_recall());
  EXPECT_GT(s.trigger_precision(), 86.0);
}

}  // namespace
}  // namespace parley::eval
