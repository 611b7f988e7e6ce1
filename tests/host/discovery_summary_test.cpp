#include "cli_test_support.hpp"
#include "commands/discovery_summary.hpp"

#include <boost/test/unit_test.hpp>

namespace host = gptme_sessions::host;
namespace core = gptme_sessions::core;
using namespace gptme_sessions::testing;

BOOST_AUTO_TEST_SUITE(host_commands_discovery_summary)

BOOST_AUTO_TEST_CASE(fallback_without_sessions) {
  BOOST_TEST(host::discovery_fallback_text({}, 30) ==
             "No session records found in store.\n"
             "No sessions discovered in the last 30 days either.\n"
             "To record sessions, run 'gptme-sessions post-session' after each agent run.");
  BOOST_TEST(host::discovery_fallback_text({}, 1).find("in the last 1 days either.") !=
             std::string::npos);
}

BOOST_AUTO_TEST_CASE(fallback_lists_sessions_per_harness_sorted_by_name) {
  host::DiscoverySummary summary;
  summary.per_harness = {{"gptme", 2}, {"claude-code", 1}, {"copilot-cli", 1}};
  summary.paths = {"/a", "/b", "/c", "/d"};
  BOOST_TEST(host::discovery_fallback_text(summary, 14) ==
             "No session records found in store.\n"
             "Discovered 4 session(s) in the last 14 days:\n"
             "\n"
             "  claude-code     1 session(s)\n"
             "  copilot-cli     1 session(s)\n"
             "  gptme           2 session(s)\n"
             "\n"
             "Run 'gptme-sessions sync' to import sessions into the store for analytics.\n"
             "Run 'gptme-sessions discover' to list session paths.");
}

BOOST_AUTO_TEST_SUITE_END()
