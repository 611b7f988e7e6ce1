// Store lines for the judge tests: a finished autonomous Claude Code session whose day of
// March 2026 is the first digit of its id, so ids sort by recency as the judge selects them.
#pragma once

#include <string>

namespace gptme_sessions::testing {

inline std::string record_line(const std::string& id, const std::string& extra = "") {
  return "{\"session_id\": \"" + id + "\", \"timestamp\": \"2026-03-0" + id.substr(0, 1) +
         "T10:00:00+00:00\", \"harness\": \"claude-code\", \"model\": \"claude-sonnet-4-6\", "
         "\"run_type\": \"autonomous\", \"category\": \"code\", \"outcome\": \"productive\", "
         "\"duration_seconds\": 600" +
         extra + "}\n";
}

} // namespace gptme_sessions::testing
