// Out-of-line definitions of knowledge_base (graph layer). Included once by src/pharmakon.cpp, or by the
// header in a header-only build.
#include <algorithm>
#include <map>
#include <set>

#include "../graph/knowledge_base.hpp"
#include "../model/text.hpp"

namespace pharmakon {

namespace detail {
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
    case node_kind::concept_node: return table<concept_node>()[n.index()];
  }
  return table<concept_node>()[n.index()];
}
}  // namespace detail

PHARMAKON_FUNC knowledge_base::knowledge_base()
    : s_(std::make_shared<detail::kb_state const>()),
      conflicts_store_(std::make_shared<std::vector<conflict> const>()) {}

PHARMAKON_FUNC std::vector<any_node> knowledge_base::find_all(std::string_view name) const {
  std::vector<any_node> out;
  if (auto it = s_->id_index.find(std::string(name)); it != s_->id_index.end()) out.push_back(s_->node_of(it->second));
  if (text::invalid_utf8_offset(name) != std::string_view::npos) return out;
  if (auto it = s_->name_index.find(text::fold_key(name)); it != s_->name_index.end())
    for (auto v : it->second) {
      auto n = s_->node_of(v);
      if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
    }
  return out;
}

PHARMAKON_FUNC std::vector<std::string> knowledge_base::suggest(std::string_view name, node_kind k,
                                                                std::size_t max) const {
  auto key = text::decode(text::fold_key(name));
  std::size_t limit = std::max<std::size_t>(2, key.size() / 3);
  // (distance, name) of every name and synonym of kind k, best per entity
  std::map<std::uint32_t, std::pair<std::size_t, std::string>> best;
  auto consider = [&](std::uint32_t index, std::string const& candidate) {
    auto d = text::edit_distance(key, text::decode(text::fold_key(candidate)), limit);
    if (d > limit) return;
    auto [it, fresh] = best.try_emplace(index, d, candidate);
    if (!fresh && d < it->second.first) it->second = {d, candidate};
  };
  auto b = s_->kind_base[std::size_t(k)], e = s_->kind_base[std::size_t(k) + 1];
  for (auto v = b; v < e; ++v) {
    auto const& ent = s_->base_of(s_->node_of(v));
    consider(v - b, ent.name);
    for (auto const& syn : ent.synonyms) consider(v - b, syn);
  }
  std::vector<std::pair<std::size_t, std::string>> ranked;
  for (auto const& [i, dn] : best) ranked.emplace_back(dn.first, s_->base_of(any_node(k, i)).name);
  std::sort(ranked.begin(), ranked.end());
  std::vector<std::string> out;
  for (auto const& [d, n] : ranked) {
    if (out.size() == max) break;
    if (std::find(out.begin(), out.end(), n) == out.end()) out.push_back(n);
  }
  return out;
}

PHARMAKON_FUNC void knowledge_base::throw_unknown(std::string_view name, node_kind k) const {
  auto sugg = suggest(name, k);
  std::string msg = fmt::format("unknown {} '{}'", to_string(k), name);
  if (!sugg.empty()) msg += fmt::format("; did you mean {}?", fmt::join(sugg, ", "));
  throw lookup_error(std::move(msg), std::string(name), std::move(sugg));
}

PHARMAKON_FUNC std::optional<source_id> knowledge_base::find_source(std::string_view id) const {
  auto it = s_->source_index.find(std::string(id));
  if (it == s_->source_index.end()) return std::nullopt;
  return source_id{it->second};
}

PHARMAKON_FUNC std::vector<conflict> knowledge_base::conflicts_of(any_node n) const {
  std::vector<conflict> out;
  auto v = s_->vertex_of(n);
  for (auto const& c : conflicts()) {
    auto const& a = s_->claims[c.first.index()];
    if (a.from == v || a.to == v) out.push_back(c);
  }
  return out;
}

PHARMAKON_FUNC kb_stats knowledge_base::stats() const {
  kb_stats st;
  for (std::size_t k = 0; k < node_kind_count; ++k) st.nodes[k] = s_->kind_base[k + 1] - s_->kind_base[k];
  for (auto const& c : s_->claims) ++st.claims[std::size_t(c.kind)];
  st.sources = s_->sources.size();
  return st;
}

}  // namespace pharmakon
