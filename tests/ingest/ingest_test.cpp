#include "parley/ingest/ingest.hpp"

#include <gtest/gtest.h>
#include <zlib.h>

#include "../gzip_support.hpp"
#include "../test_support.hpp"

namespace parley {
namespace {

struct Collected {
  std::vector<Article> articles;
  std::vector<IngestError> errors;
};

Collected read_all(std::vector<std::string> paths, IngestOptions opts = {}) {
  ArticleReader reader(std::move(paths), opts);
  Collected c;
  reader.on_error([&](const IngestError& e) { c.errors.push_back(e); });
  while (auto a = reader.next()) c.articles.push_back(std::move(*a));
  return c;
}

using test::gzip;

std::string warc_record(const std::string& uri, const std::string& html, int status = 200) {
  std::string http = "HTTP/1.1 " + std::to_string(status) +
                     " OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n" + html;
  return "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: 2024-05-02T10:00:00Z\r\nContent-Type: application/http; "
         "msgtype=response\r\n"
         "Content-Length: " +
         std::to_string(http.size()) + "\r\n\r\n" + http + "\r\n\r\n";
}

const char* kPage =
    "<!doctype html><html><head><title>Talks resume | Example News</title>"
    "<meta property='og:site_name' content='Example News'>"
    "<meta property='article:published_time' content='2024-05-01T08:00:00Z'>"
    "<script>var junk = 1;</script></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Talks resume in Cairo</h1><p>Negotiators met on <b>Tuesday</b>.</p>"
    "<p>Both sides said progress was made.</p></article><footer>Copyright</footer></body></html>";

TEST(Ingest, PlainTextTitleAndDateline) {
  test::TempDir tmp;
  auto p =
      tmp.write("a.txt", "Talks resume in Cairo\n\nFriday, January 4, 2019\n\nNegotiators met.\n");
  auto c = read_all({p});
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].title, "Talks resume in Cairo");
  EXPECT_EQ(c.articles[0].date, "2019-01-04");
  EXPECT_EQ(c.articles[0].id.size(), 16u);
  EXPECT_TRUE(c.errors.empty());
}

TEST(Ingest, HtmlBodyWithoutBoilerplate) {
  HtmlArticle h = extract_html(kPage);
  EXPECT_EQ(h.title, "Talks resume in Cairo");
  EXPECT_EQ(h.site_name, "Example News");
  EXPECT_EQ(h.date, "2024-05-01");
  EXPECT_EQ(
      h.text,
      "Talks resume in Cairo\n\nNegotiators met on Tuesday.\n\nBoth sides said progress was made.");
  EXPECT_EQ(h.text.find("junk"), std::string::npos);
  EXPECT_EQ(h.text.find("Home"), std::string::npos);
}

TEST(Ingest, TruncatedHtmlStillYieldsText) {
  std::string page = kPage;
  HtmlArticle h = extract_html(page.substr(0, page.find("Both sides") + 10));
  EXPECT_NE(h.text.find("Negotiators met on Tuesday."), std::string::npos);
}

TEST(Ingest, JsonLinesWithConfigurableFieldsAndBadLines) {
  test::TempDir tmp;
  auto p = tmp.write(
      "a.jsonl",
      "{\"body\": \"First article.\", \"headline\": \"One\", \"published\": \"2020-02-03\"}\n"
      "{\"body\": \"Second \\u00e9 article.\", \"headline\": \"Two\"}\n"
      "{\"body\": \"truncated\n"
      "[1, 2]\n"
      "{\"nobody\": 1}\n"
      "{\"body\": \"Third.\"}\n");
  IngestOptions o;
  o.text_field = "body";
  o.title_field = "headline";
  o.date_field = "published";
  auto c = read_all({p}, o);
  ASSERT_EQ(c.articles.size(), 3u);
  EXPECT_EQ(c.articles[0].title, "One");
  EXPECT_EQ(c.articles[0].date, "2020-02-03");
  EXPECT_EQ(c.articles[1].text, "Second \xC3\xA9 article.");
  EXPECT_EQ(c.articles[2].origin.line, 6u);
  ASSERT_EQ(c.errors.size(), 3u);
  EXPECT_EQ(c.errors[0].line, 3u);
  EXPECT_EQ(c.errors[0].path, p);
  EXPECT_NE(c.errors[0].to_string().find(p + ":3"), std::string::npos);
}

TEST(Ingest, WarcGzWithRedirectsAndTruncation) {
  test::TempDir tmp;
  std::string warc =
      warc_record("https://example.org/a", kPage) +
      warc_record("https://example.org/r", "<p>moved</p>", 301) +
      "WARC/1.0\r\nWARC-Type: request\r\nContent-Length: 5\r\n\r\nhello\r\n\r\n" +
      warc_record("https://example.org/b", "<html><body><p>Second page text.</p></body></html>");
  std::string cut = warc_record("https://example.org/c", kPage);
  // Each record its own gzip member, as in real WARC.gz files; the last one is cut short.
  std::string gz = gzip(warc) + gzip(cut.substr(0, cut.size() / 2));
  auto p = tmp.write("crawl.warc.gz", gz);
  auto c = read_all({p});
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].url, "https://example.org/a");
  EXPECT_EQ(c.articles[0].source, "Example News");
  EXPECT_EQ(c.articles[1].text, "Second page text.");
  EXPECT_EQ(c.articles[1].date, "2024-05-02");
  ASSERT_EQ(c.errors.size(), 1u);
  EXPECT_NE(c.errors[0].message.find("truncated"), std::string::npos);
}

TEST(Ingest, BadFilesAreReportedAndTheBatchGoesOn) {
  test::TempDir tmp;
  auto good1 = tmp.write("d/1-good.txt", "Good article one.");
  tmp.write("d/2-invalid.txt", "Valid start \xFF\xFE then junk.");
  tmp.write("d/3-binary.txt", std::string("\x7F"
                                          "ELF\0\0\0binary",
                                          13));
  tmp.write("d/4-empty.txt", "  \n\n ");
  tmp.write("d/5-huge.txt", std::string(5000, 'a'));
  tmp.write("d/sub/6-good.txt", "Good article two.");
  tmp.write("d/.hidden.txt", "ignored");
  IngestOptions o;
  o.max_article_bytes = 4096;
  auto c = read_all({tmp.path() + "/d", tmp.path() + "/missing.txt"}, o);
  ASSERT_EQ(c.articles.size(), 2u);
  EXPECT_EQ(c.articles[0].origin.path, good1);
  EXPECT_EQ(c.articles[1].text, "Good article two.");
  ASSERT_EQ(c.errors.size(), 5u);
  EXPECT_NE(c.errors[0].message.find("invalid UTF-8"), std::string::npos);
  EXPECT_EQ(c.errors[0].offset, 12u);
  EXPECT_NE(c.errors[1].message.find("binary"), std::string::npos);
  EXPECT_NE(c.errors[2].message.find("empty"), std::string::npos);
  EXPECT_NE(c.errors[3].message.find("size limit"), std::string::npos);
  EXPECT_NE(c.errors[4].message.find("no such file"), std::string::npos);
}

TEST(Ingest, MetadataOverridesAndFormatSniffing) {
  test::TempDir tmp;
  auto p = tmp.write("page.data", kPage);
  IngestOptions o;
  o.source = "Wire";
  o.date = "2025-01-01";
  auto c = read_all({p}, o);
  ASSERT_EQ(c.articles.size(), 1u);
  EXPECT_EQ(c.articles[0].source, "Wire");
  EXPECT_EQ(c.articles[0].date, "2025-01-01");
  EXPECT_EQ(c.articles[0].title, "Talks resume in Cairo");
}

TEST(Ingest, Dates) {
  EXPECT_EQ(normalize_date("2019-01-04T10:00:00Z"), "2019-01-04");
  EXPECT_EQ(normalize_date("Friday, January 4, 2019"), "2019-01-04");
  EXPECT_EQ(normalize_date("4 January 2019"), "2019-01-04");
  EXPECT_EQ(normalize_date("Jan. 14, 2020"), "2020-01-14");
  EXPECT_EQ(normalize_date("no date here"), "");
  EXPECT_EQ(normalize_date("2019-13-45"), "");
}

}  // namespace
}  // namespace parley
