"""`agendapack batch`: many packs, incrementally, into combined tables."""

from __future__ import annotations

import os
import re
import traceback
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from agendapack.cli import EXIT_CANNOT_RUN, EXIT_USAGE, OcrOpt, app, console, exit_code, ocr_mode
from agendapack.terminal import printable

# Documented in README ("Batch") and in --help: 0, 1, 3, 4 as for `parse`, over this run's input files; 2 a usage
# error found before any work (OUT untouched); 5 the batch itself could not run or finish (last good files kept).
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
InputsArg = Annotated[list[str], typer.Argument(help=_INPUTS_HELP, show_default=False, metavar="INPUT...")]
BATCH_EXIT_HELP = """\b
Exit codes:
  0    every input file success (files unchanged since the last run count with their recorded status)
  1    some file failure (not a PDF, encrypted, unreadable, missing from a manifest)
  3    some file partial_success
  4    some file skipped (no pages, or no text layer)
  2    usage error (bad option, missing input path, a folder without PDFs, a bad manifest,
       OUT not a folder or in use by another batch): nothing in OUT was changed
  5    the batch could not run or finish (a full disk, a file-size limit, no worker could start,
       the Dask scheduler unreachable, an internal error): the last good files in OUT are kept
  130  interrupted: run the same command again to finish"""
_CPUS = os.cpu_count() or 1
_OUT_HELP = "Output folder: packs/, tables/, agendapack.duckdb, agendapack.sqlite (+ metadata.json), datapackage.json, manifest.json"
_FORMATS = "csv,parquet,duckdb,sqlite"


@app.command(epilog=BATCH_EXIT_HELP)
def batch(
    inputs: InputsArg,
    out: Annotated[Path, typer.Option("--out", "-o", help=_OUT_HELP)] = Path("out"),
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="Worker processes (Dask: workers of a local cluster); default: CPUs")] = _CPUS,
    executor: Annotated[str, typer.Option("--executor", help="process (a local process pool) or dask")] = "process",
    scheduler: Annotated[str | None, typer.Option("--scheduler", help="Dask scheduler address (tcp://host:8786); a local cluster when omitted")] = None,
    timeout: Annotated[float, typer.Option("--timeout", min=0, help="Seconds one file may take before its worker is stopped; 0 for no limit")] = 600.0,
    memory_limit: Annotated[str, typer.Option("--memory-limit", help="Memory a worker may use for a file beyond its libraries (512M, 2G); 0: none")] = "2G",
    max_tasks_per_worker: Annotated[int, typer.Option("--max-tasks-per-worker", min=1, help="Files a worker reads before it is replaced by a fresh one")] = 100,
    force: Annotated[bool, typer.Option("--force", help="Read every file again, even those unchanged since the last run")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Drop from OUT the files whose input path is gone (else OUT keeps every file read)")] = False,
    format: Annotated[str, typer.Option("--format", "-f", help="Combined outputs, comma-separated: csv, parquet, duckdb, sqlite")] = _FORMATS,
    profile: Annotated[str | None, typer.Option("--profile", help="Force a council profile instead of choosing by match")] = None,
    log_format: Annotated[str, typer.Option("--log-format", help="text (progress bar on a terminal, plain lines otherwise) or json (JSON lines)")] = "text",
    ocr: OcrOpt = "auto",
) -> None:
    """Read many packs in parallel into OUT: per-pack folders, combined CSV/Parquet tables, a DuckDB database and a data package.

    Files unchanged since the last run into OUT are skipped; a killed batch picks up where it stopped. OUT keeps every
    file it has read: a run over new packs only adds them (--prune drops the files whose input path is gone).
    """
    from agendapack.batch import BatchFailed, BatchLocked, BatchOptions, InputError, Limits, run_batch
    from agendapack.batch.dask_executor import DaskUnavailable
    from agendapack.batch.pool import WorkerStartError
    from agendapack.batch.publish import COMBINED_FORMATS
    from agendapack.batch.report import make_reporter

    options = BatchOptions(
        workers=workers,
        executor=_choice(executor, ("process", "dask"), "--executor"),
        scheduler=scheduler,
        limits=Limits(timeout=timeout, memory_bytes=_size(memory_limit), max_tasks_per_worker=max_tasks_per_worker),
        force=force,
        prune=prune,
        profile=profile,
        formats=_formats(format, COMBINED_FORMATS),
        ocr=ocr_mode(ocr),
    )
    reporter = make_reporter(_choice(log_format, ("text", "json"), "--log-format"))
    try:
        result = run_batch(inputs, out, options, reporter)
    except (InputError, BatchLocked, DaskUnavailable) as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_USAGE) from None
    except (BatchFailed, WorkerStartError) as exc:
        _error(str(exc))
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    except KeyboardInterrupt:
        console.print("interrupted: rerun the same command to finish (finished packs are kept)")
        raise typer.Exit(EXIT_INTERRUPTED) from None
    except Exception as exc:  # a bug in the batch itself: its own exit code, never one that reads as a data outcome
        traceback.print_exc()
        _error(f"the batch stopped on an internal error ({type(exc).__name__}: {exc}); finished packs are kept")
        raise typer.Exit(EXIT_CANNOT_RUN) from None
    raise typer.Exit(exit_code(result.statuses))


def _error(message: str) -> None:
    console.print(f"[red]error:[/] {escape(printable(message))}", highlight=False)


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
