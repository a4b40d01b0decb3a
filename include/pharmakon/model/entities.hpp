#pragma once
/// \file entities.hpp
/// The node kinds of the model, each a plain struct with its own fields, and the evidence sources.
/// Every entity keeps the `source_region` it was declared at, so checks after parsing can still point at
/// file:line:column.

#include <algorithm>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "enums.hpp"
#include "ids.hpp"
#include "source_region.hpp"
#include "units.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

/// An external identifier of an entity, e.g. {"chembl", "CHEMBL19019"} or {"gtopdb_ligand", "1639"}.
struct identifier {
  std::string scheme;
  std::string value;
  friend bool operator==(identifier const&, identifier const&) = default;
};

/// The value of identifier `scheme` in `ids`, if there is one.
inline std::optional<std::string_view> identifier_in(std::vector<identifier> const& ids, std::string_view scheme) noexcept {
  for (auto const& i : ids)
    if (i.scheme == scheme) return std::string_view(i.value);
  return std::nullopt;
}

/// Fields every entity has.
struct entity_base {
  std::string id;                     ///< stable string id with its kind prefix, e.g. "drug:naltrexone"
  std::string name;                   ///< preferred name
  std::string lay_name;               ///< the name in plain words for patients ("the brain's main opioid receptor"); may be empty
  std::vector<std::string> synonyms;  ///< brand names, abbreviations, Greek letters; all searchable
  std::vector<identifier> ids;        ///< external identifiers
  std::vector<source_id> sources;     ///< sources of the entity's own statements (identity, classification)
  source_region region;               ///< where it was declared

  /// The value of identifier `scheme`, if the entity has one.
  std::optional<std::string_view> identifier_of(std::string_view scheme) const noexcept {
    return identifier_in(ids, scheme);
  }
};

/// A half-life as its sources give it: a range [low, high], or one value (low == high), with its own sources.
struct half_life_range {
  quantity low;   ///< a time
  quantity high;  ///< a time, at least `low`
  std::vector<source_id> sources;
  std::string note;
  bool single() const noexcept { return low == high; }
  friend bool operator==(half_life_range const&, half_life_range const&) = default;
};

struct drug : entity_base {
  std::string drug_class;  ///< e.g. "opioid receptor antagonist" (free text; typed classes are `member_of` claims)
  bool prodrug = false;    ///< acts mainly through an active metabolite (`has_metabolite`)
  pharmakon::site site = pharmakon::site::unspecified;  ///< peripheral: does not reach the brain to a relevant extent
  std::vector<source_id> site_sources;                  ///< the sources of `site` (required when it is given)
  std::optional<half_life_range> half_life;             ///< elimination half-life
};

struct target : entity_base {
  target_type type = target_type::other;
  std::string family;       ///< e.g. "opioid receptors"; for sigma-1: a non-opioid family
  std::string gene_symbol;  ///< e.g. "OPRM1" (the gene entity is reached through `encoded_by`)
  std::string species;      ///< e.g. "human"
};

struct gene : entity_base {
  std::string symbol;  ///< HGNC symbol
};

struct variant : entity_base {};
struct effect : entity_base {
  pharmakon::site site = pharmakon::site::unspecified;  ///< where the effect arises (a peripheral antagonist blocks
                                                        ///< only peripheral effects)
  /// The severity pharmakon gives two drugs that both produce this effect through different targets, when no
  /// label states the combination (e.g. major for respiratory depression); none: such effects do not add up.
  std::optional<interaction_severity> combined;
};
struct condition : entity_base {};

/// Something that must hold before the first dose of a regimen.
/// Whether `age` is in the range [min_age, max_age) a regimen or a warning states (an unset end: no bound).
inline bool in_age_range(std::optional<quantity> const& min_age, std::optional<quantity> const& max_age,
                         quantity const& age) noexcept {
  double a = age.base_value();
  return (!min_age || a >= min_age->base_value()) && (!max_age || a < max_age->base_value());
}

struct precondition {
  precondition_kind kind = precondition_kind::other;
  std::optional<quantity> min;          ///< e.g. opioid-free for at least 7 d
  std::optional<quantity> recommended;  ///< e.g. 10 d
  std::string note;
};

/// A dosing regimen. A fixed dose has no `dose_max`; a range is [dose, dose_max].
/// The interval is `every`, or 24 h / `times_per_day` when the source gives a daily frequency.
struct regimen : entity_base {
  quantity dose;                    ///< mass or volume per administration
  std::optional<quantity> dose_max; ///< upper end of a dose range
  std::optional<quantity> max_daily; ///< labeled maximum total dose in 24 h (same dimension as `dose`), where the source states one
  std::optional<quantity> every;    ///< dosing interval (absent for one-off / as-needed use)
  std::optional<int> times_per_day; ///< "three times daily", when the source states a frequency, not an interval
  bool as_needed = false;           ///< repeated as needed (e.g. naloxone for overdose)
  pharmakon::route route = pharmakon::route::oral;
  std::string formulation;          ///< e.g. "extended-release injectable suspension"
  std::string product;              ///< e.g. "Vivitrol"
  std::string population;           ///< e.g. "adults"
  /// The ages the regimen is for, where its source states them in years: [min_age, max_age) ("12 years and
  /// older" is min_age 12 y; "younger than 18" is max_age 18 y). "adults" alone sets neither.
  std::optional<quantity> min_age;
  std::optional<quantity> max_age;
  std::vector<precondition> preconditions;
  /// Whether the regimen states an age range, and whether `age` is in it (true when it states none).
  bool states_ages() const noexcept { return min_age || max_age; }
  bool for_age(quantity const& age) const noexcept { return in_age_range(min_age, max_age, age); }

  /// The dosing interval, from `every` or `times_per_day`.
  std::optional<quantity> interval() const noexcept {
    if (every) return every;
    if (times_per_day && *times_per_day > 0) return quantity{24.0 / *times_per_day, unit::h};
    return std::nullopt;
  }
};

struct warning : entity_base {
  warning_kind kind = warning_kind::warning;
  pharmakon::severity severity = pharmakon::severity::serious;
  std::string about;                           ///< what it is about, in the curator's words
  std::vector<action_type> concerns_action;    ///< co-administered actions it applies to (with `concerns` targets)
  /// The ages it applies to, where its source states them: [min_age, max_age) ("contraindicated in children
  /// younger than 12 years" is max_age 12 y). Unset: every age.
  std::optional<quantity> min_age;
  std::optional<quantity> max_age;
  /// Whether it states an age range, and whether `age` is in it (true when it states none).
  bool states_ages() const noexcept { return min_age || max_age; }
  bool for_age(quantity const& age) const noexcept { return in_age_range(min_age, max_age, age); }
};

/// A drug class ("benzodiazepines", "strong CYP3A4 inhibitors"). Members are stated by `member_of` claims, or,
/// for a class defined by a pharmacokinetic rule, are every drug that `inhibits` (or `induces`) the target
/// `inhibitors_of` (`inducers_of`) with at least `min_strength`.
struct drug_class : entity_base {
  std::string inhibitors_of;  ///< a target id, or empty
  std::string inducers_of;    ///< a target id, or empty
  strength min_strength = strength::weak;
  bool defined_by_rule() const noexcept { return !inhibitors_of.empty() || !inducers_of.empty(); }
};

/// An entity of a kind the model has no type for (e.g. an imported Pathway); `kind_label` keeps its kind.
struct concept_node : entity_base {
  std::string kind_label;
};

/// The identifier schemes of a source, in the order they are stored, hashed, exported and cited; the KB-file keys
/// and KGX columns of the same names. `url` is cited only when there is no other identifier.
inline constexpr std::array<std::string_view, 7> source_schemes{"pmid",          "doi", "dailymed_setid", "nda", "url",
                                                                "gtopdb_ligand", "gtopdb_target"};

/// An evidence source. At least one identifier, or (guideline) title + year + publisher.
struct source {
  std::string id;  ///< e.g. "src:pmid:12813472"
  source_kind kind = source_kind::other;
  std::string title;
  std::string authors;
  std::string publisher;  ///< issuing body
  int year = 0;
  std::vector<identifier> ids;  ///< its identifiers (schemes of `source_schemes`), in that order; set_identifier keeps it so
  std::string date;     ///< for a label: its revision date, "YYYY-MM-DD" or "YYYY-MM"; may be empty
  std::string version;  ///< for a label: its DailyMed version; may be empty
  bool unverified = false;  ///< the identifier could not be checked against a public record
  bool title_unverified = false;  ///< the identifier was checked, but no public record showed the title
  /// For a label: the sections the claims citing it come from, normalised (model/label_sections.hpp: "boxed_warning",
  /// "7", "5.1").
  std::vector<std::string> sections;
  source_region region;

  evidence_tier tier() const noexcept { return tier_of(kind); }

  /// The value of identifier `scheme` ("pmid", "doi", ...), if the source has one.
  std::optional<std::string_view> identifier_of(std::string_view scheme) const noexcept {
    return identifier_in(ids, scheme);
  }
  /// The value of identifier `scheme`, or "" (for the places that print it either way).
  std::string_view identifier_or_empty(std::string_view scheme) const noexcept {
    return identifier_of(scheme).value_or(std::string_view());
  }
  /// Sets identifier `scheme` (an empty value removes it), keeping `ids` in `source_schemes` order.
  void set_identifier(std::string_view scheme, std::string value) {
    std::erase_if(ids, [&](identifier const& i) { return i.scheme == scheme; });
    if (value.empty()) return;
    auto rank = [](std::string_view s) {
      return std::size_t(std::find(source_schemes.begin(), source_schemes.end(), s) - source_schemes.begin());
    };
    auto at = std::find_if(ids.begin(), ids.end(), [&](identifier const& i) { return rank(i.scheme) > rank(scheme); });
    ids.insert(at, identifier{std::string(scheme), std::move(value)});
  }

  /// The most specific identifier, printed in reference lists ("PMID 12813472", "DailyMed setid ...").
  std::string citation_id() const {
    std::vector<std::string> parts;
    for (auto const& i : ids) {
      if (i.scheme == "pmid") parts.push_back("PMID " + i.value);
      else if (i.scheme == "doi") parts.push_back("doi:" + i.value);
      else if (i.scheme == "dailymed_setid") parts.push_back("DailyMed setid " + i.value);
      else if (i.scheme == "gtopdb_ligand" && identifier_of("gtopdb_target"))  // one interaction record of GtoPdb
        parts.push_back(detail::format("GtoPdb interaction of ligand {} at target {}", i.value, *identifier_of("gtopdb_target")));
      else if (i.scheme == "gtopdb_ligand") parts.push_back("GtoPdb ligand " + i.value);
      else if (i.scheme == "gtopdb_target" && identifier_of("gtopdb_ligand")) continue;  // said with its ligand
      else if (i.scheme == "gtopdb_target") parts.push_back("GtoPdb target " + i.value);
      else if (i.scheme != "url") parts.push_back(i.value);  // nda: "NDA021897" says what it is
    }
    if (parts.empty())
      if (auto url = identifier_of("url")) parts.emplace_back(*url);
    if (parts.empty() && kind == source_kind::guideline) parts.push_back(detail::format("{} {}", publisher, year));
    return detail::format("{}", fmt::join(parts, "; "));
  }
};

}  // namespace pharmakon
