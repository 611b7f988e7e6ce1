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
