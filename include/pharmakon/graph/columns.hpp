#pragma once
/// \file columns.hpp
/// Whole-graph access as columns: the claims of one relation as a CSR adjacency over entity indices (the graph's
/// vertex indices: all drugs, then all targets, ... as `knowledge_base::vertex()` numbers them), for sparse
/// linear algebra (scipy.sparse from Python) and column-wise analysis.
///
///     auto a = pharmakon::relation_adjacency(kb, relation_kind::related, "associates");
///     for (auto v = 0u; v + 1 < a.offsets.size(); ++v)
///       for (auto i = a.offsets[v]; i < a.offsets[v + 1]; ++i) use(v, a.objects()[i], a.claim(i));
///
/// Where the relation's claims are one contiguous run of the graph's own CSR (they are when every entity that
/// has claims of the relation has no others between them), `objects()` views the knowledge base's memory and
/// nothing is copied; otherwise the objects are gathered into the result. Either way the result stays valid as
/// long as the knowledge base it came from (or a copy of it) is alive. With a label, only the claims of that label
/// are read: the knowledge base keeps the related claims grouped by label (built once, when it is built or loaded),
/// so Hetionet's 12,623 "associates" claims cost microseconds, not a pass over its 2.1 M related claims.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "../config.hpp"
#include "knowledge_base.hpp"

namespace pharmakon {

/// What `relation_adjacency` selects.
struct adjacency_options {
  /// Only related claims whose original kind (the `related_label`, e.g. Hetionet's "associates") is this one.
  std::optional<std::string> label;
  /// Include negated claims (the sources say the relation does not hold); left out by default.
  bool negated = false;
};

/// The claims of one relation as CSR: row v (an entity index) holds the objects of the claims v is the subject of.
struct relation_adjacency {
  std::uint32_t entities = 0;           ///< rows and columns: the knowledge base's entity (vertex) count
  std::vector<std::uint32_t> offsets;   ///< entities + 1: row v is [offsets[v], offsets[v + 1])
  /// The objects (entity indices) of the claims, row by row; a view of the knowledge base when `shares_storage`.
  std::span<std::uint32_t const> objects() const noexcept {
    return shares_storage ? shared_objects : std::span<std::uint32_t const>(owned_objects);
  }
  /// The claim index (`claim_id`) of the i-th entry.
  std::uint32_t claim(std::size_t i) const noexcept {
    return shares_storage ? first_claim + std::uint32_t(i) : owned_claims[i];
  }
  std::size_t size() const noexcept { return shares_storage ? shared_objects.size() : owned_objects.size(); }

  /// True when `objects()` views the knowledge base's own CSR column (claims first_claim, first_claim + 1, ...).
  bool shares_storage = false;
  std::uint32_t first_claim = 0;
  std::span<std::uint32_t const> shared_objects;
  std::vector<std::uint32_t> owned_objects;
  std::vector<std::uint32_t> owned_claims;
};

/// The claims of relation `r` in `kb` as CSR over entity indices (rows: subjects, columns: objects). Throws
/// `usage_error` for a label on a relation other than `related`, or a label no related claim of `kb` carries
/// (the message lists those it has).
PHARMAKON_API relation_adjacency relation_adjacency_of(knowledge_base const& kb, relation_kind r,
                                                        adjacency_options const& opts = {});

/// The graph's whole forward CSR, every claim: `out_offsets` has vertex_count + 1 entries; claim c's object is
/// `claim_objects(kb)[c]` and its relation kind `claim_kinds(kb)[c]`. Views of `kb`'s memory (no copy).
inline std::span<std::uint32_t const> claim_offsets(knowledge_base const& kb) noexcept {
  auto const& v = kb.graph().m_forward.m_rowstart;
  return {v.data(), v.size()};
}
inline std::span<std::uint32_t const> claim_objects(knowledge_base const& kb) noexcept {
  auto const& v = kb.graph().m_forward.m_column;
  return {v.data(), kb.claim_count()};
}
/// Each entity's kind, by entity index (strided: a `vertex_bundle` per entity holds kind and index).
inline std::span<vertex_bundle const> entity_bundles(knowledge_base const& kb) noexcept {
  auto const& v = kb.graph().m_vertex_properties;
  return {v.data(), v.size()};
}
/// The entity indices [first, last) of kind `k` (entities are grouped by kind).
PHARMAKON_API std::pair<std::uint32_t, std::uint32_t> entity_range(knowledge_base const& kb, node_kind k) noexcept;
/// The original kinds (labels) the related claims of `kb` carry, each once, in the order they were first added.
PHARMAKON_API std::vector<std::string> related_labels(knowledge_base const& kb);
/// For every claim, the index of its label in `related_labels(kb)`, or 0xFFFFFFFF for claims of other relations.
PHARMAKON_API std::vector<std::uint32_t> related_label_codes(knowledge_base const& kb);

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "columns-inl.hpp"
#endif
