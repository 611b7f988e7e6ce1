#include "python_text_scan.hpp"

#include <gptme_sessions/core/signals/shell_command.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <glob.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <sys/stat.h>

namespace gptme_sessions::core::signals {
namespace {

using detail::skip_spaces;
using detail::space_at;
using detail::word_at;

constexpr std::size_t npos = std::string_view::npos;

// \s+ from pos, npos when there is none.
std::size_t spaces1(std::string_view s, std::size_t pos) {
  const std::size_t end = skip_spaces(s, pos);
  return end == pos ? npos : end;
}

std::size_t literal(std::string_view s, std::size_t pos, std::string_view lit) {
  if (pos == npos || pos > s.size() || s.size() - pos < lit.size() ||
      s.compare(pos, lit.size(), lit) != 0)
    return npos;
  return pos + lit.size();
}

bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

std::size_t digits1(std::string_view s, std::size_t pos) {
  std::size_t end = pos;
  while (end < s.size() && is_digit(s[end]))
    ++end;
  return end == pos ? npos : end;
}

// End of the run of non-whitespace characters starting at pos.
std::size_t non_space_run(std::string_view s, std::size_t pos) {
  while (pos < s.size() && space_at(s, pos) == 0) {
    char32_t cp = 0;
    pos += utf8_decode(s, pos, cp);
  }
  return pos;
}

// api\s+repos/\S+/(pulls|issues)/\d+/(comments|reviews) starting after "api". Returns the
// matched resource ("comments"/"reviews") or an empty view.
std::string_view match_api_thread(std::string_view s, std::size_t pos) {
  pos = literal(s, spaces1(s, pos), "repos/");
  if (pos == npos)
    return {};
  const std::size_t token_end = non_space_run(s, pos);
  const std::string_view token = s.substr(pos, token_end - pos);
  // \S+ is greedy and backtracks: prefer the last split that lets the tail match.
  std::string_view found;
  for (std::size_t slash = token.find('/', 1); slash != npos; slash = token.find('/', slash + 1)) {
    std::size_t p = slash + 1;
    std::size_t kind_end = literal(token, p, "pulls/");
    if (kind_end == npos)
      kind_end = literal(token, p, "issues/");
    if (kind_end == npos)
      continue;
    const std::size_t num_end = digits1(token, kind_end);
    if (num_end == npos || num_end >= token.size() || token[num_end] != '/')
      continue;
    if (literal(token, num_end + 1, "comments") != npos)
      found = "comments";
    else if (literal(token, num_end + 1, "reviews") != npos)
      found = "reviews";
  }
  return found;
}

bool any_prefix(std::string_view s,
                std::size_t pos,
                std::initializer_list<std::string_view> words) {
  for (auto w : words)
    if (literal(s, pos, w) != npos)
      return true;
  return false;
}

// The PR number after "gh pr merge": flags are skipped, a flag may take one value that starts
// with neither '-' nor a digit.
std::optional<std::string> merge_number(std::string_view s, std::size_t pos) {
  pos = spaces1(s, pos);
  while (pos != npos && pos < s.size()) {
    if (is_digit(s[pos]))
      return std::string(s.substr(pos, digits1(s, pos) - pos));
    if (s[pos] != '-')
      return std::nullopt;
    const std::size_t flag_end = non_space_run(s, pos);
    if (flag_end == pos + 1)
      return std::nullopt;
    std::size_t next = spaces1(s, flag_end);
    if (next == npos)
      return std::nullopt;
    if (next < s.size() && s[next] != '-' && !is_digit(s[next])) {
      const std::size_t after_value = spaces1(s, non_space_run(s, next));
      // Taking the value only helps if a flag or the number follows it.
      if (after_value != npos && after_value < s.size() &&
          (s[after_value] == '-' || is_digit(s[after_value])))
        next = after_value;
      else
        return std::nullopt;
    }
    pos = next;
  }
  return std::nullopt;
}

std::optional<std::string> repo_flag(std::string_view s) {
  for (std::size_t pos = s.find("--repo"); pos != npos; pos = s.find("--repo", pos + 1)) {
    std::size_t p = pos + 6;
    if (p < s.size() && s[p] == '=')
      ++p;
    else if ((p = spaces1(s, p)) == npos)
      continue;
    const std::size_t end = non_space_run(s, p);
    if (end > p)
      return std::string(s.substr(p, end - p));
  }
  return std::nullopt;
}

void replace_all(std::string& text, std::string_view from, std::string_view to) {
  for (std::size_t pos = text.find(from); pos != std::string::npos;
       pos = text.find(from, pos + to.size()))
    text.replace(pos, from.size(), to);
}

bool is_regular_file(const std::string& path) {
  struct stat st {};
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

} // namespace

GhCommandFacts analyze_gh_command(std::string_view s) {
  GhCommandFacts facts;
  bool merge_seen = false;
  for (std::size_t gh = s.find("gh"); gh != npos; gh = s.find("gh", gh + 1)) {
    const std::size_t verb = spaces1(s, gh + 2);
    if (verb == npos)
      continue;
    if (std::size_t p = spaces1(s, literal(s, verb, "pr"));
        literal(s, verb, "pr") != npos && p != npos) {
      if (any_prefix(s, p, {"review", "comment", "close", "reopen", "merge", "edit"}))
        facts.interaction = true;
      if (literal(s, p, "review") != npos && !word_at(s, p + 6))
        facts.review = true;
      if (literal(s, p, "comment") != npos)
        facts.comment = true;
      if (literal(s, p, "create") != npos)
        facts.pr_create = true;
      if (literal(s, p, "merge") != npos) {
        facts.pr_merge = true;
        if (!merge_seen) {
          merge_seen = true;
          facts.merge_pr = merge_number(s, p + 5);
          facts.merge_repo = repo_flag(s.substr(p));
        }
      }
    } else if (std::size_t q = spaces1(s, literal(s, verb, "issue"));
               literal(s, verb, "issue") != npos && q != npos) {
      if (any_prefix(s, q, {"comment", "close", "reopen", "edit", "create"}))
        facts.interaction = true;
      if (literal(s, q, "comment") != npos)
        facts.comment = true;
      if (literal(s, q, "create") != npos)
        facts.issue_create = true;
      if (literal(s, q, "close") != npos)
        facts.issue_close = true;
    } else if (literal(s, verb, "api") != npos) {
      const std::string_view thread = match_api_thread(s, verb + 3);
      if (!thread.empty())
        facts.interaction = true;
      if (thread == "comments")
        facts.comment = true;
    } else if (std::size_t r = spaces1(s, literal(s, verb, "run"));
               literal(s, verb, "run") != npos && r != npos && literal(s, r, "view") != npos) {
      const std::size_t line_end = std::min(s.find('\n', r), s.size());
      if (s.substr(r, line_end - r).find("--log-failed") != npos)
        facts.ci_failure_log = true;
    }
  }
  return facts;
}

std::vector<std::string> merged_pr_numbers(std::string_view output) {
  std::vector<std::string> numbers;
  static constexpr std::string_view k_tail = "pull request #";
  for (std::size_t pos = output.find(k_tail); pos != npos; pos = output.find(k_tail, pos + 1)) {
    const std::string_view before = output.substr(0, pos);
    if (!before.ends_with("Squashed and merged ") && !before.ends_with("Rebased and merged ") &&
        !before.ends_with("Merged "))
      continue;
    const std::size_t num = pos + k_tail.size();
    const std::size_t end = digits1(output, num);
    if (end != npos)
      numbers.emplace_back(output.substr(num, end - num));
  }
  return numbers;
}

std::optional<PullRequestUrl> first_pr_url(std::string_view output) {
  static constexpr std::string_view k_prefix = "https://github.com/";
  for (std::size_t pos = output.find(k_prefix); pos != npos; pos = output.find(k_prefix, pos + 1)) {
    const std::size_t owner = pos + k_prefix.size();
    auto segment_end = [&](std::size_t p) {
      while (p < output.size() && output[p] != '/' && space_at(output, p) == 0)
        ++p;
      return p;
    };
    const std::size_t owner_end = segment_end(owner);
    if (owner_end == owner || owner_end >= output.size() || output[owner_end] != '/')
      continue;
    const std::size_t repo = owner_end + 1;
    const std::size_t repo_end = segment_end(repo);
    if (repo_end == repo)
      continue;
    const std::size_t num = literal(output, repo_end, "/pull/");
    if (num == npos)
      continue;
    const std::size_t num_end = digits1(output, num);
    if (num_end == npos)
      continue;
    return PullRequestUrl{std::string(output.substr(owner, repo_end - owner)),
                          std::string(output.substr(num, num_end - num))};
  }
  return std::nullopt;
}

std::vector<std::string> background_output_paths(std::string_view output) {
  std::vector<std::string> paths;
  static constexpr std::string_view k_marker = "Output is being written to: ";
  std::size_t pos = 0;
  while ((pos = output.find(k_marker, pos)) != npos) {
    const std::size_t start = pos + k_marker.size();
    const std::size_t line_end = std::min(output.find('\n', start), output.size());
    const std::string_view line = output.substr(start, line_end - start);
    const std::size_t last = line.rfind(".output");
    if (last == npos) {
      pos = start;
      continue;
    }
    paths.emplace_back(line.substr(0, last + 7));
    pos = start + last + 7;
  }
  return paths;
}

std::vector<std::string> heredoc_markdown_targets(std::string_view s) {
  std::vector<std::string> targets;
  std::size_t pos = 0;
  while ((pos = s.find("cat", pos)) != npos) {
    std::size_t p = skip_spaces(s, pos + 3);
    if (p >= s.size() || s[p] != '>') {
      ++pos;
      continue;
    }
    ++p;
    if (p < s.size() && s[p] == '>')
      ++p;
    const std::size_t group = skip_spaces(s, p);
    const std::size_t line_end = std::min(s.find('\n', group), s.size());
    std::size_t match_end = npos;
    std::size_t group_end = npos;
    for (std::size_t md = s.find(".md", group); md != npos && md + 3 <= line_end;
         md = s.find(".md", md + 1)) {
      const std::size_t after = md + 3;
      const std::size_t run_end = skip_spaces(s, after);
      if (run_end > after && literal(s, run_end, "<<") != npos) {
        group_end = after;
        match_end = run_end + 2;
        break;
      }
      const std::string_view run = s.substr(after, run_end - after);
      if (run_end == s.size() || run.find('\n') != npos) {
        group_end = after;
        match_end = run_end == s.size() ? run_end : after + run.rfind('\n');
        break;
      }
    }
    if (group_end == npos) {
      ++pos;
      continue;
    }
    targets.emplace_back(python_strip(s.substr(group, group_end - group)));
    pos = std::max(match_end, pos + 1);
  }
  return targets;
}

std::optional<std::string> resolve_journal_target(std::string target,
                                                  const std::optional<Timestamp>& latest) {
  if (latest && target.find("$(") != std::string::npos) {
    const std::string date = wall_date(*latest);
    const std::string hhmm = wall_hhmm(*latest);
    replace_all(target, "\\$(date +%Y-%m-%d)", date);
    replace_all(target, "$(date +%Y-%m-%d)", date);
    replace_all(target, "\\$(date +%H%M)", hhmm);
    replace_all(target, "$(date +%H%M)", hhmm);
  }
  if (target.find("${") != std::string::npos) {
    std::string pattern;
    for (std::size_t pos = 0; pos < target.size();) {
      const std::size_t open = target.find("${", pos);
      const std::size_t close = open == std::string::npos ? open : target.find('}', open + 2);
      if (open == std::string::npos || close == std::string::npos || close == open + 2) {
        // "${}" or an unterminated "${" stays literal, as [^}]+ needs one character.
        const std::size_t stop = open == std::string::npos ? target.size() : open + 1;
        pattern.append(target, pos, stop - pos);
        pos = stop;
        continue;
      }
      pattern.append(target, pos, open - pos);
      pattern += '*';
      pos = close + 1;
    }
    glob_t found{};
    std::optional<std::string> best;
    if (::glob(pattern.c_str(), 0, nullptr, &found) == 0) {
      const double end_s = latest ? static_cast<double>(latest->instant_us()) / 1e6 : 0.0;
      double best_distance = std::numeric_limits<double>::infinity();
      for (std::size_t i = 0; i < found.gl_pathc; ++i) {
        struct stat st {};
        double distance = std::numeric_limits<double>::infinity();
        if (::stat(found.gl_pathv[i], &st) == 0)
          distance = std::fabs(static_cast<double>(st.st_mtim.tv_sec) +
                               static_cast<double>(st.st_mtim.tv_nsec) / 1e9 - end_s);
        if (!best || distance < best_distance) {
          best = found.gl_pathv[i];
          best_distance = distance;
        }
      }
    }
    ::globfree(&found);
    if (!best)
      return std::nullopt;
    target = *best;
  } else if (target.find("$(") != std::string::npos) {
    return std::nullopt;
  }
  if (!is_regular_file(target))
    return std::nullopt;
  return target;
}

} // namespace gptme_sessions::core::signals
