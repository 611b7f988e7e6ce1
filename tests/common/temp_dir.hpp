// A fresh directory per test, removed afterwards unless the test failed (kept for debugging).
#pragma once

#include <boost/test/results_collector.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>

namespace gptme_sessions::testing {

class TempDir {
public:
  TempDir() {
    std::random_device rd;
    auto base = std::filesystem::temp_directory_path();
    for (;;) {
      m_path = base / ("gs-test-" + std::to_string(rd()));
      if (std::filesystem::create_directory(m_path))
        break;
    }
  }
  ~TempDir() {
    namespace ut = boost::unit_test;
    auto& results = ut::results_collector.results(ut::framework::current_test_case().p_id);
    if (results.passed() || std::getenv("GPTME_SESSIONS_KEEP_TEST_DIRS") == nullptr) {
      std::error_code ec;
      std::filesystem::remove_all(m_path, ec);
    }
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return m_path; }
  std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
  std::filesystem::path m_path;
};

} // namespace gptme_sessions::testing
