#pragma once
/// \file export_graph.hpp
/// Exports for graph tools:
/// - GraphML (opens in Cytoscape, Gephi, yEd, networkx, igraph): the whole knowledge base or the neighbourhood of
///   some entities, with node kind, name, pharmakon id and identifiers, and edge relation, action, best affinity,
///   evidence tier, negation, note and sources as attributes;
/// - Graphviz DOT of a drug's mechanism neighbourhood (its targets with actions and affinities, their genes, the
///   effects it produces, blocks or reduces and the targets that mediate them, its indications and warnings):
///   `dot -Tsvg naltrexone.dot > naltrexone.svg`;
/// - the CSV files of `neo4j-admin database import` (one file per node kind and per relation, and the command that
///   loads them), for graphs that outgrow one machine; see docs/neo4j.md.

#include <filesystem>
#include <string>
#include <vector>

#include "../../config.hpp"
#include "../../graph/knowledge_base.hpp"

namespace pharmakon {

struct graphml_options {
  /// Only these entities and everything within `radius` hops of them (in either direction); empty: everything.
  std::vector<any_node> around;
  unsigned radius = 1;
};

/// Writes GraphML to `path` (temporary file + rename). Throws `error` (errc::io).
PHARMAKON_API PHARMAKON_FUNC void export_graphml(knowledge_base const& kb, std::filesystem::path const& path,
                                   graphml_options const& opts = {});

struct dot_options {
  bool show_sources = false;    ///< cite the sources (as [n] references) on each edge
  bool show_negated = true;     ///< draw claims the sources deny, dotted
  bool show_genes = true;       ///< the genes encoding the targets
  bool show_effects = true;     ///< effects and the targets that mediate them
  bool show_indications = true; ///< conditions and warnings
};

/// The mechanism neighbourhood of `d` as Graphviz DOT text.
PHARMAKON_API PHARMAKON_FUNC std::string mechanism_dot(knowledge_base const& kb, drug_id d, dot_options const& opts = {});

/// Writes the files `neo4j-admin database import full` reads into directory `dir` (created if needed): one nodes
/// CSV per node kind and one for the sources, one relationships CSV per relation kind, and `import.sh` with the
/// command. Returns the files written. Throws `error` (errc::io).
PHARMAKON_API PHARMAKON_FUNC std::vector<std::filesystem::path> export_neo4j(knowledge_base const& kb,
                                                               std::filesystem::path const& dir);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "graph-inl.hpp"
#endif
