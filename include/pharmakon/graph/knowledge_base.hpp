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
#include <cstring>
#include <iterator>
#include <memory>
#include <optional>
#include <ranges>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
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

/// A fast, portable 64-bit string hash (8 bytes per step), stable across runs and platforms of one byte order,
/// so hash tables built from it can be stored in a snapshot. Not for adversarial input.
inline std::uint64_t hash_bytes(char const* p, std::size_t n, std::uint64_t seed = 0) noexcept {
  constexpr std::uint64_t m1 = 0x9E3779B97F4A7C15ull, m2 = 0xBF58476D1CE4E5B9ull, m3 = 0x94D049BB133111EBull;
  auto load8 = [](char const* q) {
    std::uint64_t w;
    std::memcpy(&w, q, 8);
    return w;
  };
  auto load4 = [](char const* q) {
    std::uint32_t w;
    std::memcpy(&w, q, 4);
    return std::uint64_t(w);
  };
  std::uint64_t h = seed ^ (std::uint64_t(n) * m1);
  std::uint64_t w;
  if (n >= 8) {
    std::size_t i = 0;
    for (; i + 8 < n; i += 8) {
      h = (h ^ load8(p + i)) * m2;
      h ^= h >> 29;
    }
    w = load8(p + n - 8);  // the last 8 bytes (overlapping the previous word when n is not a multiple of 8)
  } else if (n >= 4) {
    w = load4(p) | (load4(p + n - 4) << 32);
  } else if (n > 0) {
    w = std::uint64_t(static_cast<unsigned char>(p[0])) | (std::uint64_t(static_cast<unsigned char>(p[n / 2])) << 8) |
        (std::uint64_t(static_cast<unsigned char>(p[n - 1])) << 16);
  } else {
    w = 0;
  }
  h = (h ^ w) * m3;
  h ^= h >> 32;
  h *= m2;
  h ^= h >> 29;
  return h;
}
inline std::uint64_t hash_str(std::string_view s) noexcept { return hash_bytes(s.data(), s.size()); }

/// Asks the kernel to back [p, p + n) with huge pages when it is touched (Linux, THP in "madvise" mode): a
/// million-claim array then costs a few dozen page faults instead of thousands. Only whole 2 MiB pages inside the
/// range are advised; elsewhere, or where it is not supported, this does nothing.
PHARMAKON_FUNC void advise_huge_pages(void const* p, std::size_t n) noexcept;

/// `v.assign(first, last)` into fresh memory advised for huge pages.
template <class T>
void assign_huge(std::vector<T>& v, T const* first, T const* last) {
  std::vector<T>().swap(v);
  v.reserve(std::size_t(last - first));
  advise_huge_pages(v.data(), std::size_t(last - first) * sizeof(T));
  v.assign(first, last);
}
/// `v.resize(n)` into fresh memory advised for huge pages (for a vector that is empty).
template <class T>
void resize_huge(std::vector<T>& v, std::size_t n) {
  if (!v.empty() || n * sizeof(T) < (std::size_t(4) << 20)) {
    v.resize(n);
    return;
  }
  v.reserve(n);
  advise_huge_pages(v.data(), n * sizeof(T));
  v.resize(n);
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

  template <entity_type E>
  std::vector<E> const& table() const noexcept { return std::get<std::vector<E>>(entities); }
  std::uint32_t vertex_count() const noexcept { return kind_base[node_kind_count]; }
  std::uint32_t vertex_of(any_node n) const noexcept { return kind_base[std::size_t(n.kind())] + n.index(); }
  any_node node_of(std::uint32_t v) const noexcept {
    auto const& b = graph.m_vertex_properties[v];
    return any_node{b.kind, b.index};
  }
  entity_base const& base_of(any_node n) const noexcept;
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
  std::vector<std::uint32_t> vertices_named(std::string_view folded_key) const;
};

/// The folded key of a name (as `text::fold_key`), without allocating for ASCII input; `out` is reused.
PHARMAKON_FUNC void fold_key_into(std::string_view s, std::string& out);

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

}  // namespace detail

/// Read-only view of one claim of any relation kind.
class claim_view {
 public:
  claim_view(detail::kb_state const* s, std::uint32_t c) noexcept : s_(s), c_(c), from_(s->claim_from(c)) {}
  claim_view(detail::kb_state const* s, std::uint32_t c, std::uint32_t from_vertex) noexcept
      : s_(s), c_(c), from_(from_vertex) {}
  claim_id id() const noexcept { return claim_id{c_}; }
  relation_kind kind() const noexcept { return s_->claim_kind(c_); }
  any_node from() const noexcept { return s_->node_of(from_); }
  any_node to() const noexcept { return s_->node_of(s_->claim_to(c_)); }
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
  from_id_t<R> from() const noexcept { return detail::make_endpoint<from_id_t<R>>(*s_, from_); }
  to_id_t<R> to() const noexcept { return detail::make_endpoint<to_id_t<R>>(*s_, s_->claim_to(c_)); }
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
    if (id.index() >= s_->claim_count()) throw usage_error(errc::invalid_graph, "claim handle out of range");
    return id.index();
  }
  std::span<conflict const> conflicts_() const noexcept { return *conflicts_store_; }

  std::shared_ptr<detail::kb_state const> s_;
  std::shared_ptr<std::vector<conflict> const> conflicts_store_;
};

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "knowledge_base-inl.hpp"
#  include "builder.hpp"  // knowledge_base's default constructor is defined in builder-inl.hpp
#endif
