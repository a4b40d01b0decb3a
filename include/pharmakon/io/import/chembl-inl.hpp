// The ChEMBL drug-mechanism importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "chembl-inl.hpp holds the out-of-line definitions of chembl.hpp: include chembl.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <map>
#include <unordered_map>

#include "../../graph/builder.hpp"
#include "chembl.hpp"
#include "../kb_file/loader.hpp"
#include "../../model/text.hpp"
#include "detail/records.hpp"

namespace pharmakon {

namespace detail::chembl {

using detail::import::header_columns;
using detail::import::record_reader;

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

struct importer {
  import_options const& opts;
  detail::import::sink diags;
  detail::import::progress_gate gate;
  builder b;
  std::string release;                                 ///< e.g. "36"; empty if the file names do not say
  std::unordered_map<std::string, std::string> names;  ///< drug table: CHEMBL id -> preferred name
  std::unordered_map<std::string, drug_id> drug_of;
  std::unordered_map<std::string, target_id> target_of;
  std::unordered_map<std::string, concept_id> mechanism_of;  ///< mechanism text -> concept
  std::unordered_map<std::string, source_id> source_of;
  std::unordered_map<std::string, drug_id> base_drug;
  std::unordered_map<std::string, target_id> base_target;
  payload_id<rel::related> mechanism_label{};
  bool have_label = false;
  std::map<std::pair<std::string, std::string>, std::uint64_t> action_counts;  ///< (action_type, mapping) -> rows
  std::uint64_t rows = 0, claims = 0, drugs = 0, merged_drugs = 0, targets = 0, merged_targets = 0, concepts = 0,
                untargeted = 0, named = 0, unused_names = 0, noted = 0;

  explicit importer(import_options const& o) : opts(o), gate(o) {
    diags.max = o.max_diagnostics;
    if (o.base) {
      b = builder(*o.base);
      auto const& kb = *o.base;
      for (auto d : kb.ids<drug>())
        if (auto v = kb[d].identifier_of("chembl")) base_drug.emplace(std::string(*v), d);
      for (auto t : kb.ids<target>())
        if (auto v = kb[t].identifier_of("chembl")) base_target.emplace(std::string(*v), t);
    }
  }

  std::string chembl_name() const { return release.empty() ? std::string("ChEMBL") : "ChEMBL " + release; }

  source_id source_for(std::string const& id, auto&& make) {
    if (auto it = source_of.find(id); it != source_of.end()) return it->second;
    auto existing = b.find_source(id);
    auto s = existing ? *existing : b.add_source(make());
    source_of.emplace(id, s);
    return s;
  }
  /// The drug's ChEMBL record: the source of every claim about it (the same id as the curated knowledge base's).
  source_id drug_source(std::string const& chembl_id, std::string const& name) {
    return source_for("src:chembl:" + chembl_id, [&] {
      source s;
      s.id = "src:chembl:" + chembl_id;
      s.kind = source_kind::database;
      s.title = fmt::format("{} drug mechanism records: {} ({})", chembl_name(), name, chembl_id);
      s.publisher = "EMBL-EBI";
      s.url = fmt::format("https://www.ebi.ac.uk/chembl/compound_report_card/{}/", chembl_id);
      return s;
    });
  }
  source_id target_source(std::string const& chembl_id, std::string const& name) {
    return source_for("src:chembl:target:" + chembl_id, [&] {
      source s;
      s.id = "src:chembl:target:" + chembl_id;
      s.kind = source_kind::database;
      s.title = fmt::format("{} target {}: {}", chembl_name(), chembl_id, name);
      s.publisher = "EMBL-EBI";
      s.url = fmt::format("https://www.ebi.ac.uk/chembl/target_report_card/{}/", chembl_id);
      return s;
    });
  }

  drug_id drug_for(std::string const& chembl_id, std::string const& row_name) {
    if (auto it = drug_of.find(chembl_id); it != drug_of.end()) return it->second;
    if (auto it = base_drug.find(chembl_id); it != base_drug.end()) {
      ++merged_drugs;
      return drug_of.emplace(chembl_id, it->second).first->second;
    }
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
    d.id = detail::import::unused_id(b, std::move(d.id));
    ++drugs;
    auto id = b.add(std::move(d));
    return drug_of.emplace(chembl_id, id).first->second;
  }

  target_id target_for(std::string const& chembl_id, std::string const& row_name) {
    if (auto it = target_of.find(chembl_id); it != target_of.end()) return it->second;
    if (auto it = base_target.find(chembl_id); it != base_target.end()) {
      ++merged_targets;
      return target_of.emplace(chembl_id, it->second).first->second;
    }
    target t;
    t.id = "target:chembl:" + chembl_id;
    t.name = row_name.empty() ? "ChEMBL target " + chembl_id : row_name;
    t.ids.push_back({"chembl", chembl_id});
    t.sources = {target_source(chembl_id, t.name)};
    t.id = detail::import::unused_id(b, std::move(t.id));
    ++targets;
    auto id = b.add(std::move(t));
    return target_of.emplace(chembl_id, id).first->second;
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
    c.id = detail::import::unused_id(b, id);
    c.name = text;
    c.kind_label = "ChEMBL mechanism without a target";
    c.sources = {src};
    ++concepts;
    auto cid = b.add(std::move(c));
    return mechanism_of.emplace(text, cid).first->second;
  }

  /// The index of the first field that is not valid UTF-8, if any.
  static std::optional<std::size_t> bad_utf8(std::vector<std::string> const& f) {
    for (std::size_t i = 0; i < f.size(); ++i)
      if (text::invalid_utf8_offset(f[i]) != std::string_view::npos) return i;
    return std::nullopt;
  }

  // ----- the drug table (names) -----
  void read_drugs(detail::import::line_reader& in, record_reader& rec, header_columns const& col) {
    auto id = col["drug_id"], name = col["drug_name"];
    std::vector<std::string> f;
    while (rec.next(f)) {
      if (!gate.tick("drugs", &in)) return;
      if (f.size() == 1 && f[0].empty()) continue;
      if (auto s = rec.stray()) {
        diags.add(errc::syntax, in.name(), s->line, s->column, "a comma or the line end after a closing quote",
                  "more text");
        if (diags.full()) return;
        continue;
      }
      if (f.size() != col.names.size()) {
        diags.add(errc::syntax, in.name(), rec.line(), 1, fmt::format("{} comma-separated columns", col.names.size()),
                  fmt::format("{}", f.size()));
        if (diags.full()) return;
        continue;
      }
      if (auto bad = bad_utf8(f)) {
        auto p = rec.at(*bad);
        diags.add(errc::encoding, in.name(), p.line, p.column, fmt::format("UTF-8 text in '{}'", col.names[*bad]),
                  "invalid UTF-8");
        if (diags.full()) return;
        continue;
      }
      auto const& cid = f[*id];
      if (!valid_identifier("chembl", cid)) {
        auto p = rec.at(*id);
        diags.add(errc::bad_id, in.name(), p.line, p.column, "a ChEMBL id (CHEMBL and digits) in 'drug_id'",
                  detail::import::quoted(cid));
        if (diags.full()) return;
        continue;
      }
      auto n = detail::import::one_line(f[*name]);
      if (!detail::import::clean_text(n)) {
        auto p = rec.at(*name);
        diags.add(errc::encoding, in.name(), p.line, p.column, "text without control characters",
                  detail::import::quoted(n));
        if (diags.full()) return;
        continue;
      }
      names.emplace(cid, std::move(n));
    }
  }

  // ----- the mechanism table -----
  bool read_mechanisms(detail::import::line_reader& in, record_reader& rec, header_columns const& col) {
    for (auto n :
         {"drug_id", "drug_name", "mechanism_id", "mechanism_of_action", "action_type", "target_id", "target_name"})
      if (!col.has(n)) {
        diags.add(errc::missing_field, in.name(), 1, 1, fmt::format("a column '{}' in the header", n), "none");
        return false;
      }
    auto c_drug = *col["drug_id"], c_name = *col["drug_name"], c_mid = *col["mechanism_id"],
         c_moa = *col["mechanism_of_action"], c_action = *col["action_type"], c_target = *col["target_id"],
         c_tname = *col["target_name"];
    auto c_direct = col["direct_interaction"], c_molecular = col["molecular_mechanism"],
         c_efficacy = col["disease_efficacy"], c_comment = col["mechanism_comment"],
         c_selectivity = col["selectivity_comment"];
    std::vector<std::string> f;
    while (rec.next(f)) {
      if (!gate.tick("mechanisms", &in)) return false;
      if (f.size() == 1 && f[0].empty()) continue;
      auto error = [&](errc code, std::size_t field, std::string expected, std::string found) {
        auto p = rec.at(field);
        diags.add(code, in.name(), p.line, p.column, std::move(expected), std::move(found));
      };
      if (auto s = rec.stray()) {
        diags.add(errc::syntax, in.name(), s->line, s->column, "a comma or the line end after a closing quote",
                  "more text");
        if (diags.full()) return false;
        continue;
      }
      if (f.size() != col.names.size()) {
        diags.add(errc::syntax, in.name(), rec.line(), 1, fmt::format("{} comma-separated columns", col.names.size()),
                  fmt::format("{}", f.size()));
        if (diags.full()) return false;
        continue;
      }
      ++rows;
      if (auto bad = bad_utf8(f)) {
        error(errc::encoding, *bad, fmt::format("UTF-8 text in '{}'", col.names[*bad]), "invalid UTF-8");
        if (diags.full()) return false;
        continue;
      }
      auto const& drug_chembl = f[c_drug];
      if (!valid_identifier("chembl", drug_chembl)) {
        error(errc::bad_id, c_drug, "a ChEMBL id (CHEMBL and digits) in 'drug_id'",
              detail::import::quoted(drug_chembl));
        if (diags.full()) return false;
        continue;
      }
      auto const& target_chembl = f[c_target];
      if (!target_chembl.empty() && !valid_identifier("chembl", target_chembl)) {
        error(errc::bad_id, c_target, "a ChEMBL target id (CHEMBL and digits) or nothing in 'target_id'",
              detail::import::quoted(target_chembl));
        if (diags.full()) return false;
        continue;
      }
      auto const& mid = f[c_mid];
      if (mid.empty() || mid.size() > 12 ||
          !std::all_of(mid.begin(), mid.end(), [](char ch) { return ch >= '0' && ch <= '9'; })) {
        error(errc::bad_id, c_mid, "a ChEMBL mechanism id (digits) in 'mechanism_id'", detail::import::quoted(mid));
        if (diags.full()) return false;
        continue;
      }
      std::string drug_name = detail::import::one_line(f[c_name]);
      std::string target_name = detail::import::one_line(f[c_tname]);
      std::string mechanism = detail::import::one_line(f[c_moa]);
      bool clean = true;
      for (auto [text, field] :
           {std::pair{&drug_name, c_name}, std::pair{&target_name, c_tname}, std::pair{&mechanism, c_moa}})
        if (clean && !detail::import::clean_text(*text)) {
          error(errc::encoding, field, "text without control characters", detail::import::quoted(*text));
          clean = false;
        }
      if (!clean) {
        if (diags.full()) return false;
        continue;
      }
      if (target_chembl.empty() && mechanism.empty()) {
        error(errc::missing_field, c_moa, "a mechanism_of_action (the row has no target_id)", "''");
        if (diags.full()) return false;
        continue;
      }
      // the flags: 1 (the usual case) says nothing; 0 goes into the note
      std::vector<std::string> note;
      if (!mechanism.empty()) note.push_back(mechanism);
      bool flags_ok = true;
      auto flag = [&](std::optional<std::size_t> c, char const* column, char const* when_zero) {
        if (!c) return;
        auto const& v = f[*c];
        if (v.empty() || v == "1") return;
        if (v == "0") {
          note.push_back(when_zero);
          return;
        }
        error(errc::unknown_enum, *c, fmt::format("0, 1 or nothing in '{}'", column), detail::import::quoted(v));
        flags_ok = false;
      };
      flag(c_direct, "direct_interaction", "not a direct interaction (ChEMBL direct_interaction = 0)");
      flag(c_molecular, "molecular_mechanism", "ChEMBL molecular_mechanism = 0");
      flag(c_efficacy, "disease_efficacy",
           "ChEMBL disease_efficacy = 0 (the target is not thought to give the efficacy)");
      if (!flags_ok) {
        if (diags.full()) return false;
        continue;
      }
      auto const& act = f[c_action];
      auto mapped = from_chembl(act);
      action a;
      a.type = mapped.value_or(action_type::other);
      if (!mapped && !act.empty()) note.push_back(fmt::format("ChEMBL action type '{}'", act));
      if (c_comment && !f[*c_comment].empty()) note.push_back("comment: " + detail::import::one_line(f[*c_comment]));
      if (c_selectivity && !f[*c_selectivity].empty())
        note.push_back("selectivity: " + detail::import::one_line(f[*c_selectivity]));
      if (!diags.diags.empty()) continue;  // a failed import builds nothing: only keep checking
      auto d = drug_for(drug_chembl, drug_name);
      auto src = drug_source(drug_chembl, drug_name.empty() ? drug_chembl : drug_name);
      std::string joined;
      for (auto const& n : note) joined += (joined.empty() ? "" : "; ") + n;
      if (target_chembl.empty()) {
        // no molecular target: the drug is related to its mechanism, kept as a concept
        auto c = mechanism_concept(mechanism, mid, src);
        if (!have_label) {
          mechanism_label = b.add_payload<rel::related>(related_label{"mechanism"});
          have_label = true;
        }
        std::string rest;
        for (std::size_t i = 1; i < note.size(); ++i) rest += (rest.empty() ? "" : "; ") + note[i];
        claim_meta meta({src});
        if (!rest.empty()) meta.with_note(std::move(rest));
        b.add<rel::related>(any_node(d), any_node(c), mechanism_label, b.add_evidence(std::move(meta)));
        ++untargeted;
        ++action_counts[{act.empty() ? std::string("(none), no target") : act + ", no target", "related 'mechanism'"}];
      } else {
        auto t = target_for(target_chembl, target_name);
        ++action_counts[{act.empty() ? std::string("(none)") : act, fmt::format("acts_on ({})", to_string(a.type))}];
        claim_meta meta({src});
        if (!joined.empty()) {
          ++noted;
          meta.with_note(std::move(joined));
        }
        b.add<rel::acts_on>(d, t, std::move(a), std::move(meta));
      }
      ++claims;
    }
    return !rec.failed();
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
  import_result result;
  importer imp(opts);
  auto failed = [&] {
    result.diagnostics = std::move(imp.diags.diags);
    result.cancelled = imp.gate.cancelled();
    return std::move(result);
  };
  struct opened {
    std::unique_ptr<detail::import::line_reader> in;
    std::unique_ptr<record_reader> rec;
    std::unique_ptr<header_columns> header;
    table kind = table::unknown;
  };
  std::vector<opened> tables;
  for (auto const& f : files) {
    opened o;
    o.in = std::make_unique<detail::import::line_reader>(f, opts, imp.diags);
    o.rec = std::make_unique<record_reader>(*o.in, imp.diags, ',', opts.max_line_bytes);
    std::vector<std::string> h;
    if (!o.in->open() || !o.rec->next(h)) {
      if (!o.rec->failed()) imp.diags.add(errc::syntax, o.in->name(), 1, 1, "a CSV header line", "an empty file");
      return failed();
    }
    if (!h.empty() && h[0].size() >= 3 && h[0].compare(0, 3, "\xEF\xBB\xBF") == 0) h[0].erase(0, 3);  // a UTF-8 BOM
    o.header = std::make_unique<header_columns>(std::move(h));
    o.kind = classify(*o.header);
    if (o.kind == table::unknown) {
      imp.diags.add(errc::syntax, o.in->name(), 1, 1,
                    "a ChEMBL drug mechanism table header (drug_id, ..., mechanism_of_action, action_type, target_id, "
                    "...) or a drug table header (drug_id, drug_name, ...)",
                    detail::import::quoted(o.header->names.empty() ? std::string() : o.header->names[0]));
      return failed();
    }
    if (o.kind == table::mechanisms && imp.release.empty()) imp.release = release_of(f);
    result.report.files.push_back(o.in->name());
    tables.push_back(std::move(o));
  }
  if (std::none_of(tables.begin(), tables.end(), [](auto const& t) { return t.kind == table::mechanisms; })) {
    imp.diags.add(errc::io, "<arguments>", 0, 0, "a ChEMBL drug mechanism table (drug_mechanism.csv)",
                  "none among the files");
    return failed();
  }
  // the drug table first, then the mechanisms that use its names
  for (auto& t : tables)
    if (t.kind == table::drugs) {
      imp.read_drugs(*t.in, *t.rec, *t.header);
      if (t.rec->failed() || imp.gate.cancelled()) return failed();
    }
  for (auto& t : tables)
    if (t.kind == table::mechanisms) {
      if (!imp.read_mechanisms(*t.in, *t.rec, *t.header) || !imp.diags.diags.empty()) return failed();
    }
  if (!imp.gate.tick("building", nullptr, true)) return failed();
  if (!opts.name.empty())
    imp.b.set_name(opts.name);
  else if (!opts.base)
    imp.b.set_name("chembl");
  if (!opts.version.empty())
    imp.b.set_version(opts.version);
  else if (!opts.base && !imp.release.empty())
    imp.b.set_version(imp.release);
  try {
    result.kb = imp.b.build();
  } catch (error const& e) {
    imp.diags.add(e.code(), "<import>", 0, 0, "a consistent graph", e.what());
    return failed();
  }
  auto files_read = std::move(result.report.files);
  result.report = imp.report();
  result.report.files = std::move(files_read);
  result.report.result = result.kb->stats();
  result.report.seconds = imp.gate.seconds();
  imp.gate.tick("done", nullptr, true);
  return result;
}

}  // namespace pharmakon
