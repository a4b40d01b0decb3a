#pragma once
/// \file config.hpp
/// Build-mode switches. pharmakon is header-centric: small functions live in the headers; larger
/// out-of-line definitions live beside their header in `X-inl.hpp`, compiled once into the library (`pharmakon::pharmakon`), or
/// compiled by the one host file that includes `<pharmakon/implementation.hpp>` (`pharmakon::header_only`), or
/// included by every header when `PHARMAKON_HEADER_ONLY` is defined (all of it inline, in every file).

#define PHARMAKON_CONFIG_INCLUDED 1  // lets <pharmakon/implementation.hpp> check it comes first

#define PHARMAKON_VERSION_MAJOR 0
#define PHARMAKON_VERSION_MINOR 1
#define PHARMAKON_VERSION_PATCH 0
#define PHARMAKON_VERSION_STRING "0.1.0"

#ifdef PHARMAKON_HEADER_ONLY
#  define PHARMAKON_FUNC inline
#else
#  define PHARMAKON_FUNC
#endif

/// `PHARMAKON_API` marks what the compiled library exports: the declarations of its out-of-line functions and
/// the classes with out-of-line members or thrown across its boundary. The library is built with hidden
/// visibility (CMake's `CXX_VISIBILITY_PRESET hidden`), so everything else stays internal to it, as fmt does
/// with `FMT_API`. On Windows a shared build exports (`PHARMAKON_LIB_EXPORT`, set while building it) or imports
/// (`PHARMAKON_SHARED`, set for its consumers by the CMake target). In a header-only build it is empty.
#if defined(PHARMAKON_HEADER_ONLY)
#  define PHARMAKON_API
#elif defined(_WIN32)
#  if defined(PHARMAKON_LIB_EXPORT)
#    define PHARMAKON_API __declspec(dllexport)
#  elif defined(PHARMAKON_SHARED)
#    define PHARMAKON_API __declspec(dllimport)
#  else
#    define PHARMAKON_API
#  endif
#elif defined(__GNUC__) || defined(__clang__)
#  define PHARMAKON_API __attribute__((visibility("default")))
#else
#  define PHARMAKON_API
#endif

// Out-of-line definitions are pulled into a header-only build by each header that needs them.
#if defined(PHARMAKON_HEADER_ONLY) || defined(PHARMAKON_IMPLEMENTATION)
#  define PHARMAKON_INCLUDE_IMPL 1
#endif
