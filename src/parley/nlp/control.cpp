#include "parley/nlp/control.hpp"

#include <algorithm>
#include <iterator>
#include <string_view>

namespace parley::nlp {

namespace {

// Verbs whose object is the subject of a following to-infinitive (UD: xcomp). The treebank
// counts favour xcomp for all of those seen there (want 27/27, encourage 12/12, enable 10/10…);
// the rest are the same construction in news ("urged/called on/pressed X to").
constexpr std::string_view kObjectControl[] = {
    "advise",    "allow",    "ask",       "authorize", "beg",      "call",      "cause",     "challenge",
    "command",   "commission", "compel",  "convince",  "dare",     "direct",    "empower",   "enable",
    "encourage", "entitle",  "expect",    "force",     "get",      "help",      "implore",   "induce",
    "inspire",   "instruct", "invite",    "lead",      "mandate",  "motivate",  "need",      "oblige",
    "order",     "permit",   "persuade",  "press",     "pressure", "prompt",    "push",      "recommend",
    "remind",    "request",  "require",   "teach",     "tell",     "tempt",     "train",     "urge",
    "want",      "warn",     "like"};

bool object_control(std::string_view lemma) {
  return std::find(std::begin(kObjectControl), std::end(kObjectControl), lemma) != std::end(kObjectControl);
}

bool subject_relation(std::string_view rel) { return rel.starts_with("nsubj") || rel.starts_with("csubj") || rel == "expl"; }

}  // namespace

int repair_object_control(std::vector<WordAnalysis>& an, uint32_t first, uint32_t count, const Article& article) {
  int changed = 0;
  for (uint32_t k = 0; k < count; ++k) {
    WordAnalysis& dep = an[first + k];
    if (dep.deprel != "advcl" || dep.upos != "VERB" || dep.head <= 0 || static_cast<uint32_t>(dep.head) > count)
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
      if (w.head == static_cast<int32_t>(h) + 1 && (w.deprel == "obj" || w.deprel == "iobj") && j > h && j < k)
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
