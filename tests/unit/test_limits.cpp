// Limits: input at and beyond the documented limits (file size, string length, nesting, huge numbers, NaN/inf,
// NUL bytes, invalid UTF-8) is a clear error with its position, found in bounded time and memory. The time and
// memory bounds are generous (sanitizer builds are several times slower) so that the tests are not flaky.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

using namespace pharmakon;

namespace {

std::string const header = R"([[source]]
id = "src:pmid:1"
kind = "research"
title = "t"
pmid = "1"

)";

load_result load(std::string text, load_options const& opts = {}) {
  std::vector<document> docs{{"limits.toml", std::move(text)}};
  return try_load(docs, nullptr, opts);
}

/// The first diagnostic, as `file:line:column: error: ...`, checked to have the code `code` and a position.
std::string first_error(load_result const& r, errc code) {
  REQUIRE_FALSE(r);
  REQUIRE_FALSE(r.diagnostics.empty());
  auto const& d = r.diagnostics.front();
  INFO(d.to_string());
  CHECK(d.code == code);
  return d.to_string();
}

/// The diagnostic of code `code` (the first one), as `file:line:column: error: ...`; "" if there is none.
std::string error_of(load_result const& r, errc code) {
  CHECK_FALSE(r);
  for (auto const& d : r.diagnostics)
    if (d.code == code) return d.to_string();
  std::string all;
  for (auto const& d : r.diagnostics) all += d.to_string() + "\n";
  INFO("diagnostics:\n", all);
  CHECK(false);
  return "";
}

/// 1-based line of the first line of `text` that contains `needle`.
int line_of(std::string_view text, std::string_view needle) {
  auto at = text.find(needle);
  REQUIRE(at != std::string_view::npos);
  return 1 + int(std::count(text.begin(), text.begin() + std::ptrdiff_t(at), '\n'));
}
std::string at(std::string_view text, std::string_view needle, int column) {
  return "limits.toml:" + std::to_string(line_of(text, needle)) + ":" + std::to_string(column) + ":";
}

long peak_rss_kb() {
  rusage u{};
  getrusage(RUSAGE_SELF, &u);
  return u.ru_maxrss;
}

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

TEST_CASE("limits: a file larger than max_file_bytes is rejected before it is parsed") {
  load_options opts;
  opts.max_file_bytes = 1 << 16;
  auto r = load(header + std::string(1 << 17, '#'), opts);
  REQUIRE_FALSE(r);
  CHECK(r.diagnostics.front().code == errc::limit);
  CHECK(r.diagnostics.front().to_string() ==
        "limits.toml: error: expected a file of at most 65536 bytes, found " + std::to_string(header.size() + (1 << 17)) + " bytes");

  auto path = std::filesystem::temp_directory_path() / "pharmakon-limits-big.toml";
  {
    std::ofstream out(path, std::ios::binary);
    out << std::string(1 << 17, '#');
  }
  std::filesystem::path paths[] = {path};
  auto f = try_load_files(paths, nullptr, opts);
  std::filesystem::remove(path);
  REQUIRE_FALSE(f);
  CHECK(f.diagnostics.front().code == errc::limit);
}

TEST_CASE("limits: a string longer than max_string_bytes is an error at its position") {
  auto long_name = std::string(70000, 'x');
  auto text = header + "[[drug]]\nid = \"drug:x\"\nname = \"" + long_name + "\"\nsources = [\"src:pmid:1\"]\n";
  auto e = first_error(load(text), errc::limit);
  CHECK(e == at(text, "name =", 8) + " error: expected a string of at most 65536 bytes, found 70000 bytes");
  // a long key is quoted in the message, cut to 80 bytes
  auto k = load(header + "[[drug]]\n" + std::string(100000, 'k') + " = 1\n");
  REQUIRE_FALSE(k);
  bool cut = false;
  for (auto const& d : k.diagnostics) cut = cut || (d.code == errc::unexpected_key && d.found.find("...'") != std::string::npos && d.found.size() < 200);
  CHECK(cut);
  // a long id is a bad id, not a crash
  auto id_text = header + "[[drug]]\nid = \"drug:" + std::string(5000, 'a') + "\"\nname = \"n\"\nsources = [\"src:pmid:1\"]\n";
  CHECK(error_of(load(id_text), errc::bad_id).find(at(id_text, "id = \"drug:", 6)) == 0);
}

TEST_CASE("limits: deep nesting is a syntax error, not a stack overflow") {
  for (std::string open : {"[", "{a="}) {
    std::string close = open == "[" ? "]" : "}";
    std::string deep = "x = ";
    for (int i = 0; i < 100000; ++i) deep += open;
    for (int i = 0; i < 100000; ++i) deep += close;
    auto r = load(deep + "\n");
    auto e = first_error(r, errc::syntax);
    CHECK(e.find("limits.toml:1:") == 0);
  }
  // deeply dotted keys and table headers: many levels of tables, each a table, loaded or rejected without a crash
  std::string dotted = "a";
  for (int i = 0; i < 20000; ++i) dotted += ".a";
  for (std::string text : {dotted + " = 1\n", "[" + dotted + "]\n"}) {
    auto r = load(text);
    REQUIRE_FALSE(r);
    CHECK(r.diagnostics.front().line == 1);
  }
}

TEST_CASE("limits: huge numbers, NaN and infinity are errors with their position") {
  auto drug = header + "[[drug]]\nid = \"drug:x\"\nname = \"x\"\nsources = [\"src:pmid:1\"]\n\n";
  auto regimen_text = [&](std::string dose) {
    return drug + "[[regimen]]\nid = \"regimen:r\"\ndrug = \"drug:x\"\ndose = \"" + dose +
           "\"\nevery = \"24 h\"\nroute = \"oral\"\nsources = [\"src:pmid:1\"]\n";
  };
  auto regimen = [&](std::string dose) { return load(regimen_text(dose)); };
  auto const dose_at = at(regimen_text("1 mg"), "dose =", 9);  // the number inside the string
  CHECK(error_of(regimen("nan mg"), errc::bad_quantity) == dose_at + " error: expected a number in 'dose', found nan mg");
  CHECK(error_of(regimen("inf mg"), errc::bad_quantity).find(dose_at) == 0);
  CHECK(error_of(regimen("1e999 mg"), errc::bad_quantity).find(dose_at) == 0);
  CHECK(error_of(regimen("-5 mg"), errc::bad_quantity).find("positive") != std::string::npos);
  CHECK(error_of(regimen("0 mg"), errc::bad_quantity).find("positive") != std::string::npos);
  // a value whose conversion to another unit of its dimension would overflow or vanish
  CHECK(error_of(regimen("1e308 kg"), errc::bad_quantity) == dose_at + " error: expected a value from 1e-18 to 1e+06 kg in 'dose', found 1e308");
  CHECK(error_of(regimen("1e-320 ng"), errc::bad_quantity).find(dose_at) == 0);
  CHECK(regimen("1e3 kg"));  // absurd but finite: dose checks will say it is far above every regimen

  // the labeled maximum daily dose: a quantity of the dose's dimension, at least the largest single dose
  auto with_max = [&](std::string dose_max, std::string max_daily) {
    return load(drug + "[[regimen]]\nid = \"regimen:r\"\ndrug = \"drug:x\"\ndose = \"50 mg\"\n" + dose_max +
                "max_daily = \"" + max_daily + "\"\nevery = \"6 h\"\nroute = \"oral\"\nsources = [\"src:pmid:1\"]\n");
  };
  auto ok = with_max("dose_max = \"100 mg\"\n", "0.4 g");
  REQUIRE(ok);
  auto const& kb = *ok.kb;
  auto rid = kb.find<pharmakon::regimen>("regimen:r");
  REQUIRE(rid);
  CHECK(kb[*rid].max_daily == quantity{0.4, unit::g});
  CHECK(error_of(with_max("", "5 mL"), errc::wrong_dimension).find("'max_daily' of the same dimension as 'dose'") !=
        std::string::npos);
  CHECK(error_of(with_max("dose_max = \"100 mg\"\n", "80 mg"), errc::out_of_range)
            .find("'max_daily' to be at least the largest single dose (100 mg)") != std::string::npos);
  CHECK(error_of(with_max("", "nan mg"), errc::bad_quantity).find("'max_daily'") != std::string::npos);

  auto claim_text = [&](std::string field) {
    return header + "[[drug]]\nid = \"drug:x\"\nname = \"x\"\nsources = [\"src:pmid:1\"]\n\n[[target]]\nid = \"target:t\"\n"
                    "name = \"t\"\nsources = [\"src:pmid:1\"]\n\n[[acts_on]]\ndrug = \"drug:x\"\ntarget = \"target:t\"\n"
                    "action = \"agonist\"\nsources = [\"src:pmid:1\"]\n" + field + "\n";
  };
  auto claim = [&](std::string field) { return load(claim_text(field)); };
  auto const efficacy_at = at(claim_text("efficacy = 1"), "efficacy", 12);
  auto const efficacy_line = efficacy_at.substr(0, efficacy_at.size() - 3);  // "limits.toml:L:"
  CHECK(error_of(claim("efficacy = nan"), errc::out_of_range).find(efficacy_at) == 0);
  CHECK(error_of(claim("efficacy = inf"), errc::out_of_range).find(efficacy_at) == 0);
  CHECK(error_of(claim("efficacy = 1e999"), errc::syntax).find(efficacy_line) == 0);
  CHECK(error_of(claim("efficacy = 99999999999999999999"), errc::syntax).find(efficacy_line) == 0);
  auto aff_field = [](std::string v) {
    return "\n[[acts_on.affinity]]\nmeasure = \"Ki\"\nvalue = " + v + "\nunit = \"M\"\nsources = [\"src:pmid:1\"]";
  };
  auto aff = [&](std::string v) { return claim(aff_field(v)); };
  auto const value_at = at(claim_text(aff_field("1")), "value =", 9);
  CHECK(error_of(aff("nan"), errc::out_of_range).find(value_at) == 0);
  CHECK(error_of(aff("-inf"), errc::out_of_range).find(value_at) == 0);
  // 1e300 M is 1e309 nM: its p-value (9 - log10 nM) is not finite
  CHECK(error_of(aff("1e300"), errc::out_of_range).find(value_at) == 0);
  CHECK(aff("1e-3"));
  // integers out of range
  auto year = [&](std::string y) {
    return load("[[source]]\nid = \"src:pmid:1\"\nkind = \"research\"\ntitle = \"t\"\npmid = \"1\"\nyear = " + y + "\n");
  };
  CHECK(error_of(year("9223372036854775807"), errc::out_of_range) == "limits.toml:6:8: error: expected 'year' to be a year between 1800 and 2100, found the integer 9223372036854775807");
  CHECK(error_of(year("-9223372036854775808"), errc::out_of_range).find("limits.toml:6:8:") == 0);
  CHECK(error_of(year("9223372036854775808"), errc::syntax).find("limits.toml:6:") == 0);
}

TEST_CASE("limits: NUL bytes and invalid UTF-8 are encoding errors with their line and column") {
  auto nul = header + "[[drug]]\nid = \"drug:x\"\nname = \"a" + std::string(1, '\0') + "b\"\n";
  CHECK(error_of(load(nul), errc::encoding) == at(nul, "name =", 10) + " error: expected text without NUL bytes, found a NUL byte");
  auto escaped = header + "[[drug]]\nname = \"a\\u0000b\"\n";
  CHECK(error_of(load(escaped), errc::encoding).find(at(escaped, "name =", 8)) == 0);
  for (std::string bad : {"\xff", "\xc0\xaf", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xe2\x82"}) {
    auto text = header + "[[drug]]\nname = \"a" + bad + "\"\n";
    CHECK(error_of(load(text), errc::encoding).find(at(text, "name =", 10)) == 0);
  }
  // lookups of such names find nothing, and do not throw
  CHECK(default_kb().find_all(std::string("nal\xfftrexone")).empty());
  CHECK(default_kb().find_all(std::string("nal\0trexone", 11)).empty());
  CHECK_FALSE(default_kb().find<drug>(std::string(1 << 20, 'n')));
  CHECK(default_kb().suggest(std::string(1 << 20, 'n'), node_kind::drug).empty());
}

TEST_CASE("limits: CLI dose and interval text beyond the limits is an error at an offset, never a crash") {
  for (std::string t : std::vector<std::string>{"", " ", "mg", "1e999 mg", "nan mg", "inf h", "-1 mg", "0 h", "1e-400 mg", "1.2.3 mg",
                        "5 parsecs", std::string(100000, '9') + " mg", "5 " + std::string(100000, 'm'),
                        std::string("5\0 mg", 5), "5 \xff", "q", "qh", "q0h", "q-1h"}) {
    quantity_error e;
    auto q = parse_quantity(t, &e);
    CHECK_FALSE(q);
    CHECK(e.offset <= t.size());
    CHECK_FALSE(e.expected.empty());
    CHECK(e.found.size() < 200);  // the offending text is cut, not echoed in full
    quantity_error ei;
    CHECK_FALSE(parse_interval(t, &ei));
    CHECK(ei.offset <= t.size());
  }
}

TEST_CASE("limits: a large valid file loads in bounded time and memory") {
  // 5,000 drugs, each with a claim: about 1.3 MB of TOML
  std::string text = header + "[[target]]\nid = \"target:t\"\nname = \"t\"\nsources = [\"src:pmid:1\"]\n\n";
  for (int i = 0; i < 5000; ++i) {
    auto id = "drug:d" + std::to_string(i);
    text += "[[drug]]\nid = \"" + id + "\"\nname = \"drug number " + std::to_string(i) +
            "\"\nsynonyms = [\"dn" + std::to_string(i) + "\"]\nsources = [\"src:pmid:1\"]\n\n[[acts_on]]\ndrug = \"" +
            id + "\"\ntarget = \"target:t\"\naction = \"agonist\"\nsources = [\"src:pmid:1\"]\n\n";
  }
  auto rss0 = peak_rss_kb();
  auto t0 = std::chrono::steady_clock::now();
  auto r = load(text);
  auto secs = seconds_since(t0);
  REQUIRE(r);
  CHECK(r.kb->all<drug>().size() == 5000);
  CHECK(r.kb->find<drug>("DN4999"));
  MESSAGE("loaded ", text.size(), " bytes in ", secs, " s; peak RSS grew by ", (peak_rss_kb() - rss0) / 1024, " MiB");
  CHECK(secs < 60.0);                            // about 0.3 s in a release build
  CHECK(peak_rss_kb() - rss0 < 1024 * 1024);     // < 1 GiB (about 40 MiB in a release build)

  // the same file made invalid at its end: every diagnostic is found, the time stays bounded
  t0 = std::chrono::steady_clock::now();
  auto bad = load(text + "[[drug]]\nid = \"drug:d0\"\nname = \"again\"\nsources = [\"src:pmid:9\"]\n");
  CHECK_FALSE(bad);
  CHECK(seconds_since(t0) < 60.0);
  // lookups of very long names that nearly match stay fast (edit distance is bounded)
  t0 = std::chrono::steady_clock::now();
  for (int i = 0; i < 20; ++i) (void)r.kb->suggest(std::string(4000, 'd') + std::to_string(i), node_kind::drug);
  CHECK(seconds_since(t0) < 30.0);
}
