"""`run_batch`: inputs -> plan (what is up to date) -> workers -> pack folders placed one by one -> combined outputs.

Everything is written inside OUT:

    OUT/packs/<pack_id>/      per-pack outputs (document.json, CSV, Parquet), each folder swapped in whole
    OUT/tables/<name>.csv     combined tables, and .parquet beside them
    OUT/agendapack.duckdb     the combined tables as a DuckDB database
    OUT/datapackage.json      Frictionless descriptor of the CSVs
    OUT/manifest.json         the incremental state and run metadata (+ manifest.journal.jsonl while running)

Work in flight lives in OUT/.staging, which the next batch clears, so a kill at
any moment leaves either the old or the new version of each file in place.

OUT keeps every file any run has read: a run over only new packs adds them to
the combined outputs and leaves the others there. `prune=True` drops the files
whose input path no longer exists. Usage errors (`InputError`) are raised
before OUT is created or touched; a failure of the batch itself (`BatchFailed`:
storage refused a write, no worker could start) stops it with the last good
files in place.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import hashlib
import json
import os
import re
import shutil
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from agendapack.batch.combine import TABLES_DIR
from agendapack.batch.inputs import InputError, InputFile, resolve_inputs
from agendapack.batch.pool import Limits, run_pool
from agendapack.batch.publish import COMBINED_FORMATS, combined_files, publish_combined
from agendapack.batch.report import Reporter, SilentReporter
from agendapack.batch.state import FileStamp, StateManifest, ocr_fingerprint, pipeline_version, stamp_file, tables_fingerprint
from agendapack.batch.tasks import Outcome, OutcomeKind, Task, failure_document
from agendapack.ids import full_pack_id, make_pack_id
from agendapack.models.status import Status
from agendapack.output.atomic import sync_folder

PACKS_DIR = "packs"
STAGING_DIR = ".staging"
LOCK_NAME = ".lock"
_SAFE_PACK_ID = re.compile(r"^[a-z0-9][a-z0-9-]*$")


class BatchLocked(RuntimeError):
    """Another batch is writing to the same output folder."""


class BatchFailed(RuntimeError):
    """The batch itself could not run or finish (storage refused a write, ...): it stopped with the last good files kept."""


@dataclass(frozen=True)
class BatchOptions:
    workers: int = field(default_factory=lambda: os.cpu_count() or 1)
    executor: str = "process"  # or "dask"
    scheduler: str | None = None
    limits: Limits = field(default_factory=Limits)
    force: bool = False
    profile: str | None = None
    formats: tuple[str, ...] = COMBINED_FORMATS
    prune: bool = False  # forget the files whose input path no longer exists
    ocr: str | None = None  # auto (None), always or never: agendapack.ocr.OcrMode


@dataclass
class FileResult:
    """One input file at the end of a batch: its pack, status, and whether this run read it."""

    key: str
    pack_id: str
    status: str
    pages: int
    redone: bool
    error_codes: list[str]
    seconds: float = 0.0


@dataclass
class BatchResult:
    out_dir: Path
    files: list[FileResult]
    seconds: float
    combined_rebuilt: bool
    warnings: list[str] = field(default_factory=list)
    peak_rss_by_worker: dict[int, int] = field(default_factory=dict)
    phase_seconds: dict[str, float] = field(default_factory=dict)  # plan (find and hash inputs), read (workers), combine
    recorded: int = 0  # input files recorded in OUT after the run (this run's and earlier runs')
    pruned: list[str] = field(default_factory=list)  # input paths forgotten by --prune

    @property
    def statuses(self) -> list[Status]:
        return [Status(f.status) for f in self.files]

    @property
    def pages_read(self) -> int:
        return sum(f.pages for f in self.files if f.redone)

    def counts(self) -> dict[str, int]:
        """Files read this run by status, plus those left as they were ("unchanged")."""
        read = [f for f in self.files if f.redone]
        counts = {status.value: sum(1 for f in read if f.status == status.value) for status in Status}
        return counts | {"unchanged": len(self.files) - len(read)}


@dataclass
class _Job:
    """A file to read this run, and the other inputs that are the same pack (same name and bytes)."""

    item: InputFile
    stamp: FileStamp | None
    task: Task
    same_pack: list[tuple[InputFile, FileStamp | None]] = field(default_factory=list)


def run_batch(arguments: list[str], out_dir: Path, options: BatchOptions | None = None, reporter: Reporter | None = None) -> BatchResult:
    """Read every input not already up to date in `out_dir`, then rebuild the combined outputs if anything changed.

    Raises InputError before anything in `out_dir` is created or changed; BatchLocked when another batch holds it;
    BatchFailed when the batch cannot finish (files already placed are kept, the combined files are the last good ones).
    """
    options = options or BatchOptions()
    reporter = reporter or SilentReporter()
    started = time.perf_counter()
    out_dir = _output_folder(Path(out_dir))
    files, notes = resolve_inputs(arguments, out_dir)
    _check_profile(options.profile)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        with _exclusive(out_dir):
            try:
                result = _run(files, notes, out_dir, options, reporter, started)
            except BaseException:
                shutil.rmtree(out_dir / STAGING_DIR, ignore_errors=True)  # half-written work; finished packs are in place
                raise
    except OSError as exc:
        raise BatchFailed(f"The batch stopped: {exc}. Files already finished are kept in {out_dir}; run it again once this is fixed.") from exc
    reporter.finished(result)
    return result


def _run(files: list[InputFile], notes: list[str], out_dir: Path, options: BatchOptions, reporter: Reporter, started: float) -> BatchResult:
    _clear_leftovers(out_dir)
    for note in notes:
        reporter.note(note)
    state = StateManifest.load(out_dir)
    pipeline = pipeline_version(options.profile) + ocr_fingerprint(options.ocr)
    jobs, unchanged = _plan(files, state, pipeline, options, out_dir)
    phases = {"plan": time.perf_counter() - started}
    results = {item.key: _unchanged_result(item, state) for item in unchanged}
    reporter.started(total=len(files), todo=sum(1 + len(j.same_pack) for j in jobs), workers=options.workers, executor=options.executor)
    peaks: dict[int, int] = {}
    try:
        _execute(jobs, options, out_dir, state, pipeline, results, peaks, reporter)
        pruned = _prune(state, files) if options.prune else []
    finally:
        state.close_journal()
    phases["read"] = time.perf_counter() - started - phases["plan"]
    ordered = [results[item.key] for item in files]
    _remove_unrecorded_packs(out_dir, state)
    rebuilt = _combine_if_changed(out_dir, state, options, reporter)
    elapsed = time.perf_counter() - started
    phases["combine"] = elapsed - phases["plan"] - phases["read"]
    result = BatchResult(out_dir, ordered, elapsed, rebuilt, notes, peaks, {k: round(v, 3) for k, v in phases.items()}, len(state.files), pruned)
    state.meta["last_run"] = _run_metadata(result, options)
    state.compact()
    shutil.rmtree(out_dir / STAGING_DIR, ignore_errors=True)
    return result


def _output_folder(out_dir: Path) -> Path:
    """OUT as an absolute path; a usage error when it exists as something other than a folder."""
    absolute = Path(os.path.abspath(out_dir))
    if absolute.exists() and not absolute.is_dir():
        raise InputError(f"The output folder {out_dir} exists and is not a folder.")
    return absolute


def _check_profile(name: str | None) -> None:
    if name is None:
        return
    from agendapack.profiles import get_profile  # loads the profile models: only when a profile is forced

    try:
        get_profile(name)
    except ValueError as exc:
        raise InputError(str(exc)) from None


# -- planning -------------------------------------------------------------------


def _plan(files: list[InputFile], state: StateManifest, pipeline: str, options: BatchOptions, out_dir: Path) -> tuple[list[_Job], list[InputFile]]:
    """Split inputs into jobs to run (one per pack: same-named identical files are read once) and unchanged files."""
    jobs: dict[tuple[str, str], _Job] = {}
    unchanged: list[InputFile] = []
    taken = {entry.get("pack_id"): entry.get("sha256") for entry in state.files.values()}  # pack id -> the bytes it holds
    for item in files:
        stamp = stamp_file(item.path, state.files.get(item.key))
        # A manifest's council and committee fill in the pack's meetings, so metadata that changed is read again.
        same_metadata = not item.from_manifest or (state.files.get(item.key) or {}).get("metadata") == item.metadata
        if not options.force and same_metadata and state.is_up_to_date(item.key, stamp, pipeline, out_dir / PACKS_DIR):
            unchanged.append(item)
            continue
        moved = None if options.force else state.same_content(stamp, item.display_name, pipeline, out_dir / PACKS_DIR)
        if moved is not None and item.from_manifest and moved[1].get("metadata") != item.metadata:
            moved = None
        if moved is not None and stamp is not None:  # read before under another path: keyed by content, not by where it lies
            old_key, entry = moved
            state.record(item.key, entry | {"size": stamp.size, "mtime_ns": stamp.mtime_ns})
            if not _input_exists(old_key):
                state.forget(old_key)  # moved, not copied: the old path is not an input any more
            unchanged.append(item)
            continue
        content = stamp.sha256 if stamp else hashlib.sha256(f"unreadable:{item.key}".encode()).hexdigest()
        if (item.display_name, content) in jobs:
            jobs[item.display_name, content].same_pack.append((item, stamp))
            continue
        pack_id = _free_pack_id(item.display_name, content, taken)
        taken[pack_id] = content
        staging = out_dir / STAGING_DIR / f"{len(jobs):06d}"
        metadata = item.metadata if item.from_manifest else (state.files.get(item.key) or {}).get("metadata", {})
        task = Task(item.key, os.fsdecode(item.path), item.display_name, str(staging), options.profile, stamp.size if stamp else 0, pack_id,
                    tuple(sorted(metadata.items())), options.ocr)
        jobs[item.display_name, content] = _Job(item, stamp, task)
    # Largest files first: the long ones start early instead of finishing alone at the end.
    return sorted(jobs.values(), key=lambda job: (-job.task.size, job.task.key)), unchanged


def _free_pack_id(file_name: str, content: str, taken: dict[str | None, str | None]) -> str:
    """The pack id of a file: its usual one, or the one with the whole sha256 when another file already holds that.

    A file that could not be read gets an id from its path, so two missing files of the same name stay apart.
    """
    short = make_pack_id(file_name, content)
    return short if taken.get(short, content) == content else full_pack_id(file_name, content)


def _unchanged_result(item: InputFile, state: StateManifest) -> FileResult:
    entry = state.files[item.key]
    return FileResult(item.key, entry["pack_id"], entry["status"], entry.get("pages", 0), False, list(entry.get("error_codes", [])))


# -- running --------------------------------------------------------------------


def _execute(jobs: list[_Job], options: BatchOptions, out_dir: Path, state: StateManifest, pipeline: str,
             results: dict[str, FileResult], peaks: dict[int, int], reporter: Reporter) -> None:
    if not jobs:
        return
    by_key = {job.task.key: job for job in jobs}
    limits = Limits(options.limits.timeout, options.limits.memory_bytes, options.limits.max_tasks_per_worker, str(out_dir / STAGING_DIR / "logs"))

    def finish(outcome: Outcome) -> None:
        if outcome.kind is OutcomeKind.STORAGE:
            raise BatchFailed(f"The batch stopped: {outcome.message}. Files already finished are kept; run it again once this is fixed.")
        job = by_key[outcome.key]
        if outcome.peak_rss_bytes:
            peaks[outcome.worker_pid] = max(peaks.get(outcome.worker_pid, 0), outcome.peak_rss_bytes)
        pack_id = _place_pack(job, outcome, out_dir)
        for item, stamp in [(job.item, job.stamp), *job.same_pack]:
            entry = _entry(item, stamp, outcome, pack_id, pipeline, state.files.get(item.key))
            state.record(item.key, entry)
            results[item.key] = FileResult(item.key, pack_id, entry["status"], entry["pages"], True, entry["error_codes"], outcome.seconds)
            reporter.file_done(item.key, entry)

    tasks = [job.task for job in jobs]
    if options.executor == "dask":
        from agendapack.batch.dask_executor import run_on_dask

        run_on_dask(tasks, options.workers, limits, finish, options.scheduler, out_dir / STAGING_DIR / "dask")
    else:
        run_pool(tasks, options.workers, limits, finish)


def _place_pack(job: _Job, outcome: Outcome, out_dir: Path) -> str:
    """Move the staged pack folder into OUT/packs (writing a failure document first if the worker could not finish)."""
    from agendapack.output.write import parse_formats, write_document

    staging = Path(job.task.staging)
    pack_id = outcome.pack_id if outcome.kind is OutcomeKind.DONE else None
    if pack_id is None or not _SAFE_PACK_ID.match(pack_id) or not (staging / pack_id / "document.json").is_file():
        if outcome.kind is OutcomeKind.DONE:  # the worker said done but left no usable folder
            outcome.kind, outcome.message = OutcomeKind.ERROR, f"The worker reported pack {pack_id!r} but its folder is missing or unsafe."
        shutil.rmtree(staging, ignore_errors=True)
        doc = failure_document(job.task, outcome, job.stamp.sha256 if job.stamp else "", job.stamp.size if job.stamp else 0)
        pack_id = doc.pack_id
        write_document(doc, staging, parse_formats("json,csv,parquet"))
        outcome.status, outcome.pack_id, outcome.issue_count = doc.status.value, pack_id, 1
        outcome.error_codes = [doc.issues[0].code.value]
    _swap_into_place(staging / pack_id, out_dir / PACKS_DIR / pack_id)
    shutil.rmtree(staging, ignore_errors=True)
    shutil.rmtree(staging.with_name(staging.name + ".input"), ignore_errors=True)
    return pack_id


def _swap_into_place(staged: Path, final: Path) -> None:
    """Replace `final` by `staged` with renames: at any instant the old folder, the new one, or (briefly) none is in place."""
    final.parent.mkdir(parents=True, exist_ok=True)
    if final.exists():
        retired = staged.with_name(staged.name + ".retired")
        os.replace(final, retired)
        os.replace(staged, final)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staged, final)
    sync_folder(final.parent)


def _entry(item: InputFile, stamp: FileStamp | None, outcome: Outcome, pack_id: str, pipeline: str, previous: dict[str, Any] | None) -> dict[str, Any]:
    metadata = item.metadata if item.from_manifest else (previous or {}).get("metadata", {})
    return {
        "metadata": metadata,
        "context": outcome.context,
        "file_name": item.display_name,
        "sha256": stamp.sha256 if stamp else "",
        "size": stamp.size if stamp else 0,
        "mtime_ns": stamp.mtime_ns if stamp else 0,
        "pipeline": pipeline,
        "pack_id": pack_id,
        "status": outcome.status or Status.FAILURE.value,
        "pages": outcome.pages,
        "issue_count": outcome.issue_count,
        "error_codes": list(outcome.error_codes),
        "outcome": outcome.kind.value,
        "message": outcome.message,
        "seconds": round(outcome.seconds, 3),
        "peak_rss_bytes": outcome.peak_rss_bytes,
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


# -- combined outputs -----------------------------------------------------------


def _combine_if_changed(out_dir: Path, state: StateManifest, options: BatchOptions, reporter: Reporter) -> bool:
    """Rebuild tables/, the database and datapackage.json unless they were built from exactly these packs already.

    They describe every file recorded in OUT, read this run or before.
    """
    fingerprint = _combined_fingerprint(state, options.formats)
    previous = state.meta.get("combined") or {}
    if not options.force and previous.get("fingerprint") == fingerprint and all((out_dir / name).exists() for name in combined_files(options.formats)):
        return False
    reporter.note("Building the combined tables")
    state.meta["combined"] = None  # a kill while rebuilding must not leave a fingerprint claiming the old build is current
    state.compact()
    keys = sorted(state.files)
    pack_ids = [state.files[key]["pack_id"] for key in keys]
    manifest_rows = [_manifest_row(key, state.files[key]) for key in keys]
    publish_combined(out_dir, out_dir / STAGING_DIR, pack_ids, manifest_rows, options.formats, options.workers)
    state.meta["combined"] = {"fingerprint": fingerprint, "formats": sorted(options.formats)}
    return True


def _combined_fingerprint(state: StateManifest, formats: tuple[str, ...]) -> str:
    rows = [[key, entry.get("sha256"), entry.get("pack_id"), entry.get("status"), entry.get("pipeline"), entry.get("metadata", {})]
            for key, entry in sorted(state.files.items())]
    text = json.dumps([tables_fingerprint(), sorted(formats), rows], sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _manifest_row(key: str, entry: dict[str, Any]) -> dict[str, Any]:
    """One input file: what it is, what became of it, and its council, committee and date, each with where it came from
    (the manifest's own columns first, then what the pack says: its pages or its council profile)."""
    metadata, context = entry.get("metadata") or {}, entry.get("context") or {}
    row = {
        "source_path": key, "pack_id": entry["pack_id"], "file_name": entry.get("file_name"), "sha256": entry.get("sha256") or None,
        "size_bytes": entry.get("size"), "page_count": entry.get("pages"), "status": entry["status"], "issue_count": entry.get("issue_count"),
        "error_codes": " ".join(entry.get("error_codes", [])) or None, "source_url": metadata.get("source_url"), "pipeline": entry.get("pipeline"),
    }
    sources = {"council": context.get("council_source"), "committee": context.get("committee_source"), "meeting_date": "document"}
    for name in ("council", "committee", "meeting_date"):
        given, found = metadata.get(name), context.get(name)
        row[name], row[f"{name}_source"] = (given, "manifest") if given else (found, sources[name] if found else None)
    row["meeting_date"] = dt.date.fromisoformat(row["meeting_date"]) if row["meeting_date"] else None
    return row


# -- what OUT keeps ---------------------------------------------------------------


def _prune(state: StateManifest, files: list[InputFile]) -> list[str]:
    """Forget every recorded input path that no longer exists (this run's inputs always stay)."""
    given = {item.key for item in files}
    gone = [key for key in sorted(state.files) if key not in given and not _input_exists(key)]
    for key in gone:
        state.forget(key)
    return gone


def _input_exists(key: str) -> bool:
    """Whether a recorded input path is still there; a key with \\xNN escapes (a name that is not UTF-8) is tried both ways."""
    if os.path.lexists(key):
        return True
    raw = re.sub(rb"\\x([0-9a-f]{2})", lambda match: bytes([int(match.group(1), 16)]), key.encode("utf-8"))
    return os.path.lexists(raw)


def _remove_unrecorded_packs(out_dir: Path, state: StateManifest) -> None:
    """Pack folders no recorded file points to any more (the file changed, or was pruned) are dropped."""
    packs = out_dir / PACKS_DIR
    if not packs.is_dir():
        return
    recorded = {entry.get("pack_id") for entry in state.files.values()}
    for folder in packs.iterdir():
        if folder.name not in recorded:
            shutil.rmtree(folder, ignore_errors=True)


# -- housekeeping ---------------------------------------------------------------


@contextlib.contextmanager
def _exclusive(out_dir: Path) -> Iterator[None]:
    """One batch per output folder at a time; the lock goes with the process, so a killed batch never leaves it held."""
    with open(out_dir / LOCK_NAME, "a+b") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BatchLocked(f"Another batch is writing to {out_dir}.") from None
        yield


def _clear_leftovers(out_dir: Path) -> None:
    """What a killed batch left half-done: the staging folder and temporary files of atomic writes."""
    shutil.rmtree(out_dir / STAGING_DIR, ignore_errors=True)
    for folder in (out_dir, out_dir / TABLES_DIR):
        for leftover in folder.glob(".*.tmp*"):
            leftover.unlink(missing_ok=True)


def _run_metadata(result: BatchResult, options: BatchOptions) -> dict[str, Any]:
    return {
        "finished_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "seconds": round(result.seconds, 3),
        "executor": options.executor,
        "workers": options.workers,
        "counts": result.counts(),
        "pages_read": result.pages_read,
        "pages_per_second": round(result.pages_read / result.seconds, 1) if result.seconds else 0.0,
        "combined_rebuilt": result.combined_rebuilt,
        "phase_seconds": result.phase_seconds,
        "peak_rss_bytes_by_worker": {str(pid): rss for pid, rss in sorted(result.peak_rss_by_worker.items())},
    }
