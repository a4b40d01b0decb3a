#include <doctest/doctest.h>

#include <pharmakon/model/units.hpp>

using namespace pharmakon;

TEST_CASE("quantities parse with and without a space, in every dimension") {
  auto q = parse_quantity("50 mg");
  REQUIRE(q);
  CHECK(q->value() == 50);
  CHECK(q->unit_of() == unit::mg);
  CHECK(parse_quantity("380mg")->value() == 380);
  CHECK(parse_quantity("4 weeks")->unit_of() == unit::wk);
  CHECK(parse_quantity("24 h")->dim() == dimension::time);
  CHECK(parse_quantity("0.5 nM")->dim() == dimension::concentration);
  CHECK(parse_quantity("2 mL")->dim() == dimension::volume);
  CHECK(parse_quantity("100 µg")->unit_of() == unit::ug);
  CHECK(parse_quantity("100 mcg")->unit_of() == unit::ug);
}

TEST_CASE("conversion works within a dimension and is refused across dimensions") {
  auto g = parse_quantity("0.05 g")->to(unit::mg);
  REQUIRE(g);
  CHECK(g->value() == doctest::Approx(50));
  CHECK(parse_quantity("4 wk")->to(unit::d)->value() == doctest::Approx(28));
  CHECK(parse_quantity("1 d")->to(unit::h)->value() == doctest::Approx(24));
  CHECK_FALSE(parse_quantity("50 mL")->to(unit::mg));
  CHECK_FALSE(parse_quantity("50 mg")->to(unit::h));
}

TEST_CASE("bad quantities say what was expected and what was found, at a column of the text") {
  /// The one diagnostic of a failed parse.
  auto error_of = [](std::string_view text) {
    auto q = parse_quantity(text);
    REQUIRE_FALSE(q);
    REQUIRE(q.diagnostics.size() == 1);
    return q.diagnostics.front();
  };
  auto e = error_of("50 mgs");
  CHECK(e.code == errc::bad_quantity);
  CHECK(e.expected.find("a unit") == 0);
  CHECK(e.found == "'mgs'");
  CHECK(e.region.begin == source_position{1, 4});  // 1-based: "mgs" starts at the fourth byte
  CHECK_FALSE(e.region.known());                   // a quantity's own text has no file
  CHECK(e.to_string() == "1:4: error: expected a unit (mg, µg, g, mL, h, d, wk, nM, ...), found 'mgs'");
  CHECK(error_of("50").found == "end of text");
  CHECK(error_of("-5 mg").expected == "a positive number");
  CHECK(error_of("  -5 mg").region.begin.column == 3);
  CHECK(error_of("0 mg").expected == "a positive number");
  CHECK(error_of("mg").expected == "a number");
  CHECK(error_of("1.2.3 mg").expected == "a number");
  CHECK(error_of("nan mg").expected == "a number");
  CHECK(error_of("1e999 mg").expected == "a number");
  CHECK(error_of("").found == "end of text");
}

TEST_CASE("a quantity result is bool-convertible, compares with a quantity and throws on value_or_throw") {
  auto q = parse_quantity("50 mg");
  REQUIRE(q);
  CHECK(q == quantity{50, unit::mg});
  CHECK(q.diagnostics.empty());
  std::optional<quantity> kept = q;  // an optional keeps the value, not the diagnostics
  CHECK(kept == quantity{50, unit::mg});
  CHECK(std::move(q).value_or_throw() == quantity{50, unit::mg});
  auto bad = parse_quantity("50 parsecs");
  CHECK_FALSE(bad.has_value());
  CHECK(bad.value_or(quantity{1, unit::g}) == quantity{1, unit::g});
  CHECK_FALSE(std::optional<quantity>(bad).has_value());
  CHECK_THROWS_WITH_AS(std::move(bad).value_or_throw(),
                       "1:4: error: expected a unit (mg, µg, g, mL, h, d, wk, nM, ...), found 'parsecs'", load_error);
  auto wrong = parse_interval("50 mg");
  REQUIRE_FALSE(wrong);
  CHECK(wrong.diagnostics.at(0).code == errc::wrong_dimension);
  CHECK(wrong.diagnostics.at(0).region.begin == source_position{1, 1});
}

TEST_CASE("quantities print with their canonical symbol") {
  CHECK(fmt::format("{}", quantity{50, unit::mg}) == "50 mg");
  CHECK(fmt::format("{}", quantity{0.5, unit::ug}) == "0.5 µg");
  CHECK(fmt::format("{}", quantity{4, unit::wk}) == "4 wk");
}
