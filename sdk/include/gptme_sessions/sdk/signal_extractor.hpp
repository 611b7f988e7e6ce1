// Turns one trajectory into productivity signals.
#pragma once

#include <gptme_sessions/sdk/export.hpp>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

namespace gptme_sessions::sdk {

// Thrown by extract() when a trajectory cannot be read at all (missing, unreadable, not
// UTF-8). Line-level damage is a warning, not an error.
class GPTME_SESSIONS_SDK_EXPORT ExtractError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
  ~ExtractError() override;
};

// The host calls detect() and extract() from several worker threads at once (one file per
// call), so neither may keep per-call state in members.
class GPTME_SESSIONS_SDK_EXPORT SignalExtractor {
public:
  virtual ~SignalExtractor();
  // The format name reported as "format" in signals ("gptme", "claude_code", ...).
  virtual std::string_view format_name() const = 0;
  // The harness label of records built from this format ("gptme", "claude-code", ...).
  virtual std::string_view harness_name() const = 0;
  // Content sniffing over the first parsed lines of a trajectory (JSON values, in file
  // order). Returns the index of the first line that identifies this format, or nullopt. The
  // host picks the extractor with the lowest index, so formats are told apart by content,
  // never by path.
  virtual std::optional<std::size_t> detect(std::span<const boost::json::value> head) const = 0;
  // The signals object, keys in the documented order. Streams the file.
  virtual boost::json::object extract(const std::filesystem::path& trajectory) = 0;
  // A plain-text rendering of the session's main line for the judging prompt, one entry per
  // line ("user: ...", "assistant: ...", "tool <name>: <short input>", "result: <first line>"
  // or "result[error]: ..."), each entry cut short, at most max_code_points code points of
  // valid UTF-8 (longer sessions: the first third and the last two thirds, as
  // core::TranscriptWriter keeps them). Streams the file; same threading rules as extract().
  // Throws ExtractError when the file cannot be read. The default returns "" (no transcript):
  // added after the first interface draft as a non-pure virtual so existing extractors build
  // unchanged; the ABI version stays 1 because no plugin was released against the old layout.
  virtual std::string transcript_excerpt(const std::filesystem::path& trajectory,
                                         std::size_t max_code_points);
};

} // namespace gptme_sessions::sdk
