// Entry point of the gptme harness plugin.
#include "gptme_discoverer.hpp"
#include "gptme_extractor.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

namespace {

using namespace gptme_sessions;

std::unique_ptr<sdk::HarnessDiscoverer> make_discoverer(sdk::PluginContext& context) {
  return std::make_unique<plugins::harness_gptme::GptmeDiscoverer>(context);
}

std::unique_ptr<sdk::SignalExtractor> make_extractor(sdk::PluginContext& context) {
  return std::make_unique<plugins::harness_gptme::GptmeSignalExtractor>(context);
}

} // namespace

const gptme_sessions::sdk::PluginInfo* get_harness_gptme_plugin_info() {
  static const sdk::PluginInfo info =
      sdk::make_plugin_info(GPTME_SESSIONS_PLUGIN_NAME,
                            "0.1.0",
                            sdk::PluginKind::harness_discoverer | sdk::PluginKind::signal_extractor,
                            &make_discoverer,
                            &make_extractor,
                            nullptr);
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_harness_gptme_plugin_info)
