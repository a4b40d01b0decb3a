"""pharmakon: pharmacology knowledge as a typed, evidence-linked graph.

>>> import pharmakon
>>> kb = pharmakon.default_kb()                   # the embedded, curated opioid-system knowledge base
>>> kb.drug("ReVia").name                         # names, synonyms, brands, ids; case-insensitive
'naltrexone'
>>> print(kb.mechanism_of("naltrexone").summary)           # doctest: +ELLIPSIS
pure competitive, reversible, surmountable antagonist at the mu, kappa and delta opioid receptors; ...

Knowledge bases are immutable: ``kb.load("my.toml")`` returns a *new* knowledge base with your files added
and leaves ``kb`` unchanged. Every object you get from a knowledge base (drugs, targets, actions, answers)
stays valid for as long as you hold it, and one knowledge base may be queried from many threads at once.

Errors are exceptions of the :class:`KBError` hierarchy: :class:`LoadError` (a ValueError, with every
``file:line:column`` diagnostic), :class:`UnknownNameError` (a KeyError, with the closest names),
:class:`UsageError` and :class:`QuantityError` (ValueErrors).

``kb.to_pandas(table)``, ``kb.to_networkx()`` and ``kb.to_igraph()`` export to pandas, networkx and igraph,
imported only when called. Whole-graph questions run on columns: ``kb.adjacency(relation, label)`` is a
``scipy.sparse.csr_matrix`` over entity indices, ``kb.edges(relation, label)`` numpy arrays (subjects, objects,
claims), ``kb.entity_ids()``, ``kb.kinds()`` and ``kb.index_of(name)`` map indices to entities and back.

Public data sets: :func:`import_hetionet`, :func:`import_gtopdb`, :func:`import_kgx`, :func:`import_chembl`,
:func:`import_drugcentral` and :func:`import_drugmechdb` read them (streamed, all or nothing, interruptible with Ctrl-C);
``kb.save_snapshot(path)`` and :func:`load_snapshot` store a
knowledge base in a binary file that loads in milliseconds; ``kb.export_kgx``, ``kb.export_graphml``,
``kb.export_neo4j`` and ``kb.mechanism_dot`` write it for other tools.

For health professionals and researchers: answers are not a substitute for clinical judgment; verify against
the primary sources and current labeling. A missing finding is not evidence of safety.
"""

import warnings

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
    Direction,
    DoseAnswer,
    DoseIssue,
    DoseQuery,
    DoseVerdict,
    Drug,
    DrugClass,
    DrugHalfLife,
    Effect,
    EffectClaim,
    EffectStatement,
    TargetRoleStatement,
    UnscreenedDrug,
    Entity,
    ErrorCode,
    Evidence,
    EvidenceTier,
    Gene,
    HalfLifeStatement,
    IndicationClaim,
    ImportCount,
    ImportProgress,
    ImportReport,
    IndicationStatement,
    Interaction,
    InteractionAnswer,
    InteractionKind,
    InteractionMechanism,
    InteractionSeverity,
    KBError,
    KBInfo,
    KnowledgeBase,
    LoadError,
    Management,
    MechanismAnswer,
    MechanismPath,
    Modality,
    NodeKind,
    PathStep,
    Pathway,
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
    Site,
    Source,
    SourceKind,
    StatedStatement,
    Strength,
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
    import_chembl,
    import_drugcentral,
    import_drugmechdb,
    import_gtopdb,
    import_hetionet,
    import_kgx,
    is_snapshot,
    load,
    load_snapshot,
    loads,
    path_agreement,
    parse_interval,
    parse_quantity,
    validate,
)
from . import _columnar
from ._networkx import to_networkx
from ._pandas import TABLES, to_pandas

# The data-science exits are written in Python; they become methods of KnowledgeBase.
KnowledgeBase.to_pandas = to_pandas
KnowledgeBase.to_networkx = to_networkx
# The columnar API (edges, adjacency: numpy and scipy.sparse), to_igraph, MechanismAnswer.to_pandas and
# screen_interactions(*drugs), also written in Python over the compiled arrays.
_columnar.install(KnowledgeBase, MechanismAnswer)

# One name per concept, the C++ one: mechanism_of, screen_interactions, check_dose. The names of earlier versions
# still work, and say once (per name and process) that they are deprecated.
_warned_aliases = set()


def _deprecated_alias(old, new):
    def alias(self, *args, **kwargs):
        if old not in _warned_aliases:
            _warned_aliases.add(old)
            warnings.warn(f"KnowledgeBase.{old} is deprecated; use KnowledgeBase.{new}", DeprecationWarning,
                          stacklevel=2)
        return getattr(self, new)(*args, **kwargs)

    alias.__name__ = old
    alias.__qualname__ = f"KnowledgeBase.{old}"
    alias.__doc__ = f"Deprecated alias of :meth:`KnowledgeBase.{new}` (warns DeprecationWarning once)."
    return alias


KnowledgeBase.moa = _deprecated_alias("moa", "mechanism_of")
KnowledgeBase.interactions = _deprecated_alias("interactions", "screen_interactions")
KnowledgeBase.dose_check = _deprecated_alias("dose_check", "check_dose")

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
    "Direction",
    "DoseAnswer",
    "DoseIssue",
    "DoseQuery",
    "DoseVerdict",
    "Drug",
    "DrugClass",
    "DrugHalfLife",
    "Effect",
    "EffectClaim",
    "EffectStatement",
    "TargetRoleStatement",
    "UnscreenedDrug",
    "Entity",
    "ErrorCode",
    "Evidence",
    "EvidenceTier",
    "Gene",
    "HalfLifeStatement",
    "IndicationClaim",
    "ImportCount",
    "ImportProgress",
    "ImportReport",
    "IndicationStatement",
    "Interaction",
    "InteractionAnswer",
    "InteractionKind",
    "InteractionMechanism",
    "InteractionSeverity",
    "KBError",
    "KBInfo",
    "KnowledgeBase",
    "LoadError",
    "Management",
    "MechanismAnswer",
    "MechanismPath",
    "Modality",
    "NodeKind",
    "PathStep",
    "Pathway",
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
    "Site",
    "Source",
    "SourceKind",
    "StatedStatement",
    "Strength",
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
    "import_chembl",
    "import_drugcentral",
    "import_drugmechdb",
    "import_gtopdb",
    "import_hetionet",
    "import_kgx",
    "is_snapshot",
    "load",
    "load_snapshot",
    "loads",
    "path_agreement",
    "parse_interval",
    "parse_quantity",
    "to_networkx",
    "to_pandas",
    "validate",
]
