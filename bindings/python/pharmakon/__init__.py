"""pharmakon: pharmacology knowledge as a typed, evidence-linked graph.

>>> import pharmakon
>>> kb = pharmakon.default_kb()                   # the embedded, curated opioid-system knowledge base
>>> kb.drug("ReVia").name                         # names, synonyms, brands, ids; case-insensitive
'naltrexone'
>>> print(kb.moa("naltrexone").summary)           # doctest: +ELLIPSIS
pure competitive, reversible, surmountable antagonist at the mu, kappa and delta opioid receptors; ...

Knowledge bases are immutable: ``kb.load("my.toml")`` returns a *new* knowledge base with your files added
and leaves ``kb`` unchanged. Every object you get from a knowledge base (drugs, targets, actions, answers)
stays valid for as long as you hold it, and one knowledge base may be queried from many threads at once.

Errors are exceptions of the :class:`KBError` hierarchy: :class:`LoadError` (a ValueError, with every
``file:line:column`` diagnostic), :class:`UnknownNameError` (a KeyError, with the closest names),
:class:`UsageError` and :class:`QuantityError` (ValueErrors).

``kb.to_pandas(table)`` and ``kb.to_networkx()`` export to pandas and networkx, imported only when called.

For health professionals and researchers: answers are not a substitute for clinical judgment; verify against
the primary sources and current labeling. A missing finding is not evidence of safety.
"""

from . import _core
from ._core import (
    Action,
    ActionSummary,
    ActionType,
    Affinity,
    AffinityMeasure,
    Claim,
    Concept,
    Condition,
    Conflict,
    ConflictReason,
    ConflictSide,
    ConflictStatement,
    Diagnostic,
    DoseAnswer,
    DoseIssue,
    DoseQuery,
    DoseVerdict,
    Drug,
    Effect,
    EffectClaim,
    EffectStatement,
    Entity,
    ErrorCode,
    Evidence,
    EvidenceTier,
    Gene,
    IndicationClaim,
    IndicationStatement,
    Interaction,
    InteractionAnswer,
    InteractionKind,
    KBError,
    KBInfo,
    KnowledgeBase,
    LoadError,
    MechanismAnswer,
    Modality,
    NodeKind,
    PathStep,
    PgxClaim,
    PgxFinding,
    PgxStatement,
    Precondition,
    PreconditionKind,
    QuantityError,
    Quantity,
    Regimen,
    RegimenCheck,
    RegimenStatement,
    RelatedClaim,
    Relation,
    Route,
    Severity,
    Source,
    SourceKind,
    Target,
    TargetAction,
    TargetRef,
    TargetType,
    UnknownNameError,
    UsageError,
    Variant,
    DrugWarning,
    WarningKind,
    WarningStatement,
    __version__,
    answer_schema_version,
    default_kb,
    disclaimer,
    load,
    loads,
    parse_interval,
    parse_quantity,
    validate,
)
from ._networkx import to_networkx
from ._pandas import TABLES, to_pandas

# The data-science exits are written in Python; they become methods of KnowledgeBase.
KnowledgeBase.to_pandas = to_pandas
KnowledgeBase.to_networkx = to_networkx

__all__ = [
    "Action",
    "ActionSummary",
    "ActionType",
    "Affinity",
    "AffinityMeasure",
    "Claim",
    "Concept",
    "Condition",
    "Conflict",
    "ConflictReason",
    "ConflictSide",
    "ConflictStatement",
    "Diagnostic",
    "DoseAnswer",
    "DoseIssue",
    "DoseQuery",
    "DoseVerdict",
    "Drug",
    "Effect",
    "EffectClaim",
    "EffectStatement",
    "Entity",
    "ErrorCode",
    "Evidence",
    "EvidenceTier",
    "Gene",
    "IndicationClaim",
    "IndicationStatement",
    "Interaction",
    "InteractionAnswer",
    "InteractionKind",
    "KBError",
    "KBInfo",
    "KnowledgeBase",
    "LoadError",
    "MechanismAnswer",
    "Modality",
    "NodeKind",
    "PathStep",
    "PgxClaim",
    "PgxFinding",
    "PgxStatement",
    "Precondition",
    "PreconditionKind",
    "Quantity",
    "QuantityError",
    "Regimen",
    "RegimenCheck",
    "RegimenStatement",
    "RelatedClaim",
    "Relation",
    "Route",
    "Severity",
    "Source",
    "SourceKind",
    "TABLES",
    "Target",
    "TargetAction",
    "TargetRef",
    "TargetType",
    "UnknownNameError",
    "UsageError",
    "Variant",
    "DrugWarning",
    "WarningKind",
    "WarningStatement",
    "__version__",
    "answer_schema_version",
    "default_kb",
    "disclaimer",
    "load",
    "loads",
    "parse_interval",
    "parse_quantity",
    "to_networkx",
    "to_pandas",
    "validate",
]

# Public classes show up as pharmakon.X (help(), repr of enums, tracebacks), not pharmakon._core.X.
for _name in __all__:
    _obj = globals()[_name]
    if isinstance(_obj, type) and getattr(_obj, "__module__", None) == "pharmakon._core":
        try:
            _obj.__module__ = "pharmakon"
        except (AttributeError, TypeError):  # pragma: no cover - a type that refuses it keeps its module
            pass
del _name, _obj
