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
// context they may hold a reference to, then the settings the context reads.
struct Registry::Slot {
  ConfigMap config;
  std::unique_ptr<HostPluginContext> context;
  std::unique_ptr<sdk::HarnessDiscoverer> harness_discoverer;
  std::unique_ptr<sdk::SignalExtractor> signal_extractor;
  std::unique_ptr<sdk::Judge> judge;
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

bool has_kind(const LoadedPlugin& plugin, sdk::PluginKind kind) {
  return (plugin.info->kinds & static_cast<std::uint32_t>(kind)) != 0;
}

fs::path identity(const fs::path& p) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(p, ec);
  return ec ? p : canonical;
}

} // namespace

Registry::Registry(SearchPath search, RegistryOptions options)
    : m_search(std::move(search)), m_options(options) {
  for (const auto& file : m_search.files)
    load_explicit(file);
  for (const auto& dir : m_search.dirs)
    scan(dir);
  if (m_options.report_rejections)
    report();
}

Registry::~Registry() {
  // Objects first (they may call into their library on destruction), libraries after.
  m_slots.clear();
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
  if (const LoadedPlugin* earlier = loaded_by_name(file.stem().string()))
    throw UsageError("cannot load plugin '" + file.string() + "': duplicate plugin '" +
                     file.stem().string() + "' (already loaded from " + earlier->path.string() +
                     ")");
  LoadResult result = load_plugin(file);
  if (result.rejected)
    throw UsageError("cannot load plugin '" + file.string() + "': " + result.rejected->message);
  add(std::move(*result.loaded));
}

void Registry::scan(const fs::path& dir) {
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
    if (const LoadedPlugin* earlier = loaded_by_name(stem)) {
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
    LoadResult result = load_plugin(file);
    if (result.rejected)
      m_rejected.push_back(std::move(*result.rejected));
    else
      add(std::move(*result.loaded));
  }
}

void Registry::add(LoadedPlugin plugin) {
  log_debug("loaded plugin '" + std::string(plugin.info->name) + "' " + plugin.info->version +
            " from " + plugin.path.string());
  auto slot = std::make_unique<Slot>();
  slot->context = std::make_unique<HostPluginContext>(plugin.info->name, slot->config, m_cancel);
  m_loaded.push_back(std::move(plugin));
  m_slots.push_back(std::move(slot));
}

void Registry::report() const {
  std::size_t skipped = 0;
  for (const auto& r : m_rejected) {
    std::string line = "skipping plugin '" + r.path.string() + "': " + r.message;
    // A stray non-plugin library in a plugin directory is not the user's problem.
    if (r.stage == Stage::pre_check) {
      log_debug(line);
      continue;
    }
    log_warning(line);
    ++skipped;
  }
  if (skipped > 0)
    log_warning(std::to_string(skipped) + (skipped == 1 ? " plugin was" : " plugins were") +
                " skipped; run 'gptme-sessions plugins list'");
}

const LoadedPlugin* Registry::loaded_by_name(std::string_view name) const {
  auto it = std::find_if(m_loaded.begin(), m_loaded.end(), [&](const LoadedPlugin& p) {
    return name == p.info->name;
  });
  return it == m_loaded.end() ? nullptr : &*it;
}

const LoadedPlugin* Registry::find(std::string_view plugin_name) const {
  return loaded_by_name(plugin_name);
}

std::vector<const LoadedPlugin*> Registry::providing(sdk::PluginKind kind) const {
  std::vector<const LoadedPlugin*> result;
  for (const auto& p : m_loaded)
    if (has_kind(p, kind))
      result.push_back(&p);
  return result;
}

void Registry::set_config(std::string_view plugin_name, std::string key, std::string value) {
  for (std::size_t i = 0; i < m_loaded.size(); ++i)
    if (plugin_name == m_loaded[i].info->name)
      slot(i).config.insert_or_assign(std::move(key), std::move(value));
}

std::vector<sdk::HarnessDiscoverer*> Registry::harness_discoverers() {
  std::vector<sdk::HarnessDiscoverer*> result;
  for (std::size_t i = 0; i < m_loaded.size(); ++i) {
    const LoadedPlugin& p = m_loaded[i];
    if (has_kind(p, sdk::PluginKind::harness_discoverer))
      result.push_back(&create(p,
                               *slot(i).context,
                               slot(i).harness_discoverer,
                               p.info->make_harness_discoverer,
                               "HarnessDiscoverer"));
  }
  return result;
}

std::vector<sdk::SignalExtractor*> Registry::signal_extractors() {
  std::vector<sdk::SignalExtractor*> result;
  for (std::size_t i = 0; i < m_loaded.size(); ++i) {
    const LoadedPlugin& p = m_loaded[i];
    if (has_kind(p, sdk::PluginKind::signal_extractor))
      result.push_back(&create(p,
                               *slot(i).context,
                               slot(i).signal_extractor,
                               p.info->make_signal_extractor,
                               "SignalExtractor"));
  }
  return result;
}

std::size_t Registry::index_of_judge(std::string_view name) const {
  const std::array<std::string, 2> candidates{std::string(name), "judge-" + std::string(name)};
  for (const auto& wanted : candidates) {
    for (std::size_t i = 0; i < m_loaded.size(); ++i)
      if (has_kind(m_loaded[i], sdk::PluginKind::judge) && wanted == m_loaded[i].info->name)
        return i;
  }
  return m_loaded.size();
}

sdk::Judge* Registry::find_judge(std::string_view name, const ConfigMap& config) {
  std::size_t i = index_of_judge(name);
  if (i == m_loaded.size())
    return nullptr;
  for (const auto& [key, value] : config)
    slot(i).config.insert_or_assign(key, value);
  const LoadedPlugin& p = m_loaded[i];
  return &create(p, *slot(i).context, slot(i).judge, p.info->make_judge, "Judge");
}

sdk::Judge& Registry::judge(std::string_view name, const ConfigMap& config) {
  if (sdk::Judge* found = find_judge(name, config))
    return *found;
  throw RuntimeError(not_found_message("judge '" + std::string(name) + "'"));
}

std::vector<std::string> Registry::judge_names() const {
  std::vector<std::string> names;
  for (const LoadedPlugin* p : providing(sdk::PluginKind::judge))
    names.emplace_back(p->info->name);
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
