// Host services handed to plugin factories. Plugins never configure logging or touch host
// globals; everything they need from the host comes through here.
#pragma once

#include <gptme_sessions/sdk/export.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace gptme_sessions::sdk {

enum class LogLevel { debug, info, warning, error };

class GPTME_SESSIONS_SDK_EXPORT PluginContext {
public:
  virtual ~PluginContext();
  // The plugin's name as loaded; log lines are tagged with it.
  virtual std::string_view plugin_name() const = 0;
  virtual void log(LogLevel level, std::string_view message) = 0;
  // A setting for this plugin: command-line values first, then the environment. Keys are
  // documented by each plugin (e.g. "model", "base_url"). Secrets read here must never be
  // logged.
  virtual std::optional<std::string> config(std::string_view key) const = 0;
  // Long-running work polls this and stops early when it turns true.
  virtual bool cancelled() const = 0;
};

} // namespace gptme_sessions::sdk
