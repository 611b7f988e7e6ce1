#include "plugin_test_support.hpp"

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/plugin_settings.hpp>

#include <boost/test/unit_test.hpp>

#include <cstdlib>

namespace sdk = gptme_sessions::sdk;
using gptme_sessions::testing::RecordingContext;

BOOST_AUTO_TEST_SUITE(sdk_plugin_settings)

BOOST_AUTO_TEST_CASE(flags_are_on_only_for_the_yes_words) {
  RecordingContext context;
  BOOST_TEST(!sdk::config_flag(context, "flag"));
  BOOST_TEST(sdk::config_flag(context, "flag", true));
  for (const char* on : {"1", "true", "yes", "on"}) {
    context.settings["flag"] = on;
    BOOST_TEST(sdk::config_flag(context, "flag"), on);
  }
  // A set value decides, whatever the fallback.
  for (const char* off : {"0", "false", "no", "off", "", "TRUE", " 1"}) {
    context.settings["flag"] = off;
    BOOST_TEST(!sdk::config_flag(context, "flag", true), off);
  }
}

BOOST_AUTO_TEST_CASE(max_line_bytes_applies_when_it_is_a_number) {
  RecordingContext context;
  const std::size_t default_max =
      gptme_sessions::core::signals::JsonlReaderOptions{}.max_line_bytes;
  BOOST_TEST(sdk::jsonl_reader_options(context).max_line_bytes == default_max);
  context.settings["max_line_bytes"] = "4096";
  BOOST_TEST(sdk::jsonl_reader_options(context).max_line_bytes == 4096u);
  context.settings["max_line_bytes"] = "lots";
  BOOST_TEST(sdk::jsonl_reader_options(context).max_line_bytes == default_max);
}

BOOST_AUTO_TEST_CASE(process_env_reads_an_empty_value_as_unset) {
  const char* name = "GPTME_SESSIONS_TEST_PROCESS_ENV";
  ::unsetenv(name);
  BOOST_TEST(!sdk::process_env(name).has_value());
  ::setenv(name, "", 1);
  BOOST_TEST(!sdk::process_env(name).has_value());
  ::setenv(name, "/some/dir", 1);
  BOOST_TEST(sdk::process_env(name).value_or("unset") == "/some/dir");
  ::unsetenv(name);
}

BOOST_AUTO_TEST_SUITE_END()
