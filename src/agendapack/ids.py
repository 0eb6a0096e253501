"""Readable, deterministic identifiers."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

_SLUG_MAX = 60


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by hyphens: 'Printed minutes 30th-Jan' -> 'printed-minutes-30th-jan'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "pack"


def make_pack_id(file_name: str, sha256: str) -> str:
    """A slug of the file name without its extension, then the first 8 hex of its sha256."""
    stem = re.sub(r"\.pdf$", "", file_name, flags=re.I)
    return f"{slugify(stem)}-{(sha256 or '0' * 8)[:8]}"


def printable_path(path: Path) -> str:
    """A path as UTF-8-safe text: bytes of a name that are not UTF-8 are written as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
