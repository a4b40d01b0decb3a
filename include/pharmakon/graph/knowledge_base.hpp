#pragma once
/// \file knowledge_base.hpp
/// The frozen knowledge graph. Immutable after `builder::build()`; copies share one immutable state, so any
/// number of threads may query one `knowledge_base` at once without locks.
///
/// Storage: a Boost.Graph `compressed_sparse_row_graph` (bidirectional). Vertices are grouped by node kind
/// (all drugs, then all targets, ...); each vertex's out-edges are sorted by (relation kind, target) and its
/// in-edges by (relation kind, source), so a typed 1-hop query in either direction is a contiguous slice of the
/// CSR arrays, found by binary search. A claim is a forward edge: its index is the edge index, and its payload,
/// evidence and flags are columns beside the graph (about 22 bytes per claim in all, graph included). Claims
/// that share their evidence (every edge of an import cites the dataset) share one source list.

#include <algorithm>
#include <array>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../config.hpp"
#include "../error.hpp"
#include "../model/entities.hpp"
#include "../model/ids.hpp"
#include "../model/relations.hpp"
#include "../model/review.hpp"
#include "detail/storage.hpp"  // kb_state: the storage, internal
#include "graph_type.hpp"

namespace pharmakon {

class knowledge_base;

namespace detail {
/// The storage behind a knowledge base, for the library's own layers that need more than the public API (the
/// builder extending a knowledge base, the snapshot writer, the exporters). Not a public API.
inline kb_state const& state_of(knowledge_base const& kb) noexcept;
}  // namespace detail

/// Read-only view of one claim of any relation kind.
class claim_view {
 public:
  claim_view(detail::kb_state const* s, std::uint32_t c) noexcept : s_(s), c_(c), from_(s->claim_from(c)) {}
  claim_view(detail::kb_state const* s, std::uint32_t c, std::uint32_t from_vertex) noexcept
      : s_(s), c_(c), from_(from_vertex) {}
  claim_id id() const noexcept { return claim_id{c_}; }
  relation_kind kind() const noexcept { return s_->claim_kind(c_); }
  /// Where the claim starts: its subject, as Python, JSON and KGX (Biolink) name it.
  any_node subject() const noexcept { return s_->node_of(from_); }
  /// Where it leads: its object.
  any_node object() const noexcept { return s_->node_of(s_->claim_to(c_)); }
  [[deprecated("a claim's ends are subject() and object()")]] any_node from() const noexcept { return subject(); }
  [[deprecated("a claim's ends are subject() and object()")]] any_node to() const noexcept { return object(); }
  std::span<source_id const> sources() const noexcept {
    auto const& ev = s_->evidence_of(c_);
    return {s_->claim_sources.data() + ev.src_begin, ev.src_count};
  }
  evidence_tier tier() const noexcept { return evidence_tier((flags() >> detail::tier_shift) & 3u); }
  bool negated() const noexcept { return flags() & detail::flag_negated; }
  bool hypothesis() const noexcept { return flags() & detail::flag_hypothesis; }
  bool unverified() const noexcept { return flags() & detail::flag_unverified; }
  std::string_view note() const noexcept { return s_->notes[s_->evidence_of(c_).note]; }
  source_region const& region() const noexcept { return s_->regions[s_->evidence_of(c_).region]; }

 protected:
  std::uint8_t flags() const noexcept { return s_->claim_flags[c_]; }
  std::uint32_t payload_index() const noexcept { return s_->claim_payload[c_]; }
  detail::kb_state const* s_;
  std::uint32_t c_;
  std::uint32_t from_;  ///< source vertex
};

/// A claim of relation R: typed endpoints and payload.
template <relation R>
class edge : public claim_view {
 public:
  using claim_view::claim_view;
  from_id_t<R> subject() const noexcept { return detail::make_endpoint<from_id_t<R>>(*s_, from_); }
  to_id_t<R> object() const noexcept { return detail::make_endpoint<to_id_t<R>>(*s_, s_->claim_to(c_)); }
  [[deprecated("a claim's ends are subject() and object()")]] from_id_t<R> from() const noexcept { return subject(); }
  [[deprecated("a claim's ends are subject() and object()")]] to_id_t<R> to() const noexcept { return object(); }
  /// The relation's payload (an `action` for acts_on, ...). Only for relations that have one.
  typename detail::payload_ref<typename R::payload>::type payload() const noexcept
    requires(!std::is_void_v<typename R::payload>)
  {
    return detail::payload_access<typename R::payload>::get(*s_)[payload_index()];
  }
};

/// A forward range of the claims of relation R in one slice of the graph.
/// Claims are stored in forward-CSR edge order, so a claim's index is its forward edge index.
template <relation R>
class edge_range : public std::ranges::view_interface<edge_range<R>> {
 public:
  enum class mode : std::uint8_t {
    exact,    ///< [begin, end) are claim indices, all of kind R, all from one vertex
    filtered, ///< [begin, end) are claim indices; skip other kinds
    backward  ///< [begin, end) are positions in the backward CSR, all of kind R
  };
  class iterator {
   public:
    using value_type = edge<R>;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(edge_range const* r, std::uint32_t pos) : r_(r), pos_(pos) {
      if (r_ && r_->mode_ == mode::filtered) {
        row_ = pos_ < r_->end_ ? r_->s_->claim_from(pos_) : 0;
        skip();
      }
    }
    edge<R> operator*() const {
      auto const& g = r_->s_->graph;
      switch (r_->mode_) {
        case mode::exact: return edge<R>(r_->s_, pos_, r_->vertex_);
        case mode::backward:
          return edge<R>(r_->s_, g.m_backward.m_edge_properties[pos_], g.m_backward.m_column[pos_]);
        case mode::filtered: break;
      }
      return edge<R>(r_->s_, pos_, row_);
    }
    iterator& operator++() {
      ++pos_;
      if (r_->mode_ == mode::filtered) skip();
      return *this;
    }
    iterator operator++(int) {
      auto t = *this;
      ++*this;
      return t;
    }
    friend bool operator==(iterator const& a, iterator const& b) { return a.pos_ == b.pos_; }

   private:
    void skip() {
      auto const& g = r_->s_->graph;
      auto const* kinds = g.m_forward.m_edge_properties.data();
      while (pos_ < r_->end_ && kinds[pos_].kind != R::kind) ++pos_;
      if (pos_ < r_->end_)
        while (g.m_forward.m_rowstart[row_ + 1] <= pos_) ++row_;
    }
    edge_range const* r_ = nullptr;
    std::uint32_t pos_ = 0;
    std::uint32_t row_ = 0;
  };

  edge_range() = default;
  edge_range(detail::kb_state const* s, std::uint32_t begin, std::uint32_t end, mode m, std::uint32_t vertex = 0)
      : s_(s), begin_(begin), end_(end), vertex_(vertex), mode_(m) {}
  iterator begin() const { return iterator(this, begin_); }
  iterator end() const { return iterator(this, end_); }
  /// Number of claims (linear for the range of every claim of R).
  std::size_t count() const {
    if (mode_ != mode::filtered) return end_ - begin_;
    return std::size_t(std::ranges::distance(*this));
  }
  bool empty() const { return begin() == end(); }

 private:
  detail::kb_state const* s_ = nullptr;
  std::uint32_t begin_ = 0, end_ = 0;
  std::uint32_t vertex_ = 0;  ///< the source vertex of an exact range
  mode mode_ = mode::exact;
};

/// Two claims that cannot both hold.
struct conflict {
  enum class reason : std::uint8_t {
    negation,           ///< one claim states the relation, the other that it does not hold
    incompatible_action ///< two acts_on claims with actions that exclude each other (agonist vs antagonist)
  };
  reason why;
  claim_id first;
  claim_id second;
};

/// Counts of what a knowledge base holds.
struct kb_stats {
  std::array<std::size_t, node_kind_count> nodes{};
  std::array<std::size_t, relation_kind_count> claims{};
  std::size_t sources = 0;
};

/// Review records and claim dates attached to a knowledge base (docs/kb-format.md#reviews): keyed by the handles
/// of the knowledge base they were read against. They are not pharmacology: the content hash leaves them out.
struct review_layer {
  std::unordered_map<std::uint32_t, review_record> claims;    ///< claim index -> its newest review
  std::unordered_map<std::uint32_t, review_record> entities;  ///< vertex -> its newest review
  std::unordered_map<std::uint32_t, review_record> sources;   ///< source index -> its newest review
  std::unordered_map<std::uint32_t, std::string> updated;     ///< claim index -> the date it last changed
  bool empty() const noexcept { return claims.empty() && entities.empty() && sources.empty() && updated.empty(); }
};

/// The frozen knowledge base.
class PHARMAKON_API knowledge_base {
 public:
  /// An empty knowledge base.
  knowledge_base();

  std::string const& name() const noexcept { return s_->name; }
  std::string const& version() const noexcept { return s_->version; }
  /// A hash of the whole content (entities, claims, sources): two knowledge bases with the same hash answer alike.
  std::string const& content_hash() const noexcept { return s_->content_hash; }

  // ----- entities -----
  /// All entities of kind E, indexed by `node_id<E>::index()`.
  template <entity_type E>
  std::span<E const> all() const noexcept { return s_->table<E>(); }
  template <entity_type E>
  E const& get(node_id<E> id) const { return s_->table<E>().at(id.index()); }
  template <entity_type E>
  E const& operator[](node_id<E> id) const { return get(id); }
  /// Fields common to every entity, for a handle of any kind.
  entity_base const& base(any_node n) const { return s_->base_of(n); }
  /// Handles of all entities of kind E (`ids` are an entity's external identifiers, `entity_base::ids`).
  template <entity_type E>
  auto handles() const noexcept {
    return std::views::iota(std::uint32_t{0}, std::uint32_t(s_->table<E>().size())) |
           std::views::transform([](std::uint32_t i) { return node_id<E>{i}; });
  }
  /// The old name of `handles<E>()`.
  template <entity_type E>
  [[deprecated("use handles<E>(): ids are an entity's identifiers")]] auto ids() const noexcept {
    return handles<E>();
  }

  // ----- lookups -----
  /// By string id ("drug:naltrexone"), then by name, synonym or identifier ("ReVia", "CHEMBL19019",
  /// "chembl:CHEMBL19019"), case-insensitively (Unicode simple case folding for Latin, Greek, Cyrillic).
  template <entity_type E>
  std::optional<node_id<E>> find(std::string_view name) const {
    for (any_node n : find_all(name))
      if (auto id = n.as<E>()) return id;
    return std::nullopt;
  }
  /// Like `find`, but throws `lookup_error` naming the closest known names.
  template <entity_type E>
  node_id<E> at(std::string_view name) const {
    if (auto id = find<E>(name)) return *id;
    throw_unknown(name, node_kind_of<E>::value);
  }
  /// Every entity (of any kind) the name, id or identifier denotes.
  std::vector<any_node> find_all(std::string_view name) const;
  /// Up to `max` known names of kind `k` closest to `name` (edit distance on folded names).
  std::vector<std::string> suggest(std::string_view name, node_kind k, std::size_t max = 3) const;

  // ----- sources and claims -----
  std::span<source const> sources() const noexcept { return s_->sources; }
  source const& get(source_id id) const { return s_->sources.at(id.index()); }
  /// The source record, shared: the pointer keeps this knowledge base's state alive (no copy of the record).
  std::shared_ptr<source const> share(source_id id) const {
    return std::shared_ptr<source const>(s_, &s_->sources.at(id.index()));
  }
  std::optional<source_id> find_source(std::string_view id) const;
  std::size_t claim_count() const noexcept { return s_->claim_count(); }
  claim_view claim(claim_id id) const { return claim_view(s_.get(), checked_claim(id)); }
  /// The claim as relation R (nullopt if it is of another relation).
  template <relation R>
  std::optional<edge<R>> claim_as(claim_id id) const {
    auto c = checked_claim(id);
    if (s_->claim_kind(c) != R::kind) return std::nullopt;
    return edge<R>(s_.get(), c);
  }

  // ----- typed queries -----
  /// Claims of R that leave `from`; e.g. `out<rel::acts_on>(naltrexone)` are its targets with actions.
  template <relation R>
  edge_range<R> out(from_id_t<R> from) const {
    auto v = s_->vertex_of(any_node(from));
    auto const& fw = s_->graph.m_forward;
    auto const* kinds = fw.m_edge_properties.data();
    // a vertex's out-edges (= its claims) are sorted by relation kind: binary-search the slice of R
    auto first = std::partition_point(kinds + fw.m_rowstart[v], kinds + fw.m_rowstart[v + 1],
                                      [](edge_bundle const& e) { return e.kind < R::kind; });
    auto last = std::partition_point(first, kinds + fw.m_rowstart[v + 1],
                                     [](edge_bundle const& e) { return e.kind <= R::kind; });
    return edge_range<R>(s_.get(), std::uint32_t(first - kinds), std::uint32_t(last - kinds),
                         edge_range<R>::mode::exact, v);
  }
  /// Claims of R that arrive at `to`; e.g. `in<rel::acts_on>(mor)` are the drugs acting on the mu receptor.
  template <relation R>
  edge_range<R> in(to_id_t<R> to) const {
    auto v = s_->vertex_of(any_node(to));
    auto const& bw = s_->graph.m_backward;
    auto const* kinds = s_->graph.m_forward.m_edge_properties.data();
    auto const* claims = bw.m_edge_properties.data();
    // a vertex's in-edges are sorted by relation kind too
    auto first = std::partition_point(claims + bw.m_rowstart[v], claims + bw.m_rowstart[v + 1],
                                      [kinds](std::uint32_t c) { return kinds[c].kind < R::kind; });
    auto last = std::partition_point(first, claims + bw.m_rowstart[v + 1],
                                     [kinds](std::uint32_t c) { return kinds[c].kind <= R::kind; });
    return edge_range<R>(s_.get(), std::uint32_t(first - claims), std::uint32_t(last - claims),
                         edge_range<R>::mode::backward);
  }
  /// Every claim of R.
  template <relation R>
  edge_range<R> claims() const {
    return edge_range<R>(s_.get(), 0, s_->claim_count(), edge_range<R>::mode::filtered);
  }
  /// Pairs of claims that contradict each other, found when the knowledge base was built.
  std::span<conflict const> conflicts() const noexcept { return conflicts_(); }
  /// Conflicts that involve a claim from or to `n`.
  std::vector<conflict> conflicts_of(any_node n) const;

  // ----- review records and dates (review_layer) -----
  /// The newest review of a claim, an entity or a source; nullptr when none was recorded.
  review_record const* review_of(claim_id c) const noexcept { return find_in(reviews_ ? &reviews_->claims : nullptr, c.index()); }
  review_record const* review_of(any_node n) const noexcept {
    return find_in(reviews_ ? &reviews_->entities : nullptr, s_->vertex_of(n));
  }
  review_record const* review_of(source_id s) const noexcept { return find_in(reviews_ ? &reviews_->sources : nullptr, s.index()); }
  /// The date (YYYY-MM-DD) the claim was last changed, empty when not recorded.
  std::string_view updated(claim_id c) const noexcept {
    if (!reviews_) return {};
    auto it = reviews_->updated.find(c.index());
    return it == reviews_->updated.end() ? std::string_view() : std::string_view(it->second);
  }
  /// The review layer, nullptr when there is none.
  review_layer const* reviews() const noexcept { return reviews_.get(); }
  /// This knowledge base (sharing its state) with `layer` as its review layer, in place of any it had. The layer's
  /// handles must be this knowledge base's (io/reviews reads and checks one).
  knowledge_base with_reviews(review_layer layer) const {
    knowledge_base out = *this;
    out.reviews_ = layer.empty() ? nullptr : std::make_shared<review_layer const>(std::move(layer));
    return out;
  }

  // ----- Boost.Graph access -----
  /// The underlying graph, for BGL algorithms. Vertex bundles give kind and index; edge bundles kind and claim.
  graph_type const& graph() const noexcept { return s_->graph; }
  vertex_type vertex(any_node n) const noexcept { return s_->vertex_of(n); }
  any_node node(vertex_type v) const noexcept { return s_->node_of(v); }

  kb_stats stats() const;

  /// Whether this and `other` are one knowledge base: copies of one another, sharing one immutable state (two
  /// knowledge bases built alike are not the same; compare `content_hash()` for equal content).
  bool same_as(knowledge_base const& other) const noexcept { return s_ == other.s_; }
  /// A value that identifies this knowledge base among those alive: equal for copies (`same_as`), different
  /// otherwise. Only for identity (caches, handle checks); it points at nothing public.
  void const* identity() const noexcept { return s_.get(); }

  /// For the builder and the snapshot reader, which make the state (internal; see detail/storage.hpp).
  explicit knowledge_base(std::shared_ptr<detail::kb_state const> s, std::vector<conflict> conflicts)
      : s_(std::move(s)), conflicts_store_(std::make_shared<std::vector<conflict> const>(std::move(conflicts))) {}

 private:
  friend detail::kb_state const& detail::state_of(knowledge_base const& kb) noexcept;
  [[noreturn]] void throw_unknown(std::string_view name, node_kind k) const;
  std::uint32_t checked_claim(claim_id id) const {
    if (id.index() >= s_->claim_count()) throw usage_error(errc::invalid_graph, "claim handle out of range");
    return id.index();
  }
  std::span<conflict const> conflicts_() const noexcept { return *conflicts_store_; }
  static review_record const* find_in(std::unordered_map<std::uint32_t, review_record> const* m, std::uint32_t k) noexcept {
    if (!m) return nullptr;
    auto it = m->find(k);
    return it == m->end() ? nullptr : &it->second;
  }

  std::shared_ptr<detail::kb_state const> s_;
  std::shared_ptr<std::vector<conflict> const> conflicts_store_;
  std::shared_ptr<review_layer const> reviews_;  ///< null: no review records or dates
};

inline detail::kb_state const& detail::state_of(knowledge_base const& kb) noexcept { return *kb.s_; }

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "knowledge_base-inl.hpp"
#  include "builder.hpp"  // knowledge_base's default constructor is defined in builder-inl.hpp
#endif
