"""Combined tables over all packs: OUT/tables/<name>.csv and .parquet, rebuilt from the per-pack folders.

Every `TableSpec` in `agendapack.output.tables.TABLES` gets a combined table, so a
record family added there shows up here with no change. Rows are ordered by
pack id (then as the pack wrote them); the CSV bodies are the per-pack CSVs
byte for byte, so formatting rules live in one place (`output/to_csv.py`). The
`manifest` table (one row per input file) is the batch's own.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from agendapack.output.atomic import atomic_output
from agendapack.output.spec import TO_PACK, Column, ForeignKey, TableSpec, col, in_dependency_order
from agendapack.output.tables import TABLES
from agendapack.output.to_csv import csv_bytes
from agendapack.output.to_parquet import arrow_schema

TABLES_DIR = "tables"
_ROW_GROUP_ROWS = 65_536  # rows buffered per Parquet row group: bounded memory over thousands of packs


@dataclass(frozen=True)
class CombinedTable:
    """A combined table's name, description, columns and keys: a TableSpec without the row function."""

    name: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()


MANIFEST_TABLE = CombinedTable(
    "manifest",
    "One row per input file: where it was read from, the pack it became, its status, and the metadata given in a CSV manifest",
    (
        col("source_path", "string", "The input file's path as given to the batch (undecodable bytes as \\xNN)"),
        col("pack_id", "string", "The pack this file became; joins every other table"),
        col("file_name", "string", "The file's name"),
        col("sha256", "string", "SHA-256 of the file's bytes"),
        col("size_bytes", "integer", "File size in bytes"),
        col("page_count", "integer", "Pages in the file"),
        col("status", "string", "success, partial_success, failure or skipped"),
        col("issue_count", "integer", "Issues recorded for the pack"),
        col("error_codes", "string", "Codes of the error-severity issues, space-separated"),
        col("source_url", "string", "From the CSV manifest"),
        col("pipeline", "string", "The agendapack, schema and table-layout versions that read it"),
        col("council", "string", "The CSV manifest's council, else the pack's (as printed, else its council profile's)"),
        col("council_source", "string", "manifest, document or profile"),
        col("committee", "string", "The CSV manifest's committee, else the body of the pack's own meeting"),
        col("committee_source", "string", "manifest or document"),
        col("meeting_date", "date", "The CSV manifest's meeting date, else the date of the pack's own meeting"),
        col("meeting_date_source", "string", "manifest or document"),
    ),
    ("source_path",),
    (TO_PACK,),
)


def combined_tables() -> tuple[CombinedTable, ...]:
    """One combined table per record table and the manifest, each after the tables its foreign keys name."""
    return tuple(in_dependency_order((MANIFEST_TABLE, *(_from_spec(spec) for spec in TABLES))))


def _from_spec(spec: TableSpec) -> CombinedTable:
    return CombinedTable(spec.name, spec.description, spec.columns, spec.primary_key, spec.foreign_keys)


def write_combined(out_dir: Path, packs_dir: Path, pack_ids: list[str], manifest_rows: list[dict[str, Any]], formats: set[str], threads: int = 1,
                   then: Callable[[CombinedTable], None] | None = None) -> list[CombinedTable]:
    """Write out_dir/tables/* from the given packs in `packs_dir` (sorted, each once) and manifest rows; return the tables.

    Tables are independent files, so `threads` of them are written at once (Arrow and file I/O release the GIL).
    `then(table)` runs in the calling thread, in table order, as soon as that table's files are in place, so
    the database can load one table while the next ones are still being written.
    """
    folder = out_dir / TABLES_DIR
    folder.mkdir(parents=True, exist_ok=True)
    packs = [packs_dir / pack_id for pack_id in sorted(set(pack_ids))]
    manifest_rows = sorted(manifest_rows, key=lambda row: row["source_path"])
    tables = combined_tables()

    def write_table(table: CombinedTable) -> None:
        if "csv" in formats:
            with atomic_output(folder / f"{table.name}.csv") as handle:
                _write_csv(handle, table, packs, manifest_rows)
        if "parquet" in formats:
            with atomic_output(folder / f"{table.name}.parquet") as handle:
                _write_parquet(handle, table, packs, manifest_rows)

    with ThreadPoolExecutor(max_workers=max(threads, 1)) as pool:
        for table, written in zip(tables, [pool.submit(write_table, table) for table in tables], strict=True):
            written.result()  # re-raises the table's error
            if then is not None:
                then(table)
    return list(tables)


def _write_csv(handle: IO[bytes], table: CombinedTable, packs: list[Path], manifest_rows: list[dict[str, Any]]) -> None:
    if table is MANIFEST_TABLE:
        handle.write(csv_bytes(_spec_like(table), manifest_rows))
        return
    handle.write(csv_bytes(_spec_like(table), []))  # the header row
    for pack in packs:
        if not (pack / f"{table.name}.csv").is_file():
            continue  # a pack with no rows in this table writes no file
        with (pack / f"{table.name}.csv").open("rb") as source:
            source.readline()  # each pack's own header
            for chunk in iter(lambda: source.read(1 << 20), b""):
                handle.write(chunk)


def _write_parquet(handle: IO[bytes], table: CombinedTable, packs: list[Path], manifest_rows: list[dict[str, Any]]) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(table.columns)
    with pq.ParquetWriter(handle, schema, compression="zstd") as writer:
        if table is MANIFEST_TABLE:
            writer.write_table(pa.Table.from_pylist(manifest_rows, schema=schema))
            return
        for group in _row_groups(_pack_parts(packs, table.name, schema), schema):
            writer.write_table(group, row_group_size=_ROW_GROUP_ROWS)


def _pack_parts(packs: list[Path], name: str, schema: Any) -> Iterator[Any]:
    """Each pack's rows of one table. Most packs have no rows in most tables: the row count in a file's footer
    is read first (cheap), and only files with rows are read. For files this small, ParquetFile is 2x faster than
    read_table, and reading without read-ahead or Arrow's thread pool 2x faster again (tables are combined in parallel)."""
    import pyarrow.parquet as pq

    for pack in packs:
        if not (pack / f"{name}.parquet").is_file():
            continue  # a pack with no rows in this table writes no file
        with pq.ParquetFile(pack / f"{name}.parquet", pre_buffer=False) as source:
            if source.metadata.num_rows:
                yield source.read(use_threads=False).cast(schema)


def _row_groups(parts: Iterator[Any], schema: Any) -> Iterator[Any]:
    """Per-pack tables gathered into groups of about _ROW_GROUP_ROWS rows; always at least one (maybe empty) group."""
    import pyarrow as pa

    buffered: list[Any] = []
    rows = 0
    for part in parts:
        buffered.append(part)
        rows += part.num_rows
        if rows >= _ROW_GROUP_ROWS:
            yield pa.concat_tables(buffered).combine_chunks()
            buffered, rows = [], 0
    if buffered or rows == 0:
        yield pa.concat_tables(buffered).combine_chunks() if buffered else schema.empty_table()


def _spec_like(table: CombinedTable) -> TableSpec:
    return TableSpec(table.name, table.description, table.columns, lambda doc: iter(()), table.primary_key)
