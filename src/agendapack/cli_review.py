"""`agendapack review`: a self-contained HTML page showing every record on its page image."""

from __future__ import annotations
