// The Hetionet importer: mapping, report, errors on bad input, cancellation, merging into a base, and (opt-in)
// the real files in ../shared/data.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <fstream>
#include <set>

using namespace pharmakon;
using namespace pharmakon::test;
using namespace std::string_literals;
namespace fs = std::filesystem;

namespace {

fs::path const fixtures = fs::path(PHARMAKON_TEST_DATA) / "import" / "hetionet";


import_result import_fixture(std::string const& edges_name = "edges.sif", import_options const& o = {}) {
  return try_import_hetionet(fixtures / "nodes.tsv", fixtures / edges_name, o);
}

}  // namespace

TEST_CASE("hetionet: nodes and edges become typed entities and claims, nothing dropped") {
  auto r = import_fixture();
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto st = kb.stats();
  CHECK(st.nodes[std::size_t(node_kind::drug)] > 0);
  CHECK(st.nodes[std::size_t(node_kind::gene)] > 0);
  // every node of the table is an entity (targets are extra: one per bound gene)
  std::size_t table_rows = 0;
  for (auto const& row : r.report.nodes) table_rows += row.count;
  CHECK(table_rows == 65);
  std::size_t all = 0;
  for (auto k : enum_values<node_kind>())
    if (k != node_kind::target) all += st.nodes[std::size_t(k)];
  CHECK(all == 65);
  // every edge is a claim (plus one encoded_by per made target)
  std::size_t edges = 0;
  for (auto const& row : r.report.edges) edges += row.count;
  CHECK(edges == 71);
  CHECK(kb.claim_count() == 71 + st.nodes[std::size_t(node_kind::target)]);

  auto ntx = kb.at<drug>("Naltrexone");
  CHECK(kb[ntx].id == "drug:DB00704");
  CHECK(kb[ntx].identifier_of("drugbank") == "DB00704");
  CHECK(kb.find<drug>("DB00704") == ntx);
  CHECK(kb.find<drug>("drugbank:DB00704") == ntx);
  // Compound-binds-Gene: acts_on a target encoded by the gene
  auto naloxone = kb.at<drug>("Naloxone");
  bool binds_oprm1 = false;
  for (auto e : kb.out<rel::acts_on>(naloxone)) {
    CHECK(e.payload().type == action_type::other);
    for (auto g : kb.out<rel::encoded_by>(e.object())) binds_oprm1 = binds_oprm1 || kb[g.object()].symbol == "OPRM1";
  }
  CHECK(binds_oprm1);
  CHECK(kb.find<target>("target:4988").has_value());
  CHECK(kb.find<gene>("gene:4988") == kb.find<gene>("OPRM1"));
  // treats and palliates are indications; palliation keeps its note
  bool treats = false, palliates = false;
  for (auto e : kb.claims<rel::indicated_for>()) {
    if (e.note().find("palliates") != std::string_view::npos) palliates = true;
    else treats = true;
  }
  CHECK(treats);
  CHECK(palliates);
  CHECK(std::ranges::distance(kb.claims<rel::produces>()) == 3);
  // everything else is a concept with its kind, and a related claim with its verb
  auto pain = kb.find<concept_node>("concept:Symptom::D006963");
  REQUIRE(pain);
  CHECK(kb[*pain].kind_label == "Symptom");
  CHECK(kb[*pain].identifier_of("mesh") == "D006963");
  std::set<std::string> verbs;
  for (auto e : kb.claims<rel::related>()) verbs.insert(e.payload().label);
  CHECK(verbs.count("participates"));
  CHECK(verbs.count("resembles"));
  CHECK(verbs.count("presents"));
  // every claim cites the dataset
  auto src = kb.find_source(hetionet_source_id);
  REQUIRE(src);
  CHECK(kb.get(*src).identifier_or_empty("doi") == "10.7554/eLife.26726");
  CHECK(kb.get(*src).kind == source_kind::database);
  for (std::uint32_t c = 0; c < kb.claim_count(); ++c) {
    auto cv = kb.claim(claim_id{c});
    REQUIRE(cv.sources().size() == 1);
    CHECK(cv.sources()[0] == *src);
    CHECK(cv.tier() == evidence_tier::other);
  }
  // entities point at their line in the node table
  CHECK(kb[ntx].region.known());
  CHECK(kb[ntx].region.begin.line > 1);
  // the report
  auto text = r.report.to_string();
  CHECK(text.find("CbG (Compound binds Gene)") != std::string::npos);
  CHECK(text.find("acts_on") != std::string::npos);
  CHECK(text.find("concept 'Biological Process'") != std::string::npos);
}

TEST_CASE("hetionet: Hetionet's own ids and any case find entities; show names each claim's other end") {
  auto r = import_fixture();
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("Naltrexone");
  CHECK(kb.at<drug>("NALTREXONE") == ntx);
  CHECK(kb.at<drug>("naltrexone hydrochloride") == ntx);
  CHECK(kb.at<drug>("Compound::DB00704") == ntx);
  auto oprm1 = kb.at<gene>("OPRM1");
  CHECK(kb.at<gene>("Gene::4988") == oprm1);
  CHECK(kb.at<gene>("entrez:4988") == oprm1);
  CHECK(kb.at<gene>("4988") == oprm1);
  // the version: the only release there is (the file names of ../shared/data say v1.0 too)
  CHECK(kb.version() == "1.0");
  CHECK(hetionet_release("hetionet-v1.0-nodes.tsv") == "1.0");
  CHECK(hetionet_release("nodes.tsv").empty());
  // `show OPRM1`: the gene and its target, each claim's other end by name (with its id)
  auto found = kb.find_all("OPRM1");
  REQUIRE(found.size() == 2);
  auto text = render_entities(kb, found, output_format::text);
  CHECK(text.find("Naloxone (drug:DB01183)") != std::string::npos);
  CHECK(text.find("regulation of protein transport (") != std::string::npos);
  for (auto n : found)
    for (auto [it, end] = boost::out_edges(kb.vertex(n), kb.graph()); it != end; ++it) {
      auto const& other = kb.base(kb.claim(claim_id{it->idx}).object());
      CHECK_MESSAGE(text.find(fmt::format("{} ({})", other.name, other.id)) != std::string::npos, other.id);
    }
  auto json = render_entities(kb, found, output_format::json);
  CHECK(json.find("\"other_name\": \"Naloxone\"") != std::string::npos);
}

TEST_CASE("hetionet: gzipped or plain, in either order, the same knowledge base") {
  auto plain = import_fixture("edges.sif");
  auto gz = import_fixture("edges.sif.gz");
  REQUIRE(plain);
  REQUIRE(gz);
  CHECK(plain.kb->content_hash() == gz.kb->content_hash());
  auto swapped = try_import_hetionet(fixtures / "edges.sif.gz", fixtures / "nodes.tsv");
  REQUIRE(swapped);
  CHECK(swapped.kb->content_hash() == plain.kb->content_hash());
  import_options one_thread;
  one_thread.background_decompression = false;
  auto inline_read = import_fixture("edges.sif.gz", one_thread);
  REQUIRE(inline_read);
  CHECK(inline_read.kb->content_hash() == plain.kb->content_hash());
  CHECK(hetionet_pharmakon_id("Biological Process::GO:0000002") == "concept:Biological_Process::GO:0000002");
  CHECK(hetionet_pharmakon_id("Compound::DB00704") == "drug:DB00704");
  CHECK_FALSE(hetionet_pharmakon_id("no separator"));
}

TEST_CASE("hetionet: bad input is an error with file, line and column, never a crash") {
  temp_dir tmp("hetionet");
  auto nodes = read_bytes(fixtures / "nodes.tsv");
  auto edges = read_bytes(fixtures / "edges.sif");
  auto expect_error = [&](std::string const& edges_text, errc code, std::string const& where, std::string const& what) {
    auto e = tmp.write("bad.sif", edges_text);
    auto r = try_import_hetionet(fixtures / "nodes.tsv", e);
    CHECK_FALSE(r.kb);
    REQUIRE(!r.diagnostics.empty());
    CHECK(r.diagnostics.front().code == code);
    auto msg = r.diagnostics.front().to_string();
    CHECK_MESSAGE(msg.find(where) != std::string::npos, msg);
    CHECK_MESSAGE(msg.find(what) != std::string::npos, msg);
  };
  std::string head = "source\tmetaedge\ttarget\n";
  expect_error(head + "Compound::DB00704\tCbG\n", errc::syntax, "bad.sif:2:1: error: expected 3 tab-separated",
               "found 2 columns");
  expect_error(head + "Compound::DB00704\tCbG\tGene::4988\textra\n", errc::syntax, "bad.sif:2:1:", "found 4 columns");
  expect_error(head + "Compound::DB00704\tCxG\tGene::4988\n", errc::unknown_enum, "bad.sif:2:19:", "found 'CxG'");
  expect_error(head + "Compound::DB00704\tCbG\tGene::999999999\n", errc::unknown_reference, "bad.sif:2:23:",
               "found 'Gene::999999999'");
  expect_error(head + "Compound::DB00704\tCbG\tDisease::DOID:0050741\n", errc::syntax, "bad.sif:2:23:",
               "expected a Gene node (CbG is Compound - binds - Gene)");
  expect_error(head + "Compound::DB00704\tCbG\tGe\0ne::4988\n"s, errc::encoding, "bad.sif:2", "NUL");
  expect_error("", errc::syntax, "bad.sif:1:1:", "an empty file");
  expect_error("from\tto\n", errc::syntax, "bad.sif:1:1:", "a Hetionet header");

  // several problems: all reported (up to the limit), in file order
  auto r = try_import_hetionet(fixtures / "nodes.tsv",
                               tmp.write("many.sif", head + "a\n" + "Compound::DB00704\tXX\tGene::4988\n"));
  CHECK(r.diagnostics.size() == 2);

  // a truncated gzip stream
  auto gz = read_bytes(fixtures / "edges.sif.gz");
  auto cut = tmp.write("cut.sif.gz", gz.substr(0, gz.size() / 2));
  auto t = try_import_hetionet(fixtures / "nodes.tsv", cut);
  CHECK_FALSE(t.kb);
  REQUIRE(!t.diagnostics.empty());
  CHECK(t.diagnostics.front().code == errc::corrupt);
  CHECK(t.diagnostics.front().to_string().find("truncated") != std::string::npos);

  // node table problems
  auto bad_nodes = [&](std::string const& text) {
    return try_import_hetionet(tmp.write("nodes.tsv", text), fixtures / "edges.sif");
  };
  auto nh = std::string("id\tname\tkind\n");
  auto d = bad_nodes(nh + "Compound::DB00704\tNaltrexone\tCompound\nCompound::DB00704\tNaltrexone\tCompound\n");
  REQUIRE(!d.diagnostics.empty());
  CHECK(d.diagnostics.front().code == errc::duplicate_id);
  CHECK(d.diagnostics.front().region.begin.line == 3);
  auto k = bad_nodes(nh + "Compound::DB00704\tNaltrexone\tGene\n");
  REQUIRE(!k.diagnostics.empty());
  CHECK(k.diagnostics.front().to_string().find("the kind the id names") != std::string::npos);
  auto u = bad_nodes(nh + "Compound::DB00704\tNal\xff\tCompound\n");
  REQUIRE(!u.diagnostics.empty());
  CHECK(u.diagnostics.front().code == errc::encoding);
  auto m = try_import_hetionet(tmp.path / "missing.tsv", fixtures / "edges.sif");
  REQUIRE(!m.diagnostics.empty());
  CHECK(m.diagnostics.front().code == errc::io);
  CHECK_THROWS_AS(import_hetionet(tmp.path / "missing.tsv", fixtures / "edges.sif"), load_error);
}

TEST_CASE("hetionet: a node kind v1.0 does not have is kept as a concept of that kind") {
  temp_dir tmp("hetionet");
  auto nodes = read_bytes(fixtures / "nodes.tsv") + "Protein Complex::CPX-1\tsome complex\tProtein Complex\r\n";
  auto r = try_import_hetionet(tmp.write("nodes.tsv", nodes), fixtures / "edges.sif");
  REQUIRE_MESSAGE(r, first_error(r));
  auto c = r.kb->find<concept_node>("concept:Protein_Complex::CPX-1");
  REQUIRE(c);
  CHECK(r.kb->get(*c).kind_label == "Protein Complex");
  CHECK(r.report.to_string().find("Protein Complex (not in v1.0)") != std::string::npos);
}

TEST_CASE("hetionet: the progress callback sees the import and can cancel it") {
  std::vector<std::string> phases;
  import_options o;
  o.progress = [&](import_progress const& p) {
    phases.emplace_back(p.phase);
    return true;
  };
  auto r = import_fixture("edges.sif.gz", o);
  REQUIRE(r);
  CHECK(std::find(phases.begin(), phases.end(), "building") != phases.end());
  CHECK(phases.back() == "done");

  import_options c;
  c.progress = [](import_progress const&) { return false; };
  auto cancelled = import_fixture("edges.sif", c);
  CHECK_FALSE(cancelled.kb);
  CHECK(cancelled.cancelled);
  std::atomic<bool> flag{true};
  import_options f;
  f.cancel = &flag;
  auto by_flag = import_fixture("edges.sif", f);
  CHECK_FALSE(by_flag.kb);
  CHECK(by_flag.cancelled);
  CHECK_THROWS_AS(std::move(by_flag).value_or_throw(), load_error);
  // a terminal progress line is silent when the stream is not a terminal
  std::FILE* sink = std::tmpfile();
  auto cb = terminal_progress(sink);
  CHECK(cb(import_progress{"edges", "x", 1, 2, 3, 0.5}));
  CHECK(std::ftell(sink) == 0);
  std::fclose(sink);
}

TEST_CASE("hetionet: imported on top of a knowledge base, known drugs and genes merge into its entities") {
  auto const& base = default_kb();
  import_options o;
  o.base = &base;
  auto r = import_fixture("edges.sif", o);
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  CHECK(kb.name() == base.name());
  // one naltrexone, the curated one, now with Hetionet's claims as well
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == "drug:naltrexone");
  CHECK_FALSE(kb.find<drug>("drug:DB00704"));
  // Hetionet's naloxone-binds-OPRM1 lands on the curated mu receptor (encoded by gene:OPRM1, Entrez 4988)
  auto mor = kb.at<target>("MOR");
  bool from_hetionet = false;
  for (auto e : kb.in<rel::acts_on>(mor))
    for (auto s : e.sources()) from_hetionet = from_hetionet || kb.get(s).id == hetionet_source_id;
  CHECK(from_hetionet);
  CHECK(r.report.to_string().find("merged into the base") != std::string::npos);
  // the base is untouched
  CHECK(base.find_source(hetionet_source_id) == std::nullopt);
}

TEST_CASE("hetionet: the real node table and 5k-per-metaedge sample (opt-in: needs ../shared/data)") {
  fs::path dir = fs::path(PHARMAKON_SHARED_DIR) / "data" / "hetionet";
  auto nodes = dir / "hetionet-v1.0-nodes.tsv";
  auto edges = dir / "hetionet-v1.0-edges-5k-per-metaedge.sif.gz";
  if (!fs::exists(nodes) || !fs::exists(edges)) {
    MESSAGE("skipped: " << dir.string() << " is not there");
    return;
  }
  auto r = try_import_hetionet(nodes, edges);
  REQUIRE_MESSAGE(r, first_error(r));
  CHECK(r.kb->version() == "1.0");  // from the file names
  CHECK(r.kb->at<drug>("Compound::DB00704") == r.kb->at<drug>("naltrexone"));
  std::uint64_t n = 0, e = 0;
  for (auto const& row : r.report.nodes) n += row.count;
  for (auto const& row : r.report.edges) e += row.count;
  CHECK(n == 47031);
  CHECK(e == 99676);
  CHECK(r.report.edges.size() == 24);
  auto const& kb = *r.kb;
  CHECK(kb.stats().nodes[std::size_t(node_kind::drug)] == 1552);
  CHECK(kb.stats().nodes[std::size_t(node_kind::gene)] == 20945);
  // a snapshot of it loads back the same
  auto snap = fs::temp_directory_path() / fmt::format("pharmakon-test-{}.pkb", ::getpid());
  save_snapshot(kb, snap);
  auto back = load_snapshot(snap);
  fs::remove(snap);
  CHECK(back.content_hash() == kb.content_hash());
}
