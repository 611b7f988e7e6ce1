#include "cli_test_support.hpp"
#include "spec_example_store.hpp"
#include "text_lines.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>
#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

namespace {

// The worked example with "NOT VALID JSON" inserted after line 2 (acceptance example 10).
std::string store_with_bad_line() {
  const auto lines = lines_of(read_bytes(worked_example_store()));
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    out += lines[i] + "\n";
    if (i == 1)
      out += "NOT VALID JSON\n";
  }
  return out;
}

boost::json::object record_with_id(const std::string& store, const std::string& id) {
  for (const auto& line : lines_of(store)) {
    boost::system::error_code ec;
    auto v = boost::json::parse(line, ec);
    if (!ec && v.is_object() && v.as_object().at("session_id").as_string() == id)
      return v.as_object();
  }
  BOOST_FAIL("no record " + id);
  return {};
}

} // namespace

BOOST_FIXTURE_TEST_SUITE(host_commands_annotate, CliFixture)

BOOST_AUTO_TEST_CASE(acceptance_example_10) {
  write_store(store_with_bad_line());
  const auto r = gs({"annotate",
                     "f1f2",
                     "--outcome",
                     "productive",
                     "--add-deliverable",
                     "x1",
                     "--add-deliverable",
                     "x1",
                     "--add-deliverable",
                     "y2",
                     "--run-type",
                     "77"});
  BOOST_TEST(r.exit_code == 0);
  BOOST_TEST(r.out == "Updated session f1f2f3f4.\n");
  const std::string after = store_bytes();
  const auto lines = lines_of(after);
  BOOST_REQUIRE(lines.size() == 9u);
  const auto& ids = k_spec_example_store_ids;
  for (std::size_t i = 0; i < ids.size(); ++i) {
    const auto v = boost::json::parse(lines[i]).as_object();
    BOOST_TEST(v.at("session_id").as_string() == ids[i]);
    BOOST_TEST(v.contains("start_time")); // full schema form
  }
  BOOST_TEST(lines[8] == "NOT VALID JSON");
  const auto f = record_with_id(after, "f1f2f3f4");
  BOOST_TEST(f.at("outcome").as_string() == "productive");
  BOOST_TEST(boost::json::serialize(f.at("deliverables")) == "[\"x1\",\"y2\"]");
  BOOST_TEST(f.at("run_type").as_string() == "autonomous");
  BOOST_TEST(f.at("trajectory_path").as_string() == "/logs/2026-03-04/conversation.jsonl");
  BOOST_TEST(f.at("journal_path").is_null());
  BOOST_TEST(f.at("inferred_category").as_string() == "code");
  BOOST_TEST(f.at("notes").as_string() == "x");
  BOOST_TEST(record_with_id(after, "c0ffee00").at("timestamp").as_string() ==
             "2026-03-02T23:59:59+00:00");
  BOOST_TEST(fs::exists(dir() / "session-records.jsonl.lock"));
}

BOOST_AUTO_TEST_CASE(rejected_requests_leave_the_store_unchanged) {
  write_store(store_with_bad_line());
  const std::string before = store_bytes();
  auto r = gs({"annotate", "f1f2"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: No fields specified. Provide at least one option to "
                                 "update (e.g. --model, --outcome, --add-deliverable).");
  r = gs({"annotate", "f1f2", "--json"});
  BOOST_TEST(r.exit_code == 2);
  r = gs({"annotate", "f1f2", "--trigger", "bad"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: Invalid value for '--trigger': 'bad' is not one of "
                                 "'timer', 'dispatch', 'manual', 'spawn'.");
  r = gs({"annotate", "f1f2", "--duration", "-1"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) == "Error: Invalid value for '--duration': -1 is not in the range "
                                 "x>=0.");
  r = gs({"annotate", "f1f2", "--outcome", "weird"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) ==
             "Error: Invalid value for '--outcome': 'weird' is not one of 'productive', 'noop', "
             "'failed', 'unknown', 'violated_policy'.");
  r = gs({"annotate", "f1f2", "--token-count", "many"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(last_line(r.err) ==
             "Error: Invalid value for '--token-count': 'many' is not a valid integer.");
  r = gs({"annotate", "", "--model", "x"});
  BOOST_TEST(r.exit_code == 2);
  BOOST_TEST(r.err == "Usage: gptme-sessions annotate [OPTIONS] SESSION_ID\n"
                      "Try 'gptme-sessions annotate --help' for help.\n\n"
                      "Error: Session ID must not be empty.\n");
  r = gs({"annotate", "zz", "--model", "x"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(last_line(r.err) == "Error: No session found with ID prefix 'zz'. Run "
                                 "'gptme-sessions query' to list available session IDs.");
  r = gs({"annotate", "a1b2", "--model", "x"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(last_line(r.err) ==
             "Error: Ambiguous prefix 'a1b2' matches 2 sessions: a1b2c3d4, a1b2ffff");
  BOOST_TEST(store_bytes() == before);
}

BOOST_AUTO_TEST_CASE(every_field_option) {
  use_worked_example();
  const auto r = gs({"annotate",
                     "e5e5",
                     "--model",
                     "claude-opus-4-6",
                     "--harness",
                     "codex",
                     "--category",
                     "",
                     "--duration",
                     "3600",
                     "--journal-path",
                     "/j/x.md",
                     "--selector-mode",
                     "cascade",
                     "--trigger",
                     "timer",
                     "--token-count",
                     "50000",
                     "--recommended-category",
                     "code",
                     "--json"});
  BOOST_TEST(r.exit_code == 0);
  const auto v = boost::json::parse(r.out).as_object();
  BOOST_TEST(v.at("session_id").as_string() == "e5e5e5e5");
  BOOST_TEST(v.at("model").as_string() == "claude-opus-4-6");
  BOOST_TEST(v.at("harness").as_string() == "codex");
  BOOST_TEST(v.at("category").as_string() == "");
  BOOST_TEST(v.at("duration_seconds").as_int64() == 3600);
  BOOST_TEST(v.at("journal_path").as_string() == "/j/x.md");
  BOOST_TEST(v.at("selector_mode").as_string() == "cascade");
  BOOST_TEST(v.at("trigger").as_string() == "timer");
  BOOST_TEST(v.at("token_count").as_int64() == 50000);
  BOOST_TEST(v.at("recommended_category").as_string() == "code");
  BOOST_TEST(v.at("outcome").as_string() == "productive"); // untouched
  const auto shown = gs({"show", "e5e5"});
  BOOST_TEST(shown.out == "[+] e5e5e5e5  2026-03-03\n"
                          "  Project:      proj-alpha\n"
                          "  Harness:      codex\n"
                          "  Model:        claude-opus-4-6\n"
                          "  Run type:     unknown\n"
                          "  Outcome:      productive\n"
                          "  Duration:     1h 0m 0s\n"
                          "  Recommended:  code\n"
                          "  Selector:     cascade\n"
                          "  Tokens:       50,000\n"
                          "  Trigger:      timer\n"
                          "  Journal:      /j/x.md\n");
}

BOOST_AUTO_TEST_CASE(deliverables_are_added_once_in_order) {
  use_worked_example();
  gs({"annotate", "a1b2c3d4", "--add-deliverable", "abc1234", "--add-deliverable", "new"});
  const auto v = record_with_id(store_bytes(), "a1b2c3d4");
  BOOST_TEST(boost::json::serialize(v.at("deliverables")) ==
             "[\"abc1234\",\"https://github.com/o/r/pull/1\",\"new\"]");
}

BOOST_AUTO_TEST_CASE(missing_store_creates_directory_and_lock_only) {
  const auto r = gs({"annotate", "abc", "--model", "x"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == "Error: No session records found in store.\n");
  BOOST_TEST(fs::exists(dir() / "session-records.jsonl.lock"));
  BOOST_TEST(!fs::exists(store_file()));
}

BOOST_AUTO_TEST_CASE(id_less_lines_are_not_duplicated) {
  write_store("{\"timestamp\": \"2026-03-01T00:00:00+00:00\", \"model\": \"m\"}\n" +
              record_line("abcd0001", "2026-03-02T00:00:00+00:00"));
  BOOST_TEST(gs({"annotate", "abcd", "--model", "x"}).exit_code == 0);
  BOOST_TEST(gs({"annotate", "abcd", "--model", "y"}).exit_code == 0);
  const auto lines = lines_of(store_bytes());
  BOOST_TEST(lines.size() == 2u);
}

BOOST_AUTO_TEST_SUITE_END()
