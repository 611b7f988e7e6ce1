// Entry point of the harness-plainlog plugin: the one exported symbol. The host reads this
// descriptor, checks the ABI and build id, and calls the factories when a command needs a
// discoverer or an extractor.
#include "plainlog_discoverer.hpp"
#include "plainlog_extractor.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

const gptme_sessions::sdk::PluginInfo* get_harness_plainlog_plugin_info() {
  using plainlog::PlainlogDiscoverer;
  using plainlog::PlainlogExtractor;
  // GPTME_SESSIONS_PLUGIN_NAME is set by gptme_sessions_add_plugin(): the file stem. Kinds
  // and factories follow from the classes' interfaces (each built from the PluginContext&).
  static const gptme_sessions::sdk::PluginInfo info =
      gptme_sessions::sdk::make_plugin_info<PlainlogDiscoverer, PlainlogExtractor>(
          GPTME_SESSIONS_PLUGIN_NAME, "0.1.0");
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_harness_plainlog_plugin_info)
