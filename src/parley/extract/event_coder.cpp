#include "parley/extract/event_coder.hpp"

#include <algorithm>
#include <array>
#include <cstdio>
#include <ctime>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "parley/extract/clause.hpp"
#include "parley/text/strings.hpp"

namespace parley::extract {

namespace {

using text::is_in;

}  // namespace

EventCoder EventCoder::load(const std::string& data_dir) {
  auto lexicon = std::make_shared<const Lexicon>(Lexicon::load_default(data_dir));
  auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::load(data_dir));
  return EventCoder(std::move(lexicon), std::move(gazetteer));
}

namespace {

// Everything the coder needs about one article, computed once.
class Coder {
 public:
  Coder(Article& a, const Lexicon& lexicon, const Gazetteer& gazetteer,
        const EventCoderOptions& options)
      : a_(a),
        lexicon_(lexicon),
        gazetteer_(gazetteer),
        options_(options),
        index_(a, gazetteer.words()) {}

  void run() {
    if (lexicon_.discarded(a_.text, true)) return;  // a story the user's discard list excludes
    for (uint32_t s = 0; s < a_.sentences.size(); ++s) {
      if (lexicon_.discarded(a_.view(a_.sentences[s].span), false)) continue;
      ClauseView view(index_, s);
      code_sentence(view);
    }
    infer_locations();
    infer_targets();
    assign_dates();
    if (options_.merge_mentions) merge();
  }

 private:
  struct Match {
    const Pattern* pattern = nullptr;
    int score = -1;
    std::vector<int> bound;  // per constraint: the matched dependent (-1 for none)
  };

  // The best pattern for predicate `w` (local index) or an empty match.
  Match match(const ClauseView& v, int w, bool noun) const {
    Match best;
    std::string lemma = v.lemma(w);
    std::vector<std::pair<const Pattern*, int>> candidates;  // pattern, bonus
    for (const Pattern& p : noun ? lexicon_.nouns(lemma) : lexicon_.verbs(lemma))
      candidates.push_back({&p, 0});
    std::string form(v.text(w));
    for (char& c : form) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (form != lemma)
      for (const Pattern& p : noun ? lexicon_.nouns(form) : lexicon_.verbs(form))
        if (p.form) candidates.push_back({&p, 1});
    if (!noun) {
      // TABARI stems ("RESTOR", "REFUS") match the lemmas they begin; on a tie the exact key,
      // listed first, wins.
      std::vector<const Pattern*> stems;
      lexicon_.verb_stems(lemma, stems);
      for (const Pattern* p : stems) candidates.push_back({p, 0});
    }
    for (const auto& [pattern, bonus] : candidates) {
      const Pattern& p = *pattern;
      Match m;
      m.pattern = &p;
      m.score = bonus;
      m.bound.assign(p.args.size(), -1);
      bool ok = true;
      // Word-order constraints: pre words right to left from the predicate, post words left to
      // right after it, each after the one before.
      int limit = w;
      for (size_t i = p.args.size(); ok && i-- > 0;) {
        const ArgConstraint& c = p.args[i];
        if (c.relation != Relation::Pre) continue;
        int first = -1, d = v.find_before(limit, c, &first);
        if (d < 0 || (c.adjacent && d != limit - 1))
          ok = false;
        else
          m.bound[i] = d, limit = first;
      }
      int from = w + 1;
      for (size_t i = 0; ok && i < p.args.size(); ++i) {
        const ArgConstraint& c = p.args[i];
        if (c.relation != Relation::Post) continue;
        int d = v.find_after(w, from, c);
        if (d < 0)
          ok = false;
        else
          m.bound[i] = d, from = d + 1;
      }
      for (size_t i = 0; ok && i < p.args.size(); ++i) {
        const ArgConstraint& c = p.args[i];
        if (c.relation != Relation::Pre && c.relation != Relation::Post)
          m.bound[i] = v.find_dependent(w, c);
        if (m.bound[i] < 0) ok = false;
        // An open complement that is no verb is a naming use, not a request or an intention:
        // "called the order swift", "called it unlikely that ..." are no appeals. (A pattern
        // that names the complement means it: "found the ban unlawful".)
        else if (c.relation == Relation::Xcomp && c.lemmas.empty() &&
                 v.upos(m.bound[i]) != "VERB" && v.upos(m.bound[i]) != "AUX")
          ok = false;
        else if (c.relation == Relation::Joint && v.actors_at(m.bound[i]).size() < 2)
          ok = false;
        // An oblique the pattern leaves open is a place or a party, never a time: "arrived at
        // about 20:00" is no visit, "met on Monday" no meeting with Monday.
        else if (c.relation == Relation::Obl && c.lemmas.empty() && temporal(v, m.bound[i]))
          ok = false;
      }
      if (!ok) continue;
      // Longer patterns are more specific; a phrase counts each of its words.
      for (const ArgConstraint& c : p.args) {
        int words = 0;
        for (const std::string& e : c.lemmas) words = std::max(words, ClauseView::phrase_length(e));
        m.score += 2 + words;
      }
      if (m.score > best.score) best = std::move(m);
    }
    return best;
  }

  static bool temporal(const ClauseView& v, int x) {
    if (v.upos(x) == "NUM") return true;
    const auto& times = v.words().temporal_words;
    return times.contains(v.text(x)) || times.contains(v.lemma(x));
  }

  // Does the match consume a negation word ("NOT *", "&NEGATVAUXVRB *")? Then its code already
  // says what the negated sentence means.
  static bool spells_negation(const ClauseView& v, const Match& m) {
    for (size_t i = 0; i < m.bound.size(); ++i) {
      Relation r = m.pattern->args[i].relation;
      if (r != Relation::Pre && r != Relation::Post && r != Relation::Any) continue;
      for (const std::string& e : m.pattern->args[i].lemmas) {
        if (!v.phrase_ends_at(m.bound[i], e)) continue;
        for (int x = m.bound[i], k = ClauseView::phrase_length(e); k > 0 && x >= 0; --k, --x)
          if (is_in(v.lemma(x), {"not", "never", "no", "n't"}) || is_in(v.text(x), {"n't", "N'T"}))
            return true;
      }
    }
    return false;
  }

  // The act code a complement describes, or "" if none: verbs through their patterns, event
  // nouns directly, transparent nouns ("proposal", "plan") through what they are about.
  std::string complement_code(const ClauseView& v, int w, int depth, std::vector<int>& consumed) {
    if (w < 0 || depth > 4) return {};
    bool noun = v.is_nominal(w);
    Match m = match(v, w, noun);
    if (m.pattern && m.pattern->code == "---") return {};
    if (m.pattern && m.pattern->code[0] != '~' && m.pattern->code[0] != '@') {
      consumed.push_back(w);
      // The pattern's own words are the act too: the event noun of a light verb ("to impose
      // sanctions on Iran") is not another event of the frame's subject.
      for (int b : m.bound)
        if (b >= 0 && b != w && v.is_nominal(b)) consumed.push_back(b);
      return m.pattern->code;
    }
    if (m.pattern && m.pattern->code[0] == '@') {
      consumed.push_back(w);
      std::string inner = frame_complement(v, w, depth + 1, consumed);
      return lexicon_.family_code(std::string_view(m.pattern->code).substr(1), inner);
    }
    // Transparent or unknown nouns: look into what they are about ("proposals for
    // international forces", "a complete withdrawal of forces").
    if (noun) {
      for (int c : v.children(w)) {
        std::string_view rel = v.deprel(c);
        if (rel.starts_with("nmod") || rel.starts_with("acl") || rel == "compound" ||
            rel == "amod" || rel == "conj") {
          if (v.actor_of(c) >= 0 && !v.is_nominal_event(c, lexicon_)) continue;
          std::string code = complement_code(v, c, depth + 1, consumed);
          if (!code.empty()) return code;
        }
      }
    }
    return {};
  }

  // The complement of a frame verb: its object (when not an actor), its to-infinitive, or its
  // "for"/"on"/"to" phrase.
  std::string frame_complement(const ClauseView& v, int w, int depth, std::vector<int>& consumed) {
    std::vector<int> candidates;
    for (int c : v.children(w)) {
      std::string_view rel = v.deprel(c);
      if ((rel == "obj" || rel == "nsubj:pass") && v.actor_of(c) < 0) candidates.push_back(c);
    }
    for (int c : v.children(w))
      if (v.deprel(c) == "xcomp" || (v.deprel(c) == "advcl" && v.has_mark(c, "to")) ||
          v.deprel(c) == "ccomp")
        candidates.push_back(c);
    for (int c : v.children(w)) {
      std::string_view rel = v.deprel(c);
      if ((rel.starts_with("obl") || rel.starts_with("nmod")) &&
          (v.case_of(c) == "for" || v.case_of(c) == "on" || v.case_of(c) == "to" ||
           v.case_of(c) == "upon"))
        candidates.push_back(c);
    }
    for (int c : candidates) {
      std::string code = complement_code(v, c, depth, consumed);
      if (!code.empty()) return code;
    }
    return {};
  }

  void code_sentence(const ClauseView& v) {
    std::vector<int> consumed;
    std::vector<char> done(v.size(), 0);
    // Frames first: their complements are theirs, not separate events.
    for (int pass = 0; pass < 2; ++pass) {
      for (int w = 0; w < v.size(); ++w) {
        if (done[w] || std::find(consumed.begin(), consumed.end(), w) != consumed.end()) continue;
        bool noun = v.is_nominal(w);
        bool verb = v.upos(w) == "VERB";
        if (!noun && !verb) continue;
        // A word of an actor's name or title is no event: "the special envoy for Ukraine
        // negotiations", "the Peace Talks Commission".
        if (noun && v.actor_of(w) >= 0) continue;
        // ... nor is the remit of a title: "the special envoy for Ukraine negotiations", "the
        // minister for trade talks" (the title is an actor's mention, the noun hangs on it).
        if (noun && v.head(w) >= 0 && v.actor_of(v.head(w)) >= 0 && v.case_of(w) == "for") continue;
        if (verb && asked_or_allowed_act(v, w)) continue;
        Match m = match(v, w, noun);
        if (!m.pattern) continue;
        bool frame = m.pattern->code[0] == '@';
        if ((pass == 0) != frame) continue;
        done[w] = 1;
        if (m.pattern->code == "---" || m.pattern->code == "~") continue;
        if (reports_speech(v, w, m)) continue;
        if (verb && !frame && material(m.pattern->code) &&
            (habitual_present(v, w) || unreported_ability_or_duty(v, w)))
          continue;
        // ... and an event noun a light verb in the simple present holds ("the directive
        // provides liability protections").
        if (noun && v.head(w) >= 0 && v.upos(v.head(w)) == "VERB" && v.deprel(w) == "obj" &&
            v.light_verb(v.lemma(v.head(w))) && material(m.pattern->code) &&
            habitual_present(v, v.head(w)))
          continue;
        if (verb && !frame && light_verb_of_event_noun(v, w, m)) continue;
        std::string code = m.pattern->code;
        std::vector<int> complement_words;
        bool rally = false, own_order = false;
        std::string planned;
        if (frame) {
          std::vector<int> taken;
          std::string inner = frame_complement(v, w, 0, taken);
          const std::string family = code.substr(1);
          code = lexicon_.family_code(family, inner);
          // "encouraged allies to restrict Mahan's operations": urging others to act against a
          // party is also rallying opposition against it (CAMEO 113), aimed at that party.
          rally = family == "appeal" && hostile(inner);
          // A plan of an act that has no intent code is the act itself, not yet done.
          if (family == "plan" && !inner.empty() && code == inner) {
            const int obj = v.child_with(w, "obj");
            const bool plan =
                is_in(v.lemma(w), {"plan", "prepare"}) || (obj >= 0 && v.lemma(obj) == "plan");
            planned = plan ? "planned" : "intended";
          }
          // "Trump ordered his staff to delay the aid", "Putin ordered his troops to withdraw":
          // an order to one's own people is the act itself, done by the one who ordered it.
          if (family == "demand" && !inner.empty() && inner != "---" &&
              is_in(v.lemma(w), {"order", "instruct", "direct", "command"}) &&
              orders_own_people(v, w))
            code = inner, own_order = true;
          consumed.insert(consumed.end(), taken.begin(), taken.end());
          complement_words = taken;
        }
        // (A meeting in the clause a frame took as its content is that content: "urged Hamas to
        // engage in the negotiations" is an appeal, not a negotiation.)
        if (noun && !noun_event_is_anchored(v, w) &&
            (!meeting_in_clause(v, w, code) ||
             std::find(consumed.begin(), consumed.end(), v.head(w)) != consumed.end()))
          continue;
        emit(v, w, m, code, complement_words, frame, false, planned, own_order);
        if (rally) emit(v, w, m, "113", complement_words, frame, true);
      }
    }
    obligations_in_speech(v, done, consumed);
  }

  // "The court ruled that Facebook must remove the posts", "the EU said Ankara should reopen the
  // border": an obligation a reporter puts on another party is the reporter's demand (CAMEO 100,
  // not specified) even where the act demanded is no event word (an event word's demand family
  // is coded in emit). Not a party's own duty: "Israel must defend itself", said by Israel's
  // government, or "we must".
  void obligations_in_speech(const ClauseView& v, const std::vector<char>& done,
                             const std::vector<int>& consumed) {
    for (int w = 0; w < v.size(); ++w) {
      if (done[w] || v.upos(w) != "VERB" ||
          std::find(consumed.begin(), consumed.end(), w) != consumed.end())
        continue;
      bool obliged = false;
      for (int c : v.children(w))
        obliged |= v.deprel(c) == "aux" && text::is_in(v.lemma(c), {"must", "should", "ought"});
      if (!obliged) continue;
      const int reporter = v.reporter(w);
      if (reporter < 0) continue;
      const Actor& by = a_.actors[static_cast<size_t>(reporter)];
      if (by.code.empty()) continue;
      std::vector<int> targets;
      for (int t : v.actors_at(v.child_with(w, "nsubj"))) {
        const std::string& tc = a_.actors[static_cast<size_t>(t)].code;
        if (t == reporter || tc.empty() || tc.starts_with(by.code) || by.code.starts_with(tc))
          continue;
        targets.push_back(t);
      }
      for (int t : targets) {
        Event e;
        e.sentence = v.sentence();
        e.cameo = "100";
        e.trigger = v.span(w);
        e.evidence = v.subtree_span(v.clause_root(w));
        e.pattern = "obligation in reported speech";
        e.location = v.location(w, gazetteer_);
        e.source_actor = reporter;
        e.source_code = by.code;
        e.target_actor = t;
        e.target_code = a_.actors[static_cast<size_t>(t)].code;
        a_.events.push_back(std::move(e));
      }
    }
  }

  // Acts against a party: disapproval, rejection, reduced relations, coercion and force (CAMEO
  // roots 11, 12, 16-20).
  static bool hostile(std::string_view code) {
    return code.starts_with("11") || code.starts_with("12") || code.starts_with("16") ||
           code.starts_with("17") || code.starts_with("18") || code.starts_with("19") ||
           code.starts_with("20");
  }

  // Shows of force and force used (CAMEO roots 15, 18-20).
  static bool show_or_use_of_force(std::string_view code) {
    return code.starts_with("15") || code.starts_with("18") || code.starts_with("19") ||
           code.starts_with("20");
  }

  // Acts done to or with things and people (CAMEO roots 04-09, 14-20 and the legal 115-116), as
  // against what parties say (appeals, demands, rejections, threats, intentions).
  static bool material(std::string_view code) {
    if (code.size() < 2 || !std::isdigit(static_cast<unsigned char>(code[0]))) return false;
    const int root = (code[0] - '0') * 10 + (code[1] - '0');
    return (root >= 4 && root <= 9) || root >= 14 || code.starts_with("115") ||
           code.starts_with("116");
  }

  // News reports acts in the past; an act in the simple present of a narrative sentence is a
  // habit, a rule or a standing state: "Mahan flies fighters to Syria", "the House impeaches the
  // official", "the directive provides protections". Not in headlines (no final stop), reported
  // speech or sentences with quotation marks, where the present reports.
  bool habitual_present(const ClauseView& v, int w) const {
    if (v.xpos(w) != "VBZ" && v.xpos(w) != "VBP") return false;
    // ("... beat up detainees, a court martial was told": a report after the act.)
    for (int c : v.children(w))
      if (v.deprel(c).starts_with("aux") ||
          (c > w && text::is_in(v.deprel(c), {"parataxis", "conj", "ccomp"}) &&
           v.speech_verb(v.lemma(c))))
        return false;
    if (v.reporter(w) >= 0 || v.speech_governor(w) >= 0) return false;
    const std::string_view sentence = a_.view(a_.sentences[v.sentence()].span);
    if (sentence.empty() || (sentence.back() != '.' && sentence.back() != ';')) return false;
    for (std::string_view mark : {"\"", "\u201c", "\u201d"})
      if (sentence.find(mark) != std::string_view::npos) return false;
    return true;
  }

  // "so he could fund a wall", "two-thirds of senators must vote to convict": what a party can
  // or must do, told by the article itself, is no act that happened (in reported speech the
  // reporter's demand or threat is coded instead).
  static bool unreported_ability_or_duty(const ClauseView& v, int w) {
    const std::string modality = v.modality(w);
    // (A denied ability is a denial: "can't clash" stays, as a negated act.)
    return (modality == "should" || (modality == "could" && !v.negated(w))) && v.reporter(w) < 0 &&
           v.speech_governor(w) < 0;
  }

  // "allowed China to extradite", "pressured the government to launch an investigation", "is
  // required to convict": the complement of a non-implicative object-control verb is an act
  // someone allowed, asked for or required, not one that happened. The governing verb carries
  // the event (an appeal or demand frame codes the complement through it); implicative verbs
  // ("forced X to withdraw") are marked `done` in data/words/object-control-verbs.tsv.
  static bool asked_or_allowed_act(const ClauseView& v, int w) {
    int h = v.head(w);
    if (h < 0 || v.deprel(w) != "xcomp" || v.upos(h) != "VERB") return false;
    const text::WordList& control = v.words().object_control_verbs;
    std::string governor = v.lemma(h);
    return control.contains(governor) && control.value(governor) != "done";
  }

  // "joined the talks", "began an offensive": a light verb whose object is an event noun is coded
  // through the noun; its own generic pattern ("join" as 036) would code the clause twice. A
  // pattern that names the object itself ("hold obj=talks") stays.
  bool light_verb_of_event_noun(const ClauseView& v, int w, const Match& m) const {
    if (!v.light_verb(v.lemma(w))) return false;
    for (const auto& arg : m.pattern->args)
      if (arg.relation == Relation::Obj) return false;
    for (int c : v.children(w))
      if ((v.deprel(c) == "obj" || v.deprel(c) == "nsubj:pass") && v.is_nominal_event(c, lexicon_))
        return true;
    return false;
  }

  // "X said (that) ...": a bare neutral verb of saying that carries a reported clause is the
  // report of that clause (`reported_by`), not an event of its own, however a dictionary codes
  // the verb alone (PETRARCH's "SAID [023]"). Verbs with a stance of their own ("believes",
  // "warned") keep their code.
  static bool reports_speech(const ClauseView& v, int w, const Match& m) {
    if (!m.pattern->args.empty() || !v.words().report_verbs.contains(v.lemma(w))) return false;
    // A trailing "..., officials said" hangs off the clause it reports, however it is attached.
    if (v.head(w) >= 0 && v.child_with(w, "obj") < 0 && v.child_with(w, "ccomp") < 0) return true;
    for (int c : v.children(w))
      if (v.deprel(c) == "ccomp" || v.deprel(c) == "parataxis") return true;
    return false;
  }

  // A bare event noun ("talks are pivotal") is not an event record; it needs participants or a
  // light verb that makes it one.
  bool noun_event_is_anchored(const ClauseView& v, int w) const {
    for (int c : v.children(w)) {
      std::string_view rel = v.deprel(c);
      if (v.actor_of(c) >= 0 && (rel.starts_with("nmod") || rel == "amod" || rel == "compound"))
        return true;
    }
    int h = v.head(w);
    if (h >= 0 && (v.deprel(w) == "obj" || v.deprel(w) == "nsubj:pass") && v.light_verb(v.lemma(h)))
      return true;
    // Acts whose doer goes without saying ("The protests began in June", "Protests continued"):
    // the subject of its own clause is an event of the article's state.
    if (!lexicon_.implicit_agent(v.lemma(w)).empty()) {
      if (v.deprel(w) == "nsubj") return true;
      // ... and so is one that a span of time is "of" ("two weeks of protests") or that a verb
      // says something set off ("the decision sparked protests").
      const std::string_view occurrence =
          h >= 0 ? v.words().occurrence_heads.value(v.lemma(h)) : std::string_view();
      if (occurrence == "span" && v.deprel(w).starts_with("nmod") && v.case_of(w) == "of")
        return true;
      // ... or that a place was the scene of ("the city has been home to protests").
      if (occurrence == "place" && v.deprel(w).starts_with("nmod") &&
          is_in(v.case_of(w), {"of", "to"}))
        return true;
      if (occurrence == "cause" && v.upos(h) == "VERB" && v.deprel(w) == "obj") return true;
    }
    return false;
  }

  // Meetings, calls and agreements are between parties (CAMEO 04x, 057), and a noun that names
  // one often says who took part without a verb of its own.
  static bool between_parties(std::string_view code) {
    return code.starts_with("04") || code == "057";
  }

  // "X said in a meeting with Y", "in a phone call in late July, X urged Y": a meeting in a
  // time or place phrase of a clause whose doer is an actor is that actor's.
  bool meeting_in_clause(const ClauseView& v, int w, std::string_view code) const {
    int h = v.head(w);
    return between_parties(code) && h >= 0 && v.upos(h) == "VERB" &&
           v.deprel(w).starts_with("obl") && is_in(v.case_of(w), {"in", "during", "at"}) &&
           !v.agent_actors(h, lexicon_).empty();
  }

  // Who took part in a meeting-like noun nothing else gives a doer: "the trilateral meeting of
  // Cyprus, Greece and Israel" (each with each), else the doer of the clause it is set in.
  void meeting_participants(const ClauseView& v, int w, std::vector<int>& sources,
                            std::vector<int>& targets) const {
    for (int c : v.children(w))
      if (v.deprel(c).starts_with("nmod") && v.case_of(c) == "of") {
        sources = v.actors_at(c);
        if (!sources.empty()) return;
      }
    if (!meeting_in_clause(v, w, "04")) return;
    int h = v.head(w);
    sources = v.agent_actors(h, lexicon_);
    if (targets.empty()) targets = v.patient_actors(h);
  }

  std::vector<int> sources_of(const ClauseView& v, int w, const Match& m, int depth = 0) const {
    for (size_t i = 0; i < m.bound.size(); ++i)
      if (m.pattern->args[i].role == ArgRole::Source) return v.actors_at(m.bound[i]);
    return v.agent_actors(w, lexicon_, depth);
  }

  // "found the prorogation unlawful": an act named by a noun is aimed at whoever did it, the
  // actor the noun belongs to ("Johnson's prorogation") or, for a definite noun, the doer of the
  // latest act of that kind the article reported.
  std::vector<int> doer_of_act(const ClauseView& v, int x) const {
    if (!v.is_nominal_event(x, lexicon_)) return {};
    for (int c : v.children(x))
      if (v.deprel(c) == "nmod:poss")
        if (std::vector<int> owner = v.actors_at(c); !owner.empty()) return owner;
    if (v.child_with(x, "det") < 0 || text::ascii_lower(v.text(v.child_with(x, "det"))) != "the")
      return {};
    std::string kind;
    for (const Pattern& p : lexicon_.nouns(v.lemma(x)))
      if (p.args.empty() && std::isdigit(static_cast<unsigned char>(p.code[0]))) {
        kind = p.code.substr(0, 3);
        break;
      }
    if (kind.empty()) return {};
    for (auto it = a_.events.rbegin(); it != a_.events.rend(); ++it)
      if (it->source_actor >= 0 && it->cameo.starts_with(kind) && it->sentence <= v.sentence())
        return {it->source_actor};
    return {};
  }

  // "rejected an Indian proposal", "a fresh offer from Afghanistan", "threatened to shell Iraqi
  // towns": a thing that is no actor but belongs to one, by a nationality before it or "from" /
  // "by" after it, makes its owner the target (the state itself for a nationality).
  std::vector<int> owner_of_thing(const ClauseView& v, int x) {
    if (!v.is_nominal(x) || v.upos(x) == "PROPN") return {};
    for (int c : v.children(x)) {
      const std::string_view rel = v.deprel(c);
      if (rel.starts_with("nmod") && rel != "nmod:poss" && is_in(v.case_of(c), {"from", "by"}))
        if (std::vector<int> t = v.actors_at(c); !t.empty()) return t;
    }
    if (const int state = nationality_of(v, x, ""); state >= 0) return {state};
    return {};
  }

  // The state (with `sector`) a nationality adjective before noun x names ("an Indian proposal",
  // "Palestinian riots"), as an actor of the article; -1 when there is none.
  int nationality_of(const ClauseView& v, int x, const std::string& sector) {
    for (int c : v.children(x))
      if (v.deprel(c) == "amod" && c < x)
        if (auto iso = gazetteer_.demonym(v.text(c)); iso && gazetteer_.country(*iso))
          return institution(*iso, sector);
    return -1;
  }

  std::vector<int> targets_of(const ClauseView& v, int w, const Match& m,
                              const std::vector<int>& complement) {
    for (size_t i = 0; i < m.bound.size(); ++i)
      if (m.pattern->args[i].role == ArgRole::Target) {
        // The object's head may be a description of the actor it names ("banned Iranian
        // airline Mahan Air": the parser hangs the name under "airline").
        std::vector<int> t = v.actors_at(m.bound[i]);
        if (t.empty()) t = v.subtree_actors(m.bound[i], w);
        if (t.empty()) t = doer_of_act(v, m.bound[i]);
        if (t.empty()) t = owner_of_thing(v, m.bound[i]);
        return t;
      }
    std::vector<int> t = v.patient_actors(w);
    if (!t.empty()) return t;
    // "the arrest of Navalny", "the killing of Jamal", "the evacuation of civilians": an act done
    // to someone names them with "of" (aid, reduction of relations, coercion and violence; "the
    // visit of Macron", "the resignation of X" name the doer and code no target).
    if (v.is_nominal(w) &&
        is_in(std::string_view(m.pattern->code).substr(0, 2), {"07", "16", "17", "18", "19", "20"}))
      for (int c : v.children(w))
        if (v.deprel(c).starts_with("nmod") && v.case_of(c) == "of")
          if (t = v.actors_at(c); !t.empty()) return t;
    // Frames: the party addressed, when the object is one and the act asked for is a separate
    // complement ("urged allies such as Germany to restrict ...").
    if (!complement.empty()) {
      for (int c : v.children(w))
        if (v.deprel(c) == "obj" &&
            std::find(complement.begin(), complement.end(), c) == complement.end())
          if (t = v.subtree_actors(c, w); !t.empty()) return t;
      // ... or named after it ("encouraging allies such as Germany to ...").
      for (int c : v.children(w))
        if (v.deprel(c).starts_with("obl") && v.case_of(c) == "such")
          if (t = v.actors_at(c); !t.empty()) return t;
    }
    // Frames: whoever the complement is about ("demand a withdrawal of Israeli forces",
    // "rejected the conditions set by Israel").
    for (int c : complement) {
      t = v.subtree_actors(c, w);
      if (t.empty()) t = doer_of_act(v, c);
      if (!t.empty()) return t;
    }
    // ... or whose things it is aimed at ("threatened to shell Iraqi towns").
    for (int c : complement)
      for (int d : v.children(c))
        if (v.deprel(d) == "obj" ||
            (v.deprel(d).starts_with("obl") && is_in(v.case_of(d), {"against", "on", "to"})))
          if (t = owner_of_thing(v, d); !t.empty()) return t;
    for (int c : v.children(w)) {
      std::string_view rel = v.deprel(c);
      if (rel == "obj" || rel == "nsubj:pass") {
        t = v.subtree_actors(c, w);
        if (t.empty()) t = doer_of_act(v, c);
        if (t.empty()) t = owner_of_thing(v, c);
        if (!t.empty()) return t;
      }
    }
    // Force is aimed "at" its target ("fired at protesters", "fired shells at Seoul"), which
    // elsewhere is a place phrase.
    if (show_or_use_of_force(m.pattern->code) && v.upos(w) == "VERB")
      for (int c : v.children(w))
        if (v.deprel(c).starts_with("obl") && v.case_of(c) == "at")
          if (t = v.actors_at(c); !t.empty()) return t;
    return oblique_targets(v, w);
  }

  // Last, as PETRARCH does, an actor in the verb's prepositional phrases ("departed from
  // Libya", "talks with the leadership of Hamas") or the subject of its clausal complement
  // ("believes Dagolath can cope"). Not deeper, and not through locative phrases: "blamed
  // the leadership for violence in US cities" is not aimed at the United States.
  static std::vector<int> oblique_targets(const ClauseView& v, int w) {
    std::vector<int> t;
    if (v.upos(w) != "VERB") return {};
    auto locative = [&](int x) {
      return is_in(v.case_of(x), {"in", "at", "on", "near", "inside", "across", "throughout"});
    };
    for (int c : v.children(w)) {
      std::string_view rel = v.deprel(c);
      if (!rel.starts_with("obl") || rel == "obl:agent" || rel == "obl:tmod" ||
          v.case_of(c) == "by" || locative(c))
        continue;
      t = v.actors_at(c);
      if (!t.empty()) return t;
      for (int d : v.children(c)) {
        if (!v.deprel(d).starts_with("nmod") || v.deprel(d) == "nmod:poss" || locative(d)) continue;
        t = v.actors_at(d);
        if (!t.empty()) return t;
      }
    }
    for (int c : v.children(w)) {
      if (v.deprel(c) != "ccomp") continue;
      int subj = v.child_with(c, "nsubj");
      if (subj >= 0) t = v.actors_at(subj);
      if (!t.empty()) return t;
    }
    return {};
  }

  // Is the object of an order the orderer's own people: "his staff", "its troops"?
  bool orders_own_people(const ClauseView& v, int w) const {
    const int obj = v.child_with(w, "obj");
    if (obj < 0) return false;
    // (An order to a body, even of one's own state, is a demand made of it: "instructed security
    // agencies to investigate" is coded as such, as the guidelines do.)
    for (int c : v.children(obj))
      if (v.deprel(c) == "nmod:poss" && is_in(v.lemma(c), {"his", "her", "its", "their", "our"}))
        return true;
    return false;
  }

  void emit(const ClauseView& v, int w, const Match& m, const std::string& code,
            const std::vector<int>& complement, bool frame = false, bool against = false,
            const std::string& planned = {}, bool own_order = false) {
    std::vector<int> sources = sources_of(v, w, m);
    // "Palestinian riots against Israeli policies", "Israeli strikes on Gaza": a nationality on
    // an event noun that names no doer of its own gives the doer's state (its people, for
    // protests, as "Palestinians protested" is coded).
    if (sources.empty() && v.is_nominal(w))
      if (const int state = nationality_of(v, w, code.starts_with("14") ? "CVL" : ""); state >= 0)
        sources = {state};
    std::vector<int> targets = targets_of(v, w, m, complement);
    // An order to one's own people is aimed at whom the ordered act is aimed at.
    if (own_order) {
      targets.clear();
      const std::vector<int> ordered = v.actors_at(v.child_with(w, "obj"));
      // (The first party the ordered act names: "to delay aid slated for Ukraine, which is in
      // a conflict with Russia" is aimed at Ukraine.)
      for (int c : complement)
        for (int x = 0; x < v.size() && targets.empty(); ++x)
          if (const int t = v.actor_of(x);
              t >= 0 && v.in_subtree(x, c) &&
              std::find(ordered.begin(), ordered.end(), t) == ordered.end())
            targets.push_back(t);
      if (targets.empty())
        for (int c : complement)
          if (std::vector<int> t = owner_of_thing(v, c); !t.empty()) targets = t;
    }
    if (against) {
      // The party the urged act is against, not the ones urged; none named, no rally.
      const std::vector<int> urged = v.patient_actors(w);
      std::vector<int> opposed;
      for (int c : complement)
        for (int t : v.subtree_actors(c, w))
          if (std::find(urged.begin(), urged.end(), t) == urged.end() &&
              std::find(opposed.begin(), opposed.end(), t) == opposed.end())
            opposed.push_back(t);
      if (opposed.empty()) return;
      targets = opposed;
    }
    // "Trump withdrew the US from a treaty with Iran": a government acting on its own state
    // acts on behalf of it; the act is aimed at whoever the prepositional phrases name.
    if (!sources.empty() && !targets.empty() &&
        std::all_of(targets.begin(), targets.end(), [&](int t) {
          const std::string& tc = a_.actors[static_cast<size_t>(t)].code;
          return tc.size() == 3 && std::all_of(sources.begin(), sources.end(), [&](int s) {
                   const std::string& sc = a_.actors[static_cast<size_t>(s)].code;
                   return sc.size() > 3 && sc.starts_with(tc);
                 });
        }))
      if (std::vector<int> other = oblique_targets(v, w); !other.empty()) targets = other;
    // "Russia deployed troops to the border with Ukraine": a party's own forces moved or used are
    // its instrument, not the target; the act is aimed at whoever the prepositional phrases name.
    if (!sources.empty() && !targets.empty() && show_or_use_of_force(code) &&
        std::all_of(targets.begin(), targets.end(), [&](int t) {
          const Actor& x = a_.actors[static_cast<size_t>(t)];
          // (Forces a show of force moves are always its own, whatever state a bare "troops"
          // was given.)
          return is_in(x.sector, {"MIL", "COP"}) &&
                 (code.starts_with("15") || std::all_of(sources.begin(), sources.end(), [&](int s) {
                    return a_.actors[static_cast<size_t>(s)].country == x.country;
                  }));
        }))
      targets = oblique_targets(v, w);
    if (sources.empty() && v.is_nominal(w) && between_parties(code))
      meeting_participants(v, w, sources, targets);
    // Actors without a code (a person nothing ties to a country or group) stay in the record
    // with their name and an empty code: the act happened whoever did it, and the record says
    // which side is unresolved (Event::unresolved_source/target) so an analysis can filter.
    // A source that is also a target is a reflexive misreading ("Israel and Hamas agreed" is
    // handled as a joint event below).
    std::erase_if(targets, [&](int t) {
      return std::find(sources.begin(), sources.end(), t) != sources.end();
    });

    // "X said Y must Z": an obligation in reported speech is the reporter's demand that Y do Z
    // (CAMEO's demand family of the act), not something Y did or will do. Not when Y is the
    // reporter's own state ("Johnson stated that Britain must leave the EU"): that is the
    // reporter's side's own course, the act itself with its modality.
    // (The reporter speaks for the state too: rebels or an opposition obliging their own
    // government make a demand.)
    auto state_side = [&](const Actor& x) { return x.type == "GPE" || x.sector == "GOV"; };
    auto own_state = [&](int reporter) {
      const Actor& by = a_.actors[static_cast<size_t>(reporter)];
      const std::string& home = by.country;
      return !home.empty() && state_side(by) && !sources.empty() &&
             std::all_of(sources.begin(), sources.end(), [&](int s) {
               const Actor& x = a_.actors[static_cast<size_t>(s)];
               return x.country == home && state_side(x);
             });
    };
    if (const int reporter = v.reporter(w);
        reporter >= 0 && v.modality(w) == "should" && !frame &&
        std::find(sources.begin(), sources.end(), reporter) == sources.end() &&
        !own_state(reporter)) {
      std::string demand = lexicon_.family_code("demand", code);
      if (!demand.empty()) {
        targets = sources.empty() ? targets : sources;
        sources = {reporter};
        std::erase(targets, reporter);
        Event e;
        e.sentence = v.sentence();
        e.cameo = demand;
        e.trigger = v.span(w);
        e.evidence = v.subtree_span(v.clause_root(w));
        e.pattern = m.pattern->origin;
        e.location = v.location(w, gazetteer_);
        for (int t : targets.empty() ? std::vector<int>{-1} : targets) {
          Event x = e;
          x.source_actor = reporter;
          x.source_code = a_.actors[static_cast<size_t>(reporter)].code;
          x.unresolved_source = x.source_code.empty();
          x.target_actor = t;
          if (t >= 0) {
            x.target_code = a_.actors[static_cast<size_t>(t)].code;
            x.unresolved_target = x.target_code.empty();
          }
          a_.events.push_back(std::move(x));
        }
        return;
      }
    }

    Event base;
    base.sentence = v.sentence();
    base.cameo = code;
    // A ban or suspension aimed at companies ("banned Iranian airline Mahan Air") is an economic
    // sanction (CAMEO 163), not an administrative one against people or parties (172).
    if (code.starts_with("172") && !targets.empty() &&
        std::all_of(targets.begin(), targets.end(),
                    [&](int t) { return a_.actors[static_cast<size_t>(t)].sector == "BUS"; }))
      base.cameo = "163";
    // Speaking to the press ("speaking to NBC News", "told reporters") is a public statement
    // (CAMEO 01), not a consultation with the media.
    if (code.starts_with("04") && !targets.empty() &&
        std::all_of(targets.begin(), targets.end(),
                    [&](int t) { return a_.actors[static_cast<size_t>(t)].sector == "MED"; })) {
      base.cameo = "010";
      targets.clear();
    }
    // An attack by gunmen, criminals or civilians, or on a person, is an assault (CAMEO 18),
    // not the use of military force (19) the bare verb is coded as.
    if (base.cameo == "190") {
      auto irregular = [&](int x) {
        return is_in(a_.actors[static_cast<size_t>(x)].sector, {"UAF", "CRM", "CVL"});
      };
      auto person = [&](int x) { return a_.actors[static_cast<size_t>(x)].type == "PER"; };
      if ((!sources.empty() && std::all_of(sources.begin(), sources.end(), irregular)) ||
          (!targets.empty() && std::all_of(targets.begin(), targets.end(), person)))
        base.cameo = "180";
    }
    base.trigger = v.span(w);
    if (int prt = v.child_with(w, "compound:prt"); prt >= 0)
      base.trigger.end = std::max(base.trigger.end, v.span(prt).end);
    base.evidence = v.subtree_span(v.clause_root(w));
    base.negated = v.negated(w) && !spells_negation(v, m);
    base.modality = v.modality(w);
    if (base.modality.empty()) base.modality = planned;
    // Not yielding when asked ("did not accede to the protesters' demands", "the offers were not
    // accepted") is refusing: the reject family of the yield (CAMEO 12x), asserted.
    if (base.negated && base.cameo.starts_with("08") && !frame) {
      const std::string refused = lexicon_.family_code("reject", base.cameo);
      if (refused != "120" || base.cameo == "080") base.cameo = refused, base.negated = false;
    }
    // A future act announced outright ("The government will withdraw the bill", "we will strike
    // back") is a promise or a threat, which CAMEO codes as the act's intent (03x) or threat
    // (13x) family; the act itself has not happened. Frames already chose their family.
    // ("will not attack" stays a negated attack: no promise is made.)
    // (A resignation announced is the resignation with its future modality, as the news-gold
    // guidelines code it: "he will step down" is 0831, not an intent to change leadership.)
    if (base.modality == "will" && !frame && !m.pattern->literal && !base.negated &&
        base.cameo != "0831") {
      const int root = std::atoi(code.substr(0, 2).c_str());
      std::string promised;
      if (root >= 4 && root <= 8) promised = lexicon_.family_code("intent", base.cameo);
      if (root >= 15 && root <= 20) promised = lexicon_.family_code("threaten", base.cameo);
      if (!promised.empty()) base.cameo = promised, base.modality.clear();
    }
    base.reported_by = v.reporter(w);
    base.location = v.location(w, gazetteer_);
    base.pattern = m.pattern->origin;

    // Paired codes: "X arrived in Y" is also "Y hosted X" (TABARI's 032:033).
    const std::string& reverse = code == m.pattern->code ? m.pattern->reverse_code : std::string();
    // A dictionary code listing several actors ("THE_SHIRE [FRO/BIL/SAM]") is each of them.
    auto codes = [&](int x) {
      std::vector<std::string> out;
      if (x < 0) return std::vector<std::string>{""};
      std::string_view c = a_.actors[x].code;
      for (size_t pos = 0; pos <= c.size();) {
        size_t slash = std::min(c.find('/', pos), c.size());
        if (slash > pos) out.emplace_back(c.substr(pos, slash - pos));
        pos = slash + 1;
      }
      if (out.empty()) out.emplace_back(c);
      return out;
    };
    auto push = [&](int s, int t) {
      for (const std::string& sc : codes(s))
        for (const std::string& tc : codes(t)) {
          Event e = base;
          e.source_actor = s;
          e.target_actor = t;
          e.source_code = sc;
          e.target_code = tc;
          e.unresolved_source = s >= 0 && sc.empty();
          e.unresolved_target = t >= 0 && tc.empty();
          if (s >= 0 && t >= 0 && !reverse.empty()) {
            Event r = e;
            std::swap(r.source_actor, r.target_actor);
            std::swap(r.source_code, r.target_code);
            std::swap(r.unresolved_source, r.unresolved_target);
            r.cameo = reverse;
            a_.events.push_back(std::move(e));
            a_.events.push_back(std::move(r));
            continue;
          }
          a_.events.push_back(std::move(e));
        }
    };
    bool joint = std::any_of(m.pattern->args.begin(), m.pattern->args.end(),
                             [](const ArgConstraint& c) { return c.relation == Relation::Joint; });
    // Meetings, negotiations and agreements are symmetric: "the delegations of Cyprus, Greece and
    // Israel met" / "Turkey and Libya signed a deal" is each with each (one record per pair).
    const bool symmetric =
        code.starts_with("04") || code == "057" || code == "036" || code == "037";
    // One record per pair of codes: two Israeli ministers at a meeting are one Israeli party.
    std::set<std::pair<std::string, std::string>> paired;
    auto push_pair = [&](int x, int y) {
      const std::string& cx = a_.actors[static_cast<size_t>(x)].code;
      const std::string& cy = a_.actors[static_cast<size_t>(y)].code;
      if (!cx.empty() && cx == cy) return;
      if (!cx.empty() && !cy.empty() && !paired.insert(std::minmax(cx, cy)).second) return;
      push(x, y);
    };
    // Several parties met "for a summit at the Zappeion Hall": a target nothing identifies does
    // not stand in for the other parties.
    if (symmetric && sources.size() >= 2 && std::all_of(targets.begin(), targets.end(), [&](int t) {
          return a_.actors[static_cast<size_t>(t)].code.empty();
        }))
      targets.clear();
    if (symmetric && targets.empty() && sources.size() >= 2) {
      for (size_t i = 0; i < sources.size(); ++i)
        for (size_t j = i + 1; j < sources.size(); ++j) push_pair(sources[i], sources[j]);
      return;
    }
    if (joint && targets.empty() && sources.size() >= 2) {
      // "A and B have postponed their meeting": each did it with the other.
      for (int s : sources)
        for (int t : sources)
          if (s != t) push(s, t);
      return;
    }
    if (!sources.empty()) {
      for (int s : sources) {
        if (targets.empty()) push(s, -1);
        for (int t : targets) push(s, t);
      }
      return;
    }
    // Meetings, negotiations and agreements among several parties ("was signed between
    // Cyprus, Greece and Israel"): one event per pair.
    if (between_parties(code) && targets.size() >= 2) {
      for (size_t i = 0; i < targets.size(); ++i)
        for (size_t j = i + 1; j < targets.size(); ++j) push_pair(targets[i], targets[j]);
      return;
    }
    // "Clinton was impeached", "her husband, who was arrested in May": a passive act whose doer
    // is an institution is that body's, in the target's state (else the article's).
    // A noun of such an act with no doer ("the protests began in June", "the arrest of two
    // men") is done by that body of the article's state.
    if (std::string_view sector = lexicon_.implicit_agent(v.lemma(w));
        !sector.empty() && v.child_with(w, "obl:agent") < 0 &&
        (v.is_passive(w) || v.is_nominal(w))) {
      for (int t : targets) {
        std::string state = a_.actors[static_cast<size_t>(t)].country;
        if (state.empty()) state = home_country();
        if (state.empty()) continue;
        push(institution(state, std::string(sector)), t);
      }
      if (targets.empty() && !home_country().empty())
        push(institution(home_country(), std::string(sector)), -1);
      return;
    }
    if (options_.keep_unattributed)
      for (int t : targets) push(-1, t);
  }

  // The state most of the article's actor mentions belong to ("" when none).
  const std::string& home_country() {
    if (!home_.has_value()) {
      std::map<std::string, size_t> count;
      for (const Actor& x : a_.actors)
        if (!x.country.empty()) count[x.country] += x.mentions.size();
      std::string best;
      size_t most = 0;
      for (const auto& [iso, n] : count)
        if (n > most) best = iso, most = n;
      home_ = best;
    }
    return *home_;
  }

  // The actor for a state's body (country + sector), added to the registry when the article
  // has none yet; it has no mention of its own.
  int institution(const std::string& state, const std::string& sector) {
    const std::string code = state + sector;
    for (size_t i = 0; i < a_.actors.size(); ++i)
      if (a_.actors[i].code == code) return static_cast<int>(i);
    static const std::map<std::string, std::string> kNames = {
        {"COP", "police"},     {"LEG", "legislature"}, {"JUD", "judiciary"},
        {"GOV", "government"}, {"MIL", "military"},    {"CVL", "protesters"}};
    auto name = kNames.find(sector);
    const GazetteerEntry* country = gazetteer_.country(state);
    a_.actors.push_back(Actor{sector.empty() && country
                                  ? country->name
                                  : state + " " + (name == kNames.end() ? sector : name->second),
                              code,
                              state,
                              sector,
                              "ORG",
                              {}});
    return static_cast<int>(a_.actors.size() - 1);
  }

  // Events of one kind in an article happen where the article places that kind of event: the
  // "Cairo talks" locate every negotiation event of the article that names no place itself.
  void infer_locations() {
    std::map<std::string, Place> venue;  // CAMEO root -> place
    for (uint32_t s = 0; s < a_.sentences.size(); ++s) {
      ClauseView v(index_, s);
      for (int w = 0; w < v.size(); ++w) {
        bool noun = v.is_nominal(w);
        Match m = match(v, w, noun);
        if (!m.pattern || m.pattern->code.size() < 3 ||
            !std::isdigit(static_cast<unsigned char>(m.pattern->code[0])))
          continue;
        Place p = v.location(w, gazetteer_);
        if (p.name.empty()) continue;
        venue.emplace(m.pattern->code.substr(0, 2), p);
      }
    }
    for (Event& e : a_.events) {
      if (!e.location.name.empty()) continue;
      if (auto it = venue.find(e.cameo.substr(0, 2)); it != venue.end()) e.location = it->second;
    }
  }

  // An act whose sentence names no target is aimed at the party its doer deals with in the
  // article ("the Commission also criticized the move", "Merkel demanded an explanation"), as
  // a careful reader and the CAMEO coders infer it: the doer's most frequent counterpart in the
  // article's other events, else the most mentioned party of another side. The event says the
  // target was inferred. Needs an article to infer from: texts of one or two sentences (a
  // headline, a test record) are left as written.
  void infer_targets() {
    if (!options_.infer_targets || a_.sentences.size() < 3) return;
    std::map<std::pair<std::string, std::string>, int> partners;
    for (const Event& e : a_.events)
      // An outlet a party talks to ("speaking to AFP") is its interviewer, not its counterpart.
      if (!e.source_code.empty() && !e.target_code.empty() && e.source_code != e.target_code &&
          !e.cameo.starts_with("01") && !e.source_code.ends_with("MED") &&
          !e.target_code.ends_with("MED")) {
        ++partners[{e.source_code, e.target_code}];
        ++partners[{e.target_code, e.source_code}];
      }
    std::map<std::string, size_t> mentions;  // code -> mentions of its actors
    std::map<std::string, int> actor_of_code;
    for (size_t i = 0; i < a_.actors.size(); ++i) {
      const Actor& x = a_.actors[i];
      if (x.code.empty()) continue;
      mentions[x.code] += x.mentions.size();
      if (!actor_of_code.count(x.code)) actor_of_code[x.code] = static_cast<int>(i);
    }
    for (Event& e : a_.events) {
      if (e.source_code.empty() || !e.target_code.empty() || e.cameo.starts_with("01")) continue;
      const std::string& source = e.source_code;
      std::string best;
      int most = 0;
      for (const auto& [pair, n] : partners)
        if (pair.first == source && n > most) best = pair.second, most = n;
      if (best.empty()) {
        // Another state's party, or another body of the same state; the press reports, it is
        // rarely the one acted upon.
        size_t top = 0;
        for (const auto& [code, n] : mentions) {
          const bool other_side =
              code.compare(0, 3, source, 0, 3) != 0 || (code != source && code.size() > 3);
          if (other_side && !code.ends_with("MED") && n > top) best = code, top = n;
        }
      }
      if (best.empty()) continue;
      e.target_code = best;
      e.target_actor = actor_of_code.count(best) ? actor_of_code[best] : -1;
      e.target_inferred = true;
    }
  }

  void assign_dates() {
    for (Event& e : a_.events) e.date = relative_date(a_, e);
  }

  // One record per (source, code, target) and per sentence, as CAMEO coders and the news-gold
  // guidelines count: an article that reports the ban in its title and again in its body has
  // two event mentions. Two triggers of one act in one sentence ("signed ... the signing") are
  // one record. Counting repeated reports as one event is the store's deduplication, across
  // articles as well as within them.
  // The lemma of an event's trigger word, and whether it is a noun with "the".
  std::pair<std::string, bool> trigger_word(const Event& e) const {
    if (e.sentence >= a_.sentences.size()) return {};
    const Sentence& s = a_.sentences[e.sentence];
    for (uint32_t w = s.first_word; w < s.first_word + s.word_count && w < a_.analysis.size();
         ++w) {
      if (a_.words[w].span.start != e.trigger.start) continue;
      const WordAnalysis& x = a_.analysis[w];
      bool definite = false;
      if (x.upos == "NOUN")
        for (uint32_t k = s.first_word; k < s.first_word + s.word_count; ++k)
          definite |= a_.analysis[k].head == static_cast<int32_t>(w - s.first_word) + 1 &&
                      a_.analysis[k].deprel == "det" && a_.analysis[k].lemma == "the";
      return {x.lemma, definite};
    }
    return {};
  }

  void merge() {
    std::vector<Event> merged;
    // Parties are told apart by their codes ("Collin Peterson and Jeff Van Drew opposed it" is
    // one USALEG record, as CAMEO counts), by the actor where it has no code; one actor can
    // stand for several codes (see emit).
    auto party = [](int actor, const std::string& code) {
      return code.empty() ? "#" + std::to_string(actor) : code;
    };
    std::map<std::tuple<uint32_t, std::string, std::string, std::string, bool, std::string, int>,
             size_t>
        seen;
    // "Germany banned Mahan Air ... the ban followed discussions": a definite noun of an act
    // an earlier sentence coded with its verb, aimed at the same party, refers back to that act.
    std::map<std::pair<std::string, std::string>, size_t> acts;  // (lemma, target) -> merged
    for (Event& e : a_.events) {
      const auto [lemma, definite_noun] = trigger_word(e);
      const std::string target = party(e.target_actor, e.target_code);
      // (Not meetings: "the trilateral meeting of 2016" is another of a series.)
      if (definite_noun && e.target_actor >= 0 && !e.cameo.starts_with("04"))
        if (auto it = acts.find({lemma, target});
            it != acts.end() && merged[it->second].sentence < e.sentence) {
          merged[it->second].other_mentions.push_back(e.trigger);
          continue;
        }
      auto key = std::make_tuple(e.sentence, e.cameo, party(e.source_actor, e.source_code),
                                 party(e.target_actor, e.target_code), e.negated, e.modality,
                                 e.reported_by);
      if (!lemma.empty() && e.target_actor >= 0) acts.try_emplace({lemma, target}, merged.size());
      if (auto it = seen.find(key); it != seen.end()) {
        Event& first = merged[it->second];
        first.other_mentions.push_back(e.trigger);
        if (first.location.name.empty()) first.location = e.location;
        continue;
      }
      seen.emplace(key, merged.size());
      merged.push_back(std::move(e));
    }
    a_.events = std::move(merged);
  }

  Article& a_;
  const Lexicon& lexicon_;
  const Gazetteer& gazetteer_;
  const EventCoderOptions& options_;
  ArticleIndex index_;
  std::optional<std::string> home_;
};

}  // namespace

void EventCoder::process(Article& article) const {
  article.events.clear();
  if (article.analysis.size() != article.words.size()) return;  // not parsed
  Coder(article, *lexicon_, *gazetteer_, options_).run();
}

}  // namespace parley::extract
