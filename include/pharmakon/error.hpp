#pragma once
/// \file error.hpp
/// The error family. Bad input (a file, a name, a unit) is reported with a stable code, a position and
/// "expected …, found …"; broken invariants inside the library are assertions, not exceptions.

#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <fmt/format.h>

#include "config.hpp"
#include "model/source_region.hpp"
#include "detail/format.hpp"

namespace pharmakon {

/// Stable error codes; the numbers never change meaning (documented in docs/errors.md).
enum class errc : std::uint16_t {
  io = 1,                 ///< a file could not be read or written
  syntax = 2,             ///< the file is not valid TOML (or CSV/TSV for importers)
  encoding = 3,           ///< invalid UTF-8, NUL byte
  unexpected_key = 4,     ///< a key the format does not define
  missing_field = 5,      ///< a required field is absent
  wrong_type = 6,         ///< a field has the wrong TOML type
  unknown_enum = 7,       ///< a value outside a closed vocabulary
  bad_id = 8,             ///< an id without the right prefix or with bad characters
  duplicate_id = 9,       ///< an id declared twice
  unknown_reference = 10, ///< a reference to an id that is not declared
  bad_quantity = 11,      ///< a number or unit that does not parse
  wrong_dimension = 12,   ///< a unit of the wrong dimension (a volume where a time is expected)
  out_of_range = 13,      ///< a number outside its domain (efficacy > 1, dose <= 0, NaN)
  missing_source = 14,    ///< a claim or entity with no source
  no_identifier = 15,     ///< a source with no resolvable identifier
  bad_identifier = 16,    ///< a malformed identifier (PMID not digits, DOI not 10.x/...)
  limit = 17,             ///< input beyond a documented limit (file size, string length, nesting)
  unknown_name = 18,      ///< a lookup of a name nothing has
  invalid_graph = 19,     ///< a builder was given an inconsistent graph (a dangling handle)
  corrupt = 20,           ///< a snapshot or import that is truncated or fails its checksum
  unreadable_question = 21, ///< a question in plain words that `ask` could not read
};

constexpr std::string_view errc_name(errc e) noexcept {
  switch (e) {
    case errc::io: return "io";
    case errc::syntax: return "syntax";
    case errc::encoding: return "encoding";
    case errc::unexpected_key: return "unexpected_key";
    case errc::missing_field: return "missing_field";
    case errc::wrong_type: return "wrong_type";
    case errc::unknown_enum: return "unknown_enum";
    case errc::bad_id: return "bad_id";
    case errc::duplicate_id: return "duplicate_id";
    case errc::unknown_reference: return "unknown_reference";
    case errc::bad_quantity: return "bad_quantity";
    case errc::wrong_dimension: return "wrong_dimension";
    case errc::out_of_range: return "out_of_range";
    case errc::missing_source: return "missing_source";
    case errc::no_identifier: return "no_identifier";
    case errc::bad_identifier: return "bad_identifier";
    case errc::limit: return "limit";
    case errc::unknown_name: return "unknown_name";
    case errc::invalid_graph: return "invalid_graph";
    case errc::corrupt: return "corrupt";
    case errc::unreadable_question: return "unreadable_question";
  }
  return "?";
}

/// One problem found in input: what was expected and what was found, and where (`region`: the file and the 1-based
/// line and column of the offending part; 0 where unknown, e.g. a quantity's column within its own text).
struct diagnostic {
  errc code = errc::syntax;
  source_region region;
  std::string expected;
  std::string found;

  /// `file:line:column: error: expected …, found …` (`file: error: …` when the line is unknown; without a file,
  /// `line:column: error: …` or `error: …`).
  std::string to_string() const {
    auto const& p = region.begin;
    if (region.known()) {
      if (p.line == 0) return detail::format("{}: error: expected {}, found {}", region.file(), expected, found);
      return detail::format("{}:{}:{}: error: expected {}, found {}", region.file(), p.line, p.column, expected, found);
    }
    if (p.line == 0) return detail::format("error: expected {}, found {}", expected, found);
    return detail::format("{}:{}: error: expected {}, found {}", p.line, p.column, expected, found);
  }
};

/// Base of every exception pharmakon throws.
class PHARMAKON_API error : public std::runtime_error {
 public:
  error(errc code, std::string const& what) : std::runtime_error(what), code_(code) {}
  errc code() const noexcept { return code_; }

 private:
  errc code_;
};

/// A load (file, string, import) failed; `diagnostics()` has every problem found, in file order.
class PHARMAKON_API load_error : public error {
 public:
  explicit load_error(std::vector<diagnostic> diags)
      : error(diags.empty() ? errc::syntax : diags.front().code, join(diags)), diags_(std::move(diags)) {}
  std::vector<diagnostic> const& diagnostics() const noexcept { return diags_; }

 private:
  static std::string join(std::vector<diagnostic> const& d) {
    std::string out;
    for (auto const& x : d) {
      if (!out.empty()) out += '\n';
      out += x.to_string();
    }
    return out;
  }
  std::vector<diagnostic> diags_;
};

/// A name or id that nothing in the knowledge base has; `suggestions()` are the closest known names.
class PHARMAKON_API lookup_error : public error {
 public:
  lookup_error(std::string what, std::string name, std::vector<std::string> suggestions)
      : error(errc::unknown_name, std::move(what)), name_(std::move(name)), suggestions_(std::move(suggestions)) {}
  std::string const& name() const noexcept { return name_; }
  std::vector<std::string> const& suggestions() const noexcept { return suggestions_; }

 private:
  std::string name_;
  std::vector<std::string> suggestions_;
};

/// Invalid use of the API with bad values (a dose of the wrong dimension given to a dose check, a
/// builder handle that does not exist).
class PHARMAKON_API usage_error : public error {
 public:
  using error::error;
};

namespace detail {
/// Where a `result<T>` keeps its value. Specialised for a result type that had its value under another name before
/// results were one template (`load_result::kb`, in io/kb_file/loader.hpp), so that name still works.
template <class T>
struct result_storage {
 protected:
  std::optional<T>& stored() noexcept { return value_; }
  std::optional<T> const& stored() const noexcept { return value_; }

 private:
  std::optional<T> value_;
};
}  // namespace detail

/// The outcome of anything that can fail on its input: a value, or the diagnostics that prevented it (toml++'s
/// `parse_result`, `std::expected` in spirit). Converts to true when it holds a value; `*r` and `r->` reach it,
/// `value_or_throw()` takes it or throws `load_error` with every diagnostic. A result converts to `std::optional<T>`
/// (dropping the diagnostics), so code that kept an optional keeps working.
template <class T>
class result : public detail::result_storage<T> {
  using storage = detail::result_storage<T>;

 public:
  using value_type = T;

  /// Every problem found, in input order; empty when the result holds a value.
  std::vector<diagnostic> diagnostics;

  /// No value and no diagnostics (to be assigned to).
  result() = default;
  result(T value) { storage::stored().emplace(std::move(value)); }  // NOLINT(google-explicit-constructor)
  result(std::vector<diagnostic> diags) : diagnostics(std::move(diags)) {}  // NOLINT(google-explicit-constructor)
  result(diagnostic d) { diagnostics.push_back(std::move(d)); }  // NOLINT(google-explicit-constructor)

  bool has_value() const noexcept { return storage::stored().has_value(); }
  explicit operator bool() const noexcept { return has_value(); }

  T& operator*() & noexcept { return *storage::stored(); }
  T const& operator*() const& noexcept { return *storage::stored(); }
  T&& operator*() && noexcept { return std::move(*storage::stored()); }
  T* operator->() noexcept { return &*storage::stored(); }
  T const* operator->() const noexcept { return &*storage::stored(); }

  /// The value; throws `load_error` with the diagnostics if there is none.
  T& value() & { return check(), *storage::stored(); }
  T const& value() const& { return check(), *storage::stored(); }
  /// Takes the value out; throws `load_error` with the diagnostics if there is none.
  T value_or_throw() && { return check(), std::move(*storage::stored()); }
  /// The value, or `fallback` if there is none.
  template <class U>
  T value_or(U&& fallback) const& { return has_value() ? **this : static_cast<T>(std::forward<U>(fallback)); }

  operator std::optional<T>() const& { return storage::stored(); }  // NOLINT(google-explicit-constructor)
  operator std::optional<T>() && { return std::move(storage::stored()); }  // NOLINT(google-explicit-constructor)

  friend bool operator==(result const& r, T const& v) { return r.has_value() && *r == v; }

 private:
  void check() const;
};

/// `result<void>`: success, or the diagnostics of a failure (a check such as `valid_identifier`).
template <>
class result<void> {
 public:
  using value_type = void;
  std::vector<diagnostic> diagnostics;  ///< why it failed; empty on success

  result() = default;  ///< success
  result(std::vector<diagnostic> diags) : diagnostics(std::move(diags)), failed_(true) {}  // NOLINT
  result(diagnostic d) : failed_(true) { diagnostics.push_back(std::move(d)); }  // NOLINT

  bool has_value() const noexcept { return !failed_; }
  explicit operator bool() const noexcept { return !failed_; }
  /// Throws `load_error` with the diagnostics on failure.
  void value_or_throw() const;

 private:
  bool failed_ = false;
};

template <class T>
void result<T>::check() const {
  if (!has_value()) throw load_error(diagnostics);
}
inline void result<void>::value_or_throw() const {
  if (failed_) throw load_error(diagnostics);
}

}  // namespace pharmakon
