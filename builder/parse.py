"""Document grid -> parsed report: title, sections, metadata, and the three tables as cells
keyed by the template's codes.

Every input (tab rows, one cell per line, ``|`` cells, aligned columns, box tables, HTML, DOCX,
PDF) arrives as rows of cells. One mapping turns them into codes: inside a table's region the
cells are a stream of tokens; a run of label text followed by a run of numbers is a row; the
label run is matched to a template row by its key words (the match nearest to the numbers
wins); the numbers are assigned to the row's columns. When a row has more or fewer cells than
columns, every possible reading is tried and only a reading the consistency rules confirm is
taken (the record says so in ``notes``); otherwise the row is an error, never a guess.
"""

from __future__ import annotations

import datetime
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from itertools import accumulate, combinations, pairwise, product
from pathlib import Path

from . import codes
from .check import R1_ROWS, check_report, other_bodies, result_leaves, table_rules
from .errors import ReportError
from .model import Cell, Document, GridCell, GridRow, Note, ParsedReport, Problem, Section, Source
from .normalize import (
    GBK_MISREAD,
    PINYIN_GLOSS,
    WHITESPACE,
    halfwidth,
    misread_as,
    norm,
    taiwan_words,
    traditional,
    without_pinyin,
)
from .read import MD_ESCAPE, ROWS_AS_TABLES, display_width, read_document

# token kinds
V, M, B, X, T = "value", "missing", "blank", "bad", "text"

_NUMBER = re.compile(r"^[+\-]?\d+(?:\.\d+)?$")
_CHANGE_WORDS = re.compile(r"^(增加?|减少?)(\d+)(?:件|个|条|项|宗)?$")
_GROUPED = re.compile(r"^[+\-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?$")
# a figure as sums of money are printed: signed, grouped by commas or not, decimals or not
_MONEY_FIGURE = r"[+\-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
# … and so a count with its unit (1,132件)
_UNIT = re.compile(rf"^({_MONEY_FIGURE})(?:件|个|条|项|起|次|批次|批|宗|万元|\(万元\))$")
# the units of money (codes.AMOUNT_UNITS), the longest first: 百万元 before 万元 before 元
_YUAN_UNITS = "|".join(sorted(codes.AMOUNT_UNITS, key=len, reverse=True))
# not the template's unit (a figure grouped by commas too: 251,000元 is a figure, not a label)
# (万 alone: 万元 shortened, 2601.953875万 — an amount as printed reads it as 万元)
_OTHER_UNIT = re.compile(rf"^{_MONEY_FIGURE}(?:元|千元|亿元|%|万)$")
# a sum of money written with the yuan sign (￥251,000.00): a figure in 元, none of the template's
# counts; only an amount taken as printed (UNIT_AS_PRINTED) reads it
_YUAN_SIGN = re.compile(rf"^[¥￥]{_MONEY_FIGURE}(?:{_YUAN_UNITS})?$")
# several figures apart by spaces in one cell, or dashes standing for blank cells among them
# (PDFium's text of a table row: 6 2 32 28, - - - - -): each a cell of its own; a figure may
# carry its sign (本年增/减: Apache Tika's `2 -5 9` on a line of its own)
_MULTI = re.compile(r"^(?:-?\d+(?:\.\d+)?|[-—–/])(?:\s+(?:-?\d+(?:\.\d+)?|[-—–/]))+$")
# a dash written as pandoc's Markdown writes it ("---" for —, "\\-" for an escaped -) is one too
_MISSING = {"/", "-", "—", "——", "–", "--", "---", "\\", "\\-", "\\--", "\\---", "…", "无", "暂无",
            "空", "／", "x", "X", "×", "_", "__", "\\_",  # (an underscore as the blank, \_ in Markdown)
            # words for "nothing to report here": missing too, never 0
            "不适用", "不涉及", "未涉及", "无此项", "无数据", "暂无数据", "未统计", "空白",
            # 本年增/减 in words, "neither up nor down": said, but no figure printed
            "未增未减", "无增减", "无增无减", "未增减", "不增不减"}
# an empty cell as data tools print it (pandas's to_markdown and to_string: nan, NaN, <NA>;
# Python's str() of an empty cell's value: None): a blank cell, as in their CSV
_EMPTY_WORDS = frozenset({"nan", "NaN", "<NA>", "None"})
# the Chinese zero written in a cell (零, or the numeral 〇 an input method gives for 0) is 0
_ZERO = {"零", "〇", "零件", "〇件", "零个", "〇个", "零条", "零项"}
_CJK = re.compile(r"[\u4e00-\u9fff]")
# the figures are matched possessively (++): with backtracking, a run of n digits that does
# not end the text (行政许可 1111…1元) was tried in 2^n ways (22 digits took 0.4 s, 40 about nine hours)
# a row's numbering alone before figures, a space between (`3. 1 96 22`)
_NUMBERING_THEN_FIGURES = re.compile(r"^\s*\d{1,2}\.\s+\d+(?:\s+\d+)*\s*$")
_TRAILING_NUMBERS = re.compile(r"^(.*[\u4e00-\u9fff）)”\"、，,.“‘])\s+((?:[+\-]?\d+(?:\.\d+)?"
                               r"(?:件|个|条|项|宗|万元)?\s*)++)$")
# a figure glued before a row's label: before its numbering (2503二、上年结转…), or of three
# digits or more (a numbering lost its point has one or two)
_FIGURE_BEFORE_LABEL = re.compile(r"^(?:\d+(?=[一二三四五六七八九十]、|[（(])|\d{3,}(?=[\u4e00-\u9fff]))")
# a label that ends in a figure, maybe with more after it (`信息96 394`, a line of pymupdf): no
# label of the template does; a tool dropped the space
_GLUED_FIGURE = re.compile(r"[^\d\s.,，、:：(（\[]\d+(?:\s+\d+)*$")
# a label that ends in a figure's whole part and its point (3. of 3.31): a tool split the figure
_SPLIT_AT_POINT = re.compile(r"(?<![\d.．])\d+[.．]$")
# a row's numbering: 3. (三) 1、 [2]
_NUMBER_MARK = r"[(\[]?[0-9一二三四五六七八九十]{1,3}[)\]]?[.、,]?"
_NUMBERING = re.compile(f"^{_NUMBER_MARK}$")
_LEADING_NUMBER = re.compile(r"^[(\[]?[0-9]{1,3}[)\]]?[.、,]?")
_FIGURE_IN_LABEL = re.compile(r"\d")  # after a leading "3." no label of the template has one


def _unnumbered(key: str) -> str:
    return _LEADING_NUMBER.sub("", key, count=1) if key[:1].isdigit() or key[:1] in "([" \
        else key

HEADINGS = (
    (1, re.compile(r"^(?:[一1][、.,]?)?(?:\([一1]\))?总体情况")),
    (2, re.compile(r"^(?:[二2][、.,]?)?主动公开政府信息的?情况")),
    (3, re.compile(r"^(?:[三3][、.,]?)?收到和处理政府信息公开申请的?情况")),
    (4, re.compile(r"^(?:[四4][、.,]?)?政府信息公开行政复议[、和及与]?行政诉讼的?情况")),
    (5, re.compile(r"^(?:[五5][、.,]?)?(?:政府信息公开工作)?存在的主要问题及(?:其)?改进情况")),
    (6, re.compile(r"^(?:[六6][、.,]?)?其他需要报告的事项")),
)
# the words of the report's kind in its title: 政府信息公开, 政务信息公开 or 信息公开 — or 政务公开, as
# some bodies title the same report (××镇2023年政务公开工作年度报告)
_DISCLOSURE = r"(?:(?:政府|政务)?信息公开|政务公开)"
# … and the words between them and 报告 (工作年度报告, 年度工作报告, 工作情况报告, 年报)
_REPORT_WORDS = r"(?:工作)?(?:情况)?的?(?:年度)?(?:工作)?(?:情况)?(?:报告|年报)"
_TITLE = re.compile(r"^(?P<body>.*?)(?P<year>(?:19|20)\d{2})年度?" + _DISCLOSURE + _REPORT_WORDS)
_TABLE_ANCHORS = {
    "proactive": re.compile(r"第二十条|信息内容|本年制发件数|本年新制作"),
    "applications": re.compile(r"申请人情况|本年新收"),
    "review_litigation": re.compile(r"^行政复议"),
}
# (or their heads cut short in narrow cells: pdf_oxide's 本年新制 | 本年新公 | 上一年项, whose
# figures the 2021 template's columns would take)
_2019_MARKS = re.compile(r"本年新制作|本年新公开|对外公开总数量|第二十条第\(九\)项|集中采购|上一年项目数量"
                         r"|本年新制(?![发定])|本年新公|上一年项")


@dataclass(slots=True)
class Token:
    kind: str
    text: str  # original text
    key: str  # normalised text
    value: int | float | None
    source: Source
    row: int  # index of the grid row it came from
    aligned: bool
    col: int = 0  # index of the cell in its grid row
    width: int = 1  # cells in its grid row
    solid: bool = False  # a blank known to be a real cell (not layout filler)
    x: tuple[int, int] | None = None  # start column in aligned text (chars, display)
    whole: Token | None = None  # the label's token a glued figure was split off (_split_glued)
    at: tuple[int, int] | None = None  # a figure's start on a line of figures alone (GridCell.at)


def parse_file(path: Path, display: str | None = None, level: str | None = None,
               ocr_checked: bool = False, body: str | None = None,
               region: tuple[str, ...] = ()) -> ParsedReport:
    """Read and parse one report file; raises ReportError when it cannot be read at all.
    ``ocr_checked``: the sidecar says that every figure of an OCR result was checked against
    the original (``transcription: ocr``); ``level``, ``body`` and ``region`` (province,
    prefecture, county): what the sidecar says of the body, for the checks of its prose."""
    doc = read_document(path, display)
    return parse_document(doc, level=level, ocr_checked=ocr_checked, body=body, region=region)


def parse_document(doc: Document, level: str | None = None, ocr_checked: bool = False,
                   body: str | None = None, region: tuple[str, ...] = ()) -> ParsedReport:
    rows = doc.rows
    texts = [r.text for r in rows]
    if mirror := traditional("".join(texts[:400])):
        # a 繁体 mirror converted to Taiwan usage: the template's words for its words
        rows = tuple(GridRow(tuple(c._replace(text=taiwan_words(c.text)) for c in r.cells),
                             r.aligned) for r in rows)
        texts = [r.text for r in rows]
    if sum(1 for _ in zip(range(3), PINYIN_GLOSS.finditer("\n".join(texts[:400])),
                          strict=False)) >= 3:
        # a mirror site's copy with pinyin after some characters (規(guī)章): the labels as
        # the report prints them
        rows = tuple(GridRow(tuple(c._replace(text=without_pinyin(c.text)) for c in r.cells),
                             r.aligned) for r in rows)
        texts = [r.text for r in rows]
    if numbered := _numbering(rows, texts):
        rows = tuple(row if i not in numbered else GridRow(row.cells[numbered[i]:], row.aligned)
                     for i, row in enumerate(rows) if numbered.get(i, 1) >= 0)
        texts = [r.text for r in rows]
    keys, wide = _line_keys(texts)
    heads = _find_headings(rows, keys)
    regions = _table_regions(keys, heads)
    found_tables = [t for t, rg in regions.items() if rg is not None]
    period = _period_year(keys)
    title = _find_title(rows, keys, heads, period)
    titled = _page_title(doc, period, bool(mirror)) if title is None else None
    if not found_tables and title is None:
        if titled is not None:
            raise ReportError(doc.path, Problem(
                "网页标题是年度报告，正文里却既没有标题也没有表格 / the page's title names an annual "
                "report, its text holds neither the title nor the tables: expected them in the "
                "page, found only its <title>; the text may be loaded by a script — save the "
                "page from the browser after it has loaded, or find the report's file",
                line=titled[1].line))
        if any(where.line is None for where, _ in doc.ocr):
            raise ReportError(doc.path, Problem(
                "扫描件的 OCR 文字层里找不到报告的标题和表格 / a scan's OCR text layer: expected "
                "the report's title and tables, found neither; find the HTML or Word version of "
                "the report, or type the tables in"))
        lost = sum(t.count("\ufffd") for t in texts)
        if lost >= 20 and lost * 10 >= sum(len(t) for t in texts):
            # a tool that read a GB2312 page as another encoding and wrote U+FFFD for what it
            # could not decode (kreuzberg's text of a page as Word saves it)
            raise ReportError(doc.path, Problem(
                f"文字中有 {lost} 个无法解码的字符（�）：写出这些文字的工具没有按原文件的编码（如 GB2312、"
                f"GBK）读取，文字已经丢失，请改用原网页或原文件 / {lost} characters lost in decoding "
                "(shown as �): expected the report's text, found text a tool wrote without "
                "reading its source's encoding (such as GB2312 or GBK); the characters are lost "
                "— use the original page or file"))
        raise ReportError(doc.path, Problem(
            "不是政府信息公开工作年度报告 / not an annual disclosure report: expected a title "
            "such as “××镇2023年政府信息公开工作年度报告” and the template's tables, found neither"))
    if titled is not None:
        title = titled[0]  # the text names no report; the page's own title does
    template = _detect_template(keys, regions)
    # (no title: the year the opening paragraph gives for the figures, 统计期限为2025年1月1日至…)
    report = ParsedReport(path=doc.path, body=title[0] if title else None,
                          year=title[1] if title else period, template=template,
                          layout=doc.layout, encoding=doc.encoding)
    if title is not None and period not in (None, title[1]):
        # a title of the year of publication, or a paragraph copied from last year's report:
        # which one is wrong is not known here; the title stands, and the difference is said
        report.notes.append(Note(f"标题为 {title[1]} 年度，正文所列数据的统计期限为 {period} 年 / the "
                                 f"title says {title[1]}, the opening paragraph gives the figures "
                                 f"for {period}"))
    if title is not None and title[1] is None:
        report.notes.append(Note("标题没有年度，年度以侧车文件为准 / the title gives no year: the "
                                 "year is the sidecar's", line=_line(rows, 0)))
    if titled is not None:
        report.notes.append(Note("正文里没有报告标题，机关和年度取自网页标题 / no title in the text: "
                                 "the body and year are read from the page's title (<title> or "
                                 "its ArticleTitle)", line=titled[1].line))
    elif title is None:
        # the tables are the data; body and year come from the sidecar (web-page extractors
        # such as trafilatura keep a page's title apart from its text)
        report.notes.append(Note("未找到报告标题，机关和年度以侧车文件为准 / no title: expected "
                                 "“××年政府信息公开工作年度报告” (××: the body and the year) "
                                 "near the top; the body and year are the sidecar's",
                                 line=_line(rows, 0)))
    if (misread := misread_as(doc.encoding)) is not None:
        target, codec = misread
        lost = sum(t.count("\ufffd") for t in texts)
        words = ("，工具丢掉字节的字按模板用语补回" if codec == GBK_MISREAD else "",
                 "; characters whose bytes it dropped given back where the template's words "
                 "tell them" if codec == GBK_MISREAD else "")
        report.notes.append(Note(
            f"文字曾被写出它的工具按 {codec} 误读（乱码），已按 {target} 还原{words[0]}，{lost} 个字符无法"
            f"还原 / the tool that wrote the text had misread it as {codec} (mojibake): read "
            f"back as {target}{words[1]}; {lost} characters it changed lost (shown as �)"))
    ocr = _ocr_sign(doc, rows, regions, ocr_checked)
    copies = _second_copies(rows, keys, heads)
    # the table the text ends in (a page cut off there): the tables after it are not reached
    ends_in = next((t for t in codes.TABLES if regions[t] and regions[t][1] >= len(rows)), None)
    for table in codes.TABLES:
        span = regions[table]
        if span is None:
            if ends_in and codes.TABLES.index(table) > codes.TABLES.index(ends_in):
                report.errors.append(Problem(
                    f"未找到表格 {table}（{codes.TABLE_TITLES[table]}）：文字在表格 {ends_in} 处已结束"
                    f"，报告可能不完整 / table {table} ({codes.TABLE_TITLES[table]}) not found: "
                    f"expected its heading and rows, found the end of the text in table "
                    f"{ends_in} — the copy of the report may be cut off", table=table,
                    line=_line(rows, len(rows) - 1)))
                continue
            report.errors.append(Problem(
                f"未找到表格 / table {table} ({codes.TABLE_TITLES[table]}) not found: expected "
                "its heading and rows", table=table))
            continue
        start, end = span
        if ocr is not None:
            report.errors.append(_ocr_problem(table, *ocr))
            continue
        if doc.layout == ROWS_AS_TABLES:
            report.errors.append(Problem(
                f"表格 {table}：每行数字单独成表，栏目名称被拆到数字前后的几行里（markitdown 的 PDF "
                "表单版式），无法确定每行数字的名称，未读取 / each row of figures a table of its own, "
                "the labels cut onto lines around the figures (markitdown's PDF form layout): "
                "expected a label beside its figures, found labels that cannot be placed; use "
                "`pdftotext -layout`, or the report's HTML or DOCX", line=_line(rows, start),
                table=table, expected="a label beside its figures",
                found="labels on lines around the figures"))
            continue
        _map_table(table, (start, end), rows, doc, report)
        if table in copies and copies[table][0] >= end:  # (a contents list's headings: no)
            _compare_copies(table, start, copies[table], rows, doc, report)
    _order_cells(report)
    if report.year is not None and report.year < codes.FIRST_YEAR and not report.cells:
        # a report from before the template: one answer, not every row of three tables missing
        report.errors = [Problem(
            f"{report.year} 年度的报告早于全国统一格式，没有三张表，本项目从 {codes.FIRST_YEAR} 年度收录 / a "
            f"report for {report.year}: expected the national template's tables, which begin "
            f"with the reports for {codes.FIRST_YEAR}, found none", line=_line(rows, 0))]
    report.sections = _sections(rows, heads)
    report.metadata = _metadata(rows, keys, heads, regions, wide)
    if "published" not in report.metadata and doc.published is not None:
        # no date in the text: the day the page's head says it was published (PubDate)
        report.metadata["published"] = {"value": doc.published[0],
                                        "line": doc.published[1].line}
    report.findings = check_report(report, level)
    if traces := other_bodies(_narrative(rows, texts, keys, heads, regions),
                              (body, report.body), region, level, traditional=mirror):
        report.metadata["other_bodies"] = traces
    if doc.line_map:
        _file_lines(report, doc.line_map, dict(doc.cell_lines))
    return report


def _file_line(line_map: tuple[int, ...], line: int | None) -> int | None:
    """A row's line as the file's line (Document.line_map; empty: the same)."""
    return line_map[line] if line is not None and 0 < line < len(line_map) else line


def _file_lines(report: ParsedReport, line_map: tuple[int, ...],
                cell_lines: dict[tuple[int, int, int], int]) -> None:
    """The report's lines as the file's (Document.line_map; a table cell's own line,
    Document.cell_lines, where it has one), once the rows are read."""
    def at(line: int | None) -> int | None:
        return _file_line(line_map, line)

    report.cells = [c._replace(source=c.source._replace(line=cell_lines.get(
        (c.source.table, c.source.row, c.source.col), at(c.source.line))))  # type: ignore[arg-type]
        for c in report.cells]
    report.errors = [p._replace(line=at(p.line)) for p in report.errors]
    report.findings = [f._replace(line=at(f.line)) for f in report.findings]
    report.notes = [n._replace(line=at(n.line)) for n in report.notes]
    report.sections = [s._replace(line=at(s.line)) for s in report.sections]
    for value in report.metadata.values():
        for item in value if isinstance(value, list) else (value,):
            if isinstance(item, dict) and isinstance(item.get("line"), int):
                item["line"] = at(item["line"])


def _numbering(rows: tuple[GridRow, ...], texts: list[str]) -> dict[int, int]:
    """Cells that number the rows and are no figures: a numbering column (序号: 1, 2, 3 …)
    and the row index pandas writes before every row (DataFrame.to_csv, to_excel, to_markdown
    and to_string write it unless told not to: 0, 1, 2 … in each table), and pandas's header
    of column numbers (``,0,1,2,3``: read_html names a table's columns so). Read as figures,
    a row's number joined the figures of the row before it in text layouts, and a row with a
    blank cell took the next row's number in its place. Row index -> cells to drop from the
    row's start (1), or -1 for a header row to drop whole.

    A numbering is a run of rows whose first cells count up by one from 0 or 1 (rows between
    them without a number are headings and are passed over), three or more, two or more of
    them with a label after the number; a row with a figure after its number (the reviews
    table's row of figures under its headings) counts in a real table row (HTML, Word), and
    in text only as wide as the numbered row before it, so that a line of figures alone in
    aligned text never loses its first; a row of the number alone, inside a run, is a
    numbered row with nothing in it."""
    out: dict[int, int] = {}
    run: list[int] = []
    labelled = 0
    expected = -1
    width = 0

    def close() -> None:
        if len(run) >= 3 and labelled >= 2:
            out.update((i, 1 if len(rows[i].cells) > 1 else -1) for i in run)
            head = rows[run[0] - 1].cells if run[0] else ()
            if head and not head[0].text.strip() and _column_numbers(head[1:], 2):
                out[run[0] - 1] = -1  # a narrow table's column numbers over its index (,0,1)

    for i, row in enumerate(rows):
        cells = row.cells
        if len(cells) < 2:
            if run and len(cells) == 1 and cells[0].text.strip() == str(expected):
                run.append(i)  # a numbered row left empty (a spreadsheet drops its blanks)
                expected += 1
            continue
        first = cells[0].text
        if first[:1] > "9":
            continue  # most rows: a label first (a quick test before the exact one)
        first = first.strip()
        if not (first.isdigit() and first.isascii() and len(first) <= 3):
            if len(cells) >= 4 and not first and _column_numbers(cells[1:]):
                out[i] = -1
            continue
        if first == "0" and _column_numbers(cells):
            out[i] = -1
            continue
        value = int(first)
        # the row's first words after its number (merged cells before them are empty)
        after = next((t for c in cells[1:] if (t := c.text.strip())), "")
        label = bool(_CJK.search(after))
        if value != expected or not (label or row.aligned or len(cells) == width):
            close()
            run, labelled = [], 0
            if value > 1 or not label:
                expected = -1
                continue
        run.append(i)
        labelled += label
        expected = value + 1
        width = len(cells)
    close()
    out.update(_lone_numbers(rows, texts))
    return out


def _lone_numbers(rows: tuple[GridRow, ...], texts: list[str]) -> dict[int, int]:
    """A numbering column in text of one cell a line (docx2txt, a browser's innerText, mammoth's
    Markdown of a table with 序号): the number stands on a line of its own just before its
    row's first words, where it reads as the row above's last figure (and a row with a blank
    cell took it in the blank's place). Lone numbers just before a label that count up by one
    from 0 or 1, five or more of them in a row, are left out whole; a row's last figure just
    before the next row's label would have to count up so by chance. Only numbers before a
    row's or a group's label count: a numbering may pass the headings over (第二十条第（五）项),
    and the figure that ends the row above one may be any."""
    out: dict[int, int] = {}
    run: list[int] = []
    expected = -1
    last = len(rows) - 1
    # the rows that are a number alone before Chinese, found in the texts joined a row a line
    # (one search instead of a step per row: text of one cell a line has hundreds of rows)
    joined = "\n".join(texts)
    lone = []
    i = at = 0
    for m in _LONE_NUMBER.finditer(joined):
        i += joined.count("\n", at, m.start())
        at = m.start()
        if i < last and len(rows[i].cells) == 1:
            lone.append((i, int(m.group(1))))
    for i, value in lone:
        if value > 1 and not run:
            continue  # no count begins here, whatever follows
        if not (rows[i + 1].cells and _names_a_row(rows[i + 1].cells[0].text)):
            continue  # a heading's (第二十条第（五）项): a numbering passes them over
        if value != expected:
            if len(run) >= 5:
                out.update(dict.fromkeys(run, -1))
            run = []
            if value > 1:
                expected = -1
                continue
        run.append(i)
        expected = value + 1
    if len(run) >= 5:
        out.update(dict.fromkeys(run, -1))
    return out


# a row that is a number alone, the next row holding Chinese (the texts joined a row a line)
_LONE_NUMBER = re.compile(r"^[ \t\u3000]*(\d{1,3})[ \t\u3000]*\n(?=[^\n]*?[\u4e00-\u9fff])",
                          re.M | re.A)


@lru_cache(maxsize=16384)
def _names_a_row(text: str) -> bool:
    """Whether a line begins with a template row's or group's label (its figures may follow
    in the same cell: lynx, Selenium)."""
    if m := _TRAILING_NUMBERS.match(text):
        text = m.group(1)
    key = norm(text)
    return bool(_ANY_ROW_KEY.search(key) or _ANY_GROUP.search(key))


def _column_numbers(cells: tuple[GridCell, ...], least: int = 4) -> bool:
    """Cells that read 0, 1, 2 … to the row's end, ``least`` or more (pandas's column names;
    two alone could be a row's figures, but not over a row index that begins at 0)."""
    return len(cells) >= least and all(c.text.strip() == str(n) for n, c in enumerate(cells))


# --- locating things -------------------------------------------------------------------------

def _unmark(key: str) -> str:
    """A line's key without the Markdown around it (``**标题**``, ``## 一、总体情况``), which
    converters print in text that is not otherwise Markdown (pandoc -t markdown, html2text)."""
    if key and (key[0] in "#*_>" or key[-1] in "*_"):
        return key.lstrip("#*_>").rstrip("*_")
    return key


@lru_cache(maxsize=131072)
def _short_key(text: str) -> str:
    return _unmark(norm(text))


def _line_keys(texts: list[str]) -> tuple[list[str], dict[int, str]]:
    """Each line's key, ``_unmark(norm(text))``; and the half-width text of the lines too long
    to be memoised (prose), which _metadata searches again."""
    keys: list[str] = []
    wide: dict[int, str] = {}
    for i, text in enumerate(texts):
        if len(text) <= 64:
            keys.append(_short_key(text))
        else:
            h = wide[i] = halfwidth(text)
            keys.append(_unmark(WHITESPACE.sub("", h)))  # norm(text)
    return keys, wide


def _line(rows: tuple[GridRow, ...], i: int) -> int | None:
    return rows[i].source.line if 0 <= i < len(rows) else None


def _find_headings(rows: tuple[GridRow, ...], keys: list[str]) -> dict[int, int]:
    """Section number -> row index of its heading, in order."""
    heads: dict[int, int] = {}
    start = 0
    for number, pattern in HEADINGS:
        for i in range(start, len(rows)):
            if _is_heading(rows, keys, i, pattern):
                heads[number] = i
                start = i + 1
                break
    return heads


def _is_heading(rows: tuple[GridRow, ...], keys: list[str], i: int,
                pattern: re.Pattern[str]) -> bool:
    """Whether row ``i`` is a section's heading: short, matching ``pattern``, and not a table
    row (two cells of text at most)."""
    k = keys[i]
    return (0 < len(k) <= 34 and pattern.match(k) is not None
            and sum(1 for c in rows[i].cells if c.text) <= 2)


def _table_regions(keys: list[str], heads: dict[int, int]) -> dict[str, tuple[int, int] | None]:
    n = len(keys)
    out: dict[str, tuple[int, int] | None] = {}
    bounds = sorted(heads.values()) + [n]

    def next_bound(i: int) -> int:
        return min(b for b in bounds if b > i)

    last = max(heads.values(), default=n)
    for table, number in (("proactive", 2), ("applications", 3), ("review_litigation", 4)):
        anchor = _TABLE_ANCHORS[table]
        if number in heads:
            s, e = heads[number] + 1, next_bound(heads[number])
            # the tables printed after all of the prose (a script that writes a Word file's
            # paragraphs, then its tables): the section holds no table, the end does
            later = next((i for i in range(last + 1, n) if anchor.search(keys[i])), None)
            if later is None or any(anchor.search(keys[i]) for i in range(s, e)):
                out[table] = (s, e)
            else:
                out[table] = (later, n)
            continue
        after = max([heads[k] for k in heads if k < number] + [0])
        hit = next((i for i in range(after, n) if anchor.search(keys[i])), None)
        out[table] = None if hit is None else (hit, next_bound(hit))
    # a fallback region must not swallow the next table
    ordered = [t for t in codes.TABLES if out[t] is not None]
    for a, b in zip(ordered, ordered[1:], strict=False):
        ra, rb = out[a], out[b]
        assert ra is not None and rb is not None
        if ra[1] > rb[0]:
            out[a] = (ra[0], rb[0])
    return out


# the characters a section's heading may begin with (its number, or its first word)
_HEADING_FIRST = {2: frozenset("二2主"), 3: frozenset("三3收"), 4: frozenset("四4政"),
                  5: frozenset("五5政存"), 6: frozenset("六6其")}
_ANY_HEADING_FIRST = frozenset().union(*_HEADING_FIRST.values())


def _second_copies(rows: tuple[GridRow, ...], keys: list[str],
                   heads: dict[int, int]) -> dict[str, tuple[int, int]]:
    """Tables whose section heading stands again further on: the report twice in one file (a
    page with last year's report under this year's, a draft and the final text in one Word
    file, a workbook with an old sheet). Table -> the later copy's rows, up to the next heading
    of a later section."""
    out: dict[str, tuple[int, int]] = {}
    n = len(keys)
    first = min((heads[k] for k in (2, 3, 4) if k in heads), default=n)
    # the rows that may be a heading, by their first character (one pass over the rows)
    maybe = [i for i in range(first + 1, n) if keys[i][:1] in _ANY_HEADING_FIRST]

    def heading(i: int, number: int) -> bool:
        return (keys[i][:1] in _HEADING_FIRST[number]
                and _is_heading(rows, keys, i, HEADINGS[number - 1][1]))

    for table, number in (("proactive", 2), ("applications", 3), ("review_litigation", 4)):
        if number not in heads:
            continue
        again = next((i for i in maybe if i > heads[number] and heading(i, number)), None)
        if again is None:
            continue
        end = next((i for i in maybe if i > again
                    and any(heading(i, later) for later in range(number + 1, 7))), n)
        out[table] = (again + 1, end)
    return out


def _map_table(table: str, region: tuple[int, int], rows: tuple[GridRow, ...], doc: Document,
               report: ParsedReport) -> None:
    start, end = region
    tokens = _tokens(rows[start:end], start, doc.layout, doc.furniture)
    errors, cells = len(report.errors), len(report.cells)
    if table == "review_litigation":
        _map_review(tokens, report, rows, end)
    else:
        _map_rows(tokens, table, report, rows, end,
                  frozenset(source for source, _ in doc.doubtful))
    if doc.doubtful:
        _refuse_doubtful(dict(doc.doubtful), report, cells)
    if (len(report.errors) > errors and report.template is not None
            and not _numbers_in([t for t in tokens if t.text.strip("| ")])
            and len(report.cells) == cells):
        line = tokens[0].source.line if tokens else rows[start - 1].source.line if start \
            else None
        labels = sum(1 for _ in _row_labels(tokens, report.template, table))
        # the answers below stand for rows merely missing, no other finding (the refusal of
        # a text that lost its structure aside: a crawler's | filler can seem to show one)
        merely_missing = all(e.found in ("no row", "its label only", "numbers without rows")
                             for e in report.errors[errors:])
        if end >= len(rows) and merely_missing:
            # the text ends among the table's headings or labels, before any figure (a page
            # cut off, a copy cut short): one answer, not every row missing
            report.errors[errors:] = [Problem(
                f"表格 {table}（{codes.TABLE_TITLES[table]}）：文字在表格开头处中断，表格的行全部缺失 / "
                f"table {table} cut off at its start: expected its rows, found the end of the "
                "text", line=_line(rows, end - 1), table=table, expected="its rows",
                found="the end of the text")]
        elif any(t.kind != T for t in tokens):
            pass  # (blank cells, a crawler's filler: a table's cells, if empty ones)
        elif not labels:
            # a heading with nothing of its table under it, no label, no figure, not a blank
            # cell (a table published as an image): one answer, not every row missing
            report.errors[errors:] = [Problem(
                f"表格 {table}（{codes.TABLE_TITLES[table]}）：标题之下没有表格内容，表格可能是图片 / "
                f"table {table}: expected its rows under its heading, found none — the table "
                "may be an image; find the Word or PDF version of the report, or type the table "
                "in", line=line, table=table)]
        elif labels >= 2 and merely_missing:
            # the table's labels and headings, and not one cell with a figure or a blank's
            # mark (a page whose figures were pictures, or a form left empty): one answer,
            # not every row "not found" where its label stands
            report.errors[errors:] = [Problem(
                f"表格 {table}（{codes.TABLE_TITLES[table]}）：只有栏目名称，没有一个数字（数字可能是"
                f"图片，或表格未填写）/ table {table}: expected figures beside its row labels, "
                "found the labels only, not one figure — the figures may be pictures, or the "
                "form was left empty; find the Word or PDF version of the report",
                line=line, table=table, expected="figures", found="labels only")]


def _refuse_doubtful(doubtful: dict[Source, str], report: ParsedReport, first: int) -> None:
    """The cells from ``first`` on whose figure the reader could not vouch for: not published,
    each a problem with the reader's why."""
    kept = []
    for cell in report.cells[first:]:
        why = doubtful.get(cell.source._replace(line=None))
        if why is None or cell.value is None:
            kept.append(cell)
            continue
        report.errors.append(Problem(
            f"表格 {cell.table}，行 {cell.row}，列 {cell.column}：{why}", line=cell.source.line,
            table=cell.table, row=cell.row, column=cell.column,
            expected="a figure in one row", found=cell.raw))
    report.cells[first:] = kept


def _describe(source: Source, doc: Document) -> str:
    """Where a row is, in the file's lines (Document.line_map)."""
    return source._replace(line=_file_line(doc.line_map, source.line)).describe()


def _compare_copies(table: str, start: int, copy: tuple[int, int], rows: tuple[GridRow, ...],
                    doc: Document, report: ParsedReport) -> None:
    """A table printed twice: read both; the same figures wherever both were read, and the
    first stands; a figure that differs, and which copy is the report's cannot be told: the
    table is refused, naming both (never the first taken by chance: a page may print last
    year's report under this year's)."""
    other = ParsedReport(path=doc.path, body=None, year=None, template=report.template,
                         layout=doc.layout)
    _map_table(table, copy, rows, doc, other)
    mine = {(c.row, c.column): c.value for c in report.cells if c.table == table}
    differs = next((c for c in other.cells if c.table == table
                    and mine.get((c.row, c.column), c.value) != c.value), None)
    # where each copy begins: 第57行, or 表3第2行 in a Word file or a workbook
    first = _describe(rows[start - 1].source, doc) if start else "—"
    second = _describe(rows[copy[0] - 1].source, doc)
    if differs is None:
        if other.cells:
            report.notes.append(Note(
                f"表格 {table} 在报告中出现两次（{first}和{second}的标题下），两份数字相同 / the "
                f"table is printed twice (under the headings at {first} and {second}), with "
                "the same figures", line=_line(rows, copy[0] - 1)))
        return
    report.cells = [c for c in report.cells if c.table != table]
    was = mine.get((differs.row, differs.column))
    report.errors.append(Problem(
        f"表格 {table}：报告中有两份这张表（{first}和{second}的标题下），数字不同"
        f"（{differs.row}·{differs.column}：{was} 和 {differs.value}），无法确定哪一份属于本报告，"
        f"本表未读取 / the table is printed twice (under the headings at {first} and {second}) "
        f"with different figures ({differs.row} {differs.column}: {was} and {differs.value}): "
        "which one is the report's cannot be told; expected one copy",
        line=differs.source.line, table=table, row=differs.row, column=differs.column,
        expected=str(was), found=str(differs.value)))


# --- text made by optical character recognition ----------------------------------------------
# OCR misreads figures in ways no rule of the template catches (42 read as 2 and 90 as 50 in one
# row: its sum still holds; a 9 read as 6 in the proactive table, which has no sums), so a report
# whose tables carry its marks is not read until someone has checked every figure against the
# original and removed them.
_OCR_LETTERS = "oOlI"  # letters OCR reads for 0 and 1
_OCR_CONFUSED = frozenset(_OCR_LETTERS)
_OCR_TOKEN = re.compile(r"[^\s|，,、；;：:（）()“”\"]+")
# 1o7, 88l, 416o, 9%8; and a figure read as a letter alone in its cell (I, l, O)
_OCR_DIGITS = re.compile(f"^(?=.*\\d)(?=.*[{_OCR_LETTERS}])[\\d{_OCR_LETTERS}]+$|^\\d+%\\d+$"
                         f"|^[{_OCR_LETTERS}]$")
# a speck of a scan read as a point, in a cell of its own: 743. .40 2.1. — in the tables of
# counts, which hold no decimal a tool could split (pymupdf4llm prints 80.55 as 80 | .55) and no
# numbering from 10. on
_OCR_SPECK = re.compile(r"^(?:\d{2,}[.．]|[.．]\d+|\d+[.．]\d+[.．])$")


def _ocr_sign(doc: Document, rows: tuple[GridRow, ...],
              regions: dict[str, tuple[int, int] | None],
              ocr_checked: bool = False) -> tuple[Source, str] | None:
    """The first mark of OCR in the document's tables: a page whose text lies over its scan or
    an OCR engine's own result (the whole document; not when its figures were checked,
    ``ocr_checked``), a table rule read as a bar (read.py), a figure with a letter OCR takes
    for a digit in it, or a cell of a figure and a stray point (residue, checked or not)."""
    spans = [rg for rg in regions.values() if rg is not None]
    lines = {r.source.line for a, b in spans for r in rows[a:b]} if doc.ocr else set()
    for where, seen in doc.ocr:
        if (where.line is None and not ocr_checked) or where.line in lines:
            return where, seen
    for table, span in regions.items():
        if span is None:
            continue
        counts = table != "proactive"
        for row in rows[span[0]:span[1]]:
            for cell in row.cells:
                text = cell.text
                seen = None
                if (counts and ("." in text or "．" in text) and _OCR_SPECK.match(text.strip())
                        and not (row.aligned and cell is row.cells[0])):  # a numbering column
                    seen = text
                elif _OCR_CONFUSED.intersection(text) or "%" in text:
                    figures = sum(1 for c in row.cells for t in _OCR_TOKEN.findall(c.text)
                                  if _NUMBER.match(t))
                    # a figure cell of its own (one cell a line), or among a row's figures
                    seen = next((piece for piece in _OCR_TOKEN.findall(text)
                                 if _OCR_DIGITS.match(piece)
                                 and (piece == text.strip() or figures >= 2)), None)
                if seen is not None:
                    return (cell.source if cell.source.line is not None else row.source), seen
    return None


def _ocr_problem(table: str, where: Source, seen: str) -> Problem:
    if seen:
        zh = en = f"“{seen[:60]}”"
    else:  # a PDF's page
        zh = f"第{where.page}页的文字叠在整页图像上，是扫描件的 OCR 文字层"
        en = f"page {where.page}'s text lies over an image of the whole page: a scan's OCR layer"
    if where.line is None:  # the whole text is OCR's, as it says: nothing to remove
        todo_zh = "请对照原件逐一核对数字后在侧车文件写 transcription: ocr，或手工录入表格"
        todo_en = ("check every figure against the original and set transcription: ocr in the "
                   "sidecar, or type the table in")
    else:
        todo_zh = "请对照原件逐一核对数字、删去识别残留后再提交，或手工录入表格"
        todo_en = "check every figure against the original and remove the marks, or type the table in"
    return Problem(
        f"表格 {table}（{codes.TABLE_TITLES[table]}）未读取：报告表格的文字像是 OCR（光学字符"
        f"识别）的结果（{zh}）。OCR 会把数字认错而合计仍然相符（如 42 认成 2、90 认成 50）；"
        f"{todo_zh} / OCR text: expected figures from the document's own text, found a mark "
        f"of OCR ({en}); OCR misreads figures in ways the template's sums do not catch, so the "
        f"table is not read — {todo_en}",
        line=where.line, table=table, found=seen[:60] or None)


_TITLE_YEAR_FIRST = re.compile(r"^(?P<year>(?:19|20)\d{2})年度?(?P<body>.+?)" + _DISCLOSURE
                               + _REPORT_WORDS)
# … or the year in brackets after the title (国家××局政府信息公开工作年度报告（2023年）)
_TITLE_YEAR_AFTER = re.compile(r"^(?P<body>.*?)" + _DISCLOSURE + _REPORT_WORDS
                               + r"\((?P<year>(?:19|20)\d{2})年?度?\)")
# … or without them, ending the title's line (…工作年度报告2023; not a date after it, 报告 2024年1月)
_TITLE_YEAR_LAST = re.compile(r"^(?P<body>.*?)" + _DISCLOSURE + _REPORT_WORDS
                              + r"(?P<year>(?:19|20)\d{2})年?度?$")


def _title_year_last(key: str) -> re.Match[str] | None:
    """The title with its year last on its line — unless 年 before the words is where a tool lost
    the year or printed it apart (…人民政府 年政府信息公开工作年度报告 / 2019: _year_put_back's)."""
    m = _TITLE_YEAR_LAST.match(key)
    return m if m is not None and not m["body"].endswith(("年", "年度")) else None


# … or the year between the words and 年度报告 (国家统计局政府信息公开工作2023年度报告)
# (人民政府信息公开…: the body's 政府, not the title's)
_TITLE_YEAR_INSIDE = re.compile(r"^(?P<body>.*?(?:人民政府)?)" + _DISCLOSURE + r"(?:工作)?的?"
                                r"(?P<year>(?:19|20)\d{2})年度?(?:工作)?(?:报告|年报)")
# a year written in Chinese numerals (二〇二三年, 二零二三年)
_CHINESE_YEAR = re.compile(r"[〇零一二三四五六七八九]{4}(?=年)")
_CHINESE_DIGITS = str.maketrans("〇零一二三四五六七八九", "00123456789")
# a notice that publishes the report (关于印发《××2023年政府信息公开工作年度报告》的通知):
# its words are not part of the body's name
_NOTICE_PREFIX = re.compile(r"^关于(?:印发|公布|发布|公开|报送|上报)?")
# … or, the year first, after the verb (现向社会公布2021年石家庄市教育局政府信息公开工作年度报告)
_YEAR_THEN_BODY = re.compile(r"(?:公布|发布|编制|形成|印发|公开)《?(?P<year>(?:19|20)\d{2})年度?"
                             r"(?P<body>[^，,。；;：:《》]{2,30}?)" + _DISCLOSURE
                             + _REPORT_WORDS)
# a title that lost its year (驼峰路街道办事处政府信息公开工作年度报告)
# (年 or 年度 left where a year's digits were lost: 某镇人民政府 年政府信息公开…)
_TITLE_WITHOUT_YEAR = re.compile(r"(?P<body>[\u4e00-\u9fff（）()]{2,30}?)(?:年度?)?" + _DISCLOSURE
                                 + r"(?:工作)?的?年度(?:工作)?报告")


def _title_without_year(key: str) -> re.Match[str] | None:
    """A title that lost its year, the whole line — or with a date after it, the day it was
    published, no year of the figures (…年度报告 2024年1月20日, …年度报告2024-01-20)."""
    m = _TITLE_WITHOUT_YEAR.match(key)
    if m is None or m["body"] in ("政府", "人民政府"):
        return None  # (政府信息公开工作年度报告: the bare words of every title, no body)
    rest = key[m.end():]
    return m if not rest or _DATE.fullmatch(rest) or _DATE_SEPARATED.match(rest) else None
# a body that names itself without its name (特向社会公布2021年度本镇政府信息公开年度报告)
_OWN_BODY = re.compile(r"[本我](?:镇|乡|街道|街办|单位|机关|局|委|办|部门|区|县|市|中心|院|所)")
# the name of a body on a line of its own (under a bare title: 2022年政府信息公开工作年度报告 /
# 桃江县××镇人民政府)
_BODY_LINE = re.compile(r"[\u4e00-\u9fff（）()]{2,28}(?:人民政府|政府|办事处|街道|镇|乡|苏木|局|委员会|"
                        r"委|办公室|管委会|中心|厅|院|所|站)")
# a title named in a sentence (根据…规定，现公布××镇2023年…报告；…现形成《××局2023年…》): the
# sentence's breaks, and the verbs before the name
_CLAUSE_BREAK = re.compile(r"[，,。；;：:《]")
# what follows the title of a notice about the reports, which an opening sentence may quote
# (《××办公室关于2021年度政府信息公开工作年度报告编制工作的通知》): no report's title (a notice
# that publishes one, 关于公布××镇2023年…报告的通知, is: _NOTICE_PREFIX)
# (发布时间, 发布日期, 发布机构 after a title are a page's metadata on the title's line)
_ABOUT_THE_REPORT = re.compile(r"(?:编制|編制|[发發]布(?![时時]间|日期|机构|機構|单位|單位)|报送|報送|上报|填报|"
                               r"格式|有关|有關|相关|相關|工作的?通知)")
# a naming verb inside what stands before the year (本报告现向社会公开安乐乡): the name after it
# (after a word that makes it a verb: 政务公开办公室 is a name)
_LAST_NAMING_VERB = re.compile(r".*(?:现|特|向社会|予以|组织|并|进行|正式|对外)"
                               r"(?:公布|发布|公开|编制|形成|印发)(?:了|出)?")
# the body that made the report (由武进区卫生健康局编制的)
_MADE_BY = re.compile(r"由(.{2,30}?)(?:组织)?(?:编制|编写|制作|形成)的?")
# a name's short form after it ((以下简称市文广旅体局))
_ALIAS = re.compile(r"[(（](?:以下)?简称[^()（）]*[)）]$")
_NAMING_VERB = re.compile(r"^(?:现[将將]?|特|并|予以|向社会|对外)*(?:公布|发布|公开|编制|形成|印发|报送|"
                          r"上报|[将將])?(?:了|出)?")


# the label before a title in the table of a page's metadata (名称：…, 标题：…), as government
# sites print it above the report: not part of the body's name
_TITLE_LABEL = re.compile(r"^(?:文件|信息|公开事项)?(?:名称|标题|题名)[:：]")
_TITLE_LABEL_FIRST = set("文信公名标题")


# where a page's navigation ends and the title begins (当前位置：首页 > 政务公开 > ××镇2023年…)
_CRUMB = re.compile(r"^.*[>»›＞→]|^(?:当前|您现在的|您的)?位置[:：]")
# the date and time a browser prints above a page it saves as PDF (11/26/26, 9:37 AM)
# (and the page number an online flip-book prints before each page's text: Page 8 - …)
_PRINT_STAMP = re.compile(r"^\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4},?(?:(?:上午|下午)?\d{1,2}:\d{2}"
                          r"(?::\d{2})?(?:AM|PM|上午|下午)?)?|^page\d{1,4}[-–—]"
                          # the time alone, its date lost (pdfplumber's text strategy: 4:21 A | M 大…)
                          r"|^(?:上午|下午)?\d{1,2}:\d{2}(?::\d{2})?(?:AM|PM|上午|下午)", re.I)
# what may follow a title on its line: closing quotes and brackets, a short remark (修订版)
_BRACKETED = re.compile(r"^\[([^\[\]]*)\](.*)$")  # 【】 as norm gives them
_TITLE_END = re.compile(r"[》”\"'）)]*(?:[(（][^()（）]{1,8}[)）])?[》”\"'）)]*")
# the year the figures are for, as the opening paragraph states it (统计期限为2023年1月1日至…)
_PERIOD = re.compile(r"((?:19|20)\d{2})年1月1日(?:起)?至(?:(?:19|20)\d{2}年)?12月31日")


def _period_year(keys: list[str]) -> int | None:
    """The year the opening paragraph gives for the figures, if it does."""
    return next((int(p.group(1)) for k in keys[:60]
                 if "12月31日" in k and (p := _PERIOD.search(k))), None)


def _title_match(k: str) -> tuple[re.Match[str] | None, bool]:
    """The first way ``k`` holds a title (its body and year), and whether it is named year
    first after a verb (现向社会公布2021年××局…)."""
    m = _TITLE.match(k) or _TITLE_YEAR_FIRST.match(k) or _TITLE_YEAR_AFTER.match(k) \
        or _TITLE_YEAR_INSIDE.match(k) or _title_year_last(k)
    if m is None and (m := _YEAR_THEN_BODY.search(k)) is not None:
        return m, True
    return m, False


def _find_title(rows: tuple[GridRow, ...], keys: list[str], heads: dict[int, int],
                period: int | None) -> tuple[str | None, int | None] | None:
    """(body, year) from the title: one line first, then a title wrapped over two lines.

    A saved page may name other reports before its title (links to last year's report, a
    breadcrumb): of several titles, those of the year the opening paragraph gives for the
    figures (``period``: 统计期限为2023年1月1日至12月31日); without it, those of the year of the title
    nearest the text; of these, the first that stands alone on its line, else the first
    outside a breadcrumb."""
    limit = min(heads.get(1, 12), len(rows), 40)
    named_in_a_sentence: tuple[str | None, int | None] | None = None
    for way in ("one line", "two lines", "its year apart"):
        # body, year, rank: 0 a line that is the title alone, 1 a title with more after it
        # (a link's date, 公布如下), 2 the end of a breadcrumb, 3 the title named in a
        # sentence (根据…规定，现公布××镇2023年…报告), when no line is a title
        found: list[tuple[str | None, int, int]] = []
        for i in range(limit):
            k = keys[i]
            if way == "two lines":
                if i + 1 >= len(keys):
                    break
                k = k + keys[i + 1]
            elif way == "its year apart" and (k := _year_put_back(rows, keys, i)) is None:
                continue
            if k[:1] in _TITLE_LABEL_FIRST:
                k = _TITLE_LABEL.sub("", k)
            if "年" in k and _CHINESE_YEAR.search(k):
                k = _CHINESE_YEAR.sub(lambda y: y.group().translate(_CHINESE_DIGITS), k, count=1)
            m, named_after_the_year = _title_match(k)
            while m is not None and _ABOUT_THE_REPORT.match(k, m.end()):
                # a notice about the reports quoted first (根据《…关于做好2022年政府信息公开工作
                # 年度报告编制和发布工作的通知》要求，现将金凤镇2022年…报告公布如下): the title
                # may be named after it, in the rest of the sentence
                k = k[m.end():]
                m, named_after_the_year = _title_match(k)
            if not m:
                continue
            body = _PRINT_STAMP.sub("", m.group("body"))
            crumb = bool(_CRUMB.match(body))
            body = _NOTICE_PREFIX.sub("", _CRUMB.sub("", body) if crumb else body).lstrip(
                "《“\"' ")
            sentence = named_after_the_year or (not crumb and _CLAUSE_BREAK.search(body))
            if sentence and not named_after_the_year:
                # the name is what stands after the sentence's last break, and after its
                # verb (编制本报告现向社会公开安乐乡…, 认真组织编制本单位…); before it where the
                # body made the report (由××局编制的2024年度…报告)
                body = _NAMING_VERB.sub("", _CLAUSE_BREAK.split(body)[-1])
                if (made := _MADE_BY.fullmatch(body)) is not None:
                    body = made.group(1)
                elif (after := _LAST_NAMING_VERB.search(body)) is not None and len(
                        body) - after.end() >= 2:
                    body = body[after.end():]
            body = _ALIAS.sub("", re.sub(r"关于$", "", body)).strip("《》“”\"'：: ") or None
            if body is not None and (b := _BRACKETED.match(body)):
                # 【许良镇人民政府】2023年…: the name in brackets; 【年报】许良镇…: a portal's
                # label in brackets, the name after it
                body = b.group(2).strip() or b.group(1).strip() or None
            if body is not None and _OWN_BODY.fullmatch(body):
                body = None  # 本镇, 我局: the report's own body, not named
            elif body is None and not sentence and i > 0 and keys[i - 1] \
                    and len(keys[i - 1]) < 30:
                body = keys[i - 1]
            elif body is None and i + 1 < len(keys) and _BODY_LINE.fullmatch(keys[i + 1]):
                body = keys[i + 1]  # a bare title, the body's name on the line under it
            rank = (3 if sentence else 2 if crumb
                    else 0 if _TITLE_END.fullmatch(k, m.end()) else 1)
            found.append((body, int(m.group("year")), rank))
            if way != "one line":
                break
        if found:
            years = {f[1] for f in found}
            if len(years) > 1:
                year = period if period in years else found[-1][1]
                found = [f for f in found if f[1] == year]
            body, year, rank = min(found, key=lambda f: f[2])  # the first of the best rank
            if rank < 3:
                return body, year
            # a title wrapped over two lines comes before a name read from a sentence
            named_in_a_sentence = named_in_a_sentence or (body, year)
    if named_in_a_sentence is None:
        # a title without its year (驼峰路街道办事处政府信息公开工作年度报告): the body, and the
        # year of the figures' period when the opening paragraph gives it
        for k in keys[:limit]:
            if (m := _title_without_year(k)) and not _CLAUSE_BREAK.search(m["body"]):
                return m["body"], period
    return named_in_a_sentence


# a title whose year a tool printed on a line of its own, the gap it left before 年 (pdfplumber's
# text, the digits in a font of another baseline: 平遥县古陶镇人民政府 年政府信息公开工作年度报 /
# 2019 / 告, or …工作 / 2019 / 年度报告): the year goes back into the gap, the title's last
# characters after it
_GAP_BEFORE_YEAR_WORD = re.compile(r"[ \t\u3000]年")
_BARE_YEAR = re.compile(r"(?:19|20)\d{2}")


def _year_put_back(rows: tuple[GridRow, ...], keys: list[str], i: int) -> str | None:
    """The key of line ``i`` with the year on the next line put back into its gap before 年
    (and a wrapped title's last few characters on the line after), or None."""
    if i + 1 >= len(keys) or not _BARE_YEAR.fullmatch(keys[i + 1]):
        return None
    text = rows[i].spaced_text  # (text in columns: 年 begins a cell)
    if (m := _GAP_BEFORE_YEAR_WORD.search(text)) is None:
        return None
    key = _short_key(text[:m.start()] + keys[i + 1] + text[m.start() + 1:])
    if not key.endswith(("报告", "年报")) and i + 2 < len(keys) \
            and 0 < len(keys[i + 2]) <= 6 and _CJK.match(keys[i + 2]):
        key += keys[i + 2]  # (告, 年度报告: the rest of a title wrapped after the year's line)
    return key


# what joins the parts of a page's title (××镇2023年…年度报告_××县人民政府, … - 门户网站 | 首页)
_TITLE_PARTS = re.compile(r"\s*[_|｜]\s*|\s+[-–—－]+\s+|——")


def _page_title(doc: Document, period: int | None, mirror: bool
                ) -> tuple[tuple[str | None, int | None], Source] | None:
    """(body, year) from the title a page gives apart from its text, with where it stands:
    the first part of the first title that names a report (a site's name joined to the
    article's is never taken for the body); a 繁体 mirror's in the template's words."""
    for text, where in doc.titles:
        for part in _TITLE_PARTS.split(taiwan_words(text) if mirror else text):
            row = GridRow((GridCell(part, where),))
            if found := _find_title((row,), _line_keys([part])[0], {}, period):
                return found, where
    return None


def _detect_template(keys: list[str], regions: dict[str, tuple[int, int] | None]) -> str:
    region = regions.get("proactive")
    if region and any(_2019_MARKS.search(k) for k in keys[region[0]:region[1]]):
        return "2019"
    return "2021"


# --- tokens ----------------------------------------------------------------------------------

def _classify(text: str) -> tuple[str, int | float | None]:
    kind, value, _ = _classify_key(norm(text))
    return kind, value


# a label's enumeration comma standing alone (一 / 、 / 本年新收…: a label broken one character a
# line). Not brackets or quotes: taken for pieces of labels too, they moved figures between rows
# in text that breaks labels around its figures (pypdf's and pymupdf4llm's of narrow pages)
_LABEL_COMMA = "、"


@lru_cache(maxsize=65536)
def _classify_key(k: str) -> tuple[str, int | float | None, str]:
    """Kind and value of a normalised cell text; returns the key as well. Cell texts repeat
    (labels, small numbers), so the answers are memoised."""
    if not k:
        return B, None, k
    if k.isdigit() and k.isascii():
        return V, int(k), k
    if k in _MISSING:
        return M, None, k
    if k in _ZERO:
        return V, 0, k
    if _NUMBER.match(k):
        return V, (float(k) if "." in k else int(k)), k
    if _GROUPED.match(k):
        k2 = k.replace(",", "")
        return V, (float(k2) if "." in k2 else int(k2)), k
    m = _UNIT.match(k)
    if m:
        k2 = m.group(1).replace(",", "")
        return V, (float(k2) if "." in k2 else int(k2)), k
    if (m := _CHANGE_WORDS.match(k)) is not None:
        # 本年增/减 written in words (增10, 减少3): the sign the word gives
        return V, int(m.group(2)) * (-1 if m.group(1)[0] == "减" else 1), k
    if "\\" in k and (plain := MD_ESCAPE.sub(r"\1", k)) != k:
        # a figure Markdown-escaped in text of another layout (mammoth: 801\.28, \-20)
        kind, value, _ = _classify_key(plain)
        if kind in (V, M):
            return kind, value, k
    if _OTHER_UNIT.match(k) or _YUAN_SIGN.match(k):
        return X, None, k  # e.g. 500元 in a column counted in 万元: never converted silently
    if k == _LABEL_COMMA:
        return T, None, k  # a piece of a label broken over lines (一 / 、 / 本年新收…)
    if not _CJK.search(k) and not _NUMBERING.match(k) and len(k) <= 8:
        return X, None, k
    if "]{" in k:
        # a span's attributes left in the cell ([801.28]{style="…仿宋"}): the converter could
        # not take the cell's text apart from its markup, so the cell is unreadable (a label
        # would let the row take its figures from the lines after it)
        return X, None, k
    return T, None, k


# What one cell's text becomes: (kind, text, key, value, offset) per token, offset being the
# token's position in the cell (for aligned text), and whether the cell is a lynx label with
# its numbers.
_CellPlan = tuple[tuple[tuple[str, str, str, int | float | None, int], ...], bool]


@lru_cache(maxsize=65536)
def _cell_plan(text: str) -> _CellPlan:
    """The tokens of a non-empty cell text, memoised (labels and numbers repeat from report to
    report)."""
    h = halfwidth(text)
    if " " in h and _MULTI.match(h.strip()):
        out = []
        pos = 0
        for part in h.split():
            kind, value, _ = _classify_key(part)
            pos = h.index(part, pos)
            out.append((kind, part, part, value, pos))
            pos += len(part)
        return tuple(out), False
    key = WHITESPACE.sub("", h) if (" " in h or "\t" in h) else h
    kind, value, key = _classify_key(key)
    if kind == T and " " in h or kind != T and _NUMBERING_THEN_FIGURES.match(h):
        # (`3. 1 96 22 …`: a row's numbering, the rest of its label wrapped below, before its
        # figures — not the decimal 3.19622… its characters make without their spaces)
        if kind == T and (flat := _flattened_rows(h)):
            return flat, True
        if m := _TRAILING_NUMBERS.match(h):
            # "行政事业性收费 801.28": a label and its numbers in one cell (lynx -dump)
            label = m.group(1).strip()
            out = [(T, label, norm(label), None, -1)]
            for part in m.group(2).split():
                k2, v2, _ = _classify_key(part)
                out.append((k2, part, part, v2, -1))
            return tuple(out), True
    return ((kind, text, key, value, 0),), False


def _places_after_label(text: str, parts: tuple, x0: tuple[int, int] | None,
                        ) -> list[tuple[int, int] | None]:
    """Where each figure after a cell's label stands in its line (characters, display
    columns), found from the cell's end; None for the label, and for all where the cell's own
    place is not known (only text laid out in columns has it)."""
    places: list[tuple[int, int] | None] = [None] * len(parts)
    if x0 is None:
        return places
    end = len(text)
    for n in range(len(parts) - 1, 0, -1):
        c = text.rfind(parts[n][1], 0, end)
        if c < 0:
            break
        places[n] = (x0[0] + c, x0[1] + display_width(text[:c]))
        end = c
    return places


# Every row key of both templates' three tables: whether a piece of text names a row.
_ANY_ROW_KEY = re.compile("|".join(sorted({k for t in codes.TEMPLATES for tb in codes.TABLES
                                           for r in codes.rows(t, tb) for k in r.keys},
                                          key=lambda k: (-len(k), k))))


# a row's label run straight into digits (规章254616: cells taken with nothing between them)
_ROW_KEY_THEN_DIGIT = re.compile(f"(?:{_ANY_ROW_KEY.pattern})\\d")


# the labels of the applications table's groups of rows (三、本年度办理结果, （三）不予公开 …)
_ANY_GROUP = re.compile("|".join(sorted({re.escape(norm(r.group)) for t in codes.TEMPLATES
                                         for tb in codes.TABLES for r in codes.rows(t, tb)
                                         if r.group})))


# what follows a figure in a sentence (a unit, a date's word, punctuation) and never in a
# table's cells, where a figure is followed by another or by a row's label
_SENTENCE_AFTER_FIGURE = frozenset("件个条项次起宗元万亿人家户余多年月日号%％，。、；：,.;:）)")


def _flattened_rows(h: str) -> tuple[tuple[str, str, str, int | float | None, int], ...]:
    """The tokens of a table flattened into one cell, its cells apart by single spaces
    (unstructured's Table text, which LangChain's loaders pass on: ``规章 347 531 41
    行政规范性文件 11 1 32 第二十条第（五）项 …``): every piece a token, as one cell a line
    would give them, when two or more groups of words naming a template row are each
    followed by figures; or when one such group ends the text and a dash or another mark of
    a blank cell is among its figures (``行政强制 —``, which the lynx pattern of figures alone
    does not take). Empty in any other case: a sentence with figures spaced apart (共受理行政
    许可 63 件、行政处罚 565 件, as docling and PDF text space Latin digits) has a unit or
    punctuation after a figure, which a table's cells never have. A blank cell leaves no
    piece, so a row with one is short of figures and refused."""
    pieces = h.split()
    if len(pieces) < 2:
        return ()
    out = []
    words: list[str] = []
    named = groups = 0
    marks = False
    after_figure = False
    for part in pieces:
        kind, value, key = _classify_key(norm(part))
        if after_figure and kind not in (V, M) and part[0] in _SENTENCE_AFTER_FIGURE:
            return ()  # 63 件、行政处罚 565 件: a sentence, its figures spaced apart, no table
        after_figure = kind in (V, M)
        if kind in (V, M):
            marks = marks or kind == M
            if words:
                groups += 1
                named += bool(_ANY_ROW_KEY.search("".join(words)))
            words = []
        else:
            words.append(key)
        out.append((kind, part, key, value, -1))
    if named >= 2 or (named == groups == 1 and marks and not words):
        return tuple(out)
    return ()


def _tokens(rows: tuple[GridRow, ...], offset: int, layout: str = "",
            furniture: frozenset[int] = frozenset()) -> list[Token]:
    """Cells -> tokens. Knows which blank cells are real cells: in ``pipe`` text every cell is
    (the reader drops the ``|||`` filler), and in ``innertext`` (read._tab_line_rows); in
    ``cell-per-line`` text a blank line after the row's label, inside its group of lines, is a
    cell."""
    out: list[Token] = []
    append = out.append
    prev_line: int | None = None
    text_in_group = False
    solid_blanks = layout in ("pipe", "cell-per-line", "innertext")
    pipe = layout in ("pipe", "innertext")  # every blank cell is a cell there
    for i, row in enumerate(rows, offset):
        cells = row.cells
        aligned = row.aligned
        line = cells[0].source.line if cells else None
        if line is not None and prev_line is not None and line - prev_line > 1 and (
                not furniture
                or any(n not in furniture for n in range(prev_line + 1, line))):
            text_in_group = False  # a blank line ends the group (page furniture does not)
        prev_line = line if line is not None else prev_line
        width = len(cells)
        for col, cell in enumerate(cells):
            text = cell.text
            if not text or text in _EMPTY_WORDS:
                solid = solid_blanks and (pipe or text_in_group)
                append(Token(B, "", "", None, cell.source, i, aligned, col, width, solid, cell.x))
                continue
            if text.isdigit() and text.isascii():
                append(Token(V, text, text, int(text), cell.source, i, aligned, col, width,
                             False, cell.x, at=cell.at))
                continue
            if text == "\x00border":
                continue
            parts, lynx = _cell_plan(text)
            if lynx:
                for (kind, t, key, value, _), x in zip(parts, _places_after_label(text, parts,
                                                                                  cell.x),
                                                        strict=True):
                    append(Token(kind, t, key, value, cell.source, i, aligned, col, width,
                                 False, x))
                text_in_group = True
                continue
            if len(parts) > 1:
                x0, at = cell.x, cell.at
                for kind, t, key, value, pos in parts:
                    x = (x0[0] + pos, x0[1] + pos) if x0 else None
                    append(Token(kind, t, key, value, cell.source, i, aligned, col, width,
                                 False, x, at=(at[0] + pos, at[1] + pos) if at else None))
                continue
            kind, _, key, value, _ = parts[0]
            solid = kind == B and solid_blanks and (pipe or text_in_group)
            if kind == T:
                text_in_group = True
            append(Token(kind, text, key, value, cell.source, i, aligned, col, width, solid,
                         cell.x))
    return out


@dataclass(slots=True)
class Run:
    label: list[Token]
    values: list[Token]
    aligned: bool
    index: int = -1  # its place among the table's runs (_map_rows), for _between_neighbours

    @property
    def key(self) -> str:
        return "".join(t.key for t in self.label)

    @property
    def figures(self) -> int:
        """How many of its values are not blank cells."""
        return sum(1 for t in self.values if t.kind != B)

    @property
    def source(self) -> Source:
        """Where the row's first number stands (else its label)."""
        for t in self.values:
            if t.kind != B:
                return t.source
        toks = self.label or self.values
        return toks[-1].source if toks else Source()

    @property
    def line(self) -> int | None:
        """The line of the row's first number (else of its label)."""
        return self.source.line


_OPENING = frozenset("(（[【“‘")
_CLOSING = frozenset(")）]】”’")


def _runs(tokens: list[Token]) -> list[Run]:
    """Split the token stream into (label run, value run) pairs. Aligned rows (real table rows)
    keep their own boundaries; text streams flow across lines."""
    runs: list[Run] = []
    label: list[Token] = []
    values: list[Token] = []
    i = 0
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        if tok.aligned:
            j = i
            while j < n and tokens[j].aligned and tokens[j].row == tok.row:
                j += 1
            cells = tokens[i:j]
            last_text = max((k for k, t in enumerate(cells) if t.kind == T), default=-1)
            if values:
                runs.append(Run(label, values, False))
                label, values = [], []
            row_label = [t for t in cells[: last_text + 1] if t.kind == T]
            row_values = cells[last_text + 1:]
            if any(t.kind != B for t in row_values):
                runs.append(Run(label + row_label, row_values, True))
                label = []
            elif row_label and row_values:
                # a label beside cells that are all blank: a row printed blank (or a label
                # wrapped onto a row of its own); its words go on to the next run's label
                # there (_map_rows), as a text's do
                runs.append(Run(label + row_label, row_values, True))
                label = []
            else:
                label = label + row_label
            i = j
            continue
        if tok.kind == T or (tok.key in _OPENING and i + 1 < n and tokens[i + 1].kind == T) \
                or (tok.key in _CLOSING and label and not values):
            # (an opening bracket alone before words begins the next label — （ / 四 / ）/ 无
            # / 法 a character a line — and a closing one after words ends one, 定 / ”: not
            # a cell of the row, whose blank cell it hid)
            if values:
                runs.append(Run(label, values, False))
                label, values = [], []
            label.append(tok)
        else:
            values.append(tok)
        i += 1
    if label or values:
        runs.append(Run(label, values, False))
    return runs


# --- rows of proactive and applications ------------------------------------------------------

@cache
def _key_pattern(template: str, table: str) -> tuple[re.Pattern[str], dict[str, codes.Row]]:
    """One pattern of every key of a table's rows, a named group each."""
    groups = []
    names: dict[str, codes.Row] = {}
    for n, r in enumerate(codes.rows(template, table)):
        for m, k in enumerate(r.keys):
            name = f"g{n}_{m}"
            names[name] = r
            groups.append(f"(?P<{name}>{k})")
    return re.compile("|".join(groups)), names


# a remark in brackets after a label's words (规章（设区的市、自治州人民政府应提供相关数据）; a
# local row 其他主动公开文件（含…除规范性文件以外的…文件）): its words name no row; the numbering
# before a label ((一), (三)) is shorter
_REMARK = re.compile(r"(?<=[^\s()])\([^()]{6,}\)")


@lru_cache(maxsize=65536)
def match_row(key: str, template: str, table: str) -> codes.Row | None:
    """The template row whose key words occur nearest the end of a label run. Labels repeat
    from report to report, so the answers are memoised."""
    pattern, names = _key_pattern(template, table)
    if key.endswith(":"):
        # a colon after the label's words (（七）总计：  270238 …): no part of its name
        key = key.rstrip(":")
    if "(" in key:
        key = _REMARK.sub("", key)
    if key.endswith(".") and (m := _POINT_LAST.search(key)) is not None:
        # 3其他. for 3.其他: PyMuPDF's table cells put the point of a row's numbering on a
        # line of its own after the label's words (the point drawn lower than the CJK glyphs)
        key = f"{key[:m.start()]}{m.group(1)}.{m.group(2)}"
    best: tuple[int, int] | None = None
    found: codes.Row | None = None
    pos = 0
    while True:
        m = pattern.search(key, pos)
        if not m:
            break
        score = (m.end(), m.end() - m.start())
        if best is None or score > best:
            best, found = score, names[m.lastgroup or ""]
        pos = m.start() + 1
    if found is not None and best is not None and best[0] < len(key):
        # words after the row's: the numbered start of a later row's label, cut there with
        # its figures after it (…过程性信息 / 7.属于行 205 1 …, a label broken over lines in
        # -layout text), names the row the figures are; the earlier row's words are the tail
        # of the row above
        after = _numbered_start_row(key[best[0]:], template, table)
        if after is not None:
            return after or None
        if (m := _NUMBERING_LAST.search(key, best[0])) is not None and int(
                m.group(2)) != next((n for n, _, r in _numbered_labels(template, table)
                                     if r is found), None):
            # a later row's words, then its numbering (…公开申请 / 其他3.: pdftotext's word
            # boxes of a row at a page's head, 3. placed after 其他): the row its number and
            # the words before it name, else none — the matched words are the tail of the row
            # above, whose figures these are not
            words = m.group(1)
            return next((r for i in range(len(words)) if isinstance(
                r := _numbered_start_row(f"{m.group(2)}.{words[i:]}", template, table),
                codes.Row)), None)
        if (m := _NUMBER_THEN_WORDS.search(key, best[0])) is not None and int(m.group(1)) != next(
                (n for n, _, r in _numbered_labels(template, table) if r is found), None):
            # another row's number and words after the row's words: a later row's numbered
            # start, too garbled to name it (…其政府信息公开申请 / 3其.他: PyMuPDF's table cells
            # put the point of 3. after the first character); the matched words are the tail
            # of the row above, whose figures these are not (the row's own number there is
            # its numbering out of place: 缴纳费 / 2.用、行政机关… in -layout text)
            return None
    words = best[0] - best[1] if best is not None else 0
    while words < len(key) and not _CJK.match(key, words):
        words += 1  # a key's pattern may take the point before the words ((?:^|[\d.、)])其他$)
    if found is not None and (m := _NUMBERING_BEFORE.search(key, 0, words)) is not None:
        # the row's words right after another row's number: 2.其他 is 2.其他法律行政法规禁止公开
        # cut after its first word (a table printed narrow), not 3.其他
        own = next((n for n, _, r in _numbered_labels(template, table) if r is found), None)
        number = _mark_number(m)
        other = _numbered_start_row(key[m.start():], template, table) \
            if own is not None and number is not None and number != own else None
        if other:  # (another numbering before the words, naming no row: the words decide)
            return other
    if found is None and (row := _after_the_tail_above(key, template, table)) is not None:
        return row
    return found or _cut_label_row(key, template, table)


@cache
def _bare_rows(template: str, table: str) -> tuple[tuple[str, re.Pattern[str], codes.Row], ...]:
    """The rows whose words name them only at a label's start (其他, the key anchored: the word
    ends other labels too), each with the label of the row above, unnumbered and normalised,
    and its words' pattern without the anchor."""
    rows = codes.rows(template, table)
    return tuple((norm(_unnumbered(above.label)),
                  re.compile(row.keys[0].removeprefix(codes.LABEL_START)), row)
                 for above, row in zip(rows, rows[1:], strict=False)
                 if row.keys[0].startswith(codes.LABEL_START))


def _after_the_tail_above(key: str, template: str, table: str) -> codes.Row | None:
    """A row whose label is its words alone (其他, printed without its number 3.) after the
    tail of the label above it wrapped onto lines before it (text laid out in columns:
    …缴纳费 / 用、行政机关不再处理其政府信息公开 / 申请 / 其他 30972 …): the lines before are
    the end of that label, exactly, and the words name the row."""
    for above, words, row in _bare_rows(template, table):
        m = words.search(key)
        if m is not None and m.start() >= 2 and above.endswith(key[:m.start()]):
            return row
    return None


# a row's number and words without its point, the point last: 3其他.
_POINT_LAST = re.compile(r"(?<![0-9.])([0-9]{1,2})([\u4e00-\u9fff][^.\d]*)\.$")
# a row's numbering, (三) or 2. (_mark_number reads its groups 1 and 2)
_ROW_NUMBERING = r"(?:\(([一二三四五六七八九十]{1,2}|[0-9]{1,2})\)|([0-9]{1,2})[.、,])"
# a numbering that ends where a row's words begin (2. of 2.其他)
_NUMBERING_BEFORE = re.compile(_ROW_NUMBERING + "$")
# a row label's numbering and its words, up to a remark in brackets: (二)部分公开 of
# (二)部分公开(区分处理的,只计这一情形,不计其他情形)
_NUMBERED_LABEL = re.compile(_ROW_NUMBERING + r"([\u4e00-\u9fff][^()\d]*)")
# a row's numbering, then the first words of its label: 7.属于行, (三)不予, 2、申请人
_NUMBERED_START = re.compile(_NUMBERED_LABEL.pattern + "$")
# a number, then words: the start of a numbered label, however garbled its point (3其.他)
_NUMBER_THEN_WORDS = re.compile(r"([0-9]{1,2})\W?[\u4e00-\u9fff]")
# a row's words, then its number and point at a label's end (其他3.)
_NUMBERING_LAST = re.compile(r"([\u4e00-\u9fff]+)([0-9]{1,2})\.$")


def _mark_number(m: re.Match[str]) -> int | None:
    """The number of a _ROW_NUMBERING match's numbering: 7 of 7., 3 of (三)."""
    mark = m.group(1) or m.group(2)
    return int(mark) if mark.isdigit() else _chinese_number(mark)


@cache
def _numbered_labels(template: str, table: str) -> tuple[tuple[int, str, codes.Row], ...]:
    """Each numbered row label of a table: its number, its words, the row."""
    out = []
    for r in codes.rows(template, table):
        m = _NUMBERED_LABEL.match(norm(r.label))
        if m and (number := _mark_number(m)) is not None:
            out.append((number, m.group(3), r))
    return tuple(out)


def _numbered_start_row(rest: str, template: str, table: str) -> codes.Row | str | None:
    """The row whose numbered label begins as ``rest`` ends (a number, then one character or
    more of its words: a table printed narrow cuts 2.其他法律… after 2.其, the figures beside
    it); "" when two rows do; None when ``rest`` ends in no such start."""
    m = _NUMBERED_START.search(rest)
    if not m:
        return None
    number = _mark_number(m)
    rows = {r for n, words, r in _numbered_labels(template, table)
            if n == number and words.startswith(m.group(3))}
    if not rows:
        return None
    return rows.pop() if len(rows) == 1 else ""


# a label cut mid-word, its figures after the first part and the rest of the words on a line
# below them (2.其他法律行政法规禁 / 3 40 726 … / 止公开: pdftotext -layout, PDFs without
# ruled tables; 4.无正当 at the foot of a page a browser printed): the end of the label run is
# the start of one row's label, at least this long (three characters begin one row's label
# or, like 属于行, several: then none is taken)
_CUT_LABEL_MIN = 3
_LABEL_NUMBERING = re.compile(f"^{_NUMBER_MARK}")


@cache
def _label_words(template: str, table: str) -> tuple[tuple[str, codes.Row], ...]:
    """Each row's label without its numbering, normalised (其他法律行政法规禁止公开)."""
    return tuple((_LABEL_NUMBERING.sub("", norm(r.label), count=1), r)
                 for r in codes.rows(template, table))


def _cut_label_row(key: str, template: str, table: str) -> codes.Row | None:
    """The one row whose label begins with the longest end of ``key`` (at least
    _CUT_LABEL_MIN characters); None when no row's does, or two rows' do equally."""
    best, found = 0, None
    for words, row in _label_words(template, table):
        for n in range(min(len(words) - 1, len(key)), _CUT_LABEL_MIN - 1, -1):
            if key.endswith(words[:n]):
                if n > best:
                    best, found = n, row
                elif n == best:
                    found = None
                break
    return found


# the clause of 第二十条 each row of the proactive table discloses under (its section's heading)
_CLAUSE_OF_ROW = {"rules": "一", "normative_documents": "一", "licensing": "五",
                  "other_services": "五", "penalty": "六", "coercion": "六", "fees": "八",
                  "procurement": "九"}
_CLAUSE_HEADING = re.compile(r"第二十条第\(([一二三四五六七八九十]+)\)项")


def _clause_alone(label: list[Token], template: str) -> str | None:
    """The section a label's words end under (第二十条第（五）项 and its column headings), when
    no row's name follows the heading: the numeral of the clause, else None."""
    clause: str | None = None
    for t in label:
        if (m := _CLAUSE_HEADING.search(t.key)) is not None:
            clause = m.group(1)
        elif clause is not None and match_row(t.key, template, "proactive") is not None:
            return None
    return clause


def _rows_before_figures(label: list[Token], row: codes.Row, template: str,
                         first: Token | None) -> tuple[str, str, str] | None:
    """Why the figures after a run's own label of the proactive table may not be ``row``'s,
    as (Chinese, English) words for the problem and what was found, or None: the names of two
    rows or more after the last section heading in it (第二十条第（六）项), or before it when
    none follows it and the heading is another section's than ``row``'s (行政强制 / 第二十条第（五）项 /
    本年处理决定数量 / 3: the figure is 行政许可's); with no heading, two names or more. None
    too when ``row``'s name stands on the line of the first figure, ``first`` (text laid out
    in columns: 行政处罚 alone on its line, printed blank, then 行政强制 and its figures)."""
    named: list[codes.Row] = []
    clause: str | None = None
    for t in label:
        if (m := _CLAUSE_HEADING.search(t.key)) is not None:
            named, clause = [], m.group(1)
            continue
        if (r := match_row(t.key, template, "proactive")) is not None:
            if r is row and first is not None and t.source.line == first.source.line:
                return None
            if r not in named:
                named.append(r)
    if len(named) > 1:
        names = sorted(r.label for r in named)
        return (f"数字前的文字中有几行的栏目名称（{'、'.join(names)}），数字属于哪一行无法确定",
                f"the names of several rows ({', '.join(names)}) before the figures: expected "
                "one row's label, then its figures", "、".join(names))
    if not named and clause is not None and _CLAUSE_OF_ROW.get(row.code) != clause:
        return (f"数字在第二十条第（{clause}）项的标题之后，而该行不属于这一项，数字可能属于该项的行",
                f"the figures follow the heading of 第二十条第（{clause}）项, which the row is "
                "not under: expected the row's figures under its own section",
                f"第二十条第（{clause}）项")
    return None


# three figures or more apart by spaces in a piece of text (a row's figures read as words)
_FIGURES_IN_TEXT = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?:\s+\d+(?:\.\d+)?){2,}(?![\d.])")


def _figures_inside_label(run: Run, row: codes.Row, template: str, table: str) -> str | None:
    """Three figures or more read as words in the run's label after words that name ``row``
    by themselves (二、上年结转政府信息公开申请 / 本 （ 559 580 975 … / 数量), or glued after
    the start of its numbered label (pypdf's layout text of a narrow cell: `2.申1060 0 0 0 0
    106` / 请人 / 逾期 …, the row's figures in its label, the figures after it the next row's),
    or None; before them they may be the row above's (（ 1 21 34 … / 关政府信息 / 2.没有现成信息需)."""
    for i, t in enumerate(run.label):
        if (m := _FIGURES_IN_TEXT.search(t.text)) is None:
            continue
        if i and match_row("".join(x.key for x in run.label[:i]), template, table) is row:
            return m.group()
        # (not at the label's end: figures glued after a whole label are _GLUED_FIGURE's)
        before = (run.label[i - 1].key if i else "") + norm(t.text[:m.start()])
        if i < len(run.label) - 1 and _start_of_row_in(before, row, template, table):
            return m.group()
    return None


# a row's numbering, then words: where a numbered label may begin inside a run's key
_NUMBERED_WORDS = re.compile(_ROW_NUMBERING + r"([\u4e00-\u9fff]+)")


def _start_of_row_in(key: str, row: codes.Row, template: str, table: str) -> str | None:
    """The start of ``row``'s numbered label standing in ``key`` (its numbering and its first
    words, one enough where they begin no other row: 2.其他法律行政法 in 办三)理2.其他法律行政法不,
    2.其 at the end of a cell cut narrow, markitdown's `| 2.其 | 4340 | …` / 他法律 / 行政法 …),
    or None."""
    for m in _NUMBERED_WORDS.finditer(key):
        words = m.group(3)
        for n in range(len(words), 0, -1):
            start = key[m.start():m.start(3) + n]
            if _numbered_start_row(start, template, table) is row:
                return start
    return None


# the numbering of a group's heading, （六） of （六）其他处理; before a row's own numbering
_HEADING_NUMBERING = re.compile(r"\([一二三四五六七八九十]\)")
_GROUP_NUMBERING = re.compile(_HEADING_NUMBERING.pattern + r"(?=[0-9])")
_GROUP_PIECE_MAX = 6  # characters of a group's label a line of a narrow cell may hold
# a few characters of a group's label before a row's numbering, from a narrow cell that prints
# the label a few characters a line: 度办 of 三、本年度办理结果 before （二）部分
_GROUP_PIECE_BEFORE = re.compile(rf"[\u4e00-\u9fff]{{1,{_GROUP_PIECE_MAX}}}(?=\(|[0-9])")


def _cut_after_its_start(run: Run, before: codes.Row, template_rows: tuple[codes.Row, ...],
                         template: str, table: str) -> codes.Row | None:
    """The row a label names that is only its numbering and first words, cut in a narrow cell
    with the figures beside them on its line (6.属 of 6.属于四类过程性信息 / 于四 / 类过 …, the
    rest on lines below): the one row so numbered (in its own style, 4. not （四）) that
    begins so, when it is the row after ``before``, the row read last; else None (words put
    together from lines around the figures — 信访举报投诉类 / 1. / 申请 — are no start). The
    numbering of its group may stand before it, cut from the group's label in a narrow cell of
    its own (（六） 1. 申 of （六）其他处理 / 1.申请人无正当理由…): then it is the row's group's;
    so may a piece of its group's label, a few characters a line in a narrow cell (度办 of
    三、本年度办理结果 before （二）部分, 公开（区分… on the lines below)."""
    key = run.key
    row_at = run.values[0].row if run.values else None
    if any(t.row != row_at for t in run.label):
        return None  # (the grid's row: a PDF's cells and text lines carry no line)
    group = _GROUP_NUMBERING.match(key)
    piece = None if group is not None else _GROUP_PIECE_BEFORE.match(key)
    if group is not None:
        key = key[group.end():]
    elif piece is not None:
        key = key[piece.end():]
    m = _NUMBERED_START.fullmatch(key)
    if m is None:
        return None
    row = _numbered_start_row(key, template, table)
    if not isinstance(row, codes.Row):
        return None
    own = _NUMBERED_LABEL.match(norm(row.label))
    if own is None or (own.group(1) is None) != (m.group(1) is None) or (
            group is not None and not norm(row.group).startswith(group.group())) or (
            piece is not None and not _of_its_group(piece.group(), row)):
        return None
    return row if _next_row(before, template_rows) is row else None


def _of_its_group(piece: str, row: codes.Row) -> bool:
    """Whether ``piece`` is among the characters of ``row``'s group's label (度办 of
    三、本年度办理结果), cut from it in a narrow cell and printed before the row's label."""
    return piece in "".join(_CJK.findall(norm(row.group)))


def _next_row(before: codes.Row, template_rows: tuple[codes.Row, ...]) -> codes.Row | None:
    """The template's row after ``before``, or None."""
    at = next((i for i, r in enumerate(template_rows) if r.code == before.code), None)
    return template_rows[at + 1] if at is not None and at + 1 < len(template_rows) else None


def _figures_above_first_row(before: list[Run], run: Run,
                             row: codes.Row) -> tuple[int, int, list[int]]:
    """How many figures stand in the table before the first row's label — in the runs before
    it, as figures or as digits in their words, and in the run's label before the row's
    words —, how many of them are glued to the headings' words (`织1构0`), and the whole
    numbers among the runs' figures, in order."""
    at = run.key.find(norm(row.label)[:4])
    words = [r.key for r in before] + [run.key[:max(at, 0)]]
    figures = [int(t.key) for r in before for t in r.values if t.kind == V and t.key.isdigit()]
    return (sum(1 for r in before for t in r.values if t.kind == V)
            + sum(len(re.findall(r"\d+", w)) for w in words),
            sum(len(_DIGITS_IN_WORDS.findall(w)) for w in words), figures)


# digits glued to a word's characters (织1构0, 1242织0)
_DIGITS_IN_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])\d+|\d+(?=[\u4e00-\u9fff])")


def _label_interleaved(run: Run, before: codes.Row,
                       template_rows: tuple[codes.Row, ...]) -> codes.Row | None:
    """The row after ``before`` (the row read last) when the run's label is its label of
    eight characters or more with its lines' characters interleaved — every character as
    often, beginning as it does (pymupdf4llm's Markdown of a label a narrow cell wrapped,
    its lines put in two cells: `（二）部分公<br>形，不计其他 | 开（区分处理的，只计这一情<br>情形）`),
    a piece of its group's label maybe before it (度办理结果); else None."""
    row = _next_row(before, template_rows)
    if row is None:
        return None
    label, key = norm(row.label), run.key
    piece = _GROUP_PIECE_BEFORE.match(key)
    if piece is not None and _of_its_group(piece.group(), row):
        key = key[piece.end():]
    if len(label) < 8 or key[:5] != label[:5] or Counter(key) != Counter(label):
        return None
    return row



# a row label's own numbering as the template writes it: (三), 2. (_ROW_NUMBERING), 一、
_ROW_LABEL_NUMBERING = re.compile(_ROW_NUMBERING + r"|[一二三四五六七八九十]{1,2}、")
_PIECES_STATES_MAX = 4096  # readings of a label's characters kept at once (_pieces_explain)


@cache
def _groups_beside(row: codes.Row, before: codes.Row | None, template: str,
                   table: str) -> tuple[str, ...]:
    """The labels of the groups whose cells stand beside the lines between ``before``'s
    figures and ``row``'s, normalised: the two rows' own (（三）不予公开) and, where either is
    in one, the groups that hold groups (三、本年度办理结果, whose rows' numbering is no
    bracketed one)."""
    own = {norm(r.group) for r in (row, before) if r is not None and r.group}
    return tuple(dict.fromkeys(
        norm(r.group) for r in codes.rows(template, table)
        if r.group and (norm(r.group) in own or own and not norm(r.group).startswith("("))))


def _marks_among_words(tokens: list[Token], template: str, table: str) -> list[Token]:
    """A lone mark or sign on a text line before the line's words, none of the line's figures
    before it — a character of one of the table's labels (无 of （四）无法提供, the ） of （三）
    in a narrow group cell printed a character a line, beside a row label's wrapped line) —,
    or a lone sign that begins its line (the ” that ends 3.危及“三安全一稳定” wrapped, a
    figure's wrapped digit after it): a piece of the labels, as text, not a cell (it had been
    read as a blank or a bad cell ending the row above)."""
    out = tokens
    for i, t in enumerate(tokens):
        if (t.kind not in (M, X) or t.aligned or len(t.text) != 1
                or not _in_table_words(t.key, template, table)):
            continue
        line = t.row
        before = next((u for u in reversed(tokens[:i]) if u.row == line), None)
        after = next((u for u in tokens[i + 1:] if u.row == line), None)
        if (after is not None and after.kind == T and (before is None or before.kind == T)
                or t.kind == X and before is None):
            if out is tokens:
                out = list(tokens)
            out[i] = replace(t, kind=T, value=None)
    return out


def _label_among_pieces(run: Run, before: codes.Row | None,
                        template_rows: tuple[codes.Row, ...], template: str,
                        table: str) -> codes.Row | None:
    """The row after ``before`` (the row read last) when the run's label is its label's start
    — its numbering and a word or more — with the end of ``before``'s label and pieces of the
    groups' labels among its characters (_pieces_explain: a narrow table's cells wrapped a few
    characters a line, which a tool's text puts on one line: `不予公 于国 / 开 家秘 / 密 / 2.其
    1 1 6 9 1 4 22` is (三)不予公开's 不予公开, the end 于国家秘密 of 1.属于国家秘密, then 2.其 of
    2.其他法律行政法规禁止公开, its figures beside it); else None. A label with any other word (a
    row the body added, the next row's start after a row printed blank) names no row here, nor
    does a run whose values hold a word (无 for a blank, maybe a label's next line: 申请人 / 无).
    With no row read yet (``before`` None), the table's first row, its start alone."""
    row = _next_row(before, template_rows) if before is not None else template_rows[0]
    if row is None or not any(t.kind == V for t in run.values) or any(
            _CJK.search(t.text) for t in run.values):
        return None
    own = norm(row.label)
    m = _ROW_LABEL_NUMBERING.match(own)
    if m is None or not _CJK.match(own, m.end()) or run.figures >= 2 * len(row.columns):
        return None  # (two rows' worth of figures or more: no row's, as the words say)
    key = run.key
    if before is None:
        # the table's headings before the first row's label, in the run: its words from the
        # token its numbering begins, every one before a piece of the headings
        at = next((i for i, t in enumerate(run.label) if t.key.startswith(m.group())), None)
        if at is None or not all(_in_table_words(t.key, template, table)
                                 for t in run.label[:at]):
            return None
        key = "".join(t.key for t in run.label[at:])
    return row if _pieces_explain(key, own, m.end(),
                                  norm(before.label) if before is not None else "",
                                  _groups_beside(row, before, template, table), whole=False,
                                  bare=m.group() in _unique_numberings(template, table)) else None


@cache
def _unique_numberings(template: str, table: str) -> frozenset[str]:
    """The numberings only one row label of a table has ((七) of (七)总计, not 2.)."""
    marks = Counter(m.group() for r in codes.rows(template, table)
                    if (m := _ROW_LABEL_NUMBERING.match(norm(r.label))) is not None)
    return frozenset(mark for mark, n in marks.items() if n == 1)


def _own_label_among_pieces(run: Run, row: codes.Row, before: codes.Row | None,
                            template: str, table: str) -> bool:
    """Whether the run's label is ``row``'s label (whole, or its numbered start: its words go
    on below the figures) with the end of ``before``'s (the row read last) and pieces of the
    groups' labels among its characters (_pieces_explain): no sub-row after the row's words
    (`4.保护第三方合法权` / `（三） 益 11 7 3 …`, `（五）1.信访 / 不予处 举报投 7 7 116 …`)."""
    own = norm(row.label)
    m = _ROW_LABEL_NUMBERING.match(own)
    return _pieces_explain(run.key, own, m.end() if m else 0,
                           norm(before.label) if before is not None else "",
                           _groups_beside(row, before, template, table), whole=m is None)


def _pieces_explain(key: str, own: str, numbering: int, tail: str, groups: tuple[str, ...],
                    whole: bool, bare: bool = False) -> bool:
    """Whether ``key`` is, character for character, a label ``own`` (whole, else its start:
    its numbering, the first ``numbering`` characters, together and then a word or more — or
    no word, ``bare``, where no other row is so numbered: (七) of (七)总计) with
    an end of ``tail`` (the label above, wrapped onto the lines after its figures) and a piece
    of each of ``groups``' labels among its characters, each label's characters in its own
    order: every character must be so explained."""
    if numbering and own[:numbering] not in key:
        return False
    # a reading: (place in the tail above, place in the row's label, place in each group's),
    # -1 where that label has no character yet; the row's numbering is read whole, its
    # characters one after another: while it is, the place in the row's label is minus those
    # still to come
    states: set[tuple[int, int, tuple[int, ...]]] = {(-1, 0, (-1,) * len(groups))}
    for i, c in enumerate(key):
        after: set[tuple[int, int, tuple[int, ...]]] = set()
        for a, b, g in states:
            if b < 0:
                after.add((a, numbering if b == -1 else b + 1, g))
                continue
            if b == 0 and numbering and key.startswith(own[:numbering], i):
                after.add((a, 1 - numbering, g) if numbering > 1 else (a, numbering, g))
            if a < 0:
                after.update((p + 1, b, g) for p in range(len(tail)) if tail[p] == c)
            elif a < len(tail) and tail[a] == c:
                after.add((a + 1, b, g))
            if numbering <= b < len(own) and own[b] == c:
                after.add((a, b + 1, g))
            for n, (text, at) in enumerate(zip(groups, g, strict=True)):
                if at < 0:
                    after.update((a, b, (*g[:n], p + 1, *g[n + 1:]))
                                 for p in range(len(text)) if text[p] == c)
                elif at < len(text) and text[at] == c:
                    after.add((a, b, (*g[:n], at + 1, *g[n + 1:])))
        if not after or len(after) > _PIECES_STATES_MAX:
            return False
        states = after
    least = len(own) if whole else numbering if bare else numbering + 1
    return any(b >= least and a in (-1, len(tail)) for a, b, _ in states)


# A template row a body split into sub-rows the template does not have (其他对外管理服务事项 over
# 行政确认 and 行政检查): the parent's label, merged down over the sub-rows or printed on a row of
# its own, comes before the sub-row's label in the run, and the figures are the sub-row's, not
# the row's. A grid row's label cells (or a text line's) never go on past a row's words in the
# layouts read (only a total, a unit or a remark may); a text stream's next lines may (a label
# wrapped around its figures, the table's headings), so there only cells that are no piece of
# the table's own labels and headings count.
_CHINESE_NUMERALS = "零〇一二两三四五六七八九十百千万亿"
_TOTAL_OR_UNIT = re.compile(r"合计|小计|总计|计|单位|万元|元|件|个|项|条|次")
_CLAUSES = tuple(f"第二十条第({n})项" for n in "一二三四五六七八九十")
_HEADING_WORDS = {
    "proactive": ("信息内容", *_CLAUSES),
    "applications": ("申请人情况", "法人或其他组织", "总计", "(本列数据的勾稽关系为:第一项加第二项之和,"
                     "等于第三项加第四项之和)"),
}
_COMMON_WORDS = ("单位", "万元", "其中", "合计", "小计")


@cache
def _table_words(template: str, table: str) -> tuple[str, ...]:
    """A table's row labels, groups, column titles and headings, normalised."""
    words = [*_COMMON_WORDS]
    for r in codes.rows(template, table):
        words += [r.label, r.group]
    return tuple(dict.fromkeys([*_heading_words(template, table),
                                *(norm(w) for w in words if w)]))


def _in_table_words(key: str, template: str, table: str) -> bool:
    """Whether a cell's text is (a piece of) one of the table's own words."""
    return any(key in w for w in _table_words(template, table))


@cache
def _group_labels(template: str, table: str) -> tuple[str, ...]:
    """The Chinese characters of the labels of a table's groups of rows (三本年度办理结果,
    不予公开)."""
    return tuple(dict.fromkeys("".join(_CJK.findall(norm(r.group)))
                               for r in codes.rows(template, table) if r.group))


def _group_piece(key: str, template: str, table: str) -> bool:
    """Whether a cell's text is a piece of a group's label (a lone 其他 is a sub-row a body
    adds as often as a piece of （六）其他处理, so it is not)."""
    han = "".join(_CJK.findall(key))
    return bool(han) and han != "其他" and any(han in g for g in _group_labels(template, table))


def _continues_label(head: list[Token], rest: list[Token], label_han: str, template: str,
                     table: str) -> bool:
    """Whether ``rest`` is the rest of a label wrapped after ``head``, with pieces of a narrow
    group cell's label (a few characters a line) in cells of their own or before it."""
    while head and _group_piece(head[-1].key, template, table):
        head = head[:-1]
    tail = "".join(_CJK.findall("".join(t.key for t in head)))[-1:]
    han = "".join(_CJK.findall("".join(
        t.key for t in rest if not _group_piece(t.key, template, table))))
    if not han:
        return True
    for j in range(min(len(han) - 2, _GROUP_PIECE_MAX) + 1):
        if (j == 0 or _group_piece(han[:j], template, table)) and tail + han[j:] in label_han:
            return True
    return False


def _sub_label(run: Run, row: codes.Row, template: str, table: str) -> str | None:
    """The label of a sub-row after the words of ``row`` in the run's label, or None."""
    label = run.label
    for n in range(len(label) - 1, 0, -1):
        head = "".join(t.key for t in label[:n])
        if match_row(head, template, table) is row:
            break
    else:
        return None
    rest = "".join(t.key for t in label[n:])
    if match_row(rest, template, table) is row:
        return None  # the row's words come after a heading that holds them too (总计)
    if rest.startswith(("(", "含", "包括")) and (rest[0] != "(" or rest.endswith(")")):
        return None  # a remark on the row in a cell of its own: （含行政确认）, 含备案
    han = "".join(_CJK.findall(_REMARK.sub("", rest) if "(" in rest else rest))
    if not han or any(ch.isdigit() for ch in rest) or not han.strip(_CHINESE_NUMERALS):
        return None  # a figure the text garbled (约347, 347余, 三百四十七): a cell, no sub-row
    line = run.values[0].row if run.values else None
    if run.aligned or all(t.row == label[n - 1].row for t in label[n:]) or (
            label[n - 1].row != line and all(t.row == line for t in label[n:])):
        # a grid row; label cells on the text line of the row's words; or a label that begins
        # the line of the figures, the row's words on a line above it (a heading between
        # them would be on a line of its own, as pdftotext prints a table's columns)
        label_han = "".join(_CJK.findall(row.label))
        head_han = "".join(_CJK.findall(head))
        if not _TOTAL_OR_UNIT.sub("", han) or (head_han[-1:] + han) in label_han:
            return None  # a total, a unit, or the row's label wrapped onto the next cell
        # a narrow merged group cell (三、本年度办理结果, （六）其他处理) prints its label a few
        # characters a line, so a piece of it may stand before the rest of a wrapped label:
        # `（六） 2.申请人逾期未按收费通知要求缴纳` / `其他处 费用、行政机关不再处理其政府信息 15 13 …`
        if _continues_label(label[:n], label[n:], label_han, template, table):
            return None
    elif [t.key for t in label[n:]] != ["其他"] and all(
            _in_table_words(t.key, template, table) for t in label[n:] if _CJK.search(t.key)):
        # pieces of the table's labels and headings, as a text stream prints them; a lone
        # 其他 after the row's words is the sub-row a body adds (其他 is also a column of the
        # applications table, whose headings a stream prints before the rows, never alone)
        return None
    return "".join(t.text for t in label[n:]).strip()


Reading = list[Token | None]


def _readings(values: list[Token], k: int, aligned: bool) -> list[Reading]:
    """Every way ``values`` can fill ``k`` columns; None marks a blank position."""
    vals = list(values)
    kinds = [t.kind for t in vals]
    if B in kinds:
        figures = [i for i, kind in enumerate(kinds) if kind != B]
        if figures and B in kinds[figures[0]:figures[-1]] and _shared_cell(vals):
            # two figures in one cell ("63 16") beside blank cells: the tool lost the cell
            # boundaries, so no count of cells tells which figure belongs to which column
            return []
    if aligned:
        # a real table row: cells beyond the template's columns may be spacers (a merged
        # label printed as empty cells, padding to the table's width), but only blank ones;
        # every window of k cells that leaves out blanks alone is a reading (a blank 总计 at
        # the end and an empty cell of the label before the figures give two: the column
        # positions of the table's other rows or the rules decide, never the edge)
        n = len(vals)
        if n < k:
            return []
        return [vals[i:i + k] for i in range(n - k + 1)
                if all(t.kind == B for t in vals[:i]) and all(t.kind == B for t in vals[i + k:])]
    lead = 0
    while lead < len(vals) and vals[lead].kind == B and not vals[lead].solid:
        lead += 1
    trail = 0
    while (trail < len(vals) - lead and vals[len(vals) - 1 - trail].kind == B
           and not vals[len(vals) - 1 - trail].solid):
        trail += 1
    core: list[Token | None] = list(vals[lead:len(vals) - trail])
    n = len(core)
    if n == k and lead and any(t is not None and t.kind == B for t in core):
        # blank cells after the label, and a blank among the figures: whether the first blanks
        # are the label's or a column's cannot be told (pdfplumber's tables by the text
        # strategy: 规章,,,,3,,3 under headings split over six cells, issued blank, had been
        # read as 3 | blank | 3); the column positions of the table's other rows may place
        # them (_positional), never the count
        return []
    if n == k:
        return [core]
    if n > k:
        return [core[i:i + k] for i in range(n - k + 1)]
    # fewer cells than columns: which one is blank cannot be told from the text (blanks around
    # the row may belong to the layout or to the next row); only the column positions of the
    # table's other rows may place them (_positional), never a guess
    return []


def _after_a_bare_label(label: list[Token], row: codes.Row, rows: tuple[codes.Row, ...],
                        template: str, table: str) -> bool:
    """Whether a run's label holds the whole label of the table's first row (of ``rows``),
    with no figure after it, before the words of ``row``, the second (一、本年新收政府信 /
    息公开申请数量 / 二、上年结转政府信 79541 …)."""
    if len(rows) < 2 or row is not rows[1]:
        return False
    return any(match_row("".join(t.key for t in label[:j]), template, table) is rows[0]
               and match_row("".join(t.key for t in label[j:]), template, table) is row
               for j in range(1, len(label)))


_MERGED_COPY = ("合并单元格的数字被复制到所跨各格（表头同样复制），按一格读取 / a merged cell's figure "
                "copied into each cell it spans (its heading's too): read once")


def _copies_under_copied_heading(run: Run, tokens: list[Token]) -> bool:
    """Whether a row's alike figures are printed as many times as the nearest heading above it
    that stands repeated (docx2python: a cell a paragraph, a merged cell's text in every cell
    it spans: 本年处理决定数量 three times, then 行政许可 63 63 63), so copies of merged cells,
    not the pieces of a figure a tool split across cells (pdfplumber's 2 | 2 for 22, under a
    heading in pieces). Looks back a few cells only (the heading's row, or a row of the same
    group between)."""
    # (the label may hold the headings' words before the row's own: its last cell is the row's)
    own = run.label[-1] if run.label else next(iter(run.values), None)
    at = next((i for i, t in enumerate(tokens) if t is own), None)
    if at is None:
        return False
    before = [t for t in tokens[max(0, at - 24):at] if t.kind != B][-12:]
    groups: list[tuple[str, str, int]] = []  # (kind, key, how many alike in a row)
    for t in before:
        if groups and groups[-1][0] == t.kind == T and groups[-1][1] == t.key:
            groups[-1] = (T, t.key, groups[-1][2] + 1)
        else:
            groups.append((t.kind, t.key, 1))
    repeated = next((n for kind, _, n in reversed(groups) if kind == T and n > 1), 0)
    return repeated == run.figures


def _without_merged_copies(values: list[Token], tokens: list[Token],
                           k: int) -> list[Token] | None:
    """A grid row's cells without the copies a converter made of a merged cell, or None.
    docling and pandas.read_html print a cell spanning two columns in both (行政事业性收费 |
    16 | 29 | 29 under 上一年项目数量 | 本年增/减 | 本年增/减; 总计 550 | 550 where a page's
    grid has a column more): a cell is a copy when it holds the same text as the cell before
    it and the nearest row above with anything in the two columns (rows of figures between
    are other rows) holds the same words in both — the heading's merge was copied too. Only
    when the row has more figures than the ``k`` columns and exactly ``k`` are left: two
    equal figures under one heading merged over two real columns stay two."""
    filled = [t for t in values if t.kind != B]
    row = values[0].row if values else None
    if len(filled) <= k or any(t.row != row for t in values):
        return None
    by_row: dict[int, dict[int, Token]] = {}
    for t in tokens:
        if t.width == values[0].width:
            by_row.setdefault(t.row, {})[t.col] = t
    above = sorted((r for r in by_row if r < row), reverse=True)
    copies = set()
    for a, b in zip(values, values[1:], strict=False):
        if a.kind == B or b.kind == B or a.text != b.text or b.col != a.col + 1:
            continue
        for r in above:
            left, right = by_row[r].get(a.col), by_row[r].get(b.col)
            kinds = (B if left is None else left.kind, B if right is None else right.kind)
            if kinds == (B, B) or (kinds[0] != T and kinds[1] != T and B not in kinds):
                continue  # nothing in either cell, or a row of figures: a row further up
            if kinds == (T, T) and left.key == right.key:
                copies.add(id(b))
            break
    kept = [t for t in values if id(t) not in copies]
    return kept if copies and sum(1 for t in kept if t.kind != B) == k else None


# the first characters of the template's column headings, normalised (a heading copied over
# a merged cell is one; its unit may be written otherwise): 本年收费, 采购总金 (the 2019
# template's 采购总金额, which shares its code with 本年收费金额), 总计 …
_COLUMN_HEADS = frozenset(norm(label)[:4] for label in (
    *(c.label for c in codes.COLUMNS.values()), "采购总金额"))


def _copies_in_text(values: list[Token], tokens: list[Token], k: int) -> list[Token] | None:
    """A line of text's figures without the copies a converter made of merged cells, or None.
    The figures stand under the last words of the nearest line of headings above (as many or
    more): a figure alike the one before it, under a heading alike the one before it, is a
    copy (the heading one of the template's), when so the figures come to the ``k`` columns
    (kreuzberg's text of a Word table: `本年处理决定数量` three times over `行政许可 97 97 97`;
    `本年增/减 本年增/减` over `行政事业性收费 1 31 31`; the reviews table's `总计 总计` over
    `55 55`), as _without_merged_copies reads a grid's cells."""
    filled = [t for t in values if t.kind != B]
    if len(filled) <= k or any(t.kind != V or t.aligned or (t.row, t.col) != (
            filled[0].row, filled[0].col) for t in filled):
        return None  # (figures of one line of text, not cells a tool drew)
    at = next((i for i, t in enumerate(tokens) if t is filled[0]), None)
    if at is None:
        return None
    heads = next((t.text.split() for t in reversed(tokens[max(0, at - 40):at])
                  if t.kind == T and len(t.text.split()) >= max(3, len(filled))), None)
    if heads is None:
        return None
    heads = heads[-len(filled):]
    copies = {id(b) for (x, a), (y, b) in pairwise(zip(heads, filled, strict=True))
              if x == y and a.text == b.text and norm(y)[:4] in _COLUMN_HEADS}
    if len(filled) - len(copies) != k:
        return None
    return [t for t in values if id(t) not in copies]


def _shared_cell(tokens: list[Token]) -> bool:
    """Whether two figures came from one cell of the grid."""
    seen: set[tuple[int, int]] = set()
    for t in tokens:
        if t.kind != B:
            if (t.row, t.col) in seen:
                return True
            seen.add((t.row, t.col))
    return False


def _wider_than_its_table(run: Run, tokens: list[Token]) -> bool:
    """Whether the grid row of ``run`` (HTML, DOCX, PDF) reaches a column that no other row of
    its table reaches."""
    cells = [t for t in run.values if t.source.table is not None and t.source.col is not None]
    if not cells:
        return False
    table, row = cells[0].source.table, cells[0].row
    own = max(t.source.col for t in cells)
    others = [t.source.col for t in tokens if t.source.table == table and t.row != row
              and t.source.col is not None]
    return bool(others) and own > max(others)


def _reading_values(reading: Reading) -> tuple[int | float | str | None, ...]:
    """The values a reading gives; an unreadable cell stands as its text, so that two readings
    that put it in different columns are never taken for the same."""
    return tuple(None if t is None else f"\x00{t.text}" if t.kind == X else t.value
                 for t in reading)


@dataclass(slots=True)
class Pending:
    row: codes.Row
    run: Run
    readings: list[Reading]
    # a row's one reading waiting for the table's rules (_glued_pair's cut, _wrapped_in_cells'
    # join): what was done, in Chinese and English, for the refusal if they do not confirm it
    mended: tuple[str, str] | None = None


# column headings in the template's order (the columns of 法人或其他组织; a review's or lawsuit's
# outcomes and the two kinds of lawsuit; the proactive table's three columns): a table that
# prints them in another order has its figures in other columns than the template's (the rules
# hold either way, so nothing else would tell); it is refused
# every column's heading (总计 and 其他 head columns and name rows too): a cell holding one
# alone is no row's label
_COLUMN_WORDS = frozenset(norm(c.label) for c in codes.COLUMNS.values())
_APPLICANT_HEADINGS = tuple(norm(codes.COLUMNS[c].label) for c in codes.APPLICANT_COLUMNS[1:5])
_OUTCOME_HEADINGS = tuple(norm(codes.COLUMNS[c].label) for c in codes.REVIEW_COLUMNS[:4])
_LAWSUIT_HEADINGS = tuple(norm(r.label.split("·")[-1]) for r in codes.REVIEW_ROWS[1:])


@cache
def _proactive_headings(template: str) -> tuple[tuple[str, ...], ...]:
    """The column headings of the proactive table's rows of three columns (本年制发件数,
    本年废止件数, 现行有效件数; 2019: 上一年项目数量, 本年增/减, 处理决定数量 and the documents')."""
    return tuple(dict.fromkeys(tuple(norm(r.column_title(c)) for c in r.columns)
                               for r in codes.rows(template, "proactive") if len(r.columns) == 3))


@cache
def _heading_starts(every: frozenset[str]) -> dict[str, str]:
    """The first part of a heading wrapped in its cell (社会公益 of 社会公益组织, as -layout
    text and narrow columns print it), at least two characters and the start of no other
    heading: part -> heading."""
    starts: dict[str, str | None] = {}
    for heading in every:
        for n in range(2, len(heading)):
            part = heading[:n]
            starts[part] = heading if part not in starts else None
    return {part: h for part, h in starts.items() if h is not None and part not in every}


def _columns_out_of_order(first: dict[str, tuple[tuple[int, int], int]],
                          headings: tuple[str, ...], one_row: bool = False,
                          filled: frozenset[int] | set[int] = frozenset()) -> list[str] | None:
    """The ``headings`` in the order the table first prints them (``first``: heading -> its
    first token's index and place in it, and grid row), when that is not the template's;
    None when it is, when
    fewer than two are found whole, or when they are neither on one row of the grid or text
    nor a line each, one after another (pdfminer prints a heading row's cells on lines apart,
    in an order of its own) — lines of empty cells between them (an empty heading cell, a
    cell a line: 本年新制作数量 | / | / 对外公开总数量 |) do not part them; ``filled``: the rows
    holding a word or a figure."""
    found = sorted((h for h in headings if h in first), key=first.__getitem__)
    if len(found) < 2:
        return None
    rows = [first[h][1] for h in found]
    if len(set(rows)) > 1 and (one_row or any(
            b <= a or any(r in filled for r in range(a + 1, b))
            for a, b in zip(rows, rows[1:], strict=False))):
        return None  # neither one row nor a line each, one after another
    return found if found != [h for h in headings if h in first] else None


def _refuse_column_order(tokens: list[Token], table: str,
                         heading_sets: tuple[tuple[str, ...], ...], report: ParsedReport) -> bool:
    """Whether the table prints one of ``heading_sets`` in another order than the template's
    (then the error is said)."""
    every = _every_heading(heading_sets)
    starts = _heading_starts(every)
    first: dict[str, tuple[tuple[int, int], int]] = {}
    # also the first parts of wrapped headings, in cells of their own or apart by a space in
    # one cell (pdftotext -layout: 科研机 社会公 法律服)
    with_starts: dict[str, tuple[tuple[int, int], int]] = {}
    for i, t in enumerate(tokens):
        if t.kind == T:
            if t.key in every and t.key not in first:
                first[t.key] = ((i, 0), t.row)
            pieces = [norm(p) for p in t.text.split()] if " " in t.text else [t.key]
            for j, piece in enumerate(pieces):
                heading = piece if piece in every else starts.get(piece)
                if heading is not None and heading not in with_starts:
                    with_starts[heading] = ((i, j), t.row)
    filled = {t.row for t in tokens if t.kind != B}
    for headings in heading_sets:
        # headings wrapped in their cells are compared by their first parts only where all
        # stand on one line (pieces of a wrapped heading row on lines one after another
        # would look like a line each)
        order = _columns_out_of_order(first, headings, filled=filled) or (
            with_starts != first and _columns_out_of_order(with_starts, headings, one_row=True))
        if order:
            line = tokens[(first.get(order[0]) or with_starts[order[0]])[0][0]].source.line
            report.errors.append(Problem(
                f"表格 {table}：各列的顺序与模板不同，无法按模板对应数字 / the columns are in another "
                f"order than the template's: expected {'、'.join(h for h in headings if h in order)}, "
                f"found {'、'.join(order)}", line=line, table=table, expected="、".join(headings),
                found="、".join(order)))
            return True
    return False


# a heading cell's words, then a figure: 本年制发件数347, 益组织3632 (of 社会公益组织)
_HEADING_THEN_FIGURE = re.compile(r"^(.*[\u4e00-\u9fff)）])([+\-]?\d+(?:\.\d+)?)$")
# 行政复议, 行政诉讼 and its two kinds (未经复议直接起诉, 复议后起诉)
_REVIEW_HEADINGS = tuple(dict.fromkeys(w for r in codes.REVIEW_ROWS for w in r.label.split("·")))


@cache
def _heading_words(template: str, table: str) -> tuple[str, ...]:
    """A table's column titles and headings (no row labels), normalised."""
    words = [*_HEADING_WORDS.get(table, ()), *codes.TABLE_TITLES[table].split("、")]
    if table == "review_litigation":
        words += [*_REVIEW_HEADINGS, *(codes.COLUMNS[c].label for c in codes.REVIEW_COLUMNS)]
    else:
        for r in codes.rows(template, table):
            words += [r.column_title(c) for c in r.columns]
    return tuple(dict.fromkeys(norm(w) for w in words if w))


def _refuse_figures_apart(tokens: list[Token], table: str, report: ParsedReport) -> bool:
    """Whether a spreadsheet's rows hold figures with no label in the row (camelot's stream
    tables put a row's figures on a line of their own, above or below its label): which label
    they belong to cannot be told. Then the error is said."""
    labelled = {t.row for t in tokens if t.kind == T}
    loose = [t for t in tokens if t.kind in (V, X) and t.row not in labelled]
    rows = {t.row for t in loose}
    if len(rows) < 2:
        return False  # one row of figures apart (a total under the table) is left to the rules
    first = loose[0]
    report.errors.append(Problem(
        f"表格 {table}：{len(rows)} 行数字所在的行没有行名称，无法确定各行数字属于哪一行，整张表未读取 / "
        f"{len(rows)} rows of figures without a label in the row: which row's figures they are "
        f"cannot be told; expected a label and its figures in one row, found figures alone",
        line=first.source.line, table=table, expected="a label and its figures in one row",
        found="rows of figures alone"))
    return True


def _refuse_figure_in_heading(tokens: list[Token], table: str, report: ParsedReport) -> bool:
    """Whether a heading cell of the table holds a figure after its words (本年制发件数 / 347 in
    one cell): a tool moved every row's figures into the row above (camelot on LibreOffice's
    PDFs), so each label stands beside the next row's figures — refused, the whole table."""
    words = _heading_words(report.template, table)
    for i, t in enumerate(tokens):
        if t.kind != T or not t.key[-1:].isdigit():
            continue
        m = _HEADING_THEN_FIGURE.match(t.key)
        if m is None or not any(m.group(1) in w for w in words):
            continue
        if len(m.group(1)) < 2 and not any(
                u.kind == T and any(w.endswith(u.key + m.group(1))
                                    or (u.key + m.group(1)).endswith(w) for w in words)
                for u in tokens[max(0, i - 4):i]):
            continue  # (one character, as 第 of a page's 第2页, is no heading's piece to go
            # by — unless it ends a heading with a piece just before it: 现行有效件 / 数21,
            # or a line of them, 信息内容 本年制发件 本年废止件 现行有效件 / 数7)
        if table != "review_litigation" and match_row(m.group(1), report.template, table):
            continue  # a row's label with a figure glued to it: that row's own error
        report.errors.append(Problem(
            f"表格 {table}：栏目名称的单元格里有数字（{t.text[-24:]}），提取工具把各行的数字移到了上一行，"
            f"整张表未读取 / a heading cell holds a figure ({t.text[-24:]}): the tool moved the "
            f"rows' figures up a row, so every label stands beside another row's figures; "
            f"expected a heading, found a heading and a figure", line=t.source.line, table=table,
            expected="a heading", found=t.text[-24:]))
        return True
    return False


@cache
def _every_heading(heading_sets: tuple[tuple[str, ...], ...]) -> frozenset[str]:
    return frozenset(h for headings in heading_sets for h in headings)


def _names_group(key: str, group: str) -> bool:
    """Whether a label's key holds the heading of a group of rows, or ends with it cut short by
    a character or two, or to its numbering, the rest on a line after its figures (PyMuPDF's
    blocks sorted: `（六）其他处` / `1 4 2 8 1 9 25` / `理`; `（` / `六）` / `31 1 2 …`)."""
    heading = norm(group)
    numbering = m.group() if (m := _HEADING_NUMBERING.match(heading)) else heading
    return heading in key or any(key.endswith(heading[:n]) for n in range(
        max(4, len(heading) - 2), len(heading))) or key.endswith(numbering)


def _group_start(row: codes.Row, template_rows: tuple[codes.Row, ...]) -> bool:
    """Whether the row is the first of its group (1.属于国家秘密 under （三）不予公开)."""
    return next(r for r in template_rows if r.group == row.group) is row


def _refuse_cells_run_together(tokens: list[Token], table: str, report: ParsedReport) -> bool:
    """Whether the table's cells ran together, nothing between them (规章254616: a page's text
    taken without a separator, BeautifulSoup's get_text() or lxml's text_content() of a table
    written on one line): no figure stands apart anywhere in the table and a row's label runs
    straight into digits. Which digits are which cell's cannot be told: refused, the whole
    table, saying how to take the text instead of each row "not found"."""
    if any(t.kind == V for t in tokens):
        return False
    glued, m = next(((t, m) for t in tokens if t.kind == T
                     and (m := _ROW_KEY_THEN_DIGIT.search(t.key))), (None, None))
    if glued is None or m is None:
        return False
    # the words from the label that runs into digits (a page run into one line: its label,
    # not the page's first words)
    report.errors.append(_run_together(table, glued.key[m.start():m.start() + 24],
                                       glued.source.line))
    return True


def _run_together(table: str, shown: str, line: int | None,
                  row: codes.Row | None = None) -> Problem:
    """The refusal of a table's cells (or of a row's) that ran together, quoting ``shown``."""
    where = f"表格 {table}，行 {row.code}（{row.label}）" if row else f"表格 {table}"
    return Problem(
        f"{where}：单元格的文字连在一起，数字与栏目名称之间没有分隔（“{shown}”），无法分开，"
        f"本{'行' if row else '表'}未读取；请在单元格之间加换行或制表符重新提取，或直接添加网页原文件 / the "
        f"{'row' if row else 'table'}'s cells run together: expected a label, then its figures "
        f"apart, found “{shown}” (text taken with nothing between cells; take it with a line "
        f"break or a tab between cells, or add the page itself)", line=line, table=table,
        row=row.code if row else None, expected="a label, then its figures apart", found=shown)


# a cell's words run straight into the figure that ends it (规章000, 3.其他0000000, 行政处罚5)
_WORDS_THEN_FIGURE = re.compile(r"(?<=[\u4e00-\u9fff）)”\"])[0-9０-９]+(?:[.．][0-9０-９]+)?$")
# or into a blank cell's mark (行政强制—, 行政事业性收费/)
_WORDS_THEN_MARK = re.compile(r"(?<=[\u4e00-\u9fff）)”\"])(?:[-—－–/／]{1,2}|―)$")


def _figures_off_labels(tokens: list[Token], template: str, table: str) -> list[Token]:
    """In a table whose cells ran together (no figure stands apart: _refuse_cells_run_together),
    the figures a row's label runs into where its cell ends, split off where one way to part
    them holds: zeros (规章000, 一、本年新收…0000000: one figure, which _digit_cells parts a cell
    a zero), or the one figure of a row of one column (行政处罚5). Other digits stay in the
    label (规章254616: which are which cell's cannot be told; the row is refused, _emit) — but
    in a row of the applications table as many digits as its columns that add up a digit a
    cell (1000001, parted by _digit_cells where the table's rules confirm it); so does a blank
    cell's mark but in a row of one column (行政强制—: the row's one cell blank)."""
    if any(t.kind == V for t in tokens):
        return tokens
    out: list[Token] = []
    for t in tokens:
        text = t.text.rstrip()
        m = (_WORDS_THEN_FIGURE.search(text) or _WORDS_THEN_MARK.search(text)) \
            if t.kind == T else None
        n = len(m.group()) if m else 0
        row = match_row(t.key[:-n], template, table) if n and n < len(t.key) <= n + 60 \
            else None
        digits = t.key[-n:]
        parts = row is not None and (
            len(row.columns) == 1 or digits.isdigit() and (
                not digits.strip("0") or row.columns[-1] == "total"
                and len(digits) == len(row.columns) and _digits_add_up(digits)))
        if not parts:
            out.append(t)
            continue
        kind, _, key, value, _ = _cell_plan(text[-n:])[0][0]
        out += [replace(t, text=text[:-n], key=t.key[:-n]),
                replace(t, kind=kind, text=text[-n:], key=key, value=value, x=None, at=None)]
    return out


def _digit_cells(values: list[Token], k: int) -> list[Token] | None:
    """A row's ``k`` cells when its figures are digits run together, ``k`` digits in all
    (0000000, 0 0 0 0 0 00, 1000001): a digit a cell, the one way to part them into ``k``
    figures, as no figure but 0 begins with 0 — right where no cell is blank. Blanks of the
    layout's filler before and after the figures are left out; a blank cell, or a blank
    between them, gives None, as does anything else. Zeros part so in any row (a blank
    cell would leave fewer zeros than columns); other digits only where the row adds up so
    parted and the table's rules confirm it (_resolve_pending): a row that adds up with a
    total of two digits or more never adds up parted so (digit sums are the figures' sums mod
    9, so the total's higher digits would sum to 9 or more, and the other cells' digits to its
    units digit less that), and a row whose total has one digit has no figure of two, so no
    blank among its k digits."""
    figures = [i for i, t in enumerate(values) if t.kind != B]
    if not figures or any(t.solid for t in values if t.kind == B):
        return None
    values = values[figures[0]:figures[-1] + 1]
    if k < 2 or len(values) >= k or any(
            t.kind != V or not t.key.isdigit() for t in values) \
            or sum(len(t.key) for t in values) != k:
        return None
    return [replace(t, text=t.text[i] if len(t.text) == len(t.key) else t.key[i], key=t.key[i],
                    value=int(t.key[i]), at=None) for t in values for i in range(len(t.key))]


def _digits_add_up(digits: str) -> bool:
    """Whether a row's digits, a digit a cell, add up: the last the sum of the others."""
    return sum(map(int, digits[:-1])) == int(digits[-1])


def _zeros_parted(values: list[Token], k: int, table: str, line: int | None,
                  report: ParsedReport) -> list[Token] | None:
    """A row's ``k`` cells when its figures are zeros run together (_digit_cells), a note
    saying so; else None."""
    zeros = _digit_cells(values, k)
    if zeros is None or any(t.value for t in zeros):
        return None
    shown = " ".join(t.text for t in values if t.kind == V)
    report.notes.append(Note(
        f"表格 {table}：“{shown}”中的 0 连写在一起（数字之间没有分隔），共 {k} 个 0，正好每格一个，"
        f"已按 0 读取 / “{shown}” holds zeros run together, {k} in all, one a cell (no "
        f"figure but 0 begins with 0): read as {k} zeros", line=line))
    return zeros


def _ends_in_row(values: list[Token], rows: tuple[GridRow, ...]) -> bool:
    """Whether the text ends in the row of these cells (a copy of a page cut off there)."""
    return bool(values) and values[-1].row >= len(rows) - 1


# layouts whose cells a tool drew from a page (CSV, Markdown and | tables of PDFs' tables)
_CELL_LAYOUTS = frozenset({"csv", "json-cells", "markdown", "pipe"})
# tables a tool found and exported cell by cell (CSV, a JSON of rows of cells)
_TOOL_CELLS = frozenset({"csv", "json-cells"})
_LEADING_ZERO = re.compile(r"0\d")
_GLUED_BEFORE_WORDS = re.compile(r"\d+(?:[.．]\d+)?(?=[\u4e00-\u9fff])")


# as _GLUED_BEFORE_WORDS, and before the bracket of a numbered label too ((二)部分公开), a sign
# allowed (the change of a proactive row may be negative)
_GLUED_FIGURE_BEFORE = re.compile(r"[-−]?\d+(?:[.．]\d+)?(?=[\u4e00-\u9fff（(“])")


def _glued_numbering(figures: list[str]) -> bool:
    """Whether figures glued before labels may be a numbering (1属于国家秘密, 2其他法律…: row
    numbers without their point): of the figures one after another, half or more count on by
    one, or three count 1, 2, 3 (a table's figures do so now and then by chance, as 1 and 2)."""
    values = [int(f) if f.isdigit() else -2 for f in figures]
    steps = [b == a + 1 and a < 20 for a, b in pairwise(values)]
    return bool(steps) and (2 * sum(steps) >= len(steps) or any(
        x and y for x, y in pairwise(steps)))


# the start of a heading of a table or of a numbered label (第二十条第(五)项, (二)部分公开, 二、…)
_HEADING_START = re.compile(r"第二十条|[(][一二三四五六七八九十][)]|[一二三四五六七八九十]、")
# the first characters of every row's label of the proactive and applications tables, with
# and without its numbering (规范性文件, 其他对外, 1.属于国, 属于国家 …)
_LABEL_STARTS = tuple(sorted({start[:4] for t in codes.TEMPLATES
                              for table in ("proactive", "applications")
                              for r in codes.rows(t, table)
                              for start in (norm(r.label), _LABEL_NUMBERING.sub("", norm(r.label)))}))


def _two_labels_in_a_cell(run: Run, row: codes.Row, template: str, table: str,
                          unlabelled_next: bool = False) -> str | None:
    """A label cell that starts with another row's whole label (or holds it numbered), then
    names ``row``: two rows' labels in one cell (opendataloader-pdf's tables of LibreOffice's
    PDFs put the second row's label beside the first's, a row's figures after them, and the
    next row's under a label cut to its number: `1.属于国家秘密 其他法律行政法规禁止公开 | 4612 …` /
    `2. | 2 16 …`). Which row the figures are cannot be told (the label nearest the figures is
    the one match_row takes, as a wrapped label's tail stands before it): the cell's text, else
    None. In text of one cell a line (its JSON read as text) the two labels stand on two lines:
    a row's whole label, then the words of ``row`` without their numbering (a row printed
    blank, before the next row's label with its figures, keeps the next one's number) — or with
    it, where the next run's figures have no label (``unlabelled_next``: pdf_oxide's paragraphs
    （一）予以公开 / （二）部分公开… before a table of the two rows' figures without their labels).
    Two numbered labels cut short in one cell count too (_two_numbered_rows)."""
    for i, t in enumerate(run.label):
        if match_row(t.key, template, table) is not row:
            continue
        key = t.key
        if i and not run.label[i - 1].aligned and table != "proactive" and (
                unlabelled_next
                or not _LABEL_NUMBERING.match(key)):
            key = run.label[i - 1].key + key
        if _another_rows_label(key, row.code, template, table) or (
                key == t.key and table == "applications"
                and _two_numbered_rows(key, row, template, table)):
            return t.text if key == t.key else f"{run.label[i - 1].text} {t.text}"
    return None


@lru_cache(maxsize=65536)
def _another_rows_label(key: str, code: str, template: str, table: str) -> bool:
    """Whether a label's words hold another row's whole label than ``code``'s at their start,
    or, numbered, anywhere before (三、（一）予以公开 本 （二）部分公开…: pdf_oxide's paragraph of a
    group's labels and its heading's characters, the rows' figures in a table after it).
    Labels repeat from report to report, so the answers are memoised."""
    for bare, other in _label_words(template, table):
        if other.code == code:
            continue
        for form in (norm(other.label), bare):
            at = 0 if key.startswith(form) else key.find(form) if form != bare else -1
            if at >= 0 and at + len(form) < len(key) and any(
                    at <= m.start() and m.end() <= at + len(form) for k in other.keys
                    for m in re.finditer(k, key)):
                return True
    return False


# a row's numbering before its words: (一), 1., or 一、
_NUMBERING_IN_LABEL = re.compile(f"{_ROW_NUMBERING}|[一二三四五六七八九十]{{1,2}}、")


@lru_cache(maxsize=65536)
def _two_numbered_rows(key: str, row: codes.Row, template: str, table: str) -> bool:
    """Whether a cell's words name ``row`` and another row, each after a numbering of its own
    (`一、本年新收政府信息公开 二、上年结转政府信息公开`, labels cut short: pdf_oxide's paragraph over
    a table of both rows' figures). A wrapped label's tail before the row's words has none. (The
    applications table's: the proactive table's labels are not numbered, its headings are,
    第二十条第（五）项.)"""
    pattern, names = _key_pattern(template, table)
    named: list[codes.Row] = []
    end = 0
    for m in pattern.finditer(key):
        if _NUMBERING_IN_LABEL.search(key, end, m.start()) is not None:
            if (found := names[m.lastgroup or ""]) not in named:
                named.append(found)
        end = m.end()
    return row in named and len(named) > 1


# a small number between words (现行有效件数1规章)
_NUMBER_AFTER_WORDS = re.compile(r"(?<=[\u4e00-\u9fff])\d{1,2}(?=[\u4e00-\u9fff])")


def _split_glued(tokens: list[Token], sums_checked: bool) -> list[Token]:
    """A figure glued before the words of a label or heading, after a row's figures or its
    label on the same line (`规章 10 110 41规范性文件`, `行政许可 138第二十条第（六）项`:
    Apache Tika's text of a PDF whose table rows end with no space; `行政许可 50 4
    2其他对外管理服` in PyMuPDF's sorted text of a page printed narrow): split into the
    figure, which keeps the token it came from (whole), and the words. A split figure is the
    row's only where it is its last (_map_rows): else it goes back to the label.

    Not where the labels may be numbered so — a label that begins its line or follows a
    heading with a small number glued before it (1规章, (三)不予公开 1属于…, 现行有效件数1规章),
    or glued figures that count 1, 2, 3 (_glued_numbering): a row number taken for the last
    figure of a row with a blank cell would be a wrong figure —, unless each row's glued
    figure must make it add up to its total (``sums_checked``: the applications table)."""
    found: list[tuple[int, re.Match[str]]] = []
    for i, t in enumerate(tokens):
        if t.kind != T or t.aligned:
            continue
        if not sums_checked and any(t.key.startswith(_LABEL_STARTS, n.end())
                                    for n in _NUMBER_AFTER_WORDS.finditer(t.key)):
            return tokens  # 现行有效件数1规章: a heading, a row's number, its label
        if i == 0:
            continue
        m = _GLUED_FIGURE_BEFORE.match(t.key)
        if m is not None and _GLUED_FIGURE_BEFORE.match(halfwidth(t.text).lstrip()) is None:
            m = None  # `24 二、上年结转…`: a space between, in a cell of aligned text
        if m is None or not (_HEADING_START.match(t.key, m.end())
                             or t.key.startswith(_LABEL_STARTS, m.end())):
            continue
        before = tokens[i - 1]
        if before.source.line != t.source.line or before.aligned or before.kind == B or (
                before.kind == T and not _ANY_ROW_KEY.search(before.key[-12:])):
            # a label that begins its line or follows a heading with a number glued before
            # it (1规章, (三)不予公开 1属于…): the table numbers its rows so
            if not sums_checked and m.group().isdigit() and len(m.group()) <= 2:
                return tokens
            continue
        found.append((i, m))
    if not found or not sums_checked and _glued_numbering([m.group() for _, m in found]):
        return tokens
    out = list(tokens)
    for i, m in reversed(found):
        t = tokens[i]
        figure = m.group().replace("−", "-").replace("．", ".")
        _, value, _ = _classify_key(figure)  # (a figure by _GLUED_FIGURE_BEFORE)
        rest = t.key[m.end():]
        kind, rest_value, rest_key = _classify_key(rest)
        out[i:i + 1] = [
            Token(V, figure, figure, value, t.source, t.row, False, t.col, t.width, False, t.x,
                  whole=t),
            Token(kind, rest, rest_key, rest_value, t.source, t.row, False, t.col, t.width,
                  False, t.x)]
    return out


_QUOTES = frozenset('"“”\'‘’')
# the numbering in brackets of a group's label, its opening bracket cut off ((四)无法提供)
_BRACKETED_NUMBER_REST = re.compile(r"(?:[一二三四五六七八九十]{1,2}|\d{1,2})\)")


def _label_pieces(tokens: list[Token]) -> list[Token]:
    """A lone quote or bracket that is a piece of a label beside it, by what it stands beside:
    the closing quote of a label that opened one (`3.危及"三安全一稳定 "` in kreuzberg's text:
    the " had stood in the first column and put the row's figures a column off), and the
    opening bracket of a label whose numbering follows it (`534 （ 四）无法提供`: the （ had been
    the row's last figure). Other lone quotes and brackets stay unreadable cells (_classify_key)."""
    out = tokens
    for i, t in enumerate(tokens):
        if t.kind != X:
            continue
        if t.key in _QUOTES and i and (before := tokens[i - 1]).kind == T \
                and sum(before.text.count(q) for q in _QUOTES) % 2:
            pass
        elif t.key == "(" and i + 1 < len(tokens) and tokens[i + 1].kind == T \
                and _BRACKETED_NUMBER_REST.match(tokens[i + 1].key):
            pass
        else:
            continue
        if out is tokens:
            out = list(tokens)
        out[i] = replace(t, kind=T)
    return out


def _figure_before_next_label(runs: list[Run], index: int) -> str | None:
    """The figure glued before the words of the next run's label (2其他对外管理服务事项)."""
    if index + 1 >= len(runs) or not runs[index + 1].label:
        return None
    m = _GLUED_BEFORE_WORDS.match(runs[index + 1].label[0].text.strip())
    return m.group() if m else None


def _figures_across_tool_cells(run: Run, table: str, columns: int) -> str | None:
    """The cells of a row, from a tool's table, when they cannot be a figure a cell: a cell
    holding two figures or more beside other cells with figures, no more figures than columns
    in all (the tool's column edges fall inside the table's columns, so a figure may be split
    between two cells, and a blank cell makes up the count: 546 1 | 60 for a blank, 546 and
    160) — unless the row holds a figure for every column and adds up to its total (a split
    figure breaks the sum) —, or a cell beginning with a figure with a leading zero (6 | 05:
    the end of 605). A row whose figures all stand in one cell is read."""
    cells = _figures_by_cell(run.values)
    if len(cells) < 2:
        return None
    pieces = _cells_text(cells)
    if any(_LEADING_ZERO.match(ts[0].text) for ts in cells.values()):
        return pieces
    figures = [t for ts in cells.values() for t in ts]
    if all(len(ts) < 2 for ts in cells.values()) or len(figures) > columns:
        # (more figures than columns: a figure wrapped inside its narrow cell, 88 / 6 for
        # 886, which the readings join only where the row then adds up)
        return None
    values = [t.value for t in figures]
    if (table == "applications" and len(values) == columns and all(t.kind == V for t in figures)
            and sum(values[:-1]) == values[-1]):  # type: ignore[arg-type]
        return None
    return pieces


def _figures_by_cell(values: list[Token]) -> dict[tuple[int, int], list[Token]]:
    """A tool's cells that hold figures (or unreadable cells), each with its tokens."""
    cells: dict[tuple[int, int], list[Token]] = {}
    for t in values:
        if t.kind in (V, X):
            cells.setdefault((t.row, t.col), []).append(t)
    return cells


def _cells_text(cells: dict[tuple[int, int], list[Token]]) -> str:
    return " | ".join(" ".join(t.text for t in ts) for ts in cells.values())


def _titles_in_one_cell(tokens: list[Token], headings: tuple[tuple[str, ...], ...]) -> str | None:
    """A cell holding two or more of the table's column headings, the labels' 信息内容 counted
    among them (本年制发件数 本年废止件数 现行有效件数 in one cell, or 信息内容 本年制发件数: the
    tool that drew the cells did not find the columns), or None."""
    for t in tokens:
        if t.kind == T and len(t.key) >= 8 and any(
                sum(title in t.key for title in group) + ("信息内容" in t.key) >= 2
                for group in headings):
            return t.text
    return None


def _numbers_in(values: list[Token]) -> int:
    """How many of ``values`` stand for numbers: figures, marks of a blank (/, —), and cells
    unreadable with a digit in them — not a bracket or other sign alone (a text cut off at
    the `(` of the next label)."""
    return sum(1 for t in values if t.kind in (V, M) or t.kind == X and any(
        c.isdigit() for c in t.text))


def _map_rows(tokens: list[Token], table: str, report: ParsedReport,
              rows: tuple[GridRow, ...], end: int,
              doubtful: frozenset[Source] = frozenset()) -> None:
    """The rows of the proactive or the applications table from its tokens; ``doubtful``:
    the places of cells the reader could not vouch for (refused after, in _map_table)."""
    template = report.template
    headings = (_APPLICANT_HEADINGS,) if table == "applications" else _proactive_headings(template)
    if _refuse_column_order(tokens, table, headings, report):
        return
    if _refuse_figure_in_heading(tokens, table, report):
        return
    if report.layout in _TOOL_CELLS and _refuse_figures_apart(tokens, table, report):
        return
    tokens = _figures_off_labels(tokens, template, table)
    tokens = _marks_among_words(tokens, template, table)
    if _refuse_cells_run_together(tokens, table, report):
        return
    template_rows = codes.rows(template, table)
    order = {r.code: i for i, r in enumerate(template_rows)}
    first_row = template_rows[0]
    # in cells a tool drew, column headings in one cell: a blank cell's column is not known
    titles_cell = _titles_in_one_cell(tokens, headings) if report.layout in _CELL_LAYOUTS \
        else None
    # figures before their labels, or off them (a figure's tail beside the next row's
    # label): the table is refused
    shifted: Problem | None = None
    if report.layout in _COLUMN_TEXT:
        tokens, joined, pieces_beside = _joins_beside_rows(
            tokens, len(codes.rows(template, table)[0].columns), table == "applications",
            lambda words: isinstance(_numbered_start_row(words, template, table), codes.Row))
        report.notes.extend(joined)
        if (moved := next((piece for piece, where in pieces_beside.values()
                           if where == "beside the next label"), None)) is not None:
            shifted = Problem(
                f"表格 {table}：一个折行数字的后半段 {moved.text}（{moved.source.place()[0]}）排在下一行栏目名称的"
                "开头旁，单元格的内容不会越出本行，说明提取的文字把各行的数字排离了其栏目名称，读取会错行，本表未读取 / "
                f"the tail of a figure a narrow cell wrapped ({moved.text}, "
                f"{moved.source.place()[1]}) stands beside the next row's numbered label: a "
                "cell's lines stay inside its row, so the text has moved the rows' figures off "
                "their labels and each row could take another's",
                line=moved.source.line, table=table,
                expected="a figure's pieces beside its own row's label",
                found=f"{moved.text} beside the next row's label")
    else:
        pieces_beside = {}
    runs = _runs(_split_glued(_label_pieces(tokens), sums_checked=table == "applications"))
    chosen: dict[str, tuple[Run, Reading]] = {}
    pending: list[Pending] = []
    cut_notes: dict[str, Note] = {}  # rows read with two figures printed together cut apart
    mended: dict[str, tuple[str, str]] = {}  # (or figures wrapped in a cell joined): how
    glued_notes: dict[str, Note] = {}  # rows read with their last figure glued to the next label
    blank_rows: dict[str, tuple[int, Run]] = {}
    matched: list[tuple[codes.Row, Run, list[Reading]]] = []
    prefix: list[Token] = []
    unknown = 0
    strays: list[Problem] = []  # rows of numbers under a label the template does not have
    stray_runs: set[int] = set()  # their places among the runs
    twice_runs: set[int] = set()  # the copies of rows printed twice with other figures
    errors_before = len(report.errors)
    last_stray: Run | None = None  # the run of figures before this one, if it had no row
    untaken: Run | None = None  # the same, or a sub-row's: figures no row took
    heading_figures: tuple[Run, codes.Row] | None = None  # （三）不予公开 with a row's figures
    parted: set[int] = set()  # rows of zeros run together, parted a cell a zero (_digit_cells)
    # rows of two rows' worth of figures or more that join as one broken in narrow cells: the
    # table is refused as shifted unless the rules confirm them
    stacked_wide: list[tuple[str, Problem]] = []
    for index, run in enumerate(runs):
        run = Run(run.label, _without_next_line_blanks(run), run.aligned, index)
        label = prefix + run.label
        own_label = run.label  # without the words of rows printed blank before it
        has_values = any(t.kind != B for t in run.values)
        if not has_values:
            row = match_row("".join(t.key for t in label), template, table) if label else None
            # a row printed with every cell blank; never when its label holds figures (a row
            # broken by the extraction: `行政规范性文件 | 11 | 1 | 32 |` before blank cells);
            # in a table's grid only with its whole label, and not in the cells a table finder
            # drew from a PDF (CSV, JSON), which lose and move cells
            if row is not None and len(run.values) >= len(row.columns) \
                    and not any(_FIGURE_IN_LABEL.search(_unnumbered(t.key)) for t in label) \
                    and (not run.aligned or report.layout not in _TOOL_CELLS
                         and _begins_as(run.label, row, template, table)):
                blank_rows.setdefault(row.code, (index, Run(label, run.values, False, index)))
            prefix = label[-12:]
            while any(_GLUED_FIGURE.search(t.text) for t in prefix):
                prefix = prefix[1:]  # a label with a figure in it labels no later row
            continue
        prefix = []
        run = Run(label, run.values, run.aligned, index)
        row = match_row(run.key, template, table)
        if row is None and matched:
            row = _cut_after_its_start(run, matched[-1][0], template_rows, template, table)
        if row is None and matched and (
                row := _label_interleaved(run, matched[-1][0], template_rows)) is not None:
            report.notes.append(Note(
                f"表格 {table} 行 {row.code}：栏目名称“{''.join(t.text for t in run.label)[:40]}”"
                f"是“{row.label}”折行后各行文字交错排列而成（所含的字及每个字的次数完全相同），且紧接在上一行 "
                f"{matched[-1][0].code} 之后，按该行读取 / "
                f"the label is {row.code}'s with its wrapped lines' characters interleaved (the "
                f"same characters, each as often), and it is the row after {matched[-1][0].code}",
                line=run.line))
        above = matched[-1][0] if matched else None
        if (row is None or row is above) and (matched or not chosen) and (
                start := _label_among_pieces(run, above, template_rows, template,
                                             table)) is not None:
            # (a row's words alone, the end of the row above's label wrapped onto the lines
            # after its figures, before the next row's numbering: `予以公开 （二） 634 151 …`)
            row = start
            how = (f"由上一行 {above.code} 名称的末尾、分组名称的片段和“{row.label}”的开头交错而成"
                   "（窄栏折行，每个字都有着落），且紧接在上一行之后" if above is not None else
                   f"是表格第一行“{row.label}”的开头（窄栏折行）")
            how_en = (f"the start of {row.code}'s with the end of {above.code}'s and pieces "
                      "of the groups' labels among its characters (a narrow table's wrapped "
                      f"cells; every character accounted for), and it is the row after "
                      f"{above.code}" if above is not None else
                      f"the start of the table's first row's, {row.code} (a narrow cell)")
            report.notes.append(Note(
                f"表格 {table} 行 {row.code}：栏目名称“{''.join(t.text for t in run.label)[:40]}”"
                f"{how}，按该行读取 / the label is {how_en}", line=run.line))
        both = _two_labels_in_a_cell(
            run, row, template, table, index + 1 < len(runs) and not runs[index + 1].label
            and runs[index + 1].figures > 0) if row is not None else None
        if row is None and has_values and not _numbers_in(run.values):
            continue  # signs alone, no label (a text cut off at the `(` of a label): no row
        if row is None and matched and (merged := _tail_with_wrapped_figures(
                run, *matched[-1][:2], template, table,
                report.layout in _COLUMN_TEXT)) is not None:
            # the end of the row above's label on the line after its figures, beside the tails
            # of figures its narrow cells wrapped (`一、本年新收政府信 56 61 64 80 66 58 38` /
            # `息公开申请数量 5`): the row above's, joined as its sum says (below)
            matched[-1] = (matched[-1][0], merged,
                           _readings(merged.values, len(matched[-1][0].columns), merged.aligned))
            last_stray = untaken = None
            continue
        if row is None or both is not None:
            # figures of no row of the template, or of two rows' labels (which of them cannot
            # be told): figures of no row, as the table's structure weighs them
            last_stray = untaken = run
            if any(t.kind == V for t in run.values):
                stray_runs.add(index)
            unknown += _numbers_in(run.values)
            nums = " ".join(t.text or "␣" for t in run.values)
            strays.append(Problem(
                f"表格 {table}：一行数字找不到对应的栏目 / a row of numbers whose label is not a "
                f"row of the template: label “{''.join(t.text for t in run.label)[-40:]}”, "
                f"numbers {nums}", line=run.line, table=table,
                expected="a label of the template", found="".join(t.text for t in run.label))
                if both is None else Problem(
                f"表格 {table}：两行的栏目名称连在一起“{both[:40]}”，其后的数字属于哪一行无法确定 / two "
                f"rows' labels together before one row's figures: expected one row's label, "
                f"found “{both[:40]}”, numbers {nums}", line=run.line, table=table,
                expected="one row's label", found=both[:40]))
            continue
        # a row's worth of figures just before this row's label, in text (not a grid row)
        row_before = (last_stray is not None and not run.aligned
                      and last_stray.figures == len(row.columns))
        clause = _clause_alone(last_stray.label, template) \
            if row_before and table == "proactive" else None
        first_of_table = row_before and not matched and not chosen and (
            row.code == first_row.code
            or _after_a_bare_label(run.label, row, template_rows, template, table))
        if len(row.columns) > 1 and (first_of_table or clause is not None
                                     and clause == _CLAUSE_OF_ROW.get(row.code)):
            # a row's worth of figures under the headings, then the first row's label — or
            # under a section's heading (第二十条第（五）项 and its column headings, no row's name,
            # 1 1 14, then 行政许可 and 6 -5 38), then the section's first row's —: the text puts
            # each row's figures before its label (an OCR engine's boxes of a page turned a
            # little; PDF text in reading order, the first row's label then standing without
            # figures before the second's), so every label would take the next row's figures
            named = first_row.label if first_of_table else row.label
            where, where_en = (f"第一行“{named}”之前", "the first row's label") if first_of_table \
                else (f"第二十条第（{clause}）项的标题之后、“{named}”之前",
                      f"the label of the first row under 第二十条第（{clause}）项")
            assert last_stray is not None  # (row_before)
            shifted = shifted or Problem(
                f"表格 {table}：{where}已有一整行数字（{last_stray.source.place()[0]}），"
                "各行的数字可能排在其栏目名称之前，读取会错一行，本表未读取 / figures before "
                f"{where_en}: expected “{named}”, then its figures, found "
                f"{len(row.columns)} figures before it; each row's figures may stand before its "
                "label, so every row would take the next one's", line=last_stray.line,
                table=table, expected=f"{named}, then its figures",
                found="a row of figures before it")
            chosen[row.code] = (run, [])
            continue
        if (not matched and not chosen and row.code == first_row.code and not run.aligned
                and table == "applications"):
            above, glued, figures = _figures_above_first_row(runs[:index], run, row)
            # figures, or digits glued to the headings' words, under the headings before the
            # first row's label — a row's worth over several lines that adds up, or some glued
            # to the headings' words while the first row is short (not the heads of its wrapped
            # figures, `2 3 4` or `46 43 67 149 …` over it, the rows after it read right or
            # refused on their own): the text puts each row's figures a row early (pypdf's
            # layout text of a narrow page: `织1构0 8 15` / `6 7` for 2 146 0 1 0 8 157, then
            # each row's figures on the row before's label's last line)
            if above >= 3 and (len(figures) == len(row.columns) and _row_adds_up(figures)
                               or glued and run.figures < len(row.columns)):
                shifted = shifted or Problem(
                    f"表格 {table}：第一行“{first_row.label}”之前的表头中已有 {above} 个数字，"
                    "各行的数字可能排在其栏目名称之前，读取会错一行，本表未读取 / figures among the "
                    f"headings before the first row's label ({above}): each row's figures may "
                    "stand before its label, so every row would take the next one's",
                    line=run.line, table=table,
                    expected=f"the headings, then {first_row.label} with its figures",
                    found=f"{above} figures among the headings")
                chosen[row.code] = (run, [])
                continue
        if (row_before and row.group and heading_figures is None
                and _group_start(row, template_rows) and _names_group(last_stray.key, row.group)):
            # the heading over a group of rows holds a row's worth of figures: a subtotal of
            # the group, or the first row's figures printed before its label (decided below)
            heading_figures = (last_stray, row)
        if not run.aligned and (doubt := _figures_not_the_rows(
                run, row, own_label, untaken if row.code not in chosen
                else None, template, table)) is not None:
            report.errors.append(doubt)
            chosen[row.code] = (run, [])
            last_stray = untaken = None
            continue
        if run.values and (whole := run.values[-1].whole) is not None and (
                run.figures != len(row.columns) or row.columns[-1] == "total" and sum(
                    t.value or 0 for t in run.values[:-1] if t.kind != B)
                != run.values[-1].value):
            # a figure split off the next label (_split_glued) that is not this row's last: it
            # is beyond its columns (`13<br>1<br>（七）总计` in pymupdf4llm's Markdown: the 1 ends
            # 131, wrapped), leaves it short, or the row does not add up to its total with it
            # (`1 18<br>48<br>（三）`: 18 and 48 are 1848 broken) — the label keeps it
            run = Run(run.label, run.values[:-1], run.aligned, run.index)
            runs[index + 1].label[0] = whole
        last_stray = untaken = None
        if table == "applications" and not run.aligned and run.figures >= 2 * len(row.columns):
            # two rows' worth of figures after one label: the next row's figures stand before
            # its label, and the rows after it may each take the next one's
            two_rows = Problem(
                f"表格 {table}：行“{row.label}”之后有两行的数字，下一行的数字排在其栏目名称之前，"
                "以下各行读取可能错一行，本表未读取 / two rows' worth of figures after one "
                f"label: expected {len(row.columns)} figures after “{row.label}”, found "
                f"{run.figures}; the next row's figures stand before its label, so the rows "
                "after it may each take the next one's", line=run.line, table=table,
                row=row.code, expected=f"{len(row.columns)} figures",
                found=f"{run.figures} figures")
            if report.layout in _COLUMN_TEXT and _stacked_in_columns(
                    run.values, len(row.columns)) is not None:
                # unless they are one row's figures broken in narrow cells, one piece under
                # another, as the table's rules confirm (below): else the table is refused
                stacked_wide.append((row.code, two_rows))
            else:
                shifted = shifted or two_rows
                chosen[row.code] = (run, [])
                continue
        # (no sub-row where the label is the row's own with its wrapped lines interleaved:
        # every character of it, each as often, and no other)
        sub = _sub_label(run, row, template, table) if len(run.label) > 1 and Counter(
            run.key) != Counter(norm(row.label)) else None
        if sub is not None and _own_label_among_pieces(
                run, row, matched[-1][0] if matched else None, template, table):
            sub = None  # the row's label among the group cells' pieces (…合法权 / （三） 益)
        if sub is not None:
            unknown += _numbers_in(run.values)
            if any(t.kind == V for t in run.values):
                stray_runs.add(index)  # figures of no row of the template, as above
            strays.append(Problem(
                f"表格 {table}：行“{row.label}”下分列的子项“{sub[:40]}”不是模板的栏目，其数字不是该行的数字"
                f" / a sub-row “{sub[:40]}” under the row {row.code} ({row.label}), which the "
                f"template does not have: its figures are not the row's", line=run.line,
                table=table, row=row.code, expected=f"the row {row.label} with its own figures",
                found=f"a sub-row {sub[:40]}"))
            untaken = run
            continue
        if run.label and _GLUED_FIGURE.search(run.label[-1].text):
            # `规章1   3   2`, `稳定”674523790  2`: the tool dropped the space after the label,
            # so a figure of the row is in its label and the others would stand a column off
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：数字与栏目名称连在一起 / a figure "
                f"glued to the row's label: expected the label, then the figures, found "
                f"“{run.label[-1].text[-24:]}”", line=run.line, table=table, row=row.code,
                expected="a label, then figures", found=run.label[-1].text[-24:]))
            chosen[row.code] = (run, [])
            continue
        if (table == "proactive" and run.label and _SPLIT_AT_POINT.search(run.label[-1].text)
                and (first := next((t for t in run.values if t.kind != B), None)) is not None
                and first.kind == V):
            # `行政事业性收费 | 3. | 31`: a tool split 3.31 at its point, the 3. went to the label
            # (pdfplumber's text strategy: `5.` and `56` with a blank cell between them)
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：数字在小数点处被拆开 / a figure split "
                f"at its decimal point: expected one figure, found “{run.label[-1].text[-12:]}” "
                f"before {first.text}", line=run.line, table=table, row=row.code,
                expected="one figure", found=f"{run.label[-1].text[-12:]} {first.text}"))
            chosen[row.code] = (run, [])
            continue
        if (table == "proactive" and index + 1 < len(runs)
                and (cut := _split_after(run, runs[index + 1])) is not None):
            # `政府集中采购 | 2 | 8 | | 91. | 6` (pymupdf4llm's table of a page whose cells it
            # cut through: 28 and 91.96 as 2 | 8 and 91. | 6): the row's line goes on past its
            # figures with a figure cut at its point, so its cells are pieces
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：该行数字之后同一行还有在小数点处被拆开的"
                f"数字（{cut}），各数字可能是被拆开的碎片，未读取 / a figure split at its decimal "
                f"point after the row's figures on its line ({cut}): expected "
                f"{len(row.columns)} whole figures, found pieces", line=run.line, table=table,
                row=row.code, expected="whole figures", found=cut))
            chosen[row.code] = (run, [])
            continue
        if report.layout in _TOOL_CELLS and (
                pieces := _figures_across_tool_cells(run, table, len(row.columns))):
            # `546 1 | 60` for 546 and 160, `6 | 05` for 605: a table finder's cells that
            # do not follow the table's columns (pdfplumber's text strategy) split figures
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：提取工具的单元格与表格的栏目不一致，"
                f"数字可能被拆到相邻的格里 / a tool's cells that do not follow the columns: "
                f"expected a figure a cell, found “{pieces}”; a figure may be split across "
                "cells", line=run.line, table=table, row=row.code,
                expected="a figure a cell", found=pieces))
            chosen[row.code] = (run, [])
            continue
        if (zeros := _zeros_parted(run.values, len(row.columns), table, run.line,
                                   report)) is not None:
            run = Run(run.label, zeros, run.aligned, run.index)
            parted.add(run.index)  # (its cells' places are its run-together figure's)
        matched.append((row, run, _readings(run.values, len(row.columns), run.aligned)))
    # the rows that read unambiguously with every cell a number teach the columns' places
    full = [(run, readings[0]) for _, run, readings in matched if len(readings) == 1
            and all(t is not None and t.kind == V for t in readings[0])
            and run.index not in parted]
    # a line's row whose k cells are its figures and blanks, figures in its first and last
    # (`| 一、本年新收… | 2 | | | | | | 2 |`), has its cells in place as well: it teaches where
    # a row's first cell stands on such a line (`| 二、上年结转… | | | | | | | 1 |`)
    spanned = [(run, readings[0]) for row, run, readings in matched if len(readings) == 1
               and run.index not in parted
               and len(run.values) == len(row.columns) > 1 and _single_line(run)
               and run.values[0].kind == V and run.values[-1].kind == V
               and any(t.kind == B for t in run.values)]
    consensus = _column_consensus(full + spanned)
    xcolumns = _x_consensus(full)
    grid_start = _grid_consensus(full)

    def wait_for_rules(row: codes.Row, run: Run, cells: list[Token], why: tuple[str, str],
                       how: tuple[str, str]) -> Run:
        """The row read as ``cells``, a cut or a join by which it adds up: the reading waits
        for the table's rules over its columns (_resolve_pending), which refuse it saying
        ``why`` unless they hold; ``how`` the cut or join for its note."""
        mended[row.code] = why
        read = Run(run.label, cells, run.aligned, run.index)
        cut_notes[row.code] = Note(
            f"表格 {table} 行 {row.code}：{how[0]}，本行各栏之和等于总计，各栏的勾稽关系也成立 / "
            f"{how[1]}: so read, the row adds up to its total, and the table's rules over its "
            f"columns hold", line=read.line)
        return read

    for row, run, readings in matched:
        k = len(row.columns)
        if row.code in chosen or any(p.row.code == row.code for p in pending):
            prev = chosen.get(row.code)
            if prev and readings and all(_reading_values(r) == _reading_values(prev[1])
                                         for r in readings):
                report.notes.append(Note(f"表格 {table} 行 {row.code} 重复出现，数字相同，已忽略重复的一行"
                                         f" / row {row.code} printed twice with the same numbers",
                                         line=run.line))
                continue
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}：该行出现两次且数字不同 / row printed twice with "
                f"different numbers", line=run.line, table=table, row=row.code,
                expected="one row", found="two rows"))
            if prev and prev[0].figures:
                twice_runs.add(prev[0].index)
            twice_runs.update(p.run.index for p in pending
                              if p.row.code == row.code and p.run.figures)
            if run.figures:  # and this copy (a wrapped label's tail taken for the row's)
                twice_runs.add(run.index)
            chosen.pop(row.code, None)
            pending = [p for p in pending if p.row.code != row.code]
            chosen[row.code] = (run, [])  # marks the row as unusable
            continue
        if run.aligned and len(run.values) > k and _wider_than_its_table(run, tokens):
            # a grid row with cells beyond the columns of every other row of its table: a cell
            # printed twice or shifted; which one is not known (refused, never guessed)
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：该行单元格比表格其他各行多 / expected "
                f"{k} numbers in the table's columns, found {len(run.values)} cells reaching "
                f"beyond the columns of every other row", line=run.line, table=table,
                row=row.code, expected=f"{k} numbers", found=f"{len(run.values)} cells"))
            chosen[row.code] = (run, [])
            continue
        if run.values and run.values[-1].whole is not None:
            glued_notes[row.code] = Note(
                f"表格 {table} 行 {row.code}：本行最后一个数字与下一行的栏目名称（或标题）连在一起，"
                f"已按本行数字读取 / the row's last figure was glued to the next label's (or "
                f"heading's) words: read as the row's", line=run.line)
        if (table == "proactive" and not run.aligned and run.figures < k
                and (glued := _figure_before_next_label(runs, run.index)) is not None):
            # `行政许可 50 4 2其他对外管理服…` (PyMuPDF's sorted text of a page printed narrow):
            # a row short of a figure before a label that begins with one — no label of this
            # table is numbered, so the figure is a row's, maybe this one's last
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：数字少于栏目数，而下一行的栏目名称前"
                f"粘着数字“{glued}”，可能是本行的数字 / fewer figures than columns, and the next "
                f"label begins with a figure, “{glued}”, which may be this row's: expected {k} "
                f"figures, found {run.figures}", line=run.line, table=table, row=row.code,
                expected=f"{k} figures", found=f"{run.figures} figures, then {glued}"))
            chosen[row.code] = (run, [])
            continue
        # readings that give different numbers (one reading, or none, gives one or none)
        n_distinct = len(readings) if len(readings) < 2 else len(
            {_reading_values(r) for r in readings})
        # more figures than columns that read alike whichever are taken: copies of a merged
        # cell, or pieces of a figure a tool split across cells (refused below)
        alike_extra = (n_distinct == 1 and run.figures > k and not run.aligned
                       and any(t.kind == V and t.value for t in run.values))
        if (n_distinct != 1 or alike_extra) and (
                kept := _without_merged_copies(run.values, tokens, k)
                or _copies_in_text(run.values, tokens, k)) is not None:
            run = Run(run.label, kept, run.aligned, run.index)
            readings = _readings(kept, k, run.aligned)
            n_distinct = len({_reading_values(r) for r in readings})
            alike_extra = False
            report.notes.append(Note(f"表格 {table} 行 {row.code}：{_MERGED_COPY}",
                                     line=run.line))
        if n_distinct != 1:
            positional = (_positional_grid(run, readings, grid_start)
                          or _positional(run, k, consensus) or _positional_x(run, k, xcolumns))
            if positional is not None and not run.aligned and (
                    (stray_runs | twice_runs) & {run.index - 1, run.index + 1}):
                # figures of no row next to it may be the ones its blank cells lack (a page
                # printed narrow: 19 of 1978 on the label's line, the other figures two lines
                # below beside 理结 of 三、本年度办理结果), or those of a row printed twice
                # (its own, glued to its label, taken for the row above's: （二）3 12 2 …,
                # then 部分公 and its total's wrapped 2): blanks are not placed
                positional = None
            if positional is not None and titles_cell is not None:
                positional = None  # the columns the other rows teach are the tool's too
            if positional is not None and row.columns[-1] == "total" \
                    and (_glued_pair(run.values, k) is not None
                         or (digits := _digit_cells(run.values, k)) is not None
                         and _digits_add_up("".join(t.key for t in digits))):
                # a row one figure short that adds up with one figure cut in two (17 and 89
                # printed as `1789` in a narrow page's last two columns): a blank placed by
                # the columns would put every figure a column off
                positional = None
            if positional is not None and not _placement_breaks_its_row(table, positional):
                report.notes.append(Note(
                    f"表格 {table} 行 {row.code}：按同一表格其他行的列位置确定空白单元格 / blank cells "
                    f"placed by the column positions of the table's other rows", line=run.line))
                chosen[row.code] = (run, positional)
                continue
        if not readings and not run.aligned and row.columns[-1] == "total" \
                and (split := _glued_pair(run.values, k)) is not None:
            # two figures a tool printed with no space between them (pdftotext -raw:
            # … 92718 131888731330 for 92718 131888 731330), told apart by the row's sum
            # the row's rules are one sum; the table's rules over its columns must hold too
            # (_resolve_pending): a row whose total a tool lost (177果 glued to a label) can
            # add up by one cut as well (54 1 1 36 19 66: 5 4 1 1 36 19 66)
            run = wait_for_rules(row, run, split[0], (
                f"应有 {k} 个数字，只读到 {k - 1} 个；把其中一个数字拆成两个",
                f"found {k - 1}: one figure cut in two"), (
                f"数字“{split[1]}”是粘在一起的两个数字（{split[2]}），只有这样拆开",
                f"“{split[1]}” is two figures printed with no space between them "
                f"({split[2]}), the only cut"))
            readings = [run.values]
        if not readings and not run.aligned and row.columns[-1] == "total" \
                and (digits := _digit_cells(run.values, k)) is not None \
                and _digits_add_up("".join(t.key for t in digits)):
            # a row's figures run together, as many digits as columns (一、本年新收…1000001:
            # a page's cells taken with nothing between them), parted a digit a cell
            shown = " ".join(t.text for t in run.values if t.kind == V)
            run = wait_for_rules(row, run, digits, (
                f"“{shown}”连写在一起，按每格一个数字拆开后",
                f"found “{shown}” run together: parted a digit a cell, which"), (
                f"“{shown}”是连写在一起的 {k} 个数字，每格一位（只有这样拆开才有 {k} 格）",
                f"“{shown}” is {k} figures run together, a digit a cell (the one way to part "
                f"them into {k} cells)"))
            readings = [run.values]
        if not readings and run.aligned and row.columns[-1] == "total" \
                and (joined := _wrapped_in_cells(run.values, k)) is not None:
            # a figure wrapped in its narrow cell (pdf2docx's Word table of a PDF: `38 4`,
            # `24 69`), its pieces in the cell, told by the row's sum
            run = wait_for_rules(row, run, joined[0], (
                f"单元格中折行的数字接回后（{joined[1]}）",
                f"found figures wrapped in their cells: joined ({joined[1]}), which"), (
                f"单元格中折行的数字已接回（{joined[1]}）",
                f"figures wrapped in their cells joined ({joined[1]})"))
            readings = [run.values]
        if (not run.aligned and row.columns[-1] == "total" and run.figures > k
                and not any(_adds_up(r) for r in readings)
                and (joined := _wrapped_over_lines(run.values, k)) is not None):
            # figures wrapped in narrow cells, their tails on the next text line (pypdfium2's
            # text: `… 2084 1579` / `7`), told by the row's sum; the table's rules must hold too
            run = wait_for_rules(row, run, joined[0], (
                f"折到下一行的数字接回后（{joined[1]}）",
                f"found figures wrapped onto the next line: joined ({joined[1]}), which"), (
                f"折到下一行的数字已接回（{joined[1]}）",
                f"figures wrapped onto the next line joined ({joined[1]})"))
            readings = [run.values]
            n_distinct, alike_extra = 0, False  # (waits for the rules: _resolve_pending)
        elif (not run.aligned and row.columns[-1] == "total" and run.figures > k
              and report.layout in _COLUMN_TEXT and not any(_adds_up(r) for r in readings)
              and (joined := _stacked_in_columns(run.values, k)) is not None):
            # figures wrapped in narrow cells, their pieces down the lines below each other
            # (`358 263 441 462 562` / `69 27` / `1 77`), joined by their places on the page
            run = wait_for_rules(row, run, joined[0], (
                f"按位置接回各单元格中折行的数字后（{joined[1]}）",
                f"found figures wrapped in their cells, their pieces one under another: "
                f"joined ({joined[1]}), which"), (
                f"各单元格中折行的数字已按位置接回（{joined[1]}）",
                f"figures wrapped in their cells joined by their places ({joined[1]})"))
            readings = [run.values]
            n_distinct, alike_extra = 0, False
        if not readings:
            found = run.figures
            if found < k and _ends_in_row(run.values, rows):
                message = (f"应有 {k} 个数字，只读到 {found} 个，文字在本行结束 / expected {k} "
                           f"numbers, found {found} and then the end of the text")
            elif found < k:
                message = (f"应有 {k} 个数字，只读到 {found} 个 / expected {k} numbers, "
                           f"found {found}")
            else:
                # as many figures as columns, but blank cells between them that no column
                # position of the table places (a figure broken over two cells, a cell too many)
                blanks = len(run.values) - found
                message = (f"应有 {k} 个数字，读到 {found} 个数字和 {blanks} 个空白单元格，"
                           f"无法确定各数字所在的栏目 / expected {k} numbers in {k} cells, found "
                           f"{found} numbers among {len(run.values)} cells")
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：{message}", line=run.line,
                table=table, row=row.code, expected=f"{k} numbers", found=f"{found}"))
            chosen[row.code] = (run, [])
            continue
        if alike_extra and not _copies_under_copied_heading(run, tokens):
            # alike figures, more than the columns, under no heading copied as often: pieces
            # of figures a tool split across cells (pdfplumber's text strategy: 11 as 1 | 1,
            # 22 as 2 | 2) as well as copies; which cannot be told
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：{run.figures} 个数字对应 {k} 个栏目，"
                f"可能是一个数字被拆到几个单元格里，未读取 / expected {k} numbers, found "
                f"{run.figures} alike ({' '.join(t.text for t in run.values if t.kind == V)}): "
                f"pieces of a figure split across cells, or copies", line=run.line, table=table,
                row=row.code, expected=f"{k} numbers", found=f"{run.figures} numbers"))
            chosen[row.code] = (run, [])
            continue
        if titles_cell is not None and n_distinct == 1 and run.figures and any(
                t is None or t.kind == B for t in readings[0]):
            # a blank cell among the figures, where the tool that drew the cells did not find
            # the columns (PyMuPDF's and pdfplumber's tables of a page printed narrow: 规章 |
            # 188 | | 393 for 规章 | | 188 | 393): which column is blank cannot be told
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：表头各栏名称在同一个单元格里（{titles_cell[:30]}），"
                f"提取工具没有分出栏目，空白单元格属于哪一栏无法确定，未读取 / a blank cell among the "
                f"figures while the column headings stand in one cell ({titles_cell[:30]}): the "
                f"tool did not find the columns, so which column is blank cannot be told; expected "
                f"{k} numbers, found {run.figures}", line=run.line, table=table, row=row.code,
                expected=f"{k} numbers", found=f"{run.figures} numbers and blank cells"))
            chosen[row.code] = (run, [])
            continue
        if n_distinct == 1 and not run.aligned and (
                apart := _text_apart_at_edge(readings[0])) is not None:
            # `（      39   8   2   5   3   85   142理`: a group label's bracket or letter in
            # PyMuPDF's sorted text stands where the first figure would, far from the figures,
            # and the row's last figure is glued to the next label: read as a cell, it put every
            # figure a column off (39 as the commercial column's)
            report.errors.append(Problem(
                f"表格 {table}，行 {row.code}（{row.label}）：数字旁远离各数字的文字“{apart.text}”"
                f"不像是一格，各数字可能错一栏，未读取 / text “{apart.text}” far from the row's "
                f"figures, at their edge: expected {k} figures in their columns, found it read as "
                f"a cell, which may put every figure a column off", line=run.line, table=table,
                row=row.code, expected=f"{k} figures", found=apart.text))
            chosen[row.code] = (run, [])
            continue
        if n_distinct == 1:
            if len(readings) > 1:
                n = run.figures
                report.notes.append(Note(
                    f"表格 {table} 行 {row.code}：{n} 个数字对应 {k} 个栏目，各种读法数字相同 / "
                    f"{n} numbers for {k} columns; every reading gives the same numbers",
                    line=run.line))
            chosen[row.code] = (run, readings[0])
        else:
            pending.append(Pending(row, run, readings, mended.get(row.code)))
    # rows printed with every cell blank, placed between their neighbours
    # runs of figures that no row took: of no row, or of a row refused (printed twice, …)
    unplaced = stray_runs | twice_runs | {run.index for run, reading in chosen.values()
                                          if not reading and run.figures}
    for code, (index, run) in blank_rows.items():
        if code in chosen or any(p.row.code == code for p in pending):
            continue
        beside = index - 1 in unplaced or index + 1 in unplaced
        pieces = len({t.row for t in run.label})
        if beside or (report.layout in _TOOL_CELLS and pieces > 1):
            # beside a row of figures that no row took, before or after it: those figures may
            # be this row's, its label broken by the tool (PyMuPDF's table cells: a row's
            # figures beside 2申.请人逾期未按收费, the rest of its label on a row of blank cells;
            # pymupdf4llm: 度办 | （二）部 | 分公开（区分 over blank cells, the figures on the
            # next row beside 处理的，…其他情形）); in a tool's cells, a label pieced together
            # from rows of their own with empty cells: the rest of a wrapped label, whose
            # figures stand on its first line (政查询事 / 项 after 8.属于行 and its figures)
            label = next(r.label for r in template_rows if r.code == code)
            if beside:
                why = ("该行单元格全部为空，而相邻一行的数字没有对应的栏目，可能就是本行的数字（栏目名称被拆开），"
                       "本行不按空白处理 / a row printed blank next to a row of figures that no "
                       "row of the template took: expected the row's figures or blank cells, "
                       "found blank cells that may be the rest of that row's label")
                found = "blank cells beside a row of figures with no row"
            else:
                why = ("栏目名称分在几行、各格为空，可能是上方某行折行的栏目名称，其数字在第一行，本行不按空白处理 / "
                       "a label pieced together from rows of blank cells: expected the row's "
                       "figures or blank cells beside its label, found the label over "
                       f"{pieces} rows of blank cells, which may be the rest of a wrapped label "
                       "whose figures stand on its first line")
                found = "a label over rows of blank cells"
            report.errors.append(Problem(f"表格 {table}，行 {code}（{label}）：{why}",
                                         line=run.line, table=table, row=code,
                                         expected="its figures", found=found))
            chosen[code] = (run, [])
            continue
        if _between_neighbours(code, index, order, chosen):
            k = len(next(r for r in template_rows if r.code == code).columns)
            # each blank cell at its own place when the row has just its columns' cells
            chosen[code] = (run, list(run.values) if len(run.values) == k else [None] * k)
            report.notes.append(Note(f"表格 {table} 行 {code}：该行单元格全部为空，按缺失处理 / "
                                     f"row printed with every cell blank: kept as missing",
                                     line=run.line))
    if pending:
        _resolve_pending(pending, chosen, table, report)
    for code, two_rows in stacked_wide:
        if not chosen.get(code, (None, []))[1]:
            shifted = shifted or two_rows
    report.notes.extend(note for notes in (cut_notes, glued_notes)
                        for code, note in notes.items() if chosen.get(code, (None, []))[1])
    missing = [r for r in template_rows if r.code not in chosen]
    if heading_figures is not None and shifted is None and missing:
        # with a row left without figures, the heading's figures are its first row's, printed
        # before the row's label, and the rows after it took the next row's
        stray, first = heading_figures
        shifted = Problem(
            f"表格 {table}：“{first.group}”一行有数字，其下第一行“{first.label}”的数字可能排在栏目名称"
            f"之前（{stray.source.place()[0]}），以下各行读取会错一行，本表未读取 / a row's worth of figures "
            f"under the heading {first.group} while a row has none: the figures of “{first.label}"
            "” may stand before its label, so the rows after it would each take the next one's",
            line=stray.line, table=table, row=first.code, expected=f"{first.label}, then its "
            "figures", found=f"figures under {first.group}")
    if strays and not missing:
        # every row of the template was read: an extra row (a sub-total, a note with
        # figures) is left out of the data and said so, the report stays complete
        report.notes.extend(Note("未采用 / left out: " + p.message, line=p.line) for p in strays)
    else:
        report.errors.extend(strays)
    found_codes = [r.code for r in template_rows if r.code in chosen and chosen[r.code][1]]
    if found_codes and (len(found_codes) * 2 >= len(template_rows) or (
            end >= len(rows) and all(r.code in chosen
                                     for r in template_rows[:order[found_codes[-1]]]))):
        # a table cut off after most of its rows were read (a page cut short), or where the
        # text itself ends after every row up to the last one read (none missing before it):
        # the rows after the last one read are the cut, not numbers the text lost its
        # places for
        missing = [r for r in missing if not order_after(r.code, found_codes, template_rows)]
    if unknown and len(missing) >= max(3, len(template_rows) // 4):
        # numbers that belong to no row while rows lack numbers: the text has lost the
        # table's structure (e.g. pdftotext without -layout prints columns one after another)
        del report.errors[errors_before:]
        total = _numbers_in(tokens)
        report.errors.append(Problem(
            f"表格 {table}：提取的文字已丢失表格结构，{total} 个数字无法对应到栏目，未读取 / the "
            f"extracted text has lost the table's structure: {total} numbers cannot be matched "
            f"to rows ({unknown} follow no row label, {len(missing)} rows have none); use the "
            f"original HTML/DOCX/PDF (of a PDF, `pdftotext -layout`)", line=_line(rows, end - 1),
            table=table, expected="rows of the template", found="numbers without rows"))
        return
    if shifted is not None:
        del report.errors[errors_before:]
        report.errors.append(shifted)
        return
    if table == "applications":
        # figures of no row, or of a copy of a row printed twice, near a row: through up
        # to five runs without a figure — the heading rows repeated at a page's head between
        # a row a word processor broke over the page, the first line of each cell at the
        # foot, and the rest on a row of no label (a table finder's cells)
        near = _through_figureless(stray_runs | twice_runs, runs, 5)
        _refuse_figures_over_lines(chosen, report, near_strays=near)
        _refuse_pieces_beside(chosen, pieces_beside, report, table)
        _refuse_at_page_breaks(chosen, tokens, doubtful, near, report, table)
        _refuse_broken_in_cut_cells(chosen, tokens, doubtful, near, report, table)
        if stray_runs and (gaps := [r for r in template_rows if r.code not in chosen]):
            strays_at = [replace(runs[i], index=i) for i in sorted(stray_runs)]
            _refuse_rows_after_a_labels_figures(chosen, strays_at, runs, gaps, template_rows, table,
                                                report)
        _refuse_rows_after_a_wrapped_label(chosen, runs, template_rows, table, report)
        _refuse_rows_before_tails(chosen, runs, stray_runs, report, table)
        _refuse_rows_after_heads(chosen, runs, stray_runs, report, table)
    elif pieces_beside:
        _refuse_pieces_beside(chosen, pieces_beside, report, table)
    _refuse_zero_led(chosen, report, table)
    _emit(table, template_rows, chosen, report, rows, end,
          _amount_units(tokens) if table == "proactive" else (), tokens)


def _refuse_zero_led(chosen: dict[str, tuple[Run, Reading]], report: ParsedReport,
                     table: str) -> None:
    """Refuse the rows with a figure of two or more digits that begins with 0 (06): no count
    is printed so, but the tail of one a narrow cell wrapped is (106 as 1 / 06) — in a row of
    zeros and one figure besides its total, the tails add up as the figures would."""
    for code, (run, reading) in list(chosen.items()):
        led = next((t for t in reading if t is not None and t.kind == V and len(t.key) > 1
                    and t.key[0] == "0" and t.key.isdigit()), None)
        if led is not None:
            _refuse_unsure(
                code, run, reading, chosen, report, table,
                f"本行的数字 {led.text} 以 0 开头，可能是窄单元格折行拆开的数字的后半段",
                f"the figure {led.text} begins with 0: the tail of a figure a narrow cell "
                "wrapped, perhaps", expected="figures that do not begin with 0",
                found=led.text)


def _refuse_pieces_beside(chosen: dict[str, tuple[Run, Reading]],
                          pieces_beside: dict[int, tuple[Token, str]], report: ParsedReport,
                          table: str) -> None:
    """Refuse the rows whose figures stand on one line with a figure alone on the line beside
    it over them (_joins_beside_rows): a piece of a figure a narrow cell wrapped, the rest on
    the row's line — in the applications table where the row does not add up, in the
    proactive table (no sums) always."""
    sums = table == "applications"
    for code, (run, reading) in list(chosen.items()):
        lines = {t.row for t in reading if t is not None and t.kind != B}
        # (a row's figures over several lines, one a line — docx2txt's cells — are not this,
        # but for a row short of figures with pieces above and below, read with those below)
        beside = pieces_beside.get(min(lines)) if lines else None
        if beside is None or (len(lines) != 1 and beside[1] != "cells wrapped over more lines"):
            continue
        piece, where = beside
        if where == "heads above":  # (whatever its sums)
            _refuse_unsure(
                code, run, reading, chosen, report, table,
                f"本行上一行有正对本行数字的数字 {piece.text}（{piece.source.place()[0]}），"
                "作为各数字的开头接上本行的数字后各栏之和也等于总计，各格可能都折成了两行，"
                "本行读到的可能只是各数字的后一段",
                f"digits over the row's figures on the line above ({piece.text}, "
                f"{piece.source.place()[1]}) that, as the heads of its figures, make the row add up "
                "too: every cell may have wrapped, so the row's figures may be their tails",
                expected="the row's figures whole", found=f"{piece.text} above")
            continue
        if where in ("tails below", "heads over some"):  # (whatever its sums)
            side, side_en = ("下", "below") if where == "tails below" else ("上", "above")
            part, part_en = ("后", "tails") if where == "tails below" else ("前", "heads")
            _refuse_unsure(
                code, run, reading, chosen, report, table,
                f"本行{side}一行有正对本行数字的数字 {piece.text}（{piece.source.place()[0]}），"
                f"接在这几个数字{part}面后各栏之和也等于总计，可能是窄单元格折行拆开的数字，"
                "本行读到的可能只是这几个数字的一段",
                f"figures on the line {side_en} the row's, over some of its figures ({piece.text}, "
                f"{piece.source.place()[1]}), that as their {part_en} make the row add up too: "
                "pieces of figures a narrow cell wrapped, so the row's may be cut",
                expected="the row's figures whole", found=f"{piece.text} {side_en}")
            continue
        if where not in ("above", "below"):  # (pieces beyond the lines beside: whatever sums)
            _refuse_unsure(
                code, run, reading, chosen, report, table,
                f"本行数字的上下几行还有正对它们的数字（如{piece.source.place()[0]}的 {piece.text}），"
                "各格可能都折成了几行，本行读到的可能只是各数字的一段",
                f"figures over the row's on lines beyond the ones beside it ({piece.text}, "
                f"{piece.source.place()[1]}): every cell may have wrapped over more lines, so the "
                "row's figures may be pieces of its figures",
                expected="the row's figures whole", found=f"{piece.text} {where}")
            continue
        if sums and _adds_up(reading):
            continue
        _refuse_unsure(
            code, run, reading, chosen, report, table,
            f"本行{'上' if where == 'above' else '下'}一行单独有一个数字 {piece.text}"
            f"（{piece.source.place()[0]}），正对本行的数字，可能是窄单元格折行拆开的数字"
            f"{'，各栏之和不等于总计' if sums else ''}",
            f"a figure stands alone on the line {where} the row's ({piece.text}, "
            f"{piece.source.place()[1]}), over its figures: a piece of a figure a narrow cell wrapped"
            f"{', and the row does not add up' if sums else ''}",
            expected="the row's figures on its line", found=f"{piece.text} on the line {where}")


# text layouts where a table row's figures stand on one line (a row whose label wraps keeps
# its figures together on one of the label's lines)
_ROW_A_LINE = frozenset({"layout-columns", "ofd", "word-boxes", "pdf", "tab", "markdown",
                         "csv", "json-cells"})
# text laid out in columns: a figure's place on its line is its column's
_COLUMN_TEXT = frozenset({"layout-columns", "ofd", "word-boxes"})


def _out_of_column_order(reading: Reading) -> str | None:
    """In text laid out in columns, a row's figures on two or more lines read in their lines'
    order stand left to right, each after the one before (a row split by a page break: 17 in
    the first column above, the rest below). A figure on a later line that begins left of
    where one before it ends stands in a column read already (38 above 7 for 387: pieces of
    figures a narrow cell broke over lines) or before it (6 left of 38): the two, else None."""
    placed = [(t.row, t.x[1], t.x[1] + display_width(t.text), t.text) for t in reading
              if t is not None and t.kind != B and t.x is not None]
    for i, a in enumerate(placed):
        for b in placed[i + 1:]:
            if a[0] != b[0] and b[1] < a[2]:
                return f"{a[3]} / {b[3]}"
    return None


def _refuse_at_page_breaks(chosen: dict[str, tuple[Run, Reading]], tokens: list[Token],
                           doubtful: frozenset[Source], near: set[int], report: ParsedReport,
                           table: str) -> None:
    """Refuse a row of the applications table's grid that stands at a page break — the
    first or last row with figures on its page, or one with cells on two pages — that breaks
    its own sum (R3), or has blank cells beside figures of no row (``near``: their runs'
    places, through runs without a figure): the break may have cut a figure or joined two
    rows (a PDF's rows broken over a page whose pieces the reader could not tell: 35 … 50 of
    2.没有现成信息需要另 at a page's foot, 行制作 6 … 4 … 4 at the next one's head, for 356,
    114, 504; 365 and 50 of two rows joined as 36550; the rest of （二）部分公开 over blank
    cells and the 0 of 190 under repeated headings, its other figures at the foot beside
    （二), not the report's own error. A row with a cell the reader could not vouch for
    (``doubtful``, refused on its own) is left to that refusal."""
    figures = [t for t in tokens if t.aligned and t.kind == V and t.source.page is not None]
    pages = {t.source.page for t in figures}
    if len(pages) < 2:
        return
    first: dict[int, int] = {}
    last: dict[int, int] = {}
    for t in figures:
        first[t.source.page] = min(first.get(t.source.page, t.row), t.row)
        last[t.source.page] = max(last.get(t.source.page, t.row), t.row)
    for code, (run, reading) in list(chosen.items()):
        if not reading or not run.aligned:
            continue
        own = [t for t in run.values if t.kind == V and t.source.page is not None]
        if not own:
            continue
        at_break = len({t.source.page for t in own}) > 1 or any(
            t.row in (first[t.source.page], last[t.source.page]) for t in own)
        if not at_break:
            continue
        if any(t.source._replace(line=None) in doubtful for t in own):
            continue
        if _placement_breaks_its_row(table, reading):
            _refuse_unsure(code, run, reading, chosen, report, table,
                           "该行在表格跨页处，各栏之和不等于总计，可能是分页拆开了数字或把两行连在一起",
                           "the row stands at a page break and does not add up to its total: "
                           "the break may have cut a figure or joined two rows")
        elif len(own) < len(reading) and near & {run.index - 1, run.index + 1}:
            _refuse_unsure(code, run, reading, chosen, report, table,
                           "该行在表格跨页处，有空白单元格，紧邻一行不属于任何栏目的数字，可能就是被分页拆开的本行数字",
                           "the row stands at a page break with blank cells beside figures of "
                           "no row: they may be its own, the break having cut it")


def _refuse_broken_in_cut_cells(chosen: dict[str, tuple[Run, Reading]], tokens: list[Token],
                                doubtful: frozenset[Source], near: set[int],
                                report: ParsedReport, table: str) -> None:
    """Refuse a row of the applications table's grid that breaks its own sum (R3) where the
    tool's cells are not the table's: figures of no row beside it (``near``, as in
    _refuse_at_page_breaks: pdf_oxide's row of a narrow table, `333 399 | … | 366 207` over
    `申请数量 | | | | 1`, the 1 ending 2071; or a row with blank cells there), or cells
    elsewhere in the table holding two figures
    (opendataloader-pdf's `1117 1`, a figure wrapped in its narrow cell; its total row then
    lost the wrapped digits: 3059 … 1291 for 30590 … 129125). Its figures may have lost their
    wrapped digits, so the broken sum is not taken for the report's own error. A row with a
    cell the reader could not vouch for (``doubtful``) is left to that refusal."""
    shared = next((ts for ts in _figures_by_cell(
        [t for t in tokens if t.aligned and t.kind == V]).values() if len(ts) > 1), None)
    for code, (run, reading) in list(chosen.items()):
        if not reading or not run.aligned:
            continue
        if any(t.source._replace(line=None) in doubtful for t in run.values if t.kind == V):
            continue
        beside = bool(near & {run.index - 1, run.index + 1})
        if beside and any(t is None or t.kind != V for t in reading):
            # `5.属于三类内部事务信 | | … | 1320` over `| 4698 32 | | 5106 59 | …` (pdf_oxide: the
            # row's figures on a grid row of no label, its total cut short)
            _refuse_unsure(code, run, reading, chosen, report, table,
                           "该行有空白单元格，紧邻一行不属于任何栏目的数字，可能就是本行折行的数字",
                           "the row has blank cells beside figures of no row: they may be its "
                           "own, wrapped in its cells")
        elif not _placement_breaks_its_row(table, reading):
            continue
        elif beside:
            _refuse_unsure(code, run, reading, chosen, report, table,
                           "该行各栏之和不等于总计，紧邻一行不属于任何栏目的数字，可能是本行折行的数字",
                           "the row does not add up to its total and stands beside figures of "
                           "no row: they may be its own, wrapped in its cells")
        elif shared is not None:
            pieces = " ".join(t.text for t in shared)
            _refuse_unsure(code, run, reading, chosen, report, table,
                           f"该行各栏之和不等于总计，表中另有单元格含两个数字（{pieces}），"
                           "数字可能在窄栏中折行而丢失了部分数位",
                           f"the row does not add up to its total, and a cell of the table holds "
                           f"two figures ({pieces}): figures wrapped in narrow cells may have "
                           f"lost digits")


def _through_figureless(strays: set[int], runs: list[Run], reach: int = 2) -> set[int]:
    """The places of runs of figures of no row, and of the runs without a figure beside them
    (up to ``reach`` on each side): words between a row and the figures of no row beside it —
    a group's label printed a character a line, 办 （ between 88 11 10 and 9 9 30 … 79, the
    pieces of 889 119 … 1079 — do not part them."""
    out = set(strays)
    for stray in strays:
        for step in (-1, 1):
            i = stray + step
            while abs(i - stray) <= reach and 0 <= i < len(runs) and \
                    not any(t.kind == V for t in runs[i].values):
                out.add(i)
                i += step
    return out


def _refuse_rows_after_a_labels_figures(chosen: dict[str, tuple[Run, Reading]], strays: list[Run],
                                        runs: list[Run], missing: list[codes.Row],
                                        template_rows: tuple[codes.Row, ...], table: str,
                                        report: ParsedReport) -> None:
    """A row's worth of figures of no row under the rest of the label of the row before it
    (read with its figures), the rows read after it, then a row left without figures: each
    row's figures stood before its label (PyMuPDF's sorted text blocks where a
    label wraps taller than its figures: `5.要求行政机关确认…` / figures / `信息` / the next
    row's figures / `1.申请人无正当理由…`), so each row read between took the next one's, and
    the last row's went to none. Those rows are refused, each by name. The same where the
    figures under the rest and those beside the next row's numbered start, that row read short
    of them, make a row's worth (`密` / `9 49 21 7 79 205` / `2. 其 40`); and where the row
    whose rest it is was not read, nearly a row's worth beside its start and no other row's
    run before it (`（五）不予处 1.访举信 1 6 1 1 6 16` / `理 报投 诉类 申请 1 2 1 5 1 1 11`)."""
    order = {r.code: i for i, r in enumerate(template_rows)}
    columns = len(template_rows[0].columns)
    read = sorted((run.index, code) for code, (run, reading) in chosen.items() if reading)
    for stray in strays:
        before = [code for index, code in read if index < stray.index]
        after = [code for index, code in read if index > stray.index]
        if not after or not stray.key:
            continue
        # (or a row's worth parted by the next row's numbered start, that row read short of
        # them: `密` / 9 49 21 7 79 205 / `2. 其 40` in pdftotext's plain text, 40 its first)
        start = runs[stray.index + 1] if stray.index + 1 < len(runs) else None
        short = _numbered_start_row(start.key, report.template, table) if start else None
        unread = template_rows[order[after[0]] - 1] if order[after[0]] else None
        if before and (
                stray.figures == columns and order[after[0]] == order[before[-1]] + 1
                or start is not None and isinstance(short, codes.Row)
                and order[short.code] == order[before[-1]] + 1
                and not chosen.get(short.code, (None, []))[1]
                and stray.figures + start.figures == columns
                and order[after[0]] == order[before[-1]] + 2):
            previous_row, previous_key = template_rows[order[before[-1]]], chosen[before[-1]][0].key
        elif (unread is not None and not chosen.get(unread.code, (None, []))[1]
              and _a_rows_worth(stray, columns) and stray.index > 0
              and runs[stray.index - 1].figures >= columns - 2
              and all(run.index != stray.index - 1 for code, (run, _) in chosen.items()
                      if code != unread.code)):
            # the row before the next one read was not read, a row's worth under the rest of
            # its label and nearly one beside its start (`（五）不予处 1.访举信 1 6 1 1 6 16` /
            # `理 报投 诉类 申请 1 2 1 5 1 1 11`, pdftotext -layout of rows set close: each
            # row's figures at the end of the label above; no other row's run before it): its
            # rest bore the next row's
            previous_row, previous_key = unread, ""
        else:
            continue  # (the next row read is not the one after it: a row between unread)
        # its label the rest of the row's before it, which has its figures, or the heading of
        # the group both rows are in, printed beside the group's middle rows — or that rest
        # with pieces of the groups' labels among it (不予公 于国 / 开 / 家秘 / 密) —: the
        # figures after it are the next row's
        group = template_rows[order[after[0]]].group
        rest = (norm(previous_row.label).endswith(stray.key)
                or _pieces_explain(stray.key, "", 0, norm(previous_row.label), _groups_beside(
                    previous_row, None, report.template, table), whole=True)) \
            and not previous_key.endswith(stray.key)
        heading = bool(group) and group == previous_row.group and (
            _names_group(stray.key, group)
            or stray.key.endswith(_HEADING_NUMBERING.sub("", norm(group))))
        if not rest and not heading:
            continue
        gap = next((order[r.code] for r in missing if order[r.code] > order[after[0]]), None)
        if gap is None:
            continue
        between = []
        for code in after:  # in the text's order, the template's order up to the gap
            if order[code] >= gap or between and order[code] <= order[between[-1]]:
                break
            between.append(code)
        if any(r.code not in between and chosen.get(r.code, (None, []))[1]
               for r in template_rows[order[between[0]]:gap]):
            continue  # a row between them read elsewhere in the text: no plain shift
        lost = template_rows[gap]
        for code in between:
            label = template_rows[order[code]].label
            report.errors.append(Problem(
                f"表格 {table}，行 {code}（{label}）：本行之前（{stray.source.place()[0]}）有一行没有栏目名称的数字，"
                f"其后“{lost.label}”一行没有数字，各行的数字可能排在栏目名称之前，本行读到的可能是下一行的数字，"
                f"未读取 / a row's worth of figures with no label ({stray.source.place()[1]}) before this "
                f"row, and the row {lost.code} left without figures after it: each row's figures "
                f"may stand before its label, so this row may have taken the next one's",
                line=chosen[code][0].line, table=table, row=code,
                expected="its own figures after its label",
                found="figures of no row before it, a row without figures after it"))
            chosen[code] = (chosen[code][0], [])


def _refuse_rows_after_a_wrapped_label(chosen: dict[str, tuple[Run, Reading]], runs: list[Run],
                                       template_rows: tuple[codes.Row, ...], table: str,
                                       report: ParsedReport) -> None:
    """A row's label wrapped, its start beside a row's worth of figures and its rest over
    another, then the rows read after it up to a row not read: each row's figures after the
    first stood before its label (pdftotext's plain text of narrow cells, the label taller
    than its figures: `（六）1.申 18 114 … 1290` / `请人无正当理由…` / the next row's figures /
    `2.申请人逾期…` / the figures of the row after it / `3.其他`), so the rows read from the
    figures under the rest took the next one's, and the last one's went to none. Those rows
    are refused, each by name — whether the row itself was read from the figures beside its
    label's start (the rest printed twice), from those under its rest, or not at all. The
    rows' worths of figures are counted on through rows left unread (labels a group's cell
    beside them garbled, pypdf's layout text): a row read from the n-th after the wrapped
    one's took the next one's where it is the (n-1)-th row after it, in each stretch of such
    rows followed by a row not read."""
    read = {code: run.index for code, (run, reading) in chosen.items() if reading}
    if len(read) == len(template_rows):
        return  # (every row read: no row's figures went to none)
    order = {r.code: i for i, r in enumerate(template_rows)}
    columns = len(template_rows[0].columns)
    by_run = {index: code for code, index in read.items()}
    for at, (first, rest) in enumerate(pairwise(runs), 1):
        # (the first run a row's worth, or short of a figure or two another line took: a
        # total wrapped below, `1. 信 2 3 2 1 1 14` / `访举…` / `申请 6 2 6 3 5 4 26`)
        if not _a_rows_worth(rest, columns) or not first.label or not rest.label:
            continue
        # (a figure glued to the start's words counts among its figures: `1.申7 1 1 1 4 7 21`)
        head_key, rest_key = first.key, rest.key
        if (glued := _GLUED_FIGURE.search(head_key)) is not None:
            head_key = head_key[:glued.start() + 1]
        figures = first.figures + (glued is not None)
        if not (columns - 2 <= figures <= columns or _glued_row(first, columns)) \
                or figures < columns and len(
                    {t.row for t in rest.values if t.kind != B}) > 1:
            continue  # (a short first run with the rest's figures over lines: pieces)
        named = match_row(rest_key, report.template, table)
        for row in template_rows:
            if named is not None and named.code != row.code:
                continue  # (the rest's line names another row: `息 6.属于四类…`)
            label = norm(row.label)
            k = next((k for k in range(len(label) - 1, 1, -1) if head_key.endswith(label[:k])),
                     0)
            # the rest under the second run's figures, a few of its characters maybe lost
            # among a group's label printed beside it (其他处 请 人 理 无正当理由…), or a
            # rest of four characters or more with a group's characters among its own, or
            # its lines' characters interleaved (`理结开（区分处理果的，…`, `他律 法行政法规止
            # 禁公开`: narrow cells' lines merged)
            if not k or label[:k] in rest_key or not any(
                    rest_key.endswith(label[m:]) or len(label) - m >= 4
                    and len(rest_key) <= 2 * (len(label) - m)
                    and not Counter(label[m:]) - Counter(rest_key)
                    for m in range(k, min(k + 4, len(label)))):
                continue
            # the rows read from the second run's figures on that took the next one's: the
            # row's worths of figures from there are each the next row's in turn (the second
            # run's the row after the wrapped one) — through rows left unread or refused,
            # their labels lost among a group's printed beside them, whose figures still
            # count — while the row read from the n-th is the one before that (pypdf's
            # layout text: `三、（一）予以公本年开` / the next row's figures, then rows unread)
            between: list[str] = []
            worths = 0
            for index in range(at, len(runs)):
                code = by_run.get(index)
                if code is None and not _a_rows_worth(runs[index], columns):
                    continue  # (pieces of figures cells wrapped, or no figures)
                worths += 1
                if code is None:
                    continue
                if order[row.code] + worths - order[code] != 1:
                    break
                between.append(code)
            # each stretch of them in the template's order whose next row is left without
            # figures: a row after them that went to none (a stretch at the table's foot, or
            # before a row read, is no sign of a shift: its count may hold a line of pieces)
            stretches: list[list[str]] = []
            for code in between:
                if stretches and order[code] == order[stretches[-1][-1]] + 1:
                    stretches[-1].append(code)
                else:
                    stretches.append([code])
            shifted = [(stretch, template_rows[after]) for stretch in stretches
                       if (after := order[stretch[-1]] + 1) < len(template_rows)
                       and template_rows[after].code not in read]
            if not shifted:
                continue  # (no row after them left without figures: no sign of a shift)
            for code, lost in ((code, lost) for stretch, lost in shifted for code in stretch):
                report.errors.append(Problem(
                    f"表格 {table}，行 {code}（{template_rows[order[code]].label}）：“{row.label}”"
                    f"的栏目名称折行，开头在{first.source.place()[0]}一整行数字旁，其余部分之下（{rest.source.place()[0]}）"
                    f"又有一整行数字，其后“{lost.label}”一行未读出数字，各行的数字可能排在栏目名称之前，"
                    f"本行读到的可能是下一行的数字，未读取 / the label of the row {row.code} wrapped, "
                    f"its start beside a row's worth of figures ({first.source.place()[1]}) and its rest "
                    f"over another ({rest.source.place()[1]}), and the row {lost.code} not read after "
                    f"it: each row's figures may stand before its label, so this row may have "
                    f"taken the next one's", line=chosen[code][0].line, table=table, row=code,
                    expected="its own figures after its label",
                    found=f"a wrapped label of {row.code} over two rows of figures"))
                chosen[code] = (chosen[code][0], [])
                del by_run[read.pop(code)]
            break


def _refuse_rows_after_heads(chosen: dict[str, tuple[Run, Reading]], runs: list[Run],
                             stray_runs: set[int], report: ParsedReport, table: str) -> None:
    """A row read that adds up, just after figures of no row (or beyond the row before's
    own), fewer than its own, that written before some of its figures — the last its
    total's — make it add up as whole figures too (pdftotext's plain text of a narrow page:
    `97 63` / `16` / `年度办 （一）予以公开 0 3 5 59 2 25 94`, for 970 633 5 59 2 25 1694: the
    heads of the cells that wrapped, printed before the row's label; the heads of one
    length, as equal cells wrap alike, and no tail longer than its head) — or a line of
    figures of no row right before its label, as many as its own and not adding up, each
    written before one of its figures (`96 27 64 99 76 58 42` / `二、上年结转…` / `0 7 8 1 1 5
    22`): which the row's figures are is not known; refused. (The same after a row:
    _refuse_rows_before_tails.)"""
    def refuse(code: str, run: Run, reading: Reading, heads: list[str]) -> None:
        _refuse_unsure(
            code, run, reading, chosen, report, table,
            f"本行之前（{runs[run.index - 1].source.place()[0]}）有不属于任何栏目的数字 {' '.join(heads)}，"
            "接在本行几个数字（包括总计）前面后各栏之和也等于总计，可能是折行拆开的数字的前半段，"
            "本行读到的可能只是后半段",
            f"figures of no row just before it ({' '.join(heads)}, "
            f"{runs[run.index - 1].source.place()[1]}) that, written before some of its figures and "
            "its total, make the row add up too: the heads of figures narrow cells "
            "wrapped, so the row's figures may be their tails",
            expected="the row's figures whole")

    taken = {id(t) for _, reading in chosen.values() for t in reading if t is not None}
    for code, (run, reading) in list(chosen.items()):
        if not reading or run.index < 1:
            continue
        if not _adds_up(reading):
            continue  # (adding up, every figure a whole number: no blank among them)
        tails = [t.key for t in reading if t is not None]
        before = [t for t in runs[run.index - 1].values if t.kind != B]
        # a line of as many figures as the row's just before its label, not adding up as a
        # row, each the head of one of the row's (pdftotext's plain text: `96 27 64 99 76 58
        # 42` / `二、上年结转政府信息公开申请数量` / `0 7 8 1 1 5 22` for 960 277 … 4222 — its
        # tails add up by chance, as they do whenever the carries do)
        line = [t.key for t in before if t.row == before[-1].row and id(t) not in taken] \
            if before else []
        if len(line) == len(tails) and all(h.isdigit() and h[0] != "0" for h in line) \
                and not _row_adds_up([int(h) for h in line]) \
                and _row_adds_up([int(h + t) for h, t in zip(line, tails, strict=True)]):
            refuse(code, run, reading, line)
            continue
        # (in flowing text, the heads after the figures of the row before, no label between)
        heads = [t.key for t in before]
        heads = heads if run.index - 1 in stray_runs else heads[len(reading):]
        if not 2 <= len(heads) < len(reading) or not all(h.isdigit() and h[0] != "0"
                                                         for h in heads):
            continue
        # equal cells wrap alike: the figures' heads fill their cells (one length, no tail
        # longer, no figure that did not wrap longer), the total's its own
        width = {len(h) for h in heads[:-1]}
        if len(width) > 1 or len(tails[-1]) > len(heads[-1]) \
                or any(len(t) > len(heads[0]) for t in tails[:-1]):
            continue
        for places in combinations(range(len(tails) - 1), len(heads) - 1):
            whole = list(tails)
            for place, head in zip((*places, len(tails) - 1), heads, strict=True):
                whole[place] = head + whole[place]
            if _row_adds_up([int(f) for f in whole]):
                refuse(code, run, reading, heads)
                break


def _refuse_rows_before_tails(chosen: dict[str, tuple[Run, Reading]], runs: list[Run],
                              stray_runs: set[int], report: ParsedReport, table: str) -> None:
    """The same after a row: figures of no row just after a row read that adds up, fewer
    than its own, that written after some of its figures — the last after its total — make
    it add up as whole figures too (pdftotext's plain text: `3.危及 0 0 3 0 0 0 3` / `“三安`
    / `7` / `7`, for 37 and 37: a row of one figure beside its total adds up as their heads
    alone, as a row of zeros and small figures mostly is) — or those of its first line, when
    more stand after: refused."""
    for code, (run, reading) in list(chosen.items()):
        if not reading or run.index + 1 not in stray_runs:
            continue
        after = [t for t in runs[run.index + 1].values if t.kind != B]
        # (all of them, or those of their first line: `3.其 1 3 1 1 2 5 13` / `他 6 8 1 2 1 9`
        # / `5 3 3 4 3 6 26`, the heads of the next row's figures on the line after, for 16
        # 38 1 11 22 51 139 — pdftotext -layout)
        tails = [t.key for t in after]
        if len(tails) >= len(reading):
            tails = [t.key for t in after if t.row == after[0].row]
        if not 2 <= len(tails) < len(reading) or not all(t.isdigit() for t in tails) \
                or not _adds_up(reading):
            continue
        heads = [t.key for t in reading if t is not None]
        if heads[-1][0] == "0":
            continue
        free = [j for j, h in enumerate(heads[:-1]) if h[0] != "0"]
        for places in combinations(free, len(tails) - 1):
            whole = list(heads)
            for place, tail in zip((*places, len(heads) - 1), tails, strict=True):
                whole[place] += tail
            if _row_adds_up([int(f) for f in whole]):
                where = runs[run.index + 1].source.place()
                _refuse_unsure(
                    code, run, reading, chosen, report, table,
                    f"本行之后（{where[0]}）有不属于任何栏目的数字 {' '.join(tails)}，接在本行几个数字"
                    "（包括总计）后面后各栏之和也等于总计，可能是折行拆开的数字的后半段，本行读到的"
                    "可能只是前半段",
                    f"figures of no row just after it ({' '.join(tails)}, {where[1]}) that, "
                    "written after some of its figures and its total, make the row add up too: "
                    "the tails of figures narrow cells wrapped, so the row's figures may be "
                    "their heads", expected="the row's figures whole")
                break


def _glued_row(run: Run, columns: int) -> bool:
    """Whether a run's figures, fewer than ``columns`` on one line, are a row's worth glued
    together (pypdf's layout text of figures set close: `716088 757889461` for 71 60 88 75
    78 89 461): cut inside them, none led by 0, they make ``columns`` figures that add up."""
    figures = [t.key for t in run.values if t.kind != B]
    digits = sum(len(f) for f in figures)
    if not 0 < len(figures) < columns <= digits <= 24 or not all(f.isdigit() for f in figures) \
            or len({t.row for t in run.values}) != 1:
        return False
    inner = [(i, j) for i, f in enumerate(figures) for j in range(1, len(f))]
    for cuts in combinations(inner, columns - len(figures)):
        parts: list[str] = []
        for i, f in enumerate(figures):
            at = [0, *(j for c, j in cuts if c == i), len(f)]
            parts += [f[a:b] for a, b in pairwise(at)]
        if all(p[0] != "0" or p == "0" for p in parts) and _row_adds_up([int(p) for p in parts]):
            return True
    return False


def _a_rows_worth(run: Run, columns: int) -> bool:
    """Whether a run holds a row's worth of the applications table's figures: ``columns``
    whole numbers, the last the sum of the others or its head (a total a narrow cell
    wrapped, 14 of 144) — not the tails of figures every cell of a row wrapped (`2 1 7 8 0 2
    70`), nor figures of no row."""
    figures = [t.key for t in run.values if t.kind != B]
    if len(figures) != columns or not all(f.isdigit() for f in figures):
        return False
    whole = str(sum(int(f) for f in figures[:-1]))
    return whole.startswith(figures[-1].lstrip("0") or "0")


def _refuse_figures_over_lines(chosen: dict[str, tuple[Run, Reading]],
                               report: ParsedReport, table: str = "applications",
                               near_strays: frozenset[int] | set[int] = frozenset()) -> None:
    """A row of the applications table (or a block of the reviews table) read from figures on
    two or more text lines, which do not add up to its total (R3, R4): a figure broken over
    lines (a narrow 总计 cell of a page printed with ``word-break: break-all`` gives 10 / 1
    for 101; a row split by a page break, 17 above the other figures and 7 below; 96 and 11
    of 114 glued by pymupdf, 4 on the next line) or figures of two rows. Refused: where the
    figures stand together on their row's line, a total that breaks the rule is the report's
    own and is published with the finding, unless the run just before or after it holds
    figures of no row (``near_strays``: the runs' places; the rest of its label on the next
    line with the pieces of broken figures: 数 51 551 … 19 / 量 5 8 25 for 515, 368, 1925), or
    is a row refused with more figures than columns or figures on several lines (the row
    above took the pieces: 6 … 1 of 60 and 194 at the end of its figures)."""
    every_layout = report.layout in _ROW_A_LINE
    # runs whose figures may hold pieces of a neighbour's: figures of no row, and rows refused
    # with more figures than columns or figures on more than one line
    near = set(near_strays)
    for code, (run, reading) in chosen.items():
        figures = [t for t in run.values if t.kind != B]
        if not reading and not run.aligned and figures and (
                len({t.row for t in figures}) > 1
                or len(figures) > len(codes.row(report.template, table, code).columns)):
            near.add(run.index)
        elif not run.aligned and any(_FIGURE_BEFORE_LABEL.match(t.text) for t in run.label):
            # a row with a figure glued before its label (2503二、上年结转…: the total of the row
            # above, joined to the next line by a tool, pymupdf4llm)
            near.add(run.index)
    beside_rows = []  # rows that break their sum, their figures on one line
    for code, (run, reading) in list(chosen.items()):
        under = reading and report.layout in _COLUMN_TEXT and _out_of_column_order(reading)
        if under:
            # whatever its sum: the pieces of broken figures can add up by chance (38 44 57 4
            # above 6 254 403 in a page printed narrow: 38 + 44 + 57 + 4 + 6 + 254 = 403)
            near.add(run.index)
            row = codes.row(report.template, table, code)
            report.errors.append(Problem(
                f"表格 {table}，行 {code}（{row.label}）：该行数字分在几行文字中，后一行的数字不在前一行"
                f"数字的右边（{under}），可能有数字被折行拆开，未读取 / the row's figures stand on "
                f"several text lines, not left to right ({under}): figures broken over lines",
                line=run.line, table=table, row=code,
                expected="the row's figures left to right", found=under))
            chosen[code] = (run, [])
            continue
        if not reading or run.aligned or not _placement_breaks_its_row(table, reading):
            continue
        rows_of = [t.row for t in reading if t is not None and t.kind != B]
        lines = set(rows_of)
        # in other layouts (text a line a cell, or lines of spaced figures) only a row whose
        # figures stood together on a line, some of them spilt onto another
        spilt = len(lines) > 1 and (every_layout or len(lines) < len(rows_of))
        piece = not spilt and _total_a_piece(reading)
        glued = None if spilt or piece else _glued_across(reading)
        turned = None if spilt or piece or glued else _turned_round(reading)
        if not (spilt or piece or glued or turned):
            beside_rows.append((code, run, reading))
            continue
        if spilt or piece:
            # (a total a piece: the rest of it stands on another line, perhaps a neighbour's)
            near.add(run.index)
        row = codes.row(report.template, table, code)
        found = " ".join(t.text if t is not None else "␣" for t in reading)
        if spilt:
            report.errors.append(Problem(
                f"表格 {table}，行 {code}（{row.label}）：该行数字分在 {len(lines)} 行文字中，"
                f"且各栏之和不等于总计，可能有数字被折行拆开，未读取 / the row's figures stand on "
                f"{len(lines)} text lines and do not add up to its total: a figure may be "
                f"broken over lines; expected the row's figures on one line, found {found}",
                line=run.line, table=table, row=code,
                expected="the row's figures on one line",
                found=f"figures on {len(lines)} lines"))
        elif glued:
            a, b, a_rest, b_whole = glued
            report.errors.append(Problem(
                f"表格 {table}，行 {code}（{row.label}）：数字 {a} {b} 像是折行拆开的数字与前一个数字连在"
                f"一起（{a_rest} {b_whole} 时各栏之和等于总计），未读取 / a figure broken over lines, "
                f"its first piece glued to the figure before it: {a} {b} add up as {a_rest} "
                f"{b_whole}; found {found}", line=run.line, table=table, row=code,
                expected=f"{a_rest} {b_whole}", found=f"{a} {b}"))
        elif turned:
            as_read, turned_round = turned
            report.errors.append(Problem(
                f"表格 {table}，行 {code}（{row.label}）：数字 {as_read} 像是折行拆开的数字两段次序颠倒"
                f"（{turned_round} 时各栏之和等于总计），未读取 / a figure broken over lines, its "
                f"pieces in the wrong order: {as_read} makes the row add up as {turned_round}; "
                f"found {found}", line=run.line, table=table, row=code,
                expected=turned_round, found=as_read))
        else:
            whole = sum(t.value for t in reading[:-1])
            report.errors.append(Problem(
                f"表格 {table}，行 {code}（{row.label}）：总计 {reading[-1].text} 像是各栏之和 "
                f"{whole} 被折行拆开后留下的一部分，未读取 / the row's total is a piece of the "
                f"sum of its figures, {whole}: a total broken over lines, the rest left on "
                f"another line; found {found}", line=run.line, table=table, row=code,
                expected=f"a total of {whole}", found=reading[-1].text))
        chosen[code] = (run, [])
    for code, run, reading in beside_rows:
        if near & {run.index - 1, run.index + 1}:
            _refuse_unsure(code, run, reading, chosen, report, table,
                           "各栏之和不等于总计，且紧邻的一行数字不属于任何栏目或分在几行文字中，可能有数字被折行拆开",
                           "the row does not add up to its total and the figures next to it "
                           "belong to no row or stand on several lines: a figure may be broken "
                           "over lines")


def _refuse_unsure(code: str, run: Run, reading: Reading,
                   chosen: dict[str, tuple[Run, Reading]], report: ParsedReport, table: str,
                   why: str, why_en: str, expected: str = "its figures adding up to its total",
                   found: str | None = None) -> None:
    """Refuse a row (a reviews block) whose figures may not be its own (one that breaks its
    sum, unless ``expected`` says otherwise), saying why in Chinese and English; ``found``:
    what was found instead of it, else the reading's figures."""
    row = codes.row(report.template, table, code)
    figures = " ".join(t.text if t is not None else "␣" for t in reading)
    report.errors.append(Problem(
        f"表格 {table}，行 {code}（{row.label}）：{why}，未读取 / {why_en}; found {figures}",
        line=run.line, table=table, row=code, expected=expected,
        found=figures if found is None else found))
    chosen[code] = (run, [])


def _total_a_piece(reading: Reading) -> bool:
    """A row's total whose digits begin or end the sum of the figures beside it (27 for
    3 + 95 + 81 + 22 + 61 + 10 = 272, 0 for 100): the rest of a total broken over lines,
    left on another line of the text."""
    total, parts = reading[-1], reading[:-1]
    if total is None or total.kind != V or any(t is None or t.kind != V for t in parts):
        return False
    whole, piece = str(sum(t.value for t in parts)), str(total.value)
    return len(piece) < len(whole) and (whole.startswith(piece) or whole.endswith(piece))


def _whole_numbers(reading: Reading) -> list[int] | None:
    """The reading's figures when every one is a whole number as printed (digits only), else
    None: only such figures can be cut or joined digit by digit."""
    if any(t is None or t.kind != V or not t.text.isdigit() for t in reading):
        return None
    return [t.value for t in reading]  # type: ignore[union-attr,misc]


def _glued_pair(values: list[Token], k: int) -> tuple[list[Token], str, str] | None:
    """A row's figures, one short of its ``k`` columns, the last the sum of the others (the
    applications table's), with the one cut of one figure's digits into two (no piece but 0
    begins with 0) by which the row adds up (two figures a tool printed with no space between
    them); the figure and its pieces; else None — also when two cuts add up."""
    figures = _whole_numbers(values) if len(values) == k - 1 else None
    if figures is None:
        return None
    cuts: list[tuple[int, int]] = []
    for i, t in enumerate(values):
        for cut in range(1, len(t.key)):
            a, b = t.key[:cut], t.key[cut:]  # (the text's digits, perhaps full-width, one to a digit)
            if a[0] == "0" and cut > 1 or b[0] == "0" and len(b) > 1:
                continue
            pieces = figures[:i] + [int(a), int(b)] + figures[i + 1:]
            if sum(pieces[:-1]) == pieces[-1]:
                cuts.append((i, cut))
    if len(cuts) != 1:
        return None
    i, cut = cuts[0]
    t = values[i]
    a, b = t.key[:cut], t.key[cut:]
    halves = [replace(t, text=t.text[:cut], key=a, value=int(a)),
              replace(t, text=t.text[cut:], key=b, value=int(b))]
    return values[:i] + halves + values[i + 1:], t.text, f"{a} {b}"


def _wrapped_in_cells(values: list[Token], k: int) -> tuple[list[Token], str] | None:
    """A grid row's figures, some cells holding two pieces or more of digits (a figure wrapped
    in its narrow cell), joined cell by cell: when the row then has its ``k`` columns' figures,
    no blank among them, and adds up to its total (the applications table's); the joined
    figures and the pieces joined, else None. A cell of two figures the tool put in one (two
    columns in a cell) leaves the row short of its columns, and stays refused."""
    if any(t.kind != V or not t.text.isdigit() for t in values):
        return None
    cells = list(_figures_by_cell(values).values())
    if len(cells) != k or all(len(c) == 1 for c in cells):
        return None
    joined, pieces = _join_pieces(cells)
    if sum(t.value for t in joined[:-1]) != joined[-1].value:
        return None
    return joined, pieces


# the numbering a row's label begins with: 四、 (七) 1. — not a label's wrapped words (“三安)
_NUMBERED_ROW_START = re.compile(r"[\s(\[]*(?:[0-9]{1,2}|[一二三四五六七八九十]{1,3})[\s)\].、,．]")


def _joins_beside_rows(tokens: list[Token], k: int, sums: bool = True,
                       starts_row: Callable[[str], bool] | None = None) -> tuple[
        list[Token], list[Note], dict[int, tuple[Token, str]]]:
    """Figures a narrow cell wrapped around its row's line in text laid out in columns (a
    browser centres a cell's lines on its row's: 444 as 44 on the line above the row's label
    and figures, 4 on the line below; or 1886 as 188 on the row's line and 6 on the next, beside
    the rest of its label; PDF.js's, pdfplumber's or PyMuPDF's word boxes), joined where the
    row then has its ``k`` figures, the last the sum of the others (the applications table's
    rows), and as read it has not:

    - the lines just above and just below the row's line hold nothing but one or two figures
      each, in the same columns, right of every figure of the row: each pair joined;
    - or the row has its ``k`` figures and one line beside it (just above or just below) holds
      one figure, under or over one of the row's figures and no other: the two joined — where
      exactly one such join adds up.

    A label's lines may stand beside the pieces (a group's, 三、本年度 / 办理结果, or the row's
    own), left of the row's figures; no joined figure begins with 0. The joined figure's source
    is the line of its head, a note names the pieces; else the tokens as they were. Also the
    rows that do not add up with one figure alone on a line beside them (above or below) over
    their figures, and that figure: a piece of one of theirs, perhaps (refused, _map_rows).
    Without ``sums`` (the proactive table, which has none): no join, and every row with a line
    beside it holding nothing but one figure over its figures. A piece below a row beside
    words that begin a row's numbered label (``starts_row``: the next row's, as a cell's lines
    stay inside its row) is joined to none: the row is marked "beside the next label"."""
    by_row: dict[int, list[Token]] = {}
    for t in tokens:
        by_row.setdefault(t.row, []).append(t)

    span_of: dict[int, tuple[int, int]] = {}  # id(token): its span, asked for again and again

    def span(t: Token) -> tuple[int, int]:
        if (known := span_of.get(id(t))) is not None:
            return known
        place = t.x or t.at
        assert place is not None  # (placed, as placed() found)
        span_of[id(t)] = found = (place[1], place[1] + display_width(t.text))
        return found

    def placed(line: list[Token]) -> bool:
        return all(t.key.isdigit() and (t.x or t.at) is not None for t in line)

    seen: dict[tuple[int, int], list[Token] | None] = {}  # beside()'s answers (until a join)

    def beside(row: int, first: int) -> list[Token] | None:
        """The figures of a line beside a row, if its other tokens are words left of ``first``."""
        if (row, first) in seen:
            return seen[row, first]
        seen[row, first] = found = _beside(row, first)
        return found

    def _beside(row: int, first: int) -> list[Token] | None:
        line = by_row.get(row, [])
        figures = [t for t in line if t.kind == V]
        lead = next((n for n, t in enumerate(line) if t.kind == V), len(line))
        # (words with no place of their own lead a cell that holds figures too, 出具已 6)
        if row in used or not placed(figures) or not all(
                t.kind == T and (span(t)[1] <= first if t.x is not None else n < lead)
                for n, t in enumerate(line) if t.kind != V):
            return None
        return figures

    def meet(a: tuple[int, int], b: tuple[int, int]) -> bool:
        return a[0] <= b[1] and b[0] <= a[1]

    def gap(a: Token, b: Token, i: int) -> int:
        """Columns between two tokens: in display columns (i = 1), or in characters (0:
        pdfplumber lays CJK out a character a column, where pdftotext gives their widths)."""
        pa, pb = a.x or a.at, b.x or b.at
        assert pa is not None and pb is not None
        return max(0, pa[i] - pb[i] - len(b.text), pb[i] - pa[i] - len(a.text))

    def close_to(a: Token, b: Token) -> bool:
        """Two columns apart at most, in characters or display columns (a tool lays a line's
        figures after words a column or two off the lines around it)."""
        return min(gap(a, b, 0), gap(a, b, 1)) <= 2

    def heads_over(row: int, figures: list[Token], pair: tuple[Token, Token]) -> Token | None:
        """The first of a line of figures two lines over the row's, one over each, with a
        figure over the pair's upper piece a line higher (a total wrapped over three lines),
        by which the row adds up as whole figures (head and tail joined) as it does as its
        figures and the pair joined: then every cell of the row wrapped, and which reading
        is the row's is not known. Else None."""
        heads = [t for t in by_row.get(row - 2, []) if t.kind == V]
        top = [t for t in by_row.get(row - 3, []) if t.kind == V]
        top = [t for t in top if placed([t]) and meet(span(t), span(pair[0]))]
        if len(heads) != len(figures) or len(top) != 1 or not placed(heads) or any(
                not meet(span(t), span(f)) for t, f in zip(heads, figures, strict=True)):
            return None
        whole = [int(h.key + f.key) for h, f in zip(heads, figures, strict=True)]
        return heads[0] if _row_adds_up(
            whole + [int(top[0].key + pair[0].key + pair[1].key)]) else None

    def bounds(line: list[Token], i: int) -> tuple[int, int]:
        """Where a line's tokens begin and end: in characters (i = 0) or display columns."""
        places = [(t.x or t.at)[i] for t in line]  # type: ignore[index]
        return min(places), max(p + (display_width(t.text) if i else len(t.text))
                                for p, t in zip(places, line, strict=True))

    def heads_make_whole(heads: list[Token] | None, figures: list[Token],
                         tails: list[str]) -> bool:
        """Whether figures on the line over a row's, over its figures — one over each, not
        adding up as a row of their own, or glued into fewer runs of digits — cut as heads of
        the row's figures (``tails``) make the row add up. Over them by the characters' places
        or by display width (pypdf lays a label's CJK out a character a column: `（七）总计 8 0 1
        6 9 2 26` under `4332 326448 4126`, which begins left of 8 by display width)."""
        if not heads or len(heads) == k and _row_adds_up([int(t.key) for t in heads]):
            return False  # (a row of its own over it: _heads_glued says so, more slowly)
        return len(heads) <= k <= sum(len(t.key) for t in heads) \
            and any(all(meet(bounds(figures, i), bounds([t], i)) for t in heads)
                    for i in (1, 0)) \
            and _heads_glued([t.key for t in heads], tails)

    def heads_found(heads: list[Token]) -> tuple[Token, str]:
        return replace(heads[0], text=" ".join(t.text for t in heads)), "heads above"

    def nearest_figures(row: int, first: int, step: int) -> tuple[int, list[Token] | None]:
        """The line beside a row (``step`` -1 above, 1 below) and its figures as beside()
        finds them; past a line of a label's words alone left of the row's figures (a label
        wrapped over the lines around its figures: 7.属于⾏政执 / 0 0 … / 法案卷), the next."""
        line = row + step
        words = by_row.get(line, [])
        if words and all(t.kind == T and t.x is not None for t in words) \
                and span(words[0])[0] < first:
            line += step  # (a tool that lays CJK out a character a column: ends past it)
        return line, beside(line, first)

    def pieces_make_whole(figures: list[Token], row: int, first: int
                          ) -> tuple[Token, str] | None:
        """The first of the figures on a line beside a row that adds up — fewer than its
        figures, each over (under) one of them, no two over one — by which, joined to them
        as their heads (tails), the row adds up as well: which is the row's is not known
        (a figure wrapped in a narrow cell, the row's total wrapped alike). A piece is over
        the figure nearest it, two columns apart at most (a tool that lays a page out in
        characters places lines with other words before them a column or two apart). Else
        None."""
        def over(pieces: list[Token], i: int) -> dict[int, str]:
            """The figure each piece is over (under), nearest it by ``gap``: the piece."""
            joined: dict[int, str] = {}
            for p in pieces:
                gaps = sorted((gap(f, p, i), j) for j, f in enumerate(figures))
                if gaps[0][0] > 2 or (len(gaps) > 1 and gaps[1][0] == gaps[0][0]) \
                        or gaps[0][1] in joined:
                    return {}
                joined[gaps[0][1]] = p.key
            return joined

        for step in (-1, 1):
            line, pieces = nearest_figures(row, first, step)
            after = step == 1
            if not pieces or len(pieces) >= len(figures) or _NUMBERED_ROW_START.match(
                    "".join(t.key for t in by_row[line] if t.kind == T)):
                continue  # (a row of its own, some of its cells blank: 四、结转… 1 0 2 0 0 3)
            placings = [joined for i in (1, 0) if (joined := over(pieces, i))]
            if not placings and len(pieces) <= 3:
                # a row laid out closer than its pieces (a cell's words and figures on one
                # line: `一、本年新收政府信 0 0 0 10 0 0 10` over `息公开申请数量 8 8`): the
                # pieces in their order over any of its figures
                placings = [dict(zip(js, (p.key for p in pieces), strict=True))
                            for js in combinations(range(len(figures)), len(pieces))]
            for joined in placings:
                whole = [(f.key + joined[j] if after else joined[j] + f.key)
                         if j in joined else f.key for j, f in enumerate(figures)]
                if all(w[0] != "0" or len(w) == 1 for w in whole) \
                        and _row_adds_up([int(w) for w in whole]):
                    return (replace(pieces[0], text=" ".join(p.text for p in pieces)),
                            "tails below" if after else "heads over some")
        return None

    # the figure a join begins from (the row's last, when pieces above and below are joined
    # after it), and the groups of pieces that stand for it, and where the pieces stood
    joins: dict[int, tuple[list[list[Token]], str]] = {}
    used: set[int] = set()  # rows whose tokens a join took
    unsure: dict[int, tuple[Token, str]] = {}
    for row, line in by_row.items():
        figures = [t for t in line if t.kind == V]
        if not figures or row in used or any(t.kind not in (V, T) for t in line) \
                or not placed(figures):
            continue
        spans = [span(t) for t in figures]
        first, right = spans[0][0], spans[-1][1]
        if not sums:
            for other, where in ((row - 1, "above"), (row + 1, "below")):
                alone = by_row.get(other, [])
                if len(alone) == 1 and alone[0].kind == V and placed(alone) \
                        and meet((first, right), span(alone[0])):
                    unsure.setdefault(row, (alone[0], where))
            continue
        wrapped = k - len(figures)
        above, below = beside(row - 1, first), beside(row + 1, first)
        if 0 < wrapped <= 2:
            if above is None or below is None or len(above) != wrapped or len(below) != wrapped:
                if above and below and all(len(by_row[r]) == len(f) for r, f in (
                        (row - 1, above), (row + 1, below))) and any(
                        len(these) == wrapped and all(any(close_to(o, t) for t in these)
                                                      for o in other)
                        for these, other in ((above, below), (below, above))):
                    # lines of figures alone above and below a row short of figures, not one
                    # over the other but over its missing figures' places (1111 over `0 0 0 0
                    # 0`, 1 1 under it: 111 and 111, their heads glued): the row's cells
                    # wrapped over three lines
                    unsure.setdefault(row, (above[0], "cells wrapped over more lines"))
                for near, far in ((row - 1, row - 2), (row + 1, row + 2)):
                    # a line of figures alone beside a row short of as many, pieces over (under)
                    # each on the line past it, by which the row adds up as well as by those
                    # figures alone (`（五） 3.要求提供公开出版物 0 0 0 0 0`, 10 10 under it,
                    # `不予处 6 6` under those: 106 and 106, or 10 and 10)
                    pieces = by_row.get(near, [])
                    further = beside(far, first) or []
                    if len(pieces) != wrapped or not placed(pieces) or not further:
                        continue
                    ends = [[f for f in further if close_to(p, f)] for p in pieces]
                    if all(len(e) == 1 for e in ends) and _row_adds_up(
                            as_read := [int(t.key) for t in figures]
                            + [int(p.key) for p in pieces]) and _row_adds_up(
                            as_read[:-wrapped] + [int(p.key + e[0].key if near > row
                                                      else e[0].key + p.key)
                                                  for p, e in zip(pieces, ends, strict=True)]):
                        unsure.setdefault(row, (pieces[0], "cells wrapped over more lines"))
                continue
            pairs = list(zip(above, below, strict=True))
            if any(a.key[0] == "0" or span(a)[0] < right or span(b)[0] < right
                   or not meet(span(a), span(b)) for a, b in pairs):
                continue
            if len(pairs) == 1 and (heads := heads_over(row, figures, pairs[0])) is not None:
                # every cell wrapped: the heads of the row's figures a line over the pair's
                # upper piece, the total's head over that (436 as 4, 3 and 6 on every other
                # line, 56 82 … as 5 8 … and 6 2 … on the lines between); the row adds up as
                # tails and as whole figures alike (heads_over): which it is is not known
                unsure.setdefault(row, (heads, "cells wrapped over more lines"))
                continue
            if _row_adds_up([int(t.key) for t in figures] + [int(a.key + b.key) for a, b in pairs]):
                joins[id(figures[-1])] = ([[figures[-1]], *([a, b] for a, b in pairs)],
                                          "above and below")
                used |= {row - 1, row, row + 1}
                seen.clear()
            continue
        if wrapped:
            continue
        numbers = [int(t.key) for t in figures]
        if heads_make_whole(above, figures, [t.key for t in figures]):
            # every cell wrapped, the heads a line over the row — one over each figure, not
            # adding up as a row of their own (`1 35 25 25 35 6 19` over `（七）总计 59 3 7 8 1
            # 20 98`, for 159 353 … 1998), or glued into fewer runs of digits (pypdf's layout
            # text: `他  53533344354226` over `4 2 0 0 1 9 16`, for 534 532 … 2616) — by
            # which the row adds up as whole figures too: it may add up as its tails by
            # chance; refused
            unsure.setdefault(row, heads_found(above))
            continue
        if _row_adds_up(numbers):
            if (pieces := pieces_make_whole(figures, row, first)) is not None:
                # pieces on the line beside under (over) figures of the row that, as their
                # tails (heads), make it add up too: a row of one figure besides its total
                # adds up as the figures' heads alone (`0 0 3 0 0 0 3` over `7 7` for 37),
                # and a row of zeros and small figures mostly is one
                unsure.setdefault(row, pieces)
            continue
        found = []
        ambiguous = False  # a piece that joined to two figures near it makes the row add up
        for pieces, after in ((above, False), (below, True)):
            if pieces is None or len(pieces) != 1:
                continue
            piece = pieces[0]
            if meet((first, right), span(piece)):
                unsure.setdefault(row, (piece, "below" if after else "above"))
            under = [j for j, s in enumerate(spans) if meet(s, span(piece))]
            if len(under) != 1:
                continue
            # where words stand before the piece on its line, the figures it may be a piece
            # of besides: two columns off at most (a tool lays a line's figures after words a
            # column or two apart: `及“三 1` over `0 5 0 0 0 0 15`, 1 over the 0, for 15 —
            # joined to the 0 the row adds up as well): a join that adds up with more than
            # one is no join
            worded = any(t.kind == T for t in by_row[row + 1 if after else row - 1])
            nearby = [j for j, f in enumerate(figures)
                      if j in under or (worded and close_to(f, piece))]
            adding = []
            for j in nearby:
                group = [figures[j], piece] if after else [piece, figures[j]]
                if group[0].key[0] != "0" and _row_adds_up(
                        numbers[:j] + [int(group[0].key + group[1].key)] + numbers[j + 1:]):
                    adding.append((j, group))
            if [j for j, _ in adding] == under:
                found.append((figures[under[0]], adding[0][1], after))
            elif adding:
                ambiguous = True
        if len(found) == 1 and not ambiguous:
            figure, group, after = found[0]
            if after and starts_row is not None and starts_row(
                    "".join(t.key for t in by_row[row + 1] if t.kind == T)):
                # the tail beside the next row's numbered start (`请 1 50 65 2 3 80 20` over
                # `3.要 1`): a cell's lines stay inside its row, so the text has moved the
                # rows' figures off their labels (pypdf's layout text of rows set close: each
                # row's figures at the end of the label above); not joined, the table refused
                unsure[row] = (group[-1], "beside the next label")
                continue
            if after and heads_make_whole(above, figures, [
                    "".join(p.key for p in group) if t is figure else t.key for t in figures]):
                # the same with the total's tail a line lower (1998 as 19 / 9 / 8): joined,
                # the tails add up as the whole figures do
                unsure[row] = heads_found(above)
                continue
            joins[id(figure)] = ([group], "below" if after else "above")
            used |= {row, row + 1 if after else row - 1}
            seen.clear()
            unsure.pop(row, None)
    if not joins:
        return tokens, [], unsure
    gone = {id(t) for groups, _ in joins.values() for g in groups for t in g}
    out: list[Token] = []
    notes = []
    for t in tokens:
        if id(t) in joins:
            groups, where = joins[id(t)]
            pieces, text = _join_pieces(groups)
            out.extend(replace(j, row=t.row, col=t.col + i, aligned=t.aligned,
                               x=t.x if i == 0 else None, at=None)
                       for i, j in enumerate(pieces))
            head = next(j for j, g in zip(pieces, groups, strict=True) if len(g) > 1)
            side = {"above": "上一行", "below": "下一行"}.get(where, "上下两行")
            notes.append(Note(
                f"折在本行{side}的数字已接回（{text}），接回后该行各栏之和等于总计 / figures a narrow "
                f"cell wrapped {where} the row's line joined ({text}): so joined, the row adds up "
                "to its total", line=head.source.line))
        elif id(t) not in gone:
            out.append(t)
    return out, notes, unsure


def _heads_glued(runs: list[str], tails: list[str]) -> bool:
    """Whether runs of digits cut into one head for each of a row's figures (1 to 3 digits,
    none beginning with 0 nor reaching over two runs), each written before its figure, make
    the row add up, the heads not adding up as a row of their own (a row over it, its figures
    glued: `677369 64 6063396` over `1 1 1 2 1 1 7`). Runs fewer than the figures are cut
    into heads of one length but the total's (equal cells wrap their figures alike)."""
    digits = "".join(runs)
    ends = set(accumulate(len(r) for r in runs))
    body = len(tails) - 1
    candidates = [list(runs)] if len(runs) == len(tails) else [
        [digits[i * n:(i + 1) * n] for i in range(body)] + [digits[n * body:]]
        for n in (1, 2, 3) if n * body < len(digits)]
    for heads in candidates:
        starts = accumulate([0, *map(len, heads)])
        if any(h[0] == "0" or len(h) > 3 or ends & set(range(a + 1, a + len(h)))
               for a, h in zip(starts, heads, strict=False)):
            continue
        if _row_adds_up([int(h + t) for h, t in zip(heads, tails, strict=True)]) \
                and not _row_adds_up([int(h) for h in heads]):
            return True
    return False


def _join_pieces(groups: list[list[Token]]) -> tuple[list[Token], str]:
    """Each group of pieces of digits as one figure (a group of one as it is), and the pieces
    joined, as a note names them (`212 5 → 2125`)."""
    joined = [g[0] if len(g) == 1 else replace(
        g[0], text="".join(t.text for t in g), key="".join(t.key for t in g),
        value=int("".join(t.key for t in g))) for g in groups]
    return joined, ", ".join(" ".join(t.text for t in g) + " → " + j.text
                             for g, j in zip(groups, joined, strict=True) if len(g) > 1)


def _row_adds_up(numbers: list[int]) -> bool:
    """A row of the applications table: its last figure the sum of the others."""
    return sum(numbers[:-1]) == numbers[-1]


def _adds_up(reading: Reading) -> bool:
    """Whether the reading's figures are whole numbers, the last the sum of the others."""
    values = _whole_numbers(reading)
    return values is not None and _row_adds_up(values)


def _blocks_add_up(numbers: list[int]) -> bool:
    """The reviews table's 15 figures: each block's total the sum of its four outcomes (R4)."""
    return all(sum(numbers[i:i + 4]) == numbers[i + 4] for i in range(0, len(numbers), 5))


def _wrapped_over_lines(values: list[Token], k: int, adds_up: Callable[[list[int]], bool] = (
        _row_adds_up)) -> tuple[list[Token], str] | None:
    """A row of text read line by line from a table printed narrow (pypdfium2's text of
    LibreOffice's PDFs: `… 2084 1579`, then `7` alone on the next line, for 15797), its figures
    on consecutive lines, one or two more than its ``k`` columns: the tails of figures a narrow
    cell wrapped onto its next line. Pieces are joined only across a line break, the last
    figure of a line with the first of the next (no joined figure beginning with 0), and only
    when exactly one choice of such joins leaves ``k`` figures that add up (``adds_up``: the
    applications table's row to its total, the reviews table's blocks to theirs); the joined
    figures and the pieces joined, else None. Every figure on a line of its own (one cell a
    line) leaves joins everywhere: never joined."""
    extra = len(values) - k
    if not 1 <= extra <= 2 or any(t.kind != V or not t.text.isdigit() for t in values):
        return None
    breaks = [i for i in range(1, len(values)) if values[i].row != values[i - 1].row]
    if (len(breaks) == len(values) - 1 or len(breaks) > 2 * extra + 1
            or any(values[i].row != values[i - 1].row + 1 for i in breaks)):
        return None
    found: list[tuple[list[Token], str]] = []
    for joins in combinations(breaks, extra):
        groups: list[list[Token]] = [[values[0]]]
        for i in range(1, len(values)):
            if i in joins:
                groups[-1].append(values[i])
            else:
                groups.append([values[i]])
        joined, pieces = _join_pieces(groups)
        if any(len(g) > 1 and t.key[0] == "0" for g, t in zip(groups, joined, strict=True)):
            continue
        if adds_up([t.value for t in joined]):  # type: ignore[misc]
            found.append((joined, pieces))
    return found[0] if len(found) == 1 else None



def _stacked_in_columns(values: list[Token], k: int, adds_up: Callable[[list[int]], bool] = (
        _row_adds_up)) -> tuple[list[Token], str] | None:
    """A row of text laid out in columns whose narrow cells wrapped their figures, the pieces
    on the lines below, each under the piece before it (pdftotext -layout: `358 263 441 462
    562`, then `69 27`, then `1 77` for 691 and 2777): the pieces that overlap on the page, in
    order down the lines, joined into one figure each. Only where every figure has its place,
    the pieces fall into exactly ``k`` columns (none with two pieces on one line, none joined
    beginning with 0) and so joined the row adds up (``adds_up``) — by a character's place
    on its line or by its display width (a label's line of Chinese characters places its
    figures by the one in some tools' text, by the other in others'), one reading of the two,
    or both the same —; the figures and the pieces joined, else None."""
    if len(values) <= k or any(t.kind != V or not t.text.isdigit()
                               or (t.x is None and t.at is None) for t in values):
        return None
    found = {}
    for measure in (0, 1):
        starts = [(t.x or t.at)[measure] for t in values]  # type: ignore[index]
        columns: list[list[int]] = []
        for i in sorted(range(len(values)), key=lambda i: starts[i]):
            if columns and starts[i] < max(starts[j] + len(values[j].text) for j in columns[-1]):
                columns[-1].append(i)
            else:
                columns.append([i])
        if len(columns) != k:
            continue
        groups = [[values[i] for i in sorted(column, key=lambda i: values[i].row)]
                  for column in columns]
        if any(b.row != a.row + 1 for g in groups for a, b in pairwise(g)) or any(
                len(g) > 1 and g[0].key.startswith("0") for g in groups):
            continue
        joined, pieces = _join_pieces(groups)
        if pieces and adds_up([t.value for t in joined]):  # type: ignore[misc]
            found[tuple(t.text for t in joined)] = (joined, pieces)
    return next(iter(found.values())) if len(found) == 1 else None


def _tail_with_wrapped_figures(run: Run, above: codes.Row, above_run: Run, template: str,
                               table: str, placed: bool) -> Run | None:
    """The run just before ``run`` (``above_run``, read as the row ``above``) with ``run``'s
    figures after its own, when ``run`` is text on the line right after that row's figures
    holding nothing but the end of its label (pieces of the narrow group cells' labels among
    it: _pieces_explain) and one or two figures — beside it, or on the line after it
    (pdftotext without -layout: `公开申请数量` / `5`) —, which join that row's figures across the
    line break one way only so that the row adds up (_wrapped_over_lines: the tails of figures
    a narrow cell wrapped), or, in text whose figures have their places (``placed``: laid
    out in columns), figures each under a piece of that row's (_stacked_in_columns); else
    None."""
    if (run.aligned or above_run.aligned or above_run.index != run.index - 1 or not run.key
            or above.columns[-1] != "total"
            or not 1 <= len(run.values) <= (len(above.columns) if placed else 2)
            or above_run.figures != len(above.columns)
            or any(t.kind != V or t.row != run.values[0].row for t in run.values)
            or not 0 < run.values[0].row - above_run.values[-1].row <= 2
            or any(t.row <= above_run.values[-1].row for t in run.label)
            or not _pieces_explain(run.key, "", 0, norm(above.label),
                                   _groups_beside(above, None, template, table), whole=True)):
        return None
    # (the tails as on the line after the figures, where _wrapped_over_lines joins them)
    values = above_run.values + [replace(t, row=above_run.values[-1].row + 1)
                                 for t in run.values]
    if _wrapped_over_lines(values, len(above.columns)) is None and not (
            placed and _stacked_in_columns(values, len(above.columns))):
        return None
    return Run(above_run.label + run.label, values, False, above_run.index)


def _glued_across(reading: Reading) -> tuple[str, str, str, str] | None:
    """A row's total broken over lines whose head the tool glued to the figure before it
    (9611 4 for 96 114: pymupdf and pypdf put the head 11 of the broken total on the line
    above, after 96): when moving some of that figure's last digits before the total makes the
    row add up, and as read it does not. Only the total, the widest figure: between two other
    figures such a move matches a report's own small error too often (21 2 read as 2 12 once
    in 200 reports with one figure off by 1–9); before the total it needs an error of at least
    ten times the moved digits. Returns the two figures as read and as they add up."""
    values = _whole_numbers(reading)
    if values is None or len(values) < 2 or sum(values[:-1]) == values[-1]:
        return None
    a, b = reading[-2].text, reading[-1].text  # type: ignore[union-attr]
    for cut in range(1, len(a)):
        head, moved = a[:cut], a[cut:]
        if moved[0] != "0" and sum(values[:-2]) + int(head) == int(moved + b):
            return a, b, head, moved + b
    return None


def _turned_round(reading: Reading) -> tuple[str, str] | None:
    """A figure of three digits or more a narrow cell wrapped, its pieces printed in the wrong
    order (1157 as `5711`: 57 and 11 in pdftotext's reading of the cell's two lines), when
    turning its digits round (a rotation, no leading zero) makes the row add up, and as read
    it does not: the figure as read and as it adds up. (Smaller figures turned round differ by
    as little as a report's own slip: 12 for 21.)"""
    values = _whole_numbers(reading)
    if values is None or len(values) < 3 or _row_adds_up(values):
        return None
    for i, token in enumerate(reading):
        text = token.text  # type: ignore[union-attr]
        for cut in range(1, len(text)) if len(text) >= 3 else ():
            turned = text[cut:] + text[:cut]
            if turned[0] == "0" or turned == text:
                continue
            if _row_adds_up(values[:i] + [int(turned)] + values[i + 1:]):
                return text, turned
    return None


def _without_next_line_blanks(run: Run) -> list[Token]:
    """The run's values without blank cells that begin the next line after a row on one text
    line (a Markdown or tab line: ``||第二十条第|（五）项||``): a text stream hands those on to
    this row, but they are the next line's."""
    values = run.values
    if run.aligned or not run.label or not values:
        return values
    row = run.label[-1].row
    end = len(values)
    while end and values[end - 1].kind == B and values[end - 1].row != row:
        end -= 1
    if 0 < end < len(values) and all(t.row == row for t in values[:end]):
        return values[:end]
    return values


def _single_line(run: Run) -> bool:
    """The run's label ends on the text line that holds all its figures (a tab line, a
    Markdown table line): cell indexes are column positions."""
    return (not run.aligned and bool(run.label) and bool(run.values)
            and all(t.row == run.label[-1].row for t in run.values))


def _grid_consensus(full: list[tuple[Run, list[Token]]]) -> int | None:
    """For real table rows (HTML, DOCX, PDF): the grid column (after merged cells) of the
    first figure, the same in every row of the table that reads unambiguously with every cell
    a number (``full``: such rows and their reading); None when they disagree or none has
    one."""
    starts: set[int] = set()
    for run, reading in full:
        if not run.aligned or any(t.source.col is None for t in reading):
            continue
        first = reading[0].source.col  # type: ignore[union-attr]
        if all(t.source.col == first + j for j, t in enumerate(reading)):  # type: ignore
            starts.add(first)
    return next(iter(starts)) if len(starts) == 1 else None


def _positional_grid(run: Run, readings: list[Reading], start: int | None) -> Reading | None:
    """The one reading of a real table row whose cells stand in the grid columns of the
    table's other rows (a blank 总计 and an empty cell of a merged label otherwise leave two)."""
    if not run.aligned or start is None:
        return None
    fits = [r for r in readings
            if all(t is not None and t.source.col == start + j for j, t in enumerate(r))]
    return fits[0] if len(fits) == 1 else None


def _column_consensus(full: list[tuple[Run, list[Token]]]) -> dict:
    """(column of the label, cells in the line, columns of the row) -> column of the first
    number, learnt from the rows of this table that read unambiguously with every cell a
    number (``full``). Rows of one column and of three in the proactive table are apart:
    a converter may put a merged cell's figure in the middle of its span (|行政许可||5||)."""
    seen: dict[tuple[int, int, int], set[int]] = {}
    after: dict[int, set[bool]] = {}  # k -> whether each row's k cells end its line after its label
    for run, reading in full:
        if not _single_line(run):
            continue
        label = run.label[-1]
        key = (label.col, label.width, len(reading))
        seen.setdefault(key, set()).add(reading[0].col)
        after.setdefault(len(reading), set()).add(
            reading[0].col == label.col + 1 and reading[-1].col == label.width - 1)
    consensus: dict = {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}
    # every such row is its label and its k cells, nothing between or after: a row of another
    # label width whose line is its label and k cells has them in place too (`| | (一)予以公开
    # | | | | | | | 1 |` under `| 一、本年新收… | 2 | | | | | | 2 |`)
    consensus.update((("after", k), True) for k, v in after.items() if v == {True})
    return consensus


def _x_consensus(full: list[tuple[Run, list[Token]]]) -> dict:
    """For text laid out in columns: k -> the column start of each number, learnt from the
    rows of this table that read unambiguously with every cell a number (``full``), in
    whichever measure (characters or display width) the rows agree on best."""
    samples: dict[int, list[list[tuple[int, int]]]] = {}
    for _run, reading in full:
        if any(t.x is None for t in reading):
            continue
        if len({t.source.line for t in reading}) != 1:
            continue
        samples.setdefault(len(reading), []).append([t.x for t in reading])  # type: ignore
    out: dict[int, tuple[int, float, list[float]]] = {}
    for k, rows in samples.items():
        best: tuple[int, float, list[float]] | None = None
        for m in (0, 1):
            cols = [[r[i][m] for r in rows] for i in range(k)]
            spread = max(max(c) - min(c) for c in cols)
            centers = [sum(c) / len(c) for c in cols]
            gaps = [b - a for a, b in zip(centers, centers[1:], strict=False)]
            if gaps and min(gaps) > 2 * spread + 1 and (best is None or spread < best[1]):
                best = (m, spread, centers)
        if best is not None:
            out[k] = best  # (measure, spread, centres), placed in that measure only
    return out


def _positional_x(run: Run, k: int, xcolumns: dict) -> Reading | None:
    """Place the numbers of a short row under the columns of the table's other rows."""
    spec = xcolumns.get(k)
    vals = [t for t in run.values if t.kind != B]
    if spec is None or not vals or any(t.x is None for t in vals):
        return None
    if len({t.source.line for t in vals}) != 1 or len(vals) >= k:
        return None
    if any(t.kind not in (V, M) for t in vals):
        return None  # an unreadable cell ("”15673 2"): where it ends cannot be told
    # the measure (characters or display width) the table's full rows agree in: the same
    # numbers measured the other way stand one column off under CJK labels
    m, spread, centers = spec
    gaps = [b - a for a, b in zip(centers, centers[1:], strict=False)]
    tolerance = max(spread + 1, min(gaps) / 3)
    slots: list[Token | None] = [None] * k
    for t in vals:
        pos = t.x[m]  # type: ignore[index]
        i = min(range(k), key=lambda j: abs(centers[j] - pos))
        if abs(centers[i] - pos) > tolerance or slots[i] is not None:
            return None
        slots[i] = t
    for i, t in enumerate(slots):
        # a figure reaching into a blank column after it is two figures the tool glued
        # (pypdf's layout text prints other_org 4 and the total 27 as `427`), no blank cell
        end = t.x[m] + (len(t.text) if m == 0 else display_width(t.text)) if t else None
        if end is not None and any(slots[j] is None and end > centers[j] - tolerance
                                   for j in range(i + 1, k)):
            return None
    # a blank column must be blank on the line: text standing under it is a figure the tool
    # glued to the label (pypdf's layout mode prints `稳定”674523790   2`), never an empty cell
    line = vals[0].source.line
    for t in run.label:
        if t.source.line != line or t.x is None:
            continue
        start = t.x[m]
        end = start + (len(t.text) if m == 0 else display_width(t.text))
        if any(slots[i] is None and start < centers[i] + tolerance
               and end > centers[i] - tolerance for i in range(k)):
            return None
    return slots


def _figures_not_the_rows(run: Run, row: codes.Row, own: list[Token], untaken: Run | None,
                          template: str, table: str) -> Problem | None:
    """Why the figures after a run of text, whose label names ``row``, may be another row's,
    as the problem, or None. ``own``: the run's own label (without the words of rows printed
    blank before it); ``untaken``: the run of figures before it that no row took, if any.

    - 信息内容 / 行政许可 / 信息内容 / 行政处罚 / 本年处理决定数量 / 1 (pdfminer's text: the
      proactive table's labels in one block, its figures in another): a figure after the
      names of two rows, or under another section's heading (_rows_before_figures);
    - `本 （ 559 580 975 388 522 411 3435` (pdfplumber's text: a group's letter and bracket
      before the row's figures, the line read as words): a row's worth of figures inside the
      label after the words that name the row, the figures after it another row's (377 … of
      （一）予以公开, whose label the group's letters broke, published as 上年结转's);
    - the row's numbered start on the line of figures before, which no row took (group
      letters beside it: 办三）理2.其他法律行政法不 38 7 60 … read as no row, 3.危及“三安全 果
      予 26 32 … as a sub-row), the row named here by its label's tail alone (规禁止公开 … 1 2
      17 …, the next row's figures a page break left above its label; 一稳定” 公 开 13 2 7 …).
    """
    head = f"表格 {table}，行 {row.code}（{row.label}）："
    if table == "proactive" and (why := _rows_before_figures(
            own, row, template, next((t for t in run.values if t.kind != B), None))) is not None:
        return Problem(f"{head}{why[0]}，未读取 / {why[1]}", line=run.line, table=table,
                       row=row.code, expected="one row's label, then its figures",
                       found=why[2])
    if held := _figures_inside_label(run, row, template, table):
        return Problem(
            f"{head}栏目名称中夹着一串数字（{held}），其后的数字可能属于另一行，未读取 / figures "
            f"inside the row's label ({held}): expected a label, then its figures; the figures "
            "after it may be another row's", line=run.line, table=table, row=row.code,
            expected="a label, then figures", found=f"figures inside the label: {held}")
    if (untaken is not None and any(t.kind == V for t in untaken.values)
            and (start := _start_of_row_in(untaken.key, row, template, table))
            and _start_of_row_in(run.key, row, template, table) is None):
        return Problem(
            f"{head}该行的开头“{start}”在{untaken.source.place()[0]}另一行数字旁，其余文字在"
            f"{run.source.place()[0]}的数字旁，无法确定哪一行数字属于该行，未读取 / the row's numbered "
            f"start “{start}” stands beside the figures of {untaken.source.place()[1]} and the rest "
            f"of its label beside those of {run.source.place()[1]}: expected one line of figures for the "
            "row, found two", line=run.line, table=table, row=row.code,
            expected="one line of figures", found=f"figures beside “{start}” and beside the "
            "label's tail")
    return None


def _split_after(run: Run, after: Run) -> str | None:
    """The run after ``run`` when it stands on ``run``'s last line and its label is a figure
    cut at its point (91. of 91.96), as its text with its figures, else None."""
    last = next((t for t in reversed(run.values) if t.kind != B), None)
    if (last is None or len(after.label) != 1 or after.label[0].source.line != last.source.line
            or not _SPLIT_AT_POINT.fullmatch(after.label[0].text.strip())):
        return None
    return " ".join([after.label[0].text.strip(), *(t.text for t in after.values if t.kind != B)])


def _text_apart_at_edge(reading: Reading) -> Token | None:
    """A reading's first or last cell that is text without a digit standing on its
    neighbour's line more than twice as far from it as any two of the other cells stand apart
    (a group label's bracket before the figures, in text laid out in columns), or None."""
    cells = [t for t in reading if t is not None]
    if len(cells) < 3 or any(t.x is None for t in cells):
        return None
    for edge, near, rest in ((cells[0], cells[1], cells[1:]), (cells[-1], cells[-2], cells[:-1])):
        if edge.kind != X or any(ch.isdigit() for ch in edge.key) \
                or edge.source.line != near.source.line:
            continue
        gaps = [abs(b.x[0] - a.x[0]) for a, b in zip(rest, rest[1:], strict=False)  # type: ignore[index]
                if a.source.line == b.source.line]
        if gaps and abs(near.x[0] - edge.x[0]) > 2 * max(gaps):  # type: ignore[index]
            return edge
    return None


def _placement_breaks_its_row(table: str, reading: Reading) -> bool:
    """Whether a row of the applications table, as placed by the column positions of other
    rows, breaks its own sum (R3): a total below the sum of the figures beside it (a blank
    is missing, never below 0), or, every figure there, a total other than their sum. Such
    a placement is not trusted (a row that lost an empty cell looks like a row of another
    width, its figures a column off): its readings are weighed as any row's (the rules
    confirm one, or it is refused). (The proactive table's rows have no sum to check.)"""
    if table == "proactive" or not reading:
        return False
    total, parts = reading[-1], reading[:-1]
    if total is None or total.kind != V:
        return False
    known = [t.value for t in parts if t is not None and t.kind == V]
    return sum(known) > total.value or (len(known) == len(parts) and sum(known) != total.value)


def _positional(run: Run, k: int, consensus: dict) -> Reading | None:
    if not _single_line(run):
        return None
    label = run.label[-1]
    start = consensus.get((label.col, label.width, k))
    if start is None and consensus.get(("after", k)) and label.width - label.col - 1 == k:
        start = label.col + 1
    if start is None:
        return None
    by_col = {t.col: t for t in run.values}
    if len(by_col) != len(run.values):
        return None  # two figures in one cell ("63 16"): its column cannot place both
    reading = [by_col.get(c) for c in range(start, start + k)]
    if any(t is None for t in reading):
        return None
    if any(t.kind != B for t in run.values if not start <= t.col < start + k):
        return None
    return reading


_LABEL_NUMBER = re.compile(r"^[\s(（\[]*[0-9一二三四五六七八九十]{1,3}[\s)）\].、,，．]*")


def _begins_as(label: list[Token], row: codes.Row, template: str, table: str) -> bool:
    """Whether a table row's label cell (the last before its blank cells) names the row by
    itself and begins with the row's words, its number aside: a row printed blank in a
    table's grid carries its whole label; the tail of a label wrapped in its cell does not
    (大量反复申请 on a line of blank cells, the line above it with 4.无正当理由 and the row's
    figures lost to the reader; 申请, the last piece of 1.申请人无正当理由…其政府信息公开申请)."""
    if not label:
        return False
    last = label[-1]
    key = "".join(t.key for t in label if t.row == last.row and t.col == last.col)
    own, words = _LABEL_NUMBER.sub("", key), _LABEL_NUMBER.sub("", row.label)
    return (len(own) >= 2 and own[:2] == words[:2]
            and match_row(key, template, table) is row)


def _between_neighbours(code: str, index: int, order: dict[str, int],
                        chosen: dict[str, tuple[Run, Reading]]) -> bool:
    """Whether the run at ``index`` stands after the rows read before ``code`` in the
    template and before those read after it (at least one)."""
    names = sorted(order, key=order.__getitem__)
    i = order[code]
    before = [chosen[c][0].index for c in names[:i] if c in chosen]
    after = [chosen[c][0].index for c in names[i + 1:] if c in chosen]
    if not after:
        return False
    return (not before or max(before) < index) and index < min(after)


def _values_of(table: str, chosen: dict[str, tuple[Run, Reading]], rows: tuple[codes.Row, ...]):
    out: dict[tuple[str, str, str], int | float | None] = {}
    for r in rows:
        if r.code in chosen and chosen[r.code][1]:
            for col, tok in zip(r.columns, chosen[r.code][1], strict=True):
                out[(table, r.code, col)] = tok.value if tok is not None else None
    return out


def _resolve_pending(pending: list[Pending], chosen: dict[str, tuple[Run, Reading]], table: str,
                     report: ParsedReport) -> None:
    """Rows with several readings: keep the one reading (per row) under which the rules
    R1–R4 hold; refuse when none or several do."""
    template_rows = codes.rows(report.template, table)
    combos = 1
    for p in pending:
        combos *= len(p.readings)
    # only the applications table has rules over its rows (R1–R3); in table 二 nothing can
    # confirm a reading, and preferring the one without blanks would be a guess
    if table == "applications" and combos <= 256:
        good = []
        for combo in product(*(p.readings for p in pending)):
            trial = dict(chosen)
            for p, reading in zip(pending, combo, strict=True):
                trial[p.row.code] = (p.run, reading)
            values = _values_of(table, trial, template_rows)
            involved = {(table, p.row.code, c) for p in pending for c in p.row.columns}
            findings = table_rules(values, report.template, tables=(table,))
            relevant = [f for f in findings if involved & set(f.cells)]
            verified = _verifiable(values, involved)
            if not relevant and verified and _columns_confirmed(values, involved,
                                                                report.template):
                good.append(combo)
        if len(good) == 1:
            for p, reading in zip(pending, good[0], strict=True):
                chosen[p.row.code] = (p.run, reading)
                if p.mended is not None:
                    continue  # (a row's one reading waiting for the rules)
                rule = "R3" if table == "applications" else "R4"
                report.notes.append(Note(
                    f"表格 {table} 行 {p.row.code}：单元格数与栏目数不符，有 {len(p.readings)} 种读法，"
                    f"按勾稽关系选定其中唯一成立的一种 / {len(p.readings)} possible readings; the "
                    f"consistency rules hold for exactly one, which was taken",
                    line=p.run.line, rule=rule))
            return
    for p in pending:
        if p.mended is not None:  # a cut or a join the table's rules do not confirm
            k = len(p.row.columns)
            report.errors.append(Problem(
                f"表格 {table}，行 {p.row.code}（{p.row.label}）：{p.mended[0]}可使本行之和等于总计，"
                f"但表中各栏的勾稽关系不能确认，未读取 / expected {k} numbers, {p.mended[1]} makes "
                f"the row add up, but the table's rules over its columns do not confirm it",
                line=p.run.line, table=table, row=p.row.code, expected=f"{k} numbers",
                found=p.mended[1]))
            chosen[p.row.code] = (p.run, [])
            continue
        report.errors.append(Problem(
            f"表格 {table}，行 {p.row.code}（{p.row.label}）：{len(p.run.values)} 个单元格对应 "
            f"{len(p.row.columns)} 个栏目，无法确定哪一格为空或多余 / {len(p.run.values)} cells for "
            f"{len(p.row.columns)} columns and no single reading is confirmed by the rules",
            line=p.run.line, table=table, row=p.row.code,
            expected=f"{len(p.row.columns)} numbers", found=f"{len(p.run.values)} cells"))
        chosen[p.row.code] = (p.run, [])


def _columns_confirmed(values: dict, involved: set, template: str) -> bool:
    """Whether every placed cell is checked by a rule over its column (R1 or R2) whose cells
    all have numbers. R3 alone confirms no placement: it adds up the six applicant columns
    whatever their order, so a row read one column off with equal figures at its two ends
    passes it."""
    leaves = result_leaves(template)
    for table, row, column in involved:
        groups = []
        if row in R1_ROWS:
            groups.append(R1_ROWS)
        if row in leaves or row == "results_total":
            groups.append((*leaves, "results_total"))
        if not any(all(values.get((table, r, column)) is not None for r in g) for g in groups):
            return False
    return True


def _verifiable(values: dict, involved: set) -> bool:
    """A reading is only confirmed when every cell it places has a number, so that the rules
    over those cells could be evaluated (a blank cell proves nothing)."""
    return all(values.get(k) is not None for k in involved)


# the unit an amount's heading gives (本年收费金额（单位：万元）, 采购总金额（元）): the 2021
# template's amount (收费金额) is in 万元; a table that counts in 元 (or 千元) prints figures
# 10,000 (10) times the template's, which are never published as 万元, nor converted
_AMOUNT_UNIT = re.compile(rf"(?:金额|单位)[^元]{{0,6}}?({_YUAN_UNITS})")
# the cells the template takes "as printed, with its unit" (template.md: the 2019 template's
# 采购总金额, printed 251000元, 25.1万元, or bare under a heading that may give the unit): the
# figure is published as printed and its unit beside it (Cell.unit), never converted
UNIT_AS_PRINTED = frozenset({("proactive", "procurement", "amount")})
_PRINTED_AMOUNT = re.compile(rf"^([¥￥])?({_MONEY_FIGURE})({_YUAN_UNITS}|万)?$")


def _amount_units(tokens: list[Token]) -> tuple[str, ...]:
    """The units the table's headings give its amounts, each once, in their order."""
    units: dict[str, None] = {}
    for t in tokens:
        if t.kind == T and "元" in t.key:
            for m in _AMOUNT_UNIT.finditer(t.key):
                units[m.group(1)] = None
    return tuple(units)


# a heading printed where the 2019 template has 本年增/减 that names this year's count
# (上一年项目数量 | 本年数量 | 处理决定数量, a township's 2019 form): no change
_COUNT_HEADING = re.compile(r"^本年度?(?:项目|事项)?(?:数量|个数|总数)$")


# the 2019 headings run together in one cell (信息内容上一年项目数量本年数量处理决定数量): the middle one
_MIDDLE_HEADING = re.compile(r"上一年项目数量(.+?)(?:处理决定数量|$)")


def _change_headings(tokens: list[Token]) -> list[tuple[tuple[int, int], Token | None]]:
    """Where the proactive table heads a column 本年增/减 (None) or a count in its place (the
    heading's token), by grid row and cell, in order — in a cell of its own, or between the
    headings beside it where they run together."""
    out: list[tuple[tuple[int, int], Token | None]] = []
    for t in tokens:
        if t.kind != T:
            continue
        m = _MIDDLE_HEADING.search(t.key)
        heading = m.group(1) if m else t.key
        if heading == "本年增/减" or _COUNT_HEADING.match(heading):
            out.append(((t.row, t.col), None if heading == "本年增/减"
                        else replace(t, text=heading) if m else t))
    return out


def _printed_amount(tok: Token) -> tuple[Token, str | None] | None:
    """An amount taken as printed (UNIT_AS_PRINTED): the token as a figure and the unit
    printed with it, if any (元 for the yuan sign, ￥251,000.00); None when the cell is no
    figure."""
    m = _PRINTED_AMOUNT.match(tok.key)
    if not m or tok.kind not in (V, X):
        return None
    number = m.group(2).replace(",", "")
    unit = "万元" if m.group(3) == "万" else m.group(3) or ("元" if m.group(1) else None)
    return replace(tok, kind=V, value=float(number) if "." in number else int(number)), unit


def _emit(table: str, template_rows: tuple[codes.Row, ...],
          chosen: dict[str, tuple[Run, Reading]], report: ParsedReport,
          rows: tuple[GridRow, ...], end: int, units: tuple[str, ...] = (),
          tokens: list[Token] | None = None) -> None:
    foreign = next((u for u in units if u != "万元"), None)
    missing = [r for r in template_rows if r.code not in chosen]
    heads = _change_headings(tokens) if table == "proactive" and tokens else []
    for r in template_rows:
        if r.code not in chosen or not chosen[r.code][1]:
            continue
        run, reading = chosen[r.code]
        if (fraction := _fraction_beside_amount(r, reading)) is not None:
            # 政府集中采购 | 5.87 | 8 (pymupdf4llm's text of the row at a page's head, its
            # figures in another order): the count a fraction, the amount a count
            report.errors.append(Problem(
                f"表格 {table}，行 {r.code}（{r.label}）：件数一栏是带小数的数字（{fraction.text}），"
                "而本行另有金额一栏，数字的次序可能与栏目不同，本行未读取 / a fraction in a column "
                f"of counts ({fraction.text}) in a row that has an amount: the figures may stand "
                "in another order than the columns", line=fraction.source.line, table=table,
                row=r.code, expected="a whole count, then the amount", found=fraction.text))
            continue
        if table == "applications" and (odd := _unreadable_in_a_sum(r, reading)) is not None:
            report.errors.append(Problem(
                f"表格 {table}，行 {r.code}（{r.label}）：有一格不是整数（“{odd.text}”），其余各格之和又不等于"
                "总计，各数字可能错位，本行未读取 / a cell that is no whole number ("
                f"“{odd.text}”) in a row whose other figures do not add up to its total: the "
                "mark may be a piece of a label, or two figures printed together at a point, and "
                "the figures beside it a column off", line=odd.source.line, table=table,
                row=r.code, expected="whole counts adding up to the total", found=odd.text))
            continue
        # beside an unreadable cell only figures are published: where its blanks stand is
        # not known (an amount printed with its unit is a figure)
        garbled = any(tok is not None and tok.kind == X and not (
            (table, r.code, col) in UNIT_AS_PRINTED and _printed_amount(tok))
            for col, tok in zip(r.columns, reading, strict=True))
        for col, tok in zip(r.columns, reading, strict=True):
            if garbled and (tok is None or tok.kind in (B, M)):
                continue
            if tok is None:
                report.cells.append(Cell(table, r.code, col, None, "", _blank_source(run)))
                continue
            if col == "change" and heads and tok.kind not in (B, M) and (count := next(
                    (h for at, h in reversed(heads) if at < (run.label[-1].row,
                                                             run.label[-1].col)), None)):
                report.errors.append(Problem(
                    f"表格 {table}，行 {r.code}：这一栏的表头是“{count.text}”（本年的数量），不是模板的"
                    f"“本年增/减”，本栏未读取 / expected the column 本年增/减 (the change), found it "
                    f"headed “{count.text}” (this year's count): {tok.text} not read as a change",
                    line=tok.source.line, table=table, row=r.code, column=col,
                    expected="本年增/减", found=count.text))
                continue
            printed_unit = None
            if (table, r.code, col) in UNIT_AS_PRINTED and (
                    as_printed := _printed_amount(tok)) is not None:
                tok, printed_unit = as_printed
                if printed_unit is None and len(units) > 1:
                    # the headings give two units and the cell none: which is meant is not known
                    report.errors.append(Problem(
                        f"表格 {table}，行 {r.code}，列 {col}：表头给出两个金额单位（"
                        f"{'、'.join(units)}），此格未写单位，无法确定 / expected one unit for "
                        f"the amount, found {len(units)} in the headings ({', '.join(units)}) "
                        f"and none with {tok.text}", line=tok.source.line, table=table,
                        row=r.code, column=col, expected="one unit",
                        found=f"{tok.text} ({', '.join(units)})"))
                    continue
                printed_unit = printed_unit or (units[0] if units else None)
            problem, value = _checked_value(table, r.code, col, tok)
            if problem:
                report.errors.append(problem)
                continue
            if (foreign and codes.COLUMNS[col].decimal
                    and value is not None and (table, r.code, col) not in UNIT_AS_PRINTED):
                report.errors.append(Problem(
                    f"表格 {table}，行 {r.code}，列 {col}：金额单位为“{foreign}”，模板为“万元”，数字不换算、"
                    f"不发布 / expected an amount in 万元, found one in {foreign} ({tok.text}): "
                    f"never converted", line=tok.source.line, table=table, row=r.code,
                    column=col, expected="万元", found=f"{tok.text} {foreign}"))
                continue
            report.cells.append(Cell(table, r.code, col, value, tok.text, tok.source,
                                     printed_unit))
    if not missing:
        return
    found_codes = [r.code for r in template_rows if r.code in chosen]
    last_line = _line(rows, end - 1)
    # the rows after the last one found: cut off where two or more are missing and no
    # other, or wherever the text itself ends in the table (then one row too, and the rows
    # missing before them are named one by one)
    at_text_end = end >= len(rows)
    labelled = _labels_without_figures(table, missing, report.template, tokens or [])
    if at_text_end:  # a label the text ends with is cut off with its row
        labelled = {code: t for code, t in labelled.items() if t.source.line != last_line}
    # (a row whose label stands in the text, no figure beside it, is no row cut off)
    tail = [r for r in missing if order_after(r.code, found_codes, template_rows)
            and r.code not in labelled] if found_codes else []
    cut: list[Problem] = []
    if tail and (at_text_end or (len(tail) == len(missing) and len(tail) > 1)):
        names = f"{tail[0].code} … {tail[-1].code}" if len(tail) > 1 else tail[0].code
        cut.append(Problem(
            f"表格 {table} 在“{found_codes[-1]}”之后中断，缺少 {len(tail)} 行 / table cut off "
            f"after row {found_codes[-1]}: {len(tail)} row{'s' * (len(tail) > 1)} missing "
            f"({names})", line=last_line, table=table, row=tail[0].code,
            expected=f"{len(template_rows)} rows", found=f"{len(template_rows) - len(missing)} rows"))
        missing = [r for r in missing if r not in tail]
    codes_order = [r.code for r in template_rows]
    for r in missing:
        label = labelled.get(r.code)
        if label is not None and _WORDS_THEN_FIGURE.search(label.text.rstrip()):
            # the row's label runs into its figures (规章347531, its other rows' zeros read:
            # _digit_cells)
            report.errors.append(_run_together(table, label.text.rstrip()[-24:],
                                               label.source.line, r))
            continue
        if label is not None:
            report.errors.append(Problem(
                f"表格 {table}，行 {r.code}（{r.label}）：有栏目名称，未读出本行的数字 / row "
                f"{r.code}: expected {len(r.columns)} number{'s' * (len(r.columns) > 1)} "
                "beside its label, found none that could be read", line=label.source.line,
                table=table, row=r.code,
                expected=f"{len(r.columns)} numbers", found="its label only"))
            continue
        before = [c for c in codes_order[:codes_order.index(r.code)] if c in chosen]
        prev = chosen[before[-1]][0] if before else None
        line = prev.line if prev else last_line
        where = f"after row {before[-1]}" if before else "at the start of the table"
        report.errors.append(Problem(
            f"表格 {table}，缺少行 {r.code}（{r.label}）/ row {r.code} not found {where}: "
            f"expected “{r.label}” with {len(r.columns)} numbers", line=line, table=table,
            row=r.code, expected=f"{len(r.columns)} numbers", found="no row"))
    report.errors.extend(cut)


def _labels_without_figures(table: str, missing: list[codes.Row], template: str | None,
                            tokens: list[Token]) -> dict[str, Token]:
    """Of the rows no figure was read for, those whose label stands among the table's cells
    (a cell of its own, not prose, not a column's heading): row code -> the label's token —
    one that runs into digits before others (一、本年新收…1000001 after the headings' line
    自然人法人或其他组织总计, which names 总计 too)."""
    if not missing or template is None:
        return {}
    wanted = {r.code for r in missing}
    found: dict[str, Token] = {}
    for t, code in _row_labels(tokens, template, table):
        glued = _WORDS_THEN_FIGURE.search(t.key)
        if code in wanted and (len(t.key) <= 48 or glued and glued.start() <= 48) and (
                code not in found or glued and not _WORDS_THEN_FIGURE.search(found[code].key)):
            found[code] = t
    return found


def _row_labels(tokens: list[Token], template: str,
                table: str) -> Iterator[tuple[Token, str | None]]:
    """The text tokens that name a row of the table (its key found in them; a column's
    heading alone, 总计 or 其他, names none), each with the row's code. (The reviews table
    has no keys here: its pattern is empty and finds every text token, with no code.)"""
    pattern, names = _key_pattern(template, table)
    for t in tokens:
        # (a label that runs into its figures, 3.其他1000001, names its row too)
        if t.kind == T and t.key not in _COLUMN_WORDS and (m := pattern.search(
                _WORDS_THEN_FIGURE.sub("", t.key) if t.key[-1:].isdigit() else t.key)):
            yield t, (row.code if (row := names.get(m.lastgroup or "")) else None)


def _unreadable_in_a_sum(r: codes.Row, reading: Reading) -> Token | None:
    """In a row of the applications table, a cell that is not a figure or a fraction among
    counts, read out of one piece of text with other cells of the row (figures apart by
    spaces, not cells of a grid), unless the row's other figures add up to its total without
    it: the cell, else None.
    (kreuzberg's `3.危及"三安全一稳定 " 271 …`, the quote a cell before the figures; pdf_oxide's
    `1565.11` for 1565 and 11: the figures beside it stand a column off.)"""
    odd = [t for col, t in zip(r.columns, reading, strict=True) if t is not None and (
        t.kind == X or _is_fraction(t) and not codes.COLUMNS[col].decimal) and any(
        o is not t and o is not None and (o.row, o.col) == (t.row, t.col) for o in reading)]
    if not odd:
        return None  # (a cell of its own in a grid is refused alone: its neighbours stand)
    total, apart = reading[-1], {id(t) for t in odd}
    if r.columns[-1] == "total" and total is not None and total.kind == V \
            and id(total) not in apart and sum(t.value for t in reading[:-1] if t is not None
                                               and t.kind == V and id(t) not in apart) \
            == total.value:
        return None
    return odd[0]


def _is_fraction(tok: Token | None) -> bool:
    """Whether a cell is a figure with a fraction (3.5; 3.0 is a whole number)."""
    return tok is not None and tok.kind == V and isinstance(tok.value, float) \
        and not tok.value.is_integer()


def _fraction_beside_amount(r: codes.Row, reading: Reading) -> Token | None:
    """A fraction read into a column of counts of a row that also has an amount column
    (采购项目数量 and 采购总金额): the row's figures may have been read in another order."""
    if not any(codes.COLUMNS[c].decimal for c in r.columns):
        return None
    return next((tok for col, tok in zip(r.columns, reading, strict=True)
                 if not codes.COLUMNS[col].decimal and _is_fraction(tok)), None)


def order_after(code: str, found: list[str], template_rows: tuple[codes.Row, ...]) -> bool:
    order = [r.code for r in template_rows]
    return order.index(code) > max(order.index(f) for f in found)


def _blank_source(run: Run) -> Source:
    toks = run.values or run.label
    return toks[0].source if toks else Source()


# --- review_litigation -----------------------------------------------------------------------

def _map_review(tokens: list[Token], report: ParsedReport, rows: tuple[GridRow, ...],
                end: int) -> None:
    table = "review_litigation"
    if _refuse_column_order(tokens, table, (_OUTCOME_HEADINGS, _LAWSUIT_HEADINGS), report):
        return
    if _refuse_figure_in_heading(tokens, table, report):
        return
    start = next((i for i, t in enumerate(tokens) if t.kind in (V, M, X)), None)
    k = 15
    if start is None:
        report.errors.append(Problem(
            "表格 review_litigation（行政复议、行政诉讼）：没有读到数字 / expected 15 numbers, "
            "found none", line=_line(rows, end - 1), table=table, expected="15 numbers",
            found="0"))
        return
    before = "".join(t.key for t in tokens[:start] if t.kind == T)
    if (word := next((w for w in (*_APPLICANT_HEADINGS, "申请人情况") if w in before), None)):
        # the applications table's column headings after this table's heading, before its
        # first figure (pdfminer's text: the tables' columns in blocks, the applications
        # table's last columns after 四、…行政复议…): those figures are the other table's,
        # and a row of zeros adds up anywhere
        report.errors.append(Problem(
            f"表格 review_litigation：本表标题之后、第一个数字之前有申请情况表的栏目名称“{word}”，"
            "提取工具把两个表格的文字混在一起，这些数字可能属于申请情况表，未读取 / the applications "
            f"table's column heading “{word}” after this table's heading, before its first "
            "figure: the tool mixed the two tables' text, so the figures may be the other "
            "table's", line=tokens[start].source.line, table=table,
            expected="the reviews table's headings, then its 15 figures",
            found=f"the applications table's heading {word} before the figures"))
        return
    first = tokens[start]
    if first.aligned:
        data_rows = []
        for t in tokens[start:]:
            if t.kind == T:
                break
            data_rows.append(t)
        # grid rows after the figures that hold no figure (Word's hidden row of column widths)
        # are no cells of this row: their blanks would fill a missing cell's place
        filled = {t.row for t in data_rows if t.kind != B}
        while data_rows and data_rows[-1].row not in filled:
            data_rows.pop()
        # blanks before the first number in the same aligned row are positional
        j = start - 1
        lead = []
        while j >= 0 and tokens[j].aligned and tokens[j].row == first.row and tokens[j].kind == B:
            lead.insert(0, tokens[j])
            j -= 1
        values = lead + data_rows
    else:
        values = []
        j = start - 1
        while j >= 0 and tokens[j].kind == B:
            values.insert(0, tokens[j])
            j -= 1
        for t in tokens[start:]:
            if t.kind == T:
                break
            values.append(t)
    if (kept := _without_merged_copies(values, tokens, k)
            or _copies_in_text(values, tokens, k)) is not None:
        values = kept
        report.notes.append(Note(f"表格 review_litigation：{_MERGED_COPY}",
                                 line=first.source.line))
    if (zeros := _zeros_parted(values, k, table, first.source.line, report)) is not None:
        values = zeros
    readings = _readings(values, k, first.aligned)
    if (not readings and report.layout == "markdown" and len(values) == k
            and len({t.row for t in values}) == 1 and values[0].col == 0
            and values[0].width == k):
        # a Markdown line that is the row and nothing else, each of its k cells in place —
        # its first blank too (`| | 0 | 3 | … |`, a crawler's row begun by an empty cell)
        readings = [list(values)]
    distinct = {_reading_values(r) for r in readings}
    if len(distinct) > 1:
        good = []
        for reading in readings:
            vals = _review_values(reading)
            if all(v is not None for v in vals.values()) and not table_rules(
                    vals, report.template, tables=(table,)):
                good.append(reading)
        if len(good) == 1:
            readings = good
            report.notes.append(Note("表格 review_litigation：单元格数与栏目数不符，按勾稽关系 R4 选定"
                                     "唯一成立的读法 / the one reading under which R4 holds was "
                                     "taken", line=first.source.line, rule="R4"))
        elif not good and not first.aligned and (
                joined := _wrapped_over_lines(values, k, _blocks_add_up)) is not None:
            # a figure wrapped in its narrow cell, its tail on the next text line (pypdfium2's
            # text: `… 47 17736` / `2` / `22 1 …` for 177362), told by its block's sum
            readings = [joined[0]]
            report.notes.append(Note(
                f"表格 review_litigation：折到下一行的数字已接回（{joined[1]}），接回后各块之和等于总计 / "
                f"figures wrapped onto the next line joined ({joined[1]}): so joined, each "
                f"block adds up to its total (R4)", line=first.source.line, rule="R4"))
        else:
            report.errors.append(Problem(
                f"表格 review_litigation：应有 15 个数字，读到 {len(values)} 个单元格，无法确定对应关系 / "
                f"expected 15 numbers, found {len(values)} cells", line=first.source.line,
                table=table, expected="15 numbers", found=f"{len(values)} cells"))
            return
    elif len(readings) > 1:
        report.notes.append(Note(f"表格 review_litigation：{len(values)} 个单元格，各种读法数字相同 / "
                                 f"{len(values)} cells; every reading gives the same numbers",
                                 line=first.source.line))
    if not readings and (blocks := _review_blocks(tokens)) is not None:
        readings = [blocks]
        report.notes.append(Note(
            "表格 review_litigation：行政复议与两类行政诉讼分块排列（分行或分表），按各块的名称读取 / the "
            "table printed in blocks (review, the two kinds of lawsuit as rows or tables of "
            "their own), read by the blocks' names", line=first.source.line))
    if not readings:
        found = sum(1 for t in values if t.kind != B)
        ends = found < k and _ends_in_row(values, rows)  # (as _map_rows says it)
        report.errors.append(Problem(
            f"表格 review_litigation（行政复议、行政诉讼）：应有 15 个数字，只读到 {found} 个"
            + ("，文字在本行结束" if ends else "") + f" / expected 15 numbers, found {found}"
            + (" and then the end of the text" if ends else ""), line=first.source.line,
            table=table, expected="15 numbers", found=str(found)))
        return
    reading = readings[0]
    cols = codes.REVIEW_COLUMNS
    garbled = any(tok is not None and tok.kind == X for tok in reading)  # as in _emit
    refused: set[str] = set()
    if not first.aligned and (glued := _two_figures_glued(reading)) is not None:
        # the figures after two glued into one stand a place off (a piece of a broken figure
        # later makes up the count): every block from there on is unsure
        cut, a, b = glued
        report.errors.append(Problem(
            f"表格 review_litigation：数字 {cut.text} 像是两个数字 {a} {b} 连在一起（这样该块各栏之和"
            f"才等于总计），其后的数字会错位，本表未读取 / a figure that is two glued together: "
            f"{cut.text} as {a} {b} makes its block add up, and the figures after it would "
            f"stand a place off", line=cut.source.line, table=table, expected=f"{a} {b}",
            found=cut.text))
        return
    fraction = next((t for t in reading if _is_fraction(t)), None)
    if fraction is not None and not first.aligned:
        # a fraction among the counts of a stream of figures (pdf_oxide's text of a narrow
        # table: 4 5.7 5.2 4 6.1 … for 46 55 7 51 …, digits joined at points it put between
        # them): the figures after it may stand a place off
        report.errors.append(Problem(
            f"表格 review_litigation：件数中出现带小数的数字（{fraction.text}），可能是几个数字被连在一起，"
            f"其后的数字会错位，本表未读取 / a fraction among the counts ({fraction.text}): figures "
            f"joined at a point, so the figures after it may stand a place off",
            line=fraction.source.line, table=table, expected="whole counts",
            found=fraction.text))
        return
    if report.layout in _TOOL_CELLS and (breaking := _breaking_blocks(reading)):
        cells = _figures_by_cell(values)
        if len(cells) > 1 and any(len(ts) > 1 for ts in cells.values()):
            # a tool's cells holding two figures or more beside others (pdfplumber's cells by
            # the text strategy of a narrow table: 2 1 | 6 11 | 4 … for 2 2 1 6 11, a 2 lost
            # where two cells' words met, and 18 later split as 5 1 | 8): the 15 were counted
            # out from pieces, so a block that does not add up may stand a place off
            why = (f"提取工具的单元格与表格的栏目不一致（{_cells_text(cells)[:40]}），本块各栏之和又不等于总计，"
                   "数字可能被拆开或错位",
                   "a tool's cells that do not follow the columns (cells holding two figures "
                   "beside others) and the block does not add up: its figures may be split "
                   "across cells or stand a place off")
        elif len(breaking) == 3:
            # no block adding up (PyMuPDF's table of a row a word processor broke over a page:
            # 156 | 317 | 510 | 11 | 559 … for 5107 and 5591, the last digit of each wide
            # figure on the next page, outside the cells found): figures cut short
            why = ("提取工具的单元格中三块数字的各栏之和都不等于总计，数字可能被截断（如表格行跨页时只取到每格的第一行）",
                   "no block adds up to its total in a tool's cells: figures may have been cut "
                   "short (a row broken over a page, the first line of each cell taken)")
        else:
            breaking = []
        for b in breaking:
            code = codes.REVIEW_ROWS[b // 5].code
            _refuse_unsure(code, *_review_block(reading, b // 5), {}, report, table, *why)
            refused.add(code)
    if not first.aligned and _breaking_blocks(reading) and (
            after := _figures_after(tokens, values)):
        # 15 figures taken up to the first words, a block that does not add up, and figures
        # after the words (pdfminer's text of a narrow table, a digit a line: 8 0 9 9 4 … 总 计
        # 3 2 7 …, the figures 80, 94 … broken): the 15 may be pieces, the table is refused
        report.errors.append(Problem(
            "表格 review_litigation：读到的 15 个数字中有一块各栏之和不等于总计，而其后的文字之间还有"
            f"数字（{' '.join(t.text for t in after[:8])}），数字可能被拆开，本表未读取 / a block "
            "that does not add up among the 15 figures taken, and more figures after the words "
            f"that end them ({' '.join(t.text for t in after[:8])}): figures may be broken into "
            "pieces", line=after[0].source.line, table=table,
            expected="15 figures, each block adding up, or no figure after them",
            found=" ".join(t.text for t in after[:8])))
        return
    if not first.aligned:
        # a block that breaks R4 with signs of a figure broken over lines (its figures on
        # several text lines, its total a piece of their sum, a total's head glued to the
        # figure before it), as a row of the applications table; the other blocks stand
        blocks = {r.code: _review_block(reading, i)
                  for i, r in enumerate(codes.REVIEW_ROWS) if r.code not in refused}
        _refuse_figures_over_lines(blocks, report, table)
        refused |= {code for code, (_, block) in blocks.items() if not block}
        for code, (run, block) in list(blocks.items()):
            if refused and code not in refused and (
                    _placement_breaks_its_row(table, block)
                    or not all(t is not None and t.kind == V for t in block)):
                # with a block refused for a broken figure, the stream's count of 15 was made
                # up by pieces (109 broken as 10, glued to the 21 before it, and 9 on the next
                # line), so any block may stand a place off: one that does not add up, or
                # cannot be added up, is refused too; one that adds up stands
                _refuse_unsure(code, run, block, blocks, report, table,
                               "另一块因数字被折行拆开未读取，本块各栏之和又不等于总计，数字可能错位",
                               "another block was refused for a figure broken over lines "
                               "and this one does not add up: its figures may stand a place off")
                refused.add(code)
    if (cut := _heads_cut_short(tokens)) is not None:
        # the headings cut to their first parts (pdf_oxide's cells of a narrow table keep a
        # cell's first line: 结 | 结 | 其 | 尚 | 总, and 11 | 75 | 86 for 111, 754, 868): a
        # block that does not add up may have lost the wrapped digits of its figures
        for i, r in enumerate(codes.REVIEW_ROWS):
            if r.code in refused:
                continue
            run, block = _review_block(reading, i)
            if _placement_breaks_its_row(table, block):
                _refuse_unsure(r.code, run, block, {}, report, table,
                               f"表头栏目名称只剩开头（{cut}），本块各栏之和又不等于总计，数字可能丢失了折行的数位",
                               f"the headings are cut to their first parts ({cut}) and the "
                               f"block does not add up: its figures may have lost wrapped digits")
                refused.add(r.code)
    if not first.aligned and (parted := _parted_otherwise(reading)) is not None:
        # the digits part otherwise into blocks that all add up: the tool glued figures and
        # broke others so that the count stayed 15 — which parting is the report's is not
        # known where the two differ
        for i, r in enumerate(codes.REVIEW_ROWS):
            run, block = _review_block(reading, i)
            read = [t.text for t in block if t is not None]
            if r.code in refused or read == parted[5 * i:5 * i + 5]:
                continue
            _refuse_unsure(
                r.code, run, block, {}, report, table,
                f"同一串数字换一种分法（{' '.join(parted)}）每块各栏之和都等于总计，本块的数字随之不同，"
                "数字可能被提取工具连在一起或拆开",
                f"the same digits parted otherwise ({' '.join(parted)}) make every block add "
                "up, and this block's figures differ so: the tool may have glued figures "
                "together and broken others")
            refused.add(r.code)
    for i, tok in enumerate(reading):
        r = codes.REVIEW_ROWS[i // 5].code
        col = cols[i % 5]
        if r in refused or (garbled and (tok is None or tok.kind in (B, M))):
            continue
        if tok is None:
            report.cells.append(Cell(table, r, col, None, "", first.source))
        elif (checked := _checked_value(table, r, col, tok))[0]:
            report.errors.append(checked[0])
        else:
            report.cells.append(Cell(table, r, col, checked[1], tok.text, tok.source))


# the first parts of the reviews table's column headings (结果维持, 结果纠正, 其他结果, 尚未审结,
# 总计), each with the rests of the headings it begins (结果: 维持, 纠正)
_REVIEW_HEADS = tuple(norm(codes.COLUMNS[c].label) for c in codes.REVIEW_COLUMNS)
_HEAD_FIRSTS = {head[:n]: tuple(h[n:] for h in _REVIEW_HEADS if h.startswith(head[:n]))
                for head in _REVIEW_HEADS for n in range(1, len(head))}


def _heads_cut_short(tokens: list[Token]) -> str | None:
    """The reviews table's headings cut to their first parts in cells of their own (结 | 结 |
    其 | 尚 | 总, 结果维 | 结果纠 | 其他结 | 尚未审 | 总: a tool that kept each narrow cell's first
    line), their rests nowhere among the table's words (a heading wrapped in its cell has them
    on the next line), or in a grid nowhere among its cells: the parts, else None."""
    heads = [t for t in tokens if t.kind == T and t.key in _HEAD_FIRSTS]
    firsts = [t.key for t in heads]
    if len(set(firsts)) < 2:
        return None
    # in a table's grid the rests are looked for in its cells (pdf_oxide put the second lines
    # of a grid's heading cells in a paragraph after it, 维持纠正审结计…, and the rest of its
    # figures' digits elsewhere)
    grid = all(t.aligned for t in heads)
    rest = "".join(t.key for t in tokens if t.kind == T and t.key not in _HEAD_FIRSTS
                   and (t.aligned or not grid))
    if any(part in rest for w in firsts for part in _HEAD_FIRSTS[w]):
        return None
    return " ".join(firsts[:5])


def _figures_after(tokens: list[Token], values: list[Token]) -> list[Token]:
    """Figures among the table's tokens after the run of ``values`` (two at least; one may be
    a page's number), else []."""
    if not values:
        return []
    last = max(i for i, t in enumerate(tokens) if t is values[-1])
    after = [t for t in tokens[last + 1:] if t.kind == V]
    return after if len(after) >= 2 else []


def _two_figures_glued(reading: Reading) -> tuple[Token, int, int] | None:
    """In a reviews table read from a stream of 15 figures, a figure of a block that breaks
    R4 which, cut in two, makes the block add up (pypdf and pdftotext -raw of a narrow page:
    pending 37 and the total 49 as 3749, while 176 broke into 17 and 6 later, so the count
    stayed 15 and every block after it was a place off): the figure, its two parts. A block
    after it must break R4 too, as the shift makes it (a report's own error in one block, cut
    so by chance, is published with its finding)."""
    for b in range(0, len(reading) - 4, 5):
        block = reading[b:b + 5]
        values = _whole_numbers(block)
        if values is None or sum(values[:4]) == values[4] or not _breaking_blocks(
                reading[b + 5:]):
            continue
        for i in range(4):
            text = block[i].text  # type: ignore[union-attr]
            for cut in range(1, len(text)):
                head, tail = text[:cut], text[cut:]
                if tail[0] == "0" and len(tail) > 1:
                    continue
                placed = [*values[:i], int(head), int(tail), *values[i + 1:]][:5]
                if sum(placed[:4]) == placed[4]:
                    return block[i], int(head), int(tail)  # type: ignore[return-value]
    return None


def _parted_otherwise(reading: Reading) -> list[str] | None:
    """In a reviews table read from a stream of 15 figures, a block breaking R4: another
    parting of the same digits, in the same order, into 15 figures (none led by 0) under
    which every block adds up (pypdf's plain text of a narrow page: `4 2 374588 2 89 16 8 11 5
    1 52 64 25 14 2` for 4 2 37 45 88, 2 89 16 8 115, 1 52 64 25 142 — three figures glued and
    two totals broken kept the count at 15): the figures so parted, else None."""
    values = _whole_numbers(reading)
    if values is None or len(values) != 15 or not _breaking_blocks(reading):
        return None
    printed = [t.text for t in reading if t is not None]
    digits = "".join(printed)
    if len(digits) > 60:
        return None

    @cache
    def part(at: int, block: int) -> tuple[str, ...] | None:
        """The figures of the blocks from ``block`` on, parted from ``digits[at:]``."""
        if block == 3:
            return () if at == len(digits) else None
        for sizes in product(range(1, 5), repeat=4):
            end = at + sum(sizes)
            if end >= len(digits):
                continue
            figures, i = [], at
            for size in sizes:
                figures.append(digits[i:i + size])
                i += size
            if any(f[0] == "0" and len(f) > 1 for f in figures):
                continue
            total = str(sum(int(f) for f in figures))
            if digits.startswith(total, end) and (rest := part(end + len(total), block + 1)) \
                    is not None:
                return (*figures, total, *rest)
        return None

    parted = part(0, 0)
    return list(parted) if parted is not None and list(parted) != printed else None


def _review_block(reading: Reading, i: int) -> tuple[Run, Reading]:
    """The reviews table's ``i``-th block of five cells, as a run of its figures and as read."""
    block = reading[5 * i:5 * i + 5]
    return Run([], [t for t in block if t is not None], False, i), block


def _breaking_blocks(reading: Reading) -> list[int]:
    """The places of the reviews blocks (five cells each) whose figures, whole numbers as
    printed, do not add up to their total (R4)."""
    return [b for b in range(0, len(reading) - 4, 5)
            if (v := _whole_numbers(reading[b:b + 5])) is not None and sum(v[:4]) != v[4]]


# the three blocks of the reviews table by the words that name them in a label run
_REVIEW_BLOCK_NAMES = (("review", "行政复议"), ("litigation_direct", "直接起诉"),
                       ("litigation_after_review", "复议后起诉"))


def _review_blocks(tokens: list[Token]) -> Reading | None:
    """The 15 cells of a reviews table printed in blocks, or None. Bodies fit the 15-column
    table onto a page as three rows of the five outcomes (行政复议 / 行政诉讼（未经复议直接起诉）
    / 行政诉讼（复议后起诉）), or as a table of 行政复议 above one of 行政诉讼: each run of five
    (or ten) cells is placed by the block names in its label, in the order printed there;
    read only when every block is named exactly once and each run reads one way."""
    placed: dict[str, Reading] = {}
    prefix = ""  # the words of runs without figures (a heading line of blank cells) go on
    for run in _runs(tokens):
        if not any(t.kind != B for t in run.values):
            prefix += run.key
            continue
        key, prefix = prefix + run.key, ""
        named = sorted((key.rfind(word), code) for code, word in _REVIEW_BLOCK_NAMES
                       if word in key)
        if not named or len(run.values) < 5 * len(named):
            return None
        readings = _readings(run.values, 5 * len(named), run.aligned)
        if len({_reading_values(r) for r in readings}) != 1:
            return None
        for n, (_, code) in enumerate(named):
            if code in placed:
                return None
            placed[code] = readings[0][5 * n:5 * n + 5]
    if len(placed) != 3:
        return None
    return [t for code, _ in _REVIEW_BLOCK_NAMES for t in placed[code]]


_LARGEST_EXACT = 2**53 - 1  # the largest whole number a double (JSON in browsers, SQLite REAL) holds


def _checked_value(table: str, row: str, col: str,
                   tok: Token) -> tuple[Problem | None, int | float | None]:
    """A cell's value as its column allows it, or the problem: text where a number belongs;
    a number of more than 15 digits; a negative count (only 2019's 本年增/减 may be negative);
    a fraction, or a sum of money (3万元), where the column counts (件). A count printed 3.0
    is 3."""
    value = tok.value
    if tok.kind == X:
        return Problem(f"表格 {table}，行 {row}，列 {col}：应为数字，实为“{tok.text}” / expected a "
                       f"number, found '{tok.text}'", line=tok.source.line, table=table, row=row,
                       column=col, expected="a number", found=tok.text), None
    if value is None:
        return None, None
    if abs(value) > _LARGEST_EXACT or (
            len(tok.key) > 15 and sum(ch.isdigit() for ch in tok.key) > 15):
        return Problem(f"表格 {table}，行 {row}，列 {col}：数字超过 15 位，无法准确发布 / expected at "
                       f"most 15 digits (a larger number is not exact in JSON, JavaScript or "
                       f"SQLite), found {tok.text}", line=tok.source.line, table=table, row=row,
                       column=col, expected="at most 15 digits", found=tok.text), None
    if value < 0 and col != "change":
        return Problem(f"表格 {table}，行 {row}，列 {col}：数量不能为负 / expected a count ≥ 0, "
                       f"found {tok.text}", line=tok.source.line, table=table, row=row,
                       column=col, expected=">= 0", found=tok.text), None
    if not codes.COLUMNS[col].decimal:
        if "万元" in tok.key or _is_fraction(tok):
            return Problem(f"表格 {table}，行 {row}，列 {col}：应为整数件数，实为“{tok.text}” / "
                           f"expected a whole count, found '{tok.text}'", line=tok.source.line,
                           table=table, row=row, column=col, expected="a whole number",
                           found=tok.text), None
        if isinstance(value, float):
            value = int(value)
    return None, value


def _review_values(reading: Reading) -> dict[tuple[str, str, str], int | float | None]:
    out = {}
    for i, tok in enumerate(reading):
        key = ("review_litigation", codes.REVIEW_ROWS[i // 5].code, codes.REVIEW_COLUMNS[i % 5])
        out[key] = tok.value if tok is not None else None
    return out


@cache
def _cell_order(template: str) -> dict[tuple[str, str, str], int]:
    """(table, row, column) -> its place in the template."""
    return {k: i for i, k in enumerate(codes.cell_keys(template))}


def _order_cells(report: ParsedReport) -> None:
    order = _cell_order(report.template)
    places = [order.get(c[:3], 1 << 20) for c in report.cells]
    # the tables emit their cells in template order: a stable sort would leave them as they are
    if places != sorted(places):
        ranked = sorted(zip(places, report.cells, strict=True), key=lambda pc: pc[0])
        report.cells[:] = [c for _, c in ranked]


# --- prose -----------------------------------------------------------------------------------

def _sections(rows: tuple[GridRow, ...], heads: dict[int, int]) -> list[Section]:
    out = []
    starts = sorted((i, n) for n, i in heads.items())
    for pos, (i, number) in enumerate(starts):
        end = starts[pos + 1][0] if pos + 1 < len(starts) else len(rows)
        if number in (2, 3, 4):
            text = ""
        else:
            text = "\n".join(r.spaced_text for r in rows[i + 1:end] if any(c.text for c in r.cells))
        title = rows[i].spaced_text
        out.append(Section(number, title, rows[i].source.line, text))
    return out


_PHONE = re.compile(r"(?:联系)?电话[:：]?\s*((?:\(?0\d{2,3}\)?[-－—\s]?)?\d{7,8}|1[3-9]\d{9})")
_DATE = re.compile(r"((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日")
# the other ways a closing date is printed: 2024-01-19, 2024.1.19, 2024/1/19 (the whole line),
# and in Chinese numerals as official documents write it (二〇二四年一月十九日, 元月)
_DATE_SEPARATED = re.compile(r"^((?:19|20)\d{2})([-./])(\d{1,2})\2(\d{1,2})$")
_DATE_CHINESE = re.compile(r"([〇零一二三四五六七八九]{4})年([元一二三四五六七八九十]{1,3})月"
                           r"([一二三四五六七八九十]{1,3})日")
_CHINESE_SMALL = {c: int(c.translate(_CHINESE_DIGITS)) for c in "〇零一二三四五六七八九"} | {"元": 1}


def _chinese_number(text: str) -> int | None:
    """1–39 written in Chinese numerals (十九, 二十一, 元 for the first month)."""
    if "十" not in text:
        return _CHINESE_SMALL.get(text) if len(text) == 1 else None
    tens, _, units = text.partition("十")
    t = _CHINESE_SMALL.get(tens, -1) if tens else 1
    u = _CHINESE_SMALL.get(units, -1) if units else 0
    return None if t < 1 or u < 0 or len(tens) > 1 or len(units) > 1 else 10 * t + u


_SIGNER = re.compile(r"(政府|中心|办公室|局|委员会|办事处)$")
_SIGNED_DATE = re.compile(r"(?P<signer>[^\d]{2,30}?)(?P<date>(?:19|20)\d{2}年\d{1,2}月\d{1,2}日)")
_LABELLED = re.compile(r"[:：]")  # 主办：…, 版权所有：…: a page's footer, not a signature
_FOOTER = re.compile(r"ICP备|公网安备|网站标识码|版权所有|主办|承办|技术支持|上一篇|下一篇|附件|打印|"
                     r"关闭窗口|浏览次数|访问量|今天是")


def _real_date(year: int, month: int, day: int) -> bool:
    """A day of the calendar (2024年2月30日 is a misprint, not a date to publish)."""
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


# a page's label of its publication date above the report (发布日期：2020-01-31, 发布时间:
# 2024-01-19 11:04); not 成文日期 or 生成日期, which date other things
_PUBLISHED_LABEL = re.compile(r"发布(?:日期|时间)[:：]?\s*(\d{4})\s*[-年./]\s*(\d{1,2})\s*[-月./]"
                              r"\s*(\d{1,2})")


# a date some of whose figures a tool printed on the next line, gaps left where they stood
# (pdfplumber's text, the digits in a font of another baseline: 年 月 日 / 2020 1 27; pdftotext:
# 年1月27日 / 2020): the line's parts, and the figures of the line below, which fill the gaps
_DATE_WITH_GAPS = re.compile(r"((?:19|20)\d{2})?年(\d{1,2})?月(\d{1,2})?日")
_FIGURES_LINE = re.compile(r"\s*\d{1,4}(?:\s+\d{1,4})*\s*")


def _date_apart(key: str, rows: tuple[GridRow, ...], below: int | None
                ) -> tuple[int, int, int] | None:
    """(year, month, day) of a date with gaps (年 月 日, 年1月27日) whose missing figures, in
    their order, are the whole of the line ``below``; or None."""
    if below is None or (m := _DATE_WITH_GAPS.fullmatch(key)) is None or None not in m.groups():
        return None
    text = rows[below].spaced_text  # (text in columns: a cell each)
    if not _FIGURES_LINE.fullmatch(text):
        return None
    figures = iter(text.split())
    parts = [part if part is not None else next(figures, None) for part in m.groups()]
    if next(figures, None) is not None or None in parts or len(parts[0] or "") != 4:
        return None
    return int(parts[0]), int(parts[1]), int(parts[2])


def _date_in(key: str) -> tuple[int, int, int] | None:
    """(year, month, day) of a date in a line's key, in any of the ways reports print it."""
    if m := _DATE.search(key):
        return int(m.group(1)), int(m.group(2)), int(m.group(3))
    if m := _DATE_SEPARATED.match(key):
        return int(m.group(1)), int(m.group(3)), int(m.group(4))
    if m := _DATE_CHINESE.search(key):
        month, day = _chinese_number(m.group(2)), _chinese_number(m.group(3))
        if month is not None and day is not None:
            return int(m.group(1).translate(_CHINESE_DIGITS)), month, day
    return None
_PROACTIVE_ITEMS = re.compile(r"(?:主动|累计|总计|共)公开[^。；;，,]{0,20}?(\d+)\s*余?条")
_APPS_NONE = re.compile(r"(?:未|没有|无)(?:收到|受理|接到)?([^。；;，,]{0,12}?)(?:依申请公开|公开申请|申请)"
                        r"(?:事项|情况)?")
# (a time limit is no count: 自收到申请之日起20个工作日内)
_APPS_COUNT = re.compile(r"(?:收到|受理|新收)[^。；;，,]{0,20}?申请[^。；;，,\d]{0,12}?(\d+)\s*(?:件|个|条|起)"
                         r"(?!工作日|自然日|日|天|小时|月|年|星期)")
# (未发生依申请公开行政复议或行政诉讼: no review or lawsuit over applications, not no
# applications)
_REVIEW_AFTER = re.compile(r"(?:引起|引发|产生|的|而|被|提起|申请)?(?:行政)?(?:复议|诉讼)")
# (…被申请行政复议、提起行政诉讼情况: the second with its own verb; 行政复议案件和行政诉讼
# 案件: each with its noun)
_REVIEW_NONE = re.compile(r"(?:未|没有|无)(?:发生|收到)?[^。；;，,]{0,25}?(行政复议|行政诉讼)"
                          r"(?:(?:案件?|事件)?[和及与、或](?:被|提起|被提起|引起|发生)?"
                          r"(行政复议|行政诉讼))?")
# applications of another kind, or a part of them: a count of these says nothing of the
# year's disclosure applications in all
_OTHER_APPLICATIONS = re.compile(r"结转|上年|复议|诉讼|信访|投诉|举报|网上|网络|当面|信函|邮寄|传真|"
                                 r"电子邮件|电话|其中")
# words that make "no … applications" or "no … review" say something else: no late replies,
# no complaints, no fees, no review that went against the body, no applications of another
# kind (没有逾期答复的申请, 无因依申请公开被投诉, 未向申请人收费, 未发生行政复议被纠错)
_LATE_COMPLAINED_CHARGED = "逾期|超期|投诉|举报|答复|收费|费用"
_NONE_GAP_WORDS = re.compile(_LATE_COMPLAINED_CHARGED + "|向|因|一起|纠错|出现|引发|复议|诉讼|信访|网上|"
                             "当面|信函")
# of those, the words that make 未/无 … 行政复议 say something else (未出现超期答复情况。全年…
# 被申请行政复议19件, its full stop read as · by OCR: no late replies, not no reviews); the
# others stand in the phrase itself (未发生因政府信息公开被申请行政复议)
_REVIEW_NONE_GAP = re.compile(_LATE_COMPLAINED_CHARGED + "|·")
# a count of reviews or lawsuits the prose gives (行政复议7件，诉讼9件; 被申请行政复议2起;
# 收到行政复议申请1件): the year's, not a part of them (纠错, 维持, 败诉 …), not a change (较上年
# 减少2件) and not the last year's
# (within one line of the text: a PDF's narrow cell breaks a figure over lines, 2 / 件。/ 7)
# (… 0次 only right after the word: 行政复议0次, not 行政复议委员会会议3次)
_REVIEW_COUNT = re.compile(r"(行政复议|行政诉讼|诉讼)(?:([^。；;，,、\d\n\r]{0,6}?)(\d+)[ \t]*(?:件|起|宗)"
                           r"|()(\d+)[ \t]*次)(?!工作日|日|天|月|年)")
_REVIEW_PART = re.compile(r"纠|败|维持|撤销|确认|审结|结转|上年|去年|上一年|同比|较|减少|增加|增长|"
                          r"下降|其中|决定|答复|期限|日内|各|均|分别|累计|以来|历年|共计?\d")
# (办理, 受理, 收到 … 行政复议: perhaps the body as the reviewing organ, not a review of it)
_REVIEW_BEFORE = re.compile(r"(?:上年|去年|上一年|较|同比|累计|历年|以来|其中|各|均|分别|办理|受理|审理|"
                            r"审查|收到|接到|民事|刑事)[^。；;，,]{0,6}$")
_NONE_AFTER_WORDS = re.compile(r"(?:人|被|的?投诉|的?举报|[^。；;，,]{0,6}?(?:纠错|纠正|败诉|撤销|确认违法))")


def _says_none(m: re.Match[str], gap: str | None) -> bool:
    """A match of _APPS_NONE or _REVIEW_NONE that does say none were received or brought."""
    return not (gap and _NONE_GAP_WORDS.search(gap)) \
        and not _NONE_AFTER_WORDS.match(m.string, m.end())


def _narrative(rows: tuple[GridRow, ...], texts: list[str], keys: list[str],
               heads: dict[int, int], regions: dict[str, tuple[int, int] | None]
               ) -> Iterator[tuple[int | None, str]]:
    """The report's own prose, (line, text): the lines outside its tables from its first
    section on, up to a saved page's footer (主办, 版权所有, ICP备 … after the last heading),
    whose links may name every township of the county."""
    skip = bytearray(len(rows))
    for rg in regions.values():
        if rg:
            skip[rg[0]:rg[1]] = b"\1" * (rg[1] - rg[0])
    last = max(heads.values(), default=0)
    for i in range(heads.get(1, 0), len(rows)):
        if skip[i] or not keys[i]:
            continue
        if i > last and _FOOTER.search(keys[i]):
            return
        yield rows[i].source.line, texts[i]


def _across_cells(row: GridRow, start: int, end: int) -> bool:
    """Whether text from ``start`` to ``end`` of a row's text spans two of its cells (prose
    in a table finder's cells: 被提起行政诉讼2 | 件。7, a figure 27 a narrow cell broke)."""
    at = 0
    for cell in row.cells[:-1]:
        at += len(cell.text)
        if start < at < end:
            return True
    return False


def _state_review(meta: dict, word: str, value: int, line: int | None, text: str) -> None:
    """What the prose says of the reviews (行政复议) or the lawsuits (行政诉讼, 诉讼): its
    first statement of each stands."""
    kind = "review" if word == "行政复议" else "litigation"
    found = meta.setdefault("review_litigation_stated", [])
    if not any(x["kind"] == kind for x in found):
        found.append({"kind": kind, "value": value, "line": line, "text": text})


def _metadata(rows: tuple[GridRow, ...], keys: list[str], heads: dict[int, int],
              regions: dict[str, tuple[int, int] | None], wide: dict[int, str]) -> dict:
    """Figures and facts stated in the prose; ``wide`` holds the half-width text of long lines
    (from _line_keys)."""
    meta: dict = {}
    table_rows = set()
    for rg in regions.values():
        if rg:
            table_rows.update(range(rg[0], rg[1]))
    prose = [i for i in range(len(rows)) if i not in table_rows and keys[i]]
    first_prose_end = heads.get(2, len(rows))
    for i in prose:
        key = keys[i]
        # every pattern needs some words in the line, and a word in its half-width text is in
        # its key too (the key only has white space and the Markdown at its ends taken out):
        # lines without any are skipped without being converted again
        if "电话" not in key and (i >= first_prose_end or (
                "申请" not in key and "行政" not in key and ("公开" not in key or "条" not in key))):
            continue
        k = wide.get(i)
        if k is None:
            k = halfwidth(rows[i].text)
        line = rows[i].source.line
        # each pattern is searched only in lines holding the words it needs (Python's re
        # tries every position of a prose line otherwise)
        if "phone" not in meta and "电话" in k and (m := _PHONE.search(k)):
            meta["phone"] = {"value": m.group(1).strip(), "line": line}
        if i < first_prose_end:
            if "proactive_items" not in meta and "公开" in k and "条" in k \
                    and (m := _PROACTIVE_ITEMS.search(k)):
                meta["proactive_items"] = {"value": int(m.group(1)), "line": line,
                                           "text": m.group(0)}
            if "applications_stated" not in meta and "申请" in k:
                # the applications received this year: not those carried over from the last
                # (收到上年结转申请2件，本年新收申请5件), all of them (not 网上申请3件), and
                # applications for disclosure (not 行政复议申请1件)
                if m := next((m for m in _APPS_COUNT.finditer(k)
                              if not _OTHER_APPLICATIONS.search(m.group(0))
                              and not _across_cells(rows[i], m.start(1), m.end())), None):
                    meta["applications_stated"] = {"value": int(m.group(1)), "line": line,
                                                   "text": m.group(0)}
                elif m := next((m for m in _APPS_NONE.finditer(k)
                                if "申请" in m.group(0) and _says_none(m, m.group(1))
                                and not _REVIEW_AFTER.match(k, m.end())), None):
                    meta["applications_stated"] = {"value": 0, "line": line, "text": m.group(0)}
            for m in (_REVIEW_NONE.finditer(k) if "行政" in k else ()):
                if not _says_none(m, None) or _REVIEW_NONE_GAP.search(k, m.start(), m.start(1)):
                    continue
                for word in sorted({g for g in m.groups() if g}):
                    _state_review(meta, word, 0, line, m.group(0))
            for m in (_REVIEW_COUNT.finditer(k) if "行政" in k else ()):
                gap, figure = (2, 3) if m.group(3) is not None else (4, 5)
                if _REVIEW_PART.search(m.group(gap)) or _REVIEW_BEFORE.search(k, 0, m.start()) \
                        or _NONE_AFTER_WORDS.match(k, m.end()) or (
                            m.group(1) == "诉讼" and m.start() and k[m.start() - 1] not in "，,、；;和及与") \
                        or _across_cells(rows[i], m.start(figure), m.end()):
                    continue
                _state_review(meta, m.group(1), int(m.group(figure)), line, m.group(0))
    # publication date: the date under the signature (the body's name) in the closing lines,
    # else the last date there. A saved page goes on after the report (主办：××镇人民政府 and
    # a date in its footer): a line with a label is no signature.
    closing = prose[-14:]
    dated = [(n, i, d) for n, i in enumerate(closing)
             if len(keys[i]) <= 16 and (d := _date_in(keys[i]) or _date_apart(
                 keys[i], rows, closing[n + 1] if n + 1 < len(closing) else None)) is not None]
    signed = [(i, d, keys[closing[m]]) for n, i, d in dated for m in range(max(0, n - 2), n)
              if _SIGNER.search(keys[closing[m]]) and len(keys[closing[m]]) <= 30
              and not _LABELLED.search(keys[closing[m]])]
    # the signature and its date on one line (both set right: 苏州市…人民政府 2021年3月19日)
    signed = sorted(signed + [
        (i, d, m["signer"]) for i in closing if (m := _SIGNED_DATE.fullmatch(keys[i]))
        and _SIGNER.search(m["signer"]) and not _LABELLED.search(m["signer"])
        and (d := _date_in(m["date"])) is not None], key=lambda signature: signature[0])
    # a date without a signature: not one among the page's footer lines (网站标识码, ICP备 …)
    alone = [(i, d) for n, i, d in dated
             if not any(_FOOTER.search(keys[closing[m]]) for m in range(max(0, n - 3), n))]
    if signed:
        i, date, signer = signed[-1]
    elif alone:
        i, date = alone[-1]
        signer = None
    elif header := next(((i, (int(m.group(1)), int(m.group(2)), int(m.group(3))))
                         for i in prose[:12] if i < heads.get(1, len(rows))
                         and "发" in keys[i] and (m := _PUBLISHED_LABEL.search(keys[i]))),
                        None):
        # no date in the closing lines: the page's own "发布日期：2020-01-31" above the text
        (i, date), signer = header, None
    else:
        return meta
    if _real_date(*date):
        y, mo, d = date
        meta["published"] = {"value": f"{y:04d}-{mo:02d}-{d:02d}", "line": rows[i].source.line}
        if signer:
            meta["signed_by"] = signer
    return meta
