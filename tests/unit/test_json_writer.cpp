// The answers' JSON writer against nlohmann::json's dump, the reference its bytes must equal (the answer goldens
// were written by it): random documents of every value kind, strings with every escape, non-ASCII text and
// invalid UTF-8, doubles at the edges, empty containers, compact and pretty.
#include <doctest/doctest.h>
#include <pharmakon/render/detail/json_writer.hpp>

#include <cmath>
#include <limits>
#include <random>
#include <string>

using pharmakon::detail::render::json_writer;
using nlohmann::ordered_json;

namespace {

void write(json_writer& w, ordered_json const& j) {
  switch (j.type()) {
    case ordered_json::value_t::null: w.null(); break;
    case ordered_json::value_t::boolean: w.value(j.get<bool>()); break;
    case ordered_json::value_t::number_integer: w.value(j.get<std::int64_t>()); break;
    case ordered_json::value_t::number_unsigned: w.value(j.get<std::uint64_t>()); break;
    case ordered_json::value_t::number_float: w.value(j.get<double>()); break;
    case ordered_json::value_t::string: w.value(j.get_ref<std::string const&>()); break;
    case ordered_json::value_t::array:
      w.begin_array();
      for (auto const& x : j) write(w, x);
      w.end_array();
      break;
    case ordered_json::value_t::object:
      w.begin_object();
      for (auto const& [k, v] : j.items()) {
        w.key(k);
        write(w, v);
      }
      w.end_object();
      break;
    default: FAIL("unexpected value type");
  }
}

std::string reference(ordered_json const& j, int indent) {
  return j.dump(indent, ' ', false, ordered_json::error_handler_t::replace);
}
std::string ours(ordered_json const& j, int indent) {
  json_writer w(indent, 8);  // a tiny first buffer: growth is tested too
  write(w, j);
  return std::move(w).take();
}

std::string random_string(std::mt19937& rng) {
  static std::string const pieces[] = {"a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f", std::string(1, '\0'),
                                       "\x01", "\x1f", "\x7f", "µ", "≥", "€", "𝄞", "naltrexone 50 mg",
                                       "\xff", "\xc3", "\xe2\x89", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                       "\xf0\x9f\x98", "\x80", "0123456789abcdef0123456789"};
  std::uniform_int_distribution<int> len(0, 12), pick(0, int(std::size(pieces)) - 1);
  std::string s;
  for (int n = len(rng); n > 0; --n) s += pieces[pick(rng)];
  return s;
}

ordered_json random_value(std::mt19937& rng, int depth) {
  std::uniform_int_distribution<int> kind(0, depth > 3 ? 5 : 7);
  static double const doubles[] = {0.0, -0.0, 1.0, 5.0, 0.1, 8.9, 7.08197, 1e-7, 1e21, 1e300, -2.5e-300, 123456789.125,
                                   std::numeric_limits<double>::max(), std::numeric_limits<double>::denorm_min(),
                                   std::nan(""), std::numeric_limits<double>::infinity()};
  switch (kind(rng)) {
    case 0: return nullptr;
    case 1: return bool(rng() & 1);
    case 2: return std::int64_t(rng()) - std::int64_t(1u << 31);
    case 3: return doubles[rng() % std::size(doubles)];
    case 4: return std::uniform_real_distribution<double>(-1e6, 1e6)(rng);
    case 5: return random_string(rng);
    case 6: {
      auto a = ordered_json::array();
      for (int n = int(rng() % 4); n > 0; --n) a.push_back(random_value(rng, depth + 1));
      return a;
    }
    default: {
      auto o = ordered_json::object();
      for (int n = int(rng() % 4); n > 0; --n) o[random_string(rng) + std::to_string(n)] = random_value(rng, depth + 1);
      return o;
    }
  }
}

}  // namespace

TEST_CASE("json_writer: the bytes of nlohmann::json's dump for random documents, compact and pretty") {
  std::mt19937 rng(20261203);
  for (int i = 0; i < 3000; ++i) {
    auto const j = random_value(rng, 0);
    for (int indent : {-1, 0, 2, 4}) {
      INFO("document ", i, ", indent ", indent);
      REQUIRE(ours(j, indent) == reference(j, indent));
    }
  }
}

TEST_CASE("json_writer: escapes, UTF-8 and empty containers") {
  json_writer w(2);
  w.object([&] {
    w.member("controls", std::string("a\"b\\c\n\x01\x7f", 8));
    w.member("utf8", "µg ≥ 𝄞");
    w.member("invalid", "ok\xff then \xe2\x89 end");
    w.key("empty_array");
    w.array([] {});
    w.key("empty_object");
    w.object([] {});
    w.key("none");
    w.string_or_null("");
    w.member("refs", std::vector<int>{1, 2});
    w.member("half", 0.5);
    w.member("whole", 5.0);
  });
  CHECK(std::move(w).take() ==
        "{\n  \"controls\": \"a\\\"b\\\\c\\n\\u0001\x7f\",\n  \"utf8\": \"µg ≥ 𝄞\",\n"
        "  \"invalid\": \"ok\xef\xbf\xbd then \xef\xbf\xbd end\",\n  \"empty_array\": [],\n  \"empty_object\": {},\n"
        "  \"none\": null,\n  \"refs\": [\n    1,\n    2\n  ],\n  \"half\": 0.5,\n  \"whole\": 5.0\n}");
}
