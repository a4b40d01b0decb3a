// Out-of-line definitions of builder (graph layer).
#include <algorithm>
#include <cassert>
#include <cstring>
#include <numeric>

#include "../graph/builder.hpp"
#include "../model/text.hpp"

namespace pharmakon {

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

inline void hash_base(fnv1a& h, entity_base const& e) {
  h.str(e.id);
  h.str(e.name);
  h.u64(e.synonyms.size());
  for (auto const& s : e.synonyms) h.str(s);
  h.u64(e.ids.size());
  for (auto const& i : e.ids) { h.str(i.scheme); h.str(i.value); }
  h.u64(e.sources.size());
  for (auto s : e.sources) h.u64(s.index());
}
inline void hash_entity(fnv1a& h, drug const& e) { hash_base(h, e); h.str(e.drug_class); }
inline void hash_entity(fnv1a& h, target const& e) {
  hash_base(h, e); h.u64(std::uint64_t(e.type)); h.str(e.family); h.str(e.gene_symbol); h.str(e.species);
}
inline void hash_entity(fnv1a& h, gene const& e) { hash_base(h, e); h.str(e.symbol); }
inline void hash_entity(fnv1a& h, variant const& e) { hash_base(h, e); }
inline void hash_entity(fnv1a& h, effect const& e) { hash_base(h, e); }
inline void hash_entity(fnv1a& h, condition const& e) { hash_base(h, e); }
inline void hash_entity(fnv1a& h, regimen const& e) {
  hash_base(h, e);
  h.qty(e.dose);
  h.u64(e.dose_max.has_value());
  if (e.dose_max) h.qty(*e.dose_max);
  h.u64(e.every.has_value());
  if (e.every) h.qty(*e.every);
  h.u64(std::uint64_t(e.times_per_day.value_or(0)));
  h.u64(e.as_needed);
  h.u64(std::uint64_t(e.route));
  h.str(e.formulation); h.str(e.product); h.str(e.population);
  for (auto const& p : e.preconditions) {
    h.u64(std::uint64_t(p.kind));
    h.u64(p.min.has_value()); if (p.min) h.qty(*p.min);
    h.u64(p.recommended.has_value()); if (p.recommended) h.qty(*p.recommended);
    h.str(p.note);
  }
}
inline void hash_entity(fnv1a& h, warning const& e) {
  hash_base(h, e);
  h.u64(std::uint64_t(e.kind)); h.u64(std::uint64_t(e.severity)); h.str(e.about);
  for (auto a : e.concerns_action) h.u64(std::uint64_t(a));
}
inline void hash_entity(fnv1a& h, concept_node const& e) { hash_base(h, e); h.str(e.kind_label); }
inline void hash_source(fnv1a& h, source const& s) {
  h.str(s.id); h.u64(std::uint64_t(s.kind)); h.str(s.title); h.str(s.authors); h.str(s.publisher);
  h.u64(std::uint64_t(s.year)); h.str(s.pmid); h.str(s.doi); h.str(s.dailymed_setid); h.str(s.nda); h.str(s.url);
  h.str(s.gtopdb_ligand); h.str(s.gtopdb_target); h.u64(s.unverified);
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

}  // namespace detail

PHARMAKON_FUNC builder::builder(knowledge_base const& base) {
  auto const& s = base.state();
  name_ = s.name;
  version_ = s.version;
  entities_ = s.entities;
  for (auto const& [id, v] : s.id_index) ids_.emplace(id, s.node_of(v));
  sources_ = s.sources;
  for (auto const& [id, i] : s.source_index) source_ids_.emplace(id, i);
  claim_sources_ = s.claim_sources;
  notes_ = s.notes;
  regions_ = s.regions;
  actions_ = s.actions;
  indications_ = s.indications;
  pgx_ = s.pgx;
  labels_ = s.labels;
  for (std::uint32_t i = 0; i < labels_.size(); ++i) label_index_.emplace(labels_[i].label, i);
  claims_.reserve(s.claims.size());
  for (auto const& c : s.claims)
    claims_.push_back(pending_claim{s.node_of(c.from), s.node_of(c.to), c.payload, c.src_begin, c.note, c.region,
                                    c.src_count, c.kind, std::uint8_t(c.flags & 0x0F)});
}

PHARMAKON_FUNC source_id builder::add_source(source s) {
  if (source_ids_.count(s.id)) throw usage_error(errc::duplicate_id, fmt::format("duplicate source id '{}'", s.id));
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

PHARMAKON_FUNC claim_id builder::add_claim(relation_kind k, any_node from, any_node to, std::uint32_t payload,
                                           claim_meta meta) {
  if (meta.sources.empty())
    throw usage_error(errc::missing_source, fmt::format("a {} claim needs at least one source", to_string(k)));
  if (meta.sources.size() > 0xFFFF) throw usage_error(errc::limit, "a claim may cite at most 65535 sources");
  for (auto s : meta.sources)
    if (s.index() >= sources_.size()) throw usage_error(errc::invalid_graph, "claim cites a source handle that does not exist");
  auto in_range = [&](any_node n) {
    std::size_t size = 0;
    std::apply([&](auto const&... t) { std::size_t i = 0; ((i++ == std::size_t(n.kind()) ? size = t.size() : 0), ...); },
               entities_);
    return n.index() < size;
  };
  if (!in_range(from) || !in_range(to))
    throw usage_error(errc::invalid_graph, fmt::format("a {} claim joins an entity handle that does not exist", to_string(k)));
  pending_claim c;
  c.from = from;
  c.to = to;
  c.payload = payload;
  c.kind = k;
  c.src_begin = std::uint32_t(claim_sources_.size());
  c.src_count = std::uint16_t(meta.sources.size());
  claim_sources_.insert(claim_sources_.end(), meta.sources.begin(), meta.sources.end());
  if (!meta.note.empty()) {
    c.note = std::uint32_t(notes_.size());
    notes_.push_back(std::move(meta.note));
  }
  if (meta.region.known()) {
    c.region = std::uint32_t(regions_.size());
    regions_.push_back(std::move(meta.region));
  }
  c.flags = std::uint8_t((meta.negated ? detail::flag_negated : 0) | (meta.hypothesis ? detail::flag_hypothesis : 0) |
                         (meta.unverified ? detail::flag_unverified : 0));
  claims_.push_back(c);
  return claim_id{std::uint32_t(claims_.size() - 1)};
}

PHARMAKON_FUNC knowledge_base builder::build() {
  auto st = std::make_shared<detail::kb_state>();
  st->name = std::move(name_);
  st->version = std::move(version_);

  // vertices grouped by kind
  std::size_t k = 0;
  std::uint32_t total = 0;
  std::apply([&](auto const&... t) { ((st->kind_base[k++] = total, total += std::uint32_t(t.size())), ...); }, entities_);
  st->kind_base[node_kind_count] = total;
  st->entities = std::move(entities_);

  st->sources = std::move(sources_);
  st->claim_sources = std::move(claim_sources_);
  st->notes = std::move(notes_);
  st->regions = std::move(regions_);
  st->actions = std::move(actions_);
  st->indications = std::move(indications_);
  st->pgx = std::move(pgx_);
  st->labels = std::move(labels_);

  // claims in forward-CSR order: by (from vertex, kind, to vertex); stable keeps declaration order
  st->claims.reserve(claims_.size());
  for (auto const& c : claims_) {
    detail::claim_record r;
    r.from = st->vertex_of(c.from);
    r.to = st->vertex_of(c.to);
    r.payload = c.payload;
    r.src_begin = c.src_begin;
    r.src_count = c.src_count;
    r.note = c.note;
    r.region = c.region;
    r.kind = c.kind;
    auto best = evidence_tier::other;
    for (std::uint32_t i = 0; i < c.src_count; ++i)
      best = std::min(best, st->sources[st->claim_sources[c.src_begin + i].index()].tier());
    r.flags = std::uint8_t(c.flags | (unsigned(best) << detail::tier_shift));
    st->claims.push_back(r);
  }
  claims_.clear();
  claims_.shrink_to_fit();
  std::stable_sort(st->claims.begin(), st->claims.end(), [](auto const& a, auto const& b) {
    if (a.from != b.from) return a.from < b.from;
    if (a.kind != b.kind) return a.kind < b.kind;
    return a.to < b.to;
  });

  {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> edges;
    edges.reserve(st->claims.size());
    std::vector<edge_bundle> props;
    props.reserve(st->claims.size());
    for (std::uint32_t i = 0; i < st->claims.size(); ++i) {
      edges.emplace_back(st->claims[i].from, st->claims[i].to);
      props.push_back(edge_bundle{st->claims[i].kind});
    }
    st->graph = graph_type(boost::edges_are_unsorted_multi_pass, edges.begin(), edges.end(), props.begin(), total);
  }
  // the CSR's counting sort is stable, so forward edge i is claim i; the typed queries rely on it
  for (std::uint32_t i = 0; i < st->claims.size(); ++i)
    if (st->graph.m_forward.m_column[i] != st->claims[i].to)
      throw usage_error(errc::invalid_graph, "internal: CSR edge order differs from claim order");
  {
    std::uint32_t v = 0;
    std::size_t kk = 0;
    std::apply([&](auto const&... t) {
      ((void)[&] {
         for (std::uint32_t i = 0; i < t.size(); ++i, ++v) st->graph[v] = vertex_bundle{node_kind(kk), i};
         ++kk;
       }(), ...);
    }, st->entities);
  }

  // indexes
  for (std::uint32_t i = 0; i < st->sources.size(); ++i) st->source_index.emplace(st->sources[i].id, i);
  st->id_index.reserve(total);
  auto index_name = [&](std::string_view name, std::uint32_t v) {
    if (name.empty()) return;
    auto& list = st->name_index[text::fold_key(name)];
    if (std::find(list.begin(), list.end(), v) == list.end()) list.push_back(v);
  };
  for (std::uint32_t v = 0; v < total; ++v) {
    auto const& e = st->base_of(st->node_of(v));
    st->id_index.emplace(e.id, v);
    index_name(e.name, v);
    for (auto const& s : e.synonyms) index_name(s, v);
    for (auto const& x : e.ids) {
      index_name(x.value, v);
      index_name(x.scheme + ":" + x.value, v);
    }
  }
  for (std::uint32_t i = 0; i < st->table<target>().size(); ++i)
    index_name(st->table<target>()[i].gene_symbol, st->kind_base[std::size_t(node_kind::target)] + i);
  for (std::uint32_t i = 0; i < st->table<gene>().size(); ++i)
    index_name(st->table<gene>()[i].symbol, st->kind_base[std::size_t(node_kind::gene)] + i);

  // content hash over everything an answer could depend on
  detail::fnv1a h;
  h.str(st->name);
  h.str(st->version);
  std::apply([&](auto const&... t) { ((void)[&] { h.u64(t.size()); for (auto const& e : t) detail::hash_entity(h, e); }(), ...); },
             st->entities);
  for (auto const& s : st->sources) detail::hash_source(h, s);
  for (auto const& c : st->claims) {
    h.u64(c.from); h.u64(c.to); h.u64(std::uint64_t(c.kind)); h.u64(c.flags);
    for (std::uint32_t i = 0; i < c.src_count; ++i) h.u64(st->claim_sources[c.src_begin + i].index());
    h.str(st->notes[c.note]);
    switch (c.kind) {
      case relation_kind::acts_on: detail::hash_action(h, st->actions[c.payload]); break;
      case relation_kind::indicated_for: h.str(st->indications[c.payload].adjunct); break;
      case relation_kind::modulates_response:
        h.u64(std::uint64_t(st->pgx[c.payload].finding)); h.str(st->pgx[c.payload].outcome); break;
      case relation_kind::related: h.str(st->labels[c.payload].label); break;
      default: break;
    }
  }
  st->content_hash = fmt::format("{:016x}", h.h);

  // conflicts: claims joining the same two nodes with the same relation (adjacent after the sort)
  std::vector<conflict> conflicts;
  for (std::size_t i = 0; i < st->claims.size();) {
    std::size_t j = i + 1;
    auto const& a = st->claims[i];
    while (j < st->claims.size() && st->claims[j].from == a.from && st->claims[j].kind == a.kind &&
           st->claims[j].to == a.to)
      ++j;
    for (std::size_t x = i; x < j; ++x)
      for (std::size_t y = x + 1; y < j; ++y) {
        auto const& cx = st->claims[x];
        auto const& cy = st->claims[y];
        bool nx = cx.flags & detail::flag_negated, ny = cy.flags & detail::flag_negated;
        if (nx != ny)
          conflicts.push_back({conflict::reason::negation, claim_id{std::uint32_t(x)}, claim_id{std::uint32_t(y)}});
        else if (!nx && cx.kind == relation_kind::acts_on &&
                 detail::incompatible(st->actions[cx.payload].type, st->actions[cy.payload].type))
          conflicts.push_back(
              {conflict::reason::incompatible_action, claim_id{std::uint32_t(x)}, claim_id{std::uint32_t(y)}});
      }
    i = j;
  }

  *this = builder{};
  return knowledge_base(std::move(st), std::move(conflicts));
}

}  // namespace pharmakon
