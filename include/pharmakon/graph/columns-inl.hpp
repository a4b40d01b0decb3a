// Out-of-line definitions of columns.hpp (graph layer). Included once by src/pharmakon.cpp, or by the header in a
// header-only build.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "columns-inl.hpp holds the out-of-line definitions of columns.hpp: include columns.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <type_traits>

#include <fmt/format.h>

#include "columns.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::pair<std::uint32_t, std::uint32_t> entity_range(knowledge_base const& kb, node_kind k) noexcept {
  auto const& st = detail::state_of(kb);
  return {st.kind_base[std::size_t(k)], st.kind_base[std::size_t(k) + 1]};
}

PHARMAKON_FUNC std::vector<std::string> related_labels(knowledge_base const& kb) {
  std::vector<std::string> out;
  for (auto const& l : detail::state_of(kb).labels) out.push_back(l.label);
  return out;
}

namespace detail::columns {
template <class R>
constexpr std::optional<node_kind> from_kind_of() noexcept {
  if constexpr (std::is_void_v<typename R::from>) return std::nullopt;
  else return node_kind_of<typename R::from>::value;
}
/// The kind every subject of relation `r` has (its claims leave only those vertices), or nullopt for any kind.
constexpr std::optional<node_kind> subject_kind(relation_kind r) noexcept {
  switch (r) {
#define PHARMAKON_FROM(NAME) \
  case relation_kind::NAME: return from_kind_of<rel::NAME>();
    PHARMAKON_FROM(acts_on) PHARMAKON_FROM(encoded_by) PHARMAKON_FROM(variant_of) PHARMAKON_FROM(produces)
    PHARMAKON_FROM(blocks) PHARMAKON_FROM(reduces) PHARMAKON_FROM(mediated_by) PHARMAKON_FROM(indicated_for)
    PHARMAKON_FROM(dosed_as) PHARMAKON_FROM(regimen_for) PHARMAKON_FROM(carries) PHARMAKON_FROM(concerns)
    PHARMAKON_FROM(modulates_response) PHARMAKON_FROM(member_of) PHARMAKON_FROM(substrate_of)
    PHARMAKON_FROM(inhibits) PHARMAKON_FROM(induces) PHARMAKON_FROM(has_metabolite)
    PHARMAKON_FROM(interacts_with) PHARMAKON_FROM(related)
#undef PHARMAKON_FROM
  }
  return std::nullopt;
}
}  // namespace detail::columns

PHARMAKON_FUNC std::vector<std::uint32_t> related_label_codes(knowledge_base const& kb) {
  auto const& st = detail::state_of(kb);
  std::vector<std::uint32_t> out(st.claim_count(), 0xFFFFFFFFu);
  for (std::uint32_t c = 0; c < st.claim_count(); ++c)
    if (st.claim_kind(c) == relation_kind::related) out[c] = st.claim_payload[c];
  return out;
}

PHARMAKON_FUNC relation_adjacency relation_adjacency_of(knowledge_base const& kb, relation_kind r,
                                                        adjacency_options const& opts) {
  auto const& st = detail::state_of(kb);
  auto const& fw = st.graph.m_forward;
  auto const* kinds = fw.m_edge_properties.data();
  auto const* rowstart = fw.m_rowstart.data();
  auto const* column = fw.m_column.data();
  auto const* flags = st.claim_flags.data();

  // the label, as the index of its interned payload (every related claim with that label shares it)
  std::optional<std::uint32_t> label;
  if (opts.label) {
    if (r != relation_kind::related)
      throw usage_error(errc::unknown_enum, detail::format("label: only related claims carry an original kind (label), "
                                                        "not {} claims", to_string(r)));
    for (std::uint32_t i = 0; i < st.labels.size(); ++i)
      if (st.labels[i].label == *opts.label) label = i;
    if (!label) {
      std::string known;
      for (auto const& l : st.labels) known += (known.empty() ? "" : " | ") + l.label;
      throw usage_error(errc::unknown_enum,
                        detail::format("label: expected an original kind of this knowledge base's related claims ({}), "
                                    "found '{}'", known.empty() ? "it has none" : known, *opts.label));
    }
  }
  relation_adjacency out;
  auto const n = st.vertex_count();
  out.entities = n;
  out.offsets.assign(std::size_t(n) + 1, 0);
  std::uint8_t const negated_mask = opts.negated ? 0 : std::uint8_t(detail::flag_negated);
  if (label) {
    // the claims of the label from the precomputed index (ascending, so in subject order): rows by a merge walk
    // along the CSR's row starts, objects gathered; nothing else of the graph is read
    auto cs = st.related_by_label.of(*label);
    out.owned_objects.reserve(cs.size());
    out.owned_claims.reserve(cs.size());
    std::uint32_t v = 0;
    for (auto c : cs) {
      if (flags[c] & negated_mask) continue;
      while (rowstart[v + 1] <= c) ++v;
      ++out.offsets[v + 1];
      out.owned_objects.push_back(column[c]);
      out.owned_claims.push_back(c);
    }
    for (std::uint32_t u = 0; u < n; ++u) out.offsets[u + 1] += out.offsets[u];
    return out;
  }
  // branch-free, so that the count over a slice vectorises
  auto keep = [=](std::uint32_t c) -> bool { return (flags[c] & negated_mask) == 0; };
  auto count_kept = [=](std::uint32_t a, std::uint32_t b) {
    std::uint32_t k = 0;
    for (auto c = a; c < b; ++c) k += std::uint32_t((flags[c] & negated_mask) == 0);
    return k;
  };

  // each vertex's claims are sorted by relation kind: binary-search the slice of r
  auto slice = [&](std::uint32_t v) {
    auto first = std::partition_point(kinds + rowstart[v], kinds + rowstart[v + 1],
                                      [r](edge_bundle const& e) { return e.kind < r; });
    auto last = std::partition_point(first, kinds + rowstart[v + 1], [r](edge_bundle const& e) { return e.kind <= r; });
    return std::pair{std::uint32_t(first - kinds), std::uint32_t(last - kinds)};
  };
  // pass 1: counts per row, and whether every kept claim is one contiguous run of the CSR
  bool contiguous = true;
  std::uint32_t run_first = 0, run_end = 0;
  bool any = false;
  // only the vertices of the relation's subject kind can hold its claims (drugs for acts_on, ...)
  std::uint32_t lo = 0, hi = n;
  if (auto k = detail::columns::subject_kind(r)) {
    lo = st.kind_base[std::size_t(*k)];
    hi = st.kind_base[std::size_t(*k) + 1];
  }
  for (std::uint32_t v = 0; v < n; ++v) {
    if (v < lo || v >= hi) {
      out.offsets[v + 1] = out.offsets[v];
      continue;
    }
    auto [a, b] = slice(v);
    std::uint32_t count = a == b ? 0 : count_kept(a, b);
    out.offsets[v + 1] = out.offsets[v] + count;
    if (a == b) continue;
    if (count != b - a) contiguous = false;
    if (!any) {
      run_first = a;
      any = true;
    } else if (a != run_end) {
      contiguous = false;
    }
    run_end = b;
  }
  if (!any) contiguous = true;  // nothing: an empty view
  if (contiguous) {
    out.shares_storage = true;
    out.first_claim = run_first;
    out.shared_objects = std::span<std::uint32_t const>(column + run_first, any ? run_end - run_first : 0);
    return out;
  }
  // pass 2: gather
  out.owned_objects.reserve(out.offsets[n]);
  out.owned_claims.reserve(out.offsets[n]);
  for (std::uint32_t v = 0; v < n; ++v) {
    if (out.offsets[v + 1] == out.offsets[v]) continue;
    auto [a, b] = slice(v);
    for (auto c = a; c < b; ++c)
      if (keep(c)) {
        out.owned_objects.push_back(column[c]);
        out.owned_claims.push_back(c);
      }
  }
  return out;
}

}  // namespace pharmakon
