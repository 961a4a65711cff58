// `parley code`: the whole chain — actors, events, quotes, claims, positions and divergences —
// written as Parley JSON lines, a flat CSV, GDELT 2.0 event rows, PLOVER JSON or a table.
#include <iostream>

#include "commands.hpp"
#include "input_options.hpp"

namespace parley::cli {

void add_code_command(CLI::App& app) {
  auto* cmd = app.add_subcommand(
      "code", "Code events, quotes, claims and positions; one record per article");
  auto args = std::make_shared<InputArgs>();
  auto format = std::make_shared<std::string>("jsonl");
  add_input_options(cmd, *args);
  cmd->add_option("-f,--format", *format, "jsonl, csv, gdelt, plover or table")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "json", "csv", "gdelt", "plover", "table"}));
  add_analysis_options(cmd, *args, Stage::Attribution);
  cmd->callback([args, format] {
    const Analyzer analyzer = open_analyzer(*args, Stage::Attribution);
    if (*format == "csv") std::cout << Analyzer::csv_header();
    run_inputs(*args, analyzer.pipeline(),
               [&](Article& a) { std::cout << analyzer.format(a, *format); });
    std::cout.flush();
  });
}

}  // namespace parley::cli
