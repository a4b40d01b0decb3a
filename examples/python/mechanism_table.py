"""Mechanism table: every drug that acts on an opioid receptor, its action at MOR, KOR and DOR, and its best
affinity there (on the p-scale: -log10 molar, higher is tighter), as a pandas DataFrame.

    python3 examples/python/mechanism_table.py [--csv FILE]

Needs pandas (Debian: python3-pandas). The table comes from the embedded knowledge base; where a drug has
several claims at one receptor, the best-evidenced one is shown, marked "(disputed)" when another claim
contradicts it; negated claims ("does not act on") are left out. `kb.mechanism_of(drug)` tells the whole story, with
its sources.
"""

import argparse

import pandas as pd

import pharmakon

RECEPTORS = {"target:MOR": "MOR", "target:KOR": "KOR", "target:DOR": "DOR"}


def mechanism_table(kb: pharmakon.KnowledgeBase) -> pd.DataFrame:
    """One row per drug acting on MOR, KOR or DOR; per receptor its action and best p-affinity."""
    actions = kb.to_pandas("actions")
    disputed = {c.first.id for c in kb.conflicts()} | {c.second.id for c in kb.conflicts()}
    at_opioid = actions[actions.target_id.isin(RECEPTORS.keys()) & ~actions.negated].copy()
    at_opioid["receptor"] = at_opioid.target_id.map(RECEPTORS)
    at_opioid["action"] = [f"{a} (disputed)" if c in disputed else a
                           for a, c in zip(at_opioid.action.astype(str), at_opioid.claim_id)]
    # the best-evidenced claim per (drug, receptor): tier is an ordered categorical, guideline first; among claims
    # of one tier, the first in the knowledge base's order (a stable sort keeps it)
    best = at_opioid.sort_values(["drug", "receptor", "tier"], kind="stable").drop_duplicates(["drug", "receptor"])
    table = best.pivot(index="drug", columns="receptor", values=["action", "best_p_affinity"])
    table = table.swaplevel(axis=1).sort_index(axis=1, level=0)
    table = table.reindex(columns=pd.MultiIndex.from_product([list(RECEPTORS.values()),
                                                              ["action", "best_p_affinity"]]))
    table.columns = [f"{receptor} {what}" for receptor, what in table.columns]
    return table.sort_values("MOR best_p_affinity", ascending=False, na_position="last")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--csv", help="also write the table to this CSV file")
    args = ap.parse_args()
    kb = pharmakon.default_kb()
    table = mechanism_table(kb)
    with pd.option_context("display.width", 200, "display.max_columns", None, "display.max_rows", None):
        print(table.to_string(na_rep="", float_format=lambda x: f"{x:.2f}"))
    print(f"\n{len(table)} drugs; knowledge base {kb.name} {kb.version} ({kb.content_hash})")
    if args.csv:
        table.to_csv(args.csv)
        print(f"written to {args.csv}")


if __name__ == "__main__":
    main()
