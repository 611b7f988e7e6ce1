// Entry point of the judge-openai plugin: scores sessions through any OpenAI-compatible
// chat-completions endpoint (OpenAI, OpenRouter, llama.cpp, vLLM, Ollama, LM Studio).
// Settings and their environment variables are listed in judge_config.hpp.
#include "openai_judge.hpp"

#include <gptme_sessions/sdk/plugin.hpp>

namespace {

std::unique_ptr<gptme_sessions::sdk::Judge>
make_judge(gptme_sessions::sdk::PluginContext& context) {
  return gptme_sessions::plugins::judge_openai::make_openai_judge(context);
}

} // namespace

const gptme_sessions::sdk::PluginInfo* get_judge_openai_plugin_info() {
  static const gptme_sessions::sdk::PluginInfo info = gptme_sessions::sdk::make_plugin_info(
      GPTME_SESSIONS_PLUGIN_NAME,
      "0.1.0",
      static_cast<std::uint32_t>(gptme_sessions::sdk::PluginKind::judge),
      nullptr,
      nullptr,
      make_judge);
  return &info;
}

GPTME_SESSIONS_PLUGIN(get_judge_openai_plugin_info)
