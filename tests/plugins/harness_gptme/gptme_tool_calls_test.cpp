#include "gptme_tool_calls.hpp"

#include <boost/test/unit_test.hpp>

using namespace gptme_sessions::plugins::harness_gptme;

namespace {

std::string summary(const std::vector<GptmeToolCall>& calls) {
  std::string out;
  for (const auto& c : calls)
    out += c.tool + (c.path.empty() ? "" : "=" + c.path) + ";";
  return out;
}

} // namespace

BOOST_AUTO_TEST_SUITE(plugins_harness_gptme_tool_calls)

BOOST_AUTO_TEST_CASE(tool_format_parallel_calls_and_paths) {
  BOOST_TEST(summary(parse_tool_format_calls(
                 "Two at once.\n\n@save(a): {\"path\": \"x.py\", \"content\": \"@shell(z): no\"}\n"
                 "@patch(b): {\"patch\": \"...\",\n \"path\":\"y.py\"}")) ==
             "save=x.py;patch=y.py;");
  BOOST_TEST(summary(parse_tool_format_calls("@complete(c): {}")) == "complete;");
  // A call id may span lines up to the first ')'.
  BOOST_TEST(summary(parse_tool_format_calls("@shell(a\nb): {}")) == "shell;");
  BOOST_TEST(summary(parse_tool_format_calls("@shell (a): {}")).empty());
  BOOST_TEST(summary(parse_tool_format_calls("@save(a): {\"path\": \"\"}")) == "save;");
}

BOOST_AUTO_TEST_CASE(markdown_blocks) {
  BOOST_TEST(summary(parse_markdown_calls("```ipython\n1+1\n```\n```py\n2\n```")) ==
             "ipython;ipython;");
  BOOST_TEST(summary(parse_markdown_calls("```patch src/x.py\n<<<<<<< ORIGINAL\n```")) ==
             "patch=src/x.py;");
  BOOST_TEST(summary(parse_markdown_calls("```append notes.md\nmore\n```")) == "append;");
  BOOST_TEST(summary(parse_markdown_calls("```python\nprint()\n```\n```\nbare\n```")).empty());
  BOOST_TEST(summary(parse_markdown_calls("  ```shell\nindented is not a block\n```")).empty());
}

BOOST_AUTO_TEST_CASE(tool_format_wins_over_markdown) {
  BOOST_TEST(summary(parse_tool_calls("@shell(a): {\"command\": \"ls\"}\n```shell\nls\n```")) ==
             "shell;");
  BOOST_TEST(summary(parse_tool_calls("```shell\nls\n```")) == "shell;");
  BOOST_TEST(is_write_tool("save"));
  BOOST_TEST(is_write_tool("edit"));
  BOOST_TEST(!is_write_tool("append"));
}

BOOST_AUTO_TEST_SUITE_END()
