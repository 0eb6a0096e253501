"""A garbage-collector policy for the length of one parse, with the caller's settings restored on return.

A parse makes millions of small, acyclic objects (spans, boxes, lines, records) that live until the
document is built. Python's default thresholds (700/10/10) run a full collection every 70,000 or so
allocations, and each full collection walks every object the host process holds (its imports, spaCy's
vocabulary, whatever the caller has built) as well as everything the parse has made so far: the
longer the pack, the more each collection costs, and a library call slowed down as the host grew.
The batch worker already freezes its start-up objects and raises the thresholds
(`agendapack.batch.worker._settle_garbage_collector`); `parse_collector` does the same for one call:

- the objects the caller already holds are frozen (moved out of the collector's sight) unless the
  caller froze some itself (then its choice stands), and unfrozen again on return;
- the generation thresholds are raised to at least 10,000/50/100 (a caller's higher ones are kept);
- a caller who disabled the collector keeps it disabled.

Cyclic garbage the parse makes is still collected, only less often. Nested and concurrent parses
(threads) share one policy: the first to enter applies it, the last to leave restores the settings.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

PARSE_THRESHOLDS = (10_000, 50, 100)

_lock = threading.Lock()
_depth = 0
_saved: tuple[tuple[int, ...], bool] | None = None  # (thresholds, froze) of the outermost entry


@contextmanager
def parse_collector() -> Iterator[None]:
    """Collect less often, and never walk the caller's objects, until the block ends."""
    _enter()
    try:
        yield
    finally:
        _leave()


def _enter() -> None:
    global _depth, _saved
    with _lock:
        _depth += 1
        if _depth > 1:
            return
        thresholds = gc.get_threshold()
        froze = gc.get_freeze_count() == 0
        if froze:
            gc.freeze()
        gc.set_threshold(*(max(mine, theirs) for mine, theirs in zip(PARSE_THRESHOLDS, thresholds, strict=False)))
        _saved = (thresholds, froze)


def _leave() -> None:
    global _depth, _saved
    with _lock:
        _depth -= 1
        if _depth > 0 or _saved is None:
            return
        thresholds, froze = _saved
        _saved = None
        gc.set_threshold(*thresholds)
        if froze:
            gc.unfreeze()
