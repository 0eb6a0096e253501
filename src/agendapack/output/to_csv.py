"""CSV: a header row, numbers as plain numbers, booleans as true/false, text made safe to open in a spreadsheet."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agendapack.output.spec import TableSpec

# Text starting with these runs as a formula when a CSV is opened in a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# ... unless the text is a plain number ('-9.9', '-1,234', '+5%', '-' for nil): a spreadsheet reads those as the number
# (or the dash) they are, and quoting them made the CSV disagree with the Parquet file.
_ROWS_PER_PIECE = 10_000
_PLAIN_NUMBER = re.compile(r"[-+]?(?:\d+|\d{1,3}(?:,\d{3})+)(?:\.\d+)?(?:[eE][-+]?\d+)?%?|[-+]?\.\d+%?|-")


def csv_bytes(spec: TableSpec, rows: list[dict]) -> bytes:
    """The CSV of rows given as dicts (the batch's manifest); a pack's tables go by `csv_pieces`."""
    return b"".join(csv_pieces(spec, {column.name: [row[column.name] for row in rows] for column in spec.columns}))


def csv_pieces(spec: TableSpec, columns: dict[str, list]) -> Iterator[bytes]:
    """The CSV of one list per column, as pieces of about `_ROWS_PER_PIECE` rows: the whole text is never held
    (as a string, then again as bytes) at once."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([column.name for column in spec.columns])
    # Built column by column, with the common values (empty, a number, text that cannot run as a formula) passed to
    # the writer as they are: a pack's tables hold up to a million cells, and a call per cell was most of the time.
    count = len(columns[spec.columns[0].name]) if spec.columns else 0
    for start in range(0, count, _ROWS_PER_PIECE):
        end = start + _ROWS_PER_PIECE
        writer.writerows(zip(*(_column_cells(columns[column.name][start:end], column.type) for column in spec.columns), strict=True))
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()
    if not count:
        yield buffer.getvalue().encode("utf-8")


def _column_cells(values: list, type_: str) -> list:
    """One column's cells as the writer takes them: None is written empty, an int or float as str() gives it."""
    if type_ == "string":
        return [v if v is None or (v.__class__ is str and not v.startswith(_FORMULA_STARTS)) else _text(v) for v in values]
    if type_ in ("integer", "number"):
        return [v if v is None or v.__class__ in (int, float) else _number(v) for v in values]
    write = _CELL_WRITERS[type_]
    return [None if v is None else write(v) for v in values]


def csv_cell(value: object, type_: str) -> str:
    """Numbers as numbers, booleans as true/false, dates and times in ISO 8601, missing as empty, text made formula-safe."""
    return "" if value is None else _CELL_WRITERS[type_](value)


def _boolean(value: object) -> str:
    return "true" if value else "false"


def _number(value: object) -> str:
    return repr(value) if isinstance(value, float) else str(value)


def _text(value: object) -> str:
    text = str(value)
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


_CELL_WRITERS = {"boolean": _boolean, "integer": _number, "number": _number, "string": _text, "date": str, "time": str}
