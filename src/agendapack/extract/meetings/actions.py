"""Actions: what the minutes record as asked for or promised, each with its minute item's number and title.

Two ways minutes record them:
- explicitly, behind a marker: 'ACTION: Officers to provide cost information to the participant in
  writing.', '(ACTION: PCO to arrange Members' briefing sessions.)';
- in the wording, one per sentence: 'The Committee ... requested an update at the next meeting on
  ...', 'Officers agreed to return to the Policy Committee with proposals', 'a detailed update would
  be brought back to Cabinet in due course'.
Where a meeting marks its actions, the marked ones are its actions and reported requests are not read
for more (the minutes say which sentences are actions); an undertaking ('X undertook to ask', 'zegt
toe') or the meeting's direction ('Council directed staff to ...') still is. Each sentence is tested
on its own, so a pattern that opens a sentence ('Clerk to chase ...') is found mid-paragraph, and in a
paragraph that also records a decision when the sentence is no part of the decision's text.
The owner is the sentence's subject or the one asked or directed ('the Clerk', 'staff', a titled
name); a pronoun subject ('He') stands for the last titled person named before it in the paragraph.
Markers, wording, owners, pronouns and due dates are convention data (`[actions]` in
extractors/conventions/*.toml). Sentences come from spaCy's sentencizer (`agendapack.nlp`).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from functools import lru_cache

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
    request: bool = False  # found by request wording or an action line only, neither an undertaking nor a direction


def find_actions(
    paras: list[tuple[Item | None, Para]], decided: list[tuple[Item | None, Para]] = (), decision_texts: tuple[str, ...] = ()
) -> list[ActionFound]:
    """The meeting's marked actions, or, where it marks none, every sentence recording a request or a promise.

    `decided` are paragraphs that hold a decision: only an explicit marker there is an action (a decision's own
    wording is not), as where 'ACTION: Clerk to ...' is printed right under the RESOLVED it follows from, and an
    action line or undertaking that is no part of any decision's text (`decision_texts`): 'A letter ... was noted.
    Clerk to circulate the training dates.'"""
    marked = sorted(
        (action for item, para in [*paras, *decided] for action in _marked(item, para)), key=lambda a: a.para.index
    )
    beside = _beside_decisions(decided, decision_texts)
    if not marked:
        worded = _worded(paras, (cue.ACTION_REQUEST, cue.ACTION_LINE, cue.ACTION_PROMISE, cue.ACTION_DIRECTION))
        return sorted(worded + beside, key=lambda a: a.para.index)
    # where the minutes mark their actions, a reported request is not one more; an undertaking or a direction is
    marker = cue.any_of(cue.ACTION_MARKER)
    texts = {a.text for a in marked}
    strong = _worded(paras, (cue.ACTION_PROMISE, cue.ACTION_DIRECTION)) + [a for a in beside if not a.request]
    kept = [a for a in strong if a.text not in texts and not marker.search(a.text)]
    return sorted(marked + kept, key=lambda a: a.para.index)


def _beside_decisions(decided: list[tuple[Item | None, Para]], decision_texts: tuple[str, ...]) -> list[ActionFound]:
    """Action lines and undertakings in a paragraph that also records a decision, in sentences of their own: a
    sentence inside a decision's text is the decision's wording ('RESOLVED that the Clerk write to ...'), not an action."""
    if not decided:
        return []
    texts = [squash(t) for t in decision_texts if t]
    found = _worded(list(decided), (cue.ACTION_LINE, cue.ACTION_PROMISE, cue.ACTION_DIRECTION))
    return [a for a in found if not any(a.text in t or t in a.text for t in texts)]


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
    """Every sentence one of the keys' patterns finds; a pattern anchored with '^' ('Clerk to chase ...') must open
    its sentence, wherever the sentence stands in the paragraph."""
    texts = [para.text for _, para in paras]
    anywhere = cue.any_unanchored(keys)
    candidates = [i for i, text in enumerate(texts) if anywhere.search(text)]
    spans = nlp.sentence_spans(texts[i] for i in candidates)
    found: list[ActionFound] = []
    for index, sentence_spans in zip(candidates, spans, strict=True):
        item, para = paras[index]
        for start, end in sentence_spans:
            sentence = PARAGRAPH_NUMBER_RE.sub("", squash(texts[index][start:end]))
            # the full patterns, not the pre-test's loose ones: '@TMEMBER@ will ...' is a titled person, not 'A review would'
            if _matches(keys, sentence) and not dissent(sentence):  # 'requested that his vote against be recorded' is a vote
                action = _action(item, para, sentence, explicit=False, before=texts[index][:start])
                found.append(replace(action, request=not _strong(sentence)))
    return found


def _matches(keys: tuple[tuple[str, str], ...], sentence: str) -> bool:
    return any(cue.first(key, sentence) for key in keys)


def _strong(sentence: str) -> bool:
    """An undertaking or a direction, which counts where the minutes mark their actions too."""
    return _matches((cue.ACTION_PROMISE, cue.ACTION_DIRECTION), sentence)


def _action(item: Item | None, para: Para, text: str, explicit: bool, owner: str | None = None, before: str = "") -> ActionFound:
    number = (item.number or item.agenda_item) if item is not None else None
    title = item.title if item is not None and item.title else None
    owner = owner or _owner(text, before)
    return ActionFound(number, text, para, owner, _due(text), item_title=title, explicit=explicit)


def _owner(sentence: str, before: str = "") -> str | None:
    """Who is to act: the subject or the person asked the sentence names ('Clerk to chase', 'asked the Clerk to',
    'directed staff to'); for a pronoun ('He undertook to ask'), the last person named before it in the paragraph."""
    found = cue.first(cue.ACTION_OWNER, sentence)
    owner = found[1].group("owner") if found else None
    if owner is not None and owner.casefold() in _pronouns():
        return _antecedent(before)
    return owner


@lru_cache(maxsize=1)
def _pronouns() -> frozenset[str]:
    return frozenset(word.casefold() for word in cue.words(cue.ACTION_PRONOUN))


@lru_cache(maxsize=1)
def _titled_person_re() -> re.Pattern[str]:
    return re.compile(cue.expand("@TMEMBER@"), re.I)


def _antecedent(before: str) -> str | None:
    """The last person the text names with a title ('County Councillor Aled Lloyd reported ...' -> 'Aled Lloyd')."""
    names = [m.group(0) for m in _titled_person_re().finditer(squash(before)) if cue.strip_title(m.group(0)) != m.group(0).strip()]
    return cue.strip_title(names[-1]) if names else None


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
