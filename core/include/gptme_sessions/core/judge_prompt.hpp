// The judging prompt every judge plugin sends: a system text with the 1-5 rating rubric and a
// user text built from the goals, the session record, its signals and a bounded excerpt of
// what the session left behind (journal and/or transcript).
//
// Size bounds, in Unicode code points (the user text stays under 30k code points, roughly
// 8-10k tokens, whatever the session produced; typical prompts are far smaller):
//   goals                 4000  first part kept
//   journal               4000  first part kept (the reference's cut)
//   transcript excerpt   12000  first third and last two thirds kept, with an omission marker
//   one record field       300  (session name, error text, each deliverable, ...)
//   list items              10  per list (commits, files, deliverables), plus "... N more"
// Text is inserted verbatim (braces are not template syntax); invalid UTF-8 becomes U+FFFD.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <boost/json/object.hpp>

#include <cstddef>
#include <string>
#include <string_view>

namespace gptme_sessions::core {

struct JudgePromptLimits {
  std::size_t goals = 4000;
  std::size_t journal = 4000;
  std::size_t transcript = 12000;
  std::size_t field = 300;
  std::size_t list_items = 10;
};

struct JudgePromptInput {
  SessionRecord record;
  boost::json::object signals; // the extractor's signals object; empty when none
  std::string goals;           // empty: default_judge_goals()
  std::string journal;         // the journal file's text, empty when there is none
  std::string transcript;      // a rendered transcript, empty when there is none
};

struct JudgePrompt {
  std::string system;
  std::string user;
};

GPTME_SESSIONS_CORE_EXPORT JudgePrompt build_judge_prompt(const JudgePromptInput& input,
                                                          const JudgePromptLimits& limits = {});

// The prompt of `signals PATH --llm-judge`. There is no journal file, and the reference sends
// the signals summary as the session's journal instead, so the journal section holds
// summarize_signals(input.signals) and no separate signals section repeats it; input.journal
// is not read. The transcript, record and goals are used as in build_judge_prompt.
GPTME_SESSIONS_CORE_EXPORT JudgePrompt
build_signals_judge_prompt(const JudgePromptInput& input, const JudgePromptLimits& limits = {});

// The system text: the reply format and the 1-5 scale.
GPTME_SESSIONS_CORE_EXPORT std::string_view judge_system_prompt();
// Generic goals for a general-purpose agent, used when the user gives none.
GPTME_SESSIONS_CORE_EXPORT std::string_view default_judge_goals();

// The "## Session Record" body: one "- Key: value" line per known field.
GPTME_SESSIONS_CORE_EXPORT std::string summarize_record(const SessionRecord& record,
                                                        const JudgePromptLimits& limits = {});
// The "## Session Signals" body: commits, files written, tool calls, grade, errors, retries,
// duration; "(no signal data)" when the object has none of them.
GPTME_SESSIONS_CORE_EXPORT std::string summarize_signals(const boost::json::object& signals,
                                                         const JudgePromptLimits& limits = {});

// Valid UTF-8: each invalid byte sequence becomes U+FFFD.
GPTME_SESSIONS_CORE_EXPORT std::string sanitize_utf8(std::string_view text);
// The first `max_code_points` code points of valid UTF-8 text.
GPTME_SESSIONS_CORE_EXPORT std::string truncate_code_points(std::string_view text,
                                                            std::size_t max_code_points);
// Text longer than `max_code_points`: its first third and last two thirds (the start shows the
// task, the end shows the outcome) around a line "[... N characters omitted ...]".
GPTME_SESSIONS_CORE_EXPORT std::string head_tail_excerpt(std::string_view text,
                                                         std::size_t max_code_points);
// The line head_tail_excerpt puts where text was left out, with its line breaks:
// "\n[... N characters omitted ...]\n".
GPTME_SESSIONS_CORE_EXPORT std::string omission_marker(std::size_t omitted);

} // namespace gptme_sessions::core
