// Why a session exited non-zero (spec §12 step 12): a coarse failure_reason for post-mortems
// and the trajectory line that shows the error.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace gptme_sessions::host {

struct TrajectoryErrorScan {
  bool has_assistant_turn = false;  // an assistant record with non-blank text
  std::optional<std::string> error; // the last content line that looks like an error
};

// Reads a trajectory of any harness format (flat `content`/`text` records and Claude Code's
// nested message blocks). A missing or unreadable file scans as empty.
TrajectoryErrorScan scan_trajectory_errors(const std::filesystem::path& trajectory);

struct FailureCapture {
  std::string reason; // timeout, rate_limit, invalid_request, auth, pre_response_api_failure,
                      // nonzero_exit_unclassified
  std::optional<std::string> error;
};

// nullopt for exit code 0. `input_tokens`: from the signals' usage, nullopt when unknown.
std::optional<FailureCapture> capture_failure(std::int64_t exit_code,
                                              std::int64_t duration_seconds,
                                              std::optional<std::int64_t> input_tokens,
                                              const TrajectoryErrorScan& scan);

} // namespace gptme_sessions::host
