// `discover`: the plugins' sessions in discovery order, the synced check against the store
// (fixed to look at trajectory_path), --signals, --unsynced, --json and the option errors.
#include "harness_cli_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace gptme_sessions::testing;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(host_commands_discover)

namespace {

std::string window_footer(std::size_t found, int days) {
  return std::to_string(found) + " session(s) found (" + local_day(days) + " to " + local_day(0) +
         ")";
}

} // namespace

BOOST_AUTO_TEST_CASE(lists_every_harness_by_date_and_skips_stubs) {
  HarnessCli cli;
  const auto r = cli.gs({"discover", "--since", k_all_fixtures});
  BOOST_TEST(r.exit_code == 0);
  const std::vector<std::string> expected{
      "[ ]   2026-03-07  gptme        " + cli.dancing().string(),
      "[ ]   2026-03-08  gptme        " + cli.owl().string(),
      "[ ]   2026-03-09  claude-code  " + cli.cc_main().string(),
      "[ ]   2026-03-10  claude-code  " + cli.cc_triage().string(),
      "",
      window_footer(4, 3650) + ", 0 synced, 4 pending",
  };
  BOOST_TEST(lines_of(r.out) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(signals_columns) {
  HarnessCli cli;
  const auto r = cli.gs({"discover", "--since", k_all_fixtures, "--signals"});
  BOOST_TEST(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 6u);
  BOOST_TEST(lines[0] ==
             "[ ][+] 2026-03-07  gptme        grade=0.50  tools=6 commits=1 errors=1  " +
                 cli.dancing().string());
  BOOST_TEST(lines[1] ==
             "[ ][-] 2026-03-08  gptme        grade=0.15  tools=3 commits=0 errors=1  " +
                 cli.owl().string());
  BOOST_TEST(lines[2] ==
             "[ ][+] 2026-03-09  claude-code  grade=0.65  tools=7 commits=1 errors=1  " +
                 cli.cc_main().string());
  BOOST_TEST(lines[3] ==
             "[ ][+] 2026-03-10  claude-code  grade=0.65  tools=7 commits=0 errors=1  " +
                 cli.cc_triage().string());
}

BOOST_AUTO_TEST_CASE(signals_errors_are_shown_per_entry) {
  HarnessCli cli;
  // A gptme log directory without conversation.jsonl is still a session, but has no signals.
  std::filesystem::create_directories(cli.gptme_logs() / "2026-03-09-empty-dir-run");
  const auto r = cli.gs({"discover", "--since", k_all_fixtures, "--signals", "--harness", "gptme"});
  BOOST_TEST(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 5u);
  BOOST_TEST(lines[2] == "[ ][?] 2026-03-09  gptme  (signals error: no conversation.jsonl in " +
                             (cli.gptme_logs() / "2026-03-09-empty-dir-run").string() + ")  " +
                             (cli.gptme_logs() / "2026-03-09-empty-dir-run").string());
}

BOOST_AUTO_TEST_CASE(json_output) {
  HarnessCli cli;
  const auto r =
      cli.gs({"discover", "--since", k_all_fixtures, "--json", "--harness", "claude-code"});
  BOOST_TEST(r.exit_code == 0);
  const std::string expected = "{\n"
                               "  \"sessions\": [\n"
                               "    {\n"
                               "      \"harness\": \"claude-code\",\n"
                               "      \"path\": \"" +
                               cli.cc_main().string() +
                               "\",\n"
                               "      \"session_date\": \"2026-03-09\",\n"
                               "      \"synced\": false\n"
                               "    },\n"
                               "    {\n"
                               "      \"harness\": \"claude-code\",\n"
                               "      \"path\": \"" +
                               cli.cc_triage().string() +
                               "\",\n"
                               "      \"session_date\": \"2026-03-10\",\n"
                               "      \"synced\": false\n"
                               "    }\n"
                               "  ],\n"
                               "  \"total_discovered\": 2\n"
                               "}\n";
  BOOST_TEST(r.out == expected);

  const auto s = cli.gs({"discover", "--since", k_all_fixtures, "--json", "--signals"});
  const auto doc = json::parse(s.out).as_object();
  const auto& first = doc.at("sessions").as_array().at(0).as_object();
  BOOST_TEST(first.at("grade").as_double() == 0.5);
  BOOST_TEST(first.at("productive").as_bool());
  BOOST_TEST(first.at("tool_calls").as_int64() == 6);
  BOOST_TEST(first.at("git_commits").as_int64() == 1);
  BOOST_TEST(first.at("error_count").as_int64() == 1);
}

BOOST_AUTO_TEST_CASE(synced_means_the_trajectory_is_in_the_store) {
  HarnessCli cli;
  BOOST_REQUIRE_EQUAL(cli.gs({"sync", "--since", k_all_fixtures, "--harness", "gptme"}).exit_code,
                      0);
  const auto r = cli.gs({"discover", "--since", k_all_fixtures});
  const auto lines = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 6u);
  BOOST_TEST(lines[0].starts_with("[S]   2026-03-07  gptme"));
  BOOST_TEST(lines[1].starts_with("[S]   2026-03-08  gptme"));
  BOOST_TEST(lines[2].starts_with("[ ]   2026-03-09  claude-code"));
  BOOST_TEST(lines[5] == window_footer(4, 3650) + ", 2 synced, 2 pending");

  const auto unsynced = cli.gs({"discover", "--since", k_all_fixtures, "--unsynced"});
  const auto u = lines_of(unsynced.out);
  BOOST_REQUIRE_EQUAL(u.size(), 4u);
  BOOST_TEST(u[0].starts_with("[ ]   2026-03-09  claude-code"));
  BOOST_TEST(u[3] == window_footer(2, 3650) + " (4 total, 2 already synced)");
}

BOOST_AUTO_TEST_CASE(synced_check_resolves_symlinks) {
  HarnessCli cli;
  const auto link = cli.tmp() / "logs-link";
  std::filesystem::create_directory_symlink(cli.gptme_logs(), link);
  // A record written through the symlinked path (say by post-session) counts as synced.
  cli.gs({"post-session",
          "--harness",
          "gptme",
          "--trajectory",
          (link / HarnessCli::k_dancing / "conversation.jsonl").string()});
  const auto lines = lines_of(cli.gs({"discover", "--since", k_all_fixtures}).out);
  BOOST_TEST(lines.at(0).starts_with("[S]   2026-03-07  gptme"));
  BOOST_TEST(lines.at(1).starts_with("[ ]   2026-03-08  gptme"));
}

BOOST_AUTO_TEST_CASE(all_synced_and_nothing_found_messages) {
  HarnessCli cli;
  cli.gs({"sync", "--since", k_all_fixtures});
  const auto all = cli.gs({"discover", "--since", k_all_fixtures, "--unsynced"});
  BOOST_TEST(all.out == "All 4 session(s) in the last 3650 days are already synced.\n");
  // `all` and zero fall back to a week, where the March fixtures are not.
  const auto week = cli.gs({"discover", "--since", "all"});
  BOOST_TEST(week.exit_code == 0);
  BOOST_TEST(week.out == "No sessions found in the last 7 days.\n");
  BOOST_TEST(cli.gs({"discover", "--since", "0"}).out == "No sessions found in the last 7 days.\n");
}

BOOST_AUTO_TEST_CASE(option_errors) {
  HarnessCli cli;
  const auto since = cli.gs({"discover", "--since", "1y"});
  BOOST_TEST(since.exit_code == 2);
  BOOST_TEST(last_line(since.err).starts_with("Error: Invalid value for '--since': invalid value "
                                              "'1y'"));
  const auto harness = cli.gs({"discover", "--harness", "codex"});
  BOOST_TEST(harness.exit_code == 2);
  BOOST_TEST(last_line(harness.err) ==
             "Error: Invalid value for '--harness': 'codex' is not one of 'gptme', "
             "'claude-code'.");
}

BOOST_AUTO_TEST_CASE(a_third_party_harness_plugin_takes_part) {
  HarnessCli cli;
  const std::vector<std::string> plugins{
      "--plugin-dir", GPTME_SESSIONS_PLUGIN_DIR, "--plugin", GPTME_SESSIONS_FIXTURE_HARNESS_PLUGIN};
  const auto r = cli.gs({"discover", "--since", "3d", "--harness", "fixture"}, plugins);
  BOOST_TEST(r.exit_code == 0);
  const auto lines = lines_of(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  BOOST_TEST(lines[0] == "[ ]   " + local_day(3) + "  fixture  " +
                             (cli.home() / "fixture-session.jsonl").string());
  // ... and in the choices listed for a wrong --harness.
  const auto wrong = cli.gs({"discover", "--harness", "nope"}, plugins);
  BOOST_TEST(last_line(wrong.err) == "Error: Invalid value for '--harness': 'nope' is not one of "
                                     "'gptme', 'claude-code', 'fixture'.");
}

BOOST_AUTO_TEST_CASE(without_harness_plugins_nothing_is_found) {
  HarnessCli cli;
  const auto r = cli.gs({"discover", "--since", k_all_fixtures}, {"--no-default-plugins"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "No sessions found in the last 3650 days.\n");
  BOOST_TEST(r.err.find("no plugin provides harness discoverer") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
