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

namespace detail {
/// The names of a stringized enumerator list ("a, b, c,"; comments are gone by then), one at a time.
constexpr std::string_view next_enumerator(std::string_view& list) noexcept {
  constexpr std::string_view space = " \t\n";
  while (!list.empty()) {
    auto comma = list.find(',');
    auto name = list.substr(0, comma);
    list = comma == std::string_view::npos ? std::string_view() : list.substr(comma + 1);
    auto b = name.find_first_not_of(space);
    if (b != std::string_view::npos) return name.substr(b, name.find_last_not_of(space) - b + 1);
  }
  return {};
}
constexpr std::size_t count_enumerators(std::string_view list) noexcept {
  std::size_t n = 0;
  while (!next_enumerator(list).empty()) ++n;
  return n;
}
/// The name table of an enum named by its enumerators, whose values are 0, 1, ... in declaration order.
template <class E, std::size_t N>
constexpr std::array<std::pair<E, std::string_view>, N> enumerator_table(std::string_view list) noexcept {
  std::array<std::pair<E, std::string_view>, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = {E(i), next_enumerator(list)};
  return out;
}
}  // namespace detail

}  // namespace pharmakon

/// Declares `enum class E : std::uint8_t { ... }` and its name table (`enum_table<E>`), each value named as its
/// enumerator is spelled, so the list is written once (use it in namespace pharmakon). An enum with other names
/// (node_kind: `drug_class` is "class") writes its table out.
#define PHARMAKON_NAMED_ENUM(E, ...)                                                                         \
  enum class E : std::uint8_t { __VA_ARGS__ };                                                               \
  template <>                                                                                                \
  struct enum_table<E> {                                                                                     \
    static constexpr auto entries =                                                                          \
        ::pharmakon::detail::enumerator_table<E, ::pharmakon::detail::count_enumerators(#__VA_ARGS__)>(#__VA_ARGS__); \
  }

namespace pharmakon {

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
PHARMAKON_NAMED_ENUM(relation_kind,
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
);
inline constexpr std::size_t relation_kind_count = enum_table<relation_kind>::entries.size();

/// What a drug does at a target. One closed list, mappable to ChEMBL's `action_type` and GtoPdb's `action`
/// (see `to_chembl()`; the importers' vocabularies, `from_chembl()` and `from_gtopdb()`, are in io/import/vocabulary.hpp).
PHARMAKON_NAMED_ENUM(action_type,
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
);

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
PHARMAKON_NAMED_ENUM(modality, unknown, competitive, non_competitive, uncompetitive, allosteric, covalent);

/// Kinds of evidence source.
PHARMAKON_NAMED_ENUM(source_kind, guideline, label, research, review, database, other);

/// Evidence tiers, best first: a claim's tier is the best tier among its sources.
PHARMAKON_NAMED_ENUM(evidence_tier, guideline, label, research, other);
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
PHARMAKON_NAMED_ENUM(target_type, receptor, enzyme, transporter, ion_channel, other);

/// Routes of administration.
PHARMAKON_NAMED_ENUM(route,
  oral, intramuscular, intravenous, subcutaneous, sublingual, buccal, transdermal, intranasal, rectal, inhalation,
  epidural, intrathecal
);

/// Kinds of warning, in the order of a label's emphasis.
PHARMAKON_NAMED_ENUM(warning_kind, boxed_warning, contraindication, warning, precaution);

/// Severity of what a warning is about (or of an interaction).
PHARMAKON_NAMED_ENUM(severity, life_threatening, serious, moderate, minor);

/// Preconditions a regimen sets before its first dose.
PHARMAKON_NAMED_ENUM(precondition_kind, opioid_free, naloxone_challenge, other);

/// What a pharmacogenetic study found about a variant and a drug's response.
PHARMAKON_NAMED_ENUM(pgx_finding, associated, not_associated, inconsistent);

/// The share of a drug's clearance that an enzyme or transporter carries.
PHARMAKON_NAMED_ENUM(pathway, major, minor);

/// How strongly a drug inhibits or induces an enzyme or transporter (the FDA's classes: a strong CYP inhibitor
/// raises a sensitive substrate's AUC at least 5-fold, a moderate one 2- to 5-fold, a weak one 1.25- to 2-fold).
PHARMAKON_NAMED_ENUM(strength, strong, moderate, weak);

/// The severity scale of interactions, most severe first (docs/answers.md): contraindicated (a label forbids
/// the combination), major (life-threatening, or a label says avoid), moderate (adjust or monitor), minor.
PHARMAKON_NAMED_ENUM(interaction_severity, contraindicated, major, moderate, minor);

/// What to do about an interaction, most restrictive first.
PHARMAKON_NAMED_ENUM(management, avoid, adjust_dose, monitor, none);

/// Which way an effect or an exposure changes.
PHARMAKON_NAMED_ENUM(direction, increase, decrease);

/// Where a drug acts, or where an effect arises: `peripheral` drugs do not cross the blood-brain barrier to a
/// relevant extent, so they block only peripheral effects.
PHARMAKON_NAMED_ENUM(site, unspecified, central, peripheral);

}  // namespace pharmakon

/// Every named enum prints with its canonical name.
template <pharmakon::named_enum E>
struct fmt::formatter<E> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(E e, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(pharmakon::to_string(e), ctx);
  }
};
