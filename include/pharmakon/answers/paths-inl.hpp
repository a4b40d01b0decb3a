// Mechanism paths and the agreement report (answers layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "paths-inl.hpp holds the out-of-line definitions of paths.hpp: include paths.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "paths.hpp"

namespace pharmakon {

PHARMAKON_FUNC activity_direction direction_of_verb(std::string_view v) noexcept {
  for (std::string_view d : {"decreases activity of", "negatively regulates", "decreases abundance of", "disrupts",
                             "decreases expression of", "decreases synthesis of", "increases degradation of",
                             "decreases uptake of", "decreases response to"})
    if (v == d) return activity_direction::decrease;
  for (std::string_view i : {"increases activity of", "positively regulates", "increases abundance of",
                             "increases expression of", "increases stability of", "increases synthesis of",
                             "increases response to"})
    if (v == i) return activity_direction::increase;
  return activity_direction::unstated;
}

PHARMAKON_FUNC activity_direction direction_of_action(action_type t) noexcept {
  if (is_antagonist(t) || t == action_type::inhibitor || t == action_type::irreversible_inhibitor ||
      t == action_type::blocker)
    return activity_direction::decrease;
  if (is_agonist(t) || t == action_type::positive_allosteric_modulator || t == action_type::activator ||
      t == action_type::opener || t == action_type::releasing_agent)
    return activity_direction::increase;
  return activity_direction::unstated;
}

namespace detail::answers {

inline bool is_path_source(knowledge_base const& kb, source_id s) {
  return kb.get(s).id.starts_with(path_source_prefix);
}
inline bool cites(claim_view const& c, source_id s) {
  auto src = c.sources();
  return std::find(src.begin(), src.end(), s) != src.end();
}

}  // namespace detail::answers

PHARMAKON_FUNC std::vector<mechanism_path> mechanism_paths_of(knowledge_base const& kb, drug_id d, reference_list& refs) {
  using namespace detail::answers;
  std::vector<mechanism_path> out;
  // the path sources the drug's own claims cite
  std::vector<source_id> path_sources;
  for (auto e : kb.out<rel::related>(any_node(d)))
    for (auto s : e.sources())
      if (is_path_source(kb, s) && std::find(path_sources.begin(), path_sources.end(), s) == path_sources.end())
        path_sources.push_back(s);
  std::sort(path_sources.begin(), path_sources.end(),
            [&](source_id x, source_id y) { return kb.get(x).id < kb.get(y).id; });
  constexpr std::size_t max_chains = 16;
  for (auto ps : path_sources) {
    mechanism_path p;
    p.source_id = kb.get(ps).id;
    p.title = kb.get(ps).title;
    // breadth first from the drug, along the claims that cite this path
    std::vector<any_node> nodes{any_node(d)};
    std::unordered_map<any_node, std::size_t> seen{{any_node(d), 0}};
    std::vector<std::pair<std::size_t, std::size_t>> ends;  // per step: (from node, to node)
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      for (auto e : kb.out<rel::related>(nodes[i])) {
        if (!cites(e, ps)) continue;
        auto to = e.object();
        auto [it, fresh] = seen.emplace(to, nodes.size());
        if (fresh) nodes.push_back(to);
        path_step s;
        s.from = kb.base(nodes[i]).name;
        s.relation = relation_kind::related;
        s.detail = e.payload().label;
        s.to = kb.base(to).name;
        auto ev = evidence_of(kb, e, refs);
        s.refs = ev.refs;
        s.review = ev.review;
        s.updated = ev.updated;
        if (p.note.empty()) p.note = ev.note;
        if (to.kind() == node_kind::condition && p.disease.empty()) p.disease = s.to;
        p.refs.insert(p.refs.end(), s.refs.begin(), s.refs.end());
        p.steps.push_back(std::move(s));
        ends.emplace_back(i, it->second);
      }
    }
    std::sort(p.refs.begin(), p.refs.end());
    p.refs.erase(std::unique(p.refs.begin(), p.refs.end()), p.refs.end());
    // the routes: depth first from the drug to nodes the path leaves no further (a node is not entered twice in one
    // route, so a cycle ends it)
    std::vector<std::vector<std::size_t>> steps_from(nodes.size());
    for (std::size_t i = 0; i < ends.size(); ++i) steps_from[ends[i].first].push_back(i);
    std::vector<std::size_t> route;
    std::vector<bool> on_route(nodes.size(), false);
    // bounded: at most 4,096 routes counted and 256 steps a route (a hostile file cannot make the walk explode)
    constexpr std::size_t max_routes = 4096, max_depth = 256;
    auto walk = [&](auto&& self, std::size_t n) -> void {
      bool extended = false;
      on_route[n] = true;
      for (auto si : steps_from[n]) {
        auto to = ends[si].second;
        if (on_route[to] || route.size() >= max_depth || p.chains.size() + p.more_chains >= max_routes) continue;
        extended = true;
        route.push_back(si);
        self(self, to);
        route.pop_back();
      }
      on_route[n] = false;
      if (!extended && !route.empty()) {
        if (p.chains.size() < max_chains) p.chains.push_back(route);
        else ++p.more_chains;
      }
    };
    walk(walk, 0);
    out.push_back(std::move(p));
  }
  return out;
}

PHARMAKON_FUNC path_agreement path_agreement_of(knowledge_base const& kb) {
  using namespace detail::answers;
  path_agreement r;
  r.kb = info_of(kb);
  for (std::size_t i = 0; i < kb.sources().size(); ++i)
    if (kb.sources()[i].id.starts_with(path_source_prefix)) ++r.paths;
  struct hop {
    std::set<std::string> verbs, paths;
  };
  std::map<std::pair<std::uint32_t, std::uint32_t>, hop> hops;  // (drug, target) -> the paths' verbs
  for (auto e : kb.claims<rel::related>()) {
    auto from = e.subject(), to = e.object();
    if (from.kind() != node_kind::drug || to.kind() != node_kind::target) continue;
    for (auto s : e.sources())
      if (is_path_source(kb, s)) {
        auto& h = hops[{from.index(), to.index()}];
        h.verbs.insert(std::string(e.payload().label));
        h.paths.insert(kb.get(s).id);
      }
  }
  r.hops = hops.size();
  auto action_text = [](edge<rel::acts_on> const& e) {
    return e.negated() ? std::string("does not act on") : std::string(to_string(e.payload().type));
  };
  auto add_sources = [&](agreement_row& row, edge<rel::acts_on> const& e) {
    for (auto s : e.sources()) {
      auto c = kb.get(s).citation_id();
      if (c.empty()) c = kb.get(s).id;
      if (std::find(row.kb_sources.begin(), row.kb_sources.end(), c) == row.kb_sources.end()) row.kb_sources.push_back(c);
    }
  };
  std::set<std::uint32_t> drugs_with_hops;
  for (auto const& [k, h] : hops) drugs_with_hops.insert(k.first);
  for (auto di : drugs_with_hops) {
    drug_id d{di};
    // the drug's own actions (not from a path)
    std::map<std::uint32_t, std::vector<edge<rel::acts_on>>> actions;
    for (auto e : kb.out<rel::acts_on>(d)) {
      bool from_path = false;
      for (auto s : e.sources()) from_path = from_path || is_path_source(kb, s);
      if (!from_path) actions[e.object().index()].push_back(e);
    }
    auto first = hops.lower_bound({di, 0});
    if (actions.empty()) {
      ++r.drugs_paths_only;
      for (auto it = first; it != hops.end() && it->first.first == di; ++it) ++r.hops_not_compared;
      continue;
    }
    ++r.drugs_compared;
    std::set<std::uint32_t> named;
    for (auto it = first; it != hops.end() && it->first.first == di; ++it) {
      auto ti = it->first.second;
      named.insert(ti);
      agreement_row row;
      row.drug_id = kb[d].id;
      row.drug = kb[d].name;
      row.target_id = kb[target_id{ti}].id;
      row.target = kb[target_id{ti}].name;
      row.verbs.assign(it->second.verbs.begin(), it->second.verbs.end());
      row.paths.assign(it->second.paths.begin(), it->second.paths.end());
      auto a = actions.find(ti);
      if (a == actions.end()) {
        row.kind = agreement::path_only;
      } else {
        std::set<activity_direction> path_dirs;
        for (auto const& v : row.verbs) path_dirs.insert(direction_of_verb(v));
        // a conflict: a claim with the opposite direction (or a negation) at least as well established as every
        // claim with the path's direction (naltrexone at MOR: label antagonist, research partial agonist -> matched)
        std::optional<evidence_tier> best_same, best_opposite;
        std::vector<edge<rel::acts_on>> conflicting;
        for (auto const& e : a->second) {
          if (std::find(row.kb_actions.begin(), row.kb_actions.end(), action_text(e)) == row.kb_actions.end())
            row.kb_actions.push_back(action_text(e));
          auto kd = direction_of_action(e.payload().type);
          bool opposite = e.negated() || (kd == activity_direction::decrease && path_dirs.count(activity_direction::increase)) ||
                          (kd == activity_direction::increase && path_dirs.count(activity_direction::decrease));
          if (opposite) {
            conflicting.push_back(e);
            if (!best_opposite || e.tier() < *best_opposite) best_opposite = e.tier();
          } else if (kd != activity_direction::unstated && path_dirs.count(kd)) {
            if (!best_same || e.tier() < *best_same) best_same = e.tier();
          }
        }
        bool conflict = best_opposite && (!best_same || *best_opposite <= *best_same);
        row.kind = conflict ? agreement::conflict : best_same ? agreement::matched : agreement::unrated;
        // a conflict names the KB claims on the other side; otherwise every KB claim's sources
        for (auto const& e : conflict ? conflicting : a->second) add_sources(row, e);
        if (conflict) {
          row.kb_actions.clear();
          for (auto const& e : conflicting)
            if (std::find(row.kb_actions.begin(), row.kb_actions.end(), action_text(e)) == row.kb_actions.end())
              row.kb_actions.push_back(action_text(e));
        }
      }
      std::sort(row.kb_actions.begin(), row.kb_actions.end());
      r.rows.push_back(std::move(row));
    }
    for (auto const& [ti, es] : actions) {
      if (named.count(ti)) continue;
      agreement_row row;
      row.kind = agreement::kb_only;
      row.drug_id = kb[d].id;
      row.drug = kb[d].name;
      row.target_id = kb[target_id{ti}].id;
      row.target = kb[target_id{ti}].name;
      for (auto const& e : es) {
        if (std::find(row.kb_actions.begin(), row.kb_actions.end(), action_text(e)) == row.kb_actions.end())
          row.kb_actions.push_back(action_text(e));
        add_sources(row, e);
      }
      std::sort(row.kb_actions.begin(), row.kb_actions.end());
      r.rows.push_back(std::move(row));
    }
  }
  for (auto const& row : r.rows) switch (row.kind) {
      case agreement::conflict: ++r.conflicts; break;
      case agreement::matched: ++r.matched; break;
      case agreement::unrated: ++r.unrated; break;
      case agreement::path_only: ++r.path_only; break;
      case agreement::kb_only: ++r.kb_only; break;
    }
  std::stable_sort(r.rows.begin(), r.rows.end(), [](agreement_row const& x, agreement_row const& y) {
    if (x.kind != y.kind) return x.kind < y.kind;
    if (x.drug != y.drug) return x.drug < y.drug;
    return x.target < y.target;
  });
  return r;
}

}  // namespace pharmakon
