// The Graphviz DOT renderer of a mechanism neighbourhood (render layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "dot-inl.hpp holds the out-of-line definitions of dot.hpp: include dot.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "dot.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

namespace detail::dot {

/// A short text for an action: "antagonist, competitive, pKi 9.4".
inline std::string action_text(action const& a) {
  std::string out(to_string(a.type));
  for (auto& c : out)
    if (c == '_') c = ' ';
  if (a.modality != modality::unknown) out += detail::format(", {}", to_string(a.modality));
  if (auto p = a.best_p_affinity()) out += detail::format(", p{:.1f}", *p);
  return out;
}

/// A DOT string literal: quotes and backslashes escaped, line ends as \n.
inline std::string quoted(std::string_view s) {
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
}

}  // namespace detail::dot

PHARMAKON_FUNC std::string mechanism_dot(knowledge_base const& kb, drug_id d, dot_options const& opts) {
  using namespace detail::dot;
  auto q = [](std::string_view x) { return detail::dot::quoted(x); };
  std::map<std::string, int> refs;  // source id -> [n]
  auto cite = [&](claim_view const& c) {
    if (!opts.show_sources) return std::string();
    std::string out;
    for (auto s : c.sources()) {
      auto [it, fresh] = refs.try_emplace(kb.get(s).id, int(refs.size()) + 1);
      out += detail::format("[{}]", it->second);
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
    nodes += detail::format("  {} [label={}, {}];\n", q(e.id), q(label), style);
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
  bool any_action = false, any_human = false;
  auto human = [&](target_id t) {
    auto const& sp = kb[t].species;
    return sp.empty() || sp == "human" || sp == "Homo sapiens";
  };
  for (auto e : kb.out<rel::acts_on>(d)) {
    any_action = any_action || e.payload().type != action_type::other;
    any_human = any_human || human(e.object());
  }
  for (auto e : kb.out<rel::acts_on>(d)) {
    if (e.negated() && !opts.show_negated) continue;
    if (!opts.all_targets && ((any_action && e.payload().type == action_type::other) || (any_human && !human(e.object()))))
      continue;
    auto tn = node(any_node(e.object()), target_style);
    targets.insert(e.object().index());
    edges += detail::format("  {} -> {} [label={}{}];\n", dn, tn, q(action_text(e.payload()) + cite(e)),
                         edge_style(e, ", color=\"#3c78d8\""));
    if (opts.show_genes)
      for (auto g : kb.out<rel::encoded_by>(e.object()))
        if (auto gn = node(any_node(g.object()), gene_style); once(tn, gn, "encoded by"))
          edges += detail::format("  {} -> {} [label=\"encoded by\", style=dashed, color=\"#999999\", fontsize=9];\n", tn, gn);
  }
  if (opts.show_effects) {
    auto effects = [&]<relation R>(R, std::string_view verb, std::string_view color) {
      for (auto e : kb.out<R>(d)) {
        if (e.negated() && !opts.show_negated) continue;
        auto en = node(any_node(e.object()), effect_style);
        edges += detail::format("  {} -> {} [label={}{}];\n", dn, en, q(std::string(verb) + cite(e)),
                             edge_style(e, detail::format(", color=\"{}\"", color)));
        for (auto m : kb.out<rel::mediated_by>(e.object()))
          if (targets.count(m.object().index()))
            if (auto mn = node(any_node(m.object()), target_style); once(en, mn, m.negated() ? "not mediated by" : "mediated by"))
              edges += detail::format("  {} -> {} [label=\"mediated by\", style=dashed, color=\"#6aa84f\", fontsize=9{}];\n",
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
      edges += detail::format("  {} -> {} [label={}{}];\n", dn, node(any_node(e.object()), condition_style),
                           q("indicated for" + cite(e)), edge_style(e, ", color=\"#a64d79\""));
    }
    for (auto e : kb.out<rel::carries>(d))
      edges += detail::format("  {} -> {} [label={}, color=\"#cc0000\", fontsize=9];\n", dn,
                           node(any_node(e.object()), warning_style), q("warning" + cite(e)));
  }
  std::string legend;
  if (!refs.empty()) {
    std::vector<std::pair<int, std::string>> ordered;
    for (auto const& [id, n] : refs) ordered.emplace_back(n, id);
    std::sort(ordered.begin(), ordered.end());
    std::string text;
    for (auto const& [n, id] : ordered) {
      auto const& s = kb.get(*kb.find_source(id));
      text += detail::format("[{}] {}\\l", n, s.citation_id().empty() ? id : s.citation_id());
    }
    legend = detail::format("  {{ rank=max; sources [shape=plaintext, fontsize=9, label=\"Sources\\l{}\"]; }}\n", text);
  }
  return detail::format(
      "// Mechanism neighbourhood of {} in {} {} (content hash {}), written by pharmakon.\n"
      "// Render: dot -Tsvg this.dot > this.svg\n"
      "digraph {} {{\n"
      "  rankdir=LR;\n  graph [fontname=\"Helvetica\", labelloc=t, label={}];\n"
      "  node [fontname=\"Helvetica\", fontsize=12];\n  edge [fontname=\"Helvetica\", fontsize=10];\n"
      "{}{}{}}}\n",
      kb[d].name, kb.name(), kb.version(), kb.content_hash(), q(kb[d].id),
      q(detail::format("{}: mechanism (dotted: stated not to hold)", kb[d].name)), nodes, edges, legend);
}

PHARMAKON_FUNC std::string interactions_dot(interaction_answer const& a) {
  auto q = [](std::string_view x) { return detail::dot::quoted(x); };
  std::string out = "digraph interactions {\n  rankdir=LR;\n  node [shape=box, style=rounded, fontname=\"Helvetica\"];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=10];\n";
  out += detail::format("  label={};\n  labelloc=t;\n", q(detail::format("Interactions: {}", fmt::join(a.drugs, ", "))));
  int n = 0;
  for (auto const& i : a.interactions) {
    ++n;
    // node names are per cluster, so one entity can stand in several interactions
    out += detail::format("  subgraph cluster_{} {{\n    label={};\n", n,
                       q(detail::format("{}. {} / {} ({}){}", n, to_string(i.mechanism), to_string(i.kind),
                                     i.no_interaction ? std::string("no interaction") : std::string(to_string(i.severity)),
                                     i.intended ? ", intended" : "")));
    std::set<std::string> nodes;
    auto node = [&](std::string const& name) {
      auto id = detail::format("c{}_{}", n, name);
      if (nodes.insert(name).second) {
        bool drug = name == i.first || name == i.second;
        out += detail::format("    {} [label={}{}];\n", q(id), q(name), drug ? ", style=\"rounded,bold\"" : "");
      }
      return q(id);
    };
    for (auto const& p : i.path) {
      auto from = node(p.from), to = node(p.to);
      std::string label(to_string(p.relation));
      if (!p.detail.empty()) label += " (" + p.detail + ")";
      if (!p.refs.empty()) label += detail::format(" [{}]", fmt::join(p.refs, ","));
      out += detail::format("    {} -> {} [label={}];\n", from, to, q(label));
    }
    out += "  }\n";
  }
  return out + "}\n";
}

}  // namespace pharmakon
