// A main for compilers without libFuzzer (gcc): replays every file under the directories or files
// given, then, deterministically, each one's prefixes and a few hundred mutations of it (bytes
// flipped, markup characters inserted, ranges dropped or repeated), so the seed corpus is a small
// fuzzing run of its own. Exits non-zero only by crashing, like libFuzzer.
#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

struct Rng {
  uint64_t s;
  uint64_t next() {
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
  }
  size_t below(size_t n) { return n ? static_cast<size_t>(next() % n) : 0; }
};

// With PARLEY_FUZZ_SAVE=FILE each input is written there first: after a crash, FILE holds it.
void run(const std::string& input) {
  static const char* save = std::getenv("PARLEY_FUZZ_SAVE");
  if (save) std::ofstream(save, std::ios::binary | std::ios::trunc) << input;
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

std::string mutate(std::string s, Rng& rng) {
  static const char kBytes[] = "<>/\"'=&;#[]{}\n\r\t \\\x00\xC3\xA9\xEF\xBB\xBF\xFF\x1F\x8B-_*+~";
  int edits = 1 + static_cast<int>(rng.below(4));
  for (int e = 0; e < edits; ++e) {
    size_t at = rng.below(s.size() + 1);
    switch (rng.below(5)) {
      case 0:
        if (!s.empty()) s[rng.below(s.size())] ^= static_cast<char>(1u << rng.below(8));
        break;
      case 1:
        s.insert(at, 1, kBytes[rng.below(sizeof kBytes - 1)]);
        break;
      case 2:
        s.erase(at, rng.below(32));
        break;
      case 3: {
        std::string piece = s.substr(at, rng.below(64));
        s.insert(rng.below(s.size() + 1), piece);
        break;
      }
      default:
        s.resize(at);
        break;
    }
  }
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  int mutations = 200;
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg.rfind("-mutations=", 0) == 0) {
      mutations = std::stoi(arg.substr(11));
      continue;
    }
    if (arg[0] == '-') continue;  // libFuzzer flags, meaningless here
    if (std::filesystem::is_directory(arg)) {
      for (const auto& e : std::filesystem::recursive_directory_iterator(arg))
        if (e.is_regular_file()) files.push_back(e.path());
    } else {
      files.push_back(arg);
    }
  }
  std::sort(files.begin(), files.end());
  size_t runs = 0;
  for (const auto& f : files) {
    std::ifstream in(f, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    const std::string seed = ss.str();
    run(seed);
    for (size_t cut :
         {seed.size() / 2, seed.size() / 3, seed.size() - std::min<size_t>(seed.size(), 8)})
      run(seed.substr(0, cut));
    Rng rng{0x9E3779B97F4A7C15ull ^ std::hash<std::string>()(f.filename().string())};
    for (int m = 0; m < mutations; ++m) run(mutate(seed, rng));
    runs += 4 + static_cast<size_t>(mutations);
  }
  std::printf("replayed %zu seed(s), %zu input(s)\n", files.size(), runs);
  return files.empty() ? 1 : 0;
}
