// Out-of-line definitions of builder (graph layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "builder-inl.hpp holds the out-of-line definitions of builder.hpp: include builder.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cassert>
#include <cstring>
#include <future>
#include <numeric>

#include "builder.hpp"
#include "../model/entity_fields.hpp"
#include "../model/text.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

// Defined here, not in knowledge_base-inl.hpp, because it needs the builder.
PHARMAKON_FUNC knowledge_base::knowledge_base() {
  // the empty knowledge base is what an empty builder makes (so it has a content hash like any other); built once
  static knowledge_base const empty = builder{}.build();
  *this = empty;
}

namespace detail {

/// FNV-1a, 64 bit: the content hash. Fields are length-prefixed so that ("ab","c") != ("a","bc").
struct fnv1a {
  std::uint64_t h = 0xcbf29ce484222325ull;
  void bytes(void const* p, std::size_t n) {
    auto const* b = static_cast<unsigned char const*>(p);
    for (std::size_t i = 0; i < n; ++i) h = (h ^ b[i]) * 0x100000001b3ull;
  }
  void u64(std::uint64_t v) { bytes(&v, sizeof v); }
  void f64(double v) { bytes(&v, sizeof v); }
  void str(std::string_view s) {
    u64(s.size());
    bytes(s.data(), s.size());
  }
  void opt(std::optional<double> v) {
    u64(v.has_value());
    if (v) f64(*v);
  }
  void qty(quantity const& q) {
    f64(q.value());
    u64(std::uint64_t(q.unit_of()));
  }
};

/// Hashes a field value by its type, in the bytes of the hash written before the field tables: a list of strings,
/// ids or identifiers with its length first, a list of enums or records without; an optional quantity with a
/// presence word, an optional enum as 0 or 1 + its value, an optional count as its value or 0; an optional record
/// (hashed only in a group, so only when set) as its fields.
struct field_hasher {
  fnv1a& h;
  void operator()(std::string const& v) { h.str(v); }
  void operator()(bool v) { h.u64(v); }
  void operator()(int v) { h.u64(std::uint64_t(v)); }
  template <named_enum E>
  void operator()(E v) { h.u64(std::uint64_t(v)); }
  void operator()(quantity const& q) { h.qty(q); }
  void operator()(std::optional<quantity> const& q) {
    h.u64(q.has_value());
    if (q) h.qty(*q);
  }
  template <named_enum E>
  void operator()(std::optional<E> const& v) { h.u64(v ? 1 + std::uint64_t(*v) : 0); }
  void operator()(std::optional<int> const& v) { h.u64(std::uint64_t(v.value_or(0))); }
  template <has_record_fields R>
  void operator()(std::optional<R> const& r) {
    if (r) (*this)(*r);
  }
  template <has_record_fields R>
  void operator()(R const& r);
  void operator()(std::vector<std::string> const& v) {
    h.u64(v.size());
    for (auto const& s : v) h.str(s);
  }
  void operator()(std::vector<source_id> const& v) {
    h.u64(v.size());
    for (auto s : v) h.u64(s.index());
  }
  void operator()(std::vector<identifier> const& v) {
    h.u64(v.size());
    for (auto const& i : v) { h.str(i.scheme); h.str(i.value); }
  }
  template <class T>
    requires named_enum<T> || has_record_fields<T>
  void operator()(std::vector<T> const& v) {
    for (auto const& x : v) (*this)(x);
  }
};

/// Hashes the fields of `r` as its table says (model/entity_fields.hpp): the `always` fields in order, then each
/// group of `when_set` fields that has one set, its name first.
template <has_record_fields R>
void hash_fields(fnv1a& h, R const& r) {
  using table = record_fields<R>;
  constexpr std::size_t n = std::tuple_size_v<std::remove_const_t<decltype(table::fields)>>;
  // f(field) for each field, the field a constant (so its rule picks the code at compile time)
  auto each = [](auto&& f) {
    [&]<std::size_t... I>(std::index_sequence<I...>) { (f(std::integral_constant<std::size_t, I>{}), ...); }(
        std::make_index_sequence<n>{});
  };
  field_hasher x{h};
  std::array<std::string_view, n> set{};  // the groups with a field set
  std::size_t n_set = 0;
  auto is_set = [&](std::string_view g) { return std::find(set.begin(), set.begin() + n_set, g) != set.begin() + n_set; };
  each([&](auto i) {
    constexpr auto f = std::get<decltype(i)::value>(table::fields);
    auto const& v = r.*(f.member);
    if constexpr (f.hash == hashed::always) {
      x(v);
    } else if constexpr (f.hash == hashed::by_scheme) {
      for (auto scheme : source_schemes) h.str(identifier_in(v, scheme).value_or(std::string_view()));
    } else if constexpr (f.hash == hashed::when_set) {
      static R const unset{};
      if (!(v == unset.*(f.member)) && !is_set(f.group)) set[n_set++] = f.group;
    }
  });
  if (n_set == 0) return;
  std::optional<std::string_view> open;  // the group whose fields are being hashed
  each([&](auto i) {
    constexpr auto f = std::get<decltype(i)::value>(table::fields);
    if constexpr (f.hash == hashed::when_set || f.hash == hashed::with_group) {
      if (!is_set(f.group)) return open.reset();
      if (open != f.group && !f.group.empty()) h.str(f.group);
      open = f.group;
      x(r.*(f.member));
    } else {
      open.reset();
    }
  });
}
template <has_record_fields R>
void field_hasher::operator()(R const& r) {
  hash_fields(h, r);
}

inline void hash_entity(fnv1a& h, std::derived_from<entity_base> auto const& e) {
  hash_fields(h, static_cast<entity_base const&>(e));
  hash_fields(h, e);
}
inline void hash_source(fnv1a& h, source const& s) {
  h.str(s.id);
  hash_fields(h, s);
}
inline void hash_action(fnv1a& h, action const& a) {
  h.u64(std::uint64_t(a.type)); h.u64(std::uint64_t(a.modality));
  h.u64(a.reversible ? 1 + *a.reversible : 0); h.u64(a.surmountable ? 1 + *a.surmountable : 0);
  h.opt(a.efficacy);
  for (auto const& af : a.affinities) {
    h.u64(std::uint64_t(af.measure)); h.opt(af.value); h.opt(af.low); h.opt(af.high);
    h.u64(af.conc_unit ? 1 + std::uint64_t(*af.conc_unit) : 0); h.str(af.species);
    for (auto s : af.sources) h.u64(s.index());
  }
}

/// Actions that cannot both hold for one drug at one target.
constexpr bool incompatible(action_type a, action_type b) noexcept {
  return (is_agonist(a) && is_antagonist(b)) || (is_antagonist(a) && is_agonist(b));
}

/// Sorts [b, e) stably by bits [lo, hi) of each key, 11 bits per pass (least significant digit first).
inline void radix_sort_bits(std::uint64_t* b, std::uint64_t* e, unsigned lo, unsigned hi, std::vector<std::uint64_t>& tmp) {
  constexpr unsigned digit = 11;
  auto n = std::size_t(e - b);
  tmp.resize(n);
  std::uint64_t* src = b;
  std::uint64_t* dst = tmp.data();
  std::array<std::uint32_t, (1u << digit) + 1> count;
  for (unsigned shift = lo; shift < hi; shift += digit) {
    auto width = std::min(digit, hi - shift);
    std::uint64_t mask = (std::uint64_t(1) << width) - 1;
    std::fill(count.begin(), count.begin() + (std::size_t(1) << width) + 1, 0);
    for (std::size_t i = 0; i < n; ++i) ++count[((src[i] >> shift) & mask) + 1];
    if (count[((src[0] >> shift) & mask) + 1] == n) continue;  // one digit value: nothing to move
    for (std::size_t d = 0; d < (std::size_t(1) << width); ++d) count[d + 1] += count[d];
    for (std::size_t i = 0; i < n; ++i) dst[count[(src[i] >> shift) & mask]++] = src[i];
    std::swap(src, dst);
  }
  if (src != b) std::copy(src, src + n, b);
}

/// Mixes 64-bit words into a hash, one multiply per word; used for the claim columns, which are too many for
/// byte-wise FNV-1a (a few ms for millions of claims instead of a few hundred).
inline std::uint64_t mix_word(std::uint64_t h, std::uint64_t w) noexcept {
  h = (h ^ w) * 0xBF58476D1CE4E5B9ull;
  return h ^ (h >> 29);
}

}  // namespace detail

PHARMAKON_FUNC builder::builder(knowledge_base const& base) {
  auto const& s = detail::state_of(base);
  name_ = s.name;
  version_ = s.version;
  entities_ = s.entities;
  ids_.reserve(s.vertex_count());
  for (std::uint32_t v = 0; v < s.vertex_count(); ++v) ids_.emplace(s.base_of_vertex(v).id, s.node_of(v));
  sources_ = s.sources;
  for (std::uint32_t i = 0; i < sources_.size(); ++i) source_ids_.emplace(sources_[i].id, i);
  claim_sources_ = s.claim_sources;
  notes_ = s.notes;
  regions_ = s.regions;
  actions_ = s.actions;
  payloads_ = s.payloads;
  labels_ = s.labels;
  for (std::uint32_t i = 0; i < labels_.size(); ++i) label_index_.emplace(labels_[i].label, i);
  evidence_ = s.evidence;
  evidence_flags_.assign(evidence_.size(), 0);
  claims_.reserve(s.claim_count());
  auto const& fw = s.graph.m_forward;
  for (std::uint32_t v = 0; v < s.vertex_count(); ++v) {
    auto from = s.node_of(v);
    for (auto c = fw.m_rowstart[v]; c < fw.m_rowstart[v + 1]; ++c) {
      auto to = s.node_of(fw.m_column[c]);
      auto flags = std::uint8_t(s.claim_flags[c] & 0x0F);
      evidence_flags_[s.claim_evidence[c]] = flags;
      claims_.push_back(pending_claim{from.index(), to.index(), s.claim_payload[c], s.claim_evidence[c],
                                      fw.m_edge_properties[c].kind, from.kind(), to.kind(), 0});
    }
  }
}

PHARMAKON_FUNC source_id builder::add_source(source s) {
  if (source_ids_.count(s.id)) throw usage_error(errc::duplicate_id, detail::format("duplicate source id '{}'", s.id));
  auto rank = [](std::string_view scheme) {
    return std::size_t(std::find(source_schemes.begin(), source_schemes.end(), scheme) - source_schemes.begin());
  };
  for (auto const& i : s.ids)
    if (rank(i.scheme) == source_schemes.size())
      throw usage_error(errc::bad_identifier,
                        detail::format("source '{}': identifier scheme '{}' is not one of {}", s.id, i.scheme,
                                    fmt::join(source_schemes, ", ")));
  std::stable_sort(s.ids.begin(), s.ids.end(),
                   [&](identifier const& a, identifier const& b) { return rank(a.scheme) < rank(b.scheme); });
  source_id id{std::uint32_t(sources_.size())};
  source_ids_.emplace(s.id, id.index());
  sources_.push_back(std::move(s));
  return id;
}

PHARMAKON_FUNC std::uint32_t builder::store_payload(related_label a) {
  auto [it, fresh] = label_index_.try_emplace(a.label, std::uint32_t(labels_.size()));
  if (fresh) labels_.push_back(std::move(a));
  return it->second;
}

PHARMAKON_FUNC std::size_t builder::entity_count(node_kind k) const noexcept {
  switch (k) {
    case node_kind::drug: return std::get<std::vector<drug>>(entities_).size();
    case node_kind::target: return std::get<std::vector<target>>(entities_).size();
    case node_kind::gene: return std::get<std::vector<gene>>(entities_).size();
    case node_kind::variant: return std::get<std::vector<variant>>(entities_).size();
    case node_kind::effect: return std::get<std::vector<effect>>(entities_).size();
    case node_kind::condition: return std::get<std::vector<condition>>(entities_).size();
    case node_kind::regimen: return std::get<std::vector<regimen>>(entities_).size();
    case node_kind::warning: return std::get<std::vector<warning>>(entities_).size();
    case node_kind::drug_class: return std::get<std::vector<drug_class>>(entities_).size();
    case node_kind::concept_node: return std::get<std::vector<concept_node>>(entities_).size();
  }
  return 0;
}

PHARMAKON_FUNC void builder::check_payload(relation_kind k, std::uint32_t payload) const {
  std::size_t size = 0;
  switch (k) {
    case relation_kind::acts_on: size = actions_.size(); break;
    case relation_kind::related: size = labels_.size(); break;
    default:
      if (!detail::with_described_table(k, payloads_, [&](auto const& t) { size = t.size(); })) return;
  }
  if (payload >= size) throw usage_error(errc::invalid_graph, "a claim cites a payload handle that does not exist");
}

PHARMAKON_FUNC evidence_id builder::add_evidence(claim_meta meta) {
  if (meta.sources.empty()) throw usage_error(errc::missing_source, "a claim needs at least one source");
  for (auto s : meta.sources)
    if (s.index() >= sources_.size()) throw usage_error(errc::invalid_graph, "claim cites a source handle that does not exist");
  if (evidence_.size() >= 0xFFFFFFFEu) throw usage_error(errc::limit, "too many distinct claim evidences");
  detail::evidence_record ev;
  ev.src_begin = std::uint32_t(claim_sources_.size());
  ev.src_count = std::uint32_t(meta.sources.size());
  claim_sources_.insert(claim_sources_.end(), meta.sources.begin(), meta.sources.end());
  if (!meta.note.empty()) {
    ev.note = std::uint32_t(notes_.size());
    notes_.push_back(std::move(meta.note));
  }
  if (meta.region.known()) {
    ev.region = std::uint32_t(regions_.size());
    regions_.push_back(std::move(meta.region));
  }
  evidence_.push_back(ev);
  evidence_flags_.push_back(std::uint8_t((meta.negated ? detail::flag_negated : 0) |
                                         (meta.hypothesis ? detail::flag_hypothesis : 0) |
                                         (meta.unverified ? detail::flag_unverified : 0)));
  return evidence_id{std::uint32_t(evidence_.size() - 1)};
}

PHARMAKON_FUNC evidence_id builder::evidence_for(claim_meta meta, relation_kind k) {
  if (meta.sources.empty())
    throw usage_error(errc::missing_source, detail::format("a {} claim needs at least one source", to_string(k)));
  // claims added one by one with the same sources and nothing else share one evidence record
  std::uint8_t flags = std::uint8_t((meta.negated ? detail::flag_negated : 0) |
                                    (meta.hypothesis ? detail::flag_hypothesis : 0) |
                                    (meta.unverified ? detail::flag_unverified : 0));
  bool plain = meta.note.empty() && !meta.region.known();
  if (plain && last_plain_evidence_ < evidence_.size() && evidence_flags_[last_plain_evidence_] == flags) {
    auto const& ev = evidence_[last_plain_evidence_];
    if (ev.src_count == meta.sources.size() &&
        std::equal(meta.sources.begin(), meta.sources.end(), claim_sources_.begin() + ev.src_begin))
      return evidence_id{last_plain_evidence_};
  }
  auto id = add_evidence(std::move(meta));
  if (plain) last_plain_evidence_ = id.index();
  return id;
}

PHARMAKON_FUNC claim_id builder::add_claim(relation_kind k, any_node from, any_node to, std::uint32_t payload,
                                           evidence_id ev) {
  if (ev.index() >= evidence_.size())
    throw usage_error(errc::invalid_graph, "a claim cites an evidence handle that does not exist");
  if (from.index() >= entity_count(from.kind()) || to.index() >= entity_count(to.kind()))
    throw usage_error(errc::invalid_graph, detail::format("a {} claim joins an entity handle that does not exist", to_string(k)));
  if (claims_.size() >= 0xFFFFFFFEu) throw usage_error(errc::limit, "a knowledge base holds at most 2^32 - 2 claims");
  claims_.push_back(pending_claim{from.index(), to.index(), payload, ev.index(), k, from.kind(), to.kind(), 0});
  return claim_id{std::uint32_t(claims_.size() - 1)};
}

namespace detail {

/// Vertex bundles: each vertex's kind and index among its kind.
inline void fill_vertices(kb_state& st) {
  std::uint32_t v = 0;
  std::size_t k = 0;
  std::apply([&](auto const&... t) {
    ((void)[&] {
       for (std::uint32_t i = 0; i < t.size(); ++i, ++v) st.graph.m_vertex_properties[v] = vertex_bundle{node_kind(k), i};
       ++k;
     }(), ...);
  }, st.entities);
}

/// The id, source and name indexes (entities only, so it can run beside the claim work).
inline void build_indexes(kb_state& st) {
  auto const total = st.vertex_count();
  st.source_index.build(std::uint32_t(st.sources.size()), [&](std::uint32_t i) -> std::string_view { return st.sources[i].id; });
  st.id_index.build(total, [&](std::uint32_t v) -> std::string_view { return st.base_of_vertex(v).id; });
  auto& names = st.name_index;
  std::string folded, joined;
  auto index_name = [&](std::string_view name, std::uint32_t v) {
    if (name.empty()) return;
    fold_key_into(name, folded);
    names.push_back({hash_str(folded), v, 0});
  };
  for (std::uint32_t v = 0; v < total; ++v) {
    auto const& e = st.base_of_vertex(v);
    index_name(e.name, v);
    for (auto const& s : e.synonyms) index_name(s, v);
    for (auto const& x : e.ids) {
      index_name(x.value, v);
      joined.assign(x.scheme).append(":").append(x.value);
      index_name(joined, v);
    }
  }
  for (std::uint32_t i = 0; i < st.table<target>().size(); ++i)
    index_name(st.table<target>()[i].gene_symbol, st.kind_base[std::size_t(node_kind::target)] + i);
  for (std::uint32_t i = 0; i < st.table<gene>().size(); ++i)
    index_name(st.table<gene>()[i].symbol, st.kind_base[std::size_t(node_kind::gene)] + i);
  std::stable_sort(names.begin(), names.end(), [](auto const& a, auto const& b) { return a.hash < b.hash; });
  // one entry per (name, vertex), the first
  std::size_t out = 0;
  for (std::size_t i = 0; i < names.size(); ++i) {
    bool seen = false;
    for (std::size_t j = out; j-- > 0 && names[j].hash == names[i].hash;)
      if (names[j].vertex == names[i].vertex) {
        seen = true;
        break;
      }
    if (!seen) names[out++] = names[i];
  }
  names.resize(out);
  names.shrink_to_fit();
}

/// FNV-1a over the name, version, entities and sources: the first part of the content hash.
inline fnv1a hash_entities(kb_state const& st) {
  fnv1a h;
  h.str(st.name);
  h.str(st.version);
  std::apply([&](auto const&... t) { ((void)[&] { h.u64(t.size()); for (auto const& e : t) hash_entity(h, e); }(), ...); },
             st.entities);
  for (auto const& s : st.sources) hash_source(h, s);
  return h;
}

/// The claims part of the content hash: each evidence record and payload hashed once, then every claim as five
/// words mixed into four interleaved lanes (a few ms for millions of claims).
inline std::array<std::uint64_t, 4> hash_claims(kb_state const& st) {
  auto sub = [](auto&& fill) {
    fnv1a x;
    fill(x);
    return x.h;
  };
  std::vector<std::uint64_t> ev_hash(st.evidence.size());
  for (std::size_t e = 0; e < ev_hash.size(); ++e)
    ev_hash[e] = sub([&](fnv1a& x) {
      auto const& ev = st.evidence[e];
      x.u64(ev.src_count);
      for (std::uint32_t i = 0; i < ev.src_count; ++i) x.u64(st.claim_sources[ev.src_begin + i].index());
      x.str(st.notes[ev.note]);
    });
  auto hash_table = [&](auto const& table, auto&& one) {
    std::vector<std::uint64_t> out(table.size());
    for (std::size_t i = 0; i < table.size(); ++i) out[i] = sub([&](fnv1a& x) { one(x, table[i]); });
    return out;
  };
  auto act_hash = hash_table(st.actions, [](fnv1a& x, action const& a) { hash_action(x, a); });
  // described payloads: every field in description order (enums by index, as before the descriptions)
  auto described_hash = [&](auto const& table) {
    return hash_table(table, [](fnv1a& x, auto const& a) {
      for_each_field(a, [&](std::string_view, auto const& v) {
        using V = std::remove_cvref_t<decltype(v)>;
        if constexpr (std::is_same_v<V, std::string>) x.str(v);
        else if constexpr (std::is_same_v<V, std::optional<bool>>) x.u64(v ? 1 + std::uint64_t(*v) : 0);
        else x.u64(std::uint64_t(v));
      });
    });
  };
  std::array<std::vector<std::uint64_t>, std::tuple_size_v<described_payload_tables>> payload_hash;
  std::apply([&](auto const&... t) {
    std::size_t i = 0;
    ((payload_hash[i++] = described_hash(t)), ...);
  }, st.payloads);
  auto table_index = [](relation_kind k) -> int {
    switch (k) {
      case relation_kind::indicated_for: return 0;
      case relation_kind::modulates_response: return 1;
      case relation_kind::substrate_of: return 2;
      case relation_kind::inhibits: case relation_kind::induces: return 3;
      case relation_kind::has_metabolite: return 4;
      case relation_kind::interacts_with: return 5;
      default: return -1;
    }
  };
  auto label_hash = hash_table(st.labels, [](fnv1a& x, related_label const& a) { x.str(a.label); });
  std::array<std::uint64_t, 4> lane{0x243F6A8885A308D3ull, 0x13198A2E03707344ull, 0xA4093822299F31D0ull,
                                    0x082EFA98EC4E6C89ull};
  auto const& fw = st.graph.m_forward;
  for (std::uint32_t v = 0; v < st.vertex_count(); ++v)
    for (auto c = fw.m_rowstart[v]; c < fw.m_rowstart[v + 1]; ++c) {
      auto kind = fw.m_edge_properties[c].kind;
      auto p = st.claim_payload[c];
      std::uint64_t ph = 0;
      switch (kind) {
        case relation_kind::acts_on: ph = act_hash[p]; break;
        case relation_kind::related: ph = label_hash[p]; break;
        default:
          if (auto ti = table_index(kind); ti >= 0) ph = payload_hash[std::size_t(ti)][p];
          break;
      }
      std::uint64_t w = (std::uint64_t(v) * 0x9E3779B97F4A7C15ull) ^ (std::uint64_t(fw.m_column[c]) * 0xC2B2AE3D27D4EB4Full) ^
                        ((std::uint64_t(kind) | std::uint64_t(st.claim_flags[c]) << 8) * 0x165667B19E3779F9ull) ^
                        (ev_hash[st.claim_evidence[c]] * 0xD6E8FEB86659FD93ull) ^ (ph * 0xFF51AFD7ED558CCDull);
      lane[c & 3] = mix_word(lane[c & 3], w);
    }
  return lane;
}

/// The backward CSR: each vertex's in-edges by (relation kind, source vertex); the edge property is the claim.
/// The forward claims are visited kind by kind, each kind in source order, and scattered to their targets.
inline void build_backward(kb_state& st) {
  auto const total = st.vertex_count();
  auto const n = std::uint32_t(st.graph.m_forward.m_column.size());
  auto const& fw = st.graph.m_forward;
  auto& bw = st.graph.m_backward;
  auto& rowstart = bw.m_rowstart;
  rowstart.assign(std::size_t(total) + 1, 0);
  for (auto t : fw.m_column) ++rowstart[t + 1];
  for (std::uint32_t v = 0; v < total; ++v) rowstart[v + 1] += rowstart[v];
  detail::resize_huge(bw.m_column, n);
  detail::resize_huge(bw.m_edge_properties, n);
  std::vector<std::uint32_t> cursor(rowstart.begin(), rowstart.end() - 1);
  std::vector<std::uint32_t> next(fw.m_rowstart.begin(), fw.m_rowstart.end() - 1);  // per row: first claim not placed
  for (std::size_t kind = 0; kind < relation_kind_count; ++kind)
    for (std::uint32_t v = 0; v < total; ++v) {
      auto c = next[v];
      auto end = fw.m_rowstart[v + 1];
      for (; c < end && std::size_t(fw.m_edge_properties[c].kind) == kind; ++c) {
        if (c + 8 < end) {
          auto i8 = cursor[fw.m_column[c + 8]];
          __builtin_prefetch(bw.m_column.data() + i8, 1);
          __builtin_prefetch(bw.m_edge_properties.data() + i8, 1);
        }
        auto i = cursor[fw.m_column[c]]++;
        bw.m_column[i] = v;
        bw.m_edge_properties[i] = c;
      }
      next[v] = c;
    }
}

/// Pairs of claims that contradict each other: same two nodes, same relation (adjacent after the sort).
inline std::vector<conflict> find_conflicts(kb_state const& st) {
  std::vector<conflict> conflicts;
  auto const& fw = st.graph.m_forward;
  for (std::uint32_t v = 0; v < st.vertex_count(); ++v) {
    auto end = fw.m_rowstart[v + 1];
    for (auto i = fw.m_rowstart[v]; i < end;) {
      auto j = i + 1;
      auto kind = fw.m_edge_properties[i].kind;
      while (j < end && fw.m_edge_properties[j].kind == kind && fw.m_column[j] == fw.m_column[i]) ++j;
      for (auto x = i; x < j; ++x)
        for (auto y = x + 1; y < j; ++y) {
          bool nx = st.claim_flags[x] & flag_negated, ny = st.claim_flags[y] & flag_negated;
          // two stated interactions about different things (one drug's exposure, another's) do not contradict
          bool same_statement = true;
          if (kind == relation_kind::interacts_with) {
            auto const& ix = std::get<std::vector<stated_interaction>>(st.payloads);
            auto const& a = ix[st.claim_payload[x]];
            auto const& b = ix[st.claim_payload[y]];
            same_statement = a.effect == b.effect && a.exposure_of == b.exposure_of;
          }
          if (nx != ny && same_statement)
            conflicts.push_back({conflict::reason::negation, claim_id{x}, claim_id{y}});
          else if (!nx && kind == relation_kind::acts_on &&
                   incompatible(st.actions[st.claim_payload[x]].type, st.actions[st.claim_payload[y]].type))
            conflicts.push_back({conflict::reason::incompatible_action, claim_id{x}, claim_id{y}});
        }
      i = j;
    }
  }
  return conflicts;
}

}  // namespace detail

PHARMAKON_FUNC knowledge_base builder::build() {
  auto st = std::make_shared<detail::kb_state>();
  st->name = std::move(name_);
  st->version = std::move(version_);

  // vertices grouped by kind
  std::size_t k = 0;
  std::uint64_t total64 = 0;
  std::apply([&](auto const&... t) { ((st->kind_base[k++] = std::uint32_t(total64), total64 += t.size()), ...); },
             entities_);
  if (total64 >= 0xFFFFFFFFull) throw usage_error(errc::limit, "a knowledge base holds at most 2^32 - 2 entities");
  auto const total = std::uint32_t(total64);
  auto const n = std::uint32_t(claims_.size());
  st->kind_base[node_kind_count] = total;
  st->entities = std::move(entities_);
  st->sources = std::move(sources_);
  st->claim_sources = std::move(claim_sources_);
  st->notes = std::move(notes_);
  st->regions = std::move(regions_);
  st->actions = std::move(actions_);
  st->payloads = std::move(payloads_);
  st->labels = std::move(labels_);
  st->evidence = std::move(evidence_);
  st->graph = graph_type(total);
  detail::fill_vertices(*st);

  // Large graphs use a second thread: the indexes and the entity hash (entities only) beside the forward CSR,
  // then the backward CSR beside the claim columns, hash and conflicts. Each task writes its own members.
  bool const parallel = n >= 200000;
  auto entity_work = [&st] {
    detail::build_indexes(*st);
    return detail::hash_entities(*st);
  };
  std::future<detail::fnv1a> entity_task;
  if (parallel) entity_task = std::async(std::launch::async, entity_work);

  // the flags of each evidence record: its qualifiers, and the best tier among its sources
  std::vector<std::uint8_t> ev_flags(st->evidence.size());
  for (std::size_t e = 0; e < st->evidence.size(); ++e) {
    auto best = evidence_tier::other;
    auto const& ev = st->evidence[e];
    for (std::uint32_t i = 0; i < ev.src_count; ++i)
      best = std::min(best, st->sources[st->claim_sources[ev.src_begin + i].index()].tier());
    ev_flags[e] = std::uint8_t(evidence_flags_[e] | (unsigned(best) << detail::tier_shift));
  }

  // forward CSR: claims ordered by (source vertex, relation kind, target), ties in the order they were added.
  // Random memory accesses dominate at millions of claims, so: a counting sort by source scatters one 8-byte key
  // per claim (kind, target and claim index packed), each row of keys is sorted in place (radix for long rows),
  // target and kind are decoded from the keys, and the keys are then overwritten with their claim's payload and
  // evidence. Peak: 20 (pending) + 8 (key) + 5 (target, kind) bytes per claim; prefetching hides the latency.
  auto& fw = st->graph.m_forward;
  std::vector<std::uint64_t> keys;
  detail::resize_huge(keys, n);
  {
    static_assert(relation_kind_count <= 32);  // the kind takes 5 bits of a sort key
    for (auto& c : claims_) {
      c.from += st->kind_base[std::size_t(c.from_kind)];
      c.to += st->kind_base[std::size_t(c.to_kind)];
    }
    auto& rowstart = fw.m_rowstart;
    rowstart.assign(std::size_t(total) + 1, 0);
    for (auto const& c : claims_) ++rowstart[c.from + 1];
    for (std::uint32_t v = 0; v < total; ++v) rowstart[v + 1] += rowstart[v];
    auto bit_width = [](std::uint64_t x) {
      unsigned b = 0;
      for (; x; x >>= 1) ++b;
      return b;
    };
    unsigned const cbits = bit_width(n), vbits = bit_width(total);
    constexpr std::uint32_t ahead = 16;
    detail::resize_huge(fw.m_column, n);
    detail::resize_huge(fw.m_edge_properties, n);
    if (5 + vbits + cbits <= 64) {
      std::uint64_t const cmask = (std::uint64_t(1) << cbits) - 1;
      {
        std::vector<std::uint32_t> cursor(rowstart.begin(), rowstart.end() - 1);
        for (std::uint32_t c = 0; c < n; ++c) {
          if (c + ahead < n) __builtin_prefetch(keys.data() + cursor[claims_[c + ahead].from], 1);
          auto const& p = claims_[c];
          keys[cursor[p.from]++] = (((std::uint64_t(p.kind) << vbits) | p.to) << cbits) | c;
        }
      }
      std::vector<std::uint64_t> tmp;
      for (std::uint32_t v = 0; v < total; ++v) {
        auto* b = keys.data() + rowstart[v];
        auto* e = keys.data() + rowstart[v + 1];
        if (e - b < 2) continue;
        if (e - b < 256) std::sort(b, e);
        else detail::radix_sort_bits(b, e, cbits, cbits + vbits + 5, tmp);  // rows are in claim order already
      }
      std::uint64_t const vmask = (std::uint64_t(1) << vbits) - 1;
      for (std::uint32_t i = 0; i < n; ++i) {
        fw.m_column[i] = std::uint32_t((keys[i] >> cbits) & vmask);
        fw.m_edge_properties[i].kind = relation_kind(keys[i] >> (cbits + vbits));
      }
      for (std::uint32_t i = 0; i < n; ++i) {
        if (i + ahead < n) __builtin_prefetch(claims_.data() + (keys[i + ahead] & cmask));
        auto const& p = claims_[keys[i] & cmask];
        keys[i] = (std::uint64_t(p.payload) << 32) | p.evidence;
      }
    } else {  // too many vertices and claims to pack in a word: sort (key, claim) pairs
      std::vector<std::pair<std::uint64_t, std::uint32_t>> pairs(n);
      std::vector<std::uint32_t> cursor(rowstart.begin(), rowstart.end() - 1);
      for (std::uint32_t c = 0; c < n; ++c) {
        auto const& p = claims_[c];
        pairs[cursor[p.from]++] = {(std::uint64_t(p.kind) << 32) | p.to, c};
      }
      for (std::uint32_t v = 0; v < total; ++v)
        std::stable_sort(pairs.begin() + rowstart[v], pairs.begin() + rowstart[v + 1],
                         [](auto const& x, auto const& y) { return x.first < y.first; });
      for (std::uint32_t i = 0; i < n; ++i) {
        auto const& p = claims_[pairs[i].second];
        fw.m_column[i] = p.to;
        fw.m_edge_properties[i].kind = p.kind;
        keys[i] = (std::uint64_t(p.payload) << 32) | p.evidence;
      }
    }
    claims_.clear();
    claims_.shrink_to_fit();
  }
  std::future<void> backward_task;
  if (parallel) backward_task = std::async(std::launch::async, [&st] { detail::build_backward(*st); });
  else detail::build_backward(*st);

  detail::resize_huge(st->claim_payload, n);
  detail::resize_huge(st->claim_evidence, n);
  detail::resize_huge(st->claim_flags, n);
  for (std::uint32_t i = 0; i < n; ++i) {
    auto ev = std::uint32_t(keys[i]);
    st->claim_payload[i] = std::uint32_t(keys[i] >> 32);
    st->claim_evidence[i] = ev;
    st->claim_flags[i] = ev_flags[ev];
  }
  keys = {};
  st->index_labels();
  auto lanes = detail::hash_claims(*st);
  auto conflicts = detail::find_conflicts(*st);
  if (parallel) backward_task.get();
  auto h = parallel ? entity_task.get() : entity_work();
  h.u64(n);
  for (auto l : lanes) h.u64(l);
  st->content_hash = detail::format("{:016x}", h.h);

  *this = builder{};
  return knowledge_base(std::move(st), std::move(conflicts));
}

}  // namespace pharmakon
