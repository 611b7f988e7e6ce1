# gptme_sessions_add_unit_tests(<exe> SOURCES <src>... LINK_LIBRARIES <lib>... SUITES <suite>...)
# Builds one Boost.Test executable and registers each top-level suite as its own ctest, so a
# failure names its suite. tests/common/test_main.cpp provides the module and the temp-dir
# fixture.
function(gptme_sessions_add_unit_tests exe)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "SOURCES;LINK_LIBRARIES;SUITES;ENVIRONMENT")
  add_executable(${exe} ${PROJECT_SOURCE_DIR}/tests/common/test_main.cpp ${arg_SOURCES})
  target_link_libraries(${exe} PRIVATE Boost::unit_test_framework ${arg_LINK_LIBRARIES}
                                       gptme_sessions_settings gptme_sessions_warnings)
  target_include_directories(${exe} PRIVATE ${PROJECT_SOURCE_DIR}/tests/common)
  target_compile_definitions(${exe} PRIVATE
    BOOST_TEST_DYN_LINK
    GPTME_SESSIONS_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
    GPTME_SESSIONS_SOURCE_DIR="${PROJECT_SOURCE_DIR}"
    GPTME_SESSIONS_BINARY_DIR="${PROJECT_BINARY_DIR}"
    GPTME_SESSIONS_HOST_EXE="$<TARGET_FILE:gptme-sessions>"
    GPTME_SESSIONS_PLUGIN_DIR="${GptmeSessions_PLUGIN_OUTPUT_DIR}")
  foreach(suite ${arg_SUITES})
    add_test(NAME ${exe}.${suite} COMMAND ${exe} --run_test=${suite} --log_level=message)
    # No cache directory of the developer's: the plugin cache follows each test's own HOME.
    set_tests_properties(${exe}.${suite} PROPERTIES
      ENVIRONMENT "GPTME_SESSIONS_SYSTEM_PLUGIN_PATH=;${arg_ENVIRONMENT}"
      ENVIRONMENT_MODIFICATION "XDG_CACHE_HOME=unset:")
  endforeach()
endfunction()
