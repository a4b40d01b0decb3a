#pragma once
/// \file paths.hpp
/// Mechanism paths: a drug's curated multi-hop mechanism to a disease (drug → target → process → disease), as
/// imported from DrugMechDB (io/import/drugmechdb.hpp). A path is the set of `related` claims that cite one *path
/// source*, a source whose id starts with `path_source_prefix`; `mechanism_of` reassembles a drug's paths into
/// `mechanism_answer::paths` (empty, and rendered as nothing, when the knowledge base has none). The agreement
/// report compares the paths' drug → target hops with the knowledge base's `acts_on` actions.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../config.hpp"
#include "../graph/knowledge_base.hpp"
#include "../model/entities.hpp"
#include "answers.hpp"

namespace pharmakon {

/// Sources whose id starts with this are mechanism paths (DrugMechDB's: "src:path:drugmechdb:<_id>").
inline constexpr std::string_view path_source_prefix = "src:path:";

/// The direction a statement gives a target's activity: a path's verb ("decreases activity of") or an action
/// (antagonist, inhibitor, blocker: decrease; agonist, activator, opener, positive allosteric modulator: increase).
PHARMAKON_NAMED_ENUM(activity_direction, decrease, increase, unstated);
/// The direction of a path verb ("decreases activity of", "positively regulates", ...; others: unstated).
PHARMAKON_API PHARMAKON_FUNC activity_direction direction_of_verb(std::string_view verb) noexcept;
/// The direction of an action type (modulator, binding agent, substrate, other: unstated).
PHARMAKON_API PHARMAKON_FUNC activity_direction direction_of_action(action_type t) noexcept;

/// How a path's drug → target hop compares with the knowledge base's actions of that drug at that target.
PHARMAKON_NAMED_ENUM(agreement,
  conflict,   ///< opposite directions (the path decreases the target's activity, the KB has an agonist), or the KB
              ///< says the drug does not act on the target, at a tier at least as good as any claim that agrees
  matched,    ///< same direction (claims that disagree, at a lower tier, are listed with it)
  unrated,    ///< both name the target; one of them states no direction ("molecularly interacts with", "modulator")
  path_only,  ///< the path names the target, the KB has no action of the drug there
  kb_only     ///< the KB has an action of the drug at a target no path of the drug names
);

/// One (drug, target) pair of the agreement report.
struct agreement_row {
  agreement kind = agreement::matched;
  std::string drug_id, drug, target_id, target;
  std::vector<std::string> verbs;         ///< the paths' verbs for the hop (empty for kb_only)
  std::vector<std::string> paths;         ///< the path sources that state the hop (ids)
  std::vector<std::string> kb_actions;    ///< the KB's actions ("antagonist", "does not act on"), empty for path_only
  std::vector<std::string> kb_sources;    ///< the KB claims' sources, as cited ("PMID 9486539", "GtoPdb ligand 1639")
};

/// The agreement report over every path of a knowledge base (docs/drugmechdb-agreement.md).
struct path_agreement {
  kb_info kb;
  std::size_t paths = 0;             ///< path sources
  std::size_t hops = 0;              ///< distinct (drug, target) pairs that paths state (drug → target claims)
  std::size_t drugs_compared = 0;    ///< drugs with path hops to targets and acts_on claims of their own
  std::size_t drugs_paths_only = 0;  ///< drugs with path hops to targets and no acts_on claim (not compared)
  std::size_t hops_not_compared = 0; ///< the hops of those drugs
  std::size_t conflicts = 0, matched = 0, unrated = 0, path_only = 0, kb_only = 0;
  std::vector<agreement_row> rows;   ///< the compared drugs' pairs: conflicts first, then by drug and target
};

/// Compares every path's drug → target hops with the `acts_on` claims (not citing a path) of the same drugs.
PHARMAKON_API PHARMAKON_FUNC path_agreement path_agreement_of(knowledge_base const& kb);

// mechanism_paths_of(kb, d, refs) is declared in answers.hpp, beside mechanism_of.

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "paths-inl.hpp"
#endif
