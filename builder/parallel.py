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


def fork_map(fn: Callable[[Any], Any], items: Sequence[Any], *, chunksize: int = 1) -> list[Any]:
    """``[fn(x) for x in items]`` on all cores. ``fn`` may be a closure over large data: the
    workers are forked after it is set, so it reaches them by memory, not by pickling. One
    process when there is one core or fork is not available."""
    global _JOB
    workers = min(os.cpu_count() or 1, len(items))
    if workers < 2 or "fork" not in mp.get_all_start_methods():
        return [fn(x) for x in items]
    _JOB = fn
    try:
        with mp.get_context("fork").Pool(workers) as pool:
            return pool.map(_run, items, chunksize=chunksize)
    finally:
        _JOB = None
