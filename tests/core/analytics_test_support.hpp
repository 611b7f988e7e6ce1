// Records for the analytics tests: the worked-example store of spec store-and-cli §9 and
// hand-built records.
#pragma once

#include <gptme_sessions/core/session_store.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gptme_sessions::testing {

inline std::filesystem::path worked_example_dir() {
  return std::filesystem::path(GPTME_SESSIONS_TEST_DATA) / "stores" / "worked_example";
}

inline std::vector<core::SessionRecord> worked_example_records() {
  return core::SessionStore(worked_example_dir()).load_all();
}

// An expected output stored next to the worked example.
inline std::string worked_example_expected(const std::string& name) {
  std::ifstream in(worked_example_dir() / "expected" / name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

struct RecordSpec {
  std::optional<std::string> model = "unknown";
  std::optional<std::string> run_type = "autonomous";
  std::optional<std::string> harness = "gptme";
  std::optional<std::string> outcome = "productive";
  std::optional<std::string> project{};
  std::int64_t duration = 0;
  std::string timestamp = "2026-03-01T10:00:00+00:00";
};

inline core::SessionRecord make_test_record(const RecordSpec& spec) {
  core::SessionRecord r = core::make_record();
  r.model = spec.model;
  r.run_type = spec.run_type;
  r.harness = spec.harness;
  r.outcome = spec.outcome;
  r.project = spec.project;
  r.duration_seconds = spec.duration;
  r.timestamp = spec.timestamp;
  return r;
}

} // namespace gptme_sessions::testing
