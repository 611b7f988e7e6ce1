// Settings every harness plugin reads the same way through PluginContext::config(), so that a
// key spelled the same means the same in each plugin. Header-only: nothing here crosses the
// plugin boundary.
#pragma once

#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace gptme_sessions::sdk {

// A switch: "1", "true", "yes" or "on" turn it on, any other value off; unset gives fallback.
inline bool config_flag(const PluginContext& context, std::string_view key, bool fallback = false) {
  const auto value = context.config(key);
  if (!value)
    return fallback;
  return *value == "1" || *value == "true" || *value == "yes" || *value == "on";
}

// Reader options with the "max_line_bytes" setting applied (a value that is not a number
// keeps the default).
inline core::signals::JsonlReaderOptions jsonl_reader_options(const PluginContext& context) {
  core::signals::JsonlReaderOptions options;
  if (auto max = context.config("max_line_bytes")) {
    try {
      options.max_line_bytes = std::stoull(*max);
    } catch (const std::exception&) {
      // Not a number: keep the default.
    }
  }
  return options;
}

} // namespace gptme_sessions::sdk
