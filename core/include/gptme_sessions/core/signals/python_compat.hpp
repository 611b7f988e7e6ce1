// Python behaviours the reference's numbers depend on: round(), str() and
// json.dumps(ensure_ascii=False) sizes.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <boost/json/value.hpp>

#include <cstddef>
#include <optional>
#include <string>

namespace gptme_sessions::core::signals {

// Python round(x, digits): round half to even on the exact binary value.
GPTME_SESSIONS_CORE_EXPORT double py_round(double value, int digits);

// Python str(value) of the object json.loads produced (None, True, 'text', {'k': 1}, ...).
GPTME_SESSIONS_CORE_EXPORT void append_python_str(std::string& out,
                                                  const boost::json::value& value);
GPTME_SESSIONS_CORE_EXPORT std::string python_str(const boost::json::value& value);

// UTF-8 byte length of json.dumps(value, ensure_ascii=False) (", " / ": " separators).
GPTME_SESSIONS_CORE_EXPORT std::size_t json_dumps_utf8_size(const boost::json::value& value);

// A token counter as the reference accepts it: an integer or an integral float; booleans,
// strings and fractions are not counters.
GPTME_SESSIONS_CORE_EXPORT std::optional<std::int64_t> as_counter(const boost::json::value* value);

// A JSON number as a double (int or float), nullopt otherwise.
GPTME_SESSIONS_CORE_EXPORT std::optional<double> as_number(const boost::json::value* value);

} // namespace gptme_sessions::core::signals
