// The Hetionet v1.0 importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "hetionet-inl.hpp holds the out-of-line definitions of hetionet.hpp: include hetionet.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <array>
#include <map>

#include "../../graph/builder.hpp"
#include "../kb_file/loader.hpp"
#include "detail/driver.hpp"
#include "detail/line_reader.hpp"
#include "detail/string_table.hpp"
#include "detail/text.hpp"
#include "hetionet.hpp"
#include "vocabulary.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::hetionet {

using namespace detail::import;

/// A Hetionet node kind and what it becomes.
struct kind_info {
  std::string_view name;       ///< as in the node table's `kind` column and before `::` in ids
  node_kind kind;              ///< pharmakon kind
  std::string_view id_prefix;  ///< pharmakon id = prefix + the part after `::`
  std::string_view scheme;     ///< identifier scheme of the part after `::` (empty: none)
};
inline constexpr std::array<kind_info, 11> kinds{{
    {"Compound", node_kind::drug, "drug:", "drugbank"},
    {"Gene", node_kind::gene, "gene:", "entrez"},
    {"Disease", node_kind::condition, "condition:", "doid"},
    {"Side Effect", node_kind::effect, "effect:", "umls"},
    {"Symptom", node_kind::concept_node, "concept:Symptom::", "mesh"},
    {"Anatomy", node_kind::concept_node, "concept:Anatomy::", "uberon"},
    {"Biological Process", node_kind::concept_node, "concept:Biological_Process::", "go"},
    {"Cellular Component", node_kind::concept_node, "concept:Cellular_Component::", "go"},
    {"Molecular Function", node_kind::concept_node, "concept:Molecular_Function::", "go"},
    {"Pathway", node_kind::concept_node, "concept:Pathway::", ""},
    {"Pharmacologic Class", node_kind::concept_node, "concept:Pharmacologic_Class::", ""},
}};
inline constexpr std::uint8_t compound = 0, gene_kind = 1, disease = 2, side_effect = 3;

/// How an edge type is imported.
enum class mapping : std::uint8_t { acts_on, indicated_for, produces, related };

/// A Hetionet metaedge (edge type), as in metaedges.tsv.
struct metaedge_info {
  std::string_view abbrev;  ///< in the SIF's `metaedge` column
  std::uint8_t source, target;  ///< indexes into `kinds`
  std::string_view verb;
  mapping map;
};
inline constexpr std::array<metaedge_info, 24> metaedges{{
    {"AdG", 5, 1, "downregulates", mapping::related},
    {"AeG", 5, 1, "expresses", mapping::related},
    {"AuG", 5, 1, "upregulates", mapping::related},
    {"CbG", 0, 1, "binds", mapping::acts_on},
    {"CcSE", 0, 3, "causes", mapping::produces},
    {"CdG", 0, 1, "downregulates", mapping::related},
    {"CpD", 0, 2, "palliates", mapping::indicated_for},
    {"CrC", 0, 0, "resembles", mapping::related},
    {"CtD", 0, 2, "treats", mapping::indicated_for},
    {"CuG", 0, 1, "upregulates", mapping::related},
    {"DaG", 2, 1, "associates", mapping::related},
    {"DdG", 2, 1, "downregulates", mapping::related},
    {"DlA", 2, 5, "localizes", mapping::related},
    {"DpS", 2, 4, "presents", mapping::related},
    {"DrD", 2, 2, "resembles", mapping::related},
    {"DuG", 2, 1, "upregulates", mapping::related},
    {"GcG", 1, 1, "covaries", mapping::related},
    {"GiG", 1, 1, "interacts", mapping::related},
    {"GpBP", 1, 6, "participates", mapping::related},
    {"GpCC", 1, 7, "participates", mapping::related},
    {"GpMF", 1, 8, "participates", mapping::related},
    {"GpPW", 1, 9, "participates", mapping::related},
    {"Gr>G", 1, 1, "regulates", mapping::related},
    {"PCiC", 10, 0, "includes", mapping::related},
}};

inline std::string metaedge_choices() {
  std::string out;
  for (auto const& m : metaedges) out += (out.empty() ? "" : " | ") + std::string(m.abbrev);
  return out;
}

inline std::string id_for(std::string_view kind_name, std::string_view local) {
  for (auto const& k : kinds)
    if (k.name == kind_name) return std::string(k.id_prefix) + std::string(local);
  std::string out = "concept:";
  for (char c : kind_name) out += c == ' ' ? '_' : c;
  return out + "::" + std::string(local);
}

/// The state of one import.
struct importer : driver {
  source_id src;
  evidence_id ev_plain, ev_treats, ev_palliates;
  payload_id<rel::acts_on> binds;
  payload_id<rel::indicated_for> indication_payload;
  std::array<payload_id<rel::related>, metaedges.size()> labels{};

  // nodes, in the order of the node table
  std::array<string_table, kinds.size()> local_index;  ///< per kind: id after `::` -> node
  string_table extra_index;  ///< Hetionet id -> node, for kinds v1.0 does not have
  std::vector<std::uint32_t> target_of_gene;  ///< per gene: target index + 1, 0 = none yet
  std::vector<std::string> extra_kinds;       ///< kinds beyond v1.0's, kept as concepts
  std::map<std::string, std::uint64_t> extra_kind_counts;
  std::array<std::uint64_t, kinds.size()> node_counts{}, merged_counts{};
  std::array<std::uint64_t, metaedges.size()> edge_counts{};
  std::uint64_t targets_made = 0;
  bool have_nodes = false, have_edges = false;
  std::shared_ptr<const std::string> nodes_path;

  // merging into a base: external identifier -> entity of the base
  std::map<std::pair<std::string, std::string>, any_node> base_xref;
  std::vector<std::uint32_t> base_target_of_gene;  ///< base gene index -> base target index + 1

  using driver::driver;

  void prepare_base() {
    if (!opts.base) return;
    auto const& kb = *opts.base;
    auto add_xrefs = [&](auto const& table, node_kind k, std::string_view scheme) {
      for (std::uint32_t i = 0; i < table.size(); ++i)
        if (auto v = table[i].identifier_of(scheme)) base_xref.emplace(std::pair{std::string(scheme), std::string(*v)}, any_node(k, i));
    };
    add_xrefs(kb.all<drug>(), node_kind::drug, "drugbank");
    add_xrefs(kb.all<gene>(), node_kind::gene, "entrez");
    add_xrefs(kb.all<condition>(), node_kind::condition, "doid");
    add_xrefs(kb.all<effect>(), node_kind::effect, "umls");
    base_target_of_gene.assign(kb.all<gene>().size(), 0);
    for (auto t : kb.handles<target>())
      for (auto e : kb.out<rel::encoded_by>(t))
        if (base_target_of_gene[e.object().index()] == 0) base_target_of_gene[e.object().index()] = t.index() + 1;
  }

  void add_source() {
    if (auto existing = b.find_source(hetionet_source_id)) {
      src = *existing;
    } else {
      source s;
      s.id = std::string(hetionet_source_id);
      s.kind = source_kind::database;
      s.title = "Hetionet v1.0: Systematic integration of biomedical knowledge prioritizes drugs for repurposing";
      s.authors = "Himmelstein DS, Lizee A, Hessler C, et al.";
      s.publisher = "eLife";
      s.year = 2017;
      s.set_identifier("doi", "10.7554/eLife.26726");
      s.set_identifier("pmid", "28936969");
      s.set_identifier("url", "https://het.io");
      src = b.add_source(std::move(s));
    }
    ev_plain = b.add_evidence(claim_meta({src}));
    ev_treats = b.add_evidence(claim_meta({src}).with_note("Hetionet: treats (CtD)"));
    ev_palliates = b.add_evidence(claim_meta({src}).with_note("Hetionet: palliates (CpD), symptomatic relief"));
    action a;
    a.type = action_type::other;  // Hetionet's "binds" says nothing about what the binding does
    binds = b.add_payload<rel::acts_on>(a);
    indication_payload = b.add_payload<rel::indicated_for>(indication{});
    for (std::size_t i = 0; i < metaedges.size(); ++i)
      if (metaedges[i].map == mapping::related) labels[i] = b.add_payload<rel::related>(related_label{std::string(metaedges[i].verb)});
  }

  // ----- nodes -----
  bool read_nodes(line_reader& in) {
    nodes_path = std::make_shared<const std::string>(in.name());
    b.reserve_entities(std::size_t(in.bytes_total() / 40));  // ~53 bytes a row in v1.0's table
    std::string_view line;
    std::array<std::string_view, 3> f;
    std::string id;
    while (in.next(line)) {
      if ((in.line_number() & 0x3FFF) == 0 && !gate.tick("nodes", &in)) return false;
      if (line.empty()) continue;
      auto n = split_tsv(line, f);
      auto line_no = in.line_number();
      auto col_of = [&](std::size_t field) {
        return std::uint64_t(f[field].data() - line.data()) + 1;
      };
      if (n != 3) {
        diags.add(errc::syntax, in.name(), line_no, 1, "3 tab-separated columns (id, name, kind)",
                  detail::format("{} column{}", n, n == 1 ? "" : "s"));
        if (diags.full()) return false;
        continue;
      }
      auto sep = f[0].find("::");
      if (sep == std::string_view::npos || sep == 0 || sep + 2 >= f[0].size() ||
          !plain_id(f[0].substr(sep + 2))) {
        diags.add(errc::bad_id, in.name(), line_no, 1, "a Hetionet id Kind::identifier (e.g. Compound::DB00704)",
                  quote_value(f[0]));
        continue;
      }
      if (f[0].substr(0, sep) != f[2]) {
        diags.add(errc::syntax, in.name(), line_no, col_of(2),
                  detail::format("the kind the id names ({})", quote_value(f[0].substr(0, sep))),
                  quote_value(f[2]));
        continue;
      }
      if (f[1].empty() || !clean_text(f[1])) {
        diags.add(f[1].empty() ? errc::missing_field : errc::encoding, in.name(), line_no, col_of(1),
                  "a name (UTF-8 text)", f[1].empty() ? "an empty field" : "invalid UTF-8 or a control character");
        continue;
      }
      if (!clean_text(f[2])) {
        diags.add(errc::encoding, in.name(), line_no, col_of(2), "a kind (UTF-8 text)", "invalid UTF-8 or a control character");
        continue;
      }
      auto ki = kind_index(f[2]);
      auto local = f[0].substr(sep + 2);
      if (ki == 0xFF ? extra_index.find(f[0]).has_value() : local_index[ki].find(local).has_value()) {
        diags.add(errc::duplicate_id, in.name(), line_no, 1, "each node once", detail::format("{} again", quote_value(f[0])));
        continue;
      }
      auto entity = add_node(ki, f[0], local, f[1], f[2], line_no);
      if (!entity) {
        if (diags.full()) return false;
        continue;
      }
      if (ki == 0xFF) extra_index.insert(f[0], *entity);
      else local_index[ki].insert(local, *entity);
    }
    return !in.failed();
  }

  static std::uint8_t kind_index(std::string_view kind) {
    for (std::uint8_t i = 0; i < kinds.size(); ++i)
      if (kinds[i].name == kind) return i;
    return 0xFF;
  }

  /// Adds the entity of a node (or finds the base's entity it merges into); its index among its kind.
  std::optional<std::uint32_t> add_node(std::uint8_t ki, std::string_view hid, std::string_view local,
                                        std::string_view name, std::string_view kind, std::uint64_t line_no) {
    auto where = source_region::at(nodes_path, {std::uint32_t(line_no), 1});
    if (ki == 0xFF) {  // a kind Hetionet v1.0 does not have: kept as a concept of that kind
      ++extra_kind_counts[std::string(kind)];
      concept_node c;
      c.id = id_for(kind, local);
      c.name = std::string(name);
      c.kind_label = std::string(kind);
      c.sources = {src};
      c.region = std::move(where);
      return add_entity(std::move(c), hid);
    }
    ++node_counts[ki];
    auto const& k = kinds[ki];
    std::vector<identifier> ids;
    if (!k.scheme.empty() && valid_identifier(k.scheme, local)) ids.push_back({std::string(k.scheme), std::string(local)});
    // a WikiPathways pathway (WP455_r81793: the pathway and its revision) is also WikiPathways' WP455
    if (k.name == "Pathway" && local.substr(0, 2) == "WP") {
      auto wp = local.substr(0, local.find('_'));
      if (valid_identifier("wikipathways", wp)) ids.push_back({"wikipathways", std::string(wp)});
    }
    if (opts.base && !ids.empty()) {
      if (auto it = base_xref.find({ids[0].scheme, ids[0].value}); it != base_xref.end()) {
        ++merged_counts[ki];
        return it->second.index();
      }
    }
    auto fill = [&](entity_base& e) {
      e.id = std::string(k.id_prefix) + std::string(local);
      e.name = std::string(name);
      e.ids = std::move(ids);
      e.sources = {src};
      e.region = std::move(where);
    };
    switch (k.kind) {
      case node_kind::drug: { drug d; fill(d); return add_entity(std::move(d), hid); }
      case node_kind::gene: { gene g; fill(g); g.symbol = g.name; return add_entity(std::move(g), hid); }
      case node_kind::condition: { condition c; fill(c); return add_entity(std::move(c), hid); }
      case node_kind::effect: { effect e; fill(e); return add_entity(std::move(e), hid); }
      default: { concept_node c; fill(c); c.kind_label = std::string(k.name); return add_entity(std::move(c), hid); }
    }
  }

  template <entity_type E>
  std::optional<std::uint32_t> add_entity(E e, std::string_view hid) {
    if (b.find_id(e.id)) {  // only possible on top of a base that has this id already
      diags.add(errc::duplicate_id, *nodes_path, 0, 0, "an id the base knowledge base does not have",
                detail::format("{} (from {})", quote_value(e.id), quote_value(hid)));
      return std::nullopt;
    }
    return b.add(std::move(e)).index();
  }

  /// After the node table: which genes already have a target (a base's target encoded by a merged gene).
  void prepare_targets() {
    target_of_gene.assign(b.entity_count(node_kind::gene), 0);
    for (std::size_t g = 0; g < base_target_of_gene.size() && g < target_of_gene.size(); ++g)
      target_of_gene[g] = base_target_of_gene[g];
  }

  /// The target encoded by gene `g`, made (with its encoded_by claim) the first time a compound binds the gene.
  target_id target_for(std::uint32_t g) {
    if (target_of_gene[g]) return target_id{target_of_gene[g] - 1};
    auto const& ge = b.get(gene_id{g});
    target t;
    std::string_view local = std::string_view(ge.id).substr(ge.id.find(':') + 1);
    t.id = "target:" + std::string(local);
    t.name = ge.name;
    t.gene_symbol = ge.symbol;
    t.sources = {src};
    t.region = ge.region;
    if (b.find_id(t.id)) t.id = "target:hetionet:" + std::string(local);
    auto id = b.add(std::move(t));
    b.add<rel::encoded_by>(id, gene_id{g}, ev_plain);
    ++targets_made;
    target_of_gene[g] = id.index() + 1;
    return id;
  }

  // ----- edges -----
  /// One edge line on its way through a batch.
  struct edge_line {
    std::string_view s, t;  ///< the parts after `Kind::`
    std::uint64_t hs = 0, ht = 0;
    std::uint32_t metaedge = 0;
    std::uint32_t target_column = 0;
    bool ok = false;
  };

  void report_kind(line_reader& in, std::uint64_t line, std::size_t column, std::string_view id,
                   metaedge_info const& me, std::uint8_t want) {
    diags.add(errc::syntax, in.name(), line, column,
              detail::format("a {} node ({} is {} - {} - {})", kinds[want].name, me.abbrev, kinds[me.source].name,
                          me.verb, kinds[me.target].name),
              quote_value(id));
  }

  /// The metaedge named `m` (the previous line's is tried first: edge lists are grouped by metaedge).
  std::optional<std::uint32_t> metaedge_of(std::string_view m) {
    if (m == metaedges[last_metaedge].abbrev) return last_metaedge;
    for (std::uint32_t i = 0; i < metaedges.size(); ++i)
      if (m == metaedges[i].abbrev) return last_metaedge = i;
    return std::nullopt;
  }
  std::uint32_t last_metaedge = 0;

  /// `id` without its `Kind::` prefix, if it has that of kind `ki`.
  static std::optional<std::string_view> strip_kind(std::string_view id, std::uint8_t ki) {
    auto kind = kinds[ki].name;
    if (id.size() <= kind.size() + 2) return std::nullopt;
    unsigned diff = 0;
    for (std::size_t i = 0; i < kind.size(); ++i) diff |= unsigned(id[i] ^ kind[i]);
    if (diff || id[kind.size()] != ':' || id[kind.size() + 1] != ':') return std::nullopt;
    return id.substr(kind.size() + 2);
  }

  /// Checks one line and fills `e` (hashes computed, table slots prefetched); reports what is wrong with it.
  /// `tab` holds the line's first two tabs, `tabs` how many it has.
  bool parse_edge(line_reader& in, std::string_view line, char const* const* tab, unsigned tabs,
                  std::uint64_t line_no, edge_line& e) {
    e.ok = false;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty()) return true;
    if (tabs != 2) {
      diags.add(errc::syntax, in.name(), line_no, 1, "3 tab-separated columns (source, metaedge, target)",
                detail::format("{} column{}", tabs + 1, tabs == 0 ? "" : "s"));
      return !diags.full();
    }
    auto t1 = std::size_t(tab[0] - line.data()), t2 = std::size_t(tab[1] - line.data());
    auto s = line.substr(0, t1), m = line.substr(t1 + 1, t2 - t1 - 1), t = line.substr(t2 + 1);
    auto mi = metaedge_of(m);
    if (!mi) {
      diags.add(errc::unknown_enum, in.name(), line_no, t1 + 2,
                detail::format("a Hetionet v1.0 metaedge ({})", metaedge_choices()), quote_value(m));
      return !diags.full();
    }
    auto const& me = metaedges[*mi];
    // the metaedge names the kinds of both ends: check each id's kind; the rest is looked up in that kind's table
    auto ls = strip_kind(s, me.source);
    if (!ls) {
      report_kind(in, line_no, 1, s, me, me.source);
      return !diags.full();
    }
    auto lt = strip_kind(t, me.target);
    if (!lt) {
      report_kind(in, line_no, t2 + 2, t, me, me.target);
      return !diags.full();
    }
    e.s = *ls;
    e.t = *lt;
    e.metaedge = *mi;
    e.target_column = std::uint32_t(t2 + 2);
    e.hs = string_table::hash_of(e.s);
    e.ht = string_table::hash_of(e.t);
    local_index[me.source].prefetch(e.hs);
    local_index[me.target].prefetch(e.ht);
    e.ok = true;
    return true;
  }

  bool read_edges(line_reader& in) {
    // lines are checked in batches: the hash-table slots of a batch's ids are prefetched while the next lines
    // are split, so the lookups do not wait for memory one after the other
    prepare_targets();
    constexpr std::size_t batch = 16, depth = 4;
    std::array<std::array<edge_line, batch>, depth> lines;
    std::array<std::array<std::uint64_t, batch>, depth> line_nos{};
    std::array<std::size_t, depth> count{};
    auto resolve = [&](std::size_t which) {
      for (std::size_t i = 0; i < count[which]; ++i) {
        auto const& e = lines[which][i];
        if (!e.ok) continue;
        auto const& me = metaedges[e.metaedge];
        auto sn = local_index[me.source].find(e.s, e.hs);
        auto tn = sn ? local_index[me.target].find(e.t, e.ht) : std::nullopt;
        if (!sn || !tn) {
          auto const& k = kinds[sn ? me.target : me.source];
          diags.add(errc::unknown_reference, in.name(), line_nos[which][i], sn ? e.target_column : 1,
                    "a node id declared in the node table",
                    quote_value(detail::format("{}::{}", k.name, sn ? e.t : e.s)));
          if (diags.full()) return false;
          continue;
        }
        if (!diags.diags.empty()) continue;  // keep checking, stop building
        add_edge(e.metaedge, *sn, *tn);
      }
      count[which] = 0;
      return true;
    };
    std::string_view chunk;
    while (in.next_chunk(chunk)) {
      if (!gate.tick("edges", &in)) return false;
      char const* p = chunk.data();
      char const* end = p + chunk.size();
      std::uint64_t line_no = in.line_number();
      // a pipeline: batches k+1 .. k+depth-1 are split (and their slots prefetched) before batch k is looked up
      std::size_t cur = 0;
      while (p < end) {
        std::size_t n = 0;
        for (; n < batch && p < end; ++n) {
          char const* tab[2];
          unsigned tabs = 0;
          char const* eol = scan_line(p, end, tab, 2, tabs);
          line_nos[cur][n] = ++line_no;
          if (!parse_edge(in, std::string_view(p, std::size_t(eol - p)), tab, tabs, line_no, lines[cur][n])) return false;
          p = eol < end ? eol + 1 : end;
        }
        count[cur] = n;
        cur = (cur + 1) % depth;
        if (!resolve(cur)) return false;  // the oldest batch (empty while the pipeline fills)
      }
      for (std::size_t k = 1; k < depth; ++k)
        if (!resolve((cur + k) % depth)) return false;
      in.advance(line_no - in.line_number());
    }
    return !in.failed();
  }

  void add_edge(std::uint32_t mi, std::uint32_t sn, std::uint32_t tn) {
    auto const& me = metaedges[mi];
    ++edge_counts[mi];
    switch (me.map) {
      case mapping::acts_on:
        b.add<rel::acts_on>(drug_id{sn}, target_for(tn), binds, ev_plain);
        break;
      case mapping::indicated_for:
        b.add<rel::indicated_for>(drug_id{sn}, condition_id{tn}, indication_payload,
                                  me.verb == "treats" ? ev_treats : ev_palliates);
        break;
      case mapping::produces:
        b.add<rel::produces>(drug_id{sn}, effect_id{tn}, ev_plain);
        break;
      case mapping::related:
        b.add<rel::related>(any_node(kinds[me.source].kind, sn), any_node(kinds[me.target].kind, tn), labels[mi], ev_plain);
        break;
    }
  }

  import_report report() const {
    import_report r;
    r.format = "hetionet";
    for (std::size_t i = 0; i < kinds.size(); ++i) {
      if (!node_counts[i]) continue;
      std::string what(to_string(kinds[i].kind));
      if (kinds[i].kind == node_kind::concept_node) what = detail::format("concept '{}'", kinds[i].name);
      if (merged_counts[i]) what += detail::format(" ({} merged into the base)", merged_counts[i]);
      r.nodes.push_back({std::string(kinds[i].name), what, node_counts[i]});
    }
    for (auto const& [k, c] : extra_kind_counts)
      r.nodes.push_back({k + " (not in v1.0)", detail::format("concept '{}'", k), c});
    for (std::size_t i = 0; i < metaedges.size(); ++i) {
      auto const& me = metaedges[i];
      if (!edge_counts[i]) continue;
      std::string what;
      switch (me.map) {
        case mapping::acts_on: what = "acts_on (drug -> target)"; break;
        case mapping::indicated_for: what = me.verb == "treats" ? "indicated_for" : "indicated_for (note: palliates)"; break;
        case mapping::produces: what = "produces (drug -> effect)"; break;
        case mapping::related: what = detail::format("related '{}'", me.verb); break;
      }
      r.edges.push_back({detail::format("{} ({} {} {})", me.abbrev, kinds[me.source].name, me.verb, kinds[me.target].name),
                         what, edge_counts[i]});
    }
    if (targets_made)
      r.notes.push_back(detail::format("{} targets made for genes that compounds bind, each encoded_by its gene", targets_made));
    r.notes.push_back(detail::format("every claim cites {} (Hetionet v1.0, doi:10.7554/eLife.26726)", hetionet_source_id));
    return r;
  }
};

/// Which of the two files this is, from its header line.
enum class file_role : std::uint8_t { nodes, edges, unknown };

}  // namespace detail::hetionet

PHARMAKON_FUNC std::optional<std::string> hetionet_pharmakon_id(std::string_view hid) {
  auto sep = hid.find("::");
  if (sep == std::string_view::npos || sep == 0 || sep + 2 >= hid.size()) return std::nullopt;
  return detail::hetionet::id_for(hid.substr(0, sep), hid.substr(sep + 2));
}

PHARMAKON_FUNC import_result try_import_hetionet(std::span<std::filesystem::path const> files,
                                                 import_options const& opts) {
  using namespace detail::hetionet;
  importer imp(opts);
  if (files.size() != 2)
    return imp.fail_arguments("two files: the node table and the edge list",
                              detail::format("{} file{}", files.size(), files.size() == 1 ? "" : "s"));
  imp.prepare_base();
  imp.add_source();
  // the node table first (edges refer to it), whichever order the files were given in
  std::array<std::unique_ptr<line_reader>, 2> readers;
  std::array<file_role, 2> roles{file_role::unknown, file_role::unknown};
  std::array<std::string_view, 2> headers;
  for (std::size_t i = 0; i < 2; ++i) {
    readers[i] = imp.open(files[i]);
    if (readers[i]->failed() || !readers[i]->next(headers[i])) {
      imp.no_header(*readers[i], "a header line");
      return imp.fail();
    }
    if (headers[i] == "id\tname\tkind") roles[i] = file_role::nodes;
    else if (headers[i] == "source\tmetaedge\ttarget") roles[i] = file_role::edges;
    else {
      imp.diags.add(errc::syntax, readers[i]->name(), 1, 1,
                    "a Hetionet header: 'id<TAB>name<TAB>kind' (nodes) or 'source<TAB>metaedge<TAB>target' (edges)",
                    quote_value(headers[i]));
      return imp.fail();
    }
    imp.files.push_back(readers[i]->name());
  }
  if (roles[0] == roles[1]) {
    imp.diags.add(errc::io, readers[1]->name(), 1, 1,
                  roles[0] == file_role::nodes ? "an edge list" : "a node table", "a second one");
    return imp.fail();
  }
  std::size_t ni = roles[0] == file_role::nodes ? 0 : 1;
  // the edge file's reader inflates ahead while the node table is read; its queue is bounded (4 MiB), so it
  // simply waits
  bool ok = imp.read_nodes(*readers[ni]);
  readers[ni]->close();
  if (!ok || !imp.ok()) return imp.fail();
  imp.b.reserve_claims(std::size_t(readers[1 - ni]->bytes_total() / 4));
  ok = imp.read_edges(*readers[1 - ni]);
  readers[1 - ni]->close();
  if (!ok || !imp.ok()) return imp.fail();
  // the version a file name gives ("hetionet-v1.0-nodes.tsv"), else 1.0: the only release there is, and the one
  // whose node kinds and metaedges the files were just checked against
  std::string version;
  for (auto const& r : readers)
    if (version.empty()) version = release_in_path(r->name(), hetionet_release);
  return imp.finish({{}, {}, "hetionet", version.empty() ? "1.0" : version}, [&] { return imp.report(); });
}

PHARMAKON_FUNC std::string hetionet_release(std::string_view name) {
  static std::regex const release("(?:^|[-._ ])v([0-9]+\\.[0-9]+)", std::regex::icase);
  return detail::import::release_match(name, release, "$1");
}

}  // namespace pharmakon
