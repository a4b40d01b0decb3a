"""Errors: the KBError hierarchy, the same file:line:column messages as the C++ loader, and no crash on garbage."""

import random
import subprocess
import sys

import pytest

import pharmakon
from conftest import DATA_DIR


def test_hierarchy():
    assert issubclass(pharmakon.LoadError, pharmakon.KBError) and issubclass(pharmakon.LoadError, ValueError)
    assert issubclass(pharmakon.UnknownNameError, pharmakon.KBError)
    assert issubclass(pharmakon.UnknownNameError, KeyError) and issubclass(pharmakon.UnknownNameError, LookupError)
    assert issubclass(pharmakon.UsageError, pharmakon.KBError) and issubclass(pharmakon.UsageError, ValueError)
    assert issubclass(pharmakon.QuantityError, pharmakon.UsageError)
    assert issubclass(pharmakon.KBError, Exception)
    for cls in (pharmakon.KBError, pharmakon.LoadError, pharmakon.UnknownNameError, pharmakon.UsageError,
                pharmakon.QuantityError):
        assert cls.__module__ == "pharmakon" and cls.__doc__
    # raisable from Python too, with the documented defaults
    e = pharmakon.LoadError("x")
    assert e.diagnostics == () and e.path is None and e.code is None


# ----- the malformed-input suite (tests/data/bad): the exact lines the C++ tests pin ----------------------------


def bad_cases():
    cases = []
    for expected in sorted((DATA_DIR / "bad").glob("*.expected")):
        name = expected.stem
        files = [f"bad/{name}.toml"]
        part = 2
        while (DATA_DIR / "bad" / f"{name}.{part}.toml").exists():
            files.append(f"bad/{name}.{part}.toml")
            part += 1
        cases.append(pytest.param(files, expected, id=name))
    return cases


@pytest.mark.parametrize("files,expected", bad_cases())
def test_bad_files_give_the_loaders_exact_diagnostics(files, expected, monkeypatch):
    # loaded by relative path from tests/data, so the paths in the messages are "bad/NAME.toml" as in .expected
    monkeypatch.chdir(DATA_DIR)
    lines = expected.read_text(encoding="utf-8").splitlines()
    with pytest.raises(pharmakon.LoadError) as info:
        pharmakon.load(files)
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, pharmakon.KBError)
    assert str(e).splitlines() == lines
    assert [str(d) for d in e.diagnostics] == lines
    first = e.diagnostics[0]
    assert (e.path, e.line, e.column) == (first.path, first.line, first.column)
    assert e.code == first.code and isinstance(e.code, pharmakon.ErrorCode)
    for d in e.diagnostics:
        assert isinstance(d, pharmakon.Diagnostic) and isinstance(d.code, pharmakon.ErrorCode)
        loc = f"{d.path}:{d.line}:{d.column}: " if d.line else f"{d.path}: "
        assert str(d) == f"{loc}error: expected {d.expected}, found {d.found}"
    # the same from memory (one document) and through validate()
    if len(files) == 1:
        text = (DATA_DIR / files[0]).read_bytes()
        with pytest.raises(pharmakon.LoadError) as again:
            pharmakon.loads(text, name=files[0])
        assert str(again.value).splitlines() == lines
    assert [str(d) for d in pharmakon.validate(files)] == lines


def test_a_failed_load_leaves_the_base_as_it_was(kb):
    before = (kb.content_hash, len(kb))
    with pytest.raises(pharmakon.LoadError):
        kb.loads("[[drug]]\nid = 'drug:x'\n", name="half.toml")
    assert (kb.content_hash, len(kb)) == before


def test_missing_file(tmp_path):
    missing = tmp_path / "nope.toml"
    with pytest.raises(pharmakon.LoadError) as e:
        pharmakon.load(missing)
    assert e.value.code == pharmakon.ErrorCode.io and e.value.path == str(missing)
    with pytest.raises(pharmakon.LoadError):
        pharmakon.load(tmp_path)  # a directory


def test_unknown_name_error(kb):
    with pytest.raises(KeyError) as info:
        kb.drug("naltrexon")
    e = info.value
    assert isinstance(e, pharmakon.UnknownNameError) and isinstance(e, LookupError)
    assert e.name == "naltrexon" and e.suggestions == ["naltrexone", "6-beta-naltrexol"]  # closest first
    assert e.code == pharmakon.ErrorCode.unknown_name
    # not quoted like a KeyError's
    assert str(e) == "unknown drug 'naltrexon'; did you mean naltrexone, 6-beta-naltrexol?"
    with pytest.raises(pharmakon.UnknownNameError) as info:
        kb.entity("naltrexon")
    assert "naltrexone" in info.value.suggestions


def test_usage_errors(kb):
    with pytest.raises(pharmakon.UsageError):
        kb.find("naltrexone", kind="medicine")
    with pytest.raises(pharmakon.UsageError):
        kb.claims("acts_upon")
    with pytest.raises(pharmakon.UsageError):
        kb.suggest("x", kind="nothing")
    with pytest.raises(pharmakon.UsageError) as e:
        kb.to_pandas("everything")
    assert "actions" in str(e.value)


@pytest.mark.parametrize("call", [
    lambda kb: kb.drug(None),
    lambda kb: kb.drug(42),
    lambda kb: kb.drug(["naltrexone"]),
    lambda kb: kb.load(42),
    lambda kb: kb.load([42]),
    lambda kb: kb.load(None),
    lambda kb: kb.loads(42),
    lambda kb: kb.loads(None),
    lambda kb: pharmakon.load("x.toml", base="default"),
    lambda kb: pharmakon.loads("", name=3),
    lambda kb: kb.find("x", kind=3.5),
    lambda kb: kb.claims(relation=1),
    lambda kb: kb.entities(kind=object()),
    lambda kb: kb.suggest("x", max=-1),
    lambda kb: kb.to_pandas(1),
    lambda kb: pharmakon.Quantity("50", "mg"),
    lambda kb: pharmakon.parse_quantity(50),
])
def test_wrong_types_raise_type_error(kb, call):
    with pytest.raises(TypeError):
        call(kb)


def test_unicode_text(kb):
    # a str that cannot be UTF-8 (a lone surrogate) is refused before the loader sees it
    with pytest.raises(UnicodeEncodeError):
        kb.loads("name = '\udcff'")
    with pytest.raises(TypeError):
        kb.drug("\udcff")  # pybind11 refuses a str argument that is not valid Unicode
    # invalid UTF-8 bytes are the loader's encoding error
    with pytest.raises(pharmakon.LoadError) as e:
        pharmakon.loads(b"[kb]\nname = \"\xae\"\nversion = \"1\"\n", name="latin1.toml")
    assert e.value.code == pharmakon.ErrorCode.encoding
    assert kb.find("μ") == kb.target("MOR")


def test_garbage_never_crashes():
    rng = random.Random(20260611)
    alphabet = b"[]{}=\"',.:#\n\t 0123456789abcdefxyz_-\\\x00\xff\xc3\xa9"
    for _ in range(300):
        n = rng.randrange(0, 400)
        text = bytes(rng.choice(alphabet) for _ in range(n))
        try:
            pharmakon.loads(text, name="garbage.toml")
        except pharmakon.LoadError as e:
            assert e.diagnostics and all(d.path == "garbage.toml" for d in e.diagnostics)
    # structurally valid TOML of the wrong shape
    for text in ["drug = 1", "[[drug]]\n" * 50, "[[acts_on]]\ndrug = []\n", "a = [" * 200 + "]" * 200,
                 "[kb]\nname = \"" + "x" * 200000 + "\"\nversion = \"1\"\n", "[[source]]\nid = \"src:\"\n"]:
        with pytest.raises(pharmakon.LoadError):
            pharmakon.loads(text)


def test_lookups_with_garbage_names(kb):
    for name in ["", " ", "\x00", "a" * 100000, "🙂", "drug:", "src:", "%s%n", "\n"]:
        assert kb.find(name) is None or isinstance(kb.find(name), pharmakon.Entity)
        with pytest.raises(pharmakon.UnknownNameError):
            kb.drug(name)


def test_a_crash_would_be_seen():
    """Guards the other tests: a C++ crash inside the interpreter kills the process; here it must not."""
    code = ("import pharmakon\n"
            "kb = pharmakon.default_kb()\n"
            "for bad in [None, 1, 'x' * 10**6, b'\\xff' * 1000]:\n"
            "    try: kb.mechanism_of(bad)\n"
            "    except (TypeError, KeyError): pass\n"
            "    try: pharmakon.loads(bad)\n"
            "    except (TypeError, ValueError): pass\n"
            "print('alive')\n")
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "alive"
