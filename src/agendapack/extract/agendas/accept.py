"""Which numbered lists of an agenda are its items, and which are lists inside its text.

An agenda prints other numbered lists besides its items: the steps of a recommendation ('1. Adopt
a resolution ...'), the ways the public may take part ('1. IN PERSON ... 2. ZOOM ...'), the usual
order of business explained in prose, schedules appended after the adjournment. What sets them
apart is shared by every publisher, so each list is judged on evidence:

- it follows a recommendation label ('Recommendation:', 'Recommended Action:'), inside an item;
- it is introduced by a sentence of body text ending in ':' and printed in that same body type;
- its entries are paragraphs (several sentences) after a paragraph of body text;
- its entries give addresses, links and phone numbers;
- it starts after the agenda's adjournment (and no new meeting begins).

Each decision keeps its reason, so a list taken or left can be traced.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.agendas.outline import Entry, Level, Outline
from agendapack.extract.agendas.rows import CONTACT_RE, AgendaRow, Style, sentence_count

FORM_FIELDS = conventions.declare(
    "agenda", "form_fields", "Field labels of a form (a decision record, a report cover) whose lettered fields look like items"
)
PROCEDURAL_TITLES = conventions.declare(
    "agenda", "procedural_titles", "Titles of the procedural items most agendas share (call to order, roll call, apologies, minutes)"
)
_PROSE_WORDS = 30
_PROSE_SHARE = 0.5
_CONTACT_SHARE = 0.5
_PARAGRAPH_WORDS = 45
_FORM_FIELDS_MIN = 2


@dataclass(frozen=True)
class ListVerdict:
    """Whether a list's entries are agenda items, and why."""

    level: Level
    accepted: bool
    reason: str


def judge_lists(outline: Outline) -> dict[int, ListVerdict]:
    """A verdict per list (by level id) of the outline."""
    verdicts: dict[int, ListVerdict] = {}
    for level in outline.levels:
        if level.entries:
            verdicts[level.id] = judge(level, outline.body)
    return verdicts


def judge(level: Level, body: Style) -> ListVerdict:
    first = level.entries[0]
    lead = lead_in(first)
    prominent = _prominent_share(level, lead, body)
    procedural = any(is_procedural(entry) for entry in level.entries)
    if first.after_end:
        return ListVerdict(level, False, "starts after the adjournment")
    if sum(1 for entry in level.entries if _form_field(entry.row.title)) >= _FORM_FIELDS_MIN:
        return ListVerdict(level, False, "the fields of a form (a decision record or report cover)")
    if _in_recommendation(first):
        return ListVerdict(level, False, "inside a recommendation block")
    if _contact_share(level) >= _CONTACT_SHARE:
        return ListVerdict(level, False, "entries give addresses, links or phone numbers")
    if lead and _prose_share(level) >= _PROSE_SHARE and (prominent < 0.5 or not procedural):
        return ListVerdict(level, False, "paragraphs of text after a paragraph of text")
    if prominent < 0.5 and not procedural and _long_paragraphs(level):
        return ListVerdict(level, False, "numbered paragraphs of several sentences, in body type")
    if lead and lead[-1].text.rstrip().endswith(":") and prominent < 0.5 and not procedural and not _has_file_numbers(level):
        return ListVerdict(level, False, "introduced by a sentence ending in ':' and printed like it")
    evidence = (("procedural items", procedural), ("file numbers", _has_file_numbers(level)), ("set apart from the body", prominent >= 0.5))
    reasons = [reason for reason, hit in evidence if hit]
    return ListVerdict(level, True, ", ".join(reasons) or "a numbered list of titles")


def lead_in(entry: Entry) -> list[AgendaRow]:
    """The body rows between the list's context (its parent's title or the last heading) and its first entry."""
    rows: list[AgendaRow] = []
    for row in entry.before:
        if row is entry.heading or (entry.heading is not None and row.index <= entry.heading.index):
            rows = []
            continue
        rows.append(row)
    return [row for row in rows if row.label != "recommendation"]  # 'Attachments:' introduces its list like a sentence


def _in_recommendation(entry: Entry) -> bool:
    """A recommendation label between the entry and the title of the item it sits in (or the last heading)."""
    rows = entry.before
    if entry.heading is not None:
        rows = [row for row in rows if row.index > entry.heading.index]
    return any(row.label == "recommendation" for row in rows)


def _prominent_share(level: Level, lead: list[AgendaRow], body: Style) -> float:
    """Share of entries whose title looks different from the text that introduces them (or from the body)."""
    if lead:
        looks = {row.looks() for row in lead}
        larger = max(r.size for r in lead) + 0.4
        hits = sum(1 for e in level.entries if e.row.looks() not in looks and (e.row.caps or e.row.bold or e.row.size > larger))
    else:
        hits = sum(1 for e in level.entries if e.row.prominent(body) or (e.row.marker_bold and not body.bold))
    return hits / len(level.entries)


def _prose_share(level: Level) -> float:
    prose = 0
    for entry in level.entries:
        text = title_text(entry)
        if sentence_count(text) >= 2 or len(text.split()) >= _PROSE_WORDS:
            prose += 1
    return prose / len(level.entries)


def _long_paragraphs(level: Level) -> bool:
    """Entries that are long paragraphs (a report's numbered paragraphs), not titles."""
    texts = sorted((title_text(entry) for entry in level.entries), key=len)
    middle = texts[len(texts) // 2]
    return len(middle.split()) >= _PARAGRAPH_WORDS and sentence_count(middle) >= 2


def _contact_share(level: Level) -> float:
    return sum(1 for entry in level.entries if CONTACT_RE.search(title_text(entry))) / len(level.entries)


def _has_file_numbers(level: Level) -> bool:
    return any(entry.row.file_number for entry in level.entries)


def title_text(entry: Entry) -> str:
    return " ".join(row.title for row in entry.title_rows)


def is_procedural(entry: Entry) -> bool:
    return _procedural(entry.row.title.strip(" .:-–*").lower()[:80])


@lru_cache(maxsize=4096)
def _form_field(text: str) -> bool:
    return conventions.first_cue(FORM_FIELDS, text.strip().lower()[:80]) is not None


@lru_cache(maxsize=4096)
def _procedural(text: str) -> bool:
    return conventions.first_cue(PROCEDURAL_TITLES, text) is not None
