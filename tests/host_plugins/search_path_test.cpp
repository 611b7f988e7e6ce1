#include "plugins/search_path.hpp"
#include "temp_dir.hpp"

#include <boost/test/unit_test.hpp>

#include <fstream>
#include <map>

namespace fs = std::filesystem;
using gptme_sessions::host::GlobalOptions;
using gptme_sessions::host::plugins::default_plugin_dirs;
using gptme_sessions::host::plugins::EnvLookup;
using gptme_sessions::host::plugins::make_search_path;
using gptme_sessions::host::plugins::plugin_files_in;
using gptme_sessions::testing::TempDir;

namespace {

EnvLookup env_of(std::map<std::string, std::string> vars) {
  return [vars = std::move(vars)](const std::string& name) -> std::optional<std::string> {
    auto it = vars.find(name);
    if (it == vars.end())
      return std::nullopt;
    return it->second;
  };
}

std::vector<fs::path> paths(std::initializer_list<const char*> list) {
  std::vector<fs::path> result;
  for (const char* p : list)
    result.emplace_back(p);
  return result;
}

#ifdef GPTME_SESSIONS_INSTALL_PLUGIN_DIR
const fs::path k_install_dir = fs::path(GPTME_SESSIONS_INSTALL_PLUGIN_DIR).lexically_normal();
#endif

void touch(const fs::path& p) {
  std::ofstream(p) << "x";
}

} // namespace

BOOST_AUTO_TEST_SUITE(host_plugins_search_path)

BOOST_AUTO_TEST_CASE(precedence_is_cli_dirs_then_env_path_then_defaults) {
  GlobalOptions global;
  global.plugin_dirs = paths({"/cli/one", "/cli/two"});
  global.executable = "/opt/gs/bin/gptme-sessions";
  auto search = make_search_path(
      global, env_of({{"GPTME_SESSIONS_PLUGIN_PATH", "/env/a:/env/b"}, {"HOME", "/home/u"}}));
  std::vector<fs::path> expected = paths({"/cli/one",
                                          "/cli/two",
                                          "/env/a",
                                          "/env/b",
                                          "/home/u/.local/share/gptme-sessions/plugins",
                                          "/opt/gs/lib/gptme-sessions/plugins"});
#ifdef GPTME_SESSIONS_INSTALL_PLUGIN_DIR
  expected.push_back(k_install_dir);
#endif
  BOOST_TEST(search.dirs == expected, boost::test_tools::per_element());
  BOOST_TEST(search.files.empty());
}

BOOST_AUTO_TEST_CASE(xdg_data_home_replaces_home_for_the_user_dir) {
  auto dirs = default_plugin_dirs("/usr/bin/gptme-sessions",
                                  env_of({{"XDG_DATA_HOME", "/xdg"}, {"HOME", "/home/u"}}));
  BOOST_TEST_REQUIRE(dirs.size() >= 2u);
  BOOST_TEST(dirs[0] == fs::path("/xdg/gptme-sessions/plugins"));
  BOOST_TEST(dirs[1] == fs::path("/usr/lib/gptme-sessions/plugins"));
}

BOOST_AUTO_TEST_CASE(empty_xdg_data_home_falls_back_to_home) {
  auto dirs = default_plugin_dirs("/usr/bin/gptme-sessions",
                                  env_of({{"XDG_DATA_HOME", ""}, {"HOME", "/home/u"}}));
  BOOST_TEST(dirs.front() == fs::path("/home/u/.local/share/gptme-sessions/plugins"));
}

BOOST_AUTO_TEST_CASE(system_plugin_path_replaces_the_defaults) {
  GlobalOptions global;
  global.executable = "/opt/gs/bin/gptme-sessions";
  auto search = make_search_path(
      global, env_of({{"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", "/sys/one:/sys/two"}, {"HOME", "/h"}}));
  BOOST_TEST(search.dirs == paths({"/sys/one", "/sys/two"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(empty_system_plugin_path_means_no_defaults) {
  GlobalOptions global;
  global.executable = "/opt/gs/bin/gptme-sessions";
  global.plugin_dirs = paths({"/cli"});
  auto search =
      make_search_path(global, env_of({{"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", ""}, {"HOME", "/h"}}));
  BOOST_TEST(search.dirs == paths({"/cli"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(no_default_plugins_drops_defaults_and_system_path) {
  GlobalOptions global;
  global.executable = "/opt/gs/bin/gptme-sessions";
  global.no_default_plugins = true;
  auto search = make_search_path(global,
                                 env_of({{"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", "/sys"},
                                         {"GPTME_SESSIONS_PLUGIN_PATH", "/env"},
                                         {"HOME", "/h"}}));
  BOOST_TEST(search.dirs == paths({"/env"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(repeated_directories_are_searched_once_and_empty_entries_skipped) {
  GlobalOptions global;
  global.plugin_dirs = paths({"/a", "/a/", "/b/../a"});
  auto search = make_search_path(global,
                                 env_of({{"GPTME_SESSIONS_PLUGIN_PATH", "::/c::/a:"},
                                         {"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", ""}}));
  BOOST_TEST(search.dirs == paths({"/a", "/c"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(relative_paths_become_absolute_against_the_current_directory) {
  GlobalOptions global;
  global.plugin_dirs = paths({"rel/dir"});
  global.plugin_files = paths({"some/plugin.so"});
  auto search = make_search_path(global, env_of({{"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", ""}}));
  BOOST_TEST_REQUIRE(search.dirs.size() == 1u);
  BOOST_TEST(search.dirs[0] == fs::current_path() / "rel" / "dir");
  BOOST_TEST_REQUIRE(search.files.size() == 1u);
  BOOST_TEST(search.files[0] == fs::current_path() / "some" / "plugin.so");
}

BOOST_AUTO_TEST_CASE(explicit_files_keep_their_order) {
  GlobalOptions global;
  global.plugin_files = paths({"/p/b.so", "/p/a.so"});
  auto search = make_search_path(global, env_of({{"GPTME_SESSIONS_SYSTEM_PLUGIN_PATH", ""}}));
  BOOST_TEST(search.files == paths({"/p/b.so", "/p/a.so"}), boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(install_dir_is_skipped_when_it_is_the_relocatable_dir) {
#ifdef GPTME_SESSIONS_INSTALL_PLUGIN_DIR
  fs::path libdir = k_install_dir.parent_path().parent_path();
  if (libdir.filename() != "lib") {
    BOOST_TEST_MESSAGE("install libdir is not <prefix>/lib; nothing to compare");
    return;
  }
  fs::path exe = libdir.parent_path() / "bin" / "gptme-sessions";
  auto dirs = default_plugin_dirs(exe, env_of({}));
  BOOST_TEST(dirs == std::vector<fs::path>{k_install_dir}, boost::test_tools::per_element());
#else
  BOOST_TEST_MESSAGE("no compile-time install dir in this build");
#endif
}

BOOST_AUTO_TEST_CASE(plugin_files_are_so_regular_files_sorted_by_name_non_recursive) {
  TempDir dir;
  touch(dir / "zeta.so");
  touch(dir / "alpha.so");
  touch(dir / "Beta.so");
  touch(dir / "readme.txt");
  touch(dir / "libx.so.1");
  fs::create_directory(dir / "sub.so");
  touch(dir.path() / "sub.so" / "inner.so");
  fs::create_symlink(dir / "alpha.so", dir / "link.so");
  fs::create_symlink(dir / "missing-target", dir / "dangling.so");
  auto files = plugin_files_in(dir.path());
  std::vector<fs::path> expected{
      dir / "Beta.so", dir / "alpha.so", dir / "link.so", dir / "zeta.so"};
  BOOST_TEST(files == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(missing_directory_has_no_plugin_files) {
  TempDir dir;
  BOOST_TEST(plugin_files_in(dir / "nope").empty());
}

BOOST_AUTO_TEST_SUITE_END()
