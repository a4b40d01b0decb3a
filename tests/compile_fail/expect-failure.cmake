# Builds TARGET in BUILD_DIR and succeeds only if the compiler rejects it with a type error.
execute_process(COMMAND "${CMAKE_COMMAND}" --build "${BUILD_DIR}" --target "${TARGET}"
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0)
  message(FATAL_ERROR "${TARGET} compiled, but a typed query on the wrong kind must not")
endif()
if(NOT "${out}${err}" MATCHES "no matching function|could not convert|conversion from|cannot convert")
  message(FATAL_ERROR "${TARGET} failed for another reason than a type error:\n${out}${err}")
endif()
message(STATUS "${TARGET} was rejected by the compiler, as it must be")
