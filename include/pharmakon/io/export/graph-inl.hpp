// GraphML, Graphviz DOT and Neo4j exports (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "graph-inl.hpp holds the out-of-line definitions of graph.hpp: include graph.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cctype>
#include <map>
#include <memory>
#include <set>

#include "writer.hpp"
#include "graph.hpp"

namespace pharmakon {

namespace detail::graph_export {

/// "acts_on" → "ACTS_ON"; anything else → letters, digits and '_' in upper case.
inline std::string rel_type(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? char(std::toupper(u)) : '_';
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "R_" + out;
  return out;
}
/// "Biological Process" → "BiologicalProcess" (a Neo4j label).
inline std::string label_of(std::string_view s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += up ? char(std::toupper(u)) : c;
      up = false;
    } else {
      up = true;
    }
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "K" + out;
  return out;
}
inline std::string capitalised(node_kind k) {
  if (k == node_kind::concept_node) return "Concept";
  return label_of(to_string(k));
}

/// A short text for an action: "antagonist, competitive, pKi 9.4".
inline std::string action_text(action const& a) {
  std::string out(to_string(a.type));
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (a.modality != modality::unknown) out += fmt::format(", {}", to_string(a.modality));
  if (auto p = a.best_p_affinity()) out += fmt::format(", p{:.1f}", *p);
  return out;
}

}  // namespace detail::graph_export

PHARMAKON_FUNC void export_graphml(knowledge_base const& kb, std::filesystem::path const& path,
                                   graphml_options const& opts) {
  using detail::exporter::xml_escape;
  auto const& st = detail::state_of(kb);
  auto const total = st.vertex_count();
  // which vertices to write
  std::vector<char> keep(total, opts.around.empty() ? 1 : 0);
  if (!opts.around.empty()) {
    std::vector<std::uint32_t> frontier;
    for (auto n : opts.around) {
      auto v = st.vertex_of(n);
      if (v < total && !keep[v]) {
        keep[v] = 1;
        frontier.push_back(v);
      }
    }
    auto const& fw = st.graph.m_forward;
    auto const& bw = st.graph.m_backward;
    for (unsigned r = 0; r < opts.radius; ++r) {
      std::vector<std::uint32_t> next;
      for (auto v : frontier) {
        for (auto c = fw.m_rowstart[v]; c < fw.m_rowstart[v + 1]; ++c)
          if (!keep[fw.m_column[c]]) keep[fw.m_column[c]] = 1, next.push_back(fw.m_column[c]);
        for (auto i = bw.m_rowstart[v]; i < bw.m_rowstart[v + 1]; ++i)
          if (!keep[bw.m_column[i]]) keep[bw.m_column[i]] = 1, next.push_back(bw.m_column[i]);
      }
      frontier = std::move(next);
    }
  }
  detail::exporter::out_file out(path);
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
         "<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\" "
         "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" "
         "xsi:schemaLocation=\"http://graphml.graphdrawing.org/xmlns "
         "http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd\">\n";
  struct key {
    char const* id;
    char const* for_;
    char const* name;
    char const* type;
  };
  static constexpr key keys[] = {
      {"n_name", "node", "name", "string"},       {"n_kind", "node", "kind", "string"},
      {"n_id", "node", "pharmakon_id", "string"}, {"n_concept", "node", "concept_kind", "string"},
      {"n_xref", "node", "identifiers", "string"}, {"e_rel", "edge", "relation", "string"},
      {"e_label", "edge", "label", "string"},     {"e_action", "edge", "action", "string"},
      {"e_pmax", "edge", "best_p_affinity", "double"}, {"e_tier", "edge", "evidence_tier", "string"},
      {"e_neg", "edge", "negated", "boolean"},    {"e_note", "edge", "note", "string"},
      {"e_src", "edge", "sources", "string"}};
  for (auto const& k : keys)
    out << fmt::format("  <key id=\"{}\" for=\"{}\" attr.name=\"{}\" attr.type=\"{}\"/>\n", k.id, k.for_, k.name, k.type);
  out << fmt::format("  <graph id=\"{}\" edgedefault=\"directed\">\n", xml_escape(kb.name()));
  for (std::uint32_t v = 0; v < total; ++v) {
    if (!keep[v]) continue;
    auto n = st.node_of(v);
    auto const& e = st.base_of(n);
    out << fmt::format("    <node id=\"n{}\"><data key=\"n_name\">{}</data><data key=\"n_kind\">{}</data>"
                       "<data key=\"n_id\">{}</data>",
                       v, xml_escape(e.name), to_string(n.kind()), xml_escape(e.id));
    if (n.kind() == node_kind::concept_node)
      out << fmt::format("<data key=\"n_concept\">{}</data>", xml_escape(st.table<concept_node>()[n.index()].kind_label));
    if (!e.ids.empty()) {
      std::string x;
      for (auto const& i : e.ids) x += (x.empty() ? "" : " ") + i.scheme + ":" + i.value;
      out << fmt::format("<data key=\"n_xref\">{}</data>", xml_escape(x));
    }
    out << "</node>\n";
  }
  auto const& fw = st.graph.m_forward;
  for (std::uint32_t v = 0; v < total; ++v) {
    if (!keep[v]) continue;
    for (auto c = fw.m_rowstart[v]; c < fw.m_rowstart[v + 1]; ++c) {
      auto to = fw.m_column[c];
      if (!keep[to]) continue;
      claim_view cv(&st, c, v);
      out << fmt::format("    <edge id=\"e{}\" source=\"n{}\" target=\"n{}\"><data key=\"e_rel\">{}</data>", c, v, to,
                         to_string(cv.kind()));
      if (cv.kind() == relation_kind::related)
        out << fmt::format("<data key=\"e_label\">{}</data>", xml_escape(st.labels[st.claim_payload[c]].label));
      if (cv.kind() == relation_kind::acts_on) {
        auto const& a = st.actions[st.claim_payload[c]];
        out << fmt::format("<data key=\"e_action\">{}</data>", to_string(a.type));
        if (auto p = a.best_p_affinity()) out << fmt::format("<data key=\"e_pmax\">{}</data>", *p);
      }
      out << fmt::format("<data key=\"e_tier\">{}</data>", to_string(cv.tier()));
      if (cv.negated()) out << "<data key=\"e_neg\">true</data>";
      if (!cv.note().empty()) out << fmt::format("<data key=\"e_note\">{}</data>", xml_escape(cv.note()));
      std::string srcs;
      for (auto s : cv.sources()) srcs += (srcs.empty() ? "" : " ") + st.sources[s.index()].id;
      out << fmt::format("<data key=\"e_src\">{}</data></edge>\n", xml_escape(srcs));
    }
  }
  out << "  </graph>\n</graphml>\n";
  out.commit();
}

PHARMAKON_FUNC std::string mechanism_dot(knowledge_base const& kb, drug_id d, dot_options const& opts) {
  using namespace detail::graph_export;
  auto q = [](std::string_view s) {
    std::string out = "\"";
    for (char c : s) {
      if (c == '"' || c == '\\') out += '\\';
      if (c == '\n') {
        out += "\\n";
        continue;
      }
      out += c;
    }
    return out + "\"";
  };
  std::map<std::string, int> refs;  // source id -> [n]
  auto cite = [&](claim_view const& c) {
    if (!opts.show_sources) return std::string();
    std::string out;
    for (auto s : c.sources()) {
      auto [it, fresh] = refs.try_emplace(kb.get(s).id, int(refs.size()) + 1);
      out += fmt::format("[{}]", it->second);
    }
    return out.empty() ? out : " " + out;
  };
  std::string nodes, edges;
  std::set<std::string> seen, drawn;
  auto once = [&](std::string const& from, std::string const& to, std::string_view what) {
    return drawn.insert(from + "\x1f" + to + "\x1f" + std::string(what)).second;
  };
  auto node = [&](any_node n, std::string_view style) {
    auto const& e = kb.base(n);
    if (!seen.insert(e.id).second) return q(e.id);
    std::string label = e.name;
    if (n.kind() == node_kind::target) {
      auto const& t = kb.get(*n.as<target>());
      if (!t.gene_symbol.empty() && t.gene_symbol != t.name) label += "\n" + t.gene_symbol;
    }
    nodes += fmt::format("  {} [label={}, {}];\n", q(e.id), q(label), style);
    return q(e.id);
  };
  auto edge_style = [&](claim_view const& c, std::string style) {
    if (c.negated()) style += ", style=dotted, color=\"#b03030\", fontcolor=\"#b03030\"";
    return style;
  };
  constexpr auto drug_style = "shape=box, style=\"rounded,filled,bold\", fillcolor=\"#f2d7a8\", fontsize=16";
  constexpr auto target_style = "shape=box, style=\"rounded,filled\", fillcolor=\"#cfe2f3\"";
  constexpr auto gene_style = "shape=note, style=filled, fillcolor=\"#eeeeee\", fontsize=10";
  constexpr auto effect_style = "shape=ellipse, style=filled, fillcolor=\"#d9ead3\"";
  constexpr auto condition_style = "shape=box, style=\"filled\", fillcolor=\"#ead1dc\"";
  constexpr auto warning_style = "shape=octagon, style=filled, fillcolor=\"#f4cccc\", fontsize=10";
  auto dn = node(any_node(d), drug_style);
  std::set<std::uint32_t> targets;
  for (auto e : kb.out<rel::acts_on>(d)) {
    if (e.negated() && !opts.show_negated) continue;
    auto tn = node(any_node(e.to()), target_style);
    targets.insert(e.to().index());
    edges += fmt::format("  {} -> {} [label={}{}];\n", dn, tn, q(action_text(e.payload()) + cite(e)),
                         edge_style(e, ", color=\"#3c78d8\""));
    if (opts.show_genes)
      for (auto g : kb.out<rel::encoded_by>(e.to()))
        if (auto gn = node(any_node(g.to()), gene_style); once(tn, gn, "encoded by"))
          edges += fmt::format("  {} -> {} [label=\"encoded by\", style=dashed, color=\"#999999\", fontsize=9];\n", tn, gn);
  }
  if (opts.show_effects) {
    auto effects = [&]<relation R>(R, std::string_view verb, std::string_view color) {
      for (auto e : kb.out<R>(d)) {
        if (e.negated() && !opts.show_negated) continue;
        auto en = node(any_node(e.to()), effect_style);
        edges += fmt::format("  {} -> {} [label={}{}];\n", dn, en, q(std::string(verb) + cite(e)),
                             edge_style(e, fmt::format(", color=\"{}\"", color)));
        for (auto m : kb.out<rel::mediated_by>(e.to()))
          if (targets.count(m.to().index()))
            if (auto mn = node(any_node(m.to()), target_style); once(en, mn, m.negated() ? "not mediated by" : "mediated by"))
              edges += fmt::format("  {} -> {} [label=\"mediated by\", style=dashed, color=\"#6aa84f\", fontsize=9{}];\n",
                                   en, mn, m.negated() ? ", style=dotted" : "");
      }
    };
    effects(rel::produces{}, "produces", "#38761d");
    effects(rel::blocks{}, "blocks", "#cc0000");
    effects(rel::reduces{}, "reduces", "#e69138");
  }
  if (opts.show_indications) {
    for (auto e : kb.out<rel::indicated_for>(d)) {
      if (e.negated() && !opts.show_negated) continue;
      edges += fmt::format("  {} -> {} [label={}{}];\n", dn, node(any_node(e.to()), condition_style),
                           q("indicated for" + cite(e)), edge_style(e, ", color=\"#a64d79\""));
    }
    for (auto e : kb.out<rel::carries>(d))
      edges += fmt::format("  {} -> {} [label={}, color=\"#cc0000\", fontsize=9];\n", dn,
                           node(any_node(e.to()), warning_style), q("warning" + cite(e)));
  }
  std::string legend;
  if (!refs.empty()) {
    std::vector<std::pair<int, std::string>> ordered;
    for (auto const& [id, n] : refs) ordered.emplace_back(n, id);
    std::sort(ordered.begin(), ordered.end());
    std::string text;
    for (auto const& [n, id] : ordered) {
      auto const& s = kb.get(*kb.find_source(id));
      text += fmt::format("[{}] {}\\l", n, s.citation_id().empty() ? id : s.citation_id());
    }
    legend = fmt::format("  {{ rank=max; sources [shape=plaintext, fontsize=9, label=\"Sources\\l{}\"]; }}\n", text);
  }
  return fmt::format(
      "// Mechanism neighbourhood of {} in {} {} (content hash {}), written by pharmakon.\n"
      "// Render: dot -Tsvg this.dot > this.svg\n"
      "digraph {} {{\n"
      "  rankdir=LR;\n  graph [fontname=\"Helvetica\", labelloc=t, label={}];\n"
      "  node [fontname=\"Helvetica\", fontsize=12];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"
      "{}{}{}}}\n",
      kb[d].name, kb.name(), kb.version(), kb.content_hash(), q(kb[d].id),
      q(fmt::format("{}: mechanism (dotted: stated not to hold)", kb[d].name)), nodes, edges, legend);
}

PHARMAKON_FUNC std::vector<std::filesystem::path> export_neo4j(knowledge_base const& kb, std::filesystem::path const& dir) {
  using namespace detail::graph_export;
  using detail::exporter::csv_field;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw error(errc::io, fmt::format("{}: cannot create the directory: {}", dir.string(), ec.message()));
  auto const& st = detail::state_of(kb);
  std::vector<std::filesystem::path> written;
  // every file is written out before any is renamed into place: a full disk leaves the old export as it was
  std::vector<std::unique_ptr<detail::exporter::out_file>> pending;
  auto open = [&](std::filesystem::path const& p) -> detail::exporter::out_file& {
    pending.push_back(std::make_unique<detail::exporter::out_file>(p));
    return *pending.back();
  };
  // arrays use ';' (neo4j-admin's default array delimiter), so it is replaced inside array items
  auto array = [](auto const& items, auto&& fn) {
    std::string out;
    for (auto const& x : items) {
      auto s = fn(x);
      for (auto& c : s)
        if (c == ';') c = ',';
      if (!out.empty()) out += ';';
      out += s;
    }
    return csv_field(out);
  };
  auto source_ids = [&](std::span<source_id const> ids) {
    return array(ids, [&](source_id s) { return st.sources[s.index()].id; });
  };
  // sources
  {
    auto p = dir / "nodes_source.csv";
    auto& out = open(p);
    out << "id:ID(Entity),:LABEL,kind,title,authors,publisher,year:int,pmid,doi,url,citation\n";
    for (auto const& s : st.sources)
      out << fmt::format("{},Source,{},{},{},{},{},{},{},{},{}\n", csv_field(s.id), to_string(s.kind), csv_field(s.title),
                         csv_field(s.authors), csv_field(s.publisher), s.year ? fmt::format("{}", s.year) : "",
                         csv_field(s.pmid), csv_field(s.doi), csv_field(s.url), csv_field(s.citation_id()));
    written.push_back(p);
  }
  // one file per node kind
  for (auto k : enum_values<node_kind>()) {
    auto b = st.kind_base[std::size_t(k)], e = st.kind_base[std::size_t(k) + 1];
    if (b == e) continue;
    auto p = dir / fmt::format("nodes_{}.csv", to_string(k));
    auto& out = open(p);
    out << "id:ID(Entity),:LABEL,name,synonyms:string[],identifiers:string[],sources:string[],detail\n";
    for (auto v = b; v < e; ++v) {
      auto n = st.node_of(v);
      auto const& ent = st.base_of(n);
      std::string labels = capitalised(k);
      std::string detail;
      switch (k) {
        case node_kind::drug: detail = st.table<drug>()[n.index()].drug_class; break;
        case node_kind::target: {
          auto const& t = st.table<target>()[n.index()];
          detail = fmt::format("{} {}", to_string(t.type), t.gene_symbol);
          break;
        }
        case node_kind::gene: detail = st.table<gene>()[n.index()].symbol; break;
        case node_kind::concept_node: {
          auto const& c = st.table<concept_node>()[n.index()];
          labels += ";" + label_of(c.kind_label);
          detail = c.kind_label;
          break;
        }
        default: break;
      }
      out << fmt::format("{},{},{},{},{},{},{}\n", csv_field(ent.id), csv_field(labels), csv_field(ent.name),
                         array(ent.synonyms, [](std::string const& s) { return s; }),
                         array(ent.ids, [](identifier const& i) { return i.scheme + ":" + i.value; }),
                         source_ids(ent.sources), csv_field(detail));
    }
    written.push_back(p);
  }
  // one file per relation kind (and per label of `related`, which becomes the relationship type)
  auto const& fw = st.graph.m_forward;
  std::map<std::string, detail::exporter::out_file*> files;
  std::map<std::string, std::filesystem::path> paths;
  for (std::uint32_t v = 0; v < st.vertex_count(); ++v)
    for (auto c = fw.m_rowstart[v]; c < fw.m_rowstart[v + 1]; ++c) {
      claim_view cv(&st, c, v);
      auto kind = cv.kind();
      std::string type = kind == relation_kind::related ? rel_type(st.labels[st.claim_payload[c]].label)
                                                        : rel_type(to_string(kind));
      auto& f = files[type];
      if (!f) {
        auto p = dir / fmt::format("rels_{}.csv", type);
        f = &open(p);
        paths[type] = p;
        *f << ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,label,action,modality,best_p_affinity:double,"
              "tier,negated:boolean,hypothesis:boolean,note,sources:string[]\n";
      }
      std::string label, act, mod, pmax;
      if (kind == relation_kind::related) label = st.labels[st.claim_payload[c]].label;
      if (kind == relation_kind::acts_on) {
        auto const& a = st.actions[st.claim_payload[c]];
        act = to_string(a.type);
        mod = to_string(a.modality);
        if (auto p = a.best_p_affinity()) pmax = fmt::format("{}", *p);
      }
      *f << fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(st.base_of_vertex(v).id),
                        csv_field(st.base_of_vertex(fw.m_column[c]).id), type, to_string(kind), csv_field(label), act,
                        mod, pmax, to_string(cv.tier()), cv.negated() ? "true" : "false",
                        cv.hypothesis() ? "true" : "false", csv_field(cv.note()), source_ids(cv.sources()));
    }
  for (auto& [type, f] : files) written.push_back(paths[type]);
  // the command that loads them
  {
    auto p = dir / "import.sh";
    auto& out = open(p);
    out << "#!/bin/sh\n# Loads these files into a new, empty Neo4j 5 database (stop the database first).\n"
           "# Written by pharmakon for " << kb.name() << " " << kb.version() << " (content hash " << kb.content_hash()
        << "). See docs/neo4j.md.\nset -e\ncd \"$(dirname \"$0\")\"\n"
           "DB=${1:-neo4j}\nneo4j-admin database import full \"$DB\" --overwrite-destination \\\n";
    for (auto const& w : written) {
      auto name = w.filename().string();
      out << (name.rfind("nodes_", 0) == 0 ? "  --nodes=" : "  --relationships=") << name << " \\\n";
    }
    out << "  --array-delimiter=';' --skip-bad-relationships=false\n";
    written.push_back(p);
  }
  std::vector<detail::exporter::out_file*> all;
  for (auto& f : pending) all.push_back(f.get());
  detail::exporter::commit_all(all);
  std::filesystem::permissions(written.back(), std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec |
                               std::filesystem::perms::others_exec, std::filesystem::perm_options::add, ec);
  return written;
}

}  // namespace pharmakon
