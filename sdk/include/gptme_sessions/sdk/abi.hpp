// The plugin ABI: the descriptor every plugin exports. Kept tiny on purpose: the frozen head
// (abi_version, info_size) must be readable by any host, old or new.
#pragma once

#include <cstdint>
#include <memory>

namespace gptme_sessions::sdk {

class HarnessDiscoverer;
class SignalExtractor;
class Judge;
class PluginContext;

// Bump on any change to a type that crosses the plugin boundary: the interfaces,
// PluginContext, the value types they exchange (including core::SessionRecord), or the body
// of PluginInfo. C++ vtables cannot grow safely, so the host demands an exact match.
inline constexpr std::uint32_t k_plugin_abi_version = 1;

enum class PluginKind : std::uint32_t {
  harness_discoverer = 1u << 0,
  signal_extractor = 1u << 1,
  judge = 1u << 2,
};
inline constexpr std::uint32_t k_known_plugin_kinds = 0x7u;

constexpr std::uint32_t operator|(PluginKind a, PluginKind b) {
  return static_cast<std::uint32_t>(a) | static_cast<std::uint32_t>(b);
}
constexpr std::uint32_t operator|(std::uint32_t a, PluginKind b) {
  return a | static_cast<std::uint32_t>(b);
}

// Expanded in the plugin's own translation unit, so it describes the plugin's compile, not
// the SDK's: standard library family and ABI, and the Boost version (Boost types cross the
// boundary).
#define GPTME_SESSIONS_STR2(x) #x
#define GPTME_SESSIONS_STR(x) GPTME_SESSIONS_STR2(x)
#if defined(_GLIBCXX_RELEASE)
#define GPTME_SESSIONS_STDLIB "libstdc++" GPTME_SESSIONS_STR(_GLIBCXX_USE_CXX11_ABI)
#elif defined(_LIBCPP_VERSION)
#define GPTME_SESSIONS_STDLIB "libc++"
#else
#define GPTME_SESSIONS_STDLIB "unknown-stdlib"
#endif
#define GPTME_SESSIONS_BUILD_ID GPTME_SESSIONS_STDLIB "-boost" GPTME_SESSIONS_STR(BOOST_VERSION)

struct PluginInfo {
  // Frozen head: never moves, never changes meaning.
  std::uint32_t abi_version; // k_plugin_abi_version when the plugin was built
  std::uint32_t info_size;   // sizeof(PluginInfo) when the plugin was built
  // Body: may change only together with abi_version.
  const char* build_id; // GPTME_SESSIONS_BUILD_ID, expanded in the plugin
  const char* name;     // equals the file stem, [a-z0-9-]+
  const char* version;  // the plugin's own version
  std::uint32_t kinds;  // OR of PluginKind
  std::unique_ptr<HarnessDiscoverer> (*make_harness_discoverer)(PluginContext&);
  std::unique_ptr<SignalExtractor> (*make_signal_extractor)(PluginContext&);
  std::unique_ptr<Judge> (*make_judge)(PluginContext&);
};

// The exported alias name and its ELF section (section names are limited to 8 bytes).
inline constexpr const char* k_plugin_entry_symbol = "gptme_sessions_plugin_info";
inline constexpr const char* k_plugin_entry_section = "gsplugin";

} // namespace gptme_sessions::sdk
