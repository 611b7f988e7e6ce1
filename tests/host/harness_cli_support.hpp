// A temp HOME holding copies of the harness fixtures (tests/data/harness-cli): gptme logs
// under <tmp>/gptme, the Claude Code project under <tmp>/claude/projects, a store dir, and
// the real gptme-sessions binary run against them with only the built harness plugins.
#pragma once

#include "cli_test_support.hpp"
#include "text_lines.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gptme_sessions::testing {

inline std::filesystem::path harness_data() {
  return std::filesystem::path(GPTME_SESSIONS_TEST_DATA) / "harness-cli";
}

inline std::string expected_output(const std::string& name) {
  return read_bytes(harness_data() / "expected" / name);
}

// "YYYY-MM-DD", `days_back` local days before today (as discover prints its window).
inline std::string local_day(int days_back) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  tm.tm_mday -= days_back;
  tm.tm_hour = 12;
  tm.tm_isdst = -1;
  std::mktime(&tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

// Wide enough to reach the fixtures' March 2026 dates from any plausible "today".
inline const std::string k_all_fixtures = "3650d";

class HarnessCli {
public:
  static constexpr const char* k_dancing = "2026-03-07-dancing-blue-fish";
  static constexpr const char* k_owl = "2026-03-08-quiet-grey-owl";
  static constexpr const char* k_cc_main = "7c1e4b2a-9d3f-4e8a-b6c5-2f0a1d9e8b7c.jsonl";
  static constexpr const char* k_cc_triage = "d41f8a07-3b6e-4c92-a5d1-8e0f2b7c9a64.jsonl";
  static constexpr const char* k_cc_stub = "f0e1d2c3-b4a5-4968-8776-655443322110.jsonl";

  HarnessCli() {
    namespace fs = std::filesystem;
    fs::create_directories(home());
    fs::copy(harness_data() / "gptme", gptme_logs(), fs::copy_options::recursive);
    fs::create_directories(claude_home() / "projects");
    fs::copy(
        harness_data() / "claude-code", claude_home() / "projects", fs::copy_options::recursive);
  }

  std::filesystem::path tmp() const { return m_tmp.path(); }
  std::filesystem::path home() const { return m_tmp / "home"; }
  std::filesystem::path gptme_logs() const { return m_tmp / "gptme"; }
  std::filesystem::path claude_home() const { return m_tmp / "claude"; }
  std::filesystem::path claude_project() const {
    return claude_home() / "projects" / "-home-user-proj";
  }
  std::filesystem::path dancing() const { return gptme_logs() / k_dancing / "conversation.jsonl"; }
  std::filesystem::path owl() const { return gptme_logs() / k_owl / "conversation.jsonl"; }
  std::filesystem::path cc_main() const { return claude_project() / k_cc_main; }
  std::filesystem::path cc_triage() const { return claude_project() / k_cc_triage; }
  std::filesystem::path cc_stub() const { return claude_project() / k_cc_stub; }
  std::filesystem::path store_dir() const { return m_tmp / "store"; }
  std::filesystem::path store_file() const { return store_dir() / "session-records.jsonl"; }
  std::filesystem::path index_file() const { return store_dir() / "session-records.index.jsonl"; }

  // gptme-sessions --plugin-dir <built plugins> --sessions-dir <store> <args...>
  ProcessResult gs(const std::vector<std::string>& args,
                   const std::vector<std::string>& plugin_args = {"--plugin-dir",
                                                                  GPTME_SESSIONS_PLUGIN_DIR},
                   std::function<void(pid_t)> on_started = {}) const {
    std::vector<std::string> argv = {GPTME_SESSIONS_HOST_EXE};
    argv.insert(argv.end(), plugin_args.begin(), plugin_args.end());
    argv.push_back("--sessions-dir");
    argv.push_back(store_dir().string());
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.env["HOME"] = home().string();
    options.env["GPTME_LOGS_DIR"] = gptme_logs().string();
    options.env["CLAUDE_HOME"] = claude_home().string();
    options.env["CLAUDE_CONFIG_DIR"] = std::nullopt;
    options.env["CODEX_SESSIONS_DIR"] = (m_tmp / "no-codex").string();
    options.env["COPILOT_STATE_DIR"] = (m_tmp / "no-copilot").string();
    options.env["GPTME_SESSIONS_DIR"] = std::nullopt;
    options.env["XDG_DATA_HOME"] = std::nullopt;
    options.env["XDG_CONFIG_HOME"] = std::nullopt;
    options.env["GPTME_SESSIONS_PLUGIN_PATH"] = std::nullopt;
    options.env["GPTME_SESSIONS_SYSTEM_PLUGIN_PATH"] = "";
    options.env["GPTME_SESSIONS_JOBS"] = std::nullopt;
    for (const auto& [name, value] : m_env)
      options.env[name] = value;
    options.cwd = m_tmp.path().string();
    options.on_started = std::move(on_started);
    return run_process(argv, options);
  }

  // Overrides one variable of the environment gs() sets up.
  void set_env(const std::string& name, const std::string& value) { m_env[name] = value; }

  // The store's records as JSON objects, in file order.
  std::vector<boost::json::object> records() const {
    std::vector<boost::json::object> out;
    std::istringstream in(read_bytes(store_file()));
    std::string line;
    while (std::getline(in, line))
      if (!line.empty())
        out.push_back(boost::json::parse(line).as_object());
    return out;
  }

  // The record whose trajectory_path is `path`; fails the test when there is not exactly one.
  boost::json::object record_for(const std::filesystem::path& path) const {
    std::vector<boost::json::object> found;
    for (auto& r : records())
      if (r.contains("trajectory_path") && r.at("trajectory_path").is_string() &&
          r.at("trajectory_path").get_string() == path.string())
        found.push_back(r);
    BOOST_REQUIRE_EQUAL(found.size(), 1u);
    return found.front();
  }

private:
  TempDir m_tmp;
  std::map<std::string, std::optional<std::string>> m_env;
};

// A stored record's value; null when the key is absent (agent keys are written only when known).
inline boost::json::value field(const boost::json::object& record, std::string_view key) {
  const boost::json::value* v = record.if_contains(key);
  return v != nullptr ? *v : boost::json::value(nullptr);
}

} // namespace gptme_sessions::testing
