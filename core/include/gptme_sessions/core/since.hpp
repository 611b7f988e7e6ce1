// The --since grammar shared by every command with a time window ("7d", "2 hours ago",
// "all"), and the wording of a window in messages.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gptme_sessions::core {

// A --since value outside the grammar. what() is the text after "Invalid value for
// '--since': ", e.g. "invalid value 'abc' (expected e.g. 90s, 30m, 2h, 7d, 2w, '2 hours ago',
// or 'all')".
class GPTME_SESSIONS_CORE_EXPORT SinceParseError : public std::invalid_argument {
public:
  using std::invalid_argument::invalid_argument;
  ~SinceParseError() override;
};

// Days covered by a --since value; nullopt means no limit ("", "all"). Throws SinceParseError.
GPTME_SESSIONS_CORE_EXPORT std::optional<double> parse_since_days(std::string_view text);

// "30 days", "1.5 days", "12 hours", "30 minutes", "60 seconds"; nullopt -> "all time".
GPTME_SESSIONS_CORE_EXPORT std::string format_since(std::optional<double> days);

// Python repr() of a str: 'abc', "it's", with backslash escapes for control characters.
GPTME_SESSIONS_CORE_EXPORT std::string python_str_repr(std::string_view text);

} // namespace gptme_sessions::core
