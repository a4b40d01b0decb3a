#pragma once
/// \file chembl.hpp
/// Imports ChEMBL drug mechanisms; docs/import-export.md#chembl-drug-mechanisms maps every column.
#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// The ChEMBL release a file name names: "chembl36-drug_mechanism.csv", "chembl_35_...": "36", "35"; else "".
PHARMAKON_API PHARMAKON_FUNC std::string chembl_release(std::string_view name);

/// Imports a ChEMBL `drug_mechanism` table (required) and a drug table (`drug_id, drug_name, smile`: preferred
/// names, and which compound is a salt of which), CSV, plain or gzipped, told apart by their header. A row with a
/// target is an `acts_on` claim (ChEMBL's `action_type` through `from_chembl()`), one without a `related` claim to
/// a concept named by its mechanism; each cites the drug's ChEMBL record and nothing made up. A salt form
/// (IMATINIB MESYLATE) is its parent's drug (IMATINIB, CHEMBL941) where the drug table says so. The version is the
/// release a file or folder name gives (`chembl_release()`), else `opts.version`, else "unknown". Never throws for
/// bad input.
PHARMAKON_API PHARMAKON_FUNC import_result try_import_chembl(std::span<std::filesystem::path const> files,
                                               import_options const& opts = {});
/// Like `try_import_chembl`, but throws `load_error`.
inline knowledge_base import_chembl(std::span<std::filesystem::path const> files, import_options const& opts = {}) {
  return try_import_chembl(files, opts).value_or_throw();
}

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#include "chembl-inl.hpp"
#endif
