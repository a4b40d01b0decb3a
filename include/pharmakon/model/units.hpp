#pragma once
/// \file units.hpp
/// A small typed quantity model: doses (mass or volume), intervals (time) and affinities (molar
/// concentration). Conversion is only between units of one dimension; anything else is an error, never a guess.

#include <array>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>

#include <fmt/format.h>

#include "../error.hpp"
#include "../detail/format.hpp"

namespace pharmakon {

enum class dimension : std::uint8_t { mass, volume, time, concentration };

// appended only (snapshots store a unit as its number): `y` came after `M`
enum class unit : std::uint8_t { ng, ug, mg, g, kg, uL, mL, L, s, min, h, d, wk, mo, pM, nM, uM, mM, M, y };

struct unit_info {
  unit u;
  dimension dim;
  double to_base;          ///< factor to the dimension's base unit (mg, mL, h, nM)
  std::string_view symbol; ///< canonical symbol, printed in answers
};

inline constexpr std::array<unit_info, 20> unit_table{{
    {unit::ng, dimension::mass, 1e-6, "ng"},
    {unit::ug, dimension::mass, 1e-3, "µg"},
    {unit::mg, dimension::mass, 1.0, "mg"},
    {unit::g, dimension::mass, 1e3, "g"},
    {unit::kg, dimension::mass, 1e6, "kg"},
    {unit::uL, dimension::volume, 1e-3, "µL"},
    {unit::mL, dimension::volume, 1.0, "mL"},
    {unit::L, dimension::volume, 1e3, "L"},
    {unit::s, dimension::time, 1.0 / 3600.0, "s"},
    {unit::min, dimension::time, 1.0 / 60.0, "min"},
    {unit::h, dimension::time, 1.0, "h"},
    {unit::d, dimension::time, 24.0, "d"},
    {unit::wk, dimension::time, 168.0, "wk"},
    {unit::mo, dimension::time, 30.4375 * 24.0, "mo"},  // a mean Gregorian month; labels say "4 weeks or once a month"
    {unit::pM, dimension::concentration, 1e-3, "pM"},
    {unit::nM, dimension::concentration, 1.0, "nM"},
    {unit::uM, dimension::concentration, 1e3, "µM"},
    {unit::mM, dimension::concentration, 1e6, "mM"},
    {unit::M, dimension::concentration, 1e9, "M"},
    {unit::y, dimension::time, 365.25 * 24.0, "y"},  // a mean Julian year: ages ("12 y"), not intervals
}};

constexpr unit_info const& info(unit u) noexcept { return unit_table[static_cast<std::size_t>(u)]; }
constexpr std::string_view to_string(dimension d) noexcept {
  switch (d) {
    case dimension::mass: return "mass";
    case dimension::volume: return "volume";
    case dimension::time: return "time";
    case dimension::concentration: return "concentration";
  }
  return "?";
}

/// Accepted spellings (case-sensitive: `M` is molar, `m` is nothing; `mL` and `ml` both accepted).
constexpr std::optional<unit> parse_unit(std::string_view s) noexcept {
  constexpr std::array<std::pair<std::string_view, unit>, 45> m{{
      {"ng", unit::ng},     {"µg", unit::ug},      {"μg", unit::ug},    {"ug", unit::ug},     {"mcg", unit::ug},
      {"mg", unit::mg},     {"g", unit::g},        {"kg", unit::kg},    {"µL", unit::uL},     {"μL", unit::uL},
      {"uL", unit::uL},     {"mL", unit::mL},      {"ml", unit::mL},    {"L", unit::L},       {"s", unit::s},
      {"min", unit::min},   {"h", unit::h},        {"hr", unit::h},     {"hour", unit::h},    {"hours", unit::h},
      {"d", unit::d},       {"day", unit::d},      {"days", unit::d},   {"wk", unit::wk},     {"week", unit::wk},
      {"weeks", unit::wk},  {"mo", unit::mo},      {"month", unit::mo}, {"months", unit::mo}, {"pM", unit::pM},
      {"nM", unit::nM},     {"µM", unit::uM},      {"μM", unit::uM},    {"uM", unit::uM},     {"mM", unit::mM},
      {"M", unit::M},       {"sec", unit::s},      {"w", unit::wk},     {"l", unit::L},       {"hrs", unit::h},
      {"y", unit::y},       {"yr", unit::y},       {"yrs", unit::y},    {"year", unit::y},    {"years", unit::y},
  }};
  for (auto const& [k, v] : m)
    if (k == s) return v;
  return std::nullopt;
}

/// A finite, non-negative value with a unit.
class quantity {
 public:
  constexpr quantity() = default;
  constexpr quantity(double value, unit u) noexcept : value_(value), unit_(u) {}

  constexpr double value() const noexcept { return value_; }
  constexpr unit unit_of() const noexcept { return unit_; }
  constexpr dimension dim() const noexcept { return info(unit_).dim; }
  /// The value in the dimension's base unit (mg, mL, h, nM).
  constexpr double base_value() const noexcept { return value_ * info(unit_).to_base; }
  /// Converts to `u`; nullopt when the dimensions differ.
  constexpr std::optional<quantity> to(unit u) const noexcept {
    if (info(u).dim != dim()) return std::nullopt;
    return quantity{base_value() / info(u).to_base, u};
  }
  friend constexpr bool operator==(quantity const&, quantity const&) = default;

 private:
  double value_ = 0.0;
  unit unit_ = unit::mg;
};

/// The range of a parsed quantity in its dimension's base unit (mg, mL, h, nM): wide enough for any dose,
/// interval or affinity, narrow enough that every conversion within the dimension is finite and positive.
inline constexpr double quantity_min_base = 1e-12;
inline constexpr double quantity_max_base = 1e12;

/// Parses "50 mg", "380mg", "24 h", "0.5 nM", "4 weeks". The number must be finite and > 0, and within
/// [quantity_min_base, quantity_max_base] once converted to the dimension's base unit. A failure is one
/// `errc::bad_quantity` diagnostic whose region has no file, line 1 and the 1-based column (byte) in `text` where
/// the offending part starts.
inline result<quantity> parse_quantity(std::string_view text) {
  auto fail = [&](std::size_t off, std::string expected, std::string_view found) -> result<quantity> {
    // what was found is echoed in messages: cut it, so a megabyte of digits gives a short message
    std::string f(found.empty() ? std::string_view("end of text") : found.substr(0, 40));
    if (found.size() > 40) f += "...";
    return diagnostic{errc::bad_quantity, {{1, std::uint32_t(off + 1)}, {}, nullptr}, std::move(expected), std::move(f)};
  };
  std::size_t i = 0;
  while (i < text.size() && text[i] == ' ') ++i;
  std::size_t num_begin = i;
  while (i < text.size() && ((text[i] >= '0' && text[i] <= '9') || text[i] == '.' || text[i] == 'e' ||
                             text[i] == 'E' || text[i] == '-' || text[i] == '+'))
    ++i;
  // `e` may begin a unit only if nothing numeric follows; units here never start with 'e', so keep it simple.
  double v = 0;
  auto num = text.substr(num_begin, i - num_begin);
  if (num.empty()) return fail(num_begin, "a number", text.substr(num_begin, 12));
  auto [p, ec] = std::from_chars(num.data(), num.data() + num.size(), v);
  if (ec != std::errc{} || p != num.data() + num.size())
    return fail(num_begin, "a number", num);
  if (!std::isfinite(v)) return fail(num_begin, "a finite number", num);
  if (v <= 0) return fail(num_begin, "a positive number", num);
  while (i < text.size() && text[i] == ' ') ++i;
  auto unit_text = text.substr(i);
  while (!unit_text.empty() && unit_text.back() == ' ') unit_text.remove_suffix(1);
  if (unit_text.empty()) return fail(i, "a unit (mg, µg, g, mL, h, d, wk, nM, ...)", "");
  auto u = parse_unit(unit_text);
  if (!u) return fail(i, "a unit (mg, µg, g, mL, h, d, wk, nM, ...)", detail::format("'{}'", unit_text));
  // so that converting to any unit of the dimension stays finite and positive (1e308 kg is inf ng)
  if (double base = v * info(*u).to_base; !(base >= quantity_min_base && base <= quantity_max_base))
    return fail(num_begin, detail::format("a value from {:g} to {:g} {}", quantity_min_base / info(*u).to_base,
                                       quantity_max_base / info(*u).to_base, info(*u).symbol),
                num);
  return quantity{v, *u};
}

/// Parses a dosing interval: a time quantity ("24 h", "24h", "4 weeks"), "qNh" ("q12h"), or one of
/// "daily", "weekly", "monthly". The result is always of dimension time; a quantity of another dimension is an
/// `errc::wrong_dimension` diagnostic at column 1.
inline result<quantity> parse_interval(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (text == "daily") return quantity{24, unit::h};
  if (text == "weekly") return quantity{1, unit::wk};
  if (text == "monthly") return quantity{1, unit::mo};
  if (text.size() > 2 && (text[0] == 'q' || text[0] == 'Q') && text[1] >= '0' && text[1] <= '9') text.remove_prefix(1);
  auto q = parse_quantity(text);
  if (q && q->dim() != dimension::time)
    return diagnostic{errc::wrong_dimension, {{1, 1}, {}, nullptr}, "a time interval (h, d, wk, mo) or daily/weekly/monthly",
                      detail::format("'{}' (a {})", text.substr(0, 40), to_string(q->dim()))};
  return q;
}

/// The oldest age pharmakon accepts (a patient's, a regimen's or a warning's), in years.
inline constexpr double max_age_years = 150;

/// `q` if it is an age: a time of at most `max_age_years`; otherwise one diagnostic (`text` is what the user wrote).
inline result<quantity> checked_age(quantity q, std::string_view text) {
  if (q.dim() != dimension::time)
    return diagnostic{errc::wrong_dimension, {{1, 1}, {}, nullptr}, "an age (years: 8 y, 8 years, or 8; months: 18 months)",
                      detail::format("'{}' (a {})", text.substr(0, 40), to_string(q.dim()))};
  if (q.base_value() > max_age_years * info(unit::y).to_base)
    return diagnostic{errc::out_of_range, {{1, 1}, {}, nullptr}, detail::format("an age up to {:g} y", max_age_years),
                      detail::format("{:g} {}", q.value(), info(q.unit_of()).symbol)};
  return q;
}

/// Parses a patient's age: a time quantity ("8 y", "8 years", "18 months", "10 d"), or a bare number of years
/// ("8", "0.5"); at most `max_age_years`. An age of another dimension or out of range is one diagnostic as
/// `parse_interval` gives them.
inline result<quantity> parse_age(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  bool bare = !text.empty() && text.find_first_not_of("0123456789.") == std::string_view::npos;
  auto q = bare ? parse_quantity(std::string(text) + " y") : parse_quantity(text);
  if (!q) return q;
  return checked_age(*q, text);
}

}  // namespace pharmakon

template <>
struct fmt::formatter<pharmakon::quantity> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(pharmakon::quantity const& q, Ctx& ctx) const {
    return fmt::format_to(ctx.out(), "{:g} {}", q.value(), pharmakon::info(q.unit_of()).symbol);
  }
};
template <>
struct fmt::formatter<pharmakon::unit> : fmt::formatter<std::string_view> {
  template <class Ctx>
  auto format(pharmakon::unit u, Ctx& ctx) const {
    return fmt::formatter<std::string_view>::format(pharmakon::info(u).symbol, ctx);
  }
};
