// `sync --fix-timestamps`: the decision rules (wrong date, noon placeholder, missing file),
// the dry-run listing, one rewrite that changes nothing but the wrong timestamps, --json, and
// a sync index that stays valid for the next plain `sync`.
#include "commands/sync_fix_timestamps.hpp"
#include "commands/sync_index.hpp"
#include "commands/sync_record.hpp"
#include "harness_cli_support.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <unistd.h>

#include <filesystem>
#include <map>

using namespace gptme_sessions::testing;
namespace host = gptme_sessions::host;
namespace core = gptme_sessions::core;
namespace json = boost::json;
namespace fs = std::filesystem;

BOOST_AUTO_TEST_SUITE(host_commands_sync_fix_timestamps)

namespace {

host::TrajectoryTime started(const std::string& start_time, const std::string& date) {
  return host::TrajectoryTime{start_time, date};
}

host::TrajectoryTime dated(const std::string& date) {
  return host::TrajectoryTime{std::nullopt, date};
}

core::SessionRecord
record(const std::string& id, const std::string& timestamp, std::optional<std::string> trajectory) {
  core::SessionRecord r = core::make_record();
  r.session_id = id;
  r.timestamp = timestamp;
  r.trajectory_path = std::move(trajectory);
  return r;
}

// A HarnessCli whose gptme timestamps (naive, read as local time) come out as +00:00.
struct UtcCli : HarnessCli {
  UtcCli() { set_env("TZ", "UTC"); }

  ProcessResult sync(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"sync", "--since", k_all_fixtures};
    args.insert(args.end(), extra.begin(), extra.end());
    return gs(args);
  }
  ProcessResult fix(std::vector<std::string> extra = {}) const {
    std::vector<std::string> args{"sync", "--fix-timestamps"};
    args.insert(args.end(), extra.begin(), extra.end());
    return gs(args);
  }

  std::string id_of(const fs::path& trajectory) const {
    return std::string(record_for(trajectory).at("session_id").as_string());
  }

  // Edits one record's timestamp in the store text, leaving every other byte as it was.
  void set_timestamp(const fs::path& trajectory, const std::string& timestamp) const {
    const std::string old = "\"timestamp\": \"" +
                            std::string(record_for(trajectory).at("timestamp").as_string()) + "\"";
    std::string text = read_bytes(store_file());
    const std::size_t at = text.find(old);
    BOOST_REQUIRE(at != std::string::npos);
    BOOST_REQUIRE(text.find(old, at + 1) == std::string::npos);
    text.replace(at, old.size(), "\"timestamp\": \"" + timestamp + "\"");
    write_bytes(store_file(), text);
  }

  void add_session(const std::string& dir, const std::string& first_line) const {
    write_bytes(gptme_logs() / dir / "conversation.jsonl", first_line + "\n");
  }
};

std::string gptme_line(const std::string& timestamp) {
  return "{\"role\": \"user\", \"content\": \"hi\", \"timestamp\": \"" + timestamp + "\"}";
}

} // namespace

// -- the decision ---------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(a_wrong_date_takes_the_first_logged_time) {
  BOOST_TEST(host::corrected_timestamp("2026-03-20T12:00:00+00:00",
                                       started("2026-03-10T09:14:02.118734+01:00", "2026-03-10"))
                 .value_or("-") == "2026-03-10T09:14:02.118734+01:00");
  // The date of the first event as written wins over the directory's date.
  BOOST_TEST(host::corrected_timestamp("2026-03-10T23:30:00+00:00",
                                       started("2026-03-11T00:10:00+01:00", "2026-03-10"))
                 .value_or("-") == "2026-03-11T00:10:00+01:00");
}

BOOST_AUTO_TEST_CASE(the_right_date_is_kept_whatever_the_time) {
  BOOST_TEST(!host::corrected_timestamp("2026-03-10T18:00:00+00:00",
                                        started("2026-03-10T09:14:02+00:00", "2026-03-10")));
  BOOST_TEST(!host::corrected_timestamp("2026-03-10T09:14:02+00:00",
                                        started("2026-03-10T09:14:02+00:00", "2026-03-10")));
}

BOOST_AUTO_TEST_CASE(a_noon_placeholder_is_fixed_unless_the_session_began_at_noon) {
  BOOST_TEST(host::corrected_timestamp("2026-04-15T12:00:00+00:00",
                                       started("2026-04-15T22:42:48+00:00", "2026-04-15"))
                 .value_or("-") == "2026-04-15T22:42:48+00:00");
  BOOST_TEST(host::corrected_timestamp("2026-04-15T12:00:00",
                                       started("2026-04-15T08:00:00.5+00:00", "2026-04-15"))
                 .value_or("-") == "2026-04-15T08:00:00.5+00:00");
  BOOST_TEST(!host::corrected_timestamp("2026-04-15T12:00:00+00:00",
                                        started("2026-04-15T12:00:00+00:00", "2026-04-15")));
  BOOST_TEST(!host::corrected_timestamp("2026-04-15T12:00:00+00:00",
                                        started("2026-04-15T12:00:00.250000+02:00", "2026-04-15")));
}

BOOST_AUTO_TEST_CASE(without_a_start_time_only_the_date_counts) {
  BOOST_TEST(
      host::corrected_timestamp("2026-03-20T12:00:00+00:00", dated("2026-03-10")).value_or("-") ==
      "2026-03-10T00:00:00+00:00");
  // Noon on the right date may be a placeholder, but nothing better is known.
  BOOST_TEST(!host::corrected_timestamp("2026-03-10T12:00:00+00:00", dated("2026-03-10")));
  BOOST_TEST(!host::corrected_timestamp("2026-03-20T12:00:00+00:00", dated("")));
}

BOOST_AUTO_TEST_CASE(odd_stored_values_are_compared_as_text) {
  BOOST_TEST(host::corrected_timestamp("", dated("2026-03-10")).value_or("-") ==
             "2026-03-10T00:00:00+00:00");
  // Non-ASCII is sliced by code point, as Python does.
  BOOST_TEST(host::corrected_timestamp("2026-03-10T\u00e9\u00e9:00:00",
                                       started("2026-03-10T09:00:00+00:00", "2026-03-10"))
                 .has_value() == false);
}

BOOST_AUTO_TEST_CASE(plan_asks_only_about_records_with_a_trajectory) {
  const std::vector<core::SessionRecord> records{
      record("aaaa0001", "2026-03-20T12:00:00+00:00", std::nullopt),
      record("aaaa0002", "2026-03-20T12:00:00+00:00", std::string()),
      record("aaaa0003", "2026-03-20T12:00:00+00:00", "/logs/2026-03-10-x/conversation.jsonl"),
      record("aaaa0004", "2026-03-10T12:00:00+00:00", "/logs/2026-03-10-y/conversation.jsonl"),
      record("aaaa0005", "2026-03-20T12:00:00+00:00", "/cc/gone.jsonl"),
  };
  std::vector<std::string> asked;
  const auto plan = host::plan_timestamp_fixes(records, [&](const core::SessionRecord& r) {
    asked.push_back(r.session_id);
    if (*r.trajectory_path == "/cc/gone.jsonl")
      return std::optional<host::TrajectoryTime>();
    return std::optional<host::TrajectoryTime>(dated("2026-03-10"));
  });
  BOOST_TEST(asked == (std::vector<std::string>{"aaaa0003", "aaaa0004", "aaaa0005"}),
             boost::test_tools::per_element());
  BOOST_TEST(plan.total == 5u);
  BOOST_TEST(plan.unchecked == 1u);
  BOOST_REQUIRE_EQUAL(plan.fixes.size(), 1u);
  BOOST_TEST(plan.fixes[0].position == 2u);
  BOOST_TEST(plan.fixes[0].session_id == "aaaa0003");
  BOOST_TEST(plan.fixes[0].trajectory_path == "/logs/2026-03-10-x/conversation.jsonl");
  BOOST_TEST(plan.fixes[0].old_timestamp == "2026-03-20T12:00:00+00:00");
  BOOST_TEST(plan.fixes[0].new_timestamp == "2026-03-10T00:00:00+00:00");
}

// -- the command ----------------------------------------------------------------------------

BOOST_AUTO_TEST_CASE(dry_run_lists_the_fixes_and_writes_nothing) {
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 4 session(s), 0 unchanged.\n");
  cli.set_timestamp(cli.dancing(), "2026-03-20T12:00:00+00:00"); // the sync date
  cli.set_timestamp(cli.cc_main(), "2026-03-09T12:00:00+00:00"); // a noon placeholder
  const std::string before = read_bytes(cli.store_file());
  const auto mtime = fs::last_write_time(cli.store_file());

  const auto r = cli.fix({"--dry-run"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "  would fix: " + cli.id_of(cli.dancing()) +
                          "  2026-03-20T12:00:00 \u2192 2026-03-07T09:14:02\n"
                          "  would fix: " +
                          cli.id_of(cli.cc_main()) +
                          "  2026-03-09T12:00:00 \u2192 2026-03-09T13:02:17\n"
                          "Would fix 2 timestamp(s) out of 4 record(s).\n");
  BOOST_TEST(r.err == "");
  BOOST_TEST(read_bytes(cli.store_file()) == before);
  BOOST_TEST((fs::last_write_time(cli.store_file()) == mtime));
}

BOOST_AUTO_TEST_CASE(a_fix_rewrites_only_the_wrong_timestamps) {
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 4 session(s), 0 unchanged.\n");
  {
    const core::SessionStore store(cli.store_dir());
    // Keys the schema does not know, on a record without a trajectory and on one with a
    // wrong date whose gptme session directory is gone.
    core::SessionRecord manual = record("bbbb0001", "2020-01-01T00:00:00+00:00", std::nullopt);
    manual.extra_fields["custom"] = json::parse(R"({"keep": [1, 2.5, "x"]})");
    manual.harness = "gptme";
    core::SessionRecord gone =
        record("bbbb0002",
               "2026-02-05T10:00:00+00:00",
               (cli.gptme_logs() / "2026-02-01-gone-session" / "conversation.jsonl").string());
    gone.harness = "gptme";
    gone.extra_fields["custom"] = "kept";
    // A Claude Code file that is gone: its date came only from its content.
    core::SessionRecord cc_gone = record(
        "bbbb0003", "2026-02-05T10:00:00+00:00", (cli.claude_project() / "gone.jsonl").string());
    cc_gone.harness = "claude-code";
    store.append(std::vector<core::SessionRecord>{manual, gone, cc_gone});
  }
  cli.set_timestamp(cli.dancing(), "2026-03-20T12:00:00+00:00");
  cli.set_timestamp(cli.cc_main(), "2026-03-09T12:00:00+00:00");
  const std::vector<std::string> before = lines_of(read_bytes(cli.store_file()));

  const auto r = cli.fix();
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "Fixed 3 timestamp(s) out of 7 record(s).\n");
  BOOST_TEST(r.err == "");

  // Every line is as it was, except for the three timestamp values.
  const std::map<std::string, std::string> fixed{
      {"\"timestamp\": \"2026-03-20T12:00:00+00:00\"",
       "\"timestamp\": \"2026-03-07T09:14:02.118734+00:00\""},
      {"\"timestamp\": \"2026-03-09T12:00:00+00:00\"",
       "\"timestamp\": \"2026-03-09T13:02:17.412000+00:00\""},
      {"\"timestamp\": \"2026-02-05T10:00:00+00:00\", \"start_time\": null, \"end_time\": null, "
       "\"session_name\": null, \"project\": null, \"harness\": \"gptme\"",
       "\"timestamp\": \"2026-02-01T00:00:00+00:00\", \"start_time\": null, \"end_time\": null, "
       "\"session_name\": null, \"project\": null, \"harness\": \"gptme\""},
  };
  std::vector<std::string> expected = before;
  for (auto& line : expected)
    for (const auto& [from, to] : fixed)
      if (const auto at = line.find(from); at != std::string::npos)
        line.replace(at, from.size(), to);
  BOOST_TEST(expected != before); // the replacements above did match
  BOOST_TEST(lines_of(read_bytes(cli.store_file())) == expected, boost::test_tools::per_element());

  // Nothing left to fix: nothing is written.
  const auto mtime = fs::last_write_time(cli.store_file());
  BOOST_TEST(cli.fix().out == "Fixed 0 timestamp(s) out of 7 record(s).\n");
  BOOST_TEST((fs::last_write_time(cli.store_file()) == mtime));
}

BOOST_AUTO_TEST_CASE(a_session_that_began_at_noon_keeps_its_timestamp) {
  UtcCli cli;
  cli.add_session("2026-03-12-noon-start", gptme_line("2026-03-12T12:00:00"));
  cli.add_session("2026-03-13-late-start", gptme_line("2026-03-13T15:30:00"));
  BOOST_REQUIRE_EQUAL(cli.sync({"--harness", "gptme"}).out,
                      "Imported 4 session(s), 0 unchanged.\n");
  const fs::path noon = cli.gptme_logs() / "2026-03-12-noon-start" / "conversation.jsonl";
  const fs::path late = cli.gptme_logs() / "2026-03-13-late-start" / "conversation.jsonl";
  BOOST_REQUIRE_EQUAL(cli.record_for(noon).at("timestamp").as_string(),
                      "2026-03-12T12:00:00+00:00");
  cli.set_timestamp(late, "2026-03-13T12:00:00+00:00");

  BOOST_TEST(cli.fix({"--dry-run"}).out == "  would fix: " + cli.id_of(late) +
                                               "  2026-03-13T12:00:00 \u2192 2026-03-13T15:30:00\n"
                                               "Would fix 1 timestamp(s) out of 4 record(s).\n");
  BOOST_TEST(cli.fix().out == "Fixed 1 timestamp(s) out of 4 record(s).\n");
  BOOST_TEST(cli.record_for(late).at("timestamp").as_string() == "2026-03-13T15:30:00+00:00");
  BOOST_TEST(cli.record_for(noon).at("timestamp").as_string() == "2026-03-12T12:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(a_trajectory_without_timestamps_dates_by_its_directory) {
  UtcCli cli;
  cli.add_session("2026-03-14-garbled", "not json at all");
  BOOST_REQUIRE_EQUAL(cli.sync({"--harness", "gptme"}).out,
                      "Imported 3 session(s), 0 unchanged.\n");
  const fs::path garbled = cli.gptme_logs() / "2026-03-14-garbled" / "conversation.jsonl";
  // What sync itself wrote for it, a noon placeholder, is not touched: nothing better is known.
  BOOST_REQUIRE_EQUAL(cli.record_for(garbled).at("timestamp").as_string(),
                      "2026-03-14T12:00:00+00:00");
  BOOST_TEST(cli.fix().out == "Fixed 0 timestamp(s) out of 3 record(s).\n");
  cli.set_timestamp(garbled, "2026-03-20T08:00:00+00:00");
  const auto r = cli.fix();
  BOOST_TEST(r.out == "Fixed 1 timestamp(s) out of 3 record(s).\n");
  BOOST_TEST(r.err.find(garbled.string()) != std::string::npos); // the plugin says why
  BOOST_TEST(cli.record_for(garbled).at("timestamp").as_string() == "2026-03-14T00:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(an_unreadable_trajectory_counts_as_missing) {
  if (::geteuid() == 0) {
    BOOST_TEST_MESSAGE("skipped: root reads files without read permission");
    return;
  }
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync({"--harness", "gptme"}).out,
                      "Imported 2 session(s), 0 unchanged.\n");
  cli.set_timestamp(cli.dancing(), "2026-03-20T12:00:00+00:00");
  fs::permissions(cli.dancing(), fs::perms::none);
  const auto r = cli.fix();
  fs::permissions(cli.dancing(), fs::perms::owner_read | fs::perms::owner_write);
  BOOST_TEST(r.out == "Fixed 1 timestamp(s) out of 2 record(s).\n");
  BOOST_TEST(r.err.find(cli.dancing().string()) != std::string::npos);
  BOOST_TEST(cli.record_for(cli.dancing()).at("timestamp").as_string() ==
             "2026-03-07T00:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(an_empty_or_missing_store_has_nothing_to_fix) {
  UtcCli cli;
  BOOST_TEST(cli.fix().out == "No records in store to fix.\n");
  BOOST_TEST(cli.fix({"--dry-run"}).out == "No records in store to fix.\n");
  BOOST_TEST(!fs::exists(cli.store_dir()));
  const std::string empty_json = "{\n"
                                 "  \"fixed\": 0,\n"
                                 "  \"total\": 0,\n"
                                 "  \"unchecked\": 0,\n"
                                 "  \"dry_run\": false,\n"
                                 "  \"changes\": []\n"
                                 "}\n";
  BOOST_TEST(cli.fix({"--json"}).out == empty_json);
  write_bytes(cli.store_file(), "");
  BOOST_TEST(cli.fix().out == "No records in store to fix.\n");
  BOOST_TEST(read_bytes(cli.store_file()) == "");
}

BOOST_AUTO_TEST_CASE(json_output) {
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 4 session(s), 0 unchanged.\n");
  cli.set_timestamp(cli.cc_triage(), "2026-03-20T12:00:00+00:00");
  const std::string id = cli.id_of(cli.cc_triage());

  const auto preview = json::parse(cli.fix({"--json", "--dry-run"}).out).as_object();
  BOOST_TEST(preview.at("dry_run").as_bool() == true);
  BOOST_TEST(preview.at("fixed").as_int64() == 1);
  BOOST_TEST(cli.record_for(cli.cc_triage()).at("timestamp").as_string() ==
             "2026-03-20T12:00:00+00:00");

  const auto r = cli.fix({"--json"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "{\n"
                      "  \"fixed\": 1,\n"
                      "  \"total\": 4,\n"
                      "  \"unchecked\": 0,\n"
                      "  \"dry_run\": false,\n"
                      "  \"changes\": [\n"
                      "    {\n"
                      "      \"session_id\": \"" +
                          id +
                          "\",\n"
                          "      \"trajectory_path\": \"" +
                          cli.cc_triage().string() +
                          "\",\n"
                          "      \"old\": \"2026-03-20T12:00:00+00:00\",\n"
                          "      \"new\": \"2026-03-10T07:30:04.880000+00:00\"\n"
                          "    }\n"
                          "  ]\n"
                          "}\n");
  BOOST_TEST(cli.record_for(cli.cc_triage()).at("timestamp").as_string() ==
             "2026-03-10T07:30:04.880000+00:00");
}

BOOST_AUTO_TEST_CASE(discovery_options_are_ignored_with_a_warning) {
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 4 session(s), 0 unchanged.\n");
  cli.set_timestamp(cli.dancing(), "2026-03-20T12:00:00+00:00");
  cli.set_timestamp(cli.cc_main(), "2026-03-20T12:00:01+00:00");
  // Neither the harness nor a --since that sync would reject limits or stops the repair.
  const auto r = cli.fix({"--harness", "gptme", "--since", "bogus", "--signals"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "Fixed 2 timestamp(s) out of 4 record(s).\n");
  BOOST_TEST(r.err.find("--fix-timestamps checks every record in the store; ignoring --harness, "
                        "--since, --signals") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(records_of_a_harness_without_a_plugin_are_reported_not_checked) {
  UtcCli cli;
  {
    const core::SessionStore store(cli.store_dir());
    core::SessionRecord codex =
        record("cccc0001", "2026-03-20T12:00:00+00:00", "/codex/2026/03/10/rollout-x.jsonl");
    codex.harness = "codex";
    store.append(codex);
  }
  const auto r = cli.fix({"--json"});
  BOOST_TEST(json::parse(r.out).at("unchecked").as_int64() == 1);
  BOOST_TEST(json::parse(r.out).at("fixed").as_int64() == 0);
  BOOST_TEST(r.err.find("no harness plugin for 'codex' is loaded: 1 record(s) not checked") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_next_sync_decides_from_the_index_again) {
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 4 session(s), 0 unchanged.\n");
  cli.set_timestamp(cli.dancing(), "2026-03-20T12:00:00+00:00");
  // The hand edit changed the store: this sync re-reads it and saves the index again.
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(cli.fix().out == "Fixed 1 timestamp(s) out of 4 record(s).\n");

  // The index knows the rewritten store, so an unchanged tree needs neither a store read nor
  // an index write.
  const auto index = host::SyncIndex::load(cli.index_file());
  BOOST_TEST((index.store_state() == host::file_state(cli.store_file())));
  const std::string store_before = read_bytes(cli.store_file());
  const std::string index_before = read_bytes(cli.index_file());
  BOOST_TEST(cli.sync().out == "Imported 0 session(s), 4 unchanged.\n");
  BOOST_TEST(read_bytes(cli.store_file()) == store_before);
  BOOST_TEST(read_bytes(cli.index_file()) == index_before);
  BOOST_TEST(cli.record_for(cli.dancing()).at("timestamp").as_string() ==
             "2026-03-07T09:14:02.118734+00:00");
  BOOST_TEST(cli.records().size() == 4u);
}

BOOST_AUTO_TEST_CASE(a_record_sync_still_owns_stays_owned) {
  UtcCli cli;
  BOOST_REQUIRE_EQUAL(cli.sync().out, "Imported 4 session(s), 0 unchanged.\n");
  // Claude Code rewrote the session so that it now starts a day later.
  std::string text = read_bytes(cli.cc_main());
  const std::string first = "\"timestamp\":\"2026-03-09T13:02:17.412Z\"";
  BOOST_REQUIRE(text.find(first) != std::string::npos);
  text.replace(text.find(first), first.size(), "\"timestamp\":\"2026-03-10T13:02:17.412Z\"");
  write_bytes(cli.cc_main(), text);

  BOOST_TEST(cli.fix().out == "Fixed 1 timestamp(s) out of 4 record(s).\n");
  const auto fixed = cli.record_for(cli.cc_main());
  BOOST_TEST(fixed.at("timestamp").as_string() == "2026-03-10T13:02:17.412000+00:00");
  const auto index = host::SyncIndex::load(cli.index_file());
  const auto* entry = index.find(cli.cc_main().string());
  BOOST_REQUIRE(entry != nullptr);
  const auto loaded = core::SessionStore(cli.store_dir()).load_all();
  for (const auto& r : loaded)
    if (r.trajectory_path == cli.cc_main().string())
      BOOST_TEST(entry->fingerprint == host::derived_fingerprint(r));
  // A later sync with signals refreshes the record as its own import.
  BOOST_TEST(cli.sync({"--signals"}).out == "Imported 0 session(s), updated 4, 0 unchanged.\n");
  BOOST_TEST(cli.record_for(cli.cc_main()).at("timestamp").as_string() ==
             "2026-03-10T13:02:17.412000+00:00");
}

BOOST_AUTO_TEST_SUITE_END()
