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

TABLES: tuple[TableSpec, ...] = core.TABLES + meetings.TABLES + tabular.TABLES


def table_rows(spec: TableSpec, doc: PackDocument) -> list[dict]:
    return list(spec.rows(doc))
