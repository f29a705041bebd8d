"""A saved report page (HTML) -> Document: <table> rows keep their cells (rowspan/colspan cells
appear once, where they start); paragraphs and headings become one-cell rows. Each cell's
source is its line in the HTML file plus table/row/column (column counted after spans)."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .normalize import BREAK, join_breaks
from .read import decode

_BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "section", "article", "br",
          "tr", "td", "th", "table", "title", "header", "footer", "center", "blockquote", "pre",
          "dd", "dt"}
_SKIP = {"script", "style", "noscript", "template", "head"}
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)


def _cell_text(parts: list[str]) -> str:
    return re.sub(r"[ \t\r\n\u3000\xa0]+", " ", join_breaks("".join(parts))).strip()


class _Grid(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.rows: list[GridRow] = []
        self.text: list[str] = []
        self.text_line: int | None = None
        self.skip = 0
        self.tables: list[dict] = []  # stack of open tables
        self.table_count = 0
        self.images_in_body = 0
        self.in_title = False
        self.layout_depth = 0  # open tables used for page layout (they hold other tables)

    # paragraphs outside tables -------------------------------------------------------------
    def flush_text(self) -> None:
        text = re.sub(r"[ \t\r\n\u3000\xa0]+", " ", "".join(self.text)).strip()
        if text and self.text_line is not None:
            self.rows.append(GridRow((GridCell(text, Source(line=self.text_line)),)))
        self.text = []
        self.text_line = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        a = dict(attrs)
        if tag == "img" and not self.tables:
            self.images_in_body += 1
        if tag == "table":
            if self.tables:
                # a table inside a table: the outer ones lay out the page; their cells are
                # paragraphs, and only tables without tables inside are read as tables
                self._to_layout()
            self.flush_text()
            self.table_count += 1
            self.tables.append({"index": self.table_count, "rows": [], "row": None,
                                "cell": None, "spans": {}, "r": -1})
            return
        if self.tables:
            t = self.tables[-1]
            if tag == "tr":
                self._close_cell(t)
                self._close_row(t)
                t["r"] += 1
                t["row"] = []
                t["col"] = 0
            elif tag in ("td", "th"):
                self._close_cell(t)
                if t["row"] is None:
                    t["r"] += 1
                    t["row"] = []
                    t["col"] = 0
                col = t["col"]
                while (t["r"], col) in t["spans"]:
                    col += 1
                rs = _int(a.get("rowspan"))
                cs = _int(a.get("colspan"))
                for dr in range(rs):
                    for dc in range(cs):
                        t["spans"][(t["r"] + dr, col + dc)] = True
                t["cell"] = {"text": [], "line": self.getpos()[0], "col": col}
                t["col"] = col + cs
            elif tag in ("br", "p", "div") and t["cell"] is not None:
                t["cell"]["text"].append(BREAK)
            return
        if tag in _BLOCK:
            self.flush_text()

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if self.tables:
            t = self.tables[-1]
            if tag in ("td", "th"):
                self._close_cell(t)
            elif tag == "tr":
                self._close_cell(t)
                self._close_row(t)
            elif tag == "table":
                self._close_cell(t)
                self._close_row(t)
                self.tables.pop()
                self.rows.extend(t["rows"])
            return
        if tag == "table" and self.layout_depth:
            self.layout_depth -= 1
        if tag in _BLOCK:
            self.flush_text()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.tables:
            cell = self.tables[-1]["cell"]
            if cell is not None:
                cell["text"].append(data)
            return
        if data.strip() and self.text_line is None:
            self.text_line = self.getpos()[0]
        self.text.append(data)

    def _to_layout(self) -> None:
        """Turn the open tables into layout: what they hold so far becomes paragraphs, in
        order, and their remaining cells are read as paragraphs too."""
        for t in self.tables:
            for row in t["rows"]:
                for cell in row.cells:
                    if cell.text:
                        self.rows.append(GridRow((GridCell(cell.text, Source(
                            line=cell.source.line)),)))
            cell = t["cell"]
            if cell is not None:
                text = _cell_text(cell["text"])
                if text:
                    self.rows.append(GridRow((GridCell(text, Source(line=cell["line"])),)))
        self.layout_depth += len(self.tables)
        self.tables = []

    def _close_cell(self, t: dict) -> None:
        cell = t["cell"]
        if cell is None:
            return
        text = _cell_text(cell["text"])
        t["row"].append(GridCell(text, Source(line=cell["line"], table=t["index"],
                                              row=t["r"] + 1, col=cell["col"] + 1)))
        t["cell"] = None

    def _close_row(self, t: dict) -> None:
        if t["row"]:
            t["rows"].append(GridRow(tuple(t["row"]), aligned=True))
        t["row"] = None


def _int(value: str | None) -> int:
    try:
        return max(1, min(int(str(value).strip()), 200))
    except (TypeError, ValueError):
        return 1


def decode_html(data: bytes, name: str) -> tuple[str, str]:
    m = _CHARSET.search(data[:4096])
    if m:
        charset = m.group(1).decode("ascii", "replace").lower()
        if charset in ("gb2312", "gbk", "gb18030", "x-gbk"):
            charset = "gb18030"
        try:
            return data.decode(charset), charset
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data, name)


def read_html(data: bytes, name: str) -> Document:
    text, encoding = decode_html(data, name)
    parser = _Grid()
    try:
        parser.feed(text)
        parser.close()
    except Exception as exc:  # noqa: BLE001 - html.parser is lenient; be safe anyway
        raise ReportError(name, f"HTML 无法解析 / cannot parse HTML: {exc}") from None
    parser.flush_text()
    for t in parser.tables:  # unclosed tables
        parser._close_cell(t)
        parser._close_row(t)
        parser.rows.extend(t["rows"])
    warnings: tuple[str, ...] = ()
    if parser.table_count == 0 and parser.images_in_body:
        raise ReportError(name, Problem(
            "表格是图片，无法读取 / the tables are images: expected HTML <table> elements, found "
            f"{parser.images_in_body} image(s) and no table; enter the figures as text"))
    return Document(path=name, rows=tuple(parser.rows), layout="html", encoding=encoding,
                    warnings=warnings)
