"""The readers that turn a table into typed rows, in the order they are tried (the first to recognise a table wins)."""

from __future__ import annotations

from agendapack.extract.attendance_matrix import read_attendance
from agendapack.extract.budgets import read_budget
from agendapack.extract.tables.view import Reader
from agendapack.extract.trackers import read_tracker

READERS: tuple[Reader, ...] = (read_attendance, read_tracker, read_budget)
