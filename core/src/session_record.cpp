#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <boost/json/array.hpp>
#include <boost/json/string.hpp>

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <ctime>
#include <limits>
#include <random>
#include <stdexcept>
#include <sys/random.h>
#include <variant>

namespace gptme_sessions::core {

namespace json = boost::json;

namespace {

constexpr std::array<std::string_view, 55> k_schema_keys{
    "session_id",
    "timestamp",
    "start_time",
    "end_time",
    "session_name",
    "project",
    "harness",
    "model",
    "context_tier",
    "ab_group",
    "tier_version",
    "run_type",
    "trigger",
    "category",
    "recommended_category",
    "selector_mode",
    "cascade_intent",
    "outcome",
    "exit_code",
    "failure_reason",
    "error",
    "duration_seconds",
    "token_count",
    "input_tokens",
    "output_tokens",
    "cache_creation_tokens",
    "cache_read_tokens",
    "sys_prompt_tokens",
    "context_peak_tokens",
    "context_window",
    "sys_prompt_bytes",
    "first_turn_bytes",
    "context_peak_bytes",
    "session_total_bytes",
    "deliverables",
    "deliverable_details",
    "trajectory_path",
    "journal_path",
    "grades",
    "grade_reasons",
    "trajectory_grade",
    "llm_judge_score",
    "llm_judge_reason",
    "llm_judge_model",
    "smell_score",
    "harm_category",
    "dropout_selected",
    "dropout_reason",
    "dropout_depth",
    "span_aggregates",
    "summarizer_fired",
    "ttft_ms_avg",
    "ttft_ms_p50",
    "gen_ms_total",
    "tool_ms_total",
};

using StrMember = std::string SessionRecord::*;
using OptStrMember = std::optional<std::string> SessionRecord::*;
using IntMember = std::int64_t SessionRecord::*;
using OptIntMember = std::optional<std::int64_t> SessionRecord::*;
using OptDoubleMember = std::optional<double> SessionRecord::*;
using ListMember = std::optional<std::vector<std::string>> SessionRecord::*;
using ObjectMember = json::object SessionRecord::*;
using Member = std::variant<StrMember,
                            OptStrMember,
                            IntMember,
                            OptIntMember,
                            OptDoubleMember,
                            ListMember,
                            ObjectMember>;

struct CoreField {
  std::string_view key;
  Member member;
};

const std::array<CoreField, 29> k_core_fields{{
    {"session_id", &SessionRecord::session_id},
    {"timestamp", &SessionRecord::timestamp},
    {"start_time", &SessionRecord::start_time},
    {"end_time", &SessionRecord::end_time},
    {"session_name", &SessionRecord::session_name},
    {"project", &SessionRecord::project},
    {"harness", &SessionRecord::harness},
    {"model", &SessionRecord::model},
    {"run_type", &SessionRecord::run_type},
    {"trigger", &SessionRecord::trigger},
    {"category", &SessionRecord::category},
    {"outcome", &SessionRecord::outcome},
    {"exit_code", &SessionRecord::exit_code},
    {"error", &SessionRecord::error},
    {"duration_seconds", &SessionRecord::duration_seconds},
    {"token_count", &SessionRecord::token_count},
    {"input_tokens", &SessionRecord::input_tokens},
    {"output_tokens", &SessionRecord::output_tokens},
    {"cache_creation_tokens", &SessionRecord::cache_creation_tokens},
    {"cache_read_tokens", &SessionRecord::cache_read_tokens},
    {"deliverables", &SessionRecord::deliverables},
    {"trajectory_path", &SessionRecord::trajectory_path},
    {"journal_path", &SessionRecord::journal_path},
    {"grades", &SessionRecord::grades},
    {"grade_reasons", &SessionRecord::grade_reasons},
    {"trajectory_grade", &SessionRecord::trajectory_grade},
    {"llm_judge_score", &SessionRecord::llm_judge_score},
    {"llm_judge_reason", &SessionRecord::llm_judge_reason},
    {"llm_judge_model", &SessionRecord::llm_judge_model},
}};

constexpr std::array<std::string_view, 7> k_harm_categories{
    "deception",
    "evaluation_gaming",
    "reward_hacking",
    "scope_creep",
    "tool_misuse",
    "coordination_harm",
    "catastrophic",
};

// k_core_fields entry for schema position i, or nullptr for an agent key.
const CoreField* core_field_at(std::size_t i) {
  static const std::array<const CoreField*, k_schema_keys.size()> table = [] {
    std::array<const CoreField*, k_schema_keys.size()> t{};
    for (std::size_t j = 0; j < k_schema_keys.size(); ++j)
      for (const auto& field : k_core_fields)
        if (field.key == k_schema_keys[j])
          t[j] = &field;
    return t;
  }();
  return table[i];
}

// Open-addressing hash table over k_schema_keys, built at compile time: a lookup hashes the
// length and three characters and then compares one or two candidates, where a sorted search
// cost about six string compares per key of every loaded line.
constexpr std::size_t k_schema_slots = 256;

constexpr std::size_t schema_hash(std::string_view key) {
  std::size_t h = key.size();
  if (!key.empty()) {
    h = h * 131 + static_cast<unsigned char>(key[0]);
    h = h * 131 + static_cast<unsigned char>(key[key.size() / 2]);
    h = h * 131 + static_cast<unsigned char>(key[key.size() - 1]);
  }
  return (h ^ (h >> 7)) % k_schema_slots;
}

// Slot -> schema position + 1 (0: empty).
constexpr std::array<std::uint8_t, k_schema_slots> k_schema_table = [] {
  std::array<std::uint8_t, k_schema_slots> table{};
  for (std::size_t i = 0; i < k_schema_keys.size(); ++i) {
    std::size_t slot = schema_hash(k_schema_keys[i]);
    while (table[slot] != 0)
      slot = (slot + 1) % k_schema_slots;
    table[slot] = static_cast<std::uint8_t>(i + 1);
  }
  return table;
}();

// Position of key in k_schema_keys, or -1.
int schema_index(std::string_view key) {
  for (std::size_t slot = schema_hash(key);; slot = (slot + 1) % k_schema_slots) {
    const std::uint8_t entry = k_schema_table[slot];
    if (entry == 0)
      return -1;
    if (k_schema_keys[entry - 1u] == key)
      return entry - 1;
  }
}

const CoreField* find_core_field(std::string_view key) {
  const int index = schema_index(key);
  return index < 0 ? nullptr : core_field_at(static_cast<std::size_t>(index));
}

template <class... Fs> struct Overloaded : Fs... { using Fs::operator()...; };
template <class... Fs> Overloaded(Fs...) -> Overloaded<Fs...>;

json::value member_to_json(const SessionRecord& record, const Member& member) {
  return std::visit(Overloaded{
                        [&](StrMember m) -> json::value { return json::string(record.*m); },
                        [&](OptStrMember m) -> json::value {
                          return (record.*m) ? json::value(json::string(*(record.*m)))
                                             : json::value(nullptr);
                        },
                        [&](IntMember m) -> json::value { return record.*m; },
                        [&](OptIntMember m) -> json::value {
                          return (record.*m) ? json::value(*(record.*m)) : json::value(nullptr);
                        },
                        [&](OptDoubleMember m) -> json::value {
                          return (record.*m) ? json::value(*(record.*m)) : json::value(nullptr);
                        },
                        [&](ListMember m) -> json::value {
                          if (!(record.*m))
                            return nullptr;
                          json::array list;
                          list.reserve((record.*m)->size());
                          for (const auto& item : *(record.*m))
                            list.emplace_back(json::string(item));
                          return list;
                        },
                        [&](ObjectMember m) -> json::value { return record.*m; },
                    },
                    member);
}

std::string_view kind_name(const json::value& value) {
  switch (value.kind()) {
  case json::kind::null:
    return "null";
  case json::kind::bool_:
    return "a boolean";
  case json::kind::int64:
  case json::kind::uint64:
  case json::kind::double_:
    return "a number";
  case json::kind::string:
    return "a string";
  case json::kind::array:
    return "an array";
  case json::kind::object:
    return "an object";
  }
  return "a value";
}

// A number read into an integer member; nullopt when it has no integer reading.
std::optional<std::int64_t> integer_reading(const json::value& value) {
  if (value.is_int64())
    return value.get_int64();
  if (value.is_bool())
    return value.get_bool() ? 1 : 0; // Python bools are ints
  if (value.is_double()) {
    const double d = value.get_double();
    // Python keeps the float; the typed member holds its integer part.
    if (std::isfinite(d) && d >= -9.2e18 && d <= 9.2e18)
      return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::optional<double> double_reading(const json::value& value) {
  if (value.is_double())
    return value.get_double();
  if (value.is_int64())
    return static_cast<double>(value.get_int64());
  if (value.is_uint64())
    return static_cast<double>(value.get_uint64());
  if (value.is_bool())
    return value.get_bool() ? 1.0 : 0.0;
  return std::nullopt;
}

// Stores `value` into the typed member. Returns false when the typed member cannot hold it
// exactly; the caller then keeps the value verbatim in raw_core_fields.
bool member_from_json(SessionRecord& record, const Member& member, const json::value& value) {
  return std::visit(Overloaded{
                        [&](StrMember m) {
                          if (value.is_string()) {
                            record.*m = std::string(value.get_string());
                            return true;
                          }
                          record.*m = to_json(value);
                          return false;
                        },
                        [&](OptStrMember m) {
                          if (value.is_string()) {
                            record.*m = std::string(value.get_string());
                            return true;
                          }
                          record.*m = std::nullopt;
                          return value.is_null();
                        },
                        [&](IntMember m) {
                          if (value.is_null()) { // JSON null is coerced to 0 (spec §3.3)
                            record.*m = 0;
                            return true;
                          }
                          record.*m = integer_reading(value).value_or(0);
                          return value.is_int64();
                        },
                        [&](OptIntMember m) {
                          if (value.is_null()) {
                            record.*m = std::nullopt;
                            return true;
                          }
                          record.*m = integer_reading(value);
                          return value.is_int64();
                        },
                        [&](OptDoubleMember m) {
                          if (value.is_null()) {
                            record.*m = std::nullopt;
                            return true;
                          }
                          record.*m = double_reading(value);
                          return value.is_double();
                        },
                        [&](ListMember m) {
                          if (value.is_null()) {
                            record.*m = std::nullopt;
                            return true;
                          }
                          std::vector<std::string> items;
                          bool all_strings = value.is_array();
                          if (value.is_array()) {
                            for (const auto& item : value.get_array()) {
                              if (item.is_string())
                                items.emplace_back(item.get_string());
                              else
                                all_strings = false;
                            }
                          }
                          record.*m = std::move(items);
                          return all_strings;
                        },
                        [&](ObjectMember m) {
                          if (value.is_object()) {
                            record.*m = value.get_object();
                            return true;
                          }
                          record.*m = json::object{};
                          return value.is_null(); // JSON null is coerced to {} (spec §3.3)
                        },
                    },
                    member);
}

bool contains(std::span<const std::string_view> list, std::string_view key) {
  for (auto item : list)
    if (item == key)
      return true;
  return false;
}

void fail(RecordParseError* error, std::string message) {
  if (error)
    error->message = std::move(message);
}

// Appendix A rules for the agent keys that the reference validates.
bool apply_agent_rules(SessionRecord& record, RecordParseError* error) {
  auto& agent = record.agent_fields;
  if (auto* details = agent.if_contains("deliverable_details"); details && details->is_null())
    *details = json::array{};
  if (auto* harm = agent.if_contains("harm_category"); harm && !harm->is_null()) {
    if (!harm->is_string() || !contains(k_harm_categories, std::string_view(harm->get_string())))
      *harm = nullptr;
  }
  if (auto* depth = agent.if_contains("dropout_depth"); depth && !depth->is_null()) {
    // The reference tests membership in a set, which raises on unhashable values.
    if (depth->is_array() || depth->is_object()) {
      fail(error, "'dropout_depth' is " + std::string(kind_name(*depth)));
      return false;
    }
    if (!depth->is_string() || (depth->get_string() != "shallow" && depth->get_string() != "deep"))
      *depth = nullptr;
  }
  if (auto* selected = agent.if_contains("dropout_selected");
      selected && selected->is_bool() && !selected->get_bool()) {
    for (const char* key : {"dropout_reason", "dropout_depth"})
      if (auto* v = agent.if_contains(key))
        *v = nullptr;
  }
  return true;
}

std::uint32_t random_u32() {
  std::uint32_t value = 0;
  // getrandom() stays correct across fork(), unlike a seeded engine copied into the child.
  if (::getrandom(&value, sizeof value, 0) == static_cast<ssize_t>(sizeof value))
    return value;
  thread_local std::random_device device;
  return device();
}

} // namespace

std::span<const std::string_view> schema_keys() {
  return k_schema_keys;
}

bool is_core_key(std::string_view key) {
  return find_core_field(key) != nullptr;
}

bool is_schema_key(std::string_view key) {
  return schema_index(key) >= 0;
}

bool is_agent_key(std::string_view key) {
  const int index = schema_index(key);
  return index >= 0 && core_field_at(static_cast<std::size_t>(index)) == nullptr;
}

bool json_truthy(const json::value& value) {
  switch (value.kind()) {
  case json::kind::null:
    return false;
  case json::kind::bool_:
    return value.get_bool();
  case json::kind::int64:
    return value.get_int64() != 0;
  case json::kind::uint64:
    return value.get_uint64() != 0;
  case json::kind::double_:
    return value.get_double() != 0.0;
  case json::kind::string:
    return !value.get_string().empty();
  case json::kind::array:
    return !value.get_array().empty();
  case json::kind::object:
    return !value.get_object().empty();
  }
  return false;
}

std::optional<std::string> SessionRecord::agent_string(std::string_view key) const {
  if (const auto* v = agent_fields.if_contains(key); v && v->is_string())
    return std::string(v->get_string());
  return std::nullopt;
}

void SessionRecord::set_agent_field(std::string_view key, json::value value) {
  if (is_core_key(key))
    throw std::invalid_argument("'" + std::string(key) +
                                "' is a core field of the session record; set its member");
  if (is_agent_key(key))
    agent_fields[key] = std::move(value);
  else
    extra_fields[key] = std::move(value);
}

std::optional<std::string> SessionRecord::model_normalized() const {
  return normalize_model(model);
}

std::string generate_session_id() {
  char buf[9];
  std::snprintf(buf, sizeof buf, "%08x", static_cast<unsigned>(random_u32()));
  return std::string(buf, 8);
}

std::string utc_now_isoformat() {
  return utc_isoformat(std::chrono::system_clock::now());
}

std::string utc_isoformat(std::chrono::system_clock::time_point when) {
  const auto micros =
      std::chrono::duration_cast<std::chrono::microseconds>(when.time_since_epoch()).count();
  std::time_t seconds = static_cast<std::time_t>(micros / 1'000'000);
  long fraction = static_cast<long>(micros % 1'000'000);
  if (fraction < 0) {
    fraction += 1'000'000;
    --seconds;
  }
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buf[64];
  std::size_t n = std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  std::string result(buf, n);
  if (fraction != 0) { // Python's isoformat() omits a zero microsecond part
    std::snprintf(buf, sizeof buf, ".%06ld", fraction);
    result += buf;
  }
  result += "+00:00";
  return result;
}

std::optional<std::string> normalize_run_type(std::optional<std::string> run_type) {
  if (!run_type || run_type->empty())
    return run_type;
  bool all_digits = true;
  for (char c : *run_type)
    all_digits = all_digits && c >= '0' && c <= '9';
  if (all_digits || run_type->starts_with("autonomous-session"))
    return std::string("autonomous");
  return run_type;
}

std::string fix_t24_timestamp(std::string timestamp) {
  if (timestamp.find("T24:") == std::string::npos)
    return timestamp;
  const auto is_digit = [](char c) { return c >= '0' && c <= '9'; };
  std::string result;
  result.reserve(timestamp.size());
  if (timestamp.find("T24:00:00") != std::string::npos) {
    // Midnight at the end of a day: the last second of that same day (every occurrence).
    std::size_t pos = 0;
    for (std::size_t hit; (hit = timestamp.find("T24:00:00", pos)) != std::string::npos;
         pos = hit + 9)
      result.append(timestamp, pos, hit - pos).append("T23:59:59");
    result.append(timestamp, pos);
    return result;
  }
  // re.sub(r"T24:(\d\d:\d\d)", r"T23:\1")
  std::size_t pos = 0;
  while (pos < timestamp.size()) {
    if (timestamp.compare(pos, 4, "T24:") == 0 && pos + 9 <= timestamp.size() &&
        is_digit(timestamp[pos + 4]) && is_digit(timestamp[pos + 5]) && timestamp[pos + 6] == ':' &&
        is_digit(timestamp[pos + 7]) && is_digit(timestamp[pos + 8])) {
      result.append("T23:").append(timestamp, pos + 4, 5);
      pos += 9;
    } else {
      result += timestamp[pos++];
    }
  }
  return result;
}

SessionRecord make_record() {
  SessionRecord record;
  record.session_id = generate_session_id();
  record.timestamp = utc_now_isoformat();
  return record;
}

std::optional<SessionRecord> record_from_json(const json::object& object, RecordParseError* error) {
  return record_from_json(json::object(object), error);
}

namespace {

// One core key's value into the record: identity rules, T24 fix, run_type check, and the raw
// copy for values the typed member cannot hold. False (with *error) for a malformed record.
bool load_core_value(SessionRecord& record,
                     std::string_view key,
                     json::value& value,
                     RecordParseError* error) {
  if (key == "session_id") {
    if (!json_truthy(value))
      return true; // falsy ids get a fresh one afterwards
  } else if (key == "timestamp") {
    if (!json_truthy(value))
      return true;
    if (!value.is_string()) {
      fail(error, "'timestamp' is " + std::string(kind_name(value)) + ", expected a string");
      return false;
    }
    record.timestamp = fix_t24_timestamp(std::string(value.get_string()));
    return true;
  } else if (key == "run_type") {
    if (json_truthy(value) && !value.is_string()) {
      fail(error, "'run_type' is " + std::string(kind_name(value)) + ", expected a string");
      return false;
    }
  }
  if (!member_from_json(record, find_core_field(key)->member, value))
    record.raw_core_fields[key] = std::move(value);
  return true;
}

} // namespace

std::optional<SessionRecord> record_from_json(json::object&& object, RecordParseError* error) {
  SessionRecord record;
  // Legacy records kept the trajectory path in journal_path (anything but a .md journal); a
  // trajectory_path key, even null, marks the new format.
  bool migrate_journal = false;
  if (!object.contains("trajectory_path")) {
    const auto* journal = object.if_contains("journal_path");
    migrate_journal = journal && journal->is_string() && !journal->get_string().ends_with(".md");
  }
  std::size_t agent_count = 0;
  std::size_t extra_count = 0;
  for (const auto& member : object) {
    const int index = schema_index(member.key());
    if (index < 0)
      ++extra_count;
    else if (!core_field_at(static_cast<std::size_t>(index)))
      ++agent_count;
  }
  record.agent_fields.reserve(agent_count);
  record.extra_fields.reserve(extra_count);

  for (auto& member : object) {
    const std::string_view key(member.key().data(), member.key().size());
    if (key.starts_with('_'))
      continue;
    const int index = schema_index(key);
    if (index < 0) {
      record.extra_fields.emplace(key, std::move(member.value()));
    } else if (core_field_at(static_cast<std::size_t>(index))) {
      const std::string_view target =
          migrate_journal && key == "journal_path" ? std::string_view("trajectory_path") : key;
      if (!load_core_value(record, target, member.value(), error))
        return std::nullopt;
    } else {
      record.agent_fields.emplace(key, std::move(member.value()));
    }
  }

  // Legacy dropout_selection flag, consumed only when the new key is absent.
  if (const auto* legacy = record.extra_fields.if_contains("dropout_selection");
      legacy && !record.agent_fields.contains("dropout_selected")) {
    if (json_truthy(*legacy)) {
      record.agent_fields["dropout_selected"] = true;
      record.agent_fields["dropout_reason"] = "random_sampling";
    }
    record.extra_fields.stable_erase("dropout_selection");
  }

  if (record.session_id.empty())
    record.session_id = generate_session_id();
  if (record.timestamp.empty())
    record.timestamp = utc_now_isoformat();
  record.run_type = normalize_run_type(std::move(record.run_type));
  if (!apply_agent_rules(record, error))
    return std::nullopt;
  for (const auto& raw : record.raw_core_fields)
    record.raw_core_loaded_as[raw.key()] =
        member_to_json(record, find_core_field(raw.key())->member);
  return record;
}

namespace {

// Walks the serialized members in canonical order. Core members without a raw stored value go
// to on_core(key, member) so writers can serialize them without building a JSON value; all
// others go to on_value(key, value).
template <class OnValue, class OnCore>
void visit_serialized(const SessionRecord& record, OnValue&& on_value, OnCore&& on_core) {
  // Agent values by schema position, found in one pass (a lookup per schema key would scan
  // agent_fields 26 times).
  std::array<const json::value*, k_schema_keys.size()> agent_values{};
  bool stray_agent_keys = false;
  for (const auto& member : record.agent_fields) {
    const int index = schema_index(member.key());
    if (index < 0)
      stray_agent_keys = true;
    else if (!agent_values[static_cast<std::size_t>(index)])
      agent_values[static_cast<std::size_t>(index)] = &member.value();
  }
  for (std::size_t i = 0; i < k_schema_keys.size(); ++i) {
    const std::string_view key = k_schema_keys[i];
    if (const CoreField* field = core_field_at(i)) {
      const auto* raw =
          record.raw_core_fields.empty() ? nullptr : record.raw_core_fields.if_contains(key);
      if (!raw) {
        on_core(key, field->member);
        continue;
      }
      json::value typed = member_to_json(record, field->member);
      const auto* loaded_as = record.raw_core_loaded_as.if_contains(key);
      if (!loaded_as || *loaded_as == typed)
        on_value(key, *raw);
      else
        on_value(key, typed);
    } else if (const auto* value = agent_values[i]) {
      on_value(key, *value);
    }
  }
  // Never drop data: stray keys someone put into agent_fields, then the extras.
  if (stray_agent_keys)
    for (const auto& member : record.agent_fields)
      if (!is_schema_key(member.key()))
        on_value(std::string_view(member.key()), member.value());
  for (const auto& member : record.extra_fields)
    if (!is_schema_key(member.key()) &&
        !(stray_agent_keys && record.agent_fields.contains(member.key())))
      on_value(std::string_view(member.key()), member.value());
}

void newline_indent(std::string& out, int indent, int depth) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(depth), ' ');
}

// One member's value at `depth` (pretty output when indent >= 0), as write_json would write
// member_to_json(record, member).
void write_member_json(
    std::string& out, const SessionRecord& record, const Member& member, int indent, int depth) {
  const auto write_optional_string = [&](const std::optional<std::string>& value) {
    if (value)
      write_json_string(out, *value);
    else
      out += "null";
  };
  // Separator before the item at position i, and the closing bracket, as in write_json.
  const auto item_prefix = [&](bool first) {
    if (!first)
      out += indent < 0 ? ", " : ",";
    if (indent >= 0)
      newline_indent(out, indent, depth + 1);
  };
  const auto close = [&](char bracket) {
    if (indent >= 0)
      newline_indent(out, indent, depth);
    out += bracket;
  };
  std::visit(Overloaded{
                 [&](StrMember m) { write_json_string(out, record.*m); },
                 [&](OptStrMember m) { write_optional_string(record.*m); },
                 [&](IntMember m) { write_json(out, record.*m); },
                 [&](OptIntMember m) {
                   if (record.*m)
                     write_json(out, *(record.*m));
                   else
                     out += "null";
                 },
                 [&](OptDoubleMember m) {
                   if (record.*m)
                     out += python_float_repr(*(record.*m));
                   else
                     out += "null";
                 },
                 [&](ListMember m) {
                   if (!(record.*m)) {
                     out += "null";
                     return;
                   }
                   if ((record.*m)->empty()) {
                     out += "[]";
                     return;
                   }
                   out += '[';
                   bool first = true;
                   for (const auto& item : *(record.*m)) {
                     item_prefix(first);
                     first = false;
                     write_json_string(out, item);
                   }
                   close(']');
                 },
                 [&](ObjectMember m) {
                   // Member by member: converting the object to a value would copy it.
                   if ((record.*m).empty()) {
                     out += "{}";
                     return;
                   }
                   out += '{';
                   bool first = true;
                   for (const auto& item : record.*m) {
                     item_prefix(first);
                     first = false;
                     write_json_string(out, item.key());
                     out += ": ";
                     write_json(out, item.value(), JsonStyle{indent}, depth + 1);
                   }
                   close('}');
                 },
             },
             member);
}

} // namespace

json::object record_to_json(const SessionRecord& record) {
  json::object out;
  out.reserve(k_schema_keys.size() + record.extra_fields.size());
  visit_serialized(
      record,
      [&](std::string_view key, const json::value& value) { out.emplace(key, value); },
      [&](std::string_view key, const Member& member) {
        out.emplace(key, member_to_json(record, member));
      });
  return out;
}

void write_record_json(std::string& out, const SessionRecord& record) {
  write_record_json(out, record, JsonStyle{}, 0);
}

void write_record_json(std::string& out, const SessionRecord& record, JsonStyle style, int depth) {
  const int indent = style.indent;
  out += '{';
  bool first = true;
  const auto write_key = [&](std::string_view key) {
    if (!first)
      out += indent < 0 ? ", " : ",";
    first = false;
    if (indent >= 0)
      newline_indent(out, indent, depth + 1);
    write_json_string(out, key);
    out += ": ";
  };
  visit_serialized(
      record,
      [&](std::string_view key, const json::value& value) {
        write_key(key);
        write_json(out, value, style, depth + 1);
      },
      [&](std::string_view key, const Member& member) {
        write_key(key);
        write_member_json(out, record, member, indent, depth + 1);
      });
  if (indent >= 0 && !first)
    newline_indent(out, indent, depth);
  out += '}';
}

} // namespace gptme_sessions::core
