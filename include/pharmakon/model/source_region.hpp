#pragma once
/// \file source_region.hpp
/// Positions in input text, in one type for everything that has one: an entity or claim (where it was declared), a
/// diagnostic (where the problem is), a quantity that did not parse (the column of the offending part). Shaped as
/// toml++'s `source_region`: 1-based lines and columns (columns count bytes), 0 meaning unknown.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include <fmt/format.h>
#include "../detail/format.hpp"

namespace pharmakon {

/// A line and column, 1-based; 0 means unknown.
struct source_position {
  std::uint32_t line = 0;
  std::uint32_t column = 0;

  /// True if the line is known.
  explicit operator bool() const noexcept { return line != 0; }
  friend bool operator==(source_position const&, source_position const&) = default;
};

/// Where something is in a file: its first and last positions and the file's path (shared, as many regions name
/// one file). `end` is unknown (0) where only the start was recorded.
struct source_region {
  source_position begin;
  source_position end;
  std::shared_ptr<const std::string> path;

  /// A region in the file `path` (its own copy of the name) starting at `line`:`column`.
  static source_region at(std::string path, std::uint32_t line = 0, std::uint32_t column = 0) {
    return {{line, column}, {}, std::make_shared<const std::string>(std::move(path))};
  }
  /// A region in the file `path` starting at `p`.
  static source_region at(std::shared_ptr<const std::string> path, source_position p) { return {p, {}, std::move(path)}; }

  /// True if the file is known.
  bool known() const noexcept { return path != nullptr; }
  /// The file's path, or "" if unknown.
  std::string_view file() const noexcept { return path ? std::string_view(*path) : std::string_view(); }
  /// `path:line:column`, or "<unknown>".
  std::string to_string() const {
    if (!path) return "<unknown>";
    return detail::format("{}:{}:{}", *path, begin.line, begin.column);
  }
};

}  // namespace pharmakon
