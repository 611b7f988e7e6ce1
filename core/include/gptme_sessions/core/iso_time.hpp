// ISO 8601 timestamps as the --since filter reads them (Python datetime.fromisoformat).
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace gptme_sessions::core {

// Microseconds since the Unix epoch. Accepts YYYY-MM-DD and
// YYYY-MM-DD(T| )HH[:MM[:SS[.fraction]]] with an optional offset Z, ±HH, ±HHMM, ±HH:MM
// (seconds allowed in the offset). A timestamp without offset is local time (a date alone
// is local midnight). nullopt when the text is not such a timestamp or names no real date.
GPTME_SESSIONS_CORE_EXPORT std::optional<std::int64_t>
parse_iso_timestamp_us(std::string_view text);

// Current time in microseconds since the Unix epoch.
GPTME_SESSIONS_CORE_EXPORT std::int64_t now_us();

} // namespace gptme_sessions::core
