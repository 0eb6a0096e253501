"""Where minutes say who attended: list labels and sentences, as every convention prints them.

Labels ('Present:', 'PRESENT', 'Members Present:-', 'Councillors present', 'In attendance',
'Also present', 'Staff present', 'Absent:', 'Regrets:', 'Aanwezig:') open a list of people; several
may share one paragraph ('Roll Call – Present: ... – 5. Absent: None.'). Sentences state it in prose
('Board members present were ...', 'Apologies were received from ...', 'Commissioners Davis and
Hernandez participated via videoconference.', 'called to order by Supervisor Liccar').

The label words and sentence patterns are data ([attendance] in extractors/conventions/*.toml). A
sentence pattern marks where the names stand with `{names}` (a list, to the end of the sentence or
up to the words after it) or `{name}` (one capitalised name, honorific included).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.meetings.pretest import AnyPattern, required_tail
from agendapack.models.meetings import AttendanceType

T = AttendanceType
LABEL_KEYS: dict[AttendanceType, tuple[str, str]] = {
    T.PRESENT: conventions.declare("attendance", "present_labels", "Labels of the list of members present (regex)"),
    T.PRESENT_VIRTUAL: conventions.declare("attendance", "present_virtual_labels", "Labels of members attending remotely (regex)"),
    T.ALSO_PRESENT: conventions.declare("attendance", "also_present_labels", "Labels of other members or guests present (regex)"),
    T.OFFICER: conventions.declare("attendance", "officer_labels", "Labels of officers and staff in attendance (regex)"),
    T.OFFICER_VIRTUAL: conventions.declare("attendance", "officer_virtual_labels", "Labels of officers attending remotely (regex)"),
    T.APOLOGY: conventions.declare("attendance", "apology_labels", "Labels of apologies, regrets, excused absences (regex)"),
    T.ABSENT: conventions.declare("attendance", "absent_labels", "Labels of members absent (regex)"),
    T.SUBSTITUTE: conventions.declare("attendance", "substitute_labels", "Labels of substitute members (regex)"),
    T.GUEST: conventions.declare("attendance", "guest_labels", "Labels of guests, presenters, visitors (regex)"),
    T.CHAIR: conventions.declare("attendance", "chair_labels", "Labels of who presided, in a list of labels ('Voorzitter:', 'Presiding:') (regex)"),
}
SENTENCE_KEYS: dict[AttendanceType, tuple[str, str]] = {
    T.PRESENT: conventions.declare("attendance", "present_sentences", "Sentences naming members present; {names} marks the names"),
    T.PRESENT_VIRTUAL: conventions.declare("attendance", "present_virtual_sentences", "Sentences naming people attending remotely; {names}"),
    T.ALSO_PRESENT: conventions.declare("attendance", "also_present_sentences", "Sentences naming others also present; {names}"),
    T.APOLOGY: conventions.declare("attendance", "apology_sentences", "Sentences naming apologies or excused absences; {names}"),
    T.ABSENT: conventions.declare("attendance", "absent_sentences", "Sentences naming members absent; {names}"),
    T.SUBSTITUTE: conventions.declare("attendance", "substitute_sentences", "Sentences naming substitutes; {names}"),
}
CHAIR_KEY = conventions.declare("attendance", "chair_sentences", "Sentences naming who presided ('called to order by {name}', 'Mayor X convened the meeting')")
MENTION_KEY = conventions.declare(
    "attendance", "mention_sentences", "Sentences naming officers who spoke ('also heard from {names}'), read when no officer list is printed"
)
VOTE_LABELS_KEY = conventions.declare("attendance", "vote_labels", "Labels of a vote's lists (Ayes, Noes, For, Against): such a list is not attendance")
TITLES_KEY = conventions.declare("attendance", "attendance_titles", "Words of minute titles whose text holds attendance (Roll Call, Apologies, Membership)")

# What ends a label: a colon or a dash (':-' too), or nothing when the label is printed in capitals.
_TERMINATOR = r"\s*(?:[:：]\s*[-–—]?|[-–—]+(?=\s)|\.(?=\s))\s*"
_NAMES = r"(?P<names>.+?)"
_NAME = r"(?-i:(?P<names>(?:[A-Z][\w'’.-]*)(?:\s*/\s*[A-Z][\w'’.-]*)*(?:\s+(?:[A-Z][\w'’.-]*(?:\s*/\s*[A-Z][\w'’.-]*)*|de|van|der|von|la|le)){0,5}))"


@dataclass(frozen=True)
class LabelHit:
    """A label found in a paragraph's text: its type, the label as printed, and where its list runs."""

    type: AttendanceType
    label: str
    convention: str
    start: int
    end: int  # where the names start
    stop: int  # where the list ends (the next label, or the end of the text)


@dataclass(frozen=True)
class SentenceHit:
    type: AttendanceType | None  # None for a chair or mention cue
    names: str
    convention: str
    cue: str


@dataclass(frozen=True)
class _LabelPattern:
    type: AttendanceType
    convention: str
    at_start: re.Pattern[str]
    inside: re.Pattern[str]


@lru_cache(maxsize=1)
def _label_patterns() -> tuple[_LabelPattern, ...]:
    out = []
    for kind, key in LABEL_KEYS.items():
        for convention, source in conventions.words(key):
            label = rf"(?P<label>(?:{source}))"
            at_start = re.compile(rf"^\s*(?:roll call\s*[-–—:]?\s*)?{label}(?P<term>{_TERMINATOR}|\s+(?=\S)|\s*$)", re.I)
            # inside a paragraph, after a sentence end or a dash: 'Present: ... – 5. Absent: None.'
            inside = re.compile(rf"(?:(?<=[.;:])|(?<=[–—-]))\s+{label}\s*[:：]\s*", re.I)
            out.append(_LabelPattern(kind, convention, at_start, inside))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_label_start() -> re.Pattern[str] | None:
    sources = [source for key in LABEL_KEYS.values() for _, source in conventions.words(key)]
    if not sources:
        return None
    return re.compile(r"^\s*(?:roll call\s*[-–—:]?\s*)?(?:" + "|".join(f"(?:{s})" for s in sources) + ")", re.I)


@lru_cache(maxsize=1)
def _any_label_inside() -> re.Pattern[str] | None:
    """Every label as it stands inside a paragraph, in one pattern: skips the per-label search where none could match.

    The same test as each `_LabelPattern.inside`, the one-character look-behind read as a character, so
    the search jumps from one punctuation mark to the next instead of trying every label everywhere.
    """
    sources = [source for key in LABEL_KEYS.values() for _, source in conventions.words(key)]
    if not sources:
        return None
    return re.compile(r"[.;:–—-]\s+(?:" + "|".join(f"(?:{s})" for s in sources) + r")\s*[:：]", re.I)


@lru_cache(maxsize=1)
def _vote_label_re() -> re.Pattern[str]:
    words = [source for _, source in conventions.words(VOTE_LABELS_KEY)] or ["ayes"]
    return re.compile(r"(?:^|[\s.;])(?:" + "|".join(f"(?:{w})" for w in words) + r")\s*[:：]", re.I)


def is_vote_list(text: str) -> bool:
    """'AYES: Commissioners ... NOES: None': the lists of a vote, not of attendance."""
    return bool(_vote_label_re().search(text))


def label_hits(text: str, first_line: str | None = None) -> list[LabelHit]:
    """Every attendance label in a paragraph, in order, each with the span of its list.

    A label needs a colon or a dash after it, unless it is printed in capitals ('PRESENT Mr A') or
    stands alone as the first text segment of its row ('Present:' in a column of its own).
    """
    quick = _any_label_start()
    if quick is None:
        return []
    found: list[tuple[int, int, str, AttendanceType, str]] = []
    if quick.match(text):
        best = None
        for pattern in _label_patterns():
            match = pattern.at_start.match(text)
            if match and _accepted(match, first_line) and (best is None or match.end("label") > best[0].end("label")):
                best = (match, pattern)
        if best:
            match, pattern = best
            found.append((0, match.end(), match.group("label"), pattern.type, pattern.convention))
    inside = _any_label_inside()
    for pattern in _label_patterns() if inside is not None and inside.search(text) else ():
        for match in pattern.inside.finditer(text):
            if not found or match.start("label") >= found[0][1]:  # 'Members Present:- Councillors:': the space is the first's
                found.append((match.start("label"), match.end(), match.group("label"), pattern.type, pattern.convention))
    found = _nested(_longest_per_position(found), text)
    hits = []
    for index, (start, end, label, kind, convention) in enumerate(found):
        stop = found[index + 1][0] if index + 1 < len(found) else len(text)
        hits.append(LabelHit(kind, " ".join(label.split()), convention, start, end, stop))
    return hits


def _nested(found: list[tuple[int, int, str, AttendanceType, str]], text: str) -> list[tuple[int, int, str, AttendanceType, str]]:
    """'Roll Call – Present:', 'Members Present:- Councillors:': a label followed at once by another is the inner one's."""
    kept: list[tuple[int, int, str, AttendanceType, str]] = []
    outer: int | None = None
    for index, hit in enumerate(found):
        following = found[index + 1] if index + 1 < len(found) else None
        if following is not None and not text[hit[1] : following[0]].strip(" :-–—"):
            outer = hit[0] if outer is None else outer
            continue
        kept.append(hit if outer is None else (outer, *hit[1:]))
        outer = None
    return kept


_CAPS_RUN_TO_COLON_RE = re.compile(r"(?:\s+[A-Z][A-Z'’&/-]*)+\s*:")


def _accepted(match: re.Match[str], first_line: str | None) -> bool:
    term = match.group("term")
    if re.search(r"[:：–—-]", term or "") or (not (term or "").strip() and match.end() == len(match.string)):
        return True
    label = match.group("label")
    if label.isupper() and len(re.sub(r"[^A-Za-z]", "", label)) > 3:
        # 'PUBLIC COMMENT:' is a heading whose first word is a label word, not the label 'PUBLIC'
        return not _CAPS_RUN_TO_COLON_RE.match(match.string, match.end("label"))
    return first_line is not None and first_line.strip(" :-–—").lower() == label.lower()


def _longest_per_position(found: list[tuple[int, int, str, AttendanceType, str]]) -> list[tuple[int, int, str, AttendanceType, str]]:
    """Overlapping labels ('absent' inside 'absent with apologies'): the longest wins."""
    kept: list[tuple[int, int, str, AttendanceType, str]] = []
    for hit in sorted(found, key=lambda h: (h[0], -(h[1] - h[0]))):
        if kept and hit[0] < kept[-1][1]:
            continue
        kept.append(hit)
    return kept


@dataclass(frozen=True)
class _SentencePattern:
    type: AttendanceType | None
    convention: str
    source: str
    regex: re.Pattern[str]


def _compile_sentence(source: str) -> re.Pattern[str]:
    body = source.replace("{names}", _NAMES).replace("{name}", _NAME)
    if source.rstrip().endswith("{names}"):
        body += r"\s*$"
    return re.compile(body, re.I)


@lru_cache(maxsize=1)
def _sentence_patterns() -> tuple[_SentencePattern, ...]:
    out = []
    for kind, key in SENTENCE_KEYS.items():
        out += [_SentencePattern(kind, c, s, _compile_sentence(s)) for c, s in conventions.words(key)]
    return tuple(out)


@lru_cache(maxsize=1)
def _chair_patterns() -> tuple[_SentencePattern, ...]:
    return tuple(_SentencePattern(None, c, s, _compile_sentence(s)) for c, s in conventions.words(CHAIR_KEY))


@lru_cache(maxsize=1)
def _mention_patterns() -> tuple[_SentencePattern, ...]:
    return tuple(_SentencePattern(None, c, s, _compile_sentence(s)) for c, s in conventions.words(MENTION_KEY))


@lru_cache(maxsize=4)
def _quick(kind: str) -> AnyPattern | None:
    """One alternation of the sentence patterns' fixed words, to skip sentences none could match.

    Each pattern stands in it by its required tail (`pretest.required_tail`: a leading '{names}' and the
    like dropped), which matches wherever the pattern does and is cheap to search anywhere.
    """
    patterns = {"people": _sentence_patterns(), "chair": _chair_patterns(), "mention": _mention_patterns()}[kind]
    sources = [required_tail(p.source.lstrip("^")).replace("{names}", ".+?").replace("{name}", ".+?") for p in patterns]
    return AnyPattern(sources) if sources else None


def _hits(text: str, kind: str, patterns: tuple[_SentencePattern, ...]) -> list[SentenceHit]:
    quick = _quick(kind)
    if quick is None or not quick.search(text):
        return []
    out = []
    for pattern in patterns:
        for match in pattern.regex.finditer(text):
            out.append(SentenceHit(pattern.type, match.group("names"), pattern.convention, pattern.source))
    return out


def sentence_hits(sentence: str) -> list[SentenceHit]:
    """Attendance stated in one sentence: who was present, absent, sent apologies, substituted."""
    return _hits(sentence, "people", _sentence_patterns())


def chair_hits(sentence: str) -> list[SentenceHit]:
    """Who presided, as one sentence says it."""
    return _hits(sentence, "chair", _chair_patterns())


def mention_hits(sentence: str) -> list[SentenceHit]:
    """Officers a sentence names as having spoken ('The Committee also heard from ...')."""
    return _hits(sentence, "mention", _mention_patterns())


@lru_cache(maxsize=1)
def _titles_re() -> re.Pattern[str] | None:
    words = [w for _, w in conventions.words(TITLES_KEY)]
    return re.compile(r"\b(?:" + "|".join(words) + r")", re.I) if words else None


def attendance_title(title: str) -> bool:
    """A minute whose title says it records attendance ('Apologies for Absence', 'Roll Call')."""
    regex = _titles_re()
    return bool(regex and regex.search(title))
