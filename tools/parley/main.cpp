#include <iostream>

#include "commands.hpp"

int main(int argc, char** argv) {
  CLI::App app{"Parley: structured, source-attributed data about conflicts and negotiations"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "parley 0.1.0");
  parley::cli::add_tokenize_command(app);
  parley::cli::add_actors_command(app);
  parley::cli::add_code_command(app);
  parley::cli::add_corpus_commands(app);
  parley::cli::add_parse_command(app);
  parley::cli::add_resources_command(app);
  parley::cli::add_ingest_command(app);
  parley::cli::add_query_command(app);
  CLI::App* train = app.add_subcommand("train", "Train a model from gold data");
  train->require_subcommand(1);
  parley::cli::add_train_segmenter_command(*train);
  parley::cli::add_train_tagger_command(*train);
  parley::cli::add_train_parser_command(*train);
  parley::cli::add_train_ner_command(*train);
  parley::cli::add_train_clusters_command(*train);
  CLI::App* eval = app.add_subcommand("eval", "Score a component against gold data");
  eval->require_subcommand(1);
  parley::cli::add_eval_tokenize_command(*eval);
  parley::cli::add_eval_parse_command(*eval);
  parley::cli::add_eval_quotes_command(*eval);
  parley::cli::add_eval_stance_command(*eval);
  parley::cli::add_eval_triggers_command(*eval);
  parley::cli::add_eval_petrarch_command(*eval);
  parley::cli::add_eval_tabari_command(*eval);
  parley::cli::add_eval_plover_command(*eval);
  parley::cli::add_eval_ner_command(*eval);
  parley::cli::add_eval_coref_command(*eval);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // CLI11 exits with its own codes (105 bad value, 106 missing argument, 109 unknown
    // option); a usage error is 1, as the README promises. --help and --version stay 0.
    return app.exit(e) == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::cerr << "parley: " << e.what() << '\n';
    return 1;
  }
  // Output is buffered: a write error may only show when the last of it is flushed.
  errno = 0;
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "parley: " << parley::cli::OutputError::describe(errno) << '\n';
    return 1;
  }
  return parley::cli::exit_code;
}
