"""Text from a PDF or a file name, made safe to print on a terminal or into rich markup.

Outline titles, metadata and file names are untrusted: an escape sequence in one
would drive the terminal (retitle it, hide text, move the cursor), and square
brackets in one would be read as rich markup (`[/b]` in a file name raised
MarkupError). `printable` writes control characters as escapes; `plain` does
that and escapes the markup.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

from rich.console import Console
from rich.markup import escape

# C0 and C1 control characters, DEL, and the Unicode line/paragraph separators and bidi overrides.
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Control characters as escapes (`\\x1b`, `\\n`), so a value stays one line and cannot drive the terminal."""
    return _UNPRINTABLE.sub(lambda match: repr(match.group())[1:-1], text)


def plain(text: object) -> str:
    """Untrusted text for a rich markup string: printable, and its square brackets escaped."""
    return escape(printable(str(text)))


_UNWRAPPED = 10_000


def output_width(stream: TextIO | None = None) -> int | None:
    """The width for rich output: the terminal's on a terminal, else wide enough that nothing is wrapped at 80 columns."""
    return None if (stream or sys.stdout).isatty() else _UNWRAPPED


def make_console(stderr: bool = False) -> Console:
    """A rich console for stdout or stderr that wraps to the terminal on one and never wraps off one (logs, pipes)."""
    stream = sys.stderr if stderr else sys.stdout
    return Console(stderr=stderr, width=output_width(stream))
