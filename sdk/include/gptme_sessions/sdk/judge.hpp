// Scores a session against the user's goals.
#pragma once

#include <gptme_sessions/core/session_record.hpp>
#include <gptme_sessions/sdk/export.hpp>

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <variant>

namespace gptme_sessions::sdk {

struct JudgeInput {
  core::SessionRecord record;
  boost::json::object signals; // may be empty when no trajectory was readable
  std::string transcript;      // bounded excerpt, may be empty
  std::string journal;         // the session's journal text, may be empty
  std::string goals;           // the goals text the session is judged against
  std::string system_prompt;   // built by the host's shared prompt builder
  std::string user_prompt;
  std::string model; // requested judge model; empty = plugin default
};

struct JudgeVerdict {
  int rating = 0;     // 1..5
  double score = 0.0; // (rating - 1) / 4
  std::string reason;
  std::string model; // the model that produced the verdict
};

enum class JudgeErrorKind {
  unavailable,
  transport,
  timeout,
  http_status,
  bad_envelope,
  parse_error
};

struct JudgeError {
  JudgeErrorKind kind = JudgeErrorKind::unavailable;
  std::string message; // one line, never contains secrets
};

using JudgeResult = std::variant<JudgeVerdict, JudgeError>;

class GPTME_SESSIONS_SDK_EXPORT Judge {
public:
  virtual ~Judge();
  virtual std::string_view judge_name() const = 0;
  // Expected failures come back as JudgeError, never as exceptions.
  virtual JudgeResult judge(const JudgeInput& input) = 0;
};

GPTME_SESSIONS_SDK_EXPORT std::string_view to_string(JudgeErrorKind kind);

} // namespace gptme_sessions::sdk
