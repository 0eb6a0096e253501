"""Evaluation: precision and recall of the meeting records against hand-written expectations.

The expectations (`tests/expected/meetings/*.json`, see the README there) were written
from the page images of five corpus files: Kent Cabinet minutes and agenda frontsheet
(UK ModernGov), Bristol printed minutes (UK, no RESOLVED), Alameda (US roll calls and
motions) and Nipissing (Ontario numbered resolutions). Per record type, a record counts
as found when an extracted record of the same meeting matches its key; each extracted
record matches at most one expected one.

    python bench/eval_meetings.py [--corpus ../shared/corpus]
"""

from __future__ import annotations

import argparse
import json
import os
from collections.abc import Callable
from pathlib import Path

from agendapack import PackDocument, parse

ROOT = Path(__file__).resolve().parents[1]
EXPECTED = ROOT / "tests" / "expected" / "meetings"
TARGET = 0.95
TYPES = ("attendance", "apologies", "minute_items", "resolutions", "votes", "agenda_items")


class Score:
    """Matched, extracted and expected counts of one record type (a plain class: bench/eval.py loads
    this file without registering it as a module, which dataclasses need)."""

    def __init__(self, matched: int = 0, extracted: int = 0, expected: int = 0) -> None:
        self.matched, self.extracted, self.expected = matched, extracted, expected

    def __repr__(self) -> str:
        return f"Score(matched={self.matched}, extracted={self.extracted}, expected={self.expected})"

    def add(self, other: Score) -> None:
        self.matched += other.matched
        self.extracted += other.extracted
        self.expected += other.expected

    @property
    def precision(self) -> float:
        return self.matched / self.extracted if self.extracted else 1.0

    @property
    def recall(self) -> float:
        return self.matched / self.expected if self.expected else 1.0


def norm(text: object) -> object:
    return " ".join(text.split()).casefold() if isinstance(text, str) else text


def match_count(got: list[tuple], want: list[list], same: Callable[[tuple, list], bool]) -> Score:
    """Greedy one-to-one matching of expected keys to extracted keys."""
    free = list(got)
    matched = 0
    for expected in want:
        hit = next((i for i, candidate in enumerate(free) if same(candidate, expected)), None)
        if hit is not None:
            free.pop(hit)
            matched += 1
    return Score(matched, len(got), len(want))


def exact(got: tuple, want: list) -> bool:
    return all(norm(g) == norm(w) for g, w in zip(got, want, strict=True))


def prefixed(got: tuple, want: list) -> bool:
    """All fields equal, the last one (text) compared as a prefix."""
    head_ok = all(norm(g) == norm(w) for g, w in zip(got[:-1], want[:-1], strict=True))
    return head_ok and str(norm(got[-1])).startswith(str(norm(want[-1])))


def meeting_records(doc: PackDocument, meeting_id: str) -> dict[str, list[tuple]]:
    records = doc.records
    people = [a for a in records.attendance if a.meeting_id == meeting_id]
    return {
        "attendance": [(a.name, a.attendance_type.value) for a in people if a.attendance_type.value != "apology"],
        "apologies": [(a.name, a.attendance_type.value) for a in people if a.attendance_type.value == "apology"],
        "minute_items": [(i.item_number, i.title) for i in records.minute_items if i.meeting_id == meeting_id and i.level == 1],
        "resolutions": [(r.item_number, r.part, r.text) for r in records.resolutions if r.meeting_id == meeting_id],
        "votes": [(v.item_number, v.outcome.value, v.ayes, v.noes, v.abstentions) for v in records.votes if v.meeting_id == meeting_id],
    }


def expected_records(meeting: dict) -> dict[str, list[list]]:
    people = meeting["attendance"]
    return {
        "attendance": [p for p in people if p[1] != "apology"],
        "apologies": [p for p in people if p[1] == "apology"],
        "minute_items": meeting["minute_items"],
        "resolutions": meeting["resolutions"],
        "votes": meeting["votes"],
    }


def find_meeting(doc: PackDocument, want: dict, taken: set[str]) -> str | None:
    """The minutes meeting with the expected date (and start time, where one is expected)."""
    for meeting in doc.records.meetings:
        if meeting.source.value != "minutes" or meeting.meeting_id in taken or meeting.date != want["date"]:
            continue
        if want.get("start_time") and meeting.start_time != want["start_time"]:
            continue
        return meeting.meeting_id
    return None


def score_file(doc: PackDocument, expected: dict) -> dict[str, Score]:
    scores = {name: Score() for name in TYPES}
    taken: set[str] = set()
    for want in expected["meetings"]:
        meeting_id = find_meeting(doc, want, taken)
        got = meeting_records(doc, meeting_id) if meeting_id else {}
        if meeting_id:
            taken.add(meeting_id)
        for name, wanted in expected_records(want).items():
            same = prefixed if name in ("minute_items", "resolutions") else exact
            scores[name].add(match_count(got.get(name, []), wanted, same))
    for meeting in doc.records.meetings:  # records of meetings nobody expected count against precision
        if meeting.source.value == "minutes" and meeting.meeting_id not in taken:
            for name, extra in meeting_records(doc, meeting.meeting_id).items():
                scores[name].add(Score(0, len(extra), 0))
    agenda = [(a.item_number, a.title, a.printed_page_start, a.printed_page_end) for a in doc.records.agenda_items]
    scores["agenda_items"].add(match_count(agenda, expected["agenda_items"], exact))
    return scores


def evaluate(corpus: Path) -> tuple[dict[str, Score], dict[str, dict[str, Score]]]:
    totals = {name: Score() for name in TYPES}
    per_file: dict[str, dict[str, Score]] = {}
    for path in sorted(EXPECTED.glob("*.json")):
        expected = json.loads(path.read_text(encoding="utf-8"))
        scores = score_file(parse(corpus / expected["file"]), expected)
        per_file[expected["file"]] = scores
        for name, score in scores.items():
            totals[name].add(score)
    return totals, per_file


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    default = Path(os.environ.get("AGENDAPACK_CORPUS", ROOT.parent / "shared" / "corpus"))
    parser.add_argument("--corpus", type=Path, default=default)
    args, _ = parser.parse_known_args()
    if not args.corpus.is_dir():
        print(f"corpus folder {args.corpus} not found: meetings evaluation skipped")
        return 0
    totals, per_file = evaluate(args.corpus)
    for name, scores in per_file.items():
        cells = "  ".join(f"{t}={s.matched}/{s.expected}" for t, s in scores.items() if s.expected or s.extracted)
        print(f"{name[:60]:60s} {cells}")
    print()
    print(f"{'record type':14s} {'matched':>7s} {'extracted':>9s} {'expected':>8s} {'precision':>9s} {'recall':>6s}")
    worst = 1.0
    for name, score in totals.items():
        print(f"{name:14s} {score.matched:7d} {score.extracted:9d} {score.expected:8d} {score.precision:9.3f} {score.recall:6.3f}")
        worst = min(worst, score.precision, score.recall)
    print(f"target >= {TARGET} on each: {'met' if worst >= TARGET else 'missed'}")
    return 0 if worst >= TARGET else 1


if __name__ == "__main__":
    raise SystemExit(main())
