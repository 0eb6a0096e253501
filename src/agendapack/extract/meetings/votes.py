"""Votes and motions: UK 'put to the vote ... CARRIED (6 in favour, none against, 3 abstentions)',
US 'moved ... seconded ... the motion carried by the following voice vote: Ayes: ... Noes: ...',
Ontario 'R2024-138 D. Yemm, S. Foote: That ... Carried.'.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from agendapack.extract.meetings.decisions import Decision
from agendapack.extract.meetings.items import ONTARIO_OUTCOME_RE, ONTARIO_RE, Item
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.people import parse_people
from agendapack.extract.meetings.text import sentences, squash

UK_OUTCOME_RE = re.compile(r"\b(?:was|were)\s+(?P<outcome>CARRIED|LOST|DEFEATED|FELL|carried|lost|defeated|fell)\b")
SUBJECT_RE = re.compile(r"\bthe (?P<s>recommendations?|amendment|motion|report|proposals?|substantive motion|recommendation as amended)\b", re.I)
_COUNT = r"(?P<n>\d+|none|no|nil|zero)"
FOR_RE = re.compile(_COUNT + r"\s+(?:members\s+|councillors\s+)?(?:voting\s+)?(?:in favour|for)\b", re.I)
AGAINST_RE = re.compile(_COUNT + r"\s+(?:members\s+|councillors\s+)?(?:voting\s+)?against\b", re.I)
ABSTAIN_RE = re.compile(_COUNT + r"\s+abstentions?\b|\babstentions?\s*[:=]?\s*(?P<n2>\d+)", re.I)
_HON = r"(?:Councillor|Cllr|Mr|Mrs|Ms|Dr)\.?\s+"
_NAME = r"[A-Z][\w'’-]*(?:\s+(?!(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|On|The|It|A)\b)[A-Z][\w'’-]*)?"
MOVED_BY_RE = re.compile(rf"\bmoved by (?P<m>{_HON}{_NAME})(?:\s+and seconded by (?P<s>(?:{_HON})?{_NAME}))?")
AMENDMENT_MOVER_RE = re.compile(rf"(?P<m>{_HON}[A-Z][\w'’-]*)\s+moved an amendment")
AMENDMENT_SECONDER_RE = re.compile(rf"amendment (?:was|which was) seconded by (?P<s>(?:{_HON})?{_NAME})")
_US_MEMBER = r"(?:Vice Mayor|Mayor|Councilmember|Council Member|Commissioner|Boardmember|Board Member|Trustee|Supervisor|Alderman|Member|President)"
US_MOVED_RE = re.compile(rf"^(?P<mover>{_US_MEMBER}(?:\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?)\s+moved\s+(?P<what>.+?)\.?$", re.S)
US_SECONDED_RE = re.compile(rf"(?P<seconder>{_US_MEMBER}(?:\s+[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?)?)\s+seconded the motion")
US_OUTCOME_RE = re.compile(r"\b(?:the )?motion (?P<o>carried|failed|passed|was defeated)\b|\bwhich (?P<o2>carried|failed)\b", re.I)
ROLL_RE = re.compile(r"\b(?P<label>Ayes|Noes|Nays|Abstentions?|Abstaining|Absent)\s*:\s*(?P<names>.+?)\s*[–—-]\s*(?P<n>\d+)\b", re.I)
UNANIMOUS_COUNT_RE = re.compile(r"unanimous[^–—\-.]*?[–—-]\s*(?P<n>\d+)", re.I)


@dataclass
class VoteFound:
    """One vote before it becomes a record."""

    item: str | None
    para: Para
    outcome: str
    text: str
    motion: str | None = None
    moved_by: str | None = None
    seconded_by: str | None = None
    unanimous: bool = False
    method: str | None = None
    counts: dict[str, int | None] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)
    decision: Decision | None = None


# -- uk -------------------------------------------------------------------------


def uk_votes(items: list[Item]) -> list[VoteFound]:
    votes: list[VoteFound] = []
    for item in items:
        for position, para in enumerate(item.body):
            for match in UK_OUTCOME_RE.finditer(para.text):
                if "vote" not in para.text[: match.start()].lower()[-200:]:
                    continue
                vote = _uk_vote(item, para, match)
                _movers(vote, item.body[: position + 1])
                votes.append(vote)
    return votes


def _uk_vote(item: Item, para: Para, match: re.Match[str]) -> VoteFound:
    text = para.text
    tail = _vote_tail(text, match.end())
    subjects = [m for m in SUBJECT_RE.finditer(text[: match.start()]) if not re.search(r"\b(?:within|of|in|to)\s*$", text[: m.start()])]
    outcome = {"carried": "carried", "lost": "lost", "defeated": "lost", "fell": "lost"}[match.group("outcome").lower()]
    vote = VoteFound(item.number, para, outcome, squash(text[_sentence_start(text, match.start()) : match.end() + len(tail)]))
    vote.motion = f"the {subjects[-1].group('s').lower()}" if subjects else None
    vote.unanimous = "unanimous" in tail.lower()
    vote.counts = {"ayes": _count(FOR_RE, tail), "noes": _count(AGAINST_RE, tail), "abstentions": _count(ABSTAIN_RE, tail)}
    return vote


def _vote_tail(text: str, start: int) -> str:
    """What follows the outcome: a bracketed count (which may hold a full stop), or the rest of the sentence."""
    rest = text[start:]
    stripped = rest.lstrip()
    if stripped.startswith("("):
        close = stripped.find(")")
        return rest[: len(rest) - len(stripped) + (close + 1 if close >= 0 else len(stripped))]
    end = re.search(r"\.(?:\s|$)", rest)
    return rest[: end.start() + 1] if end else rest


def _sentence_start(text: str, position: int) -> int:
    cut = max(text.rfind(". ", 0, position), text.rfind(".  ", 0, position))
    return cut + 2 if cut >= 0 else 0


def _count(regex: re.Pattern[str], text: str) -> int | None:
    match = regex.search(text)
    if not match:
        return None
    value = match.groupdict().get("n") or match.groupdict().get("n2") or "0"
    return int(value) if value.isdigit() else 0


def _movers(vote: VoteFound, paras: list[Para]) -> None:
    """Mover and seconder from the paragraphs since the previous vote ('moved by ... and seconded by ...')."""

    def last(regex: re.Pattern[str]) -> re.Match[str] | None:
        found = [m for p in paras for m in regex.finditer(p.text)]
        return found[-1] if found else None

    if vote.motion == "the amendment":
        mover, seconder = last(AMENDMENT_MOVER_RE), last(AMENDMENT_SECONDER_RE)
        vote.moved_by = mover.group("m") if mover else None
        vote.seconded_by = seconder.group("s") if seconder else None
        return
    moved = last(MOVED_BY_RE)
    if moved:
        vote.moved_by, vote.seconded_by = moved.group("m"), moved.group("s")


def link_votes(votes: list[VoteFound], decisions: list[Decision]) -> None:
    """A carried vote decides the decision block that follows it in the same item, before the next vote."""
    for index, vote in enumerate(votes):
        if vote.decision is not None or vote.outcome != "carried":
            continue
        limit = votes[index + 1].para.index if index + 1 < len(votes) and votes[index + 1].item == vote.item else None
        for decision in decisions:
            after = decision.first_para > vote.para.index or (decision.first_para == vote.para.index and decision.wording == "motion")
            if decision.item == vote.item and after and (limit is None or decision.first_para < limit):
                vote.decision = decision
                for part in decisions:
                    if part.block == decision.block:
                        part.outcome = part.outcome or vote.outcome
                        part.moved_by = part.moved_by or vote.moved_by
                        part.seconded_by = part.seconded_by or vote.seconded_by
                break


# -- us -------------------------------------------------------------------------


def us_motions(paras: list[Para], item_of: dict[int, str | None], first_block: int) -> tuple[list[Decision], list[VoteFound]]:
    """Motions in order: 'X moved ...', 'Y seconded the motion', 'the motion carried by ...'."""
    decisions: list[Decision] = []
    votes: list[VoteFound] = []
    open_motion: Decision | None = None
    block = first_block
    for para in paras:
        for sentence in sentences(para.text):
            moved = US_MOVED_RE.match(sentence)
            if moved:
                open_motion = Decision(item_of.get(para.index), block, "motion", squash(moved.group("what")), [para], moved_by=squash(moved.group("mover")))
                decisions.append(open_motion)
                block += 1
            seconded = US_SECONDED_RE.search(sentence)
            if seconded and open_motion is not None and open_motion.seconded_by is None:
                open_motion.seconded_by = squash(seconded.group("seconder"))
                if all(p is not para for p in open_motion.paras):
                    open_motion.paras.append(para)
        outcome = US_OUTCOME_RE.search(para.text)
        if outcome and open_motion is not None:
            votes.append(_us_vote(para, outcome, open_motion))
            open_motion = None
    return decisions, votes


def _us_vote(para: Para, match: re.Match[str], motion: Decision) -> VoteFound:
    word = (match.group("o") or match.group("o2")).lower()
    outcome = "carried" if word in ("carried", "passed") else "lost"
    tail = para.text[match.start() :]
    vote = VoteFound(motion.item, para, outcome, squash(tail), motion="the motion", moved_by=motion.moved_by, seconded_by=motion.seconded_by, decision=motion)
    vote.method = "voice" if "voice vote" in tail.lower() else "roll call" if "roll call" in tail.lower() else None
    vote.unanimous = "unanimous" in tail.lower()
    counts: dict[str, int | None] = {"ayes": None, "noes": None, "abstentions": None, "absent": None}
    names: dict[str, list[str]] = {}
    if vote.unanimous and (count := UNANIMOUS_COUNT_RE.search(tail)):
        counts["ayes"] = int(count.group("n"))
    for roll in ROLL_RE.finditer(tail):
        key = _roll_key(roll.group("label"))
        counts[key] = int(roll.group("n"))
        names[key] = [p.name for p in parse_people(roll.group("names"))]
    vote.counts, vote.names = counts, names
    motion.outcome = outcome
    if all(p is not para for p in motion.paras):
        motion.paras.append(para)
    return vote


def _roll_key(label: str) -> str:
    lowered = label.lower()
    if lowered.startswith("aye"):
        return "ayes"
    if lowered.startswith(("noe", "nay")):
        return "noes"
    return "absent" if lowered.startswith("absent") else "abstentions"


# -- ontario ----------------------------------------------------------------------


def ontario_resolutions(items: list[Item], first_block: int) -> tuple[list[Decision], list[VoteFound]]:
    """Each 'R2024-138 D. Yemm, S. Foote:' item is one resolution with its movers and outcome."""
    decisions: list[Decision] = []
    votes: list[VoteFound] = []
    for offset, item in enumerate(items):
        head = ONTARIO_RE.match(item.heading.text)
        assert head is not None  # items of the ontario convention start with the pattern
        movers = [m.strip() for m in head.group("movers").split(",")]
        text = "\n".join([item.lead, *(p.text for p in item.body)]).strip()
        outcome_match = ONTARIO_OUTCOME_RE.search(text)
        outcome = None
        if outcome_match:
            outcome = "carried" if outcome_match.group("outcome").lower() == "carried" else outcome_match.group("outcome").lower()
            outcome = "lost" if outcome == "defeated" else outcome
            text = text[: outcome_match.start()].rstrip()
        decision = Decision(item.number, first_block + offset, "resolution", squash(text), item.paras, resolution_number=item.number)
        decision.moved_by = movers[0] if movers else None
        decision.seconded_by = movers[1] if len(movers) > 1 else None
        decision.outcome = outcome
        decisions.append(decision)
        if outcome and outcome_match:
            last = item.paras[-1]
            vote = VoteFound(
                item.number,
                last,
                outcome,
                outcome_match.group(0).strip(),
                motion="the resolution",
                moved_by=decision.moved_by,
                seconded_by=decision.seconded_by,
                decision=decision,
            )
            votes.append(vote)
    return decisions, votes
