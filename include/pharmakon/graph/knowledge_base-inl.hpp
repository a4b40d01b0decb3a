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
#include "detail/names.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

namespace detail::names {

/// The entities `name` denotes exactly: by string id, then by folded name, synonym or identifier.
inline std::vector<any_node> find_exact(kb_state const& st, std::string_view name) {
  std::vector<any_node> out;
  if (auto v = st.id_index.find(name, [&st](std::uint32_t x) -> std::string_view { return st.base_of_vertex(x).id; }))
    out.push_back(st.node_of(*v));
  if (text::invalid_utf8_offset(name) != std::string_view::npos) return out;
  std::string key;
  fold_key_into(name, key);
  for (auto v : st.vertices_named(key)) {
    auto n = st.node_of(v);
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

/// A prefix that makes `prefix:value` an entity id ("drug:chembl:CHEMBL941", "drug:DB00704"): a node kind's name or
/// one with a ':' in it. An id that names nothing is not taken for an identifier.
inline bool entity_id_prefix(std::string_view prefix) {
  if (prefix.find(':') != std::string_view::npos) return true;
  for (auto k : enum_values<node_kind>())
    if (to_string(k) == prefix) return true;
  return false;
}

/// When nothing has the name as typed: an identifier with another prefix than its scheme ("gtopdb:1639" for
/// gtopdb_ligand 1639, Hetionet's "Compound::DB00704"; not an entity id, see `entity_id_prefix`), then the name without its salt words ("sertraline
/// hydrochloride" -> sertraline), then the drugs whose name is this one followed by salt words ("imatinib" ->
/// IMATINIB MESYLATE, when no drug is named imatinib itself).
inline std::vector<any_node> find_loosely(kb_state const& st, std::string_view name) {
  std::vector<any_node> out;
  if (text::invalid_utf8_offset(name) != std::string_view::npos) return out;
  std::string key, folded, scheme;
  if (auto p = split_prefix(name); p && !entity_id_prefix(p->prefix)) {
    std::string prefix, value;
    fold_key_into(p->prefix, prefix);
    fold_key_into(p->value, value);
    std::vector<any_node> any;  // every entity with an identifier of that value, whatever its scheme
    for (auto v : st.vertices_named(value)) {
      auto n = st.node_of(v);
      for (auto const& x : st.base_of(n).ids) {
        fold_key_into(x.value, folded);
        if (folded != value) continue;
        if (std::find(any.begin(), any.end(), n) == any.end()) any.push_back(n);
        fold_key_into(x.scheme, scheme);
        if (prefix_names_scheme(prefix, scheme) && std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
      }
    }
    if (!out.empty()) return out;
    if (any.size() == 1) return any;  // one entity has it: the prefix is another name of its scheme
  }
  fold_key_into(name, key);
  auto stem = without_salt(key);
  if (stem.size() < key.size())
    if (out = find_exact(st, stem); !out.empty()) return out;
  auto b = st.kind_base[std::size_t(node_kind::drug)], e = st.kind_base[std::size_t(node_kind::drug) + 1];
  auto salt_of_stem = [&](std::string const& candidate) {
    fold_key_into(candidate, folded);
    return folded.size() > stem.size() + 1 && folded.compare(0, stem.size(), stem) == 0 &&
           folded[stem.size()] == ' ' && without_salt(folded) == stem;
  };
  for (auto v = b; v < e; ++v) {
    auto const& ent = st.base_of_vertex(v);
    bool hit = salt_of_stem(ent.name);
    for (std::size_t i = 0; !hit && i < ent.synonyms.size(); ++i) hit = salt_of_stem(ent.synonyms[i]);
    if (hit) out.push_back(st.node_of(v));
  }
  return out;
}

}  // namespace detail::names

PHARMAKON_FUNC std::vector<any_node> knowledge_base::find_all(std::string_view name) const {
  auto out = detail::names::find_exact(*s_, name);
  if (out.empty()) out = detail::names::find_loosely(*s_, name);
  return out;
}

PHARMAKON_FUNC std::vector<std::string> knowledge_base::suggest(std::string_view name, node_kind k,
                                                                std::size_t max) const {
  auto folded_name = text::fold_key(name);
  auto key = text::decode(folded_name);
  std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
  // the name typed without its salt words too ("naltrexon hydrochloride" is close to naltrexone)
  auto key_stem = text::decode(detail::names::without_salt(folded_name));
  std::size_t stem_limit = std::max<std::size_t>(2, key_stem.size() / 3);
  // an identifier is suggested by its entity's name ("CHEMBL94" -> IMATINIB, CHEMBL941), names otherwise
  bool id_like = std::any_of(name.begin(), name.end(), [](char c) { return c >= '0' && c <= '9'; });
  // (distance, name) of every name and synonym of kind k, and of each without its salt words, best per entity
  std::map<std::uint32_t, std::pair<std::size_t, std::string>> best;
  auto consider_folded = [&](std::uint32_t index, std::string const& folded) {
    auto candidate = text::decode(folded);
    auto d = text::edit_distance(key, candidate, limit);
    if (d > limit && key_stem.size() < key.size()) {
      d = text::edit_distance(key_stem, candidate, stem_limit);
      if (d > stem_limit) return;
    } else if (d > limit) {
      return;
    }
    auto [it, fresh] = best.try_emplace(index, d, std::string());
    if (!fresh && d < it->second.first) it->second.first = d;
  };
  auto consider = [&](std::uint32_t index, std::string const& candidate) {
    auto folded = text::fold_key(candidate);
    consider_folded(index, folded);
    if (auto stem = detail::names::without_salt(folded); stem.size() < folded.size())
      consider_folded(index, std::string(stem));
  };
  auto b = s_->kind_base[std::size_t(k)], e = s_->kind_base[std::size_t(k) + 1];
  for (auto v = b; v < e; ++v) {
    auto const& ent = s_->base_of(s_->node_of(v));
    consider(v - b, ent.name);
    for (auto const& syn : ent.synonyms) consider(v - b, syn);
    if (id_like)
      for (auto const& x : ent.ids) consider_folded(v - b, text::fold_key(x.value));
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
  std::string msg = detail::format("unknown {} '{}'", to_string(k), name);
  // the name of an entity of another kind (a drug class where a drug is expected): say what it is
  std::string other;
  for (any_node n : find_all(name)) {
    if (n.kind() == k) continue;
    auto const& e = base(n);
    other = detail::format("'{}' is a {} ({})", name, n.kind() == node_kind::drug_class ? "drug class" : to_string(n.kind()), e.id);
    if (auto c = n.as<drug_class>(); c && k == node_kind::drug) {
      std::vector<std::string> members;
      for (auto m : in<rel::member_of>(*c))
        if (members.size() < 5 && std::find(members.begin(), members.end(), get(m.subject()).name) == members.end())
          members.push_back(get(m.subject()).name);
      if (!members.empty()) other += detail::format(", not a drug: name its drugs, e.g. {}", fmt::join(members, ", "));
      else if (get(*c).defined_by_rule()) other += ", not a drug: its members are the drugs that " +
                                                    std::string(get(*c).inhibitors_of.empty() ? "induce " : "inhibit ") +
                                                    (get(*c).inhibitors_of.empty() ? get(*c).inducers_of : get(*c).inhibitors_of);
    }
    break;
  }
  if (!other.empty()) msg += "; " + other;
  else if (!sugg.empty()) msg += detail::format("; did you mean {}?", fmt::join(sugg, ", "));
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
