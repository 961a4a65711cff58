// `parley eval petrarch` and `parley eval tabari`: agreement with PETRARCH's and TABARI's
// validation suites, through the suites' own dictionaries read by Parley's PETRARCH/TABARI
// readers. `parley eval plover`: the PLOVER gold standard records through the standard pipeline.
#include <fmt/core.h>

#include <algorithm>
#include <iostream>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/actors/actor_dictionary.hpp"
#include "parley/actors/actor_resolver.hpp"
#include "parley/eval/petrarch_eval.hpp"
#include "parley/eval/plover_eval.hpp"
#include "parley/eval/tabari_eval.hpp"
#include "parley/extract/event_coder.hpp"
#include "parley/extract/petrarch_verbs.hpp"
#include "parley/nlp/parser.hpp"
#include "parley/nlp/tagger.hpp"
#include "parley/pipeline/standard.hpp"
#include "parley/resources.hpp"
#include "parley/text/segmenter.hpp"

namespace parley::cli {

namespace {

// Parley's parser and coder over a peer suite's own dictionaries only: actors and agents from
// `dictionaries` (no knowledge base), events from the converted verb file over Parley's frame
// families (and Parley's own patterns underneath with `with_parley`).
Pipeline dictionary_chain(const std::vector<std::string>& dictionaries, const std::string& verbs,
                          const std::string& discards, bool with_parley,
                          extract::PetrarchReadStats& stats) {
  auto dictionary = std::make_shared<ActorDictionary>();
  for (const auto& f : dictionaries) dictionary->add_file(f);
  auto lexicon = std::make_shared<extract::Lexicon>();
  if (with_parley)
    *lexicon = extract::Lexicon::load_default(default_data_dir());
  else
    lexicon->load_families(default_data_dir() + "/events/families.tsv");
  lexicon->override_with(extract::read_petrarch_verbs(verbs, &stats));
  std::vector<std::string> discard_warnings;
  if (!discards.empty()) lexicon->load_discards(discards, &discard_warnings);
  // What the readers skipped or repaired shows on stderr, as in `parley code`.
  std::vector<LoadWarnings> warnings;
  auto warn = [&](std::string path, size_t n, const std::vector<std::string>& all) {
    if (n == 0) return;
    warnings.push_back({std::move(path), n, {}});
    for (size_t i = 0; i < all.size() && i < 5; ++i) warnings.back().examples.push_back(all[i]);
  };
  warn("dictionaries", dictionary->warning_count(), dictionary->warnings());
  warn(verbs, stats.lines_with_problems, stats.problems);
  warn(discards, discard_warnings.size(), discard_warnings);
  print_load_warnings(warnings);
  auto gazetteer = std::make_shared<const Gazetteer>(Gazetteer::load(default_data_dir()));
  Pipeline chain;
  chain.add(std::make_shared<Segmenter>(Segmenter::load(default_model_dir())));
  chain.add(std::make_shared<nlp::Tagger>(nlp::Tagger::load(default_model_dir())));
  chain.add(std::make_shared<nlp::Parser>(nlp::Parser::load(default_model_dir())));
  chain.add(std::make_shared<ActorResolver>(gazetteer, ActorDictionaries{dictionary}));
  chain.add(std::make_shared<extract::EventCoder>(lexicon, gazetteer));
  return chain;
}

void print_verb_stats(const extract::PetrarchReadStats& stats) {
  fmt::print("verbs: {} patterns read, {} converted to {} Parley patterns, {} skipped\n",
             stats.patterns_read, stats.patterns_read - stats.patterns_skipped,
             stats.patterns_converted, stats.patterns_skipped);
  for (const auto& [reason, n] : stats.skipped_by_reason)
    fmt::print("  skipped: {:<36} {}\n", reason, n);
}

double pct(size_t x, size_t n) {
  return n ? 100.0 * x / n : 0.0;
}

}  // namespace

void add_eval_petrarch_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("petrarch",
                                  "Agreement with PETRARCH's validation records (codes and dyads)");
  struct Args {
    std::string records, verbs, discards;
    std::vector<std::string> actors, agents;
    bool with_parley = false;
    size_t errors = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--records", a->records, "PETRARCH validation XML")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--verbs", a->verbs, "PETRARCH/TABARI verb dictionary")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--actors", a->actors, "Actor dictionary file(s)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--agents", a->agents, "Agent dictionary file(s)")->check(CLI::ExistingFile);
  cmd->add_option("--discards", a->discards,
                  "Discard list: sentences (or stories, +PHRASE) that are not coded")
      ->check(CLI::ExistingFile);
  cmd->add_flag("--with-parley-lexicon", a->with_parley,
                "Add Parley's own patterns under the converted ones");
  cmd->add_option("--errors", a->errors, "Print this many failures with their category")
      ->capture_default_str();
  cmd->callback([a] {
    std::vector<std::string> dictionaries = a->actors;
    dictionaries.insert(dictionaries.end(), a->agents.begin(), a->agents.end());
    extract::PetrarchReadStats stats;
    Pipeline chain = dictionary_chain(dictionaries, a->verbs, a->discards, a->with_parley, stats);
    auto records = eval::read_petrarch_records(a->records);
    eval::PetrarchScores s =
        eval::evaluate_petrarch(records, chain, a->errors ? &std::cout : nullptr, a->errors);
    print_verb_stats(stats);
    fmt::print("records: {} ({} expecting a parser error skipped); {} with events, {} with none\n",
               s.records, s.skipped_error_records, s.event_records, s.noevent_records);
    fmt::print("agreement (record coded exactly as expected): {:.2f}%\n", s.agreement());
    fmt::print("  records with events exactly right: {}/{} ({:.2f}%)\n", s.event_records_exact,
               s.event_records, pct(s.event_records_exact, s.event_records));
    fmt::print("  no-event records right:            {}/{} ({:.2f}%)\n", s.noevent_records_right,
               s.noevent_records, pct(s.noevent_records_right, s.noevent_records));
    fmt::print(
        "expected codings found: exact triple {:.2f}%  code {:.2f}%  dyad {:.2f}%  "
        "dyad+root {:.2f}%  ({} expected, {} predicted)\n",
        pct(s.triple_hits, s.expected), pct(s.code_hits, s.expected), pct(s.dyad_hits, s.expected),
        pct(s.root_hits, s.expected), s.expected, s.predicted);
    fmt::print("by root (expected, exact):");
    for (const auto& [root, v] : s.by_root) fmt::print(" {}:{}/{}", root, v.second, v.first);
    fmt::print("\nfailures by category:\n");
    for (const auto& [c, n] : s.failures) fmt::print("  {:<40} {}\n", c, n);
  });
}

void add_eval_plover_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand("plover",
                                  "Agreement with the PLOVER gold standard records (type, actors)");
  auto records = std::make_shared<std::string>();
  auto errors = std::make_shared<size_t>(0);
  cmd->add_option("--records", *records, "PLOVER_GSR_CAMEO.txt (a JSON array of records)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--errors", *errors, "Print this many misses with the record's markup")
      ->capture_default_str();
  cmd->callback([records, errors] {
    eval::PloverRecords file = eval::read_plover_records(*records);
    Pipeline chain = standard_pipeline(Stage::Events, resolve_resources());
    extract::Ontology ontology = extract::Ontology::load(default_data_dir());
    eval::PloverScores s = eval::evaluate_plover(file.records, chain, ontology,
                                                 *errors ? &std::cout : nullptr, *errors);
    fmt::print("records: {} in the file, {} news sentences scored, {} excluded\n", file.total,
               file.records.size(), file.excluded.size());
    for (const auto& e : file.excluded) fmt::print("  excluded: {}\n", e);
    for (const auto& n : file.notes) fmt::print("  note: {}\n", n);
    if (file.trailing_commas) fmt::print("  {} trailing commas read past\n", file.trailing_commas);
    fmt::print(
        "2016 type names read as current ones: DEMAND -> REQUEST, DISAPPROVE -> ACCUSE, "
        "INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT\n");
    const eval::PloverCounts& t = s.total;
    auto line = [&](const char* what, size_t x) {
      fmt::print("{:<52} {:>3}/{} ({:.1f}%)\n", what, x, t.records,
                 eval::PloverScores::pct(x, t.records));
    };
    line("(a) records with an event (CAMEO root other than 01)", t.with_event);
    line("(b) records with an event of the gold PLOVER type", t.right_type);
    line("(c) ... and the gold source and target countries", t.right_actors);
    fmt::print("\n{:<11} {:>7} {:>7} {:>7} {:>7}\n", "gold type", "records", "(a)", "(b)", "(c)");
    for (const auto& [type, c] : s.by_type)
      fmt::print("{:<11} {:>7} {:>7} {:>7} {:>7}\n", type, c.records, c.with_event, c.right_type,
                 c.right_actors);
    fmt::print("{:<11} {:>7} {:>7} {:>7} {:>7}\n", "all", t.records, t.with_event, t.right_type,
               t.right_actors);
    fmt::print("\nmisses by category:\n");
    for (const auto& [c, n] : s.failures) fmt::print("  {:<40} {}\n", c, n);
    fmt::print("other types coded where the gold type was not (events):\n");
    std::vector<std::pair<size_t, std::string>> confusions;
    for (const auto& [what, n] : s.predicted_types) confusions.push_back({n, what});
    std::sort(confusions.rbegin(), confusions.rend());
    for (size_t i = 0; i < confusions.size() && i < 12; ++i)
      fmt::print("  {:<40} {}\n", confusions[i].second, confusions[i].first);
  });
}

void add_eval_tabari_command(CLI::App& eval) {
  auto* cmd = eval.add_subcommand(
      "tabari", "Agreement with TABARI's validation suite (records coded as expected)");
  struct Args {
    std::string validate, project;
    bool with_parley = false;
    size_t errors = 0;
  };
  auto a = std::make_shared<Args>();
  cmd->add_option("--validate", a->validate, "TABARI validation records (Validate.text)")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_option("--project", a->project,
                  "TABARI .project naming the actors, verbs, options and agents files")
      ->required()
      ->check(CLI::ExistingFile);
  cmd->add_flag("--with-parley-lexicon", a->with_parley,
                "Add Parley's own patterns under the converted ones");
  cmd->add_option("--errors", a->errors, "Print this many failures with their category")
      ->capture_default_str();
  cmd->callback([a] {
    eval::TabariProject project = eval::read_tabari_project(a->project);
    if (project.actors.empty() || project.verbs.empty())
      throw CLI::ValidationError("--project",
                                 a->project + " names no <actorsfile> or no <verbsfile>");
    std::vector<std::string> dictionaries{project.actors};
    if (!project.agents.empty()) dictionaries.push_back(project.agents);
    extract::PetrarchReadStats stats;
    Pipeline chain = dictionary_chain(dictionaries, project.verbs, "", a->with_parley, stats);
    eval::TabariSuite suite =
        eval::read_tabari_validation(a->validate, eval::read_tabari_options(project.options));
    eval::TabariScores s =
        eval::evaluate_tabari(suite, chain, a->errors ? &std::cout : nullptr, a->errors);
    fmt::print("project: actors {}, agents {}, verbs {}, options {}\n", project.actors,
               project.agents.empty() ? "-" : project.agents, project.verbs,
               project.options.empty() ? "-" : project.options);
    print_verb_stats(stats);
    fmt::print("records: {} before the end marker {} ({} debugging records after it, not run)\n",
               s.records, suite.end_id.empty() ? "(none)" : suite.end_id, suite.records_after_end);
    fmt::print(
        "  {} with events, {} with none {{---}}, {} discarded {{###}}, {} complex {{+++}}, "
        "{} option records, {} unchecked (-{{ only)\n",
        s.event_records, s.noevent_records, s.discard_records, s.complex_records, s.option_records,
        s.unchecked_records);
    fmt::print(
        "agreement (record coded exactly as expected, over the {} with events, none or discard): "
        "{:.2f}%\n",
        s.scored(), pct(s.right(), s.scored()));
    fmt::print("  records with events exactly right: {}/{} ({:.2f}%)\n", s.event_records_exact,
               s.event_records, pct(s.event_records_exact, s.event_records));
    fmt::print("  no-event records right:            {}/{}\n", s.noevent_records_right,
               s.noevent_records);
    fmt::print("  discard records with no event:     {}/{}\n", s.discard_records_right,
               s.discard_records);
    fmt::print(
        "  not Parley rules: the dictionaries' '###' discard codes, TABARI's default elimination "
        "of comma-delimited clauses and its eight-word minimum\n");
    fmt::print(
        "expected triples found: exact {:.2f}%  code {:.2f}%  dyad {:.2f}%  ({} expected, {} "
        "predicted)\n",
        pct(s.triple_hits, s.expected), pct(s.code_hits, s.expected), pct(s.dyad_hits, s.expected),
        s.expected, s.predicted);
    fmt::print(
        "complex records {{+++}}, not scored: Parley has no complexity limits and does not act on "
        "'+++' dictionary codes; it coded events in {} of {}\n",
        s.complex_records_coded, s.complex_records);
    fmt::print(
        "option records, not applied: Parley reads no TABARI .options commands (DEFAULT actors, "
        "COMMA clauses, MINIMUM WORDS, TIME SHIFT, CODE BY, FORWARD...):\n");
    for (const auto& r : suite.records)
      for (const auto& o : r.options) fmt::print("  {:<18} {}\n", r.id, o);
    fmt::print("  records scored while a changed option was in force: {} ({} right)\n",
               s.scored_under_options, s.right_under_options);
    fmt::print("failures by category:\n");
    for (const auto& [c, n] : s.failures) fmt::print("  {:<46} {}\n", c, n);
  });
}

}  // namespace parley::cli
