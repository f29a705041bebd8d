"""Shared fixtures: paths of the repository and of the sample reports; helpers that make
inputs from synthetic reports."""

from __future__ import annotations

import csv
import io
import re
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


_COLSPAN = re.compile(r'(<td[^>]*?)\s*colspan="?(\d+)"?([^>]*>)(.*?</td>)', re.S)


def expand_colspans(html: str) -> str:
    """A table whose merged cells are typed as empty cells (as editors that do not merge
    produce): colspan=N becomes the cell and N-1 empty cells."""
    return _COLSPAN.sub(lambda m: m.group(1) + m.group(3) + m.group(4)
                        + "<td></td>" * (int(m.group(2)) - 1), html)


def copy_project(dest: Path) -> None:
    """The repository as a fresh clone has it: tracked files only (no generated pages)."""
    import shutil
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "-z", "mkdocs.yml", "overrides", "docs",
                              "content"], cwd=ROOT, check=True, capture_output=True,
                             text=True).stdout.split("\0")
    for rel in filter(None, tracked):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, dest / rel)


def as_csv(text: str, quoting: int) -> str:
    """Tab-separated text as a spreadsheet saves it as CSV: one record a line; figures of
    more than three digits grouped by thousands (then quoted, as the comma is in them)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator="\n")
    for line in text.split("\n"):
        writer.writerow([f"{int(c):,}" if c.isdigit() and len(c) > 3 else c
                         for c in line.split("\t")])
    return out.getvalue()
