// Out-of-line virtual destructors: the key functions that pin each interface's vtable and
// typeinfo to this library, so host and plugins agree on them (RTTI across DSOs).
#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/judge.hpp>
#include <gptme_sessions/sdk/plugin_context.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

namespace gptme_sessions::sdk {

PluginContext::~PluginContext() = default;
HarnessDiscoverer::~HarnessDiscoverer() = default;
std::optional<DiscoveredSession> HarnessDiscoverer::describe(const std::filesystem::path&) {
  return std::nullopt;
}
SignalExtractor::~SignalExtractor() = default;
std::string SignalExtractor::transcript_excerpt(const std::filesystem::path&, std::size_t) {
  return {};
}
ExtractError::~ExtractError() = default;
Judge::~Judge() = default;

std::string_view to_string(JudgeErrorKind kind) {
  switch (kind) {
  case JudgeErrorKind::unavailable:
    return "unavailable";
  case JudgeErrorKind::transport:
    return "transport";
  case JudgeErrorKind::timeout:
    return "timeout";
  case JudgeErrorKind::http_status:
    return "http_status";
  case JudgeErrorKind::bad_envelope:
    return "bad_envelope";
  case JudgeErrorKind::parse_error:
    return "parse_error";
  }
  return "unknown";
}

} // namespace gptme_sessions::sdk
