// `plugins list` / `plugins check` and broken-plugin handling, through the real binary.
#include "run_process.hpp"
#include "temp_dir.hpp"
#include "text_lines.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <filesystem>
#include <sstream>

namespace fs = std::filesystem;
namespace json = boost::json;
using gptme_sessions::testing::lines_of;
using gptme_sessions::testing::ProcessOptions;
using gptme_sessions::testing::ProcessResult;
using gptme_sessions::testing::run_process;
using gptme_sessions::testing::TempDir;

namespace {

const std::string k_exe = GPTME_SESSIONS_HOST_EXE;
const fs::path k_fixtures = GPTME_SESSIONS_FIXTURE_PLUGIN_DIR;

std::string fixture(const std::string& name) {
  return (k_fixtures / (name + ".so")).string();
}

// Hermetic: no default plugin directories, no user environment.
ProcessResult run(std::vector<std::string> args, const fs::path& home) {
  args.insert(args.begin(), k_exe);
  ProcessOptions options;
  options.env["GPTME_SESSIONS_SYSTEM_PLUGIN_PATH"] = "";
  options.env["GPTME_SESSIONS_PLUGIN_PATH"] = std::nullopt;
  options.env["HOME"] = home.string();
  options.env["XDG_DATA_HOME"] = (home / "data").string();
  options.env["GPTME_SESSIONS_DIR"] = (home / "sessions").string();
  return run_process(args, options);
}

bool has_line(const std::string& text, const std::string& line) {
  auto lines = lines_of(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

// The table row of a plugin, split on runs of spaces.
std::vector<std::string> row_of(const std::string& out, const std::string& path) {
  for (const auto& line : lines_of(out)) {
    if (!line.ends_with(path))
      continue;
    std::vector<std::string> cells;
    std::istringstream in(line);
    for (std::string cell; in >> cell;)
      cells.push_back(cell);
    return cells;
  }
  return {};
}

const std::string k_abi_reason = "built for plugin ABI 2, this gptme-sessions supports ABI 1; "
                                 "rebuild it against gptme-sessions SDK " GPTME_SESSIONS_VERSION;

} // namespace

BOOST_AUTO_TEST_SUITE(host_commands_plugins)

BOOST_AUTO_TEST_CASE(list_shows_loaded_and_rejected_plugins_with_reasons) {
  TempDir home;
  auto r = run({"--plugin-dir", k_fixtures.string(), "plugins", "list"}, home.path());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err == ""); // the table reports rejections; no warning lines on top
  auto header = row_of(r.out, "PATH");
  std::vector<std::string> columns{"NAME", "VERSION", "KINDS", "ABI", "STATUS", "PATH"};
  BOOST_TEST(header == columns, boost::test_tools::per_element());
  std::vector<std::string> good{
      "fixture-good", "1.0.0", "harness_discoverer,judge", "1", "loaded", fixture("fixture-good")};
  BOOST_TEST(row_of(r.out, fixture("fixture-good")) == good, boost::test_tools::per_element());
  std::vector<std::string> abi{"-", "-", "-", "2", "rejected", fixture("fixture-wrong-abi")};
  BOOST_TEST(row_of(r.out, fixture("fixture-wrong-abi")) == abi, boost::test_tools::per_element());
  BOOST_TEST(has_line(r.out, "    abi: " + k_abi_reason));
  BOOST_TEST(has_line(
      r.out, "    pre-check: not a gptme-sessions plugin (no gptme_sessions_plugin_info export)"));
  BOOST_TEST(has_line(r.out,
                      "    open: cannot load: undefined symbol: "
                      "gptme_sessions::fixtures::missing_function(int)"));
  BOOST_TEST(has_line(r.out, "    entry: entry point returned no plugin info"));
  BOOST_TEST(has_line(r.out,
                      "    fields: plugin name 'fixture-other-name' does not match file "
                      "name 'fixture-name-mismatch.so'"));
  BOOST_TEST(has_line(r.out,
                      "    fields: declares kind 'signal_extractor' but has no "
                      "signal_extractor factory"));
  BOOST_TEST(has_line(r.out, "Searched: " + k_fixtures.string()));
}

BOOST_AUTO_TEST_CASE(list_json_has_one_object_per_file) {
  TempDir home;
  auto r = run({"--plugin-dir", k_fixtures.string(), "plugins", "list", "--json"}, home.path());
  BOOST_TEST_REQUIRE(r.exit_code == 0);
  json::array list = json::parse(r.out).as_array();
  BOOST_TEST(list.size() == 10u);
  const json::object& first = list.at(0).as_object();
  BOOST_TEST(json::serialize(first) ==
             json::serialize(json::object{{"name", "fixture-good"},
                                          {"version", "1.0.0"},
                                          {"kinds", json::array{"harness_discoverer", "judge"}},
                                          {"abi", 1},
                                          {"status", "loaded"},
                                          {"path", fixture("fixture-good")},
                                          {"stage", nullptr},
                                          {"reason", nullptr}}));
  auto wrong = std::find_if(list.begin(), list.end(), [](const json::value& v) {
    return v.at("path").as_string() == fixture("fixture-wrong-abi");
  });
  BOOST_TEST_REQUIRE((wrong != list.end()));
  BOOST_TEST(wrong->at("status").as_string() == "rejected");
  BOOST_TEST(wrong->at("stage").as_string() == "abi");
  BOOST_TEST(wrong->at("reason").as_string() == k_abi_reason);
  BOOST_TEST(wrong->at("abi").as_int64() == 2);
  BOOST_TEST(wrong->at("name").is_null());
  // Python json.dumps(indent=2) layout.
  BOOST_TEST(r.out.starts_with("[\n  {\n    \"name\": \"fixture-good\",\n"));
}

BOOST_AUTO_TEST_CASE(list_without_plugins_names_what_was_searched) {
  TempDir home;
  auto r = run({"plugins", "list"}, home.path());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "No plugins found.\n\nSearched: no directories\n");
  r = run({"plugins", "list", "--json"}, home.path());
  BOOST_TEST(r.out == "[]\n");
}

BOOST_AUTO_TEST_CASE(check_good_plugin_exits_zero_step_by_step) {
  TempDir home;
  auto r = run({"plugins", "check", fixture("fixture-good")}, home.path());
  BOOST_TEST(r.exit_code == 0);
  std::vector<std::string> expected{
      "Checking " + fixture("fixture-good"),
      "pre-check: ok (gptme_sessions_plugin_info found in section gsplugin)",
      "open: ok (dlopen succeeded)",
      "entry: ok (plugin info returned)",
      "abi: ok (ABI 1)",
      "size: ok (" + std::to_string(sizeof(void*) == 8 ? 64 : 36) + " bytes)",
      "build: ok (libstdc++" + std::to_string(_GLIBCXX_USE_CXX11_ABI) + "-boost" +
          std::to_string(BOOST_VERSION) + ")",
      "fields: ok (name 'fixture-good', version '1.0.0', kinds harness_discoverer,judge)",
      "create: ok (HarnessDiscoverer, Judge)",
      "Result: fixture-good 1.0.0 would be loaded"};
  BOOST_TEST(lines_of(r.out) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(check_rejected_plugin_exits_one_at_the_failing_stage) {
  TempDir home;
  auto r = run({"plugins", "check", fixture("fixture-wrong-abi")}, home.path());
  BOOST_TEST(r.exit_code == 1);
  auto lines = lines_of(r.out);
  BOOST_TEST_REQUIRE(lines.size() == 6u);
  BOOST_TEST(lines[4] == "abi: failed: " + k_abi_reason);
  BOOST_TEST(lines[5] == "Result: fixture-wrong-abi.so would be rejected");

  r = run({"plugins", "check", fixture("fixture-no-entry")}, home.path());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has_line(r.out,
                      "pre-check: failed: not a gptme-sessions plugin (no "
                      "gptme_sessions_plugin_info export)"));
}

BOOST_AUTO_TEST_CASE(check_reports_a_throwing_factory) {
  TempDir home;
  auto r = run({"plugins", "check", fixture("fixture-throws-in-factory")}, home.path());
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(has_line(r.out,
                      "create: failed: plugin 'fixture-throws-in-factory' (" +
                          fixture("fixture-throws-in-factory") +
                          ") failed to create a Judge: no credentials configured"));
}

BOOST_AUTO_TEST_CASE(check_relative_path_is_resolved_against_the_current_directory) {
  TempDir home;
  ProcessOptions options;
  options.env["GPTME_SESSIONS_SYSTEM_PLUGIN_PATH"] = "";
  options.cwd = k_fixtures.string();
  auto r = run_process({k_exe, "plugins", "check", "fixture-good.so"}, options);
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(has_line(r.out, "Checking " + fixture("fixture-good")));
}

BOOST_AUTO_TEST_CASE(broken_explicit_plugin_is_a_usage_error) {
  TempDir home;
  auto r = run({"--plugin", fixture("fixture-wrong-abi"), "plugins", "list"}, home.path());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(has_line(
      r.err, "Error: cannot load plugin '" + fixture("fixture-wrong-abi") + "': " + k_abi_reason));
  r = run({"--plugin", (home / "absent.so").string(), "plugins", "list"}, home.path());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(has_line(
      r.err, "Error: cannot load plugin '" + (home / "absent.so").string() + "': no such file"));
}

BOOST_AUTO_TEST_CASE(explicit_good_plugin_is_listed) {
  TempDir home;
  auto r = run({"--plugin", fixture("fixture-good"), "plugins", "list"}, home.path());
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(row_of(r.out, fixture("fixture-good")).at(4) == "loaded");
}

BOOST_AUTO_TEST_CASE(other_commands_warn_once_per_broken_plugin_and_keep_working) {
  TempDir home;
  auto r = run({"--plugin-dir", k_fixtures.string(), "stats"}, home.path());
  BOOST_TEST(r.exit_code == 0);
  auto warn = [](const std::string& name, const std::string& reason) {
    return "gptme-sessions: warning: skipping plugin '" + fixture(name) + "': " + reason;
  };
  BOOST_TEST(has_line(r.err, warn("fixture-wrong-abi", k_abi_reason)));
  BOOST_TEST(has_line(r.err, warn("fixture-null-info", "entry point returned no plugin info")));
  // Not-a-plugin files are only mentioned at debug level.
  BOOST_TEST(r.err.find("fixture-no-entry") == std::string::npos);
  BOOST_TEST(has_line(r.err,
                      "gptme-sessions: warning: 7 plugins were skipped; run "
                      "'gptme-sessions plugins list'"));
  auto lines = lines_of(r.err);
  BOOST_TEST(std::count_if(lines.begin(), lines.end(), [](const std::string& l) {
               return l.find("skipping plugin") != std::string::npos;
             }) == 7);
}

BOOST_AUTO_TEST_CASE(subcommand_usage_errors_exit_two) {
  TempDir home;
  auto r = run({"plugins"}, home.path());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(has_line(r.err, "Error: Missing command."));
  r = run({"plugins", "frob"}, home.path());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(has_line(r.err, "Error: No such command 'frob'."));
  r = run({"plugins", "check"}, home.path());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(has_line(r.err, "Error: Missing argument 'FILE'."));
  r = run({"plugins", "list", "extra"}, home.path());
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(has_line(r.err, "Error: Got unexpected extra argument (extra)"));
}

BOOST_AUTO_TEST_SUITE_END()
