"""The CLI's `drugs` and `show` JSON validates against docs/catalog-schema.json (and the schema rejects what it
must); their text and Markdown come from the same renderers."""
import copy
import json
import os
import pathlib
import subprocess

import jsonschema
import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "docs" / "catalog-schema.json").read_text(encoding="utf-8"))
ANSWER_SCHEMA = json.loads((ROOT / "docs" / "answer-schema.json").read_text(encoding="utf-8"))
CLI = os.environ.get("PHARMAKON_CLI")
pytestmark = pytest.mark.skipif(not CLI, reason="PHARMAKON_CLI is not set (ctest sets it to the built pharmakon)")


def validate(doc):
    jsonschema.Draft202012Validator(SCHEMA).validate(doc)


def is_valid(doc):
    return jsonschema.Draft202012Validator(SCHEMA).is_valid(doc)


def run(*args):
    p = subprocess.run([CLI, *args], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
    return p.stdout


def test_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_drug_list_validates():
    doc = json.loads(run("drugs", "--format", "json"))
    validate(doc)
    assert doc["kind"] == "drug_list" and len(doc["drugs"]) >= 25
    ntx = next(d for d in doc["drugs"] if d["name"] == "naltrexone")
    assert ntx["id"] == "drug:naltrexone" and ntx["targets"] >= 3


def test_drug_list_of_the_fixture_validates():
    doc = json.loads(run("--no-default", "--kb", os.environ["PHARMAKON_GOLDEN_KB"], "drugs", "--format", "json"))
    validate(doc)
    assert {d["name"] for d in doc["drugs"]} == {"naltrexone", "oxycodone", "buprenorphine", "acamprosate"}


@pytest.mark.parametrize("name", ["MOR", "naltrexone", "drug:buprenorphine", "OPRM1", "CHEMBL19019"])
def test_entities_validate(name):
    doc = json.loads(run("show", name, "--format", "json"))
    validate(doc)
    assert doc["kind"] == "entities" and doc["entities"]
    for e in doc["entities"]:
        for c in e["claims"]:
            assert c["sources"], (e["id"], c)


def test_source_validates():
    doc = json.loads(run("show", "src:pmid:12813472", "--format", "json"))
    validate(doc)
    assert doc["kind"] == "source" and doc["source"]["id"] == "src:pmid:12813472"
    assert "12813472" in doc["source"]["citation"]


def test_kb_object_is_the_answers_kb_object():
    catalog = json.loads(run("drugs", "--format", "json"))["kb"]
    answer = json.loads(run("moa", "naltrexone", "--format", "json"))["kb"]
    assert catalog == answer
    assert SCHEMA["$defs"]["kb"]["properties"] == ANSWER_SCHEMA["$defs"]["kb"]["properties"]


def test_the_schema_rejects_what_it_must():
    doc = json.loads(run("show", "MOR", "--format", "json"))
    for mutate in (
        lambda d: d.pop("kb"),
        lambda d: d.update(kind="answer"),
        lambda d: d.update(schema_version="2.0"),
        lambda d: d.update(extra=1),
        lambda d: d["entities"][0]["claims"][0].update(direction="sideways"),
        lambda d: d["entities"][0].pop("claims"),
        lambda d: d["kb"].update(content_hash="not hex"),
    ):
        bad = copy.deepcopy(doc)
        mutate(bad)
        assert not is_valid(bad)


def test_text_and_markdown():
    text = run("drugs")
    assert "naltrexone" in text and "content hash" in text
    md = run("drugs", "--format", "markdown")
    assert md.startswith("| drug | class | also known as |\n|---|---|---|\n")
    show_text = run("show", "MOR")
    assert show_text.startswith("target:MOR (target): ") and "\n  -> encoded_by " in show_text
    show_md = run("show", "MOR", "--format", "markdown")
    assert show_md.startswith("**target:MOR** (target): ") and "\n- -> encoded_by " in show_md
    src_md = run("show", "src:pmid:12813472", "--format", "markdown")
    assert src_md.startswith("**src:pmid:12813472** (")
