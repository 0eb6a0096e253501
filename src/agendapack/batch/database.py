"""OUT/agendapack.duckdb: one typed table per combined table, loaded from the combined Parquet files.

Column types come from the table specs (string -> VARCHAR, integer -> BIGINT,
number -> DOUBLE, boolean -> BOOLEAN, date -> DATE), and every table and
column carries its description as a comment, so `DESCRIBE` and
`duckdb_columns()` document the data. The database is built in a temporary
file and renamed into place, so a reader never sees half of it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from agendapack.batch.combine import TABLES_DIR, CombinedTable

DATABASE_NAME = "agendapack.duckdb"
_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE"}


@contextlib.contextmanager
def database_builder(out_dir: Path) -> Iterator[Callable[[CombinedTable], None]]:
    """Yield `load(table)`, which copies OUT/tables/<name>.parquet into the database; on a clean exit the database
    is committed, synced and renamed into place. Tables can be loaded as soon as each Parquet file is written,
    while the others are still being combined."""
    import duckdb

    target = out_dir / DATABASE_NAME
    handle, temporary = tempfile.mkstemp(dir=out_dir, prefix=f".{DATABASE_NAME}.", suffix=".tmp")
    os.close(handle)
    os.unlink(temporary)  # DuckDB creates the file itself and refuses an empty one
    try:
        try:
            connection = duckdb.connect(temporary)
            try:
                connection.execute("SET threads = 1")  # rows keep the order of the Parquet files
                connection.execute("BEGIN TRANSACTION")  # one commit, not one per table and comment
                yield lambda table: _load_table(connection, table, out_dir / TABLES_DIR / f"{table.name}.parquet")
                connection.execute("COMMIT")
                connection.execute("CHECKPOINT")
            finally:
                connection.close()
        except (duckdb.IOException, duckdb.FatalException) as exc:  # a full disk, a file-size limit: a storage error like any other
            raise OSError(f"Writing the database {target} failed: {exc}") from exc
        with open(temporary, "rb") as synced:
            os.fsync(synced.fileno())
        os.replace(temporary, target)
    finally:
        for leftover in (Path(temporary), Path(temporary + ".wal")):
            leftover.unlink(missing_ok=True)


def _load_table(connection, table: CombinedTable, parquet: Path) -> None:
    columns = ", ".join(f"{_quote(c.name)} {_SQL_TYPES[c.type]}" for c in table.columns)
    connection.execute(f"CREATE TABLE {_quote(table.name)} ({columns})")
    names = ", ".join(_quote(c.name) for c in table.columns)
    connection.execute(f"INSERT INTO {_quote(table.name)} SELECT {names} FROM read_parquet(?)", [str(parquet)])
    connection.execute(f"COMMENT ON TABLE {_quote(table.name)} IS {_literal(table.description)}")
    for column in table.columns:
        connection.execute(f"COMMENT ON COLUMN {_quote(table.name)}.{_quote(column.name)} IS {_literal(column.description)}")


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
