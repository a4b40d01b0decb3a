#!/usr/bin/python3
"""The 2-hop question Compound-binds-Gene-associates-Disease (for every compound, the distinct diseases reached
through a gene it binds), side by side: pharmakon's columnar Python API (three adjacencies and two sparse
products, adjacency construction included), the same question in C++ (pharmakon_bench), pharmakon's per-entity
Python API, and python-igraph written carefully (`meta = edges.metaedge.tolist()` once, then `g.incident(v)`
filtered by `meta[e]`). Same counts, same files.

usage: bench_two_hop.py NODES EDGES --snapshot SNAP [--bench PATH/pharmakon_bench] [--runs N] [--json OUT]

Run it through benchmarks/two_hop.sh (it builds, generates the full-scale Hetionet shape and writes
benchmarks/RESULTS-two-hop.md). Needs /usr/bin/python3 with python3-numpy, python3-scipy, python3-pandas and
python3-igraph, and the pharmakon module on PYTHONPATH.
"""
import json
import statistics
import subprocess
import sys
import time


def median_ms(samples):
    return statistics.median(samples) * 1e3


def pharmakon_columnar(kb, runs):
    """The question on columns: adjacency construction and the two products, every run from scratch."""
    times, build, products = [], [], []
    drugs = kb.index_range("drug")
    count = None
    for _ in range(runs):
        t0 = time.perf_counter()
        binds = kb.adjacency("acts_on")
        coded = kb.adjacency("encoded_by")
        assoc = kb.adjacency("related", "associates")
        t1 = time.perf_counter()
        reach = (binds @ coded) @ assoc.T
        n = int(reach.getnnz(axis=1)[drugs.start:drugs.stop].sum())
        t2 = time.perf_counter()
        times.append(t2 - t0)
        build.append(t1 - t0)
        products.append(t2 - t1)
        assert count is None or count == n
        count = n
    return {"q2_ms": median_ms(times), "q2_min_ms": min(times) * 1e3, "q2_first_ms": times[0] * 1e3,
            "adjacency_ms": median_ms(build), "products_ms": median_ms(products), "q2_results": count, "runs": runs}


def pharmakon_loops(kb):
    """The same question through the per-entity API (how it had to be written before the columnar API)."""
    import pharmakon

    condition = pharmakon.NodeKind.condition
    t0 = time.perf_counter()
    total = 0
    for d in kb.drugs():
        diseases = set()
        for t in d.targets:
            g = t.gene
            if g is None:
                continue
            for c in g.claims("in", "related"):
                if c.label == "associates" and c.subject.kind == condition:
                    diseases.add(c.subject.index)
        total += len(diseases)
    return {"q2_ms": (time.perf_counter() - t0) * 1e3, "q2_results": total}


def igraph_careful(nodes_path, edges_path):
    import igraph as ig
    import pandas as pd

    t0 = time.perf_counter()
    nodes = pd.read_csv(nodes_path, sep="\t", dtype=str, keep_default_na=False)
    edges = pd.read_csv(edges_path, sep="\t", dtype=str, keep_default_na=False)
    index = {k: i for i, k in enumerate(nodes.id.str.rstrip("\r").tolist())}
    src = [index[s] for s in edges.source.tolist()]
    dst = [index[t] for t in edges.target.str.rstrip("\r").tolist()]
    g = ig.Graph(n=len(index), edges=list(zip(src, dst)), directed=True)
    kinds = nodes.kind.str.rstrip("\r").tolist()
    load_s = time.perf_counter() - t0
    # the careful idiom: the metaedge of every edge read once into a list, then incident() filtered by it
    meta = edges.metaedge.tolist()
    compounds = [i for i, k in enumerate(kinds) if k == "Compound"]
    t1 = time.perf_counter()
    total = 0
    for c in compounds:
        diseases = set()
        for e in g.incident(c, mode="out"):
            if meta[e] != "CbG":
                continue
            for f in g.incident(dst[e], mode="in"):
                if meta[f] == "DaG":
                    diseases.add(src[f])
        total += len(diseases)
    q2 = time.perf_counter() - t1
    return {"version": ig.__version__, "load_s": load_s, "q2_ms": q2 * 1e3, "q2_results": total,
            "edges": g.ecount()}


def main():
    args = sys.argv[1:]
    if len(args) < 2 or "--snapshot" not in args:
        print(__doc__, file=sys.stderr)
        return 2
    nodes_path, edges_path = args[0], args[1]
    snapshot = args[args.index("--snapshot") + 1]
    bench = args[args.index("--bench") + 1] if "--bench" in args else None
    runs = int(args[args.index("--runs") + 1]) if "--runs" in args else 21
    out_path = args[args.index("--json") + 1] if "--json" in args else None

    import numpy
    import scipy

    import pharmakon

    out = {"numpy": numpy.__version__, "scipy": scipy.__version__, "pharmakon": pharmakon.__version__}
    t0 = time.perf_counter()
    kb = pharmakon.load_snapshot(snapshot)
    out["snapshot_load_s"] = time.perf_counter() - t0
    out["entities"], out["claims"] = len(kb), kb.claim_count
    print(f"loaded {snapshot}: {len(kb):,} entities, {kb.claim_count:,} claims", file=sys.stderr)
    out["columnar"] = pharmakon_columnar(kb, runs)
    print("pharmakon columnar:", out["columnar"], file=sys.stderr)
    out["loops"] = pharmakon_loops(kb)
    print("pharmakon loops:", out["loops"], file=sys.stderr)
    if bench:
        p = subprocess.run([bench, "snapshot", snapshot, "--queries"], capture_output=True, text=True, check=True)
        cpp = json.loads(p.stdout)
        out["cpp"] = {k: cpp[k] for k in ("q2_ms", "q2_results", "q2c_ms", "q2c_min_ms", "q2c_results")}
        print("pharmakon C++:", out["cpp"], file=sys.stderr)
    del kb
    out["igraph"] = igraph_careful(nodes_path, edges_path)
    print("igraph:", out["igraph"], file=sys.stderr)
    text = json.dumps(out)
    if out_path:
        with open(out_path, "w") as f:
            f.write(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
