#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/core/signals/python_compat.hpp>
#include <gptme_sessions/core/signals/text_patterns.hpp>

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace gptme_sessions::core::signals {
namespace {

// Code points Python's str.isprintable() rejects beyond ASCII controls (approximation of
// the Unicode categories Cc, Cf, Zl, Zp, Zs, Co, Cs without a Unicode database).
bool is_unprintable(char32_t cp) {
  return cp < 0x20 || (cp >= 0x7F && cp <= 0xA0) || cp == 0xAD || cp == 0x1680 ||
         (cp >= 0x2000 && cp <= 0x200F) || (cp >= 0x2028 && cp <= 0x202F) ||
         (cp >= 0x205F && cp <= 0x206F) || cp == 0x3000 || (cp >= 0xD800 && cp <= 0xF8FF) ||
         cp == 0xFEFF || (cp >= 0xFFF9 && cp <= 0xFFFB) || cp >= 0xF0000;
}

void append_hex(std::string& out, const char* prefix, char32_t cp, int width) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%s%0*x", prefix, width, static_cast<unsigned>(cp));
  out += buf;
}

void append_python_repr_str(std::string& out, std::string_view text) {
  const bool has_single = text.find('\'') != std::string_view::npos;
  const bool has_double = text.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  out += quote;
  for (std::size_t pos = 0; pos < text.size();) {
    char32_t cp = 0;
    const std::size_t len = utf8_decode(text, pos, cp);
    if (cp == static_cast<char32_t>(quote) || cp == '\\') {
      out += '\\';
      out += static_cast<char>(cp);
    } else if (cp == '\n') {
      out += "\\n";
    } else if (cp == '\r') {
      out += "\\r";
    } else if (cp == '\t') {
      out += "\\t";
    } else if (is_unprintable(cp)) {
      if (cp < 0x100)
        append_hex(out, "\\x", cp, 2);
      else if (cp < 0x10000)
        append_hex(out, "\\u", cp, 4);
      else
        append_hex(out, "\\U", cp, 8);
    } else {
      out.append(text.substr(pos, len));
    }
    pos += len;
  }
  out += quote;
}

std::size_t json_string_size(std::string_view text) {
  std::size_t size = 2;
  for (char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\' || c == '\n' || c == '\r' || c == '\t' || c == '\b' || c == '\f')
      size += 2;
    else if (u < 0x20)
      size += 6;
    else
      size += 1;
  }
  return size;
}

} // namespace

double py_round(double value, int digits) {
  if (!std::isfinite(value))
    return value;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return std::strtod(buf, nullptr);
}

void append_python_str(std::string& out, const boost::json::value& value) {
  switch (value.kind()) {
  case boost::json::kind::null:
    out += "None";
    break;
  case boost::json::kind::bool_:
    out += value.get_bool() ? "True" : "False";
    break;
  case boost::json::kind::int64:
    out += std::to_string(value.get_int64());
    break;
  case boost::json::kind::uint64:
    out += std::to_string(value.get_uint64());
    break;
  case boost::json::kind::double_:
    out += python_float_repr(value.get_double());
    break;
  case boost::json::kind::string:
    out.append(value.get_string().data(), value.get_string().size());
    break;
  case boost::json::kind::array: {
    out += '[';
    bool first = true;
    for (const auto& item : value.get_array()) {
      if (!first)
        out += ", ";
      first = false;
      if (item.is_string())
        append_python_repr_str(out, item.get_string());
      else
        append_python_str(out, item);
    }
    out += ']';
    break;
  }
  case boost::json::kind::object: {
    out += '{';
    bool first = true;
    for (const auto& kv : value.get_object()) {
      if (!first)
        out += ", ";
      first = false;
      append_python_repr_str(out, kv.key());
      out += ": ";
      if (kv.value().is_string())
        append_python_repr_str(out, kv.value().get_string());
      else
        append_python_str(out, kv.value());
    }
    out += '}';
    break;
  }
  }
}

std::string python_str(const boost::json::value& value) {
  std::string out;
  append_python_str(out, value);
  return out;
}

std::size_t json_dumps_utf8_size(const boost::json::value& value) {
  switch (value.kind()) {
  case boost::json::kind::null:
    return 4;
  case boost::json::kind::bool_:
    return value.get_bool() ? 4 : 5;
  case boost::json::kind::int64:
    return std::to_string(value.get_int64()).size();
  case boost::json::kind::uint64:
    return std::to_string(value.get_uint64()).size();
  case boost::json::kind::double_: {
    const double d = value.get_double();
    if (std::isnan(d))
      return 3;
    if (std::isinf(d))
      return d > 0 ? 8 : 9;
    return python_float_repr(d).size();
  }
  case boost::json::kind::string:
    return json_string_size(value.get_string());
  case boost::json::kind::array: {
    const auto& arr = value.get_array();
    std::size_t size = 2 + (arr.empty() ? 0 : 2 * (arr.size() - 1));
    for (const auto& item : arr)
      size += json_dumps_utf8_size(item);
    return size;
  }
  case boost::json::kind::object: {
    const auto& obj = value.get_object();
    std::size_t size = 2 + (obj.empty() ? 0 : 2 * (obj.size() - 1));
    for (const auto& kv : obj)
      size += json_string_size(kv.key()) + 2 + json_dumps_utf8_size(kv.value());
    return size;
  }
  }
  return 0;
}

std::optional<std::int64_t> as_counter(const boost::json::value* value) {
  if (value == nullptr)
    return std::nullopt;
  if (value->is_int64())
    return value->get_int64();
  if (value->is_uint64() && value->get_uint64() <= static_cast<std::uint64_t>(INT64_MAX))
    return static_cast<std::int64_t>(value->get_uint64());
  if (value->is_double()) {
    const double d = value->get_double();
    if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) < 9.2e18)
      return static_cast<std::int64_t>(d);
  }
  return std::nullopt;
}

std::optional<double> as_number(const boost::json::value* value) {
  if (value == nullptr)
    return std::nullopt;
  if (value->is_double())
    return value->get_double();
  if (value->is_int64())
    return static_cast<double>(value->get_int64());
  if (value->is_uint64())
    return static_cast<double>(value->get_uint64());
  return std::nullopt;
}

} // namespace gptme_sessions::core::signals
