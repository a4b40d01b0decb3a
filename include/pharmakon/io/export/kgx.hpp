#pragma once
/// \file export_kgx.hpp
/// Writes a knowledge base as KGX TSV (the Biolink-model exchange format of the biomedical knowledge-graph
/// community): `PREFIX_nodes.tsv`, `PREFIX_edges.tsv`, and `PREFIX_pharmakon.json` (the knowledge base's name
/// and version), Biolink-conformant: node ids are CURIEs with Biolink-registered prefixes from the identifiers
/// (`UniProtKB:P35372`; `pharmakon:ID` if none), concrete categories, the most specific predicates with qualifiers,
/// `knowledge_level`, `agent_type` and the `infores:` of each source. Every pharmakon field has a column of its own
/// (`pharmakon_id`, `pharmakon_kind`, `pharmakon_relation`, `action`, `sources`, ...) so that
/// `import_kgx(export_kgx(kb))` gives back the same knowledge base (same content hash). Sources are nodes too
/// (JournalArticle, DrugLabel, Dataset, Publication), cited by `sources`; `publications` lists PMIDs and DOIs.
/// Text is escaped so that no field holds a tab, a line end or (in lists) a `|`: `%09 %0A %0D %7C`, and `%25`
/// for `%`. Details: docs/import-export.md.

#include <filesystem>
#include <string>

#include "../../config.hpp"
#include "../../graph/knowledge_base.hpp"

namespace pharmakon {

/// The three files `export_kgx` writes for a prefix.
struct kgx_paths {
  std::filesystem::path nodes, edges, meta;
  explicit kgx_paths(std::filesystem::path const& prefix)
      : nodes(prefix.string() + "_nodes.tsv"), edges(prefix.string() + "_edges.tsv"),
        meta(prefix.string() + "_pharmakon.json") {}
};

/// Writes PREFIX_nodes.tsv, PREFIX_edges.tsv and PREFIX_pharmakon.json (each through a temporary file and a
/// rename). Throws `error` (errc::io) if a file cannot be written.
PHARMAKON_API PHARMAKON_FUNC void export_kgx(knowledge_base const& kb, std::filesystem::path const& prefix);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "kgx-inl.hpp"
#endif
