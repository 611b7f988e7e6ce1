#include "plainlog_extractor.hpp"

#include "plainlog_format.hpp"

#include <gptme_sessions/core/signals/signal_builder.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>
#include <gptme_sessions/core/transcript_writer.hpp>

#include <deque>
#include <fstream>
#include <string>

namespace plainlog {
namespace {

namespace sig = gptme_sessions::core::signals;

// Damaged lines reported one by one per file; the rest are counted in one last warning.
constexpr std::size_t k_max_line_warnings = 5;

// One file's events in order. Returns a problem instead of throwing: a bad line is skipped,
// it never loses the rest of the session.
class Session {
public:
  Session()
      : m_builder(sig::SignalProfile{.format = "plainlog",
                                     .tool_timing = true, // TOOL and RESULT carry timestamps
                                     .usage = sig::UsageStyle::claude_code}) {}

  // Empty when the line was used (or blank), else what is wrong with it.
  std::string add_line(std::string_view line) {
    if (line.find_first_not_of(' ') == std::string_view::npos)
      return {};
    if (auto header = parse_header(line)) {
      m_model = header->model;
      return {};
    }
    const std::optional<Event> event = parse_event(line);
    if (!event)
      return "not a plainlog event";
    const std::optional<sig::Timestamp> ts = sig::parse_timestamp(event->timestamp);
    if (!ts)
      return "bad timestamp '" + std::string(event->timestamp) + "'";
    m_builder.observe_time(*ts);
    ++m_events;
    switch (event->kind) {
    case EventKind::user:
    case EventKind::agent:
      return {};
    case EventKind::tool:
      return tool(event->rest, *ts);
    case EventKind::result:
      return result(event->rest, *ts);
    case EventKind::tokens:
      return tokens(event->rest);
    }
    return {};
  }

  std::size_t events() const { return m_events; }
  boost::json::object build() const { return m_builder.build(); }

private:
  std::string tool(std::string_view rest, const sig::Timestamp& ts) {
    const auto [name, arguments] = split_word(rest);
    if (name.empty())
      return "TOOL without a tool name";
    // The format has no call ids, so calls are numbered; a RESULT answers the oldest call
    // that is still waiting.
    const std::string id = std::to_string(++m_calls);
    sig::ToolCall call{.name = name, .id = id, .dispatched_at = ts, .batch = id};
    if (name == "shell") {
      call.kind = sig::ToolKind::shell; // its results are scanned for commits
      call.command = arguments;
    } else if (name == "write") {
      call.kind = sig::ToolKind::file_write; // a file_writes entry and a deliverable
      call.path = arguments;
    }
    m_builder.add_tool_call(call);
    m_builder.add_step();
    m_waiting.push_back(id);
    return {};
  }

  std::string result(std::string_view rest, const sig::Timestamp& ts) {
    const auto [status, text] = split_word(rest);
    if (status != "ok" && status != "error")
      return "RESULT status must be ok or error";
    if (m_waiting.empty())
      return "RESULT without a TOOL waiting for it";
    m_builder.add_tool_result(sig::ToolResult{
        .call_id = m_waiting.front(), .is_error = status == "error", .text = text, .at = ts});
    m_waiting.pop_front();
    return {};
  }

  std::string tokens(std::string_view rest) {
    const std::optional<Tokens> counts = parse_tokens(rest);
    if (!counts)
      return "TOKENS expects in=<n> out=<n> [cache_read=<n>] [cache_write=<n>]";
    m_builder.add_usage(
        sig::UsageSample{.model = m_model,
                         .tokens = sig::TokenCounts{.input = counts->input,
                                                    .output = counts->output,
                                                    .cache_read = counts->cache_read,
                                                    .cache_creation = counts->cache_write}});
    return {};
  }

  sig::SignalBuilder m_builder;
  std::string m_model;
  std::deque<std::string> m_waiting;
  std::size_t m_calls = 0;
  std::size_t m_events = 0;
};

} // namespace

std::optional<std::size_t>
PlainlogExtractor::detect(std::span<const boost::json::value> head) const {
  for (std::size_t i = 0; i < head.size(); ++i)
    if (head[i].is_object() && is_header(head[i].get_object()))
      return i;
  return std::nullopt;
}

boost::json::object PlainlogExtractor::extract(const std::filesystem::path& trajectory) {
  std::ifstream in(trajectory);
  if (!in)
    throw sdk::ExtractError("cannot open " + trajectory.string());
  Session session;
  std::size_t number = 0;
  std::size_t skipped = 0;
  std::string line;
  // One line in memory at a time, however large the file.
  while (!m_context.cancelled() && std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r')
      line.pop_back();
    const std::string problem = session.add_line(line);
    if (problem.empty())
      continue;
    if (++skipped <= k_max_line_warnings)
      m_context.log(sdk::LogLevel::warning,
                    trajectory.string() + ":" + std::to_string(number) + ": " + problem +
                        ", line skipped");
  }
  if (in.bad())
    throw sdk::ExtractError("error reading " + trajectory.string());
  if (skipped > k_max_line_warnings)
    m_context.log(sdk::LogLevel::warning,
                  trajectory.string() + ": " + std::to_string(skipped - k_max_line_warnings) +
                      " more damaged line(s) skipped");
  if (session.events() == 0)
    m_context.log(sdk::LogLevel::warning, trajectory.string() + ": no plainlog events");
  return session.build();
}

std::string PlainlogExtractor::transcript_excerpt(const std::filesystem::path& trajectory,
                                                  std::size_t max_code_points) {
  std::ifstream in(trajectory);
  if (!in)
    throw sdk::ExtractError("cannot open " + trajectory.string());
  gptme_sessions::core::TranscriptWriter transcript(max_code_points);
  std::string line;
  while (!m_context.cancelled() && std::getline(in, line)) {
    const std::optional<Event> event = parse_event(line);
    if (!event)
      continue; // extract() reports damaged lines; the transcript just leaves them out
    switch (event->kind) {
    case EventKind::user:
      transcript.add("user", event->rest);
      break;
    case EventKind::agent:
      transcript.add("assistant", event->rest);
      break;
    case EventKind::tool: {
      const auto [name, arguments] = split_word(event->rest);
      transcript.add("tool " + std::string(name), arguments);
      break;
    }
    case EventKind::result: {
      const auto [status, text] = split_word(event->rest);
      transcript.add(status == "error" ? "result[error]" : "result", text.empty() ? status : text);
      break;
    }
    case EventKind::tokens:
      break;
    }
  }
  if (in.bad())
    throw sdk::ExtractError("error reading " + trajectory.string());
  return transcript.str();
}

} // namespace plainlog
