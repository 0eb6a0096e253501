"""The flat tables as pandas DataFrames, typed as the specs say: what `PackDocument.frames()` and `read_table` return.

Text columns are pandas strings even when every value is missing (a plain `pd.read_csv` makes an empty
column float64), integers are nullable Int64, booleans nullable booleans, dates datetime64 and times
`datetime.time` objects.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from agendapack.output.tables import TABLES, table_rows
from agendapack.output.to_parquet import arrow_schema

if TYPE_CHECKING:
    import pandas as pd

    from agendapack.models.document import PackDocument
    from agendapack.output.spec import Column


def frames(doc: PackDocument) -> dict[str, pd.DataFrame]:
    """Every flat table of one document, by name, in the order of TABLES."""
    import pyarrow as pa

    return {spec.name: _typed(pa.Table.from_pylist(table_rows(spec, doc), schema=arrow_schema(spec.columns))) for spec in TABLES}


def read_table(path: str | Path) -> pd.DataFrame:
    """A table agendapack wrote (a pack's or a batch's `<name>.csv` or `.parquet`), typed by its spec.

    The name of the file says which table it is; the batch's `manifest.csv` is known too. A pack folder has no
    file for a table without rows: for such a path (the folder's `document.json` or `packs` table is there) the table's empty frame.
    """
    import pyarrow as pa
    import pyarrow.csv as pv
    import pyarrow.parquet as pq

    path = Path(path)
    columns = _columns(path.stem)
    schema = arrow_schema(columns)
    if not path.exists() and any((path.parent / name).is_file() for name in ("document.json", "packs.csv", "packs.parquet")):
        return _typed(schema.empty_table())  # a pack folder (its one-row packs table or its document is there)
    if path.suffix.lower() == ".parquet":
        return _typed(pq.read_table(path).cast(schema))
    options = pv.ConvertOptions(column_types=schema, null_values=[""], strings_can_be_null=True, true_values=["true"], false_values=["false"])
    table = pv.read_csv(path, convert_options=options, read_options=pv.ReadOptions(use_threads=False))
    return _typed(table.select([c.name for c in columns]).cast(pa.schema(schema)))


def _columns(name: str) -> tuple[Column, ...]:
    from agendapack.batch.combine import MANIFEST_TABLE

    for table in (*TABLES, MANIFEST_TABLE):
        if table.name == name:
            return table.columns
    raise KeyError(f"{name!r} is not a table agendapack writes; known: {', '.join(t.name for t in TABLES)}, manifest")


def _typed(table: Any) -> pd.DataFrame:
    import pandas as pd
    import pyarrow as pa

    kinds = {pa.string(): pd.StringDtype(), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype(), pa.float64(): pd.Float64Dtype()}
    return table.to_pandas(types_mapper=kinds.get, date_as_object=False)
