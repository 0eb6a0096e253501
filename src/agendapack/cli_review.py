"""`agendapack review`: a self-contained HTML page showing every record on its page image."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from agendapack.cli import OcrOpt, ProfileOpt, app, console, exit_code, ocr_mode

DpiOpt = Annotated[int, typer.Option("--dpi", min=36, max=300, help="Resolution of the page images; the size budget may lower it on very large pages")]


@app.command()
def review(
    pdf: Annotated[Path, typer.Argument(help="A PDF file", show_default=False)],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write")] = Path("review.html"),
    profile: ProfileOpt = None,
    dpi: DpiOpt = 96,
    ocr: OcrOpt = "auto",
) -> None:
    """Write one HTML file that opens from disk: page images with every record's box, the section tree, tables and issues."""
    from agendapack.pipeline import parse as parse_pack
    from agendapack.review import write_review

    doc = parse_pack(pdf, profile=profile, ocr=ocr_mode(ocr))
    write_review(pdf, out, doc, dpi=dpi)
    size = out.stat().st_size / 1e6
    console.print(f"{doc.status.value} {doc.source.file_name}: {doc.source.page_count} pages, {len(doc.issues)} issues -> {out} ({size:.1f} MB)")
    raise typer.Exit(exit_code([doc.status]))
