// The usage numbers of a signals object's "usage" and the record fields they are stored in.
// sync (spec §11) and post-session (§12) store the same twelve; one table keeps the two from
// drifting apart when the reference adds a metric.
#pragma once

#include <gptme_sessions/core/session_record.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace gptme_sessions::host {

struct UsageNumberField {
  std::string_view usage_key;
  std::string_view record_key;
  // The typed member of a core key; nullptr for an agent key (SessionRecord::agent_fields).
  std::optional<std::int64_t> core::SessionRecord::*member;
};

// In schema order.
inline constexpr std::array<UsageNumberField, 12> k_usage_number_fields{{
    {"total_tokens", "token_count", &core::SessionRecord::token_count},
    {"input_tokens", "input_tokens", &core::SessionRecord::input_tokens},
    {"output_tokens", "output_tokens", &core::SessionRecord::output_tokens},
    {"cache_creation_tokens", "cache_creation_tokens", &core::SessionRecord::cache_creation_tokens},
    {"cache_read_tokens", "cache_read_tokens", &core::SessionRecord::cache_read_tokens},
    {"sys_prompt_tokens", "sys_prompt_tokens", nullptr},
    {"context_peak_tokens", "context_peak_tokens", nullptr},
    {"context_window", "context_window", nullptr},
    {"sys_prompt_bytes", "sys_prompt_bytes", nullptr},
    {"first_turn_bytes", "first_turn_bytes", nullptr},
    {"context_peak_bytes", "context_peak_bytes", nullptr},
    {"session_total_bytes", "session_total_bytes", nullptr},
}};

} // namespace gptme_sessions::host
