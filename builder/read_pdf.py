"""A PDF with a text layer -> Document, using pdfplumber's table finder: table rows keep their
cells (merged cells appear once), text outside tables becomes one-cell rows in reading order.
Each cell's source is page/table/row/column."""

from __future__ import annotations

import logging
import re
from pathlib import Path
from typing import NamedTuple

from . import codes
from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .normalize import SCRIPTS, norm, unify_radicals
from .read import PAGE_MARK, covers_page

MAX_PAGES = 200
LINE_TOLERANCE = 5  # points between the tops of characters of one line (lines are 14+ apart)
# points a column's edge may stand apart on two pages (a merged cell's edge is placed anew on
# each: 226.0 and 228.4); less than half a character of 9 pt, columns being one or more
COLUMN_SLACK = 4
MARGIN = 0.1  # page numbers and running footers sit in the top or bottom tenth of a page
# points the table finder may put a table's edge from a rule added there: it snaps rules
# within 3 points of one another to one (a merged cell's own border closed 1.5 points above
# the rule added at the foot: Chromium closes a group's cell where a page breaks its rows)
SNAP = 3


def _furniture(text: str, top: float, bottom: float, height: float) -> bool:
    """A page number or page mark in the page's top or bottom margin, outside any table."""
    if top > height * MARGIN and bottom < height * (1 - MARGIN):
        return False
    s = text.replace(" ", "")
    # a page number has at most three digits (MAX_PAGES); 2023 beside a title is its year
    return s.isdigit() and len(s) <= 3 or bool(PAGE_MARK.match(text))


# a digit printed smaller than the digit before it and raised above (lowered below) its line, a
# footnote mark after a figure (347 and a raised 1: Chromium's <sup>, Word's 上标), is given as
# it shows (normalize.SCRIPTS: 347¹, no number), not as a digit of the figure (3471)
_SMALLER = 0.9  # of the size of the digit before it
_SHIFTED = 0.2  # of that size, between the two characters' bottoms (raised) or tops (lowered)
_ADJACENT = 0.5  # of that size, at most between the two characters


def _mark_raised(chars: list[dict]) -> None:
    """Give the digits (and brackets) raised or lowered after a digit of a figure, in the
    page's characters as pdfplumber made them, the characters that show them so."""
    base = None  # the last character of the figure's own line, size and height
    for ch in chars:
        text = ch.get("text", "")
        if len(text) != 1 or not (text.isdigit() and text.isascii() or text in "()"):
            base = None
            continue
        if base is not None and base["size"] > 0:
            size = float(base["size"])
            if (float(ch["size"]) <= _SMALLER * size
                    and abs(float(ch["x0"]) - float(base["x1"])) <= _ADJACENT * size
                    and abs(float(ch["top"]) - float(base["top"])) < size):
                if float(ch["bottom"]) <= float(base["bottom"]) - _SHIFTED * size:
                    ch["text"] = text.translate(SCRIPTS["sup"])
                    continue
                if float(ch["top"]) >= float(base["top"]) + _SHIFTED * size:
                    ch["text"] = text.translate(SCRIPTS["sub"])
                    continue
        base = ch if text.isdigit() else None


def read_pdf(path: Path, name: str) -> Document:
    # pdfminer logs a warning for every glyph of a font it cannot measure (Chrome's PDFs:
    # hundreds of "Could not get FontBBox" lines); what it could not read shows in the result
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    try:
        import pdfplumber
    except ImportError:  # pragma: no cover - a dependency
        raise ReportError(name, "需要 pdfplumber 才能读取 PDF / pdfplumber is not installed") from None
    rows: list[GridRow] = []
    ocr: list[tuple[Source, str]] = []
    doubtful: list[tuple[Source, str]] = []
    chars = unmapped = 0
    table_no = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReportError(name, f"PDF 页数过多 / too many pages: expected at most "
                                        f"{MAX_PAGES}, found {len(pdf.pages)}")
            found = []
            for pno, page in enumerate(pdf.pages, 1):
                chars += len(page.chars)
                _mark_raised(page.chars)  # before the tables and lines are made of them
                if page.chars and _scanned(page):
                    ocr.append((Source(page=pno), ""))
                unmapped += sum(1 for ch in page.chars if ch["text"].startswith("(cid:"))
                found.append(_Tables(page, _closing_lines(page)))
            joined, doubt = _page_breaks(found)
            cut_row = None  # where the row a page break cut stands in rows
            for pno, (page, tables) in enumerate(zip(pdf.pages, found, strict=True), 1):
                blocks: list[tuple[float, list[GridRow]]] = []
                boxes = [bbox for bbox, _ in tables.tables]
                last = None
                for n, (bbox, raw) in enumerate(tables.tables):
                    table_no += 1
                    rest = joined.get(pno - 1)
                    if n == 0 and rest is not None and cut_row is not None and \
                            _fits(rest, raw, len(cut_row[1])):
                        # the rest of a row a page break cut: each cell's text goes on in its
                        # cell on the page before (8. 属 / 于 ⾏ … 178 / 9 above, 政 查 / 询 事
                        # / 项 below: 8.属于行政查询事项, 1789)
                        at, columns = rest
                        index, cells = cut_row
                        whole = _joined(cells, _in_columns(raw[at], columns, len(cells)))
                        rows[index] = _grid_row(whole, rows[index].cells[0].source)
                        raw = [*raw[:at], [None] * len(raw[at]), *raw[at + 1:]]
                    elif n == 0 and rest is not None and cut_row is not None and \
                            rest[0] < len(raw) and any(_DIGIT.search(c or "") for c in raw[rest[0]]):
                        # pieces of the row's figures at the page's head that the tables, found
                        # again, no longer place under it: none of its figures is vouched for
                        index = cut_row[0]
                        pieces = " ".join(c.strip() for c in raw[rest[0]] if c and c.strip())
                        doubtful += [(cell.source, _unjoined(pno - 1, pieces))
                                     for cell in rows[index].cells if _DIGIT.search(cell.text)]
                    if n == 0 and (d := doubt.get(pno - 1)) is not None:
                        doubtful += [(Source(page=pno, table=table_no, row=d.at + 1, col=c + 1),
                                      _broken_figure(pno - 1, d, d.columns[c]))
                                     for c in d.rest_columns]
                    if n == len(tables.tables) - 1 and (d := doubt.get(pno)) is not None:
                        doubtful += [(Source(page=pno, table=table_no, row=len(raw), col=c + 1),
                                      _broken_figure(pno, d, c)) for c in d.cut_columns]
                    grid = [row for r, cells in enumerate(raw, 1)
                            if (row := _grid_row(cells, Source(page=pno, table=table_no, row=r)))
                            .cells]
                    blocks.append((bbox[1], grid))
                    if n == len(tables.tables) - 1 and pno in joined and grid:
                        last = (grid[-1], raw[-1])
                for line in tables.lines:  # (found once, with the page's tables)
                    x0, top, x1, bottom = line["x0"], line["top"], line["x1"], line["bottom"]
                    mid_y, mid_x = (top + bottom) / 2, (x0 + x1) / 2
                    if any(b[0] - 1 <= mid_x <= b[2] + 1 and b[1] - 1 <= mid_y <= b[3] + 1
                           for b in boxes):
                        continue
                    text = unify_radicals(line["text"].strip())
                    if text and _furniture(text, top, bottom, page.height):
                        continue
                    if text:
                        blocks.append((top, [GridRow((GridCell(text, Source(page=pno)),))]))
                blocks.sort(key=lambda b: b[0])
                for _, grid in blocks:
                    rows.extend(grid)
                cut_row = (next(i for i in range(len(rows) - 1, -1, -1) if rows[i] is last[0]),
                           last[1]) if last is not None else None
    except ReportError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on broken files
        raise ReportError(name, "PDF 无法读取 / cannot read PDF: expected a PDF document, found "
                                f"a damaged one ({type(exc).__name__}: {exc})") from None
    if chars == 0:
        raise ReportError(name, Problem(
            "PDF 没有文字层（扫描件）/ scanned PDF: expected a text layer, found only images; "
            "find the HTML or Word version of the report, or type the tables in"))
    if unmapped > chars // 2:
        # fonts embedded without a map from their glyphs to characters: the text is glyph
        # numbers, (cid:1234), of which no word can be read
        raise ReportError(name, Problem(
            f"PDF 字体没有文字映射 / the PDF's fonts do not map their glyphs to characters: "
            f"expected text, found {unmapped} of {chars} characters as glyph numbers "
            "(cid:…); find the HTML or Word version of the report, or type the tables in"))
    return Document(path=name, rows=tuple(rows), layout="pdf", encoding="utf-8", ocr=tuple(ocr),
                    doubtful=tuple(doubtful))


def _grid_row(cells: list[str | None], where: Source) -> GridRow:
    """A table row's cells (None: a cell merged into the one before; radicals unified as
    _Tables found them), each its text without its line breaks, its source the page, table,
    row and column."""
    return GridRow(tuple(GridCell((text or "").replace("\n", "").strip(),
                                  Source(page=where.page, table=where.table, row=where.row, col=c))
                         for c, text in enumerate(cells, 1) if text is not None), aligned=True)


# a row label's numbering: 4. 1、 （五） 三、 (a row of its own begins with it), and a label so
# begun (4. 保: not a figure, 454.61)
_NUMBERED = re.compile(r"\s*(?:\d+\s*[.．、]|[（(]\s*[一二三四五六七八九十]+\s*[)）]|"
                       r"[一二三四五六七八九十]+\s*、)")
_NUMBERED_LABEL = re.compile(_NUMBERED.pattern + r"\s*[\u4e00-\u9fff]")
_HAN = re.compile(r"[\u4e00-\u9fff]")
_DIGIT = re.compile(r"\d")


_Row = tuple[list[str | None], list[float | None]]  # a table row's cells and where each begins


def _row_of_its_own(row: _Row, before: _Row) -> bool:
    """The first row at a page's head is a row of its own: where the row before has its
    label (its last cell of words, beside its figures), this row has a label that begins with
    its numbering (1.本机关不掌握…, under 8.属于行政查询事项; a group's label to its left,
    （四）无法提供, or the rest of one, 理结果, may stand in a cell the break cut); or the row
    before is empty (the break fell before any of its words). The tables on the two pages may
    have their columns apart differently (a cell merged on one page): cells are matched by
    where they begin."""
    if _empty(before[0]):
        return any(c and c.strip() for c in row[0])
    label = next((i for i in range(len(before[0]) - 1, -1, -1)
                  if _HAN.search(before[0][i] or "")), None)
    x = before[1][label] if label is not None else None
    if x is None:
        return False
    return any(at is not None and abs(at - x) <= COLUMN_SLACK and
               bool(_NUMBERED_LABEL.match(text or "")) for text, at in zip(*row, strict=True))


def _same_columns(row: _Row, before: _Row) -> bool:
    """The two rows' cells stand in the same columns: as many, each that both have beginning
    where the other's does (a cell merged with the one before on one page, a group's label
    the rows share, stands on the other as a cell of its own, empty)."""
    return len(row[1]) == len(before[1]) and all(
        a is None or b is None or abs(a - b) <= COLUMN_SLACK
        for a, b in zip(row[1], before[1], strict=True))


def _empty(cells: list[str | None]) -> bool:
    return not any(c and c.strip() for c in cells)


def _is_figure(text: str) -> bool:
    """A cell's text, its line breaks and spaces left out, that is a whole number as printed."""
    return text.isascii() and text.isdigit()


def _joined(cells: list[str | None], rest: list[str | None]) -> list[str | None]:
    """A row's cells with the rest of each from the next page's head (None: merged in both)."""
    return [None if a is None and b is None else (a or "") + (b or "")
            for a, b in zip(cells, rest, strict=True)]


def _whole_row(cells: list[str | None]) -> bool:
    """The first row at a page's head is whole by its own arithmetic: its words are labels
    that begin with their numbering, beside seven figures the last of which is the sum of the
    six before it (a row of the applications table, R3: （七）总计 under 3.其他, its label
    in a wider cell than the row's before it). The rest of a row a break cut has no such
    label, nor seven figures that add up: its pieces (0 of 410) stand beside blanks."""
    texts = [t for c in cells if c and (t := c.replace("\n", "").strip())]
    figures = [int(t) for t in texts if _is_figure(t)]
    words = [t for t in texts if not _is_figure(t)]
    return len(figures) == 7 and sum(figures[:6]) == figures[6] and bool(words) and \
        all(_NUMBERED_LABEL.match(w) for w in words)


def _labelled(page: _Tables) -> bool:
    """Every row of the page's first table that holds a figure holds words too: the table
    the rule added at its head makes has its label column (a layout engine that draws no
    rule left of some labels leaves them outside the table found, the row's figures alone:
    such a table is not taken)."""
    return all(any(_HAN.search(c or "") for c in row)
               for row in page.tables[0][1] if any(_DIGIT.search(c or "") for c in row))


def _whole_at_head(rest: _Row, page: _Tables) -> bool:
    """The first row at the page's head is a row of its own by its sum, in a table that has
    its labels."""
    return _whole_row(rest[0]) and _labelled(page)


def _pieces_complete(cut: list[str | None], rest: list[str | None]) -> bool:
    """The first row at a page's head holds no word, only figures, each under a figure of the
    row the page before ends with, which does not add up alone but does with them (the rest
    of its figures broken over the break: 17 / 36 above, 9 below, of 17369)."""
    if any(c and c.strip() and not _is_figure(c.strip()) for c in rest):
        return False
    if any(b and b.strip() and not (a and a.strip()) for a, b in zip(cut, rest, strict=True)):
        return False
    return not _whole_row(cut) and _whole_row(_joined(cut, rest))


def _rest_of_a_row(cells: list[str | None]) -> bool:
    """The cells at the head of a page that go on with a row the page before began: words of
    its label only — no figure (a row of its own on the new page carries its figures: a break
    between two rows closes neither with a rule either), nor a label that begins with its
    numbering (4. 保护第三方合法权益)."""
    texts = [c.strip() for c in cells if c and c.strip()]
    return bool(texts) and not any(ch.isdigit() for t in texts for ch in t) and \
        not _NUMBERED.match(texts[0])


class _Tables:
    """A page's tables found with the rules _closing_lines adds (``top``, ``foot``: the rule
    added at the table's top or foot, if any, else None), each its box and its rows' cells."""

    def __init__(self, page, closing: dict[str, dict | None]) -> None:  # noqa: ANN001
        self.page = page
        self.closing = closing
        self.tables: list[tuple[tuple[float, ...], list[list[str | None]]]] = []
        self.starts: list[list[list[float | None]]] = []
        self.columns: list[list[float | None]] = []
        # digits in a Latin font stand a few points lower than the Chinese characters of
        # their line (Chrome's PDFs: 69.7 against 73.6 for an 18 pt title): pdfplumber's 3 pt
        # would make them a line of their own
        self.lines = page.extract_text_lines(keep_blank_chars=False, y_tolerance=LINE_TOLERANCE)
        self.find()

    def find(self) -> None:
        lines = [line for line in self.closing.values() if line is not None]
        found = [t for t in self.page.find_tables(
            {"explicit_horizontal_lines": lines} if lines else None) if t.rows]
        found.sort(key=lambda t: t.bbox[1])
        # (a Chinese font's radicals for characters: ⼀ for 一, as the rows are read)
        self.tables = [(t.bbox, [[c if c is None else unify_radicals(c) for c in row]
                                 for row in t.extract()]) for t in found]
        # where the cells of each table's rows begin
        self.starts = [[[c[0] if c else None for c in row.cells] for row in t.rows]
                       for t in found]
        # where each column of each table begins (the first of its rows to begin a cell in it)
        self.columns = [[next((r[j] for r in starts if r[j] is not None), None)
                         for j in range(len(starts[0]))] for starts in self.starts]

    def cut(self, end: str) -> _Row | None:
        """The row a page break cut at the page's foot (the last row of its last table,
        closed by the rule added there) or at its top (the first row of its first)."""
        line = self.closing.get(end)
        if line is None or not self.tables:
            return None
        n = -1 if end == "foot" else 0
        bbox, raw = self.tables[n]
        if abs((bbox[3] if end == "foot" else bbox[1]) - line["top"]) > SNAP:
            return None
        return raw[n], self.starts[n][n]

    def at_edge(self, end: str) -> bool:
        """Where no rule was added: whether the page's last table reaches its foot (no text
        below it but the page's number), or its first table its top."""
        if self.closing.get(end) is not None or not self.tables:
            return False
        bbox = self.tables[-1 if end == "foot" else 0][0]
        return all(_furniture(line["text"].strip(), line["top"], line["bottom"], self.page.height)
                   for line in self.lines
                   if (line["top"] >= bbox[3] - 1 if end == "foot" else line["bottom"] <= bbox[1] + 1))

    def without(self, end: str) -> None:
        """The tables found again without the rule added at ``end``."""
        if self.closing.get(end) is not None:
            self.closing = {**self.closing, end: None}
            self.find()


def _page_breaks(pages: list[_Tables]) -> tuple[dict[int, tuple[int, list[int | None]]],
                                                dict[int, _Doubt]]:
    """The pages (numbered from 1) whose last table row goes on in the next page's first, with
    the index of that row in the next page's first table (after the heading rows a word
    processor repeats) and the column of the row before each of its columns stands in; and
    the pages whose last row and the next page's first were kept apart though both have
    figures in the same columns (_Doubt).

    Where a table runs over a page break with no rule drawn at it, the rules _closing_lines
    added stand in pairs — the page's foot and the next page's top — when the next page's
    first row is the rest of the row (words of its label only, nothing, or pieces of its
    figures that make it add up: joined) or a row of its own (its label's numbering where the
    row before has its label, or whole by its own sum: _whole_row); the rule added at the
    top alone stands before a row whole by its sum. Where it cannot be told
    (figures at the next page's head beside words without a numbering: the rest of a figure
    broken over the break, 19 / 25 of 1925, or an unnumbered row of its own), and where a
    rule stands alone, the tables are found without it, as before: what the table finder
    leaves out is read as text, whose figures broken over lines are refused.

    Where the rules are drawn at the break (Word and WPS print a row they let break over a
    page so: closed at the foot, opened again at the head), both halves are rows of the
    table: _rest_drawn tells whether the second goes on with the first."""
    joined: dict[int, tuple[int, list[int | None]]] = {}
    doubt: dict[int, _Doubt] = {}
    keep_top = [False] * len(pages)
    keep_foot = [False] * len(pages)
    drawn = []
    for p in range(len(pages) - 1):
        cut, rest = pages[p].cut("foot"), pages[p + 1].cut("top")
        if cut is None or rest is None:
            if pages[p + 1].closing["top"] is None:
                # rules drawn at the next page's head (its table's first row, or heading rows
                # a word processor repeats); at this page's foot too, or one added
                drawn.append(p)
                keep_foot[p] = cut is not None
            elif rest is not None and _whole_at_head(rest, pages[p + 1]):
                # the rule added at the head alone (a rule drawn at this page's foot closed
                # its last row: a browser draws none at the next page's head)
                keep_top[p + 1] = True
            continue
        if _same_columns(rest, cut) and (_rest_of_a_row(rest[0]) or
                                         _empty(rest[0]) or
                                         _pieces_complete(cut[0], rest[0])):
            # the rest of the row: words of its label, nothing (a browser breaks a row below
            # its text, the rest of its cells' padding at the next page's head), or pieces of
            # its figures that make it add up
            joined[p + 1] = (0, list(range(len(rest[0]))))
        elif not (_row_of_its_own(rest, cut) or _whole_at_head(rest, pages[p + 1])):
            continue
        keep_foot[p] = keep_top[p + 1] = True
    for p, tables in enumerate(pages):
        if not keep_top[p]:
            tables.without("top")
        if not keep_foot[p]:
            tables.without("foot")
    # from the last page back: a page's tables are found again (a rule it had added at its
    # foot dropped) before they are read as the next page's
    for p in reversed(drawn):
        columns = None
        if (keep_foot[p] or pages[p].at_edge("foot")) and pages[p + 1].at_edge("top"):
            columns = _columns_of(pages[p + 1].columns[0], pages[p].columns[-1])
        if columns is None:
            if keep_foot[p]:  # the rule added alone: read as before, without it
                pages[p].without("foot")
            continue
        table, starts = pages[p].tables[-1][1], pages[p].starts[-1]
        before = (table[-1], starts[-1])
        width = len(before[0])
        heads = {_row_key(row) for row in table[:_HEAD_ROWS]}
        rows = pages[p + 1].tables[0][1]
        at = 0  # the heading rows repeated at the page's head are passed over
        while (cells := _in_columns(rows[at], columns, width)) is not None and \
                at < min(_HEAD_ROWS, len(rows) - 1) and \
                (_row_key(rows[at]) in heads or _heading(cells, before[0])):
            at += 1
        if cells is None:
            if keep_foot[p]:
                pages[p].without("foot")
            continue
        row = (cells, _in_columns(pages[p + 1].starts[0][at], columns, width))
        verdict = _rest_drawn(row, before)
        if verdict is None and keep_foot[p]:
            pages[p].without("foot")  # the rule added alone: read as before, without it
        elif verdict is True:
            joined[p + 1] = (at, columns)
        elif verdict:
            # the columns of each row where both have figures (the next page's, this page's)
            doubt[p + 1] = _Doubt(at, columns, [columns.index(c) for c in verdict], verdict,
                                  before[0], cells)
    return joined, doubt


_HEAD_ROWS = 4  # a table's heading rows at most (the applications table's: 3)


class _Doubt(NamedTuple):
    """Two rows at a ruled page break, one figure cut or two rows' figures: not told."""

    at: int  # the index of the row at the next page's head in its table
    columns: list[int | None]  # the column of the table before each of its columns stands in
    rest_columns: list[int]  # its columns where both rows have figures
    cut_columns: list[int]  # the same, the columns of the row at this page's foot
    cut: list[str | None]  # the row at this page's foot
    rest: list[str | None]  # the row at the next page's head, in this page's columns


def _columns_of(columns: list[float | None],
                before: list[float | None]) -> list[int | None] | None:
    """For each column of a table, the column of the table before (on the page before) that
    begins where it does, None where none does (a page's table may split its columns
    otherwise than the page before's: a column no row on a page begins a cell in is no column
    of it there); None if the first begins where none does, or they stand in another order."""
    out: list[int | None] = []
    last = -1
    for x in columns:
        j = next((j for j, b in enumerate(before) if x is not None and b is not None
                  and abs(x - b) <= COLUMN_SLACK), None)
        if j is not None:
            if j <= last:
                return None
            last = j
        out.append(j)
    return out if out and out[0] is not None else None


def _fits(rest: tuple[int, list[int | None]], raw: list[list[str | None]], width: int) -> bool:
    """Whether the rest of a row, found at a page's head, still stands in the columns it was
    found in (the tables are found again where a rule added at a break is dropped): as many,
    and where they are the same columns as the row before's, as many as that row has."""
    at, columns = rest
    return len(columns) == len(raw[at]) and \
        max((j for j in columns if j is not None), default=-1) < width and (
            columns != list(range(len(columns))) or len(columns) == width) and \
        _in_columns(raw[at], columns, width) is not None


def _in_columns(cells: list, columns: list[int | None], width: int) -> list | None:
    """A row's cells (or where they begin) placed in the columns of the table before (None in
    a column it has not: a merged cell's); None if a cell that begins in a column the table
    before has not holds text."""
    out: list = [None] * width
    for value, j in zip(cells, columns, strict=True):
        if j is not None:
            out[j] = value
        elif isinstance(value, str) and value.strip():
            return None
    return out


def _heading(cells: list[str | None], before: list[str | None]) -> bool:
    """A table's heading row (a word processor repeats them at each page's head): where the
    row before has figures, no digit and words (自然人 over 1 …) — 暂无 and such are a blank
    cell's, not a heading's."""
    texts = [(c or "").strip() for c in _flat(cells)]
    under = [_covering(texts, c) for c, above in enumerate(_flat(before))
             if above and _FIGURE_PART.fullmatch(above.strip())]
    return not any(ch.isdigit() for text in under for ch in text) and any(
        len(_HAN.findall(text)) >= 2 and text not in _BLANK_WORDS for text in under)


_BLANK_WORDS = frozenset({"暂无", "没有", "不适用"})
_FIGURE_PART = re.compile(r"[\d.,\-]*\d[\d.,\-]*")


def _row_key(cells: list[str | None]) -> str:
    return re.sub(r"\s+", "", "".join(c or "" for c in cells))


def _unnumbered(text: str) -> str:
    key = norm(text)
    m = _NUMBERED.match(key)
    return key[m.end():] if m else key


# the template's row and group labels without their numbering (属于国家秘密, 总计, 规章)
_LABELS = frozenset(_unnumbered(label) for template in codes.TEMPLATES
                    for table in ("proactive", "applications")
                    for r in codes.rows(template, table) for label in (r.label, r.group) if label)


def _begins_a_label(text: str) -> bool:
    """Whether words begin a label of the template (are one, or the first words of one)."""
    key = _unnumbered(text)
    return bool(key) and any(label.startswith(key) or key.startswith(label) for label in _LABELS)


def _flat(cells: list[str | None]) -> list[str | None]:
    """A row's cells without the line breaks inside them (None: merged into the one before)."""
    return [c if c is None else c.replace("\n", "") for c in cells]


def _covering(cells: list[str | None], column: int) -> str:
    """The text of the cell that covers ``column`` (a merged cell stands at its first)."""
    while column > 0 and cells[column] is None:
        column -= 1
    return (cells[column] or "").strip()


def _rest_drawn(row: _Row, before: _Row) -> bool | list[int] | None:
    """Whether the first row at a page's head goes on with the row at the foot of the page
    before, where rules are drawn at the break (both closed as rows): True when it does; an
    empty list if it is a row of its own; where it cannot be told, the columns where both
    rows hold figures (a figure a break cut, 26 / 2 of 262, or the figures of two rows), or
    None if there are none.

    A row of its own: a cell of it begins with a numbering (1.本机关…, （四）…), or its label
    (its cell where the row before has its label, the last cell of words before the figures)
    is a whole label of the template under a whole label (行政强制 under 行政处罚). It goes
    on with the row before where its label is empty (every row of the template has one) or
    words that begin no label of the template under a label cut short (关政府信息 under
    1.本机关不掌握相, ）总计 under （七), and its figures stand under figures or empty cells
    (a heading, 结果维持 above the review table's figures, is no row a figure goes on).
    Figures alone go on with figures alone (the review table's one row), or with a row that
    has nothing in their columns (the label and other figures of a row the break parted from
    these). Anything
    else — the first words of a label (规范性文件 under 行政: a row of its own, or the rest of
    行政规范性文件?), words under a whole label (合计 under 3.其他) — cannot be told."""
    cells, before_cells = _flat(row[0]), _flat(before[0])
    texts = [(c or "").strip() for c in cells]
    if not any(texts):
        return True
    # (a digit among words under a figure, 总计2 in a heading cell a rule did not close, may
    # be the rest of the figure too)
    both = [c for c, t in enumerate(texts) if any(ch.isdigit() for ch in t)
            and _FIGURE_PART.fullmatch(_covering(before_cells, c))]
    label = next((c for c in range(len(before_cells) - 1, -1, -1)
                  if _HAN.search(before_cells[c] or "")), None)
    if label is None:
        # figures alone: the review table's one row (figures alone go on with it), or the
        # figures of a row whose label (and other figures) the break put on the next page —
        # that row goes on with them where it has no figure in their columns, nor words
        if not any(_HAN.search(t) for t in texts):
            return True
        return (both or None) if both or any(_HAN.search(t) and _covering(before_cells, c)
                                             for c, t in enumerate(texts)) else True
    if any(_NUMBERED_LABEL.match(t) for c, t in enumerate(texts) if t and c <= label):
        return []
    head = _covering(before_cells, label)  # the label above
    whole = _unnumbered(head) in _LABELS
    for c, t in enumerate(texts):
        if _FIGURE_PART.fullmatch(t):
            if (above := _covering(before_cells, c)) and not _FIGURE_PART.fullmatch(above):
                return both or None
        elif t and c > label:
            return both or None
    mine = _covering(cells, label)  # this row's cell that covers the label's column
    if not mine:
        return True
    alone = _unnumbered(mine) in _LABELS
    if whole and alone:
        return []
    if not _unnumbered(head) or not alone and _unnumbered(head + mine) in _LABELS:
        return True  # 总计 under （七）, ）总计 under （七: a numbering is no row
    if whole or _begins_a_label(mine):
        return both or None
    return True


def _broken_figure(page: int, doubt: _Doubt, column: int) -> str:
    """Why a figure at a page's foot, or at the next page's head, is not read."""
    a, b = (_covering(_flat(cells), column) for cells in (doubt.cut, doubt.rest))
    whole = a + "".join(ch for ch in b if ch.isdigit())  # 19 and 总计2 (a heading's cell): 192
    return (f"第{page}页末与第{page + 1}页首的表格行在同一栏都有数字（“{a}”与“{b}”）：可能是一个数字被"
            f"分页拆开（{whole}），也可能是两行各自的数字，无法确定，未读取 / a figure at the foot of "
            f"page {page} and one in the same column at the head of page {page + 1} ('{a}', "
            f"'{b}'): one figure a page break cut ({whole}) or two rows' own — cannot be told, "
            "not read")


def _unjoined(page: int, pieces: str) -> str:
    """Why the figures of a row at a page's foot whose rest could not be joined are not read."""
    return (f"第{page}页末的表格行在第{page + 1}页首还有数字（{pieces}），无法接回原行，未读取 / the "
            f"row at the foot of page {page} goes on at the head of page {page + 1} with figures "
            f"({pieces}) that could not be joined to it: not read")


def _closing_lines(page) -> dict[str, dict | None]:  # noqa: ANN001
    """Rules that close a table a page break cut: a row that goes on over the page's foot has
    its cells' side rules but no rule below (nor the rest of it, on the next page, a rule
    above), and the table finder, finding no cell, left its text out of the table. Where two
    or more side rules end together at the lowest (or highest) point any does, with no rule
    across them there, a rule across them: the rules added at the top and at the foot (None
    where a rule stands, or no side rules end together)."""
    edges = page.edges
    sides = [e for e in edges if e["orientation"] == "v" and e["height"] >= 3]
    lines: dict[str, dict | None] = {"top": None, "foot": None}
    if len(sides) < 2:
        return lines
    across = [e for e in edges if e["orientation"] == "h"]
    for end, side, y in (("top", "top", min(e["top"] for e in sides)),
                         ("foot", "bottom", max(e["bottom"] for e in sides))):
        there = [e for e in sides if abs(e[side] - y) <= 1]
        x0, x1 = min(e["x0"] for e in there), max(e["x1"] for e in there)
        if len(there) < 2 or any(abs(e["top"] - y) <= 1 and e["x0"] <= x0 + 1
                                 and e["x1"] >= x1 - 1 for e in across):
            continue
        lines[end] = {"object_type": "line", "x0": x0, "x1": x1, "top": y, "bottom": y,
                      "width": x1 - x0, "height": 0.0, "doctop": page.initial_doctop + y,
                      "page_number": page.page_number, "pts": [(x0, y), (x1, y)]}
    return lines


def _scanned(page) -> bool:  # noqa: ANN001 - a pdfplumber page
    return covers_page([(float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"]))
                        for im in page.images], (0.0, 0.0, float(page.width), float(page.height)))
