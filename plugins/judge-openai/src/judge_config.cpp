#include "judge_config.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <stdexcept>

namespace gptme_sessions::plugins::judge_openai {
namespace {

constexpr std::string_view k_env_prefix = "GPTME_SESSIONS_JUDGE_";
constexpr std::array<std::string_view, 4> k_known_providers = {
    "openai", "openrouter", "lmstudio", "local"};
constexpr std::array<std::string_view, 4> k_openrouter_key_chain = {
    "OPENROUTER_API_KEY_JUDGE",
    "OPENROUTER_API_KEY_LLM_JUDGE",
    "OPENROUTER_API_KEY_EVAL",
    "OPENROUTER_API_KEY",
};

std::optional<std::string> non_empty(std::optional<std::string> value) {
  if (value && value->empty())
    return std::nullopt;
  return value;
}

std::string env_name(std::string_view key) {
  std::string name(k_env_prefix);
  for (char c : key)
    name += static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return name;
}

// config(key), then GPTME_SESSIONS_JUDGE_<KEY>. Returns the value and where it came from.
std::optional<std::pair<std::string, std::string>>
setting(const Lookup& config, const Lookup& env, std::string_view key) {
  if (auto value = non_empty(config(key)))
    return std::pair{*value, "'" + std::string(key) + "'"};
  auto name = env_name(key);
  if (auto value = non_empty(env(name)))
    return std::pair{*value, name};
  return std::nullopt;
}

double number_setting(const Lookup& config,
                      const Lookup& env,
                      std::string_view key,
                      double fallback,
                      double min,
                      double max) {
  auto found = setting(config, env, key);
  if (!found)
    return fallback;
  const auto& [text, source] = *found;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size() || !std::isfinite(value) || value < min || value > max)
    throw std::invalid_argument("invalid judge setting " + source + ": '" + text +
                                "' is not a number from " + std::to_string(min) + " to " +
                                std::to_string(max));
  return value;
}

int integer_setting(
    const Lookup& config, const Lookup& env, std::string_view key, int fallback, int min, int max) {
  double value = number_setting(config, env, key, fallback, min, max);
  if (value != std::floor(value)) {
    auto found = setting(config, env, key);
    throw std::invalid_argument("invalid judge setting " + found->second + ": '" + found->first +
                                "' is not a whole number");
  }
  return static_cast<int>(value);
}

std::string_view provider_of(std::string_view model) {
  auto slash = model.find('/');
  if (slash == std::string_view::npos)
    return {};
  auto prefix = model.substr(0, slash);
  for (auto known : k_known_providers)
    if (prefix == known)
      return known;
  return {};
}

std::string strip_trailing_slash(std::string url) {
  if (!url.empty() && url.back() == '/')
    url.pop_back();
  return url;
}

bool is_http_url(std::string_view url) {
  return url.starts_with("http://") || url.starts_with("https://");
}

} // namespace

JudgeSettings read_settings(const Lookup& config, const Lookup& env) {
  JudgeSettings settings;
  auto text = [&](std::string_view key) -> std::optional<std::string> {
    if (auto found = setting(config, env, key))
      return found->first;
    return std::nullopt;
  };
  settings.model = text("model");
  settings.base_url = text("base_url");
  settings.api_key = text("api_key");
  settings.openai_base_url = non_empty(env("OPENAI_BASE_URL"));
  settings.openai_api_key = non_empty(env("OPENAI_API_KEY"));
  for (auto name : k_openrouter_key_chain) {
    if (auto key = non_empty(env(name))) {
      settings.openrouter_api_key = std::move(key);
      break;
    }
  }
  settings.timeout_s = number_setting(config, env, "timeout", settings.timeout_s, 0.001, 86400);
  settings.connect_timeout_s =
      number_setting(config, env, "connect_timeout", settings.connect_timeout_s, 0.001, 3600);
  settings.max_retries = integer_setting(config, env, "max_retries", settings.max_retries, 0, 10);
  settings.backoff_s = number_setting(config, env, "backoff", settings.backoff_s, 0, 60);
  settings.max_tokens =
      integer_setting(config, env, "max_tokens", settings.max_tokens, 1, 1'000'000);
  settings.temperature = number_setting(config, env, "temperature", settings.temperature, 0, 2);
  return settings;
}

std::string url_host(std::string_view url) {
  if (!is_http_url(url))
    return {};
  auto rest = url.substr(url.find("://") + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (auto at = rest.rfind('@'); at != std::string_view::npos)
    rest = rest.substr(at + 1);
  std::string_view host;
  if (rest.starts_with("[")) {
    auto close = rest.find(']');
    host = rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
  } else {
    host = rest.substr(0, rest.find(':'));
  }
  std::string lower(host);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) {
    return static_cast<char>(std::tolower(c));
  });
  return lower;
}

bool is_loopback_host(std::string_view host) {
  if (host == "localhost" || host.ends_with(".localhost") || host == "::1" ||
      host == "0:0:0:0:0:0:0:1")
    return true;
  // 127.0.0.0/8 in dotted-quad form.
  if (!host.starts_with("127."))
    return false;
  int parts = 0;
  for (std::size_t start = 0; start <= host.size();) {
    auto dot = host.find('.', start);
    auto part =
        host.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    if (part.empty() || part.size() > 3 ||
        !std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        std::stoi(std::string(part)) > 255)
      return false;
    ++parts;
    if (dot == std::string_view::npos)
      break;
    start = dot + 1;
  }
  return parts == 4;
}

std::string display_url(std::string_view url) {
  auto scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos)
    return std::string(url);
  auto authority_start = scheme_end + 3;
  auto authority_end = url.find_first_of("/?#", authority_start);
  auto authority =
      url.substr(authority_start,
                 authority_end == std::string_view::npos ? std::string_view::npos
                                                         : authority_end - authority_start);
  auto at = authority.rfind('@');
  if (at == std::string_view::npos)
    return std::string(url);
  return std::string(url.substr(0, authority_start)) +
         std::string(url.substr(authority_start + at + 1));
}

std::variant<Endpoint, EndpointError> resolve_endpoint(const JudgeSettings& settings,
                                                       std::string_view requested) {
  Endpoint endpoint;
  endpoint.requested_model = !requested.empty() ? std::string(requested)
                             : settings.model   ? *settings.model
                                                : std::string(k_default_model);
  auto provider = provider_of(endpoint.requested_model);
  endpoint.wire_model = provider.empty() ? endpoint.requested_model
                                         : endpoint.requested_model.substr(provider.size() + 1);
  if (endpoint.wire_model.empty())
    return EndpointError{"judge model '" + endpoint.requested_model + "' names no model"};

  bool base_from_openai_env = false;
  if (settings.base_url)
    endpoint.base_url = *settings.base_url;
  else if (provider == "openrouter")
    endpoint.base_url = k_openrouter_base_url;
  else if (provider == "lmstudio")
    endpoint.base_url = k_lmstudio_base_url;
  else if (settings.openai_base_url) {
    endpoint.base_url = *settings.openai_base_url;
    base_from_openai_env = true;
  } else
    endpoint.base_url = k_openai_base_url;
  endpoint.base_url = strip_trailing_slash(endpoint.base_url);
  if (!is_http_url(endpoint.base_url) || url_host(endpoint.base_url).empty())
    return EndpointError{"judge base URL '" + display_url(endpoint.base_url) +
                         "' is not an http:// or https:// URL"};
  endpoint.url = endpoint.base_url + "/chat/completions";

  auto host = url_host(endpoint.base_url);
  endpoint.loopback = is_loopback_host(host);
  bool openrouter = provider == "openrouter" || host == "openrouter.ai";
  if (settings.api_key)
    endpoint.api_key = settings.api_key;
  else if (openrouter)
    endpoint.api_key = settings.openrouter_api_key;
  else if (!endpoint.loopback || base_from_openai_env)
    endpoint.api_key = settings.openai_api_key;

  if (!endpoint.api_key && !endpoint.loopback)
    return EndpointError{"no API key for " + display_url(endpoint.base_url) + ": set " +
                         (openrouter ? "OPENROUTER_API_KEY" : "OPENAI_API_KEY") +
                         " or GPTME_SESSIONS_JUDGE_API_KEY (or point "
                         "GPTME_SESSIONS_JUDGE_BASE_URL at a local server)"};
  return endpoint;
}

} // namespace gptme_sessions::plugins::judge_openai
