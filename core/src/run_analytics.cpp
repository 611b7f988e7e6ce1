#include "group_labels.hpp"

#include <gptme_sessions/core/run_analytics.hpp>
#include <gptme_sessions/core/text_format.hpp>

#include <algorithm>

namespace gptme_sessions::core {

std::size_t duration_bucket(std::int64_t d) {
  if (d <= 0)
    return 5;
  if (d < 60)
    return 0;
  if (d < 300)
    return 1;
  if (d < 900)
    return 2;
  if (d < 1800)
    return 3;
  return 4;
}

namespace {

template <class T> T& slot(std::vector<T>& table, std::uint32_t id) {
  if (table.size() <= id)
    table.resize(id + 1);
  return table[id];
}

} // namespace

struct RunAnalyticsAccumulator::Impl {
  detail::GroupLabels labels;
  std::int64_t total = 0;
  std::array<std::int64_t, k_duration_buckets.size()> buckets{};
  std::vector<NoopCounts> noop;           // by run-type label id
  std::vector<OutcomeCounts> outcome;     // by model label id
  std::vector<std::int64_t> short_count;  // by run-type label id
  std::vector<std::uint32_t> short_order; // run-type ids in first-seen order
  detail::StringMap<std::int64_t> daily;
};

RunAnalyticsAccumulator::RunAnalyticsAccumulator() : m_impl(std::make_unique<Impl>()) {}
RunAnalyticsAccumulator::~RunAnalyticsAccumulator() = default;
RunAnalyticsAccumulator::RunAnalyticsAccumulator(RunAnalyticsAccumulator&&) noexcept = default;
RunAnalyticsAccumulator&
RunAnalyticsAccumulator::operator=(RunAnalyticsAccumulator&&) noexcept = default;

void RunAnalyticsAccumulator::add(const SessionRecord& r) {
  Impl& s = *m_impl;
  const bool productive = r.outcome && *r.outcome == "productive";
  const bool noop = r.outcome && *r.outcome == "noop";
  s.total += 1;
  s.buckets[duration_bucket(r.duration_seconds)] += 1;

  const auto run_type = s.labels.value(r.run_type);
  auto& n = slot(s.noop, run_type);
  n.total += 1;
  n.noop += noop ? 1 : 0;
  if (r.duration_seconds > 0 && r.duration_seconds < 120) {
    auto& count = slot(s.short_count, run_type);
    if (count == 0)
      s.short_order.push_back(run_type);
    count += 1;
  }

  const std::string_view day = code_point_prefix(r.timestamp, 10);
  auto it = s.daily.find(day);
  if (it == s.daily.end())
    s.daily.emplace(std::string(day), 1);
  else
    it->second += 1;

  auto& o = slot(s.outcome, s.labels.model(r.model));
  o.total += 1;
  o.productive += productive ? 1 : 0;
  o.noop += noop ? 1 : 0;
}

std::int64_t RunAnalyticsAccumulator::count() const {
  return m_impl->total;
}

RunAnalytics RunAnalyticsAccumulator::result() const {
  const Impl& s = *m_impl;
  RunAnalytics out;
  out.total = s.total;
  out.duration_distribution = s.buckets;
  for (std::uint32_t id = 0; id < s.noop.size(); ++id)
    if (s.noop[id].total > 0)
      out.noop_by_run_type.emplace(s.labels.name(id), s.noop[id]);
  for (auto id : s.short_order)
    out.short_runs.emplace_back(s.labels.name(id), s.short_count[id]);
  out.daily_counts.insert(s.daily.begin(), s.daily.end());
  for (std::uint32_t id = 0; id < s.outcome.size(); ++id)
    if (s.outcome[id].total > 0)
      out.model_outcome.emplace(s.labels.name(id), s.outcome[id]);
  return out;
}

RunAnalytics compute_run_analytics(const std::vector<SessionRecord>& records) {
  RunAnalyticsAccumulator acc;
  for (const auto& r : records)
    acc.add(r);
  return acc.result();
}

boost::json::object run_analytics_to_json(const RunAnalytics& a) {
  boost::json::object out;
  out["total"] = a.total;
  if (a.total == 0)
    return out;
  boost::json::object buckets;
  for (std::size_t i = 0; i < k_duration_buckets.size(); ++i)
    buckets[k_duration_buckets[i]] = a.duration_distribution[i];
  out["duration_distribution"] = std::move(buckets);
  boost::json::object noop;
  for (const auto& [key, c] : a.noop_by_run_type)
    noop[key] = boost::json::object{{"total", c.total}, {"noop", c.noop}, {"rate", c.rate()}};
  out["noop_by_run_type"] = std::move(noop);
  boost::json::object short_runs;
  for (const auto& [key, count] : a.short_runs)
    short_runs[key] = count;
  out["short_runs"] = std::move(short_runs);
  boost::json::object daily;
  for (const auto& [key, count] : a.daily_counts)
    daily[key] = count;
  out["daily_counts"] = std::move(daily);
  boost::json::object models;
  for (const auto& [key, c] : a.model_outcome)
    models[key] = boost::json::object{
        {"total", c.total}, {"productive", c.productive}, {"noop", c.noop}, {"rate", c.rate()}};
  out["model_outcome"] = std::move(models);
  return out;
}

namespace {

void append_bar(std::string& out, std::int64_t count) {
  out.append(static_cast<std::size_t>(std::clamp<std::int64_t>(count, 0, 40)), '#');
}

} // namespace

std::string format_run_analytics(const RunAnalytics& a) {
  if (a.total == 0)
    return "No session records found.";
  std::string out = "Run Analytics (" + std::to_string(a.total) + " sessions)\n";
  out.append(50, '=');
  out += "\n\nDuration distribution:\n";
  for (std::size_t i = 0; i < k_duration_buckets.size(); ++i) {
    const auto count = a.duration_distribution[i];
    out += "  ";
    append_padded_right(out, k_duration_buckets[i], 7);
    out += "  ";
    append_int(out, count, 3);
    out += "  (";
    append_fixed(out, static_cast<double>(count) / static_cast<double>(a.total) * 100.0, 1, 4);
    out += "%)  ";
    append_bar(out, count);
    out += '\n';
  }
  out += "\nNOOP rate by run type:\n";
  for (const auto& [key, c] : a.noop_by_run_type) {
    out += "  ";
    append_padded_left(out, key, 15);
    out += "  ";
    append_int(out, c.noop, 3);
    out += '/';
    append_int(out, c.total, 3);
    out += "  (" + percent(c.rate()) + "%)\n";
  }
  if (!a.short_runs.empty()) {
    auto sorted = a.short_runs;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& x, const auto& y) {
      return x.second > y.second;
    });
    out += "\nShort runs (<2min) by type:\n";
    for (const auto& [key, count] : sorted) {
      out += "  ";
      append_padded_left(out, key, 15);
      out += "  ";
      append_int(out, count, 3);
      out += '\n';
    }
  }
  out += "\nDaily run counts:\n";
  for (const auto& [day, count] : a.daily_counts) {
    out += "  " + day + "  ";
    append_int(out, count, 3);
    out += "  ";
    append_bar(out, count);
    out += '\n';
  }
  out += "\nModel \xC3\x97 outcome:\n";
  for (const auto& [key, c] : a.model_outcome) {
    out += "  ";
    append_padded_left(out, key, 12);
    out += "  ";
    append_int(out, c.productive, 3);
    out += " productive, ";
    append_int(out, c.noop, 3);
    out += " noop  (" + percent(c.rate()) + "% success)\n";
  }
  out.pop_back();
  return out;
}

} // namespace gptme_sessions::core
