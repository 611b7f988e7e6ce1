// What a shell command and its output say about GitHub activity, background tasks and
// journal files (spec §4.3). Format-independent: any harness with a shell tool can use it.
#pragma once

#include <gptme_sessions/core/export.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gptme_sessions::core::signals {

struct GhCommandFacts {
  bool interaction = false;    // review/comment/close/reopen/merge/edit/create or api comments
  bool review = false;         // gh pr review
  bool comment = false;        // gh pr|issue comment, gh api .../comments
  bool issue_create = false;   // gh issue create
  bool pr_create = false;      // gh pr create
  bool issue_close = false;    // gh issue close
  bool ci_failure_log = false; // gh run view ... --log-failed
  bool pr_merge = false;       // gh pr merge
  std::optional<std::string> merge_repo; // --repo owner/name of the merge
  std::optional<std::string> merge_pr;   // the PR number given to gh pr merge
};

GPTME_SESSIONS_CORE_EXPORT GhCommandFacts analyze_gh_command(std::string_view command);

// N of every "Squashed and merged pull request #N" / "Rebased and merged pull request #N" /
// "Merged pull request #N" line, in order.
GPTME_SESSIONS_CORE_EXPORT std::vector<std::string> merged_pr_numbers(std::string_view output);

struct PullRequestUrl {
  std::string repo; // owner/name
  std::string number;
};
// The first https://github.com/<owner>/<repo>/pull/<N> in output.
GPTME_SESSIONS_CORE_EXPORT std::optional<PullRequestUrl> first_pr_url(std::string_view output);

// Paths of "Output is being written to: <path>.output" pointers (background tasks).
GPTME_SESSIONS_CORE_EXPORT std::vector<std::string>
background_output_paths(std::string_view output);

// Targets of `cat > <path>.md` / `cat >> <path>.md` redirections (heredocs), stripped, in
// order; unresolved shell expansions are kept verbatim.
GPTME_SESSIONS_CORE_EXPORT std::vector<std::string>
heredoc_markdown_targets(std::string_view command);

// Resolves a heredoc journal target the way the reference does: $(date +%Y-%m-%d) and
// $(date +%H%M) (also backslash-escaped) from `latest`; remaining ${...} globbed against the
// filesystem (match with mtime closest to `latest`); any other $( -> nullopt. Only paths
// that exist as regular files are returned.
GPTME_SESSIONS_CORE_EXPORT std::optional<std::string>
resolve_journal_target(std::string target, const std::optional<Timestamp>& latest);

} // namespace gptme_sessions::core::signals
