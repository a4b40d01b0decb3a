// Out-of-line definitions of the answers layer: composed from claims of the graph, no text.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "answers-inl.hpp holds the out-of-line definitions of answers.hpp: include answers.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "answers.hpp"

namespace pharmakon {

PHARMAKON_FUNC int reference_list::cite(knowledge_base const& kb, source_id id) {
  for (std::size_t i = 0; i < handles.size(); ++i)
    if (handles[i] == id.index()) return int(i) + 1;
  auto s = kb.share(id);
  handles.push_back(id.index());
  ids.push_back(s->id);
  sources.push_back(std::move(s));
  return int(ids.size());
}

PHARMAKON_FUNC std::vector<int> reference_list::cite(knowledge_base const& kb, std::span<source_id const> list) {
  std::vector<int> out;
  out.reserve(list.size());
  for (auto s : list) out.push_back(cite(kb, s));
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

namespace detail::answers {

inline kb_info info_of(knowledge_base const& kb) { return {kb.name(), kb.version(), kb.content_hash()}; }

inline evidence evidence_of(knowledge_base const& kb, claim_view c, reference_list& refs) {
  evidence ev;
  ev.refs = refs.cite(kb, c.sources());
  ev.tier = c.tier();
  ev.negated = c.negated();
  ev.hypothesis = c.hypothesis();
  ev.unverified = c.unverified();
  for (auto s : c.sources()) ev.unverified = ev.unverified || kb.get(s).unverified;
  ev.note = std::string(c.note());
  return ev;
}

inline target_ref target_of(knowledge_base const& kb, target_id t) {
  auto const& x = kb[t];
  return {x.id, x.name, x.gene_symbol, x.family, x.synonyms};
}

/// Claims that take part in a negation conflict: shown as conflicts, never used as established facts.
inline std::unordered_set<std::uint32_t> disputed_claims(knowledge_base const& kb) {
  std::unordered_set<std::uint32_t> out;
  for (auto const& c : kb.conflicts()) {
    out.insert(c.first.index());
    out.insert(c.second.index());
  }
  return out;
}

/// Targets an effect is mediated by.
inline std::vector<target_id> mediators(knowledge_base const& kb, effect_id e) {
  std::vector<target_id> out;
  for (auto m : kb.out<rel::mediated_by>(e))
    if (!m.negated()) out.push_back(m.to());
  return out;
}

inline std::string relation_phrase(relation_kind k, bool negated) {
  switch (k) {
    case relation_kind::acts_on: return negated ? "does not act on" : "acts on";
    default: return negated ? fmt::format("not {}", to_string(k)) : std::string(to_string(k));
  }
}

inline std::string conflict_side_text(knowledge_base const& kb, claim_view c) {
  if (c.negated()) return relation_phrase(c.kind(), true);
  if (auto e = kb.claim_as<rel::acts_on>(c.id())) return std::string(to_string(e->payload().type));
  return relation_phrase(c.kind(), false);
}

}  // namespace detail::answers

PHARMAKON_FUNC mechanism_answer mechanism_of(knowledge_base const& kb, drug_id d) {
  using namespace detail::answers;
  mechanism_answer a;
  auto const& dr = kb[d];
  a.kb = info_of(kb);
  a.drug_id = dr.id;
  a.drug = dr.name;
  a.synonyms = dr.synonyms;
  a.drug_class = dr.drug_class;
  a.identifiers = dr.ids;
  auto& refs = a.references;
  refs.sources.reserve(32);
  refs.ids.reserve(32);
  refs.handles.reserve(32);
  auto disputed = disputed_claims(kb);

  // receptor actions
  a.actions.reserve(kb.out<rel::acts_on>(d).count());
  std::vector<std::pair<target_id, bool>> acting;  // targets with an established (undisputed, asserted) action
  for (auto e : kb.out<rel::acts_on>(d)) {
    target_action ta;
    ta.target = target_of(kb, e.to());
    ta.act = e.payload();
    ta.best_p_affinity = ta.act.best_p_affinity();
    ta.ev = evidence_of(kb, e, refs);
    for (auto const& af : ta.act.affinities) ta.affinity_refs.push_back(refs.cite(kb, af.sources));
    bool in_dispute = disputed.count(e.id().index()) > 0;
    if (in_dispute && std::find(a.disputed.begin(), a.disputed.end(), ta.target.name) == a.disputed.end())
      a.disputed.push_back(ta.target.name);
    if (!e.negated() && !in_dispute) acting.emplace_back(e.to(), true);
    a.actions.push_back(std::move(ta));
  }
  std::stable_sort(a.actions.begin(), a.actions.end(), [](target_action const& x, target_action const& y) {
    if (x.ev.negated != y.ev.negated) return !x.ev.negated;
    if (x.ev.tier != y.ev.tier) return x.ev.tier < y.ev.tier;
    return x.best_p_affinity.value_or(-1) > y.best_p_affinity.value_or(-1);
  });

  // summary: undisputed asserted actions grouped by type, targets by affinity
  {
    std::map<action_type, std::vector<target_action const*>> groups;
    for (auto const& ta : a.actions)
      if (!ta.ev.negated && std::find(a.disputed.begin(), a.disputed.end(), ta.target.name) == a.disputed.end())
        groups[ta.act.type].push_back(&ta);
    for (auto const& [type, list] : groups) {
      action_summary s;
      s.type = type;
      s.pure = std::all_of(list.begin(), list.end(), [](auto* t) { return t->act.efficacy && *t->act.efficacy == 0.0; });
      s.mode = list.front()->act.modality;
      s.reversible = list.front()->act.reversible;
      s.surmountable = list.front()->act.surmountable;
      for (auto* t : list) {
        if (t->act.modality != s.mode) s.mode = modality::unknown;
        if (t->act.reversible != s.reversible) s.reversible.reset();
        if (t->act.surmountable != s.surmountable) s.surmountable.reset();
      }
      // best affinity per target over all its claims of this type
      std::vector<std::pair<double, std::string>> ranked;
      for (auto* t : list) {
        auto it = std::find_if(ranked.begin(), ranked.end(), [&](auto const& r) { return r.second == t->target.name; });
        double p = t->best_p_affinity.value_or(-1);
        if (it == ranked.end()) ranked.emplace_back(p, t->target.name);
        else it->first = std::max(it->first, p);
        s.refs.insert(s.refs.end(), t->ev.refs.begin(), t->ev.refs.end());
      }
      std::stable_sort(ranked.begin(), ranked.end(), [](auto const& x, auto const& y) { return x.first > y.first; });
      for (auto const& r : ranked) s.targets.push_back(r.second);
      if (ranked.size() >= 2 && ranked[0].first >= 0 && ranked[1].first >= 0 && ranked[0].first > ranked[1].first)
        s.highest_affinity = ranked[0].second;
      std::sort(s.refs.begin(), s.refs.end());
      s.refs.erase(std::unique(s.refs.begin(), s.refs.end()), s.refs.end());
      a.summary.push_back(std::move(s));
    }
    // the group with the most targets first (the drug's main action), then by type
    std::stable_sort(a.summary.begin(), a.summary.end(),
                     [](auto const& x, auto const& y) { return x.targets.size() > y.targets.size(); });
  }

  // effects
  auto add_effects = [&](auto tag, relation_kind k) {
    using R = decltype(tag);
    for (auto e : kb.out<R>(d)) {
      effect_statement s;
      s.how = k;
      s.effect_id = kb[e.to()].id;
      s.effect = kb[e.to()].name;
      for (auto t : mediators(kb, e.to()))
        if (std::any_of(acting.begin(), acting.end(), [&](auto const& x) { return x.first == t; }))
          s.via.push_back(kb[t].name);
      s.ev = evidence_of(kb, e, refs);
      a.effects.push_back(std::move(s));
    }
  };
  add_effects(rel::blocks{}, relation_kind::blocks);
  add_effects(rel::reduces{}, relation_kind::reduces);
  add_effects(rel::produces{}, relation_kind::produces);

  for (auto e : kb.out<rel::indicated_for>(d))
    a.indications.push_back({kb[e.to()].id, kb[e.to()].name, e.payload().adjunct, evidence_of(kb, e, refs)});

  for (auto e : kb.out<rel::dosed_as>(d)) {
    regimen_statement s;
    s.r = kb[e.to()];
    for (auto c : kb.out<rel::regimen_for>(e.to())) s.condition = kb[c.to()].name;
    s.ev = evidence_of(kb, e, refs);
    a.regimens.push_back(std::move(s));
  }

  for (auto e : kb.out<rel::carries>(d)) {
    warning_statement s;
    s.drug = dr.name;
    s.w = kb[e.to()];
    for (auto c : kb.out<rel::concerns>(e.to())) s.concerns.push_back(kb[c.to()].name);
    s.ev = evidence_of(kb, e, refs);
    a.warnings.push_back(std::move(s));
  }
  std::stable_sort(a.warnings.begin(), a.warnings.end(), [](auto const& x, auto const& y) {
    if (x.w.severity != y.w.severity) return x.w.severity < y.w.severity;
    return x.w.kind < y.w.kind;
  });

  for (auto e : kb.in<rel::modulates_response>(d)) {
    pgx_statement s;
    s.variant_id = kb[e.from()].id;
    s.variant = kb[e.from()].name;
    for (auto g : kb.out<rel::variant_of>(e.from())) s.gene = kb[g.to()].symbol;
    s.finding = e.payload().finding;
    s.outcome = e.payload().outcome;
    s.ev = evidence_of(kb, e, refs);
    a.pharmacogenetics.push_back(std::move(s));
  }

  for (auto const& c : kb.conflicts_of(d)) {
    auto x = kb.claim(c.first), y = kb.claim(c.second);
    conflict_statement s;
    s.why = c.why;
    s.subject = kb.base(x.from()).name;
    s.relation = x.kind();
    s.object = kb.base(x.to()).name;
    s.first = {conflict_side_text(kb, x), evidence_of(kb, x, refs)};
    s.second = {conflict_side_text(kb, y), evidence_of(kb, y, refs)};
    a.conflicts.push_back(std::move(s));
  }
  return a;
}

namespace detail::answers {

struct target_user {
  std::uint32_t drug;  ///< index into the query list
  action_type type;
  std::uint32_t claim;
};

enum class role : std::uint8_t { none, agonist_full, agonist_partial, antagonist };
inline role role_of(action_type t) {
  if (t == action_type::partial_agonist) return role::agonist_partial;
  if (is_agonist(t)) return role::agonist_full;
  if (is_antagonist(t)) return role::antagonist;
  return role::none;
}

}  // namespace detail::answers

PHARMAKON_FUNC interaction_answer screen_interactions(knowledge_base const& kb, std::span<drug_id const> drugs) {
  using namespace detail::answers;
  interaction_answer out;
  out.kb = info_of(kb);
  std::vector<drug_id> list;
  for (auto d : drugs)
    if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
  for (auto d : list) out.drugs.push_back(kb[d].name);
  auto disputed = disputed_claims(kb);

  // targets -> the listed drugs acting on them (established claims only)
  // one claim per (drug, target): the best-tier established claim
  std::unordered_map<std::uint32_t, std::vector<target_user>> users;
  for (std::uint32_t i = 0; i < list.size(); ++i)
    for (auto e : kb.out<rel::acts_on>(list[i])) {
      if (e.negated() || disputed.count(e.id().index()) || role_of(e.payload().type) == role::none) continue;
      auto& u = users[e.to().index()];
      auto same = std::find_if(u.begin(), u.end(), [&](target_user const& x) { return x.drug == i; });
      if (same == u.end()) u.push_back({i, e.payload().type, e.id().index()});
      else if (e.tier() < kb.claim(claim_id{same->claim}).tier()) *same = {i, e.payload().type, e.id().index()};
    }

  std::vector<std::uint32_t> shared;
  for (auto const& [t, u] : users)
    if (u.size() >= 2) shared.push_back(t);
  std::sort(shared.begin(), shared.end());

  auto& refs = out.references;
  auto warnings_between = [&](drug_id holder, target_id t, action_type other_action, std::vector<warning_statement>& ws,
                              std::vector<path_step>& path) {
    for (auto c : kb.out<rel::carries>(holder)) {
      auto const& w = kb[c.to()];
      bool concerns_target = false;
      evidence concern_ev;
      for (auto x : kb.out<rel::concerns>(c.to()))
        if (x.to() == t) {
          concerns_target = true;
          concern_ev = evidence_of(kb, x, refs);
        }
      if (!concerns_target) continue;
      if (!w.concerns_action.empty() &&
          std::find(w.concerns_action.begin(), w.concerns_action.end(), other_action) == w.concerns_action.end())
        continue;
      warning_statement s;
      s.drug = kb[holder].name;
      s.w = w;
      s.concerns.push_back(kb[t].name);
      s.ev = evidence_of(kb, c, refs);
      path.push_back({kb[holder].name, relation_kind::carries, std::string(to_string(w.kind)), w.name, s.ev.refs});
      path.push_back({w.name, relation_kind::concerns, "", kb[t].name, concern_ev.refs});
      ws.push_back(std::move(s));
    }
  };
  auto produced_via = [&](drug_id dr, target_id t, std::vector<path_step>& path, std::vector<std::string>& names,
                          std::set<std::uint32_t>* only = nullptr) {
    for (auto p : kb.out<rel::produces>(dr)) {
      if (p.negated()) continue;
      if (only && !only->count(p.to().index())) continue;
      for (auto m : kb.out<rel::mediated_by>(p.to()))
        if (!m.negated() && m.to() == t) {
          if (std::find(names.begin(), names.end(), kb[p.to()].name) == names.end()) names.push_back(kb[p.to()].name);
          path.push_back({kb[dr].name, relation_kind::produces, "", kb[p.to()].name, evidence_of(kb, p, refs).refs});
          path.push_back({kb[p.to()].name, relation_kind::mediated_by, "", kb[t].name, evidence_of(kb, m, refs).refs});
        }
    }
  };

  for (auto t_index : shared) {
    target_id t{t_index};
    auto const& u = users[t_index];
    for (std::size_t i = 0; i < u.size(); ++i)
      for (std::size_t j = i + 1; j < u.size(); ++j) {
        if (u[i].drug == u[j].drug) continue;
        auto x = u[i], y = u[j];
        auto rx = role_of(x.type), ry = role_of(y.type);
        interaction in;
        // orient: the antagonist (or the partial agonist) first
        if (ry == role::antagonist && rx != role::antagonist) std::swap(x, y), std::swap(rx, ry);
        if (ry == role::agonist_partial && rx == role::agonist_full) std::swap(x, y), std::swap(rx, ry);
        if (rx == role::antagonist && ry == role::antagonist) in.kind = interaction_kind::duplicate, in.level = severity::minor;
        else if (rx == role::antagonist) in.kind = interaction_kind::blockade, in.level = severity::moderate;
        else if (rx == role::agonist_partial && ry == role::agonist_full)
          in.kind = interaction_kind::displacement, in.level = severity::moderate;
        else in.kind = interaction_kind::additive, in.level = severity::moderate;
        auto dx = list[x.drug], dy = list[y.drug];
        in.first = kb[dx].name;
        in.second = kb[dy].name;
        in.target = target_of(kb, t);
        in.first_action = x.type;
        in.second_action = y.type;
        auto cx = *kb.claim_as<rel::acts_on>(claim_id{x.claim});
        auto cy = *kb.claim_as<rel::acts_on>(claim_id{y.claim});
        in.path.push_back({in.first, relation_kind::acts_on, std::string(to_string(x.type)), in.target.name,
                           evidence_of(kb, cx, refs).refs});
        in.path.push_back({in.second, relation_kind::acts_on, std::string(to_string(y.type)), in.target.name,
                           evidence_of(kb, cy, refs).refs});
        if (in.kind == interaction_kind::blockade || in.kind == interaction_kind::displacement) {
          produced_via(dy, t, in.path, in.effects);
        } else if (in.kind == interaction_kind::additive) {
          std::set<std::uint32_t> by_x;
          for (auto p : kb.out<rel::produces>(dx))
            if (!p.negated()) by_x.insert(p.to().index());
          std::vector<std::string> ignored;
          produced_via(dy, t, in.path, in.effects, &by_x);
          std::set<std::uint32_t> by_y;
          for (auto p : kb.out<rel::produces>(dy))
            if (!p.negated()) by_y.insert(p.to().index());
          produced_via(dx, t, in.path, ignored, &by_y);
        }
        warnings_between(dx, t, y.type, in.warnings, in.path);
        warnings_between(dy, t, x.type, in.warnings, in.path);
        for (auto const& w : in.warnings) in.level = std::min(in.level, w.w.severity);
        out.interactions.push_back(std::move(in));
      }
  }
  std::stable_sort(out.interactions.begin(), out.interactions.end(),
                   [](auto const& a, auto const& b) { return a.level < b.level; });
  return out;
}

namespace detail::answers {

inline std::string dose_text(regimen const& r) {
  if (r.dose_max) return fmt::format("{} to {}", r.dose, *r.dose_max);
  return fmt::format("{}", r.dose);
}
inline int verdict_rank(dose_verdict v) {
  switch (v) {
    case dose_verdict::wrong_dimension: return 0;
    case dose_verdict::wrong_route: return 1;
    case dose_verdict::above: return 2;
    case dose_verdict::below: return 3;
    case dose_verdict::too_frequent: return 4;
    case dose_verdict::too_infrequent: return 5;
    case dose_verdict::precondition_unmet: return 6;
    default: return 7;
  }
}

}  // namespace detail::answers

PHARMAKON_FUNC dose_answer check_dose(knowledge_base const& kb, drug_id d, dose_query const& q) {
  using namespace detail::answers;
  dose_answer a;
  a.kb = info_of(kb);
  a.drug = kb[d].name;
  a.query = q;
  if (q.condition) a.condition = kb[*q.condition].name;
  auto& refs = a.references;
  for (auto e : kb.out<rel::dosed_as>(d)) {
    if (e.negated()) continue;
    regimen_id rid = e.to();
    auto const& r = kb[rid];
    if (q.condition) {
      bool for_it = false;
      for (auto c : kb.out<rel::regimen_for>(rid)) for_it = for_it || c.to() == *q.condition;
      if (!for_it) continue;
    }
    regimen_check chk;
    chk.regimen.r = r;
    for (auto c : kb.out<rel::regimen_for>(rid)) chk.regimen.condition = kb[c.to()].name;
    chk.regimen.ev = evidence_of(kb, e, refs);

    if (q.dose.dim() != r.dose.dim()) {
      chk.issues.push_back({dose_verdict::wrong_dimension, 1.0,
                            fmt::format("a {} such as {}", to_string(r.dose.dim()), r.dose),
                            fmt::format("{} (a {})", q.dose, to_string(q.dose.dim()))});
    } else {
      double x = q.dose.base_value(), lo = r.dose.base_value(), hi = r.dose_max ? r.dose_max->base_value() : lo;
      constexpr double tol = 1e-9;
      if (x < lo * (1 - tol)) chk.issues.push_back({dose_verdict::below, lo / x, dose_text(r), fmt::format("{}", q.dose)});
      else if (x > hi * (1 + tol)) chk.issues.push_back({dose_verdict::above, x / hi, dose_text(r), fmt::format("{}", q.dose)});
    }
    if (q.route && *q.route != r.route)
      chk.issues.push_back({dose_verdict::wrong_route, 1.0, std::string(to_string(r.route)), std::string(to_string(*q.route))});
    if (q.every && !r.as_needed) {
      if (auto iv = r.interval()) {
        double ratio = q.every->base_value() / iv->base_value();
        if (ratio < 0.95)
          chk.issues.push_back({dose_verdict::too_frequent, 1 / ratio, fmt::format("every {}", *iv), fmt::format("every {}", *q.every)});
        else if (ratio > 1.05)
          chk.issues.push_back({dose_verdict::too_infrequent, ratio, fmt::format("every {}", *iv), fmt::format("every {}", *q.every)});
      }
    }
    for (auto const& p : r.preconditions) {
      if (p.kind == precondition_kind::opioid_free && p.min) {
        auto want = p.recommended ? fmt::format("opioid-free for at least {} ({} recommended)", *p.min, *p.recommended)
                                  : fmt::format("opioid-free for at least {}", *p.min);
        if (!q.opioid_free_for) chk.unchecked.push_back(want);
        else if (q.opioid_free_for->base_value() < p.min->base_value())
          chk.issues.push_back({dose_verdict::precondition_unmet, p.min->base_value() / std::max(q.opioid_free_for->base_value(), 1e-9),
                                want, fmt::format("opioid-free for {}", *q.opioid_free_for)});
      } else {
        chk.unchecked.push_back(p.note.empty() ? std::string(to_string(p.kind)) : p.note);
      }
    }
    std::stable_sort(chk.issues.begin(), chk.issues.end(),
                     [](auto const& x, auto const& y) { return verdict_rank(x.verdict) < verdict_rank(y.verdict); });
    a.checks.push_back(std::move(chk));
  }
  auto distance = [](regimen_check const& c) {
    double s = 0;
    for (auto const& i : c.issues) s += 1000.0 * (7 - verdict_rank(i.verdict)) + std::abs(std::log(std::max(i.factor, 1e-12)));
    return s;
  };
  std::stable_sort(a.checks.begin(), a.checks.end(), [&](auto const& x, auto const& y) {
    if (x.issues.size() != y.issues.size()) return x.issues.size() < y.issues.size();
    return distance(x) < distance(y);
  });
  if (a.checks.empty()) a.verdict = dose_verdict::no_regimen;
  else if (a.checks.front().issues.empty()) a.verdict = dose_verdict::within;
  else a.verdict = a.checks.front().issues.front().verdict;
  return a;
}

}  // namespace pharmakon
