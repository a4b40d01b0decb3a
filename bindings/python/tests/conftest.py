"""Shared fixtures of the pharmakon binding tests.

The tests import the `pharmakon` package found on sys.path: ctest points PYTHONPATH at the package assembled in
the build tree (build/<preset>/bindings/python/package); after `pip install .` they run against the install.
"""

import os
from pathlib import Path

import pytest

import pharmakon

#: The repository (for tests/data, tests/golden and examples/python).
SOURCE_DIR = Path(os.environ.get("PHARMAKON_SOURCE_DIR") or Path(__file__).resolve().parents[3])
DATA_DIR = SOURCE_DIR / "tests" / "data"
GOLDEN_DIR = SOURCE_DIR / "tests" / "golden"


@pytest.fixture(scope="session")
def kb():
    """The embedded default knowledge base."""
    return pharmakon.default_kb()


@pytest.fixture(scope="session")
def golden_kb():
    """The fixed fixture knowledge base of the golden answers (tests/data/golden/kb.toml, alone)."""
    return pharmakon.load(DATA_DIR / "golden" / "kb.toml")


@pytest.fixture(scope="session")
def data_dir():
    return DATA_DIR


# A small, valid knowledge-base file on top of the default one: a drug acting on the embedded target:MOR.
EXTRA_TOML = """
[[source]]
id = "src:test-source"
kind = "research"
title = "A test source"
url = "https://example.org/pharmakon-test"

[[drug]]
id = "drug:testorphan"
name = "testorphan"
synonyms = ["TST-1"]
class = "test opioid"
sources = ["src:test-source"]

[[acts_on]]
drug = "drug:testorphan"
target = "target:MOR"
action = "partial_agonist"
efficacy = 0.4
affinity = [{ measure = "Ki", value = 2.5, unit = "nM", species = "human", sources = ["src:test-source"] }]
sources = ["src:test-source"]
"""


@pytest.fixture()
def extra_toml():
    return EXTRA_TOML
