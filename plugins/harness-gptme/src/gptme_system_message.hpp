// What a gptme system message says about the tool run it reports. Shared by the signals
// (error_count) and the judge's transcript (result[error]).
#pragma once

#include <string_view>

namespace gptme_sessions::plugins::harness_gptme {

// The reference's error rule: the message starts with "Error", has "Error during execution:"
// in its first 100 code points or "error:" (any case) in its first 80, and is not a shell
// report ("Ran command: ... Return code: 1" is a failing command, not a tool error).
bool is_error_output(std::string_view content);

} // namespace gptme_sessions::plugins::harness_gptme
