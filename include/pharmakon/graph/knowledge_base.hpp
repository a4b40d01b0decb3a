#pragma once
/// \file knowledge_base.hpp
/// The frozen knowledge graph. Immutable after `builder::build()`; copies share one immutable state, so any
/// number of threads may query one `knowledge_base` at once without locks.
///
/// Storage: a Boost.Graph `compressed_sparse_row_graph` (bidirectional). Vertices are grouped by node kind
/// (all drugs, then all targets, ...), and each vertex's out-edges are sorted by relation kind, so a typed
/// 1-hop query is a contiguous slice of the CSR arrays. Entity payloads, claims and sources live in plain
/// arrays beside the graph and are reached through the bundled properties.

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
#include <tuple>
#include <unordered_map>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>

#include "../config.hpp"
#include "../error.hpp"
#include "../model/entities.hpp"
#include "../model/ids.hpp"
#include "../model/relations.hpp"

namespace pharmakon {

/// Bundled vertex property: the node's kind and its index among the nodes of that kind.
struct vertex_bundle {
  node_kind kind = node_kind::concept_node;
  std::uint32_t index = 0;
};
/// Bundled edge property: the relation kind. The edge's index (`get(boost::edge_index, g, e)`, or `e.idx`) is
/// the index of the claim it stands for (`knowledge_base::claim(claim_id{idx})`), so the bundle stays one byte.
struct edge_bundle {
  relation_kind kind = relation_kind::related;
};

/// The Boost graph type behind a knowledge base; BGL algorithms run on it (and on `filtered_graph` views).
using graph_type = boost::compressed_sparse_row_graph<boost::bidirectionalS, vertex_bundle, edge_bundle,
                                                      boost::no_property, std::uint32_t, std::uint32_t>;
using vertex_type = graph_type::vertex_descriptor;

namespace detail {

enum claim_flag : std::uint8_t { flag_negated = 1, flag_hypothesis = 2, flag_unverified = 4 };
inline constexpr unsigned tier_shift = 4;  ///< bits 4-5 of `flags` hold the claim's evidence tier

/// One claim, 28 bytes. Strings and regions live in side tables (index 0 = none).
struct claim_record {
  std::uint32_t from = 0;     ///< vertex
  std::uint32_t to = 0;       ///< vertex
  std::uint32_t payload = 0;  ///< index into the relation kind's payload table
  std::uint32_t src_begin = 0;
  std::uint32_t note = 0;     ///< index into notes
  std::uint32_t region = 0;   ///< index into regions
  std::uint16_t src_count = 0;
  relation_kind kind = relation_kind::related;
  std::uint8_t flags = 0;  ///< claim_flag bits, and the tier at tier_shift
};
static_assert(sizeof(claim_record) == 28);

using entity_tables = std::tuple<std::vector<drug>, std::vector<target>, std::vector<gene>, std::vector<variant>,
                                 std::vector<effect>, std::vector<condition>, std::vector<regimen>,
                                 std::vector<warning>, std::vector<concept_node>>;

struct kb_state {
  std::string name;
  std::string version;
  std::string content_hash;  ///< 16 hex digits (FNV-1a 64 over the canonical content)
  entity_tables entities;
  std::array<std::uint32_t, node_kind_count + 1> kind_base{};  ///< vertex range of each kind
  std::vector<source> sources;
  std::vector<claim_record> claims;
  std::vector<source_id> claim_sources;
  std::vector<std::string> notes{std::string()};
  std::vector<source_region> regions{source_region{}};
  std::vector<action> actions;
  std::vector<indication> indications;
  std::vector<pgx_effect> pgx;
  std::vector<related_label> labels;
  graph_type graph;
  std::unordered_map<std::string, std::uint32_t> id_index;              ///< string id -> vertex
  std::unordered_map<std::string, std::uint32_t> source_index;          ///< source id -> source
  std::unordered_map<std::string, std::vector<std::uint32_t>> name_index;  ///< folded name/synonym/xref -> vertices

  template <entity_type E>
  std::vector<E> const& table() const noexcept { return std::get<std::vector<E>>(entities); }
  std::uint32_t vertex_of(any_node n) const noexcept { return kind_base[std::size_t(n.kind())] + n.index(); }
  any_node node_of(std::uint32_t v) const noexcept {
    auto const& b = graph[v];
    return any_node{b.kind, b.index};
  }
  entity_base const& base_of(any_node n) const noexcept;
};

template <class P>
struct payload_access;
template <> struct payload_access<action> {
  static std::vector<action> const& get(kb_state const& s) { return s.actions; }
};
template <> struct payload_access<indication> {
  static std::vector<indication> const& get(kb_state const& s) { return s.indications; }
};
template <> struct payload_access<pgx_effect> {
  static std::vector<pgx_effect> const& get(kb_state const& s) { return s.pgx; }
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
  else return Id{s.graph[vertex].index};
}

}  // namespace detail

/// Read-only view of one claim of any relation kind.
class claim_view {
 public:
  claim_view(detail::kb_state const* s, std::uint32_t c) noexcept : s_(s), c_(c) {}
  claim_id id() const noexcept { return claim_id{c_}; }
  relation_kind kind() const noexcept { return rec().kind; }
  any_node from() const noexcept { return s_->node_of(rec().from); }
  any_node to() const noexcept { return s_->node_of(rec().to); }
  std::span<source_id const> sources() const noexcept {
    return {s_->claim_sources.data() + rec().src_begin, rec().src_count};
  }
  evidence_tier tier() const noexcept { return evidence_tier((rec().flags >> detail::tier_shift) & 3u); }
  bool negated() const noexcept { return rec().flags & detail::flag_negated; }
  bool hypothesis() const noexcept { return rec().flags & detail::flag_hypothesis; }
  bool unverified() const noexcept { return rec().flags & detail::flag_unverified; }
  std::string_view note() const noexcept { return s_->notes[rec().note]; }
  source_region const& region() const noexcept { return s_->regions[rec().region]; }

 protected:
  detail::claim_record const& rec() const noexcept { return s_->claims[c_]; }
  detail::kb_state const* s_;
  std::uint32_t c_;
};

/// A claim of relation R: typed endpoints and payload.
template <relation R>
class edge : public claim_view {
 public:
  using claim_view::claim_view;
  from_id_t<R> from() const noexcept { return detail::make_endpoint<from_id_t<R>>(*s_, rec().from); }
  to_id_t<R> to() const noexcept { return detail::make_endpoint<to_id_t<R>>(*s_, rec().to); }
  /// The relation's payload (an `action` for acts_on, ...). Only for relations that have one.
  typename detail::payload_ref<typename R::payload>::type payload() const noexcept
    requires(!std::is_void_v<typename R::payload>)
  {
    return detail::payload_access<typename R::payload>::get(*s_)[rec().payload];
  }
};

/// A forward range of the claims of relation R in one slice of the graph.
/// Claims are stored in forward-CSR edge order, so a claim's index is its forward edge index.
template <relation R>
class edge_range : public std::ranges::view_interface<edge_range<R>> {
 public:
  enum class mode : std::uint8_t {
    exact,    ///< [begin, end) are claim indices, all of kind R
    filtered, ///< [begin, end) are claim indices; skip other kinds
    backward  ///< [begin, end) are positions in the backward CSR; skip other kinds
  };
  class iterator {
   public:
    using value_type = edge<R>;
    using difference_type = std::ptrdiff_t;
    iterator() = default;
    iterator(edge_range const* r, std::uint32_t pos) : r_(r), pos_(pos) { skip(); }
    edge<R> operator*() const { return edge<R>(r_->s_, r_->claim_at(pos_)); }
    iterator& operator++() {
      ++pos_;
      skip();
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
      if (r_ && r_->mode_ != mode::exact)
        while (pos_ < r_->end_ && r_->s_->claims[r_->claim_at(pos_)].kind != R::kind) ++pos_;
    }
    edge_range const* r_ = nullptr;
    std::uint32_t pos_ = 0;
  };

  edge_range() = default;
  edge_range(detail::kb_state const* s, std::uint32_t begin, std::uint32_t end, mode m)
      : s_(s), begin_(begin), end_(end), mode_(m) {}
  iterator begin() const { return iterator(this, begin_); }
  iterator end() const { return iterator(this, end_); }
  /// Number of claims (linear for filtered ranges).
  std::size_t count() const {
    if (mode_ == mode::exact) return end_ - begin_;
    return std::size_t(std::ranges::distance(*this));
  }

 private:
  std::uint32_t claim_at(std::uint32_t pos) const {
    if (mode_ != mode::backward) return pos;
    return std::uint32_t((*graph_type::in_edge_iterator(s_->graph, pos)).idx);
  }
  detail::kb_state const* s_ = nullptr;
  std::uint32_t begin_ = 0, end_ = 0;
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

/// The frozen knowledge base.
class knowledge_base {
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
  /// Handles of all entities of kind E.
  template <entity_type E>
  auto ids() const noexcept {
    return std::views::iota(std::uint32_t{0}, std::uint32_t(s_->table<E>().size())) |
           std::views::transform([](std::uint32_t i) { return node_id<E>{i}; });
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
  std::optional<source_id> find_source(std::string_view id) const;
  std::size_t claim_count() const noexcept { return s_->claims.size(); }
  claim_view claim(claim_id id) const { return claim_view(s_.get(), checked_claim(id)); }
  /// The claim as relation R (asserts that it is one).
  template <relation R>
  std::optional<edge<R>> claim_as(claim_id id) const {
    auto c = checked_claim(id);
    if (s_->claims[c].kind != R::kind) return std::nullopt;
    return edge<R>(s_.get(), c);
  }

  // ----- typed queries -----
  /// Claims of R that leave `from`; e.g. `out<rel::acts_on>(naltrexone)` are its targets with actions.
  template <relation R>
  edge_range<R> out(from_id_t<R> from) const {
    auto v = s_->vertex_of(any_node(from));
    auto const& rowstart = s_->graph.m_forward.m_rowstart;
    auto const& claims = s_->claims;
    // a vertex's out-edges (= its claims) are sorted by relation kind: binary-search the slice of R
    auto first = std::partition_point(claims.begin() + rowstart[v], claims.begin() + rowstart[v + 1],
                                      [](detail::claim_record const& c) { return c.kind < R::kind; });
    auto last = std::partition_point(first, claims.begin() + rowstart[v + 1],
                                     [](detail::claim_record const& c) { return c.kind <= R::kind; });
    return edge_range<R>(s_.get(), std::uint32_t(first - claims.begin()), std::uint32_t(last - claims.begin()),
                         edge_range<R>::mode::exact);
  }
  /// Claims of R that arrive at `to`; e.g. `in<rel::acts_on>(mor)` are the drugs acting on the mu receptor.
  template <relation R>
  edge_range<R> in(to_id_t<R> to) const {
    auto v = s_->vertex_of(any_node(to));
    auto const& rowstart = s_->graph.m_backward.m_rowstart;
    return edge_range<R>(s_.get(), rowstart[v], rowstart[v + 1], edge_range<R>::mode::backward);
  }
  /// Every claim of R.
  template <relation R>
  edge_range<R> claims() const {
    return edge_range<R>(s_.get(), 0, std::uint32_t(s_->claims.size()), edge_range<R>::mode::filtered);
  }
  /// Pairs of claims that contradict each other, found when the knowledge base was built.
  std::span<conflict const> conflicts() const noexcept { return conflicts_(); }
  /// Conflicts that involve a claim from or to `n`.
  std::vector<conflict> conflicts_of(any_node n) const;

  // ----- Boost.Graph access -----
  /// The underlying graph, for BGL algorithms. Vertex bundles give kind and index; edge bundles kind and claim.
  graph_type const& graph() const noexcept { return s_->graph; }
  vertex_type vertex(any_node n) const noexcept { return s_->vertex_of(n); }
  any_node node(vertex_type v) const noexcept { return s_->node_of(v); }

  kb_stats stats() const;

  /// Internal state, for the library's own layers (io, answers). Not a stable API.
  detail::kb_state const& state() const noexcept { return *s_; }
  explicit knowledge_base(std::shared_ptr<detail::kb_state const> s, std::vector<conflict> conflicts)
      : s_(std::move(s)), conflicts_store_(std::make_shared<std::vector<conflict> const>(std::move(conflicts))) {}

 private:
  [[noreturn]] void throw_unknown(std::string_view name, node_kind k) const;
  std::uint32_t checked_claim(claim_id id) const {
    if (id.index() >= s_->claims.size()) throw usage_error(errc::invalid_graph, "claim handle out of range");
    return id.index();
  }
  std::span<conflict const> conflicts_() const noexcept { return *conflicts_store_; }

  std::shared_ptr<detail::kb_state const> s_;
  std::shared_ptr<std::vector<conflict> const> conflicts_store_;
};

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "../impl/knowledge_base.inl"
#endif
