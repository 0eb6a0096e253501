"""What a batch reads: files, folders, globs and CSV manifests, resolved into a sorted list of input files.

A CSV manifest has a `path` column (relative to the CSV's folder, or absolute)
and optional metadata columns that are carried into the combined `manifest`
table: council, committee, meeting_date (ISO 8601, YYYY-MM-DD) and source_url.

Every argument must name at least one file: a path that does not exist, a
folder without a PDF, a glob that matches nothing and a manifest without rows
are usage errors (`InputError`), found before any work, so an unmounted share
never reads as "no packs tonight". A manifest row whose file is missing is
different: that file becomes a `file-not-found` failure and the rest are read.
"""

from __future__ import annotations

import csv
import datetime as dt
import glob
import os
import re
import stat
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
# Long free-text columns (notes, abstracts) are allowed; the csv module's default cap is 128 KiB per field.
_FIELD_LIMIT = 16 << 20
# Excel saves "CSV" in the machine's code page; on Western systems that is Windows-1252.
_FALLBACK_ENCODING = "cp1252"


class InputError(ValueError):
    """An input argument or manifest row that cannot be used: a usage error, reported before any work starts."""


@dataclass(frozen=True)
class InputFile:
    """One file to read, with the metadata a manifest gave it (`from_manifest` even when every column was empty)."""

    path: Path
    metadata: dict[str, str | None] = field(default_factory=dict, compare=False, hash=False)
    from_manifest: bool = field(default=False, compare=False, hash=False)
    manifest: str | None = field(default=None, compare=False, hash=False)

    @property
    def key(self) -> str:
        """The file's path as text that can always be written as UTF-8 (undecodable bytes become \\xNN)."""
        return printable_path(self.path)

    @property
    def display_name(self) -> str:
        return printable_path(Path(self.path.name))


def resolve_inputs(arguments: list[str], out_dir: Path) -> tuple[list[InputFile], list[str]]:
    """Files, folders (searched for *.pdf), globs and *.csv manifests -> unique input files sorted by path, and notes.

    Anything inside `out_dir` is left out, so a batch over a folder holding its own output does not read it back.
    A file named twice keeps the metadata of the manifest that names it, whatever the order of the arguments.
    """
    if not arguments:
        raise InputError("No inputs were given.")
    found: dict[Path, InputFile] = {}
    notes: list[str] = []
    out_resolved = _real(out_dir)
    for argument in arguments:
        items = [item for item in _expand(argument, notes) if not _is_inside(item.path, out_resolved)]
        if not items:
            raise InputError(f"{argument}: no PDF file to read there (outside the output folder).")
        for item in items:
            where = Path(os.path.normpath(item.path))
            found[where] = _merged(found[where], item) if where in found else item
    return sorted(found.values(), key=lambda item: os.fsencode(item.path)), notes


def _merged(first: InputFile, second: InputFile) -> InputFile:
    """The same file named twice: metadata from the manifest(s), independent of order; two manifests disagreeing is an error."""
    if not second.from_manifest:
        return first
    if not first.from_manifest:
        return second
    metadata = dict(first.metadata)
    for name, value in second.metadata.items():
        if value and metadata.get(name) and metadata[name] != value:
            raise InputError(
                f"{first.key}: the manifests {first.manifest} and {second.manifest} give it different {name} values "
                f"({metadata[name]!r} and {value!r})."
            )
        metadata[name] = metadata.get(name) or value
    return InputFile(first.path, metadata, True, first.manifest)


def _expand(argument: str, notes: list[str]) -> list[InputFile]:
    path = Path(argument)
    kind, problem = _kind(path)
    if kind == "file" and path.suffix.lower() == ".csv":
        return read_manifest(path, notes)
    if kind == "dir":
        return [InputFile(p) for p in pdfs_under(path)]
    if kind in ("file", "other"):
        return [InputFile(path)]  # a FIFO or device becomes a failure with an issue, like `parse`
    if _GLOB_CHARS.search(argument):
        return _expand_glob(argument, notes)
    raise InputError(f"{argument}: {problem}")


def _expand_glob(pattern: str, notes: list[str]) -> list[InputFile]:
    expanded: list[InputFile] = []
    for match in sorted(glob.glob(pattern, recursive=True)):
        kind, _ = _kind(Path(match))
        if kind == "dir":
            expanded.extend(_expand(match, notes))
        elif kind == "file" and match.lower().endswith(".csv"):
            expanded.extend(read_manifest(Path(match), notes))
        elif kind != "missing" or os.path.islink(match):  # a link leading nowhere becomes that file's failure
            expanded.append(InputFile(Path(match)))
    return expanded


def _kind(path: Path) -> tuple[str, str]:
    """'file', 'dir', 'other' (FIFO, device) or 'missing', and why it is missing: no exception for any name."""
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return "missing", _why(exc)
    except ValueError as exc:  # an embedded NUL byte
        return "missing", str(exc)
    if stat.S_ISDIR(mode):
        return "dir", ""
    return ("file" if stat.S_ISREG(mode) else "other"), ""


def _why(exc: OSError) -> str:
    return exc.strerror or str(exc) if exc.errno is not None else str(exc)


def pdfs_under(folder: Path) -> list[Path]:
    """Every *.pdf (any case) below `folder`, without following symbolic links to folders (no loops).

    A link named *.pdf is listed whatever it points to: one that leads nowhere (or in a circle) becomes that
    file's failure, not a crash of the batch.
    """
    found = []
    for root, dirs, files in os.walk(folder):
        dirs.sort()
        found.extend(Path(root) / name for name in sorted(files) if name.lower().endswith(".pdf"))
    return found


def read_manifest(csv_path: Path, notes: list[str] | None = None) -> list[InputFile]:
    """Rows of a CSV manifest as input files; a missing path column, a bad date or an unreadable file is an InputError."""
    text = _manifest_text(csv_path, notes if notes is not None else [])
    limit = csv.field_size_limit()
    csv.field_size_limit(_FIELD_LIMIT)
    try:
        return _manifest_rows(csv_path, text)
    finally:
        csv.field_size_limit(limit)


def _manifest_text(csv_path: Path, notes: list[str]) -> str:
    """The manifest as text: UTF-8 (with or without a byte-order mark), UTF-16 with one, else Windows-1252."""
    try:
        raw = csv_path.read_bytes()
    except OSError as exc:
        raise InputError(f"{csv_path}: the manifest cannot be read: {_why(exc)}") from None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError(f"{csv_path}: the manifest starts as UTF-16 but is not valid UTF-16") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        notes.append(f"{csv_path}: not UTF-8 (line {line}); read as Windows-1252, as Excel saves CSV files.")
        return raw.decode(_FALLBACK_ENCODING, errors="replace")


def _manifest_rows(csv_path: Path, text: str) -> list[InputFile]:
    reader = csv.DictReader(text.splitlines(keepends=True))
    try:
        fieldnames = reader.fieldnames or []
        columns = {name: _HEADER_ALIASES.get(_normalise_header(name)) for name in fieldnames}
        if "path" not in columns.values():
            raise InputError(f"{csv_path}: a manifest needs a 'path' column (found: {', '.join(fieldnames) or 'no header'})")
        items = []
        for row in reader:
            line_no = reader.line_num
            values = {columns[name]: (value or "").strip() for name, value in row.items() if name is not None and columns.get(name)}
            if not values.get("path"):
                raise InputError(f"{csv_path}, line {line_no}: the path is empty")
            metadata = {name: values.get(name) or None for name in METADATA_COLUMNS}
            metadata["meeting_date"] = _iso_date(metadata["meeting_date"], csv_path, line_no)
            items.append(InputFile(csv_path.parent / values["path"], metadata, True, str(csv_path)))
    except csv.Error as exc:
        raise InputError(f"{csv_path}, line {reader.line_num}: {exc}") from None
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


def _real(path: Path) -> Path:
    """The path with links resolved as far as they go; never raises (a loop or an overlong name stops the resolving)."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))


def _is_inside(path: Path, folder: Path) -> bool:
    return _real(path).is_relative_to(folder)
