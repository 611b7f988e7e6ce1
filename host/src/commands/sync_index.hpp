// The incremental-sync index kept beside the store (session-records.index.jsonl): for each
// imported trajectory, the file's size, mtime and inode when sync last reconciled its record,
// the record's id, whether signals were extracted at that state, and the fingerprint of the
// fields sync derived. A re-run parses only trajectories whose file state changed.
//
// It is a cache and never a source of data: a missing, unreadable or damaged index (or a
// damaged line) just means those trajectories are treated as seen for the first time, i.e.
// the record's trajectory_path plus a fresh stat rebuild the entry, and the reference's
// backfill rules decide whether to parse. Written atomically (temp file + rename).
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gptme_sessions::host {

inline constexpr const char* k_sync_index_file_name = "session-records.index.jsonl";

struct FileState {
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::uint64_t inode = 0;
  // Hash of the same three values of the session's related files (Claude Code subagent
  // transcripts, which the parent's signals include); 0 when there are none.
  std::uint64_t related = 0;
  bool operator==(const FileState&) const = default;
};

// stat(2) of the path (following symlinks), with `related` folded in; nullopt when the path
// cannot be read (an unreadable related file only changes the hash). `is_regular_file`, when
// given, learns from the same stat whether the path is a regular file.
std::optional<FileState> file_state(const std::filesystem::path& path,
                                    const std::vector<std::filesystem::path>& related = {},
                                    bool* is_regular_file = nullptr);

struct SyncIndexEntry {
  FileState state;
  std::string record_id;
  bool signals = false;    // the record's signal fields reflect the file at `state`
  std::string fingerprint; // derived_fingerprint() as sync last wrote it; "" = unknown
  std::string discovery;   // discovery_fingerprint() of what discovery reported then
  bool operator==(const SyncIndexEntry&) const = default;
};

class SyncIndex {
public:
  // Reads `file`; a missing or damaged file yields an empty index, damaged lines are skipped.
  static SyncIndex load(const std::filesystem::path& file);

  // Keyed by the record's trajectory_path exactly as stored.
  const SyncIndexEntry* find(const std::string& trajectory_path) const;
  void put(const std::string& trajectory_path, SyncIndexEntry entry);
  // Drops entries whose record is no longer in the store.
  void retain_records(const std::unordered_set<std::string>& record_ids);
  bool changed() const { return m_changed; }
  std::size_t size() const { return m_entries.size(); }

  // The store file's state when the index was last saved. While the store still has that
  // state, every entry's record exists unchanged, so an unchanged tree needs no store read.
  const std::optional<FileState>& store_state() const { return m_store_state; }
  void set_store_state(std::optional<FileState> state) {
    m_changed = m_changed || state != m_store_state;
    m_store_state = state;
  }

  // Sorted by path, to a temp file in the same directory, fsynced, renamed over `file`.
  // Throws std::runtime_error naming the file on failure (the old index stays).
  void save(const std::filesystem::path& file) const;

private:
  std::unordered_map<std::string, SyncIndexEntry> m_entries;
  std::optional<FileState> m_store_state;
  bool m_changed = false;
};

} // namespace gptme_sessions::host
