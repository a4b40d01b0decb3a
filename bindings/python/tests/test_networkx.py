"""to_networkx: a typed MultiDiGraph, checked against the C++ counts, claims and answers."""

import pytest

import pharmakon

nx = pytest.importorskip("networkx")


@pytest.fixture(scope="module")
def graph(kb):
    return kb.to_networkx()


def test_as_many_nodes_and_edges_as_the_knowledge_base(kb, graph):
    st = kb.stats()
    assert isinstance(graph, nx.MultiDiGraph)
    assert graph.number_of_nodes() == sum(st["nodes"].values()) == len(kb)
    assert graph.number_of_edges() == sum(st["claims"].values()) == kb.claim_count
    assert graph.graph == {"name": kb.name, "version": kb.version, "content_hash": kb.content_hash}
    kinds = {}
    for _, data in graph.nodes(data=True):
        kinds[data["kind"]] = kinds.get(data["kind"], 0) + 1
    assert kinds == {k: n for k, n in st["nodes"].items() if n}
    rels = {}
    for _, _, data in graph.edges(data=True):
        rels[data["relation"]] = rels.get(data["relation"], 0) + 1
    assert rels == {r: n for r, n in st["claims"].items() if n}


def test_nodes_carry_the_entities(kb, graph):
    for e in kb.entities():
        data = graph.nodes[e.id]
        assert (data["kind"], data["name"], data["synonyms"], data["identifiers"]) == (
            e.kind.name, e.name, e.synonyms, e.identifiers)
    assert graph.nodes["drug:naltrexone"]["drug_class"] == "opioid receptor antagonist"
    mor = graph.nodes["target:MOR"]
    assert (mor["target_type"], mor["gene_symbol"]) == ("receptor", "OPRM1")
    assert graph.nodes["gene:OPRM1"]["symbol"] == "OPRM1"


def test_edges_are_the_claims(kb, graph):
    for c in kb.claims():
        data = graph.edges[c.subject.id, c.object.id, c.id]
        assert (data["relation"], data["tier"], data["sources"], data["negated"]) == (
            c.relation.name, c.tier.name, c.source_ids, c.negated)
        if isinstance(c, pharmakon.Action):
            assert (data["action"], data["modality"], data["reversible"], data["efficacy"]) == (
                c.type.name, c.modality.name, c.reversible, c.efficacy)
            assert data["best_p_affinity"] == c.best_p_affinity


def test_naltrexone_edges_match_the_mechanism(kb, graph):
    answer = kb.mechanism_of("naltrexone")
    acts = sorted((v, d["action"], d["negated"], d["tier"])
                  for _, v, d in graph.out_edges("drug:naltrexone", data=True) if d["relation"] == "acts_on")
    assert acts == sorted((t.target.id, t.type.name, t.evidence.negated, t.evidence.tier.name)
                          for t in answer.actions)


def test_shortest_path_goes_through_the_receptor(graph):
    path = nx.shortest_path(graph, "drug:naltrexone", "gene:OPRM1")
    assert path == ["drug:naltrexone", "target:MOR", "gene:OPRM1"]
    # drugs that reach OPRM1's receptor: the predecessors of target:MOR through acts_on
    at_mor = {u for u, _, d in graph.in_edges("target:MOR", data=True) if d["relation"] == "acts_on"}
    assert {"drug:naltrexone", "drug:morphine", "drug:buprenorphine"} <= at_mor


def test_negated_claims_can_be_left_out(kb, graph):
    negated = sum(1 for c in kb.claims() if c.negated)
    assert negated > 0
    positive = kb.to_networkx(negated=False)
    assert positive.number_of_edges() == graph.number_of_edges() - negated
    assert positive.number_of_nodes() == graph.number_of_nodes()
    assert not any(d["negated"] for _, _, d in positive.edges(data=True))
    assert pharmakon.to_networkx(kb).number_of_edges() == graph.number_of_edges()
