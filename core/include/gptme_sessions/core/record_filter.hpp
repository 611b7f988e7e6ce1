// Which records a query keeps (spec store-and-cli §5): exact field matches, the model by
// normalized or raw name, a project substring and a time window.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace gptme_sessions::core {

// Every member is optional; an unset (or empty) member keeps every record. Filters are ANDed.
struct GPTME_SESSIONS_CORE_EXPORT RecordFilter {
  std::optional<std::string> model{};    // normalized or raw model, exact
  std::optional<std::string> run_type{}; // stored (normalized) run_type, exact
  std::optional<std::string> category{};
  std::optional<std::string> harness{};
  std::optional<std::string> outcome{};
  std::optional<std::string> project{}; // case-sensitive substring of the project path
  std::optional<double> since_days{};   // keep records stamped within the last N days

  // True when no member would drop a record.
  bool keeps_everything() const;
};

// A filter bound to one "now", for testing many records. Remembers per raw model whether it
// matched, so a scan over many records normalizes each distinct model once.
class GPTME_SESSIONS_CORE_EXPORT RecordMatcher {
public:
  explicit RecordMatcher(RecordFilter filter);
  RecordMatcher(RecordFilter filter, std::int64_t now_us);
  ~RecordMatcher();
  RecordMatcher(RecordMatcher&&) noexcept;
  RecordMatcher& operator=(RecordMatcher&&) noexcept;

  bool operator()(const SessionRecord& record) const;
  const RecordFilter& filter() const { return m_filter; }

private:
  struct ModelCache;
  RecordFilter m_filter;
  std::optional<std::int64_t> m_cutoff_us;
  std::unique_ptr<ModelCache> m_models;
};

} // namespace gptme_sessions::core
