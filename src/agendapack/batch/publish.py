"""The combined outputs of OUT, built together aside and then put in place together.

Everything is first written into OUT/.staging/combined/ (tables/*.csv and
*.parquet, the DuckDB and SQLite databases, Datasette's metadata.json, the
data package). Only when all of it is written do
the files replace the ones in OUT, by renames, which need no space: a disk that
fills up, a file-size limit or any other error while building leaves the last
good combined files as they were, all from the same build.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from pathlib import Path
from typing import Any

from agendapack.batch.combine import TABLES_DIR, combined_tables, write_combined
from agendapack.batch.database import DATABASE_NAME, database_builder
from agendapack.batch.datapackage import DATAPACKAGE_NAME, write_datapackage
from agendapack.batch.sqlite import METADATA_NAME, SQLITE_NAME, write_sqlite
from agendapack.output.atomic import sync_folder

COMBINED_FORMATS = ("csv", "parquet", "duckdb", "sqlite")
BUILD_DIR = "combined"  # inside the staging folder


def table_formats(formats: tuple[str, ...] | set[str]) -> set[str]:
    """The table files a set of combined formats needs: the databases are loaded from the Parquet files."""
    return {fmt for fmt in formats if fmt in ("csv", "parquet")} | ({"parquet"} if {"duckdb", "sqlite"} & set(formats) else set())


def combined_files(formats: tuple[str, ...] | set[str]) -> list[str]:
    """Paths, relative to OUT, of every combined file the formats ask for."""
    wanted = table_formats(formats)
    names = [f"{TABLES_DIR}/{table.name}.{fmt}" for table in combined_tables() for fmt in ("csv", "parquet") if fmt in wanted]
    if "csv" in formats:
        names.append(DATAPACKAGE_NAME)
    if "duckdb" in formats:
        names.append(DATABASE_NAME)
    if "sqlite" in formats:
        names += [SQLITE_NAME, METADATA_NAME]
    return names


def publish_combined(out_dir: Path, staging: Path, pack_ids: list[str], manifest_rows: list[dict[str, Any]], formats: tuple[str, ...], threads: int) -> None:
    """Build every combined file from the pack folders in OUT/packs, then move them all into OUT."""
    build = staging / BUILD_DIR
    shutil.rmtree(build, ignore_errors=True)
    build.mkdir(parents=True)
    try:
        with database_builder(build) if "duckdb" in formats else contextlib.nullcontext() as load_into_database:
            tables = write_combined(build, out_dir / "packs", pack_ids, manifest_rows, table_formats(formats), threads=threads, then=load_into_database)
        if "sqlite" in formats:
            write_sqlite(build, tables)
        if "csv" in formats:
            write_datapackage(build, tables)
        (out_dir / TABLES_DIR).mkdir(exist_ok=True)
        for name in combined_files(formats):
            os.replace(build / name, out_dir / name)
        for folder in (out_dir / TABLES_DIR, out_dir):
            sync_folder(folder)
    finally:
        shutil.rmtree(build, ignore_errors=True)
