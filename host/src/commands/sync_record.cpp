#include "commands/sync_record.hpp"

#include "commands/usage_fields.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>

#include <boost/json/array.hpp>

#include <array>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string_view>

namespace gptme_sessions::host {

namespace json = boost::json;

namespace {

// "Usage backfill needed" checks these for null (copilot-cli: model and the byte fields).
constexpr std::array<std::string_view, 5> k_copilot_backfill_fields{
    "model", "sys_prompt_bytes", "first_turn_bytes", "context_peak_bytes", "session_total_bytes"};

// Everything a sync import derives from the trajectory, in schema order.
constexpr auto k_derived_fields = [] {
  std::array<std::string_view, 9 + k_usage_number_fields.size()> keys{
      "timestamp", "session_name", "project", "model", "category", "outcome", "duration_seconds"};
  std::size_t i = 7;
  for (const UsageNumberField& field : k_usage_number_fields)
    keys[i++] = field.record_key;
  keys[i++] = "deliverables";
  keys[i++] = "deliverable_details";
  return keys;
}();

// Fields the reference backfills value by value (lists are handled separately).
constexpr auto k_fillable_fields = [] {
  std::array<std::string_view, 3 + k_usage_number_fields.size()> keys{
      "model", "category", "duration_seconds"};
  std::size_t i = 3;
  for (const UsageNumberField& field : k_usage_number_fields)
    keys[i++] = field.record_key;
  return keys;
}();

const json::value k_null;

const json::value& get(const json::object& o, std::string_view key) {
  const json::value* v = o.if_contains(key);
  return v != nullptr ? *v : k_null;
}

// The reference's "empty" stored value: null, "", 0 or "unknown".
bool blank(const json::value& v) {
  if (v.is_null())
    return true;
  if (v.is_string())
    return v.get_string().empty() || v.get_string() == "unknown";
  if (v.is_int64())
    return v.get_int64() == 0;
  if (v.is_uint64())
    return v.get_uint64() == 0;
  if (v.is_double())
    return v.get_double() == 0.0;
  return false;
}

bool empty_list(const json::value& v) {
  return v.is_null() || (v.is_array() && v.get_array().empty());
}

std::string hex_fnv1a(std::string_view text) {
  std::uint64_t hash = 14695981039346656037ull;
  for (unsigned char c : text) {
    hash ^= c;
    hash *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(hash));
  return buf;
}

// Converts the edited JSON form back, keeping what the store needs to replace the right line.
core::SessionRecord rebuild(const core::SessionRecord& original, json::object&& edited) {
  std::optional<core::SessionRecord> record = core::record_from_json(std::move(edited));
  if (!record)
    return original; // cannot happen for values this file writes; never lose the record
  record->source_line_hash = original.source_line_hash;
  return std::move(*record);
}

void apply_signals(json::object& out, const json::object& signals) {
  const json::value& productive = get(signals, "productive");
  out["outcome"] = productive.is_bool() && productive.get_bool() ? "productive" : "noop";
  const json::value& duration = get(signals, "session_duration_s");
  out["duration_seconds"] = core::signals::as_counter(&duration).value_or(0);
  const json::value& deliverables = get(signals, "deliverables");
  out["deliverables"] = deliverables.is_array() ? deliverables : json::array();
  const json::value& details = get(signals, "deliverable_details");
  out["deliverable_details"] = details.is_array() ? details : json::array();
  const json::value& category = get(signals, "inferred_category");
  if (!category.is_null())
    out["category"] = category;
  const json::value& usage = get(signals, "usage");
  if (!usage.is_object())
    return;
  // The usage model overrides the discovered one.
  if (const json::value& model = get(usage.get_object(), "model"); !model.is_null())
    out["model"] = model;
  for (const UsageNumberField& field : k_usage_number_fields) {
    const json::value& v = get(usage.get_object(), field.usage_key);
    if (!v.is_null())
      out[field.record_key] = v;
  }
}

json::object new_record_json(const sdk::DiscoveredSession& session, const json::object* signals) {
  core::SessionRecord record = core::make_record();
  record.harness = session.harness;
  record.trajectory_path = session.path.string();
  if (session.start_time && !session.start_time->empty())
    record.timestamp = *session.start_time;
  else if (!session.session_date.empty())
    record.timestamp = session.session_date + "T12:00:00+00:00";
  if (session.model)
    record.model = *session.model;
  if (session.session_name)
    record.session_name = *session.session_name;
  if (session.project)
    record.project = *session.project;
  json::object out = core::record_to_json(record);
  if (signals != nullptr)
    apply_signals(out, *signals);
  return out;
}

} // namespace

core::SessionRecord new_sync_record(const sdk::DiscoveredSession& session,
                                    const json::object* signals) {
  json::object out = new_record_json(session, signals);
  std::optional<core::SessionRecord> record = core::record_from_json(std::move(out));
  return record ? std::move(*record) : core::make_record();
}

bool fill_from_discovery_needed(const core::SessionRecord& record,
                                const sdk::DiscoveredSession& session) {
  const bool model = session.model && !session.model->empty() &&
                     (!record.model || record.model->empty() || *record.model == "unknown") &&
                     record.model != session.model;
  const bool name = session.session_name && !session.session_name->empty() &&
                    (!record.session_name || record.session_name->empty());
  const bool project =
      session.project && !session.project->empty() && (!record.project || record.project->empty());
  return model || name || project;
}

bool fill_from_discovery(core::SessionRecord& record, const sdk::DiscoveredSession& session) {
  if (!fill_from_discovery_needed(record, session))
    return false;
  if (session.model && !session.model->empty() &&
      (!record.model || record.model->empty() || *record.model == "unknown"))
    record.model = session.model;
  if (session.session_name && !session.session_name->empty() &&
      (!record.session_name || record.session_name->empty()))
    record.session_name = session.session_name;
  if (session.project && !session.project->empty() && (!record.project || record.project->empty()))
    record.project = session.project;
  return true;
}

bool needs_signals(const core::SessionRecord& record) {
  if (!record.outcome || *record.outcome == "unknown")
    return true;
  const json::object stored = core::record_to_json(record);
  if (record.harness && *record.harness == "copilot-cli") {
    for (std::string_view key : k_copilot_backfill_fields)
      if (get(stored, key).is_null())
        return true;
    return false;
  }
  for (const UsageNumberField& field : k_usage_number_fields)
    if (get(stored, field.record_key).is_null())
      return true;
  return false;
}

bool backfill_signals(core::SessionRecord& record,
                      const sdk::DiscoveredSession& session,
                      const json::object& signals) {
  json::object stored = core::record_to_json(record);
  const json::object fresh = new_record_json(session, &signals);
  bool changed = false;
  if (!record.outcome || *record.outcome == "unknown") {
    const json::value& outcome = get(fresh, "outcome");
    if (outcome != get(stored, "outcome")) {
      stored["outcome"] = outcome;
      changed = true;
    }
  }
  for (std::string_view key : k_fillable_fields) {
    const json::value& now = get(stored, key);
    const json::value& found = get(fresh, key);
    if (blank(now) && !found.is_null() && found != now) {
      stored[key] = found;
      changed = true;
    }
  }
  for (std::string_view key :
       {std::string_view("deliverables"), std::string_view("deliverable_details")}) {
    const json::value& found = get(fresh, key);
    if (empty_list(get(stored, key)) && !empty_list(found)) {
      stored[key] = found;
      changed = true;
    }
  }
  if (changed)
    record = rebuild(record, std::move(stored));
  return changed;
}

bool refresh_from_trajectory(core::SessionRecord& record,
                             const sdk::DiscoveredSession& session,
                             const json::object* signals) {
  json::object stored = core::record_to_json(record);
  const json::object fresh = new_record_json(session, signals);
  bool changed = false;
  for (std::string_view key : k_derived_fields) {
    if (signals == nullptr && key != "timestamp" && key != "session_name" && key != "project" &&
        key != "model")
      continue; // without signals only discovery's own fields are known
    if (key == "timestamp" && !session.start_time && session.session_date.empty())
      continue; // a new import would stamp "now": not a fact about the session
    const json::value& now = get(stored, key);
    const json::value& found = get(fresh, key);
    if (found != now && !(empty_list(found) && empty_list(now))) {
      stored[key] = found;
      changed = true;
    }
  }
  if (changed)
    record = rebuild(record, std::move(stored));
  return changed;
}

std::string derived_fingerprint(const core::SessionRecord& record) {
  // The same values record_to_json() would give for k_derived_fields, without building the
  // whole object: this runs for every record a sync touches.
  json::array values;
  values.reserve(k_derived_fields.size());
  auto text = [&values](const std::optional<std::string>& v) {
    values.push_back(v ? json::value(*v) : json::value(nullptr));
  };
  auto number = [&values](const std::optional<std::int64_t>& v) {
    values.push_back(v ? json::value(*v) : json::value(nullptr));
  };
  auto agent = [&values, &record](std::string_view key) {
    const json::value* v = record.agent_fields.if_contains(key);
    values.push_back(v == nullptr || empty_list(*v) ? json::value(nullptr) : *v);
  };
  values.push_back(json::value(record.timestamp));
  text(record.session_name);
  text(record.project);
  text(record.model);
  text(record.category);
  text(record.outcome);
  values.push_back(json::value(record.duration_seconds));
  for (const UsageNumberField& field : k_usage_number_fields) {
    if (field.member != nullptr)
      number(record.*field.member);
    else
      agent(field.record_key);
  }
  if (record.deliverables && !record.deliverables->empty()) {
    json::array list;
    for (const auto& d : *record.deliverables)
      list.emplace_back(d);
    values.push_back(std::move(list));
  } else {
    values.push_back(nullptr);
  }
  agent("deliverable_details");

  return hex_fnv1a(core::to_json(values));
}

std::string discovery_fingerprint(const sdk::DiscoveredSession& session) {
  std::string text;
  auto add = [&text](std::string_view part) {
    text += part;
    text += '\x1f';
  };
  auto add_opt = [&add](const std::optional<std::string>& part) {
    add(part ? "1" + *part : std::string("0"));
  };
  add(session.harness);
  add(session.path.string());
  add(session.session_date);
  add_opt(session.model);
  add_opt(session.session_name);
  add_opt(session.project);
  add_opt(session.start_time);
  return hex_fnv1a(text);
}

} // namespace gptme_sessions::host
