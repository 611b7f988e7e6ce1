// Typed reads of one field of the JSON objects the host keeps in its own files (sync index,
// plugin cache): nullopt when the field is missing or of another type, so a damaged entry is
// skipped instead of misread.
#pragma once

#include <boost/json/object.hpp>

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>

namespace gptme_sessions::host {

inline std::optional<std::int64_t> int64_field(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr)
    return std::nullopt;
  if (v->is_int64())
    return v->get_int64();
  if (v->is_uint64() &&
      v->get_uint64() <= static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()))
    return static_cast<std::int64_t>(v->get_uint64());
  return std::nullopt;
}

inline std::optional<std::uint64_t> uint64_field(const boost::json::object& o,
                                                 std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr)
    return std::nullopt;
  if (v->is_uint64())
    return v->get_uint64();
  if (v->is_int64() && v->get_int64() >= 0)
    return static_cast<std::uint64_t>(v->get_int64());
  return std::nullopt;
}

inline std::optional<std::string> string_field(const boost::json::object& o, std::string_view key) {
  const boost::json::value* v = o.if_contains(key);
  if (v == nullptr || !v->is_string())
    return std::nullopt;
  return std::string(v->get_string());
}

} // namespace gptme_sessions::host
