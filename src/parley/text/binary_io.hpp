// Little helpers for the compact binary model files Parley ships: fixed-width little-endian
// integers, floats and length-prefixed strings, with errors that name the file.
#pragma once

#include <cstdint>
#include <cstring>
#include <fstream>
#include <initializer_list>
#include <stdexcept>
#include <string>
#include <vector>

namespace parley::binio {

class Writer {
 public:
  explicit Writer(const std::string& path) : path_(path), out_(path, std::ios::binary) {
    if (!out_) throw std::runtime_error("cannot write " + path);
  }
  template <typename T>
  void pod(const T& v) {
    out_.write(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void magic(const char* m) { out_.write(m, 8); }
  void str(const std::string& s) {
    pod<uint32_t>(static_cast<uint32_t>(s.size()));
    out_.write(s.data(), static_cast<std::streamsize>(s.size()));
  }
  template <typename T>
  void vec(const std::vector<T>& v) {
    pod<uint64_t>(v.size());
    out_.write(reinterpret_cast<const char*>(v.data()),
               static_cast<std::streamsize>(v.size() * sizeof(T)));
  }
  void close() {
    out_.close();
    if (!out_) throw std::runtime_error("error writing " + path_);
  }

 private:
  std::string path_;
  std::ofstream out_;
};

class Reader {
 public:
  explicit Reader(const std::string& path) : path_(path), in_(path, std::ios::binary) {
    if (!in_) throw std::runtime_error("cannot open model " + path);
  }
  template <typename T>
  T pod() {
    T v{};
    in_.read(reinterpret_cast<char*>(&v), sizeof(T));
    check();
    return v;
  }
  std::string str() {
    auto n = pod<uint32_t>();
    if (n > (1u << 28)) fail("string too long");
    std::string s(n, '\0');
    in_.read(s.data(), n);
    check();
    return s;
  }
  template <typename T>
  std::vector<T> vec() {
    auto n = pod<uint64_t>();
    if (n > (1ull << 32) / sizeof(T)) fail("array too long");
    std::vector<T> v(n);
    in_.read(reinterpret_cast<char*>(v.data()), static_cast<std::streamsize>(n * sizeof(T)));
    check();
    return v;
  }
  // Reads the 8-byte magic and returns which of the accepted ones it is (index), for formats
  // that still read their older versions.
  size_t expect_magic_of(std::initializer_list<const char*> accepted) {
    char buf[8] = {};
    in_.read(buf, 8);
    check();
    size_t i = 0;
    for (const char* m : accepted) {
      if (std::memcmp(buf, m, 8) == 0) return i;
      ++i;
    }
    fail("not a Parley model of this kind or version");
  }
  void expect_magic(const char* magic) {
    char buf[8] = {};
    in_.read(buf, 8);
    check();
    if (std::memcmp(buf, magic, 8) != 0) fail("not a Parley model of this kind or version");
  }
  [[noreturn]] void fail(const std::string& why) {
    throw std::runtime_error("model " + path_ + ": " + why);
  }

 private:
  void check() {
    if (!in_) fail("truncated");
  }
  std::string path_;
  std::ifstream in_;
};

}  // namespace parley::binio
