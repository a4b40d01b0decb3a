"""Names and versions over imported knowledge bases, as a user types them at the CLI (issue 16): salts resolve to
their parents, ChEMBL ids and prefixed ids are lookup keys, unknown names get suggestions, versions come from the
files (or --kb-version), and `show` names each claim's other end."""
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CLI = os.environ.get("PHARMAKON_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")

DATA = Path(__file__).resolve().parents[1] / "data" / "import"
SHARED = Path(__file__).resolve().parents[3] / "shared" / "data"


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def imported(tmp_path, source, *files, extra=()):
    out = tmp_path / f"{source}.pkb"
    p = run("import", "--from", source, *map(str, files), "--out", str(out), *extra)
    assert p.returncode == 0, p.stderr
    return out, p.stderr


def test_chembl_salt_names_and_ids_find_the_parent(tmp_path):
    kb, report = imported(tmp_path, "chembl", DATA / "chembl" / "chembl36-drug_mechanism.csv",
                          DATA / "chembl" / "chembl36-drug_nodes.csv")
    assert f"wrote {kb} (chembl 36," in report
    assert "salt forms: the drug table names 1 salts" in report
    base = run("--kb", str(kb), "moa", "naltrexone", "--format", "json")
    assert base.returncode == 0, base.stderr
    want = json.loads(base.stdout)["drug"]["id"]
    assert want == "drug:chembl:CHEMBL19019"
    for name in ("NALTREXONE HYDROCHLORIDE", "naltrexone hydrochloride", "CHEMBL1201149", "chembl:CHEMBL1201149",
                 "chembl19019"):
        p = run("--kb", str(kb), "moa", name, "--format", "json")
        assert p.returncode == 0, (name, p.stderr)
        assert json.loads(p.stdout)["drug"]["id"] == want, name
    # a salt whose parent the drug table does not list: its parent's name finds it
    p = run("--kb", str(kb), "moa", "methylnaltrexone")
    assert p.returncode == 0, p.stderr
    assert "METHYLNALTREXONE BROMIDE" in p.stdout


def test_an_unknown_name_over_an_import_gets_suggestions(tmp_path):
    kb, _ = imported(tmp_path, "chembl", DATA / "chembl" / "chembl36-drug_mechanism.csv",
                     DATA / "chembl" / "chembl36-drug_nodes.csv")
    p = run("--kb", str(kb), "moa", "naltrexon")
    assert p.returncode != 0
    assert "unknown drug 'naltrexon'; did you mean NALTREXONE" in p.stderr
    p = run("--kb", str(kb), "moa", "methylnaltrexon", "--format", "json")
    err = json.loads(p.stderr)["error"]
    assert err["suggestions"][0] == "METHYLNALTREXONE BROMIDE"
    p = run("--kb", str(kb), "moa", "CHEMBL1201148")
    assert "did you mean" in p.stderr


def test_versions_come_from_the_files_or_kb_version(tmp_path):
    g = tmp_path / "2020-5"
    g.mkdir()
    for f in ("interactions.csv", "ligands.csv", "targets_and_families.csv"):
        shutil.copy(DATA / "gtopdb" / f, g / f)
    kb, report = imported(tmp_path, "gtopdb", g / "interactions.csv", g / "ligands.csv")
    assert "(gtopdb 2020.5," in report
    drugs = json.loads(run("--kb", str(kb), "drugs", "--format", "json").stdout)
    assert drugs["kb"]["version"] == "2020.5"
    # nothing says it: "unknown", never "0"; --kb-version names it
    _, report = imported(tmp_path, "gtopdb", DATA / "gtopdb" / "interactions.csv")
    assert "(gtopdb unknown," in report and "GtoPdb release: not in the version line" in report
    _, report = imported(tmp_path, "drugcentral", DATA / "drugcentral" / "drug.target.interaction.tsv",
                         extra=("--kb-version", "2018-01"))
    assert "(drugcentral 2018-01," in report
    _, report = imported(tmp_path, "hetionet", DATA / "hetionet" / "nodes.tsv", DATA / "hetionet" / "edges.sif")
    assert "(hetionet 1.0," in report


def test_hetionet_show_names_the_other_ends(tmp_path):
    kb, _ = imported(tmp_path, "hetionet", DATA / "hetionet" / "nodes.tsv", DATA / "hetionet" / "edges.sif")
    p = run("--kb", str(kb), "show", "OPRM1")
    assert p.returncode == 0, p.stderr
    assert "Naloxone (drug:DB01183)" in p.stdout
    assert "regulation of protein transport (" in p.stdout
    p = run("--kb", str(kb), "show", "Gene::4988")
    assert p.returncode == 0 and "gene:4988" in p.stdout
    p = run("--kb", str(kb), "moa", "Compound::DB00704", "--format", "json")
    assert p.returncode == 0 and json.loads(p.stdout)["drug"]["name"] == "Naltrexone"


@pytest.mark.skipif(not (SHARED / "chembl").is_dir(), reason="../shared/data/chembl is not there")
def test_full_chembl_import_answers_sertraline_imatinib_and_chembl941(tmp_path):
    kb, report = imported(tmp_path, "chembl", *sorted((SHARED / "chembl").glob("*.csv")))
    assert "(chembl 36," in report
    for name, drug in (("sertraline", "SERTRALINE"), ("imatinib", "IMATINIB"), ("CHEMBL941", "IMATINIB"),
                       ("Imatinib Mesylate", "IMATINIB")):
        p = run("--kb", str(kb), "moa", name, "--format", "json")
        assert p.returncode == 0, (name, p.stderr)
        assert json.loads(p.stdout)["drug"]["name"] == drug, name
    p = run("--kb", str(kb), "moa", "imatinb")
    assert "did you mean IMATINIB" in p.stderr
