"""The scripts of examples/python, run as a user runs them and checked against the answers."""

import importlib.util
import math
import os
import subprocess
import sys

import pytest

import pharmakon
from conftest import SOURCE_DIR

EXAMPLES = SOURCE_DIR / "examples" / "python"
pytest.importorskip("pandas")


def run(script, *args):
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in sys.path if p)
    r = subprocess.run([sys.executable, str(EXAMPLES / script), *args], capture_output=True, text=True, env=env,
                       timeout=300)
    return r


def load_module(name):
    spec = importlib.util.spec_from_file_location(name, EXAMPLES / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_mechanism_table_runs(tmp_path):
    out = tmp_path / "table.csv"
    r = run("mechanism_table.py", "--csv", str(out))
    assert r.returncode == 0, r.stderr
    assert "naltrexone" in r.stdout and "MOR action" in r.stdout and out.exists()


def test_mechanism_table_agrees_with_the_answers(kb):
    table = load_module("mechanism_table").mechanism_table(kb)
    assert list(table.columns) == [f"{r} {w}" for r in ("MOR", "KOR", "DOR") for w in ("action", "best_p_affinity")]
    for drug in table.index:
        answer = kb.mechanism_of(drug)
        for receptor in ("MOR", "KOR", "DOR"):
            at = [t for t in answer.actions if t.target.id == f"target:{receptor}" and not t.evidence.negated]
            action = table.loc[drug, f"{receptor} action"]
            if not at:
                assert not isinstance(action, str), (drug, receptor)
                continue
            tier = min(int(t.evidence.tier) for t in at)
            p = table.loc[drug, f"{receptor} best_p_affinity"]
            # one of the best-tier claims, with its own action and affinity
            assert any(action.split(" ")[0] == t.type.name
                       and ((t.best_p_affinity is None and math.isnan(p)) or p == pytest.approx(t.best_p_affinity))
                       for t in at if int(t.evidence.tier) == tier), (drug, receptor)
    row = table.loc["naltrexone"]
    # MOR carries a research-tier conflict (partial agonism at highly expressed receptors, Kelly 2015), which the
    # table marks; the label-tier action is still antagonist
    assert (row["MOR action"], row["KOR action"], row["DOR action"]) == ("antagonist (disputed)", "antagonist", "antagonist")
    assert row["MOR best_p_affinity"] > row["KOR best_p_affinity"] > row["DOR best_p_affinity"]


def test_interaction_screen():
    r = run("interaction_screen.py")
    assert r.returncode == 0, r.stderr
    lines = r.stdout.splitlines()
    assert any(line.split()[:3] == ["contraindicated", "same_target", "blockade"] and
               "naltrexone blocks oxycodone at the mu opioid receptor" in line for line in lines)
    # a shared effect has no shared target: the line names none
    assert any(line.split()[:3] == ["major", "same_effect", "additive"] and
               line.endswith("oxycodone + alprazolam (respiratory depression, CNS depression)") for line in lines)
    assert "not checked for metabolism (no data): acamprosate" in r.stdout
    assert "most severe: contraindicated" in r.stdout and pharmakon.disclaimer in r.stdout
    r = run("interaction_screen.py", "codeine", "fluoxetine")
    assert r.returncode == 0, r.stderr
    assert "fluoxetine lowers the exposure of morphine (from codeine) through the cytochrome P450 2D6" in r.stdout
    r = run("interaction_screen.py", "acamprosate", "disulfiram", "--markdown")
    assert r.returncode == 0 and "# " in r.stdout
    assert "no interaction found in this knowledge base (shared targets, shared effects, metabolism" in r.stdout
    r = run("interaction_screen.py", "morphine", "buprenorfine")
    assert r.returncode == 2 and "did you mean buprenorphine" in r.stderr


def test_the_readme_python_example_runs(tmp_path, monkeypatch, extra_toml):
    """The README's Python snippet, executed as written (with a my.toml to load)."""
    pytest.importorskip("networkx")
    readme = (SOURCE_DIR / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Using it from Python", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    (tmp_path / "my.toml").write_text(extra_toml, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    scope = {}
    exec(compile(code, "README.md", "exec"), scope)  # noqa: S102 - our own documentation
    assert scope["a"].drug == "naltrexone"
    assert "testorphan" in scope["mine"] and "testorphan" not in scope["kb"]
    assert len(scope["df"]) == scope["kb"].stats()["claims"]["acts_on"]
    assert scope["g"].number_of_edges() == scope["kb"].claim_count
