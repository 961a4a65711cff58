// The one reader of Parley's tab-separated tables (data/ and user files): '#' comment lines
// and blank lines are skipped, a trailing '\r' is dropped, fields are split on tabs.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace parley::text {

// The fields of `line` split on `sep` (an empty line gives one empty field).
std::vector<std::string> split_fields(std::string_view line, char sep = '\t');

// The rows of the TSV file at `path`; `header` skips the first non-comment line. Throws
// std::runtime_error naming `what` and the path when the file cannot be opened.
std::vector<std::vector<std::string>> read_tsv(const std::string& path, bool header = false,
                                               std::string_view what = "table");

}  // namespace parley::text
