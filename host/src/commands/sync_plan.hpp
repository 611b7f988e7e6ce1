// What one `sync` run does to the store, decided entry by entry in discovery order without
// touching the disk: import, update (backfill, or refresh of a changed trajectory whose record
// nobody edited), or leave unchanged. Pure, so it can be decided once to learn which files to
// parse, then again under the store lock against the records as they are at write time.
#pragma once

#include "commands/sync_index.hpp"

#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>

#include <boost/json/object.hpp>

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace gptme_sessions::host {

struct SyncEntry {
  sdk::DiscoveredSession session;
  std::string path;               // session.path as a string (the record's trajectory_path)
  std::optional<FileState> state; // nullopt: the file is gone or unreadable
  bool regular_file = false;      // only files are parsed for signals
};

// The signals of one entry's trajectory, or why there are none. For a session the preview
// found new, the worker that parsed it also builds its record (and that record's
// fingerprint), which the plan then takes instead of building it on the main thread.
struct Extraction {
  std::optional<boost::json::object> signals;
  std::string error;
  std::optional<core::SessionRecord> new_record;
  std::string new_record_fingerprint;
};

enum class SyncAction { import, update, unchanged };

struct SyncOptions {
  bool with_signals = false;
  bool dry_run = false;
};

struct SyncPlan {
  std::map<std::size_t, core::SessionRecord> updates; // store position -> updated record
  std::vector<core::SessionRecord> new_records;
  std::vector<SyncAction> actions;      // per entry
  std::vector<std::string> session_ids; // per entry: the record it maps to
  std::vector<std::string> warnings;    // full lines for stderr
  SyncIndex index;
  std::size_t imported = 0;
  std::size_t updated = 0;
  std::size_t unchanged = 0;
};

// Returns the entry's extraction, or nullptr when it is not available (yet). The plan may
// move new_record out of it.
using ExtractionLookup = std::function<Extraction*(std::size_t entry)>;

// `records` is the store's content in file order; it is only read.
SyncPlan plan_sync(const std::vector<SyncEntry>& entries,
                   const std::vector<core::SessionRecord>& records,
                   SyncIndex index,
                   const SyncOptions& options,
                   const ExtractionLookup& extraction);

// plan_sync() without parsing anything: which entries the real plan will parse (`to_parse`),
// and the counts and index as far as they are known without those signals. New records are
// counted but not built. A dry run is exactly this.
SyncPlan preview_sync(const std::vector<SyncEntry>& entries,
                      const std::vector<core::SessionRecord>& records,
                      SyncIndex index,
                      const SyncOptions& options,
                      std::vector<std::size_t>& to_parse);

} // namespace gptme_sessions::host
