"""What each column of a table holds, judged from its body cells: figures, labels or references.

A council table's row label is not always its first column (an Excel export may print
2024-25 figures, then the label, then three more years), and a first column of numbers is
not always figures ("Row Ref" 1, 2, 3; account codes "20-110-1"). So every column is looked
at on its own:

- figures: most of its cells are amounts (nil dashes count), at least one a real figure;
- references: whole numbers counting up row by row, or codes of digits joined by dashes,
  slashes or dots: they identify a row, they are not money;
- years: bare years ("2024") down a column are the rows' periods, not money;
- labels: everything else with text.

The main label column is the most varied label column that is not a column of paragraphs
(the leftmost of those nearly as varied as the most varied one): a table's row names
differ from row to row, while categories, directorates and "Core / External" repeat.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field

from agendapack.extract.tables.values import parse_amount
from agendapack.extract.tables.view import TableView

_FIGURE_SHARE = 0.6
_REF_SHARE = 0.8
_BARE_INTEGER = re.compile(r"^\d{1,5}$")
_CODE = re.compile(r"^[A-Za-z]{0,4}\d+([-/.]\w+)+$|^[A-Za-z]{1,4}\d+$")
_YEAR = re.compile(r"^(19|20)\d\d$")
_SEPARATED = re.compile(r"\d,\d{3}|\.\d")
_PARAGRAPH_WORDS = 12
_VARIED = 0.8


@dataclass
class ColumnRoles:
    figures: list[int] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    refs: list[int] = field(default_factory=list)
    main_label: int | None = None
    non_amounts: dict[int, set[int]] = field(default_factory=dict)  # row -> figure columns whose cell there is not money (a year)


def body_texts(view: TableView, col: int) -> list[tuple[int, str]]:
    return [(r, t) for r in view.body_rows() if (t := view.own_text(r, col))]


def figure_count(view: TableView, col: int) -> int:
    return sum(1 for _, t in body_texts(view, col) if (a := parse_amount(t)) is not None and a.value is not None)


def column_roles(view: TableView) -> ColumnRoles:
    roles = ColumnRoles()
    for col in range(view.n_cols):
        cells = body_texts(view, col)
        if not cells:
            continue
        texts = [t for _, t in cells]
        if _is_reference(texts):
            roles.refs.append(col)
        elif _is_figures(texts) and not _is_years(texts):
            roles.figures.append(col)
            _mark_years(cells, col, roles.non_amounts)
        else:
            roles.labels.append(col)
    roles.main_label = main_label(view, roles.labels)
    return roles


def _is_figures(texts: list[str]) -> bool:
    amounts = [parse_amount(t) for t in texts]
    parsed = [a for a in amounts if a is not None]
    return len(parsed) >= _FIGURE_SHARE * len(texts) and any(a.value is not None for a in parsed)


def _is_reference(texts: list[str]) -> bool:
    """Row numbers counting up, or codes ("20-110-1", "R12"), in most cells."""
    codes = sum(1 for t in texts if _CODE.match(t) and parse_amount(t) is None)
    if codes >= _REF_SHARE * len(texts):
        return True
    numbers = [int(t) for t in texts if _BARE_INTEGER.match(t)]
    if len(numbers) < 3 or len(numbers) < _REF_SHARE * len(texts) or all(_YEAR.match(str(n)) for n in numbers):
        return False
    rising = sum(1 for a, b in itertools.pairwise(numbers) if b > a)
    return rising >= _REF_SHARE * (len(numbers) - 1) and max(numbers) <= 10 * len(numbers) + 100


def _is_years(texts: list[str]) -> bool:
    return sum(1 for t in texts if _YEAR.match(t)) >= _REF_SHARE * len(texts)


def _mark_years(cells: list[tuple[int, str]], col: int, out: dict[int, set[int]]) -> None:
    """A bare year among figures written with separators or decimals is a date, not an amount."""
    if not any(_SEPARATED.search(t) for _, t in cells):
        return
    for row, text in cells:
        if _YEAR.match(text):
            out.setdefault(row, set()).add(col)


def main_label(view: TableView, labels: list[int]) -> int | None:
    scored = []
    for col in labels:
        texts = [t for _, t in body_texts(view, col)]
        words = sorted(len(t.split()) for t in texts)
        paragraph = words[len(words) // 2] > _PARAGRAPH_WORDS
        scored.append((col, len(set(texts)), paragraph))
    if not scored:
        return None
    plain = [s for s in scored if not s[2]] or scored
    most = max(s[1] for s in plain)
    return next(col for col, distinct, _ in plain if distinct >= _VARIED * most)
