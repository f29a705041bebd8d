"""Writing files the way every stage does: atomically (a hidden temporary file replaced into
place, so an interrupted run never leaves half a file) and only when the bytes change; and
the build's own pickled caches."""

from __future__ import annotations

import os
import pickle
from pathlib import Path
from typing import Any


def read_bytes(path: Path) -> bytes | None:
    """The file's bytes, or None when there is no such file."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Write ``data`` unless the file already holds exactly it; returns whether it wrote."""
    if read_bytes(path) == data:
        return False
    write_atomic(path, data)
    return True


def load_pickle(path: Path) -> Any | None:
    """One of the build's own cache files; None when it is missing or broken (rebuilt then)."""
    try:
        with open(path, "rb") as fh:
            return pickle.load(fh)  # noqa: S301 - written by dump_pickle, never downloaded
    except Exception:  # noqa: BLE001 - any broken cache file is simply rebuilt
        return None


def dump_pickle(path: Path, value: Any) -> None:
    write_atomic(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
