"""`agendapack review`: a self-contained HTML page showing every record on its page image."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from agendapack.cli import EXIT_HELP, OcrOpt, ProfileOpt, app, cannot_finish, check_input_files, check_profile, console, exit_code, ocr_mode, usage_error
from agendapack.terminal import plain

DpiOpt = Annotated[int, typer.Option("--dpi", min=36, max=300, help="Resolution of the page images; the size budget may lower it on very large pages")]


@app.command(epilog=EXIT_HELP)
def review(
    pdf: Annotated[Path, typer.Argument(help="A PDF file", show_default=False, metavar="PDF")],
    out: Annotated[Path, typer.Option("--out", "-o", help="The HTML file to write")] = Path("review.html"),
    profile: ProfileOpt = None,
    dpi: DpiOpt = 96,
    ocr: OcrOpt = "auto",
) -> None:
    """Write one HTML file that opens from disk: page images with every record's box, the section tree, tables and issues."""
    from agendapack.pipeline import parse as parse_pack
    from agendapack.review import write_review

    check_input_files([pdf])
    if out.is_dir():
        raise usage_error(f"--out {out} is a folder: give the HTML file to write, e.g. {out / 'review.html'}")
    check_profile(profile)
    doc = parse_pack(pdf, profile=profile, ocr=ocr_mode(ocr))
    try:
        write_review(pdf, out, doc, dpi=dpi)
    except OSError as exc:
        raise cannot_finish(f"writing {out} failed: {exc}") from None
    size = out.stat().st_size / 1e6
    counts = f"{doc.source.page_count} pages, {len(doc.issues)} issues"
    console.print(f"{doc.status.value} {plain(doc.source.file_name)}: {counts} -> {plain(out)} ({size:.1f} MB)", highlight=False)
    raise typer.Exit(exit_code([doc.status]))
