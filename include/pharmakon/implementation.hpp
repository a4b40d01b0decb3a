#pragma once
/// \file implementation.hpp
/// Compiles pharmakon's out-of-line definitions into the translation unit that includes it. Include it in
/// exactly one `.cpp` of a program, before any other pharmakon header, to use the library from its headers
/// without building or linking `libpharmakon` (the stb / toml++ `TOML_IMPLEMENTATION` pattern):
///
///     // pharmakon_impl.cpp, the one place the library's code is compiled
///     #include <pharmakon/implementation.hpp>
///
/// Every other file includes `<pharmakon/pharmakon.hpp>` (or a narrower header) and sees declarations only, so
/// it compiles as fast as against the compiled library. CMake's `pharmakon::header_only` target does exactly
/// this: it adds `src/pharmakon.cpp`, the same two lines, to the sources of the target that links it.
///
/// (`PHARMAKON_HEADER_ONLY`, by contrast, makes every definition inline in every translation unit: no second
/// file at all, but each file that includes pharmakon then compiles all of it; benchmarks/RESULTS.md,
/// *Compiling a host program*.)

#if defined(PHARMAKON_CONFIG_INCLUDED) && !defined(PHARMAKON_IMPLEMENTATION)
#  error "include <pharmakon/implementation.hpp> before any other pharmakon header of this file"
#endif
#if defined(PHARMAKON_HEADER_ONLY)
#  error "<pharmakon/implementation.hpp> compiles the definitions once; PHARMAKON_HEADER_ONLY already inlines them everywhere: use one or the other"
#endif
#ifndef PHARMAKON_IMPLEMENTATION
#  define PHARMAKON_IMPLEMENTATION
#endif
#include <pharmakon/pharmakon.hpp>
