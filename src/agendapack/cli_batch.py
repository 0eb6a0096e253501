"""`agendapack batch`: many packs, incrementally, into combined tables."""

from __future__ import annotations
