#include "claude_extractor.hpp"

#include "claude_roots.hpp"
#include "claude_transcript.hpp"

#include <gptme_sessions/core/signals/json_access.hpp>
#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/signals/signal_builder.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>
#include <gptme_sessions/sdk/plugin_settings.hpp>

#include <unordered_set>

namespace gptme_sessions::plugins::harness_claude_code {
namespace {

namespace sig = core::signals;
namespace json = boost::json;
using sig::object_of;
using sig::string_of;
using sig::truthy;

sig::TokenCounts token_counts(const json::object& usage) {
  auto counter = [&](std::string_view key) {
    return sig::as_counter(usage.if_contains(key)).value_or(0);
  };
  return sig::TokenCounts{.input = counter("input_tokens"),
                          .output = counter("output_tokens"),
                          .cache_read = counter("cache_read_input_tokens"),
                          .cache_creation = counter("cache_creation_input_tokens")};
}

// Blocks joined by spaces: a block's text, or Python str() of anything else.
std::string joined_text(const json::value& content) {
  if (!content.is_array())
    return sig::python_str(content);
  std::string text;
  bool first = true;
  for (const auto& block : content.get_array()) {
    if (!first)
      text += ' ';
    first = false;
    const json::value* block_text =
        block.is_object() ? block.get_object().if_contains("text") : nullptr;
    if (block_text == nullptr)
      sig::append_python_str(text, block);
    else
      sig::append_python_str(text, *block_text);
  }
  return text;
}

// A tool_result's content as one string (spec §4.3 step 3). Plain strings, the common and
// the large case, are used in place; storage is only filled for other shapes.
std::string_view result_text(const json::object& item, std::string& storage) {
  const json::value* content = item.if_contains("content");
  if (content == nullptr)
    return {};
  if (content->is_string())
    return content->get_string();
  storage = joined_text(*content);
  return storage;
}

class Session {
public:
  Session()
      : m_builder(sig::SignalProfile{.format = "claude_code",
                                     .warning_phrases = true,
                                     .tool_timing = true,
                                     .github = true,
                                     .usage = sig::UsageStyle::claude_code}) {}

  // side: the whole file is a subagent transcript folded into its parent. isSidechain is
  // honoured unless the file being read is itself a subagent transcript (where every record
  // carries it).
  void record(const json::object& rec,
              std::size_t file_index,
              std::size_t line,
              bool side,
              bool honour_sidechain) {
    if (!side && honour_sidechain) {
      const json::value* sidechain = rec.if_contains("isSidechain");
      side = sidechain != nullptr && sidechain->is_bool() && sidechain->get_bool();
    }
    const std::string_view type = string_of(rec, "type");
    std::optional<sig::Timestamp> ts;
    if (const auto* t = rec.if_contains("timestamp"); t != nullptr && t->is_string())
      ts = sig::parse_timestamp(t->get_string());
    if (ts)
      m_builder.observe_time(*ts, !side);

    if (type == "assistant") {
      if (const json::object* message = object_of(rec, "message"))
        assistant(rec, *message, ts, file_index, line, side);
    } else if (type == "user") {
      if (const json::object* message = object_of(rec, "message"))
        user(*message, ts);
    } else if (type == "result") {
      if (const json::object* usage = object_of(rec, "usage"))
        m_builder.add_final_usage(token_counts(*usage));
    }
  }

  json::object build() const { return m_builder.build(); }

private:
  void assistant(const json::object& rec,
                 const json::object& message,
                 const std::optional<sig::Timestamp>& ts,
                 std::size_t file_index,
                 std::size_t line,
                 bool side) {
    // One API response may be written as several lines sharing message.id (+ requestId).
    std::string response;
    if (const std::string_view id = string_of(message, "id"); !id.empty()) {
      response = id;
      response += '\x1f';
      response += string_of(rec, "requestId");
    }
    sig::UsageSample sample;
    sample.model = string_of(message, "model");
    if (const json::object* usage = object_of(message, "usage"); usage && !usage->empty())
      sample.tokens = token_counts(*usage);
    sample.response_id = response;
    sample.main_line = !side;
    m_builder.add_usage(sample);

    const json::value* content = message.if_contains("content");
    if (content == nullptr || !content->is_array())
      return;
    const std::string batch =
        response.empty() ? "line:" + std::to_string(file_index) + ":" + std::to_string(line)
                         : response;
    bool new_call = false;
    for (const auto& item_value : content->get_array()) {
      if (!item_value.is_object())
        continue;
      const json::object& item = item_value.get_object();
      if (string_of(item, "type") != "tool_use")
        continue;
      const std::string_view name = string_of(item, "name");
      if (name.empty())
        continue;
      static const json::object k_no_input;
      const json::object* input = object_of(item, "input");
      if (input == nullptr)
        input = &k_no_input;
      sig::ToolCall call;
      call.name = name;
      call.id = string_of(item, "id");
      if (name == "Write" || name == "Edit") {
        call.kind = sig::ToolKind::file_write;
        call.path = string_of(*input, "file_path");
      } else if (name == "NotebookEdit") {
        call.kind = sig::ToolKind::file_write;
        call.path = string_of(*input, "notebook_path");
      } else if (name == "Bash") {
        call.kind = sig::ToolKind::shell;
        call.command = string_of(*input, "command");
      }
      call.dispatched_at = ts;
      call.batch = batch;
      new_call |= m_builder.add_tool_call(call);
    }
    if (new_call && (response.empty() || m_stepped.insert(response).second))
      m_builder.add_step();
  }

  void user(const json::object& message, const std::optional<sig::Timestamp>& ts) {
    const json::value* content = message.if_contains("content");
    if (content == nullptr || !content->is_array())
      return;
    for (const auto& item_value : content->get_array()) {
      if (!item_value.is_object())
        continue;
      const json::object& item = item_value.get_object();
      if (string_of(item, "type") != "tool_result")
        continue;
      const bool is_error = truthy(item.if_contains("is_error"));
      std::string storage;
      const std::string_view text = is_error ? std::string_view() : result_text(item, storage);
      m_builder.add_tool_result(sig::ToolResult{
          .call_id = string_of(item, "tool_use_id"), .is_error = is_error, .text = text, .at = ts});
    }
  }

  sig::SignalBuilder m_builder;
  std::unordered_set<std::string> m_stepped;
};

} // namespace

ClaudeCodeSignalExtractor::ClaudeCodeSignalExtractor(sdk::PluginContext& context)
    : m_context(context) {}

std::optional<std::size_t>
ClaudeCodeSignalExtractor::detect(std::span<const boost::json::value> head) const {
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (!head[i].is_object())
      continue;
    const json::object& record = head[i].get_object();
    if (record.contains("role"))
      return std::nullopt;
    const std::string_view type = string_of(record, "type");
    if (type == "user" || type == "assistant" || type == "result")
      return i;
  }
  return std::nullopt;
}

boost::json::object ClaudeCodeSignalExtractor::extract(const std::filesystem::path& trajectory) {
  Session session;
  sig::JsonlReader reader(
      [this](std::string_view message) { m_context.log(sdk::LogLevel::warning, message); },
      sdk::jsonl_reader_options(m_context));
  const bool strict = sdk::config_flag(m_context, "strict_utf8");

  std::vector<std::filesystem::path> files{trajectory};
  const bool main_is_subagent = is_subagent_file(trajectory);
  if (!main_is_subagent && sdk::config_flag(m_context, "subagents", true))
    for (auto& file : subagent_files(trajectory))
      files.push_back(std::move(file));

  for (std::size_t index = 0; index < files.size(); ++index) {
    const bool side = index > 0;
    sig::JsonlStats stats;
    try {
      stats = reader.read(files[index], [&](const json::value& record, const sig::JsonlLine& line) {
        session.record(record.get_object(), index, line.number, side, !main_is_subagent);
        return !m_context.cancelled();
      });
    } catch (const sig::JsonlReadError& e) {
      if (index == 0)
        throw sdk::ExtractError(e.what());
      // A subagent file that vanished or cannot be read does not sink the parent.
      m_context.log(sdk::LogLevel::warning, e.what());
      continue;
    }
    if (strict && stats.invalid_utf8 > 0)
      throw sdk::ExtractError(files[index].string() + " contains non-UTF-8 content");
    if (stats.records == 0)
      m_context.log(sdk::LogLevel::warning, files[index].string() + ": no JSON records");
    if (m_context.cancelled())
      break;
  }
  return session.build();
}

std::string ClaudeCodeSignalExtractor::transcript_excerpt(const std::filesystem::path& trajectory,
                                                          std::size_t max_code_points) {
  ClaudeTranscript transcript(max_code_points, !is_subagent_file(trajectory));
  sig::JsonlReader reader(
      [this](std::string_view message) { m_context.log(sdk::LogLevel::warning, message); },
      sdk::jsonl_reader_options(m_context));
  sig::JsonlStats stats;
  try {
    stats = reader.read(trajectory, [&](const json::value& record, const sig::JsonlLine&) {
      transcript.record(record.get_object());
      return !m_context.cancelled();
    });
  } catch (const sig::JsonlReadError& e) {
    throw sdk::ExtractError(e.what());
  }
  if (stats.invalid_utf8 > 0 && sdk::config_flag(m_context, "strict_utf8"))
    throw sdk::ExtractError(trajectory.string() + " contains non-UTF-8 content");
  return transcript.str();
}

} // namespace gptme_sessions::plugins::harness_claude_code
