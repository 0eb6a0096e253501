"""Evaluation: how much of each convention fixture the readers get right, per record type.

The fixtures (`fixtures/conventions/*.pdf`) are generated minutes and agendas, one or more per
publishing convention (UK ModernGov, UK parish, US Legistar/Granicus, US township, Canada,
Australia/NZ, French, Dutch), each with a hand-written expectation. For every fixture and record
type this prints expected / found / matched, recall and precision, then the totals; the matching
rules are those of `tests/test_conventions.py` (`tests/conventions_match.py`).

    python bench/eval_conventions.py [--only NAME] [--details]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from agendapack import parse  # noqa: E402
from conventions_match import CONVENTIONS, RECORD_TYPES, Comparison, compare, fixture_names, load_expected  # noqa: E402

TARGET = 1.0  # the fixtures are small and exact: every record is expected to be read


def _row(label: str, expected: int, found: int, matched: int) -> str:
    recall = matched / expected if expected else 1.0
    precision = matched / found if found else 1.0
    return f"{label:44s} {expected:8d} {found:6d} {matched:7d} {recall:7.2f} {precision:9.2f}"


def evaluate(names: list[str]) -> dict[str, dict[str, Comparison]]:
    results: dict[str, dict[str, Comparison]] = {}
    for name in names:
        doc = parse(CONVENTIONS / f"{name}.pdf")
        expected = load_expected(name)
        results[name] = {record_type: compare(record_type, doc, expected) for record_type in RECORD_TYPES}
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="substring of the fixture names to evaluate")
    parser.add_argument("--details", action="store_true", help="list the missing and extra records")
    args, _ = parser.parse_known_args(argv)
    names = [n for n in fixture_names() if not args.only or args.only in n]
    results = evaluate(names)
    header = f"{'fixture / record type':44s} {'expected':>8s} {'found':>6s} {'matched':>7s} {'recall':>7s} {'precision':>9s}"
    totals = {record_type: [0, 0, 0] for record_type in RECORD_TYPES}
    print(header)
    for name, comparisons in results.items():
        print(name)
        for record_type, c in comparisons.items():
            counts = (len(c.expected), len(c.found), c.matched)
            if not any(counts):
                continue
            print(_row("  " + record_type + ("" if c.agrees else "  *"), *counts))
            totals[record_type] = [t + n for t, n in zip(totals[record_type], counts, strict=True)]
            if args.details and not c.agrees:
                print("\n".join("      " + line for line in c.report().splitlines()[1:]))
    print()
    print(f"{'all fixtures':44s}")
    worst = 1.0
    for record_type, (expected, found, matched) in totals.items():
        print(_row("  " + record_type, expected, found, matched))
        worst = min(worst, matched / expected if expected else 1.0, matched / found if found else 1.0)
    agree = sum(c.agrees for comparisons in results.values() for c in comparisons.values())
    print(f"tests passing (fixture x record type): {agree}/{len(results) * len(RECORD_TYPES)};  target recall = precision = {TARGET}: "
          f"{'met' if worst >= TARGET else 'missed'}  (* = disagrees)")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
