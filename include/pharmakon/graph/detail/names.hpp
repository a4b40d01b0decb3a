// How a name a user types relates to the names a knowledge base holds (graph layer, internal): the salt and
// hydrate words of a drug's name ("sertraline hydrochloride" is sertraline's salt), and an identifier typed with a
// prefix ("gtopdb:1639", "Compound::DB00704"). The lookups' fallbacks (knowledge_base::find_all) and the
// importers that tell salts from parents (ChEMBL) read the one word list here.
#pragma once
#include <algorithm>
#include <iterator>
#include <optional>
#include <string>
#include <string_view>

namespace pharmakon::detail::names {

/// Words that name the counter-ion or the water of a salt form, folded (lower case). Esters that are drugs of their
/// own (acetate, propionate, valerate, enanthate ...) are left out: "medroxyprogesterone acetate" is not a salt of
/// medroxyprogesterone.
inline constexpr std::string_view salt_words[] = {
    "hydrochloride", "dihydrochloride", "trihydrochloride", "monohydrochloride", "hcl", "hydrobromide",
    "hydroiodide", "sulfate", "sulphate", "bisulfate", "hydrogen", "mesylate", "mesilate", "dimesylate",
    "methanesulfonate", "besylate", "besilate", "tosylate", "tosilate", "maleate", "dimaleate", "fumarate",
    "hemifumarate", "tartrate", "bitartrate", "hemitartrate", "citrate", "succinate", "phosphate", "diphosphate",
    "nitrate", "lactate", "gluconate", "malate", "oxalate", "pamoate", "embonate", "napsylate", "edisylate",
    "esylate", "xinafoate", "hyclate", "bromide", "chloride", "iodide", "sodium", "disodium", "potassium",
    "dipotassium", "calcium", "magnesium", "lithium", "meglumine", "tromethamine", "trometamol", "monohydrate",
    "dihydrate", "trihydrate", "hemihydrate", "sesquihydrate", "hydrate", "anhydrous"};

inline bool is_salt_word(std::string_view w) noexcept {
  return std::find(std::begin(salt_words), std::end(salt_words), w) != std::end(salt_words);
}

/// A folded name (words separated by one space, as `text::fold_key` makes them) without its trailing salt words,
/// keeping at least the first word: "imatinib mesylate" -> "imatinib", "sertraline hydrochloride dihydrate" ->
/// "sertraline", "sodium chloride" -> "sodium", "naltrexone" -> "naltrexone".
inline std::string_view without_salt(std::string_view folded) noexcept {
  while (true) {
    auto sp = folded.rfind(' ');
    if (sp == std::string_view::npos || sp == 0) return folded;
    if (!is_salt_word(folded.substr(sp + 1))) return folded;
    folded = folded.substr(0, sp);
  }
}

/// An identifier typed with a prefix: `prefix:value` or Hetionet's `Kind::value` (the last ':' run splits them).
struct prefixed {
  std::string_view prefix, value;
};
inline std::optional<prefixed> split_prefix(std::string_view s) noexcept {
  auto colon = s.rfind(':');
  if (colon == std::string_view::npos || colon + 1 == s.size()) return std::nullopt;
  auto end = colon;
  while (end > 0 && s[end - 1] == ':') --end;
  if (end == 0) return std::nullopt;
  return prefixed{s.substr(0, end), s.substr(colon + 1)};
}

/// True when an identifier of `scheme` may be what a user means by `prefix` (both folded): the scheme itself, or
/// one of its kinds ("gtopdb" for `gtopdb_ligand` and `gtopdb_target`).
inline bool prefix_names_scheme(std::string_view prefix, std::string_view scheme) noexcept {
  if (prefix == scheme) return true;
  return scheme.size() > prefix.size() && scheme.substr(0, prefix.size()) == prefix &&
         (scheme[prefix.size()] == '_' || scheme[prefix.size()] == ' ');
}

}  // namespace pharmakon::detail::names
