// parley._parley: the C++ side of the Python module. It binds the Analyzer facade and keeps the
// Python-facing surface small: analysis calls release the GIL and run on C++ threads, and a
// document crosses into Python as the JSON record `parley code` writes (so every field has the
// same name and value as in the CLI's output) plus its text, sentences and words. The Python
// package (parley/_document.py) turns the record into objects and pandas frames.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <variant>
#include <vector>

#include "parley/ingest/ingest.hpp"
#include "parley/parley.hpp"
#include "parley/pipeline/pipeline.hpp"
#include "parley/store/store.hpp"

namespace py = pybind11;

namespace {

// One analysed article and its record, immutable once built.
struct Doc {
  parley::Article article;
  std::string json;  // Analyzer::to_json, computed with the analysis (outside the GIL)
};

using DocPtr = std::shared_ptr<Doc>;  // pybind11 holders cannot be shared_ptr<const T>

// Text given as str (encoded to UTF-8 by pybind11; lone surrogates raise UnicodeEncodeError)
// or as bytes (checked by the Analyzer, which throws std::invalid_argument -> ValueError).
std::string text_of(const py::handle& obj, const char* what) {
  if (py::isinstance<py::bytes>(obj)) return obj.cast<std::string>();
  if (py::isinstance<py::str>(obj)) return obj.cast<std::string>();
  throw py::type_error(std::string(what) + " must be str or bytes, not " +
                       std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
}

std::string optional_str(const py::handle& obj, const char* what) {
  if (obj.is_none()) return {};
  if (!py::isinstance<py::str>(obj))
    throw py::type_error(std::string(what) + " must be str or None, not " +
                         std::string(py::str(py::type::handle_of(obj).attr("__name__"))));
  return obj.cast<std::string>();
}

parley::Stage parse_stage(const std::string& name) {
  if (name == "segment") return parley::Stage::Segment;
  if (name == "parse") return parley::Stage::Parse;
  if (name == "actors") return parley::Stage::Actors;
  if (name == "events") return parley::Stage::Events;
  if (name == "attribution" || name.empty()) return parley::Stage::Attribution;
  throw std::invalid_argument(
      "stage must be one of segment, parse, actors, events, attribution; got '" + name + "'");
}

struct Item {
  std::string text;
  parley::ArticleMeta meta;
};

// Runs fn(i) for i in [0, n) on up to `threads` threads (the calling thread is one of them).
// Indices are claimed one at a time, so uneven articles balance out; results go to slot i, so
// the output keeps the input order.
template <class Fn>
void parallel_for(size_t n, int threads, Fn fn) {
  const size_t workers = std::max<size_t>(1, std::min<size_t>(n, threads < 1 ? 1 : threads));
  std::atomic<size_t> next{0};
  auto loop = [&] {
    for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
  };
  std::vector<std::thread> pool;
  pool.reserve(workers - 1);
  for (size_t t = 1; t < workers; ++t) pool.emplace_back(loop);
  loop();
  for (auto& t : pool) t.join();
}

class PyAnalyzer {
 public:
  PyAnalyzer(const std::string& models, const std::string& data, std::vector<std::string> lexicons,
             std::vector<std::string> petrarch_verbs, std::vector<std::string> discards,
             std::vector<std::string> actor_dicts, const std::string& stage) {
    parley::AnalyzerOptions o;
    o.models = models;
    o.data = data;
    o.lexicons = std::move(lexicons);
    o.petrarch_verbs = std::move(petrarch_verbs);
    o.discards = std::move(discards);
    o.actor_dicts = std::move(actor_dicts);
    o.last = parse_stage(stage);
    py::gil_scoped_release release;  // loading takes most of a second
    analyzer_ = std::make_unique<parley::Analyzer>(o);
  }

  DocPtr analyze(const py::handle& text, const py::handle& title, const py::handle& date,
                 const py::handle& source, const py::handle& url) const {
    Item item{text_of(text, "text"),
              {optional_str(title, "title"), optional_str(date, "date"),
               optional_str(source, "source"), optional_str(url, "url")}};
    py::gil_scoped_release release;
    return run(std::move(item));
  }

  // items: (text, title, date, source, url) tuples, already checked by the Python side. Returns
  // one entry per item in input order: the document, or the error message for that item.
  std::vector<std::variant<DocPtr, std::string>> analyze_batch(const py::list& items,
                                                               int threads) const {
    std::vector<Item> batch;
    batch.reserve(items.size());
    for (const py::handle& h : items) {
      py::tuple t = py::reinterpret_borrow<py::tuple>(h);
      if (t.size() != 5) throw py::value_error("analyze_batch: items are 5-tuples");
      batch.push_back({text_of(t[0], "text"),
                       {optional_str(t[1], "title"), optional_str(t[2], "date"),
                        optional_str(t[3], "source"), optional_str(t[4], "url")}});
    }
    std::vector<std::variant<DocPtr, std::string>> out(batch.size());
    {
      py::gil_scoped_release release;
      parallel_for(batch.size(), threads, [&](size_t i) {
        try {
          out[i] = run(std::move(batch[i]));
        } catch (const std::exception& e) {
          out[i] = std::string(e.what());
        }
      });
    }
    return out;
  }

  // Reads files the way `parley code` does (directories, text, JSON lines, HTML, WARC, .gz) and
  // codes them on `threads` threads. Returns, per article in input order, one string per
  // requested format (as Analyzer::format writes it), and the input errors. `display_path`,
  // `line_base` and `offset_base` rewrite the articles' origin when the file read is a slice of
  // a larger one (the Dask runner's partitions).
  py::dict code_files(const std::vector<std::string>& paths, int threads,
                      const std::string& input_format, const std::vector<std::string>& formats,
                      const std::string& display_path, uint64_t line_base, uint64_t offset_base,
                      const std::string& db) const {
    for (const auto& f : formats) {
      if (f != "jsonl" && f != "json" && f != "csv" && f != "gdelt" && f != "plover" &&
          f != "table")
        throw py::value_error("unknown output format '" + f +
                              "' (jsonl, csv, gdelt, plover or table)");
    }
    parley::IngestOptions iopts;
    if (auto fmt = parley::parse_input_format(input_format)) {
      iopts.format = *fmt;
    } else {
      throw py::value_error("unknown input format '" + input_format +
                            "' (auto, text, jsonl, html or warc)");
    }
    std::vector<std::vector<std::string>> rows(formats.size());
    std::vector<std::string> errors;
    parley::PipelineStats stats;
    parley::store::IngestStats stored;
    {
      py::gil_scoped_release release;
      // With a store: the coded articles are also stored, a batch per transaction. Articles
      // already stored (same content hash) are skipped by the store, so running a partition
      // again (a Dask task recomputed after its worker died) adds nothing twice.
      std::optional<parley::store::Store> store;
      int64_t run_id = 0;
      std::vector<parley::Article> pending;
      const auto& res = analyzer_->resources();
      if (!db.empty()) {
        store.emplace(parley::store::Store::open(db, parley::store::Mode::ReadWrite));
        store->set_data_dir(res.data);
        run_id = store->begin_run(parley::store::describe_run(res.models, res.data, ""));
      }
      auto flush = [&] {
        if (pending.empty()) return;
        std::vector<const parley::Article*> ptrs;
        for (const auto& a : pending) ptrs.push_back(&a);
        parley::store::IngestStats s = store->store_batch(ptrs, run_id);
        stored.stored += s.stored;
        stored.duplicates += s.duplicates;
        stored.events += s.events;
        stored.merged += s.merged;
        pending.clear();
      };
      parley::ArticleReader reader(paths, iopts);
      parley::PipelineOptions popts;
      popts.threads = std::max(1, threads);
      popts.progress = parley::Progress::Mode::kNever;
      stats = analyzer_->pipeline().run(
          reader,
          [&](parley::Article& a) {
            if (!display_path.empty()) {
              a.origin.path = display_path;
              if (a.origin.line > 0) a.origin.line += line_base;
              a.origin.offset += offset_base;
            }
            for (size_t f = 0; f < formats.size(); ++f)
              rows[f].push_back(analyzer_->format(a, formats[f]));
            if (store) {
              pending.push_back(std::move(a));
              if (pending.size() >= 64) flush();
            }
          },
          popts,
          [&](const parley::IngestError& e) {
            parley::IngestError shown = e;
            if (!display_path.empty()) {
              shown.path = display_path;
              if (shown.line > 0) shown.line += line_base;
              shown.offset += offset_base;
            }
            errors.push_back((e.warning ? "warning: " : "skipped ") + shown.to_string());
          });
      if (store) flush();
    }
    py::dict out;
    py::dict by_format;
    for (size_t f = 0; f < formats.size(); ++f) by_format[py::str(formats[f])] = rows[f];
    out["rows"] = by_format;
    out["errors"] = errors;
    out["articles"] = stats.articles;
    out["skipped"] = stats.skipped;
    out["bytes"] = stats.bytes;
    out["seconds"] = stats.seconds;
    out["stored"] = stored.stored;
    out["already_stored"] = stored.duplicates;
    out["stored_events"] = stored.events;
    return out;
  }

  std::string to_json(const Doc& d) const { return d.json; }
  std::string format(const Doc& d, const std::string& fmt) const {
    return analyzer_->format(d.article, fmt);
  }
  py::tuple resources() const {
    const auto& r = analyzer_->resources();
    return py::make_tuple(r.models, r.data);
  }
  std::vector<py::dict> load_warnings() const {
    std::vector<py::dict> out;
    for (const auto& w : analyzer_->load_warnings()) {
      py::dict d;
      d["path"] = w.path;
      d["count"] = w.count;
      d["examples"] = w.examples;
      out.push_back(d);
    }
    return out;
  }

 private:
  DocPtr run(Item item) const {
    auto doc = std::make_shared<Doc>();
    doc->article = analyzer_->analyze(std::move(item.text), std::move(item.meta));
    doc->json = analyzer_->to_json(doc->article);
    return doc;
  }

  std::unique_ptr<parley::Analyzer> analyzer_;
};

py::bytes text_bytes(const Doc& d) {
  return py::bytes(d.article.text);
}

}  // namespace

PYBIND11_MODULE(_parley, m) {
  m.doc() = "Parley's C++ engine (use the parley package, not this module directly).";
  py::register_exception<parley::store::StoreError>(m, "StoreError", PyExc_RuntimeError);
  m.def(
      "store_stats",
      [](const std::string& url, bool create) {
        // Opening read-write creates or migrates the schema: the Dask client does it once,
        // before workers open the store concurrently.
        auto st = parley::store::Store::open(
            url, create ? parley::store::Mode::ReadWrite : parley::store::Mode::ReadOnly);
        return st.stats().dump();
      },
      py::arg("url"), py::arg("create") = false,
      "The store's counts per table as JSON (create=True creates or upgrades it first).");

  py::class_<Doc, DocPtr>(m, "Doc", "One analysed article (immutable).")
      .def_property_readonly("id", [](const Doc& d) { return d.article.id; })
      .def_property_readonly("text", [](const Doc& d) { return d.article.text; })
      .def_property_readonly("text_bytes", &text_bytes,
                             "The text as UTF-8 bytes (offsets index these).")
      .def_property_readonly("title", [](const Doc& d) { return d.article.title; })
      .def_property_readonly("date", [](const Doc& d) { return d.article.date; })
      .def_property_readonly("source", [](const Doc& d) { return d.article.source; })
      .def_property_readonly("url", [](const Doc& d) { return d.article.url; })
      .def_property_readonly(
          "json", [](const Doc& d) { return d.json; },
          "The JSON record, as `parley code` writes it (one line).")
      .def_property_readonly(
          "sentences",
          [](const Doc& d) {
            std::vector<std::pair<uint32_t, uint32_t>> out;
            out.reserve(d.article.sentences.size());
            for (const auto& s : d.article.sentences) out.emplace_back(s.span.start, s.span.end);
            return out;
          },
          "(start, end) byte offsets of each sentence.")
      .def_property_readonly(
          "words",
          [](const Doc& d) {
            const auto& a = d.article;
            py::list out;
            for (size_t s = 0; s < a.sentences.size(); ++s) {
              const auto& sent = a.sentences[s];
              for (uint32_t w = sent.first_word; w < sent.first_word + sent.word_count; ++w) {
                const bool has = w < a.analysis.size();
                const parley::WordAnalysis none;
                const auto& an = has ? a.analysis[w] : none;
                out.append(py::make_tuple(s, std::string(a.word_text(w)), a.words[w].span.start,
                                          a.words[w].span.end, an.upos, an.xpos, an.lemma, an.head,
                                          an.deprel));
              }
            }
            return out;
          },
          "(sentence, text, start, end, upos, xpos, lemma, head, deprel) per word.");

  py::class_<PyAnalyzer>(m, "Analyzer", "The loaded chain; see parley.Analyzer.")
      .def(py::init<const std::string&, const std::string&, std::vector<std::string>,
                    std::vector<std::string>, std::vector<std::string>, std::vector<std::string>,
                    const std::string&>(),
           py::arg("models") = "", py::arg("data") = "",
           py::arg("lexicons") = std::vector<std::string>{},
           py::arg("petrarch_verbs") = std::vector<std::string>{},
           py::arg("discards") = std::vector<std::string>{},
           py::arg("actor_dicts") = std::vector<std::string>{}, py::arg("stage") = "attribution")
      .def("analyze", &PyAnalyzer::analyze, py::arg("text"), py::arg("title") = py::none(),
           py::arg("date") = py::none(), py::arg("source") = py::none(),
           py::arg("url") = py::none())
      .def("analyze_batch", &PyAnalyzer::analyze_batch, py::arg("items"), py::arg("threads") = 1)
      .def("code_files", &PyAnalyzer::code_files, py::arg("paths"), py::arg("threads") = 1,
           py::arg("input_format") = "auto", py::arg("formats") = std::vector<std::string>{"jsonl"},
           py::arg("display_path") = "", py::arg("line_base") = 0, py::arg("offset_base") = 0,
           py::arg("db") = "")
      .def("to_json", &PyAnalyzer::to_json)
      .def("format", &PyAnalyzer::format, py::arg("doc"), py::arg("format"))
      .def_static("csv_header", &parley::Analyzer::csv_header)
      .def("resources", &PyAnalyzer::resources)
      .def("load_warnings", &PyAnalyzer::load_warnings);
}
