"""Interaction screen: the interactions among a patient's medications, through shared targets, shared effects,
metabolism (enzymes and transporters) and what labels and guidelines state.

    python3 examples/python/interaction_screen.py [MEDICATION-LIST | DRUG DRUG ...] [--markdown]

A medication list is a text file with one drug per line ('#' starts a comment); brand names and synonyms work.
Without arguments, examples/data/medication-list.txt is screened. An unknown drug is an error (exit status 2)
that names the closest known drugs.
"""

import argparse
import sys
from pathlib import Path

import pharmakon

DEFAULT_LIST = Path(__file__).resolve().parent.parent / "data" / "medication-list.txt"
M = pharmakon.InteractionMechanism
K = pharmakon.InteractionKind


def read_list(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


def describe(i: pharmakon.Interaction) -> str:
    """One line for one finding: who does what to whom, and where."""
    if i.no_interaction:
        return f"{i.first} + {i.second}: a source states there is no clinically relevant interaction"
    if i.kind in (K.blockade, K.peripheral_blockade):
        what = f"{i.first} blocks {i.second}"
    elif i.kind == K.displacement:
        what = f"{i.first} displaces {i.second}"
    elif i.mechanism == M.exposure:
        change = "raises" if i.kind == K.more_exposure else "lowers"
        what = f"{i.first} {change} the exposure of {i.affected}"
        if i.affected != i.second:
            what += f" (from {i.second})"
    else:
        what = f"{i.first} + {i.second}"
        if i.affected is not None:  # a stated change of exposure
            what += f": {'higher' if i.direction == pharmakon.Direction.increase else 'lower'} {i.affected} exposure"
    if i.target is not None:  # the shared receptor, or the enzyme / transporter; none for shared effects
        what += f" {'through' if i.mechanism == M.exposure else 'at'} the {i.target.name}"
    if i.effects:
        what += f" ({', '.join(i.effects)})"
    if i.intended:
        what += " [used on purpose]"
    return what


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("drugs", nargs="*", help="a medication-list file, or drug names")
    ap.add_argument("--markdown", action="store_true", help="print the full answer as Markdown")
    args = ap.parse_args()
    if not args.drugs:
        names = read_list(DEFAULT_LIST)
    elif len(args.drugs) == 1 and Path(args.drugs[0]).is_file():
        names = read_list(Path(args.drugs[0]))
    else:
        names = args.drugs

    kb = pharmakon.default_kb()
    try:
        answer = kb.screen_interactions(names)
    except pharmakon.UnknownNameError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2

    print(f"Screened: {', '.join(answer.drugs)}")
    for i in answer.interactions:
        print(f"  {i.severity.name:<15} {i.mechanism.name:<11} {i.kind.name:<19} {describe(i)}")
        print(f"      what to do: {i.management.name} ({i.tier.name} evidence)")
        for s in i.stated:
            print(f"      stated ({s.between[0]} with {s.between[1]}, {s.severity.name}): {s.advice}")
        for w in i.warnings:
            print(f"      {w.kind.name} ({w.severity.name}): {w.about}")
    if not answer.interactions:
        print("  no interaction found in this knowledge base "
              "(shared targets, shared effects, metabolism, label statements)")
    if answer.without_metabolism:
        print(f"  not checked for metabolism (no data): {', '.join(answer.without_metabolism)}")
    if args.markdown:
        print()
        print(answer.to_markdown())
    else:
        worst = answer.worst.name if answer.worst is not None else "none"
        print(f"\n{len(answer.interactions)} finding(s), most severe: {worst}; knowledge base {answer.kb.name} "
              f"{answer.kb.version} ({answer.kb.content_hash})\n{pharmakon.disclaimer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
