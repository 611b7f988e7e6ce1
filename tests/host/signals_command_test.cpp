// `signals PATH`: the reference's output for every fixture, format detection by content, and
// the error paths of spec §8; `--llm-judge` with an offline judge plugin (the runs against a
// model server on 127.0.0.1 are in tests/plugins_judge/signals_llm_judge_cli_test.cpp).
#include "harness_cli_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <filesystem>

using namespace gptme_sessions::testing;

namespace {

const std::string k_judge_unavailable =
    "LLM judge: unavailable (missing API key, SDK, or judge returned no result)";

// The built plugins plus fixture-good, whose judge rates every session 4 without a network.
const std::vector<std::string> k_with_fixture_judge = {
    "--plugin-dir", GPTME_SESSIONS_PLUGIN_DIR, "--plugin", GPTME_SESSIONS_FIXTURE_HARNESS_PLUGIN};

} // namespace

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

BOOST_AUTO_TEST_CASE(llm_judge_adds_its_line_to_the_summary) {
  HarnessCli cli;
  const auto r =
      cli.gs({"signals", cli.dancing().string(), "--llm-judge", "--judge", "fixture-good"},
             k_with_fixture_judge);
  BOOST_TEST(r.exit_code == 0, r.err);
  BOOST_TEST(r.out == expected_output("dancing-blue-fish.summary.txt") +
                          "LLM Judge: 0.75 (fixture-model) \u2014 fixture verdict\n");
}

BOOST_AUTO_TEST_CASE(llm_judge_adds_an_object_to_the_json) {
  HarnessCli cli;
  const auto r = cli.gs(
      {"signals", "--json", cli.dancing().string(), "--llm-judge", "--judge", "fixture-good"},
      k_with_fixture_judge);
  BOOST_TEST(r.exit_code == 0, r.err);
  auto expected = boost::json::parse(expected_output("dancing-blue-fish.signals.json")).as_object();
  expected["llm_judge"] = boost::json::object{
      {"score", 0.75}, {"reason", "fixture verdict"}, {"model", "fixture-model"}, {"rating", 4}};
  const auto got = boost::json::parse(r.out).as_object();
  BOOST_TEST(got == expected);
  // Last key, after everything the reference prints.
  BOOST_TEST((got.end() - 1)->key() == "llm_judge");
}

BOOST_AUTO_TEST_CASE(llm_judge_is_not_run_for_grade_or_usage) {
  HarnessCli cli;
  // An unknown judge would say so on stderr if it were asked.
  const auto grade = cli.gs(
      {"signals", "--grade", cli.cc_main().string(), "--llm-judge", "--judge", "nonexistent"});
  BOOST_TEST(grade.exit_code == 0);
  BOOST_TEST(grade.out == "0.6500\n");
  BOOST_TEST(grade.err.empty(), grade.err);
  const auto usage =
      cli.gs({"signals", "--usage", cli.owl().string(), "--llm-judge", "--judge", "nonexistent"});
  BOOST_TEST(usage.exit_code == 0);
  BOOST_TEST(usage.out == "input=16423 output=192 cache_read=0 cache_create=0 total=16615\n");
  BOOST_TEST(usage.err.empty(), usage.err);
}

BOOST_AUTO_TEST_CASE(unavailable_judge_keeps_the_signals_output_and_exit_code) {
  HarnessCli cli;
  const auto r =
      cli.gs({"signals", cli.dancing().string(), "--llm-judge", "--judge", "nonexistent"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == expected_output("dancing-blue-fish.summary.txt"));
  const auto err = lines_of(r.err);
  BOOST_REQUIRE(err.size() == 2u);
  BOOST_TEST(err[0] == k_judge_unavailable);
  BOOST_TEST(err[1].find("LLM judge: unavailable: no plugin provides judge 'nonexistent'") == 0u,
             err[1]);

  const auto json = cli.gs(
      {"signals", "--json", cli.dancing().string(), "--llm-judge", "--judge", "nonexistent"});
  BOOST_TEST(json.exit_code == 0);
  BOOST_TEST(json.out == expected_output("dancing-blue-fish.signals.json"));
  BOOST_TEST(lines_of(json.err).at(0) == k_judge_unavailable);
}

BOOST_AUTO_TEST_CASE(llm_judge_goals_options_are_checked) {
  HarnessCli cli;
  const auto missing = cli.gs({"signals",
                               cli.dancing().string(),
                               "--llm-judge",
                               "--goals-file",
                               (cli.tmp() / "none.md").string()});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(last_line(missing.err) == "Error: Invalid value for '--goals-file': File '" +
                                           (cli.tmp() / "none.md").string() +
                                           "' does not exist or is not a file.");
  BOOST_TEST(missing.out.empty());
  const auto both = cli.gs(
      {"signals", cli.dancing().string(), "--llm-judge", "--goals", "a", "--goals-file", "b"});
  BOOST_TEST(both.exit_code == 2);
  BOOST_TEST(last_line(both.err) == "Error: --goals and --goals-file are mutually exclusive");
}

BOOST_AUTO_TEST_SUITE_END()
