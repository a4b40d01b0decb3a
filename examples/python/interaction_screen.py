"""Interaction screen: the pharmacodynamic interactions among a patient's medications, through shared targets.

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


def read_list(path: Path) -> list[str]:
    names = []
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            names.append(line)
    return names


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
        what = (f"{i.first} blocks {i.second}" if i.kind == pharmakon.InteractionKind.blockade
                else f"{i.first} + {i.second}")
        effects = f" ({', '.join(i.effects)})" if i.effects else ""
        print(f"  {i.severity.name:<16} {i.kind.name:<13} {what} at the {i.target.name}{effects}")
        for w in i.warnings:
            print(f"      {w.kind.name} ({w.severity.name}): {w.about}")
    if not answer.interactions:
        print("  no pharmacodynamic interaction through a shared target in this knowledge base")
    if args.markdown:
        print()
        print(answer.to_markdown())
    else:
        print(f"\n{len(answer.interactions)} interaction(s); knowledge base {answer.kb.name} {answer.kb.version} "
              f"({answer.kb.content_hash})\n{pharmakon.disclaimer}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
