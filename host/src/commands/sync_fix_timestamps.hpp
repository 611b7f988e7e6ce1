// `sync --fix-timestamps` (spec §11): repair record timestamps from their trajectories, for
// stores filled by older importers that stamped the sync date or a noon placeholder. Discovery
// is not involved: every record with a trajectory_path is checked against what its harness
// plugin reports for that path.
#pragma once

#include "cli/command.hpp"

#include <gptme_sessions/core/session_record.hpp>

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::host {

// What a record's harness knows about its trajectory's time.
struct TrajectoryTime {
  // Python isoformat of the first logged event; only set when the trajectory is a file that
  // could be read (the spec's "first-line datetime").
  std::optional<std::string> start_time;
  // "YYYY-MM-DD" as discovery derives it (gptme: the directory name, without reading), empty
  // when unknown.
  std::string session_date;
};

// The timestamp a record should carry instead of `stored`, or nullopt when `stored` is right
// or the trajectory tells nothing.
std::optional<std::string> corrected_timestamp(std::string_view stored, const TrajectoryTime& time);

struct TimestampFix {
  std::size_t position = 0; // index into the records
  std::string session_id;
  std::string trajectory_path;
  std::string old_timestamp;
  std::string new_timestamp;
};

struct TimestampFixPlan {
  std::vector<TimestampFix> fixes; // in record order
  std::size_t total = 0;           // records looked at (all of them)
  std::size_t unchecked = 0;       // with a trajectory_path, but no time could be learned
};

// Asked once per record that has a non-empty trajectory_path; nullopt means "cannot tell".
using TrajectoryTimeLookup =
    std::function<std::optional<TrajectoryTime>(const core::SessionRecord& record)>;

// Decides every fix without touching the disk (the lookup does the reading).
TimestampFixPlan plan_timestamp_fixes(const std::vector<core::SessionRecord>& records,
                                      const TrajectoryTimeLookup& lookup);

// The command: dry-run listing or one locked rewrite, text or --json.
int run_fix_timestamps(CommandContext& context);

} // namespace gptme_sessions::host
