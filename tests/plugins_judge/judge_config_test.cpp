#include "judge_config.hpp"

#include <boost/test/unit_test.hpp>

#include <map>
#include <stdexcept>
#include <string>

using namespace gptme_sessions::plugins::judge_openai;

namespace {

using Table = std::map<std::string, std::string, std::less<>>;

Lookup lookup(Table table) {
  return [table = std::move(table)](std::string_view name) -> std::optional<std::string> {
    auto it = table.find(name);
    if (it == table.end())
      return std::nullopt;
    return it->second;
  };
}

JudgeSettings settings_from(Table env, Table config = {}) {
  return read_settings(lookup(std::move(config)), lookup(std::move(env)));
}

Endpoint endpoint_of(const JudgeSettings& settings, std::string_view model = {}) {
  auto resolved = resolve_endpoint(settings, model);
  if (auto* error = std::get_if<EndpointError>(&resolved))
    BOOST_FAIL("unexpected endpoint error: " << error->message);
  return std::get<Endpoint>(resolved);
}

std::string error_of(const JudgeSettings& settings, std::string_view model = {}) {
  auto resolved = resolve_endpoint(settings, model);
  if (std::holds_alternative<Endpoint>(resolved))
    BOOST_FAIL("expected an endpoint error");
  return std::get<EndpointError>(resolved).message;
}

} // namespace

BOOST_AUTO_TEST_SUITE(judge_openai_config)

BOOST_AUTO_TEST_CASE(defaults_without_any_setting) {
  auto s = settings_from({});
  BOOST_TEST(!s.model);
  BOOST_TEST(s.timeout_s == 60.0);
  BOOST_TEST(s.connect_timeout_s == 5.0);
  BOOST_TEST(s.max_retries == 2);
  BOOST_TEST(s.backoff_s == 0.5);
  BOOST_TEST(s.max_tokens == 300);
  BOOST_TEST(s.temperature == 0.3);
}

BOOST_AUTO_TEST_CASE(config_wins_over_environment_and_empty_means_unset) {
  auto s = settings_from({{"GPTME_SESSIONS_JUDGE_MODEL", "env-model"},
                          {"GPTME_SESSIONS_JUDGE_BASE_URL", "http://env:1/v1"},
                          {"GPTME_SESSIONS_JUDGE_API_KEY", ""},
                          {"GPTME_SESSIONS_JUDGE_TIMEOUT", "2.5"},
                          {"GPTME_SESSIONS_JUDGE_MAX_RETRIES", "4"},
                          {"GPTME_SESSIONS_JUDGE_BACKOFF", "0"}},
                         {{"model", "cli-model"}, {"max_retries", "1"}, {"base_url", ""}});
  BOOST_TEST(*s.model == "cli-model");
  BOOST_TEST(*s.base_url == "http://env:1/v1");
  BOOST_TEST(!s.api_key);
  BOOST_TEST(s.timeout_s == 2.5);
  BOOST_TEST(s.max_retries == 1);
  BOOST_TEST(s.backoff_s == 0.0);
}

BOOST_AUTO_TEST_CASE(malformed_numbers_name_the_setting) {
  try {
    settings_from({{"GPTME_SESSIONS_JUDGE_TIMEOUT", "soon"}});
    BOOST_FAIL("expected invalid_argument");
  } catch (const std::invalid_argument& e) {
    BOOST_TEST(std::string(e.what()).find("GPTME_SESSIONS_JUDGE_TIMEOUT") != std::string::npos);
    BOOST_TEST(std::string(e.what()).find("'soon'") != std::string::npos);
  }
  BOOST_CHECK_THROW(settings_from({}, {{"max_retries", "1.5"}}), std::invalid_argument);
  BOOST_CHECK_THROW(settings_from({}, {{"max_retries", "-1"}}), std::invalid_argument);
  BOOST_CHECK_THROW(settings_from({}, {{"timeout", "0"}}), std::invalid_argument);
  BOOST_CHECK_THROW(settings_from({}, {{"temperature", "3"}}), std::invalid_argument);
}

BOOST_AUTO_TEST_CASE(openrouter_key_chain_takes_the_first_non_empty) {
  auto s = settings_from({{"OPENROUTER_API_KEY_JUDGE", ""},
                          {"OPENROUTER_API_KEY_EVAL", "eval-key"},
                          {"OPENROUTER_API_KEY", "plain-key"}});
  BOOST_TEST(*s.openrouter_api_key == "eval-key");
}

BOOST_AUTO_TEST_CASE(default_model_goes_to_openai_with_its_key) {
  auto e = endpoint_of(settings_from({{"OPENAI_API_KEY", "sk-openai"}}));
  BOOST_TEST(e.requested_model == std::string(k_default_model));
  BOOST_TEST(e.wire_model == std::string(k_default_model));
  BOOST_TEST(e.url == "https://api.openai.com/v1/chat/completions");
  BOOST_TEST(*e.api_key == "sk-openai");
  BOOST_TEST(!e.loopback);
}

BOOST_AUTO_TEST_CASE(model_precedence_and_prefixes) {
  auto s = settings_from({{"OPENAI_API_KEY", "k"}}, {{"model", "openai/gpt-4o"}});
  BOOST_TEST(endpoint_of(s).requested_model == "openai/gpt-4o");
  BOOST_TEST(endpoint_of(s).wire_model == "gpt-4o");
  // The model the host asks for beats the configured one.
  BOOST_TEST(endpoint_of(s, "gpt-4.1-mini").wire_model == "gpt-4.1-mini");
  // Unknown prefixes are part of the model id (local servers use ids like "qwen/qwen3").
  BOOST_TEST(endpoint_of(s, "qwen/qwen3-8b").wire_model == "qwen/qwen3-8b");
  BOOST_TEST(error_of(s, "openai/").find("names no model") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(openrouter_prefix_selects_openrouter_and_its_key) {
  auto s = settings_from({{"OPENAI_API_KEY", "sk-openai"},
                          {"OPENAI_BASE_URL", "https://proxy.example/v1"},
                          {"OPENROUTER_API_KEY", "sk-or"}});
  auto e = endpoint_of(s, "openrouter/anthropic/claude-haiku-4.5");
  BOOST_TEST(e.url == "https://openrouter.ai/api/v1/chat/completions");
  BOOST_TEST(e.wire_model == "anthropic/claude-haiku-4.5");
  BOOST_TEST(e.requested_model == "openrouter/anthropic/claude-haiku-4.5");
  BOOST_TEST(*e.api_key == "sk-or");
  // The OpenAI key never goes to OpenRouter.
  auto no_or_key = settings_from({{"OPENAI_API_KEY", "sk-openai"}});
  BOOST_TEST(error_of(no_or_key, "openrouter/x/y").find("OPENROUTER_API_KEY") != std::string::npos);
  // An OpenRouter base URL given explicitly also selects the OpenRouter key.
  auto by_host =
      settings_from({{"OPENROUTER_API_KEY", "sk-or"},
                     {"GPTME_SESSIONS_JUDGE_BASE_URL", "https://openrouter.ai/api/v1/"}});
  BOOST_TEST(*endpoint_of(by_host, "x/y").api_key == "sk-or");
  BOOST_TEST(endpoint_of(by_host, "x/y").base_url == "https://openrouter.ai/api/v1");
}

BOOST_AUTO_TEST_CASE(openai_base_url_is_the_fallback_base) {
  auto s =
      settings_from({{"OPENAI_BASE_URL", "https://gateway.example/v1/"}, {"OPENAI_API_KEY", "k"}});
  BOOST_TEST(endpoint_of(s).url == "https://gateway.example/v1/chat/completions");
  auto explicit_base = settings_from({{"OPENAI_BASE_URL", "https://gateway.example/v1"},
                                      {"GPTME_SESSIONS_JUDGE_BASE_URL", "http://127.0.0.1:9/v1"}});
  BOOST_TEST(endpoint_of(explicit_base).url == "http://127.0.0.1:9/v1/chat/completions");
}

BOOST_AUTO_TEST_CASE(loopback_servers_need_no_key_and_never_get_the_openai_key) {
  auto s = settings_from({{"GPTME_SESSIONS_JUDGE_BASE_URL", "http://localhost:8080/v1"},
                          {"OPENAI_API_KEY", "sk-openai"}});
  auto e = endpoint_of(s);
  BOOST_TEST(e.loopback);
  BOOST_TEST(!e.api_key);
  auto lmstudio = endpoint_of(settings_from({}), "lmstudio/qwen/qwen3-8b");
  BOOST_TEST(lmstudio.url == "http://127.0.0.1:1234/v1/chat/completions");
  BOOST_TEST(lmstudio.wire_model == "qwen/qwen3-8b");
  BOOST_TEST(!lmstudio.api_key);
  // ...unless OPENAI_BASE_URL itself points at the local server.
  auto paired = settings_from(
      {{"OPENAI_BASE_URL", "http://127.0.0.1:8000/v1"}, {"OPENAI_API_KEY", "sk-local"}});
  BOOST_TEST(*endpoint_of(paired).api_key == "sk-local");
  // An explicit key is always sent.
  auto explicit_key = settings_from({{"GPTME_SESSIONS_JUDGE_BASE_URL", "http://[::1]:1/v1"}},
                                    {{"api_key", "sk-explicit"}});
  BOOST_TEST(*endpoint_of(explicit_key).api_key == "sk-explicit");
}

BOOST_AUTO_TEST_CASE(no_key_for_a_remote_server_is_an_error_without_secrets) {
  auto message = error_of(
      settings_from({{"GPTME_SESSIONS_JUDGE_BASE_URL", "https://user:hunter2@judge.example/v1"}}));
  BOOST_TEST(message.find("no API key for https://judge.example/v1") == 0u, message);
  BOOST_TEST(message.find("hunter2") == std::string::npos);
  BOOST_TEST(message.find("OPENAI_API_KEY") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(base_url_must_be_http) {
  auto s = settings_from({{"GPTME_SESSIONS_JUDGE_BASE_URL", "ftp://example/v1"}});
  BOOST_TEST(error_of(s).find("is not an http:// or https:// URL") != std::string::npos);
  auto empty_host = settings_from({{"GPTME_SESSIONS_JUDGE_BASE_URL", "http:///v1"}});
  BOOST_TEST(error_of(empty_host).find("is not an http:// or https:// URL") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(hosts_and_loopback_detection) {
  BOOST_TEST(url_host("http://LocalHost:8080/v1") == "localhost");
  BOOST_TEST(url_host("http://[::1]:8080/v1") == "::1");
  BOOST_TEST(url_host("https://u:p@api.example.com/v1") == "api.example.com");
  BOOST_TEST(url_host("ftp://x/") == "");
  BOOST_TEST(is_loopback_host("localhost"));
  BOOST_TEST(is_loopback_host("judge.localhost"));
  BOOST_TEST(is_loopback_host("127.0.0.1"));
  BOOST_TEST(is_loopback_host("127.10.20.30"));
  BOOST_TEST(is_loopback_host("::1"));
  BOOST_TEST(!is_loopback_host("127.0.0.1.evil.example"));
  BOOST_TEST(!is_loopback_host("127.0.0.256"));
  BOOST_TEST(!is_loopback_host("128.0.0.1"));
  BOOST_TEST(!is_loopback_host("localhost.example"));
  BOOST_TEST(display_url("https://u:secret@h.example:8/v1?x") == "https://h.example:8/v1?x");
  BOOST_TEST(display_url("http://h/v1") == "http://h/v1");
}

BOOST_AUTO_TEST_SUITE_END()
