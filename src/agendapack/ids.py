"""Readable, deterministic identifiers."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

_SLUG_MAX = 60
# Hex digits of the sha256 in a pack id: 64 bits. Two different files with the same name then share an id with
# odds of about n^2 / 2^65 among n such files (3e-10 for 100,000), where 8 digits gave 1% at 10,000. A batch and
# `parse` still check, and give the later file the whole digest (`full_pack_id`) if it ever happens.
PACK_ID_HEX = 16


def slugify(text: str) -> str:
    """ASCII, lower case, words joined by hyphens: 'Printed minutes 30th-Jan' -> 'printed-minutes-30th-jan'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:_SLUG_MAX].rstrip("-") or "pack"


def make_pack_id(file_name: str, sha256: str, hex_digits: int = PACK_ID_HEX) -> str:
    """A slug of the file name without its extension, then the first `hex_digits` hex of its sha256."""
    stem = re.sub(r"\.pdf$", "", file_name, flags=re.I)
    return f"{slugify(stem)}-{(sha256 or '0' * 64)[:hex_digits]}"


def full_pack_id(file_name: str, sha256: str) -> str:
    """The id for a file whose short id is taken by another file: the slug and the whole sha256."""
    return make_pack_id(file_name, sha256, 64)


def printable_path(path: Path) -> str:
    """A path as UTF-8-safe text: bytes of a name that are not UTF-8 are written as \\xNN escapes."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")
