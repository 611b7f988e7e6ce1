// Entry point only; the logic is in codex_discoverer.cpp.
#include "codex_discoverer.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

namespace harness_codex {

namespace {
std::unique_ptr<gptme_sessions::sdk::HarnessDiscoverer>
make_discoverer(gptme_sessions::sdk::PluginContext& context) {
  return std::make_unique<CodexDiscoverer>(context);
}
} // namespace

const gptme_sessions::sdk::PluginInfo* get_harness_codex_plugin_info() {
  static const gptme_sessions::sdk::PluginInfo info = gptme_sessions::sdk::make_plugin_info(
      "harness-codex",
      "0.1.0",
      static_cast<std::uint32_t>(gptme_sessions::sdk::PluginKind::harness_discoverer),
      make_discoverer,
      nullptr,
      nullptr);
  return &info;
}

} // namespace harness_codex

GPTME_SESSIONS_PLUGIN(harness_codex::get_harness_codex_plugin_info)
