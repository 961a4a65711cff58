#include "commands.hpp"
namespace parley::cli {
void add_tokenize_command(CLI::App& app) { app.add_subcommand("tokenize", "Split articles into sentences and tokens"); }
}
