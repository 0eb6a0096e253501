"""Flat tables of the tables, table cells, budget lines, attendance matrices, tracker rows records."""

from __future__ import annotations

from agendapack.tablespec import TableSpec

TABLES: tuple[TableSpec, ...] = ()
