#pragma once
/// \file dot.hpp
/// Graphviz DOT of a drug's mechanism neighbourhood (its targets with actions and affinities, their genes, the
/// effects it produces, blocks or reduces and the targets that mediate them, its indications and warnings):
/// `dot -Tsvg naltrexone.dot > naltrexone.svg`.

#include <string>

#include "../answers/answers.hpp"
#include "../config.hpp"
#include "../graph/knowledge_base.hpp"

namespace pharmakon {

struct dot_options {
  bool show_sources = false;    ///< cite the sources (as [n] references) on each edge
  bool show_negated = true;     ///< draw claims the sources deny, dotted
  bool show_genes = true;       ///< the genes encoding the targets
  bool show_effects = true;     ///< effects and the targets that mediate them
  bool show_indications = true; ///< conditions and warnings
  /// every acts_on claim; by default the mechanism only: activity-only claims (action `other`) are left out when
  /// the drug has a stated action, and other species' targets when it has a human one (docs/answers.md)
  bool all_targets = false;
};

/// The mechanism neighbourhood of `d` as Graphviz DOT text.
PHARMAKON_API PHARMAKON_FUNC std::string mechanism_dot(knowledge_base const& kb, drug_id d, dot_options const& opts = {});

/// The paths of an interaction screen as Graphviz DOT: one cluster per interaction (titled with its mechanism,
/// kind and severity), one edge per path step, labelled with the relation and its reference numbers.
PHARMAKON_API PHARMAKON_FUNC std::string interactions_dot(interaction_answer const& a);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "dot-inl.hpp"
#endif
