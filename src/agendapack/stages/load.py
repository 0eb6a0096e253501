"""Load: the one module that talks to PyMuPDF.

Reads text spans with boxes and fonts, the outline, page labels, metadata and
whether each page has a text layer. Everything else in the project works on
the `LoadedPack` this returns, so a change of PDF library touches one file.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pymupdf

from agendapack.ids import printable_path
from agendapack.memory import check_budget
from agendapack.models.geometry import BBox, trusted
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.source import LoadedPack, OutlineEntry, RawPage, SourceInfo, TextLine, TextSpan

# Images are not needed in the text dict, and asking for them costs time on
# every page; image coverage is read separately, and only for sparse pages.
_TEXT_FLAGS = (pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES) | pymupdf.TEXT_MEDIABOX_CLIP
_SPARSE_TEXT_CHARS = 40
_PDF_MAGIC_WINDOW = 1024
_FONT_FLAG_ITALIC = 2
_FONT_FLAG_BOLD = 16
_SURROGATE = re.compile("[\ud800-\udfff]")

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


def load_pack(path: Path) -> LoadedPack:
    """Read a PDF into a `LoadedPack`; unreadable input gives `fatal=True` and an issue, never an exception."""
    source, problem = _check_file(path)
    if problem is not None:
        return LoadedPack(source=source, issues=[problem], fatal=True)
    try:
        doc = _open(path)
    except Exception as exc:  # MuPDF raises several types for broken files
        return _fatal(source, IssueCode.BROKEN_PDF, f"PyMuPDF could not open the file: {exc}")
    with doc:
        try:
            return _load_document(doc, source)
        except MemoryError:
            raise  # the batch worker's memory budget: the file is stopped, not called broken
        except Exception as exc:  # a lying page count (/Count 2000000000) and other damage MuPDF reports late
            return _fatal(source, IssueCode.BROKEN_PDF, f"PyMuPDF could not read the file: {exc}")


def _open(path: Path) -> pymupdf.Document:
    """Open by name; a path MuPDF cannot take (not UTF-8) is opened from the file's bytes instead."""
    if printable_path(path) == str(path):
        return pymupdf.open(path, filetype="pdf")
    return pymupdf.open(stream=path.read_bytes(), filetype="pdf")


def unicode_text(text: str) -> str:
    """Text with every lone surrogate (MuPDF's rendering of bytes that are not Unicode) replaced by U+FFFD.

    A surrogate cannot be written as UTF-8, so one in an outline title or the /Title made the pack unwritable.
    """
    return text if text.isascii() or not _SURROGATE.search(text) else _SURROGATE.sub("\ufffd", text)


def file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _check_file(path: Path) -> tuple[SourceInfo, Issue | None]:
    """Reject what is plainly not a readable PDF before PyMuPDF sees it."""
    missing = SourceInfo(file_name=printable_path(Path(path.name)), sha256="", size_bytes=0)
    try:
        if not path.is_file():
            return missing, make_issue(IssueCode.FILE_NOT_FOUND, Stage.LOAD, f"No such file: {printable_path(path)}")
        info = SourceInfo(file_name=printable_path(Path(path.name)), sha256=file_sha256(path), size_bytes=path.stat().st_size)
    except OSError as exc:  # a name too long, a loop of links, no permission: the file cannot be read
        return missing, make_issue(IssueCode.FILE_NOT_FOUND, Stage.LOAD, f"The file cannot be read: {printable_path(path)}: {exc.strerror or exc}")
    if info.size_bytes == 0:
        return info, make_issue(IssueCode.EMPTY_FILE, Stage.LOAD, "The file is empty (0 bytes).")
    try:
        with path.open("rb") as handle:
            head = handle.read(_PDF_MAGIC_WINDOW)
    except OSError as exc:
        return info, make_issue(IssueCode.FILE_NOT_FOUND, Stage.LOAD, f"The file cannot be read: {printable_path(path)}: {exc.strerror or exc}")
    if b"%PDF-" not in head:
        message = "The file does not start with a PDF header (%PDF-); it is not a PDF."
        return info, make_issue(IssueCode.NOT_A_PDF, Stage.LOAD, message)
    return info, None


def _fatal(source: SourceInfo, code: IssueCode, message: str) -> LoadedPack:
    return LoadedPack(source=source, issues=[make_issue(code, Stage.LOAD, message)], fatal=True)


def _load_document(doc: pymupdf.Document, source: SourceInfo) -> LoadedPack:
    source = _with_metadata(source, doc)
    if doc.needs_pass and not doc.authenticate(""):
        return _fatal(source, IssueCode.ENCRYPTED, "The PDF is encrypted and needs a password to open.")
    issues: list[Issue] = []
    if source.repaired:
        issues.append(make_issue(IssueCode.REPAIRED_PDF, Stage.LOAD, "The PDF was damaged and has been repaired on opening; content may be incomplete."))
    if doc.page_count == 0:
        issues.append(make_issue(IssueCode.NO_PAGES, Stage.LOAD, "The PDF has no pages."))
        return LoadedPack(source=source, issues=issues, fatal=True)
    outline, outline_issues = _read_outline(doc)
    has_labels = _has_page_labels(doc)
    pages = []
    for index in range(doc.page_count):
        check_budget()  # outside `_read_page`'s handler: running out of memory stops the file, it is not one bad page
        pages.append(_read_page(doc, index, has_labels, issues))
    return LoadedPack(source=source, outline=outline, pages=pages, issues=issues + outline_issues)


def _with_metadata(source: SourceInfo, doc: pymupdf.Document) -> SourceInfo:
    meta = doc.metadata or {}
    return source.model_copy(
        update={
            "page_count": doc.page_count,
            "pdf_format": unicode_text(meta.get("format") or "") or None,
            "title": unicode_text(meta.get("title") or "") or None,
            "author": unicode_text(meta.get("author") or "") or None,
            "subject": unicode_text(meta.get("subject") or "") or None,
            "creator": unicode_text(meta.get("creator") or "") or None,
            "producer": unicode_text(meta.get("producer") or "") or None,
            "encrypted": bool(doc.is_encrypted or doc.needs_pass or meta.get("encryption")),
            "repaired": bool(doc.is_repaired),
        }
    )


def _has_page_labels(doc: pymupdf.Document) -> bool:
    try:
        return bool(doc.get_page_labels())
    except Exception:  # a malformed /PageLabels tree should not stop the load
        return False


def _read_outline(doc: pymupdf.Document) -> tuple[list[OutlineEntry], list[Issue]]:
    try:
        toc = doc.get_toc(simple=False)
    except Exception as exc:
        message = f"The outline could not be read: {exc}"
        return [], [make_issue(IssueCode.OUTLINE_TARGET_INVALID, Stage.LOAD, message)]
    entries: list[OutlineEntry] = []
    issues: list[Issue] = []
    for level, title, page, *rest in toc:
        target = page if 1 <= page <= doc.page_count else None
        if target is None:
            message = f"Outline entry {title!r} points to page {page}, outside 1-{doc.page_count}."
            issues.append(make_issue(IssueCode.OUTLINE_TARGET_INVALID, Stage.LOAD, message))
        y = _outline_y(rest[0]) if rest and isinstance(rest[0], dict) else None
        entries.append(OutlineEntry(level=max(int(level), 1), title=_clean_title(title), page=target, y=y))
    return entries, issues


def _outline_y(dest: dict) -> float | None:
    point = dest.get("to")
    return float(point.y) if point is not None else None


def _clean_title(title: str) -> str:
    return " ".join(unicode_text(str(title)).replace("\x00", "").split())


def _read_page(doc: pymupdf.Document, index: int, has_labels: bool, issues: list[Issue]) -> RawPage:
    page_no = index + 1
    try:
        page = doc.load_page(index)
        raw = _page_model(page, page_no, has_labels)
    except Exception as exc:
        message = f"Page {page_no} could not be read: {exc}"
        issues.append(make_issue(IssueCode.PAGE_UNREADABLE, Stage.LOAD, message, page=page_no))
        return RawPage(page=page_no, width=0.0, height=0.0, readable=False)
    return raw


def _page_model(page: pymupdf.Page, page_no: int, has_labels: bool) -> RawPage:
    rect = page.rect
    text = page.get_text("dict", flags=_TEXT_FLAGS, sort=False)
    lines = list(_lines_from_dict(text))
    raw = RawPage(
        page=page_no,
        width=rect.width,
        height=rect.height,
        rotation=page.rotation,
        pdf_label=unicode_text(page.get_label() or "") or None if has_labels else None,
        lines=lines,
    )
    if sum(len(line.text.strip()) for line in lines) < _SPARSE_TEXT_CHARS:
        count, coverage = _image_coverage(page)
        raw = raw.model_copy(update={"image_count": count, "image_coverage": coverage})
    return raw


def _lines_from_dict(text: dict):
    for block_no, block in enumerate(text.get("blocks", [])):
        for line in block.get("lines", []):
            spans = [_span(span) for span in line.get("spans", []) if span.get("text")]
            if not spans:
                continue
            direction = line.get("dir", (1.0, 0.0))
            horizontal = abs(direction[0] - 1.0) < 0.01 and abs(direction[1]) < 0.01
            yield trusted(TextLine, spans=spans, bbox=_box(line["bbox"]), block_no=block_no, horizontal=horizontal, bulleted=False)


def _span(span: dict) -> TextSpan:
    flags = int(span.get("flags", 0))
    font = str(span.get("font", ""))
    # PyMuPDF's values are already typed, and validating every span was the
    # largest cost of the load stage after get_text itself.
    return trusted(
        TextSpan,
        text=unicode_text(span["text"]),
        bbox=_box(span["bbox"]),
        font=font,
        size=float(span.get("size", 0.0)),
        bold=bool(flags & _FONT_FLAG_BOLD) or "bold" in font.lower(),
        italic=bool(flags & _FONT_FLAG_ITALIC) or "italic" in font.lower(),
    )


def _box(box: tuple[float, float, float, float]) -> BBox:
    return trusted(BBox, x0=float(box[0]), top=float(box[1]), x1=float(box[2]), bottom=float(box[3]))


def _image_coverage(page: pymupdf.Page) -> tuple[int, float]:
    """How many images a page draws and what share of its area they cover."""
    try:
        infos = page.get_image_info()
    except Exception:
        return 0, 0.0
    page_area = max(page.rect.width * page.rect.height, 1.0)
    covered = 0.0
    for info in infos:
        box = pymupdf.Rect(info["bbox"]) & page.rect
        covered += max(box.width, 0) * max(box.height, 0)
    return len(infos), min(covered / page_area, 1.0)


_CHAR_FLAGS = (pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES) | pymupdf.TEXT_MEDIABOX_CLIP


def read_table_pages(path: Path, page_numbers: list[int], char_pages: set[int] | None = None) -> dict[int, tuple[list[dict], list[dict]]]:
    """Vector graphics of some pages, and the characters of a few, for the table finder, as plain dicts and tuples.

    Per 1-based page: the `rawdict` text blocks (lines with their writing direction, spans
    with font, size and flags, characters with boxes; only for the pages in `char_pages`,
    else an empty list) and the `get_cdrawings()` paths (lines and rectangles with stroke
    and fill colours). Both are in the unrotated page space, like the spans `load_pack`
    reads. The character pass costs about twice the load stage's own text pass, so it is
    asked for only where the spans already read are not enough (text written sideways).
    A page that cannot be read is left out; the caller reports it.
    """
    out: dict[int, tuple[list[dict], list[dict]]] = {}
    wanted = char_pages or set()
    with _open(path) as doc:
        if doc.needs_pass and not doc.authenticate(""):
            return out
        for page_no in page_numbers:
            try:
                page = doc.load_page(page_no - 1)
                blocks = page.get_text("rawdict", flags=_CHAR_FLAGS, sort=False).get("blocks", []) if page_no in wanted else []
                out[page_no] = (blocks, page.get_cdrawings())
            except Exception:  # one damaged page must not stop the others
                continue
    return out


def render_page_png(path: Path, page_no: int, dpi: int = 96) -> bytes:
    """A PNG image of one page, for review pages."""
    with _open(path) as doc:
        return doc.load_page(page_no - 1).get_pixmap(dpi=dpi).tobytes("png")


class PageImageRenderer:
    """Renders page images of one open PDF, for review pages; open once, render many pages.

    Pages are drawn as displayed (their /Rotate applied); boxes elsewhere in the project are in
    the unrotated page space, so the review maps them (`review.geometry.displayed_box`).
    """

    def __init__(self, path: Path) -> None:
        self._doc = _open(path)
        if self._doc.needs_pass and not self._doc.authenticate(""):
            self._doc.close()
            raise ValueError("The PDF is encrypted and needs a password to open.")

    def encodings(self, page_no: int, dpi: int, jpeg_quality: int, gray: bool = False) -> dict[str, bytes]:
        """The page as PNG and as JPEG at `dpi`, keyed by MIME type, so the caller can keep the smaller."""
        colorspace = pymupdf.csGRAY if gray else pymupdf.csRGB
        pixmap = self._doc.load_page(page_no - 1).get_pixmap(dpi=dpi, alpha=False, colorspace=colorspace)
        return {"image/png": pixmap.tobytes("png"), "image/jpeg": pixmap.tobytes("jpeg", jpg_quality=jpeg_quality)}

    def close(self) -> None:
        self._doc.close()

    def __enter__(self) -> PageImageRenderer:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
