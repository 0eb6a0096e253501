"""Parquet: one typed Arrow column per spec column."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agendapack.output.spec import Column, TableSpec


def arrow_schema(columns: tuple[Column, ...]) -> Any:
    import pyarrow as pa  # only when Parquet is asked for

    types = {"string": pa.string(), "integer": pa.int64(), "number": pa.float64(), "boolean": pa.bool_(), "date": pa.date32(), "time": pa.time32("s")}
    return pa.schema([pa.field(c.name, types[c.type]) for c in columns])


def parquet_bytes(spec: TableSpec, columns: dict[str, list]) -> memoryview:
    """The Parquet file of one list per column; Arrow's own buffer, not a copy of it as bytes."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = arrow_schema(spec.columns)
    # Column lists, not a list of row dicts: Arrow builds each column in one pass (about 3x faster on a pack's tables).
    table = pa.Table.from_pydict({name: columns[name] for name in schema.names}, schema=schema)
    sink = pa.BufferOutputStream()
    # Snappy, not zstd: on files this small zstd spends its time setting up per column; snappy writes and reads
    # them 2-3x faster (a batch re-reads every pack's files to combine them) for about 11% more bytes.
    # The combined tables, where size matters, are zstd.
    pq.write_table(table, sink, compression="snappy")
    return memoryview(sink.getvalue())
