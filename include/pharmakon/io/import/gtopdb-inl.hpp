// The GtoPdb importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "gtopdb-inl.hpp holds the out-of-line definitions of gtopdb.hpp: include gtopdb.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <charconv>
#include <cmath>
#include <map>
#include <unordered_map>

#include "../../graph/builder.hpp"
#include "../../model/text.hpp"
#include "../kb_file/loader.hpp"
#include "detail/driver.hpp"
#include "detail/records.hpp"
#include "detail/text.hpp"
#include "gtopdb.hpp"
#include "vocabulary.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::string gtopdb_plain_text(std::string_view s) {
  static constexpr std::pair<std::string_view, std::string_view> named[] = {
      {"alpha", "α"}, {"beta", "β"}, {"gamma", "γ"}, {"delta", "δ"}, {"epsilon", "ε"}, {"zeta", "ζ"},
      {"eta", "η"}, {"theta", "θ"}, {"iota", "ι"}, {"kappa", "κ"}, {"lambda", "λ"}, {"mu", "μ"},
      {"nu", "ν"}, {"xi", "ξ"}, {"omicron", "ο"}, {"pi", "π"}, {"rho", "ρ"}, {"sigma", "σ"},
      {"tau", "τ"}, {"upsilon", "υ"}, {"phi", "φ"}, {"chi", "χ"}, {"psi", "ψ"}, {"omega", "ω"},
      {"Alpha", "Α"}, {"Beta", "Β"}, {"Gamma", "Γ"}, {"Delta", "Δ"}, {"Theta", "Θ"}, {"Lambda", "Λ"},
      {"Pi", "Π"}, {"Sigma", "Σ"}, {"Phi", "Φ"}, {"Psi", "Ψ"}, {"Omega", "Ω"}, {"amp", "&"},
      {"lt", "<"}, {"gt", ">"}, {"quot", "\""}, {"apos", "'"}, {"nbsp", " "}, {"reg", "®"},
      {"trade", "™"}, {"plusmn", "±"}, {"micro", "µ"}, {"deg", "°"}, {"ge", "≥"}, {"le", "≤"},
      {"ouml", "ö"}, {"uuml", "ü"}, {"auml", "ä"}, {"oacute", "ó"}, {"eacute", "é"}, {"agrave", "à"},
      {"prime", "′"}, {"times", "×"}, {"middot", "·"}};
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    char c = s[i];
    if (c == '<') {  // a tag such as <sub>, </i>: dropped (a lone '<' stays)
      auto close = s.find('>', i);
      auto next_open = s.find('<', i + 1);
      if (close != std::string_view::npos && (next_open == std::string_view::npos || close < next_open) &&
          close - i <= 12) {
        i = close + 1;
        continue;
      }
    }
    if (c == '&') {
      auto semi = s.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        auto name = s.substr(i + 1, semi - i - 1);
        if (!name.empty() && name[0] == '#') {
          unsigned long cp = 0;
          bool hex = name.size() > 1 && (name[1] == 'x' || name[1] == 'X');
          auto digits = name.substr(hex ? 2 : 1);
          auto [p, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), cp, hex ? 16 : 10);
          if (ec == std::errc{} && p == digits.data() + digits.size() && cp > 0 && cp <= 0x10FFFF &&
              !(cp >= 0xD800 && cp <= 0xDFFF)) {
            text::encode(char32_t(cp), out);
            i = semi + 1;
            continue;
          }
        }
        for (auto const& [k, v] : named)
          if (k == name) {
            out += v;
            i = semi + 1;
            goto next;
          }
      }
    }
    out += c;
    ++i;
  next:;
  }
  return out;
}

namespace detail::gtopdb {

using namespace detail::import;

enum class table : std::uint8_t { interactions, ligands, peptides, targets, unknown };

/// What a ligand table says about a ligand.
struct ligand_info {
  std::string name, type, inn, pubchem_cid, inchikey;
  std::vector<std::string> synonyms;
  bool approved = false;
};
/// What the targets table says about a target.
struct target_info {
  std::string name, type, family, symbol, hgnc, entrez, uniprot;
  std::vector<std::string> synonyms;
};

inline target_type type_of(std::string_view t) {
  if (t == "gpcr" || t == "nhr" || t == "catalytic_receptor") return target_type::receptor;
  if (t == "lgic" || t == "vgic" || t == "other_ic") return target_type::ion_channel;
  if (t == "enzyme") return target_type::enzyme;
  if (t == "transporter") return target_type::transporter;
  return target_type::other;
}

inline bool digits(std::string_view s) {
  return !s.empty() && s.size() <= 12 && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

struct importer : driver {
  std::unordered_map<std::string, ligand_info> ligands;
  std::unordered_map<std::string, target_info> targets;
  std::unordered_map<std::string, drug_id> drug_of;
  std::unordered_map<std::string, target_id> target_of;  ///< "319", or "ligand:6274" for a ligand as a target
  std::unordered_map<std::string, gene_id> gene_of;      ///< by Entrez id
  // the base's entities, by identifier
  std::unordered_map<std::string, drug_id> base_drug = base_by<drug>("gtopdb_ligand");
  std::unordered_map<std::string, target_id> base_target = base_by<target>("gtopdb_target");
  std::unordered_map<std::string, gene_id> base_gene = base_by<gene>("entrez");
  std::map<std::pair<std::string, std::string>, std::uint64_t> action_counts;  ///< (type / action, mapping) -> rows
  std::uint64_t rows = 0, claims = 0, drugs = 0, merged_drugs = 0, target_count = 0, merged_targets = 0,
                gene_count = 0, ligand_targets = 0, organisms = 0, affinities = 0, pmids = 0;
  std::string release;                        ///< the interactions table's, e.g. "2020.5" ("" if it does not say)
  std::map<std::string, std::string> others;  ///< another table's release, where it differs: file -> release

  using driver::driver;

  source_id ligand_source(std::string const& lid, std::string const& name) {
    return source_for("src:gtopdb:ligand:" + lid, source_kind::database,
                      detail::format("IUPHAR/BPS Guide to PHARMACOLOGY: {} (ligand {})", name, lid), "IUPHAR/BPS", {},
                      [&](source& s) { s.set_identifier("gtopdb_ligand", lid); });
  }
  source_id target_source(std::string const& tid, std::string const& name) {
    return source_for("src:gtopdb:target:" + tid, source_kind::database,
                      detail::format("IUPHAR/BPS Guide to PHARMACOLOGY: {} (target {})", name, tid), "IUPHAR/BPS", {},
                      [&](source& s) { s.set_identifier("gtopdb_target", tid); });
  }
  source_id pmid_source(std::string const& pmid) {
    return source_for("src:pmid:" + pmid, source_kind::research,
                      "Reference cited by GtoPdb for a ligand-target interaction", {}, {}, [&](source& s) {
                        ++pmids;
                        s.set_identifier("pmid", pmid);
                      });
  }

  drug_id drug_for(std::string const& lid, std::string const& row_name) {
    if (auto known = made_or_merged(drug_of, base_drug, lid, merged_drugs)) return *known;
    drug d;
    d.id = "drug:gtopdb:" + lid;
    auto li = ligands.find(lid);
    d.name = gtopdb_plain_text(li != ligands.end() && !li->second.name.empty() ? li->second.name : row_name);
    if (d.name.empty()) d.name = "GtoPdb ligand " + lid;
    d.ids.push_back({"gtopdb_ligand", lid});
    if (li != ligands.end()) {
      auto const& l = li->second;
      for (auto const& syn : l.synonyms) d.synonyms.push_back(gtopdb_plain_text(syn));
      if (!l.inn.empty() && l.inn != d.name) d.synonyms.push_back(l.inn);
      if (valid_identifier("pubchem_cid", l.pubchem_cid)) d.ids.push_back({"pubchem_cid", l.pubchem_cid});
      if (valid_identifier("inchikey", l.inchikey)) d.ids.push_back({"inchikey", l.inchikey});
      d.drug_class = l.type;
    }
    d.sources = {ligand_source(lid, d.name)};
    ++drugs;
    auto id = b.add(std::move(d));
    return drug_of.emplace(lid, id).first->second;
  }

  target_id target_for(std::string const& tid, std::string const& row_name, std::string const& row_symbol,
                       std::string const& row_uniprot) {
    if (auto known = made_or_merged(target_of, base_target, tid, merged_targets)) return *known;
    auto ti = targets.find(tid);
    target t;
    t.id = "target:gtopdb:" + tid;
    t.name = gtopdb_plain_text(ti != targets.end() && !ti->second.name.empty() ? ti->second.name : row_name);
    if (t.name.empty()) t.name = "GtoPdb target " + tid;
    t.ids.push_back({"gtopdb_target", tid});
    t.gene_symbol = ti != targets.end() && !ti->second.symbol.empty() ? ti->second.symbol : row_symbol;
    std::string uniprot = ti != targets.end() && !ti->second.uniprot.empty() ? ti->second.uniprot : row_uniprot;
    for (auto const& u : split_pipes(uniprot))
      if (valid_identifier("uniprot", u)) t.ids.push_back({"uniprot", u});
    if (ti != targets.end()) {
      t.type = type_of(ti->second.type);
      t.family = gtopdb_plain_text(ti->second.family);
      for (auto const& syn : ti->second.synonyms) t.synonyms.push_back(gtopdb_plain_text(syn));
      t.species = "human";
    }
    auto src = target_source(tid, t.name);
    t.sources = {src};
    ++target_count;
    auto id = b.add(std::move(t));
    target_of.emplace(tid, id);
    // the human gene, when the targets table names exactly one
    if (ti != targets.end() && valid_identifier("entrez", ti->second.entrez) && !ti->second.symbol.empty()) {
      auto const& info = ti->second;
      gene_id g;
      if (auto it = gene_of.find(info.entrez); it != gene_of.end()) g = it->second;
      else if (auto bt = base_gene.find(info.entrez); bt != base_gene.end()) g = gene_of.emplace(info.entrez, bt->second).first->second;
      else {
        gene ge;
        ge.id = "gene:entrez:" + info.entrez;
        ge.name = info.symbol;
        ge.symbol = info.symbol;
        ge.ids.push_back({"entrez", info.entrez});
        if (valid_identifier("hgnc", "HGNC:" + info.hgnc)) ge.ids.push_back({"hgnc", "HGNC:" + info.hgnc});
        ge.sources = {src};
        if (b.find_id(ge.id)) ge.id = "gene:gtopdb:" + info.entrez;
        g = b.add(std::move(ge));
        ++gene_count;
        gene_of.emplace(info.entrez, g);
      }
      b.add<rel::encoded_by>(id, g, {{src}});
    }
    return id;
  }

  /// A ligand that is the target of an interaction (e.g. a cytokine an antibody binds).
  target_id ligand_target_for(std::string const& lid, std::string const& row_name, std::string const& row_symbol) {
    auto key = "ligand:" + lid;
    if (auto it = target_of.find(key); it != target_of.end()) return it->second;
    target t;
    t.id = "target:gtopdb:ligand:" + lid;
    auto li = ligands.find(lid);
    t.name = gtopdb_plain_text(li != ligands.end() && !li->second.name.empty() ? li->second.name : row_name);
    if (t.name.empty()) t.name = "GtoPdb ligand " + lid;
    t.gene_symbol = row_symbol;
    t.ids.push_back({"gtopdb_ligand", lid});
    t.sources = {ligand_source(lid, t.name)};
    ++ligand_targets;
    auto id = b.add(std::move(t));
    return target_of.emplace(key, id).first->second;
  }

  /// A whole organism as the "target" of a growth-inhibition assay (GtoPdb rows without a molecular target).
  target_id organism_target_for(std::string const& organism, std::string const& lid, std::string const& ligand_name) {
    auto key = "organism:" + organism;
    if (auto it = target_of.find(key); it != target_of.end()) return it->second;
    target t;
    t.id = "target:gtopdb:organism:";
    for (char ch : organism) t.id += detail::load::id_char_ok(ch) ? ch : '_';
    t.name = organism;
    t.species = organism;
    t.family = "whole organism (GtoPdb assay without a molecular target)";
    t.sources = {ligand_source(lid, ligand_name)};
    ++organisms;
    auto id = b.add(std::move(t));
    return target_of.emplace(key, id).first->second;
  }

  // ----- the optional tables -----
  // the dictionaries: a row without a usable id is skipped (reported when an interaction needs it)
  void read_ligands(table_reader& t) {
    auto const& col = t.header();
    auto id = col["Ligand id"], name = col["Name"], type = col["Type"], approved = col["Approved"],
         syn = col["Synonyms"], inn = col["INN"], cid = col["PubChem CID"], key = col["InChIKey"];
    std::vector<std::string> f;
    while (t.next(f, "ligands")) {
      auto get = [&](std::optional<std::size_t> c) { return field_or_empty(f, c); };
      auto lid = get(id);
      if (!digits(lid)) continue;
      ligand_info li{get(name), get(type), get(inn), get(cid), get(key), split_pipes(get(syn)),
                     get(approved) == "yes" || get(approved) == "t"};
      ligands.emplace(lid, std::move(li));
    }
  }
  void read_targets(table_reader& t) {
    auto const& col = t.header();
    auto id = col["Target id"], name = col["Target name"], type = col["Type"], family = col["Family name"],
         syn = col["synonyms"], symbol = col["HGNC symbol"], hgnc = col["HGNC id"], entrez = col["Human Entrez Gene"],
         uniprot = col["Human SwissProt"];
    std::vector<std::string> f;
    while (t.next(f, "targets")) {
      auto get = [&](std::optional<std::size_t> c) { return field_or_empty(f, c); };
      auto tid = get(id);
      if (!digits(tid)) continue;
      target_info ti{get(name), get(type), get(family), get(symbol), get(hgnc), get(entrez), get(uniprot),
                     split_pipes(get(syn))};
      if (ti.entrez.find('|') != std::string::npos || ti.symbol.find('|') != std::string::npos) ti.entrez.clear();
      targets.emplace(tid, std::move(ti));
    }
  }

  // ----- interactions -----
  bool read_interactions(table_reader& t) {
    if (!t.require({"ligand_id", "ligand", "target_id", "target", "type", "action", "affinity_units", "affinity_high",
                    "affinity_median", "affinity_low", "pubmed_id"}))
      return false;
    auto c = [&](char const* n) { return t.header()[n]; };
    std::vector<std::string> f;
    while (t.next(f, "interactions")) {
      auto get = [&](std::optional<std::size_t> i) -> std::string const& { return field_or_empty(f, i); };
      ++rows;
      auto const& lid = get(c("ligand_id"));
      auto const& tid = get(c("target_id"));
      auto const& tlid = get(c("target_ligand_id"));
      auto const& organism = get(c("target_species"));
      bool whole_organism = tid.empty() && tlid.empty() && !organism.empty() && organism != "None" && organism != "Unknown";
      if (!digits(lid))
        t.error(errc::bad_id, *c("ligand_id"), "a GtoPdb ligand id (digits) in 'ligand_id'", quote_value(lid));
      else if (!digits(tid) && !digits(tlid) && !whole_organism)
        t.error(errc::missing_field, *c("target_id"),
                "a target: 'target_id' or 'target_ligand_id' (digits), or an organism in 'target_species'",
                quote_value(tid.empty() ? tlid : tid));
      if (!t.row_ok()) continue;
      // the action: GtoPdb's `action`, else its `type`; what does not map is kept in the note
      auto const& type = get(c("type"));
      auto const& act = get(c("action"));
      action a;
      std::vector<std::string> note;
      auto mapped = from_gtopdb(act);
      if (act == "Competitive") {
        a.type = type == "Agonist" ? action_type::agonist : action_type::antagonist;
        a.modality = modality::competitive;
      } else if (act == "Non-competitive") {
        a.type = type == "Inhibitor" ? action_type::inhibitor : action_type::antagonist;
        a.modality = modality::non_competitive;
      } else if (act == "Neutral") {
        a.type = action_type::antagonist;
        note.push_back("neutral antagonist");
      } else if (act == "Irreversible agonist") {
        a.type = action_type::agonist;
        a.reversible = false;
      } else if (act == "Irreversible inhibition") {
        a.type = action_type::irreversible_inhibitor;
        a.reversible = false;
      } else if (act == "Potentiation") {
        a.type = action_type::positive_allosteric_modulator;
      } else if (act == "Feedback inhibition") {
        a.type = action_type::inhibitor;
      } else if (mapped) {
        a.type = *mapped;
      } else {
        if (type == "Agonist") a.type = action_type::agonist;
        else if (type == "Antagonist") a.type = action_type::antagonist;
        else if (type == "Inhibitor" || type == "Gating inhibitor") a.type = action_type::inhibitor;
        else if (type == "Channel blocker") a.type = action_type::blocker;
        else if (type == "Allosteric modulator") a.type = action_type::modulator;
        else if (type == "Activator") a.type = action_type::activator;
        else if (type == "Antibody") a.type = action_type::binding_agent;
        else a.type = action_type::other;
        if (!act.empty() && act != "None" && act != type) note.push_back(detail::format("GtoPdb action '{}'", act));
      }
      if (type == "Allosteric modulator" && a.modality == modality::unknown) a.modality = modality::allosteric;
      if (type == "Gating inhibitor" || type == "Subunit-specific") note.push_back(detail::format("GtoPdb type '{}'", type));
      ++action_counts[{detail::format("{} / {}", type.empty() ? "-" : type, act.empty() ? "-" : act),
                       detail::format("acts_on ({}{})", to_string(a.type),
                                   a.modality == modality::unknown ? "" : detail::format(", {}", to_string(a.modality)))}];
      // the affinity
      auto const& units = get(c("affinity_units"));
      auto number = [&](char const* column) -> std::optional<double> {
        auto const& s = get(c(column));
        auto v = parse_number(s);
        if (!v && !s.empty()) t.error(errc::bad_quantity, *c(column), detail::format("a number in '{}'", column), quote_value(s));
        return v;
      };
      auto median = number("affinity_median");
      auto high = number("affinity_high");
      auto low = number("affinity_low");
      std::optional<affinity_measure> measure;
      if (units == "pKi") measure = affinity_measure::pKi;
      else if (units == "pKd") measure = affinity_measure::pKd;
      else if (units == "pIC50") measure = affinity_measure::pIC50;
      else if (units == "pEC50") measure = affinity_measure::pEC50;
      std::string species = get(c("target_species"));
      std::transform(species.begin(), species.end(), species.begin(), [](char ch) { return char(std::tolower(static_cast<unsigned char>(ch))); });
      if (species == "none" || species == "unknown") species.clear();
      auto relation = get(c("original_affinity_relation"));
      // sources: the ligand's GtoPdb page and the PubMed ids
      std::vector<source_id> srcs{ligand_source(lid, get(c("ligand")))};
      for (auto const& pmid : split_pipes(get(c("pubmed_id")))) {
        if (!valid_identifier("pmid", pmid)) {
          t.error(errc::bad_identifier, *c("pubmed_id"), "PubMed ids (digits) in 'pubmed_id'", quote_value(pmid));
          continue;
        }
        auto s = pmid_source(pmid);
        if (std::find(srcs.begin(), srcs.end(), s) == srcs.end()) srcs.push_back(s);
      }
      if (measure && (median || low || high)) {
        affinity af;
        af.measure = *measure;
        af.value = median;
        if (!median) {
          // GtoPdb's high is the tighter (larger p) end
          af.low = low && high ? std::min(*low, *high) : (low ? low : high);
          if (low && high) af.high = std::max(*low, *high);
          if (!af.high) {
            af.value = af.low;
            af.low.reset();
          }
        }
        af.species = species;
        af.sources.assign(srcs.begin() + (srcs.size() > 1 ? 1 : 0), srcs.end());
        a.affinities.push_back(std::move(af));
        ++affinities;
        if (!relation.empty() && relation != "=") note.push_back(detail::format("affinity {} the value given", relation == ">" ? "above" : relation == "<" ? "below" : "about"));
      } else if (!units.empty() && units != "-" && (median || low || high)) {
        note.push_back(detail::format("{} {}", units, median ? detail::format("{}", *median)
                                                         : detail::format("{}-{}", low.value_or(NAN), high.value_or(NAN))));
      }
      if (get(c("primary_target")) == "t") note.push_back("primary target");
      if (get(c("endogenous")) == "t") note.push_back("endogenous ligand");
      if (auto const& site = get(c("receptor_site")); !site.empty()) note.push_back(detail::format("site: {}", site));
      if (!ok()) continue;  // a failed import builds nothing: only keep checking
      auto d = drug_for(lid, get(c("ligand")));
      auto target = digits(tid) ? target_for(tid, get(c("target")), get(c("target_gene_symbol")), get(c("target_uniprot")))
               : digits(tlid) ? ligand_target_for(tlid, get(c("target_ligand")), get(c("target_ligand_gene_symbol")))
                              : organism_target_for(organism, lid, get(c("ligand")));
      b.add<rel::acts_on>(d, target, std::move(a), noted_meta(std::move(srcs), note));
      ++claims;
    }
    return !t.failed() && ok();
  }

  import_report report() const {
    import_report r;
    r.format = "gtopdb";
    r.nodes.push_back({"ligand", merged_drugs ? detail::format("drug ({} merged into the base)", merged_drugs) : "drug",
                       drugs + merged_drugs});
    r.nodes.push_back({"target", merged_targets ? detail::format("target ({} merged into the base)", merged_targets) : "target",
                       target_count + merged_targets});
    if (ligand_targets) r.nodes.push_back({"ligand as a target", "target", ligand_targets});
    if (organisms) r.nodes.push_back({"organism (no molecular target)", "target", organisms});
    if (gene_count) r.nodes.push_back({"human gene of a target", "gene (encoded_by)", gene_count});
    for (auto const& [k, n] : action_counts) r.edges.push_back({"interaction " + k.first, k.second, n});
    r.notes.push_back(detail::format("{} interaction rows, {} affinities, {} PubMed sources, {} claims with a note", rows,
                                  affinities, pmids, noted));
    r.notes.push_back(detail::format("GtoPdb release: {}",
                                  release.empty() ? "not in the version line, file or folder names (give it with "
                                                    "--kb-version)"
                                                  : release));
    for (auto const& [file, rel] : others)
      r.notes.push_back(detail::format("{} is from GtoPdb {}, the interactions from {}", file, rel,
                                    release.empty() ? "an unnamed release" : release));
    return r;
  }
};

/// The release a table says it is from: its version line ("# GtoPdb Version: 2020.5 ..."), else its file or folder
/// name.
inline std::string release_of(table_reader const& t) {
  if (auto r = gtopdb_release(t.preamble()); !r.empty() && t.preamble().find("Version") != std::string::npos) return r;
  return release_in_path(t.name(), gtopdb_release);
}

inline table classify(header_columns const& header) {
  auto has = [&](std::string_view n) { return header.has(n); };
  if (has("ligand_id") && has("target_id")) return table::interactions;
  if (has("Target id") && has("Family name")) return table::targets;
  if (has("Ligand id") && has("Single letter amino acid sequence")) return table::peptides;
  if (has("Ligand id") && has("Name")) return table::ligands;
  return table::unknown;
}

}  // namespace detail::gtopdb

PHARMAKON_FUNC import_result try_import_gtopdb(std::span<std::filesystem::path const> files, import_options const& opts) {
  using namespace detail::gtopdb;
  importer imp(opts);
  auto opened = open_tables(
      imp, files, classify, table::unknown,
      "a GtoPdb table header (interactions.csv, ligands.csv, peptides.csv or targets_and_families.csv)");
  if (!opened) return imp.fail();
  auto& tables = *opened;
  if (std::none_of(tables.begin(), tables.end(), [](auto const& t) { return t.kind == table::interactions; }))
    return imp.fail_arguments("an interactions table (interactions.csv)", "none among the files");
  for (auto const& t : tables)
    if (t.kind == table::interactions && imp.release.empty()) imp.release = release_of(*t.t);
  for (auto const& t : tables)
    if (auto r = release_of(*t.t); t.kind != table::interactions && !r.empty() && r != imp.release)
      imp.others.emplace(t.t->name(), r);
  // the dictionaries first, then the interactions that use them
  for (auto& t : tables) {
    if (t.kind == table::ligands || t.kind == table::peptides) imp.read_ligands(*t.t);
    else if (t.kind == table::targets) imp.read_targets(*t.t);
    if (t.t->failed() || imp.gate.cancelled()) return imp.fail();
  }
  for (auto& t : tables)
    if (t.kind == table::interactions && !imp.read_interactions(*t.t)) return imp.fail();
  return imp.finish({{}, {}, "gtopdb", imp.release.empty() ? "unknown" : imp.release}, [&] { return imp.report(); });
}

PHARMAKON_FUNC std::string gtopdb_release(std::string_view text) {
  static std::regex const release("(?:^|[^0-9])(20[0-9]{2})[-._]([0-9])(?:$|[-._ ]+[^0-9])");
  return detail::import::release_match(text, release, "$1.$2");
}

}  // namespace pharmakon
