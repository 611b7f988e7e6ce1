// One test per pipeline stage, each against a fixture plugin built to fail exactly there
// (tests/fixtures/plugins), asserting the exact one-line reason.
#include "plugins/loader.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/sdk/abi.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>
#include <fstream>

namespace fs = std::filesystem;
using namespace gptme_sessions::host::plugins;
using gptme_sessions::testing::TempDir;

namespace {

const fs::path k_fixtures = GPTME_SESSIONS_FIXTURE_PLUGIN_DIR;

fs::path fixture(const std::string& name) {
  return k_fixtures / (name + ".so");
}

const RejectedPlugin& rejected(const LoadResult& result) {
  BOOST_TEST_REQUIRE(result.rejected.has_value());
  BOOST_TEST_REQUIRE(!result.loaded.has_value());
  return *result.rejected;
}

// The steps before the failing one all passed, and the failing one is last.
void check_steps(const LoadResult& result, Stage failing) {
  BOOST_TEST_REQUIRE(!result.steps.empty());
  for (std::size_t i = 0; i + 1 < result.steps.size(); ++i)
    BOOST_TEST(result.steps[i].ok);
  BOOST_TEST(!result.steps.back().ok);
  BOOST_TEST(to_string(result.steps.back().stage) == to_string(failing));
  BOOST_TEST(result.steps.back().detail == result.rejected->message);
}

} // namespace

BOOST_AUTO_TEST_SUITE(host_plugins_loader)

BOOST_AUTO_TEST_CASE(good_plugin_passes_every_stage) {
  auto result = load_plugin(fixture("fixture-good"));
  BOOST_TEST_REQUIRE(result.loaded.has_value());
  BOOST_TEST(!result.rejected.has_value());
  const auto& info = *result.loaded->info;
  BOOST_TEST(std::string(info.name) == "fixture-good");
  BOOST_TEST(std::string(info.version) == "1.0.0");
  BOOST_TEST(kinds_to_string(info.kinds) == "harness_discoverer,judge");
  BOOST_TEST(result.loaded->path == fixture("fixture-good"));
  BOOST_TEST_REQUIRE(result.steps.size() == 7u);
  const Stage order[] = {Stage::pre_check,
                         Stage::open,
                         Stage::entry,
                         Stage::abi,
                         Stage::size,
                         Stage::build,
                         Stage::fields};
  for (std::size_t i = 0; i < 7; ++i) {
    BOOST_TEST(result.steps[i].ok);
    BOOST_TEST(to_string(result.steps[i].stage) == to_string(order[i]));
  }
  BOOST_TEST(result.steps.back().detail ==
             "name 'fixture-good', version '1.0.0', kinds harness_discoverer,judge");
}

BOOST_AUTO_TEST_CASE(library_without_entry_point_is_not_a_plugin_and_never_runs) {
  TempDir dir;
  fs::path marker = dir / "constructor-ran";
  ::setenv("GPTME_SESSIONS_FIXTURE_MARKER", marker.c_str(), 1);
  auto result = load_plugin(fixture("fixture-no-entry"));
  ::unsetenv("GPTME_SESSIONS_FIXTURE_MARKER");
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "pre-check");
  BOOST_TEST(r.message == "not a gptme-sessions plugin (no gptme_sessions_plugin_info export)");
  check_steps(result, Stage::pre_check);
  BOOST_TEST(!fs::exists(marker));
}

BOOST_AUTO_TEST_CASE(file_that_is_not_a_library_is_not_a_plugin) {
  TempDir dir;
  std::ofstream(dir / "text.so") << "just some text, not ELF\n";
  auto result = load_plugin(dir / "text.so");
  BOOST_TEST(rejected(result).message == "not a gptme-sessions plugin (not a shared library)");
  BOOST_TEST(to_string(rejected(result).stage) == "pre-check");
}

BOOST_AUTO_TEST_CASE(empty_file_is_not_a_plugin) {
  TempDir dir;
  std::ofstream(dir / "empty.so").flush();
  auto result = load_plugin(dir / "empty.so");
  BOOST_TEST(rejected(result).message == "not a gptme-sessions plugin (not a shared library)");
}

BOOST_AUTO_TEST_CASE(directory_is_not_a_plugin) {
  TempDir dir;
  fs::create_directory(dir / "dir.so");
  auto result = load_plugin(dir / "dir.so");
  BOOST_TEST(rejected(result).message == "not a gptme-sessions plugin (not a regular file)");
}

BOOST_AUTO_TEST_CASE(missing_file_is_reported_as_such) {
  TempDir dir;
  auto result = load_plugin(dir / "absent.so");
  BOOST_TEST(rejected(result).message == "no such file");
  BOOST_TEST(to_string(rejected(result).stage) == "pre-check");
}

BOOST_AUTO_TEST_CASE(unresolved_symbol_fails_at_open_with_the_demangled_name) {
  auto result = load_plugin(fixture("fixture-unresolved-symbol"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "open");
  BOOST_TEST(r.message ==
             "cannot load: undefined symbol: gptme_sessions::fixtures::missing_function(int)");
  check_steps(result, Stage::open);
}

BOOST_AUTO_TEST_CASE(entry_returning_null_is_rejected) {
  auto result = load_plugin(fixture("fixture-null-info"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "entry");
  BOOST_TEST(r.message == "entry point returned no plugin info");
  check_steps(result, Stage::entry);
}

BOOST_AUTO_TEST_CASE(other_abi_names_both_versions_and_reads_nothing_else) {
  auto result = load_plugin(fixture("fixture-wrong-abi"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "abi");
  BOOST_TEST(r.message == "built for plugin ABI 2, this gptme-sessions supports ABI 1; rebuild it "
                          "against gptme-sessions SDK " GPTME_SESSIONS_VERSION);
  BOOST_TEST_REQUIRE(r.abi_version.has_value());
  BOOST_TEST(*r.abi_version == 2u);
  BOOST_TEST(r.name.empty()); // the body of a foreign ABI is never read
  check_steps(result, Stage::abi);
}

BOOST_AUTO_TEST_CASE(stale_descriptor_size_is_rejected) {
  auto result = load_plugin(fixture("fixture-bad-size"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "size");
  auto expected = sizeof(gptme_sessions::sdk::PluginInfo);
  BOOST_TEST(r.message == "plugin info size " + std::to_string(expected - sizeof(void*)) +
                              " does not match expected " + std::to_string(expected) +
                              " (stale SDK headers?)");
  check_steps(result, Stage::size);
}

BOOST_AUTO_TEST_CASE(other_build_id_names_both) {
  auto result = load_plugin(fixture("fixture-bad-build-id"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "build");
  BOOST_TEST(r.message == "built with 'libc++-boost107900', this host was built with '" +
                              std::string(host_build_id()) + "'");
  check_steps(result, Stage::build);
}

BOOST_AUTO_TEST_CASE(host_build_id_describes_this_compile) {
  BOOST_TEST(host_build_id() == "libstdc++" + std::to_string(_GLIBCXX_USE_CXX11_ABI) + "-boost" +
                                    std::to_string(BOOST_VERSION));
}

BOOST_AUTO_TEST_CASE(name_must_match_the_file_name) {
  auto result = load_plugin(fixture("fixture-name-mismatch"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "fields");
  BOOST_TEST(
      r.message ==
      "plugin name 'fixture-other-name' does not match file name 'fixture-name-mismatch.so'");
  BOOST_TEST(r.name == "fixture-other-name");
  check_steps(result, Stage::fields);
}

BOOST_AUTO_TEST_CASE(declared_kind_needs_its_factory) {
  auto result = load_plugin(fixture("fixture-bad-info"));
  const auto& r = rejected(result);
  BOOST_TEST(to_string(r.stage) == "fields");
  BOOST_TEST(r.message == "declares kind 'signal_extractor' but has no signal_extractor factory");
  check_steps(result, Stage::fields);
}

BOOST_AUTO_TEST_CASE(copy_under_another_file_name_fails_the_name_check) {
  TempDir dir;
  fs::copy_file(fixture("fixture-good"), dir / "renamed.so");
  auto result = load_plugin(dir / "renamed.so");
  BOOST_TEST(rejected(result).message ==
             "plugin name 'fixture-good' does not match file name 'renamed.so'");
}

BOOST_AUTO_TEST_CASE(throwing_factory_still_loads) {
  // Factories only run when an object is needed; the registry tests cover that failure.
  auto result = load_plugin(fixture("fixture-throws-in-factory"));
  BOOST_TEST(result.loaded.has_value());
}

BOOST_AUTO_TEST_CASE(kind_names_follow_bit_order) {
  BOOST_TEST(kinds_to_string(0) == "-");
  BOOST_TEST(kinds_to_string(7) == "harness_discoverer,signal_extractor,judge");
  BOOST_TEST(kinds_to_string(2) == "signal_extractor");
  BOOST_TEST(kinds_to_string(8) == "-");
}

BOOST_AUTO_TEST_SUITE_END()
