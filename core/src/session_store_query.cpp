// The analytics members of SessionStore: thin wrappers that stream the store through a
// RecordMatcher / StatsAccumulator.
#include <gptme_sessions/core/session_store.hpp>

namespace gptme_sessions::core {

std::vector<SessionRecord> SessionStore::query(const RecordFilter& filter) const {
  const RecordMatcher matches(filter);
  std::vector<SessionRecord> kept;
  for_each([&](SessionRecord&& record) {
    if (matches(record))
      kept.push_back(std::move(record));
  });
  return kept;
}

SessionStats SessionStore::stats(const std::vector<SessionRecord>& records) const {
  return compute_stats(records);
}

SessionStats SessionStore::stats() const {
  StatsAccumulator stats_acc;
  for_each([&](SessionRecord&& record) { stats_acc.add(record); });
  return stats_acc.result();
}

} // namespace gptme_sessions::core
