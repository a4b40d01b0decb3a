// The Biolink model's words for pharmakon's kinds, one two-way table shared by the KGX exporter (which writes the
// canonical word of each kind) and the KGX importer (which reads every word it knows back) (io layer, internal).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/biolink.hpp is part of the KGX exporter's and importer's out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "../../../model/enums.hpp"

namespace pharmakon::detail::biolink {

/// Which way a row of the table is used.
enum class way : std::uint8_t {
  both,        ///< written for the kind, and read back as it
  write_only,  ///< written for the kind; read back as a concept (it needs pharmakon's own columns to be exact)
  read_only,   ///< read as the kind; another word is written for it
};

/// A Biolink category and the node kind it stands for.
struct category_row {
  std::string_view category;
  node_kind kind;
  way use;
};
inline constexpr category_row categories[] = {
    {"biolink:Drug", node_kind::drug, way::both},
    {"biolink:SmallMolecule", node_kind::drug, way::read_only},
    {"biolink:ChemicalEntity", node_kind::drug, way::read_only},
    {"biolink:MolecularMixture", node_kind::drug, way::read_only},
    {"biolink:ChemicalMixture", node_kind::drug, way::read_only},
    {"biolink:ComplexMolecularMixture", node_kind::drug, way::read_only},
    {"biolink:Protein", node_kind::target, way::both},
    {"biolink:GeneProduct", node_kind::target, way::read_only},
    {"biolink:Polypeptide", node_kind::target, way::read_only},
    {"biolink:Gene", node_kind::gene, way::both},
    {"biolink:SequenceVariant", node_kind::variant, way::both},
    {"biolink:Snv", node_kind::variant, way::read_only},
    {"biolink:PhenotypicFeature", node_kind::effect, way::both},
    {"biolink:Disease", node_kind::condition, way::both},
    {"biolink:DiseaseOrPhenotypicFeature", node_kind::condition, way::read_only},
    {"biolink:ClinicalIntervention", node_kind::regimen, way::write_only},
    {"biolink:InformationContentEntity", node_kind::warning, way::write_only},
    {"biolink:ChemicalRole", node_kind::drug_class, way::write_only},
};

/// The categories of concepts by their kind label (Hetionet's kinds); written only: a concept read from KGX keeps
/// its category as its kind label, which is then written as it is.
inline constexpr std::pair<std::string_view, std::string_view> concept_categories[] = {
    {"Anatomy", "biolink:AnatomicalEntity"},
    {"Biological Process", "biolink:BiologicalProcess"},
    {"Cellular Component", "biolink:CellularComponent"},
    {"Molecular Function", "biolink:MolecularActivity"},
    {"Pathway", "biolink:Pathway"},
    {"Pharmacologic Class", "biolink:ChemicalRole"},
    {"Symptom", "biolink:PhenotypicFeature"},
};

/// A Biolink predicate between two node kinds and the relation it stands for.
struct predicate_row {
  std::string_view predicate;
  relation_kind relation;
  node_kind from, to;     ///< the ends as the predicate has them
  bool reversed = false;  ///< the relation runs from `to` to `from` (has_gene_product: gene → target)
  way use = way::both;
};
inline constexpr predicate_row predicates[] = {
    {"biolink:directly_physically_interacts_with", relation_kind::acts_on, node_kind::drug, node_kind::target},
    {"biolink:physically_interacts_with", relation_kind::acts_on, node_kind::drug, node_kind::target, false, way::read_only},
    {"biolink:interacts_with", relation_kind::acts_on, node_kind::drug, node_kind::target, false, way::read_only},
    {"biolink:affects", relation_kind::acts_on, node_kind::drug, node_kind::target, false, way::read_only},
    {"biolink:gene_product_of", relation_kind::encoded_by, node_kind::target, node_kind::gene},
    {"biolink:has_gene_product", relation_kind::encoded_by, node_kind::gene, node_kind::target, true, way::read_only},
    {"biolink:is_sequence_variant_of", relation_kind::variant_of, node_kind::variant, node_kind::gene},
    {"biolink:causes", relation_kind::produces, node_kind::drug, node_kind::effect},
    {"biolink:has_side_effect", relation_kind::produces, node_kind::drug, node_kind::effect, false, way::read_only},
    {"biolink:has_adverse_event", relation_kind::produces, node_kind::drug, node_kind::effect, false, way::read_only},
    {"biolink:affects", relation_kind::blocks, node_kind::drug, node_kind::effect, false, way::write_only},
    {"biolink:affects", relation_kind::reduces, node_kind::drug, node_kind::effect, false, way::write_only},
    {"biolink:treats", relation_kind::indicated_for, node_kind::drug, node_kind::condition},
    {"biolink:member_of", relation_kind::member_of, node_kind::drug, node_kind::drug_class, false, way::write_only},
    {"biolink:is_substrate_of", relation_kind::substrate_of, node_kind::drug, node_kind::target, false, way::write_only},
    {"biolink:affects", relation_kind::inhibits, node_kind::drug, node_kind::target, false, way::write_only},
    {"biolink:affects", relation_kind::induces, node_kind::drug, node_kind::target, false, way::write_only},
    {"biolink:has_metabolite", relation_kind::has_metabolite, node_kind::drug, node_kind::drug, false, way::write_only},
    {"biolink:interacts_with", relation_kind::interacts_with, node_kind::drug, node_kind::drug, false, way::write_only},
};
/// What any other relation is written as; and what `related` is read from.
inline constexpr std::string_view related_to = "biolink:related_to";

/// The category written for a node kind (concepts: from their kind label, which may be a Biolink category itself).
inline std::string category_of(node_kind k, std::string_view kind_label = {}) {
  if (k != node_kind::concept_node) {
    for (auto const& r : categories)
      if (r.kind == k && r.use != way::read_only) return std::string(r.category);
  }
  if (kind_label.substr(0, 8) == "biolink:") return std::string(kind_label);
  for (auto const& [label, category] : concept_categories)
    if (label == kind_label) return std::string(category);
  return "biolink:NamedThing";
}

/// The node kind a category is read as (nullopt: a concept keeping the category).
inline std::optional<node_kind> kind_of(std::string_view category) {
  for (auto const& r : categories)
    if (r.category == category && r.use != way::write_only) return r.kind;
  return std::nullopt;
}

/// The predicate written for a relation (`related`: its label, when that is a Biolink predicate).
inline std::string predicate_of(relation_kind k, std::string_view label = {}) {
  for (auto const& r : predicates)
    if (r.relation == k && r.use != way::read_only) return std::string(r.predicate);
  if (k == relation_kind::related && label.substr(0, 8) == "biolink:") return std::string(label);
  return std::string(related_to);
}

/// What a predicate between nodes of kinds `from` and `to` is read as: the relation, and whether it runs the other
/// way; `related` for anything the table does not have.
inline std::pair<relation_kind, bool> relation_of(std::string_view predicate, node_kind from, node_kind to) {
  for (auto const& r : predicates)
    if (r.predicate == predicate && r.from == from && r.to == to && r.use != way::write_only)
      return {r.relation, r.reversed};
  return {relation_kind::related, false};
}

}  // namespace pharmakon::detail::biolink
