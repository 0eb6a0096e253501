"""Actions: what the minutes record as asked for or promised, one per sentence.

'The Committee ... requested an update at the next meeting on ...', 'An Early Help Strategy
... could be circulated to the Committee', 'Officers agreed to return to the Policy
Committee with proposals', 'a detailed update would be brought back to Cabinet in due course'.
Sentences come from spaCy's sentencizer (`agendapack.nlp`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agendapack import nlp
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.text import squash

ACTION_RE = re.compile(
    r"(?<!being )(?<!been )(?<!was )(?<!were )(?<!is )(?<!are )\brequest(?:ed|s)\b(?! by)(?! of)"
    r"|\basked (?:for|that|to be|officers|the officers)\b"
    r"|\b(?:could|would|will|should|to) be (?:circulated|shared|provided|brought(?: back)?|reported(?: back)?|sent|presented|submitted|added|"
    r"explored|reviewed|revisited)\b"
    r"|\bbe circulated\b"
    r"|\b(?:agreed|undertook|promised|offered) to (?:return|provide|circulate|report|share|raise|look|review|investigate|write|respond|update|"
    r"bring|arrange|consider|follow)\b"
    r"|\b(?:officers|staff) (?:would|will) provide\b"
    r"|\bsuggested that officers\b|\bit was suggested that officers\b",
    re.I,
)
OWNER_RE = re.compile(
    r"\b(?P<owner>[Oo]fficers|[Ss]taff|the Chair(?: and officers)?|the (?:City|County) (?:Manager|Attorney|Clerk)|the Leader|"
    r"the (?:Executive |Interim |Assistant )?Director(?: of [A-Z][\w ]+?)?|(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Mayor|Vice Mayor|Councilmember)\.?\s+[A-Z][\w'’-]+)"
    r"\s+(?:agreed|undertook|promised|offered|would provide|will provide|would circulate|will circulate|would report|will report|to)\b"
)
_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
PARAGRAPH_NUMBER_RE = re.compile(r"^(?:\d{1,3}(?:\.\d{1,2})*\.?|\(?[a-z]\))\s+(?=[A-Z])")
DUE_RE = re.compile(
    rf"\b(?:at|to|for) (?:its|the|their) next (?:meeting|committee meeting)\b|\bin due course\b|\bonce published\b"
    rf"|\bby (?:the end of )?(?:\d{{1,2}}(?:st|nd|rd|th)? )?{_MONTH}(?: \d{{4}})?\b|\b(?:in|during) {_MONTH}(?: \d{{4}})?\b|\bin \d{{4}}\b"
    rf"|\bevery (?:\w+ )?(?:weeks?|months?)\b|\bwithin \w+ (?:days|weeks|months)\b|\bnext (?:year|month|municipal year)\b"
)


@dataclass(frozen=True)
class ActionFound:
    item: str | None
    text: str
    para: Para
    owner: str | None
    due: str | None


def find_actions(paras: list[tuple[str | None, Para]]) -> list[ActionFound]:
    """Every sentence of these paragraphs that records a request or a promise."""
    texts = [para.text for _, para in paras]
    candidates = [i for i, text in enumerate(texts) if ACTION_RE.search(text)]
    spans = nlp.sentence_spans(texts[i] for i in candidates)
    found: list[ActionFound] = []
    for index, sentence_spans in zip(candidates, spans, strict=True):
        item, para = paras[index]
        for start, end in sentence_spans:
            sentence = PARAGRAPH_NUMBER_RE.sub("", squash(texts[index][start:end]))
            if ACTION_RE.search(sentence):
                found.append(ActionFound(item, sentence, para, _owner(sentence), _due(sentence)))
    return found


def _owner(sentence: str) -> str | None:
    match = OWNER_RE.search(sentence)
    return match.group("owner") if match else None


def _due(sentence: str) -> str | None:
    match = DUE_RE.search(sentence)
    if not match:
        return None
    due = match.group(0)
    return re.sub(r"^(?:at|to|for) (?:its|the|their) ", "the ", due)
