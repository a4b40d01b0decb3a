#pragma once
/// \file relations.hpp
/// Relation kinds as types. Each tag names the node kinds it joins and its payload; the typed queries of
/// `knowledge_base` take a tag, so asking for the targets of a gene through `acts_on` does not compile.

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "describe.hpp"
#include "entities.hpp"
#include "enums.hpp"
#include "units.hpp"

namespace pharmakon {

/// How an affinity was measured. p-measures are -log10(molar) and carry no unit.
PHARMAKON_NAMED_ENUM(affinity_measure, Ki, Kd, IC50, EC50, pKi, pKd, pIC50, pEC50);
constexpr bool is_p_measure(affinity_measure m) noexcept { return m >= affinity_measure::pKi; }

/// A measured affinity, with its own sources. `value` is a single figure (median); `low`/`high` a range.
/// For Ki/Kd/IC50/EC50 the unit is a molar concentration (nM...); p-measures have none.
struct affinity {
  affinity_measure measure = affinity_measure::pKi;
  std::optional<double> value;
  std::optional<double> low;
  std::optional<double> high;
  std::optional<unit> conc_unit;  ///< for Ki/Kd/IC50/EC50
  std::string species;
  std::vector<source_id> sources;

  /// The central figure: `value`, else the midpoint of [low, high].
  double central() const noexcept {
    if (value) return *value;
    if (low && high) return (*low + *high) / 2;
    return low ? *low : (high ? *high : NAN);
  }
  /// The affinity on the p-scale (-log10 molar), so values of different measures compare; higher = tighter.
  double p_value() const noexcept {
    double c = central();
    if (is_p_measure(measure)) return c;
    double nanomolar = quantity{c, conc_unit.value_or(unit::nM)}.base_value();
    return 9.0 - std::log10(nanomolar);
  }
};

/// What a drug does at a target.
struct action {
  action_type type = action_type::other;
  pharmakon::modality modality = pharmakon::modality::unknown;
  std::optional<bool> reversible;
  std::optional<bool> surmountable;
  std::optional<double> efficacy;  ///< intrinsic efficacy, 0 (none: a "pure" antagonist) .. 1 (full agonist)
  std::vector<affinity> affinities;

  /// The tightest affinity on the p-scale, if any was given.
  std::optional<double> best_p_affinity() const noexcept {
    std::optional<double> best;
    for (auto const& a : affinities) {
      double p = a.p_value();
      if (!std::isnan(p) && (!best || p > *best)) best = p;
    }
    return best;
  }
};

/// Payload of `indicated_for`.
struct indication {
  std::string adjunct;  ///< what the treatment should be combined with, e.g. "psychosocial support"
};

/// Payload of `modulates_response`.
struct pgx_effect {
  pgx_finding finding = pgx_finding::associated;
  std::string outcome;
};

/// Payload of `related`: the original relation label of imported data (e.g. Hetionet's "participates").
struct related_label {
  std::string label;
};

/// Payload of `substrate_of`: how much of the drug's clearance the enzyme or transporter carries.
struct clearance {
  pharmakon::pathway pathway = pharmakon::pathway::major;
  bool sensitive = false;  ///< the FDA lists the drug as a sensitive substrate of this enzyme
};
/// Payload of `inhibits` and `induces`.
struct modulation {
  pharmakon::strength strength = pharmakon::strength::moderate;
};
/// Payload of `has_metabolite`.
struct metabolite_formation {
  std::optional<bool> active;  ///< pharmacologically active, as the source says (unknown when it does not)
  std::string formed_by;       ///< id of the enzyme that forms it, or empty
};
/// Payload of `interacts_with`: an interaction as a label or guideline states it.
struct stated_interaction {
  interaction_severity severity = interaction_severity::moderate;
  pharmakon::management management = pharmakon::management::monitor;
  pharmakon::direction direction = pharmakon::direction::increase;
  bool intended = false;    ///< the combination is used on purpose (naloxone for an overdose, a PAMORA)
  std::string effect;       ///< id of the effect that changes, or empty
  std::string exposure_of;  ///< id of the drug whose exposure changes, or empty
  std::string advice;       ///< what to do, in the curator's words
};

template <> struct description<indication> {
  static constexpr auto fields = std::tuple{field{"adjunct", &indication::adjunct}};
};
template <> struct description<pgx_effect> {
  static constexpr auto fields = std::tuple{field{"finding", &pgx_effect::finding}, field{"outcome", &pgx_effect::outcome}};
};
template <> struct description<related_label> {
  static constexpr auto fields = std::tuple{field{"label", &related_label::label}};
};
template <> struct description<clearance> {
  static constexpr auto fields = std::tuple{field{"pathway", &clearance::pathway}, field{"sensitive", &clearance::sensitive}};
};
template <> struct description<modulation> {
  static constexpr auto fields = std::tuple{field{"strength", &modulation::strength}};
};
template <> struct description<metabolite_formation> {
  static constexpr auto fields =
      std::tuple{field{"active", &metabolite_formation::active}, field{"formed_by", &metabolite_formation::formed_by}};
};
template <> struct description<stated_interaction> {
  static constexpr auto fields = std::tuple{
      field{"severity", &stated_interaction::severity},       field{"management", &stated_interaction::management},
      field{"direction", &stated_interaction::direction},     field{"intended", &stated_interaction::intended},
      field{"effect", &stated_interaction::effect},           field{"exposure_of", &stated_interaction::exposure_of},
      field{"advice", &stated_interaction::advice}};
};

/// The relation tags.
namespace rel {
#define PHARMAKON_RELATION(NAME, FROM, TO, PAYLOAD)                        \
  struct NAME {                                                            \
    static constexpr relation_kind kind = relation_kind::NAME;             \
    using from = FROM;                                                     \
    using to = TO;                                                         \
    using payload = PAYLOAD;                                               \
  }
PHARMAKON_RELATION(acts_on, drug, target, action);
PHARMAKON_RELATION(encoded_by, target, gene, void);
PHARMAKON_RELATION(variant_of, variant, gene, void);
PHARMAKON_RELATION(produces, drug, effect, void);
PHARMAKON_RELATION(blocks, drug, effect, void);
PHARMAKON_RELATION(reduces, drug, effect, void);
PHARMAKON_RELATION(mediated_by, effect, target, void);
PHARMAKON_RELATION(indicated_for, drug, condition, indication);
PHARMAKON_RELATION(dosed_as, drug, regimen, void);
PHARMAKON_RELATION(regimen_for, regimen, condition, void);
PHARMAKON_RELATION(carries, drug, warning, void);
PHARMAKON_RELATION(concerns, warning, target, void);
PHARMAKON_RELATION(modulates_response, variant, drug, pgx_effect);
PHARMAKON_RELATION(member_of, drug, drug_class, void);
PHARMAKON_RELATION(substrate_of, drug, target, clearance);
PHARMAKON_RELATION(inhibits, drug, target, modulation);
PHARMAKON_RELATION(induces, drug, target, modulation);
PHARMAKON_RELATION(has_metabolite, drug, drug, metabolite_formation);
#undef PHARMAKON_RELATION
/// An interaction that a label or guideline states; its ends are drugs or drug classes (`any_node`).
struct interacts_with {
  static constexpr relation_kind kind = relation_kind::interacts_with;
  using from = void;
  using to = void;
  using payload = stated_interaction;
};
/// Generic relation between any two nodes (imported data); its endpoints are `any_node`.
struct related {
  static constexpr relation_kind kind = relation_kind::related;
  using from = void;
  using to = void;
  using payload = related_label;
};
}  // namespace rel

/// A relation tag.
template <class R>
concept relation = requires {
  { R::kind } -> std::convertible_to<relation_kind>;
  typename R::from;
  typename R::to;
  typename R::payload;
};

namespace detail {
template <class E>
struct endpoint {
  using type = node_id<E>;
};
template <>
struct endpoint<void> {
  using type = any_node;
};
}  // namespace detail

/// The handle type at the `from` / `to` end of relation R.
template <relation R>
using from_id_t = typename detail::endpoint<typename R::from>::type;
template <relation R>
using to_id_t = typename detail::endpoint<typename R::to>::type;

}  // namespace pharmakon
