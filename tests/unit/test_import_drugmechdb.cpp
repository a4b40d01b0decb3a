// The DrugMechDB importer: paths as related claims citing the path and its references, nodes merged into the curated
// knowledge base by identifier, mechanism paths in the answer, the agreement report, file:line:column errors and
// all-or-nothing imports; and (opt-in) the whole release in ../shared/data.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <filesystem>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

namespace {

fs::path const dir = fs::path(PHARMAKON_TEST_DATA) / "import" / "drugmechdb";
fs::path const alcoholism = dir / "DB00704_MESH_D000437_1.yaml";

import_result import_paths(std::vector<fs::path> const& files, import_options const& o = {}) {
  return try_import_drugmechdb(files, o);
}

std::vector<std::string> errors_of(import_result const& r) {
  std::vector<std::string> out;
  for (auto const& d : r.diagnostics) {
    auto s = d.to_string();
    out.push_back(s.substr(s.rfind("drugmechdb/") + 11));
  }
  return out;
}

}  // namespace

TEST_CASE("drugmechdb: a path's links become related claims citing the path and its references") {
  auto r = import_paths({alcoholism});
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  CHECK(kb.name() == "drugmechdb");
  auto ntx = kb.at<drug>("Naltrexone");
  CHECK(kb[ntx].identifier_of("drugbank") == "DB00704");
  CHECK(kb[ntx].identifier_of("mesh") == "D009270");
  CHECK(kb[ntx].identifier_of("drugmechdb") == "MESH:D009270");
  CHECK(kb.find<drug>("drugbank:DB00704") == ntx);
  auto mor = kb.at<target>("uniprot:P35372");
  CHECK(kb[mor].name == "Mu-type opioid receptor");
  auto aud = kb.at<condition>("mesh:D000437");
  CHECK(kb[aud].name == "Alcoholism");
  auto go = kb.find_all("go:GO:0061527");
  REQUIRE(go.size() == 1);
  REQUIRE(go[0].kind() == node_kind::concept_node);
  CHECK(kb[*go[0].as<concept_node>()].kind_label == "BiologicalProcess");
  CHECK(kb.claim_count() == 9);  // one claim per link
  std::size_t hops = 0;
  for (auto e : kb.out<rel::related>(any_node(ntx))) {
    CHECK(e.payload().label == "decreases activity of");
    REQUIRE(e.sources().size() == 4);  // the path, DrugBank, Wikipedia, PMC
    auto const& path = kb.get(e.sources()[0]);
    CHECK(path.id == "src:path:drugmechdb:DB00704_MESH_D000437_1");
    CHECK(path.identifier_or_empty("doi") == "10.1038/s41597-023-02534-z");
    CHECK(path.title == "DrugMechDB indication path DB00704_MESH_D000437_1: Naltrexone → Alcoholism");
    CHECK(path.kind == source_kind::database);
    CHECK(kb.get(e.sources()[1]).identifier_or_empty("url") == "https://go.drugbank.com/drugs/DB00704");
    CHECK(kb.get(e.sources()[1]).kind == source_kind::database);
    CHECK(kb.get(e.sources()[2]).kind == source_kind::other);  // Wikipedia
    ++hops;
  }
  CHECK(hops == 3);  // mu, kappa, delta
  CHECK(r.report.format == "drugmechdb");
  CHECK(r.report.to_string().find("related 'decreases activity of'") != std::string::npos);
}

TEST_CASE("drugmechdb: the mechanism answer reassembles each path, every step cited") {
  auto r = import_paths({dir});  // the folder: its three naltrexone paths
  REQUIRE_MESSAGE(r, first_error(r));
  CHECK(r.report.files.size() == 3);
  auto a = mechanism_of(*r.kb, "naltrexone");
  REQUIRE(a.paths.size() == 3);
  auto const& p = a.paths[0];
  CHECK(p.source_id == "src:path:drugmechdb:DB00704_MESH_D000437_1");
  CHECK(p.disease == "Alcoholism");
  CHECK(p.steps.size() == 9);
  CHECK(p.chains.size() == 3);  // through kappa, delta and mu
  for (auto const& s : p.steps) CHECK(s.refs == p.refs);
  CHECK(p.refs.size() == 4);
  auto text = render_text(a);
  CHECK(text.find("Mechanism paths") != std::string::npos);
  CHECK(text.find("Naltrexone → (decreases activity of) Mu-type opioid receptor → (positively correlated with) Dopamine "
                  "secretion, neurotransmission → (positively correlated with) Addictive behavior → (phenotype of) "
                  "Alcoholism") != std::string::npos);
  CHECK(text.find("to Alcoholism (DrugMechDB indication path DB00704_MESH_D000437_1: Naltrexone → Alcoholism, every "
                  "step cites) [") != std::string::npos);
  CHECK(text.find("doi:10.1038/s41597-023-02534-z") != std::string::npos);
  // the chronic-pain path keeps its comment
  CHECK(a.paths[2].note.find("Low-dose naltrexone") != std::string::npos);
  auto json = nlohmann::json::parse(render_json(a));
  REQUIRE(json.contains("paths"));
  CHECK(json["paths"].size() == 3);
  CHECK(json["paths"][0]["steps"][0]["verb"] == "decreases activity of");
  CHECK(render_markdown(a).find("## Mechanism paths") != std::string::npos);
  CHECK(render_html(a, {}).find("Mechanism paths") != std::string::npos);
}

TEST_CASE("drugmechdb: without path claims the answer has no paths section (existing answers unchanged)") {
  auto a = mechanism_of(default_kb(), "naltrexone");
  CHECK(a.paths.empty());
  CHECK(render_text(a).find("Mechanism paths") == std::string::npos);
  CHECK(!nlohmann::json::parse(render_json(a)).contains("paths"));
}

TEST_CASE("drugmechdb: onto the curated knowledge base, naltrexone and the opioid receptors merge") {
  import_options o;
  o.base = &default_kb();
  auto r = import_paths({alcoholism}, o);
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto ntx = kb.at<drug>("naltrexone");
  CHECK(kb[ntx].id == default_kb()[default_kb().at<drug>("naltrexone")].id);  // the curated drug, not a copy
  CHECK(kb.handles<drug>().size() == default_kb().handles<drug>().size());
  auto mor = kb.at<target>("uniprot:P35372");
  CHECK(kb[mor].id == default_kb()[default_kb().at<target>("uniprot:P35372")].id);
  std::size_t to_mor = 0;
  for (auto e : kb.out<rel::related>(any_node(ntx))) to_mor += e.object() == any_node(mor);
  CHECK(to_mor == 1);
  CHECK(r.report.to_string().find("merged into the base") != std::string::npos);
  // the curated answer is there, with the path after it
  auto a = mechanism_of(kb, ntx);
  CHECK(!a.actions.empty());
  REQUIRE(a.paths.size() == 1);
  // DrugMechDB's "Alcoholism" (MESH:D000437) merged into the curated condition that carries that MeSH id
  CHECK(a.paths[0].disease == "alcohol use disorder");
  // agreement: naltrexone's three hops are antagonist actions in the curated knowledge base
  auto ag = path_agreement_of(kb);
  CHECK(ag.paths == 1);
  CHECK(ag.drugs_compared == 1);
  CHECK(ag.conflicts == 0);
  CHECK(ag.matched >= 1);
  for (auto const& row : ag.rows)
    if (row.target == kb[mor].name) {
      CHECK(row.kind == agreement::matched);  // label antagonist; the research partial agonist claim is listed too
      CHECK(row.kb_actions == std::vector<std::string>{"antagonist", "partial_agonist"});
      CHECK(row.verbs == std::vector<std::string>{"decreases activity of"});
      CHECK(!row.kb_sources.empty());
    }
  CHECK(render_text(ag).find("Matched: same target, same direction") != std::string::npos);
  CHECK(nlohmann::json::parse(render_json(ag))["kind"] == "path_agreement");
}

TEST_CASE("drugmechdb: a path that says the opposite of the knowledge base is a conflict naming both sources") {
  import_options o;
  o.base = &default_kb();
  // the synthetic path says Testamine (DB99998) increases the activity of MOR; give the base an antagonist claim
  builder b(default_kb());
  drug t;
  t.id = "drug:testamine";
  t.name = "Testamine";
  t.ids = {{"drugbank", "DB99998"}};
  source s;
  s.id = "src:test";
  s.kind = source_kind::research;
  s.title = "A test source";
  s.set_identifier("pmid", "1");
  auto src = b.add_source(s);
  t.sources = {src};
  auto td = b.add(t);
  action act;
  act.type = action_type::antagonist;
  b.add<rel::acts_on>(td, *b.find_id("target:MOR")->as<target>(), act, claim_meta({src}));
  auto base = b.build();
  o.base = &base;
  auto r = import_paths({dir / "synthetic" / "references.yaml"}, o);
  REQUIRE_MESSAGE(r, first_error(r));
  auto ag = path_agreement_of(*r.kb);
  REQUIRE(ag.conflicts == 1);
  auto const& row = ag.rows.front();
  CHECK(row.kind == agreement::conflict);
  CHECK(row.drug == "Testamine");
  CHECK(row.verbs == std::vector<std::string>{"increases activity of"});
  CHECK(row.paths == std::vector<std::string>{"src:path:drugmechdb:DB99998_MESH_D000001_1"});
  CHECK(row.kb_actions == std::vector<std::string>{"antagonist"});
  CHECK(row.kb_sources == std::vector<std::string>{"PMID 1"});
  CHECK(render_text(ag).find("Testamine → mu opioid receptor: paths say 'increases activity of' "
                             "(src:path:drugmechdb:DB99998_MESH_D000001_1); knowledge base says antagonist (PMID 1)") !=
        std::string::npos);
}

TEST_CASE("drugmechdb: reference shapes of the real release become sources; stray words go to the note") {
  auto r = import_paths({dir / "synthetic" / "references.yaml"});
  REQUIRE_MESSAGE(r, first_error(r));
  auto const& kb = *r.kb;
  auto d = kb.at<drug>("drugbank:DB99998");
  CHECK(kb[d].identifier_of("drugmechdb") == "DB:DB99998");
  CHECK(kb.find_source("src:doi:10.2217/fmb.10.125"));
  CHECK(kb.find_source("src:doi:10.1016/j.rmed.2016.06.015"));
  CHECK(kb.find_source("src:pmid:19537999"));
  std::size_t urls = 0;
  for (auto const& s : kb.sources())
    if (auto u = s.identifier_of("url"); u && s.id.starts_with("src:url:")) {
      ++urls;
      CHECK(u->starts_with("https://"));  // "mhttps://..." repaired
    }
  CHECK(urls == 4);  // the two Wikipedia pages of one entry, the DrugBank page, Pemoline's page
  auto e = *kb.out<rel::related>(any_node(d)).begin();
  CHECK(e.note().find("A test path.") != std::string::npos);
  CHECK(e.note().find("DrugMechDB reference text: Pemoline") != std::string::npos);
  auto report = r.report.to_string();
  CHECK(report.find("1 nodes listed twice") != std::string::npos);
  // the second Drug node (a metabolite) is a drug too
  CHECK(kb.find<drug>("Testamine metabolite"));
}

TEST_CASE("drugmechdb: bad files are errors at their line and column, and nothing is imported") {
  auto r = import_paths({dir / "bad" / "syntax.yaml"});
  CHECK(!r);
  REQUIRE(r.diagnostics.size() == 1);
  CHECK(r.diagnostics[0].code == errc::syntax);
  CHECK(errors_of(r)[0] == "bad/syntax.yaml:9:1: error: expected valid YAML, found a syntax error (end of sequence flow not found)");

  r = import_paths({dir / "bad" / "unknown-node.yaml"});
  CHECK(!r);
  CHECK(errors_of(r) == std::vector<std::string>{
                            "bad/unknown-node.yaml:12:13: error: expected the id of a node of this path in 'target', "
                            "found 'UniProt:P99999'"});

  r = import_paths({dir / "bad" / "wrong-shape.yaml"});
  CHECK(!r);
  CHECK(errors_of(r) == std::vector<std::string>{
                            "bad/wrong-shape.yaml:1:11: error: expected true or false in 'directed', found 'yes please'",
                            "bad/wrong-shape.yaml:3:3: error: expected 'disease', found no such key",
                            "bad/wrong-shape.yaml:8:3: error: expected 'nodes': a list of {id, label, name}, found a mapping",
                            "bad/wrong-shape.yaml:13:5: error: expected a key of a link (source, target, key), found 'weight'",
                        });

  // a good file with a bad one: all or nothing
  r = import_paths({alcoholism, dir / "bad" / "unknown-node.yaml"});
  CHECK(!r);
  CHECK(!r.kb);
  // a folder without path files, and no paths at all
  CHECK(errors_of(import_paths({dir / "bad" / "empty-folder-that-does-not-exist"})).size() == 1);
  CHECK(!import_paths({}));
}

TEST_CASE("drugmechdb: the whole release (opt-in: needs ../shared/data)") {
  fs::path full = fs::path(PHARMAKON_SHARED_DIR) / "data" / "drugmechdb";
  if (!fs::exists(full / "DB00704_MESH_D000437_1.yaml")) {
    MESSAGE("skipped: " << full << " not found");
    return;
  }
  import_options o;
  o.base = &default_kb();
  auto r = import_paths({full}, o);
  REQUIRE_MESSAGE(r, first_error(r));
  CHECK(r.report.files.size() == 4846);
  auto a = mechanism_of(*r.kb, "naltrexone");
  CHECK(a.paths.size() >= 3);  // its own three files, and paths of other drugs that pass through naltrexone
  auto ag = path_agreement_of(*r.kb);
  CHECK(ag.paths == 4846);
}

TEST_CASE("drugmechdb: a path's drug is its DrugBank id, not a MeSH id another drug's path shares (opt-in: ../shared/data)") {
  fs::path full = fs::path(PHARMAKON_SHARED_DIR) / "data" / "drugmechdb";
  if (!fs::exists(full / "DB01183_MESH_D009293_1.yaml")) {
    MESSAGE("skipped: " << full << " not found");
    return;
  }
  // both files name their drug node MESH:D009270 (naloxone's MeSH id); their drugbank ids differ
  import_options o;
  o.base = &default_kb();
  auto r = import_paths({full / "DB00704_MESH_D000437_1.yaml", full / "DB01183_MESH_D009293_1.yaml"}, o);
  REQUIRE_MESSAGE(r, first_error(r));
  auto ntx = mechanism_of(*r.kb, "naltrexone");
  REQUIRE(ntx.paths.size() == 1);
  CHECK(ntx.paths[0].source_id.find("DB00704_MESH_D000437_1") != std::string::npos);
  auto nlx = mechanism_of(*r.kb, "naloxone");
  REQUIRE(nlx.paths.size() == 1);
  CHECK(nlx.paths[0].source_id.find("DB01183_MESH_D009293_1") != std::string::npos);
}
