// The DrugCentral drug–target interaction importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "drugcentral-inl.hpp holds the out-of-line definitions of drugcentral.hpp: include drugcentral.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>

#include "../../graph/builder.hpp"
#include "../kb_file/loader.hpp"
#include "detail/driver.hpp"
#include "detail/records.hpp"
#include "detail/text.hpp"
#include "drugcentral.hpp"
#include "vocabulary.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::drugcentral {

using namespace detail::import;

inline target_type type_of(std::string_view target_class) {
  if (target_class == "GPCR" || target_class == "Nuclear hormone receptor" || target_class == "Membrane receptor")
    return target_type::receptor;
  if (target_class == "Ion channel") return target_type::ion_channel;
  if (target_class == "Enzyme" || target_class == "Kinase") return target_type::enzyme;
  if (target_class == "Transporter") return target_type::transporter;
  return target_type::other;
}

/// The kind of a source DrugCentral names in ACT_SOURCE / MOA_SOURCE.
inline source_kind kind_of(std::string_view source_name) {
  if (source_name == "DRUG LABEL") return source_kind::label;
  if (source_name == "SCIENTIFIC LITERATURE") return source_kind::research;
  for (std::string_view db : {"CHEMBL", "IUPHAR", "DRUG MATRIX", "WOMBAT-PK", "PDSP", "KEGG DRUG", "DRUGBANK"})
    if (source_name == db) return source_kind::database;
  return source_kind::other;
}

inline std::string species_of(std::string const& organism) { return organism == "Homo sapiens" ? "human" : organism; }

/// The text after `marker` in `url` up to the next '/', '?', '#' or '&' (or the end).
inline std::string after(std::string_view url, std::string_view marker) {
  auto at = url.find(marker);
  if (at == std::string_view::npos) return {};
  auto rest = url.substr(at + marker.size());
  auto end = rest.find_first_of("/?#&");
  return std::string(rest.substr(0, end));
}

struct drug_info {
  std::string struct_id, name;
  std::set<std::string> chembl;  ///< ChEMBL ids of the ChEMBL compound pages DrugCentral links for it
  source_id page;
};
struct pending {
  std::uint32_t drug = 0;
  target_id target;
  payload_id<rel::acts_on> payload;
  evidence_id evidence;
};

struct importer : driver {
  std::string release;  ///< e.g. "2021-09-01", from a file's or folder's name ("" if none says)
  std::unordered_map<std::string, std::uint32_t> drug_index;  ///< STRUCT_ID -> index into `drugs`
  std::vector<drug_info> drugs;
  std::unordered_map<std::string, std::set<std::string>> structs_of_chembl;
  std::unordered_map<std::string, target_id> target_of;            ///< accessions as given, or "\tname\torganism"
  std::map<std::pair<std::string, std::string>, gene_id> gene_of;  ///< (organism, symbol)
  std::unordered_map<std::string, drug_id> base_drug_dc = base_by<drug>("drugcentral");
  std::unordered_map<std::string, drug_id> base_drug_chembl = base_by<drug>("chembl");
  std::unordered_map<std::string, target_id> base_target;  ///< by UniProt accession
  std::unordered_map<std::string, gene_id> base_gene;      ///< human genes, by symbol
  std::vector<pending> claims;
  std::map<std::pair<std::string, std::string>, std::uint64_t> action_counts;
  std::map<std::string, std::uint64_t> affinity_counts, other_activity_counts;
  std::uint64_t rows = 0, moa_rows = 0, new_drugs = 0, merged_by_id = 0, merged_by_chembl = 0, targets = 0,
                merged_targets = 0, name_targets = 0, genes = 0, merged_genes = 0, pmid_sources = 0, doi_sources = 0,
                url_sources = 0, text_sources = 0;

  explicit importer(import_options const& o) : driver(o) {
    if (!o.base) return;
    auto const& kb = *o.base;
    for (auto t : kb.handles<target>())
      for (auto const& i : kb[t].ids)
        if (i.scheme == "uniprot") base_target.emplace(i.value, t);
    for (auto g : kb.handles<gene>())
      if (!kb[g].symbol.empty()) base_gene.emplace(kb[g].symbol, g);
  }

  source_id drug_page(std::string const& struct_id, std::string const& name) {
    return source_for("src:drugcentral:" + struct_id, source_kind::database,
                      detail::format("DrugCentral: {} (structure {})", name, struct_id),
                      "DrugCentral (University of New Mexico)", "https://drugcentral.org/drugcard/" + struct_id);
  }
  source_id target_page(std::string const& accession, std::string const& name) {
    return source_for("src:drugcentral:target:" + accession, source_kind::database,
                      detail::format("DrugCentral target card: {} ({})", name, accession),
                      "DrugCentral (University of New Mexico)",
                      detail::format("https://drugcentral.org/target/{}/view", accession));
  }

  /// The source an ACT_SOURCE_URL / MOA_SOURCE_URL value stands for (`name` is ACT_SOURCE / MOA_SOURCE).
  std::optional<source_id> cited(std::string const& value, std::string const& name, std::string& chembl_id) {
    if (value.empty()) return std::nullopt;
    std::string_view v = value;
    bool url = (v.substr(0, 7) == "http://" || v.substr(0, 8) == "https://") && v.find(' ') == std::string_view::npos;
    constexpr auto reference = "Reference cited by DrugCentral for a drug-target activity or mechanism";
    if (url && v.find("ncbi.nlm.nih.gov/pubmed/") != std::string_view::npos) {
      auto pmid = after(v, "/pubmed/");
      if (valid_identifier("pmid", pmid))
        return source_for("src:pmid:" + pmid, source_kind::research, reference, {}, {}, [&](source& s) {
          ++pmid_sources;
          s.set_identifier("pmid", pmid);
        });
    }
    if (url && v.find("doi.org/") != std::string_view::npos) {
      std::string doi(v.substr(v.find("doi.org/") + 8));
      // the curated knowledge base's DOI source ids have '_' for '/' (src:doi:10.1111_bph.12612)
      std::string id = "src:doi:" + id_safe(doi);
      std::replace(id.begin(), id.end(), '/', '_');
      if (valid_identifier("doi", doi))
        return source_for(id, source_kind::research, reference, {}, {}, [&](source& s) {
          ++doi_sources;
          s.set_identifier("doi", doi);
        });
    }
    if (url && v.find("guidetopharmacology.org") != std::string_view::npos) {
      auto lid = after(v, "ligandId=");
      if (valid_identifier("gtopdb_ligand", lid))
        return source_for("src:gtopdb:ligand:" + lid, source_kind::database,
                          detail::format("IUPHAR/BPS Guide to PHARMACOLOGY: ligand {} (linked by DrugCentral)", lid),
                          "IUPHAR/BPS", {}, [&](source& s) { s.set_identifier("gtopdb_ligand", lid); });
    }
    if (url && v.find("/chembl/compound/inspect/") != std::string_view::npos) {
      auto cid = after(v, "/chembl/compound/inspect/");
      if (valid_identifier("chembl", cid)) {
        chembl_id = cid;
        return source_for("src:chembl:" + cid, source_kind::database,
                          detail::format("ChEMBL compound record {} (linked by DrugCentral)", cid), "EMBL-EBI", value);
      }
    }
    if (url) {
      auto rest = v.substr(v.find("//") + 2);
      std::string id = "src:url:" + id_safe(rest);
      if (id.size() > 200) id = "src:url:" + id_safe(rest.substr(0, 160)) + ":" + short_digest(rest);
      auto host = rest.substr(0, rest.find('/'));
      return source_for(id, kind_of(name),
                        detail::format("{} cited by DrugCentral ({})", name.empty() ? std::string("Document") : name, host),
                        {}, value, [&](source&) { ++url_sources; });
    }
    // not a URL: a citation as text (e.g. "AUTHOR, TITLE, Journal, 1990, 48, 1, 20-29")
    return source_for("src:drugcentral:reference:" + short_digest(value), kind_of(name), one_line(value), {}, {},
                      [&](source& s) {
                        ++text_sources;
                        s.unverified = true;  // no identifier to check it against
                      });
  }

  target_id target_for(std::vector<std::string> const& accessions, std::string const& accession_field,
                       std::string const& name, std::string const& target_class,
                       std::vector<std::string> const& gene_symbols, std::vector<std::string> const& swissprot,
                       std::string const& organism, source_id drug_src) {
    std::string key = accessions.empty() ? "\t" + name + "\t" + organism : accession_field;
    if (auto it = target_of.find(key); it != target_of.end()) return it->second;
    if (accessions.size() == 1)
      if (auto it = base_target.find(accessions[0]); it != base_target.end()) {
        ++merged_targets;
        return target_of.emplace(key, it->second).first->second;
      }
    target t;
    if (accessions.empty()) {
      std::string slug = id_safe(name + (organism.empty() ? "" : ":" + organism));
      t.id = "target:drugcentral:name:" + (slug.size() > 160 ? slug.substr(0, 160) + ":" + short_digest(key) : slug);
      ++name_targets;
    } else {
      std::string joined;
      for (auto const& a : accessions) joined += (joined.empty() ? "" : "_") + a;
      t.id = "target:drugcentral:" + (joined.size() > 160 ? accessions[0] + "_etc:" + short_digest(joined) : joined);
    }
    t.id = unused_id(b, std::move(t.id));
    t.name = name.empty() ? "DrugCentral target " + accession_field : name;
    t.type = type_of(target_class);
    t.family = target_class;
    t.species = species_of(organism);
    if (gene_symbols.size() == 1) t.gene_symbol = gene_symbols[0];
    for (auto const& a : accessions) t.ids.push_back({"uniprot", a});
    for (auto const& sp : swissprot)
      if (sp != t.name) t.synonyms.push_back(sp);
    for (auto const& a : accessions) t.sources.push_back(target_page(a, t.name));
    if (t.sources.empty()) t.sources.push_back(drug_src);
    auto srcs = t.sources;
    ++targets;
    auto id = b.add(std::move(t));
    target_of.emplace(key, id);
    for (auto const& sym : gene_symbols) b.add<rel::encoded_by>(id, gene_for(sym, organism, srcs), {srcs});
    return id;
  }

  gene_id gene_for(std::string const& symbol, std::string const& organism, std::vector<source_id> const& srcs) {
    auto key = std::pair{organism, symbol};
    if (auto it = gene_of.find(key); it != gene_of.end()) return it->second;
    if (organism == "Homo sapiens")
      if (auto it = base_gene.find(symbol); it != base_gene.end()) {
        ++merged_genes;
        return gene_of.emplace(key, it->second).first->second;
      }
    gene g;
    g.id = "gene:drugcentral:" + (organism == "Homo sapiens" || organism.empty() ? "" : id_safe(organism) + ":") +
           id_safe(symbol);
    if (g.id.size() > 200) g.id = g.id.substr(0, 160) + ":" + short_digest(organism + "\t" + symbol);
    g.id = unused_id(b, std::move(g.id));
    g.name = symbol;
    g.symbol = symbol;
    g.sources = srcs;
    ++genes;
    auto id = b.add(std::move(g));
    return gene_of.emplace(key, id).first->second;
  }

  bool read(table_reader& t) {
    if (!t.require({"DRUG_NAME", "STRUCT_ID", "TARGET_NAME", "TARGET_CLASS", "ACCESSION", "GENE", "ACT_VALUE",
                    "ACT_UNIT", "ACT_TYPE", "ACT_SOURCE", "RELATION", "MOA", "MOA_SOURCE", "ACT_SOURCE_URL",
                    "MOA_SOURCE_URL", "ACTION_TYPE", "ORGANISM"}))
      return false;
    auto const& col = t.header();
    auto c = [&](std::string_view n) { return *col[n]; };
    auto c_drug = c("DRUG_NAME"), c_struct = c("STRUCT_ID"), c_tname = c("TARGET_NAME"), c_class = c("TARGET_CLASS"),
         c_acc = c("ACCESSION"), c_gene = c("GENE"), c_value = c("ACT_VALUE"), c_unit = c("ACT_UNIT"),
         c_type = c("ACT_TYPE"), c_asrc = c("ACT_SOURCE"), c_rel = c("RELATION"), c_moa = c("MOA"),
         c_msrc = c("MOA_SOURCE"), c_aurl = c("ACT_SOURCE_URL"), c_murl = c("MOA_SOURCE_URL"),
         c_action = c("ACTION_TYPE"), c_org = c("ORGANISM");
    auto c_swiss = col["SWISSPROT"], c_comment = col["ACT_COMMENT"];
    std::vector<std::string> f;
    while (t.next(f, "interactions")) {
      ++rows;
      auto const& sid = f[c_struct];
      if (!valid_identifier("drugcentral", sid))
        t.error(errc::bad_id, c_struct, "a DrugCentral structure id (digits) in 'STRUCT_ID'", quote_value(sid));
      std::string drug_name = one_line(f[c_drug]), target_name = one_line(f[c_tname]), organism = one_line(f[c_org]),
                  target_class = one_line(f[c_class]);
      for (auto [text, field] : {std::pair{&drug_name, c_drug}, std::pair{&target_name, c_tname},
                                 std::pair{&organism, c_org}, std::pair{&target_class, c_class}})
        if (!clean_text(*text))
          t.error(errc::encoding, field, "text without control characters", quote_value(*text));
      auto accessions = split_pipes(f[c_acc]);
      for (auto const& a : accessions)
        if (!valid_identifier("uniprot", a))
          t.error(errc::bad_identifier, c_acc,
               "UniProt accessions (6 or 10 upper-case letters and digits, |-separated) in 'ACCESSION'",
               quote_value(a));
      if (accessions.empty() && target_name.empty())
        t.error(errc::missing_field, c_tname, "a target: an ACCESSION or a TARGET_NAME", "neither");
      std::vector<std::string> gene_symbols;
      for (auto const& g : split_pipes(f[c_gene])) {
        auto sym = one_line(g);
        if (!clean_text(sym))
          t.error(errc::encoding, c_gene, "gene symbols without control characters", quote_value(sym));
        if (!sym.empty() && std::find(gene_symbols.begin(), gene_symbols.end(), sym) == gene_symbols.end())
          gene_symbols.push_back(sym);
      }
      auto const& moa = f[c_moa];
      bool is_moa = moa == "1" || moa == "1.0";
      if (!is_moa && !moa.empty() && moa != "0" && moa != "0.0")
        t.error(errc::unknown_enum, c_moa, "1, 0 or nothing in 'MOA'", quote_value(moa));
      auto const& value_text = f[c_value];
      auto value = parse_number(value_text);
      if (!value && !value_text.empty())
        t.error(errc::bad_quantity, c_value, "a number in 'ACT_VALUE'", quote_value(value_text));
      if (!t.row_ok()) continue;
      // the action and its note
      auto const& act = f[c_action];
      auto mapped = from_drugcentral(act);
      action a;
      if (mapped) std::tie(a.type, a.modality) = *mapped;
      std::vector<std::string> note;
      if (!mapped && !act.empty()) note.push_back(detail::format("DrugCentral action type '{}'", act));
      if (is_moa) {
        ++moa_rows;
        note.push_back("mechanism-of-action target (DrugCentral MOA)");
      }
      // the activity
      auto const& type = f[c_type];
      auto const& unit = f[c_unit];
      std::optional<affinity_measure> measure;
      if (type == "Ki")
        measure = affinity_measure::pKi;
      else if (type == "Kd")
        measure = affinity_measure::pKd;
      else if (type == "IC50")
        measure = affinity_measure::pIC50;
      else if (type == "EC50")
        measure = affinity_measure::pEC50;
      auto const& relation = f[c_rel];
      if (value && measure && unit.empty()) {
        ++affinity_counts[std::string(to_string(*measure))];
      } else if (value) {
        ++other_activity_counts[type.empty() ? std::string("(no type)") : type];
        note.push_back(unit.empty() ? detail::format("{} {} (DrugCentral activity value, -log[M])",
                                                  type.empty() ? "activity" : type, value_text)
                                    : detail::format("{} {} {}", type.empty() ? "activity" : type, value_text, unit));
      } else if (!type.empty()) {
        note.push_back(detail::format("{} (no value given)", type));
      }
      if (value && !relation.empty() && relation != "=")
        note.push_back(detail::format("relation '{}' on the activity value", relation));
      if (c_comment && !f[*c_comment].empty()) note.push_back("assay: " + one_line(f[*c_comment]));
      if (!ok()) continue;  // a failed import builds nothing: only keep checking
      // the drug (made or merged once every row is read) and its page
      auto [it, fresh] = drug_index.try_emplace(sid, std::uint32_t(drugs.size()));
      if (fresh) drugs.push_back({sid, drug_name.empty() ? "DrugCentral structure " + sid : drug_name, {}, {}});
      auto& info = drugs[it->second];
      if (fresh) info.page = drug_page(sid, info.name);
      // sources: the drug's page, then the activity's and the mechanism's
      std::vector<source_id> srcs{info.page};
      std::optional<source_id> act_src;
      for (auto [url_col, name_col, is_act] : {std::tuple{c_aurl, c_asrc, true}, std::tuple{c_murl, c_msrc, false}}) {
        if (!is_act && !is_moa && f[url_col].empty() && f[name_col].empty()) continue;
        std::string chembl_id;
        auto s = cited(f[url_col], one_line(f[name_col]), chembl_id);
        if (!chembl_id.empty()) {
          info.chembl.insert(chembl_id);
          structs_of_chembl[chembl_id].insert(sid);
        }
        if (s) {
          if (std::find(srcs.begin(), srcs.end(), *s) == srcs.end()) srcs.push_back(*s);
          if (is_act) act_src = s;
        } else if (!f[name_col].empty()) {
          note.push_back(detail::format("{} source: {}", is_act ? "activity" : "mechanism", one_line(f[name_col])));
        }
      }
      if (value && measure && unit.empty()) {
        affinity af;
        af.measure = *measure;
        af.value = value;
        af.species = species_of(organism);
        af.sources = {act_src ? *act_src : info.page};
        a.affinities.push_back(std::move(af));
      }
      std::vector<std::string> swissprot;
      if (c_swiss)
        for (auto const& sp : split_pipes(f[*c_swiss]))
          if (clean_text(sp)) swissprot.push_back(sp);
      auto target =
          target_for(accessions, f[c_acc], target_name, target_class, gene_symbols, swissprot, organism, info.page);
      ++action_counts[{act.empty() ? std::string("(none)") : act,
                       detail::format("acts_on ({}{})", to_string(a.type),
                                   a.modality == modality::unknown ? "" : detail::format(", {}", to_string(a.modality)))}];
      claims.push_back({it->second, target, b.add_payload<rel::acts_on>(std::move(a)),
                        b.add_evidence(noted_meta(std::move(srcs), note))});
    }
    return !t.failed() && ok();
  }

  /// Makes or merges the drugs, then adds the claims in file order.
  void finish_claims() {
    std::vector<drug_id> ids;
    ids.reserve(drugs.size());
    for (auto const& d : drugs) {
      // a ChEMBL id counts only when it is this structure's alone
      std::optional<std::string> chembl;
      if (d.chembl.size() == 1 && structs_of_chembl[*d.chembl.begin()].size() == 1) chembl = *d.chembl.begin();
      if (auto it = base_drug_dc.find(d.struct_id); it != base_drug_dc.end()) {
        ++merged_by_id;
        ids.push_back(it->second);
        continue;
      }
      if (chembl)
        if (auto it = base_drug_chembl.find(*chembl); it != base_drug_chembl.end()) {
          ++merged_by_chembl;
          auto& merged = b.get(it->second);
          if (!merged.identifier_of("drugcentral")) merged.ids.push_back({"drugcentral", d.struct_id});
          ids.push_back(it->second);
          continue;
        }
      drug e;
      e.id = "drug:drugcentral:" + d.struct_id;
      e.id = unused_id(b, std::move(e.id));
      e.name = d.name;
      e.ids.push_back({"drugcentral", d.struct_id});
      if (chembl) e.ids.push_back({"chembl", *chembl});
      e.sources = {d.page};
      ++new_drugs;
      ids.push_back(b.add(std::move(e)));
    }
    b.reserve_claims(b.claim_count() + claims.size());
    for (auto const& p : claims) b.add<rel::acts_on>(ids[p.drug], p.target, p.payload, p.evidence);
  }

  import_report report() const {
    import_report r;
    r.format = "drugcentral";
    auto merged = merged_by_id + merged_by_chembl;
    r.nodes.push_back({"structure (STRUCT_ID)",
                       merged ? detail::format("drug ({} merged into the base: {} by DrugCentral id, {} by ChEMBL id)",
                                            merged, merged_by_id, merged_by_chembl)
                              : "drug",
                       new_drugs + merged});
    r.nodes.push_back({"target with UniProt accessions",
                       merged_targets ? detail::format("target ({} merged into the base)", merged_targets) : "target",
                       targets - name_targets + merged_targets});
    if (name_targets)
      r.nodes.push_back({"target without an accession (DNA, ions, organisms, ...)", "target", name_targets});
    if (genes + merged_genes)
      r.nodes.push_back(
          {"gene symbol",
           merged_genes ? detail::format("gene (encoded_by; {} merged into the base)", merged_genes) : "gene (encoded_by)",
           genes + merged_genes});
    for (auto const& [k, n] : action_counts) r.edges.push_back({"ACTION_TYPE " + k.first, k.second, n});
    std::string affinities, others;
    for (auto const& [m, n] : affinity_counts)
      affinities += detail::format("{}{} {}", affinities.empty() ? "" : ", ", n, m);
    for (auto const& [m, n] : other_activity_counts) others += detail::format("{}{} {}", others.empty() ? "" : ", ", n, m);
    r.notes.push_back(
        detail::format("{} interaction rows ({} mechanism-of-action rows), {} claims with a note", rows, moa_rows, noted));
    r.notes.push_back(detail::format("affinities (-log10 molar): {}", affinities.empty() ? "none" : affinities));
    if (!others.empty()) r.notes.push_back(detail::format("other activity types, kept in the claim's note: {}", others));
    r.notes.push_back(detail::format("sources cited by the rows: {} PubMed, {} DOI, {} other URLs, {} references as text",
                                  pmid_sources, doi_sources, url_sources, text_sources));
    r.notes.push_back(detail::format("DrugCentral release: {}",
                                  release.empty() ? "not in the file or folder names (DrugCentral names its download "
                                                    "folders by date, e.g. 2021_09_01; give it with --kb-version)"
                                                  : release));
    return r;
  }
};

}  // namespace detail::drugcentral

PHARMAKON_FUNC import_result try_import_drugcentral(std::span<std::filesystem::path const> files,
                                                    import_options const& opts) {
  using namespace detail::drugcentral;
  importer imp(opts);
  if (files.empty()) return imp.fail_arguments("a DrugCentral drug.target.interaction.tsv(.gz) file", "none");
  for (auto const& f : files) {
    table_reader t(imp, f, '\t');
    if (!t.read_header("a header line", /*upper_case=*/true)) return imp.fail();
    if (!t.header().has("STRUCT_ID") || !t.header().has("ACCESSION")) {
      auto const& names = t.header().names;
      imp.diags.add(errc::syntax, t.name(), 1, 1,
                    "a DrugCentral drug.target.interaction header (DRUG_NAME, STRUCT_ID, TARGET_NAME, ..., ACCESSION, "
                    "..., ORGANISM)",
                    quote_value(names.empty() ? std::string() : names[0]));
      return imp.fail();
    }
    imp.files.push_back(t.name());
    if (imp.release.empty()) imp.release = release_in_path(t.name(), drugcentral_release);
    if (!imp.read(t)) return imp.fail();
  }
  return imp.finish({{}, {}, "drugcentral", imp.release.empty() ? "unknown" : imp.release}, [&] { return imp.report(); }, [&] { imp.finish_claims(); });
}

PHARMAKON_FUNC std::string drugcentral_release(std::string_view text) {
  static std::regex const release("(?:^|[^0-9])(20[0-9]{2})([-._])([0-9]{2})\\2([0-9]{2})(?![0-9])");
  return detail::import::release_match(text, release, "$1-$3-$4");
}

}  // namespace pharmakon
