// Article extraction from HTML with gumbo (the HTML5 parsing algorithm, so broken and truncated
// markup still yields a tree). The body is the <article> element when there is one, otherwise
// the element whose direct <p> children hold the most text; navigation, scripts and other
// boilerplate are dropped, and block elements become paragraphs separated by blank lines.
//
// Hostile markup is bounded before and during the parse. gumbo's cost grows with the depth of
// the open-element stack (scope checks walk it: 60,000 nested <div> took 26 s) and its tree can
// grow much faster than the input (reconstructed formatting elements, parse errors that copy
// the stack: 117 KB of unclosed <span> used 3 GB). So a linear pre-scan measures how deep the
// markup nests, gumbo runs with a memory budget proportional to the input, errors unrecorded,
// and every walk over the tree is iterative. Markup over either limit is not parsed: its text
// is taken by stripping tags, in one pass, and HtmlArticle::fallback says why.
#include <gumbo.h>

#include <algorithm>
#include <csetjmp>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "parley/ingest/ingest.hpp"
#include "parley/text/strings.hpp"
#include "parley/text/utf8.hpp"

namespace parley {

namespace {

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_BR:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_MAIN:
      return true;
    default:
      return false;
  }
}

const char* attr(const GumboNode* n, const char* name) {
  if (n->type != GUMBO_NODE_ELEMENT) return nullptr;
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a ? a->value : nullptr;
}

// Text accumulated the way a reader sees it: runs of whitespace collapse to one space and block
// boundaries become one blank line.
class TextSink {
 public:
  explicit TextSink(std::string& out) : out_(out) {}
  void append(std::string_view text) {
    for (char ch : text) {
      unsigned char c = static_cast<unsigned char>(ch);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        if (!out_.empty() && out_.back() != ' ' && out_.back() != '\n') out_ += ' ';
      } else {
        out_ += static_cast<char>(c);
      }
    }
  }
  void paragraph_break() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (out_.empty() || out_.ends_with("\n\n")) return;
    out_ += out_.back() == '\n' ? "\n" : "\n\n";
  }

 private:
  std::string& out_;
};

const GumboNode* child(const GumboNode* n, unsigned i) {
  return static_cast<const GumboNode*>(n->v.element.children.data[i]);
}

// Appends the text under `root`. Iterative: the tree may be as deep as the markup nests.
void collect_text(const GumboNode* root, std::string& out) {
  TextSink sink(out);
  // (node, true) = leaving a block element: its closing paragraph break is still due.
  std::vector<std::pair<const GumboNode*, bool>> stack{{root, false}};
  while (!stack.empty()) {
    auto [n, leaving] = stack.back();
    stack.pop_back();
    if (leaving) {
      sink.paragraph_break();
      continue;
    }
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      sink.append(n->v.text.text);
      continue;
    }
    if (n->type != GUMBO_NODE_ELEMENT || is_skipped(n->v.element.tag)) continue;
    if (is_block(n->v.element.tag)) {
      sink.paragraph_break();
      stack.push_back({n, true});
    }
    for (unsigned i = n->v.element.children.length; i-- > 0;) stack.push_back({child(n, i), false});
  }
}

size_t direct_paragraph_text(const GumboNode* n) {
  size_t total = 0;
  for (unsigned i = 0; i < n->v.element.children.length; ++i) {
    const GumboNode* k = child(n, i);
    if (k->type == GUMBO_NODE_ELEMENT && k->v.element.tag == GUMBO_TAG_P) {
      std::string t;
      collect_text(k, t);
      total += t.size();
    }
  }
  return total;
}

struct Finder {
  const GumboNode* article = nullptr;
  const GumboNode* best_p_parent = nullptr;
  size_t best_p_text = 0;
  const GumboNode* title = nullptr;
  const GumboNode* h1 = nullptr;
  const GumboNode* time = nullptr;
  HtmlArticle meta;

  // Visits the elements in document order (pre-order), with an explicit stack.
  void visit(const GumboNode* root) {
    std::vector<const GumboNode*> stack{root};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      GumboTag tag = n->v.element.tag;
      switch (tag) {
        case GUMBO_TAG_ARTICLE:
          if (!article) article = n;
          break;
        case GUMBO_TAG_TITLE:
          if (!title) title = n;
          break;
        case GUMBO_TAG_H1:
          if (!h1) h1 = n;
          break;
        case GUMBO_TAG_TIME:
          if (!time) time = n;
          break;
        case GUMBO_TAG_META:
          meta_tag(n);
          break;
        case GUMBO_TAG_LINK: {
          const char* rel = attr(n, "rel");
          const char* href = attr(n, "href");
          if (rel && href && std::strcmp(rel, "canonical") == 0 && meta.url.empty())
            meta.url = href;
          break;
        }
        default:
          break;
      }
      if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) continue;
      size_t p = direct_paragraph_text(n);
      if (p > best_p_text) best_p_text = p, best_p_parent = n;
      for (unsigned i = n->v.element.children.length; i-- > 0;) stack.push_back(child(n, i));
    }
  }

  void meta_tag(const GumboNode* n) {
    const char* key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    const char* content = attr(n, "content");
    if (!key || !content) return;
    std::string k = key;
    for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (k == "og:title" && meta.title.empty())
      meta.title = content;
    else if (k == "og:site_name" && meta.site_name.empty())
      meta.site_name = content;
    else if (k == "og:url" && meta.url.empty())
      meta.url = content;
    else if ((k == "article:published_time" || k == "datepublished" || k == "date" ||
              k == "pubdate" || k == "publishdate" || k == "dc.date" || k == "og:published_time") &&
             meta.date.empty())
      meta.date = normalize_date(content);
  }
};

std::string trim(std::string s) {
  size_t b = s.find_first_not_of(" \n");
  size_t e = s.find_last_not_of(" \n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// ---------------------------------------------------------------------------------------------
// A one-pass tag scanner, enough to measure nesting and to strip tags: comments, doctype and
// processing instructions are skipped, raw-text elements (script, style, ...) yield their
// content as one text token, quoted attribute values may hold '>'.

bool ascii_alpha(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool html_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
using text::ascii_lower;

bool void_element(std::string_view n) {
  return text::is_in(
      n, {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
          "source", "track", "wbr", "keygen", "basefont", "bgsound", "frame", "image"});
}

class TagScanner {
 public:
  enum Kind { kText, kStartTag, kEndTag, kDone };
  explicit TagScanner(std::string_view html) : h_(html) {}

  Kind next() {
    while (pos_ < h_.size()) {
      begin_ = pos_;
      if (!raw_.empty()) return raw_text();
      if (h_[pos_] != '<') {
        size_t lt = h_.find('<', pos_ + 1);
        pos_ = lt == std::string_view::npos ? h_.size() : lt;
        return kText;
      }
      std::string_view rest = h_.substr(pos_);
      if (rest.starts_with("<!--")) {
        size_t end = h_.find("-->", pos_ + 4);
        pos_ = end == std::string_view::npos ? h_.size() : end + 3;
      } else if (rest.size() > 2 && rest[1] == '/' && ascii_alpha(rest[2])) {
        read_tag(pos_ + 2);
        return kEndTag;
      } else if (rest.size() > 1 && ascii_alpha(rest[1])) {
        read_tag(pos_ + 1);
        if (text::is_in(name_, {"script", "style", "textarea", "title", "xmp", "iframe", "noembed",
                                "noframes", "plaintext"}))
          raw_ = name_;
        return kStartTag;
      } else if (rest.size() > 1 && (rest[1] == '!' || rest[1] == '?' || rest[1] == '/')) {
        size_t end = h_.find('>', pos_ + 1);  // doctype, processing instruction, bogus comment
        pos_ = end == std::string_view::npos ? h_.size() : end + 1;
      } else {
        size_t lt = h_.find('<', pos_ + 1);  // a lone '<' is text
        pos_ = lt == std::string_view::npos ? h_.size() : lt;
        return kText;
      }
    }
    return kDone;
  }

  // kText: the text; kStartTag/kEndTag: the whole tag.
  std::string_view token() const { return h_.substr(begin_, pos_ - begin_); }
  const std::string& name() const { return name_; }  // lowercase tag name
  bool self_closing() const { return self_closing_; }
  size_t offset() const { return begin_; }

 private:
  void read_tag(size_t at) {
    name_.clear();
    while (at < h_.size() && !html_space(h_[at]) && h_[at] != '/' && h_[at] != '>')
      name_ += ascii_lower(h_[at++]);
    // Attributes up to '>', skipping quoted values.
    self_closing_ = false;
    while (at < h_.size() && h_[at] != '>') {
      char c = h_[at++];
      if (c == '=') {
        while (at < h_.size() && html_space(h_[at])) ++at;
        if (at < h_.size() && (h_[at] == '"' || h_[at] == '\'')) {
          size_t close = h_.find(h_[at], at + 1);
          at = close == std::string_view::npos ? h_.size() : close + 1;
        }
      }
    }
    self_closing_ = at < h_.size() && at > 0 && h_[at - 1] == '/';
    pos_ = at < h_.size() ? at + 1 : h_.size();
  }

  Kind raw_text() {
    size_t end = h_.size();
    if (raw_ != "plaintext") {
      for (size_t at = h_.find("</", pos_); at != std::string_view::npos;
           at = h_.find("</", at + 2)) {
        size_t k = 0;
        while (k < raw_.size() && at + 2 + k < h_.size() && ascii_lower(h_[at + 2 + k]) == raw_[k])
          ++k;
        size_t after = at + 2 + k;
        if (k == raw_.size() &&
            (after >= h_.size() || html_space(h_[after]) || h_[after] == '/' || h_[after] == '>')) {
          end = at;
          break;
        }
      }
    }
    raw_.clear();
    pos_ = end;
    return kText;
  }

  std::string_view h_;
  size_t pos_ = 0, begin_ = 0;
  std::string name_, raw_;
  bool self_closing_ = false;
};

// How deep the markup nests, estimated in one pass the way an HTML5 parser builds its stack of
// open elements: void elements do not nest, an end tag closes up to its element (or is
// ignored), and <p>, <li>, <td>, <option>, ... close an open sibling. The estimate errs on the
// deep side. Stops at the first point deeper than `limit`.
struct Nesting {
  size_t depth = 0;   // deepest stack seen (limit + 1 when over)
  size_t offset = 0;  // byte where the limit was passed
};

Nesting measure_nesting(std::string_view html, size_t limit) {
  std::unordered_map<std::string, int> ids;
  std::vector<int> open_count;  // per tag id: how many are on the stack
  std::vector<int> stack;
  auto id_of = [&](const std::string& name) {
    auto [it, added] = ids.try_emplace(name, static_cast<int>(ids.size()));
    if (added) open_count.push_back(0);
    return it->second;
  };
  auto pop_to = [&](int id) {
    while (!stack.empty()) {
      int x = stack.back();
      stack.pop_back();
      --open_count[x];
      if (x == id) break;
    }
  };
  // Closes the nearest element of a group among the few innermost open ones (a parser closes
  // it when nothing but inline content lies between; looking further would only err shallow).
  auto close_near = [&](std::initializer_list<int> group) {
    for (size_t k = 0; k < 8 && k < stack.size(); ++k) {
      int x = stack[stack.size() - 1 - k];
      for (int g : group)
        if (g == x) return pop_to(x);
    }
  };
  const int svg = id_of("svg"), math = id_of("math"), p = id_of("p"), li = id_of("li"),
            dd = id_of("dd"), dt = id_of("dt"), option = id_of("option"),
            optgroup = id_of("optgroup"), tr = id_of("tr"), td = id_of("td"), th = id_of("th"),
            thead = id_of("thead"), tbody = id_of("tbody"), tfoot = id_of("tfoot"),
            rb = id_of("rb"), rt = id_of("rt"), rp = id_of("rp"), rtc = id_of("rtc");
  Nesting result;
  TagScanner scan(html);
  for (TagScanner::Kind k; (k = scan.next()) != TagScanner::kDone;) {
    if (k == TagScanner::kText) continue;
    const std::string& name = scan.name();
    if (name == "html" || name == "head" || name == "body" || void_element(name)) continue;
    if (k == TagScanner::kEndTag) {
      auto it = ids.find(name);
      if (it != ids.end() && open_count[it->second] > 0) pop_to(it->second);
      continue;
    }
    if (scan.self_closing() && open_count[svg] + open_count[math] > 0) continue;  // <path/>
    int id = id_of(name);
    if (id == li)
      close_near({li});
    else if (id == dd || id == dt)
      close_near({dd, dt});
    else if (id == option)
      close_near({option});
    else if (id == optgroup)
      close_near({optgroup, option});
    else if (id == tr)
      close_near({tr, td, th});
    else if (id == td || id == th)
      close_near({td, th});
    else if (id == thead || id == tbody || id == tfoot)
      close_near({thead, tbody, tfoot, tr, td, th});
    else if (id == rb || id == rt || id == rp || id == rtc)
      close_near({rb, rt, rp, rtc});
    // Block starts close an open paragraph.
    if (open_count[p] > 0 &&
        text::is_in(
            name, {"p",       "div",     "ul",      "ol",     "dl",       "table",      "h1",
                   "h2",      "h3",      "h4",      "h5",     "h6",       "blockquote", "pre",
                   "section", "article", "aside",   "header", "footer",   "nav",        "main",
                   "address", "center",  "figure",  "form",   "fieldset", "menu",       "li",
                   "dd",      "dt",      "details", "dialog", "hgroup",   "summary",    "listing"}))
      close_near({p});
    stack.push_back(id);
    ++open_count[id];
    result.depth = std::max(result.depth, stack.size());
    if (stack.size() > limit) {
      result.offset = scan.offset();
      return result;
    }
  }
  return result;
}

// Appends text with the common character references decoded (others stay as written).
void append_decoded(std::string_view s, TextSink& sink) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] != '&') {
      out += s[i];
      continue;
    }
    size_t semi = s.find(';', i + 1);
    if (semi == std::string_view::npos || semi - i > 10) {
      out += '&';
      continue;
    }
    std::string_view ref = s.substr(i + 1, semi - i - 1);
    uint32_t cp = 0;
    if (ref == "amp")
      cp = '&';
    else if (ref == "lt")
      cp = '<';
    else if (ref == "gt")
      cp = '>';
    else if (ref == "quot")
      cp = '"';
    else if (ref == "apos")
      cp = '\'';
    else if (ref == "nbsp")
      cp = ' ';
    else if (ref.size() > 1 && ref[0] == '#') {
      bool hex = ref[1] == 'x' || ref[1] == 'X';
      std::string_view digits = ref.substr(hex ? 2 : 1);
      for (char c : digits) {
        int d = c >= '0' && c <= '9'          ? c - '0'
                : hex && c >= 'a' && c <= 'f' ? c - 'a' + 10
                : hex && c >= 'A' && c <= 'F' ? c - 'A' + 10
                                              : -1;
        if (d < 0 || cp > 0x10FFFF) {
          cp = 0xFFFD;
          break;
        }
        cp = cp * (hex ? 16 : 10) + static_cast<uint32_t>(d);
      }
      if (digits.empty() || cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    }
    if (cp == 0) {
      out += '&';
      continue;
    }
    utf8::append(out, cp);
    i = semi;
  }
  sink.append(out);
}

bool fallback_block(std::string_view n) {
  return text::is_in(n, {"p",          "h1",     "h2",  "h3",      "h4",      "h5", "h6", "li",
                         "blockquote", "pre",    "div", "section", "article", "tr", "ul", "ol",
                         "table",      "br",     "dd",  "dt",      "main",    "td", "th", "hr",
                         "header",     "footer", "nav", "aside",   "form"});
}

// The page's text with the tags stripped, in one pass and bounded memory: what is left when the
// markup is too hostile for the parser. Scripts, styles and the <head> are dropped; block tags
// become paragraph breaks; the <title> is the title.
HtmlArticle strip_tags(std::string_view html) {
  HtmlArticle a;
  std::string text;
  TextSink sink(text);
  TagScanner scan(html);
  bool in_head = false, in_raw = false, in_title = false;
  for (TagScanner::Kind k; (k = scan.next()) != TagScanner::kDone;) {
    if (k == TagScanner::kText) {
      if (in_title && a.title.empty()) {
        std::string t;
        TextSink title(t);
        append_decoded(scan.token(), title);
        a.title = trim(t);
      } else if (!in_raw && !in_head) {
        append_decoded(scan.token(), sink);
      }
      in_raw = in_title = false;
      continue;
    }
    const std::string& name = scan.name();
    if (k == TagScanner::kStartTag) {
      in_title = name == "title";
      in_raw = text::is_in(name,
                           {"script", "style", "textarea", "xmp", "iframe", "noembed", "noframes"});
      // The head ends at </head>, <body> or the first element that cannot be in it.
      if (name == "head")
        in_head = true;
      else if (!text::is_in(name, {"title", "meta", "link", "style", "script", "base", "noscript",
                                   "template"}))
        in_head = false;
    } else if (name == "head") {
      in_head = false;
    }
    if (fallback_block(name)) sink.paragraph_break();
  }
  text = trim(text);
  if (!a.title.empty() && text.compare(0, a.title.size(), a.title) != 0)
    text = a.title + "\n\n" + text;
  a.text = trim(text);
  return a;
}

// ---------------------------------------------------------------------------------------------
// gumbo under a memory budget. gumbo has no way to stop a parse (it asserts when malloc fails),
// so an allocation over the budget jumps back out of it; every block it holds is on a list and
// freed here, which also replaces gumbo_destroy_output (that one recurses over the tree).

class ParseBudget {
 public:
  explicit ParseBudget(size_t limit) : limit_(limit) {}
  ~ParseBudget() {
    for (Block* b = head_.next; b != &head_;) {
      Block* next = b->next;
      std::free(b);
      b = next;
    }
  }
  ParseBudget(const ParseBudget&) = delete;
  ParseBudget& operator=(const ParseBudget&) = delete;

  // Parses, or returns nullptr when the parse needed more than the budget.
  GumboOutput* parse(std::string_view html) {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &allocate;
    options.deallocator = &deallocate;
    options.userdata = this;
    options.max_errors = 0;  // errors are not used, and each one copies the element stack
    return parse_guarded(this, &options, html.data(), html.size());
  }
  size_t limit() const { return limit_; }

 private:
  struct alignas(std::max_align_t) Block {
    Block* prev;
    Block* next;
    size_t size;
  };
  // malloc's own bookkeeping, counted so that many small blocks are not under-counted.
  static constexpr size_t kOverhead = sizeof(Block) + 16;

  // No object with a destructor lives in this frame, so jumping back into it is well defined.
  static GumboOutput* parse_guarded(ParseBudget* self, const GumboOptions* options,
                                    const char* data, size_t size) {
    if (setjmp(self->over_) != 0) return nullptr;
    return gumbo_parse_with_options(options, data, size);
  }

  static void* allocate(void* userdata, size_t size) {
    auto* self = static_cast<ParseBudget*>(userdata);
    if (size > self->limit_ || self->used_ + size + kOverhead > self->limit_)
      std::longjmp(self->over_, 1);
    auto* b = static_cast<Block*>(std::malloc(sizeof(Block) + size));
    if (b == nullptr) std::longjmp(self->over_, 1);
    b->size = size;
    b->prev = &self->head_;
    b->next = self->head_.next;
    self->head_.next->prev = b;
    self->head_.next = b;
    self->used_ += size + kOverhead;
    return b + 1;
  }

  static void deallocate(void* userdata, void* ptr) {
    if (ptr == nullptr) return;
    auto* self = static_cast<ParseBudget*>(userdata);
    Block* b = static_cast<Block*>(ptr) - 1;
    b->prev->next = b->next;
    b->next->prev = b->prev;
    self->used_ -= b->size + kOverhead;
    std::free(b);
  }

  Block head_{&head_, &head_, 0};
  size_t used_ = 0;
  const size_t limit_;
  std::jmp_buf over_;
};

std::string mib(size_t bytes) {
  return std::to_string((bytes + (1 << 20) - 1) >> 20) + " MiB";
}

}  // namespace

HtmlArticle extract_html(std::string_view html) {
  Nesting nesting = measure_nesting(html, kHtmlMaxDepth);
  if (nesting.depth > kHtmlMaxDepth) {
    HtmlArticle a = strip_tags(html);
    a.fallback_offset = nesting.offset;
    a.fallback = "HTML nested more than " + std::to_string(kHtmlMaxDepth) +
                 " elements deep; text taken by stripping tags";
    return a;
  }
  ParseBudget budget(kHtmlParseBaseBytes + kHtmlParseBytesPerByte * html.size());
  GumboOutput* out = budget.parse(html);
  if (out == nullptr) {
    HtmlArticle a = strip_tags(html);
    a.fallback =
        "HTML needs more than " + mib(budget.limit()) + " to parse; text taken by stripping tags";
    return a;
  }
  Finder f;
  f.visit(out->root);
  HtmlArticle a = f.meta;
  auto text_of = [](const GumboNode* n) {
    std::string t;
    collect_text(n, t);
    return trim(t);
  };
  if (a.title.empty() && f.h1) a.title = text_of(f.h1);
  if (a.title.empty() && f.title) {
    // <title> is inside <head>, which collect_text skips; read its text child directly.
    const GumboVector& kids = f.title->v.element.children;
    if (kids.length > 0) {
      auto* k = static_cast<const GumboNode*>(kids.data[0]);
      if (k->type == GUMBO_NODE_TEXT) a.title = trim(k->v.text.text);
    }
  }
  if (a.date.empty() && f.time) {
    const char* dt = attr(f.time, "datetime");
    a.date = normalize_date(dt ? dt : text_of(f.time));
  }
  const GumboNode* body = f.article ? f.article : f.best_p_parent;
  std::string text = body ? text_of(body) : std::string();
  if (text.empty() && f.best_p_parent) text = text_of(f.best_p_parent);
  if (!a.title.empty() && text.compare(0, a.title.size(), a.title) != 0)
    text = a.title + "\n\n" + text;  // the headline is part of what a reader reads
  a.text = trim(text);
  return a;  // `budget` frees the tree
}

}  // namespace parley
