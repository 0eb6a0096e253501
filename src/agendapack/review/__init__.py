"""The review page: every extracted record drawn on its page image, in one self-contained HTML file.

`build_review_html(pdf, doc)` returns the page; `write_review(pdf, out, doc)` writes it. Nothing
on the page loads from the network: images, styles, script and record data are all inline.
"""

from __future__ import annotations

from agendapack.review.builder import build_review_html, write_review

__all__ = ["build_review_html", "write_review"]
