"""bench/compare.py, the tool that tells a slower parser from a slower VM, works: it imports a
commit's parser apart from this tree's, and prints a ratio for every kind of input. (Nothing
is timed here: the benchmark's figures are in bench/README.md.)"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from builder import parse, read

from .conftest import ROOT, sample


def test_a_commits_parser_is_imported_apart_and_reads_as_this_trees(tmp_path: Path):
    sys.path.insert(0, str(ROOT / "bench"))
    try:
        import compare
    finally:
        sys.path.remove(str(ROOT / "bench"))
    other_parse, other_read, _ = compare.import_other("HEAD", tmp_path)
    assert other_parse.__name__ == f"{compare.OTHER}.parse"
    assert other_parse is not parse and other_parse.Token is not parse.Token
    assert Path(other_parse.__file__).is_relative_to(tmp_path)
    assert other_parse.read_document.__module__ == f"{compare.OTHER}.read"
    path = sample("焦店镇")
    data = path.read_bytes()
    theirs = other_parse.parse_document(other_read.text_document(data, path.name))
    ours = parse.parse_document(read.text_document(data, path.name))
    assert [(c.table, c.row, c.column, c.value) for c in theirs.cells] == \
        [(c.table, c.row, c.column, c.value) for c in ours.cells]
    assert ours.cells and ours.complete and theirs.complete


def test_compare_prints_a_ratio_for_every_kind_of_input():
    from builder import synth

    out = subprocess.run([sys.executable, str(ROOT / "bench" / "compare.py"), "HEAD",
                          "--count", "2", "--repeat", "1"], cwd=ROOT, capture_output=True,
                         text=True, timeout=300, check=True).stdout
    kinds = [*synth.LAYOUTS, *(f"html-{s}" for s in synth.HTML_STYLES)]
    for kind in kinds:
        assert re.search(rf"^  {re.escape(kind)} .* median time ratio \d+\.\d\d$", out, re.M), out
