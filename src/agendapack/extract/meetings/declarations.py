"""Declarations of interest: who declared what in which item, or the printed statement that there were none."""

from __future__ import annotations

import re
from dataclasses import dataclass

from agendapack.extract.meetings.items import Item
from agendapack.extract.meetings.paragraphs import Para
from agendapack.extract.meetings.text import sentences, squash

ITEM_TITLE_RE = re.compile(
    r"\b(?:declarations?|disclosures?) of (?:(?:pecuniary|personal|disclosable|members'?|other) )*interests?\b|\bconflicts? of interest\b", re.I
)
LABEL_RE = re.compile(r"^(?:declarations?|disclosures?) of (?:(?:pecuniary|personal|disclosable|members'?|other) )*interests?\s*[:\-–]+\s*(?P<rest>.*)$", re.I)
NONE_RE = re.compile(
    r"\bno (?:declarations?|disclosures?|interests?)\b|\bthere were none\b|^none\b|\bnone (?:were )?(?:declared|made|received)\b|\bnothing (?:was )?declared\b",
    re.I,
)
DECLARED_RE = re.compile(
    r"(?P<person>(?:Councillor|Cllr|Mr|Mrs|Ms|Dr|Mayor|Councilmember)\.?\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3})\s+"
    r"(?:declared|disclosed|registered)\s+(?P<interest>.+)$",
    re.S,
)
ITEM_REF_RE = re.compile(r"\b(?:agenda\s+)?item\s+(?P<num>\d{1,3}[a-z]?)\b", re.I)


@dataclass(frozen=True)
class DeclarationFound:
    item: str | None
    none_declared: bool
    text: str
    para: Para
    person: str | None = None
    interest_item: str | None = None
    interest: str | None = None


def find_declarations(header: list[Para], items: list[Item]) -> list[DeclarationFound]:
    found: list[DeclarationFound] = []
    for para in header:
        match = LABEL_RE.match(para.text)
        if match:
            found.extend(_read(None, match.group("rest"), para))
    for item in items:
        if ITEM_TITLE_RE.search(item.title):
            texts = [(item.heading, item.lead)] + [(p, p.text) for p in item.body]
            for para, text in texts:
                found.extend(_read(item.number, text, para))
    return found


def _read(item: str | None, text: str, para: Para) -> list[DeclarationFound]:
    out: list[DeclarationFound] = []
    for sentence in sentences(text):
        declared = DECLARED_RE.search(sentence)
        if declared:
            interest = squash(declared.group("interest")).rstrip(".")
            ref = ITEM_REF_RE.search(interest)
            out.append(DeclarationFound(item, False, squash(sentence), para, squash(declared.group("person")), ref.group("num") if ref else None, interest))
        elif NONE_RE.search(sentence):
            out.append(DeclarationFound(item, True, squash(sentence), para))
    return out
