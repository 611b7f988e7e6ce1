// The entry-point macro. The only SDK header that includes Boost.DLL.
//
// Usage, in exactly one .cpp of a plugin:
//   const gptme_sessions::sdk::PluginInfo* get_my_plugin_info() {
//     static const gptme_sessions::sdk::PluginInfo info =
//         gptme_sessions::sdk::make_plugin_info<MyDiscoverer, MyExtractor>(
//             GPTME_SESSIONS_PLUGIN_NAME, "1.0.0");
//     return &info;
//   }
//   GPTME_SESSIONS_PLUGIN(get_my_plugin_info)
#pragma once

#include <gptme_sessions/sdk/abi.hpp>

#include <boost/config.hpp>
#include <boost/dll/alias.hpp>
#include <boost/version.hpp>

#include <memory>
#include <type_traits>

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

// Everything below is convenience compiled into the plugin: it only fills the PluginInfo
// above and changes nothing in the ABI.

namespace detail {

template <class Interface, class Impl>
std::unique_ptr<Interface> construct(PluginContext& context) {
  if constexpr (std::is_constructible_v<Impl, PluginContext&>)
    return std::make_unique<Impl>(context);
  else
    return std::make_unique<Impl>();
}

template <class Impl>
inline constexpr int interface_count =
    int{std::is_base_of_v<HarnessDiscoverer, Impl>} +
    int{std::is_base_of_v<SignalExtractor, Impl>} + int{std::is_base_of_v<Judge, Impl>};

// Impl's factory when Impl implements Interface, else nullptr.
template <class Interface, class Impl>
constexpr std::unique_ptr<Interface> (*factory_if())(PluginContext&) {
  if constexpr (std::is_base_of_v<Interface, Impl>)
    return &construct<Interface, Impl>;
  else
    return nullptr;
}

template <class Interface, class... Impls>
constexpr std::unique_ptr<Interface> (*factory_among())(PluginContext&) {
  static_assert((int{std::is_base_of_v<Interface, Impls>} + ... + 0) <= 1,
                "make_plugin_info: two classes implement the same interface");
  std::unique_ptr<Interface> (*found)(PluginContext&) = nullptr;
  ((found = found != nullptr ? found : factory_if<Interface, Impls>()), ...);
  return found;
}

} // namespace detail

// The factory for Impl, a class implementing exactly one plugin interface and constructible
// from the PluginContext& (or by default): the pointer type of the matching PluginInfo field.
template <class Impl> constexpr auto make_factory() {
  static_assert(detail::interface_count<Impl> == 1,
                "make_factory: the class must implement exactly one plugin interface");
  if constexpr (std::is_base_of_v<HarnessDiscoverer, Impl>)
    return &detail::construct<HarnessDiscoverer, Impl>;
  else if constexpr (std::is_base_of_v<SignalExtractor, Impl>)
    return &detail::construct<SignalExtractor, Impl>;
  else
    return &detail::construct<Judge, Impl>;
}

// make_plugin_info for the classes Impls... (at most one per interface): kinds and factories
// follow from their base classes, so the two cannot disagree.
template <class... Impls>
constexpr PluginInfo make_plugin_info(const char* name, const char* version) {
  static_assert(sizeof...(Impls) > 0, "make_plugin_info: name at least one class");
  static_assert(((detail::interface_count<Impls> == 1) && ...),
                "make_plugin_info: each class must implement exactly one plugin interface");
  std::uint32_t kinds = 0;
  if (((std::is_base_of_v<HarnessDiscoverer, Impls>) || ...))
    kinds = kinds | PluginKind::harness_discoverer;
  if (((std::is_base_of_v<SignalExtractor, Impls>) || ...))
    kinds = kinds | PluginKind::signal_extractor;
  if (((std::is_base_of_v<Judge, Impls>) || ...))
    kinds = kinds | PluginKind::judge;
  return make_plugin_info(name,
                          version,
                          kinds,
                          detail::factory_among<HarnessDiscoverer, Impls...>(),
                          detail::factory_among<SignalExtractor, Impls...>(),
                          detail::factory_among<Judge, Impls...>());
}

} // namespace gptme_sessions::sdk
