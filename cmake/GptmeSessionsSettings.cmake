# Compile settings shared by every first-party target, linked PRIVATE.
add_library(gptme_sessions_settings INTERFACE)
target_compile_features(gptme_sessions_settings INTERFACE cxx_std_20)
target_compile_definitions(gptme_sessions_settings INTERFACE BOOST_DLL_USE_STD_FS)

add_library(gptme_sessions_warnings INTERFACE)
target_compile_options(gptme_sessions_warnings INTERFACE -Wall -Wextra -Wpedantic
  # GCC 12 reports a false -Wrestrict inside std::string's operator+ at -O2/-O3 (GCC bug
  # 105329); with warnings as errors it would break optimized CI builds of correct code.
  $<$<AND:$<CXX_COMPILER_ID:GNU>,$<VERSION_LESS:$<CXX_COMPILER_VERSION>,13>>:-Wno-restrict>)

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)
set(CMAKE_POSITION_INDEPENDENT_CODE ON)
set(CMAKE_CXX_VISIBILITY_PRESET hidden)
set(CMAKE_VISIBILITY_INLINES_HIDDEN ON)

# gptme_sessions_add_shared_library(<part>) in core/ or sdk/: target gptme_sessions_<part>
# (alias GptmeSessions::<part>) from every src/*.cpp, installed as libgptme-sessions-<part>.so
# with the project's soname, and <part>/export.hpp defining GPTME_SESSIONS_<PART>_EXPORT. Both
# libraries are built, versioned and found the same way; link libraries are the caller's.
include(GenerateExportHeader)
function(gptme_sessions_add_shared_library part)
  set(target gptme_sessions_${part})
  string(TOUPPER ${part} upper)
  file(GLOB sources CONFIGURE_DEPENDS ${CMAKE_CURRENT_SOURCE_DIR}/src/*.cpp)
  add_library(${target} SHARED ${sources})
  add_library(GptmeSessions::${part} ALIAS ${target})
  generate_export_header(${target}
    BASE_NAME GPTME_SESSIONS_${upper}
    EXPORT_FILE_NAME ${CMAKE_CURRENT_BINARY_DIR}/include/gptme_sessions/${part}/export.hpp)
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME gptme-sessions-${part}
    VERSION ${PROJECT_VERSION}
    SOVERSION ${PROJECT_VERSION_MAJOR}.${PROJECT_VERSION_MINOR}
    EXPORT_NAME ${part})
  target_include_directories(${target} PUBLIC
    $<BUILD_INTERFACE:${CMAKE_CURRENT_SOURCE_DIR}/include>
    $<BUILD_INTERFACE:${CMAKE_CURRENT_BINARY_DIR}/include>
    $<INSTALL_INTERFACE:${CMAKE_INSTALL_INCLUDEDIR}>)
endfunction()
