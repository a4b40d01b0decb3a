// The DrugMechDB importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "drugmechdb-inl.hpp holds the out-of-line definitions of drugmechdb.hpp: include drugmechdb.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include <yaml-cpp/yaml.h>

#include "../../graph/builder.hpp"
#include "../kb_file/loader.hpp"
#include "detail/driver.hpp"
#include "detail/text.hpp"
#include "drugmechdb.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {
namespace detail::drugmechdb {

using namespace detail::import;

/// A CURIE prefix whose identifiers pharmakon has a scheme for; `keep` keeps the prefix in the value (GO:0061527).
struct curie_scheme {
  std::string_view prefix, scheme;
  bool keep;
};
inline constexpr curie_scheme curie_schemes[] = {{"DB", "drugbank", false}, {"UniProt", "uniprot", false},
                                                 {"MESH", "mesh", false},   {"GO", "go", true},
                                                 {"CHEBI", "chebi", true},  {"UBERON", "uberon", true}};

/// The identifiers of a DrugMechDB CURIE: itself (scheme `drugmechdb`) and, if its prefix maps, the mapped one.
inline std::vector<identifier> identifiers_of(std::string const& curie) {
  std::vector<identifier> out;
  if (auto colon = curie.find(':'); colon != std::string::npos)
    for (auto const& m : curie_schemes)
      if (std::string_view(curie).substr(0, colon) == m.prefix) {
        std::string v = m.keep ? curie : curie.substr(colon + 1);
        if (valid_identifier(m.scheme, v)) out.push_back({std::string(m.scheme), std::move(v)});
      }
  out.push_back({"drugmechdb", curie});
  return out;
}

/// 1-based position of a YAML node (0 when yaml-cpp has none, e.g. for a key that is absent).
struct pos {
  std::uint64_t line = 0, column = 0;
};
inline pos pos_of(YAML::Mark const& m) {
  if (m.line < 0 || m.column < 0) return {};
  return {std::uint64_t(m.line) + 1, std::uint64_t(m.column) + 1};
}
/// A position for an error about the file as a whole: 1:1 when yaml-cpp gives none.
inline pos at_least_1(pos p) { return p.line ? p : pos{1, 1}; }
inline std::string_view type_name(YAML::Node const& n) {
  switch (n.Type()) {
    case YAML::NodeType::Null: return "null";
    case YAML::NodeType::Scalar: return "a scalar";
    case YAML::NodeType::Sequence: return "a sequence";
    case YAML::NodeType::Map: return "a mapping";
    default: return "nothing";
  }
}

/// A path file's node, as read.
struct path_node {
  std::string id, label, name;
  std::vector<std::string> alt_names, alt_ids;
  pos at;
};

struct importer : driver {
  // entities made (or found in the base) for DrugMechDB keys: the CURIE, or for a path's drug its DrugBank id too
  std::unordered_map<std::string, drug_id> drug_of;
  std::unordered_map<std::string, target_id> target_of;
  std::unordered_map<std::string, condition_id> condition_of;
  std::unordered_map<std::string, concept_id> concept_of;
  /// The base's entities by "kind scheme value" of every identifier they have.
  std::unordered_map<std::string, any_node> base_ids;
  std::unordered_map<std::string, payload_id<rel::related>> verb_payload;
  std::map<std::string, std::uint64_t> made_by_label, merged_by_label, links_by_verb;
  std::uint64_t path_files = 0, claims = 0, index_files = 0, duplicate_nodes = 0, pmids = 0, dois = 0, urls = 0,
                repaired = 0, loose_words = 0, commented = 0, invisible = 0;
  std::shared_ptr<const std::string> file_name;
  std::string const* current = nullptr;

  explicit importer(import_options const& o) : driver(o) {
    if (!o.base) return;
    auto index = [&]<class E>(std::type_identity<E>) {
      for (auto id : o.base->template handles<E>())
        for (auto const& i : (*o.base)[id].ids)
          base_ids.emplace(detail::format("{}\x1f{}\x1f{}", to_string(node_kind_of<E>::value), i.scheme, i.value), any_node(id));
    };
    index(std::type_identity<drug>{});
    index(std::type_identity<target>{});
    index(std::type_identity<condition>{});
    index(std::type_identity<concept_node>{});
  }

  void error(errc code, pos p, std::string expected, std::string found) {
    diags.add(code, *current, p.line, p.column, std::move(expected), std::move(found));
  }

  /// Reports `n`, the value of a required key, as missing (at its mapping, `parent_at`) or of the wrong type.
  void bad_value(YAML::Node const& n, pos parent_at, std::string expected) {
    if (n.IsDefined()) error(errc::wrong_type, pos_of(n.Mark()), std::move(expected), std::string(type_name(n)));
    else error(errc::missing_field, parent_at, std::move(expected), "no such key");
  }

  // ----- reading YAML values, with a diagnostic at the value (or its mapping) when it is not what is expected -----
  std::optional<std::string> text(YAML::Node const& parent, char const* key, pos parent_at, bool required = true) {
    auto n = parent[key];
    if (!n.IsDefined() || n.IsNull()) {
      if (required) error(errc::missing_field, parent_at, detail::format("'{}'", key), n.IsDefined() ? "null" : "no such key");
      return std::nullopt;
    }
    if (!n.IsScalar()) {
      error(errc::wrong_type, pos_of(n.Mark()), detail::format("a string in '{}'", key), std::string(type_name(n)));
      return std::nullopt;
    }
    auto const& s = n.Scalar();
    if (!clean_text(s)) {
      error(errc::encoding, pos_of(n.Mark()), detail::format("UTF-8 text without control characters in '{}'", key), quote_value(s));
      return std::nullopt;
    }
    if (required && s.empty()) {
      error(errc::missing_field, pos_of(n.Mark()), detail::format("a non-empty '{}'", key), "''");
      return std::nullopt;
    }
    return s;
  }
  std::vector<std::string> texts(YAML::Node const& parent, char const* key) {
    std::vector<std::string> out;
    auto n = parent[key];
    if (!n.IsDefined() || n.IsNull()) return out;
    if (!n.IsSequence()) {
      error(errc::wrong_type, pos_of(n.Mark()), detail::format("a list of strings in '{}'", key), std::string(type_name(n)));
      return out;
    }
    for (auto const& item : n) {
      if (item.IsNull()) continue;
      if (!item.IsScalar() || !clean_text(item.Scalar())) {
        error(errc::wrong_type, pos_of(item.Mark()), detail::format("a string in '{}'", key),
              item.IsScalar() ? quote_value(item.Scalar()) : std::string(type_name(item)));
        continue;
      }
      if (!item.Scalar().empty()) out.push_back(item.Scalar());
    }
    return out;
  }
  /// Reports keys of `map` that are not in `known`.
  void only_keys(YAML::Node const& map, std::initializer_list<std::string_view> known, std::string_view where) {
    for (auto const& kv : map) {
      auto k = kv.first.IsScalar() ? kv.first.Scalar() : std::string();
      if (std::find(known.begin(), known.end(), k) == known.end())
        error(errc::unexpected_key, pos_of(kv.first.Mark()),
              detail::format("a key of {} ({})", where, fmt::join(known, ", ")), quote_value(k));
    }
  }

  /// `id` without a zero-width no-break space (U+FEFF) or zero-width space (U+200B) at its ends: a few reactome and
  /// InterPro ids of the 2026 release end with one (written "\uFEFF"), in the nodes and the links alike.
  std::string strip_invisible(std::string id) {
    bool changed = false;
    for (std::string_view z : {"\xEF\xBB\xBF", "\xE2\x80\x8B"}) {
      while (id.size() >= z.size() && std::string_view(id).substr(id.size() - z.size()) == z) {
        id.resize(id.size() - z.size());
        changed = true;
      }
      while (id.size() >= z.size() && std::string_view(id).substr(0, z.size()) == z) {
        id.erase(0, z.size());
        changed = true;
      }
    }
    if (changed) ++invisible;
    return id;
  }

  // ----- entities -----
  template <class E>
  std::optional<node_id<E>> base_entity(std::vector<identifier> const& ids) const {
    for (auto const& i : ids)
      if (auto it = base_ids.find(detail::format("{}\x1f{}\x1f{}", to_string(node_kind_of<E>::value), i.scheme, i.value));
          it != base_ids.end())
        return it->second.template as<E>();
    return std::nullopt;
  }

  template <class E>
  node_id<E> entity_for(std::unordered_map<std::string, node_id<E>>& made, std::vector<std::string> const& keys,
                        std::vector<identifier> ids, path_node const& n, std::string_view id_prefix, E e) {
    for (auto const& k : keys)
      if (auto it = made.find(k); it != made.end()) {
        for (auto const& k2 : keys) made.emplace(k2, it->second);
        return it->second;
      }
    if (auto found = base_entity<E>(ids)) {
      ++merged_by_label[n.label];
      for (auto const& k : keys) made.emplace(k, *found);
      return *found;
    }
    e.id = unused_id(b, detail::format("{}drugmechdb:{}", id_prefix, id_safe(keys.front())));
    e.name = n.name;
    e.synonyms = n.alt_names;
    e.ids = std::move(ids);
    for (auto const& alt : n.alt_ids)
      for (auto& i : identifiers_of(alt))
        if (std::find(e.ids.begin(), e.ids.end(), i) == e.ids.end()) e.ids.push_back(std::move(i));
    e.region = source_region::at(file_name, {std::uint32_t(n.at.line), std::uint32_t(n.at.column)});
    ++made_by_label[n.label];
    auto id = b.add(std::move(e));
    for (auto const& k : keys) made.emplace(k, id);
    return id;
  }

  any_node node_for(path_node const& n, std::optional<std::string> const& drugbank, bool path_drug, source_id src) {
    auto ids = identifiers_of(n.id);
    if (n.label == "Drug" || path_drug) {
      std::vector<std::string> keys;
      if (path_drug && drugbank) {
        keys.push_back(*drugbank);
        for (auto& i : identifiers_of(*drugbank))  // its DrugBank id; the drugmechdb CURIE stays the node's
          if (i.scheme != "drugmechdb" && std::find(ids.begin(), ids.end(), i) == ids.end()) ids.insert(ids.begin(), std::move(i));
      }
      // a path's drug is the graph's DrugBank id when it has one: DrugMechDB gives some drugs another drug's MeSH id
      // (naltrexone's paths name MESH:D009270, naloxone's), so the node's CURIE keys it only without a DrugBank id
      if (!(path_drug && drugbank)) keys.push_back(n.id);
      drug d;
      d.sources = {src};
      return entity_for(drug_of, keys, std::move(ids), n, "drug:", std::move(d));
    }
    if (n.label == "Protein") {
      target t;
      t.sources = {src};
      return entity_for(target_of, {n.id}, std::move(ids), n, "target:", std::move(t));
    }
    if (n.label == "Disease") {
      condition c;
      c.sources = {src};
      return entity_for(condition_of, {n.id}, std::move(ids), n, "condition:", std::move(c));
    }
    concept_node c;
    c.kind_label = n.label;
    c.sources = {src};
    return entity_for(concept_of, {n.id}, std::move(ids), n, "concept:", std::move(c));
  }

  // ----- sources -----
  source_id path_source(std::string const& id, std::string const& drug_name, std::string const& disease) {
    return source_for(std::string(drugmechdb_path_source_prefix) + id, source_kind::database,
                      detail::format("DrugMechDB indication path {}: {} → {}", id, drug_name, disease), "Scientific Data",
                      "https://sulab.github.io/DrugMechDB/", [](source& s) {
                        s.authors = "Gonzalez-Cavazos AC, Tanska A, Mayers M, et al.";
                        s.year = 2023;
                        s.set_identifier("doi", "10.1038/s41597-023-02534-z");
                      });
  }
  /// The research source `src:<scheme>:<value>` a reference names by its DOI or PMID; `made` counts the new ones.
  source_id cited_reference(std::string_view scheme, std::string const& value, std::uint64_t& made) {
    auto id = detail::format("src:{}:{}", scheme, value);
    return source_for(id, [&] {
      ++made;
      source s;
      s.id = id;
      s.kind = source_kind::research;
      s.title = "Reference cited by DrugMechDB";
      s.set_identifier(scheme, value);
      return s;
    });
  }
  /// The sources a `references` entry names (one or more URLs, PubMed and DOI links, `DOI:10...`); what is not a
  /// reference (a stray word) goes to `loose` for the note.
  void reference_sources(std::string const& entry, std::vector<source_id>& out, std::vector<std::string>& loose) {
    std::size_t i = 0;
    while (i < entry.size()) {
      while (i < entry.size() && (entry[i] == ' ' || entry[i] == '\t')) ++i;
      auto j = entry.find_first_of(" \t", i);
      if (j == std::string::npos) j = entry.size();
      std::string tok = entry.substr(i, j - i);
      i = j;
      if (tok.empty()) continue;
      auto add = [&](source_id s) {
        if (std::find(out.begin(), out.end(), s) == out.end()) out.push_back(s);
      };
      std::string doi;
      if (tok.size() > 4 && (tok.substr(0, 4) == "DOI:" || tok.substr(0, 4) == "doi:")) tok = tok.substr(4);
      if (auto at = tok.find("doi.org/10."); at != std::string::npos) doi = tok.substr(at + 8);
      else if (tok.substr(0, 3) == "10.") doi = tok;
      if (!doi.empty() && valid_identifier("doi", doi)) {
        add(cited_reference("doi", doi, dois));
        continue;
      }
      auto http = tok.find("http");
      if (http != std::string::npos && http > 0 && (tok.compare(http, 7, "http://") == 0 || tok.compare(http, 8, "https://") == 0)) {
        tok = tok.substr(http);  // "mhttps://..." in one file: the URL after a stray letter
        ++repaired;
      }
      if (!valid_identifier("url", tok) || tok.find("://") == std::string::npos) {
        loose.push_back(tok);
        ++loose_words;
        continue;
      }
      // a PubMed link is its PMID
      std::string pmid;
      for (std::string_view p : {"pubmed.ncbi.nlm.nih.gov/", "www.ncbi.nlm.nih.gov/pubmed/"})
        if (auto at = tok.find(p); at != std::string::npos && pmid.empty()) {
          auto rest = tok.substr(at + p.size());
          auto end = rest.find_first_not_of("0123456789");
          auto digits = rest.substr(0, end);
          if (valid_identifier("pmid", digits) && (end == std::string::npos || rest[end] == '/' || rest[end] == '?' || rest[end] == '#'))
            pmid = digits;
        }
      if (!pmid.empty()) {
        add(cited_reference("pmid", pmid, pmids));
        continue;
      }
      auto host_begin = tok.find("://") + 3;
      auto host = tok.substr(host_begin, tok.find('/', host_begin) - host_begin);
      bool database = host.find("drugbank") != std::string::npos || host.find("uniprot") != std::string::npos ||
                      host.find("ebi.ac.uk") != std::string::npos || host.find("drugs.ncats.io") != std::string::npos ||
                      host.find("pubchem") != std::string::npos || host.find("kegg") != std::string::npos ||
                      host.find("meshb.nlm.nih.gov") != std::string::npos;
      add(source_for("src:url:" + short_digest(tok), [&] {
        ++urls;
        source s;
        s.id = "src:url:" + short_digest(tok);
        s.kind = database ? source_kind::database : source_kind::other;  // Wikipedia and other pages: other
        s.title = detail::format("{} (cited by DrugMechDB)", host);
        s.set_identifier("url", tok);
        return s;
      }));
    }
  }

  // ----- one path file -----
  /// Reads `text` (the file's content) as a DrugMechDB path and adds it; false when the file is not usable.
  void read_path(std::string const& text) {
    YAML::Node doc;
    try {
      auto docs = YAML::LoadAll(text);  // not Load: it would silently ignore a second document
      if (docs.size() > 1) {
        error(errc::syntax, at_least_1(pos_of(docs[1].Mark())), "one YAML document (one path) per file", "a second document");
        return;
      }
      if (!docs.empty()) doc = docs.front();
    } catch (YAML::Exception const& e) {  // ParserException, and the nesting limit
      error(errc::syntax, at_least_1(pos_of(e.mark)), "valid YAML", detail::format("a syntax error ({})", e.msg));
      return;
    }
    // DrugMechDB's `_index.yaml` (a list of {id, file, drug, ...}) says nothing the path files do not: skipped
    if (doc.IsSequence() && doc.size() > 0 && doc[0].IsMap() && doc[0]["file"].IsDefined() && doc[0]["id"].IsDefined()) {
      ++index_files;
      return;
    }
    if (!doc.IsMap()) {
      error(errc::syntax, at_least_1(pos_of(doc.Mark())), "a DrugMechDB path (a mapping with 'graph', 'nodes' and 'links')",
            std::string(type_name(doc)));
      return;
    }
    std::size_t before = diags.diags.size();
    pos top{1, 1};
    only_keys(doc, {"directed", "graph", "links", "multigraph", "nodes", "references", "comment"}, "a path");
    for (char const* flag : {"directed", "multigraph"}) {
      auto f = doc[flag];
      bool v = false;
      if (f.IsDefined() && !(f.IsScalar() && YAML::convert<bool>::decode(f, v)))
        error(errc::wrong_type, pos_of(f.Mark()), detail::format("true or false in '{}'", flag),
              f.IsScalar() ? quote_value(f.Scalar()) : std::string(type_name(f)));
    }
    auto graph = doc["graph"];
    if (!graph.IsMap()) {
      bad_value(graph, top, "'graph': a mapping with _id, drug, disease, disease_mesh");
      return;
    }
    auto gat = pos_of(graph.Mark());
    only_keys(graph, {"_id", "disease", "disease_mesh", "drug", "drug_mesh", "drugbank"}, "'graph'");
    auto id = this->text(graph, "_id", gat);
    auto drug_name = this->text(graph, "drug", gat);
    auto disease = this->text(graph, "disease", gat);
    auto disease_mesh = this->text(graph, "disease_mesh", gat);
    auto drug_mesh = this->text(graph, "drug_mesh", gat, false);
    auto drugbank = this->text(graph, "drugbank", gat, false);
    if (id && !plain_id(*id))
      error(errc::bad_id, pos_of(graph["_id"].Mark()), "a path id without spaces (e.g. DB00704_MESH_D000437_1)", quote_value(*id));
    auto comment = this->text(doc, "comment", top, false);
    auto references = texts(doc, "references");
    // nodes
    auto nodes_n = doc["nodes"];
    std::vector<path_node> nodes;
    std::unordered_map<std::string, std::size_t> node_index;
    bool nodes_read = nodes_n.IsSequence() && nodes_n.size() > 0;
    if (!nodes_read) {
      bad_value(nodes_n, top, "'nodes': a list of {id, label, name}");
    } else {
      for (auto const& n : nodes_n) {
        auto at = pos_of(n.Mark());
        if (!n.IsMap()) {
          error(errc::wrong_type, at, "a node: a mapping with id, label, name", std::string(type_name(n)));
          continue;
        }
        only_keys(n, {"id", "label", "name", "alt_names", "alt_ids"}, "a node");
        auto nid = this->text(n, "id", at), label = this->text(n, "label", at), name = this->text(n, "name", at);
        if (nid) *nid = strip_invisible(*nid);
        auto alt_names = texts(n, "alt_names"), alt_ids = texts(n, "alt_ids");
        if (nid && (!plain_id(*nid) || nid->find(':') == std::string::npos || nid->front() == ':' || nid->back() == ':')) {
          error(errc::bad_id, pos_of(n["id"].Mark()), "a CURIE (PREFIX:id, e.g. UniProt:P35372)", quote_value(*nid));
          continue;
        }
        if (!nid || !label || !name) continue;
        if (node_index.count(*nid)) {  // listed twice in one path (15 files of the 2026 release): the first counts
          ++duplicate_nodes;
          continue;
        }
        node_index.emplace(*nid, nodes.size());
        nodes.push_back({*nid, *label, *name, std::move(alt_names), std::move(alt_ids), at});
      }
    }
    // links
    auto links_n = doc["links"];
    struct link {
      std::size_t from, to;
      std::string verb;
    };
    std::vector<link> links;
    if (!links_n.IsSequence() || links_n.size() == 0) {
      bad_value(links_n, top, "'links': a list of {source, target, key}");
    } else {
      for (auto const& l : links_n) {
        auto at = pos_of(l.Mark());
        if (!l.IsMap()) {
          error(errc::wrong_type, at, "a link: a mapping with source, target, key", std::string(type_name(l)));
          continue;
        }
        only_keys(l, {"source", "target", "key"}, "a link");
        auto s = this->text(l, "source", at), t = this->text(l, "target", at), k = this->text(l, "key", at);
        if (s) *s = strip_invisible(*s);
        if (t) *t = strip_invisible(*t);
        if (!s || !t || !k) continue;
        auto si = node_index.find(*s), ti = node_index.find(*t);
        if (!nodes_read) continue;  // the nodes' error says it: no second error per link
        if (si == node_index.end())
          error(errc::unknown_reference, pos_of(l["source"].Mark()), "the id of a node of this path in 'source'", quote_value(*s));
        if (ti == node_index.end())
          error(errc::unknown_reference, pos_of(l["target"].Mark()), "the id of a node of this path in 'target'", quote_value(*t));
        if (si != node_index.end() && ti != node_index.end()) links.push_back({si->second, ti->second, *k});
      }
    }
    // the path's drug: the node whose id is the graph's drug_mesh or drugbank
    std::optional<std::size_t> drug_node;
    if (drug_mesh) if (auto it = node_index.find(*drug_mesh); it != node_index.end()) drug_node = it->second;
    if (!drug_node && drugbank) if (auto it = node_index.find(*drugbank); it != node_index.end()) drug_node = it->second;
    if (!drug_node && diags.diags.size() == before)
      error(errc::unknown_reference, gat, "a node whose id is the graph's drug_mesh or drugbank",
            quote_value(drug_mesh.value_or(drugbank.value_or(""))));
    if (diags.diags.size() != before || !ok()) return;  // a failed import builds nothing: only keep checking

    ++path_files;
    auto src = path_source(*id, *drug_name, *disease);
    std::vector<source_id> srcs{src};
    std::vector<std::string> loose;
    for (auto const& r : references) reference_sources(r, srcs, loose);
    std::vector<std::string> note;
    if (comment && !comment->empty()) {
      note.push_back(*comment);
      ++commented;
    }
    if (!loose.empty()) note.push_back(detail::format("DrugMechDB reference text: {}", fmt::join(loose, " ")));
    auto ev = b.add_evidence(noted_meta(std::move(srcs), note));
    std::vector<any_node> made(nodes.size());
    for (std::size_t i = 0; i < nodes.size(); ++i) made[i] = node_for(nodes[i], drugbank, drug_node == i, src);
    for (auto const& l : links) {
      auto it = verb_payload.find(l.verb);
      if (it == verb_payload.end()) it = verb_payload.emplace(l.verb, b.add_payload<rel::related>(related_label{l.verb})).first;
      b.add<rel::related>(made[l.from], made[l.to], it->second, ev);
      ++links_by_verb[l.verb];
      ++claims;
    }
  }

  /// Reads one file (plain or gzipped; '-' is standard input) whole, then parses it.
  void read_file(std::filesystem::path const& p) {
    import_options one = opts;
    one.background_decompression = false;  // small files: a thread each would cost more than it saves
    line_reader in(p, one, diags);
    if (!in.open()) return;
    files.push_back(in.name());
    file_name = std::make_shared<const std::string>(in.name());
    current = file_name.get();
    std::string content;
    std::string_view line;
    constexpr std::size_t max_file = std::size_t(64) << 20;
    while (in.next(line)) {
      content.append(line);
      content.push_back('\n');
      if (content.size() > max_file) {
        error(errc::limit, {in.line_number(), 1}, "a path file of at most 64 MiB", "a larger file");
        return;
      }
      if (!gate.tick("paths", &in)) return;
    }
    if (in.failed()) return;
    if (content.find('\0') != std::string::npos) {
      error(errc::encoding, {1, 1}, "text", "a NUL byte");
      return;
    }
    read_path(content);
  }

  import_report report() const {
    import_report r;
    r.format = "drugmechdb";
    auto kind_of = [](std::string const& label) -> std::string {
      if (label == "Drug") return "drug";
      if (label == "Protein") return "target";
      if (label == "Disease") return "condition";
      return detail::format("concept '{}'", label);
    };
    std::map<std::string, std::uint64_t> labels;
    for (auto const& [l, n] : made_by_label) labels[l] += n;
    for (auto const& [l, n] : merged_by_label) labels[l] += n;
    for (auto const& [l, n] : labels) {
      auto merged = merged_by_label.count(l) ? merged_by_label.at(l) : 0;
      r.nodes.push_back({l, merged ? detail::format("{} ({} merged into the base)", kind_of(l), merged) : kind_of(l), n});
    }
    for (auto const& [v, n] : links_by_verb) r.edges.push_back({v, detail::format("related '{}'", v), n});
    r.notes.push_back(detail::format("{} paths, {} claims; references: {} PubMed ids, {} DOIs, {} other URLs; {} paths with a comment (the note of their claims)",
                                  path_files, claims, pmids, dois, urls, commented));
    if (index_files) r.notes.push_back(detail::format("{} index file (_index.yaml) skipped: it lists the paths", index_files));
    if (duplicate_nodes) r.notes.push_back(detail::format("{} nodes listed twice in one path (the first kept)", duplicate_nodes));
    if (invisible) r.notes.push_back(detail::format("{} ids (nodes and links) with an invisible U+FEFF or U+200B at an end, removed", invisible));
    if (repaired) r.notes.push_back(detail::format("{} reference URLs after a stray character (the URL kept)", repaired));
    if (loose_words) r.notes.push_back(detail::format("{} words in references that are not a reference (kept in the claims' note)", loose_words));
    return r;
  }
};

}  // namespace detail::drugmechdb

PHARMAKON_FUNC import_result try_import_drugmechdb(std::span<std::filesystem::path const> paths, import_options const& opts) {
  using namespace detail::drugmechdb;
  importer imp(opts);
  if (paths.empty()) return imp.fail_arguments("DrugMechDB path files or a folder of them", "no paths");
  // a folder stands for its *.yaml files, in name order (so an import is the same on every machine)
  std::vector<std::filesystem::path> files;
  for (auto const& p : paths) {
    std::error_code ec;
    if (p != "-" && std::filesystem::is_directory(p, ec)) {
      std::vector<std::filesystem::path> in_dir;
      for (auto it = std::filesystem::directory_iterator(p, ec); !ec && it != std::filesystem::directory_iterator(); it.increment(ec)) {
        auto const& f = it->path();
        auto ext = f.extension();
        if ((ext == ".yaml" || ext == ".yml") && f.filename() != "_index.yaml") in_dir.push_back(f);
      }
      if (ec) return imp.fail_arguments(detail::format("a readable folder ({})", p.string()), ec.message());
      if (in_dir.empty()) return imp.fail_arguments(detail::format("*.yaml path files in {}", p.string()), "none");
      std::sort(in_dir.begin(), in_dir.end());
      files.insert(files.end(), in_dir.begin(), in_dir.end());
    } else {
      files.push_back(p);
    }
  }
  imp.b.reserve_claims(files.size() * 8);
  for (auto const& f : files) {
    imp.read_file(f);
    if (imp.gate.cancelled() || imp.diags.full()) break;
  }
  if (!imp.ok()) return imp.fail();
  if (imp.path_files == 0) return imp.fail_arguments("at least one DrugMechDB path file", "only index files");
  // DrugMechDB's path files state no release: the version is --kb-version's, else "unknown" (never the builder's "0")
  return imp.finish({{}, {}, "drugmechdb", "unknown"}, [&] {
    auto r = imp.report();
    if (opts.version.empty())
      r.notes.push_back("DrugMechDB release: not in the path files (DrugMechDB has no version field; give the "
                        "repository's commit or date with --kb-version)");
    return r;
  });
}

}  // namespace pharmakon
