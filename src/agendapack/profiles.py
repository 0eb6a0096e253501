"""Per-council profiles: TOML files in `extractors/profiles/`, one chosen per pack."""

from __future__ import annotations

import os
import re
import tomllib
from functools import lru_cache
from pathlib import Path

from agendapack.models.profile import Profile
from agendapack.models.source import LoadedPack

DEFAULT_PROFILE = "default"
PROFILES_ENV = "AGENDAPACK_PROFILES_DIR"


def profiles_dir() -> Path:
    """The folder of profile files: $AGENDAPACK_PROFILES_DIR, the installed copy, or the source tree's."""
    override = os.environ.get(PROFILES_ENV)
    if override:
        return Path(override)
    installed = Path(__file__).parent / "profiles_data"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parents[2] / "extractors" / "profiles"


@lru_cache(maxsize=8)
def load_profiles(folder: Path | None = None) -> tuple[Profile, ...]:
    """Every profile in the folder, validated; a broken file is an error naming the file."""
    folder = folder or profiles_dir()
    profiles = []
    for path in sorted(folder.glob("*.toml")):
        try:
            profiles.append(Profile.model_validate(tomllib.loads(path.read_text(encoding="utf-8"))))
        except Exception as exc:
            raise ValueError(f"Profile file {path} is invalid: {exc}") from exc
    if not any(p.name == DEFAULT_PROFILE for p in profiles):
        profiles.append(Profile(name=DEFAULT_PROFILE, description="Built-in defaults"))
    return tuple(profiles)


def get_profile(name: str) -> Profile:
    for profile in load_profiles():
        if profile.name == name:
            return profile
    known = ", ".join(p.name for p in load_profiles())
    raise ValueError(f"Unknown profile {name!r}; known profiles: {known}")


def choose_profile(loaded: LoadedPack) -> Profile:
    """The highest-priority profile whose match rules fit the pack; the default when none does."""
    fitting = [p for p in load_profiles() if p.name != DEFAULT_PROFILE and _matches(p, loaded)]
    if not fitting:
        return get_profile(DEFAULT_PROFILE)
    return max(fitting, key=lambda p: (p.priority, p.name))


def _matches(profile: Profile, loaded: LoadedPack) -> bool:
    source = loaded.source
    first_page = "\n".join(line.text for line in loaded.pages[0].lines) if loaded.pages else ""
    fields = {
        "producer": source.producer or "",
        "creator": source.creator or "",
        "title": source.title or "",
        "file_name": source.file_name,
        "text": first_page,
    }
    return any(
        re.search(pattern, fields[name], re.I | re.M)
        for name in fields
        for pattern in getattr(profile.match, name)
    )
