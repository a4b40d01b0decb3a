#pragma once
/// \file entity_fields.hpp
/// Each entity kind's fields and a source's fields, described once: `record_fields<T>::fields` is a table of
/// `record_field`s (the KB-file key, the member, how the content hash takes it), in one order. Everything that
/// walks a whole record reads it: the snapshot codec (one walk for both directions, so they cannot disagree), the
/// content hash (graph/builder-inl.hpp), the catalog and answer JSON of a regimen and a source (render/), and the
/// Python tables and values. `visit_fields(v, r)` calls `v(name, member)` for each field of a kind's own (the
/// fields of `entity_base` are `record_fields<entity_base>`, walked by `visit_base_fields`).

#include <cstdint>
#include <string_view>
#include <tuple>
#include <type_traits>

#include "entities.hpp"

namespace pharmakon {

/// How the content hash takes a field. Its bytes predate the description, and a knowledge base keeps its hash
/// when a later field is added: such fields are hashed only when set, in groups after all the other fields.
enum class hashed : std::uint8_t {
  always,      ///< in field order, by its type (graph/builder-inl.hpp: `field_hasher`)
  when_set,    ///< after the `always` fields, with its group, when it or another `when_set` field of the group is set
  with_group,  ///< with its group, but does not make it set (it is only ever given with the group's other fields)
  by_scheme,   ///< a source's identifiers: one string per scheme of `source_schemes`, "" where it has none
  never,       ///< not content (a label's sections only say which sections its claims cite)
};

/// One field of record T. `group` names the group of a `when_set`/`with_group` field (the fields of one group are
/// adjacent); the name is hashed before the group's fields unless it is empty.
template <class T, class M>
struct record_field {
  std::string_view name;  ///< the KB-file key
  M T::*member;
  hashed hash = hashed::always;
  std::string_view group = {};
};
// spelled out for compilers without class template argument deduction for aggregates (clang before 17)
template <class T, class M>
record_field(std::string_view, M T::*) -> record_field<T, M>;
template <class T, class M>
record_field(std::string_view, M T::*, hashed) -> record_field<T, M>;
template <class T, class M>
record_field(std::string_view, M T::*, hashed, std::string_view) -> record_field<T, M>;

/// Specialised for each record below: `static constexpr auto fields = std::tuple{record_field{...}, ...};`
template <class T>
struct record_fields;

/// T (possibly const) is a record with a field table.
template <class T>
concept has_record_fields = requires { record_fields<std::remove_const_t<T>>::fields; };

template <>
struct record_fields<entity_base> {
  using b = entity_base;
  static constexpr auto fields = std::tuple{
      record_field{"id", &b::id},           record_field{"name", &b::name},
      record_field{"synonyms", &b::synonyms}, record_field{"ids", &b::ids},
      record_field{"sources", &b::sources}, record_field{"lay_name", &b::lay_name, hashed::when_set, "lay_name"}};
};
template <>
struct record_fields<half_life_range> {
  using h = half_life_range;
  static constexpr auto fields = std::tuple{record_field{"low", &h::low}, record_field{"high", &h::high},
                                            record_field{"sources", &h::sources}, record_field{"note", &h::note}};
};
template <>
struct record_fields<drug> {
  using d = drug;
  static constexpr auto fields =
      std::tuple{record_field{"class", &d::drug_class}, record_field{"prodrug", &d::prodrug, hashed::when_set},
                 record_field{"site", &d::site, hashed::when_set},
                 record_field{"site_sources", &d::site_sources, hashed::with_group},
                 record_field{"half_life", &d::half_life, hashed::when_set, "half_life"}};
};
template <>
struct record_fields<target> {
  using t = target;
  static constexpr auto fields = std::tuple{record_field{"type", &t::type}, record_field{"family", &t::family},
                                            record_field{"gene_symbol", &t::gene_symbol},
                                            record_field{"species", &t::species}};
};
template <>
struct record_fields<gene> {
  static constexpr auto fields = std::tuple{record_field{"symbol", &gene::symbol}};
};
template <>
struct record_fields<variant> {
  static constexpr std::tuple<> fields{};
};
template <>
struct record_fields<effect> {
  static constexpr auto fields = std::tuple{record_field{"site", &effect::site, hashed::when_set},
                                            record_field{"combined", &effect::combined, hashed::when_set}};
};
template <>
struct record_fields<condition> {
  static constexpr std::tuple<> fields{};
};
template <>
struct record_fields<drug_class> {
  using c = drug_class;
  static constexpr auto fields = std::tuple{record_field{"inhibitors_of", &c::inhibitors_of},
                                            record_field{"inducers_of", &c::inducers_of},
                                            record_field{"min_strength", &c::min_strength}};
};
template <>
struct record_fields<precondition> {
  using p = precondition;
  static constexpr auto fields = std::tuple{record_field{"kind", &p::kind}, record_field{"min", &p::min},
                                            record_field{"recommended", &p::recommended},
                                            record_field{"note", &p::note}};
};
template <>
struct record_fields<regimen> {
  using r = regimen;
  static constexpr auto fields = std::tuple{
      record_field{"dose", &r::dose},           record_field{"dose_max", &r::dose_max},
      record_field{"every", &r::every},         record_field{"times_per_day", &r::times_per_day},
      record_field{"as_needed", &r::as_needed}, record_field{"route", &r::route},
      record_field{"formulation", &r::formulation}, record_field{"product", &r::product},
      record_field{"population", &r::population}, record_field{"preconditions", &r::preconditions}};
};
template <>
struct record_fields<warning> {
  using w = warning;
  static constexpr auto fields = std::tuple{record_field{"kind", &w::kind}, record_field{"severity", &w::severity},
                                            record_field{"about", &w::about},
                                            record_field{"concerns_action", &w::concerns_action}};
};
template <>
struct record_fields<concept_node> {
  static constexpr auto fields = std::tuple{record_field{"kind", &concept_node::kind_label}};
};
/// A source's fields after its id (its id is written first, its region is not a field).
template <>
struct record_fields<source> {
  using s = source;
  static constexpr auto fields = std::tuple{
      record_field{"kind", &s::kind},           record_field{"title", &s::title},
      record_field{"authors", &s::authors},     record_field{"publisher", &s::publisher},
      record_field{"year", &s::year},           record_field{"ids", &s::ids, hashed::by_scheme},
      record_field{"date", &s::date, hashed::when_set, "revision"},
      record_field{"version", &s::version, hashed::when_set, "revision"},
      record_field{"unverified", &s::unverified}, record_field{"sections", &s::sections, hashed::never}};
};

/// Calls `f(field, value)` for each field of `r` in table order (`field` a `record_field`, `value` the member of
/// `r`, const as `r` is). For an entity kind: its own fields, not those of `entity_base`.
template <class R, class F>
  requires has_record_fields<R>
constexpr void for_each_record_field(R& r, F&& f) {
  std::apply([&](auto const&... fl) { (f(fl, r.*(fl.member)), ...); }, record_fields<std::remove_const_t<R>>::fields);
}

/// `v(name, member)` for each field of `r` (a kind's own fields, a source's fields after its id, a half-life's or
/// a precondition's fields).
template <class V, class R>
  requires has_record_fields<R> && (!std::is_same_v<std::remove_const_t<R>, entity_base>)
void visit_fields(V&& v, R& r) {
  for_each_record_field(r, [&](auto const& f, auto& m) { v(f.name, m); });
}

/// `v(name, member)` for each field every entity has.
template <class V, class E>
  requires std::is_base_of_v<entity_base, std::remove_const_t<E>>
void visit_base_fields(V&& v, E& e) {
  using B = std::conditional_t<std::is_const_v<E>, entity_base const, entity_base>;
  for_each_record_field(static_cast<B&>(e), [&](auto const& f, auto& m) { v(f.name, m); });
}

}  // namespace pharmakon
