"""The CLI's JSON answers validate against docs/answer-schema.json (and the schema rejects what it must)."""
import json
import os
import pathlib
import subprocess

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "answer-schema.json").read_text(encoding="utf-8"))
CLI = os.environ.get("PHARMAKON_CLI")


def validate(doc):
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def run_cli(*args):
    if not CLI:
        pytest.skip("PHARMAKON_CLI is not set (ctest sets it to the built pharmakon executable)")
    p = subprocess.run([CLI, *args, "--format", "json"], capture_output=True, text=True)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def test_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("drug", ["naltrexone", "buprenorphine", "morphine", "acamprosate", "disulfiram", "loperamide"])
def test_mechanism_answers_validate(drug):
    doc = run_cli("moa", drug)
    validate(doc)
    assert doc["kind"] == "mechanism"
    assert doc["drug"]["name"] == drug


def test_every_cited_number_is_in_the_reference_list():
    doc = run_cli("moa", "naltrexone")
    n = len(doc["references"])
    cited = set()

    def walk(x):
        if isinstance(x, dict):
            for k, v in x.items():
                if k == "refs":
                    cited.update(v)
                else:
                    walk(v)
        elif isinstance(x, list):
            for v in x:
                walk(v)

    walk(doc)
    assert cited == set(range(1, n + 1)), "every reference is cited and every citation resolves"


def test_interaction_and_dose_answers_validate():
    validate(run_cli("interactions", "naltrexone", "oxycodone", "morphine", "buprenorphine"))
    validate(run_cli("interactions", "acamprosate", "disulfiram"))
    validate(run_cli("dose-check", "naltrexone", "50", "mg", "--route", "oral", "--every", "24h"))
    validate(run_cli("dose-check", "naltrexone", "500", "mg", "--route", "oral", "--every", "24h"))


def test_golden_json_files_validate():
    golden = ROOT / "tests" / "golden"
    files = sorted(golden.glob("*.json"))
    assert files, "golden JSON files exist"
    for f in files:
        validate(json.loads(f.read_text(encoding="utf-8")))


def test_schema_rejects_a_statement_without_sources():
    doc = run_cli("moa", "naltrexone")
    doc["actions"][0]["evidence"]["refs"] = []
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)


def test_schema_rejects_an_unknown_action():
    doc = run_cli("moa", "naltrexone")
    doc["actions"][0]["action"] = "antagonsit"
    with pytest.raises(jsonschema.ValidationError):
        validate(doc)
