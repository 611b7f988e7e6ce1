#include "commands/signals_text.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/text_format.hpp>

#include <boost/json/array.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <set>
#include <utility>
#include <vector>

namespace gptme_sessions::host {

namespace json = boost::json;

namespace {

const json::value* field(const json::object& o, std::string_view key) {
  return o.if_contains(key);
}

double number_or_zero(const json::value* v) {
  if (v == nullptr)
    return 0;
  if (auto n = core::signals::as_number(v))
    return *n;
  return 0;
}

// Python str() of a JSON value (None, 12, 12.0, text).
std::string py_str(const json::value* v) {
  if (v == nullptr)
    return "None";
  return core::signals::python_str(*v);
}

// f"{n:,}": integers with thousands separators; other values as str().
std::string py_thousands(const json::value* v) {
  if (v != nullptr && v->is_int64())
    return core::thousands(v->get_int64());
  if (v != nullptr && v->is_uint64())
    return core::thousands(static_cast<std::int64_t>(v->get_uint64()));
  if (v == nullptr)
    return "0";
  return py_str(v);
}

std::string fixed(double value, int precision) {
  std::string out;
  core::append_fixed(out, value, precision);
  return out;
}

std::size_t array_size(const json::object& o, std::string_view key) {
  const json::value* v = field(o, key);
  return v != nullptr && v->is_array() ? v->get_array().size() : 0;
}

std::string rate_limit_line(const json::object& usage) {
  const json::value* primary = field(usage, "rate_limit_primary_pct");
  if (primary == nullptr || primary->is_null())
    return "";
  std::string line = "Rate limits: primary=" + fixed(number_or_zero(primary), 1) + "%";
  const json::value* secondary = field(usage, "rate_limit_secondary_pct");
  if (secondary != nullptr && !secondary->is_null())
    line += " secondary=" + fixed(number_or_zero(secondary), 1) + "%";
  return line + " (no absolute token counts)";
}

std::string tool_calls_line(const json::object& signals) {
  std::vector<std::pair<std::string, double>> tools;
  double total = 0;
  if (const json::value* tc = field(signals, "tool_calls"); tc != nullptr && tc->is_object()) {
    for (const auto& [name, count] : tc->get_object()) {
      const double n = number_or_zero(&count);
      tools.emplace_back(std::string(name), n);
      total += n;
    }
  }
  // sorted(..., key=-count) is stable: ties keep first-seen order.
  std::stable_sort(
      tools.begin(), tools.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  const json::value* steps_value = field(signals, "steps");
  const double steps = number_or_zero(steps_value);
  auto count_text = [](double n) { return std::to_string(static_cast<std::int64_t>(n)); };
  std::string line = "Tool calls: " + count_text(total) + " in " +
                     (steps_value != nullptr ? py_str(steps_value) : "0") + " step(s)";
  if (steps != 0)
    line += " (" + fixed(total / steps, 1) + " tools/step)";
  line += " (";
  for (std::size_t i = 0; i < tools.size() && i < 5; ++i)
    line += (i ? ", " : "") + tools[i].first + ":" + count_text(tools[i].second);
  return line + ")";
}

std::string file_writes_line(const json::object& signals) {
  std::set<std::string> unique;
  std::size_t total = 0;
  if (const json::value* fw = field(signals, "file_writes"); fw != nullptr && fw->is_array()) {
    for (const auto& item : fw->get_array()) {
      ++total;
      unique.insert(item.is_string() ? std::string(item.get_string()) : core::to_json(item));
    }
  }
  if (unique.size() == total)
    return "File writes: " + std::to_string(total);
  return "File writes: " + std::to_string(unique.size()) + " unique (" + std::to_string(total) +
         " total)";
}

bool truthy(const json::value* v) {
  if (v == nullptr || v->is_null())
    return false;
  if (v->is_bool())
    return v->get_bool();
  if (v->is_object())
    return !v->get_object().empty();
  if (v->is_array())
    return !v->get_array().empty();
  if (v->is_string())
    return !v->get_string().empty();
  return number_or_zero(v) != 0;
}

} // namespace

std::string format_grade(const json::value* grade) {
  return fixed(number_or_zero(grade), 4);
}

std::string signals_usage_line(const json::object& signals) {
  const json::value* usage_value = field(signals, "usage");
  if (!truthy(usage_value) || !usage_value->is_object())
    return "";
  const json::object& usage = usage_value->get_object();
  if (number_or_zero(field(usage, "total_tokens")) > 0)
    return "input=" + py_str(field(usage, "input_tokens")) +
           " output=" + py_str(field(usage, "output_tokens")) +
           " cache_read=" + py_str(field(usage, "cache_read_tokens")) +
           " cache_create=" + py_str(field(usage, "cache_creation_tokens")) +
           " total=" + py_str(field(usage, "total_tokens"));
  return rate_limit_line(usage);
}

std::string signals_summary(const json::object& signals) {
  std::string out;
  auto line = [&out](const std::string& text) { out += text + '\n'; };
  const json::value* format = field(signals, "format");
  line("Format: " + (format != nullptr ? py_str(format) : std::string("gptme")));
  line(tool_calls_line(signals));
  line("Git commits: " + std::to_string(array_size(signals, "git_commits")));
  line(file_writes_line(signals));
  line("Errors: " + py_str(field(signals, "error_count")));
  line("Retries: " + py_str(field(signals, "retry_count")));
  line("Duration: " + py_str(field(signals, "session_duration_s")) + "s");
  line(std::string("Productive: ") + (truthy(field(signals, "productive")) ? "True" : "False"));
  line("Grade: " + format_grade(field(signals, "grade")));
  const json::value* usage_value = field(signals, "usage");
  if (truthy(usage_value) && usage_value->is_object()) {
    const json::object& usage = usage_value->get_object();
    if (usage.contains("total_tokens")) {
      line("Tokens: " + py_thousands(field(usage, "total_tokens")) +
           " total (in=" + py_thousands(field(usage, "input_tokens")) +
           " out=" + py_thousands(field(usage, "output_tokens")) +
           " cache_create=" + py_thousands(field(usage, "cache_creation_tokens")) +
           " cache_read=" + py_thousands(field(usage, "cache_read_tokens")) + ")");
    } else if (std::string rates = rate_limit_line(usage); !rates.empty()) {
      line(rates);
    }
  }
  if (const json::value* d = field(signals, "deliverables");
      d != nullptr && d->is_array() && !d->get_array().empty()) {
    line("Deliverables:");
    std::size_t shown = 0;
    for (const auto& item : d->get_array()) {
      if (shown++ == 10)
        break;
      line("  - " + py_str(&item));
    }
  }
  return out;
}

} // namespace gptme_sessions::host
