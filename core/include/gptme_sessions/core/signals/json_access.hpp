// Reading members of a trajectory's JSON records as every format plugin needs them: a member
// of the wrong type reads like an absent one, as the reference's `.get(key)` plus isinstance
// checks do.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <string_view>

namespace gptme_sessions::core::signals {

// The member's text, viewing into `object`; empty when absent or not a string.
GPTME_SESSIONS_CORE_EXPORT std::string_view string_of(const boost::json::object& object,
                                                      std::string_view key);

// The member when it is an object; nullptr otherwise.
GPTME_SESSIONS_CORE_EXPORT const boost::json::object* object_of(const boost::json::object& object,
                                                                std::string_view key);

// Python truthiness of a member found with if_contains(): absent (nullptr) is false, like
// `bool(d.get(key))`.
GPTME_SESSIONS_CORE_EXPORT bool truthy(const boost::json::value* value);

} // namespace gptme_sessions::core::signals
