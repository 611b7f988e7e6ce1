// What earlier runs learned about the plugins on the search path, so a command loads only the
// plugins it uses (GStreamer's registry cache, for the same reason): dlopen of a plugin costs
// its whole dependency chain (judge-openai pulls libcurl, TLS and LDAP, ~18 ms), which a
// `sync` that never judges should not pay.
//
// One entry per plugin file that passed the whole validation pipeline, keyed by the file's
// path and identity (device, inode, size, mtime, ctime), holding its name, version and kinds.
// The cache is stamped with what validation compared against (host version, ABI version,
// PluginInfo size, build id); any difference discards it. Rejected files are never cached, so
// they are tried, and reported, on every run. A missing, damaged or unwritable cache only
// means plugins are loaded eagerly, as without a cache.
#pragma once

#include "plugins/search_path.hpp"

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>

namespace gptme_sessions::host::plugins {

struct FileIdentity {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_ns = 0;
  std::int64_t ctime_ns = 0; // also moves on chmod, touch -m to an old time, rename over
  bool operator==(const FileIdentity&) const = default;
};

// stat(2), following symlinks; nullopt when the file cannot be stat'ed.
std::optional<FileIdentity> identity_of(const std::filesystem::path& file);

struct CachedPlugin {
  FileIdentity identity;
  std::string name;
  std::string version;
  std::uint32_t kinds = 0;
  bool operator==(const CachedPlugin&) const = default;
};

class PluginCache {
public:
  // An empty cache when the file is missing, unreadable, damaged or from another host.
  static PluginCache load(const std::filesystem::path& file);

  // The entry for `path` if it was recorded for exactly this identity.
  const CachedPlugin* find(const std::filesystem::path& path, const FileIdentity& identity) const;
  void put(const std::filesystem::path& path, CachedPlugin plugin);
  void erase(const std::filesystem::path& path);
  bool empty() const { return m_entries.empty(); }
  bool operator==(const PluginCache&) const = default;

  // Creates the directory if needed; throws std::runtime_error naming the file on failure.
  void save(const std::filesystem::path& file) const;

private:
  std::map<std::string, CachedPlugin> m_entries; // by absolute path
};

// $GPTME_SESSIONS_PLUGIN_CACHE when set (empty: no cache), else
// ${XDG_CACHE_HOME:-~/.cache}/gptme-sessions/plugin-cache.json; nullopt when there is no
// cache or no home to put it in.
std::optional<std::filesystem::path> default_plugin_cache_file(const EnvLookup& env = process_env);

} // namespace gptme_sessions::host::plugins
