// A judge that needs no model: it rates a session 1-5 from the signals the harness plugin
// extracted (commits, files written, errors, steps), or from the stored outcome when the
// trajectory could not be read. It ignores the goals and the prompts the host prepared
// (JudgeInput::system_prompt / user_prompt are for model-based judges).
//
// Rules, starting from 1:
//   +2 the session committed (git_commits), else +1 if it wrote files or has deliverables
//   +1 it both committed and wrote files
//   +1 it produced something and ran into no error
//   -1 more errors than half its steps
// clamped to 1..5. Without signals: outcome "productive" -> 3, "noop" -> 1, else unscored.
#pragma once

#include <gptme_sessions/sdk/judge.hpp>

namespace judge_rules {

namespace sdk = gptme_sessions::sdk;

// Reported as the verdict's model (llm_judge_model in the store): which rules rated it.
inline constexpr std::string_view k_rules_version = "rules-v1";

class RulesJudge final : public sdk::Judge {
public:
  // `--judge rules` finds this plugin by its name without the "judge-" prefix.
  std::string_view judge_name() const override { return "rules"; }
  // Pure computation: safe from the host's worker threads, never throws.
  sdk::JudgeResult judge(const sdk::JudgeInput& input) override;
};

} // namespace judge_rules
