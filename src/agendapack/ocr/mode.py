"""When to OCR: `auto` (pages without a usable text layer), `always` (every page), `never`."""

from __future__ import annotations

from enum import StrEnum


class OcrMode(StrEnum):
    AUTO = "auto"
    ALWAYS = "always"
    NEVER = "never"


def resolve_mode(mode: OcrMode | str | None) -> OcrMode:
    """The mode asked for; None is `auto` (which reads nothing when no engine is installed)."""
    if mode is None:
        return OcrMode.AUTO
    try:
        return OcrMode(str(mode).lower())
    except ValueError:
        choices = ", ".join(m.value for m in OcrMode)
        raise ValueError(f"OCR mode must be one of {choices}, not {mode!r}") from None
