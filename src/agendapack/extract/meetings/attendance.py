"""One attendance row per person: lists and sentences merged, roles filled from later mentions."""

from __future__ import annotations

import re

from agendapack.extract.meetings.header import Listed
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.people import Person, same_person
from agendapack.models.meetings import AttendanceType

MENTION_RE = re.compile(r"(?P<name>(?:(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Mayor)\.?\s+)?(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)\s*\((?P<role>[^()]{4,120})\)")
ROLE_HINT_RE = re.compile(r"\b(?:member|director|head|officer|manager|executive|leader|chief|lead|counsel|chair|portfolio|mayor|clerk|adviser|advisor)\b", re.I)
_HONORIFIC_PREFIX_RE = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Mayor)\.?\s+")


def merge_attendance(listed: list[Listed]) -> list[Listed]:
    """First mention wins, except that a substitute statement turns a member present into a substitute."""
    merged: list[Listed] = []
    for entry in listed:
        index = next((i for i, kept in enumerate(merged) if _same(kept.person, entry.person)), None)
        if index is None:
            merged.append(entry)
        elif entry.type is AttendanceType.SUBSTITUTE and merged[index].type is AttendanceType.PRESENT:
            kept = merged[index]
            merged[index] = Listed(kept.person, AttendanceType.SUBSTITUTE, kept.label, kept.para)
    return merged


def _same(a: Person, b: Person) -> bool:
    return same_person(a, b.name) and same_person(b, a.name)


def fill_roles(listed: list[Listed], paras: list[Para]) -> list[Listed]:
    """A person listed without a role takes the first '(Role)' printed after their name in the minutes."""
    mentions = [(m.group("name"), " ".join(m.group("role").split())) for p in paras for m in MENTION_RE.finditer(p.text)]
    mentions = [(_HONORIFIC_PREFIX_RE.sub("", name), role) for name, role in mentions if ROLE_HINT_RE.search(role)]
    out: list[Listed] = []
    for entry in listed:
        person = entry.person
        if person.role is None:
            role = next((role for name, role in mentions if _mention_matches(person, name)), None)
            if role:
                person = Person(person.name, person.honorific, role, person.postnominals)
        out.append(Listed(person, entry.type, entry.label, entry.para))
    return out


def _mention_matches(person: Person, mention: str) -> bool:
    """'Heather Acton', 'S Chandler' or 'Watkins' (honorific taken off) names the listed person.

    Only the word before the surname is compared: a mention may start with words that
    are not part of the name ('Committee. Jayne Vertkin').
    """
    words = [w.strip(".") for w in mention.split()]
    if not words or words[-1] != person.surname:
        return False
    if len(words) == 1:
        return True
    given = words[-2]
    own = [w.strip(".") for w in person.name.split()[:-1]]
    return not own or any(w[:1].lower() == given[:1].lower() for w in own)
