#include "parley/eval/coref_eval.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "parley/actors/ner.hpp"
#include "parley/nlp/gold_article.hpp"
#include "parley/text/conllu.hpp"

namespace parley::eval {

namespace {

struct Gold {
  uint32_t first, last, head;  // article word indices
  std::string eid;
  bool anaphor_kind = false;  // a name (proper-noun head) or a pronoun
};

void score_document(const ActorResolver& resolver, const std::string& doc_id,
                    const std::vector<conllu::Sentence>& doc, size_t max_errors, CorefScores& out) {
  Article a = nlp::gold_article(doc, false);
  a.id = doc_id;
  resolver.process(a);
  ++out.documents;
  std::vector<Gold> gold;
  for (size_t si = 0; si < doc.size() && si < a.sentences.size(); ++si) {
    const uint32_t base = a.sentences[si].first_word;
    for (const GumMention& m : gum_mentions(doc[si])) {
      const std::string& upos = doc[si].words[m.head].upos;
      gold.push_back(
          {base + m.first, base + m.last, base + m.head, m.eid, upos == "PROPN" || upos == "PRON"});
    }
  }
  // Align each Parley mention to the gold mention sharing its head word.
  std::vector<int> aligned(a.mentions.size(), -1);
  for (size_t mi = 0; mi < a.mentions.size(); ++mi) {
    const Span sp = a.mentions[mi].span;
    uint32_t wf = UINT32_MAX, wl = 0;
    for (uint32_t w = 0; w < a.words.size(); ++w)
      if (a.words[w].span.start >= sp.start && a.words[w].span.end <= sp.end)
        wf = std::min(wf, w), wl = std::max(wl, w);
    if (wf == UINT32_MAX) continue;
    int best = -1;
    long best_overlap = -1, best_len = 0;
    for (size_t g = 0; g < gold.size(); ++g) {
      if (gold[g].head < wf || gold[g].head > wl) continue;
      long overlap = static_cast<long>(std::min(wl, gold[g].last)) -
                     static_cast<long>(std::max(wf, gold[g].first)) + 1;
      long len = static_cast<long>(gold[g].last - gold[g].first);
      if (overlap > best_overlap || (overlap == best_overlap && len < best_len))
        best = static_cast<int>(g), best_overlap = overlap, best_len = len;
    }
    aligned[mi] = best;
    out.parley_mentions++;
    out.aligned += best >= 0;
  }
  // Each mention with an antecedent (the previous mention of its actor).
  std::vector<char> linked(gold.size(), 0);
  for (const Actor& actor : a.actors) {
    std::vector<uint32_t> ms = actor.mentions;
    std::sort(ms.begin(), ms.end(), [&](uint32_t x, uint32_t y) {
      return a.mentions[x].span.start < a.mentions[y].span.start;
    });
    for (size_t k = 1; k < ms.size(); ++k) {
      const int g = aligned[ms[k]], ga = aligned[ms[k - 1]];
      if (g < 0) continue;
      const bool right =
          ga >= 0 && gold[static_cast<size_t>(ga)].eid == gold[static_cast<size_t>(g)].eid;
      CorefCounts& c = out.by_kind[a.mentions[ms[k]].kind];
      ++c.scored, ++out.overall.scored;
      if (right) {
        ++c.correct, ++out.overall.correct;
        linked[static_cast<size_t>(g)] = 1;
      } else if (out.errors.size() < max_errors) {
        out.errors.push_back(fmt::format("{}: \"{}\" ({}) linked to \"{}\": gold chains {} vs {}",
                                         doc_id, a.view(a.mentions[ms[k]].span),
                                         a.mentions[ms[k]].kind, a.view(a.mentions[ms[k - 1]].span),
                                         gold[static_cast<size_t>(g)].eid,
                                         ga >= 0 ? gold[static_cast<size_t>(ga)].eid : "(none)"));
      }
    }
  }
  // Gold anaphoric names and pronouns, and how many Parley linked right.
  std::vector<std::pair<uint32_t, size_t>> order;
  for (size_t g = 0; g < gold.size(); ++g) order.push_back({gold[g].first, g});
  std::sort(order.begin(), order.end());
  std::map<std::string, bool> seen;
  for (const auto& [first, g] : order) {
    if (seen[gold[g].eid] && gold[g].anaphor_kind) {
      ++out.gold_anaphors;
      out.gold_anaphors_linked += linked[g];
    }
    seen[gold[g].eid] = true;
  }
}

}  // namespace

CorefScores evaluate_coref(const ActorResolver& resolver, const std::string& path,
                           const std::string& prefix, size_t max_errors) {
  std::vector<conllu::Sentence> sents = conllu::read_file(path);
  CorefScores out;
  std::vector<conllu::Sentence> doc;
  std::string doc_id;
  auto flush = [&] {
    if (!doc.empty() && doc_id.rfind(prefix, 0) == 0)
      score_document(resolver, doc_id, doc, max_errors, out);
    doc.clear();
  };
  for (auto& s : sents) {
    if (s.newdoc) {
      flush();
      doc_id = s.newdoc_id;
    }
    doc.push_back(std::move(s));
  }
  flush();
  return out;
}

std::string format_coref_table(const CorefScores& s, const std::string& title) {
  std::string out =
      fmt::format("{}  ({} documents; {} Parley mentions, {} aligned to gold mentions)\n", title,
                  s.documents, s.parley_mentions, s.aligned);
  out += fmt::format("{:<12} {:>7} {:>7} {:>9}\n", "kind", "scored", "right", "accuracy");
  for (const auto& [kind, c] : s.by_kind)
    out += fmt::format("{:<12} {:>7} {:>7} {:>9.2f}\n", kind, c.scored, c.correct, c.accuracy());
  out += fmt::format("{:<12} {:>7} {:>7} {:>9.2f}\n", "overall", s.overall.scored,
                     s.overall.correct, s.overall.accuracy());
  out += fmt::format("gold anaphoric names/pronouns: {}, linked right by Parley: {} ({:.2f}%)\n",
                     s.gold_anaphors, s.gold_anaphors_linked,
                     s.gold_anaphors ? 100.0 * static_cast<double>(s.gold_anaphors_linked) /
                                           static_cast<double>(s.gold_anaphors)
                                     : 0.0);
  for (const auto& e : s.errors) out += "  " + e + "\n";
  return out;
}

}  // namespace parley::eval
