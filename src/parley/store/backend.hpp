// The thin interface the store speaks to a database through: prepare, bind, step, read columns,
// transactions. The schema and every query are written once, with `?` placeholders, in the
// SQL both SQLite and PostgreSQL accept; what differs between them (full-text search, locking,
// catalogue queries) is asked of the Backend by name, so the dialect lives in two small files.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace parley::store {

class Statement {
 public:
  virtual ~Statement() = default;
  // Parameters are 1-based, as in SQL.
  virtual void bind(int i, int64_t v) = 0;
  virtual void bind(int i, double v) = 0;
  virtual void bind(int i, std::string_view v) = 0;
  virtual void bind_null(int i) = 0;
  // Runs the statement (on the first call) and moves to the next row; false when none is left.
  virtual bool step() = 0;
  // Ready to bind again and re-run; drops the rest of the result.
  virtual void reset() = 0;
  virtual int columns() const = 0;
  virtual bool is_null(int col) const = 0;
  virtual int64_t get_int(int col) const = 0;
  virtual double get_double(int col) const = 0;
  virtual std::string get_text(int col) const = 0;
  virtual std::string column_name(int col) const = 0;

  void bind_value(int i, int v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, unsigned v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, long v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, long long v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, unsigned long v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, unsigned long long v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, bool v) { bind(i, static_cast<int64_t>(v)); }
  void bind_value(int i, double v) { bind(i, v); }
  void bind_value(int i, std::string_view v) { bind(i, v); }
  void bind_value(int i, const std::string& v) { bind(i, std::string_view(v)); }
  void bind_value(int i, const char* v) { bind(i, std::string_view(v)); }
  void bind_value(int i, std::nullptr_t) { bind_null(i); }
  template <class T>
  void bind_value(int i, const std::optional<T>& v) {
    if (v)
      bind_value(i, *v);
    else
      bind_null(i);
  }
  template <class... Args>
  void bind_all(const Args&... args) {
    int i = 0;
    (bind_value(++i, args), ...);
  }
};

// A query argument of the dynamically built filters.
struct Value {
  // Words: a full-text search vector already in PostgreSQL's binary form (tsvector_binary() in
  // words.hpp), sent by a binary COPY; only PostgreSQL's search table holds one.
  enum Kind { Int, Real, Text, Null, Words } kind = Text;
  int64_t i = 0;
  double d = 0;
  std::string s;
  static Value of(int64_t v) { return {Int, v, 0, {}}; }
  static Value of(double v) { return {Real, 0, v, {}}; }
  static Value of(std::string v) { return {Text, 0, 0, std::move(v)}; }
  static Value null() { return {Null, 0, 0, {}}; }
  static Value words(std::string binary) { return {Words, 0, 0, std::move(binary)}; }
};
void bind_values(Statement& st, const std::vector<Value>& values);

// One of several lookups run together (Backend::run_queries): its SQL, its arguments, and what
// to do with each row of its result.
struct QueuedQuery {
  std::string sql;
  std::vector<Value> args;
  std::function<void(Statement&)> row;
};
// Binds one value to the k-th parameter (1-based) by its kind.
void bind_value(Statement& st, int k, const Value& v);

class Backend {
 public:
  virtual ~Backend() = default;
  virtual std::string name() const = 0;  // "sqlite", "postgresql"
  // A statement with `?` placeholders. Prepared once per connection and cached: the same text
  // gives the same Statement, reset. Not re-entrant: finish with one before asking for it again.
  Statement& query(const std::string& sql);
  // A statement of its own (not cached), for queries built on the fly.
  virtual std::unique_ptr<Statement> prepare(const std::string& sql) = 0;
  // A statement kept for the connection's life (PostgreSQL: a server-side prepared statement).
  virtual std::unique_ptr<Statement> prepare_persistent(const std::string& sql) {
    return prepare(sql);
  }
  // Runs SQL without parameters (may hold several statements on SQLite, one on PostgreSQL).
  virtual void exec(const std::string& sql) = 0;
  // Appends rows to `table`: `values` holds `columns` (comma-separated, `ncols` of them) row
  // after row. Multi-row INSERTs of up to 64 rows by default; PostgreSQL streams them in one
  // COPY, which the server neither parses nor plans per row (a binary COPY when the rows hold
  // Words, whose other values must then be text or null).
  virtual void insert_rows(const std::string& table, const std::string& columns, int ncols,
                           const std::vector<Value>& values);
  // Runs every query of `queries` (each prepared once per connection, as query()) and hands
  // their rows to their `row` callbacks, query after query. `meanwhile` (if any) runs once the
  // queries are on their way and before any row is read: PostgreSQL sends them all in one
  // pipeline and reads the answers after `meanwhile`, so a batch of lookups costs one round
  // trip and the client computes while the server answers; SQLite runs `meanwhile` first, then
  // the queries. `meanwhile` must not use the connection.
  virtual void run_queries(std::vector<QueuedQuery>& queries,
                           const std::function<void()>& meanwhile = {});

  // A write transaction: takes the writers' lock at once (SQLite BEGIN IMMEDIATE, PostgreSQL
  // an advisory lock), so two ingests into one store queue instead of deadlocking.
  virtual void begin_write() = 0;
  virtual void commit() = 0;
  virtual void rollback() noexcept = 0;
  virtual bool read_only() const = 0;
  // Called once the database is known to be Parley's (or empty) and will be written: settings
  // that change the file (SQLite's WAL journal) wait until then, so a foreign file is untouched.
  virtual void prepare_for_writing() {}
  // Called once the schema is up to date on a connection that will write: from then on every
  // commit is durable by itself, so closing has nothing left to make durable. SQLite: each
  // commit syncs the WAL (synchronous=FULL) and the close leaves the WAL for the next opener
  // instead of checkpointing it into the database file (two syncs and a copy of every page
  // the ingest wrote, on the critical path at the end of every ingest). No-op on PostgreSQL.
  virtual void durable_commits() {}
  // SQLite: copies the WAL into the database file, syncs it and empties the WAL, so the store
  // is one file again (what `parley ingest --db X` with no input does). No-op on PostgreSQL.
  virtual void checkpoint() {}

  // Dialect.
  virtual bool table_exists(const std::string& table) = 0;
  virtual int table_count() = 0;  // tables in the database (or schema)
  // DDL of the full-text table `fts(kind, ref, body)`.
  virtual std::string fts_ddl() const = 0;
  // A condition on `fts` rows matching the words of a query (one `?` parameter), and the
  // parameter to bind for a user's query.
  virtual std::string fts_match() const = 0;
  virtual std::string fts_param(const std::string& user_query) const = 0;
  // True when `fts` holds the search words as a column `tsv` written by the store (schema
  // version 4 on PostgreSQL, words.hpp) rather than a `body` the database splits itself.
  virtual bool fts_words() const { return false; }
  // The schema version of the open store (set by the store once it knows it): the dialect of
  // full-text search depends on it.
  void set_schema_version(int v) { schema_version_ = v; }
  int schema_version() const { return schema_version_; }
  // Statements still running at `deadline` stop with a StoreError that says "statement
  // timeout" (SQLite, through its progress handler; nullopt lifts the limit). PostgreSQL
  // connections use the server's statement_timeout instead: no-op there.
  virtual void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) {
    (void)deadline;
  }
  // SQLite only: a cap on the file size in pages (tests of a full disk); no-op elsewhere.
  virtual void limit_pages(int64_t pages) { (void)pages; }

 protected:
  // Statements must be finalised before their connection closes: back ends call this first.
  void clear_statements() { cache_.clear(); }

 private:
  std::map<std::string, std::unique_ptr<Statement>, std::less<>> cache_;
  int schema_version_ = 0;
};

// Opens a back end from a URL ("x.db", "sqlite:x.db", "postgresql://..."). Throws StoreError.
std::unique_ptr<Backend> open_backend(const std::string& url, bool read_only);
std::unique_ptr<Backend> open_sqlite(const std::string& path, bool read_only);
std::unique_ptr<Backend> open_postgres(const std::string& url, bool read_only);
bool is_postgres_url(std::string_view url);

// Rolls back unless committed: a batch is all or nothing, whatever throws.
class WriteTransaction {
 public:
  explicit WriteTransaction(Backend& b) : b_(b) { b_.begin_write(); }
  ~WriteTransaction() {
    if (!done_) b_.rollback();
  }
  void commit() {
    b_.commit();
    done_ = true;
  }
  WriteTransaction(const WriteTransaction&) = delete;
  WriteTransaction& operator=(const WriteTransaction&) = delete;

 private:
  Backend& b_;
  bool done_ = false;
};

}  // namespace parley::store
