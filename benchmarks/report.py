#!/usr/bin/python3
"""Turns the JSON lines of benchmarks/run.sh into benchmarks/RESULTS.md (printed on stdout)."""
import argparse
import json
import os
import platform
import statistics


def load(path):
    out = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    out.append(json.loads(line))
    return out


def machine():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    mem = "?"
    try:
        with open("/proc/meminfo") as f:
            for line in f:
                if line.startswith("MemTotal"):
                    mem = f"{int(line.split()[1]) / 1024 / 1024:.0f} GB"
    except OSError:
        pass
    return f"{model}, {os.cpu_count()} cores, {mem} RAM, Linux {platform.release()}"


def fmt_s(x):
    return "–" if x is None else (f"{x:.3f} s" if x < 10 else f"{x:.1f} s")


def fmt_ms(x):
    return "–" if x is None else (f"{x:.2f} ms" if x < 100 else f"{x:,.0f} ms")


def fmt_ns(x):
    if x is None:
        return "–"
    return f"{x:.0f} ns" if x < 10000 else f"{x / 1000:.0f} µs"


def fmt_mb(x):
    return "–" if x is None else f"{x:,.0f} MB"


def ratio(slow, fast):
    if slow is None or fast is None or fast <= 0:
        return "–"
    r = slow / fast
    return f"{r:,.0f}×" if r >= 10 else f"{r:.1f}×"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", required=True)
    ap.add_argument("--scales", required=True)
    ap.add_argument("--started", default="")
    ap.add_argument("--load-before", default="")
    ap.add_argument("--load-after", default="")
    ap.add_argument("--compiler", default="")
    ap.add_argument("--commit", default="")
    ap.add_argument("--runs", default="3")
    a = ap.parse_args()
    scales = a.scales.split()
    p = print
    p("# Benchmarks: pharmakon, networkx and python-igraph on Hetionet-shaped graphs\n")
    p("Made by one run of `benchmarks/run.sh` (scales: " + ", ".join(scales) + f"; RUNS={a.runs}).\n")
    p(f"- Machine: {machine()}")
    p(f"- Compiler: {a.compiler}; pharmakon commit {a.commit}; Release build")
    p(f"- Started {a.started}; load average before {a.load_before}, after {a.load_after} "
      "(other work on the machine makes every figure slower; the ratios are from the same run)")
    p("- Data: `../shared/tools/hetionet-scale.py OUT --scale S --seed 7` with the real Hetionet v1.0 node table "
      "(47,031 nodes); the edges beyond the real 5k-per-metaedge sample are synthetic (for speed and memory only, "
      "never for facts)")
    p(f"- pharmakon loads are the median of {a.runs} runs, each a new process; the Python tools run once (they take "
      "tens of seconds). Memory is the peak RSS of the process once the graph is loaded. *CPU* is the process's "
      "user + system time: when it is close to the wall time, the two threads of a pharmakon text load did not "
      "run side by side (the machine was busy), and the load would be shorter on an idle machine.\n")
    p("Each tool does the same work: load the node table and the gzipped edge list (pharmakon also from its binary "
      "snapshot); **q1** the genes bound by each compound, timed one compound at a time (p50/p99 over all 1,552); "
      "**q2** for every compound the distinct diseases reached through Compound–binds–Gene–associates–Disease "
      "(total time); **q3** all pairs of compounds screened for a shared target (~1.2 M pairs, total time). "
      "In pharmakon, a Hetionet gene that a compound binds is a target encoded by the gene, so q1 there is "
      "`out<acts_on>` then `out<encoded_by>` (two typed hops); the pure one-hop `out<acts_on>` is shown too. "
      "networkx: a MultiDiGraph keyed by metaedge; igraph: a directed Graph with a metaedge edge attribute. q3 uses "
      "Python sets in the Python tools and bit sets in C++. The counts of results agree between tools.\n")

    summary = {}
    for s in scales:
        res = load(os.path.join(a.data, f"results-scale{s}.jsonl"))
        floors = {}
        for r in res:
            if r.get("tool") == "inflate":
                floors.setdefault((r.get("mode"), r["library"]), []).append(r["load_s"])
            elif r.get("tool") == "zlib":  # results of an older run.sh
                floors.setdefault(("inflate", "zlib"), []).append(r["load_s"])
        best = lambda mode, lib: min(floors[(mode, lib)]) if (mode, lib) in floors else None
        floor = floors.get(("inflate", "zlib"), [])
        isal_cli, isal_lib = best("cli", "igzip -dc"), best("inflate", "ISA-L")
        isal_floor = min(x for x in (isal_cli, isal_lib, 1e9) if x is not None)
        isal_floor = None if isal_floor == 1e9 else isal_floor
        process = [r["load_s"] for r in res if r.get("tool") == "pharmakon" and r.get("mode") == "process"]
        imports = [r for r in res if r.get("tool") == "pharmakon" and r.get("mode") == "import"]
        snaps = [r for r in res if r.get("tool") == "pharmakon" and r.get("mode") == "snapshot"]
        first_import = next((r for r in imports if "q1_p50_ns" in r), {})
        first_snap = next((r for r in snaps if "q1_p50_ns" in r), {})
        pyb = next((r for r in res if r.get("tool") == "pharmakon-python"), {})
        nx = next((r for r in res if r.get("tool") == "networkx"), {})
        ig = next((r for r in res if r.get("tool") == "igraph"), {})
        med = lambda rows, k: statistics.median([r[k] for r in rows if k in r]) if any(k in r for r in rows) else None
        imp_load, imp_rss = med(imports, "load_s"), med(imports, "rss_mb")
        snap_load, snap_rss = med(snaps, "load_s"), med(snaps, "rss_mb")
        zfloor = min(floor) if floor else None
        claims = first_import.get("claims")
        summary[s] = dict(load=imp_load, rss=imp_rss, snap=snap_load, floor=zfloor, claims=claims, isal=isal_floor,
                          isal_cli=isal_cli, isal_lib=isal_lib, snap_rss=snap_rss,
                          process=statistics.median(process) if process else None,
                          edges=nx.get("claims") or ig.get("claims"), q1=first_import.get("q1_p50_ns"),
                          q3=first_import.get("q3_ms"), nx=nx, ig=ig)

        p(f"## Scale {s}: {ig.get('claims', nx.get('claims', '?')):,} edges\n" if isinstance(ig.get('claims', nx.get('claims')), int)
          else f"## Scale {s}\n")
        p("| | load | peak memory | q1 p50 | q1 p99 | q2 (all compounds) | q3 (all pairs) |")
        p("|---|---:|---:|---:|---:|---:|---:|")
        names = {("cli", "gzip -dc"): "`gzip -dc` (zlib's tool)", ("cli", "igzip -dc"): "`igzip -dc` (ISA-L's tool)",
                 ("inflate", "zlib"): "zlib in-process (gzread)", ("inflate", "ISA-L"): "ISA-L in-process (isal_inflate, streaming)",
                 ("inflate", "libdeflate"): "libdeflate in-process (whole file, cannot stream)"}
        for key, label in names.items():
            if key in floors:
                p(f"| inflate alone: {label}, fastest of {len(floors[key])} | {fmt_s(min(floors[key]))} | | | | | |")
        imp_cpu, snap_cpu = med(imports, "cpu_s"), med(snaps, "cpu_s")
        p(f"| **pharmakon** C++, from TSV/SIF (CPU {fmt_s(imp_cpu)}) | **{fmt_s(imp_load)}** | **{fmt_mb(imp_rss)}** | "
          f"**{fmt_ns(first_import.get('q1_p50_ns'))}** | {fmt_ns(first_import.get('q1_p99_ns'))} | "
          f"**{fmt_ms(first_import.get('q2_ms'))}** | **{fmt_ms(first_import.get('q3_ms'))}** |")
        if process:
            p(f"| pharmakon C++, the whole import process with the snapshot written (median of {len(process)}) | "
              f"{fmt_s(statistics.median(process))} | | | | | |")
        p(f"| **pharmakon** C++, from its snapshot (CPU {fmt_s(snap_cpu)}) | **{fmt_s(snap_load)}** | {fmt_mb(snap_rss)} | "
          f"{fmt_ns(first_snap.get('q1_p50_ns'))} | {fmt_ns(first_snap.get('q1_p99_ns'))} | "
          f"{fmt_ms(first_snap.get('q2_ms'))} | {fmt_ms(first_snap.get('q3_ms'))} |")
        p(f"| pharmakon C++, pure 1-hop (`out<acts_on>`) | | | {fmt_ns(first_import.get('q1t_p50_ns'))} | "
          f"{fmt_ns(first_import.get('q1t_p99_ns'))} | | |")
        if "unavailable" in pyb or not pyb:
            p(f"| pharmakon through Python | not yet available: {pyb.get('unavailable', 'not run')} | | | | | |")
        else:
            p(f"| pharmakon through Python, from TSV/SIF | {fmt_s(pyb.get('load_s'))} | {fmt_mb(pyb.get('rss_mb'))} | "
              f"{fmt_ns(pyb.get('q1_p50_ns'))} | {fmt_ns(pyb.get('q1_p99_ns'))} | {fmt_ms(pyb.get('q2_ms'))} | "
              f"{fmt_ms(pyb.get('q3_ms'))} |")
            if pyb.get("snapshot_load_s") is not None:
                p(f"| pharmakon through Python, from its snapshot | {fmt_s(pyb.get('snapshot_load_s'))} | | | | | |")
        for name, r in (("python-igraph", ig), ("networkx", nx)):
            if "unavailable" in r or not r:
                p(f"| {name} | {r.get('unavailable', 'not run')} | | | | | |")
            else:
                p(f"| {name} {r.get('version', '')} | {fmt_s(r['load_s'])} | {fmt_mb(r['rss_mb'])} | "
                  f"{fmt_ns(r['q1_p50_ns'])} | {fmt_ns(r['q1_p99_ns'])} | {fmt_ms(r['q2_ms'])} | {fmt_ms(r['q3_ms'])} |")
        p("")
        p("How many times pharmakon (C++) is faster or smaller:\n")
        p("| against | load (text) | load (snapshot) | memory | q1 p50 | q2 | q3 |")
        p("|---|---:|---:|---:|---:|---:|---:|")
        for name, r in (("python-igraph", ig), ("networkx", nx)):
            if "load_s" not in r:
                p(f"| {name} | – | – | – | – | – | – |")
                continue
            p(f"| {name} | {ratio(r['load_s'], imp_load)} | {ratio(r['load_s'], snap_load)} | "
              f"{ratio(r['rss_mb'], imp_rss)} | {ratio(r['q1_p50_ns'], first_import.get('q1_p50_ns'))} | "
              f"{ratio(r['q2_ms'], first_import.get('q2_ms'))} | {ratio(r['q3_ms'], first_import.get('q3_ms'))} |")
        checks = []
        for r in (nx, ig, pyb):
            if "q1_results" in r:
                same = all(r[k] == first_import.get(k) for k in ("q1_results", "q2_results", "q3_sharing"))
                checks.append(f"{r['tool']}: {'same' if same else 'DIFFERENT'} result counts "
                              f"(q1 {r['q1_results']:,}, q2 {r['q2_results']:,}, q3 {r['q3_sharing']:,} sharing pairs)")
        if first_import:
            checks.append(f"pharmakon: q1 {first_import.get('q1_results', 0):,}, q2 {first_import.get('q2_results', 0):,}, "
                          f"q3 {first_import.get('q3_sharing', 0):,} of {first_import.get('q3_pairs', 0):,} pairs; "
                          f"{claims:,} claims (the edges plus one encoded_by per bound gene); "
                          f"timer overhead subtracted from q1: {first_import.get('q1_timer_overhead_ns', 0):.0f} ns")
        if first_import.get("save_s") is not None:
            checks.append(f"writing the snapshot took {first_import['save_s']:.2f} s")
        p("")
        for c in checks:
            p(f"- {c}")
        p("")

    if len(scales) > 1:
        a1, a2 = summary[scales[0]], summary[scales[-1]]
        p(f"## How cost grows from scale {scales[0]} to scale {scales[-1]}\n")
        p("| | scale " + scales[0] + " | scale " + scales[-1] + " | ratio |")
        p("|---|---:|---:|---:|")
        rows = [("edges", a1["edges"], a2["edges"], lambda x: f"{x:,}"),
                ("zlib floor", a1["floor"], a2["floor"], fmt_s),
                ("pharmakon load (text)", a1["load"], a2["load"], fmt_s),
                ("pharmakon load (snapshot)", a1["snap"], a2["snap"], fmt_s),
                ("pharmakon peak memory", a1["rss"], a2["rss"], fmt_mb),
                ("pharmakon q1 p50", a1["q1"], a2["q1"], fmt_ns),
                ("pharmakon q3", a1["q3"], a2["q3"], fmt_ms)]
        for name, x, y, f in rows:
            if x is None or y is None:
                continue
            p(f"| {name} | {f(x)} | {f(y)} | {y / x:.1f}× |")
        p("")
    p("## Targets (issue 15)\n")
    s1 = summary.get("1")
    if s1:
        nx, ig = s1["nx"], s1["ig"]
        def verdict(ok):
            return "met" if ok else "**not met**"
        rows = []
        if s1["load"] and s1["isal"]:
            rows.append(("text load ≤ 2× the ISA-L inflate floor (the faster of `igzip -dc` and in-process)",
                         f"{s1['load'] / s1['isal']:.1f}× ({fmt_s(s1['load'])} / {fmt_s(s1['isal'])})",
                         verdict(s1["load"] <= 2 * s1["isal"])))
        if s1["load"] and s1["floor"]:
            rows.append(("(for comparison) text load / zlib in-process floor", f"{s1['load'] / s1['floor']:.2f}×", ""))
        if s1["load"] and "load_s" in ig:
            rows.append(("text load ≥ 15× python-igraph (pandas path)", ratio(ig["load_s"], s1["load"]),
                         verdict(ig["load_s"] >= 15 * s1["load"])))
        if s1["load"] and "load_s" in nx:
            rows.append(("text load ≥ 80× networkx", ratio(nx["load_s"], s1["load"]), verdict(nx["load_s"] >= 80 * s1["load"])))
        if s1["process"] and "load_s" in ig:
            rows.append(("whole import process (snapshot written) ≥ 12× igraph", ratio(ig["load_s"], s1["process"]),
                         verdict(ig["load_s"] >= 12 * s1["process"])))
        if s1["snap"]:
            rows.append(("snapshot load ≤ 20 ms", fmt_ms(s1["snap"] * 1e3), verdict(s1["snap"] <= 0.020)))
        if s1["snap_rss"]:
            rows.append(("peak memory ≤ 100 MB (snapshot load)", fmt_mb(s1["snap_rss"]), verdict(s1["snap_rss"] <= 100)))
        if s1["rss"]:
            rows.append(("peak memory ≤ 100 MB (text load)", fmt_mb(s1["rss"]), verdict(s1["rss"] <= 100)))
        if len(scales) > 1 and summary[scales[-1]]["load"] and s1["load"]:
            big = summary[scales[-1]]
            per1 = s1["load"] / s1["edges"] if s1["edges"] else None
            per2 = big["load"] / big["edges"] if big["edges"] else None
            if per1 and per2:
                rows.append(("growth to scale 10 linear (load time per edge, scale 10 / scale 1)", f"{per2 / per1:.2f}",
                             verdict(per2 / per1 <= 1.3)))
        else:
            rows.append(("growth to scale 10 linear", "not measured in this run (SCALES without 10)", ""))
        p("| target | reached | |")
        p("|---|---:|---|")
        for r in rows:
            p(f"| {r[0]} | {r[1]} | {r[2]} |")
        p("")
    p("What limits each figure, and how far it is from the hardware, is discussed in docs/import-export.md "
      "(section *Performance*).")


if __name__ == "__main__":
    main()
