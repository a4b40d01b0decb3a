// Fuzz regressions: every input in tests/data/fuzz-regressions/ (see its README) run through the parser its name
// starts with, with the invariants of the fuzz target, and the outcome compared with NAME.expected.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"
#if __has_include(<pharmakon/io/import/hetionet.hpp>)
#  include <pharmakon/io/import/hetionet.hpp>
#  define PHARMAKON_TEST_HETIONET 1
#endif
#if __has_include(<pharmakon/io/import/gtopdb.hpp>)
#  include <pharmakon/io/import/gtopdb.hpp>
#  define PHARMAKON_TEST_GTOPDB 1
#endif
#if __has_include(<pharmakon/io/snapshot/snapshot.hpp>)
#  include <pharmakon/io/snapshot/snapshot.hpp>
#  define PHARMAKON_TEST_SNAPSHOT 1
#endif

#include <nlohmann/json.hpp>

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

fs::path const dir = fs::path(PHARMAKON_TEST_DATA) / "fuzz-regressions";

/// The parts of `in` separated by lines "#%%" (as fuzz/files.hpp splits them).
std::vector<std::string> split_parts(std::string_view in, std::size_t n) {
  std::vector<std::string> parts;
  constexpr std::string_view sep = "#%%\n";
  while (parts.size() + 1 < n) {
    auto at = in.find(sep);
    while (at != std::string_view::npos && at > 0 && in[at - 1] != '\n') at = in.find(sep, at + 1);
    if (at == std::string_view::npos) break;
    parts.emplace_back(in.substr(0, at));
    in.remove_prefix(at + sep.size());
  }
  parts.emplace_back(in);
  return parts;
}

std::string outcome_of(std::vector<diagnostic> const& diags) {
  REQUIRE_FALSE(diags.empty());
  for (auto const& d : diags) {
    CHECK(errc_name(d.code) != "?");
    CHECK_FALSE(d.expected.empty());
    if (d.code == errc::syntax || d.code == errc::encoding) CHECK(d.region.begin.line >= 1);
  }
  return diags.front().to_string();
}

std::string quantity_outcome(result<quantity> const& q, std::string_view text) {
  if (!q) {
    REQUIRE(q.diagnostics.size() == 1);
    auto const& e = q.diagnostics.front();
    REQUIRE(e.region.begin.column >= 1);
    CHECK(e.region.begin.column - 1 <= text.size());
    return fmt::format("error at {}: expected {}, found {}", e.region.begin.column - 1, e.expected, e.found);
  }
  CHECK(std::isfinite(q->value()));
  CHECK(q->value() > 0);
  for (auto const& u : unit_table)
    if (auto c = q->to(u.u)) CHECK((std::isfinite(c->value()) && c->value() > 0));
  return fmt::format("ok {}", *q);
}

/// Every drug's answers render, and the JSON is valid (whatever bytes the knowledge base holds).
void check_renders(knowledge_base const& kb) {
  for (auto id : kb.handles<drug>()) {
    auto m = mechanism_of(kb, id);
    CHECK(nlohmann::json::accept(render_json(m)));
    CHECK_FALSE(render_text(m).empty());
  }
}

fs::path scratch(std::string const& name, std::string const& bytes) {
  return write_bytes(fs::temp_directory_path() / ("pharmakon-regression-" + std::to_string(::getpid()) + "-" + name),
                     bytes);
}

/// Runs one regression input; returns its outcome line.
std::string run(fs::path const& file) {
  auto name = file.filename().string();
  auto bytes = read_bytes(file);
  auto starts = [&](std::string_view p) { return name.rfind(p, 0) == 0; };
  if (starts("toml-")) {
    std::vector<document> docs{{name, bytes}};
    auto r = try_load(docs);
    if (!r) return outcome_of(r.diagnostics);
    check_renders(*r.kb);
    return "ok";
  }
  if (starts("two-")) {
    auto parts = split_parts(bytes, 2);
    parts.resize(2);
    std::vector<document> docs{{"a.toml", parts[0]}, {"b.toml", parts[1]}};
    auto r = try_load(docs);
    std::vector<document> swapped{docs[1], docs[0]};
    CHECK(bool(try_load(swapped)) == bool(r));
    if (!r) return outcome_of(r.diagnostics);
    check_renders(*r.kb);
    return "ok";
  }
  if (starts("quantity-") || starts("interval-")) {
    return quantity_outcome(starts("quantity-") ? parse_quantity(bytes) : parse_interval(bytes), bytes);
  }
  if (starts("lookup-")) {
    auto hits = default_kb().find_all(bytes);
    for (auto n : hits) (void)default_kb().base(n);
    CHECK(default_kb().suggest(bytes, node_kind::drug).size() <= 3);
    return fmt::format("{} hits", hits.size());
  }
#ifdef PHARMAKON_TEST_HETIONET
  if (starts("hetionet-")) {
    auto parts = split_parts(bytes, 2);
    parts.resize(2);
    fs::path files[] = {scratch("nodes.tsv", parts[0]), scratch("edges.sif", parts[1])};
    import_options opts;
    opts.background_decompression = false;
    auto r = try_import_hetionet(files, opts);
    for (auto const& f : files) fs::remove(f);
    if (!r) return outcome_of(r.diagnostics);
    check_renders(*r.kb);
    return "ok";
  }
#endif
#ifdef PHARMAKON_TEST_GTOPDB
  if (starts("gtopdb-")) {
    auto parts = split_parts(bytes, 3);
    std::vector<fs::path> files;
    for (std::size_t i = 0; i < parts.size(); ++i) files.push_back(scratch("gtopdb" + std::to_string(i) + ".csv", parts[i]));
    import_options opts;
    opts.background_decompression = false;
    auto r = try_import_gtopdb(files, opts);
    for (auto const& f : files) fs::remove(f);
    if (!r) return outcome_of(r.diagnostics);
    check_renders(*r.kb);
    return "ok";
  }
#endif
#ifdef PHARMAKON_TEST_SNAPSHOT
  if (starts("snapshot-")) {
    auto p = scratch("in.snap", bytes);
    auto r = try_load_snapshot(p);
    fs::remove(p);
    if (!r) return outcome_of(r.diagnostics);
    check_renders(*r.kb);
    return "ok";
  }
#endif
  return "skipped";
}

}  // namespace

TEST_CASE("fuzz regressions: every input found by the fuzzers gives its expected outcome") {
  REQUIRE(fs::is_directory(dir));
  int ran = 0;
  for (auto const& entry : fs::directory_iterator(dir)) {
    auto const& p = entry.path();
    if (p.extension() == ".expected" || p.extension() == ".md") continue;
    INFO(p.filename().string());
    auto got = run(p);
    if (got == "skipped") continue;
    ++ran;
    auto expected_path = p;
    expected_path.replace_extension(".expected");
    if (!fs::exists(expected_path)) continue;
    auto expected = read_bytes(expected_path);
    while (!expected.empty() && (expected.back() == '\n' || expected.back() == '\r')) expected.pop_back();
    // the outcome's path is the regression file's name for loads; compare from the position on
    CHECK(got == expected);
  }
  CHECK(ran > 0);
}

TEST_CASE("fuzz regressions: answers about entities with invalid UTF-8 names render valid JSON") {
  // the builder API (and, as fuzz_import_gtopdb found, an importer) can store any bytes in a name; rendering
  // must not throw (nlohmann::json's dump does, by default, on invalid UTF-8)
  builder b;
  source s;
  s.id = "src:pmid:1";
  s.kind = source_kind::research;
  s.title = "t\xff";
  s.set_identifier("pmid", "1");
  auto sid = b.add_source(s);
  drug d;
  d.id = "drug:x";
  d.name = "bad \xff\xfe name";
  d.sources = {sid};
  auto did = b.add(d);
  target t;
  t.id = "target:t";
  t.name = "t\xc0";
  t.sources = {sid};
  auto tid = b.add(t);
  action a;
  a.type = action_type::agonist;
  b.add<rel::acts_on>(did, tid, a, claim_meta({sid}).with_note("note \xed\xa0\x80"));
  auto kb = b.build();
  check_renders(kb);
  CHECK(render_json(mechanism_of(kb, did)).find("\xef\xbf\xbd") != std::string::npos);  // U+FFFD
  std::vector<drug_id> both{did, did};
  CHECK(nlohmann::json::accept(render_json(screen_interactions(kb, both))));
}
