# cmake -P driver for the sdk_consumer ctest: installs this build to a fresh prefix, builds
# tests/sdk_consumer against the installed package with a fresh configure, installs the result
# into the same prefix, and asks the installed host to list its plugins. Proves that
# find_package + gptme_sessions_add_plugin is enough and that installed rpaths resolve.
# Inputs: BUILD_DIR, CONSUMER_SOURCE, WORK_DIR, GENERATOR, CXX_COMPILER.
include(${CMAKE_CURRENT_LIST_DIR}/../common/script_steps.cmake)
require_script_inputs(sdk_consumer_test.cmake BUILD_DIR CONSUMER_SOURCE WORK_DIR GENERATOR CXX_COMPILER)

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR}/xdg)

run_step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(f bin/gptme-sessions lib/cmake/GptmeSessions/GptmeSessionsConfig.cmake
          lib/cmake/GptmeSessions/GptmeSessionsConfigVersion.cmake
          lib/cmake/GptmeSessions/GptmeSessionsTargets.cmake
          lib/cmake/GptmeSessions/GptmeSessionsPlugin.cmake
          lib/cmake/GptmeSessions/plugin-exports.map
          include/gptme_sessions/sdk/plugin.hpp include/gptme_sessions/sdk/export.hpp
          include/gptme_sessions/core/export.hpp)
  if(NOT EXISTS ${prefix}/${f})
    message(FATAL_ERROR "not installed: ${f}")
  endif()
endforeach()
file(GLOB sonames ${prefix}/lib/libgptme-sessions-sdk.so.* ${prefix}/lib/libgptme-sessions-core.so.*)
list(LENGTH sonames soname_count)
if(soname_count LESS 2)
  message(FATAL_ERROR "versioned core/sdk libraries missing in ${prefix}/lib: ${sonames}")
endif()

run_step("configure sdk_consumer" ${CMAKE_COMMAND} -S ${CONSUMER_SOURCE} -B ${WORK_DIR}/build
         -G ${GENERATOR} -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
         -DCMAKE_PREFIX_PATH=${prefix} -DCMAKE_INSTALL_PREFIX=${prefix})
run_step("build sdk_consumer" ${CMAKE_COMMAND} --build ${WORK_DIR}/build)
run_step("install sdk_consumer" ${CMAKE_COMMAND} --install ${WORK_DIR}/build)

# The installed host, with only its default directories (user dir isolated in WORK_DIR).
set(host ${CMAKE_COMMAND} -E env --unset=GPTME_SESSIONS_SYSTEM_PLUGIN_PATH
         --unset=GPTME_SESSIONS_PLUGIN_PATH XDG_DATA_HOME=${WORK_DIR}/xdg
         GPTME_SESSIONS_PLUGIN_CACHE=${WORK_DIR}/plugin-cache.json
         ${prefix}/bin/gptme-sessions)
run_step("plugins list" ${host} plugins list --json)
set(listing "${step_output}")
string(JSON count LENGTH "${listing}")
set(found_consumer FALSE)
set(plugin_dir ${prefix}/lib/gptme-sessions/plugins)
file(GLOB installed_plugins ${plugin_dir}/*.so)
math(EXPR last "${count} - 1")
foreach(i RANGE ${last})
  string(JSON name GET "${listing}" ${i} name)
  string(JSON status GET "${listing}" ${i} status)
  string(JSON path GET "${listing}" ${i} path)
  string(FIND "${path}" "${plugin_dir}/" at)
  if(at EQUAL 0 AND NOT status STREQUAL "loaded")
    string(JSON reason GET "${listing}" ${i} reason)
    message(FATAL_ERROR "installed plugin ${path} was not loaded: ${reason}")
  endif()
  if(name STREQUAL "harness-codex" AND status STREQUAL "loaded"
     AND path STREQUAL "${plugin_dir}/harness-codex.so")
    set(found_consumer TRUE)
  endif()
  list(REMOVE_ITEM installed_plugins "${path}")
endforeach()
if(NOT found_consumer)
  message(FATAL_ERROR "harness-codex not loaded from ${plugin_dir}:\n${listing}")
endif()
if(installed_plugins)
  message(FATAL_ERROR "installed plugins missing from the listing: ${installed_plugins}")
endif()

run_step("plugins check" ${host} plugins check ${plugin_dir}/harness-codex.so)
if(NOT step_output MATCHES "create: ok \\(HarnessDiscoverer\\)\nResult: harness-codex 0.1.0 would be loaded")
  message(FATAL_ERROR "unexpected plugins check output:\n${step_output}")
endif()
message(STATUS "sdk_consumer: harness-codex built against the installed package and loaded (${count} plugins listed)")
