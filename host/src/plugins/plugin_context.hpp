// The host's side of sdk::PluginContext: one per loaded plugin, owned by the registry and
// alive as long as every object that plugin created (factories may keep the reference).
#pragma once

#include <gptme_sessions/sdk/plugin_context.hpp>

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace gptme_sessions::host::plugins {

// Settings for one plugin, keyed like the plugin documents them ("model", "base_url", ...).
using ConfigMap = std::map<std::string, std::string, std::less<>>;

class HostPluginContext final : public sdk::PluginContext {
public:
  // `config` and `cancel` are owned by the registry and outlive this context.
  HostPluginContext(std::string plugin_name,
                    const ConfigMap& config,
                    const std::atomic<bool>& cancel);

  std::string_view plugin_name() const override { return m_name; }
  // Goes to the host's Boost.Log core (plugins never add sinks) as "<plugin>: <message>".
  void log(sdk::LogLevel level, std::string_view message) override;
  // The host's settings for this plugin first (filled from command-line options), then the
  // environment variable GPTME_SESSIONS_<PLUGIN>_<KEY> (upper case, '-' as '_'), e.g.
  // GPTME_SESSIONS_JUDGE_OPENAI_BASE_URL. Values are never logged: they may be secrets.
  std::optional<std::string> config(std::string_view key) const override;
  // The registry's request_cancel(), or Ctrl-C inside an InterruptScope (interrupt.hpp).
  bool cancelled() const override;

  // The environment variable config(key) falls back to.
  static std::string env_name(std::string_view plugin_name, std::string_view key);

private:
  std::string m_name;
  const ConfigMap& m_config;
  const std::atomic<bool>& m_cancel;
};

} // namespace gptme_sessions::host::plugins
