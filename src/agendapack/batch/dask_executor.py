"""Run batch tasks on a Dask cluster (`--executor dask`): a given scheduler, or a local cluster when none is given.

Each Dask worker thread keeps one agendapack worker process (`pool.IsolatedRunner`),
so the per-file time limit, memory cap and crash containment are the same as
with the process pool: a pathological PDF kills a child process, never the
Dask worker. On a cluster of several machines, the input files and OUT must be
on storage every machine sees at the same path (workers write pack folders
into OUT's staging folder).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from agendapack.batch.pool import IsolatedRunner, Limits, WorkerStartError
from agendapack.batch.tasks import Outcome, OutcomeKind, Task

_local = threading.local()


class DaskUnavailable(RuntimeError):
    """dask[distributed] is not installed."""


def run_on_dask(tasks: Iterable[Task], workers: int, limits: Limits, on_outcome: Callable[[Outcome], None], scheduler: str | None, scratch: Path) -> None:
    """Submit every task to the cluster and call `on_outcome` here as each one finishes."""
    try:
        from distributed import as_completed
    except ImportError:
        raise DaskUnavailable("--executor dask needs the 'dask' extra: pip install 'agendapack[dask]'") from None
    task_list = list(tasks)
    with _client(scheduler, workers, scratch) as client:
        futures = {
            client.submit(run_isolated, task, limits, key=f"agendapack-{index}-{task.display_name[:40]}", pure=False): task
            for index, task in enumerate(task_list)
        }
        for future in as_completed(futures):
            task = futures[future]
            try:
                outcome = future.result()
            except Exception as exc:  # the Dask worker itself died or the task was lost: this file fails, the batch goes on
                outcome = Outcome(task.key, OutcomeKind.CRASH, message=f"The Dask task for this file failed: {type(exc).__name__}: {exc}")
            on_outcome(outcome)


@contextlib.contextmanager
def _client(scheduler: str | None, workers: int, scratch: Path) -> Iterator:
    from distributed import Client, LocalCluster

    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise WorkerStartError(f"Could not reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    scratch.mkdir(parents=True, exist_ok=True)
    cluster = LocalCluster(
        n_workers=max(workers, 1), threads_per_worker=1, processes=True, dashboard_address=None, local_directory=str(scratch), silence_logs=50,
    )
    with cluster, Client(cluster) as client:
        yield client


def run_isolated(task: Task, limits: Limits) -> Outcome:
    """The Dask task: hand the file to this thread's agendapack worker process (started on first use, reused after)."""
    runner = getattr(_local, "runner", None)
    if runner is None or runner.pool.limits != limits:
        if runner is not None:
            runner.close()
        runner = _local.runner = IsolatedRunner(limits)
    return runner.run(task)
