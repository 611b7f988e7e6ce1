// Finds the trajectories one agent harness left on disk.
#pragma once

#include <gptme_sessions/sdk/export.hpp>

#include <cstdlib>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::sdk {

// How a discoverer reads environment variables; tests hand in their own.
using EnvLookup = std::function<std::optional<std::string>(std::string_view name)>;

// getenv with an empty value read as unset, as the reference's `os.environ.get(x) or ...`
// lookups do. Header-only: nothing here crosses the plugin boundary.
inline std::optional<std::string> process_env(std::string_view name) {
  const char* value = std::getenv(std::string(name).c_str());
  if (value == nullptr || *value == '\0')
    return std::nullopt;
  return std::string(value);
}

struct DiscoveryQuery {
  // Inclusive window of local calendar dates, "YYYY-MM-DD".
  std::string start_date;
  std::string end_date;
  // The user's home directory as the host resolved it ($HOME).
  std::filesystem::path home;
};

struct DiscoveredSession {
  std::string harness;              // e.g. "claude-code"
  std::filesystem::path path;       // the trajectory file the record points at
  std::string session_date;         // "YYYY-MM-DD", empty when unknown
  std::optional<std::string> model; // as the harness logged it
  std::optional<std::string> session_name;
  std::optional<std::string> project;
  std::optional<std::string> start_time;            // ISO 8601 of the first logged event, if known
  std::vector<std::filesystem::path> related_files; // e.g. subagent trajectories
};

class GPTME_SESSIONS_SDK_EXPORT HarnessDiscoverer {
public:
  virtual ~HarnessDiscoverer();
  // The harness label stored in records: "gptme", "claude-code", ...
  virtual std::string_view harness_name() const = 0;
  // Sessions whose date falls in the window. Unreadable files and vanished directories are
  // reported through PluginContext::log and skipped, never thrown.
  virtual std::vector<DiscoveredSession> discover(const DiscoveryQuery& query) = 0;
  // What discovery would report for one trajectory the caller names, wherever it lives
  // (`post-session --trajectory` takes session_name and project from it). nullopt when this
  // harness cannot tell; the default knows nothing.
  virtual std::optional<DiscoveredSession> describe(const std::filesystem::path& trajectory);
};

} // namespace gptme_sessions::sdk
