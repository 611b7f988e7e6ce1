// `judge`: score stored sessions against the user's goals with a judge plugin (1-5 rating,
// stored as llm_judge_rating and llm_judge_score = (rating - 1) / 4), print them, and with
// --update-store write the verdicts back. A failed judgement is shown as "unscored" with its
// reason and never becomes a score.
#include "commands/command_table.hpp"
#include "commands/filter_options.hpp"
#include "commands/judge_cli_options.hpp"
#include "commands/judge_sessions.hpp"
#include "commands/record_output.hpp"
#include "commands/session_lookup.hpp"
#include "interrupt.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/record_filter.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <ostream>

namespace gptme_sessions::host {

namespace po = boost::program_options;

namespace {

constexpr long long k_default_last = 5;
constexpr long long k_max_concurrency = 16;

struct Selection {
  std::vector<core::SessionRecord> records;
  bool from_session_ids = false;
};

bool has_judgement(const core::SessionRecord& record) {
  return record.llm_judge_score.has_value() || record.extra_fields.contains(k_rating_key);
}

Selection select_records(const CommandContext& context, const core::SessionStore& store) {
  Selection selection;
  const auto ids = context.strs("session");
  const auto last = context.integer("last");
  if (last && *last <= 0)
    throw UsageError("--last must be a positive integer (got 0 or negative)");
  if (!ids.empty()) {
    if (last || context.str("since"))
      throw UsageError("--session cannot be combined with --last or --since");
    selection.from_session_ids = true;
    const std::vector<core::SessionRecord> records = store.load_all();
    if (records.empty())
      throw RuntimeError("No session records found in store.");
    for (const auto& prefix : ids) {
      if (prefix.empty())
        throw UsageError("Session ID must not be empty.");
      const auto found = find_by_id_prefix(records, prefix);
      if (found.empty())
        throw RuntimeError("No session found with ID prefix '" + prefix +
                           "'. Run 'gptme-sessions query' to list available session IDs.");
      if (found.size() > 1) {
        std::vector<std::string> matching;
        for (auto i : found)
          matching.push_back(records[i].session_id);
        throw RuntimeError("Ambiguous prefix '" + prefix + "' matches " +
                           std::to_string(found.size()) + " sessions: " + join_ids(matching));
      }
      const auto& record = records[found.front()];
      bool seen = std::any_of(selection.records.begin(),
                              selection.records.end(),
                              [&](const auto& r) { return r.session_id == record.session_id; });
      if (!seen)
        selection.records.push_back(record);
    }
    return selection;
  }

  core::RecordFilter filter;
  filter.since_days = read_since_option(context, std::nullopt);
  const core::RecordMatcher matches(filter);
  const bool rejudge = context.flag("rejudge");
  const auto keep = static_cast<std::size_t>(last.value_or(k_default_last));
  // Only the newest `keep` candidates are held, however large the store.
  std::deque<core::SessionRecord> newest;
  store.for_each([&](core::SessionRecord&& record) {
    if (!matches(record) || (!rejudge && has_judgement(record)))
      return;
    newest.push_back(std::move(record));
    if (newest.size() > keep)
      newest.pop_front();
  });
  selection.records.assign(std::make_move_iterator(newest.begin()),
                           std::make_move_iterator(newest.end()));
  return selection;
}

std::string one_line(std::string text) {
  std::replace_if(
      text.begin(), text.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return text;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width)
    text.resize(width, ' ');
  return text;
}

std::string fixed2(double value) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", value);
  return buf;
}

boost::json::object json_row(const JudgeOutcome& outcome) {
  boost::json::object row{{"session_id", outcome.session_id}};
  if (const auto* v = std::get_if<sdk::JudgeVerdict>(&outcome.result)) {
    row["status"] = "scored";
    row[k_rating_key] = v->rating;
    row["llm_judge_score"] = v->score;
    row["llm_judge_reason"] = v->reason;
    row["llm_judge_model"] = v->model;
  } else {
    const auto& e = std::get<sdk::JudgeError>(outcome.result);
    row["status"] = "unscored";
    row[k_error_key] =
        boost::json::object{{"kind", std::string(sdk::to_string(e.kind))}, {"message", e.message}};
  }
  return row;
}

void print_table(std::ostream& out, const std::vector<JudgeOutcome>& outcomes) {
  std::vector<double> scores;
  for (const auto& outcome : outcomes) {
    out << "  " << pad(outcome.session_id, 12) << "  ";
    if (const auto* v = std::get_if<sdk::JudgeVerdict>(&outcome.result)) {
      scores.push_back(v->score);
      out << pad(std::to_string(v->rating) + "/5", 8) << "  " << one_line(v->reason) << '\n';
    } else {
      const auto& e = std::get<sdk::JudgeError>(outcome.result);
      out << "unscored  (" << sdk::to_string(e.kind) << ") " << one_line(e.message) << '\n';
    }
  }
  if (scores.empty())
    return;
  double sum = 0;
  for (double s : scores)
    sum += s;
  out << "\nScored: " << scores.size() << '/' << outcomes.size()
      << "  mean=" << fixed2(sum / static_cast<double>(scores.size()))
      << "  min=" << fixed2(*std::min_element(scores.begin(), scores.end()))
      << "  max=" << fixed2(*std::max_element(scores.begin(), scores.end())) << '\n';
}

int run_judge(CommandContext& context) {
  JudgeRunOptions options = read_judge_options(context);
  if (auto concurrency = context.integer("concurrency", 1)) {
    if (*concurrency > k_max_concurrency)
      throw UsageError("Invalid value for '--concurrency': " + std::to_string(*concurrency) +
                       " is not in the range 1<=x<=" + std::to_string(k_max_concurrency) + ".");
    options.concurrency = static_cast<std::size_t>(*concurrency);
  }
  const bool json = context.flag("json");
  const bool update = context.flag("update-store");

  const core::SessionStore store = context.store();
  Selection selection = select_records(context, store);
  if (selection.records.empty()) {
    context.err() << (context.flag("rejudge")
                          ? "No sessions to judge.\n"
                          : "No unjudged sessions to judge (use --rejudge to score "
                            "judged sessions again).\n");
    if (json)
      print_json(context.out(), boost::json::array{});
    return 0;
  }
  context.err() << "Found " << selection.records.size() << " session(s) to score\n";

  std::vector<JudgeOutcome> outcomes;
  {
    // Ctrl-C cancels the requests in flight; the verdicts already in are still shown and
    // stored, then the command ends as aborted.
    InterruptScope interruptible;
    outcomes = judge_records(context.plugins(), selection.records, options);
  }
  const std::size_t asked = outcomes.size();
  std::erase_if(outcomes, [](const JudgeOutcome& o) { return o.interrupted; });
  const bool any_scored = std::any_of(outcomes.begin(), outcomes.end(), [](const auto& o) {
    return std::holds_alternative<sdk::JudgeVerdict>(o.result);
  });

  if (json) {
    boost::json::array rows;
    for (const auto& outcome : outcomes)
      rows.push_back(json_row(outcome));
    print_json(context.out(), rows);
  } else {
    print_table(context.out(), outcomes);
    if (!any_scored && outcomes.size() == asked)
      context.err() << "\nNo sessions scored. Check the judge settings (model, base URL, API "
                       "key); see the warnings above.\n";
  }

  if (update) {
    const auto changed = write_judge_outcomes(store, outcomes);
    if (changed > 0)
      context.err() << "\nUpdated " << changed << " record(s) in " << store.path().string() << '\n';
    else
      context.err() << "\nNo records updated.\n";
  }
  if (outcomes.size() < asked) {
    context.err() << "\nInterrupted: " << asked - outcomes.size() << " of " << asked
                  << " session(s) not judged.\n";
    throw Interrupted();
  }
  return 0;
}

} // namespace

CommandSpec make_judge_command() {
  CommandSpec spec;
  spec.name = "judge";
  spec.summary = "Rate recent sessions 1-5 against your goals with an LLM judge.";
  spec.define = [](po::options_description& desc, po::positional_options_description&) {
    desc.add_options()("last",
                       po::value<std::string>(),
                       "Judge the N most recent sessions without a score (default 5)")(
        "session",
        po::value<std::vector<std::string>>()->composing(),
        "Judge this session ID or prefix, scored or not (repeatable)")(
        "since", po::value<std::string>(), "Only sessions in this window: 7d, 2h, 'all', ...");
    add_judge_options(desc);
    desc.add_options()("update-store", po::bool_switch(), "Write the verdicts back to the store")(
        "rejudge", po::bool_switch(), "Also judge sessions that already have a score")(
        "json", po::bool_switch(), "Print the verdicts as JSON")(
        "concurrency", po::value<std::string>(), "Parallel judge requests (1-16, default 1)");
  };
  spec.run = run_judge;
  return spec;
}

} // namespace gptme_sessions::host
