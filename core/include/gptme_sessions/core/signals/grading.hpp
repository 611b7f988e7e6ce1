// Judgements over a signals object (spec §7.5, §7.9): grade, productive/noop, inferred
// category, deliverable kinds. They read only the documented keys, so they work for every
// format, including third-party ones; missing keys count as zero/empty.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <boost/json/object.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core::signals {

using CommittedFilesFn = std::function<std::vector<std::string>(std::string_view sha)>;

// grade_signals(signals, category): 0..1 rounded to 4 decimals.
GPTME_SESSIONS_CORE_EXPORT double grade_signals(const boost::json::object& signals,
                                                const std::optional<std::string>& category);

GPTME_SESSIONS_CORE_EXPORT bool is_productive(const boost::json::object& signals);

// Category by votes over commit prefixes/scopes and written/committed file paths; nullopt
// below two votes. committed_files may be empty (no lookup).
GPTME_SESSIONS_CORE_EXPORT std::optional<std::string>
infer_category(const boost::json::object& signals, const CommittedFilesFn& committed_files = {});

// Kind of a deliverable without a recorded detail: merge_commit, pull_request, commit, file.
GPTME_SESSIONS_CORE_EXPORT std::string infer_deliverable_kind(std::string_view value);

// The commit hash at the end of "<message> (<7-40 hex>)", empty when there is none.
GPTME_SESSIONS_CORE_EXPORT std::string_view trailing_commit_hash(std::string_view value);

} // namespace gptme_sessions::core::signals
