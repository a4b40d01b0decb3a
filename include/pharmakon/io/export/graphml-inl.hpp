// The GraphML exporter (io layer), on the public graph API.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "graphml-inl.hpp holds the out-of-line definitions of graphml.hpp: include graphml.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <vector>

#include <boost/range/iterator_range.hpp>

#include "detail/escape.hpp"
#include "graphml.hpp"
#include "writer.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

PHARMAKON_FUNC void export_graphml(knowledge_base const& kb, std::filesystem::path const& path,
                                   graphml_options const& opts) {
  using detail::exporter::xml_escape;
  auto const& g = kb.graph();
  auto const total = std::uint32_t(num_vertices(g));
  // which vertices to write
  std::vector<char> keep(total, opts.around.empty() ? 1 : 0);
  if (!opts.around.empty()) {
    std::vector<std::uint32_t> frontier;
    for (auto n : opts.around) {
      auto v = kb.vertex(n);
      if (v < total && !keep[v]) {
        keep[v] = 1;
        frontier.push_back(v);
      }
    }
    auto visit = [&](std::uint32_t w, std::vector<std::uint32_t>& next) {
      if (!keep[w]) keep[w] = 1, next.push_back(w);
    };
    for (unsigned r = 0; r < opts.radius; ++r) {
      std::vector<std::uint32_t> next;
      for (auto v : frontier) {
        for (auto e : boost::make_iterator_range(out_edges(v, g))) visit(std::uint32_t(boost::target(e, g)), next);
        for (auto e : boost::make_iterator_range(in_edges(v, g))) visit(std::uint32_t(boost::source(e, g)), next);
      }
      frontier = std::move(next);
    }
  }
  atomic_files files;
  auto& out = files.open(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  // every attribute has a default, so a reader (networkx, igraph, Gephi) sees each one on every node or edge
  struct key {
    char const* id;
    char const* for_;
    char const* name;
    char const* type;
    char const* fallback;
  };
  static constexpr key keys[] = {
      {"n_name", "node", "name", "string", ""},
      {"n_kind", "node", "kind", "string", ""},
      {"n_id", "node", "pharmakon_id", "string", ""},  // the node's id too, for readers that renumber nodes
      {"n_concept", "node", "concept_kind", "string", ""},
      {"n_xref", "node", "identifiers", "string", ""},
      {"e_rel", "edge", "relation", "string", ""},
      {"e_label", "edge", "label", "string", ""},
      {"e_action", "edge", "action", "string", ""},
      {"e_pmax", "edge", "best_p_affinity", "double", "NaN"},
      {"e_tier", "edge", "evidence_tier", "string", ""},
      {"e_neg", "edge", "negated", "boolean", "false"},
      {"e_note", "edge", "note", "string", ""},
      {"e_src", "edge", "sources", "string", ""}};
  for (auto const& k : keys)
    out << detail::format("  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"><default>{}</default></key>\n",
                       k.id, k.for_, k.name, k.type, k.fallback);
  out << detail::format("  <graph id=\"{}\" edgedefault=\"directed\">\n", xml_escape(kb.name()));
  // nodes are keyed by their pharmakon id (unique in a knowledge base), edges by their claim's index
  auto node_key = [&](std::uint32_t v) { return xml_escape(kb.base(kb.node(v)).id); };
  for (std::uint32_t v = 0; v < total; ++v) {
    if (!keep[v]) continue;
    auto n = kb.node(v);
    auto const& e = kb.base(n);
    out << detail::format("    <node id=\"{0}\"><data key=\"n_name\">{1}</data><data key=\"n_kind\">{2}</data>"
                       "<data key=\"n_id\">{0}</data>",
                       node_key(v), xml_escape(e.name), to_string(n.kind()));
    if (n.kind() == node_kind::concept_node)
      out << detail::format("<data key=\"n_concept\">{}</data>", xml_escape(kb.get(*n.as<concept_node>()).kind_label));
    if (!e.ids.empty()) {
      std::string x;
      for (auto const& i : e.ids) x += (x.empty() ? "" : " ") + i.scheme + ":" + i.value;
      out << detail::format("<data key=\"n_xref\">{}</data>", xml_escape(x));
    }
    out << "</node>\n";
  }
  for (std::uint32_t v = 0; v < total; ++v) {
    if (!keep[v]) continue;
    for (auto edge : boost::make_iterator_range(out_edges(v, g))) {
      auto to = std::uint32_t(boost::target(edge, g));
      if (!keep[to]) continue;
      auto c = std::uint32_t(get(boost::edge_index, g, edge));
      auto cv = kb.claim(claim_id{c});
      out << detail::format("    <edge id=\"e{}\" source=\"{}\" target=\"{}\"><data key=\"e_rel\">{}</data>", c, node_key(v),
                         node_key(to), to_string(cv.kind()));
      if (cv.kind() == relation_kind::related)
        out << detail::format("<data key=\"e_label\">{}</data>", xml_escape(kb.claim_as<rel::related>(cv.id())->payload().label));
      if (cv.kind() == relation_kind::acts_on) {
        auto const& a = kb.claim_as<rel::acts_on>(cv.id())->payload();
        out << detail::format("<data key=\"e_action\">{}</data>", to_string(a.type));
        if (auto p = a.best_p_affinity()) out << detail::format("<data key=\"e_pmax\">{}</data>", *p);
      }
      out << detail::format("<data key=\"e_tier\">{}</data>", to_string(cv.tier()));
      if (cv.negated()) out << "<data key=\"e_neg\">true</data>";
      if (!cv.note().empty()) out << detail::format("<data key=\"e_note\">{}</data>", xml_escape(cv.note()));
      std::string srcs;
      for (auto s : cv.sources()) srcs += (srcs.empty() ? "" : " ") + kb.get(s).id;
      out << detail::format("<data key=\"e_src\">{}</data></edge>\n", xml_escape(srcs));
    }
  }
  out << "  </graph>\n</graphml>\n";
  files.commit();
}

}  // namespace pharmakon
