"""pandas export: a knowledge base as DataFrames, one row per entity, source or claim.

pandas is imported when :func:`to_pandas` is called, so ``import pharmakon`` works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import pandas

    from ._core import KnowledgeBase

#: The tables :func:`to_pandas` knows, and what one row of each is.
TABLES: dict[str, str] = {
    "actions": "one acts_on claim: a drug's action at a target (with its best p-affinity and evidence)",
    "affinities": "one measured affinity of an acts_on claim (measure, value or range, unit, p-value)",
    "claims": "one claim of any relation (subject, relation, object, short detail, evidence)",
    "drugs": "one drug",
    "effects": "one produces/blocks/reduces claim of a drug on an effect",
    "entities": "one entity of any kind",
    "indications": "one indicated_for claim",
    "pharmacogenetics": "one modulates_response claim of a variant on a drug's response",
    "regimens": "one dosed_as claim: a drug's regimen (dose, interval in hours, route, ...)",
    "sources": "one evidence source",
    "targets": "one target",
    "warnings": "one carries claim: a warning a drug carries",
}


def _require_pandas() -> Any:
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - exercised only where pandas is missing
        raise ImportError(
            "KnowledgeBase.to_pandas() needs pandas, which is not installed. Install it, e.g. "
            "`apt-get install python3-pandas` (Debian) or `pip install pandas`."
        ) from e
    return pandas


def _enum_names(cls: type) -> list[str]:
    """The member names of a pybind11 enum, in value order (the C++ table order)."""
    members = cls.__members__  # type: ignore[attr-defined]
    return [name for name, _ in sorted(members.items(), key=lambda kv: int(kv[1]))]


def _column(pd: Any, values: list, kind: Any) -> Any:
    """A pandas Series of the right dtype for one column of ``KnowledgeBase._columns``."""
    if isinstance(kind, type):  # an enum: categorical over every member, in the enum's order
        return pd.Categorical(values, categories=_enum_names(kind), ordered=kind.__name__ in _ORDERED)
    if kind == "float":
        return pd.array([float("nan") if v is None else float(v) for v in values], dtype="float64")
    if kind == "int":
        return pd.array(values, dtype="Int64")
    if kind == "bool":
        return pd.array(values, dtype="bool")
    if kind == "optional_bool":
        return pd.array(values, dtype="boolean")
    if kind == "list":
        return _objects([tuple(v) for v in values])
    return _objects(values)


def _objects(values: list) -> Any:
    """A 1-D object array, element by element (numpy would make equal-length tuples a 2-D array)."""
    import numpy

    out = numpy.empty(len(values), dtype=object)
    for i, v in enumerate(values):
        out[i] = v
    return out


# Enums whose order means something (best first), so comparisons like tier <= "label" work.
_ORDERED = {"EvidenceTier", "Severity"}


def to_pandas(kb: KnowledgeBase, table: str = "actions") -> pandas.DataFrame:
    """One table of the knowledge base as a pandas DataFrame.

    ``table`` is one of :data:`TABLES`: ``"actions"`` (the default), ``"affinities"``, ``"claims"``, ``"drugs"``,
    ``"effects"``, ``"entities"``, ``"indications"``, ``"pharmacogenetics"``, ``"regimens"``, ``"sources"``,
    ``"targets"`` or ``"warnings"``.

    Columns are typed: enums (action, modality, tier, severity, ...) are categoricals over every member of the
    enum (``tier`` and ``severity`` ordered, best/most severe first), numbers are ``float64`` (NaN when absent)
    or nullable ``Int64``, flags ``bool`` (``boolean`` with <NA> for a reversibility that is not stated), text
    ``object`` (None when absent), and lists of ids (``sources``, ...) tuples. Rows come in the knowledge base's
    claim order; negated claims are included, with ``negated`` True.

    >>> df = pharmakon.default_kb().to_pandas("actions")              # doctest: +SKIP
    >>> df[df.drug == "naltrexone"][["target", "action", "best_p_affinity", "tier"]]  # doctest: +SKIP

    Raises UsageError for an unknown table, ImportError when pandas is not installed.
    """
    from ._core import UsageError

    if not isinstance(table, str):
        raise TypeError(f"table: expected a str, got {type(table).__name__}")
    if table not in TABLES:
        raise UsageError(f"table: expected one of {' | '.join(sorted(TABLES))}, found '{table}'")
    pd = _require_pandas()
    columns, kinds = kb._columns(table)
    columns.pop("attrs", None)  # nested per-kind attributes: for to_networkx(), not for a flat table
    data = {name: _column(pd, values, kinds[name]) for name, values in columns.items()}
    return pd.DataFrame(data, columns=list(data))
