// The shared, tolerant reader of a judge model's reply. Every judge plugin hands the model's
// text here, so all of them accept the same shapes and fail the same way.
//
// Accepted shapes (after removing <think>...</think> reasoning and Markdown code fences, and
// finding the first JSON object inside surrounding prose):
//   {"rating": 1..5, "reason": "..."}   this project's shape; score = (rating - 1) / 4
//   {"score": 0.0..1.0, "reason": "..."} the Python package's shape; the score is kept
//                                        (clamped to [0, 1]) and rating = round(1 + 4 * score)
// When both keys are present, "rating" wins. A rating outside 1..5 is clamped and a fractional
// one is rounded half to even. A missing or non-numeric rating (and no usable score) is a
// parse error, never a default value: an unreadable reply must stay "unscored".
#pragma once

#include <gptme_sessions/sdk/export.hpp>
#include <gptme_sessions/sdk/judge.hpp>

#include <string>
#include <string_view>

namespace gptme_sessions::sdk {

// The message of the parse error for a reply that holds no JSON object, worded as the
// reference logs it.
inline constexpr std::string_view k_non_json_reply_message = "LLM judge returned non-JSON response";

// Returns a verdict whose `model` is `model`, or a JudgeError of kind parse_error whose message
// says what was wrong (it never quotes more than a short prefix of the reply).
GPTME_SESSIONS_SDK_EXPORT JudgeResult parse_verdict(std::string_view reply, std::string_view model);

// The reply with <think>...</think> spans removed (an unclosed <think> runs to the end; text
// before a lone </think> is reasoning too), then trimmed.
GPTME_SESSIONS_SDK_EXPORT std::string strip_reasoning(std::string_view reply);

// The score stored for a rating: (rating - 1) / 4, rating clamped to 1..5.
GPTME_SESSIONS_SDK_EXPORT double rating_to_score(int rating);

} // namespace gptme_sessions::sdk
