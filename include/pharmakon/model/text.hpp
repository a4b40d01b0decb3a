#pragma once
/// \file text.hpp
/// Text helpers for names: UTF-8 validation and decoding, a case fold that covers Latin, Greek and Cyrillic
/// (so "μ", "Μ" and the micro sign "µ" match), and edit distance for "did you mean" suggestions.

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pharmakon::text {

/// Byte offset of the first invalid UTF-8 sequence (overlong, surrogate, > U+10FFFF, truncated), or npos.
inline std::size_t invalid_utf8_offset(std::string_view s) noexcept {
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    unsigned c = p[i];
    if (c < 0x80) { ++i; continue; }
    std::size_t len;
    std::uint32_t cp;
    if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
    else return i;
    if (i + len > n) return i;
    for (std::size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return i;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) || cp > 0x10FFFF ||
        (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += len;
  }
  return std::string_view::npos;
}

/// Decodes valid UTF-8 into code points; invalid bytes decode as U+FFFD, one per byte.
inline std::u32string decode(std::string_view s) {
  std::u32string out;
  out.reserve(s.size());
  auto const* p = reinterpret_cast<unsigned char const*>(s.data());
  std::size_t n = s.size(), i = 0;
  while (i < n) {
    std::size_t bad = invalid_utf8_offset(std::string_view(s.data() + i, std::min<std::size_t>(4, n - i)));
    unsigned c = p[i];
    std::size_t len = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (len == 0 || bad == 0 || i + len > n) { out.push_back(0xFFFD); ++i; continue; }
    std::uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (p[i + k] & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

inline void encode(char32_t cp, std::string& out) {
  if (cp < 0x80) out += char(cp);
  else if (cp < 0x800) { out += char(0xC0 | (cp >> 6)); out += char(0x80 | (cp & 0x3F)); }
  else if (cp < 0x10000) {
    out += char(0xE0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
  } else {
    out += char(0xF0 | (cp >> 18)); out += char(0x80 | ((cp >> 12) & 0x3F));
    out += char(0x80 | ((cp >> 6) & 0x3F)); out += char(0x80 | (cp & 0x3F));
  }
}

/// Simple case fold of one code point (Latin-1, Latin Extended-A, Greek, Cyrillic), plus the micro sign
/// folded to Greek mu and final sigma to sigma.
constexpr char32_t fold(char32_t c) noexcept {
  if (c < 0x80) return (c >= 'A' && c <= 'Z') ? c + 32 : c;
  if (c == 0xB5) return 0x3BC;                                   // micro sign -> mu
  if (c >= 0xC0 && c <= 0xDE && c != 0xD7) return c + 32;        // Latin-1 capitals
  if (c >= 0x100 && c <= 0x17F) {                                // Latin Extended-A: pairs
    bool odd_upper = (c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E);
    if (odd_upper) return (c % 2 == 1) ? c + 1 : c;
    if (c == 0x130 || c == 0x131 || c == 0x138 || c == 0x149 || c == 0x17F) return c;
    return (c % 2 == 0) ? c + 1 : c;
  }
  if (c == 0x386) return 0x3AC;
  if (c >= 0x388 && c <= 0x38A) return c + 37;
  if (c == 0x38C) return 0x3CC;
  if (c == 0x38E || c == 0x38F) return c + 63;
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 32;     // Greek capitals
  if (c == 0x3C2) return 0x3C3;                                   // final sigma
  if (c >= 0x410 && c <= 0x42F) return c + 32;                    // Cyrillic
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  return c;
}

/// The lookup key of a name: case-folded, with runs of spaces, hyphens and underscores folded to one space,
/// trimmed. "Mu-Opioid  Receptor" and "mu opioid receptor" have the same key.
inline std::string fold_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool pending_space = false;
  for (char32_t c : decode(s)) {
    if (c == ' ' || c == '-' || c == '_' || c == '\t' || c == 0x2010 || c == 0x2011 || c == 0x2013 || c == 0xA0) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) { out += ' '; pending_space = false; }
    encode(fold(c), out);
  }
  return out;
}

/// Levenshtein distance in code points, with an early exit above `limit` (returns limit + 1).
inline std::size_t edit_distance(std::u32string_view a, std::u32string_view b, std::size_t limit) {
  if (a.size() > b.size()) std::swap(a, b);
  if (b.size() - a.size() > limit) return limit + 1;
  std::vector<std::size_t> row(a.size() + 1);
  for (std::size_t i = 0; i <= a.size(); ++i) row[i] = i;
  for (std::size_t j = 1; j <= b.size(); ++j) {
    std::size_t prev = row[0], best = row[0] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t cur = row[i];
      row[i] = std::min({row[i] + 1, row[i - 1] + 1, prev + (a[i - 1] == b[j - 1] ? 0 : 1)});
      prev = cur;
      best = std::min(best, row[i]);
    }
    if (best > limit) return limit + 1;
  }
  return row[a.size()];
}

}  // namespace pharmakon::text
