// `parley eval petrarch`: agreement with PETRARCH's validation suite, through the suite's own
// dictionaries read by Parley's PETRARCH readers.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/actors/actor_dictionary.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/eval/petrarch_eval.hpp"
#include "parley/extract/event_coder.hpp"
#include "parley/extract/petrarch_verbs.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::cli {

void add_eval_petrarch_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("petrarch", "Agreement with PETRARCH's validation records (codes and dyads)");
  struct Args {
    std::string records, verbs, discards;
    std::vector<std::string> actors, agents;
    bool with_parley = false;
    size_t errors = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--records", a->records, "PETRARCH validation XML")->required()->check(CLI::ExistingFile);
  cmd->add_option("--verbs", a->verbs, "PETRARCH/TABARI verb dictionary")->required()->check(CLI::ExistingFile);
  cmd->add_option("--actors", a->actors, "Actor dictionary file(s)")->required()->check(CLI::ExistingFile);
  cmd->add_option("--agents", a->agents, "Agent dictionary file(s)")->check(CLI::ExistingFile);
  cmd->add_option("--discards", a->discards, "Discard list: sentences (or stories, +PHRASE) that are not coded")->check(CLI::ExistingFile);
  cmd->add_flag("--with-parley-lexicon", a->with_parley, "Add Parley's own patterns under the converted ones");
  cmd->add_option("--errors", a->errors, "Print this many failures with their category")->capture_default_str();
  cmd->callback([a] {
    auto dictionary = std::make_shared<ActorDictionary>();
    for (const auto& f : a->actors) dictionary->add_file(f);
    for (const auto& f : a->agents) dictionary->add_file(f);
    extract::PetrarchReadStats stats;
    auto lexicon = std::make_shared<extract::Lexicon>();
    if (a->with_parley) *lexicon = extract::Lexicon::load_default(default_data_dir());
    else lexicon->load_families(default_data_dir() + "/events/families.tsv");
    lexicon->override_with(extract::read_petrarch_verbs(a->verbs, &stats));
    std::vector<std::string> discard_warnings;
    if (!a->discards.empty()) lexicon->load_discards(a->discards, &discard_warnings);
    // What the readers skipped or repaired shows on stderr, as in `parley code`.
    std::vector<LoadWarnings> warnings;
    auto warn = [&](std::string path, size_t n, const std::vector<std::string>& all) {
      if (n == 0) return;
      warnings.push_back({std::move(path), n, {}});
      for (size_t i = 0; i < all.size() && i < 5; ++i) warnings.back().examples.push_back(all[i]);
    };
    warn("dictionaries", dictionary->warning_count(), dictionary->warnings());
    warn(a->verbs, stats.lines_with_problems, stats.problems);
    warn(a->discards, discard_warnings.size(), discard_warnings);
    print_load_warnings(warnings);
    auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::load(default_data_dir()));
    Pipeline chain;
    chain.add(std::make_shared<Segmenter>(Segmenter::load(default_model_dir())));
    chain.add(std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir())));
    chain.add(std::make_shared<nlp::Parser>(nlp::Parser::load(default_model_dir())));
    chain.add(std::make_shared<ActorResolver>(gazetteer, ActorDictionaries{dictionary}));
    chain.add(std::make_shared<extract::EventCoder>(lexicon, gazetteer));
    auto records = eval::read_petrarch_records(a->records);
    eval::PetrarchScores s = eval::evaluate_petrarch(records, chain, a->errors ? &std::cout : nullptr, a->errors);
    fmt::print("verbs: {} patterns read, {} converted to {} Parley patterns, {} skipped\n", stats.patterns_read,
               stats.patterns_read - stats.patterns_skipped, stats.patterns_converted, stats.patterns_skipped);
    for (const auto& [reason, n] : stats.skipped_by_reason) fmt::print("  skipped: {:<36} {}\n", reason, n);
    fmt::print("records: {} ({} expecting a parser error skipped); {} with events, {} with none\n", s.records,
               s.skipped_error_records, s.event_records, s.noevent_records);
    auto pct = [](size_t x, size_t n) { return n ? 100.0 * x / n : 0.0; };
    fmt::print("agreement (record coded exactly as expected): {:.2f}%\n", s.agreement());
    fmt::print("  records with events exactly right: {}/{} ({:.2f}%)\n", s.event_records_exact, s.event_records,
               pct(s.event_records_exact, s.event_records));
    fmt::print("  no-event records right:            {}/{} ({:.2f}%)\n", s.noevent_records_right, s.noevent_records,
               pct(s.noevent_records_right, s.noevent_records));
    fmt::print("expected codings found: exact triple {:.2f}%  code {:.2f}%  dyad {:.2f}%  dyad+root {:.2f}%  ({} expected, {} "
               "predicted)\n",
               pct(s.triple_hits, s.expected), pct(s.code_hits, s.expected), pct(s.dyad_hits, s.expected),
               pct(s.root_hits, s.expected), s.expected, s.predicted);
    fmt::print("by root (expected, exact):");
    for (const auto& [root, v] : s.by_root) fmt::print(" {}:{}/{}", root, v.second, v.first);
    fmt::print("\nfailures by category:\n");
    for (const auto& [c, n] : s.failures) fmt::print("  {:<40} {}\n", c, n);
  });
}

}  // namespace parley::cli
