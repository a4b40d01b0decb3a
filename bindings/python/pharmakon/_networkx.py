"""networkx export: a knowledge base as a typed networkx.MultiDiGraph.

networkx is imported when :func:`to_networkx` is called, so ``import pharmakon`` works without it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover
    import networkx

    from ._core import KnowledgeBase


def _require_networkx() -> Any:
    try:
        import networkx
    except ImportError as e:  # pragma: no cover - exercised only where networkx is missing
        raise ImportError(
            "KnowledgeBase.to_networkx() needs networkx, which is not installed. Install it, e.g. "
            "`apt-get install python3-networkx` (Debian) or `pip install networkx`."
        ) from e
    return networkx


def to_networkx(kb: KnowledgeBase, negated: bool = True) -> networkx.MultiDiGraph:
    """The knowledge base as a ``networkx.MultiDiGraph``: one node per entity, one edge per claim.

    Nodes are keyed by the entities' string ids (``"drug:naltrexone"``, ``"target:MOR"``, ``"gene:OPRM1"``)
    and carry ``kind`` (the NodeKind's name), ``name``, ``synonyms``, ``identifiers``, ``sources`` (source ids)
    and ``location``, plus the kind's own fields: ``drug_class`` for drugs; ``target_type``, ``family``,
    ``gene_symbol``, ``species`` for targets; ``symbol`` for genes; dose, interval and route for regimens;
    ``warning_kind``, ``severity``, ``about`` for warnings; ``kind_label`` for imported concepts.

    Edges go from a claim's subject to its object, keyed by the claim's id (``KnowledgeBase.claim(key)``), and
    carry ``relation``, ``tier``, ``sources``, ``negated``, ``hypothesis``, ``unverified``, ``note`` and
    ``location``, plus the payload: ``action``, ``modality``, ``reversible``, ``surmountable``, ``efficacy``,
    ``best_p_affinity`` for acts_on; ``adjunct`` for indicated_for; ``finding``, ``outcome`` for
    modulates_response; ``label`` for imported relations. Enum values are their canonical names (strings), so
    the graph writes to GraphML/GEXF after dropping the list-valued attributes.

    Negated claims ("naltrexone does NOT act on sigma-1") are edges with ``negated=True``; pass
    ``negated=False`` to leave them out, e.g. before path searches.

    The graph's own attributes are the knowledge base's ``name``, ``version`` and ``content_hash``.
    Raises ImportError when networkx is not installed.
    """
    nx = _require_networkx()
    g = nx.MultiDiGraph(name=kb.name, version=kb.version, content_hash=kb.content_hash)

    ents, _ = kb._columns("entities")
    for i, node_id in enumerate(ents["id"]):
        attrs = {
            "kind": ents["kind"][i],
            "name": ents["name"][i],
            "synonyms": ents["synonyms"][i],
            "identifiers": ents["identifiers"][i],
            "sources": ents["sources"][i],
            "location": ents["location"][i],
        }
        attrs.update(ents["attrs"][i])
        g.add_node(node_id, **attrs)

    claims, _ = kb._columns("claims")
    for i, key in enumerate(claims["claim_id"]):
        if not negated and claims["negated"][i]:
            continue
        attrs = {
            "relation": claims["relation"][i],
            "tier": claims["tier"][i],
            "sources": claims["sources"][i],
            "negated": claims["negated"][i],
            "hypothesis": claims["hypothesis"][i],
            "unverified": claims["unverified"][i],
            "note": claims["note"][i],
            "location": claims["location"][i],
        }
        attrs.update(claims["attrs"][i])
        g.add_edge(claims["subject_id"][i], claims["object_id"][i], key=key, **attrs)
    return g
