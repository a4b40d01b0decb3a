// Out-of-line definitions of the knowledge-base file loader (io layer). Uses toml++ for parsing and source
// positions; everything else (ids, references, units, identifiers) is checked here.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "loader-inl.hpp holds the out-of-line definitions of loader.hpp: include loader.hpp (they come with it in a header-only build, and src/pharmakon.cpp compiles them once)"
#endif
#include <algorithm>
#include <cmath>
#include <fstream>
#include <functional>
#include <iterator>
#include <set>
#include <sstream>
#include <stdexcept>
#include <type_traits>
#include <variant>

#include <fmt/ranges.h>  // fmt::join
#include <toml++/toml.h>

#include "../../graph/builder.hpp"
#include "loader.hpp"
#include "../../model/entity_fields.hpp"
#include "../../model/label_sections.hpp"
#include "../../model/text.hpp"
#include "../../detail/format.hpp"

namespace pharmakon {

namespace detail::load {

inline bool all_digits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}
inline bool all_of_set(std::string_view s, bool (*pred)(char)) { return std::all_of(s.begin(), s.end(), pred); }
inline bool is_upper_alnum(char c) { return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'); }
inline bool is_hex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
inline bool prefixed_digits(std::string_view s, std::string_view prefix, std::size_t min_digits = 1) {
  return s.size() >= prefix.size() + min_digits && s.substr(0, prefix.size()) == prefix &&
         all_digits(s.substr(prefix.size()));
}

/// "" if `v` is well formed for `scheme`, else a description of the form it should have.
inline std::string_view identifier_problem(std::string_view scheme, std::string_view v) {
  // `what` unless the value has the form
  auto form = [](bool good, std::string_view what) { return good ? std::string_view() : what; };
  auto fail = [](std::string_view what) { return what; };
  if (scheme == "pmid")
    return form(all_digits(v) && v.size() <= 9 && v[0] != '0', "a PMID (1 to 9 digits, e.g. 12813472)");
  if (scheme == "doi") {
    auto slash = v.find('/');
    bool ok = v.size() > 3 && v.substr(0, 3) == "10." && slash != std::string_view::npos && slash >= 7 &&
              all_digits(v.substr(3, slash - 3).substr(0, v.substr(3, slash - 3).find('.'))) && slash + 1 < v.size() &&
              std::none_of(v.begin(), v.end(), [](char c) { return c == ' ' || c == '\t'; });
    return form(ok, "a DOI (10.NNNN/suffix, e.g. 10.1001/jama.295.17.2003)");
  }
  if (scheme == "dailymed_setid") {
    bool ok = v.size() == 36;
    for (std::size_t i = 0; ok && i < v.size(); ++i)
      ok = (i == 8 || i == 13 || i == 18 || i == 23) ? v[i] == '-' : is_hex(v[i]);
    return form(ok, "a DailyMed set id (a UUID, 8-4-4-4-12 hex digits)");
  }
  if (scheme == "nda") {
    for (std::string_view p : {"NDA", "ANDA", "BLA"})
      if (v.size() == p.size() + 6 && v.substr(0, p.size()) == p && all_digits(v.substr(p.size()))) return {};
    return fail("an application number (NDA, ANDA or BLA and 6 digits, e.g. NDA021897)");
  }
  if (scheme == "url") {
    bool ok = (v.substr(0, 8) == "https://" && v.size() > 8) || (v.substr(0, 7) == "http://" && v.size() > 7);
    ok = ok && std::none_of(v.begin(), v.end(), [](char c) { return c == ' ' || c == '\t' || c == '"'; });
    return form(ok, "an http(s) URL");
  }
  if (scheme == "gtopdb_ligand" || scheme == "gtopdb_target" || scheme == "pubchem_cid" || scheme == "rxcui" ||
      scheme == "entrez" || scheme == "drugcentral")
    return form(all_digits(v) && v.size() <= 12, "digits");
  if (scheme == "chembl") return form(prefixed_digits(v, "CHEMBL"), "a ChEMBL id (CHEMBL and digits)");
  if (scheme == "drugbank")
    return form(v.size() == 7 && prefixed_digits(v, "DB", 5), "a DrugBank id (DB and 5 digits)");
  if (scheme == "unii")
    return form(v.size() == 10 && all_of_set(v, is_upper_alnum), "a UNII (10 upper-case letters or digits)");
  if (scheme == "hgnc") return form(prefixed_digits(v, "HGNC:"), "an HGNC id (HGNC: and digits)");
  if (scheme == "uniprot")
    return form(v.size() >= 6 && v.size() <= 10 && all_of_set(v, is_upper_alnum),
                "a UniProt accession (6 or 10 upper-case letters and digits)");
  if (scheme == "dbsnp") return form(prefixed_digits(v, "rs"), "a dbSNP id (rs and digits)");
  if (scheme == "mesh")
    return form(v.size() >= 2 && (v[0] == 'D' || v[0] == 'C') && all_digits(v.substr(1)),
                "a MeSH id (D or C and digits)");
  if (scheme == "ensembl") return form(prefixed_digits(v, "ENSG", 11), "an Ensembl gene id (ENSG and 11 digits)");
  if (scheme == "inchikey") {
    bool ok = v.size() == 27 && v[14] == '-' && v[25] == '-';
    for (std::size_t i = 0; ok && i < v.size(); ++i)
      if (i != 14 && i != 25) ok = v[i] >= 'A' && v[i] <= 'Z';
    return form(ok, "an InChIKey (14-10-1 upper-case letters)");
  }
  if (scheme == "chebi") return form(prefixed_digits(v, "CHEBI:"), "a ChEBI id (CHEBI: and digits)");
  if (scheme == "mondo") return form(prefixed_digits(v, "MONDO:"), "a MONDO id (MONDO: and digits)");
  if (scheme == "doid") return form(prefixed_digits(v, "DOID:"), "a Disease Ontology id (DOID: and digits)");
  if (scheme == "go") return form(v.size() == 10 && prefixed_digits(v, "GO:"), "a Gene Ontology id (GO: and 7 digits)");
  if (scheme == "uberon") return form(prefixed_digits(v, "UBERON:"), "an UBERON id (UBERON: and digits)");
  if (scheme == "umls") return form(v.size() == 8 && v[0] == 'C' && all_digits(v.substr(1)), "a UMLS CUI (C and 7 digits)");
  if (scheme == "wikipathways") return form(prefixed_digits(v, "WP"), "a WikiPathways id (WP and digits)");
  if (scheme == "hetionet" || scheme == "kgx" || scheme == "drugmechdb") return form(!v.empty(), "a non-empty id");
  return fail("a known identifier scheme");
}

inline constexpr std::string_view entity_schemes =
    "chembl | drugbank | gtopdb_ligand | gtopdb_target | pubchem_cid | unii | rxcui | drugcentral | entrez | hgnc | "
    "uniprot | ensembl | dbsnp | mesh | inchikey | chebi | mondo | doid | go | uberon | umls | wikipathways | hetionet | kgx | drugmechdb";
inline bool known_entity_scheme(std::string_view s) {
  for (std::string_view k : {"chembl", "drugbank", "gtopdb_ligand", "gtopdb_target", "pubchem_cid", "unii", "rxcui",
                             "drugcentral", "entrez", "hgnc", "uniprot", "ensembl", "dbsnp", "mesh", "inchikey",
                             "chebi", "mondo", "doid", "go", "uberon", "umls", "wikipathways", "hetionet", "kgx", "drugmechdb"})
    if (k == s) return true;
  return false;
}

inline std::string quote_value(std::string_view s) {
  std::string out = "'";
  for (char c : s.substr(0, 80)) {
    if (c == '\0') out += "\\0";
    else if (static_cast<unsigned char>(c) < 0x20) out += detail::format("\\x{:02x}", int(static_cast<unsigned char>(c)));
    else out += c;
  }
  if (s.size() > 80) out += "...";
  return out + "'";
}

}  // namespace detail::load

PHARMAKON_FUNC result<void> valid_identifier(std::string_view scheme, std::string_view value) {
  auto problem = detail::load::identifier_problem(scheme, value);
  if (problem.empty()) return {};
  return diagnostic{errc::bad_identifier, {}, std::string(problem), detail::load::quote_value(value)};
}

namespace detail::load {

inline std::string type_name(toml::node const& n) {
  switch (n.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return detail::format("the string {}", quote_value(*n.value<std::string_view>()));
    case toml::node_type::integer: return detail::format("the integer {}", *n.value<std::int64_t>());
    case toml::node_type::floating_point: return detail::format("the number {}", *n.value<double>());
    case toml::node_type::boolean: return detail::format("{}", *n.value<bool>());
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date/time";
    default: return "nothing";
  }
}

/// Collects diagnostics for one load.
struct sink {
  std::vector<diagnostic> diags;
  /// Ids of declarations that were rejected. A reference to one of them is not reported again (the declaration's
  /// own diagnostic says what is wrong), so one mistake does not flood the output with "unknown reference"s.
  std::set<std::string, std::less<>> rejected_ids;
  void add(errc code, std::shared_ptr<const std::string> const& path, toml::source_position pos, std::string expected,
           std::string found) {
    diags.push_back({code, source_region::at(path, {pos.line, pos.column}), std::move(expected), std::move(found)});
  }
};

/// " (did you mean 'x'?)" when exactly one candidate is within a small edit distance of `word`, else "".
template <class Range>
std::string did_you_mean(std::string_view word, Range const& candidates) {
  auto w = text::decode(word);
  std::size_t limit = std::max<std::size_t>(1, std::min<std::size_t>(2, w.size() / 3));
  std::string best;
  std::size_t best_d = limit + 1, ties = 0;
  for (auto const& c : candidates) {
    auto d = text::edit_distance(w, text::decode(c), limit);
    if (d < best_d) { best_d = d; best = std::string(c); ties = 0; }
    else if (d == best_d) ++ties;
  }
  if (best_d > limit || ties) return "";
  return detail::format(" (did you mean '{}'?)", best);
}

/// Line and column (1-based, columns in bytes) of byte `offset` in `text`.
inline std::pair<std::uint32_t, std::uint32_t> line_col(std::string_view text, std::size_t offset) {
  std::uint32_t line = 1, col = 1;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') { ++line; col = 1; }
    else ++col;
  }
  return {line, col};
}

/// True if the byte at 1-based `p` is a line break (or the end of the text).
inline bool at_line_end(std::string_view text, toml::source_position p) {
  if (p.line == 0 || p.column == 0) return false;
  std::size_t i = 0;
  for (std::uint32_t line = 1; line < p.line && i < text.size(); ++i)
    if (text[i] == '\n') ++line;
  i += p.column - 1;
  return i >= text.size() || text[i] == '\n' || text[i] == '\r';
}

/// Reads the fields of one TOML table, reporting problems with positions, and unknown keys at the end.
class reader {
 public:
  reader(toml::table const& t, std::shared_ptr<const std::string> path, sink& s, builder& b, load_options const& o)
      : t_(t), path_(std::move(path)), s_(s), b_(b), o_(o) {}

  source_region region() const { return source_region::at(path_, {t_.source().begin.line, t_.source().begin.column}); }
  toml::source_position pos() const { return t_.source().begin; }
  std::string const& path() const { return *path_; }
  sink& diags() { return s_; }
  bool failed() const { return failed_; }
  /// Marks the table as failed because a nested table reported its own diagnostics.
  void mark_failed() { failed_ = true; }

  void error(errc code, toml::source_position p, std::string expected, std::string found) {
    failed_ = true;
    s_.add(code, path_, p, std::move(expected), std::move(found));
  }

  toml::node const* node(std::string_view key, bool required, std::string_view what) {
    used_.insert(std::string(key));
    auto const* n = t_.get(key);
    if (!n && required) error(errc::missing_field, pos(), detail::format("'{}' ({})", key, what), "no such key in this table");
    return n;
  }

  std::optional<std::string> str(std::string_view key, bool required = false, std::string_view what = "a string") {
    auto const* n = node(key, required, what);
    if (!n) return std::nullopt;
    auto v = n->value<std::string_view>();
    if (!n->is_string() || !v) {
      error(errc::wrong_type, n->source().begin, detail::format("'{}' to be {}", key, what), type_name(*n));
      return std::nullopt;
    }
    if (v->size() > o_.max_string_bytes) {
      error(errc::limit, n->source().begin, detail::format("a string of at most {} bytes", o_.max_string_bytes),
            detail::format("{} bytes", v->size()));
      return std::nullopt;
    }
    if (v->find('\0') != std::string_view::npos) {
      error(errc::encoding, n->source().begin, "text without NUL characters", "a NUL character");
      return std::nullopt;
    }
    if (required && v->empty()) {
      error(errc::missing_field, n->source().begin, detail::format("'{}' to be {}", key, what), "an empty string");
      return std::nullopt;
    }
    return std::string(*v);
  }

  std::vector<std::string> str_array(std::string_view key) {
    std::vector<std::string> out;
    auto const* n = node(key, false, "an array of strings");
    if (!n) return out;
    auto const* arr = n->as_array();
    if (!arr) {
      error(errc::wrong_type, n->source().begin, detail::format("'{}' to be an array of strings", key), type_name(*n));
      return out;
    }
    for (auto const& el : *arr) {
      auto v = el.value<std::string_view>();
      if (!el.is_string() || !v) {
        error(errc::wrong_type, el.source().begin, detail::format("a string in '{}'", key), type_name(el));
        continue;
      }
      if (v->empty()) {
        error(errc::missing_field, el.source().begin, detail::format("a non-empty string in '{}'", key), "an empty string");
        continue;
      }
      if (v->size() > o_.max_string_bytes) {
        error(errc::limit, el.source().begin, detail::format("a string of at most {} bytes", o_.max_string_bytes),
              detail::format("{} bytes", v->size()));
        continue;
      }
      if (v->find('\0') != std::string_view::npos) {
        error(errc::encoding, el.source().begin, "text without NUL characters", "a NUL character");
        continue;
      }
      out.emplace_back(*v);
    }
    return out;
  }

  /// The whole number under `key` (optional; `what` describes it) when it lies in [lo, hi]; else reported, as
  /// `wrong` (the expectation when it is no whole number) or `range` (when it is outside [lo, hi]).
  std::optional<std::int64_t> whole_number(std::string_view key, std::string_view what, std::int64_t lo, std::int64_t hi,
                                           std::string_view wrong, std::string_view range) {
    auto const* n = node(key, false, what);
    if (!n) return std::nullopt;
    auto v = n->value<std::int64_t>();
    if (!n->is_integer() || !v) error(errc::wrong_type, n->source().begin, std::string(wrong), type_name(*n));
    else if (*v < lo || *v > hi) error(errc::out_of_range, n->source().begin, std::string(range), type_name(*n));
    else return v;
    return std::nullopt;
  }
  std::optional<bool> boolean(std::string_view key) {
    auto const* n = node(key, false, "true or false");
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
      error(errc::wrong_type, n->source().begin, detail::format("'{}' to be true or false", key), type_name(*n));
      return std::nullopt;
    }
    return *n->value<bool>();
  }

  std::optional<double> number(std::string_view key, bool required = false, std::string_view what = "a number") {
    auto const* n = node(key, required, what);
    if (!n) return std::nullopt;
    return number_of(*n, key, what);
  }
  std::optional<double> number_of(toml::node const& n, std::string_view key, std::string_view what = "a number") {
    if (!n.is_number()) {
      error(errc::wrong_type, n.source().begin, detail::format("'{}' to be {}", key, what), type_name(n));
      return std::nullopt;
    }
    double v = *n.value<double>();
    if (!std::isfinite(v)) {
      error(errc::out_of_range, n.source().begin, detail::format("'{}' to be a finite number", key), detail::format("{}", v));
      return std::nullopt;
    }
    return v;
  }

  template <named_enum E>
  std::optional<E> enumeration(std::string_view key, bool required = false) {
    auto s = str(key, required, detail::format("one of {}", enum_choices<E>()));
    if (!s) return std::nullopt;
    auto e = parse_enum<E>(*s);
    if (!e)
      error(errc::unknown_enum, t_.get(key)->source().begin, detail::format("'{}' to be one of {}", key, enum_choices<E>()),
            quote_value(*s));
    return e;
  }

  /// A quantity string; `dims` are the accepted dimensions.
  std::optional<quantity> qty(std::string_view key, bool required, std::initializer_list<dimension> dims) {
    std::string what = "a quantity such as \"50 mg\"";
    auto s = str(key, required, what);
    if (!s) return std::nullopt;
    return qty_of(*s, t_.get(key)->source().begin, key, dims);
  }
  std::optional<quantity> qty_of(std::string const& s, toml::source_position p, std::string_view key,
                                 std::initializer_list<dimension> dims) {
    auto q = parse_quantity(s);
    if (!q) {
      auto const& qe = q.diagnostics.front();
      // the column of the offending part: the string starts one column after its opening quote
      std::size_t offset = qe.region.begin.column - 1;
      bool no_unit = offset >= s.size() || s.find_first_not_of(' ', offset) == std::string::npos;
      error(errc::bad_quantity, {p.line, p.column + qe.region.begin.column}, detail::format("{} in '{}'", qe.expected, key),
            no_unit && offset > 0 ? detail::format("{} with no unit", quote_value(s)) : qe.found);
      return std::nullopt;
    }
    if (std::find(dims.begin(), dims.end(), q->dim()) == dims.end()) {
      std::string want;
      for (auto d : dims) want += (want.empty() ? "" : " or ") + std::string(to_string(d));
      error(errc::wrong_dimension, p, detail::format("'{}' to be a {}", key, want),
            detail::format("{} ({})", quote_value(s), to_string(q->dim())));
      return std::nullopt;
    }
    return q;
  }

  std::vector<source_id> sources(bool required) {
    std::vector<source_id> out;
    auto const* n = node("sources", false, "a non-empty array of source ids");
    if (!n) {
      if (required)
        error(errc::missing_source, pos(), "'sources' (a non-empty array of source ids)", "no such key in this table");
      return out;
    }
    resolve_sources(*n, out, "sources");
    if (required && out.empty() && n->as_array() && n->as_array()->empty())
      error(errc::missing_source, n->source().begin, "at least one source id in 'sources'", "an empty array");
    return out;
  }
  void resolve_sources(toml::node const& n, std::vector<source_id>& out, std::string_view key) {
    auto const* arr = n.as_array();
    if (!arr) {
      error(errc::wrong_type, n.source().begin, detail::format("'{}' to be an array of source ids", key), type_name(n));
      return;
    }
    for (auto const& el : *arr) {
      auto v = el.value<std::string_view>();
      if (!el.is_string() || !v) {
        error(errc::wrong_type, el.source().begin, "a source id (a string such as \"src:pmid:12813472\")", type_name(el));
        continue;
      }
      auto id = b_.find_source(*v);
      if (!id && s_.rejected_ids.count(*v)) {
        failed_ = true;
        continue;
      }
      if (!id) {
        error(errc::unknown_reference, el.source().begin, "the id of a declared [[source]]", quote_value(*v));
        continue;
      }
      if (std::find(out.begin(), out.end(), *id) != out.end()) {
        error(errc::duplicate_id, el.source().begin, "each source listed once", detail::format("{} again", quote_value(*v)));
        continue;
      }
      out.push_back(*id);
    }
  }

  /// A reference to a declared entity of kind E.
  template <entity_type E>
  std::optional<node_id<E>> ref(std::string_view key, bool required) {
    auto kind = to_string(node_kind_of<E>::value);
    auto s = str(key, required, detail::format("a {} id", kind));
    if (!s) return std::nullopt;
    return ref_of<E>(*s, t_.get(key)->source().begin);
  }
  template <entity_type E>
  std::optional<node_id<E>> ref_of(std::string const& s, toml::source_position p) {
    auto kind = to_string(node_kind_of<E>::value);
    auto n = b_.find_id(s);
    if (!n && s_.rejected_ids.count(s)) {
      failed_ = true;
      return std::nullopt;
    }
    if (!n) {
      error(errc::unknown_reference, p, detail::format("the id of a declared {}", kind), quote_value(s));
      return std::nullopt;
    }
    auto id = n->as<E>();
    if (!id) error(errc::unknown_reference, p, detail::format("a {} id", kind), detail::format("the {} id {}", to_string(n->kind()), quote_value(s)));
    return id;
  }
  /// References in an array of ids (each a declared entity of kind E), e.g. a drug's `classes`.
  template <entity_type E>
  std::vector<node_id<E>> ref_array(std::string_view key) {
    std::vector<node_id<E>> out;
    auto kind = to_string(node_kind_of<E>::value);
    auto const* n = node(key, false, detail::format("an array of {} ids", kind));
    if (!n) return out;
    auto const* arr = n->as_array();
    if (!arr) {
      error(errc::wrong_type, n->source().begin, detail::format("'{}' to be an array of {} ids", key, kind), type_name(*n));
      return out;
    }
    for (auto const& el : *arr) {
      auto v = el.template value<std::string>();
      if (!el.is_string() || !v) {
        error(errc::wrong_type, el.source().begin, detail::format("a {} id in '{}'", kind, key), type_name(el));
        continue;
      }
      if (auto id = ref_of<E>(*v, el.source().begin)) out.push_back(*id);
    }
    return out;
  }
  /// A reference to a declared drug or drug class (the ends of a stated interaction).
  std::optional<any_node> drug_or_class_of(toml::node const& el) {
    auto v = el.value<std::string>();
    if (!el.is_string() || !v) {
      error(errc::wrong_type, el.source().begin, "a drug or class id", type_name(el));
      return std::nullopt;
    }
    auto n = b_.find_id(*v);
    if (!n && s_.rejected_ids.count(*v)) {
      failed_ = true;
      return std::nullopt;
    }
    if (!n) {
      error(errc::unknown_reference, el.source().begin, "the id of a declared drug or class", quote_value(*v));
      return std::nullopt;
    }
    if (n->kind() != node_kind::drug && n->kind() != node_kind::drug_class) {
      error(errc::unknown_reference, el.source().begin, "a drug or class id",
            detail::format("the {} id {}", to_string(n->kind()), quote_value(*v)));
      return std::nullopt;
    }
    return n;
  }
  std::optional<any_node> any_ref(std::string_view key) {
    auto s = str(key, true, "an entity id");
    if (!s) return std::nullopt;
    auto n = b_.find_id(*s);
    if (!n && s_.rejected_ids.count(*s)) failed_ = true;
    else if (!n) error(errc::unknown_reference, t_.get(key)->source().begin, "the id of a declared entity", quote_value(*s));
    return n;
  }

  /// Reports keys not read by this reader.
  void finish(std::string_view what) {
    for (auto const& [k, v] : t_) {
      if (used_.count(std::string(k.str()))) continue;
      std::string allowed;
      for (auto const& u : used_) allowed += (allowed.empty() ? "" : ", ") + u;
      error(errc::unexpected_key, k.source().begin.line ? k.source().begin : v.source().begin,
            detail::format("a key of {} ({})", what, allowed), quote_value(k.str()) + did_you_mean(k.str(), used_));
    }
  }

  toml::table const& table() const { return t_; }
  builder& b() { return b_; }
  load_options const& opts() const { return o_; }
  std::shared_ptr<const std::string> const& path_ptr() const { return path_; }

 private:
  toml::table const& t_;
  std::shared_ptr<const std::string> path_;
  sink& s_;
  builder& b_;
  load_options const& o_;
  std::set<std::string> used_;
  bool failed_ = false;
};

// ----- the description-driven reader: a record's fields as `visit_fields` names them (model/entity_fields.hpp) -----

/// How `read_fields` reads one field of a record's description. A field with no rule is read by its type, as
/// optional, with the default messages; a rule makes it required, gives the "expected" text of a string, the
/// dimensions a quantity may have, or leaves the field to hand-written code (`by_hand`: a key of another shape, a
/// field with checks against other fields, or one that is not a key of the KB format).
struct field_rule {
  enum mode { optional, required, by_hand };
  std::string_view key;
  mode how = optional;
  std::string_view what = {};               ///< a string's "expected" text ("the source's title")
  std::initializer_list<dimension> dims{};  ///< a quantity's dimensions (none given: any)
};

inline void read_field(reader& r, field_rule const& f, std::string& m) {
  m = r.str(f.key, f.how == field_rule::required, f.what.empty() ? std::string_view("a string") : f.what).value_or("");
}
inline void read_field(reader& r, field_rule const& f, bool& m) {
  m = r.boolean(f.key).value_or(m);
}
template <named_enum E>
void read_field(reader& r, field_rule const& f, E& m) {
  m = r.enumeration<E>(f.key, f.how == field_rule::required).value_or(m);
}
template <named_enum E>
void read_field(reader& r, field_rule const& f, std::optional<E>& m) {
  m = r.enumeration<E>(f.key, f.how == field_rule::required);
}
inline void read_field(reader& r, field_rule const& f, std::optional<quantity>& m) {
  static constexpr std::initializer_list<dimension> any = {dimension::mass, dimension::volume, dimension::time,
                                                           dimension::concentration};
  m = r.qty(f.key, f.how == field_rule::required, f.dims.size() ? f.dims : any);
}
inline void read_field(reader& r, field_rule const& f, std::vector<source_id>& m) {
  if (auto const* n = r.node(f.key, false, "a non-empty array of source ids")) r.resolve_sources(*n, m, f.key);
}
/// A field of a type the reader does not know: a programming error, found by the first load that meets it.
template <class T>
void read_field(reader&, field_rule const& f, T&) {
  throw std::logic_error(detail::format("the TOML reader has no rule for the field '{}': read it by hand (field_rule::by_hand) "
                                     "or give its type a read_field",
                                     f.key));
}

/// Reads the fields of `e` as its description names them, each name being the KB-file key, in the description's
/// order: an entity's or a source's `visit_fields` (model/entity_fields.hpp), a claim payload's `description<P>`
/// (model/relations.hpp). `rules` adjust fields by key.
template <class E>
void read_fields(reader& r, E& e, std::initializer_list<field_rule> rules = {}) {
  auto one = [&](std::string_view key, auto& member) {
    field_rule rule{key};
    for (auto const& x : rules)
      if (x.key == key) rule = x;
    if (rule.how != field_rule::by_hand) read_field(r, rule, member);
  };
  if constexpr (described<E>) for_each_field(e, one);
  else visit_fields(one, e);
}

inline bool id_char_ok(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == '.' || c == ':' || c == '/' || c == '(' || c == ')';
}

/// Reads and checks the `id` of a declaration with prefix `prefix` ("drug:", "src:", ...).
inline std::optional<std::string> read_id(reader& r, std::string_view prefix) {
  auto id = r.str("id", true, detail::format("an id starting with '{}'", prefix));
  if (!id) return std::nullopt;
  auto p = r.table().get("id")->source().begin;
  if (id->substr(0, prefix.size()) != prefix || id->size() == prefix.size()) {
    r.error(errc::bad_id, p, detail::format("an id starting with '{}' and a name after it", prefix), quote_value(*id));
    return std::nullopt;
  }
  if (id->size() > 256 || !std::all_of(id->begin() + std::ptrdiff_t(prefix.size()), id->end(), id_char_ok)) {
    r.error(errc::bad_id, p, "an id of at most 256 letters, digits and - _ . : / ( )", quote_value(*id));
    return std::nullopt;
  }
  return id;
}

/// The fields every entity has.
inline bool read_base(reader& r, entity_base& e, std::string_view prefix, bool sources_required,
                      bool name_required = true) {
  auto id = read_id(r, prefix);
  auto name = r.str("name", name_required, "the entity's name");
  if (!name && !name_required && id && r.table().get("name") == nullptr) name = id->substr(prefix.size());
  e.lay_name = r.str("lay_name", false, "the name in plain words").value_or("");
  e.synonyms = r.str_array("synonyms");
  if (auto const* n = r.node("ids", false, "a table of identifiers")) {
    if (auto const* t = n->as_table()) {
      for (auto const& [k, v] : *t) {
        auto scheme = std::string(k.str());
        auto val = v.value<std::string_view>();
        if (!known_entity_scheme(scheme)) {
          r.error(errc::unexpected_key, k.source().begin, detail::format("an identifier scheme ({})", entity_schemes),
                  quote_value(scheme));
          continue;
        }
        if (!v.is_string() || !val) {
          r.error(errc::wrong_type, v.source().begin, detail::format("'{}' to be a string", scheme), type_name(v));
          continue;
        }
        if (auto ok = valid_identifier(scheme, *val); !ok) {
          r.error(errc::bad_identifier, v.source().begin,
                  detail::format("'{}' to be {}", scheme, ok.diagnostics.front().expected), quote_value(*val));
          continue;
        }
        e.ids.push_back({scheme, std::string(*val)});
      }
    } else {
      r.error(errc::wrong_type, n->source().begin, "'ids' to be a table such as { chembl = \"CHEMBL19019\" }", type_name(*n));
    }
  }
  e.sources = r.sources(sources_required);
  e.region = r.region();
  if (!id || !name) return false;
  e.id = std::move(*id);
  e.name = std::move(*name);
  return true;
}

}  // namespace detail::load
namespace detail::reviews {  // reviews-inl.hpp: a claim's review and updated keys, [[review]] tables
inline void check_claim_keys(detail::load::reader& r);
}  // namespace detail::reviews
namespace detail::load {

/// Claim fields common to every relation table.
inline claim_meta read_meta(reader& r) {
  claim_meta m;
  m.sources = r.sources(true);
  m.negated = r.boolean("negated").value_or(false);
  m.hypothesis = r.boolean("hypothesis").value_or(false);
  m.unverified = r.boolean("unverified").value_or(false);
  m.note = r.str("note").value_or("");
  m.region = r.region();
  detail::reviews::check_claim_keys(r);  // updated = "YYYY-MM-DD", review = { ... }
  return m;
}

/// One parsed file.
struct parsed {
  std::shared_ptr<const std::string> path;
  toml::table root;
};

}  // namespace detail::load
namespace detail::reviews {  // reviews-inl.hpp: the files' review layer, after the build
inline void apply_kb_files(std::span<detail::load::parsed const> files, knowledge_base const& kb, review_layer& layer,
                           detail::load::sink& s, load_options const& o);
inline review_layer carry_over(knowledge_base const& base, knowledge_base const& kb);
}  // namespace detail::reviews
namespace detail::load {

inline constexpr std::array<std::string_view, 28> top_keys{
    "kb",      "source",  "drug",     "target",   "gene",        "variant",    "effect",
    "condition", "regimen", "warning", "class", "concept", "acts_on",     "produces",   "blocks",
    "reduces", "mediated_by", "encoded_by", "indicated_for", "modulates_response", "member_of", "substrate_of",
    "inhibits", "induces", "has_metabolite", "interaction", "related", "review"};

/// Calls `f(reader&)` for every table of the array `key` in `doc`.
template <class F>
void each(parsed const& doc, std::string_view key, sink& s, builder& b, load_options const& o, F&& f) {
  auto const* n = doc.root.get(key);
  if (!n) return;
  auto const* arr = n->as_array();
  if (!arr) {
    s.add(errc::wrong_type, doc.path, n->source().begin, detail::format("'{}' to be an array of tables ([[{}]])", key, key),
          type_name(*n));
    return;
  }
  for (auto const& el : *arr) {
    auto const* t = el.as_table();
    if (!t) {
      s.add(errc::wrong_type, doc.path, el.source().begin, detail::format("a table in [[{}]]", key), type_name(el));
      continue;
    }
    reader r(*t, doc.path, s, b, o);
    f(r);
    if (r.failed())
      if (auto const* id = t->get("id"); id && id->is_string()) s.rejected_ids.insert(*id->value<std::string>());
  }
}

/// Where the entity `n` of the builder was declared (unknown for entities made through the builder API).
template <entity_type... Es>
source_region region_in(builder& b, any_node n) {
  source_region out;
  ((n.kind() == node_kind_of<Es>::value ? (void)(out = b.get(node_id<Es>{n.index()}).region) : void()), ...);
  return out;
}

/// "'id', already declared at file:line:column": the found part of a duplicate_id diagnostic.
inline std::string declared_again(std::string_view id, source_region const& first) {
  if (!first.known()) return detail::format("{}, already declared", quote_value(id));
  return detail::format("{}, already declared at {}", quote_value(id), first.to_string());
}

/// A drug's `half_life = { low = "2 h", high = "4 h", sources = [...], note = "..." }` or `{ value = "3 h", ... }`.
inline std::optional<half_life_range> read_half_life(reader& r) {
  auto const* n = r.node("half_life", false, "a table such as { low = \"2 h\", high = \"4 h\", sources = [...] }");
  if (!n) return std::nullopt;
  auto const* t = n->as_table();
  if (!t) {
    r.error(errc::wrong_type, n->source().begin,
            "'half_life' to be a table such as { low = \"2 h\", high = \"4 h\", sources = [\"src:...\"] }", type_name(*n));
    return std::nullopt;
  }
  reader hr(*t, r.path_ptr(), r.diags(), r.b(), r.opts());
  auto value = hr.qty("value", false, {dimension::time});
  auto low = hr.qty("low", false, {dimension::time});
  auto high = hr.qty("high", false, {dimension::time});
  auto sources = hr.sources(true);
  auto note = hr.str("note").value_or("");
  hr.finish("a half_life");
  bool has_value = t->get("value") != nullptr, has_low = t->get("low") != nullptr, has_high = t->get("high") != nullptr;
  if (has_value && (has_low || has_high))
    hr.error(errc::unexpected_key, t->get("value")->source().begin, "either 'value' or 'low' and 'high'", "both");
  else if (!has_value && !(has_low && has_high))
    hr.error(errc::missing_field, hr.pos(), "'value', or 'low' and 'high'",
             has_low || has_high ? (has_low ? "'low' without 'high'" : "'high' without 'low'") : "neither");
  if (low && high && high->base_value() < low->base_value())
    hr.error(errc::out_of_range, t->get("low")->source().begin, "'low' <= 'high'",
             detail::format("low {} > high {}", *low, *high));
  if (hr.failed()) {
    r.mark_failed();
    return std::nullopt;
  }
  half_life_range h;
  h.low = value ? *value : *low;
  h.high = value ? *value : *high;
  h.sources = std::move(sources);
  h.note = std::move(note);
  return h;
}

/// True for "YYYY-MM" or "YYYY-MM-DD" with a real month and day (leap years included).
inline bool valid_label_date(std::string_view d) {
  auto digits = [&](std::size_t at, std::size_t n) { return d.size() >= at + n && all_digits(d.substr(at, n)); };
  if (!(d.size() == 7 || d.size() == 10) || !digits(0, 4) || d[4] != '-' || !digits(5, 2)) return false;
  int year = std::stoi(std::string(d.substr(0, 4))), month = std::stoi(std::string(d.substr(5, 2)));
  if (year < 1800 || year > 2100 || month < 1 || month > 12) return false;
  if (d.size() == 7) return true;
  if (d[7] != '-' || !digits(8, 2)) return false;
  int day = std::stoi(std::string(d.substr(8, 2)));
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return day >= 1 && day <= days[month - 1] && !(month == 2 && day == 29 && !leap);
}

/// A source's `date` (a string, or a TOML date) and `version`.
inline void read_label_revision(reader& r, source& src) {
  if (auto const* n = r.node("date", false, "a date \"YYYY-MM-DD\" or \"YYYY-MM\"")) {
    if (auto const* d = n->as_date()) {
      auto text = detail::format("{:04}-{:02}-{:02}", d->get().year, int(d->get().month), int(d->get().day));
      if (valid_label_date(text)) src.date = text;
      else r.error(errc::out_of_range, n->source().begin, "'date' to be a real date from 1800 to 2100", text);
    } else if (auto v = r.str("date", false, "a date \"YYYY-MM-DD\" or \"YYYY-MM\"")) {
      if (valid_label_date(*v)) src.date = *v;
      else
        r.error(errc::out_of_range, n->source().begin,
                "'date' to be a real date \"YYYY-MM-DD\" or month \"YYYY-MM\" (from 1800 to 2100)", quote_value(*v));
    }
  }
  if (r.table().get("version")) {
    if (auto v = r.str("version", true, "a version such as \"12\"")) src.version = *v;
  }
}

/// A label's `sections`, each normalised (model/label_sections.hpp).
inline void read_sections(reader& r, source& src) {
  auto raw = r.str_array("sections");
  auto const* arr = r.table().get("sections") ? r.table().get("sections")->as_array() : nullptr;
  for (std::size_t i = 0; i < raw.size(); ++i) {
    if (auto s = normalise_label_section(raw[i])) {
      if (std::find(src.sections.begin(), src.sections.end(), *s) == src.sections.end()) src.sections.push_back(*s);
      continue;
    }
    // find the element's position: the i-th string element of the array
    toml::source_position p = r.table().get("sections")->source().begin;
    if (arr)
      for (auto const& el : *arr)
        if (el.value<std::string_view>() == std::string_view(raw[i])) { p = el.source().begin; break; }
    r.error(errc::unknown_enum, p, detail::format("a label section in 'sections': {}", label_section_choices()),
            quote_value(raw[i]));
  }
}

inline void read_source(reader& r) {
  source src;
  auto id = read_id(r, "src:");
  auto kind = r.enumeration<source_kind>("kind", true);
  // kind: kept as an optional for the checks below; year, ids, date, version, sections: keys of other shapes
  read_fields(r, src, {{"kind", field_rule::by_hand}, {"title", field_rule::required, "the source's title"},
                       {"year", field_rule::by_hand}, {"ids", field_rule::by_hand}, {"date", field_rule::by_hand},
                       {"version", field_rule::by_hand}, {"sections", field_rule::by_hand}});
  if (auto y = r.whole_number("year", "a year", 1800, 2100, "'year' to be a whole number such as 2003",
                              "'year' to be a year between 1800 and 2100"))
    src.year = int(*y);
  for (auto key : source_schemes) {  // each identifier is a key of its own: pmid = "...", doi = "..."
    auto v = r.str(key, false, "an identifier string");
    if (!v) continue;
    if (auto ok = valid_identifier(key, *v); !ok) {
      r.error(errc::bad_identifier, r.table().get(key)->source().begin,
              detail::format("'{}' to be {}", key, ok.diagnostics.front().expected), quote_value(*v));
      continue;
    }
    src.set_identifier(key, std::move(*v));
  }
  read_label_revision(r, src);
  read_sections(r, src);
  if (!src.sections.empty() && kind && *kind != source_kind::label)
    r.error(errc::unexpected_key, r.table().get("sections")->source().begin, "'sections' only on a label source",
            detail::format("a {} source", to_string(*kind)));
  src.region = r.region();
  r.finish("[[source]]");
  if (src.ids.empty() && !r.failed()) {
    std::vector<std::string_view> missing;  // what a guideline without an identifier lacks
    if (src.title.empty()) missing.push_back("'title'");
    if (!src.year) missing.push_back("'year'");
    if (src.publisher.empty()) missing.push_back("'publisher'");
    if (kind != source_kind::guideline || !missing.empty())
      r.error(errc::no_identifier, r.pos(),
              "an identifier (pmid, doi, dailymed_setid, nda, url, gtopdb_ligand or gtopdb_target), or for a "
              "guideline title + year + publisher",
              kind == source_kind::guideline
                  ? detail::format("a guideline with no identifier and no {}", fmt::join(missing, " or "))
                  : std::string("a source with none"));
  }
  if (!id || !kind || r.failed()) return;
  src.id = std::move(*id);
  src.kind = *kind;
  if (auto first = r.b().find_source(src.id)) {
    r.error(errc::duplicate_id, r.table().get("id")->source().begin, "a source id not declared before",
            declared_again(src.id, r.b().get(*first).region));
    return;
  }
  r.b().add_source(std::move(src));
}

/// Adds an entity unless its id is taken (then reports it, with where it was declared first).
template <entity_type E>
std::optional<node_id<E>> add_entity(reader& r, E e) {
  source_region first;
  bool taken = false;
  if (auto n = r.b().find_id(e.id)) {
    taken = true;
    first = region_in<drug, target, gene, variant, effect, condition, regimen, warning, drug_class, concept_node>(r.b(), *n);
  } else if (auto sid = r.b().find_source(e.id)) {
    taken = true;
    first = r.b().get(*sid).region;
  }
  if (taken) {
    r.error(errc::duplicate_id, r.table().get("id")->source().begin, "an id not declared before",
            declared_again(e.id, first));
    return std::nullopt;
  }
  return r.b().add(std::move(e));
}

// ----- phase 1: the files: size, UTF-8, NUL, then TOML syntax -----
/// True if `d` is within the size limit and is UTF-8 text without NUL bytes; else adds the diagnostic (shared by
/// the knowledge-base and the review-file loaders).
inline bool acceptable_text(document const& d, std::shared_ptr<const std::string> const& path, load_options const& opts,
                            sink& s) {
  if (d.text.size() > opts.max_file_bytes) {
    s.add(errc::limit, path, {}, detail::format("a file of at most {} bytes", opts.max_file_bytes),
          detail::format("{} bytes", d.text.size()));
    return false;
  }
  if (auto bad = text::invalid_utf8_offset(d.text); bad != std::string_view::npos) {
    auto [l, c] = line_col(d.text, bad);
    s.add(errc::encoding, path, {l, c}, "UTF-8 text",
          detail::format("the invalid byte 0x{:02x}", int(static_cast<unsigned char>(d.text[bad]))));
    return false;
  }
  if (auto nul = d.text.find('\0'); nul != std::string::npos) {
    auto [l, c] = line_col(d.text, nul);
    s.add(errc::encoding, path, {l, c}, "text without NUL bytes", "a NUL byte");
    return false;
  }
  return true;
}

inline std::vector<parsed> read_documents(std::span<document const> docs, load_options const& opts, sink& s) {
  std::vector<parsed> files;
  for (auto const& d : docs) {
    auto path = std::make_shared<const std::string>(d.path);
    if (!acceptable_text(d, path, opts, s)) continue;
    try {
      files.push_back({path, toml::parse(d.text, d.path)});
    } catch (toml::parse_error const& e) {
      auto p = e.source().begin;
      std::string found(e.description());
      if (found.find("unescaped control characters") != std::string::npos && at_line_end(d.text, p))
        found = "the end of the line inside a string (a missing closing quote?)";
      s.add(errc::syntax, path, p, "valid TOML", std::move(found));
    }
  }
  return files;
}

/// The `[kb]` table of each file, and top-level keys the format does not define.
inline void read_metadata(std::vector<parsed> const& files, sink& s, builder& b, load_options const& opts,
                          bool on_a_base) {
  for (auto const& f : files) {
    for (auto const& [k, v] : f.root)
      if (std::find(top_keys.begin(), top_keys.end(), k.str()) == top_keys.end())
        s.add(errc::unexpected_key, f.path, k.source().begin,
              detail::format("a top-level table of the format ({})", fmt::join(top_keys, ", ")),
              quote_value(k.str()) + did_you_mean(k.str(), top_keys));
    if (auto const* kb = f.root.get("kb")) {
      if (auto const* t = kb->as_table()) {
        reader r(*t, f.path, s, b, opts);
        auto name = r.str("name", true, "the knowledge base's name");
        auto version = r.str("version", true, "a version string");
        r.str("description");
        r.finish("[kb]");
        // the first file with [kb] names a fresh knowledge base; files added to a base keep its name
        if (name && version && (!on_a_base && b.name() == "unnamed")) {
          b.set_name(*name);
          b.set_version(*version);
        }
      } else {
        s.add(errc::wrong_type, f.path, kb->source().begin, "[kb] to be a table", type_name(*kb));
      }
    }
  }
}

// ----- phase 3: the entity tables (phase 2 is read_source) -----
inline void read_class(reader& r) {
  drug_class c;
  bool ok = read_base(r, c, "class:", false);
  // the rule's targets are checked once every target exists (check_class_rule); min_strength against the rule
  read_fields(r, c, {{"min_strength", field_rule::by_hand}});
  auto min = r.enumeration<strength>("min_strength");
  if (!c.inhibitors_of.empty() && !c.inducers_of.empty())
    r.error(errc::unexpected_key, r.table().get("inducers_of")->source().begin,
            "either 'inhibitors_of' or 'inducers_of'", "both");
  if (c.defined_by_rule() && !min && !r.table().get("min_strength"))
    r.error(errc::missing_field, r.pos(), "'min_strength' (strong | moderate | weak) with the class's rule",
            "no such key in this table");
  if (!c.defined_by_rule() && r.table().get("min_strength"))
    r.error(errc::unexpected_key, r.table().get("min_strength")->source().begin,
            "'min_strength' only with 'inhibitors_of' or 'inducers_of'", "neither");
  r.finish("[[class]]");
  if (min) c.min_strength = *min;
  if (ok && !r.failed()) add_entity(r, std::move(c));
}

inline void read_drug(reader& r) {
  drug d;
  bool ok = read_base(r, d, "drug:", true);
  read_fields(r, d, {{"half_life", field_rule::by_hand}});  // a table with checks of its own (read_half_life)
  if (d.site != site::unspecified && d.site_sources.empty() && !r.table().get("site_sources"))
    r.error(errc::missing_source, r.table().get("site")->source().begin,
            "'site_sources' (the sources that say where the drug acts) with 'site'", "no such key in this table");
  if (d.site == site::unspecified && r.table().get("site_sources"))
    r.error(errc::unexpected_key, r.table().get("site_sources")->source().begin, "'site_sources' only with 'site'",
            "no 'site'");
  d.half_life = read_half_life(r);
  auto classes = r.ref_array<drug_class>("classes");
  r.finish("[[drug]]");
  if (!ok || r.failed()) return;
  auto meta = claim_meta(d.sources, d.region);
  auto id = add_entity(r, std::move(d));
  if (id)
    for (auto c : classes) r.b().add<rel::member_of>(*id, c, meta);
}

inline void read_gene(reader& r) {
  gene g;
  bool ok = read_base(r, g, "gene:", true);
  read_fields(r, g);
  r.finish("[[gene]]");
  if (ok) add_entity(r, std::move(g));
}

inline void read_effect(reader& r) {
  effect e;
  bool ok = read_base(r, e, "effect:", false);
  read_fields(r, e);
  r.finish("[[effect]]");
  if (ok && !r.failed()) add_entity(r, std::move(e));
}

inline void read_concept(reader& r) {
  concept_node c;
  bool ok = read_base(r, c, "concept:", false);
  read_fields(r, c, {{"kind", field_rule::required, "the original kind of the concept"}});
  r.finish("[[concept]]");
  if (ok && !c.kind_label.empty()) add_entity(r, std::move(c));  // a required string is never empty
}

inline void read_target(reader& r) {
  target t;
  bool ok = read_base(r, t, "target:", true);
  // gene_symbol is not a key: the file names the gene (`gene`), whose symbol the target takes
  read_fields(r, t, {{"gene_symbol", field_rule::by_hand}});
  auto gene_ref = r.ref<gene>("gene", false);
  r.finish("[[target]]");
  if (!ok || r.failed()) return;
  if (gene_ref) t.gene_symbol = r.b().get(*gene_ref).symbol;
  auto sources = t.sources;
  auto region = t.region;
  auto id = add_entity(r, std::move(t));
  if (id && gene_ref && !sources.empty()) r.b().add<rel::encoded_by>(*id, *gene_ref, claim_meta(sources, region));
}

/// A class's rule names a target: checked once every target exists.
inline void check_class_rule(reader& r) {
  for (std::string_view key : {"inhibitors_of", "inducers_of"})
    if (auto const* n = r.table().get(key); n && n->is_string()) {
      auto t = r.ref_of<target>(*n->value<std::string>(), n->source().begin);
      if (t && r.b().get(*t).type != target_type::enzyme && r.b().get(*t).type != target_type::transporter)
        r.error(errc::unknown_reference, n->source().begin, detail::format("'{}' to name an enzyme or transporter", key),
                detail::format("the {} {}", to_string(r.b().get(*t).type), quote_value(*n->value<std::string>())));
    }
}

inline void read_variant(reader& r) {
  variant v;
  bool ok = read_base(r, v, "variant:", true);
  auto gene_ref = r.ref<gene>("gene", true);
  r.finish("[[variant]]");
  if (!ok || r.failed()) return;
  auto sources = v.sources;
  auto region = v.region;
  auto id = add_entity(r, std::move(v));
  if (id && gene_ref && !sources.empty()) r.b().add<rel::variant_of>(*id, *gene_ref, claim_meta(sources, region));
}

/// One table of a regimen's `preconditions`; nullopt (and `r` marked failed) if it has errors.
inline std::optional<precondition> read_precondition(reader& r, toml::table const& t) {
  reader pr(t, r.path_ptr(), r.diags(), r.b(), r.opts());
  precondition p;
  read_fields(pr, p, {{"kind", field_rule::required}, {"min", field_rule::optional, {}, {dimension::time}},
                      {"recommended", field_rule::optional, {}, {dimension::time}}});
  pr.finish("a precondition");
  if (p.min && p.recommended && p.recommended->base_value() < p.min->base_value())
    pr.error(errc::out_of_range, t.get("recommended")->source().begin,
             detail::format("'recommended' to be at least 'min' ({})", *p.min), detail::format("{}", *p.recommended));
  if (pr.failed()) {
    r.mark_failed();
    return std::nullopt;
  }
  return p;
}

/// An age range [min_age, max_age): each an age (`checked_age`: at most `max_age_years`), and max_age above min_age.
/// (Both are already times: read_fields checked their dimension.)
inline void check_ages(reader& r, std::optional<quantity> const& min_age, std::optional<quantity> const& max_age) {
  for (auto [key, q] : {std::pair{"min_age", &min_age}, std::pair{"max_age", &max_age}})
    if (*q && q->value().dim() == dimension::time)
      if (auto age = checked_age(**q, ""); !age)
        r.error(errc::out_of_range, r.table().get(key)->source().begin,
                detail::format("'{}' to be {}", key, age.diagnostics[0].expected), detail::format("{}", **q));
  if (min_age && max_age && max_age->base_value() <= min_age->base_value())
    r.error(errc::out_of_range, r.table().get("max_age")->source().begin,
            detail::format("'max_age' to be above 'min_age' ({}): the range is [min_age, max_age)", *min_age),
            detail::format("{}", *max_age));
}

inline void read_regimen(reader& r) {
  regimen g;
  bool ok = read_base(r, g, "regimen:", true, false);
  auto d = r.ref<drug>("drug", true);
  auto c = r.ref<condition>("condition", false);
  // by hand: dose (required, and the checks below need to know it was read), times_per_day (a bounded whole
  // number), route (read after the interval check, whose message precedes route's at the same position), and
  // preconditions (tables with checks of their own)
  auto dose = r.qty("dose", true, {dimension::mass, dimension::volume});
  read_fields(r, g, {{"dose", field_rule::by_hand}, {"dose_max", field_rule::optional, {}, {dimension::mass, dimension::volume}},
                     {"max_daily", field_rule::optional, {}, {dimension::mass, dimension::volume}},
                     {"every", field_rule::optional, {}, {dimension::time}}, {"times_per_day", field_rule::by_hand},
                     {"route", field_rule::by_hand}, {"preconditions", field_rule::by_hand},
                     {"min_age", field_rule::optional, {}, {dimension::time}},
                     {"max_age", field_rule::optional, {}, {dimension::time}}});
  check_ages(r, g.min_age, g.max_age);
  std::string_view const per_day_range = "'times_per_day' to be a whole number from 1 to 48";
  auto per_day = r.whole_number("times_per_day", "a whole number of doses per day", 1, 48, per_day_range, per_day_range);
  if (g.every && per_day)
    r.error(errc::unexpected_key, r.table().get("times_per_day")->source().begin,
            "either 'every' or 'times_per_day', not both", "'times_per_day' next to 'every'");
  if (!g.every && !per_day && !g.as_needed && r.table().get("every") == nullptr &&
      r.table().get("times_per_day") == nullptr)
    r.error(errc::missing_field, r.pos(),
            "'every' (a dosing interval such as \"24 h\"), 'times_per_day', or as_needed = true", "none of them");
  auto route = r.enumeration<pharmakon::route>("route", true);
  if (auto const* n = r.node("preconditions", false, "an array of tables")) {
    if (auto const* arr = n->as_array()) {
      for (auto const& el : *arr) {
        auto const* t = el.as_table();
        if (!t) {
          r.error(errc::wrong_type, el.source().begin, "a table such as { kind = \"opioid_free\", min = \"7 d\" }",
                  type_name(el));
          continue;
        }
        if (auto p = read_precondition(r, *t)) g.preconditions.push_back(std::move(*p));
      }
    } else {
      r.error(errc::wrong_type, n->source().begin, "'preconditions' to be an array of tables", type_name(*n));
    }
  }
  r.finish("[[regimen]]");
  if (dose && g.dose_max) {
    if (dose->dim() != g.dose_max->dim())
      r.error(errc::wrong_dimension, r.table().get("dose_max")->source().begin,
              "'dose_max' of the same dimension as 'dose'", detail::format("{}", *g.dose_max));
    else if (g.dose_max->base_value() < dose->base_value())
      r.error(errc::out_of_range, r.table().get("dose_max")->source().begin,
              detail::format("'dose_max' to be at least 'dose' ({})", *dose), detail::format("{}", *g.dose_max));
  }
  if (dose && g.max_daily) {
    if (dose->dim() != g.max_daily->dim())
      r.error(errc::wrong_dimension, r.table().get("max_daily")->source().begin,
              "'max_daily' of the same dimension as 'dose'", detail::format("{}", *g.max_daily));
    else if (g.max_daily->base_value() < (g.dose_max ? *g.dose_max : *dose).base_value())
      r.error(errc::out_of_range, r.table().get("max_daily")->source().begin,
              detail::format("'max_daily' to be at least the largest single dose ({})", g.dose_max ? *g.dose_max : *dose),
              detail::format("{}", *g.max_daily));
  }
  if (!ok || r.failed() || !d || !dose || !route) return;
  g.dose = *dose;
  if (per_day) g.times_per_day = int(*per_day);
  g.route = *route;
  auto meta = claim_meta(g.sources, g.region);
  auto id = add_entity(r, std::move(g));
  if (!id) return;
  r.b().add<rel::dosed_as>(*d, *id, meta);
  if (c) r.b().add<rel::regimen_for>(*id, *c, meta);
}

inline void read_warning(reader& r) {
  warning w;
  bool ok = read_base(r, w, "warning:", true, false);
  auto d = r.ref<drug>("drug", true);
  // concerns_action: an array of enums, with messages of its own (below)
  read_fields(r, w, {{"kind", field_rule::required}, {"severity", field_rule::required},
                     {"about", field_rule::required, "what the warning is about"},
                     {"concerns_action", field_rule::by_hand},
                     {"min_age", field_rule::optional, {}, {dimension::time}},
                     {"max_age", field_rule::optional, {}, {dimension::time}}});
  check_ages(r, w.min_age, w.max_age);
  std::vector<target_id> concerns;
  if (auto const* n = r.node("concerns", false, "an array of target ids")) {
    if (auto const* arr = n->as_array()) {
      for (auto const& el : *arr) {
        auto v = el.value<std::string>();
        if (!el.is_string() || !v) { r.error(errc::wrong_type, el.source().begin, "a target id", type_name(el)); continue; }
        if (auto t = r.ref_of<target>(*v, el.source().begin)) concerns.push_back(*t);
      }
    } else {
      r.error(errc::wrong_type, n->source().begin, "'concerns' to be an array of target ids", type_name(*n));
    }
  }
  if (auto const* n = r.node("concerns_action", false, "an array of action types")) {
    if (auto const* arr = n->as_array()) {
      for (auto const& el : *arr) {
        auto v = el.value<std::string_view>();
        auto a = v ? parse_enum<action_type>(*v) : std::nullopt;
        if (!a)
          r.error(errc::unknown_enum, el.source().begin,
                  detail::format("an action in 'concerns_action' (one of {})", enum_choices<action_type>()),
                  v ? quote_value(*v) : type_name(el));
        else
          w.concerns_action.push_back(*a);
      }
    } else {
      r.error(errc::wrong_type, n->source().begin, "'concerns_action' to be an array of action types", type_name(*n));
    }
  }
  r.finish("[[warning]]");
  if (!ok || r.failed() || !d) return;  // a required field that is missing or wrong has failed `r`
  auto meta = claim_meta(w.sources, w.region);
  auto id = add_entity(r, std::move(w));
  if (!id) return;
  r.b().add<rel::carries>(*d, *id, meta);
  for (auto t : concerns) r.b().add<rel::concerns>(*id, t, meta);
}

// ----- phase 4: the claim tables -----
/// The target of a pharmacokinetic claim: an enzyme or a transporter.
inline std::optional<target_id> pk_target(reader& r) {
  auto t = r.ref<target>("target", true);
  if (t && r.b().get(*t).type != target_type::enzyme && r.b().get(*t).type != target_type::transporter) {
    r.error(errc::unknown_reference, r.table().get("target")->source().begin, "an enzyme or transporter",
            detail::format("the {} {}", to_string(r.b().get(*t).type), quote_value(r.b().get(*t).id)));
    return std::nullopt;
  }
  return t;
}

/// One table of an `acts_on`'s `affinity` array; nullopt (and `r` marked failed) if it has errors.
inline std::optional<affinity> read_affinity(reader& r, toml::table const* at) {
  reader ar(*at, r.path_ptr(), r.diags(), r.b(), r.opts());
  affinity af;
  auto m = ar.enumeration<affinity_measure>("measure", true);
  af.value = ar.number("value");
  af.low = ar.number("low");
  af.high = ar.number("high");
  auto u = ar.str("unit", false, "a concentration unit (pM, nM, µM, mM, M)");
  af.species = ar.str("species").value_or("");
  af.sources = ar.sources(true);
  ar.finish("an affinity");
  if (!af.value && !(af.low && af.high))
    ar.error(errc::missing_field, ar.pos(), "'value', or 'low' and 'high'", "neither");
  if (af.low && af.high && *af.low > *af.high)
    ar.error(errc::out_of_range, at->get("low")->source().begin, "'low' <= 'high'",
             detail::format("low {} > high {}", *af.low, *af.high));
  if (m && is_p_measure(*m)) {
    if (u) ar.error(errc::unexpected_key, at->get("unit")->source().begin,
                    detail::format("no unit for {} (a -log10 molar value)", to_string(*m)), quote_value(*u));
    for (std::string_view k : {"value", "low", "high"})
      if (auto const* vn = at->get(k); vn && vn->is_number() && std::isfinite(*vn->value<double>()))
        if (double v = *vn->value<double>(); v < 0 || v > 15)
          ar.error(errc::out_of_range, vn->source().begin,
                   detail::format("'{}' of {} between 0 and 15 (-log10 molar)", k, to_string(*m)), detail::format("{}", v));
  } else if (m) {
    if (!u) ar.error(errc::missing_field, ar.pos(), detail::format("'unit' for {} (pM, nM, µM, mM, M)", to_string(*m)), "no unit");
    else if (auto pu = parse_unit(*u); !pu)
      ar.error(errc::bad_quantity, at->get("unit")->source().begin, "a concentration unit (pM, nM, µM, mM, M)", quote_value(*u));
    else if (info(*pu).dim != dimension::concentration)
      ar.error(errc::wrong_dimension, at->get("unit")->source().begin,
               detail::format("'unit' of {} to be a concentration (pM, nM, µM, mM, M)", to_string(*m)),
               detail::format("{} ({})", quote_value(*u), to_string(info(*pu).dim)));
    else af.conc_unit = *pu;
    for (std::string_view k : {"value", "low", "high"})
      if (auto const* vn = at->get(k); vn && vn->is_number() && std::isfinite(*vn->value<double>())) {
        double v = *vn->value<double>();
        if (v <= 0)
          ar.error(errc::out_of_range, vn->source().begin, detail::format("'{}' of {} to be positive", k, to_string(*m)),
                   detail::format("{}", v));
        // the p-value range of the p-measures (0 to 15), so that p_value() and unit conversions stay finite
        else if (double nm = v * info(af.conc_unit.value_or(unit::nM)).to_base; af.conc_unit && !(nm >= 1e-6 && nm <= 1e9))
          ar.error(errc::out_of_range, vn->source().begin,
                   detail::format("'{}' of {} from 1 fM to 1 M (p-value 15 to 0)", k, to_string(*m)),
                   detail::format("{} {}", v, *af.conc_unit));
      }
  }
  if (ar.failed() || !m) {
    r.mark_failed();
    return std::nullopt;
  }
  af.measure = *m;
  return af;
}

inline void read_acts_on(reader& r) {
  auto d = r.ref<drug>("drug", true);
  auto t = r.ref<target>("target", true);
  action a;
  auto type = r.enumeration<action_type>("action", true);
  a.modality = r.enumeration<modality>("modality").value_or(modality::unknown);
  a.reversible = r.boolean("reversible");
  a.surmountable = r.boolean("surmountable");
  a.efficacy = r.number("efficacy", false, "a number from 0 to 1");
  if (a.efficacy && (*a.efficacy < 0 || *a.efficacy > 1))
    r.error(errc::out_of_range, r.table().get("efficacy")->source().begin, "'efficacy' from 0 (none) to 1 (full)",
            detail::format("{}", *a.efficacy));
  if (auto const* n = r.node("affinity", false, "an array of affinity tables")) {
    auto const* arr = n->as_array();
    if (!arr) r.error(errc::wrong_type, n->source().begin, "'affinity' to be an array of tables", type_name(*n));
    for (std::size_t i = 0; arr && i < arr->size(); ++i) {
      auto const& el = *arr->get(i);
      auto const* at = el.as_table();
      if (!at) { r.error(errc::wrong_type, el.source().begin, "an affinity table", type_name(el)); continue; }
      if (auto af = read_affinity(r, at)) a.affinities.push_back(std::move(*af));
    }
  }
  auto meta = read_meta(r);
  r.finish("[[acts_on]]");
  if (r.failed() || !d || !t || !type) return;
  a.type = *type;
  r.b().add<rel::acts_on>(*d, *t, std::move(a), std::move(meta));
}

inline void read_member_of(reader& r) {
  auto d = r.ref<drug>("drug", true);
  auto c = r.ref<drug_class>("class", true);
  auto meta = read_meta(r);
  r.finish("[[member_of]]");
  if (r.failed() || !d || !c) return;
  if (r.b().get(*c).defined_by_rule())
    r.error(errc::unknown_reference, r.table().get("class")->source().begin,
            "a class whose members are stated (this class's members follow from its rule)",
            quote_value(r.b().get(*c).id));
  else
    r.b().add<rel::member_of>(*d, *c, std::move(meta));
}

inline void read_has_metabolite(reader& r) {
  auto d = r.ref<drug>("drug", true);
  auto m = r.ref<drug>("metabolite", true);
  metabolite_formation mf;
  mf.active = r.boolean("active");
  std::optional<target_id> by;
  if (r.table().get("formed_by")) by = r.ref<target>("formed_by", false);
  auto meta = read_meta(r);
  r.finish("[[has_metabolite]]");
  if (r.failed() || !d || !m || (r.table().get("formed_by") && !by)) return;
  if (*d == *m) {
    r.error(errc::unknown_reference, r.table().get("metabolite")->source().begin, "a metabolite other than the drug",
            quote_value(r.b().get(*m).id));
    return;
  }
  if (by) mf.formed_by = r.b().get(*by).id;
  r.b().add<rel::has_metabolite>(*d, *m, std::move(mf), std::move(meta));
}

inline void read_interaction(reader& r) {
  std::array<std::optional<any_node>, 2> ends;
  if (auto const* n = r.node("between", true, "an array of two drug or class ids")) {
    auto const* arr = n->as_array();
    if (!arr || arr->size() != 2)
      r.error(errc::wrong_type, n->source().begin, "'between' to be an array of two drug or class ids",
              arr ? detail::format("{} elements", arr->size()) : type_name(*n));
    else
      for (std::size_t i = 0; i < 2; ++i) ends[i] = r.drug_or_class_of(*arr->get(i));
  }
  stated_interaction si;
  auto sev = r.enumeration<interaction_severity>("severity", true);
  auto mgmt = r.enumeration<management>("management", true);
  si.direction = r.enumeration<direction>("direction").value_or(direction::increase);
  si.intended = r.boolean("intended").value_or(false);
  if (r.table().get("effect"))
    if (auto e = r.ref<effect>("effect", false)) si.effect = r.b().get(*e).id;
  if (r.table().get("exposure_of"))
    if (auto d = r.ref<drug>("exposure_of", false)) si.exposure_of = r.b().get(*d).id;
  si.advice = r.str("advice").value_or("");
  auto meta = read_meta(r);
  r.finish("[[interaction]]");
  if (r.failed() || !ends[0] || !ends[1] || !sev || !mgmt) return;
  if (*ends[0] == *ends[1]) {
    r.error(errc::unknown_reference, r.table().get("between")->source().begin, "two different ends", "the same twice");
    return;
  }
  si.severity = *sev;
  si.management = *mgmt;
  r.b().add<rel::interacts_with>(*ends[0], *ends[1], std::move(si), std::move(meta));
}

inline void read_related(reader& r) {
  auto from = r.any_ref("from");
  auto to = r.any_ref("to");
  auto label = r.str("label", true, "the relation's label");
  auto meta = read_meta(r);
  r.finish("[[related]]");
  if (r.failed() || !from || !to || !label) return;
  r.b().add<rel::related>(*from, *to, related_label{*label}, std::move(meta));
}
/// A table whose entity has only the fields every entity has (conditions).
template <class E>
void read_plain(reader& r, std::string_view key, std::string_view prefix) {
  E e;
  bool ok = read_base(r, e, prefix, false);
  r.finish(detail::format("[[{}]]", key));
  if (ok) add_entity(r, std::move(e));
}

/// Every entity table of every file, in the order references need: classes first (a drug's `classes` may name a
/// class of any file), then the plain entities, then targets (they name genes), then what names targets or drugs.
inline void declare_entities(std::vector<parsed> const& files, sink& s, builder& b, load_options const& opts) {
  for (auto const& f : files) each(f, "class", s, b, opts, read_class);
  for (auto const& f : files) {
    each(f, "drug", s, b, opts, read_drug);
    each(f, "gene", s, b, opts, read_gene);
    each(f, "effect", s, b, opts, read_effect);
    each(f, "condition", s, b, opts, [](reader& r) { read_plain<condition>(r, "condition", "condition:"); });
    each(f, "concept", s, b, opts, read_concept);
  }
  for (auto const& f : files) each(f, "target", s, b, opts, read_target);
  for (auto const& f : files) each(f, "class", s, b, opts, check_class_rule);
  for (auto const& f : files) {
    each(f, "variant", s, b, opts, read_variant);
    each(f, "regimen", s, b, opts, read_regimen);
    each(f, "warning", s, b, opts, read_warning);
  }
}

/// What a claim table's second end is: a declared entity of the relation's kind, or (pharmacokinetic claims) a
/// target that is an enzyme or a transporter.
enum class claim_end { entity, pk_target };

/// The claim table `[[key]]` of relation R in the shape most share: the two ends under `from_key` and `to_key`
/// (both required), the payload's described fields (model/relations.hpp) adjusted by `payload_rules`, the claim
/// keys every table has; the claim is added when nothing failed.
template <class R, claim_end To = claim_end::entity>
void read_claim(reader& r, std::string_view key, std::string_view from_key, std::string_view to_key,
                std::initializer_list<field_rule> payload_rules = {}) {
  auto from = r.ref<typename R::from>(from_key, true);
  auto to = [&] {
    if constexpr (To == claim_end::pk_target) return pk_target(r);
    else return r.ref<typename R::to>(to_key, true);
  }();
  using payload = typename R::payload;
  std::conditional_t<std::is_void_v<payload>, std::monostate, payload> p{};
  if constexpr (!std::is_void_v<payload>) read_fields(r, p, payload_rules);
  auto meta = read_meta(r);
  r.finish(detail::format("[[{}]]", key));
  if (r.failed() || !from || !to) return;  // a required payload field that is missing or wrong has failed `r`
  if constexpr (std::is_void_v<payload>) r.b().add<R>(*from, *to, std::move(meta));
  else r.b().add<R>(*from, *to, std::move(p), std::move(meta));
}

/// Every claim table of every file (every entity exists by now).
inline void build_claims(std::vector<parsed> const& files, sink& s, builder& b, load_options const& opts) {
  for (auto const& f : files) {
    each(f, "acts_on", s, b, opts, read_acts_on);
    each(f, "produces", s, b, opts, [](reader& r) { read_claim<rel::produces>(r, "produces", "drug", "effect"); });
    each(f, "blocks", s, b, opts, [](reader& r) { read_claim<rel::blocks>(r, "blocks", "drug", "effect"); });
    each(f, "reduces", s, b, opts, [](reader& r) { read_claim<rel::reduces>(r, "reduces", "drug", "effect"); });
    each(f, "mediated_by", s, b, opts, [](reader& r) { read_claim<rel::mediated_by>(r, "mediated_by", "effect", "target"); });
    each(f, "encoded_by", s, b, opts, [](reader& r) { read_claim<rel::encoded_by>(r, "encoded_by", "target", "gene"); });
    each(f, "indicated_for", s, b, opts,
         [](reader& r) { read_claim<rel::indicated_for>(r, "indicated_for", "drug", "condition"); });
    each(f, "modulates_response", s, b, opts, [](reader& r) {
      read_claim<rel::modulates_response>(r, "modulates_response", "variant", "drug", {{"finding", field_rule::required}});
    });
    each(f, "member_of", s, b, opts, read_member_of);
    each(f, "substrate_of", s, b, opts, [](reader& r) {
      read_claim<rel::substrate_of, claim_end::pk_target>(r, "substrate_of", "drug", "target",
                                                          {{"pathway", field_rule::required}});
    });
    each(f, "inhibits", s, b, opts, [](reader& r) {
      read_claim<rel::inhibits, claim_end::pk_target>(r, "inhibits", "drug", "target", {{"strength", field_rule::required}});
    });
    each(f, "induces", s, b, opts, [](reader& r) {
      read_claim<rel::induces, claim_end::pk_target>(r, "induces", "drug", "target", {{"strength", field_rule::required}});
    });
    each(f, "has_metabolite", s, b, opts, read_has_metabolite);
    each(f, "interaction", s, b, opts, read_interaction);
    each(f, "related", s, b, opts, read_related);
  }
}

/// The diagnostics in file order, then by position.
inline std::vector<diagnostic> sorted(std::vector<diagnostic> diags, std::span<document const> docs) {
  std::vector<std::string> order;
  for (auto const& d : docs) order.push_back(d.path);
  std::stable_sort(diags.begin(), diags.end(), [&](diagnostic const& a, diagnostic const& c) {
    auto ia = std::find(order.begin(), order.end(), a.region.file()) - order.begin();
    auto ic = std::find(order.begin(), order.end(), c.region.file()) - order.begin();
    if (ia != ic) return ia < ic;
    if (a.region.begin.line != c.region.begin.line) return a.region.begin.line < c.region.begin.line;
    return a.region.begin.column < c.region.begin.column;
  });
  return diags;
}

}  // namespace detail::load

PHARMAKON_FUNC load_result try_load(std::span<document const> docs, knowledge_base const* base,
                                    load_options const& opts) {
  using namespace detail::load;
  load_result result;
  sink s;
  auto files = read_documents(docs, opts, s);  // 1. bytes and TOML syntax
  if (!s.diags.empty()) {
    result.diagnostics = std::move(s.diags);
    return result;
  }
  builder b = base ? builder(*base) : builder();
  read_metadata(files, s, b, opts, base != nullptr);
  // 2. the sources of every file first: entities and claims of any file may cite them
  for (auto const& f : files) each(f, "source", s, b, opts, read_source);
  declare_entities(files, s, b, opts);  // 3.
  build_claims(files, s, b, opts);      // 4.
  if (!s.diags.empty()) {
    result.diagnostics = sorted(std::move(s.diags), docs);
    return result;
  }
  auto kb = b.build();
  // 5. the review layer: the base's, carried over, and the files' [[review]] tables and claim keys
  // (docs/kb-format.md#reviews)
  review_layer layer = base ? detail::reviews::carry_over(*base, kb) : review_layer{};
  detail::reviews::apply_kb_files(files, kb, layer, s, opts);
  if (!s.diags.empty()) {
    result.diagnostics = sorted(std::move(s.diags), docs);
    return result;
  }
  result.kb = layer.empty() ? std::move(kb) : kb.with_reviews(std::move(layer));
  return result;
}

namespace detail::load {
/// The files at `paths` as documents; each file that is missing, a directory, too large or unreadable adds a
/// diagnostic to `diags` instead (shared by the knowledge-base and the review-file loaders).
inline std::vector<document> read_files(std::span<std::filesystem::path const> paths, load_options const& opts,
                                            std::vector<diagnostic>& diags) {
  std::vector<document> docs;
  for (auto const& p : paths) {
    std::error_code ec;
    auto status = std::filesystem::status(p, ec);
    if (ec || !std::filesystem::exists(status)) {
      diags.push_back({errc::io, source_region::at(p.string()), "a readable file", "no such file"});
      continue;
    }
    if (std::filesystem::is_directory(status)) {
      diags.push_back({errc::io, source_region::at(p.string()), "a file", "a directory"});
      continue;
    }
    auto size = std::filesystem::file_size(p, ec);
    if (!ec && size > opts.max_file_bytes) {
      diags.push_back({errc::limit, source_region::at(p.string()), detail::format("a file of at most {} bytes", opts.max_file_bytes),
                                 detail::format("{} bytes", size)});
      continue;
    }
    std::ifstream in(p, std::ios::binary);
    if (!in) {
      diags.push_back({errc::io, source_region::at(p.string()), "a readable file", "a file that cannot be opened"});
      continue;
    }
    std::string text;
    bool read_failed = false;
    try {  // libstdc++'s filebuf throws on a read error (EIO) whatever the stream's exception mask
      text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
      read_failed = in.bad();
    } catch (std::exception const&) {
      read_failed = true;
    }
    if (read_failed) {
      diags.push_back({errc::io, source_region::at(p.string()), "a readable file", "a read error"});
      continue;
    }
    docs.push_back({p.string(), std::move(text)});
  }
  return docs;
}

/// `load(documents)` of the files at `paths`, or the diagnostics of the files that could not be read.
template <class Load>
load_result load_read_files(std::span<std::filesystem::path const> paths, load_options const& opts, Load&& load) {
  load_result bad;
  auto docs = read_files(paths, opts, bad.diagnostics);
  if (!bad.diagnostics.empty()) return bad;
  return load(std::span<document const>(docs));
}
}  // namespace detail::load

PHARMAKON_FUNC load_result try_load_files(std::span<std::filesystem::path const> paths, knowledge_base const* base,
                                          load_options const& opts) {
  return detail::load::load_read_files(paths, opts, [&](auto docs) { return try_load(docs, base, opts); });
}

}  // namespace pharmakon

#include "reviews-inl.hpp"  // after the loader: it shares detail::load
