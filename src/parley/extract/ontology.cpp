#include "parley/extract/ontology.hpp"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <fstream>
#include <stdexcept>

namespace parley::extract {
namespace {

std::vector<std::string_view> split_tabs(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  for (;;) {
    size_t tab = line.find('\t', start);
    fields.push_back(
        line.substr(start, tab == std::string_view::npos ? std::string_view::npos : tab - start));
    if (tab == std::string_view::npos) break;
    start = tab + 1;
  }
  return fields;
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool valid_code(std::string_view code) {
  if (code.size() < 2 || code.size() > 4) return false;
  for (char c : code)
    if (c < '0' || c > '9') return false;
  int root = (code[0] - '0') * 10 + (code[1] - '0');
  return root >= 1 && root <= 20;
}

[[noreturn]] void fail(const std::string& path, size_t line, std::string_view what) {
  throw std::runtime_error(fmt::format("{}:{}: {}", path, line, what));
}

// Calls row(fields, line_number) for every non-blank, non-comment line of a TSV file.
template <class Row>
void read_rows(const std::string& path, Row row) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error(fmt::format("{}: cannot open the file", path));
  std::string line;
  size_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    std::string_view view = trim(line);
    if (view.empty() || view.front() == '#') continue;
    row(split_tabs(view), number);
  }
}

}  // namespace

Ontology Ontology::load(const std::string& data_dir) {
  Ontology ontology;
  const std::string cameo = data_dir + "/cameo/cameo.tsv";
  read_rows(cameo, [&](const std::vector<std::string_view>& f, size_t line) {
    if (f.size() != 4)
      fail(cameo, line,
           fmt::format(
               "expected 4 tab-separated fields (code, name, goldstein, quad class), found {}",
               f.size()));
    std::string_view code = trim(f[0]);
    if (!valid_code(code))
      fail(cameo, line,
           fmt::format("'{}' is not a CAMEO event code (2-4 digits, root 01-20)", code));
    CameoCode entry;
    entry.code = std::string(code);
    entry.name = std::string(trim(f[1]));
    if (entry.name.empty()) fail(cameo, line, "empty name");
    std::string_view score = trim(f[2]);
    // from_chars for double: parse "-7.0" and reject trailing junk.
    auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), entry.goldstein);
    if (ec != std::errc() || end != score.data() + score.size() ||
        !std::isfinite(entry.goldstein) || entry.goldstein < -10 || entry.goldstein > 10)
      fail(cameo, line, fmt::format("Goldstein score '{}' is not a number in [-10, 10]", score));
    std::string_view quad = trim(f[3]);
    if (quad.size() != 1 || quad[0] < '1' || quad[0] > '4')
      fail(cameo, line, fmt::format("quad class '{}' is not 1-4", quad));
    entry.quad_class = quad[0] - '0';
    if (ontology.index_.count(entry.code))
      fail(cameo, line, fmt::format("code {} listed twice", entry.code));
    ontology.index_.emplace(entry.code, ontology.codes_.size());
    ontology.codes_.push_back(std::move(entry));
  });
  if (ontology.codes_.empty()) throw std::runtime_error(fmt::format("{}: no codes", cameo));

  const std::string plover = data_dir + "/cameo/plover.tsv";
  read_rows(plover, [&](const std::vector<std::string_view>& f, size_t line) {
    if (f.size() < 2 || f.size() > 4)
      fail(plover, line,
           fmt::format("expected code, type[, mode[, context]], found {} fields", f.size()));
    std::string code(trim(f[0]));
    auto it = ontology.index_.find(code);
    if (it == ontology.index_.end())
      fail(plover, line, fmt::format("code '{}' is not in cameo.tsv", code));
    CameoCode& entry = ontology.codes_[it->second];
    if (!entry.plover_type.empty()) fail(plover, line, fmt::format("code {} mapped twice", code));
    entry.plover_type = std::string(trim(f[1]));
    if (entry.plover_type.empty()) fail(plover, line, "empty PLOVER event type");
    for (char c : entry.plover_type)
      if (c < 'A' || c > 'Z')
        fail(plover, line,
             fmt::format("PLOVER type '{}' is not an upper-case word", entry.plover_type));
    if (f.size() > 2) entry.plover_mode = std::string(trim(f[2]));
    if (f.size() > 3) entry.plover_context = std::string(trim(f[3]));
  });
  return ontology;
}

const CameoCode* Ontology::find(std::string_view code) const {
  auto it = index_.find(std::string(code));
  return it == index_.end() ? nullptr : &codes_[it->second];
}

}  // namespace parley::extract
