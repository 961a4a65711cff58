// SQLite back end: one file, WAL journal (readers never block the writer, a crash leaves the
// last committed batch), a busy timeout so a second writer waits before it reports the lock.
#include <sqlite3.h>

#include <cctype>
#include <cstdlib>
#include <filesystem>

#include "parley/store/backend.hpp"
#include "parley/store/store.hpp"

namespace parley::store {

namespace {

std::string describe(sqlite3* db, int rc, const std::string& what) {
  std::string msg = what + ": ";
  int code = rc & 0xff;
  if (code == SQLITE_BUSY || code == SQLITE_LOCKED)
    return msg +
           "the database is locked by another process (another ingest?); try again when it ends";
  if (code == SQLITE_FULL)
    return msg +
           "the disk (or the database's size limit) is full; nothing of this batch was written";
  if (code == SQLITE_NOTADB) return msg + "not a SQLite database, so not a Parley store";
  if (code == SQLITE_CORRUPT) return msg + "the database file is damaged (SQLite: malformed)";
  if (code == SQLITE_READONLY) return msg + "the database is read-only";
  if (code == SQLITE_CANTOPEN) return msg + "cannot open the database file";
  if (code == SQLITE_INTERRUPT) return msg + "statement timeout: the query ran past its time limit";
  return msg + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
}

class SqliteStatement : public Statement {
 public:
  SqliteStatement(sqlite3* db, const std::string& sql) : db_(db), sql_(sql) {
    int rc = sqlite3_prepare_v3(db, sql.c_str(), static_cast<int>(sql.size()),
                                SQLITE_PREPARE_PERSISTENT, &st_, nullptr);
    if (rc != SQLITE_OK) throw StoreError(describe(db, rc, "SQLite cannot prepare a query"));
  }
  ~SqliteStatement() override { sqlite3_finalize(st_); }
  void bind(int i, int64_t v) override { check(sqlite3_bind_int64(st_, i, v)); }
  void bind(int i, double v) override { check(sqlite3_bind_double(st_, i, v)); }
  void bind(int i, std::string_view v) override {
    check(sqlite3_bind_text(st_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT));
  }
  void bind_null(int i) override { check(sqlite3_bind_null(st_, i)); }
  bool step() override {
    int rc = sqlite3_step(st_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    std::string msg = describe(db_, rc, "SQLite");
    sqlite3_reset(st_);
    throw StoreError(msg);
  }
  void reset() override {
    sqlite3_reset(st_);
    sqlite3_clear_bindings(st_);
  }
  int columns() const override { return sqlite3_column_count(st_); }
  bool is_null(int c) const override { return sqlite3_column_type(st_, c) == SQLITE_NULL; }
  int64_t get_int(int c) const override { return sqlite3_column_int64(st_, c); }
  double get_double(int c) const override { return sqlite3_column_double(st_, c); }
  std::string column_name(int c) const override { return sqlite3_column_name(st_, c); }
  std::string get_text(int c) const override {
    const auto* p = sqlite3_column_text(st_, c);
    return p ? std::string(reinterpret_cast<const char*>(p), sqlite3_column_bytes(st_, c)) : "";
  }

 private:
  void check(int rc) {
    if (rc != SQLITE_OK) throw StoreError(describe(db_, rc, "SQLite cannot bind a value"));
  }
  sqlite3* db_;
  sqlite3_stmt* st_ = nullptr;
  std::string sql_;
};

class SqliteBackend : public Backend {
 public:
  SqliteBackend(const std::string& path, bool read_only) : read_only_(read_only) {
    if (read_only && !std::filesystem::exists(path))
      throw StoreError("no store at " + path + " (run `parley ingest ... --db " + path +
                       "` first)");
    // SQLite counts every allocation in global statistics under a global mutex by default;
    // nothing reads them, and the server's workers and an ingest's threads would contend on
    // it. Only possible before SQLite initialises, hence once, before the first connection
    // (if something else initialised it first, the call is refused and changes nothing).
    static const bool no_memstatus = [] {
      return sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0) == SQLITE_OK;
    }();
    (void)no_memstatus;
    int flags = read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    int rc = sqlite3_open_v2(path.c_str(), &db_, flags | SQLITE_OPEN_NOMUTEX, nullptr);
    if (rc != SQLITE_OK) {
      std::string msg = describe(db_, rc, "cannot open " + path);
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(msg);
    }
    sqlite3_extended_result_codes(db_, 1);
    // A writer holding the lock makes others wait this long before they report it.
    const char* wait = std::getenv("PARLEY_DB_BUSY_MS");
    sqlite3_busy_timeout(db_, wait ? std::atoi(wait) : 10000);
    try {
      // The first read tells a SQLite file from anything else (SQLITE_NOTADB).
      exec("SELECT count(*) FROM sqlite_master");
      exec("PRAGMA temp_store=MEMORY");
      exec("PRAGMA cache_size=-65536");
      // Checked every 1000 virtual-machine steps (a few microseconds): a query past its
      // deadline is interrupted instead of holding its thread and connection.
      sqlite3_progress_handler(db_, 1000, &SqliteBackend::past_deadline, this);
    } catch (const StoreError& e) {
      sqlite3_close(db_);
      db_ = nullptr;
      throw StoreError(path + ": " + e.what());
    }
  }
  ~SqliteBackend() override {
    clear_statements();
    if (db_) sqlite3_close(db_);
  }
  std::string name() const override { return "sqlite"; }
  std::unique_ptr<Statement> prepare(const std::string& sql) override {
    return std::make_unique<SqliteStatement>(db_, sql);
  }
  void exec(const std::string& sql) override {
    char* err = nullptr;
    int rc = sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
      std::string msg = describe(db_, rc, "SQLite");
      sqlite3_free(err);
      throw StoreError(msg);
    }
  }
  // One single-row INSERT per table, prepared once per connection and run row after row:
  // SQLite has no round trip to save, while compiling a multi-row INSERT costs more than it
  // saves (~1,000 parameters for 64 rows of a wide table) and a batch's last, shorter chunk is
  // a new statement of another size in every batch.
  void insert_rows(const std::string& table, const std::string& columns, int ncols,
                   const std::vector<Value>& values) override {
    const size_t cols = static_cast<size_t>(ncols);
    std::string sql = "INSERT INTO " + table + " (" + columns + ") VALUES (";
    for (size_t c = 0; c < cols; ++c) sql += c ? ", ?" : "?";
    sql += ")";
    Statement& st = query(sql);
    for (size_t first = 0; first + cols <= values.size(); first += cols) {
      for (size_t c = 0; c < cols; ++c) bind_value(st, static_cast<int>(c) + 1, values[first + c]);
      st.step();
      st.reset();
    }
  }
  void begin_write() override { exec("BEGIN IMMEDIATE"); }
  void commit() override { exec("COMMIT"); }
  void rollback() noexcept override {
    if (!sqlite3_get_autocommit(db_)) sqlite3_exec(db_, "ROLLBACK", nullptr, nullptr, nullptr);
  }
  bool read_only() const override { return read_only_; }
  void prepare_for_writing() override {
    exec("PRAGMA journal_mode=WAL");
    // In WAL mode NORMAL loses no committed transaction on a process crash (kill -9); only a
    // power cut can drop the last ones, never corrupting the file.
    exec("PRAGMA synchronous=NORMAL");
  }
  void durable_commits() override {
    // FULL syncs the WAL at each commit: a batch committed is on disk, power cut or not, and
    // an ingest's batches are synced on the storing thread while the next batch is coded. The
    // close then skips SQLite's final checkpoint (copying every page the ingest wrote into
    // the database file and syncing both files: 15-33 ms on this disk, after the last batch,
    // when nothing else can run beside it). The WAL stays beside the database; every reader
    // and the next writer read it as part of the store, and SQLite's automatic checkpoints
    // (every 1,000 pages of WAL, at a commit, on the storing thread) keep it small. The
    // migrations before this ran with NORMAL: the first FULL commit syncs their frames too.
    exec("PRAGMA synchronous=FULL");
    int off = 0;
    sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 1, &off);
  }
  void checkpoint() override {
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db_, nullptr, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    if (rc != SQLITE_OK) throw StoreError(describe(db_, rc, "SQLite cannot checkpoint"));
    // The WAL is empty now: closing with the default (checkpoint, delete the WAL and its
    // index) leaves the store as one file.
    int on = 0;
    sqlite3_db_config(db_, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, 0, &on);
  }
  bool table_exists(const std::string& table) override {
    Statement& st =
        query("SELECT 1 FROM sqlite_master WHERE type IN ('table','view') AND name = ?");
    st.bind_all(table);
    bool found = st.step();
    st.reset();
    return found;
  }
  int table_count() override {
    Statement& st = query("SELECT count(*) FROM sqlite_master WHERE type = 'table'");
    st.step();
    int n = static_cast<int>(st.get_int(0));
    st.reset();
    return n;
  }
  std::string fts_ddl() const override {
    return "CREATE VIRTUAL TABLE fts USING fts5(body, kind UNINDEXED, ref UNINDEXED, "
           "tokenize = 'unicode61 remove_diacritics 2')";
  }
  std::string fts_match() const override { return "fts MATCH ?"; }
  std::string fts_param(const std::string& q) const override {
    // Each word becomes a quoted FTS5 string, so punctuation in a user's query is never FTS5
    // syntax; words are ANDed, as a search box does.
    std::string out, word;
    auto flush = [&] {
      if (word.empty()) return;
      if (!out.empty()) out += ' ';
      out += '"' + word + '"';
      word.clear();
    };
    for (char c : q) {
      if (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)))
        word += c;
      else
        flush();
    }
    flush();
    return out.empty() ? "\"\"" : out;
  }
  void set_deadline(std::optional<std::chrono::steady_clock::time_point> deadline) override {
    deadline_ = deadline;
  }
  void limit_pages(int64_t pages) override {
    exec("PRAGMA max_page_count = " + std::to_string(pages));
  }

 private:
  static int past_deadline(void* self) {
    const auto& d = static_cast<SqliteBackend*>(self)->deadline_;
    return d && std::chrono::steady_clock::now() > *d ? 1 : 0;
  }

  sqlite3* db_ = nullptr;
  bool read_only_;
  std::optional<std::chrono::steady_clock::time_point> deadline_;
};

}  // namespace

std::unique_ptr<Backend> open_sqlite(const std::string& path, bool read_only) {
  return std::make_unique<SqliteBackend>(path, read_only);
}

}  // namespace parley::store
