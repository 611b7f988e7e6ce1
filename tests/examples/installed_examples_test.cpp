// The example plugins of examples/ as a third party ships them: built against the installed
// package by the examples.build fixture (build_examples.cmake), dropped into a plugin
// directory in each of the ways the host looks (user directory, GPTME_SESSIONS_PLUGIN_PATH,
// --plugin-dir), and used by the INSTALLED binary next to the in-tree plugins: plugins list,
// discover, signals, sync and judge. Plus a judge-rules built for another ABI, which must be
// rejected with both versions named while the host keeps working.
#include "installed_examples.hpp"

#include <gptme_sessions/sdk/abi.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace {

using namespace gptme_sessions::testing::examples;
using gptme_sessions::testing::ProcessResult;

// Both examples loaded from where they were dropped, next to the installed in-tree plugins.
void check_plugins_list(const Machine& machine) {
  const json::array list = machine.run_json({"plugins", "list", "--json"}).as_array();
  for (const auto& [name, path] : machine.examples()) {
    BOOST_TEST_CONTEXT("plugin " << name) {
      const json::object* row = find_by(list, "name", name);
      BOOST_TEST_REQUIRE(row != nullptr);
      BOOST_TEST(text(row->at("status")) == "loaded");
      BOOST_TEST(text(row->at("path")) == path.string());
      BOOST_TEST(text(row->at("version")) == "0.1.0");
      BOOST_TEST(number(row->at("abi")) == gptme_sessions::sdk::k_plugin_abi_version);
    }
  }
  const std::vector<std::string> harness_kinds{"harness_discoverer", "signal_extractor"};
  BOOST_TEST(texts(find_by(list, "name", "harness-plainlog")->at("kinds")) == harness_kinds,
             boost::test_tools::per_element());
  BOOST_TEST(texts(find_by(list, "name", "judge-rules")->at("kinds")) ==
                 std::vector<std::string>{"judge"},
             boost::test_tools::per_element());
  for (const char* in_tree : {"harness-gptme", "harness-claude-code", "judge-openai"}) {
    const json::object* row = find_by(list, "name", in_tree);
    BOOST_TEST_REQUIRE(row != nullptr, in_tree << " not listed");
    BOOST_TEST(text(row->at("status")) == "loaded");
    BOOST_TEST(text(row->at("path")) ==
               (installed_plugin_dir() / (std::string(in_tree) + ".so")).string());
  }
  const ProcessResult table = machine.run({"plugins", "list"});
  BOOST_TEST(table.exit_code == 0);
  BOOST_TEST(table.out.find(machine.examples().at("harness-plainlog").string()) !=
             std::string::npos);
}

// discover finds the sample logs through the example harness, by name and unasked.
void check_discover(const Machine& machine) {
  const json::value chosen = machine.run_json(
      {"discover", "--harness", "plainlog", "--since", k_discover_window, "--json"});
  const json::array& sessions = chosen.at("sessions").as_array();
  BOOST_TEST_REQUIRE(sessions.size() == 2u);
  BOOST_TEST(text(sessions[0].at("harness")) == "plainlog");
  BOOST_TEST(text(sessions[0].at("path")) == (machine.logs() / k_fix_login).string());
  BOOST_TEST(text(sessions[0].at("session_date")) == "2026-03-07");
  BOOST_TEST(text(sessions[1].at("path")) == (machine.logs() / k_read_docs).string());
  BOOST_TEST(text(sessions[1].at("session_date")) == "2026-03-09");

  const json::value all = machine.run_json({"discover", "--since", k_discover_window, "--json"});
  BOOST_TEST(find_by(all.at("sessions").as_array(), "harness", "plainlog") != nullptr);
}

// The example extractor is picked by content and feeds the shared signal rules.
void check_signals(const Machine& machine) {
  const json::value signals =
      machine.run_json({"signals", (machine.logs() / k_fix_login).string(), "--json"});
  BOOST_TEST(text(signals.at("format")) == "plainlog");
  BOOST_TEST(texts(signals.at("git_commits")) ==
                 std::vector<std::string>{"fix(login): keep the redirect target (3f2c1ab)"},
             boost::test_tools::per_element());
  BOOST_TEST(texts(signals.at("file_writes")) == std::vector<std::string>{"src/shop/login.py"},
             boost::test_tools::per_element());
  BOOST_TEST(number(signals.at("error_count")) == 1);
  BOOST_TEST(number(signals.at("steps")) == 4);
  BOOST_TEST(text(signals.at("productive")) == "true");
  BOOST_TEST(number(signals.at("session_duration_s")) == 35);
  BOOST_TEST(text(signals.at("usage").at("model")) == "example/model-s");
  BOOST_TEST(number(signals.at("usage").at("input_tokens")) == 11300);
}

// sync stores one record per sample log from the discovered fields and the signals; a second
// run imports nothing.
void check_sync(const Machine& machine) {
  const json::value first =
      machine.run_json({"sync", "--harness", "plainlog", "--since", "all", "--signals", "--json"});
  BOOST_TEST(number(first.at("imported")) == 2);
  const auto records = machine.stored_records();
  BOOST_TEST_REQUIRE(records.size() == 2u);
  const json::object& fix = record_named(records, "fix-login");
  BOOST_TEST(text(fix.at("harness")) == "plainlog");
  BOOST_TEST(text(fix.at("model")) == "example/model-s");
  BOOST_TEST(text(fix.at("project")) == "/home/dev/shop");
  BOOST_TEST(text(fix.at("trajectory_path")) == (machine.logs() / k_fix_login).string());
  BOOST_TEST(text(fix.at("timestamp")) == "2026-03-07T10:00:00+00:00");
  BOOST_TEST(text(fix.at("outcome")) == "productive");
  BOOST_TEST(number(fix.at("duration_seconds")) == 35);
  BOOST_TEST(text(record_named(records, "read-docs").at("outcome")) == "noop");

  const json::value again =
      machine.run_json({"sync", "--harness", "plainlog", "--since", "all", "--signals", "--json"});
  BOOST_TEST(number(again.at("imported")) == 0);
  BOOST_TEST(number(again.at("unchanged")) == 2);
}

// judge --judge rules scores the synced sessions offline and writes the verdicts back.
void check_judge(const Machine& machine) {
  machine.run_json({"sync", "--since", "all", "--signals", "--json"});
  const json::array rows =
      machine.run_json({"judge", "--judge", "rules", "--since", "all", "--json", "--update-store"})
          .as_array();
  BOOST_TEST_REQUIRE(rows.size() == 2u);
  const auto records = machine.stored_records();
  BOOST_TEST_REQUIRE(records.size() == 2u);
  const json::object& fix = record_named(records, "fix-login");
  const json::object* fix_row = find_by(rows, "session_id", fix.at("session_id").as_string());
  BOOST_TEST_REQUIRE(fix_row != nullptr);
  BOOST_TEST(text(fix_row->at("status")) == "scored");
  BOOST_TEST(number(fix_row->at("llm_judge_rating")) == 4);
  BOOST_TEST(text(fix_row->at("llm_judge_model")) == "rules-v1");
  BOOST_TEST(text(fix_row->at("llm_judge_reason")) ==
             "Committed work: 1 commit, 1 file write, 1 error in 4 steps.");
  const json::object& docs = record_named(records, "read-docs");
  const json::object* docs_row = find_by(rows, "session_id", docs.at("session_id").as_string());
  BOOST_TEST_REQUIRE(docs_row != nullptr);
  BOOST_TEST(number(docs_row->at("llm_judge_rating")) == 1);

  BOOST_TEST(real(fix.at("llm_judge_score")) == 0.75);
  BOOST_TEST(text(fix.at("llm_judge_model")) == "rules-v1");
  BOOST_TEST(number(fix.at("llm_judge_rating")) == 4);
  BOOST_TEST(real(docs.at("llm_judge_score")) == 0.0);
}

// Two directories on GPTME_SESSIONS_PLUGIN_PATH, one example in each.
struct OnPluginPath : Machine {
  OnPluginPath() {
    const fs::path harness_dir = dir() / "harness-plugins";
    const fs::path judge_dir = dir() / "judge-plugins";
    copy_into(built_example("harness-plainlog"), harness_dir);
    copy_into(built_example("judge-rules"), judge_dir);
    set_env("GPTME_SESSIONS_PLUGIN_PATH", harness_dir.string() + ":" + judge_dir.string());
    expect_example("harness-plainlog", harness_dir / "harness-plainlog.so");
    expect_example("judge-rules", judge_dir / "judge-rules.so");
  }
};

// One directory named on the command line.
struct InPluginDir : Machine {
  InPluginDir() {
    const fs::path plugins = dir() / "my-plugins";
    for (const char* name : {"harness-plainlog", "judge-rules"}) {
      copy_into(built_example(name), plugins);
      expect_example(name, plugins / (std::string(name) + ".so"));
    }
    add_global({"--plugin-dir", plugins.string()});
  }
};

// The good harness next to a judge-rules rebuilt with the fake-ABI test hook.
struct WithFakeAbiJudge : Machine {
  WithFakeAbiJudge() : plugins(dir() / "my-plugins") {
    copy_into(built_example("harness-plainlog"), plugins);
    copy_into(k_work_dir / "plugins-fake-abi" / "judge-rules.so", plugins);
    add_global({"--plugin-dir", plugins.string()});
  }
  fs::path fake_judge() const { return plugins / "judge-rules.so"; }
  fs::path plugins;
};

bool mentions_both_abis(const std::string& text) {
  return text.find("built for plugin ABI " + k_fake_abi) != std::string::npos &&
         text.find("supports ABI " + k_abi) != std::string::npos;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(examples_user_dir, InUserDir)
BOOST_AUTO_TEST_CASE(plugins_list_shows_both_examples) {
  check_plugins_list(*this);
}
BOOST_AUTO_TEST_CASE(discover_signals_and_sync_use_the_example_harness) {
  check_discover(*this);
  check_signals(*this);
  check_sync(*this);
}
BOOST_AUTO_TEST_CASE(judge_rules_scores_synced_sessions) {
  check_judge(*this);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(examples_plugin_path, OnPluginPath)
BOOST_AUTO_TEST_CASE(plugins_list_shows_both_examples) {
  check_plugins_list(*this);
}
BOOST_AUTO_TEST_CASE(discover_signals_and_sync_use_the_example_harness) {
  check_discover(*this);
  check_signals(*this);
  check_sync(*this);
}
BOOST_AUTO_TEST_CASE(judge_rules_scores_synced_sessions) {
  check_judge(*this);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(examples_plugin_dir, InPluginDir)
BOOST_AUTO_TEST_CASE(plugins_list_shows_both_examples) {
  check_plugins_list(*this);
}
BOOST_AUTO_TEST_CASE(discover_signals_and_sync_use_the_example_harness) {
  check_discover(*this);
  check_signals(*this);
  check_sync(*this);
}
BOOST_AUTO_TEST_CASE(judge_rules_scores_synced_sessions) {
  check_judge(*this);
}
BOOST_AUTO_TEST_SUITE_END()

BOOST_FIXTURE_TEST_SUITE(examples_abi_mismatch, WithFakeAbiJudge)

BOOST_AUTO_TEST_CASE(plugins_list_names_both_versions) {
  const json::array list = run_json({"plugins", "list", "--json"}).as_array();
  const json::object* judge = find_by(list, "path", fake_judge().string());
  BOOST_TEST_REQUIRE(judge != nullptr);
  BOOST_TEST(text(judge->at("status")) == "rejected");
  BOOST_TEST(text(judge->at("stage")) == "abi");
  BOOST_TEST(number(judge->at("abi")) == GPTME_SESSIONS_EXAMPLES_FAKE_ABI);
  BOOST_TEST_INFO("reason: " << judge->at("reason"));
  BOOST_TEST(mentions_both_abis(std::string(judge->at("reason").as_string())));
  const json::object* harness = find_by(list, "name", "harness-plainlog");
  BOOST_TEST_REQUIRE(harness != nullptr);
  BOOST_TEST(text(harness->at("status")) == "loaded");

  const ProcessResult table = run({"plugins", "list"});
  BOOST_TEST(table.exit_code == 0);
  BOOST_TEST(mentions_both_abis(table.out));
}

BOOST_AUTO_TEST_CASE(plugins_check_explains_and_fails) {
  const ProcessResult check = run({"plugins", "check", fake_judge().string()});
  BOOST_TEST(check.exit_code != 0);
  BOOST_TEST_INFO("output: " << check.out << check.err);
  BOOST_TEST(mentions_both_abis(check.out + check.err));
  BOOST_TEST(check.out.find("would be rejected") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(the_host_keeps_working) {
  const ProcessResult discover =
      run({"discover", "--harness", "plainlog", "--since", k_discover_window, "--json"});
  BOOST_TEST_INFO("stderr: " << discover.err);
  BOOST_TEST_REQUIRE(discover.exit_code == 0);
  BOOST_TEST(json::parse(discover.out).at("sessions").as_array().size() == 2u);
  BOOST_TEST(mentions_both_abis(discover.err)); // the skipped plugin is reported, not fatal

  run_json({"sync", "--since", "all", "--signals", "--json"});
  const ProcessResult judge = run({"judge", "--judge", "rules", "--since", "all"});
  BOOST_TEST(judge.exit_code != 0);
  BOOST_TEST(judge.err.find("no plugin provides judge 'rules'") != std::string::npos);
}

BOOST_AUTO_TEST_SUITE_END()
