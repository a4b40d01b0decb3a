// The ChEMBL drug-mechanism importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "chembl-inl.hpp holds the out-of-line definitions of chembl.hpp: include chembl.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include "../../graph/builder.hpp"
#include "../../graph/detail/names.hpp"
#include "../../model/text.hpp"
#include "../kb_file/loader.hpp"
#include "chembl.hpp"
#include "detail/driver.hpp"
#include "detail/records.hpp"
#include "detail/text.hpp"
#include "vocabulary.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::chembl {

using namespace detail::import;

enum class table : std::uint8_t { mechanisms, drugs, unknown };

inline table classify(header_columns const& h) {
  if (h.has("drug_id") && h.has("mechanism_of_action")) return table::mechanisms;
  if (h.has("drug_id") && h.has("drug_name")) return table::drugs;
  return table::unknown;
}

struct importer : driver {
  std::string release;                                 ///< e.g. "36"; empty if the file names do not say
  std::unordered_map<std::string, std::string> names;  ///< drug table: CHEMBL id -> preferred name
  std::unordered_map<std::string, std::string> smiles;  ///< drug table: CHEMBL id -> SMILES (column `smile`)
  /// A salt form's ChEMBL id -> its parent's, where the drug table says so (see `find_parents`)
  std::unordered_map<std::string, std::string> parent_of;
  /// The claims, merged where a salt and its parent (now one drug) state the same mechanism, in row order
  struct pending_claim {
    any_node from, to;
    bool targeted;
    action a;
    std::string note;
    std::vector<source_id> sources;
  };
  std::vector<pending_claim> pending;
  std::map<std::tuple<any_node, any_node, action_type, std::string>, std::size_t> pending_of;
  std::unordered_map<std::string, drug_id> drug_of;
  std::unordered_map<std::string, target_id> target_of;
  std::unordered_map<std::string, concept_id> mechanism_of;  ///< mechanism text -> concept
  std::unordered_map<std::string, drug_id> base_drug = base_by<drug>("chembl");
  std::unordered_map<std::string, target_id> base_target = base_by<target>("chembl");
  payload_id<rel::related> mechanism_label{};
  bool have_label = false;
  std::map<std::pair<std::string, std::string>, std::uint64_t> action_counts;  ///< (action_type, mapping) -> rows
  std::uint64_t rows = 0, claims = 0, drugs = 0, merged_drugs = 0, targets = 0, merged_targets = 0, concepts = 0,
                untargeted = 0, named = 0, unused_names = 0, salts = 0, salt_rows = 0, merged_claims = 0;

  using driver::driver;

  std::string chembl_name() const { return release.empty() ? std::string("ChEMBL") : "ChEMBL " + release; }

  /// The drug's ChEMBL record: the source of every claim about it (the same id as the curated knowledge base's).
  source_id drug_source(std::string const& chembl_id, std::string const& name) {
    return source_for("src:chembl:" + chembl_id, source_kind::database,
                      detail::format("{} drug mechanism records: {} ({})", chembl_name(), name, chembl_id), "EMBL-EBI",
                      detail::format("https://www.ebi.ac.uk/chembl/compound_report_card/{}/", chembl_id));
  }
  source_id target_source(std::string const& chembl_id, std::string const& name) {
    return source_for("src:chembl:target:" + chembl_id, source_kind::database,
                      detail::format("{} target {}: {}", chembl_name(), chembl_id, name), "EMBL-EBI",
                      detail::format("https://www.ebi.ac.uk/chembl/target_report_card/{}/", chembl_id));
  }

  /// The drug of a mechanism row: the parent compound when the row's drug is a salt form of it (the salt's name and
  /// ChEMBL id become the parent's synonym and second `chembl` identifier), else the row's drug.
  drug_id drug_for(std::string const& row_chembl, std::string const& row_name) {
    auto p = parent_of.find(row_chembl);
    bool salt = p != parent_of.end();
    std::string const& chembl_id = salt ? p->second : row_chembl;
    if (salt) ++salt_rows;
    if (auto known = made_or_merged(drug_of, base_drug, chembl_id, merged_drugs)) {
      if (salt) add_salt(b.get(*known), row_chembl, row_name);
      return *known;
    }
    drug d;
    d.id = "drug:chembl:" + chembl_id;
    auto n = names.find(chembl_id);
    if (n != names.end() && !n->second.empty()) {
      d.name = n->second;
      ++named;
    } else {
      d.name = salt ? chembl_id : row_name;
    }
    if (d.name.empty()) d.name = "ChEMBL compound " + chembl_id;
    d.ids.push_back({"chembl", chembl_id});
    if (salt) add_salt(d, row_chembl, row_name);
    else if (!row_name.empty() && row_name != d.name) d.synonyms.push_back(row_name);
    d.sources = {drug_source(chembl_id, d.name)};
    return add_new(b, std::move(d), drug_of, chembl_id, drugs);
  }
  /// Records salt form `chembl_id` (named `row_name` in the mechanism table) on its parent drug `d` (made here, or
  /// the base's drug the parent merged into): its ChEMBL id, and its name unless `d` has it already.
  void add_salt(drug& d, std::string const& chembl_id, std::string const& row_name) {
    for (auto const& x : d.ids)
      if (x.scheme == "chembl" && x.value == chembl_id) return;
    d.ids.push_back({"chembl", chembl_id});
    ++salts;
    auto n = names.find(chembl_id);
    auto const& salt_name = n != names.end() && !n->second.empty() ? n->second : row_name;
    if (salt_name.empty()) return;
    auto key = text::fold_key(salt_name);
    if (text::fold_key(d.name) == key) return;
    for (auto const& syn : d.synonyms)
      if (text::fold_key(syn) == key) return;
    d.synonyms.push_back(salt_name);
  }

  /// Salt forms and their parents, from the drug table: a drug whose name is another drug's name followed by salt
  /// words ("SERTRALINE HYDROCHLORIDE", "SERTRALINE"), and, where both have a structure, whose SMILES holds the
  /// other's as one of its dot-separated components (`has_component`; an ester such as "... ACETATE", one
  /// molecule, is not a salt). Nothing else links them in these tables.
  void find_parents() {
    std::unordered_map<std::string, std::string> by_name;  // folded name -> ChEMBL id
    std::string folded;
    for (auto const& [id, n] : names) {  // two drugs of one name: the smaller id, whatever the table's order
      detail::fold_key_into(n, folded);
      auto [it, fresh] = by_name.emplace(folded, id);
      if (!fresh && id < it->second) it->second = id;
    }
    for (auto const& [id, n] : names) {
      detail::fold_key_into(n, folded);
      auto stem = detail::names::without_salt(folded);
      if (stem.size() == folded.size()) continue;
      auto parent = by_name.find(std::string(stem));
      if (parent == by_name.end() || parent->second == id) continue;
      auto s = smiles.find(id), ps = smiles.find(parent->second);
      if (s != smiles.end() && ps != smiles.end() && !s->second.empty() && !ps->second.empty() &&
          !has_component(s->second, ps->second))
        continue;
      parent_of.emplace(id, parent->second);
    }
  }
  /// A component of the SMILES `smiles` (dot-separated) is the main component of `parent`'s, once charges a salt
  /// puts on an acid or a base are taken off (`[O-]` is `O`, `[NH+]` is `N`, ...) and water is left out: the parent
  /// plus counter-ions (DICLOFENAC SODIUM, `O=C([O-])Cc1....[Na+]`, of DICLOFENAC), or the parent without its
  /// water (an ANHYDROUS form of a hydrate). A tautomer written another way is not recognised (no merge).
  static bool has_component(std::string_view smiles, std::string_view parent) {
    auto components = [](std::string_view x) {
      static constexpr std::pair<std::string_view, std::string_view> neutral[] = {
          {"[O-]", "O"}, {"[N-]", "N"}, {"[n-]", "n"}, {"[S-]", "S"}, {"[NH+]", "N"}, {"[NH2+]", "N"},
          {"[NH3+]", "N"}, {"[nH+]", "n"}};
      std::vector<std::string> out;
      for (std::size_t at = 0; at <= x.size();) {
        auto dot = std::min(x.find('.', at), x.size());
        std::string c(x.substr(at, dot - at));
        for (auto [charged, plain] : neutral)
          for (auto i = c.find(charged); i != std::string::npos; i = c.find(charged, i + plain.size()))
            c.replace(i, charged.size(), plain);
        if (!c.empty() && c != "O") out.push_back(std::move(c));
        at = dot + 1;
      }
      return out;
    };
    auto mine = components(smiles), theirs = components(parent);
    if (theirs.empty()) return false;
    auto main = std::max_element(theirs.begin(), theirs.end(),
                                 [](auto const& l, auto const& r) { return l.size() < r.size(); });
    return std::find(mine.begin(), mine.end(), *main) != mine.end();
  }


  /// Adds a claim, or the source to the same claim of an earlier row (a salt's and its parent's records).
  void claim(any_node from, any_node to, bool targeted, action a, std::string note, source_id src) {
    auto key = std::tuple{from, to, a.type, note};
    if (auto it = pending_of.find(key); it != pending_of.end()) {
      auto& srcs = pending[it->second].sources;
      if (std::find(srcs.begin(), srcs.end(), src) == srcs.end()) srcs.push_back(src);
      ++merged_claims;
      return;
    }
    pending_of.emplace(std::move(key), pending.size());
    pending.push_back({from, to, targeted, std::move(a), std::move(note), {src}});
  }
  /// The claims, once every row is read.
  void add_claims() {
    for (auto& c : pending) {
      claim_meta meta(std::move(c.sources));
      if (!c.note.empty()) {
        ++noted;
        meta.with_note(std::move(c.note));
      }
      if (c.targeted) {
        b.add<rel::acts_on>(*c.from.as<drug>(), *c.to.as<target>(), std::move(c.a), std::move(meta));
      } else {
        if (!have_label) {
          mechanism_label = b.add_payload<rel::related>(related_label{"mechanism"});
          have_label = true;
        }
        b.add<rel::related>(c.from, c.to, mechanism_label, b.add_evidence(std::move(meta)));
      }
    }
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
    auto smile = t.header()["smile"];
    std::vector<std::string> f;
    while (t.next(f, "drugs")) {
      auto const& cid = f[id];
      auto n = one_line(f[name]);
      if (!valid_identifier("chembl", cid))
        t.error(errc::bad_id, id, "a ChEMBL id (CHEMBL and digits) in 'drug_id'", quote_value(cid));
      else if (!clean_text(n))
        t.error(errc::encoding, name, "text without control characters", quote_value(n));
      else {
        if (smile && !f[*smile].empty()) smiles.emplace(cid, f[*smile]);
        names.emplace(cid, std::move(n));
      }
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
        else t.error(errc::unknown_enum, *c, detail::format("0, 1 or nothing in '{}'", column), quote_value(v));
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
      if (!mapped && !act.empty()) note.push_back(detail::format("ChEMBL action type '{}'", act));
      if (c_comment && !f[*c_comment].empty()) note.push_back("comment: " + one_line(f[*c_comment]));
      if (c_selectivity && !f[*c_selectivity].empty())
        note.push_back("selectivity: " + one_line(f[*c_selectivity]));
      if (!diags.diags.empty()) continue;  // a failed import builds nothing: only keep checking
      auto d = drug_for(drug_chembl, drug_name);
      auto src = drug_source(drug_chembl, drug_name.empty() ? drug_chembl : drug_name);
      if (target_chembl.empty()) {
        // no molecular target: the drug is related to its mechanism, kept as a concept
        auto c = mechanism_concept(mechanism, mid, src);
        claim(any_node(d), any_node(c), false, {}, joined(note, 1), src);
        ++untargeted;
        ++action_counts[{act.empty() ? std::string("(none), no target") : act + ", no target", "related 'mechanism'"}];
      } else {
        auto target = target_for(target_chembl, target_name);
        ++action_counts[{act.empty() ? std::string("(none)") : act, detail::format("acts_on ({})", to_string(a.type))}];
        claim(any_node(d), any_node(target), true, std::move(a), note.empty() ? std::string() : joined(note), src);
      }
      ++claims;
    }
    return !t.failed() && ok();
  }

  import_report report() const {
    import_report r;
    r.format = "chembl";
    r.nodes.push_back({"drug (ChEMBL compound)",
                       merged_drugs ? detail::format("drug ({} merged into the base)", merged_drugs) : "drug",
                       drugs + merged_drugs});
    r.nodes.push_back({"target (ChEMBL target)",
                       merged_targets ? detail::format("target ({} merged into the base)", merged_targets) : "target",
                       targets + merged_targets});
    if (concepts)
      r.nodes.push_back({"mechanism without a target", "concept 'ChEMBL mechanism without a target'", concepts});
    for (auto const& [k, n] : action_counts) r.edges.push_back({"mechanism " + k.first, k.second, n});
    auto targeted = std::count_if(pending.begin(), pending.end(), [](auto const& c) { return c.targeted; });
    r.notes.push_back(
        detail::format("{} mechanism rows: {} acts_on claims, {} related to a mechanism without a target; "
                    "{} claims with a note",
                    rows, targeted, pending.size() - std::size_t(targeted), noted));
    if (!parent_of.empty())
      r.notes.push_back(detail::format(
          "salt forms: the drug table names {} salts of a parent it also lists (the parent's name plus salt words, "
          "the parent's structure one component of the salt's); {} mechanism rows of {} salts are the parent's "
          "claims, the salt's name and ChEMBL id its synonym and identifier; {} rows repeated a claim of the same "
          "drug and became another source of it",
          parent_of.size(), salt_rows, salts, merged_claims));
    if (!names.empty())
      r.notes.push_back(
          detail::format("drug table: {} names, {} used for drugs of the mechanism rows (the rest have no "
                      "mechanism row, so nothing to claim)",
                      names.size(), named));
    r.notes.push_back(detail::format("every claim cites the drug's ChEMBL record (kind database); ChEMBL release: {}",
                                  release.empty() ? "not in the file or folder names (give it with --kb-version)"
                                                  : release));
    return r;
  }

  /// The whole import: the tables opened and told apart, the drug tables (names, salts), then the mechanisms.
  import_result run(std::span<std::filesystem::path const> files) {
    auto opened = open_tables(*this, files, classify, table::unknown,
                              "a ChEMBL drug mechanism table header (drug_id, ..., mechanism_of_action, action_type, "
                              "target_id, ...) or a drug table header (drug_id, drug_name, ...)");
    if (!opened) return fail();
    auto& tables = *opened;
    for (auto const& t : tables)
      if (t.kind == table::mechanisms && release.empty()) release = release_in_path(t.t->name(), chembl_release);
    if (std::none_of(tables.begin(), tables.end(), [](auto const& t) { return t.kind == table::mechanisms; }))
      return fail_arguments("a ChEMBL drug mechanism table (drug_mechanism.csv)", "none among the files");
    // the drug table first, then the mechanisms that use its names
    for (auto& t : tables)
      if (t.kind == table::drugs && !read_drugs(*t.t)) return fail();
    find_parents();
    for (auto& t : tables)
      if (t.kind == table::mechanisms && !read_mechanisms(*t.t)) return fail();
    return finish({{}, {}, "chembl", release.empty() ? "unknown" : release}, [&] { return report(); },
                  [&] { add_claims(); });
  }
};

}  // namespace detail::chembl

PHARMAKON_FUNC import_result try_import_chembl(std::span<std::filesystem::path const> files,
                                               import_options const& opts) {
  return detail::chembl::importer(opts).run(files);
}

PHARMAKON_FUNC std::string chembl_release(std::string_view name) {
  static std::regex const release("(?:^|[^a-z0-9])chembl[-_ ]?([0-9]{1,3})(?:$|[-._ ]+[^0-9])", std::regex::icase);
  return detail::import::release_match(name, release, "$1");
}

}  // namespace pharmakon
