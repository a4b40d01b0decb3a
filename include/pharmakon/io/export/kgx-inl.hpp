// The KGX TSV exporter (io layer). The importer (import/kgx-inl.hpp) reads these columns back; both take the Biolink
// words from detail/biolink.hpp.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "export/kgx-inl.hpp holds the out-of-line definitions of export/kgx.hpp: include kgx.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <array>

#include "detail/biolink.hpp"
#include "detail/escape.hpp"
#include "kgx.hpp"
#include "writer.hpp"

namespace pharmakon {

namespace detail::kgx {

/// Node columns, in file order.
inline constexpr std::array<std::string_view, 56> node_columns{
    "id", "category", "name", "synonym", "xref", "provided_by", "pharmakon_kind", "sources", "drug_class",
    "target_type", "family", "gene_symbol", "species", "symbol", "kind_label", "dose", "dose_max", "every",
    "times_per_day", "as_needed", "route", "formulation", "product", "population", "preconditions", "warning_kind",
    "severity", "about", "concerns_action", "source_kind", "title", "authors", "publisher", "year", "pmid", "doi",
    "dailymed_setid", "nda", "url", "gtopdb_ligand", "gtopdb_target", "unverified", "sections", "prodrug", "site",
    "site_sources", "combined", "inhibitors_of", "inducers_of", "min_strength", "lay_name", "half_life", "date",
    "version", "region", "max_daily"};
/// Edge columns, in file order.
/// The columns of the described payloads (model/describe.hpp) are their field names.
inline constexpr std::array<std::string_view, 37> edge_columns{
    "id", "subject", "predicate", "object", "knowledge_level", "agent_type", "primary_knowledge_source",
    "publications", "pharmakon_relation", "sources", "negated", "hypothesis", "unverified", "note", "label", "action",
    "modality", "reversible", "surmountable", "efficacy", "affinities", "adjunct", "finding", "outcome", "pathway",
    "sensitive", "strength", "active", "formed_by", "severity", "management", "direction", "intended", "effect",
    "exposure_of", "advice", "region"};

template <std::size_t N>
constexpr std::size_t column(std::array<std::string_view, N> const& cols, std::string_view name) {
  for (std::size_t i = 0; i < N; ++i)
    if (cols[i] == name) return i;
  return N;
}

using biolink::category_of;
using biolink::predicate_of;

inline std::string opt_text(std::optional<bool> b) { return b ? (*b ? "true" : "false") : ""; }
inline std::string opt_text(std::optional<double> v) { return v ? detail::exporter::exact_number(*v) : ""; }
inline std::string qty_text(quantity const& q) {
  return fmt::format("{} {}", detail::exporter::exact_number(q.value()), info(q.unit_of()).symbol);
}
inline std::string opt_text(std::optional<quantity> const& q) { return q ? qty_text(*q) : ""; }

/// One `key=value` list item of a composite column; values escaped so `; , = |` stay separators.
inline std::string composite(std::initializer_list<std::pair<std::string_view, std::string>> fields) {
  std::string out;
  for (auto const& [k, v] : fields) {
    if (v.empty()) continue;
    if (!out.empty()) out += ';';
    out += std::string(k) + "=" + detail::exporter::tsv_escape(v, "|;,=");
  }
  return out;
}

inline std::string region_text(source_region const& r) {
  if (!r.known()) return "";
  return detail::exporter::tsv_escape(fmt::format("{}:{}:{}", *r.path, r.begin.line, r.begin.column), "");
}

inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += {'\\', c};
    else if (static_cast<unsigned char>(c) < 0x20) out += fmt::format("\\u{:04x}", int(c));
    else out += c;
  }
  return out + "\"";
}

}  // namespace detail::kgx

PHARMAKON_FUNC void export_kgx(knowledge_base const& kb, std::filesystem::path const& prefix) {
  using namespace detail::kgx;
  using detail::exporter::tsv_escape;
  kgx_paths paths(prefix);
  auto join = [](auto const& items, auto&& fn) {
    std::string out;
    for (auto const& x : items) {
      auto t = fn(x);
      if (t.empty()) continue;
      if (!out.empty()) out += '|';
      out += t;
    }
    return out;
  };
  auto source_list = [&](std::span<source_id const> ids, char sep) {
    std::string out;
    for (auto s : ids) {
      if (!out.empty()) out += sep;
      out += kb.get(s).id;
    }
    return out;
  };

  // nodes: sources first (entities and claims cite them), then the entities in vertex order
  atomic_files files;
  auto& nodes = files.open(paths.nodes);
  for (std::size_t i = 0; i < node_columns.size(); ++i) nodes << (i ? "\t" : "") << node_columns[i];
  nodes << "\n";
  std::vector<std::string> row(node_columns.size());
  auto put = [&](std::string_view col, std::string value) { row[column(node_columns, col)] = std::move(value); };
  auto flush_row = [&](atomic_files::file& out) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out << "\t";
      out << row[i];
      row[i].clear();
    }
    out << "\n";
  };
  for (auto const& s : kb.sources()) {
    put("id", tsv_escape(s.id));
    bool publication = s.kind != source_kind::database && s.kind != source_kind::other;
    put("category", publication ? "biolink:Publication" : "biolink:InformationContentEntity");
    put("name", tsv_escape(s.title.empty() ? s.citation_id() : s.title));
    put("pharmakon_kind", "source");
    put("source_kind", std::string(to_string(s.kind)));
    put("title", tsv_escape(s.title));
    put("authors", tsv_escape(s.authors));
    put("publisher", tsv_escape(s.publisher));
    put("year", s.year ? fmt::format("{}", s.year) : "");
    for (auto const& i : s.ids) put(i.scheme, tsv_escape(i.value));  // a column per scheme (source_schemes)
    put("unverified", s.unverified ? "true" : "");
    put("date", tsv_escape(s.date));
    put("version", tsv_escape(s.version));
    put("sections", join(s.sections, [](std::string const& x) { return tsv_escape(x); }));
    put("region", region_text(s.region));
    flush_row(nodes);
  }
  auto base_columns = [&](entity_base const& e, node_kind k, std::string_view kind_label) {
    put("id", tsv_escape(e.id));
    put("category", category_of(k, kind_label));
    put("name", tsv_escape(e.name));
    put("lay_name", tsv_escape(e.lay_name));
    put("synonym", join(e.synonyms, [](std::string const& s) { return tsv_escape(s); }));
    put("xref", join(e.ids, [](identifier const& i) { return tsv_escape(i.scheme + ":" + i.value); }));
    put("provided_by", "infores:pharmakon");
    put("pharmakon_kind", std::string(to_string(k)));
    put("sources", source_list(e.sources, '|'));
    put("region", region_text(e.region));
  };
  for (std::uint32_t v = 0; v < num_vertices(kb.graph()); ++v) {
    auto n = kb.node(v);
    switch (n.kind()) {
      case node_kind::drug: {
        auto const& e = kb.get(*n.as<drug>());
        base_columns(e, n.kind(), {});
        put("drug_class", tsv_escape(e.drug_class));
        put("prodrug", e.prodrug ? "true" : "");
        put("site", e.site == site::unspecified ? "" : std::string(to_string(e.site)));
        put("site_sources", source_list(e.site_sources, '|'));
        if (auto const& h = e.half_life)
          put("half_life", composite({{"low", qty_text(h->low)}, {"high", qty_text(h->high)},
                                      {"sources", source_list(h->sources, ',')}, {"note", h->note}}));
        break;
      }
      case node_kind::effect: {
        auto const& e = kb.get(*n.as<effect>());
        base_columns(e, n.kind(), {});
        put("site", e.site == site::unspecified ? "" : std::string(to_string(e.site)));
        put("combined", e.combined ? std::string(to_string(*e.combined)) : "");
        break;
      }
      case node_kind::drug_class: {
        auto const& e = kb.get(*n.as<drug_class>());
        base_columns(e, n.kind(), {});
        put("inhibitors_of", tsv_escape(e.inhibitors_of));
        put("inducers_of", tsv_escape(e.inducers_of));
        put("min_strength", e.defined_by_rule() ? std::string(to_string(e.min_strength)) : "");
        break;
      }
      case node_kind::target: {
        auto const& e = kb.get(*n.as<target>());
        base_columns(e, n.kind(), {});
        put("target_type", std::string(to_string(e.type)));
        put("family", tsv_escape(e.family));
        put("gene_symbol", tsv_escape(e.gene_symbol));
        put("species", tsv_escape(e.species));
        break;
      }
      case node_kind::gene: {
        auto const& e = kb.get(*n.as<gene>());
        base_columns(e, n.kind(), {});
        put("symbol", tsv_escape(e.symbol));
        break;
      }
      case node_kind::regimen: {
        auto const& e = kb.get(*n.as<regimen>());
        base_columns(e, n.kind(), {});
        put("dose", qty_text(e.dose));
        put("dose_max", opt_text(e.dose_max));
        put("max_daily", opt_text(e.max_daily));
        put("every", opt_text(e.every));
        put("times_per_day", e.times_per_day ? fmt::format("{}", *e.times_per_day) : "");
        put("as_needed", e.as_needed ? "true" : "");
        put("route", std::string(to_string(e.route)));
        put("formulation", tsv_escape(e.formulation));
        put("product", tsv_escape(e.product));
        put("population", tsv_escape(e.population));
        put("preconditions", join(e.preconditions, [](precondition const& p) {
              auto c = composite({{"kind", std::string(to_string(p.kind))}, {"min", opt_text(p.min)},
                                  {"recommended", opt_text(p.recommended)}, {"note", p.note}});
              return c;
            }));
        break;
      }
      case node_kind::warning: {
        auto const& e = kb.get(*n.as<warning>());
        base_columns(e, n.kind(), {});
        put("warning_kind", std::string(to_string(e.kind)));
        put("severity", std::string(to_string(e.severity)));
        put("about", tsv_escape(e.about));
        put("concerns_action", join(e.concerns_action, [](action_type a) { return std::string(to_string(a)); }));
        break;
      }
      case node_kind::concept_node: {
        auto const& e = kb.get(*n.as<concept_node>());
        base_columns(e, n.kind(), e.kind_label);
        put("kind_label", tsv_escape(e.kind_label));
        break;
      }
      default:
        base_columns(kb.base(n), n.kind(), {});
        break;
    }
    flush_row(nodes);
  }

  // edges: every claim, in claim order
  auto& edges = files.open(paths.edges);
  for (std::size_t i = 0; i < edge_columns.size(); ++i) edges << (i ? "\t" : "") << edge_columns[i];
  edges << "\n";
  std::vector<std::string> erow(edge_columns.size());
  auto eput = [&](std::string_view col, std::string value) { erow[column(edge_columns, col)] = std::move(value); };
  auto described = [&kb](auto tag, claim_id id, auto& out) {
    using R = decltype(tag);
    for_each_field(kb.claim_as<R>(id)->payload(), [&](std::string_view name, auto const& x) { out(name, tsv_escape(field_text(x))); });
  };
  for (std::uint32_t c = 0; c < kb.claim_count(); ++c) {
    auto v = kb.claim(claim_id{c});
    auto kind = v.kind();
    std::string label = kind == relation_kind::related ? kb.claim_as<rel::related>(v.id())->payload().label : std::string();
    eput("id", fmt::format("pharmakon:claim:{}", c));
    eput("subject", tsv_escape(kb.base(v.from()).id));
    eput("predicate", predicate_of(kind, label));
    eput("object", tsv_escape(kb.base(v.to()).id));
    eput("knowledge_level", "not_provided");
    eput("agent_type", "not_provided");
    eput("primary_knowledge_source", "infores:pharmakon");
    eput("publications", join(v.sources(), [&](source_id s) {
           auto const& src = kb.get(s);
           if (auto pmid = src.identifier_of("pmid")) return "PMID:" + std::string(*pmid);
           if (auto doi = src.identifier_of("doi")) return tsv_escape("doi:" + std::string(*doi));
           return std::string();
         }));
    eput("pharmakon_relation", std::string(to_string(kind)));
    eput("sources", source_list(v.sources(), '|'));
    eput("negated", v.negated() ? "true" : "");
    eput("hypothesis", v.hypothesis() ? "true" : "");
    eput("unverified", v.unverified() ? "true" : "");
    eput("note", tsv_escape(v.note()));
    eput("label", tsv_escape(label));
    eput("region", region_text(v.region()));
    switch (kind) {
      case relation_kind::acts_on: {
        auto const& a = kb.claim_as<rel::acts_on>(v.id())->payload();
        eput("action", std::string(to_string(a.type)));
        eput("modality", std::string(to_string(a.modality)));
        eput("reversible", opt_text(a.reversible));
        eput("surmountable", opt_text(a.surmountable));
        eput("efficacy", opt_text(a.efficacy));
        eput("affinities", join(a.affinities, [&](affinity const& af) {
               return composite({{"measure", std::string(to_string(af.measure))},
                                 {"value", opt_text(af.value)},
                                 {"low", opt_text(af.low)},
                                 {"high", opt_text(af.high)},
                                 {"unit", af.conc_unit ? std::string(info(*af.conc_unit).symbol) : std::string()},
                                 {"species", af.species},
                                 {"sources", source_list(af.sources, ',')}});
             }));
        break;
      }
      // described payloads: a column per field (model/describe.hpp)
      case relation_kind::indicated_for: described(rel::indicated_for{}, v.id(), eput); break;
      case relation_kind::modulates_response: described(rel::modulates_response{}, v.id(), eput); break;
      case relation_kind::substrate_of: described(rel::substrate_of{}, v.id(), eput); break;
      case relation_kind::inhibits: described(rel::inhibits{}, v.id(), eput); break;
      case relation_kind::induces: described(rel::induces{}, v.id(), eput); break;
      case relation_kind::has_metabolite: described(rel::has_metabolite{}, v.id(), eput); break;
      case relation_kind::interacts_with: described(rel::interacts_with{}, v.id(), eput); break;
      default: break;
    }
    for (std::size_t i = 0; i < erow.size(); ++i) {
      if (i) edges << "\t";
      edges << erow[i];
      erow[i].clear();
    }
    edges << "\n";
  }

  files.open(paths.meta) << fmt::format(
      "{{\n  \"format\": \"pharmakon-kgx\",\n  \"format_version\": 1,\n  \"name\": {},\n  \"version\": {},\n"
      "  \"content_hash\": {},\n  \"nodes\": {},\n  \"sources\": {},\n  \"edges\": {}\n}}\n",
      json_string(kb.name()), json_string(kb.version()), json_string(kb.content_hash()), num_vertices(kb.graph()),
      kb.sources().size(), kb.claim_count());
  files.commit();
}

}  // namespace pharmakon
