// Entry point of the Claude Code harness plugin.
#include "claude_discoverer.hpp"
#include "claude_extractor.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

const gptme_sessions::sdk::PluginInfo* get_harness_claude_code_plugin_info() {
  using namespace gptme_sessions::plugins::harness_claude_code;
  static const gptme_sessions::sdk::PluginInfo info =
      gptme_sessions::sdk::make_plugin_info<ClaudeCodeDiscoverer, ClaudeCodeSignalExtractor>(
          GPTME_SESSIONS_PLUGIN_NAME, "0.1.0");
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_harness_claude_code_plugin_info)
