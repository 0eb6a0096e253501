"""Attendance of one meeting: every list, sentence and roll call merged into one row per person.

Where it is read: labelled lists and attendance sentences in the paragraphs before the first minute
and in minutes whose title says they record attendance (Apologies, Roll Call, Membership); apologies
wherever a sentence states them; who presided anywhere in the minutes ('called to order by ...',
'... adjourned the meeting', 'RESOLVED that Mr X be elected to Chair the meeting'). Officers named with
their role in the text ('also heard from Jane Doe (Executive Director)') are attendance only when the
minutes print no list of officers.

Two entries of one list are always two people (Mrs P T Cole, Mr P Cole); apologies and absences are
kept apart from the people present (a member 'Mr Wright' may send apologies while 'Mr J Wright' attends).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from agendapack import conventions
from agendapack.extract.meetings.attendance_cues import (
    attendance_title,
    chair_hits,
    is_vote_list,
    label_hits,
    mention_hits,
    sentence_hits,
)
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.people import Person, has_role_word, parse_people, parse_person, same_listed_person
from agendapack.extract.meetings.rollcall import roll_call_tables
from agendapack.extract.meetings.text import sentences
from agendapack.models.meetings import AttendanceType

T = AttendanceType
MEMBER_WORDS_KEY = conventions.declare(
    "attendance", "member_words", "Words of an elected member's honorific or role (councillor, mayor, trustee): such a person is not an officer"
)
CHAIR_ROLES_KEY = conventions.declare("attendance", "chair_roles", "Roles meaning the person presided (Chair, Chairman, Presiding Officer), regex")
VICE_CHAIR_ROLES_KEY = conventions.declare("attendance", "vice_chair_roles", "Roles meaning vice-chair (Vice-Chairman, Deputy Chair), regex")
PRESENCE = (T.CHAIR, T.VICE_CHAIR, T.PRESENT, T.PRESENT_VIRTUAL, T.ALSO_PRESENT, T.OFFICER, T.OFFICER_VIRTUAL, T.SUBSTITUTE, T.GUEST)
NOT_PRESENT = (T.APOLOGY, T.ABSENT)
_ROLE_MENTION_RE = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’-]+)\s*\((?P<role>[^()]{3,120})\)")
_LEADING_HONORIFIC_RE = re.compile(r"^(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Mayor)\.?\s+")


@dataclass(frozen=True)
class Listed:
    """A person from an attendance list or sentence, with where they came from."""

    person: Person
    type: AttendanceType
    label: str
    para: Para
    group: int = 0  # entries of one printed list share a group: they are never merged with each other
    convention: str | None = None


@dataclass
class Found:
    """Everything read about attendance, before merging, with the self-checks it gave."""

    entries: list[Listed] = field(default_factory=list)
    count_mismatches: list[tuple[Para, int, int, str]] = field(default_factory=list)  # (para, printed, found, label)
    groups: int = 0

    def add(self, people: list[Person], kind: AttendanceType, label: str, para: Para, convention: str | None) -> None:
        self.groups += 1
        for person in people:
            self.entries.append(Listed(person, _refine_type(kind, person), label, para, self.groups, convention))


def read_attendance(header: list[Para], items: list, paras: list[Para]) -> tuple[list[Listed], list[tuple[Para, int, int, str]]]:
    """One row per person of this meeting, and the roll calls whose printed count the names do not reach."""
    scope = _attendance_paragraphs(header, items)
    found = Found()
    _lists(scope, found)
    for para, kind, label, people in roll_call_tables(paras):
        found.add(people, kind, label, para, None)
    _sentences(scope, paras, found)
    merged = merge_attendance(found.entries)
    if not any(e.type in (T.OFFICER, T.OFFICER_VIRTUAL) for e in merged):
        merged = _add_mentioned_officers(merged, scope, paras)
    merged = _presiding(merged, paras)
    return fill_roles(merged, paras), found.count_mismatches


def _attendance_paragraphs(header: list[Para], items: list) -> list[Para]:
    """The header, and the minutes whose title says they hold attendance, and the first minute."""
    scope = list(header)
    for position, item in enumerate(items):
        if position == 0 or attendance_title(item.title):
            scope += item.paras
    seen: set[int] = set()
    return [p for p in scope if not (p.index in seen or seen.add(p.index))]


# -- labelled lists --------------------------------------------------------------


def _lists(paras: list[Para], found: Found) -> None:
    for position, para in enumerate(paras):
        text = para.text
        hits = label_hits(text, para.rows[0].row.lines[0].text if para.rows and para.rows[0].row.lines else None)
        if not hits or is_vote_list(text) or (position and is_vote_list(paras[position - 1].text) and hits[0].type is T.ABSENT):
            continue
        for hit in hits:
            names = text[hit.end : hit.stop]
            names = _list_end(names)
            if not names.strip() and position + 1 < len(paras) and not label_hits(paras[position + 1].text):
                names = _list_end(paras[position + 1].text)  # the label on a line of its own, the names below it
            people = [p for p in parse_people(names) if not _is_placeholder(p)]
            found.add(people, hit.type, hit.label, para, hit.convention)
            printed = _printed_count(names)
            if printed is not None and len(people) < printed:
                found.count_mismatches.append((para, printed, len(people), hit.label))


def _list_end(text: str) -> str:
    """A list runs to the end of its first sentence, or to a bracketed note after its count.

    '... and Bill Tuttle were present. City Attorney ...', '... Mayor Ezzy Ashcraft – 5. [Note: ...]'.
    """
    text = re.split(r"\s\[", text.strip(), maxsplit=1)[0]
    end = re.search(r"\s+(?:were|was|are|is) (?:present|in attendance|absent)\b", text)
    if end:
        return text[: end.start()]
    count = re.search(r"\s[–—-]\s*\d{1,2}\b\.?", text)
    if count:
        return text[: count.end()]
    return (sentences(text) or [text])[0]


def _printed_count(names: str) -> int | None:
    """The count a roll call prints after its names: 'Mayor Spencer – 5.' or '(5)'."""
    match = re.search(r"(?:[–—-]\s*|\(\s*)(?P<n>\d{1,2})\s*\)?\.?\s*$", names.strip())
    return int(match.group("n")) if match else None


def _is_placeholder(person: Person) -> bool:
    return person.name.lower() in {"none", "nil", "n/a"}


# -- sentences ----------------------------------------------------------------------


def _sentences(scope: list[Para], paras: list[Para], found: Found) -> None:
    """Attendance sentences in the attendance paragraphs; apologies and substitutes anywhere."""
    in_scope = {p.index for p in scope}
    for para in paras:
        for sentence in sentences(para.text):
            for hit in sentence_hits(sentence):
                if para.index not in in_scope and hit.type not in (T.APOLOGY, T.SUBSTITUTE):
                    continue
                people = [p for p in parse_people(_names_clause(hit.names)) if not _is_placeholder(p)]
                found.add(people, hit.type or T.PRESENT, _label_of(hit.cue), para, hit.convention)


def _names_clause(text: str) -> str:
    """The names, without a trailing clause ('Mr X, who was unwell' -> 'Mr X')."""
    return re.split(r",?\s+(?:who|which|as|due to|because|for the|owing to|on account)\b", text, maxsplit=1)[0]


def _label_of(cue: str) -> str:
    words = re.sub(r"\{names?\}|\\[a-z]|[()?:|^$\[\]\\]", " ", cue)
    return " ".join(words.split()[:6]) or "sentence"


# -- presiding --------------------------------------------------------------------------


def _presiding(entries: list[Listed], paras: list[Para]) -> list[Listed]:
    """The person the minutes say presided becomes the chair, unless a list already names one."""
    if any(e.type is T.CHAIR for e in entries):
        return entries
    for para in paras:
        for sentence in sentences(para.text):
            for hit in chair_hits(sentence):
                person, _ = parse_person(hit.names)
                if person is None:
                    continue
                index = next((i for i, e in enumerate(entries) if e.type in PRESENCE and same_listed_person(e.person, person)), None)
                if index is not None:
                    kept = entries[index]
                    entries[index] = replace(kept, type=T.CHAIR)
                    return entries
                if entries or person.honorific:
                    return [*entries, Listed(person, T.CHAIR, "presided", para, -1, hit.convention)]
    return entries


# -- officers named in the text -------------------------------------------------------------


def _add_mentioned_officers(entries: list[Listed], scope: list[Para], paras: list[Para]) -> list[Listed]:
    """Without an officers list: 'Jane Doe (Executive Director)' and 'also heard from ...' anywhere,
    'City Recorder Leanne Moll declared a quorum' in the attendance paragraphs."""
    found: list[Listed] = []
    in_scope = {p.index for p in scope}
    for para in paras:
        for sentence in sentences(para.text):
            for hit in mention_hits(sentence):
                found += [Listed(p, T.OFFICER, "mentioned", para, -2) for p in parse_people(hit.names) if _is_officer(p)]
        for match in _ROLE_MENTION_RE.finditer(para.text):
            name = _LEADING_HONORIFIC_RE.sub("", match.group("name"))
            person, _ = parse_person(f"{name} ({match.group('role')})")
            if person is not None and _is_officer(person) and has_role_word(person.role or "") and len(person.name.split()) >= 2:
                found.append(Listed(person, T.OFFICER, "mentioned", para, -2))
        if para.index in in_scope:
            for sentence in sentences(para.text):
                person = _role_first_person(sentence)
                if person is not None:
                    found.append(Listed(person, T.OFFICER, "mentioned", para, -2))
    return merge_attendance([*entries, *found])


def _role_first_person(sentence: str) -> Person | None:
    """'City Recorder Leanne Moll declared a quorum.' -> Leanne Moll, City Recorder."""
    match = re.match(r"^(?P<who>(?:[A-Z][\w'’.-]*\s+){1,6}[A-Z][\w'’-]+)\s+(?:declared|announced|reported|called|noted|read|recorded|took)\b", sentence)
    if not match:
        return None
    person, _ = parse_person(match.group("who"))
    return person if person is not None and person.role and _is_officer(person) else None


# -- typing and merging ---------------------------------------------------------------------


def _member_re() -> re.Pattern[str]:
    words = [w for _, w in conventions.words(MEMBER_WORDS_KEY)] or ["councillor"]
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.I)


def _role_re(key: tuple[str, str]) -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(key)]
    return re.compile(r"^(?:" + "|".join(f"(?:{w})" for w in words) + r")$", re.I) if words else None


def is_member(person: Person) -> bool:
    """An elected member (by honorific or role), not an officer."""
    regex = _member_re()
    return bool(regex.search(person.honorific or "") or regex.search(person.role or ""))


def _is_officer(person: Person) -> bool:
    return person.role is not None and not is_member(person)


def chair_role(role: str | None) -> AttendanceType | None:
    """CHAIR or VICE_CHAIR when a role ('Chairman', 'Mayor/Chair', 'Vice-Chair') says so."""
    if not role:
        return None
    parts = [p.strip() for p in re.split(r"[/,]", role) if p.strip()]
    vice, chair = _role_re(VICE_CHAIR_ROLES_KEY), _role_re(CHAIR_ROLES_KEY)
    if vice and any(vice.match(p) for p in parts):
        return T.VICE_CHAIR
    if chair and any(chair.match(p) for p in parts):
        return T.CHAIR
    return None


def _refine_type(kind: AttendanceType, person: Person) -> AttendanceType:
    """Chairs among members; councillors 'in attendance' are also present; staff 'also present' are officers."""
    if kind in (T.PRESENT, T.PRESENT_VIRTUAL, T.ALSO_PRESENT):
        flagged = chair_role(person.role) or chair_role(person.honorific)
        if flagged is not None and kind is not T.ALSO_PRESENT:
            return flagged
    if kind in (T.OFFICER, T.OFFICER_VIRTUAL) and is_member(person):
        return T.ALSO_PRESENT if kind is T.OFFICER else T.PRESENT_VIRTUAL
    if kind is T.ALSO_PRESENT and _is_officer(person):
        return T.OFFICER
    return kind


_MORE_SPECIFIC = {
    T.PRESENT: (T.CHAIR, T.VICE_CHAIR, T.PRESENT_VIRTUAL, T.SUBSTITUTE),
    T.ALSO_PRESENT: (T.PRESENT_VIRTUAL,),
    T.OFFICER: (T.OFFICER_VIRTUAL,),
    T.GUEST: (T.OFFICER,),
}


def merge_attendance(listed: list[Listed]) -> list[Listed]:
    """One row per person: the first mention's row, typed by the most specific statement about them."""
    merged: list[Listed] = []
    for entry in listed:
        present = entry.type in PRESENCE
        index = next(
            (
                i
                for i, kept in enumerate(merged)
                if kept.group != entry.group and (kept.type in PRESENCE) == present and same_listed_person(kept.person, entry.person)
            ),
            None,
        )
        if index is None:
            merged.append(entry)
            continue
        kept = merged[index]
        kind = kept.type
        if entry.type in _MORE_SPECIFIC.get(kept.type, ()):
            kind = T.OFFICER_VIRTUAL if (kept.type is T.OFFICER and entry.type is T.PRESENT_VIRTUAL) else entry.type
        person = kept.person if len(kept.person.name) >= len(entry.person.name) else replace(entry.person, honorific=kept.person.honorific or entry.person.honorific)
        if person.role is None and entry.person.role:
            person = replace(person, role=entry.person.role)
        merged[index] = replace(kept, person=person, type=kind)
    return merged


def fill_roles(listed: list[Listed], paras: list[Para]) -> list[Listed]:
    """A person listed without a role takes the first '(Role)' printed after their name in the minutes."""
    mentions = [(m.group("name"), " ".join(m.group("role").split())) for p in paras for m in _ROLE_MENTION_RE.finditer(p.text)]
    mentions = [(_LEADING_HONORIFIC_RE.sub("", name), role) for name, role in mentions if _role_like(role)]
    out: list[Listed] = []
    for entry in listed:
        person = entry.person
        if person.role is None:
            role = next((role for name, role in mentions if _mention_matches(person, name)), None)
            if role:
                person = replace(person, role=role)
        out.append(replace(entry, person=person))
    return out


def _role_like(role: str) -> bool:
    return has_role_word(role) or bool(_member_re().search(role))


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
