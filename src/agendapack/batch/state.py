"""The incremental state of an output folder: which input was read, from which bytes, by which pipeline, with what result.

`OUT/manifest.json` holds one entry per input path (its sha256, size and
mtime, the pipeline version that read it, the pack id, status and counts, and
run metadata such as timings). After each pack, one line is appended to
`OUT/manifest.journal.jsonl` and synced to disk, so a batch killed at any
moment loses at most the pack in flight; the journal is folded into
manifest.json (written atomically) when a batch starts and when it ends. A
torn last line, left by a kill mid-append, is ignored: that pack is redone.
"""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG
from typing import Any

from agendapack import __version__
from agendapack.models.status import Status
from agendapack.models.version import SCHEMA_VERSION
from agendapack.output.atomic import atomic_write_bytes
from agendapack.output.tables import TABLES

MANIFEST_NAME = "manifest.json"
JOURNAL_NAME = "manifest.journal.jsonl"
MANIFEST_FORMAT = "agendapack.batch-manifest"
MANIFEST_FORMAT_VERSION = 1


def tables_fingerprint() -> str:
    """A digest of every table's name, columns and types: a new table or column makes earlier pack folders stale."""
    layout = [[spec.name, [[c.name, c.type] for c in spec.columns], list(spec.primary_key)] for spec in TABLES]
    return hashlib.sha256(json.dumps(layout).encode("utf-8")).hexdigest()[:16]


def pipeline_version(profile: str | None) -> str:
    """What decides a pack's outputs besides its bytes: agendapack and schema versions, the table layout, a forced profile."""
    return f"agendapack {__version__}; schema {SCHEMA_VERSION}; tables {tables_fingerprint()}; profile {profile or 'auto'}"


def ocr_fingerprint(ocr: str | None) -> str:
    """The OCR part of the pipeline version: the mode, and the engine when one is installed, so
    installing OCR (or a new engine version) reads scanned packs again."""
    from agendapack.ocr import resolve_mode
    from agendapack.ocr.engine import engine_label

    mode = resolve_mode(ocr)
    return f"; ocr {mode.value} {engine_label() if mode.value != 'never' else ''}".rstrip()


@dataclass(frozen=True)
class FileStamp:
    """The content identity of an input file, and the stat fields that let a rerun trust a cached sha256."""

    sha256: str
    size: int
    mtime_ns: int


def stamp_file(path: Path, cached: dict[str, Any] | None) -> FileStamp | None:
    """The file's sha256, reusing the cached one when size and mtime are unchanged; None when it cannot be read."""
    try:
        stat = path.stat()
    except OSError:
        return None
    if not S_ISREG(stat.st_mode):  # a FIFO or device would block or never end; the pipeline reports it as no file
        return None
    if cached and cached.get("size") == stat.st_size and cached.get("mtime_ns") == stat.st_mtime_ns and cached.get("sha256"):
        return FileStamp(cached["sha256"], stat.st_size, stat.st_mtime_ns)
    digest = hashlib.sha256()
    try:
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                digest.update(chunk)
    except OSError:
        return None
    return FileStamp(digest.hexdigest(), stat.st_size, stat.st_mtime_ns)


class StateManifest:
    """manifest.json plus its journal: the entries by input path, and the run metadata."""

    def __init__(self, out_dir: Path) -> None:
        self.out_dir = out_dir
        self.files: dict[str, dict[str, Any]] = {}
        self.meta: dict[str, Any] = {}
        self._journal: Any = None
        self._by_content: dict[tuple[Any, Any], list[str]] | None = None  # (sha256, file name) -> keys, built on first use

    @property
    def path(self) -> Path:
        return self.out_dir / MANIFEST_NAME

    @property
    def journal_path(self) -> Path:
        return self.out_dir / JOURNAL_NAME

    @classmethod
    def load(cls, out_dir: Path) -> StateManifest:
        """Read manifest.json and replay the journal over it; an unreadable manifest starts empty (every file is redone)."""
        state = cls(out_dir)
        try:
            data = json.loads(state.path.read_text(encoding="utf-8"))
            if data.get("format") == MANIFEST_FORMAT and data.get("format_version") == MANIFEST_FORMAT_VERSION:
                state.files = dict(data.get("files", {}))
                state.meta = {k: v for k, v in data.items() if k not in ("format", "format_version", "files")}
        except (OSError, ValueError, AttributeError):
            pass
        for entry in _journal_entries(state.journal_path):
            key = entry.pop("key")
            if entry.get("forgotten"):
                state.files.pop(key, None)
            else:
                state.files[key] = entry
        return state

    def is_up_to_date(self, key: str, stamp: FileStamp | None, pipeline: str, packs_dir: Path) -> bool:
        """True when this path was read from the same bytes by the same pipeline, did not fail, and its pack folder is there."""
        entry = self.files.get(key)
        if entry is None or stamp is None:
            return False
        return (
            entry.get("sha256") == stamp.sha256
            and entry.get("pipeline") == pipeline
            and entry.get("status") != Status.FAILURE.value
            and bool(entry.get("pack_id"))
            and (packs_dir / entry["pack_id"] / "document.json").is_file()
        )

    def same_content(self, stamp: FileStamp | None, file_name: str, pipeline: str, packs_dir: Path) -> tuple[str, dict[str, Any]] | None:
        """An up-to-date entry recorded under another path for the same bytes and file name (the file was moved), and its path."""
        if stamp is None:
            return None
        if self._by_content is None:
            self._by_content = {}
            for key, entry in self.files.items():
                self._by_content.setdefault((entry.get("sha256"), entry.get("file_name")), []).append(key)
        for key in self._by_content.get((stamp.sha256, file_name), []):
            if self.is_up_to_date(key, stamp, pipeline, packs_dir):
                return key, self.files[key]
        return None

    def record(self, key: str, entry: dict[str, Any]) -> None:
        """Keep the entry and append it to the journal, synced, before the next pack starts."""
        self.files[key] = entry
        if self._by_content is not None:
            self._by_content.setdefault((entry.get("sha256"), entry.get("file_name")), []).append(key)
        self._append({"key": key, **entry})

    def forget(self, key: str) -> None:
        """Drop an input path from OUT (`--prune`, or a file moved elsewhere): journalled like a new entry."""
        if self.files.pop(key, None) is not None:
            self._by_content = None
            self._append({"key": key, "forgotten": True})

    def _append(self, line: dict[str, Any]) -> None:
        if self._journal is None:
            self._journal = self.journal_path.open("ab")
        self._journal.write(json.dumps(line, sort_keys=True, ensure_ascii=False).encode("utf-8") + b"\n")
        self._journal.flush()
        os.fsync(self._journal.fileno())

    def compact(self) -> None:
        """Fold the journal into manifest.json (atomically), then drop the journal: a kill in between replays it harmlessly."""
        self.close_journal()
        document = {"format": MANIFEST_FORMAT, "format_version": MANIFEST_FORMAT_VERSION, **self.meta, "files": dict(sorted(self.files.items()))}
        atomic_write_bytes(self.path, (json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n").encode("utf-8"))
        self.journal_path.unlink(missing_ok=True)

    def close_journal(self) -> None:
        if self._journal is not None:
            self._journal.close()
            self._journal = None


def _journal_entries(path: Path) -> list[dict[str, Any]]:
    """Complete journal lines in order; a line cut short by a kill is not valid JSON and is skipped."""
    try:
        raw = path.read_bytes()
    except OSError:
        return []
    entries = []
    for line in raw.split(b"\n"):
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("key"), str):
            entries.append(entry)
    return entries
