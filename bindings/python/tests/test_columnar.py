"""The columnar API and the Python frictions of issue 16 (item 1): kb.adjacency / kb.edges (scipy.sparse, numpy),
entity indices, kb[name], Drug.targets, screen_interactions(*names), lookup by CURIE, to_igraph(),
MechanismAnswer.to_pandas(), typed import reports and progress."""
import gc
import warnings

import pytest

import pharmakon

np = pytest.importorskip("numpy")
sparse = pytest.importorskip("scipy.sparse")


@pytest.fixture(scope="module")
def het(data_dir):
    d = data_dir / "import" / "hetionet"
    return pharmakon.import_hetionet([d / "nodes.tsv", d / "edges.sif"])


def two_hop_by_loops(het):
    """The 2-hop question the slow way: every compound's distinct diseases through a bound gene."""
    cond = pharmakon.NodeKind.condition
    out = {}
    for drug in het.drugs():
        diseases = set()
        for target in drug.targets:
            gene = target.gene
            if gene is None:
                continue
            for c in gene.claims("in", "related"):
                if c.label == "associates" and c.subject.kind == cond:
                    diseases.add(c.subject.id)
        out[drug.id] = diseases
    return out


# ----- entity indices --------------------------------------------------------------------------------------------

def test_entity_ids_kinds_and_index_of_agree(kb):
    ids = kb.entity_ids()
    kinds = kb.kinds()
    assert len(ids) == len(kinds) == len(kb)
    i = kb.index_of("ReVia")
    assert ids[i] == "drug:naltrexone" and kinds[i] == int(pharmakon.NodeKind.drug)
    assert kb[i] == kb.drug("naltrexone") and kb.drug("naltrexone").index == i
    assert list(kb.index_of(["naltrexone", "target:MOR"])) == [i, kb.target("MOR").index]
    r = kb.index_range("drug")
    assert all(kinds[j] == int(pharmakon.NodeKind.drug) for j in r) and i in r
    assert not kinds.flags.writeable  # a view of the knowledge base: read-only
    with pytest.raises(pharmakon.UnknownNameError) as e:
        kb.index_of("naltrexon")
    assert "naltrexone" in e.value.suggestions


def test_kb_getitem_takes_a_name_or_an_index(kb):
    # was: TypeError 'KnowledgeBase' object is not subscriptable
    assert kb["naltrexone"] == kb.drug("naltrexone")
    assert kb["MOR"].kind == pharmakon.NodeKind.target
    assert kb[-1] == kb[len(kb) - 1]
    with pytest.raises(KeyError):
        kb["no such thing"]
    with pytest.raises(IndexError):
        kb[len(kb)]
    with pytest.raises(TypeError):
        kb[1.5]


# ----- edges and adjacency ---------------------------------------------------------------------------------------

def test_edges_are_the_claims_of_one_relation(kb):
    s, o, c = kb.edges("acts_on")
    assert len(s) == len(o) == len(c) == sum(1 for x in kb.claims("acts_on") if not x.negated)
    for si, oi, ci in list(zip(s, o, c))[:50]:
        claim = kb.claim(int(ci))
        assert claim.relation == pharmakon.Relation.acts_on
        assert claim.subject == kb[int(si)] and claim.object == kb[int(oi)]
    with_negated = kb.edges("acts_on", negated=True)[0]
    assert len(with_negated) == len(kb.claims("acts_on"))


def test_adjacency_is_a_csr_matrix_over_entity_indices(kb):
    a = kb.adjacency("acts_on")
    assert isinstance(a, sparse.csr_matrix) and a.shape == (len(kb), len(kb))
    ntx, mor = kb.index_of("naltrexone"), kb.index_of("target:MOR")
    assert a[ntx, mor] >= 1
    assert {kb[int(j)].id for j in a[ntx].indices} == {t.id for t in kb.drug("naltrexone").targets}
    with pytest.raises(pharmakon.UsageError):
        kb.adjacency("no_such_relation")
    with pytest.raises(pharmakon.UsageError, match="only related claims"):
        kb.adjacency("acts_on", "binds")


def test_label_filters_related_claims_by_their_original_kind(het):
    assert "associates" in het.labels()
    assert het.labels("related") == het.labels() == het.labels(pharmakon.Relation.related)
    with pytest.raises(pharmakon.UsageError, match="only related claims carry an original kind"):
        het.labels("acts_on")
    s, o, c = het.edges("related", "associates")
    assert len(s) > 0 and all(het.claim(int(x)).label == "associates" for x in c)
    assert all(het[int(x)].kind == pharmakon.NodeKind.condition for x in s)
    with pytest.raises(pharmakon.UsageError, match="associates"):  # an unknown label lists the known ones
        het.adjacency("related", "asociates")


def test_the_two_hop_question_as_two_sparse_products(het):
    binds = het.adjacency("acts_on") @ het.adjacency("encoded_by")         # drug -> gene
    reach = binds @ het.adjacency("related", "associates").T               # drug -> disease
    counts = reach.getnnz(axis=1)
    expected = two_hop_by_loops(het)
    assert sum(len(v) for v in expected.values()) > 0
    for drug_id, diseases in expected.items():
        i = het.index_of(drug_id)
        assert counts[i] == len(diseases)
        assert {het[int(j)].id for j in reach[i].indices} == diseases


def test_zero_copy_where_the_storage_allows(het):
    # a target's only claims are encoded_by: one contiguous run of the CSR, viewed, not copied
    indptr, indices, claims, shared = het._csr("encoded_by")
    assert shared and not indices.flags.writeable and not indices.flags.owndata
    a = het.adjacency("encoded_by")  # and scipy keeps that view: the matrix's indices are the knowledge base's
    assert np.shares_memory(a.indices, indices) and not a.indices.flags.writeable
    # related claims with one label are spread among others: gathered into arrays numpy owns
    indptr, indices, claims, shared = het._csr("related", "associates")
    assert not shared and indices.flags.writeable


def test_arrays_keep_the_knowledge_base_alive(data_dir):
    d = data_dir / "import" / "hetionet"
    kb = pharmakon.import_hetionet([d / "nodes.tsv", d / "edges.sif"])
    a = kb.adjacency("encoded_by")
    kinds = kb.kinds()
    expected = (a.nnz, int(a.indices.sum()), int(kinds.sum()))
    del kb
    gc.collect()
    assert (a.nnz, int(a.indices.sum()), int(kinds.sum())) == expected


# ----- frictions --------------------------------------------------------------------------------------------------

def test_drug_targets(kb):
    targets = kb.drug("naltrexone").targets
    assert {t.id for t in targets} >= {"target:MOR", "target:KOR", "target:DOR"}
    assert len(targets) == len({t.id for t in targets})
    assert all(isinstance(t, pharmakon.Target) for t in targets)


def test_screen_interactions_takes_names_as_arguments_or_a_list(kb):
    # was: a raw pybind11 "incompatible function arguments" for kb.interactions('a', 'b')
    listed = kb.screen_interactions(["naltrexone", "oxycodone"])
    assert kb.screen_interactions("naltrexone", "oxycodone").to_json() == listed.to_json()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        assert kb.interactions("naltrexone", "oxycodone").to_json() == listed.to_json()
        assert kb.interactions(["naltrexone", "oxycodone"]).to_json() == listed.to_json()
    assert kb.screen_interactions(kb.drug("naltrexone"), "oxycodone").to_json() == listed.to_json()


def test_concepts_are_found_by_curie(het):
    # was: het.concept('GO:0000002') raised UnknownNameError
    go = [c for c in het.concepts() if c.id.startswith("concept:Biological_Process::")][0]
    curie = go.id.split("::", 1)[1]
    assert het.concept(curie) == go and het[curie] == go
    assert go.identifiers["go"] == curie
    anatomy = [c for c in het.concepts() if c.id.startswith("concept:Anatomy::")]
    if anatomy:
        assert het.concept(anatomy[0].identifiers["uberon"]) == anatomy[0]
    assert het.condition(het.conditions()[0].identifiers["doid"]) == het.conditions()[0]


def test_to_igraph(het):
    ig = pytest.importorskip("igraph")
    g = het.to_igraph()
    assert isinstance(g, ig.Graph) and g.is_directed()
    assert g.vcount() == len(het) and g.ecount() == het.claim_count
    ntx = het.index_of("DB00704")
    assert g.vs[ntx]["name"] == het[ntx].id and g.vs[ntx]["kind"] == "drug"
    e = g.es[0]
    claim = het.claim(0)
    assert (e.source, e.target) == (claim.subject.index, claim.object.index)
    assert e["relation"] == claim.relation.name
    labels = set(g.es.select(relation="related")["label"])
    assert "associates" in labels and None not in labels
    assert set(g.es.select(relation_ne="related")["label"]) == {None}


def test_mechanism_answer_to_pandas(kb):
    pytest.importorskip("pandas")
    a = kb.mechanism_of("naltrexone")
    df = a.to_pandas()
    assert len(df) == len(a.actions)
    assert {"target_id", "target", "action", "best_p_affinity", "tier", "refs"} <= set(df.columns)
    row = df[df.target_id == "target:MOR"].iloc[0]
    assert row.action == "antagonist"


def test_import_reports_and_progress_are_typed(data_dir):
    d = data_dir / "import" / "hetionet"
    seen = []
    kb, report = pharmakon.import_hetionet([d / "nodes.tsv", d / "edges.sif"], with_report=True,
                                           progress=seen.append)
    assert isinstance(report, pharmakon.ImportReport)
    assert report.format == "hetionet" and isinstance(report.nodes[0], pharmakon.ImportCount)
    assert sum(r.count for r in report.edges) == kb.claim_count - sum(
        1 for c in kb.claims("encoded_by"))  # one encoded_by per bound gene, made by the import
    assert str(report) == report.text and "CbG" in str(report)
    assert seen and all(isinstance(p, pharmakon.ImportProgress) for p in seen)
    assert all(p.phase and p.seconds >= 0 and p.records >= 0 for p in seen)
    assert all((p.fraction is None) == (p.bytes_total == 0) for p in seen)
    assert all(p.fraction is None or 0 <= p.fraction <= 1 for p in seen)
    # code written for the dicts of earlier versions still reads them
    assert report["format"] == "hetionet" and dict(seen[0])["phase"] == seen[0].phase


def test_importers_take_paths_as_arguments_or_as_a_list(data_dir):
    d = data_dir / "import" / "hetionet"
    listed = pharmakon.import_hetionet([d / "nodes.tsv", d / "edges.sif"])
    spread = pharmakon.import_hetionet(d / "nodes.tsv", str(d / "edges.sif"))
    assert spread.content_hash == listed.content_hash
    # the keyword options still work after several paths; a wrong type is a TypeError naming what was expected
    kb, report = pharmakon.import_hetionet(d / "nodes.tsv", d / "edges.sif", with_report=True)
    assert kb.content_hash == listed.content_hash and report.files
    with pytest.raises(TypeError):
        pharmakon.import_hetionet(d / "nodes.tsv", 42)


def test_approved_only_keeps_the_answer_type(het):
    a = pharmakon.default_kb().mechanism_of("naltrexone")
    assert type(a.approved_only()) is type(a)
