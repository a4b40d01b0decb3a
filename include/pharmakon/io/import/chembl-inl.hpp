// The ChEMBL drug-mechanism importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "chembl-inl.hpp holds the out-of-line definitions of chembl.hpp: include chembl.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <map>
#include <unordered_map>

#include "../../graph/builder.hpp"
#include "../kb_file/loader.hpp"
#include "chembl.hpp"
#include "detail/driver.hpp"
#include "detail/records.hpp"
#include "detail/text.hpp"
#include "vocabulary.hpp"

namespace pharmakon {

namespace detail::chembl {

using namespace detail::import;

enum class table : std::uint8_t { mechanisms, drugs, unknown };

inline table classify(header_columns const& h) {
  if (h.has("drug_id") && h.has("mechanism_of_action")) return table::mechanisms;
  if (h.has("drug_id") && h.has("drug_name")) return table::drugs;
  return table::unknown;
}

/// The ChEMBL release a file name names ("chembl36-drug_mechanism.csv", "chembl_35_…"), if any.
inline std::string release_of(std::filesystem::path const& p) {
  std::string name = p.filename().string();
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](char c) { return char(std::tolower(static_cast<unsigned char>(c))); });
  auto at = lower.find("chembl");
  if (at == std::string::npos) return {};
  auto i = at + 6;
  if (i < lower.size() && (lower[i] == '_' || lower[i] == '-' || lower[i] == ' ')) ++i;
  std::string digits;
  while (i < lower.size() && lower[i] >= '0' && lower[i] <= '9' && digits.size() < 4) digits += lower[i++];
  return digits;
}

struct importer : driver {
  std::string release;                                 ///< e.g. "36"; empty if the file names do not say
  std::unordered_map<std::string, std::string> names;  ///< drug table: CHEMBL id -> preferred name
  std::unordered_map<std::string, drug_id> drug_of;
  std::unordered_map<std::string, target_id> target_of;
  std::unordered_map<std::string, concept_id> mechanism_of;  ///< mechanism text -> concept
  std::unordered_map<std::string, drug_id> base_drug = base_by<drug>("chembl");
  std::unordered_map<std::string, target_id> base_target = base_by<target>("chembl");
  payload_id<rel::related> mechanism_label{};
  bool have_label = false;
  std::map<std::pair<std::string, std::string>, std::uint64_t> action_counts;  ///< (action_type, mapping) -> rows
  std::uint64_t rows = 0, claims = 0, drugs = 0, merged_drugs = 0, targets = 0, merged_targets = 0, concepts = 0,
                untargeted = 0, named = 0, unused_names = 0;

  using driver::driver;

  std::string chembl_name() const { return release.empty() ? std::string("ChEMBL") : "ChEMBL " + release; }

  /// The drug's ChEMBL record: the source of every claim about it (the same id as the curated knowledge base's).
  source_id drug_source(std::string const& chembl_id, std::string const& name) {
    return source_for("src:chembl:" + chembl_id, source_kind::database,
                      fmt::format("{} drug mechanism records: {} ({})", chembl_name(), name, chembl_id), "EMBL-EBI",
                      fmt::format("https://www.ebi.ac.uk/chembl/compound_report_card/{}/", chembl_id));
  }
  source_id target_source(std::string const& chembl_id, std::string const& name) {
    return source_for("src:chembl:target:" + chembl_id, source_kind::database,
                      fmt::format("{} target {}: {}", chembl_name(), chembl_id, name), "EMBL-EBI",
                      fmt::format("https://www.ebi.ac.uk/chembl/target_report_card/{}/", chembl_id));
  }

  drug_id drug_for(std::string const& chembl_id, std::string const& row_name) {
    if (auto known = made_or_merged(drug_of, base_drug, chembl_id, merged_drugs)) return *known;
    drug d;
    d.id = "drug:chembl:" + chembl_id;
    auto n = names.find(chembl_id);
    if (n != names.end() && !n->second.empty()) {
      d.name = n->second;
      ++named;
    } else {
      d.name = row_name;
    }
    if (d.name.empty()) d.name = "ChEMBL compound " + chembl_id;
    if (!row_name.empty() && row_name != d.name) d.synonyms.push_back(row_name);
    d.ids.push_back({"chembl", chembl_id});
    d.sources = {drug_source(chembl_id, d.name)};
    return add_new(b, std::move(d), drug_of, chembl_id, drugs);
  }

  target_id target_for(std::string const& chembl_id, std::string const& row_name) {
    if (auto known = made_or_merged(target_of, base_target, chembl_id, merged_targets)) return *known;
    target t;
    t.id = "target:chembl:" + chembl_id;
    t.name = row_name.empty() ? "ChEMBL target " + chembl_id : row_name;
    t.ids.push_back({"chembl", chembl_id});
    t.sources = {target_source(chembl_id, t.name)};
    return add_new(b, std::move(t), target_of, chembl_id, targets);
  }

  /// The concept a mechanism without a target names (one per distinct text; its id from ChEMBL's mechanism id).
  concept_id mechanism_concept(std::string const& text, std::string const& mechanism_id, source_id src) {
    if (auto it = mechanism_of.find(text); it != mechanism_of.end()) return it->second;
    std::string id = "concept:chembl:mechanism:" + mechanism_id;
    if (auto existing = b.find_id(id); existing && existing->kind() == node_kind::concept_node) {
      auto c = concept_id{existing->index()};
      return mechanism_of.emplace(text, c).first->second;
    }
    concept_node c;
    c.id = unused_id(b, id);
    c.name = text;
    c.kind_label = "ChEMBL mechanism without a target";
    c.sources = {src};
    ++concepts;
    auto cid = b.add(std::move(c));
    return mechanism_of.emplace(text, cid).first->second;
  }

  // ----- the drug table (names) -----
  bool read_drugs(table_reader& t) {
    auto id = *t.header()["drug_id"], name = *t.header()["drug_name"];
    std::vector<std::string> f;
    while (t.next(f, "drugs")) {
      auto const& cid = f[id];
      auto n = one_line(f[name]);
      if (!valid_identifier("chembl", cid))
        t.error(errc::bad_id, id, "a ChEMBL id (CHEMBL and digits) in 'drug_id'", quote_value(cid));
      else if (!clean_text(n))
        t.error(errc::encoding, name, "text without control characters", quote_value(n));
      else
        names.emplace(cid, std::move(n));
    }
    return !t.failed() && !gate.cancelled();  // a problem in a row: the mechanisms are still checked
  }

  // ----- the mechanism table -----
  bool read_mechanisms(table_reader& t) {
    auto const& col = t.header();
    if (!t.require({"drug_id", "drug_name", "mechanism_id", "mechanism_of_action", "action_type", "target_id",
                    "target_name"}))
      return false;
    auto c_drug = *col["drug_id"], c_name = *col["drug_name"], c_mid = *col["mechanism_id"],
         c_moa = *col["mechanism_of_action"], c_action = *col["action_type"], c_target = *col["target_id"],
         c_tname = *col["target_name"];
    auto c_direct = col["direct_interaction"], c_molecular = col["molecular_mechanism"],
         c_efficacy = col["disease_efficacy"], c_comment = col["mechanism_comment"],
         c_selectivity = col["selectivity_comment"];
    std::vector<std::string> f;
    while (t.next(f, "mechanisms")) {
      ++rows;
      auto const& drug_chembl = f[c_drug];
      auto const& target_chembl = f[c_target];
      auto const& mid = f[c_mid];
      std::string drug_name = one_line(f[c_name]);
      std::string target_name = one_line(f[c_tname]);
      std::string mechanism = one_line(f[c_moa]);
      if (!valid_identifier("chembl", drug_chembl))
        t.error(errc::bad_id, c_drug, "a ChEMBL id (CHEMBL and digits) in 'drug_id'", quote_value(drug_chembl));
      if (!target_chembl.empty() && !valid_identifier("chembl", target_chembl))
        t.error(errc::bad_id, c_target, "a ChEMBL target id (CHEMBL and digits) or nothing in 'target_id'",
                quote_value(target_chembl));
      if (mid.empty() || mid.size() > 12 ||
          !std::all_of(mid.begin(), mid.end(), [](char ch) { return ch >= '0' && ch <= '9'; }))
        t.error(errc::bad_id, c_mid, "a ChEMBL mechanism id (digits) in 'mechanism_id'", quote_value(mid));
      for (auto [text, field] :
           {std::pair{&drug_name, c_name}, std::pair{&target_name, c_tname}, std::pair{&mechanism, c_moa}})
        if (!clean_text(*text)) t.error(errc::encoding, field, "text without control characters", quote_value(*text));
      if (target_chembl.empty() && mechanism.empty())
        t.error(errc::missing_field, c_moa, "a mechanism_of_action (the row has no target_id)", "''");
      // the flags: 1 (the usual case) says nothing; 0 goes into the note
      std::vector<std::string> note;
      if (!mechanism.empty()) note.push_back(mechanism);
      auto flag = [&](std::optional<std::size_t> c, char const* column, char const* when_zero) {
        if (!c) return;
        auto const& v = f[*c];
        if (v.empty() || v == "1") return;
        if (v == "0") note.push_back(when_zero);
        else t.error(errc::unknown_enum, *c, fmt::format("0, 1 or nothing in '{}'", column), quote_value(v));
      };
      flag(c_direct, "direct_interaction", "not a direct interaction (ChEMBL direct_interaction = 0)");
      flag(c_molecular, "molecular_mechanism", "ChEMBL molecular_mechanism = 0");
      flag(c_efficacy, "disease_efficacy",
           "ChEMBL disease_efficacy = 0 (the target is not thought to give the efficacy)");
      if (!t.row_ok()) continue;
      auto const& act = f[c_action];
      auto mapped = from_chembl(act);
      action a;
      a.type = mapped.value_or(action_type::other);
      if (!mapped && !act.empty()) note.push_back(fmt::format("ChEMBL action type '{}'", act));
      if (c_comment && !f[*c_comment].empty()) note.push_back("comment: " + one_line(f[*c_comment]));
      if (c_selectivity && !f[*c_selectivity].empty())
        note.push_back("selectivity: " + one_line(f[*c_selectivity]));
      if (!diags.diags.empty()) continue;  // a failed import builds nothing: only keep checking
      auto d = drug_for(drug_chembl, drug_name);
      auto src = drug_source(drug_chembl, drug_name.empty() ? drug_chembl : drug_name);
      if (target_chembl.empty()) {
        // no molecular target: the drug is related to its mechanism, kept as a concept
        auto c = mechanism_concept(mechanism, mid, src);
        if (!have_label) {
          mechanism_label = b.add_payload<rel::related>(related_label{"mechanism"});
          have_label = true;
        }
        auto rest = joined(note, 1);
        claim_meta meta({src});
        if (!rest.empty()) meta.with_note(std::move(rest));
        b.add<rel::related>(any_node(d), any_node(c), mechanism_label, b.add_evidence(std::move(meta)));
        ++untargeted;
        ++action_counts[{act.empty() ? std::string("(none), no target") : act + ", no target", "related 'mechanism'"}];
      } else {
        auto target = target_for(target_chembl, target_name);
        ++action_counts[{act.empty() ? std::string("(none)") : act, fmt::format("acts_on ({})", to_string(a.type))}];
        b.add<rel::acts_on>(d, target, std::move(a), noted_meta({src}, note));
      }
      ++claims;
    }
    return !t.failed() && ok();
  }

  import_report report() const {
    import_report r;
    r.format = "chembl";
    r.nodes.push_back({"drug (ChEMBL compound)",
                       merged_drugs ? fmt::format("drug ({} merged into the base)", merged_drugs) : "drug",
                       drugs + merged_drugs});
    r.nodes.push_back({"target (ChEMBL target)",
                       merged_targets ? fmt::format("target ({} merged into the base)", merged_targets) : "target",
                       targets + merged_targets});
    if (concepts)
      r.nodes.push_back({"mechanism without a target", "concept 'ChEMBL mechanism without a target'", concepts});
    for (auto const& [k, n] : action_counts) r.edges.push_back({"mechanism " + k.first, k.second, n});
    r.notes.push_back(
        fmt::format("{} mechanism rows: {} acts_on claims, {} related to a mechanism without a target; "
                    "{} claims with a note",
                    rows, claims - untargeted, untargeted, noted));
    if (!names.empty())
      r.notes.push_back(
          fmt::format("drug table: {} names, {} used for drugs of the mechanism rows (the rest have no "
                      "mechanism row, so nothing to claim)",
                      names.size(), named));
    r.notes.push_back(fmt::format("every claim cites the drug's ChEMBL record (kind database); ChEMBL release: {}",
                                  release.empty() ? "not in the file names" : release));
    return r;
  }
};

}  // namespace detail::chembl

PHARMAKON_FUNC import_result try_import_chembl(std::span<std::filesystem::path const> files,
                                               import_options const& opts) {
  using namespace detail::chembl;
  importer imp(opts);
  auto opened = open_tables(imp, files, classify, table::unknown,
                            "a ChEMBL drug mechanism table header (drug_id, ..., mechanism_of_action, action_type, "
                            "target_id, ...) or a drug table header (drug_id, drug_name, ...)");
  if (!opened) return imp.fail();
  auto& tables = *opened;
  for (auto const& t : tables)
    if (t.kind == table::mechanisms && imp.release.empty()) imp.release = release_of(t.t->name());
  if (std::none_of(tables.begin(), tables.end(), [](auto const& t) { return t.kind == table::mechanisms; }))
    return imp.fail_arguments("a ChEMBL drug mechanism table (drug_mechanism.csv)", "none among the files");
  // the drug table first, then the mechanisms that use its names
  for (auto& t : tables)
    if (t.kind == table::drugs && !imp.read_drugs(*t.t)) return imp.fail();
  for (auto& t : tables)
    if (t.kind == table::mechanisms && !imp.read_mechanisms(*t.t)) return imp.fail();
  return imp.finish({{}, {}, "chembl", imp.release}, [&] { return imp.report(); });
}

}  // namespace pharmakon
