"""Load: the one module that talks to PyMuPDF.

Reads text spans with boxes and fonts, the outline, page labels, metadata and
whether each page has a text layer. Everything else in the project works on
the `LoadedPack` this returns, so a change of PDF library touches one file.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

import pymupdf

from agendapack.ids import printable_path
from agendapack.memory import check_budget
from agendapack.models.geometry import BBox, trusted
from agendapack.models.issues import Issue, IssueCode, Stage, make_issue
from agendapack.models.source import LoadedPack, OutlineEntry, RawPage, SourceInfo, TextLine, TextSource, TextSpan
from agendapack.ocr import OcrMode, resolve_mode
from agendapack.ocr.garbled import garbled_reason

# Images are not needed in the text dict, and asking for them costs time on
# every page; image coverage is read separately, and only for sparse pages.
_TEXT_FLAGS = (pymupdf.TEXTFLAGS_DICT & ~pymupdf.TEXT_PRESERVE_IMAGES) | pymupdf.TEXT_MEDIABOX_CLIP
_CHAR_FLAGS = (pymupdf.TEXTFLAGS_RAWDICT & ~pymupdf.TEXT_PRESERVE_IMAGES) | pymupdf.TEXT_MEDIABOX_CLIP
_SPARSE_TEXT_CHARS = 40
# MuPDF keeps the fonts, images and other resources it decodes in one store for the whole process, of
# up to 256 MB, and empties it only when full: a bare get_text loop over a 1,000-page pack ended at
# 475 MB resident, most of it that store, where emptying it every 20 pages keeps it about 100 MB at
# 2,000 pages (a resource used again is decoded again, once per 20 pages at most).
_PAGES_PER_STORE_EMPTYING = 20
_PDF_MAGIC_WINDOW = 1024
_FONT_FLAG_ITALIC = 2
_FONT_FLAG_BOLD = 16
_SURROGATE = re.compile("[\ud800-\udfff]")

pymupdf.TOOLS.mupdf_display_errors(False)
pymupdf.TOOLS.mupdf_display_warnings(False)


def load_pack(path: Path, ocr: OcrMode | str | None = None, opened: OpenPdf | None = None) -> LoadedPack:
    """Read a PDF into a `LoadedPack`; unreadable input gives `fatal=True` and an issue, never an exception.

    `ocr` (auto when None): which pages are read from their image instead of their text layer
    (`agendapack.ocr`); under `auto` only pages without a usable text layer are.
    `opened`: the file already opened by the caller (`OpenPdf`), kept open after the load so later
    stages read from the same document; without it the file is opened and closed here.
    """
    if opened is None:
        with OpenPdf(path) as own:
            return load_pack(path, ocr, own)
    mode = resolve_mode(ocr)
    source, problem = _check_file(path)
    if problem is not None:
        return LoadedPack(source=source, issues=[problem], fatal=True, ocr_mode=mode.value)
    try:
        doc = opened.document()
    except Exception as exc:  # MuPDF raises several types for broken files
        return _fatal(source, IssueCode.BROKEN_PDF, f"PyMuPDF could not open the file: {exc}")
    try:
        loaded = _load_document(doc, source, _OcrPlan(mode))
    except MemoryError:
        raise  # the batch worker's memory budget: the file is stopped, not called broken
    except Exception as exc:  # a lying page count (/Count 2000000000) and other damage MuPDF reports late
        return _fatal(source, IssueCode.BROKEN_PDF, f"PyMuPDF could not read the file: {exc}")
    return loaded.model_copy(update={"ocr_mode": mode.value})


class OpenPdf:
    """One PDF opened once for the length of a parse: the load stage reads its text, the table pass its drawings.

    Opening is lazy (the load stage checks the file first) and happens at most once; the table pass
    then asks for one candidate page at a time (`content`), so nothing of a page's drawings is held
    beyond that page, and the file is never opened a second time by its name (a name that is not
    UTF-8 is opened from the file's bytes, see `_open`).
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._doc: pymupdf.Document | None = None
        self._closed = False
        self._pages_read = 0

    def document(self) -> pymupdf.Document:
        if self._closed:
            raise ValueError(f"{printable_path(self.path)} was closed at the end of its parse")
        if self._doc is None:
            self._doc = _open(self.path)
        return self._doc

    def content(self, page_no: int, chars: bool = False) -> tuple[list[dict], list[dict]] | None:
        """Vector graphics of one page, and its characters when `chars`, for the table finder, as plain dicts and tuples.

        The `rawdict` text blocks (lines with their writing direction, spans with font, size and
        flags, characters with boxes; an empty list unless `chars`) and the `get_cdrawings()` paths
        (lines and rectangles with stroke and fill colours), both in the unrotated page space, like
        the spans the load stage reads. The character pass costs about twice the load stage's own
        text pass, so it is asked for only where the spans already read are not enough (text
        written sideways). None when the page cannot be read; the caller reports it.
        """
        try:
            doc = self.document()
            if doc.needs_pass and not doc.authenticate(""):
                return None
            page = doc.load_page(page_no - 1)
            blocks = page.get_text("rawdict", flags=_CHAR_FLAGS, sort=False).get("blocks", []) if chars else []
            return blocks, page.get_cdrawings()
        except Exception:  # one damaged page must not stop the others
            return None
        finally:
            self._pages_read += 1
            bound_resource_store(self._pages_read)

    def close(self) -> None:
        self._closed = True
        if self._doc is not None:
            self._doc.close()
            self._doc = None
            pymupdf.TOOLS.store_shrink(100)  # what this file's pages left in the store is of no use to the next file

    def __enter__(self) -> OpenPdf:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def bound_resource_store(pages_read: int) -> None:
    """Empty MuPDF's resource store once every `_PAGES_PER_STORE_EMPTYING` pages read, so it does not grow with the pack."""
    if pages_read % _PAGES_PER_STORE_EMPTYING == 0:
        pymupdf.TOOLS.store_shrink(100)


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


def _load_document(doc: pymupdf.Document, source: SourceInfo, plan: _OcrPlan) -> LoadedPack:
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
        pages.append(_read_page(doc, index, has_labels, issues, plan))
        bound_resource_store(index + 1)
    return LoadedPack(source=source, outline=outline, pages=pages, issues=issues + outline_issues, ocr_problem=plan.problem_seen)


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


def _read_page(doc: pymupdf.Document, index: int, has_labels: bool, issues: list[Issue], plan: _OcrPlan) -> RawPage:
    page_no = index + 1
    try:
        page = doc.load_page(index)
        raw = _page_model(page, page_no, has_labels)
        raw = _checked_text(raw)
        if plan.wants(raw):
            raw = _with_ocr(page, raw, plan)
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
            raw = [span for span in line.get("spans", []) if span.get("text")]
            if not raw:
                continue
            spans = [_span(span) for span in raw]
            direction = line.get("dir", (1.0, 0.0))
            horizontal = abs(direction[0] - 1.0) < 0.01 and abs(direction[1]) < 0.01
            # most lines are one span with the line's own box: one frozen box for both (a sixth of a page's memory)
            box = spans[0].bbox if len(raw) == 1 and tuple(line["bbox"]) == tuple(raw[0]["bbox"]) else _box(line["bbox"])
            yield trusted(TextLine, spans=spans, bbox=box, block_no=block_no, horizontal=horizontal, bulleted=False)


def _span(span: dict) -> TextSpan:
    flags = int(span.get("flags", 0))
    font = sys.intern(str(span.get("font", "")))  # a pack uses a few fonts over many thousand spans: one string each
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
        confidence=None,
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


# -- OCR ----------------------------------------------------------------------------
# Kept apart from the text pass above: a page with a usable text layer costs only the
# `garbled_reason` check (regular expressions over its text) and never renders an image.

_OCR_MIN_COVERAGE = 0.3  # a page this much covered by images, with (almost) no text: a scan
# Tesseract wants letters about 20 pixels high: at 200 dpi it dropped the isolated item numbers
# ("5.") of the scanned sample pack's agenda, at 300 dpi it reads them (2.3x the time; README, "OCR").
_OCR_DPI = 300
_BLANK_INK_SHARE = 0.001  # an image with less ink than this is a blank sheet (dust specks only)
_SKEW_DPI = 72  # enough to measure how crooked the rows of text are


class _OcrPlan:
    """Which pages to OCR and the engine to do it with (loaded on first use, once per process)."""

    def __init__(self, mode: OcrMode) -> None:
        from agendapack.ocr.engine import engine_problem

        self.mode = mode
        self.problem = None if mode is OcrMode.NEVER else engine_problem()
        self.problem_seen: str | None = None

    def wants(self, raw: RawPage) -> bool:
        if self.mode is OcrMode.NEVER or not raw.readable:
            return False
        wanted = self.mode is OcrMode.ALWAYS or raw.garbled is not None or _looks_scanned(raw)
        if wanted and self.problem is not None:
            self.problem_seen = self.problem
            return False
        return wanted


def _looks_scanned(raw: RawPage) -> bool:
    """No text layer, or only a few characters of one, over images covering much of the page."""
    chars = sum(len(line.text.strip()) for line in raw.lines)
    return chars < _SPARSE_TEXT_CHARS and raw.image_coverage >= _OCR_MIN_COVERAGE


def _checked_text(raw: RawPage) -> RawPage:
    """Mark a text layer that is not text (unmapped glyphs, symbol soup) with the reason."""
    if not raw.lines:
        return raw
    reason = garbled_reason("\n".join(line.text for line in raw.lines))
    return raw if reason is None else raw.model_copy(update={"garbled": reason})


def _with_ocr(page: pymupdf.Page, raw: RawPage, plan: _OcrPlan) -> RawPage:
    """The page with its lines read from its image; a failure is kept on the page, not raised."""
    from agendapack.ocr.cells import ruled_cells
    from agendapack.ocr.engine import get_engine
    from agendapack.ocr.image import segments, without_rulings
    from agendapack.ocr.lines import ink_share, ocr_lines, text_words

    text_chars = sum(len(line.text.strip()) for line in raw.lines)
    done = {"text_source": TextSource.OCR, "text_layer_chars": text_chars}
    try:
        image, to_page = _render_for_ocr(page)
        if ink_share(image) < _BLANK_INK_SHARE:
            return raw.model_copy(update={**done, "lines": []})
        # read with the rulings taken out, each cell they draw once more on its own (`ocr.cells`)
        image, bands = without_rulings(image)
        words = get_engine().read(image, ruled_cells(*bands, image.dpi))
        horizontal, vertical = segments(*bands)
    except MemoryError:
        raise
    except Exception as exc:  # one page the engine cannot read must not stop the others
        return raw.model_copy(update={"ocr_error": f"{type(exc).__name__}: {exc}"})
    lines = ocr_lines(words, image, to_page)
    if raw.garbled is None and plan.mode is OcrMode.AUTO:
        lines = _kept_text_layer(raw.lines) + _not_over(lines, raw.lines)
    kept = text_words(words, image.dpi)
    confidence = round(sum(w.confidence for w in kept) / len(kept), 3) if kept else None
    segments = [_mapped_segment(s, to_page) for s in horizontal + vertical]
    return raw.model_copy(update={**done, "lines": lines, "ocr_confidence": confidence, "image_rulings": segments})


def _mapped_segment(segment: tuple[float, float, float, float], m: tuple[float, ...]) -> tuple[float, float, float, float]:
    a, b, c, d, e, f = m
    (x0, y0), (x1, y1) = ((a * x + c * y + e, b * x + d * y + f) for x, y in ((segment[0], segment[1]), (segment[2], segment[3])))
    return (round(x0, 2), round(y0, 2), round(x1, 2), round(y1, 2))


def _kept_text_layer(lines: list[TextLine]) -> list[TextLine]:
    """The few real text-layer lines of a scanned page (a stamp, a page number) stay as they are."""
    return [line for line in lines if line.text.strip()]


def _not_over(ocr: list[TextLine], text_layer: list[TextLine]) -> list[TextLine]:
    """OCR lines that do not repeat a text-layer line drawn at the same place."""
    return [line for line in ocr if not any(line.bbox.overlap_ratio(other.bbox) > 0.5 for other in text_layer)]


def _render_for_ocr(page: pymupdf.Page):
    """The page as displayed, in grey at `_OCR_DPI`, turned back by its skew; and the matrix from its pixels to page points.

    The skew is measured on a small rendering first (`agendapack.ocr.image.skew_angle`); the page
    is then turned about its centre, so the words and rulings OCR finds are level and their boxes
    stay within a point or two of where they are printed on the crooked sheet.
    """
    from agendapack.ocr.engine import PageImage
    from agendapack.ocr.image import skew_angle

    small = _grey(page, pymupdf.Matrix(_SKEW_DPI / 72.0, _SKEW_DPI / 72.0))
    angle = skew_angle(PageImage(small.width, small.height, small.stride, small.samples, _SKEW_DPI))
    cx, cy = page.rect.width / 2, page.rect.height / 2
    zoom = _OCR_DPI / 72.0
    turn = pymupdf.Matrix(1, 0, 0, 1, -cx, -cy) * pymupdf.Matrix(angle) * pymupdf.Matrix(1, 0, 0, 1, cx, cy)
    pixmap = _grey(page, turn * pymupdf.Matrix(zoom, zoom))
    image = PageImage(width=pixmap.width, height=pixmap.height, stride=pixmap.stride, samples=pixmap.samples, dpi=_OCR_DPI)
    return image, (1 / zoom, 0.0, 0.0, 1 / zoom, pixmap.x / zoom, pixmap.y / zoom)


def _grey(page: pymupdf.Page, matrix: pymupdf.Matrix) -> pymupdf.Pixmap:
    return page.get_pixmap(matrix=matrix, colorspace=pymupdf.csGRAY, alpha=False)
