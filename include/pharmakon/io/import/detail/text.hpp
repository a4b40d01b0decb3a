// The importers' field helpers (io layer, internal): what an id or a name may hold, ids made from text, lists
// inside a field, numbers.
#pragma once
#ifndef PHARMAKON_INCLUDE_IMPL
#  error "detail/text.hpp is part of the importers' out-of-line definitions; include <pharmakon/pharmakon.hpp>"
#endif
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "../../../graph/builder.hpp"
#include "../../../model/text.hpp"
#include "../../../detail/format.hpp"

namespace pharmakon::detail::import {

/// True for ids made of printable ASCII without spaces (what every importer accepts as an id).
inline bool plain_id(std::string_view s) {
  if (s.empty() || s.size() > 256) return false;
  for (char c : s)
    if (c <= ' ' || c >= 0x7F) return false;
  return true;
}

/// True if `s` is valid UTF-8 without control characters (names, labels).
inline bool clean_text(std::string_view s) {
  if (text::invalid_utf8_offset(s) != std::string_view::npos) return false;
  for (char c : s)
    if (static_cast<unsigned char>(c) < 0x20) return false;
  return true;
}

/// The index of the first field that is not valid UTF-8, if any.
inline std::optional<std::size_t> bad_utf8(std::vector<std::string> const& f) {
  for (std::size_t i = 0; i < f.size(); ++i)
    if (text::invalid_utf8_offset(f[i]) != std::string_view::npos) return i;
  return std::nullopt;
}

/// A finite number written as the whole of `s` (nullopt for anything else, empty text included).
inline std::optional<double> parse_number(std::string_view s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc{} || p != s.data() + s.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

/// The items of a `|`-separated list, spaces around them trimmed, empty ones dropped (GtoPdb, DrugCentral).
inline std::vector<std::string> split_pipes(std::string_view s) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    auto bar = s.find('|', start);
    auto part = s.substr(start, bar == std::string_view::npos ? std::string_view::npos : bar - start);
    while (!part.empty() && part.front() == ' ') part.remove_prefix(1);
    while (!part.empty() && part.back() == ' ') part.remove_suffix(1);
    if (!part.empty()) out.emplace_back(part);
    if (bar == std::string_view::npos) break;
    start = bar + 1;
  }
  return out;
}

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
    if (auto candidate = detail::format("{}:{}", id, n); !b.find_id(candidate)) return candidate;
}

/// A short, stable hexadecimal digest of `s` (64-bit FNV-1a), for ids made from long or arbitrary text.
inline std::string short_digest(std::string_view s) {
  std::uint64_t h = 14695981039346656037ull;
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 1099511628211ull;
  }
  return detail::format("{:016x}", h);
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

/// The items of a note joined with "; ".
inline std::string joined(std::vector<std::string> const& items, std::size_t from = 0) {
  std::string out;
  for (std::size_t i = from; i < items.size(); ++i) out += (out.empty() ? "" : "; ") + items[i];
  return out;
}

}  // namespace pharmakon::detail::import
