// Out-of-line definitions of the catalog renderers (render layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "catalog-inl.hpp holds the out-of-line definitions of catalog.hpp: include catalog.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <iterator>
#include <ranges>
#include <vector>

#include <boost/graph/compressed_sparse_row_graph.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "catalog.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

namespace detail::catalog {

using nlohmann::ordered_json;

/// The envelope of every catalog document: what it is and which knowledge base it describes (the `kb` object of
/// the answer schema).
inline ordered_json envelope(std::string_view kind, knowledge_base const& kb) {
  return {{"schema", "pharmakon-catalog"},
          {"schema_version", std::string(catalog_schema_version)},
          {"kind", std::string(kind)},
          {"kb", {{"name", kb.name()}, {"version", kb.version()}, {"content_hash", kb.content_hash()}}}};
}

/// What distinguishes a claim beyond its relation: an action type, a related claim's original label, a
/// pharmacogenetic finding.
inline std::string claim_detail(knowledge_base const& kb, claim_view c) {
  if (auto e = kb.claim_as<rel::acts_on>(c.id())) return std::string(to_string(e->payload().type));
  if (auto r = kb.claim_as<rel::related>(c.id())) return r->payload().label;
  if (auto p = kb.claim_as<rel::modulates_response>(c.id())) return std::string(to_string(p->payload().finding));
  return {};
}

inline std::vector<std::string> source_ids(knowledge_base const& kb, std::span<source_id const> ids) {
  std::vector<std::string> out;
  for (auto s : ids) out.push_back(kb.get(s).id);
  return out;
}

/// "2 h to 4 h" or "3 h".
inline std::string half_life_text(half_life_range const& h) {
  return h.single() ? detail::format("{}", h.low) : detail::format("{} to {}", h.low, h.high);
}

}  // namespace detail::catalog

PHARMAKON_FUNC std::string render_drug_list(knowledge_base const& kb, output_format f) {
  using detail::catalog::ordered_json;
  if (f == output_format::json) {
    auto arr = ordered_json::array();
    for (auto d : kb.handles<drug>()) {
      auto const& x = kb[d];
      auto ids = ordered_json::object();
      for (auto const& i : x.ids)  // the first of a scheme (a ChEMBL parent before the salt forms merged into it)
        if (!ids.contains(i.scheme)) ids[i.scheme] = i.value;
      arr.push_back({{"id", x.id}, {"name", x.name}, {"class", x.drug_class}, {"synonyms", x.synonyms},
                     {"identifiers", ids}, {"targets", std::ranges::distance(kb.out<rel::acts_on>(d))}});
    }
    auto doc = detail::catalog::envelope("drug_list", kb);
    doc["drugs"] = std::move(arr);
    return doc.dump(2);
  }
  std::string out;
  if (f == output_format::markdown) out += "| drug | class | also known as |\n|---|---|---|\n";
  for (auto d : kb.handles<drug>()) {
    auto const& x = kb[d];
    auto syn = detail::format("{}", fmt::join(x.synonyms, ", "));
    if (f == output_format::markdown) out += detail::format("| {} | {} | {} |\n", x.name, x.drug_class, syn);
    else out += detail::format("{:<18} {}{}\n", x.name, x.drug_class, syn.empty() ? "" : " (" + syn + ")");
  }
  out += detail::format("\n{} drugs; knowledge base {} {}, content hash {}\n", kb.all<drug>().size(), kb.name(),
                     kb.version(), kb.content_hash());
  return out;
}

PHARMAKON_FUNC std::string render_entities(knowledge_base const& kb, std::span<any_node const> nodes, output_format f) {
  using detail::catalog::ordered_json;
  auto const& g = kb.graph();
  auto all = ordered_json::array();
  std::string out;
  for (auto n : nodes) {
    auto const& e = kb.base(n);
    // the lines under the entity's heading: indented in text, list items in Markdown
    std::vector<std::string> lines;
    if (!e.lay_name.empty()) lines.push_back(detail::format("in plain words: {}", e.lay_name));
    if (!e.synonyms.empty()) lines.push_back(detail::format("also known as: {}", fmt::join(e.synonyms, ", ")));
    for (auto const& i : e.ids) lines.push_back(detail::format("{}: {}", i.scheme, i.value));
    auto claims = ordered_json::array();
    auto one = [&](claim_view c, bool outgoing) {
      auto const& other = kb.base(outgoing ? c.object() : c.subject());
      auto srcs = detail::catalog::source_ids(kb, c.sources());
      auto detail = detail::catalog::claim_detail(kb, c);
      // the other end by name, with its id (imported ids such as "concept:GO:0007186" say nothing to a reader)
      auto other_text = other.name.empty() || other.name == other.id ? other.id : detail::format("{} ({})", other.name, other.id);
      lines.push_back(detail::format("{} {}{}{} {} [{}] ({}{})", outgoing ? "->" : "<-", to_string(c.kind()),
                                  detail.empty() ? "" : " " + detail, c.negated() ? " (negated)" : "", other_text,
                                  fmt::join(srcs, ", "), to_string(c.tier()), c.hypothesis() ? ", hypothesis" : ""));
      claims.push_back({{"direction", outgoing ? "out" : "in"}, {"relation", std::string(to_string(c.kind()))},
                        {"detail", detail}, {"other", other.id}, {"other_name", other.name}, {"negated", c.negated()},
                        {"tier", std::string(to_string(c.tier()))}, {"sources", srcs}});
    };
    auto v = kb.vertex(n);
    for (auto [it, end] = boost::out_edges(v, g); it != end; ++it) one(kb.claim(claim_id{it->idx}), true);
    for (auto [it, end] = boost::in_edges(v, g); it != end; ++it) one(kb.claim(claim_id{it->idx}), false);
    auto srcs = detail::catalog::source_ids(kb, e.sources);
    if (!srcs.empty()) lines.push_back(detail::format("sources: {}", fmt::join(srcs, ", ")));
    ordered_json half_life;
    if (auto d = n.as<drug>(); d && kb[*d].half_life) {
      auto const& h = *kb[*d].half_life;
      auto hs = detail::catalog::source_ids(kb, h.sources);
      lines.push_back(detail::format("half-life: {}{} [{}]", detail::catalog::half_life_text(h),
                                  h.note.empty() ? "" : " (" + h.note + ")", fmt::join(hs, ", ")));
      half_life = {{"low", detail::format("{}", h.low)}, {"high", detail::format("{}", h.high)}, {"sources", hs}, {"note", h.note}};
    }
    auto entry = ordered_json{{"id", e.id}, {"kind", std::string(to_string(n.kind()))}, {"name", e.name}};
    if (!e.lay_name.empty()) entry["lay_name"] = e.lay_name;
    entry["synonyms"] = e.synonyms;
    entry["sources"] = srcs;
    if (!half_life.is_null()) entry["half_life"] = std::move(half_life);
    entry["claims"] = std::move(claims);
    all.push_back(std::move(entry));
    if (f == output_format::markdown) {
      if (!out.empty()) out += '\n';
      out += detail::format("**{}** ({}): {}\n\n", e.id, to_string(n.kind()), e.name);
      for (auto const& l : lines) out += detail::format("- {}\n", l);
    } else {
      out += detail::format("{} ({}): {}\n", e.id, to_string(n.kind()), e.name);
      for (auto const& l : lines) out += detail::format("  {}\n", l);
    }
  }
  if (f != output_format::json) return out;
  auto doc = detail::catalog::envelope("entities", kb);
  doc["entities"] = std::move(all);
  return doc.dump(2);
}

PHARMAKON_FUNC std::string render_source(knowledge_base const& kb, source_id s, output_format f) {
  auto const& src = kb.get(s);
  auto year = src.year ? std::to_string(src.year) : std::string();
  // a label's revision and sections, when given: one line each
  std::vector<std::string> extra;
  if (auto r = detail::render::revision_text(src); !r.empty()) extra.push_back(r);
  if (!src.sections.empty()) extra.push_back("sections: " + detail::render::sections_text(src));
  switch (f) {
    case output_format::json: {
      auto doc = detail::catalog::envelope("source", kb);
      doc["source"] = {{"id", src.id},           {"kind", std::string(to_string(src.kind))},
                       {"title", src.title},     {"authors", src.authors},
                       {"publisher", src.publisher}, {"year", src.year},
                       {"citation", src.citation_id()}, {"unverified", src.unverified}};
      if (src.title_unverified) doc["source"]["title_unverified"] = true;
      if (!src.date.empty()) doc["source"]["date"] = src.date;
      if (!src.version.empty()) doc["source"]["version"] = src.version;
      if (!src.sections.empty()) doc["source"]["sections"] = src.sections;
      return doc.dump(2);
    }
    case output_format::markdown: {
      std::string lines;
      for (auto const& x : extra) lines += "- " + x + "\n";
      return detail::format("**{}** ({})\n\n- {}\n- {} {} {}\n- {}\n{}{}", src.id, to_string(src.kind), src.title,
                         src.authors, src.publisher, year, src.citation_id(), lines,
                         std::string(src.unverified ? "- identifier unverified\n" : "") +
                             (src.title_unverified ? "- title unverified\n" : ""));
    }
    case output_format::text: break;
  }
  std::string lines;
  for (auto const& x : extra) lines += "\n  " + x;
  return detail::format("{} ({})\n  {}\n  {} {} {}\n  {}{}{}\n", src.id, to_string(src.kind), src.title, src.authors,
                     src.publisher, year, src.citation_id(), lines,
                     std::string(src.unverified ? "\n  identifier unverified" : "") +
                         (src.title_unverified ? "\n  title unverified" : ""));
}

}  // namespace pharmakon
