// The plugin cache and the registry's lazy loading: a plugin the cache knows is opened only
// when a command asks for its kind or name, anything the cache cannot vouch for is loaded (and
// validated) during the scan, and rejected files are never cached.
#include "plugins/plugin_cache.hpp"
#include "plugins/registry.hpp"
#include "temp_dir.hpp"

#include <gptme_sessions/sdk/harness_discoverer.hpp>
#include <gptme_sessions/sdk/judge.hpp>

#include <boost/test/unit_test.hpp>

#include <chrono>
#include <fstream>
#include <map>

namespace fs = std::filesystem;
namespace sdk = gptme_sessions::sdk;
using namespace gptme_sessions::host::plugins;
using gptme_sessions::testing::TempDir;

namespace {

const fs::path k_fixtures = GPTME_SESSIONS_FIXTURE_PLUGIN_DIR;
const fs::path k_second = GPTME_SESSIONS_FIXTURE_SECOND_DIR;

// A plugin directory of our own, so file identities can be changed.
fs::path copy_plugins(const TempDir& dir, const fs::path& from, std::vector<std::string> names) {
  fs::path plugins = dir / "plugins";
  fs::create_directories(plugins);
  for (const auto& name : names)
    fs::copy_file(from / (name + ".so"), plugins / (name + ".so"));
  return plugins;
}

RegistryOptions cached(const fs::path& cache_file) {
  return RegistryOptions{.report_rejections = false, .cache_file = cache_file};
}

// A cache file holding one entry: `file`, as it is on disk now, vouched for as a judge plugin.
void save_cache_vouching_for(const fs::path& cache_file,
                             const fs::path& file,
                             std::string name,
                             std::string version) {
  PluginCache cache;
  cache.put(file,
            CachedPlugin{*identity_of(file),
                         std::move(name),
                         std::move(version),
                         static_cast<std::uint32_t>(sdk::PluginKind::judge)});
  cache.save(cache_file);
}

std::string read_file(const fs::path& file) {
  std::ifstream in(file);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// The cache file a given environment names, "" for none (printable in failure messages).
std::string cache_file_for(std::map<std::string, std::string> vars) {
  auto file =
      default_plugin_cache_file([vars](const std::string& name) -> std::optional<std::string> {
        auto it = vars.find(name);
        if (it == vars.end())
          return std::nullopt;
        return it->second;
      });
  return file ? file->string() : "";
}

} // namespace

BOOST_AUTO_TEST_SUITE(host_plugins_plugin_cache)

BOOST_AUTO_TEST_CASE(first_run_loads_everything_and_writes_the_cache) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"fixture-good", "judge-fixture"});
  const fs::path cache = dir / "cache" / "plugin-cache.json";
  Registry registry(SearchPath{{}, {plugins}}, cached(cache));
  BOOST_TEST(registry.is_open("fixture-good"));
  BOOST_TEST(registry.is_open("judge-fixture"));
  BOOST_TEST_REQUIRE(fs::exists(cache));
  const std::string text = read_file(cache);
  BOOST_TEST(text.find("\"name\": \"judge-fixture\"") != std::string::npos);
  BOOST_TEST(text.find((plugins / "fixture-good.so").string()) != std::string::npos);
}

BOOST_AUTO_TEST_CASE(known_plugins_open_only_when_their_kind_is_asked_for) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"fixture-good", "judge-fixture"});
  const fs::path cache = dir / "plugin-cache.json";
  { Registry warm(SearchPath{{}, {plugins}}, cached(cache)); }
  const std::string written = read_file(cache);

  Registry registry(SearchPath{{}, {plugins}}, cached(cache));
  BOOST_TEST(!registry.is_open("fixture-good"));
  BOOST_TEST(!registry.is_open("judge-fixture"));
  // Names are known without opening anything.
  std::vector<std::string> judges{"fixture-good", "judge-fixture"};
  BOOST_TEST(registry.judge_names() == judges, boost::test_tools::per_element());
  BOOST_TEST(!registry.is_open("judge-fixture"));

  auto discoverers = registry.harness_discoverers();
  BOOST_TEST_REQUIRE(discoverers.size() == 1u);
  BOOST_TEST(discoverers[0]->harness_name() == "fixture");
  BOOST_TEST(registry.is_open("fixture-good"));
  BOOST_TEST(!registry.is_open("judge-fixture"));

  BOOST_TEST(registry.judge("fixture").judge_name() == "judge-fixture");
  BOOST_TEST(registry.is_open("judge-fixture"));
  BOOST_TEST(registry.rejected().empty());
  // Nothing new was learned, so the file was left alone.
  BOOST_TEST(read_file(cache) == written);
}

BOOST_AUTO_TEST_CASE(settings_given_before_opening_reach_the_plugin) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"judge-fixture"});
  const fs::path cache = dir / "plugin-cache.json";
  { Registry warm(SearchPath{{}, {plugins}}, cached(cache)); }
  Registry registry(SearchPath{{}, {plugins}}, cached(cache));
  registry.set_config("judge-fixture", "model", "set-before-open");
  BOOST_TEST(!registry.is_open("judge-fixture"));
  auto result = registry.judge("judge-fixture").judge(sdk::JudgeInput{});
  BOOST_TEST_REQUIRE(std::holds_alternative<sdk::JudgeVerdict>(result));
  BOOST_TEST(std::get<sdk::JudgeVerdict>(result).model == "set-before-open");
}

BOOST_AUTO_TEST_CASE(loaded_opens_every_deferred_plugin_in_load_order) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"fixture-good", "judge-fixture"});
  const fs::path cache = dir / "plugin-cache.json";
  { Registry warm(SearchPath{{}, {plugins}}, cached(cache)); }
  Registry registry(SearchPath{{}, {plugins}}, cached(cache));
  std::vector<std::string> names;
  for (const LoadedPlugin* p : registry.loaded())
    names.emplace_back(p->info->name);
  std::vector<std::string> expected{"fixture-good", "judge-fixture"};
  BOOST_TEST(names == expected, boost::test_tools::per_element());
  BOOST_TEST(registry.find("judge-fixture") != nullptr);
  BOOST_TEST(registry.find("absent") == nullptr);
}

BOOST_AUTO_TEST_CASE(a_changed_file_is_validated_again_during_the_scan) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"fixture-good", "judge-fixture"});
  const fs::path cache = dir / "plugin-cache.json";
  { Registry warm(SearchPath{{}, {plugins}}, cached(cache)); }
  const fs::path judge = plugins / "judge-fixture.so";
  fs::last_write_time(judge, fs::last_write_time(judge) - std::chrono::hours(1));
  Registry registry(SearchPath{{}, {plugins}}, cached(cache));
  BOOST_TEST(registry.is_open("judge-fixture"));
  BOOST_TEST(!registry.is_open("fixture-good"));
}

BOOST_AUTO_TEST_CASE(a_file_replaced_by_a_broken_one_is_rejected_at_the_scan) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_fixtures, {"fixture-good"});
  const fs::path file = plugins / "fixture-good.so";
  const fs::path cache_file = dir / "plugin-cache.json";
  // What an earlier run wrote. (Not by loading it here: dlopen of a path this process already
  // opened returns the old library, whatever is on disk now.)
  save_cache_vouching_for(cache_file, file, "fixture-good", "1.0.0");
  // Same name, other content: a rebuild against another ABI, installed the way installers do.
  fs::copy_file(k_fixtures / "fixture-wrong-abi.so", dir / "new.so");
  fs::rename(dir / "new.so", file);
  Registry registry(SearchPath{{}, {plugins}}, cached(cache_file));
  BOOST_TEST_REQUIRE(registry.rejected().size() == 1u);
  BOOST_TEST(registry.rejected()[0].path == file);
  BOOST_TEST(to_string(registry.rejected()[0].stage) == "abi");
  BOOST_TEST(registry.loaded().empty());
  // The stale entry is gone from the file as well.
  BOOST_TEST(PluginCache::load(cache_file).empty());
}

BOOST_AUTO_TEST_CASE(rejected_files_are_never_cached_and_reported_every_run) {
  TempDir dir;
  const fs::path plugins =
      copy_plugins(dir, k_fixtures, {"fixture-good", "fixture-wrong-abi", "fixture-no-entry"});
  const fs::path cache = dir / "plugin-cache.json";
  for (int run = 0; run < 2; ++run) {
    Registry registry(SearchPath{{}, {plugins}}, cached(cache));
    BOOST_TEST(registry.rejected().size() == 2u, "run " << run);
  }
  const std::string text = read_file(cache);
  BOOST_TEST(text.find("fixture-wrong-abi") == std::string::npos);
  BOOST_TEST(text.find("fixture-no-entry") == std::string::npos);
  BOOST_TEST(text.find("fixture-good") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_deferred_plugin_that_fails_to_open_is_rejected_then_forgotten) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_fixtures, {"fixture-wrong-abi"});
  const fs::path file = plugins / "fixture-wrong-abi.so";
  const fs::path cache_file = dir / "plugin-cache.json";
  // A cache that vouches for the file, as if it had loaded before and a library it needs
  // had changed since.
  save_cache_vouching_for(cache_file, file, "fixture-wrong-abi", "9.9.9");

  Registry registry(SearchPath{{}, {plugins}}, cached(cache_file));
  BOOST_TEST(registry.rejected().empty());
  BOOST_TEST(registry.judge_names() == std::vector<std::string>{"fixture-wrong-abi"},
             boost::test_tools::per_element());
  BOOST_TEST(registry.find_judge("fixture-wrong-abi") == nullptr);
  BOOST_TEST_REQUIRE(registry.rejected().size() == 1u);
  BOOST_TEST(to_string(registry.rejected()[0].stage) == "abi");
  BOOST_TEST(registry.judge_names().empty());
  BOOST_TEST(PluginCache::load(cache_file).empty());
}

BOOST_AUTO_TEST_CASE(a_damaged_or_foreign_cache_is_ignored_and_replaced) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"judge-fixture"});
  const fs::path cache = dir / "plugin-cache.json";
  for (const std::string& content :
       {std::string("{not json"),
        std::string("[]"),
        std::string(R"({"format": "gptme-sessions-plugin-cache", "version": 1, "host": "other",)"
                    R"( "plugins": {}})")}) {
    std::ofstream(cache) << content;
    Registry registry(SearchPath{{}, {plugins}}, cached(cache));
    BOOST_TEST(registry.is_open("judge-fixture"), content);
    BOOST_TEST(!PluginCache::load(cache).empty(), content);
  }
}

BOOST_AUTO_TEST_CASE(an_unwritable_cache_location_only_means_eager_loading) {
  TempDir dir;
  const fs::path plugins = copy_plugins(dir, k_second, {"judge-fixture"});
  std::ofstream(dir / "file") << "x";
  const fs::path cache = dir / "file" / "plugin-cache.json"; // parent is a file
  for (int run = 0; run < 2; ++run) {
    Registry registry(SearchPath{{}, {plugins}}, cached(cache));
    BOOST_TEST(registry.is_open("judge-fixture"));
  }
}

BOOST_AUTO_TEST_CASE(the_cache_file_location_follows_xdg_and_can_be_turned_off) {
  BOOST_TEST(cache_file_for({{"HOME", "/home/u"}}) ==
             "/home/u/.cache/gptme-sessions/plugin-cache.json");
  BOOST_TEST(cache_file_for({{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "/x"}}) ==
             "/x/gptme-sessions/plugin-cache.json");
  // The XDG spec says to ignore relative paths.
  BOOST_TEST(cache_file_for({{"HOME", "/h"}, {"XDG_CACHE_HOME", "rel"}}) ==
             "/h/.cache/gptme-sessions/plugin-cache.json");
  BOOST_TEST(cache_file_for({{"HOME", "/h"}, {"GPTME_SESSIONS_PLUGIN_CACHE", "/tmp/c.json"}}) ==
             "/tmp/c.json");
  BOOST_TEST(cache_file_for({{"HOME", "/h"}, {"GPTME_SESSIONS_PLUGIN_CACHE", ""}}) == "");
  BOOST_TEST(cache_file_for({}) == "");
}

BOOST_AUTO_TEST_SUITE_END()
