// One session's record: the unit of the JSONL store, interchangeable with the Python
// gptme-sessions package (same keys, same order, unknown keys kept).
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core {

struct GPTME_SESSIONS_CORE_EXPORT SessionRecord {
  // Core keys (spec store-and-cli §3.1), always written, in this order relative to each other.
  std::string session_id; // default: 8 random lowercase hex chars
  std::string timestamp;  // default: now, UTC, Python isoformat
  std::optional<std::string> start_time;
  std::optional<std::string> end_time;
  std::optional<std::string> session_name;
  std::optional<std::string> project;
  std::optional<std::string> harness = "unknown";
  std::optional<std::string> model = "unknown";    // raw, never normalized in storage
  std::optional<std::string> run_type = "unknown"; // normalized (see normalize_run_type)
  std::optional<std::string> trigger;
  std::optional<std::string> category;
  std::optional<std::string> outcome = "unknown";
  std::optional<std::int64_t> exit_code;
  std::optional<std::string> error;
  std::int64_t duration_seconds = 0;
  std::optional<std::int64_t> token_count;
  std::optional<std::int64_t> input_tokens;
  std::optional<std::int64_t> output_tokens;
  std::optional<std::int64_t> cache_creation_tokens;
  std::optional<std::int64_t> cache_read_tokens;
  std::optional<std::vector<std::string>> deliverables = std::vector<std::string>{};
  std::optional<std::string> trajectory_path;
  std::optional<std::string> journal_path;
  boost::json::object grades;        // string -> number
  boost::json::object grade_reasons; // string -> string
  std::optional<double> trajectory_grade;
  std::optional<double> llm_judge_score;
  std::optional<std::string> llm_judge_reason;
  std::optional<std::string> llm_judge_model;

  // Agent-specific keys of the reference schema (§3.2 / appendix, e.g. recommended_category,
  // selector_mode, sys_prompt_tokens, deliverable_details). Holds only keys that were read or
  // set; written at their schema position. Absent means "the Python default".
  boost::json::object agent_fields;
  // Keys unknown to the Python schema, in the order they were read, written after all schema
  // keys. This port's own additions (llm_judge_rating, llm_judge_error, ...) live here too, so
  // the Python package keeps them as its own extras.
  boost::json::object extra_fields;
  // Core keys whose stored JSON type did not fit the typed member above: kept verbatim and
  // written back at the key's position so nothing read is ever lost.
  boost::json::object raw_core_fields;
  // For each key of raw_core_fields: the typed member's JSON right after loading. The raw value
  // is written only while the member still serializes to this, so assigning the member (e.g.
  // annotate --duration) replaces the odd stored value instead of being shadowed by it.
  boost::json::object raw_core_loaded_as;
  // Set by the store when the line had no usable session_id and the id was derived from the
  // line's bytes (FNV-1a 64 of the stripped line; the id is its top 32 bits in hex). rewrite()
  // uses it to replace exactly that line, so an id-less line is never duplicated (quirk Q1).
  std::optional<std::uint64_t> source_line_hash;

  // Convenience access to agent_fields. set_agent_field() puts a key that is not an agent key
  // into extra_fields, and throws std::invalid_argument for a core key (use the member).
  std::optional<std::string> agent_string(std::string_view key) const;
  void set_agent_field(std::string_view key, boost::json::value value);

  // model_normalized: derived, never stored.
  std::optional<std::string> model_normalized() const;
};

// The 55 schema keys of spec §3.2 in serialized order (29 core keys, 26 agent keys).
GPTME_SESSIONS_CORE_EXPORT std::span<const std::string_view> schema_keys();
GPTME_SESSIONS_CORE_EXPORT bool is_core_key(std::string_view key);
GPTME_SESSIONS_CORE_EXPORT bool is_agent_key(std::string_view key);
GPTME_SESSIONS_CORE_EXPORT bool is_schema_key(std::string_view key);

// A fresh record with a new id and the current UTC timestamp.
GPTME_SESSIONS_CORE_EXPORT SessionRecord make_record();

GPTME_SESSIONS_CORE_EXPORT std::string generate_session_id();
// Now, UTC, Python datetime.isoformat(): YYYY-MM-DDTHH:MM:SS[.ffffff]+00:00
GPTME_SESSIONS_CORE_EXPORT std::string utc_now_isoformat();
// The same for any instant (a time before the epoch included).
GPTME_SESSIONS_CORE_EXPORT std::string utc_isoformat(std::chrono::system_clock::time_point when);
GPTME_SESSIONS_CORE_EXPORT std::optional<std::string>
normalize_run_type(std::optional<std::string> run_type);
// The T24 fix of spec §3.3: "T24:00:00" -> "T23:59:59", else "T24:MM:SS" -> "T23:MM:SS".
GPTME_SESSIONS_CORE_EXPORT std::string fix_t24_timestamp(std::string timestamp);
// Python truthiness of a JSON value (null, false, 0, 0.0, "", [], {} are false).
GPTME_SESSIONS_CORE_EXPORT bool json_truthy(const boost::json::value& value);
GPTME_SESSIONS_CORE_EXPORT std::optional<std::string>
normalize_model(const std::optional<std::string>& model);

// Why a JSON line is not a usable record (spec §3.6 "malformed").
struct GPTME_SESSIONS_CORE_EXPORT RecordParseError {
  std::string message;
};

// JSON object -> record, applying identity rules, T24 fix, run_type normalization, legacy
// journal_path migration and appendix validations. Returns nullopt (and fills *error) for
// lines the spec calls malformed.
GPTME_SESSIONS_CORE_EXPORT std::optional<SessionRecord>
record_from_json(const boost::json::object& object, RecordParseError* error = nullptr);
// Same, moving the values out of `object` instead of copying them.
GPTME_SESSIONS_CORE_EXPORT std::optional<SessionRecord>
record_from_json(boost::json::object&& object, RecordParseError* error = nullptr);
// Record -> JSON object in the canonical key order: the 29 core keys always (nulls included),
// agent keys only when present in agent_fields, both in §3.2 order; then extra_fields in read
// order (a deliberate deviation from §3.2, see docs/DEVIATIONS.md).
GPTME_SESSIONS_CORE_EXPORT boost::json::object record_to_json(const SessionRecord& record);
// Appends to_json(record_to_json(record)) to `out` without building the object (store lines).
GPTME_SESSIONS_CORE_EXPORT void write_record_json(std::string& out, const SessionRecord& record);
// Appends write_json(record_to_json(record), style, depth) without building the object:
// {indent = 2} at depth 0 gives to_json_pretty(record_to_json(record)); depth 1 gives an
// element of a pretty array, ready to follow "[\n  " or ",\n  ".
GPTME_SESSIONS_CORE_EXPORT void
write_record_json(std::string& out, const SessionRecord& record, JsonStyle style, int depth = 0);

} // namespace gptme_sessions::core
