# cmake -P setup of the examples ctests: installs this build to a fresh prefix and builds the
# two example plugin projects (examples/) against the installed package, each with a fresh
# configure, exactly as a third party would. Also builds judge-rules a second time with the
# GPTME_SESSIONS_EXAMPLE_FAKE_ABI test hook so the host has a plugin of another ABI to reject.
# Results, for installed_examples_test.cpp:
#   <WORK_DIR>/prefix                      the installed gptme-sessions
#   <WORK_DIR>/plugins/*.so                harness-plainlog.so, judge-rules.so
#   <WORK_DIR>/plugins-fake-abi/judge-rules.so
# Inputs: BUILD_DIR, EXAMPLES_DIR, WORK_DIR, GENERATOR, CXX_COMPILER, FAKE_ABI.
include(${CMAKE_CURRENT_LIST_DIR}/../common/script_steps.cmake)
require_script_inputs(build_examples.cmake
  BUILD_DIR EXAMPLES_DIR WORK_DIR GENERATOR CXX_COMPILER FAKE_ABI)

# Configure and build one example in its own fresh build directory. Extra arguments go to the
# configure step. Warnings are errors: the examples are meant to be copied.
function(build_example name build_dir)
  run_step("configure ${name}" ${CMAKE_COMMAND} -S ${EXAMPLES_DIR}/${name} -B ${build_dir}
           -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
           -DCMAKE_PREFIX_PATH=${WORK_DIR}/prefix ${ARGN})
  run_step("build ${name}" ${CMAKE_COMMAND} --build ${build_dir} --parallel 2) # shared 2-core box
  if(NOT EXISTS ${build_dir}/${name}.so)
    message(FATAL_ERROR "building ${name} did not produce ${build_dir}/${name}.so")
  endif()
endfunction()

file(REMOVE_RECURSE ${WORK_DIR})
run_step("install" ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${WORK_DIR}/prefix)

set(warnings "-Wall -Wextra -Wpedantic -Werror")
foreach(name harness-plainlog judge-rules)
  build_example(${name} ${WORK_DIR}/build/${name} "-DCMAKE_CXX_FLAGS=${warnings}")
  file(COPY ${WORK_DIR}/build/${name}/${name}.so DESTINATION ${WORK_DIR}/plugins)
endforeach()

build_example(judge-rules ${WORK_DIR}/build/judge-rules-fake-abi
              "-DCMAKE_CXX_FLAGS=${warnings} -DGPTME_SESSIONS_EXAMPLE_FAKE_ABI=${FAKE_ABI}")
file(COPY ${WORK_DIR}/build/judge-rules-fake-abi/judge-rules.so
     DESTINATION ${WORK_DIR}/plugins-fake-abi)
message(STATUS "examples built against ${WORK_DIR}/prefix")
