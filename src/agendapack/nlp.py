"""spaCy, loaded once per process: sentence splitting and named entities by rules, plus a trained
pipeline's entities when one is installed.

This is the only module that imports spaCy. Nothing is downloaded: the rule
pipeline is `spacy.blank("en")` with the sentencizer and token Matcher
patterns for money, percentages, dates, people with a bracketed role
('Jayne Vertkin (Head of Early Help)') and organisations (councils, boards,
NHS bodies). When the `en_core_web_sm` package is importable its entities are
added where they do not overlap a rule entity.
"""

from __future__ import annotations

import importlib.util
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

TRAINED_MODEL = "en_core_web_sm"
TRAINED_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "DATE", "TIME", "MONEY", "PERCENT"}
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
]
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
ORG_HEADS = [
    "council",
    "committee",
    "board",
    "commission",
    "authority",
    "trust",
    "partnership",
    "association",
    "agency",
    "department",
    "ministry",
    "service",
    "services",
    "team",
    "unit",
    "panel",
    "executive",
    "office",
    "foundation",
    "society",
    "union",
    "corporation",
    "chamber",
    "network",
    "alliance",
    "college",
    "university",
    "police",
    "hospital",
    "group",
    "cabinet",
    "forum",
]
ORG_SUFFIXES = ["ltd", "ltd.", "limited", "plc", "llp", "cic", "inc", "inc."]
ROLE_RE = re.compile(
    r"\b(?:head|director|officer|manager|executive|chair|chairman|chairperson|member|leader|councillor|chief|lead|counsel|accountant|"
    r"analyst|clerk|mayor|secretary|commissioner|adviser|advisor|coordinator|co-ordinator|principal|consultant|deputy|assistant|"
    r"president|treasurer|inspector|superintendent|commander|governor|minister|mp|solicitor|engineer|planner|specialist|partner)\b",
    re.I,
)
HONORIFIC_RE = re.compile(
    r"^(?:Councillors?|Cllrs?|Councilmembers?|Mayor|Vice Mayor|Deputy Mayor|Mr|Mrs|Ms|Miss|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Revd)\.?\s+"
)
_CAP = {"TEXT": {"REGEX": r"^[A-Z][\w'’.]*$"}}
_MONEY_NUMBER = {"TEXT": {"REGEX": r"^\d[\d,]*(?:\.\d+)?(?:k|m|bn|mn|million|billion|s)?$"}}
_LEADING_GLUE_RE = re.compile(r"^(?:(?:the|of|and|for|&)\s+)+", re.I)
_TITLE = {"IS_TITLE": True}
_DAY = {"LIKE_NUM": True, "LENGTH": {"<=": 4}}
_YEAR = {"SHAPE": "dddd"}
# Where a rule could match: matching runs on a window around each cue, not on whole texts.
_TITLE_HEADS = "|".join(h.capitalize() for h in ORG_HEADS + ORG_SUFFIXES if not h.endswith("."))
_NAME_CUE = rf"[A-Z][\w'’.-]*\s*\(|\b(?:{_TITLE_HEADS}|NHS|LTD|PLC)\b|\b(?:City|County|Borough|District|Township|Town|Municipality) of\b"
_MONTH_CUE = "|".join(m.capitalize() for m in MONTHS if len(m) > 3) + "|" + "|".join(m.upper() for m in MONTHS if len(m) > 3)
_VALUE_CUE = rf"[£$€%]|\bper ?cent\b|\b(?:{_MONTH_CUE})\b|\d/\d"
NAME_CUE_RE = re.compile(_NAME_CUE)
VALUE_CUE_RE = re.compile(_VALUE_CUE)
_BEFORE_NAME, _BEFORE_VALUE, _AFTER = 90, 40, 40
_ROLE_MAX = 160


@dataclass(frozen=True)
class EntitySpan:
    """An entity in one text: label, character offsets, the role of a person, and which method found it."""

    label: str
    text: str
    start_char: int
    end_char: int
    method: str
    role: str | None = None
    claim: tuple[int, int] | None = None  # the text the match covered (a person's bracketed role too), for overlaps

    @property
    def covers(self) -> tuple[int, int]:
        return self.claim or (self.start_char, self.end_char)


@lru_cache(maxsize=1)
def rule_pipeline() -> tuple[Any, Any]:
    """The blank English pipeline with a sentencizer, and its Matcher; built once per process."""
    import spacy
    from spacy.matcher import Matcher

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    matcher = Matcher(nlp.vocab)
    for label, patterns in _patterns().items():
        matcher.add(label, patterns, greedy="LONGEST")
    return nlp, matcher


@lru_cache(maxsize=1)
def trained_pipeline() -> Any | None:
    """The trained English pipeline when its package is installed (never downloaded), else None."""
    if importlib.util.find_spec(TRAINED_MODEL) is None:
        return None
    import spacy

    return spacy.load(TRAINED_MODEL, exclude=["lemmatizer", "parser", "tagger", "attribute_ruler"])


def _patterns() -> dict[str, list[list[dict]]]:
    month = {"LOWER": {"IN": MONTHS}}
    weekday = {"LOWER": {"IN": WEEKDAYS}, "OP": "?"}
    comma = {"ORTH": ",", "OP": "?"}
    return {
        "MONEY": [
            [{"ORTH": {"IN": ["£", "$", "€"]}}, _MONEY_NUMBER, {"LOWER": {"IN": ["m", "k", "bn", "million", "billion", "thousand"]}, "OP": "?"}],
        ],
        "PERCENT": [
            [{"LIKE_NUM": True}, {"ORTH": "%"}],
            [{"LIKE_NUM": True}, {"LOWER": "per"}, {"LOWER": "cent"}],
            [{"LIKE_NUM": True}, {"LOWER": "percent"}],
        ],
        "DATE": [
            [weekday, comma, _DAY, month, comma, _YEAR],
            [weekday, comma, _DAY, month],
            [weekday, comma, month, _DAY, comma, _YEAR],
            [month, _YEAR],
            [{"TEXT": {"REGEX": r"^\d{1,2}/\d{1,2}/\d{2,4}$"}}],
        ],
        "PERSON_ROLE": [
            [
                _TITLE,
                {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’.]*|-)$"}, "OP": "{1,4}"},
                {"ORTH": "("},
                {"ORTH": {"NOT_IN": ["(", ")"]}, "OP": "{1,14}"},
                {"ORTH": ")"},
            ],
        ],
        "ORG": [
            [_TITLE, {"TEXT": {"REGEX": r"^(?:[A-Z][\w'’.&-]*|of|and|&|for)$"}, "OP": "{0,7}"}, {"LOWER": {"IN": ORG_HEADS}, "IS_TITLE": True}],
            [
                {"LOWER": {"IN": ["city", "county", "borough", "district", "township", "town", "municipality"]}, "IS_TITLE": True},
                {"LOWER": "of"},
                _CAP,
                {"TEXT": {"REGEX": r"^[A-Z][\w'’.-]*$"}, "OP": "?"},
            ],
            [{"ORTH": "NHS"}, {"TEXT": {"REGEX": r"^[A-Z][\w'’.-]*$"}, "OP": "{0,3}"}],
            [_TITLE, {"TEXT": {"REGEX": r"^[A-Z][\w'’.&-]*$"}, "OP": "{0,3}"}, {"LOWER": {"IN": ORG_SUFFIXES}}],
        ],
    }


def sentence_spans(texts: Iterable[str]) -> list[list[tuple[int, int]]]:
    """Character spans of the sentences of each text (spaCy's sentencizer)."""
    nlp, _ = rule_pipeline()
    return [[(s.start_char, s.end_char) for s in doc.sents] for doc in nlp.pipe(texts, batch_size=256)]


def find_entities(texts: list[str], use_trained: bool = True) -> list[list[EntitySpan]]:
    """Entities of each text: the rule matches, then a trained pipeline's where they do not overlap."""
    nlp, matcher = rule_pipeline()
    windows = [cue_windows(text) for text in texts]
    pieces = [text[a:b] for text, spans in zip(texts, windows, strict=True) for a, b in spans]
    found_by_piece: list[list[EntitySpan]] = []
    with nlp.select_pipes(disable=["sentencizer"]):
        for doc in nlp.pipe(pieces, batch_size=256):
            found = [_rule_entity(span, span.label_) for span in matcher(doc, as_spans=True)]
            found_by_piece.append(_longest_first([e for e in found if e is not None]))
    out: list[list[EntitySpan]] = []
    position = 0
    for spans in windows:
        entities: list[EntitySpan] = []
        for start, _ in spans:
            entities += [_shifted(e, start) for e in found_by_piece[position]]
            position += 1
        out.append(entities)
    trained = trained_pipeline() if use_trained else None
    if trained is not None:
        out = [_merge(rules, _trained_entities(doc)) for rules, doc in zip(out, trained.pipe(texts, batch_size=64), strict=True)]
    return out


def cue_windows(text: str) -> list[tuple[int, int]]:
    """Merged character windows around every cue, widened to word boundaries."""
    raw: list[tuple[int, int]] = []
    for match in NAME_CUE_RE.finditer(text):
        end = match.end()
        if match.group(0).endswith("("):
            close = text.find(")", end, end + _ROLE_MAX)
            end = close + 1 if close >= 0 else end
        raw.append((match.start() - _BEFORE_NAME, end + _AFTER))
    raw += [(m.start() - _BEFORE_VALUE, m.end() + _AFTER) for m in VALUE_CUE_RE.finditer(text)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(raw):
        start, end = _word_start(text, max(start, 0)), _word_end(text, min(end, len(text)))
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _word_start(text: str, index: int) -> int:
    while index > 0 and not text[index - 1].isspace():
        index -= 1
    return index


def _word_end(text: str, index: int) -> int:
    while index < len(text) and not text[index].isspace():
        index += 1
    return index


def _shifted(entity: EntitySpan, offset: int) -> EntitySpan:
    claim = (entity.claim[0] + offset, entity.claim[1] + offset) if entity.claim else None
    return EntitySpan(entity.label, entity.text, entity.start_char + offset, entity.end_char + offset, entity.method, entity.role, claim)


def _longest_first(entities: list[EntitySpan]) -> list[EntitySpan]:
    """Overlapping matches resolved as spaCy's filter_spans does: the longest wins, then the earliest."""
    kept: list[EntitySpan] = []
    for entity in sorted(entities, key=lambda e: (-(e.covers[1] - e.covers[0]), e.covers[0])):
        start, end = entity.covers
        if not any(start < k.covers[1] and k.covers[0] < end for k in kept):
            kept.append(entity)
    return sorted(kept, key=lambda e: (e.start_char, e.end_char))


def _rule_entity(span: Any, label: str) -> EntitySpan | None:
    if label == "PERSON_ROLE":
        return _person_with_role(span)
    if label == "ORG":
        return _organisation(span)
    return EntitySpan(label, span.text, span.start_char, span.end_char, "rules")


def _person_with_role(span: Any) -> EntitySpan | None:
    """'Jayne Vertkin (Head of Early Help)': the entity is the name; the bracket is its role."""
    text = span.text
    bracket = text.index("(")
    name, role = text[:bracket].rstrip(), text[bracket + 1 : -1].strip()
    honorific = HONORIFIC_RE.match(name)
    offset = honorific.end() if honorific else 0
    name = name[offset:]
    words = name.replace(" - ", "-").split()
    if not ROLE_RE.search(role) or not (1 if honorific else 2) <= len(words) <= 4 or name.endswith("-"):
        return None
    if words[0] in ("The", "A", "An", "In", "On", "At", "Members", "Member", "Cabinet"):
        return None
    start = span.start_char + offset
    return EntitySpan("PERSON", name, start, start + len(name), "rules", role=" ".join(role.split()), claim=(span.start_char, span.end_char))


def _organisation(span: Any) -> EntitySpan | None:
    """Organisation names without a leading 'The' (only 'NHS' may stand alone)."""
    text = span.text
    trimmed = _LEADING_GLUE_RE.sub("", text)
    if not trimmed or (" " not in trimmed and trimmed != "NHS"):
        return None
    start = span.start_char + len(text) - len(trimmed)
    return EntitySpan("ORG", trimmed, start, start + len(trimmed), "rules")


def _trained_entities(doc: Any) -> list[EntitySpan]:
    return [EntitySpan(e.label_, e.text, e.start_char, e.end_char, TRAINED_MODEL) for e in doc.ents if e.label_ in TRAINED_LABELS]


def _merge(rules: list[EntitySpan], trained: list[EntitySpan]) -> list[EntitySpan]:
    """Rule entities win; a trained entity is kept where it overlaps none of them."""
    kept = list(rules)
    for entity in trained:
        if not any(entity.start_char < r.covers[1] and r.covers[0] < entity.end_char for r in rules):
            kept.append(entity)
    return sorted(kept, key=lambda e: (e.start_char, e.end_char, e.label))
