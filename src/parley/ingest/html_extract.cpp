// Article extraction from HTML with gumbo (the HTML5 parsing algorithm, so broken and truncated
// markup still yields a tree). The body is the <article> element when there is one, otherwise
// the element whose direct <p> children hold the most text; navigation, scripts and other
// boilerplate are dropped, and block elements become paragraphs separated by blank lines.
#include <gumbo.h>

#include <cstring>
#include <string>

#include "parley/ingest/ingest.hpp"

namespace parley {

namespace {

bool is_skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_NOSCRIPT: case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER: case GUMBO_TAG_FOOTER: case GUMBO_TAG_ASIDE: case GUMBO_TAG_FORM:
    case GUMBO_TAG_BUTTON: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG: case GUMBO_TAG_FIGURE: case GUMBO_TAG_TEMPLATE: case GUMBO_TAG_HEAD:
      return true;
    default:
      return false;
  }
}

bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_LI: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE: case GUMBO_TAG_DIV: case GUMBO_TAG_SECTION: case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_TR: case GUMBO_TAG_UL: case GUMBO_TAG_OL: case GUMBO_TAG_TABLE:
    case GUMBO_TAG_BR: case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_MAIN:
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

// Appends inline text, collapsing whitespace; block boundaries become "\n\n".
void collect_text(const GumboNode* n, std::string& out) {
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE || n->type == GUMBO_NODE_CDATA) {
    for (const char* p = n->v.text.text; *p; ++p) {
      unsigned char c = static_cast<unsigned char>(*p);
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') {
        if (!out.empty() && out.back() != ' ' && out.back() != '\n') out += ' ';
      } else {
        out += static_cast<char>(c);
      }
    }
    return;
  }
  if (n->type != GUMBO_NODE_ELEMENT) return;
  GumboTag tag = n->v.element.tag;
  if (is_skipped(tag)) return;
  bool block = is_block(tag);
  auto paragraph_break = [&] {
    while (!out.empty() && out.back() == ' ') out.pop_back();
    if (!out.empty() && out.compare(out.size() - std::min<size_t>(2, out.size()), 2, "\n\n") != 0) {
      if (out.back() == '\n') out += '\n';
      else out += "\n\n";
    }
  };
  if (block) paragraph_break();
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) collect_text(static_cast<const GumboNode*>(kids.data[i]), out);
  if (block) paragraph_break();
}

size_t direct_paragraph_text(const GumboNode* n) {
  size_t total = 0;
  const GumboVector& kids = n->v.element.children;
  for (unsigned i = 0; i < kids.length; ++i) {
    auto* k = static_cast<const GumboNode*>(kids.data[i]);
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

  void visit(const GumboNode* n) {
    if (n->type != GUMBO_NODE_ELEMENT) return;
    GumboTag tag = n->v.element.tag;
    switch (tag) {
      case GUMBO_TAG_ARTICLE: if (!article) article = n; break;
      case GUMBO_TAG_TITLE: if (!title) title = n; break;
      case GUMBO_TAG_H1: if (!h1) h1 = n; break;
      case GUMBO_TAG_TIME: if (!time) time = n; break;
      case GUMBO_TAG_META: meta_tag(n); break;
      case GUMBO_TAG_LINK: {
        const char* rel = attr(n, "rel");
        const char* href = attr(n, "href");
        if (rel && href && std::strcmp(rel, "canonical") == 0 && meta.url.empty()) meta.url = href;
        break;
      }
      default: break;
    }
    if (tag == GUMBO_TAG_SCRIPT || tag == GUMBO_TAG_STYLE) return;
    size_t p = direct_paragraph_text(n);
    if (p > best_p_text) best_p_text = p, best_p_parent = n;
    const GumboVector& kids = n->v.element.children;
    for (unsigned i = 0; i < kids.length; ++i) visit(static_cast<const GumboNode*>(kids.data[i]));
  }

  void meta_tag(const GumboNode* n) {
    const char* key = attr(n, "property");
    if (!key) key = attr(n, "name");
    if (!key) key = attr(n, "itemprop");
    const char* content = attr(n, "content");
    if (!key || !content) return;
    std::string k = key;
    for (char& c : k) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (k == "og:title" && meta.title.empty()) meta.title = content;
    else if (k == "og:site_name" && meta.site_name.empty()) meta.site_name = content;
    else if (k == "og:url" && meta.url.empty()) meta.url = content;
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

}  // namespace

HtmlArticle extract_html(std::string_view html) {
  GumboOutput* out = gumbo_parse_with_options(&kGumboDefaultOptions, html.data(), html.size());
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
  gumbo_destroy_output(&kGumboDefaultOptions, out);
  return a;
}

}  // namespace parley
