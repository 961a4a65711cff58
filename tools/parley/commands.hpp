// Each `parley` sub-command lives in its own file and registers itself here; the CLI is a thin
// shell: it parses options, builds a pipeline from libparley and prints what it returns.
#pragma once

#include <CLI/CLI.hpp>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string>

namespace parley::cli {

// Top-level commands.
void add_tokenize_command(CLI::App& app);
void add_actors_command(CLI::App& app);
void add_code_command(CLI::App& app);            // cmd_code.cpp
void add_corpus_commands(CLI::App& app);         // cmd_corpus.cpp: positions, diverge
void add_resources_command(CLI::App& app);       // cmd_resources.cpp
void add_ingest_command(CLI::App& app);          // cmd_store.cpp
void add_query_command(CLI::App& app);           // cmd_store.cpp
void add_serve_command(CLI::App& app);           // cmd_serve.cpp: HTTP API and dashboard
void add_eval_quotes_command(CLI::App& eval);    // cmd_eval_quotes.cpp
void add_eval_stance_command(CLI::App& eval);    // cmd_eval_quotes.cpp
void add_eval_triggers_command(CLI::App& eval);  // cmd_eval_triggers.cpp: ECB+ trigger recall
void add_eval_petrarch_command(CLI::App& eval);  // cmd_eval_events.cpp
void add_eval_tabari_command(CLI::App& eval);    // cmd_eval_events.cpp
void add_eval_plover_command(CLI::App& eval);    // cmd_eval_events.cpp
// `parley train <what>` and `parley eval <what>` group their sub-commands.
void add_train_segmenter_command(CLI::App& train);
void add_eval_tokenize_command(CLI::App& eval);
// The nlp stage: tagger, lemmatizer and parser (cmd_nlp.cpp).
void add_parse_command(CLI::App& app);
void add_train_tagger_command(CLI::App& train);
void add_train_parser_command(CLI::App& train);
void add_eval_parse_command(CLI::App& eval);
// Named entities and coreference of the actors stage (cmd_ner.cpp).
void add_train_ner_command(CLI::App& train);
void add_train_clusters_command(CLI::App& train);  // cmd_clusters.cpp
void add_eval_ner_command(CLI::App& eval);
void add_eval_coref_command(CLI::App& eval);

}  // namespace parley::cli

namespace parley::cli {
// Process exit status for the command that ran: 0 ok, 2 when some input was skipped.
inline int exit_code = 0;

// Standard output failed (a full disk, > /dev/full); main reports it and exits with 1.
struct OutputError : std::runtime_error {
  OutputError() : std::runtime_error(describe(errno)) {}
  static std::string describe(int err) {
    return std::string("cannot write the output") +
           (err ? std::string(": ") + std::strerror(err) : "");
  }
};
}  // namespace parley::cli
