"""The public surface: __all__, docstrings on every public name, and type stubs that declare all of it."""

import ast
import inspect
import keyword
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
        # a member named by a Python keyword (NodeKind's "class") cannot be declared; the stub must say how to
        # reach it
        for m in sorted(n for n in actual if keyword.iskeyword(n)):
            assert f'{name}.__members__["{m}"]' in STUB.read_text(encoding="utf-8"), f"{name}.{m}"
        undeclared = sorted(n for n in actual - declared if not keyword.iskeyword(n))
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


def test_stub_enums_declare_exactly_the_members():
    """Each enum's stub declares its members, no more: a member removed from C++ must leave the stub too."""
    _, classes = stub_names()
    for name in pharmakon.__all__:
        obj = getattr(pharmakon, name)
        if not (inspect.isclass(obj) and hasattr(obj, "__members__")) or issubclass(obj, BaseException):
            continue
        runtime = {m for m in obj.__members__ if not keyword.iskeyword(m)}
        assert classes[name] == runtime, name


def _annotations(cls_name):
    """{property name: return annotation as source text} of one stub class."""
    for node in stub_tree().body:
        if isinstance(node, ast.ClassDef) and node.name == cls_name:
            return {item.name: ast.unparse(item.returns) for item in node.body
                    if isinstance(item, ast.FunctionDef) and item.returns is not None and
                    any(isinstance(d, ast.Name) and d.id == "property" for d in item.decorator_list)}
    raise AssertionError(f"no stub class {cls_name}")


def _conforms(value, annotation):
    """Whether `value` has the stub type `annotation` (a typing expression evaluated in the pharmakon namespace)."""
    import typing

    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Union:
        return any(_conforms(value, a) for a in args)
    if annotation is type(None):
        return value is None
    if origin is list:
        return isinstance(value, list) and all(_conforms(v, args[0]) for v in value)
    if origin is tuple:
        return isinstance(value, tuple) and len(value) == len(args) and all(map(_conforms, value, args))
    if origin is dict:
        return isinstance(value, dict) and all(_conforms(k, args[0]) and _conforms(v, args[1]) for k, v in value.items())
    return isinstance(value, annotation)


def test_stub_types_of_the_interaction_answer_hold_at_runtime(kb):
    """The stubs' property types (Optional, list, tuple, enums) are what the objects return, and none is Any."""
    from typing import Optional  # noqa: F401 - for eval of the annotations

    namespace = {**vars(pharmakon), "Optional": Optional}
    answer = kb.screen_interactions(["naltrexone", "oxycodone", "alprazolam", "codeine", "fluoxetine", "sertraline",
                                     "acamprosate", "naloxegol"])
    objects = {"InteractionAnswer": [answer], "Interaction": answer.interactions,
               "StatedStatement": [s for i in answer.interactions for s in i.stated],
               "PathStep": [p for i in answer.interactions for p in i.path],
               "DrugClass": kb.classes(), "Drug": [kb.drug(n) for n in ("codeine", "naloxegol", "fluoxetine")],
               "Effect": kb.effects()}
    seen_none = set()
    for cls_name, values in objects.items():
        assert values, cls_name
        for prop, text in _annotations(cls_name).items():
            assert "Any" not in text, f"{cls_name}.{prop}: {text}"
            annotation = eval(text, namespace)  # noqa: S307 - our own stub
            for v in values:
                got = getattr(v, prop)
                assert _conforms(got, annotation), f"{cls_name}.{prop} = {got!r} is not {text}"
                if got is None:
                    seen_none.add(f"{cls_name}.{prop}")
    # the optional fields are exercised both ways
    assert {"Interaction.target", "Interaction.affected", "Interaction.first_action", "StatedStatement.effect",
            "StatedStatement.exposure_of", "DrugClass.min_strength", "Effect.combined"} <= seen_none
