// Shared by the fuzz targets: an in-memory file for readers that take a path, and checks of what
// every reader promises whatever the input.
#pragma once

#include <sys/mman.h>
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "parley/doc/document.hpp"
#include "parley/ingest/ingest.hpp"
#include "parley/text/utf8.hpp"

namespace parley::fuzz {

// Fuzzer bytes behind a path (/proc/self/fd/N of a memfd): no disk, no clean-up.
class MemFile {
 public:
  MemFile() : fd_(memfd_create("parley-fuzz", 0)), path_("/proc/self/fd/" + std::to_string(fd_)) {
    if (fd_ < 0) std::abort();
  }
  const std::string& write(const uint8_t* data, size_t size) {
    if (ftruncate(fd_, 0) != 0) std::abort();
    for (size_t done = 0; done < size;) {
      ssize_t n = pwrite(fd_, data + done, size - done, static_cast<off_t>(done));
      if (n <= 0) std::abort();
      done += static_cast<size_t>(n);
    }
    return path_;
  }

 private:
  int fd_;
  std::string path_;
};

// A failed promise is a crash, so that the fuzzer keeps the input.
inline void require(bool ok) {
  if (!ok) std::abort();
}

// What ArticleReader promises of every article it returns.
inline void check_article(const Article& a) {
  require(!utf8::find_invalid(a.text));
  require(a.text.find_first_not_of(" \t\r\n\f\v") != std::string::npos);
  require(a.id.size() == 16);
}

// Reads every article of `path` as `format`, checking each.
inline size_t read_articles(const std::string& path, InputFormat format) {
  IngestOptions options;
  options.format = format;
  options.max_article_bytes = 1 << 20;
  ArticleReader reader({path}, options);
  size_t n = 0;
  while (auto a = reader.next()) check_article(*a), ++n;
  return n;
}

}  // namespace parley::fuzz
