"""pharmakon import --from drugmechdb and pharmakon agreement, as a user runs them (fixtures in tests/data/import)."""
import json
import os
import pathlib
import subprocess

import pytest

CLI = os.environ.get("PHARMAKON_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")
DIR = pathlib.Path(__file__).resolve().parents[1] / "data" / "import" / "drugmechdb"


def run(*args):
    return subprocess.run([CLI, *map(str, args)], capture_output=True, text=True)


def test_import_a_folder_onto_the_curated_kb_then_moa_shows_the_path(tmp_path):
    out = tmp_path / "dm.pkb"
    p = run("import", "--from", "drugmechdb", DIR, "--onto", "--out", out)
    assert p.returncode == 0, p.stderr
    assert "related 'decreases activity of'" in p.stderr and "merged into the base" in p.stderr
    moa = run("--kb", out, "moa", "naltrexone")
    assert moa.returncode == 0, moa.stderr
    assert "Mechanism paths" in moa.stdout
    # DrugMechDB's Alcoholism (MESH:D000437) is the curated alcohol use disorder, which carries that MeSH id
    assert "to alcohol use disorder (DrugMechDB indication path DB00704_MESH_D000437_1" in moa.stdout
    assert "naltrexone → (decreases activity of) mu opioid receptor → (positively correlated with)" in moa.stdout.lower()  # curated names
    assert "→ (phenotype of) alcohol use disorder" in moa.stdout
    assert "doi:10.1038/s41597-023-02534-z" in moa.stdout
    j = json.loads(run("--kb", out, "moa", "naltrexone", "--format", "json").stdout)
    assert [p["source_id"] for p in j["paths"]] == [
        "src:path:drugmechdb:DB00704_MESH_D000437_1", "src:path:drugmechdb:DB00704_MESH_D009765_1",
        "src:path:drugmechdb:DB00704_MESH_D059350_1"]
    ag = run("--kb", out, "agreement", "--format", "json")
    assert ag.returncode == 0, ag.stderr
    report = json.loads(ag.stdout)
    assert report["kind"] == "path_agreement" and report["paths"] == 3
    assert report["counts"]["conflict"] == 0 and report["counts"]["matched"] >= 1
    text = run("--kb", out, "agreement").stdout
    assert "Matched: same target, same direction" in text


def test_a_broken_file_fails_the_import_with_its_position_and_writes_nothing(tmp_path):
    out = tmp_path / "dm.pkb"
    p = run("import", "--from", "drugmechdb", DIR / "DB00704_MESH_D000437_1.yaml", DIR / "bad" / "unknown-node.yaml",
            "--out", out)
    assert p.returncode == 2
    assert "unknown-node.yaml:12:13: error: expected the id of a node of this path in 'target', found 'UniProt:P99999'" in p.stderr
    assert not out.exists()


def test_agreement_without_paths_says_what_to_do():
    p = run("agreement")
    assert p.returncode == 2
    assert "import DrugMechDB first" in p.stderr


def test_an_import_alone_has_no_made_up_version_and_names_a_folder_briefly(tmp_path):
    out = tmp_path / "dm.pkb"
    p = run("import", "--from", "drugmechdb", DIR, "--out", out)
    assert p.returncode == 0, p.stderr
    assert "(drugmechdb unknown," in p.stderr and "drugmechdb 0" not in p.stderr
    assert "DrugMechDB release: not in the path files" in p.stderr
    head = p.stderr.splitlines()[0]
    assert head.startswith("Imported drugmechdb from ") and head.count(".yaml") == 3, head
    assert "knowledge base version unknown" in run("--kb", out, "moa", "naltrexone").stdout
    p = run("import", "--from", "drugmechdb", DIR, "--kb-version", "b83cc5d", "--out", out)
    assert p.returncode == 0 and "(drugmechdb b83cc5d," in p.stderr and "release: not in" not in p.stderr


SHARED = pathlib.Path(os.environ.get("PHARMAKON_SHARED_DIR", pathlib.Path(__file__).resolve().parents[3] / "shared"))


@pytest.mark.skipif(not (SHARED / "data" / "drugmechdb").is_dir(), reason="../shared/data/drugmechdb is not here")
def test_the_whole_drugmechdb_copy_imports_alone_and_moa_naltrexone_shows_the_path(tmp_path):
    # issue 16's "done when", as written: the real copy (4,846 paths) alone, then moa naltrexone
    out = tmp_path / "dm.pkb"
    p = run("import", "--from", "drugmechdb", SHARED / "data" / "drugmechdb", "--out", out)
    assert p.returncode == 0, p.stderr
    assert len(p.stderr.splitlines()[0]) < 400  # the folder's files are not listed one by one
    moa = run("--kb", out, "moa", "naltrexone")
    assert moa.returncode == 0, moa.stderr
    assert "DrugMechDB indication path DB00704_MESH_D000437_1" in moa.stdout and "Alcoholism" in moa.stdout
    assert "doi:10.1038/s41597-023-02534-z" in moa.stdout
