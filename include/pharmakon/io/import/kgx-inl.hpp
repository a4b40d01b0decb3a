// The KGX TSV importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "kgx-inl.hpp holds the out-of-line definitions of kgx.hpp: include kgx.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "../../graph/builder.hpp"
#include "../export/writer.hpp"
#include "kgx.hpp"

namespace pharmakon {

namespace detail::kgx {

/// The pharmakon kind of a Biolink category (nullopt: keep as a concept).
inline std::optional<node_kind> kind_of_category(std::string_view c) {
  if (c == "biolink:Drug" || c == "biolink:SmallMolecule" || c == "biolink:ChemicalEntity" ||
      c == "biolink:MolecularMixture" || c == "biolink:ChemicalMixture" || c == "biolink:ComplexMolecularMixture")
    return node_kind::drug;
  if (c == "biolink:Protein" || c == "biolink:GeneProduct" || c == "biolink:Polypeptide") return node_kind::target;
  if (c == "biolink:Gene") return node_kind::gene;
  if (c == "biolink:SequenceVariant" || c == "biolink:Snv") return node_kind::variant;
  if (c == "biolink:Disease" || c == "biolink:DiseaseOrPhenotypicFeature") return node_kind::condition;
  if (c == "biolink:PhenotypicFeature") return node_kind::effect;
  return std::nullopt;
}

/// A table row split into fields, with the column names of its header.
struct header {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> index;
  explicit header(std::string_view line) {
    std::vector<std::string_view> f;
    detail::import::split_tsv_all(line, f);
    for (auto v : f) {
      index.emplace(std::string(v), names.size());
      names.emplace_back(v);
    }
  }
  bool has(std::string const& n) const { return index.count(n) > 0; }
  std::optional<std::size_t> at(std::string const& n) const {
    auto it = index.find(n);
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
};

struct importer {
  import_options const& opts;
  detail::import::sink diags;
  detail::import::progress_gate gate;
  builder b;
  detail::import::string_table node_of;  ///< KGX id -> index into `nodes`
  std::vector<any_node> nodes;
  std::map<std::string, std::shared_ptr<const std::string>> paths;  ///< interned region paths
  std::optional<source_id> file_source_;
  std::string file_name;
  /// The source for what the file states without citing anything: made the first time it is needed, so an
  /// exact round trip adds no source.
  source_id file_source() {
    if (!file_source_) {
      std::string id = "src:kgx:" + file_name;
      for (auto& c : id)
        if (c == ' ' || c == '\t') c = '_';
      file_source_ = source_named(id, source_kind::database, "KGX file " + file_name);
    }
    return *file_source_;
  }
  std::map<std::string, std::uint64_t> node_counts, edge_counts;  ///< "category -> kind", "predicate -> relation"
  std::string name, version;
  std::uint64_t generated_sources = 0;

  explicit importer(import_options const& o) : opts(o), gate(o) {
    diags.max = o.max_diagnostics;
    if (o.base) b = builder(*o.base);
  }

  std::shared_ptr<const std::string> path_of(std::string const& p) {
    auto& s = paths[p];
    if (!s) s = std::make_shared<const std::string>(p);
    return s;
  }
  /// "path:line:column" (the path may hold colons).
  source_region region_of(std::string_view text) {
    auto t = detail::exporter::tsv_unescape(text);
    auto c2 = t.rfind(':');
    auto c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : t.rfind(':', c2 - 1);
    if (c1 == std::string::npos) return {};
    source_region r;
    r.path = path_of(t.substr(0, c1));
    r.line = std::uint32_t(std::strtoul(t.c_str() + c1 + 1, nullptr, 10));
    r.column = std::uint32_t(std::strtoul(t.c_str() + c2 + 1, nullptr, 10));
    return r;
  }

  source_id source_named(std::string const& id, source_kind kind, std::string const& title, std::string pmid = {}) {
    if (auto s = b.find_source(id)) return *s;
    source s;
    s.id = id;
    s.kind = kind;
    s.title = title;
    s.pmid = std::move(pmid);
    if (s.pmid.empty() && kind == source_kind::database) s.url = "https://github.com/biolink/kgx";
    ++generated_sources;
    return b.add_source(std::move(s));
  }

  // ----- nodes: a first pass for the sources, a second for the entities -----
  bool read_sources(detail::import::line_reader& in, header const& h) {
    auto kind_col = h.at("pharmakon_kind");
    if (!kind_col) return true;
    std::string_view line;
    std::vector<std::string_view> f;
    while (in.next(line)) {
      if ((in.line_number() & 0xFFF) == 0 && !gate.tick("sources", &in)) return false;
      if (line.empty()) continue;
      detail::import::split_tsv_all(line, f);
      if (f.size() != h.names.size() || f[*kind_col] != "source") continue;  // checked in the second pass
      auto get = [&](char const* n) {
        auto i = h.at(n);
        return i ? detail::exporter::tsv_unescape(f[*i]) : std::string();
      };
      source s;
      s.id = get("id");
      auto kind = parse_enum<source_kind>(get("source_kind"));
      if (!kind) {
        diags.add(errc::unknown_enum, in.name(), in.line_number(), 1,
                  fmt::format("a source_kind ({})", enum_choices<source_kind>()), detail::import::quoted(get("source_kind")));
        if (diags.full()) return false;
        continue;
      }
      s.kind = *kind;
      s.title = get("title");
      s.authors = get("authors");
      s.publisher = get("publisher");
      auto year = get("year");
      if (!year.empty()) s.year = std::atoi(year.c_str());
      s.pmid = get("pmid");
      s.doi = get("doi");
      s.dailymed_setid = get("dailymed_setid");
      s.nda = get("nda");
      s.url = get("url");
      s.gtopdb_ligand = get("gtopdb_ligand");
      s.gtopdb_target = get("gtopdb_target");
      s.unverified = get("unverified") == "true";
      if (auto i = h.at("sections"); i && !f[*i].empty())
        for (auto const& x : split_list(std::string(f[*i]))) s.sections.push_back(detail::exporter::tsv_unescape(x));
      if (h.has("region")) s.region = region_of(f[*h.at("region")]);
      if (s.id.empty() || b.find_source(s.id)) {
        diags.add(errc::duplicate_id, in.name(), in.line_number(), 1, "a new source id",
                  detail::import::quoted(s.id));
        if (diags.full()) return false;
        continue;
      }
      b.add_source(std::move(s));
    }
    return !in.failed();
  }

  std::vector<source_id> sources_of(std::string_view list, char sep, std::string const& file, std::uint64_t line,
                                    std::size_t column) {
    std::vector<source_id> out;
    std::size_t start = 0;
    while (start < list.size()) {
      auto end = list.find(sep, start);
      auto id = detail::exporter::tsv_unescape(list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
      if (!id.empty()) {
        if (auto s = b.find_source(id)) out.push_back(*s);
        else diags.add(errc::unknown_reference, file, line, column, "a source declared in the nodes file",
                       detail::import::quoted(id));
      }
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return out;
  }

  bool read_entities(detail::import::line_reader& in, header const& h) {
    if (!h.has("id") || !h.has("category")) {
      diags.add(errc::missing_field, in.name(), 1, 1, "the KGX node columns 'id' and 'category'", "a header without them");
      return false;
    }
    auto pathp = path_of(in.name());
    std::string_view line;
    std::vector<std::string_view> f;
    while (in.next(line)) {
      if ((in.line_number() & 0xFFF) == 0 && !gate.tick("nodes", &in)) return false;
      if (line.empty()) continue;
      auto line_no = in.line_number();
      if (auto bad = text::invalid_utf8_offset(line); bad != std::string_view::npos) {
        diags.add(errc::encoding, in.name(), line_no, bad + 1, "UTF-8 text", "invalid UTF-8");
        if (diags.full()) return false;
        continue;
      }
      detail::import::split_tsv_all(line, f);
      auto col = [&](char const* n) { auto i = h.at(n); return i ? std::uint64_t(f[*i].data() - line.data()) + 1 : 1; };
      if (f.size() != h.names.size()) {
        diags.add(errc::syntax, in.name(), line_no, 1, fmt::format("{} tab-separated columns", h.names.size()),
                  fmt::format("{}", f.size()));
        if (diags.full()) return false;
        continue;
      }
      auto raw = [&](char const* n) -> std::string_view { auto i = h.at(n); return i ? f[*i] : std::string_view(); };
      auto get = [&](char const* n) { return detail::exporter::tsv_unescape(raw(n)); };
      auto list = [&](char const* n) {
        std::vector<std::string> out;
        auto r = raw(n);
        std::size_t start = 0;
        while (start < r.size()) {
          auto end = r.find('|', start);
          auto item = r.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
          if (!item.empty()) out.push_back(detail::exporter::tsv_unescape(item));
          if (end == std::string_view::npos) break;
          start = end + 1;
        }
        return out;
      };
      auto pk = raw("pharmakon_kind");
      if (pk == "source") continue;  // read in the first pass
      auto kgx_id = get("id");
      if (!detail::import::plain_id(kgx_id)) {
        diags.add(errc::bad_id, in.name(), line_no, 1, "a node id (printable, no spaces)", detail::import::quoted(kgx_id));
        if (diags.full()) return false;
        continue;
      }
      auto categories = list("category");
      std::optional<node_kind> kind;
      std::string category = categories.empty() ? std::string("biolink:NamedThing") : categories.front();
      if (!pk.empty()) {
        kind = parse_enum<node_kind>(pk);
        if (!kind) {
          diags.add(errc::unknown_enum, in.name(), line_no, col("pharmakon_kind"),
                    fmt::format("a pharmakon_kind ({} | source)", enum_choices<node_kind>()), detail::import::quoted(pk));
          if (diags.full()) return false;
          continue;
        }
      } else {
        for (auto const& c : categories)
          if ((kind = kind_of_category(c))) {
            category = c;
            break;
          }
        if (!kind) kind = node_kind::concept_node;
      }
      ++node_counts[fmt::format("{}\x1f{}", pk.empty() ? category : "pharmakon " + std::string(pk), to_string(*kind))];
      std::string prefix = std::string(to_string(*kind)) + ":";
      bool native = kgx_id.compare(0, prefix.size(), prefix) == 0;
      auto fill = [&](entity_base& e) {
        e.id = native ? kgx_id : prefix + kgx_id;
        e.name = get("name");
        if (e.name.empty()) e.name = kgx_id;
        e.synonyms = list("synonym");
        for (auto const& x : list("xref")) {
          auto colon = x.find(':');
          if (colon == std::string::npos || colon == 0) e.ids.push_back({"xref", x});
          else e.ids.push_back({x.substr(0, colon), x.substr(colon + 1)});
        }
        if (!native) e.ids.push_back({"kgx", kgx_id});
        e.sources = sources_of(raw("sources"), '|', in.name(), line_no, col("sources"));
        if (e.sources.empty() && !native) e.sources.push_back(file_source());
        e.region = h.has("region") && !raw("region").empty() ? region_of(raw("region"))
                                                              : source_region{pathp, std::uint32_t(line_no), 1};
      };
      auto enum_field = [&]<class E>(char const* column_name, E& out) {
        auto v = raw(column_name);
        if (v.empty()) return true;
        if (auto e = parse_enum<E>(v)) {
          out = *e;
          return true;
        }
        diags.add(errc::unknown_enum, in.name(), line_no, col(column_name),
                  fmt::format("a {} ({})", column_name, enum_choices<E>()), detail::import::quoted(v));
        return false;
      };
      auto qty = [&](char const* column_name) -> std::optional<quantity> {
        auto v = get(column_name);
        if (v.empty()) return std::nullopt;
        quantity_error err;
        if (auto q = parse_quantity(v, &err)) return q;
        diags.add(errc::bad_quantity, in.name(), line_no, col(column_name), err.expected, detail::import::quoted(err.found));
        return std::nullopt;
      };
      std::optional<any_node> added;
      bool ok = true;
      if (b.find_id(native ? kgx_id : prefix + kgx_id)) {
        diags.add(errc::duplicate_id, in.name(), line_no, 1, "each node once", detail::import::quoted(kgx_id));
        if (diags.full()) return false;
        continue;
      }
      switch (*kind) {
        case node_kind::drug: {
          drug e;
          fill(e);
          e.drug_class = get("drug_class");
          e.prodrug = get("prodrug") == "true";
          ok = enum_field("site", e.site);
          e.site_sources = sources_of(raw("site_sources"), '|', in.name(), line_no, col("site_sources"));
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::target: {
          target e;
          fill(e);
          ok = enum_field("target_type", e.type);
          e.family = get("family");
          e.gene_symbol = get("gene_symbol");
          e.species = get("species");
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::gene: {
          gene e;
          fill(e);
          e.symbol = get("symbol");
          added = b.add(std::move(e));
          break;
        }
        case node_kind::variant: { variant e; fill(e); added = b.add(std::move(e)); break; }
        case node_kind::effect: {
          effect e;
          fill(e);
          ok = enum_field("site", e.site);
          if (auto c = raw("combined"); !c.empty()) {
            interaction_severity sev{};
            ok = ok && enum_field("combined", sev);
            e.combined = sev;
          }
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::drug_class: {
          drug_class e;
          fill(e);
          e.inhibitors_of = get("inhibitors_of");
          e.inducers_of = get("inducers_of");
          ok = enum_field("min_strength", e.min_strength);
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::condition: { condition e; fill(e); added = b.add(std::move(e)); break; }
        case node_kind::regimen: {
          regimen e;
          fill(e);
          auto dose = qty("dose");
          if (!dose) {
            if (raw("dose").empty())
              diags.add(errc::missing_field, in.name(), line_no, col("dose"), "a dose for a regimen", "none");
            ok = false;
            break;
          }
          e.dose = *dose;
          e.dose_max = qty("dose_max");
          e.every = qty("every");
          if (auto t = get("times_per_day"); !t.empty()) e.times_per_day = std::atoi(t.c_str());
          e.as_needed = get("as_needed") == "true";
          ok = enum_field("route", e.route);
          e.formulation = get("formulation");
          e.product = get("product");
          e.population = get("population");
          for (auto const& p : split_list(std::string(raw("preconditions")))) {
            if (p.empty()) continue;
            precondition pc;
            for (auto const& [k, v] : composite_fields(p)) {
              if (k == "kind") {
                if (auto pk2 = parse_enum<precondition_kind>(v)) pc.kind = *pk2;
              } else if (k == "min" || k == "recommended") {
                (k == "min" ? pc.min : pc.recommended) = parse_quantity(v);
              } else if (k == "note") {
                pc.note = v;
              }
            }
            e.preconditions.push_back(std::move(pc));
          }
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::warning: {
          warning e;
          fill(e);
          ok = enum_field("warning_kind", e.kind) && enum_field("severity", e.severity);
          e.about = get("about");
          for (auto const& a : list("concerns_action"))
            if (auto at = parse_enum<action_type>(a)) e.concerns_action.push_back(*at);
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::concept_node: {
          concept_node e;
          fill(e);
          e.kind_label = pk.empty() ? category : get("kind_label");
          added = b.add(std::move(e));
          break;
        }
      }
      if (!added) {
        if (diags.full()) return false;
        continue;
      }
      if (!node_of.insert(kgx_id, std::uint32_t(nodes.size()))) {
        diags.add(errc::duplicate_id, in.name(), line_no, 1, "each node once", detail::import::quoted(kgx_id));
        if (diags.full()) return false;
      }
      nodes.push_back(*added);
    }
    return !in.failed();
  }

  /// `k=v;k=v` with escaped values.
  static std::vector<std::pair<std::string, std::string>> composite_fields(std::string_view s) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start < s.size()) {
      auto end = s.find(';', start);
      auto item = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      auto eq = item.find('=');
      if (eq != std::string_view::npos)
        out.emplace_back(std::string(item.substr(0, eq)), detail::exporter::tsv_unescape(item.substr(eq + 1)));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return out;
  }

  // ----- edges -----
  bool read_edges(detail::import::line_reader& in, header const& h) {
    for (char const* need : {"subject", "predicate", "object"})
      if (!h.has(need)) {
        diags.add(errc::missing_field, in.name(), 1, 1, fmt::format("the KGX edge column '{}'", need), "a header without it");
        return false;
      }
    auto pathp = path_of(in.name());
    std::string_view line;
    std::vector<std::string_view> f;
    std::map<std::string, payload_id<rel::related>> labels;
    while (in.next(line)) {
      if ((in.line_number() & 0xFFFF) == 0 && !gate.tick("edges", &in)) return false;
      if (line.empty()) continue;
      auto line_no = in.line_number();
      if (auto bad = text::invalid_utf8_offset(line); bad != std::string_view::npos) {
        diags.add(errc::encoding, in.name(), line_no, bad + 1, "UTF-8 text", "invalid UTF-8");
        if (diags.full()) return false;
        continue;
      }
      detail::import::split_tsv_all(line, f);
      if (f.size() != h.names.size()) {
        diags.add(errc::syntax, in.name(), line_no, 1, fmt::format("{} tab-separated columns", h.names.size()),
                  fmt::format("{}", f.size()));
        if (diags.full()) return false;
        continue;
      }
      auto raw = [&](char const* n) -> std::string_view { auto i = h.at(n); return i ? f[*i] : std::string_view(); };
      auto get = [&](char const* n) { return detail::exporter::tsv_unescape(raw(n)); };
      auto col = [&](char const* n) { auto i = h.at(n); return i ? std::uint64_t(f[*i].data() - line.data()) + 1 : 1; };
      auto subject = get("subject"), object = get("object"), predicate = get("predicate");
      auto sn = node_of.find(subject);
      auto on = sn ? node_of.find(object) : std::nullopt;
      if (!sn || !on) {
        diags.add(errc::unknown_reference, in.name(), line_no, sn ? col("object") : col("subject"),
                  "a node id of the nodes file", detail::import::quoted(sn ? object : subject));
        if (diags.full()) return false;
        continue;
      }
      any_node from = nodes[*sn], to = nodes[*on];
      // the relation: pharmakon's column, else the predicate and the kinds of the ends
      auto pr = raw("pharmakon_relation");
      std::optional<relation_kind> kind;
      bool reversed = false;
      if (!pr.empty()) {
        kind = parse_enum<relation_kind>(pr);
        if (!kind) {
          diags.add(errc::unknown_enum, in.name(), line_no, col("pharmakon_relation"),
                    fmt::format("a pharmakon_relation ({})", enum_choices<relation_kind>()), detail::import::quoted(pr));
          if (diags.full()) return false;
          continue;
        }
      } else {
        auto fk = from.kind(), tk = to.kind();
        if (predicate == "biolink:treats" && fk == node_kind::drug && tk == node_kind::condition) kind = relation_kind::indicated_for;
        else if (predicate == "biolink:gene_product_of" && fk == node_kind::target && tk == node_kind::gene) kind = relation_kind::encoded_by;
        else if (predicate == "biolink:has_gene_product" && fk == node_kind::gene && tk == node_kind::target) {
          kind = relation_kind::encoded_by;
          reversed = true;
        } else if (predicate == "biolink:is_sequence_variant_of" && fk == node_kind::variant && tk == node_kind::gene)
          kind = relation_kind::variant_of;
        else if ((predicate == "biolink:directly_physically_interacts_with" || predicate == "biolink:physically_interacts_with" ||
                  predicate == "biolink:interacts_with" || predicate == "biolink:affects") &&
                 fk == node_kind::drug && tk == node_kind::target)
          kind = relation_kind::acts_on;
        else if ((predicate == "biolink:causes" || predicate == "biolink:has_side_effect" ||
                  predicate == "biolink:has_adverse_event") && fk == node_kind::drug && tk == node_kind::effect)
          kind = relation_kind::produces;
        else kind = relation_kind::related;
      }
      if (reversed) std::swap(from, to);
      ++edge_counts[fmt::format("{}\x1f{}", pr.empty() ? predicate : "pharmakon " + std::string(pr), to_string(*kind))];
      // the evidence
      claim_meta meta;
      if (!raw("sources").empty()) meta.sources = sources_of(raw("sources"), '|', in.name(), line_no, col("sources"));
      if (meta.sources.empty())
        for (auto const& p : split_list(get("publications"))) {
          if (p.compare(0, 5, "PMID:") == 0 && p.size() > 5)
            meta.sources.push_back(source_named("src:pmid:" + p.substr(5), source_kind::research, "Publication cited by a KGX edge", p.substr(5)));
        }
      if (meta.sources.empty())
        for (char const* ks : {"primary_knowledge_source", "knowledge_source", "aggregator_knowledge_source", "provided_by"})
          for (auto const& k : split_list(get(ks))) {
            if (k.empty()) continue;
            meta.sources.push_back(source_named("src:" + k, source_kind::database, "Knowledge source of a KGX edge: " + k));
            break;
          }
      if (meta.sources.empty()) meta.sources.push_back(file_source());
      meta.negated = raw("negated") == "true" || raw("negated") == "True";
      meta.hypothesis = raw("hypothesis") == "true";
      meta.unverified = raw("unverified") == "true";
      meta.note = get("note");
      if (h.has("region") && !raw("region").empty()) meta.region = region_of(raw("region"));
      else if (pr.empty()) meta.region = source_region{pathp, std::uint32_t(line_no), 1};
      if (!diags.diags.empty()) continue;
      if (!add_claim(*kind, from, to, predicate, meta, raw, get, in, line_no, col, labels)) {
        if (diags.full()) return false;
      }
    }
    return !in.failed();
  }

  static std::vector<std::string> split_list(std::string const& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
      auto end = s.find('|', start);
      out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  }

  template <class Raw, class Get, class Col>
  bool add_claim(relation_kind kind, any_node from, any_node to, std::string const& predicate, claim_meta& meta,
                 Raw&& raw, Get&& get, detail::import::line_reader& in, std::uint64_t line_no, Col&& col,
                 std::map<std::string, payload_id<rel::related>>& labels) {
    auto wrong = [&](std::string_view what) {
      diags.add(errc::syntax, in.name(), line_no, col("subject"),
                fmt::format("ends that fit {} ({})", to_string(kind), what),
                fmt::format("{} -> {}", to_string(from.kind()), to_string(to.kind())));
      return false;
    };
    auto typed = [&]<relation R>(R, auto&&... payload) -> bool {
      using F = typename R::from;
      using T = typename R::to;
      auto f = from.as<F>();
      auto t = to.as<T>();
      if (!f || !t) return wrong(fmt::format("{} -> {}", to_string(node_kind_of<F>::value), to_string(node_kind_of<T>::value)));
      b.add<R>(*f, *t, std::forward<decltype(payload)>(payload)..., std::move(meta));
      return true;
    };
    auto enum_or = [&]<class E>(char const* c, E fallback) -> std::optional<E> {
      auto v = raw(c);
      if (v.empty()) return fallback;
      if (auto e = parse_enum<E>(v)) return e;
      diags.add(errc::unknown_enum, in.name(), line_no, col(c), fmt::format("a {} ({})", c, enum_choices<E>()),
                detail::import::quoted(v));
      return std::nullopt;
    };
    // a described payload (model/describe.hpp): each field from the column of its name; empty keeps the default
    auto described_payload = [&]<class P>(P p) -> std::optional<P> {
      bool good = true;
      for_each_field(p, [&](std::string_view name, auto& v) {
        auto text = get(name.data());
        if (text.empty()) return;
        if (!parse_field_text(text, v)) {
          diags.add(errc::unknown_enum, in.name(), line_no, col(name.data()), fmt::format("a valid '{}'", name),
                    detail::import::quoted(text));
          good = false;
        }
      });
      if (!good) return std::nullopt;
      return p;
    };
    auto opt_bool = [&](char const* c) -> std::optional<bool> {
      auto v = raw(c);
      if (v == "true") return true;
      if (v == "false") return false;
      return std::nullopt;
    };
    auto number = [&](std::string const& s) -> std::optional<double> {
      if (s.empty()) return std::nullopt;
      double v = 0;
      auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
      if (ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) {
        diags.add(errc::bad_quantity, in.name(), line_no, 1, "a number", detail::import::quoted(s));
        return std::nullopt;
      }
      return v;
    };
    switch (kind) {
      case relation_kind::acts_on: {
        action a;
        auto t = enum_or("action", action_type::other);
        auto m = enum_or("modality", modality::unknown);
        if (!t || !m) return false;
        a.type = *t;
        a.modality = *m;
        a.reversible = opt_bool("reversible");
        a.surmountable = opt_bool("surmountable");
        a.efficacy = number(get("efficacy"));
        for (auto const& item : split_list(std::string(raw("affinities")))) {
          if (item.empty()) continue;
          affinity af;
          for (auto const& [k, v] : composite_fields(item)) {
            if (k == "measure") {
              if (auto me = parse_enum<affinity_measure>(v)) af.measure = *me;
            } else if (k == "value") af.value = number(v);
            else if (k == "low") af.low = number(v);
            else if (k == "high") af.high = number(v);
            else if (k == "unit") af.conc_unit = parse_unit(v);
            else if (k == "species") af.species = v;
            else if (k == "sources") af.sources = sources_of(v, ',', in.name(), line_no, col("affinities"));
          }
          a.affinities.push_back(std::move(af));
        }
        if (!diags.diags.empty()) return false;
        return typed(rel::acts_on{}, std::move(a));
      }
      case relation_kind::indicated_for: {
        auto p = described_payload(indication{});
        return p && typed(rel::indicated_for{}, std::move(*p));
      }
      case relation_kind::modulates_response: {
        auto p = described_payload(pgx_effect{});
        return p && typed(rel::modulates_response{}, std::move(*p));
      }
      case relation_kind::member_of: return typed(rel::member_of{});
      case relation_kind::substrate_of: {
        auto p = described_payload(clearance{});
        return p && typed(rel::substrate_of{}, std::move(*p));
      }
      case relation_kind::inhibits: {
        auto p = described_payload(modulation{});
        return p && typed(rel::inhibits{}, std::move(*p));
      }
      case relation_kind::induces: {
        auto p = described_payload(modulation{});
        return p && typed(rel::induces{}, std::move(*p));
      }
      case relation_kind::has_metabolite: {
        auto p = described_payload(metabolite_formation{});
        return p && typed(rel::has_metabolite{}, std::move(*p));
      }
      case relation_kind::interacts_with: {
        auto end_ok = [](any_node n) { return n.kind() == node_kind::drug || n.kind() == node_kind::drug_class; };
        if (!end_ok(from) || !end_ok(to)) return wrong("drug or class -> drug or class");
        auto p = described_payload(stated_interaction{});
        if (!p) return false;
        b.add<rel::interacts_with>(from, to, std::move(*p), std::move(meta));
        return true;
      }
      case relation_kind::encoded_by: return typed(rel::encoded_by{});
      case relation_kind::variant_of: return typed(rel::variant_of{});
      case relation_kind::produces: return typed(rel::produces{});
      case relation_kind::blocks: return typed(rel::blocks{});
      case relation_kind::reduces: return typed(rel::reduces{});
      case relation_kind::mediated_by: return typed(rel::mediated_by{});
      case relation_kind::dosed_as: return typed(rel::dosed_as{});
      case relation_kind::regimen_for: return typed(rel::regimen_for{});
      case relation_kind::carries: return typed(rel::carries{});
      case relation_kind::concerns: return typed(rel::concerns{});
      case relation_kind::related: {
        auto label = raw("pharmakon_relation").empty() ? predicate : get("label");
        auto it = labels.find(label);
        if (it == labels.end()) it = labels.emplace(label, b.add_payload<rel::related>(related_label{label})).first;
        if (meta.note.empty() && !meta.region.known()) {
          b.add<rel::related>(from, to, it->second, b.add_evidence(std::move(meta)));
        } else {
          b.add<rel::related>(from, to, related_label{label}, std::move(meta));
        }
        return true;
      }
    }
    return false;
  }
};

enum class file_role : std::uint8_t { nodes, edges, meta, unknown };

}  // namespace detail::kgx

PHARMAKON_FUNC import_result try_import_kgx(std::span<std::filesystem::path const> files, import_options const& opts) {
  using namespace detail::kgx;
  import_result result;
  importer imp(opts);
  auto failed = [&] {
    result.diagnostics = std::move(imp.diags.diags);
    result.cancelled = imp.gate.cancelled();
    return std::move(result);
  };
  std::optional<std::filesystem::path> nodes_path, edges_path, meta_path;
  for (auto const& f : files) {
    detail::import::line_reader probe(f, opts, imp.diags);
    std::string_view first;
    if (!probe.open()) return failed();
    if (!probe.next(first)) {
      if (!probe.failed()) imp.diags.add(errc::syntax, probe.name(), 1, 1, "a KGX header line", "an empty file");
      return failed();
    }
    header h(first);
    auto role = !first.empty() && first.front() == '{' ? file_role::meta
                : h.has("subject") && h.has("predicate") && h.has("object") ? file_role::edges
                : h.has("id") && h.has("category")                          ? file_role::nodes
                                                                            : file_role::unknown;
    auto& slot = role == file_role::nodes ? nodes_path : role == file_role::edges ? edges_path : meta_path;
    if (role == file_role::unknown || slot) {
      imp.diags.add(errc::syntax, probe.name(), 1, 1,
                    role == file_role::unknown ? "a KGX nodes header (id, category, ...) or edges header (subject, predicate, object, ...)"
                                               : "one file of each kind",
                    role == file_role::unknown ? detail::import::quoted(first) : std::string("a second one"));
      return failed();
    }
    slot = f;
  }
  if (!nodes_path) {
    imp.diags.add(errc::io, "<arguments>", 0, 0, "a KGX nodes file", "none among the files");
    return failed();
  }
  // the name and version: PREFIX_pharmakon.json next to PREFIX_nodes.tsv, if it is there
  if (!meta_path) {
    auto n = nodes_path->string();
    if (n.size() > 10 && n.compare(n.size() - 10, 10, "_nodes.tsv") == 0) {
      std::filesystem::path guess = n.substr(0, n.size() - 10) + "_pharmakon.json";
      if (std::filesystem::exists(guess)) meta_path = guess;
    }
  }
  if (meta_path) {
    std::ifstream in(*meta_path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      imp.diags.add(errc::syntax, meta_path->string(), 1, 1, "a JSON object with the knowledge base's name and version", "something else");
      return failed();
    }
    if (j.contains("name") && j["name"].is_string()) imp.name = j["name"].get<std::string>();
    if (j.contains("version") && j["version"].is_string()) imp.version = j["version"].get<std::string>();
    result.report.files.push_back(meta_path->string());
  }
  imp.file_name = nodes_path->filename().string();
  {
    detail::import::line_reader in(*nodes_path, opts, imp.diags);
    std::string_view first;
    if (!in.open() || !in.next(first)) return failed();
    header h(first);
    if (!imp.read_sources(in, h)) return failed();
  }
  {
    detail::import::line_reader in(*nodes_path, opts, imp.diags);
    std::string_view first;
    if (!in.open() || !in.next(first)) return failed();
    header h(first);
    if (!imp.read_entities(in, h) || !imp.diags.diags.empty()) return failed();
    result.report.files.push_back(in.name());
  }
  if (edges_path) {
    detail::import::line_reader in(*edges_path, opts, imp.diags);
    std::string_view first;
    if (!in.open() || !in.next(first)) return failed();
    header h(first);
    if (!imp.read_edges(in, h) || !imp.diags.diags.empty()) return failed();
    result.report.files.push_back(in.name());
  }
  if (!imp.gate.tick("building", nullptr, true)) return failed();
  if (!opts.name.empty()) imp.b.set_name(opts.name);
  else if (!imp.name.empty()) imp.b.set_name(imp.name);
  else if (!opts.base) imp.b.set_name("kgx");
  if (!opts.version.empty()) imp.b.set_version(opts.version);
  else if (!imp.version.empty()) imp.b.set_version(imp.version);
  try {
    result.kb = imp.b.build();
  } catch (error const& e) {
    imp.diags.add(e.code(), "<import>", 0, 0, "a consistent graph", e.what());
    return failed();
  }
  auto& rep = result.report;
  rep.format = "kgx";
  for (auto const& [k, n] : imp.node_counts) {
    auto sep = k.find('\x1f');
    rep.nodes.push_back({k.substr(0, sep), k.substr(sep + 1), n});
  }
  for (auto const& [k, n] : imp.edge_counts) {
    auto sep = k.find('\x1f');
    rep.edges.push_back({k.substr(0, sep), k.substr(sep + 1), n});
  }
  rep.result = result.kb->stats();
  rep.seconds = imp.gate.seconds();
  imp.gate.tick("done", nullptr, true);
  return result;
}

}  // namespace pharmakon
