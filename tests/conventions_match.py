"""Compare what `agendapack.parse` reads from a convention fixture with its hand-written expectation.

Shared by `tests/test_conventions.py` (one test per fixture and record type) and
`bench/eval_conventions.py` (expected / found / matched per fixture and record type). The
expectation format and the matching rules are written down in `fixtures/conventions/README.md`;
in short, per record type:

- meetings: date, start time (or the convened time) and end time equal; the expected body, council and venue contained in
  what was found;
- attendance: name (no honorific) and type, and the role where one is expected;
- apologies: the name of each attendance record of type `apology`;
- minute_items: level-1 items, number as printed (a trailing "." or enclosing brackets aside) and
  the whole title;
- agenda_items: number, title, printed page range, parent number and (US) the file number;
- resolutions: one decision block (the records sharing `block_no`): item number, the start of its
  text, mover, seconder, outcome and its lettered or numbered parts;
- votes: item number, outcome, unanimous, the counts and the names;
- actions: item number, item title, the start of the text and the owner where one is printed.

Every expected record must be matched by a different found record, and every found record must
match an expected one: the test of a record type passes only when both lists agree.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CONVENTIONS = ROOT / "fixtures" / "conventions"
RECORD_TYPES = ("meetings", "attendance", "apologies", "minute_items", "agenda_items", "resolutions", "votes", "actions")
LEAD_IN = 30  # characters a found text may carry before the expected start ("an amendment that ...", "Motion to ...")

# Honorifics and titles printed before a name, in every convention the fixtures cover. Stripped from movers,
# seconders, vote names and owners before comparing (attendance names must come without them already).
HONORIFIC_RE = re.compile(
    r"^(?:(?:mr|mrs|ms|miss|mx|dr|prof|sir|dame|cllrs?|councill?ors?|crs?|councilmembers?|council members?|commissioners?|trustees?|"
    r"aldermen|alderman|supervisor|deputy mayor|vice mayor|vice-mayor|mayor|chairman|chairperson|chair|vice chair|vice-chair|presiding officer|"
    r"president|member|clerk|mme|mmes|monsieur|madame|le conseiller|la conseillère|les conseillers|le maire|la mairesse|"
    r"de heer|mevrouw|mw|dhr|de leden|leden|de wethouders|wethouders|wethouder|burgemeester)\.?\s+|(?:m|mm)\.\s+)+",
    re.I,
)


def load_expected(name: str) -> dict[str, Any]:
    return json.loads((CONVENTIONS / f"{name}.expected.json").read_text(encoding="utf-8"))


def fixture_names() -> list[str]:
    return sorted(path.name.removesuffix(".expected.json") for path in CONVENTIONS.glob("*.expected.json"))


# -- normalising -----------------------------------------------------------------------------


def norm_text(text: object) -> str:
    """Casefold, curly quotes and dashes plain, punctuation dropped, whitespace collapsed."""
    if text is None:
        return ""
    text = unicodedata.normalize("NFC", str(text)).casefold()
    text = re.sub(r"[^\w\s]", " ", text)
    return " ".join(text.split())


def norm_number(number: object) -> str:
    """An item number as printed, without a trailing full stop or brackets: '31.' -> '31', '(15-190)' -> '15-190', 'a)' -> 'a'."""
    if number is None:
        return ""
    text = str(number).strip()
    text = re.sub(r"^\((.*)\)$", r"\1", text).lstrip("*")  # '(*26-204)': the asterisk marks a consent item
    if text.endswith(")") and "(" not in text:
        text = text[:-1]  # 'a)' is the part 'a', as '1.' is '1'
    return text.rstrip(".").strip().casefold()


def name_tokens(name: object, strip_honorific: bool = True) -> list[str]:
    if name is None:
        return []
    text = unicodedata.normalize("NFC", str(name)).strip()
    if strip_honorific:
        text = HONORIFIC_RE.sub("", text)
    text = re.sub(r"[’‘`]", "'", text.casefold())
    text = re.sub(r"[^\w\s'-]", " ", text)  # 'P.T.' -> 'p t'; hyphens and apostrophes stay ('fenwick-hart', "o'neill")
    return text.split()


def same_name(found: object, expected: object, strip_honorific: bool = True) -> bool:
    """Equal names, a found name that is the expected one with more in front ('Heather Kibbey' for 'Kibbey'), or an
    initial that stands for the name ('Dafydd Jones' for 'D Jones'); never a part of it ('Cole' for 'P T Cole')."""
    got, want = name_tokens(found, strip_honorific), name_tokens(expected, strip_honorific)
    if not want:
        return not got
    if len(got) < len(want):
        return False
    return all(_same_token(g, w) for g, w in zip(got[-len(want):], want, strict=True))


def _same_token(got: str, want: str) -> bool:
    return got == want or (len(want) == 1 and got.startswith(want)) or (len(got) == 1 and want.startswith(got))


def starts_like(found: object, expected: str) -> bool:
    """The expected start appears at the start of the found text, or after a short lead-in."""
    got, want = _drop_that(norm_text(found)), _drop_that(norm_text(expected))
    position = got.find(want)
    return bool(want) and 0 <= position <= LEAD_IN


def _drop_that(text: str) -> str:
    return re.sub(r"^(?:action\s+)?(?:that\s+)?", "", text)


# -- found records -----------------------------------------------------------------------------


def _value(record: Any, name: str) -> Any:
    value = getattr(record, name, None)
    return getattr(value, "value", value)


def _describe(record: Any, fields: Iterable[str]) -> dict[str, Any]:
    return {name: _value(record, name) for name in fields}


@dataclass
class Block:
    """The parts of one found decision block, read as one decision."""

    item_number: str | None
    resolution_number: str | None
    texts: list[str]
    moved_by: str | None
    seconded_by: str | None
    outcome: str | None
    parts: list[tuple[str | None, str]]
    page: int | None
    meeting_id: str | None = None

    def describe(self) -> dict[str, Any]:
        return {"item_number": self.item_number, "resolution_number": self.resolution_number, "text": self.texts[0][:80],
                "moved_by": self.moved_by, "seconded_by": self.seconded_by, "outcome": self.outcome,
                "parts": [p for p, _ in self.parts], "page": self.page}


def resolution_blocks(resolutions: list[Any]) -> list[Block]:
    grouped: dict[tuple[str, int], list[Any]] = {}
    for record in resolutions:
        grouped.setdefault((record.meeting_id, record.block_no), []).append(record)
    blocks = []
    for records in grouped.values():
        first = records[0]
        preamble = first.preamble or ""
        texts = [f"{preamble} {first.text}".strip(), first.text, preamble]
        parts = [(r.part, r.text) for r in records if r.part]
        blocks.append(Block(first.item_number, _first(records, "resolution_number"), [t for t in texts if t], _first(records, "moved_by"),
                            _first(records, "seconded_by"), _first(records, "outcome"), parts, _page(first), first.meeting_id))
    return blocks


def _first(records: list[Any], name: str) -> Any:
    return next((_value(r, name) for r in records if _value(r, name) is not None), None)


def _page(record: Any) -> int | None:
    provenance = getattr(record, "provenance", None) or []
    return provenance[0].page if provenance else getattr(record, "page_start", None)


# -- matching rules, one per record type -------------------------------------------------------------


def _meeting(found: Any, want: dict) -> bool:
    sources = want.get("source", "minutes")
    if _value(found, "source") not in ([sources] if isinstance(sources, str) else sources):
        return False
    if (found.date, found.end_time) != (want.get("date"), want.get("end_time")):
        return False
    # The time the meeting was called for, or the time it was called to order where the minutes print both.
    if found.start_time not in {want.get("start_time"), want.get("convened_time", want.get("start_time"))}:
        return False
    for key, attr in (("body", "body"), ("council", "council"), ("venue_contains", "venue")):
        if want.get(key) and norm_text(want[key]) not in norm_text(getattr(found, attr, None)):
            return False
    return True


def _attendance(found: Any, want: dict) -> bool:
    if _value(found, "attendance_type") != want["type"]:
        return False
    if name_tokens(found.name, strip_honorific=False) != name_tokens(want["person"], strip_honorific=False):
        return False
    roles = want.get("role") or []
    roles = [roles] if isinstance(roles, str) else roles  # a list where the page prints two ("Mayor ... (Chairperson)")
    return not roles or norm_text(found.role) in {norm_text(role) for role in roles}


def _apology(found: Any, want: str) -> bool:
    return name_tokens(found.name, strip_honorific=False) == name_tokens(want, strip_honorific=False)


def _minute_item(found: Any, want: dict) -> bool:
    return norm_number(found.item_number) == norm_number(want["number"]) and norm_text(found.title) == norm_text(want["title"])


def _agenda_item(found: Any, want: dict) -> bool:
    return (
        norm_number(found.item_number) == norm_number(want["number"])
        and norm_text(found.title) == norm_text(want["title"])
        and (found.printed_page_start, found.printed_page_end) == (want.get("page_start"), want.get("page_end"))
        and norm_number(found.parent_number) == norm_number(want.get("parent_number"))
        and ("file_number" not in want or norm_number(getattr(found, "file_number", None)) == norm_number(want["file_number"]))
    )


def _person_field(found: object, want: object) -> bool:
    return found is None if want is None else same_name(found, want)


def _outcome(found: object, want: object) -> bool:
    # No outcome word printed (a RESOLVED, a 'noted'): the reader may leave it empty or say carried / noted.
    return found in (None, "carried", "noted") if want is None else found == want


def _resolution(found: Block, want: dict) -> bool:
    if norm_number(found.item_number) != norm_number(want.get("item_number")):
        return False
    if "resolution_number" in want and norm_number(found.resolution_number) != norm_number(want["resolution_number"]):
        return False
    if not any(starts_like(text, want["text_startswith"]) for text in found.texts):
        return False
    if not (_person_field(found.moved_by, want.get("mover")) and _person_field(found.seconded_by, want.get("seconder"))):
        return False
    if not _outcome(found.outcome, want.get("outcome")):
        return False
    parts = want.get("parts", [])
    if [norm_number(p) for p, _ in found.parts] != [norm_number(p["part"]) for p in parts]:
        return False
    return all(starts_like(text, p["text_startswith"]) for (_, text), p in zip(found.parts, parts, strict=True))


VOTE_GROUPS = (("ayes", "ayes_names"), ("noes", "noes_names"), ("abstentions", "abstention_names"), ("absent", "absent_names"))


def _vote(found: Any, want: dict) -> bool:
    if norm_number(found.item_number) != norm_number(want.get("item_number")):
        return False
    if _value(found, "outcome") != want["outcome"] or bool(found.unanimous) != bool(want.get("unanimous", False)):
        return False
    for count_key, names_key in VOTE_GROUPS:
        names = want.get(names_key, [])
        count = getattr(found, count_key)
        # A count the page does not print may be left empty or be counted from the printed names.
        if count != want.get(count_key) and not (want.get(count_key) is None and names and count == len(names)):
            return False
        if not _same_names(getattr(found, names_key), names):
            return False
    return True


def _same_names(found: list[str], want: list[str]) -> bool:
    free = list(found)
    for name in want:
        hit = next((i for i, candidate in enumerate(free) if same_name(candidate, name)), None)
        if hit is None:
            return False
        free.pop(hit)
    return not free


def _action(found: Any, want: dict) -> bool:
    if norm_number(found.item_number) != norm_number(want.get("item_number")):
        return False
    if norm_text(getattr(found, "item_title", None)) != norm_text(want.get("item_title")):
        return False
    if not starts_like(found.text, want["text_startswith"]):
        return False
    return not want.get("owner") or same_name(found.owner, want["owner"])


# -- one record type of one fixture ---------------------------------------------------------------------


@dataclass
class Comparison:
    """Expected and found records of one type, and which were matched."""

    record_type: str
    expected: list[Any]
    found: list[dict[str, Any]]
    missing: list[Any] = field(default_factory=list)
    extra: list[dict[str, Any]] = field(default_factory=list)
    pairs: list[tuple[int, int]] = field(default_factory=list)  # (expected index, found index) of each match

    @property
    def matched(self) -> int:
        return len(self.expected) - len(self.missing)

    @property
    def recall(self) -> float:
        return self.matched / len(self.expected) if self.expected else 1.0

    @property
    def precision(self) -> float:
        return (len(self.found) - len(self.extra)) / len(self.found) if self.found else 1.0

    @property
    def agrees(self) -> bool:
        return not self.missing and not self.extra

    def report(self) -> str:
        lines = [f"{self.record_type}: expected {len(self.expected)}, found {len(self.found)}, matched {self.matched}"]
        lines += [f"  missing  {json.dumps(m, ensure_ascii=False)}" for m in self.missing]
        lines += [f"  extra    {json.dumps(e, ensure_ascii=False, default=str)}" for e in self.extra]
        return "\n".join(lines)


def _match(record_type: str, found: list[Any], described: list[dict], expected: list[Any], same: Callable[[Any, Any], bool]) -> Comparison:
    free = list(range(len(found)))
    missing = []
    pairs = []
    for number, want in enumerate(expected):
        hit = next((i for i in free if same(found[i], want)), None)
        if hit is None:
            missing.append(want)
        else:
            free.remove(hit)
            pairs.append((number, hit))
    return Comparison(record_type, expected, described, missing, [described[i] for i in free], pairs)


def _meetings(doc: Any, expected: dict[str, Any]) -> tuple[Comparison, dict[int, str]]:
    """The meetings comparison, and the found meeting_id of each matched expected meeting (1-based, as `"meeting": N` names it)."""
    found = list(doc.records.meetings)
    fields = ("source", "body", "council", "date", "start_time", "end_time", "venue")
    comparison = _match("meetings", found, [_describe(m, fields) for m in found], expected.get("meetings", []), _meeting)
    return comparison, {number + 1: found[hit].meeting_id for number, hit in comparison.pairs}


def _in_meeting(same: Callable[[Any, Any], bool], meeting_ids: dict[int, str]) -> Callable[[Any, Any], bool]:
    """Where a file records several meetings, an expected record names its meeting (`"meeting": 2`): the found one must belong to it."""

    def check(found: Any, want: Any) -> bool:
        if isinstance(want, dict) and "meeting" in want and getattr(found, "meeting_id", None) != meeting_ids.get(want["meeting"]):
            return False
        return same(found, want)

    return check


def compare(record_type: str, doc: Any, expected: dict[str, Any]) -> Comparison:
    comparison, meeting_ids = _meetings(doc, expected)
    if record_type == "meetings":
        return comparison
    return _compare_records(record_type, doc, expected.get(record_type, []), meeting_ids)


def _compare_records(record_type: str, doc: Any, want: list[Any], meeting_ids: dict[int, str]) -> Comparison:
    records = doc.records

    def greedy(found: list[Any], described: list[dict], same: Callable[[Any, Any], bool]) -> Comparison:
        return _match(record_type, found, described, want, _in_meeting(same, meeting_ids))

    if record_type in ("attendance", "apologies"):
        apology = record_type == "apologies"
        found = [a for a in records.attendance if (_value(a, "attendance_type") == "apology") == apology]
        return greedy(found, [_describe(a, ("name", "attendance_type", "role")) for a in found],
                      _apology if apology else _attendance)
    if record_type == "minute_items":
        found = [i for i in records.minute_items if i.level == 1]
        return greedy(found, [_describe(i, ("item_number", "title", "page_start")) for i in found], _minute_item)
    if record_type == "agenda_items":
        found = list(records.agenda_items)
        fields = ("item_number", "title", "printed_page_start", "printed_page_end", "parent_number", "file_number")
        return greedy(found, [_describe(a, fields) for a in found], _agenda_item)
    if record_type == "resolutions":
        blocks = resolution_blocks(list(records.resolutions))
        return greedy(blocks, [b.describe() for b in blocks], _resolution)
    if record_type == "votes":
        found = list(records.votes)
        fields = ("item_number", "outcome", "unanimous", "ayes", "noes", "abstentions", "absent", "ayes_names", "noes_names",
                  "abstention_names", "absent_names")
        return greedy(found, [_describe(v, fields) for v in found], _vote)
    if record_type == "actions":
        found = list(records.actions)
        return greedy(found, [_describe(a, ("item_number", "item_title", "text", "owner")) for a in found], _action)
    raise ValueError(f"unknown record type {record_type!r}")
