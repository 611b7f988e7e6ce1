// Loads one plugin file through the validation pipeline (architecture guide §7.5). Each stage
// either passes or rejects the file with a one-line reason; no plugin code runs before the
// library_info pre-check has found the entry point, and the descriptor's body is not touched
// before its frozen head (ABI version, size) has been checked.
#pragma once

#include <gptme_sessions/sdk/abi.hpp>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::host::plugins {

// In pipeline order. `duplicate` is decided by the registry (it needs the other plugins) and
// `create` by the first factory call; the loader itself stops at `fields`.
enum class Stage { pre_check, open, entry, abi, size, build, fields, duplicate, create };
std::string_view to_string(Stage stage);

// An opened library. Opaque so no Boost.DLL type reaches the rest of the host. It is opened
// with RTLD_NODELETE and never unloaded: objects, typeinfo and thread-exit hooks from plugins
// may outlive any scope we could pick.
class Library;

struct LoadedPlugin {
  std::filesystem::path path;
  const sdk::PluginInfo* info = nullptr; // points into the library, valid for the process
  std::shared_ptr<const Library> library;
};

struct RejectedPlugin {
  std::filesystem::path path;
  Stage stage = Stage::pre_check;
  std::string message; // one line, without the "skipping plugin '<path>': " prefix
  // What could safely be read before the rejection (empty / nullopt otherwise).
  std::optional<std::uint32_t> abi_version;
  std::string name;
  std::string version;
  std::uint32_t kinds = 0;
};

struct LoadStep {
  Stage stage;
  bool ok;
  std::string detail; // what passed ("ABI 1", ...) or, for the failing step, the reason
};

struct LoadResult {
  std::optional<LoadedPlugin> loaded; // exactly one of loaded / rejected is set
  std::optional<RejectedPlugin> rejected;
  std::vector<LoadStep> steps; // every stage that ran, for `plugins check`
};

// `path` should be absolute; it is used as given in messages.
LoadResult load_plugin(const std::filesystem::path& path);

// What GPTME_SESSIONS_BUILD_ID expands to in the host; a plugin must match it exactly.
std::string_view host_build_id();

// "harness_discoverer", "signal_extractor", "judge", or "-" for none, comma-separated.
std::string kinds_to_string(std::uint32_t kinds);
// The kind names of each known bit, in bit order.
std::vector<std::string_view> kind_names(std::uint32_t kinds);

} // namespace gptme_sessions::host::plugins
