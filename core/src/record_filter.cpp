#include <gptme_sessions/core/iso_time.hpp>
#include <gptme_sessions/core/record_filter.hpp>

#include <cmath>
#include <limits>
#include <string_view>
#include <unordered_map>

namespace gptme_sessions::core {

namespace {

bool set(const std::optional<std::string>& value) {
  return value && !value->empty();
}

bool equals(const std::optional<std::string>& wanted, const std::optional<std::string>& actual) {
  return !set(wanted) || (actual && *actual == *wanted);
}

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

} // namespace

bool RecordFilter::keeps_everything() const {
  return !set(model) && !set(run_type) && !set(category) && !set(harness) && !set(outcome) &&
         !set(project) && !since_days;
}

struct RecordMatcher::ModelCache {
  std::unordered_map<std::string, bool, StringHash, std::equal_to<>> matches;
};

RecordMatcher::RecordMatcher(RecordFilter filter) : RecordMatcher(std::move(filter), now_us()) {}

RecordMatcher::RecordMatcher(RecordFilter filter, std::int64_t now)
    : m_filter(std::move(filter)), m_models(std::make_unique<ModelCache>()) {
  if (m_filter.since_days) {
    // timedelta(days=N) resolution is one microsecond; windows beyond the epoch keep all.
    const double window_us = std::nearbyint(*m_filter.since_days * 86400.0 * 1e6);
    const double cutoff = static_cast<double>(now) - window_us;
    // Exact in double: both terms are integers below 2^53 for any realistic window.
    m_cutoff_us = cutoff < -9.0e18 ? std::numeric_limits<std::int64_t>::min()
                                   : static_cast<std::int64_t>(cutoff);
  }
}

RecordMatcher::~RecordMatcher() = default;
RecordMatcher::RecordMatcher(RecordMatcher&&) noexcept = default;
RecordMatcher& RecordMatcher::operator=(RecordMatcher&&) noexcept = default;

bool RecordMatcher::operator()(const SessionRecord& r) const {
  const RecordFilter& f = m_filter;
  if (!equals(f.run_type, r.run_type) || !equals(f.category, r.category) ||
      !equals(f.harness, r.harness) || !equals(f.outcome, r.outcome))
    return false;
  if (set(f.project) &&
      (!r.project || r.project->empty() || r.project->find(*f.project) == std::string::npos))
    return false;
  if (set(f.model)) {
    if (!r.model)
      return false;
    if (*r.model != *f.model) {
      auto it = m_models->matches.find(std::string_view(*r.model));
      if (it == m_models->matches.end()) {
        const auto normalized = normalize_model(r.model);
        it = m_models->matches.emplace(*r.model, normalized && *normalized == *f.model).first;
      }
      if (!it->second)
        return false;
    }
  }
  if (m_cutoff_us) {
    const auto ts = parse_iso_timestamp_us(r.timestamp);
    if (!ts || *ts < *m_cutoff_us)
      return false;
  }
  return true;
}

} // namespace gptme_sessions::core
