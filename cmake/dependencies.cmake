# Dependencies, all from Debian 12's packages (tools/install-deps.sh).
find_package(fmt 9 REQUIRED CONFIG)
find_package(Boost 1.74 REQUIRED)  # Boost.Graph's compressed_sparse_row_graph is header-only
find_package(tomlplusplus 3 REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)  # JSON rendering (header-only)
find_package(yaml-cpp 0.7 REQUIRED CONFIG)  # the DrugMechDB importer reads YAML (libyaml-cpp-dev)
# The importers inflate gzipped files with ISA-L (libisal-dev: ~3x zlib's speed) where it is found, with zlib
# (zlib1g-dev) otherwise; PHARMAKON_INFLATE names the one chosen (cmake/pharmakon-inflate.cmake).
include("${CMAKE_CURRENT_LIST_DIR}/pharmakon-inflate.cmake")
find_package(Threads REQUIRED)  # importers inflate on a second thread; large builds use one too
if(NOT TARGET Boost::headers)
  add_library(Boost::headers INTERFACE IMPORTED)
  target_include_directories(Boost::headers INTERFACE ${Boost_INCLUDE_DIRS})
endif()

# cpp-httplib (libcpp-httplib-dev) for `pharmakon serve`, only with the CLI. Debian builds it as a shared library with
# OpenSSL, zlib and Brotli support; its header must be compiled with the same switches (its pkg-config Cflags), or
# the classes it declares would not match the library's.
if(PHARMAKON_BUILD_CLI)
  find_package(PkgConfig REQUIRED)
  pkg_check_modules(PHARMAKON_HTTPLIB REQUIRED IMPORTED_TARGET cpp-httplib)
  if(NOT TARGET pharmakon::httplib)
    add_library(pharmakon::httplib INTERFACE IMPORTED)
    target_link_libraries(pharmakon::httplib INTERFACE PkgConfig::PHARMAKON_HTTPLIB)
  endif()
endif()
