#include "gptme_system_message.hpp"

#include <gptme_sessions/core/signals/text_patterns.hpp>

namespace gptme_sessions::plugins::harness_gptme {

bool is_error_output(std::string_view content) {
  namespace sig = core::signals;
  const std::string_view stripped = sig::python_strip(content);
  if (stripped.starts_with("Ran command:"))
    return false;
  return stripped.starts_with("Error") ||
         sig::utf8_prefix(content, 100).find("Error during execution:") != std::string_view::npos ||
         sig::ascii_lower(sig::utf8_prefix(content, 80)).find("error:") != std::string::npos;
}

} // namespace gptme_sessions::plugins::harness_gptme
