"""Work over both cores with forked processes that share the parent's data (never pickled):
only the items and the results travel."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any

_JOB: Callable[[Any], Any] | None = None


def _run(item: Any) -> Any:
    assert _JOB is not None
    return _JOB(item)


def fork_map(fn: Callable[[Any], Any], items: Sequence[Any], *, chunksize: int = 1,
             workers: int = 0) -> list[Any]:
    """``[fn(x) for x in items]`` on ``workers`` processes (default: all cores). ``fn`` may be
    a closure over large data: the workers are forked after it is set, so it reaches them by
    memory, not by pickling. One process when there is one worker or fork is not available."""
    global _JOB
    workers = min(workers or os.cpu_count() or 1, len(items))
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return [fn(x) for x in items]
    _JOB = fn
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, items, chunksize=chunksize)
    finally:
        _JOB = None


def start_in_child(fn: Callable[..., Any], *args: Any, name: str = "child") -> Callable[[], Any]:
    """Run ``fn(*args)`` in a forked child process; returns a function that waits for it and
    returns its result (pickled back), or raises its ReportError again (any other error as a
    ReportError naming ``name``). The child's memory goes back to the system when it ends.
    Without fork, ``fn`` runs before this returns."""

    def one(*a: Any) -> Iterator[Any]:
        yield fn(*a)

    steps = start_steps(one, *args, name=name)

    def wait() -> Any:
        try:
            return steps.next()
        finally:
            steps.close()

    return wait


class Steps:
    """A generator running in a forked child: ``next()`` waits for the value it yields next
    (pickled back) or raises its error; ``pid`` is the child's process id (None without
    fork)."""

    def __init__(self, receive: Callable[[], tuple[str, Any]], pid: int | None,
                 close: Callable[[], None], name: str) -> None:
        self._receive, self.pid, self._close, self._name = receive, pid, close, name
        self._done = False

    def next(self) -> Any:
        from .errors import ReportError

        if self._done:
            raise ReportError(self._name, "no more results")
        status, value = self._receive()
        if status != "ok":
            self._done = True
            self._close()
        if status == "report":
            raise ReportError(*value)
        if status != "ok":
            raise ReportError(self._name, value)
        return value

    def close(self) -> None:
        """Wait for the child to end (its remaining values are not read)."""
        if not self._done:
            self._done = True
            self._close()


def start_steps(fn: Callable[..., Iterator[Any]], *args: Any, name: str = "child") -> Steps:
    """Run the generator ``fn(*args)`` in a forked child process, each value it yields sent
    back as soon as it is made (``Steps.next``); without fork, all of it in this process
    before this returns."""
    from .errors import ReportError

    if "fork" not in mp.get_all_start_methods():  # pragma: no cover - not on Linux
        # every step now, in this process (no step is then left for later)
        results: list[tuple[str, Any]] = []
        try:
            results.extend(("ok", value) for value in fn(*args))
        except ReportError as exc:
            results.append(("report", (exc.path, exc.problems)))
        except Exception as exc:  # noqa: BLE001 - reported by next()
            results.append(("error", f"{type(exc).__name__}: {exc}"))
        pending = iter(results)
        return Steps(lambda: next(pending, ("error", "no more results")), None, lambda: None,
                     name)
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def child() -> None:
        try:
            for value in fn(*args):
                send.send(("ok", value))
        except ReportError as exc:
            send.send(("report", (exc.path, exc.problems)))
        except BaseException as exc:  # noqa: BLE001 - reported by the parent
            send.send(("error", f"{type(exc).__name__}: {exc}"))

    proc = ctx.Process(target=child, name=name)
    proc.start()
    send.close()

    def get() -> tuple[str, Any]:
        try:
            return receive.recv()
        except EOFError:
            proc.join()
            return "error", f"the process stopped (exit code {proc.exitcode})"

    def close() -> None:
        receive.close()
        proc.join()

    return Steps(get, proc.pid, close, name)
