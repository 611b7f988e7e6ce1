#include "gptme_extractor.hpp"

#include "gptme_system_message.hpp"
#include "gptme_tool_calls.hpp"
#include "gptme_transcript.hpp"

#include <gptme_sessions/core/signals/json_access.hpp>
#include <gptme_sessions/core/signals/jsonl_reader.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/signals/signal_builder.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>
#include <gptme_sessions/core/signals/timestamp.hpp>
#include <gptme_sessions/sdk/plugin_settings.hpp>

#include <system_error>

namespace gptme_sessions::plugins::harness_gptme {
namespace {

namespace sig = core::signals;
namespace json = boost::json;
using sig::string_of;
using sig::truthy;

// Size of a message's content as the reference counts it (spec §7.7).
std::size_t content_bytes(const json::value* content) {
  if (content == nullptr)
    return 4; // str(None)
  if (content->is_string())
    return content->get_string().size();
  if (content->is_array()) {
    std::size_t total = 0;
    for (const auto& block : content->get_array())
      total += sig::json_dumps_utf8_size(block);
    return total;
  }
  return sig::python_str(*content).size();
}

sig::MessageRole role_of(std::string_view role) {
  if (role == "system")
    return sig::MessageRole::system;
  if (role == "user")
    return sig::MessageRole::user;
  if (role == "assistant")
    return sig::MessageRole::assistant;
  return sig::MessageRole::other;
}

class Session {
public:
  Session()
      : m_builder(sig::SignalProfile{.format = "gptme",
                                     .summarizer = true,
                                     .timings = true,
                                     .usage = sig::UsageStyle::gptme}) {}

  void record(const json::object& msg) {
    const std::string_view role = string_of(msg, "role");
    const json::value* content_value = msg.if_contains("content");
    const std::string_view content = content_value != nullptr && content_value->is_string()
                                         ? std::string_view(content_value->get_string())
                                         : std::string_view{};
    const json::value* ts_value = msg.if_contains("timestamp");
    if (ts_value != nullptr && ts_value->is_string())
      if (auto ts = sig::parse_timestamp(ts_value->get_string()))
        m_builder.observe_time(*ts);

    if (const json::value* r = msg.if_contains("role"); r != nullptr && !r->is_null())
      m_builder.add_message_bytes(role_of(role), content_bytes(content_value));

    if (role == "assistant") {
      assistant(msg, content);
    } else if (role == "system" && truthy(ts_value)) {
      system(content);
    }
  }

  json::object build() const { return m_builder.build(); }

private:
  void assistant(const json::object& msg, std::string_view content) {
    const auto calls = parse_tool_calls(content);
    for (const auto& call : calls) {
      sig::ToolCall event;
      event.name = call.tool;
      if (is_write_tool(call.tool)) {
        event.kind = sig::ToolKind::file_write;
        event.path = call.path;
      }
      m_builder.add_tool_call(event);
    }
    if (!calls.empty())
      m_builder.add_step();

    const json::value* metadata_value = msg.if_contains("metadata");
    if (metadata_value == nullptr || !metadata_value->is_object() ||
        metadata_value->get_object().empty())
      return;
    const json::object& metadata = metadata_value->get_object();
    sig::UsageSample sample;
    sample.model = string_of(metadata, "model");
    if (sample.model.empty())
      sample.model = string_of(msg, "model");
    // Token counts nested under "usage" since gptme 2026-03; flat in older logs.
    const json::value* usage_value = metadata.if_contains("usage");
    const json::object& source =
        usage_value != nullptr && usage_value->is_object() && !usage_value->get_object().empty()
            ? usage_value->get_object()
            : metadata;
    auto counter = [&](std::string_view key) {
      return sig::as_counter(source.if_contains(key)).value_or(0);
    };
    sample.tokens = sig::TokenCounts{.input = counter("input_tokens"),
                                     .output = counter("output_tokens"),
                                     .cache_read = counter("cache_read_tokens"),
                                     .cache_creation = counter("cache_creation_tokens")};
    sample.cost = sig::as_number(metadata.if_contains("cost"));
    m_builder.add_usage(sample);

    if (const json::value* t = metadata.if_contains("timings"); t != nullptr && t->is_object()) {
      const json::object& timings = t->get_object();
      m_builder.add_timings(sig::as_number(timings.if_contains("ttft_ms")),
                            sig::as_number(timings.if_contains("gen_ms")),
                            sig::as_number(timings.if_contains("tool_ms")));
    }
  }

  void system(std::string_view content) {
    const std::string_view stripped = sig::python_strip(content);
    if (stripped.starts_with("[Summarized previous tool outputs]"))
      m_builder.set_summarizer_fired();
    if (is_error_output(content))
      m_builder.add_error();
    m_builder.add_commits(sig::utf8_prefix(content, 500), "shell", false);
  }

  sig::SignalBuilder m_builder;
};

} // namespace

GptmeSignalExtractor::GptmeSignalExtractor(sdk::PluginContext& context) : m_context(context) {}

std::optional<std::size_t>
GptmeSignalExtractor::detect(std::span<const boost::json::value> head) const {
  for (std::size_t i = 0; i < head.size(); ++i) {
    if (!head[i].is_object())
      continue;
    const json::object& record = head[i].get_object();
    if (record.contains("role"))
      return i;
    const std::string_view type = string_of(record, "type");
    if (type == "user" || type == "assistant" || type == "result")
      return std::nullopt;
  }
  return head.size();
}

void GptmeSignalExtractor::read_messages(const std::filesystem::path& trajectory,
                                         const std::function<void(const json::object&)>& sink) {
  std::filesystem::path file = trajectory;
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) {
    file /= "conversation.jsonl";
    if (!std::filesystem::exists(file, ec))
      throw sdk::ExtractError(trajectory.string() + " has no conversation.jsonl");
  }
  sig::JsonlReader reader(
      [this](std::string_view message) { m_context.log(sdk::LogLevel::warning, message); },
      sdk::jsonl_reader_options(m_context));
  sig::JsonlStats stats;
  try {
    stats = reader.read(file, [&](const json::value& record, const sig::JsonlLine&) {
      sink(record.get_object());
      return !m_context.cancelled();
    });
  } catch (const sig::JsonlReadError& e) {
    throw sdk::ExtractError(e.what());
  }
  if (stats.invalid_utf8 > 0 && sdk::config_flag(m_context, "strict_utf8"))
    throw sdk::ExtractError(file.string() + " contains non-UTF-8 content");
  if (stats.records == 0)
    m_context.log(sdk::LogLevel::warning, file.string() + ": no JSON records");
}

boost::json::object GptmeSignalExtractor::extract(const std::filesystem::path& trajectory) {
  Session session;
  read_messages(trajectory, [&](const json::object& message) { session.record(message); });
  return session.build();
}

std::string GptmeSignalExtractor::transcript_excerpt(const std::filesystem::path& trajectory,
                                                     std::size_t max_code_points) {
  GptmeTranscript transcript(max_code_points);
  read_messages(trajectory, [&](const json::object& message) { transcript.record(message); });
  return transcript.str();
}

} // namespace gptme_sessions::plugins::harness_gptme
