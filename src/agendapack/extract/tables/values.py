"""Typed values from table cells: amounts, units, dates and statuses as printed in council papers.

Amounts: "1,234", "-1,234", "−1,234" and "(1,234)" (negative), "+35.4", "£1.2m" or "$1,215,000"
(with its unit), "12.5%", and "-" / "–" / "—" / "nil" / "XXXXXX" (a struck-out cell) for nothing. A trailing footnote marker
("24.91²", "$85,000*") is not part of the figure. Everything is parsed to an exact `Decimal`.

Not amounts, however much they look like figures: digit groups split by spaces other than
thousands ("03000 410 066", a phone number), whole numbers written with a leading zero
("07", "03000": references and dialling codes), dates and year ranges ("2024-25").
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from agendapack.models.tabular import TrackerStatus

_NIL = {"-", "–", "—", "−", "nil", "n/a", "na"}
_SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹*†‡"
_SPACED_DIGITS = re.compile(r"\d\s+\d")
_THOUSANDS_BY_SPACES = re.compile(r"^[^\d]*[1-9]\d{0,2}( \d{3})+([.,]\d+)?[^\d]*$")
_LEADING_ZERO = re.compile(r"^0\d")
_SPACED_SIGN = re.compile(r"^\(?[-−–+]\s")
_YEAR = re.compile(r"^(19|20)\d\d$")
_STRUCK_OUT = re.compile(r"^(x\s*){3,}[|Iil1\])]?$", re.IGNORECASE)  # "XXXXXXXX" printed across a cell that does not apply
_AMOUNT = re.compile(
    r"^(?P<open>\()?(?P<sign>[-−–+])?(?P<cur>£|\$|€)?(?P<num>\d{1,3}(,\d{3})+(\.\d+)?|\d+(\.\d+)?|\.\d+)(?P<suffix>%|m|bn|k)?(?P<close>\))?$", re.IGNORECASE
)
_UNIT_PATTERNS = (
    (re.compile(r"£\s*'?000'?s?|£\s*k\b|£\s*thousands?", re.IGNORECASE), "£000s"),
    (re.compile(r"£\s*m\b|£\s*ms\b|£\s*millions?|£\s*'?m\b", re.IGNORECASE), "£m"),
    (re.compile(r"£\s*bn\b", re.IGNORECASE), "£bn"),
    (re.compile(r"\(\s*£\s*\)|\bin £\b|^£$"), "£"),
    (re.compile(r"\$\s*'?000'?s?|\$\s*k\b|\$\s*thousands?|\bin thousands of dollars\b", re.IGNORECASE), "$000s"),
    (re.compile(r"\$\s*m\b|\$\s*millions?|\bin millions of dollars\b", re.IGNORECASE), "$m"),
    (re.compile(r"\(\s*\$\s*\)|\bin \$|^\$$|\bdollars\b", re.IGNORECASE), "$"),
    (re.compile(r"€\s*'?000'?s?|€\s*k\b", re.IGNORECASE), "€000s"),
    (re.compile(r"€\s*m\b", re.IGNORECASE), "€m"),
    (re.compile(r"\(\s*€\s*\)|\bin €|^€$"), "€"),
    (re.compile(r"^%$|\(%\)|\bper ?cent\b", re.IGNORECASE), "%"),
)
_POUNDS = {"£": Decimal(1), "£000s": Decimal(1000), "£m": Decimal(1_000_000), "£bn": Decimal(1_000_000_000)}
_CURRENCY_UNITS = {"£": "£", "$": "$", "€": "€"}
_MONTHS = {m: i for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_DATE = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})\b")
_NUMERIC_DATE = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4}|\d{2})\b")


# OCR of a figure: a thousands comma read as '.', ';' or ':', and marks that are not print (a quote or
# a speck before it, a full stop or a bit of ruling after it)
_OCR_FIGURE = re.compile(
    r"^(?:[‘’'\"“”`](?=[-−–+(]))?(?P<figure>\((?:[-−–+]?[£$€]?[1-9]\d{0,2}(?:[.;:,]\d{3})+)\)|[-−–+]?[£$€]?[1-9]\d{0,2}(?:[.;:,]\d{3})+)[.,;:|\]}]?$"
)
_OCR_SEPARATOR = re.compile(r"[.;:](?=\d{3}\b)")
COMMA_THOUSANDS = re.compile(r"\d,\d{3}\b")


def repaired_ocr_figure(text: str) -> str | None:
    """What an OCR'd figure in a column printed with thousands commas reads as once its separators and stray marks
    are put right ('-79;169' -> '-79,169', "'-33,550" -> '-33,550', '2.632.' -> '2,632'); None when nothing needs it.

    Only for OCR text in such a column: in a text layer '60.740' is what was printed.
    """
    flat_text = "".join(text.split())
    match = _OCR_FIGURE.match(flat_text)
    if match is None:
        return None
    repaired = _OCR_SEPARATOR.sub(",", match["figure"])
    return repaired if repaired != flat_text else None


@dataclass(frozen=True)
class Amount:
    """A parsed figure: `value` None for a nil entry; `unit` from the cell itself ('%', '£', '£m')."""

    value: Decimal | None
    unit: str | None = None


@lru_cache(maxsize=16384)  # a cell's text is read as a figure by the chart, column and budget readers in turn
def parse_amount(text: str) -> Amount | None:
    """The figure a cell prints, or None when the cell is not a figure."""
    stripped = text.strip()
    if _SPACED_DIGITS.search(stripped) and not _THOUSANDS_BY_SPACES.match(" ".join(stripped.split())):
        return None  # digit groups split by spaces: a phone number or a reference, not thousands
    clean = "".join(stripped.split()).rstrip(_SUPERSCRIPTS)
    if clean.lower() in _NIL or is_struck_out(stripped):
        return Amount(None)
    match = _AMOUNT.match(clean)
    if match is None or bool(match["open"]) != bool(match["close"]):
        return None
    if _LEADING_ZERO.match(match["num"]):
        return None  # "07", "03000": a reference or a dialling code
    if match["sign"] and _SPACED_SIGN.match(stripped) and _YEAR.match(match["num"]):
        return None  # "Pump 2 – 2011": a dash before a year is punctuation, not a minus
    try:
        value = Decimal(match["num"].replace(",", ""))
    except InvalidOperation:
        return None
    if match["open"] or match["sign"] in ("-", "−", "–"):
        value = -value
    return Amount(value, _cell_unit(match["cur"], match["suffix"]))


def is_struck_out(text: str) -> bool:
    """A cell filled with X's: the form's way of saying the cell does not apply."""
    return bool(_STRUCK_OUT.match(text.strip()))


def _cell_unit(currency: str | None, suffix: str | None) -> str | None:
    suffix = (suffix or "").lower()
    if suffix == "%":
        return "%"
    if currency in _CURRENCY_UNITS:
        return currency + {"m": "m", "bn": "bn", "k": "000s"}.get(suffix, "")
    return None


def unit_in(text: str) -> str | None:
    """A unit stated in a caption or header: '£000s', '£m', '£bn', '£' or '%'."""
    for pattern, unit in _UNIT_PATTERNS:
        if pattern.search(text.strip()):
            return unit
    return None


def table_unit(context: list[str], header_texts: list[str]) -> str | None:
    """The unit a table states once for all its figures: in a line above it, or alone in its header."""
    for line in context:
        unit = unit_in(line)
        if unit is not None:
            return unit
    units = {unit_in(t) for t in header_texts if t.strip()} - {None}
    return units.pop() if len(units) == 1 else None


def to_pounds(value: Decimal | None, unit: str | None) -> Decimal | None:
    if value is None or unit not in _POUNDS:
        return None
    return value * _POUNDS[unit]


def parse_date(text: str) -> dt.date | None:
    """'27 January 2020', '5 Feb 2026', '17.06.2019' -> a date; None when there is none (e.g. 'TBC')."""
    flat = " ".join(text.split())
    match = _DATE.search(flat)
    if match:
        month = _MONTHS.get(match[2][:3].lower())
        if month is not None:
            return _safe_date(int(match[3]), month, int(match[1]))
    match = _NUMERIC_DATE.search(flat)
    if match:
        year = int(match[3]) + (2000 if len(match[3]) == 2 else 0)
        return _safe_date(year, int(match[2]), int(match[1]))
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


_STATUS_WORDS: tuple[tuple[re.Pattern[str], TrackerStatus], ...] = (
    (re.compile(r"\bnot (yet )?(started|begun)\b|\bnot commenced\b|\boutstanding\b|\bpending\b|\bto (be )?start", re.IGNORECASE), TrackerStatus.NOT_STARTED),
    (
        re.compile(
            r"\bnot (yet )?complete|\bin[- ]progress\b|\bunderway\b|\bunder way\b|\bpartially\b|\bpart[- ]complete|\bstarted\b|\bon track\b|\bdelayed\b",
            re.IGNORECASE,
        ),
        TrackerStatus.IN_PROGRESS,
    ),
    (re.compile(r"\bongoing\b|\bon-going\b|\bcontinuing\b|\brolling\b", re.IGNORECASE), TrackerStatus.ONGOING),
    (
        re.compile(r"\bcomplete[d]?\b|\bdone\b|\bclosed\b|\bachieved\b|\bdelivered\b|\bcirculated\b|\bactioned\b|\bagreed\b", re.IGNORECASE),
        TrackerStatus.COMPLETED,
    ),
)


def normalise_status(text: str) -> TrackerStatus:
    """The status a tracker's wording states; unknown when it states none."""
    flat = " ".join(text.split())
    if not flat:
        return TrackerStatus.UNKNOWN
    for pattern, status in _STATUS_WORDS:
        if pattern.search(flat[:80]):
            return status
    return TrackerStatus.UNKNOWN
