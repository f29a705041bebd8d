"""Numbers that count the rows and are no figures: a numbering column (序号) and the row index
pandas writes before every row, pandas's header of column numbers, and the words data tools
print for an empty cell (nan, None). Real pandas outputs of the rendered pages are in
tests/fixtures/dataframes (tools/dataframe_fixtures.py); the numbering columns below are put
into the rendered reports' own text and HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from builder import parse, synth
from builder.model import GridCell, GridRow, Source
from builder.parse import parse_document, parse_file
from builder.read import text_document
from builder.read_html import read_html

from .conftest import rendered_expected
from .conftest import report_cells as _cells

HERE = Path(__file__).parent / "fixtures"
RENDERED = HERE / "rendered"
FOLDERS = sorted(p for p in RENDERED.iterdir() if p.is_dir())
DATAFRAMES = sorted(p for p in (HERE / "dataframes").iterdir() if p.name != "README.md")


def _expected(folder: str) -> dict:
    return rendered_expected(folder)["cells"]


@pytest.mark.parametrize("path", DATAFRAMES, ids=lambda p: p.name)
def test_pandas_outputs_read_exactly(path: Path) -> None:
    """pandas.read_html's tables written back by to_csv, to_excel (the row index before every
    row, the column numbers above), to_markdown, to_string (nan for a blank cell): every
    figure read, blank cells missing. Before, the index read as figures: most tables were
    refused and a row with a blank cell took the next row's number (rules 3 4 3 for — 3 4)."""
    folder = path.name.split("-plain.")[0].split("-word.")[0]
    report = parse_file(path)
    assert report.complete, [e.message for e in report.errors]
    assert _cells(report) == _expected(folder)
    assert (report.body, report.year) == (None, None)  # the tables alone: the sidecar's


def _numbered_text(text: str, sep: str, start: int) -> str:
    """A numbering column before every line of the tables (their headings too)."""
    out = []
    n = start
    in_tables = quoted = False
    for line in text.split("\n"):
        if line.lstrip('"').startswith(("第二十条", "（本列数据")):
            in_tables = True
        elif line.startswith(("四、", "五、")) and sep not in line:
            in_tables = False
        if in_tables and (sep in line or line[:1] == '"') and not quoted:  # a record's start
            line = f"{n}{sep}{line}"
            n += 1
        quoted ^= line.count('"') % 2 == 1
        out.append(line)
    return "\n".join(out)


TEXTS = [(d, name, sep) for d in FOLDERS
         for name, sep in (("tab.txt", "\t"), ("pdfplumber-tables.csv", ","))
         if (d / name).exists()]


@pytest.mark.parametrize("start", [0, 1])
@pytest.mark.parametrize(("folder", "name", "sep"), TEXTS,
                         ids=[f"{d.name}/{n}" for d, n, _ in TEXTS])
def test_a_numbering_column_in_text_is_no_figure(folder: Path, name: str, sep: str,
                                                 start: int) -> None:
    """序号 1, 2, 3 … (or 0, 1, 2 …) before every row of tab-separated text and of CSV: read
    as figures, a row's number joined the row before (a row with a blank cell was published
    with the next row's number in it); now the column is left out and the text reads as
    without it."""
    text = (folder / name).read_text("utf-8-sig")
    numbered = _numbered_text(text, sep, start)
    assert numbered != text
    plain = parse_document(text_document(text.encode(), name))
    report = parse_document(text_document(numbered.encode(), name))
    assert _cells(report) == _cells(plain)
    assert report.complete == plain.complete
    assert {k: v for k, v in _cells(report).items()
            if _expected(folder.name).get(k, "absent") != v} == {}


# a row's label begins so, or with its number (1.属于国家秘密; not a figure: 3.31)
ROW_STARTS = re.compile(r"规章|行政规范性文件|规范性文件|其他对外管理|政府集中采购|行政许可"
                        r"|行政处罚|行政强制|行政事业性收费|一、本年|二、上年|（一）予以|（二）部分"
                        r"|\d\\?\.\D|（七）总计|四、结转")  # 1\. in mammoth's Markdown
GROUPS = ("三、本年度办理结果", "（三）不予公开", "（四）无法提供", "（五）不予处理", "（六）其他处理")
LINES = [(d, name) for d in FOLDERS
         for name in ("cell-per-line.txt", "selenium.txt", "docx2txt.txt", "mammoth-md.txt")
         if (d / name).exists()]


@pytest.mark.parametrize(("folder", "name"), LINES, ids=[f"{d.name}/{n}" for d, n in LINES])
def test_a_numbering_column_one_cell_a_line_is_no_figure(folder: Path, name: str) -> None:
    """The same in text of one cell a line (a browser's innerText, docx2txt): the number on a
    line of its own before its row's first words read as the row above's last figure, and
    missing-cells' 规章 (a blank cell, 3, 4) was published 3 4 2."""
    text = (folder / name).read_text("utf-8-sig")
    lines = []
    count = 1
    in_tables = same_row = False
    for line in text.split("\n"):
        words = line.strip()
        in_tables = (in_tables or words.startswith("第二十条")) and not words.startswith("五、")
        # a row's first cell: a group's label (三、本年度办理结果, （三）不予公开) is the first
        # cell of the group's first row, the row's own label the next one
        group = words.startswith(GROUPS)
        if in_tables and (group or ROW_STARTS.match(words) and not same_row):
            lines.append(f"\t{count}" if name == "cell-per-line.txt" else str(count))
            count += 1
        # (a group's label alone on its line: its first row's label is on a line after it)
        same_row = words in GROUPS or (same_row and not ROW_STARTS.match(words))
        lines.append(line)
    assert count > 20
    plain = parse_document(text_document(text.encode(), name))
    report = parse_document(text_document("\n".join(lines).encode(), name))
    assert _cells(report) == _cells(plain)
    assert report.complete == plain.complete


def _lines(*cells: str) -> tuple[GridRow, ...]:
    return tuple(GridRow((GridCell(c, Source(n)),)) for n, c in enumerate(cells, 1))


def test_lone_numbers_are_a_count_from_zero_or_one_before_labels() -> None:
    numbered = _lines("1", "规章", "0", "0", "0", "2", "行政规范性文件", "0", "0", "0",
                      "第二十条第（五）项", "信息内容", "本年处理决定数量",
                      "3", "行政许可", "0", "4", "行政处罚", "2", "5", "行政强制", "0")
    assert _lone_numbers(numbered) == {0: -1, 5: -1, 13: -1, 16: -1, 19: -1}
    # four are too few; a count from 2 is a row's figures (every row's last is one more)
    assert _lone_numbers(numbered[:17]) == {}
    assert _lone_numbers(_lines("规章", "0", "0", "2", "行政规范性文件", "0", "0", "3",
                                "行政许可", "4", "行政处罚", "5", "行政强制", "6",
                                "行政事业性收费", "7")) == {}


@pytest.mark.parametrize("style", ["plain", "word", "cms"])
@pytest.mark.parametrize("folder", ["random-1", "missing-cells", "template-2019"])
def test_a_numbering_column_in_html_is_no_figure(folder: str, style: str) -> None:
    """A first cell numbering every row of the page's tables: the reviews table's row of
    figures begins with its number (16 cells for 15 columns, refused before); now read."""
    spec = synth.fixture_specs()[folder]
    page = synth.render_html(spec, style)
    count = iter(range(1, 1000))
    numbered = re.sub(r"<tr\b[^>]*>", lambda m: f"{m.group(0)}<td>{next(count)}</td>", page)
    report = parse_document(read_html(numbered.encode("utf-8"), "report.html"))
    assert report.complete, [e.message for e in report.errors]
    assert _cells(report) == _expected(folder)


def _numbering(rows: tuple[GridRow, ...]) -> dict[int, int]:
    return parse._numbering(rows, [r.text for r in rows])


def _lone_numbers(rows: tuple[GridRow, ...]) -> dict[int, int]:
    return parse._lone_numbers(rows, [r.text for r in rows])


def _rows(*lines: str) -> tuple[GridRow, ...]:
    return tuple(GridRow(tuple(GridCell(c, Source(n)) for c in line.split("\t")))
                 for n, line in enumerate(lines, 1))


def test_numbering_is_a_run_from_zero_or_one_with_labels() -> None:
    # the index, headings passed over, and pandas's column numbers
    assert _numbering(_rows("\t0\t1\t2\t3", "0\t第二十条第（一）项", "1\t信息内容\t本年制发件数",
                            "2\t规章\t\t3\t4", "第二十条第（五）项", "3\t行政许可\t5")) == {
        0: -1, 1: 1, 2: 1, 3: 1, 5: 1}
    # a narrow table's two column numbers count only over an index that begins under them
    # (pdfplumber finds a table split by a page as two; a loop writes each with to_csv)
    assert _numbering(_rows("行政许可\t7\t\t", "\t0\t1", "0\t第二十条第（六）项\t",
                            "1\t信息内容\t本年处理决定数量", "2\t行政处罚\t933")) == {
        1: -1, 2: 1, 3: 1, 4: 1}
    assert _numbering(_rows("\t0\t1", "行政处罚\t933", "行政强制\t1")) == {}
    # figures that merely count up at a row's start are a row's figures: no label after them
    assert _numbering(_rows("0\t1\t2", "1\t2\t3", "2\t3\t4")) == {}
    # a count that starts elsewhere (a row's figures 5, 6, 7 before labels) is no numbering
    assert _numbering(_rows("5\t规章\t1", "6\t行政许可\t2", "7\t行政处罚\t3")) == {}
    # two rows are too few to tell
    assert _numbering(_rows("1\t规章\t1\t2\t3", "2\t行政许可\t2")) == {}


def test_a_line_of_figures_in_text_keeps_its_first_figure() -> None:
    """In aligned text a row's figures may stand on a line of their own; one that happens to
    begin with the next number of a numbering run, and is not as wide as the numbered rows,
    keeps it."""
    rows = _rows("1\t规章\t1\t2\t3", "2\t行政规范性文件\t4\t5\t6", "3\t行政许可\t7",
                 "4\t9\t8\t7\t6\t5\t4\t3\t2")
    assert _numbering(rows) == {0: 1, 1: 1, 2: 1}
    # a real table row (HTML, Word) counts whatever its width
    aligned = rows[:3] + (rows[3]._replace(aligned=True),)
    assert _numbering(aligned) == {0: 1, 1: 1, 2: 1, 3: 1}


@pytest.mark.parametrize("word", ["nan", "NaN", "None", "<NA>"])
def test_an_empty_cell_as_data_tools_print_it_is_blank(word: str) -> None:
    """A missing cell stays missing, never a figure and never a label: pandas prints it nan
    or NaN, Python's str() of an empty cell None."""
    folder = RENDERED / "missing-cells"
    text = (folder / "pdfplumber-tables.csv").read_text("utf-8-sig")
    plain = parse_document(text_document(text.encode(), "t.csv"))
    marked = re.sub(r"(?<=,)(?=,|\n)", word, text)
    assert marked != text
    report = parse_document(text_document(marked.encode(), "t.csv"))
    assert _cells(report) == _cells(plain)
    assert report.complete == plain.complete
