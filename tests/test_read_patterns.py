"""The reader's shortcuts against what they stand for: the patterns that detect_layout counts
lines with, the characters that pick the lines _page_furniture looks at, the display columns of
aligned cells, the test for an embedded <table> and the cell attributes the HTML scanner
parses. Each is checked on random text against the plain definition, line by line."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import read
from builder.read import PAGE_MARK, PAGE_MARK_WIDTH, display_width, split_line
from builder.read_html import _Grid, _scan, html_grid

SETTINGS = settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])

# characters that the patterns look at, and some that only look like them
PIECES = ["\t", "\n", " ", "  ", "\u3000", "\xa0", "\f", "\x0b", "\x1c", "\x85", "\u2028", "|",
          "│", "┃", "║", "─", "-", "—", "–", "/", "+", "=", "a", "P", "p", "中", "页", "第", "共",
          "3", "12", "３", "٣", "<", "<table", "<TaBlE", "İ", "\u212a", "of", "page"]
TEXT = st.lists(st.sampled_from(PIECES), max_size=60).map("".join)


@SETTINGS
@given(TEXT)
def test_layout_patterns_count_the_lines_they_stand_for(text: str) -> None:
    lines = text.split("\n")
    assert len(read._TAB_INDENTED.findall(text)) == sum(
        1 for line in lines if line.startswith("\t") and line.count("\t") == 1)
    assert len(read._TAB_LINE.findall(text)) == sum(1 for line in lines if "\t" in line)
    if not any(c in text for c in "│┃║"):
        gap = re.compile(r"\S[ \u3000]{2,}\S")
        columns = sum(1 for line in lines if gap.search(line))
        assert len(read._COLUMNS_NO_BOX.findall(text)) == columns
        assert len(read._COLUMNS.findall(text)) == columns


@SETTINGS
@given(TEXT)
def test_embedded_table_test_is_the_lowered_texts(text: str) -> None:
    assert bool(read._TABLE_START.search(text)) == ("<table" in text.lower())


MARKS = ["第3页", "第 3 页 共 9 页", "共6页", "- 3 -", "— 12 —", "3/9", "3 / 9", "Page 2 of 4",
         "PAGE 7", "第３页", "\f", "\f第 4 页", "page\u30002", "# Page 2", "-- 2 of 7 --",
         "{2}" + "-" * 48, "{3}", "=== 第 3 页 ===", "[Page 4]", "<!-- page 5 -->", "2 of 7"]


@SETTINGS
@given(st.lists(st.one_of(TEXT.filter(lambda t: "\n" not in t), st.sampled_from(MARKS),
                          st.tuples(st.sampled_from(["", " ", "\u3000", "\t", "\f"]),
                                    st.sampled_from(MARKS),
                                    st.sampled_from(["", " ", "\u3000", "\f"])).map("".join)),
                max_size=12))
def test_page_furniture_is_every_line_that_is_a_page_mark(lines: list[str]) -> None:
    expected = set()
    for n, line in enumerate(lines, 1):
        s = line.replace("\f", "").strip().replace("\u3000", " ")
        if (not s and "\f" in line) or (s and len(s) <= PAGE_MARK_WIDTH and PAGE_MARK.match(s)):
            expected.add(n)
    assert read._page_furniture("\n".join(lines), lines) == expected


@SETTINGS
@given(st.lists(st.sampled_from(["中文", "合计", "12", "3", " ", "  ", "   ", "\u3000", "\u3000\u3000",
                                 "ａ", "a b"]), min_size=1, max_size=30).map("".join))
def test_aligned_cells_start_at_their_display_columns(line: str) -> None:
    for layout in ("layout-columns", "box"):
        row = split_line(line, 1, layout)
        for cell in row.cells if row else ():
            if cell.x is not None:
                start = cell.x[0]
                assert line[start:].startswith(cell.text)
                assert cell.x == (start, display_width(line[:start]))


@SETTINGS
@given(st.lists(st.sampled_from([
    "<td>", "<td ColSpan=2>", '<td rowSPAN="2" class=x>', "<td data-span=3>", "<td style='a'>",
    "<TH COLSPAN='3'>", "<td rowspan=&#50;>", "<td colspan>", "<td span=2>", "<td class=span>",
    "<tr>", "</tr>", "1", "</td>"]), max_size=30).map("".join))
def test_cells_with_any_attributes_read_as_html_parser_reads_them(cells: str) -> None:
    """The scanner parses only the attributes of a cell that name a span; the grid is
    html.parser's, which hands over every attribute."""
    page = f"<table>{cells}</table>"
    grid = _Grid()
    assert _scan(page, grid)
    grid.finish()
    assert grid.rows == html_grid(page, "page.html", fast=False).rows
