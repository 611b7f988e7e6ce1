// Signals of one plainlog file. This class only knows the format: it turns lines into
// events for core::signals::SignalBuilder, which applies the project's shared rules (commit
// detection, file writes and deliverables, retries, tool timing, usage roll-up, grade,
// category) exactly as it does for the built-in harnesses.
#pragma once

#include <gptme_sessions/sdk/plugin_context.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

namespace plainlog {

namespace sdk = gptme_sessions::sdk;

// The host calls detect() and extract() from several threads at once: all per-file state
// lives in locals, never in members.
class PlainlogExtractor final : public sdk::SignalExtractor {
public:
  explicit PlainlogExtractor(sdk::PluginContext& context) : m_context(context) {}

  std::string_view format_name() const override { return "plainlog"; }
  std::string_view harness_name() const override { return "plainlog"; }
  // The index of the first plainlog header among the file's first JSON lines. The host asks
  // every extractor and takes the one claiming the earliest line.
  std::optional<std::size_t> detect(std::span<const boost::json::value> head) const override;
  // Streams the file line by line. Lines that are not events are skipped with a warning
  // naming the file and line; a file that cannot be opened throws sdk::ExtractError.
  boost::json::object extract(const std::filesystem::path& trajectory) override;
  // The session as "user: ...", "assistant: ...", "tool <name>: <arguments>",
  // "result[error]: <text>" lines for model-based judges, bounded by core::TranscriptWriter.
  // Optional: without it a judge still gets the signals.
  std::string transcript_excerpt(const std::filesystem::path& trajectory,
                                 std::size_t max_code_points) override;

private:
  sdk::PluginContext& m_context;
};

} // namespace plainlog
