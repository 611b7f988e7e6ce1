// Entry point of the judge-rules plugin.
#include "rules_judge.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

namespace {

namespace sdk = gptme_sessions::sdk;

sdk::PluginInfo plugin_info() {
  // RulesJudge needs no PluginContext: its factory default-constructs it.
  sdk::PluginInfo info =
      sdk::make_plugin_info<judge_rules::RulesJudge>(GPTME_SESSIONS_PLUGIN_NAME, "0.1.0");
#ifdef GPTME_SESSIONS_EXAMPLE_FAKE_ABI
  // TEST HOOK, not something a plugin should do: tests/examples rebuilds this example with
  // -DGPTME_SESSIONS_EXAMPLE_FAKE_ABI=99 to check that the host rejects a plugin built for
  // another ABI, naming both versions, and keeps working.
  info.abi_version = GPTME_SESSIONS_EXAMPLE_FAKE_ABI;
#endif
  return info;
}

} // namespace

const gptme_sessions::sdk::PluginInfo* get_judge_rules_plugin_info() {
  static const sdk::PluginInfo info = plugin_info();
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_judge_rules_plugin_info)
