"""Conventions as data: what differs between publishers, read from `extractors/conventions/*.toml`.

A convention is a way of writing agendas and minutes that many publishers share (UK ModernGov, UK
parish councils, US Legistar/Granicus, Canadian and Australian councils, French and Dutch councils).
Each file names one convention and holds, per reader ("area"), lists of cue words and regular
expressions. Readers never know which convention a pack follows: they ask for every convention's
patterns for a key and record which convention's pattern matched, so a decision can be traced.

Supporting a new publisher is a data change (a file or a few patterns) plus a fixture, not a code
path. A reader declares each key it reads (`declare`), so a key in a file that no reader reads (a
typo) fails a test instead of being ignored.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CONVENTIONS_ENV = "AGENDAPACK_CONVENTIONS_DIR"
_META_KEYS = frozenset({"name", "description", "language", "country", "examples"})


@dataclass(frozen=True)
class Convention:
    """One file: its name, what it describes, and its cue tables per area."""

    name: str
    description: str
    language: str
    areas: dict[str, dict[str, tuple[str, ...]]]


@dataclass(frozen=True)
class Cue:
    """One pattern of one convention, compiled (case-insensitive unless the pattern says otherwise)."""

    convention: str
    area: str
    key: str
    source: str
    regex: re.Pattern[str]

    def search(self, text: str) -> re.Match[str] | None:
        return self.regex.search(text)


_DECLARED: dict[tuple[str, str], str] = {}


def declare(area: str, key: str, description: str) -> tuple[str, str]:
    """Say that a reader reads `area.key`; returns the pair, for use with `cues` and `words`."""
    _DECLARED[(area, key)] = description
    return (area, key)


def declared_keys() -> dict[tuple[str, str], str]:
    return dict(_DECLARED)


def conventions_dir() -> Path:
    """The folder of convention files: $AGENDAPACK_CONVENTIONS_DIR, the installed copy, or the source tree's."""
    override = os.environ.get(CONVENTIONS_ENV)
    if override:
        return Path(override)
    installed = Path(__file__).parent / "conventions_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "extractors" / "conventions"


@lru_cache(maxsize=4)
def load_conventions(folder: Path | None = None) -> tuple[Convention, ...]:
    """Every convention file in the folder, checked for shape; a broken file is an error naming it."""
    folder = folder or conventions_dir()
    loaded = []
    for path in sorted(folder.glob("*.toml")):
        try:
            loaded.append(_convention(tomllib.loads(path.read_text(encoding="utf-8"))))
        except (tomllib.TOMLDecodeError, ValueError, re.error) as exc:
            raise ValueError(f"Convention file {path} is invalid: {exc}") from exc
    return tuple(loaded)


def _convention(data: dict) -> Convention:
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise ValueError("a convention needs a 'name'")
    areas: dict[str, dict[str, tuple[str, ...]]] = {}
    for area, table in data.items():
        if area in _META_KEYS:
            continue
        if not isinstance(table, dict):
            raise ValueError(f"[{area}] must be a table of cue lists")
        areas[area] = {key: _string_list(area, key, value) for key, value in table.items()}
    return Convention(name=name, description=str(data.get("description", "")), language=str(data.get("language", "en")), areas=areas)


def _string_list(area: str, key: str, value: object) -> tuple[str, ...]:
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not all(isinstance(item, str) for item in items):
        raise ValueError(f"{area}.{key} must be a string or a list of strings")
    return tuple(items)


def words(key: tuple[str, str], folder: Path | None = None) -> tuple[tuple[str, str], ...]:
    """Every convention's entries for `area.key`, as (convention, text), in file order."""
    area, name = key
    return tuple((c.name, item) for c in load_conventions(folder) for item in c.areas.get(area, {}).get(name, ()))


@lru_cache(maxsize=512)
def cues(key: tuple[str, str], folder: Path | None = None) -> tuple[Cue, ...]:
    """Every convention's regular expressions for `area.key`, compiled once."""
    area, name = key
    return tuple(Cue(convention, area, name, source, re.compile(source, re.I)) for convention, source in words(key, folder))


@lru_cache(maxsize=512)
def any_cue(key: tuple[str, str], folder: Path | None = None) -> re.Pattern[str] | None:
    """One alternation of every convention's patterns for `area.key` (for a fast first test), or None."""
    sources = [source for _, source in words(key, folder)]
    if not sources:
        return None
    return re.compile("|".join(f"(?:{source})" for source in sources), re.I)


def first_cue(key: tuple[str, str], text: str, folder: Path | None = None) -> tuple[Cue, re.Match[str]] | None:
    """The first convention pattern for `area.key` that matches the text, with its match."""
    fast = any_cue(key, folder)
    if fast is None or not fast.search(text):
        return None
    for cue in cues(key, folder):
        match = cue.search(text)
        if match:
            return cue, match
    return None


def undeclared_keys(folder: Path | None = None) -> list[str]:
    """`convention: area.key` for every key in the files that no reader declared (typos, dead data)."""
    return [
        f"{c.name}: {area}.{key}"
        for c in load_conventions(folder)
        for area, table in c.areas.items()
        for key in table
        if (area, key) not in _DECLARED
    ]
