"""Which documents belong inside which: a report's attachments, and sub-documents found by their heading.

A US staff report, memo or council action request ends with the list of what is attached to
it ("Attachments: A. ... B. ...", "Attachment: Planning Commission Staff Report"); publishers
then bookmark each attachment as if it were a document of its own. The documents that follow
such a report, as many as it announces (and any more that call themselves an attachment,
exhibit or appendix), are its children.
"""

from __future__ import annotations

import re

from agendapack import conventions
from agendapack.extract.layout import Row, visual_rows
from agendapack.models.clean import CleanPage
from agendapack.stages.page_text import line_texts, may_match
from agendapack.stages.spans import Span, rebuild_with
from agendapack.stages.text_cues import memo_header

ATTACHMENTS_LABEL = conventions.declare(
    "segment",
    "attachments_label",
    "a report's label before the list of its attachments ('Attachments:', 'Exhibits:'); what follows on the row, if anything, in group 1",
)
APPENDIX_TITLE = ("classify", "appendix_title")
APPENDIX_HEADING = ("classify", "appendix_heading")
OWN_DOCUMENT_HEADINGS = (("classify", "agenda_heading"), ("classify", "minutes_heading"))
LIST_ENTRY_RE = re.compile(r"^(?:[A-Z]|\d{1,2}|[ivx]{1,4})[.)]\s+\S|^(?:attachment|exhibit|appendix|annex|enclosure)\s+[\w\"“]{1,4}\b", re.I)
_ITEM_SEPARATOR_RE = re.compile(r"\s*(?:,|;|&|\band\b)\s*", re.I)
_OPENING_ROWS = 8
_NAME_MAX_WORDS = 6  # an attachment's name on a row of its own, not a sentence
_LIST_GAP = 1.5  # line heights between the rows of one list
# Words of an attachment list that name no attachment in particular.
_LIST_WORDS = frozenset({"attachment", "attachments", "exhibit", "exhibits", "appendix", "enclosure", "with", "from", "this", "that", "page", "pages"})


def nest_attachments(spans: list[Span], pages: list[CleanPage]) -> list[Span]:
    """Top-level documents that a report announces as its attachments become its children."""
    by_page = {page.page: page for page in pages}
    top = [index for index, span in enumerate(spans) if span.level == 1]
    changed = False
    position = 0
    while position < len(top):
        host = spans[top[position]]
        names = announced_names(host, by_page)
        announced = len(names)
        position += 1
        if not announced:
            continue
        while position < len(top):
            candidate = spans[top[position]]
            if _other_item(host, candidate) or _own_document(candidate, by_page):
                break
            itself = _calls_itself_attachment(candidate, by_page)
            if (announced <= 0 or _none_named(names, candidate, by_page)) and not itself:
                break
            _demote(spans, top[position])
            changed = True
            announced -= 1
            position += 1
    return rebuild_with(spans, [], pages) if changed else spans


def announced_attachments(span: Span, by_page: dict[int, CleanPage]) -> int:
    """How many attachments a document's own text lists (0: it lists none)."""
    return len(announced_names(span, by_page))


def announced_names(span: Span, by_page: dict[int, CleanPage]) -> list[str]:
    """The names of the attachments a document's own text lists ('' where a label lists none by name)."""
    label = conventions.any_cue(ATTACHMENTS_LABEL)
    if label is None:
        return []
    for page_no in range(span.page_start, span.page_end + 1):
        page = by_page.get(page_no)
        if page is None or not may_match(page, ATTACHMENTS_LABEL) or not any(label.search(text) for text in line_texts(page)):
            continue
        rows = visual_rows(page.lines)
        for index, row in enumerate(rows):
            found = conventions.first_cue(ATTACHMENTS_LABEL, row.text)
            if found is None:
                continue
            rest = (found[1].group(1) or "").strip() if found[1].groups() else ""
            if rest:
                return [part.strip() for part in _ITEM_SEPARATOR_RE.split(rest) if part.strip()]
            listed = [later.text for later in _list_rows(rows[index + 1 :], LIST_ENTRY_RE.match)]
            if not listed:  # one name a row, unmarked ('Site Plans' / 'Elevations'), straight below the label
                listed = [later.text for later in _list_rows(rows[index + 1 :], _short_name, row)]
            return listed or [""]
    return []


def _list_rows(rows: list[Row], accept, label: Row | None = None) -> list[Row]:
    """The rows of a list: each accepted, and (unmarked) each close below the one before."""
    listed: list[Row] = []
    above = label
    for row in rows:
        if not accept(row.text):
            break
        if above is not None and row.bbox.top - above.bbox.bottom > (above.bbox.bottom - above.bbox.top) * _LIST_GAP:
            break
        listed.append(row)
        above = row if label is not None else None
    return listed


def _short_name(text: str) -> bool:
    return len(text.split()) <= _NAME_MAX_WORDS and not text.rstrip().endswith((".", ":"))


def _none_named(names: list[str], candidate: Span, by_page: dict[int, CleanPage]) -> bool:
    """Whether the candidate opens with a header block of its own (TO:, FROM: / Case Number:,
    Applicant:), the report names its attachments, and the candidate's title and opening lines share
    no word with any of those names: then it is a document of its own that follows the report."""
    wanted = [_words(name) for name in names]
    if not wanted or any(not words for words in wanted):
        return False  # an attachment listed without a name could be anything
    first = by_page.get(candidate.page_start)
    if first is None or not memo_header(first):
        return False  # a drawing or map need not print its name where it starts
    seen = _words(" ".join([candidate.title, *_opening_rows(candidate, by_page)]))
    return not any(words & seen for words in wanted)


def _words(text: str) -> set[str]:
    return {word for word in re.findall(r"[a-z]{4,}", text.casefold()) if word not in _LIST_WORDS}


def _other_item(host: Span, candidate: Span) -> bool:
    """A paper of another agenda item (its number's digits differ) is not this one's attachment."""
    if candidate.item_number is None or host.item_number is None:
        return False
    digits = re.compile(r"\d+")
    return digits.findall(candidate.item_number)[:1] != digits.findall(host.item_number)[:1]


def _demote(spans: list[Span], index: int) -> None:
    """One level down, with everything inside it."""
    level = spans[index].level
    spans[index].level += 1
    for later in spans[index + 1 :]:
        if later.level <= level:
            break
        later.level += 1


def _opening_rows(span: Span, by_page: dict[int, CleanPage]) -> list[str]:
    page = by_page.get(span.page_start)
    if page is None:
        return []
    lines = [line for line in page.lines if span.y_start is None or line.bbox.top >= span.y_start - 2]
    return [row.text for row in visual_rows(lines)[:_OPENING_ROWS]]


def _calls_itself_attachment(span: Span, by_page: dict[int, CleanPage]) -> bool:
    if conventions.first_cue(APPENDIX_TITLE, span.title):
        return True
    return any(conventions.first_cue(APPENDIX_HEADING, text) for text in _opening_rows(span, by_page))


def _own_document(span: Span, by_page: dict[int, CleanPage]) -> bool:
    """An agenda or minutes is never another document's attachment."""
    rows = _opening_rows(span, by_page)
    return any(conventions.first_cue(key, text) for key in OWN_DOCUMENT_HEADINGS for text in rows)
