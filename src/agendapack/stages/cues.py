"""Text cues shared by segmentation and classification: cover-sheet labels, kind keywords."""

from __future__ import annotations

import re

from agendapack.extract.layout import visual_rows
from agendapack.models.clean import CleanPage
from agendapack.models.document import SectionKind

# A cover-sheet label stands alone or before a colon ("Wards Involved: All"), never inside prose.
COVER_LABEL_RE = re.compile(
    r"^(classification|report of|report by|report author(?: and contact details)?|wards? (?:involved|affected)|"
    r"policy context|cabinet member(?: portfolio)?|key decision|decision type|purpose of (?:the )?report|"
    r"financial summary|lead officer|report title|meeting date|date of meeting)\s*(?::.*)?$",
    re.I,
)
COVER_MIN_LABELS = 3
MINUTES_HEADER_RE = re.compile(r"^(?:minutes|minutes of (?:a|the)\b.*meeting\b.*|printed minutes)$", re.I)

K = SectionKind
# Order matters: the first kind whose pattern matches wins, specific before general.
TITLE_PATTERNS: list[tuple[SectionKind, str]] = [
    (K.AGENDA, r"^(?:\(public pack\))?\s*agenda\b|\bagenda(?: frontsheet| document)?$|notice (?:of|and) (?:meeting|agenda)"),
    (K.MINUTES, r"\bminutes\b"),
    (K.ACTION_TRACKER, r"\baction (?:tracker|log|list)\b"),
    (K.RECOMMENDATION_TRACKER, r"\brecommendations? (?:tracker|log|monitoring)\b"),
    (K.WORK_PROGRAMME, r"\bwork ?programme\b|\bwork plan\b"),
    (K.FORWARD_PLAN, r"\bforward (?:work )?plan\b|\bkey decisions? (?:list|plan)\b"),
    (K.QUESTIONS, r"\bquestions?\b"),
    (K.DECISION_NOTICE, r"\bdecision notice\b|\brecord of (?:executive )?decision\b|\bnotice of decision\b"),
    (K.GLOSSARY, r"\bglossary\b|\babbreviations\b"),
    (K.ANNUAL_REPORT, r"\bannual report\b|\bhalf[- ]year report\b"),
    (K.BUDGET, r"\bbudget\b|\boutturn\b|\bfinance monitoring\b|\bcapital programme\b|\bmtfp\b|\bforecast\b"),
    (K.APPENDIX, r"^(?:appendix|annex|schedule)\b"),
    (K.REPORT, r"\breport\b"),
]
# First-page wording, tried when the title says nothing.
TEXT_PATTERNS: list[tuple[SectionKind, str]] = [
    (K.MINUTES, r"minutes of (?:a|the) .{0,80}meeting|^members present|^present\s*:|^in attendance|^roll call"),
    (K.AGENDA, r"^agenda$|\(pages? \d+\s*[-–]\s*\d+\)"),
    (K.QUESTIONS, r"^question (?:by|\d+)|^question by"),
    (K.ACTION_TRACKER, r"action tracker"),
    (K.RECOMMENDATION_TRACKER, r"recommendation tracker"),
    (K.WORK_PROGRAMME, r"work programme"),
    (K.FORWARD_PLAN, r"forward plan"),
    (K.ANNUAL_REPORT, r"annual report"),
    (K.BUDGET, r"\bbudget\b|\boutturn\b"),
    (K.APPENDIX, r"^(?:appendix|annex)\b"),
]
# Kinds that start a sub-document of their own when a page opens with such a heading.
SUBDOCUMENT_KINDS = {K.ANNUAL_REPORT, K.WORK_PROGRAMME, K.ACTION_TRACKER, K.RECOMMENDATION_TRACKER, K.FORWARD_PLAN, K.MINUTES}


def row_texts(page: CleanPage) -> list[str]:
    """The page's text as visual rows, so a label and its value on one row read as 'Label: value'."""
    return [row.text for row in visual_rows(page.lines)]


def cover_label_count(page: CleanPage | None) -> int:
    """How many different cover-sheet labels the page has."""
    if page is None:
        return 0
    labels = set()
    for line in page.lines:
        match = COVER_LABEL_RE.match(" ".join(line.text.split()))
        if match:
            labels.add(match.group(1).lower())
    return len(labels)


def is_cover_sheet(page: CleanPage | None) -> bool:
    return cover_label_count(page) >= COVER_MIN_LABELS


def title_kind(title: str, patterns: list[tuple[SectionKind, str]] | None = None) -> tuple[SectionKind, str] | None:
    """The first kind whose title pattern matches, with the pattern; None when none does."""
    for kind, pattern in (patterns or []) + TITLE_PATTERNS:
        if re.search(pattern, title, re.I):
            return kind, pattern
    return None
