"""Atomic writes: a reader (or a rerun after a kill) sees the old file or the new one, never half of one."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO

_FILE_MODE = 0o666


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Write `data` to `path` atomically: see `atomic_write_files`."""
    atomic_write_files(path.parent, [(path.name, data)])


def atomic_write_files(folder: Path, files: Iterable[tuple[str, bytes | memoryview | Iterable[bytes]]]) -> None:
    """Write each (name, bytes) to a temporary file in `folder`, flush them all to disk, then rename each into place.
    A file's bytes may come as pieces (a tuple, or a generator that makes each when asked), written in turn:
    no joined copy of a large file, and, from a generator, never more than a piece of it in memory.

    A reader (or a rerun after a kill) sees the old file or the new one, never half of one. The files are
    synced together, after all are written, rather than one by one: on ext4 each sync commits the journal
    and the next file's creation waits for that commit, so a pack's 41 files took two to three times as
    long synced one at a time. Temporary names are unique per process and call; files get the usual
    0666 & ~umask mode.
    """
    written: list[tuple[IO[bytes], Path, Path]] = []
    try:
        for name, data in files:
            path = folder / name
            temporary = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
            handle = os.fdopen(os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, _FILE_MODE), "wb")
            written.append((handle, temporary, path))
            for piece in (data,) if isinstance(data, bytes | bytearray | memoryview) else data:
                handle.write(piece)
            handle.flush()
        for handle, _, _ in written:
            os.fsync(handle.fileno())
            handle.close()
    except BaseException:
        for handle, temporary, _ in written:
            with contextlib.suppress(OSError):  # a failed write can fail again on close; the files go all the same
                handle.close()
            temporary.unlink(missing_ok=True)
        raise
    for index, (_, temporary, path) in enumerate(written):
        try:
            os.replace(temporary, path)
        except BaseException:
            for _, left, _ in written[index:]:
                left.unlink(missing_ok=True)
            raise
    for parent in dict.fromkeys(path.parent for _, _, path in written):  # one sync per folder, not per file
        sync_folder(parent)


def sync_folder(folder: Path) -> None:
    """Make the renames into `folder` durable: a synced file renamed into place is lost with the folder's entry
    if the machine stops before the folder itself reaches the disk."""
    descriptor = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


@contextlib.contextmanager
def atomic_output(path: Path) -> Iterator[IO[bytes]]:
    """Stream into a temporary file beside `path`, sync it, then rename it into place: `atomic_write_bytes`
    for outputs too large to hold in memory (a combined table over thousands of packs)."""
    handle = tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False)
    try:
        with handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(handle.name, _FILE_MODE & ~_umask())  # a temporary file is private; the table is for whoever may read OUT
        os.replace(handle.name, path)
    except BaseException:
        Path(handle.name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
