#include "parley/text/tsv.hpp"

#include <fstream>
#include <stdexcept>

namespace parley::text {

std::vector<std::string> split_fields(std::string_view line, char sep) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (true) {
    size_t next = line.find(sep, pos);
    out.emplace_back(
        line.substr(pos, next == std::string_view::npos ? std::string_view::npos : next - pos));
    if (next == std::string_view::npos) break;
    pos = next + 1;
  }
  return out;
}

std::vector<std::vector<std::string>> read_tsv(const std::string& path, bool header,
                                               std::string_view what) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot open " + std::string(what) + " file " + path);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  bool first = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    if (first && header) {
      first = false;
      continue;
    }
    first = false;
    rows.push_back(split_fields(line, '\t'));
  }
  return rows;
}

}  // namespace parley::text
