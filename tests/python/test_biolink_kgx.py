"""KGX exports validated against the Biolink model (../shared/data/biolink/biolink-model.yaml), and GraphML read
by networkx. The model and the full Hetionet files are outside the repository: those tests skip, saying so, when
they are absent."""
import collections
import os
import pathlib
import shutil
import subprocess

import pytest

import biolink_check

CLI = os.environ.get("PHARMAKON_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")
REPO = pathlib.Path(__file__).resolve().parents[2]
SHARED = pathlib.Path(os.environ.get("PHARMAKON_SHARED_DATA", REPO.parent / "shared" / "data"))
MODEL_YAML = SHARED / "biolink" / "biolink-model.yaml"
FIXTURE = REPO / "tests" / "data" / "import" / "hetionet"
HETIONET = SHARED / "hetionet"


def run(*args):
    p = subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p


@pytest.fixture(scope="module")
def model():
    if not MODEL_YAML.exists():
        pytest.skip(f"the Biolink model is not at {MODEL_YAML} (set PHARMAKON_SHARED_DATA)")
    return biolink_check.Model(MODEL_YAML)


def export(tmp, name, kb=None):
    prefix = tmp / name
    run(*(["--kb", kb] if kb else []), "export", "--to", "kgx", "--out", prefix)
    return prefix


def hetionet_export(tmp, nodes, edges):
    run("import", "--from", "hetionet", nodes, edges, "--out", tmp / "h.pkb")
    return export(tmp, "h", tmp / "h.pkb")


def rows(path):
    return biolink_check.read_tsv(path)[1]


def test_the_default_kb_conforms(model, tmp_path):
    prefix = export(tmp_path, "default")
    assert biolink_check.check(model, f"{prefix}_nodes.tsv", f"{prefix}_edges.tsv") == []
    nodes = {r["pharmakon_id"]: r for r in rows(f"{prefix}_nodes.tsv")}
    # ids are Biolink CURIEs chosen from the entity's identifiers; pharmakon's own id is its own column
    assert nodes["drug:naltrexone"]["id"].split(":")[0] in {"CHEBI", "UNII", "PUBCHEM.COMPOUND", "CHEMBL.COMPOUND", "DRUGBANK"}
    assert nodes["target:MOR"]["id"].startswith("UniProtKB:")
    assert all(not x.startswith(("drugbank:", "entrez:", "chembl:")) for r in nodes.values() for x in r["xref"].split("|"))
    edges = rows(f"{prefix}_edges.tsv")
    # curated claims: knowledge assertions by people, from pharmakon
    kinds = collections.Counter((e["knowledge_level"], e["agent_type"]) for e in edges)
    assert kinds[("knowledge_assertion", "manual_agent")] > len(edges) / 3, kinds
    # one information resource per original source: DailyMed for labels, ChEMBL and GtoPdb for their records
    primary = collections.Counter(e["primary_knowledge_source"] for e in edges)
    assert {"infores:pharmakon", "infores:dailymed", "infores:chembl", "infores:gtopdb"} <= set(primary), primary
    assert all(e["aggregator_knowledge_source"] == "infores:pharmakon" for e in edges
               if e["primary_knowledge_source"] != "infores:pharmakon")
    related = sum(e["predicate"] == "biolink:related_to" for e in edges)
    assert related < len(edges) / 5


def check_hetionet(model, prefix):
    assert biolink_check.check(model, f"{prefix}_nodes.tsv", f"{prefix}_edges.tsv") == []
    edges = rows(f"{prefix}_edges.tsv")
    predicates = collections.Counter(e["predicate"] for e in edges)
    assert predicates["biolink:related_to"] < len(edges) / 5, predicates
    # Hetionet's claims cite Hetionet, pharmakon aggregates them; typed metaedges keep their own provenance
    assert {e["primary_knowledge_source"] for e in edges} == {"infores:hetionet"}
    assert {e["aggregator_knowledge_source"] for e in edges} == {"infores:pharmakon"}
    by_label = {(e["label"] or e["pharmakon_relation"], e["predicate"]): e for e in edges}
    return edges, predicates, by_label


def test_a_hetionet_import_conforms(model, tmp_path):
    prefix = hetionet_export(tmp_path, FIXTURE / "nodes.tsv", FIXTURE / "edges.sif")
    edges, predicates, by_label = check_hetionet(model, prefix)
    assert predicates["biolink:related_to"] == 0, predicates
    nodes = rows(f"{prefix}_nodes.tsv")
    concepts = [n for n in nodes if n["pharmakon_kind"] == "concept" and n["category"] == "biolink:BiologicalProcess"]
    assert concepts and all(n["id"].startswith("GO:") and n["id"] in n["xref"].split("|") for n in concepts)
    drugs = [n for n in nodes if n["pharmakon_kind"] == "drug"]
    assert drugs and all(n["id"].startswith("DRUGBANK:") for n in drugs)
    genes = [n for n in nodes if n["pharmakon_kind"] == "gene"]
    assert genes and all(n["id"].startswith("NCBIGene:") for n in genes)
    assert all(n["provided_by"] == "infores:hetionet" for n in drugs + genes)


def test_the_full_hetionet_sample_conforms(model, tmp_path):
    nodes, edges = HETIONET / "hetionet-v1.0-nodes.tsv", HETIONET / "hetionet-v1.0-edges-5k-per-metaedge.sif.gz"
    if not (nodes.exists() and edges.exists()):
        pytest.skip(f"the Hetionet v1.0 files are not in {HETIONET}")
    prefix = hetionet_export(tmp_path, nodes, edges)
    edges, predicates, _ = check_hetionet(model, prefix)
    # every one of the 24 metaedges has a predicate of its own
    assert predicates["biolink:related_to"] == 0, predicates
    levels = collections.Counter((e["label"], e["knowledge_level"], e["agent_type"]) for e in edges)
    assert levels[("presents", "text_co_occurrence", "data_analysis_pipeline")] > 0
    assert levels[("covaries", "statistical_association", "data_analysis_pipeline")] > 0
    q = [e for e in edges if e["label"] == "upregulates" and e["predicate"] == "biolink:affects"]
    assert q and all(e["object_aspect_qualifier"] == "expression" and e["object_direction_qualifier"] == "increased" for e in q)


def test_the_check_fails_on_a_bad_export(model, tmp_path):
    prefix = export(tmp_path, "bad")
    nodes_path, edges_path = pathlib.Path(f"{prefix}_nodes.tsv"), pathlib.Path(f"{prefix}_edges.tsv")
    lines = nodes_path.read_text(encoding="utf-8").split("\n")
    header = lines[0].split("\t")
    col = {c: i for i, c in enumerate(header)}
    f = lines[1].split("\t")
    f[col["category"]] = "biolink:InformationContentEntity"  # abstract
    lines[1] = "\t".join(f)
    f = lines[2].split("\t")
    f[col["category"]] = "biolink:ChemicalOrDrugOrTreatment"  # a mixin
    f[col["xref"]] = "drugbank:DB00704"  # not Biolink's prefix
    lines[2] = "\t".join(f)
    ntx = next(i for i, l in enumerate(lines) if l and l.split("\t")[col["pharmakon_id"]] == "drug:naltrexone")
    f = lines[ntx].split("\t")
    f[col["id"]] = "drug:naltrexone"  # pharmakon's id: not a registered prefix
    lines[ntx] = "\t".join(f)
    nodes_path.write_text("\n".join(lines), encoding="utf-8")
    lines = edges_path.read_text(encoding="utf-8").split("\n")
    col = {c: i for i, c in enumerate(lines[0].split("\t"))}
    f = lines[1].split("\t")
    f[col["predicate"]] = "biolink:name"  # a slot, but no predicate
    f[col["knowledge_level"]] = "not_a_level"
    lines[1] = "\t".join(f)
    f = lines[2].split("\t")
    f[col["predicate"]] = "biolink:interacts_with"  # a mixin Biolink does not mark canonical
    f[col["primary_knowledge_source"]] = "pharmakon"
    lines[2] = "\t".join(f)
    edges_path.write_text("\n".join(lines), encoding="utf-8")
    problems = "\n".join(biolink_check.check(model, nodes_path, edges_path))
    assert "is an abstract class" in problems
    assert "is a mixin" in problems
    assert "xref 'drugbank:DB00704': prefix 'drugbank' is not Biolink-registered" in problems
    assert "id 'drug:naltrexone': prefix 'drug' is not Biolink-registered" in problems
    assert "predicate 'biolink:name' is not a predicate" in problems
    assert "predicate 'biolink:interacts_with' is a mixin that is not canonical" in problems
    assert "knowledge_level 'not_a_level'" in problems
    assert "primary_knowledge_source 'pharmakon' is not an infores CURIE" in problems
    # edges whose subject is the renamed node no longer resolve
    assert "is not a node of" in problems


def test_graphml_nodes_are_keyed_by_pharmakon_id_and_every_attribute_has_a_default(tmp_path):
    nx = pytest.importorskip("networkx")
    run("export", "--to", "graphml", "--out", tmp_path / "kb.graphml")
    g = nx.read_graphml(tmp_path / "kb.graphml")
    assert g.nodes["drug:naltrexone"]["name"] == "naltrexone"
    assert g.nodes["drug:naltrexone"]["kind"] == "drug"
    assert "target:MOR" in g.successors("drug:naltrexone")
    # defaults: every attribute has one (networkx keeps them in G.graph), typed as the key says
    text = (tmp_path / "kb.graphml").read_text(encoding="utf-8")
    assert text.count("<key ") == text.count("<default>")
    node_default, edge_default = g.graph["node_default"], g.graph["edge_default"]
    assert set(node_default) == {"name", "kind", "pharmakon_id", "concept_kind", "identifiers"}
    assert edge_default["negated"] is False and edge_default["best_p_affinity"] != edge_default["best_p_affinity"]  # NaN
    negated = [d.get("negated", edge_default["negated"]) for _, _, d in g.edges(data=True)]
    assert any(negated) and not all(negated)
