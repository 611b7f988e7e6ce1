// `signals PATH`: the reference's output for every fixture, format detection by content, and
// the error paths of spec §8.
#include "harness_cli_support.hpp"

#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace gptme_sessions::testing;

BOOST_AUTO_TEST_SUITE(host_commands_signals)

BOOST_AUTO_TEST_CASE(json_output_matches_the_reference_for_every_fixture) {
  HarnessCli cli;
  const std::vector<std::pair<std::filesystem::path, std::string>> cases{
      {cli.dancing(), "dancing-blue-fish"},
      {cli.owl(), "quiet-grey-owl"},
      {cli.cc_main(), "7c1e4b2a"},
      {cli.cc_triage(), "d41f8a07"},
      {cli.cc_stub(), "f0e1d2c3"},
  };
  for (const auto& [path, name] : cases) {
    BOOST_TEST_CONTEXT(name) {
      const auto r = cli.gs({"signals", "--json", path.string()});
      BOOST_TEST(r.exit_code == 0);
      BOOST_TEST(r.out == expected_output(name + ".signals.json"));
    }
  }
}

BOOST_AUTO_TEST_CASE(human_summary_matches_the_reference) {
  HarnessCli cli;
  BOOST_TEST(cli.gs({"signals", cli.dancing().string()}).out ==
             expected_output("dancing-blue-fish.summary.txt"));
  BOOST_TEST(cli.gs({"signals", cli.cc_main().string()}).out ==
             expected_output("7c1e4b2a.summary.txt"));
  BOOST_TEST(cli.gs({"signals", cli.cc_stub().string()}).out ==
             expected_output("f0e1d2c3.summary.txt"));
}

BOOST_AUTO_TEST_CASE(grade_and_usage_one_liners) {
  HarnessCli cli;
  BOOST_TEST(cli.gs({"signals", "--grade", cli.cc_main().string()}).out == "0.6500\n");
  BOOST_TEST(cli.gs({"signals", "--grade", cli.cc_stub().string()}).out == "0.1000\n");
  BOOST_TEST(cli.gs({"signals", "--usage", cli.owl().string()}).out ==
             "input=16423 output=192 cache_read=0 cache_create=0 total=16615\n");
  const auto stub = cli.gs({"signals", "--usage", cli.cc_stub().string()});
  BOOST_TEST(stub.exit_code == 0);
  BOOST_TEST(stub.out.empty());
}

BOOST_AUTO_TEST_CASE(format_is_detected_from_content_not_from_the_path) {
  HarnessCli cli;
  // A Claude Code session under a gptme-looking name, and the reverse.
  const auto as_gptme = cli.tmp() / "conversation.jsonl";
  std::filesystem::copy_file(cli.cc_main(), as_gptme);
  const auto as_claude = cli.tmp() / "0a1b2c3d-0000-0000-0000-000000000000.jsonl";
  std::filesystem::copy_file(cli.dancing(), as_claude);
  BOOST_TEST(cli.gs({"signals", "--json", as_gptme.string()}).out ==
             expected_output("7c1e4b2a.signals.json"));
  BOOST_TEST(cli.gs({"signals", "--json", as_claude.string()}).out ==
             expected_output("dancing-blue-fish.signals.json"));
}

BOOST_AUTO_TEST_CASE(empty_file_is_gptme_with_empty_signals) {
  HarnessCli cli;
  const auto empty = cli.tmp() / "empty.jsonl";
  write_bytes(empty, "");
  const auto r = cli.gs({"signals", empty.string()});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(lines_of(r.out).at(0) == "Format: gptme");
  BOOST_TEST(lines_of(r.out).at(1) == "Tool calls: 0 in 0 step(s) ()");
}

BOOST_AUTO_TEST_CASE(naive_timestamps_count_as_utc_for_the_duration) {
  HarnessCli cli;
  const auto file = cli.tmp() / "h.jsonl";
  write_bytes(file,
              "{\"role\": \"user\", \"content\": \"hi\", \"timestamp\": \"2026-03-01T10:00:00\"}\n"
              "{\"role\": \"assistant\", \"content\": \"yo\", \"timestamp\": "
              "\"2026-03-01T10:00:05+02:00\"}\n");
  const auto r = cli.gs({"signals", "--json", file.string()});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out.find("\"session_duration_s\": 7195,") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(output_flags_are_mutually_exclusive) {
  HarnessCli cli;
  const auto r = cli.gs({"signals", "--json", "--grade", "/nonexistent/x.jsonl"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: --json, --grade, and --usage are mutually exclusive");
}

BOOST_AUTO_TEST_CASE(bad_paths_are_usage_or_runtime_errors) {
  HarnessCli cli;
  const auto dir = cli.gs({"signals", cli.gptme_logs().string()});
  BOOST_TEST(dir.exit_code == 2);
  BOOST_TEST(last_line(dir.err) == "Error: Invalid value for 'PATH': " + cli.gptme_logs().string() +
                                       " is a directory, expected a .jsonl file");
  const auto missing = cli.gs({"signals", (cli.tmp() / "nope.jsonl").string()});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(last_line(missing.err) == "Error: Invalid value for 'PATH': " +
                                           (cli.tmp() / "nope.jsonl").string() + " not found");
  const auto none = cli.gs({"signals"});
  BOOST_TEST(none.exit_code == 2);
  BOOST_TEST(last_line(none.err) == "Error: Missing argument 'PATH'.");

  const auto bad = cli.tmp() / "bad.jsonl";
  write_bytes(bad,
              "{\"role\": \"user\", \"content\": \"caf\xe9\", \"timestamp\": "
              "\"2026-03-01T10:00:00\"}\n");
  const auto utf8 = cli.gs({"signals", bad.string()});
  BOOST_TEST(utf8.exit_code == 1);
  BOOST_TEST(last_line(utf8.err) == "Error: " + bad.string() + " contains non-UTF-8 content");
  BOOST_TEST(utf8.out.empty());
}

BOOST_AUTO_TEST_CASE(without_extractor_plugins_it_says_what_was_searched) {
  HarnessCli cli;
  const auto r = cli.gs({"signals", cli.dancing().string()}, {"--no-default-plugins"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err.find("no plugin provides signal extractor") != std::string::npos);
  BOOST_TEST(r.out.empty());
}

BOOST_AUTO_TEST_SUITE_END()
