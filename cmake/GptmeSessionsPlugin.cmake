# gptme_sessions_add_plugin(<name> SOURCES <src>... [LINK_LIBRARIES <lib>...] [NO_INSTALL])
#
# The one way to build a plugin, in tree and out of tree. It sets what cannot travel through
# an INTERFACE target: a MODULE named exactly <name>.so, hidden visibility with only the entry
# point exported (version script), no undefined symbols at link time, an rpath that finds the
# core and SDK libraries from lib/gptme-sessions/plugins, and the install destination.
include_guard(GLOBAL)

if(NOT DEFINED GptmeSessions_PLUGIN_EXPORTS_MAP)
  set(GptmeSessions_PLUGIN_EXPORTS_MAP ${CMAKE_CURRENT_LIST_DIR}/plugin-exports.map)
endif()
if(NOT DEFINED GptmeSessions_PLUGIN_INSTALL_DIR)
  include(GNUInstallDirs)
  set(GptmeSessions_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/gptme-sessions/plugins)
endif()

function(gptme_sessions_add_plugin name)
  cmake_parse_arguments(PARSE_ARGV 1 arg "NO_INSTALL;ALLOW_UNDEFINED" "OUTPUT_DIRECTORY"
                        "SOURCES;LINK_LIBRARIES")
  if(NOT name MATCHES "^[a-z0-9-]+$")
    message(FATAL_ERROR "gptme_sessions_add_plugin: plugin name '${name}' must match [a-z0-9-]+")
  endif()
  if(NOT arg_SOURCES)
    message(FATAL_ERROR "gptme_sessions_add_plugin(${name}): SOURCES is required")
  endif()
  add_library(${name} MODULE ${arg_SOURCES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME ${name}
    CXX_STANDARD 20
    CXX_STANDARD_REQUIRED ON
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON
    INSTALL_RPATH "$ORIGIN/../.."
    BUILD_RPATH "$<TARGET_FILE_DIR:GptmeSessions::core>")
  target_compile_definitions(${name} PRIVATE BOOST_DLL_FORCE_ALIAS_INSTANTIATION
                                             BOOST_DLL_USE_STD_FS
                                             GPTME_SESSIONS_PLUGIN_NAME="${name}")
  target_link_libraries(${name} PRIVATE GptmeSessions::sdk ${arg_LINK_LIBRARIES})
  target_link_options(${name} PRIVATE
    "LINKER:--version-script=${GptmeSessions_PLUGIN_EXPORTS_MAP}")
  if(NOT arg_ALLOW_UNDEFINED)
    target_link_options(${name} PRIVATE "LINKER:-z,defs")
  endif()
  if(arg_OUTPUT_DIRECTORY)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${arg_OUTPUT_DIRECTORY})
  elseif(DEFINED GptmeSessions_PLUGIN_OUTPUT_DIR)
    set_target_properties(${name} PROPERTIES LIBRARY_OUTPUT_DIRECTORY ${GptmeSessions_PLUGIN_OUTPUT_DIR})
  endif()
  if(NOT arg_NO_INSTALL)
    install(TARGETS ${name} LIBRARY DESTINATION ${GptmeSessions_PLUGIN_INSTALL_DIR})
  endif()
endfunction()
