#include "plugin_test_support.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/core/signals/shell_command.hpp>

#include <boost/test/unit_test.hpp>

#include <utime.h>

#include <sys/stat.h>

namespace sig = gptme_sessions::core::signals;
using gptme_sessions::testing::TempDir;
using gptme_sessions::testing::write_text;

BOOST_AUTO_TEST_SUITE(core_signals_shell_command)

BOOST_AUTO_TEST_CASE(gh_interactions_and_their_kinds) {
  auto f = sig::analyze_gh_command("gh pr review 131 --repo acme/proj --comment --body x");
  BOOST_TEST(f.interaction);
  BOOST_TEST(f.review);
  BOOST_TEST(!f.comment);

  f = sig::analyze_gh_command("gh issue comment 140 --body hi");
  BOOST_TEST(f.interaction);
  BOOST_TEST(f.comment);

  f = sig::analyze_gh_command("gh pr comment 77 --body x");
  BOOST_TEST(f.interaction);
  BOOST_TEST(f.comment);

  f = sig::analyze_gh_command("gh api repos/acme/proj/issues/81/comments -f body=x");
  BOOST_TEST(f.interaction);
  BOOST_TEST(f.comment);

  f = sig::analyze_gh_command("gh api repos/acme/proj/pulls/9/reviews");
  BOOST_TEST(f.interaction);
  BOOST_TEST(!f.comment);

  f = sig::analyze_gh_command("gh issue create --title t --body b");
  BOOST_TEST(f.interaction);
  BOOST_TEST(f.issue_create);

  for (const char* cmd : {"gh pr close 3",
                          "gh pr reopen 3",
                          "gh pr edit 3 --title x",
                          "gh issue reopen 3",
                          "gh issue edit 3",
                          "gh  pr\tmerge 3"})
    BOOST_TEST(sig::analyze_gh_command(cmd).interaction, cmd);
}

BOOST_AUTO_TEST_CASE(non_interactions) {
  for (const char* cmd : {"gh pr create --title x --body y",
                          "gh pr view 131 --json title",
                          "gh issue view 999",
                          "gh api repos/acme/proj/pulls/9",
                          "gh api user",
                          "git push && echo gh",
                          "gh run view 42 --log-failed"}) {
    const auto f = sig::analyze_gh_command(cmd);
    BOOST_TEST(!f.interaction, cmd);
    BOOST_TEST(!f.review, cmd);
    BOOST_TEST(!f.comment, cmd);
  }
  BOOST_TEST(!sig::analyze_gh_command("gh pr reviewers").review);
}

BOOST_AUTO_TEST_CASE(pending_outcomes) {
  BOOST_TEST(sig::analyze_gh_command("git push && gh pr create --title t").pr_create);
  BOOST_TEST(sig::analyze_gh_command("gh issue close 137 --reason x").issue_close);
  BOOST_TEST(sig::analyze_gh_command("gh run view 4242 --log-failed | tail -20").ci_failure_log);
  BOOST_TEST(!sig::analyze_gh_command("gh run view 4242\necho --log-failed").ci_failure_log);
  BOOST_TEST(!sig::analyze_gh_command("gh run view 4242").ci_failure_log);
}

BOOST_AUTO_TEST_CASE(merge_number_and_repo) {
  auto f = sig::analyze_gh_command("gh pr merge 126 --squash --delete-branch");
  BOOST_TEST(f.pr_merge);
  BOOST_TEST(f.merge_pr.value_or("") == "126");
  BOOST_TEST(!f.merge_repo.has_value());

  f = sig::analyze_gh_command("gh pr merge --repo a/b 99");
  BOOST_TEST(f.merge_pr.value_or("") == "99");
  BOOST_TEST(f.merge_repo.value_or("") == "a/b");

  f = sig::analyze_gh_command("gh pr merge -R a/b 45");
  BOOST_TEST(f.merge_pr.value_or("") == "45");

  f = sig::analyze_gh_command("gh pr merge --squash 99 --repo=acme/proj");
  BOOST_TEST(f.merge_pr.value_or("") == "99");
  BOOST_TEST(f.merge_repo.value_or("") == "acme/proj");

  f = sig::analyze_gh_command("gh pr merge https://github.com/a/b/pull/5");
  BOOST_TEST(f.pr_merge);
  BOOST_TEST(!f.merge_pr.has_value());
}

BOOST_AUTO_TEST_CASE(outputs) {
  BOOST_TEST(sig::merged_pr_numbers("\xe2\x9c\x93 Squashed and merged pull request #126 (docs)\n"
                                    "Rebased and merged pull request #7\n"
                                    "Merged pull request #8\n"
                                    "merged pull request #9") ==
                 (std::vector<std::string>{"126", "7", "8"}),
             boost::test_tools::per_element());
  const auto url = sig::first_pr_url("remote: see https://github.com/acme/proj/pull/new/x\n"
                                     "https://github.com/acme/proj/pull/128\n"
                                     "https://github.com/acme/other/pull/129");
  BOOST_REQUIRE(url.has_value());
  BOOST_TEST(url->repo == "acme/proj");
  BOOST_TEST(url->number == "128");
  BOOST_TEST(!sig::first_pr_url("no url here").has_value());
  BOOST_TEST(sig::background_output_paths(
                 "Command running in background\nOutput is being written to: /tmp/a b.output.output"
                 "\nOutput is being written to: /tmp/x.txt") ==
                 (std::vector<std::string>{"/tmp/a b.output.output"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(heredoc_targets) {
  BOOST_TEST(sig::heredoc_markdown_targets("cat > /w/journal/2026-03-10/x.md << 'EOF'\nhi\nEOF") ==
                 (std::vector<std::string>{"/w/journal/2026-03-10/x.md"}),
             boost::test_tools::per_element());
  BOOST_TEST(sig::heredoc_markdown_targets("cat >> notes.md\necho") ==
                 (std::vector<std::string>{"notes.md"}),
             boost::test_tools::per_element());
  // The lazy match extends past a ".md" that is not followed by "<<" or the line end.
  BOOST_TEST(sig::heredoc_markdown_targets("cat > a.md.bak.md <<EOF") ==
                 (std::vector<std::string>{"a.md.bak.md"}),
             boost::test_tools::per_element());
  BOOST_TEST(sig::heredoc_markdown_targets("cat > a.md | tee b").empty());
  BOOST_TEST(sig::heredoc_markdown_targets("cat file.md").empty());
}

BOOST_AUTO_TEST_CASE(journal_targets_resolve_dates_globs_and_existence) {
  TempDir dir;
  const auto journal = dir.path() / "journal";
  write_text(journal / "2026-03-10" / "triage-0730.md", "x");
  const auto latest = sig::parse_timestamp("2026-03-10T07:30:55.312Z");
  const std::string base = journal.string();

  auto resolved =
      sig::resolve_journal_target(base + "/$(date +%Y-%m-%d)/triage-$(date +%H%M).md", latest);
  BOOST_TEST(resolved.value_or("") == base + "/2026-03-10/triage-0730.md");
  resolved = sig::resolve_journal_target(base + "/\\$(date +%Y-%m-%d)/triage-0730.md", latest);
  BOOST_TEST(resolved.value_or("") == base + "/2026-03-10/triage-0730.md");
  // Unknown command substitutions and missing files are skipped.
  BOOST_TEST(!sig::resolve_journal_target(base + "/$(whoami)/x.md", latest).has_value());
  BOOST_TEST(!sig::resolve_journal_target(base + "/2026-03-10/missing.md", latest).has_value());

  // ${...} globs; the match whose mtime is closest to the latest timestamp wins.
  write_text(journal / "2026-03-10" / "triage-0900.md", "y");
  const std::int64_t near = latest->instant_us() / 1'000'000;
  struct utimbuf near_times {
    near, near
  };
  struct utimbuf far_times {
    near - 86400, near - 86400
  };
  ::utime((journal / "2026-03-10" / "triage-0730.md").c_str(), &far_times);
  ::utime((journal / "2026-03-10" / "triage-0900.md").c_str(), &near_times);
  resolved = sig::resolve_journal_target(base + "/${DAY}/triage-${TIME}.md", latest);
  BOOST_TEST(resolved.value_or("") == base + "/2026-03-10/triage-0900.md");
  BOOST_TEST(!sig::resolve_journal_target(base + "/${DAY}/none-${X}.md", latest).has_value());
}

BOOST_AUTO_TEST_SUITE_END()
