// The delimited tables of the CSV importers (GtoPdb, ChEMBL, DrugCentral; io layer, internal): RFC 4180 style
// records with a choice of delimiter (',' for CSV, '\t' for DrugCentral's quoted TSV) that remember the line and
// column each field starts at, so a diagnostic points at the field itself rather than at the start of the row; the
// header; and the checks every row passes, in one place.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/records.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "driver.hpp"
#include "line_reader.hpp"
#include "sink.hpp"
#include "text.hpp"
#include "../../../detail/format.hpp"

namespace pharmakon::detail::import {

/// Reads records of `delim`-separated fields. A field that starts with '"' is quoted: up to the closing '"' it may
/// hold the delimiter, line ends and doubled quotes (""), which stand for one quote. Anything else is taken as it is.
class record_reader {
 public:
  record_reader(line_reader& in, sink& diags, char delim, std::size_t max_record_bytes)
      : in_(in), diags_(diags), delim_(delim), max_(max_record_bytes) {}

  /// The next record's fields, unquoted; false at the end of the input or on an error that stops reading (an
  /// unclosed quote, an over-long record; reported to the sink, and `failed()` is then true).
  bool next(std::vector<std::string>& fields) {
    fields.clear();
    starts_.clear();
    stray_.reset();
    std::string_view line;
    if (!in_.next(line)) return false;
    first_line_ = in_.line_number();
    std::uint64_t line_no = first_line_;
    std::size_t bytes = line.size();
    std::string field;
    bool quoted = false;
    std::uint64_t open_line = 0, open_column = 0;
    std::size_t i = 0;
    bool at_start = true;  // at the first character of a field
    while (true) {
      if (at_start) starts_.push_back({line_no, i + 1});
      if (i >= line.size()) {
        if (quoted) {  // a line end inside quotes is part of the field
          field += '\n';
          if (!in_.next(line)) {
            if (!in_.failed())
              report(errc::syntax, open_line, open_column, "a closing quote for the field that starts here",
                     "the end of the file");
            failed_ = true;
            return false;
          }
          line_no = in_.line_number();
          bytes += line.size() + 1;
          if (bytes > max_) {
            report(errc::limit, open_line, open_column, detail::format("a record of at most {} bytes", max_),
                   "a longer quoted field (is a closing quote missing?)");
            failed_ = true;
            return false;
          }
          i = 0;
          at_start = false;
          continue;
        }
        fields.push_back(std::move(field));
        return true;
      }
      char c = line[i];
      if (at_start) {
        at_start = false;
        if (c == '"') {
          quoted = true;
          open_line = line_no;
          open_column = i + 1;
          ++i;
          continue;
        }
      }
      ++i;
      if (quoted) {
        if (c != '"') {
          field += c;
        } else if (i < line.size() && line[i] == '"') {
          field += '"';
          ++i;
        } else {  // the closing quote: a delimiter or the line end must follow
          quoted = false;
          if (i < line.size() && line[i] != delim_ && !stray_) stray_ = position{line_no, i + 1};
        }
      } else if (c == delim_) {
        fields.push_back(std::move(field));
        field.clear();
        at_start = true;
      } else {
        field += c;
      }
    }
  }

  struct position {
    std::uint64_t line = 0, column = 0;
  };
  /// The line the last record started on.
  std::uint64_t line() const noexcept { return first_line_; }
  /// Where field `i` of the last record starts (its opening quote, if quoted); past the end: the record's start.
  position at(std::size_t i) const noexcept { return i < starts_.size() ? starts_[i] : position{first_line_, 1}; }
  /// Text between a closing quote and the next delimiter in the last record (e.g. `"a"b`), if any: where it is.
  std::optional<position> stray() const noexcept { return stray_; }
  bool failed() const noexcept { return failed_ || in_.failed(); }
  char delimiter() const noexcept { return delim_; }

 private:
  void report(errc code, std::uint64_t line, std::uint64_t column, std::string expected, std::string found) {
    diags_.add(code, in_.name(), line, column, std::move(expected), std::move(found));
  }
  line_reader& in_;
  sink& diags_;
  char delim_;
  std::size_t max_;
  std::uint64_t first_line_ = 0;
  std::vector<position> starts_;
  std::optional<position> stray_;
  bool failed_ = false;
};

/// A header row, as column name -> index (the first column of a name, if two have it).
struct header_columns {
  std::vector<std::string> names;
  std::unordered_map<std::string, std::size_t> index;
  header_columns() = default;
  explicit header_columns(std::vector<std::string> h) : names(std::move(h)) {
    for (std::size_t i = 0; i < names.size(); ++i) index.emplace(names[i], i);
  }
  std::optional<std::size_t> operator[](std::string_view name) const {
    auto it = index.find(std::string(name));
    if (it == index.end()) return std::nullopt;
    return it->second;
  }
  bool has(std::string_view name) const { return (*this)[name].has_value(); }
};

/// Field `c` of a row, or "" when the header has no such column.
inline std::string const& field_or_empty(std::vector<std::string> const& f, std::optional<std::size_t> c) {
  static std::string const none;
  return c && *c < f.size() ? f[*c] : none;
}

/// One delimited table being read: its lines, its records, its header, and the checks every row passes.
class table_reader {
 public:
  table_reader(driver& d, std::filesystem::path const& path, char delim)
      : d_(d), in_(d.open(path)), rec_(*in_, d.diags, delim, d.opts.max_line_bytes) {}
  table_reader(table_reader const&) = delete;
  table_reader& operator=(table_reader const&) = delete;

  /// Reads the header (a UTF-8 byte-order mark dropped; names upper-cased with `upper_case`). False if there is
  /// none: the file cannot be read, or it is empty (`what`: the header expected). A first line of one field that
  /// starts with '#' (GtoPdb's "# GtoPdb Version: 2020.5 - published: ...") is kept as `preamble()`, and the header
  /// is the next line.
  bool read_header(std::string_view what, bool upper_case = false) {
    std::vector<std::string> h;
    if (in_->failed() || !rec_.next(h)) {
      if (!rec_.failed()) d_.no_header(*in_, what);
      return false;
    }
    if (!h.empty() && h[0].size() >= 3 && h[0].compare(0, 3, "\xEF\xBB\xBF") == 0) h[0].erase(0, 3);
    if (h.size() == 1 && !h[0].empty() && h[0][0] == '#') {
      preamble_ = std::move(h[0]);
      if (!rec_.next(h)) {
        if (!rec_.failed()) d_.no_header(*in_, what);
        return false;
      }
    }
    if (upper_case)
      for (auto& name : h)
        std::transform(name.begin(), name.end(), name.begin(),
                       [](char ch) { return char(std::toupper(static_cast<unsigned char>(ch))); });
    header_ = header_columns(std::move(h));
    return true;
  }
  header_columns const& header() const noexcept { return header_; }
  /// The comment line before the header, if the table has one (else empty).
  std::string const& preamble() const noexcept { return preamble_; }
  line_reader& lines() noexcept { return *in_; }
  std::string const& name() const noexcept { return in_->name(); }
  /// No problem reported in the current row.
  bool row_ok() const noexcept { return row_ok_; }
  /// The line the current row starts on.
  std::uint64_t line() const noexcept { return rec_.line(); }
  /// The table could not be read to its end (reported).
  bool failed() const noexcept { return rec_.failed(); }

  /// False (reported at the header) if a column of `required` is missing.
  bool require(std::initializer_list<std::string_view> required) {
    for (auto n : required)
      if (!header_.has(n)) {
        d_.diags.add(errc::missing_field, name(), 1, 1, detail::format("a column '{}' in the header", n), "none");
        return false;
      }
    return true;
  }

  /// The next row that passes the checks every row passes: a blank line is skipped; text after a closing quote,
  /// another number of columns than the header has, or a field that is not UTF-8 is reported and its row skipped.
  /// False at the end of the table, when it cannot be read further, when the diagnostics are full, or when the
  /// import is cancelled (`phase` names what is read, for the progress callback).
  bool next(std::vector<std::string>& f, std::string_view phase) {
    while (!d_.diags.full() && rec_.next(f)) {
      row_ok_ = true;
      if (!d_.gate.tick(phase, in_.get())) return false;
      if (f.size() == 1 && f[0].empty()) continue;
      char const* delim = rec_.delimiter() == '\t' ? "tab" : "comma";
      if (auto s = rec_.stray()) {
        d_.diags.add(errc::syntax, name(), s->line, s->column,
                     detail::format("a {} or the line end after a closing quote", delim), "more text");
      } else if (f.size() != header_.names.size()) {
        d_.diags.add(errc::syntax, name(), rec_.line(), 1, detail::format("{} {}-separated columns", header_.names.size(), delim),
                     detail::format("{}", f.size()));
      } else if (auto bad = bad_utf8(f)) {
        error(errc::encoding, *bad, detail::format("UTF-8 text in '{}'", header_.names[*bad]), "invalid UTF-8");
      } else {
        return true;
      }
    }
    return false;
  }

  /// Reports a problem with field `field` of the current row, where the field starts: the row's first problem
  /// only (one diagnostic a row).
  void error(errc code, std::size_t field, std::string expected, std::string found) {
    if (!row_ok_) return;
    row_ok_ = false;
    auto p = rec_.at(field);
    d_.diags.add(code, name(), p.line, p.column, std::move(expected), std::move(found));
  }

 private:
  driver& d_;
  std::unique_ptr<line_reader> in_;
  record_reader rec_;
  header_columns header_;
  std::string preamble_;
  bool row_ok_ = true;
};

/// A table of a multi-table import (GtoPdb, ChEMBL) and what its header says it is.
template <class Kind>
struct classified_table {
  std::unique_ptr<table_reader> t;
  Kind kind;
};

/// Opens every file as a comma-separated table, reads its header and tells what it is with `classify` (which
/// returns `unknown` for a header it does not know: reported, `expected` naming the headers it knows). Nullopt if a
/// file cannot be read or is not known.
template <class Kind, class Classify>
std::optional<std::vector<classified_table<Kind>>> open_tables(driver& d, std::span<std::filesystem::path const> files,
                                                               Classify&& classify, Kind unknown,
                                                               std::string_view expected) {
  std::vector<classified_table<Kind>> tables;
  for (auto const& f : files) {
    classified_table<Kind> o{std::make_unique<table_reader>(d, f, ','), unknown};
    if (!o.t->read_header("a CSV header line")) return std::nullopt;
    o.kind = classify(o.t->header());
    if (o.kind == unknown) {
      auto const& names = o.t->header().names;
      d.diags.add(errc::syntax, o.t->name(), 1, 1, std::string(expected),
                  quote_value(names.empty() ? std::string() : names[0]));
      return std::nullopt;
    }
    d.files.push_back(o.t->name());
    tables.push_back(std::move(o));
  }
  return tables;
}

}  // namespace pharmakon::detail::import
