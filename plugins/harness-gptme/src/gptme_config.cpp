#include "gptme_config.hpp"

#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <variant>

namespace gptme_sessions::plugins::harness_gptme {
namespace {

struct SyntaxError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

using Value = std::variant<std::monostate, std::string, bool>; // monostate: other types

// Enough of TOML 1.0 to read gptme's config.toml and reject what is not TOML: tables, dotted
// and quoted keys, all four string forms, arrays (multi-line), inline tables and bare
// scalars (numbers, dates).
class TomlReader {
public:
  explicit TomlReader(std::string_view text) : m_text(text) {}

  template <typename OnKey> void parse(OnKey&& on_key) {
    while (!eof()) {
      skip_blank();
      if (eof())
        break;
      const char c = peek();
      if (c == '\n' || c == '\r') {
        newline();
        continue;
      }
      if (c == '#') {
        skip_comment();
        continue;
      }
      if (c == '[') {
        m_table = header();
      } else {
        std::string key = this->key();
        skip_blank();
        expect('=');
        skip_blank();
        Value v = value();
        on_key(m_table, key, v);
      }
      end_of_line();
    }
  }

private:
  bool eof() const { return m_pos >= m_text.size(); }
  char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  void expect(char c) {
    if (peek() != c)
      throw SyntaxError("expected " + std::string(1, c));
    ++m_pos;
  }
  void skip_blank() {
    while (peek() == ' ' || peek() == '\t')
      ++m_pos;
  }
  void skip_comment() {
    while (!eof() && peek() != '\n')
      ++m_pos;
  }
  void newline() {
    if (peek() == '\r')
      ++m_pos;
    expect('\n');
  }
  void end_of_line() {
    skip_blank();
    if (peek() == '#')
      skip_comment();
    if (!eof())
      newline();
  }
  // Whitespace, newlines and comments inside arrays.
  void skip_layout() {
    for (;;) {
      skip_blank();
      if (peek() == '#')
        skip_comment();
      else if (peek() == '\n' || peek() == '\r')
        newline();
      else
        return;
    }
  }
  static bool is_bare(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
           c == '-';
  }
  std::string simple_key() {
    if (peek() == '"')
      return basic_string();
    if (peek() == '\'')
      return literal_string();
    std::size_t start = m_pos;
    while (is_bare(peek()))
      ++m_pos;
    if (m_pos == start)
      throw SyntaxError("expected a key");
    return std::string(m_text.substr(start, m_pos - start));
  }
  std::string key() {
    std::string k = simple_key();
    for (;;) {
      skip_blank();
      if (peek() != '.')
        return k;
      ++m_pos;
      skip_blank();
      k += '.';
      k += simple_key();
    }
  }
  std::string header() {
    expect('[');
    const bool array_table = peek() == '[';
    if (array_table)
      ++m_pos;
    skip_blank();
    std::string name = key();
    skip_blank();
    expect(']');
    if (array_table)
      expect(']');
    return name;
  }
  void append_utf8(std::string& out, unsigned long cp) {
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
      throw SyntaxError("bad unicode escape");
    if (cp < 0x80) {
      out += static_cast<char>(cp);
    } else if (cp < 0x800) {
      out += static_cast<char>(0xC0 | (cp >> 6));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      out += static_cast<char>(0xE0 | (cp >> 12));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (cp >> 18));
      out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (cp & 0x3F));
    }
  }
  void escape(std::string& out, bool multiline) {
    ++m_pos; // backslash
    const char c = peek();
    ++m_pos;
    switch (c) {
    case 'b':
      out += '\b';
      return;
    case 't':
      out += '\t';
      return;
    case 'n':
      out += '\n';
      return;
    case 'f':
      out += '\f';
      return;
    case 'r':
      out += '\r';
      return;
    case '"':
      out += '"';
      return;
    case '\\':
      out += '\\';
      return;
    case 'u':
    case 'U': {
      const std::size_t n = c == 'u' ? 4 : 8;
      if (m_pos + n > m_text.size())
        throw SyntaxError("bad unicode escape");
      const std::string hex(m_text.substr(m_pos, n));
      if (hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
        throw SyntaxError("bad unicode escape");
      m_pos += n;
      append_utf8(out, std::stoul(hex, nullptr, 16));
      return;
    }
    default:
      break;
    }
    if (multiline && (c == ' ' || c == '\t' || c == '\n' || c == '\r')) {
      // Line-ending backslash: trim the newline and following whitespace.
      --m_pos;
      while (peek() == ' ' || peek() == '\t' || peek() == '\n' || peek() == '\r')
        ++m_pos;
      return;
    }
    throw SyntaxError("bad escape");
  }
  std::string basic_string() {
    expect('"');
    std::string out;
    for (;;) {
      if (eof() || peek() == '\n')
        throw SyntaxError("unterminated string");
      if (peek() == '"') {
        ++m_pos;
        return out;
      }
      if (peek() == '\\')
        escape(out, false);
      else
        out += m_text[m_pos++];
    }
  }
  std::string literal_string() {
    expect('\'');
    const std::size_t end = m_text.find_first_of("'\n", m_pos);
    if (end == std::string_view::npos || m_text[end] != '\'')
      throw SyntaxError("unterminated string");
    std::string out(m_text.substr(m_pos, end - m_pos));
    m_pos = end + 1;
    return out;
  }
  std::string multiline_string(char quote) {
    m_pos += 3;
    if (peek() == '\n')
      ++m_pos;
    else if (peek() == '\r' && peek(1) == '\n')
      m_pos += 2;
    std::string out;
    for (;;) {
      if (eof())
        throw SyntaxError("unterminated string");
      if (peek() == quote && peek(1) == quote && peek(2) == quote) {
        // Up to two quotes may end the content right before the closing delimiter.
        std::size_t run = 3;
        while (run < 5 && peek(run) == quote)
          ++run;
        out.append(run - 3, quote);
        m_pos += run;
        return out;
      }
      if (quote == '"' && peek() == '\\')
        escape(out, true);
      else
        out += m_text[m_pos++];
    }
  }
  void array() {
    expect('[');
    for (;;) {
      skip_layout();
      if (peek() == ']') {
        ++m_pos;
        return;
      }
      value();
      skip_layout();
      if (peek() == ',') {
        ++m_pos;
        continue;
      }
      expect(']');
      return;
    }
  }
  void inline_table() {
    expect('{');
    skip_blank();
    if (peek() == '}') {
      ++m_pos;
      return;
    }
    for (;;) {
      skip_blank();
      key();
      skip_blank();
      expect('=');
      skip_blank();
      value();
      skip_blank();
      if (peek() == ',') {
        ++m_pos;
        continue;
      }
      expect('}');
      return;
    }
  }
  Value value() {
    const char c = peek();
    if (c == '"' && peek(1) == '"' && peek(2) == '"')
      return multiline_string('"');
    if (c == '\'' && peek(1) == '\'' && peek(2) == '\'')
      return multiline_string('\'');
    if (c == '"')
      return basic_string();
    if (c == '\'')
      return literal_string();
    if (c == '[') {
      array();
      return {};
    }
    if (c == '{') {
      inline_table();
      return {};
    }
    const std::size_t start = m_pos;
    while (!eof()) {
      const char b = peek();
      const bool date_space = b == ' ' && m_pos > start && peek(1) >= '0' && peek(1) <= '9' &&
                              m_text.substr(start, m_pos - start).find('-') != std::string::npos;
      if (!(is_bare(b) || b == '.' || b == ':' || b == '+' || date_space))
        break;
      ++m_pos;
    }
    const std::string_view token = m_text.substr(start, m_pos - start);
    if (token == "true")
      return true;
    if (token == "false")
      return false;
    if (token.empty() || !((token[0] >= '0' && token[0] <= '9') || token[0] == '+' ||
                           token[0] == '-' || token == "inf" || token == "nan"))
      throw SyntaxError("bad value");
    return {};
  }

  std::string_view m_text;
  std::size_t m_pos = 0;
  std::string m_table;
};

} // namespace

GptmeConfig parse_gptme_config(std::string_view toml) {
  std::string chat_model, top_model, chat_workspace, top_workspace;
  std::optional<bool> chat_interactive, top_interactive;
  try {
    TomlReader reader(toml);
    reader.parse([&](const std::string& table, const std::string& key, const Value& v) {
      const bool chat = table == "chat";
      if (!chat && !table.empty())
        return;
      if (const auto* s = std::get_if<std::string>(&v)) {
        if (key == "model")
          (chat ? chat_model : top_model) = *s;
        else if (key == "workspace")
          (chat ? chat_workspace : top_workspace) = *s;
      } else if (const auto* b = std::get_if<bool>(&v); b && key == "interactive") {
        (chat ? chat_interactive : top_interactive) = *b;
      }
    });
  } catch (const SyntaxError&) {
    return {};
  }
  GptmeConfig config;
  config.model = !chat_model.empty() ? chat_model : top_model;
  config.workspace = !chat_workspace.empty() ? chat_workspace : top_workspace;
  config.interactive = chat_interactive.value_or(top_interactive.value_or(true));
  return config;
}

GptmeConfig read_gptme_config(const std::filesystem::path& config_toml) {
  std::ifstream in(config_toml, std::ios::binary);
  if (!in)
    return {};
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad())
    return {};
  return parse_gptme_config(text.str());
}

} // namespace gptme_sessions::plugins::harness_gptme
