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
#include "../export/detail/kgx_columns.hpp"
#include "detail/driver.hpp"
#include "detail/line_reader.hpp"
#include "detail/records.hpp"
#include "detail/string_table.hpp"
#include "detail/text.hpp"
#include "kgx.hpp"
#include "../../detail/format.hpp"

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

  // ----- fields: the inverse of the exporter's field_writer (export/kgx-inl.hpp) -----
  /// Splits `s` at `sep` (raw items, still escaped; empty items dropped).
  static std::vector<std::string_view> items(std::string_view s, char sep) {
    std::vector<std::string_view> out;
    std::size_t start = 0;
    while (start < s.size()) {
      auto end = s.find(sep, start);
      auto item = s.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start);
      if (!item.empty()) out.push_back(item);
      if (end == std::string_view::npos) break;
      start = end + 1;
    }
    return out;
  }

  /// Reads field values written by the exporter; a bad value is reported at (file, line, column) and false.
  struct field_reader {
    importer& imp;
    line_reader& in;
    std::uint64_t line;
    std::uint64_t column;
    bool nested = false;

    bool bad(errc code, std::string expected, std::string_view raw) const {
      imp.diags.add(code, in.name(), line, column, std::move(expected), quote_value(tsv_unescape(raw)));
      return false;
    }
    template <class T>
    bool operator()(std::string_view raw, T& v) const {
      if constexpr (std::is_same_v<T, std::string>) {
        v = tsv_unescape(raw);
      } else if constexpr (std::is_same_v<T, bool>) {
        if (raw.empty() || raw == "false") v = false;
        else if (raw == "true") v = true;
        else return bad(errc::syntax, "true or nothing", raw);
      } else if constexpr (std::is_same_v<T, int>) {
        v = 0;
        if (!raw.empty() && std::from_chars(raw.data(), raw.data() + raw.size(), v).ptr != raw.data() + raw.size())
          return bad(errc::syntax, "a whole number", raw);
      } else if constexpr (std::is_same_v<T, quantity>) {
        auto q = parse_quantity(tsv_unescape(raw));
        if (!q) {
          auto const& err = q.diagnostics.front();
          return bad(errc::bad_quantity, err.expected.empty() ? "a quantity" : err.expected, raw);
        }
        v = *q;
      } else if constexpr (named_enum<T>) {
        if (raw.empty()) return true;  // the default
        auto e = parse_enum<T>(raw);
        if (!e) return bad(errc::unknown_enum, detail::format("one of {}", enum_choices<T>()), raw);
        v = *e;
      } else if constexpr (is_optional<T>::value) {
        v.reset();
        if (raw.empty()) return true;
        typename T::value_type x{};
        if (!(*this)(raw, x)) return false;
        v = std::move(x);
      } else if constexpr (std::is_same_v<T, std::vector<source_id>>) {
        auto before = imp.diags.diags.size();
        v = imp.sources_of(raw, nested ? ',' : '|', in.name(), line, column);
        return imp.diags.diags.size() == before;
      } else if constexpr (is_vector<T>::value) {
        v.clear();
        for (auto item : items(raw, '|')) {
          typename T::value_type x{};
          if (!(*this)(item, x)) return false;
          v.push_back(std::move(x));
        }
      } else {  // a record: key=value;key=value
        field_reader inner{imp, in, line, column, true};
        auto parts = items(raw, ';');
        bool ok = true;
        visit_fields(
            [&](std::string_view name, auto& x) {
              for (auto part : parts) {
                auto eq = part.find('=');
                if (eq != std::string_view::npos && part.substr(0, eq) == name) ok = inner(part.substr(eq + 1), x) && ok;
              }
            },
            v);
        return ok;
      }
      return true;
    }
  };

  // ----- nodes: a first pass for the sources, a second for the entities -----
  bool read_sources(line_reader& in, header_columns const& h) {
    auto kind_col = h["pharmakon_kind"];
    if (!kind_col) return true;
    row r{h, {}, {}};
    std::string_view line;
    while (in.next(line)) {
      if ((in.line_number() & 0xFFF) == 0 && !gate.tick("sources", &in)) return false;
      if (line.empty()) continue;
      r.line = line;
      split_tsv_all(line, r.f);
      if (r.f.size() != h.names.size() || r.f[*kind_col] != "source") continue;  // checked in the second pass
      source s;
      s.id = r.get(h.has("pharmakon_id") ? "pharmakon_id" : "id");
      bool ok = true;
      visit_fields(
          [&](std::string_view n, auto& v) {
            if constexpr (std::is_same_v<std::decay_t<decltype(v)>, std::vector<identifier>>) {
              for (auto scheme : source_schemes) s.set_identifier(scheme, r.get(std::string(scheme).c_str()));
            } else {
              auto col = std::string(column_of("source", n));
              ok = field_reader{*this, in, in.line_number(), r.col(col.c_str())}(r.raw(col.c_str()), v) && ok;
            }
          },
          s);
      if (h.has("region")) s.region = region_of(r.raw("region"));
      if (!ok) {
        if (diags.full()) return false;
        continue;
      }
      if (s.id.empty() || b.find_source(s.id)) {
        diags.add(errc::duplicate_id, in.name(), in.line_number(), 1, "a new source id", quote_value(s.id));
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
    for (auto item : items(list, sep)) {
      auto id = tsv_unescape(item);
      if (auto s = b.find_source(id)) out.push_back(*s);
      else diags.add(errc::unknown_reference, file, line, column, "a source declared in the nodes file", quote_value(id));
    }
    return out;
  }

  /// An identifier from a KGX xref: Biolink's prefixes as pharmakon's schemes (DRUGBANK:DB00704 → drugbank),
  /// any other prefix as a scheme of its own, no prefix as scheme `xref`.
  static identifier xref_identifier(std::string const& x) {
    if (auto i = detail::biolink::identifier_of(x)) return *i;
    auto colon = x.find(':');
    if (colon == std::string::npos || colon == 0) return {"xref", x};
    return {x.substr(0, colon), x.substr(colon + 1)};
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
        for (auto item : items(r.raw(n), '|')) out.push_back(tsv_unescape(item));
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
      ++node_counts[detail::format("{}\x1f{}", pk.empty() ? category : "pharmakon " + std::string(pk), to_string(*kind))];
      // pharmakon's own export names the pharmakon id; a KGX id from elsewhere gets the kind as prefix
      // (exports before format 2 had no pharmakon_id: their id was the pharmakon id, of the kind's prefix)
      auto own_id = r.get("pharmakon_id");
      std::string prefix = std::string(to_string(*kind)) + ":";
      if (own_id.empty() && !pk.empty() && !h.has("pharmakon_id") && kgx_id.compare(0, prefix.size(), prefix) == 0)
        own_id = kgx_id;
      bool native = !own_id.empty();
      std::string id = native ? own_id : prefix + kgx_id;
      if (b.find_id(id)) {
        diags.add(errc::duplicate_id, in.name(), line_no, 1, "each node once", quote_value(kgx_id));
        if (diags.full()) return false;
        continue;
      }
      bool ok = true;
      auto fill = [&](entity_base& e) {
        e.id = id;
        e.name = r.get("name");
        if (e.name.empty()) e.name = kgx_id;
        e.lay_name = r.get("lay_name");
        e.synonyms = list("synonym");
        if (!r.raw("pharmakon_ids").empty()) {  // identifiers without a Biolink prefix: all of them, as pharmakon has them
          for (auto const& x : list("pharmakon_ids")) {
            auto colon = x.find(':');
            e.ids.push_back({x.substr(0, colon), colon == std::string::npos ? std::string() : x.substr(colon + 1)});
          }
        } else {
          for (auto const& x : list("xref")) e.ids.push_back(xref_identifier(x));
        }
        if (!native) e.ids.push_back({"kgx", kgx_id});
        e.sources = sources_of(r.raw("sources"), '|', in.name(), line_no, r.col("sources"));
        if (e.sources.empty() && !native) e.sources.push_back(file_source());
        e.region = h.has("region") && !r.raw("region").empty() ? region_of(r.raw("region"))
                                                              : source_region::at(pathp, {std::uint32_t(line_no), 1});
      };
      // the kind's own fields, each from its column (model/entity_fields.hpp)
      auto fields = [&](auto& e) {
        auto owner = to_string(*kind);
        visit_fields(
            [&](std::string_view n, auto& v) {
              auto col = std::string(column_of(owner, n));
              ok = field_reader{*this, in, line_no, r.col(col.c_str())}(r.raw(col.c_str()), v) && ok;
            },
            e);
      };
      auto add = [&](auto e) -> std::optional<any_node> {
        fill(e);
        fields(e);
        if (!ok || !check(e, in, r, line_no)) return std::nullopt;
        return any_node(b.add(std::move(e)));
      };
      std::optional<any_node> added;
      switch (*kind) {
        case node_kind::drug: added = add(drug{}); break;
        case node_kind::target: added = add(target{}); break;
        case node_kind::gene: added = add(gene{}); break;
        case node_kind::variant: added = add(variant{}); break;
        case node_kind::effect: added = add(effect{}); break;
        case node_kind::condition: added = add(condition{}); break;
        case node_kind::regimen: added = add(regimen{}); break;
        case node_kind::warning: added = add(warning{}); break;
        case node_kind::drug_class: added = add(drug_class{}); break;
        case node_kind::concept_node: {
          concept_node e;
          if (pk.empty()) {  // foreign: the category is the kind label
            fill(e);
            e.kind_label = category;
            added = any_node(b.add(std::move(e)));
          } else {
            added = add(std::move(e));
          }
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

  /// What the field walk cannot check: a regimen has a dose, a half-life is a time.
  template <class E>
  bool check(E const& e, line_reader& in, row const& r, std::uint64_t line_no) {
    if constexpr (std::is_same_v<E, regimen>) {
      if (r.raw("dose").empty()) {
        diags.add(errc::missing_field, in.name(), line_no, r.col("dose"), "a dose for a regimen", "none");
        return false;
      }
    } else if constexpr (std::is_same_v<E, drug>) {
      if (e.half_life && (e.half_life->low.dim() != dimension::time || e.half_life->high.dim() != dimension::time ||
                          r.raw("half_life").find("low=") == std::string_view::npos ||
                          r.raw("half_life").find("high=") == std::string_view::npos)) {
        diags.add(errc::bad_quantity, in.name(), line_no, r.col("half_life"),
                  "a half_life of low=TIME;high=TIME;sources=...", quote_value(r.get("half_life")));
        return false;
      }
    }
    return true;
  }

  // ----- edges -----
  bool read_edges(line_reader& in, header_columns const& h) {
    for (char const* need : {"subject", "predicate", "object"})
      if (!h.has(need)) {
        diags.add(errc::missing_field, in.name(), 1, 1, detail::format("the KGX edge column '{}'", need), "a header without it");
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
        // pharmakon's export writes some relations turned round (has_chemical_role, expressed_in, ...)
        reversed = biolink::written_reversed(predicate, *kind, r.get("label"), from.kind(), to.kind());
      } else {
        std::tie(kind, reversed) = biolink::relation_of(predicate, from.kind(), to.kind());
      }
      if (reversed) std::swap(from, to);
      ++edge_counts[detail::format("{}\x1f{}", pr.empty() ? predicate : "pharmakon " + std::string(pr), to_string(*kind))];
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
              detail::format("a {} ({}{})", column, enum_choices<E>(), more), quote_value(v));
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
    diags.add(errc::syntax, in.name(), in.line_number(), 1, detail::format("{} tab-separated columns", r.h.names.size()),
              detail::format("{}", r.f.size()));
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
                detail::format("ends that fit {} ({})", to_string(kind), what),
                detail::format("{} -> {}", to_string(from.kind()), to_string(to.kind())));
      return false;
    };
    auto typed = [&]<relation R>(R, auto&&... payload) -> bool {
      using F = typename R::from;
      using T = typename R::to;
      auto f = from.as<F>();
      auto t = to.as<T>();
      if (!f || !t) return wrong(detail::format("{} -> {}", to_string(node_kind_of<F>::value), to_string(node_kind_of<T>::value)));
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
          diags.add(errc::unknown_enum, in.name(), line_no, r.col(name.data()), detail::format("a valid '{}'", name),
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
    // a described payload (model/describe.hpp): each field from the column of its name
    std::optional<bool> described;
    with_described(kind, [&](auto tag) {
      using R = decltype(tag);
      auto p = described_payload(typename R::payload{});
      if (!p) {
        described = false;
      } else if constexpr (std::is_same_v<R, rel::interacts_with>) {  // drug or class at either end
        auto end_ok = [](any_node n) { return n.kind() == node_kind::drug || n.kind() == node_kind::drug_class; };
        if (!end_ok(from) || !end_ok(to)) {
          described = wrong("drug or class -> drug or class");
        } else {
          b.add<rel::interacts_with>(from, to, std::move(*p), std::move(meta));
          described = true;
        }
      } else {
        described = typed(R{}, std::move(*p));
      }
    });
    if (described) return *described;
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
          for (auto part : items(item, ';')) {
            auto eq = part.find('=');
            if (eq == std::string_view::npos) continue;
            auto k = part.substr(0, eq);
            auto v = tsv_unescape(part.substr(eq + 1));
            if (k == "measure") {
              if (auto me = parse_enum<affinity_measure>(v)) af.measure = *me;
            } else if (k == "value") af.value = number(v);
            else if (k == "low") af.low = number(v);
            else if (k == "high") af.high = number(v);
            else if (k == "unit") af.conc_unit = parse_unit(v);
            else if (k == "species") af.species = v;
            else if (k == "sources") af.sources = sources_of(part.substr(eq + 1), ',', in.name(), line_no, r.col("affinities"));
          }
          a.affinities.push_back(std::move(af));
        }
        if (!diags.diags.empty()) return false;
        return typed(rel::acts_on{}, std::move(a));
      }
      case relation_kind::member_of: return typed(rel::member_of{});
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
      case relation_kind::indicated_for:
      case relation_kind::modulates_response:
      case relation_kind::substrate_of:
      case relation_kind::inhibits:
      case relation_kind::induces:
      case relation_kind::has_metabolite:
      case relation_kind::interacts_with: break;  // described: read above
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
