# Install rules and the CMake package (installed and build-tree), so that
#   find_package(GptmeSessions CONFIG REQUIRED)
#   gptme_sessions_add_plugin(<name> SOURCES ...)
# is all a third-party plugin project needs. Included by the top-level CMakeLists.txt after
# every target exists.
include(CMakePackageConfigHelpers)

set(GptmeSessions_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/GptmeSessions)

# The SDK finds the core next to itself once installed; plugins reach both through their own
# rpath ($ORIGIN/../.., set by gptme_sessions_add_plugin) and the host through $ORIGIN/../lib.
set_target_properties(gptme_sessions_core gptme_sessions_sdk PROPERTIES INSTALL_RPATH "$ORIGIN")

install(TARGETS gptme_sessions_core gptme_sessions_sdk
  EXPORT GptmeSessionsTargets
  LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR} NAMELINK_COMPONENT Development
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})

install(DIRECTORY ${PROJECT_SOURCE_DIR}/core/include/gptme_sessions
                  ${PROJECT_SOURCE_DIR}/sdk/include/gptme_sessions
                  ${PROJECT_BINARY_DIR}/core/include/gptme_sessions
                  ${PROJECT_BINARY_DIR}/sdk/include/gptme_sessions
  DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
  FILES_MATCHING PATTERN "*.hpp")

install(EXPORT GptmeSessionsTargets
  NAMESPACE GptmeSessions::
  DESTINATION ${GptmeSessions_CMAKE_INSTALL_DIR})

configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/GptmeSessionsConfig.cmake.in
  ${PROJECT_BINARY_DIR}/package/GptmeSessionsConfig.cmake
  INSTALL_DESTINATION ${GptmeSessions_CMAKE_INSTALL_DIR})
# A minor release may bump the plugin ABI while we are at 0.x; switch to SameMajorVersion at 1.0.
write_basic_package_version_file(${PROJECT_BINARY_DIR}/package/GptmeSessionsConfigVersion.cmake
  VERSION ${PROJECT_VERSION}
  COMPATIBILITY SameMinorVersion)

install(FILES ${PROJECT_BINARY_DIR}/package/GptmeSessionsConfig.cmake
              ${PROJECT_BINARY_DIR}/package/GptmeSessionsConfigVersion.cmake
              ${PROJECT_SOURCE_DIR}/cmake/GptmeSessionsPlugin.cmake
              ${PROJECT_SOURCE_DIR}/cmake/plugin-exports.map
  DESTINATION ${GptmeSessions_CMAKE_INSTALL_DIR})

# The same package straight from the build tree (-DGptmeSessions_DIR=<build>/cmake/GptmeSessions),
# for tests and for plugin authors who do not install.
set(GptmeSessions_BUILD_PACKAGE_DIR ${PROJECT_BINARY_DIR}/cmake/GptmeSessions)
export(EXPORT GptmeSessionsTargets
  NAMESPACE GptmeSessions::
  FILE ${GptmeSessions_BUILD_PACKAGE_DIR}/GptmeSessionsTargets.cmake)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/GptmeSessionsConfig.cmake.in
  ${GptmeSessions_BUILD_PACKAGE_DIR}/GptmeSessionsConfig.cmake
  INSTALL_DESTINATION ${GptmeSessions_BUILD_PACKAGE_DIR}
  INSTALL_PREFIX ${PROJECT_BINARY_DIR})
configure_file(${PROJECT_BINARY_DIR}/package/GptmeSessionsConfigVersion.cmake
  ${GptmeSessions_BUILD_PACKAGE_DIR}/GptmeSessionsConfigVersion.cmake COPYONLY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/GptmeSessionsPlugin.cmake
  ${GptmeSessions_BUILD_PACKAGE_DIR}/GptmeSessionsPlugin.cmake COPYONLY)
configure_file(${PROJECT_SOURCE_DIR}/cmake/plugin-exports.map
  ${GptmeSessions_BUILD_PACKAGE_DIR}/plugin-exports.map COPYONLY)
