"""JSON as extraction tools write a report (builder/read_json.py): every figure read exactly,
traced to the line of the file that holds it and to its table, row and cell; bad JSON gets a
clear answer. The tools' own outputs of the rendered reports are in tests/fixtures/rendered
(pdfplumber-tables.json, unstructured.json, docling.json, read in test_layouts); here the
shapes other tools write are made from them."""

from __future__ import annotations

import csv
import functools
import html
import json
import os
import random
import re
import urllib.parse
from html.parser import HTMLParser
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from builder import codes, synth
from builder.cli import main
from builder.errors import ReportError
from builder.parse import parse_document, parse_file
from builder.read import read_document, text_document
from builder.read_json import read_json

from .conftest import page_expected
from .conftest import rendered_expected as _expected
from .conftest import report_cells as _cells

RENDERED = Path(__file__).parent / "fixtures" / "rendered"
FOLDERS = ("random-1", "missing-cells", "template-2019")


def _assert_exact(report, folder: str, title: bool = True) -> None:
    expected = _expected(folder)
    assert report.complete, [e.message for e in report.errors]
    assert _cells(report) == expected["cells"]
    assert report.template == expected["template"]
    if title:
        assert (report.body, report.year) == (expected["body"], expected["year"])


_BLOCK = re.compile(r"<(?:p|h[1-6]|div|li|br)\b[^>]*>|</(?:p|h[1-6]|div|li)>", re.IGNORECASE)
_TABLE = re.compile(r"<table\b.*?</table>", re.IGNORECASE | re.DOTALL)


def _content_list(page: str) -> list[dict]:
    """A page as MinerU's content_list.json holds a document: its paragraphs as text elements
    (headings with a text_level), each table as HTML in a table element's table_body."""
    body = page[page.lower().index("<body"):]
    out: list[dict] = []
    at = 0
    for m in [*_TABLE.finditer(body), None]:
        between = body[at:m.start() if m else len(body)]
        for piece in _BLOCK.split(between):
            text = html.unescape(re.sub(r"<[^>]+>", "", piece)).strip()
            if text:
                element = {"type": "text", "text": text, "page_idx": len(out) // 20}
                if len(text) < 30 and re.match(r"[一二三四五六七八九十]+、", text):
                    element["text_level"] = 1
                out.append(element)
        if m is None:
            break
        out.append({"type": "table", "img_path": f"images/{len(out):04d}.jpg",
                    "table_caption": [], "table_footnote": [],
                    "table_body": f"<html><body>{m.group()}</body></html>",
                    "page_idx": len(out) // 20})
        at = m.end()
    return out


@pytest.mark.parametrize("folder", FOLDERS)
def test_mineru_content_list_reads_exactly(folder: str, tmp_path: Path) -> None:
    """MinerU's content list: text elements, tables as HTML strings; a figure's line is the
    line of its table's table_body, its table the table's number in the file."""
    page = (RENDERED / folder / "report.html").read_text("utf-8")
    elements = _content_list(page)
    path = tmp_path / "report_content_list.json"
    path.write_text(json.dumps(elements, ensure_ascii=False, indent=4), "utf-8")
    report = parse_file(path)
    _assert_exact(report, folder)
    lines = path.read_text("utf-8").split("\n")
    bodies = [n for n, line in enumerate(lines, 1) if '"table_body"' in line]
    assert len(bodies) == 3
    for cell in report.cells:
        assert cell.source.line == bodies[cell.source.table - 1]
        assert cell.raw in lines[cell.source.line - 1]


def _middle(elements: list[dict]) -> dict:
    """The same page as MinerU's middle.json holds it (pipeline backend): each page's blocks
    as found (preproc_blocks), in reading order (para_blocks), its tables listed again, and
    its page number as a discarded block; a text block's lines as spans (a paragraph broken
    where the page broke it), a table's body as a span's html."""
    def box() -> list[float]:
        return [72.0, 90.5, 520.0, 110.25]

    def text_block(text: str) -> dict:
        # a paragraph over lines of at most 30 characters, a line's figures in spans of
        # their own (as MinerU cuts a line at a change of font)
        lines = [text[i:i + 30] for i in range(0, len(text), 30)]
        return {"type": "text", "bbox": box(), "lines": [
            {"bbox": box(), "spans": [{"bbox": box(), "content": piece, "type": "text",
                                        "score": 1.0} for piece in re.split(r"(?<=\S) (?=\S)", line)]}
            for line in lines]}

    pages: dict[int, list[dict]] = {}
    for e in elements:
        if e["type"] == "table":
            block = {"type": "table", "bbox": box(), "blocks": [{
                "type": "table_body", "bbox": box(), "lines": [{"bbox": box(), "spans": [{
                    "bbox": box(), "score": 0.98, "type": "table", "image_path": e["img_path"],
                    "html": e["table_body"]}]}]}]}
        else:
            block = text_block(e["text"])
        pages.setdefault(e["page_idx"], []).append(block)
    return {"pdf_info": [{
        "preproc_blocks": blocks, "layout_bboxes": [], "page_idx": n,
        "page_size": [595.0, 842.0], "_layout_tree": [], "images": [],
        "tables": [b for b in blocks if b["type"] == "table"], "interline_equations": [],
        "discarded_blocks": [{"type": "discarded", "bbox": box(), "lines": [{"bbox": box(), "spans": [
            {"bbox": box(), "content": f"— {n + 1} —", "type": "text", "score": 1.0}]}]}],
        "para_blocks": blocks} for n, blocks in sorted(pages.items())],
        "_backend": "pipeline", "_version_name": "2.1.0"}


@pytest.mark.parametrize("folder", FOLDERS)
def test_mineru_middle_json_reads_each_block_once(folder: str, tmp_path: Path) -> None:
    """MinerU's middle.json holds every page's blocks twice (as found and in reading order)
    and its tables a third time: it read each table twice and lost the reviews table of
    every page after the first (expected 15 numbers, found 3). Read: the para_blocks, a
    figure's line the line of its table's html, the page numbers left out."""
    page = (RENDERED / folder / "report.html").read_text("utf-8")
    path = tmp_path / "report_middle.json"
    path.write_text(json.dumps(_middle(_content_list(page)), ensure_ascii=False, indent=2),
                    "utf-8")
    report = parse_file(path)
    _assert_exact(report, folder)
    assert not report.notes, [n.message for n in report.notes]
    lines = path.read_text("utf-8").split("\n")
    for cell in report.cells:
        assert '"html"' in lines[cell.source.line - 1] and cell.raw in lines[cell.source.line - 1]
    assert not any("—" in s.text for s in report.sections)


@pytest.mark.parametrize("name", ["unstructured.json", "docling.json", "pdfplumber-tables.json"])
def test_a_tools_json_on_one_line_reads_as_indented(name: str, tmp_path: Path) -> None:
    """json.dumps without indent, non-ASCII escaped (pandas's and the standard library's
    default): the same cells, every one on the file's only line."""
    source = RENDERED / "random-1" / name
    path = tmp_path / name
    path.write_text(json.dumps(json.loads(source.read_text("utf-8"))), "utf-8")
    assert "\n" not in path.read_text("utf-8") and "\\u" in path.read_text("utf-8")
    report = parse_file(path)
    indented = parse_file(source)
    assert _cells(report) == _cells(indented) == _expected("random-1")["cells"]
    assert {c.source.line for c in report.cells} == {1}
    assert [c.source._replace(line=None) for c in report.cells] == \
        [c.source._replace(line=None) for c in indented.cells]


def test_a_cells_place_is_its_table_row_and_cell_in_the_file() -> None:
    """pdfplumber's tables dumped: a cell's table, row and cell number find its text in the
    JSON, and its line is the line of the file that holds it (its row's first cell's line
    until the eighteenth session)."""
    path = RENDERED / "random-1" / "pdfplumber-tables.json"
    tables = json.loads(path.read_text("utf-8"))
    lines = path.read_text("utf-8").split("\n")
    report = parse_file(path)
    assert len(report.cells) == 200
    for cell in report.cells:
        s = cell.source
        row = tables[s.table - 1][s.row - 1]
        assert row[s.col - 1].strip() == cell.raw
        assert lines[s.line - 1].strip().rstrip(",") == json.dumps(row[s.col - 1],
                                                                   ensure_ascii=False)


def _pdfplumber_tables(folder: str) -> list[list[list[str | None]]]:
    return json.loads((RENDERED / folder / "pdfplumber-tables.json").read_text("utf-8"))


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("orient", ["records", "records-named", "split", "values", "tabula"])
def test_pandas_to_json_of_each_table(folder: str, orient: str, tmp_path: Path) -> None:
    """Each table as pandas writes a DataFrame (camelot's JSON is to_json(orient="records")):
    records keyed by column numbers or by the header row's names, split with its columns
    and index, or the values alone; a merged cell's covered slot is null."""
    out = []
    for table in _pdfplumber_tables(folder):
        width = max(len(r) for r in table)
        rows = [r + [None] * (width - len(r)) for r in table]
        if orient == "records":
            out.append([{str(i): v for i, v in enumerate(r)} for r in rows])
        elif orient == "records-named":
            # a header row taken as the columns' names (pandas.read_html's header=0)
            names = [v or f"Unnamed: {i}" for i, v in enumerate(rows[0])]
            if len(rows) < 2 or len(set(names)) < len(names):
                # (a table of one row, a page's last, would be a header and no row there)
                out.append([{str(i): v for i, v in enumerate(r)} for r in rows])
                continue
            out.append([dict(zip(names, r, strict=True)) for r in rows[1:]])
        elif orient == "split":
            out.append({"columns": list(range(width)), "index": list(range(len(rows))),
                        "data": rows})
        elif orient == "tabula":
            # tabula's -f JSON: each table with its place, each cell an object with its text
            out.append({"extraction_method": "lattice", "page_number": 1, "top": 80.0,
                        "left": 55.4, "width": 481.4, "height": 154.2, "right": 536.8,
                        "bottom": 234.2, "data": [
                            [{"top": 80.0 + 11 * r, "left": 55.4 + 60 * c, "width": 60.0,
                              "height": 11.0, "text": v or ""} for c, v in enumerate(row)]
                            for r, row in enumerate(rows)]})
        else:
            out.append(rows)
    path = tmp_path / "tables.json"
    path.write_text(json.dumps(out, ensure_ascii=False), "utf-8")
    report = parse_file(path)
    assert report.layout == "json-cells"
    _assert_exact(report, folder, title=False)


def test_a_text_document_in_json_is_read_as_that_text(tmp_path: Path) -> None:
    """LangChain's documents ({"page_content": …, "metadata": …}) and an API's Markdown
    ({"data": {"md_content": …}}), as JSON and as JSON Lines a page a line: read as the text
    is; a cell's line is the line of the file holding its string."""
    folder = RENDERED / "random-1"
    for name in ("tab.txt", "pandoc-gfm.txt", "cell-per-line.txt"):
        text = (folder / name).read_text("utf-8")
        alone = parse_file(folder / name)
        one = tmp_path / "doc.json"
        one.write_text(json.dumps({"data": {"md_content": text, "pages": 3}},
                                  ensure_ascii=False, indent=2), "utf-8")
        report = parse_file(one)
        assert report.layout == alone.layout
        _assert_exact(report, "random-1")
        assert {c.source.line for c in report.cells} == {3}
        # lines ended by CR alone (old Mac text) or CR LF are lines of the same string
        for end in ("\r", "\r\n"):
            one.write_text(json.dumps({"data": {"md_content": text.replace("\n", end)}},
                                      ensure_ascii=False, indent=2), "utf-8")
            report = parse_file(one)
            _assert_exact(report, "random-1")
            assert {c.source.line for c in report.cells} == {3}
        # a page a line: the text cut at a line between the second and third tables
        lines = text.split("\n")
        cut = next(i for i, line in enumerate(lines) if line.startswith("四、政府信息公开行政复议"))
        pages = ["\n".join(lines[:cut]), "\n".join(lines[cut:])]
        jsonl = tmp_path / "pages.jsonl"
        jsonl.write_text("".join(json.dumps({"page_content": p, "metadata": {
            "source": "report.pdf", "page": i}}, ensure_ascii=False) + "\n"
            for i, p in enumerate(pages)), "utf-8")
        report = parse_file(jsonl)
        _assert_exact(report, "random-1")
        assert {c.source.line for c in report.cells if c.table == "review_litigation"} == {2}
        assert {c.source.line for c in report.cells if c.table != "review_litigation"} == {1}


def test_an_elements_own_line_of_its_table_is_not_read_again(tmp_path: Path) -> None:
    """unstructured gives a table's cells as one line of text beside its HTML: read once
    (the line of text alone would be refused for its blank cells, or read as a second copy)."""
    path = RENDERED / "missing-cells" / "unstructured.json"
    elements = json.loads(path.read_text("utf-8"))
    tables = [e for e in elements if e["type"] == "Table"]
    assert len(tables) == 3 and all(e["text"] and e["metadata"]["text_as_html"] for e in tables)
    report = parse_file(path)
    _assert_exact(report, "missing-cells")
    assert not any("两次" in n.message for n in report.notes)


def test_text_that_only_begins_as_json_is_text(tmp_path: Path) -> None:
    """A crawler's text that begins with a link in Markdown ([首页](…)) is no JSON."""
    text = (RENDERED / "random-1" / "tab.txt").read_text("utf-8")
    path = tmp_path / "page.txt"
    path.write_text("[首页](http://www.example.gov.cn/) > [政务公开](/zwgk/)\n" + text, "utf-8")
    report = parse_file(path)
    assert report.layout == "tab"
    _assert_exact(report, "random-1")
    saved = tmp_path / "saved.txt"  # a tool's JSON saved as .txt is read as JSON
    saved.write_bytes((RENDERED / "random-1" / "unstructured.json").read_bytes())
    assert read_document(saved).layout == "json"
    _assert_exact(parse_file(saved), "random-1")


def _run(*args: str) -> tuple[int, str]:
    r = CliRunner().invoke(main, list(args))
    assert r.exception is None or isinstance(r.exception, SystemExit), r.exception
    return r.exit_code, r.stdout + r.stderr


def test_nan_and_infinity_as_python_writes_them_are_values(tmp_path: Path) -> None:
    """Python's json.dump writes a float that is no number as NaN or Infinity, which its
    reader accepts: they had stopped the reader with an internal error; now the elements'
    text around them is read (here a tool's elements with a score of NaN)."""
    source = json.loads((RENDERED / "random-1" / "unstructured.json").read_text("utf-8"))
    for n, element in enumerate(source):
        element["score"] = [float("nan"), float("inf"), -float("inf")][n % 3]
    path = tmp_path / "elements.json"
    path.write_text(json.dumps(source, ensure_ascii=False, indent=1), "utf-8")
    assert "NaN" in path.read_text("utf-8") and "-Infinity" in path.read_text("utf-8")
    _assert_exact(parse_file(path), "random-1")


def test_bad_json_gets_path_line_expected_found(tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('[\n  {"type": "text", "text": "一、总体情况"},\n  {"type": "text" "text": '
                      '"二"}\n]\n', "utf-8")
    code, out = _run("parse", str(broken))
    assert code == 1 and "Traceback" not in out
    assert (f"{broken}:3: JSON 无法解析 / not valid JSON: expected ',' delimiter, found "
            "'\"text\": \"二\"}' at column 19") in out
    lines = tmp_path / "pages.jsonl"
    lines.write_text('{"page_content": "一"}\n\n{"page_content": "二"\n', "utf-8")
    code, out = _run("parse", str(lines))
    assert code == 1 and f"{lines}:3: JSON 无法解析 / not valid JSON: expected ',' delimiter, " \
        "found the end of the text" in out
    empty = tmp_path / "boxes.json"
    empty.write_text(json.dumps([{"bbox": [1, 2, 3, 4], "type": "image",
                                  "img_path": "images/a.jpg"}]), "utf-8")
    code, out = _run("parse", str(empty))
    assert code == 1
    assert (f"{empty}: JSON 中没有报告的文字或表格 / no text or table in the JSON: expected strings "
            "under keys such as text, content or table_body, or tables as rows of cells; found "
            "keys bbox, type, img_path") in out
    for text, found in (("[]", "an empty array"), ("{}", "an empty object"),
                        ('["", {"page": 1}]', "keys page")):
        empty.write_text(text, "utf-8")
        code, out = _run("parse", str(empty))
        assert code == 1 and out.endswith(f"found {found}\n"), out


PRINTED = Path(__file__).parent / "fixtures" / "printed"


def _printed_spec(name: str) -> synth.ReportSpec:
    """The synthetic report a printed fixture was made from (tests/fixtures/printed)."""
    i = int(re.match(r"r(\d+)-", name).group(1))
    spec = synth.random_spec(random.Random(7000 + i), template="2019" if i % 4 == 3 else "2021")
    return synth.missing_cells_spec(spec, random.Random(i)) if i % 3 == 0 else spec


@pytest.mark.parametrize("name", sorted(p.name for p in PRINTED.glob("r*-*.json")))
def test_a_table_finders_json_reads_as_its_csv(name: str, tmp_path: Path) -> None:
    """Tables a tool found, dumped as JSON or exported as CSV, are read alike (the guards for
    a tool's cells apply to both) and publish no wrong figure. pdfplumber's text strategy on a
    Word page printed by Chromium: 规章's blank issued cell and its 6 and 60 in cells under
    broken headings (本年制 | 发 | 件数 本 | 年废止 | …) had been read from the JSON as issued 6,
    repealed 60 — refused from the CSV."""
    path = PRINTED / name
    tables = json.loads(path.read_text("utf-8"))
    out = tmp_path / (path.stem + ".csv")
    with open(out, "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh, lineterminator="\n")
        for table in tables:
            writer.writerows(["" if c is None else c for c in row] for row in table)
    from_json, from_csv = parse_file(path), parse_file(out)
    assert _cells(from_json) == _cells(from_csv)
    assert [(e.table, e.row) for e in from_json.errors] == [(e.table, e.row)
                                                            for e in from_csv.errors]
    expected = {(c["table"], c["row"], c["column"]): c["value"]
                for c in _printed_spec(name).cells()}
    assert {k: v for k, v in _cells(from_json).items() if expected.get(k, "absent") != v} == {}


# the rows of tests/fixtures/printed that a tool's cells broke, refused (never published)
BROKEN_ROWS = {
    # 规章 | 6 6 | 0 for a blank, 6 and 60: two figures in a cell beside another cell's
    "r0-plain-plumb-text.json": {("proactive", "rules")},
    # 546 1 | 60 for 546 and 160; 6 | 05 for 605 (a figure's end with a leading zero)
    "r15-word-plumb-text.json": {("applications", "carried_over")},
    "r36-word-plumb-text.json": {("applications", "carried_over")},
    # the rest of a wrapped label on rows of their own with empty cells (政查询事 / 项 after
    # 8.属于行 and its figures): never a row printed blank
    "r34-word-plumb-text.json": {("applications", "withheld_query_matters")},
    "r22-word-plumb-text.json": {("applications", "partially_granted")},
}


@pytest.mark.parametrize("name", sorted(BROKEN_ROWS))
def test_a_row_a_table_finder_broke_is_not_published(name: str) -> None:
    report = parse_file(PRINTED / name)
    got = {(c.table, c.row) for c in report.cells}
    assert not BROKEN_ROWS[name] & got
    assert not report.complete


def _tool_csv(tmp_path: Path, old: str, new: str) -> Path:
    """random-1's pdfplumber tables as CSV with one row printed otherwise."""
    text = (RENDERED / "random-1" / "pdfplumber-tables.csv").read_text("utf-8")
    assert text.count(old) == 1
    path = tmp_path / "tables.csv"
    path.write_text(text.replace(old, new), "utf-8")
    return path


@pytest.mark.parametrize(("old", "new", "row"), [
    # a figure split across cells where a blank cell makes up the count (as `规章 | 6 6 | 0`
    # for a blank, 6 and 60): as many figures as columns, two of them in one cell
    ("规章,347,531,41", "规章,34,7 531,", "rules"),
    ("规章,347,531,41", "规章,347 5,31,", "rules"),
    # 84 split as 8 | 4 beside 891, the total's cell blank: the row cannot be added up
    ("二、上年结转政府信息公开申请数量,,,763,891,84,649,25,276,2688",
     "二、上年结转政府信息公开申请数量,,,763,891 8,4,649,25,276,", "carried_over"),
    # a figure's end with a leading zero: 763 as 7 | 63 is read, 3632 as 36 | 032 is not
    ("一、本年新收政府信息公开申请数量,,,638,331,4996,3632,928,1830,12355",
     "一、本年新收政府信息公开申请数量,,,638,331,4996,36,032,928,1830,12355", "new"),
])
def test_figures_split_across_a_tools_cells_are_refused(old: str, new: str, row: str,
                                                         tmp_path: Path) -> None:
    report = parse_file(_tool_csv(tmp_path, old, new))
    assert row not in {c.row for c in report.cells}
    problem = next(e for e in report.errors if e.row == row)
    if new.count(" ") or "032" in new:
        assert problem.expected == "a figure a cell"
    expected = _expected("random-1")["cells"]
    assert {k: v for k, v in _cells(report).items() if expected[k] != v} == {}


def test_a_tools_row_with_two_figures_in_a_cell_that_adds_up_is_read(tmp_path: Path) -> None:
    """891 and 84 in one cell (no rule between their columns) in a row with every figure that
    adds up to its total: read; a split figure would break the sum."""
    old = "二、上年结转政府信息公开申请数量,,,763,891,84,649,25,276,2688"
    report = parse_file(_tool_csv(tmp_path, old, old.replace("891,84", "891 84")))
    _assert_exact(report, "random-1", title=False)


# pages printed narrow (tests/fixtures/printed/README.md): a label broken over table rows,
# its figures beside one piece, the rest over blank cells — never a row printed blank
NARROW_ROWS = {
    "narrow65-pymupdf4llm.txt": {"partially_granted"},
    "narrow70-pymupdf-tables.csv": {"other_no_correction"},
    # PyMuPDF's sorted text: 119 broken, its 11 on the label's line before 9 11 1 28 5 65, which
    # add up by chance (11 + 9 + 11 + 1 + 28 + 5 = 65): 9 stands left of the 11 before it, the
    # figures on the second line not to the right of the first line's (published until the
    # eighteenth session)
    "narrow57-pymupdf-sort.txt": {"withheld_internal_affairs"},
}


def test_a_figure_glued_before_the_next_label_on_a_page_printed_narrow() -> None:
    """PyMuPDF's sorted text: `行政许可 50 4 2其他对外管理服…`, the 2 glued before the next
    label: 行政许可 had been read as 50, 4 and a blank, then (from parser version 43)
    refused; the 2 is its last figure, split off the label with a note."""
    path = PRINTED / "narrow60-pymupdf-sort.txt"
    expected = page_expected(path)
    report = parse_file(path)
    assert {k: (v, expected[k]) for k, v in _cells(report).items() if expected[k] != v} == {}
    assert [_cells(report)[("proactive", "licensing", c)]
            for c in ("previous_items", "change", "decisions")] == [50, 4, 2]
    assert any(n.message.startswith("表格 proactive 行 licensing：本行最后一个数字")
               for n in report.notes)


@pytest.mark.parametrize("name", sorted(NARROW_ROWS))
def test_a_row_of_a_page_printed_narrow_is_never_published_short(name: str) -> None:
    """pymupdf4llm: 度办 | （二）部 | 分公开（区分 over blank cells, the figures on the next row
    beside 处理的，…其他情形） (a sub-row's label); PyMuPDF's table cells: the figures beside
    （五）请人无正当理 (read as 4.无正当理由… printed twice), the rest of 1.申请人无正当理由逾期不补正…
    over blank cells; pdfplumber's text strategy: 1.属于国家秘 and its figures, 密 on rows of
    blank cells. Each had been published as a row printed blank (missing figures where the
    report has them)."""
    path = PRINTED / name
    expected = page_expected(path)
    report = parse_file(path)
    assert {k: (v, expected[k]) for k, v in _cells(report).items() if expected[k] != v} == {}
    assert not NARROW_ROWS[name] & {c.row for c in report.cells}
    assert NARROW_ROWS[name] <= {e.row for e in report.errors}


def test_a_narrow_labels_start_among_its_groups_pieces_reads_the_whole_row() -> None:
    """pdfplumber's text strategy of a page printed narrow: 1.属于国家秘 and its figures, 密 on
    rows of blank cells (published as a row printed blank until the eighteenth session, then
    refused): the label's cells before the figures hold the end of the row above's label, the
    pieces of the narrow group cells' labels (三、本年度办理结果, （三）不予公开) and 1. 属 于 — the
    start of the row after the one read last, every character accounted for. Read now, every
    figure of both rows (3.要求提供公开出版物 too) the report's, with a note naming the rule."""
    path = PRINTED / "narrow80-plumb-text.csv"
    expected = page_expected(path)
    report = parse_file(path)
    cells = _cells(report)
    assert {k: (v, expected[k]) for k, v in cells.items() if expected[k] != v} == {}
    for row in ("withheld_state_secret", "not_processed_publication"):
        assert {k for k in cells if k[1] == row} == {
            k for k, v in expected.items() if k[1] == row and v is not None}, row
        assert any(f"行 {row}：栏目名称" in n.message and "每个字都有着落" in n.message
                   for n in report.notes), row


def test_figures_before_their_labels_in_reading_order_refuse_the_table() -> None:
    """poppler's pdftotext (no -layout) of a page printed narrow by Chromium: in its reading
    order a row's figures, vertically centred in a row its wrapped label makes tall, come
    before the label — the first row's (242308 … 679257) under the headings, its label
    一、本年新收政府信 / 息公开申请数量 then standing with no figure before the second's. Every
    label took the next row's figures, which add up by themselves: 3.危及“三安全一稳定” had
    been published with 4.保护第三方合法权益's 9 7 18513 31565 65758 1 115853, and so on (three
    such outputs of 250 pages). Now the applications table is refused with why; no figure of
    it is published."""
    path = PRINTED / "word55-2019-1224.pdftotext.txt"
    expected = page_expected(path)
    report = parse_file(path)
    assert {k: (v, expected[k]) for k, v in _cells(report).items() if expected[k] != v} == {}
    assert not any(c.table == "applications" for c in report.cells)
    problem = next(e for e in report.errors if e.table == "applications")
    assert "第一行“一、本年新收政府信息公开申请数量”之前已有一整行数字" in problem.message


def test_a_figure_on_a_labels_line_has_its_place_in_text_laid_out_in_columns() -> None:
    """`pdftotext -layout` of a page printed narrow: 3.要求提供公开出版物 9 and 4.无正当理由大量
    反复申 9 each with its first figure on its label's line, their other figures on the two
    lines below (1 1 2 6 3 22, then 5 2 9 1 1 27 beside 处理 请). 4.无正当… took the first
    row's, which add up with its own 9 (9 + 1 + 1 + 2 + 6 + 3 = 22), and was published with
    them. A figure after a label on a line of its own had no place in its line, so the rule
    that a row's figures on later lines stand right of the earlier ones could not see that 1
    stands left of 9: it has its place now, and the row is refused."""
    path = PRINTED / "plain70-2019-1065.pdftotext-layout.txt"
    expected = page_expected(path)
    report = parse_file(path)
    assert {k: (v, expected[k]) for k, v in _cells(report).items() if expected[k] != v} == {}
    assert "not_processed_excessive" not in {c.row for c in report.cells}
    problem = next(e for e in report.errors if e.row == "not_processed_excessive")
    assert "（9 / 1）" in problem.message
    # the rows with their figures on their labels' lines stay read
    assert _cells(report)[("applications", "not_processed_duplicate", "total")] == expected[
        ("applications", "not_processed_duplicate", "total")] == 24


def test_a_rows_figures_wrapped_onto_a_line_of_figures_alone_stay_read(tmp_path: Path) -> None:
    """`pdftotext -layout` of a narrow page wraps a row's figures onto the next line, from the
    left of where they began (一、本年新收… 84 66 78 68 75 / 58 429): a line of figures alone
    keeps no place in its line (only a line with words does), so the rule for figures broken
    over lines does not refuse the row (a first version that placed every line lost 14 right
    cells of one such LibreOffice page)."""
    source = PRINTED / "plain70-2019-1065.pdftotext-layout.txt"
    text = source.read_text("utf-8").replace(
        "一、本年新收政府信息公开申请数量         84 66 78 68 75 58 429",
        "一、本年新收政府信息公开申请数量         84 66 78 68 75\n"
        "                                58 429")
    assert "\n                                58 429" in text
    path = tmp_path / source.name
    path.write_text(text, "utf-8")
    expected = page_expected(source)
    cells = _cells(parse_file(path))
    assert [cells[("applications", "new", c)] for c in ("natural_person", "total")] == \
        [expected[("applications", "new", c)] for c in ("natural_person", "total")] == [84, 429]


def test_json_nested_too_deeply_gets_a_clear_answer(tmp_path: Path) -> None:
    """Nesting the decoder takes but a walk cannot (900 deep), and nesting the decoder itself
    refuses (5,000 deep): a line of its own each, no traceback."""
    for depth in (900, 5000):
        path = tmp_path / f"deep{depth}.json"
        path.write_text("[" * depth + '"a"' + "]" * depth, "utf-8")
        code, out = _run("parse", str(path))
        assert code == 1 and "internal error" not in out and "Traceback" not in out
        assert f"{path}:1: JSON 嵌套过深 / JSON nested too deeply: expected a tool's elements " \
            "or tables, found arrays or objects nested hundreds deep" in out


class _SpanCells(HTMLParser):
    """An HTML table's cells with their places as OCR services give them: (row, column, rows
    spanned, columns spanned, text), a merged cell once, at its first row and column."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[tuple[int, int, int, int, str]] = []
        self._taken: set[tuple[int, int]] = set()
        self._row = -1
        self._cell: list | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self._row += 1
        elif tag in ("td", "th"):
            a = dict(attrs)
            col = 0
            while (self._row, col) in self._taken:
                col += 1
            rows, cols = int(a.get("rowspan") or 1), int(a.get("colspan") or 1)
            self._taken.update((self._row + r, col + c) for r in range(rows) for c in range(cols))
            self._cell = [self._row, col, rows, cols, ""]

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self._cell[4] = re.sub(r"\s+", "", self._cell[4])
            self.cells.append(tuple(self._cell))  # type: ignore[arg-type]
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell[4] += data


def _span_cells(table_html: str) -> list[tuple[int, int, int, int, str]]:
    parser = _SpanCells()
    parser.feed(table_html)
    return parser.cells


def _ocr_tables(folder: str, order: str) -> list[list[tuple[int, int, int, int, str]]]:
    """The rendered report's tables as cell lists, in row order, column order or shuffled."""
    page = (RENDERED / folder / "report.html").read_text("utf-8")
    tables = [_span_cells(e["table_body"]) for e in _content_list(page) if e["type"] == "table"]
    for n, cells in enumerate(tables):
        if order == "columns":
            cells.sort(key=lambda c: (c[1], c[0]))
        elif order == "shuffled":
            random.Random(n).shuffle(cells)
    return tables


def _assert_refused_as_ocr(report) -> None:  # noqa: ANN001 - a ParsedReport
    """An OCR service's result, its figures not said to be checked: every table refused."""
    assert not [c for c in report.cells if c.value is not None]
    assert {e.table for e in report.errors if "OCR 服务的结果 / an OCR service's result"
            in e.message} == {"proactive", "applications", "review_litigation"}


def _ocr_json(service: str, tables: list) -> dict:
    """The shapes of the OCR services' table JSON (their documented fields)."""
    if service == "baidu":  # 表格文字识别: row_end / col_end one past the cell
        return {"log_id": 1, "table_num": len(tables), "tables_result": [{
            "table_location": [{"x": 0, "y": 0}], "header": [], "footer": [],
            "body": [{"cell_location": [{"x": 1, "y": 1}], "row_start": r, "row_end": r + h,
                      "col_start": c, "col_end": c + w, "words": t}
                     for r, c, h, w, t in cells]} for cells in tables]}
    if service == "tencent":  # RecognizeTableOCR: RowBr / ColBr one past the cell
        return {"Response": {"TableDetections": [{"Type": 1, "Cells": [
            {"ColTl": c, "RowTl": r, "ColBr": c + w, "RowBr": r + h, "Text": t, "Type": "body",
             "Confidence": 100, "Polygon": [{"X": 1, "Y": 1}]} for r, c, h, w, t in cells]}
            for cells in tables], "RequestId": "0"}}
    if service == "aliyun":  # RecognizeTable: xec / yec the last column and row, the text in
        # blocks (a label's lines: 政府集中 / 采购)
        return {"Data": {"tables": [{"tableCells": [
            {"xsc": c, "xec": c + w - 1, "ysc": r, "yec": r + h - 1,
             "blocks": [{"text": piece, "pos": [{"x": 1, "y": 1}]} for piece in (
                 [t[:4], t[4:]] if len(t) > 4 and not re.fullmatch(r"[0-9.]+", t) else
                 [t] if t else [])]}
            for r, c, h, w, t in cells]} for cells in tables]}}
    raise AssertionError(service)


@pytest.mark.parametrize("folder", FOLDERS)
@pytest.mark.parametrize("service", ["baidu", "tencent", "aliyun"])
@pytest.mark.parametrize("order", ["rows", "columns", "shuffled"])
def test_an_ocr_services_table_cells_read_by_their_places(folder: str, service: str, order: str,
                                                         tmp_path: Path) -> None:
    """Cells that each name their row and column (Baidu's, Tencent's and Aliyun's table OCR,
    a merged cell once with its span): put in their places whatever their order in the file —
    in column order they had been read as lines of text (nothing read), and a blank cell left
    out of the list had moved a row's figures a column. An OCR service's result: its tables
    are refused unless the sidecar says its figures were checked (transcription: ocr)."""
    path = tmp_path / f"{service}.json"
    path.write_text(json.dumps(_ocr_json(service, _ocr_tables(folder, order)),
                               ensure_ascii=False, indent=2), "utf-8")
    _assert_refused_as_ocr(parse_file(path))
    report = parse_file(path, ocr_checked=True)  # transcription: ocr in the sidecar
    _assert_exact(report, folder, title=False)
    lines = path.read_text("utf-8").split("\n")
    data = json.loads(path.read_text("utf-8"))
    tables = (data["tables_result"] if service == "baidu" else
              data["Response"]["TableDetections"] if service == "tencent" else
              data["Data"]["tables"])
    for cell in report.cells:  # its own line, and its row and column the service's (from 0)
        s = cell.source
        assert cell.raw[:4] in lines[s.line - 1]
        cells = tables[s.table - 1]["body" if service == "baidu" else
                                    "Cells" if service == "tencent" else "tableCells"]
        keys = {"baidu": ("row_start", "col_start"), "tencent": ("RowTl", "ColTl"),
                "aliyun": ("ysc", "xsc")}[service]
        assert [(c[keys[0]], c[keys[1]]) for c in cells].count((s.row - 1, s.col - 1)) == 1


def _azure_result(folder: str) -> dict:
    """Azure Document Intelligence's prebuilt-layout result: the content in reading order, its
    paragraphs (each table cell's too, named in the cell's elements), the pages' lines and
    words, the tables' cells; a page header and a page number as margins' paragraphs."""
    page = (RENDERED / folder / "report.html").read_text("utf-8")
    content = ""
    paragraphs: list[dict] = []
    tables: list[dict] = []

    def paragraph(text: str, role: str | None = None) -> int:
        nonlocal content
        item = {"spans": [{"offset": len(content), "length": len(text)}],
                "boundingRegions": [{"pageNumber": 1, "polygon": [0, 0, 1, 0, 1, 1, 0, 1]}],
                "content": text}
        if role:
            item["role"] = role
        content += text + "\n"
        paragraphs.append(item)
        return len(paragraphs) - 1

    paragraph("政府信息公开专栏", "pageHeader")
    for element in _content_list(page):
        if element["type"] == "text":
            paragraph(element["text"], "sectionHeading" if element.get("text_level") else None)
            continue
        cells = _span_cells(element["table_body"])
        start = len(content)
        out = []
        for r, c, h, w, t in cells:
            cell = {"kind": "columnHeader" if r == 0 else "content", "rowIndex": r,
                    "columnIndex": c, "content": t,
                    "boundingRegions": [{"pageNumber": 1, "polygon": [0, 0, 1, 0, 1, 1, 0, 1]}],
                    "spans": [{"offset": len(content), "length": len(t)}] if t else []}
            if h > 1:
                cell["rowSpan"] = h
            if w > 1:
                cell["columnSpan"] = w
            if t:
                cell["elements"] = [f"/paragraphs/{paragraph(t)}"]
            out.append(cell)
        tables.append({"rowCount": max(c[0] + c[2] for c in cells),
                       "columnCount": max(c[1] + c[3] for c in cells), "cells": out,
                       "spans": [{"offset": start, "length": len(content) - start}]})
    paragraph("1", "pageNumber")
    lines = [{"content": p["content"], "polygon": [0, 0, 1, 0, 1, 1, 0, 1], "spans": p["spans"]}
             for p in paragraphs]
    words = [{"content": ch, "polygon": [0, 0, 1, 0, 1, 1, 0, 1], "confidence": 0.99,
              "span": {"offset": n, "length": 1}} for n, ch in enumerate(content) if ch.strip()]
    return {"status": "succeeded", "createdDateTime": "2026-11-27T08:00:00Z",
            "analyzeResult": {"apiVersion": "2024-11-30", "modelId": "prebuilt-layout",
                              "stringIndexType": "textElements", "content": content,
                              "pages": [{"pageNumber": 1, "angle": 0, "width": 8.5,
                                         "height": 11, "unit": "inch", "words": words,
                                         "lines": lines, "spans": [{"offset": 0,
                                                                    "length": len(content)}]}],
                              "tables": tables, "paragraphs": paragraphs,
                              "contentFormat": "text", "sections": [{"spans": [], "elements": [
                                  f"/paragraphs/{n}" for n in range(len(paragraphs))]}]}}


@pytest.mark.parametrize("folder", FOLDERS)
def test_azure_document_intelligence_reads_each_text_once(folder: str, tmp_path: Path) -> None:
    """The analyzeResult holds the report's text four times (content, lines, words,
    paragraphs) and the tables' cells again as paragraphs: read once, the tables by their
    cells, the text by its paragraphs without the page's margins; the title gives the body."""
    path = tmp_path / "report.pdf.json"
    path.write_text(json.dumps(_azure_result(folder), ensure_ascii=False, indent=2), "utf-8")
    _assert_refused_as_ocr(parse_file(path))
    report = parse_file(path, ocr_checked=True)
    _assert_exact(report, folder)
    lines = path.read_text("utf-8").split("\n")
    for cell in report.cells:
        assert lines[cell.source.line - 1].strip() == f'"content": "{cell.raw}",'
    assert not any("政府信息公开专栏" in (n.message if hasattr(n, "message") else str(n))
                   for n in report.notes)


def _document_ai(folder: str) -> dict:
    """Google Document AI's Document (Enterprise Document OCR / Form Parser): the text once;
    a paragraph of every piece of it, the tables' cells' too; each table's rows as body rows
    of cells with their spans, every one pointing into the text by offsets (a startIndex of 0
    left out, as the API leaves out zeros)."""
    page = (RENDERED / folder / "report.html").read_text("utf-8")
    text = ""
    paragraphs: list[dict] = []
    tables: list[dict] = []

    def anchor(start: int, end: int) -> dict:
        segment = {"endIndex": str(end)} | ({"startIndex": str(start)} if start else {})
        return {"textAnchor": {"textSegments": [segment]}, "confidence": 0.98,
                "boundingPoly": {"normalizedVertices": [{"x": 0.1, "y": 0.1}]}}

    def piece(words: str) -> tuple[int, int]:
        nonlocal text
        start = len(text)
        text += words + "\n"
        paragraphs.append({"layout": anchor(start, start + len(words) + 1)})
        return start, start + len(words) + 1

    for element in _content_list(page):
        if element["type"] == "text":
            piece(element["text"])
            continue
        start = len(text)
        rows: dict[int, list[dict]] = {}
        for r, _c, h, w, t in sorted(_span_cells(element["table_body"])):
            a, b = piece(t) if t else (len(text), len(text))
            cell = {"layout": anchor(a, b), "rowSpan": h, "colSpan": w}
            rows.setdefault(r, []).append(cell)
        tables.append({"layout": anchor(start, len(text)), "bodyRows": [
            {"cells": rows.get(r, [])} for r in range(max(rows) + 1)]})
    return {"mimeType": "application/pdf", "text": text, "pages": [{
        "pageNumber": 1, "dimension": {"width": 1654, "height": 2339, "unit": "pixels"},
        "layout": anchor(0, len(text)), "paragraphs": paragraphs, "tables": tables,
        "detectedLanguages": [{"languageCode": "zh", "confidence": 0.99}]}]}


@pytest.mark.parametrize("folder", FOLDERS)
def test_google_document_ai_reads_each_text_once(folder: str, tmp_path: Path) -> None:
    """Document AI's Document holds the text once and points into it: read as it was, the
    whole text was taken for a text file and its figures published, though an OCR service
    read them. Now it is marked OCR (its tables refused unless the sidecar says every figure
    was checked), and read by its tables' cells and the paragraphs outside them."""
    path = tmp_path / "report.json"
    document = _document_ai(folder)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), "utf-8")
    _assert_refused_as_ocr(parse_file(path))
    report = parse_file(path, ocr_checked=True)
    _assert_exact(report, folder)
    lines = path.read_text("utf-8").split("\n")
    for cell in report.cells:  # its line: the end of its offsets in the text
        assert '"endIndex"' in lines[cell.source.line - 1]
        end = int(lines[cell.source.line - 1].split('"')[3])
        assert document["text"][:end].rstrip().endswith(cell.raw)


def test_two_cells_at_one_place_get_a_clear_answer(tmp_path: Path) -> None:
    """A cell list with two different texts at one row and column cannot be one table; nor
    one whose indexes would make a grid of a billion places."""
    cells = [{"row": 0, "col": 0, "text": "规章"}, {"row": 0, "col": 1, "text": "5"},
             {"row": 0, "col": 1, "text": "6"}]
    path = tmp_path / "cells.json"
    path.write_text(json.dumps(cells, ensure_ascii=False, indent=1), "utf-8")
    code, out = _run("parse", str(path))
    assert code == 1 and "Traceback" not in out
    assert f"{path}:15: 表格两个单元格位置相同 / two cells of a table at one place: expected one " \
        "text at each row and column, found 第0行第1列 / row 0 column 1: '5' (line 10) and '6'" \
        in out
    # a row or column index far out (a grid of a billion places): refused at once
    cells[2] = {"row": 1_000_000_000, "col": 0, "text": "6"}
    path.write_text(json.dumps(cells, ensure_ascii=False, indent=1), "utf-8")
    code, out = _run("parse", str(path))
    assert code == 1 and "Traceback" not in out
    assert f"{path}:15: 表格行号或列号过大 / a table cell's row or column out of range: expected " \
        "at most 2,000 rows and 100 columns from the first, found row 1000000000 column 0" in out


@pytest.mark.parametrize("folder", ["random-1", "template-2019"])
def test_doclings_table_cells_without_the_grid(folder: str, tmp_path: Path) -> None:
    """docling's document with its tables' table_cells and no grid (the grid is a computed
    field an export can leave out): the cells by their row and column offsets, a merged cell's
    text once; the same figures as with the grid, each on its own line."""
    data = json.loads((RENDERED / folder / "docling.json").read_text("utf-8"))
    for table in data["tables"]:
        del table["data"]["grid"]
    path = tmp_path / "docling.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    report = parse_file(path)
    _assert_exact(report, folder)
    lines = path.read_text("utf-8").split("\n")
    for cell in report.cells:
        assert lines[cell.source.line - 1].strip() == f'"text": "{cell.raw}",'


_OCR_FOLDERS = ("random-1", "missing-cells", "template-2019")


@functools.cache
def _ocr_case(folder: str) -> tuple[list, dict]:
    """A report's tables as a cell list, and which cell (table, row, column in the list)
    holds which cell of the template, from the reading of the unchanged list (exact: above)."""
    tables = _ocr_tables(folder, "rows")
    report = parse_document(read_json(json.dumps(_ocr_json("tencent", tables)).encode(), "t.json"),
                            ocr_checked=True)
    _assert_exact(report, folder, title=False)
    codes = {(c.source.table - 1, c.source.row - 1, c.source.col - 1): (c.table, c.row, c.column)
             for c in report.cells}
    return tables, codes


@settings(max_examples=int(os.environ.get("HYPOTHESIS_EXAMPLES", "60")), deadline=None,
          suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(_OCR_FOLDERS), st.data())
def test_an_ocr_cell_list_with_cells_lost_emptied_changed_or_doubled(folder: str,
                                                                     data: st.DataObject) -> None:
    """Cells deleted, emptied, a digit changed, a second text at a cell's place, the order
    shuffled, the file cut short: a record or the project's own error, never another
    exception; every figure published is the one its cell holds, a cell lost or emptied is
    published as missing or not at all, never another cell's figure."""
    base, codes = _ocr_case(folder)
    truth = _expected(folder)["cells"]
    tables = [list(cells) for cells in base]
    lost: set = set()
    changed: set = set()
    for _ in range(data.draw(st.integers(1, 6))):
        t = data.draw(st.integers(0, len(tables) - 1))
        if not tables[t]:
            continue
        n = data.draw(st.integers(0, len(tables[t]) - 1))
        r, c, h, w, text = tables[t][n]
        code = codes.get((t, r, c))
        kind = data.draw(st.sampled_from(["delete", "empty", "digit", "double"]))
        if kind == "delete":
            del tables[t][n]
            lost.add(code)
        elif kind == "empty":
            tables[t][n] = (r, c, h, w, "")
            lost.add(code)
        elif kind == "digit" and any(ch.isdigit() for ch in text):
            at = data.draw(st.sampled_from([i for i, ch in enumerate(text) if ch.isdigit()]))
            tables[t][n] = (r, c, h, w, text[:at] + str((int(text[at]) + 1) % 10) + text[at + 1:])
            changed.add(code)
        elif kind == "double":
            tables[t].insert(data.draw(st.integers(0, len(tables[t]))), (r, c, h, w, text + "1"))
            changed.add(code)
    for cells in tables:
        data.draw(st.randoms(use_true_random=False)).shuffle(cells)
    text = json.dumps(_ocr_json("tencent", tables), ensure_ascii=False, indent=1)
    if data.draw(st.booleans()):
        text = text[:data.draw(st.integers(0, len(text)))]
    try:
        report = parse_document(read_json(text.encode(), "t.json"), ocr_checked=True)
    except ReportError:
        return
    for key, value in _cells(report).items():
        if key in changed:
            continue
        assert value == (None if key in lost else truth[key]), (key, value, truth[key])


def _trial_spec(seed: int, template: str) -> synth.ReportSpec:
    """The synthetic report of the twenty-seventh session's Chromium trial page ``seed``."""
    rng = random.Random(seed * 104729)
    return synth.random_spec(rng, template=template, scale=rng.choice((9, 99, 999, 9999, 99999)))


def test_markitdown_rows_as_tables_are_refused_with_their_reason() -> None:
    """markitdown's PDF form layout puts each row in a table of its own and the rest of a label
    cut narrow on the lines around it (`| | 2.其 | 4340 | … |` / 他法律…禁止公开 /
    `| | | 10248 | … |` / 3.危及…): no label can be placed, so no table is read, each refused
    saying why; body and year are read."""
    path = PRINTED / "word45-2021-2006.markitdown.md"
    spec = _trial_spec(2006, "2021")
    assert page_expected(path) == dict(spec.values)
    report = parse_file(path)
    assert not any(c.value is not None for c in report.cells)
    assert {e.table for e in report.errors
            if "markitdown's PDF form layout" in e.message} == set(codes.TABLES)
    assert (report.body, report.year) == (spec.body, spec.year)


def test_a_numbered_start_beside_other_figures_refuses_the_row_its_tail_names() -> None:
    """The same text as one table (its rows' |---| lines gone): the tail 他法律…禁止公开 before
    10248 names row 2, whose start 2.其 stands beside 4340: row 2 is refused, not published
    with row 3's figures; every figure published is the page's."""
    path = PRINTED / "word45-2021-2006.markitdown.md"
    expected = page_expected(path)
    lines, seen = [], False
    for line in path.read_text("utf-8").split("\n"):
        if re.fullmatch(r"\|(?:\s*-{3,}\s*\|)+", line.strip()):
            if seen:
                continue
            seen = True
        lines.append(line)
    report = parse_document(text_document("\n".join(lines).encode(), "m.md"))
    assert report.layout == "markdown"
    assert {k: (v, expected[k]) for k, v in _cells(report).items()
            if v is not None and expected[k] != v} == {}
    assert sum(c.value is not None for c in report.cells) > 100
    assert not any(c.row == "withheld_prohibited_by_law" and c.value is not None
                   for c in report.cells)
    # (since the forty-fourth session 2.其 with the group's pieces before it names row 2, read
    # with 4340 …; its tail then names it again beside row 3's figures: printed twice, refused)
    assert any(e.row == "withheld_prohibited_by_law" and (
        "numbered start “2.其”" in e.message or "printed twice with different numbers"
        in e.message) for e in report.errors)


@pytest.mark.parametrize(("name", "seed", "template"), [("cms70-2021-1109", 1109, "2021"),
                                                        ("plain70-2019-1050", 1050, "2019")])
def test_pymupdf4llm_picture_text_comments_are_no_text(name: str, seed: int,
                                                       template: str) -> None:
    """pymupdf4llm's Markdown marks text found in a picture's area with HTML comments: the
    comment after a table's last figure (行政事业性收费 5220.89<br><!-- End of picture text -->)
    had made that figure unreadable; after the signature and its date joined on one line, it
    had left the report undated. Every figure published is the page's, the fee's amount among
    them, and the report is dated and signed as its page."""
    path = PRINTED / f"{name}.pymupdf4llm.txt"
    spec = _trial_spec(seed, template)
    expected = page_expected(path)
    assert expected == dict(spec.values)
    report = parse_file(path)
    assert {k: (v, expected[k]) for k, v in _cells(report).items()
            if v is not None and expected[k] != v} == {}
    assert (report.body, report.year) == (spec.body, spec.year)
    assert report.metadata["published"]["value"] == str(spec.published)
    if template == "2021":
        assert _cells(report)["proactive", "fees", "amount"] == expected["proactive", "fees", "amount"]
    else:
        assert report.metadata["signed_by"] == spec.body


@pytest.mark.parametrize("name", ["plain2021-3002.html2text.md", "cms2019-3042.html2text.md",
                                  "word2019-3018.html2text-wraptables.md"])
def test_rows_html2text_wrapped_at_its_width_are_read_whole(name: str) -> None:
    """html2text wraps its text at 78 characters, a table's rows too: the row's line ends with
    the | after a cell and its last figures stand on the next line. The row is read whole, each
    figure at the line it stands on (it had been refused: a cell too many)."""
    path = PRINTED / name
    report = parse_file(path)
    assert report.complete and _cells(report) == page_expected(path)
    lines = path.read_text("utf-8").splitlines()
    cut = next(n for n, line in enumerate(lines, 1) if line.endswith("|"))
    after = [c for c in report.cells if c.source.line == cut + 1]
    assert after and all(str(c.value) in lines[cut] for c in after)


@pytest.mark.parametrize("name", ["plain2021-3004.requests-gbk.html",
                                  "plain2019-3003.gbk-inscriptis.txt"])
def test_a_page_a_crawler_took_for_gbk_is_read_back(name: str) -> None:
    """A UTF-8 page a crawler took for GBK (requests with r.encoding = "gbk"; inscriptis over
    the page decoded as GBK): read back as UTF-8, every figure read, the note says so."""
    path = PRINTED / name
    report = parse_file(path)
    assert report.complete and _cells(report) == page_expected(path)
    assert report.encoding == "utf-8 (misread as gbk)"
    assert any("misread it as gbk (mojibake)" in n.message for n in report.notes)


@pytest.mark.parametrize("name", ["cms2021-3004.trafilatura.xml",
                                  "plain2019-3003.trafilatura-tei.xml"])
def test_trafilatura_xml_is_read_as_the_page_it_stands_for(name: str) -> None:
    """trafilatura's XML and XML-TEI (as web crawls keep pages): <row> and <cell> are a table's
    rows and cells, the title its metadata's; every figure read at its line of the XML (they
    had been read as text, the tables not found)."""
    path = PRINTED / name
    report = parse_file(path)
    assert report.complete and _cells(report) == page_expected(path)
    lines = path.read_text("utf-8").splitlines()
    assert all(f">{c.value}</" in lines[c.source.line - 1] for c in report.cells
               if isinstance(c.value, int))  # <p>26</p> in a <cell>, or <cell>26</cell>
    if "tei" in name:  # with its metadata: the TEI header's title names the body and year
        title = re.search(r"<title[^>]*>([^<]*)</title>", path.read_text("utf-8")).group(1)
        assert report.body and report.body in title and str(report.year) in title


def test_cells_apart_by_two_tabs_are_read_as_one_separator() -> None:
    """resiliparse's plain text of a page (extract_plain_text) sets a table's cells apart by two
    tabs (规章\t\t2\t\t3\t\t4): one separator where every run of tabs is even, four tabs a blank
    cell between; it had been read as blank cells between every two (6 cells for 3 columns)."""
    path = PRINTED / "plain2021-3002.resiliparse.txt"
    assert "\t\t" in path.read_text("utf-8")
    report = parse_file(path)
    assert report.complete and _cells(report) == page_expected(path)
    garbled = path.read_text("utf-8").replace("\t\t", "\t", 1)  # one run odd: taken as written
    assert not parse_document(text_document(garbled.encode("utf-8"), "t.txt")).complete


@pytest.mark.parametrize("name", ["lo2021-28.pymupdf-html.html", "c2021-2102.pymupdf-html.html",
                                  "lo2021-28.pymupdf.json"])
def test_pymupdfs_placed_lines_and_spans_are_laid_out_on_their_pages(name: str) -> None:
    """PyMuPDF's page.get_text("html") places each line of text by its style (top, left) and
    get_text("json") gives each span its bbox: they are laid out in their columns as
    pdftotext's word boxes are. Read as a flowing page, the HTML of a page Chromium printed
    narrow had published a wrapped figure's last digit as the row's total (8 for 1208, its
    120 raised as a <sup>); laid out, 120 on the row's line and 8 below it are joined where the
    row then adds up. The JSON had been read as strings, not a report."""
    path = PRINTED / name
    expected = page_expected(path)
    report = parse_file(path)
    assert report.layout == "word-boxes"
    assert {k: (v, expected[k]) for k, v in _cells(report).items() if expected[k] != v} == {}
    if name.startswith("lo"):
        assert report.complete and _cells(report) == expected
        assert all(c.source.page for c in report.cells)
    else:  # (1208 as 120 on the row's line, 8 on the next: joined, the row adds up)
        assert _cells(report)[("applications", "other_no_fee", "total")] == 1208
        assert any("120 8 → 1208" in note.message for note in report.notes)


@pytest.mark.parametrize("name", ["c2021-2185.pymupdf-blocks-sort.txt",
                                  "w2021-396.pymupdf-blocks-sort.txt"])
def test_a_groups_heading_cut_before_its_first_rows_figures_refuses_the_table(name: str) -> None:
    """PyMuPDF's text blocks sorted (get_text("blocks", sort=True)) of a page printed narrow:
    `（六）其他处` / `1 4 2 8 1 9 25` / `理` / `1.申请人无正当理由逾…`, the first row's figures
    before its label under the group's heading cut short; or cut to its numbering (`（` / `六）`
    / `31 1 2 85 1 265 385`, a Word-style page's). The heading's figures had been left out as a
    row of no label and every row after took the next one's (6 3 3 2 1 4 19 published as
    other_no_correction's); the heading is known cut short now, and the table refused."""
    path = PRINTED / name
    expected = page_expected(path)
    report = parse_file(path)
    assert {k: (v, expected[k]) for k, v in _cells(report).items() if expected[k] != v} == {}
    assert not any(c.table == "applications" for c in report.cells)
    assert any("“（六）其他处理”一行有数字" in e.message for e in report.errors)


@pytest.mark.parametrize("name", ["lo2019-111.pypdfium2.txt", "c2019-2022.pypdfium2.txt"])
def test_pypdfium2s_text_reads_past_its_page_marks_and_joins_wrapped_figures(name: str) -> None:
    """pypdfium2's `extract-text` (PDFium's text, CRLF lines, `# Page 2` before each page) of
    a LibreOffice PDF and of a page Chromium printed narrow: the page mark between two rows had
    been taken for a figure (`规章 … 89` / `# Page 3` / `规范性文件 …`: 4 cells for 3 columns),
    and a total wrapped in its narrow cell (`… 300209 111704` / `4`; `… 59 51` / `37` / `6`)
    had refused its row (8 cells for 7 columns). The page marks are left out; the tail is
    joined to its figure across the line break, as the row's sum and the table's rules say."""
    path = PRINTED / name
    data = path.read_bytes()
    assert b"\n# Page 2\n" in data and b"\r\n" in data
    report = parse_file(path)
    assert report.complete and _cells(report) == page_expected(path)
    joined = [n for n in report.notes if "figures wrapped onto the next line joined" in n.message]
    assert joined
    lines = data.decode("utf-8").splitlines()
    for note in joined:  # the row's line holds its figures as printed, the tail the next line
        head, tail = re.search(r"\((\d+) (\d+) → \d+\)", note.message).groups()
        assert lines[note.line - 1].rstrip().endswith(" " + head) or lines[note.line].strip() == head
        assert tail in [line.strip() for line in lines[note.line:note.line + 3]]


_ROW_OF_SEVEN = re.compile(r"^(\S+?) ((?:\d+ ){6}\d+)$")


def _wrap_figure(lines: list[str], n: int, j: int, cut: int) -> list[str]:
    """Line ``n``'s ``j``-th figure wrapped after ``cut`` digits as PDFium writes a narrow
    cell's text: its tail alone on the next line, the row's further figures on the line after."""
    label, figures = _ROW_OF_SEVEN.match(lines[n]).groups()
    figures = figures.split()
    head, tail = figures[j][:cut], figures[j][cut:]
    wrapped = [f"{label} {' '.join(figures[:j] + [head])}", tail]
    if j < 6:
        wrapped.append(" ".join(figures[j + 1:]))
    return lines[:n] + wrapped + lines[n + 1:]


def test_figures_wrapped_onto_the_next_line_are_joined_or_refused_never_wrong() -> None:
    """Every row of the applications table of pypdfium2's text, one figure at a time wrapped
    onto the next line at every place (the total, or a figure among the others, whose row's
    further figures then stand on the line after): the row is read whole, the figure joined
    where the row's sum and the table's rules confirm it, and no figure is ever other than the
    report's. With a figure made one more in the wrapped row and its total too (the row adds
    up, the table's columns do not), the join is refused, not published."""
    path = PRINTED / "lo2019-111.pypdfium2.txt"
    expected = page_expected(path)
    lines = path.read_text("utf-8").replace("\r\n", "\n").split("\n")
    start = next(i for i, line in enumerate(lines) if line.startswith("一、本年新收"))
    end = next(i for i, line in enumerate(lines) if line.startswith("四、结转下年度"))
    rows = [i for i in range(start, end + 1) if _ROW_OF_SEVEN.match(lines[i])]
    assert len(rows) >= 18
    tried = 0
    for n in rows:
        figures = _ROW_OF_SEVEN.match(lines[n]).group(2).split()
        for j in (6, 2):
            for cut in range(1, len(figures[j])):
                text = "\n".join(_wrap_figure(lines, n, j, cut))
                report = parse_document(text_document(text.encode("utf-8"), "p.txt"))
                got = _cells(report)
                assert {k: v for k, v in got.items() if v is not None and expected[k] != v} == {}
                assert report.complete and got == expected, (lines[n], j, cut)
                tried += 1
    assert tried > 100
    # the row adds up with the join, the table's columns do not: refused
    n = rows[0]
    label, figures = _ROW_OF_SEVEN.match(lines[n]).groups()
    figures = [int(f) for f in figures.split()]
    figures[0] += 1
    figures[6] += 1
    lines[n] = f"{label} {' '.join(map(str, figures))}"
    text = "\n".join(_wrap_figure(lines, n, 6, 3))
    report = parse_document(text_document(text.encode("utf-8"), "p.txt"))
    assert not any(c.row == "new" and c.value is not None for c in report.cells)
    assert any(e.row == "new" and "the table's rules over its columns do not confirm it"
               in e.message and "wrapped onto the next line" in e.message for e in report.errors)


def test_a_reviews_figure_wrapped_onto_the_next_line_is_joined_by_its_blocks_sum() -> None:
    """The reviews table's 15 figures in pypdfium2's text, each in turn wrapped onto the next
    line at every place, the figures after it on the line after (`… 47 17736` / `2` / `22 1 …`
    for 177362): joined where exactly one join across the line breaks makes every block add up
    to its total (R4), never a figure other than the report's. With the wrapped figure's block
    not adding up, nothing is joined and the table is refused."""
    path = PRINTED / "lo2019-111.pypdfium2.txt"
    expected = page_expected(path)
    lines = path.read_text("utf-8").replace("\r\n", "\n").split("\n")
    n = next(i for i, line in enumerate(lines) if re.fullmatch(r"(?:\d+ ){14}\d+", line))
    figures = lines[n].split()
    reviews = {k: v for k, v in expected.items() if k[0] == "review_litigation"}
    tried = 0
    for j, figure in enumerate(figures):
        for cut in range(1, len(figure)):
            wrapped = [" ".join(figures[:j] + [figure[:cut]]), figure[cut:]]
            if j < 14:
                wrapped.append(" ".join(figures[j + 1:]))
            text = "\n".join(lines[:n] + wrapped + lines[n + 1:])
            report = parse_document(text_document(text.encode("utf-8"), "p.txt"))
            got = _cells(report)
            assert {k: v for k, v in got.items() if v is not None and expected[k] != v} == {}
            assert {k: v for k, v in got.items() if k[0] == "review_litigation"} == reviews, (j, cut)
            assert any("each block adds up to its total" in note.message for note in report.notes)
            tried += 1
    assert tried >= 30
    figures[5] = str(int(figures[5]) + 1)  # the wrapped figure's block no longer adds up
    head, tail = figures[9][:-1], figures[9][-1]
    text = "\n".join(lines[:n] + [" ".join(figures[:9] + [head]), tail, " ".join(figures[10:])]
                     + lines[n + 1:])
    report = parse_document(text_document(text.encode("utf-8"), "p.txt"))
    assert not any(c.table == "review_litigation" for c in report.cells)
    assert any(e.table == "review_litigation" for e in report.errors)


@pytest.mark.parametrize(("name", "row", "before"), [
    ("w2021-308.pymupdf-blocks-sort.txt", "other_no_correction", "not_processed_confirmation"),
    ("w2021-398.pymupdf-blocks-sort.txt", "not_processed_confirmation",
     "not_processed_excessive")])
def test_a_row_after_figures_under_the_rest_of_the_label_before_it_is_refused(
        name: str, row: str, before: str) -> None:
    """PyMuPDF's sorted text blocks of Word-style pages: `5.要求行政机关确认` / `或重新出具已获取`
    / its figures / `信息` / the next row's figures / `1.申请人无正当理由…` — a label wrapped taller
    than its figures puts the next row's figures before that row's label; or the group's
    heading, printed beside its middle rows (`（` / `五` / `）` / `不` / `予` / `处` / `理` / the
    next row's figures / `5.要求行政机关确认…`). The row after them had taken the figures of the
    row after it (4 5 3 2 30 1 45 for 7 67 8 1 5 21 109), which was left without any: it is
    refused by name, the row before it still read."""
    path = PRINTED / name
    expected = page_expected(path)
    report = parse_file(path)
    got = _cells(report)
    assert {k: v for k, v in got.items() if v is not None and expected[k] != v} == {}
    assert all(got.get(("applications", row, c)) is None for c in codes.APPLICANT_COLUMNS)
    assert any(e.row == row and "may have taken the next one's" in e.message
               for e in report.errors)
    assert got[("applications", before, "total")] == expected[("applications", before, "total")]


def test_figures_at_a_page_foot_before_an_unread_row_leave_the_next_row_read() -> None:
    """pdfplumber's text of a page whose row 7.属于行政执法案卷 broke over a page: its figures at
    the foot under 信息 (the rest of row 6's label), its label after the repeated heading
    rows, then 8.属于行政查询事项 with its own figures. The figures of no row stand under the
    rest of a label as above, but the next row read is not the one after it (row 7 is left
    unread, as before): row 8 keeps its figures."""
    path = PRINTED / "w2021-182.pdfplumber.txt"
    expected = page_expected(path)
    report = parse_file(path)
    got = _cells(report)
    assert {k: v for k, v in got.items() if v is not None and expected[k] != v} == {}
    assert all(got[("applications", "withheld_query_matters", c)] == expected[
        ("applications", "withheld_query_matters", c)] for c in codes.APPLICANT_COLUMNS)
    assert not any("may have taken the next one's" in e.message for e in report.errors)


@pytest.mark.parametrize("name", ["lo2021-28.pdf2json.json", "c2021-2032.pdf2json.json"])
def test_pdf2json_texts_are_laid_out_on_their_pages(name: str) -> None:
    """pdf2json 4 (Node.js, on PDF.js) of a LibreOffice PDF and of a page Chromium printed:
    each text placed by x and y in its page units (16 points), its width in points — for the
    browser's PDF the font's before the text's matrix scales it (16 for characters 12.25
    points apart), scaled by the spacing of its characters. Laid out as word boxes, every
    figure read; the older form (under formImage, each text URI-escaped) reads alike."""
    path = PRINTED / name
    expected = page_expected(path)
    report = parse_file(path)
    assert report.layout == "word-boxes"
    assert report.complete and _cells(report) == expected
    assert all(c.source.page for c in report.cells)
    data = json.loads(path.read_text("utf-8"))
    for page in data["Pages"]:
        for text in page["Texts"]:
            for run in text["R"]:
                run["T"] = urllib.parse.quote(run["T"])
    older = json.dumps({"formImage": data}).encode("utf-8")
    assert _cells(parse_document(read_json(older, "old.json"))) == expected


def test_pdfjs_text_content_is_laid_out_on_its_pages() -> None:
    """PDF.js's getTextContent of every page (pdfjs-dist under Node.js) of a site editor's page
    Chromium printed: each item placed by its transform (baseline, from the page's foot), its
    width and height; a character an item. The table's two narrow last columns wrap 386 and 2529
    as `38 25` above the row's line and `6 29` below it: joined where the row adds up. Dumped
    as a page's content alone, under "pages", as items each naming its page, with marked
    content among them, or as JSON Lines, it reads alike."""
    path = PRINTED / "cms2021-11.pdfjs.json"
    expected = page_expected(path)
    report = parse_file(path)
    assert report.layout == "word-boxes"
    assert report.complete and _cells(report) == expected
    assert {c.source.page for c in report.cells} == {2, 3, 4}
    joined = [n.message for n in report.notes if "above and below the row's line" in n.message]
    assert any("38 6 → 386, 25 29 → 2529" in m for m in joined), joined
    pages = json.loads(path.read_text("utf-8"))
    flat = [dict(item, page=n) for n, page in enumerate(pages, 1) for item in page["items"]]
    marked = [dict(page, items=[x for item in page["items"] for x in (
        {"type": "beginMarkedContent", "tag": "P"}, item, {"type": "endMarkedContent"})])
        for page in pages]
    for variant, lines in ((json.dumps({"pages": pages}), False), (json.dumps(flat), False),
                           (json.dumps(marked), False),
                           ("\n".join(json.dumps(page) for page in pages), True)):
        doc = read_json(variant.encode("utf-8"), "v.json", lines=lines)
        assert _cells(parse_document(doc)) == expected
    # one page's content alone: its cells, those of the tables on it
    second = parse_document(read_json(json.dumps(pages[2]).encode("utf-8"), "p3.json"))
    assert _cells(second) and all(expected[k] == v for k, v in _cells(second).items()
                                  if v is not None)


def test_pdfjs_item_without_its_place_refuses_the_file_at_its_line() -> None:
    """An item of PDF.js's text content that lost its transform, width or page: the file is
    refused at the item's line, saying what was expected and found (its strings in their order
    would run neighbouring cells' figures together)."""
    pages = json.loads((PRINTED / "cms2021-11.pdfjs.json").read_text("utf-8"))
    flat = [dict(item, page=n) for n, page in enumerate(pages, 1) for item in page["items"]]
    for key, value in (("transform", None), ("width", "wide"), ("transform", [1, 0, 0]),
                       ("page", 1.5)):
        broken = json.loads(json.dumps(flat))
        broken[400][key] = value
        broken[400]["str"] = "标记"
        text = json.dumps(broken, ensure_ascii=False, indent=1)
        with pytest.raises(ReportError) as caught:
            read_json(text.encode("utf-8"), "b.json")
        # the item's line: that of its first value, its str
        assert caught.value.problems[0].line == text.split("\n").index('  "str": "标记",') + 1
        assert "expected PDF.js's str, transform" in caught.value.problems[0].message
        assert 'found {str: "标记"' in caught.value.problems[0].message
