"""Officer report cover sheets: the labelled block at the top of a report's first page.

Two layouts: a label column with values beside it, a label wrapping onto a
second row ('Report Author and Contact' / 'Details:') and values running over
several rows (Westminster); or 'LABEL: value' on one line (Bristol's
'KEY DECISION OR FOR INFORMATION: For Information').
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agendapack.extract.layout import Row, visual_rows
from agendapack.extract.meetings.dates import parse_date
from agendapack.extract.meetings.frontsheet_meeting import pack_meeting_id
from agendapack.extract.meetings.text import squash
from agendapack.extract.registry import Extracted, ExtractionContext, register
from agendapack.models.document import SectionKind
from agendapack.models.geometry import Provenance, union_all
from agendapack.models.meetings import ReportCover
from agendapack.models.records import Records

FIELDS: list[tuple[str, re.Pattern[str]]] = [
    ("key_decision", re.compile(r"^key decision(?: or for information)?(?: reference)?\b", re.I)),
    ("decision_reference", re.compile(r"^(?:decision (?:reference|no\.?|number)|forward plan reference)\b", re.I)),
    ("meeting_date", re.compile(r"^(?:date of meeting|meeting date|date)\b", re.I)),
    ("classification", re.compile(r"^classification\b", re.I)),
    ("title", re.compile(r"^(?:report )?title\b", re.I)),
    ("report_of", re.compile(r"^report (?:of|by|from)\b", re.I)),
    ("cabinet_member_portfolio", re.compile(r"^(?:cabinet member(?: portfolio)?|portfolio(?: holder)?)\b", re.I)),
    ("wards_involved", re.compile(r"^wards?(?:\(s\))?(?: involved| affected)?\b", re.I)),
    ("policy_context", re.compile(r"^policy context\b", re.I)),
    ("report_author", re.compile(r"^(?:report author(?: and contact(?: details)?)?|contact officer|author|lead officer)\b", re.I)),
]
LABEL_TAIL_RE = re.compile(r"^(?:details|and contact details|contact details)\s*:\s*", re.I)
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
PHONE_RE = re.compile(r"(?<![\d])(?:\+44\s?(?:\(0\)\s?)?|0)\d{2,4}(?:[\s-]?\d{2,4}){1,3}(?![\d])")
_MIN_LABELS = 3


@dataclass
class _Field:
    key: str
    label: str
    rows: list[Row] = field(default_factory=list)
    values: list[str] = field(default_factory=list)


@register(SectionKind.REPORT)
def report_cover(context: ExtractionContext) -> Extracted:
    """The cover sheet on the report's first page with text, when it has one."""
    page = next((p for p in context.section_pages() if p.lines), None)
    if page is None:
        return Extracted()
    fields = read_cover_fields(visual_rows(page.lines))
    if len(fields) < _MIN_LABELS:
        return Extracted()
    cover = _cover(context, page.page, fields)
    return Extracted(records=Records(report_covers=[cover]))


def read_cover_fields(rows: list[Row]) -> list[_Field]:
    fields: list[_Field] = []
    value_x: float | None = None
    for row in rows:
        first = squash(row.lines[0].text)
        key, label, inline = _label(first)
        if key is not None and not any(f.key == key for f in fields):
            current = _Field(key, label, [row], [inline] if inline else [])
            current.values += [squash(line.text) for line in row.lines[1:]]
            value_x = row.lines[1].bbox.x0 if len(row.lines) > 1 else value_x
            fields.append(current)
        elif fields and LABEL_TAIL_RE.match(first) and value_x is not None:
            fields[-1].rows.append(row)
            fields[-1].values += [LABEL_TAIL_RE.sub("", first)] + [squash(line.text) for line in row.lines[1:]]
        elif fields and value_x is not None and row.bbox.x0 >= value_x - 2 and row.bbox.top - fields[-1].rows[-1].bbox.bottom < row.bbox.height * 1.5:
            fields[-1].rows.append(row)
            fields[-1].values.append(row.text)
    return fields


def _label(text: str) -> tuple[str | None, str, str]:
    """(field key, label, value after a colon on the same line) for a line that starts with a cover label."""
    for key, regex in FIELDS:
        match = regex.match(text)
        if not match:
            continue
        rest = text[match.end() :]
        if rest.strip() and not rest.lstrip().startswith(":") and not LABEL_TAIL_RE.match(rest.strip()):
            continue  # the word starts a sentence, not a label ('Date of the next meeting is ...')
        value = rest.split(":", 1)[1] if ":" in rest else ""
        return key, squash(text[: match.end()]), squash(value)
    return None, "", ""


def _cover(context: ExtractionContext, page: int, fields: list[_Field]) -> ReportCover:
    values = {f.key: [v for v in f.values if v] for f in fields}
    joined = {key: squash(" ".join(vals)) or None for key, vals in values.items()}
    author_lines = values.get("report_author", [])
    contact = " ".join(author_lines)
    box = union_all([row.bbox for f in fields for row in f.rows])
    return ReportCover(
        record_id=f"{context.section.section_id}-cover-001",
        section_id=context.section.section_id,
        meeting_id=pack_meeting_id(context),
        title=joined.get("title"),
        meeting_date=parse_date(joined.get("meeting_date") or ""),
        classification=joined.get("classification"),
        report_of=joined.get("report_of"),
        cabinet_member_portfolio=joined.get("cabinet_member_portfolio"),
        wards_involved=joined.get("wards_involved"),
        policy_context=joined.get("policy_context"),
        key_decision=_key_decision(joined.get("key_decision")) if "key_decision" in joined else None,
        decision_reference=joined.get("decision_reference"),
        report_author=_author(author_lines),
        emails=sorted(set(EMAIL_RE.findall(contact)), key=contact.index),
        phones=_phones(contact),
        provenance=[Provenance(page=page, bbox=box)],
    )


def _key_decision(value: str | None) -> bool | None:
    if not value:
        return None
    lowered = value.lower()
    if re.search(r"\b(?:no|not a key decision|for information|non[- ]key)\b", lowered):
        return False
    if re.search(r"\b(?:yes|key decision)\b", lowered):
        return True
    return None


def _author(lines: list[str]) -> str | None:
    """The author lines without their email addresses and phone numbers."""
    kept = []
    for line in lines:
        line = EMAIL_RE.sub("", PHONE_RE.sub("", line))
        line = re.sub(r"\b(?:tel(?:ephone)?|email|e-mail|phone)\s*:?", "", line, flags=re.I)
        line = squash(line).strip(" ,;:")
        if line:
            kept.append(line)
    return "; ".join(kept) or None


def _phones(text: str) -> list[str]:
    found = []
    for match in PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", match.group(0))
        if 10 <= len(digits) <= 13 and squash(match.group(0)) not in found:
            found.append(squash(match.group(0)))
    return found
