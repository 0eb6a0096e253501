"""The command line: parses arguments, calls the library, renders, sets the exit code."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from agendapack import __version__
from agendapack.models.status import Status
from agendapack.terminal import make_console, output_width, plain

if TYPE_CHECKING:
    from agendapack.models.document import PackDocument

# Documented in README and in every command's --help: the most severe status over all files decides.
EXIT_CODES: dict[Status, int] = {Status.SUCCESS: 0, Status.FAILURE: 1, Status.PARTIAL_SUCCESS: 3, Status.SKIPPED: 4}
EXIT_USAGE = 2  # a bad option or argument: found before any file is read or written
EXIT_CANNOT_RUN = 5  # the command itself could not finish: an output could not be written, ...
_SEVERITY_ORDER = (Status.FAILURE, Status.PARTIAL_SUCCESS, Status.SKIPPED, Status.SUCCESS)

EXIT_HELP = """\b
Exit codes (the most severe over all files):
  0  every file success
  1  some file failure (not a PDF, encrypted, unreadable)
  2  usage error (bad option, missing input): nothing was read or written
  3  some file partial_success (read, with errors)
  4  some file skipped (no pages, or no text layer: needs OCR)
  5  the command could not finish (an output could not be written)"""

# Plain help (no boxes), and off a terminal no wrapping at 80 columns: logs and pipes get whole lines.
_CONTEXT = {"max_content_width": 120} | ({} if sys.stdout.isatty() else {"terminal_width": output_width()})
app = typer.Typer(
    help="Turn council agenda packs (PDF) into typed, provenance-carrying data.",
    no_args_is_help=True, add_completion=False, rich_markup_mode=None, context_settings=_CONTEXT,
)
console = make_console(stderr=True)

PdfArg = Annotated[list[Path], typer.Argument(help="One or more PDF files", show_default=False, metavar="PDF...")]
OutOpt = Annotated[Path, typer.Option("--out", "-o", help="Output folder; each pack goes to OUT/<pack_id>/")]
FormatOpt = Annotated[str, typer.Option("--format", "-f", help="Comma-separated: json, csv, parquet")]
ProfileOpt = Annotated[str | None, typer.Option("--profile", help="Force a council profile instead of choosing by match")]
OcrOpt = Annotated[
    str,
    typer.Option("--ocr", help="auto: OCR pages with no usable text layer (when OCR is installed); always: OCR every page; never: text layer only"),
]


def ocr_mode(value: str) -> str:
    """The --ocr value, checked: a bad mode, or `always` without an engine, is a usage error (exit 2)."""
    from agendapack.ocr import resolve_mode
    from agendapack.ocr.engine import engine_problem

    try:
        mode = resolve_mode(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--ocr") from None
    problem = engine_problem()
    if mode.value == "always" and problem is not None:
        raise typer.BadParameter(f"--ocr always needs OCR, and {problem}", param_hint="--ocr")
    return mode.value


def exit_code(statuses: list[Status]) -> int:
    for status in _SEVERITY_ORDER:
        if status in statuses:
            return EXIT_CODES[status]
    return 0


def usage_error(message: str) -> typer.Exit:
    """Say what is wrong on stderr and return the exit to raise: code 2, no traceback."""
    console.print(f"[red]error:[/] {plain(message)}", highlight=False)
    return typer.Exit(EXIT_USAGE)


def cannot_finish(message: str) -> typer.Exit:
    console.print(f"[red]error:[/] {plain(message)}", highlight=False)
    return typer.Exit(EXIT_CANNOT_RUN)


def check_profile(profile: str | None) -> None:
    if profile is None:
        return
    from agendapack.profiles import get_profile

    try:
        get_profile(profile)
    except ValueError as exc:
        raise usage_error(str(exc)) from None


def check_input_files(pdfs: list[Path]) -> None:
    """A folder given to a one-file command is a usage error that says which command reads folders."""
    for pdf in pdfs:
        if pdf.is_dir():
            raise usage_error(f"{pdf} is a folder: `agendapack batch {pdf} -o OUT` reads every PDF in it")


def check_output_folder(out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise usage_error(f"the output folder {out} exists and is not a folder")


def _version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit()


@app.callback(epilog=EXIT_HELP)
def main_options(
    version: Annotated[bool, typer.Option("--version", is_eager=True, callback=_version, help="Print the agendapack version and exit")] = False,
) -> None:
    """Turn council agenda packs (PDF) into typed, provenance-carrying data."""


ReviewOpt = Annotated[bool, typer.Option("--review", help="Also write review.html (page images with every record's box) into each pack's folder")]


@app.command(epilog=EXIT_HELP)
def parse(
    pdfs: PdfArg, out: OutOpt = Path("out"), format: FormatOpt = "json,csv", profile: ProfileOpt = None, review: ReviewOpt = False, ocr: OcrOpt = "auto"
) -> None:
    """Parse agenda packs and write document.json plus CSV/Parquet tables per pack (one folder per pack; `batch` for folders)."""
    from agendapack.output.write import pack_folder, parse_formats, write_document
    from agendapack.pipeline import parse as parse_pack

    try:
        formats = parse_formats(format)
    except ValueError as exc:
        raise usage_error(f"--format: {exc}") from None
    check_input_files(pdfs)
    check_output_folder(out)
    check_profile(profile)
    mode = ocr_mode(ocr)
    statuses = []
    for pdf in pdfs:
        doc = parse_pack(pdf, profile=profile, ocr=mode)
        folder = pack_folder(doc, out)
        if folder.name != doc.pack_id:
            console.print(f"[yellow]note:[/] {plain(out / doc.pack_id)} holds another file with the same id: this one goes to {plain(folder)}")
            doc = doc.model_copy(update={"pack_id": folder.name})
        try:
            write_document(doc, out, formats)
            if review:
                from agendapack.review import write_review

                write_review(pdf, folder / "review.html", doc)
        except OSError as exc:
            raise cannot_finish(f"writing {folder} failed: {exc}") from None
        statuses.append(doc.status)
        _report(doc, folder)
    raise typer.Exit(exit_code(statuses))


def _report(doc: PackDocument, folder: Path) -> None:
    colour = {"success": "green", "partial_success": "yellow", "skipped": "cyan"}.get(doc.status.value, "red")
    counts = f"{doc.source.page_count} pages, {len(doc.sections)} sections, {len(doc.issues)} issues"
    console.print(f"[{colour}]{doc.status.value}[/] {plain(doc.source.file_name)}: {counts} -> {plain(folder)}", highlight=False)
    for issue in doc.issues:
        if issue.severity == "error":
            where = f" (page {issue.page})" if issue.page else ""
            console.print(f"  [red]{issue.code.value}[/]{where}: {plain(issue.message)}", highlight=False)


@app.command(epilog=EXIT_HELP)
def inspect(
    pdf: Annotated[Path, typer.Argument(help="A PDF file", metavar="PDF")],
    profile: ProfileOpt = None,
    page: Annotated[int | None, typer.Option("--page", min=1, help="Instead, list every record's box on this physical page, its tables and issues")] = None,
    ocr: OcrOpt = "auto",
) -> None:
    """Print the outline, the detected sections with page ranges and kinds, the page furniture, the records with their boxes, tables and issues."""
    from agendapack.inspect_view import render_page, render_tree
    from agendapack.pipeline import parse as parse_pack

    check_input_files([pdf])
    check_profile(profile)
    doc = parse_pack(pdf, profile=profile, ocr=ocr_mode(ocr))
    make_console().print(render_page(doc, page) if page is not None else render_tree(doc), highlight=False)
    raise typer.Exit(exit_code([doc.status]))


@app.command()
def schema(out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the JSON Schema files")] = Path("schemas")) -> None:
    """Write the JSON Schemas of the output models."""
    from agendapack.schema import write_schemas

    check_output_folder(out)
    try:
        written = write_schemas(out)
    except OSError as exc:
        raise cannot_finish(f"writing {out} failed: {exc}") from None
    for path in written:
        console.print(f"wrote {plain(path)}", highlight=False)


@app.command()
def version() -> None:
    """Print the agendapack version (also: agendapack --version)."""
    typer.echo(__version__)


def main() -> None:
    app()


# Commands of their own modules register on `app` when imported (kept last: they import `app`).
from agendapack import cli_batch, cli_review  # noqa: E402, F401
