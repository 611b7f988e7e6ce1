// What the end-to-end judge tests share: the real gptme-sessions binary with the built
// judge-openai plugin (and harness plugins on request), pointed at a real HTTP server on
// 127.0.0.1 standing in for the model, in an environment with no other judge settings.
#pragma once

#include "http_test_server.hpp"
#include "run_process.hpp"
#include "temp_dir.hpp"
#include "text_lines.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/parse.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <optional>
#include <sstream>
#include <string>
#include <vector>

namespace gptme_sessions::testing {

inline const std::string k_exe = GPTME_SESSIONS_HOST_EXE;
inline const std::filesystem::path k_judge_plugin =
    std::filesystem::path(GPTME_SESSIONS_PLUGIN_DIR) / "judge-openai.so";
inline const std::filesystem::path k_gptme_plugin =
    std::filesystem::path(GPTME_SESSIONS_PLUGIN_DIR) / "harness-gptme.so";
inline const std::filesystem::path k_claude_plugin =
    std::filesystem::path(GPTME_SESSIONS_PLUGIN_DIR) / "harness-claude-code.so";
inline constexpr const char* k_key = "sk-judge-test-0c1d2e";

// A chat-completions reply whose message content is `content`.
inline CannedReply chat_reply(const std::string& content) {
  boost::json::object message{{"role", "assistant"}, {"content", content}};
  boost::json::object body{
      {"choices", boost::json::array{boost::json::object{{"message", message}}}}};
  return CannedReply{200, core::to_json(body)};
}

inline void write_file(const std::filesystem::path& path, const std::string& text) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << text;
}

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

inline bool has_line(const std::string& text, const std::string& line) {
  auto lines = lines_of(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

inline std::string user_prompt_of(const RecordedRequest& request) {
  auto body = boost::json::parse(request.body).as_object();
  return std::string(body.at("messages").as_array().at(1).at("content").as_string());
}

// A store, a home and a judge environment pointed at the test server; nothing else.
struct JudgeEnv {
  TempDir home;
  HttpTestServer server;
  std::filesystem::path sessions = home / "sessions";
  std::filesystem::path store = sessions / "session-records.jsonl";
  std::map<std::string, std::optional<std::string>> env{
      {"HOME", home.path().string()},
      {"XDG_DATA_HOME", (home / "data").string()},
      {"GPTME_SESSIONS_DIR", (home / "sessions").string()},
      {"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", ""},
      {"GPTME_SESSIONS_PLUGIN_PATH", std::nullopt},
      {"GPTME_SESSIONS_JUDGE_BASE_URL", server.base_url() + "/v1"},
      {"GPTME_SESSIONS_JUDGE_API_KEY", k_key},
      {"GPTME_SESSIONS_JUDGE_TIMEOUT", "5"},
      {"GPTME_SESSIONS_JUDGE_BACKOFF", "0"},
      {"GPTME_SESSIONS_JUDGE_MODEL", std::nullopt},
      {"OPENAI_API_KEY", std::nullopt},
      {"OPENAI_BASE_URL", std::nullopt},
      {"OPENROUTER_API_KEY", std::nullopt},
      {"http_proxy", std::nullopt},
      {"HTTP_PROXY", std::nullopt},
  };

  std::vector<std::string> plugins{k_judge_plugin.string()};

  ProcessResult run(std::vector<std::string> args) { return run_command("judge", std::move(args)); }

  ProcessResult run_command(const std::string& command,
                            std::vector<std::string> args,
                            std::function<void(pid_t)> on_started = {}) {
    args.insert(args.begin(), command);
    for (auto it = plugins.rbegin(); it != plugins.rend(); ++it)
      args.insert(args.begin(), {"--plugin", *it});
    args.insert(args.begin(), k_exe);
    ProcessOptions options;
    options.env = env;
    options.cwd = home.path().string();
    options.on_started = std::move(on_started);
    return run_process(args, options);
  }
};

} // namespace gptme_sessions::testing
