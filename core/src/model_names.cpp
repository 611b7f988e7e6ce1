#include <gptme_sessions/core/model_names.hpp>
#include <gptme_sessions/core/session_record.hpp>

#include <array>
#include <string>

namespace gptme_sessions::core {

namespace {

constexpr std::array<ModelAlias, 65> k_aliases{{
    // Anthropic, bare
    {"claude-opus-4-6", "opus"},
    {"claude-opus-4.6", "opus"},
    {"claude-opus-4-5", "opus"},
    {"claude-opus-4.5", "opus"},
    {"claude-sonnet-4-6", "sonnet"},
    {"claude-sonnet-4.6", "sonnet"},
    {"claude-sonnet-4-5", "sonnet"},
    {"claude-sonnet-4.5", "sonnet"},
    {"claude-sonnet-4-20250514", "sonnet"},
    {"claude-haiku-4-5", "haiku"},
    {"claude-haiku-4.5", "haiku"},
    {"claude-3-opus", "opus"},
    {"claude-3-sonnet", "sonnet"},
    {"claude-3-haiku", "haiku"},
    {"claude-3.5-sonnet", "sonnet"},
    {"claude-3.5-haiku", "haiku"},
    // Anthropic, provider-prefixed
    {"anthropic/claude-opus-4-6", "opus"},
    {"anthropic/claude-opus-4.6", "opus"},
    {"anthropic/claude-opus-4-5", "opus"},
    {"anthropic/claude-opus-4.5", "opus"},
    {"anthropic/claude-sonnet-4-6", "sonnet"},
    {"anthropic/claude-sonnet-4.6", "sonnet"},
    {"anthropic/claude-sonnet-4-5", "sonnet"},
    {"anthropic/claude-sonnet-4.5", "sonnet"},
    {"anthropic/claude-sonnet-4-20250514", "sonnet"},
    {"anthropic/sonnet-4-20250514", "sonnet"},
    {"anthropic/claude-haiku-4-5", "haiku"},
    {"anthropic/claude-haiku-4.5", "haiku"},
    // Anthropic through OpenRouter
    {"openrouter/anthropic/claude-opus-4.6", "opus"},
    {"openrouter/anthropic/claude-opus-4-6", "opus"},
    {"openrouter/anthropic/claude-opus-4.5", "opus"},
    {"openrouter/anthropic/claude-opus-4-5", "opus"},
    {"openrouter/anthropic/claude-sonnet-4-6", "sonnet"},
    {"openrouter/anthropic/claude-sonnet-4.6", "sonnet"},
    {"openrouter/anthropic/claude-sonnet-4-5", "sonnet"},
    {"openrouter/anthropic/claude-sonnet-4.5", "sonnet"},
    // OpenAI
    {"openai-subscription/gpt-5.4", "gpt-5.4"},
    {"openai-subscription/gpt-5.3-codex", "gpt-5.3-codex"},
    {"openai-subscription/gpt-5.3", "gpt-5.3"},
    {"openai-subscription/gpt-5.2", "gpt-5.2"},
    {"gpt-5.4", "gpt-5.4"},
    {"gpt-5.3-codex", "gpt-5.3-codex"},
    {"gpt-4o", "gpt-4o"},
    {"gpt-4o-mini", "gpt-4o-mini"},
    {"openai/gpt-4o-mini", "gpt-4o-mini"},
    {"openai", "gpt-4o"}, // legacy default model name
    // OpenRouter, other vendors
    {"openrouter/z-ai/glm-5@z-ai", "glm-5"},
    {"openrouter/z-ai/glm-5", "glm-5"},
    {"glm-5", "glm-5"},
    {"openrouter/moonshotai/kimi-k2.5@moonshotai", "kimi-k2.5"},
    {"openrouter/moonshotai/kimi-k2.5", "kimi-k2.5"},
    {"openrouter/moonshotai/kimi-k2.5-instruct", "kimi-k2.5"},
    {"openrouter/minimax/minimax-m2", "minimax-m2"},
    {"openrouter/minimax/minimax-m2.5", "minimax-m2.5"},
    {"openrouter/minimax/minimax-m2.7", "minimax-m2.7"},
    {"minimax-m2.5", "minimax-m2.5"},
    {"minimax-m2.7", "minimax-m2.7"},
    {"openrouter/google/gemini-3-flash", "gemini-3-flash"},
    {"openrouter/google/gemini-3.1-flash", "gemini-3.1-flash"},
    {"openrouter/google/gemini-3.1-pro", "gemini-3.1-pro"},
    {"gemini-3.1-flash", "gemini-3.1-flash"},
    {"gemini-3.1-pro", "gemini-3.1-pro"},
    {"xai/grok-4-1-fast", "grok-4-1"},
    {"qwen3.5-coder", "qwen3.5-coder"},
    {"openrouter/qwen/qwen3.5-coder", "qwen3.5-coder"},
}};

// Length of the one provider prefix the reference strips:
// ^(openrouter/[^/]+/|anthropic/|openai-subscription/|openai/|xai/)
std::size_t provider_prefix_length(std::string_view raw) {
  constexpr std::string_view openrouter = "openrouter/";
  if (raw.starts_with(openrouter)) {
    const std::size_t slash = raw.find('/', openrouter.size());
    if (slash != std::string_view::npos && slash > openrouter.size())
      return slash + 1;
  }
  for (std::string_view prefix : {"anthropic/", "openai-subscription/", "openai/", "xai/"})
    if (raw.starts_with(prefix))
      return prefix.size();
  return 0;
}

} // namespace

std::span<const ModelAlias> model_aliases() {
  return k_aliases;
}

std::optional<std::string> normalize_model(const std::optional<std::string>& model) {
  if (!model || model->empty())
    return model;
  const std::string_view raw = *model;
  for (const auto& alias : k_aliases)
    if (alias.raw == raw)
      return std::string(alias.canonical);
  // Only provider-qualified keys act as prefixes, so bare "openai" never swallows "openai/x".
  for (const auto& alias : k_aliases)
    if (alias.raw.find('/') != std::string_view::npos && raw.size() > alias.raw.size() &&
        raw.starts_with(alias.raw) && raw[alias.raw.size()] == '/')
      return std::string(alias.canonical);
  std::string_view stripped = raw.substr(provider_prefix_length(raw));
  // A trailing "@provider" suffix (regex @[^@]+$): only the last '@', and only if text follows.
  const std::size_t at = stripped.rfind('@');
  if (at != std::string_view::npos && at + 1 < stripped.size())
    stripped = stripped.substr(0, at);
  return std::string(stripped);
}

} // namespace gptme_sessions::core
