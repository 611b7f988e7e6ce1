// The judge's plain-text transcript of a gptme conversation, fed one message at a time.
#pragma once

#include <gptme_sessions/core/transcript_writer.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>

namespace gptme_sessions::plugins::harness_gptme {

// user messages -> "user: ..."; assistant messages -> "assistant: <text before the first tool
// call>" and one "tool <name>: <input>" per call; system messages after the first user
// message -> "result: ..." / "result[error]: ..." when they answer a tool call (a call_id, or
// the next message after a call), else "system: ...". The system prompt and the context gptme
// pins before the first user message are left out.
class GptmeTranscript {
public:
  explicit GptmeTranscript(std::size_t max_code_points) : m_writer(max_code_points) {}

  void record(const boost::json::object& message);
  std::string str() const { return m_writer.str(); }

private:
  void assistant(std::string_view content);
  void system(const boost::json::object& message, std::string_view content);

  core::TranscriptWriter m_writer;
  bool m_started = false;          // a user message was seen
  std::size_t m_pending_calls = 0; // tool calls of the last assistant message not yet answered
};

} // namespace gptme_sessions::plugins::harness_gptme
