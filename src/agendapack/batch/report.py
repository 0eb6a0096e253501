"""How a batch tells its progress: a rich progress bar on a terminal, plain log lines otherwise, JSON lines for schedulers.

All of it goes to stderr; the end summary (succeeded, partial, failed,
skipped, unchanged, pages, pages/s) is a table in text mode and one
"summary" event in JSON mode.
"""

from __future__ import annotations

import json
import sys
import time
from typing import TYPE_CHECKING, Any, Protocol, TextIO

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from agendapack.terminal import printable

if TYPE_CHECKING:
    from agendapack.batch.runner import BatchResult

_COLOURS = {"success": "green", "partial_success": "yellow", "skipped": "cyan", "failure": "red"}


class Reporter(Protocol):
    def started(self, total: int, todo: int, workers: int, executor: str) -> None: ...
    def file_done(self, key: str, entry: dict[str, Any]) -> None: ...
    def note(self, message: str) -> None: ...
    def finished(self, result: BatchResult) -> None: ...


class SilentReporter:
    """For the library call: says nothing."""

    def started(self, total: int, todo: int, workers: int, executor: str) -> None:
        pass

    def file_done(self, key: str, entry: dict[str, Any]) -> None:
        pass

    def note(self, message: str) -> None:
        pass

    def finished(self, result: BatchResult) -> None:
        pass


_SUMMARY_LABELS = {
    "succeeded": "succeeded",
    "partial": "partial",
    "failed": "failed",
    "skipped": "skipped (no pages or no text layer)",
    "unchanged": "skipped (unchanged since the last run)",
    "pruned": "dropped from OUT (--prune: input gone)",
    "recorded": "files recorded in OUT",
    "pages": "pages read",
    "pages_per_second": "pages/s",
    "seconds": "seconds",
}


def summary_figures(result: BatchResult) -> dict[str, int | float]:
    """Files read this run by status, files left unchanged, pages read and the rate."""
    counts = result.counts()
    return {
        "succeeded": counts["success"], "partial": counts["partial_success"], "failed": counts["failure"], "skipped": counts["skipped"],
        "unchanged": counts["unchanged"], "pruned": len(result.pruned), "recorded": result.recorded, "pages": result.pages_read,
        "pages_per_second": round(result.pages_read / result.seconds, 1) if result.seconds else 0.0, "seconds": round(result.seconds, 2),
    }


class TextReporter:
    """One plain line per file: for logs that are not a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.console = Console(file=stream or sys.stderr, highlight=False, soft_wrap=True)
        self.done = 0
        self.todo = 0

    def started(self, total: int, todo: int, workers: int, executor: str) -> None:
        self.todo = todo
        self.console.print(f"batch: {total} files, {todo} to read, {total - todo} unchanged; {workers} workers ({executor})", markup=False)

    def file_done(self, key: str, entry: dict[str, Any]) -> None:
        self.done += 1
        errors = f" [{' '.join(entry['error_codes'])}]" if entry["error_codes"] else ""
        where = f"{printable(key)}: {entry['pages']} pages, {entry['seconds']:.2f} s -> packs/{entry['pack_id']}"
        line = f"[{self.done}/{self.todo}] {entry['status']} {where}{errors}"
        self.console.print(line, markup=False)

    def note(self, message: str) -> None:
        self.console.print(message, markup=False)

    def finished(self, result: BatchResult) -> None:
        table = Table(title=f"batch into {result.out_dir}", show_header=False)
        for name, value in summary_figures(result).items():
            table.add_row(_SUMMARY_LABELS[name], str(value))
        self.console.print(table)


class ProgressReporter(TextReporter):
    """A live bar (files done of files to read, pages, ETA) with failures printed above it: for a terminal."""

    def __init__(self, stream: TextIO | None = None) -> None:
        super().__init__(stream)
        self.console = Console(file=stream or sys.stderr, highlight=False)
        self.pages = 0
        self.progress = Progress(
            TextColumn("[bold]reading"), BarColumn(), MofNCompleteColumn(), TextColumn("files"),
            TextColumn("{task.fields[pages]} pages"), TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
            console=self.console, transient=True,
        )
        self.bar = None

    def started(self, total: int, todo: int, workers: int, executor: str) -> None:
        super().started(total, todo, workers, executor)
        if todo:
            self.progress.start()
            self.bar = self.progress.add_task("reading", total=todo, pages=0)

    def file_done(self, key: str, entry: dict[str, Any]) -> None:
        self.done += 1
        self.pages += entry["pages"]
        if entry["status"] in ("failure", "partial_success"):
            colour = _COLOURS[entry["status"]]
            why = _escape(" ".join([*entry["error_codes"], entry["message"]]).strip())
            self.progress.console.print(f"[{colour}]{entry['status']}[/] {_escape(printable(key))}: {why}")
        if self.bar is not None:
            self.progress.update(self.bar, advance=1, pages=self.pages)

    def note(self, message: str) -> None:
        self.progress.console.print(_escape(message))

    def finished(self, result: BatchResult) -> None:
        self.progress.stop()
        super().finished(result)


class JsonReporter:
    """One JSON object per line on stderr, for schedulers and log collectors."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr
        self.done = 0
        self.todo = 0

    def _emit(self, event: str, **fields: Any) -> None:
        record = {"event": event, "time": round(time.time(), 3), **fields}
        self.stream.write(json.dumps(record, ensure_ascii=False) + "\n")
        self.stream.flush()

    def started(self, total: int, todo: int, workers: int, executor: str) -> None:
        self.todo = todo
        self._emit("start", files=total, to_read=todo, unchanged=total - todo, workers=workers, executor=executor)

    def file_done(self, key: str, entry: dict[str, Any]) -> None:
        self.done += 1
        fields = {k: entry[k] for k in ("pack_id", "status", "pages", "seconds", "error_codes", "outcome", "message")}
        self._emit("file", path=key, done=self.done, to_read=self.todo, **fields)

    def note(self, message: str) -> None:
        self._emit("note", message=message)

    def finished(self, result: BatchResult) -> None:
        self._emit("summary", **summary_figures(result), out=str(result.out_dir), combined_rebuilt=result.combined_rebuilt)


def _escape(text: str) -> str:
    from rich.markup import escape

    return escape(text)


def make_reporter(log_format: str, stream: TextIO | None = None) -> Reporter:
    """json -> JSON lines; text -> a progress bar on a terminal, plain lines otherwise."""
    stream = stream or sys.stderr
    if log_format == "json":
        return JsonReporter(stream)
    return ProgressReporter(stream) if stream.isatty() else TextReporter(stream)
