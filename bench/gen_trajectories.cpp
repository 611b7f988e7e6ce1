// gen_trajectories: writes a fake HOME holding a Claude Code projects tree
// (<home>/.claude/projects/<encoded-cwd>/<session>.jsonl plus <session>/subagents/agent-*.jsonl)
// and a gptme logs dir (<home>/.local/share/gptme/logs/<date>-<name>/{conversation.jsonl,
// config.toml}), deterministically from a seed, for the discover/sync benchmarks.
//
// The shapes follow the fixtures and spec format-facts §4.1/§4.2: assistant responses streamed
// as several lines sharing message.id (split blocks or cumulative snapshots, growing
// output_tokens), tool_use/tool_result pairs with toolUseResult payloads, git commit and PR
// output in Bash results, sidechain records, Task subagents, system/summary/snapshot records,
// occasional multi-MB lines; gptme logs with @tool(call_id) calls, system results and metadata.
// Sizes follow a heavy-tailed distribution scaled to the requested total.
#include "bench_cli.hpp"
#include "bench_random.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <set>
#include <string>
#include <vector>

namespace fs = std::filesystem;
namespace json = boost::json;
namespace po = boost::program_options;
namespace core = gptme_sessions::core;
using gptme_sessions::bench::Rng;

namespace {

constexpr std::string_view k_tool = "gen_trajectories";

struct Options {
  fs::path home;
  std::uint64_t seed = 42;
  std::int64_t end_unix = 0;
  std::int64_t days = 10;
  std::uint64_t cc_sessions = 500;
  std::uint64_t cc_subagents = 130;
  std::uint64_t cc_stubs = 20;
  double cc_mb = 67;
  std::uint64_t gptme_sessions = 100;
  double gptme_mb = 10;
  bool force = false;
};

constexpr std::string_view k_workspaces[] = {"/home/u/proj-alpha",
                                             "/home/u/proj-beta",
                                             "/home/u/src/gptme",
                                             "/home/u/src/gptme-contrib",
                                             "/home/u/src/website",
                                             "/home/bob/work/api-gateway",
                                             "/home/bob/work/infra",
                                             "/srv/agents/alice",
                                             "/home/u/Projekte/rechner",
                                             "/home/u/src/dotfiles",
                                             "/tmp/scratch",
                                             "/home/u/src/ml-experiments"};
constexpr std::string_view k_cc_models[] = {
    "claude-sonnet-4-6", "claude-sonnet-4-6", "claude-opus-4-6", "claude-sonnet-4-5"};
constexpr std::string_view k_gptme_models[] = {"anthropic/claude-sonnet-4-6",
                                               "anthropic/claude-opus-4-6",
                                               "openrouter/z-ai/glm-5@z-ai",
                                               "openai-subscription/gpt-5.4",
                                               "openrouter/moonshotai/kimi-k2.5"};
constexpr std::string_view k_words[] = {
    "parser",  "config",  "session", "record",  "store",   "plugin", "request", "handler",
    "cache",   "token",   "stream",  "buffer",  "result",  "error",  "value",   "index",
    "update",  "fetch",   "render",  "commit",  "branch",  "review", "merge",   "test",
    "fixture", "schema",  "query",   "filter",  "metric",  "judge",  "signal",  "window",
    "journal", "timeout", "retry",   "backoff", "encoder", "writer", "reader",  "lock",
    "größe",   "données", "配置",    "café",    "naïve",   "über",   "résumé",  "日本"};
constexpr std::string_view k_commit_types[] = {"feat", "fix", "refactor", "docs", "test", "chore"};
constexpr std::string_view k_branches[] = {
    "main", "master", "fix/paginate-last-page", "feat/stream-reader", "dev", "bench-run"};

std::string words(Rng& rng, std::size_t n) {
  std::string out;
  for (std::size_t i = 0; i < n; ++i) {
    if (i)
      out += ' ';
    out += rng.pick(k_words);
  }
  return out;
}

std::string sentence(Rng& rng) {
  std::string s = words(rng, 6 + rng.below(14));
  s[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(s[0])));
  return s + '.';
}

std::string code_line(Rng& rng) {
  switch (rng.below(6)) {
  case 0:
    return "def " + std::string(rng.pick(k_words)) + "_" + std::string(rng.pick(k_words)) +
           "(self, " + std::string(rng.pick(k_words)) + "):";
  case 1:
    return "    return " + std::string(rng.pick(k_words)) + "." + std::string(rng.pick(k_words)) +
           "(" + std::to_string(rng.below(100)) + ")";
  case 2:
    return "    # " + words(rng, 3 + rng.below(8));
  case 3:
    return "    if not " + std::string(rng.pick(k_words)) + ":\n        raise ValueError(\"" +
           words(rng, 3) + "\")";
  case 4:
    return "";
  default:
    return "    " + std::string(rng.pick(k_words)) + " = " + std::string(rng.pick(k_words)) +
           "[\"" + std::string(rng.pick(k_words)) + "\"]";
  }
}

// `cat -n` style file content as Claude Code's Read tool returns it.
std::string numbered_file(Rng& rng, std::size_t lines) {
  std::string out;
  for (std::size_t i = 1; i <= lines; ++i) {
    char num[16];
    std::snprintf(num, sizeof num, "%6zu", i);
    out += num;
    out += "\xe2\x86\x92"; // →
    out += code_line(rng);
    out += '\n';
  }
  return out;
}

std::string file_path(Rng& rng, std::string_view cwd) {
  return std::string(cwd) + (rng.chance(0.7) ? "/src/" : "/tests/test_") +
         std::string(rng.pick(k_words)) + (rng.chance(0.8) ? ".py" : ".md");
}

std::string iso_millis_z(std::int64_t unix_ms) {
  char frac[8];
  std::snprintf(frac, sizeof frac, ".%03dZ", static_cast<int>(unix_ms % 1000));
  return gptme_sessions::bench::iso_seconds(unix_ms / 1000) + frac;
}

std::string iso_micros_naive(std::int64_t unix_us) {
  char frac[12];
  std::snprintf(frac, sizeof frac, ".%06d", static_cast<int>(unix_us % 1000000));
  return gptme_sessions::bench::iso_seconds(unix_us / 1000000) + frac;
}

std::string msg_id(Rng& rng) {
  static constexpr char k_b62[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  std::string id = "msg_01";
  for (int i = 0; i < 22; ++i)
    id += k_b62[rng.below(62)];
  return id;
}

std::string tool_id(Rng& rng) {
  return "toolu_01" + msg_id(rng).substr(6);
}

bool write_file(const fs::path& path, const std::string& content) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) {
    std::perror(path.c_str());
    return false;
  }
  const bool ok = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  return std::fclose(file) == 0 && ok;
}

// A tool call and the result it produced.
struct ToolRound {
  json::object use; // the tool_use block
  std::string result;
  json::value tool_use_result;
  bool is_error = false;
  std::optional<std::string> spawned_agent;
};

// Writes one Claude Code session (or subagent) file line by line.
class ClaudeSessionWriter {
public:
  ClaudeSessionWriter(Rng& rng,
                      std::string cwd,
                      std::string session_id,
                      std::string model,
                      std::int64_t start_ms,
                      std::optional<std::string> agent_id)
      : m_rng(rng), m_cwd(std::move(cwd)), m_session_id(std::move(session_id)),
        m_model(std::move(model)), m_clock_ms(start_ms), m_agent_id(std::move(agent_id)),
        m_branch(rng.pick(k_branches)) {
    const std::size_t style = rng.weighted({70, 20, 10});
    m_style = static_cast<StreamStyle>(style);
  }

  const std::string& text() const { return m_out; }
  std::size_t size() const { return m_out.size(); }
  const std::vector<std::string>& spawned_agents() const { return m_spawned; }

  void summary_line() {
    json::object o{{"type", "summary"}, {"summary", sentence(m_rng)}, {"leafUuid", m_rng.uuid4()}};
    write(o);
  }

  void user_prompt(const std::string& prompt) {
    json::object o = envelope();
    o["type"] = "user";
    o["message"] = json::object{{"role", "user"}, {"content", prompt}};
    finish(std::move(o), 2000);
  }

  void system_note() {
    json::object o = envelope();
    o["type"] = "system";
    o["subtype"] = m_rng.chance(0.7) ? "informational" : "compact_boundary";
    o["content"] = sentence(m_rng);
    o["level"] = "info";
    o["isMeta"] = false;
    finish(std::move(o), 50);
  }

  void snapshot() {
    json::object o{{"type", "file-history-snapshot"},
                   {"messageId", m_rng.uuid4()},
                   {"snapshot",
                    json::object{{"messageId", m_rng.uuid4()},
                                 {"trackedFileBackups", json::object{}},
                                 {"timestamp", iso_millis_z(m_clock_ms)}}},
                   {"isSnapshotUpdate", false}};
    write(o);
  }

  void api_error() {
    json::object o = envelope();
    o["message"] = json::object{
        {"model", "<synthetic>"},
        {"id", m_rng.uuid4()},
        {"type", "message"},
        {"role", "assistant"},
        {"content",
         json::array{json::object{{"type", "text"}, {"text", "API Error: 529 Overloaded"}}}},
        {"stop_reason", "stop_sequence"},
        {"stop_sequence", nullptr},
        {"usage",
         json::object{{"input_tokens", 0},
                      {"output_tokens", 0},
                      {"cache_creation_input_tokens", 0},
                      {"cache_read_input_tokens", 0}}}};
    o["type"] = "assistant";
    o["isApiErrorMessage"] = true;
    finish(std::move(o), 3000);
  }

  // One assistant response (streamed) followed by the results of its tool calls.
  void turn(std::vector<ToolRound> rounds, bool last) {
    json::array blocks;
    if (m_rng.chance(0.3))
      blocks.push_back(json::object{
          {"type", "thinking"}, {"thinking", ""}, {"signature", "Eu" + m_rng.hex(180) + "=="}});
    if (m_rng.chance(0.6) || rounds.empty())
      blocks.push_back(
          json::object{{"type", "text"}, {"text", sentence(m_rng) + ' ' + sentence(m_rng)}});
    for (const auto& round : rounds)
      blocks.push_back(round.use);
    stream_assistant(blocks, last ? "end_turn" : "tool_use");
    for (auto& round : rounds) {
      json::object o = envelope();
      o["type"] = "user";
      json::object block{
          {"tool_use_id", round.use.at("id")}, {"type", "tool_result"}, {"content", round.result}};
      if (round.is_error || m_rng.chance(0.5))
        block["is_error"] = round.is_error;
      o["message"] = json::object{{"role", "user"}, {"content", json::array{std::move(block)}}};
      o["toolUseResult"] = std::move(round.tool_use_result);
      if (round.spawned_agent)
        m_spawned.push_back(*round.spawned_agent);
      finish(std::move(o), 400 + m_rng.below(4000));
    }
  }

private:
  enum class StreamStyle { split_blocks, snapshots, single_line };

  json::object envelope() {
    json::object o;
    o["parentUuid"] = m_parent.empty() ? json::value(nullptr) : json::value(m_parent);
    o["isSidechain"] = m_agent_id.has_value() || m_rng.chance(0.01);
    o["userType"] = "external";
    o["cwd"] = m_cwd;
    o["sessionId"] = m_session_id;
    o["version"] = "2.0.76";
    o["gitBranch"] = m_branch;
    if (m_agent_id)
      o["agentId"] = *m_agent_id;
    return o;
  }

  void finish(json::object o, std::int64_t advance_ms) {
    m_clock_ms += advance_ms;
    const std::string uuid = m_rng.uuid4();
    o["uuid"] = uuid;
    o["timestamp"] = iso_millis_z(m_clock_ms);
    m_parent = uuid;
    write(o);
  }

  void write(const json::object& o) {
    m_out += json::serialize(o);
    m_out += '\n';
  }

  void stream_assistant(const json::array& blocks, std::string_view stop_reason) {
    const std::string id = msg_id(m_rng);
    const std::string request = "req_011" + msg_id(m_rng).substr(6);
    const std::int64_t input = 3 + m_rng.below(6);
    const std::int64_t cache_create = m_rng.below(8000);
    m_cache_read += static_cast<std::int64_t>(m_rng.below(3000));
    const std::int64_t total_output = 30 + m_rng.below(600);
    const std::size_t n = blocks.size();
    auto line = [&](json::array content, std::size_t i) {
      const bool final_line = i + 1 == n || m_style == StreamStyle::single_line;
      json::object o = envelope();
      o["message"] = json::object{
          {"model", m_model},
          {"id", id},
          {"type", "message"},
          {"role", "assistant"},
          {"content", std::move(content)},
          {"stop_reason", final_line ? json::value(stop_reason) : json::value(nullptr)},
          {"stop_sequence", nullptr},
          {"usage",
           json::object{{"input_tokens", input},
                        {"cache_creation_input_tokens", cache_create},
                        {"cache_read_input_tokens", m_cache_read},
                        {"output_tokens",
                         final_line ? total_output
                                    : total_output * static_cast<std::int64_t>(i + 1) /
                                          static_cast<std::int64_t>(n)},
                        {"service_tier", "standard"}}}};
      o["requestId"] = request;
      o["type"] = "assistant";
      finish(std::move(o), i == 0 ? 1500 + m_rng.below(8000) : 50 + m_rng.below(900));
    };
    switch (m_style) {
    case StreamStyle::single_line:
      line(blocks, 0);
      break;
    case StreamStyle::split_blocks:
      for (std::size_t i = 0; i < n; ++i)
        line(json::array{blocks[i]}, i);
      break;
    case StreamStyle::snapshots:
      for (std::size_t i = 0; i < n; ++i)
        line(json::array(blocks.begin(), blocks.begin() + static_cast<std::ptrdiff_t>(i) + 1), i);
      break;
    }
  }

  Rng& m_rng;
  std::string m_cwd;
  std::string m_session_id;
  std::string m_model;
  std::int64_t m_clock_ms;
  std::optional<std::string> m_agent_id;
  std::string m_branch;
  StreamStyle m_style = StreamStyle::split_blocks;
  std::string m_parent;
  std::int64_t m_cache_read = 11020;
  std::string m_out;
  std::vector<std::string> m_spawned;
};

json::object bash_result_payload(const std::string& stdout_text) {
  return json::object{
      {"stdout", stdout_text}, {"stderr", ""}, {"interrupted", false}, {"isImage", false}};
}

// A random Claude Code tool call with a plausible result; `budget` caps large outputs.
ToolRound cc_tool_round(Rng& rng, std::string_view cwd, std::size_t budget, bool allow_task) {
  ToolRound r;
  const std::string id = tool_id(rng);
  const std::string repo = std::string(cwd.substr(cwd.find_last_of('/') + 1));
  const std::size_t kind = rng.weighted({30, 12, 8, 8, 6, 5, 4, 3, 3, allow_task ? 3.0 : 0.0});
  auto use = [&](std::string_view name, json::object input) {
    r.use =
        json::object{{"type", "tool_use"}, {"id", id}, {"name", name}, {"input", std::move(input)}};
  };
  switch (kind) {
  case 0: { // Read, sometimes of a large file
    const std::string path = file_path(rng, cwd);
    std::size_t lines = 10 + rng.below(200);
    if (budget > 400000 && rng.chance(0.04))
      lines = std::min<std::size_t>(budget / 40, 60000); // a multi-MB line
    use("Read", json::object{{"file_path", path}});
    r.result = numbered_file(rng, lines);
    r.tool_use_result = json::object{{"type", "text"},
                                     {"file",
                                      json::object{{"filePath", path},
                                                   {"content", "..."},
                                                   {"numLines", lines},
                                                   {"startLine", 1},
                                                   {"totalLines", lines}}}};
    break;
  }
  case 1: { // Edit
    const std::string path = file_path(rng, cwd);
    const std::string old_s = code_line(rng), new_s = code_line(rng);
    use("Edit", json::object{{"file_path", path}, {"old_string", old_s}, {"new_string", new_s}});
    r.result = "The file " + path +
               " has been updated. Here's the result of running `cat -n` on a snippet of the "
               "edited file:\n" +
               numbered_file(rng, 5);
    r.tool_use_result = json::object{{"filePath", path},
                                     {"oldString", old_s},
                                     {"newString", new_s},
                                     {"userModified", false},
                                     {"replaceAll", false}};
    break;
  }
  case 2: { // Write
    const std::string path =
        rng.chance(0.1) ? std::string(cwd) + "/journal/2026-03-09/notes.md" : file_path(rng, cwd);
    std::string content;
    for (std::size_t i = 0, n = 5 + rng.below(60); i < n; ++i)
      content += code_line(rng) + '\n';
    use("Write", json::object{{"file_path", path}, {"content", content}});
    r.result = "File created successfully at: " + path;
    r.tool_use_result = json::object{{"type", "create"},
                                     {"filePath", path},
                                     {"content", "..."},
                                     {"structuredPatch", json::array{}}};
    break;
  }
  case 3: { // Bash: tests (sometimes failing)
    use("Bash", json::object{{"command", "python -m pytest -q"}, {"description", "Run the tests"}});
    const auto passed = 1 + rng.below(300);
    if (rng.chance(0.25)) {
      r.is_error = true;
      r.result = "Exit code 1\nF" + std::string(70, '.') + " [100%]\n" + std::string(35, '=') +
                 " FAILURES " + std::string(35, '=') + "\nE   AssertionError: " + sentence(rng) +
                 "\nTraceback (most recent call last):\n  File \"" + file_path(rng, cwd) +
                 "\", line 42\n1 failed, " + std::to_string(passed) + " passed in 1.2s";
      r.tool_use_result = json::value("Error: Exit code 1\n1 failed");
    } else {
      r.result = std::string(std::min<std::size_t>(passed, 400), '.') + " [100%]\n" +
                 std::to_string(passed) + " passed in 0.9s";
      r.tool_use_result = bash_result_payload(r.result);
    }
    break;
  }
  case 4: { // Bash: commit
    const std::string msg = std::string(rng.pick(k_commit_types)) + ": " + words(rng, 4);
    const std::string branch(rng.pick(k_branches));
    use("Bash",
        json::object{{"command", "git add -A && git commit -m \"" + msg + "\""},
                     {"description", "Commit the change"}});
    r.result = "[" + branch + " " + rng.hex(7) + "] " + msg + "\n " +
               std::to_string(1 + rng.below(9)) + " files changed, " +
               std::to_string(rng.below(300)) + " insertions(+), " +
               std::to_string(rng.below(100)) + " deletions(-)";
    r.tool_use_result = bash_result_payload(r.result);
    break;
  }
  case 5: { // Bash: push + PR
    use("Bash",
        json::object{{"command", "git push -u origin HEAD && gh pr create --fill"},
                     {"description", "Push and open a PR"}});
    r.result = "remote: \nTo github.com:acme/" + repo +
               ".git\n * [new branch]      HEAD -> feat\n" + "https://github.com/acme/" + repo +
               "/pull/" + std::to_string(1 + rng.below(900));
    r.tool_use_result = bash_result_payload(r.result);
    break;
  }
  case 6: { // Bash: gh interactions
    const auto n = std::to_string(1 + rng.below(900));
    if (rng.chance(0.5)) {
      use("Bash",
          json::object{{"command",
                        "gh pr review " + n + " --repo acme/" + repo + " --comment --body \"" +
                            sentence(rng) + "\""}});
      r.result = "- Reviewed pull request acme/" + repo + "#" + n;
    } else {
      use("Bash",
          json::object{{"command",
                        "gh issue comment " + n + " --repo acme/" + repo + " --body \"" +
                            sentence(rng) + "\""}});
      r.result = "https://github.com/acme/" + repo + "/issues/" + n + "#issuecomment-27" +
                 std::to_string(rng.below(10000000));
    }
    r.tool_use_result = bash_result_payload(r.result);
    break;
  }
  case 7: { // Grep
    use("Grep", json::object{{"pattern", std::string(rng.pick(k_words))}, {"path", cwd}});
    for (std::size_t i = 0, n = 1 + rng.below(40); i < n; ++i)
      r.result += file_path(rng, cwd) + '\n';
    r.tool_use_result = json::object{{"mode", "files_with_matches"}, {"numFiles", 3}};
    break;
  }
  case 8: { // Bash: git log / status
    use("Bash",
        json::object{{"command", "git status --short && git log --oneline -5"},
                     {"description", "Show working tree status and recent commits"}});
    r.result = " M " + file_path(rng, "src").substr(4) + "\n";
    for (int i = 0; i < 5; ++i)
      r.result +=
          rng.hex(7) + ' ' + std::string(rng.pick(k_commit_types)) + ": " + words(rng, 4) + '\n';
    r.tool_use_result = bash_result_payload(r.result);
    break;
  }
  default: { // Task: spawns a subagent
    const std::string agent = rng.hex(8);
    use("Task",
        json::object{{"description", words(rng, 3)},
                     {"prompt", sentence(rng) + ' ' + sentence(rng)},
                     {"subagent_type", "general-purpose"}});
    r.result = "Agent finished. " + sentence(rng) + ' ' + sentence(rng);
    r.tool_use_result =
        json::object{{"status", "completed"},
                     {"agentId", agent},
                     {"content", json::array{json::object{{"type", "text"}, {"text", r.result}}}},
                     {"totalDurationMs", rng.between(5000, 600000)},
                     {"totalTokens", rng.between(1000, 90000)},
                     {"totalToolUseCount", rng.between(1, 40)}};
    r.spawned_agent = agent;
    break;
  }
  }
  return r;
}

// Fills a Claude Code session up to about `target` bytes.
void fill_cc_session(Rng& rng,
                     ClaudeSessionWriter& writer,
                     std::string_view cwd,
                     std::size_t target,
                     bool allow_task) {
  writer.user_prompt(sentence(rng) + ' ' + sentence(rng));
  while (writer.size() < target) {
    if (rng.chance(0.03))
      writer.system_note();
    if (rng.chance(0.02))
      writer.snapshot();
    if (rng.chance(0.01))
      writer.api_error();
    if (rng.chance(0.05))
      writer.user_prompt(sentence(rng));
    std::vector<ToolRound> rounds;
    const auto n = rng.weighted({5, 60, 25, 10});
    for (std::size_t i = 0; i < n; ++i)
      rounds.push_back(
          cc_tool_round(rng, cwd, target - std::min(target, writer.size()), allow_task));
    writer.turn(std::move(rounds), false);
  }
  writer.turn({}, true);
}

std::string encode_cwd(std::string_view cwd) {
  std::string encoded(cwd);
  std::replace(encoded.begin(), encoded.end(), '/', '-');
  return encoded;
}

// Byte targets for n files sharing a budget, heavy-tailed (Pareto-like) so a few sessions are
// much larger. Each target is taken from what is left, so files that overshoot (a session ends
// after a whole turn) are paid for by the later ones and the total lands near the budget.
class SizePlan {
public:
  SizePlan(Rng& rng, std::size_t n, double budget, double floor)
      : m_weights(n), m_left(budget), m_floor(floor) {
    for (auto& x : m_weights) {
      x = std::pow(0.02 + 0.98 * rng.unit(), -0.9);
      m_weight_left += x;
    }
  }
  std::size_t target(std::size_t i) const {
    const double share = m_weight_left > 0 ? m_left * m_weights[i] / m_weight_left : 0;
    return static_cast<std::size_t>(std::max(m_floor, share));
  }
  void spent(std::size_t i, std::size_t bytes) {
    m_left -= static_cast<double>(bytes);
    m_weight_left -= m_weights[i];
  }

private:
  std::vector<double> m_weights;
  double m_left;
  double m_weight_left = 0;
  double m_floor;
};

struct Totals {
  std::uint64_t files = 0;
  std::uint64_t bytes = 0;

  // Writes one generated file and counts it; false (after perror) when it cannot be written.
  bool write(const fs::path& path, const std::string& content) {
    if (!write_file(path, content))
      return false;
    ++files;
    bytes += content.size();
    return true;
  }
};

bool write_claude_tree(const Options& opt, Totals& totals) {
  Rng rng(opt.seed);
  const fs::path root = opt.home / ".claude" / "projects";
  const double total_bytes = opt.cc_mb * 1e6;
  const double sub_share = opt.cc_subagents ? 0.15 : 0.0;
  SizePlan plan(rng, opt.cc_sessions, total_bytes * (1 - sub_share), 6000);

  struct Parent {
    fs::path dir;
    std::string cwd, session_id;
    std::int64_t start_ms;
  };
  std::vector<Parent> parents;
  for (std::uint64_t i = 0; i < opt.cc_sessions; ++i) {
    const std::string cwd(rng.pick(k_workspaces));
    const fs::path dir = root / encode_cwd(cwd);
    fs::create_directories(dir);
    const std::string session_id = rng.uuid4();
    const std::int64_t day = opt.end_unix / 86400 - rng.between(0, opt.days - 1);
    const std::int64_t start_ms = (day * 86400 + rng.between(0, 86400 - 7200)) * 1000;
    const std::size_t target = plan.target(i);
    ClaudeSessionWriter writer(
        rng, cwd, session_id, std::string(rng.pick(k_cc_models)), start_ms, {});
    if (rng.chance(0.1))
      writer.summary_line();
    fill_cc_session(rng, writer, cwd, target, true);
    if (!totals.write(dir / (session_id + ".jsonl"), writer.text()))
      return false;
    plan.spent(i, writer.size());
    parents.push_back({dir, cwd, session_id, start_ms});
  }

  SizePlan sub_plan(rng, opt.cc_subagents, total_bytes - static_cast<double>(totals.bytes), 5000);
  for (std::uint64_t i = 0; i < opt.cc_subagents && !parents.empty(); ++i) {
    const Parent& parent = parents[rng.below(parents.size())];
    const std::string agent = rng.hex(8);
    const fs::path dir = parent.dir / parent.session_id / "subagents";
    fs::create_directories(dir);
    const std::size_t target = sub_plan.target(i);
    ClaudeSessionWriter writer(rng,
                               parent.cwd,
                               parent.session_id,
                               rng.chance(0.6) ? "claude-haiku-4-5" : "claude-sonnet-4-6",
                               parent.start_ms + rng.between(10000, 600000),
                               agent);
    fill_cc_session(rng, writer, parent.cwd, target, false);
    if (!totals.write(dir / ("agent-" + agent + ".jsonl"), writer.text()))
      return false;
    sub_plan.spent(i, writer.size());
  }

  // Sessions that never got a real answer: below the 4096-byte stub filter.
  for (std::uint64_t i = 0; i < opt.cc_stubs; ++i) {
    const std::string cwd(rng.pick(k_workspaces));
    const fs::path dir = root / encode_cwd(cwd);
    fs::create_directories(dir);
    const std::string session_id = rng.uuid4();
    ClaudeSessionWriter writer(
        rng, cwd, session_id, "claude-sonnet-4-6", (opt.end_unix - rng.below(86400)) * 1000, {});
    writer.user_prompt(sentence(rng));
    writer.api_error();
    if (!totals.write(dir / (session_id + ".jsonl"), writer.text()))
      return false;
  }
  return true;
}

// ---- gptme ----

struct GptmeCall {
  std::string tool;
  std::string args; // JSON text
  std::string result;
};

GptmeCall gptme_call(Rng& rng, std::string_view workspace) {
  GptmeCall c;
  switch (rng.weighted({40, 15, 12, 10, 8, 5})) {
  case 0: {
    const std::string path = file_path(rng, "src").substr(4);
    const std::string cmd = "sed -n '1,80p' " + path;
    c.tool = "shell";
    c.args = core::to_json(json::object{{"command", cmd}});
    std::string out;
    for (std::size_t i = 0, n = 5 + rng.below(120); i < n; ++i)
      out += code_line(rng) + '\n';
    c.result = "Ran command: `" + cmd + "`\n\n```stdout\n" + out + "```";
    break;
  }
  case 1: {
    const std::string msg = std::string(rng.pick(k_commit_types)) + ": " + words(rng, 4);
    const std::string cmd = "git add -A && git commit -m '" + msg + "'";
    c.tool = "shell";
    c.args = core::to_json(json::object{{"command", cmd}});
    c.result = "Ran command: `" + cmd + "`\n\n```stdout\n[" + std::string(rng.pick(k_branches)) +
               ' ' + rng.hex(7) + "] " + msg + "\n 2 files changed, 7 insertions(+)\n```";
    break;
  }
  case 2: {
    const std::string path = file_path(rng, "src").substr(4);
    std::string content;
    for (std::size_t i = 0, n = 5 + rng.below(50); i < n; ++i)
      content += code_line(rng) + '\n';
    c.tool = "save";
    c.args = core::to_json(json::object{{"path", path}, {"content", content}});
    c.result = "Saved to " + path;
    break;
  }
  case 3: {
    const std::string path = file_path(rng, "src").substr(4);
    c.tool = "patch";
    c.args = core::to_json(json::object{{"path", path},
                                        {"patch",
                                         "<<<<<<< ORIGINAL\n" + code_line(rng) + "\n=======\n" +
                                             code_line(rng) + "\n>>>>>>> UPDATED"}});
    c.result = rng.chance(0.2) ? "Error during execution: Patch failed for " + path +
                                     ": original chunk not found in file"
                               : "Patch successfully applied to `" + path + "`";
    break;
  }
  case 4: {
    c.tool = "shell";
    c.args = core::to_json(json::object{{"command", "python -m pytest -q"}});
    c.result = "Ran command: `python -m pytest -q`\n\n```stdout\n" + std::string(40, '.') +
               " [100%]\n40 passed in 0.31s\n```";
    break;
  }
  default: {
    c.tool = "read";
    c.args = core::to_json(json::object{{"path", std::string(workspace) + "/README.md"}});
    c.result = "```README.md\n" + sentence(rng) + '\n' + sentence(rng) + "\n```";
    break;
  }
  }
  return c;
}

std::string gptme_line(json::object o) {
  return core::to_json(o) + '\n';
}

bool write_gptme_logs(const Options& opt, Totals& totals) {
  Rng rng(opt.seed ^ 0x67707470ULL);
  const fs::path root = opt.home / ".local" / "share" / "gptme" / "logs";
  fs::create_directories(root);
  SizePlan plan(rng, opt.gptme_sessions, opt.gptme_mb * 1e6, 3000);
  std::set<std::string> used;
  for (std::uint64_t i = 0; i < opt.gptme_sessions; ++i) {
    const std::int64_t day = opt.end_unix / 86400 - rng.between(0, opt.days - 1);
    const std::string date = gptme_sessions::bench::iso_seconds(day * 86400).substr(0, 10);
    std::string name = gptme_sessions::bench::session_name(rng);
    if (!used.insert(date + name).second)
      name += '-' + rng.hex(4);
    used.insert(date + name);
    const fs::path dir = root / (date + '-' + name);
    fs::create_directories(dir);
    const std::string workspace(rng.pick(k_workspaces));
    const std::string model(rng.pick(k_gptme_models));
    const bool interactive = rng.chance(0.3);
    const std::string config = "[chat]\nname = \"" + name + "\"\nmodel = \"" + model +
                               "\"\ntools = [\"read\", \"save\", \"append\", \"patch\", "
                               "\"shell\", \"complete\"]\ntool_format = \"tool\"\nstream = "
                               "true\ninteractive = " +
                               (interactive ? "true" : "false") + "\nworkspace = \"" + workspace +
                               "\"\n";
    if (!totals.write(dir / "config.toml", config))
      return false;

    const bool flat_usage = rng.chance(0.2); // pre-2026-03-10 logs
    std::int64_t clock_us = (day * 86400 + rng.between(0, 86400 - 7200)) * 1000000;
    auto stamp = [&](std::int64_t advance_ms) {
      clock_us += advance_ms * 1000 + static_cast<std::int64_t>(rng.below(1000));
      return iso_micros_naive(clock_us);
    };
    const std::size_t target = plan.target(i);
    std::string out;
    out += gptme_line({{"role", "system"},
                       {"content",
                        "You are gptme v0.31.0, a general-purpose AI assistant powered by "
                        "LLMs.\n\n# Tools\n\n## shell\nExecutes shell commands.\n\n## save\nCreate "
                        "or overwrite a file."},
                       {"timestamp", stamp(0)},
                       {"pinned", true}});
    out += gptme_line({{"role", "user"}, {"content", sentence(rng)}, {"timestamp", stamp(120)}});
    std::int64_t cache_read = 0;
    bool done = false;
    while (!done) {
      done = out.size() >= target;
      std::string content = rng.chance(0.6) ? sentence(rng) + "\n\n" : std::string();
      std::vector<GptmeCall> calls;
      if (done) {
        calls.push_back({"complete", "{}", "Task complete. Autonomous session finished."});
      } else {
        for (std::size_t k = 0, n = rng.chance(0.15) ? 2 : 1; k < n; ++k)
          calls.push_back(gptme_call(rng, workspace));
      }
      std::vector<std::string> ids;
      for (const auto& call : calls) {
        ids.push_back(tool_id(rng));
        content += '@' + call.tool + '(' + ids.back() + "): " + call.args + '\n';
      }
      content.pop_back();
      const std::int64_t input = 4 + rng.below(8), output = 40 + rng.below(400),
                         create = rng.below(2000);
      json::object metadata{{"model", model}, {"cost", static_cast<double>(rng.below(3000)) / 1e5}};
      if (flat_usage) {
        metadata["input_tokens"] = input;
        metadata["output_tokens"] = output;
        metadata["cache_read_tokens"] = cache_read;
        metadata["cache_creation_tokens"] = create;
      } else {
        metadata["usage"] = json::object{{"input_tokens", input},
                                         {"output_tokens", output},
                                         {"cache_read_tokens", cache_read},
                                         {"cache_creation_tokens", create}};
        metadata["timings"] =
            json::object{{"ttft_ms", static_cast<double>(500 + rng.below(15000)) / 10},
                         {"gen_ms", static_cast<double>(1000 + rng.below(60000)) / 10}};
      }
      cache_read += create;
      out += gptme_line({{"role", "assistant"},
                         {"content", content},
                         {"timestamp", stamp(2000 + rng.below(8000))},
                         {"metadata", std::move(metadata)}});
      for (std::size_t k = 0; k < calls.size(); ++k)
        out += gptme_line({{"role", "system"},
                           {"content", calls[k].result},
                           {"timestamp", stamp(10 + rng.below(3000))},
                           {"call_id", ids[k]}});
      if (!done && rng.chance(0.03))
        out += gptme_line({{"role", "system"},
                           {"content", "[Summarized previous tool outputs] " + sentence(rng)},
                           {"timestamp", stamp(5)}});
    }
    if (!totals.write(dir / "conversation.jsonl", out))
      return false;
    plan.spent(i, out.size() + config.size());
  }
  return true;
}

bool parse_options(int argc, char** argv, Options& opt) {
  std::string end;
  std::string home;
  po::options_description desc(
      "gen_trajectories: write a fake HOME with Claude Code and gptme sessions\nOptions");
  desc.add_options()("help,h", "Show this help")(
      "home", po::value(&home)->required(), "Directory to use as HOME (created)")(
      "seed", po::value(&opt.seed)->default_value(opt.seed), "Random seed")(
      "end", po::value(&end), "Latest session date, YYYY-MM-DD (default: today, UTC)")(
      "days",
      po::value(&opt.days)->default_value(opt.days),
      "Sessions spread over this many days up to --end")(
      "cc-sessions",
      po::value(&opt.cc_sessions)->default_value(opt.cc_sessions),
      "Claude Code session files")(
      "cc-subagents",
      po::value(&opt.cc_subagents)->default_value(opt.cc_subagents),
      "Claude Code subagent files (<session>/subagents/agent-*.jsonl)")(
      "cc-stubs",
      po::value(&opt.cc_stubs)->default_value(opt.cc_stubs),
      "Claude Code stub files below the 4096-byte filter")(
      "cc-mb", po::value(&opt.cc_mb)->default_value(opt.cc_mb), "Claude Code tree size in MB")(
      "gptme-sessions",
      po::value(&opt.gptme_sessions)->default_value(opt.gptme_sessions),
      "gptme log dirs")(
      "gptme-mb", po::value(&opt.gptme_mb)->default_value(opt.gptme_mb), "gptme logs size in MB")(
      "force", po::bool_switch(&opt.force), "Write into an existing non-empty HOME");
  if (!gptme_sessions::bench::parse_command_line(k_tool, argc, argv, desc))
    return false;
  if (end.empty()) {
    const auto now = std::chrono::system_clock::now().time_since_epoch();
    opt.end_unix = std::chrono::duration_cast<std::chrono::seconds>(now).count() / 86400 * 86400;
  } else {
    opt.end_unix = gptme_sessions::bench::end_date_option(k_tool, end);
  }
  if (opt.days < 1 || opt.cc_mb < 0 || opt.gptme_mb < 0)
    gptme_sessions::bench::usage_error(k_tool, "--days must be >= 1 and sizes >= 0");
  opt.home = home;
  return true;
}

} // namespace

int main(int argc, char** argv) {
  Options opt;
  if (!parse_options(argc, argv, opt))
    return 0;
  std::error_code ec;
  if (fs::exists(opt.home, ec) && !fs::is_empty(opt.home, ec) && !opt.force) {
    std::cerr << "gen_trajectories: " << opt.home.string()
              << " is not empty (use --force to write into it)\n";
    return 1;
  }
  fs::create_directories(opt.home);
  Totals cc, gptme;
  if (!write_claude_tree(opt, cc) || !write_gptme_logs(opt, gptme))
    return 1;
  std::cout << "claude-code: " << cc.files << " files, " << cc.bytes << " bytes under "
            << (opt.home / ".claude" / "projects").string() << '\n'
            << "gptme: " << gptme.files << " files, " << gptme.bytes << " bytes under "
            << (opt.home / ".local" / "share" / "gptme" / "logs").string() << '\n';
  return 0;
}
