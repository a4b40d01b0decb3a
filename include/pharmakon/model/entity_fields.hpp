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

/// Specialises `record_fields<T>` with the fields given (`r` names T in them: `record_field{"dose", &r::dose}`).
#define PHARMAKON_RECORD_FIELDS(T, ...)                   \
  template <>                                             \
  struct record_fields<T> {                               \
    using r = T;                                          \
    static constexpr auto fields = std::tuple{__VA_ARGS__}; \
  }

PHARMAKON_RECORD_FIELDS(entity_base, record_field{"id", &r::id}, record_field{"name", &r::name},
    record_field{"synonyms", &r::synonyms}, record_field{"ids", &r::ids}, record_field{"sources", &r::sources},
    record_field{"lay_name", &r::lay_name, hashed::when_set, "lay_name"});
PHARMAKON_RECORD_FIELDS(half_life_range, record_field{"low", &r::low}, record_field{"high", &r::high},
    record_field{"sources", &r::sources}, record_field{"note", &r::note});
PHARMAKON_RECORD_FIELDS(drug, record_field{"class", &r::drug_class},
    record_field{"prodrug", &r::prodrug, hashed::when_set}, record_field{"site", &r::site, hashed::when_set},
    record_field{"site_sources", &r::site_sources, hashed::with_group},
    record_field{"half_life", &r::half_life, hashed::when_set, "half_life"});
PHARMAKON_RECORD_FIELDS(target, record_field{"type", &r::type}, record_field{"family", &r::family},
    record_field{"gene_symbol", &r::gene_symbol}, record_field{"species", &r::species});
PHARMAKON_RECORD_FIELDS(gene, record_field{"symbol", &r::symbol});
PHARMAKON_RECORD_FIELDS(variant);
PHARMAKON_RECORD_FIELDS(effect, record_field{"site", &r::site, hashed::when_set},
    record_field{"combined", &r::combined, hashed::when_set});
PHARMAKON_RECORD_FIELDS(condition);
PHARMAKON_RECORD_FIELDS(drug_class, record_field{"inhibitors_of", &r::inhibitors_of},
    record_field{"inducers_of", &r::inducers_of}, record_field{"min_strength", &r::min_strength});
PHARMAKON_RECORD_FIELDS(precondition, record_field{"kind", &r::kind}, record_field{"min", &r::min},
    record_field{"recommended", &r::recommended}, record_field{"note", &r::note});
PHARMAKON_RECORD_FIELDS(regimen, record_field{"dose", &r::dose}, record_field{"dose_max", &r::dose_max},
    record_field{"max_daily", &r::max_daily, hashed::when_set, "max_daily"},
    record_field{"every", &r::every}, record_field{"times_per_day", &r::times_per_day},
    record_field{"as_needed", &r::as_needed}, record_field{"route", &r::route},
    record_field{"formulation", &r::formulation}, record_field{"product", &r::product},
    record_field{"population", &r::population}, record_field{"preconditions", &r::preconditions},
    record_field{"min_age", &r::min_age, hashed::when_set, "ages"}, record_field{"max_age", &r::max_age, hashed::when_set, "ages"});
PHARMAKON_RECORD_FIELDS(warning, record_field{"kind", &r::kind}, record_field{"severity", &r::severity},
    record_field{"about", &r::about}, record_field{"concerns_action", &r::concerns_action},
    record_field{"min_age", &r::min_age, hashed::when_set, "ages"}, record_field{"max_age", &r::max_age, hashed::when_set, "ages"});
PHARMAKON_RECORD_FIELDS(concept_node, record_field{"kind", &r::kind_label});
/// A source's fields after its id (its id is written first, its region is not a field).
PHARMAKON_RECORD_FIELDS(source, record_field{"kind", &r::kind}, record_field{"title", &r::title},
    record_field{"authors", &r::authors}, record_field{"publisher", &r::publisher}, record_field{"year", &r::year},
    record_field{"ids", &r::ids, hashed::by_scheme}, record_field{"date", &r::date, hashed::when_set, "revision"},
    record_field{"version", &r::version, hashed::when_set, "revision"}, record_field{"unverified", &r::unverified},
    record_field{"sections", &r::sections, hashed::never},
    record_field{"title_unverified", &r::title_unverified, hashed::when_set, "title_unverified"});

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
