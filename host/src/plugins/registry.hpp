// The plugins of one host run: everything found on the search path, plus the objects their
// factories created. Created on the main thread when a command first asks
// (CommandContext::plugins()).
//
// Loading is lazy where the plugin cache (plugin_cache.hpp) allows: a scanned plugin the cache
// knows for its exact file identity is only opened when a command asks for one of its kinds
// (or for it by name); every other file runs the validation pipeline during the scan, as
// explicit --plugin files always do. So `sync` never pays for loading a judge's libcurl.
//
// Typical use in a command:
//   auto& registry = context.plugins();
//   for (sdk::HarnessDiscoverer* d : registry.harness_discoverers()) ...
//   sdk::Judge& judge = registry.judge("openai", {{"model", *model}});
//
// Lifetime: app.cpp keeps the registry for the whole of run(). Objects created by plugins are
// owned here and destroyed before the registry's libraries, and the libraries are never
// unloaded (RTLD_NODELETE), so nothing a plugin created can outlive its code. Pointers and
// references returned here stay valid as long as the registry. Not thread-safe: load and
// create objects on the main thread, then hand them to workers.
#pragma once

#include "plugins/loader.hpp"
#include "plugins/plugin_cache.hpp"
#include "plugins/plugin_context.hpp"
#include "plugins/search_path.hpp"

#include <gptme_sessions/sdk/abi.hpp>

#include <atomic>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::sdk {
class HarnessDiscoverer;
class SignalExtractor;
class Judge;
} // namespace gptme_sessions::sdk

namespace gptme_sessions::host::plugins {

struct RegistryOptions {
  // Log each rejected scanned plugin (warning; debug for files that are not plugins at all)
  // and then one hint line. `plugins list` turns this off because it prints them itself.
  bool report_rejections = true;
  // Where the plugin cache lives (default_plugin_cache_file()); none: load every plugin now.
  std::optional<std::filesystem::path> cache_file;
};

class Registry {
public:
  // Loads `search.files` (any failure, including a duplicate name, throws UsageError: an
  // explicit plugin the user asked for must not be silently missing), then scans
  // `search.dirs` in order; first plugin name wins, later ones are rejected as duplicates.
  explicit Registry(SearchPath search, RegistryOptions options = {});
  ~Registry();
  Registry(const Registry&) = delete;
  Registry& operator=(const Registry&) = delete;

  // Every plugin that loaded, in load order (explicit files, then directories in order, each
  // sorted by file name). Opens the ones the cache deferred, so their rejections are known.
  std::vector<const LoadedPlugin*> loaded();
  // The rejections so far (all of them after loaded()).
  const std::vector<RejectedPlugin>& rejected() const { return m_rejected; }
  const std::vector<std::filesystem::path>& searched_dirs() const { return m_search.dirs; }
  const std::vector<std::filesystem::path>& explicit_files() const { return m_search.files; }
  // Opens the plugin if it was deferred; nullptr when none of that name loads.
  const LoadedPlugin* find(std::string_view plugin_name);
  // Plugins that declare `kind`, in load order; opens the deferred ones among them.
  std::vector<const LoadedPlugin*> providing(sdk::PluginKind kind);
  // Whether the plugin's library has been opened in this run (deferred ones are not, yet).
  bool is_open(std::string_view plugin_name) const;

  // Settings a plugin reads through PluginContext::config; set them before the plugin's
  // objects are created (factories usually read them once). Ignored for a plugin that is not
  // loaded, so commands can pass options for optional plugins unconditionally.
  void set_config(std::string_view plugin_name, std::string key, std::string value);

  // One object per plugin of that kind, created on first call, in load order. A throwing
  // factory (or one returning null) becomes RuntimeError "plugin '<name>' (<path>) failed to
  // create a <Interface>: <what>"; the plugin's exception never leaves this call.
  std::vector<sdk::HarnessDiscoverer*> harness_discoverers();
  std::vector<sdk::SignalExtractor*> signal_extractors();

  // The judge of plugin `name` or `judge-<name>` ("openai" finds "judge-openai"), created on
  // first call; `config` is merged into that plugin's settings first. Throws RuntimeError
  // with not_found_message() when no loaded plugin provides it.
  sdk::Judge& judge(std::string_view name, const ConfigMap& config = {});
  // Like judge(), but nullptr when no plugin provides it.
  sdk::Judge* find_judge(std::string_view name, const ConfigMap& config = {});
  // Names accepted by judge(), i.e. the judge plugins' names, in load order. Answered from
  // what is known without opening anything; a deferred judge that then fails to load is
  // reported when judge() opens it.
  std::vector<std::string> judge_names() const;

  // "no plugin provides <what>; searched: <dir1>, <dir2> (use --plugin-dir or
  // GPTME_SESSIONS_PLUGIN_PATH)", e.g. what = "judge 'openai'".
  std::string not_found_message(std::string_view what) const;

  // Seen by every plugin through PluginContext::cancelled().
  void request_cancel() { m_cancel.store(true); }

private:
  struct Entry;

  void load_explicit(const std::filesystem::path& file);
  void scan(const std::filesystem::path& dir, const PluginCache& cache);
  Entry* entry_by_name(std::string_view name);
  const Entry* entry_by_name(std::string_view name) const;
  bool already_seen(const std::filesystem::path& file);
  Entry& add_loaded(LoadedPlugin plugin);
  // Opens a deferred entry; false when it is (now) rejected.
  bool open(Entry& entry);
  void save_cache() const;
  void report() const;
  Entry* judge_entry(std::string_view name);

  SearchPath m_search;
  RegistryOptions m_options;
  std::atomic<bool> m_cancel{false};
  std::vector<std::filesystem::path> m_seen_files; // canonical, to load each file once
  std::vector<RejectedPlugin> m_rejected;
  // Owned one by one, so pointers to entries (and their plugins) stay valid as entries are
  // added. Load order.
  std::vector<std::unique_ptr<Entry>> m_entries;
  PluginCache m_cache_out; // what the cache file should say after this run
};

} // namespace gptme_sessions::host::plugins
