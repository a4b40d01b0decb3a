// The columns of pharmakon's KGX files, derived from the record descriptions (model/entity_fields.hpp for entities
// and sources, model/describe.hpp for claim payloads) and shared by the KGX exporter and importer (io layer,
// internal). A field's column is its name, except for the few renamed below (kept from earlier exports, and so
// that fields of one name but different meaning do not share a column).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/kgx_columns.hpp is part of the KGX exporter's and importer's out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <algorithm>
#include <string>
#include <optional>
#include <string_view>
#include <type_traits>
#include <vector>

#include "../../../model/entity_fields.hpp"
#include "biolink.hpp"

namespace pharmakon::detail::kgx {

template <class T>
struct is_optional : std::false_type {};
template <class T>
struct is_optional<std::optional<T>> : std::true_type {};
template <class T>
struct is_vector : std::false_type {};
template <class T>
struct is_vector<std::vector<T>> : std::true_type {};

/// What owns a field: a node kind's name ("drug", ...) or "source".
inline std::string_view column_of(std::string_view owner, std::string_view field) {
  if (field == "kind") return owner == "warning" ? "warning_kind" : owner == "concept" ? "kind_label" : "source_kind";
  if (owner == "drug" && field == "class") return "drug_class";
  if (owner == "target" && field == "type") return "target_type";
  return field;
}

/// Calls `f(owner, entity)` with a default entity of every kind, in node-kind order.
template <class F>
void for_each_kind(F&& f) {
  f(std::string_view("drug"), drug{});
  f(std::string_view("target"), target{});
  f(std::string_view("gene"), gene{});
  f(std::string_view("variant"), variant{});
  f(std::string_view("effect"), effect{});
  f(std::string_view("condition"), condition{});
  f(std::string_view("regimen"), regimen{});
  f(std::string_view("warning"), warning{});
  f(std::string_view("class"), drug_class{});
  f(std::string_view("concept"), concept_node{});
}

/// The node columns: KGX's, pharmakon's entity_base fields, then every field of every kind and of sources
/// (a source's identifiers: one column per scheme).
inline std::vector<std::string> node_columns() {
  std::vector<std::string> cols{"id", "category", "name", "synonym", "xref", "provided_by", "pharmakon_id",
                                "pharmakon_kind", "pharmakon_ids", "sources", "lay_name", "region"};
  auto add = [&](std::string_view c) {
    if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.emplace_back(c);
  };
  for_each_kind([&](std::string_view owner, auto e) { visit_fields([&](std::string_view n, auto&) { add(column_of(owner, n)); }, e); });
  source s;
  visit_fields(
      [&](std::string_view n, auto&) {
        if (n != "ids") add(column_of("source", n));
        else
          for (auto scheme : source_schemes) add(scheme);
      },
      s);
  return cols;
}

/// The edge columns: KGX's, the Biolink qualifiers, pharmakon's claim fields, then the fields of every payload.
inline std::vector<std::string> edge_columns() {
  std::vector<std::string> cols{"id", "subject", "predicate", "object"};
  for (auto q : biolink::qualifier_columns) cols.emplace_back(q);
  for (std::string_view c : {"knowledge_level", "agent_type", "primary_knowledge_source", "aggregator_knowledge_source",
                             "publications", "negated", "pharmakon_relation", "sources", "hypothesis", "unverified",
                             "note", "region", "action", "modality", "reversible", "surmountable", "efficacy",
                             "affinities"})
    cols.emplace_back(c);
  auto add = [&](std::string_view c) {
    if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.emplace_back(c);
  };
  auto payload = [&](auto p) { for_each_field(p, [&](std::string_view n, auto const&) { add(n); }); };
  payload(related_label{});
  payload(indication{});
  payload(pgx_effect{});
  payload(clearance{});
  payload(modulation{});
  payload(metabolite_formation{});
  payload(stated_interaction{});
  return cols;
}

/// The index of column `name` in `cols` (cols.size() if absent).
inline std::size_t index_of(std::vector<std::string> const& cols, std::string_view name) {
  return std::size_t(std::find(cols.begin(), cols.end(), name) - cols.begin());
}

/// Calls `f(tag)` with the relation tag of kind `k` whose payload is described (model/describe.hpp); false if it
/// has none.
template <class F>
bool with_described(relation_kind k, F&& f) {
  switch (k) {
    case relation_kind::indicated_for: f(rel::indicated_for{}); return true;
    case relation_kind::modulates_response: f(rel::modulates_response{}); return true;
    case relation_kind::substrate_of: f(rel::substrate_of{}); return true;
    case relation_kind::inhibits: f(rel::inhibits{}); return true;
    case relation_kind::induces: f(rel::induces{}); return true;
    case relation_kind::has_metabolite: f(rel::has_metabolite{}); return true;
    case relation_kind::interacts_with: f(rel::interacts_with{}); return true;
    default: return false;
  }
}

}  // namespace pharmakon::detail::kgx
