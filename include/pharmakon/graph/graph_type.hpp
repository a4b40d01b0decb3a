#pragma once
/// \file graph_type.hpp
/// The Boost graph type behind a knowledge base (`knowledge_base::graph()`), and its bundled properties. BGL
/// algorithms run on it and on `boost::filtered_graph` views of it.

#include <cstdint>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "../model/enums.hpp"

namespace pharmakon {

/// Bundled vertex property: the node's kind and its index among the nodes of that kind.
struct vertex_bundle {
  node_kind kind = node_kind::concept_node;
  std::uint32_t index = 0;
};
/// Bundled edge property: the relation kind. The edge's index (`get(boost::edge_index, g, e)`, or `e.idx`) is
/// the index of the claim it stands for (`knowledge_base::claim(claim_id{idx})`), so the bundle stays one byte.
struct edge_bundle {
  relation_kind kind = relation_kind::related;
};

/// The Boost graph type behind a knowledge base; BGL algorithms run on it (and on `filtered_graph` views).
using graph_type = boost::compressed_sparse_row_graph<boost::bidirectionalS, vertex_bundle, edge_bundle,
                                                      boost::no_property, std::uint32_t, std::uint32_t>;
using vertex_type = graph_type::vertex_descriptor;

}  // namespace pharmakon
