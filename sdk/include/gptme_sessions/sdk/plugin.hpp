// The entry-point macro. The only SDK header that includes Boost.DLL.
//
// Usage, in exactly one .cpp of a plugin:
//   const gptme_sessions::sdk::PluginInfo* get_my_plugin_info() {
//     static const gptme_sessions::sdk::PluginInfo info{ ... };
//     return &info;
//   }
//   GPTME_SESSIONS_PLUGIN(get_my_plugin_info)
#pragma once

#include <gptme_sessions/sdk/abi.hpp>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>
#include <boost/version.hpp>

#define GPTME_SESSIONS_PLUGIN(info_fn)                                                             \
  BOOST_DLL_ALIAS_SECTIONED(info_fn, gptme_sessions_plugin_info, gsplugin)

namespace gptme_sessions::sdk {

// Fills the frozen head and build id from this translation unit's view of the SDK.
constexpr PluginInfo make_plugin_info(const char* name,
                                      const char* version,
                                      std::uint32_t kinds,
                                      decltype(PluginInfo::make_harness_discoverer) harness,
                                      decltype(PluginInfo::make_signal_extractor) extractor,
                                      decltype(PluginInfo::make_judge) judge) {
  return PluginInfo{k_plugin_abi_version,
                    static_cast<std::uint32_t>(sizeof(PluginInfo)),
                    GPTME_SESSIONS_BUILD_ID,
                    name,
                    version,
                    kinds,
                    harness,
                    extractor,
                    judge};
}

} // namespace gptme_sessions::sdk
