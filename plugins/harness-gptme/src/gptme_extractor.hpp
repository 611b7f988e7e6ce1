// Signals of a gptme conversation.jsonl (spec §3.3 plus the markdown tool form and both
// metadata layouts). Format knowledge only; the rules live in core::signals::SignalBuilder.
#pragma once

#include <gptme_sessions/sdk/plugin_context.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

#include <functional>

namespace gptme_sessions::plugins::harness_gptme {

// Plugin config keys (PluginContext::config):
//   strict_utf8     "1"/"true": a line that is not UTF-8 makes extract() throw ExtractError
//                   ("<path> contains non-UTF-8 content") instead of being skipped with a
//                   warning; the `signals PATH` command sets it for reference parity.
//   max_line_bytes  lines longer than this are skipped with a warning (default 64 MiB).
class GptmeSignalExtractor final : public sdk::SignalExtractor {
public:
  explicit GptmeSignalExtractor(sdk::PluginContext& context);

  std::string_view format_name() const override { return "gptme"; }
  std::string_view harness_name() const override { return "gptme"; }
  // The first record with a top-level "role" key, unless a Claude Code record (type user,
  // assistant or result) comes first. With neither, head.size(): gptme is the fallback
  // format, chosen only when no other extractor claims a line.
  std::optional<std::size_t> detect(std::span<const boost::json::value> head) const override;
  // A directory stands for its conversation.jsonl.
  boost::json::object extract(const std::filesystem::path& trajectory) override;
  // The main line as GptmeTranscript renders it; a directory stands for its conversation.
  std::string transcript_excerpt(const std::filesystem::path& trajectory,
                                 std::size_t max_code_points) override;

private:
  // Streams the conversation's messages (objects) to sink; throws ExtractError when the file
  // cannot be read (or, with strict_utf8, is not UTF-8).
  void read_messages(const std::filesystem::path& trajectory,
                     const std::function<void(const boost::json::object&)>& sink);

  sdk::PluginContext& m_context;
};

} // namespace gptme_sessions::plugins::harness_gptme
