// The append-only JSONL store, file-compatible with the Python package.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/record_filter.hpp>
#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/core/session_stats.hpp>

#include <filesystem>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gptme_sessions::core {

inline constexpr const char* k_store_file_name = "session-records.jsonl";

// Runtime failure touching the store (I/O, invalid UTF-8, a directory where the file should
// be). The message names the file (and line when there is one).
class GPTME_SESSIONS_CORE_EXPORT StoreError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  ~StoreError() override;
};

// Where diagnostics from the store go (warnings such as skipped lines or tail repairs).
// Default: stderr as "Warning: ..." lines; the host redirects it into its logging.
using StoreWarningSink = std::function<void(const std::string& message)>;

// --sessions-dir > $GPTME_SESSIONS_DIR (non-empty) >
// ${XDG_DATA_HOME:-$HOME/.local/share}/gptme-sessions
GPTME_SESSIONS_CORE_EXPORT std::filesystem::path
default_sessions_dir(const std::optional<std::filesystem::path>& cli_override = std::nullopt);

struct LoadResult {
  std::vector<SessionRecord> records;
  std::size_t malformed_lines = 0;
};

class GPTME_SESSIONS_CORE_EXPORT SessionStore {
public:
  explicit SessionStore(std::filesystem::path sessions_dir, StoreWarningSink warn = {});

  const std::filesystem::path& dir() const { return m_dir; }
  std::filesystem::path path() const;      // <dir>/session-records.jsonl
  std::filesystem::path lock_path() const; // <dir>/session-records.jsonl.lock
  bool exists() const;

  // Streams the file; malformed lines (bad JSON, invalid UTF-8, non-objects, records the
  // spec calls malformed) are skipped with a warning naming file:line. A missing file is an
  // empty store. Throws StoreError on I/O failure or a directory where the file should be.
  // A line without a usable session_id gets an id derived from its bytes (stable across reads).
  LoadResult load() const;
  std::vector<SessionRecord> load_all() const { return load().records; }
  // Calls fn for each record in file order without holding them all in memory.
  void for_each(const std::function<void(SessionRecord&&)>& fn) const;

  // Locked, tail-repaired, fsynced append of one line per record, all in one write(2).
  // Creates dir, file and lock. A record with an empty session_id or timestamp gets one.
  std::filesystem::path append(const SessionRecord& record) const;
  std::filesystem::path append(const std::vector<SessionRecord>& records) const;

  // Locked upsert: writes `records` (in order), then every stored record whose id is not among
  // them (file order), then the malformed lines verbatim, to a unique temp file; fsync; rename;
  // fsync the directory. On failure the temp file is removed and the store is untouched.
  // A record loaded from an id-less line replaces exactly that line (source_line_hash).
  void rewrite(const std::vector<SessionRecord>& records) const;

  // Runs fn under the store's exclusive lock (re-entrant within this process), for
  // load -> modify -> rewrite cycles such as annotate.
  void with_lock(const std::function<void()>& fn) const;

  // Analytics (session_store_query.cpp). The records `filter` keeps, in file order.
  std::vector<SessionRecord> query(const RecordFilter& filter) const;
  // Statistics over `records` (e.g. a query result), or streamed over the whole store.
  SessionStats stats(const std::vector<SessionRecord>& records) const;
  SessionStats stats() const;

private:
  std::filesystem::path m_dir;
  StoreWarningSink m_warn;
};

} // namespace gptme_sessions::core
