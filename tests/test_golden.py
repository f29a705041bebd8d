"""The five samples parse with every cell equal to the report.

Each golden file was checked by hand against its text once (values and source lines); the
test compares the parser's whole output for cells, findings and completeness. To accept an
intended change, run `UPDATE_GOLDEN=1 pytest tests/test_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from builder import codes
from builder.parse import parse_file

from .conftest import ROOT, SAMPLES

GOLDEN = Path(__file__).parent / "golden"


def _view(path: Path) -> dict:
    report = parse_file(path, path.relative_to(ROOT).as_posix())
    return {
        "body": report.body,
        "year": report.year,
        "template": report.template,
        "complete": report.complete,
        "layout": report.layout,
        "cells": [[c.table, c.row, c.column, c.value, c.source.line] for c in report.cells],
        "findings": [[f.rule, f.line] for f in report.findings],
        "errors": [e.message for e in report.errors],
        "metadata": report.metadata,
    }


def _dump(view: dict) -> str:
    """One cell per line, so that a reviewer reads a golden diff like a table."""
    parts = []
    for key, value in view.items():
        if key == "cells":
            rows = ",\n".join("  " + json.dumps(c, ensure_ascii=False) for c in value)
            parts.append(f' "cells": [\n{rows}\n ]')
        else:
            parts.append(f" {json.dumps(key)}: {json.dumps(value, ensure_ascii=False)}")
    return "{\n" + ",\n".join(parts) + "\n}\n"


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.parent.name)
def test_sample_matches_golden(path: Path) -> None:
    golden = GOLDEN / f"{path.parent.name}.json"
    view = _view(path)
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(_dump(view), "utf-8")
    expected = json.loads(golden.read_text("utf-8"))
    assert view == expected


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.parent.name)
def test_sample_is_complete_with_every_cell(path: Path) -> None:
    report = parse_file(path)
    assert report.complete, report.errors
    keys = [(c.table, c.row, c.column) for c in report.cells]
    assert keys == codes.cell_keys("2021")
    assert all(c.source.line for c in report.cells)


def test_the_non_zero_figures_of_the_samples() -> None:
    """The figures a reader checks by eye: seed 001's one application, seed 003's 5 penalties."""
    jiaodian = parse_file(next(p for p in SAMPLES if p.parent.name == "焦店镇"))
    idx = jiaodian.index()
    for row, line in (("new", 39), ("partially_granted", 42), ("results_total", 62)):
        assert idx[("applications", row, "natural_person")].value == 1
        assert idx[("applications", row, "total")].value == 1
        assert idx[("applications", row, "natural_person")].source.line == line
        assert idx[("applications", row, "commercial")].value == 0
    linxi = parse_file(next(p for p in SAMPLES if p.parent.name == "林西镇"))
    cell = linxi.index()[("proactive", "penalty", "decisions")]
    assert (cell.value, cell.source.line) == (5, 40)
    nonzero = [c for c in linxi.cells if c.value]
    assert nonzero == [cell]


def test_extra_cell_rows_are_noted_not_hidden() -> None:
    """Seed 004's last rows carry one cell too many; every reading agrees and the record says so."""
    report = parse_file(next(p for p in SAMPLES if p.parent.name == "别斯托别乡"))
    assert report.complete
    assert any("every reading gives the same numbers" in n.message for n in report.notes)
