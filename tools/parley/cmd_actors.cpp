// `parley actors`: the actor registry of each article.
#include <fmt/core.h>

#include <iostream>

#include "commands.hpp"
#include "input_options.hpp"
#include "parley/export/json.hpp"

namespace parley::cli {

namespace {

void print_table(const Article& a) {
  fmt::print("# {}  {}\n", a.id, a.title.empty() ? a.origin.path : a.title);
  fmt::print("{:<34} {:<10} {:<7} {:<6} {:<5} {}\n", "actor", "code", "country", "sector", "type",
             "mentions");
  for (const Actor& actor : a.actors) {
    std::string mentions;
    for (uint32_t m : actor.mentions) {
      const Mention& x = a.mentions[m];
      std::string text(a.view(x.span));
      for (char& c : text)
        if (c == '\n') c = ' ';
      if (!mentions.empty()) mentions += "; ";
      mentions += fmt::format("\"{}\" {}-{}", text, x.span.start, x.span.end);
    }
    fmt::print("{:<34} {:<10} {:<7} {:<6} {:<5} {}\n", actor.name, actor.code,
               actor.country.empty() ? "-" : actor.country,
               actor.sector.empty() ? "-" : actor.sector, actor.type, mentions);
  }
  fmt::print("\n");
}

void print_json(const Article& a) {
  std::string out = "{\"id\":";
  json::append_string(out, a.id);
  out += ",\"title\":";
  json::append_string(out, a.title);
  out += ",\"actors\":[";
  for (size_t i = 0; i < a.actors.size(); ++i) {
    const Actor& x = a.actors[i];
    if (i) out += ',';
    out += "{\"id\":" + std::to_string(i) + ",\"name\":";
    json::append_string(out, x.name);
    out += ",\"code\":";
    json::append_string(out, x.code);
    out += ",\"country\":";
    json::append_string(out, x.country);
    out += ",\"sector\":";
    json::append_string(out, x.sector);
    out += ",\"type\":";
    json::append_string(out, x.type);
    if (x.presumed) out += ",\"presumed\":true";
    out += ",\"mentions\":[";
    for (size_t k = 0; k < x.mentions.size(); ++k) {
      const Mention& m = a.mentions[x.mentions[k]];
      if (k) out += ',';
      out += "{\"start\":" + std::to_string(m.span.start) +
             ",\"end\":" + std::to_string(m.span.end) +
             ",\"sentence\":" + std::to_string(m.sentence) + ",\"text\":";
      json::append_string(out, a.view(m.span));
      out += ",\"kind\":";
      json::append_string(out, m.kind);
      out += '}';
    }
    out += "]}";
  }
  out += "]}\n";
  std::cout << out;
}

}  // namespace

void add_actors_command(CLI::App& app) {
  auto* cmd = app.add_subcommand("actors", "List each article's actors: names, codes, mentions");
  auto args = std::make_shared<InputArgs>();
  auto format = std::make_shared<std::string>("table");
  add_input_options(cmd, *args);
  cmd->add_option("-f,--format", *format, "table or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"table", "json"}));
  add_analysis_options(cmd, *args, Stage::Actors);
  cmd->callback([args, format] {
    // The same builder as `parley code` (tagger, parser, recognizer, resolver): both commands
    // give one article the same actors. (`parley code` may add actors no mention names: the
    // agents the event coder infers, "was arrested" -> the police.)
    const Analyzer analyzer = open_analyzer(*args, Stage::Actors);
    run_inputs(*args, analyzer.pipeline(), [&](Article& a) {
      if (*format == "json")
        print_json(a);
      else
        print_table(a);
    });
    std::cout.flush();
  });
}

}  // namespace parley::cli
