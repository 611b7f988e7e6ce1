#include "commands/sync_index.hpp"

#include "util/atomic_file.hpp"
#include "util/json_fields.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>
#include <sys/stat.h>
#include <vector>

namespace gptme_sessions::host {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

constexpr const char* k_format = "gptme-sessions-sync-index";
constexpr std::int64_t k_version = 1;

std::optional<FileState> state_from(const json::object& o) {
  auto size = int64_field(o, "size");
  auto mtime = int64_field(o, "mtime_ns");
  auto inode = int64_field(o, "inode");
  if (!size || !mtime || !inode)
    return std::nullopt;
  const std::string related = string_field(o, "related").value_or("");
  return FileState{static_cast<std::uint64_t>(*size),
                   *mtime,
                   static_cast<std::uint64_t>(*inode),
                   related.empty() ? 0 : std::strtoull(related.c_str(), nullptr, 16)};
}

void put_state(json::object& o, const FileState& state) {
  o["size"] = state.size;
  o["mtime_ns"] = state.mtime_ns;
  o["inode"] = state.inode;
  if (state.related != 0) {
    char hex[17];
    std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(state.related));
    o["related"] = hex;
  }
}

} // namespace

std::optional<FileState>
file_state(const fs::path& path, const std::vector<fs::path>& related, bool* is_regular_file) {
  struct stat st {};
  if (is_regular_file != nullptr)
    *is_regular_file = false;
  if (::stat(path.c_str(), &st) != 0)
    return std::nullopt;
  if (is_regular_file != nullptr)
    *is_regular_file = S_ISREG(st.st_mode);
  FileState state;
  state.size = static_cast<std::uint64_t>(st.st_size);
  state.mtime_ns = static_cast<std::int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  state.inode = static_cast<std::uint64_t>(st.st_ino);
  if (related.empty())
    return state;
  std::vector<std::string> names;
  names.reserve(related.size());
  for (const auto& file : related)
    names.push_back(file.string());
  std::sort(names.begin(), names.end());
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a 64 over name and stat of each file
  auto mix = [&hash](const void* data, std::size_t size) {
    for (std::size_t i = 0; i < size; ++i) {
      hash ^= static_cast<const unsigned char*>(data)[i];
      hash *= 1099511628211ull;
    }
  };
  for (const auto& name : names) {
    mix(name.data(), name.size() + 1);
    struct stat rs {};
    if (::stat(name.c_str(), &rs) == 0) {
      const std::int64_t values[3] = {static_cast<std::int64_t>(rs.st_size),
                                      static_cast<std::int64_t>(rs.st_mtim.tv_sec) * 1000000000 +
                                          rs.st_mtim.tv_nsec,
                                      static_cast<std::int64_t>(rs.st_ino)};
      mix(values, sizeof values);
    }
  }
  state.related = hash == 0 ? 1 : hash;
  return state;
}

SyncIndex SyncIndex::load(const fs::path& file) {
  SyncIndex index;
  std::ifstream in(file, std::ios::binary);
  if (!in)
    return index;
  std::string line;
  bool header = false;
  while (std::getline(in, line)) {
    boost::system::error_code ec;
    json::value parsed = json::parse(line, ec);
    if (ec || !parsed.is_object())
      continue;
    const json::object& o = parsed.get_object();
    if (!header) {
      // An index written by a different layout is ignored as a whole, not half-trusted.
      if (string_field(o, "format") != std::string(k_format) ||
          int64_field(o, "version") != k_version)
        return SyncIndex{};
      if (const json::value* store = o.if_contains("store"); store != nullptr && store->is_object())
        index.m_store_state = state_from(store->get_object());
      header = true;
      continue;
    }
    auto path = string_field(o, "path");
    auto id = string_field(o, "record_id");
    const std::optional<FileState> state = state_from(o);
    const json::value* signals = o.if_contains("signals");
    if (!path || !id || !state || signals == nullptr || !signals->is_bool())
      continue;
    SyncIndexEntry entry;
    entry.state = *state;
    entry.record_id = std::move(*id);
    entry.signals = signals->get_bool();
    entry.fingerprint = string_field(o, "fingerprint").value_or("");
    entry.discovery = string_field(o, "discovery").value_or("");
    index.m_entries.insert_or_assign(std::move(*path), std::move(entry));
  }
  return index;
}

const SyncIndexEntry* SyncIndex::find(const std::string& trajectory_path) const {
  auto it = m_entries.find(trajectory_path);
  return it == m_entries.end() ? nullptr : &it->second;
}

void SyncIndex::put(const std::string& trajectory_path, SyncIndexEntry entry) {
  auto it = m_entries.find(trajectory_path);
  if (it != m_entries.end() && it->second == entry)
    return;
  m_entries.insert_or_assign(trajectory_path, std::move(entry));
  m_changed = true;
}

void SyncIndex::retain_records(const std::unordered_set<std::string>& record_ids) {
  const std::size_t before = m_entries.size();
  std::erase_if(m_entries,
                [&](const auto& item) { return !record_ids.contains(item.second.record_id); });
  m_changed = m_changed || m_entries.size() != before;
}

void SyncIndex::save(const fs::path& file) const {
  std::vector<const std::pair<const std::string, SyncIndexEntry>*> items;
  items.reserve(m_entries.size());
  for (const auto& item : m_entries)
    items.push_back(&item);
  std::sort(items.begin(), items.end(), [](auto* a, auto* b) { return a->first < b->first; });

  json::object header;
  header["format"] = k_format;
  header["version"] = k_version;
  if (m_store_state) {
    json::object store;
    put_state(store, *m_store_state);
    header["store"] = std::move(store);
  }
  std::string data = core::to_json(header) + '\n';
  for (const auto* item : items) {
    json::object o;
    o["path"] = item->first;
    put_state(o, item->second.state);
    o["record_id"] = item->second.record_id;
    o["signals"] = item->second.signals;
    o["fingerprint"] = item->second.fingerprint;
    o["discovery"] = item->second.discovery;
    data += core::to_json(o);
    data += '\n';
  }

  write_file_atomically(file, data, Durability::flushed);
}

} // namespace gptme_sessions::host
