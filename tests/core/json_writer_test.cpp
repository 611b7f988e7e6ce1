#include <gptme_sessions/core/json_writer.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

#include <cstdint>
#include <limits>
#include <string>

namespace core = gptme_sessions::core;
namespace json = boost::json;

BOOST_AUTO_TEST_SUITE(core_json_writer)

BOOST_AUTO_TEST_CASE(float_repr_matches_python) {
  // Expected strings are what CPython 3.11 repr() prints.
  const std::pair<double, const char*> cases[] = {
      {1.0, "1.0"},
      {0.5, "0.5"},
      {1e-05, "1e-05"},
      {1e16, "1e+16"},
      {2.0 / 3.0, "0.6666666666666666"},
      {1e5, "100000.0"},
      {123456789.0, "123456789.0"},
      {1e-4, "0.0001"},
      {0.0001234, "0.0001234"},
      {1.5e-7, "1.5e-07"},
      {-0.0, "-0.0"},
      {0.0, "0.0"},
      {1e22, "1e+22"},
      {1.7976931348623157e308, "1.7976931348623157e+308"},
      {5e-324, "5e-324"},
      {9999999999999998.0, "9999999999999998.0"},
      {1e15, "1000000000000000.0"},
      {12345678901234567.0, "1.2345678901234568e+16"},
      {0.1 + 0.2, "0.30000000000000004"},
      {-2.5, "-2.5"},
      {-1e-7, "-1e-07"},
      {1196.4285714285713, "1196.4285714285713"},
      {2.326388888888889, "2.326388888888889"},
  };
  for (const auto& [value, expected] : cases)
    BOOST_TEST(core::python_float_repr(value) == expected);
}

BOOST_AUTO_TEST_CASE(non_finite_floats_like_python_json) {
  BOOST_TEST(core::python_float_repr(std::numeric_limits<double>::quiet_NaN()) == "NaN");
  BOOST_TEST(core::python_float_repr(std::numeric_limits<double>::infinity()) == "Infinity");
  BOOST_TEST(core::python_float_repr(-std::numeric_limits<double>::infinity()) == "-Infinity");
}

BOOST_AUTO_TEST_CASE(compact_form_uses_python_separators) {
  const json::value v = json::parse(R"({"a":[1,{"b":null}],"c":{},"d":[],"e":true,"f":false})");
  BOOST_TEST(core::to_json(v) ==
             R"({"a": [1, {"b": null}], "c": {}, "d": [], "e": true, "f": false})");
}

BOOST_AUTO_TEST_CASE(pretty_form_matches_json_dumps_indent_2) {
  const json::value v = json::parse(R"({"a":[1,{"b":null}],"c":{},"d":[]})");
  BOOST_TEST(core::to_json_pretty(v) == "{\n"
                                        "  \"a\": [\n"
                                        "    1,\n"
                                        "    {\n"
                                        "      \"b\": null\n"
                                        "    }\n"
                                        "  ],\n"
                                        "  \"c\": {},\n"
                                        "  \"d\": []\n"
                                        "}");
  BOOST_TEST(core::to_json(json::parse("[[]]"), {0}) == "[\n[]\n]");
  BOOST_TEST(core::to_json_pretty(json::object{}) == "{}");
  BOOST_TEST(core::to_json_pretty(json::array{}) == "[]");
  BOOST_TEST(core::to_json_pretty(3) == "3");
}

BOOST_AUTO_TEST_CASE(strings_are_ascii_with_python_escapes) {
  const std::string text = "x\xc3\xa9\xf0\x9f\x98\x80/\"\\\n\r\t\b\f\x01\x1f\x7f";
  BOOST_TEST(core::to_json(json::string(text)) ==
             R"("x\u00e9\ud83d\ude00/\"\\\n\r\t\b\f\u0001\u001f\u007f")");
  // The multiplication sign used in stats keys, and a BMP character above U+0FFF.
  BOOST_TEST(core::to_json(json::string("null\xc3\x97null")) == R"("null\u00d7null")");
  BOOST_TEST(core::to_json(json::string("\xe2\x80\x94")) == R"("\u2014")");
  BOOST_TEST(core::to_json(json::string(std::string("a\0b", 3))) == R"("a\u0000b")");
}

BOOST_AUTO_TEST_CASE(keys_are_escaped_too) {
  json::object o;
  o["na\xc3\xafve\n"] = 1;
  BOOST_TEST(core::to_json(o) == R"({"na\u00efve\n": 1})");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_becomes_replacement_characters) {
  // A stray continuation byte, a truncated sequence, an overlong encoding, an encoded
  // surrogate and a byte above F4: each offending byte becomes one U+FFFD.
  BOOST_TEST(core::to_json(json::string("a\x80z")) == R"("a\ufffdz")");
  BOOST_TEST(core::to_json(json::string("a\xe2\x82")) == R"("a\ufffd\ufffd")");
  BOOST_TEST(core::to_json(json::string("\xc0\xaf")) == R"("\ufffd\ufffd")");
  BOOST_TEST(core::to_json(json::string("\xed\xa0\x80")) == R"("\ufffd\ufffd\ufffd")");
  BOOST_TEST(core::to_json(json::string("\xff")) == R"("\ufffd")");
  // The output is always valid JSON again.
  BOOST_TEST(json::parse(core::to_json(json::string("\xff\xfe ok"))).as_string() ==
             "\xef\xbf\xbd\xef\xbf\xbd ok");
}

BOOST_AUTO_TEST_CASE(integers_stay_integers) {
  BOOST_TEST(core::to_json(std::numeric_limits<std::int64_t>::min()) == "-9223372036854775808");
  BOOST_TEST(core::to_json(std::numeric_limits<std::uint64_t>::max()) == "18446744073709551615");
  BOOST_TEST(core::to_json(0) == "0");
  BOOST_TEST(core::to_json(json::parse("[1E5, 2.50, -0]")) == "[100000.0, 2.5, 0]");
}

BOOST_AUTO_TEST_CASE(write_json_appends) {
  std::string out = "x=";
  core::write_json(out, json::parse(R"({"k": [0.5]})"));
  BOOST_TEST(out == R"(x={"k": [0.5]})");
}

BOOST_AUTO_TEST_CASE(write_json_at_depth_nests_in_a_pretty_document) {
  const json::value inner = json::parse(R"({"k": [0.5, {}], "e": []})");
  std::string out = "[\n  ";
  core::write_json(out, inner, {2}, 1);
  out += "\n]";
  BOOST_TEST(out == core::to_json_pretty(json::array{inner}));
  std::string line;
  core::write_json(line, inner, {}, 5);
  BOOST_TEST(line == core::to_json(inner));
}

BOOST_AUTO_TEST_SUITE_END()
