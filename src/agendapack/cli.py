"""The command line: parses arguments, calls the library, renders, sets the exit code."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

from agendapack import __version__
from agendapack.models.status import Status

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

app = typer.Typer(help="Turn council agenda packs (PDF) into typed, provenance-carrying data.", no_args_is_help=True, add_completion=False)
console = Console(stderr=True)

# Documented in README: the most severe status over all files decides.
EXIT_CODES: dict[Status, int] = {Status.SUCCESS: 0, Status.FAILURE: 1, Status.PARTIAL_SUCCESS: 3, Status.SKIPPED: 4}
_SEVERITY_ORDER = (Status.FAILURE, Status.PARTIAL_SUCCESS, Status.SKIPPED, Status.SUCCESS)

PdfArg = Annotated[list[Path], typer.Argument(help="One or more PDF files", show_default=False)]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output folder; each pack goes to OUT/<pack_id>/")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Comma-separated: json, csv, parquet")]
ProfileOpt = Annotated[str | None, typer.Option("--profile", help="Force a council profile instead of choosing by match")]


def exit_code(statuses: list[Status]) -> int:
    for status in _SEVERITY_ORDER:
        if status in statuses:
            return EXIT_CODES[status]
    return 0


ReviewOpt = Annotated[bool, typer.Option("--review", help="Also write review.html (page images with every record's box) into each pack's folder")]


@app.command()
def parse(pdfs: PdfArg, out: OutOpt = Path("out"), format: FormatOpt = "json,csv", profile: ProfileOpt = None, review: ReviewOpt = False) -> None:
    """Parse agenda packs and write document.json plus CSV/Parquet tables per pack."""
    from agendapack.output.write import parse_formats, write_document
    from agendapack.pipeline import parse as parse_pack

    try:
        formats = parse_formats(format)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    statuses = []
    for pdf in pdfs:
        doc = parse_pack(pdf, profile=profile)
        folder = write_document(doc, out, formats)
        if review:
            from agendapack.review import write_review

            write_review(pdf, folder / "review.html", doc)
        statuses.append(doc.status)
        _report(doc, folder)
    raise typer.Exit(exit_code(statuses))


def _report(doc: PackDocument, folder: Path) -> None:
    colour = {"success": "green", "partial_success": "yellow", "skipped": "cyan"}.get(doc.status.value, "red")
    counts = f"{doc.source.page_count} pages, {len(doc.sections)} sections, {len(doc.issues)} issues"
    console.print(f"[{colour}]{doc.status.value}[/] {doc.source.file_name}: {counts} -> {folder}")
    for issue in doc.issues:
        if issue.severity == "error":
            where = f" (page {issue.page})" if issue.page else ""
            console.print(f"  [red]{issue.code.value}[/]{where}: {issue.message}")


@app.command()
def inspect(
    pdf: Annotated[Path, typer.Argument(help="A PDF file")],
    profile: ProfileOpt = None,
    page: Annotated[int | None, typer.Option("--page", min=1, help="Instead, list every record's box on this physical page, its tables and issues")] = None,
) -> None:
    """Print the outline, the detected sections with page ranges and kinds, the page furniture, the records with their boxes, tables and issues."""
    from agendapack.inspect_view import render_page, render_tree
    from agendapack.pipeline import parse as parse_pack

    doc = parse_pack(pdf, profile=profile)
    Console().print(render_page(doc, page) if page is not None else render_tree(doc))
    raise typer.Exit(exit_code([doc.status]))


@app.command()
def schema(out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the JSON Schema files")] = Path("schemas")) -> None:
    """Write the JSON Schemas of the output models."""
    from agendapack.schema import write_schemas

    for path in write_schemas(out):
        console.print(f"wrote {path}")


@app.command()
def version() -> None:
    """Print the agendapack version."""
    typer.echo(__version__)


def main() -> None:
    app()


# Commands of their own modules register on `app` when imported (kept last: they import `app`).
from agendapack import cli_batch, cli_review  # noqa: E402, F401
