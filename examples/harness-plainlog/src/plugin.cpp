// Entry point of the harness-plainlog plugin: the one exported symbol. The host reads this
// descriptor, checks the ABI and build id, and calls the factories when a command needs a
// discoverer or an extractor.
#include "plainlog_discoverer.hpp"
#include "plainlog_extractor.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

namespace {

namespace sdk = gptme_sessions::sdk;

std::unique_ptr<sdk::HarnessDiscoverer> make_discoverer(sdk::PluginContext& context) {
  return std::make_unique<plainlog::PlainlogDiscoverer>(context);
}

std::unique_ptr<sdk::SignalExtractor> make_extractor(sdk::PluginContext& context) {
  return std::make_unique<plainlog::PlainlogExtractor>(context);
}

} // namespace

const gptme_sessions::sdk::PluginInfo* get_harness_plainlog_plugin_info() {
  // GPTME_SESSIONS_PLUGIN_NAME is set by gptme_sessions_add_plugin(): the file stem.
  static const sdk::PluginInfo info =
      sdk::make_plugin_info(GPTME_SESSIONS_PLUGIN_NAME,
                            "0.1.0",
                            sdk::PluginKind::harness_discoverer | sdk::PluginKind::signal_extractor,
                            &make_discoverer,
                            &make_extractor,
                            nullptr);
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_harness_plainlog_plugin_info)
