// The agreement report's renderers (render layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "agreement-inl.hpp holds the out-of-line definitions of agreement.hpp: include agreement.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "agreement.hpp"
#include "../detail/format.hpp"

namespace pharmakon {
namespace detail::render_agreement {

inline std::string_view heading(agreement k) {
  switch (k) {
    case agreement::conflict: return "Conflicts: the path and the knowledge base give opposite directions";
    case agreement::matched: return "Matched: same target, same direction";
    case agreement::unrated: return "Same target, direction not comparable (one side states none)";
    case agreement::path_only: return "Only in the paths: no action of the drug at the target in the knowledge base";
    case agreement::kb_only: return "Only in the knowledge base: no path of the drug names the target";
  }
  return "";
}

inline std::string counts_line(path_agreement const& a) {
  return detail::format("{} paths; {} drug → target hops; {} drugs compared ({} more drugs have path hops but no action "
                     "in the knowledge base: {} hops not compared)",
                     a.paths, a.hops, a.drugs_compared, a.drugs_paths_only, a.hops_not_compared);
}

inline std::string row_text(agreement_row const& r) {
  std::string out = detail::format("{} → {}:", r.drug, r.target);
  if (!r.verbs.empty()) out += detail::format(" paths say '{}' ({})", fmt::join(r.verbs, "', '"), fmt::join(r.paths, ", "));
  if (!r.verbs.empty() && !r.kb_actions.empty()) out += ";";
  if (!r.kb_actions.empty())
    out += detail::format(" knowledge base says {} ({})", fmt::join(r.kb_actions, ", "), fmt::join(r.kb_sources, "; "));
  return out;
}

inline std::string footer(path_agreement const& a) {
  return detail::format("Knowledge base: {} {}, content hash {}.", a.kb.name, a.kb.version, a.kb.content_hash);
}

}  // namespace detail::render_agreement

PHARMAKON_FUNC std::string render_text(path_agreement const& a) {
  using namespace detail::render_agreement;
  std::string out = "Mechanism paths and the knowledge base's actions\n================================================\n";
  out += counts_line(a) + "\n";
  out += detail::format("conflict {}, matched {}, unrated {}, only in the paths {}, only in the knowledge base {}\n",
                     a.conflicts, a.matched, a.unrated, a.path_only, a.kb_only);
  for (auto k : enum_values<agreement>()) {
    bool any = false;
    for (auto const& r : a.rows)
      if (r.kind == k) {
        if (!any) out += detail::format("\n{}\n{}\n", heading(k), std::string(heading(k).size(), '-'));
        any = true;
        out += "  - " + row_text(r) + "\n";
      }
  }
  out += "\n" + footer(a) + "\n";
  return out;
}

PHARMAKON_FUNC std::string render_markdown(path_agreement const& a) {
  using namespace detail::render_agreement;
  auto esc = [](std::string_view s) {
    std::string o;
    for (char c : s) {
      if (c == '|' || c == '*' || c == '_' || c == '`' || c == '<' || c == '>' || c == '[' || c == ']') o += '\\';
      o += c;
    }
    return o;
  };
  std::string out = "# Mechanism paths and the knowledge base's actions\n\n";
  out += esc(counts_line(a)) + ".\n\n";
  out += "| result | pairs |\n|---|---:|\n";
  out += detail::format("| conflict | {} |\n| matched | {} |\n| unrated | {} |\n| only in the paths | {} |\n"
                     "| only in the knowledge base | {} |\n",
                     a.conflicts, a.matched, a.unrated, a.path_only, a.kb_only);
  for (auto k : enum_values<agreement>()) {
    bool any = false;
    for (auto const& r : a.rows)
      if (r.kind == k) {
        if (!any)
          out += detail::format("\n## {}\n\n| drug | target | paths say | paths | knowledge base says | its sources |\n"
                             "|---|---|---|---|---|---|\n",
                             heading(k));
        any = true;
        out += detail::format("| {} | {} | {} | {} | {} | {} |\n", esc(r.drug), esc(r.target), esc(detail::format("{}", fmt::join(r.verbs, "; "))),
                           esc(detail::format("{}", fmt::join(r.paths, ", "))), esc(detail::format("{}", fmt::join(r.kb_actions, ", "))),
                           esc(detail::format("{}", fmt::join(r.kb_sources, "; "))));
      }
  }
  out += "\n---\n\n*" + esc(footer(a)) + "*\n";
  return out;
}

PHARMAKON_FUNC std::string render_json(path_agreement const& a, int indent) {
  using nlohmann::ordered_json;
  // not an answer about one drug (no references, review or disclaimer): a report with its own schema name
  ordered_json j{{"schema", "pharmakon-path-agreement"}, {"schema_version", "1.0"}, {"kind", "path_agreement"},
                 {"kb", {{"name", a.kb.name}, {"version", a.kb.version}, {"content_hash", a.kb.content_hash}}}};
  j["paths"] = a.paths;
  j["hops"] = a.hops;
  j["drugs_compared"] = a.drugs_compared;
  j["drugs_paths_only"] = a.drugs_paths_only;
  j["hops_not_compared"] = a.hops_not_compared;
  j["counts"] = {{"conflict", a.conflicts}, {"matched", a.matched}, {"unrated", a.unrated},
                 {"path_only", a.path_only}, {"kb_only", a.kb_only}};
  auto rows = ordered_json::array();
  for (auto const& r : a.rows)
    rows.push_back({{"result", std::string(to_string(r.kind))}, {"drug_id", r.drug_id}, {"drug", r.drug},
                    {"target_id", r.target_id}, {"target", r.target}, {"verbs", r.verbs}, {"paths", r.paths},
                    {"kb_actions", r.kb_actions}, {"kb_sources", r.kb_sources}});
  j["rows"] = rows;
  return detail::render::dump(j, indent);
}

}  // namespace pharmakon
