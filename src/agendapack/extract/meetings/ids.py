"""Meeting ids: readable and the same wherever the same meeting is read (date, body, type)."""

from __future__ import annotations

from agendapack.ids import slugify


def meeting_id(date: str | None, body: str | None, meeting_type: str | None, fallback: str) -> str:
    """'2019-11-25-family-and-people-services-policy-scrutiny-committee'; the section id when nothing is known."""
    if date is None and body is None:
        return f"{fallback}-meeting"
    parts = [date or "undated"]
    if body:
        parts.append(slugify(body))
    if meeting_type and meeting_type not in ("ordinary",):
        parts.append(meeting_type)
    return "-".join(parts)
