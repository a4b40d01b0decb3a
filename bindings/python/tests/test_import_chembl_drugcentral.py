"""pharmakon.import_chembl and pharmakon.import_drugcentral on the fixtures in tests/data/import."""

import pytest

import pharmakon


def test_chembl_import_and_merge(kb, data_dir):
    d = data_dir / "import" / "chembl"
    files = [d / "chembl36-drug_mechanism.csv", d / "chembl36-drug_nodes.csv"]
    alone, report = pharmakon.import_chembl(files, with_report=True)
    assert report.format == "chembl"
    assert sum(row.count for row in report.edges) == 10
    ntx = alone.drug("chembl:CHEMBL19019")
    assert ntx.id == "drug:chembl:CHEMBL19019"
    (act,) = [a for a in ntx.actions if a.target.identifiers.get("chembl") == "CHEMBL2095181"]
    assert act.type == pharmakon.ActionType.antagonist
    assert act.note == "Opioid receptors; mu/kappa/delta antagonist"
    # the salt NALTREXONE HYDROCHLORIDE (CHEMBL1201149) states the same mechanism: one claim with both records
    assert sorted(s.id for s in act.sources) == ["src:chembl:CHEMBL1201149", "src:chembl:CHEMBL19019"]
    both = pharmakon.import_chembl(files, base=kb)
    assert both.drug("chembl:CHEMBL19019").id == "drug:naltrexone"
    assert kb.content_hash == pharmakon.default_kb().content_hash  # the base is never modified


def test_drugcentral_import_and_merge(kb, data_dir):
    f = data_dir / "import" / "drugcentral" / "drug.target.interaction.tsv.gz"
    alone = pharmakon.import_drugcentral([f])
    ntx = alone.drug("drugcentral:1765")
    (mor,) = [a for a in ntx.actions if a.target.identifiers.get("uniprot") == "P35372"]
    assert mor.type == pharmakon.ActionType.antagonist
    assert mor.affinities[0].measure == pharmakon.AffinityMeasure.pKi
    assert mor.affinities[0].value == pytest.approx(9.38)
    both = pharmakon.import_drugcentral(str(f), base=kb)
    assert both.drug("drugcentral:1765").id == "drug:naltrexone"


def test_drugcentral_bad_row_is_a_load_error(tmp_path):
    header = "\t".join(f'"{c}"' for c in [
        "DRUG_NAME", "STRUCT_ID", "TARGET_NAME", "TARGET_CLASS", "ACCESSION", "GENE", "SWISSPROT", "ACT_VALUE",
        "ACT_UNIT", "ACT_TYPE", "ACT_COMMENT", "ACT_SOURCE", "RELATION", "MOA", "MOA_SOURCE", "ACT_SOURCE_URL",
        "MOA_SOURCE_URL", "ACTION_TYPE", "TDL", "ORGANISM"])
    row = '"x"\tnot-a-number' + "\t" * 18
    p = tmp_path / "dti.tsv"
    p.write_text(header + "\n" + row + "\n")
    with pytest.raises(pharmakon.LoadError) as e:
        pharmakon.import_drugcentral([p])
    assert e.value.path == str(p) and e.value.line == 2 and e.value.column == 5
    assert "STRUCT_ID" in str(e.value)


def test_drugmechdb_import_paths_and_agreement(kb, data_dir):
    d = data_dir / "import" / "drugmechdb"
    alone, report = pharmakon.import_drugmechdb(d, with_report=True)
    assert report.format == "drugmechdb"
    a = alone.mechanism_of("naltrexone")
    assert [p.disease for p in a.paths] == ["Alcoholism", "Obesity", "Chronic pain"]
    first = a.paths[0]
    assert first.source_id == "src:path:drugmechdb:DB00704_MESH_D000437_1"
    assert len(first.steps) == 9 and len(first.routes) == 3
    assert first.steps[0].detail == "decreases activity of"
    both = pharmakon.import_drugmechdb([d / "DB00704_MESH_D000437_1.yaml"], base=kb)
    assert both.drug("naltrexone").id == kb.drug("naltrexone").id
    report = pharmakon.path_agreement(both)
    assert report["paths"] == 1 and report["counts"]["conflict"] == 0
    with pytest.raises(pharmakon.LoadError) as e:
        pharmakon.import_drugmechdb([d / "bad" / "unknown-node.yaml"])
    assert e.value.line == 12 and e.value.column == 13
