#pragma once
/// \file storage.hpp
/// Internal: the immutable state a `knowledge_base` shares among its copies: entity tables, the CSR graph, the
/// claim columns beside it, and the lookup indexes. Written by the builder and the snapshot reader, read by the
/// public classes of knowledge_base.hpp (and, through `detail::state_of`, by the snapshot writer and exporters).
/// Not a public API: its layout changes without notice.

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <type_traits>
#include <vector>

#include "../../config.hpp"
#include "../../model/entities.hpp"
#include "../../model/ids.hpp"
#include "../../model/relations.hpp"
#include "../graph_type.hpp"
#include "hash.hpp"
#include "huge_pages.hpp"
#include "label_index.hpp"

namespace pharmakon::detail {

enum claim_flag : std::uint8_t { flag_negated = 1, flag_hypothesis = 2, flag_unverified = 4 };
inline constexpr unsigned tier_shift = 4;  ///< bits 4-5 of a claim's flags hold its evidence tier

/// The evidence of one or many claims: their sources, the curator's note and where they were declared.
/// A claim read from a file has its own; every claim of an import shares one (one source list, not millions).
struct evidence_record {
  std::uint32_t src_begin = 0;  ///< into claim_sources
  std::uint32_t src_count = 0;
  std::uint32_t note = 0;       ///< into notes (0 = none)
  std::uint32_t region = 0;     ///< into regions (0 = unknown)
};

using entity_tables = std::tuple<std::vector<drug>, std::vector<target>, std::vector<gene>, std::vector<variant>,
                                 std::vector<effect>, std::vector<condition>, std::vector<regimen>,
                                 std::vector<warning>, std::vector<drug_class>, std::vector<concept_node>>;

/// The payload tables of the relations whose payloads are described records (model/describe.hpp): each table
/// is walked generically by the content hash, the snapshot and the KGX columns.
using described_payload_tables = std::tuple<std::vector<indication>, std::vector<pgx_effect>, std::vector<clearance>,
                                            std::vector<modulation>, std::vector<metabolite_formation>,
                                            std::vector<stated_interaction>>;

/// Calls `f(table)` with the described payload table of relation kind `k` (false if `k` has none of them).
template <class Tables, class F>
bool with_described_table(relation_kind k, Tables& t, F&& f) {
  switch (k) {
    case relation_kind::indicated_for: f(std::get<std::vector<indication>>(t)); return true;
    case relation_kind::modulates_response: f(std::get<std::vector<pgx_effect>>(t)); return true;
    case relation_kind::substrate_of: f(std::get<std::vector<clearance>>(t)); return true;
    case relation_kind::inhibits:
    case relation_kind::induces: f(std::get<std::vector<modulation>>(t)); return true;
    case relation_kind::has_metabolite: f(std::get<std::vector<metabolite_formation>>(t)); return true;
    case relation_kind::interacts_with: f(std::get<std::vector<stated_interaction>>(t)); return true;
    default: return false;
  }
}

/// An open-addressing table of uint32 values (vertices, sources) keyed by a string the caller can recompute from
/// the value (an entity's id, a source's id): it stores only `value + 1` per slot, so it is a plain array.
struct string_index {
  std::vector<std::uint32_t> slots;  ///< power-of-two size; 0 = empty

  template <class KeyOf>
  void build(std::uint32_t count, KeyOf key_of) {
    std::size_t size = 16;
    while (size < std::size_t(count) * 2) size <<= 1;
    slots.assign(size, 0);
    for (std::uint32_t v = 0; v < count; ++v) {
      std::size_t i = hash_str(key_of(v)) & (size - 1);
      while (slots[i] != 0) i = (i + 1) & (size - 1);
      slots[i] = v + 1;
    }
  }
  template <class KeyOf>
  std::optional<std::uint32_t> find(std::string_view key, KeyOf key_of) const noexcept {
    if (slots.empty()) return std::nullopt;
    std::size_t mask = slots.size() - 1, i = hash_str(key) & mask;
    for (; slots[i] != 0; i = (i + 1) & mask)
      if (key_of(slots[i] - 1) == key) return slots[i] - 1;
    return std::nullopt;
  }
};

/// One entry of the name index: the hash of a folded name (or synonym, identifier, gene symbol) and a vertex.
/// Entries are sorted by hash, entries of one hash in the order they were indexed; lookups verify the name.
struct name_entry {
  std::uint64_t hash = 0;
  std::uint32_t vertex = 0;
  std::uint32_t reserved = 0;
};

struct kb_state {
  std::string name;
  std::string version;
  std::string content_hash;  ///< 16 hex digits
  entity_tables entities;
  std::array<std::uint32_t, node_kind_count + 1> kind_base{};  ///< vertex range of each kind
  std::vector<source> sources;
  // Claims are columns indexed by claim = forward edge index of `graph` (its target is the edge's target, its
  // relation kind the edge bundle); a claim's source vertex is the CSR row that holds it.
  std::vector<std::uint32_t> claim_payload;   ///< into the relation kind's payload table
  std::vector<std::uint32_t> claim_evidence;  ///< into evidence
  std::vector<std::uint8_t> claim_flags;      ///< claim_flag bits, and the tier at tier_shift
  std::vector<evidence_record> evidence;
  std::vector<source_id> claim_sources;
  std::vector<std::string> notes{std::string()};
  std::vector<source_region> regions{source_region{}};
  std::vector<action> actions;
  described_payload_tables payloads;  ///< indications, pgx effects, clearances, modulations, ...
  std::vector<related_label> labels;
  graph_type graph;  ///< forward edges sorted by (source, relation kind, target); backward by (kind, source)
  string_index id_index;      ///< string id -> vertex
  string_index source_index;  ///< source id -> source
  std::vector<name_entry> name_index;
  label_index related_by_label;  ///< the related claims of each label (label_index.hpp); built, not stored
  void index_labels() {
    related_by_label.build(graph.m_forward.m_edge_properties.data(), claim_payload.data(), claim_count(),
                           std::uint32_t(labels.size()));
  }

  template <entity_type E>
  std::vector<E> const& table() const noexcept { return std::get<std::vector<E>>(entities); }
  std::uint32_t vertex_count() const noexcept { return kind_base[node_kind_count]; }
  std::uint32_t vertex_of(any_node n) const noexcept { return kind_base[std::size_t(n.kind())] + n.index(); }
  any_node node_of(std::uint32_t v) const noexcept {
    auto const& b = graph.m_vertex_properties[v];
    return any_node{b.kind, b.index};
  }
  PHARMAKON_API entity_base const& base_of(any_node n) const noexcept;
  entity_base const& base_of_vertex(std::uint32_t v) const noexcept { return base_of(node_of(v)); }

  std::uint32_t claim_count() const noexcept { return std::uint32_t(claim_payload.size()); }
  relation_kind claim_kind(std::uint32_t c) const noexcept { return graph.m_forward.m_edge_properties[c].kind; }
  std::uint32_t claim_to(std::uint32_t c) const noexcept { return graph.m_forward.m_column[c]; }
  /// The source vertex of claim c: the CSR row holding it (binary search; ranges pass it along instead).
  std::uint32_t claim_from(std::uint32_t c) const noexcept {
    auto const& rs = graph.m_forward.m_rowstart;
    return std::uint32_t(std::upper_bound(rs.begin(), rs.end(), c) - rs.begin() - 1);
  }
  evidence_record const& evidence_of(std::uint32_t c) const noexcept { return evidence[claim_evidence[c]]; }
  /// The vertices whose name, synonym, identifier or gene symbol folds to `key` (already folded).
  PHARMAKON_API std::vector<std::uint32_t> vertices_named(std::string_view folded_key) const;
};

/// The folded key of a name (as `text::fold_key`), without allocating for ASCII input; `out` is reused.
PHARMAKON_API PHARMAKON_FUNC void fold_key_into(std::string_view s, std::string& out);

template <class P>
struct payload_access;
template <> struct payload_access<action> {
  static std::vector<action> const& get(kb_state const& s) { return s.actions; }
};
template <class P>
  requires requires(described_payload_tables const& t) { std::get<std::vector<P>>(t); }
struct payload_access<P> {
  static std::vector<P> const& get(kb_state const& s) { return std::get<std::vector<P>>(s.payloads); }
};
template <> struct payload_access<related_label> {
  static std::vector<related_label> const& get(kb_state const& s) { return s.labels; }
};

template <class P>
struct payload_ref {
  using type = P const&;
};
template <>
struct payload_ref<void> {
  using type = void;
};

template <class Id>
Id make_endpoint(kb_state const& s, std::uint32_t vertex) {
  if constexpr (std::is_same_v<Id, any_node>) return s.node_of(vertex);
  else return Id{s.graph.m_vertex_properties[vertex].index};
}

}  // namespace pharmakon::detail

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "storage-inl.hpp"
#endif
