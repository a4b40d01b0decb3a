// KGX TSV: export then import gives back the same knowledge base; KGX from elsewhere maps onto the model.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <array>
#include <map>
#include <set>
#include <filesystem>
#include <fstream>
#include <sstream>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

/// A knowledge base with every node kind, every relation kind and awkward text (tabs, pipes, percent signs).
knowledge_base every_kind() {
  builder b;
  b.set_name("every kind");
  b.set_version("1|2");
  source s;
  s.id = "src:pmid:12813472";
  s.kind = source_kind::research;
  s.set_identifier("pmid", "12813472");
  s.title = "A title with a\ttab, a | pipe and 100% of a percent";
  s.year = 2003;
  auto p = b.add_source(s);
  source g;
  g.id = "src:guideline:x";
  g.kind = source_kind::guideline;
  g.title = "Guideline";
  g.publisher = "ASAM";
  g.year = 2020;
  g.unverified = true;
  auto gd = b.add_source(g);
  drug d;
  d.id = "drug:x";
  d.name = "x; the drug";
  d.synonyms = {"X|1", "ex"};
  d.ids = {{"chembl", "CHEMBL1"}};
  d.drug_class = "class, with comma";
  d.sources = {p};
  auto dx = b.add(d);
  target t;
  t.id = "target:t";
  t.name = "t";
  t.type = target_type::ion_channel;
  t.family = "fam";
  t.gene_symbol = "TT1";
  t.species = "human";
  t.ids = {{"gtopdb_target", "318"}, {"uniprot", "P35372"}};  // GtoPdb target ids have no Biolink prefix
  auto tt = b.add(t);
  gene ge;
  ge.id = "gene:TT1";
  ge.name = "tt gene";
  ge.symbol = "TT1";
  auto gg = b.add(ge);
  variant v;
  v.id = "variant:rs1";
  v.name = "rs1";
  auto vv = b.add(v);
  effect e;
  e.id = "effect:e";
  e.name = "e\nnewline";
  auto ee = b.add(e);
  condition c;
  c.id = "condition:c";
  c.name = "c";
  auto cc = b.add(c);
  regimen r;
  r.id = "regimen:r";
  r.name = "r";
  r.dose = {0.1, unit::mg};
  r.dose_max = quantity{2.5, unit::ug};
  r.max_daily = quantity{5, unit::mg};
  r.every = quantity{1.0 / 3.0, unit::d};
  r.times_per_day = 3;
  r.as_needed = true;
  r.route = route::intramuscular;
  r.preconditions = {{precondition_kind::opioid_free, quantity{7, unit::d}, quantity{10, unit::d}, "a; b = c, d | e"},
                     {precondition_kind::other, std::nullopt, std::nullopt, ""}};
  auto rr = b.add(r);
  warning w;
  w.id = "warning:w";
  w.name = "w";
  w.kind = warning_kind::boxed_warning;
  w.severity = severity::moderate;
  w.about = "about it";
  w.concerns_action = {action_type::agonist, action_type::partial_agonist};
  auto ww = b.add(w);
  concept_node k;
  k.id = "concept:Pathway::WP1";
  k.name = "pathway";
  k.kind_label = "Pathway";
  auto kk = b.add(k);
  concept_node go;
  go.id = "concept:Biological_Process::GO:0038003";
  go.name = "opioid receptor signaling pathway";
  go.kind_label = "Biological Process";
  go.ids = {{"go", "GO:0038003"}, {"kgx", "GO:0038003"}};  // a foreign KGX id beside the same GO id
  b.add(go);
  action a;
  a.type = action_type::antagonist;
  a.modality = modality::competitive;
  a.reversible = true;
  a.surmountable = false;
  a.efficacy = 0.0;
  a.affinities = {{affinity_measure::pKi, 9.4, {}, {}, {}, "human", {p}},
                  {affinity_measure::Ki, {}, 0.1, 0.30000000000000004, unit::nM, "rat, brain", {p, gd}}};
  b.add<rel::acts_on>(dx, tt, a, claim_meta({p, gd}).with_note("note\twith tab"));
  b.add<rel::acts_on>(dx, tt, action{}, claim_meta({gd}).negate().as_hypothesis().as_unverified());
  b.add<rel::encoded_by>(tt, gg, {{p}});
  b.add<rel::variant_of>(vv, gg, {{p}});
  b.add<rel::produces>(dx, ee, {{p}});
  b.add<rel::blocks>(dx, ee, {{p}});
  b.add<rel::reduces>(dx, ee, {{p}});
  b.add<rel::mediated_by>(ee, tt, {{p}});
  b.add<rel::indicated_for>(dx, cc, indication{"psychosocial | support"}, {{gd}});
  b.add<rel::dosed_as>(dx, rr, {{p}});
  b.add<rel::regimen_for>(rr, cc, {{p}});
  b.add<rel::carries>(dx, ww, {{p}});
  b.add<rel::concerns>(ww, tt, {{p}});
  b.add<rel::modulates_response>(vv, dx, pgx_effect{pgx_finding::inconsistent, "mixed"}, {{p}});
  b.add<rel::related>(kk, gg, related_label{"participates"}, {{p}});
  b.add<rel::related>(kk, dx, related_label{"biolink:related_to"}, {{p}});
  return b.build();
}

}  // namespace

TEST_CASE("kgx: export then import gives back the same knowledge base") {
  temp_dir tmp("roundtrip");
  for (knowledge_base const* kb : std::array<knowledge_base const*, 2>{&default_kb(), nullptr}) {
    auto const local = every_kind();
    auto const& k = kb ? *kb : local;
    auto prefix = tmp.path / (kb ? "default" : "every");
    export_kgx(k, prefix);
    kgx_paths p(prefix);
    CHECK(fs::exists(p.nodes));
    CHECK(fs::exists(p.edges));
    auto r = try_import_kgx(prefix);
    REQUIRE_MESSAGE(r, first_error(r));
    CHECK(r.kb->content_hash() == k.content_hash());
    CHECK(r.kb->name() == k.name());
    CHECK(r.kb->sources().size() == k.sources().size());
    CHECK(r.kb->claim_count() == k.claim_count());
    // regions point where the originals were declared (or, if unknown, at the line of the KGX file)
    for (auto d : k.template handles<drug>()) {
      if (k.get(d).region.known()) CHECK(r.kb->get(d).region.to_string() == k.get(d).region.to_string());
      else CHECK(r.kb->get(d).region.to_string().find("every_nodes.tsv:") != std::string::npos);
    }
  }
  // gzipped files import too (a KGX distribution is often .tsv.gz)
}

namespace {
/// The rows of a KGX file as column -> field (fields still escaped).
std::vector<std::map<std::string, std::string>> tsv_rows(fs::path const& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  auto split = [](std::string const& l) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
      auto tab = l.find('\t', start);
      out.push_back(l.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) return out;
      start = tab + 1;
    }
  };
  auto header = split(line);
  std::vector<std::map<std::string, std::string>> rows;
  while (std::getline(in, line)) {
    auto f = split(line);
    REQUIRE(f.size() == header.size());
    std::map<std::string, std::string> r;
    for (std::size_t i = 0; i < f.size(); ++i) r[header[i]] = f[i];
    rows.push_back(std::move(r));
  }
  return rows;
}
std::map<std::string, std::string> row_of(std::vector<std::map<std::string, std::string>> const& rows,
                                          std::string const& pharmakon_id) {
  for (auto const& r : rows)
    if (r.at("pharmakon_id") == pharmakon_id) return r;
  FAIL("no row for " << pharmakon_id);
  return {};
}
}  // namespace

TEST_CASE("kgx: node ids are Biolink CURIEs from the identifiers, pharmakon's id a column of its own") {
  temp_dir tmp("curies");
  export_kgx(every_kind(), tmp.path / "e");
  auto nodes = tsv_rows(kgx_paths(tmp.path / "e").nodes);
  CHECK(row_of(nodes, "drug:x").at("id") == "CHEMBL.COMPOUND:CHEMBL1");
  CHECK(row_of(nodes, "drug:x").at("xref") == "CHEMBL.COMPOUND:CHEMBL1");
  // UniProtKB is Biolink's first choice for a protein; the GtoPdb target id has no Biolink prefix, so
  // pharmakon_ids keeps the identifiers exactly, and xref has the ones Biolink knows
  auto t = row_of(nodes, "target:t");
  CHECK(t.at("id") == "UniProtKB:P35372");
  CHECK(t.at("xref") == "UniProtKB:P35372");
  CHECK(t.at("pharmakon_ids") == "gtopdb_target:318|uniprot:P35372");
  CHECK(t.at("category") == "biolink:Protein");
  // no identifier: the pharmakon prefix
  CHECK(row_of(nodes, "gene:TT1").at("id") == "pharmakon:gene:TT1");
  CHECK(row_of(nodes, "warning:w").at("category") == "biolink:DrugLabel");
  CHECK(row_of(nodes, "regimen:r").at("category") == "biolink:Treatment");
  CHECK(row_of(nodes, "concept:Biological_Process::GO:0038003").at("id") == "GO:0038003");
  CHECK(row_of(nodes, "concept:Biological_Process::GO:0038003").at("category") == "biolink:BiologicalProcess");
  CHECK(row_of(nodes, "src:pmid:12813472").at("id") == "PMID:12813472");
  CHECK(row_of(nodes, "src:pmid:12813472").at("category") == "biolink:JournalArticle");
  CHECK(row_of(nodes, "src:guideline:x").at("id") == "pharmakon:src:guideline:x");
  std::set<std::string> ids;
  for (auto const& r : nodes) CHECK(ids.insert(r.at("id")).second);  // unique
  auto edges = tsv_rows(kgx_paths(tmp.path / "e").edges);
  std::map<std::string, std::map<std::string, std::string>> by_relation;
  for (auto const& e : edges) by_relation.emplace(e.at("pharmakon_relation"), e);
  CHECK(by_relation["acts_on"].at("predicate") == "biolink:directly_physically_interacts_with");
  CHECK(by_relation["acts_on"].at("subject") == "CHEMBL.COMPOUND:CHEMBL1");
  CHECK(by_relation["acts_on"].at("knowledge_level") == "knowledge_assertion");
  CHECK(by_relation["acts_on"].at("agent_type") == "manual_agent");
  CHECK(by_relation["acts_on"].at("primary_knowledge_source") == "infores:pharmakon");
  CHECK(by_relation["blocks"].at("predicate") == "biolink:preventative_for_condition");
  CHECK(by_relation["reduces"].at("predicate") == "biolink:ameliorates_condition");
  CHECK(by_relation["mediated_by"].at("predicate") == "biolink:contributes_to");  // the target contributes to the effect
  CHECK(by_relation["mediated_by"].at("subject") == "UniProtKB:P35372");
  CHECK(by_relation["modulates_response"].at("predicate") == "biolink:associated_with_response_to");
  // the relation pharmakon writes turned round reads back the right way (the round trip test checks the hash)
}

TEST_CASE("kgx: a Hetionet import survives a KGX round trip") {
  fs::path h = fs::path(PHARMAKON_TEST_DATA) / "import" / "hetionet";
  auto kb = import_hetionet(h / "nodes.tsv", h / "edges.sif");
  temp_dir tmp("hetionet");
  export_kgx(kb, tmp.path / "h");
  auto back = import_kgx(tmp.path / "h");
  CHECK(back.content_hash() == kb.content_hash());
  // the exported edges use Biolink predicates and categories other tools understand
  std::ifstream edges(kgx_paths(tmp.path / "h").edges);
  std::stringstream ss;
  ss << edges.rdbuf();
  CHECK(ss.str().find("biolink:directly_physically_interacts_with") != std::string::npos);
  CHECK(ss.str().find("biolink:treats") != std::string::npos);
  // each metaedge its own predicate, Hetionet as the knowledge source, its level and agent per metaedge
  auto rows = tsv_rows(kgx_paths(tmp.path / "h").edges);
  std::size_t related_to = 0;
  for (auto const& e : rows) {
    related_to += e.at("predicate") == "biolink:related_to";
    CHECK(e.at("primary_knowledge_source") == "infores:hetionet");
    if (e.at("label") == "participates" && e.at("predicate") == "biolink:actively_involved_in")
      CHECK(e.at("subject").rfind("NCBIGene:", 0) == 0);
    if (e.at("label") == "associates") {  // Disease - associates - Gene, written the canonical way
      CHECK(e.at("predicate") == "biolink:gene_associated_with_condition");
      CHECK(e.at("subject").rfind("NCBIGene:", 0) == 0);
      CHECK(e.at("object").rfind("DOID:", 0) == 0);
    }
  }
  CHECK(related_to * 5 < rows.size());
}

TEST_CASE("kgx: a foreign node keeps its KGX id when it is exported again") {
  temp_dir tmp("reexport");
  std::ofstream(tmp.path / "x_nodes.tsv") << "id\tcategory\tname\txref\n"
                                             "CHEBI:7465\tbiolink:SmallMolecule\tnaltrexone\tDRUGBANK:DB00704\n";
  std::ofstream(tmp.path / "x_edges.tsv") << "subject\tpredicate\tobject\n";
  auto kb = import_kgx(tmp.path / "x");
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].identifier_of("drugbank") == "DB00704");  // Biolink's prefix read as pharmakon's scheme
  export_kgx(kb, tmp.path / "y");
  auto nodes = tsv_rows(kgx_paths(tmp.path / "y").nodes);
  auto r = row_of(nodes, "drug:CHEBI:7465");
  CHECK(r.at("id") == "CHEBI:7465");
  CHECK(r.at("xref") == "DRUGBANK:DB00704|CHEBI:7465");
  CHECK(import_kgx(tmp.path / "y").content_hash() == kb.content_hash());
}

TEST_CASE("kgx: files from elsewhere map categories and predicates onto the model, and every claim has a source") {
  temp_dir tmp("foreign");
  std::ofstream(tmp.path / "x_nodes.tsv")
      << "id\tcategory\tname\txref\tprovided_by\n"
         "CHEBI:7465\tbiolink:SmallMolecule|biolink:ChemicalEntity\tnaltrexone\tDRUGBANK:DB00704\tinfores:chebi\n"
         "UniProtKB:P35372\tbiolink:Protein\tOPRM1\t\t\n"
         "NCBIGene:4988\tbiolink:Gene\tOPRM1\t\t\n"
         "MONDO:0007079\tbiolink:Disease\talcohol dependence\t\t\n"
         "GO:0038003\tbiolink:BiologicalProcess\topioid receptor signaling pathway\t\t\n";
  std::ofstream(tmp.path / "x_edges.tsv")
      << "subject\tpredicate\tobject\tpublications\tprimary_knowledge_source\n"
         "CHEBI:7465\tbiolink:directly_physically_interacts_with\tUniProtKB:P35372\tPMID:9686407\t\n"
         "CHEBI:7465\tbiolink:treats\tMONDO:0007079\t\tinfores:drugcentral\n"
         "NCBIGene:4988\tbiolink:has_gene_product\tUniProtKB:P35372\t\t\n"
         "NCBIGene:4988\tbiolink:participates_in\tGO:0038003\t\t\n";
  auto r = try_import_kgx(tmp.path / "x");
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == "drug:CHEBI:7465");
  CHECK(kb.find<drug>("CHEBI:7465") == ntx);  // the KGX id is an identifier
  CHECK(kb.find<drug>("DB00704") == ntx);     // and so are its xrefs
  CHECK(kb.out<rel::acts_on>(ntx).count() == 1);
  CHECK(kb.out<rel::indicated_for>(ntx).count() == 1);
  auto mor = kb.at<target>("UniProtKB:P35372");
  CHECK(kb.out<rel::encoded_by>(mor).count() == 1);  // has_gene_product, turned round
  auto go = kb.find<concept_node>("GO:0038003");
  REQUIRE(go);
  CHECK(kb[*go].kind_label == "biolink:BiologicalProcess");
  CHECK((*kb.in<rel::related>(any_node(*go)).begin()).payload().label == "biolink:participates_in");
  for (std::uint32_t c = 0; c < kb.claim_count(); ++c) CHECK(!kb.claim(claim_id{c}).sources().empty());
  CHECK(kb.find_source("src:pmid:9686407"));
  CHECK(kb.find_source("src:infores:drugcentral"));
  CHECK(kb.find_source("src:kgx:x_nodes.tsv"));
}

TEST_CASE("kgx: bad files are errors with file, line and column") {
  temp_dir tmp("bad");
  std::ofstream(tmp.path / "b_nodes.tsv") << "id\tcategory\tname\nA:1\tbiolink:Gene\ta\nA:2\tbiolink:Gene\n";
  std::ofstream(tmp.path / "b_edges.tsv") << "subject\tpredicate\tobject\nA:1\tbiolink:related_to\tA:9\n";
  auto r = try_import_kgx(tmp.path / "b");
  CHECK_FALSE(r.kb);
  REQUIRE(!r.diagnostics.empty());
  CHECK(r.diagnostics.front().to_string().find("b_nodes.tsv:3:1: error: expected 3 tab-separated columns, found 2") !=
        std::string::npos);
  std::ofstream(tmp.path / "b_nodes.tsv", std::ios::trunc) << "id\tcategory\tname\nA:1\tbiolink:Gene\ta\n";
  auto e = try_import_kgx(tmp.path / "b");
  REQUIRE(!e.diagnostics.empty());
  CHECK(e.diagnostics.front().code == errc::unknown_reference);
  CHECK(e.diagnostics.front().to_string().find("b_edges.tsv:2:") != std::string::npos);
  CHECK(e.diagnostics.front().to_string().find("found 'A:9'") != std::string::npos);
  std::ofstream(tmp.path / "c_nodes.tsv") << "id\tcategory\tpharmakon_kind\nA:1\tbiolink:Gene\tplanet\n";
  std::ofstream(tmp.path / "c_edges.tsv") << "subject\tpredicate\tobject\n";
  auto k = try_import_kgx(tmp.path / "c");
  REQUIRE(!k.diagnostics.empty());
  CHECK(k.diagnostics.front().code == errc::unknown_enum);
  std::vector<fs::path> none{tmp.path / "missing_nodes.tsv"};
  auto m = try_import_kgx(none);
  REQUIRE(!m.diagnostics.empty());
  CHECK(m.diagnostics.front().code == errc::io);
}

TEST_CASE("kgx: bad values in pharmakon's columns are errors at their line and column") {
  temp_dir tmp("badfields");
  auto first_error_of = [&](std::string const& header, std::string const& row) {
    std::ofstream(tmp.path / "f_nodes.tsv", std::ios::trunc) << header << "\n" << row << "\n";
    std::ofstream(tmp.path / "f_edges.tsv", std::ios::trunc) << "subject\tpredicate\tobject\n";
    auto r = try_import_kgx(tmp.path / "f");
    CHECK_FALSE(r.kb);
    REQUIRE(!r.diagnostics.empty());
    return r.diagnostics.front().to_string();
  };
  std::string h = "id\tcategory\tname\tpharmakon_id\tpharmakon_kind\tprodrug\thalf_life\ttarget_type\tsite_sources";
  // a bool that is neither true nor empty, at its column (the sixth field starts at column 45)
  auto e = first_error_of(h, "X:1\tbiolink:Drug\tx\tdrug:x\tdrug\tmaybe\t\t\t");
  CHECK(e.find("f_nodes.tsv:2:") != std::string::npos);
  CHECK(e.find("expected true or nothing, found 'maybe'") != std::string::npos);
  // a half-life that is not two times
  e = first_error_of(h, "X:1\tbiolink:Drug\tx\tdrug:x\tdrug\t\tlow=3 mg;high=4 h\t\t");
  CHECK(e.find("half_life") != std::string::npos);
  e = first_error_of(h, "X:1\tbiolink:Drug\tx\tdrug:x\tdrug\t\tlow=soon\t\t");
  CHECK(e.find("f_nodes.tsv:2:") != std::string::npos);
  // an enum value the model does not have
  e = first_error_of(h, "T:1\tbiolink:Protein\tt\ttarget:t\ttarget\t\t\tplanet\t");
  CHECK(e.find("found 'planet'") != std::string::npos);
  // a source nobody declared
  e = first_error_of(h, "X:1\tbiolink:Drug\tx\tdrug:x\tdrug\t\t\t\tsrc:nowhere");
  CHECK(e.find("a source declared in the nodes file, found 'src:nowhere'") != std::string::npos);
}
