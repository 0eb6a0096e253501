"""The worker process: `python -m agendapack.batch.worker`, started and fed by `pool.WorkerProcess`.

It talks over two pipes it is handed by file descriptor (so stray output from a
library on stdout cannot corrupt the protocol): it says ("ready", pid), then
answers each `Task` with an `Outcome` until told to stop (None) or the pipe
closes. It dies with its parent (Linux), caps its own address space, and
reports its peak resident memory with every outcome.
"""

from __future__ import annotations

import gc

if __name__ == "__main__":
    gc.disable()  # through start-up, before the imports below: see `_settle_garbage_collector`

import argparse
import contextlib
import ctypes
import importlib.abc
import os
import resource
import signal
import sys
from multiprocessing.connection import Connection

from agendapack.batch.tasks import Outcome, OutcomeKind, Task, run_task
from agendapack.batch.warmup import warm_up_pack
from agendapack.memory import address_space_bytes, set_budget

_PR_SET_PDEATHSIG = 1
# A file that pushed the address space this close to the cap has been starved of memory, even when
# the pipeline turned the failed allocation into an issue rather than a MemoryError.
_CAP_MARGIN_BYTES = 8 << 20


def main(argv: list[str] | None = None) -> int:
    args = _arguments(argv)
    _die_with_parent(args.parent_pid)
    receive, send = Connection(args.read_fd, writable=False), Connection(args.write_fd, readable=False)
    _warm_up(args.scratch)
    cap = _cap_address_space(args.memory_limit)
    if cap:
        set_budget(cap - args.memory_limit // 8)  # stop a growing file cleanly before it meets the hard cap
    _settle_garbage_collector()
    send.send(("ready", os.getpid()))
    while True:
        try:
            task = receive.recv()
        except (EOFError, OSError):
            return 0
        if task is None:
            return 0
        outcome = _run_capped(task, cap, args.memory_limit // 8)
        send.send(outcome)
        gc.collect()  # free this file's cyclic garbage before the next file; with start-up frozen it takes about 0.2 ms
        if outcome.kind is OutcomeKind.MEMORY:
            return 0  # a starved heap is not worth reusing: the pool starts a fresh worker


def _arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="agendapack.batch.worker")
    parser.add_argument("--read-fd", type=int, required=True)
    parser.add_argument("--write-fd", type=int, required=True)
    parser.add_argument("--parent-pid", type=int, required=True)
    parser.add_argument("--memory-limit", type=int, default=0, help="Bytes of address space on top of the loaded libraries; 0 for none")
    parser.add_argument("--scratch", default=None, help="A folder (inside OUT) for the warm-up pack")
    return parser.parse_args(argv)


def _settle_garbage_collector() -> None:
    """Freeze what start-up made, then collect less often than Python's default.

    Start-up (imports, spaCy's vocabulary, pydantic's schemas, the warm-up pack) leaves over 200,000
    long-lived objects, and every full collection walked them all again: over the corpus, collection
    took a fifth of the worker's time. Run without the collector (`gc.disable` at the top), start-up is
    also 0.1 s quicker. Frozen, those objects are never walked again. With generation thresholds of
    10,000/50/100 instead of 700/10/10, reading the corpus took 4.6 s rather than 6.5 s. Start-up's own
    unreachable cycles (about 100,000 small objects) are frozen too: freeing them costs a 0.09 s
    collection for no measurable memory. The worker collects after each file instead (see `main`).
    """
    gc.freeze()
    gc.set_threshold(10_000, 50, 100)
    gc.enable()


def _die_with_parent(parent_pid: int) -> None:
    """Ask Linux to kill this worker when its parent dies (SIGKILL included), so no orphan keeps working."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent_pid:  # the parent died before the request took effect
        sys.exit(0)


def _warm_up(scratch: str | None) -> None:
    """Read a small pack and build its output files before the cap, so the libraries and models the extractors load
    on first use are in memory: the cap then measures what a file costs, and the first file does not pay for the
    loading. The outputs are built in memory and dropped: writing them would only cost the start-up time."""
    import shutil
    import tempfile
    from pathlib import Path

    from agendapack.batch.tasks import PACK_FORMATS
    from agendapack.output.write import document_files, parse_formats
    from agendapack.pipeline import parse

    _arrow_without_pandas()
    if scratch is None:
        return
    Path(scratch).mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="warm-up-", dir=scratch))
    try:
        (folder / "warm-up.pdf").write_bytes(warm_up_pack())
        for _ in document_files(parse(folder / "warm-up.pdf"), parse_formats(",".join(PACK_FORMATS))):
            pass
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    _load_language_models()


def _load_language_models() -> None:
    """spaCy and its pipelines, whether or not the warm-up pack's sections led a reader to them: which readers
    run depends on how a section is classified, and spaCy's first load (seconds, tens of megabytes) must not fall
    on a real file's time limit and memory cap."""
    from agendapack import nlp

    nlp.find_entities(["Councillor Jane Smith reported 1.2 million pounds to Kent County Council on 30 January 2025."])
    nlp.sentence_spans(["The report was noted. The action plan was agreed."])


class _RefusePandas(importlib.abc.MetaPathFinder):
    def find_spec(self, name: str, path: object = None, target: object = None) -> None:
        if name == "pandas":
            raise ModuleNotFoundError("pandas is refused while pyarrow settles whether it is present", name=name)


def _arrow_without_pandas() -> None:
    """Let pyarrow conclude that pandas is absent, which saves this worker about 0.1 s of start-up.

    The first time pyarrow converts Python values, it imports pandas (the slowest import a worker would
    make) only to ask whether the values are pandas objects. A worker's never are. When that one import
    fails, pyarrow stops asking. Asking pyarrow for pandas by name (`Table.to_pandas`) still imports it,
    so nothing is lost, and the bytes written are the same (the batch tests compare them with `parse`).
    """
    if "pandas" in sys.modules:
        return
    import pyarrow as pa

    refuse = _RefusePandas()
    sys.meta_path.insert(0, refuse)
    try:
        pa.array([None], type=pa.string())
    finally:
        sys.meta_path.remove(refuse)


def _cap_address_space(extra_bytes: int) -> int:
    """RLIMIT_AS = what is mapped now + `extra_bytes`; returns the cap (0 when uncapped)."""
    if extra_bytes <= 0:
        return 0
    cap = address_space_bytes() + extra_bytes
    with contextlib.suppress(ValueError, OSError):
        resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
        return cap
    return 0


def _run_capped(task: Task, cap: int, margin: int) -> Outcome:
    outcome = run_task(task)
    if cap and outcome.kind is OutcomeKind.DONE and _vm_bytes("VmPeak") >= cap - min(_CAP_MARGIN_BYTES, margin):
        outcome = Outcome(task.key, OutcomeKind.MEMORY, message="The file needed more memory than --memory-limit allows.", seconds=outcome.seconds)
    outcome.peak_rss_bytes = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    outcome.worker_pid = os.getpid()
    return outcome


def _vm_bytes(field: str) -> int:
    """A /proc/self/status memory field in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith(field + ":"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # Every output was written and flushed before its outcome was sent, so skip the
    # interpreter's teardown of a large heap (spaCy, Arrow): it made the batch wait
    # about half a second at the end for each worker to exit.
    os._exit(code)
