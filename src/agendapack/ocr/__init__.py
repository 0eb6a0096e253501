"""OCR: read the words of page images, for pages whose text layer is missing or is not text.

The load stage (the only module that talks to PyMuPDF) decides which pages need OCR, renders
them to grey images and hands them here; what comes back are ordinary `TextLine`s, so every
later stage runs unchanged. The engine is Tesseract 5 through tesserocr (the optional extra
`agendapack[ocr]` plus Debian's `tesseract-ocr-eng` language data); `README.md`, "OCR", says
why. Nothing here imports tesserocr until a page is read.
"""

from agendapack.ocr.mode import OcrMode, resolve_mode

__all__ = ["OcrMode", "resolve_mode"]
