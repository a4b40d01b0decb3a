#pragma once
/// \file chembl.hpp
/// Imports ChEMBL drug mechanisms: a `drug_mechanism` table as CSV (header `drug_internal_id, drug_id, drug_name,
/// mechanism_id, mechanism_of_action, action_type, target_internal_id, target_id, target_name,
/// direct_interaction, molecular_mechanism, disease_efficacy, mechanism_comment, selectivity_comment`; required)
/// and, if given, a drug table (`drug_internal_id, drug_id, drug_name, smile`) for the drugs' preferred names.
/// Files are told apart by their header, plain or gzipped.
///
/// Each drug becomes a `drug` (`drug:chembl:CHEMBL19019`, identifier `chembl`), each ChEMBL target a `target`
/// (`target:chembl:CHEMBL2095181`, identifier `chembl`). Each mechanism row with a target becomes an `acts_on`
/// claim whose action is ChEMBL's `action_type` mapped by `from_chembl()` (a type with no counterpart, or none, is
/// `other`, the original kept in the note) and whose note is the mechanism text, with the comments and the flags
/// that are not 1. A row without a target (e.g. "Osmotic diuretic") becomes a `related` claim ("mechanism") from the
/// drug to a concept named by the mechanism text, so no row is dropped. Every claim cites the drug's ChEMBL record
/// (`src:chembl:CHEMBL19019`, kind database; the release is taken from a file name such as `chembl36-…`);
/// ChEMBL's mechanism references are not in these tables, and no PubMed id or DOI is made up for them.

#include <filesystem>
#include <span>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports ChEMBL drug-mechanism tables. Never throws for bad input.
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
