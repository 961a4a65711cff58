#include "parley/eval/quote_eval.hpp"

#include <algorithm>
#include <set>

#include "parley/nlp/gold_article.hpp"

namespace parley::eval {

namespace {

struct Relation {
  std::vector<int> cue, source;  // document word indices (0-based)
  bool quoted = false;
};

std::vector<int> parse_indices(std::string_view s) {
  std::vector<int> out;
  size_t i = 0;
  while (i < s.size()) {
    size_t j = s.find(',', i);
    if (j == std::string_view::npos) j = s.size();
    std::string_view part = s.substr(i, j - i);
    size_t dash = part.find('-');
    try {
      if (dash == std::string_view::npos) {
        out.push_back(std::stoi(std::string(part)) - 1);
      } else {
        int a = std::stoi(std::string(part.substr(0, dash))),
            b = std::stoi(std::string(part.substr(dash + 1)));
        for (int k = a; k <= b && k - a < 200; ++k) out.push_back(k - 1);
      }
    } catch (const std::exception&) {
    }
    i = j + 1;
  }
  return out;
}

std::string misc_value(const std::string& misc, std::string_view key) {
  size_t pos = 0;
  while (pos < misc.size()) {
    size_t end = misc.find('|', pos);
    if (end == std::string::npos) end = misc.size();
    std::string_view item(misc.data() + pos, end - pos);
    if (item.starts_with(key) && item.size() > key.size() && item[key.size()] == '=')
      return std::string(item.substr(key.size() + 1));
    pos = end + 1;
  }
  return {};
}

// "attribution-positive:86->92:3:sem-atsrc-752+lex-indwd-759+grf-qt-199,205"
void parse_discourse(const std::string& value, std::vector<Relation>& out) {
  size_t pos = 0;
  while (pos < value.size()) {
    size_t end = value.find(';', pos);
    if (end == std::string::npos) end = value.size();
    std::string_view rel(value.data() + pos, end - pos);
    pos = end + 1;
    if (!rel.starts_with("attribution")) continue;
    size_t last_colon = rel.rfind(':');
    if (last_colon == std::string_view::npos) continue;
    std::string_view signals = rel.substr(last_colon + 1);
    Relation r;
    size_t s = 0;
    while (s < signals.size()) {
      size_t e = signals.find('+', s);
      if (e == std::string_view::npos) e = signals.size();
      std::string_view sig = signals.substr(s, e - s);
      s = e + 1;
      size_t d1 = sig.find('-'), d2 = d1 == std::string_view::npos ? d1 : sig.find('-', d1 + 1);
      if (d2 == std::string_view::npos) continue;
      std::string_view kind = sig.substr(0, d2);
      std::vector<int> idx = parse_indices(sig.substr(d2 + 1));
      if (kind == "lex-indwd")
        r.cue.insert(r.cue.end(), idx.begin(), idx.end());
      else if (kind == "sem-atsrc")
        r.source.insert(r.source.end(), idx.begin(), idx.end());
      else if (kind == "grf-qt")
        r.quoted = true;
    }
    out.push_back(std::move(r));
  }
}

// GUM entity brackets: "(3-person-giv:act-...)" a one-word mention, "(3-person-..." opens,
// "3)" closes. Fills the entity ids covering each word.
void parse_entities(const std::vector<std::string>& misc, std::vector<std::set<int>>& cover) {
  std::vector<int> open;
  cover.assign(misc.size(), {});
  for (size_t w = 0; w < misc.size(); ++w) {
    std::string v = misc_value(misc[w], "Entity");
    std::set<int> here(open.begin(), open.end());
    std::vector<int> closing;
    size_t i = 0;
    while (i < v.size()) {
      if (v[i] == '(') {
        size_t j = i + 1;
        while (j < v.size() && std::isdigit(static_cast<unsigned char>(v[j]))) ++j;
        int id = j > i + 1 ? std::stoi(v.substr(i + 1, j - i - 1)) : -1;
        size_t next = v.find_first_of("()", j);
        here.insert(id);
        if (next != std::string::npos && v[next] == ')') {
          i = next + 1;  // single-word mention
        } else {
          open.push_back(id);
          i = next == std::string::npos ? v.size() : next;
        }
      } else if (std::isdigit(static_cast<unsigned char>(v[i]))) {
        size_t j = i;
        while (j < v.size() && std::isdigit(static_cast<unsigned char>(v[j]))) ++j;
        if (j < v.size() && v[j] == ')') closing.push_back(std::stoi(v.substr(i, j - i)));
        i = j + 1;
      } else {
        ++i;
      }
    }
    cover[w] = here;
    for (int id : closing)
      if (auto it = std::find(open.rbegin(), open.rend(), id); it != open.rend())
        open.erase(std::next(it).base());
  }
}

}  // namespace

QuoteScores evaluate_quotes(const std::vector<conllu::Sentence>& gold, const Pipeline& analysis,
                            const std::string& doc_prefix, std::ostream* errors) {
  QuoteScores scores;
  size_t i = 0;
  std::string doc_id;
  while (i < gold.size()) {
    size_t j = i + 1;
    if (gold[i].newdoc) doc_id = gold[i].newdoc_id;
    while (j < gold.size() && !gold[j].newdoc) ++j;
    if (!doc_prefix.empty() && !doc_id.starts_with(doc_prefix)) {
      i = j;
      continue;
    }
    std::vector<conllu::Sentence> doc(gold.begin() + i, gold.begin() + j);
    i = j;
    ++scores.docs;
    std::vector<std::string> misc;
    for (const auto& s : doc)
      for (const auto& w : s.words) misc.push_back(w.misc);
    std::vector<Relation> relations;
    for (const std::string& m : misc)
      if (std::string d = misc_value(m, "Discourse"); !d.empty()) parse_discourse(d, relations);
    std::vector<std::set<int>> entities;
    parse_entities(misc, entities);

    Article a = nlp::gold_article(doc, false);
    analysis.process(a);
    auto words_in = [&](Span s) {
      std::vector<int> out;
      for (size_t w = 0; w < a.words.size(); ++w)
        if (a.words[w].span.start < s.end && s.start < a.words[w].span.end)
          out.push_back(static_cast<int>(w));
      return out;
    };
    std::set<int> gold_cues;
    for (const Relation& r : relations) gold_cues.insert(r.cue.begin(), r.cue.end());
    struct Predicted {
      std::vector<int> cue, speaker;
      std::set<int> speaker_entities;
    };
    std::vector<Predicted> predicted;
    for (const Quote& q : a.quotes) {
      if (q.cue.size() == 0) continue;
      Predicted p;
      p.cue = words_in(q.cue);
      if (q.speaker.size()) p.speaker = words_in(q.speaker);
      std::vector<Span> spans;
      if (q.speaker.size()) spans.push_back(q.speaker);
      if (q.speaker_actor >= 0)
        for (uint32_t m : a.actors[q.speaker_actor].mentions) spans.push_back(a.mentions[m].span);
      for (Span s : spans)
        for (int w : words_in(s))
          if (static_cast<size_t>(w) < entities.size())
            p.speaker_entities.insert(entities[w].begin(), entities[w].end());
      ++scores.predicted;
      bool correct =
          std::any_of(p.cue.begin(), p.cue.end(), [&](int w) { return gold_cues.count(w) > 0; });
      scores.predicted_correct += correct;
      if (!correct && errors) {
        std::string cue;
        for (int w : p.cue) cue += std::string(a.word_text(static_cast<uint32_t>(w))) + " ";
        *errors << doc_id << ": extra cue \"" << cue << "\" reporting \""
                << a.view(q.span).substr(0, 60) << "\"\n";
      }
      predicted.push_back(std::move(p));
    }
    for (const Relation& r : relations) {
      if (r.cue.empty()) continue;
      ++scores.gold;
      scores.gold_quoted += r.quoted;
      const Predicted* match = nullptr;
      for (const Predicted& p : predicted)
        for (int w : p.cue)
          if (std::find(r.cue.begin(), r.cue.end(), w) != r.cue.end()) match = &p;
      auto context = [&](const std::vector<int>& idx) {
        std::string out;
        for (int w : idx)
          if (w >= 0 && static_cast<size_t>(w) < a.words.size())
            out += std::string(a.word_text(w)) + " ";
        return out;
      };
      if (!match) {
        if (errors)
          *errors << doc_id << ": missed cue \"" << context(r.cue) << "\" source \""
                  << context(r.source) << "\"\n";
        continue;
      }
      ++scores.found;
      scores.found_quoted += r.quoted;
      std::set<int> gold_entities;
      for (int w : r.source)
        if (w >= 0 && static_cast<size_t>(w) < entities.size())
          gold_entities.insert(entities[w].begin(), entities[w].end());
      bool same_words = std::any_of(match->speaker.begin(), match->speaker.end(), [&](int w) {
        return std::find(r.source.begin(), r.source.end(), w) != r.source.end();
      });
      bool same_entity = std::any_of(gold_entities.begin(), gold_entities.end(), [&](int e) {
        return e >= 0 && match->speaker_entities.count(e) > 0;
      });
      if (same_words || same_entity) {
        ++scores.speaker_correct;
        scores.speaker_correct_quoted += r.quoted;
      } else if (errors) {
        *errors << doc_id << ": wrong speaker for \"" << context(r.cue) << "\": gold \""
                << context(r.source) << "\", Parley \"" << context(match->speaker) << "\"\n";
      }
    }
  }
  return scores;
}

}  // namespace parley::eval
