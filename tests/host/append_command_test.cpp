#include "cli_test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

#include <regex>
#include <sstream>

namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

namespace {

const std::string k_deprecation =
    "Warning: 'append' is deprecated. Use 'sync' to import sessions from trajectories or "
    "'annotate' to correct metadata on an existing record.\n";

std::vector<boost::json::object> records_in(const std::string& text) {
  std::vector<boost::json::object> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    out.push_back(boost::json::parse(line).as_object());
  return out;
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(host_commands_append, CliFixture)

BOOST_AUTO_TEST_CASE(acceptance_example_13) {
  // A relative --sessions-dir, printed as given.
  const auto r = run_plain({"--sessions-dir",
                            "N",
                            "append",
                            "--harness",
                            "gptme",
                            "--model",
                            "opus",
                            "--outcome",
                            "productive",
                            "--duration",
                            "900",
                            "--deliverables",
                            "a",
                            "--deliverables",
                            "b"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err == k_deprecation);
  std::smatch m;
  BOOST_TEST(std::regex_match(
      r.out, m, std::regex("Appended session ([0-9a-f]{8}) to N/session-records.jsonl\n")));
  const fs::path n = tmp() / "N";
  const auto records = records_in(read_bytes(n / "session-records.jsonl"));
  BOOST_REQUIRE(records.size() == 1u);
  const auto& v = records[0];
  BOOST_TEST(v.at("session_id").as_string() == m[1].str());
  BOOST_TEST(v.at("run_type").as_string() == "autonomous");
  BOOST_TEST(boost::json::serialize(v.at("deliverables")) == "[\"a\",\"b\"]");
  BOOST_TEST(v.at("duration_seconds").as_int64() == 900);
  BOOST_TEST(v.at("harness").as_string() == "gptme");
  BOOST_TEST(v.at("model").as_string() == "opus");
  BOOST_TEST(v.at("outcome").as_string() == "productive");
  BOOST_TEST(std::string(v.at("timestamp").as_string()).ends_with("+00:00"));
  BOOST_TEST(v.at("category").is_null());
  BOOST_TEST(fs::exists(n / "session-records.jsonl.lock"));
}

BOOST_AUTO_TEST_CASE(defaults_and_run_type_normalization) {
  auto r = gs({"append"});
  BOOST_TEST(r.exit_code == 0);
  r = gs({"append",
          "--run-type",
          "42",
          "--duration",
          "-3",
          "--outcome",
          "whatever",
          "--selector-mode",
          "cascade",
          "--journal-path",
          "/x/conversation.jsonl",
          "--category",
          "code"});
  BOOST_TEST(r.exit_code == 0);
  const auto records = records_in(store_bytes());
  BOOST_REQUIRE(records.size() == 2u);
  BOOST_TEST(records[0].at("harness").as_string() == "unknown");
  BOOST_TEST(records[0].at("model").as_string() == "unknown");
  BOOST_TEST(records[0].at("outcome").as_string() == "unknown");
  BOOST_TEST(records[0].at("run_type").as_string() == "autonomous");
  BOOST_TEST(records[0].at("duration_seconds").as_int64() == 0);
  BOOST_TEST(boost::json::serialize(records[0].at("deliverables")) == "[]");
  BOOST_TEST(records[1].at("run_type").as_string() == "autonomous");
  BOOST_TEST(records[1].at("duration_seconds").as_int64() == -3);
  BOOST_TEST(records[1].at("outcome").as_string() == "whatever");
  BOOST_TEST(records[1].at("selector_mode").as_string() == "cascade");
  BOOST_TEST(records[1].at("journal_path").as_string() == "/x/conversation.jsonl");
  BOOST_TEST(records[1].at("category").as_string() == "code");
  // The record reads back with its journal path unmigrated.
  const auto shown = gs({"show", std::string(records[1].at("session_id").as_string()), "--json"});
  BOOST_TEST(boost::json::parse(shown.out).at("journal_path").as_string() ==
             "/x/conversation.jsonl");
}

BOOST_AUTO_TEST_CASE(bad_duration_is_a_usage_error_and_writes_nothing) {
  const auto r = gs({"append", "--duration", "abc"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "Usage: gptme-sessions append [OPTIONS]\n"
                      "Try 'gptme-sessions append --help' for help.\n\n"
                      "Error: Invalid value for '--duration': 'abc' is not a valid integer.\n");
  BOOST_TEST(!fs::exists(dir()));
}

BOOST_AUTO_TEST_CASE(corrupt_tail_is_repaired) {
  write_store("{\"session_id\": \"aaaa1111\", \"timestamp\": \"2026-03-01T00:00:00+00:00\"}\n"
              "{\"session_id\": \"6242a3bc\", \"timestamp\": \"2026-05-30T11:37:20");
  const auto r = gs({"append", "--model", "x"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.err.find("Repaired corrupt tail in " + store_file().string() +
                        ": removed 60 bytes") != std::string::npos);
  const auto q = gs({"query", "--json"});
  const auto array = boost::json::parse(q.out).as_array();
  BOOST_REQUIRE(array.size() == 2u);
  BOOST_TEST(array[0].at("session_id").as_string() == "aaaa1111");
  BOOST_TEST(array[1].at("model").as_string() == "x");
}

BOOST_AUTO_TEST_CASE(never_fuses_onto_a_line_without_newline) {
  write_store("{\"session_id\": \"aaaa1111\", \"timestamp\": \"2026-03-01T00:00:00+00:00\"}");
  BOOST_TEST(gs({"append", "--model", "x"}).exit_code == 0);
  const auto array = boost::json::parse(gs({"query", "--json"}).out).as_array();
  BOOST_REQUIRE(array.size() == 2u);
  BOOST_TEST(array[0].at("session_id").as_string() == "aaaa1111");
}

BOOST_AUTO_TEST_SUITE_END()
