"""Every flat table written beside document.json, in a fixed order: the core tables, then each record family's.

A new record type adds its `TableSpec` to its family's module (`core`, `meetings`,
`tabular`); CSV, Parquet, the combined batch tables, the database and the data
package all follow from the spec.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from agendapack.output import core, meetings, tabular
from agendapack.output.spec import TableSpec

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

_INT64 = 1 << 63
TABLES: tuple[TableSpec, ...] = core.TABLES + meetings.TABLES + tabular.TABLES


def table_rows(spec: TableSpec, doc: PackDocument) -> list[dict]:
    """The spec's rows; an integer beyond 64 bits (a page number misread from the text) is left empty, as no
    column format can hold it: CSV, Parquet and the database stay the same values."""
    rows = list(spec.rows(doc))
    for name in [c.name for c in spec.columns if c.type == "integer"]:
        for row in rows:
            value = row[name]
            if value is not None and not -_INT64 <= value < _INT64:
                row[name] = None
    return rows


def table_columns(spec: TableSpec, doc: PackDocument) -> dict[str, list]:
    """The spec's rows as one list per column, in the spec's order, with `table_rows`' values.

    Each row is taken apart as it comes, so a pack's rows are never all held as dicts: on a 2,000-page pack the
    cells' and blocks' row dicts were most of what writing added to the parse's memory.
    """
    names = [column.name for column in spec.columns]
    columns: dict[str, list] = {name: [] for name in names}
    appends = [(name, columns[name].append) for name in names]
    for row in spec.rows(doc):
        for name, append in appends:
            append(row[name])
    for column in spec.columns:
        if column.type == "integer":
            values = columns[column.name]
            for k, value in enumerate(values):
                if value is not None and not -_INT64 <= value < _INT64:
                    values[k] = None
    return columns


def column_rows(columns: dict[str, list]) -> int:
    """How many rows the columns hold."""
    return len(next(iter(columns.values()), ()))
