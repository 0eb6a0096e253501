"""OUT/agendapack.sqlite and OUT/metadata.json: the combined tables in SQLite, ready for Datasette.

Built with the standard library's sqlite3 from the combined Parquet files, with the same tables, keys and
`v_<table>` views as the DuckDB database: typed columns (TEXT, INTEGER, REAL; booleans as 0/1, dates and
times as ISO 8601 text), primary keys, foreign keys and an index on each foreign key's columns.
`metadata.json` carries every table's, view's and column's description in Datasette's format:

    datasette serve OUT/agendapack.sqlite --metadata OUT/metadata.json

The file is built aside and renamed into place; the same inputs give the same bytes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from agendapack import __version__
from agendapack.batch.combine import TABLES_DIR, CombinedTable
from agendapack.batch.database import create_table_sql
from agendapack.batch.views import q, views
from agendapack.output.atomic import atomic_write_bytes

SQLITE_NAME = "agendapack.sqlite"
METADATA_NAME = "metadata.json"
_SQL_TYPES = {"string": "TEXT", "integer": "INTEGER", "number": "REAL", "boolean": "INTEGER", "date": "TEXT", "time": "TEXT"}
_BATCH_ROWS = 10_000


def write_sqlite(out_dir: Path, tables: list[CombinedTable]) -> Path:
    """Build out_dir/agendapack.sqlite from out_dir/tables/*.parquet, and its metadata.json beside it."""
    target = out_dir / SQLITE_NAME
    temporary = out_dir / f".{SQLITE_NAME}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    try:
        connection = sqlite3.connect(temporary, isolation_level=None)
        try:
            connection.execute("PRAGMA journal_mode = OFF")  # built aside in one go: a crash leaves a temporary file, not a database
            connection.execute("PRAGMA synchronous = OFF")
            connection.execute("BEGIN")
            for table in tables:
                _load(connection, table, out_dir / TABLES_DIR / f"{table.name}.parquet")
            for view in views(tables):
                connection.execute(f"CREATE VIEW {q(view.name)} AS {view.sql}")
            connection.execute("COMMIT")
        finally:
            connection.close()
        with open(temporary, "rb") as synced:
            os.fsync(synced.fileno())
        os.replace(temporary, target)
    except sqlite3.OperationalError as exc:  # "database or disk is full", a file-size limit: a storage error
        raise OSError(f"Writing the SQLite database {target} failed: {exc}") from exc
    finally:
        temporary.unlink(missing_ok=True)
    atomic_write_bytes(out_dir / METADATA_NAME, (json.dumps(datasette_metadata(tables), indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return target


def _load(connection: sqlite3.Connection, table: CombinedTable, parquet: Path) -> None:
    connection.execute(create_table_sql(table, _SQL_TYPES))
    for number, key in enumerate(table.foreign_keys, start=1):
        connection.execute(f"CREATE INDEX {q(f'{table.name}_fk{number}')} ON {q(table.name)} ({', '.join(map(q, key.columns))})")
    insert = f"INSERT INTO {q(table.name)} VALUES ({', '.join('?' for _ in table.columns)})"
    for rows in _parquet_rows(parquet, table):
        connection.executemany(insert, rows)


def _parquet_rows(parquet: Path, table: CombinedTable) -> Iterator[list[tuple[Any, ...]]]:
    import pyarrow.parquet as pq

    names = [c.name for c in table.columns]
    with pq.ParquetFile(parquet) as source:
        for batch in source.iter_batches(batch_size=_BATCH_ROWS, columns=names):
            columns = [[_sqlite_value(value) for value in batch.column(name).to_pylist()] for name in names]
            yield list(zip(*columns, strict=True))


def _sqlite_value(value: Any) -> Any:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    return value


def datasette_metadata(tables: list[CombinedTable]) -> dict:
    """Datasette's metadata.json: the database's title, and each table's and view's description and column descriptions."""
    described: dict[str, dict] = {
        table.name: {"description": table.description, "columns": {c.name: c.description for c in table.columns}} for table in tables
    }
    for view in views(tables):
        described[view.name] = {"description": view.description}
    return {
        "title": "Council agenda packs read by agendapack",
        "description": f"Tables written by agendapack {__version__}: one row per record, pages are 1-based physical pages, "
                       "boxes are PDF points from the top-left corner.",
        "databases": {Path(SQLITE_NAME).stem: {"tables": described}},
    }
