// Run analytics over session records (spec store-and-cli §6.3): duration buckets, NOOP rates,
// short runs, daily counts and model outcomes.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <boost/json/object.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gptme_sessions::core {

// Bucket names in their fixed output order.
inline constexpr std::array<std::string_view, 6> k_duration_buckets = {
    "<1m", "1-5m", "5-15m", "15-30m", "30m+", "unknown"};

// Index into k_duration_buckets for a duration in seconds (<= 0 is "unknown").
GPTME_SESSIONS_CORE_EXPORT std::size_t duration_bucket(std::int64_t seconds);

struct GPTME_SESSIONS_CORE_EXPORT NoopCounts {
  std::int64_t total = 0;
  std::int64_t noop = 0;
  double rate() const { return total ? static_cast<double>(noop) / total : 0.0; }
};

struct GPTME_SESSIONS_CORE_EXPORT OutcomeCounts {
  std::int64_t total = 0;
  std::int64_t productive = 0;
  std::int64_t noop = 0;
  double rate() const { return total ? static_cast<double>(productive) / total : 0.0; }
};

struct GPTME_SESSIONS_CORE_EXPORT RunAnalytics {
  std::int64_t total = 0;
  std::array<std::int64_t, k_duration_buckets.size()> duration_distribution{};
  std::map<std::string, NoopCounts> noop_by_run_type; // run type or "null"
  // Runs with 0 < duration < 120 s per run type, in the order the run types were first seen.
  std::vector<std::pair<std::string, std::int64_t>> short_runs;
  std::map<std::string, std::int64_t> daily_counts;   // first 10 characters of the timestamp
  std::map<std::string, OutcomeCounts> model_outcome; // normalized model or "null"
};

class GPTME_SESSIONS_CORE_EXPORT RunAnalyticsAccumulator {
public:
  RunAnalyticsAccumulator();
  ~RunAnalyticsAccumulator();
  RunAnalyticsAccumulator(RunAnalyticsAccumulator&&) noexcept;
  RunAnalyticsAccumulator& operator=(RunAnalyticsAccumulator&&) noexcept;

  void add(const SessionRecord& record);
  std::int64_t count() const;
  RunAnalytics result() const;

private:
  struct Impl;
  std::unique_ptr<Impl> m_impl;
};

GPTME_SESSIONS_CORE_EXPORT RunAnalytics
compute_run_analytics(const std::vector<SessionRecord>& records);

// {"total": 0} when empty; else the keys in the spec's order.
GPTME_SESSIONS_CORE_EXPORT boost::json::object run_analytics_to_json(const RunAnalytics& runs);
// The text report (no trailing newline); "No session records found." when empty.
GPTME_SESSIONS_CORE_EXPORT std::string format_run_analytics(const RunAnalytics& runs);

} // namespace gptme_sessions::core
