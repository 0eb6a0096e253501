"""An Excel workbook per pack (`--format xlsx`), written with the standard library: the same bytes on every run.

One sheet per flat table that has rows (header row in bold and frozen; numbers, booleans, dates and times as
typed cells, text as inline strings, which a spreadsheet never runs as a formula), then one sheet per
extracted table laid out as printed (as in `tables/<table_id>.csv`). Excel holds at most 32,767 characters
in a cell: a longer text is cut there, and the workbook's `issues` sheet gets an `xlsx-cell-truncated`
issue naming the sheet, cell and length (CSV, Parquet and JSON keep the whole text).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from agendapack.models.issues import IssueCode, Severity, Stage
from agendapack.output.tables import TABLES, table_rows
from agendapack.output.wide import table_grids

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

EXCEL_CELL_LIMIT = 32_767
_SHEET_NAME_LIMIT = 31
_EPOCH = dt.date(1899, 12, 30)  # Excel's day 0 (with its 1900 leap-year bug folded in)
_FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # zip entries carry no real time, so a rerun gives the same bytes
# Characters XML 1.0 cannot hold; Excel's own escape for them is _xHHHH_.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STYLE_HEADER, _STYLE_DATE, _STYLE_TIME = 1, 2, 3


Sheet = tuple[str, list[str], list[str], list[list[Any]]]  # name, header, column types, rows


def xlsx_bytes(doc: PackDocument) -> bytes:
    """The workbook of one pack."""
    truncated: list[dict[str, Any]] = []
    sheets = [sheet for sheet in _flat_sheets(doc) if sheet[3] or sheet[0] == "issues"]
    sheets += list(_table_sheets(doc, {name for name, *_ in sheets}))
    rendered = [(name, _sheet_xml(name, header, types, rows, truncated)) for name, header, types, rows in sheets if name != "issues"]
    issues = next(sheet for sheet in sheets if sheet[0] == "issues")
    issue_rows = issues[3] + [_truncation_row(doc, issues[1], len(issues[3]) + index, cut) for index, cut in enumerate(truncated, start=1)]
    rendered.insert([name for name, *_ in sheets].index("issues"), ("issues", _sheet_xml("issues", issues[1], issues[2], issue_rows, [])))
    return _package(rendered)


def _flat_sheets(doc: PackDocument) -> Iterable[Sheet]:
    for spec in TABLES:
        names = [c.name for c in spec.columns]
        yield spec.name, names, [c.type for c in spec.columns], [[row[name] for name in names] for row in table_rows(spec, doc)]


def _table_sheets(doc: PackDocument, taken: set[str]) -> Iterable[Sheet]:
    for table, header, body in table_grids(doc):
        name = _unique_sheet_name(table.record_id, taken)
        taken.add(name)
        yield name, header, ["string"] * len(header), body


def _unique_sheet_name(wanted: str, taken: set[str]) -> str:
    name = re.sub(r"[\[\]:*?/\\]", "-", wanted)[:_SHEET_NAME_LIMIT]
    number = 2
    while name.lower() in {t.lower() for t in taken}:
        suffix = f"~{number}"
        name = name[: _SHEET_NAME_LIMIT - len(suffix)] + suffix
        number += 1
    return name


def _truncation_row(doc: PackDocument, header: list[str], number: int, cut: dict[str, Any]) -> list[Any]:
    message = (f"Sheet {cut['sheet']} cell {cut['cell']}: {cut['length']:,} characters cut to Excel's limit of {EXCEL_CELL_LIMIT:,}; "
               "the CSV, Parquet and JSON outputs keep the whole text.")
    values = {"pack_id": doc.pack_id, "issue_no": number, "code": IssueCode.XLSX_CELL_TRUNCATED.value, "severity": Severity.WARNING.value,
              "stage": Stage.WRITE.value, "page": cut["page"], "message": message}
    return [values.get(name) for name in header]


# -- XML ----------------------------------------------------------------------------


def _sheet_xml(name: str, header: list[str], types: list[str], rows: list[list[Any]], truncated: list[dict[str, Any]]) -> bytes:
    page_column = header.index("page") if "page" in header else None
    lines = [f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="{_MAIN}">',
             '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
             '</sheetView></sheetViews><sheetData>']
    lines.append(_row_xml(1, [_text_cell(f"{_column(i)}1", text, _STYLE_HEADER) for i, text in enumerate(header)]))
    for row_no, row in enumerate(rows, start=2):
        cells = []
        for col_no, (value, type_) in enumerate(zip(row, types, strict=True)):
            ref = f"{_column(col_no)}{row_no}"
            if isinstance(value, str) and len(value) > EXCEL_CELL_LIMIT:
                page = row[page_column] if page_column is not None else None
                truncated.append({"sheet": name, "cell": ref, "length": len(value), "page": page})
                value = value[:EXCEL_CELL_LIMIT]
            cells.append(_cell(ref, value, type_))
        lines.append(_row_xml(row_no, cells))
    lines.append("</sheetData></worksheet>")
    return "".join(lines).encode("utf-8")


def _row_xml(number: int, cells: list[str]) -> str:
    return f'<row r="{number}">{"".join(cell for cell in cells if cell)}</row>'


def _cell(ref: str, value: Any, type_: str) -> str:
    if value is None or value == "":
        return ""
    if type_ == "boolean":
        return f'<c r="{ref}" t="b"><v>{int(bool(value))}</v></c>'
    if type_ in ("integer", "number"):
        return f'<c r="{ref}"><v>{value!r}</v></c>' if isinstance(value, float) else f'<c r="{ref}"><v>{value}</v></c>'
    if type_ == "date" and isinstance(value, dt.date):
        return f'<c r="{ref}" s="{_STYLE_DATE}"><v>{(value - _EPOCH).days}</v></c>'
    if type_ == "time" and isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second
        return f'<c r="{ref}" s="{_STYLE_TIME}"><v>{seconds / 86400!r}</v></c>'
    return _text_cell(ref, str(value))


def _text_cell(ref: str, text: str, style: int | None = None) -> str:
    if not text:
        return ""
    styled = f' s="{style}"' if style else ""
    safe = escape(_NOT_XML.sub(lambda match: f"_x{ord(match.group()):04X}_", text))
    return f'<c r="{ref}" t="inlineStr"{styled}><is><t xml:space="preserve">{safe}</t></is></c>'


def _column(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def _package(sheets: list[tuple[str, bytes]]) -> bytes:
    overrides = "".join(
        f'<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        for n in range(1, len(sheets) + 1)
    )
    parts = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
            f"{overrides}</Types>"
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{_REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>'
        ),
        "xl/workbook.xml": (
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<workbook xmlns="{_MAIN}" xmlns:r="{_REL}"><sheets>'
            + "".join(f'<sheet name="{escape(name, {chr(34): "&quot;"})}" sheetId="{n}" r:id="rId{n}"/>' for n, (name, _) in enumerate(sheets, start=1))
            + "</sheets></workbook>"
        ),
        "xl/_rels/workbook.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            + "".join(f'<Relationship Id="rId{n}" Type="{_REL}/worksheet" Target="worksheets/sheet{n}.xml"/>' for n in range(1, len(sheets) + 1))
            + f'<Relationship Id="rId{len(sheets) + 1}" Type="{_REL}/styles" Target="styles.xml"/></Relationships>'
        ),
        "xl/styles.xml": _STYLES,
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            _add(archive, name, text.encode("utf-8"))
        for number, (_, xml) in enumerate(sheets, start=1):
            _add(archive, f"xl/worksheets/sheet{number}.xml", xml)
    return buffer.getvalue()


def _add(archive: zipfile.ZipFile, name: str, data: bytes) -> None:
    info = zipfile.ZipInfo(name, date_time=_FIXED_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o644 << 16
    archive.writestr(info, data)


_STYLES = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="{_MAIN}">'
    '<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="hh:mm:ss"/></numFmts>'
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>'
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'
    '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>'
    '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>'
    '<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>'
)
