// The C++ form of the seed README's Python example: append, query, stats.
#include "temp_dir.hpp"

#include <gptme_sessions/core/session_store.hpp>

#include <boost/test/unit_test.hpp>

#include <filesystem>

namespace core = gptme_sessions::core;
using gptme_sessions::testing::TempDir;

namespace {

core::SessionRecord record(const char* model, const char* outcome, std::int64_t duration) {
  core::SessionRecord r = core::make_record();
  r.harness = "claude-code";
  r.model = model;
  r.run_type = "autonomous";
  r.category = "code";
  r.outcome = outcome;
  r.duration_seconds = duration;
  r.deliverables = std::vector<std::string>{"abc123"};
  return r;
}

} // namespace

BOOST_AUTO_TEST_SUITE(core_session_store_query)

BOOST_AUTO_TEST_CASE(append_query_stats) {
  TempDir tmp;
  core::SessionStore store{tmp / "state" / "sessions"};
  store.append(record("opus", "productive", 2400));
  store.append(record("claude-opus-4-6", "noop", 60));
  store.append(record("claude-sonnet-4-6", "productive", 0));

  const auto recent = store.query({.model = "opus", .since_days = 7});
  BOOST_TEST(recent.size() == 2u);
  const auto stats = store.stats(recent);
  BOOST_TEST(stats.total == 2);
  BOOST_TEST(stats.success_rate() == 0.5);
  BOOST_TEST(stats.by_model.at("opus").total == 2);

  const auto all = store.stats();
  BOOST_TEST(all.total == 3);
  BOOST_TEST(all.productive == 2);
  BOOST_TEST(all.duration->count == 2);
}

BOOST_AUTO_TEST_CASE(query_on_a_missing_store_creates_nothing) {
  TempDir tmp;
  core::SessionStore store{tmp / "missing"};
  BOOST_TEST(store.query({}).empty());
  BOOST_TEST(store.stats().total == 0);
  BOOST_TEST(!std::filesystem::exists(tmp / "missing"));
}

BOOST_AUTO_TEST_SUITE_END()
