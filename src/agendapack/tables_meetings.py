"""Flat tables of the meetings, attendance, declarations, minute items, resolutions, votes, actions, report covers, entities records."""

from __future__ import annotations

from agendapack.tablespec import TableSpec

TABLES: tuple[TableSpec, ...] = ()
