#include "plugins/plugin_context.hpp"

#include "interrupt.hpp"
#include "logging.hpp"

#include <cctype>
#include <cstdlib>

namespace gptme_sessions::host::plugins {

HostPluginContext::HostPluginContext(std::string plugin_name,
                                     const ConfigMap& config,
                                     const std::atomic<bool>& cancel)
    : m_name(std::move(plugin_name)), m_config(config), m_cancel(cancel) {}

bool HostPluginContext::cancelled() const {
  return m_cancel.load(std::memory_order_relaxed) || interrupted();
}

void HostPluginContext::log(sdk::LogLevel level, std::string_view message) {
  std::string line = m_name + ": " + std::string(message);
  switch (level) {
  case sdk::LogLevel::debug:
    log_debug(line);
    break;
  case sdk::LogLevel::info:
    log_info(line);
    break;
  case sdk::LogLevel::warning:
    log_warning(line);
    break;
  case sdk::LogLevel::error:
    log_error(line);
    break;
  }
}

std::optional<std::string> HostPluginContext::config(std::string_view key) const {
  if (auto it = m_config.find(key); it != m_config.end())
    return it->second;
  if (const char* value = std::getenv(env_name(m_name, key).c_str()))
    return std::string(value);
  return std::nullopt;
}

std::string HostPluginContext::env_name(std::string_view plugin_name, std::string_view key) {
  std::string name = "GPTME_SESSIONS_";
  auto append = [&name](std::string_view part) {
    for (char c : part)
      name += c == '-' ? '_' : static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  };
  append(plugin_name);
  name += '_';
  append(key);
  return name;
}

} // namespace gptme_sessions::host::plugins
