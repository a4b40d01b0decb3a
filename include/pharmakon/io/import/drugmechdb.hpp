#pragma once
/// \file drugmechdb.hpp
/// Imports DrugMechDB (Gonzalez-Cavazos et al., Scientific Data 2023, doi:10.1038/s41597-023-02534-z; CC0): curated
/// drug → target → process → disease paths, one YAML file per indication path (`graph`, `nodes`, `links`,
/// `references`, `comment`), as in the repository's `kb/paths/` folder. Paths are read one file at a time.
///
/// Nodes become entities: `Drug` → drug (DrugBank and MeSH ids), `Protein` → target (UniProt), `Disease` →
/// condition (MeSH), every other label (BiologicalProcess, ChemicalSubstance, PhenotypicFeature, ...) a
/// `concept_node` keeping the label. Every node keeps its CURIE as identifier `drugmechdb` and, where the prefix
/// maps to a scheme pharmakon knows (DB → drugbank, UniProt → uniprot, MESH → mesh, GO → go, CHEBI → chebi, UBERON →
/// uberon), that identifier too, by which it merges into an entity of the base (`import_options::base`).
///
/// Each link becomes a `related` claim keeping DrugMechDB's predicate ("decreases activity of", "positively
/// correlated with", ...): DrugMechDB's verbs do not say which action a drug has at a target (antagonist, inverse
/// agonist, inhibitor), so no `acts_on` action is made up from them; `path_agreement_of` (answers/paths.hpp)
/// compares the first hops with the knowledge base's actions. Every claim of a path cites the path itself — source
/// `src:path:drugmechdb:<_id>` (kind database, the DrugMechDB article's DOI) — and the path's references (PubMed
/// ids, DOIs, URLs). The path's `comment` is the note of its claims. `mechanism_of` reassembles the paths.

#include <filesystem>
#include <span>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports DrugMechDB path files; a directory among `paths` stands for its `*.yaml` files (sorted by name, without
/// DrugMechDB's `_index.yaml`). All or nothing; never throws for bad input (diagnostics with file:line:column).
PHARMAKON_API PHARMAKON_FUNC import_result try_import_drugmechdb(std::span<std::filesystem::path const> paths,
                                                                 import_options const& opts = {});
/// Like `try_import_drugmechdb`, but throws `load_error`.
inline knowledge_base import_drugmechdb(std::span<std::filesystem::path const> paths, import_options const& opts = {}) {
  return try_import_drugmechdb(paths, opts).value_or_throw();
}

/// The prefix of the sources the importer makes for DrugMechDB paths (followed by the path's `_id`).
inline constexpr std::string_view drugmechdb_path_source_prefix = "src:path:drugmechdb:";

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "drugmechdb-inl.hpp"
#endif
