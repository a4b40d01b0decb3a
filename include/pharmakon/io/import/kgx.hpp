#pragma once
/// \file kgx.hpp
/// Imports KGX TSV (Biolink-model nodes and edges files, plain or gzipped), the format `export_kgx` writes and
/// that the NCATS Translator and Monarch knowledge graphs are distributed in.
///
/// With pharmakon's own columns (`pharmakon_id`, `pharmakon_kind`, `pharmakon_relation`, ...), the import is exact
/// (edges written turned round are turned back by export/detail/biolink.hpp). Without them, a node's kind comes from
/// its Biolink category (biolink:Drug, biolink:SmallMolecule, biolink:ChemicalEntity → drug; biolink:Protein →
/// target; biolink:Gene → gene; biolink:SequenceVariant → variant; biolink:Disease → condition;
/// biolink:PhenotypicFeature → effect; anything else a concept keeping its category), its pharmakon id is the
/// kind prefix and its KGX id (`CHEBI:6807` → `drug:CHEBI:6807`, also `kgx:CHEBI:6807`), xrefs identifiers, and an
/// edge's relation comes from its predicate and end kinds (biolink:treats drug → condition is indicated_for, ...;
/// anything else `related` with the predicate as its label). Every claim gets a source: its `sources`, else its
/// `publications` (PMID:… → a research source), else its knowledge source (infores:…), else the file.
/// The files are told apart by their header; `PREFIX_pharmakon.json` next to the nodes file supplies the name and
/// version.

#include <filesystem>
#include <span>

#include "../../config.hpp"
#include "../export/kgx.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports KGX TSV files (a nodes file, an edges file, optionally the `_pharmakon.json` metadata).
PHARMAKON_API PHARMAKON_FUNC import_result try_import_kgx(std::span<std::filesystem::path const> files,
                                            import_options const& opts = {});
/// Imports PREFIX_nodes.tsv and PREFIX_edges.tsv (and PREFIX_pharmakon.json if it is there).
inline import_result try_import_kgx(std::filesystem::path const& prefix, import_options const& opts = {}) {
  kgx_paths p(prefix);
  std::vector<std::filesystem::path> files{p.nodes, p.edges};
  return try_import_kgx(std::span<std::filesystem::path const>(files), opts);
}
/// Like `try_import_kgx`, but throws `load_error`.
inline knowledge_base import_kgx(std::filesystem::path const& prefix, import_options const& opts = {}) {
  return try_import_kgx(prefix, opts).value_or_throw();
}

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "kgx-inl.hpp"
#endif
