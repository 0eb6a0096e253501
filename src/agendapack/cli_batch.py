"""`agendapack batch`: many packs, incrementally, into combined tables."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from agendapack.cli import OcrOpt, app, console, exit_code, ocr_mode

# Documented in README ("Batch"): 0-4 as for `parse`, over every input file's status.
EXIT_CANNOT_RUN = 5  # no worker could start, or the Dask scheduler could not be reached
EXIT_INTERRUPTED = 130
_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([kmgt]?)i?b?\s*$", re.I)
_UNITS = {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30, "t": 1 << 40}


def parse_size(text: str) -> int:
    """'2G' -> 2147483648, '512M', '0' (no limit); binary units, an optional 'B' or 'iB'."""
    match = _SIZE.match(text)
    if not match:
        raise ValueError(f"{text!r} is not a size such as 512M or 2G")
    return int(float(match.group(1)) * _UNITS[match.group(2).lower()])


_INPUTS_HELP = "PDF files, folders (searched for *.pdf), globs, or CSV manifests with a 'path' column"
InputsArg = Annotated[list[str], typer.Argument(help=_INPUTS_HELP, show_default=False)]
_CPUS = os.cpu_count() or 1


@app.command()
def batch(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder: packs/, tables/, agendapack.duckdb, datapackage.json, manifest.json")] = Path("out"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (Dask: workers of a local cluster); default: CPUs")] = _CPUS,
    executor: Annotated[str, typer.Option("--executor", help="process (a local process pool) or dask")] = "process",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); a local cluster when omitted")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Seconds one file may take before its worker is stopped; 0 for no limit")] = 600.0,
    memory_limit: Annotated[str, typer.Option("--memory-limit", help="Memory a worker may use for a file beyond its libraries (512M, 2G); 0: none")] = "2G",
    max_tasks_per_worker: Annotated[int, typer.Option("--max-tasks-per-worker", min=1, help="Files a worker reads before it is replaced by a fresh one")] = 100,
    force: Annotated[bool, typer.Option("--force", help="Read every file again, even those unchanged since the last run")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="Combined outputs, comma-separated: csv, parquet, duckdb")] = "csv,parquet,duckdb",
    profile: Annotated[str | None, typer.Option("--profile", help="Force a council profile instead of choosing by match")] = None,
    log_format: Annotated[str, typer.Option("--log-format", help="text (progress bar on a terminal, plain lines otherwise) or json (JSON lines)")] = "text",
    ocr: OcrOpt = "auto",
) -> None:
    """Read many packs in parallel into OUT: per-pack folders, combined CSV/Parquet tables, a DuckDB database and a data package.

    Files unchanged since the last run into OUT are skipped; a killed batch picks up where it stopped.
    """
    from agendapack.batch import BatchLocked, BatchOptions, InputError, Limits, run_batch
    from agendapack.batch.dask_executor import DaskUnavailable
    from agendapack.batch.pool import WorkerStartError
    from agendapack.batch.report import make_reporter
    from agendapack.batch.runner import COMBINED_FORMATS

    options = BatchOptions(
        workers=workers,
        executor=_choice(executor, ("process", "dask"), "--executor"),
        scheduler=scheduler,
        limits=Limits(timeout=timeout, memory_bytes=_size(memory_limit), max_tasks_per_worker=max_tasks_per_worker),
        force=force,
        profile=profile,
        formats=_formats(format, COMBINED_FORMATS),
        ocr=ocr_mode(ocr),
    )
    reporter = make_reporter(_choice(log_format, ("text", "json"), "--log-format"))
    try:
        result = run_batch(inputs, out, options, reporter)
    except (InputError, BatchLocked, DaskUnavailable) as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(2) from None
    except WorkerStartError as exc:
        console.print(f"[red]error:[/] {escape(str(exc))}", highlight=False)
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    except KeyboardInterrupt:
        console.print("interrupted: rerun the same command to finish (finished packs are kept)")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    raise typer.Exit(exit_code(result.statuses))


def _choice(value: str, choices: tuple[str, ...], option: str) -> str:
    if value.lower() not in choices:
        raise typer.BadParameter(f"choose from {', '.join(choices)}", param_hint=option)
    return value.lower()


def _size(text: str) -> int:
    try:
        return parse_size(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--memory-limit") from None


def _formats(text: str, known: tuple[str, ...]) -> tuple[str, ...]:
    chosen = {part.strip().lower() for part in text.split(",") if part.strip()}
    unknown = chosen - set(known)
    if unknown or not chosen:
        raise typer.BadParameter(f"choose from {', '.join(known)}", param_hint="--format")
    return tuple(fmt for fmt in known if fmt in chosen)
