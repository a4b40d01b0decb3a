#include <doctest/doctest.h>

#include <pharmakon/pharmakon.hpp>

#include <boost/graph/breadth_first_search.hpp>
#include <boost/graph/filtered_graph.hpp>

#include <atomic>
#include <thread>

using namespace pharmakon;

namespace {

/// A small graph with every node kind and every relation kind.
struct fixture {
  knowledge_base kb;
  fixture() {
    builder b;
    b.set_name("fixture");
    b.set_version("1");
    source label;
    label.id = "src:dailymed:cd11c435-b0f0-4bb9-ae78-60f101f3703f";
    label.kind = source_kind::label;
    label.title = "VIVITROL label";
    label.set_identifier("dailymed_setid", "cd11c435-b0f0-4bb9-ae78-60f101f3703f");
    auto l = b.add_source(label);
    source paper;
    paper.id = "src:pmid:12813472";
    paper.kind = source_kind::research;
    paper.set_identifier("pmid", "12813472");
    auto p = b.add_source(paper);
    source guide;
    guide.id = "src:guideline:x";
    guide.kind = source_kind::guideline;
    guide.title = "A guideline";
    guide.publisher = "ASAM";
    guide.year = 2020;
    auto gd = b.add_source(guide);

    drug ntx;
    ntx.id = "drug:naltrexone";
    ntx.name = "naltrexone";
    ntx.synonyms = {"ReVia", "Vivitrol"};
    ntx.ids = {{"chembl", "CHEMBL19019"}, {"gtopdb_ligand", "1639"}};
    ntx.drug_class = "opioid antagonist";
    ntx.sources = {l};
    auto n = b.add(ntx);
    drug oxy;
    oxy.id = "drug:oxycodone";
    oxy.name = "oxycodone";
    auto o = b.add(oxy);
    target mor;
    mor.id = "target:MOR";
    mor.name = "mu opioid receptor";
    mor.synonyms = {"μ", "MOR", "MOP"};
    mor.type = target_type::receptor;
    mor.gene_symbol = "OPRM1";
    auto m = b.add(mor);
    target sig;
    sig.id = "target:sigma1";
    sig.name = "sigma-1 receptor";
    auto sg = b.add(sig);
    gene g;
    g.id = "gene:OPRM1";
    g.name = "opioid receptor mu 1";
    g.symbol = "OPRM1";
    auto gid = b.add(g);
    variant v;
    v.id = "variant:rs1799971";
    v.name = "A118G";
    v.ids = {{"dbsnp", "rs1799971"}};
    auto vid = b.add(v);
    effect eu;
    eu.id = "effect:euphoria";
    eu.name = "euphoria";
    auto e = b.add(eu);
    condition aud;
    aud.id = "condition:aud";
    aud.name = "alcohol use disorder";
    auto c = b.add(aud);
    regimen r;
    r.id = "regimen:oral";
    r.name = "oral";
    r.dose = {50, unit::mg};
    r.every = quantity{24, unit::h};
    auto rid = b.add(r);
    warning w;
    w.id = "warning:overdose";
    w.name = "overdose";
    w.kind = warning_kind::warning;
    w.severity = severity::life_threatening;
    auto wid = b.add(w);
    target cyp;
    cyp.id = "target:CYP3A4";
    cyp.name = "cytochrome P450 3A4";
    cyp.type = target_type::enzyme;
    auto cy = b.add(cyp);
    drug nor;
    nor.id = "drug:noroxycodone";
    nor.name = "noroxycodone";
    auto nr = b.add(nor);
    drug_class agonists;
    agonists.id = "class:opioid-agonists";
    agonists.name = "opioid agonists";
    auto cls = b.add(agonists);
    drug_class inhibitors;
    inhibitors.id = "class:strong-cyp3a4-inhibitors";
    inhibitors.name = "strong CYP3A4 inhibitors";
    inhibitors.inhibitors_of = "target:CYP3A4";
    inhibitors.min_strength = strength::strong;
    auto icls = b.add(inhibitors);
    concept_node pw;
    pw.id = "concept:Pathway::1";
    pw.name = "a pathway";
    pw.kind_label = "Pathway";
    auto cid = b.add(pw);

    action ant;
    ant.type = action_type::antagonist;
    ant.modality = modality::competitive;
    ant.reversible = true;
    ant.affinities.push_back({affinity_measure::pKi, 9.4, {}, {}, {}, "human", {p}});
    b.add<rel::acts_on>(n, m, ant, {{l, p}});
    action ag;
    ag.type = action_type::full_agonist;
    b.add<rel::acts_on>(o, m, ag, {{l}});
    b.add<rel::acts_on>(n, sg, ant, {{p}});
    b.add<rel::acts_on>(n, sg, ant, claim_meta({gd}).negate().with_note("not an opioid receptor"));
    b.add<rel::encoded_by>(m, gid, {{l}});
    b.add<rel::variant_of>(vid, gid, {{p}});
    b.add<rel::blocks>(n, e, {{l}});
    b.add<rel::produces>(o, e, {{l}});
    b.add<rel::reduces>(n, e, {{p}});
    b.add<rel::mediated_by>(e, m, {{p}});
    b.add<rel::indicated_for>(n, c, indication{"psychosocial support"}, {{gd, l}});
    b.add<rel::dosed_as>(n, rid, {{l}});
    b.add<rel::regimen_for>(rid, c, {{l}});
    b.add<rel::carries>(n, wid, {{l}});
    b.add<rel::concerns>(wid, m, {{l}});
    b.add<rel::modulates_response>(vid, n, pgx_effect{pgx_finding::associated, "better outcome"}, {{p}});
    b.add<rel::related>(cid, gid, related_label{"participates"}, {{p}});
    b.add<rel::member_of>(o, cls, {{l}});
    b.add<rel::substrate_of>(o, cy, clearance{pathway::major, false}, {{l}});
    b.add<rel::inhibits>(n, cy, modulation{strength::weak}, {{p}});
    b.add<rel::induces>(n, cy, modulation{strength::weak}, {{p}});
    b.add<rel::has_metabolite>(o, nr, metabolite_formation{false, "target:CYP3A4"}, {{l}});
    b.add<rel::interacts_with>(any_node(icls), any_node(o),
                               stated_interaction{interaction_severity::major, management::adjust_dose, direction::increase,
                                                  false, "", "drug:oxycodone", "watch breathing"},
                               {{l}});
    kb = b.build();
  }
};

struct reach_visitor : boost::default_bfs_visitor {
  std::vector<int>* r = nullptr;
  template <class G>
  void discover_vertex(vertex_type v, G const&) const {
    (*r)[v] = 1;
  }
};

}  // namespace

TEST_CASE("every node kind is stored with its own fields") {
  fixture f;
  auto const& kb = f.kb;
  auto st = kb.stats();
  for (auto k : enum_values<node_kind>()) CHECK(st.nodes[std::size_t(k)] >= 1);
  auto n = kb.at<drug>("naltrexone");
  CHECK(kb[n].drug_class == "opioid antagonist");
  CHECK(kb[n].identifier_of("chembl") == "CHEMBL19019");
  CHECK(kb[kb.at<target>("MOR")].type == target_type::receptor);
  CHECK(kb[kb.at<gene>("OPRM1")].symbol == "OPRM1");
  CHECK(kb[kb.at<regimen>("regimen:oral")].dose == quantity{50, unit::mg});
  CHECK(kb[kb.at<warning>("warning:overdose")].severity == severity::life_threatening);
  CHECK(kb[kb.at<concept_node>("a pathway")].kind_label == "Pathway");
  CHECK(kb[kb.at<drug_class>("strong CYP3A4 inhibitors")].inhibitors_of == "target:CYP3A4");
  CHECK(kb[kb.at<drug_class>("strong CYP3A4 inhibitors")].min_strength == strength::strong);
  CHECK(kb.name() == "fixture");
  CHECK(kb.content_hash().size() == 16);
}

TEST_CASE("every relation kind is queryable in both directions") {
  fixture f;
  auto const& kb = f.kb;
  auto st = kb.stats();
  for (auto k : enum_values<relation_kind>()) CHECK_MESSAGE(st.claims[std::size_t(k)] >= 1, to_string(k));
  auto n = kb.at<drug>("naltrexone");
  auto m = kb.at<target>("MOR");
  auto oprm1 = kb.at<gene>("gene:OPRM1");
  CHECK(std::ranges::distance(kb.out<rel::acts_on>(n)) == 3);
  CHECK(std::ranges::distance(kb.in<rel::acts_on>(m)) == 2);
  CHECK(kb.out<rel::encoded_by>(m).begin() != kb.out<rel::encoded_by>(m).end());
  CHECK((*kb.out<rel::encoded_by>(m).begin()).object() == oprm1);
  CHECK(std::ranges::distance(kb.in<rel::variant_of>(oprm1)) == 1);
  CHECK(std::ranges::distance(kb.out<rel::blocks>(n)) == 1);
  CHECK(std::ranges::distance(kb.out<rel::reduces>(n)) == 1);
  CHECK(std::ranges::distance(kb.out<rel::produces>(n)) == 0);
  CHECK(std::ranges::distance(kb.in<rel::produces>(kb.at<effect>("euphoria"))) == 1);
  CHECK((*kb.out<rel::mediated_by>(kb.at<effect>("euphoria")).begin()).object() == m);
  CHECK((*kb.out<rel::indicated_for>(n).begin()).payload().adjunct == "psychosocial support");
  CHECK(kb[(*kb.out<rel::dosed_as>(n).begin()).object()].dose.value() == 50);
  CHECK(kb[(*kb.out<rel::carries>(n).begin()).object()].id == "warning:overdose");
  CHECK((*kb.out<rel::concerns>(kb.at<warning>("warning:overdose")).begin()).object() == m);
  auto pgx = *kb.in<rel::modulates_response>(n).begin();
  CHECK(pgx.payload().finding == pgx_finding::associated);
  CHECK(kb[pgx.subject()].name == "A118G");
  auto relc = *kb.in<rel::related>(any_node(oprm1)).begin();
  CHECK(relc.payload().label == "participates");
  CHECK(relc.subject().kind() == node_kind::concept_node);
  CHECK(std::ranges::distance(kb.claims<rel::acts_on>()) == 4);
}

TEST_CASE("a claim's ends are subject() and object(); from() and to() stay as deprecated aliases of them") {
  // The library, tools and tests build with -Werror, so a call of the old names anywhere else fails the build;
  // this test fails to compile if an alias disappears, and fails if one stops naming the same end.
  fixture f;
  auto const& kb = f.kb;
  auto e = *kb.out<rel::acts_on>(kb.at<drug>("naltrexone")).begin();
  claim_view const& v = e;
  CHECK(e.subject() == kb.at<drug>("naltrexone"));
  CHECK(v.subject() == any_node(e.subject()));
  CHECK(v.object() == any_node(e.object()));
#if defined(__GNUC__)
#  pragma GCC diagnostic push
#  pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
  CHECK(e.from() == e.subject());
  CHECK(e.to() == e.object());
  CHECK(v.from() == v.subject());
  CHECK(v.to() == v.object());
#if defined(__GNUC__)
#  pragma GCC diagnostic pop
#endif
}

TEST_CASE("claims carry sources, the best evidence tier and their qualifiers") {
  fixture f;
  auto const& kb = f.kb;
  auto n = kb.at<drug>("naltrexone");
  for (auto e : kb.out<rel::acts_on>(n)) {
    CHECK(!e.sources().empty());
    if (kb[e.object()].name == "mu opioid receptor") {
      CHECK(e.tier() == evidence_tier::label);  // label beats research
      CHECK(e.sources().size() == 2);
      CHECK(kb.get(e.sources()[0]).identifier_or_empty("dailymed_setid") == "cd11c435-b0f0-4bb9-ae78-60f101f3703f");
      CHECK(e.payload().modality == modality::competitive);
      CHECK(e.payload().best_p_affinity() == doctest::Approx(9.4));
    }
  }
  CHECK((*kb.out<rel::indicated_for>(n).begin()).tier() == evidence_tier::guideline);
}

TEST_CASE("lookups by name, synonym, identifier and id are case-insensitive and Unicode-aware") {
  fixture f;
  auto const& kb = f.kb;
  auto n = kb.at<drug>("naltrexone");
  CHECK(kb.find<drug>("REVIA") == n);
  CHECK(kb.find<drug>("vivitrol") == n);
  CHECK(kb.find<drug>("CHEMBL19019") == n);
  CHECK(kb.find<drug>("chembl:CHEMBL19019") == n);
  CHECK(kb.find<drug>("drug:naltrexone") == n);
  CHECK(kb.find<target>("Μ") == kb.find<target>("mu opioid receptor"));  // capital Greek mu
  CHECK(kb.find<target>("µ") == kb.find<target>("MOR"));                 // micro sign
  CHECK(kb.find<target>("Mu-Opioid Receptor").has_value());
  CHECK(kb.find<target>("OPRM1") == kb.find<target>("MOR"));            // a target by its gene symbol
  CHECK_FALSE(kb.find<drug>("MOR"));                                     // right name, wrong kind
  CHECK_FALSE(kb.find<drug>("\xff\xfe"));                                // invalid UTF-8: no match, no crash
  CHECK(kb.find_all("OPRM1").size() == 2);                               // the gene and the target
}

TEST_CASE("an unknown name throws with the closest known names") {
  fixture f;
  try {
    (void)f.kb.at<drug>("naltrexon");
    FAIL("expected a lookup_error");
  } catch (lookup_error const& e) {
    CHECK(e.code() == errc::unknown_name);
    REQUIRE(!e.suggestions().empty());
    CHECK(e.suggestions()[0] == "naltrexone");
    CHECK(std::string(e.what()) == "unknown drug 'naltrexon'; did you mean naltrexone?");
  }
  CHECK(f.kb.suggest("zzzzzz", node_kind::drug).empty());
}

TEST_CASE("contradicting claims are both kept and reported as a conflict") {
  fixture f;
  auto const& kb = f.kb;
  REQUIRE(kb.conflicts().size() == 1);
  auto c = kb.conflicts()[0];
  CHECK(c.why == conflict::reason::negation);
  auto a = kb.claim(c.first), b = kb.claim(c.second);
  CHECK(a.negated() != b.negated());
  CHECK(kb.base(a.object()).name == "sigma-1 receptor");
  CHECK(kb.conflicts_of(kb.at<drug>("naltrexone")).size() == 1);
  CHECK(kb.conflicts_of(kb.at<drug>("oxycodone")).empty());
  auto negated = a.negated() ? a : b;
  CHECK(negated.note() == "not an opioid receptor");
}

TEST_CASE("agonist and antagonist claims for one drug at one target conflict") {
  builder b;
  source s;
  s.id = "src:pmid:1";
  s.kind = source_kind::research;
  s.set_identifier("pmid", "1");
  auto sid = b.add_source(s);
  drug d;
  d.id = "drug:x";
  d.name = "x";
  auto x = b.add(d);
  target t;
  t.id = "target:t";
  t.name = "t";
  auto tt = b.add(t);
  action a1, a2;
  a1.type = action_type::partial_agonist;
  a2.type = action_type::antagonist;
  b.add<rel::acts_on>(x, tt, a1, {{sid}});
  b.add<rel::acts_on>(x, tt, a2, {{sid}});
  auto kb = b.build();
  REQUIRE(kb.conflicts().size() == 1);
  CHECK(kb.conflicts()[0].why == conflict::reason::incompatible_action);
}

TEST_CASE("the builder refuses claims without sources, duplicate ids and dangling handles") {
  builder b;
  drug d;
  d.id = "drug:x";
  d.name = "x";
  auto x = b.add(d);
  CHECK_THROWS_AS(b.add(d), usage_error);
  target t;
  t.id = "target:t";
  t.name = "t";
  auto tt = b.add(t);
  CHECK_THROWS_AS(b.add<rel::acts_on>(x, tt, action{}, claim_meta{}), usage_error);
  CHECK_THROWS_AS(b.add<rel::acts_on>(x, tt, action{}, claim_meta{{source_id{7}}}), usage_error);
  source s;
  s.id = "src:pmid:1";
  auto sid = b.add_source(s);
  CHECK_THROWS_AS(b.add_source(s), usage_error);
  CHECK_THROWS_AS(b.add<rel::acts_on>(drug_id{5}, tt, action{}, claim_meta{{sid}}), usage_error);
}

TEST_CASE("a builder started from a knowledge base extends a copy and leaves the original alone") {
  fixture f;
  auto before = f.kb.content_hash();
  builder b(f.kb);
  drug d;
  d.id = "drug:new";
  d.name = "newdrug";
  auto nd = b.add(d);
  action a;
  a.type = action_type::agonist;
  b.add<rel::acts_on>(nd, *b.find_id("target:MOR")->as<target>(), a, {{*b.find_source("src:pmid:12813472")}});
  auto kb2 = b.build();
  CHECK(f.kb.content_hash() == before);
  CHECK_FALSE(f.kb.find<drug>("newdrug"));
  CHECK(kb2.find<drug>("newdrug"));
  CHECK(kb2.content_hash() != before);
  CHECK(std::ranges::distance(kb2.in<rel::acts_on>(kb2.at<target>("MOR"))) == 3);
  CHECK(kb2.conflicts().size() == 1);
  // a rebuilt copy with nothing added hashes the same
  CHECK(builder(f.kb).build().content_hash() == before);
}

TEST_CASE("Boost.Graph algorithms run on the graph and on filtered views of it") {
  fixture f;
  auto const& g = f.kb.graph();
  CHECK(boost::num_vertices(g) == 15);
  CHECK(boost::num_edges(g) == f.kb.claim_count());
  // only acts_on and encoded_by edges: naltrexone reaches OPRM1 through MOR
  auto pred = [&g](graph_type::edge_descriptor e) {
    return g[e].kind == relation_kind::acts_on || g[e].kind == relation_kind::encoded_by;
  };
  boost::filtered_graph<graph_type, std::function<bool(graph_type::edge_descriptor)>> view(g, pred);
  std::vector<boost::default_color_type> color(boost::num_vertices(g));
  std::vector<int> reached(boost::num_vertices(g), 0);
  reach_visitor vis;
  vis.r = &reached;
  auto start = f.kb.vertex(f.kb.at<drug>("naltrexone"));
  boost::breadth_first_search(view, start,
                              boost::visitor(vis).color_map(boost::make_iterator_property_map(
                                  color.begin(), boost::get(boost::vertex_index, g))));
  CHECK(reached[f.kb.vertex(f.kb.at<gene>("gene:OPRM1"))] == 1);
  CHECK(reached[f.kb.vertex(f.kb.at<effect>("euphoria"))] == 0);  // blocks edges are filtered out
  CHECK(f.kb.node(start).kind() == node_kind::drug);
  // an edge's index is its claim
  for (auto [it, end] = boost::edges(g); it != end; ++it)
    CHECK(f.kb.claim(claim_id{std::uint32_t(boost::get(boost::edge_index, g, *it))}).kind() == g[*it].kind);
}

TEST_CASE("a frozen knowledge base answers the same from 8 threads at once") {
  fixture f;
  auto const& kb = f.kb;
  auto expected_targets = std::ranges::distance(kb.out<rel::acts_on>(kb.at<drug>("naltrexone")));
  std::atomic<int> mismatches{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < 2000; ++i) {
        auto n = kb.at<drug>(i % 2 ? "ReVia" : "naltrexone");
        if (std::ranges::distance(kb.out<rel::acts_on>(n)) != expected_targets) ++mismatches;
        if (kb.find<target>("μ") != kb.find<target>("MOR")) ++mismatches;
        if (kb.conflicts().size() != 1) ++mismatches;
      }
    });
  for (auto& t : threads) t.join();
  CHECK(mismatches == 0);
}
