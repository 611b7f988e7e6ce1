// The judge's plain-text transcript of a Claude Code session file, fed one record at a time.
#pragma once

#include <gptme_sessions/core/transcript_writer.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <unordered_set>

namespace gptme_sessions::plugins::harness_claude_code {

// user records -> "user: ..." (string content and text blocks; isMeta records, which Claude
// Code adds itself, are left out) and "result: <first line>" / "result[error]: ..." per
// tool_result; assistant records -> "assistant: ..." per text block and
// "tool <name>: <input>" per tool_use (thinking is left out). The lines of one streamed
// response (same message.id and requestId) repeat blocks: each block is written once.
// Sidechain records (subagent work) are left out unless the file is a subagent's own.
class ClaudeTranscript {
public:
  ClaudeTranscript(std::size_t max_code_points, bool honour_sidechain)
      : m_writer(max_code_points), m_honour_sidechain(honour_sidechain) {}

  void record(const boost::json::object& record);
  std::string str() const { return m_writer.str(); }

private:
  void user(const boost::json::object& message);
  void assistant(const boost::json::object& record, const boost::json::object& message);
  // False when this block of the current response was already written.
  bool first_time(std::string_view kind, std::string_view block);

  core::TranscriptWriter m_writer;
  bool m_honour_sidechain;
  std::string m_response;                 // key of the response being read
  std::unordered_set<std::size_t> m_seen; // hashes of its blocks already written
};

} // namespace gptme_sessions::plugins::harness_claude_code
