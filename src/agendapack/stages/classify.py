"""Classify: give each section a kind from the evidence in its title and its text.

A section is minutes because of what it says anywhere in it (an attendance list, "called to
order", moved and seconded, RESOLVED, "adjourned at"), an agenda because of its heading, its
item list and page references, and so on. Each cue is a key of the [classify] tables in
extractors/conventions/*.toml; this module gives each key its kind, where it is looked for
and what it weighs. A kind's score is the noisy-or of its evidence (a repeated cue adds less
each time), every hit is kept on the section (`kind_evidence`) with its page and convention,
and the best-scoring kind wins. The scores stay on the section, so the extract stage can run
a reader on a section classed otherwise that still reads like its kind.

Cheap by construction: one regular-expression pass per cue key and page over the page's text,
each hit then given to the innermost section holding its line.
"""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache

from agendapack import conventions
from agendapack.models.clean import CleanPack, CleanPage
from agendapack.models.document import KindEvidence, Section, SectionKind, SectionSource
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.profile import Profile
from agendapack.stages.cues import is_cover_sheet
from agendapack.stages.page_text import forget, line_texts, lowered_text, required_words

K = SectionKind

TITLE, HEADING, BODY = "title", "heading", "body"
MIN_KIND_SCORE = 0.35  # below this the section is `other`
_OTHER_CONFIDENCE = 0.2
_HEADING_LINES = 10  # a section's first lines, where its own heading is
_REPEAT_FACTOR = 0.5  # each further hit of one cue weighs half the one before
_MAX_REPEATS = 4
_TEXT_TITLE_FACTOR = 0.85  # a title read from the text is a heading, not the publisher's word
_SECOND_TITLE_WEIGHT = 0.2  # a title naming a second kind ("Minutes of the Budget Committee")
_EVIDENCE_TEXT = 80
_REASON_ITEMS = 4


@dataclass(frozen=True)
class CueKey:
    """A [classify] key: the kind it speaks for, where it is looked for, and its weight."""

    name: str
    kind: SectionKind
    scope: str
    weight: float

    @property
    def key(self) -> tuple[str, str]:
        return ("classify", self.name)


def _declare(name: str, kind: SectionKind, scope: str, weight: float, what: str) -> CueKey:
    conventions.declare("classify", name, what)
    return CueKey(name, kind, scope, weight)


# Titles: the first kind (in this order, specific before general) whose title key matches takes the full weight.
TITLE_KEYS = [
    _declare("agenda_title", K.AGENDA, TITLE, 0.6, "a section title naming an agenda or notice of meeting"),
    _declare("minutes_title", K.MINUTES, TITLE, 0.6, "a section title naming minutes (or a decision list, procès-verbal)"),
    _declare("action_tracker_title", K.ACTION_TRACKER, TITLE, 0.6, "a title naming an action tracker or log"),
    _declare("recommendation_tracker_title", K.RECOMMENDATION_TRACKER, TITLE, 0.6, "a title naming a recommendations tracker"),
    _declare("work_programme_title", K.WORK_PROGRAMME, TITLE, 0.6, "a title naming a work programme or plan"),
    _declare("forward_plan_title", K.FORWARD_PLAN, TITLE, 0.6, "a title naming a forward plan of key decisions"),
    _declare("questions_title", K.QUESTIONS, TITLE, 0.55, "a title naming questions (and answers)"),
    _declare("decision_notice_title", K.DECISION_NOTICE, TITLE, 0.6, "a title naming a decision notice or record of decisions"),
    _declare("glossary_title", K.GLOSSARY, TITLE, 0.6, "a title naming a glossary"),
    _declare("annual_report_title", K.ANNUAL_REPORT, TITLE, 0.6, "a title naming an annual or half-year report"),
    _declare("budget_title", K.BUDGET, TITLE, 0.55, "a title naming a budget, outturn or forecast"),
    _declare("appendix_title", K.APPENDIX, TITLE, 0.55, "a title naming an appendix, annex, attachment or exhibit"),
    _declare("report_title", K.REPORT, TITLE, 0.5, "a title naming a report or memorandum"),
]
TEXT_KEYS = [
    _declare("agenda_heading", K.AGENDA, HEADING, 0.5, "an agenda heading among a section's first lines"),
    _declare("minutes_heading", K.MINUTES, HEADING, 0.5, "a minutes heading among a section's first lines"),
    _declare("decision_notice_heading", K.DECISION_NOTICE, HEADING, 0.55, "a decision notice heading among the first lines"),
    _declare("questions_heading", K.QUESTIONS, HEADING, 0.4, "a question heading among the first lines"),
    _declare("work_programme_heading", K.WORK_PROGRAMME, HEADING, 0.45, "a work programme heading among the first lines"),
    _declare("forward_plan_heading", K.FORWARD_PLAN, HEADING, 0.45, "a forward plan heading among the first lines"),
    _declare("action_tracker_heading", K.ACTION_TRACKER, HEADING, 0.45, "an action tracker heading among the first lines"),
    _declare("recommendation_tracker_heading", K.RECOMMENDATION_TRACKER, HEADING, 0.45, "a recommendations tracker heading"),
    _declare("annual_report_heading", K.ANNUAL_REPORT, HEADING, 0.45, "an annual report heading among the first lines"),
    _declare("appendix_heading", K.APPENDIX, HEADING, 0.45, "an appendix / attachment / exhibit stamp among the first lines"),
    _declare("report_heading", K.REPORT, HEADING, 0.3, "a report or memorandum heading (To:, From:, Subject:) among the first lines"),
    _declare("glossary_heading", K.GLOSSARY, HEADING, 0.45, "a glossary heading among the first lines"),
    _declare("agenda_page_refs", K.AGENDA, BODY, 0.3, "an agenda item's '(Pages x - y)' reference"),
    _declare("agenda_items", K.AGENDA, BODY, 0.1, "a standing agenda item heading (Call to order, Consent calendar, Any other business)"),
    _declare("agenda_notice", K.AGENDA, BODY, 0.15, "a notice to the public about a meeting to come"),
    _declare("minutes_opened", K.MINUTES, BODY, 0.35, "a meeting called to order / opened at a time"),
    _declare("minutes_attendance", K.MINUTES, BODY, 0.25, "an attendance list or roll call (Present:, Members present, quorum)"),
    _declare("minutes_apologies", K.MINUTES, BODY, 0.25, "apologies or regrets recorded"),
    _declare("minutes_resolved", K.MINUTES, BODY, 0.25, "a decision recorded (RESOLVED, It was AGREED, a numbered resolution)"),
    _declare("minutes_motion", K.MINUTES, BODY, 0.25, "a motion moved, seconded, carried or lost"),
    _declare("minutes_vote", K.MINUTES, BODY, 0.2, "a recorded vote (Ayes:, Nays:, roll call vote, 5-0)"),
    _declare("minutes_closed", K.MINUTES, BODY, 0.35, "a meeting adjourned / closed at a time"),
    _declare("minutes_declared", K.MINUTES, BODY, 0.15, "declarations of interest recorded as made or none"),
    _declare("decision_notice_fields", K.DECISION_NOTICE, BODY, 0.3, "a decision form's fields (Decision taken, Reasons for decision, call-in)"),
    _declare("report_fields", K.REPORT, BODY, 0.12, "a report's section headings (Recommendations, Background, Fiscal impact)"),
    _declare("budget_fields", K.BUDGET, BODY, 0.06, "money and budget words"),
]
# Layout, not words: a page that is mostly a list of short numbered lines is an agenda's item list
# (minutes number their items too, but write paragraphs under them).
ITEM_LIST = CueKey("agenda_item_list", K.AGENDA, BODY, 0.35)
ITEM_LINE_RE = re.compile(r"^(?:\(?(?:\d{1,2}(?:\.\d{1,2})?|[A-Z]|[IVX]{1,4})[.)]\s*|\d{1,2}(?:\.\d{1,2})?\s+(?=[A-Z]))[A-Za-z(\"“'‘]")
_ITEM_LINE_MAX_CHARS = 90
_ITEM_LIST_MIN_LINES = 5
_ITEM_LIST_MIN_SHARE = 0.35
_BY_NAME = {cue.name: cue for cue in [*TITLE_KEYS, *TEXT_KEYS, ITEM_LIST]}
_COVER_SHEET_WEIGHT = 0.75
_PROFILE_TITLE_WEIGHT = 0.6


@dataclass(frozen=True)
class Hit:
    """One cue found on a page, at a line's height."""

    cue: str
    convention: str | None
    page: int
    top: float
    text: str


def classify_sections(sections: list[Section], pack: CleanPack, profile: Profile) -> tuple[list[Section], list[Issue]]:
    """Each section with its kind, scores, evidence and reason; unclassified ones get an info issue."""
    by_page = {page.page: page for page in pack.pages}
    owned = _body_hits_by_section(sections, pack.pages)
    profile_titles = _profile_title_patterns(profile)
    out: list[Section] = []
    issues: list[Issue] = []
    for section in sections:
        evidence = [*section.kind_evidence, *_title_evidence(section, profile_titles)]  # segmentation's first
        evidence += _heading_evidence(section, by_page)
        evidence += [_as_evidence(hit) for hit in owned.get(section.section_id, [])]
        first = _first_content_page(section, by_page)
        if is_cover_sheet(first):
            evidence.append(
                KindEvidence(
                    kind=K.REPORT,
                    cue="cover_sheet",
                    page=first.page if first else section.page_start,
                    text="report cover sheet labels",
                    weight=_COVER_SHEET_WEIGHT,
                )
            )
        classified = decide(section, evidence)
        out.append(classified)
        if classified.kind is K.OTHER:
            message = f"Section {section.section_id} ({section.title!r}) matched no section kind."
            issues.append(make_issue(IssueCode.SECTION_UNCLASSIFIED, Stage.CLASSIFY, message, page=section.page_start))
    forget()  # the pack's page texts are not needed after classification
    return out, issues


def decide(section: Section, evidence: list[KindEvidence]) -> Section:
    """The section with per-kind scores from its evidence, the best kind, its score as confidence and a reason."""
    scores = kind_scores(evidence)
    ranked = sorted(scores.items(), key=lambda item: (-item[1], _KIND_ORDER.index(item[0])))
    if not ranked or ranked[0][1] < MIN_KIND_SCORE:
        best = f" (best: {ranked[0][0].value} {ranked[0][1]:.2f})" if ranked else ""
        update = {"kind": K.OTHER, "kind_confidence": _OTHER_CONFIDENCE, "kind_reason": f"no kind has enough evidence{best}" if ranked else "no cue matched"}
    else:
        kind, score = ranked[0]
        update = {"kind": kind, "kind_confidence": round(score, 3), "kind_reason": _reason(kind, score, evidence, ranked[1:])}
    return section.model_copy(update={**update, "kind_scores": {kind: round(score, 3) for kind, score in ranked}, "kind_evidence": evidence})


_KIND_ORDER = [key.kind for key in TITLE_KEYS] + [K.OTHER]


def kind_scores(evidence: list[KindEvidence]) -> dict[SectionKind, float]:
    """Noisy-or per kind. Different words found by one cue count fully; the n-th repeat of the same
    words counts `_REPEAT_FACTOR`**n of its weight. Minutes without anything that records a meeting
    (a minutes heading, opening, attendance, apologies or closing) are capped: motions and resolutions
    alone also fill motion forms, draft resolutions and memos."""
    by_cue: dict[tuple[SectionKind, str, str], list[float]] = defaultdict(list)
    for item in evidence:
        by_cue[(item.kind, item.cue, _same_words(item.text))].append(item.weight)
    miss: dict[SectionKind, float] = defaultdict(lambda: 1.0)
    for (kind, _, _), weights in by_cue.items():
        for n, weight in enumerate(sorted(weights, reverse=True)[:_MAX_REPEATS]):
            miss[kind] *= 1.0 - weight * _REPEAT_FACTOR**n
    scores = {kind: 1.0 - value for kind, value in miss.items()}
    if K.MINUTES in scores and not records_a_meeting(evidence):
        scores[K.MINUTES] = min(scores[K.MINUTES], _UNRECORDED_MINUTES_CAP)
    return scores


MINUTES_NAMED_CUES = frozenset({"minutes_title", "minutes_heading"})
MEETING_RECORD_CUES = frozenset({"minutes_opened", "minutes_attendance", "minutes_apologies", "minutes_closed"})
_UNRECORDED_MINUTES_CAP = 0.3  # below MIN_KIND_SCORE: motions alone never make minutes


def records_a_meeting(evidence: list[KindEvidence]) -> bool:
    """Minutes say so in a heading, or record at least two of a meeting's opening, attendance,
    apologies and closing (a budget's adoption certificate lists 'Ayes: Nays: Absent:' and no more)."""
    cues = {item.cue for item in evidence}
    return bool(cues & MINUTES_NAMED_CUES) or len(cues & MEETING_RECORD_CUES) >= 2


def _same_words(text: str) -> str:
    return re.sub(r"[\d\W]+", " ", text.casefold()).strip()


def _reason(kind: SectionKind, score: float, evidence: list[KindEvidence], others: list[tuple[SectionKind, float]]) -> str:
    counted: dict[str, list[KindEvidence]] = defaultdict(list)
    for item in evidence:
        if item.kind is kind:
            counted[item.cue].append(item)
    parts = []
    for items in sorted(counted.values(), key=lambda group: -max(i.weight for i in group))[:_REASON_ITEMS]:
        first = items[0]
        times = f" x{len(items)}" if len(items) > 1 else ""
        where = f" ({first.convention})" if first.convention else ""
        parts.append(f"{first.cue} {first.text[:40]!r} p{first.page}{times}{where}")
    runner = f"; next {others[0][0].value} {others[0][1]:.2f}" if others else ""
    return f"{kind.value} {score:.2f}: " + "; ".join(parts) + runner


# -- evidence ------------------------------------------------------------------------


def _title_evidence(section: Section, profile_titles: list[tuple[SectionKind, re.Pattern[str]]]) -> list[KindEvidence]:
    """The title names at most one kind fully (the first in order); a second one named counts a little."""
    factor = 1.0 if section.source is SectionSource.OUTLINE else _TEXT_TITLE_FACTOR
    out: list[KindEvidence] = []
    for kind, pattern in profile_titles:
        match = pattern.search(section.title)
        if match:
            out.append(
                KindEvidence(
                    kind=kind, cue="profile_title", page=section.page_start, text=match.group(0)[:_EVIDENCE_TEXT], weight=_PROFILE_TITLE_WEIGHT * factor
                )
            )
            break
    for cue in TITLE_KEYS:
        found = conventions.first_cue(cue.key, section.title)
        if found is None:
            continue
        weight = cue.weight * factor if not out else _SECOND_TITLE_WEIGHT
        out.append(
            KindEvidence(
                kind=cue.kind, cue=cue.name, convention=found[0].convention, page=section.page_start, text=found[1].group(0)[:_EVIDENCE_TEXT], weight=weight
            )
        )
    return out


def title_kind(title: str) -> tuple[SectionKind, str] | None:
    """The first kind (in title order) whose title cues match, with the convention pattern that did."""
    for cue in TITLE_KEYS:
        found = conventions.first_cue(cue.key, title)
        if found is not None:
            return cue.kind, found[0].source
    return None


def _profile_title_patterns(profile: Profile) -> list[tuple[SectionKind, re.Pattern[str]]]:
    return [(SectionKind(kind), re.compile(pattern, re.I)) for kind, patterns in profile.classify.title_keywords.items() for pattern in patterns]


def _heading_evidence(section: Section, by_page: dict[int, CleanPage]) -> list[KindEvidence]:
    """Heading cues on the section's first lines (its own part of its first page with text)."""
    lines = _opening_lines(section, by_page)
    out: list[KindEvidence] = []
    for cue in TEXT_KEYS:
        if cue.scope != HEADING:
            continue
        fast = _line_regex(cue.name)
        if fast is None:
            continue
        for page_no, text in lines:
            if fast.search(text):
                out.append(_evidence(cue, page_no, text))
                break
    return out


def _opening_lines(section: Section, by_page: dict[int, CleanPage]) -> list[tuple[int, str]]:
    for page_no in section.pages:
        page = by_page.get(page_no)
        if page is None:
            continue
        own = sorted(
            ((line, text) for line, text in zip(page.lines, line_texts(page), strict=True) if text and section.holds(page_no, line.bbox.top)),
            key=lambda pair: (pair[0].bbox.top, pair[0].bbox.x0),
        )
        if own:
            return [(page_no, text) for _, text in own[:_HEADING_LINES]]
    return []


def _evidence(cue: CueKey, page: int, text: str) -> KindEvidence:
    convention = next((c.convention for c in conventions.cues(cue.key) if c.search(text)), None)
    match = _line_regex(cue.name).search(text)  # type: ignore[union-attr]
    shown = match.group(0) if match and match.group(0).strip() else text
    return KindEvidence(kind=cue.kind, cue=cue.name, convention=convention, page=page, text=shown[:_EVIDENCE_TEXT], weight=cue.weight)


def _as_evidence(hit: Hit) -> KindEvidence:
    cue = _BY_NAME[hit.cue]
    return KindEvidence(kind=cue.kind, cue=cue.name, convention=hit.convention, page=hit.page, text=hit.text, weight=cue.weight)


def _body_hits_by_section(sections: list[Section], pages: list[CleanPage]) -> dict[str, list[Hit]]:
    """Every body cue on every page, each given to the innermost section holding its line."""
    held: dict[int, list[Section]] = defaultdict(list)
    for section in sections:
        for page_no in section.pages:
            held[page_no].append(section)
    for group in held.values():
        group.sort(key=lambda s: s.level)
    out: dict[str, list[Hit]] = defaultdict(list)
    for page in pages:
        if page.page not in held:
            continue
        for hit in page_hits(page):
            owner = None
            for section in held[page.page]:
                if section.holds(page.page, hit.top):
                    owner = section.section_id
            if owner is not None:
                out[owner].append(hit)
    return out


def page_hits(page: CleanPage) -> list[Hit]:
    """The body cues on one page. Each pattern is tried only when the words it cannot match without
    are on the page (a substring test), so a page costs a few searches, not one per pattern."""
    pairs = [(line, text) for line, text in zip(page.lines, line_texts(page), strict=True) if text]
    lines = [line for line, _ in pairs]
    texts = [text for _, text in pairs]
    if not texts:
        return []
    joined = "\n".join(texts)
    # Patterns tied to a line's start or end read the lines; the others read the text flowed, so a phrase
    # broken over two lines ("was called to / order at 7:00 PM") is found. Both have the same offsets.
    flowed = joined.replace("\n", " ")
    lowered = lowered_text(page).replace("\n", " ")
    starts = [0]
    for text in texts[:-1]:
        starts.append(starts[-1] + len(text) + 1)
    hits: list[Hit] = []
    for cue in TEXT_KEYS:
        if cue.scope != BODY:
            continue
        found: list[tuple[int, int, str, str]] = []
        for needed, regex, convention in _gated_patterns(cue.name):
            if needed and not any(word in lowered for word in needed):
                continue
            text = joined if _line_bound(regex.pattern) else flowed
            found += [(m.start(), m.end(), convention, m.group(0)) for m in regex.finditer(text)]
        end = -1
        for start, stop, convention, text in sorted(found):
            if start < end:
                continue  # the same words matched by two of the key's patterns count once
            end = stop
            index = bisect.bisect_right(starts, start) - 1
            hits.append(Hit(cue.name, convention, page.page, lines[index].bbox.top, " ".join(text.split())[:_EVIDENCE_TEXT]))
    listed = [line for line, text in zip(lines, texts, strict=True) if len(text) <= _ITEM_LINE_MAX_CHARS and ITEM_LINE_RE.match(text)]
    if len(listed) >= _ITEM_LIST_MIN_LINES and len(listed) >= _ITEM_LIST_MIN_SHARE * len(lines):
        hits.append(Hit(ITEM_LIST.name, None, page.page, listed[0].bbox.top, f"{len(listed)} numbered short lines of {len(lines)}"))
    return hits


@lru_cache(maxsize=512)
def _line_bound(source: str) -> bool:
    return source.startswith("^") or source.endswith("$") or "|^" in source or "$|" in source


@lru_cache(maxsize=128)
def _gated_patterns(name: str) -> tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...]:
    """Every convention's patterns for a key, over a page's lines (^ and $ per line), each with the
    words one of which any match must contain (lower-cased; empty when there are none)."""
    return tuple((required_words(source), re.compile(source, re.I | re.M), convention) for convention, source in conventions.words(("classify", name)))


@lru_cache(maxsize=128)
def _line_regex(name: str) -> re.Pattern[str] | None:
    return conventions.any_cue(("classify", name))


def _first_content_page(section: Section, by_page: dict[int, CleanPage]) -> CleanPage | None:
    for page_no in section.pages:
        page = by_page.get(page_no)
        if page is not None and page.lines:
            return page
    return None
