"""Text cues shared by segmentation and classification: cover-sheet labels, sub-document kinds."""

from __future__ import annotations

import re

from agendapack.extract.layout import visual_rows
from agendapack.models.clean import CleanPage
from agendapack.models.document import SectionKind
from agendapack.stages.page_text import line_texts

# A cover-sheet label stands alone or before a colon ("Wards Involved: All"), never inside prose.
COVER_LABEL_RE = re.compile(
    r"^(classification|report of|report by|report author(?: and contact details)?|wards? (?:involved|affected)|"
    r"policy context|cabinet member(?: portfolio)?|key decision|decision type|purpose of (?:the )?report|"
    r"financial summary|lead officer|report title|meeting date|date of meeting)\s*(?::.*)?$",
    re.I,
)
COVER_MIN_LABELS = 3

K = SectionKind
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
    for text in line_texts(page):
        match = COVER_LABEL_RE.match(text)
        if match:
            labels.add(match.group(1).lower())
    return len(labels)


def is_cover_sheet(page: CleanPage | None) -> bool:
    return cover_label_count(page) >= COVER_MIN_LABELS
