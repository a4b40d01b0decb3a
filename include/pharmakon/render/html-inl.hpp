// Out-of-line definitions of the HTML renderer (render layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "html-inl.hpp holds the out-of-line definitions of html.hpp: include html.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cstdio>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "../model/text.hpp"
#include "html.hpp"
#include "render.hpp"  // the shared statement wording (detail::render), so every format says the same thing
#include "../detail/format.hpp"

namespace pharmakon {

PHARMAKON_FUNC std::string html_escape(std::string_view s) {
  std::string out;
  out.reserve(s.size() + s.size() / 8);
  constexpr std::string_view replacement = "\xEF\xBF\xBD";  // U+FFFD
  std::size_t i = 0, n = s.size();
  while (i < n) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      switch (c) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\t': case '\n': case '\r': out += char(c); break;
        default:
          if (c < 0x20 || c == 0x7F) out += replacement;
          else out += char(c);
      }
      ++i;
      continue;
    }
    std::size_t len = (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || i + len > n || text::invalid_utf8_offset(s.substr(i, len)) != std::string_view::npos) {
      out += replacement;
      ++i;
      continue;
    }
    auto cp = text::decode(s.substr(i, len));
    char32_t v = cp.empty() ? 0xFFFD : cp[0];
    // C1 controls and noncharacters are not allowed in HTML text
    if ((v >= 0x80 && v <= 0x9F) || (v >= 0xFDD0 && v <= 0xFDEF) || (v & 0xFFFE) == 0xFFFE)
      out += replacement;
    else
      out.append(s.substr(i, len));
    i += len;
  }
  return out;
}

PHARMAKON_FUNC std::string url_encode(std::string_view s) {
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
        c == '_' || c == '~')
      out += char(c);
    else
      out += detail::format("%{:02X}", unsigned(c));
  }
  return out;
}

namespace detail::html {

/// Percent-encodes all but unreserved characters and '/', for paths such as DOIs.
inline std::string path_encode(std::string_view s) {
  std::string out;
  for (auto part = s; !part.empty();) {
    auto slash = part.find('/');
    out += url_encode(part.substr(0, slash));
    if (slash == std::string_view::npos) break;
    out += '/';
    part.remove_prefix(slash + 1);
  }
  return out;
}

inline bool is_web_url(std::string_view u) {
  auto lower = [](std::string_view x) {
    std::string r(x);
    for (auto& ch : r) ch = char(ch >= 'A' && ch <= 'Z' ? ch + 32 : ch);
    return r;
  };
  auto head = lower(u.substr(0, 8));
  if (head.rfind("https://", 0) != 0 && head.rfind("http://", 0) != 0) return false;
  for (unsigned char c : u)
    if (c <= 0x20 || c == 0x7F || c == '"' || c == '<' || c == '>' || c == '\\' || c == '`') return false;
  return u.size() <= 2000;
}

}  // namespace detail::html

namespace detail::html {

/// The public records of a source, most specific first: (label, address) for PubMed, doi.org, DailyMed, GtoPdb and
/// the source's own web address. `source_url` is the first; a reference item links them all.
inline std::vector<std::pair<std::string, std::string>> record_links(source const& s) {
  std::vector<std::pair<std::string, std::string>> links;
  auto v = [&](std::string_view scheme) { return s.identifier_of(scheme); };
  if (auto x = v("pmid")) links.emplace_back("PubMed", "https://pubmed.ncbi.nlm.nih.gov/" + url_encode(*x) + "/");
  if (auto x = v("doi")) links.emplace_back("doi.org", "https://doi.org/" + path_encode(*x));
  if (auto x = v("dailymed_setid"))
    links.emplace_back("DailyMed", "https://dailymed.nlm.nih.gov/dailymed/drugInfo.cfm?setid=" + url_encode(*x));
  if (auto x = v("gtopdb_ligand")) links.emplace_back("GtoPdb ligand", identifier_url({"gtopdb_ligand", std::string(*x)}));
  if (auto x = v("gtopdb_target")) links.emplace_back("GtoPdb target", identifier_url({"gtopdb_target", std::string(*x)}));
  if (auto x = v("url"); x && is_web_url(*x)) links.emplace_back("Record", std::string(*x));
  return links;
}

}  // namespace detail::html

PHARMAKON_FUNC std::string source_url(source const& s) {
  auto links = detail::html::record_links(s);
  return links.empty() ? std::string() : links.front().second;
}

PHARMAKON_FUNC std::string identifier_url(identifier const& id) {
  auto v = url_encode(id.value);
  if (id.scheme == "chembl") return "https://www.ebi.ac.uk/chembl/compound_report_card/" + v + "/";
  if (id.scheme == "gtopdb_ligand") return "https://www.guidetopharmacology.org/GRAC/LigandDisplayForward?ligandId=" + v;
  if (id.scheme == "gtopdb_target") return "https://www.guidetopharmacology.org/GRAC/ObjectDisplayForward?objectId=" + v;
  if (id.scheme == "pubchem_cid") return "https://pubchem.ncbi.nlm.nih.gov/compound/" + v;
  if (id.scheme == "drugbank") return "https://go.drugbank.com/drugs/" + v;
  return "";
}

PHARMAKON_FUNC page_facts page_facts_of(kb_info const& kb) {
  page_facts f;
  f.kb_name = kb.name;
  f.kb_version = kb.version;
  f.content_hash = kb.content_hash;
  f.reviews = kb.reviews;
  return f;
}

namespace detail::html {
template <class Answer>
page_facts answer_facts(Answer const& a) {
  auto f = page_facts_of(a.kb);
  f.summary = review_summary_of(a);
  f.review_status = detail::render::review_text(f.summary, a.kb);
  f.last_updated = detail::render::updated_text(f.summary, a.kb);
  if (a.approved_only) f.approved_only = detail::render::approved_only_text(a.left_out);
  return f;
}
}  // namespace detail::html

PHARMAKON_FUNC page_facts page_facts_of(mechanism_answer const& a) {
  auto f = detail::html::answer_facts(a);
  // lay names held in the knowledge base (never made up here)
  auto add = [&](std::string const& id, std::string const& lay) {
    if (!lay.empty()) f.lay_names.emplace_back(id, lay);
  };
  for (auto const& t : a.actions) add(t.target.id, t.target.lay_name);
  for (auto const& e : a.effects) add(e.effect_id, e.lay_name);
  for (auto const& i : a.indications) add(i.condition_id, i.lay_name);
  return f;
}
PHARMAKON_FUNC page_facts page_facts_of(interaction_answer const& a) { return detail::html::answer_facts(a); }
PHARMAKON_FUNC page_facts page_facts_of(dose_answer const& a) { return detail::html::answer_facts(a); }

PHARMAKON_FUNC std::string review_words(std::optional<review_record> const& r, bool kb_has_reviews) {
  if (!r) return kb_has_reviews ? "not reviewed" : "not clinically reviewed";
  switch (r->status) {
    case review_status::approved:
      return r->reviewer.empty() ? detail::format("approved {}", r->date) : detail::format("approved by {}, {}", r->reviewer, r->date);
    case review_status::under_review:
      return r->reviewer.empty() ? detail::format("under review since {}", r->date)
                                 : detail::format("under review by {} since {}", r->reviewer, r->date);
    case review_status::submitted: return detail::format("submitted for review {}", r->date);
  }
  return "";
}

// ---------------------------------------------------------------------------------------------------------------
// interaction_summary: the one reader of `interaction`'s fields.

namespace detail::html {
/// An interaction's title in plain words: the first drug, then the other (see `summarize`).
inline fmt::format_string<std::string const&, std::string const&> plain_title_pattern(interaction const& i) {
  switch (i.kind) {
    case interaction_kind::blockade: return "{} blocks the effects of {}";
    case interaction_kind::peripheral_blockade:
      return "{} blocks some effects of {} outside the brain (such as constipation)";
    case interaction_kind::displacement: return "{} can displace {} and reverse its effects";
    case interaction_kind::additive: return "{} and {} add to each other's effects";
    case interaction_kind::duplicate: return "{} and {} have the same blocking action";
    case interaction_kind::more_exposure: return "{} raises the amount of {} in the body";
    case interaction_kind::less_exposure: return "{} lowers the amount of {} in the body";
    case interaction_kind::stated:
      if (i.no_interaction) return "{} and {}: no important interaction is known";
      return "{} and {}: the label warns about taking them together";
  }
  return "{} and {}";
}
}  // namespace detail::html

PHARMAKON_FUNC std::vector<interaction_summary> summarize(interaction_answer const& a) {
  using namespace detail::render;
  std::vector<interaction_summary> out;
  for (auto const& i : a.interactions) {
    interaction_summary s;
    s.title = kind_phrase(i);
    // the other drug, or for a change of exposure the drug (or metabolite) whose exposure changes
    bool const exposure = i.kind == interaction_kind::more_exposure || i.kind == interaction_kind::less_exposure;
    s.plain_title = detail::format(detail::html::plain_title_pattern(i), i.first, exposure ? i.affected : i.second);
    s.kind = std::string(to_string(i.kind));
    s.mechanism = enum_words(to_string(i.mechanism));
    s.severity = i.no_interaction ? std::string("no interaction") : enum_words(to_string(i.severity));
    s.severity_rank = i.no_interaction ? 4 : int(i.severity);
    s.management = i.no_interaction ? std::string() : management_words(i.management);
    s.intended = i.intended;
    s.no_interaction = i.no_interaction;
    s.first = i.first;
    s.second = i.second;
    bool at_target = i.mechanism == interaction_mechanism::same_target;
    s.first_action = at_target ? action_words(i.first_action) : std::string();
    s.second_action = at_target ? action_words(i.second_action) : std::string();
    s.target = at_target && i.target ? i.target->name : std::string();
    s.effects = i.effects;
    for (auto const& e : i.effects) {
      auto it = std::find_if(a.lay_names.begin(), a.lay_names.end(), [&](auto const& p) { return p.first == e; });
      s.plain_effects.push_back(it == a.lay_names.end() ? e : it->second);
    }
    switch (i.kind) {
      case interaction_kind::additive: s.effects_label = "effects that add up"; break;
      case interaction_kind::more_exposure: s.effects_label = detail::format("more of {}'s effects", i.affected); break;
      case interaction_kind::less_exposure: s.effects_label = detail::format("less of {}'s effects", i.affected); break;
      case interaction_kind::peripheral_blockade: s.effects_label = "peripheral effects blocked"; break;
      case interaction_kind::stated: s.effects_label = i.direction == direction::increase ? "more" : "less"; break;
      default: s.effects_label = "effects blocked or reversed"; break;
    }
    for (auto const& st : i.stated) {
      std::string change = !st.effect.empty() ? detail::format("{} {}", st.says.direction == direction::increase ? "more" : "less", st.effect)
                         : !st.exposure_of.empty() ? detail::format("{} {} exposure", st.says.direction == direction::increase ? "higher" : "lower", st.exposure_of)
                         : std::string();
      auto text = detail::format("{} with {}: {}{}{}{}", st.between_first, st.between_second, enum_words(to_string(st.says.severity)),
                              change.empty() ? "" : ", " + change, st.says.advice.empty() ? "" : "; ", st.says.advice);
      auto plain = detail::format("{}{}", st.says.advice.empty() ? enum_words(to_string(st.says.severity)) : st.says.advice, "");
      s.stated.push_back({text, plain, st.ev.tier == evidence_tier::label ? "label" : std::string(to_string(st.ev.tier)), st.ev.refs,
                          std::string(to_string(st.ev.tier)), review_words(st.ev.review, a.kb.reviews)});
    }
    for (auto const& w : i.warnings) {
      auto l = warning_line(w);
      s.warnings.push_back({detail::format("{}: {}", w.drug, l.text),
                            detail::format("{}: {}{}", w.drug, w.w.about, flags_text(w.ev)),
                            enum_words(to_string(w.w.kind)), w.ev.refs, std::string(to_string(w.ev.tier)),
                            review_words(w.ev.review, a.kb.reviews)});
    }
    if (auto h = half_lives_line(i)) {
      auto const& h1 = i.half_lives[0].half_life;
      auto const& h2 = i.half_lives[1].half_life;
      auto plain = i.wears_off_first
                       ? detail::format("{} wears off sooner than {} ({} against {}): {}'s effects can come back", i.first,
                                     i.second, half_life_span(h1), half_life_span(h2), i.second)
                       : h->text;
      s.duration.push_back({h->text, plain, "half-life", h->refs, std::string(to_string(std::min(h1.ev.tier, h2.ev.tier))),
                            review_words(std::nullopt, a.kb.reviews)});
    }
    for (auto const& p : i.path) {
      std::string detail = p.detail.empty() ? "" : detail::format(" ({})", enum_words(p.detail));
      auto t = detail::format("{} —{}{}→ {}", p.from, to_string(p.relation), detail, p.to);
      s.path.push_back({t, t, std::string(to_string(p.relation)), p.refs, "", review_words(p.review, a.kb.reviews)});
    }
    out.push_back(std::move(s));
  }
  return out;
}

namespace detail::html {

using detail::render::action_words;
using detail::render::english_list;
using detail::render::enum_words;
inline std::string esc(std::string_view s) { return html_escape(s); }

/// A link back into the server (or to it, from a file): path plus query parameters.
struct page_link {
  std::string path;
  std::vector<std::pair<std::string, std::string>> params;
  std::string href(std::string const& base, std::string_view aud = {}) const {
    std::string out = base + path;
    char sep = '?';
    for (auto const& [k, v] : params) {
      out += sep + k + "=" + url_encode(v);
      sep = '&';
    }
    if (!aud.empty()) out += std::string(1, sep) + "audience=" + std::string(aud);
    return out;
  }
};

inline std::string cite_html(std::vector<int> const& refs) {
  if (refs.empty()) return "";
  std::string out = " <span class=\"refs\">[";
  for (std::size_t i = 0; i < refs.size(); ++i)
    out += detail::format("{}<a href=\"#ref-{}\" aria-label=\"reference {}\">{}</a>", i ? ", " : "", refs[i], refs[i], refs[i]);
  return out + "]</span>";
}

inline std::string tier_words(evidence_tier t) {
  switch (t) {
    case evidence_tier::guideline: return "guideline";
    case evidence_tier::label: return "drug label";
    case evidence_tier::research: return "research";
    case evidence_tier::other: return "curated database";
  }
  return "";
}

/// A statement with its evidence tier and review status, then its references.
inline std::string statement(std::string const& escaped_text, evidence const& ev, page_facts const& f,
                             std::string const& extra = "") {
  std::string cls = ev.negated ? " class=\"negated\"" : ev.hypothesis || ev.unverified ? " class=\"tentative\"" : "";
  return detail::format("<li{}>{}{} <span class=\"meta\">{} evidence · {}</span>{}</li>\n", cls, escaped_text, cite_html(ev.refs),
                     esc(tier_words(ev.tier)), esc(review_words(ev.review, f.reviews)), extra);
}

// ----- inline SVG: columns of boxes joined by labelled arrows, drawn here (no Graphviz at run time) -----

struct svg_node {
  std::string label;
  std::string role;  ///< drug, target, effect
};
struct svg_edge {
  int from_col, from_row, to_col, to_row;
  std::string label;
  std::string style;  ///< "produces", "blocks", "reduces", "acts"
};

inline std::string clip(std::string const& s, std::size_t max_chars) {
  auto cps = text::decode(s);
  if (cps.size() <= max_chars) return s;
  std::string out;
  for (std::size_t i = 0; i + 1 < max_chars; ++i) text::encode(cps[i], out);
  return out + "…";
}

inline std::string svg_picture(std::vector<std::vector<svg_node>> const& cols, std::vector<svg_edge> const& edges,
                               std::string const& id, std::string const& title, std::string const& desc) {
  constexpr int box_w = 210, box_h = 30, gap_x = 120, gap_y = 14, pad = 10, max_chars = 27;
  std::size_t rows = 1;
  for (auto const& c : cols) rows = std::max(rows, c.size());
  int height = int(rows) * (box_h + gap_y) - gap_y + 2 * pad;
  int width = int(cols.size()) * box_w + int(cols.size() - 1) * gap_x + 2 * pad;
  auto x_of = [&](int c) { return pad + c * (box_w + gap_x); };
  auto y_of = [&](int c, int r) {
    int col_h = int(cols[std::size_t(c)].size()) * (box_h + gap_y) - gap_y;
    return (height - col_h) / 2 + r * (box_h + gap_y);
  };
  std::string out = detail::format(
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
      "aria-labelledby=\"{}-t {}-d\" class=\"picture\">\n<title id=\"{}-t\">{}</title>\n<desc id=\"{}-d\">{}</desc>\n"
      "<defs><marker id=\"{}-arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" "
      "orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#374151\"/></marker></defs>\n",
      width, height, width, height, id, id, id, esc(title), id, esc(desc), id);
  for (auto const& e : edges) {
    int x1 = x_of(e.from_col) + box_w, y1 = y_of(e.from_col, e.from_row) + box_h / 2;
    int x2 = x_of(e.to_col), y2 = y_of(e.to_col, e.to_row) + box_h / 2;
    std::string dash = e.style == "blocks" ? " stroke-dasharray=\"6 4\"" : e.style == "reduces" ? " stroke-dasharray=\"2 3\"" : "";
    std::string colour = e.style == "blocks" ? "#9f1239" : "#374151";
    out += detail::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-width=\"1.5\"{} marker-end=\"url(#{}-arrow)\"/>\n",
                       x1, y1, x2 - 2, y2, colour, dash, id);
    if (!e.label.empty())
      out += detail::format("<text x=\"{}\" y=\"{}\" class=\"edge\" text-anchor=\"end\">{}</text>\n", x2 - 6, y2 - 5,
                         esc(clip(e.label, 18)));
  }
  for (std::size_t c = 0; c < cols.size(); ++c)
    for (std::size_t r = 0; r < cols[c].size(); ++r) {
      auto const& n = cols[c][r];
      int x = x_of(int(c)), y = y_of(int(c), int(r));
      out += detail::format("<g class=\"node {}\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"6\"/>"
                         "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\">{}</text></g>\n",
                         esc(n.role), esc(n.label), x, y, box_w, box_h, x + box_w / 2, y + box_h / 2 + 5,
                         esc(clip(n.label, max_chars)));
    }
  return out + "</svg>\n";
}

/// A figure: the picture and, for screen readers and print, the same picture in words.
inline std::string figure(std::string const& svg, std::string const& caption, std::vector<std::string> const& words) {
  std::string out = "<figure>\n<div class=\"scroll\">" + svg + "</div>\n<figcaption>" + esc(caption) +
                    "\n<details><summary>The picture in words</summary><ul>\n";
  for (auto const& w : words) out += "<li>" + esc(w) + "</li>\n";
  return out + "</ul></details></figcaption>\n</figure>\n";
}

/// The mechanism picture: drug → targets → effects (patients: drug → effects, no receptors).
inline std::string mechanism_figure(mechanism_answer const& a, audience aud, page_facts const& f) {
  constexpr std::size_t max_targets = 10, max_effects = 14;
  std::vector<std::vector<svg_node>> cols{{{a.drug, "drug"}}};
  std::vector<svg_edge> edges;
  std::vector<std::string> words;
  std::map<std::string, int> target_row;
  bool with_targets = aud != audience::patient;
  if (with_targets) {
    cols.emplace_back();
    for (auto const& t : a.actions) {
      if (t.ev.negated || target_row.count(t.target.name) || cols[1].size() >= max_targets) continue;
      bool disputed = std::find(a.disputed_targets.begin(), a.disputed_targets.end(), t.target.name) != a.disputed_targets.end();
      target_row[t.target.name] = int(cols[1].size());
      cols[1].push_back({t.target.name + (disputed ? " (disputed)" : ""), "target"});
      auto act = action_words(t.act.type);
      edges.push_back({0, 0, 1, int(cols[1].size()) - 1, act, "acts"});
      words.push_back(detail::format("{} → {} at the {}{}", a.drug, act, t.target.name, disputed ? " (disputed)" : ""));
    }
  }
  int ecol = int(cols.size());
  cols.emplace_back();
  std::size_t left_out = 0;
  for (auto const& e : a.effects) {
    if (e.ev.negated) continue;
    if (cols[std::size_t(ecol)].size() >= max_effects) { ++left_out; continue; }
    std::string verb = e.relation == relation_kind::blocks ? "blocks" : e.relation == relation_kind::reduces ? "reduces" : "produces";
    auto patient_name = f.patient_name(e.effect_id, e.effect);
    if (aud == audience::patient && !patient_name) continue;
    auto name = aud == audience::patient ? *patient_name : e.effect;
    int row = int(cols[std::size_t(ecol)].size());
    cols[std::size_t(ecol)].push_back({name, "effect"});
    bool drawn = false;
    if (with_targets)
      for (auto const& v : e.via)
        if (auto it = target_row.find(v); it != target_row.end()) {
          edges.push_back({1, it->second, ecol, row, verb, verb});
          words.push_back(detail::format("through the {}: {} {}", v, verb, name));
          drawn = true;
        }
    if (!drawn) {
      edges.push_back({0, 0, ecol, row, verb, verb});
      words.push_back(detail::format("{} {} {}", a.drug, verb, name));
    }
  }
  if (cols[std::size_t(ecol)].empty()) cols.pop_back();
  if (cols.size() < 2) return "";
  if (left_out) words.push_back(detail::format("and {} more effects, listed below", left_out));
  std::string title = with_targets ? detail::format("{}: drug, targets and effects", a.drug) : detail::format("What {} does", a.drug);
  std::string desc = with_targets ? "Arrows from the drug to the receptors it acts on, and from each receptor to the effects it mediates"
                                  : "Arrows from the drug to the effects it produces, blocks or reduces";
  auto svg = svg_picture(cols, edges, "fig-moa", title, desc);
  std::string caption = with_targets ? "Solid arrows: acts on or produces; dashed: blocks; dotted: reduces. Each arrow is a claim listed below with its sources."
                                     : "Solid arrows: produces; dashed: blocks; dotted: reduces.";
  return figure(svg, caption, words);
}

inline std::string interaction_figure(interaction_summary const& s, int n, audience aud) {
  std::vector<std::vector<svg_node>> cols{{{s.first, "drug"}, {s.second, "drug"}}};
  std::vector<svg_edge> edges;
  std::vector<std::string> words;
  std::string verb = s.kind == "additive" ? "adds" : "blocks";
  if (aud != audience::patient && !s.target.empty()) {
    cols.push_back({{s.target, "target"}});
    edges.push_back({0, 0, 1, 0, s.first_action, "acts"});
    edges.push_back({0, 1, 1, 0, s.second_action, "acts"});
    words.push_back(detail::format("{} → {} at the {}", s.first, s.first_action, s.target));
    words.push_back(detail::format("{} → {} at the {}", s.second, s.second_action, s.target));
    if (!s.effects.empty()) {
      cols.emplace_back();
      for (auto const& e : s.effects) {
        edges.push_back({1, 0, 2, int(cols[2].size()), s.kind == "additive" ? "added" : "blocked",
                         s.kind == "additive" ? "produces" : "blocks"});
        cols[2].push_back({e, "effect"});
        words.push_back(detail::format("at the {}: {} {}", s.target, s.kind == "additive" ? "added" : "blocked or reversed", e));
      }
    }
  } else {
    if (s.effects.empty()) return "";
    cols.emplace_back();
    for (auto const& e : aud == audience::patient ? s.plain_effects : s.effects) {
      edges.push_back({0, 0, 1, int(cols[1].size()), "", s.kind == "additive" ? "produces" : "blocks"});
      edges.push_back({0, 1, 1, int(cols[1].size()), "", s.kind == "additive" ? "produces" : "blocks"});
      cols[1].push_back({e, "effect"});
      words.push_back(detail::format("{} and {}: {} {}", s.first, s.second, s.kind == "additive" ? "more" : "less", e));
    }
  }
  auto svg = svg_picture(cols, edges, detail::format("fig-i{}", n), aud == audience::patient ? s.plain_title : s.title,
                         detail::format("How {} and {} meet", s.first, s.second));
  return figure(svg, "Arrows: each drug's action at the shared target, and the effects at stake.", words);
}

// ----- the page -----

inline constexpr std::string_view css = R"(
:root{color-scheme:light}
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;color:#1b1b1b;background:#fff}
a{color:#0b4fa8}
a:focus,button:focus,input:focus{outline:3px solid #b45309;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px}
header.site,footer.site{background:#f3f4f6;padding:.6rem 1rem;border-bottom:1px solid #d1d5db}
footer.site{border-top:1px solid #d1d5db;border-bottom:0;font-size:.9rem;margin-top:2rem}
header.site p{margin:0;font-weight:700}
main{max-width:58rem;margin:0 auto;padding:1rem}
h1{font-size:1.8rem;line-height:1.25;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:1.8rem 0 .6rem;border-bottom:2px solid #e5e7eb;padding-bottom:.2rem}
h3{font-size:1.1rem;margin:1.2rem 0 .4rem}
.status{border:1px solid #d1d5db;border-radius:8px;padding:.6rem 1rem;background:#f9fafb}
.status dl{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.4rem 0}
.status dt{font-weight:600}.status dd{margin:0}
.notice{font-weight:600;margin:.2rem 0}
.steps{list-style:none;padding:0;margin:.2rem 0;display:flex;gap:.4rem;flex-wrap:wrap}
.steps li{border:1px solid #9ca3af;border-radius:999px;padding:0 .7rem;color:#374151;background:#fff}
.steps li[aria-current]{background:#1e3a8a;color:#fff;border-color:#1e3a8a}
.readers{display:flex;gap:.5rem;flex-wrap:wrap;list-style:none;padding:0}
.readers a{display:inline-block;border:1px solid #0b4fa8;border-radius:6px;padding:.3rem .8rem;text-decoration:none}
.readers a[aria-current]{background:#0b4fa8;color:#fff}
.meta{font-size:.85rem;color:#4b5563;white-space:nowrap}
.refs{font-size:.9rem}
li{margin:.3rem 0}
li.negated{color:#374151}
li.tentative{font-style:italic}
.summary{font-size:1.1rem;background:#eff6ff;border-left:4px solid #1e3a8a;padding:.6rem 1rem;margin:1rem 0}
.warnings li,.verdict,.not-screened{background:#fff7ed;border-left:4px solid #b45309;padding:.3rem .6rem;list-style:none}
.warnings{padding-left:0}
.sev{font-weight:700}
.verdict{font-size:1.1rem}
figure{margin:1rem 0}
.scroll{overflow-x:auto}
svg.picture{max-width:100%;height:auto;font:13px system-ui,sans-serif}
svg .node rect{fill:#fff;stroke:#374151;stroke-width:1.2}
svg .node.drug rect{fill:#dbeafe}svg .node.target rect{fill:#ecfdf5}svg .node.effect rect{fill:#fef3c7}
svg text{fill:#111827}svg text.edge{font-size:11px;fill:#374151}
figcaption{font-size:.9rem;color:#374151}
.references li{margin:.5rem 0;overflow-wrap:anywhere}
.records a{margin-right:.5rem}
.disclaimer{font-size:.95rem;border-top:1px solid #d1d5db;margin-top:2rem}
.followup{background:#f3f4f6;border-radius:8px;padding:.8rem 1rem;margin-top:2rem}
.followup form{display:flex;gap:.5rem;flex-wrap:wrap}
.followup input[type=text]{flex:1 1 20rem;font:inherit;padding:.4rem;border:1px solid #6b7280;border-radius:4px}
.followup button{font:inherit;padding:.4rem 1rem;background:#1e3a8a;color:#fff;border:0;border-radius:4px}
.followup label{display:block;font-weight:600;margin-bottom:.3rem}
code{font-size:.9em}
@media print{
header.site nav,.followup,.skip,.readers{display:none}
body{font-size:11pt}
main{max-width:none;padding:0}
details{display:block}details>summary{display:none}
.references a[href^="http"]::after{content:" <" attr(href) ">";font-size:9pt}
h2{break-after:avoid}li,figure{break-inside:avoid}
}
)";

inline std::string audience_name(audience a) {
  switch (a) {
    case audience::clinician: return "Clinician";
    case audience::patient: return "Patient";
    case audience::researcher: return "Researcher";
  }
  return "";
}

inline std::string reference_item(source const& s, std::size_t n) {
  std::string out = detail::format("<li id=\"ref-{}\">{}", n, esc(detail::render::reference_text(s)));
  auto links = record_links(s);
  if (!links.empty()) {
    out += " <span class=\"records\">";
    for (auto const& [label, url] : links)
      out += detail::format("<a href=\"{}\" rel=\"noreferrer\">{}</a>", esc(url), esc(label));
    out += "</span>";
  }
  return out + "</li>\n";
}

struct page {
  std::string title;
  page_link self;
  html_options const* o = nullptr;
  page_facts facts;
  std::string body;  ///< the answer's sections, HTML
  reference_list const* refs = nullptr;
};

inline std::string to_html(page const& p) {
  auto const& o = *p.o;
  auto const& f = p.facts;
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += detail::format("<title>{} — pharmakon</title>\n<style>{}</style>\n</head>\n<body>\n", esc(p.title), css);
  out += "<a class=\"skip\" href=\"#main\">Skip to the answer</a>\n";
  out += detail::format("<header class=\"site\"><p><a href=\"{}/\">pharmakon</a> — pharmacology answers from a curated, "
                     "evidence-linked knowledge graph</p></header>\n",
                     esc(o.base_url));
  out += "<main id=\"main\">\n<article>\n";
  out += "<h1>" + esc(p.title) + "</h1>\n";
  // review status and dates, from page_facts only
  out += "<section class=\"status\" aria-labelledby=\"status-h\">\n<h2 id=\"status-h\">About this answer</h2>\n";
  auto const& rs = f.summary;
  if (rs.all_approved())
    out += "<p class=\"notice\">Educational purpose only. Composed from the knowledge base's claims, each with its sources; "
           "every statement shown was approved by the reviewer named beside it.</p>\n";
  else if (f.reviews)
    out += "<p class=\"notice\">Educational purpose only. Composed from the knowledge base's claims, each with its sources; "
           "not every statement shown has been approved: each says where it stands.</p>\n";
  else
    out += "<p class=\"notice\">Educational purpose only. Composed from the knowledge base's claims, each with its sources; "
           "not clinically reviewed.</p>\n";
  if (!f.approved_only.empty()) out += "<p class=\"notice approved-only\">Shown: " + esc(f.approved_only) + ".</p>\n";
  // the seed's steps; the current one is where the least advanced statement shown stands
  int step = rs.all_approved() ? 3 : rs.not_reviewed || rs.statements == 0 ? 0 : rs.submitted ? 1 : 2;
  out += "<p>Article review status:</p>\n<ol class=\"steps\" aria-label=\"Review status\">";
  int k = 0;
  for (auto const* name : {"Curated (not reviewed)", "Submitted", "Under review", "Approved"})
    out += detail::format("<li{}>{}</li>", k++ == step ? " aria-current=\"step\"" : "", name);
  out += "</ol>\n";
  out += "<dl>\n";
  out += detail::format("<dt>Review status</dt><dd>{}</dd>\n", esc(f.review_status));
  out += detail::format("<dt>Last updated</dt><dd>{}</dd>\n", esc(f.last_updated));
  out += detail::format("<dt>Knowledge base</dt><dd>{} {} (content hash <code>{}</code>)</dd>\n", esc(f.kb_name),
                     esc(f.kb_version), esc(f.content_hash));
  out += detail::format("<dt>Written for</dt><dd>{}</dd>\n</dl>\n</section>\n", audience_name(o.audience));
  // reader choice: plain links, no script
  out += "<section aria-labelledby=\"personalize-h\">\n<h2 id=\"personalize-h\">Personalize</h2>\n"
         "<p>Which best describes you? Your choice changes the wording, not the facts or the sources.</p>\n<ul class=\"readers\">\n";
  for (auto a : enum_values<audience>())
    out += detail::format("<li><a href=\"{}\"{}>{}</a></li>\n", esc(p.self.href(o.base_url, to_string(a))),
                       a == o.audience ? " aria-current=\"page\"" : "", audience_name(a));
  out += "</ul>\n</section>\n";
  out += p.body;
  if (p.refs && !p.refs->sources.empty()) {
    out += "<section class=\"references\" aria-labelledby=\"refs-h\">\n<h2 id=\"refs-h\">References</h2>\n<ol>\n";
    for (std::size_t i = 0; i < p.refs->sources.size(); ++i) out += reference_item(p.refs->sources[i], i + 1);
    out += "</ol>\n</section>\n";
  }
  out += "<section class=\"disclaimer\" aria-labelledby=\"disc-h\">\n<h2 id=\"disc-h\">Disclaimer</h2>\n";
  out += "<p>" + esc(disclaimer) + "</p>\n";
  if (o.audience == audience::patient)
    out += "<p>This page does not replace advice from your doctor, nurse or pharmacist. Do not start, stop or change "
           "a medicine because of it. In an emergency, call your local emergency number.</p>\n";
  out += "</section>\n";
  if (o.question_box) {
    out += detail::format(
        "<section class=\"followup\" aria-labelledby=\"ask-h\">\n<h2 id=\"ask-h\">Have a follow-up question?</h2>\n"
        "<form method=\"get\" action=\"{}/ask\">\n<label for=\"q\">Ask in plain words</label>\n"
        "<input type=\"text\" id=\"q\" name=\"q\" maxlength=\"500\" placeholder=\"Does tramadol interact with sertraline?\">\n"
        "<input type=\"hidden\" name=\"audience\" value=\"{}\">\n<button type=\"submit\">Ask</button>\n</form>\n"
        "<p>For example: “How does Vivitrol work?”, “Can I take naltrexone with oxycodone?”, “Is 100 mg of naltrexone "
        "a day too much?”{}</p>\n</section>\n",
        esc(o.base_url), to_string(o.audience),
        o.base_url.empty() ? "" : " (answered by <code>pharmakon serve</code>, which must be running)");
  }
  out += "</article>\n</main>\n";
  out += detail::format("<footer class=\"site\"><p>Answer by pharmakon {} from knowledge base {} {}, content hash {}.</p></footer>\n",
                     PHARMAKON_VERSION_STRING, esc(f.kb_name), esc(f.kb_version), esc(f.content_hash));
  return out + "</body>\n</html>\n";
}

template <class Answer>
page_facts facts_for(html_options const& o, Answer const& a) {
  return o.facts.kb_version.empty() && o.facts.kb_name.empty() ? page_facts_of(a) : o.facts;
}

inline std::string html_section(std::string const& id, std::string const& title, std::string const& items, char const* cls = "") {
  if (items.empty()) return "";
  return detail::format("<section aria-labelledby=\"{}\">\n<h2 id=\"{}\">{}</h2>\n<ul class=\"{}\">\n{}</ul>\n</section>\n", id, id,
                     esc(title), cls, items);
}

inline std::string warning_kind_words(warning_kind k) {
  switch (k) {
    case warning_kind::boxed_warning: return "Boxed warning";
    case warning_kind::contraindication: return "Contraindication";
    case warning_kind::warning: return "Warning";
    case warning_kind::precaution: return "Precaution";
  }
  return "";
}

inline std::string warning_item(warning_statement const& w, audience aud, page_facts const& f, bool with_drug = false) {
  std::string text = detail::format("<span class=\"sev\">{}{} ({})</span>: {}", with_drug ? esc(w.drug) + " — " : "",
                                 esc(warning_kind_words(w.w.kind)), esc(enum_words(to_string(w.w.severity))), esc(w.w.about));
  if (aud != audience::patient && !w.concerns.empty())
    text += esc(detail::format(" (through the {})", english_list(w.concerns)));
  if (!w.ev.note.empty()) text += esc(" — " + w.ev.note);
  return statement(text, w.ev, f);
}

inline std::string conflict_items(mechanism_answer const& a, audience aud, page_facts const& f) {
  std::string out;
  for (auto const& c : a.conflicts) {
    if (aud == audience::researcher) {
      out += "<li>" + esc(detail::format("{} and the {}: the sources disagree", c.subject, c.object)) + "\n<ul>\n";
      for (auto const* side : {&c.first, &c.second})
        out += statement(esc(side->statement + detail::render::flags_text(side->ev)), side->ev, f);
      out += "</ul></li>\n";
    } else {
      std::vector<int> refs = c.first.ev.refs;
      refs.insert(refs.end(), c.second.ev.refs.begin(), c.second.ev.refs.end());
      std::sort(refs.begin(), refs.end());
      refs.erase(std::unique(refs.begin(), refs.end()), refs.end());
      out += detail::format("<li>{}{}</li>\n",
                         esc(detail::format("{} and the {}: the sources disagree ({} / {}); neither is stated as fact here",
                                         c.subject, c.object, c.first.statement, c.second.statement)),
                         cite_html(refs));
    }
  }
  return out;
}

/// The mechanism paths as nested lists: where each leads (with its source and references), then its routes.
inline std::string path_items(mechanism_answer const& a) {
  if (a.paths.empty()) return "";
  std::string out;
  bool open = false;
  for (auto const& l : detail::render::paths_section(a).lines) {
    if (l.indent == 0) {
      if (open) out += "</ul></li>\n";
      out += "<li>" + esc(l.text) + cite_html(l.refs) + "\n<ul>\n";
      open = true;
    } else {
      out += "<li>" + esc(l.text) + cite_html(l.refs) + "</li>\n";
    }
  }
  if (open) out += "</ul></li>\n";
  return out;
}

inline std::string mechanism_body(mechanism_answer const& a, html_options const& o, page_facts const& f) {
  using namespace detail::render;
  auto aud = o.audience;
  std::string out;
  // the short answer
  auto summary_refs = pharmakon::summary_refs(a);  // the same references as the text and Markdown summary
  out += "<section aria-labelledby=\"short-h\">\n<h2 id=\"short-h\">In short</h2>\n<div class=\"summary\">\n";
  if (aud == audience::patient) {
    std::vector<std::string> uses;
    for (auto const& i : a.indications)
      if (!i.ev.negated) uses.push_back(f.lay(i.condition_id, i.condition));
    out += "<p>" + esc(a.drug) + (a.synonyms.empty() ? "" : esc(detail::format(" (also sold as {})", fmt::join(a.synonyms, ", ")))) +
           (uses.empty() ? "." : esc(detail::format(" is used for {}.", english_list(uses)))) + "</p>\n";
    out += "<p>Below: what it does in the body, how it is taken, and its warnings. Every warning on the label is kept.</p>\n";
  } else {
    auto s = summary_line(a);
    out += detail::format("<p><strong>{}</strong>{}: {}{}</p>\n", esc(a.drug), a.drug_class.empty() ? "" : esc(" (" + a.drug_class + ")"),
                       esc(s.empty() ? "no established target action in this knowledge base" : s), cite_html(summary_refs));
    if (!a.synonyms.empty()) out += "<p>Also known as: " + esc(detail::format("{}", fmt::join(a.synonyms, ", "))) + "</p>\n";
    if (!a.identifiers.empty()) {
      out += "<p>Identifiers: ";
      for (std::size_t i = 0; i < a.identifiers.size(); ++i) {
        auto const& id = a.identifiers[i];
        auto url = identifier_url(id);
        auto label = esc(id.scheme + " " + id.value);
        out += (i ? "; " : "") + (url.empty() ? label : detail::format("<a href=\"{}\" rel=\"noreferrer\">{}</a>", esc(url), label));
      }
      out += "</p>\n";
    }
  }
  out += "</div>\n</section>\n";
  out += mechanism_figure(a, aud, f);
  // statements by tier, the seed's "From the guidelines / label / research"
  for (auto tier : enum_values<evidence_tier>()) {
    std::string items;
    // the rows of the text answer; a researcher's page lists every activity-only row
    detail::render::tier_actions acts;
    if (aud != audience::patient)
      acts = detail::render::actions_of_tier(a, tier, aud == audience::researcher ? a.actions.size()
                                                                                  : detail::render::shown_activity_rows);
    for (auto const* tp : acts.rows) {
      auto const& t = *tp;
      auto plain = t;
      plain.act.affinities.clear();
      auto l = action_line(plain);
      std::string extra;
      if (aud == audience::researcher && !t.act.affinities.empty()) {
        extra = "<ul class=\"affinities\">\n";
        for (std::size_t i = 0; i < t.act.affinities.size(); ++i)
          extra += "<li>" + esc(affinity_text(t.act.affinities[i])) +
                   (i < t.affinity_refs.size() ? cite_html(t.affinity_refs[i]) : "") + "</li>\n";
        extra += "</ul>";
      }
      items += statement(esc(l.text), t.ev, f, extra);
    }
    if (acts.more)
      items += detail::format("<li class=\"more\">… and {} more row{} of measured activity only (every row: the "
                           "researcher page or the JSON answer)</li>\n",
                           acts.more, acts.more == 1 ? "" : "s");
    for (auto const& e : a.effects) {
      if (e.ev.tier != tier) continue;
      if (aud == audience::patient) {
        auto name = f.patient_name(e.effect_id, e.effect);
        if (!name) continue;
        auto p = e;
        p.via.clear();
        p.effect = *name;
        p.ev.note.clear();  // curators' remarks are written for professionals
        items += statement(esc(effect_line(p).text), e.ev, f);
      } else {
        items += statement(esc(effect_line(e).text), e.ev, f);
      }
    }
    for (auto const& i : a.indications) {
      if (i.ev.tier != tier) continue;
      auto p = i;
      if (aud == audience::patient) {
        p.condition = f.lay(i.condition_id, i.condition);
        p.ev.note.clear();
      }
      items += statement(esc(indication_line(p).text), i.ev, f);
    }
    out += html_section(detail::format("tier-{}", to_string(tier)), tier_title(tier), items);
  }
  if (aud != audience::patient) {
    std::string roles;
    for (auto const& r : a.target_roles) roles += statement(esc(target_role_line(r).text), r.ev, f);
    out += html_section("target-roles-h", "What its targets do", roles);  // nothing when there are none
  }
  std::string regs;
  for (auto const& r : a.regimens) regs += statement(esc(regimen_line(r).text), r.ev, f);
  out += html_section("regimens-h", aud == audience::patient ? "How it is taken" : "Regimens", regs);
  std::string warns;
  for (auto const& w : a.warnings) warns += warning_item(w, aud, f);
  out += html_section("warnings-h", "Warnings and contraindications", warns, "warnings");
  if (aud != audience::patient) {
    std::string pgx;
    for (auto const& p : a.pharmacogenetics) pgx += statement(esc(pgx_line(p, a.drug).text), p.ev, f);
    out += html_section("pgx-h", "Pharmacogenetics", pgx);
    out += html_section("conflicts-h", "Conflicting claims", conflict_items(a, aud, f));
    out += html_section("paths-h", "Mechanism paths", path_items(a));  // nothing without path sources
  }
  return out;
}

inline std::string interaction_body(interaction_answer const& a, html_options const& o, page_facts const& /*f: statements carry their own review words*/) {
  auto aud = o.audience;
  auto list = summarize(a);
  std::string out = "<section aria-labelledby=\"short-h\">\n<h2 id=\"short-h\">In short</h2>\n<div class=\"summary\">\n";
  if (!a.not_screened.empty()) {
    // first: an unknown medication's interactions are unknown, not absent
    std::vector<std::string> names;
    for (auto const& u : a.not_screened) names.push_back(u.name);
    out += "<p class=\"not-screened\"><strong>Not screened:</strong> " +
           esc(detail::format("{} {} not in this knowledge base, so {} interactions are unknown here, not absent.",
                           english_list(names), names.size() == 1 ? "is" : "are", names.size() == 1 ? "its" : "their")) +
           "</p>\n";
  }
  if (list.empty())
    out += "<p>" + esc(detail::format("No interaction found between {} in this knowledge base (shared targets, shared effects, metabolism, label statements). "
                                   "A missing finding is not evidence of safety.", english_list(a.drugs))) + "</p>\n";
  else {
    out += detail::format("<p>{} found among {}:</p>\n<ul>\n", list.size() == 1 ? "One interaction" : detail::format("{} interactions", list.size()),
                       esc(english_list(a.drugs)));
    for (auto const& s : list)
      out += detail::format("<li><span class=\"sev\">{}</span>: {}</li>\n", esc(s.severity),
                         esc(aud == audience::patient ? s.plain_title : s.title));
    out += "</ul>\n";
  }
  out += "</div>\n</section>\n";
  int n = 0;
  for (auto const& s : list) {
    ++n;
    out += detail::format("<section aria-labelledby=\"int-{}\">\n<h2 id=\"int-{}\">{}. {} <span class=\"meta\">({}, {})</span></h2>\n", n, n, n,
                       esc(aud == audience::patient ? s.plain_title : s.title), esc(s.kind), esc(s.severity));
    if (s.intended) out += "<p><strong>Intended combination</strong>: used on purpose; watch for what follows.</p>\n";
    if (aud != audience::patient && !s.target.empty())
      out += "<p>" + esc(detail::format("{}: {}; {}: {}", s.first, s.first_action, s.second, s.second_action)) + "</p>\n";
    if (!s.effects.empty())
      out += "<p>" + esc(detail::format("{}: {}", s.effects_label, english_list(aud == audience::patient ? s.plain_effects : s.effects))) +
             "</p>\n";
    if (!s.management.empty())
      out += "<p>" + esc(detail::format("What to do: {} ({}).", s.management, s.mechanism)) + "</p>\n";
    if (!s.stated.empty()) {
      out += "<h3>What the labels and guidelines say</h3>\n<ul class=\"warnings\">\n";
      for (auto const& w : s.stated)
        out += detail::format("<li>{}{} <span class=\"meta\">{} evidence · {}</span></li>\n",
                           esc(aud == audience::patient ? w.plain : w.text), cite_html(w.refs), esc(w.tier), esc(w.review));
      out += "</ul>\n";
    }
    out += interaction_figure(s, n, aud);
    if (!s.duration.empty()) {
      out += "<h3>How long each lasts</h3>\n<ul>\n";
      for (auto const& w : s.duration)
        out += detail::format("<li>{}{} <span class=\"meta\">{} evidence</span></li>\n",
                           esc(aud == audience::patient ? w.plain : w.text), cite_html(w.refs), esc(w.tier));
      out += "</ul>\n";
    }
    if (!s.warnings.empty()) {
      out += detail::format("<h3>Warnings</h3>\n<ul class=\"warnings\">\n");
      for (auto const& w : s.warnings)
        out += detail::format("<li>{}{} <span class=\"meta\">{} evidence · {}</span></li>\n",
                           esc(aud == audience::patient ? w.plain : w.text), cite_html(w.refs), esc(w.tier), esc(w.review));
      out += "</ul>\n";
    }
    if (aud != audience::patient && !s.path.empty()) {
      out += aud == audience::researcher ? "<h3>Path through the graph</h3>\n<ul>\n"
                                         : "<details><summary>Path through the graph</summary>\n<ul>\n";
      for (auto const& p : s.path) out += "<li>" + esc(p.text) + cite_html(p.refs) + "</li>\n";
      out += aud == audience::researcher ? "</ul>\n" : "</ul>\n</details>\n";
    }
    out += "</section>\n";
  }
  return out;
}

inline std::string dose_body(dose_answer const& a, html_options const& o, page_facts const& f) {
  using namespace detail::render;
  std::string verdict = dose_verdict_text(a);
  std::string out = "<section aria-labelledby=\"short-h\">\n<h2 id=\"short-h\">In short</h2>\n";
  out += "<p class=\"verdict\"><strong>Verdict:</strong> " + esc(verdict) + "</p>\n";
  if (o.audience == audience::patient && a.verdict != dose_verdict::within)
    out += "<p>Talk to your doctor or pharmacist before taking this dose.</p>\n";
  out += "</section>\n";
  if (!a.age_warnings.empty()) {
    std::string items;
    for (auto const& w : a.age_warnings) items += warning_item(w, o.audience, f);
    out += html_section("age", detail::format("At age {}", *a.query.age), items, "warnings");
  }
  int n = 0;
  for (auto const& c : a.checks) {
    ++n;
    std::string items = statement(esc(regimen_line(c.regimen).text), c.regimen.ev, f);
    if (c.issues.empty()) items += "<li>the query is within this regimen</li>\n";
    for (auto const& i : c.issues) items += "<li>" + esc(issue_text(i)) + "</li>\n";
    for (auto const& u : c.unchecked) items += "<li>" + esc("not checked (the query does not say): " + u) + "</li>\n";
    for (auto const& u : c.not_checkable) items += "<li>" + esc("not checked: " + u) + "</li>\n";
    out += html_section(detail::format("reg-{}", n), detail::format("{} regimen {}", n == 1 ? "Closest" : "Other", n), items);
  }
  return out;
}

inline std::string dose_query_words(dose_answer const& a) {
  return detail::format("{} of {}{}", a.query.dose, a.drug, detail::render::query_details(a));
}

/// The page of answer `a`: its title (the question asked, or `title`), its own link and its body.
template <class Answer>
std::string answer_page(Answer const& a, html_options const& o, std::string title, page_link self,
                        std::string (*body)(Answer const&, html_options const&, page_facts const&)) {
  page p;
  p.o = &o;
  p.facts = facts_for(o, a);
  p.title = o.question.empty() ? std::move(title) : o.question;
  p.self = std::move(self);
  p.body = body(a, o, p.facts);
  p.refs = &a.references;
  return to_html(p);
}

}  // namespace detail::html

PHARMAKON_FUNC std::string render_html(mechanism_answer const& a, html_options const& o) {
  using namespace detail::html;
  return answer_page(a, o, detail::format("What is the mechanism of action of {}?", a.drug),
                     {"/moa/" + url_encode(a.drug), {}}, mechanism_body);
}

PHARMAKON_FUNC std::string render_html(interaction_answer const& a, html_options const& o) {
  using namespace detail::html;
  return answer_page(a, o, detail::format("Do {} interact?", english_list(a.drugs)),
                     {"/interactions", {{"drugs", detail::format("{}", fmt::join(a.drugs, ","))}}}, interaction_body);
}

PHARMAKON_FUNC std::string render_html(dose_answer const& a, html_options const& o) {
  using namespace detail::html;
  auto const& q = a.query;
  page_link self{"/dose-check", {{"drug", a.drug}, {"dose", detail::format("{}", q.dose)}}};
  if (q.route) self.params.emplace_back("route", std::string(to_string(*q.route)));
  if (q.every) self.params.emplace_back("every", detail::format("{}", *q.every));
  if (!a.condition.empty()) self.params.emplace_back("condition", a.condition);
  if (q.opioid_free) self.params.emplace_back("opioid_free", detail::format("{}", *q.opioid_free));
  return answer_page(a, o, detail::format("Is {} within its regimens?", dose_query_words(a)), std::move(self), dose_body);
}

}  // namespace pharmakon
