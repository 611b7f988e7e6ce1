// The reference's model alias table (spec store-and-cli §3.5). normalize_model() itself is
// declared in session_record.hpp next to the record it serves.
#pragma once

#include <gptme_sessions/core/export.hpp>

#include <span>
#include <string_view>

namespace gptme_sessions::core {

struct ModelAlias {
  std::string_view raw;
  std::string_view canonical;
};

// All 65 entries, in the reference's order.
GPTME_SESSIONS_CORE_EXPORT std::span<const ModelAlias> model_aliases();

} // namespace gptme_sessions::core
