"""A process pool built for untrusted PDFs: a time limit per file, a memory cap per worker, workers recycled, crashes contained.

`concurrent.futures` cannot stop one running task, and one dead worker breaks
its whole pool, so the pool here keeps its own workers (`worker.py`, started
with subprocess so it also works inside a daemonic Dask worker). A worker that
overruns its file's time limit is killed and replaced; a worker that dies is
replaced; either way only that file fails.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections import deque
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from pathlib import Path

from agendapack.batch.tasks import Outcome, OutcomeKind, Task

_STARTUP_LIMIT_SECONDS = 300.0  # importing the pipeline is not the file's time; this only catches a worker that never comes up
_STOP_GRACE_SECONDS = 5.0
# Arrow's default allocator reserves about 1 GB of address space up front, which would
# swallow the memory cap; the system allocator reserves what it uses. One thread each:
# a worker reads one file, and parallelism comes from the number of workers. A fixed hash seed:
# no output may depend on the order a set of strings happens to iterate in one process.
_WORKER_ENV = {
    "ARROW_DEFAULT_MEMORY_POOL": "system", "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1", "MKL_NUM_THREADS": "1", "PYTHONHASHSEED": "0",
}


@dataclass(frozen=True)
class Limits:
    """Per-file time limit (seconds; 0 for none), per-worker memory cap (bytes; 0 for none), files per worker before it is replaced."""

    timeout: float = 600.0
    memory_bytes: int = 2 << 30
    max_tasks_per_worker: int = 100
    log_dir: str | None = None  # inside OUT: workers' stderr and their warm-up pack; None discards stderr and skips the warm-up


class WorkerProcess:
    """One worker: starts it, hands it a task, reads its answer, kills it when told."""

    def __init__(self, limits: Limits) -> None:
        self.limits = limits
        self.task: Task | None = None
        self.tasks_done = 0
        self.deadline = 0.0
        self.ready = False
        parent_read, child_write = os.pipe()
        child_read, parent_write = os.pipe()
        command = [
            sys.executable, "-m", "agendapack.batch.worker", "--read-fd", str(child_read), "--write-fd", str(child_write),
            "--parent-pid", str(os.getpid()), "--memory-limit", str(limits.memory_bytes),
        ] + (["--scratch", limits.log_dir] if limits.log_dir else [])
        with _stderr_sink(limits.log_dir) as stderr:
            self.process = subprocess.Popen(
                command, pass_fds=(child_read, child_write), stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=stderr,
                env={**os.environ, **_WORKER_ENV}, close_fds=True,
            )
        os.close(child_read)
        os.close(child_write)  # the parent keeps no copy of the worker's end, so the worker's death reads as end-of-file
        self.receive = Connection(parent_read, writable=False)
        self.send = Connection(parent_write, readable=False)
        self.started = time.monotonic()

    @property
    def busy(self) -> bool:
        return self.task is not None

    def assign(self, task: Task) -> bool:
        """Send a task; False when the worker is already gone (the caller starts another)."""
        try:
            self.send.send(task)
        except (BrokenPipeError, OSError):
            return False
        self.task = task
        self.deadline = time.monotonic() + self.limits.timeout if self.limits.timeout > 0 else float("inf")
        return True

    def read(self) -> Outcome | str | None:
        """The worker's next message: an Outcome, "ready", or None when it has died."""
        try:
            message = self.receive.recv()
        except (EOFError, OSError):
            return None
        if isinstance(message, tuple) and message and message[0] == "ready":
            self.ready = True
            return "ready"
        self.task = None
        self.tasks_done += 1
        return message

    def death_outcome(self) -> Outcome:
        """The outcome of the task a dead worker held: how it died, in words."""
        code = self.wait()
        assert self.task is not None
        if code is not None and code < 0:
            name = signal.Signals(-code).name if -code in signal.valid_signals() else str(-code)
            why = f"killed by {name}" + (" (possibly the system running out of memory)" if -code == signal.SIGKILL else "")
        else:
            why = f"exited with code {code}"
        outcome = Outcome(self.task.key, OutcomeKind.CRASH, message=f"The worker reading this file {why}.")
        self.task = None
        return outcome

    def kill(self) -> None:
        with contextlib.suppress(ProcessLookupError):
            self.process.kill()
        self.wait()

    def stop(self) -> None:
        """Ask the worker to exit after its current file; kill it if it does not."""
        with contextlib.suppress(BrokenPipeError, OSError):
            self.send.send(None)
        try:
            self.process.wait(timeout=_STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.kill()
        self.close()

    def wait(self) -> int | None:
        try:
            return self.process.wait(timeout=_STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            self.process.kill()
            return self.process.wait()

    def close(self) -> None:
        self.receive.close()
        self.send.close()


@contextlib.contextmanager
def _stderr_sink(log_dir: str | None):
    if log_dir is None:
        yield subprocess.DEVNULL
        return
    Path(log_dir).mkdir(parents=True, exist_ok=True)
    with open(Path(log_dir) / "workers.log", "ab") as handle:
        yield handle


class WorkerStartError(RuntimeError):
    """Workers die before they are ready (a broken installation, not a bad file): the batch cannot go on."""


_MAX_START_FAILURES = 3


class Pool:
    """Up to `size` workers over a queue of tasks; `step` waits for the next event and handles it."""

    def __init__(self, size: int, limits: Limits) -> None:
        self.size = max(size, 1)
        self.limits = limits
        self.workers: list[WorkerProcess] = []
        self.start_failures = 0

    def run(self, queue: deque[Task], on_outcome: Callable[[Outcome], None]) -> None:
        while queue or any(w.busy for w in self.workers):
            self.step(queue, on_outcome)

    def step(self, queue: deque[Task], on_outcome: Callable[[Outcome], None]) -> None:
        self._top_up(len(queue))
        self._dispatch(queue)
        finished = [outcome for worker in self._wait_for_messages() if (outcome := self._handle_message(worker)) is not None]
        if finished:  # freed workers get their next file before this process files the finished ones (renames, syncs)
            self._top_up(len(queue))
            self._dispatch(queue)
        for outcome in finished:
            on_outcome(outcome)
        now = time.monotonic()
        for worker in [w for w in self.workers if w.busy and now >= w.deadline]:
            self._time_out(worker, on_outcome)
        for worker in [w for w in self.workers if not w.ready and now - w.started > _STARTUP_LIMIT_SECONDS]:
            worker.kill()
            self._drop(worker, failed_start=True)

    def close(self) -> None:
        for worker in list(self.workers):
            worker.kill() if worker.busy else worker.stop()
            worker.close()
        self.workers.clear()

    def _top_up(self, queued: int) -> None:
        """Start workers up to the pool size, but not more than there are files left to read."""
        busy = sum(1 for w in self.workers if w.busy)
        while len(self.workers) < min(self.size, busy + queued):
            self.workers.append(WorkerProcess(self.limits))

    def _dispatch(self, queue: deque[Task]) -> None:
        for worker in self.workers:
            if queue and worker.ready and not worker.busy:
                task = queue.popleft()
                if not worker.assign(task):
                    queue.appendleft(task)  # this worker is gone; its end-of-file is handled when read

    def _wait_for_messages(self) -> list[WorkerProcess]:
        now = time.monotonic()
        deadlines = [w.deadline for w in self.workers if w.busy] + [w.started + _STARTUP_LIMIT_SECONDS for w in self.workers if not w.ready]
        timeout = min(max(min(deadlines, default=now + 1.0) - now, 0.0), 1.0)
        ready = wait([w.receive for w in self.workers], timeout=timeout)
        return [w for w in self.workers if w.receive in ready]

    def _handle_message(self, worker: WorkerProcess) -> Outcome | None:
        """The outcome of the file `worker` held, if its message ends one (an answer, or its death)."""
        had_task, was_ready = worker.busy, worker.ready
        message = worker.read()
        if message == "ready":
            self.start_failures = 0
            return None
        if message is None:  # the worker died
            outcome = worker.death_outcome() if had_task else None
            if not had_task:
                worker.wait()
            self._drop(worker, failed_start=not was_ready)
            return outcome
        assert isinstance(message, Outcome)
        if message.kind is OutcomeKind.MEMORY or worker.tasks_done >= self.limits.max_tasks_per_worker:
            worker.stop()  # recycled: a long-lived worker's heap only grows
            self.workers.remove(worker)
        return message

    def _time_out(self, worker: WorkerProcess, on_outcome: Callable[[Outcome], None]) -> None:
        assert worker.task is not None
        task, limit = worker.task, self.limits.timeout
        worker.kill()
        self._drop(worker)
        message = f"Reading the file took longer than the {limit:g} s time limit (--timeout); it was stopped."
        on_outcome(Outcome(task.key, OutcomeKind.TIMEOUT, message=message, seconds=limit))

    def _drop(self, worker: WorkerProcess, failed_start: bool = False) -> None:
        worker.close()
        self.workers.remove(worker)
        if failed_start:
            self.start_failures += 1
            if self.start_failures >= _MAX_START_FAILURES:
                where = f" (see {self.limits.log_dir}/workers.log)" if self.limits.log_dir else ""
                raise WorkerStartError(f"{self.start_failures} batch workers in a row died while starting{where}.")


def run_pool(tasks: Iterable[Task], workers: int, limits: Limits, on_outcome: Callable[[Outcome], None]) -> None:
    """Run every task on up to `workers` worker processes, calling `on_outcome` in this process as each one ends."""
    pool = Pool(workers, limits)
    try:
        pool.run(deque(tasks), on_outcome)
    finally:
        pool.close()


class IsolatedRunner:
    """One worker process run synchronously: the same limits and crash containment inside a Dask task."""

    def __init__(self, limits: Limits) -> None:
        self.pool = Pool(1, limits)

    def run(self, task: Task) -> Outcome:
        outcomes: list[Outcome] = []
        queue: deque[Task] = deque([task])
        while not outcomes:
            self.pool.step(queue, outcomes.append)
        return outcomes[0]

    def close(self) -> None:
        self.pool.close()
