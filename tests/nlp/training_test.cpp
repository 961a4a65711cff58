// Training on a small made-up treebank: deterministic (same bytes twice), and able to learn it.
#include <gtest/gtest.h>

#include <sstream>

#include "../test_support.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"

namespace parley {
namespace {

// "The <noun> <verb> the <noun> ." with varied words: det, nsubj, root, det, obj, punct.
std::vector<conllu::Sentence> toy_treebank() {
  const char* nouns[] = {"envoy",      "minister", "army",     "court",
                         "delegation", "rebels",   "mediator", "council"};
  const char* verbs[] = {"met", "urged", "rejected", "welcomed", "accused", "visited"};
  const char* lemmas[] = {"meet", "urge", "reject", "welcome", "accuse", "visit"};
  std::string text;
  for (int i = 0; i < 48; ++i) {
    const char* n1 = nouns[i % 8];
    const char* n2 = nouns[(i * 3 + 1) % 8];
    int v = i % 6;
    text += "1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_\n";
    text += std::string("2\t") + n1 + "\t" + n1 + "\tNOUN\tNN\tNumber=Sing\t3\tnsubj\t_\t_\n";
    text += std::string("3\t") + verbs[v] + "\t" + lemmas[v] +
            "\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_\n";
    text += "4\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t5\tdet\t_\t_\n";
    text +=
        std::string("5\t") + n2 + "\t" + n2 + "\tNOUN\tNN\tNumber=Sing\t3\tobj\t_\tSpaceAfter=No\n";
    text += "6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";
  }
  std::istringstream in(text);
  conllu::Reader reader(in);
  std::vector<conllu::Sentence> out;
  conllu::Sentence s;
  while (reader.next(s)) out.push_back(s);
  return out;
}

std::vector<nlp::ParserExample> examples(const std::vector<conllu::Sentence>& tb) {
  std::vector<nlp::ParserExample> out;
  for (const auto& s : tb) {
    nlp::ParserExample ex;
    for (const auto& w : s.words) {
      ex.forms.push_back(w.form);
      ex.upos.push_back(w.upos);
      ex.xpos.push_back(w.xpos);
      ex.deprels.push_back(w.deprel);
      ex.heads.push_back(w.head);
    }
    out.push_back(ex);
  }
  return out;
}

TEST(Training, TaggerIsDeterministicAndLearns) {
  auto tb = toy_treebank();
  ASSERT_EQ(tb.size(), 48u);
  nlp::TaggerTrainOptions opts;
  opts.epochs = 3;
  opts.min_updates = 1;
  std::ostringstream log;
  test::TempDir tmp;
  nlp::train_tagger(tb, {}, opts, log).save(tmp.path() + "/a.bin");
  nlp::train_tagger(tb, {}, opts, log).save(tmp.path() + "/b.bin");
  EXPECT_EQ(test::read_file(tmp.path() + "/a.bin"), test::read_file(tmp.path() + "/b.bin"));
  auto model = std::make_shared<nlp::TaggerModel>();
  model->load(tmp.path() + "/a.bin");
  nlp::Tagger tagger(model);
  std::vector<std::string_view> words = {"The", "council", "visited", "the", "army", "."};
  std::vector<WordAnalysis> out(words.size());
  tagger.tag(words, out.data());
  EXPECT_EQ(out[1].upos, "NOUN");
  EXPECT_EQ(out[2].upos, "VERB");
  EXPECT_EQ(out[2].lemma, "visit");
  EXPECT_EQ(out[2].feats, "Mood=Ind|Tense=Past|VerbForm=Fin");
  EXPECT_EQ(out[5].upos, "PUNCT");
}

TEST(Training, ParserIsDeterministicAndLearns) {
  auto ex = examples(toy_treebank());
  nlp::ParserTrainOptions opts;
  opts.epochs = 4;
  opts.min_updates = 1;
  std::ostringstream log;
  test::TempDir tmp;
  nlp::train_parser(ex, {}, opts, log).save(tmp.path() + "/a.bin");
  nlp::train_parser(ex, {}, opts, log).save(tmp.path() + "/b.bin");
  EXPECT_EQ(test::read_file(tmp.path() + "/a.bin"), test::read_file(tmp.path() + "/b.bin"));
  auto model = std::make_shared<nlp::ParserModel>();
  model->load(tmp.path() + "/a.bin");
  nlp::Parser parser(model);
  nlp::ParseInput in;
  in.forms = {"The", "court", "accused", "the", "rebels", "."};
  in.upos = {"DET", "NOUN", "VERB", "DET", "NOUN", "PUNCT"};
  in.xpos = {"DT", "NN", "VBD", "DT", "NN", "."};
  std::vector<int> heads, labels;
  parser.parse(in, heads, labels);
  EXPECT_EQ(heads, (std::vector<int>{2, 3, 0, 5, 3, 3}));
  std::vector<std::string> names;
  for (int l : labels) names.push_back(model->labels[static_cast<size_t>(l)]);
  EXPECT_EQ(names, (std::vector<std::string>{"det", "nsubj", "root", "det", "obj", "punct"}));
}

}  // namespace
}  // namespace parley
