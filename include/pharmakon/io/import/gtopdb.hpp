#pragma once
/// \file gtopdb.hpp
/// Imports the IUPHAR/BPS Guide to PHARMACOLOGY (GtoPdb) download tables (interactions, ligands, peptides,
/// targets); docs/import-export.md#iupharbps-guide-to-pharmacology maps every column.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports GtoPdb tables. Never throws for bad input.
PHARMAKON_API PHARMAKON_FUNC import_result try_import_gtopdb(std::span<std::filesystem::path const> files,
                                               import_options const& opts = {});
/// Like `try_import_gtopdb`, but throws `load_error`.
inline knowledge_base import_gtopdb(std::span<std::filesystem::path const> files, import_options const& opts = {}) {
  return try_import_gtopdb(files, opts).value_or_throw();
}

/// The GtoPdb release in a file or folder name ("gtopdb-2020.5-interactions.csv", "2020-5") or in the comment line
/// GtoPdb puts before a download's header ("# GtoPdb Version: 2020.5 - published: ..."): "2020.5"; else "".
/// GtoPdb numbers releases by year and issue (2020.5 is 2020's fifth).
PHARMAKON_API PHARMAKON_FUNC std::string gtopdb_release(std::string_view text);

/// GtoPdb's HTML in names as plain UTF-8: tags dropped, entities (`&alpha;`, `&reg;`, `&#945;`) decoded.
PHARMAKON_API PHARMAKON_FUNC std::string gtopdb_plain_text(std::string_view html);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "gtopdb-inl.hpp"
#endif
