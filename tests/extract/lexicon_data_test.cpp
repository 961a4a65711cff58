// Checks Parley's own event lexicon data (data/events): it loads, every code it uses exists in the
// CAMEO codebook, every CAMEO root 01-20 has patterns, no pattern is listed twice with different
// codes (ties are decided by file order, which would make the coding depend on file names), and a
// few phrasings code as intended through the lexicon API.
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>

#include "../test_support.hpp"
#include "parley/extract/lexicon.hpp"
#include "parley/extract/ontology.hpp"

namespace parley::extract {
namespace {

std::string data_dir() {
  return test::source_dir() + "/data";
}

struct Line {
  std::string code, pattern, origin;
  bool noun = false;
};

// The pattern lines of data/events/{verbs,nouns}/*.tsv, read independently of Lexicon.
std::vector<Line> read_lines() {
  std::vector<Line> out;
  for (const char* kind : {"verbs", "nouns"}) {
    std::vector<std::filesystem::path> files;
    for (const auto& e : std::filesystem::directory_iterator(data_dir() + "/events/" + kind))
      if (e.path().extension() == ".tsv") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      std::ifstream in(f);
      std::string line;
      int n = 0;
      while (std::getline(in, line)) {
        ++n;
        if (auto h = line.find('#'); h != std::string::npos) line.resize(h);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r'))
          line.pop_back();
        if (line.empty()) continue;
        size_t tab = line.find('\t');
        if (tab == std::string::npos) {
          ADD_FAILURE() << f << ":" << n << ": no tab";
          continue;
        }
        out.push_back({line.substr(0, tab), line.substr(tab + 1),
                       f.filename().string() + ":" + std::to_string(n),
                       std::string(kind) == "nouns"});
      }
    }
  }
  return out;
}

const std::vector<Line>& lines() {
  static const std::vector<Line> l = read_lines();
  return l;
}

TEST(LexiconData, LoadsWithBreadth) {
  Lexicon lexicon = Lexicon::load_default(data_dir());
  EXPECT_GE(lexicon.verb_count() + lexicon.noun_count(), 1500u);
  EXPECT_EQ(lexicon.verb_count() + lexicon.noun_count(), lines().size());
  for (const Line& l : lines()) {
    std::string lemma = l.pattern.substr(0, l.pattern.find(' '));
    auto found = l.noun ? lexicon.nouns(lemma) : lexicon.verbs(lemma);
    EXPECT_FALSE(found.empty()) << l.origin;
  }
}

TEST(LexiconData, EveryCodeIsInTheCodebook) {
  Ontology ontology = Ontology::load(data_dir());
  for (const Line& l : lines()) {
    if (l.code == "---" || l.code == "~" || l.code[0] == '@') continue;
    EXPECT_NE(ontology.find(l.code), nullptr) << l.origin << ": " << l.code;
  }
}

TEST(LexiconData, EveryRootHasPatternsAndItsOwnFile) {
  std::map<std::string, int> per_root;
  // Frame patterns count for the root whose codes they produce.
  const std::map<std::string, std::string> frame_root = {{"@appeal", "02"},
                                                         {"@intent", "03"},
                                                         {"@demand", "10"},
                                                         {"@reject", "12"},
                                                         {"@threaten", "13"}};
  for (const Line& l : lines()) {
    if (l.code.size() >= 3 && std::isdigit(static_cast<unsigned char>(l.code[0])))
      ++per_root[l.code.substr(0, 2)];
    if (auto it = frame_root.find(l.code); it != frame_root.end()) ++per_root[it->second];
  }
  for (int r = 1; r <= 20; ++r) {
    std::string root = (r < 10 ? "0" : "") + std::to_string(r);
    EXPECT_GE(per_root[root], 10) << "root " << root << " has too few patterns";
  }
  // Every root has its own file per the layout of data/events/verbs.
  for (int r = 1; r <= 20; ++r) {
    std::string prefix = (r < 10 ? "0" : "") + std::to_string(r) + "-";
    bool found = false;
    for (const auto& e : std::filesystem::directory_iterator(data_dir() + "/events/verbs"))
      found = found || e.path().filename().string().starts_with(prefix);
    EXPECT_TRUE(found) << "no verbs/" << prefix << "*.tsv";
  }
}

TEST(LexiconData, NoPatternListedTwiceWithDifferentCodes) {
  std::map<std::string, const Line*> seen;
  for (const Line& l : lines()) {
    std::string key = (l.noun ? "n " : "v ") + l.pattern;
    auto [it, inserted] = seen.emplace(key, &l);
    if (!inserted) {
      EXPECT_EQ(it->second->code, l.code)
          << key << ": " << it->second->origin << " vs " << l.origin;
    }
  }
}

TEST(LexiconData, FamiliesCoverEveryActCodeTheyName) {
  Ontology ontology = Ontology::load(data_dir());
  Lexicon lexicon = Lexicon::load_default(data_dir());
  for (const char* family : {"appeal", "intent", "demand", "reject", "threaten"})
    for (const char* act : {"046", "0874", "073", "163", "190"})
      EXPECT_NE(ontology.find(lexicon.family_code(family, act)), nullptr) << family << " " << act;
}

TEST(LexiconData, MalformedLineNamesFileAndLine) {
  auto path = std::filesystem::temp_directory_path() / "parley_lexicon_bad.tsv";
  {
    std::ofstream out(path);
    out << "# ok\n046\tnegotiate\n190\tattack bogus=x\n";
  }
  Lexicon lexicon;
  try {
    lexicon.load_patterns(path.string(), false);
    ADD_FAILURE() << "no error";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("parley_lexicon_bad.tsv:3"), std::string::npos)
        << e.what();
  }
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace parley::extract
