#include <gptme_sessions/core/signals/json_access.hpp>

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace json = boost::json;
namespace sig = gptme_sessions::core::signals;

BOOST_AUTO_TEST_SUITE(core_signals_json_access)

BOOST_AUTO_TEST_CASE(a_member_of_another_type_reads_as_absent) {
  const json::object o =
      json::parse(R"({"s": "text", "n": 1, "o": {"k": 2}, "a": [], "z": null})").as_object();
  BOOST_TEST(sig::string_of(o, "s") == "text");
  BOOST_TEST(sig::string_of(o, "n").empty());
  BOOST_TEST(sig::string_of(o, "missing").empty());
  // A view into the object, not a copy.
  BOOST_TEST(sig::string_of(o, "s").data() == o.at("s").get_string().data());

  const json::object* inner = sig::object_of(o, "o");
  BOOST_TEST_REQUIRE(inner != nullptr);
  BOOST_TEST(inner == &o.at("o").get_object());
  BOOST_TEST(sig::object_of(o, "a") == nullptr);
  BOOST_TEST(sig::object_of(o, "z") == nullptr);
  BOOST_TEST(sig::object_of(o, "missing") == nullptr);
}

BOOST_AUTO_TEST_CASE(truthy_is_python_bool_of_dict_get) {
  const json::object o = json::parse(R"({"t": true, "f": false, "zero": 0,
      "fzero": 0.0, "one": 1, "big": 18446744073709551615, "half": 0.5, "empty": "", "text": "x",
      "no_items": [], "items": [0], "no_keys": {}, "keys": {"k": null}, "none": null})")
                             .as_object();
  for (const char* key : {"t", "one", "big", "half", "text", "items", "keys"})
    BOOST_TEST(sig::truthy(o.if_contains(key)), key);
  for (const char* key : {"f", "zero", "fzero", "empty", "no_items", "no_keys", "none", "missing"})
    BOOST_TEST(!sig::truthy(o.if_contains(key)), key);
}

BOOST_AUTO_TEST_SUITE_END()
