"""Column specs shared by every flat table: the single schema for CSV, Parquet, the database and the data package.

Every table has a primary key that is unique over a whole batch OUT (`pack_id` is one of its
columns) and declares its foreign keys: to `packs` for every row, and to the section, page,
meeting or table it belongs to. `agendapack.keys` makes each pack's document satisfy them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument
    from agendapack.models.geometry import BBox, Provenance


COLUMN_TYPES = ("string", "integer", "number", "boolean", "date", "time")


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # one of COLUMN_TYPES; a date is a datetime.date, a time a datetime.time
    description: str


@dataclass(frozen=True)
class ForeignKey:
    """`columns` of this table hold the values of `references` in `table` (a row with any of them empty refers to nothing).

    `always` says the columns are never empty (the model requires them). Only those keys go into datapackage.json:
    the Frictionless validator reports a composite key with one empty part as a broken reference, where SQL (and the
    databases, which declare every key) takes it as referring to nothing.
    """

    columns: tuple[str, ...]
    table: str
    references: tuple[str, ...]
    always: bool = False


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[PackDocument], Iterator[dict]]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


def col(name: str, type_: str, description: str) -> Column:
    assert type_ in COLUMN_TYPES, type_
    return Column(name, type_, description)


def fk(columns: str, table: str, references: str, always: bool = False) -> ForeignKey:
    """'pack_id meeting_id' -> 'meetings' 'pack_id meeting_id': space-separated column names."""
    return ForeignKey(tuple(columns.split()), table, tuple(references.split()), always)


TO_PACK = fk("pack_id", "packs", "pack_id", always=True)
TO_SECTION = fk("pack_id section_id", "sections", "pack_id section_id")
TO_PAGE = fk("pack_id page", "pages", "pack_id page")
TO_PAGE_ALWAYS = fk("pack_id page", "pages", "pack_id page", always=True)
TO_MEETING = fk("pack_id meeting_id", "meetings", "pack_id meeting_id")
TO_MEETING_ALWAYS = fk("pack_id meeting_id", "meetings", "pack_id meeting_id", always=True)
TO_TABLE = fk("pack_id table_id", "tables", "pack_id record_id")
TO_TABLE_ALWAYS = fk("pack_id table_id", "tables", "pack_id record_id", always=True)


def in_dependency_order(specs: tuple[Any, ...]) -> list[Any]:
    """Tables ordered so that each comes after the tables its foreign keys name (itself aside), otherwise as given."""
    placed: list[Any] = []
    names: set[str] = set()
    pending = list(specs)
    while pending:
        ready = next(s for s in pending if all(key.table in names or key.table == s.name for key in s.foreign_keys))
        placed.append(ready)
        names.add(ready.name)
        pending.remove(ready)
    return placed


BOX_COLUMNS = (
    col("x0", "number", "Left edge, PDF points from the page's left"),
    col("top", "number", "Top edge, PDF points from the page's top"),
    col("x1", "number", "Right edge, PDF points"),
    col("bottom", "number", "Bottom edge, PDF points from the page's top"),
)
PACK = col("pack_id", "string", "The pack: a slug of the file name and the first 16 hex digits of its sha256 (packs.pack_id)")
SECTION_ID = col("section_id", "string", "Section id within the pack (s01, s01.02, ...)")
PAGE = col("page", "integer", "1-based physical page")


def iso_date(text: str | None) -> dt.date | None:
    """'2025-01-30' -> a date for a date column; text that is not an ISO date (an extractor's slip) -> empty."""
    try:
        return dt.date.fromisoformat(text) if text else None
    except ValueError:
        return None


def iso_time(text: str | None) -> dt.time | None:
    """'19:00' -> a time for a time column (written 19:00:00); anything else -> empty."""
    try:
        return dt.time.fromisoformat(text) if text else None
    except ValueError:
        return None


def box_values(bbox: BBox | None) -> dict:
    """The four box columns of a row; empty when there is no box."""
    if bbox is None:
        return {"x0": None, "top": None, "x1": None, "bottom": None}
    return {"x0": round(bbox.x0, 2), "top": round(bbox.top, 2), "x1": round(bbox.x1, 2), "bottom": round(bbox.bottom, 2)}


def provenance_values(provenance: list[Provenance]) -> dict:
    """`page` and box columns from a record's first provenance entry."""
    if not provenance:
        return {"page": None, **box_values(None)}
    return {"page": provenance[0].page, **box_values(provenance[0].bbox)}


def record_rows(doc: PackDocument, field: str, values: Callable[[Any], dict]) -> Iterator[dict]:
    """One row per record in `doc.records.<field>`: pack, record and section ids, page and box, then `values(record)`."""
    for record in getattr(doc.records, field):
        yield {
            "pack_id": doc.pack_id,
            "record_id": record.record_id,
            "section_id": record.section_id,
            **provenance_values(record.provenance),
            **values(record),
        }
