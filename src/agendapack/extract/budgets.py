"""Budgets: a table of money as long-form budget lines, its totals checked against their parts.

A table is read as money when its figures are amounts and its caption or headers speak
of money (a £ unit, or budget / outturn / forecast / variance / spend / income ...).
Each figure becomes a `BudgetLine` with its row label, the block heading above it
(CONTRIBUTIONS, EXPENDITURE ...), the column's header path, period, measure and unit.
Totals are reconciled both ways (`extract/tables/reconcile.py`); a total that does not
add up within rounding gives an issue naming both figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agendapack.extract.tables.reconcile import reconcile
from agendapack.extract.tables.values import Amount, parse_amount, to_pounds, unit_in
from agendapack.extract.tables.view import ReadResult, TableView
from agendapack.models.document import SectionKind
from agendapack.models.issues import IssueCode, Stage, make_issue
from agendapack.models.tabular import BudgetLine, Measure, TableKind

_MONEY_WORDS = re.compile(
    r"£|\bbudget|\boutturn|\bforecast|\bvariance|\bspend|\bexpenditure|\bincome\b|\bcosts?\b|\bfunding\b|\bsavings\b|\bgrants?\b|\breserves\b", re.IGNORECASE
)
_TOTAL = re.compile(r"\btotal\b|\bsub[- ]?total\b|\bnet budget\b|\boverall position\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b((19|20)\d\d\s?[-/–]\s?(19|20)?\d\d|(19|20)\d\d|Q[1-4]|quarter [1-4]|P\d{1,2})\b", re.IGNORECASE)
_MEASURES: tuple[tuple[re.Pattern[str], Measure], ...] = (
    (re.compile(r"\bvariance\b|\bvs\.?\b|\bover ?/ ?\(?under\)?|\bdifference\b", re.IGNORECASE), Measure.VARIANCE),
    (re.compile(r"\bforecast|\bprojected\b|\bprojection\b", re.IGNORECASE), Measure.FORECAST),
    (re.compile(r"\boutturn\b", re.IGNORECASE), Measure.OUTTURN),
    (re.compile(r"\bactuals?\b|\bspend to date\b|\bspent\b", re.IGNORECASE), Measure.ACTUAL),
    (re.compile(r"\bbudgets?\b|\bestimates?\b|\bplanned\b|\ballocation\b", re.IGNORECASE), Measure.BUDGET),
)
_MIN_FIGURES = 4
_FIGURE_SHARE = 0.6


@dataclass
class Column:
    index: int
    path: list[str]
    unit: str | None
    period: str | None
    measure: Measure
    is_total: bool


def read_budget(view: TableView, section_kind: SectionKind) -> ReadResult | None:
    label_cols = _label_columns(view)
    figure_cols = [c for c in range(view.n_cols) if c not in label_cols and _figure_share(view, c) >= _FIGURE_SHARE]
    if not figure_cols or sum(_figure_count(view, c) for c in figure_cols) < _MIN_FIGURES:
        return None
    if section_kind is not SectionKind.BUDGET and not _speaks_of_money(view, figure_cols):
        return None
    columns = {c: _column(view, c) for c in figure_cols}
    lines, unparsed = _lines(view, label_cols, columns)
    issues = reconcile(view, lines)
    if unparsed:
        shown = "; ".join(unparsed[:5])
        issues.append(
            make_issue(
                IssueCode.TABLE_VALUE_UNPARSED,
                Stage.EXTRACT,
                f"Table {view.table.record_id}: {len(unparsed)} cell(s) in figure columns are not amounts and were left out of its budget lines: {shown}",
                page=view.table.pages[0],
            )
        )
    return ReadResult(TableKind.BUDGET, {"budget_lines": lines}, issues)


def _label_columns(view: TableView) -> set[int]:
    """Leading columns of text (row labels), never more than all but one."""
    out: set[int] = set()
    for c in range(view.n_cols - 1):
        if _figure_share(view, c) >= _FIGURE_SHARE:
            break
        out.add(c)
    return out or {0}


def _figure_count(view: TableView, col: int) -> int:
    return sum(1 for r in view.body_rows() if view.own_text(r, col) and parse_amount(view.own_text(r, col)) is not None)


def _figure_share(view: TableView, col: int) -> float:
    filled = [view.own_text(r, col) for r in view.body_rows() if view.own_text(r, col)]
    if not filled:
        return 0.0
    return sum(1 for t in filled if parse_amount(t) is not None) / len(filled)


def _speaks_of_money(view: TableView, figure_cols: list[int]) -> bool:
    if view.table.unit and view.table.unit != "%":
        return True
    texts = [*view.table.context, *(view.header_text(c) for c in figure_cols)]
    if any(_MONEY_WORDS.search(t) for t in texts):
        return True
    return any(
        (a := parse_amount(view.own_text(r, c))) is not None and a.unit is not None and a.unit.startswith("£") for c in figure_cols for r in view.body_rows()
    )


def _column(view: TableView, col: int) -> Column:
    path = view.header_path(col)
    unit = next((u for part in path if (u := unit_in(part)) is not None), None)
    clean = [p for p in (_without_unit(part) for part in path) if p]
    context = " ".join(view.table.context)
    joined = " ".join(clean)
    period_match = _PERIOD.search(joined) or _PERIOD.search(context)
    return Column(
        index=col,
        path=clean,
        unit=unit or view.table.unit,
        period=period_match.group(1) if period_match else None,
        measure=_measure(joined) or _measure(context) or Measure.OTHER,
        is_total=bool(clean) and bool(_TOTAL.search(clean[-1])),
    )


def _without_unit(text: str) -> str:
    return " ".join(re.sub(r"£\s*'?000s?|£\s*m\b|\(\s*£\s*\)|^£$|^%$|\(%\)", " ", text).split())


def _measure(text: str) -> Measure | None:
    for pattern, measure in _MEASURES:
        if pattern.search(text):
            return measure
    return None


def _row_label(view: TableView, row: int, label_cols: set[int]) -> str:
    return " ".join(t for c in sorted(label_cols) if (t := view.text(row, c)))


def _is_block_heading(view: TableView, row: int, label: str, columns: dict[int, Column]) -> bool:
    """A row naming a block (CONTRIBUTIONS, SPENDING): a label in capitals and no figures."""
    letters = [ch for ch in label if ch.isalpha()]
    has_figures = any(view.own_text(row, c) for c in columns)
    return not has_figures and len(letters) >= 3 and all(ch.isupper() for ch in letters)


def _lines(view: TableView, label_cols: set[int], columns: dict[int, Column]) -> tuple[list[BudgetLine], list[str]]:
    lines: list[BudgetLine] = []
    unparsed: list[str] = []
    block: str | None = None
    for row in view.body_rows():
        label = _row_label(view, row, label_cols)
        if _is_block_heading(view, row, label, columns):
            block = label.rstrip(":")
            continue
        for col, column in columns.items():
            text = view.own_text(row, col)
            if not text:
                continue
            amount = parse_amount(text)
            if amount is None:
                unparsed.append(f"row {row} col {col} {text!r}")
                continue
            lines.append(_line(view, row, col, label, block, column, amount))
    return lines, unparsed


def _line(view: TableView, row: int, col: int, label: str, block: str | None, column: Column, amount: Amount) -> BudgetLine:
    cell = view.cell(row, col)
    assert cell is not None
    unit = amount.unit or column.unit
    return BudgetLine(
        record_id=f"{view.table.record_id}-b{row}-{col}",
        table_id=view.table.record_id,
        section_id=view.table.section_id,
        row=row,
        col=col,
        line_item=label,
        line_section=block,
        header_path=" / ".join(column.path),
        period=column.period,
        measure=column.measure,
        unit=unit,
        amount=amount.value,
        amount_pounds=to_pounds(amount.value, unit),
        amount_text=" ".join(cell.text.split()),
        is_total=bool(_TOTAL.search(label)) or column.is_total,
        provenance=cell.provenance,
    )
