"""What a batch reads: files, folders, globs and CSV manifests, resolved into a sorted list of input files.

A CSV manifest has a `path` column (relative to the CSV's folder, or absolute)
and optional metadata columns that are carried into the combined `manifest`
table: council, committee, meeting_date (ISO 8601, YYYY-MM-DD) and source_url.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from agendapack.ids import printable_path

METADATA_COLUMNS = ("council", "committee", "meeting_date", "source_url")
# Header spellings accepted for each column, after lower-casing and turning spaces and hyphens into "_".
_HEADER_ALIASES = {
    "path": "path", "file": "path", "file_path": "path", "local_path": "path",
    "council": "council", "committee": "committee",
    "meeting_date": "meeting_date", "date": "meeting_date",
    "source_url": "source_url", "url": "source_url",
}
_GLOB_CHARS = re.compile(r"[*?\[]")


class InputError(ValueError):
    """An input argument or manifest row that cannot be used: a usage error, reported before any work starts."""


@dataclass(frozen=True)
class InputFile:
    """One file to read, with the metadata a manifest gave it."""

    path: Path
    metadata: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)

    @property
    def key(self) -> str:
        """The file's path as text that can always be written as UTF-8 (undecodable bytes become \\xNN)."""
        return printable_path(self.path)

    @property
    def display_name(self) -> str:
        return printable_path(Path(self.path.name))


def resolve_inputs(arguments: list[str], out_dir: Path) -> tuple[list[InputFile], list[str]]:
    """Files, folders (searched for *.pdf), globs and *.csv manifests -> unique input files sorted by path, and warnings.

    Anything inside `out_dir` is left out, so a batch over a folder holding its own output does not read it back.
    """
    found: dict[Path, InputFile] = {}
    warnings: list[str] = []
    out_resolved = out_dir.resolve()
    for argument in arguments:
        for item in _expand(argument, warnings):
            if _is_inside(item.path, out_resolved):
                continue
            found.setdefault(Path(os.path.normpath(item.path)), item)
    files = sorted(found.values(), key=lambda item: os.fsencode(item.path))
    if not files:
        warnings.append("No input files were found.")
    return files, warnings


def _expand(argument: str, warnings: list[str]) -> list[InputFile]:
    path = Path(argument)
    if path.suffix.lower() == ".csv" and path.is_file():
        return read_manifest(path)
    if path.is_dir():
        return [InputFile(p) for p in pdfs_under(path)]
    if path.exists() or path.is_symlink() or not _GLOB_CHARS.search(argument):
        # A missing plain path is kept: it becomes a file-not-found failure with an issue, like `parse`.
        return [InputFile(path)]
    matches = sorted(glob.glob(argument, recursive=True))
    if not matches:
        warnings.append(f"The pattern {argument!r} matched no file.")
    expanded: list[InputFile] = []
    for match in matches:
        expanded.extend(_expand(match, warnings) if Path(match).is_dir() else [InputFile(Path(match))])
    return expanded


def pdfs_under(folder: Path) -> list[Path]:
    """Every *.pdf (any case) below `folder`, without following symbolic links to folders (no loops)."""
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(Path(root) / name for name in sorted(files) if name.lower().endswith(".pdf"))
    return found


def read_manifest(csv_path: Path) -> list[InputFile]:
    """Rows of a CSV manifest as input files; a missing path column or a bad date is an InputError naming the row."""
    with csv_path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        columns = {name: _HEADER_ALIASES.get(_normalise_header(name)) for name in reader.fieldnames or []}
        if "path" not in columns.values():
            raise InputError(f"{csv_path}: a manifest needs a 'path' column (found: {', '.join(reader.fieldnames or []) or 'no header'})")
        items = []
        for line_no, row in enumerate(reader, start=2):
            values = {columns[name]: (value or "").strip() for name, value in row.items() if name is not None and columns.get(name)}
            if not values.get("path"):
                raise InputError(f"{csv_path}, line {line_no}: the path is empty")
            metadata = {name: values.get(name) or None for name in METADATA_COLUMNS}
            metadata["meeting_date"] = _iso_date(metadata["meeting_date"], csv_path, line_no)
            items.append(InputFile(csv_path.parent / values["path"], metadata))
    return items


def _normalise_header(name: str) -> str:
    return re.sub(r"[\s\-]+", "_", name.strip().lower())


def _iso_date(text: str | None, csv_path: Path, line_no: int) -> str | None:
    if text is None:
        return None
    try:
        return dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise InputError(f"{csv_path}, line {line_no}: meeting date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def _is_inside(path: Path, folder: Path) -> bool:
    try:
        return path.resolve().is_relative_to(folder)
    except OSError:
        return False
