"""CSV: a header row, numbers as plain numbers, booleans as true/false, text made safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendapack.output.spec import TableSpec

# Text starting with these runs as a formula when a CSV is opened in a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ... unless the text is a plain number ('-9.9', '-1,234', '+5%', '-' for nil): a spreadsheet reads those as the number
# (or the dash) they are, and quoting them made the CSV disagree with the Parquet file.
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][-+]?\d+)?%?|[-+]?\.\d+%?|-")


def csv_bytes(spec: TableSpec, rows: list[dict]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in spec.columns])
    for row in rows:
        writer.writerow([csv_cell(row[column.name], column.type) for column in spec.columns])
    return buffer.getvalue().encode("utf-8")


def csv_cell(value: object, type_: str) -> str:
    """Numbers as numbers, booleans as true/false, dates and times in ISO 8601, missing as empty, text made formula-safe."""
    if value is None:
        return ""
    if type_ == "boolean":
        return "true" if value else "false"
    if type_ in ("integer", "number"):
        return repr(value) if isinstance(value, float) else str(value)
    text = str(value)
    if type_ == "string" and text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text
