#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace core = gptme_sessions::core;
namespace json = boost::json;

namespace {

core::SessionRecord load(std::string_view text) {
  core::RecordParseError error;
  auto record = core::record_from_json(json::parse(text).as_object(), &error);
  BOOST_TEST_REQUIRE(record.has_value(), "unexpectedly malformed: " << error.message);
  return *record;
}

std::optional<std::string> malformed_reason(std::string_view text) {
  core::RecordParseError error;
  if (core::record_from_json(json::parse(text).as_object(), &error))
    return std::nullopt;
  return error.message;
}

std::vector<std::string> keys_of(const json::object& object) {
  std::vector<std::string> keys;
  for (const auto& member : object)
    keys.emplace_back(member.key());
  return keys;
}

const std::vector<std::string> k_core_keys = {"session_id",
                                              "timestamp",
                                              "start_time",
                                              "end_time",
                                              "session_name",
                                              "project",
                                              "harness",
                                              "model",
                                              "run_type",
                                              "trigger",
                                              "category",
                                              "outcome",
                                              "exit_code",
                                              "error",
                                              "duration_seconds",
                                              "token_count",
                                              "input_tokens",
                                              "output_tokens",
                                              "cache_creation_tokens",
                                              "cache_read_tokens",
                                              "deliverables",
                                              "trajectory_path",
                                              "journal_path",
                                              "grades",
                                              "grade_reasons",
                                              "trajectory_grade",
                                              "llm_judge_score",
                                              "llm_judge_reason",
                                              "llm_judge_model"};

bool looks_like_id(const std::string& id) {
  return id.size() == 8 && id.find_first_not_of("0123456789abcdef") == std::string::npos;
}

bool looks_like_now(const std::string& ts) {
  return std::regex_match(ts, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00)"));
}

std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);)
    lines.push_back(line);
  return lines;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_session_record)

BOOST_AUTO_TEST_CASE(fresh_record_has_reference_defaults) {
  const core::SessionRecord r = core::make_record();
  BOOST_TEST(looks_like_id(r.session_id));
  BOOST_TEST(looks_like_now(r.timestamp));
  BOOST_TEST(*r.harness == "unknown");
  BOOST_TEST(*r.model == "unknown");
  BOOST_TEST(*r.run_type == "unknown");
  BOOST_TEST(*r.outcome == "unknown");
  BOOST_TEST(r.duration_seconds == 0);
  BOOST_TEST(r.deliverables->empty());
  BOOST_TEST(!r.exit_code.has_value());

  // Core keys always, in order, nulls included; no agent key unless present.
  const json::object out = core::record_to_json(r);
  BOOST_TEST(keys_of(out) == k_core_keys, boost::test_tools::per_element());
  BOOST_TEST(out.at("start_time").is_null());
  BOOST_TEST(out.at("deliverables").as_array().empty());
  BOOST_TEST(out.at("grades").as_object().empty());
  BOOST_TEST(out.at("duration_seconds").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(schema_key_lists) {
  BOOST_TEST(core::schema_keys().size() == 55u);
  int core_count = 0;
  for (auto key : core::schema_keys())
    core_count += core::is_core_key(key) ? 1 : 0;
  BOOST_TEST(core_count == 29);
  BOOST_TEST(core::is_agent_key("selector_mode"));
  BOOST_TEST(core::is_agent_key("tool_ms_total"));
  BOOST_TEST(!core::is_agent_key("model"));
  BOOST_TEST(!core::is_schema_key("inferred_category"));
}

BOOST_AUTO_TEST_CASE(session_ids_are_random_hex_and_thread_safe) {
  std::vector<std::vector<std::string>> per_thread(4);
  std::vector<std::thread> threads;
  for (auto& ids : per_thread)
    threads.emplace_back([&ids] {
      for (int i = 0; i < 500; ++i)
        ids.push_back(core::generate_session_id());
    });
  for (auto& t : threads)
    t.join();
  std::set<std::string> all;
  for (const auto& ids : per_thread)
    for (const auto& id : ids) {
      BOOST_TEST(looks_like_id(id));
      all.insert(id);
    }
  // 2000 draws from 2^32: a collision has probability below 0.05%.
  BOOST_TEST(all.size() >= 1999u);
}

BOOST_AUTO_TEST_CASE(now_is_python_isoformat) {
  for (int i = 0; i < 20; ++i)
    BOOST_TEST(looks_like_now(core::utc_now_isoformat()));
}

BOOST_AUTO_TEST_CASE(isoformat_of_an_instant) {
  using std::chrono::microseconds;
  using std::chrono::system_clock;
  BOOST_TEST(core::utc_isoformat(system_clock::time_point{}) == "1970-01-01T00:00:00+00:00");
  BOOST_TEST(core::utc_isoformat(system_clock::time_point{microseconds(1'772'409'600'500'000)}) ==
             "2026-03-02T00:00:00.500000+00:00");
  // Before the epoch the fraction still counts forward from the whole second below.
  BOOST_TEST(core::utc_isoformat(system_clock::time_point{microseconds(-250'000)}) ==
             "1969-12-31T23:59:59.750000+00:00");
}

BOOST_AUTO_TEST_CASE(t24_fix) {
  BOOST_TEST(core::fix_t24_timestamp("2026-03-02T24:00:00+00:00") == "2026-03-02T23:59:59+00:00");
  BOOST_TEST(core::fix_t24_timestamp("2026-03-02T24:30:45+00:00") == "2026-03-02T23:30:45+00:00");
  BOOST_TEST(core::fix_t24_timestamp("2026-03-02T24:00") == "2026-03-02T24:00");
  BOOST_TEST(core::fix_t24_timestamp("2026-03-02T24:00:00.5Z") == "2026-03-02T23:59:59.5Z");
  BOOST_TEST(core::fix_t24_timestamp("2026-03-02T12:00:00Z") == "2026-03-02T12:00:00Z");
  // With a midnight present, only the midnight form is rewritten (reference order of rules).
  BOOST_TEST(core::fix_t24_timestamp("T24:00:00/T24:30:45") == "T23:59:59/T24:30:45");
  BOOST_TEST(core::fix_t24_timestamp("T24:1x:00") == "T24:1x:00");

  // Applied on load, and only to timestamp.
  const auto r = load(R"({"session_id": "c0ffee00", "timestamp": "2026-03-02T24:00:00+00:00",
                          "start_time": "2026-03-02T24:00:00+00:00"})");
  BOOST_TEST(r.timestamp == "2026-03-02T23:59:59+00:00");
  BOOST_TEST(*r.start_time == "2026-03-02T24:00:00+00:00");
}

BOOST_AUTO_TEST_CASE(run_type_normalization) {
  const std::pair<std::optional<std::string>, std::optional<std::string>> cases[] = {
      {"42", "autonomous"},
      {"1042", "autonomous"},
      {"autonomous-session-3", "autonomous"},
      {"autonomous-sessionX", "autonomous"},
      {"autonomous", "autonomous"},
      {" 12", " 12"},
      {"12a", "12a"},
      {"Autonomous-session", "Autonomous-session"},
      {"monitoring", "monitoring"},
      {"", ""},
      {std::nullopt, std::nullopt},
  };
  for (const auto& [raw, expected] : cases)
    BOOST_TEST((core::normalize_run_type(raw) == expected), raw.value_or("<null>"));
  BOOST_TEST(*load(R"({"run_type": "77"})").run_type == "autonomous");
}

BOOST_AUTO_TEST_CASE(identity_defaults_on_load) {
  for (const char* text : {R"({})",
                           R"({"session_id": "", "timestamp": ""})",
                           R"({"session_id": null, "timestamp": null})",
                           R"({"session_id": 0, "timestamp": 0})",
                           R"({"session_id": false, "timestamp": false})"}) {
    const auto r = load(text);
    BOOST_TEST(looks_like_id(r.session_id));
    BOOST_TEST(looks_like_now(r.timestamp));
    BOOST_TEST(*r.harness == "unknown");
  }
}

BOOST_AUTO_TEST_CASE(null_coercions_and_kept_nulls) {
  const auto r = load(R"({"session_id": "0dd1ee55", "timestamp": "t", "model": null,
      "harness": null, "run_type": null, "outcome": null, "duration_seconds": null,
      "grades": null, "grade_reasons": null, "deliverables": null,
      "deliverable_details": null})");
  BOOST_TEST((!r.model && !r.harness && !r.run_type && !r.outcome && !r.deliverables));
  BOOST_TEST(r.duration_seconds == 0);
  const json::object out = core::record_to_json(r);
  BOOST_TEST(out.at("duration_seconds").as_int64() == 0);
  BOOST_TEST(out.at("grades").as_object().empty());
  BOOST_TEST(out.at("grade_reasons").as_object().empty());
  BOOST_TEST(out.at("deliverables").is_null());
  BOOST_TEST(out.at("deliverable_details").as_array().empty());
  BOOST_TEST(out.at("outcome").is_null());
  BOOST_TEST(r.raw_core_fields.empty());
}

BOOST_AUTO_TEST_CASE(legacy_journal_path_migration) {
  auto r = load(R"({"session_id": "f1f2f3f4", "timestamp": "t",
                    "journal_path": "/logs/2026-03-04/conversation.jsonl"})");
  BOOST_TEST(*r.trajectory_path == "/logs/2026-03-04/conversation.jsonl");
  BOOST_TEST(!r.journal_path);
  r = load(R"({"journal_path": "/logs/session-dir"})");
  BOOST_TEST(*r.trajectory_path == "/logs/session-dir");
  r = load(R"({"journal_path": "/journal/2026-03-04/s.md"})");
  BOOST_TEST(*r.journal_path == "/journal/2026-03-04/s.md");
  BOOST_TEST(!r.trajectory_path);
  // A trajectory_path key, even null, means the record is already in the new form.
  r = load(R"({"journal_path": "/logs/c.jsonl", "trajectory_path": null})");
  BOOST_TEST(*r.journal_path == "/logs/c.jsonl");
  BOOST_TEST(!r.trajectory_path);
}

BOOST_AUTO_TEST_CASE(malformed_records) {
  BOOST_TEST(malformed_reason(R"({"timestamp": 12345})").has_value());
  BOOST_TEST(malformed_reason(R"({"timestamp": 1.5})").has_value());
  BOOST_TEST(malformed_reason(R"({"timestamp": true})").has_value());
  BOOST_TEST(malformed_reason(R"({"timestamp": ["2026"]})").has_value());
  BOOST_TEST(malformed_reason(R"({"run_type": 5})").has_value());
  BOOST_TEST(malformed_reason(R"({"run_type": true})").has_value());
  BOOST_TEST(malformed_reason(R"({"run_type": [1]})").has_value());
  BOOST_TEST(malformed_reason(R"({"run_type": {"a": 1}})").has_value());
  BOOST_TEST(malformed_reason(R"({"dropout_depth": ["deep"]})").has_value());
  BOOST_TEST(*malformed_reason(R"({"timestamp": 12345})") ==
             "'timestamp' is a number, expected a string");
  // Falsy non-strings are accepted by the reference.
  BOOST_TEST(!malformed_reason(R"({"timestamp": 0})").has_value());
  BOOST_TEST(!malformed_reason(R"({"run_type": 0})").has_value());
  BOOST_TEST(!malformed_reason(R"({"run_type": false})").has_value());
}

BOOST_AUTO_TEST_CASE(falsy_non_string_run_type_is_kept_verbatim) {
  const auto r = load(R"({"run_type": 0})");
  BOOST_TEST(!r.run_type);
  BOOST_TEST(core::record_to_json(r).at("run_type").as_int64() == 0);
}

BOOST_AUTO_TEST_CASE(appendix_validations) {
  auto out = core::record_to_json(load(R"({"harm_category": "deception"})"));
  BOOST_TEST(out.at("harm_category").as_string() == "deception");
  for (const char* text : {R"({"harm_category": "bogus"})", R"({"harm_category": 5})"}) {
    out = core::record_to_json(load(text));
    BOOST_TEST(out.at("harm_category").is_null());
  }
  out = core::record_to_json(load(R"({"dropout_depth": "medium"})"));
  BOOST_TEST(out.at("dropout_depth").is_null());
  out = core::record_to_json(
      load(R"({"dropout_selected": true, "dropout_depth": "deep", "dropout_reason": "r"})"));
  BOOST_TEST(out.at("dropout_depth").as_string() == "deep");
  BOOST_TEST(out.at("dropout_reason").as_string() == "r");
  out = core::record_to_json(
      load(R"({"dropout_selected": false, "dropout_depth": "deep", "dropout_reason": "r"})"));
  BOOST_TEST(out.at("dropout_depth").is_null());
  BOOST_TEST(out.at("dropout_reason").is_null());
  BOOST_TEST(out.at("dropout_selected").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(legacy_dropout_selection) {
  auto out = core::record_to_json(load(R"({"dropout_selection": true, "notes": "n"})"));
  BOOST_TEST(out.at("dropout_selected").as_bool() == true);
  BOOST_TEST(out.at("dropout_reason").as_string() == "random_sampling");
  BOOST_TEST(!out.contains("dropout_selection"));

  out = core::record_to_json(load(R"({"dropout_selection": 0})"));
  BOOST_TEST(!out.contains("dropout_selection"));
  BOOST_TEST(!out.contains("dropout_selected"));

  // With the new key present the old one is an ordinary extra field.
  out = core::record_to_json(load(R"({"dropout_selection": true, "dropout_selected": false})"));
  BOOST_TEST(out.at("dropout_selection").as_bool() == true);
  BOOST_TEST(out.at("dropout_selected").as_bool() == false);
}

BOOST_AUTO_TEST_CASE(agent_keys_written_only_when_present_in_schema_order) {
  auto r = load(R"({"session_id": "x", "timestamp": "t", "notes": 1, "selector_mode": null,
                    "context_tier": "large", "tool_ms_total": 1.5, "inferred_category": "c"})");
  std::vector<std::string> expected = k_core_keys;
  expected.insert(expected.begin() + 8, "context_tier");   // after model
  expected.insert(expected.begin() + 12, "selector_mode"); // after category
  expected.push_back("tool_ms_total");
  expected.push_back("notes");
  expected.push_back("inferred_category");
  const auto out = core::record_to_json(r);
  BOOST_TEST(keys_of(out) == expected, boost::test_tools::per_element());
  BOOST_TEST(out.at("selector_mode").is_null());

  r.set_agent_field("recommended_category", "code");
  r.set_agent_field("my_extra", 3);
  BOOST_TEST(*r.agent_string("recommended_category") == "code");
  BOOST_TEST(!r.agent_string("selector_mode"));
  BOOST_TEST(r.extra_fields.at("my_extra").as_int64() == 3);
  BOOST_CHECK_THROW(r.set_agent_field("model", "x"), std::invalid_argument);
  const auto keys = keys_of(core::record_to_json(r));
  const auto pos = [&](const char* key) { return std::find(keys.begin(), keys.end(), key); };
  BOOST_TEST((pos("recommended_category") > pos("category")));
  BOOST_TEST((pos("recommended_category") < pos("selector_mode")));
  BOOST_TEST((pos("my_extra") == keys.end() - 1));
}

BOOST_AUTO_TEST_CASE(underscore_keys_are_dropped) {
  const auto out = core::record_to_json(load(R"({"_legacy_fields": {"a": 1}, "_x": 2, "y_": 3})"));
  BOOST_TEST(!out.contains("_legacy_fields"));
  BOOST_TEST(!out.contains("_x"));
  BOOST_TEST(out.at("y_").as_int64() == 3);
}

BOOST_AUTO_TEST_CASE(odd_core_types_are_written_back_unchanged) {
  const auto r = load(R"({"session_id": 123, "duration_seconds": "abc", "exit_code": 1.0,
      "trajectory_grade": 1, "deliverables": ["a", 5], "grades": [1], "project": 7,
      "token_count": 18446744073709551615, "llm_judge_score": true})");
  BOOST_TEST(r.session_id == "123");
  BOOST_TEST(r.duration_seconds == 0);
  BOOST_TEST(*r.exit_code == 1);
  BOOST_TEST(*r.trajectory_grade == 1.0);
  BOOST_TEST(r.deliverables->size() == 1u);
  BOOST_TEST(!r.project);
  BOOST_TEST(*r.llm_judge_score == 1.0);
  const std::string line = core::to_json(core::record_to_json(r));
  for (const char* fragment : {R"("session_id": 123,)",
                               R"("duration_seconds": "abc",)",
                               R"("exit_code": 1.0,)",
                               R"("trajectory_grade": 1,)",
                               R"("deliverables": ["a", 5],)",
                               R"("grades": [1],)",
                               R"("project": 7,)",
                               R"("token_count": 18446744073709551615,)",
                               R"("llm_judge_score": true,)"})
    BOOST_TEST(line.find(fragment) != std::string::npos, fragment << " missing in " << line);

  // Assigning the member replaces the odd stored value.
  core::SessionRecord changed = r;
  changed.duration_seconds = 900;
  changed.exit_code = 124;
  changed.deliverables->push_back("b");
  const auto out = core::record_to_json(changed);
  BOOST_TEST(out.at("duration_seconds").as_int64() == 900);
  BOOST_TEST(out.at("exit_code").as_int64() == 124);
  BOOST_TEST(core::to_json(out.at("deliverables")) == R"(["a", "b"])");
  BOOST_TEST(out.at("grades").as_array().size() == 1u);
}

BOOST_AUTO_TEST_CASE(spec_example_records) {
  const auto lines = read_lines(GPTME_SESSIONS_TEST_DATA "/core/spec_example_store.jsonl");
  BOOST_TEST_REQUIRE(lines.size() == 8u);
  const auto c0ff = load(lines[3]);
  BOOST_TEST(c0ff.timestamp == "2026-03-02T23:59:59+00:00");
  BOOST_TEST(*c0ff.exit_code == 1);
  const auto b7e0 = load(lines[2]);
  BOOST_TEST(*b7e0.run_type == "autonomous");
  BOOST_TEST(*b7e0.model == "openrouter/anthropic/claude-sonnet-4.5/extended");
  BOOST_TEST(*b7e0.model_normalized() == "sonnet");
  const auto e5e5 = load(lines[5]);
  BOOST_TEST(!e5e5.harness);
  BOOST_TEST(!e5e5.model_normalized());
  const auto f1f2 = load(lines[6]);
  BOOST_TEST(*f1f2.run_type == "autonomous");
  BOOST_TEST(*f1f2.trajectory_path == "/logs/2026-03-04/conversation.jsonl");
  BOOST_TEST(!f1f2.journal_path);
  const auto keys = keys_of(core::record_to_json(f1f2));
  BOOST_TEST(keys[keys.size() - 2] == "inferred_category");
  BOOST_TEST(keys.back() == "notes");
  const auto a0b = load(lines[7]);
  BOOST_TEST(*a0b.journal_path == "/journal/2026-03-04/s.md");
  BOOST_TEST(!a0b.trajectory_path);
  BOOST_TEST(*a0b.llm_judge_score == 0.85);
  BOOST_TEST(a0b.grades.at("productivity").as_double() == 0.8);
}

BOOST_AUTO_TEST_CASE(full_schema_python_line_round_trips_byte_for_byte) {
  // A line exactly as the Python package writes it (all 55 schema keys, then extras).
  const auto lines = read_lines(GPTME_SESSIONS_TEST_DATA "/core/python_format_store.jsonl");
  BOOST_TEST_REQUIRE(!lines.empty());
  const auto r = load(lines[0]);
  BOOST_TEST(core::to_json(core::record_to_json(r)) == lines[0]);
  BOOST_TEST(r.agent_fields.size() == 26u);
}

BOOST_AUTO_TEST_CASE(loaded_values_survive_key_for_key) {
  const auto lines = read_lines(GPTME_SESSIONS_TEST_DATA "/core/python_format_store.jsonl");
  BOOST_TEST_REQUIRE(lines.size() == 3u);
  const json::object input = json::parse(lines[1]).as_object();
  const std::string written = core::to_json(core::record_to_json(load(lines[1])));
  const json::object output = json::parse(written).as_object();
  for (const auto& member : input) {
    if (member.key().starts_with("_")) {
      BOOST_TEST(!output.contains(member.key()));
      continue;
    }
    BOOST_TEST_CONTEXT("key " << member.key()) {
      BOOST_TEST_REQUIRE(output.contains(member.key()));
      BOOST_TEST(output.at(member.key()) == member.value());
    }
  }
  BOOST_TEST(written.find(R"("productivity": 100000.0)") != std::string::npos);
  BOOST_TEST(written.find(R"("notes": "caf\u00e9 raw")") != std::string::npos);
  BOOST_TEST(written.find(R"("nested": {"a": [1, 2.0, "x", -0.0, 1e-07]})") != std::string::npos);
  // Writing what was read is stable.
  BOOST_TEST(core::to_json(core::record_to_json(load(written))) == written);
}

BOOST_AUTO_TEST_SUITE_END()

BOOST_AUTO_TEST_SUITE(core_session_record_streaming)

namespace {

// Every record of the test stores, plus records that exercise the writer's special paths:
// odd core types kept raw, stray agent keys, empty and null lists and objects.
std::vector<core::SessionRecord> writer_samples() {
  std::vector<core::SessionRecord> records;
  for (const char* store : {"/core/spec_example_store.jsonl", "/core/python_format_store.jsonl"})
    for (const auto& line : read_lines(std::string(GPTME_SESSIONS_TEST_DATA) + store))
      if (auto parsed = json::parse(line); parsed.is_object())
        if (auto record = core::record_from_json(parsed.as_object()))
          records.push_back(std::move(*record));
  records.push_back(load(R"({"session_id": "raw1", "timestamp": "2026-01-01T00:00:00+00:00",
      "exit_code": "x", "duration_seconds": 1.5, "deliverables": ["a", 3],
      "grades": null, "deliverable_details": null, "extra": {"k": [1, {"z": []}], "e": {}}})"));
  records.push_back(load(R"({"session_id": "lists", "timestamp": "2026-01-01T00:00:00+00:00",
      "deliverables": null, "grades": {"a": 1, "b": {"c": [0.5]}}, "grade_reasons": {}})"));
  auto stray = load(R"({"session_id": "stray", "timestamp": "2026-01-01T00:00:00+00:00",
      "selector_mode": "x", "notes": 1})");
  stray.agent_fields["odd_agent"] = json::array{1, 2};
  stray.agent_fields["notes"] = "shadows the extra";
  stray.deliverables = std::vector<std::string>{};
  records.push_back(std::move(stray));
  auto edited = load(R"({"session_id": "edit", "timestamp": "t", "duration_seconds": "9"})");
  edited.duration_seconds = 42; // replaces the raw value
  records.push_back(std::move(edited));
  return records;
}

} // namespace

BOOST_AUTO_TEST_CASE(pretty_writer_matches_pretty_printed_object) {
  const auto records = writer_samples();
  BOOST_TEST_REQUIRE(records.size() >= 10u);
  for (const auto& r : records) {
    BOOST_TEST_CONTEXT("record " << r.session_id) {
      std::string pretty = "prefix";
      core::write_record_json(pretty, r, core::JsonStyle{2});
      BOOST_TEST(pretty == "prefix" + core::to_json_pretty(core::record_to_json(r)));
      std::string four;
      core::write_record_json(four, r, core::JsonStyle{4}, 0);
      BOOST_TEST(four == core::to_json(core::record_to_json(r), core::JsonStyle{4}));
      std::string line;
      core::write_record_json(line, r, core::JsonStyle{}, 3); // depth is moot on one line
      BOOST_TEST(line == core::to_json(core::record_to_json(r)));
    }
  }
}

BOOST_AUTO_TEST_CASE(pretty_writer_nests_records_in_an_array) {
  const auto records = writer_samples();
  json::array array;
  std::string streamed = "[";
  for (const auto& r : records) {
    array.push_back(core::record_to_json(r));
    streamed += array.size() == 1 ? "\n  " : ",\n  ";
    core::write_record_json(streamed, r, core::JsonStyle{2}, 1);
  }
  streamed += "\n]";
  BOOST_TEST(streamed == core::to_json_pretty(array));
}

BOOST_AUTO_TEST_SUITE_END()
