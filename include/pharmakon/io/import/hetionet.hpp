#pragma once
/// \file hetionet.hpp
/// Imports Hetionet v1.0 (Himmelstein et al., eLife 2017, doi:10.7554/eLife.26726): the node table
/// (`id name kind`, TSV) and an edge list (`source metaedge target`, SIF), each plain or gzipped.
///
/// What fits the model becomes typed (Compound → drug with its DrugBank id, Gene → gene and, when a compound
/// binds it, a target encoded by it, Disease → condition, Side Effect → effect; Compound–binds–Gene → acts_on,
/// Compound–treats/palliates–Disease → indicated_for, Compound–causes–Side Effect → produces). Every other node
/// becomes a `concept_node` keeping its Hetionet kind, and every other edge a `related` claim keeping its verb:
/// nothing is dropped. Every imported claim cites one source, the Hetionet v1.0 dataset (kind `database`).
/// Details and the full mapping: docs/import-export.md.

#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "../../config.hpp"
#include "options.hpp"

namespace pharmakon {

/// Imports a Hetionet node table and edge list (in either order: the header line tells them apart).
/// Never throws for bad input: problems are diagnostics, and then there is no knowledge base.
PHARMAKON_API PHARMAKON_FUNC import_result try_import_hetionet(std::span<std::filesystem::path const> files,
                                                 import_options const& opts = {});
inline import_result try_import_hetionet(std::filesystem::path const& nodes, std::filesystem::path const& edges,
                                         import_options const& opts = {}) {
  std::filesystem::path files[] = {nodes, edges};
  return try_import_hetionet(std::span<std::filesystem::path const>(files), opts);
}
/// Like `try_import_hetionet`, but throws `load_error`.
inline knowledge_base import_hetionet(std::filesystem::path const& nodes, std::filesystem::path const& edges,
                                      import_options const& opts = {}) {
  return try_import_hetionet(nodes, edges, opts).value_or_throw();
}

/// The pharmakon id the importer gives a Hetionet node ("Compound::DB00704" → "drug:DB00704",
/// "Biological Process::GO:0000002" → "concept:Biological_Process::GO:0000002"); nullopt if it is not of the form
/// `Kind::id`.
PHARMAKON_API PHARMAKON_FUNC std::optional<std::string> hetionet_pharmakon_id(std::string_view hetionet_id);

/// The Hetionet version in a file name ("hetionet-v1.0-nodes.tsv"): "1.0"; else "".
PHARMAKON_API PHARMAKON_FUNC std::string hetionet_release(std::string_view name);

/// The id of the source every imported Hetionet claim cites.
inline constexpr std::string_view hetionet_source_id = "src:hetionet:v1.0";

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "hetionet-inl.hpp"
#endif
