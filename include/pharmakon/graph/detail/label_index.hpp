#pragma once
/// \file label_index.hpp
/// Internal: the related claims grouped by their original kind (`related_label`, e.g. Hetionet's metaedge verb
/// "associates"), so that `relation_adjacency_of(kb, related, {.label = ...})` reads only the claims of that label
/// instead of the label of every related claim. Built once, by the builder when it freezes a knowledge base and by
/// the snapshot reader after it has checked the claim columns (one counting pass over the claims, ~5 ms for the
/// 2.25 M claims of the full Hetionet); not stored in snapshots, so it can never disagree with the claims. Not a
/// public API.

#include <cstdint>
#include <span>
#include <vector>

#include "../graph_type.hpp"

namespace pharmakon::detail {

struct label_index {
  /// labels + 1 entries: the claims of label l are claims[first[l], first[l + 1]).
  std::vector<std::uint32_t> first;
  /// Every related claim, grouped by label, ascending within a label (so in subject order, as the CSR has them).
  std::vector<std::uint32_t> claims;

  std::span<std::uint32_t const> of(std::uint32_t label) const noexcept {
    if (std::size_t(label) + 1 >= first.size()) return {};
    return {claims.data() + first[label], first[label + 1] - first[label]};
  }

  /// Fills the index from `n` claims: `kinds[c]` their relation kinds, `payload[c]` their payload (the label index
  /// for related claims, all below `labels`).
  void build(edge_bundle const* kinds, std::uint32_t const* payload, std::uint32_t n, std::uint32_t labels) {
    constexpr auto related = relation_kind::related;
    first.assign(std::size_t(labels) + 1, 0);
    for (std::uint32_t c = 0; c < n; ++c)
      if (kinds[c].kind == related) ++first[payload[c] + 1];
    for (std::uint32_t l = 0; l < labels; ++l) first[l + 1] += first[l];
    claims.resize(first[labels]);
    std::vector<std::uint32_t> cursor(first.begin(), first.end() - 1);
    for (std::uint32_t c = 0; c < n; ++c)
      if (kinds[c].kind == related) claims[cursor[payload[c]]++] = c;
  }
};

}  // namespace pharmakon::detail
