#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/core/signals/json_access.hpp>

namespace gptme_sessions::core::signals {

std::string_view string_of(const boost::json::object& object, std::string_view key) {
  const boost::json::value* v = object.if_contains(key);
  return v != nullptr && v->is_string() ? std::string_view(v->get_string()) : std::string_view{};
}

const boost::json::object* object_of(const boost::json::object& object, std::string_view key) {
  const boost::json::value* v = object.if_contains(key);
  return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

bool truthy(const boost::json::value* value) {
  return value != nullptr && json_truthy(*value);
}

} // namespace gptme_sessions::core::signals
