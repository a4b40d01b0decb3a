"""Lay names, drug half-lives, a label's date/version/sections and source identifiers, from Python."""
import pharmakon

TEXT = """
[[source]]
id = "src:label:x"
kind = "label"
title = "X label"
dailymed_setid = "cd11c435-b0f0-4bb9-ae78-60f101f3703f"
date = "2024-02"
version = "12"
sections = ["34066-1", "drug_interactions", "5.1"]

[[drug]]
id = "drug:x"
name = "xdrug"
lay_name = "a test drug"
sources = ["src:label:x"]
half_life = { low = "2 h", high = "4 h", sources = ["src:label:x"], note = "adults" }

[[drug]]
id = "drug:y"
name = "ydrug"
sources = ["src:label:x"]
"""


def test_fields():
    kb = pharmakon.loads(TEXT, "fields.toml")
    x = kb.drug("xdrug")
    assert x.lay_name == "a test drug"
    assert kb.drug("ydrug").lay_name is None
    assert kb.drug("ydrug").half_life is None
    h = x.half_life
    assert h["low"] == pharmakon.parse_quantity("2 h") and h["high"] == pharmakon.parse_quantity("4 h")
    assert [s.id for s in h["sources"]] == ["src:label:x"] and h["note"] == "adults"
    src = kb.source("src:label:x")
    assert src.date == "2024-02" and src.version == "12"
    assert src.sections == ["boxed_warning", "7", "5.1"]
    assert src.identifiers == {"dailymed_setid": "cd11c435-b0f0-4bb9-ae78-60f101f3703f"}
    assert src.dailymed_setid == "cd11c435-b0f0-4bb9-ae78-60f101f3703f" and src.pmid is None
