"""Work over both cores with forked processes that share the parent's data (never pickled):
only the items and the results travel."""

from __future__ import annotations

import multiprocessing as mp
import os
from collections.abc import Callable, Sequence
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
    from .errors import ReportError

    if "fork" not in mp.get_all_start_methods():  # pragma: no cover - not on Linux
        result = fn(*args)
        return lambda: result
    ctx = mp.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)

    def child() -> None:
        try:
            send.send(("ok", fn(*args)))
        except ReportError as exc:
            send.send(("report", (exc.path, exc.problems)))
        except BaseException as exc:  # noqa: BLE001 - reported by the parent
            send.send(("error", f"{type(exc).__name__}: {exc}"))

    proc = ctx.Process(target=child, name=name)
    proc.start()
    send.close()

    def wait() -> Any:
        try:
            status, value = receive.recv()
        except EOFError:
            status, value = "error", f"the process stopped (exit code {proc.exitcode})"
        finally:
            proc.join()
            receive.close()
        if status == "report":
            raise ReportError(*value)
        if status != "ok":
            raise ReportError(name, value)
        return value

    return wait
