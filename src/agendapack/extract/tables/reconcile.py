"""Do a budget table's totals add up? Rows labelled as totals against the rows above, total columns against the columns beside.

Down a column, figures are collected from the last block heading on; each row is
matched against the sum of the rows just above it, trying the last two, the last three
and so on: a row that equals such a sum is a total whatever its label ("Gross Spend",
"Net Expenditure", none at all), and it replaces its parts, so that a sub-total and then
a grand total are both recognised. A labelled total that matches no run is reported only when
no other total stands among the rows above it (then all of them must be its parts);
otherwise the table does not say which rows it sums. Across a row, a column headed
just "Total" (or "Total" under a group header) is checked against the figure columns
to its left that share its group header. Rounding is allowed for: each printed figure
may be off by half a unit of its last digit.

One issue per total row (or per row of a total column) that does not add up, naming
the printed figure and the sum of its parts.
"""

from __future__ import annotations

import re
from decimal import Decimal

from agendapack.extract.tables.view import TableView
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.tabular import BudgetLine

_TOTAL = re.compile(r"\btotal\b|\bsub[- ]?total\b|\bnet budget\b|\boverall position\b", re.IGNORECASE)

Item = tuple[Decimal, Decimal]  # value, rounding allowance


def reconcile(view: TableView, lines: list[BudgetLine]) -> list[Issue]:
    return _down_columns(view, lines) + _across_rows(view, lines)


def allowance(text: str) -> Decimal:
    """Half a unit of the last printed digit: '1,234' -> 0.5, '12.5' -> 0.05."""
    digits = "".join(ch for ch in text if ch.isdigit() or ch == ".")
    decimals = len(digits.split(".", 1)[1]) if "." in digits else 0
    return Decimal(5) / Decimal(10 ** (decimals + 1))


def _fmt(value: Decimal) -> str:
    return f"{value:,}"


def _down_columns(view: TableView, lines: list[BudgetLine]) -> list[Issue]:
    by_col: dict[int, list[BudgetLine]] = {}
    for line in lines:
        if line.unit != "%":
            by_col.setdefault(line.col, []).append(line)
    problems: dict[int, list[str]] = {}
    for col, col_lines in sorted(by_col.items()):
        items: list[Item] = []
        plain = True  # no total among the items: then all of them must be the parts
        section: str | None = None
        for line in sorted(col_lines, key=lambda x: x.row):
            if line.line_section != section:
                items, plain, section = [], True, line.line_section
            value = line.amount if line.amount is not None else Decimal(0)
            here = (value, allowance(line.amount_text))
            labelled_total = bool(_TOTAL.search(line.line_item))
            k = _matching_tail(items, here)
            if k is not None:
                # any row equal to the sum of the rows right above it is a total, however labelled
                # ("Gross Spend", "Net Expenditure", or no label at all)
                items, plain = [*items[: len(items) - k], here], False
            elif not labelled_total or not items:
                items.append(here)
            else:
                if plain and len(items) >= 2:
                    parts = sum((v for v, _ in items), Decimal(0))
                    header = view.header_text(col) or f"column {col}"
                    problems.setdefault(line.row, []).append(f"{header}: printed {line.amount_text}, the {len(items)} rows above add up to {_fmt(parts)}")
                items, plain = [here], False
    return [_issue(view, row, lines, messages) for row, messages in sorted(problems.items())]


def _matching_tail(items: list[Item], total: Item) -> int | None:
    """The smallest k for which the last k items add up to the total within rounding."""
    running = Decimal(0)
    slack = total[1]
    for k in range(1, len(items) + 1):
        value, allowed = items[-k]
        running += value
        slack += allowed
        if k >= 2 and abs(running - total[0]) <= slack:
            return k
    return None


def _across_rows(view: TableView, lines: list[BudgetLine]) -> list[Issue]:
    at = {(line.row, line.col): line for line in lines}
    total_cols = [c for c in range(view.n_cols) if _is_total_header(view.header_path(c))]
    total_cols = [c for c in total_cols if len(view.header_path(c)) > 1 or _bare_total(view.header_path(c))]
    problems: dict[int, list[str]] = {}
    for t in total_cols:
        parts = _part_columns(view, t, total_cols, {line.col for line in lines})
        if len(parts) < 2:
            continue
        for row in view.body_rows():
            total = at.get((row, t))
            values = [at.get((row, c)) for c in parts]
            if total is None or total.amount is None or any(v is None for v in values) or total.unit == "%":
                continue
            got = sum((v.amount or Decimal(0) for v in values if v is not None), Decimal(0))
            slack = allowance(total.amount_text) + sum((allowance(v.amount_text) for v in values if v is not None), Decimal(0))
            if abs(got - total.amount) > slack:
                names = " + ".join(view.header_text(c) or f"column {c}" for c in parts)
                problems.setdefault(row, []).append(f"{view.header_text(t)}: printed {total.amount_text}, {names} add up to {_fmt(got)}")
    return [_issue(view, row, lines, messages) for row, messages in sorted(problems.items())]


def _is_total_header(path: list[str]) -> bool:
    return bool(path) and bool(_TOTAL.search(path[-1]))


def _bare_total(path: list[str]) -> bool:
    """A column headed just 'Total': the sum of every figure column beside it (not 'Total Forecast')."""
    return bool(re.fullmatch(r"totals?", path[-1].strip(), re.IGNORECASE))


def _part_columns(view: TableView, total: int, total_cols: list[int], figure_cols: set[int]) -> list[int]:
    """Figure columns left of a total column, back to the previous total column, under the same group header."""
    group = view.header_path(total)[:-1]
    previous = max((c for c in total_cols if c < total), default=-1)
    return [c for c in range(previous + 1, total) if c in figure_cols and view.header_path(c)[:-1] == group]


def _issue(view: TableView, row: int, lines: list[BudgetLine], messages: list[str]) -> Issue:
    label = next((line.line_item for line in lines if line.row == row), "") or f"row {row}"
    page = next((line.provenance[0].page for line in lines if line.row == row and line.provenance), view.table.pages[0])
    text = f"Table {view.table.record_id}, row '{label}' does not add up within rounding: " + "; ".join(messages)
    return make_issue(IssueCode.TABLE_TOTAL_MISMATCH, Stage.EXTRACT, text, page=page)
