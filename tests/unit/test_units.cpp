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

TEST_CASE("bad quantities say what was expected and what was found") {
  quantity_error e;
  CHECK_FALSE(parse_quantity("50 mgs", &e));
  CHECK(e.expected.find("a unit") == 0);
  CHECK(e.found == "'mgs'");
  CHECK(e.offset == 3);
  CHECK_FALSE(parse_quantity("50", &e));
  CHECK(e.found == "end of text");
  CHECK_FALSE(parse_quantity("-5 mg", &e));
  CHECK(e.expected == "a positive number");
  CHECK_FALSE(parse_quantity("0 mg", &e));
  CHECK_FALSE(parse_quantity("mg", &e));
  CHECK(e.expected == "a number");
  CHECK_FALSE(parse_quantity("1.2.3 mg", &e));
  CHECK_FALSE(parse_quantity("nan mg", &e));
  CHECK_FALSE(parse_quantity("1e999 mg", &e));
  CHECK_FALSE(parse_quantity("", &e));
}

TEST_CASE("quantities print with their canonical symbol") {
  CHECK(fmt::format("{}", quantity{50, unit::mg}) == "50 mg");
  CHECK(fmt::format("{}", quantity{0.5, unit::ug}) == "0.5 µg");
  CHECK(fmt::format("{}", quantity{4, unit::wk}) == "4 wk");
}
