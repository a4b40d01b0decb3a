"""Checks a KGX TSV export against the Biolink model (biolink-model.yaml): the checks a Biolink graph that is to be
merged with others must pass. Used by test_biolink_kgx.py; also a script:

    /usr/bin/python3 tests/python/biolink_check.py biolink-model.yaml PREFIX   # PREFIX_nodes.tsv, PREFIX_edges.tsv

Checks: the required columns are there; every node id is a CURIE whose prefix Biolink registers (or `pharmakon:`,
for nodes without an identifier Biolink registers); every category is a Biolink class that is neither abstract nor a
mixin; every xref prefix is registered; every predicate is a Biolink slot descending from related_to, not abstract,
not deprecated, and a mixin only where Biolink marks it canonical (biolink:treats); qualifiers are qualifier slots
with values of their enums; knowledge_level and agent_type are values of their enums; knowledge sources are
`infores:` CURIEs; every edge's subject and object are nodes of the file.
"""
import csv
import re
import sys

import yaml

NODE_COLUMNS = ("id", "category", "name")
EDGE_COLUMNS = ("id", "subject", "predicate", "object", "knowledge_level", "agent_type", "primary_knowledge_source")
OWN_PREFIX = "pharmakon"
INFORES = re.compile(r"^infores:[a-z0-9][a-z0-9._-]*$")
QUALIFIER_ENUMS = {
    "subject_aspect_qualifier": "GeneOrGeneProductOrChemicalEntityAspectEnum",
    "object_aspect_qualifier": "GeneOrGeneProductOrChemicalEntityAspectEnum",
    "subject_direction_qualifier": "DirectionQualifierEnum",
    "object_direction_qualifier": "DirectionQualifierEnum",
}


def snake(name):
    return name.replace(" ", "_")


def camel(name):
    return "".join(w[:1].upper() + w[1:] for w in name.split(" "))


class Model:
    """The parts of biolink-model.yaml the checks read."""

    def __init__(self, path):
        with open(path, encoding="utf-8") as f:
            m = yaml.safe_load(f)
        self.version = m.get("version")
        self.classes = {camel(k): (v or {}) for k, v in m["classes"].items()}
        self.slots = {snake(k): (v or {}) for k, v in m["slots"].items()}
        self.enums = {k: set((v or {}).get("permissible_values") or {}) for k, v in m["enums"].items()}
        self.prefixes = set(m.get("prefixes") or {}) | {"biolink"}
        for c in self.classes.values():
            self.prefixes.update(c.get("id_prefixes") or [])

    def class_problem(self, category):
        if not category.startswith("biolink:"):
            return "not a biolink: category"
        c = self.classes.get(category[len("biolink:"):])
        if c is None:
            return "not a Biolink class"
        if c.get("abstract"):
            return "an abstract class"
        if c.get("mixin"):
            return "a mixin"
        return None

    def ancestors(self, slot):
        seen = [slot]
        while True:
            parent = self.slots.get(seen[-1], {}).get("is_a")
            if not parent or snake(parent) in seen:
                return seen
            seen.append(snake(parent))

    def predicate_problem(self, predicate):
        if not predicate.startswith("biolink:"):
            return "not a biolink: predicate"
        name = predicate[len("biolink:"):]
        s = self.slots.get(name)
        if s is None:
            return "not a Biolink slot"
        if "related_to" not in self.ancestors(name):
            return "not a predicate (no is_a chain to related_to)"
        if s.get("abstract"):
            return "an abstract slot"
        if s.get("deprecated"):
            return "deprecated"
        if s.get("mixin") and not (s.get("annotations") or {}).get("canonical_predicate"):
            return "a mixin that is not canonical"
        return None

    def curie_problem(self, curie, own_ok):
        prefix, sep, local = curie.partition(":")
        if not sep or not prefix or not local:
            return "not a CURIE"
        if prefix in self.prefixes or (own_ok and prefix == OWN_PREFIX):
            return None
        return f"prefix {prefix!r} is not Biolink-registered"


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))
    return rows[0], [dict(zip(rows[0], r)) for r in rows[1:] if r]


def check(model, nodes_path, edges_path):
    """The problems of a KGX export, as 'file:line: what' strings (none: it conforms)."""
    problems = []
    header, nodes = read_tsv(nodes_path)
    for c in NODE_COLUMNS:
        if c not in header:
            problems.append(f"{nodes_path}: no column {c!r}")
    ids = set()
    for n, row in enumerate(nodes, start=2):
        where = f"{nodes_path}:{n}"
        nid = row.get("id", "")
        if nid in ids:
            problems.append(f"{where}: id {nid!r} twice")
        ids.add(nid)
        if p := model.curie_problem(nid, own_ok=True):
            problems.append(f"{where}: id {nid!r}: {p}")
        cats = [c for c in row.get("category", "").split("|") if c]
        if not cats:
            problems.append(f"{where}: no category")
        for c in cats:
            if p := model.class_problem(c):
                problems.append(f"{where}: category {c!r} is {p}")
        for x in filter(None, row.get("xref", "").split("|")):
            if p := model.curie_problem(x, own_ok=False):
                problems.append(f"{where}: xref {x!r}: {p}")
        for k in filter(None, row.get("provided_by", "").split("|")):
            if not INFORES.match(k):
                problems.append(f"{where}: provided_by {k!r} is not an infores CURIE")
    header, edges = read_tsv(edges_path)
    for c in EDGE_COLUMNS:
        if c not in header:
            problems.append(f"{edges_path}: no column {c!r}")
    for n, row in enumerate(edges, start=2):
        where = f"{edges_path}:{n}"
        pred = row.get("predicate", "")
        if p := model.predicate_problem(pred):
            problems.append(f"{where}: predicate {pred!r} is {p}")
        for end in ("subject", "object"):
            if row.get(end, "") not in ids:
                problems.append(f"{where}: {end} {row.get(end, '')!r} is not a node of {nodes_path}")
        for col, enum in (("knowledge_level", "KnowledgeLevelEnum"), ("agent_type", "AgentTypeEnum")):
            if row.get(col, "") not in model.enums[enum]:
                problems.append(f"{where}: {col} {row.get(col, '')!r} is not one of {enum}")
        pks = row.get("primary_knowledge_source", "")
        if not INFORES.match(pks):
            problems.append(f"{where}: primary_knowledge_source {pks!r} is not an infores CURIE")
        for k in filter(None, row.get("aggregator_knowledge_source", "").split("|")):
            if not INFORES.match(k):
                problems.append(f"{where}: aggregator_knowledge_source {k!r} is not an infores CURIE")
        qp = row.get("qualified_predicate", "")
        if qp and (p := model.predicate_problem(qp)):
            problems.append(f"{where}: qualified_predicate {qp!r} is {p}")
        for col, enum in QUALIFIER_ENUMS.items():
            v = row.get(col, "")
            if v and (col not in model.slots or v not in model.enums[enum]):
                problems.append(f"{where}: {col} {v!r} is not one of {enum}")
        for p in filter(None, row.get("publications", "").split("|")):
            if pr := model.curie_problem(p, own_ok=False):
                problems.append(f"{where}: publication {p!r}: {pr}")
    return problems


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: biolink_check.py biolink-model.yaml PREFIX")
    found = check(Model(sys.argv[1]), sys.argv[2] + "_nodes.tsv", sys.argv[2] + "_edges.tsv")
    print("\n".join(found) or "conforms")
    sys.exit(1 if found else 0)
