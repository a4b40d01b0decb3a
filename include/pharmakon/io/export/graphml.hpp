#pragma once
/// \file graphml.hpp
/// GraphML (opens in Cytoscape, Gephi, yEd, networkx, igraph): the whole knowledge base or the neighbourhood of
/// some entities; nodes keyed by pharmakon id (kind, name, concept kind, identifiers), edges with relation, label,
/// action, best affinity, evidence tier, negation, note and sources; every attribute with a `<default>`.

#include <filesystem>
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

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "graphml-inl.hpp"
#endif
