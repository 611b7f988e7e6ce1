#include <gptme_sessions/core/signals/grading.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <boost/json/array.hpp>

#include <algorithm>
#include <unordered_set>
#include <utility>

namespace gptme_sessions::core::signals {
namespace {

std::int64_t int_of(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr)
    return 0;
  if (v->is_int64())
    return v->get_int64();
  if (v->is_uint64())
    return static_cast<std::int64_t>(v->get_uint64());
  if (v->is_double())
    return static_cast<std::int64_t>(v->get_double());
  if (v->is_bool())
    return v->get_bool() ? 1 : 0;
  return 0;
}

const boost::json::array& array_of(const boost::json::object& o, std::string_view key) {
  static const boost::json::array k_empty;
  const auto* v = o.if_contains(key);
  return v != nullptr && v->is_array() ? v->get_array() : k_empty;
}

std::vector<std::string_view> strings_of(const boost::json::object& o, std::string_view key) {
  std::vector<std::string_view> out;
  for (const auto& v : array_of(o, key))
    if (v.is_string())
      out.emplace_back(v.get_string());
  return out;
}

std::size_t distinct_count(const std::vector<std::string_view>& items) {
  std::unordered_set<std::string_view> seen(items.begin(), items.end());
  return seen.size();
}

bool truthy(const boost::json::object& o, std::string_view key) {
  const auto* v = o.if_contains(key);
  if (v == nullptr || v->is_null())
    return false;
  if (v->is_bool())
    return v->get_bool();
  return int_of(o, key) != 0;
}

bool is_word_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_hex(char c, bool allow_upper) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (allow_upper && c >= 'A' && c <= 'F');
}

// (\w+)\(([^)]+)\) at the start: the type and scope of a conventional commit.
std::optional<std::pair<std::string_view, std::string_view>>
type_and_scope(std::string_view commit) {
  std::size_t pos = 0;
  while (pos < commit.size() && is_word_char(commit[pos]))
    ++pos;
  if (pos == 0 || pos >= commit.size() || commit[pos] != '(')
    return std::nullopt;
  const std::size_t close = commit.find(')', pos + 1);
  if (close == std::string_view::npos || close == pos + 1)
    return std::nullopt;
  return std::make_pair(commit.substr(0, pos), commit.substr(pos + 1, close - pos - 1));
}

// (^|/)segment(/|$) on a lower-cased path.
bool dir_in_path(std::string_view segment, std::string_view path) {
  for (std::size_t pos = path.find(segment); pos != std::string_view::npos;
       pos = path.find(segment, pos + 1)) {
    const bool starts = pos == 0 || path[pos - 1] == '/';
    const std::size_t end = pos + segment.size();
    const bool ends = end == path.size() || path[end] == '/';
    if (starts && ends)
      return true;
  }
  return false;
}

const char* path_category(std::string_view p) {
  if (dir_in_path("lesson", p) || dir_in_path("lessons", p) || dir_in_path("patterns", p))
    return "knowledge";
  if (dir_in_path("test", p) || dir_in_path("tests", p) ||
      p.find("_test.") != std::string_view::npos || p.find("test_") != std::string_view::npos)
    return "code";
  if (dir_in_path("scripts", p) || dir_in_path("hooks", p) || dir_in_path("ci", p))
    return "infrastructure";
  if (dir_in_path("standup", p) || dir_in_path("standups", p))
    return "coordination";
  if (dir_in_path("tasks", p))
    return "triage";
  for (std::string_view ext : {".py", ".sh", ".ts", ".js", ".rs", ".go"})
    if (p.ends_with(ext))
      return "code";
  return nullptr;
}

const char* prefix_category(std::string_view commit, std::string& prefix) {
  static constexpr std::pair<std::string_view, const char*> k_prefixes[] = {
      {"feat", "code"},
      {"fix", "code"},
      {"refactor", "code"},
      {"perf", "code"},
      {"test", "code"},
      {"ci", "infrastructure"},
      {"build", "infrastructure"},
      {"docs", "content"},
      {"style", "code"},
  };
  for (const auto& [p, category] : k_prefixes) {
    if (commit.starts_with(p) && (commit.size() == p.size() || !is_word_char(commit[p.size()]))) {
      prefix = p;
      return category;
    }
  }
  return nullptr;
}

const char* scope_category(const std::string& scope) {
  static constexpr std::pair<std::string_view, const char*> k_scopes[] = {
      {"lessons", "knowledge"},
      {"lesson", "knowledge"},
      {"tasks", "triage"},
      {"standup", "coordination"},
      {"orchestration", "coordination"},
      {"scripts", "infrastructure"},
      {"hooks", "infrastructure"},
      {"ci", "infrastructure"},
  };
  for (const auto& [s, category] : k_scopes)
    if (scope == s)
      return category;
  static constexpr const char* k_categories[] = {"code",
                                                 "infrastructure",
                                                 "content",
                                                 "triage",
                                                 "cross-repo",
                                                 "self-review",
                                                 "strategic",
                                                 "research",
                                                 "monitoring",
                                                 "social",
                                                 "news",
                                                 "cleanup",
                                                 "pm-react",
                                                 "knowledge",
                                                 "coordination",
                                                 "novelty"};
  for (const char* c : k_categories)
    if (scope == c)
      return c;
  return nullptr;
}

// Insertion-ordered vote tally: ties go to the category voted for first.
class Votes {
public:
  void add(const std::string& category, std::int64_t n) {
    for (auto& [c, count] : m_votes)
      if (c == category) {
        count += n;
        return;
      }
    m_votes.emplace_back(category, n);
  }
  std::optional<std::string> winner() const {
    const std::pair<std::string, std::int64_t>* best = nullptr;
    for (const auto& v : m_votes)
      if (best == nullptr || v.second > best->second)
        best = &v;
    if (best == nullptr || best->second < 2)
      return std::nullopt;
    return best->first;
  }

private:
  std::vector<std::pair<std::string, std::int64_t>> m_votes;
};

void ordered_count(std::vector<std::pair<std::string, std::int64_t>>& counts,
                   const std::string& key) {
  for (auto& [k, n] : counts)
    if (k == key) {
      ++n;
      return;
    }
  counts.emplace_back(key, 1);
}

} // namespace

std::string_view trailing_commit_hash(std::string_view value) {
  std::size_t end = value.size();
  while (end > 0 && is_python_space(static_cast<unsigned char>(value[end - 1])))
    --end;
  if (end == 0 || value[end - 1] != ')')
    return {};
  const std::size_t open = value.rfind('(', end - 1);
  if (open == std::string_view::npos)
    return {};
  const std::string_view hash = value.substr(open + 1, end - 1 - open - 1);
  if (hash.size() < 7 || hash.size() > 40)
    return {};
  for (char c : hash)
    if (!is_hex(c, false))
      return {};
  return hash;
}

std::string infer_deliverable_kind(std::string_view value) {
  if (value.starts_with("merge-commit ("))
    return "merge_commit";
  if (value.starts_with("merge PR #") || value.starts_with("PR #") ||
      value.find("/pull/") != std::string_view::npos)
    return "pull_request";
  const bool bare_sha =
      value.size() >= 7 && value.size() <= 40 &&
      std::all_of(value.begin(), value.end(), [](char c) { return is_hex(c, true); });
  if (bare_sha || !trailing_commit_hash(value).empty())
    return "commit";
  return "file";
}

bool is_productive(const boost::json::object& s) {
  const auto writes = strings_of(s, "file_writes");
  return !array_of(s, "git_commits").empty() || distinct_count(writes) >= 2 ||
         int_of(s, "gh_interactions") >= 1 || !array_of(s, "prs_submitted").empty() ||
         !array_of(s, "pr_merges").empty() || int_of(s, "issues_closed") >= 1 ||
         truthy(s, "ci_fixed");
}

double grade_signals(const boost::json::object& s, const std::optional<std::string>& category) {
  const auto commits = static_cast<std::int64_t>(array_of(s, "git_commits").size());
  const auto writes = static_cast<std::int64_t>(distinct_count(strings_of(s, "file_writes")));
  const std::int64_t gh = int_of(s, "gh_interactions");
  double units = static_cast<double>(commits);
  units += 1.5 * static_cast<double>(array_of(s, "pr_merges").size());
  units += 1.2 * static_cast<double>(array_of(s, "prs_submitted").size());
  units += 0.4 * static_cast<double>(int_of(s, "issues_closed"));
  units += 0.8 * (truthy(s, "ci_fixed") ? 1.0 : 0.0);

  std::int64_t total_tools = 0;
  bool has_complete = false;
  if (const auto* calls = s.if_contains("tool_calls"); calls != nullptr && calls->is_object()) {
    for (const auto& kv : calls->get_object()) {
      if (kv.value().is_int64())
        total_tools += kv.value().get_int64();
      if (kv.key() == "complete")
        has_complete = true;
    }
  }
  static constexpr std::string_view k_non_commit[] = {
      "pm-react", "research", "triage", "social", "self-review"};
  const bool nc =
      category && std::find(std::begin(k_non_commit), std::end(k_non_commit), *category) !=
                      std::end(k_non_commit);
  double base = 0.0;
  if (units == 0 && writes == 0 && gh == 0)
    base = total_tools == 0 ? 0.10 : nc ? 0.35 : 0.25;
  else if (units == 0)
    base = (writes + gh >= 3 || (nc && writes + gh >= 1)) ? 0.55 : 0.40;
  else if (units < 1.5)
    base = 0.60;
  else if (units < 2.5)
    base = 0.70;
  else if (units < 3.5)
    base = 0.78;
  else
    base = std::min(0.92, 0.80 + 0.03 * (units - 4));
  if (total_tools > 0) {
    const double rate =
        static_cast<double>(int_of(s, "error_count")) / static_cast<double>(total_tools);
    if (rate > 0.15)
      base -= 0.10;
    else if (rate > 0.05)
      base -= 0.05;
  }
  const std::int64_t retries = int_of(s, "retry_count");
  if (retries >= 3)
    base -= 0.08;
  else if (retries >= 1)
    base -= 0.03;
  if (has_complete)
    base += 0.03;
  return py_round(std::max(0.0, std::min(1.0, base)), 4);
}

std::optional<std::string> infer_category(const boost::json::object& s,
                                          const CommittedFilesFn& committed_files) {
  const auto commits = strings_of(s, "git_commits");
  const auto writes = strings_of(s, "file_writes");
  if (int_of(s, "gh_interactions") >= 2 && commits.empty() && writes.empty())
    return "pm-react";

  std::vector<std::string> committed;
  if (committed_files) {
    for (auto commit : commits) {
      const std::string_view sha = trailing_commit_hash(commit);
      if (!sha.empty())
        for (auto& f : committed_files(sha))
          committed.push_back(std::move(f));
    }
  }

  std::vector<std::pair<std::string, std::int64_t>> prefix_counts;
  for (auto commit : commits) {
    if (auto ts = type_and_scope(commit);
        ts && ascii_lower(ts->first) == "docs" && ascii_lower(ts->second) == "journal")
      continue;
    std::string prefix;
    if (prefix_category(commit, prefix) != nullptr)
      ordered_count(prefix_counts, prefix);
  }
  std::vector<std::pair<std::string, std::int64_t>> scope_counts;
  for (auto commit : commits)
    if (auto ts = type_and_scope(commit))
      ordered_count(scope_counts, ascii_lower(ts->second));

  std::vector<std::pair<std::string, std::int64_t>> path_counts;
  auto add_path = [&](std::string_view path, std::int64_t weight) {
    if (const char* category = path_category(ascii_lower(path))) {
      for (auto& [c, n] : path_counts)
        if (c == category) {
          n += weight;
          return;
        }
      path_counts.emplace_back(category, weight);
    }
  };
  for (auto w : writes)
    add_path(w, 1);
  for (const auto& f : committed)
    add_path(f, 2);

  Votes votes;
  for (const auto& [prefix, n] : prefix_counts) {
    std::string ignored;
    votes.add(prefix_category(prefix, ignored), n);
  }
  for (const auto& [scope, n] : scope_counts)
    if (const char* category = scope_category(scope))
      votes.add(category, n * 2);
  for (const auto& [category, n] : path_counts)
    votes.add(category, n);
  return votes.winner();
}

} // namespace gptme_sessions::core::signals
