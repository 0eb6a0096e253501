"""An address-space budget that a batch worker sets and the pipeline checks as it goes.

A batch worker caps its address space (RLIMIT_AS) so that one pathological file cannot take the
machine. But when an allocation fails inside PyMuPDF's C code, the process can die of SIGSEGV
instead of raising MemoryError (seen on the 5,000-page bad-input file in about one run in ten).
So the worker also sets a budget below the cap, checked by the loader and the table pass before each
page, by the pipeline before each stage and by the writer before each output. A file whose memory
grows is then stopped with a MemoryError, which the worker reports as `memory-limit`, before the
hard cap is reached (past the load stage the cap was met inside pydantic-core's JSON writer, which
panicked: the worker died of SIGABRT and the file was reported as a crash). The cap stays as the
backstop for a single step that jumps past the budget. No budget is set outside a worker, and then
the check does nothing.
"""

from __future__ import annotations

import os

_budget_bytes = 0


class MemoryBudgetExceeded(MemoryError):
    """The process's address space passed the budget its batch worker set."""


def set_budget(limit_bytes: int) -> None:
    """Make `check_budget` raise once the address space passes `limit_bytes` (0 turns the check off)."""
    global _budget_bytes
    _budget_bytes = max(limit_bytes, 0)


def check_budget() -> None:
    if _budget_bytes and (used := address_space_bytes()) > _budget_bytes:
        raise MemoryBudgetExceeded(f"The address space reached {used >> 20} MB, over the {_budget_bytes >> 20} MB budget.")


def address_space_bytes() -> int:
    """This process's mapped address space (VmSize) in bytes, or 0 where /proc is missing."""
    try:
        with open("/proc/self/statm", "rb") as handle:
            return int(handle.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0
