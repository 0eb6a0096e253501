"""Trackers: action trackers, recommendation trackers, work programmes and forward plans as rows.

The kind comes from the column headers (Action / Update, Recommendation / Response,
Reasons & objective / Represented by, Lead officer / Decision taker), with the
section's kind as a tie-breaker; each column is given a role by its header. The round a
table belongs to ("ROUND THREE 25 NOVEMBER 2019", "UNALLOCATED ITEMS") is the heading
printed just above it. A merged cell (an agenda item over several actions) answers for
every row it covers; a forward-plan row split over a page break is joined back up;
empty responses stay empty strings. Status is normalised, its wording kept.
"""

from __future__ import annotations

import datetime as dt
import re

from agendapack.extract.tables.values import normalise_status, parse_date
from agendapack.extract.tables.view import ReadResult, TableView, flat
from agendapack.models.clean import CleanPage
from agendapack.models.document import SectionKind
from agendapack.models.geometry import Provenance, union_all
from agendapack.models.source import TextLine
from agendapack.models.tabular import TableKind, TrackerKind, TrackerRow, TrackerStatus

_ROLES: dict[TrackerKind, tuple[tuple[str, re.Pattern[str]], ...]] = {
    TrackerKind.FORWARD_PLAN: (
        ("decision_taker", re.compile(r"decision (taker|maker)|decided by", re.I)),
        ("report_type", re.compile(r"report type|^type$", re.I)),
        ("date", re.compile(r"date", re.I)),
        ("owner", re.compile(r"officer|contact|lead", re.I)),
        ("item", re.compile(r"title|decision|subject|matter", re.I)),
    ),
    TrackerKind.ACTION: (
        ("status", re.compile(r"status|rag", re.I)),
        ("response", re.compile(r"update|progress|comment|response|outcome", re.I)),
        ("item", re.compile(r"action", re.I)),
        ("agenda_item", re.compile(r"item|meeting|minute", re.I)),
        ("owner", re.compile(r"officer|responsib|lead|owner|by whom", re.I)),
        ("date", re.compile(r"date|deadline|due", re.I)),
    ),
    TrackerKind.RECOMMENDATION: (
        ("status", re.compile(r"status|rag", re.I)),
        ("organisation", re.compile(r"organi[sz]ation|body|partner|agency|to whom|directed", re.I)),
        ("number", re.compile(r"^(no\.?|number|ref\.?|#)$", re.I)),
        ("item", re.compile(r"recommendation", re.I)),
        ("response", re.compile(r"response|update|progress|comment", re.I)),
        ("owner", re.compile(r"officer|lead|owner", re.I)),
    ),
    TrackerKind.WORK_PROGRAMME: (
        ("detail", re.compile(r"reason|objective|purpose|scope|aim", re.I)),
        ("owner", re.compile(r"represent|lead|officer|present", re.I)),
        ("date", re.compile(r"date|meeting", re.I)),
        ("item", re.compile(r"item|topic|title|subject", re.I)),
    ),
}
_TABLE_KINDS = {
    TrackerKind.FORWARD_PLAN: TableKind.FORWARD_PLAN,
    TrackerKind.ACTION: TableKind.ACTION_TRACKER,
    TrackerKind.RECOMMENDATION: TableKind.RECOMMENDATION_TRACKER,
    TrackerKind.WORK_PROGRAMME: TableKind.WORK_PROGRAMME,
}
_SECTION_KINDS = {
    SectionKind.FORWARD_PLAN: TrackerKind.FORWARD_PLAN,
    SectionKind.ACTION_TRACKER: TrackerKind.ACTION,
    SectionKind.RECOMMENDATION_TRACKER: TrackerKind.RECOMMENDATION,
    SectionKind.WORK_PROGRAMME: TrackerKind.WORK_PROGRAMME,
}
_ROUND = re.compile(r"^(?P<round>round\s+(\d+|[a-z]+))\b[\s:–-]*(?P<rest>.*)$", re.I)
_GROUP = re.compile(r"unallocated|task groups?|recommendations from|meeting (of|on|held)|^\w+ \d{4}$", re.I)
_CONTINUATION_ROLES = ("owner", "date", "decision_taker", "report_type", "agenda_item", "organisation", "number")


_KIND_CUES: tuple[tuple[TrackerKind, re.Pattern[str], re.Pattern[str]], ...] = (
    (TrackerKind.FORWARD_PLAN, re.compile(r"decision"), re.compile(r"lead officer|decision taker|decision maker|report type|meeting date")),
    (TrackerKind.RECOMMENDATION, re.compile(r"recommendation"), re.compile(r"response|organi[sz]ation|update|progress|comments?\b|\bno\b")),
    (TrackerKind.ACTION, re.compile(r"\baction"), re.compile(r"update|status|progress|item|response|comment")),
    (TrackerKind.WORK_PROGRAMME, re.compile(r"reasons?|objective|represented by|purpose"), re.compile(r"item|topic|title|subject")),
)
# who else writes a response column: "Officer comments" names no organisation
_NOT_ORGANISATIONS = {
    "officer",
    "officers",
    "lead officer",
    "cabinet member",
    "member",
    "members",
    "council",
    "committee",
    "our",
    "the",
    "service",
    "department",
}
_ORG_COMMENTS = re.compile(r"^(?P<org>.+?)\s+(comments?|response|update)\s*:?$", re.I)


def tracker_kind(view: TableView, section_kind: SectionKind) -> TrackerKind | None:
    """The tracker a table is, from the cues of its column headers; the section's kind breaks a tie.

    Headers may fit more than one kind ("Action / Recommendation / Update"): the section's own
    kind wins among those that fit, else the first in the order above. Headers that fit none
    still make a tracker in a tracker section when a column reads as its item.
    """
    if view.header_rows == 0 or view.n_cols < 2:
        return None
    joined = " | ".join(view.header_text(c).lower() for c in range(view.n_cols))
    fitting = [kind for kind, first, second in _KIND_CUES if first.search(joined) and second.search(joined)]
    preferred = _SECTION_KINDS.get(section_kind)
    if preferred in fitting:
        return preferred
    if fitting:
        return fitting[0]
    if preferred is not None and "item" in column_roles(view, preferred):
        return preferred
    return None


def read_tracker(view: TableView, section_kind: SectionKind) -> ReadResult | None:
    kind = tracker_kind(view, section_kind)
    if kind is None:
        return None
    roles = column_roles(view, kind)
    if "item" not in roles:
        return None
    group, round_label, group_date, date_text = table_group(view.table.context)
    commenting = _commenting_organisation(view, roles) if kind is TrackerKind.RECOMMENDATION else None
    rows: list[TrackerRow] = []
    for row in view.body_rows():
        values = {role: view.text(row, col) for role, col in roles.items()}
        if not any(view.own_text(row, c) for c in range(view.n_cols)):
            continue
        if rows and kind is TrackerKind.FORWARD_PLAN and _continues(values):
            rows[-1] = _joined(rows[-1], view, row, roles)
            continue
        if commenting and not values.get("organisation"):
            values["organisation"] = commenting
        rows.append(_row(view, row, kind, roles, values, (group, round_label, group_date, date_text)))
    return ReadResult(_TABLE_KINDS[kind], {"tracker_rows": rows})


def _commenting_organisation(view: TableView, roles: dict[str, int]) -> str | None:
    """The organisation named in a response column's header: 'NHS England comments:' -> 'NHS England'."""
    if "response" not in roles:
        return None
    header = view.header_path(roles["response"])
    match = _ORG_COMMENTS.match(header[-1].strip()) if header else None
    if match is None or match["org"].lower() in _NOT_ORGANISATIONS:
        return None
    return match["org"].strip()


def column_roles(view: TableView, kind: TrackerKind) -> dict[str, int]:
    roles: dict[str, int] = {}
    for col in range(view.n_cols):
        header = view.header_text(col)
        for role, pattern in _ROLES[kind]:
            if role not in roles and pattern.search(header):
                roles[role] = col
                break
    return roles


def table_group(context: list[str]) -> tuple[str | None, str | None, dt.date | None, str | None]:
    """The heading a table sits under: (group, round, date, date as printed)."""
    for line in context:
        text = flat(line)
        match = _ROUND.match(text)
        if match:
            rest = match["rest"].strip()
            return text, match["round"].upper(), parse_date(rest), rest or None
        if _GROUP.search(text):
            day = parse_date(text)
            return text, None, day, _date_words(text) if day else None
    return None, None, None, None


def _date_words(text: str) -> str | None:
    match = re.search(r"\d{1,2}(st|nd|rd|th)?\s+[A-Za-z]+\s+\d{4}", text)
    return match.group(0) if match else None


def _continues(values: dict[str, str]) -> bool:
    """A forward-plan row with only its title column filled: the rest of the row above, over a page break."""
    return all(not values.get(role) for role in _CONTINUATION_ROLES) and bool(values.get("item"))


def _row(view: TableView, row: int, kind: TrackerKind, roles: dict[str, int], values: dict[str, str], group: tuple) -> TrackerRow:
    group_name, round_label, group_date, group_date_text = group
    item, detail = _item_and_detail(view, row, roles, kind, values)
    status_source = values.get("status") or (values.get("response") if kind is TrackerKind.ACTION else "")
    status = normalise_status(status_source) if status_source else TrackerStatus.UNKNOWN
    row_date_text = values.get("date") or None
    row_date = parse_date(row_date_text) if row_date_text else None
    return TrackerRow(
        record_id=f"{view.table.record_id}-t{row}",
        table_id=view.table.record_id,
        section_id=view.table.section_id,
        kind=kind,
        group=group_name,
        round=round_label,
        date=row_date or group_date,
        date_text=row_date_text or group_date_text,
        agenda_item=values.get("agenda_item") or None,
        item=item,
        detail=detail,
        response=values.get("response") if "response" in roles else None,
        owner=values.get("owner") or None,
        organisation=values.get("organisation") or None,
        number=values.get("number") or None,
        decision_taker=values.get("decision_taker") or None,
        report_type=values.get("report_type") or None,
        status=status,
        status_text=status_source or None,
        cells={view.header_text(c) or f"column {c}": view.text(row, c) for c in range(view.n_cols)},
        provenance=_row_provenance(view, row),
    )


def _item_and_detail(view: TableView, row: int, roles: dict[str, int], kind: TrackerKind, values: dict[str, str]) -> tuple[str, str | None]:
    """A forward-plan title cell holds a bold title over its summary: split them."""
    if kind is TrackerKind.FORWARD_PLAN:
        cell = view.cell(row, roles["item"])
        if cell is not None and cell.heading:
            title = flat(cell.heading)
            rest = flat(cell.text)[len(title) :].strip()
            return title, rest or None
    return values.get("item", ""), values.get("detail") or None


def _joined(previous: TrackerRow, view: TableView, row: int, roles: dict[str, int]) -> TrackerRow:
    extra = view.text(row, roles["item"])
    detail = f"{previous.detail} {extra}".strip() if previous.detail else extra
    cells = dict(previous.cells)
    for c in range(view.n_cols):
        key = view.header_text(c) or f"column {c}"
        if view.text(row, c):
            cells[key] = f"{cells.get(key, '')} {view.text(row, c)}".strip()
    return previous.model_copy(update={"detail": detail, "cells": cells, "provenance": previous.provenance + _row_provenance(view, row)})


def _row_provenance(view: TableView, row: int) -> list[Provenance]:
    """The row's box on its page: the cells that start in it."""
    own = [c for c in view.cells_starting(row) if c.provenance]
    if not own:
        return []
    page = own[0].provenance[0].page
    box = union_all([c.provenance[0].bbox for c in own if c.provenance[0].page == page and c.provenance[0].bbox is not None])
    return [Provenance(page=page, bbox=box)]


_TASK_GROUPS = re.compile(r"^task (and finish )?groups?\b|^task groups? and studies", re.I)


def task_group_rows(page: CleanPage, below: float, section_id: str | None) -> list[TrackerRow]:
    """The task groups a work programme lists under a 'TASK GROUPS' heading after its tables, one row per bullet."""
    lines = sorted((line for line in page.lines if line.bbox.top >= below and line.horizontal), key=lambda line: (line.bbox.top, line.bbox.x0))
    start = next((k for k, line in enumerate(lines) if _TASK_GROUPS.match(line.text.strip())), None)
    if start is None:
        return []
    heading = flat(lines[start].text)
    entries: list[list[TextLine]] = []
    for line in lines[start + 1 :]:
        if line.bulleted or not entries:
            entries.append([line])
        else:
            entries[-1].append(line)
    rows = []
    for k, entry in enumerate(entries, start=1):
        text = flat(" ".join(line.text for line in entry))
        if not text:
            continue
        box = union_all([line.bbox for line in entry])
        rows.append(
            TrackerRow(
                record_id=f"p{page.page:03d}-task-group-{k}",
                table_id=None,
                section_id=section_id,
                kind=TrackerKind.WORK_PROGRAMME,
                group=heading,
                item=text,
                provenance=[Provenance(page=page.page, bbox=box)],
            )
        )
    return rows
