#include "plugin_test_support.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/sdk/abi.hpp>
#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/signal_extractor.hpp>

#include <boost/dll/shared_library.hpp>
#include <boost/test/unit_test.hpp>

#include <memory>

namespace sdk = gptme_sessions::sdk;
using namespace gptme_sessions::testing;

namespace {

// Loaded once and never unloaded, as the host does.
const sdk::PluginInfo* load(const std::string& name) {
  const auto path = std::filesystem::path(GPTME_SESSIONS_PLUGIN_DIR) / (name + ".so");
  auto* library = new boost::dll::shared_library(
      path, boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
  return library->get_alias<const sdk::PluginInfo*()>(sdk::k_plugin_entry_symbol)();
}

void check_info(const sdk::PluginInfo* info, std::string_view name) {
  BOOST_REQUIRE(info != nullptr);
  BOOST_TEST(info->abi_version == sdk::k_plugin_abi_version);
  BOOST_TEST(info->info_size == sizeof(sdk::PluginInfo));
  BOOST_TEST(std::string_view(info->build_id) == GPTME_SESSIONS_BUILD_ID);
  BOOST_TEST(std::string_view(info->name) == name);
  BOOST_TEST(std::string_view(info->version) == "0.1.0");
  BOOST_TEST(info->kinds ==
             (sdk::PluginKind::harness_discoverer | sdk::PluginKind::signal_extractor));
  BOOST_TEST(info->make_harness_discoverer != nullptr);
  BOOST_TEST(info->make_signal_extractor != nullptr);
  BOOST_TEST(info->make_judge == nullptr);
}

} // namespace

BOOST_AUTO_TEST_SUITE(plugins_loading)

BOOST_AUTO_TEST_CASE(harness_gptme_loads_and_extracts) {
  const sdk::PluginInfo* info = load("harness-gptme");
  check_info(info, "harness-gptme");
  RecordingContext context;
  auto discoverer = info->make_harness_discoverer(context);
  BOOST_TEST(discoverer->harness_name() == "gptme");
  auto extractor = info->make_signal_extractor(context);
  BOOST_TEST(extractor->format_name() == "gptme");
  const auto out = extractor->extract(harness_fixtures() / "gptme" /
                                      "2026-03-07-dancing-blue-fish" / "conversation.jsonl");
  BOOST_TEST(gptme_sessions::core::to_json_pretty(out) ==
             expected_signals("gptme-dancing-blue-fish"));
  // Exceptions thrown inside the plugin are the SDK's type.
  BOOST_CHECK_THROW(extractor->extract("/nonexistent/conversation.jsonl"), sdk::ExtractError);
}

BOOST_AUTO_TEST_CASE(harness_claude_code_loads_and_extracts) {
  const sdk::PluginInfo* info = load("harness-claude-code");
  check_info(info, "harness-claude-code");
  RecordingContext context;
  auto discoverer = info->make_harness_discoverer(context);
  BOOST_TEST(discoverer->harness_name() == "claude-code");
  auto extractor = info->make_signal_extractor(context);
  BOOST_TEST(extractor->format_name() == "claude_code");
  BOOST_TEST(extractor->harness_name() == "claude-code");
  const auto out = extractor->extract(harness_fixtures() / "claude-code" / "-home-user-proj" /
                                      "d41f8a07-3b6e-4c92-a5d1-8e0f2b7c9a64.jsonl");
  BOOST_TEST(gptme_sessions::core::to_json_pretty(out) == expected_signals("claude-code-d41f8a07"));
}

BOOST_AUTO_TEST_SUITE_END()
