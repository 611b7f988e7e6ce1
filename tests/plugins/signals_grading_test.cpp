#include <gptme_sessions/core/signals/grading.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace sig = gptme_sessions::core::signals;

namespace {

boost::json::object obj(std::string_view json) {
  return boost::json::parse(json).as_object();
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_signals_grading)

BOOST_AUTO_TEST_CASE(grade_tiers_follow_units) {
  // Spec §9 derivations.
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"shell": 2, "patch": 2, "save": 1,
      "complete": 1}, "error_count": 1, "retry_count": 1, "git_commits": ["a (1234567)"],
      "file_writes": ["x", "x", "y"]})J"),
                                "code") == 0.5);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"shell": 2, "save": 1}, "error_count": 1,
      "git_commits": [], "file_writes": []})J"),
                                std::nullopt) == 0.15);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"Bash": 6, "Write": 1}, "error_count": 1,
      "pr_merges": ["PR #126"], "issues_closed": 1, "gh_interactions": 4})J"),
                                "pm-react") == 0.65);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {}})J"), std::nullopt) == 0.1);
  // Example E: 1 commit + CI fixed = 1.8 units.
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"Bash": 2}, "git_commits": ["f (0be71c9)"],
      "ci_fixed": true
  })J"),
                                std::nullopt) == 0.7);
  BOOST_TEST(
      sig::grade_signals(obj(R"J({"tool_calls": {"a": 100}, "git_commits": ["1","2","3"]})J"),
                         std::nullopt) == 0.78);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"a": 100},
      "git_commits": ["1","2","3","4","5","6","7","8","9","10"]})J"),
                                std::nullopt) == 0.92);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"a": 100},
      "git_commits": ["1","2","3","4","5"]})J"),
                                std::nullopt) == 0.83);
}

BOOST_AUTO_TEST_CASE(grade_without_units_depends_on_category) {
  // Example F: two interactions, non-commit category -> 0.55; without it 0.40.
  const auto f = obj(R"J({"tool_calls": {"Bash": 2}, "gh_interactions": 2})J");
  BOOST_TEST(sig::grade_signals(f, "pm-react") == 0.55);
  BOOST_TEST(sig::grade_signals(f, std::nullopt) == 0.4);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"Bash": 1}})J"), "research") == 0.35);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"Bash": 1}})J"), "code") == 0.25);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"Write": 3},
      "file_writes": ["a", "b", "c"]})J"),
                                std::nullopt) == 0.55);
}

BOOST_AUTO_TEST_CASE(grade_penalties_and_bonus) {
  const auto base = [](std::string_view extra) {
    return obj(std::string(R"J({"tool_calls": {"Bash": 20}, "git_commits": ["x (1234567)"])J") +
               std::string(extra) + "}");
  };
  BOOST_TEST(sig::grade_signals(base(""), std::nullopt) == 0.6);
  BOOST_TEST(sig::grade_signals(base(R"J(, "error_count": 1)J"), std::nullopt) == 0.6);
  BOOST_TEST(sig::grade_signals(base(R"J(, "error_count": 2)J"), std::nullopt) == 0.55);
  BOOST_TEST(sig::grade_signals(base(R"J(, "error_count": 4)J"), std::nullopt) == 0.5);
  BOOST_TEST(sig::grade_signals(base(R"J(, "retry_count": 2)J"), std::nullopt) == 0.57);
  BOOST_TEST(sig::grade_signals(base(R"J(, "retry_count": 3)J"), std::nullopt) == 0.52);
  BOOST_TEST(sig::grade_signals(obj(R"J({"tool_calls": {"complete": 1}})J"), std::nullopt) == 0.28);
}

BOOST_AUTO_TEST_CASE(productive_rule) {
  BOOST_TEST(!sig::is_productive(obj(R"J({"file_writes": ["a", "a"]})J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"file_writes": ["a", "b"]})J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"git_commits": ["x (1234567)"]
  })J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"gh_interactions": 1})J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"prs_submitted": ["PR #1"]})J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"pr_merges": ["PR #1"]})J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"issues_closed": 1})J")));
  BOOST_TEST(sig::is_productive(obj(R"J({"ci_fixed": true})J")));
  BOOST_TEST(!sig::is_productive(obj(R"J({"ci_fixed": false, "tool_calls": {"a": 3}})J")));
}

BOOST_AUTO_TEST_CASE(category_votes) {
  // Prefix vote + path votes.
  BOOST_TEST(sig::infer_category(obj(R"J({"git_commits": ["feat(cli): x (3f9c2e1)"],
      "file_writes": ["src/proj/cli.py", "src/proj/cli.py", "tests/test_cli.py"]})J"))
                 .value_or("-") == "code");
  // One vote is not enough.
  BOOST_TEST(!sig::infer_category(obj(R"J({"git_commits": ["docs: x (1b7f9e3)"],
      "file_writes": ["/home/user/proj/README.md"]
  })J"))
                  .has_value());
  // Scope votes count twice: lessons -> knowledge beats the code prefix.
  BOOST_TEST(sig::infer_category(obj(R"J({"git_commits": ["feat(lessons): x (1234567)"]
  })J"))
                 .value_or("-") == "knowledge");
  // A scope equal to a category name votes for itself.
  BOOST_TEST(sig::infer_category(obj(R"J({"git_commits": ["chore(monitoring): x (1234567)"]
  })J"))
                 .value_or("-") == "monitoring");
  // docs(journal) loses its prefix vote; chore and "tests:" never vote.
  BOOST_TEST(!sig::infer_category(obj(R"J({"git_commits": ["docs(journal): a (1234567)",
      "docs(Journal): b (1234568)", "chore: c (1234569)", "tests: d (1234560)"]
  })J"))
                  .has_value());
  BOOST_TEST(sig::infer_category(obj(R"J({"git_commits": ["ci: a (1234567)", "build: b (1234568)"]
  })J"))
                 .value_or("-") == "infrastructure");
  // Ties go to the category that got its first vote earliest (prefix before path).
  BOOST_TEST(sig::infer_category(obj(R"J({"git_commits": ["docs: a (1234567)", "docs: b (1234568)"],
      "file_writes": ["scripts/x", "hooks/y"]
  })J"))
                 .value_or("-") == "content");
  // Path rules in order.
  BOOST_TEST(sig::infer_category(obj(R"J({"file_writes": ["lessons/a.py", "Patterns/b.md"]})J"))
                 .value_or("-") == "knowledge");
  BOOST_TEST(
      sig::infer_category(obj(R"J({"file_writes": ["ci/a", "scripts/b"]})J")).value_or("-") ==
      "infrastructure");
  BOOST_TEST(
      sig::infer_category(obj(R"J({"file_writes": ["standups/a", "standup/b"]})J")).value_or("-") ==
      "coordination");
  BOOST_TEST(sig::infer_category(obj(R"J({"file_writes": ["tasks/a.md", "tasks/b.md"]})J"))
                 .value_or("-") == "triage");
  BOOST_TEST(
      !sig::infer_category(obj(R"J({"file_writes": ["mytasks/a.md", "cilium/b"]})J")).has_value());
}

BOOST_AUTO_TEST_CASE(pm_react_needs_interactions_without_output) {
  BOOST_TEST(sig::infer_category(obj(R"J({"gh_interactions": 2})J")).value_or("-") == "pm-react");
  BOOST_TEST(!sig::infer_category(obj(R"J({"gh_interactions": 1})J")).has_value());
  BOOST_TEST(
      !sig::infer_category(obj(R"J({"gh_interactions": 3, "file_writes": ["a"]})J")).has_value());
}

BOOST_AUTO_TEST_CASE(committed_files_vote_twice) {
  int calls = 0;
  const auto lookup = [&](std::string_view sha) {
    ++calls;
    BOOST_TEST(sha == "abcdef1");
    return std::vector<std::string>{"tasks/one.md"};
  };
  BOOST_TEST(sig::infer_category(obj(R"J({"git_commits": ["chore: x (abcdef1)", "no hash"]
  })J"),
                                 lookup)
                 .value_or("-") == "triage");
  BOOST_TEST(calls == 1);
}

BOOST_AUTO_TEST_CASE(deliverable_kinds) {
  BOOST_TEST(sig::infer_deliverable_kind("merge-commit (" + std::string(40, 'a') + ")") ==
             "merge_commit");
  BOOST_TEST(sig::infer_deliverable_kind("merge PR #126") == "pull_request");
  BOOST_TEST(sig::infer_deliverable_kind("PR #3") == "pull_request");
  BOOST_TEST(sig::infer_deliverable_kind("https://github.com/a/b/pull/130") == "pull_request");
  BOOST_TEST(sig::infer_deliverable_kind("8c41d07e5a9b3c1d2e4f6a7b8c9d0e1f2a3b4c5d") == "commit");
  BOOST_TEST(sig::infer_deliverable_kind("fix: x (8c41d07)") == "commit");
  BOOST_TEST(sig::infer_deliverable_kind("src/x.py") == "file");
  BOOST_TEST(sig::infer_deliverable_kind("fix: x (8c41d0)") == "file");
  BOOST_TEST(sig::trailing_commit_hash("fix: x (8c41d07)  ") == "8c41d07");
  BOOST_TEST(sig::trailing_commit_hash("fix: x (8C41D07)").empty());
}

BOOST_AUTO_TEST_SUITE_END()
