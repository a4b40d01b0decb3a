#pragma once
/// \file builder.hpp
/// The only way to make or change a knowledge base: add sources, entities and claims to a `builder`, then
/// `build()` validates everything and returns a new frozen `knowledge_base`. A builder may start from an
/// existing knowledge base (to extend it); the original is never modified.

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "../config.hpp"
#include "../error.hpp"
#include "../model/entities.hpp"
#include "../model/relations.hpp"
#include "knowledge_base.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

/// Evidence and qualifiers of one claim.
struct claim_meta {
  std::vector<source_id> sources;  ///< at least one
  bool negated = false;            ///< the sources state that the relation does not hold
  bool hypothesis = false;         ///< proposed, not established
  bool unverified = false;         ///< not checked against a public record
  std::string note;                ///< a short curator's remark
  source_region region;            ///< where the claim was declared

  claim_meta() = default;
  claim_meta(std::vector<source_id> s) : sources(std::move(s)) {}  // NOLINT(google-explicit-constructor)
  claim_meta(std::vector<source_id> s, source_region where) : sources(std::move(s)), region(std::move(where)) {}
  claim_meta& negate(bool v = true) { negated = v; return *this; }
  claim_meta& as_hypothesis(bool v = true) { hypothesis = v; return *this; }
  claim_meta& as_unverified(bool v = true) { unverified = v; return *this; }
  claim_meta& with_note(std::string n) { note = std::move(n); return *this; }
};

struct evidence_tag;
/// Handle of evidence registered once and shared by many claims (`builder::add_evidence`); a default-made one is
/// the first evidence.
using evidence_id = index_handle<evidence_tag, 0>;

/// Handle of a payload of relation R stored once and shared by many claims (`builder::add_payload`).
template <relation R>
using payload_id = index_handle<R, 0>;

class PHARMAKON_API builder {
 public:
  builder() = default;
  /// Starts from the content of `base` (copied; `base` stays as it is).
  explicit builder(knowledge_base const& base);

  void set_name(std::string name) { name_ = std::move(name); }
  void set_version(std::string version) { version_ = std::move(version); }
  std::string const& name() const noexcept { return name_; }
  std::string const& version() const noexcept { return version_; }

  /// Adds a source; throws `usage_error` (duplicate_id) if its id is taken.
  source_id add_source(source s);
  /// Adds an entity; throws `usage_error` (duplicate_id) if its id is taken by any entity.
  template <entity_type E>
  node_id<E> add(E e) {
    claim_id_guard(e.id);
    auto& table = std::get<std::vector<E>>(entities_);
    node_id<E> id{std::uint32_t(table.size())};
    ids_.emplace(e.id, any_node(id));
    table.push_back(std::move(e));
    return id;
  }
  /// Mutable access to an entity already added (e.g. to attach sources after a forward reference).
  template <entity_type E>
  E& get(node_id<E> id) {
    return std::get<std::vector<E>>(entities_).at(id.index());
  }
  std::optional<any_node> find_id(std::string_view id) const {
    auto it = ids_.find(std::string(id));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
  }
  std::optional<source_id> find_source(std::string_view id) const {
    auto it = source_ids_.find(std::string(id));
    if (it == source_ids_.end()) return std::nullopt;
    return source_id{it->second};
  }
  source const& get(source_id id) const { return sources_.at(id.index()); }

  /// Adds a claim of relation R with a payload.
  template <relation R>
    requires(!std::is_void_v<typename R::payload>)
  claim_id add(from_id_t<R> from, to_id_t<R> to, typename R::payload payload, claim_meta meta) {
    auto ev = evidence_for(std::move(meta), R::kind);
    return add_claim(R::kind, any_node(from), any_node(to), store_payload(std::move(payload)), ev);
  }
  /// Adds a claim of relation R without a payload.
  template <relation R>
    requires std::is_void_v<typename R::payload>
  claim_id add(from_id_t<R> from, to_id_t<R> to, claim_meta meta) {
    auto ev = evidence_for(std::move(meta), R::kind);
    return add_claim(R::kind, any_node(from), any_node(to), 0, ev);
  }

  // ----- the bulk path (importers): evidence and payloads stored once, claims added without allocating -----
  /// Registers evidence (sources, qualifiers, note) that many claims share, e.g. every edge of an imported
  /// dataset citing the dataset. Throws `usage_error` for no source or a source handle that does not exist.
  evidence_id add_evidence(claim_meta meta);
  /// Stores a payload once, for many claims of relation R (e.g. one `related_label` for a whole edge type).
  template <relation R>
    requires(!std::is_void_v<typename R::payload>)
  payload_id<R> add_payload(typename R::payload payload) {
    return payload_id<R>{store_payload(std::move(payload))};
  }
  template <relation R>
    requires(!std::is_void_v<typename R::payload>)
  claim_id add(from_id_t<R> from, to_id_t<R> to, typename R::payload payload, evidence_id ev) {
    return add_claim(R::kind, any_node(from), any_node(to), store_payload(std::move(payload)), ev);
  }
  template <relation R>
    requires(!std::is_void_v<typename R::payload>)
  claim_id add(from_id_t<R> from, to_id_t<R> to, payload_id<R> payload, evidence_id ev) {
    check_payload(R::kind, payload.index());
    return add_claim(R::kind, any_node(from), any_node(to), payload.index(), ev);
  }
  template <relation R>
    requires std::is_void_v<typename R::payload>
  claim_id add(from_id_t<R> from, to_id_t<R> to, evidence_id ev) {
    return add_claim(R::kind, any_node(from), any_node(to), 0, ev);
  }

  std::size_t claim_count() const noexcept { return claims_.size(); }
  std::size_t entity_count() const noexcept { return ids_.size(); }
  /// Number of entities of kind `k` added so far.
  std::size_t entity_count(node_kind k) const noexcept;
  void reserve_claims(std::size_t n) {
    if (claims_.empty()) {
      std::vector<pending_claim>().swap(claims_);
      claims_.reserve(n);
      detail::advise_huge_pages(claims_.data(), n * sizeof(pending_claim));
    } else {
      claims_.reserve(n);
    }
  }
  /// Reserves room for `n` more entities of any kind in the id index.
  void reserve_entities(std::size_t n) { ids_.reserve(ids_.size() + n); }
  /// Reserves room for `n` more entities of kind E (and their ids).
  template <entity_type E>
  void reserve(std::size_t n) {
    auto& t = std::get<std::vector<E>>(entities_);
    t.reserve(t.size() + n);
    ids_.reserve(ids_.size() + n);
  }

  /// Validates and freezes. Throws `usage_error` for a claim without sources or a dangling handle.
  /// The builder is left empty.
  knowledge_base build();

 private:
  /// A claim as added: endpoints as (kind, index) until build() numbers the vertices; its qualifiers (negated,
  /// ...) are its evidence's. 20 bytes, no heap.
  struct pending_claim {
    std::uint32_t from = 0, to = 0;  ///< entity indices
    std::uint32_t payload = 0;
    std::uint32_t evidence = 0;
    relation_kind kind = relation_kind::related;
    node_kind from_kind = node_kind::concept_node, to_kind = node_kind::concept_node;
    std::uint8_t reserved = 0;
  };
  static_assert(sizeof(pending_claim) == 20);

  void claim_id_guard(std::string const& id) const {
    if (ids_.count(id))
      throw usage_error(errc::duplicate_id, detail::format("duplicate entity id '{}'", id));
  }
  std::uint32_t store_payload(action a) { actions_.push_back(std::move(a)); return std::uint32_t(actions_.size() - 1); }
  template <class P>
    requires requires(detail::described_payload_tables& t) { std::get<std::vector<P>>(t); }
  std::uint32_t store_payload(P a) {
    auto& t = std::get<std::vector<P>>(payloads_);
    t.push_back(std::move(a));
    return std::uint32_t(t.size() - 1);
  }
  std::uint32_t store_payload(related_label a);
  void check_payload(relation_kind k, std::uint32_t payload) const;
  evidence_id evidence_for(claim_meta meta, relation_kind k);
  claim_id add_claim(relation_kind k, any_node from, any_node to, std::uint32_t payload, evidence_id ev);

  std::string name_ = "unnamed";
  std::string version_ = "0";
  detail::entity_tables entities_;
  std::unordered_map<std::string, any_node> ids_;
  std::vector<source> sources_;
  std::unordered_map<std::string, std::uint32_t> source_ids_;
  std::vector<pending_claim> claims_;
  std::vector<detail::evidence_record> evidence_;
  std::vector<std::uint8_t> evidence_flags_;  ///< claim_flag bits of each evidence
  std::uint32_t last_plain_evidence_ = 0xFFFFFFFFu;  ///< reused by the next claim with the same sources and no note
  std::vector<source_id> claim_sources_;
  std::vector<std::string> notes_{std::string()};
  std::vector<source_region> regions_{source_region{}};
  std::vector<action> actions_;
  detail::described_payload_tables payloads_;
  std::vector<related_label> labels_;
  std::unordered_map<std::string, std::uint32_t> label_index_;
};

}  // namespace pharmakon

#ifdef PHARMAKON_INCLUDE_IMPL
#  include "builder-inl.hpp"
#endif
