#pragma once
/// \file ids.hpp
/// Strong handles. A handle is an index into one frozen knowledge base; it is only meaningful with the
/// knowledge base that produced it. Handles of different kinds do not convert into each other, so passing a
/// target where a drug is expected does not compile.

#include <compare>
#include <cstdint>
#include <functional>
#include <limits>

#include <fmt/format.h>

#include "enums.hpp"

namespace pharmakon {

struct drug;
struct target;
struct gene;
struct variant;
struct effect;
struct condition;
struct regimen;
struct warning;
struct drug_class;
struct concept_node;
struct source;

/// Maps an entity type to its node kind.
template <class E>
struct node_kind_of;
template <> struct node_kind_of<drug> { static constexpr node_kind value = node_kind::drug; };
template <> struct node_kind_of<target> { static constexpr node_kind value = node_kind::target; };
template <> struct node_kind_of<gene> { static constexpr node_kind value = node_kind::gene; };
template <> struct node_kind_of<variant> { static constexpr node_kind value = node_kind::variant; };
template <> struct node_kind_of<effect> { static constexpr node_kind value = node_kind::effect; };
template <> struct node_kind_of<condition> { static constexpr node_kind value = node_kind::condition; };
template <> struct node_kind_of<regimen> { static constexpr node_kind value = node_kind::regimen; };
template <> struct node_kind_of<warning> { static constexpr node_kind value = node_kind::warning; };
template <> struct node_kind_of<drug_class> { static constexpr node_kind value = node_kind::drug_class; };
template <> struct node_kind_of<concept_node> { static constexpr node_kind value = node_kind::concept_node; };

template <class E>
concept entity_type = requires { node_kind_of<E>::value; };

/// Typed handle of an entity of kind `E`: the entity's index among the entities of its kind.
template <entity_type E>
class node_id {
 public:
  using entity = E;
  static constexpr node_kind kind = node_kind_of<E>::value;
  constexpr node_id() noexcept = default;
  constexpr explicit node_id(std::uint32_t index) noexcept : index_(index) {}
  constexpr std::uint32_t index() const noexcept { return index_; }
  constexpr bool valid() const noexcept { return index_ != invalid; }
  friend constexpr auto operator<=>(node_id, node_id) noexcept = default;

 private:
  static constexpr std::uint32_t invalid = std::numeric_limits<std::uint32_t>::max();
  std::uint32_t index_ = invalid;
};

using drug_id = node_id<drug>;
using target_id = node_id<target>;
using gene_id = node_id<gene>;
using variant_id = node_id<variant>;
using effect_id = node_id<effect>;
using condition_id = node_id<condition>;
using regimen_id = node_id<regimen>;
using warning_id = node_id<warning>;
using class_id = node_id<drug_class>;
using concept_id = node_id<concept_node>;

/// A handle of any kind (for generic relations and mixed lookups).
class any_node {
 public:
  constexpr any_node() noexcept = default;
  constexpr any_node(node_kind k, std::uint32_t index) noexcept : kind_(k), index_(index) {}
  template <entity_type E>
  constexpr any_node(node_id<E> id) noexcept : kind_(node_id<E>::kind), index_(id.index()) {}  // NOLINT: widening
  constexpr node_kind kind() const noexcept { return kind_; }
  constexpr std::uint32_t index() const noexcept { return index_; }
  /// The typed handle, if this node is of kind `E`.
  template <entity_type E>
  constexpr std::optional<node_id<E>> as() const noexcept {
    if (kind_ != node_id<E>::kind) return std::nullopt;
    return node_id<E>{index_};
  }
  friend constexpr auto operator<=>(any_node, any_node) noexcept = default;

 private:
  node_kind kind_ = node_kind::concept_node;
  std::uint32_t index_ = std::numeric_limits<std::uint32_t>::max();
};

/// A plain index handle; `Tag` keeps handles of different tables apart. A default-made handle holds `Unset`.
template <class Tag, std::uint32_t Unset = std::numeric_limits<std::uint32_t>::max()>
class index_handle {
 public:
  constexpr index_handle() noexcept = default;
  constexpr explicit index_handle(std::uint32_t index) noexcept : index_(index) {}
  constexpr std::uint32_t index() const noexcept { return index_; }
  friend constexpr auto operator<=>(index_handle, index_handle) noexcept = default;

 private:
  std::uint32_t index_ = Unset;
};

struct source_tag;
struct claim_tag;
/// Handle of an evidence source.
using source_id = index_handle<source_tag>;
/// Handle of a claim (one relation instance with its evidence).
using claim_id = index_handle<claim_tag>;

}  // namespace pharmakon

template <pharmakon::entity_type E>
struct std::hash<pharmakon::node_id<E>> {
  std::size_t operator()(pharmakon::node_id<E> id) const noexcept { return std::hash<std::uint32_t>{}(id.index()); }
};
template <class Tag, std::uint32_t Unset>
struct std::hash<pharmakon::index_handle<Tag, Unset>> {
  std::size_t operator()(pharmakon::index_handle<Tag, Unset> id) const noexcept {
    return std::hash<std::uint32_t>{}(id.index());
  }
};
template <>
struct std::hash<pharmakon::any_node> {
  std::size_t operator()(pharmakon::any_node n) const noexcept {
    return (std::size_t(n.kind()) << 32) ^ n.index();
  }
};

template <pharmakon::entity_type E>
struct fmt::formatter<pharmakon::node_id<E>> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(pharmakon::node_id<E> id, Ctx& ctx) const {
    return fmt::format_to(ctx.out(), "{}#{}", pharmakon::to_string(pharmakon::node_id<E>::kind), id.index());
  }
};
