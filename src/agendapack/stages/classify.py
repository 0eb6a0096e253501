"""Classify: give each section a kind from its title, its first page and its text.

Rules, not a model: a cover sheet means an officer report; otherwise the
title decides when it names a kind, then the first page's wording. Each
decision records the cue it used, so a wrong kind can be traced.
"""

from __future__ import annotations

import re

from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import Section, SectionKind
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.profile import Profile
from agendapack.stages.cues import TEXT_PATTERNS, TITLE_PATTERNS, is_cover_sheet

K = SectionKind

_FIRST_PAGE_LINES = 60


def classify_sections(sections: list[Section], pack: CleanPack, profile: Profile) -> tuple[list[Section], list[Issue]]:
    """Each section with its kind, confidence and reason; unclassified ones get an info issue."""
    by_page = {page.page: page for page in pack.pages}
    title_patterns = _with_profile(profile) + TITLE_PATTERNS
    out: list[Section] = []
    issues: list[Issue] = []
    for section in sections:
        kind, confidence, reason = classify_section(section, by_page, title_patterns)
        out.append(section.model_copy(update={"kind": kind, "kind_confidence": confidence, "kind_reason": reason}))
        if kind is K.OTHER:
            message = f"Section {section.section_id} ({section.title!r}) matched no section kind."
            issues.append(make_issue(IssueCode.SECTION_UNCLASSIFIED, Stage.CLASSIFY, message, page=section.page_start))
    return out, issues


def _with_profile(profile: Profile) -> list[tuple[SectionKind, str]]:
    return [(SectionKind(kind), pattern) for kind, patterns in profile.classify.title_keywords.items() for pattern in patterns]


def classify_section(section: Section, by_page: dict[int, CleanPage], title_patterns: list[tuple[SectionKind, str]]) -> tuple[SectionKind, float, str]:
    first = _first_content_page(section, by_page)
    lines = _first_lines(first)
    if is_cover_sheet(first):
        return K.REPORT, 0.9, "report cover sheet on the first page"
    for kind, pattern in title_patterns:
        if re.search(pattern, section.title, re.I):
            return kind, 0.9 if section.source == "outline" else 0.8, f"title matches {pattern!r}"
    for kind, pattern in TEXT_PATTERNS:
        if any(re.search(pattern, text, re.I) for text in lines):
            return kind, 0.6, f"first page matches {pattern!r}"
    return K.OTHER, 0.2, "no cue matched"


def _first_content_page(section: Section, by_page: dict[int, CleanPage]) -> CleanPage | None:
    for page_no in section.pages:
        page = by_page.get(page_no)
        if page is not None and page.lines:
            return page
    return None


def _first_lines(page: CleanPage | None) -> list[str]:
    if page is None:
        return []
    return [" ".join(line.text.split()) for line in page.lines[:_FIRST_PAGE_LINES]]
