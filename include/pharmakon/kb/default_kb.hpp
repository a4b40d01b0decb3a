#pragma once
/// \file default_kb.hpp
/// The curated opioid-system knowledge base that ships inside the library (data/*.toml, compiled in at build
/// time). Every answer reports its name, version and content hash.

#include <string_view>
#include <vector>

#include "../config.hpp"
#include "../graph/knowledge_base.hpp"
#include "../io/kb_file/loader.hpp"

namespace pharmakon {

/// The embedded knowledge base. Loaded once, on first use (thread-safe), from a binary snapshot of data/*.toml made
/// at build time (~0.1 ms); later calls return the same object.
/// Throws `load_error` only if the embedded files are invalid, which the test suite rules out.
PHARMAKON_API PHARMAKON_FUNC knowledge_base const& default_kb();

/// The embedded knowledge-base files, as documents (e.g. to load them together with your own files).
PHARMAKON_API PHARMAKON_FUNC std::vector<document> default_documents();

#ifndef PHARMAKON_NO_EMBEDDED_KB
/// Loads `paths` on top of the embedded knowledge base (or alone, with `with_default` = false).
inline load_result try_load_with_default(std::span<std::filesystem::path const> paths, bool with_default = true) {
  return try_load_files(paths, with_default ? &default_kb() : nullptr);
}
#endif

}  // namespace pharmakon

// PHARMAKON_NO_EMBEDDED_KB: only the build-time tool that makes the embedded snapshot (cmake/kb-snapshot.cpp)
#if defined(PHARMAKON_INCLUDE_IMPL) && !defined(PHARMAKON_NO_EMBEDDED_KB)
#  include "default_kb-inl.hpp"
#endif
