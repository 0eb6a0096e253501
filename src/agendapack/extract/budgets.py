"""Budgets: a table of money as long-form budget lines, its totals checked against their parts.

A table is read as money when its figures are amounts and its caption or headers speak
of money (a £ or $ unit, or budget / outturn / forecast / variance / spend / income ...).
Each column is given a role from what its body cells hold (`extract/tables/columns.py`):
figures, text labels (anywhere: an Excel export may print the row label between two year
groups), or references (a "Row Ref" 1, 2, 3 column, account codes). Phone numbers, dates,
reference numbers and years are never figures.

Each figure becomes a `BudgetLine` with its row label (from the row's main label column,
or its first label when that is empty, as on a total row), the row's other text cells by
header, its reference, the block heading above it (CONTRIBUTIONS, EXPENDITURE ...), the
column's header path, period, measure and unit. A row or a column labelled as a total
anywhere in its header ("TOTAL / Core") is a total. Totals are reconciled both ways
(`extract/tables/reconcile.py`); a total that does not add up within rounding gives an
issue naming both figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from agendapack.extract.tables.columns import ColumnRoles, column_roles, figure_count
from agendapack.extract.tables.reconcile import reconcile
from agendapack.extract.tables.values import COMMA_THOUSANDS, Amount, parse_amount, repaired_ocr_figure, to_pounds, unit_in
from agendapack.extract.tables.view import ReadResult, TableView, flat
from agendapack.models.document import SectionKind
from agendapack.models.issues import IssueCode, Stage, make_issue
from agendapack.models.tabular import BudgetLine, Measure, TableKind

_MONEY_WORDS = re.compile(
    r"£|\$|€|\bbudget|\boutturn|\bforecast|\bvariance|\bspend|\bexpenditure|\bincome\b|\bcosts?\b|\bfunding\b|\bsavings\b|\bgrants?\b|\breserves\b"
    r"|\bappropriat|\brevenue",
    re.IGNORECASE,
)
_TOTAL = re.compile(r"\btotal\b|\bsub[- ]?total\b|\bnet budget\b|\boverall position\b", re.IGNORECASE)
_PERIOD = re.compile(r"\b((19|20)\d\d\s?[-/–]\s?(19|20)?\d\d|(19|20)\d\d|Q[1-4]|quarter [1-4]|P\d{1,2})\b", re.IGNORECASE)
_MEASURES: tuple[tuple[re.Pattern[str], Measure], ...] = (
    (re.compile(r"\bvariance\b|\bvs\.?\b|\bover ?/ ?\(?under\)?|\bdifference\b", re.IGNORECASE), Measure.VARIANCE),
    (re.compile(r"\bforecast|\bprojected\b|\bprojection\b", re.IGNORECASE), Measure.FORECAST),
    (re.compile(r"\boutturn\b", re.IGNORECASE), Measure.OUTTURN),
    (re.compile(r"\bactuals?\b|\bspend to date\b|\bspent\b|\bexpended\b|\bpaid\b|\breali[sz]ed\b", re.IGNORECASE), Measure.ACTUAL),
    (re.compile(r"\bbudget(s|ed)?\b|\bestimates?\b|\bplan(ned)?\b|\ballocation\b|\bappropriat|\banticipated\b", re.IGNORECASE), Measure.BUDGET),
)
_UNIT_WORDS = re.compile(r"[£$€]\s*'?000'?s?|[£$€]\s*m\b|\(\s*[£$€]\s*\)|^[£$€]$|^%$|\(%\)", re.IGNORECASE)
_MIN_FIGURES = 4
_CAPTION_WORDS = 14


@dataclass
class Column:
    index: int
    path: list[str]
    unit: str | None
    period: str | None
    measure: Measure
    is_total: bool


def read_budget(view: TableView, section_kind: SectionKind) -> ReadResult | None:
    roles = column_roles(view)
    if not roles.figures or sum(figure_count(view, c) for c in roles.figures) < _MIN_FIGURES:
        return None
    if section_kind is not SectionKind.BUDGET and not _speaks_of_money(view, roles.figures):
        return None
    columns = {c: _column(view, c) for c in roles.figures}
    lines, unparsed, repairs = _lines(view, roles, columns)
    if not lines:
        return None
    issues = reconcile(view, lines)
    if repairs:
        shown = "; ".join(repairs[:8])
        issues.append(
            make_issue(
                IssueCode.OCR_FIGURE_REPAIRED,
                Stage.EXTRACT,
                f"Table {view.table.record_id}: {len(repairs)} OCR'd figure(s) in columns printed with thousands commas were read with a "
                f"misread separator or a stray mark and repaired: {shown}",
                page=view.table.pages[0],
            )
        )
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


def _speaks_of_money(view: TableView, figure_cols: list[int]) -> bool:
    """A money unit, money words in the caption or any column header, or figures printed with a currency sign."""
    if view.table.unit and view.table.unit != "%":
        return True
    texts = [*view.table.context, *(view.header_text(c) for c in range(view.n_cols))]
    if view.table.title:
        texts.append(view.table.title)
    if any(_MONEY_WORDS.search(t) for t in texts):
        return True
    return any(
        (a := parse_amount(view.own_text(r, c))) is not None and a.unit is not None and a.unit[0] in "£$€" for c in figure_cols for r in view.body_rows()
    )


def _column(view: TableView, col: int) -> Column:
    path = view.header_path(col)
    unit = next((u for part in path if (u := unit_in(part)) is not None), None)
    clean = [p for p in (_without_unit(part) for part in path) if p]
    # a period or measure named by the caption, not by a sentence of the report above the table
    context = " ".join(line for line in [*view.table.context, view.table.title or ""] if len(line.split()) <= _CAPTION_WORDS)
    joined = " ".join(clean)
    period_match = _PERIOD.search(joined) or _PERIOD.search(context)
    return Column(
        index=col,
        path=clean,
        unit=unit or view.table.unit,
        period=period_match.group(1) if period_match else None,
        measure=_measure(joined) or _measure(context) or Measure.OTHER,
        is_total=any(_TOTAL.search(part) for part in clean),
    )


def _without_unit(text: str) -> str:
    return " ".join(_UNIT_WORDS.sub(" ", text).split())


def _measure(text: str) -> Measure | None:
    for pattern, measure in _MEASURES:
        if pattern.search(text):
            return measure
    return None


def _row_label(view: TableView, row: int, roles: ColumnRoles) -> str:
    """The row's main label, or its first label where the main label column is empty (a total row's label stands further left)."""
    if roles.main_label is not None and (text := view.text(row, roles.main_label)):
        return text
    return next((t for c in roles.labels if (t := view.text(row, c))), "")


def _other_labels(view: TableView, row: int, roles: ColumnRoles, label: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for c in roles.labels:
        text = view.text(row, c)
        if text and text != label:
            out[view.header_text(c) or f"column {c}"] = text
    return out


def _row_ref(view: TableView, row: int, roles: ColumnRoles) -> str | None:
    refs = [t for c in roles.refs if (t := view.text(row, c))]
    return " ".join(refs) or None


def _is_block_heading(view: TableView, row: int, label: str, columns: dict[int, Column]) -> bool:
    """A row naming a block (CONTRIBUTIONS, SPENDING, MEMORANDUM:): a label in capitals, or ending in a colon, and no figures."""
    if any(view.own_text(row, c) for c in columns):
        return False
    letters = [ch for ch in label if ch.isalpha()]
    return len(letters) >= 3 and (all(ch.isupper() for ch in letters) or label.rstrip().endswith(":"))


def _lines(view: TableView, roles: ColumnRoles, columns: dict[int, Column]) -> tuple[list[BudgetLine], list[str], list[str]]:
    lines: list[BudgetLine] = []
    unparsed: list[str] = []
    repairs: list[str] = []
    block: str | None = None
    with_commas = {col for col in columns if _prints_thousands_commas(view, col)}
    for row in view.body_rows():
        label = _row_label(view, row, roles)
        if _is_block_heading(view, row, label, columns):
            block = label.rstrip(":").strip()
            continue
        context = (label, _other_labels(view, row, roles, label), _row_ref(view, row, roles), block)
        for col, column in columns.items():
            text = view.own_text(row, col)
            if not text:
                continue
            amount = parse_amount(text)
            if col in with_commas and (repaired := _ocr_repair(view, row, col, text)) is not None:
                amount, note = repaired
                repairs.append(note)
            if amount is None or col in roles.non_amounts.get(row, set()):
                unparsed.append(f"row {row} col {col} {text!r}")
                continue
            lines.append(_line(view, row, col, context, column, amount))
    return lines, unparsed, repairs


def _prints_thousands_commas(view: TableView, col: int) -> bool:
    """A figure column of OCR'd text whose figures mostly show thousands commas."""
    texts = [view.own_text(r, col) for r in view.body_rows()]
    cells = [view.cell(r, col) for r in view.body_rows()]
    if not any(cell is not None and view.read_by_ocr(cell) for cell in cells):
        return False
    big = [t for t in texts if sum(ch.isdigit() for ch in t) >= 4]
    return len(big) >= 2 and sum(1 for t in big if COMMA_THOUSANDS.search(t)) >= 0.5 * len(big)


def _ocr_repair(view: TableView, row: int, col: int, text: str) -> tuple[Amount, str] | None:
    """The amount an OCR'd figure stands for once a misread separator or a stray mark is put right, and a note saying so."""
    cell = view.cell(row, col)
    if cell is None or not view.read_by_ocr(cell):
        return None
    repaired = repaired_ocr_figure(text)
    amount = parse_amount(repaired) if repaired is not None else None
    if amount is None or amount.value is None:
        return None
    confidence = view.ocr_confidence(cell)
    said = f", OCR confidence {confidence:.2f}" if confidence is not None else ""
    return amount, f"row {row} col {col} {text!r} read as {repaired!r}{said}"


def _line(view: TableView, row: int, col: int, context: tuple, column: Column, amount: Amount) -> BudgetLine:
    label, labels, ref, block = context
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
        row_ref=ref,
        labels=labels,
        header_path=" / ".join(column.path),
        period=column.period,
        measure=column.measure,
        unit=unit,
        amount=amount.value,
        amount_pounds=to_pounds(amount.value, unit),
        amount_text=flat(cell.text),
        is_total=bool(_TOTAL.search(label)) or column.is_total,
        provenance=cell.provenance,
    )
