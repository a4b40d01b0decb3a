# Builds and runs a tiny consumer project against pharmakon.
#   MODE=find_package:     installs BUILD_DIR into WORK_DIR/prefix, then find_package(pharmakon CONFIG)
#   MODE=add_subdirectory: add_subdirectory(SOURCE_DIR) from the consumer
set(prefix "${WORK_DIR}/prefix")
set(consumer_build "${WORK_DIR}/${MODE}-build")
file(REMOVE_RECURSE "${consumer_build}")
if(MODE STREQUAL "find_package")
  file(REMOVE_RECURSE "${prefix}")
  execute_process(COMMAND "${CMAKE_COMMAND}" --install "${BUILD_DIR}" --prefix "${prefix}"
    RESULT_VARIABLE rc OUTPUT_QUIET)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "cmake --install failed")
  endif()
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" -S "${SOURCE_DIR}/tests/package/${MODE}" -B "${consumer_build}"
  "-DCMAKE_PREFIX_PATH=${prefix}" "-DPHARMAKON_SOURCE_DIR=${SOURCE_DIR}" -DCMAKE_BUILD_TYPE=Release
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the ${MODE} consumer failed:\n${out}${err}")
endif()
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${consumer_build}" -j2
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "building the ${MODE} consumer failed:\n${out}${err}")
endif()
# find_package also builds the program with pharmakon::header_only, from the installed src/pharmakon.cpp
set(programs consumer)
if(MODE STREQUAL "find_package")
  list(APPEND programs consumer_header_only)
endif()
foreach(program IN LISTS programs)
  execute_process(COMMAND "${consumer_build}/${program}" RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0 OR NOT out MATCHES "naltrexone: antagonist at mu opioid receptor")
    message(FATAL_ERROR "the ${MODE} consumer ${program} ran badly (exit ${rc}):\n${out}${err}")
  endif()
  message(STATUS "${program}: ${out}")
endforeach()
