// Ingestion: files, directories and stdin in, a stream of Articles out. Formats: plain text,
// JSON lines, HTML and WARC (optionally gzip-compressed: any input may be .gz). Bad input is
// reported with its file and offset and skipped; the rest of the batch goes on.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "parley/doc/document.hpp"

namespace parley {

enum class InputFormat { kAuto, kText, kJsonl, kHtml, kWarc };
std::optional<InputFormat> parse_input_format(const std::string& name);

struct IngestOptions {
  InputFormat format = InputFormat::kAuto;
  // JSON lines field names.
  std::string text_field = "text", title_field = "title", date_field = "date", url_field = "url",
              source_field = "source";
  // Metadata given on the command line overrides what the input says.
  std::string source, date, url, title;
  // Articles (or WARC records) larger than this are skipped with an error.
  uint64_t max_article_bytes = 32ull << 20;
};

struct IngestError {
  std::string path;
  uint64_t offset = 0;  // byte offset in the (uncompressed) input
  uint64_t line = 0;    // 1-based line, 0 when not line-oriented
  std::string message;
  // A warning: the input was read, but not as well as it should be (e.g. HTML whose tags had
  // to be stripped). Otherwise something was skipped.
  bool warning = false;
  std::string to_string() const;
};

// Streams articles from a list of paths ("-" = stdin; directories are walked recursively in
// sorted order). Memory stays bounded by the largest single article, whatever the file size.
class ArticleReader {
 public:
  ArticleReader(std::vector<std::string> paths, IngestOptions options);
  ~ArticleReader();
  ArticleReader(const ArticleReader&) = delete;
  ArticleReader& operator=(const ArticleReader&) = delete;

  // The next good article, or nullopt at the end. Errors go to the error handler (default:
  // collected, see errors()).
  std::optional<Article> next();
  void on_error(std::function<void(const IngestError&)> handler) { on_error_ = std::move(handler); }

  size_t error_count() const { return error_count_; }
  size_t warning_count() const { return warning_count_; }
  uint64_t total_bytes() const { return total_bytes_; }  // on-disk size of all inputs (0 = unknown)
  uint64_t bytes_done() const;                           // on-disk bytes consumed so far

  class Source;  // one open input file

 private:
  void report(IngestError e);
  bool open_next();
  // Checks and fills metadata; false (after reporting) when the article must be skipped.
  bool finish(Article& a);

  std::vector<std::string> files_;
  std::vector<std::string> file_errors_;  // parallel to files_: why it cannot be read, or ""
  size_t next_file_ = 0;
  IngestOptions options_;
  std::unique_ptr<Source> current_;
  std::function<void(const IngestError&)> on_error_;
  size_t error_count_ = 0, warning_count_ = 0;
  uint64_t total_bytes_ = 0, bytes_before_current_ = 0;
};

// Pieces exposed for tests and for other front ends.

// An article from plain text, read the way a .txt file is: a short first line that does not
// end in punctuation is the title, a date at the top (or just under the title) the date. No id.
Article text_article(std::string text);

struct HtmlArticle {
  std::string title, date, site_name, url, text;
  // Why the page was not parsed as HTML but had its tags stripped ("" when it was parsed), and
  // the byte of the page where that was decided.
  std::string fallback;
  uint64_t fallback_offset = 0;
};
// Markup nested deeper than this, or whose parse would need more memory than the base plus
// so many bytes per byte of HTML, is not parsed: its text is taken by stripping tags (see
// html_extract.cpp). Real pages nest a few dozen elements deep and parse in ~10-50x their size.
inline constexpr size_t kHtmlMaxDepth = 1000;
inline constexpr size_t kHtmlParseBaseBytes = size_t{64} << 20;
inline constexpr size_t kHtmlParseBytesPerByte = 64;
HtmlArticle extract_html(std::string_view html);

// Normalises a date written in a common news or HTML form to YYYY-MM-DD ("" when not a date):
// "2019-01-04T10:00:00Z", "Friday, January 4, 2019", "4 January 2019", "Jan. 4, 2019".
std::string normalize_date(std::string_view text);

}  // namespace parley
