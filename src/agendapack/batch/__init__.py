"""Batch ingestion: many packs, incrementally, in parallel, into combined CSV/Parquet tables, DuckDB and a data package.

    from agendapack.batch import BatchOptions, run_batch
    result = run_batch(["packs/"], Path("out"), BatchOptions(workers=4))

See `runner.py` for the layout of the output folder.
"""

from __future__ import annotations

from agendapack.batch.inputs import InputError
from agendapack.batch.pool import Limits
from agendapack.batch.runner import BatchLocked, BatchOptions, BatchResult, FileResult, run_batch

__all__ = ["BatchLocked", "BatchOptions", "BatchResult", "FileResult", "InputError", "Limits", "run_batch"]
