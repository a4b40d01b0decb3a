// The DrugCentral importer: drugs, targets with their UniProt accessions and genes, action types, activities as
// p-affinities, the cited URLs as sources of the right kind, merging into the curated knowledge base, errors at the
// field's line and column (quoted fields, embedded tabs, empty fields); and (opt-in) the full file in ../shared/data.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <map>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

fs::path const dir = fs::path(PHARMAKON_TEST_DATA) / "import" / "drugcentral";

import_result import_file(fs::path const& f, import_options const& o = {}) {
  std::vector<fs::path> files{f};
  return try_import_drugcentral(files, o);
}

/// The acts_on claims of `d` at the target with UniProt accession `accession`.
std::vector<edge<rel::acts_on>> acting(knowledge_base const& kb, drug_id d, std::string_view accession) {
  std::vector<edge<rel::acts_on>> out;
  for (auto e : kb.out<rel::acts_on>(d))
    for (auto const& i : kb[e.object()].ids)
      if (i.scheme == "uniprot" && i.value == accession) out.push_back(e);
  return out;
}

bool cites(knowledge_base const& kb, edge<rel::acts_on> const& e, std::string_view source) {
  for (auto s : e.sources())
    if (kb.get(s).id == source) return true;
  return false;
}

std::string const columns[] = {"DRUG_NAME",      "STRUCT_ID",      "TARGET_NAME", "TARGET_CLASS", "ACCESSION",
                               "GENE",           "SWISSPROT",      "ACT_VALUE",   "ACT_UNIT",     "ACT_TYPE",
                               "ACT_COMMENT",    "ACT_SOURCE",     "RELATION",    "MOA",          "MOA_SOURCE",
                               "ACT_SOURCE_URL", "MOA_SOURCE_URL", "ACTION_TYPE", "TDL",          "ORGANISM"};

/// A row as DrugCentral writes it (text quoted, numbers and empty fields not), with some fields replaced by raw text.
std::string row(std::map<std::string, std::string> raw = {}) {
  std::map<std::string, std::string> v = {
      {"DRUG_NAME", "\"naltrexone\""},
      {"STRUCT_ID", "1765"},
      {"TARGET_NAME", "\"Mu-type opioid receptor\""},
      {"TARGET_CLASS", "\"GPCR\""},
      {"ACCESSION", "\"P35372\""},
      {"GENE", "\"OPRM1\""},
      {"SWISSPROT", "\"OPRM_HUMAN\""},
      {"ACT_VALUE", "9.38"},
      {"ACT_TYPE", "\"Ki\""},
      {"ACT_SOURCE", "\"WOMBAT-PK\""},
      {"RELATION", "\"=\""},
      {"MOA", "1"},
      {"MOA_SOURCE", "\"CHEMBL\""},
      {"MOA_SOURCE_URL", "\"https://www.ebi.ac.uk/chembl/compound/inspect/CHEMBL19019\""},
      {"ACTION_TYPE", "\"ANTAGONIST\""},
      {"TDL", "\"Tclin\""},
      {"ORGANISM", "\"Homo sapiens\""}};
  for (auto const& [k, x] : raw) v[k] = x;
  std::string out;
  for (auto const& c : columns) out += (out.empty() ? "" : "\t") + v[c];
  return out;
}

/// The 1-based byte column where field `name` starts in `line`.
std::uint32_t column_of(std::string const& line, std::string const& name) {
  std::size_t at = 0;
  for (auto const& c : columns) {
    if (c == name) return std::uint32_t(at + 1);
    at = line.find('\t', at) + 1;
  }
  return 0;
}

}  // namespace

TEST_CASE("drugcentral: interactions become acts_on claims with actions, p-affinities and their sources") {
  auto r = import_file(dir / "drug.target.interaction.tsv");
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  CHECK(kb.name() == "drugcentral");
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == "drug:drugcentral:1765");
  CHECK(kb[ntx].identifier_of("drugcentral") == "1765");
  CHECK(kb[ntx].identifier_of("chembl") == "CHEMBL19019");  // the ChEMBL page DrugCentral links, this drug's alone
  CHECK(kb.find<drug>("drugcentral:1765") == ntx);
  // the human mu receptor: one accession, its gene, its DrugCentral target card
  auto mor = kb.at<target>("uniprot:P35372");
  CHECK(kb[mor].id == "target:drugcentral:P35372");
  CHECK(kb[mor].name == "Mu-type opioid receptor");
  CHECK(kb[mor].type == target_type::receptor);
  CHECK(kb[mor].family == "GPCR");
  CHECK(kb[mor].species == "human");
  CHECK(kb[mor].gene_symbol == "OPRM1");
  CHECK(kb.find<target>("OPRM_HUMAN") == mor);  // SWISSPROT entry names are synonyms
  REQUIRE(kb.out<rel::encoded_by>(mor).count() == 1);
  CHECK(kb[(*kb.out<rel::encoded_by>(mor).begin()).object()].symbol == "OPRM1");
  CHECK(kb.get(kb[mor].sources[0]).identifier_or_empty("url") == "https://drugcentral.org/target/P35372/view");
  auto at_mor = acting(kb, ntx, "P35372");
  REQUIRE(at_mor.size() == 1);
  auto const& e = at_mor[0];
  CHECK(e.payload().type == action_type::antagonist);
  REQUIRE(e.payload().affinities.size() == 1);
  auto const& af = e.payload().affinities[0];
  CHECK(af.measure == affinity_measure::pKi);  // DrugCentral's ACT_VALUE is -log10 molar
  CHECK(af.value == doctest::Approx(9.38));
  CHECK(af.species == "human");
  CHECK(e.note() == "mechanism-of-action target (DrugCentral MOA); activity source: WOMBAT-PK");
  CHECK(cites(kb, e, "src:drugcentral:1765"));
  CHECK(cites(kb, e, "src:chembl:CHEMBL19019"));
  auto const& page = kb.get(*kb.find_source("src:drugcentral:1765"));
  CHECK(page.kind == source_kind::database);
  CHECK(page.identifier_or_empty("url") == "https://drugcentral.org/drugcard/1765");
  CHECK(page.title == "DrugCentral: naltrexone (structure 1765)");
  // a rat receptor family: four accessions on one target, a gene for each symbol
  auto family = acting(kb, ntx, "Q9R0C9");
  REQUIRE(family.size() == 1);
  auto const& rat = kb[family[0].object()];
  CHECK(rat.id == "target:drugcentral:P33533_P33535_P34975_Q9R0C9");
  CHECK(rat.species == "Rattus norvegicus");
  CHECK(std::ranges::count_if(rat.ids, [](identifier const& i) { return i.scheme == "uniprot"; }) == 4);
  CHECK(kb.out<rel::encoded_by>(family[0].object()).count() == 4);
  CHECK(family[0].payload().affinities[0].species == "Rattus norvegicus");
  // the same rat family for codeine is the same target
  CHECK(acting(kb, kb.at<drug>("codeine"), "Q9R0C9")[0].object() == family[0].object());
  // every row is a claim
  CHECK(std::ranges::distance(kb.claims<rel::acts_on>()) == 30);
  std::uint64_t rows = 0;
  for (auto const& x : r.report.edges) rows += x.count;
  CHECK(rows == 30);
}

TEST_CASE("drugcentral: cited URLs become sources of their kind; what the model has no field for is in the note") {
  auto r = import_file(dir / "drug.target.interaction.tsv");
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  // a PubMed URL is a PubMed source: the claim has the research tier
  auto acarbose = acting(kb, kb.at<drug>("acarbose"), "P14410");
  REQUIRE(acarbose.size() == 1);
  CHECK(cites(kb, acarbose[0], "src:pmid:21669536"));
  CHECK(kb.get(*kb.find_source("src:pmid:21669536")).identifier_or_empty("pmid") == "21669536");
  CHECK(acarbose[0].tier() == evidence_tier::research);
  CHECK(acarbose[0].payload().affinities[0].sources.size() == 1);
  CHECK(kb.get(acarbose[0].payload().affinities[0].sources[0]).identifier_or_empty("pmid") == "21669536");
  // a DOI URL is a DOI source (id as the curated knowledge base writes them), the MoA's PubMed URL a second one
  auto mirodenafil = acting(kb, kb.at<drug>("mirodenafil"), "O76074");
  REQUIRE(mirodenafil.size() == 1);
  CHECK(cites(kb, mirodenafil[0], "src:doi:10.1002_jlcr.1116"));
  CHECK(kb.get(*kb.find_source("src:doi:10.1002_jlcr.1116")).identifier_or_empty("doi") == "10.1002/jlcr.1116");
  CHECK(cites(kb, mirodenafil[0], "src:pmid:18638004"));
  // a drug label URL is a label: the claim has the label tier
  auto adalimumab = acting(kb, kb.at<drug>("adalimumab"), "P01375");
  REQUIRE(adalimumab.size() == 1);
  CHECK(adalimumab[0].payload().type == action_type::binding_agent);  // ANTIBODY BINDING
  CHECK(adalimumab[0].tier() == evidence_tier::label);
  bool label = false;
  for (auto s : adalimumab[0].sources())
    label = label ||
            (kb.get(s).kind == source_kind::label && kb.get(s).identifier_or_empty("url").find("accessdata.fda.gov") != std::string::npos);
  CHECK(label);
  // a GtoPdb ligand page is that ligand's GtoPdb source
  auto nitrendipine = acting(kb, kb.at<drug>("(S)-nitrendipine"), "O15554");
  REQUIRE(nitrendipine.size() == 1);
  CHECK(cites(kb, nitrendipine[0], "src:gtopdb:ligand:2334"));
  CHECK(kb.get(*kb.find_source("src:gtopdb:ligand:2334")).identifier_or_empty("gtopdb_ligand") == "2334");
  // a reference given as text, not as a URL
  auto niperotidine = acting(kb, kb.at<drug>("niperotidine"), "P25021");
  REQUIRE(niperotidine.size() == 1);
  bool text = false;
  for (auto s : niperotidine[0].sources())
    text = text || kb.get(s).title.starts_with("CAROPPO, R, EFFECT OF NIPEROTIDINE");
  CHECK(text);
  CHECK(niperotidine[0].payload().affinities.empty());
  // an activity type that is not Ki/Kd/IC50/EC50 stays in the note with its value
  auto adenosine = acting(kb, kb.at<drug>("adenosine"), "P23526");
  REQUIRE(adenosine.size() == 1);
  CHECK(adenosine[0].payload().affinities.empty());
  CHECK(adenosine[0].note() == "Km 5.7959 (DrugCentral activity value, -log[M]); activity source: WOMBAT-PK");
  // a relation other than '=' is kept in the note; an affinity is still made
  auto pethidine = acting(kb, kb.at<drug>("pethidine"), "P41143");
  REQUIRE(pethidine.size() == 1);
  CHECK(pethidine[0].payload().type == action_type::agonist);
  CHECK(pethidine[0].payload().affinities[0].measure == affinity_measure::pIC50);
  CHECK(std::string(pethidine[0].note()).find("relation '>' on the activity value") != std::string::npos);
  // an action type with no counterpart is `other`, named in the note; a target without an accession keeps its name
  auto methoxsalen = kb.at<drug>("methoxsalen");
  REQUIRE(kb.out<rel::acts_on>(methoxsalen).count() == 1);
  auto dna = *kb.out<rel::acts_on>(methoxsalen).begin();
  CHECK(kb[dna.object()].id == "target:drugcentral:name:DNA");
  CHECK(dna.payload().type == action_type::other);
  CHECK(std::string(dna.note()).starts_with("DrugCentral action type 'CROSS-LINKING AGENT'"));
  CHECK(dna.tier() == evidence_tier::label);
}

TEST_CASE("drugcentral: the gzipped file imports to the same knowledge base") {
  auto plain = import_file(dir / "drug.target.interaction.tsv");
  auto gz = import_file(dir / "drug.target.interaction.tsv.gz");
  REQUIRE_MESSAGE(plain, first_error(plain));
  REQUIRE_MESSAGE(gz, first_error(gz));
  CHECK(plain.kb->content_hash() == gz.kb->content_hash());
}

TEST_CASE("drugcentral: on top of the curated knowledge base, drugs, targets and genes merge") {
  import_options o;
  o.base = &default_kb();
  auto r = import_file(dir / "drug.target.interaction.tsv", o);
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  // naltrexone by the ChEMBL id of the page DrugCentral links (CHEMBL19019); it gains the DrugCentral id
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == "drug:naltrexone");
  CHECK(kb[ntx].identifier_of("drugcentral") == "1765");
  CHECK(kb.find<drug>("drug:drugcentral:1765") == std::nullopt);
  CHECK(kb[kb.at<drug>("codeine")].id == "drug:codeine");  // CHEMBL485
  // the mu receptor by its UniProt accession: DrugCentral's pKi lands on the curated target
  auto mor = kb.at<target>("MOR");
  CHECK(kb[mor].id == "target:MOR");
  bool found = false;
  for (auto e : kb.out<rel::acts_on>(ntx))
    if (e.object() == mor && cites(kb, e, "src:drugcentral:1765")) {
      found = true;
      CHECK(e.payload().affinities.at(0).value == doctest::Approx(9.38));
    }
  CHECK(found);
  CHECK(kb.out<rel::encoded_by>(mor).count() ==
        default_kb().out<rel::encoded_by>(default_kb().at<target>("MOR")).count());
  // the guinea-pig OPRM1 is not the human gene
  auto gp = acting(kb, ntx, "P97266");
  REQUIRE(gp.size() == 1);
  CHECK(kb[(*kb.out<rel::encoded_by>(gp[0].object()).begin()).object()].id == "gene:drugcentral:Cavia_porcellus:OPRM1");
  bool merged = false;
  for (auto const& x : r.report.nodes)
    merged = merged || x.pharmakon == "drug (2 merged into the base: 0 by DrugCentral id, 2 by ChEMBL id)";
  CHECK(merged);
}

TEST_CASE("drugcentral: names as a user types them, and the release from the download folder's name") {
  auto r = import_file(dir / "drug.target.interaction.tsv");
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb.at<drug>("NALTREXONE") == ntx);
  CHECK(kb.at<drug>("naltrexone hydrochloride") == ntx);
  CHECK(kb.at<drug>("1765") == ntx);
  CHECK(kb.at<drug>("DrugCentral:1765") == ntx);
  CHECK(kb.at<drug>("CHEMBL19019") == ntx);
  CHECK(kb.at<drug>("chembl:chembl19019") == ntx);
  CHECK_THROWS_WITH_AS(kb.at<drug>("naltrexon"), doctest::Contains("did you mean naltrexone"), lookup_error);
  // the release: not in this file's name
  CHECK(kb.version() == "unknown");
  CHECK(drugcentral_release("2021_09_01") == "2021-09-01");
  CHECK(drugcentral_release("drugcentral-2018-01-11.tsv") == "2018-01-11");
  CHECK(drugcentral_release("drug.target.interaction.tsv.gz").empty());
  temp_dir tmp("drugcentral-release");
  fs::create_directories(tmp.path / "2021_09_01");
  fs::copy_file(dir / "drug.target.interaction.tsv.gz", tmp.path / "2021_09_01" / "drug.target.interaction.tsv.gz");
  auto d = import_file(tmp.path / "2021_09_01" / "drug.target.interaction.tsv.gz");
  REQUIRE_MESSAGE(d, first_error(d));
  CHECK(d.kb->version() == "2021-09-01");
}

TEST_CASE("drugcentral: quoted fields, embedded tabs, empty fields and bad values") {
  temp_dir tmp("drugcentral");
  std::string header;
  for (auto const& c : columns) header += (header.empty() ? "\"" : "\t\"") + c + "\"";
  auto path = (tmp.path / "dti.tsv").string();
  auto run = [&](std::string const& body) {
    std::ofstream(path, std::ios::binary) << header << "\n" << body;
    return import_file(path);
  };
  auto only = [&](import_result const& r) {
    INFO(first_error(r), " (", r.diagnostics.size(), " diagnostics)");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(!r.kb);
    return r.diagnostics.front();
  };
  // a tab and a line end inside quotes are text; empty fields are empty; "" is a quote
  auto ok = run(row({{"ACT_COMMENT", "\"assay\twith a tab and\na line end, \"\"quoted\"\"\""}}) + "\n" +
                row({{"ACT_VALUE", ""},
                     {"ACT_TYPE", ""},
                     {"RELATION", ""},
                     {"MOA", ""},
                     {"MOA_SOURCE", ""},
                     {"MOA_SOURCE_URL", ""},
                     {"ACTION_TYPE", ""},
                     {"GENE", ""},
                     {"SWISSPROT", ""},
                     {"TDL", ""},
                     {"ACT_SOURCE", ""}}) +
                "\n");
  REQUIRE_MESSAGE(ok, first_error(ok));
  auto const& kb = *ok.kb;
  auto claims = acting(kb, kb.at<drug>("naltrexone"), "P35372");
  REQUIRE(claims.size() == 2);
  CHECK(std::string(claims[0].note()).find("assay: assay with a tab and a line end, \"quoted\"") != std::string::npos);
  CHECK(claims[1].payload().type == action_type::other);
  CHECK(claims[1].payload().affinities.empty());
  CHECK(claims[1].note() == "");
  CHECK(claims[1].sources().size() == 1);  // the drug's DrugCentral page

  auto line = row({{"STRUCT_ID", "x1"}});
  auto d = only(run(line + "\n"));
  CHECK(d.code == errc::bad_id);
  CHECK(column_of(line, "STRUCT_ID") == 14);
  CHECK(d.to_string() ==
        path + ":2:14: error: expected a DrugCentral structure id (digits) in 'STRUCT_ID', found 'x1'");

  line = row({{"ACCESSION", "\"P35372|p4\""}});
  d = only(run(row() + "\n" + line + "\n"));
  CHECK(d.code == errc::bad_identifier);
  CHECK(d.region.begin.line == 3);
  CHECK(d.region.begin.column == column_of(line, "ACCESSION"));
  CHECK(d.expected == "UniProt accessions (6 or 10 upper-case letters and digits, |-separated) in 'ACCESSION'");
  CHECK(d.found == "'p4'");

  line = row({{"ACT_VALUE", "nine"}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::bad_quantity);
  CHECK(d.to_string() == fmt::format("{}:2:{}: error: expected a number in 'ACT_VALUE', found 'nine'", path,
                                     column_of(line, "ACT_VALUE")));

  line = row({{"MOA", "yes"}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::unknown_enum);
  CHECK(d.to_string() ==
        fmt::format("{}:2:{}: error: expected 1, 0 or nothing in 'MOA', found 'yes'", path, column_of(line, "MOA")));

  line = row({{"ACCESSION", ""}, {"TARGET_NAME", ""}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::missing_field);
  CHECK(d.to_string() == fmt::format("{}:2:{}: error: expected a target: an ACCESSION or a TARGET_NAME, found neither",
                                     path, column_of(line, "TARGET_NAME")));

  line = row({{"DRUG_NAME", "\"naltrexone\"x"}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::syntax);
  CHECK(d.to_string() == path + ":2:13: error: expected a tab or the line end after a closing quote, found more text");

  line = row({{"TARGET_NAME", "\"Mu\xc0 receptor\""}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::encoding);
  CHECK(d.to_string() == fmt::format("{}:2:{}: error: expected UTF-8 text in 'TARGET_NAME', found invalid UTF-8", path,
                                     column_of(line, "TARGET_NAME")));

  line = row({{"TARGET_CLASS", "\"GPCR\x07\""}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::encoding);
  CHECK(d.to_string() == fmt::format("{}:2:{}: error: expected text without control characters, found 'GPCR\\x07'",
                                     path, column_of(line, "TARGET_CLASS")));

  d = only(run("\"naltrexone\"\t1765\t\"x\"\n"));
  CHECK(d.to_string() == path + ":2:1: error: expected 20 tab-separated columns, found 3");

  line = row({{"ORGANISM", "\"Homo sapiens"}});
  d = only(run(line + "\nmore\n"));
  CHECK(d.to_string() == fmt::format("{}:2:{}: error: expected a closing quote for the field that starts here, found "
                                     "the end of the file",
                                     path, column_of(line, "ORGANISM")));
  // a quote closed too early: the text after it is the error, not the column count it leads to
  line = row({{"ACT_COMMENT", "\"never closed"}});
  d = only(run(line + "\n"));
  CHECK(d.code == errc::syntax);
  CHECK(d.region.begin.line == 2);
  CHECK(d.region.begin.column == column_of(line, "ACT_SOURCE") + 1);  // the W of "WOMBAT-PK", after the quote that closed it

  std::ofstream(tmp.path / "other.tsv") << "a\tb\n1\t2\n";
  d = only(import_file(tmp.path / "other.tsv"));
  CHECK(d.code == errc::syntax);
  CHECK(d.to_string().starts_with((tmp.path / "other.tsv").string() +
                                  ":1:1: error: expected a DrugCentral drug.target.interaction header"));
  std::ofstream(tmp.path / "short.tsv") << "\"STRUCT_ID\"\t\"ACCESSION\"\n1\tP35372\n";
  d = only(import_file(tmp.path / "short.tsv"));
  CHECK(d.to_string() ==
        (tmp.path / "short.tsv").string() + ":1:1: error: expected a column 'DRUG_NAME' in the header, found none");
  std::ofstream(tmp.path / "empty.tsv") << "";
  CHECK(only(import_file(tmp.path / "empty.tsv")).to_string() ==
        (tmp.path / "empty.tsv").string() + ":1:1: error: expected a header line, found an empty file");
  CHECK_THROWS_AS(import_drugcentral(std::vector<fs::path>{tmp.path / "absent.tsv"}), load_error);
}

TEST_CASE("drugcentral: the full drug-target interaction file (opt-in: needs ../shared/data)") {
  fs::path f = fs::path(PHARMAKON_SHARED_DIR) / "data" / "drugcentral" / "drugcentral-drug.target.interaction.tsv.gz";
  if (!fs::exists(f)) {
    MESSAGE("skipped: " << f.string() << " is not there");
    return;
  }
  auto r = import_file(f);
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  CHECK(std::ranges::distance(kb.claims<rel::acts_on>()) == 16702);
  CHECK(kb.all<drug>().size() == 2384);
  CHECK(kb.all<target>().size() == 2680);
  auto ntx = kb.at<drug>("naltrexone");
  auto mor = acting(kb, ntx, "P35372");
  REQUIRE(mor.size() == 1);
  CHECK(mor[0].payload().affinities.at(0).value == doctest::Approx(9.38));
}
