// Running the real gptme-sessions binary against a store in a temp dir, hermetically: HOME is
// an empty temp dir (nothing to discover), GPTME_SESSIONS_DIR and XDG_DATA_HOME are unset,
// and no plugins are loaded from the system.
#pragma once

#include "run_process.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace gptme_sessions::testing {

inline std::string read_bytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << bytes;
}

inline std::filesystem::path worked_example_store() {
  return std::filesystem::path(GPTME_SESSIONS_TEST_DATA) / "stores" / "worked_example" /
         "session-records.jsonl";
}

inline std::string worked_example_expected(const std::string& name) {
  return read_bytes(std::filesystem::path(GPTME_SESSIONS_TEST_DATA) / "stores" / "worked_example" /
                    "expected" / name);
}

// The last line of a usage/runtime error on stderr, without its newline.
inline std::string last_line(const std::string& text) {
  std::string t = text;
  while (!t.empty() && t.back() == '\n')
    t.pop_back();
  const auto nl = t.rfind('\n');
  return nl == std::string::npos ? t : t.substr(nl + 1);
}

// A temp HOME plus a store directory DIR (not created until a test writes to it).
class CliFixture {
public:
  CliFixture() { std::filesystem::create_directories(home()); }

  std::filesystem::path home() const { return m_tmp / "home"; }
  std::filesystem::path dir() const { return m_tmp / "store"; }
  std::filesystem::path store_file() const { return dir() / "session-records.jsonl"; }
  std::filesystem::path tmp() const { return m_tmp.path(); }

  void use_worked_example() { write_bytes(store_file(), read_bytes(worked_example_store())); }
  void write_store(const std::string& bytes) { write_bytes(store_file(), bytes); }
  std::string store_bytes() const { return read_bytes(store_file()); }

  // gptme-sessions --sessions-dir DIR <args...>
  ProcessResult gs(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {GPTME_SESSIONS_HOST_EXE, "--sessions-dir", dir().string()};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }

  // gptme-sessions <args...> (no --sessions-dir)
  ProcessResult run_plain(const std::vector<std::string>& args) const {
    std::vector<std::string> argv = {GPTME_SESSIONS_HOST_EXE};
    argv.insert(argv.end(), args.begin(), args.end());
    return run(argv);
  }

private:
  ProcessResult run(const std::vector<std::string>& argv) const {
    ProcessOptions options;
    options.env["HOME"] = home().string();
    options.env["GPTME_SESSIONS_DIR"] = std::nullopt;
    options.env["XDG_DATA_HOME"] = std::nullopt;
    options.env["GPTME_SESSIONS_PLUGIN_PATH"] = std::nullopt;
    options.env["GPTME_SESSIONS_SYSTEM_PLUGIN_PATH"] = "";
    options.cwd = m_tmp.path().string();
    return run_process(argv, options);
  }

  TempDir m_tmp;
};

} // namespace gptme_sessions::testing

#include <ctime>

namespace gptme_sessions::testing {

// "YYYY-MM-DDTHH:MM:SS+00:00" for now + offset_seconds.
inline std::string utc_stamp(long offset_seconds) {
  const std::time_t t = std::time(nullptr) + offset_seconds;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S+00:00", &tm);
  return buf;
}

inline std::string
record_line(const std::string& id, const std::string& timestamp, const std::string& more = "") {
  return "{\"session_id\": \"" + id + "\", \"timestamp\": \"" + timestamp + "\"" +
         (more.empty() ? "" : ", " + more) + "}\n";
}

} // namespace gptme_sessions::testing
