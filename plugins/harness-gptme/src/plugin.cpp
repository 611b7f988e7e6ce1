// Entry point of the gptme harness plugin.
#include "gptme_discoverer.hpp"
#include "gptme_extractor.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

const gptme_sessions::sdk::PluginInfo* get_harness_gptme_plugin_info() {
  using namespace gptme_sessions::plugins::harness_gptme;
  static const gptme_sessions::sdk::PluginInfo info =
      gptme_sessions::sdk::make_plugin_info<GptmeDiscoverer, GptmeSignalExtractor>(
          GPTME_SESSIONS_PLUGIN_NAME, "0.1.0");
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_harness_gptme_plugin_info)
