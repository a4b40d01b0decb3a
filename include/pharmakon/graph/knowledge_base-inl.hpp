// Out-of-line definitions of knowledge_base (graph layer). Included once by src/pharmakon.cpp, or by the
// header in a header-only build.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "knowledge_base-inl.hpp holds the out-of-line definitions of knowledge_base.hpp: include knowledge_base.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cstdint>
#include <map>
#include <set>

#include "knowledge_base.hpp"
#include "../model/text.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::vector<any_node> knowledge_base::find_all(std::string_view name) const {
  std::vector<any_node> out;
  auto const& st = *s_;
  if (auto v = st.id_index.find(name, [&st](std::uint32_t x) -> std::string_view { return st.base_of_vertex(x).id; }))
    out.push_back(st.node_of(*v));
  if (text::invalid_utf8_offset(name) != std::string_view::npos) return out;
  std::string key;
  detail::fold_key_into(name, key);
  for (auto v : st.vertices_named(key)) {
    auto n = st.node_of(v);
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

PHARMAKON_FUNC std::vector<std::string> knowledge_base::suggest(std::string_view name, node_kind k,
                                                                std::size_t max) const {
  auto key = text::decode(text::fold_key(name));
  std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
  // (distance, name) of every name and synonym of kind k, best per entity
  std::map<std::uint32_t, std::pair<std::size_t, std::string>> best;
  auto consider = [&](std::uint32_t index, std::string const& candidate) {
    auto d = text::edit_distance(key, text::decode(text::fold_key(candidate)), limit);
    if (d > limit) return;
    auto [it, fresh] = best.try_emplace(index, d, candidate);
    if (!fresh && d < it->second.first) it->second = {d, candidate};
  };
  auto b = s_->kind_base[std::size_t(k)], e = s_->kind_base[std::size_t(k) + 1];
  for (auto v = b; v < e; ++v) {
    auto const& ent = s_->base_of(s_->node_of(v));
    consider(v - b, ent.name);
    for (auto const& syn : ent.synonyms) consider(v - b, syn);
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto const& [i, dn] : best) ranked.emplace_back(dn.first, s_->base_of(any_node(k, i)).name);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto const& [d, n] : ranked) {
    if (out.size() == max) break;
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

PHARMAKON_FUNC void knowledge_base::throw_unknown(std::string_view name, node_kind k) const {
  auto sugg = suggest(name, k);
  std::string msg = fmt::format("unknown {} '{}'", to_string(k), name);
  // the name of an entity of another kind (a drug class where a drug is expected): say what it is
  std::string other;
  for (any_node n : find_all(name)) {
    if (n.kind() == k) continue;
    auto const& e = base(n);
    other = fmt::format("'{}' is a {} ({})", name, n.kind() == node_kind::drug_class ? "drug class" : to_string(n.kind()), e.id);
    if (auto c = n.as<drug_class>(); c && k == node_kind::drug) {
      std::vector<std::string> members;
      for (auto m : in<rel::member_of>(*c))
        if (members.size() < 5 && std::find(members.begin(), members.end(), get(m.from()).name) == members.end())
          members.push_back(get(m.from()).name);
      if (!members.empty()) other += fmt::format(", not a drug: name its drugs, e.g. {}", fmt::join(members, ", "));
      else if (get(*c).defined_by_rule()) other += ", not a drug: its members are the drugs that " +
                                                    std::string(get(*c).inhibitors_of.empty() ? "induce " : "inhibit ") +
                                                    (get(*c).inhibitors_of.empty() ? get(*c).inducers_of : get(*c).inhibitors_of);
    }
    break;
  }
  if (!other.empty()) msg += "; " + other;
  else if (!sugg.empty()) msg += fmt::format("; did you mean {}?", fmt::join(sugg, ", "));
  throw lookup_error(std::move(msg), std::string(name), std::move(sugg));
}

PHARMAKON_FUNC std::optional<source_id> knowledge_base::find_source(std::string_view id) const {
  auto const& st = *s_;
  auto i = st.source_index.find(id, [&st](std::uint32_t x) -> std::string_view { return st.sources[x].id; });
  if (!i) return std::nullopt;
  return source_id{*i};
}

PHARMAKON_FUNC std::vector<conflict> knowledge_base::conflicts_of(any_node n) const {
  std::vector<conflict> out;
  auto v = s_->vertex_of(n);
  for (auto const& c : conflicts()) {
    auto x = c.first.index();
    if (s_->claim_from(x) == v || s_->claim_to(x) == v) out.push_back(c);
  }
  return out;
}

PHARMAKON_FUNC kb_stats knowledge_base::stats() const {
  kb_stats st;
  for (std::size_t k = 0; k < node_kind_count; ++k) st.nodes[k] = s_->kind_base[k + 1] - s_->kind_base[k];
  for (auto const& e : s_->graph.m_forward.m_edge_properties) ++st.claims[std::size_t(e.kind)];
  st.sources = s_->sources.size();
  return st;
}

}  // namespace pharmakon
