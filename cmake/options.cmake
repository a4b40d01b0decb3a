# Options. Whether pharmakon is the top-level project decides the defaults (as fmt does).
include(GNUInstallDirs)
set(PHARMAKON_TOP_LEVEL ${PROJECT_IS_TOP_LEVEL})

option(PHARMAKON_BUILD_TESTS "Build the tests" ${PHARMAKON_TOP_LEVEL})
option(PHARMAKON_BUILD_EXAMPLES "Build the example programs" ${PHARMAKON_TOP_LEVEL})
option(PHARMAKON_BUILD_CLI "Build the pharmakon command-line tool" ${PHARMAKON_TOP_LEVEL})
option(PHARMAKON_BUILD_BENCHMARKS "Build the benchmarks" OFF)
option(PHARMAKON_BUILD_PYTHON "Build the Python extension module" OFF)
option(PHARMAKON_INSTALL "Generate install rules" ${PHARMAKON_TOP_LEVEL})
option(PHARMAKON_WERROR "Treat warnings as errors" OFF)
option(PHARMAKON_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
option(PHARMAKON_TSAN "Build with ThreadSanitizer (the concurrency tests; see the tsan preset)" OFF)
option(PHARMAKON_BUILD_FUZZERS "Build the libFuzzer targets in fuzz/ (clang only; fuzz/run.sh)" OFF)

# A subproject's headers are SYSTEM includes for its parent, so our warnings never become theirs.
if(PHARMAKON_TOP_LEVEL)
  set(PHARMAKON_SYSTEM "")
else()
  set(PHARMAKON_SYSTEM SYSTEM)
endif()

if(NOT CMAKE_BUILD_TYPE AND NOT CMAKE_CONFIGURATION_TYPES AND PHARMAKON_TOP_LEVEL)
  set(CMAKE_BUILD_TYPE RelWithDebInfo CACHE STRING "Build type" FORCE)
endif()

if(PHARMAKON_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

if(PHARMAKON_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

# Fuzzing: every target (the library included) is instrumented for libFuzzer's coverage, with ASan and UBSan.
if(PHARMAKON_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "PHARMAKON_BUILD_FUZZERS needs clang (libFuzzer); configure with CMAKE_CXX_COMPILER=clang++")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link,address,undefined -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()

function(pharmakon_warnings target)
  if(CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow=local -Wnon-virtual-dtor)
    if(PHARMAKON_WERROR)
      target_compile_options(${target} PRIVATE -Werror)
    endif()
  endif()
endfunction()
