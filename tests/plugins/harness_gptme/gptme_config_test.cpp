#include "gptme_config.hpp"
#include "plugin_test_support.hpp"

#include <boost/test/unit_test.hpp>

using namespace gptme_sessions::plugins::harness_gptme;

BOOST_AUTO_TEST_SUITE(plugins_harness_gptme_config)

BOOST_AUTO_TEST_CASE(reads_the_fixture_config) {
  const auto config = read_gptme_config(gptme_sessions::testing::harness_fixtures() / "gptme" /
                                        "2026-03-07-dancing-blue-fish" / "config.toml");
  BOOST_TEST(config.model == "anthropic/claude-sonnet-4-6");
  BOOST_TEST(config.workspace == "/home/user/proj");
  BOOST_TEST(!config.interactive);
}

BOOST_AUTO_TEST_CASE(chat_table_wins_over_top_level_keys) {
  auto config = parse_gptme_config("model = \"top\"\nworkspace = 'w-top'\ninteractive = false\n"
                                   "[chat]\nmodel = \"chat\"\nworkspace = \"\"\n");
  BOOST_TEST(config.model == "chat");
  BOOST_TEST(config.workspace == "w-top");
  BOOST_TEST(!config.interactive);
  config = parse_gptme_config("[env]\nmodel = \"not this\"\n");
  BOOST_TEST(config.model.empty());
  BOOST_TEST(config.interactive);
}

BOOST_AUTO_TEST_CASE(accepts_the_toml_gptme_writes) {
  const auto config = parse_gptme_config(R"J(# gptme config
[chat]
name = "x" # trailing comment
tools = [
  "read", # one
  "save",
]
mcp = { enabled = true, servers = [] }
stream = true
max_tokens = 1_000
started = 2026-03-07 09:14:02
prompt = """
multi "line"
"""
literal = '''raw \n'''
model = "a\u00e9\"b"
[[chat.mcp.servers]]
name = "s"
)J");
  BOOST_TEST(config.model == "a\xc3\xa9\"b");
}

BOOST_AUTO_TEST_CASE(syntax_errors_give_defaults) {
  for (const char* bad : {"[chat]\nmodel = \"unterminated\n",
                          "[chat\nmodel = \"x\"\n",
                          "[chat]\nmodel \"x\"\n",
                          "[chat]\nmodel = \"x\" junk\n",
                          "[chat]\nmodel = \"x\"\ntools = [\"a\" \"b\"]\n",
                          "[chat]\nmodel = bare\n"}) {
    const auto config = parse_gptme_config(bad);
    BOOST_TEST(config.model.empty(), bad);
    BOOST_TEST(config.workspace.empty(), bad);
  }
  BOOST_TEST(read_gptme_config("/nonexistent/config.toml").model.empty());
}

BOOST_AUTO_TEST_SUITE_END()
