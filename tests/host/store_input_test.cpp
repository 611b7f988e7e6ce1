// Bad store contents through the commands: clear messages naming the file, the right exit
// code, and the stored bytes untouched by commands that only read.
#include "cli_test_support.hpp"

#include <boost/json/parse.hpp>
#include <boost/test/unit_test.hpp>

namespace fs = std::filesystem;
using namespace gptme_sessions::testing;

BOOST_FIXTURE_TEST_SUITE(host_commands_store_input, CliFixture)

BOOST_AUTO_TEST_CASE(malformed_json_lines_are_skipped_and_named) {
  write_store(record_line("aaaa0001", "2026-03-01T00:00:00+00:00") + "{\"session_id\": \n" +
              "[1, 2, 3]\n" + record_line("aaaa0002", "2026-03-01T00:00:00+00:00"));
  const std::string before = store_bytes();
  for (const std::vector<std::string>& args : {std::vector<std::string>{"query"},
                                               {"stats", "--since", "all"},
                                               {"runs", "--since", "all"},
                                               {"show", "aaaa0002"}}) {
    BOOST_TEST_CONTEXT(args[0]) {
      const auto r = gs(args);
      BOOST_TEST(r.exit_code == 0);
      BOOST_TEST(r.err.find(store_file().string() + ":2") != std::string::npos);
      BOOST_TEST(r.err.find(store_file().string() + ":3") != std::string::npos);
    }
  }
  BOOST_TEST(gs({"query"}).out.ends_with("\n2 records\n"));
  BOOST_TEST(store_bytes() == before);
}

BOOST_AUTO_TEST_CASE(invalid_utf8_line_is_reported_with_file_and_line) {
  write_store(record_line("aaaa0001", "2026-03-01T00:00:00+00:00") +
              "{\"session_id\": \"bad\xff\", \"timestamp\": \"2026-03-01T00:00:00+00:00\"}\n" +
              record_line("aaaa0002", "2026-03-01T00:00:00+00:00"));
  const std::string before = store_bytes();
  const auto r = gs({"query"});
  BOOST_TEST(r.err.find(store_file().string() + ":2") != std::string::npos);
  BOOST_TEST(r.err.find("UTF-8") != std::string::npos);
  BOOST_TEST(r.out.ends_with("\n2 records\n"));
  BOOST_TEST(r.exit_code == 0);
  // A rewrite keeps the undecodable line byte for byte.
  BOOST_TEST(gs({"annotate", "aaaa0001", "--model", "x"}).exit_code == 0);
  BOOST_TEST(store_bytes().find("\"bad\xff\"") != std::string::npos);
  BOOST_TEST(store_bytes() != before);
}

BOOST_AUTO_TEST_CASE(empty_file) {
  write_store("");
  BOOST_TEST(gs({"query"}).out == "\n0 records\n");
  BOOST_TEST(gs({"stats", "--json"}).out == "{\n  \"total\": 0\n}\n");
  BOOST_TEST(gs({"stats"}).out.starts_with("No session records found in store.\n"));
  const auto r = gs({"annotate", "abc", "--model", "x"});
  BOOST_TEST(r.exit_code == 1);
  BOOST_TEST(r.err == "Error: No session records found in store.\n");
  BOOST_TEST(store_bytes() == "");
}

BOOST_AUTO_TEST_CASE(directory_in_place_of_the_store_file) {
  fs::create_directories(store_file());
  for (const std::vector<std::string>& args : {std::vector<std::string>{"query"},
                                               {"stats"},
                                               {"runs"},
                                               {"show", "abc"},
                                               {"annotate", "abc", "--model", "x"},
                                               {"append"}}) {
    BOOST_TEST_CONTEXT(args[0]) {
      const auto r = gs(args);
      BOOST_TEST(r.exit_code == 1);
      BOOST_TEST(r.out == "");
      BOOST_TEST(last_line(r.err).starts_with("Error: "));
      BOOST_TEST(r.err.find(store_file().string()) != std::string::npos);
    }
  }
  BOOST_TEST(fs::is_directory(store_file()));
}

BOOST_AUTO_TEST_SUITE_END()
