"""Shared fixtures: paths of the repository and of the sample reports."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SAMPLES = sorted(CONTENT.rglob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def sample(name: str) -> Path:
    """A sample report by its body folder name, e.g. sample('焦店镇')."""
    for p in SAMPLES:
        if p.parent.name == name:
            return p
    raise KeyError(name)
