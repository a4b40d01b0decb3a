// GraphML, Graphviz DOT of a mechanism, and Neo4j import files.
#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include "support.hpp"

#include <filesystem>

using namespace pharmakon;
using namespace pharmakon::test;
namespace fs = std::filesystem;

TEST_CASE("graphml: every entity and claim, or the neighbourhood of some") {
  temp_dir tmp("graphml");
  auto const& dir = tmp.path;
  auto const& kb = default_kb();
  export_graphml(kb, dir / "all.graphml");
  auto all = read_bytes(dir / "all.graphml");
  CHECK(all.rfind("<?xml", 0) == 0);
  CHECK(count(all, "<node id=") == num_vertices(kb.graph()));
  CHECK(count(all, "<edge id=") == kb.claim_count());
  CHECK(all.find("<data key=\"e_action\">antagonist</data>") != std::string::npos);
  // nodes keyed by pharmakon id, edges pointing at those keys; every attribute has a default
  CHECK(all.find("<node id=\"drug:naltrexone\">") != std::string::npos);
  CHECK(all.find("source=\"drug:naltrexone\" target=\"target:MOR\"") != std::string::npos);
  CHECK(count(all, "<key ") == count(all, "<default>"));
  CHECK(all.find("attr.name=\"negated\" attr.type=\"boolean\"><default>false</default>") != std::string::npos);
  graphml_options o;
  o.around = {any_node(kb.at<drug>("naltrexone"))};
  export_graphml(kb, dir / "ntx.graphml", o);
  auto some = read_bytes(dir / "ntx.graphml");
  CHECK(count(some, "<node id=") < count(all, "<node id="));
  CHECK(some.find(">naltrexone<") != std::string::npos);
  CHECK(some.find("</graphml>") != std::string::npos);
}

TEST_CASE("dot: a drug's mechanism neighbourhood") {
  auto const& kb = default_kb();
  auto dot = mechanism_dot(kb, kb.at<drug>("naltrexone"));
  CHECK(dot.find("digraph \"drug:naltrexone\"") != std::string::npos);
  CHECK(dot.find("\"target:MOR\"") != std::string::npos);
  CHECK(dot.find("antagonist, competitive") != std::string::npos);
  CHECK(dot.find("style=dotted") != std::string::npos);  // the claim that naltrexone does not act at sigma-1 as...
  CHECK(dot.back() == '\n');
  dot_options o;
  o.show_sources = true;
  o.show_effects = false;
  auto cited = mechanism_dot(kb, kb.at<drug>("naltrexone"), o);
  CHECK(cited.find("[1]") != std::string::npos);
  CHECK(cited.find("Sources") != std::string::npos);
  CHECK(cited.find("effect:") == std::string::npos);
}

TEST_CASE("neo4j: node and relationship files with the import command") {
  temp_dir tmp("neo4j");
  auto const dir = tmp / "export";  // export_neo4j creates it
  auto const& kb = default_kb();
  auto files = export_neo4j(kb, dir);
  CHECK(fs::exists(dir / "nodes_drug.csv"));
  CHECK(fs::exists(dir / "nodes_source.csv"));
  CHECK(fs::exists(dir / "rels_ACTS_ON.csv"));
  auto script = read_bytes(dir / "import.sh");
  CHECK(script.find("neo4j-admin database import full") != std::string::npos);
  CHECK(script.find("--nodes=nodes_drug.csv") != std::string::npos);
  CHECK(script.find("--relationships=rels_ACTS_ON.csv") != std::string::npos);
  auto drugs = read_bytes(dir / "nodes_drug.csv");
  CHECK(drugs.rfind("id:ID(Entity),:LABEL,name", 0) == 0);
  CHECK(count(drugs, "\n") == kb.all<drug>().size() + 1);
  std::size_t rels = 0;
  for (auto const& f : files)
    if (f.filename().string().rfind("rels_", 0) == 0) rels += count(read_bytes(f), "\n") - 1;
  CHECK(rels >= kb.claim_count());  // quoted notes may hold line ends
}
