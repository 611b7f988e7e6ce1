# Helpers for the cmake -P drivers that install this build and build against it out of tree
# (tests/examples, tests/host_plugins sdk_consumer): the same input check and step runner.

# Fails unless every named -D input of <script> is set.
function(require_script_inputs script)
  foreach(var ${ARGN})
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "${script}: ${var} is not set")
    endif()
  endforeach()
endfunction()

# Runs one step; on failure stops with the step's exit code and output. Its stdout is left
# in step_output for the caller.
function(run_step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "${what} failed (${rc}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()
