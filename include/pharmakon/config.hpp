#pragma once
/// \file config.hpp
/// Build-mode switches. pharmakon is header-centric: small functions live in the headers; larger
/// out-of-line definitions live beside their header in `X-inl.hpp`, compiled once into the library (`pharmakon::pharmakon`), or
/// included by the headers when `PHARMAKON_HEADER_ONLY` is defined (`pharmakon::header_only`).

#define PHARMAKON_VERSION_MAJOR 0
#define PHARMAKON_VERSION_MINOR 1
#define PHARMAKON_VERSION_PATCH 0
#define PHARMAKON_VERSION_STRING "0.1.0"

#ifdef PHARMAKON_HEADER_ONLY
#  define PHARMAKON_FUNC inline
#else
#  define PHARMAKON_FUNC
#endif

// Out-of-line definitions are pulled into a header-only build by each header that needs them.
#if defined(PHARMAKON_HEADER_ONLY) || defined(PHARMAKON_IMPLEMENTATION)
#  define PHARMAKON_INCLUDE_IMPL 1
#endif
