// Caller deliverables against trajectory evidence (spec §12 step 6), case by case.
#include "commands/post_session_deliverables.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

using namespace gptme_sessions::host;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(host_commands_post_session_deliverables)

namespace {

json::object signals(const std::string& deliverables, bool productive) {
  return json::parse("{\"deliverables\": " + deliverables +
                     ", \"deliverable_details\": [], \"productive\": " +
                     (productive ? "true" : "false") + "}")
      .as_object();
}

std::string reason(const json::value& detail) {
  const auto& evidence = detail.as_object().at("evidence").as_object();
  return std::string(evidence.contains("reason") ? evidence.at("reason").as_string()
                                                 : evidence.at("validation").as_string());
}

} // namespace

BOOST_AUTO_TEST_CASE(no_caller_list_takes_the_trajectory) {
  const std::vector<std::string> caller;
  const auto s = signals("[\"a.py\", \"PR #3\"]", true);
  const auto r = resolve_deliverables({caller, &s, true});
  BOOST_TEST(r.values == (std::vector<std::string>{"a.py", "PR #3"}));
  BOOST_TEST(r.details.at(1).as_object().at("kind").as_string() == "pull_request");
  BOOST_TEST(r.details.at(1).as_object().at("evidence").as_object().at("source").as_string() ==
             "projection_fallback");
  BOOST_TEST(r.warnings.empty());
}

BOOST_AUTO_TEST_CASE(no_trajectory_takes_the_caller_list) {
  const std::vector<std::string> caller{"abc1234", "notes.md"};
  const auto r = resolve_deliverables({caller, nullptr, true});
  BOOST_TEST(r.values == caller);
  BOOST_TEST(r.details.at(0).as_object().at("kind").as_string() == "commit");
  BOOST_TEST(r.details.at(1).as_object().at("kind").as_string() == "file");
  BOOST_TEST(reason(r.details.at(0)) == "no_trajectory");
}

BOOST_AUTO_TEST_CASE(shas_are_validated_by_trajectory_hash_prefixes) {
  const std::vector<std::string> caller{"DEADBEEF00", "8C41D07E5A9B", "https://x/pull/1"};
  const auto s = signals("[\"fix: y (8c41d07)\", \"src/a.py\"]", true);
  const auto r = resolve_deliverables({caller, &s, true});
  BOOST_TEST(r.values == (std::vector<std::string>{
                             "fix: y (8c41d07)", "src/a.py", "8C41D07E5A9B", "https://x/pull/1"}));
  BOOST_TEST(reason(r.details.at(2)) == "trajectory_sha_prefix");
  BOOST_TEST(reason(r.details.at(3)) == "non_sha_passthrough");
  BOOST_REQUIRE_EQUAL(r.warnings.size(), 1u);
  BOOST_TEST(r.warnings[0] == "Dropping 1 git-range commit(s) absent from trajectory (likely "
                              "from a concurrent session): ['DEADBEEF00']");
}

BOOST_AUTO_TEST_CASE(trajectory_without_hashes_goes_after_the_caller_items) {
  const std::vector<std::string> caller{"abc1234", "a.py"};
  const auto s = signals("[\"a.py\", \"b.py\"]", true);
  const auto r = resolve_deliverables({caller, &s, true});
  BOOST_TEST(r.values == (std::vector<std::string>{"abc1234", "a.py", "b.py"}));
  BOOST_TEST(reason(r.details.at(0)) == "trajectory_has_no_sha");
}

BOOST_AUTO_TEST_CASE(empty_trajectory_deliverables) {
  const std::vector<std::string> caller{"abc1234"};
  const auto noop = signals("[]", false);
  const auto dropped = resolve_deliverables({caller, &noop, true});
  BOOST_TEST(dropped.values.empty());
  BOOST_TEST(dropped.warnings.at(0) == "Dropping 1 git-range commit(s): trajectory determined "
                                       "noop with no deliverables (SHAs from concurrent session)");
  const auto unreliable = resolve_deliverables({caller, &noop, false});
  BOOST_TEST(unreliable.values == caller);
  BOOST_TEST(reason(unreliable.details.at(0)) == "trajectory_unreliable");
  const auto productive = signals("[]", true);
  const auto empty = resolve_deliverables({caller, &productive, true});
  BOOST_TEST(reason(empty.details.at(0)) == "trajectory_empty");
}

BOOST_AUTO_TEST_CASE(kinds) {
  BOOST_TEST(infer_deliverable_kind("merge-commit (abc1234)") == "merge_commit");
  BOOST_TEST(infer_deliverable_kind("merge PR #12") == "pull_request");
  BOOST_TEST(infer_deliverable_kind("https://github.com/a/b/pull/9") == "pull_request");
  BOOST_TEST(infer_deliverable_kind("feat: x (abcdef1)") == "commit");
  BOOST_TEST(infer_deliverable_kind("abcdef1") == "commit");
  BOOST_TEST(infer_deliverable_kind("abcdef") == "file");
  BOOST_TEST(infer_deliverable_kind("src/x.py") == "file");
}

BOOST_AUTO_TEST_SUITE_END()
