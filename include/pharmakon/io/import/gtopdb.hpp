#pragma once
/// \file gtopdb.hpp
/// Imports the IUPHAR/BPS Guide to PHARMACOLOGY (GtoPdb) download tables: `interactions.csv` (required) and,
/// if given, `ligands.csv` / `peptides.csv` (names, synonyms, PubChem CID, InChIKey) and
/// `targets_and_families.csv` (target type and family, the human gene). Files are told apart by their header.
///
/// Each ligand becomes a `drug` (pharmakon has one ligand kind), each target a `target` (a ligand that is itself a
/// target, e.g. of an antibody, too), each human gene of a target a `gene` it is `encoded_by`. Each interaction row
/// becomes an `acts_on` claim: its action (GtoPdb `action`, else `type`) and modality, its affinity (pKi, pIC50,
/// pKd, pEC50; median or low–high; species) and, as sources, its PubMed ids and the ligand's GtoPdb page.
/// What the model has no field for (pKB and pA2 values, a `>` or `<` bound, an action such as "Slows inactivation",
/// primary-target and endogenous flags) is kept in the claim's note. Names lose GtoPdb's HTML (`&mu;` → μ).

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
