#include "plugins/loader.hpp"

#include <boost/core/demangle.hpp>
#include <boost/dll/library_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <boost/version.hpp>

#include <dlfcn.h>

#include <algorithm>
#include <cstdio>
#include <exception>
#include <system_error>

namespace gptme_sessions::host::plugins {

namespace fs = std::filesystem;

class Library {
public:
  explicit Library(boost::dll::shared_library library) : m_library(std::move(library)) {}

private:
  // Destroying this calls dlclose, which RTLD_NODELETE turns into a no-op for the mapping.
  boost::dll::shared_library m_library;
};

namespace {

using InfoFunction = const sdk::PluginInfo*();

constexpr std::string_view k_undefined_symbol = "undefined symbol: ";

// Boost.DLL's throwing load reports "<context> (dlerror system message: <text>): Bad file
// descriptor". Only <text> helps, and the errno suffix is misleading (Boost.DLL#22). The
// path prefix dlerror adds is dropped because every message already names the plugin, and
// an undefined C++ symbol is demangled so the author recognises it.
std::string clean_dlerror(std::string text, const fs::path& path) {
  constexpr std::string_view marker = "(dlerror system message: ";
  if (auto at = text.find(marker); at != std::string::npos) {
    text.erase(0, at + marker.size());
    if (auto close = text.rfind("): "); close != std::string::npos)
      text.erase(close); // ")" plus the errno text
    else if (text.ends_with(')'))
      text.pop_back();
  } else if (constexpr std::string_view suffix = ": Bad file descriptor"; text.ends_with(suffix)) {
    text.erase(text.size() - suffix.size());
  }
  std::string own_prefix = path.string() + ": ";
  if (text.starts_with(own_prefix))
    text.erase(0, own_prefix.size());
  if (auto at = text.find(k_undefined_symbol); at != std::string::npos) {
    std::size_t begin = at + k_undefined_symbol.size();
    std::size_t end = text.find_first_of(", \t", begin);
    if (end == std::string::npos)
      end = text.size();
    std::string symbol = text.substr(begin, end - begin);
    text.replace(begin, end - begin, boost::core::demangle(symbol.c_str()));
  }
  return text;
}

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

// Shown by `plugins check` for a passing stage.
std::string describe_fields(const sdk::PluginInfo& info) {
  return "name '" + std::string(info.name) + "', version '" + std::string(info.version) +
         "', kinds " + kinds_to_string(info.kinds);
}

struct KindFactory {
  sdk::PluginKind kind;
  bool present;
};

// Every reason the descriptor's body is unusable, first one wins. Runs only after the head
// (ABI version and size) matched, so every field exists.
std::optional<std::string> check_fields(const sdk::PluginInfo& info, const fs::path& path) {
  if (info.name == nullptr || *info.name == '\0')
    return "plugin name is empty";
  std::string name = info.name;
  if (!valid_name(name))
    return "plugin name '" + name + "' must consist of [a-z0-9-] only";
  if (name != path.stem().string())
    return "plugin name '" + name + "' does not match file name '" + path.filename().string() + "'";
  if (info.version == nullptr || *info.version == '\0')
    return "plugin '" + name + "' has no version";
  if (info.kinds == 0)
    return "plugin '" + name + "' declares no kinds";
  if (std::uint32_t unknown = info.kinds & ~sdk::k_known_plugin_kinds; unknown != 0) {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", unknown);
    return "plugin '" + name + "' declares unknown kind bits " + hex;
  }
  const KindFactory factories[] = {
      {sdk::PluginKind::harness_discoverer, info.make_harness_discoverer != nullptr},
      {sdk::PluginKind::signal_extractor, info.make_signal_extractor != nullptr},
      {sdk::PluginKind::judge, info.make_judge != nullptr},
  };
  for (const auto& f : factories) {
    auto bit = static_cast<std::uint32_t>(f.kind);
    std::string kind(kind_names(bit).front());
    bool declared = (info.kinds & bit) != 0;
    if (declared && !f.present)
      return "declares kind '" + kind + "' but has no " + kind + " factory";
    if (!declared && f.present)
      return "has a " + kind + " factory but does not declare kind '" + kind + "'";
  }
  return std::nullopt;
}

class Pipeline {
public:
  explicit Pipeline(const fs::path& path) : m_path(path) {}

  LoadResult run() {
    if (!pre_check())
      return std::move(m_result);
    auto library = open();
    if (!library)
      return std::move(m_result);
    const sdk::PluginInfo* info = entry(*library);
    if (!info || !head(*info) || !body(*info))
      return std::move(m_result);
    m_result.loaded =
        LoadedPlugin{m_path, info, std::make_shared<const Library>(std::move(*library))};
    return std::move(m_result);
  }

private:
  void pass(Stage stage, std::string detail) {
    m_result.steps.push_back({stage, true, std::move(detail)});
  }
  void fail(Stage stage, std::string message) {
    m_result.steps.push_back({stage, false, message});
    m_rejected.path = m_path;
    m_rejected.stage = stage;
    m_rejected.message = std::move(message);
    m_result.rejected = std::move(m_rejected);
  }

  // library_info reads the ELF tables without running anything; it throws on files that are
  // not ELF (or are truncated), hence the regular-file check and the catch-all.
  bool pre_check() {
    std::error_code ec;
    auto status = fs::status(m_path, ec);
    if (ec || !fs::exists(status)) {
      fail(Stage::pre_check, "no such file");
      return false;
    }
    if (!fs::is_regular_file(status)) {
      fail(Stage::pre_check, "not a gptme-sessions plugin (not a regular file)");
      return false;
    }
    std::vector<std::string> symbols;
    try {
      boost::dll::library_info info(m_path, true);
      symbols = info.symbols(sdk::k_plugin_entry_section);
    } catch (...) {
      fail(Stage::pre_check, "not a gptme-sessions plugin (not a shared library)");
      return false;
    }
    if (std::find(symbols.begin(), symbols.end(), sdk::k_plugin_entry_symbol) == symbols.end()) {
      fail(Stage::pre_check,
           std::string("not a gptme-sessions plugin (no ") + sdk::k_plugin_entry_symbol +
               " export)");
      return false;
    }
    pass(Stage::pre_check,
         std::string(sdk::k_plugin_entry_symbol) + " found in section " +
             sdk::k_plugin_entry_section);
    return true;
  }

  // RTLD_NOW so a missing symbol fails here rather than at first call, RTLD_LOCAL so plugins
  // cannot shadow each other, RTLD_NODELETE so nothing is ever unmapped. The throwing
  // overload is used because the error_code one loses dlerror's text (Boost.DLL#38).
  std::optional<boost::dll::shared_library> open() {
    auto mode = static_cast<boost::dll::load_mode::type>(RTLD_NOW | RTLD_LOCAL | RTLD_NODELETE);
    try {
      boost::dll::shared_library library(m_path, mode);
      pass(Stage::open, "dlopen succeeded");
      return library;
    } catch (const std::exception& e) {
      fail(Stage::open, "cannot load: " + clean_dlerror(e.what(), m_path));
    }
    return std::nullopt;
  }

  // The only place that imports from a plugin: always get_alias (the entry is a
  // BOOST_DLL_ALIAS) with the one signature the SDK defines.
  const sdk::PluginInfo* entry(boost::dll::shared_library& library) {
    const sdk::PluginInfo* info = nullptr;
    try {
      InfoFunction& get_info = library.get_alias<InfoFunction>(sdk::k_plugin_entry_symbol);
      info = get_info();
    } catch (const std::exception& e) {
      fail(Stage::entry,
           std::string("cannot resolve ") + sdk::k_plugin_entry_symbol + ": " +
               clean_dlerror(e.what(), m_path));
      return nullptr;
    } catch (...) {
      fail(Stage::entry, "entry point threw an exception");
      return nullptr;
    }
    if (info == nullptr) {
      fail(Stage::entry, "entry point returned no plugin info");
      return nullptr;
    }
    pass(Stage::entry, "plugin info returned");
    return info;
  }

  bool head(const sdk::PluginInfo& info) {
    m_rejected.abi_version = info.abi_version;
    if (info.abi_version != sdk::k_plugin_abi_version) {
      fail(Stage::abi,
           "built for plugin ABI " + std::to_string(info.abi_version) +
               ", this gptme-sessions supports ABI " + std::to_string(sdk::k_plugin_abi_version) +
               "; rebuild it against gptme-sessions SDK " + GPTME_SESSIONS_VERSION);
      return false;
    }
    pass(Stage::abi, "ABI " + std::to_string(info.abi_version));
    if (info.info_size != sizeof(sdk::PluginInfo)) {
      fail(Stage::size,
           "plugin info size " + std::to_string(info.info_size) + " does not match expected " +
               std::to_string(sizeof(sdk::PluginInfo)) + " (stale SDK headers?)");
      return false;
    }
    pass(Stage::size, std::to_string(info.info_size) + " bytes");
    return true;
  }

  bool body(const sdk::PluginInfo& info) {
    if (info.name)
      m_rejected.name = info.name;
    if (info.version)
      m_rejected.version = info.version;
    m_rejected.kinds = info.kinds;
    std::string build_id = info.build_id ? info.build_id : "";
    if (build_id != host_build_id()) {
      fail(Stage::build,
           "built with '" + build_id + "', this host was built with '" +
               std::string(host_build_id()) + "'");
      return false;
    }
    pass(Stage::build, build_id);
    if (auto problem = check_fields(info, m_path)) {
      fail(Stage::fields, *problem);
      return false;
    }
    pass(Stage::fields, describe_fields(info));
    return true;
  }

  fs::path m_path;
  LoadResult m_result;
  RejectedPlugin m_rejected;
};

} // namespace

std::string_view to_string(Stage stage) {
  switch (stage) {
  case Stage::pre_check:
    return "pre-check";
  case Stage::open:
    return "open";
  case Stage::entry:
    return "entry";
  case Stage::abi:
    return "abi";
  case Stage::size:
    return "size";
  case Stage::build:
    return "build";
  case Stage::fields:
    return "fields";
  case Stage::duplicate:
    return "duplicate";
  case Stage::create:
    return "create";
  }
  return "unknown";
}

std::string_view host_build_id() {
  return GPTME_SESSIONS_BUILD_ID;
}

std::vector<std::string_view> kind_names(std::uint32_t kinds) {
  std::vector<std::string_view> names;
  if (kinds & static_cast<std::uint32_t>(sdk::PluginKind::harness_discoverer))
    names.emplace_back("harness_discoverer");
  if (kinds & static_cast<std::uint32_t>(sdk::PluginKind::signal_extractor))
    names.emplace_back("signal_extractor");
  if (kinds & static_cast<std::uint32_t>(sdk::PluginKind::judge))
    names.emplace_back("judge");
  return names;
}

std::string kinds_to_string(std::uint32_t kinds) {
  std::string text;
  for (auto name : kind_names(kinds))
    text += (text.empty() ? "" : ",") + std::string(name);
  return text.empty() ? "-" : text;
}

LoadResult load_plugin(const fs::path& path) {
  return Pipeline(path).run();
}

} // namespace gptme_sessions::host::plugins
