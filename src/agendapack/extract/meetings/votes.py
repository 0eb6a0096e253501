"""Votes as minutes print them: the outcome, a tally, counts, and the names of a roll call.

'On being put to the vote the recommendation was CARRIED (6 in favour, none against, 3
abstentions)', 'The motion passed 5-0.', 'MOTION CARRIED BY THE FOLLOWING ROLL CALL VOTE: AYES:
Commissioners Davis, Hernandez ... NOES: None', 'Trustee Elton – yes, Trustee Albrecht – yes',
'Crockett-yes; Sczepanski-yes; Fales-absent', 'For (38) Mr Baker, Mr Brady ...', 'RESULT: ADOPTED
[UNANIMOUS]', 'De raad besluit in meerderheid (16 stemmen voor en 14 stemmen tegen)'. Every word
list is convention data (`[votes]` in extractors/conventions/*.toml).

A count printed beside a list of names is checked against the names read; a mismatch is an
issue with the page, not a silent fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from agendapack import conventions
from agendapack.extract.meetings import decision_cues as cue
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.people import POSTNOMINALS, parse_people
from agendapack.extract.meetings.text import squash
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue

if TYPE_CHECKING:
    from agendapack.extract.meetings.decisions import Decision

SIDES = ("ayes", "noes", "abstentions", "absent")
_OUTCOME_KEYS = (("lost", cue.LOST), ("withdrawn", cue.WITHDRAWN), ("deferred", cue.DEFERRED), ("carried", cue.CARRIED), ("noted", cue.NOTED))
_COUNT_KEYS = (("ayes", cue.AYES_COUNT), ("noes", cue.NOES_COUNT), ("abstentions", cue.ABSTAIN_COUNT), ("absent", cue.ABSENT_COUNT))
_LABEL_KEYS = (("ayes", cue.AYES_LABEL), ("noes", cue.NOES_LABEL), ("abstentions", cue.ABSTAIN_LABEL), ("absent", cue.ABSENT_LABEL))
_MEMBER_KEYS = (("ayes", cue.MEMBER_YES), ("noes", cue.MEMBER_NO), ("abstentions", cue.MEMBER_ABSTAIN), ("absent", cue.MEMBER_ABSENT))
_FOOTNOTE_RE = re.compile(r"[*†‡§¹²³]+")
_POSTNOMINAL_RE = re.compile(r"(?:\s+(?:" + "|".join(sorted(POSTNOMINALS)) + r"))+$")
# 'Councilmembers/Commissioners Abara, Fontaine': the first of two titles is dropped so the list reads as one title
_COMPOUND_TITLE_RE = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?/(?=[A-Z])")
_NONE_WORDS = {"none", "nil", "no", "zero", "0", "n/a", "-", "–"}


@dataclass
class VoteFound:
    """One vote before it becomes a record."""

    item: str | None
    para: Para
    outcome: str | None
    text: str
    motion: str | None = None
    moved_by: str | None = None
    seconded_by: str | None = None
    unanimous: bool = False
    method: str | None = None
    counts: dict[str, int | None] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    decision: Decision | None = None
    paras: list[Para] = field(default_factory=list)
    evidence: str | None = None

    def add_para(self, para: Para) -> None:
        if all(p is not para for p in self.paras):
            self.paras.append(para)

    def add_text(self, text: str) -> None:
        text = squash(text)
        if text and text not in self.text:
            self.text = f"{self.text} {text}".strip()


@dataclass(frozen=True)
class Outcome:
    """An outcome word found in a sentence: which outcome, where, and the cue that said so."""

    outcome: str
    start: int
    end: int
    evidence: str


def find_outcome(sentence: str) -> Outcome | None:
    """The first outcome the sentence states ('CARRIED', 'the motion failed', 'Motion passes')."""
    best: Outcome | None = None
    for outcome, key in _OUTCOME_KEYS:
        found = cue.first(key, sentence)
        if found and (best is None or found[1].start() < best.start):
            best = Outcome(outcome, found[1].start(), found[1].end(), found[0].label)
    return best


def result_label(sentence: str) -> tuple[str | None, str, str] | None:
    """A 'RESULT: ADOPTED [UNANIMOUS]' line: (outcome, result words, bracketed detail)."""
    found = cue.first(cue.RESULT_LABEL, sentence.strip(), at_start=True)
    if not found:
        return None
    result = found[1].group("result") or ""
    detail = found[1].groupdict().get("detail") or ""
    outcome = result_outcome(result)
    return outcome, result.strip(), detail.strip()


def result_outcome(words: str) -> str | None:
    """The outcome a result word names ('ADOPTED' -> carried, 'FAILED' -> lost, 'CONTINUED' -> deferred), from convention data."""
    lowered = " ".join(words.lower().split())
    best: tuple[int, str] | None = None
    for outcome, key in cue.RESULT_WORDS.items():
        for word in cue.words(key):
            if lowered.startswith(word) and (best is None or len(word) > best[0]):
                best = (len(word), outcome)
    return best[1] if best else None


def read_counts(text: str) -> dict[str, int | None]:
    """Counts for, against, abstaining and absent printed in the text; a tally ('5-0', '4-1-1') fills what they leave."""
    counts: dict[str, int | None] = {side: None for side in SIDES}
    for side, key in _COUNT_KEYS:
        found = cue.first(key, text)
        if found:
            counts[side] = _number(found[1].group("n"))
    tally = cue.first(cue.TALLY, text)
    if tally:
        groups = tally[1].groupdict()
        for side in ("ayes", "noes", "abstentions"):
            if counts[side] is None and groups.get(side) is not None:
                counts[side] = int(groups[side])
    return counts


def _number(word: str) -> int:
    return int(word) if word.isdigit() else 0


def is_unanimous(text: str) -> bool:
    return cue.first(cue.UNANIMOUS, text) is not None


def vote_method(text: str) -> str | None:
    if cue.first(cue.ROLL_CALL, text):
        return "roll call"
    if cue.first(cue.VOICE_VOTE, text):
        return "voice" if "voice" in text.lower() else "show of hands"
    return None


# -- roll calls ------------------------------------------------------------------------


@dataclass
class RollLine:
    """One side of a roll call: its label, the names read, and the count printed (if any)."""

    side: str
    names: list[str]
    count: int | None
    text: str
    open: bool = False  # the label stood alone ('For (38)'): its names follow in the next paragraph
    start: int = 0  # where its label starts in the text


@lru_cache(maxsize=1)
def _label_regex() -> re.Pattern[str]:
    alternatives = []
    for side, key in _LABEL_KEYS:
        labels = sorted({text for _, text in conventions.words(key)}, key=len, reverse=True)
        if labels:
            alternatives.append(f"(?P<{side}>" + "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels) + ")")
    if not alternatives:
        return re.compile(r"(?!)")
    # a label is a roll call's only when a colon, a dash or a bracketed count follows it ('AYES:', 'Ayes –', 'For (38)')
    return re.compile(r"(?<![\w'’])(?:" + "|".join(alternatives) + r")(?:\s*\((?P<count>\d{1,3})\))?(?P<sep>\s*[:–—]|\s+-\s)?")


def roll_lines(text: str) -> list[RollLine]:
    """The labelled sides of a roll call in the text ('AYES: A, B and C  NOES: None  ABSENT: D')."""
    found = [m for m in _label_regex().finditer(text) if m.group("sep") or m.group("count")]
    lines: list[RollLine] = []
    for index, match in enumerate(found):
        side = next(s for s in SIDES if match.groupdict().get(s))
        end = found[index + 1].start() if index + 1 < len(found) else len(text)
        body = text[match.end() : end]
        lines.append(_roll_line(side, body, match.group("count"), match.start()))
    return lines


def _roll_line(side: str, body: str, bracket_count: str | None, start: int) -> RollLine:
    count = int(bracket_count) if bracket_count else None
    body = body.strip()
    outcome = find_outcome(body)
    if outcome is not None:
        body = body[: outcome.start].strip()  # 'Contre : 3 REJETÉE': the outcome printed after the names
    leading = re.match(r"^(\d{1,3})\b\s*(?:[–—-]\s*)?", body)  # 'Aye: 7 Councilmember A, B ...', 'Aye: 2 - Whitaker and Bell'
    if leading:
        count = count if count is not None else int(leading.group(1))
        body = body[leading.end() :]
    body = body.strip(" ;,[]")
    trailing = re.search(r"\s*(?:[–—-]\s*(\d{1,3})|\(\s*(\d{1,3})\s*\))\s*\.?\s*$", body)  # '... and Mayor Spencer – 5.', '... and Ruawai (3)'
    if trailing:
        count = count if count is not None else int(trailing.group(1) or trailing.group(2))
        body = body[: trailing.start()]
    body = body.strip(" .;,[]")
    if body.lower() in _NONE_WORDS:
        return RollLine(side, [], count if count is not None else 0, body, start=start)
    names = people_names(body)
    return RollLine(side, names, count, body, open=not body, start=start)


def people_names(text: str) -> list[str]:
    """Names in a printed list, without titles, post-nominals or footnote marks ('Commissioners *Davis, **Hernandez, and Perez',
    'de leden Demir en Hoekstra')."""
    cleaned = _COMPOUND_TITLE_RE.sub(" ", _FOOTNOTE_RE.sub("", text)).strip()
    lead = cue.first(cue.ROLL_LIST_LEAD, cleaned, at_start=True)
    if lead:
        cleaned = cleaned[lead[1].end() :]
    cleaned = _list_and().sub(", ", cleaned)
    names = []
    for person in parse_people(cleaned):
        names.append(cue.strip_title(_POSTNOMINAL_RE.sub("", person.name)))
        if person.organisation:  # a vote lists members only: 'De Vries, Bos, De Boer' - 'Bos' is a member, not De Vries's firm
            names.append(cue.strip_title(person.organisation))
    return names


@lru_cache(maxsize=1)
def _member_vote_regex() -> re.Pattern[str]:
    return re.compile(cue.expand(rf"(?P<member>@MEMBER@)\s*{_member_vote_tail()}"), re.I)


@lru_cache(maxsize=1)
def _member_vote_tail() -> str:
    """The dash and the vote word after a member's name ('– yes'): searched alone first, it skips the texts without any."""
    words = [(side, cue.words(key)) for side, key in _MEMBER_KEYS]
    groups = "|".join(f"(?P<{side}>" + "|".join(sorted(map(re.escape, values), key=len, reverse=True)) + ")" for side, values in words if values)
    return rf"[–—:-]\s*(?:{groups})(?![\w-])"


@lru_cache(maxsize=1)
def _member_vote_screen() -> re.Pattern[str]:
    return re.compile(_member_vote_tail(), re.I)


def member_votes(text: str) -> dict[str, list[str]]:
    """An inline roll call ('Trustee Elton – yes, Trustee Albrecht – yes', 'Crockett-yes; Fales-absent'); empty below two entries."""
    if not _member_vote_screen().search(text):  # the name pattern tried at every character costs far more
        return {}
    found = list(_member_vote_regex().finditer(text))
    if len(found) < 2:
        return {}
    names: dict[str, list[str]] = {}
    for match in found:
        side = next(s for s in SIDES if match.groupdict().get(s))
        names.setdefault(side, []).append(cue.strip_title(match.group("member")))
    return names


_MARKS = {"x", "✓", "✔", "✗", "•", "yes", "no", "y", "n", "aye", "nay"}


@dataclass
class TableVote:
    """A recorded vote printed as a table: a header of vote columns ('Yea', 'Nay'), a row per member with a mark."""

    names: dict[str, list[str]]
    rest: str  # the paragraph's text after the table ('CARRIED')
    rows: int


def table_vote(para: Para) -> TableVote | None:
    """Read a recorded-vote table from the rows' geometry: each mark counts for the column header above it."""
    columns = _vote_columns()
    header_at, header = None, []
    for index, row in enumerate(para.rows):
        spans = [span for line in row.row.lines for span in line.spans]
        found = [(columns[span.text.strip().lower()], (span.bbox.x0 + span.bbox.x1) / 2) for span in spans if span.text.strip().lower() in columns]
        if len({side for side, _ in found}) >= 2:
            header_at, header = index, found
            break
    if header_at is None:
        return None
    names: dict[str, list[str]] = {}
    last = header_at
    for row in para.rows[header_at + 1 :]:
        spans = [span for line in row.row.lines for span in line.spans]
        marks = [span for span in spans if span.text.strip().lower() in _MARKS]
        others = [span.text for span in spans if span not in marks]
        if not marks or not others:
            break
        x = (marks[0].bbox.x0 + marks[0].bbox.x1) / 2
        side = min(header, key=lambda column: abs(column[1] - x))[0]
        names.setdefault(side, []).append(cue.strip_title(" ".join(" ".join(others).split())))
        last += 1
    if not names:
        return None
    rest = " ".join(row.text for row in para.rows[last + 1 :])
    return TableVote(names, squash(rest), last - header_at)


@lru_cache(maxsize=1)
def _vote_columns() -> dict[str, str]:
    """Column headers of a recorded-vote table, from every convention's member vote words ('yea' -> ayes)."""
    out: dict[str, str] = {}
    for side, key in _MEMBER_KEYS:
        for word in cue.words(key):
            if len(word) > 1:
                out.setdefault(word, side)
    for side, key in _LABEL_KEYS:
        for _, word in conventions.words(key):
            out.setdefault(word.lower(), side)
    return out


@lru_cache(maxsize=1)
def _list_and() -> re.Pattern[str]:
    joiners = sorted({w for w in cue.words(cue.LIST_AND) if w not in ("and",)}, key=len, reverse=True)
    return re.compile(r"\s+(?:" + "|".join(map(re.escape, joiners)) + r")\s+" if joiners else r"(?!)")


def roll_phrases(sentence: str) -> list[RollLine]:
    """'Voor stemden: de leden T. Jansen, Visser en Demir.': the names of one side, from a sentence."""
    lines = []
    for _, match in cue.all_matches(cue.ROLL_PHRASE, sentence):
        for side in SIDES:
            names = match.groupdict().get(side)
            if names:
                lines.append(RollLine(side, people_names(names), None, names, start=match.start()))
    return lines


def dissent(sentence: str) -> tuple[str, str] | None:
    """'Cr Fletcher requested that his vote against the resolution be recorded.', 'Councilor Ruble abstained.': (side, name)."""
    found = cue.first(cue.DISSENT, sentence, at_start=True)
    if not found:
        return None
    groups = found[1].groupdict()
    side = "abstentions" if groups.get("abstained") else "noes"
    return side, cue.strip_title(found[1].group("name"))


def count_issues(vote: VoteFound, page: int, printed: dict[str, int | None]) -> list[Issue]:
    """A printed count that differs from the names read on that side of the roll call."""
    issues = []
    for side in SIDES:
        count, names = printed.get(side), vote.names.get(side)
        if count is not None and names and len(names) != count:
            issues.append(
                make_issue(
                    IssueCode.VOTE_COUNT_MISMATCH,
                    Stage.EXTRACT,
                    f"Vote on page {page}: {count} printed as {side} but {len(names)} names read ({', '.join(names)}).",
                    page=page,
                )
            )
    return issues
