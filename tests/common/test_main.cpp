#define BOOST_TEST_MODULE gptme_sessions_tests
#include <boost/test/unit_test.hpp>
