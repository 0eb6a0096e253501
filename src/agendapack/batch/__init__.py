"""Batch ingestion: many packs, incrementally, in parallel, into combined CSV/Parquet tables, DuckDB and a data package.

    from agendapack.batch import BatchOptions, run_batch
    result = run_batch(["packs/"], Path("out"), BatchOptions(workers=4))

See `runner.py` for the layout of the output folder.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from agendapack.batch.inputs import InputError
    from agendapack.batch.pool import Limits
    from agendapack.batch.runner import BatchFailed, BatchLocked, BatchOptions, BatchResult, FileResult, run_batch

__all__ = ["BatchFailed", "BatchLocked", "BatchOptions", "BatchResult", "FileResult", "InputError", "Limits", "run_batch"]
_RUNNER = ("BatchFailed", "BatchLocked", "BatchOptions", "BatchResult", "FileResult", "run_batch")
_HOMES = {"InputError": "inputs", "Limits": "pool"} | {name: "runner" for name in _RUNNER}


def __getattr__(name: str) -> Any:
    """Imported on first use: a worker process (`agendapack.batch.worker`) needs none of the runner's imports."""
    if name not in _HOMES:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"agendapack.batch.{_HOMES[name]}"), name)
