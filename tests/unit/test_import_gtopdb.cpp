// The GtoPdb importer: actions, modality, affinities with their sources, names without HTML, merging into the
// curated knowledge base, errors; and (opt-in) the full tables in ../shared/data.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

fs::path const dir = fs::path(PHARMAKON_TEST_DATA) / "import" / "gtopdb";

import_result import_all(import_options const& o = {}) {
  std::vector<fs::path> files{dir / "interactions.csv", dir / "ligands.csv", dir / "targets_and_families.csv"};
  return try_import_gtopdb(files, o);
}

}  // namespace

TEST_CASE("gtopdb: interactions become acts_on claims with actions, affinities and PubMed sources") {
  auto r = import_all();
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == "drug:gtopdb:1639");
  CHECK(kb[ntx].identifier_of("gtopdb_ligand") == "1639");
  CHECK(kb.find<drug>("gtopdb_ligand:1639") == ntx);
  auto mu = kb.at<target>("μ receptor");  // "&mu; receptor" in the file
  CHECK(kb[mu].gene_symbol == "OPRM1");
  CHECK(kb[mu].type == target_type::receptor);
  CHECK(kb[mu].family == "Opioid receptors");
  CHECK(kb[mu].identifier_of("uniprot") == "P35372");
  // the human gene of the target, from targets_and_families.csv
  REQUIRE(kb.out<rel::encoded_by>(mu).count() == 1);
  CHECK(kb[(*kb.out<rel::encoded_by>(mu).begin()).object()].identifier_of("entrez") == "4988");
  bool found = false;
  for (auto e : kb.out<rel::acts_on>(ntx)) {
    if (e.object() != mu) continue;
    CHECK(e.payload().type == action_type::antagonist);
    REQUIRE(!e.payload().affinities.empty());
    auto const& af = e.payload().affinities.front();
    CHECK(af.measure == affinity_measure::pKi);
    CHECK(af.species == "human");
    if (af.low && af.high) {
      found = true;
      CHECK(*af.low < *af.high);  // 9.15 .. 9.7 in GtoPdb 2020.5
      CHECK(af.central() == doctest::Approx(9.425).epsilon(0.01));
    }
    // sources: the ligand's GtoPdb page and each PubMed id, the latter also on the affinity
    bool has_pmid = false;
    for (auto s : e.sources()) has_pmid = has_pmid || !kb.get(s).identifier_or_empty("pmid").empty();
    CHECK(has_pmid);
    CHECK(e.tier() == evidence_tier::research);
    CHECK(!af.sources.empty());
  }
  CHECK(found);
  // a whole-organism assay row keeps its organism as the "target"
  auto plasmodium = std::ranges::find_if(kb.all<target>(), [](target const& t) { return t.name.find("Plasmodium") == 0; });
  CHECK(plasmodium != kb.all<target>().end());
  // every row is a claim
  std::uint64_t rows = 0;
  for (auto const& e : r.report.edges) rows += e.count;
  CHECK(rows == 27);
  CHECK(std::size_t(std::ranges::distance(kb.claims<rel::acts_on>())) == 27);
}

TEST_CASE("gtopdb: HTML in names becomes plain text") {
  CHECK(gtopdb_plain_text("&mu; receptor") == "μ receptor");
  CHECK(gtopdb_plain_text("5-HT<sub>2A</sub> receptor") == "5-HT2A receptor");
  CHECK(gtopdb_plain_text("<i>N</i>-methyl &#945; &amp; &reg;") == "N-methyl α & ®");
  CHECK(gtopdb_plain_text("a < b & c") == "a < b & c");
  CHECK(gtopdb_plain_text("&unknown; &#xZZ;") == "&unknown; &#xZZ;");
}

TEST_CASE("gtopdb: on top of the curated knowledge base, GtoPdb's ligands and targets merge into its entities") {
  import_options o;
  o.base = &default_kb();
  auto r = import_all(o);
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == "drug:naltrexone");  // the curated one (gtopdb_ligand 1639)
  auto mor = kb.at<target>("MOR");
  CHECK(kb.in<rel::acts_on>(mor).count() > default_kb().in<rel::acts_on>(default_kb().at<target>("MOR")).count());
  // sources the base already has are reused, not duplicated
  CHECK(kb.find_source("src:gtopdb:ligand:1639").has_value());
  CHECK(kb.sources().size() < default_kb().sources().size() + 40);
}

TEST_CASE("gtopdb: names as a user types them: any case, salt words, ids with or without a prefix") {
  auto r = import_all();
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb.at<drug>("NALTREXONE") == ntx);
  CHECK(kb.at<drug>("Naltrexone Hydrochloride") == ntx);  // a salt's name: the ligand GtoPdb lists
  CHECK(kb.at<drug>("1639") == ntx);
  CHECK(kb.at<drug>("gtopdb:1639") == ntx);  // the database's name for the scheme gtopdb_ligand
  CHECK(kb.at<drug>("GtoPdb_Ligand:1639") == ntx);
  auto mu = kb.at<target>("μ receptor");
  CHECK(kb.at<target>("gtopdb:319") == mu);
  CHECK(kb.at<target>("gtopdb_target:319") == mu);
  // an unknown name: suggestions, also for a salt's name with a typo
  auto s = kb.suggest("naltrexon hydrochloride", node_kind::drug);
  REQUIRE(!s.empty());
  CHECK(s[0] == "naltrexone");
  CHECK_THROWS_WITH_AS(kb.at<drug>("naltrexon"), doctest::Contains("did you mean naltrexone"), lookup_error);
}

TEST_CASE("gtopdb: the release from the version line, the file or the folder name, else 'unknown'") {
  CHECK(gtopdb_release("gtopdb-2020.5-interactions.csv") == "2020.5");
  CHECK(gtopdb_release("2020-5") == "2020.5");
  CHECK(gtopdb_release("# GtoPdb Version: 2021.3 - published: 2021-09-15") == "2021.3");
  CHECK(gtopdb_release("interactions.csv").empty());
  CHECK(gtopdb_release("12020.5").empty());
  auto r = import_all();
  REQUIRE_MESSAGE(r, first_error(r));
  CHECK(r.kb->version() == "unknown");  // the fixtures' names say nothing, and they have no version line
  CHECK(r.kb->name() == "gtopdb");
  temp_dir tmp("gtopdb-release");
  // the file names of ../shared/data/gtopdb: interactions 2020.5, ligands 2019.5
  fs::copy_file(dir / "interactions.csv", tmp.path / "gtopdb-2020.5-interactions.csv");
  fs::copy_file(dir / "ligands.csv", tmp.path / "gtopdb-2019.5-ligands.csv");
  std::vector<fs::path> named{tmp.path / "gtopdb-2020.5-interactions.csv", tmp.path / "gtopdb-2019.5-ligands.csv"};
  auto n = try_import_gtopdb(named);
  REQUIRE_MESSAGE(n, first_error(n));
  CHECK(n.kb->version() == "2020.5");
  bool mixed = false;
  for (auto const& note : n.report.notes) mixed = mixed || note.find("is from GtoPdb 2019.5, the interactions from 2020.5") != std::string::npos;
  CHECK(mixed);
  // a download's first line names its release; the header is the line after it
  fs::create_directories(tmp.path / "dl");
  {
    std::ifstream in(dir / "interactions.csv");
    std::ofstream out(tmp.path / "dl" / "interactions.csv");
    out << "\"# GtoPdb Version: 2020.5 - published: 2020-10-01\"\n" << in.rdbuf();
  }
  std::vector<fs::path> versioned{tmp.path / "dl" / "interactions.csv"};
  auto v = try_import_gtopdb(versioned);
  REQUIRE_MESSAGE(v, first_error(v));
  CHECK(v.kb->version() == "2020.5");
  std::vector<fs::path> only{dir / "interactions.csv"};
  CHECK(v.kb->claim_count() == try_import_gtopdb(only).kb->claim_count());  // every row read, none lost to the line
  // the options win
  import_options o;
  o.version = "2020.5 (scConnect copy)";
  CHECK(try_import_gtopdb(versioned, o).kb->version() == "2020.5 (scConnect copy)");
}

TEST_CASE("gtopdb: bad tables are errors with file and line") {
  temp_dir scratch("gtopdb");
  auto const& tmp = scratch.path;
  std::ifstream in(dir / "interactions.csv");
  std::string header;
  std::getline(in, header);
  auto write = [&](std::string const& body) {
    std::ofstream(tmp / "interactions.csv") << header << "\n" << body;
    std::vector<fs::path> f{tmp / "interactions.csv"};
    return try_import_gtopdb(f);
  };
  auto cols = std::count(header.begin(), header.end(), ',');
  auto row = [&](std::string const& target_id, std::string const& ligand_id, std::string const& median) {
    // target,target_id,...: fill the columns the importer reads, leave the rest empty
    std::vector<std::string> f(std::size_t(cols) + 1);
    f[0] = "x";
    f[1] = target_id;
    f[12] = "lig";
    f[13] = ligand_id;
    f[18] = "Antagonist";
    f[19] = "Antagonist";
    f[25] = "pKi";
    f[27] = median;
    std::string out;
    for (std::size_t i = 0; i < f.size(); ++i) out += (i ? "," : "") + f[i];
    return out + "\n";
  };
  auto ok = write(row("319", "1639", "9.2") + "\"a,\"\"quoted\"\"\nmulti-line\"" + row("320", "1639", "7").substr(1));
  CHECK_MESSAGE(ok, first_error(ok));
  auto bad_id = write(row("319", "x1", "9.2"));
  REQUIRE(!bad_id.diagnostics.empty());
  CHECK(bad_id.diagnostics.front().code == errc::bad_id);
  CHECK(bad_id.diagnostics.front().region.begin.line == 2);
  auto bad_number = write(row("319", "1639", "nine"));
  REQUIRE(!bad_number.diagnostics.empty());
  CHECK(bad_number.diagnostics.front().code == errc::bad_quantity);
  auto short_row = write("a,b,c\n");
  REQUIRE(!short_row.diagnostics.empty());
  CHECK(short_row.diagnostics.front().code == errc::syntax);
  auto unclosed = write("\"never closed\n");
  REQUIRE(!unclosed.diagnostics.empty());
  CHECK(unclosed.diagnostics.front().to_string().find("closing quote") != std::string::npos);
  std::ofstream(tmp / "other.csv") << "a,b\n1,2\n";
  std::vector<fs::path> other{tmp / "other.csv"};
  auto unknown = try_import_gtopdb(other);
  REQUIRE(!unknown.diagnostics.empty());
  CHECK(unknown.diagnostics.front().to_string().find("a GtoPdb table header") != std::string::npos);
}

TEST_CASE("gtopdb: the full 2020.5 tables (opt-in: needs ../shared/data)") {
  fs::path g = fs::path(PHARMAKON_SHARED_DIR) / "data" / "gtopdb";
  std::vector<fs::path> files{g / "gtopdb-2020.5-interactions.csv", g / "gtopdb-2019.5-ligands.csv",
                              g / "gtopdb-2020.5-peptides.csv", g / "gtopdb-2020.5-targets_and_families.csv"};
  for (auto const& f : files)
    if (!fs::exists(f)) {
      MESSAGE("skipped: " << f.string() << " is not there");
      return;
    }
  auto r = try_import_gtopdb(files);
  REQUIRE_MESSAGE(r, first_error(r));
  CHECK(std::size_t(std::ranges::distance(r.kb->claims<rel::acts_on>())) == 20268);
  CHECK(r.kb->all<drug>().size() == 8819);
  // the release from the file names; the 2019.5 ligand table named in the report
  CHECK(r.kb->version() == "2020.5");
  bool mixed = false;
  for (auto const& n : r.report.notes) mixed = mixed || n.find("ligands.csv is from GtoPdb 2019.5") != std::string::npos;
  CHECK(mixed);
  // names as typed: any case, the salt a user may type, GtoPdb's id with the database's prefix
  auto ntx = r.kb->at<drug>("Naltrexone");
  CHECK(r.kb->at<drug>("naltrexone hydrochloride") == ntx);
  CHECK(r.kb->at<drug>("gtopdb:1639") == ntx);
}
