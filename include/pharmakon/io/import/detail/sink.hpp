// Where the importers' problems go (io layer, internal): diagnostics collected up to a limit, values quoted as the
// knowledge-base loader quotes them.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/sink.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "../../../error.hpp"
#include "../../kb_file/loader.hpp"

namespace pharmakon::detail::import {

/// A value for "found …": quoted, control characters escaped, cut at 80 bytes (the loader's convention, so an
/// importer's diagnostics read like a knowledge-base file's).
using detail::load::quote_value;

/// Collects diagnostics up to a limit.
struct sink {
  std::vector<diagnostic> diags;
  std::size_t max = 50;
  bool full() const { return diags.size() >= max; }
  void add(errc code, std::string const& path, std::uint64_t line, std::uint64_t column, std::string expected,
           std::string found) {
    if (full()) return;
    diags.push_back({code,
                     source_region::at(path, std::uint32_t(std::min<std::uint64_t>(line, 0xFFFFFFFFu)),
                                       std::uint32_t(std::min<std::uint64_t>(column, 0xFFFFFFFFu))),
                     std::move(expected), std::move(found)});
  }
};

}  // namespace pharmakon::detail::import
