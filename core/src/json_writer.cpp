#include "utf8.hpp"

#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <array>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <string_view>

namespace gptme_sessions::core {

namespace {

constexpr char k_hex[] = "0123456789abcdef";

void append_u_escape(std::string& out, unsigned unit) {
  out += "\\u";
  out += k_hex[(unit >> 12) & 0xF];
  out += k_hex[(unit >> 8) & 0xF];
  out += k_hex[(unit >> 4) & 0xF];
  out += k_hex[unit & 0xF];
}

// json.dumps(ensure_ascii=True). Bytes that are not well-formed UTF-8 (only possible for
// strings built in code: the parser rejects them) become U+FFFD, one per byte, so the output
// is always valid JSON.
void write_string(std::string& out, std::string_view text) {
  out += '"';
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto c = static_cast<unsigned char>(text[pos]);
    if (c >= 0x20 && c < 0x7F && c != '"' && c != '\\') {
      // Copy the longest run of plain ASCII at once.
      std::size_t end = pos + 1;
      while (end < text.size()) {
        const auto d = static_cast<unsigned char>(text[end]);
        if (d < 0x20 || d >= 0x7F || d == '"' || d == '\\')
          break;
        ++end;
      }
      out.append(text.data() + pos, end - pos);
      pos = end;
      continue;
    }
    switch (c) {
    case '"':
      out += "\\\"";
      break;
    case '\\':
      out += "\\\\";
      break;
    case '\n':
      out += "\\n";
      break;
    case '\r':
      out += "\\r";
      break;
    case '\t':
      out += "\\t";
      break;
    case '\b':
      out += "\\b";
      break;
    case '\f':
      out += "\\f";
      break;
    default:
      if (c < 0x80) {
        append_u_escape(out, c);
        break;
      }
      const detail::Utf8Char decoded = detail::decode_utf8(text, pos);
      if (decoded.length == 0) {
        append_u_escape(out, 0xFFFD);
        ++pos;
        continue;
      }
      const char32_t cp = decoded.code_point;
      if (cp >= 0x10000) {
        const char32_t v = cp - 0x10000;
        append_u_escape(out, static_cast<unsigned>(0xD800 + (v >> 10)));
        append_u_escape(out, static_cast<unsigned>(0xDC00 + (v & 0x3FF)));
      } else {
        append_u_escape(out, static_cast<unsigned>(cp));
      }
      pos += decoded.length;
      continue;
    }
    ++pos;
  }
  out += '"';
}

template <class Int> void write_integer(std::string& out, Int value) {
  std::array<char, 24> buf{};
  auto [end, ec] = std::to_chars(buf.data(), buf.data() + buf.size(), value);
  (void)ec; // 24 chars hold any 64-bit integer
  out.append(buf.data(), end);
}

void newline_indent(std::string& out, int indent, int depth) {
  out += '\n';
  out.append(static_cast<std::size_t>(indent) * static_cast<std::size_t>(depth), ' ');
}

void write_value(std::string& out, const boost::json::value& value, int indent, int depth) {
  switch (value.kind()) {
  case boost::json::kind::null:
    out += "null";
    return;
  case boost::json::kind::bool_:
    out += value.get_bool() ? "true" : "false";
    return;
  case boost::json::kind::int64:
    write_integer(out, value.get_int64());
    return;
  case boost::json::kind::uint64:
    write_integer(out, value.get_uint64());
    return;
  case boost::json::kind::double_:
    out += python_float_repr(value.get_double());
    return;
  case boost::json::kind::string: {
    const auto& s = value.get_string();
    write_string(out, std::string_view(s.data(), s.size()));
    return;
  }
  case boost::json::kind::array: {
    const auto& array = value.get_array();
    if (array.empty()) {
      out += "[]";
      return;
    }
    out += '[';
    bool first = true;
    for (const auto& element : array) {
      if (!first)
        out += indent < 0 ? ", " : ",";
      first = false;
      if (indent >= 0)
        newline_indent(out, indent, depth + 1);
      write_value(out, element, indent, depth + 1);
    }
    if (indent >= 0)
      newline_indent(out, indent, depth);
    out += ']';
    return;
  }
  case boost::json::kind::object: {
    const auto& object = value.get_object();
    if (object.empty()) {
      out += "{}";
      return;
    }
    out += '{';
    bool first = true;
    for (const auto& member : object) {
      if (!first)
        out += indent < 0 ? ", " : ",";
      first = false;
      if (indent >= 0)
        newline_indent(out, indent, depth + 1);
      write_string(out, std::string_view(member.key().data(), member.key().size()));
      out += ": ";
      write_value(out, member.value(), indent, depth + 1);
    }
    if (indent >= 0)
      newline_indent(out, indent, depth);
    out += '}';
    return;
  }
  }
}

} // namespace

void write_json_string(std::string& out, std::string_view text) {
  write_string(out, text);
}

std::string python_float_repr(double value) {
  if (std::isnan(value))
    return "NaN";
  if (std::isinf(value))
    return value > 0 ? "Infinity" : "-Infinity";

  // Shortest round-trip digits and decimal exponent, e.g. "-1.2345e-05".
  std::array<char, 64> buf{};
  auto [end, ec] =
      std::to_chars(buf.data(), buf.data() + buf.size(), value, std::chars_format::scientific);
  (void)ec; // 64 chars hold any double in scientific form
  const std::string_view sci(buf.data(), static_cast<std::size_t>(end - buf.data()));
  const std::size_t e_pos = sci.find('e');
  std::string_view mantissa = sci.substr(0, e_pos);
  const int exponent = std::atoi(std::string(sci.substr(e_pos + 1)).c_str());

  std::string result;
  if (!mantissa.empty() && mantissa.front() == '-') {
    result += '-';
    mantissa.remove_prefix(1);
  }
  std::string digits;
  for (char c : mantissa)
    if (c != '.')
      digits += c;

  // Python repr switches to exponent form outside 1e-4 <= |x| < 1e16.
  if (exponent < -4 || exponent >= 16) {
    result += digits.substr(0, 1);
    if (digits.size() > 1) {
      result += '.';
      result += digits.substr(1);
    }
    result += 'e';
    result += exponent < 0 ? '-' : '+';
    const int magnitude = std::abs(exponent);
    if (magnitude < 10)
      result += '0';
    result += std::to_string(magnitude);
    return result;
  }
  if (exponent < 0) {
    result += "0.";
    result.append(static_cast<std::size_t>(-exponent - 1), '0');
    result += digits;
    return result;
  }
  const auto int_digits = static_cast<std::size_t>(exponent) + 1;
  if (digits.size() <= int_digits) {
    result += digits;
    result.append(int_digits - digits.size(), '0');
    result += ".0";
  } else {
    result += digits.substr(0, int_digits);
    result += '.';
    result += digits.substr(int_digits);
  }
  return result;
}

void write_json(std::string& out, const boost::json::value& value, JsonStyle style) {
  write_value(out, value, style.indent, 0);
}

void write_json(std::string& out, const boost::json::value& value, JsonStyle style, int depth) {
  write_value(out, value, style.indent, depth);
}

std::string to_json(const boost::json::value& value, JsonStyle style) {
  std::string out;
  write_json(out, value, style);
  return out;
}

std::string to_json_pretty(const boost::json::value& value) {
  return to_json(value, {2});
}

} // namespace gptme_sessions::core
