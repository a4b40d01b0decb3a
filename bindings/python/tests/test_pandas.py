"""to_pandas: typed DataFrames, checked against the C++ answers and counts (not just "it returns something")."""

import math
from collections import Counter
import subprocess
import sys

import pytest

import pharmakon

pd = pytest.importorskip("pandas")


def nan_to_none(x):
    return None if isinstance(x, float) and math.isnan(x) else x


def test_every_table_has_one_row_per_claim_or_entity(kb):
    st = kb.stats()
    claims = st["claims"]
    rows = {
        "actions": claims["acts_on"],
        "claims": kb.claim_count,
        "drugs": st["nodes"]["drug"],
        "effects": claims["produces"] + claims["blocks"] + claims["reduces"],
        "entities": len(kb),
        "indications": claims["indicated_for"],
        "pharmacogenetics": claims["modulates_response"],
        "regimens": claims["dosed_as"],
        "sources": st["sources"],
        "targets": st["nodes"]["target"],
        "warnings": claims["carries"],
        "affinities": sum(len(a.affinities) for a in kb.claims("acts_on")),
    }
    assert set(rows) == set(pharmakon.TABLES)
    for table, n in rows.items():
        df = kb.to_pandas(table)
        assert isinstance(df, pd.DataFrame)
        assert len(df) == n, table
        assert n > 0, table
    assert list(kb.to_pandas().columns) == list(kb.to_pandas("actions").columns)
    assert pharmakon.to_pandas(kb, "drugs").equals(kb.to_pandas("drugs"))


def test_actions_rows_equal_the_mechanism_answer(kb):
    df = kb.to_pandas("actions")
    for drug in kb.drugs():
        rows = df[df.drug_id == drug.id]
        # compared as multisets: one drug may have two claims at one target (butorphanol at MOR: a label claim
        # without affinity and a research claim with one), whose tuples hold None where the other has a number
        from_df = Counter(
            (r.target_id, r.action, r.modality, nan_to_none(r.reversible) if r.reversible is not pd.NA else None,
             None if r.surmountable is pd.NA else r.surmountable, nan_to_none(r.efficacy),
             nan_to_none(r.best_p_affinity), r.tier, bool(r.negated))
            for r in rows.itertuples())
        from_answer = Counter(
            (t.target.id, t.type.name, t.modality.name, t.reversible, t.surmountable, t.efficacy, t.best_p_affinity,
             t.evidence.tier.name, t.evidence.negated)
            for t in kb.mechanism_of(drug).actions)
        assert from_df == from_answer, drug.name
        assert sum(from_df.values()) == len(rows) == len(kb.mechanism_of(drug).actions), drug.name


def test_actions_of_naltrexone(kb):
    df = kb.to_pandas("actions")
    # the research-tier partial agonism at MOR (PMID 24973897) is a second MOR row, a conflict kept on purpose
    nal = df[(df.drug == "naltrexone") & ~df.negated & (df.action != "partial_agonist")].set_index("target_id")
    assert nal.loc["target:MOR", "action"] == "antagonist"
    assert nal.loc["target:MOR", "best_p_affinity"] == pytest.approx(kb.mechanism_of("naltrexone").actions[0].best_p_affinity)
    assert nal.loc["target:MOR", "best_p_affinity"] > nal.loc["target:DOR", "best_p_affinity"]
    assert nal.loc["target:MOR", "gene_symbol"] == "OPRM1"
    assert nal.loc["target:MOR", "chembl_action"] == "ANTAGONIST"
    assert bool(nal.loc["target:MOR", "reversible"]) is True
    assert "src:label:revia-2009" in nal.loc["target:MOR", "sources"]


def test_columns_are_typed(kb):
    df = kb.to_pandas("actions")
    assert isinstance(df.action.dtype, pd.CategoricalDtype)
    assert list(df.action.cat.categories) == list(pharmakon.ActionType.__members__)
    assert list(df.tier.cat.categories) == list(pharmakon.EvidenceTier.__members__) and df.tier.cat.ordered
    assert (df[df.tier <= "label"].tier.isin(["guideline", "label"])).all()
    assert df.efficacy.dtype == "float64" and df.best_p_affinity.dtype == "float64"
    assert str(df.reversible.dtype) == "boolean"
    assert df.negated.dtype == bool
    assert str(df.claim_id.dtype) == "Int64" and str(df.n_affinities.dtype) == "Int64"
    assert all(isinstance(s, tuple) for s in df.sources)
    src = kb.to_pandas("sources")
    assert str(src.year.dtype) == "Int64" and src.year.isna().any() is not None
    assert isinstance(src.kind.dtype, pd.CategoricalDtype)
    w = kb.to_pandas("warnings")
    assert list(w.severity.cat.categories) == list(pharmakon.Severity.__members__) and w.severity.cat.ordered


def test_claims_table_matches_the_claim_objects(kb):
    df = kb.to_pandas("claims")
    for c, r in zip(kb.claims(), df.itertuples()):
        assert (r.claim_id, r.relation, r.subject_id, r.object_id, r.tier, r.negated, list(r.sources)) == (
            c.id, c.relation.name, c.subject.id, c.object.id, c.tier.name, c.negated, c.source_ids)
        assert r.subject_kind == c.subject.kind.name and r.object_kind == c.object.kind.name
        assert r.note == c.note and r.location == c.location


def test_entity_tables_match_the_objects(kb):
    drugs = kb.to_pandas("drugs").set_index("id")
    for d in kb.drugs():
        row = drugs.loc[d.id]
        assert (row["name"], row.drug_class, list(row.synonyms), row.identifiers) == (
            d.name, d.drug_class, d.synonyms, d.identifiers)
        assert row.n_targets == len({a.target.id for a in d.actions if not a.negated}) or \
            row.n_targets == sum(1 for a in d.actions if not a.negated)
    targets = kb.to_pandas("targets").set_index("id")
    assert targets.loc["target:MOR", "gene_symbol"] == "OPRM1" and targets.loc["target:MOR", "type"] == "receptor"
    ents = kb.to_pandas("entities")
    assert sorted(ents.id) == sorted(e.id for e in kb.entities())
    assert "attrs" not in ents.columns
    sources = kb.to_pandas("sources").set_index("id")
    for s in kb.sources():
        r = sources.loc[s.id]
        assert (r.title, r.kind, r.tier, r.pmid, r.citation, bool(r.unverified)) == (
            s.title, s.kind.name, s.tier.name, s.pmid, s.citation, s.unverified)


def test_claim_tables_match_the_answers(kb):
    a = kb.mechanism_of("naltrexone")
    reg = kb.to_pandas("regimens")
    nal = reg[reg.drug == "naltrexone"]
    assert sorted(nal.regimen_id) == sorted(r.id for r in a.regimens)
    oral = nal.set_index("regimen_id").loc["regimen:naltrexone-oral-aud"]
    assert (oral.dose, oral.dose_unit, oral.interval_h, oral.route) == (50.0, "mg", 24.0, "oral")
    assert list(oral.conditions) == ["condition:alcohol-use-disorder"]
    eff = kb.to_pandas("effects")
    assert sorted(zip(eff[eff.drug == "naltrexone"].relation, eff[eff.drug == "naltrexone"].effect_id)) == sorted(
        (e.relation.name, e.effect_id) for e in a.effects)
    ind = kb.to_pandas("indications")
    assert sorted(ind[ind.drug == "naltrexone"].condition_id) == sorted(i.condition_id for i in a.indications)
    pgx = kb.to_pandas("pharmacogenetics")
    nal_pgx = pgx[pgx.drug == "naltrexone"]
    assert sorted(zip(nal_pgx.variant_id, nal_pgx.finding)) == sorted(
        (p.variant_id, p.finding.name) for p in a.pharmacogenetics)
    assert set(nal_pgx.gene) <= {p.gene for p in a.pharmacogenetics}
    war = kb.to_pandas("warnings")
    assert sorted(war[war.drug == "naltrexone"].warning_id) == sorted(w.id for w in a.warnings)
    aff = kb.to_pandas("affinities")
    mor = aff[(aff.drug == "naltrexone") & (aff.target_id == "target:MOR")]
    answer_mor = [t for t in a.actions if t.target.id == "target:MOR"][0]
    assert sorted(mor.p_value) == pytest.approx(sorted(x.p_value for x in answer_mor.affinities))


def test_a_loaded_knowledge_base_exports_its_own_rows(kb, extra_toml):
    bigger = kb.loads(extra_toml)
    df = bigger.to_pandas("actions")
    row = df[df.drug == "testorphan"].iloc[0]
    assert (row.action, row.efficacy, row.target_id) == ("partial_agonist", 0.4, "target:MOR")
    assert row.best_p_affinity == pytest.approx(9 - math.log10(2.5))
    assert len(df) == len(kb.to_pandas("actions")) + 1


def test_bad_table_names(kb):
    with pytest.raises(pharmakon.UsageError):
        kb.to_pandas("nothing")
    with pytest.raises(TypeError):
        kb.to_pandas(None)
    with pytest.raises(pharmakon.UsageError):
        kb._columns("nothing")


def test_pharmakon_works_without_pandas_and_networkx():
    """Both are imported lazily: without them, import and answers work, the exports say what is missing."""
    code = (
        "import sys\n"
        "sys.modules['pandas'] = None\n"
        "sys.modules['networkx'] = None\n"
        "import pharmakon\n"
        "kb = pharmakon.default_kb()\n"
        "assert kb.mechanism_of('naltrexone').summary\n"
        "for f in (kb.to_pandas, kb.to_networkx):\n"
        "    try:\n"
        "        f()\n"
        "    except ImportError as e:\n"
        "        print(e)\n"
        "    else:\n"
        "        raise SystemExit('no ImportError')\n"
    )
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert "needs pandas" in r.stdout and "needs networkx" in r.stdout
