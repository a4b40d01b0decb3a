// Out-of-line definitions of the renderers (render layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "render-inl.hpp holds the out-of-line definitions of render.hpp: include render.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cmath>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>
#include <pharmakon/render/detail/json_writer.hpp>

#include "render.hpp"
#include "../model/entity_fields.hpp"
#include "../model/label_sections.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

namespace detail::render {

/// One statement of a rendered answer, with the reference numbers it cites.
struct line {
  std::string text;
  std::vector<int> refs;
  int indent = 0;
};
struct section {
  std::string title;
  std::vector<line> lines;
};
/// The layout shared by the text and Markdown renderers.
struct layout {
  std::string title;
  std::vector<std::pair<std::string, std::string>> header;
  std::vector<section> sections;
  reference_list const* refs = nullptr;
  kb_info kb;
};

inline std::string cite(std::vector<int> const& refs) {
  if (refs.empty()) return "";
  return detail::format(" [{}]", fmt::join(refs, ","));
}

inline std::string english_list(std::vector<std::string> const& items) {
  if (items.empty()) return "";
  if (items.size() == 1) return items[0];
  std::string out;
  for (std::size_t i = 0; i + 1 < items.size(); ++i) out += (i ? ", " : "") + items[i];
  return out + " and " + items.back();
}

/// "mu opioid receptor", "kappa opioid receptor" -> "mu and kappa opioid receptors" (shared trailing words
/// factored out and pluralised); `heads` receives the distinct leading words.
inline std::string factor_names(std::vector<std::string> const& names, std::vector<std::string>* heads = nullptr) {
  if (names.size() < 2) {
    if (heads) *heads = names;
    return names.empty() ? "" : "the " + names[0];
  }
  auto words = [](std::string const& s) {
    std::vector<std::string> w;
    std::size_t b = 0;
    while (b < s.size()) {
      auto e = s.find(' ', b);
      if (e == std::string::npos) e = s.size();
      w.push_back(s.substr(b, e - b));
      b = e + 1;
    }
    return w;
  };
  std::vector<std::vector<std::string>> ws;
  for (auto const& n : names) ws.push_back(words(n));
  std::size_t common = 0;
  for (;; ++common) {
    bool same = true;
    for (auto const& w : ws)
      if (w.size() <= common + 1 || w[w.size() - 1 - common] != ws[0][ws[0].size() - 1 - common]) same = false;
    if (!same) break;
  }
  if (common == 0) {
    if (heads) *heads = names;
    return "the " + english_list(names);
  }
  std::vector<std::string> h;
  for (auto const& w : ws) {
    std::string x;
    for (std::size_t i = 0; i + common < w.size(); ++i) x += (i ? " " : "") + w[i];
    h.push_back(x);
  }
  std::string tail;
  for (std::size_t i = ws[0].size() - common; i < ws[0].size(); ++i) tail += " " + ws[0][i];
  if (heads) *heads = h;
  return "the " + english_list(h) + tail + "s";
}

inline std::string action_words(action_type t) {
  std::string s(to_string(t));
  std::replace(s.begin(), s.end(), '_', ' ');
  return s;
}
inline std::string enum_words(std::string_view s) {
  std::string out(s);
  std::replace(out.begin(), out.end(), '_', ' ');
  return out;
}

inline std::string flags_text(evidence const& ev) {
  std::string out;
  if (!ev.note.empty()) out += " — " + ev.note;
  if (ev.unverified) out += " (unverified)";
  return out;
}

inline std::string summary_of(action_summary const& s, bool nested = false) {
  std::vector<std::string> quals;
  if (s.pure) quals.push_back("pure");
  std::string q;
  for (std::size_t i = 0; i < quals.size(); ++i) q += quals[i] + " ";
  std::vector<std::string> props;
  if (s.modality != modality::unknown) props.push_back(enum_words(to_string(s.modality)));
  if (s.reversible) props.push_back(*s.reversible ? "reversible" : "irreversible");
  if (s.surmountable) props.push_back(*s.surmountable ? "surmountable" : "insurmountable");
  std::string p;
  for (std::size_t i = 0; i < props.size(); ++i) p += props[i] + (i + 1 < props.size() ? ", " : " ");
  std::vector<std::string> heads;
  auto where = s.more ? detail::format("the {} and {} more", fmt::join(s.targets, ", "), s.more)
                      : factor_names(s.targets, &heads);
  auto out = s.basis == action_basis::activity ? detail::format("activity measured at {}", where)
                                               : detail::format("{}{}{} at {}", q, p, action_words(s.type), where);
  if (s.highest_affinity) {
    auto it = std::find(s.targets.begin(), s.targets.end(), *s.highest_affinity);
    auto idx = std::size_t(it - s.targets.begin());
    out += detail::format("; highest affinity at {}", idx < heads.size() && heads.size() == s.targets.size() && heads[idx] != *it
                                                         ? heads[idx]
                                                         : "the " + *s.highest_affinity);
  }
  if (s.basis == action_basis::study) out += nested ? ", in research sources only" : " (research sources only)";
  return out;
}

/// "2 h to 4 h", "3 h".
inline std::string half_life_span(half_life_statement const& h) {
  return h.single() ? detail::format("{}", h.low) : detail::format("{} to {}", h.low, h.high);
}

/// "2 h to 4 h — healthy adults", "3 h".
inline std::string half_life_text(half_life_statement const& h) {
  return half_life_span(h) + flags_text(h.ev) + (h.note.empty() ? "" : " — " + h.note);
}

/// An interaction's "half-lives: naloxone 30 min to 81 min, methadone 8 h to 59 h; naloxone wears off first, ..."
/// with both half-lives' references; nullopt when the interaction has not both.
inline std::optional<line> half_lives_line(interaction const& i) {
  if (i.half_lives.size() != 2) return std::nullopt;
  auto const& h1 = i.half_lives[0].half_life;
  auto const& h2 = i.half_lives[1].half_life;
  std::vector<int> refs = h1.ev.refs;
  refs.insert(refs.end(), h2.ev.refs.begin(), h2.ev.refs.end());
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  return line{detail::format("half-lives: {} {}, {} {}{}", i.half_lives[0].drug, half_life_span(h1), i.half_lives[1].drug,
                          half_life_span(h2),
                          i.wears_off_first ? detail::format("; {} wears off first, and {}'s effects can return", i.first, i.second)
                                            : std::string()),
              std::move(refs)};
}

inline std::string with_article(std::string const& phrase) {
  if (phrase.empty()) return phrase;
  bool vowel = std::string_view("aeiouAEIOU").find(phrase[0]) != std::string_view::npos;
  return (vowel ? "an " : "a ") + phrase;
}

/// "morphine (formed by CYP2D6; a full agonist at the mu opioid receptor)"
inline std::string metabolite_text(metabolite_statement const& m) {
  std::vector<std::string> about;
  if (!m.formed_by.empty()) about.push_back("formed by " + m.formed_by);
  if (m.acts) about.push_back(with_article(summary_of(*m.acts, true)));
  return about.empty() ? m.metabolite : detail::format("{} ({})", m.metabolite, fmt::join(about, "; "));
}

/// "acts mainly through its active metabolites A (...) and B"; "active metabolite C".
inline std::vector<std::string> metabolite_parts(std::vector<metabolite_statement> const& list) {
  std::vector<std::string> out;
  for (bool main : {true, false}) {
    std::vector<std::string> names;
    for (auto const& m : list)
      if (m.main == main) names.push_back(metabolite_text(m));
    if (names.empty()) continue;
    out.push_back(detail::format("{} {}{} {}", main ? "acts mainly through its" : "", "active metabolite",
                              names.size() > 1 ? "s" : "", english_list(names)));
    if (!main) out.back().erase(0, 1);  // no leading space
  }
  return out;
}

/// A figure as precise as its source supports: p-scale values as given up to two decimals, longer ones (unit
/// conversions) to one; concentrations to three significant digits.
inline std::string figure(double v, bool p_scale) {
  if (p_scale) {
    if (std::abs(v * 100 - std::round(v * 100)) < 1e-6) return detail::format("{:g}", std::round(v * 100) / 100);
    return detail::format("{:.1f}", v);
  }
  return detail::format("{:.3g}", v);
}

inline std::string affinity_text(affinity const& af) {
  bool p = is_p_measure(af.measure);
  std::string v;
  if (af.value) v = figure(*af.value, p);
  else if (af.low && af.high) v = detail::format("{}–{}", figure(*af.low, p), figure(*af.high, p));
  std::string unit = af.conc_unit ? detail::format(" {}", *af.conc_unit) : "";
  std::string sp = af.species.empty() ? "" : detail::format(" ({})", af.species);
  return detail::format("{} {}{}{}", to_string(af.measure), v, unit, sp);
}

inline line action_line(target_action const& t) {
  std::string target = t.target.name;
  std::vector<std::string> aka;
  for (auto const& s : t.target.synonyms)
    if (s.size() <= 5 && aka.size() < 3) aka.push_back(s);
  if (!t.target.gene_symbol.empty()) aka.push_back("gene " + t.target.gene_symbol);
  if (!aka.empty()) target += detail::format(" ({})", fmt::join(aka, ", "));
  if (t.ev.negated) return {detail::format("does not act on the {}{}", target, flags_text(t.ev)), t.ev.refs};
  std::vector<std::string> props;
  if (t.act.modality != modality::unknown) props.push_back(enum_words(to_string(t.act.modality)));
  if (t.act.reversible) props.push_back(*t.act.reversible ? "reversible" : "irreversible");
  if (t.act.surmountable) props.push_back(*t.act.surmountable ? "surmountable" : "insurmountable");
  if (t.act.efficacy) props.push_back(*t.act.efficacy == 0 ? "no intrinsic efficacy" : detail::format("intrinsic efficacy {:g}", *t.act.efficacy));
  std::string what = t.act.type == action_type::other ? std::string("activity measured") : action_words(t.act.type);
  std::string text = detail::format("{}{} at the {}", t.ev.hypothesis ? "hypothesis: " : "", what, target);
  if (!props.empty()) text += detail::format(": {}", fmt::join(props, ", "));
  // one bracket per statement: the affinities' sources join the claim's, unless affinities from different
  // sources each need their own (then the line's bracket keeps the claim's other sources)
  std::vector<int> refs = t.ev.refs;
  bool own = false;
  for (std::size_t i = 1; i < t.affinity_refs.size() && i < t.act.affinities.size(); ++i)
    if (t.affinity_refs[i] != t.affinity_refs[0]) own = true;
  for (std::size_t i = 0; i < t.act.affinities.size(); ++i) {
    auto const* ar = i < t.affinity_refs.size() ? &t.affinity_refs[i] : nullptr;
    text += detail::format("; {}{}", affinity_text(t.act.affinities[i]), own && ar ? cite(*ar) : "");
    if (ar) {
      if (own) std::erase_if(refs, [&](int r) { return std::find(ar->begin(), ar->end(), r) != ar->end(); });
      else refs.insert(refs.end(), ar->begin(), ar->end());
    }
  }
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  return {text + flags_text(t.ev), refs};
}

inline line effect_line(effect_statement const& e) {
  std::string verb;
  switch (e.relation) {
    case relation_kind::blocks: verb = e.ev.negated ? "does not block" : "blocks"; break;
    case relation_kind::reduces: verb = e.ev.negated ? "does not reduce" : "reduces"; break;
    default: verb = e.ev.negated ? "does not produce" : "produces"; break;
  }
  std::string via = e.via.empty() ? "" : detail::format(" (via the {})", english_list(e.via));
  return {detail::format("{}{} {}{}{}", e.ev.hypothesis ? "hypothesis: " : "", verb, e.effect, via, flags_text(e.ev)), e.ev.refs};
}

inline line target_role_line(target_role_statement const& r) {
  return {detail::format("the {} mediates {}{}", r.target, r.effect, flags_text(r.ev)), r.ev.refs};
}

inline line indication_line(indication_statement const& i) {
  std::string adj = i.adjunct.empty() ? "" : detail::format(", as part of treatment with {}", i.adjunct);
  return {detail::format("{}indicated for {}{}{}", i.ev.negated ? "not " : "", i.condition, adj, flags_text(i.ev)), i.ev.refs};
}

inline std::string interval_text(regimen const& r) {
  if (r.as_needed) return r.every ? detail::format("as needed, every {}", *r.every) : "as needed";
  if (r.times_per_day) return detail::format("{} times a day", *r.times_per_day);
  if (r.every) return detail::format("every {}", *r.every);
  return "";
}

inline line regimen_line(regimen_statement const& s) {
  auto const& r = s.r;
  std::string dose = r.dose_max ? detail::format("{} to {}", r.dose, *r.dose_max) : detail::format("{}", r.dose);
  std::string text = detail::format("{} {} {}", dose, to_string(r.route), interval_text(r));
  if (r.max_daily) text += detail::format(", at most {} in 24 h", *r.max_daily);
  std::vector<std::string> details;
  if (!r.formulation.empty()) details.push_back(r.formulation);
  if (!r.product.empty()) details.push_back(r.product);
  if (!r.population.empty()) details.push_back(r.population);
  if (r.states_ages()) details.push_back("patients " + detail::answers::ages_text(r.min_age, r.max_age));
  if (!details.empty()) text += detail::format(" ({})", fmt::join(details, ", "));
  if (!s.condition.empty()) text += detail::format(" for {}", s.condition);
  std::vector<std::string> pre;
  for (auto const& p : r.preconditions) {
    if (p.kind == precondition_kind::opioid_free && p.min)
      pre.push_back(p.recommended ? detail::format("opioid-free for at least {} ({} recommended)", *p.min, *p.recommended)
                                  : detail::format("opioid-free for at least {}", *p.min));
    else
      pre.push_back(p.note.empty() ? enum_words(to_string(p.kind)) : detail::format("{}: {}", enum_words(to_string(p.kind)), p.note));
  }
  if (!pre.empty()) text += detail::format("; before the first dose: {}", fmt::join(pre, "; "));
  return {text + flags_text(s.ev), s.ev.refs};
}

inline line warning_line(warning_statement const& w) {
  std::string concerns = w.concerns.empty() ? "" : detail::format(" (through the {})", english_list(w.concerns));
  return {detail::format("{} ({}): {}{}{}", enum_words(to_string(w.w.kind)), enum_words(to_string(w.w.severity)), w.w.about,
                      concerns, flags_text(w.ev)),
          w.ev.refs};
}

inline line pgx_line(pgx_statement const& p, std::string const& drug) {
  std::string finding;
  switch (p.finding) {
    case pgx_finding::associated: finding = "associated with the response to"; break;
    case pgx_finding::not_associated: finding = "not associated with the response to"; break;
    case pgx_finding::inconsistent: finding = "inconsistently associated with the response to"; break;
  }
  bool gene_in_name = !p.gene.empty() && p.variant.find(p.gene) != std::string::npos;
  std::string gene = p.gene.empty() || gene_in_name ? "" : detail::format(" ({})", p.gene);
  std::string outcome = p.outcome.empty() ? "" : " — " + p.outcome;
  return {detail::format("{}{}: {} {}{}{}", p.variant, gene, finding, drug, outcome, flags_text(p.ev)), p.ev.refs};
}

inline std::string tier_title(evidence_tier t) {
  switch (t) {
    case evidence_tier::guideline: return "From guidelines";
    case evidence_tier::label: return "From drug labels";
    case evidence_tier::research: return "From research";
    case evidence_tier::other: return "From curated databases";
  }
  return "";
}

/// "revised 2024-05, version 12": a label's date and DailyMed version, as far as known.
inline std::string revision_text(source const& s) {
  std::vector<std::string> parts;
  if (!s.date.empty()) parts.push_back("revised " + s.date);
  if (!s.version.empty()) parts.push_back("version " + s.version);
  return detail::format("{}", fmt::join(parts, ", "));
}

inline std::string sections_text(source const& s) {
  std::vector<std::string> parts;
  for (auto const& x : s.sections) parts.push_back(label_section_text(x));
  return detail::format("{}", fmt::join(parts, "; "));
}

inline std::string reference_text(source const& s) {
  std::vector<std::string> parts;
  if (!s.authors.empty()) parts.push_back(s.authors);
  if (!s.title.empty()) parts.push_back(s.title);
  std::string pub = s.publisher;
  if (s.year) pub += (pub.empty() ? "" : " ") + std::to_string(s.year);
  if (!pub.empty()) parts.push_back(pub);
  std::string out;
  for (auto const& p : parts) {
    if (!out.empty()) out += " ";
    out += p;
    if (!p.empty() && p.back() != '.' && p.back() != '?' && p.back() != '!') out += ".";
  }
  auto id = s.ids.empty() ? std::string() : s.citation_id();
  if (!id.empty()) out += " " + id + ".";
  if (auto r = revision_text(s); !r.empty()) {
    r[0] = char(r[0] - 'a' + 'A');  // "Revised 2024-05, version 12." / "Version 12."
    out += " " + r + ".";
  }
  if (!s.sections.empty()) out += " Sections: " + sections_text(s) + ".";
  if (auto url = s.identifier_of("url"); url && id.find(*url) == std::string::npos) out += " " + std::string(*url);
  out += detail::format(" ({}{}{})", enum_words(to_string(s.kind)), s.unverified ? ", identifier unverified" : "",
                     s.title_unverified ? ", title unverified" : "");
  return out;
}

/// What an answer says about its review (the same words in every format): "Approved (12 of 12 statements ...)"
/// only when every statement shown is approved, else the counts.
inline std::string review_text(review_summary const& r, kb_info const& kb) {
  if (r.statements == 0) return "no statements to review";
  std::string counts = detail::format("{} of {} statement{} approved", r.approved, r.statements, r.statements == 1 ? "" : "s");
  if (r.under_review) counts += detail::format(", {} under review", r.under_review);
  if (r.submitted) counts += detail::format(", {} submitted", r.submitted);
  if (r.not_reviewed) counts += detail::format(", {} not reviewed", r.not_reviewed);
  if (r.all_approved())
    return detail::format("Approved ({}{})", counts, r.newest_review.empty() ? "" : "; newest review " + r.newest_review);
  if (!kb.reviews) return counts + " (the knowledge base is curated with verified sources, not clinically reviewed)";
  return counts;
}
inline std::string updated_text(review_summary const& r, kb_info const& kb) {
  switch (r.from) {
    case updated_from::claims: return detail::format("{} (the newest date among the claims shown)", r.last_updated);
    case updated_from::release:
      return detail::format("{} (the knowledge base's release, version {}; its claims carry no dates)", r.last_updated, kb.version);
    case updated_from::none: break;
  }
  return detail::format("not recorded (the claims carry no dates; knowledge base version {})", kb.version);
}
inline std::string approved_only_text(std::size_t left_out) {
  return detail::format("approved statements only (--approved-only): {} statement{} not approved left out", left_out,
                     left_out == 1 ? "" : "s");
}
/// The review lines of an answer's header.
template <class Answer>
void add_review_header(layout& d, Answer const& a) {
  auto r = review_summary_of(a);
  d.header.emplace_back("Review", review_text(r, a.kb));
  d.header.emplace_back("Last updated", updated_text(r, a.kb));
  if (a.approved_only) d.header.emplace_back("Shown", approved_only_text(a.left_out));
}

inline std::string footer_text(kb_info const& kb) {
  return detail::format("Knowledge base: {} {}, content hash {}.", kb.name, kb.version, kb.content_hash);
}

inline std::string to_text(layout const& d) {
  std::string out = d.title + "\n" + std::string(std::min<std::size_t>(d.title.size(), 100), '=') + "\n";
  for (auto const& [k, v] : d.header) out += detail::format("{}: {}\n", k, v);
  for (auto const& s : d.sections) {
    out += detail::format("\n{}\n{}\n", s.title, std::string(s.title.size(), '-'));
    for (auto const& l : s.lines) out += detail::format("{}- {}{}\n", std::string(2 + 2 * l.indent, ' '), l.text, cite(l.refs));
  }
  if (d.refs && !d.refs->sources.empty()) {
    out += "\nReferences\n----------\n";
    for (std::size_t i = 0; i < d.refs->sources.size(); ++i)
      out += detail::format("[{}] {}\n", i + 1, reference_text(d.refs->sources[i]));
  }
  out += detail::format("\n{}\n{}\n", footer_text(d.kb), disclaimer);
  return out;
}

inline std::string md_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']' || c == '#' || c == '|')
      out += '\\';
    out += c;
  }
  return out;
}

inline std::string md_cite(std::vector<int> const& refs) {
  if (refs.empty()) return "";
  std::vector<std::string> links;
  for (int r : refs) links.push_back(detail::format("[{}](#ref-{})", r, r));
  return detail::format(" [{}]", fmt::join(links, ", "));
}

inline std::string to_markdown(layout const& d) {
  std::string out = "# " + md_escape(d.title) + "\n\n";
  for (auto const& [k, v] : d.header) out += detail::format("**{}:** {}  \n", k, md_escape(v));
  for (auto const& s : d.sections) {
    out += detail::format("\n## {}\n\n", s.title);
    for (auto const& l : s.lines)
      out += detail::format("{}- {}{}\n", std::string(2 * l.indent, ' '), md_escape(l.text), md_cite(l.refs));
  }
  if (d.refs && !d.refs->sources.empty()) {
    out += "\n## References\n\n";
    for (std::size_t i = 0; i < d.refs->sources.size(); ++i)
      out += detail::format("{}. <a id=\"ref-{}\"></a>{}\n", i + 1, i + 1, md_escape(reference_text(d.refs->sources[i])));
  }
  out += detail::format("\n---\n\n*{}*\n\n*{}*\n", md_escape(footer_text(d.kb)), md_escape(disclaimer));
  return out;
}

// ----- documents -----

/// A route of a mechanism path as one line: "Naltrexone → (decreases activity of) Mu-type opioid receptor → ...",
/// each step followed by its references when the path's steps do not all cite the same.
inline std::string route_text(mechanism_path const& p, std::vector<std::size_t> const& route, bool per_step_refs) {
  std::string out = route.empty() ? std::string() : p.steps[route.front()].from;
  for (auto i : route) {
    auto const& st = p.steps[i];
    out += detail::format(" → ({}) {}", st.detail, st.to);
    if (per_step_refs) out += cite(st.refs);
  }
  return out;
}
/// The "Mechanism paths" section: per path, where it leads and its source, then its routes and its comment.
inline section paths_section(mechanism_answer const& a) {
  section s{"Mechanism paths", {}};
  for (auto const& p : a.paths) {
    bool shared = std::all_of(p.steps.begin(), p.steps.end(), [&](path_step const& st) { return st.refs == p.refs; });
    s.lines.push_back({detail::format("to {} ({}{})", p.disease.empty() ? std::string("an unnamed end") : p.disease, p.title,
                                   shared ? ", every step cites" : ""),
                       shared ? p.refs : std::vector<int>{}});
    for (auto const& r : p.chains) s.lines.push_back({route_text(p, r, !shared), {}, 1});
    if (p.more_chains) s.lines.push_back({detail::format("and {} more routes", p.more_chains), {}, 1});
    if (!p.note.empty()) s.lines.push_back({"Note: " + p.note, {}, 1});
  }
  return s;
}

/// Activity-only rows (action basis `activity`) a tier section of the text and Markdown answers lists before "and N more".
inline constexpr std::size_t shown_activity_rows = 12;

/// The acts_on rows of one tier as the text, Markdown and HTML answers list them: established actions, then
/// activity-only rows with human targets (or species not given) first, at most `max_activity` of those; the rest are
/// counted in `more`, and those of them in other species in `more_other_species` (JSON and Python keep every row).
struct tier_actions {
  std::vector<target_action const*> rows;
  std::size_t more = 0;
  std::size_t more_other_species = 0;
};
inline tier_actions actions_of_tier(mechanism_answer const& a, evidence_tier tier, std::size_t max_activity) {
  tier_actions out;
  std::vector<target_action const*> activity;
  for (auto const& t : a.actions)
    if (t.ev.tier == tier) (t.basis == action_basis::activity ? activity : out.rows).push_back(&t);
  auto const human = [](target_action const* t) { return detail::answers::is_human(t->species); };
  std::stable_partition(activity.begin(), activity.end(), human);
  auto const shown = std::min(activity.size(), max_activity);
  out.rows.insert(out.rows.end(), activity.begin(), activity.begin() + std::ptrdiff_t(shown));
  out.more = activity.size() - shown;
  out.more_other_species =
      std::size_t(std::count_if(activity.begin() + std::ptrdiff_t(shown), activity.end(), [&](auto const* t) { return !human(t); }));
  return out;
}

inline layout mechanism_layout(mechanism_answer const& a) {
  layout d;
  d.title = detail::format("Mechanism of action: {}", a.drug);
  if (!a.synonyms.empty()) d.header.emplace_back("Also known as", detail::format("{}", fmt::join(a.synonyms, ", ")));
  if (!a.drug_class.empty()) d.header.emplace_back("Class", a.drug_class);
  if (!a.identifiers.empty()) {
    std::vector<std::string> ids;
    for (auto const& i : a.identifiers) ids.push_back(detail::format("{} {}", i.scheme, i.value));
    d.header.emplace_back("Identifiers", detail::format("{}", fmt::join(ids, "; ")));
  }
  auto summary = summary_line(a);
  d.header.emplace_back("Summary", summary.empty() ? "no established target action in this knowledge base"
                                                   : summary + cite(pharmakon::summary_refs(a)));
  if (a.half_life) d.header.emplace_back("Half-life", half_life_text(*a.half_life) + cite(a.half_life->ev.refs));

  for (auto tier : enum_values<evidence_tier>()) {
    section s{tier_title(tier), {}};
    auto const acts = actions_of_tier(a, tier, shown_activity_rows);
    for (auto const* t : acts.rows) s.lines.push_back(action_line(*t));
    if (acts.more)
      s.lines.push_back({detail::format("… and {} more row{} of measured activity only{} (every row: --format json)", acts.more,
                                     acts.more == 1 ? "" : "s",
                                     acts.more_other_species
                                         ? detail::format(", {} of them in other species", acts.more_other_species)
                                         : ""),
                         {}});
    for (auto const& e : a.effects)
      if (e.ev.tier == tier) s.lines.push_back(effect_line(e));
    for (auto const& i : a.indications)
      if (i.ev.tier == tier) s.lines.push_back(indication_line(i));
    if (!s.lines.empty()) d.sections.push_back(std::move(s));
  }
  if (!a.target_roles.empty()) {
    section s{"What its targets do", {}};
    for (auto const& r : a.target_roles) s.lines.push_back(target_role_line(r));
    d.sections.push_back(std::move(s));
  }
  if (!a.regimens.empty()) {
    section s{"Regimens", {}};
    for (auto const& r : a.regimens) s.lines.push_back(regimen_line(r));
    d.sections.push_back(std::move(s));
  }
  if (!a.warnings.empty()) {
    section s{"Warnings", {}};
    for (auto const& w : a.warnings) s.lines.push_back(warning_line(w));
    d.sections.push_back(std::move(s));
  }
  if (!a.pharmacogenetics.empty()) {
    section s{"Pharmacogenetics", {}};
    for (auto const& p : a.pharmacogenetics) s.lines.push_back(pgx_line(p, a.drug));
    d.sections.push_back(std::move(s));
  }
  if (!a.conflicts.empty()) {
    section s{"Conflicting claims", {}};
    for (auto const& c : a.conflicts) {
      s.lines.push_back({detail::format("{} and the {}: the sources disagree", c.subject, c.object), {}});
      for (auto const* side : {&c.first, &c.second})
        s.lines.push_back({detail::format("{} ({} evidence){}", side->statement, to_string(side->ev.tier), flags_text(side->ev)),
                           side->ev.refs, 1});
    }
    d.sections.push_back(std::move(s));
  }
  if (!a.paths.empty()) d.sections.push_back(paths_section(a));
  d.refs = &a.references;
  d.kb = a.kb;
  add_review_header(d, a);
  return d;
}

inline std::string target_name(interaction const& i) { return i.target ? i.target->name : std::string("?"); }

inline std::string kind_phrase(interaction const& i) {
  switch (i.kind) {
    case interaction_kind::blockade: return detail::format("{} blocks {} at the {}", i.first, i.second, target_name(i));
    case interaction_kind::peripheral_blockade:
      return detail::format("{} blocks {} at the {} outside the brain only (peripherally restricted)", i.first, i.second,
                         target_name(i));
    case interaction_kind::displacement:
      return detail::format("{} ({}) can displace {} ({}) at the {}", i.first, action_words(i.first_action), i.second,
                         action_words(i.second_action), target_name(i));
    case interaction_kind::additive:
      if (i.mechanism == interaction_mechanism::same_target)
        return detail::format("{} and {} add up at the {}", i.first, i.second, target_name(i));
      return detail::format("{} and {} add up through different targets", i.first, i.second);
    case interaction_kind::duplicate: return detail::format("{} and {} both block the {}", i.first, i.second, target_name(i));
    case interaction_kind::more_exposure:
    case interaction_kind::less_exposure:
      return detail::format("{} {} {} exposure through {}", i.first,
                         i.kind == interaction_kind::more_exposure ? "raises" : "lowers",
                         i.affected == i.second ? i.second : detail::format("{}'s metabolite {}", i.second, i.affected),
                         target_name(i));
    case interaction_kind::stated:
      if (i.no_interaction) return detail::format("{} and {}: no clinically relevant interaction stated", i.first, i.second);
      return detail::format("{} and {}: an interaction the label or guideline states", i.first, i.second);
  }
  return "";
}

inline std::string management_words(management m) {
  switch (m) {
    case management::avoid: return "avoid the combination";
    case management::adjust_dose: return "adjust the dose";
    case management::monitor: return "monitor";
    case management::none: return "no action needed";
  }
  return "";
}

inline layout interaction_layout(interaction_answer const& a) {
  layout d;
  d.title = detail::format("Interactions: {}", fmt::join(a.drugs, ", "));
  d.header.emplace_back("Drugs screened", std::to_string(a.drugs.size()));
  d.header.emplace_back("Interactions found", std::to_string(a.interactions.size()));
  if (auto w = a.worst()) d.header.emplace_back("Most severe", enum_words(to_string(*w)));
  if (!a.not_screened.empty()) {
    // first, before any finding: an unknown medication's interactions are unknown, not absent
    d.header.emplace_back("Not screened", std::to_string(a.not_screened.size()));
    section s{"Not screened", {}};
    for (auto const& u : a.not_screened)
      s.lines.push_back({detail::format("{} — its interactions with the other drugs are unknown here, not absent", u.reason), {}});
    d.sections.push_back(std::move(s));
  }
  if (a.interactions.empty())
    d.sections.push_back({"Findings", {{"no interaction found in this knowledge base (shared targets, shared effects, "
                                        "metabolism, label statements)", {}}}});
  int n = 0;
  for (auto const& i : a.interactions) {
    section s{detail::format("{}. {} ({}, {})", ++n, kind_phrase(i), enum_words(to_string(i.mechanism)),
                          i.no_interaction ? std::string("no interaction") : enum_words(to_string(i.severity))), {}};
    if (i.intended) s.lines.push_back({"intended combination: used on purpose; watch for what follows", {}});
    if (i.mechanism == interaction_mechanism::same_target)
      s.lines.push_back({detail::format("{}: {}; {}: {}", i.first, action_words(i.first_action), i.second,
                                     action_words(i.second_action)), {}});
    if (!i.effects.empty()) {
      std::string what;
      switch (i.kind) {
        case interaction_kind::additive: what = "effects that add up"; break;
        case interaction_kind::more_exposure: what = "more of its effects"; break;
        case interaction_kind::less_exposure: what = "less of its effects"; break;
        case interaction_kind::stated: what = i.direction == direction::increase ? "more" : "less"; break;
        case interaction_kind::peripheral_blockade: what = "peripheral effects blocked"; break;
        default: what = "effects blocked or reversed"; break;
      }
      s.lines.push_back({detail::format("{}: {}", what, english_list(i.effects)), {}});
    }
    if (!i.affected.empty() && i.mechanism != interaction_mechanism::exposure && !i.no_interaction)
      s.lines.push_back({detail::format("{} exposure of {}", i.direction == direction::increase ? "higher" : "lower", i.affected), {}});
    if (!i.no_interaction)
      s.lines.push_back({detail::format("what to do: {} ({} evidence)", management_words(i.management), to_string(i.tier)), {}});
    if (auto h = half_lives_line(i)) s.lines.push_back(std::move(*h));
    for (auto const& st : i.stated) {
      std::string who = st.between_first == i.first && st.between_second == i.second
                            ? std::string()
                            : detail::format(" ({} with {})", st.between_first, st.between_second);
      std::string change;
      auto dir = st.says.direction == direction::increase ? "more" : "less";
      if (!st.effect.empty()) change = detail::format(", {} {}", dir, st.effect);
      else if (!st.exposure_of.empty()) change = detail::format(", {} {} exposure", st.exposure_of == i.second || st.exposure_of == i.first ? (st.says.direction == direction::increase ? "higher" : "lower") : dir, st.exposure_of);
      s.lines.push_back({detail::format("{} says{}: {}{}{}{}", st.ev.tier == evidence_tier::label ? "the label" : st.ev.tier == evidence_tier::guideline ? "a guideline" : "a source",
                                     who, enum_words(to_string(st.says.severity)), change,
                                     st.says.advice.empty() ? "" : "; ", st.says.advice), st.ev.refs});
    }
    for (auto const& w : i.warnings) {
      auto l = warning_line(w);
      l.text = detail::format("{}: {}", w.drug, l.text);
      s.lines.push_back(std::move(l));
    }
    s.lines.push_back({"path through the graph:", {}});
    for (auto const& p : i.path) {
      std::string detail = p.detail.empty() ? "" : detail::format(" ({})", enum_words(p.detail));
      s.lines.push_back({detail::format("{} —{}{}→ {}", p.from, to_string(p.relation), detail, p.to), p.refs, 1});
    }
    d.sections.push_back(std::move(s));
  }
  if (!a.without_metabolism.empty())
    d.sections.push_back({"Not checked", {{detail::format("no metabolism data for {}: interactions through enzymes or "
                                                       "transporters cannot be found for them", english_list(a.without_metabolism)), {}}}});
  d.refs = &a.references;
  d.kb = a.kb;
  add_review_header(d, a);
  return d;
}

/// What a dose query says after its dose and drug: " oral every 24 h for X, opioid-free for 7 d" (every format).
inline std::string query_details(dose_answer const& a) {
  auto const& q = a.query;
  std::string out;
  if (q.route) out += detail::format(" {}", to_string(*q.route));
  if (q.every) out += detail::format(" every {}", *q.every);
  if (!a.condition.empty()) out += detail::format(" for {}", a.condition);
  if (q.opioid_free) out += detail::format(", opioid-free for {}", *q.opioid_free);
  if (q.age) out += detail::format(", patient aged {}", *q.age);
  return out;
}
inline std::string query_text(dose_answer const& a) {
  return detail::format("{} {}{}", a.drug, a.query.dose, query_details(a));
}

inline std::string issue_text(dose_issue const& i) {
  switch (i.verdict) {
    case dose_verdict::above:
      return detail::format("above the usual dose: {} is {:.3g}× the regimen's {} (no labeled maximum daily dose is recorded "
                         "for this regimen)", i.found, i.factor, i.expected);
    case dose_verdict::above_usual:
      return detail::format("above the usual dose but within the labeled maximum: {} is {:.3g}× the regimen's {}", i.found,
                         i.factor, i.expected);
    case dose_verdict::above_maximum:
      return detail::format("above the labeled maximum daily dose: {} is {:.3g}× the {}", i.found, i.factor, i.expected);
    case dose_verdict::below: return detail::format("below the regimen: the regimen's {} is {:.3g}× the {} given", i.expected, i.factor, i.found);
    case dose_verdict::too_frequent: return detail::format("too frequent: {} where the regimen says {} ({:.3g}× as often)", i.found, i.expected, i.factor);
    case dose_verdict::too_infrequent: return detail::format("less frequent: {} where the regimen says {} ({:.3g}× the interval)", i.found, i.expected, i.factor);
    case dose_verdict::wrong_route: return detail::format("wrong route: expected {}, found {}", i.expected, i.found);
    case dose_verdict::wrong_dimension: return detail::format("unit error: expected {}, found {}", i.expected, i.found);
    case dose_verdict::precondition_unmet: return detail::format("precondition not met: expected {}, found {}", i.expected, i.found);
    case dose_verdict::wrong_age: return detail::format("not for this age: the regimen is {}, the patient is {}", i.expected, i.found);
    default: return std::string(to_string(i.verdict));
  }
}

/// The verdict line of a dose answer: "above maximum — ...", "contraindicated — at age 8 y: ..." (every format).
inline std::string dose_verdict_text(dose_answer const& a) {
  std::string verdict = enum_words(to_string(a.verdict));
  if (a.verdict == dose_verdict::contraindicated) {
    for (auto const& w : a.age_warnings)
      if (w.w.kind == warning_kind::contraindication)
        return verdict + detail::format(" — at age {}: {}", *a.query.age, w.w.about);
  }
  if (!a.checks.empty() && !a.checks.front().issues.empty()) verdict += " — " + issue_text(a.checks.front().issues.front());
  if (a.verdict == dose_verdict::no_regimen)
    verdict += a.condition.empty() ? " — the knowledge base has no regimen for this drug"
                                   : detail::format(" — the knowledge base has no regimen for this drug and {}", a.condition);
  return verdict;
}

inline layout dose_layout(dose_answer const& a) {
  layout d;
  d.title = detail::format("Dose check: {}", query_text(a));
  d.header.emplace_back("Verdict", dose_verdict_text(a));
  if (!a.age_warnings.empty()) {
    section s{detail::format("At age {}", *a.query.age), {}};
    for (auto const& w : a.age_warnings) s.lines.push_back(warning_line(w));
    d.sections.push_back(std::move(s));
  }
  int n = 0;
  for (auto const& c : a.checks) {
    section s{detail::format("{} regimen {}", n++ == 0 ? "Closest" : "Other", n), {}};
    s.lines.push_back(regimen_line(c.regimen));
    if (c.issues.empty()) s.lines.push_back({"the query is within this regimen", {}, 1});
    for (auto const& i : c.issues) s.lines.push_back({issue_text(i), {}, 1});
    for (auto const& u : c.unchecked) s.lines.push_back({detail::format("not checked (the query does not say): {}", u), {}, 1});
    for (auto const& u : c.not_checkable) s.lines.push_back({detail::format("not checked: {}", u), {}, 1});
    d.sections.push_back(std::move(s));
  }
  d.refs = &a.references;
  d.kb = a.kb;
  add_review_header(d, a);
  return d;
}

// ----- JSON -----
// Written straight to one string (detail/json_writer.hpp), in the bytes nlohmann::json's dump wrote before.

inline void json_kb(json_writer& w, kb_info const& k) {
  w.object([&] {
    w.member("name", k.name);
    w.member("version", k.version);
    w.member("content_hash", k.content_hash);
  });
}
inline void json_quantity(json_writer& w, quantity const& q) {
  w.object([&] {
    w.member("value", q.value());
    w.member("unit", std::string_view(info(q.unit_of()).symbol));
  });
}
inline void json_opt_quantity(json_writer& w, std::optional<quantity> const& q) {
  if (q) json_quantity(w, *q);
  else w.null();
}
inline void json_review_record(json_writer& w, std::optional<review_record> const& r) {
  if (!r) return w.null();
  w.object([&] {
    w.member("status", to_string(r->status));
    w.key("reviewer");
    w.string_or_null(r->reviewer);
    w.member("date", r->date);
    w.key("note");
    w.string_or_null(r->note);
  });
}
template <class Answer>
void json_review(json_writer& w, Answer const& a) {
  auto r = review_summary_of(a);
  w.object([&] {
    w.member("approved", r.all_approved());
    w.member("statements", r.statements);
    w.member("approved_statements", r.approved);
    w.member("under_review", r.under_review);
    w.member("submitted", r.submitted);
    w.member("not_reviewed", r.not_reviewed);
    w.member("reviewed_kb", a.kb.reviews);
    w.member("approved_only", a.approved_only);
    w.member("left_out", a.left_out);
    w.key("last_updated");
    w.string_or_null(r.last_updated);
    w.member("last_updated_from", to_string(r.from));
  });
}
inline void json_evidence(json_writer& w, evidence const& e) {
  w.object([&] {
    w.member("refs", e.refs);
    w.member("tier", to_string(e.tier));
    w.member("negated", e.negated);
    w.member("hypothesis", e.hypothesis);
    w.member("unverified", e.unverified);
    w.key("note");
    w.string_or_null(e.note);
    w.key("review");
    json_review_record(w, e.review);
    w.key("updated");
    w.string_or_null(e.updated);
  });
}
/// A statement: an object with the members `f` writes, then its evidence.
template <class F>
void json_statement(json_writer& w, evidence const& ev, F&& f) {
  w.object([&] {
    f();
    w.key("evidence");
    json_evidence(w, ev);
  });
}
inline void json_target(json_writer& w, target_ref const& t) {
  w.object([&] {
    w.member("id", t.id);
    w.member("name", t.name);
    w.member("gene", t.gene_symbol);
    w.member("family", t.family);
    w.member("synonyms", t.synonyms);
  });
}
/// Identifiers as an object keyed by scheme: a scheme given twice keeps its first place and its last value.
template <class Identifiers>
void json_identifiers(json_writer& w, Identifiers const& ids) {
  w.object([&] {
    for (std::size_t i = 0; i < ids.size(); ++i) {
      bool seen = false;
      for (std::size_t j = 0; j < i && !seen; ++j) seen = ids[j].scheme == ids[i].scheme;
      if (seen) continue;
      std::size_t last = i;
      for (std::size_t j = i + 1; j < ids.size(); ++j)
        if (ids[j].scheme == ids[i].scheme) last = j;
      w.member(ids[i].scheme, ids[last].value);
    }
  });
}
inline void json_references(json_writer& w, reference_list const& r) {
  w.array([&] {
    for (std::size_t i = 0; i < r.sources.size(); ++i) {
      auto const& s = r.sources[i];
      w.object([&] {
        w.member("n", int(i) + 1);
        w.member("id", s.id);
        w.member("kind", to_string(s.kind));
        w.member("tier", to_string(s.tier()));
        w.member("title", s.title);
        w.member("authors", s.authors);
        w.member("publisher", s.publisher);
        w.key("year");
        if (s.year) w.value(s.year);
        else w.null();
        w.key("identifiers");
        json_identifiers(w, s.ids);
        w.member("citation", s.citation_id());
        w.member("unverified", s.unverified);
        if (s.title_unverified) w.member("title_unverified", true);  // only where it is so (schema 2.1 names it)
      });
    }
  });
}
/// A field of a described record (model/entity_fields.hpp) as JSON: enums by name, quantities as {value, unit},
/// an absent optional as null, a list of records as an array of objects with a key per field.
template <class T>
void json_field(json_writer& w, T const& v) {
  if constexpr (named_enum<T>) w.value(to_string(v));
  else if constexpr (std::is_same_v<T, quantity>) json_quantity(w, v);
  else w.value(v);
}
template <class T>
void json_field(json_writer& w, std::optional<T> const& v) {
  if (v) json_field(w, *v);
  else w.null();
}
template <has_record_fields R>
void json_field(json_writer& w, std::vector<R> const& v) {
  w.array([&] {
    for (auto const& x : v)
      w.object([&] {
        for_each_record_field(x, [&](auto const& f, auto const& m) {
          w.key(f.name);
          json_field(w, m);
        });
      });
  });
}
/// A regimen statement: the regimen's id and fields, the statement's condition before the preconditions it sets.
inline void json_regimen(json_writer& w, regimen_statement const& s) {
  json_statement(w, s.ev, [&] {
    w.member("id", s.r.id);
    for_each_record_field(s.r, [&](auto const& f, auto const& v) {
      if (f.name == "preconditions") w.member("condition", s.condition);
      w.key(f.name);
      json_field(w, v);
    });
  });
}
inline void json_warning(json_writer& w, warning_statement const& s) {
  json_statement(w, s.ev, [&] {
    w.member("id", s.w.id);
    w.member("drug", s.drug);
    w.member("kind", to_string(s.w.kind));
    w.member("severity", to_string(s.w.severity));
    w.member("about", s.w.about);
    w.member("concerns", s.concerns);
    w.key("min_age");
    json_opt_quantity(w, s.w.min_age);
    w.key("max_age");
    json_opt_quantity(w, s.w.max_age);
  });
}
/// An array of `items`, each written by `f(item)`.
template <class Range, class F>
void json_array(json_writer& w, Range const& items, F&& f) {
  w.array([&] {
    for (auto const& x : items) f(x);
  });
}
/// The start of every answer document: the envelope and the review summary (the object stays open).
template <class Answer>
void json_head(json_writer& w, std::string_view kind, Answer const& a) {
  w.begin_object();
  w.member("schema", "pharmakon-answer");
  w.member("schema_version", answer_schema_version);
  w.member("kind", kind);
  w.key("kb");
  json_kb(w, a.kb);
  w.key("review");
  json_review(w, a);
}
/// The end of every answer document: references and disclaimer; then the text.
template <class Answer>
std::string json_tail(json_writer&& w, Answer const& a) {
  w.key("references");
  json_references(w, a.references);
  w.member("disclaimer", disclaimer);
  w.end_object();
  return std::move(w).take();
}

}  // namespace detail::render

PHARMAKON_FUNC std::string summary_line(mechanism_answer const& a) {
  using namespace detail::render;
  std::vector<std::string> parts;
  for (auto const& s : a.summary) parts.push_back(summary_of(s));
  for (auto& m : metabolite_parts(a.active_metabolites)) parts.push_back(std::move(m));
  if (a.activity_targets)
    parts.push_back(detail::format("binds {} other target{} (activity measured)", a.activity_targets,
                                a.activity_targets == 1 ? "" : "s"));
  if (a.other_species_targets && !parts.empty())
    parts.push_back(detail::format("{} more in other species", a.other_species_targets));
  std::string out = detail::format("{}", fmt::join(parts, "; "));
  if (!a.summary_disputed_targets.empty()) out += detail::format(" (disputed: the {})", english_list(a.summary_disputed_targets));
  return out;
}

PHARMAKON_FUNC std::vector<int> summary_refs(mechanism_answer const& a) {
  std::vector<int> refs;
  auto add = [&](std::vector<int> const& r) { refs.insert(refs.end(), r.begin(), r.end()); };
  for (auto const& s : a.summary) add(s.refs);
  for (auto const& m : a.active_metabolites) {
    add(m.ev.refs);
    if (m.acts) add(m.acts->refs);
  }
  std::sort(refs.begin(), refs.end());
  refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
  return refs;
}

PHARMAKON_FUNC std::string render_text(mechanism_answer const& a) {
  return detail::render::to_text(detail::render::mechanism_layout(a));
}
PHARMAKON_FUNC std::string render_markdown(mechanism_answer const& a) {
  return detail::render::to_markdown(detail::render::mechanism_layout(a));
}
PHARMAKON_FUNC std::string render_text(interaction_answer const& a) {
  return detail::render::to_text(detail::render::interaction_layout(a));
}
PHARMAKON_FUNC std::string render_markdown(interaction_answer const& a) {
  return detail::render::to_markdown(detail::render::interaction_layout(a));
}
PHARMAKON_FUNC std::string render_text(dose_answer const& a) {
  return detail::render::to_text(detail::render::dose_layout(a));
}
PHARMAKON_FUNC std::string render_markdown(dose_answer const& a) {
  return detail::render::to_markdown(detail::render::dose_layout(a));
}

namespace detail::render {
/// JSON text of a document built with nlohmann::json (the agreement report). Strings from a knowledge base built
/// through the builder API or an importer are not guaranteed to be valid UTF-8; an invalid byte becomes U+FFFD
/// instead of an exception (nlohmann's default); json_writer does the same for the answers.
inline std::string dump(nlohmann::ordered_json const& j, int indent) {
  return j.dump(indent, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}
inline void json_action_group(json_writer& w, action_summary const& s) {
  w.object([&] {
    w.member("action", to_string(s.type));
    w.member("basis", to_string(s.basis));
    w.member("pure", s.pure);
    w.member("modality", to_string(s.modality));
    w.member("reversible", s.reversible);
    w.member("surmountable", s.surmountable);
    w.member("targets", s.targets);
    w.member("more_targets", s.more);
    w.member("highest_affinity", s.highest_affinity);
    w.member("refs", s.refs);
  });
}
inline void json_half_life(json_writer& w, half_life_statement const& h) {
  json_statement(w, h.ev, [&] {
    w.key("low");
    json_quantity(w, h.low);
    w.key("high");
    json_quantity(w, h.high);
    w.member("note", h.note);
  });
}
inline void json_mechanism_actions(json_writer& w, mechanism_answer const& a) {
  json_array(w, a.actions, [&](auto const& t) {
    json_statement(w, t.ev, [&] {
      w.key("target");
      json_target(w, t.target);
      w.member("species", t.species);
      w.member("basis", to_string(t.basis));
      w.member("action", to_string(t.act.type));
      w.member("chembl_action", to_chembl(t.act.type));
      w.member("modality", to_string(t.act.modality));
      w.member("reversible", t.act.reversible);
      w.member("surmountable", t.act.surmountable);
      w.member("efficacy", t.act.efficacy);
      w.member("best_p_affinity", t.best_p_affinity);
      w.key("affinities");
      w.array([&] {
        for (std::size_t i = 0; i < t.act.affinities.size(); ++i) {
          auto const& af = t.act.affinities[i];
          w.object([&] {
            w.member("measure", to_string(af.measure));
            w.member("value", af.value);
            w.member("low", af.low);
            w.member("high", af.high);
            w.key("unit");
            if (af.conc_unit) w.value(std::string_view(info(*af.conc_unit).symbol));
            else w.null();
            w.member("species", af.species);
            w.member("p_value", af.p_value());
            w.key("refs");
            if (i < t.affinity_refs.size()) w.value(t.affinity_refs[i]);
            else w.array([] {});
          });
        }
      });
    });
  });
}
inline void json_mechanism_paths(json_writer& w, mechanism_answer const& a) {
  json_array(w, a.paths, [&](auto const& p) {
    w.object([&] {
      w.member("source_id", p.source_id);
      w.member("title", p.title);
      w.key("disease");
      w.string_or_null(p.disease);
      w.key("steps");
      json_array(w, p.steps, [&](auto const& st) {
        w.object([&] {
          w.member("from", st.from);
          w.member("verb", st.detail);
          w.member("to", st.to);
          w.member("refs", st.refs);
          w.key("review");
          json_review_record(w, st.review);
          w.key("updated");
          w.string_or_null(st.updated);
        });
      });
      w.member("routes", p.chains);
      w.member("more_routes", p.more_chains);
      w.member("refs", p.refs);
      w.key("note");
      w.string_or_null(p.note);
    });
  });
}
}  // namespace detail::render

PHARMAKON_FUNC std::string render_json(mechanism_answer const& a, int indent) {
  using namespace detail::render;
  json_writer w(indent, 64 * 1024);
  json_head(w, "mechanism", a);
  w.key("drug");
  w.object([&] {
    w.member("id", a.drug_id);
    w.member("name", a.drug);
    w.member("synonyms", a.synonyms);
    w.member("class", a.drug_class);
    w.key("identifiers");
    json_identifiers(w, a.identifiers);
  });
  w.member("summary", summary_line(a));
  w.member("summary_refs", summary_refs(a));
  w.key("summary_groups");
  json_array(w, a.summary, [&](auto const& s) { json_action_group(w, s); });
  w.key("active_metabolites");
  json_array(w, a.active_metabolites, [&](auto const& m) {
    json_statement(w, m.ev, [&] {
      w.member("id", m.metabolite_id);
      w.member("name", m.metabolite);
      w.key("formed_by");
      w.string_or_null(m.formed_by);
      w.member("main", m.main);
      w.key("acts");
      if (m.acts) json_action_group(w, *m.acts);
      else w.null();
    });
  });
  w.key("half_life");
  if (a.half_life) json_half_life(w, *a.half_life);
  else w.null();
  w.member("activity_targets", a.activity_targets);
  w.member("other_species_targets", a.other_species_targets);
  w.member("disputed_targets", a.disputed_targets);
  w.member("summary_disputed_targets", a.summary_disputed_targets);
  w.key("actions");
  json_mechanism_actions(w, a);
  w.key("effects");
  json_array(w, a.effects, [&](auto const& e) {
    json_statement(w, e.ev, [&] {
      w.member("relation", to_string(e.relation));
      w.member("effect_id", e.effect_id);
      w.member("effect", e.effect);
      w.member("via", e.via);
    });
  });
  w.key("target_roles");
  json_array(w, a.target_roles, [&](auto const& t) {
    json_statement(w, t.ev, [&] {
      w.member("target_id", t.target_id);
      w.member("target", t.target);
      w.member("effect_id", t.effect_id);
      w.member("effect", t.effect);
    });
  });
  w.key("indications");
  json_array(w, a.indications, [&](auto const& i) {
    json_statement(w, i.ev, [&] {
      w.member("condition_id", i.condition_id);
      w.member("condition", i.condition);
      w.member("adjunct", i.adjunct);
    });
  });
  w.key("regimens");
  json_array(w, a.regimens, [&](auto const& r) { json_regimen(w, r); });
  w.key("warnings");
  json_array(w, a.warnings, [&](auto const& x) { json_warning(w, x); });
  w.key("pharmacogenetics");
  json_array(w, a.pharmacogenetics, [&](auto const& p) {
    json_statement(w, p.ev, [&] {
      w.member("variant_id", p.variant_id);
      w.member("variant", p.variant);
      w.member("gene", p.gene);
      w.member("finding", to_string(p.finding));
      w.member("outcome", p.outcome);
    });
  });
  w.key("conflicts");
  json_array(w, a.conflicts, [&](auto const& c) {
    w.object([&] {
      w.member("reason", c.why == conflict::reason::negation ? "negation" : "incompatible_action");
      w.member("subject", c.subject);
      w.member("relation", to_string(c.relation));
      w.member("object", c.object);
      w.key("sides");
      w.array([&] {
        for (auto const* side : {&c.first, &c.second})
          json_statement(w, side->ev, [&] {
            w.member("statement", side->statement);
          });
      });
    });
  });
  if (!a.paths.empty()) {  // only when the knowledge base has mechanism paths (schema 2.2): other answers stay as they were
    w.key("paths");
    json_mechanism_paths(w, a);
  }
  return json_tail(std::move(w), a);
}

PHARMAKON_FUNC std::string render_json(interaction_answer const& a, int indent) {
  using namespace detail::render;
  json_writer w(indent, 32 * 1024);
  json_head(w, "interactions", a);
  w.member("drugs", a.drugs);
  w.key("interactions");
  json_array(w, a.interactions, [&](auto const& i) {
    auto const action_or_null = [&](action_type t) {
      if (i.mechanism == interaction_mechanism::same_target) w.value(to_string(t));
      else w.null();
    };
    w.object([&] {
      w.member("mechanism", to_string(i.mechanism));
      w.member("kind", to_string(i.kind));
      w.member("severity", to_string(i.severity));
      w.member("management", to_string(i.management));
      w.member("direction", to_string(i.direction));
      w.member("intended", i.intended);
      w.member("no_interaction", i.no_interaction);
      w.member("tier", to_string(i.tier));
      w.key("first");
      w.object([&] {
        w.member("drug", i.first);
        w.key("action");
        action_or_null(i.first_action);
      });
      w.key("second");
      w.object([&] {
        w.member("drug", i.second);
        w.key("action");
        action_or_null(i.second_action);
      });
      w.key("target");
      if (i.target) json_target(w, *i.target);
      else w.null();
      w.key("affected");
      w.string_or_null(i.affected);
      w.member("effects", i.effects);
      w.key("stated");
      json_array(w, i.stated, [&](auto const& st) {
        json_statement(w, st.ev, [&] {
          w.key("between");
          w.array([&] {
            w.value(st.between_first);
            w.value(st.between_second);
          });
          w.member("severity", to_string(st.says.severity));
          w.member("management", to_string(st.says.management));
          w.member("direction", to_string(st.says.direction));
          w.member("intended", st.says.intended);
          w.key("effect");
          w.string_or_null(st.effect);
          w.key("exposure_of");
          w.string_or_null(st.exposure_of);
          w.member("advice", st.says.advice);
        });
      });
      w.key("warnings");
      json_array(w, i.warnings, [&](auto const& x) { json_warning(w, x); });
      w.key("path");
      json_array(w, i.path, [&](auto const& p) {
        w.object([&] {
          w.member("from", p.from);
          w.member("relation", to_string(p.relation));
          w.member("detail", p.detail);
          w.member("to", p.to);
          w.member("refs", p.refs);
          w.key("review");
          json_review_record(w, p.review);
          w.key("updated");
          w.string_or_null(p.updated);
        });
      });
      w.key("half_lives");
      json_array(w, i.half_lives, [&](auto const& h) {
        w.object([&] {
          w.member("drug", h.drug);
          w.key("half_life");
          json_half_life(w, h.half_life);
        });
      });
      w.member("wears_off_first", i.wears_off_first);
    });
  });
  w.key("worst_severity");
  if (auto worst = a.worst()) w.value(to_string(*worst));
  else w.null();
  w.member("without_metabolism", a.without_metabolism);
  w.key("not_screened");
  json_array(w, a.not_screened, [&](auto const& u) {
    w.object([&] {
      w.member("name", u.name);
      w.member("reason", u.reason);
      w.member("suggestions", u.suggestions);
    });
  });
  return json_tail(std::move(w), a);
}

PHARMAKON_FUNC std::string render_json(dose_answer const& a, int indent) {
  using namespace detail::render;
  json_writer w(indent);
  json_head(w, "dose_check", a);
  w.member("drug", a.drug);
  w.key("query");
  w.object([&] {
    w.key("dose");
    json_quantity(w, a.query.dose);
    w.key("route");
    if (a.query.route) w.value(to_string(*a.query.route));
    else w.null();
    w.key("every");
    json_opt_quantity(w, a.query.every);
    w.key("condition");
    w.string_or_null(a.condition);
    w.key("opioid_free");
    json_opt_quantity(w, a.query.opioid_free);
    w.key("age");
    json_opt_quantity(w, a.query.age);
  });
  w.member("verdict", to_string(a.verdict));
  w.key("age_warnings");
  json_array(w, a.age_warnings, [&](auto const& x) { json_warning(w, x); });
  w.key("checks");
  json_array(w, a.checks, [&](auto const& c) {
    w.object([&] {
      w.key("regimen");
      json_regimen(w, c.regimen);
      w.member("within", c.issues.empty());
      w.key("issues");
      json_array(w, c.issues, [&](auto const& i) {
        w.object([&] {
          w.member("verdict", to_string(i.verdict));
          w.member("factor", i.factor);
          w.member("expected", i.expected);
          w.member("found", i.found);
          w.member("message", issue_text(i));
        });
      });
      w.member("unchecked", c.unchecked);
      w.member("not_checkable", c.not_checkable);
    });
  });
  return json_tail(std::move(w), a);
}

}  // namespace pharmakon
