#include "commands/post_session.hpp"

#include "commands/post_session_deliverables.hpp"
#include "commands/usage_fields.hpp"

#include <gptme_sessions/core/signals/python_compat.hpp>

#include <boost/json/array.hpp>

#include <array>
#include <chrono>
#include <exception>
#include <string_view>
#include <system_error>

namespace gptme_sessions::host {

namespace json = boost::json;
namespace fs = std::filesystem;

namespace {

// A reliable trajectory spans at least this share of the caller's wall-clock duration.
constexpr double k_min_coverage = 0.5;
// A parser that found no tool calls in a session this long is probably blind to its format.
constexpr std::int64_t k_format_blind_span = 30;
constexpr std::size_t k_journal_ids_shown = 8;

constexpr std::array<std::string_view, 4> k_timing_fields{
    "ttft_ms_avg", "ttft_ms_p50", "gen_ms_total", "tool_ms_total"};

const json::value* present(const json::object* o, std::string_view key) {
  if (o == nullptr)
    return nullptr;
  const json::value* v = o->if_contains(key);
  return v == nullptr || v->is_null() ? nullptr : v;
}

const json::object* object_at(const json::object* o, std::string_view key) {
  const json::value* v = present(o, key);
  return v != nullptr && v->is_object() ? &v->get_object() : nullptr;
}

std::optional<std::int64_t> counter(const json::object* o, std::string_view key) {
  const json::value* v = present(o, key);
  return v != nullptr ? core::signals::as_counter(v) : std::nullopt;
}

struct Reliability {
  bool reliable = true;
  int coverage_pct = 0;
};

Reliability
reliability(const PostSessionInput& input, const json::object* signals, std::int64_t duration) {
  Reliability r;
  if (signals == nullptr)
    return r;
  const std::int64_t span = counter(signals, "session_duration_s").value_or(0);
  if (duration > 0)
    r.coverage_pct =
        static_cast<int>(100.0 * static_cast<double>(span) / static_cast<double>(duration));
  if (duration > 0 && span > 0 && static_cast<double>(span) < k_min_coverage * duration)
    r.reliable = false;
  const json::value* tools = signals->if_contains("tool_calls");
  if (!input.deliverables.empty() && tools != nullptr && tools->is_object() &&
      tools->get_object().empty() && span >= k_format_blind_span)
    r.reliable = false;
  return r;
}

std::string decide_outcome(const PostSessionInput& input,
                           const json::object* signals,
                           const Reliability& reliability,
                           std::vector<std::string>& warnings) {
  std::string outcome;
  if (input.exit_code != 0 && input.exit_code != 124) {
    outcome = "failed";
  } else if (signals != nullptr) {
    const json::value* productive = signals->if_contains("productive");
    if (productive != nullptr && productive->is_bool() && productive->get_bool()) {
      outcome = "productive";
    } else if (!reliability.reliable) {
      const std::string pct = std::to_string(reliability.coverage_pct);
      if (!input.deliverables.empty()) {
        outcome = "productive";
        warnings.push_back("Trajectory says noop but is unreliable (" + pct +
                           "% coverage); trusting " + std::to_string(input.deliverables.size()) +
                           " caller deliverable(s) — recording productive");
      } else {
        outcome = "unknown";
        warnings.push_back("Trajectory says noop but is unreliable (" + pct +
                           "% coverage); no caller deliverables — recording unknown");
      }
    } else {
      outcome = "noop";
    }
  } else if (input.start_commit && input.end_commit) {
    outcome = *input.start_commit != *input.end_commit ? "productive" : "noop";
  } else {
    outcome = "unknown";
  }
  if ((outcome == "noop" || outcome == "unknown") && !input.deliverables.empty() &&
      signals == nullptr)
    outcome = "productive";
  return outcome;
}

void set_optional_agent(core::SessionRecord& record,
                        std::string_view key,
                        const std::optional<std::string>& value) {
  if (value)
    record.set_agent_field(key, json::value(*value));
}

void copy_usage(core::SessionRecord& record, const json::object* usage) {
  if (usage == nullptr)
    return;
  // Typed members take only counters; agent fields keep whatever value the signals hold.
  for (const UsageNumberField& field : k_usage_number_fields) {
    if (field.member != nullptr) {
      if (auto v = counter(usage, field.usage_key))
        record.*field.member = v;
    } else if (const json::value* v = present(usage, field.usage_key)) {
      record.set_agent_field(field.record_key, *v);
    }
  }
}

} // namespace

std::string python_path_str(const std::string& text) {
  if (text.empty())
    return ".";
  std::string root;
  std::size_t i = 0;
  if (text[0] == '/') {
    // POSIX keeps exactly two leading slashes; one or three-plus become one.
    root = text.size() > 1 && text[1] == '/' && (text.size() == 2 || text[2] != '/') ? "//" : "/";
    while (i < text.size() && text[i] == '/')
      ++i;
  }
  std::string out = root;
  bool first = true;
  while (i < text.size()) {
    std::size_t end = text.find('/', i);
    if (end == std::string::npos)
      end = text.size();
    const std::string_view part(text.data() + i, end - i);
    if (!part.empty() && part != ".") {
      if (!first)
        out += '/';
      out += part;
      first = false;
    }
    i = end + 1;
  }
  return out.empty() ? "." : out;
}

PostSessionResult build_post_session(const PostSessionInput& input,
                                     const PostSessionServices& services) {
  PostSessionResult result;
  std::vector<std::string>& warnings = result.warnings;

  // 1. Signals, when the trajectory is an existing file.
  std::optional<fs::path> trajectory;
  if (input.trajectory)
    trajectory = fs::path(*input.trajectory);
  std::error_code ec;
  if (trajectory && fs::is_regular_file(*trajectory, ec) && services.extract) {
    try {
      result.signals = services.extract(*trajectory);
    } catch (const std::exception& e) {
      warnings.push_back("Signal extraction from " + trajectory->string() + " failed: " + e.what());
    }
  }
  const json::object* signals = result.signals ? &*result.signals : nullptr;
  const json::object* usage = object_at(signals, "usage");
  const json::object* timings = object_at(signals, "timings");
  if (const json::value* grade = present(signals, "grade"))
    result.grade = core::signals::as_number(grade);
  result.token_count = counter(usage, "total_tokens");

  // 2.-3. Duration and model the caller did not know.
  std::int64_t duration = input.duration_seconds;
  if (duration == 0 && signals != nullptr)
    duration = counter(signals, "session_duration_s").value_or(0);
  std::string model = input.model;
  if ((model.empty() || model == "unknown") && usage != nullptr)
    if (const json::value* m = present(usage, "model");
        m != nullptr && m->is_string() && !m->get_string().empty())
      model = std::string(m->get_string());

  // 5.-7. Reliability, deliverables, outcome.
  const Reliability rel = reliability(input, signals, duration);
  ResolvedDeliverables deliverables =
      resolve_deliverables(DeliverableEvidence{input.deliverables, signals, rel.reliable});
  for (auto& w : deliverables.warnings)
    warnings.push_back(std::move(w));
  const std::string outcome = decide_outcome(input, signals, rel, warnings);

  // 8.-10. The record.
  core::SessionRecord& record = result.record = core::make_record();
  if (input.session_id)
    record.session_id = *input.session_id;
  record.harness = input.harness;
  record.model = model.empty() ? "unknown" : model;
  record.run_type = core::normalize_run_type(input.run_type);
  record.outcome = outcome;
  record.exit_code = input.exit_code;
  record.duration_seconds = duration;
  if (duration > 0) {
    const auto now = std::chrono::system_clock::now();
    record.end_time = core::utc_isoformat(now);
    record.start_time = core::utc_isoformat(now - std::chrono::seconds(duration));
  }
  record.deliverables = std::move(deliverables.values);
  record.set_agent_field("deliverable_details", json::value(std::move(deliverables.details)));
  set_optional_agent(record, "context_tier", input.context_tier);
  set_optional_agent(record, "ab_group", input.ab_group);
  set_optional_agent(record, "tier_version", input.tier_version);
  set_optional_agent(record, "recommended_category", input.recommended_category);
  set_optional_agent(record, "selector_mode", input.selector_mode);
  if (input.trigger)
    record.trigger = input.trigger;
  if (input.category) {
    record.category = input.category;
  } else if (const json::value* inferred = present(signals, "inferred_category");
             inferred != nullptr && inferred->is_string()) {
    record.category = std::string(inferred->get_string());
  }
  if (input.trajectory) {
    record.trajectory_path = python_path_str(*input.trajectory);
    if (services.describe) {
      if (auto described = services.describe(*trajectory)) {
        if (described->session_name)
          record.session_name = described->session_name;
        if (described->project)
          record.project = described->project;
      }
    }
  }
  copy_usage(record, usage);
  if (const json::value* fired = present(signals, "summarizer_fired"))
    record.set_agent_field("summarizer_fired", *fired);
  for (std::string_view key : k_timing_fields)
    if (const json::value* v = present(timings, key))
      record.set_agent_field(key, *v);

  // 11. Journal.
  if (input.journal_path) {
    record.journal_path = input.journal_path;
  } else if (const json::value* journals = present(signals, "journal_paths");
             journals != nullptr && journals->is_array() && !journals->get_array().empty() &&
             journals->get_array().front().is_string()) {
    record.journal_path = std::string(journals->get_array().front().get_string());
  }

  // 12. Why a non-zero exit failed.
  const TrajectoryErrorScan scan = input.exit_code != 0 && trajectory
                                       ? scan_trajectory_errors(*trajectory)
                                       : TrajectoryErrorScan{};
  if (auto failure =
          capture_failure(input.exit_code, duration, counter(usage, "input_tokens"), scan)) {
    record.set_agent_field("failure_reason", json::value(failure->reason));
    record.error = failure->error;
  }

  // 13. Grade.
  if (result.grade) {
    record.trajectory_grade = result.grade;
    record.grades["productivity"] = *result.grade;
  }
  return result;
}

void store_post_session(const core::SessionStore& store,
                        PostSessionResult& result,
                        const std::function<void(const std::string&)>& warn) {
  const core::SessionRecord& record = result.record;
  if (record.journal_path && !record.journal_path->empty()) {
    std::vector<std::string> others;
    store.for_each([&](core::SessionRecord&& stored) {
      if (stored.journal_path == record.journal_path && stored.session_id != record.session_id)
        others.push_back(stored.session_id);
    });
    if (!others.empty()) {
      std::string ids;
      for (std::size_t i = 0; i < others.size() && i < k_journal_ids_shown; ++i)
        ids += (i ? ", " : "") + others[i];
      if (others.size() > k_journal_ids_shown)
        ids += " (and " + std::to_string(others.size() - k_journal_ids_shown) + " more)";
      warn("journal_path " + *record.journal_path + " already used by other session_ids: " + ids);
    }
  }
  store.append(record);
}

} // namespace gptme_sessions::host
