#include "cli/help_format.hpp"

#include <boost/program_options.hpp>
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

namespace po = boost::program_options;
using gptme_sessions::host::format_options_help;

BOOST_AUTO_TEST_SUITE(host_cli_help_format)

BOOST_AUTO_TEST_CASE(positionals_are_left_out_and_values_get_a_metavar) {
  po::options_description desc;
  desc.add_options()("session_id", po::value<std::string>(), "Session ID or prefix")(
      "model", po::value<std::string>(), "Set the model")(
      "duration", po::value<long>(), "Set the duration")("score", po::value<double>(), "A score")(
      "tag", po::value<std::vector<std::string>>(), "Repeatable")(
      "since", po::value<std::string>()->value_name("WINDOW"), "How far back")(
      "json", po::bool_switch(), "Output as JSON");
  po::positional_options_description positional;
  positional.add("session_id", 1);
  BOOST_TEST(format_options_help(desc, positional) == "Options:\n"
                                                      "  --model TEXT        Set the model\n"
                                                      "  --duration INTEGER  Set the duration\n"
                                                      "  --score FLOAT       A score\n"
                                                      "  --tag TEXT          Repeatable\n"
                                                      "  --since WINDOW      How far back\n"
                                                      "  --json              Output as JSON\n");
}

BOOST_AUTO_TEST_CASE(long_descriptions_wrap_under_the_description_column) {
  po::options_description desc;
  desc.add_options()("outcome",
                     po::value<std::string>(),
                     "Set the outcome: productive, noop, failed, unknown, violated_policy");
  po::positional_options_description none;
  BOOST_TEST(format_options_help(desc, none, 50) ==
             "Options:\n"
             "  --outcome TEXT  Set the outcome: productive,\n"
             "                  noop, failed, unknown,\n"
             "                  violated_policy\n");
}

BOOST_AUTO_TEST_CASE(a_name_wider_than_the_column_puts_its_text_below) {
  po::options_description desc;
  desc.add_options()("a-very-long-option-name-for-testing", po::value<std::string>(), "Text")(
      "x", po::bool_switch(), "Short");
  po::positional_options_description none;
  BOOST_TEST(format_options_help(desc, none) == "Options:\n"
                                                "  --a-very-long-option-name-for-testing TEXT\n"
                                                "       Text\n"
                                                "  --x  Short\n");
}

BOOST_AUTO_TEST_CASE(an_unlimited_positional_is_hidden_too) {
  po::options_description desc;
  desc.add_options()("action", po::value<std::string>(), "list | check")(
      "files", po::value<std::vector<std::string>>(), "Files")("json", po::bool_switch(), "JSON");
  po::positional_options_description positional;
  positional.add("action", 1).add("files", -1);
  BOOST_TEST(format_options_help(desc, positional) == "Options:\n"
                                                      "  --json  JSON\n");
}

BOOST_AUTO_TEST_SUITE_END()
