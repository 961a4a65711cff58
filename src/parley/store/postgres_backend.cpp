// PostgreSQL back end through libpq: the same SQL as SQLite, with `?` rewritten to `$n`,
// statements prepared once per connection, values passed as text (the server infers types from
// the columns they meet).
#include <libpq-fe.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <exception>

#include "parley/store/backend.hpp"
#include "parley/store/store.hpp"
#include "parley/store/words.hpp"

namespace parley::store {

bool is_postgres_url(std::string_view url) {
  return url.starts_with("postgresql://") || url.starts_with("postgres://");
}

namespace {

// `?` -> `$1`, `$2`, ... outside string literals.
std::string to_dollar(const std::string& sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int n = 0;
  bool quoted = false;
  for (char c : sql) {
    if (c == '\'') quoted = !quoted;
    if (c == '?' && !quoted) {
      out += '$' + std::to_string(++n);
    } else {
      out += c;
    }
  }
  return out;
}

std::string pg_message(PGconn* conn, const PGresult* res) {
  std::string msg = res ? PQresultErrorMessage(res) : PQerrorMessage(conn);
  while (!msg.empty() && std::isspace(static_cast<unsigned char>(msg.back()))) msg.pop_back();
  const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
  std::string s = state ? state : "";
  if (s == "53100")
    return "PostgreSQL: the server's disk is full; nothing of this batch was written (" + msg + ")";
  if (s == "55P03" || s == "40P01")
    return "PostgreSQL: the store is locked by another session (" + msg + ")";
  if (s == "25006") return "PostgreSQL: the store was opened read-only (" + msg + ")";
  return "PostgreSQL: " + msg;
}

// The connection, and whether the outcome of a COPY is still to be read. insert_rows() sends
// a COPY and returns at once, so the server writes those rows while the store prepares the
// next ones (a batch is a dozen COPYs); whatever runs next on the connection, the commit
// included, reads that outcome first and fails if the COPY did, so an error still rolls the
// whole batch back.
struct PgConn {
  PGconn* conn = nullptr;
  bool copy_pending = false;
  // Reads the pending COPY's outcome; throws its error.
  void settle() {
    if (!copy_pending) return;
    copy_pending = false;
    std::string msg;
    while (PGresult* r = PQgetResult(conn)) {
      if (msg.empty() && PQresultStatus(r) != PGRES_COMMAND_OK) msg = pg_message(conn, r);
      PQclear(r);
    }
    if (!msg.empty()) throw StoreError(msg);
  }
  // The same, dropping the error (rollback, closing).
  void discard() noexcept {
    copy_pending = false;
    while (PGresult* r = PQgetResult(conn)) PQclear(r);
  }
};

class PgStatement : public Statement {
 public:
  PgStatement(PgConn* pc, std::string name, const std::string& sql, bool prepared)
      : pc_(pc), conn_(pc->conn), name_(std::move(name)), sql_(to_dollar(sql)) {
    if (prepared) {
      pc_->settle();
      PGresult* r = PQprepare(conn_, name_.c_str(), sql_.c_str(), 0, nullptr);
      bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
      std::string msg = ok ? "" : pg_message(conn_, r);
      PQclear(r);
      if (!ok) throw StoreError(msg);
    } else {
      name_.clear();
    }
  }
  ~PgStatement() override {
    if (res_) PQclear(res_);
    // Prepared statements live as long as the connection, which closes right after.
  }
  void bind(int i, int64_t v) override { set(i, std::to_string(v)); }
  void bind(int i, double v) override {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    set(i, buf);
  }
  void bind(int i, std::string_view v) override { set(i, std::string(v)); }
  void bind_null(int i) override {
    grow(i);
    params_[i - 1].reset();
  }
  bool step() override {
    if (!res_) run();
    return ++row_ < PQntuples(res_);
  }
  void reset() override {
    if (res_) PQclear(res_);
    res_ = nullptr;
    row_ = -1;
    params_.clear();
  }
  int columns() const override { return res_ ? PQnfields(res_) : 0; }
  bool is_null(int c) const override { return PQgetisnull(res_, row_, c); }
  int64_t get_int(int c) const override {
    const char* v = PQgetvalue(res_, row_, c);
    // Booleans come back as t/f; numeric aggregates may carry a fraction.
    if (*v == 't') return 1;
    if (*v == 'f') return 0;
    // Whole numbers exactly (a 64-bit hash does not survive a trip through a double).
    char* end = nullptr;
    const long long n = std::strtoll(v, &end, 10);
    if (end && *end == '\0') return n;
    return static_cast<int64_t>(std::strtod(v, nullptr));
  }
  double get_double(int c) const override {
    return std::strtod(PQgetvalue(res_, row_, c), nullptr);
  }
  std::string column_name(int c) const override { return PQfname(res_, c); }
  std::string get_text(int c) const override {
    return std::string(PQgetvalue(res_, row_, c), PQgetlength(res_, row_, c));
  }

  // For Backend::run_queries: the server-side name, the bound parameters (taken, so the
  // statement is ready for the next set), and a result read from a pipeline, whose rows step()
  // then walks.
  const std::string& name() const { return name_; }
  std::vector<std::optional<std::string>> take_params() {
    auto out = std::move(params_);
    params_.clear();
    return out;
  }
  void adopt(PGresult* r) {
    if (res_) PQclear(res_);
    res_ = r;
    row_ = -1;
  }

 private:
  void grow(int i) {
    if (static_cast<int>(params_.size()) < i) params_.resize(i);
  }
  void set(int i, std::string v) {
    grow(i);
    params_[i - 1] = std::move(v);
  }
  void run() {
    pc_->settle();
    std::vector<const char*> values(params_.size());
    for (size_t i = 0; i < params_.size(); ++i)
      values[i] = params_[i] ? params_[i]->c_str() : nullptr;
    int n = static_cast<int>(values.size());
    res_ = name_.empty()
               ? PQexecParams(conn_, sql_.c_str(), n, nullptr, values.data(), nullptr, nullptr, 0)
               : PQexecPrepared(conn_, name_.c_str(), n, values.data(), nullptr, nullptr, 0);
    auto status = PQresultStatus(res_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      std::string msg = pg_message(conn_, res_);
      PQclear(res_);
      res_ = nullptr;
      throw StoreError(msg);
    }
    row_ = -1;
  }

  PgConn* pc_;
  PGconn* conn_;
  std::string name_, sql_;
  std::vector<std::optional<std::string>> params_;
  PGresult* res_ = nullptr;
  int row_ = -1;
};

class PgBackend : public Backend {
 public:
  PgBackend(const std::string& url, bool read_only) : read_only_(read_only) {
    conn_ = PQconnectdb(url.c_str());
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string msg = PQerrorMessage(conn_);
      while (!msg.empty() && std::isspace(static_cast<unsigned char>(msg.back()))) msg.pop_back();
      PQfinish(conn_);
      conn_ = nullptr;
      throw StoreError("cannot connect to PostgreSQL: " + msg);
    }
    pc_.conn = conn_;
    exec("SET client_min_messages = warning");
    if (read_only) exec("SET default_transaction_read_only = on");
  }
  ~PgBackend() override {
    clear_statements();
    if (conn_) {
      pc_.discard();
      PQfinish(conn_);
    }
  }
  std::string name() const override { return "postgresql"; }
  std::unique_ptr<Statement> prepare(const std::string& sql) override {
    return std::make_unique<PgStatement>(&pc_, "", sql, false);
  }
  std::unique_ptr<Statement> prepare_persistent(const std::string& sql) override {
    return std::make_unique<PgStatement>(&pc_, "p" + std::to_string(++prepared_), sql, true);
  }
  void exec(const std::string& sql) override {
    pc_.settle();
    PGresult* r = PQexec(conn_, sql.c_str());
    auto status = PQresultStatus(r);
    bool ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
    std::string msg = ok ? "" : pg_message(conn_, r);
    PQclear(r);
    if (!ok) throw StoreError(msg);
  }
  void insert_rows(const std::string& table, const std::string& columns, int ncols,
                   const std::vector<Value>& values) override {
    if (values.empty()) return;
    for (const Value& v : values)
      if (v.kind == Value::Words) return copy_binary(table, columns, ncols, values);
    // COPY's text format: tab-separated, one row a line, \N for NULL, backslash escapes.
    size_t size = 0;
    for (const Value& v : values) size += v.kind == Value::Text ? v.s.size() + 1 : 24;
    std::string data;
    data.reserve(size + size / 16);
    char num[64];
    for (size_t i = 0; i < values.size(); ++i) {
      const Value& v = values[i];
      if (v.kind == Value::Null) {
        data += "\\N";
      } else if (v.kind == Value::Int) {
        data += std::to_string(v.i);
      } else if (v.kind == Value::Real) {
        std::snprintf(num, sizeof num, "%.17g", v.d);
        data += num;
      } else {
        // Runs without a special character are copied whole.
        size_t start = 0;
        for (size_t k = 0; k < v.s.size(); ++k) {
          const char c = v.s[k];
          if (c != '\\' && c != '\t' && c != '\n' && c != '\r') continue;
          data.append(v.s, start, k - start);
          data += c == '\\' ? "\\\\" : c == '\t' ? "\\t" : c == '\n' ? "\\n" : "\\r";
          start = k + 1;
        }
        data.append(v.s, start, std::string::npos);
      }
      data += (i + 1) % static_cast<size_t>(ncols) == 0 ? '\n' : '\t';
    }
    send_copy("COPY " + table + " (" + columns + ") FROM STDIN", data);
  }
  // COPY's binary format, for rows of text, nulls and search vectors (Value::Words, already
  // in the server's binary form): a header, then per row the number of fields and each field's
  // length (-1 for NULL) and bytes, all big-endian, then -1.
  void copy_binary(const std::string& table, const std::string& columns, int ncols,
                   const std::vector<Value>& values) {
    std::string data("PGCOPY\n\377\r\n\0", 11);
    data.append(8, '\0');  // flags, header extension length
    auto put32 = [&data](uint32_t v) {
      for (int k = 0; k < 4; ++k) data += static_cast<char>((v >> (24 - 8 * k)) & 0xff);
    };
    auto put16 = [&data](uint16_t v) {
      data += static_cast<char>(v >> 8);
      data += static_cast<char>(v & 0xff);
    };
    for (size_t i = 0; i < values.size(); ++i) {
      if (i % static_cast<size_t>(ncols) == 0) put16(static_cast<uint16_t>(ncols));
      const Value& v = values[i];
      if (v.kind == Value::Null) {
        put32(0xffffffffu);
      } else if (v.kind == Value::Text || v.kind == Value::Words) {
        put32(static_cast<uint32_t>(v.s.size()));
        data += v.s;
      } else {
        throw StoreError("internal error: a binary COPY into " + table + " of a number");
      }
    }
    put16(0xffff);
    send_copy("COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT binary)", data);
  }
  // Starts a COPY and sends its data without waiting for the outcome (PgConn::settle).
  void send_copy(const std::string& sql, const std::string& data) {
    pc_.settle();
    PGresult* r = PQexec(conn_, sql.c_str());
    if (PQresultStatus(r) != PGRES_COPY_IN) {
      std::string msg = pg_message(conn_, r);
      PQclear(r);
      throw StoreError(msg);
    }
    PQclear(r);
    bool sent = PQputCopyData(conn_, data.data(), static_cast<int>(data.size())) == 1 &&
                PQputCopyEnd(conn_, nullptr) == 1;
    // The COPY's outcome is read by the next statement (PgConn::settle).
    pc_.copy_pending = true;
    if (!sent) {
      std::string msg = pg_message(conn_, nullptr);
      pc_.discard();
      throw StoreError(msg);
    }
  }
  void run_queries(std::vector<QueuedQuery>& queries,
                   const std::function<void()>& meanwhile) override {
    if (queries.empty()) {
      if (meanwhile) meanwhile();
      return;
    }
    // Statements are prepared (once per connection) before the pipeline opens.
    std::vector<PgStatement*> statements;
    for (QueuedQuery& q : queries) statements.push_back(&static_cast<PgStatement&>(query(q.sql)));
    pc_.settle();
    if (PQenterPipelineMode(conn_) != 1) throw StoreError(pg_message(conn_, nullptr));
    std::string error;
    bool sent = true;
    for (size_t i = 0; i < queries.size() && sent; ++i) {
      PgStatement& st = *statements[i];
      bind_values(st, queries[i].args);
      auto params = st.take_params();
      std::vector<const char*> values(params.size());
      for (size_t k = 0; k < params.size(); ++k)
        values[k] = params[k] ? params[k]->c_str() : nullptr;
      sent = PQsendQueryPrepared(conn_, st.name().c_str(), static_cast<int>(values.size()),
                                 values.data(), nullptr, nullptr, 0) == 1;
    }
    sent = sent && PQpipelineSync(conn_) == 1;
    if (!sent) {
      error = pg_message(conn_, nullptr);
      // Nothing can be read back reliably: the connection is unusable for this transaction.
      PQexitPipelineMode(conn_);
      throw StoreError(error);
    }
    std::exception_ptr failed;
    if (meanwhile) {
      try {
        meanwhile();
      } catch (...) {
        failed = std::current_exception();
      }
    }
    // One result per query (each followed by a null), then the sync point. After an error the
    // server skips the rest of the pipeline (PGRES_PIPELINE_ABORTED).
    std::vector<PGresult*> results(queries.size(), nullptr);
    for (size_t i = 0; i < queries.size(); ++i) {
      PGresult* r = PQgetResult(conn_);
      if (!r) {
        if (error.empty()) error = pg_message(conn_, nullptr);
        break;
      }
      const auto status = PQresultStatus(r);
      if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
        results[i] = r;
      } else {
        if (error.empty() && status != PGRES_PIPELINE_ABORTED) error = pg_message(conn_, r);
        PQclear(r);
      }
      while (PGresult* extra = PQgetResult(conn_)) PQclear(extra);
    }
    for (;;) {
      PGresult* r = PQgetResult(conn_);
      if (!r) break;
      const bool sync = PQresultStatus(r) == PGRES_PIPELINE_SYNC;
      PQclear(r);
      if (sync) break;
    }
    PQexitPipelineMode(conn_);
    if (failed || !error.empty()) {
      for (PGresult* r : results)
        if (r) PQclear(r);
      if (failed) std::rethrow_exception(failed);
      throw StoreError(error.empty() ? "PostgreSQL: a pipelined query failed" : error);
    }
    for (size_t i = 0; i < queries.size(); ++i) {
      PgStatement& st = *statements[i];
      st.adopt(results[i]);
      results[i] = nullptr;
      try {
        while (st.step()) queries[i].row(st);
      } catch (...) {
        st.reset();
        for (PGresult* r : results)
          if (r) PQclear(r);
        throw;
      }
      st.reset();
    }
  }
  void begin_write() override {
    // One writer at a time per database: event merging reads what earlier batches wrote. The
    // three statements go in one round trip.
    const char* wait = std::getenv("PARLEY_DB_BUSY_MS");
    try {
      exec("BEGIN; SET LOCAL lock_timeout = '" + std::to_string(wait ? std::atoi(wait) : 10000) +
           "ms'; SELECT pg_advisory_xact_lock(7235634)");
    } catch (...) {
      rollback();
      throw;
    }
  }
  void commit() override { exec("COMMIT"); }
  void rollback() noexcept override {
    pc_.discard();
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) PQclear(PQexec(conn_, "ROLLBACK"));
  }
  bool read_only() const override { return read_only_; }
  void prepare_for_writing() override {
    // An ingest runs the same few statements (inserts, key lookups) thousands of times; by
    // default PostgreSQL plans each of the first five runs of every prepared statement anew
    // for its values, which here costs more than running it. Their generic plans are the
    // custom ones.
    exec("SET plan_cache_mode = force_generic_plan");
    // Texts over ~2 KB (every article) are compressed when stored: LZ4, where the server has
    // it (PostgreSQL 14 and later built with lz4, as Debian's), compresses several times faster
    // than the default pglz (the samples' articles: ~3.7 -> ~2.3 ms of server time). Values
    // already stored keep theirs; reads take either. A server without LZ4 keeps pglz.
    try {
      exec("SET default_toast_compression = 'lz4'");
    } catch (const StoreError&) {
    }
  }
  bool table_exists(const std::string& table) override {
    auto st = prepare(
        "SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() AND "
        "table_name = ?");
    st->bind_all(table);
    return st->step();
  }
  int table_count() override {
    auto st = prepare(
        "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema()");
    st->step();
    return static_cast<int>(st->get_int(0));
  }
  // The full-text table of schema version 1 (its words computed by the server at insert);
  // version 4 replaces it by one holding the words the store computes (fts_words()).
  std::string fts_ddl() const override {
    return "CREATE TABLE fts (kind TEXT NOT NULL, ref TEXT NOT NULL, body TEXT NOT NULL, "
           "tsv tsvector GENERATED ALWAYS AS (to_tsvector('english', body)) STORED);\n"
           "CREATE INDEX fts_tsv ON fts USING gin (tsv)";
  }
  // From version 4 the query's words as the store indexes them (words.hpp), ANDed; before it,
  // the server's English configuration (a store still at version 3 is only written by tests).
  std::string fts_match() const override {
    return fts_words() ? "fts.tsv @@ CAST(? AS tsquery)"
                       : "fts.tsv @@ plainto_tsquery('english', ?)";
  }
  std::string fts_param(const std::string& q) const override {
    return fts_words() ? tsquery_literal(q) : q;
  }
  bool fts_words() const override { return schema_version() >= 4; }

 private:
  PGconn* conn_ = nullptr;
  PgConn pc_;
  bool read_only_;
  int prepared_ = 0;
};

}  // namespace

std::unique_ptr<Backend> open_postgres(const std::string& url, bool read_only) {
  return std::make_unique<PgBackend>(url, read_only);
}

std::unique_ptr<Backend> open_backend(const std::string& url, bool read_only) {
  if (is_postgres_url(url)) return open_postgres(url, read_only);
  std::string path = url;
  if (path.starts_with("sqlite://"))
    path = path.substr(9);
  else if (path.starts_with("sqlite:"))
    path = path.substr(7);
  if (path.empty()) throw StoreError("empty database path in --db " + url);
  if (url.find("://") != std::string::npos && !url.starts_with("sqlite://"))
    throw StoreError("unknown database URL " + url +
                     " (use path.db, sqlite:path or postgresql://user@host/db)");
  return open_sqlite(path, read_only);
}

void bind_value(Statement& st, int k, const Value& v) {
  if (v.kind == Value::Words)
    throw StoreError("internal error: a binary search vector bound as a parameter");
  if (v.kind == Value::Null)
    st.bind_null(k);
  else if (v.kind == Value::Int)
    st.bind(k, v.i);
  else if (v.kind == Value::Real)
    st.bind(k, v.d);
  else
    st.bind(k, std::string_view(v.s));
}

Statement& Backend::query(const std::string& sql) {
  auto it = cache_.find(sql);
  if (it == cache_.end()) {
    it = cache_.emplace(sql, prepare_persistent(sql)).first;
  }
  it->second->reset();
  return *it->second;
}

void Backend::insert_rows(const std::string& table, const std::string& columns, int ncols,
                          const std::vector<Value>& values) {
  constexpr size_t kRows = 64;
  const size_t cols = static_cast<size_t>(ncols);
  std::string row = "(";
  for (size_t c = 0; c < cols; ++c) row += c ? ", ?" : "?";
  row += ")";
  for (size_t first = 0; first < values.size(); first += kRows * cols) {
    const size_t n = std::min(values.size() - first, kRows * cols);
    std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES ";
    for (size_t r = 0; r < n / cols; ++r) sql += (r ? ", " : "") + row;
    Statement& st = query(sql);
    for (size_t i = 0; i < n; ++i) bind_value(st, static_cast<int>(i) + 1, values[first + i]);
    st.step();
    st.reset();
  }
}

void Backend::run_queries(std::vector<QueuedQuery>& queries,
                          const std::function<void()>& meanwhile) {
  if (meanwhile) meanwhile();
  for (QueuedQuery& q : queries) {
    Statement& st = query(q.sql);
    bind_values(st, q.args);
    while (st.step()) q.row(st);
    st.reset();
  }
}

void bind_values(Statement& st, const std::vector<Value>& values) {
  for (size_t i = 0; i < values.size(); ++i) bind_value(st, static_cast<int>(i) + 1, values[i]);
}

}  // namespace parley::store
