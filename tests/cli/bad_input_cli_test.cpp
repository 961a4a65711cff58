// Issue 12 through the command line: exit statuses and messages for bad input, bad options,
// unwritable output and bad dictionaries.
#include <gtest/gtest.h>
#include <unistd.h>

#include "../test_support.hpp"

namespace parley {
namespace {

std::string data(const std::string& name) {
  return test::source_dir() + "/tests/data/bad-input/" + name;
}
std::string sample() {
  return test::source_dir() + "/samples/cairo-talks.txt";
}

bool has(const std::string& s, const std::string& needle) {
  return s.find(needle) != std::string::npos;
}

TEST(RobustnessCli, ReproducersEndWithAReportAndStatusTwo) {
  test::TempDir tmp;
  struct Case {
    const char* args;
    const char* message;
  };
  for (Case c :
       {Case{"tokenize gz-truncated-half.txt.gz", "truncated gzip"},
        Case{"tokenize --format json gz-truncated-at-line-boundary.jsonl.gz", "truncated gzip"},
        Case{"tokenize nul-after-64KiB.txt.gz", "binary file"},
        Case{"tokenize bom-only.txt", "empty article"}}) {
    std::string args = c.args;
    size_t file = args.rfind(' ') + 1;
    auto r = test::run_cli(args.substr(0, file) + data(args.substr(file)), tmp);
    EXPECT_EQ(r.status, 2) << args << "\n" << r.err;
    EXPECT_TRUE(has(r.err, c.message)) << args << "\n" << r.err;
    EXPECT_TRUE(has(r.err, args.substr(file))) << r.err;  // names the file
    EXPECT_FALSE(has(r.out, std::string(1, '\0')));
  }
}

TEST(RobustnessCli, DeepHtmlWarnsAndExitsZero) {
  test::TempDir tmp;
  for (const char* name : {"html-nested-b-60k.html.gz", "html-nested-div-60k.html.gz",
                           "html-unclosed-span-20k.html.gz", "html-unclosed-span-100k.html.gz"}) {
    auto r = test::run_cli("tokenize " + data(name), tmp);
    EXPECT_EQ(r.status, 0) << name << "\n" << r.err;  // read, if not as HTML: nothing skipped
    EXPECT_TRUE(has(r.err, "parley: warning: ")) << r.err;
    EXPECT_TRUE(has(r.out, "# text = Egypt and Qatar held talks in Cairo on Monday.")) << name;
  }
}

TEST(RobustnessCli, MaxBytesStopsAnEndlessStdin) {
  test::TempDir tmp;
  // `timeout` turns a hang into status 124; the limit must end it at once.
  auto r = test::run_cli("--version > /dev/null; timeout 20 " PARLEY_CLI
                         " tokenize --max-bytes 1000 - < /dev/zero",
                         tmp);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(has(r.err, "article size limit")) << r.err;
}

TEST(RobustnessCli, HugeWarcContentLengthNeedsNoMemory) {
  test::TempDir tmp;
  std::string http = "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<p>Good page first.</p>";
  std::string good =
      "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"
      "Content-Length: " +
      std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
  auto p = tmp.write("big.warc",
                     good +
                         "WARC/1.0\r\nWARC-Type: response\r\nContent-Type: application/http\r\n"
                         "Content-Length: 8000000000\r\n\r\nHTTP/1.1 200 OK\r\n\r\n<p>x");
  // Under a 3 GB address-space limit (the CLI itself needs well under 1 GB), except under
  // AddressSanitizer, whose shadow memory reserves terabytes of address space up front.
#if defined(PARLEY_TEST_ASAN)
  const std::string limit = "";
#else
  const std::string limit = "ulimit -v 3000000; ";
#endif
  auto r = test::run_cli(
      "--version > /dev/null; " + limit + PARLEY_CLI + " tokenize --max-bytes 17179869184 " + p,
      tmp);
  EXPECT_EQ(r.status, 2) << r.err;
  EXPECT_TRUE(has(r.err, "truncated WARC record")) << r.err;
  EXPECT_TRUE(has(r.out, "# text = Good page first.")) << r.out;
}

TEST(RobustnessCli, UnreadableDirectoryIsReported) {
  test::TempDir tmp;
  tmp.write("d/ok/a.txt", "Readable article.");
  tmp.write("d/locked/b.txt", "Unreadable article.");
  std::filesystem::permissions(tmp.path() + "/d/locked", std::filesystem::perms::none);
  // As root, drop the capabilities that read any directory (setpriv, util-linux).
  std::string prefix;
  if (geteuid() == 0) {
    if (std::system("setpriv --version > /dev/null 2>&1") != 0) {
      std::filesystem::permissions(tmp.path() + "/d/locked", std::filesystem::perms::owner_all);
      GTEST_SKIP() << "root without setpriv";
    }
    prefix =
        "--version > /dev/null; setpriv --bounding-set=-dac_override,-dac_read_search " PARLEY_CLI
        " ";
  }
  auto sub = test::run_cli(prefix + "tokenize " + tmp.path() + "/d", tmp);
  auto top = test::run_cli(prefix + "tokenize " + tmp.path() + "/d/locked", tmp);
  std::filesystem::permissions(tmp.path() + "/d/locked", std::filesystem::perms::owner_all);
  EXPECT_EQ(sub.status, 2) << sub.err;
  EXPECT_TRUE(has(sub.err, "locked (byte 0): cannot read directory")) << sub.err;
  EXPECT_TRUE(has(sub.out, "# text = Readable article."));
  EXPECT_EQ(top.status, 2) << top.err;
  EXPECT_TRUE(has(top.err, "cannot read directory")) << top.err;
}

TEST(RobustnessCli, WriteErrorsOnStdoutExitOne) {
  if (!std::filesystem::exists("/dev/full")) GTEST_SKIP() << "no /dev/full";
  test::TempDir tmp;
  for (const char* cmd : {"tokenize", "code", "actors"}) {
    // run_cli redirects the whole line's stdout to a file; the subshell's own redirection wins.
    std::string cmd_line = "--version > /dev/null; (" PARLEY_CLI " " + std::string(cmd) + " " +
                           sample() + " > /dev/full)";
    auto r = test::run_cli(cmd_line, tmp);
    EXPECT_EQ(r.status, 1) << cmd << "\n" << r.err;
    EXPECT_TRUE(has(r.err, "cannot write the output")) << cmd << "\n" << r.err;
  }
}

TEST(RobustnessCli, UsageErrorsExitOne) {
  test::TempDir tmp;
  for (const char* args : {"", "code", "tokenize --max-bytes 0 a.txt", "tokenize --bogus a.txt",
                           "nosuchcommand", "tokenize --format xml a.txt"}) {
    auto r = test::run_cli(args, tmp);
    EXPECT_EQ(r.status, 1) << "'" << args << "'\n" << r.err;
  }
  EXPECT_EQ(test::run_cli("--help", tmp).status, 0);
  EXPECT_EQ(test::run_cli("--version", tmp).status, 0);
}

TEST(RobustnessCli, DictionaryWarningsArePrinted) {
  test::TempDir tmp;
  auto dict = tmp.write("d.actors", "HAMAS [PSEREB]\nBROKEN [\nGAZA_FOO [PSE] trailing junk\n");
  auto discards = tmp.write("discards.txt", "<!-- never closed\nFOO\n");
  auto r = test::run_cli("code --dict " + dict + " --discards " + discards + " " + sample(), tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.err, "parley: warning: " + dict + ": 2 problem(s)")) << r.err;
  EXPECT_TRUE(has(r.err, dict + ":2: unclosed bracket")) << r.err;
  EXPECT_TRUE(has(r.err, "XML comment never closed")) << r.err;
  auto actors = test::run_cli("actors --dict " + dict + " " + sample(), tmp);
  EXPECT_TRUE(has(actors.err, dict + ":2: unclosed bracket")) << actors.err;

  auto verbs = tmp.write("v.verbs",
                         "--- CONSULT [040] ---\nMEET\n- * WITH $ [043]\n- * [\n- NO_STAR [040]\n");
  r = test::run_cli("code --petrarch-verbs " + verbs + " " + sample(), tmp);
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_TRUE(has(r.err, "parley: warning: " + verbs + ": 2 problem(s)")) << r.err;
  EXPECT_TRUE(has(r.err, "pattern without")) << r.err;
}

TEST(RobustnessCli, BinaryDictionariesAreRejected) {
  test::TempDir tmp;
  std::string bytes = std::string("GOOD [USA]\n") + '\0' +
                      "\x01\x02\x7F"
                      "ELF\n";
  for (const char* option : {"--dict", "--petrarch-verbs", "--discards"}) {
    auto p = tmp.write("bin.dict", bytes);
    auto r = test::run_cli(std::string("code ") + option + " " + p + " " + sample(), tmp);
    EXPECT_EQ(r.status, 1) << option << "\n" << r.err;
    EXPECT_TRUE(has(r.err, "binary file")) << option << "\n" << r.err;
    EXPECT_TRUE(r.out.empty());
  }
}

}  // namespace
}  // namespace parley
