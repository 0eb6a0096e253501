"""CSV: a header row, numbers as plain numbers, booleans as true/false, text made safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendapack.output.spec import TableSpec

# Text starting with these runs as a formula when a CSV is opened in a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_bytes(spec: TableSpec, rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in spec.columns])
    for row in rows:
        writer.writerow([csv_cell(row[column.name], column.type) for column in spec.columns])
    return buffer.getvalue().encode("utf-8")


def csv_cell(value: object, type_: str) -> str:
    """Numbers as numbers, booleans as true/false, missing as empty, text made formula-safe."""
    if value is None:
        return ""
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ in ("integer", "number"):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text
