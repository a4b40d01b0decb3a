// Fuzz target: the CLI's dose and interval parsing (parse_quantity, parse_interval, parse_unit).
// Invariants: a parsed quantity is finite and > 0, an interval is a time, conversions within a dimension stay
// finite and positive, printing a quantity and parsing it again gives the same unit and (to the printed
// precision) the same value; a failure is one diagnostic saying what was expected at a column inside the text.
#include "check.hpp"

#include <cmath>

namespace {
void check(std::string_view text, pharmakon::result<pharmakon::quantity> const& q, bool interval) {
  using namespace pharmakon;
  if (!q) {
    FUZZ_CHECK(q.diagnostics.size() == 1, std::string(text));
    auto const& e = q.diagnostics.front();
    FUZZ_CHECK(e.region.begin.line == 1 && e.region.begin.column >= 1, std::string(text));
    FUZZ_CHECK(e.region.begin.column - 1 <= text.size(), std::string(text));
    FUZZ_CHECK(!e.expected.empty() && !e.found.empty(), std::string(text));
    return;
  }
  FUZZ_CHECK(std::isfinite(q->value()) && q->value() > 0, std::string(text));
  FUZZ_CHECK(std::isfinite(q->base_value()) && q->base_value() >= 0, std::string(text));
  if (interval) FUZZ_CHECK(q->dim() == dimension::time, std::string(text));
  for (auto const& u : unit_table) {
    auto c = q->to(u.u);
    FUZZ_CHECK(c.has_value() == (u.dim == q->dim()), std::string(text));
    if (c) FUZZ_CHECK(std::isfinite(c->value()) && c->value() >= 0, std::string(text));
  }
  auto printed = fmt::format("{}", *q);
  auto back = parse_quantity(printed);
  FUZZ_CHECK(back.has_value(), printed + " does not parse: " + back.diagnostics.front().expected);
  FUZZ_CHECK(back->unit_of() == q->unit_of(), printed);
  FUZZ_CHECK(std::fabs(back->value() - q->value()) <= 1e-5 * q->value(), printed);
}
}  // namespace

extern "C" int LLVMFuzzerTestOneInput(std::uint8_t const* data, std::size_t size) {
  using namespace pharmakon;
  std::string_view text(reinterpret_cast<char const*>(data), size);
  check(text, parse_quantity(text), false);
  check(text, parse_interval(text), true);
  (void)parse_unit(text);
  // the CLI joins AMOUNT and UNIT with a space: split the input at its first space and join it again
  if (auto sp = text.find(' '); sp != std::string_view::npos) {
    auto joined = std::string(text.substr(0, sp)) + " " + std::string(text.substr(sp + 1));
    check(joined, parse_quantity(joined), false);
  }
  return 0;
}
