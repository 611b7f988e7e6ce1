// The one JSON writer for store lines and every --json output: Python json.dumps style
// (floats as Python repr, ASCII-only with \uXXXX escapes, ", " / ": " separators).
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <boost/json/value.hpp>

#include <string>
#include <string_view>

namespace gptme_sessions::core {

struct JsonStyle {
  int indent = -1; // < 0: one line with ", " and ": "; >= 0: pretty with that many spaces
};

GPTME_SESSIONS_CORE_EXPORT void
write_json(std::string& out, const boost::json::value& value, JsonStyle style = {});
// The same, for a value nested `depth` levels deep in a pretty document: inner lines are
// indented for that depth, so the result can be spliced into an enclosing array or object
// (depth does not matter for one-line output).
GPTME_SESSIONS_CORE_EXPORT void
write_json(std::string& out, const boost::json::value& value, JsonStyle style, int depth);
GPTME_SESSIONS_CORE_EXPORT std::string to_json(const boost::json::value& value,
                                               JsonStyle style = {});
// Appends one JSON string literal (quotes included) with the escaping described above.
GPTME_SESSIONS_CORE_EXPORT void write_json_string(std::string& out, std::string_view text);
// json.dumps(value, indent=2)
GPTME_SESSIONS_CORE_EXPORT std::string to_json_pretty(const boost::json::value& value);
// Python repr() of a float: shortest round-trip, always float-looking (1.0, 1e-05, 1e+16).
GPTME_SESSIONS_CORE_EXPORT std::string python_float_repr(double value);

} // namespace gptme_sessions::core
