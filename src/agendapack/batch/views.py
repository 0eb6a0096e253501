"""Views that answer the common questions: each record with its council, committee, meeting date, file and page.

`v_<table>` is `<table>` with, in front, the context an analyst otherwise joins by hand: the council, the
committee and the meeting date (the record's own where it has them, else its meeting's, else its pack's,
else the batch manifest's), the file name, the input path and the source URL. The SQL is plain (coalesce, LEFT JOIN, GROUP BY), so the
same definitions serve DuckDB and SQLite. A record keeps its own row: the joins are on unique keys, so a
view has exactly as many rows as its table, in the table's order.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

CONTEXT_COLUMNS = ("council", "committee", "meeting_date", "file_name", "source_path", "source_url")
_NOT_VIEWED = {"packs", "manifest"}


@dataclass(frozen=True)
class View:
    name: str
    description: str
    sql: str  # the SELECT


def views(tables: list[Any]) -> Iterator[View]:
    """A view per record table (and issues), for the tables given (CombinedTable or TableSpec)."""
    names = {table.name for table in tables}
    if not {"packs", "manifest", "meetings"} <= names:
        return
    for table in tables:
        if table.name not in _NOT_VIEWED:
            yield _view(table)


def _view(table: Any) -> View:
    columns = [c.name for c in table.columns]
    meeting = "meeting_id" in columns and table.name != "meetings"
    own = "t" if table.name == "meetings" else "m"
    council = _first([f"t.{q('council')}" if "council" in columns else None, f"m.{q('council')}" if meeting else None,
                      f"p.{q('council')}", f"f.{q('council')}"])
    committee = _first([f"t.{q('body')}" if table.name == "meetings" else None, f"m.{q('body')}" if meeting else None,
                        f"p.{q('committee')}", f"f.{q('committee')}"])
    meeting_date = _first([
        f"t.{q('meeting_date')}" if "meeting_date" in columns else None,
        f"{own}.{q('date')}" if meeting or table.name == "meetings" else None,
        f"p.{q('meeting_date')}", f"f.{q('meeting_date')}",
    ])
    context = [f"{council} AS {q('council')}", f"{committee} AS {q('committee')}", f"{meeting_date} AS {q('meeting_date')}",
               f"p.{q('file_name')} AS {q('file_name')}", f"f.{q('source_path')} AS {q('source_path')}", f"f.{q('source_url')} AS {q('source_url')}"]
    own_columns = [f"t.{q(name)}" for name in columns if name not in CONTEXT_COLUMNS]
    joins = [f"JOIN {q('packs')} p ON p.{q('pack_id')} = t.{q('pack_id')}"]
    if meeting:
        joins.append(f"LEFT JOIN {q('meetings')} m ON m.{q('pack_id')} = t.{q('pack_id')} AND m.{q('meeting_id')} = t.{q('meeting_id')}")
    # One row per pack from the manifest (a pack read from two identical files has two manifest rows).
    per_pack = ", ".join(f"min({q(name)}) AS {q(name)}" for name in ("source_path", "source_url", "council", "committee", "meeting_date"))
    joins.append(f"LEFT JOIN (SELECT {q('pack_id')}, {per_pack} FROM {q('manifest')} GROUP BY {q('pack_id')}) f ON f.{q('pack_id')} = t.{q('pack_id')}")
    # A join's output order depends on the engine's threads; ordering by the table's rowid (DuckDB and SQLite
    # both have it) gives the rows in the table's stored order, the same on every run and every machine.
    sql = f"SELECT {', '.join(context + own_columns)} FROM {q(table.name)} t " + " ".join(joins) + " ORDER BY t.rowid"
    description = (f"{table.name} with the council, committee and meeting date (the record's own, else its meeting's, else its pack's), "
                   "the file name, input path and source URL in front: one row per row of the table")
    return View(f"v_{table.name}", description, sql)


def _first(expressions: list[str | None]) -> str:
    present = [e for e in expressions if e]
    return present[0] if len(present) == 1 else f"coalesce({', '.join(present)})"


def q(name: str) -> str:
    """A quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'
