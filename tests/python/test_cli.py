"""The pharmakon CLI as a user meets it: exit codes, stdout/stderr, every drug answerable."""
import json
import os
import subprocess

import pytest

CLI = os.environ.get("PHARMAKON_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it)")


def run(*args):
    return subprocess.run([CLI, *args], capture_output=True, text=True)


def test_moa_naltrexone_states_the_seed_facts():
    p = run("moa", "naltrexone")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "pure competitive, reversible, surmountable antagonist at the mu, kappa and delta opioid receptors" in out
    assert "highest affinity at mu" in out
    assert "50 mg oral every 24 h" in out and "380 mg intramuscular every 4 wk" in out
    assert "opioid-free for at least 7 d (10 d recommended)" in out
    assert "Conflicting claims" in out and "sigma-1 receptor" in out
    assert "Pharmacogenetics" in out and "OPRM1" in out
    assert "DailyMed setid cd11c435-b0f0-4bb9-ae78-60f101f3703f" in out
    assert "content hash" in out and "Not a substitute for clinical judgment" in out
    assert p.stderr == ""


def test_every_drug_has_a_mechanism_answer_in_every_format():
    drugs = json.loads(run("drugs", "--format", "json").stdout)["drugs"]
    assert len(drugs) >= 100
    for d in drugs:
        for fmt in ("text", "markdown", "json"):
            p = run("moa", d["name"], "--format", fmt)
            assert p.returncode == 0, (d["name"], fmt, p.stderr)
            assert "content hash" in p.stdout or "content_hash" in p.stdout


def test_unknown_drug_suggests_the_closest_name_and_exits_2():
    p = run("moa", "naltrexon")
    assert p.returncode == 2
    assert p.stdout == ""
    assert p.stderr == "error: unknown drug 'naltrexon'; did you mean naltrexone, 6-beta-naltrexol?\n"


def test_interactions_blockade_with_warning_and_sources():
    p = run("interactions", "naltrexone", "oxycodone")
    assert p.returncode == 1
    assert "naltrexone blocks oxycodone at the mu opioid receptor" in p.stdout
    assert "overcome the blockade" in p.stdout
    assert "References" in p.stdout


def test_two_agonists_add_up_and_unrelated_drugs_do_not_interact():
    p = run("interactions", "morphine", "methadone", "--format", "json")
    assert p.returncode == 1
    found = [(i["mechanism"], i["kind"], i["severity"], i["target"]["id"]) for i in json.loads(p.stdout)["interactions"]]
    assert found == [("same_target", "additive", "major", "target:MOR")]
    p = run("interactions", "acamprosate", "disulfiram")
    assert p.returncode == 0
    assert ("no interaction found in this knowledge base (shared targets, shared effects, metabolism, label "
            "statements)") in p.stdout
    # and no finding is not evidence of safety: acamprosate has no metabolism data (it is excreted unchanged)
    assert "no metabolism data for acamprosate:" in p.stdout


@pytest.mark.parametrize("drugs,code,worst,finding", [
    # a contraindicated blockade at the shared receptor
    (["naltrexone", "oxycodone"], 1, "contraindicated", ("same_target", "blockade", "contraindicated", None)),
    # opioid + benzodiazepine: one effect through different targets, and the boxed warning's severity
    (["oxycodone", "alprazolam"], 1, "major", ("same_effect", "additive", "major", None)),
    # a strong CYP2D6 inhibitor lowers the morphine formed from codeine
    (["codeine", "fluoxetine"], 1, "moderate", ("exposure", "less_exposure", "moderate", "morphine")),
    # only minor findings (a stated exposure change, and a statement of none): exit 0
    (["naltrexone", "acamprosate"], 0, "minor", ("stated", "stated", "minor", "acamprosate")),
])
def test_interactions_exit_1_only_for_moderate_or_worse(drugs, code, worst, finding):
    p = run("interactions", *drugs, "--format", "json")
    assert p.returncode == code, p.stderr
    d = json.loads(p.stdout)
    assert d["schema_version"] == "3.1" and d["worst_severity"] == worst
    first = d["interactions"][0]
    assert (first["mechanism"], first["kind"], first["severity"], first["affected"]) == finding
    assert run("interactions", *drugs).returncode == code  # the text format exits alike


def test_dose_check_within_above_and_unit_error():
    p = run("dose-check", "naltrexone", "50", "mg", "--route", "oral", "--every", "24h")
    assert p.returncode == 0 and "Verdict: within" in p.stdout
    p = run("dose-check", "naltrexone", "500", "mg", "--route", "oral", "--every", "24h")
    assert p.returncode == 1 and "10×" in p.stdout
    p = run("dose-check", "naltrexone", "50", "mL", "--route", "oral", "--every", "24h")
    assert p.returncode == 2 and "unit error" in p.stdout


@pytest.mark.parametrize("args,needle", [
    (["dose-check", "naltrexone", "50", "mgs"], "expected a unit"),
    (["dose-check", "naltrexone", "-5", "mg"], "expected a positive number"),
    (["dose-check", "naltrexone", "50", "mg", "--every", "50 mg"], "expected a time interval"),
    (["dose-check", "naltrexone", "50", "mg", "--route", "orally"], "expected one of oral"),
    (["dose-check", "naltrexone", "50", "mg", "--condition", "alcohol use disordr"], "did you mean alcohol use disorder"),
    (["moa"], "drug is required"),
    (["frobnicate"], ""),
])
def test_bad_input_exits_2_with_a_message_on_stderr(args, needle):
    p = run(*args)
    assert p.returncode == 2, p
    assert needle in p.stderr
    assert p.stdout == ""


def test_kb_file_with_errors_exits_2_and_prints_positions(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[drug]]\nid = "drug:x"\nname = "x"\nsources = ["src:nope"]\n', encoding="utf-8")
    p = run("--kb", str(bad), "moa", "naltrexone")
    assert p.returncode == 2
    assert f"{bad}:4:" in p.stderr and "expected the id of a declared [[source]]" in p.stderr
    p = run("validate", str(bad))
    assert p.returncode == 2 and f"{bad}:4:" in p.stderr


def test_no_default_uses_only_the_given_files():
    kb = os.environ["PHARMAKON_GOLDEN_KB"]
    p = run("--no-default", "--kb", kb, "drugs", "--format", "json")
    assert p.returncode == 0
    names = {d["name"] for d in json.loads(p.stdout)["drugs"]}
    assert names == {"naltrexone", "oxycodone", "buprenorphine", "acamprosate"}
    assert run("--no-default", "--kb", kb, "moa", "morphine").returncode == 2


def test_show_and_validate():
    p = run("show", "MOR")
    assert p.returncode == 0 and "target:MOR" in p.stdout and "encoded_by" in p.stdout
    p = run("show", "src:pmid:12813472")
    assert p.returncode == 0 and "PMID 12813472" in p.stdout
    p = run("--no-default", "validate", os.environ["PHARMAKON_GOLDEN_KB"])
    assert p.returncode == 0 and p.stdout.startswith("ok:")


def test_moa_format_dot_is_a_graphviz_graph_of_the_mechanism():
    p = run("moa", "naltrexone", "--format", "dot")
    assert p.returncode == 0, p.stderr
    out = p.stdout
    assert "digraph " in out and out.rstrip().endswith("}")
    # the receptors the drug acts on, by their gene, appear as nodes with labelled edges
    for gene in ("OPRM1", "OPRK1", "OPRD1"):
        assert gene in out
    assert "antagonist" in out
    # an interaction screen draws the paths of its findings, one cluster each (and exits as for text: 1 here)
    q = run("interactions", "morphine", "naltrexone", "--format", "dot")
    assert q.returncode == 1, q.stderr
    assert q.stdout.startswith("digraph interactions {") and q.stdout.rstrip().endswith("}")
    assert 'label="1. same_target / blockade (contraindicated)"' in q.stdout
    # a dose check does not offer dot
    q = run("dose-check", "naltrexone", "50", "mg", "--format", "dot")
    assert q.returncode == 2 and "dot" in q.stderr and q.stdout == ""


def test_validate_of_the_shipped_files_explains_no_default():
    data = os.path.join(os.path.dirname(os.environ["PHARMAKON_GOLDEN_KB"]), "..", "..", "..", "data")
    files = sorted(os.path.join(data, f) for f in os.listdir(data) if f.endswith(".toml"))
    p = run("validate", *files)
    assert p.returncode == 2 and "already declared at embedded:data/" in p.stderr
    assert "pharmakon --no-default validate" in p.stderr
    q = run("--no-default", "validate", *files)
    assert q.returncode == 0, q.stderr
    assert q.stdout.startswith(f"ok: {len(files)} files valid")


def test_interactions_screen_what_is_known_and_name_the_rest():
    # a real medication list holds drugs this knowledge base does not: they are named, the rest is screened
    p = run("interactions", "oxycodone", "foozol", "alprazolam", "--format", "json")
    assert p.returncode == 1, p.stderr  # needs attention (a major finding, and a drug not screened)
    d = json.loads(p.stdout)
    assert d["drugs"] == ["oxycodone", "alprazolam"] and d["worst_severity"] == "major"
    assert d["not_screened"] == [{"name": "foozol", "reason": "unknown drug 'foozol'", "suggestions": []}]
    # no finding among the known drugs, but one drug unscreened: still exit 1, and the text says it first
    p = run("interactions", "naltrexone", "acamprosate", "foozol")
    assert p.returncode == 1 and p.stdout.index("Not screened") < p.stdout.index("1. ")
    assert "unknown drug 'foozol' — its interactions with the other drugs are unknown here, not absent" in p.stdout
    # fewer than two known drugs: nothing to screen, the unknown names are errors
    p = run("interactions", "oxycodone", "foozol")
    assert p.returncode == 2 and p.stdout == ""
    assert "error: unknown drug 'foozol'" in p.stderr and "needs two known drugs" in p.stderr
    p = run("interactions", "oxycodon", "foozol", "--format", "json")
    assert p.returncode == 2
    errors = [json.loads(line)["error"] for line in p.stderr.splitlines()]
    assert errors[0]["code"] == "unknown_name" and "oxycodone" in errors[0]["suggestions"]


def test_dose_check_at_an_age():
    # codeine under 12 years: contraindicated, whatever the dose (the label's contraindication states the age)
    p = run("dose-check", "codeine", "30", "mg", "--every", "6h", "--age", "8", "--format", "json")
    assert p.returncode == 1, p.stderr
    d = json.loads(p.stdout)
    assert d["verdict"] == "contraindicated" and d["query"]["age"] == {"value": 8.0, "unit": "y"}
    assert "warning:codeine-contraindication-under-12-years" in [w["id"] for w in d["age_warnings"]]
    # an adult: the children's warnings do not apply; the regimen states no ages, and the answer says so
    p = run("dose-check", "codeine", "30", "mg", "--every", "6h", "--age", "40 years")
    assert p.returncode == 0 and "At age" not in p.stdout
    assert "not checked: age 40 y: the regimen states no ages in years" in p.stdout
    # the question says the same
    p = run("ask", "Can a 10-year-old take 30 mg of codeine every 6 hours?")
    assert p.returncode == 1 and "Verdict: contraindicated — at age 10 y" in p.stdout
    # a wrong age is bad input with what was expected
    p = run("dose-check", "codeine", "30", "mg", "--age", "8 mg")
    assert p.returncode == 2 and "--age '8 mg': expected an age" in p.stderr
    p = run("dose-check", "codeine", "30", "mg", "--age", "300")
    assert p.returncode == 2 and "an age up to 150 y" in p.stderr
