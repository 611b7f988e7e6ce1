// Trajectory timestamps: Python 3.11 datetime.fromisoformat rules (after "Z" -> "+00:00"),
// Python isoformat() output, and the naive-as-local interpretation gptme needs.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace gptme_sessions::core::signals {

struct Timestamp {
  // Microseconds since 1970-01-01T00:00:00 of the wall-clock fields as written.
  std::int64_t wall_us = 0;
  // UTC offset in microseconds when the text carried one; naive otherwise.
  std::optional<std::int64_t> offset_us;

  bool naive() const { return !offset_us.has_value(); }
  // The instant, reading a naive value as UTC (how the reference computes durations).
  std::int64_t instant_us() const { return wall_us - offset_us.value_or(0); }
};

// nullopt when the text is not a timestamp Python's fromisoformat would accept.
GPTME_SESSIONS_CORE_EXPORT std::optional<Timestamp> parse_timestamp(std::string_view text);

// Python datetime.isoformat(): YYYY-MM-DDTHH:MM:SS[.ffffff][+HH:MM[:SS[.ffffff]]].
GPTME_SESSIONS_CORE_EXPORT std::string isoformat(const Timestamp& ts);

// A naive value read as local time of this process's time zone (TZ), offset attached.
// Aware values are returned unchanged.
GPTME_SESSIONS_CORE_EXPORT Timestamp assume_local(const Timestamp& ts);

// strftime-style fields of the wall clock as written: "%Y-%m-%d" and "%H%M".
GPTME_SESSIONS_CORE_EXPORT std::string wall_date(const Timestamp& ts);
GPTME_SESSIONS_CORE_EXPORT std::string wall_hhmm(const Timestamp& ts);

// True when text is a valid calendar date "YYYY-MM-DD" (Python date.fromisoformat).
GPTME_SESSIONS_CORE_EXPORT bool is_iso_date(std::string_view text);

} // namespace gptme_sessions::core::signals
