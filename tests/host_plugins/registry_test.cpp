#include "cli/errors.hpp"
#include "plugins/registry.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/judge.hpp>

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstdlib>

namespace fs = std::filesystem;
namespace sdk = gptme_sessions::sdk;
using namespace gptme_sessions::host::plugins;
using gptme_sessions::host::RuntimeError;
using gptme_sessions::host::UsageError;
using gptme_sessions::testing::TempDir;

namespace {

const fs::path k_fixtures = GPTME_SESSIONS_FIXTURE_PLUGIN_DIR;
const fs::path k_second = GPTME_SESSIONS_FIXTURE_SECOND_DIR;
const RegistryOptions k_silent{.report_rejections = false, .cache_file = std::nullopt};

fs::path fixture(const std::string& name) {
  return k_fixtures / (name + ".so");
}

std::vector<std::string> loaded_names(Registry& registry) {
  std::vector<std::string> names;
  for (const LoadedPlugin* p : registry.loaded())
    names.emplace_back(p->info->name);
  return names;
}

const RejectedPlugin* rejection_of(const Registry& registry, const fs::path& path) {
  for (const auto& r : registry.rejected())
    if (r.path == path)
      return &r;
  return nullptr;
}

std::string usage_error_of(const SearchPath& search) {
  try {
    Registry registry(search, k_silent);
  } catch (const UsageError& e) {
    return e.what();
  }
  return "";
}

sdk::JudgeInput judge_input() {
  return sdk::JudgeInput{};
}

} // namespace

BOOST_AUTO_TEST_SUITE(host_plugins_registry)

BOOST_AUTO_TEST_CASE(scan_keeps_good_plugins_and_records_each_rejection) {
  Registry registry(SearchPath{{}, {k_fixtures}}, k_silent);
  std::vector<std::string> expected{"fixture-good", "fixture-throws-in-factory"};
  BOOST_TEST(loaded_names(registry) == expected, boost::test_tools::per_element());
  BOOST_TEST(registry.rejected().size() == 8u);
  struct Expect {
    const char* fixture;
    const char* stage;
  };
  for (auto [name, stage] : {Expect{"fixture-bad-build-id", "build"},
                             Expect{"fixture-bad-info", "fields"},
                             Expect{"fixture-bad-size", "size"},
                             Expect{"fixture-name-mismatch", "fields"},
                             Expect{"fixture-no-entry", "pre-check"},
                             Expect{"fixture-null-info", "entry"},
                             Expect{"fixture-unresolved-symbol", "open"},
                             Expect{"fixture-wrong-abi", "abi"}}) {
    const RejectedPlugin* r = rejection_of(registry, fixture(name));
    BOOST_TEST_REQUIRE(r != nullptr, name);
    BOOST_TEST(to_string(r->stage) == stage, name);
  }
  // Sorted by file name within the directory.
  BOOST_TEST(registry.rejected().front().path == fixture("fixture-bad-build-id"));
  BOOST_TEST(registry.searched_dirs() == std::vector<fs::path>{k_fixtures},
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(first_directory_wins_a_name_and_the_duplicate_names_both_paths) {
  Registry registry(SearchPath{{}, {k_fixtures, k_second}}, k_silent);
  const LoadedPlugin* good = registry.find("fixture-good");
  BOOST_TEST_REQUIRE(good != nullptr);
  BOOST_TEST(std::string(good->info->version) == "1.0.0");
  const RejectedPlugin* dup = rejection_of(registry, k_second / "fixture-good.so");
  BOOST_TEST_REQUIRE(dup != nullptr);
  BOOST_TEST(to_string(dup->stage) == "duplicate");
  BOOST_TEST(dup->message == "ignoring duplicate plugin 'fixture-good' (already loaded from " +
                                 fixture("fixture-good").string() + ")");
}

BOOST_AUTO_TEST_CASE(search_order_decides_which_copy_wins) {
  Registry registry(SearchPath{{}, {k_second, k_fixtures}}, k_silent);
  BOOST_TEST(std::string(registry.find("fixture-good")->info->version) == "2.0.0");
  BOOST_TEST(rejection_of(registry, fixture("fixture-good"))->message ==
             "ignoring duplicate plugin 'fixture-good' (already loaded from " +
                 (k_second / "fixture-good.so").string() + ")");
}

BOOST_AUTO_TEST_CASE(explicit_plugin_comes_first_and_is_not_loaded_twice) {
  Registry registry(SearchPath{{k_second / "fixture-good.so"}, {k_second, k_fixtures}}, k_silent);
  BOOST_TEST(std::string(registry.find("fixture-good")->info->version) == "2.0.0");
  BOOST_TEST(rejection_of(registry, k_second / "fixture-good.so") == nullptr);
  BOOST_TEST(to_string(rejection_of(registry, fixture("fixture-good"))->stage) == "duplicate");
  BOOST_TEST(registry.explicit_files().size() == 1u);
}

BOOST_AUTO_TEST_CASE(broken_explicit_plugin_is_a_usage_error) {
  BOOST_TEST(usage_error_of(SearchPath{{fixture("fixture-wrong-abi")}, {}}) ==
             "cannot load plugin '" + fixture("fixture-wrong-abi").string() +
                 "': built for plugin ABI 2, this gptme-sessions supports ABI 1; rebuild it "
                 "against gptme-sessions SDK " GPTME_SESSIONS_VERSION);
  BOOST_TEST(usage_error_of(SearchPath{{fixture("fixture-no-entry")}, {}}) ==
             "cannot load plugin '" + fixture("fixture-no-entry").string() +
                 "': not a gptme-sessions plugin (no gptme_sessions_plugin_info export)");
}

BOOST_AUTO_TEST_CASE(two_explicit_plugins_with_one_name_is_a_usage_error) {
  BOOST_TEST(
      usage_error_of(SearchPath{{fixture("fixture-good"), k_second / "fixture-good.so"}, {}}) ==
      "cannot load plugin '" + (k_second / "fixture-good.so").string() +
          "': duplicate plugin 'fixture-good' (already loaded from " +
          fixture("fixture-good").string() + ")");
}

BOOST_AUTO_TEST_CASE(missing_directories_are_skipped) {
  TempDir dir;
  Registry registry(SearchPath{{}, {dir / "absent", k_second}}, k_silent);
  std::vector<std::string> expected{"fixture-good", "judge-fixture"};
  BOOST_TEST(loaded_names(registry) == expected, boost::test_tools::per_element());
  BOOST_TEST(registry.rejected().empty());
}

BOOST_AUTO_TEST_CASE(objects_are_created_once_in_load_order) {
  TempDir home;
  Registry registry(SearchPath{{}, {k_fixtures}}, k_silent);
  auto discoverers = registry.harness_discoverers();
  BOOST_TEST_REQUIRE(discoverers.size() == 1u);
  BOOST_TEST(discoverers[0]->harness_name() == "fixture");
  BOOST_TEST(registry.harness_discoverers().front() == discoverers[0]);
  sdk::DiscoveryQuery query{"2026-01-02", "2026-01-03", home.path()};
  auto sessions = discoverers[0]->discover(query);
  BOOST_TEST_REQUIRE(sessions.size() == 1u);
  BOOST_TEST(sessions[0].path == home / "fixture-session.jsonl");
  BOOST_TEST(sessions[0].session_date == "2026-01-02");
  BOOST_TEST(registry.signal_extractors().empty());
  BOOST_TEST(registry.providing(sdk::PluginKind::judge).size() == 2u);
}

BOOST_AUTO_TEST_CASE(judge_is_found_by_plugin_name_and_gets_its_config) {
  Registry registry(SearchPath{{}, {k_fixtures}}, k_silent);
  sdk::Judge& judge = registry.judge("fixture-good", {{"model", "cli-model"}});
  BOOST_TEST(judge.judge_name() == "fixture-good");
  auto result = judge.judge(judge_input());
  BOOST_TEST_REQUIRE(std::holds_alternative<sdk::JudgeVerdict>(result));
  BOOST_TEST(std::get<sdk::JudgeVerdict>(result).model == "cli-model");
  BOOST_TEST(&registry.judge("fixture-good") == &judge);
  std::vector<std::string> names{"fixture-good", "fixture-throws-in-factory"};
  BOOST_TEST(registry.judge_names() == names, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(judge_is_found_by_backend_name_too) {
  Registry registry(SearchPath{{}, {k_second}}, k_silent);
  BOOST_TEST(registry.judge("fixture").judge_name() == "judge-fixture");
  BOOST_TEST(registry.find_judge("judge-fixture") == registry.find_judge("fixture"));
}

BOOST_AUTO_TEST_CASE(config_falls_back_to_the_plugin_environment_variable) {
  BOOST_TEST(HostPluginContext::env_name("fixture-good", "model") ==
             "GPTME_SESSIONS_FIXTURE_GOOD_MODEL");
  ::setenv("GPTME_SESSIONS_FIXTURE_GOOD_MODEL", "env-model", 1);
  {
    Registry registry(SearchPath{{}, {k_fixtures}}, k_silent);
    auto result = registry.judge("fixture-good").judge(judge_input());
    BOOST_TEST(std::get<sdk::JudgeVerdict>(result).model == "env-model");
    registry.set_config("fixture-good", "model", "set-model");
    result = registry.judge("fixture-good").judge(judge_input());
    BOOST_TEST(std::get<sdk::JudgeVerdict>(result).model == "set-model");
  }
  ::unsetenv("GPTME_SESSIONS_FIXTURE_GOOD_MODEL");
}

BOOST_AUTO_TEST_CASE(cancellation_reaches_plugins) {
  Registry registry(SearchPath{{}, {k_fixtures}}, k_silent);
  sdk::Judge& judge = registry.judge("fixture-good");
  registry.request_cancel();
  auto result = judge.judge(judge_input());
  BOOST_TEST_REQUIRE(std::holds_alternative<sdk::JudgeError>(result));
  BOOST_TEST(std::get<sdk::JudgeError>(result).message == "cancelled");
}

BOOST_AUTO_TEST_CASE(throwing_factory_becomes_a_host_error_naming_plugin_and_path) {
  Registry registry(SearchPath{{}, {k_fixtures}}, k_silent);
  std::string message;
  try {
    registry.judge("fixture-throws-in-factory");
  } catch (const RuntimeError& e) {
    message = e.what();
  }
  BOOST_TEST(message == "plugin 'fixture-throws-in-factory' (" +
                            fixture("fixture-throws-in-factory").string() +
                            ") failed to create a Judge: no credentials configured");
}

BOOST_AUTO_TEST_CASE(missing_judge_names_the_searched_directories) {
  TempDir dir;
  Registry registry(SearchPath{{}, {k_second, dir / "none"}}, k_silent);
  BOOST_TEST(registry.find_judge("openai") == nullptr);
  std::string expected = "no plugin provides judge 'openai'; searched: " + k_second.string() +
                         ", " + (dir / "none").string() +
                         " (use --plugin-dir or GPTME_SESSIONS_PLUGIN_PATH)";
  BOOST_CHECK_EXCEPTION(registry.judge("openai"), RuntimeError, [&](const RuntimeError& e) {
    return e.what() == expected;
  });
  Registry empty(SearchPath{}, k_silent);
  BOOST_TEST(empty.not_found_message("a harness discoverer") ==
             "no plugin provides a harness discoverer; searched: no directories (use "
             "--plugin-dir or GPTME_SESSIONS_PLUGIN_PATH)");
}

BOOST_AUTO_TEST_SUITE_END()
