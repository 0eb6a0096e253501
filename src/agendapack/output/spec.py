"""Column specs shared by every flat table: the single schema for CSV, Parquet and the data package."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument
    from agendapack.models.geometry import BBox, Provenance


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # one of: string, integer, number, boolean, date
    description: str


@dataclass(frozen=True)
class TableSpec:
    name: str
    description: str
    columns: tuple[Column, ...]
    rows: Callable[[PackDocument], Iterator[dict]]
    primary_key: tuple[str, ...]


def col(name: str, type_: str, description: str) -> Column:
    return Column(name, type_, description)


BOX_COLUMNS = (
    col("x0", "number", "Left edge, PDF points from the page's left"),
    col("top", "number", "Top edge, PDF points from the page's top"),
    col("x1", "number", "Right edge, PDF points"),
    col("bottom", "number", "Bottom edge, PDF points from the page's top"),
)
PACK = col("pack_id", "string", "Readable slug of the file name and the first 8 hex of its sha256")
SECTION_ID = col("section_id", "string", "Section id within the pack (s01, s01.02, ...)")
PAGE = col("page", "integer", "1-based physical page")


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
