// `parley code`: the whole chain — actors, events, quotes, claims, positions and divergences —
// written as Parley JSON lines, a flat CSV, GDELT 2.0 event rows, PLOVER JSON or a table.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/actors/gazetteer.hpp"
#include "parley/export/coded.hpp"
#include "parley/extract/ontology.hpp"
#include "parley/pipeline/standard.hpp"

namespace parley::cli {

void add_code_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("code", "Code events, quotes, claims and positions; one record per article");
  auto args = std::make_shared<InputArgs>();
  auto format = std::make_shared<std::string>("jsonl");
  auto data = std::make_shared<std::string>();
  auto lexicons = std::make_shared<std::vector<std::string>>();
  add_input_options(cmd, *args);
  cmd->add_option("-f,--format", *format, "jsonl, csv, gdelt, plover or table")
      ->capture_default_str()
      ->check(CLI::IsMember({"jsonl", "json", "csv", "gdelt", "plover", "table"}));
  cmd->add_option("--data", *data, "Data directory (default: the bundled data)");
  cmd->add_option("--lexicon", *lexicons, "Extra event patterns (Parley lexicon format); override built-ins")
      ->check(CLI::ExistingFile);
  auto extra = std::make_shared<StandardOptions>();
  cmd->add_option("--petrarch-verbs", extra->petrarch_verbs, "PETRARCH/TABARI verb dictionary; overrides built-ins")
      ->check(CLI::ExistingFile);
  cmd->add_option("--discards", extra->discards, "PETRARCH/TABARI discard list")->check(CLI::ExistingFile);
  cmd->add_option("--dict", extra->actor_dicts, "PETRARCH/TABARI actor or agent dictionary; overrides built-ins")
      ->check(CLI::ExistingFile);
  cmd->callback([args, format, data, lexicons, extra] {
    StandardOptions options = *extra;
    options.model_dir = args->models;
    options.data_dir = *data;
    options.lexicons = *lexicons;
    std::vector<LoadWarnings> warnings;
    options.warnings = &warnings;
    Pipeline pipeline = standard_pipeline(Stage::Attribution, options);
    print_load_warnings(warnings);
    extract::Ontology ontology = extract::Ontology::load(data->empty() ? default_data_dir() : *data);
    exporter::Format f = exporter::parse_format(*format);
    if (f == exporter::Format::Csv) std::cout << exporter::csv_header();
    run_inputs(*args, pipeline, [&](Article& a) {
      switch (f) {
        case exporter::Format::Jsonl: std::cout << exporter::coded_json(a, ontology) << '\n'; break;
        case exporter::Format::Csv: std::cout << exporter::csv_rows(a, ontology); break;
        case exporter::Format::Gdelt: std::cout << exporter::gdelt_rows(a, ontology); break;
        case exporter::Format::Plover: std::cout << exporter::plover_rows(a, ontology); break;
        case exporter::Format::Table: std::cout << exporter::table(a, ontology); break;
      }
    });
    std::cout.flush();
  });
}

}  // namespace parley::cli
