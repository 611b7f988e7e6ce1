#include <gptme_sessions/core/signals/grading.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/signals/shell_command.hpp>
#include <gptme_sessions/core/signals/signal_builder.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <boost/json/array.hpp>

#include <algorithm>
#include <deque>
#include <fstream>
#include <iterator>
#include <unordered_map>
#include <unordered_set>
#include <utility>

namespace gptme_sessions::core::signals {
namespace {

constexpr std::size_t k_retry_window = 20;
constexpr std::size_t k_max_background_bytes = std::size_t{64} << 20;

// Name -> value in first-seen order.
template <typename T> class OrderedMap {
public:
  T& operator[](std::string_view key) {
    auto it = m_index.find(std::string(key));
    if (it != m_index.end())
      return m_items[it->second].second;
    m_index.emplace(std::string(key), m_items.size());
    m_items.emplace_back(std::string(key), T{});
    return m_items.back().second;
  }
  const std::vector<std::pair<std::string, T>>& items() const { return m_items; }

private:
  std::vector<std::pair<std::string, T>> m_items;
  std::unordered_map<std::string, std::size_t> m_index;
};

struct Durations {
  double sum = 0.0;
  double max = 0.0;
  bool any = false;
};

struct CallInfo {
  std::string name;
  ToolKind kind = ToolKind::other;
  bool pending_pr_create = false;
  bool pending_issue_close = false;
  bool pending_ci_log = false;
  bool pending_merge = false;
  std::optional<std::string> merge_repo;
  std::optional<std::string> merge_pr;
};

struct PendingTiming {
  std::string name;
  std::int64_t dispatched_us = 0;
  std::string batch;
};

std::optional<std::string> read_small_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in)
    return std::nullopt;
  std::string data;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    data.append(buf, static_cast<std::size_t>(in.gcount()));
    if (data.size() > k_max_background_bytes)
      break;
  }
  if (in.bad())
    return std::nullopt;
  return data;
}

boost::json::value nullable_int(std::optional<std::int64_t> v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::value positive_or_null(std::int64_t v) {
  return v != 0 ? boost::json::value(v) : boost::json::value(nullptr);
}

boost::json::array to_array(const std::vector<std::string>& items) {
  boost::json::array out;
  out.reserve(items.size());
  for (const auto& s : items)
    out.emplace_back(s);
  return out;
}

} // namespace

struct SignalBuilder::State {
  SignalProfile profile;
  ExternalLookups lookups;

  OrderedMap<std::int64_t> tool_calls;
  std::int64_t steps = 0;
  std::int64_t errors = 0;
  std::int64_t warning_phrases = 0;
  std::vector<std::string> git_commits;
  std::unordered_set<std::string> seen_hashes;
  std::vector<std::string> file_writes;
  std::vector<std::string> journal_paths;
  std::unordered_set<std::string> journal_seen;
  std::deque<std::string> recent_writes;
  std::int64_t retries = 0;
  std::unordered_map<std::string, boost::json::object> details;
  bool summarizer_fired = false;

  // Duration and "latest so far".
  std::size_t main_timestamps = 0;
  std::int64_t earliest_us = 0;
  std::int64_t latest_us = 0;
  std::optional<Timestamp> latest_any;

  std::unordered_map<std::string, CallInfo> calls;
  std::unordered_map<std::string, PendingTiming> pending_timing;
  std::unordered_map<std::string, std::int64_t> batch_sizes;
  OrderedMap<Durations> durations;

  std::int64_t gh_interactions = 0;
  std::int64_t reviews = 0;
  std::int64_t comments = 0;
  std::int64_t issues_created = 0;
  std::int64_t issues_closed = 0;
  std::vector<std::string> prs_submitted;
  std::vector<std::string> pr_merges;
  std::unordered_map<std::string, std::string> repo_context;
  bool ci_failure_found = false;

  // Usage.
  std::optional<std::string> model;
  TokenCounts totals;
  double cost = 0.0;
  bool any_usage_object = false;
  std::optional<std::int64_t> sys_prompt_tokens;
  std::optional<std::int64_t> context_peak_tokens;
  std::string first_response;
  std::unordered_map<std::string, TokenCounts> responses;
  bool final_seen = false;
  TokenCounts final_totals;

  // Byte metrics.
  bool seen_user = false;
  bool seen_assistant = false;
  std::int64_t sys_prompt_bytes = 0;
  std::int64_t first_turn_bytes = 0;
  std::int64_t context_peak_bytes = 0;
  std::int64_t total_bytes = 0;

  // Timings.
  std::vector<double> ttft;
  double gen_total = 0.0;
  double tool_total = 0.0;

  void record_detail(const std::string& value,
                     std::string_view kind,
                     std::string_view provenance,
                     boost::json::object evidence) {
    if (details.contains(value))
      return;
    boost::json::object detail;
    detail["value"] = value;
    detail["kind"] = kind;
    detail["provenance_class"] = provenance;
    detail["evidence"] = std::move(evidence);
    details.emplace(value, std::move(detail));
  }

  void commits_from(std::string_view text, std::string_view tool, bool dedup, bool background) {
    for (auto& match : find_commits(text)) {
      if (dedup && !seen_hashes.insert(match.hash).second)
        continue;
      std::string value = match.display();
      boost::json::object evidence;
      evidence["source"] = "trajectory";
      if (!tool.empty())
        evidence["tool_name"] = tool;
      if (background)
        evidence["background"] = true;
      record_detail(value, "commit", "session_committed", std::move(evidence));
      git_commits.push_back(std::move(value));
    }
  }

  void add_journal(std::string path) {
    if (journal_seen.insert(path).second)
      journal_paths.push_back(std::move(path));
  }

  void shell_call(const ToolCall& call, CallInfo* info) {
    if (!profile.github)
      return;
    const GhCommandFacts gh = analyze_gh_command(call.command);
    gh_interactions += gh.interaction;
    reviews += gh.review;
    comments += gh.comment;
    issues_created += gh.issue_create;
    if (info != nullptr) {
      info->pending_pr_create = gh.pr_create;
      info->pending_issue_close = gh.issue_close;
      info->pending_ci_log = gh.ci_failure_log;
      info->pending_merge = gh.pr_merge;
      info->merge_repo = gh.merge_repo;
      info->merge_pr = gh.merge_pr;
    }
    if (call.command.find("/journal/") != std::string_view::npos) {
      for (auto& target : heredoc_markdown_targets(call.command)) {
        if (target.find("/journal/") == std::string::npos)
          continue;
        if (auto resolved = resolve_journal_target(std::move(target), latest_any))
          add_journal(std::move(*resolved));
      }
    }
  }

  void shell_result(std::string_view text, CallInfo& info) {
    commits_from(text, info.name, true, false);
    if (!profile.github)
      return;
    const auto background = background_output_paths(text);
    for (const auto& path : background)
      if (auto content = read_small_file(path))
        commits_from(*content, info.name, true, true);
    if (info.pending_merge) {
      info.pending_merge = false;
      for (const auto& n : merged_pr_numbers(text)) {
        pr_merges.push_back("PR #" + n);
        boost::json::object evidence;
        evidence["source"] = "trajectory";
        evidence["tool_name"] = info.name;
        evidence["action"] = "gh_pr_merge";
        record_detail("merge PR #" + n, "pull_request", "session_committed", std::move(evidence));
        if (info.merge_repo && !repo_context.contains(n))
          repo_context.emplace(n, *info.merge_repo);
      }
      if (info.merge_pr && info.merge_repo && !repo_context.contains(*info.merge_pr))
        repo_context.emplace(*info.merge_pr, *info.merge_repo);
    }
    if (info.pending_pr_create) {
      info.pending_pr_create = false;
      if (auto url = first_pr_url(text)) {
        prs_submitted.push_back("PR #" + url->number);
        repo_context[url->number] = url->repo;
      }
    }
    if (info.pending_issue_close) {
      info.pending_issue_close = false;
      ++issues_closed;
    }
    if (info.pending_ci_log) {
      info.pending_ci_log = false;
      std::string log;
      if (background.empty()) {
        log.assign(text);
      } else if (auto content = read_small_file(background.front())) {
        log = std::move(*content);
      }
      if (!python_strip(log).empty())
        ci_failure_found = true;
    }
  }

  void gptme_usage(const UsageSample& s) {
    const TokenCounts t = s.tokens.value_or(TokenCounts{});
    add_totals(t);
    if (s.cost)
      cost += *s.cost;
    if (!s.main_line)
      return;
    if (!s.model.empty())
      model = std::string(s.model);
    const std::int64_t ctx = t.context();
    if (!sys_prompt_tokens && ctx > 0)
      sys_prompt_tokens = ctx;
    context_peak_tokens = std::max(context_peak_tokens.value_or(0), ctx);
  }

  void add_totals(const TokenCounts& t, std::int64_t sign = 1) {
    totals.input += sign * t.input;
    totals.output += sign * t.output;
    totals.cache_read += sign * t.cache_read;
    totals.cache_creation += sign * t.cache_creation;
  }

  void claude_usage(const UsageSample& s) {
    if (s.main_line && !s.model.empty())
      model = std::string(s.model);
    if (!s.tokens)
      return;
    TokenCounts t = *s.tokens;
    if (!s.response_id.empty()) {
      auto [it, inserted] = responses.try_emplace(std::string(s.response_id), t);
      if (!inserted) {
        const TokenCounts prev = it->second;
        t.input = std::max(prev.input, t.input);
        t.output = std::max(prev.output, t.output);
        t.cache_read = std::max(prev.cache_read, t.cache_read);
        t.cache_creation = std::max(prev.cache_creation, t.cache_creation);
        it->second = t;
        add_totals(prev, -1);
      }
    }
    add_totals(t);
    if (!s.main_line)
      return;
    if (!any_usage_object) {
      any_usage_object = true;
      sys_prompt_tokens = t.context();
      first_response = std::string(s.response_id);
    } else if (!first_response.empty() && first_response == s.response_id) {
      sys_prompt_tokens = t.context();
    }
    context_peak_tokens = std::max(context_peak_tokens.value_or(0), t.context());
  }

  boost::json::object usage_block() const {
    boost::json::object usage;
    TokenCounts t = totals;
    if (final_seen) {
      t.input = final_totals.input != 0 ? final_totals.input : t.input;
      t.output = final_totals.output != 0 ? final_totals.output : t.output;
      t.cache_read = final_totals.cache_read != 0 ? final_totals.cache_read : t.cache_read;
      t.cache_creation =
          final_totals.cache_creation != 0 ? final_totals.cache_creation : t.cache_creation;
    }
    boost::json::value model_value =
        model ? boost::json::value(*model) : boost::json::value(nullptr);
    if (profile.usage == UsageStyle::gptme) {
      if (t.total() == 0 && cost == 0.0 && total_bytes == 0)
        return usage;
      usage["model"] = model_value;
      usage["input_tokens"] = t.input;
      usage["output_tokens"] = t.output;
      usage["cache_read_tokens"] = t.cache_read;
      usage["cache_creation_tokens"] = t.cache_creation;
      usage["cost"] = cost;
      usage["total_tokens"] = t.total();
      usage["sys_prompt_tokens"] = nullable_int(sys_prompt_tokens);
      usage["context_peak_tokens"] = nullable_int(context_peak_tokens);
      usage["sys_prompt_bytes"] = positive_or_null(sys_prompt_bytes);
      usage["first_turn_bytes"] = positive_or_null(first_turn_bytes);
      usage["context_peak_bytes"] = positive_or_null(context_peak_bytes);
      usage["session_total_bytes"] = positive_or_null(total_bytes);
    } else if (profile.usage == UsageStyle::claude_code) {
      if (t.total() == 0 && !model)
        return usage;
      usage["model"] = model_value;
      usage["input_tokens"] = t.input;
      usage["output_tokens"] = t.output;
      usage["cache_creation_tokens"] = t.cache_creation;
      usage["cache_read_tokens"] = t.cache_read;
      usage["total_tokens"] = t.total();
      usage["sys_prompt_tokens"] = nullable_int(sys_prompt_tokens);
      usage["context_peak_tokens"] = nullable_int(context_peak_tokens);
    }
    return usage;
  }

  boost::json::object timings_block() const {
    boost::json::object timings;
    if (!ttft.empty()) {
      double sum = 0.0;
      for (double v : ttft)
        sum += v;
      std::vector<double> sorted = ttft;
      std::sort(sorted.begin(), sorted.end());
      const std::size_t n = sorted.size();
      const double median = n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      timings["timed_turns"] = static_cast<std::int64_t>(n);
      timings["ttft_ms_avg"] = py_round(sum / static_cast<double>(n), 1);
      timings["ttft_ms_p50"] = py_round(median, 1);
    }
    if (gen_total > 0)
      timings["gen_ms_total"] = py_round(gen_total, 1);
    if (tool_total > 0)
      timings["tool_ms_total"] = py_round(tool_total, 1);
    return timings;
  }
};

SignalBuilder::SignalBuilder(SignalProfile profile, ExternalLookups lookups)
    : m_state(std::make_unique<State>()) {
  m_state->profile = std::move(profile);
  m_state->lookups = std::move(lookups);
}

SignalBuilder::~SignalBuilder() = default;
SignalBuilder::SignalBuilder(SignalBuilder&&) noexcept = default;
SignalBuilder& SignalBuilder::operator=(SignalBuilder&&) noexcept = default;

void SignalBuilder::observe_time(const Timestamp& ts, bool main_line) {
  State& s = *m_state;
  const std::int64_t instant = ts.instant_us();
  if (!s.latest_any || instant > s.latest_any->instant_us())
    s.latest_any = ts;
  if (!main_line)
    return;
  if (s.main_timestamps == 0) {
    s.earliest_us = s.latest_us = instant;
  } else {
    s.earliest_us = std::min(s.earliest_us, instant);
    s.latest_us = std::max(s.latest_us, instant);
  }
  ++s.main_timestamps;
}

bool SignalBuilder::add_tool_call(const ToolCall& call) {
  State& s = *m_state;
  if (call.name.empty())
    return false;
  CallInfo* info = nullptr;
  if (!call.id.empty()) {
    auto [it, inserted] = s.calls.try_emplace(std::string(call.id));
    if (!inserted)
      return false;
    it->second.name = std::string(call.name);
    it->second.kind = call.kind;
    info = &it->second;
  }
  ++s.tool_calls[call.name];
  if (s.profile.tool_timing && info != nullptr && call.dispatched_at) {
    s.pending_timing[std::string(call.id)] = PendingTiming{
        std::string(call.name), call.dispatched_at->instant_us(), std::string(call.batch)};
    ++s.batch_sizes[std::string(call.batch)];
  }
  switch (call.kind) {
  case ToolKind::file_write:
    if (!call.path.empty())
      add_file_write(call.name, call.path);
    break;
  case ToolKind::shell:
    s.shell_call(call, info);
    break;
  case ToolKind::other:
    break;
  }
  return true;
}

void SignalBuilder::add_step() {
  ++m_state->steps;
}

void SignalBuilder::add_tool_result(const ToolResult& result) {
  State& s = *m_state;
  const std::string id(result.call_id);
  if (s.profile.tool_timing && result.at) {
    if (auto it = s.pending_timing.find(id); it != s.pending_timing.end()) {
      const std::int64_t batch = std::max<std::int64_t>(1, s.batch_sizes[it->second.batch]);
      const double waited =
          static_cast<double>(result.at->instant_us() - it->second.dispatched_us) / 1e6 /
          static_cast<double>(batch);
      if (waited >= 0) {
        Durations& d = s.durations[it->second.name];
        d.sum += waited;
        d.max = d.any ? std::max(d.max, waited) : waited;
        d.any = true;
      }
      s.pending_timing.erase(it);
    }
  }
  if (result.is_error) {
    ++s.errors;
    return;
  }
  if (s.profile.warning_phrases)
    s.warning_phrases += count_warning_phrases(result.text);
  if (auto it = s.calls.find(id); it != s.calls.end() && it->second.kind == ToolKind::shell)
    s.shell_result(result.text, it->second);
}

void SignalBuilder::add_error() {
  ++m_state->errors;
}

void SignalBuilder::add_commits(std::string_view text, std::string_view tool_name, bool dedup) {
  m_state->commits_from(text, tool_name, dedup, false);
}

void SignalBuilder::add_file_write(std::string_view tool, std::string_view path) {
  State& s = *m_state;
  if (path.find("/journal/") != std::string_view::npos) {
    s.add_journal(std::string(path));
    return;
  }
  s.file_writes.emplace_back(path);
  boost::json::object evidence;
  evidence["source"] = "trajectory";
  if (!tool.empty())
    evidence["tool_name"] = tool;
  s.record_detail(std::string(path), "file", "tool_authored", std::move(evidence));
  std::string signature = std::string(tool) + ":" + std::string(path);
  if (std::find(s.recent_writes.begin(), s.recent_writes.end(), signature) != s.recent_writes.end())
    ++s.retries;
  s.recent_writes.push_back(std::move(signature));
  if (s.recent_writes.size() > k_retry_window)
    s.recent_writes.pop_front();
}

void SignalBuilder::set_summarizer_fired() {
  m_state->summarizer_fired = true;
}

void SignalBuilder::add_usage(const UsageSample& sample) {
  switch (m_state->profile.usage) {
  case UsageStyle::gptme:
    m_state->gptme_usage(sample);
    break;
  case UsageStyle::claude_code:
    m_state->claude_usage(sample);
    break;
  case UsageStyle::none:
    break;
  }
}

void SignalBuilder::add_final_usage(const TokenCounts& totals) {
  State& s = *m_state;
  s.final_seen = true;
  s.final_totals.input += totals.input;
  s.final_totals.output += totals.output;
  s.final_totals.cache_read += totals.cache_read;
  s.final_totals.cache_creation += totals.cache_creation;
}

void SignalBuilder::add_message_bytes(MessageRole role, std::size_t bytes) {
  State& s = *m_state;
  const auto b = static_cast<std::int64_t>(bytes);
  if (role == MessageRole::assistant) {
    s.context_peak_bytes = std::max(s.context_peak_bytes, s.total_bytes);
    s.seen_assistant = true;
  } else if (!s.seen_assistant) {
    s.first_turn_bytes += b;
  }
  if (role == MessageRole::user)
    s.seen_user = true;
  else if (role == MessageRole::system && !s.seen_user)
    s.sys_prompt_bytes += b;
  s.total_bytes += b;
}

void SignalBuilder::add_timings(std::optional<double> ttft_ms,
                                std::optional<double> gen_ms,
                                std::optional<double> tool_ms) {
  State& s = *m_state;
  if (ttft_ms)
    s.ttft.push_back(*ttft_ms);
  if (gen_ms)
    s.gen_total += *gen_ms;
  if (tool_ms)
    s.tool_total += *tool_ms;
}

boost::json::object SignalBuilder::build() const {
  const State& s = *m_state;
  const SignalProfile& p = s.profile;
  boost::json::object out;

  boost::json::object tool_calls;
  for (const auto& [name, n] : s.tool_calls.items())
    tool_calls[name] = n;
  out["tool_calls"] = std::move(tool_calls);
  out["steps"] = s.steps;
  out["error_count"] = s.errors;
  if (p.warning_phrases)
    out["warning_phrase_count"] = s.warning_phrases;

  // Merge commits come from a lookup that runs after the trajectory was read.
  std::vector<std::string> git_commits = s.git_commits;
  std::unordered_map<std::string, boost::json::object> extra_details;
  const bool ci_fixed = s.ci_failure_found && !git_commits.empty();
  if (p.github && s.lookups.merge_commit) {
    for (const auto& merge : s.pr_merges) {
      const std::string number = merge.substr(4);
      auto ctx = s.repo_context.find(number);
      if (ctx == s.repo_context.end())
        continue;
      auto sha = s.lookups.merge_commit(ctx->second, number);
      if (!sha || sha->size() != 40 || !std::all_of(sha->begin(), sha->end(), [](char c) {
            return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
          }))
        continue;
      std::string value = "merge-commit (" + *sha + ")";
      if (std::find(git_commits.begin(), git_commits.end(), value) != git_commits.end())
        continue;
      boost::json::object detail;
      detail["value"] = value;
      detail["kind"] = "merge_commit";
      detail["provenance_class"] = "server_generated";
      boost::json::object evidence;
      evidence["source"] = "gh_api";
      evidence["action"] = "gh_pr_merge";
      detail["evidence"] = std::move(evidence);
      extra_details.emplace(value, std::move(detail));
      git_commits.push_back(std::move(value));
    }
  }

  out["git_commits"] = to_array(git_commits);
  out["file_writes"] = to_array(s.file_writes);
  out["journal_paths"] = to_array(s.journal_paths);
  std::int64_t duration = 0;
  if (s.main_timestamps >= 2)
    duration = static_cast<std::int64_t>(static_cast<double>(s.latest_us - s.earliest_us) / 1e6);
  out["session_duration_s"] = duration;

  if (p.tool_timing) {
    boost::json::object total, max;
    double sum_of_rounded = 0.0;
    for (const auto& [name, d] : s.durations.items()) {
      const double t = py_round(d.sum, 1);
      total[name] = t;
      max[name] = py_round(d.max, 1);
      sum_of_rounded += t;
    }
    if (s.durations.items().empty())
      out["total_tool_time_s"] = 0;
    else
      out["total_tool_time_s"] = py_round(sum_of_rounded, 1);
    out["tool_time_total"] = std::move(total);
    out["tool_time_max"] = std::move(max);
  }
  out["retry_count"] = s.retries;
  if (p.github) {
    out["gh_interactions"] = s.gh_interactions;
    out["prs_submitted"] = to_array(s.prs_submitted);
    out["pr_merges"] = to_array(s.pr_merges);
    out["issues_closed"] = s.issues_closed;
    out["reviews_submitted"] = s.reviews;
    out["comments_posted"] = s.comments;
    out["issues_created"] = s.issues_created;
    out["ci_fixed"] = ci_fixed;
  }

  std::vector<std::string> deliverables;
  std::unordered_set<std::string> seen;
  auto add_deliverable = [&](const std::string& v) {
    if (seen.insert(v).second)
      deliverables.push_back(v);
  };
  for (const auto& c : git_commits)
    add_deliverable(c);
  for (const auto& m : s.pr_merges)
    add_deliverable("merge " + m);
  for (const auto& w : s.file_writes)
    add_deliverable(w);
  boost::json::array details;
  for (const auto& v : deliverables) {
    if (auto it = s.details.find(v); it != s.details.end()) {
      details.emplace_back(it->second);
    } else if (auto ex = extra_details.find(v); ex != extra_details.end()) {
      details.emplace_back(ex->second);
    } else {
      boost::json::object detail;
      detail["value"] = v;
      detail["kind"] = infer_deliverable_kind(v);
      detail["provenance_class"] = "fallback_observed";
      detail["evidence"] = boost::json::object{{"source", "projection_fallback"}};
      details.emplace_back(std::move(detail));
    }
  }
  out["deliverables"] = to_array(deliverables);
  out["deliverable_details"] = std::move(details);
  if (p.summarizer)
    out["summarizer_fired"] = s.summarizer_fired;

  const std::optional<std::string> category = infer_category(out, s.lookups.committed_files);
  const bool productive = is_productive(out);
  const double grade = grade_signals(out, category);
  out["format"] = p.format;
  out["productive"] = productive;
  out["grade"] = grade;
  out["inferred_category"] = category ? boost::json::value(*category) : boost::json::value(nullptr);
  if (p.usage != UsageStyle::none) {
    boost::json::object usage = s.usage_block();
    if (!usage.empty())
      out["usage"] = std::move(usage);
  }
  if (p.timings) {
    boost::json::object timings = s.timings_block();
    if (!timings.empty())
      out["timings"] = std::move(timings);
  }
  return out;
}

} // namespace gptme_sessions::core::signals
