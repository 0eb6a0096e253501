"""A pack's output folder: document.json and the flat tables that have rows, atomically and byte-for-byte repeatably."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from agendapack.ids import full_pack_id
from agendapack.memory import check_budget
from agendapack.output.atomic import atomic_write_files
from agendapack.output.tables import TABLES, column_rows, table_columns
from agendapack.output.to_csv import csv_pieces
from agendapack.output.to_json import document_json
from agendapack.output.to_parquet import parquet_bytes
from agendapack.output.wide import WIDE_DIR, wide_csv_files

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument


class OutputFormat(StrEnum):
    JSON = "json"
    CSV = "csv"  # a CSV per flat table, and tables/<table_id>.csv per extracted table
    PARQUET = "parquet"
    XLSX = "xlsx"  # <pack_id>.xlsx: a sheet per flat table and per extracted table


DEFAULT_FORMATS = (OutputFormat.JSON, OutputFormat.CSV)


def parse_formats(text: str) -> tuple[OutputFormat, ...]:
    """'csv,parquet,json' -> the formats, in a fixed order; an unknown name is a ValueError naming the choices."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    try:
        chosen = {OutputFormat(name) for name in names}
    except ValueError:
        raise ValueError(f"Unknown format in {text!r}; choose from {', '.join(f.value for f in OutputFormat)}") from None
    return tuple(f for f in OutputFormat if f in chosen)


def pack_folder(doc: PackDocument, out_dir: Path) -> Path:
    """`out_dir/<pack_id>`, unless that folder holds another file's document (same name, ids colliding): then the
    folder named by the whole sha256, so that neither file overwrites the other."""
    folder = out_dir / doc.pack_id
    try:
        written = json.loads((folder / "document.json").read_bytes()).get("source", {}).get("sha256")
    except (OSError, ValueError, AttributeError):
        return folder
    if written in (None, doc.source.sha256):
        return folder
    return out_dir / full_pack_id(doc.source.file_name, doc.source.sha256)


def write_document(doc: PackDocument, out_dir: Path, formats: tuple[OutputFormat, ...] = DEFAULT_FORMATS) -> Path:
    """Write one pack's outputs into `out_dir/<pack_id>/` and return that folder.

    A table with no rows gets no file (most packs have no rows in most tables); a table file an earlier run
    wrote and this one does not (its table is now empty, an extracted table no longer found) is removed, so
    the folder holds exactly this document's outputs in the formats asked for.
    """
    formats = tuple(OutputFormat(fmt) for fmt in formats)  # names ("csv") are taken too
    folder = out_dir / doc.pack_id
    (folder / WIDE_DIR).mkdir(parents=True, exist_ok=True)
    written: set[str] = set()
    atomic_write_files(folder, _noting(document_files(doc, formats), written))
    for name in _table_file_names(folder, formats) - written:
        (folder / name).unlink(missing_ok=True)
    if not any((folder / WIDE_DIR).iterdir()):
        (folder / WIDE_DIR).rmdir()
    return folder


def _table_file_names(folder: Path, formats: tuple[OutputFormat, ...]) -> set[str]:
    """Every table file the formats can give, and the extracted tables' CSVs the folder holds now."""
    names = {f"{spec.name}.{fmt.value}" for spec in TABLES for fmt in formats if fmt in (OutputFormat.CSV, OutputFormat.PARQUET)}
    if OutputFormat.CSV in formats:
        names |= {f"{WIDE_DIR}/{path.name}" for path in (folder / WIDE_DIR).glob("*.csv")}
    return names


def _noting(files: Iterator[tuple[str, bytes | memoryview | Iterable[bytes]]], names: set[str]) -> Iterator[tuple[str, bytes | memoryview | Iterable[bytes]]]:
    for name, data in files:
        names.add(name)
        yield name, data


def document_files(doc: PackDocument, formats: tuple[OutputFormat, ...]) -> Iterator[tuple[str, bytes | memoryview | Iterable[bytes]]]:
    """(file name, bytes or pieces) of each output, built one at a time so that only one is held in memory.

    A batch worker's memory budget is checked before each table's files are built (`agendapack.memory`).
    """
    if OutputFormat.JSON in formats:
        check_budget()
        yield "document.json", document_json(doc)
    for spec in TABLES:
        check_budget()
        columns = table_columns(spec, doc)
        if not column_rows(columns):  # no file: a reader of the folder (and the batch's combined tables) takes a missing table as empty
            continue
        if OutputFormat.CSV in formats:
            yield f"{spec.name}.csv", csv_pieces(spec, columns)
        if OutputFormat.PARQUET in formats:
            yield f"{spec.name}.parquet", parquet_bytes(spec, columns)
        del columns  # not held while the next table's are built
    if OutputFormat.CSV in formats:
        yield from wide_csv_files(doc)
    if OutputFormat.XLSX in formats:
        from agendapack.output.to_xlsx import xlsx_bytes  # only when a workbook is asked for

        yield f"{doc.pack_id}.xlsx", xlsx_bytes(doc)
