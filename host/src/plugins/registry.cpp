#include "plugins/registry.hpp"

#include "cli/errors.hpp"
#include "logging.hpp"

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/judge.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

#include <algorithm>
#include <array>
#include <exception>
#include <system_error>

namespace gptme_sessions::host::plugins {

namespace fs = std::filesystem;

// Member order is destruction order in reverse: the created objects go first, then the
// context they may hold a reference to, then the settings the context reads, then the library.
struct Registry::Entry {
  fs::path path;
  // Known before the library is opened: from the cache, or from the plugin's info.
  std::string name;
  std::string version;
  std::uint32_t kinds = 0;
  bool rejected = false;              // a deferred open failed; the rejection is in m_rejected
  std::optional<LoadedPlugin> plugin; // set once the library is open
  ConfigMap config;
  std::unique_ptr<HostPluginContext> context;
  std::unique_ptr<sdk::HarnessDiscoverer> harness_discoverer;
  std::unique_ptr<sdk::SignalExtractor> signal_extractor;
  std::unique_ptr<sdk::Judge> judge;

  bool has_kind(sdk::PluginKind kind) const {
    return !rejected && (kinds & static_cast<std::uint32_t>(kind)) != 0;
  }
};

namespace {

template <class Interface> using Factory = std::unique_ptr<Interface> (*)(sdk::PluginContext&);

// Calls a plugin factory once. Exceptions are turned into host errors here, so no exception
// object (whose type and what() text may live in the plugin) travels further.
template <class Interface>
Interface& create(const LoadedPlugin& plugin,
                  sdk::PluginContext& context,
                  std::unique_ptr<Interface>& target,
                  Factory<Interface> factory,
                  std::string_view interface_name) {
  if (target)
    return *target;
  std::string problem;
  try {
    target = factory(context);
    if (!target)
      problem = "the factory returned no object";
  } catch (const std::exception& e) {
    problem = e.what();
  } catch (...) {
    problem = "unknown exception";
  }
  if (!problem.empty())
    throw RuntimeError("plugin '" + std::string(plugin.info->name) + "' (" + plugin.path.string() +
                       ") failed to create a " + std::string(interface_name) + ": " + problem);
  return *target;
}

fs::path identity(const fs::path& p) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  return ec ? p : canonical;
}

CachedPlugin cached_form(const sdk::PluginInfo& info, const FileIdentity& identity) {
  return CachedPlugin{identity, info.name, info.version, info.kinds};
}

void log_rejection(const RejectedPlugin& r) {
  std::string line = "skipping plugin '" + r.path.string() + "': " + r.message;
  // A stray non-plugin library in a plugin directory is not the user's problem.
  if (r.stage == Stage::pre_check)
    log_debug(line);
  else
    log_warning(line);
}

} // namespace

Registry::Registry(SearchPath search, RegistryOptions options)
    : m_search(std::move(search)), m_options(std::move(options)) {
  for (const auto& file : m_search.files)
    load_explicit(file);
  const PluginCache cache =
      m_options.cache_file ? PluginCache::load(*m_options.cache_file) : PluginCache{};
  for (const auto& dir : m_search.dirs)
    scan(dir, cache);
  if (m_options.cache_file && m_cache_out != cache)
    save_cache();
  if (m_options.report_rejections)
    report();
}

Registry::~Registry() {
  // Every object first (they may call into their library on destruction), libraries after.
  for (auto& entry : m_entries) {
    entry->judge.reset();
    entry->signal_extractor.reset();
    entry->harness_discoverer.reset();
    entry->context.reset();
  }
  m_entries.clear();
}

bool Registry::already_seen(const fs::path& file) {
  fs::path id = identity(file);
  if (std::find(m_seen_files.begin(), m_seen_files.end(), id) != m_seen_files.end())
    return true;
  m_seen_files.push_back(std::move(id));
  return false;
}

void Registry::load_explicit(const fs::path& file) {
  if (already_seen(file))
    return;
  // The name must equal the file stem (checked by the loader), so a duplicate is known
  // before any of its code runs.
  if (const Entry* earlier = entry_by_name(file.stem().string()))
    throw UsageError("cannot load plugin '" + file.string() + "': duplicate plugin '" +
                     file.stem().string() + "' (already loaded from " + earlier->path.string() +
                     ")");
  LoadResult result = load_plugin(file);
  if (result.rejected)
    throw UsageError("cannot load plugin '" + file.string() + "': " + result.rejected->message);
  add_loaded(std::move(*result.loaded));
}

void Registry::scan(const fs::path& dir, const PluginCache& cache) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    log_debug("plugin directory " + dir.string() + " does not exist");
    return;
  }
  log_debug("scanning plugin directory " + dir.string());
  for (const auto& file : plugin_files_in(dir)) {
    if (already_seen(file))
      continue;
    std::string stem = file.stem().string();
    if (const Entry* earlier = entry_by_name(stem)) {
      m_rejected.push_back(RejectedPlugin{file,
                                          Stage::duplicate,
                                          "ignoring duplicate plugin '" + stem +
                                              "' (already loaded from " + earlier->path.string() +
                                              ")",
                                          std::nullopt,
                                          stem,
                                          "",
                                          0});
      continue;
    }
    const std::optional<FileIdentity> id = identity_of(file);
    if (const CachedPlugin* known = id ? cache.find(file, *id) : nullptr;
        known != nullptr && known->name == stem) {
      log_debug("plugin '" + stem + "' known from the plugin cache; opened when used");
      auto entry = std::make_unique<Entry>();
      entry->path = file;
      entry->name = known->name;
      entry->version = known->version;
      entry->kinds = known->kinds;
      m_entries.push_back(std::move(entry));
      m_cache_out.put(file, *known);
      continue;
    }
    LoadResult result = load_plugin(file);
    if (result.rejected) {
      m_rejected.push_back(std::move(*result.rejected));
      continue;
    }
    if (id)
      m_cache_out.put(file, cached_form(*result.loaded->info, *id));
    add_loaded(std::move(*result.loaded));
  }
}

Registry::Entry& Registry::add_loaded(LoadedPlugin plugin) {
  log_debug("loaded plugin '" + std::string(plugin.info->name) + "' " + plugin.info->version +
            " from " + plugin.path.string());
  auto entry = std::make_unique<Entry>();
  entry->path = plugin.path;
  entry->name = plugin.info->name;
  entry->version = plugin.info->version;
  entry->kinds = plugin.info->kinds;
  entry->context = std::make_unique<HostPluginContext>(entry->name, entry->config, m_cancel);
  entry->plugin = std::move(plugin);
  m_entries.push_back(std::move(entry));
  return *m_entries.back();
}

bool Registry::open(Entry& entry) {
  if (entry.plugin)
    return true;
  if (entry.rejected)
    return false;
  LoadResult result = load_plugin(entry.path);
  if (result.loaded) {
    const sdk::PluginInfo& info = *result.loaded->info;
    log_debug("loaded plugin '" + std::string(info.name) + "' " + info.version + " from " +
              entry.path.string() + " (deferred)");
    // The file passed the pipeline, so its name is its stem, i.e. the cached name; version and
    // kinds come from the code itself from here on.
    entry.version = info.version;
    entry.kinds = info.kinds;
    entry.context = std::make_unique<HostPluginContext>(entry.name, entry.config, m_cancel);
    entry.plugin = std::move(*result.loaded);
    return true;
  }
  // Its file identity is unchanged, so something it depends on changed (a library removed,
  // say). Report it like a scan rejection, and forget it so the next run scans it afresh.
  entry.rejected = true;
  m_rejected.push_back(std::move(*result.rejected));
  if (m_options.report_rejections)
    log_rejection(m_rejected.back());
  m_cache_out.erase(entry.path);
  if (m_options.cache_file)
    save_cache();
  return false;
}

void Registry::save_cache() const {
  try {
    m_cache_out.save(*m_options.cache_file);
  } catch (const std::exception& e) {
    // Only costs eager loading next time.
    log_debug(std::string("plugin cache not written: ") + e.what());
  }
}

void Registry::report() const {
  std::size_t skipped = 0;
  for (const auto& r : m_rejected) {
    log_rejection(r);
    if (r.stage != Stage::pre_check)
      ++skipped;
  }
  if (skipped > 0)
    log_warning(std::to_string(skipped) + (skipped == 1 ? " plugin was" : " plugins were") +
                " skipped; run 'gptme-sessions plugins list'");
}

Registry::Entry* Registry::entry_by_name(std::string_view name) {
  auto it = std::find_if(m_entries.begin(), m_entries.end(), [&](const auto& e) {
    return !e->rejected && e->name == name;
  });
  return it == m_entries.end() ? nullptr : it->get();
}

const Registry::Entry* Registry::entry_by_name(std::string_view name) const {
  return const_cast<Registry*>(this)->entry_by_name(name);
}

std::vector<const LoadedPlugin*> Registry::loaded() {
  std::vector<const LoadedPlugin*> result;
  for (auto& entry : m_entries)
    if (open(*entry))
      result.push_back(&*entry->plugin);
  return result;
}

const LoadedPlugin* Registry::find(std::string_view plugin_name) {
  Entry* entry = entry_by_name(plugin_name);
  return entry != nullptr && open(*entry) ? &*entry->plugin : nullptr;
}

std::vector<const LoadedPlugin*> Registry::providing(sdk::PluginKind kind) {
  std::vector<const LoadedPlugin*> result;
  for (auto& entry : m_entries)
    if (entry->has_kind(kind) && open(*entry) && entry->has_kind(kind))
      result.push_back(&*entry->plugin);
  return result;
}

bool Registry::is_open(std::string_view plugin_name) const {
  const Entry* entry = entry_by_name(plugin_name);
  return entry != nullptr && entry->plugin.has_value();
}

void Registry::set_config(std::string_view plugin_name, std::string key, std::string value) {
  if (Entry* entry = entry_by_name(plugin_name))
    entry->config.insert_or_assign(std::move(key), std::move(value));
}

std::vector<sdk::HarnessDiscoverer*> Registry::harness_discoverers() {
  std::vector<sdk::HarnessDiscoverer*> result;
  for (const LoadedPlugin* p : providing(sdk::PluginKind::harness_discoverer)) {
    Entry& entry = *entry_by_name(p->info->name);
    result.push_back(&create(*p,
                             *entry.context,
                             entry.harness_discoverer,
                             p->info->make_harness_discoverer,
                             "HarnessDiscoverer"));
  }
  return result;
}

std::vector<sdk::SignalExtractor*> Registry::signal_extractors() {
  std::vector<sdk::SignalExtractor*> result;
  for (const LoadedPlugin* p : providing(sdk::PluginKind::signal_extractor)) {
    Entry& entry = *entry_by_name(p->info->name);
    result.push_back(&create(*p,
                             *entry.context,
                             entry.signal_extractor,
                             p->info->make_signal_extractor,
                             "SignalExtractor"));
  }
  return result;
}

Registry::Entry* Registry::judge_entry(std::string_view name) {
  const std::array<std::string, 2> candidates{std::string(name), "judge-" + std::string(name)};
  for (const auto& wanted : candidates) {
    for (auto& entry : m_entries)
      if (entry->has_kind(sdk::PluginKind::judge) && entry->name == wanted && open(*entry) &&
          entry->has_kind(sdk::PluginKind::judge))
        return entry.get();
  }
  return nullptr;
}

sdk::Judge* Registry::find_judge(std::string_view name, const ConfigMap& config) {
  Entry* entry = judge_entry(name);
  if (entry == nullptr)
    return nullptr;
  for (const auto& [key, value] : config)
    entry->config.insert_or_assign(key, value);
  const LoadedPlugin& p = *entry->plugin;
  return &create(p, *entry->context, entry->judge, p.info->make_judge, "Judge");
}

sdk::Judge& Registry::judge(std::string_view name, const ConfigMap& config) {
  if (sdk::Judge* found = find_judge(name, config))
    return *found;
  throw RuntimeError(not_found_message("judge '" + std::string(name) + "'"));
}

std::vector<std::string> Registry::judge_names() const {
  std::vector<std::string> names;
  for (const auto& entry : m_entries)
    if (entry->has_kind(sdk::PluginKind::judge))
      names.push_back(entry->name);
  return names;
}

std::string Registry::not_found_message(std::string_view what) const {
  std::string dirs;
  for (const auto& d : m_search.dirs)
    dirs += (dirs.empty() ? "" : ", ") + d.string();
  return "no plugin provides " + std::string(what) +
         "; searched: " + (dirs.empty() ? std::string("no directories") : dirs) +
         " (use --plugin-dir or GPTME_SESSIONS_PLUGIN_PATH)";
}

} // namespace gptme_sessions::host::plugins
