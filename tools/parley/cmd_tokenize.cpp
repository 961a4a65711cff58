// `parley tokenize`: articles in, sentences and tokens out (CoNLL-U or JSON lines).
#include <iostream>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/export/json.hpp"
#include "parley/text/conllu.hpp"

namespace parley::cli {

void add_tokenize_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("tokenize", "Split articles into sentences, tokens and words");
  auto args = std::make_shared<InputArgs>();
  auto format = std::make_shared<std::string>("conllu");
  add_input_options(cmd, *args);
  cmd->add_option("-f,--format", *format, "conllu or json (one object per article)")
      ->capture_default_str()
      ->check(CLI::IsMember({"conllu", "json", "jsonl"}));
  cmd->callback([args, format] {
    const Analyzer analyzer = open_analyzer(*args, Stage::Segment);
    std::ios::sync_with_stdio(false);
    const bool conllu = *format == "conllu";
    run_inputs(*args, analyzer.pipeline(), [&](Article& a) {
      if (conllu)
        conllu::write_article(std::cout, a);
      else
        json::write_article(std::cout, a);
    });
    std::cout.flush();
  });
}

}  // namespace parley::cli
