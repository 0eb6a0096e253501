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

import itertools
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
from agendapack.extract.meetings.numbering import leading_number
from agendapack.extract.meetings.paragraphs import PageRow, Para, join_row_texts
from agendapack.extract.meetings.people import (
    Person,
    from_last_honorific,
    has_role_word,
    parse_people,
    parse_person,
    same_listed_person,
    vocabulary,
)
from agendapack.extract.meetings.rollcall import roll_call_tables
from agendapack.extract.meetings.text import sentences
from agendapack.models.meetings import AttendanceType

T = AttendanceType
MEMBER_WORDS_KEY = conventions.declare(
    "attendance", "member_words", "Words of an elected member's honorific or role (councillor, mayor, trustee): such a person is not an officer"
)
CHAIR_ROLES_KEY = conventions.declare("attendance", "chair_roles", "Roles meaning the person presided (Chair, Chairman, Presiding Officer), regex")
VICE_CHAIR_ROLES_KEY = conventions.declare("attendance", "vice_chair_roles", "Roles meaning vice-chair (Vice-Chairman, Deputy Chair), regex")
ORGANISATION_KEY = conventions.declare(
    "attendance", "organisation_words", "Words (lower case) that make a role the name of a firm or outside body: such a person is a guest"
)
PRESENCE = (T.CHAIR, T.VICE_CHAIR, T.PRESENT, T.PRESENT_VIRTUAL, T.ALSO_PRESENT, T.OFFICER, T.OFFICER_VIRTUAL, T.SUBSTITUTE, T.GUEST)
NOT_PRESENT = (T.APOLOGY, T.ABSENT)
_ROLE_MENTION_RE = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,4}[A-Z][\w'’-]+)\s*\((?P<role>[^()]{3,120})\)")
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

    officer_list: bool = False  # a labelled list of officers was printed

    def add(self, people: list[Person], kind: AttendanceType, label: str, para: Para, convention: str | None) -> None:
        self.groups += 1
        for person in people:
            self.entries.append(Listed(person, _refine_type(kind, person), label, para, self.groups, convention))


def read_attendance(header: list[Para], items: list, paras: list[Para]) -> tuple[list[Listed], list[tuple[Para, int, int, str]]]:
    """One row per person of this meeting, and the roll calls whose printed count the names do not reach."""
    scope = _attendance_paragraphs(header, items)
    # a heading paragraph's own text starts after its title ('1. CALL TO ORDER Mayor X called the meeting to order')
    texts = {item.heading.index: item.lead for item in items}
    found = Found()
    _lists(scope, found)
    for para, kind, label, people in roll_call_tables(paras):
        found.add(people, kind, label, para, None)
    _sentences(scope, paras, found, texts)
    merged = merge_attendance(found.entries)
    merged = _add_mentioned_people(merged, scope, paras)
    merged = _presiding(merged, paras, texts)
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
        if is_vote_list(para.text) or (position and is_vote_list(paras[position - 1].text) and _starts_with(para.text, T.ABSENT)):
            continue
        following = paras[position + 1] if position + 1 < len(paras) else None
        segments = _label_segments(para)
        for index, rows in enumerate(segments):
            _read_segment(rows, para, following if index == len(segments) - 1 else None, found)


def _starts_with(text: str, kind: AttendanceType) -> bool:
    hits = label_hits(text)
    return bool(hits) and hits[0].start == 0 and hits[0].type is kind


def _first_line(row: PageRow) -> str | None:
    return row.row.lines[0].text if row.row.lines else None


def _label_segments(para: Para) -> list[list[PageRow]]:
    """The paragraph's rows cut before every row that opens with a label; rows before the first label are no list.

    'Present: Mayor X / Deputy Mayor Y / Regrets: Councillor Z' gives two lists; so does an item 'ATTENDANCE'
    with a 'Councillors' row and a 'Staff' row, each followed by one name a row.
    """
    segments: list[list[PageRow]] = []
    closed = False
    for position, row in enumerate(para.rows):
        # a label opens a row with a capital; 'public' after '4 members of the' carries a sentence on
        hits = label_hits(row.text, _first_line(row)) if position == 0 or row.text[:1].isupper() else []
        if hits and hits[0].start == 0:
            segments.append([row])
            closed = False
        elif segments and not closed:
            closed = _leaves_list(segments[-1][-1].text, row.text)
            if not closed:
                segments[-1].append(row)
    return segments


def _leaves_list(previous: str, text: str) -> bool:
    """A row that goes on in prose ('formant quorum sous la présidence de ...') after a complete entry ends the list."""
    word = text.split()[0] if text.split() else ""
    if not word[:1].islower() or _runs_on(previous):
        return False
    vocab = vocabulary()
    return word not in vocab.particles and f" {word} " not in vocab.conjunctions and not vocab.honorific_re.match(text)


def _read_segment(rows: list[PageRow], para: Para, following: Para | None, found: Found) -> None:
    text = join_row_texts([r.text for r in rows])
    hits = label_hits(text, _first_line(rows[0]))
    for number, hit in enumerate(hits):
        if number == 0 and len(hits) == 1:
            entries = _row_entries(rows, hit)
        else:
            entries = None
        names = _list_end(_after_clause(text[hit.end : hit.stop]))
        if not names.strip() and len(rows) == 1 and following is not None and _names_below(following):
            names = _list_end(following.text)  # the label on a line of its own, the names below it
        if entries is not None:
            people = [p for entry in entries for p in parse_people(entry) if not _is_placeholder(p)]
        else:
            people = [p for p in parse_people(names) if not _is_placeholder(p)]
        if hit.type in (T.CHAIR, T.OFFICER) and has_role_word(hit.label) and len(people) == 1 and people[0].role is None:
            people = [replace(people[0], role=hit.label)]  # 'Griffier: mevrouw A. Bakker': the label is her role
        found.add(people, hit.type, hit.label, para, hit.convention)
        found.officer_list = found.officer_list or (hit.type in (T.OFFICER, T.OFFICER_VIRTUAL) and bool(people))
        printed = _printed_count(names)
        if printed is not None and len(people) < printed:
            found.count_mismatches.append((para, printed, len(people), hit.label))


def _names_below(para: Para) -> bool:
    """The paragraph under a label standing alone holds its names: no label, number or heading of its own."""
    return not label_hits(para.text) and leading_number(para.text) is None and not para.bold


def _row_entries(rows: list[PageRow], hit) -> list[str] | None:
    """One person a row ('Mayor Claire Dufresne' / 'Deputy Mayor Ron Tkachuk', 'Karen Oduya, CAO/Clerk'),
    when no row runs on into the next (a row ending in a comma or 'and' is a wrapped list)."""
    first = rows[0].text
    texts = [first[len(first) - len(first.lstrip()) :]]
    hits = label_hits(first, _first_line(rows[0]))
    texts[0] = first[hits[0].end :].strip() if hits else first
    texts += [r.text.strip() for r in rows[1:]]
    texts = [t for t in texts if t]
    if len(texts) < 2 or any(_runs_on(t) for t in texts[:-1]):
        return None
    counts = [len(parse_people(t)) for t in texts]
    if max(counts) > 1 or sum(1 for c in counts if c == 1) < len(texts) - 1:
        return None
    return texts


def _runs_on(text: str) -> bool:
    lowered = text.rstrip().lower()
    if text.count("(") > text.count(")"):
        return True  # 'Group Manager Infrastructure (Leilani' / 'Ngata), ...'
    return lowered.endswith((",", ";", "&", "/")) or any(lowered.endswith(c.rstrip()) for c in (" and", " en", " et"))


def _after_clause(text: str) -> str:
    """'ROLL CALL: Board members present were Trustees ...': the names after the sentence that introduces them."""
    for hit in sentence_hits(text.strip()):
        if hit.type in (T.PRESENT, T.ALSO_PRESENT, T.APOLOGY, T.ABSENT) and text.strip().endswith(hit.names.strip()):
            return hit.names
    return text


def _list_end(text: str) -> str:
    """A list runs to the end of its first sentence, or to a bracketed note after its count.

    '... and Bill Tuttle were present. City Attorney ...', '... Mayor Ezzy Ashcraft – 5. [Note: ...]'.
    """
    text = re.split(r"\s\[", text.strip(), maxsplit=1)[0]
    text = (sentences(text) or [text])[0]
    end = re.search(r"\s+(?:were|was|are|is) (?:present|in attendance|absent)\b", text)
    if end:
        return text[: end.start()]
    count = re.search(r"\s[–—-]\s*\d{1,2}\b\.?", text)
    return text[: count.end()] if count else text


def _printed_count(names: str) -> int | None:
    """The count a roll call prints after its names: 'Mayor Spencer – 5.' or '(5)'."""
    match = re.search(r"(?:[–—-]\s*|\(\s*)(?P<n>\d{1,2})\s*\)?\.?\s*$", names.strip())
    return int(match.group("n")) if match else None


def _is_placeholder(person: Person) -> bool:
    return person.name.lower() in {"none", "nil", "n/a"}


# -- sentences ----------------------------------------------------------------------


def _sentences(scope: list[Para], paras: list[Para], found: Found, texts: dict[int, str]) -> None:
    """Attendance sentences in the attendance paragraphs; apologies and substitutes anywhere."""
    in_scope = {p.index for p in scope}
    for para in paras:
        for sentence in sentences(texts.get(para.index, para.text)):
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


def _presiding(entries: list[Listed], paras: list[Para], texts: dict[int, str]) -> list[Listed]:
    """The person the minutes say presided becomes the chair, unless a list already names one."""
    if any(e.type is T.CHAIR for e in entries):
        return entries
    for para in paras:
        for sentence in sentences(texts.get(para.index, para.text)):
            for hit in chair_hits(sentence):
                person, _ = parse_person(hit.names)
                if person is None:
                    continue
                if person.role is None and (role := _role_after(sentence, hit.names)):
                    person = replace(person, role=role)  # '... sous la présidence de M. Richard Lachance, maire.'
                index = next((i for i, e in enumerate(entries) if e.type in PRESENCE and same_listed_person(e.person, person)), None)
                if index is not None:
                    kept = entries[index]
                    entries[index] = replace(kept, type=T.CHAIR)
                    return entries
                if entries or person.honorific:
                    return [*entries, Listed(person, T.CHAIR, "presided", para, -1, hit.convention)]
    return entries


def _role_after(sentence: str, name: str) -> str | None:
    """The role printed after a comma behind a name in a sentence ('..., maire.', '..., Chair of the Board,')."""
    at = sentence.find(name)
    found = re.match(r"\s*,\s*(?P<role>[^,.;()]{2,60})(?:[,.;]|$)", sentence[at + len(name) :]) if at >= 0 else None
    if found is None:
        return None
    role = " ".join(found.group("role").split())
    return role if has_role_word(role) and len(role.split()) <= 6 and not parse_person(role)[0] else None


# -- officers named in the text -------------------------------------------------------------


def _add_mentioned_people(entries: list[Listed], scope: list[Para], paras: list[Para]) -> list[Listed]:
    """People the minutes name with their role: 'also heard from Jane Doe (Executive Director)' and 'Jane Doe
    (Head of Service)' anywhere are officers, 'Councillor X (Cabinet Member for Housing)' is also present;
    'City Recorder Leanne Moll declared a quorum' in the attendance paragraphs is an officer."""
    found: list[Listed] = []
    in_scope = {p.index for p in scope}
    for para in paras:
        for sentence in sentences(para.text):
            for hit in mention_hits(sentence):
                found += [Listed(p, T.OFFICER, "mentioned", para, _mention_group()) for p in parse_people(hit.names) if _is_officer(p)]
        for match in _ROLE_MENTION_RE.finditer(para.text):
            person, _ = parse_person(f"{from_last_honorific(match.group('name'))} ({match.group('role')})")
            if person is None or len(person.name.split()) < 2 or not has_role_word(person.role or ""):
                continue
            if is_member(person):
                found.append(Listed(person, T.ALSO_PRESENT, "mentioned", para, _mention_group()))
            elif _is_officer(person):
                found.append(Listed(person, T.OFFICER, "mentioned", para, _mention_group()))
        if para.index in in_scope:
            for sentence in sentences(para.text):
                person = _role_first_person(sentence)
                if person is not None:
                    found.append(Listed(person, T.OFFICER, "mentioned", para, _mention_group()))
    return merge_attendance([*entries, *found])


_MENTIONS = itertools.count(-2, -1)


def _mention_group() -> int:
    """Each mention is its own group: two mentions of one person merge (a printed list's entries never do)."""
    return next(_MENTIONS)


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
        flagged = chair_role(person.duty) or chair_role(person.role) or chair_role(person.honorific)
        if flagged is not None and kind is not T.ALSO_PRESENT:
            return flagged
    if kind in (T.OFFICER, T.OFFICER_VIRTUAL) and is_member(person):
        return T.ALSO_PRESENT if kind is T.OFFICER else T.PRESENT_VIRTUAL
    if kind is T.ALSO_PRESENT and not is_member(person) and (person.organisation or _organisation_role(person.role)):
        return T.GUEST  # 'Scott Leblanc, R.J. Burnside & Associates Limited': from outside the council
    if kind is T.ALSO_PRESENT and _is_officer(person):
        return T.OFFICER
    return kind


def _organisation_role(role: str | None) -> bool:
    """A role that names a firm or outside body ('R.J. Burnside & Associates Limited')."""
    words = {w for _, w in conventions.words(ORGANISATION_KEY)}
    return bool(role) and any(w.strip(".,").lower() in words for w in (role or "").split())


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
        person = kept.person  # the name as the first list printed it
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
