#include "commands/record_output.hpp"

#include "commands/judge_sessions.hpp"

#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/text_format.hpp>

#include <cmath>
#include <cstdio>
#include <ostream>

namespace gptme_sessions::host {

void print_json(std::ostream& out, const boost::json::value& value) {
  out << core::to_json_pretty(value) << '\n';
}

void JsonArrayPrinter::add(const boost::json::value& value) {
  // Indenting every line of the element's own pretty form nests it one level deeper; JSON
  // strings never contain a raw newline, so each '\n' is a line break of the layout.
  const std::string item = core::to_json_pretty(value);
  m_buffer += m_empty ? "[\n  " : ",\n  ";
  m_empty = false;
  std::size_t start = 0;
  for (std::size_t nl = item.find('\n'); nl != std::string::npos; nl = item.find('\n', start)) {
    m_buffer.append(item, start, nl + 1 - start);
    m_buffer += "  ";
    start = nl + 1;
  }
  m_buffer.append(item, start);
  if (m_buffer.size() >= 1 << 16) {
    m_out << m_buffer;
    m_buffer.clear();
  }
}

void JsonArrayPrinter::add(const core::SessionRecord& record) {
  m_buffer += m_empty ? "[\n  " : ",\n  ";
  m_empty = false;
  core::write_record_json(m_buffer, record, core::JsonStyle{2}, 1);
  if (m_buffer.size() >= 1 << 16) {
    m_out << m_buffer;
    m_buffer.clear();
  }
}

void JsonArrayPrinter::finish() {
  m_buffer += m_empty ? "[]\n" : "\n]\n";
  m_out << m_buffer;
  m_buffer.clear();
}

namespace {

bool non_empty(const std::optional<std::string>& value) {
  return value && !value->empty();
}

std::string or_default(const std::optional<std::string>& value, std::string_view fallback) {
  return non_empty(value) ? *value : std::string(fallback);
}

void add_line(std::string& out, std::string_view label, std::string_view value) {
  out += "\n  ";
  core::append_padded_left(out, label, 14);
  out += value;
}

// Python divmod: the remainder takes the divisor's sign.
std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  const std::int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

std::string duration_text(std::int64_t seconds) {
  const std::int64_t hours = floor_div(seconds, 3600);
  const std::int64_t rest = seconds - hours * 3600;
  const std::int64_t minutes = rest / 60;
  const std::int64_t secs = rest % 60;
  std::string out;
  if (hours > 0)
    out = std::to_string(hours) + "h ";
  return out + std::to_string(minutes) + "m " + std::to_string(secs) + "s";
}

// The judge command's 1-5 rating (an extra key of this port); an integer, possibly written
// as 4.0 by another tool.
std::optional<std::int64_t> judge_rating(const core::SessionRecord& r) {
  const boost::json::value* v = r.extra_fields.if_contains(k_rating_key);
  if (v == nullptr)
    return std::nullopt;
  if (v->is_int64())
    return v->get_int64();
  if (v->is_double() && v->get_double() == std::floor(v->get_double()) &&
      std::abs(v->get_double()) <= 1e9)
    return static_cast<std::int64_t>(v->get_double());
  return std::nullopt;
}

// Why the judge could not score the session ("<kind>: <message>"), kept as llm_judge_error.
std::optional<std::string> judge_error(const core::SessionRecord& r) {
  const boost::json::value* v = r.extra_fields.if_contains(k_error_key);
  if (v == nullptr || !v->is_string() || v->get_string().empty())
    return std::nullopt;
  return std::string(v->get_string());
}

} // namespace

std::string query_line(const core::SessionRecord& r,
                       const std::optional<std::string>& model_normalized) {
  std::string out = r.outcome && *r.outcome == "productive" ? "[+] " : "[-] ";
  out += r.timestamp.empty() ? std::string_view("????") : core::code_point_prefix(r.timestamp, 10);
  out += "  ";
  core::append_padded_left(out,
                           non_empty(r.session_name) ? std::string_view(*r.session_name)
                                                     : core::code_point_prefix(r.session_id, 8),
                           20);
  out += "  ";
  core::append_padded_left(out, or_default(model_normalized, "unknown"), 8);
  out += "  ";
  core::append_padded_left(out, or_default(r.category, "?"), 14);
  out += "  ";
  if (r.duration_seconds > 0) {
    core::append_int(out, r.duration_seconds / 60, 3);
    out += 'm';
  } else {
    out += "   ?";
  }
  out += "  ";
  if (non_empty(r.project))
    out += core::project_display_name(*r.project);
  return out;
}

std::string show_text(const core::SessionRecord& r) {
  std::string out = r.outcome && *r.outcome == "productive" ? "[+] " : "[-] ";
  out += r.session_id;
  out += "  ";
  out += core::code_point_prefix(r.timestamp, 10);
  if (non_empty(r.session_name))
    add_line(out, "Name:", *r.session_name);
  if (non_empty(r.project))
    add_line(out, "Project:", *r.project);
  add_line(out, "Harness:", or_default(r.harness, "unknown"));
  add_line(out, "Model:", or_default(r.model, "unknown"));
  add_line(out, "Run type:", or_default(r.run_type, "unknown"));
  add_line(out, "Outcome:", r.outcome ? *r.outcome : "None");
  if (r.duration_seconds != 0)
    add_line(out, "Duration:", duration_text(r.duration_seconds));
  if (non_empty(r.category))
    add_line(out, "Category:", *r.category);
  if (auto v = r.agent_string("recommended_category"); non_empty(v))
    add_line(out, "Recommended:", *v);
  if (auto v = r.agent_string("selector_mode"); non_empty(v))
    add_line(out, "Selector:", *v);
  if (r.token_count)
    add_line(out, "Tokens:", core::thousands(*r.token_count));
  if (auto rating = judge_rating(r))
    add_line(out, "Judge rating:", std::to_string(*rating) + "/5");
  if (r.llm_judge_score) {
    std::string score;
    core::append_fixed(score, *r.llm_judge_score, 2);
    add_line(out, "Judge score:", score);
  } else if (auto error = judge_error(r)) {
    add_line(out, "Judge:", "unscored (" + *error + ")");
  }
  if (non_empty(r.llm_judge_reason))
    add_line(out, "Judge reason:", *r.llm_judge_reason);
  if (non_empty(r.llm_judge_model))
    add_line(out, "Judge model:", *r.llm_judge_model);
  if (non_empty(r.trigger))
    add_line(out, "Trigger:", *r.trigger);
  if (non_empty(r.journal_path))
    add_line(out, "Journal:", *r.journal_path);
  if (r.deliverables && !r.deliverables->empty()) {
    out += "\n  Deliverables:";
    for (const auto& item : *r.deliverables)
      out += "\n    - " + item;
  }
  return out;
}

} // namespace gptme_sessions::host
