# Dependencies, all from Debian 12's packages (tools/install-deps.sh).
find_package(fmt 9 REQUIRED CONFIG)
find_package(Boost 1.74 REQUIRED)  # Boost.Graph's compressed_sparse_row_graph is header-only
find_package(tomlplusplus 3 REQUIRED CONFIG)
find_package(nlohmann_json 3.10 REQUIRED CONFIG)  # JSON rendering (header-only)
find_package(ZLIB REQUIRED)     # importers read gzipped files (zlib1g-dev)
find_package(Threads REQUIRED)  # importers inflate on a second thread; large builds use one too
if(NOT TARGET Boost::headers)
  add_library(Boost::headers INTERFACE IMPORTED)
  target_include_directories(Boost::headers INTERFACE ${Boost_INCLUDE_DIRS})
endif()
