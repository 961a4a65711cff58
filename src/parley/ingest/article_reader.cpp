#include <pthread.h>
#include <simdjson.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <system_error>
#include <thread>

#include "parley/ingest/ingest.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

namespace fs = std::filesystem;

std::optional<InputFormat> parse_input_format(const std::string& name) {
  if (name == "auto") return InputFormat::kAuto;
  if (name == "text" || name == "txt") return InputFormat::kText;
  if (name == "jsonl" || name == "json") return InputFormat::kJsonl;
  if (name == "html") return InputFormat::kHtml;
  if (name == "warc") return InputFormat::kWarc;
  return std::nullopt;
}

// ---------------------------------------------------------------------------------------------
// One open input, read through zlib so that any file may be gzip-compressed (gzread passes
// uncompressed files through, and reads concatenated gzip members, as WARC.gz files are).

class ArticleReader::Source {
 public:
  Source(std::string path, gzFile file, const IngestOptions& options, ArticleReader& owner)
      : path_(std::move(path)), gz_(file), options_(options), owner_(owner), buf_(1 << 16) {
    gzbuffer(gz_, 1 << 17);
  }
  virtual ~Source() { gzclose(gz_); }
  // Next article of this file, or nullopt at its end. Errors are reported through owner_.
  virtual std::optional<Article> next() = 0;
  uint64_t compressed_offset() {
    return static_cast<uint64_t>(std::max<z_off_t>(gzoffset(gz_), 0));
  }
  const std::string& path() const { return path_; }

 protected:
  void error(uint64_t offset, uint64_t line, std::string message) {
    owner_.report({path_, offset, line, std::move(message)});
  }
  void warn(uint64_t offset, uint64_t line, std::string message) {
    owner_.report({path_, offset, line, std::move(message), true});
  }

  // Input is read through one buffer (gzgets would stop at a NUL byte and merge the rest of
  // the line into the next); offsets count uncompressed bytes consumed.
  uint64_t tell() const { return offset_; }
  // Bytes available in the buffer, refilled when empty; 0 at the end of the input.
  size_t fill() {
    if (begin_ < end_) return end_ - begin_;
    if (eof_) return 0;
    int n = gzread(gz_, buf_.data(), static_cast<unsigned>(buf_.size()));
    if (n <= 0) {
      eof_ = true;
      if (n < 0) read_error_ = true;
      return 0;
    }
    begin_ = 0;
    end_ = static_cast<size_t>(n);
    return end_;
  }
  void consume(size_t n) {
    begin_ += n;
    offset_ += n;
  }

  // Reads up to `max` bytes; `truncated` tells whether more remained. The rest is not read:
  // an endless stream (stdin from /dev/zero) ends here too.
  std::string read_all(uint64_t max, bool& truncated) {
    std::string data;
    truncated = false;
    for (size_t n; (n = fill()) > 0; consume(n)) {
      if (data.size() + n > max) {
        truncated = true;
        break;
      }
      data.append(buf_.data() + begin_, n);
    }
    return data;
  }
  // Reads exactly n bytes into `out`, growing it only as the data arrives (a header may claim
  // any length); false when the input ends first.
  bool read_exact(std::string& out, uint64_t n) {
    out.clear();
    while (out.size() < n) {
      size_t avail = fill();
      if (avail == 0) return false;
      size_t take = static_cast<size_t>(std::min<uint64_t>(avail, n - out.size()));
      out.append(buf_.data() + begin_, take);
      consume(take);
    }
    return true;
  }
  bool skip(uint64_t n) {
    while (n > 0) {
      size_t avail = fill();
      if (avail == 0) return false;
      size_t take = static_cast<size_t>(std::min<uint64_t>(avail, n));
      consume(take);
      n -= take;
    }
    return true;
  }
  // Reads one line (without its newline) of at most `max` bytes; longer lines are flagged and
  // consumed to their end, or, when `stop_long`, left unread. Returns false at end of input.
  bool read_line(std::string& line, uint64_t max, bool& too_long, bool stop_long = false) {
    line.clear();
    too_long = false;
    bool any = false;
    for (size_t avail; (avail = fill()) > 0;) {
      any = true;
      const char* b = buf_.data() + begin_;
      const char* nl = static_cast<const char*>(std::memchr(b, '\n', avail));
      size_t take = nl ? static_cast<size_t>(nl - b) : avail;
      if (!too_long) {
        if (line.size() + take > max)
          too_long = true, line.clear();
        else
          line.append(b, take);
      }
      consume(nl ? take + 1 : take);
      if (nl || (too_long && stop_long)) break;
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    return any;
  }
  // Reads a one-article file whole; false (after reporting why) when it must be skipped.
  bool read_whole_file(std::string& out) {
    bool truncated;
    out = read_all(options_.max_article_bytes, truncated);
    if (truncated) {
      error(options_.max_article_bytes, 0,
            "larger than the article size limit (" + std::to_string(options_.max_article_bytes) +
                " bytes), skipped; raise --max-bytes or split it");
      return false;
    }
    if (gz_error(", article skipped")) return false;
    // Anywhere in the file: a NUL past the first block is as binary as an early one.
    if (const void* nul = std::memchr(out.data(), '\0', out.size())) {
      error(static_cast<uint64_t>(static_cast<const char*>(nul) - out.data()), 0,
            "binary file (contains NUL bytes), skipped");
      return false;
    }
    if (out.starts_with(kBom)) out.erase(0, kBom.size());
    return true;
  }
  // Reports a read error or a truncated gzip stream (once); true when there was one. `what`
  // says what is lost.
  bool gz_error(const std::string& what) {
    if (gz_reported_) return true;
    int code = Z_OK;
    const char* msg = gzerror(gz_, &code);
    // zlib reports a stream that ends early (a file cut short, a missing trailer) as
    // Z_BUF_ERROR, "unexpected end of file", and returns what it could decompress.
    if (code == Z_BUF_ERROR) {
      error(tell(), 0, "truncated gzip (the file ends inside the compressed data)" + what);
    } else if (code != Z_OK || read_error_) {
      error(tell(), 0,
            std::string("read error: ") + (msg && *msg ? msg : std::strerror(errno)) + what);
    } else {
      return false;
    }
    gz_reported_ = true;
    return true;
  }
  bool gz_truncated() {
    int code = Z_OK;
    gzerror(gz_, &code);
    return code == Z_BUF_ERROR;
  }

  static constexpr std::string_view kBom = "\xEF\xBB\xBF";

  std::string path_;
  gzFile gz_;
  const IngestOptions& options_;
  ArticleReader& owner_;
  bool read_error_ = false, gz_reported_ = false;

 private:
  std::vector<char> buf_;
  size_t begin_ = 0, end_ = 0;
  uint64_t offset_ = 0;
  bool eof_ = false;
};

namespace {

bool looks_binary(std::string_view data) {
  return std::memchr(data.data(), '\0', data.size()) != nullptr;
}

// Plain text: one article per file. A short first line followed by a line break is the title;
// a date at the start of the text (a dateline) is the article's date.
class TextSource : public ArticleReader::Source {
 public:
  using Source::Source;
  std::optional<Article> next() override {
    if (done_) return std::nullopt;
    done_ = true;
    std::string text;
    if (!read_whole_file(text)) return std::nullopt;
    Article a = text_article(std::move(text));
    a.origin = {path_, 0, 0};
    return a;
  }

 private:
  bool done_ = false;
};

class HtmlSource : public ArticleReader::Source {
 public:
  using Source::Source;
  std::optional<Article> next() override {
    if (done_) return std::nullopt;
    done_ = true;
    std::string html;
    if (!read_whole_file(html)) return std::nullopt;
    HtmlArticle h = extract_html(html);
    if (!h.fallback.empty()) warn(h.fallback_offset, 0, h.fallback);
    Article a;
    a.text = std::move(h.text);
    a.title = std::move(h.title);
    a.date = std::move(h.date);
    a.source = std::move(h.site_name);
    a.url = std::move(h.url);
    a.origin = {path_, 0, 0};
    return a;
  }

 private:
  bool done_ = false;
};

class JsonlSource : public ArticleReader::Source {
 public:
  using Source::Source;
  std::optional<Article> next() override {
    std::string line;
    bool too_long;
    while (true) {
      uint64_t offset = tell();
      if (!read_line(line, options_.max_article_bytes, too_long)) {
        gz_error("; what followed is lost");
        return std::nullopt;
      }
      ++line_no_;
      if (line_no_ == 1 && line.starts_with(kBom))
        line.erase(0, kBom.size()), offset += kBom.size();
      if (too_long) {
        error(offset, line_no_, "line longer than the article size limit, skipped");
        continue;
      }
      if (line.find_first_not_of(" \t") == std::string::npos) continue;
      Article a;
      std::string problem = parse(line, a);
      if (!problem.empty()) {
        error(offset, line_no_, problem);
        continue;
      }
      a.origin = {path_, offset, line_no_};
      return a;
    }
  }

 private:
  std::string parse(const std::string& line, Article& a) {
    simdjson::padded_string padded(line);
    simdjson::dom::element doc;
    auto err = parser_.parse(padded).get(doc);
    if (err) return std::string("invalid JSON: ") + simdjson::error_message(err);
    if (!doc.is_object()) return "JSON line is not an object";
    auto field = [&](const std::string& name, std::string& out) {
      std::string_view v;
      if (!name.empty() && doc[name].get_string().get(v) == simdjson::SUCCESS) out = std::string(v);
    };
    field(options_.text_field, a.text);
    if (doc[options_.text_field].error()) return "no \"" + options_.text_field + "\" field";
    field(options_.title_field, a.title);
    field(options_.date_field, a.date);
    field(options_.url_field, a.url);
    field(options_.source_field, a.source);
    if (!a.date.empty()) {
      std::string d = normalize_date(a.date);
      if (!d.empty()) a.date = d;
    }
    return {};
  }

  simdjson::dom::parser parser_;
  uint64_t line_no_ = 0;
};

// WARC 1.0/1.1 (ISO 28500): records are read one at a time, so memory stays bounded by the
// largest record we keep (the size limit); larger records are skipped unread.
class WarcSource : public ArticleReader::Source {
 public:
  using Source::Source;
  std::optional<Article> next() override {
    std::string line;
    bool too_long;
    while (!stopped_) {
      // Find the next record's version line (records are separated by blank lines).
      uint64_t offset;
      do {
        offset = tell();
        if (!read_line(line, 1 << 16, too_long, true)) {
          gz_error("; what followed is lost");
          return std::nullopt;
        }
      } while (line.empty() && !too_long);
      if (too_long || line.rfind("WARC/", 0) != 0) {
        error(offset, 0,
              "expected a WARC record header, found something else; rest of file skipped");
        stopped_ = true;
        break;
      }
      std::string type, uri, date, content_type;
      int64_t length = -1;
      while (read_line(line, 1 << 16, too_long, true) && !line.empty() && !too_long) {
        size_t colon = line.find(':');
        if (colon == std::string::npos) continue;
        std::string key = line.substr(0, colon);
        for (char& c : key) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        std::string value = line.substr(colon + 1);
        value.erase(0, value.find_first_not_of(" \t"));
        if (key == "warc-type")
          type = value;
        else if (key == "warc-target-uri")
          uri = value;
        else if (key == "warc-date")
          date = value;
        else if (key == "content-type")
          content_type = value;
        else if (key == "content-length")
          length = std::strtoll(value.c_str(), nullptr, 10);
      }
      if (too_long) {
        error(offset, 0, "WARC header line longer than 64 KiB; rest of file skipped");
        stopped_ = true;
        break;
      }
      if (length < 0) {
        error(offset, 0, "WARC record without Content-Length; rest of file skipped");
        stopped_ = true;
        break;
      }
      bool wanted =
          (type == "response" && content_type.find("application/http") != std::string::npos) ||
          (type == "resource" && (content_type.find("html") != std::string::npos ||
                                  content_type.find("text/plain") != std::string::npos));
      if (!wanted || static_cast<uint64_t>(length) > options_.max_article_bytes) {
        if (wanted) error(offset, 0, "WARC record larger than the article size limit, skipped");
        if (!skip(static_cast<uint64_t>(length))) {
          truncated(offset, length);
          return std::nullopt;
        }
        continue;
      }
      // Read as the bytes arrive: the header's length is a claim, the file may be far shorter.
      std::string block;
      if (!read_exact(block, static_cast<uint64_t>(length))) {
        truncated(offset, length);
        return std::nullopt;
      }
      std::string_view payload = block;
      std::string http_type = content_type;
      if (type == "response") {
        size_t end = payload.find("\r\n\r\n");
        size_t sep = 4;
        if (end == std::string_view::npos) end = payload.find("\n\n"), sep = 2;
        if (end == std::string_view::npos) {
          error(offset, 0, "WARC response without HTTP headers, skipped");
          continue;
        }
        std::string_view headers = payload.substr(0, end);
        if (headers.substr(0, 12).find(" 200") == std::string_view::npos &&
            headers.substr(0, 16).find(" 200") == std::string_view::npos)
          continue;  // redirects and errors carry no article
        http_type.clear();
        std::string lower_headers = utf8::lower(headers);
        size_t ct = lower_headers.find("\ncontent-type:");
        if (ct != std::string::npos)
          http_type = lower_headers.substr(ct + 14, lower_headers.find('\n', ct + 1) - ct - 14);
        payload = payload.substr(end + sep);
      }
      bool html = http_type.empty() || http_type.find("html") != std::string::npos;
      bool text = http_type.find("text/plain") != std::string::npos;
      if (!html && !text) continue;
      if (looks_binary(payload)) {
        error(offset, 0, "WARC record payload is binary (contains NUL bytes), skipped");
        continue;
      }
      Article a;
      if (html) {
        HtmlArticle h = extract_html(payload);
        if (!h.fallback.empty())
          warn(offset, 0,
               h.fallback + " (byte " + std::to_string(h.fallback_offset) + " of the page)");
        a.text = std::move(h.text);
        a.title = std::move(h.title);
        a.date = std::move(h.date);
        a.source = std::move(h.site_name);
        a.url = h.url.empty() ? uri : h.url;
      } else {
        a.text = std::string(payload);
        a.url = uri;
      }
      if (a.date.empty()) a.date = normalize_date(date);
      a.origin = {path_, offset, 0};
      return a;
    }
    return std::nullopt;
  }

 private:
  void truncated(uint64_t offset, int64_t length) {
    error(offset, 0,
          "truncated WARC record (the file ends inside it; its Content-Length is " +
              std::to_string(length) + ")" + (gz_truncated() ? "; truncated gzip" : ""));
    stopped_ = true;
  }
  bool stopped_ = false;
};

// Standard input cannot be rewound after sniffing its format, so it is read through a pipe
// that replays what was sniffed: a thread copies stdin into the pipe, memory stays bounded.
gzFile open_stdin(std::string& head) {
  head.resize(512);
  ssize_t got = 0, n;
  while (got < 512 && (n = read(0, head.data() + got, 512 - static_cast<size_t>(got))) > 0)
    got += n;
  head.resize(static_cast<size_t>(std::max<ssize_t>(got, 0)));
  int fds[2];
  if (pipe(fds) != 0) return nullptr;
  std::thread([out = fds[1], prefix = head] {
    // The reader may close the pipe before stdin ends (a size limit, an endless stream): the
    // write then fails with EPIPE instead of a SIGPIPE that would kill the process.
    sigset_t pipe_signal;
    sigemptyset(&pipe_signal);
    sigaddset(&pipe_signal, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
    char buf[1 << 16];
    ssize_t chunk;
    for (size_t off = 0; off < prefix.size();) {
      ssize_t w = write(out, prefix.data() + off, prefix.size() - off);
      if (w <= 0) {
        close(out);
        return;
      }
      off += static_cast<size_t>(w);
    }
    while ((chunk = read(0, buf, sizeof buf)) > 0) {
      for (ssize_t off = 0; off < chunk;) {
        ssize_t w = write(out, buf + off, static_cast<size_t>(chunk - off));
        if (w <= 0) {
          close(out);
          return;
        }
        off += w;
      }
    }
    close(out);
  }).detach();
  return gzdopen(fds[0], "rb");
}

InputFormat format_from_name(const std::string& path) {
  std::string name = path;
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (name.size() > 3 && name.compare(name.size() - 3, 3, ".gz") == 0) name.resize(name.size() - 3);
  auto ends = [&](const char* suf) {
    size_t n = std::strlen(suf);
    return name.size() >= n && name.compare(name.size() - n, n, suf) == 0;
  };
  if (ends(".warc") || ends(".arc")) return InputFormat::kWarc;
  if (ends(".jsonl") || ends(".ndjson") || ends(".json")) return InputFormat::kJsonl;
  if (ends(".html") || ends(".htm") || ends(".xhtml")) return InputFormat::kHtml;
  if (ends(".txt") || ends(".text")) return InputFormat::kText;
  return InputFormat::kAuto;
}

InputFormat sniff_head(std::string_view head) {
  if (head.empty()) return InputFormat::kText;
  size_t b = head.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
  if (b == std::string_view::npos) return InputFormat::kText;
  head = head.substr(b);
  if (head.rfind("WARC/", 0) == 0) return InputFormat::kWarc;
  if (head[0] == '{') return InputFormat::kJsonl;
  std::string lower = utf8::lower(head.substr(0, std::min<size_t>(head.size(), 200)));
  if (head[0] == '<' &&
      (lower.find("<html") != std::string::npos || lower.find("<!doctype") != std::string::npos ||
       lower.find("<p") != std::string::npos || lower.find("<head") != std::string::npos))
    return InputFormat::kHtml;
  return InputFormat::kText;
}

// Reads the first bytes of a file (decompressed) and rewinds.
InputFormat sniff(gzFile gz, bool& rewound) {
  char buf[512];
  int n = gzread(gz, buf, sizeof buf);
  rewound = gzrewind(gz) == 0;
  return sniff_head(std::string_view(buf, static_cast<size_t>(std::max(n, 0))));
}

}  // namespace

// ---------------------------------------------------------------------------------------------

namespace {

// The files under `root`, and a (path, error) entry for each directory that cannot be read, so
// that an unreadable directory is reported rather than silently empty. Symbolic links to
// directories are not followed.
void walk(const std::string& root, std::vector<std::pair<std::string, std::string>>& out) {
  std::vector<fs::path> dirs{root};
  while (!dirs.empty()) {
    fs::path dir = std::move(dirs.back());
    dirs.pop_back();
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    for (; !ec && it != fs::directory_iterator(); it.increment(ec)) {
      std::error_code ignored;
      if (it->symlink_status(ignored).type() == fs::file_type::directory) {
        dirs.push_back(it->path());
        continue;
      }
      if (!it->is_regular_file(ignored)) continue;
      std::string name = it->path().filename().string();
      if (name.empty() || name[0] == '.') continue;  // hidden files: editors' and VCS's
      std::string ext = it->path().extension().string();
      if (ext == ".md" || ext == ".MD") continue;  // READMEs and attribution notes
      out.emplace_back(it->path().string(), std::string());
    }
    if (ec) out.emplace_back(dir.string(), "cannot read directory: " + ec.message());
  }
}

}  // namespace

Article text_article(std::string text) {
  Article a;
  a.text = std::move(text);
  size_t nl = a.text.find('\n');
  if (nl != std::string::npos && nl > 0 && nl <= 200) {
    std::string first = a.text.substr(0, nl);
    if (!first.empty() && first.back() == '\r') first.pop_back();
    char last = first.empty() ? '.' : first.back();
    if (last != '.' && last != ',' && last != ';' && last != ':') a.title = first;
  }
  a.date = normalize_date(std::string_view(a.text).substr(0, std::min<size_t>(a.text.size(), 60)));
  if (a.date.empty() && !a.title.empty() && nl != std::string::npos) {
    size_t b = a.text.find_first_not_of("\r\n \t", nl);
    if (b != std::string::npos) a.date = normalize_date(std::string_view(a.text).substr(b, 40));
  }
  return a;
}

ArticleReader::ArticleReader(std::vector<std::string> paths, IngestOptions options)
    : options_(std::move(options)) {
  for (const auto& p : paths) {
    std::error_code ec;
    if (p != "-" && fs::is_directory(p, ec)) {
      std::vector<std::pair<std::string, std::string>> found;
      walk(p, found);
      std::sort(found.begin(), found.end());
      for (auto& [path, error] : found) {
        files_.push_back(std::move(path));
        file_errors_.push_back(std::move(error));
      }
    } else {
      files_.push_back(p);
      file_errors_.emplace_back();
    }
  }
  for (const auto& f : files_) {
    std::error_code ec;
    if (f == "-") continue;
    auto size = fs::file_size(f, ec);
    if (!ec) total_bytes_ += size;
  }
  on_error_ = [](const IngestError&) {};
}

ArticleReader::~ArticleReader() = default;

void ArticleReader::report(IngestError e) {
  ++(e.warning ? warning_count_ : error_count_);
  on_error_(e);
}

uint64_t ArticleReader::bytes_done() const {
  return bytes_before_current_ + (current_ ? current_->compressed_offset() : 0);
}

bool ArticleReader::open_next() {
  if (current_) {
    std::error_code ec;
    if (current_->path() != "-") {
      auto size = fs::file_size(current_->path(), ec);
      if (!ec) bytes_before_current_ += size;
    }
    current_.reset();
  }
  while (next_file_ < files_.size()) {
    const std::string& path = files_[next_file_];
    const std::string& walk_error = file_errors_[next_file_++];
    if (!walk_error.empty()) {
      report({path, 0, 0, walk_error});
      continue;
    }
    std::error_code ec;
    if (path != "-" && !fs::exists(path, ec)) {
      report({path, 0, 0, "no such file or directory"});
      continue;
    }
    if (path != "-" && !fs::is_regular_file(path, ec)) {
      report({path, 0, 0, "not a regular file"});
      continue;
    }
    std::string stdin_head;
    gzFile gz = path == "-" ? open_stdin(stdin_head) : gzopen(path.c_str(), "rb");
    if (!gz) {
      report({path, 0, 0, std::string("cannot open: ") + std::strerror(errno)});
      continue;
    }
    InputFormat fmt = options_.format;
    if (fmt == InputFormat::kAuto) fmt = format_from_name(path);
    const bool gzip_stdin =
        stdin_head.size() >= 2 && stdin_head[0] == '\x1f' && stdin_head[1] == '\x8b';
    if (fmt == InputFormat::kAuto && path == "-" && !gzip_stdin) fmt = sniff_head(stdin_head);
    if (fmt == InputFormat::kAuto) {
      bool rewound = true;
      fmt = sniff(gz, rewound);
      if (!rewound) {
        gzclose(gz);
        report({path, 0, 0, "cannot detect the format of a stream; give --input-format"});
        continue;
      }
    }
    switch (fmt) {
      case InputFormat::kJsonl:
        current_ = std::make_unique<JsonlSource>(path, gz, options_, *this);
        break;
      case InputFormat::kHtml:
        current_ = std::make_unique<HtmlSource>(path, gz, options_, *this);
        break;
      case InputFormat::kWarc:
        current_ = std::make_unique<WarcSource>(path, gz, options_, *this);
        break;
      default:
        current_ = std::make_unique<TextSource>(path, gz, options_, *this);
        break;
    }
    return true;
  }
  return false;
}

bool ArticleReader::finish(Article& a) {
  if (auto bad = utf8::find_invalid(a.text)) {
    report({a.origin.path, a.origin.offset + *bad, a.origin.line,
            "invalid UTF-8 at byte " + std::to_string(*bad) + " of the article, skipped"});
    return false;
  }
  if (a.text.find_first_not_of(" \t\r\n\f\v") == std::string::npos) {
    report({a.origin.path, a.origin.offset, a.origin.line, "empty article, skipped"});
    return false;
  }
  for (std::string* field : {&a.title, &a.date, &a.url, &a.source})
    if (utf8::find_invalid(*field)) field->clear();  // bad metadata is dropped, not the article
  if (!options_.source.empty()) a.source = options_.source;
  if (!options_.date.empty()) a.date = options_.date;
  if (!options_.url.empty()) a.url = options_.url;
  if (!options_.title.empty()) a.title = options_.title;
  a.id = content_id(a.text);
  return true;
}

std::optional<Article> ArticleReader::next() {
  while (true) {
    if (!current_ && !open_next()) return std::nullopt;
    std::optional<Article> a = current_->next();
    if (!a) {
      if (!open_next()) return std::nullopt;
      continue;
    }
    if (finish(*a)) return a;
  }
}

}  // namespace parley
