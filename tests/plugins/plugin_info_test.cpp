#include "plugin_test_support.hpp"

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/judge.hpp>
#include <gptme_sessions/sdk/plugin.hpp>

#include <boost/test/unit_test.hpp>

#include <type_traits>

namespace sdk = gptme_sessions::sdk;
using gptme_sessions::testing::RecordingContext;

namespace {

class ContextDiscoverer final : public sdk::HarnessDiscoverer {
public:
  explicit ContextDiscoverer(sdk::PluginContext& context) : m_context(context) {}
  std::string_view harness_name() const override { return m_context.plugin_name(); }
  std::vector<sdk::DiscoveredSession> discover(const sdk::DiscoveryQuery&) override { return {}; }

private:
  sdk::PluginContext& m_context;
};

class DefaultJudge final : public sdk::Judge {
public:
  std::string_view judge_name() const override { return "default-judge"; }
  sdk::JudgeResult judge(const sdk::JudgeInput&) override { return sdk::JudgeError{}; }
};

} // namespace

BOOST_AUTO_TEST_SUITE(sdk_plugin_info)

BOOST_AUTO_TEST_CASE(a_factory_has_the_type_of_its_interfaces_field) {
  static_assert(std::is_same_v<decltype(sdk::make_factory<ContextDiscoverer>()),
                               decltype(sdk::PluginInfo::make_harness_discoverer)>);
  static_assert(std::is_same_v<decltype(sdk::make_factory<DefaultJudge>()),
                               decltype(sdk::PluginInfo::make_judge)>);
  RecordingContext context;
  BOOST_TEST(sdk::make_factory<ContextDiscoverer>()(context)->harness_name() == "test-plugin");
  BOOST_TEST(sdk::make_factory<DefaultJudge>()(context)->judge_name() == "default-judge");
}

BOOST_AUTO_TEST_CASE(kinds_and_factories_follow_from_the_classes) {
  static constexpr sdk::PluginInfo info =
      sdk::make_plugin_info<ContextDiscoverer, DefaultJudge>("two-kinds", "1.2.3");
  BOOST_TEST(info.abi_version == sdk::k_plugin_abi_version);
  BOOST_TEST(info.info_size == sizeof(sdk::PluginInfo));
  BOOST_TEST(std::string_view(info.build_id) == GPTME_SESSIONS_BUILD_ID);
  BOOST_TEST(std::string_view(info.name) == "two-kinds");
  BOOST_TEST(std::string_view(info.version) == "1.2.3");
  BOOST_TEST(info.kinds == (sdk::PluginKind::harness_discoverer | sdk::PluginKind::judge));
  BOOST_TEST(info.make_signal_extractor == nullptr);
  BOOST_TEST(info.make_harness_discoverer == sdk::make_factory<ContextDiscoverer>());
  BOOST_TEST(info.make_judge == sdk::make_factory<DefaultJudge>());

  constexpr sdk::PluginInfo judge_only = sdk::make_plugin_info<DefaultJudge>("j", "0");
  BOOST_TEST(judge_only.kinds == static_cast<std::uint32_t>(sdk::PluginKind::judge));
  BOOST_TEST(judge_only.make_harness_discoverer == nullptr);
}

BOOST_AUTO_TEST_SUITE_END()
