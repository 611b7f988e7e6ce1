#include "group_labels.hpp"

#include <gptme_sessions/core/session_stats.hpp>
#include <gptme_sessions/core/text_format.hpp>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace gptme_sessions::core {

namespace {

struct Counts {
  std::int64_t total = 0;
  std::int64_t productive = 0;
};

void bump(std::vector<Counts>& table, std::uint32_t id, bool productive) {
  if (table.size() <= id)
    table.resize(id + 1);
  table[id].total += 1;
  table[id].productive += productive ? 1 : 0;
}

std::uint64_t pair_key(std::uint32_t a, std::uint32_t b) {
  return (static_cast<std::uint64_t>(a) << 32) | b;
}

boost::json::object group_json(const GroupTable& table) {
  boost::json::object out;
  for (const auto& [key, counts] : table) {
    boost::json::object g;
    g["total"] = counts.total;
    g["productive"] = counts.productive;
    g["rate"] = counts.rate();
    out[key] = std::move(g);
  }
  return out;
}

} // namespace

struct StatsAccumulator::Impl {
  detail::GroupLabels labels;
  std::int64_t total = 0, productive = 0, noop = 0, violated = 0;
  DurationSummary duration;
  std::vector<Counts> model, run_type, harness, project;
  std::unordered_map<std::uint64_t, Counts> model_run_type, harness_model;
  bool any_project = false;

  GroupTable table(const std::vector<Counts>& counts) const {
    GroupTable out;
    for (std::uint32_t id = 0; id < counts.size(); ++id)
      if (counts[id].total > 0)
        out.emplace(labels.name(id), GroupCounts{counts[id].total, counts[id].productive});
    return out;
  }

  GroupTable pair_table(const std::unordered_map<std::uint64_t, Counts>& counts) const {
    GroupTable out;
    for (const auto& [key, c] : counts) {
      std::string name = labels.name(static_cast<std::uint32_t>(key >> 32));
      name += k_group_key_separator;
      name += labels.name(static_cast<std::uint32_t>(key & 0xFFFFFFFFu));
      out.emplace(std::move(name), GroupCounts{c.total, c.productive});
    }
    return out;
  }
};

StatsAccumulator::StatsAccumulator() : m_impl(std::make_unique<Impl>()) {}
StatsAccumulator::~StatsAccumulator() = default;
StatsAccumulator::StatsAccumulator(StatsAccumulator&&) noexcept = default;
StatsAccumulator& StatsAccumulator::operator=(StatsAccumulator&&) noexcept = default;

void StatsAccumulator::add(const SessionRecord& r) {
  Impl& s = *m_impl;
  const bool productive = r.outcome && *r.outcome == "productive";
  s.total += 1;
  s.productive += productive ? 1 : 0;
  s.noop += r.outcome && *r.outcome == "noop" ? 1 : 0;
  s.violated += r.outcome && *r.outcome == "violated_policy" ? 1 : 0;
  if (r.duration_seconds > 0) {
    auto& d = s.duration;
    d.min = d.count == 0 ? r.duration_seconds : std::min(d.min, r.duration_seconds);
    d.max = d.count == 0 ? r.duration_seconds : std::max(d.max, r.duration_seconds);
    d.count += 1;
    d.sum += r.duration_seconds;
  }
  const auto model = s.labels.model(r.model);
  const auto run_type = s.labels.value(r.run_type);
  const auto harness = s.labels.value(r.harness);
  bump(s.model, model, productive);
  bump(s.run_type, run_type, productive);
  bump(s.harness, harness, productive);
  auto& mr = s.model_run_type[pair_key(model, run_type)];
  mr.total += 1;
  mr.productive += productive ? 1 : 0;
  auto& hm = s.harness_model[pair_key(harness, model)];
  hm.total += 1;
  hm.productive += productive ? 1 : 0;
  if (r.project && !r.project->empty()) {
    s.any_project = true;
    bump(s.project, s.labels.text(project_display_name(*r.project)), productive);
  }
}

std::int64_t StatsAccumulator::count() const {
  return m_impl->total;
}

SessionStats StatsAccumulator::result() const {
  const Impl& s = *m_impl;
  SessionStats out;
  out.total = s.total;
  out.productive = s.productive;
  out.noop = s.noop;
  out.violated_policy = s.violated;
  if (s.duration.count > 0)
    out.duration = s.duration;
  out.by_model = s.table(s.model);
  out.by_run_type = s.table(s.run_type);
  out.by_model_run_type = s.pair_table(s.model_run_type);
  out.by_harness = s.table(s.harness);
  out.by_harness_model = s.pair_table(s.harness_model);
  if (s.any_project)
    out.by_project = s.table(s.project);
  return out;
}

SessionStats compute_stats(const std::vector<SessionRecord>& records) {
  StatsAccumulator acc;
  for (const auto& r : records)
    acc.add(r);
  return acc.result();
}

boost::json::object stats_to_json(const SessionStats& s) {
  boost::json::object out;
  out["total"] = s.total;
  if (s.total == 0)
    return out;
  out["productive"] = s.productive;
  out["noop"] = s.noop;
  out["violated_policy"] = s.violated_policy;
  out["success_rate"] = s.success_rate();
  boost::json::object duration;
  if (s.duration) {
    duration["count"] = s.duration->count;
    duration["avg"] = s.duration->avg();
    duration["min"] = s.duration->min;
    duration["max"] = s.duration->max;
    duration["total_hours"] = s.duration->total_hours();
  }
  out["duration"] = std::move(duration);
  out["by_model"] = group_json(s.by_model);
  out["by_run_type"] = group_json(s.by_run_type);
  out["by_model_run_type"] = group_json(s.by_model_run_type);
  out["by_harness"] = group_json(s.by_harness);
  out["by_harness_model"] = group_json(s.by_harness_model);
  if (s.by_project)
    out["by_project"] = group_json(*s.by_project);
  return out;
}

namespace {

void append_section(std::string& out,
                    std::string_view header,
                    const GroupTable& table,
                    std::size_t min_width,
                    bool widen_to_keys) {
  std::size_t width = min_width;
  if (widen_to_keys)
    for (const auto& [key, _] : table)
      width = std::max(width, code_point_count(key));
  out += header;
  out += '\n';
  for (const auto& [key, counts] : table) {
    out += "  ";
    append_padded_left(out, key, width);
    out += "  ";
    append_int(out, counts.productive, 3);
    out += '/';
    append_int(out, counts.total, 3);
    out += "  (";
    out += percent(counts.rate());
    out += "%)\n";
  }
  out += '\n';
}

// True when the combined keys have at least two distinct first parts and two distinct
// second parts (otherwise the cross table repeats a single-column table).
bool varies_in_both_parts(const GroupTable& table) {
  std::set<std::string_view> first, second;
  for (const auto& [key, _] : table) {
    const std::string_view k = key;
    const auto sep = k.find(k_group_key_separator);
    first.insert(k.substr(0, sep));
    second.insert(sep == std::string_view::npos ? std::string_view()
                                                : k.substr(sep + k_group_key_separator.size()));
  }
  return first.size() >= 2 && second.size() >= 2;
}

} // namespace

std::string format_stats(const SessionStats& s) {
  if (s.total == 0)
    return "No session records found.";
  std::string out = "Sessions: " + std::to_string(s.total) + " total, " +
                    std::to_string(s.productive) + " productive (" + percent(s.success_rate()) +
                    "% success rate)\n";
  if (s.violated_policy > 0)
    out += "  Policy violations: " + std::to_string(s.violated_policy) + " session(s)\n";
  if (s.duration) {
    out += "Duration: " + std::to_string(s.duration->count) + " with data, avg ";
    append_fixed(out, s.duration->avg() / 60.0, 0);
    out += "m, total ";
    append_fixed(out, s.duration->total_hours(), 1);
    out += "h\n";
  }
  out += '\n';
  if (!s.by_model.empty())
    append_section(out, "By model:", s.by_model, 12, true);
  if (!s.by_run_type.empty())
    append_section(out, "By run type:", s.by_run_type, 12, false);
  if (!s.by_harness.empty())
    append_section(out, "By harness:", s.by_harness, 12, false);
  if (s.by_project && !s.by_project->empty())
    append_section(out, "By project:", *s.by_project, 12, true);
  if (varies_in_both_parts(s.by_model_run_type))
    append_section(out, "By model \xC3\x97 run type:", s.by_model_run_type, 25, true);
  if (varies_in_both_parts(s.by_harness_model))
    append_section(out, "By harness \xC3\x97 model:", s.by_harness_model, 30, true);
  // The report is printed with one more newline, so it ends with a blank line.
  out.pop_back();
  return out;
}

} // namespace gptme_sessions::core
