// `parley eval triggers`: recall of event triggers against ECB+ gold action mentions.
#include <fmt/core.h>

#include <iostream>
#include <map>

#include "commands.hpp"
#include "parley/actors/gazetteer.hpp"
#include "parley/eval/trigger_eval.hpp"
#include "parley/extract/lexicon.hpp"
#include "parley/pipeline/standard.hpp"
#include "parley/resources.hpp"

namespace parley::cli {

void add_eval_triggers_command(CLI::App& eval) {
  auto* cmd =
      eval.add_subcommand("triggers", "Recall of event triggers against ECB+ gold action mentions");
  auto dir = std::make_shared<std::string>();
  auto misses = std::make_shared<size_t>(0);
  auto per_lemma = std::make_shared<size_t>(0);
  auto progress = std::make_shared<bool>(false);
  cmd->add_option("--ecb", *dir,
                  "ECB+ folder with ECBplus-xml.tar.gz and ECBplus_coreference_sentences.csv")
      ->required()
      ->check(CLI::ExistingDirectory);
  cmd->add_option("--misses", *misses,
                  "Print this many missed gold triggers, most often missed lemmas first");
  cmd->add_option("--per-lemma", *per_lemma,
                  "With --misses: at most this many examples per lemma (0 = all)");
  cmd->add_flag("--progress", *progress, "Report progress on stderr");
  cmd->callback([dir, misses, per_lemma, progress] {
    Pipeline chain = standard_pipeline(Stage::Events, resolve_resources());
    extract::Lexicon lexicon = extract::Lexicon::load_default(default_data_dir());
    eval::TriggerScores s =
        eval::evaluate_ecb_triggers(*dir, chain, lexicon, *progress ? &std::cerr : nullptr);
    fmt::print("ECB+ {}: {} documents in the archive, {} selected sentences scored", *dir,
               s.documents, s.sentences);
    if (s.missing_sentences) fmt::print(" ({} listed sentences not found)", s.missing_sentences);
    fmt::print("\n\n{:<24} {:>6} {:>8} {:>8} {:>9} {:>9}\n", "gold action type", "gold", "coded",
               "lexicon", "coded R%", "lexicon R%");
    auto row = [](const std::string& name, const eval::TriggerCounts& c) {
      fmt::print("{:<24} {:>6} {:>8} {:>8} {:>9.1f} {:>9.1f}\n", name, c.gold, c.coded, c.lexicon,
                 eval::TriggerScores::pct(c.coded, c.gold),
                 eval::TriggerScores::pct(c.lexicon, c.gold));
    };
    for (const auto& [tag, c] : s.by_tag) row(tag, c);
    row("all", s.total);
    fmt::print("\ncoded trigger recall   {:.1f}% ({} of {} gold action mentions)\n",
               s.coded_recall(), s.total.coded, s.total.gold);
    fmt::print("lexicon match recall   {:.1f}% ({} of {})\n", s.lexicon_recall(), s.total.lexicon,
               s.total.gold);
    fmt::print("coded trigger precision {:.1f}% ({} of {} coded triggers are on a gold action)\n",
               s.trigger_precision(), s.triggers_on_gold, s.triggers);
    fmt::print(
        "lexicon word precision  {:.1f}% ({} of {} lexicon-matched words are on a gold action)\n",
        eval::TriggerScores::pct(s.lexicon_words_on_gold, s.lexicon_words), s.lexicon_words_on_gold,
        s.lexicon_words);
    if (*misses == 0) return;
    std::map<std::string, size_t> counts;
    std::vector<eval::TriggerMiss> sorted = eval::misses_by_lemma_frequency(s.misses, &counts);
    fmt::print(
        "\nmissed gold triggers, most often missed lemmas first ('lex' = the lexicon has the "
        "lemma):\n");
    fmt::print("{:>5} {:<16} {:<3} {:<22} {:<20} {}\n", "n", "lemma", "", "type", "words",
               "doc/sentence: text");
    size_t printed = 0, same = 0;
    std::string last;
    for (const auto& m : sorted) {
      if (printed >= *misses) break;
      same = m.lemma == last ? same + 1 : 1;
      last = m.lemma;
      if (*per_lemma && same > *per_lemma) continue;
      fmt::print("{:>5} {:<16} {:<3} {:<22} {:<20} {}/{}: {}\n", counts[m.lemma], m.lemma,
                 m.in_lexicon ? "lex" : "", m.tag, m.words, m.doc, m.sentence, m.text);
      ++printed;
    }
  });
}

}  // namespace parley::cli
