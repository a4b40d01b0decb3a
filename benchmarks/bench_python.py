#!/usr/bin/python3
"""The Python side of the benchmarks: networkx, python-igraph and pharmakon's Python bindings doing the same work
as benchmarks/bench_pharmakon.cpp on the same Hetionet-shaped files.

usage: bench_python.py networkx|igraph|pharmakon NODES EDGES [--snapshot FILE]

Prints one JSON object (load time, max RSS with the graph loaded, and the three queries). Run it with the Debian
interpreter (/usr/bin/python3), which has python3-networkx and python3-igraph.
"""
import gzip
import json
import resource
import sys
import time


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def rows(path):
    """The data rows of a TSV/SIF file, plain or gzipped, streamed (header skipped, CR stripped)."""
    opener = gzip.open if open(path, "rb").read(2) == b"\x1f\x8b" else open
    with opener(path, "rt", encoding="utf-8", newline="") as f:
        next(f)
        for line in f:
            yield line.rstrip("\r\n").split("\t")


def percentile(values, p):
    s = sorted(values)
    return s[int(p * (len(s) - 1) + 0.5)] if s else 0.0


def timer_overhead_ns():
    samples = []
    for _ in range(10001):
        a = time.perf_counter_ns()
        b = time.perf_counter_ns()
        samples.append(b - a)
    return percentile(samples, 0.5)


def run_queries(compounds, bound_genes, associated_diseases):
    """q1: genes bound by each compound (timed one by one); q2: distinct diseases through a bound gene;
    q3: all pairs of compounds screened for a shared target. Same work as the C++ side."""
    overhead = timer_overhead_ns()
    lat = []
    total = 0
    for _round in range(2):  # a warm-up round, then the measured one
        lat = []
        total = 0
        for c in compounds:
            a = time.perf_counter_ns()
            genes = bound_genes(c)
            b = time.perf_counter_ns()
            lat.append(b - a - overhead)
            total += len(genes)
    t0 = time.perf_counter()
    disease_pairs = 0
    for c in compounds:
        diseases = set()
        for g in bound_genes(c):
            diseases.update(associated_diseases(g))
        disease_pairs += len(diseases)
    t1 = time.perf_counter()
    t2 = time.perf_counter()
    targets = [set(bound_genes(c)) for c in compounds]
    pairs = sharing = 0
    n = len(targets)
    for i in range(n):
        ti = targets[i]
        for j in range(i + 1, n):
            pairs += 1
            if not ti.isdisjoint(targets[j]):
                sharing += 1
    t3 = time.perf_counter()
    return {
        "compounds": len(compounds),
        "q1_p50_ns": percentile(lat, 0.5), "q1_p99_ns": percentile(lat, 0.99), "q1_results": total,
        "q1_timer_overhead_ns": overhead,
        "q2_ms": (t1 - t0) * 1e3, "q2_results": disease_pairs,
        "q3_ms": (t3 - t2) * 1e3, "q3_pairs": pairs, "q3_sharing": sharing,
    }


def bench_networkx(nodes_path, edges_path):
    import networkx as nx
    t0 = time.perf_counter()
    g = nx.MultiDiGraph()
    for node_id, name, kind in rows(nodes_path):
        g.add_node(node_id, name=name, kind=kind)
    for s, m, t in rows(edges_path):
        g.add_edge(s, t, key=m)
    load = time.perf_counter() - t0
    rss = max_rss_mb()
    compounds = [n for n, k in g.nodes(data="kind") if k == "Compound"]

    def bound_genes(c):
        return [v for _, v, k in g.out_edges(c, keys=True) if k == "CbG"]

    def associated_diseases(gene):
        return [u for u, _, k in g.in_edges(gene, keys=True) if k == "DaG"]

    out = {"tool": "networkx", "version": nx.__version__, "load_s": load, "rss_mb": rss,
           "entities": g.number_of_nodes(), "claims": g.number_of_edges()}
    out.update(run_queries(compounds, bound_genes, associated_diseases))
    return out


def bench_igraph(nodes_path, edges_path):
    import igraph as ig
    t0 = time.perf_counter()
    names, kinds, index = [], [], {}
    for node_id, name, kind in rows(nodes_path):
        index[node_id] = len(names)
        names.append(node_id)
        kinds.append(kind)
    edges, types = [], []
    for s, m, t in rows(edges_path):
        edges.append((index[s], index[t]))
        types.append(m)
    g = ig.Graph(n=len(names), edges=edges, directed=True)
    g.vs["name"] = names
    g.vs["kind"] = kinds
    g.es["metaedge"] = types
    del index
    load = time.perf_counter() - t0
    rss = max_rss_mb()
    compounds = [v.index for v in g.vs if v["kind"] == "Compound"]
    # the careful idiom: the metaedge, source and target of every edge read once into lists (as a user with a
    # DataFrame writes `meta = edges.metaedge.tolist()`), then g.incident(v) filtered by meta[e]; going through
    # g.es[e] for each edge makes an Edge object per step and is several times slower
    meta = types
    source = [s for s, _ in edges]
    target = [t for _, t in edges]
    del edges

    def bound_genes(c):
        return [target[e] for e in g.incident(c, mode="out") if meta[e] == "CbG"]

    def associated_diseases(gene):
        return [source[e] for e in g.incident(gene, mode="in") if meta[e] == "DaG"]

    out = {"tool": "igraph", "version": ig.__version__, "load_s": load, "rss_mb": rss,
           "entities": g.vcount(), "claims": g.ecount()}
    out.update(run_queries(compounds, bound_genes, associated_diseases))
    return out


def bench_pharmakon_python(nodes_path, edges_path, snapshot):
    """pharmakon through its Python bindings, if they are built and expose the importer."""
    try:
        import pharmakon
    except ImportError as e:
        return {"tool": "pharmakon-python", "unavailable": f"import pharmakon failed ({e})"}
    loader = getattr(pharmakon, "import_hetionet", None)
    if loader is None:
        return {"tool": "pharmakon-python",
                "unavailable": "the bindings do not expose the importer (pharmakon.import_hetionet) yet"}
    t0 = time.perf_counter()
    kb = loader([nodes_path, edges_path])
    load = time.perf_counter() - t0
    out = {"tool": "pharmakon-python", "version": pharmakon.__version__, "load_s": load, "rss_mb": max_rss_mb(),
           "entities": len(kb), "claims": kb.claim_count}
    if snapshot and hasattr(pharmakon, "load_snapshot"):
        t0 = time.perf_counter()
        pharmakon.load_snapshot(snapshot)
        out["snapshot_load_s"] = time.perf_counter() - t0
    # the same questions through the Python API: a compound's actions lead to targets and their genes; a
    # disease (a condition) is associated with a gene by a related claim labelled "associates"
    condition = pharmakon.NodeKind.condition
    compounds = kb.drugs()

    def bound_genes(c):
        genes = []
        for a in c.actions:
            g = a.target.gene
            if g is not None:
                genes.append(g.id)
        return genes

    def associated_diseases(gene_id):
        g = kb.gene(gene_id)
        return [c.subject.id for c in g.claims("in", "related") if c.label == "associates"
                and c.subject.kind == condition]

    out.update(run_queries(compounds, bound_genes, associated_diseases))
    return out


def main():
    if len(sys.argv) < 4:
        print(__doc__, file=sys.stderr)
        return 2
    tool, nodes_path, edges_path = sys.argv[1:4]
    snapshot = sys.argv[sys.argv.index("--snapshot") + 1] if "--snapshot" in sys.argv else None
    if tool == "networkx":
        out = bench_networkx(nodes_path, edges_path)
    elif tool == "igraph":
        out = bench_igraph(nodes_path, edges_path)
    elif tool == "pharmakon":
        out = bench_pharmakon_python(nodes_path, edges_path, snapshot)
    else:
        print(__doc__, file=sys.stderr)
        return 2
    print(json.dumps(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
