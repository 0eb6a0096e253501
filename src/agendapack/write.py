"""Write: document.json and the flat tables, atomically and byte-for-byte repeatably."""

from __future__ import annotations

import contextlib
import csv
import io
import os
import secrets
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import IO, TYPE_CHECKING

from agendapack.tables import TABLES, TableSpec, table_rows

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

# Text starting with these runs as a formula when a CSV is opened in a spreadsheet.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


class OutputFormat(StrEnum):
    JSON = "json"
    CSV = "csv"
    PARQUET = "parquet"


DEFAULT_FORMATS = (OutputFormat.JSON, OutputFormat.CSV)
_FILE_MODE = 0o666


def parse_formats(text: str) -> tuple[OutputFormat, ...]:
    """'csv,parquet,json' -> the formats, in a fixed order; an unknown name is a ValueError naming the choices."""
    names = [part.strip().lower() for part in text.split(",") if part.strip()]
    try:
        chosen = {OutputFormat(name) for name in names}
    except ValueError:
        raise ValueError(f"Unknown format in {text!r}; choose from {', '.join(f.value for f in OutputFormat)}") from None
    return tuple(f for f in OutputFormat if f in chosen)


def write_document(doc: PackDocument, out_dir: Path, formats: tuple[OutputFormat, ...] = DEFAULT_FORMATS) -> Path:
    """Write one pack's outputs into `out_dir/<pack_id>/` and return that folder."""
    folder = out_dir / doc.pack_id
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write_files(folder, document_files(doc, formats))
    return folder


def document_files(doc: PackDocument, formats: tuple[OutputFormat, ...]) -> Iterator[tuple[str, bytes]]:
    """(file name, bytes) of each output, built one at a time so that only one is held in memory."""
    if OutputFormat.JSON in formats:
        yield "document.json", (doc.model_dump_json(indent=2) + "\n").encode("utf-8")
    for spec in TABLES:
        rows = table_rows(spec, doc)
        if OutputFormat.CSV in formats:
            yield f"{spec.name}.csv", csv_bytes(spec, rows)
        if OutputFormat.PARQUET in formats:
            yield f"{spec.name}.parquet", parquet_bytes(spec, rows)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: see `atomic_write_files`."""
    atomic_write_files(path.parent, [(path.name, data)])


def atomic_write_files(folder: Path, files: Iterable[tuple[str, bytes]]) -> None:
    """Write each (name, bytes) to a temporary file in `folder`, flush them all to disk, then rename each into place.

    A reader (or a rerun after a kill) sees the old file or the new one, never half of one. The files are
    synced together, after all are written, rather than one by one: on ext4 each sync commits the journal
    and the next file's creation waits for that commit, so a pack's 41 files took two to three times as
    long synced one at a time. Temporary names are unique per process and call; files get the usual
    0666 & ~umask mode.
    """
    written: list[tuple[IO[bytes], Path, Path]] = []
    try:
        for name, data in files:
            path = folder / name
            temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            handle = os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE), "wb")
            written.append((handle, temporary, path))
            handle.write(data)
            handle.flush()
        for handle, _, _ in written:
            os.fsync(handle.fileno())
            handle.close()
    except BaseException:
        for handle, temporary, _ in written:
            with contextlib.suppress(OSError):  # a failed write can fail again on close; the files go all the same
                handle.close()
            temporary.unlink(missing_ok=True)
        raise
    for index, (_, temporary, path) in enumerate(written):
        try:
            os.replace(temporary, path)
        except BaseException:
            for _, left, _ in written[index:]:
                left.unlink(missing_ok=True)
            raise


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


def parquet_bytes(spec: TableSpec, rows: list[dict]) -> bytes:
    import pyarrow as pa  # only when Parquet is asked for
    import pyarrow.parquet as pq

    arrow_types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32()}
    schema = pa.schema([pa.field(c.name, arrow_types[c.type]) for c in spec.columns])
    table = pa.Table.from_pylist(rows, schema=schema)
    sink = pa.BufferOutputStream()
    # Snappy, not zstd: on files this small zstd spends its time setting up per column; snappy writes and reads
    # them 2-3x faster (a batch re-reads every pack's files to combine them) for about 11% more bytes.
    # The combined tables, where size matters, are zstd.
    pq.write_table(table, sink, compression="snappy")
    return sink.getvalue().to_pybytes()
