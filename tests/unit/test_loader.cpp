// The knowledge-base loader: the malformed-input suite (tests/data/bad), multi-file and layered loads, file
// errors, identifier schemes and limits.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <algorithm>
#include <filesystem>
#include <string>
#include <type_traits>
#include <vector>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

fs::path const data_dir = PHARMAKON_TEST_DATA;

std::vector<std::string> lines_of(std::string_view text) {
  std::vector<std::string> out;
  std::size_t pos = 0;
  while (pos < text.size()) {
    auto nl = text.find('\n', pos);
    auto line = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    out.emplace_back(line);
    if (nl == std::string_view::npos) break;
    pos = nl + 1;
  }
  while (!out.empty() && out.back().empty()) out.pop_back();
  return out;
}

std::vector<std::string> to_strings(std::vector<diagnostic> const& diags) {
  std::vector<std::string> out;
  for (auto const& d : diags) out.push_back(d.to_string());
  return out;
}

/// The lines as one string, so that a failed comparison prints both sides in full.
std::string joined(std::vector<std::string> const& lines) {
  std::string out;
  for (auto const& l : lines) out += l + "\n";
  return out;
}

/// One case of the suite: NAME.toml (then NAME.2.toml, NAME.3.toml, ... when the case needs several files),
/// loaded as documents named "bad/<file>", and NAME.expected with the exact diagnostic lines.
struct bad_case {
  std::string name;
  std::vector<document> docs;
  std::vector<std::string> expected;
  std::vector<std::string> codes;  ///< from the "# codes: a, b" line of NAME.toml
};

std::vector<std::string> codes_of(std::string const& text) {
  std::vector<std::string> out;
  for (auto const& line : lines_of(text)) {
    std::string_view l = line;
    if (l.substr(0, 9) != "# codes: ") continue;
    l.remove_prefix(9);
    while (!l.empty()) {
      auto comma = l.find(',');
      auto code = l.substr(0, comma);
      while (!code.empty() && code.front() == ' ') code.remove_prefix(1);
      while (!code.empty() && code.back() == ' ') code.remove_suffix(1);
      out.emplace_back(code);
      if (comma == std::string_view::npos) break;
      l.remove_prefix(comma + 1);
    }
    break;
  }
  return out;
}

std::vector<bad_case> bad_cases() {
  std::vector<bad_case> cases;
  std::vector<fs::path> expected_files;
  for (auto const& e : fs::directory_iterator(data_dir / "bad"))
    if (e.path().extension() == ".expected") expected_files.push_back(e.path());
  std::sort(expected_files.begin(), expected_files.end());
  for (auto const& x : expected_files) {
    bad_case c;
    c.name = x.stem().string();
    for (int part = 1;; ++part) {
      auto file = part == 1 ? c.name + ".toml" : c.name + "." + std::to_string(part) + ".toml";
      if (!fs::exists(data_dir / "bad" / file)) break;
      c.docs.push_back({"bad/" + file, read_bytes(data_dir / "bad" / file)});
    }
    c.expected = lines_of(read_bytes(x));
    if (!c.docs.empty()) c.codes = codes_of(c.docs.front().text);
    cases.push_back(std::move(c));
  }
  return cases;
}

std::vector<fs::path> toml_files_in(fs::path const& dir) {
  std::vector<fs::path> out;
  for (auto const& e : fs::directory_iterator(dir))
    if (e.is_regular_file() && e.path().extension() == ".toml") out.push_back(e.path());
  std::sort(out.begin(), out.end());
  return out;
}

/// The claims of `d` at `t` through acts_on.
std::vector<edge<rel::acts_on>> actions_at(knowledge_base const& kb, drug_id d, target_id t) {
  std::vector<edge<rel::acts_on>> out;
  for (auto e : kb.out<rel::acts_on>(d))
    if (e.object() == t) out.push_back(e);
  return out;
}

document doc(std::string path, std::string text) { return {std::move(path), std::move(text)}; }

}  // namespace

TEST_CASE("every file of the malformed-input suite is rejected with exactly its expected diagnostics") {
  auto cases = bad_cases();
  REQUIRE(cases.size() >= 30);
  for (auto const& c : cases) {
    CAPTURE(c.name);
    REQUIRE_MESSAGE(!c.docs.empty(), "no ", c.name, ".toml next to ", c.name, ".expected");
    REQUIRE_MESSAGE(!c.expected.empty(), c.name, ".expected is empty");
    auto r = try_load(c.docs);
    CHECK_FALSE(r.kb.has_value());
    CHECK_FALSE(static_cast<bool>(r));
    CHECK(joined(to_strings(r.diagnostics)) == joined(c.expected));
    // the "# codes:" line of the case names the stable error codes, in the order of the diagnostics
    std::vector<std::string> codes;
    for (auto const& d : r.diagnostics) codes.emplace_back(errc_name(d.code));
    CHECK(joined(codes) == joined(c.codes));
    // the same load again gives the same answer (no state survives a load)
    CHECK(joined(to_strings(try_load(c.docs).diagnostics)) == joined(to_strings(r.diagnostics)));
  }
}

TEST_CASE("every .toml of the malformed-input suite has its .expected file") {
  for (auto const& p : toml_files_in(data_dir / "bad")) {
    auto stem = p.stem().string();  // NAME or NAME.2
    auto dot = stem.find('.');
    auto name = stem.substr(0, dot);
    CAPTURE(p.string());
    CHECK(fs::exists(data_dir / "bad" / (name + ".expected")));
    if (dot != std::string::npos) CHECK(fs::exists(data_dir / "bad" / (name + ".toml")));
  }
}

TEST_CASE("the suite covers every error code a knowledge-base file can produce") {
  std::vector<std::string> seen;
  for (auto const& c : bad_cases())
    for (auto const& code : c.codes) seen.push_back(code);
  for (auto e : {errc::syntax, errc::encoding, errc::unexpected_key, errc::missing_field, errc::wrong_type,
                 errc::unknown_enum, errc::bad_id, errc::duplicate_id, errc::unknown_reference, errc::bad_quantity,
                 errc::wrong_dimension, errc::out_of_range, errc::missing_source, errc::no_identifier,
                 errc::bad_identifier}) {
    CAPTURE(errc_name(e));
    CHECK(std::find(seen.begin(), seen.end(), errc_name(e)) != seen.end());
  }
}

TEST_CASE("load_string throws a load_error that carries every diagnostic") {
  auto text = read_bytes(data_dir / "bad" / "several-errors.toml");
  auto expected = lines_of(read_bytes(data_dir / "bad" / "several-errors.expected"));
  try {
    (void)load_string(text, "bad/several-errors.toml");
    FAIL("expected a load_error");
  } catch (load_error const& e) {
    CHECK(e.code() == errc::bad_identifier);  // the first problem in file order
    CHECK(joined(to_strings(e.diagnostics())) == joined(expected));
    std::string joined;
    for (auto const& l : expected) joined += (joined.empty() ? "" : "\n") + l;
    CHECK(std::string(e.what()) == joined);
  }
}

TEST_CASE("a load_result is a result<knowledge_base>: bool, *r, r->, r.kb, value_or_throw, diagnostics with regions") {
  static_assert(std::is_same_v<load_result, result<knowledge_base>>);
  document good{"good.toml", "[kb]\nname = \"x\"\nversion = \"1\"\n"};
  auto r = try_load(std::span(&good, 1));
  REQUIRE(r);
  CHECK(r.has_value());
  CHECK(r->name() == "x");
  CHECK((*r).version() == "1");
  CHECK(r.kb->name() == "x");  // the member from before results were one template
  CHECK(std::move(r).value_or_throw().name() == "x");
  document bad{"bad.toml", "[kb]\nname = 1\nversion = \"1\"\n"};
  auto b = try_load(std::span(&bad, 1));
  REQUIRE_FALSE(b);
  CHECK_FALSE(b.kb);
  REQUIRE(b.diagnostics.size() >= 1);
  auto const& d = b.diagnostics.front();
  CHECK(d.region.file() == "bad.toml");
  CHECK(d.region.begin == source_position{2, 8});
  CHECK(d.to_string().rfind("bad.toml:2:8: error: expected 'name' to be the knowledge base's name", 0) == 0);
  CHECK_THROWS_AS(std::move(b).value_or_throw(), load_error);
}

TEST_CASE("the files of a custom knowledge base merge: a drug in one file acts on a target declared in another") {
  auto files = toml_files_in(data_dir / "good");
  REQUIRE(files.size() == 2);
  CHECK(files[0].filename() == "drugs.toml");  // the drug comes first, the target it refers to later
  auto kb = load_files(files);
  CHECK(kb.name() == "custom-taar1");
  CHECK(kb.version() == "1.0.0");
  CHECK(kb.all<drug>().size() == 1);
  CHECK(kb.all<target>().size() == 1);
  auto d = kb.at<drug>("SEP-363856");
  auto t = kb.at<target>("TA1 receptor");
  CHECK(kb[d].id == "drug:ulotaront");
  auto claims = actions_at(kb, d, t);
  REQUIRE(claims.size() == 1);
  CHECK(claims[0].payload().type == action_type::agonist);
  CHECK(claims[0].payload().best_p_affinity() == doctest::Approx(6.85));
  CHECK(claims[0].sources().size() == 2);
  CHECK(claims[0].tier() == evidence_tier::research);
  CHECK(claims[0].region().to_string().find("drugs.toml:") != std::string::npos);
  // the target's gene (declared in the same file as the target) is reached through encoded_by
  auto genes = kb.out<rel::encoded_by>(t);
  REQUIRE(genes.count() == 1);
  CHECK(kb[(*genes.begin()).object()].symbol == "TAAR1");
  // the same documents from memory give the same knowledge base
  std::vector<document> docs;
  for (auto const& f : files) docs.push_back({f.string(), read_bytes(f)});
  auto r = try_load(docs);
  REQUIRE(r);
  CHECK(r.diagnostics.empty());
  CHECK(r.kb->content_hash() == kb.content_hash());
}

TEST_CASE("a file may refer to targets and sources declared in a later file of the same load") {
  // a warning's `concerns` and a claim's sources both point forward into the second file
  std::vector<document> docs{
      doc("a.toml", R"([[drug]]
id = "drug:x"
name = "x"
sources = ["src:label:x"]

[[warning]]
id = "warning:x"
drug = "drug:x"
kind = "warning"
severity = "serious"
about = "something to watch for"
concerns = ["target:T"]
sources = ["src:label:x"]
)"),
      doc("b.toml", R"([[source]]
id = "src:label:x"
kind = "label"
title = "X: prescribing information"
dailymed_setid = "cd11c435-b0f0-4bb9-ae78-60f101f3703f"

[[target]]
id = "target:T"
name = "T"
sources = ["src:label:x"]
)")};
  auto r = try_load(docs);
  REQUIRE_MESSAGE(r, fmt::format("{}", fmt::join(to_strings(r.diagnostics), "\n")));
  auto w = r.kb->at<warning>("warning:x");
  REQUIRE(r.kb->out<rel::concerns>(w).count() == 1);
  CHECK(r.kb->base((*r.kb->out<rel::concerns>(w).begin()).object()).id == "target:T");
  CHECK(r.kb->get(w).name == "x");  // a warning's name is optional: it defaults to the id after the prefix
}

TEST_CASE("loading on top of a base adds to a copy and leaves the base exactly as it was") {
  auto const& base = default_kb();
  auto hash = base.content_hash();
  auto stats = base.stats();
  auto claims = base.claim_count();
  auto mor = base.at<target>("MOR");
  auto drugs_at_mor = base.in<rel::acts_on>(mor).count();
  auto file = data_dir / "good" / "extends-default" / "eluxadoline.toml";
  std::vector<document> docs{{"good/extends-default/eluxadoline.toml", read_bytes(file)}};

  auto r = try_load(docs, &base);
  REQUIRE_MESSAGE(r, fmt::format("{}", fmt::join(to_strings(r.diagnostics), "\n")));
  auto const& kb = *r.kb;
  CHECK(kb.name() == base.name());  // files added to a base keep its name and version
  CHECK(kb.version() == base.version());
  CHECK(kb.content_hash() != hash);
  CHECK(kb.all<drug>().size() == base.all<drug>().size() + 1);
  CHECK(kb.sources().size() == base.sources().size() + 2);
  auto elux = kb.at<drug>("Viberzi");
  auto kmor = kb.at<target>("MOR");
  CHECK(kb.in<rel::acts_on>(kmor).count() == drugs_at_mor + 1);
  REQUIRE(actions_at(kb, elux, kmor).size() == 1);
  CHECK(actions_at(kb, elux, kmor)[0].payload().type == action_type::agonist);
  // what the base knew is still there, in the new knowledge base
  CHECK(kb.find<drug>("naltrexone"));

  // the base is untouched
  CHECK(base.content_hash() == hash);
  CHECK(base.stats().nodes == stats.nodes);
  CHECK(base.stats().claims == stats.claims);
  CHECK(base.stats().sources == stats.sources);
  CHECK(base.claim_count() == claims);
  CHECK_FALSE(base.find<drug>("eluxadoline"));
  CHECK(base.in<rel::acts_on>(mor).count() == drugs_at_mor);

  // the same through the file API
  std::vector<fs::path> paths{file};
  auto r2 = try_load_with_default(paths);
  REQUIRE(r2);
  CHECK(r2.kb->content_hash() == kb.content_hash());
  CHECK_FALSE(try_load_with_default(paths, false));  // alone, target:MOR is unknown
}

TEST_CASE("redeclaring an id of the base is a duplicate that says where the first declaration is") {
  auto const& base = default_kb();
  std::vector<document> docs{doc("mine.toml", R"([[drug]]
id = "drug:naltrexone"
name = "my naltrexone"
sources = ["src:gtopdb:ligand:1639"]
)")};
  auto r = try_load(docs, &base);
  REQUIRE_FALSE(r);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == errc::duplicate_id);
  CHECK(r.diagnostics[0].region.begin.line == 2);
  CHECK(r.diagnostics[0].found.find("'drug:naltrexone', already declared at embedded:") == 0);
}

TEST_CASE("a bad file loaded after a good one leaves the good knowledge base intact, and gives no knowledge base") {
  auto good = load_files(toml_files_in(data_dir / "good"));
  auto hash = good.content_hash();
  auto bad_text = read_bytes(data_dir / "bad" / "several-errors.toml");
  std::vector<document> docs{{"bad/several-errors.toml", bad_text}};
  auto r = try_load(docs, &good);
  CHECK_FALSE(r);
  CHECK_FALSE(r.kb.has_value());
  CHECK(r.diagnostics.size() == lines_of(read_bytes(data_dir / "bad" / "several-errors.expected")).size());
  CHECK(good.content_hash() == hash);
  CHECK(good.find<drug>("ulotaront"));
  CHECK_FALSE(good.find<drug>("naltrexone"));

  // all or nothing: one bad document among good ones, and nothing is loaded
  std::vector<document> mixed;
  for (auto const& f : toml_files_in(data_dir / "good")) mixed.push_back({f.string(), read_bytes(f)});
  mixed.push_back({"bad/unknown-enum-action.toml", read_bytes(data_dir / "bad" / "unknown-enum-action.toml")});
  auto m = try_load(mixed);
  CHECK_FALSE(m.kb.has_value());
  REQUIRE(m.diagnostics.size() == 1);
  CHECK(m.diagnostics[0].code == errc::unknown_enum);
}

TEST_CASE("an unreadable path is an io diagnostic: a missing file and a directory") {
  auto missing = data_dir / "good" / "no-such-file.toml";
  auto dir = data_dir / "good";
  {
    std::vector<fs::path> paths{missing};
    auto r = try_load_files(paths);
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == errc::io);
    CHECK(r.diagnostics[0].region.file() == missing.string());
    CHECK(r.diagnostics[0].to_string() == missing.string() + ": error: expected a readable file, found no such file");
    CHECK_THROWS_AS(load_files(paths), load_error);
  }
  {
    std::vector<fs::path> paths{dir};
    try {
      (void)load_files(paths);
      FAIL("expected a load_error");
    } catch (load_error const& e) {
      CHECK(e.code() == errc::io);
      REQUIRE(e.diagnostics().size() == 1);
      CHECK(e.diagnostics()[0].to_string() == dir.string() + ": error: expected a file, found a directory");
    }
  }
  // with good files next to them, still nothing is loaded, and both paths are reported
  auto paths = toml_files_in(data_dir / "good");
  paths.push_back(missing);
  paths.push_back(dir);
  auto r = try_load_files(paths);
  CHECK_FALSE(r.kb.has_value());
  REQUIRE(r.diagnostics.size() == 2);
  CHECK(r.diagnostics[0].code == errc::io);
  CHECK(r.diagnostics[1].code == errc::io);
  CHECK_THROWS_AS(load_file(missing), load_error);
}

TEST_CASE("valid_identifier accepts well-formed identifiers of every scheme and rejects malformed ones") {
  struct row {
    std::string_view scheme;
    std::vector<std::string_view> good;
    std::vector<std::string_view> bad;
  };
  std::vector<row> const rows{
      {"pmid", {"12813472", "1", "999999999"}, {"", "PMID:12813472", "0123", "1281347a", "1234567890", " 12813472"}},
      {"doi",
       {"10.1038/sj.npp.1300219", "10.1111/j.1530-0277.2007.00339.x", "10.1097/ADM.0000000000000633"},
       {"", "https://doi.org/10.1038/sj.npp.1300219", "doi:10.1038/x", "10.1038", "10.1038/", "10.12/x",
        "1038/sj.npp.1300219", "10.1038/a b"}},
      {"dailymed_setid",
       {"cd11c435-b0f0-4bb9-ae78-60f101f3703f", "CD11C435-B0F0-4BB9-AE78-60F101F3703F"},
       {"", "cd11c435-b0f0-4bb9-ae78-60f101f3703", "cd11c435b0f04bb9ae7860f101f3703fab12",
        "cd11c435-b0f0-4bb9-ae78-60f101f3703g"}},
      {"nda", {"NDA021897", "ANDA075434", "BLA125057"}, {"", "021897", "NDA21897", "NDA 021897", "nda021897"}},
      {"url", {"https://dailymed.nlm.nih.gov/", "http://example.org/x"}, {"", "https://", "ftp://x.org", "www.x.org",
                                                                           "https://x.org/a b"}},
      {"gtopdb_ligand", {"1639", "10651"}, {"", "L1639", "16 39"}},
      {"gtopdb_target", {"319"}, {"", "-319"}},
      {"pubchem_cid", {"5360515"}, {"", "CID5360515"}},
      {"rxcui", {"7243"}, {"", "RX7243"}},
      {"entrez", {"4988"}, {"", "4988a"}},
      {"drugcentral", {"1867"}, {"", "DC1867"}},
      {"chembl", {"CHEMBL19019", "CHEMBL2095181"}, {"", "19019", "chembl19019", "CHEMBL", "CHEMBL19019X"}},
      {"drugbank", {"DB00704"}, {"", "DB704", "DB000704", "db00704"}},
      {"unii", {"5S6W795CQM"}, {"", "5s6w795cqm", "5S6W795CQ", "5S6W795CQM1"}},
      {"hgnc", {"HGNC:8156"}, {"", "8156", "HGNC8156", "hgnc:8156"}},
      {"uniprot", {"P35372", "A0A024R161"}, {"", "P3537", "p35372", "P35372-1"}},
      {"dbsnp", {"rs1799971"}, {"", "1799971", "RS1799971", "rs"}},
      {"mesh", {"D000437", "C000589"}, {"", "000437", "M000437", "D"}},
      {"ensembl", {"ENSG00000112038"}, {"", "ENSG0000011203", "ENST00000112038"}},
      {"inchikey", {"DQCKKXVULJGBQN-XFWGSAIBSA-N"}, {"", "DQCKKXVULJGBQN-XFWGSAIBSA", "dqckkxvuljgbqn-xfwgsaibsa-n"}},
      {"chebi", {"CHEBI:7465"}, {"", "7465", "CHEBI7465"}},
      {"mondo", {"MONDO:0007079"}, {"", "0007079", "MONDO_0007079"}},
      {"doid", {"DOID:1574"}, {"", "1574", "DOID_1574"}},
      {"umls", {"C0001973"}, {"", "C000197", "0001973C", "D0001973"}},
      {"hetionet", {"Compound::DB00704"}, {""}},
      {"kgx", {"CHEBI:7465"}, {""}},
  };
  for (auto const& r : rows) {
    CAPTURE(r.scheme);
    for (auto v : r.good) {
      CAPTURE(v);
      auto ok = valid_identifier(r.scheme, v);
      CHECK(ok);
      CHECK(ok.diagnostics.empty());
    }
    for (auto v : r.bad) {
      CAPTURE(v);
      auto ok = valid_identifier(r.scheme, v);
      CHECK_FALSE(ok);
      REQUIRE(ok.diagnostics.size() == 1);
      CHECK(ok.diagnostics[0].code == errc::bad_identifier);
      CHECK_FALSE(ok.diagnostics[0].expected.empty());
      CHECK(ok.diagnostics[0].found == "'" + std::string(v) + "'");
    }
  }
  auto unknown = valid_identifier("isbn", "978-3-16-148410-0");
  CHECK_FALSE(unknown);
  CHECK(unknown.diagnostics.at(0).expected == "a known identifier scheme");
  CHECK_THROWS_WITH_AS(unknown.value_or_throw(),
                       "error: expected a known identifier scheme, found '978-3-16-148410-0'", load_error);
}

TEST_CASE("load limits: files and strings beyond load_options are errc::limit") {
  auto text = read_bytes(data_dir / "good" / "targets.toml");
  std::vector<document> docs{{"good/targets.toml", text}};
  {
    load_options small;
    small.max_file_bytes = 100;
    auto r = try_load(docs, nullptr, small);
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == errc::limit);
    CHECK(r.diagnostics[0].to_string() ==
          fmt::format("good/targets.toml: error: expected a file of at most 100 bytes, found {} bytes", text.size()));
    // the same limit when reading from disk, checked before the file is read
    std::vector<fs::path> paths{data_dir / "good" / "targets.toml"};
    auto rf = try_load_files(paths, nullptr, small);
    REQUIRE(rf.diagnostics.size() == 1);
    CHECK(rf.diagnostics[0].code == errc::limit);
    CHECK(rf.diagnostics[0].region.begin.line == 0);
    // exactly at the limit is fine
    load_options exact;
    exact.max_file_bytes = text.size();
    CHECK(try_load(docs, nullptr, exact));
  }
  {
    load_options o;
    o.max_string_bytes = 40;  // the target's name fits, its family "trace amine receptors (GPCR)" too; a title does not
    auto r = try_load(docs, nullptr, o);
    CHECK_FALSE(r);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == errc::limit);
    CHECK(r.diagnostics[0].region.begin.line == 11);  // the source's title
    CHECK(r.diagnostics[0].to_string() ==
          "good/targets.toml:11:9: error: expected a string of at most 40 bytes, found 59 bytes");
  }
  {
    // a long string inside an array (synonyms) is caught too
    load_options o;
    o.max_string_bytes = 8;
    std::vector<document> d{doc("s.toml", R"([[effect]]
id = "effect:e"
name = "e"
synonyms = ["short", "much too long"]
)")};
    auto r = try_load(d, nullptr, o);
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].to_string() == "s.toml:4:22: error: expected a string of at most 8 bytes, found 13 bytes");
  }
}
