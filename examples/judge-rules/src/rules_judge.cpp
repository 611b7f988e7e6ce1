#include "rules_judge.hpp"

#include <gptme_sessions/sdk/verdict_parser.hpp>

#include <algorithm>
#include <cstdint>
#include <string>

namespace judge_rules {
namespace {

namespace json = boost::json;

// Signals keys are documented for every format, so these work for any harness plugin.
std::size_t list_size(const json::object& signals, std::string_view key) {
  const json::value* v = signals.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array().size() : 0;
}

std::int64_t count(const json::object& signals, std::string_view key) {
  const json::value* v = signals.if_contains(key);
  if (v == nullptr)
    return 0;
  if (v->is_int64())
    return v->get_int64();
  if (v->is_uint64())
    return static_cast<std::int64_t>(v->get_uint64());
  return 0;
}

std::string plural(std::int64_t n, std::string_view noun) {
  return std::to_string(n) + " " + std::string(noun) + (n == 1 ? "" : "s");
}

sdk::JudgeVerdict verdict(int rating, std::string reason) {
  rating = std::clamp(rating, 1, 5);
  return sdk::JudgeVerdict{.rating = rating,
                           .score = sdk::rating_to_score(rating),
                           .reason = std::move(reason),
                           .model = std::string(k_rules_version)};
}

sdk::JudgeResult from_outcome(const gptme_sessions::core::SessionRecord& record) {
  const std::string outcome = record.outcome.value_or("unknown");
  if (outcome == "productive")
    return verdict(3, "No trajectory signals; the stored outcome says the session was productive.");
  if (outcome == "noop")
    return verdict(1, "No trajectory signals; the stored outcome says nothing was produced.");
  // Not a verdict about the session: the host keeps it unscored and stores nothing.
  return sdk::JudgeError{sdk::JudgeErrorKind::unavailable,
                         "no signals and no outcome to judge by rules"};
}

} // namespace

sdk::JudgeResult RulesJudge::judge(const sdk::JudgeInput& input) {
  const json::object& signals = input.signals;
  if (signals.empty())
    return from_outcome(input.record);

  const auto commits = static_cast<std::int64_t>(list_size(signals, "git_commits"));
  const auto writes = static_cast<std::int64_t>(list_size(signals, "file_writes"));
  const bool delivered =
      writes > 0 || (input.record.deliverables && !input.record.deliverables->empty());
  const std::int64_t errors = count(signals, "error_count");
  const std::int64_t steps = count(signals, "steps");

  int rating = 1;
  if (commits > 0)
    rating += 2;
  else if (delivered)
    rating += 1;
  if (commits > 0 && writes > 0)
    rating += 1;
  if ((commits > 0 || delivered) && errors == 0)
    rating += 1;
  if (errors * 2 > steps)
    rating -= 1;

  const char* summary = commits > 0 ? "Committed work"
                        : delivered ? "Changed files without committing"
                                    : "Produced nothing";
  return verdict(rating,
                 std::string(summary) + ": " + plural(commits, "commit") + ", " +
                     plural(writes, "file write") + ", " + plural(errors, "error") + " in " +
                     plural(steps, "step") + ".");
}

} // namespace judge_rules
