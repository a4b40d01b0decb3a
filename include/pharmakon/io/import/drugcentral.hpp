#pragma once
/// \file drugcentral.hpp
/// Imports DrugCentral's drug–target interaction download (`drug.target.interaction.tsv.gz`: tab-separated,
/// quoted fields, header `DRUG_NAME STRUCT_ID TARGET_NAME TARGET_CLASS ACCESSION GENE SWISSPROT ACT_VALUE ACT_UNIT
/// ACT_TYPE ACT_COMMENT ACT_SOURCE RELATION MOA MOA_SOURCE ACT_SOURCE_URL MOA_SOURCE_URL ACTION_TYPE TDL
/// ORGANISM`), plain or gzipped.
///
/// Each structure becomes a `drug` (`drug:drugcentral:1765`, identifier `drugcentral`); each target a `target`
/// (`target:drugcentral:P41143`, identifiers `uniprot` for each of its accessions — a complex or family lists
/// several), with a `gene` per gene symbol it is `encoded_by`. Each row becomes one `acts_on` claim: ACTION_TYPE
/// in ChEMBL's vocabulary (`from_chembl()`, plus ANTIBODY BINDING → binding_agent, GATING INHIBITOR → inhibitor,
/// ALLOSTERIC MODULATOR → modulator, allosteric; anything else, or none, is `other`); ACT_VALUE with ACT_TYPE Ki, Kd,
/// IC50 or EC50 is an affinity pKi, pKd, pIC50 or pEC50 (DrugCentral gives activities as -log10 molar), any other
/// ACT_TYPE stays in the note with its value. Sources: the drug's DrugCentral page, and ACT_SOURCE_URL and
/// MOA_SOURCE_URL (a PubMed URL is a PubMed source, a DOI URL a DOI source, a GtoPdb ligand or ChEMBL compound
/// page that database's record, other URLs a source of the kind ACT_SOURCE/MOA_SOURCE names: DRUG LABEL → label,
/// SCIENTIFIC LITERATURE → research, the databases → database).
///
/// Merging (`import_options::base`): drugs by `drugcentral` identifier, or by the ChEMBL id of the ChEMBL compound
/// page DrugCentral links (when that id belongs to this structure alone); targets with one accession by `uniprot`;
/// human genes by symbol.

#include <filesystem>
#include <span>
#include <string>
#include <string_view>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports DrugCentral drug–target interaction files. Never throws for bad input.
PHARMAKON_API PHARMAKON_FUNC import_result try_import_drugcentral(std::span<std::filesystem::path const> files,
                                                    import_options const& opts = {});
/// Like `try_import_drugcentral`, but throws `load_error`.
inline knowledge_base import_drugcentral(std::span<std::filesystem::path const> files,
                                         import_options const& opts = {}) {
  return try_import_drugcentral(files, opts).value_or_throw();
}

/// The DrugCentral release in a file or folder name: DrugCentral names its download folders by release date
/// ("2021_09_01/drug.target.interaction.tsv.gz"), as "2021-09-01"; else "".
PHARMAKON_API PHARMAKON_FUNC std::string drugcentral_release(std::string_view text);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#include "drugcentral-inl.hpp"
#endif
