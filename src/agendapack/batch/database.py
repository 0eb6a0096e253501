"""OUT/agendapack.duckdb: one typed table per combined table, loaded from the combined Parquet files.

Column types come from the table specs (string -> VARCHAR, integer -> BIGINT,
number -> DOUBLE, boolean -> BOOLEAN, date -> DATE, time -> TIME), every table
has its primary key and foreign keys as constraints, and every table, view and
column carries its description as a comment, so `DESCRIBE`, `duckdb_columns()`
and `duckdb_constraints()` document the data. The `v_<table>` views
(`views.py`) put each record beside its council, committee, meeting date and
file. The database is built in a temporary file and renamed into place, so a
reader never sees half of it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

from agendapack.batch.combine import TABLES_DIR, CombinedTable
from agendapack.batch.views import q, views

DATABASE_NAME = "agendapack.duckdb"
_SQL_TYPES = {"string": "VARCHAR", "integer": "BIGINT", "number": "DOUBLE", "boolean": "BOOLEAN", "date": "DATE", "time": "TIME"}


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
                loaded: list[CombinedTable] = []

                def load(table: CombinedTable) -> None:
                    _load_table(connection, table, out_dir / TABLES_DIR / f"{table.name}.parquet")
                    loaded.append(table)

                yield load
                for view in views(loaded):
                    connection.execute(f"CREATE VIEW {q(view.name)} AS {view.sql}")
                    connection.execute(f"COMMENT ON VIEW {q(view.name)} IS {_literal(view.description)}")
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
    connection.execute(create_table_sql(table, _SQL_TYPES))
    names = ", ".join(q(c.name) for c in table.columns)
    own = [key for key in table.foreign_keys if key.table == table.name]
    if not own:
        connection.execute(f"INSERT INTO {q(table.name)} SELECT {names} FROM read_parquet(?)", [str(parquet)])
    else:
        _load_in_generations(connection, table, names, own, parquet)
    connection.execute(f"COMMENT ON TABLE {q(table.name)} IS {_literal(table.description)}")
    for column in table.columns:
        connection.execute(f"COMMENT ON COLUMN {q(table.name)}.{q(column.name)} IS {_literal(column.description)}")


def _load_in_generations(connection, table: CombinedTable, names: str, own: list, parquet: Path) -> None:
    """A table whose rows refer to rows of the same table (sections to their parent): DuckDB checks a foreign key
    against the rows already stored, not those of the same statement, so the rows go in generation by generation,
    each once every row it refers to is in. A row whose parent never comes would stop the loop: `keys` rules it out."""
    key = ", ".join(f"s.{q(c)}" for c in table.primary_key)
    stored = f"({key}) NOT IN (SELECT ({', '.join(map(q, table.primary_key))}) FROM {q(table.name)})"
    ready = " AND ".join(
        f"({' OR '.join(f's.{q(c)} IS NULL' for c in k.columns)} OR ({', '.join(f's.{q(c)}' for c in k.columns)}) IN "
        f"(SELECT ({', '.join(map(q, k.references))}) FROM {q(table.name)}))"
        for k in own
    )
    selected = ", ".join(f"s.{q(c.name)}" for c in table.columns)
    while True:
        inserted = connection.execute(
            f"INSERT INTO {q(table.name)} SELECT {selected} FROM read_parquet(?) s WHERE {stored} AND {ready}", [str(parquet)]
        ).fetchone()[0]
        if not inserted:
            break


def create_table_sql(table: CombinedTable, sql_types: dict[str, str]) -> str:
    """CREATE TABLE with typed columns, the primary key and the foreign keys (DuckDB and SQLite read it alike)."""
    parts = [f"{q(c.name)} {sql_types[c.type]}" for c in table.columns]
    parts.append(f"PRIMARY KEY ({', '.join(map(q, table.primary_key))})")
    for key in table.foreign_keys:
        parts.append(f"FOREIGN KEY ({', '.join(map(q, key.columns))}) REFERENCES {q(key.table)} ({', '.join(map(q, key.references))})")
    return f"CREATE TABLE {q(table.name)} ({', '.join(parts)})"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
