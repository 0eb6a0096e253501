"""Actions: what the minutes record as asked for or promised, each with its minute item's number and title.

Two ways minutes record them:
- explicitly, behind a marker: 'ACTION: Officers to provide cost information to the participant in
  writing.', '(ACTION: PCO to arrange Members' briefing sessions.)';
- in the wording, one per sentence: 'The Committee ... requested an update at the next meeting on
  ...', 'Officers agreed to return to the Policy Committee with proposals', 'a detailed update would
  be brought back to Cabinet in due course'.
Where a meeting marks its actions, the marked ones are its actions and the wording is not read for
more (the minutes say which sentences are actions). Markers, request wording, owners and due dates
are convention data (`[actions]` in extractors/conventions/*.toml). Sentences come from spaCy's
sentencizer (`agendapack.nlp`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from agendapack import nlp
from agendapack.extract.meetings import decision_cues as cue
from agendapack.extract.meetings.items import Item
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.text import first_sentence, sentences, squash
from agendapack.extract.meetings.votes import dissent
from agendapack.models.meetings import Action
from agendapack.models.tabular import TrackerKind, TrackerRow, TrackerStatus

PARAGRAPH_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|\(?[a-z]\))\s+(?=[A-Z])")


@dataclass(frozen=True)
class ActionFound:
    item: str | None
    text: str
    para: Para
    owner: str | None
    due: str | None
    item_title: str | None = None
    explicit: bool = False


def find_actions(paras: list[tuple[Item | None, Para]], decided: list[tuple[Item | None, Para]] = ()) -> list[ActionFound]:
    """The meeting's marked actions, or, where it marks none, every sentence recording a request or a promise.

    `decided` are paragraphs that hold a decision: only an explicit marker there is an action (a decision's own
    wording is not), as where 'ACTION: Clerk to ...' is printed right under the RESOLVED it follows from."""
    marked = sorted(
        (action for item, para in [*paras, *decided] for action in _marked(item, para)), key=lambda a: a.para.index
    )
    if not marked:
        return _worded(paras, (cue.ACTION_REQUEST, cue.ACTION_PROMISE))
    # where the minutes mark their actions, a reported request is not one more; a person's own undertaking is
    marker = cue.any_of(cue.ACTION_MARKER)
    texts = {a.text for a in marked}
    promised = [a for a in _worded(paras, (cue.ACTION_PROMISE,)) if a.text not in texts and not marker.search(a.text)]
    return sorted(marked + promised, key=lambda a: a.para.index)


def _marked(item: Item | None, para: Para) -> list[ActionFound]:
    """'ACTION: ...' and '(ACTION: ...)' in one paragraph: the text after each marker, to its sentence end or bracket."""
    text = para.text
    found = []
    for _, match in cue.all_matches(cue.ACTION_MARKER, text):
        rest = text[match.end() :].strip()
        before = text[: match.start()].rstrip()
        bracketed = before.endswith("(")
        if bracketed and ")" in rest:
            rest = rest[: rest.index(")")]
        body = squash(first_sentence(rest)).strip(" ()")
        if bracketed and _names_only(body) and before[:-1].strip():
            # '... be made available in other languages (ACTION: Transport Strategy Manager).': the marker names who acts
            sentence = _clean(sentences(before[:-1].strip())[-1])
            found.append(_action(item, para, sentence, explicit=True, owner=body))
        elif body and all(body != f.text for f in found):
            found.append(_action(item, para, body, explicit=True))
    return found


def _names_only(body: str) -> bool:
    """A marker's text that names someone rather than saying what to do ('Transport Strategy Manager')."""
    return 0 < len(body.split()) <= 8 and not re.search(r"\b(?:to|will|would|should|shall|be)\b", body)


def _clean(sentence: str) -> str:
    return PARAGRAPH_NUMBER_RE.sub("", squash(sentence))



def _worded(paras: list[tuple[Item | None, Para]], keys: tuple[tuple[str, str], ...]) -> list[ActionFound]:
    texts = [para.text for _, para in paras]
    request = re.compile("|".join(cue.any_of(key).pattern for key in keys), re.I)
    candidates = [i for i, text in enumerate(texts) if request.search(text)]
    spans = nlp.sentence_spans(texts[i] for i in candidates)
    found: list[ActionFound] = []
    for index, sentence_spans in zip(candidates, spans, strict=True):
        item, para = paras[index]
        for start, end in sentence_spans:
            sentence = PARAGRAPH_NUMBER_RE.sub("", squash(texts[index][start:end]))
            if request.search(sentence) and not dissent(sentence):  # 'requested that his vote against be recorded' is a vote
                found.append(_action(item, para, sentence, explicit=False))
    return found


def _action(item: Item | None, para: Para, text: str, explicit: bool, owner: str | None = None) -> ActionFound:
    number = (item.number or item.agenda_item) if item is not None else None
    title = item.title if item is not None and item.title else None
    return ActionFound(number, text, para, owner or _owner(text), _due(text), item_title=title, explicit=explicit)


def _owner(sentence: str) -> str | None:
    found = cue.first(cue.ACTION_OWNER, sentence)
    return found[1].group("owner") if found else None


def _due(sentence: str) -> str | None:
    found = cue.first(cue.ACTION_DUE, sentence)
    if not found:
        return None
    return re.sub(r"^(?:at|to|for) (?:its|the|their) ", "the ", found[1].group(0))


def tracker_row(action: Action, meeting_date: str | None, record_id: str) -> TrackerRow:
    """The action as an entry of its meeting's action log, so one query lists every action, printed in a tracker or
    recorded in minutes: date = the meeting's date, agenda item = '<number> <title>', status unknown (none is printed)."""
    agenda_item = " ".join(part for part in (action.item_number, action.item_title) if part) or None
    return TrackerRow(
        record_id=record_id,
        table_id=None,
        section_id=action.section_id,
        kind=TrackerKind.ACTION,
        date=dt.date.fromisoformat(meeting_date) if meeting_date else None,
        date_text=meeting_date,
        agenda_item=agenda_item,
        item=action.text,
        owner=action.owner,
        status=TrackerStatus.UNKNOWN,
        origin="minutes",
        action_id=action.record_id,
        provenance=action.provenance,
    )
