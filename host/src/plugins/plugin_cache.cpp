#include "plugins/plugin_cache.hpp"

#include "plugins/loader.hpp"
#include "util/atomic_file.hpp"
#include "util/json_fields.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/sdk/abi.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <fstream>
#include <iterator>
#include <stdexcept>
#include <sys/stat.h>
#include <system_error>

namespace gptme_sessions::host::plugins {

namespace fs = std::filesystem;
namespace json = boost::json;

namespace {

constexpr const char* k_format = "gptme-sessions-plugin-cache";
constexpr std::int64_t k_format_version = 1;
// A cache file is small (one entry per plugin); anything bigger is not ours.
constexpr std::uintmax_t k_max_cache_bytes = 1 << 20;

// Everything the validation pipeline compared a plugin against: if any of it differs, a
// cached "passed" means nothing.
std::string host_stamp() {
  return std::string(GPTME_SESSIONS_VERSION) + "/abi" + std::to_string(sdk::k_plugin_abi_version) +
         "/info" + std::to_string(sizeof(sdk::PluginInfo)) + "/" + std::string(host_build_id());
}

std::int64_t to_ns(const timespec& t) {
  return static_cast<std::int64_t>(t.tv_sec) * 1000000000 + t.tv_nsec;
}

std::optional<CachedPlugin> entry_from(const json::object& o) {
  auto device = uint64_field(o, "device");
  auto inode = uint64_field(o, "inode");
  auto size = uint64_field(o, "size");
  auto mtime = int64_field(o, "mtime_ns");
  auto ctime = int64_field(o, "ctime_ns");
  auto name = string_field(o, "name");
  auto version = string_field(o, "version");
  auto kinds = uint64_field(o, "kinds");
  if (!device || !inode || !size || !mtime || !ctime || !name || name->empty() || !version ||
      !kinds || *kinds == 0 || *kinds > UINT32_MAX)
    return std::nullopt;
  return CachedPlugin{FileIdentity{*device, *inode, *size, *mtime, *ctime},
                      std::move(*name),
                      std::move(*version),
                      static_cast<std::uint32_t>(*kinds)};
}

} // namespace

std::optional<FileIdentity> identity_of(const fs::path& file) {
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0)
    return std::nullopt;
  return FileIdentity{static_cast<std::uint64_t>(st.st_dev),
                      static_cast<std::uint64_t>(st.st_ino),
                      static_cast<std::uint64_t>(st.st_size),
                      to_ns(st.st_mtim),
                      to_ns(st.st_ctim)};
}

PluginCache PluginCache::load(const fs::path& file) {
  PluginCache cache;
  std::error_code ec;
  const std::uintmax_t size = fs::file_size(file, ec);
  if (ec || size > k_max_cache_bytes)
    return cache;
  std::ifstream in(file, std::ios::binary);
  const std::string text{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  json::value root = json::parse(text, ec);
  if (ec || !root.is_object())
    return cache;
  const json::object& o = root.get_object();
  if (string_field(o, "format") != k_format || int64_field(o, "version") != k_format_version ||
      string_field(o, "host") != host_stamp())
    return cache;
  const json::value* plugins = o.if_contains("plugins");
  if (plugins == nullptr || !plugins->is_object())
    return cache;
  for (const auto& [path, value] : plugins->get_object()) {
    if (!value.is_object())
      continue;
    if (auto entry = entry_from(value.get_object()))
      cache.m_entries.emplace(std::string(path), std::move(*entry));
  }
  return cache;
}

const CachedPlugin* PluginCache::find(const fs::path& path, const FileIdentity& identity) const {
  auto it = m_entries.find(path.string());
  if (it == m_entries.end() || it->second.identity != identity)
    return nullptr;
  return &it->second;
}

void PluginCache::put(const fs::path& path, CachedPlugin plugin) {
  m_entries.insert_or_assign(path.string(), std::move(plugin));
}

void PluginCache::erase(const fs::path& path) {
  m_entries.erase(path.string());
}

void PluginCache::save(const fs::path& file) const {
  json::object plugins;
  for (const auto& [path, entry] : m_entries) {
    json::object o;
    o["device"] = entry.identity.device;
    o["inode"] = entry.identity.inode;
    o["size"] = entry.identity.size;
    o["mtime_ns"] = entry.identity.mtime_ns;
    o["ctime_ns"] = entry.identity.ctime_ns;
    o["name"] = entry.name;
    o["version"] = entry.version;
    o["kinds"] = entry.kinds;
    plugins[path] = std::move(o);
  }
  json::object root;
  root["format"] = k_format;
  root["version"] = k_format_version;
  root["host"] = host_stamp();
  root["plugins"] = std::move(plugins);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec)
    throw std::runtime_error("cannot create " + file.parent_path().string() + ": " + ec.message());
  write_file_atomically(file, core::to_json_pretty(root) + '\n', Durability::best_effort);
}

std::optional<fs::path> default_plugin_cache_file(const EnvLookup& env) {
  if (auto explicit_file = env("GPTME_SESSIONS_PLUGIN_CACHE")) {
    if (explicit_file->empty())
      return std::nullopt;
    return fs::path(*explicit_file);
  }
  if (auto xdg = env("XDG_CACHE_HOME"); xdg && !xdg->empty() && fs::path(*xdg).is_absolute())
    return fs::path(*xdg) / "gptme-sessions" / "plugin-cache.json";
  if (auto home = env("HOME"); home && !home->empty())
    return fs::path(*home) / ".cache" / "gptme-sessions" / "plugin-cache.json";
  return std::nullopt;
}

} // namespace gptme_sessions::host::plugins
