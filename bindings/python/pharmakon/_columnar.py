"""Whole-graph questions at C++ speed: the columnar API (numpy / scipy.sparse), to_igraph(), and small helpers.

numpy, scipy and igraph are imported only when a function that needs them is called, so ``import pharmakon``
works without them (Debian: ``apt-get install python3-numpy python3-scipy python3-igraph``).

Entity indices: every entity of a knowledge base has an index, 0 .. len(kb) - 1, grouped by kind (all drugs,
then all targets, ...; ``kb.index_range("drug")``). ``kb.entity_ids()`` gives the id of each index,
``kb.index_of(name)`` the index of a name, ``kb.kinds()`` the NodeKind code of each, ``kb[i]`` the entity.
Rows and columns of ``kb.adjacency(...)`` are entity indices.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Iterable, Optional, Union

if TYPE_CHECKING:  # pragma: no cover
    import igraph
    import numpy
    import pandas
    import scipy.sparse

    from ._core import KnowledgeBase, MechanismAnswer, Relation


def _require(module: str, debian: str, what: str) -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as e:  # pragma: no cover - exercised only where the module is missing
        raise ImportError(
            f"{what} needs {module}, which is not installed. Install it, e.g. `apt-get install {debian}` (Debian) "
            f"or `pip install {module.split('.')[0]}`."
        ) from e


def edges(kb: KnowledgeBase, relation: Union[str, Relation], label: Optional[str] = None, *,
          negated: bool = False) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]:
    """The claims of one relation as three numpy int32 arrays ``(subjects, objects, claims)``: entity indices of
    each claim's subject and object, and the claim's index (``kb.claim(i)``), sorted by subject.

    ``label`` keeps only related claims of that original kind (e.g. Hetionet's ``"associates"``; ``kb.labels()``
    lists them). Negated claims (the sources say the relation does not hold) are left out unless ``negated``.
    Where the relation's claims are one contiguous run of the knowledge base's storage, ``objects`` is a
    read-only view of it (no copy); it keeps the knowledge base alive."""
    np = _require("numpy", "python3-numpy", "KnowledgeBase.edges()")
    indptr, indices, claims, _shared = kb._csr(relation, label, negated, True)
    subjects = np.repeat(np.arange(len(indptr) - 1, dtype=np.int32), np.diff(indptr))
    return subjects, indices, claims


def adjacency(kb: KnowledgeBase, relation: Union[str, Relation], label: Optional[str] = None, *,
              negated: bool = False, dtype: Any = "int32") -> scipy.sparse.csr_matrix:
    """The claims of one relation as a ``scipy.sparse.csr_matrix`` over entity indices: ``len(kb)`` rows
    (subjects) by ``len(kb)`` columns (objects), 1 per claim (two claims between the same pair add up), so
    products count paths: the 2-hop Compound-binds-Gene-associates-Disease question is

    >>> binds = kb.adjacency("acts_on") @ kb.adjacency("encoded_by")        # drug -> gene   # doctest: +SKIP
    >>> reach = binds @ kb.adjacency("related", "associates").T             # drug -> disease  # doctest: +SKIP
    >>> reach.getnnz(axis=1)[kb.index_range("drug")]                        # doctest: +SKIP

    ``label`` keeps only related claims of that original kind (``kb.labels()`` lists them); negated claims are
    left out unless ``negated``. The index arrays are built in C++ in one pass over the graph, with the GIL
    released; where the relation's claims are one contiguous run of the knowledge base's storage, ``indices``
    views it (read-only, no copy; ``.copy()`` the matrix to change it in place). The matrix keeps the
    knowledge base alive."""
    np = _require("numpy", "python3-numpy", "KnowledgeBase.adjacency()")
    sparse = _require("scipy.sparse", "python3-scipy", "KnowledgeBase.adjacency()")
    indptr, indices, _claims, _shared = kb._csr(relation, label, negated, False)
    n = len(indptr) - 1
    data = np.ones(len(indices), dtype=dtype)
    return sparse.csr_matrix((data, indices, indptr), shape=(n, n), copy=False)


def to_igraph(kb: KnowledgeBase) -> igraph.Graph:
    """The knowledge base as a directed ``igraph.Graph``: vertex i is the entity with index i (attributes
    ``name`` = its id, ``label`` = its name, ``kind`` = the NodeKind's name), edge i is claim i (attributes
    ``relation`` = the Relation's name and ``label`` = the original kind of related claims, else None).
    Built from the knowledge base's CSR arrays, without a Python loop over entities or claims."""
    np = _require("numpy", "python3-numpy", "KnowledgeBase.to_igraph()")
    ig = _require("igraph", "python3-igraph", "KnowledgeBase.to_igraph()")
    from ._core import NodeKind, Relation

    indptr, objects, rel_codes = kb._claim_csr()
    n = len(indptr) - 1
    subjects = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    pairs = np.empty((len(objects), 2), dtype=np.int64)
    pairs[:, 0] = subjects
    pairs[:, 1] = objects
    g = ig.Graph(n=n, edges=pairs.tolist(), directed=True)
    g.vs["name"] = kb.entity_ids().tolist()
    g.vs["label"] = [e.name for e in kb.entities()]
    kind_names = np.array([k.name for k in sorted(NodeKind.__members__.values(), key=int)], dtype=object)
    g.vs["kind"] = kind_names[np.asarray(kb.kinds())].tolist()
    rel_names = np.array([r.name for r in sorted(Relation.__members__.values(), key=int)], dtype=object)
    g.es["relation"] = rel_names[np.asarray(rel_codes)].tolist()
    labels, codes = kb._claim_labels()
    table = np.array(list(labels) + [None], dtype=object)
    g.es["label"] = table[np.where(codes < 0, len(labels), codes)].tolist()
    return g


def _names(drugs: tuple) -> list:
    """The drugs of ``screen_interactions(*drugs)``: several arguments, or one list (or other iterable)."""
    from ._core import Entity

    if len(drugs) == 1 and not isinstance(drugs[0], (str, bytes, Entity)):
        try:
            return list(drugs[0])
        except TypeError:
            pass
    return list(drugs)


def mechanism_to_pandas(answer: MechanismAnswer) -> pandas.DataFrame:
    """The answer's actions as a ``pandas.DataFrame``, one row per target: ``target_id``, ``target``,
    ``gene_symbol``, ``action`` (the ActionType's name), ``modality``, ``reversible``, ``surmountable``,
    ``efficacy``, ``best_p_affinity``, ``affinities`` (how many measured), ``tier``, ``negated``,
    ``hypothesis``, ``refs`` (the answer's reference numbers) and ``note``."""
    pd = _require("pandas", "python3-pandas", "MechanismAnswer.to_pandas()")
    columns = ["target_id", "target", "gene_symbol", "action", "modality", "reversible", "surmountable", "efficacy",
               "best_p_affinity", "affinities", "tier", "negated", "hypothesis", "refs", "note"]
    rows = []
    for a in answer.actions:
        ev = a.evidence
        rows.append([a.target.id, a.target.name, a.target.gene_symbol, a.type.name, a.modality.name, a.reversible,
                     a.surmountable, a.efficacy, a.best_p_affinity, len(a.affinities), ev.tier.name, ev.negated,
                     ev.hypothesis, list(ev.refs), ev.note])
    return pd.DataFrame(rows, columns=columns)


def install(kb_class: Any, answer_class: Any, drug_names: Iterable[str] = ()) -> None:
    """Makes the functions above methods (KnowledgeBase.edges, ...)."""
    kb_class.edges = edges
    kb_class.adjacency = adjacency
    kb_class.to_igraph = to_igraph
    answer_class.to_pandas = mechanism_to_pandas

    screen = kb_class.screen_interactions

    def screen_interactions(self: KnowledgeBase, *drugs: Any, strict: bool = False) -> Any:
        return screen(self, _names(drugs), strict=strict)

    screen_interactions.__name__ = "screen_interactions"
    screen_interactions.__qualname__ = "KnowledgeBase.screen_interactions"
    screen_interactions.__doc__ = (
        "screen_interactions(*drugs, strict=False): interactions among the drugs, given as several arguments "
        "(kb.screen_interactions(\"naltrexone\", \"oxycodone\")) or as one list; names, ids or Drug objects.\n\n"
        + (screen.__doc__ or "").split("\n", 1)[-1].lstrip())
    kb_class.screen_interactions = screen_interactions
