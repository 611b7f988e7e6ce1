// `post-session`: the reference's examples (spec §12, EXPECTED.md) for the harnesses that have
// a plugin here, checked on stdout, stderr and the stored record.
#include "harness_cli_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace gptme_sessions::testing;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(host_commands_post_session)

namespace {

json::object only_record(const HarnessCli& cli) {
  const auto records = cli.records();
  BOOST_REQUIRE_EQUAL(records.size(), 1u);
  return records.front();
}

ProcessResult post(const HarnessCli& cli, std::vector<std::string> args) {
  args.insert(args.begin(), "post-session");
  return cli.gs(args);
}

} // namespace

BOOST_AUTO_TEST_CASE(claude_code_trajectory_json) {
  HarnessCli cli;
  const auto r = post(cli,
                      {"--harness",
                       "claude-code",
                       "--trajectory",
                       cli.cc_main().string(),
                       "--session-id",
                       "ps-cc-01",
                       "--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "{\"session_id\": \"ps-cc-01\", \"outcome\": \"productive\", \"grade\": "
                      "0.65, \"token_count\": 134351}\n");
  BOOST_TEST(r.err.empty());
  const auto rec = only_record(cli);
  BOOST_TEST(rec.at("harness").as_string() == "claude-code");
  // From the claude-code plugin's HarnessDiscoverer::describe().
  BOOST_TEST(rec.at("session_name").as_string() == "7c1e4b2a");
  BOOST_TEST(rec.at("project").as_string() == "/home/user/proj");
  BOOST_TEST(rec.at("model").as_string() == "claude-sonnet-4-6");
  BOOST_TEST(rec.at("outcome").as_string() == "productive");
  BOOST_TEST(rec.at("exit_code").as_int64() == 0);
  BOOST_TEST(rec.at("duration_seconds").as_int64() == 56);
  BOOST_TEST(rec.at("category").as_string() == "code");
  BOOST_TEST(rec.at("token_count").as_int64() == 134351);
  BOOST_TEST(rec.at("trajectory_grade").as_double() == 0.65);
  BOOST_TEST(rec.at("grades").as_object().at("productivity").as_double() == 0.65);
  BOOST_TEST(rec.at("trajectory_path").as_string() == cli.cc_main().string());
  BOOST_TEST(rec.at("deliverables").as_array().size() == 3u);
  BOOST_TEST(rec.at("deliverable_details").as_array().size() == 3u);
  BOOST_TEST(field(rec, "summarizer_fired").is_null());
  BOOST_TEST(!rec.at("start_time").is_null());
  BOOST_TEST(!rec.at("end_time").is_null());
}

BOOST_AUTO_TEST_CASE(text_line) {
  HarnessCli cli;
  const auto r = post(cli,
                      {"--harness",
                       "claude-code",
                       "--trajectory",
                       cli.cc_main().string(),
                       "--session-id",
                       "ps-cc-02"});
  BOOST_TEST(r.out ==
             "Recorded session ps-cc-02: outcome=productive grade=0.6500 tokens=134,351\n");
}

BOOST_AUTO_TEST_CASE(noop_trajectory_shorter_than_the_run_is_unreliable) {
  HarnessCli cli;
  const auto r = post(cli,
                      {"--harness",
                       "gptme",
                       "--model",
                       "opus",
                       "--trajectory",
                       cli.owl().string(),
                       "--duration",
                       "600",
                       "--session-id",
                       "ps-gp-unrel"});
  BOOST_TEST(r.out == "Recorded session ps-gp-unrel: outcome=unknown grade=0.1500 tokens=16,615\n");
  BOOST_TEST(r.err == "Trajectory says noop but is unreliable (13% coverage); no caller "
                      "deliverables — recording unknown\n");
  const auto rec = only_record(cli);
  BOOST_TEST(rec.at("model").as_string() == "opus");
  BOOST_TEST(rec.at("session_name").as_string() == "quiet-grey-owl");
  BOOST_TEST(rec.at("project").is_null());
  BOOST_TEST(rec.at("duration_seconds").as_int64() == 600);
  BOOST_TEST(rec.at("journal_path").as_string() ==
             "/home/user/proj/journal/2026-03-08/monitoring-0815.md");
  BOOST_TEST(rec.at("summarizer_fired").as_bool());
}

BOOST_AUTO_TEST_CASE(noop_trajectory_drops_caller_shas_and_flags_a_shared_journal) {
  HarnessCli cli;
  post(cli,
       {"--harness",
        "gptme",
        "--trajectory",
        cli.owl().string(),
        "--duration",
        "600",
        "--session-id",
        "ps-gp-unrel"});
  const auto r = post(cli,
                      {"--harness",
                       "gptme",
                       "--trajectory",
                       cli.owl().string(),
                       "--duration",
                       "100",
                       "--deliverables",
                       "0123abcd0123abcd0123abcd0123abcd0123abcd",
                       "--session-id",
                       "ps-gp-noop"});
  BOOST_TEST(r.out == "Recorded session ps-gp-noop: outcome=noop grade=0.1500 tokens=16,615\n");
  BOOST_TEST(r.err ==
             "Dropping 1 git-range commit(s): trajectory determined noop with no deliverables "
             "(SHAs from concurrent session)\n"
             "journal_path /home/user/proj/journal/2026-03-08/monitoring-0815.md already used by "
             "other session_ids: ps-gp-unrel\n");
  const auto rec = cli.records().at(1);
  BOOST_TEST(rec.at("model").as_string() == "openrouter/moonshotai/kimi-k2.5");
  BOOST_TEST(rec.at("deliverables").as_array().empty());
}

BOOST_AUTO_TEST_CASE(failed_exit_records_the_error_line) {
  HarnessCli cli;
  const auto r = post(cli,
                      {"--harness",
                       "gptme",
                       "--exit-code",
                       "1",
                       "--trajectory",
                       cli.dancing().string(),
                       "--session-id",
                       "ps-gp-fail"});
  BOOST_TEST(r.out == "Recorded session ps-gp-fail: outcome=failed grade=0.5000 tokens=49,635\n");
  const auto rec = only_record(cli);
  BOOST_TEST(rec.at("outcome").as_string() == "failed");
  BOOST_TEST(rec.at("exit_code").as_int64() == 1);
  BOOST_TEST(rec.at("failure_reason").as_string() == "nonzero_exit_unclassified");
  BOOST_TEST(rec.at("error").as_string() ==
             "Error during execution: Patch failed for src/proj/cli.py: original chunk not found "
             "in file");
  BOOST_TEST(rec.at("duration_seconds").as_int64() == 37);
  BOOST_TEST(rec.at("summarizer_fired").as_bool() == false);
  BOOST_TEST(rec.at("ttft_ms_avg").as_double() == 906.8);
  BOOST_TEST(rec.at("ttft_ms_p50").as_double() == 861.1);
}

BOOST_AUTO_TEST_CASE(without_a_trajectory) {
  HarnessCli cli;
  BOOST_TEST(post(cli,
                  {"--harness",
                   "gptme",
                   "--start-commit",
                   "aaa1111",
                   "--end-commit",
                   "bbb2222",
                   "--duration",
                   "1200",
                   "--session-id",
                   "ps-git"})
                 .out == "Recorded session ps-git: outcome=productive grade=n/a tokens=n/a\n");
  BOOST_TEST(
      post(cli, {"--harness", "gptme", "--exit-code", "124", "--session-id", "ps-timeout"}).out ==
      "Recorded session ps-timeout: outcome=unknown grade=n/a tokens=n/a\n");
  BOOST_TEST(post(cli,
                  {"--harness",
                   "gptme",
                   "--deliverables",
                   "https://github.com/acme/proj/pull/131",
                   "--session-id",
                   "ps-caller-only"})
                 .out ==
             "Recorded session ps-caller-only: outcome=productive grade=n/a tokens=n/a\n");
  const auto records = cli.records();
  BOOST_REQUIRE_EQUAL(records.size(), 3u);
  BOOST_TEST(records[0].at("model").as_string() == "unknown");
  BOOST_TEST(records[0].at("duration_seconds").as_int64() == 1200);
  BOOST_TEST(records[1].at("failure_reason").as_string() == "timeout");
  BOOST_TEST(field(records[1], "error").is_null());
  BOOST_TEST(records[1].at("start_time").is_null());
  const auto& details = records[2].at("deliverable_details").as_array();
  BOOST_REQUIRE_EQUAL(details.size(), 1u);
  BOOST_TEST(details[0].as_object().at("kind").as_string() == "pull_request");
  BOOST_TEST(details[0].as_object().at("provenance_class").as_string() == "fallback_observed");
  BOOST_TEST(details[0].as_object().at("evidence").as_object().at("reason").as_string() ==
             "no_trajectory");
}

BOOST_AUTO_TEST_CASE(caller_shas_are_checked_against_the_trajectory_commits) {
  HarnessCli cli;
  const auto r = post(cli,
                      {"--harness",
                       "claude-code",
                       "--trajectory",
                       cli.cc_main().string(),
                       "--deliverables",
                       "5d2e8a1f00112233445566778899aabbccddeeff",
                       "--deliverables",
                       "deadbeef01234567012345670123456701234567",
                       "--deliverables",
                       "https://github.com/acme/proj/pull/128"});
  BOOST_TEST(r.err == "Dropping 1 git-range commit(s) absent from trajectory (likely from a "
                      "concurrent session): ['deadbeef01234567012345670123456701234567']\n");
  const auto rec = only_record(cli);
  const auto& values = rec.at("deliverables").as_array();
  BOOST_REQUIRE_EQUAL(values.size(), 5u);
  BOOST_TEST(values[3].as_string() == "5d2e8a1f00112233445566778899aabbccddeeff");
  BOOST_TEST(values[4].as_string() == "https://github.com/acme/proj/pull/128");
  const auto& sha = rec.at("deliverable_details").as_array().at(3).as_object();
  BOOST_TEST(sha.at("provenance_class").as_string() == "session_committed");
  BOOST_TEST(sha.at("evidence").as_object().at("validation").as_string() ==
             "trajectory_sha_prefix");
}

BOOST_AUTO_TEST_CASE(trajectory_path_is_normalized_like_python) {
  HarnessCli cli;
  const std::string messy =
      cli.tmp().string() + "//gptme/./" + HarnessCli::k_owl + "/conversation.jsonl";
  post(cli, {"--harness", "gptme", "--trajectory", messy});
  BOOST_TEST(only_record(cli).at("trajectory_path").as_string() == cli.owl().string());
}

BOOST_AUTO_TEST_CASE(usage_errors) {
  HarnessCli cli;
  const auto missing = post(cli, {"--model", "x"});
  BOOST_TEST(missing.exit_code == 2);
  BOOST_TEST(last_line(missing.err) == "Error: Missing option '--harness'.");
  const auto bad = post(cli, {"--harness", "cursor"});
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(last_line(bad.err) == "Error: Invalid value for '--harness': 'cursor' is not one of "
                                   "'gptme', 'claude-code', 'codex', 'copilot-cli'.");
  const auto dur = post(cli, {"--harness", "gptme", "--duration", "abc"});
  BOOST_TEST(dur.exit_code == 2);
  BOOST_TEST(last_line(dur.err) == "Error: Invalid value for '--duration': 'abc' is not a valid "
                                   "integer.");
  const auto tier = post(cli, {"--harness", "gptme", "--context-tier", "huge"});
  BOOST_TEST(tier.exit_code == 2);
  BOOST_TEST(!std::filesystem::exists(cli.store_file()));
}

BOOST_AUTO_TEST_SUITE_END()
