// The KGX TSV exporter (io layer). The importer (import/kgx-inl.hpp) reads these columns back; both take the Biolink
// words from detail/biolink.hpp and the columns from detail/kgx_columns.hpp.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "export/kgx-inl.hpp holds the out-of-line definitions of export/kgx.hpp: include kgx.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <set>
#include <type_traits>

#include "../import/hetionet.hpp"
#include "detail/biolink.hpp"
#include "detail/escape.hpp"
#include "detail/kgx_columns.hpp"
#include "kgx.hpp"
#include "writer.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::kgx {

inline std::string qty_text(quantity const& q) {
  return detail::format("{} {}", detail::exporter::exact_number(q.value()), info(q.unit_of()).symbol);
}

/// Writes field values as KGX text: at the top level (`nested` false) lists are `|`-separated; inside a composite
/// (`key=value;key=value`, for records such as a half-life or a precondition) source lists are `,`-separated and
/// values escape `| ; , =` too.
struct field_writer {
  knowledge_base const& kb;
  bool nested = false;

  std::string escape(std::string_view s) const { return detail::exporter::tsv_escape(s, nested ? "|;,=" : "|"); }

  template <class T>
  std::string operator()(T const& v) const {
    if constexpr (std::is_same_v<T, std::string>) return escape(v);
    else if constexpr (std::is_same_v<T, bool>) return v ? "true" : "";
    else if constexpr (std::is_same_v<T, int>) return v ? detail::format("{}", v) : "";
    else if constexpr (std::is_same_v<T, quantity>) return qty_text(v);
    else if constexpr (named_enum<T>) return std::string(to_string(v));
    else if constexpr (std::is_same_v<T, source_id>) return escape(kb.get(v).id);
    else if constexpr (std::is_same_v<T, std::optional<int>>) return v ? detail::format("{}", *v) : std::string();
    else if constexpr (is_optional<T>::value) return v ? (*this)(*v) : std::string();
    else if constexpr (is_vector<T>::value) {
      std::string out;
      char sep = nested && std::is_same_v<typename T::value_type, source_id> ? ',' : '|';
      for (auto const& x : v) {
        auto t = (*this)(x);
        if (t.empty()) continue;
        if (!out.empty()) out += sep;
        out += t;
      }
      return out;
    } else {  // a record with visit_fields: a composite
      field_writer inner{kb, true};
      std::string out;
      visit_fields(
          [&](std::string_view name, auto const& x) {
            auto t = inner(x);
            if (t.empty()) return;
            if (!out.empty()) out += ';';
            out += std::string(name) + "=" + t;
          },
          v);
      return out;
    }
  }
};

inline std::string region_text(source_region const& r) {
  if (!r.known()) return "";
  return detail::exporter::tsv_escape(detail::format("{}:{}:{}", *r.path, r.begin.line, r.begin.column), "");
}

inline std::string json_string(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += {'\\', c};
    else if (static_cast<unsigned char>(c) < 0x20) out += detail::format("\\u{:04x}", int(c));
    else out += c;
  }
  return out + "\"";
}

/// One TSV file being written row by row, its columns named.
struct table {
  std::vector<std::string> cols;
  atomic_files::file& out;
  std::vector<std::string> row;
  table(std::vector<std::string> c, atomic_files::file& o) : cols(std::move(c)), out(o), row(cols.size()) {
    for (std::size_t i = 0; i < cols.size(); ++i) out << (i ? "\t" : "") << cols[i];
    out << "\n";
  }
  void put(std::string_view col, std::string value) {
    auto i = index_of(cols, col);
    if (i < row.size()) row[i] = std::move(value);
  }
  void flush() {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out << "\t";
      out << row[i];
      row[i].clear();
    }
    out << "\n";
  }
};

/// The KGX node ids: each node's best Biolink CURIE (detail/biolink.hpp), unique in the file; `pharmakon:ID`
/// where there is none.
struct node_ids {
  std::set<std::string, std::less<>> used;
  std::string pick(std::string_view category, std::vector<identifier> const& ids, std::optional<node_kind> k,
                   std::string_view own_id) {
    std::string best;
    int best_rank = 1 << 30;
    for (auto const& i : ids) {
      auto c = biolink::curie_of(i, k);
      if (!c || used.count(*c)) continue;
      auto rank = biolink::id_rank(category, std::string_view(*c).substr(0, c->find(':')));
      if (rank < 0) rank = 1 << 20;  // a CURIE the category does not list: after those it does
      if (rank < best_rank) best = *c, best_rank = rank;
    }
    if (best.empty()) best = std::string(biolink::own_prefix) + ":" + std::string(own_id);
    used.insert(best);
    return best;
  }
};

}  // namespace detail::kgx

PHARMAKON_FUNC void export_kgx(knowledge_base const& kb, std::filesystem::path const& prefix) {
  using namespace detail::kgx;
  using detail::exporter::tsv_escape;
  namespace biolink = detail::biolink;
  kgx_paths paths(prefix);
  field_writer text{kb};
  node_ids ids;
  atomic_files files;

  // nodes: sources first (entities and claims cite them), then the entities in vertex order
  table nodes(node_columns(), files.open(paths.nodes));
  for (auto const& s : kb.sources()) {
    auto category = biolink::source_category(s);
    nodes.put("id", tsv_escape(ids.pick(category, s.ids, std::nullopt, s.id)));
    nodes.put("category", std::string(category));
    nodes.put("name", tsv_escape(s.title.empty() ? s.citation_id() : s.title));
    nodes.put("provided_by", biolink::infores_of(s));
    nodes.put("pharmakon_id", tsv_escape(s.id));
    nodes.put("pharmakon_kind", "source");
    visit_fields(
        [&](std::string_view n, auto const& v) {
          if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::vector<identifier>>) {
            for (auto const& i : v) nodes.put(i.scheme, tsv_escape(i.value));  // a column per scheme (source_schemes)
          } else {
            nodes.put(column_of("source", n), text(v));
          }
        },
        s);
    nodes.put("region", region_text(s.region));
    nodes.flush();
  }
  std::vector<std::string> node_id(num_vertices(kb.graph()));
  auto put_entity = [&](std::uint32_t vertex, auto const& e, node_kind k, std::string_view kind_label) {
    auto category = biolink::category_of(k, kind_label);
    node_id[vertex] = ids.pick(category, e.ids, k, e.id);
    nodes.put("id", tsv_escape(node_id[vertex]));
    nodes.put("category", std::string(category));
    nodes.put("name", tsv_escape(e.name));
    nodes.put("lay_name", tsv_escape(e.lay_name));
    nodes.put("synonym", text(e.synonyms));
    // xref: every identifier Biolink has a prefix for; if some have none, pharmakon_ids keeps them all, exactly
    std::string xref;
    bool exact = true;
    for (auto const& i : e.ids) {
      auto c = biolink::curie_of(i, k);
      if (!c) {
        exact = false;
        continue;
      }
      auto back = biolink::identifier_of(*c);
      if (!back || back->scheme != i.scheme || back->value != i.value) exact = false;
      xref += (xref.empty() ? "" : "|") + tsv_escape(*c);
    }
    nodes.put("xref", std::move(xref));
    if (!exact) {
      std::string all;
      for (auto const& i : e.ids) all += (all.empty() ? "" : "|") + tsv_escape(i.scheme + ":" + i.value);
      nodes.put("pharmakon_ids", std::move(all));
    }
    nodes.put("provided_by", e.sources.empty() ? std::string(biolink::own_infores) : biolink::infores_of(kb.get(e.sources.front())));
    nodes.put("pharmakon_id", tsv_escape(e.id));
    nodes.put("pharmakon_kind", std::string(to_string(k)));
    nodes.put("sources", text(e.sources));
    nodes.put("region", region_text(e.region));
    auto owner = to_string(k);
    visit_fields([&](std::string_view n, auto const& v) { nodes.put(column_of(owner, n), text(v)); }, e);
    nodes.flush();
  };
  for (std::uint32_t v = 0; v < num_vertices(kb.graph()); ++v) {
    auto n = kb.node(v);
    switch (n.kind()) {
      case node_kind::drug: put_entity(v, kb.get(*n.as<drug>()), n.kind(), {}); break;
      case node_kind::target: put_entity(v, kb.get(*n.as<target>()), n.kind(), {}); break;
      case node_kind::gene: put_entity(v, kb.get(*n.as<gene>()), n.kind(), {}); break;
      case node_kind::variant: put_entity(v, kb.get(*n.as<variant>()), n.kind(), {}); break;
      case node_kind::effect: put_entity(v, kb.get(*n.as<effect>()), n.kind(), {}); break;
      case node_kind::condition: put_entity(v, kb.get(*n.as<condition>()), n.kind(), {}); break;
      case node_kind::regimen: put_entity(v, kb.get(*n.as<regimen>()), n.kind(), {}); break;
      case node_kind::warning: put_entity(v, kb.get(*n.as<warning>()), n.kind(), {}); break;
      case node_kind::drug_class: put_entity(v, kb.get(*n.as<drug_class>()), n.kind(), {}); break;
      case node_kind::concept_node: {
        auto const& c = kb.get(*n.as<concept_node>());
        put_entity(v, c, n.kind(), c.kind_label);
        break;
      }
    }
  }

  // edges: every claim, in claim order
  table edges(edge_columns(), files.open(paths.edges));
  auto kind_label = [&](any_node n) -> std::string_view {
    if (auto c = n.as<concept_node>()) return kb.get(*c).kind_label;
    return {};
  };
  for (std::uint32_t c = 0; c < kb.claim_count(); ++c) {
    auto v = kb.claim(claim_id{c});
    auto kind = v.kind();
    std::string label = kind == relation_kind::related ? kb.claim_as<rel::related>(v.id())->payload().label : std::string();
    auto srcs = v.sources();
    bool hetionet = std::any_of(srcs.begin(), srcs.end(), [&](source_id s) { return biolink::infores_of(kb.get(s)) == "infores:hetionet"; });
    auto const* row = biolink::row_for(kind, label, v.subject().kind(), kind_label(v.subject()), v.object().kind(),
                                       kind_label(v.object()), hetionet, v.note());
    auto subject = node_id[kb.vertex(v.subject())], object = node_id[kb.vertex(v.object())];
    if (row && row->reversed) std::swap(subject, object);
    edges.put("id", detail::format("pharmakon:claim:{}", c));
    edges.put("subject", tsv_escape(subject));
    edges.put("predicate", std::string(row ? row->predicate : biolink::fallback_predicate(kind, label)));
    edges.put("object", tsv_escape(object));
    if (row)
      for (std::size_t q = 0; q < std::size(biolink::qualifier_columns); ++q)
        edges.put(biolink::qualifier_columns[q], std::string(row->q.*biolink::qualifier_members[q]));
    // provenance: the first source's information resource; pharmakon aggregates any other one
    auto prov = hetionet && row && !row->hetionet.knowledge_level.empty()
                    ? row->hetionet
                    : biolink::provenance_of(srcs.empty() ? source_kind::other : kb.get(srcs.front()).kind, v.hypothesis());
    if (v.hypothesis()) prov.knowledge_level = "prediction";
    edges.put("knowledge_level", std::string(prov.knowledge_level));
    edges.put("agent_type", std::string(prov.agent_type));
    auto primary = srcs.empty() ? std::string(biolink::own_infores) : biolink::infores_of(kb.get(srcs.front()));
    edges.put("primary_knowledge_source", primary);
    if (primary != biolink::own_infores) edges.put("aggregator_knowledge_source", std::string(biolink::own_infores));
    std::string pubs;
    for (auto s : srcs) {
      auto const& src = kb.get(s);
      std::string p;
      if (auto pmid = src.identifier_of("pmid")) p = "PMID:" + std::string(*pmid);
      else if (auto doi = src.identifier_of("doi")) p = tsv_escape("doi:" + std::string(*doi));
      if (!p.empty()) pubs += (pubs.empty() ? "" : "|") + p;
    }
    edges.put("publications", std::move(pubs));
    edges.put("negated", v.negated() ? "true" : "");
    edges.put("pharmakon_relation", std::string(to_string(kind)));
    edges.put("sources", text(std::vector<source_id>(srcs.begin(), srcs.end())));
    edges.put("hypothesis", v.hypothesis() ? "true" : "");
    edges.put("unverified", v.unverified() ? "true" : "");
    edges.put("note", tsv_escape(v.note()));
    edges.put("label", tsv_escape(label));
    edges.put("region", region_text(v.region()));
    if (kind == relation_kind::acts_on) {
      auto const& a = kb.claim_as<rel::acts_on>(v.id())->payload();
      edges.put("action", std::string(to_string(a.type)));
      edges.put("modality", std::string(to_string(a.modality)));
      edges.put("reversible", field_text(a.reversible));
      edges.put("surmountable", field_text(a.surmountable));
      edges.put("efficacy", a.efficacy ? detail::exporter::exact_number(*a.efficacy) : "");
      std::string aff;
      field_writer inner{kb, true};
      for (auto const& af : a.affinities) {
        std::string one;
        auto item = [&](std::string_view k, std::string t) {
          if (t.empty()) return;
          one += (one.empty() ? "" : ";") + std::string(k) + "=" + t;
        };
        auto num = [](std::optional<double> x) { return x ? detail::exporter::exact_number(*x) : std::string(); };
        item("measure", std::string(to_string(af.measure)));
        item("value", num(af.value));
        item("low", num(af.low));
        item("high", num(af.high));
        item("unit", af.conc_unit ? std::string(info(*af.conc_unit).symbol) : std::string());
        item("species", inner(af.species));
        item("sources", inner(af.sources));
        aff += (aff.empty() ? "" : "|") + one;
      }
      edges.put("affinities", std::move(aff));
    }
    // described payloads: a column per field (model/describe.hpp)
    with_described(kind, [&](auto tag) {
      for_each_field(kb.claim_as<decltype(tag)>(v.id())->payload(),
                     [&](std::string_view name, auto const& x) { edges.put(name, tsv_escape(field_text(x))); });
    });
    edges.flush();
  }

  files.open(paths.meta) << detail::format(
      "{{\n  \"format\": \"pharmakon-kgx\",\n  \"format_version\": 2,\n  \"name\": {},\n  \"version\": {},\n"
      "  \"content_hash\": {},\n  \"nodes\": {},\n  \"sources\": {},\n  \"edges\": {}\n}}\n",
      json_string(kb.name()), json_string(kb.version()), json_string(kb.content_hash()), num_vertices(kb.graph()),
      kb.sources().size(), kb.claim_count());
  files.commit();
}

}  // namespace pharmakon
