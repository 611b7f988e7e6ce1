// `sync`: import, dedup, --signals, --dry-run, and the incremental index (a re-run parses
// only changed trajectories; a rewritten trajectory updates its record in place; a deleted
// one keeps its record; a lost index is rebuilt without duplicates).
#include "harness_cli_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <thread>

using namespace gptme_sessions::testing;
namespace json = boost::json;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(host_commands_sync)

namespace {

ProcessResult sync(const HarnessCli& cli, std::vector<std::string> extra = {}) {
  std::vector<std::string> args{"sync", "--since", k_all_fixtures};
  args.insert(args.end(), extra.begin(), extra.end());
  return cli.gs(args);
}

// Blanks everything after the first line (which discovery reads) in place: same inode, same
// size, mtime restored. Only a parser that reads the file again could notice.
void scribble_keeping_stat(const fs::path& file) {
  const auto mtime = fs::last_write_time(file);
  const std::string text = read_bytes(file);
  const std::size_t first_line = text.find('\n') + 1;
  {
    std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(first_line));
    f << std::string(text.size() - first_line - 1, ' ') << '\n';
  }
  fs::last_write_time(file, mtime);
}

void append_line(const fs::path& file, const std::string& line) {
  std::ofstream(file, std::ios::app | std::ios::binary) << line << '\n';
}

const std::string k_resumed_turns =
    "{\"type\":\"user\",\"message\":{\"role\":\"user\",\"content\":\"one more thing\"},"
    "\"uuid\":\"u-r1\",\"cwd\":\"/home/user/proj\",\"timestamp\":\"2026-03-09T13:10:00.000Z\"}\n"
    "{\"type\":\"assistant\",\"message\":{\"model\":\"claude-sonnet-4-6\",\"id\":\"msg_r1\","
    "\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\"Done.\"}],\"usage\":"
    "{\"input_tokens\":5,\"cache_creation_input_tokens\":0,\"cache_read_input_tokens\":20000,"
    "\"output_tokens\":10}},\"requestId\":\"req_r1\",\"uuid\":\"a-r1\",\"timestamp\":"
    "\"2026-03-09T13:10:05.000Z\"}";

} // namespace

BOOST_AUTO_TEST_CASE(dry_run_previews_without_writing) {
  HarnessCli cli;
  const auto r = sync(cli, {"--dry-run", "--signals"});
  BOOST_TEST(r.exit_code == 0);
  const std::vector<std::string> expected{
      "  would import: gptme           " + cli.dancing().string(),
      "  would import: gptme           " + cli.owl().string(),
      "  would import: claude-code     " + cli.cc_main().string(),
      "  would import: claude-code     " + cli.cc_triage().string(),
      "",
      "4 found, 0 unchanged, 4 would be imported",
  };
  BOOST_TEST(lines_of(r.out) == expected, boost::test_tools::per_element());
  BOOST_TEST(!fs::exists(cli.store_dir()));
}

BOOST_AUTO_TEST_CASE(imports_once_then_reports_unchanged) {
  HarnessCli cli;
  BOOST_TEST(sync(cli).out == "Imported 4 session(s), 0 unchanged.\n");
  BOOST_TEST(sync(cli).out == "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(cli.records().size() == 4u);
  const auto cc = cli.record_for(cli.cc_main());
  BOOST_TEST(cc.at("harness").as_string() == "claude-code");
  BOOST_TEST(cc.at("session_name").as_string() == "7c1e4b2a");
  BOOST_TEST(cc.at("project").as_string() == "/home/user/proj");
  BOOST_TEST(cc.at("model").as_string() == "claude-sonnet-4-6");
  BOOST_TEST(cc.at("timestamp").as_string() == "2026-03-09T13:02:17.412000+00:00");
  BOOST_TEST(cc.at("outcome").as_string() == "unknown");
  BOOST_TEST(fs::exists(cli.index_file()));
}

BOOST_AUTO_TEST_CASE(signals_fill_the_records) {
  HarnessCli cli;
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 4 session(s), 0 unchanged.\n");
  const auto gptme = cli.record_for(cli.dancing());
  BOOST_TEST(
      std::string(gptme.at("timestamp").as_string()).starts_with("2026-03-07T09:14:02.118734"));
  BOOST_TEST(gptme.at("outcome").as_string() == "productive");
  BOOST_TEST(gptme.at("duration_seconds").as_int64() == 37);
  BOOST_TEST(gptme.at("token_count").as_int64() == 49635);
  BOOST_TEST(gptme.at("category").as_string() == "code");
  BOOST_TEST(gptme.at("session_total_bytes").as_int64() == 2531);
  BOOST_TEST(gptme.at("deliverables").as_array().size() == 3u);
  BOOST_TEST(gptme.at("trajectory_grade").is_null());
  const auto owl = cli.record_for(cli.owl());
  BOOST_TEST(owl.at("outcome").as_string() == "noop");
  BOOST_TEST(owl.at("model").as_string() == "openrouter/moonshotai/kimi-k2.5");
  BOOST_TEST(owl.at("project").is_null());
  const auto triage = cli.record_for(cli.cc_triage());
  BOOST_TEST(triage.at("category").as_string() == "pm-react");
  BOOST_TEST(triage.at("deliverables").as_array().at(0).as_string() == "merge PR #126");
  BOOST_TEST(triage.at("context_peak_tokens").as_int64() == 17500);
}

BOOST_AUTO_TEST_CASE(an_unchanged_rerun_updates_nothing_and_parses_nothing) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const std::string before = read_bytes(cli.store_file());
  // The reference re-reported the noop session as "updated" on every run (quirk 4).
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
  // Same size, mtime and inode: the file is not read again, so the scribble goes unnoticed.
  scribble_keeping_stat(cli.cc_main());
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(read_bytes(cli.store_file()) == before);
  // Once the file looks changed it is parsed, and the scribble shows.
  fs::last_write_time(cli.cc_main(), fs::last_write_time(cli.cc_main()) + std::chrono::seconds(5));
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), updated 1, 3 unchanged.\n");
}

BOOST_AUTO_TEST_CASE(a_touched_trajectory_is_parsed_again_but_nothing_changes) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const std::string before = read_bytes(cli.store_file());
  const std::string index_before = read_bytes(cli.index_file());
  fs::last_write_time(cli.cc_main(), fs::last_write_time(cli.cc_main()) + std::chrono::seconds(5));
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(read_bytes(cli.store_file()) == before);
  BOOST_TEST(read_bytes(cli.index_file()) != index_before); // the new mtime is remembered
}

BOOST_AUTO_TEST_CASE(a_grown_trajectory_updates_its_record_in_place) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const auto before = cli.record_for(cli.cc_main());
  append_line(cli.cc_main(), k_resumed_turns);
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), updated 1, 3 unchanged.\n");
  BOOST_TEST(cli.records().size() == 4u);
  const auto after = cli.record_for(cli.cc_main());
  BOOST_TEST(after.at("session_id") == before.at("session_id"));
  BOOST_TEST(after.at("duration_seconds").as_int64() == 467);
  BOOST_TEST(after.at("token_count").as_int64() == 134351 + 20015);
  // Record order is kept: the updated record did not move.
  BOOST_TEST(cli.records().at(2).at("session_id") == before.at("session_id"));
}

BOOST_AUTO_TEST_CASE(a_replaced_gptme_log_updates_its_record) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const auto id = cli.record_for(cli.owl()).at("session_id");
  // gptme saves by writing a new file over the old one: new inode, new content.
  const fs::path temp = cli.tmp() / "conversation.new";
  std::string text = read_bytes(cli.owl());
  text += "{\"role\": \"assistant\", \"content\": \"@save(c9): {\\\"path\\\": \\\"a.py\\\"}\\n"
          "@save(c10): {\\\"path\\\": \\\"b.py\\\"}\", \"timestamp\": "
          "\"2026-03-08T08:20:00.000000\"}\n";
  write_bytes(temp, text);
  fs::rename(temp, cli.owl());
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), updated 1, 3 unchanged.\n");
  const auto owl = cli.record_for(cli.owl());
  BOOST_TEST(owl.at("session_id") == id);
  BOOST_TEST(owl.at("outcome").as_string() == "productive");
  BOOST_TEST(owl.at("deliverables").as_array().size() == 2u);
}

BOOST_AUTO_TEST_CASE(a_deleted_trajectory_keeps_its_record) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const auto record = cli.record_for(cli.cc_main());
  fs::remove(cli.cc_main());
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 3 unchanged.\n");
  BOOST_TEST(cli.records().size() == 4u);
  BOOST_TEST(cli.record_for(cli.cc_main()) == record);
}

BOOST_AUTO_TEST_CASE(edited_records_are_only_backfilled) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const std::string id(cli.record_for(cli.cc_main()).at("session_id").as_string());
  BOOST_REQUIRE_EQUAL(cli.gs({"annotate", id, "--outcome", "failed"}).exit_code, 0);
  append_line(cli.cc_main(), k_resumed_turns);
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
  const auto after = cli.record_for(cli.cc_main());
  BOOST_TEST(after.at("outcome").as_string() == "failed");
  BOOST_TEST(after.at("duration_seconds").as_int64() == 56);
}

BOOST_AUTO_TEST_CASE(plain_sync_then_signals_fills_in) {
  HarnessCli cli;
  sync(cli);
  BOOST_TEST(sync(cli, {"--dry-run", "--signals"})
                 .out.find("4 found, 0 unchanged, 0 would be "
                           "imported, 4 would be updated") != std::string::npos);
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), updated 4, 0 unchanged.\n");
  BOOST_TEST(cli.record_for(cli.dancing()).at("outcome").as_string() == "productive");
  BOOST_TEST(cli.records().size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_lost_or_damaged_index_is_rebuilt_without_duplicates) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  const std::string before = read_bytes(cli.store_file());
  fs::remove(cli.index_file());
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(fs::exists(cli.index_file()));
  write_bytes(cli.index_file(), "garbage\n{\"format\": 1}\n");
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(read_bytes(cli.store_file()) == before);
  BOOST_TEST(
      read_bytes(cli.index_file()).starts_with("{\"format\": \"gptme-sessions-sync-index\""));
}

BOOST_AUTO_TEST_CASE(a_record_removed_from_the_store_is_imported_again) {
  HarnessCli cli;
  sync(cli, {"--signals"});
  // Drop the first record by hand: the index still lists it, but the store changed.
  const std::string text = read_bytes(cli.store_file());
  write_bytes(cli.store_file(), text.substr(text.find('\n') + 1));
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 1 session(s), 3 unchanged.\n");
  BOOST_TEST(cli.records().size() == 4u);
  BOOST_TEST(sync(cli, {"--signals"}).out == "Imported 0 session(s), 4 unchanged.\n");
}

BOOST_AUTO_TEST_CASE(another_spelling_of_the_same_file_is_not_imported_twice) {
  HarnessCli cli;
  sync(cli);
  const fs::path link = cli.tmp() / "claude-link";
  fs::create_directory_symlink(cli.claude_home(), link);
  cli.set_env("CLAUDE_HOME", link.string());
  BOOST_TEST(cli.gs({"sync", "--since", k_all_fixtures, "--harness", "claude-code"}).out ==
             "Imported 0 session(s), 2 unchanged.\n");
  BOOST_TEST(cli.records().size() == 4u);
}

BOOST_AUTO_TEST_CASE(records_written_by_post_session_are_matched) {
  HarnessCli cli;
  BOOST_REQUIRE_EQUAL(
      cli.gs({"post-session", "--harness", "claude-code", "--trajectory", cli.cc_main().string()})
          .exit_code,
      0);
  const auto before = cli.record_for(cli.cc_main());
  BOOST_TEST(sync(cli, {"--signals"}).out.starts_with("Imported 3 session(s)"));
  BOOST_TEST(cli.records().size() == 4u);
  const auto after = cli.record_for(cli.cc_main());
  BOOST_TEST(after.at("session_id") == before.at("session_id"));
  BOOST_TEST(after.at("outcome") == before.at("outcome"));
  BOOST_TEST(after.at("session_name").as_string() == "7c1e4b2a");
}

BOOST_AUTO_TEST_CASE(damaged_and_unreadable_files_do_not_stop_the_others) {
  HarnessCli cli;
  // A session file that is not JSON at all (big enough not to be a stub) and a dangling link.
  write_bytes(cli.claude_project() / "0badf00d-0000-0000-0000-000000000000.jsonl",
              std::string(5000, 'x') + "\n");
  fs::create_symlink(cli.tmp() / "gone.jsonl",
                     cli.claude_project() / "0dead000-0000-0000-0000-000000000000.jsonl");
  const auto r = sync(cli, {"--signals"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "Imported 4 session(s), 0 unchanged.\n");
  BOOST_TEST(r.err.find("0dead000-0000-0000-0000-000000000000.jsonl") != std::string::npos);
  for (const auto& record : cli.records())
    BOOST_TEST(record.contains("session_id")); // every line is a whole record
}

BOOST_AUTO_TEST_CASE(json_output) {
  HarnessCli cli;
  const auto r = sync(cli, {"--json", "--harness", "gptme"});
  BOOST_TEST(r.exit_code == 0);
  const auto doc = json::parse(r.out).as_object();
  BOOST_TEST(doc.at("found").as_int64() == 2);
  BOOST_TEST(doc.at("imported").as_int64() == 2);
  BOOST_TEST(doc.at("updated").as_int64() == 0);
  BOOST_TEST(doc.at("dry_run").as_bool() == false);
  const auto& first = doc.at("sessions").as_array().at(0).as_object();
  BOOST_TEST(first.at("action").as_string() == "import");
  BOOST_TEST(first.at("session_id") == cli.record_for(cli.dancing()).at("session_id"));
}

BOOST_AUTO_TEST_CASE(large_imports_warn_first) {
  HarnessCli cli;
  for (int i = 0; i < 101; ++i)
    write_bytes(cli.gptme_logs() / ("2026-02-01-bulk-run-" + std::to_string(i)) /
                    "conversation.jsonl",
                "{\"role\": \"user\", \"content\": \"hi\", \"timestamp\": "
                "\"2026-02-01T10:00:00\"}\n");
  const auto r = cli.gs({"sync", "--since", k_all_fixtures, "--harness", "gptme"});
  BOOST_TEST(r.out == "Imported 103 session(s), 0 unchanged.\n");
  BOOST_TEST(r.err.find("Warning: 103 new session(s) would be imported (window: 3650 days). Use "
                        "--dry-run to preview. Proceeding...") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(nothing_found_and_option_errors) {
  HarnessCli cli;
  BOOST_TEST(cli.gs({"sync", "--since", "2d"}).out == "No sessions found in the last 2 days.\n");
  const auto bad = cli.gs({"sync", "--harness", "copilot-cli"});
  BOOST_TEST(bad.exit_code == 2);
  BOOST_TEST(last_line(bad.err) == "Error: Invalid value for '--harness': 'copilot-cli' is not "
                                   "one of 'gptme', 'claude-code'.");
}

BOOST_AUTO_TEST_CASE(ctrl_c_during_discovery_aborts_without_writing) {
  HarnessCli cli;
  const fs::path marker = cli.tmp() / "scanning";
  cli.set_env("GPTME_SESSIONS_FIXTURE_GOOD_BLOCK_UNTIL_CANCELLED", marker.string());
  const std::vector<std::string> plugins{
      "--plugin-dir", GPTME_SESSIONS_PLUGIN_DIR, "--plugin", GPTME_SESSIONS_FIXTURE_HARNESS_PLUGIN};
  // SIGINT once the plugin is busy scanning: it sees cancelled() and returns what it has,
  // which must not be imported as if the scan were complete.
  const auto r = cli.gs({"sync", "--signals"}, plugins, [&marker](pid_t pid) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
    while (!fs::exists(marker) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ::kill(pid, SIGINT);
  });
  BOOST_TEST(r.exit_code == 130, r.err);
  BOOST_TEST(r.out == "");
  BOOST_TEST(r.err.find("Interrupted: stopping") != std::string::npos, r.err);
  BOOST_TEST(r.err.ends_with("Aborted!\n"), r.err);
  BOOST_TEST(!fs::exists(cli.store_file()));
  BOOST_TEST(!fs::exists(cli.index_file()));
}

BOOST_AUTO_TEST_SUITE_END()
