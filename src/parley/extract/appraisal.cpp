#include "parley/extract/appraisal.hpp"

#include <algorithm>
#include <optional>
#include <set>
#include <tuple>

#include "parley/extract/attribution.hpp"
#include "parley/extract/clause.hpp"
#include "parley/text/strings.hpp"

namespace parley::extract {
namespace {

class Appraiser {
 public:
  Appraiser(Article& a, const Lexicon& lexicon, const Gazetteer& gazetteer)
      : a_(a), lexicon_(lexicon), gazetteer_(gazetteer), index_(a, gazetteer.words()) {}

  void run() {
    std::vector<Event> found;
    std::set<std::tuple<uint32_t, int, std::string, int>> seen;  // sentence, source, root, target
    // The words of one quote (or naming complement) in sentence s: its strongest appraisal word
    // makes the speaker's words an event towards the party appraised.
    auto appraise = [&](const ClauseView& v, uint32_t s, const Quote& q, int named = -1) {
      for (int w = 0; w < v.size(); ++w) {
        if (!q.span.contains(v.span(w))) continue;
        std::string_view code = lexicon_.appraisal(v.lemma(w), v.upos(w));
        if (code.empty() || negated(v, w)) continue;
        const std::string root(code.substr(0, 2));
        if (coded_already(s, q.speaker_actor, root)) continue;
        for (int t : targets(v, w, q)) {
          if (!seen.emplace(s, q.speaker_actor, root, t).second) continue;
          Event e;
          e.sentence = s;
          // A court's finding that a party acted unlawfully is a ruling against it (116).
          e.cameo = code == "112" && a_.actors[static_cast<size_t>(q.speaker_actor)].sector == "JUD"
                        ? "116"
                        : std::string(code);
          e.source_actor = q.speaker_actor;
          e.source_code = a_.actors[static_cast<size_t>(q.speaker_actor)].code;
          e.target_actor = t;
          e.target_code = a_.actors[static_cast<size_t>(t)].code;
          e.trigger = v.span(w);
          e.evidence = v.subtree_span(predicate(v, w));
          e.pattern = "appraisals.tsv:" + v.lemma(w);
          e.date = relative_date(a_, e);
          add_position(v, w, e, named);
          found.push_back(std::move(e));
        }
        break;  // one appraisal per quote sentence: its strongest words say the same thing
      }
    };
    // Sentence by sentence, so that a sentence holding many quotes is viewed once.
    for (uint32_t s = 0; s < a_.sentences.size(); ++s) {
      std::optional<ClauseView> view;
      for (const Quote& q : a_.quotes) {
        if (q.speaker_actor < 0 || a_.actors[static_cast<size_t>(q.speaker_actor)].code.empty() ||
            !a_.sentences[s].span.overlaps(q.span))
          continue;
        if (!view) view.emplace(index_, s);
        appraise(*view, s, q);
      }
      // "Pelosi called Trump's conduct a betrayal": a naming verb's predicate, quoted or not,
      // is its subject's appraisal of its object (quoted ones are quotes, appraised above).
      // (Most sentences have no naming verb: the tree is only built for those that do.)
      const Sentence& sentence = a_.sentences[s];
      bool naming = false;
      for (uint32_t k = sentence.first_word;
           k < sentence.first_word + sentence.word_count && !naming; ++k)
        naming = a_.analysis[k].upos == "VERB" &&
                 index_.words().naming_verbs.contains(a_.analysis[k].lemma);
      if (!naming) continue;
      if (!view) view.emplace(index_, s);
      const ClauseView& v = *view;
      for (int c = 0; c < v.size(); ++c) {
        if (v.upos(c) != "VERB" || !v.words().naming_verbs.contains(v.lemma(c))) continue;
        const int object = v.child_with(c, "obj");
        if (object < 0) continue;
        int complement = v.child_with(c, "xcomp");
        // (The parser also hangs the predicate on the object: "Trump's decision [a disgrace]",
        // "the deal [absurd]".)
        for (int x : v.children(object))
          if (complement < 0 && x > object &&
              text::is_in(v.deprel(x), {"nmod:unmarked", "appos", "amod"}))
            complement = x;
        for (int x : v.children(c))  // ... or as a second object
          if (complement < 0 && x > object && v.deprel(x) == "obj") complement = x;
        if (complement < 0) continue;
        const Span said = v.subtree_span(complement);
        bool quoted = false;
        for (const Quote& q : a_.quotes) quoted |= q.span.overlaps(said);
        if (quoted) continue;
        const std::vector<int> speakers = v.agent_actors(c, lexicon_);
        if (speakers.empty() || a_.actors[static_cast<size_t>(speakers.front())].code.empty())
          continue;
        Quote q;
        q.sentence = s;
        q.span = said;
        q.speaker_actor = speakers.front();
        q.cue = v.span(c);
        appraise(v, s, q, object);  // the issue: what the object names
      }
    }
    for (Event& e : found) a_.events.push_back(std::move(e));
    std::stable_sort(a_.events.begin(), a_.events.end(), [](const Event& x, const Event& y) {
      return std::tie(x.sentence, x.trigger.start) < std::tie(y.sentence, y.trigger.start);
    });
  }

 private:
  // The appraisal is also the speaker's position on what it appraises: "the regime's destructive
  // ambitions" opposes the ambitions, "Nabil's murder is unacceptable" the murder, praise
  // supports. Once per speaker and clause.
  void add_position(const ClauseView& v, int w, const Event& e, int named = -1) {
    for (const Position& p : a_.positions)
      if (p.actor == e.source_actor && p.evidence.overlaps(e.evidence)) return;
    const int nominal = v.deprel(w) == "amod" && v.head(w) >= 0 ? v.head(w) : w;
    int issue = named >= 0 ? named : v.child_with(predicate(v, w), "nsubj");
    if (issue < 0 && v.is_nominal(nominal)) issue = nominal;
    if (issue < 0) return;
    Position p;
    p.sentence = v.sentence();
    p.actor = e.source_actor;
    p.stance = e.cameo.starts_with("05") ? "support" : "oppose";
    const Span span = v.subtree_span(issue);
    p.issue = std::string(a_.view(span));
    std::vector<std::string> lemmas;
    for (int x = 0; x < v.size(); ++x)
      if (v.in_subtree(x, issue) && text::is_in(v.upos(x), {"NOUN", "PROPN", "ADJ", "VERB"}))
        lemmas.push_back(v.lemma(x));
    p.issue_key = issue_key(lemmas);
    p.evidence = e.evidence;
    if (!p.issue.empty()) a_.positions.push_back(std::move(p));
  }

  // The clause the appraisal word predicates: "[Turkey's blockade is a cruel stunt]" (the
  // predicate noun heads a copular clause), "[the regime's destructive ambitions]" otherwise
  // the clause of the word or of the noun it modifies.
  static int predicate(const ClauseView& v, int w) {
    const int nominal = v.deprel(w) == "amod" && v.head(w) >= 0 ? v.head(w) : w;
    if (v.child_with(nominal, "cop") >= 0 || v.child_with(nominal, "nsubj") >= 0) return nominal;
    return v.clause_root(nominal);
  }

  // "is not unlawful", "I don't think it is a stunt": a denied appraisal is none.
  static bool negated(const ClauseView& v, int w) {
    for (int x = w, steps = 0; x >= 0 && steps < 3; x = v.head(x), ++steps) {
      if (v.negated(x)) return true;
      if (x == v.clause_root(w)) break;
    }
    return false;
  }

  // The event coder already coded the speaker's disapproval (or praise) in this sentence
  // ("criticized the move, calling it a disgrace").
  bool coded_already(uint32_t s, int speaker, const std::string& root) const {
    return std::any_of(a_.events.begin(), a_.events.end(), [&](const Event& e) {
      return e.sentence == s && e.source_actor == speaker && e.cameo.starts_with(root);
    });
  }

  bool usable(int actor, int speaker) const {
    return actor >= 0 && actor != speaker && !a_.actors[static_cast<size_t>(actor)].code.empty();
  }

  // The appraised party, from the nearest evidence to the farthest: the object of a naming verb
  // ("called Mohammad's admission ..."), the possessor of the appraised thing ("the regime's
  // destructive ambitions"), the subject of the appraising clause ("Trump is behaving like a
  // bully"), another party the quote names, and last the doer of the act the article reported
  // just before (a reaction: "It is a propaganda stunt").
  std::vector<int> targets(const ClauseView& v, int w, const Quote& q) {
    const int speaker = q.speaker_actor;
    auto keep = [&](std::vector<int> xs) {
      std::vector<int> out;
      for (int x : xs)
        if (usable(x, speaker) && std::find(out.begin(), out.end(), x) == out.end())
          out.push_back(x);
      return out;
    };
    auto of_nominal = [&](int n) -> std::vector<int> {
      if (n < 0) return {};
      std::vector<int> a = keep(v.actors_at(n));
      if (!a.empty()) return a;
      for (int c : v.children(n))
        if (v.deprel(c) == "nmod:poss" || v.deprel(c) == "amod" ||
            (v.deprel(c) == "nmod" && v.case_of(c) == "of"))
          if (a = keep(v.actors_at(c)); !a.empty()) return a;
      if (a = keep(v.subtree_actors(n, -1)); !a.empty()) return a;
      // "the Turkish-Libyan agreement": the states of its nationality adjectives, as the
      // article names them.
      std::vector<int> states;
      for (int c = 0; c < v.size(); ++c) {
        if (v.deprel(c) != "amod" || v.upos(c) != "ADJ") continue;
        int h = v.head(c);
        while (h >= 0 && h != n && v.deprel(h) == "amod") h = v.head(h);
        if (h != n) continue;
        const auto iso = gazetteer_.demonym(v.text(c));
        if (!iso) continue;
        for (size_t k = 0; k < a_.actors.size(); ++k)
          if (a_.actors[k].type == "GPE" && a_.actors[k].code == *iso)
            states.push_back(static_cast<int>(k));
      }
      return keep(states);
    };
    // The naming verb the quote hangs on.
    // "rejected the deal between Turkey and Libya, calling it 'null and void'": a pronoun object
    // is the object of the act the naming verb goes with.
    for (int c = 0; c < v.size(); ++c)
      if (v.span(c) == q.cue && v.words().naming_verbs.contains(v.lemma(c))) {
        int obj = v.child_with(c, "obj");
        if (obj >= 0 && v.upos(obj) == "PRON" &&
            text::is_in(text::ascii_lower(v.text(obj)), {"it", "this", "that"}) &&
            text::is_in(v.deprel(c), {"advcl", "conj", "xcomp"}) && v.head(c) >= 0) {
          // ... or what it comments on ("commented on the agreement, calling it ...").
          const int head = v.head(c);
          obj = v.child_with(head, "obj");
          for (int x : v.children(head))
            if (obj < 0 && v.deprel(x) == "obl" && text::is_in(v.case_of(x), {"on", "about"}))
              obj = x;
        }
        if (auto a = of_nominal(obj); !a.empty()) return a;
      }
    int nominal = v.deprel(w) == "amod" && v.head(w) >= 0 ? v.head(w) : w;
    if (v.is_nominal(nominal))
      for (int c : v.children(nominal))
        if (v.deprel(c) == "nmod:poss")
          if (auto a = keep(v.actors_at(c)); !a.empty()) return a;
    int clause = v.clause_root(w);
    for (std::string_view rel : {"nsubj", "nsubj:pass"})
      if (auto a = of_nominal(v.child_with(clause, rel)); !a.empty()) return a;
    // Another party the quote names (in any of its sentences), nearest first; a first-person
    // pronoun is the speaker's side.
    const Span at = v.span(w);
    int best = -1;
    uint32_t best_distance = 0;
    for (const Mention& m : a_.mentions) {
      if (!q.span.contains(m.span) || m.kind == "nested" ||
          !usable(static_cast<int>(m.actor), speaker))
        continue;
      if (m.kind == "pronoun" && !text::is_in(text::ascii_lower(a_.view(m.span)), {"he", "she"}))
        continue;
      uint32_t distance = m.span.end <= at.start ? at.start - m.span.end : m.span.start - at.end;
      if (best < 0 || distance < best_distance)
        best = static_cast<int>(m.actor), best_distance = distance;
    }
    if (best >= 0) return {best};
    // A reaction to an act of another state's party reported just before.
    const std::string& home = a_.actors[static_cast<size_t>(speaker)].country;
    for (auto it = a_.events.rbegin(); it != a_.events.rend(); ++it) {
      if (it->sentence >= v.sentence()) continue;
      if (v.sentence() - it->sentence > 2) break;
      if (it->cameo.starts_with("01") || !usable(it->source_actor, speaker)) continue;
      if (a_.actors[static_cast<size_t>(it->source_actor)].country == home) continue;
      return {it->source_actor};
    }
    // ... else to the act the opening sentence reports ("Iran issues arrest warrants for Trump" ...
    // "It is a propaganda stunt", said the US envoy paragraphs later).
    for (const Event& e : a_.events) {
      if (e.sentence > 0) break;
      if (e.cameo.starts_with("01") || !usable(e.source_actor, speaker)) continue;
      if (a_.actors[static_cast<size_t>(e.source_actor)].country == home) continue;
      return {e.source_actor};
    }
    return {};
  }

  Article& a_;
  const Lexicon& lexicon_;
  const Gazetteer& gazetteer_;
  ArticleIndex index_;
};

}  // namespace

void AppraisalCoder::process(Article& article) const {
  if (article.analysis.size() != article.words.size()) return;  // not parsed
  Appraiser(article, *lexicon_, *gazetteer_).run();
}

}  // namespace parley::extract
