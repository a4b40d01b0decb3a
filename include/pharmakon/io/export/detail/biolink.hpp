// The Biolink model's words for pharmakon's kinds, schemes and relations: one two-way table per vocabulary, read by
// the KGX exporter (which writes the canonical word of each kind) and the KGX importer (which reads every word it
// knows back) (io layer, internal). Checked against biolink-model.yaml 4.4.4 by tests/python/test_biolink_kgx.py.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/biolink.hpp is part of the KGX exporter's and importer's out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>

#include "../../../model/entities.hpp"
#include "../../../model/enums.hpp"

namespace pharmakon::detail::biolink {

/// Which way a row of a table is used.
enum class way : std::uint8_t {
  both,        ///< written for the kind, and read back as it
  write_only,  ///< written for the kind; read back another way (pharmakon's own columns make it exact)
  read_only,   ///< read as the kind; another word is written for it
};

// ----- categories -----

/// A Biolink category (a concrete class: neither abstract nor a mixin) and the node kind it stands for.
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
    {"biolink:Polypeptide", node_kind::target, way::read_only},
    {"biolink:Gene", node_kind::gene, way::both},
    {"biolink:SequenceVariant", node_kind::variant, way::both},
    {"biolink:Snv", node_kind::variant, way::read_only},
    {"biolink:PhenotypicFeature", node_kind::effect, way::both},
    {"biolink:Disease", node_kind::condition, way::both},
    {"biolink:DiseaseOrPhenotypicFeature", node_kind::condition, way::read_only},
    {"biolink:Treatment", node_kind::regimen, way::write_only},    // a dose of a drug for a condition
    {"biolink:DrugLabel", node_kind::warning, way::write_only},    // a label's warning (Biolink has no class for one)
    {"biolink:ChemicalRole", node_kind::drug_class, way::write_only},
};

/// The categories of concepts by their kind label (Hetionet's kinds). A concept read from foreign KGX keeps its
/// category as its kind label, which is then written as it is.
inline constexpr std::pair<std::string_view, std::string_view> concept_categories[] = {
    {"Anatomy", "biolink:AnatomicalEntity"},
    {"Biological Process", "biolink:BiologicalProcess"},
    {"Cellular Component", "biolink:CellularComponent"},
    {"Molecular Function", "biolink:MolecularActivity"},
    {"Pathway", "biolink:Pathway"},
    {"Pharmacologic Class", "biolink:ChemicalRole"},
    {"Symptom", "biolink:PhenotypicFeature"},
};

/// The category written for a node kind (concepts: from their kind label, which may be a Biolink category itself).
inline std::string_view category_of(node_kind k, std::string_view kind_label = {}) {
  if (k != node_kind::concept_node) {
    for (auto const& r : categories)
      if (r.kind == k && r.use != way::read_only) return r.category;
  }
  if (kind_label.substr(0, 8) == "biolink:") return kind_label;
  for (auto const& [label, category] : concept_categories)
    if (label == kind_label) return category;
  return "biolink:NamedThing";
}

/// The node kind a category is read as (nullopt: a concept keeping the category).
inline std::optional<node_kind> kind_of(std::string_view category) {
  for (auto const& r : categories)
    if (r.category == category && r.use != way::write_only) return r.kind;
  return std::nullopt;
}

/// The category of a source node.
inline std::string_view source_category(source const& s) {
  switch (s.kind) {
    case source_kind::label: return "biolink:DrugLabel";
    case source_kind::research:
    case source_kind::review: return "biolink:JournalArticle";
    case source_kind::database: return "biolink:Dataset";
    default: return "biolink:Publication";
  }
}

// ----- identifiers -----

/// A pharmakon identifier scheme and the Biolink-registered CURIE prefix of its values. `in_value`: the value
/// carries the prefix already (HGNC:5223). `target_only`/`not_target`: the prefix for targets differs (ChEMBL).
struct prefix_row {
  std::string_view scheme, prefix;
  bool in_value = false;
  std::int8_t targets = 0;  ///< 0: any node; 1: targets only; -1: anything but targets
};
inline constexpr prefix_row prefixes[] = {
    {"chembl", "CHEMBL.COMPOUND", false, -1},
    {"chembl", "CHEMBL.TARGET", false, 1},
    {"drugbank", "DRUGBANK"},
    {"gtopdb_ligand", "GTOPDB"},  // Biolink's GTOPDB prefix resolves ligand ids; GtoPdb target ids have none
    {"pubchem_cid", "PUBCHEM.COMPOUND"},
    {"unii", "UNII"},
    {"rxcui", "RXCUI"},
    {"drugcentral", "DrugCentral"},
    {"entrez", "NCBIGene"},
    {"hgnc", "HGNC", true},
    {"uniprot", "UniProtKB"},
    {"ensembl", "ENSEMBL"},
    {"dbsnp", "DBSNP"},
    {"mesh", "MESH"},
    {"inchikey", "INCHIKEY"},
    {"chebi", "CHEBI", true},
    {"mondo", "MONDO", true},
    {"doid", "DOID", true},
    {"go", "GO", true},
    {"uberon", "UBERON", true},
    {"umls", "UMLS"},
    {"wikipathways", "WIKIPATHWAYS"},
    {"pmid", "PMID"},  // sources
    {"doi", "doi"},
};
/// The prefix of nodes that have no identifier Biolink registers (pharmakon's own id follows it).
inline constexpr std::string_view own_prefix = "pharmakon";

/// `i` as a Biolink CURIE, for a node of kind `k` (nullopt: its scheme has no Biolink prefix). A `kgx` identifier
/// (a foreign KGX node's own id) is a CURIE already.
inline std::optional<std::string> curie_of(identifier const& i, std::optional<node_kind> k) {
  if (i.scheme == "kgx" && i.value.find(':') != std::string::npos) return i.value;
  for (auto const& r : prefixes) {
    if (r.scheme != i.scheme) continue;
    if (r.targets && k && (r.targets > 0) != (*k == node_kind::target)) continue;
    if (r.in_value) {
      if (i.value.size() > r.prefix.size() && i.value.compare(0, r.prefix.size(), r.prefix) == 0 &&
          i.value[r.prefix.size()] == ':')
        return i.value;
      return std::nullopt;
    }
    return std::string(r.prefix) + ":" + i.value;
  }
  return std::nullopt;
}

/// The identifier a CURIE stands for (nullopt: a prefix the table does not have).
inline std::optional<identifier> identifier_of(std::string_view curie) {
  auto colon = curie.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon + 1 == curie.size()) return std::nullopt;
  auto prefix = curie.substr(0, colon);
  for (auto const& r : prefixes)
    if (r.prefix == prefix)
      return identifier{std::string(r.scheme), std::string(r.in_value ? curie : curie.substr(colon + 1))};
  return std::nullopt;
}

/// The node-id prefixes of a category, best first (Biolink's id_prefixes order for the class, restricted to the
/// prefixes above). A node's KGX id is its identifier whose prefix comes first here.
inline constexpr std::pair<std::string_view, std::string_view> id_preference[] = {
    {"biolink:Drug", "RXCUI UMLS CHEBI UNII PUBCHEM.COMPOUND CHEMBL.COMPOUND DRUGBANK MESH DrugCentral GTOPDB INCHIKEY"},
    {"biolink:Protein", "UniProtKB ENSEMBL UMLS MESH"},
    {"biolink:Gene", "NCBIGene ENSEMBL HGNC UMLS"},
    {"biolink:SequenceVariant", "DBSNP"},
    {"biolink:PhenotypicFeature", "UMLS MESH"},
    {"biolink:Disease", "MONDO DOID UMLS MESH"},
    {"biolink:ChemicalRole", "CHEBI"},
    {"biolink:AnatomicalEntity", "UBERON GO UMLS MESH"},
    {"biolink:BiologicalProcess", "GO UMLS"},
    {"biolink:CellularComponent", "GO MESH UMLS UBERON"},
    {"biolink:MolecularActivity", "GO UMLS"},
    {"biolink:Pathway", "GO WIKIPATHWAYS"},
    {"biolink:JournalArticle", "PMID doi"},
    {"biolink:DrugLabel", ""},
    {"biolink:Publication", "PMID doi"},
    {"biolink:Dataset", ""},
};
/// The rank of `prefix` among a category's node-id prefixes (lower is better; -1: not one of them).
inline int id_rank(std::string_view category, std::string_view prefix) {
  for (auto const& [c, list] : id_preference) {
    if (c != category) continue;
    int rank = 0;
    for (std::size_t start = 0; start < list.size(); ++rank) {
      auto end = list.find(' ', start);
      if (list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start) == prefix) return rank;
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
  }
  return -1;
}

// ----- knowledge sources -----

/// Sources whose id starts with `id_prefix` are records of the database with this `infores` (Biolink's
/// information-resource registry); any other source is pharmakon's curation (infores:pharmakon).
inline constexpr std::pair<std::string_view, std::string_view> infores_of_sources[] = {
    {"src:hetionet:", "infores:hetionet"},
    {"src:chembl:", "infores:chembl"},
    {"src:gtopdb:", "infores:gtopdb"},
    {"src:drugcentral:", "infores:drugcentral"},
    {"src:wikipathways:", "infores:wikipathways"},
};
inline constexpr std::string_view own_infores = "infores:pharmakon";

/// The information resource a source belongs to (`src:infores:X`, made by the KGX importer, is infores:X; a label
/// with a DailyMed set id is DailyMed's).
inline std::string infores_of(source const& s) {
  if (s.id.compare(0, 12, "src:infores:") == 0) return s.id.substr(4);
  if (s.kind == source_kind::label && s.identifier_of("dailymed_setid")) return "infores:dailymed";
  for (auto const& [prefix, infores] : infores_of_sources)
    if (s.id.compare(0, prefix.size(), prefix) == 0) return std::string(infores);
  return std::string(own_infores);
}

/// Biolink's knowledge level and agent type of a statement.
struct provenance {
  std::string_view knowledge_level = {}, agent_type = {};
};
/// What a source of kind `k` states: curated documents are manual assertions; a database row's agent is not
/// recorded.
inline provenance provenance_of(source_kind k, bool hypothesis) {
  bool curated = k == source_kind::guideline || k == source_kind::label || k == source_kind::research ||
                 k == source_kind::review;
  if (hypothesis) return {"prediction", curated ? "manual_agent" : "not_provided"};
  if (curated) return {"knowledge_assertion", "manual_agent"};
  if (k == source_kind::database) return {"knowledge_assertion", "not_provided"};
  return {"not_provided", "not_provided"};
}

// ----- predicates -----

/// Biolink qualifiers of an edge (empty: none).
struct qualifiers {
  std::string_view qualified_predicate = {}, subject_aspect = {}, subject_direction = {}, object_aspect = {},
                   object_direction = {};
};
/// The names of the qualifier columns, in the order of `qualifiers`.
inline constexpr std::string_view qualifier_columns[] = {"qualified_predicate", "subject_aspect_qualifier",
                                                         "subject_direction_qualifier", "object_aspect_qualifier",
                                                         "object_direction_qualifier"};
inline constexpr std::string_view qualifiers::*qualifier_members[] = {
    &qualifiers::qualified_predicate, &qualifiers::subject_aspect, &qualifiers::subject_direction,
    &qualifiers::object_aspect, &qualifiers::object_direction};

/// One end of a relation: a node kind, and for concepts the kind label ("" = any).
struct end {
  node_kind kind;
  std::string_view concept_kind = {};
};

/// A Biolink predicate (with its qualifiers) for a pharmakon relation between two kinds of node. For `related`
/// claims, `label` is the original label the row stands for (Hetionet's verbs). A row with a `metaedge` stands for
/// that Hetionet edge type: it applies to claims citing Hetionet, and gives their knowledge level and agent type
/// (`note`: the note that tells two metaedges of one relation apart).
struct predicate_row {
  std::string_view predicate;
  relation_kind relation;
  end from, to;           ///< the ends as pharmakon has them
  bool reversed = false;  ///< the Biolink subject is pharmakon's `to` (has_gene_product: gene → target)
  way use = way::both;
  std::string_view label = {};
  qualifiers q = {};
  std::string_view metaedge = {};
  provenance hetionet = {};
  std::string_view note = {};
};
using nk = node_kind;
using rk = relation_kind;
inline constexpr std::string_view affects = "biolink:affects", causes = "biolink:causes";
inline constexpr provenance assertion{"knowledge_assertion", "not_provided"},
    curated{"knowledge_assertion", "manual_agent"}, measured{"statistical_association", "data_analysis_pipeline"},
    cooccurrence{"text_co_occurrence", "data_analysis_pipeline"};
inline constexpr predicate_row predicates[] = {
    // pharmakon's relations: the first row that fits a claim is written (a Hetionet row only for claims citing
    // Hetionet, so those come first)
    {"biolink:directly_physically_interacts_with", rk::acts_on, {nk::drug}, {nk::target}, false, way::write_only, {}, {},
     "CbG", assertion},
    {"biolink:directly_physically_interacts_with", rk::acts_on, {nk::drug}, {nk::target}},
    {"biolink:physically_interacts_with", rk::acts_on, {nk::drug}, {nk::target}, false, way::read_only},
    {"biolink:interacts_with", rk::acts_on, {nk::drug}, {nk::target}, false, way::read_only},
    {"biolink:affects", rk::acts_on, {nk::drug}, {nk::target}, false, way::read_only},
    {"biolink:gene_product_of", rk::encoded_by, {nk::target}, {nk::gene}},
    {"biolink:has_gene_product", rk::encoded_by, {nk::target}, {nk::gene}, true, way::read_only},
    {"biolink:is_sequence_variant_of", rk::variant_of, {nk::variant}, {nk::gene}},
    {"biolink:has_side_effect", rk::produces, {nk::drug}, {nk::effect}, false, way::write_only, {}, {}, "CcSE",
     {"knowledge_assertion", "text_mining_agent"}},
    {"biolink:causes", rk::produces, {nk::drug}, {nk::effect}},
    {"biolink:has_side_effect", rk::produces, {nk::drug}, {nk::effect}, false, way::read_only},
    {"biolink:has_adverse_event", rk::produces, {nk::drug}, {nk::effect}, false, way::read_only},
    {"biolink:preventative_for_condition", rk::blocks, {nk::drug}, {nk::effect}, false, way::write_only},
    {"biolink:ameliorates_condition", rk::reduces, {nk::drug}, {nk::effect}, false, way::write_only},
    {"biolink:contributes_to", rk::mediated_by, {nk::effect}, {nk::target}, true, way::write_only},
    {"biolink:ameliorates_condition", rk::indicated_for, {nk::drug}, {nk::condition}, false, way::write_only, {}, {},
     "CpD", curated, "Hetionet: palliates"},
    {"biolink:treats", rk::indicated_for, {nk::drug}, {nk::condition}, false, way::write_only, {}, {}, "CtD", curated},
    {"biolink:treats", rk::indicated_for, {nk::drug}, {nk::condition}},
    {"biolink:related_to", rk::dosed_as, {nk::drug}, {nk::regimen}, false, way::write_only},  // Biolink has no drug → treatment predicate
    {"biolink:treats", rk::regimen_for, {nk::regimen}, {nk::condition}, false, way::write_only},
    {"biolink:mentions", rk::carries, {nk::drug}, {nk::warning}, true, way::write_only},  // the warning mentions the drug
    {"biolink:mentions", rk::concerns, {nk::warning}, {nk::target}, false, way::write_only},
    {"biolink:associated_with_response_to", rk::modulates_response, {nk::variant}, {nk::drug}, false, way::write_only},
    {"biolink:has_chemical_role", rk::member_of, {nk::drug}, {nk::drug_class}, false, way::write_only},
    {"biolink:is_substrate_of", rk::substrate_of, {nk::drug}, {nk::target}, false, way::write_only},
    {affects, rk::inhibits, {nk::drug}, {nk::target}, false, way::write_only, {}, {causes, {}, {}, "activity", "decreased"}},
    {affects, rk::induces, {nk::drug}, {nk::target}, false, way::write_only, {}, {causes, {}, {}, "expression", "increased"}},
    {"biolink:has_metabolite", rk::has_metabolite, {nk::drug}, {nk::drug}, false, way::write_only},
    {"biolink:pharmacologically_interacts_with", rk::interacts_with, {nk::drug}, {nk::drug}, false, way::write_only},
    // Hetionet's other metaedges, imported as `related` claims keeping the verb
    {"biolink:expressed_in", rk::related, {nk::concept_node, "Anatomy"}, {nk::gene}, true, way::write_only, "downregulates",
     {{}, {}, "downregulated"}, "AdG", measured},
    {"biolink:expressed_in", rk::related, {nk::concept_node, "Anatomy"}, {nk::gene}, true, way::write_only, "expresses", {},
     "AeG", assertion},
    {"biolink:expressed_in", rk::related, {nk::concept_node, "Anatomy"}, {nk::gene}, true, way::write_only, "upregulates",
     {{}, {}, "upregulated"}, "AuG", measured},
    {affects, rk::related, {nk::drug}, {nk::gene}, false, way::write_only, "downregulates",
     {causes, {}, {}, "expression", "decreased"}, "CdG", measured},
    {affects, rk::related, {nk::drug}, {nk::gene}, false, way::write_only, "upregulates",
     {causes, {}, {}, "expression", "increased"}, "CuG", measured},
    {"biolink:chemically_similar_to", rk::related, {nk::drug}, {nk::drug}, false, way::write_only, "resembles", {}, "CrC",
     {"not_provided", "data_analysis_pipeline"}},
    {"biolink:gene_associated_with_condition", rk::related, {nk::condition}, {nk::gene}, true, way::write_only, "associates",
     {}, "DaG", assertion},
    {"biolink:gene_associated_with_condition", rk::related, {nk::condition}, {nk::gene}, true, way::write_only,
     "downregulates", {{}, "expression", "decreased"}, "DdG", measured},
    {"biolink:gene_associated_with_condition", rk::related, {nk::condition}, {nk::gene}, true, way::write_only,
     "upregulates", {{}, "expression", "increased"}, "DuG", measured},
    {"biolink:disease_has_location", rk::related, {nk::condition}, {nk::concept_node, "Anatomy"}, false, way::write_only,
     "localizes", {}, "DlA", cooccurrence},
    {"biolink:has_phenotype", rk::related, {nk::condition}, {nk::concept_node, "Symptom"}, false, way::write_only,
     "presents", {}, "DpS", cooccurrence},
    {"biolink:similar_to", rk::related, {nk::condition}, {nk::condition}, false, way::write_only, "resembles", {}, "DrD",
     cooccurrence},
    {"biolink:correlated_with", rk::related, {nk::gene}, {nk::gene}, false, way::write_only, "covaries", {}, "GcG", measured},
    {"biolink:physically_interacts_with", rk::related, {nk::gene}, {nk::gene}, false, way::write_only, "interacts", {},
     "GiG", assertion},
    {"biolink:actively_involved_in", rk::related, {nk::gene}, {nk::concept_node, "Biological Process"}, false,
     way::write_only, "participates", {}, "GpBP", assertion},
    {"biolink:located_in", rk::related, {nk::gene}, {nk::concept_node, "Cellular Component"}, false, way::write_only,
     "participates", {}, "GpCC", assertion},
    {"biolink:enables", rk::related, {nk::gene}, {nk::concept_node, "Molecular Function"}, false, way::write_only,
     "participates", {}, "GpMF", assertion},
    {"biolink:participates_in", rk::related, {nk::gene}, {nk::concept_node, "Pathway"}, false, way::write_only,
     "participates", {}, "GpPW", assertion},
    {"biolink:regulates", rk::related, {nk::gene}, {nk::gene}, false, way::write_only, "regulates", {}, "Gr>G", measured},
    {"biolink:has_chemical_role", rk::related, {nk::concept_node, "Pharmacologic Class"}, {nk::drug}, true,
     way::write_only, "includes", {}, "PCiC", curated},
};
/// What any other relation is written as; and what `related` is read from.
inline constexpr std::string_view related_to = "biolink:related_to";

/// Whether node `n` (of kind `k`, concept kind label `label`) is the end `e` of a row.
inline bool fits(end const& e, node_kind k, std::string_view label) {
  return e.kind == k && (e.concept_kind.empty() || e.concept_kind == label);
}

/// The row a claim is written with (nullptr: related_to, or its label when that is a Biolink predicate).
/// `from_label`/`to_label`: the concept kinds of the ends; `hetionet`: the claim cites Hetionet.
inline predicate_row const* row_for(relation_kind k, std::string_view label, node_kind from, std::string_view from_label,
                                    node_kind to, std::string_view to_label, bool hetionet, std::string_view note) {
  for (auto const& r : predicates) {
    if (r.relation != k || r.use == way::read_only || r.label != label) continue;
    if (!fits(r.from, from, from_label) || !fits(r.to, to, to_label)) continue;
    if (!r.metaedge.empty() && !hetionet) continue;
    if (!r.note.empty() && note.substr(0, r.note.size()) != r.note) continue;
    return &r;
  }
  return nullptr;
}

/// The predicate written for a claim without a row: its label, when that is a Biolink predicate, else related_to.
inline std::string_view fallback_predicate(relation_kind k, std::string_view label) {
  if (k == relation_kind::related && label.substr(0, 8) == "biolink:") return label;
  return related_to;
}

/// Whether an edge written with `predicate` for relation `k` from a node of kind `subject` to one of kind `object`
/// was turned round (its pharmakon `from` is the object): for reading pharmakon's own export back.
inline bool written_reversed(std::string_view predicate, relation_kind k, std::string_view label, node_kind subject,
                             node_kind object) {
  for (auto const& r : predicates)
    if (r.predicate == predicate && r.relation == k && r.use != way::read_only && r.label == label && r.reversed &&
        r.from.kind == object && r.to.kind == subject)
      return true;
  return false;
}

/// What a predicate between nodes of kinds `from` and `to` is read as: the relation, and whether it runs the other
/// way; `related` for anything the table does not have.
inline std::pair<relation_kind, bool> relation_of(std::string_view predicate, node_kind from, node_kind to) {
  for (auto const& r : predicates) {
    if (r.predicate != predicate || r.use == way::write_only) continue;
    if (!r.reversed && r.from.kind == from && r.to.kind == to) return {r.relation, false};
    if (r.reversed && r.from.kind == to && r.to.kind == from) return {r.relation, true};
  }
  return {relation_kind::related, false};
}

}  // namespace pharmakon::detail::biolink
