// Aggregate statistics over session records (spec store-and-cli §6.1/§6.2): outcome counts,
// durations and success rates grouped by model, run type, harness and project.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <boost/json/object.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core {

// Joins the two parts of a combined group key: "sonnet×autonomous" (U+00D7).
inline constexpr std::string_view k_group_key_separator = "\xC3\x97";

struct GPTME_SESSIONS_CORE_EXPORT GroupCounts {
  std::int64_t total = 0;
  std::int64_t productive = 0;
  double rate() const { return total ? static_cast<double>(productive) / total : 0.0; }
};

// Over the records with duration_seconds > 0 only.
struct GPTME_SESSIONS_CORE_EXPORT DurationSummary {
  std::int64_t count = 0;
  std::int64_t sum = 0; // seconds
  std::int64_t min = 0;
  std::int64_t max = 0;
  double avg() const { return static_cast<double>(sum) / static_cast<double>(count); }
  double total_hours() const { return static_cast<double>(sum) / 3600.0; }
};

// Group maps are ordered by key bytes, i.e. by code point (UTF-8 preserves the order).
using GroupTable = std::map<std::string, GroupCounts>;

struct GPTME_SESSIONS_CORE_EXPORT SessionStats {
  std::int64_t total = 0;
  std::int64_t productive = 0;
  std::int64_t noop = 0;
  std::int64_t violated_policy = 0;
  std::optional<DurationSummary> duration; // nullopt: no record has a duration
  GroupTable by_model;                     // normalized model, "null" when missing
  GroupTable by_run_type;
  GroupTable by_model_run_type; // "<model>×<run type>"
  GroupTable by_harness;
  GroupTable by_harness_model;          // "<harness>×<model>"
  std::optional<GroupTable> by_project; // last path component; only when some record has one

  double success_rate() const { return total ? static_cast<double>(productive) / total : 0.0; }
};

// Builds SessionStats one record at a time, so a scan of the store never holds the records.
class GPTME_SESSIONS_CORE_EXPORT StatsAccumulator {
public:
  StatsAccumulator();
  ~StatsAccumulator();
  StatsAccumulator(StatsAccumulator&&) noexcept;
  StatsAccumulator& operator=(StatsAccumulator&&) noexcept;

  void add(const SessionRecord& record);
  std::int64_t count() const;
  SessionStats result() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

GPTME_SESSIONS_CORE_EXPORT SessionStats compute_stats(const std::vector<SessionRecord>& records);

// {"total": 0} when empty; else the keys in the spec's order.
GPTME_SESSIONS_CORE_EXPORT boost::json::object stats_to_json(const SessionStats& stats);
// The text report, ending with a blank line; "No session records found." when empty.
GPTME_SESSIONS_CORE_EXPORT std::string format_stats(const SessionStats& stats);

} // namespace gptme_sessions::core
