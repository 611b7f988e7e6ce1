#include <gptme_sessions/core/model_names.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <boost/test/unit_test.hpp>

#include <map>
#include <optional>
#include <set>
#include <string>

namespace core = gptme_sessions::core;

namespace {

std::optional<std::string> norm(std::optional<std::string> raw) {
  return core::normalize_model(raw);
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_model_names)

BOOST_AUTO_TEST_CASE(alias_table_has_the_65_reference_entries) {
  const auto aliases = core::model_aliases();
  BOOST_TEST(aliases.size() == 65u);
  std::set<std::string_view> raws;
  std::map<std::string_view, int> per_canonical;
  for (const auto& alias : aliases) {
    raws.insert(alias.raw);
    ++per_canonical[alias.canonical];
  }
  BOOST_TEST(raws.size() == 65u); // no duplicate keys
  // Entry counts per canonical name, as listed in spec §3.5.
  BOOST_TEST(per_canonical["opus"] == 13);
  BOOST_TEST(per_canonical["sonnet"] == 17);
  BOOST_TEST(per_canonical["haiku"] == 6);
  BOOST_TEST(per_canonical["gpt-5.4"] == 2);
  BOOST_TEST(per_canonical["gpt-5.3-codex"] == 2);
  BOOST_TEST(per_canonical["gpt-5.3"] == 1);
  BOOST_TEST(per_canonical["gpt-5.2"] == 1);
  BOOST_TEST(per_canonical["gpt-4o"] == 2);
  BOOST_TEST(per_canonical["gpt-4o-mini"] == 2);
  BOOST_TEST(per_canonical["glm-5"] == 3);
  BOOST_TEST(per_canonical["kimi-k2.5"] == 3);
  BOOST_TEST(per_canonical["minimax-m2"] == 1);
  BOOST_TEST(per_canonical["minimax-m2.5"] == 2);
  BOOST_TEST(per_canonical["minimax-m2.7"] == 2);
  BOOST_TEST(per_canonical["gemini-3-flash"] == 1);
  BOOST_TEST(per_canonical["gemini-3.1-flash"] == 2);
  BOOST_TEST(per_canonical["gemini-3.1-pro"] == 2);
  BOOST_TEST(per_canonical["grok-4-1"] == 1);
  BOOST_TEST(per_canonical["qwen3.5-coder"] == 2);
  // Every key maps to its canonical name through normalize_model.
  for (const auto& alias : aliases)
    BOOST_TEST(*norm(std::string(alias.raw)) == alias.canonical);
}

BOOST_AUTO_TEST_CASE(spec_examples) {
  const std::pair<const char*, const char*> cases[] = {
      {"claude-opus-4-6", "opus"},
      {"anthropic/claude-sonnet-4-6", "sonnet"},
      {"xai/grok-4-1-fast/turbo", "grok-4-1"},
      {"openrouter/deepseek/deepseek-r2", "deepseek-r2"},
      {"openai-subscription/gpt-future", "gpt-future"},
      {"openrouter/some-provider/some-model@some-provider", "some-model"},
      {"glm-5@z-ai", "glm-5"},
      {"a@b@c", "a@b"},
      {"foo@", "foo@"},
      {"openrouter/x", "openrouter/x"},
      {"openrouter/a/b/c", "b/c"},
      {"anthropic/openai/x", "openai/x"},
      {"openrouter/anthropic/claude-opus-4-7", "claude-opus-4-7"},
      {"anthropic/claude-opus-4-6@foo", "claude-opus-4-6"},
      {"OPENAI", "OPENAI"},
      {"local-llm", "local-llm"},
      {"unknown", "unknown"},
      {"", ""},
      // prefix rule (§3.5 step 3)
      {"openrouter/anthropic/claude-sonnet-4.5/extended", "sonnet"},
      {"openai/gpt-4o-mini/x", "gpt-4o-mini"},
      // bare keys never act as prefixes; the fallback strips "openai/" instead
      {"openai/gpt-4o", "gpt-4o"},
      {"openai", "gpt-4o"},
      {"openai/o3", "o3"},
      {"openrouter/anthropic/claude-opus-4.6", "opus"},
      {"openai-subscription/gpt-5.3-codex", "gpt-5.3-codex"},
  };
  for (const auto& [raw, expected] : cases) {
    BOOST_TEST_CONTEXT("raw = " << raw) {
      BOOST_TEST(*norm(std::string(raw)) == expected);
    }
  }
  BOOST_TEST(!norm(std::nullopt).has_value());
}

BOOST_AUTO_TEST_CASE(record_exposes_normalized_model_without_storing_it) {
  core::SessionRecord record = core::make_record();
  record.model = "openrouter/z-ai/glm-5@z-ai";
  BOOST_TEST(*record.model_normalized() == "glm-5");
  BOOST_TEST(*record.model == "openrouter/z-ai/glm-5@z-ai");
  BOOST_TEST(!core::record_to_json(record).contains("model_normalized"));
}

BOOST_AUTO_TEST_SUITE_END()
