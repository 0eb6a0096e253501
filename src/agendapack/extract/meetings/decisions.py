"""Decisions in minutes and decision notices, in every convention: what was decided, by whom, with what outcome.

`read_decisions` reads a meeting's paragraphs once (`motions.Scanner`) and then settles what the
candidates are:
- a decision block (RESOLVED, It was APPROVED that;, 'De raad besluit unaniem:', '(d) Decision
  taken') absorbs the motions before it in the same item: the last carried one gives it its mover,
  seconder, outcome and vote; lost ones (amendments that fell) stay votes, not decisions;
- a formal motion (opened by a label or a printed number: 'Moved: Cr A', 'R2023-206 ...') is a
  decision of its own, as is a prose motion no block followed ('Councilor Tuttle moved to approve
  ... The motion passed 5-0.');
- a statement ('The Committee noted the report.') is a decision only where nothing else decided
  its item (outside numbered items every statement stands);
- a motion with no mover, seconder, outcome or vote is an agenda line ('Motion to excuse absent
  members'), not a decision.
Every decision records which convention's cue found it (`evidence`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from agendapack.extract.meetings import decision_cues as cue
from agendapack.extract.meetings.items import Item, Layout, margin_note
from agendapack.extract.meetings.motions import Found, Region, Scanner, decision_label
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.resolved import block_rows, marker_numbers_paragraphs
from agendapack.extract.meetings.text import first_sentence, squash
from agendapack.extract.meetings.votes import VoteFound
from agendapack.models.issues import Issue
from agendapack.models.records import Records

_NOTING_RE = re.compile(
    r"^(?:[–—-]\s*)?(?:that\s+)?(?:(?:the\s+)?[\w&'’ ,-]{0,80}?\s)?(?:notes?|noted)\b(?!\s+that)|^(?:[–—-]\s*)?to\s+note\b|\b(?:be|was|were)\s+noted\b",
    re.I,
)
# '... note the petition and provide a formal response': noting and something more is a decision, not a note
_OTHER_ACT_RE = re.compile(
    r"\b(?:and|but)\s+(?:to\s+)?(?:agrees?|approves?|provides?|endorses?|asks?|requests?|authori[sz]es?|delegates?|instructs?|recommends?|supports?|adopts?|makes?|refers?|provide|agree|approve)\b",
    re.I,
)
_MARKER_TEXT_MAX = 250
_SUB_TITLE_MAX = 200
_BLOCK_LABEL_RE = re.compile(r"^[A-Z][A-Z ]{2,20}:")
_FIELD_LABEL_RE = re.compile(r"^\s*(?:\(\w{1,3}\)\s*)?(?:[A-Z][\w’' ]{0,30}:\s+)?")  # '(a) Subject: ' before a form's subject
_FREE_REACH = 3  # paragraphs between a motion's vote and the block it decided, where no item heading bounds them


@dataclass
class Decision:
    """One decision row (a decision, or one printed part of a decision block) before it becomes a record."""

    item: str | None
    block: int
    wording: str
    text: str
    paras: list[Para]
    part: str | None = None
    preamble: str | None = None
    resolution_number: str | None = None
    moved_by: str | None = None
    seconded_by: str | None = None
    outcome: str | None = None
    record_id: str | None = None
    item_title: str | None = None
    evidence: str | None = None

    @property
    def first_para(self) -> int:
        return self.paras[0].index


@dataclass
class DecisionsRead:
    """What one meeting decided: decision rows, votes (linked to their decisions where known) and issues."""

    decisions: list[Decision] = field(default_factory=list)
    votes: list[VoteFound] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)


def read_decisions(layout: Layout, paras: list[Para], first_block: int = 1) -> DecisionsRead:
    """Every decision and vote of one meeting's paragraphs, numbered from `first_block`."""
    scanner = _scanner(layout, paras)
    scanner.run()
    for found in scanner.found:
        if found.vote is not None:
            _vote_fields(found.vote, found)
    _absorb_motions(scanner.found)
    kept = _kept(scanner.found)
    out = DecisionsRead(votes=sorted(scanner.votes, key=lambda v: v.para.index), issues=scanner.issues)
    block_no = first_block
    subjects = _form_subjects(paras)
    for found in kept:
        rows = _rows(found, block_no, paras, subjects)
        if not rows:
            continue
        out.decisions.extend(rows)
        if found.vote is not None:
            found.vote.decision = rows[0]
        block_no += 1
    return out


def _scanner(layout: Layout, paras: list[Para]) -> Scanner:
    item_of_para = innermost_items(layout)
    headings = {item.heading.index for item in layout.items}
    items: list[Item | None] = []
    regions: list[Region] = []
    markers: list[str | None] = []
    marker: str | None = None
    for para in paras:
        item = item_of_para.get(para.index)
        if para.index in headings and not _names_agenda_item(para.text) and not _form_field(para):
            marker = None
        found = cue.first(cue.AGENDA_ITEM, para.text) if len(para.text) <= _MARKER_TEXT_MAX else None
        if found:
            marker = found[1].group("num")
        items.append(item)
        markers.append(marker)
        regions.append((item.heading.index if item is not None else None, marker if item is None else None))
    return Scanner(paras=paras, regions=regions, items=items, markers=markers, headings=headings)


def _form_subjects(paras: list[Para]) -> dict[str, str]:
    """Agenda item -> the subject printed with its marker ('(a) Subject: Workplace Parking Levy (agenda item 10)')."""
    subjects: dict[str, str] = {}
    for para in paras:
        found = cue.first(cue.AGENDA_ITEM, para.text) if len(para.text) <= _MARKER_TEXT_MAX else None
        if found:
            subject = _FIELD_LABEL_RE.sub("", para.text[: found[1].start()]).strip(" -–:")
            if subject:
                subjects.setdefault(found[1].group("num"), squash(subject))
    return subjects


def _form_field(para: Para) -> bool:
    """A decision form's field ('(b) Ward:', '(d) Decision taken'): a heading of the form the agenda item's marker still numbers."""
    return cue.first(cue.NOTICE_FIELD, para.text, at_start=True) is not None or decision_label(para, para.text) is not None


def _names_agenda_item(text: str) -> bool:
    return len(text) <= _MARKER_TEXT_MAX and cue.first(cue.AGENDA_ITEM, text) is not None


def innermost_items(layout: Layout) -> dict[int, Item]:
    """The item each paragraph falls under: its minute, or a titled sub-item inside it printed as a heading
    ('6.1 Report PW-2026-04 - Winter Sand Supply Tender' in bold), not a numbered paragraph of prose ('4.1 Councillor ...')."""
    titled: dict[int, Item] = {}  # heading paragraph -> titled sub-item
    for sub in getattr(layout, "paragraphs", []):
        title = _sub_item_title(sub)
        if title is not None:
            titled[sub.heading.index] = replace(sub, title=title)
    for item in layout.items:
        for para, sub in _run_in_sub_items(item):
            titled.setdefault(para.index, sub)
    out: dict[int, Item] = {}
    for item in layout.items:
        current = item
        for para in item.paras:
            current = titled.get(para.index, current)  # a titled sub-item runs to the next one or the item's end
            out[para.index] = current
    return out


def _run_in_sub_items(item: Item) -> list[tuple[Para, Item]]:
    """Sub-item headings printed in bold on a row the paragraph reader ran into the paragraph above (the item's
    heading, or the last text of the page before): '4. PUBLIC HEARINGS' then '4.A PLN2026-0012 - Conditional Use ...'.
    The sub-item starts at the paragraph holding that row."""
    key = item.number.rstrip(".)")
    if not key:
        return []
    number_re = re.compile(rf"^(?P<num>{re.escape(key)}\.(?:\d{{1,2}}|[A-Za-z]))\.?\s+(?=\S)")
    out = []
    for para in item.paras:
        for index, row in enumerate(para.rows[1:], start=1):
            found = number_re.match(row.text)
            if found is None or not row.bold:
                continue
            title = _bold_rows_title(para, index, found.end())
            if title and len(title) <= _SUB_TITLE_MAX:
                out.append((para, Item(number=found.group("num"), title=title, level=2, heading=para, parent=item.number)))
                break
    return out


def _bold_rows_title(para: Para, start: int, skip: int) -> str:
    """The bold row at `start` (its first `skip` characters, the number, dropped) and the bold rows that continue it."""
    first = para.rows[start].text
    rows = [first[skip:]]
    for row in para.rows[start + 1 :]:
        if not row.bold or _opens_text(row.text, first):
            break  # plain text, or a label opening the text ('MOTION:', 'OFFICER RECOMMENDATION')
        rows.append(row.text)
    return _without_reference(" ".join(" ".join(rows).split()))


def _sub_item_title(sub: Item) -> str | None:
    """The heading of a numbered sub-item, without its number: the bold words after the number ('6.1 Report PW-2026-04
    - Winter Sand Supply Tender', '8.2 26-0164 Appointment to the Planning Commission' with the file number in plain),
    or, unbolded, a short first sentence after a file number; None for a numbered paragraph of text ('4.1 Councillor ...')."""
    margin = margin_note(sub.heading)  # a resolution number in the margin beside it ('2026-03-044  6.2 Octroi ...')
    text = sub.heading.text[len(margin) :].strip() if margin else sub.heading.text
    if not text.startswith(sub.number):
        return None
    title = _bold_title(sub, margin)
    if title is None:
        after = text[len(sub.number) :].strip(" .")
        if after and cue.first(cue.SUB_ITEM_REFERENCE, after + " ", at_start=True):
            title = _without_reference(first_sentence(after))
    return title if title and len(title) <= _SUB_TITLE_MAX else None


def _bold_title(sub: Item, margin: str = "") -> str | None:
    words: list[str] = []
    for index, row in enumerate(sub.heading.rows):
        spans = [span for line in row.row.lines for span in line.spans]
        bold = [span.text for span in spans if span.bold]
        if not bold or (index and _opens_text(row.text, sub.heading.rows[0].text)):
            break
        words.extend(bold)
        if not all(span.bold for span in spans[len(spans) - 1 :]):
            break  # the row goes on in plain text: the heading ended on it
    heading = " ".join(" ".join(words).split())
    if margin and heading.startswith(margin):
        heading = heading[len(margin) :].strip()
    if not heading.startswith(sub.number):
        return None
    return _without_reference(heading[len(sub.number) :].strip(" .")) or None


def _opens_text(row: str, first: str) -> bool:
    """A row under a title's first row that is a label opening the text, not the title wrapped: 'MOTION:', or capitals
    under a title in mixed case ('OFFICER RECOMMENDATION')."""
    return bool(_BLOCK_LABEL_RE.match(row)) or _caps_under_mixed(row, first)


def _caps_under_mixed(row: str, first: str) -> bool:
    """A row in capitals under a title in mixed case is a label opening the text ('OFFICER RECOMMENDATION'), not the title wrapped."""
    letters, first_letters = re.sub(r"[^A-Za-zÀ-ÿ]", "", row), re.sub(r"[^A-Za-zÀ-ÿ]", "", first)
    return len(letters) > 3 and letters.isupper() and not first_letters.isupper()


def _without_reference(text: str) -> str:
    found = cue.first(cue.SUB_ITEM_REFERENCE, text + " ", at_start=True)
    return text[found[1].end() :].strip() if found else text


def _absorb_motions(found: list[Found]) -> None:
    """A block takes the prose motions before it in its item: the last carried one decided it."""
    pending: dict[Region, list[Found]] = {}
    for candidate in found:
        if candidate.kind == "motion" and not candidate.formal:
            pending.setdefault(candidate.region, []).append(candidate)
            continue
        if candidate.kind == "motion":
            continue
        motions = pending.get(candidate.region, [])
        if candidate.region == (None, None):
            # no items to bound them: only the motions just before the block are its own
            motions = [m for m in motions if candidate.position - m.last <= _FREE_REACH]
        if candidate.kind == "statement" and not any(m.reference for m in motions):
            continue
        pending.pop(candidate.region, None)
        _donate(candidate, motions)


def _donate(decision: Found, motions: list[Found]) -> None:
    """The block takes the last carried motion's mover, seconder, outcome and vote; a lost or withdrawn motion that
    had text of its own (an amendment moved and lost) stays a decision, one that only pointed at the recommendations
    ('moved recommendation 3 ... FELL') is its vote alone."""
    carried = [m for m in motions if m.outcome in (None, "carried")]
    donor = next((m for m in reversed(carried) if not m.amendment), carried[-1] if carried else None)
    for motion in motions:
        motion.absorbed = motion is donor or motion.outcome in (None, "carried") or motion.reference
    if donor is None:
        return
    decision.mover = decision.mover or donor.mover
    decision.seconder = decision.seconder or donor.seconder
    decision.outcome = decision.outcome or donor.outcome
    if donor.vote is not None and decision.vote is None:
        decision.vote = donor.vote


def _kept(found: list[Found]) -> list[Found]:
    """The candidates that are decisions: not absorbed, not agenda lines, statements only where nothing else decided."""
    decided_regions = {
        f.region for f in found if f.kind == "block" or (f.kind == "motion" and not f.absorbed and _is_motion_decision(f))
    }
    kept = []
    for candidate in found:
        if candidate.kind == "motion" and (candidate.absorbed or not _is_motion_decision(candidate)):
            continue
        if candidate.kind == "statement" and candidate.region in decided_regions and candidate.region != (None, None):
            continue
        kept.append(candidate)
    return kept


def _is_motion_decision(motion: Found) -> bool:
    """A formal or numbered motion, one with an outcome, or one moved and seconded; a mover alone is a proposal."""
    if not (motion.text or motion.block):
        return False
    if motion.formal or motion.resolution_number or motion.outcome:
        return True
    return bool(motion.mover and motion.seconder) or bool(motion.vote and (motion.vote.names or any(motion.vote.counts.values())))


def _rows(found: Found, block_no: int, paras: list[Para], subjects: dict[str, str] | None = None) -> list[Decision]:
    item = found.item_number
    title = found.item.title if found.item is not None and found.item.title else None
    if found.notice and found.marker_item and (subject := (subjects or {}).get(found.marker_item)):
        title = subject  # a form's decision is titled by the form's subject, not by the '(d) Decision taken' field
    if found.block is not None:
        earlier = [p for p in paras if p.index < found.block.intro.index and _same_region(found, p, paras)]
        numbered = marker_numbers_paragraphs(found.block.marker, earlier)
        rows = [
            Decision(item, block_no, found.wording, row.text, row.paras, part=row.part, preamble=row.preamble, evidence=found.evidence)
            for row in block_rows(found.block, numbered)
            if row.text or row.preamble
        ]
        if found.kind == "motion" and rows and found.paras:
            rows[0].paras = _union(found.paras, rows[0].paras)
    else:
        preamble = squash(found.preamble) or None
        rows = [Decision(item, block_no, found.wording, squash(found.text), list(found.paras), preamble=preamble, evidence=found.evidence)]
    outcome = found.outcome or _default_outcome(found, rows)
    for row in rows:
        row.item_title = title
        row.resolution_number = found.resolution_number
        row.moved_by, row.seconded_by, row.outcome = found.mover, found.seconder, outcome
    return rows


def _same_region(found: Found, para: Para, paras: list[Para]) -> bool:
    if found.item is not None:
        return any(p is para for p in found.item.paras)
    return True


def _union(first: list[Para], second: list[Para]) -> list[Para]:
    out = list(first)
    for para in second:
        if all(p is not para for p in out):
            out.append(para)
    return sorted(out, key=lambda p: p.index)


def _default_outcome(found: Found, rows: list[Decision]) -> str | None:
    """A block or statement with no vote printed: noted when it only notes, carried otherwise; a motion: unknown."""
    if found.kind == "motion":
        return None
    if found.kind == "statement":
        return "noted" if found.wording == "noted" else "carried"
    texts = [row.text for row in rows if row.text] or [row.preamble or "" for row in rows]
    if texts and all(_NOTING_RE.search(t) and not _OTHER_ACT_RE.search(t) for t in texts):
        return "noted"
    return "carried"


def _vote_fields(vote: VoteFound, found: Found) -> None:
    vote.moved_by = vote.moved_by or found.mover
    vote.seconded_by = vote.seconded_by or found.seconder
    vote.item = vote.item or found.item_number
    if vote.motion is None:
        vote.motion = "the amendment" if found.amendment else "the motion" if found.kind == "motion" else "the recommendation"


def number_blocks_per_meeting(records: Records) -> Records:
    """Decision blocks numbered within their meeting across the pack: where several sections read one meeting (the
    forms of a decision notice), a later section's blocks continue after the earlier sections' (block_no is the
    block within the meeting; each section reads its own from 1)."""
    offsets: dict[tuple[str | None, str], int] = {}  # (meeting, section) -> blocks of that meeting in earlier sections
    seen: dict[str | None, int] = {}
    section_max: dict[tuple[str | None, str], int] = {}
    for row in records.resolutions:
        key = (row.meeting_id, row.section_id)
        if key not in offsets:
            offsets[key] = seen.get(row.meeting_id, 0)
        section_max[key] = max(section_max.get(key, 0), row.block_no)
        seen[row.meeting_id] = offsets[key] + section_max[key]
    if not any(offsets.values()):
        return records
    resolutions = [
        row.model_copy(update={"block_no": row.block_no + offsets[(row.meeting_id, row.section_id)]}) if offsets[(row.meeting_id, row.section_id)] else row
        for row in records.resolutions
    ]
    return records.model_copy(update={"resolutions": resolutions})
