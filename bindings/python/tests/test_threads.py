"""Thread use from Python: one knowledge base queried concurrently, and the GIL released around long work."""

import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import pharmakon


def test_concurrent_answers_equal_single_threaded(kb):
    drugs = [d.name for d in kb.drugs()]
    pairs = [[a, b] for i, a in enumerate(drugs) for b in drugs[i + 1:]][:120]
    doses = [(d, "50 mg") for d in drugs]

    expected_moa = {d: kb.mechanism_of(d).to_json() for d in drugs}
    expected_int = [kb.screen_interactions(p).to_json() for p in pairs]
    expected_dose = [kb.check_dose(d, q, route="oral", every="24 h").to_json() for d, q in doses]

    def job(i):
        kind = i % 3
        if kind == 0:
            d = drugs[i // 3 % len(drugs)]
            return ("moa", d, kb.mechanism_of(d).to_json())
        if kind == 1:
            j = i // 3 % len(pairs)
            return ("int", j, kb.screen_interactions(pairs[j]).to_json())
        j = i // 3 % len(doses)
        return ("dose", j, kb.check_dose(doses[j][0], doses[j][1], route="oral", every="24 h").to_json())

    with ThreadPoolExecutor(max_workers=8) as pool:
        results = list(pool.map(job, range(900)))
    for kind, key, out in results:
        if kind == "moa":
            assert out == expected_moa[key]
        elif kind == "int":
            assert out == expected_int[key]
        else:
            assert out == expected_dose[key]


def test_concurrent_navigation_and_exports(kb):
    pytest.importorskip("pandas")
    expected = kb.to_pandas("actions")

    def job(i):
        if i % 2:
            return [(a.drug.name, a.target.id, a.type.name) for d in kb.drugs() for a in d.actions]
        return kb.to_pandas("actions")

    with ThreadPoolExecutor(max_workers=4) as pool:
        out = list(pool.map(job, range(16)))
    ref = [(a.drug.name, a.target.id, a.type.name) for d in kb.drugs() for a in d.actions]
    for i, r in enumerate(out):
        if i % 2:
            assert r == ref
        else:
            assert r.equals(expected)


def test_concurrent_loads(extra_toml):
    base = pharmakon.default_kb()

    def job(i):
        k = base.loads(extra_toml.replace("testorphan", f"orphan-t{i}"), name=f"t{i}.toml")
        return k.drug(f"orphan-t{i}").name, k.mechanism_of(f"orphan-t{i}").summary

    with ThreadPoolExecutor(max_workers=6) as pool:
        out = list(pool.map(job, range(24)))
    assert [n for n, _ in out] == [f"orphan-t{i}" for i in range(24)]
    assert len({s for _, s in out}) == 1


def big_toml(n):
    """A valid knowledge-base file of n drugs on top of the default one (each acting on target:MOR)."""
    parts = ['[[source]]\nid = "src:big"\nkind = "research"\ntitle = "big"\nurl = "https://example.org/big"\n']
    for i in range(n):
        parts.append(f'[[drug]]\nid = "drug:big{i}"\nname = "big{i}"\nclass = "test"\nsources = ["src:big"]\n'
                     f'[[acts_on]]\ndrug = "drug:big{i}"\ntarget = "target:MOR"\naction = "agonist"\n'
                     f'sources = ["src:big"]\n')
    return "".join(parts)


def test_the_gil_is_released_while_loading(kb, tmp_path):
    """While a big file loads, another Python thread keeps running (it could not if the GIL were held)."""
    path = tmp_path / "big.toml"
    path.write_text(big_toml(5000), encoding="utf-8")
    old = sys.getswitchinterval()
    sys.setswitchinterval(0.001)
    try:
        ticks = [0]
        stop = threading.Event()

        def spin():
            while not stop.is_set():
                ticks[0] += 1

        t = threading.Thread(target=spin)
        t.start()
        try:
            time.sleep(0.05)
            best = 0.0
            for _ in range(2):
                before, start = ticks[0], time.perf_counter()
                big = kb.load(path)
                elapsed = time.perf_counter() - start
                during = ticks[0] - before
                assert len(big) == len(kb) + 5000
                # ticks per second of load time while C++ was loading, vs the thread's rate alone
                best = max(best, during / elapsed)
        finally:
            stop.set()
            t.join()
        before, start = ticks[0], time.perf_counter()
        # the spinning thread's rate when it runs alone
        stop.clear()
        t = threading.Thread(target=spin)
        t.start()
        time.sleep(0.2)
        stop.set()
        t.join()
        alone = (ticks[0] - before) / (time.perf_counter() - start)
    finally:
        sys.setswitchinterval(old)
    # Holding the GIL for the whole load would leave only a switch interval or two of ticks (<< 5% of the rate).
    assert elapsed > 0.02, "the load was too quick to measure"
    print(f"ticks/s during loads: {best:.0f}, alone: {alone:.0f}")
    assert best > 0.2 * alone, (best, alone)
