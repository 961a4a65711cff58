#include "input_options.hpp"

#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.hpp"

namespace parley::cli {

namespace {
double load_seconds = 0;  // the last open_analyzer()'s, for --profile

void print_profile(const PipelineStats& stats) {
  double total = load_seconds;
  for (const StageTime& s : stats.stages) total += s.seconds;
  auto row = [&](const std::string& name, double seconds) {
    char line[160];
    const double words_per_s = seconds > 0 ? static_cast<double>(stats.words) / seconds : 0;
    std::snprintf(line, sizeof line, "  %-12s %9.3f s %6.1f%% %14.0f words/s\n", name.c_str(),
                  seconds, total > 0 ? 100 * seconds / total : 0.0, words_per_s);
    std::cerr << line;
  };
  std::cerr << "parley: profile: " << stats.articles << " article(s), " << stats.words
            << " words; time per stage (summed over threads):\n";
  row("start-up", load_seconds);
  for (const StageTime& s : stats.stages) row(s.name, s.seconds);
  row("total", total);
}
}  // namespace

void add_input_options(CLI::App* cmd, InputArgs& a) {
  cmd->add_option("inputs", a.paths, "Files or directories (recursive); - for stdin")->required();
  cmd->add_option("--input-format", a.format, "auto, text, jsonl, html or warc (gzip is detected)")
      ->capture_default_str()
      ->check(CLI::IsMember({"auto", "text", "txt", "jsonl", "json", "html", "warc"}));
  cmd->add_option("--text-field", a.ingest.text_field, "JSON lines: field holding the text")
      ->capture_default_str();
  cmd->add_option("--title-field", a.ingest.title_field, "JSON lines: title field")
      ->capture_default_str();
  cmd->add_option("--date-field", a.ingest.date_field, "JSON lines: date field")
      ->capture_default_str();
  cmd->add_option("--url-field", a.ingest.url_field, "JSON lines: URL field")
      ->capture_default_str();
  cmd->add_option("--source-field", a.ingest.source_field, "JSON lines: outlet field")
      ->capture_default_str();
  cmd->add_option("--source", a.ingest.source,
                  "Outlet name for every article (overrides the input)");
  cmd->add_option("--date", a.ingest.date, "Publication date for every article (YYYY-MM-DD)");
  cmd->add_option("--url", a.ingest.url, "URL for every article");
  cmd->add_option("--title", a.ingest.title, "Title for every article");
  cmd->add_option("--max-bytes", a.ingest.max_article_bytes, "Skip articles larger than this")
      ->capture_default_str()
      ->check(CLI::Range(uint64_t{1}, uint64_t{1} << 34));
  cmd->add_option("-j,--threads", a.threads, "Worker threads")
      ->capture_default_str()
      ->check(CLI::Range(1, 256));
  cmd->add_flag("--progress", a.progress, "Always show progress on stderr");
  cmd->add_flag("--no-progress", a.no_progress, "Never show progress");
  cmd->add_flag("--profile", a.profile,
                "Print the time of each stage on stderr: start-up, reading, every component, "
                "output");
  cmd->add_option("--models", a.models, "Model directory (default: see `parley resources`)");
}

void add_analysis_options(CLI::App* cmd, InputArgs& a, Stage last) {
  if (last < Stage::Actors) return;
  cmd->add_option("--data", a.data, "Data directory (default: see `parley resources`)");
  cmd->add_option("--dict", a.actor_dicts,
                  "PETRARCH/TABARI actor or agent dictionary (repeatable; overrides the built-in "
                  "tables, later files override earlier ones)")
      ->check(CLI::ExistingFile);
  if (last < Stage::Events) return;
  cmd->add_option("--lexicon", a.lexicons,
                  "Extra event patterns (Parley lexicon format); override built-ins")
      ->check(CLI::ExistingFile);
  cmd->add_option("--petrarch-verbs", a.petrarch_verbs,
                  "PETRARCH/TABARI verb dictionary; overrides built-ins")
      ->check(CLI::ExistingFile);
  cmd->add_option("--discards", a.discards, "PETRARCH/TABARI discard list")
      ->check(CLI::ExistingFile);
}

Analyzer open_analyzer(const InputArgs& a, Stage last) {
  AnalyzerOptions options;
  options.models = a.models;
  options.data = a.data;
  options.lexicons = a.lexicons;
  options.petrarch_verbs = a.petrarch_verbs;
  options.discards = a.discards;
  options.actor_dicts = a.actor_dicts;
  options.last = last;
  const auto t0 = std::chrono::steady_clock::now();
  Analyzer analyzer(options);
  load_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  print_load_warnings(analyzer.load_warnings());
  return analyzer;
}

void print_load_warnings(const std::vector<LoadWarnings>& warnings) {
  for (const LoadWarnings& w : warnings) {
    std::cerr << "parley: warning: " << w.path << ": " << w.count
              << " problem(s), lines skipped or repaired"
              << (w.count > w.examples.size() ? ", first:" : ":") << '\n';
    for (const std::string& e : w.examples) std::cerr << "  " << e << '\n';
  }
}

PipelineStats run_inputs(const InputArgs& args, const Pipeline& pipeline,
                         const std::function<void(Article&)>& sink) {
  IngestOptions opts = args.ingest;
  opts.format = *parse_input_format(args.format);
  ArticleReader reader(args.paths, opts);
  PipelineOptions popts;
  popts.threads = args.threads;
  popts.batch_articles = args.batch_articles;
  popts.progress = args.no_progress ? Progress::Mode::kNever
                   : args.progress  ? Progress::Mode::kAlways
                                    : Progress::Mode::kAuto;
  popts.profile = args.profile;
  // Output that cannot be written (a full disk, > /dev/full) ends the run at once: going on
  // would only code articles nobody receives.
  auto checked_sink = [&](Article& a) {
    sink(a);
    if (!std::cout) throw OutputError();
  };
  PipelineStats stats = pipeline.run(reader, checked_sink, popts, [](const IngestError& e) {
    std::cerr << (e.warning ? "parley: warning: " : "parley: skipped ") << e.to_string() << '\n';
  });
  if (args.profile) print_profile(stats);
  if (stats.skipped > 0) {
    std::cerr << "parley: " << stats.articles << " article(s) done, " << stats.skipped
              << " input(s) skipped\n";
    exit_code = 2;
  }
  return stats;
}

}  // namespace parley::cli
