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
