"""Reading decisions in order: motions, their movers, seconders, votes and roll calls, decision blocks and statements.

One pass over a meeting's paragraphs, sentence by sentence, in every convention at once:
- a motion opens at a motion sentence ('A motion was made to ... by Trustee X, seconded by Trustee
  Y.', 'Councilor Tuttle moved to approve ...', '... approved after motion by Crockett and second by
  Sczepanski.'), a label ('Moved: Cr A Smith', 'MOVER: ...') or a printed resolution number
  ('R2023-206 T. Butler, D. Yemm: That ...'); a label or a number makes it formal, and the text
  after it, up to the outcome, is the resolution ('That ...', 'WHEREAS ...');
- seconders, outcomes ('Motion passes.', 'CARRIED', 'RESULT: ADOPTED') and roll calls ('AYES: ...',
  'Elton – yes, Albrecht – yes') attach to the motion they follow; an outcome with no motion before
  it is a vote of its own;
- a decision block (RESOLVED, AGREED, 'De raad besluit:', '(d) Decision taken') is read with its
  parts (`resolved.py`); a lead-in ('That the Committee ...:') after a carried vote is one too;
- a statement ('The Committee noted the report.') is a decision where nothing else decided the item.
Which motion a block absorbs, and which statements stand, is settled afterwards (`decisions.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from agendapack import conventions
from agendapack.extract.meetings import decision_cues as cue
from agendapack.extract.meetings.items import Item
from agendapack.extract.meetings.paragraphs import Para, join_row_texts
from agendapack.extract.meetings.pretest import AnyPattern
from agendapack.extract.meetings.resolved import MARKER_RE, PART_RE, Block, find_intro, intro_rest, is_lead_in, read_block
from agendapack.extract.meetings.text import sentences, squash
from agendapack.extract.meetings.votes import (
    RollLine,
    TableVote,
    VoteFound,
    count_issues,
    dissent,
    find_outcome,
    is_unanimous,
    member_votes,
    people_names,
    read_counts,
    result_label,
    roll_lines,
    roll_phrases,
    table_vote,
    vote_method,
)
from agendapack.models.issues import Issue

Region = tuple[int | None, str | None]  # (index of the item's heading paragraph, agenda item marker) of a paragraph
_SHORT_OUTCOME = 80  # an outcome sentence inside a formal resolution is short ('Carried.', 'CARRIED 7/2')
_VOTE_REACH = 12  # paragraphs of debate between a motion and its vote
_AMENDMENT_RE = re.compile(r"\bamendments?\b", re.I)
_MAIN_RE = re.compile(r"\b(?:substantive|original|main)\b", re.I)
_RECOMMENDATION_RE = re.compile(r"\brecommendations?\b", re.I)
_RUN_IN_WORD = r"(?:[A-Z][\w&'’/,()-]*|and|of|the|for|to|on|in|&)"
_RUN_IN_RE = re.compile(rf"^(?:{_RUN_IN_WORD}\s+){{0,7}}?[\w&'’/,()-]+(?:\s*[–—]\s+(?=[A-Z])|\s+-\s+(?=[A-Z])|\s*:\s+(?=\S))")
# a numbered paragraph's own title before a colon ('7.2 Grant request from Llangynin Young Farmers Club: a motion by ...')
_NUMBERED_RUN_IN_RE = re.compile(r"^\d{1,3}(?:\.\d{1,3})*[.)]?\s+(?:[^\s:]+\s+){0,11}?[^\s:]+\s*:\s+(?=\S)")
_ENDS_WITH_LABEL_RE = re.compile(r"\b[A-Z][A-Za-z]+\s*:\s*$")
_VALUE_INDENT = 20.0  # points a wrapped label value is indented beyond its label
_NEAR = 3  # paragraphs within which a seconder, an outcome or a roll call still belongs to the last motion


@dataclass
class Found:
    """A decision candidate in reading order: a block, a motion or a statement."""

    kind: str
    region: Region
    item: Item | None
    marker_item: str | None
    paras: list[Para]
    wording: str
    evidence: str
    position: int
    text: str = ""
    preamble: str = ""  # a motion's words before what was moved ('Councilor Tuttle moved to')
    block: Block | None = None
    mover: str | None = None
    seconder: str | None = None
    outcome: str | None = None
    vote: VoteFound | None = None
    resolution_number: str | None = None
    formal: bool = False  # a label or a number opened it: the text that follows is its own
    collecting: bool = False  # still reading its text (a formal motion before its outcome)
    unanimous: bool = False  # its own sentence says so ('... et résolu à l'unanimité ...')
    text_follows: bool = False  # 'moved an amendment to the report as follows:': its text is the next paragraph
    reference: bool = False  # 'moved the recommendations': points at text printed elsewhere
    amendment: bool = False
    from_result: bool = False  # opened by a 'RESULT:' line; its MOVER and SECONDER lines follow
    notice: bool = False  # a decision notice's decision: its '(agenda item N)' numbers it
    absorbed: bool = False
    last: int = 0  # position of the last paragraph that added to it

    def add_para(self, para: Para, position: int) -> None:
        if all(p is not para for p in self.paras):
            self.paras.append(para)
        self.last = max(self.last, position)

    @property
    def item_number(self) -> str | None:
        if self.notice and self.marker_item:
            return self.marker_item
        if self.item is not None:
            return self.item.number or self.item.agenda_item or self.marker_item
        return self.marker_item


@dataclass
class Scanner:
    """The state of one pass over a meeting's paragraphs."""

    paras: list[Para]
    regions: list[Region]
    items: list[Item | None]
    markers: list[str | None]
    headings: set[int]
    found: list[Found] = field(default_factory=list)
    votes: list[VoteFound] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    open: Found | None = None
    last_motion: Found | None = None
    pending_roll: tuple[VoteFound, str, int | None] | None = None
    loose: tuple[VoteFound, int] | None = None  # a vote printed with no motion before it, and where it was last added to
    region: Region | None = None

    def run(self) -> None:
        position = 0
        while position < len(self.paras):
            region = self.regions[position]
            if region != self.region or self.paras[position].index in self.headings:
                self.open, self.pending_roll, self.region = None, None, region
            position = self._paragraph(position)

    # -- paragraphs --------------------------------------------------------------------

    def _paragraph(self, position: int) -> int:
        para = self.paras[position]
        text = para.text
        if self.pending_roll is not None:
            text = self._roll_names(position, para, text)
            if not text:
                return position + 1
        elif not (self.open and (self.open.collecting or self.open.text_follows)) and not _maybe_relevant(text):
            return position + 1
        table = table_vote(para) if self._recent_motions(position) else None
        if table is not None:
            self._table_vote(position, para, table)
            text = table.rest
            if not text:
                return position + 1
        label = decision_label(para, text)
        if label is not None:
            rest, evidence = label
            return self._block(position, Block("decision", para, rest, evidence), notice=True)
        number = cue.first(cue.RESOLUTION_NUMBER, text, at_start=True)
        if number and self._numbered(position, para, text, number):
            return position + 1
        motion = self.open
        if motion is not None and motion.text_follows:
            motion.text_follows = False
            if not (find_intro(text) or cue.first(cue.MOTION, text) or find_outcome(text)):
                motion.preamble, motion.text = squash(f"{motion.preamble} {motion.text}"), squash(text)
                motion.add_para(para, position)
                return position + 1
        if motion is not None and motion.collecting and not motion.text and _opens_resolution_text(text):
            return self._motion_block(position, para, motion)
        if motion is not None and motion.collecting and motion.text.rstrip().endswith(":") and PART_RE.match(text):
            return self._motion_parts(position, motion)
        if motion is None and is_lead_in(text) and _parts_follow(self.paras, position):
            if self._after_carried_vote(position):
                return self._block(position, Block("resolution", para, squash(text), "lead-in after a carried vote"))
            if _body_lead_in().match(text) and _ends_open(text):
                return self._block(position, Block("resolution", para, squash(text), "lead-in naming the body, with parts"))
        intro = find_intro(text, _line_starts(para, text))
        head = text[: intro.start] if intro else text
        if head.strip():
            self._sentences(position, para, head)
        if intro:
            block = Block(intro.wording, para, intro_rest(text, intro), intro.cue.label, marker=intro.marker, qualifier=intro.qualifier)
            block.mover, block.seconder = intro.mover, intro.seconder
            return self._block(position, block)
        return position + 1

    def _block(self, position: int, block: Block, notice: bool = False) -> int:
        self.open = None
        read_block(block, self.paras, position + 1, self._stops_notice if notice else self._stops_block, notice=notice)
        found = self._new("block", position, block.wording, block.evidence, paras=block.paras)
        found.block = block
        found.notice = notice
        found.mover, found.seconder = block.mover, block.seconder
        if found.mover is None:
            trailing = cue.first(cue.TRAILING_MOVERS, " ".join([block.rest, *(part.text for part in block.parts)]))
            if trailing:
                found.mover, found.seconder = _named(trailing, "mover"), _named(trailing, "seconder")
        for part in block.parts:
            found.add_para(part.para, self.paras.index(part.para) if part.para in self.paras else position)
        if block.qualifier:
            self._qualifier_vote(found, block)
            for part in block.parts[-1:]:  # 'Tegen stemden de leden Demir en Hoekstra.' printed with the last part
                for line in roll_phrases(part.text):
                    found.vote.names.setdefault(line.side, []).extend(line.names)
        self.found.append(found)
        return max(block.end, position + 1)

    def _motion_block(self, position: int, para: Para, motion: Found) -> int:
        """A formal motion's text set out as a block ('Moved: Cr A  Seconded: Cr B  That Council: 1. ... 2. ...')."""
        block = Block(motion.wording, para, squash(para.text), motion.evidence)
        read_block(block, self.paras, position + 1, self._stops_block)
        motion.block = block
        motion.text = block.rest or (block.parts[0].text if block.parts else "")
        for p in block.paras:
            motion.add_para(p, position)
        motion.collecting = False
        self.open = motion
        return max(block.end, position + 1)

    def _motion_parts(self, position: int, motion: Found) -> int:
        """'That Council:' then '1. endorse ...', '2. place ...': the formal motion's text is a block of parts."""
        block = Block(motion.wording, motion.paras[-1], motion.text, motion.evidence)
        read_block(block, self.paras, position, self._stops_block)
        motion.block = block
        for p in block.paras:
            motion.add_para(p, position)
        self.open = motion
        return max(block.end, position + 1)

    def _stops_notice(self, position: int) -> bool:
        """A decision notice's decision runs to the form's next field, whatever the layout takes for headings."""
        text = self.paras[position].text
        return bool(
            cue.first(cue.NOTICE_FIELD, text, at_start=True)
            or decision_label(self.paras[position], text)
            or (self.markers[position] is not None and self.markers[position] != self.markers[position - 1])
        )

    def _stops_block(self, position: int) -> bool:
        para = self.paras[position]
        if para.index in self.headings or self.regions[position] != self.regions[position - 1]:
            return True
        text = para.text
        intro = find_intro(text)
        if intro is not None and intro.marker and not intro.upper:
            intro = None  # '3. Agreed that ...' in a numbered list is the block's own part, not a new decision
        return bool(
            intro
            or cue.first(cue.DECISION_LABEL, text, at_start=True)
            or cue.first(cue.RESOLUTION_NUMBER, text, at_start=True)
            or cue.first(cue.MOTION_LABEL, text, at_start=True)
        )

    def _numbered(self, position: int, para: Para, text: str, number: tuple) -> bool:
        """'R2023-206 T. Butler, D. Yemm: That the minutes ... be adopted. Carried.'; False where the number is only named."""
        found_cue, match = number
        motion = self._new("motion", position, "resolution", found_cue.label, paras=[para])
        motion.resolution_number = match.group("num")
        motion.formal = motion.collecting = True
        rest = text[match.end() :].lstrip(" :.-–")
        movers = cue.first(cue.NUMBERED_MOVERS, rest, at_start=True)
        if movers:
            motion.mover = cue.strip_title(movers[1].group("mover"))
            motion.seconder = cue.strip_title(movers[1].group("seconder"))
            rest = rest[movers[1].end() :]
        elif rest.strip() and not (_opens_resolution_text(rest) or cue.first(cue.MOTION_LABEL, rest, at_start=True) or cue.first(cue.MOTION, rest)):
            return False  # 'Resolution 259-2018: Fee Schedule and ...' names a resolution; it does not open one
        self.found.append(motion)
        self.open = self.last_motion = motion
        if rest.strip():
            self._sentences(position, para, rest)
        return True

    # -- sentences -----------------------------------------------------------------------

    def _sentences(self, position: int, para: Para, text: str) -> None:
        """Each sentence in turn; a bold run-in heading ('ADJOURNMENT Motion: ...') ends a sentence of its own."""
        own = text is para.text
        for piece in self._heading_split(position, para, text):
            lines = [line for sentence in _balanced_sentences(piece) for line in _label_lines(sentence)]
            for index, sentence in enumerate(lines):
                self._sentence(position, para, sentence, first=index == 0 and own)

    def _heading_split(self, position: int, para: Para, text: str) -> list[str]:
        """The paragraph's heading apart from the text run in after it: a bold run-in heading, or the title of the item
        or sub-item the paragraph heads ('8.2 26-0164 Appointment to the Planning Commission A motion was made ...');
        a paragraph holding label lines ('AYES:', 'ABSENT:', 'MOVER:') is read row by row, the way it is laid out."""
        rows = _label_rows(para) if text is para.text else None
        if rows is not None:
            return [*self._heading_split_text(position, para, rows[0]), *rows[1:]]
        return self._heading_split_text(position, para, text)

    def _heading_split_text(self, position: int, para: Para, text: str) -> list[str]:
        pieces = _run_in_split(para, text)
        item = self.items[position]
        if len(pieces) == 1 and item is not None and item.heading is para and item.title:
            at = text.find(item.title)
            if at >= 0 and text[at + len(item.title) :].strip(" :"):
                end = at + len(item.title)
                return [text[:end], text[end:].lstrip(" :")]  # 'APPROVAL OF MINUTES: Motion to ...'
        return pieces

    def _sentence(self, position: int, para: Para, sentence: str, first: bool) -> None:
        sentence = _strip_prefix(sentence)
        number = cue.first(cue.RESOLUTION_NUMBER, sentence, at_start=True)
        if number and self._numbered(position, para, sentence, number):
            return
        motion = self.open
        if motion is not None and motion.collecting:
            self._collect(position, para, motion, sentence)
            return
        result = result_label(sentence)
        if result is not None:
            self._result(position, para, sentence, result)
            return
        label = cue.first(cue.MOTION_LABEL, sentence, at_start=True)
        if label and self._fills_last_motion(position, para, sentence):
            return
        opened = label or cue.first(cue.MOTION, sentence)
        if not opened and _strip_run_in(sentence) != sentence and cue.first(cue.MOTION, _strip_run_in(sentence)):
            sentence = _strip_run_in(sentence)
            opened = cue.first(cue.MOTION, sentence)
        if opened and not (cue.first(cue.MOVER, sentence) is None and self._second(position, para, sentence)):
            self._open_motion(position, para, sentence, opened, formal=label is not None)
            return
        if opened or self._second(position, para, sentence):
            return
        against = dissent(sentence)
        if against is not None and self._recorded_dissent(position, para, against):
            return
        outcome = find_outcome(sentence)
        rolls, inline = roll_lines(sentence) or roll_phrases(sentence), member_votes(sentence)
        if (outcome or rolls or inline or _counted_vote(sentence)) and self._is_vote(position, sentence, bool(outcome)):
            self._vote_sentence(position, para, sentence, rolls, inline)
            return
        if first:
            statement = cue.first(cue.STATEMENT, sentence, at_start=True)
            if statement:
                found = self._new("statement", position, statement[1].group("word").lower(), statement[0].label, paras=[para])
                found.text = squash(sentence)
                self.found.append(found)

    def _collect(self, position: int, para: Para, motion: Found, sentence: str) -> None:
        """A formal motion reads its text up to its outcome; seconders and roll calls on the way are its own."""
        outcome = find_outcome(sentence)
        if outcome and (outcome.start == 0 or len(sentence) <= _SHORT_OUTCOME):
            motion.collecting = False
            self._vote_sentence(position, para, sentence, roll_lines(sentence), member_votes(sentence))
            return
        if self._second(position, para, sentence, only_label=True):
            seconder = cue.first(cue.SECONDER, sentence, at_start=True)
            rest = _after_labels(sentence, [seconder] if seconder else [], any_text=True)
            if rest and motion.collecting:
                motion.text = squash(f"{motion.text} {rest}")  # 'Seconded by: Deputy Mayor Tkachuk That the agenda ...'
            return
        if not motion.text and motion.mover is None and self._fills_last_motion(position, para, sentence):
            return
        rolls, inline = roll_lines(sentence), member_votes(sentence)
        if rolls or inline:
            self._vote_sentence(position, para, sentence, rolls, inline)
            return
        if motion.mover is None and cue.first(cue.MOTION, sentence) and cue.first(cue.MOVER, sentence):
            # '2026-03-041 2. ADOPTION DE L'ORDRE DU JOUR Il est proposé par M. X, appuyé par Mme Y, et résolu ...':
            # the motion sentence under the number names the movers, and what it resolves is the text
            motion.mover = _named(cue.first(cue.MOVER, sentence), "mover")
            motion.seconder = motion.seconder or _named(cue.first(cue.SECONDER, sentence), "seconder")
            motion.preamble, motion.text = _split_content(squash(sentence))
            motion.unanimous = motion.unanimous or is_unanimous(sentence)
            motion.add_para(para, position)
            return
        motion.text = squash(f"{motion.text} {sentence}")
        motion.add_para(para, position)

    def _open_motion(self, position: int, para: Para, sentence: str, opened: tuple, formal: bool) -> None:
        found_cue, _ = opened
        self.open = None
        motion = self._new("motion", position, "motion", found_cue.label, paras=[para])
        mover, seconder = cue.first(cue.MOVER, sentence), cue.first(cue.SECONDER, sentence)
        motion.mover = _named(mover, "mover")
        motion.seconder = _named(seconder, "seconder")
        motion.amendment = cue.first(cue.AMENDMENT, sentence) is not None
        motion.unanimous = is_unanimous(sentence)
        if formal:
            rest = _after_labels(sentence, [m for m in (mover, seconder) if m])
            motion.formal = True
            motion.collecting = not rest
            motion.text = rest
            if not rest and _after_labels(sentence, [m for m in (mover, seconder) if m], any_text=True):
                # 'Moved by Cr A, seconded by Cr B and carried that ...': prose after the label, not a heading of a resolution
                motion.formal = motion.collecting = False
                motion.preamble, motion.text = _split_content(squash(sentence))
        else:
            motion.preamble, motion.text = _split_content(squash(sentence))
            motion.reference = cue.first(cue.REFERENCE, sentence) is not None
            motion.text_follows = sentence.rstrip().endswith(":")
        self.found.append(motion)
        self.open = self.last_motion = motion
        outcome = find_outcome(sentence)
        if outcome and not formal:
            self._vote_sentence(position, para, sentence, roll_lines(sentence), member_votes(sentence))

    def _second(self, position: int, para: Para, sentence: str, only_label: bool = False) -> bool:
        """'Councilor Bahrman seconded.', 'The amendment was seconded by Councillor Morris.', 'Seconded: Cr B Jones'."""
        found = cue.first(cue.SECONDER, sentence, at_start=only_label)
        target = self._motion_near(position)
        if not found or target is None or target.seconder is not None:
            return False
        target.seconder = _named(found, "seconder")
        target.add_para(para, position)
        if target.vote is None and (find_outcome(sentence) or roll_lines(sentence)):
            self._vote_sentence(position, para, sentence, roll_lines(sentence), member_votes(sentence))
        return True

    def _fills_last_motion(self, position: int, para: Para, sentence: str) -> bool:
        """'MOVER: Jane Doe, Councilmember' after 'RESULT: ADOPTED', or 'Moved by: ...' under 'Resolution No. R2026-041':
        the mover of the motion just opened, not a new motion."""
        target = self.last_motion
        if target is None or target.region != self.regions[position] or position - target.last > 2 or target.mover is not None:
            return False
        mover = cue.first(cue.MOVER, sentence, at_start=True)
        if mover is None:
            return False
        target.mover = _named(mover, "mover")
        seconder = cue.first(cue.SECONDER, sentence)
        if seconder and target.seconder is None:
            target.seconder = _named(seconder, "seconder")
        rest = _after_labels(sentence, [m for m in (mover, seconder) if m])
        if rest and target.collecting and not target.text:
            target.text = rest
        target.add_para(para, position)
        return True

    def _result(self, position: int, para: Para, sentence: str, result: tuple[str | None, str, str]) -> None:
        """'RESULT: ADOPTED [UNANIMOUS]': the vote on the item's text printed above it."""
        outcome, _, detail = result
        motion = self._motion_near(position)
        if motion is None or motion.vote is not None:
            motion = self._new("motion", position, "motion", "RESULT line", paras=[para])
            motion.text, motion.from_result = self._result_text(position, para, sentence), True
            motion.formal = True
            self.found.append(motion)
            self.last_motion = motion
        vote = self._vote_for(motion, position, para)
        vote.outcome = vote.outcome or outcome
        vote.add_text(sentence)
        vote.unanimous = vote.unanimous or "unanim" in detail.lower()
        counts = read_counts(detail)
        _merge_counts(vote, counts)
        motion.outcome = motion.outcome or outcome
        self.open = None

    def _vote_sentence(self, position: int, para: Para, sentence: str, rolls: list[RollLine], inline: dict[str, list[str]]) -> None:
        outcome = find_outcome(sentence)
        motion = self._vote_target(position, sentence, outcome.outcome if outcome else None)
        if outcome and motion is not None and not rolls and not inline and cue.first(cue.NOT_VOTED, sentence):
            motion.outcome = motion.outcome or outcome.outcome  # 'died for lack of a second', 'withdrawn': no vote was taken
            motion.add_para(para, position)
            if motion is self.open:
                self.open = None
            return
        if motion is None:
            vote = self._loose_vote(position, para, outcome.outcome if outcome else None)
        else:
            vote = self._vote_for(motion, position, para)
        if outcome:
            vote.outcome = vote.outcome or outcome.outcome
            vote.evidence = vote.evidence or outcome.evidence
            if motion is not None:
                motion.outcome = motion.outcome or outcome.outcome
                motion.collecting = False
        vote.add_text(sentence)
        vote.add_para(para)
        vote.unanimous = vote.unanimous or is_unanimous(sentence)
        vote.method = vote.method or vote_method(sentence)
        groups = _roll_groups(rolls)
        counts = read_counts(sentence) if len(groups) < 2 else {}  # with several roll calls in the sentence, each has its own counts
        _merge_counts(vote, counts)
        for index, group in enumerate(groups):
            if index:  # '... by the following vote: Ayes: ... - 3; Noes: ... - 1; regarding Y, ... Ayes: ... - 5': another vote
                vote = VoteFound(vote.item, para, vote.outcome, "", paras=[para], method=vote.method)
                self.votes.append(vote)
            for line in group:
                if line.count is None and counts.get(line.side) is not None:
                    line = replace(line, count=counts[line.side])  # 'VOTE: 2-3 (A, B and C opposed)': the tally counts the names
                self._roll(vote, line, para)
        for side, names in inline.items():
            vote.names.setdefault(side, []).extend(names)
            vote.method = vote.method or "roll call"
        if outcome and motion is not None and motion is self.open:
            self.open = None

    def _recorded_dissent(self, position: int, para: Para, against: tuple[str, str]) -> bool:
        """'Cr Fletcher requested that his vote against the resolution be recorded': a name for the vote just taken."""
        recent = [m for m in self._recent_motions(position) if m.vote is not None]
        vote = recent[0].vote if recent else (self.loose[0] if self.loose is not None and position - self.loose[1] <= 2 else None)
        if vote is None:
            return False
        side, name = against
        vote.names.setdefault(side, []).append(name)
        vote.add_para(para)
        return True

    def _table_vote(self, position: int, para: Para, table: TableVote) -> None:
        """A recorded-vote table under the motion: its names by column; the outcome printed below it follows."""
        motion = self._vote_target(position, "", None) or self._recent_motions(position)[0]
        vote = self._vote_for(motion, position, para)
        vote.method = "roll call"
        for side, names in table.names.items():
            vote.names.setdefault(side, []).extend(names)

    def _roll(self, vote: VoteFound, line: RollLine, para: Para) -> None:
        vote.method = vote.method or "roll call"
        if line.count is not None:
            vote.counts[line.side] = line.count
        if line.open:
            self.pending_roll = (vote, line.side, line.count)
            return
        vote.names.setdefault(line.side, []).extend(line.names)
        self._check_count(vote, line, para)

    def _roll_names(self, position: int, para: Para, text: str) -> str:
        """The names under a label that stood alone ('For (38)' then the list); returns what follows them."""
        vote, side, count = self.pending_roll or (None, "", None)
        self.pending_roll = None
        assert vote is not None
        ends = [m.start for m in (find_outcome(text),) if m] + [line.start for line in roll_lines(text)]
        cut = min(ends, default=len(text))
        names_text, rest = text[:cut], text[cut:]
        line = RollLine(side, people_names(names_text), count, names_text)
        vote.names.setdefault(side, []).extend(line.names)
        vote.add_para(para)
        self._touch(vote, position)
        self._check_count(vote, line, para)
        return rest

    def _check_count(self, vote: VoteFound, line: RollLine, para: Para) -> None:
        if line.count is not None and line.names:
            probe = VoteFound(vote.item, para, vote.outcome, "", names={line.side: line.names})
            self.issues.extend(count_issues(probe, para.page, {line.side: line.count}))

    def _qualifier_vote(self, found: Found, block: Block) -> None:
        """'De raad besluit unaniem:' / 'in meerderheid (16 stemmen voor en 14 stemmen tegen):' is the vote."""
        qualifier = block.qualifier or ""
        vote = VoteFound(found.item_number, block.intro, "carried", squash(qualifier), paras=[block.intro])
        vote.unanimous = is_unanimous(qualifier)
        _merge_counts(vote, read_counts(qualifier))
        found.vote = vote
        found.outcome = "carried"
        self.votes.append(vote)

    # -- helpers ----------------------------------------------------------------------------

    def _new(self, kind: str, position: int, wording: str, evidence: str, paras: list[Para]) -> Found:
        return Found(
            kind=kind,
            region=self.regions[position],
            item=self.items[position],
            marker_item=self.markers[position],
            paras=list(paras),
            wording=wording,
            evidence=evidence,
            position=position,
            last=position,
        )

    def _motion_near(self, position: int, for_vote: bool = False) -> Found | None:
        """The open motion, or the last one in this region if it ended a paragraph or so before."""
        if self.open is not None:
            return self.open
        motion = self.last_motion
        if motion is None or motion.region != self.regions[position] or position - motion.last > _NEAR:
            return None
        if any(f.position > motion.position and f.kind != "motion" for f in self.found[-3:]):
            return None  # a block or a statement came between
        if for_vote and motion.vote is not None and position - motion.last > 1:
            return None  # its vote was printed already: this is another vote
        return motion

    def _vote_target(self, position: int, sentence: str, outcome: str | None) -> Found | None:
        """The motion a vote sentence decides: the latest undecided one in this region (the amendment when it names
        the amendment, the main motion when it says substantive or original), or the one whose vote it continues."""
        if self.open is not None and self.open.outcome is None:
            if not (_AMENDMENT_RE.search(sentence) and not self.open.amendment):
                return self.open
        recent = self._recent_motions(position)
        undecided = [m for m in recent if m.outcome is None]
        if _AMENDMENT_RE.search(sentence) and not _MAIN_RE.search(sentence):
            undecided = [m for m in undecided if m.amendment] or undecided
        elif _MAIN_RE.search(sentence) or _RECOMMENDATION_RE.search(sentence):
            undecided = [m for m in undecided if not m.amendment] or undecided
        if undecided:
            return undecided[0]
        latest = recent[0] if recent else None
        if latest is not None and position - latest.last <= 1 and (outcome is None or latest.outcome in (None, outcome)):
            return latest  # 'All were in favor. Roll Call ... Motion passes.': one vote
        return None

    def _recent_motions(self, position: int) -> list[Found]:
        """Motions of this region since the last block or statement, latest first, within reach."""
        region = self.regions[position]
        recent = []
        for found in reversed(self.found):
            if found.region != region or position - found.last > _VOTE_REACH or found.kind != "motion":
                break
            recent.append(found)
        return recent

    def _is_vote(self, position: int, sentence: str, has_outcome: bool) -> bool:
        """An outcome or a roll call after a motion is its vote; with no motion near, the sentence must speak of a vote."""
        outcome = find_outcome(sentence) if has_outcome else None
        if self._vote_target(position, sentence, outcome.outcome if outcome else None) is not None:
            return True
        if self.loose is not None and position - self.loose[1] <= 1 and self.loose[0].item == _item_number(self, position):
            return True  # the loose vote goes on ('All were in favor. Motion passes.'), within its item
        if has_outcome:
            return _has_counts(sentence) or cue.first(cue.VOTE_WORDS, sentence) is not None
        # names by side under 'by the following vote:' with no motion before them
        return cue.first(cue.VOTE_WORDS, sentence) is not None and bool(roll_lines(sentence))

    def _touch(self, vote: VoteFound, position: int) -> None:
        if self.loose is not None and self.loose[0] is vote:
            self.loose = (vote, position)
        for found in reversed(self.found[-4:]):
            if found.vote is vote:
                found.last = max(found.last, position)

    def _loose_vote(self, position: int, para: Para, outcome: str | None) -> VoteFound:
        """A vote with no motion before it ('All were in favor. Roll Call ... Motion passes.'): its sentences stay one vote;
        another outcome is another vote ('Recommendations 1 to 3 were CARRIED ... Recommendation 4 was not approved')."""
        previous = self.loose[0] if self.loose is not None else None
        if (
            previous is not None
            and position - self.loose[1] <= 1
            and previous.item == _item_number(self, position)
            and (outcome is None or previous.outcome in (None, outcome))
        ):
            vote = previous
        else:
            vote = VoteFound(_item_number(self, position), para, None, "", paras=[para])
            self.votes.append(vote)
        self.loose = (vote, position)
        return vote

    def _vote_for(self, motion: Found, position: int, para: Para) -> VoteFound:
        if motion.vote is None:
            motion.vote = VoteFound(motion.item_number, para, None, "", paras=[para], unanimous=motion.unanimous)
            self.votes.append(motion.vote)
        motion.add_para(para, position)
        return motion.vote

    def _after_carried_vote(self, position: int) -> bool:
        """Whether the last thing in this region was a carried vote ('... the recommendations were CARRIED (unanimously).')."""
        motion = self.last_motion
        return bool(
            motion is not None
            and motion.region == self.regions[position]
            and motion.outcome == "carried"
            and position - motion.last <= 1
            and (not self.found or self.found[-1] is motion)
        )

    def _result_text(self, position: int, para: Para, sentence: str) -> str:
        """What a 'RESULT:' line decides: the text printed before it in its paragraph ('8.1 26-0160 Resolution No. ...'),
        else the paragraph above it in the item, else the item's title."""
        before = para.text[: para.text.find(sentence)].strip() if sentence in para.text else ""
        if before:
            return _without_numbers(before)
        item = self.items[position]
        above = self.paras[position - 1] if position > 0 and self.regions[position - 1] == self.regions[position] else None
        if above is not None and (item is None or above.index != item.heading.index):
            return _without_numbers(above.text)
        return item.title if item is not None and item.title else ""

    def _text_above(self, position: int) -> str:
        """The item's text above a 'RESULT:' line: the paragraphs since the heading (or the one before it)."""
        texts: list[str] = []
        back = position - 1
        while back >= 0 and self.regions[back] == self.regions[position] and len(texts) < 3:
            para = self.paras[back]
            if para.index in self.headings:
                item = self.items[back]
                texts.insert(0, item.title if item is not None and item.title else para.text)
                break
            texts.insert(0, para.text)
            back -= 1
        return squash(" ".join(texts))


@lru_cache(maxsize=1)
def _body_lead_in() -> re.Pattern[str]:
    """'That the Transport and Connectivity Policy Committee:' (a lead-in that names the deciding body)."""
    return re.compile(cue.expand(r"^That\s+@BODY@"), re.I)


def decision_label(para: Para, text: str) -> tuple[str, str] | None:
    """'(d) Decision taken: ...' or a bold run-in '(d) Decision taken' before the decision: (the text after it, evidence)."""
    found = cue.first(cue.DECISION_LABEL, text, at_start=True)
    if found:
        return squash(text[found[1].end() :]), found[0].label
    end = _run_in_end(para) if text is para.text else None
    if end:
        heading = text[:end].strip()
        found = cue.first(cue.DECISION_LABEL, heading, at_start=True)
        if found and found[1].end() >= len(heading.rstrip(" :")):
            return squash(text[end:]), found[0].label
    return None


def _ends_open(text: str) -> bool:
    return bool(re.search(r"[:;]\s*[-–]?\s*$", text))


def _strip_run_in(sentence: str) -> str:
    """'APPROVAL OF Town Fund Bills – Motion to approve ...' -> 'Motion to approve ...' (a run-in heading before a dash or colon);
    '7.2 Grant request from the Club: a motion by Cllr X, ...' -> 'a motion by Cllr X, ...' (a numbered paragraph's title)."""
    match = _RUN_IN_RE.match(sentence) or _NUMBERED_RUN_IN_RE.match(sentence)
    return sentence[match.end() :] if match else sentence


def _counted_vote(sentence: str) -> bool:
    """A sentence that reports a vote by its counts alone ('VOTE: 5-0.', 'On a vote: 3 for, 1 against, 1 abstention'): counts
    and a word saying a vote is reported, so that 'the budget for 2026' is no count."""
    return _has_counts(sentence) and cue.first(cue.VOTE_WORDS, sentence) is not None


def _has_counts(sentence: str) -> bool:
    return any(value is not None for value in read_counts(sentence).values())


def _split_content(sentence: str) -> tuple[str, str]:
    """('Councilor Tuttle moved to', 'approve the final findings ...'): who moved, and what was moved."""
    found = cue.all_matches(cue.MOTION_CONTENT, sentence)
    if not found:
        return "", sentence
    end = found[0][1].end()
    rest = sentence[end:].strip()
    return (sentence[:end].strip(), rest) if rest else ("", sentence)


@lru_cache(maxsize=1)
def _block_label_regex() -> re.Pattern[str]:
    """Where a line of a label column starts inside a run of text."""
    labels = sorted({" ".join(w.split()) for _, w in conventions.words(cue.BLOCK_LABELS)}, key=len, reverse=True)
    alternation = "|".join(re.escape(label).replace(r"\ ", r"\s+") for label in labels) or "(?!)"
    return re.compile(rf"(?<=\S)\s+(?=(?:{alternation})\s*:)")


def _label_lines(sentence: str) -> list[str]:
    """A label column's lines run together ('MOVER: Bell, Councilmember SECONDER: Whitaker AYES: ...', 'Resolution No.
    R2026-041 Moved by: ... Seconded by: ...', 'LOST 2/4 COUNCIL RESOLUTION 2026/034 Moved Cr ...'): one line per label,
    and one per resolution number that opens a resolution (not one only named: 'Resolution 259-2018 is a revision')."""
    lines = []
    for piece in _block_label_regex().split(sentence):
        lines.extend(_number_lines(piece.strip()))
    return [line for line in lines if line]


def _number_lines(text: str) -> list[str]:
    cuts, covered = [], -1
    for _, match in cue.all_matches_anywhere(cue.RESOLUTION_NUMBER, text):
        if match.start() < covered:
            continue  # inside a longer number line found before ('COUNCIL RESOLUTION 2026/032')
        covered = match.end()
        rest = text[match.end() :].lstrip(" :.-–")
        opens = _opens_resolution_text(rest) or cue.first(cue.MOTION_LABEL, rest, at_start=True) or cue.first(cue.NUMBERED_MOVERS, rest, at_start=True)
        ends_heading = not rest and cue.first(cue.MOTION, _strip_prefix(text[: match.start()])) is None  # not '... moved to adopt Resolution 259-2018.'
        if match.start() > 0 and text[match.start() - 1].isspace() and (opens or ends_heading):
            cuts.append(match.start())  # 'CONFIRMATION OF MINUTES COUNCIL RESOLUTION 2026/031': the number ends the heading
    pieces, last = [], 0
    for cut in sorted(set(cuts)):
        pieces.append(text[last:cut].strip())
        last = cut
    pieces.append(text[last:].strip())
    return pieces


_LEADING_NUMBERS_RE = re.compile(r"^(?:\(?\*?\d{1,3}(?:\.\d{1,3})*[.)]?\s+)?(?:\(?\d{2,4}-\d{2,5}\)?\s+)?")


def _without_numbers(text: str) -> str:
    """'8.1 26-0160 Resolution No. 2026-11 ...' -> 'Resolution No. 2026-11 ...' (the item and file numbers are not its text)."""
    return squash(_LEADING_NUMBERS_RE.sub("", text.strip()))


def _starts_with_label(text: str) -> bool:
    return bool(_block_label_regex().match(" " + text) or any(line.start == 0 for line in roll_lines(text)))


def _label_rows(para: Para) -> list[str] | None:
    """Lines of a label column ('Absent: 1 - Kim' then 'Council directed staff ...'): a label starts a line on its row;
    a row indented under a label's value continues it ('AYES: Commissioners Davis,' / '     and Chair Ramirez')."""
    rows = para.rows
    if len(rows) < 2 or not any(_starts_with_label(row.text) for row in rows):
        return None
    lines: list[str] = []
    label_x: float | None = None  # where the current label line starts; None while in prose
    for row in rows:
        x0 = row.row.bbox.x0
        if _starts_with_label(row.text):
            lines.append(row.text)
            label_x = x0
        elif lines and (label_x is None or x0 > label_x + _VALUE_INDENT or _ENDS_WITH_LABEL_RE.search(lines[-1])):
            # prose goes on; or a wrapped value; or the names of a label that ends the row ('... - 4. Noes:')
            lines[-1] = join_row_texts([lines[-1], row.text])
        else:
            lines.append(row.text)
            label_x = None
    return [squash(line) for line in lines]


def _balanced_sentences(text: str) -> list[str]:
    """Sentences, never cut inside brackets ('CARRIED (5 members voting in favour and 1 against. 3 abstentions)')."""
    out: list[str] = []
    for sentence in sentences(text):
        if out and out[-1].count("(") > out[-1].count(")"):
            out[-1] = f"{out[-1]} {sentence}"
        else:
            out.append(sentence)
    return out


def _line_starts(para: Para, text: str) -> list[int]:
    """Where a run-in heading ends and where each printed row starts in the text: a decision may open a row
    ('3. Vaststelling van de besluitenlijst' / 'De raad besluit unaniem: ...')."""
    if text is not para.text:
        return []
    starts = [end] if (end := _run_in_end(para)) else []
    at = 0
    for row in para.rows:
        words = " ".join(row.text.split())
        found = text.find(words[:20], at) if words else -1
        if found > 0:
            starts.append(found)
            at = found + 1
    return starts


def _run_in_end(para: Para) -> int | None:
    """Where the paragraph's bold run-in heading ends, if it has one and plain text after it."""
    pieces = _run_in_split(para, para.text)
    return len(para.text) - len(pieces[1]) if len(pieces) == 2 else None


def _run_in_split(para: Para, text: str) -> list[str]:
    """The paragraph's bold leading rows apart from the plain text after them, when the text starts with them."""
    bold = para.bold_prefix()
    if not bold or len(bold) == len(para.rows):
        return [text]
    heading = join_row_texts([row.text for row in bold])
    if not text.startswith(heading):
        return [text]
    return [heading, text[len(heading) :].strip()]


def _roll_groups(rolls: list[RollLine]) -> list[list[RollLine]]:
    """Roll-call lines in order, a new group each time a side is printed again (one sentence, several votes)."""
    groups: list[list[RollLine]] = [[]]
    for line in rolls:
        if any(previous.side == line.side for previous in groups[-1]):
            groups.append([])
        groups[-1].append(line)
    return [group for group in groups if group]


def _merge_counts(vote: VoteFound, counts: dict[str, int | None]) -> None:
    for side, value in counts.items():
        if value is not None and vote.counts.get(side) is None:
            vote.counts[side] = value


def _item_number(scanner: Scanner, position: int) -> str | None:
    item = scanner.items[position]
    if item is not None:
        return item.number or item.agenda_item or scanner.markers[position]
    return scanner.markers[position]


def _named(found: tuple | None, group: str) -> str | None:
    if not found:
        return None
    value = found[1].groupdict().get(group)
    return cue.strip_title(value) if value else None


def _strip_prefix(sentence: str) -> str:
    """'Motion: Councilor Tuttle moved ...' -> 'Councilor Tuttle moved ...'; '3) Mr Richardson proposed' -> 'Mr Richardson proposed'."""
    marker = MARKER_RE.match(sentence)
    if marker:
        sentence = sentence[marker.end() :]
    found = cue.first(cue.MOTION_PREFIX, sentence, at_start=True)
    return sentence[found[1].end() :].strip() if found else sentence


def _after_labels(sentence: str, matches: list[tuple], any_text: bool = False) -> str:
    """What a label line holds after its 'Moved by ...' and 'Seconded by ...' parts: the resolution, if it starts one
    (`any_text`: whatever is there)."""
    end = max((m[1].end() for m in matches), default=0)
    rest = sentence[end:].lstrip(" ,.;:–-")
    rest = re.sub(r"^(?:and\s+)?(?:seconded|second)\b.*?(?:,|$)", "", rest, flags=re.I).strip()
    if any_text:
        return squash(rest)
    return squash(rest) if _opens_resolution_text(rest) else ""


def _opens_resolution_text(text: str) -> bool:
    return cue.first(cue.RESOLUTION_TEXT, text, at_start=True) is not None or is_lead_in(text)


def _parts_follow(paras: list[Para], position: int) -> bool:
    """A lead-in stands for a decision only with its parts below it ('That the Committee:' then '1. ...')."""
    return position + 1 < len(paras) and bool(PART_RE.match(paras[position + 1].text) or paras[position + 1].bulleted)


@lru_cache(maxsize=1)
def _relevance() -> AnyPattern:
    keys = (
        cue.BLOCK_INTRO,
        cue.DECISION_LABEL,
        cue.RESOLUTION_NUMBER,
        cue.STATEMENT,
        cue.MOTION,
        cue.MOTION_LABEL,
        cue.MOVER,
        cue.SECONDER,
        cue.CARRIED,
        cue.LOST,
        cue.DEFERRED,
        cue.WITHDRAWN,
        cue.NOTED,
        cue.RESULT_LABEL,
        cue.LEAD_IN,
        cue.TALLY,  # a vote line of counts alone ('VOTE: 4-0-1 (Commissioner Whitfield abstained).')
    )
    return cue.any_unanchored(keys)


def _maybe_relevant(text: str) -> bool:
    """A cheap first test: could any decision, motion or vote cue match in this paragraph?"""
    if _relevance().search(text):
        return True
    return bool(roll_lines(text) or member_votes(text))
