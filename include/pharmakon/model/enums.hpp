#pragma once
/// \file enums.hpp
/// The closed vocabularies of the model. Each enum has exactly one name table (`enum_table<E>`), used for
/// parsing, printing, error messages and the bindings, so a spelling lives in one place only.

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include <fmt/format.h>

namespace pharmakon {

template <class E>
struct enum_table;  // specialised below: `static constexpr std::array<std::pair<E, std::string_view>, N> entries`

template <class E>
concept named_enum = requires { enum_table<E>::entries; };

/// The canonical name of an enum value (the spelling used in knowledge-base files).
template <named_enum E>
constexpr std::string_view to_string(E e) noexcept {
  for (auto const& [value, name] : enum_table<E>::entries)
    if (value == e) return name;
  return "?";
}

/// Parses a canonical name; exact match, no case folding (files are reviewed text: one spelling).
template <named_enum E>
constexpr std::optional<E> parse_enum(std::string_view s) noexcept {
  for (auto const& [value, name] : enum_table<E>::entries)
    if (name == s) return value;
  return std::nullopt;
}

/// "a | b | c": the accepted spellings, for "expected ..." messages.
template <named_enum E>
std::string enum_choices() {
  std::string out;
  for (auto const& [value, name] : enum_table<E>::entries) {
    if (!out.empty()) out += " | ";
    out += name;
  }
  return out;
}

/// Every value of an enum, in table order.
template <named_enum E>
constexpr auto enum_values() noexcept {
  std::array<E, enum_table<E>::entries.size()> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = enum_table<E>::entries[i].first;
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
/// Node kinds of the graph. Vertices of a frozen graph are grouped by kind in this order.
enum class node_kind : std::uint8_t {
  drug, target, gene, variant, effect, condition, regimen, warning, drug_class, concept_node
};
template <>
struct enum_table<node_kind> {
  static constexpr std::array<std::pair<node_kind, std::string_view>, 10> entries{{
      {node_kind::drug, "drug"},
      {node_kind::target, "target"},
      {node_kind::gene, "gene"},
      {node_kind::variant, "variant"},
      {node_kind::effect, "effect"},
      {node_kind::condition, "condition"},
      {node_kind::regimen, "regimen"},
      {node_kind::warning, "warning"},
      {node_kind::drug_class, "class"},
      {node_kind::concept_node, "concept"},
  }};
};
inline constexpr std::size_t node_kind_count = enum_table<node_kind>::entries.size();

/// Relation kinds; each is typed by the node kinds it joins (see relations.hpp).
enum class relation_kind : std::uint8_t {
  acts_on,            ///< drug -> target, with an action
  encoded_by,         ///< target -> gene
  variant_of,         ///< variant -> gene
  produces,           ///< drug -> effect
  blocks,             ///< drug -> effect
  reduces,            ///< drug -> effect
  mediated_by,        ///< effect -> target
  indicated_for,      ///< drug -> condition
  dosed_as,           ///< drug -> regimen
  regimen_for,        ///< regimen -> condition
  carries,            ///< drug -> warning
  concerns,           ///< warning -> target
  modulates_response, ///< variant -> drug
  member_of,          ///< drug -> drug class
  substrate_of,       ///< drug -> enzyme or transporter that clears it, with the pathway's share
  inhibits,           ///< drug -> enzyme or transporter it inhibits (pharmacokinetic perpetrator), with a strength
  induces,            ///< drug -> enzyme or transporter it induces, with a strength
  has_metabolite,     ///< drug -> drug formed from it (by which enzyme; active or not)
  interacts_with,     ///< drug or class -> drug or class: an interaction a label or guideline states
  related,            ///< any -> any, with the original label (imported data)
};
template <>
struct enum_table<relation_kind> {
  static constexpr std::array<std::pair<relation_kind, std::string_view>, 20> entries{{
      {relation_kind::acts_on, "acts_on"},
      {relation_kind::encoded_by, "encoded_by"},
      {relation_kind::variant_of, "variant_of"},
      {relation_kind::produces, "produces"},
      {relation_kind::blocks, "blocks"},
      {relation_kind::reduces, "reduces"},
      {relation_kind::mediated_by, "mediated_by"},
      {relation_kind::indicated_for, "indicated_for"},
      {relation_kind::dosed_as, "dosed_as"},
      {relation_kind::regimen_for, "regimen_for"},
      {relation_kind::carries, "carries"},
      {relation_kind::concerns, "concerns"},
      {relation_kind::modulates_response, "modulates_response"},
      {relation_kind::member_of, "member_of"},
      {relation_kind::substrate_of, "substrate_of"},
      {relation_kind::inhibits, "inhibits"},
      {relation_kind::induces, "induces"},
      {relation_kind::has_metabolite, "has_metabolite"},
      {relation_kind::interacts_with, "interacts_with"},
      {relation_kind::related, "related"},
  }};
};
inline constexpr std::size_t relation_kind_count = enum_table<relation_kind>::entries.size();

/// What a drug does at a target. One closed list, mappable to ChEMBL's `action_type` and GtoPdb's `action`
/// (see `to_chembl()`; the importers' vocabularies, `from_chembl()` and `from_gtopdb()`, are in io/import/vocabulary.hpp).
enum class action_type : std::uint8_t {
  agonist,
  full_agonist,
  partial_agonist,
  biased_agonist,
  inverse_agonist,
  antagonist,
  allosteric_antagonist,
  positive_allosteric_modulator,
  negative_allosteric_modulator,
  modulator,
  inhibitor,
  irreversible_inhibitor,
  blocker,
  opener,
  activator,
  releasing_agent,
  binding_agent,
  substrate,
  other,
};
template <>
struct enum_table<action_type> {
  static constexpr std::array<std::pair<action_type, std::string_view>, 19> entries{{
      {action_type::agonist, "agonist"},
      {action_type::full_agonist, "full_agonist"},
      {action_type::partial_agonist, "partial_agonist"},
      {action_type::biased_agonist, "biased_agonist"},
      {action_type::inverse_agonist, "inverse_agonist"},
      {action_type::antagonist, "antagonist"},
      {action_type::allosteric_antagonist, "allosteric_antagonist"},
      {action_type::positive_allosteric_modulator, "positive_allosteric_modulator"},
      {action_type::negative_allosteric_modulator, "negative_allosteric_modulator"},
      {action_type::modulator, "modulator"},
      {action_type::inhibitor, "inhibitor"},
      {action_type::irreversible_inhibitor, "irreversible_inhibitor"},
      {action_type::blocker, "blocker"},
      {action_type::opener, "opener"},
      {action_type::activator, "activator"},
      {action_type::releasing_agent, "releasing_agent"},
      {action_type::binding_agent, "binding_agent"},
      {action_type::substrate, "substrate"},
      {action_type::other, "other"},
  }};
};

/// True for actions that activate the receptor (any degree of intrinsic efficacy).
constexpr bool is_agonist(action_type a) noexcept {
  return a == action_type::agonist || a == action_type::full_agonist || a == action_type::partial_agonist ||
         a == action_type::biased_agonist;
}
/// True for actions that occupy the receptor and prevent its activation by an agonist.
constexpr bool is_antagonist(action_type a) noexcept {
  return a == action_type::antagonist || a == action_type::allosteric_antagonist ||
         a == action_type::inverse_agonist || a == action_type::negative_allosteric_modulator;
}

/// ChEMBL `action_type` spelling of an action (ChEMBL has no separate full/biased agonist: both are AGONIST).
constexpr std::string_view to_chembl(action_type a) noexcept {
  switch (a) {
    case action_type::agonist:
    case action_type::full_agonist:
    case action_type::biased_agonist: return "AGONIST";
    case action_type::partial_agonist: return "PARTIAL AGONIST";
    case action_type::inverse_agonist: return "INVERSE AGONIST";
    case action_type::antagonist: return "ANTAGONIST";
    case action_type::allosteric_antagonist: return "ALLOSTERIC ANTAGONIST";
    case action_type::positive_allosteric_modulator: return "POSITIVE ALLOSTERIC MODULATOR";
    case action_type::negative_allosteric_modulator: return "NEGATIVE ALLOSTERIC MODULATOR";
    case action_type::modulator: return "MODULATOR";
    case action_type::inhibitor:
    case action_type::irreversible_inhibitor: return "INHIBITOR";
    case action_type::blocker: return "BLOCKER";
    case action_type::opener: return "OPENER";
    case action_type::activator: return "ACTIVATOR";
    case action_type::releasing_agent: return "RELEASING AGENT";
    case action_type::binding_agent: return "BINDING AGENT";
    case action_type::substrate: return "SUBSTRATE";
    case action_type::other: return "OTHER";
  }
  return "OTHER";
}

/// How the drug competes with the endogenous ligand.
enum class modality : std::uint8_t { unknown, competitive, non_competitive, uncompetitive, allosteric, covalent };
template <>
struct enum_table<modality> {
  static constexpr std::array<std::pair<modality, std::string_view>, 6> entries{{
      {modality::unknown, "unknown"},
      {modality::competitive, "competitive"},
      {modality::non_competitive, "non_competitive"},
      {modality::uncompetitive, "uncompetitive"},
      {modality::allosteric, "allosteric"},
      {modality::covalent, "covalent"},
  }};
};

/// Kinds of evidence source.
enum class source_kind : std::uint8_t { guideline, label, research, review, database, other };
template <>
struct enum_table<source_kind> {
  static constexpr std::array<std::pair<source_kind, std::string_view>, 6> entries{{
      {source_kind::guideline, "guideline"},
      {source_kind::label, "label"},
      {source_kind::research, "research"},
      {source_kind::review, "review"},
      {source_kind::database, "database"},
      {source_kind::other, "other"},
  }};
};

/// Evidence tiers, best first: a claim's tier is the best tier among its sources.
enum class evidence_tier : std::uint8_t { guideline, label, research, other };
template <>
struct enum_table<evidence_tier> {
  static constexpr std::array<std::pair<evidence_tier, std::string_view>, 4> entries{{
      {evidence_tier::guideline, "guideline"},
      {evidence_tier::label, "label"},
      {evidence_tier::research, "research"},
      {evidence_tier::other, "other"},
  }};
};
constexpr evidence_tier tier_of(source_kind k) noexcept {
  switch (k) {
    case source_kind::guideline: return evidence_tier::guideline;
    case source_kind::label: return evidence_tier::label;
    case source_kind::research:
    case source_kind::review: return evidence_tier::research;
    case source_kind::database:
    case source_kind::other: return evidence_tier::other;
  }
  return evidence_tier::other;
}

/// What kind of molecule a target is.
enum class target_type : std::uint8_t { receptor, enzyme, transporter, ion_channel, other };
template <>
struct enum_table<target_type> {
  static constexpr std::array<std::pair<target_type, std::string_view>, 5> entries{{
      {target_type::receptor, "receptor"},
      {target_type::enzyme, "enzyme"},
      {target_type::transporter, "transporter"},
      {target_type::ion_channel, "ion_channel"},
      {target_type::other, "other"},
  }};
};

/// Routes of administration.
enum class route : std::uint8_t {
  oral, intramuscular, intravenous, subcutaneous, sublingual, buccal, transdermal, intranasal, rectal, inhalation,
  epidural, intrathecal
};
template <>
struct enum_table<route> {
  static constexpr std::array<std::pair<route, std::string_view>, 12> entries{{
      {route::oral, "oral"},
      {route::intramuscular, "intramuscular"},
      {route::intravenous, "intravenous"},
      {route::subcutaneous, "subcutaneous"},
      {route::sublingual, "sublingual"},
      {route::buccal, "buccal"},
      {route::transdermal, "transdermal"},
      {route::intranasal, "intranasal"},
      {route::rectal, "rectal"},
      {route::inhalation, "inhalation"},
      {route::epidural, "epidural"},
      {route::intrathecal, "intrathecal"},
  }};
};

/// Kinds of warning, in the order of a label's emphasis.
enum class warning_kind : std::uint8_t { boxed_warning, contraindication, warning, precaution };
template <>
struct enum_table<warning_kind> {
  static constexpr std::array<std::pair<warning_kind, std::string_view>, 4> entries{{
      {warning_kind::boxed_warning, "boxed_warning"},
      {warning_kind::contraindication, "contraindication"},
      {warning_kind::warning, "warning"},
      {warning_kind::precaution, "precaution"},
  }};
};

/// Severity of what a warning is about (or of an interaction).
enum class severity : std::uint8_t { life_threatening, serious, moderate, minor };
template <>
struct enum_table<severity> {
  static constexpr std::array<std::pair<severity, std::string_view>, 4> entries{{
      {severity::life_threatening, "life_threatening"},
      {severity::serious, "serious"},
      {severity::moderate, "moderate"},
      {severity::minor, "minor"},
  }};
};

/// Preconditions a regimen sets before its first dose.
enum class precondition_kind : std::uint8_t { opioid_free, naloxone_challenge, other };
template <>
struct enum_table<precondition_kind> {
  static constexpr std::array<std::pair<precondition_kind, std::string_view>, 3> entries{{
      {precondition_kind::opioid_free, "opioid_free"},
      {precondition_kind::naloxone_challenge, "naloxone_challenge"},
      {precondition_kind::other, "other"},
  }};
};

/// What a pharmacogenetic study found about a variant and a drug's response.
enum class pgx_finding : std::uint8_t { associated, not_associated, inconsistent };
template <>
struct enum_table<pgx_finding> {
  static constexpr std::array<std::pair<pgx_finding, std::string_view>, 3> entries{{
      {pgx_finding::associated, "associated"},
      {pgx_finding::not_associated, "not_associated"},
      {pgx_finding::inconsistent, "inconsistent"},
  }};
};

/// The share of a drug's clearance that an enzyme or transporter carries.
enum class pathway : std::uint8_t { major, minor };
template <>
struct enum_table<pathway> {
  static constexpr std::array<std::pair<pathway, std::string_view>, 2> entries{{
      {pathway::major, "major"},
      {pathway::minor, "minor"},
  }};
};

/// How strongly a drug inhibits or induces an enzyme or transporter (the FDA's classes: a strong CYP inhibitor
/// raises a sensitive substrate's AUC at least 5-fold, a moderate one 2- to 5-fold, a weak one 1.25- to 2-fold).
enum class strength : std::uint8_t { strong, moderate, weak };
template <>
struct enum_table<strength> {
  static constexpr std::array<std::pair<strength, std::string_view>, 3> entries{{
      {strength::strong, "strong"},
      {strength::moderate, "moderate"},
      {strength::weak, "weak"},
  }};
};

/// The severity scale of interactions, most severe first (docs/answers.md): contraindicated (a label forbids
/// the combination), major (life-threatening, or a label says avoid), moderate (adjust or monitor), minor.
enum class interaction_severity : std::uint8_t { contraindicated, major, moderate, minor };
template <>
struct enum_table<interaction_severity> {
  static constexpr std::array<std::pair<interaction_severity, std::string_view>, 4> entries{{
      {interaction_severity::contraindicated, "contraindicated"},
      {interaction_severity::major, "major"},
      {interaction_severity::moderate, "moderate"},
      {interaction_severity::minor, "minor"},
  }};
};

/// What to do about an interaction, most restrictive first.
enum class management : std::uint8_t { avoid, adjust_dose, monitor, none };
template <>
struct enum_table<management> {
  static constexpr std::array<std::pair<management, std::string_view>, 4> entries{{
      {management::avoid, "avoid"},
      {management::adjust_dose, "adjust_dose"},
      {management::monitor, "monitor"},
      {management::none, "none"},
  }};
};

/// Which way an effect or an exposure changes.
enum class direction : std::uint8_t { increase, decrease };
template <>
struct enum_table<direction> {
  static constexpr std::array<std::pair<direction, std::string_view>, 2> entries{{
      {direction::increase, "increase"},
      {direction::decrease, "decrease"},
  }};
};

/// Where a drug acts, or where an effect arises: `peripheral` drugs do not cross the blood-brain barrier to a
/// relevant extent, so they block only peripheral effects.
enum class site : std::uint8_t { unspecified, central, peripheral };
template <>
struct enum_table<site> {
  static constexpr std::array<std::pair<site, std::string_view>, 3> entries{{
      {site::unspecified, "unspecified"},
      {site::central, "central"},
      {site::peripheral, "peripheral"},
  }};
};

}  // namespace pharmakon

/// Every named enum prints with its canonical name.
template <pharmakon::named_enum E>
struct fmt::formatter<E> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(E e, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(pharmakon::to_string(e), ctx);
  }
};
