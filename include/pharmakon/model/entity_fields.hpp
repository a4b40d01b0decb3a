#pragma once
/// \file entity_fields.hpp
/// Each entity kind's own fields (beyond `entity_base`) and a source's fields, named once, in one order:
/// `visit_fields(v, e)` calls `v(name, member)` for each, `name` being the KB-file key. The snapshot codec reads
/// and writes records through it (one walk for both directions, so they cannot disagree), and so do the KGX
/// columns (io/export/detail/kgx_columns.hpp); a field's type picks its encoding. The content hash still lists
/// fields by hand, because its bytes predate this description and must not change (see docs/architecture.md).

#include <type_traits>

#include "entities.hpp"

namespace pharmakon {

/// E is T, possibly const (so one walk serves readers and writers).
template <class E, class T>
concept entity_of = std::is_same_v<std::remove_const_t<E>, T>;

template <class V, entity_of<drug> E>
void visit_fields(V&& v, E& e) {
  v("class", e.drug_class);
  v("prodrug", e.prodrug);
  v("site", e.site);
  v("site_sources", e.site_sources);
  v("half_life", e.half_life);
}
template <class V, entity_of<target> E>
void visit_fields(V&& v, E& e) {
  v("type", e.type);
  v("family", e.family);
  v("gene_symbol", e.gene_symbol);
  v("species", e.species);
}
template <class V, entity_of<gene> E>
void visit_fields(V&& v, E& e) {
  v("symbol", e.symbol);
}
template <class V, entity_of<effect> E>
void visit_fields(V&& v, E& e) {
  v("site", e.site);
  v("combined", e.combined);
}
template <class V, entity_of<drug_class> E>
void visit_fields(V&& v, E& e) {
  v("inhibitors_of", e.inhibitors_of);
  v("inducers_of", e.inducers_of);
  v("min_strength", e.min_strength);
}
template <class V, entity_of<precondition> E>
void visit_fields(V&& v, E& e) {
  v("kind", e.kind);
  v("min", e.min);
  v("recommended", e.recommended);
  v("note", e.note);
}
template <class V, entity_of<regimen> E>
void visit_fields(V&& v, E& e) {
  v("dose", e.dose);
  v("dose_max", e.dose_max);
  v("every", e.every);
  v("times_per_day", e.times_per_day);
  v("as_needed", e.as_needed);
  v("route", e.route);
  v("formulation", e.formulation);
  v("product", e.product);
  v("population", e.population);
  v("preconditions", e.preconditions);
}
template <class V, entity_of<warning> E>
void visit_fields(V&& v, E& e) {
  v("kind", e.kind);
  v("severity", e.severity);
  v("about", e.about);
  v("concerns_action", e.concerns_action);
}
template <class V, entity_of<concept_node> E>
void visit_fields(V&& v, E& e) {
  v("kind", e.kind_label);
}
template <class V, entity_of<half_life_range> E>
void visit_fields(V&& v, E& e) {
  v("low", e.low);
  v("high", e.high);
  v("sources", e.sources);
  v("note", e.note);
}
/// variant and condition have no fields of their own.
template <class V, class E>
  requires entity_of<E, variant> || entity_of<E, condition>
void visit_fields(V&&, E&) {}

/// A source's fields after its id (its region is not a field).
template <class V, entity_of<source> E>
void visit_fields(V&& v, E& s) {
  v("kind", s.kind);
  v("title", s.title);
  v("authors", s.authors);
  v("publisher", s.publisher);
  v("year", s.year);
  v("ids", s.ids);
  v("date", s.date);
  v("version", s.version);
  v("unverified", s.unverified);
  v("sections", s.sections);
}

}  // namespace pharmakon
