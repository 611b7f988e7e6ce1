// Shared by the examples suites: a temp "user machine" that runs the installed binary built by
// the examples.build fixture, and small JSON helpers.
#pragma once

#include "run_process.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/sdk/abi.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/json/value.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gptme_sessions::testing::examples {

namespace fs = std::filesystem;
namespace json = boost::json;

inline const fs::path k_work_dir = GPTME_SESSIONS_EXAMPLES_WORK_DIR;
inline const std::string k_abi = std::to_string(gptme_sessions::sdk::k_plugin_abi_version);
inline const std::string k_fake_abi = std::to_string(GPTME_SESSIONS_EXAMPLES_FAKE_ABI);

inline const char* const k_fix_login = "2026-03-07-fix-login.plainlog";
inline const char* const k_read_docs = "2026-03-09-read-docs.plainlog";
// Wide enough for the sample logs' March 2026 dates.
inline const char* const k_discover_window = "3650d";

inline fs::path installed_host() {
  return k_work_dir / "prefix" / "bin" / "gptme-sessions";
}
inline fs::path installed_plugin_dir() {
  return k_work_dir / "prefix" / "lib" / "gptme-sessions" / "plugins";
}
inline fs::path built_example(const std::string& name) {
  return k_work_dir / "plugins" / (name + ".so");
}

inline void copy_into(const fs::path& file, const fs::path& dir) {
  fs::create_directories(dir);
  fs::copy_file(file, dir / file.filename());
}

// A user's machine in a temp dir: HOME and XDG_DATA_HOME of their own, the made-up agent's
// logs (copies of the example's sample logs) and a store. The host uses its real defaults
// (the user plugin dir and the installed lib dir), so the in-tree plugins load as well.
class Machine {
public:
  Machine() {
    fs::create_directories(home());
    fs::copy(GPTME_SESSIONS_EXAMPLES_SAMPLE_LOGS, logs(), fs::copy_options::recursive);
    m_env = {{"HOME", home().string()},
             {"XDG_DATA_HOME", (m_dir / "xdg").string()},
             {"PLAINLOG_DIR", logs().string()},
             {"GPTME_SESSIONS_DIR", (m_dir / "store").string()},
             {"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", std::nullopt},
             {"GPTME_SESSIONS_PLUGIN_PATH", std::nullopt},
             {"GPTME_SESSIONS_HARNESS_PLAINLOG_DIR", std::nullopt},
             {"GPTME_LOGS_DIR", std::nullopt},
             {"CLAUDE_CONFIG_DIR", std::nullopt},
             {"CLAUDE_HOME", std::nullopt},
             {"OPENAI_API_KEY", std::nullopt},
             {"OPENAI_BASE_URL", std::nullopt}};
  }

  fs::path dir() const { return m_dir.path(); }
  fs::path home() const { return m_dir / "home"; }
  fs::path logs() const { return m_dir / "plainlog"; }
  fs::path user_plugin_dir() const { return m_dir / "xdg" / "gptme-sessions" / "plugins"; }
  fs::path store_file() const { return m_dir / "store" / "session-records.jsonl"; }

  void set_env(const std::string& name, const std::string& value) { m_env[name] = value; }
  void unset_env(const std::string& name) { m_env[name] = std::nullopt; }
  // Global options put before every command, e.g. --plugin-dir DIR.
  void add_global(std::vector<std::string> args) {
    m_global.insert(m_global.end(), args.begin(), args.end());
  }
  // Where plugins list must report each example as loaded from.
  void expect_example(const std::string& name, fs::path path) {
    m_examples[name] = std::move(path);
  }
  const std::map<std::string, fs::path>& examples() const { return m_examples; }

  ProcessResult run(const std::vector<std::string>& args) const {
    std::vector<std::string> argv{installed_host().string()};
    argv.insert(argv.end(), m_global.begin(), m_global.end());
    argv.insert(argv.end(), args.begin(), args.end());
    ProcessOptions options;
    options.env = m_env;
    return run_process(argv, options);
  }

  json::value run_json(const std::vector<std::string>& args) const {
    const ProcessResult result = run(args);
    BOOST_TEST_INFO("stderr: " << result.err);
    BOOST_TEST_REQUIRE(result.exit_code == 0);
    return json::parse(result.out);
  }

  std::vector<json::object> stored_records() const {
    std::vector<json::object> records;
    std::ifstream in(store_file());
    std::string line;
    while (std::getline(in, line))
      if (!line.empty())
        records.push_back(json::parse(line).as_object());
    return records;
  }

private:
  TempDir m_dir;
  std::map<std::string, std::optional<std::string>> m_env;
  std::vector<std::string> m_global;
  std::map<std::string, fs::path> m_examples;
};

// Values as plain C++ types, so a failed check prints what was found.
inline std::string text(const json::value& v) {
  return v.is_string() ? std::string(v.get_string()) : json::serialize(v);
}
inline std::int64_t number(const json::value& v) {
  return v.is_int64() ? v.get_int64() : -1;
}
inline double real(const json::value& v) {
  return v.is_number() ? v.to_number<double>() : -1.0;
}
inline std::vector<std::string> texts(const json::value& v) {
  std::vector<std::string> out;
  if (v.is_array())
    for (const auto& item : v.get_array())
      out.push_back(text(item));
  return out;
}

inline const json::object*
find_by(const json::array& rows, std::string_view key, std::string_view value) {
  for (const auto& row : rows)
    if (const auto* v = row.as_object().if_contains(key);
        v && v->is_string() && v->get_string() == value)
      return &row.as_object();
  return nullptr;
}

inline const json::object& record_named(const std::vector<json::object>& records,
                                        std::string_view session_name) {
  for (const auto& record : records)
    if (text(record.at("session_name")) == session_name)
      return record;
  BOOST_FAIL("no stored record named " << session_name);
  throw std::logic_error("unreachable");
}

// Dropped into the user directory, as a user installs a plugin.
struct InUserDir : Machine {
  InUserDir() {
    for (const char* name : {"harness-plainlog", "judge-rules"}) {
      copy_into(built_example(name), user_plugin_dir());
      expect_example(name, user_plugin_dir() / (std::string(name) + ".so"));
    }
  }
};

} // namespace gptme_sessions::testing::examples
