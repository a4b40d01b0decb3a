// The delimited-record reader of the CSV importers (GtoPdb, ChEMBL, DrugCentral; io layer): RFC 4180 style quoting
// with a choice of delimiter (',' for CSV, '\t' for DrugCentral's quoted TSV), which remembers the line and column
// each field starts at, so a diagnostic points at the field itself rather than at the start of the row.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/records.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "../../../graph/builder.hpp"
#include "../common.hpp"

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
            report(errc::limit, open_line, open_column, fmt::format("a record of at most {} bytes", max_),
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

/// A header row, as column name -> index.
struct header_columns {
  std::vector<std::string> names;
  explicit header_columns(std::vector<std::string> h) : names(std::move(h)) {}
  std::optional<std::size_t> operator[](std::string_view name) const {
    for (std::size_t i = 0; i < names.size(); ++i)
      if (names[i] == name) return i;
    return std::nullopt;
  }
  bool has(std::string_view name) const { return (*this)[name].has_value(); }
};

/// Makes `s` usable inside an entity or source id: characters the loader does not accept in ids become '_'.
inline std::string id_safe(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
              c == '.' || c == ':' || c == '/' || c == '(' || c == ')';
    out += ok ? c : '_';
  }
  return out;
}

/// `id` if no entity of the builder has it yet, else `id:2`, `id:3`, ... (an id the base already uses for another
/// entity, or two keys that make the same id once made id-safe).
inline std::string unused_id(builder const& b, std::string id) {
  if (!b.find_id(id)) return id;
  for (std::size_t n = 2;; ++n)
    if (auto candidate = fmt::format("{}:{}", id, n); !b.find_id(candidate)) return candidate;
}

/// A short, stable hexadecimal digest of `s` (64-bit FNV-1a), for ids made from long or arbitrary text.
inline std::string short_digest(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return fmt::format("{:016x}", h);
}

/// Line ends and tabs inside a field (quoted multi-line comments) as single spaces, for notes and names.
inline std::string one_line(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    bool space = c == '\n' || c == '\r' || c == '\t';
    if (space) {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

}  // namespace pharmakon::detail::import
