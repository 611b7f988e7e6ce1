#include <gptme_sessions/core/json_writer.hpp>
#include <gptme_sessions/sdk/verdict_parser.hpp>

#include <boost/json/parse.hpp>
#include <boost/json/parse_options.hpp>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace gptme_sessions::sdk {
namespace {

constexpr std::string_view k_open_think = "<think>";
constexpr std::string_view k_close_think = "</think>";
constexpr std::size_t k_quote_limit = 60;

std::string_view trim(std::string_view s) {
  auto is_space = [](char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; };
  while (!s.empty() && is_space(s.front()))
    s.remove_prefix(1);
  while (!s.empty() && is_space(s.back()))
    s.remove_suffix(1);
  return s;
}

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) ==
                  std::tolower(static_cast<unsigned char>(y));
         });
}

// A short, single-line quote of model output for error messages.
std::string quote(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, k_quote_limit))
    out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
  if (s.size() > k_quote_limit)
    out += "...";
  return out;
}

// Lenient where models are sloppy and the meaning stays unambiguous.
std::optional<boost::json::value> parse_json(std::string_view s) {
  boost::json::parse_options options;
  options.allow_comments = true;
  options.allow_trailing_commas = true;
  options.allow_invalid_utf8 = true;
  boost::system::error_code ec;
  auto value = boost::json::parse(s, ec, {}, options);
  if (ec)
    return std::nullopt;
  return value;
}

// The end (one past the closing brace) of the balanced {...} starting at `open`, skipping
// braces inside string literals; npos when the object never closes.
std::size_t balanced_end(std::string_view s, std::size_t open) {
  int depth = 0;
  bool in_string = false;
  bool escaped = false;
  for (std::size_t i = open; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (escaped)
        escaped = false;
      else if (c == '\\')
        escaped = true;
      else if (c == '"')
        in_string = false;
      continue;
    }
    if (c == '"')
      in_string = true;
    else if (c == '{')
      ++depth;
    else if (c == '}' && --depth == 0)
      return i + 1;
  }
  return std::string_view::npos;
}

const boost::json::value* find_key(const boost::json::object& object, std::string_view key) {
  if (auto it = object.find(key); it != object.end())
    return &it->value();
  for (const auto& entry : object)
    if (iequals(entry.key(), key))
      return &entry.value();
  return nullptr;
}

bool is_verdict_object(const boost::json::value& value) {
  if (!value.is_object())
    return false;
  const auto& object = value.get_object();
  return find_key(object, "rating") != nullptr || find_key(object, "score") != nullptr;
}

// The first JSON object in `text` that looks like a verdict; failing that, the first object.
std::optional<boost::json::object> find_object(std::string_view text) {
  text = trim(text);
  // A fence tag that ended up in the body, as in "json\n{...}".
  if (text.size() > 4 && iequals(text.substr(0, 4), "json") &&
      (text[4] == '{' || std::isspace(static_cast<unsigned char>(text[4])) != 0))
    text = trim(text.substr(4));
  if (auto whole = parse_json(text); whole && whole->is_object())
    return whole->get_object();
  std::optional<boost::json::object> first_object;
  for (auto open = text.find('{'); open != std::string_view::npos;
       open = text.find('{', open + 1)) {
    auto end = balanced_end(text, open);
    if (end == std::string_view::npos)
      continue;
    auto value = parse_json(text.substr(open, end - open));
    if (!value || !value->is_object())
      continue;
    if (is_verdict_object(*value))
      return value->get_object();
    if (!first_object)
      first_object = value->get_object();
  }
  return first_object;
}

// The body of the first ``` fence (the info string after the opening fence is skipped); an
// unclosed fence runs to the end of the text.
std::optional<std::string_view> first_fence_body(std::string_view text) {
  auto open = text.find("```");
  if (open == std::string_view::npos)
    return std::nullopt;
  auto body_start = text.find('\n', open + 3);
  if (body_start == std::string_view::npos) {
    // A one-line fence such as ```{"rating": 4}```: the body starts after the backticks.
    body_start = open + 3;
  } else {
    // Keep a same-line object such as ```json {"rating": 4}.
    auto info = text.substr(open + 3, body_start - open - 3);
    if (auto brace = info.find('{'); brace != std::string_view::npos)
      body_start = open + 3 + brace;
    else
      ++body_start;
  }
  auto close = text.find("```", body_start);
  return text.substr(body_start,
                     close == std::string_view::npos ? std::string_view::npos : close - body_start);
}

// A JSON number, or a string holding only a number ("4", " 0.75 "). NaN is never a number.
std::optional<double> to_number(const boost::json::value& value) {
  double number = 0;
  if (value.is_int64())
    number = static_cast<double>(value.get_int64());
  else if (value.is_uint64())
    number = static_cast<double>(value.get_uint64());
  else if (value.is_double())
    number = value.get_double();
  else if (value.is_string()) {
    std::string text(trim(std::string_view(value.get_string())));
    if (text.empty())
      return std::nullopt;
    char* end = nullptr;
    number = std::strtod(text.c_str(), &end);
    if (end != text.c_str() + text.size())
      return std::nullopt;
  } else
    return std::nullopt;
  if (std::isnan(number))
    return std::nullopt;
  return number;
}

int clamp_rating(double rating) {
  // nearbyint in the default rounding mode rounds half to even, as Python's round() does.
  return static_cast<int>(std::clamp(std::nearbyint(std::clamp(rating, 0.0, 6.0)), 1.0, 5.0));
}

std::string reason_text(const boost::json::object& object) {
  const auto* value = find_key(object, "reason");
  if (value == nullptr || value->is_null())
    return {};
  if (value->is_string())
    return std::string(trim(std::string_view(value->get_string())));
  return core::to_json(*value);
}

JudgeError parse_error(std::string message) {
  return JudgeError{JudgeErrorKind::parse_error, std::move(message)};
}

} // namespace

double rating_to_score(int rating) {
  return (std::clamp(rating, 1, 5) - 1) / 4.0;
}

std::string strip_reasoning(std::string_view reply) {
  std::string text(reply);
  for (;;) {
    auto open = text.find(k_open_think);
    auto close = text.find(k_close_think);
    if (close != std::string::npos && (open == std::string::npos || close < open)) {
      // Some chat templates put the opening tag in the prompt, so only the close is echoed.
      text.erase(0, close + k_close_think.size());
    } else if (open != std::string::npos) {
      auto end = text.find(k_close_think, open);
      text.erase(open,
                 end == std::string::npos ? std::string::npos : end + k_close_think.size() - open);
    } else {
      break;
    }
  }
  return std::string(trim(text));
}

JudgeResult parse_verdict(std::string_view reply, std::string_view model) {
  auto text = strip_reasoning(reply);
  if (text.empty())
    return parse_error("LLM judge returned an empty response");

  std::optional<boost::json::object> object;
  if (auto fence = first_fence_body(text))
    object = find_object(*fence);
  if (!object)
    object = find_object(text);
  if (!object)
    return parse_error(std::string(k_non_json_reply_message) + ": " + quote(text));

  JudgeVerdict verdict;
  verdict.model = std::string(model);
  verdict.reason = reason_text(*object);
  if (const auto* rating = find_key(*object, "rating")) {
    auto number = to_number(*rating);
    if (!number)
      return parse_error("LLM judge reply has a non-numeric rating: " +
                         quote(core::to_json(*rating)));
    verdict.rating = clamp_rating(*number);
    verdict.score = rating_to_score(verdict.rating);
  } else if (const auto* score = find_key(*object, "score")) {
    auto number = to_number(*score);
    if (!number)
      return parse_error("LLM judge reply has a non-numeric score: " +
                         quote(core::to_json(*score)));
    verdict.score = std::clamp(*number, 0.0, 1.0);
    verdict.rating = clamp_rating(1.0 + 4.0 * verdict.score);
  } else {
    return parse_error("LLM judge reply has no rating: " + quote(core::to_json(*object)));
  }
  return verdict;
}

} // namespace gptme_sessions::sdk
