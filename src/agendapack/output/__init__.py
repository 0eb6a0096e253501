"""The output half of the work: flat tables from a `PackDocument`, and the files they are written to.

    spec.py                    Column and TableSpec: the one schema for every format
    core.py, meetings.py,      the column specs, one module per record family
    tabular.py
    tables.py                  TABLES: every spec, in a fixed order
    to_json.py, to_csv.py,     one writer per format: bytes from a document or from rows
    to_parquet.py
    atomic.py                  atomic writes: temporary file, sync, rename
    write.py                   a pack's folder: every format asked for, written atomically

Imports stay light here: a batch rerun that finds every file unchanged loads the specs, not pydantic or Arrow.
"""
