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

/// A drug's half-life as an answer states it, citing its sources into `refs`; nullopt when it has none.
inline std::optional<half_life_statement> half_life_of(knowledge_base const& kb, drug const& dr, reference_list& refs) {
  if (!dr.half_life) return std::nullopt;
  half_life_statement h;
  h.low = dr.half_life->low;
  h.high = dr.half_life->high;
  h.note = dr.half_life->note;
  h.ev.refs = refs.cite(kb, dr.half_life->sources);
  h.ev.tier = evidence_tier::other;
  for (auto sid : dr.half_life->sources) {
    auto const& src = kb.get(sid);
    h.ev.tier = std::min(h.ev.tier, src.tier());
    h.ev.unverified = h.ev.unverified || src.unverified;
  }
  return h;
}


inline kb_info info_of(knowledge_base const& kb) {
  return {kb.name(), kb.version(), kb.content_hash(), kb.reviews() != nullptr};
}

inline evidence evidence_of(knowledge_base const& kb, claim_view c, reference_list& refs) {
  evidence ev;
  ev.refs = refs.cite(kb, c.sources());
  ev.tier = c.tier();
  ev.negated = c.negated();
  ev.hypothesis = c.hypothesis();
  ev.unverified = c.unverified();
  for (auto s : c.sources()) ev.unverified = ev.unverified || kb.get(s).unverified;
  ev.note = std::string(c.note());
  if (auto const* r = kb.review_of(c.id())) ev.review = *r;
  else if (auto to = c.object(); to.kind() == node_kind::warning || to.kind() == node_kind::regimen)
    if (auto const* er = kb.review_of(to)) ev.review = *er;  // a warning or regimen reviewed as an entity
  ev.updated = std::string(kb.updated(c.id()));
  return ev;
}

/// The warning a `carries` claim (of `kb.out<rel::carries>(drug)`) of drug `holder` names, with the targets it
/// concerns, citing into `refs`.
template <class Carries>
warning_statement warning_statement_of(knowledge_base const& kb, std::string const& holder, Carries const& carries,
                                       reference_list& refs) {
  warning_statement s;
  s.drug = holder;
  s.w = kb[carries.object()];
  for (auto c : kb.out<rel::concerns>(carries.object())) s.concerns.push_back(kb[c.object()].name);
  s.ev = evidence_of(kb, carries, refs);
  return s;
}

/// Most severe first, then by kind (boxed warning, contraindication, warning, precaution); stable.
inline void sort_warnings(std::vector<warning_statement>& ws) {
  std::stable_sort(ws.begin(), ws.end(), [](auto const& x, auto const& y) {
    if (x.w.severity != y.w.severity) return x.w.severity < y.w.severity;
    return x.w.kind < y.w.kind;
  });
}

inline target_ref target_of(knowledge_base const& kb, target_id t) {
  auto const& x = kb[t];
  return {x.id, x.name, x.gene_symbol, x.family, x.synonyms, x.lay_name};
}

/// Targets an effect is mediated by.
inline std::vector<target_id> mediators(knowledge_base const& kb, effect_id e) {
  std::vector<target_id> out;
  for (auto m : kb.out<rel::mediated_by>(e))
    if (!m.negated()) out.push_back(m.object());
  return out;
}

inline std::string relation_phrase(relation_kind k, bool negated) {
  switch (k) {
    case relation_kind::acts_on: return negated ? "does not act on" : "acts on";
    default: return negated ? detail::format("not {}", to_string(k)) : std::string(to_string(k));
  }
}

inline std::string conflict_side_text(knowledge_base const& kb, claim_view c) {
  if (c.negated()) return relation_phrase(c.kind(), true);
  if (auto e = kb.claim_as<rel::acts_on>(c.id())) return std::string(to_string(e->payload().type));
  return relation_phrase(c.kind(), false);
}

}  // namespace detail::answers

namespace detail::answers {

inline bool is_human(std::string_view species) {
  return species.empty() || species == "human" || species == "Homo sapiens";
}

/// The basis of an action claim (docs/answers.md, "Summary").
inline action_basis basis_of(knowledge_base const& kb, claim_view c, action const& a) {
  if (a.type == action_type::other) return action_basis::activity;
  bool curated = false;
  for (auto s : c.sources()) {
    auto k = kb.get(s).kind;
    if (k == source_kind::guideline || k == source_kind::label) return action_basis::stated;
    if (k == source_kind::database) curated = true;
  }
  return curated ? action_basis::curated : action_basis::study;
}

/// An affinity that more than one measurement supports: two or more sources, or a range of values.
inline bool corroborated(affinity const& af) { return af.sources.size() >= 2 || (!af.value && af.low && af.high); }

/// The tightest corroborated affinity of an action on the p-scale, human (or species not given) preferred.
inline std::optional<double> corroborated_p(action const& a) {
  std::optional<double> human, any;
  for (auto const& af : a.affinities) {
    if (!corroborated(af)) continue;
    double p = af.p_value();
    if (std::isnan(p)) continue;
    if (!any || p > *any) any = p;
    if (is_human(af.species) && (!human || p > *human)) human = p;
  }
  return human ? human : any;
}

/// How a summary ranks the claims about one target: best basis, then the target through which more of the drug's
/// stated effects are mediated (buprenorphine's analgesia, respiratory depression ... through mu, before its kappa
/// antagonism), then the tightest affinity, then more sources, then the better tier. (Only a
/// corroborated affinity can make a "highest affinity" statement; `corroborated` is kept for that.)
struct claim_rank {
  action_basis basis = action_basis::activity;
  std::size_t mediates = 0;  ///< the drug's stated effect claims mediated by the target
  double corroborated = -1;
  std::size_t sources = 0;
  double any = -1;
  evidence_tier tier = evidence_tier::other;
  /// true when *this ranks before `o`
  bool before(claim_rank const& o) const {
    if (basis != o.basis) return basis < o.basis;
    if (mediates != o.mediates) return mediates > o.mediates;
    if (any != o.any) return any > o.any;
    if (sources != o.sources) return sources > o.sources;
    return tier < o.tier;
  }
};

/// One acts_on claim of a drug as the mechanism answer uses it.
struct action_candidate {
  target_action ta;
  target_id target{};
  claim_rank rank;
  bool in_summary = true;  ///< not negated, and not the weaker (or an undecided) side of a conflict
};

/// Every acts_on claim of `d`, with its basis and rank; `disputed` receives the targets in conflict,
/// `summary_disputed` those where guideline- or label-tier sources disagree.
inline std::vector<action_candidate> action_candidates(knowledge_base const& kb, drug_id d, reference_list& refs,
                                                       std::vector<std::string>* disputed = nullptr,
                                                       std::vector<std::string>* summary_disputed = nullptr) {
  std::unordered_map<std::uint32_t, std::size_t> mediating;  // target -> how many of the drug's stated effects it mediates
  auto mediators_of = [&](auto tag) {
    using R = decltype(tag);
    for (auto e : kb.out<R>(d))
      if (!e.negated())
        for (auto t : mediators(kb, e.object())) ++mediating[t.index()];
  };
  mediators_of(rel::produces{});
  mediators_of(rel::blocks{});
  mediators_of(rel::reduces{});

  std::vector<action_candidate> out;
  std::unordered_map<std::uint32_t, std::size_t> by_claim;
  for (auto e : kb.out<rel::acts_on>(d)) {
    action_candidate c;
    c.target = e.object();
    auto& ta = c.ta;
    ta.target = target_of(kb, e.object());
    ta.species = kb[e.object()].species;
    ta.act = e.payload();
    ta.best_p_affinity = ta.act.best_p_affinity();
    ta.ev = evidence_of(kb, e, refs);
    for (auto const& af : ta.act.affinities) ta.affinity_refs.push_back(refs.cite(kb, af.sources));
    ta.basis = basis_of(kb, e, ta.act);
    auto m = mediating.find(e.object().index());
    c.rank = {ta.basis, m == mediating.end() ? 0 : m->second, corroborated_p(ta.act).value_or(-1),
              e.sources().size(), ta.best_p_affinity.value_or(-1), e.tier()};
    c.in_summary = !e.negated();
    by_claim[e.id().index()] = out.size();
    out.push_back(std::move(c));
  }
  // conflicts: guideline or label on both sides -> disputed in the summary; otherwise the better-ranked side is
  // used and an even conflict leaves the target out (the conflict has its own section either way)
  auto add = [](std::vector<std::string>* v, std::string const& name) {
    if (v && std::find(v->begin(), v->end(), name) == v->end()) v->push_back(name);
  };
  for (auto const& cf : kb.conflicts_of(d)) {
    auto x = by_claim.find(cf.first.index()), y = by_claim.find(cf.second.index());
    if (x == by_claim.end() || y == by_claim.end()) continue;
    auto& a = out[x->second];
    auto& b = out[y->second];
    add(disputed, a.ta.target.name);
    bool established = a.ta.ev.tier <= evidence_tier::label && b.ta.ev.tier <= evidence_tier::label;
    if (established) {
      add(summary_disputed, a.ta.target.name);
      a.in_summary = b.in_summary = false;
    } else if (a.rank.before(b.rank) && !b.rank.before(a.rank)) {
      b.in_summary = false;
    } else if (b.rank.before(a.rank)) {
      a.in_summary = false;
    } else {
      a.in_summary = b.in_summary = false;
    }
  }
  return out;
}

struct summary_parts {
  std::vector<action_summary> groups;
  std::size_t activity_targets = 0;
  std::size_t other_species_targets = 0;
};

/// The summary groups of a drug's candidate claims (docs/answers.md, "Summary").
inline summary_parts summarize(std::vector<action_candidate> const& cands, mechanism_options const& opts,
                               bool prodrug) {
  summary_parts out;
  std::vector<action_candidate const*> usable;
  for (auto const& c : cands)
    if (c.in_summary) usable.push_back(&c);
  // species: human (or not given) only, unless asked for all or there is no human target at all
  bool any_human = std::any_of(usable.begin(), usable.end(), [](auto* c) { return is_human(c->ta.species); });
  auto key_of = [](action_candidate const& c) {
    auto const& g = c.ta.target.gene_symbol;
    return (g.empty() ? "name:" + c.ta.target.name : "gene:" + g) + "\x1f" + (is_human(c.ta.species) ? "" : c.ta.species);
  };
  if (!opts.all_species && any_human) {
    std::set<std::string> others;
    std::vector<action_candidate const*> kept;
    for (auto* c : usable)
      if (is_human(c->ta.species)) kept.push_back(c);
      else others.insert(key_of(*c));
    out.other_species_targets = others.size();
    usable = std::move(kept);
  }
  // one target per gene and species: its best-ranked claim decides its group
  std::vector<std::string> keys;  // key_of each usable claim, computed once
  keys.reserve(usable.size());
  for (auto* c : usable) keys.push_back(key_of(*c));
  std::map<std::string, action_candidate const*> best;
  std::vector<std::string> order;
  for (std::size_t i = 0; i < usable.size(); ++i) {
    auto* c = usable[i];
    auto const& k = keys[i];
    auto [it, fresh] = best.try_emplace(k, c);
    if (fresh) order.push_back(k);
    else if (c->rank.before(it->second->rank)) it->second = c;
  }
  bool any_action = std::any_of(order.begin(), order.end(),
                                [&](auto const& k) { return best[k]->ta.basis != action_basis::activity; });
  struct group_build {
    action_summary s;
    std::vector<std::pair<claim_rank, std::string>> targets;  // rank of the target's claim, name
    std::vector<action_candidate const*> claims;
  };
  std::vector<group_build> groups;
  for (auto const& k : order) {
    auto* b = best[k];
    if (b->ta.basis == action_basis::activity && any_action) {
      ++out.activity_targets;
      continue;
    }
    auto type = b->ta.act.type;
    auto g = std::find_if(groups.begin(), groups.end(), [&](auto const& x) { return x.s.type == type; });
    if (g == groups.end()) {
      groups.emplace_back();
      g = std::prev(groups.end());
      g->s.type = type;
      g->s.basis = b->ta.basis;
    }
    g->s.basis = std::min(g->s.basis, b->ta.basis);
    g->targets.emplace_back(b->rank, b->ta.target.name);
    for (std::size_t i = 0; i < usable.size(); ++i)  // every usable claim of this type at this target supports the statement
      if (usable[i]->ta.act.type == type && keys[i] == k) g->claims.push_back(usable[i]);
  }
  for (auto& g : groups) {
    auto& s = g.s;
    auto const& first = g.claims.front()->ta.act;
    s.pure = std::all_of(g.claims.begin(), g.claims.end(),
                         [](auto* c) { return c->ta.act.efficacy && *c->ta.act.efficacy == 0.0; });
    s.modality = first.modality;
    s.reversible = first.reversible;
    s.surmountable = first.surmountable;
    for (auto* c : g.claims) {
      if (c->ta.act.modality != s.modality) s.modality = modality::unknown;
      if (c->ta.act.reversible != s.reversible) s.reversible.reset();
      if (c->ta.act.surmountable != s.surmountable) s.surmountable.reset();
      s.refs.insert(s.refs.end(), c->ta.ev.refs.begin(), c->ta.ev.refs.end());
      for (auto const& r : c->ta.affinity_refs) s.refs.insert(s.refs.end(), r.begin(), r.end());
    }
    std::sort(s.refs.begin(), s.refs.end());
    s.refs.erase(std::unique(s.refs.begin(), s.refs.end()), s.refs.end());
    std::stable_sort(g.targets.begin(), g.targets.end(), [](auto const& x, auto const& y) { return x.first.before(y.first); });
    // "highest affinity at X": X's corroborated affinity is above every other target's affinity of the group,
    // and the drug's effect is its own (not a prodrug's metabolite's)
    if (!prodrug && g.targets.size() >= 2) {
      auto top = std::max_element(g.targets.begin(), g.targets.end(),
                                  [](auto const& x, auto const& y) { return x.first.corroborated < y.first.corroborated; });
      bool ranked = top->first.corroborated >= 0 &&
                    std::any_of(g.targets.begin(), g.targets.end(), [&](auto const& t) { return &t != &*top && t.first.any >= 0; }) &&
                    std::all_of(g.targets.begin(), g.targets.end(), [&](auto const& t) {
                      return &t == &*top || t.first.any < top->first.corroborated;
                    });
      if (ranked) s.highest_affinity = top->second;
    }
    for (auto const& t : g.targets) s.targets.push_back(t.second);
    if (opts.max_targets && s.targets.size() > opts.max_targets) {
      s.more = s.targets.size() - opts.max_targets;
      s.targets.resize(opts.max_targets);
      if (s.highest_affinity &&
          std::find(s.targets.begin(), s.targets.end(), *s.highest_affinity) == s.targets.end())
        s.highest_affinity.reset();
    }
  }
  // groups in the order of their best target
  std::stable_sort(groups.begin(), groups.end(),
                   [](auto const& x, auto const& y) { return x.targets.front().first.before(y.targets.front().first); });
  for (auto& g : groups) out.groups.push_back(std::move(g.s));
  return out;
}

inline std::string enzyme_name(knowledge_base const& kb, std::string const& id) {
  if (id.empty()) return {};
  auto t = kb.find<target>(id);
  if (!t) return id;
  auto const& x = kb[*t];
  return x.gene_symbol.empty() ? x.name : x.gene_symbol;
}

}  // namespace detail::answers

PHARMAKON_FUNC mechanism_answer mechanism_of(knowledge_base const& kb, drug_id d, mechanism_options const& opts) {
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

  // receptor actions, and the summary over them
  auto cands = action_candidates(kb, d, refs, &a.disputed_targets, &a.summary_disputed_targets);
  std::vector<std::pair<target_id, bool>> acting;  // targets with an established (undisputed, asserted) action
  for (auto const& c : cands)
    if (c.in_summary) acting.emplace_back(c.target, true);
  std::vector<std::size_t> idx(cands.size());
  for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t i, std::size_t j) {
    auto const& x = cands[i].ta;
    auto const& y = cands[j].ta;
    if (x.ev.negated != y.ev.negated) return !x.ev.negated;
    if (x.ev.tier != y.ev.tier) return x.ev.tier < y.ev.tier;
    if ((x.basis == action_basis::activity) != (y.basis == action_basis::activity)) return y.basis == action_basis::activity;
    if (detail::answers::is_human(x.species) != detail::answers::is_human(y.species)) return detail::answers::is_human(x.species);
    return x.best_p_affinity.value_or(-1) > y.best_p_affinity.value_or(-1);
  });
  auto parts = summarize(cands, opts, dr.prodrug);
  a.summary = std::move(parts.groups);
  a.activity_targets = parts.activity_targets;
  a.other_species_targets = parts.other_species_targets;
  a.actions.reserve(cands.size());
  for (auto i : idx) a.actions.push_back(std::move(cands[i].ta));

  // active metabolites (a prodrug acts mainly through them), with each one's leading action
  for (auto e : kb.out<rel::has_metabolite>(d)) {
    if (e.negated() || e.payload().active != true) continue;
    metabolite_statement m;
    m.metabolite_id = kb[e.object()].id;
    m.metabolite = kb[e.object()].name;
    m.formed_by = enzyme_name(kb, e.payload().formed_by);
    m.main = dr.prodrug;
    m.ev = evidence_of(kb, e, refs);
    reference_list scratch;  // the metabolite's claims, cited in the answer only for the action it shows
    auto mc = action_candidates(kb, e.object(), scratch);
    auto mp = summarize(mc, opts, kb[e.object()].prodrug);
    if (!mp.groups.empty() && mp.groups.front().basis != action_basis::activity) {
      auto g = mp.groups.front();
      g.highest_affinity.reset();  // the metabolite's action is a clause of the drug's summary
      std::vector<int> cited;
      for (int r : g.refs) cited.push_back(refs.cite(kb, source_id(scratch.handles[std::size_t(r - 1)])));
      std::sort(cited.begin(), cited.end());
      g.refs = std::move(cited);
      m.acts = std::move(g);
    }
    a.active_metabolites.push_back(std::move(m));
  }

  a.half_life = half_life_of(kb, dr, refs);

  // effects
  auto add_effects = [&](auto tag, relation_kind k) {
    using R = decltype(tag);
    for (auto e : kb.out<R>(d)) {
      effect_statement s;
      s.relation = k;
      s.effect_id = kb[e.object()].id;
      s.effect = kb[e.object()].name;
      s.lay_name = kb[e.object()].lay_name;
      for (auto t : mediators(kb, e.object()))
        if (std::any_of(acting.begin(), acting.end(), [&](auto const& x) { return x.first == t; }))
          s.via.push_back(kb[t].name);
      s.ev = evidence_of(kb, e, refs);
      a.effects.push_back(std::move(s));
    }
  };
  add_effects(rel::blocks{}, relation_kind::blocks);
  add_effects(rel::reduces{}, relation_kind::reduces);
  add_effects(rel::produces{}, relation_kind::produces);

  // what those targets mediate, where the drug's own effect claims do not already name the effect through them
  for (auto const& [t, established] : acting) {
    (void)established;
    for (auto m : kb.in<rel::mediated_by>(t)) {
      if (m.negated()) continue;
      auto const& eff = kb[m.subject()];
      auto const& tgt = kb[t];
      bool said = std::any_of(a.effects.begin(), a.effects.end(), [&](effect_statement const& e) {
        return e.effect_id == eff.id && std::find(e.via.begin(), e.via.end(), tgt.name) != e.via.end();
      });
      bool again = std::any_of(a.target_roles.begin(), a.target_roles.end(), [&](target_role_statement const& r) {
        return r.effect_id == eff.id && r.target_id == tgt.id;
      });
      if (said || again) continue;
      a.target_roles.push_back({tgt.id, tgt.name, eff.id, eff.name, evidence_of(kb, m, refs), eff.lay_name});
    }
  }

  for (auto e : kb.out<rel::indicated_for>(d))
    a.indications.push_back({kb[e.object()].id, kb[e.object()].name, e.payload().adjunct, evidence_of(kb, e, refs), kb[e.object()].lay_name});

  for (auto e : kb.out<rel::dosed_as>(d)) {
    regimen_statement s;
    s.r = kb[e.object()];
    for (auto c : kb.out<rel::regimen_for>(e.object())) s.condition = kb[c.object()].name;
    s.ev = evidence_of(kb, e, refs);
    a.regimens.push_back(std::move(s));
  }

  for (auto e : kb.out<rel::carries>(d)) a.warnings.push_back(warning_statement_of(kb, dr.name, e, refs));
  sort_warnings(a.warnings);

  for (auto e : kb.in<rel::modulates_response>(d)) {
    pgx_statement s;
    s.variant_id = kb[e.subject()].id;
    s.variant = kb[e.subject()].name;
    for (auto g : kb.out<rel::variant_of>(e.subject())) s.gene = kb[g.object()].symbol;
    s.finding = e.payload().finding;
    s.outcome = e.payload().outcome;
    s.ev = evidence_of(kb, e, refs);
    a.pharmacogenetics.push_back(std::move(s));
  }

  for (auto const& c : kb.conflicts_of(d)) {
    auto x = kb.claim(c.first), y = kb.claim(c.second);
    conflict_statement s;
    s.why = c.why;
    s.subject = kb.base(x.subject()).name;
    s.relation = x.kind();
    s.object = kb.base(x.object()).name;
    s.first = {conflict_side_text(kb, x), evidence_of(kb, x, refs)};
    s.second = {conflict_side_text(kb, y), evidence_of(kb, y, refs)};
    a.conflicts.push_back(std::move(s));
  }
  a.paths = mechanism_paths_of(kb, d, refs);  // after every other statement: existing reference numbers stay
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

namespace detail::answers {

/// A drug's action at a receptor as the screen uses it: its own, or an active metabolite's (`via`).
struct effective_action {
  std::uint32_t target;
  action_type type;
  std::uint32_t claim;
  std::vector<std::uint32_t> via_claims;  ///< has_metabolite claims from the drug to the acting metabolite
  std::uint32_t acting_drug;               ///< the drug (or metabolite) index that acts
};

/// One screened drug and what the screen needs of it, gathered once.
struct screened {
  drug_id id;
  std::vector<effective_action> actions;  ///< one per target: the best-tier established claim
  std::vector<std::uint32_t> classes;     ///< drug classes it belongs to (stated, or by a class's rule)
  std::vector<std::uint32_t> class_claims;///< the member_of / inhibits / induces claim that puts it there
  bool has_metabolism = false;
};

inline bool strength_at_least(strength s, strength min) { return s <= min; }  // strong < moderate < weak

inline interaction_severity step_down(interaction_severity s) {
  return s == interaction_severity::minor ? s : interaction_severity(std::uint8_t(s) + 1);
}

/// The severity of an exposure change: the perpetrator's strength, lowered one step for a minor pathway.
inline interaction_severity exposure_severity(strength st, clearance const& c) {
  auto s = st == strength::strong ? interaction_severity::major
         : st == strength::moderate ? interaction_severity::moderate : interaction_severity::minor;
  if (c.pathway == pathway::minor) s = step_down(s);
  if (c.sensitive && st != strength::weak && s > interaction_severity::major) s = interaction_severity(std::uint8_t(s) - 1);
  return s;
}

inline management default_management(interaction_severity s) {
  switch (s) {
    case interaction_severity::contraindicated: return management::avoid;
    case interaction_severity::major: return management::avoid;
    case interaction_severity::moderate: return management::monitor;
    case interaction_severity::minor: return management::none;
  }
  return management::monitor;
}

}  // namespace detail::answers

PHARMAKON_FUNC interaction_answer screen_interactions(knowledge_base const& kb, std::span<std::string const> names) {
  std::vector<drug_id> found;
  std::vector<unscreened_drug> missing;
  for (auto const& n : names) {
    if (std::any_of(missing.begin(), missing.end(), [&](unscreened_drug const& u) { return u.name == n; })) continue;
    try {
      found.push_back(kb.at<drug>(n));
    } catch (lookup_error const& e) {  // the lookup's own words: unknown, or a class named instead of its drugs
      missing.push_back({n, e.what(), e.suggestions()});
    }
  }
  auto out = screen_interactions(kb, found);
  out.not_screened = std::move(missing);
  return out;
}

PHARMAKON_FUNC void require_screenable(knowledge_base const& kb, interaction_answer const& a) {
  if (!screenable(a)) (void)kb.at<drug>(a.not_screened.front().name);
}

PHARMAKON_FUNC interaction_answer screen_interactions(knowledge_base const& kb, std::span<drug_id const> drugs) {
  using namespace detail::answers;
  interaction_answer out;
  out.kb = info_of(kb);
  std::vector<drug_id> list;
  for (auto d : drugs)
    if (std::find(list.begin(), list.end(), d) == list.end()) list.push_back(d);
  for (auto d : list) out.drugs.push_back(kb[d].name);
  // a claim in a conflict is left out, unless its evidence tier is better than the other side's (a label over
  // a single study): then the better-supported side is used and the conflict stays in the mechanism answer
  std::unordered_set<std::uint32_t> disputed;
  for (auto const& c : kb.conflicts()) {
    auto ta = kb.claim(c.first).tier(), tb = kb.claim(c.second).tier();
    if (!(ta < tb)) disputed.insert(c.first.index());   // not better supported than the other side
    if (!(tb < ta)) disputed.insert(c.second.index());
  }
  auto& refs = out.references;

  // ---- what each drug brings: actions (its own and its active metabolites'), classes, metabolism ----
  std::vector<class_id> rule_classes;
  for (auto c : kb.handles<drug_class>())
    if (kb[c].defined_by_rule()) rule_classes.push_back(c);
  std::vector<screened> info(list.size());
  for (std::size_t i = 0; i < list.size(); ++i) {
    auto& x = info[i];
    x.id = list[i];
    // actions: BFS over active metabolites (diamorphine -> 6-MAM -> morphine), at most three steps
    struct frontier_item { drug_id d; std::vector<std::uint32_t> via; };
    std::vector<frontier_item> frontier{{list[i], {}}};
    std::set<std::uint32_t> seen{list[i].index()};
    for (int depth = 0; depth < 4 && !frontier.empty(); ++depth) {
      std::vector<frontier_item> next;
      for (auto const& f : frontier) {
        for (auto e : kb.out<rel::acts_on>(f.d)) {
          if (e.negated() || disputed.count(e.id().index()) || role_of(e.payload().type) == role::none) continue;
          auto same = std::find_if(x.actions.begin(), x.actions.end(),
                                   [&](effective_action const& a) { return a.target == e.object().index(); });
          effective_action a{e.object().index(), e.payload().type, e.id().index(), f.via, f.d.index()};
          if (same == x.actions.end()) x.actions.push_back(std::move(a));
          // the drug's own claims first, then the best tier
          else if (same->via_claims.size() > f.via.size() ||
                   (same->via_claims.size() == f.via.size() && e.tier() < kb.claim(claim_id{same->claim}).tier()))
            *same = std::move(a);
        }
        for (auto m : kb.out<rel::has_metabolite>(f.d)) {
          if (m.negated() || m.payload().active != true || !seen.insert(m.object().index()).second) continue;
          auto via = f.via;
          via.push_back(m.id().index());
          next.push_back({m.object(), std::move(via)});
        }
      }
      frontier = std::move(next);
    }
    for (auto m : kb.out<rel::member_of>(list[i]))
      if (!m.negated()) {
        x.classes.push_back(m.object().index());
        x.class_claims.push_back(m.id().index());
      }
    auto rule_member = [&](auto range, bool inhibit) {
      for (auto e : range) {
        if (e.negated()) continue;
        for (auto c : rule_classes) {
          auto const& cl = kb[c];
          auto const& want = inhibit ? cl.inhibitors_of : cl.inducers_of;
          if (want.empty() || want != kb[e.object()].id || !strength_at_least(e.payload().strength, cl.min_strength)) continue;
          if (std::find(x.classes.begin(), x.classes.end(), c.index()) != x.classes.end()) continue;
          x.classes.push_back(c.index());
          x.class_claims.push_back(e.id().index());
        }
      }
    };
    rule_member(kb.out<rel::inhibits>(list[i]), true);
    rule_member(kb.out<rel::induces>(list[i]), false);
    x.has_metabolism = !kb.out<rel::substrate_of>(list[i]).empty() || !kb.out<rel::inhibits>(list[i]).empty() ||
                       !kb.out<rel::induces>(list[i]).empty() || !kb.out<rel::has_metabolite>(list[i]).empty();
    if (!x.has_metabolism) out.without_metabolism.push_back(kb[list[i]].name);
  }

  auto step_of = [&](claim_view c, std::string detail) {
    auto ev = evidence_of(kb, c, refs);
    return path_step{kb.base(c.subject()).name, c.kind(), std::move(detail), kb.base(c.object()).name, std::move(ev.refs),
                     std::move(ev.review), std::move(ev.updated)};
  };
  auto add_via = [&](std::vector<path_step>& path, std::vector<std::uint32_t> const& via, evidence_tier& tier) {
    for (auto c : via) {
      auto m = *kb.claim_as<rel::has_metabolite>(claim_id{c});
      path.push_back(step_of(m, m.payload().active == true ? "active metabolite" : "metabolite"));
      tier = std::min(tier, m.tier());
    }
  };
  auto effects_of = [&](drug_id d, bool adverse_only) {
    std::vector<effect_id> outv;
    for (auto p : kb.out<rel::produces>(d))
      if (!p.negated() && (!adverse_only || kb[p.object()].combined) &&
          std::find(outv.begin(), outv.end(), p.object()) == outv.end())
        outv.push_back(p.object());
    return outv;
  };
  // the effects that change with a drug's exposure: its adverse effects when it rises, its intended (therapeutic)
  // effects first when it falls
  auto exposure_effects = [&](drug_id d, bool rises) {
    std::vector<std::string> names;
    auto all = effects_of(d, false);
    for (auto e : all)
      if (kb[e].combined.has_value() == rises) names.push_back(kb[e].name);
    if (names.empty())
      for (auto e : all) names.push_back(kb[e].name);
    return names;
  };
  auto warnings_between = [&](drug_id holder, target_id t, action_type other_action, std::vector<warning_statement>& ws,
                              std::vector<path_step>& path) {
    for (auto c : kb.out<rel::carries>(holder)) {
      auto const& w = kb[c.object()];
      bool concerns_target = false;
      evidence concern_ev;
      for (auto x : kb.out<rel::concerns>(c.object()))
        if (x.object() == t) {
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
      path.push_back({kb[holder].name, relation_kind::carries, std::string(to_string(w.kind)), w.name, s.ev.refs, s.ev.review,
                      s.ev.updated});
      path.push_back({w.name, relation_kind::concerns, "", kb[t].name, concern_ev.refs, concern_ev.review, concern_ev.updated});
      ws.push_back(std::move(s));
    }
  };
  auto produced_via = [&](drug_id dr, target_id t, std::vector<path_step>& path, std::vector<std::string>& names,
                          std::set<std::uint32_t> const* only, bool peripheral_only) {
    for (auto p : kb.out<rel::produces>(dr)) {
      if (p.negated()) continue;
      if (only && !only->count(p.object().index())) continue;
      if (peripheral_only && kb[p.object()].site != site::peripheral) continue;
      for (auto m : kb.out<rel::mediated_by>(p.object()))
        if (!m.negated() && m.object() == t) {
          if (std::find(names.begin(), names.end(), kb[p.object()].name) == names.end()) names.push_back(kb[p.object()].name);
          path.push_back(step_of(p, ""));
          path.push_back(step_of(m, ""));
        }
    }
  };
  auto severity_of_warning = [](warning const& wr) {
    auto w = wr.severity;
    if (wr.kind == warning_kind::contraindication) return interaction_severity::contraindicated;
    return w == severity::life_threatening ? interaction_severity::major
         : w == severity::serious ? interaction_severity::major
         : w == severity::moderate ? interaction_severity::moderate : interaction_severity::minor;
  };

  std::vector<interaction> found;
  for (std::size_t i = 0; i < list.size(); ++i)
    for (std::size_t j = i + 1; j < list.size(); ++j) {
      auto const& X = info[i];
      auto const& Y = info[j];
      std::vector<interaction> pair;

      // ---- 1. same receptor ----
      for (auto const& ax : X.actions)
        for (auto const& ay : Y.actions) {
          if (ax.target != ay.target) continue;
          target_id t{ax.target};
          if (kb[t].type == target_type::enzyme || kb[t].type == target_type::transporter) continue;
          auto x = &ax, y = &ay;
          drug_id dx = list[i], dy = list[j];
          auto rx = role_of(x->type), ry = role_of(y->type);
          if (ry == role::antagonist && rx != role::antagonist) std::swap(x, y), std::swap(rx, ry), std::swap(dx, dy);
          if (ry == role::agonist_partial && rx == role::agonist_full) std::swap(x, y), std::swap(rx, ry), std::swap(dx, dy);
          interaction in;
          in.mechanism = interaction_mechanism::same_target;
          bool peripheral = kb[dx].site == site::peripheral && rx == role::antagonist;
          if (rx == role::antagonist && ry == role::antagonist)
            in.kind = interaction_kind::duplicate, in.severity = interaction_severity::minor;
          else if (rx == role::antagonist)
            in.kind = peripheral ? interaction_kind::peripheral_blockade : interaction_kind::blockade,
            in.severity = peripheral ? interaction_severity::minor : interaction_severity::moderate;
          else if (rx == role::agonist_partial && ry == role::agonist_full)
            in.kind = interaction_kind::displacement, in.severity = interaction_severity::moderate;
          else
            in.kind = interaction_kind::additive, in.severity = interaction_severity::moderate;
          in.direction = in.kind == interaction_kind::additive ? direction::increase : direction::decrease;
          in.first = kb[dx].name;
          in.second = kb[dy].name;
          in.target = target_of(kb, t);
          in.first_action = x->type;
          in.second_action = y->type;
          in.tier = evidence_tier::other;
          auto cx = *kb.claim_as<rel::acts_on>(claim_id{x->claim});
          auto cy = *kb.claim_as<rel::acts_on>(claim_id{y->claim});
          add_via(in.path, x->via_claims, in.tier);
          in.path.push_back(step_of(cx, std::string(to_string(x->type))));
          add_via(in.path, y->via_claims, in.tier);
          in.path.push_back(step_of(cy, std::string(to_string(y->type))));
          in.tier = std::min({in.tier, cx.tier(), cy.tier()});
          drug_id acting_y{y->acting_drug}, acting_x{x->acting_drug};
          if (in.kind == interaction_kind::blockade || in.kind == interaction_kind::displacement ||
              in.kind == interaction_kind::peripheral_blockade) {
            produced_via(acting_y, t, in.path, in.effects, nullptr, peripheral);
            if (acting_y != dy) produced_via(dy, t, in.path, in.effects, nullptr, peripheral);
          } else if (in.kind == interaction_kind::additive) {
            std::set<std::uint32_t> by_x, by_y;
            for (auto e : effects_of(acting_x, false)) by_x.insert(e.index());
            for (auto e : effects_of(dx, false)) by_x.insert(e.index());
            for (auto e : effects_of(acting_y, false)) by_y.insert(e.index());
            for (auto e : effects_of(dy, false)) by_y.insert(e.index());
            std::vector<std::string> ignored;
            produced_via(acting_y, t, in.path, in.effects, &by_x, false);
            produced_via(acting_x, t, in.path, ignored, &by_y, false);
            // the shared effects that add up and have a severity of their own (respiratory depression: major)
            for (auto e : by_x)
              if (by_y.count(e) && kb[effect_id{e}].combined)
                in.severity = std::min(in.severity, *kb[effect_id{e}].combined);
          }
          warnings_between(dx, t, y->type, in.warnings, in.path);
          warnings_between(dy, t, x->type, in.warnings, in.path);
          for (auto const& w : in.warnings) {
            in.severity = std::min(in.severity, severity_of_warning(w.w));
            in.tier = std::min(in.tier, w.ev.tier);
          }
          in.management = default_management(in.severity);
          pair.push_back(std::move(in));
        }

      // receptors where nothing is at stake (no effect mediated there, no warning) are noise beside one where
      // something is: keep them only when no receptor of the pair has effects, and then only the first
      {
        bool any_effects = std::any_of(pair.begin(), pair.end(), [](interaction const& p) {
          return !p.effects.empty() || !p.warnings.empty();
        });
        std::vector<interaction> kept;
        for (auto& p : pair)
          if (!p.effects.empty() || !p.warnings.empty() || (!any_effects && kept.empty())) kept.push_back(std::move(p));
        pair = std::move(kept);
      }

      // ---- 2. the same effect through different targets ----
      {
        std::vector<effect_id> ex = effects_of(list[i], true), ey = effects_of(list[j], true);
        interaction in;
        in.mechanism = interaction_mechanism::same_effect;
        in.kind = interaction_kind::additive;
        in.direction = direction::increase;
        in.first = kb[list[i]].name;
        in.second = kb[list[j]].name;
        in.severity = interaction_severity::minor;
        in.tier = evidence_tier::other;
        bool any = false;
        for (auto e : ex) {
          if (std::find(ey.begin(), ey.end(), e) == ey.end()) continue;
          bool covered = false;  // already explained by a shared receptor
          for (auto const& p : pair)
            if (p.mechanism == interaction_mechanism::same_target && p.kind == interaction_kind::additive &&
                std::find(p.effects.begin(), p.effects.end(), kb[e].name) != p.effects.end())
              covered = true;
          if (covered) continue;
          any = true;
          in.effects.push_back(kb[e].name);
          in.severity = std::min(in.severity, *kb[e].combined);
          for (auto d : {list[i], list[j]})
            for (auto p : kb.out<rel::produces>(d))
              if (p.object() == e && !p.negated()) {
                in.path.push_back(step_of(p, ""));
                in.tier = std::min(in.tier, p.tier());
              }
        }
        if (any) {
          // two drugs that already add up at one receptor: their other shared effects belong to that finding
          auto shared = std::find_if(pair.begin(), pair.end(), [](interaction const& p) {
            return p.mechanism == interaction_mechanism::same_target && p.kind == interaction_kind::additive;
          });
          if (shared != pair.end()) {
            for (auto& e : in.effects) shared->effects.push_back(std::move(e));
            for (auto& st : in.path) shared->path.push_back(std::move(st));
            shared->severity = std::min(shared->severity, in.severity);
            shared->management = default_management(shared->severity);
          } else {
            // inferred, not stated: labels that warn of an effect adding up (QT prolongation, serotonin syndrome,
            // CNS depression) mostly ask for caution and monitoring (an ECG, sedation, breathing); a label or
            // guideline statement that says to avoid the combination sets that below (step 4)
            in.management = in.severity == interaction_severity::contraindicated ? management::avoid : management::monitor;
            pair.push_back(std::move(in));
          }
        }
      }

      // ---- 3. exposure: an inhibitor or inducer of what clears the other drug or forms its metabolite ----
      for (int dirn = 0; dirn < 2; ++dirn) {
        auto perp = dirn == 0 ? list[i] : list[j];
        auto victim = dirn == 0 ? list[j] : list[i];
        auto modulators = [&](auto range, bool inhibit) {
          for (auto m : range) {
            if (m.negated()) continue;
            auto T = m.object();
            // the victim cleared by T: its exposure rises with an inhibitor, falls with an inducer
            bool forms_active = false;  // T activates the victim (a prodrug): the metabolite is what matters
            for (auto h : kb.out<rel::has_metabolite>(victim))
              if (!h.negated() && h.payload().active == true && h.payload().formed_by == kb[T].id) forms_active = true;
            for (auto s : kb.out<rel::substrate_of>(victim)) {
              if (s.negated() || s.object() != T || (forms_active && kb[victim].prodrug)) continue;
              interaction in;
              in.mechanism = interaction_mechanism::exposure;
              in.kind = inhibit ? interaction_kind::more_exposure : interaction_kind::less_exposure;
              in.direction = inhibit ? direction::increase : direction::decrease;
              in.first = kb[perp].name;
              in.second = kb[victim].name;
              in.target = target_of(kb, T);
              in.affected = kb[victim].name;
              in.severity = exposure_severity(m.payload().strength, s.payload());
              in.management = in.severity <= interaction_severity::major ? management::adjust_dose : management::monitor;
              in.path.push_back(step_of(m, std::string(to_string(m.payload().strength))));
              in.path.push_back(step_of(s, detail::format("{} pathway{}", to_string(s.payload().pathway),
                                                       s.payload().sensitive ? ", sensitive substrate" : "")));
              in.tier = std::min(m.tier(), s.tier());
              in.effects = exposure_effects(victim, inhibit);
              pair.push_back(std::move(in));
            }
            // a metabolite formed by T: less of it with an inhibitor, more with an inducer
            for (auto h : kb.out<rel::has_metabolite>(victim)) {
              if (h.negated() || h.payload().formed_by != kb[T].id) continue;
              interaction in;
              in.mechanism = interaction_mechanism::exposure;
              in.kind = inhibit ? interaction_kind::less_exposure : interaction_kind::more_exposure;
              in.direction = inhibit ? direction::decrease : direction::increase;
              in.first = kb[perp].name;
              in.second = kb[victim].name;
              in.target = target_of(kb, T);
              in.affected = kb[h.object()].name;
              bool active = h.payload().active == true;
              if (!active) continue;  // less of an inactive metabolite is no finding
              auto st = m.payload().strength;
              // a prodrug loses its effect (or, with an inducer, gains toxicity): moderate for a strong or moderate
              // perpetrator; otherwise the metabolite is one contributor among others
              in.severity = st == strength::weak ? interaction_severity::minor
                          : (kb[victim].prodrug || st == strength::strong) ? interaction_severity::moderate
                          : interaction_severity::minor;
              in.management = in.severity == interaction_severity::moderate ? management::adjust_dose : management::monitor;
              in.path.push_back(step_of(m, std::string(to_string(st))));
              in.path.push_back(step_of(h, "active metabolite"));
              in.tier = std::min(m.tier(), h.tier());
              in.effects = exposure_effects(h.object(), !inhibit);
              // a metabolite with no effects recorded: a prodrug's effects are its metabolite's; a drug that acts
              // itself keeps its own (its own exposure is the finding above)
              if (in.effects.empty() && kb[victim].prodrug) in.effects = exposure_effects(victim, !inhibit);
              pair.push_back(std::move(in));
            }
          }
        };
        modulators(kb.out<rel::inhibits>(perp), true);
        modulators(kb.out<rel::induces>(perp), false);
      }

      // ---- 4. what labels and guidelines state ----
      auto ends_of = [&](screened const& S) {
        std::vector<std::pair<any_node, std::int64_t>> e{{any_node(S.id), -1}};
        for (std::size_t k = 0; k < S.classes.size(); ++k)
          e.push_back({any_node(class_id{S.classes[k]}), std::int64_t(S.class_claims[k])});
        return e;
      };
      auto ex = ends_of(X), ey = ends_of(Y);
      std::set<std::uint32_t> used_stated;
      auto match = [&](std::vector<std::pair<any_node, std::int64_t>> const& a,
                       std::vector<std::pair<any_node, std::int64_t>> const& b, bool swapped) {
        for (auto const& [na, ca] : a)
          for (auto c : kb.out<rel::interacts_with>(na))
            for (auto const& [nb, cb] : b) {
              if (c.object() != nb || !used_stated.insert(c.id().index()).second) continue;
              stated_statement st;
              st.between_first = kb.base(swapped ? nb : na).name;
              st.between_second = kb.base(swapped ? na : nb).name;
              st.says = c.payload();
              if (!st.says.effect.empty())
                if (auto e = kb.find<effect>(st.says.effect)) st.effect = kb[*e].name;
              if (!st.says.exposure_of.empty())
                if (auto d = kb.find<drug>(st.says.exposure_of)) st.exposure_of = kb[*d].name;
              st.ev = evidence_of(kb, c, refs);
              // the claims that put the drugs in the classes are part of the path
              std::vector<path_step> steps;
              for (auto cc : {ca, cb})
                if (cc >= 0) {
                  auto v = kb.claim(claim_id{std::uint32_t(cc)});
                  steps.push_back(step_of(v, v.kind() == relation_kind::member_of ? "" : "class rule"));
                }
              steps.push_back(step_of(c, std::string(to_string(st.says.severity))));
              // attach to an inferred interaction it confirms: same effect, or same exposure change
              interaction* target_in = nullptr;
              for (auto& p : pair) {
                bool eff = !st.effect.empty() && std::find(p.effects.begin(), p.effects.end(), st.effect) != p.effects.end();
                bool expo = p.mechanism == interaction_mechanism::exposure && !st.exposure_of.empty() &&
                            (p.affected == st.exposure_of || p.second == st.exposure_of) && p.direction == st.says.direction;
                if ((eff && p.mechanism != interaction_mechanism::exposure) || expo) {
                  target_in = &p;
                  break;
                }
              }
              if (!target_in && st.exposure_of.empty() && !c.negated()) {
                // no effect in common: a statement about the pair belongs to what the shared receptor explains
                for (auto& p : pair)
                  if (p.mechanism == interaction_mechanism::same_target) {
                    target_in = &p;
                    break;
                  }
                if (!target_in && st.effect.empty() && !pair.empty()) target_in = &pair.front();
              }
              if (c.negated()) target_in = nullptr;
              if (!target_in) {
                interaction in;
                in.mechanism = interaction_mechanism::stated;
                in.kind = interaction_kind::stated;
                in.first = kb[list[i]].name;
                in.second = kb[list[j]].name;
                in.no_interaction = c.negated();
                in.severity = c.negated() ? interaction_severity::minor : st.says.severity;
                in.management = c.negated() ? management::none : st.says.management;
                in.direction = st.says.direction;
                in.intended = st.says.intended;
                if (!st.effect.empty()) in.effects.push_back(st.effect);
                in.affected = st.exposure_of;
                in.tier = c.tier();
                in.path = std::move(steps);
                in.stated.push_back(std::move(st));
                pair.push_back(std::move(in));
              } else {
                auto& p = *target_in;
                // orient the statement's ends like the interaction's drugs (the perpetrator first)
                auto const& side_of_first = kb[list[i]].name;  // between_first is always on the first listed drug's side
                if (side_of_first != p.first) std::swap(st.between_first, st.between_second);
                // the label's word: its severity when it is graver, its management, and whether it is intended
                p.severity = std::min(p.severity, st.says.severity);
                p.management = st.says.management;
                p.intended = p.intended || st.says.intended;
                p.tier = std::min(p.tier, c.tier());
                for (auto& sp : steps) p.path.push_back(std::move(sp));
                p.stated.push_back(std::move(st));
              }
            }
      };
      match(ex, ey, false);
      match(ey, ex, true);
      for (auto& p : pair) found.push_back(std::move(p));
    }
  std::stable_sort(found.begin(), found.end(), [](interaction const& a, interaction const& b) {
    if (a.no_interaction != b.no_interaction) return !a.no_interaction;
    if (a.severity != b.severity) return a.severity < b.severity;
    return a.mechanism < b.mechanism;
  });
  out.interactions = std::move(found);
  // how long each side lasts, where the knowledge base has both half-lives: a blockade or displacement by a drug that
  // is gone long before the other (naloxone, minutes; methadone, hours to days) ends while the other still acts
  for (auto& i : out.interactions) {
    if (i.no_interaction) continue;
    auto d1 = kb.find<drug>(i.first), d2 = kb.find<drug>(i.second);
    if (!d1 || !d2) continue;
    auto h1 = kb[*d1].half_life, h2 = kb[*d2].half_life;
    if (!h1 || !h2) continue;
    i.half_lives.push_back({i.first, *half_life_of(kb, kb[*d1], refs)});
    i.half_lives.push_back({i.second, *half_life_of(kb, kb[*d2], refs)});
    i.wears_off_first = (i.kind == interaction_kind::blockade || i.kind == interaction_kind::displacement ||
                         i.kind == interaction_kind::peripheral_blockade) &&
                        h1->high.base_value() < h2->low.base_value();
  }
  // the effects' lay names, for patient pages (from the knowledge base's lay_name fields)
  for (auto const& i : out.interactions)
    for (auto const& name : i.effects)
      if (std::none_of(out.lay_names.begin(), out.lay_names.end(), [&](auto const& p) { return p.first == name; }))
        for (auto n : kb.find_all(name))
          if (auto e = n.as<effect>(); e && kb[*e].name == name && !kb[*e].lay_name.empty()) {
            out.lay_names.emplace_back(name, kb[*e].lay_name);
            break;
          }
  return out;
}

namespace detail::answers {

inline std::string dose_text(regimen const& r) {
  if (r.dose_max) return detail::format("{} to {}", r.dose, *r.dose_max);
  return detail::format("{}", r.dose);
}
inline int verdict_rank(dose_verdict v) {
  switch (v) {
    case dose_verdict::wrong_dimension: return 0;
    case dose_verdict::wrong_route: return 1;
    case dose_verdict::wrong_age: return 2;
    case dose_verdict::above_maximum: return 3;
    case dose_verdict::above: return 4;
    case dose_verdict::above_usual: return 5;
    case dose_verdict::below: return 6;
    case dose_verdict::too_frequent: return 7;
    case dose_verdict::too_infrequent: return 8;
    case dose_verdict::precondition_unmet: return 9;
    default: return 10;
  }
}
inline constexpr int verdict_ranks = 10;  ///< verdict_rank of a verdict that is no issue

/// A dose answer's verdict from its checks (closest first) and age warnings: `contraindicated` when a contraindication
/// applies at the patient's age, else `no_regimen`, `within`, or the closest regimen's most important issue.
inline dose_verdict verdict_of(dose_answer const& a) {
  if (std::any_of(a.age_warnings.begin(), a.age_warnings.end(),
                  [](warning_statement const& w) { return w.w.kind == warning_kind::contraindication; }))
    return dose_verdict::contraindicated;
  if (a.checks.empty()) return dose_verdict::no_regimen;
  if (a.checks.front().issues.empty()) return dose_verdict::within;
  return a.checks.front().issues.front().verdict;
}

/// "12 y and older", "younger than 18 y", "12 y to younger than 18 y".
inline std::string ages_text(std::optional<quantity> const& min_age, std::optional<quantity> const& max_age) {
  if (min_age && max_age) return detail::format("aged {} to younger than {}", *min_age, *max_age);
  if (min_age) return detail::format("aged {} and older", *min_age);
  if (max_age) return detail::format("younger than {}", *max_age);
  return "of any age";
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
    regimen_id rid = e.object();
    auto const& r = kb[rid];
    if (q.condition) {
      bool for_it = false;
      for (auto c : kb.out<rel::regimen_for>(rid)) for_it = for_it || c.object() == *q.condition;
      if (!for_it) continue;
    }
    regimen_check chk;
    chk.regimen.r = r;
    for (auto c : kb.out<rel::regimen_for>(rid)) chk.regimen.condition = kb[c.object()].name;
    chk.regimen.ev = evidence_of(kb, e, refs);

    if (q.dose.dim() != r.dose.dim()) {
      chk.issues.push_back({dose_verdict::wrong_dimension, 1.0,
                            detail::format("a {} such as {}", to_string(r.dose.dim()), r.dose),
                            detail::format("{} (a {})", q.dose, to_string(q.dose.dim()))});
    } else {
      double x = q.dose.base_value(), lo = r.dose.base_value(), hi = r.dose_max ? r.dose_max->base_value() : lo;
      constexpr double tol = 1e-9;
      // the total in 24 h: the query's interval, else the regimen's (a scheduled regimen), else this one dose
      std::optional<quantity> iv = q.every ? q.every : r.as_needed ? std::nullopt : r.interval();
      double per_day = iv && iv->base_value() > 0 ? quantity{24.0, unit::h}.base_value() / iv->base_value() : 1.0;
      bool over_max = false;
      if (r.max_daily && r.max_daily->dim() == q.dose.dim()) {
        double total = x * per_day, max = r.max_daily->base_value();
        if (total > max * (1 + tol)) {
          over_max = true;
          quantity total_q{q.dose.value() * per_day, q.dose.unit_of()};
          chk.issues.push_back({dose_verdict::above_maximum, total / max,
                                detail::format("at most {} in 24 h (labeled maximum)", *r.max_daily),
                                iv ? detail::format("{} in 24 h ({} every {})", total_q, q.dose, *iv)
                                   : detail::format("{} in one dose", q.dose)});
        }
      }
      if (x < lo * (1 - tol)) chk.issues.push_back({dose_verdict::below, lo / x, dose_text(r), detail::format("{}", q.dose)});
      else if (x > hi * (1 + tol) && !over_max) {  // above the labeled maximum says it all
        if (r.max_daily)
          chk.issues.push_back({dose_verdict::above_usual, x / hi,
                                detail::format("{} (labeled maximum {} in 24 h)", dose_text(r), *r.max_daily),
                                detail::format("{}", q.dose)});
        else
          chk.issues.push_back({dose_verdict::above, x / hi, dose_text(r), detail::format("{}", q.dose)});
      }
    }
    if (q.route && *q.route != r.route)
      chk.issues.push_back({dose_verdict::wrong_route, 1.0, std::string(to_string(r.route)), std::string(to_string(*q.route))});
    if (q.every && !r.as_needed) {
      if (auto iv = r.interval()) {
        double ratio = q.every->base_value() / iv->base_value();
        if (ratio < 0.95)
          chk.issues.push_back({dose_verdict::too_frequent, 1 / ratio, detail::format("every {}", *iv), detail::format("every {}", *q.every)});
        else if (ratio > 1.05)
          chk.issues.push_back({dose_verdict::too_infrequent, ratio, detail::format("every {}", *iv), detail::format("every {}", *q.every)});
      }
    }
    if (r.states_ages()) {
      auto want = detail::format("for patients {}", ages_text(r.min_age, r.max_age));
      if (!q.age) chk.unchecked.push_back("age: " + want);
      else if (!r.for_age(*q.age)) chk.issues.push_back({dose_verdict::wrong_age, 1.0, want, detail::format("aged {}", *q.age)});
    } else if (q.age) {
      chk.not_checkable.push_back(r.population.empty()
                                      ? detail::format("age {}: the regimen states no ages", *q.age)
                                      : detail::format("age {}: the regimen states no ages in years (population: {})", *q.age,
                                                    r.population));
    }
    for (auto const& p : r.preconditions) {
      if (p.kind == precondition_kind::opioid_free && p.min) {
        auto want = p.recommended ? detail::format("opioid-free for at least {} ({} recommended)", *p.min, *p.recommended)
                                  : detail::format("opioid-free for at least {}", *p.min);
        if (!q.opioid_free) chk.unchecked.push_back(want);
        else if (q.opioid_free->base_value() < p.min->base_value())
          chk.issues.push_back({dose_verdict::precondition_unmet, p.min->base_value() / std::max(q.opioid_free->base_value(), 1e-9),
                                want, detail::format("opioid-free for {}", *q.opioid_free)});
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
    for (auto const& i : c.issues)
      s += 1000.0 * (verdict_ranks - verdict_rank(i.verdict)) + std::abs(std::log(std::max(i.factor, 1e-12)));
    return s;
  };
  std::stable_sort(a.checks.begin(), a.checks.end(), [&](auto const& x, auto const& y) {
    if (x.issues.size() != y.issues.size()) return x.issues.size() < y.issues.size();
    return distance(x) < distance(y);
  });
  // the drug's warnings at the patient's age: only those that state ages (the others hold at every age and are in
  // the mechanism answer); a contraindication there overrides the regimens
  if (q.age) a.age_warnings = warnings_at_age(kb, d, *q.age, refs);
  a.verdict = verdict_of(a);
  return a;
}

PHARMAKON_FUNC std::vector<warning_statement> warnings_at_age(knowledge_base const& kb, drug_id d, quantity const& age,
                                                              reference_list& refs) {
  using namespace detail::answers;
  std::vector<warning_statement> out;
  auto const& name = kb[d].name;
  for (auto e : kb.out<rel::carries>(d)) {
    auto const& w = kb[e.object()];
    if (w.states_ages() && w.for_age(age) && !e.negated()) out.push_back(warning_statement_of(kb, name, e, refs));
  }
  sort_warnings(out);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Review status and dates of an answer

PHARMAKON_FUNC std::string release_date_of(std::string_view version) {
  // a calendar version YYYY.MM[.N...]: the release month
  if (version.size() < 7 || version[4] != '.') return "";
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u})
    if (version[i] < '0' || version[i] > '9') return "";
  if (version.size() > 7 && version[7] != '.') return "";
  int month = (version[5] - '0') * 10 + (version[6] - '0');
  if (month < 1 || month > 12) return "";
  return detail::format("{}-{}", version.substr(0, 4), version.substr(5, 2));
}

namespace detail::answers {

/// Calls `f(review, updated)` for every statement an answer shows.
template <class F>
void each_statement(mechanism_answer const& a, F&& f) {
  for (auto const& x : a.actions) f(x.ev.review, x.ev.updated);
  for (auto const& x : a.effects) f(x.ev.review, x.ev.updated);
  for (auto const& x : a.indications) f(x.ev.review, x.ev.updated);
  for (auto const& x : a.regimens) f(x.ev.review, x.ev.updated);
  for (auto const& x : a.warnings) f(x.ev.review, x.ev.updated);
  for (auto const& x : a.pharmacogenetics) f(x.ev.review, x.ev.updated);
  for (auto const& c : a.conflicts) {
    f(c.first.ev.review, c.first.ev.updated);
    f(c.second.ev.review, c.second.ev.updated);
  }
}
template <class F>
void each_statement(interaction_answer const& a, F&& f) {
  for (auto const& i : a.interactions) {
    for (auto const& x : i.stated) f(x.ev.review, x.ev.updated);
    for (auto const& x : i.warnings) f(x.ev.review, x.ev.updated);
    for (auto const& x : i.path) f(x.review, x.updated);
  }
}
template <class F>
void each_statement(dose_answer const& a, F&& f) {
  for (auto const& c : a.checks) f(c.regimen.ev.review, c.regimen.ev.updated);
  for (auto const& w : a.age_warnings) f(w.ev.review, w.ev.updated);
}

template <class Answer>
review_summary summary_of(Answer const& a) {
  review_summary s;
  each_statement(a, [&](std::optional<review_record> const& r, std::string const& updated) {
    ++s.statements;
    if (!r) ++s.not_reviewed;
    else {
      switch (r->status) {
        case review_status::approved: ++s.approved; break;
        case review_status::under_review: ++s.under_review; break;
        case review_status::submitted: ++s.submitted; break;
      }
      if (r->date > s.newest_review) s.newest_review = r->date;
    }
    if (updated > s.last_updated) s.last_updated = updated;
  });
  if (!s.last_updated.empty()) s.from = updated_from::claims;
  else if (auto rel = release_date_of(a.kb.version); !rel.empty()) {
    s.last_updated = rel;
    s.from = updated_from::release;
  }
  return s;
}

inline bool is_approved(std::optional<review_record> const& r) { return r && r->status == review_status::approved; }
inline bool is_approved(evidence const& ev) { return is_approved(ev.review); }

/// Renumbers the references after statements were dropped: `each_refs(f)` calls f(std::vector<int>&) for every
/// list of reference numbers the answer still holds.
template <class EachRefs>
void renumber(reference_list& refs, EachRefs&& each_refs) {
  std::vector<int> used(refs.sources.size() + 1, 0);
  each_refs([&](std::vector<int>& v) {
    for (int r : v)
      if (r > 0 && std::size_t(r) < used.size()) used[std::size_t(r)] = 1;
  });
  reference_list out;
  std::vector<int> map(used.size(), 0);
  for (std::size_t i = 1; i < used.size(); ++i)
    if (used[i]) {
      map[i] = int(out.ids.size()) + 1;
      out.ids.push_back(refs.ids[i - 1]);
      out.handles.push_back(refs.handles[i - 1]);
    }
  // shared_sources has no erase: rebuild from the kept records (they share the answering knowledge base's state)
  reference_list kept;
  kept.ids = out.ids;
  kept.handles = out.handles;
  for (std::size_t i = 1; i < used.size(); ++i)
    if (used[i]) kept.sources.push_back(std::shared_ptr<source const>(std::make_shared<source>(refs.sources[i - 1])));
  each_refs([&](std::vector<int>& v) {
    for (int& r : v) r = r > 0 && std::size_t(r) < map.size() ? map[std::size_t(r)] : r;
  });
  refs = std::move(kept);
}

/// The end of every `keep_approved`: the references renumbered (`each_refs` as for `renumber`), the answer marked
/// approved-only, and the statements dropped since there were `before` of them counted in `left_out`.
template <class Answer, class EachRefs>
void finish_approved(Answer& a, std::size_t before, EachRefs&& each_refs) {
  renumber(a.references, each_refs);
  a.approved_only = true;
  a.left_out = before - summary_of(a).statements;
}

}  // namespace detail::answers

PHARMAKON_FUNC review_summary review_summary_of(mechanism_answer const& a) { return detail::answers::summary_of(a); }
PHARMAKON_FUNC review_summary review_summary_of(interaction_answer const& a) { return detail::answers::summary_of(a); }
PHARMAKON_FUNC review_summary review_summary_of(dose_answer const& a) { return detail::answers::summary_of(a); }

PHARMAKON_FUNC void keep_approved(mechanism_answer& a) {
  using detail::answers::is_approved;
  auto before = review_summary_of(a).statements;
  auto drop = [](auto& v) { std::erase_if(v, [](auto const& x) { return !is_approved(x.ev); }); };
  drop(a.actions);
  drop(a.effects);
  drop(a.indications);
  drop(a.regimens);
  drop(a.warnings);
  drop(a.pharmacogenetics);
  std::erase_if(a.conflicts, [](auto const& c) { return !is_approved(c.first.ev) || !is_approved(c.second.ev); });
  std::erase_if(a.paths, [](mechanism_path const& p) {
    return std::any_of(p.steps.begin(), p.steps.end(), [](path_step const& s) { return !is_approved(s.review); });
  });
  // the summary states only approved actions
  for (auto& g : a.summary) {
    std::erase_if(g.targets, [&](std::string const& t) {
      return std::none_of(a.actions.begin(), a.actions.end(),
                          [&](target_action const& x) { return !x.ev.negated && x.target.name == t; });
    });
    if (g.highest_affinity && (g.targets.size() < 2 || std::find(g.targets.begin(), g.targets.end(), *g.highest_affinity) == g.targets.end()))
      g.highest_affinity.reset();  // as mechanism_of: only when affinities rank two or more targets
    g.refs.clear();
    for (auto const& x : a.actions)
      if (std::find(g.targets.begin(), g.targets.end(), x.target.name) != g.targets.end())
        g.refs.insert(g.refs.end(), x.ev.refs.begin(), x.ev.refs.end());
    std::sort(g.refs.begin(), g.refs.end());
    g.refs.erase(std::unique(g.refs.begin(), g.refs.end()), g.refs.end());
  }
  std::erase_if(a.summary, [](action_summary const& g) { return g.targets.empty(); });
  std::erase_if(a.disputed_targets, [&](std::string const& t) {
    return std::none_of(a.conflicts.begin(), a.conflicts.end(), [&](conflict_statement const& c) { return c.object == t; });
  });
  detail::answers::finish_approved(a, before, [&](auto&& f) {
    for (auto& g : a.summary) f(g.refs);
    for (auto& x : a.actions) {
      f(x.ev.refs);
      for (auto& r : x.affinity_refs) f(r);
    }
    for (auto& x : a.effects) f(x.ev.refs);
    for (auto& x : a.indications) f(x.ev.refs);
    for (auto& x : a.regimens) f(x.ev.refs);
    for (auto& x : a.warnings) f(x.ev.refs);
    for (auto& x : a.pharmacogenetics) f(x.ev.refs);
    for (auto& c : a.conflicts) {
      f(c.first.ev.refs);
      f(c.second.ev.refs);
    }
    for (auto& p : a.paths) {
      f(p.refs);
      for (auto& st : p.steps) f(st.refs);
    }
  });
}

PHARMAKON_FUNC void keep_approved(interaction_answer& a) {
  using detail::answers::is_approved;
  auto before = review_summary_of(a).statements;
  std::erase_if(a.interactions, [](interaction const& i) {
    if (i.path.empty()) return std::none_of(i.stated.begin(), i.stated.end(), [](auto const& x) { return is_approved(x.ev); });
    return std::any_of(i.path.begin(), i.path.end(), [](path_step const& p) { return !is_approved(p.review); });
  });
  for (auto& i : a.interactions) {
    std::erase_if(i.stated, [](auto const& x) { return !is_approved(x.ev); });
    std::erase_if(i.warnings, [](auto const& x) { return !is_approved(x.ev); });
  }
  detail::answers::finish_approved(a, before, [&](auto&& f) {
    for (auto& i : a.interactions) {
      for (auto& x : i.stated) f(x.ev.refs);
      for (auto& x : i.warnings) f(x.ev.refs);
      for (auto& x : i.path) f(x.refs);
    }
  });
}

PHARMAKON_FUNC void keep_approved(dose_answer& a) {
  using detail::answers::is_approved;
  auto before = review_summary_of(a).statements;
  std::erase_if(a.checks, [](regimen_check const& c) { return !is_approved(c.regimen.ev); });
  std::erase_if(a.age_warnings, [](warning_statement const& w) { return !is_approved(w.ev); });
  a.verdict = detail::answers::verdict_of(a);
  detail::answers::finish_approved(a, before, [&](auto&& f) {
    for (auto& c : a.checks) f(c.regimen.ev.refs);
    for (auto& w : a.age_warnings) f(w.ev.refs);
  });
}

}  // namespace pharmakon

// mechanism paths and the agreement report: after the helpers above, which they use
#include "paths.hpp"
#include "../detail/format.hpp"
