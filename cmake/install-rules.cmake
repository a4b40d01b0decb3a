# Install rules: headers (including the generated embedded KB), the library, the CLI and the CMake package.
include(CMakePackageConfigHelpers)
set(PHARMAKON_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/pharmakon")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/pharmakon" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(FILES "${PHARMAKON_EMBEDDED_HEADER}" "${PHARMAKON_SNAPSHOT_HEADER}"
  DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/pharmakon/kb")
# pharmakon::header_only compiles the library's one source file into its consumer
install(FILES "${PROJECT_SOURCE_DIR}/src/pharmakon.cpp" DESTINATION "${CMAKE_INSTALL_DATADIR}/pharmakon/src")
install(TARGETS pharmakon pharmakon_header_only EXPORT pharmakonTargets
  ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  LIBRARY DESTINATION "${CMAKE_INSTALL_LIBDIR}"
  RUNTIME DESTINATION "${CMAKE_INSTALL_BINDIR}")
install(EXPORT pharmakonTargets NAMESPACE pharmakon:: DESTINATION "${PHARMAKON_CMAKE_DIR}")
configure_package_config_file(cmake/pharmakonConfig.cmake.in "${PROJECT_BINARY_DIR}/pharmakonConfig.cmake"
  INSTALL_DESTINATION "${PHARMAKON_CMAKE_DIR}")
write_basic_package_version_file("${PROJECT_BINARY_DIR}/pharmakonConfigVersion.cmake" COMPATIBILITY SameMinorVersion)
install(FILES "${PROJECT_BINARY_DIR}/pharmakonConfig.cmake" "${PROJECT_BINARY_DIR}/pharmakonConfigVersion.cmake"
  "${PROJECT_SOURCE_DIR}/cmake/pharmakon-inflate.cmake" DESTINATION "${PHARMAKON_CMAKE_DIR}")
install(FILES "${PROJECT_SOURCE_DIR}/docs/kb-format.md" "${PROJECT_SOURCE_DIR}/LICENSE" DESTINATION "${CMAKE_INSTALL_DOCDIR}")
install(FILES "${PROJECT_SOURCE_DIR}/data/LICENSE.md" DESTINATION "${CMAKE_INSTALL_DOCDIR}" RENAME LICENSE-DATA.md)
# the build tree is usable as a package too
export(EXPORT pharmakonTargets NAMESPACE pharmakon:: FILE "${PROJECT_BINARY_DIR}/pharmakonTargets.cmake")
configure_file(cmake/pharmakon-inflate.cmake "${PROJECT_BINARY_DIR}/pharmakon-inflate.cmake" COPYONLY)
