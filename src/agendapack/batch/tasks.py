"""One unit of batch work and what comes back from it, plus the work itself as a worker process runs it.

A worker parses one file and writes its pack folder into a staging folder
inside OUT; the batch process moves it into place. When a worker cannot
finish a file (time limit, memory limit, crash), the batch process writes a
failure document for it instead, so every file ends with a pack folder, a
status and an issue saying what happened.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

from agendapack.models.issues import IssueCode, Severity, Stage, make_issue

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

# The document model is imported where a failure document is made, not here: the batch process imports
# this module, and a rerun that finds every file unchanged never makes one.

PACK_FORMATS = ("json", "csv", "parquet")  # per-pack outputs of a batch: the combined tables are built from the Parquet


class OutcomeKind(StrEnum):
    DONE = "done"  # the pipeline ran and the pack folder is in staging (its status may still be failure)
    TIMEOUT = "timeout"
    MEMORY = "memory"
    CRASH = "crash"
    ERROR = "error"
    STORAGE = "storage"  # the pack's files could not be written (disk full, file too large, read-only): the batch stops


_OUTCOME_CODES = {
    OutcomeKind.TIMEOUT: IssueCode.TIMEOUT,
    OutcomeKind.MEMORY: IssueCode.MEMORY_LIMIT,
    OutcomeKind.CRASH: IssueCode.WORKER_CRASHED,
    OutcomeKind.ERROR: IssueCode.BATCH_ERROR,
}


@dataclass(frozen=True)
class Task:
    """Read `path` and write its pack folder under `staging` (a fresh folder in OUT)."""

    key: str
    path: str
    display_name: str
    staging: str
    profile: str | None = None
    size: int = 0
    pack_id: str | None = None  # the id the batch gave the file (checked for collisions); None: the pipeline's own
    metadata: tuple[tuple[str, str | None], ...] = ()  # a CSV manifest's council, committee, ... for the file
    ocr: str | None = None


@dataclass
class Outcome:
    """What happened to one task; `pack_id` and `status` are set when kind is DONE."""

    key: str
    kind: OutcomeKind
    pack_id: str | None = None
    status: str | None = None
    pages: int = 0
    issue_count: int = 0
    error_codes: list[str] = field(default_factory=list)
    message: str = ""
    seconds: float = 0.0
    peak_rss_bytes: int = 0
    worker_pid: int = 0
    context: dict = field(default_factory=dict)  # the pack's council, committee and meeting date (`output.core.pack_context`)


def run_task(task: Task) -> Outcome:
    """Parse and write one file, in a worker process. Exceptions become an ERROR outcome; MemoryError a MEMORY one."""
    from agendapack.catalogue import with_manifest_metadata
    from agendapack.output.core import pack_context
    from agendapack.output.write import parse_formats, write_document
    from agendapack.pipeline import parse

    started = time.perf_counter()
    try:
        doc = parse(Path(task.path), profile=task.profile, ocr=task.ocr)
    except MemoryError:
        return Outcome(task.key, OutcomeKind.MEMORY, message="The file needed more memory than --memory-limit allows.", seconds=time.perf_counter() - started)
    except Exception as exc:  # reported as this file's failure; the worker goes on with the next file
        return Outcome(task.key, OutcomeKind.ERROR, message=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - started)
    if task.pack_id and doc.pack_id != task.pack_id:
        doc = doc.model_copy(update={"pack_id": task.pack_id})
    if task.metadata:
        doc = with_manifest_metadata(doc, dict(task.metadata))
    try:
        write_document(doc, Path(task.staging), parse_formats(",".join(PACK_FORMATS)))
    except MemoryError:
        return Outcome(task.key, OutcomeKind.MEMORY, message="The file needed more memory than --memory-limit allows.", seconds=time.perf_counter() - started)
    except OSError as exc:  # not this file's fault: OUT's storage refused the write
        return Outcome(task.key, OutcomeKind.STORAGE, message=f"Writing the pack into {task.staging} failed: {exc}", seconds=time.perf_counter() - started)
    except Exception as exc:
        return Outcome(task.key, OutcomeKind.ERROR, message=f"{type(exc).__name__}: {exc}", seconds=time.perf_counter() - started)
    errors = sorted({issue.code.value for issue in doc.issues if issue.severity is Severity.ERROR})
    context = {name: value.isoformat() if hasattr(value, "isoformat") else value for name, value in pack_context(doc).items()}
    return Outcome(
        task.key, OutcomeKind.DONE, pack_id=doc.pack_id, status=doc.status.value, pages=doc.source.page_count,
        issue_count=len(doc.issues), error_codes=errors, seconds=time.perf_counter() - started, context=context,
    )


def failure_document(task: Task, outcome: Outcome, sha256: str, size: int) -> PackDocument:
    """A failure document for a file its worker could not finish, carrying an issue that says why."""
    from agendapack.ids import make_pack_id
    from agendapack.models.document import PackDocument, Status
    from agendapack.models.source import SourceInfo
    from agendapack.pipeline import PRODUCER

    source = SourceInfo(file_name=task.display_name, sha256=sha256, size_bytes=size)
    issue = make_issue(_OUTCOME_CODES[outcome.kind], Stage.BATCH, outcome.message)
    return PackDocument(
        pack_id=task.pack_id or make_pack_id(task.display_name, sha256), producer=PRODUCER, source=source, profile="none",
        status=Status.FAILURE, issues=[issue],
    )
