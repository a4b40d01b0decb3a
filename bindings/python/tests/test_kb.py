"""The knowledge base from Python: loading, lookups, entities, claims, enums, values."""

import copy
import os
import pickle

import pytest

import pharmakon
from conftest import DATA_DIR


# ----- the knowledge base -----------------------------------------------------------------------------------


def test_default_kb_identity(kb):
    assert kb.name == "pharmakon-opioid-system"
    assert kb.version
    assert len(kb.content_hash) == 16 and int(kb.content_hash, 16) >= 0
    # every call gives the same content (one embedded knowledge base, loaded once)
    assert pharmakon.default_kb().content_hash == kb.content_hash
    assert isinstance(kb, pharmakon.KnowledgeBase)
    assert "KnowledgeBase" in repr(kb) and kb.name in repr(kb)


def test_len_and_stats_agree(kb):
    st = kb.stats()
    assert set(st) == {"nodes", "claims", "sources", "conflicts"}
    assert set(st["nodes"]) == set(pharmakon.NodeKind.__members__)
    assert set(st["claims"]) == set(pharmakon.Relation.__members__)
    assert len(kb) == sum(st["nodes"].values())
    assert kb.claim_count == sum(st["claims"].values())
    assert st["sources"] == len(kb.sources())
    assert st["conflicts"] == len(kb.conflicts())
    assert st["nodes"]["drug"] == len(kb.drugs()) >= 20
    assert st["nodes"]["target"] == len(kb.targets())
    assert st["nodes"]["gene"] == len(kb.genes())
    assert st["nodes"]["variant"] == len(kb.variants())
    assert st["nodes"]["effect"] == len(kb.effects())
    assert st["nodes"]["condition"] == len(kb.conditions())
    assert st["nodes"]["regimen"] == len(kb.regimens())
    assert st["nodes"]["warning"] == len(kb.warnings())
    assert st["nodes"]["concept"] == len(kb.concepts())
    assert len(kb.entities()) == len(kb)
    assert len(kb.entities("drug")) == len(kb.entities(pharmakon.NodeKind.drug)) == st["nodes"]["drug"]
    assert len(kb.claims()) == kb.claim_count
    for rel, n in st["claims"].items():
        assert len(kb.claims(rel)) == n
        assert all(c.relation == getattr(pharmakon.Relation, rel) for c in kb.claims(rel))


def test_empty_knowledge_base():
    empty = pharmakon.KnowledgeBase()
    assert len(empty) == 0 and empty.claim_count == 0 and empty.drugs() == [] and empty.sources() == []
    with pytest.raises(pharmakon.UnknownNameError):
        empty.drug("naltrexone")


def test_contains(kb):
    assert "naltrexone" in kb and "ReVia" in kb and "drug:naltrexone" in kb and "CHEMBL19019" in kb
    assert "no such drug" not in kb
    with pytest.raises(TypeError):
        42 in kb  # noqa: B015


# ----- loading ----------------------------------------------------------------------------------------------


def test_load_returns_a_new_knowledge_base(kb, extra_toml, tmp_path):
    f = tmp_path / "extra.toml"
    f.write_text(extra_toml, encoding="utf-8")
    before = (kb.content_hash, len(kb), kb.claim_count)
    for bigger in (kb.load(str(f)), kb.load(f), kb.load([f]), pharmakon.load(f, base=kb),
                   kb.loads(extra_toml, name="extra.toml"), pharmakon.loads(extra_toml, base=kb)):
        assert bigger.drug("testorphan").name == "testorphan"
        assert len(bigger) == len(kb) + 1
        assert bigger.claim_count == kb.claim_count + 1
        assert bigger.content_hash != kb.content_hash
        assert bigger.name == kb.name  # files loaded on top keep the base's name
    # the knowledge base loaded on is unchanged
    assert (kb.content_hash, len(kb), kb.claim_count) == before
    assert "testorphan" not in kb


def test_load_alone_and_on_top(data_dir):
    good = [data_dir / "good" / "targets.toml", data_dir / "good" / "drugs.toml"]
    alone = pharmakon.load(good)
    assert alone.drug("ulotaront").actions[0].target.id == "target:TAAR1"
    assert "naltrexone" not in alone
    both = pharmakon.default_kb().load(good)
    assert "naltrexone" in both and "ulotaront" in both
    # a load of no files is the base itself, content-wise
    assert pharmakon.default_kb().load([]).content_hash == pharmakon.default_kb().content_hash


def test_load_bytes_and_str_agree(extra_toml, kb):
    a = kb.loads(extra_toml)
    b = kb.loads(extra_toml.encode("utf-8"))
    assert a.content_hash == b.content_hash


def test_validate(data_dir, tmp_path, extra_toml):
    good = [data_dir / "good" / "targets.toml", data_dir / "good" / "drugs.toml"]
    assert pharmakon.validate(good) == []
    f = tmp_path / "extra.toml"
    f.write_text(extra_toml, encoding="utf-8")
    assert pharmakon.validate(f, base=pharmakon.default_kb()) == []
    diags = pharmakon.validate(f)  # alone: target:MOR is unknown
    assert diags and all(isinstance(d, pharmakon.Diagnostic) for d in diags)
    assert any(d.code == pharmakon.ErrorCode.unknown_reference for d in diags)
    assert all(str(d).startswith(str(f) + ":") for d in diags)


def test_load_accepts_pathlike(data_dir):
    class P(os.PathLike):
        def __init__(self, p):
            self.p = p

        def __fspath__(self):
            return str(self.p)

    kb2 = pharmakon.load([P(data_dir / "good" / "targets.toml"), P(data_dir / "good" / "drugs.toml")])
    assert "ulotaront" in kb2


# ----- lookups ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["naltrexone", "NALTREXONE", "ReVia", "vivitrol", "drug:naltrexone", "CHEMBL19019",
                                  "chembl:CHEMBL19019", "DB00704"])
def test_drug_lookup(kb, name):
    assert kb.drug(name).id == "drug:naltrexone"


def test_other_lookups(kb):
    assert kb.target("MOR").id == "target:MOR"
    assert kb.target("μ").id == kb.target("mu").id == "target:MOR"
    assert kb.gene("OPRM1").id == "gene:OPRM1"
    assert isinstance(kb.variant("rs1799971"), pharmakon.Variant)
    assert isinstance(kb.effect("respiratory depression"), pharmakon.Effect)
    assert isinstance(kb.condition("alcohol use disorder"), pharmakon.Condition)
    assert isinstance(kb.regimen("regimen:naltrexone-oral-aud"), pharmakon.Regimen)
    w = kb.warnings()[0]
    assert kb.warning(w.id) == w
    with pytest.raises(pharmakon.UnknownNameError):
        kb.concept("anything")
    assert kb.entity("MOR") == kb.target("MOR")
    assert kb.find("naltrexone") == kb.drug("naltrexone")
    assert kb.find("naltrexone", kind="target") is None
    assert kb.find("MOR", kind=pharmakon.NodeKind.target) == kb.target("MOR")
    assert kb.find("no such thing") is None
    assert kb.find_all("no such thing") == []
    assert kb.drug("naltrexone") in kb.find_all("naltrexone")
    assert kb.suggest("naltrexon") == ["naltrexone"] or kb.suggest("naltrexon")[0] == "naltrexone"
    assert "mu opioid receptor" in kb.suggest("mu opiod receptor", kind="target")
    s = kb.sources()[0]
    assert kb.source(s.id) == s
    with pytest.raises(pharmakon.UnknownNameError):
        kb.source("src:none")


def test_lookup_of_the_wrong_kind_fails(kb):
    with pytest.raises(pharmakon.UnknownNameError):
        kb.drug("MOR")
    with pytest.raises(pharmakon.UnknownNameError):
        kb.target("naltrexone")


# ----- entities ---------------------------------------------------------------------------------------------


def test_drug_fields(kb):
    d = kb.drug("ReVia")
    assert d.id == "drug:naltrexone" and d.name == "naltrexone" and d.kind == pharmakon.NodeKind.drug
    assert "ReVia" in d.synonyms and "Vivitrol" in d.synonyms
    assert d.drug_class == "opioid receptor antagonist"
    assert d.identifiers["chembl"] == "CHEMBL19019"
    assert all(isinstance(s, pharmakon.Source) for s in d.sources) and d.sources
    assert d.location is not None and d.location.startswith("data/naltrexone.toml:") or d.location
    assert repr(d) == "<Drug drug:naltrexone 'naltrexone'>"


def test_drug_actions(kb):
    d = kb.drug("naltrexone")
    acts = {(a.target.id, a.negated): a for a in d.actions if a.type != pharmakon.ActionType.partial_agonist}
    mor = acts[("target:MOR", False)]
    # beside it, the research-tier partial agonism at over-expressed MOR (PMID 24973897), a conflict kept on purpose
    assert [a.tier for a in d.actions if a.target.id == "target:MOR" and a.type == pharmakon.ActionType.partial_agonist] \
        == [pharmakon.EvidenceTier.research]
    assert isinstance(mor, pharmakon.Action) and isinstance(mor, pharmakon.Claim)
    assert mor.type == pharmakon.ActionType.antagonist
    assert mor.chembl_action == "ANTAGONIST"
    assert mor.modality == pharmakon.Modality.competitive
    assert mor.reversible is True and mor.surmountable is True
    assert mor.efficacy == 0.0
    assert mor.tier == pharmakon.EvidenceTier.label
    assert mor.relation == pharmakon.Relation.acts_on
    assert mor.drug == d and mor.subject == d and mor.object == mor.target
    assert isinstance(mor.target, pharmakon.Target) and mor.target.gene_symbol == "OPRM1"
    assert mor.sources and all(isinstance(s, pharmakon.Source) for s in mor.sources)
    assert mor.source_ids == [s.id for s in mor.sources]
    assert mor.affinities and all(isinstance(a, pharmakon.Affinity) for a in mor.affinities)
    assert mor.best_p_affinity == max(a.p_value for a in mor.affinities)
    aff = mor.affinities[0]
    assert aff.measure == pharmakon.AffinityMeasure.pKi and aff.unit is None and aff.species == "human"
    assert aff.sources and aff.refs == []
    assert mor.note and mor.location
    # the negated claim at sigma-1 is there too, marked
    assert ("target:sigma1", True) in acts
    assert acts[("target:sigma1", True)].negated


def test_drug_relations(kb):
    d = kb.drug("naltrexone")
    effects = d.effects
    assert effects and all(isinstance(e, pharmakon.EffectClaim) for e in effects)
    assert {e.relation for e in effects} <= {pharmakon.Relation.produces, pharmakon.Relation.blocks,
                                             pharmakon.Relation.reduces}
    assert any(e.effect.name == "respiratory depression" and e.relation == pharmakon.Relation.blocks
               for e in effects)
    regs = d.regimens
    assert regs and all(isinstance(r, pharmakon.Regimen) for r in regs)
    oral = kb.regimen("regimen:naltrexone-oral-aud")
    assert oral in regs
    assert oral.dose == pharmakon.Quantity(50, "mg") and oral.route == pharmakon.Route.oral
    assert oral.interval == pharmakon.Quantity(24, "h")
    assert oral.drugs == [d]
    assert [c.id for c in oral.conditions] == ["condition:alcohol-use-disorder"]
    pre = {p.kind: p for p in oral.preconditions}
    assert pre[pharmakon.PreconditionKind.opioid_free].min == pharmakon.Quantity(7, "d")
    ws = d.warnings
    assert ws and all(isinstance(w, pharmakon.DrugWarning) for w in ws)
    assert all(isinstance(w.severity, pharmakon.Severity) and isinstance(w.warning_kind, pharmakon.WarningKind)
               for w in ws)
    assert any(kb.target("MOR") in w.concerns for w in ws)
    inds = d.indications
    assert inds and all(isinstance(i, pharmakon.IndicationClaim) for i in inds)
    assert {i.condition.id for i in inds} >= {"condition:alcohol-use-disorder", "condition:opioid-use-disorder"}
    pgx = d.pharmacogenetics
    assert pgx and all(isinstance(p, pharmakon.PgxClaim) and p.drug == d for p in pgx)
    assert {p.finding for p in pgx} >= {pharmakon.PgxFinding.associated, pharmakon.PgxFinding.not_associated}
    assert any(p.variant.gene and p.variant.gene.symbol == "OPRM1" for p in pgx)


def test_target_and_gene(kb):
    mor = kb.target("MOR")
    assert mor.type == pharmakon.TargetType.receptor
    assert mor.gene == kb.gene("OPRM1")
    assert mor in kb.gene("OPRM1").targets
    drugs_at_mor = {a.drug.name for a in mor.actions}
    assert {"naltrexone", "morphine", "buprenorphine"} <= drugs_at_mor
    assert all(a.target == mor for a in mor.actions)
    assert kb.variant("rs1799971") in kb.gene("OPRM1").variants
    rd = kb.effect("respiratory depression")
    assert mor in rd.mediated_by
    aud = kb.condition("alcohol use disorder")
    assert kb.drug("naltrexone") in [i.drug for i in aud.indications]
    assert kb.regimen("regimen:naltrexone-oral-aud") in aud.regimens


def test_entity_claims_navigation(kb):
    d = kb.drug("naltrexone")
    out = d.claims()
    assert len(out) == len(d.claims("out"))
    assert len(d.claims(relation="acts_on")) == len(d.actions)
    assert len(d.claims("in", pharmakon.Relation.modulates_response)) == len(d.pharmacogenetics)
    assert len(d.claims("both")) == len(d.claims("out")) + len(d.claims("in"))
    with pytest.raises(pharmakon.UsageError):
        d.claims("sideways")
    with pytest.raises(pharmakon.UsageError):
        d.claims(relation="acts_upon")


def test_claims_by_index(kb):
    for c in kb.claims():
        assert kb.claim(c.id) == c
    with pytest.raises(pharmakon.UsageError):
        kb.claim(kb.claim_count)
    with pytest.raises(pharmakon.UsageError):
        kb.claim(-1)
    with pytest.raises(TypeError):
        kb.claim("0")


def test_conflicts(kb):
    cs = kb.conflicts()
    assert cs
    for c in cs:
        assert isinstance(c.reason, pharmakon.ConflictReason)
        assert isinstance(c.first, pharmakon.Claim) and isinstance(c.second, pharmakon.Claim)
        assert c.first.subject == c.second.subject and c.first.object == c.second.object
    # a claim against its own negation is a negation conflict; naltrexone at sigma-1 has only the negated claim
    for c in cs:
        if c.first.negated != c.second.negated:
            assert c.reason == pharmakon.ConflictReason.negation
    assert not [c for c in cs if c.first.subject.name == "naltrexone" and c.first.object.id == "target:sigma1"]
    naltrexone_mor = [c for c in cs if c.first.subject.name == "naltrexone" and c.first.object.id == "target:MOR"]
    assert naltrexone_mor and naltrexone_mor[0].reason == pharmakon.ConflictReason.incompatible_action


def test_entities_equal_and_hash(kb):
    a, b = kb.drug("naltrexone"), kb.drug("ReVia")
    assert a == b and hash(a) == hash(b) and len({a, b}) == 1
    assert a != kb.drug("naloxone")
    assert a != "drug:naltrexone"
    other = kb.loads("", name="empty.toml")  # same content, another loaded state: another graph
    assert other.drug("naltrexone") != a


def test_answers_take_entities_from_any_kb(kb, extra_toml):
    bigger = kb.loads(extra_toml)
    # a Drug of one knowledge base is looked up by id in another
    assert bigger.mechanism_of(kb.drug("naltrexone")).drug_id == "drug:naltrexone"
    assert kb.mechanism_of(kb.drug("naltrexone")).to_json() == kb.mechanism_of("naltrexone").to_json()
    with pytest.raises(pharmakon.UnknownNameError):
        kb.mechanism_of(bigger.drug("testorphan"))
    with pytest.raises(TypeError):
        kb.mechanism_of(kb.target("MOR"))


# ----- enums and values -------------------------------------------------------------------------------------


def test_enums_have_the_canonical_names():
    assert pharmakon.ActionType.antagonist.name == "antagonist"
    assert pharmakon.NodeKind.concept.name == "concept"
    assert list(pharmakon.EvidenceTier.__members__) == ["guideline", "label", "research", "other"]
    assert int(pharmakon.EvidenceTier.guideline) < int(pharmakon.EvidenceTier.research)
    assert pharmakon.ErrorCode.unknown_name.value == 18
    assert len(pharmakon.ErrorCode.__members__) == 20
    assert "positive_allosteric_modulator" in pharmakon.ActionType.__members__
    assert "Ki" in pharmakon.AffinityMeasure.__members__
    assert repr(pharmakon.Route.oral).startswith("<Route.oral")


def test_quantity():
    q = pharmakon.Quantity(50, "mg")
    assert (q.value, q.unit, q.dimension, q.base_value) == (50, "mg", "mass", 50)
    assert str(q) == "50 mg" and repr(q) == "Quantity(50, 'mg')"
    assert q.to("g") == pharmakon.Quantity(0.05, "g")
    assert pharmakon.Quantity(1, "ug").unit == "µg"
    assert pharmakon.parse_quantity("380mg") == pharmakon.Quantity(380, "mg")
    assert pharmakon.Quantity.parse("0.5 nM").dimension == "concentration"
    assert pharmakon.parse_interval("q12h") == pharmakon.Quantity(12, "h")
    assert pharmakon.parse_interval("daily") == pharmakon.Quantity(24, "h")
    assert pharmakon.parse_interval("4 weeks").base_value == 4 * 168
    assert hash(q) == hash(pharmakon.Quantity(50, "mg"))
    assert q != pharmakon.Quantity(50, "g") and q != 50
    assert pickle.loads(pickle.dumps(q)) == q
    assert copy.copy(q) == q
    with pytest.raises(pharmakon.QuantityError) as e:
        q.to("h")
    assert isinstance(e.value, ValueError)
    with pytest.raises(pharmakon.QuantityError):
        q.to("furlongs")


@pytest.mark.parametrize("text", ["", "mg", "50", "50 xg", "-5 mg", "0 mg", "nan mg", "inf mg", "1e999 mg", "5 5 mg"])
def test_bad_quantities(text):
    with pytest.raises(pharmakon.QuantityError) as e:
        pharmakon.parse_quantity(text)
    err = e.value
    assert err.code == pharmakon.ErrorCode.bad_quantity
    assert err.text == text and err.expected and err.found is not None and err.offset is not None
    assert text in str(err) or not text


@pytest.mark.parametrize("value,unit", [(0, "mg"), (-1, "mg"), (float("nan"), "mg"), (float("inf"), "h"),
                                        (5, "xg"), (5, "")])
def test_bad_quantity_constructor(value, unit):
    with pytest.raises(pharmakon.QuantityError):
        pharmakon.Quantity(value, unit)


def test_interval_must_be_a_time():
    with pytest.raises(pharmakon.QuantityError) as e:
        pharmakon.parse_interval("50 mg")
    assert "time" in str(e.value)


def test_sources(kb):
    for s in kb.sources():
        assert s.id.startswith("src:") and s.title
        assert isinstance(s.kind, pharmakon.SourceKind) and isinstance(s.tier, pharmakon.EvidenceTier)
        assert s.citation
        assert s.year is None or 1800 <= s.year <= 2100
        assert s.location and ".toml:" in s.location
    by_id = {s.id: s for s in kb.sources()}
    assert by_id["src:pmid:12813472"].pmid == "12813472"
    assert by_id["src:pmid:12813472"].citation.startswith("PMID 12813472")
    assert by_id["src:pmid:12813472"].dailymed_setid is None


def test_data_dir_is_the_repository(data_dir):
    assert (DATA_DIR / "golden" / "kb.toml").exists()


def test_imported_kinds_concepts_and_related_claims(kb):
    text = """
[[source]]
id = "src:test-pathways"
kind = "database"
title = "A test pathway database"
url = "https://example.org/pathways"

[[concept]]
id = "concept:Pathway::WP1"
name = "opioid signalling"
kind = "Pathway"

[[related]]
from = "gene:OPRM1"
to = "concept:Pathway::WP1"
label = "participates"
sources = ["src:test-pathways"]
"""
    big = kb.loads(text, name="pathways.toml")
    c = big.concept("opioid signalling")
    assert isinstance(c, pharmakon.Concept) and c.kind_label == "Pathway" and c.kind == pharmakon.NodeKind.concept
    assert big.concepts() == [c]
    rel = big.claims("related")
    assert len(rel) == 1 and isinstance(rel[0], pharmakon.RelatedClaim)
    assert rel[0].label == "participates" and rel[0].subject == big.gene("OPRM1") and rel[0].object == c
    assert rel[0] in c.claims("in")
    pytest.importorskip("pandas")
    claims = big.to_pandas("claims")
    row = claims[claims.relation == "related"].iloc[0]
    assert (row.subject_id, row.object_id, row.detail) == ("gene:OPRM1", "concept:Pathway::WP1", "participates")
    nx = pytest.importorskip("networkx")
    g = big.to_networkx()
    assert g.nodes["concept:Pathway::WP1"]["kind_label"] == "Pathway"
    assert g.edges["gene:OPRM1", "concept:Pathway::WP1", rel[0].id]["label"] == "participates"
    assert nx.has_path(g, "drug:naltrexone", "concept:Pathway::WP1")


def test_mechanism_answer_target_roles(kb):
    a = kb.mechanism_of("naltrexone")
    roles = {(r.target_id, r.effect_id) for r in a.target_roles}
    assert ("target:KOR", "effect:dysphoria") in roles
    assert all(r.evidence.refs for r in a.target_roles)
    assert any(r["effect_id"] == "effect:dysphoria" for r in a.to_dict()["target_roles"])


def test_a_title_unverified_source(kb):
    kelly = kb.source("src:pmid:24973897")
    assert kelly.title_unverified and not kelly.unverified
