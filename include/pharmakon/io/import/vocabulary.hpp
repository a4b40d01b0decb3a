#pragma once
/// \file vocabulary.hpp
/// The action words of the databases pharmakon imports, as pharmakon's `action_type`: ChEMBL's `action_type`
/// (which DrugCentral uses too, with a few words of its own) and GtoPdb's interaction `action`. They sit beside
/// the importers that read them; the model keeps only `to_chembl()`, the spelling answers print. And how each
/// database names its releases, for the version of an imported knowledge base (docs/import-export.md#versions).

#include <filesystem>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <utility>

#include "../../model/enums.hpp"

namespace pharmakon {

/// Maps a ChEMBL `action_type` (upper case, as in ChEMBL) to an action; nullopt for values with no counterpart.
/// The inverse of `to_chembl()` (the first action that prints so), plus ChEMBL's older POSITIVE/NEGATIVE MODULATOR.
constexpr std::optional<action_type> from_chembl(std::string_view s) noexcept {
  for (auto a : enum_values<action_type>())
    if (to_chembl(a) == s) return a;
  if (s == "POSITIVE MODULATOR") return action_type::positive_allosteric_modulator;
  if (s == "NEGATIVE MODULATOR") return action_type::negative_allosteric_modulator;
  return std::nullopt;
}

/// Maps a GtoPdb interaction `action` (e.g. "Full agonist", "Antagonist") to an action.
constexpr std::optional<action_type> from_gtopdb(std::string_view s) noexcept {
  constexpr std::pair<std::string_view, action_type> m[] = {
      {"Agonist", action_type::agonist},
      {"Full agonist", action_type::full_agonist},
      {"Partial agonist", action_type::partial_agonist},
      {"Biased agonist", action_type::biased_agonist},
      {"Inverse agonist", action_type::inverse_agonist},
      {"Antagonist", action_type::antagonist},
      {"Inhibition", action_type::inhibitor},
      {"Irreversible inhibition", action_type::irreversible_inhibitor},
      {"Pore blocker", action_type::blocker},
      {"Activation", action_type::activator},
      {"Positive", action_type::positive_allosteric_modulator},
      {"Negative", action_type::negative_allosteric_modulator},
      {"Binding", action_type::binding_agent},
  };
  for (auto const& [k, v] : m)
    if (k == s) return v;
  return std::nullopt;
}

/// Maps a DrugCentral `ACTION_TYPE` (ChEMBL's words plus ANTIBODY BINDING, GATING INHIBITOR and ALLOSTERIC
/// MODULATOR) to an action and its modality; nullopt for values with no counterpart.
constexpr std::optional<std::pair<action_type, modality>> from_drugcentral(std::string_view s) noexcept {
  if (auto a = from_chembl(s)) return std::pair{*a, modality::unknown};
  if (s == "ANTIBODY BINDING") return std::pair{action_type::binding_agent, modality::unknown};
  if (s == "GATING INHIBITOR") return std::pair{action_type::inhibitor, modality::unknown};
  if (s == "ALLOSTERIC MODULATOR") return std::pair{action_type::modulator, modality::allosteric};
  return std::nullopt;
}

namespace detail::import {
/// The first match of `re` in `text` written as `format` (`$1`, `$2`: its groups); "" when nothing matches.
inline std::string release_match(std::string_view text, std::regex const& re, char const* format) {
  std::match_results<std::string_view::const_iterator> m;
  if (!std::regex_search(text.begin(), text.end(), m, re)) return {};
  return m.format(format);
}
}  // namespace detail::import

/// A release `read` finds in a file's name, else in its folder's name ("" if neither says).
template <class Read>
std::string release_in_path(std::filesystem::path const& p, Read&& read) {
  if (auto r = read(p.filename().string()); !r.empty()) return r;
  return read(p.parent_path().filename().string());
}

}  // namespace pharmakon
