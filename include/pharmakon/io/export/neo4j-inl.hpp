// The Neo4j bulk-import exporter (io layer), on the public graph API.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "neo4j-inl.hpp holds the out-of-line definitions of neo4j.hpp: include neo4j.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <cctype>
#include <map>

#include <boost/range/iterator_range.hpp>

#include "detail/escape.hpp"
#include "neo4j.hpp"
#include "writer.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::neo4j {

/// "acts_on" → "ACTS_ON"; anything else → letters, digits and '_' in upper case.
inline std::string rel_type(std::string_view s) {
  std::string out;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    out += std::isalnum(u) ? char(std::toupper(u)) : '_';
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "R_" + out;
  return out;
}
/// "Biological Process" → "BiologicalProcess" (a Neo4j label).
inline std::string label_of(std::string_view s) {
  std::string out;
  bool up = true;
  for (char c : s) {
    auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u)) {
      out += up ? char(std::toupper(u)) : c;
      up = false;
    } else {
      up = true;
    }
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out[0]))) out = "K" + out;
  return out;
}
inline std::string capitalised(node_kind k) {
  if (k == node_kind::concept_node) return "Concept";
  return label_of(to_string(k));
}

/// How many entities of kind `k` the knowledge base holds.
inline std::uint32_t kind_count(knowledge_base const& kb, node_kind k) {
  auto s = kb.stats();
  return std::uint32_t(s.nodes[std::size_t(k)]);
}

}  // namespace detail::neo4j

PHARMAKON_FUNC std::vector<std::filesystem::path> export_neo4j(knowledge_base const& kb, std::filesystem::path const& dir) {
  using namespace detail::neo4j;
  using detail::exporter::csv_field;
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) throw error(errc::io, detail::format("{}: cannot create the directory: {}", dir.string(), ec.message()));
  auto const& g = kb.graph();
  std::vector<std::filesystem::path> written;
  // every file is written out before any is renamed into place: a full disk leaves the old export as it was
  atomic_files files;
  auto open = [&](std::filesystem::path const& p) -> atomic_files::file& { return files.open(p); };
  // arrays use ';' (neo4j-admin's default array delimiter), so it is replaced inside array items
  auto array = [](auto const& items, auto&& fn) {
    std::string out;
    for (auto const& x : items) {
      auto s = fn(x);
      for (auto& c : s)
        if (c == ';') c = ',';
      if (!out.empty()) out += ';';
      out += s;
    }
    return csv_field(out);
  };
  auto source_ids = [&](std::span<source_id const> ids) {
    return array(ids, [&](source_id s) { return kb.get(s).id; });
  };
  // sources
  {
    auto p = dir / "nodes_source.csv";
    auto& out = open(p);
    out << "id:ID(Entity),:LABEL,kind,title,authors,publisher,year:int,pmid,doi,url,citation\n";
    for (auto const& s : kb.sources())
      out << detail::format("{},Source,{},{},{},{},{},{},{},{},{}\n", csv_field(s.id), to_string(s.kind), csv_field(s.title),
                         csv_field(s.authors), csv_field(s.publisher), s.year ? detail::format("{}", s.year) : "",
                         csv_field(s.identifier_or_empty("pmid")), csv_field(s.identifier_or_empty("doi")), csv_field(s.identifier_or_empty("url")), csv_field(s.citation_id()));
    written.push_back(p);
  }
  // one file per node kind
  for (auto k : enum_values<node_kind>()) {
    auto count = kind_count(kb, k);
    if (count == 0) continue;
    auto p = dir / detail::format("nodes_{}.csv", to_string(k));
    auto& out = open(p);
    out << "id:ID(Entity),:LABEL,name,synonyms:string[],identifiers:string[],sources:string[],detail\n";
    for (std::uint32_t index = 0; index < count; ++index) {
      any_node n(k, index);
      auto const& ent = kb.base(n);
      std::string labels = capitalised(k);
      std::string detail;
      switch (k) {
        case node_kind::drug: detail = kb.get(*n.as<drug>()).drug_class; break;
        case node_kind::target: {
          auto const& t = kb.get(*n.as<target>());
          detail = detail::format("{} {}", to_string(t.type), t.gene_symbol);
          break;
        }
        case node_kind::gene: detail = kb.get(*n.as<gene>()).symbol; break;
        case node_kind::concept_node: {
          auto const& c = kb.get(*n.as<concept_node>());
          labels += ";" + label_of(c.kind_label);
          detail = c.kind_label;
          break;
        }
        default: break;
      }
      out << detail::format("{},{},{},{},{},{},{}\n", csv_field(ent.id), csv_field(labels), csv_field(ent.name),
                         array(ent.synonyms, [](std::string const& s) { return s; }),
                         array(ent.ids, [](identifier const& i) { return i.scheme + ":" + i.value; }),
                         source_ids(ent.sources), csv_field(detail));
    }
    written.push_back(p);
  }
  // one file per relation kind (and per label of `related`, which becomes the relationship type)
  std::map<std::string, atomic_files::file*> rels;
  std::map<std::string, std::filesystem::path> paths;
  for (std::uint32_t v = 0; v < num_vertices(g); ++v)
    for (auto edge : boost::make_iterator_range(out_edges(v, g))) {
      auto cv = kb.claim(claim_id{std::uint32_t(get(boost::edge_index, g, edge))});
      auto kind = cv.kind();
      std::string label = kind == relation_kind::related ? kb.claim_as<rel::related>(cv.id())->payload().label : "";
      std::string type = kind == relation_kind::related ? rel_type(label) : rel_type(to_string(kind));
      auto& f = rels[type];
      if (!f) {
        auto p = dir / detail::format("rels_{}.csv", type);
        f = &open(p);
        paths[type] = p;
        *f << ":START_ID(Entity),:END_ID(Entity),:TYPE,relation,label,action,modality,best_p_affinity:double,"
              "tier,negated:boolean,hypothesis:boolean,note,sources:string[]\n";
      }
      std::string act, mod, pmax;
      if (kind == relation_kind::acts_on) {
        auto const& a = kb.claim_as<rel::acts_on>(cv.id())->payload();
        act = to_string(a.type);
        mod = to_string(a.modality);
        if (auto p = a.best_p_affinity()) pmax = detail::format("{}", *p);
      }
      *f << detail::format("{},{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(kb.base(kb.node(v)).id),
                        csv_field(kb.base(cv.object()).id), type, to_string(kind), csv_field(label), act,
                        mod, pmax, to_string(cv.tier()), cv.negated() ? "true" : "false",
                        cv.hypothesis() ? "true" : "false", csv_field(cv.note()), source_ids(cv.sources()));
    }
  for (auto& [type, f] : rels) written.push_back(paths[type]);
  // the command that loads them
  {
    auto p = dir / "import.sh";
    auto& out = open(p);
    out << "#!/bin/sh\n# Loads these files into a new, empty Neo4j 5 database (stop the database first).\n"
           "# Written by pharmakon for " << kb.name() << " " << kb.version() << " (content hash " << kb.content_hash()
        << "). See docs/neo4j.md.\nset -e\ncd \"$(dirname \"$0\")\"\n"
           "DB=${1:-neo4j}\nneo4j-admin database import full \"$DB\" --overwrite-destination \\\n";
    for (auto const& w : written) {
      auto name = w.filename().string();
      out << (name.rfind("nodes_", 0) == 0 ? "  --nodes=" : "  --relationships=") << name << " \\\n";
    }
    out << "  --array-delimiter=';' --skip-bad-relationships=false\n";
    written.push_back(p);
  }
  files.commit();
  std::filesystem::permissions(written.back(), std::filesystem::perms::owner_exec | std::filesystem::perms::group_exec |
                               std::filesystem::perms::others_exec, std::filesystem::perm_options::add, ec);
  return written;
}

}  // namespace pharmakon
