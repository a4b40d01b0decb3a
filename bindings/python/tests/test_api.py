"""The public surface: __all__, docstrings on every public name, and type stubs that declare all of it."""

import ast
import inspect
import warnings
from pathlib import Path

import pytest

import pharmakon

STUB = Path(pharmakon.__file__).with_name("__init__.pyi")


def stub_tree():
    return ast.parse(STUB.read_text(encoding="utf-8"))


def stub_names():
    names, classes = set(), {}
    for node in stub_tree().body:
        if isinstance(node, ast.ClassDef):
            names.add(node.name)
            members = set()
            for item in node.body:
                if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    members.add(item.name)
                elif isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name):
                    members.add(item.target.id)
            classes[node.name] = members
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names, classes


def public_members(cls):
    own = set()
    for klass in cls.__mro__:
        if klass.__module__ in ("builtins",):
            continue
        own |= {n for n in vars(klass) if not n.startswith("_")}
    return own


def test_all_is_complete_and_importable():
    assert len(set(pharmakon.__all__)) == len(pharmakon.__all__)
    for name in pharmakon.__all__:
        assert hasattr(pharmakon, name), name
    core_public = {n for n in dir(pharmakon._core) if not n.startswith("_")} | {"__version__"}
    assert core_public <= set(pharmakon.__all__), core_public - set(pharmakon.__all__)


def test_every_public_name_has_a_docstring():
    missing = []
    for name in pharmakon.__all__:
        obj = getattr(pharmakon, name)
        if isinstance(obj, (str, dict)):
            continue
        if not (getattr(obj, "__doc__", None) or "").strip():
            missing.append(name)
        if inspect.isclass(obj):
            for member in sorted(public_members(obj)):
                attr = inspect.getattr_static(obj, member)
                if not (callable(attr) or isinstance(attr, property)):
                    continue  # enum members, exception attribute defaults: described by the class docstring
                if hasattr(obj, "__members__") and member in ("name", "value"):
                    continue  # pybind11's own enum properties
                doc = getattr(attr, "__doc__", None)
                if not (doc or "").strip():
                    missing.append(f"{name}.{member}")
    assert missing == []


def test_help_shows_signatures_and_docs():
    doc = pharmakon.KnowledgeBase.check_dose.__doc__
    assert "check_dose(self: pharmakon.KnowledgeBase" in doc and "opioid_free" in doc
    assert "A NEW knowledge base" in pharmakon.KnowledgeBase.load.__doc__
    assert "immutable" in pharmakon.KnowledgeBase.__doc__
    assert pharmakon.KnowledgeBase.__module__ == "pharmakon"
    assert "needs pandas" not in (pharmakon.to_pandas.__doc__ or "")
    assert "Columns are typed" in pharmakon.KnowledgeBase.to_pandas.__doc__


def test_stubs_declare_everything():
    names, classes = stub_names()
    missing = [n for n in pharmakon.__all__ if n not in names]
    assert missing == []
    for name in pharmakon.__all__:
        obj = getattr(pharmakon, name)
        if not inspect.isclass(obj) or issubclass(obj, BaseException):
            continue
        declared = set()
        stub_cls = name
        seen = set()
        while stub_cls in classes and stub_cls not in seen:  # follow stub base classes
            seen.add(stub_cls)
            declared |= classes[stub_cls]
            bases = [b.id for n in stub_tree().body if isinstance(n, ast.ClassDef) and n.name == stub_cls
                     for b in n.bases if isinstance(b, ast.Name)]
            for b in bases:
                declared |= classes.get(b, set())
                for bb in [x.id for n in stub_tree().body if isinstance(n, ast.ClassDef) and n.name == b
                           for x in n.bases if isinstance(x, ast.Name)]:
                    declared |= classes.get(bb, set())
            stub_cls = bases[0] if bases else None
        actual = public_members(obj)
        undeclared = sorted(actual - declared)
        assert undeclared == [], f"{name}: {undeclared}"
    assert STUB.with_name("py.typed").exists()


def test_stub_parses_as_python():
    compile(STUB.read_text(encoding="utf-8"), str(STUB), "exec")


def test_docstring_examples_run():
    import doctest

    import pharmakon._networkx
    import pharmakon._pandas

    for module in (pharmakon, pharmakon._pandas, pharmakon._networkx):
        result = doctest.testmod(module, optionflags=doctest.ELLIPSIS, extraglobs={"pharmakon": pharmakon})
        assert result.failed == 0, module.__name__
    assert doctest.testmod(pharmakon, optionflags=doctest.ELLIPSIS).attempted >= 3


@pytest.mark.parametrize("old,new,args", [
    ("moa", "mechanism_of", ("naltrexone",)),
    ("interactions", "screen_interactions", (["naltrexone", "oxycodone"],)),
    ("dose_check", "check_dose", ("naltrexone", "50 mg")),
])
def test_old_names_are_deprecated_aliases_that_warn_once(old, new, args):
    kb = pharmakon.default_kb()
    pharmakon._warned_aliases.discard(old)
    with pytest.warns(DeprecationWarning, match=f"KnowledgeBase.{old} is deprecated; use KnowledgeBase.{new}"):
        answer = getattr(kb, old)(*args)
    assert answer.to_json() == getattr(kb, new)(*args).to_json()
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        getattr(kb, old)(*args)  # the second call is silent
    assert "Deprecated alias" in getattr(pharmakon.KnowledgeBase, old).__doc__
