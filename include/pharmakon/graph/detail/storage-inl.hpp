// Out-of-line definitions of storage.hpp (graph storage, internal).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "storage-inl.hpp holds the out-of-line definitions of storage.hpp: include storage.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "storage.hpp"
#include "../../model/text.hpp"

namespace pharmakon::detail {

PHARMAKON_FUNC entity_base const& kb_state::base_of(any_node n) const noexcept {
  switch (n.kind()) {
    case node_kind::drug: return table<drug>()[n.index()];
    case node_kind::target: return table<target>()[n.index()];
    case node_kind::gene: return table<gene>()[n.index()];
    case node_kind::variant: return table<variant>()[n.index()];
    case node_kind::effect: return table<effect>()[n.index()];
    case node_kind::condition: return table<condition>()[n.index()];
    case node_kind::regimen: return table<regimen>()[n.index()];
    case node_kind::warning: return table<warning>()[n.index()];
    case node_kind::drug_class: return table<drug_class>()[n.index()];
    case node_kind::concept_node: return table<concept_node>()[n.index()];
  }
  return table<concept_node>()[n.index()];
}

PHARMAKON_FUNC void fold_key_into(std::string_view s, std::string& out) {
  out.clear();
  bool ascii = true;
  for (char c : s) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  if (!ascii) {
    out = text::fold_key(s);
    return;
  }
  // the ASCII subset of text::fold_key: lower case, runs of space - _ tab as one space, trimmed
  bool pending_space = false;
  for (char c : s) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out += ' ';
      pending_space = false;
    }
    out += (c >= 'A' && c <= 'Z') ? char(c + 32) : c;
  }
}

PHARMAKON_FUNC std::vector<std::uint32_t> kb_state::vertices_named(std::string_view key) const {
  std::vector<std::uint32_t> out;
  auto h = hash_str(key);
  auto it = std::partition_point(name_index.begin(), name_index.end(), [h](name_entry const& e) { return e.hash < h; });
  std::string folded;
  auto matches = [&](std::string_view candidate) {
    if (candidate.empty()) return false;
    fold_key_into(candidate, folded);
    return folded == key;
  };
  for (; it != name_index.end() && it->hash == h; ++it) {
    auto v = it->vertex;
    auto n = node_of(v);
    auto const& e = base_of(n);
    bool hit = matches(e.name);
    for (std::size_t i = 0; !hit && i < e.synonyms.size(); ++i) hit = matches(e.synonyms[i]);
    for (std::size_t i = 0; !hit && i < e.ids.size(); ++i)
      hit = matches(e.ids[i].value) || matches(e.ids[i].scheme + ":" + e.ids[i].value);
    if (!hit && n.kind() == node_kind::target) hit = matches(table<target>()[n.index()].gene_symbol);
    if (!hit && n.kind() == node_kind::gene) hit = matches(table<gene>()[n.index()].symbol);
    if (hit && std::find(out.begin(), out.end(), v) == out.end()) out.push_back(v);
  }
  return out;
}

}  // namespace pharmakon::detail
