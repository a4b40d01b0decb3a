// The KGX TSV importer (io layer).
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "import/kgx-inl.hpp holds the out-of-line definitions of import/kgx.hpp: include kgx.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <sstream>
#include <tuple>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "../../graph/builder.hpp"
#include "../../model/text.hpp"
#include "../export/detail/biolink.hpp"
#include "../export/detail/escape.hpp"
#include "detail/driver.hpp"
#include "detail/line_reader.hpp"
#include "detail/records.hpp"
#include "detail/string_table.hpp"
#include "detail/text.hpp"
#include "kgx.hpp"

namespace pharmakon {

namespace detail::kgx {

using namespace detail::import;
using detail::exporter::tsv_unescape;

/// A KGX header line as column name -> index.
inline header_columns header_of(std::string_view line) {
  std::vector<std::string_view> f;
  split_tsv_all(line, f);
  return header_columns(std::vector<std::string>(f.begin(), f.end()));
}

/// One line of a KGX nodes or edges file, split into its fields.
struct row {
  header_columns const& h;
  std::string_view line;
  std::vector<std::string_view> f;
  /// The field of column `n` as written (empty if there is no such column).
  std::string_view raw(char const* n) const {
    auto i = h[n];
    return i ? f[*i] : std::string_view();
  }
  /// The field of column `n`, unescaped.
  std::string get(char const* n) const { return tsv_unescape(raw(n)); }
  /// The 1-based column of the field of column `n` in the line (1 if there is no such column).
  std::uint64_t col(char const* n) const {
    auto i = h[n];
    return i ? std::uint64_t(f[*i].data() - line.data()) + 1 : 1;
  }
};

struct importer : driver {
  string_table node_of;  ///< KGX id -> index into `nodes`
  std::vector<any_node> nodes;
  std::map<std::string, std::shared_ptr<const std::string>> paths;  ///< interned region paths
  std::optional<source_id> file_source_;
  std::string file_name;
  /// The source for what the file states without citing anything: made the first time it is needed, so an
  /// exact round trip adds no source.
  source_id file_source() {
    if (!file_source_) {
      std::string id = "src:kgx:" + file_name;
      for (auto& c : id)
        if (c == ' ' || c == '\t') c = '_';
      file_source_ = source_named(id, source_kind::database, "KGX file " + file_name);
    }
    return *file_source_;
  }
  std::map<std::string, std::uint64_t> node_counts, edge_counts;  ///< "category -> kind", "predicate -> relation"
  std::string name, version;
  std::uint64_t generated_sources = 0;

  using driver::driver;

  std::shared_ptr<const std::string> path_of(std::string const& p) {
    auto& s = paths[p];
    if (!s) s = std::make_shared<const std::string>(p);
    return s;
  }
  /// "path:line:column" (the path may hold colons).
  source_region region_of(std::string_view text) {
    auto t = tsv_unescape(text);
    auto c2 = t.rfind(':');
    auto c1 = c2 == std::string::npos || c2 == 0 ? std::string::npos : t.rfind(':', c2 - 1);
    if (c1 == std::string::npos) return {};
    source_region r;
    r.path = path_of(t.substr(0, c1));
    r.begin.line = std::uint32_t(std::strtoul(t.c_str() + c1 + 1, nullptr, 10));
    r.begin.column = std::uint32_t(std::strtoul(t.c_str() + c2 + 1, nullptr, 10));
    return r;
  }

  source_id source_named(std::string const& id, source_kind kind, std::string const& title, std::string pmid = {}) {
    if (auto s = b.find_source(id)) return *s;
    source s;
    s.id = id;
    s.kind = kind;
    s.title = title;
    if (!pmid.empty()) s.set_identifier("pmid", std::move(pmid));
    else if (kind == source_kind::database) s.set_identifier("url", "https://github.com/biolink/kgx");
    ++generated_sources;
    return b.add_source(std::move(s));
  }

  // ----- nodes: a first pass for the sources, a second for the entities -----
  bool read_sources(line_reader& in, header_columns const& h) {
    auto kind_col = h["pharmakon_kind"];
    if (!kind_col) return true;
    std::string_view line;
    std::vector<std::string_view> f;
    while (in.next(line)) {
      if ((in.line_number() & 0xFFF) == 0 && !gate.tick("sources", &in)) return false;
      if (line.empty()) continue;
      split_tsv_all(line, f);
      if (f.size() != h.names.size() || f[*kind_col] != "source") continue;  // checked in the second pass
      auto get = [&](char const* n) {
        auto i = h[n];
        return i ? tsv_unescape(f[*i]) : std::string();
      };
      source s;
      s.id = get("id");
      auto kind = parse_enum<source_kind>(get("source_kind"));
      if (!kind) {
        diags.add(errc::unknown_enum, in.name(), in.line_number(), 1,
                  fmt::format("a source_kind ({})", enum_choices<source_kind>()), quote_value(get("source_kind")));
        if (diags.full()) return false;
        continue;
      }
      s.kind = *kind;
      s.title = get("title");
      s.authors = get("authors");
      s.publisher = get("publisher");
      auto year = get("year");
      if (!year.empty()) s.year = std::atoi(year.c_str());
      for (auto scheme : source_schemes) s.set_identifier(scheme, get(std::string(scheme).c_str()));
      s.unverified = get("unverified") == "true";
      s.date = get("date");
      s.version = get("version");
      if (auto i = h["sections"]; i && !f[*i].empty())
        for (auto const& x : split_list(std::string(f[*i]))) s.sections.push_back(tsv_unescape(x));
      if (h.has("region")) s.region = region_of(f[*h["region"]]);
      if (s.id.empty() || b.find_source(s.id)) {
        diags.add(errc::duplicate_id, in.name(), in.line_number(), 1, "a new source id",
                  quote_value(s.id));
        if (diags.full()) return false;
        continue;
      }
      b.add_source(std::move(s));
    }
    return !in.failed();
  }

  std::vector<source_id> sources_of(std::string_view list, char sep, std::string const& file, std::uint64_t line,
                                    std::size_t column) {
    std::vector<source_id> out;
    std::size_t start = 0;
    while (start < list.size()) {
      auto end = list.find(sep, start);
      auto id = tsv_unescape(list.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
      if (!id.empty()) {
        if (auto s = b.find_source(id)) out.push_back(*s);
        else diags.add(errc::unknown_reference, file, line, column, "a source declared in the nodes file",
                       quote_value(id));
      }
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return out;
  }

  bool read_entities(line_reader& in, header_columns const& h) {
    if (!h.has("id") || !h.has("category")) {
      diags.add(errc::missing_field, in.name(), 1, 1, "the KGX node columns 'id' and 'category'", "a header without them");
      return false;
    }
    auto pathp = path_of(in.name());
    row r{h, {}, {}};
    while (next_row(in, r, "nodes", 0xFFF)) {
      auto line_no = in.line_number();
      auto list = [&](char const* n) {
        std::vector<std::string> out;
        auto text = r.raw(n);
        std::size_t start = 0;
        while (start < text.size()) {
          auto end = text.find('|', start);
          auto item = text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
          if (!item.empty()) out.push_back(tsv_unescape(item));
          if (end == std::string_view::npos) break;
          start = end + 1;
        }
        return out;
      };
      auto pk = r.raw("pharmakon_kind");
      if (pk == "source") continue;  // read in the first pass
      auto kgx_id = r.get("id");
      if (!plain_id(kgx_id)) {
        diags.add(errc::bad_id, in.name(), line_no, 1, "a node id (printable, no spaces)", quote_value(kgx_id));
        if (diags.full()) return false;
        continue;
      }
      auto categories = list("category");
      std::optional<node_kind> kind;
      std::string category = categories.empty() ? std::string("biolink:NamedThing") : categories.front();
      if (!pk.empty()) {
        kind = enum_column(in, r, "pharmakon_kind", node_kind::drug, " | source");
        if (!kind) {
          if (diags.full()) return false;
          continue;
        }
      } else {
        for (auto const& c : categories)
          if ((kind = biolink::kind_of(c))) {
            category = c;
            break;
          }
        if (!kind) kind = node_kind::concept_node;
      }
      ++node_counts[fmt::format("{}\x1f{}", pk.empty() ? category : "pharmakon " + std::string(pk), to_string(*kind))];
      std::string prefix = std::string(to_string(*kind)) + ":";
      bool native = kgx_id.compare(0, prefix.size(), prefix) == 0;
      auto fill = [&](entity_base& e) {
        e.id = native ? kgx_id : prefix + kgx_id;
        e.name = r.get("name");
        if (e.name.empty()) e.name = kgx_id;
        e.lay_name = r.get("lay_name");
        e.synonyms = list("synonym");
        for (auto const& x : list("xref")) {
          auto colon = x.find(':');
          if (colon == std::string::npos || colon == 0) e.ids.push_back({"xref", x});
          else e.ids.push_back({x.substr(0, colon), x.substr(colon + 1)});
        }
        if (!native) e.ids.push_back({"kgx", kgx_id});
        e.sources = sources_of(r.raw("sources"), '|', in.name(), line_no, r.col("sources"));
        if (e.sources.empty() && !native) e.sources.push_back(file_source());
        e.region = h.has("region") && !r.raw("region").empty() ? region_of(r.raw("region"))
                                                              : source_region::at(pathp, {std::uint32_t(line_no), 1});
      };
      auto enum_field = [&]<class E>(char const* column_name, E& out) {
        auto e = enum_column(in, r, column_name, out);
        if (e) out = *e;
        return e.has_value();
      };
      auto qty = [&](char const* column_name) -> std::optional<quantity> {
        auto v = r.get(column_name);
        if (v.empty()) return std::nullopt;
        auto q = parse_quantity(v);
        if (q) return *q;
        auto const& err = q.diagnostics.front();
        diags.add(errc::bad_quantity, in.name(), line_no, r.col(column_name), err.expected, quote_value(err.found));
        return std::nullopt;
      };
      std::optional<any_node> added;
      bool ok = true;
      if (b.find_id(native ? kgx_id : prefix + kgx_id)) {
        diags.add(errc::duplicate_id, in.name(), line_no, 1, "each node once", quote_value(kgx_id));
        if (diags.full()) return false;
        continue;
      }
      switch (*kind) {
        case node_kind::drug: {
          drug e;
          fill(e);
          e.drug_class = r.get("drug_class");
          e.prodrug = r.get("prodrug") == "true";
          ok = enum_field("site", e.site);
          e.site_sources = sources_of(r.raw("site_sources"), '|', in.name(), line_no, r.col("site_sources"));
          if (!r.raw("half_life").empty()) {
            std::optional<quantity> low, high;
            half_life_range hl;
            for (auto const& [k, v] : composite_fields(r.raw("half_life"))) {
              if (k == "low") low = parse_quantity(v);
              else if (k == "high") high = parse_quantity(v);
              else if (k == "sources") hl.sources = sources_of(v, ',', in.name(), line_no, r.col("half_life"));
              else if (k == "note") hl.note = v;
            }
            if (!low || !high || low->dim() != dimension::time || high->dim() != dimension::time) {
              diags.add(errc::bad_quantity, in.name(), line_no, r.col("half_life"),
                        "a half_life of low=TIME;high=TIME;sources=...", quote_value(r.get("half_life")));
              ok = false;
            } else {
              hl.low = *low;
              hl.high = *high;
              e.half_life = std::move(hl);
            }
          }
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::target: {
          target e;
          fill(e);
          ok = enum_field("target_type", e.type);
          e.family = r.get("family");
          e.gene_symbol = r.get("gene_symbol");
          e.species = r.get("species");
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::gene: {
          gene e;
          fill(e);
          e.symbol = r.get("symbol");
          added = b.add(std::move(e));
          break;
        }
        case node_kind::variant: { variant e; fill(e); added = b.add(std::move(e)); break; }
        case node_kind::effect: {
          effect e;
          fill(e);
          ok = enum_field("site", e.site);
          if (!r.raw("combined").empty()) {
            interaction_severity sev{};
            ok = enum_field("combined", sev) && ok;
            e.combined = sev;
          }
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::drug_class: {
          drug_class e;
          fill(e);
          e.inhibitors_of = r.get("inhibitors_of");
          e.inducers_of = r.get("inducers_of");
          ok = enum_field("min_strength", e.min_strength);
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::condition: { condition e; fill(e); added = b.add(std::move(e)); break; }
        case node_kind::regimen: {
          regimen e;
          fill(e);
          auto dose = qty("dose");
          if (!dose) {
            if (r.raw("dose").empty())
              diags.add(errc::missing_field, in.name(), line_no, r.col("dose"), "a dose for a regimen", "none");
            ok = false;
            break;
          }
          e.dose = *dose;
          e.dose_max = qty("dose_max");
          e.max_daily = qty("max_daily");
          e.every = qty("every");
          if (auto t = r.get("times_per_day"); !t.empty()) e.times_per_day = std::atoi(t.c_str());
          e.as_needed = r.get("as_needed") == "true";
          ok = enum_field("route", e.route);
          e.formulation = r.get("formulation");
          e.product = r.get("product");
          e.population = r.get("population");
          for (auto const& p : split_list(std::string(r.raw("preconditions")))) {
            if (p.empty()) continue;
            precondition pc;
            for (auto const& [k, v] : composite_fields(p)) {
              if (k == "kind") {
                if (auto pk2 = parse_enum<precondition_kind>(v)) pc.kind = *pk2;
              } else if (k == "min" || k == "recommended") {
                (k == "min" ? pc.min : pc.recommended) = parse_quantity(v);
              } else if (k == "note") {
                pc.note = v;
              }
            }
            e.preconditions.push_back(std::move(pc));
          }
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::warning: {
          warning e;
          fill(e);
          ok = enum_field("warning_kind", e.kind) && enum_field("severity", e.severity);
          e.about = r.get("about");
          for (auto const& a : list("concerns_action"))
            if (auto at = parse_enum<action_type>(a)) e.concerns_action.push_back(*at);
          if (ok) added = b.add(std::move(e));
          break;
        }
        case node_kind::concept_node: {
          concept_node e;
          fill(e);
          e.kind_label = pk.empty() ? category : r.get("kind_label");
          added = b.add(std::move(e));
          break;
        }
      }
      if (!added) {
        if (diags.full()) return false;
        continue;
      }
      if (!node_of.insert(kgx_id, std::uint32_t(nodes.size()))) {
        diags.add(errc::duplicate_id, in.name(), line_no, 1, "each node once", quote_value(kgx_id));
        if (diags.full()) return false;
      }
      nodes.push_back(*added);
    }
    return !in.failed() && !gate.cancelled();
  }

  /// `k=v;k=v` with escaped values.
  static std::vector<std::pair<std::string, std::string>> composite_fields(std::string_view s) {
    std::vector<std::pair<std::string, std::string>> out;
    std::size_t start = 0;
    while (start < s.size()) {
      auto end = s.find(';', start);
      auto item = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      auto eq = item.find('=');
      if (eq != std::string_view::npos)
        out.emplace_back(std::string(item.substr(0, eq)), tsv_unescape(item.substr(eq + 1)));
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return out;
  }

  // ----- edges -----
  bool read_edges(line_reader& in, header_columns const& h) {
    for (char const* need : {"subject", "predicate", "object"})
      if (!h.has(need)) {
        diags.add(errc::missing_field, in.name(), 1, 1, fmt::format("the KGX edge column '{}'", need), "a header without it");
        return false;
      }
    auto pathp = path_of(in.name());
    row r{h, {}, {}};
    std::map<std::string, payload_id<rel::related>> labels;
    while (next_row(in, r, "edges", 0xFFFF)) {
      auto line_no = in.line_number();
      auto subject = r.get("subject"), object = r.get("object"), predicate = r.get("predicate");
      auto sn = node_of.find(subject);
      auto on = sn ? node_of.find(object) : std::nullopt;
      if (!sn || !on) {
        diags.add(errc::unknown_reference, in.name(), line_no, sn ? r.col("object") : r.col("subject"),
                  "a node id of the nodes file", quote_value(sn ? object : subject));
        if (diags.full()) return false;
        continue;
      }
      any_node from = nodes[*sn], to = nodes[*on];
      // the relation: pharmakon's column, else the predicate and the kinds of the ends
      auto pr = r.raw("pharmakon_relation");
      std::optional<relation_kind> kind;
      bool reversed = false;
      if (!pr.empty()) {
        kind = enum_column(in, r, "pharmakon_relation", relation_kind::related);
        if (!kind) {
          if (diags.full()) return false;
          continue;
        }
      } else {
        std::tie(kind, reversed) = biolink::relation_of(predicate, from.kind(), to.kind());
      }
      if (reversed) std::swap(from, to);
      ++edge_counts[fmt::format("{}\x1f{}", pr.empty() ? predicate : "pharmakon " + std::string(pr), to_string(*kind))];
      // the evidence
      claim_meta meta;
      if (!r.raw("sources").empty()) meta.sources = sources_of(r.raw("sources"), '|', in.name(), line_no, r.col("sources"));
      if (meta.sources.empty())
        for (auto const& p : split_list(r.get("publications"))) {
          if (p.compare(0, 5, "PMID:") == 0 && p.size() > 5)
            meta.sources.push_back(source_named("src:pmid:" + p.substr(5), source_kind::research, "Publication cited by a KGX edge", p.substr(5)));
        }
      if (meta.sources.empty())
        for (char const* ks : {"primary_knowledge_source", "knowledge_source", "aggregator_knowledge_source", "provided_by"})
          for (auto const& k : split_list(r.get(ks))) {
            if (k.empty()) continue;
            meta.sources.push_back(source_named("src:" + k, source_kind::database, "Knowledge source of a KGX edge: " + k));
            break;
          }
      if (meta.sources.empty()) meta.sources.push_back(file_source());
      meta.negated = r.raw("negated") == "true" || r.raw("negated") == "True";
      meta.hypothesis = r.raw("hypothesis") == "true";
      meta.unverified = r.raw("unverified") == "true";
      meta.note = r.get("note");
      if (h.has("region") && !r.raw("region").empty()) meta.region = region_of(r.raw("region"));
      else if (pr.empty()) meta.region = source_region::at(pathp, {std::uint32_t(line_no), 1});
      if (!diags.diags.empty()) continue;
      if (!add_claim(*kind, from, to, predicate, meta, r, in, line_no, labels)) {
        if (diags.full()) return false;
      }
    }
    return !in.failed() && !gate.cancelled();
  }

  /// The enum in column `column` of `r` (`fallback` if it is empty); nullopt, reported, if it is not one of E's
  /// names (`more`: other words the column takes, for the message).
  template <class E>
  std::optional<E> enum_column(line_reader& in, row const& r, char const* column, E fallback,
                               std::string_view more = {}) {
    auto v = r.raw(column);
    if (v.empty()) return fallback;
    if (auto e = parse_enum<E>(v)) return e;
    diags.add(errc::unknown_enum, in.name(), in.line_number(), r.col(column),
              fmt::format("a {} ({}{})", column, enum_choices<E>(), more), quote_value(v));
    return std::nullopt;
  }

  /// The next line of `in` split into `r`: a blank line is skipped, one that is not UTF-8 or has another number of
  /// columns than the header is reported and skipped. False at the end, when the diagnostics are full or when the
  /// import is cancelled (the progress callback, `phase`, is offered every `mask + 1` lines).
  bool next_row(line_reader& in, row& r, std::string_view phase, std::uint64_t mask) {
    std::string_view line;
    while (!diags.full() && in.next(line)) {
      if ((in.line_number() & mask) == 0 && !gate.tick(phase, &in)) return false;
      if (!line.empty() && split_row(in, line, r)) return true;
    }
    return false;
  }
  /// Splits `line` into `r`; false (reported) if it is not UTF-8 or has another number of columns than the header.
  bool split_row(line_reader& in, std::string_view line, row& r) {
    if (auto bad = text::invalid_utf8_offset(line); bad != std::string_view::npos) {
      diags.add(errc::encoding, in.name(), in.line_number(), bad + 1, "UTF-8 text", "invalid UTF-8");
      return false;
    }
    r.line = line;
    split_tsv_all(line, r.f);
    if (r.f.size() == r.h.names.size()) return true;
    diags.add(errc::syntax, in.name(), in.line_number(), 1, fmt::format("{} tab-separated columns", r.h.names.size()),
              fmt::format("{}", r.f.size()));
    return false;
  }

  import_report report() const {
    import_report r;
    r.format = "kgx";
    for (auto const& [k, n] : node_counts) {
      auto sep = k.find('\x1f');
      r.nodes.push_back({k.substr(0, sep), k.substr(sep + 1), n});
    }
    for (auto const& [k, n] : edge_counts) {
      auto sep = k.find('\x1f');
      r.edges.push_back({k.substr(0, sep), k.substr(sep + 1), n});
    }
    return r;
  }

  static std::vector<std::string> split_list(std::string const& s) {
    std::vector<std::string> out;
    std::size_t start = 0;
    while (start < s.size()) {
      auto end = s.find('|', start);
      out.push_back(s.substr(start, end == std::string::npos ? std::string::npos : end - start));
      if (end == std::string::npos) break;
      start = end + 1;
    }
    return out;
  }

  bool add_claim(relation_kind kind, any_node from, any_node to, std::string const& predicate, claim_meta& meta,
                 row const& r, line_reader& in, std::uint64_t line_no,
                 std::map<std::string, payload_id<rel::related>>& labels) {
    auto wrong = [&](std::string_view what) {
      diags.add(errc::syntax, in.name(), line_no, r.col("subject"),
                fmt::format("ends that fit {} ({})", to_string(kind), what),
                fmt::format("{} -> {}", to_string(from.kind()), to_string(to.kind())));
      return false;
    };
    auto typed = [&]<relation R>(R, auto&&... payload) -> bool {
      using F = typename R::from;
      using T = typename R::to;
      auto f = from.as<F>();
      auto t = to.as<T>();
      if (!f || !t) return wrong(fmt::format("{} -> {}", to_string(node_kind_of<F>::value), to_string(node_kind_of<T>::value)));
      b.add<R>(*f, *t, std::forward<decltype(payload)>(payload)..., std::move(meta));
      return true;
    };
    auto enum_or = [&]<class E>(char const* c, E fallback) { return enum_column(in, r, c, fallback); };
    // a described payload (model/describe.hpp): each field from the column of its name; empty keeps the default
    auto described_payload = [&]<class P>(P p) -> std::optional<P> {
      bool good = true;
      for_each_field(p, [&](std::string_view name, auto& v) {
        auto text = r.get(name.data());
        if (text.empty()) return;
        if (!parse_field_text(text, v)) {
          diags.add(errc::unknown_enum, in.name(), line_no, r.col(name.data()), fmt::format("a valid '{}'", name),
                    quote_value(text));
          good = false;
        }
      });
      if (!good) return std::nullopt;
      return p;
    };
    auto opt_bool = [&](char const* c) -> std::optional<bool> {
      auto v = r.raw(c);
      if (v == "true") return true;
      if (v == "false") return false;
      return std::nullopt;
    };
    auto number = [&](std::string const& s) -> std::optional<double> {
      auto v = parse_number(s);
      if (!v && !s.empty()) diags.add(errc::bad_quantity, in.name(), line_no, 1, "a number", quote_value(s));
      return v;
    };
    switch (kind) {
      case relation_kind::acts_on: {
        action a;
        auto t = enum_or("action", action_type::other);
        auto m = enum_or("modality", modality::unknown);
        if (!t || !m) return false;
        a.type = *t;
        a.modality = *m;
        a.reversible = opt_bool("reversible");
        a.surmountable = opt_bool("surmountable");
        a.efficacy = number(r.get("efficacy"));
        for (auto const& item : split_list(std::string(r.raw("affinities")))) {
          if (item.empty()) continue;
          affinity af;
          for (auto const& [k, v] : composite_fields(item)) {
            if (k == "measure") {
              if (auto me = parse_enum<affinity_measure>(v)) af.measure = *me;
            } else if (k == "value") af.value = number(v);
            else if (k == "low") af.low = number(v);
            else if (k == "high") af.high = number(v);
            else if (k == "unit") af.conc_unit = parse_unit(v);
            else if (k == "species") af.species = v;
            else if (k == "sources") af.sources = sources_of(v, ',', in.name(), line_no, r.col("affinities"));
          }
          a.affinities.push_back(std::move(af));
        }
        if (!diags.diags.empty()) return false;
        return typed(rel::acts_on{}, std::move(a));
      }
      case relation_kind::indicated_for: {
        auto p = described_payload(indication{});
        return p && typed(rel::indicated_for{}, std::move(*p));
      }
      case relation_kind::modulates_response: {
        auto p = described_payload(pgx_effect{});
        return p && typed(rel::modulates_response{}, std::move(*p));
      }
      case relation_kind::member_of: return typed(rel::member_of{});
      case relation_kind::substrate_of: {
        auto p = described_payload(clearance{});
        return p && typed(rel::substrate_of{}, std::move(*p));
      }
      case relation_kind::inhibits: {
        auto p = described_payload(modulation{});
        return p && typed(rel::inhibits{}, std::move(*p));
      }
      case relation_kind::induces: {
        auto p = described_payload(modulation{});
        return p && typed(rel::induces{}, std::move(*p));
      }
      case relation_kind::has_metabolite: {
        auto p = described_payload(metabolite_formation{});
        return p && typed(rel::has_metabolite{}, std::move(*p));
      }
      case relation_kind::interacts_with: {
        auto end_ok = [](any_node n) { return n.kind() == node_kind::drug || n.kind() == node_kind::drug_class; };
        if (!end_ok(from) || !end_ok(to)) return wrong("drug or class -> drug or class");
        auto p = described_payload(stated_interaction{});
        if (!p) return false;
        b.add<rel::interacts_with>(from, to, std::move(*p), std::move(meta));
        return true;
      }
      case relation_kind::encoded_by: return typed(rel::encoded_by{});
      case relation_kind::variant_of: return typed(rel::variant_of{});
      case relation_kind::produces: return typed(rel::produces{});
      case relation_kind::blocks: return typed(rel::blocks{});
      case relation_kind::reduces: return typed(rel::reduces{});
      case relation_kind::mediated_by: return typed(rel::mediated_by{});
      case relation_kind::dosed_as: return typed(rel::dosed_as{});
      case relation_kind::regimen_for: return typed(rel::regimen_for{});
      case relation_kind::carries: return typed(rel::carries{});
      case relation_kind::concerns: return typed(rel::concerns{});
      case relation_kind::related: {
        auto label = r.raw("pharmakon_relation").empty() ? predicate : r.get("label");
        auto it = labels.find(label);
        if (it == labels.end()) it = labels.emplace(label, b.add_payload<rel::related>(related_label{label})).first;
        if (meta.note.empty() && !meta.region.known()) {
          b.add<rel::related>(from, to, it->second, b.add_evidence(std::move(meta)));
        } else {
          b.add<rel::related>(from, to, related_label{label}, std::move(meta));
        }
        return true;
      }
    }
    return false;
  }
};

enum class file_role : std::uint8_t { nodes, edges, meta, unknown };

}  // namespace detail::kgx

PHARMAKON_FUNC import_result try_import_kgx(std::span<std::filesystem::path const> files, import_options const& opts) {
  using namespace detail::kgx;
  importer imp(opts);
  // reads `path` past its header line with `read(reader, header)`; false if it cannot be read or `read` fails
  auto read = [&](std::filesystem::path const& path, auto&& read_body) {
    auto in = imp.open(path);
    std::string_view first;
    if (in->failed() || !in->next(first)) {
      imp.no_header(*in, "a KGX header line");
      return false;
    }
    return read_body(*in, header_of(first));
  };
  std::optional<std::filesystem::path> nodes_path, edges_path, meta_path;
  for (auto const& f : files) {
    bool known = read(f, [&](line_reader& in, header_columns const& h) {
      auto first = h.names.empty() ? std::string() : h.names.front();
      auto role = !first.empty() && first.front() == '{'                      ? file_role::meta
                  : h.has("subject") && h.has("predicate") && h.has("object") ? file_role::edges
                  : h.has("id") && h.has("category")                          ? file_role::nodes
                                                                              : file_role::unknown;
      auto& slot = role == file_role::nodes ? nodes_path : role == file_role::edges ? edges_path : meta_path;
      if (role != file_role::unknown && !slot) {
        slot = f;
        return true;
      }
      std::string line;
      for (auto const& n : h.names) line += (line.empty() ? "" : "\t") + n;
      imp.diags.add(errc::syntax, in.name(), 1, 1,
                    role == file_role::unknown
                        ? "a KGX nodes header (id, category, ...) or edges header (subject, predicate, object, ...)"
                        : "one file of each kind",
                    role == file_role::unknown ? quote_value(line) : std::string("a second one"));
      return false;
    });
    if (!known) return imp.fail();
  }
  if (!nodes_path) return imp.fail_arguments("a KGX nodes file", "none among the files");
  // the name and version: PREFIX_pharmakon.json next to PREFIX_nodes.tsv, if it is there
  if (!meta_path) {
    auto n = nodes_path->string();
    if (n.size() > 10 && n.compare(n.size() - 10, 10, "_nodes.tsv") == 0) {
      std::filesystem::path guess = n.substr(0, n.size() - 10) + "_pharmakon.json";
      if (std::filesystem::exists(guess)) meta_path = guess;
    }
  }
  if (meta_path) {
    std::ifstream in(*meta_path);
    std::stringstream ss;
    ss << in.rdbuf();
    auto j = nlohmann::json::parse(ss.str(), nullptr, false);
    if (j.is_discarded() || !j.is_object()) {
      imp.diags.add(errc::syntax, meta_path->string(), 1, 1, "a JSON object with the knowledge base's name and version", "something else");
      return imp.fail();
    }
    if (j.contains("name") && j["name"].is_string()) imp.name = j["name"].get<std::string>();
    if (j.contains("version") && j["version"].is_string()) imp.version = j["version"].get<std::string>();
    imp.files.push_back(meta_path->string());
  }
  imp.file_name = nodes_path->filename().string();
  // the nodes file twice (its sources first: entities cite them), then the edges
  auto sources = [&](line_reader& in, header_columns const& h) { return imp.read_sources(in, h); };
  auto entities = [&](line_reader& in, header_columns const& h) { return imp.read_entities(in, h) && imp.ok(); };
  auto edges = [&](line_reader& in, header_columns const& h) { return imp.read_edges(in, h) && imp.ok(); };
  if (!read(*nodes_path, sources) || !read(*nodes_path, entities)) return imp.fail();
  imp.files.push_back(nodes_path->string());
  if (edges_path) {
    if (!read(*edges_path, edges)) return imp.fail();
    imp.files.push_back(edges_path->string());
  }
  return imp.finish({imp.name, imp.version, "kgx", {}}, [&] { return imp.report(); });
}

}  // namespace pharmakon
