// Helpers shared by the plugin and signal tests: a PluginContext that records what plugins
// log, a fake environment and discovery window, fixture paths, file helpers.
#pragma once

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>

#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace gptme_sessions::testing {

class RecordingContext : public sdk::PluginContext {
public:
  std::string_view plugin_name() const override { return "test-plugin"; }
  void log(sdk::LogLevel level, std::string_view message) override {
    logs.emplace_back(level, std::string(message));
  }
  std::optional<std::string> config(std::string_view key) const override {
    auto it = settings.find(std::string(key));
    if (it == settings.end())
      return std::nullopt;
    return it->second;
  }
  bool cancelled() const override { return false; }

  // True when some logged message contains every needle.
  bool logged(std::initializer_list<std::string_view> needles) const {
    for (const auto& [level, message] : logs) {
      bool all = true;
      for (auto needle : needles)
        all = all && message.find(needle) != std::string::npos;
      if (all)
        return true;
    }
    return false;
  }
  std::string all_logs() const {
    std::string out;
    for (const auto& [level, message] : logs)
      out += message + "\n";
    return out;
  }

  std::vector<std::pair<sdk::LogLevel, std::string>> logs;
  std::map<std::string, std::string> settings;
};

// Sets TZ for one test and restores it afterwards.
class ScopedTz {
public:
  explicit ScopedTz(const char* tz) {
    if (const char* old = std::getenv("TZ"))
      m_old = old;
    ::setenv("TZ", tz, 1);
    ::tzset();
  }
  ~ScopedTz() {
    if (m_old)
      ::setenv("TZ", m_old->c_str(), 1);
    else
      ::unsetenv("TZ");
    ::tzset();
  }
  ScopedTz(const ScopedTz&) = delete;
  ScopedTz& operator=(const ScopedTz&) = delete;

private:
  std::optional<std::string> m_old;
};

// An environment holding only `vars` (empty values read as unset, like sdk::process_env).
inline sdk::EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](std::string_view name) -> std::optional<std::string> {
    auto it = vars.find(std::string(name));
    if (it == vars.end() || it->second.empty())
      return std::nullopt;
    return it->second;
  };
}

inline sdk::DiscoveryQuery
window(const std::filesystem::path& home, std::string start, std::string end) {
  return sdk::DiscoveryQuery{std::move(start), std::move(end), home};
}

inline std::filesystem::path harness_fixtures() {
  return std::filesystem::path(GPTME_SESSIONS_TEST_DATA) / "fixtures-harness";
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_text(const std::filesystem::path& path, std::string_view text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
}

// The reference's `signals --json` output for a fixture, as stored in expected/.
inline std::string expected_signals(std::string_view name) {
  return read_text(harness_fixtures() / "expected" / (std::string(name) + ".signals.json"));
}

// Copies a fixture directory tree into dest (files made writable).
inline void copy_tree(const std::filesystem::path& from, const std::filesystem::path& dest) {
  namespace fs = std::filesystem;
  fs::create_directories(dest);
  fs::copy(from, dest, fs::copy_options::recursive | fs::copy_options::overwrite_existing);
  for (const auto& entry : fs::recursive_directory_iterator(dest))
    fs::permissions(entry.path(), fs::perms::owner_write, fs::perm_options::add);
}

} // namespace gptme_sessions::testing
