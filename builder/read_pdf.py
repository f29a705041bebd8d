"""A PDF with a text layer -> Document, using pdfplumber's table finder: table rows keep their
cells (merged cells appear once), text outside tables becomes one-cell rows in reading order.
Each cell's source is page/table/row/column."""

from __future__ import annotations

import logging
from pathlib import Path

from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .normalize import SCRIPTS, unify_radicals
from .read import PAGE_MARK, covers_page

MAX_PAGES = 200
LINE_TOLERANCE = 5  # points between the tops of characters of one line (lines are 14+ apart)
MARGIN = 0.1  # page numbers and running footers sit in the top or bottom tenth of a page


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
    chars = unmapped = 0
    table_no = 0
    try:
        with pdfplumber.open(str(path)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise ReportError(name, f"PDF 页数过多 / too many pages: expected at most "
                                        f"{MAX_PAGES}, found {len(pdf.pages)}")
            for pno, page in enumerate(pdf.pages, 1):
                chars += len(page.chars)
                _mark_raised(page.chars)  # before the tables and lines are made of them
                if page.chars and _scanned(page):
                    ocr.append((Source(page=pno), ""))
                unmapped += sum(1 for ch in page.chars if ch["text"].startswith("(cid:"))
                tables = page.find_tables()
                blocks: list[tuple[float, list[GridRow]]] = []
                boxes = [t.bbox for t in tables]
                for t in tables:
                    table_no += 1
                    grid = []
                    for r, cells in enumerate(t.extract(), 1):
                        row = [GridCell(unify_radicals((text or "").replace("\n", "").strip()),
                                        Source(page=pno, table=table_no, row=r, col=c))
                               for c, text in enumerate(cells, 1) if text is not None]
                        if row:
                            grid.append(GridRow(tuple(row), aligned=True))
                    blocks.append((t.bbox[1], grid))
                # digits in a Latin font stand a few points lower than the Chinese
                # characters of their line (Chrome's PDFs: 69.7 against 73.6 for an 18 pt
                # title): pdfplumber's 3 pt would make them a line of their own
                for line in page.extract_text_lines(keep_blank_chars=False,
                                                    y_tolerance=LINE_TOLERANCE):
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
    except ReportError:
        raise
    except Exception as exc:  # noqa: BLE001 - pdfminer raises many types on broken files
        raise ReportError(name, f"PDF 无法读取 / cannot read PDF: {type(exc).__name__}: {exc}") \
            from None
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
    return Document(path=name, rows=tuple(rows), layout="pdf", encoding="utf-8", ocr=tuple(ocr))


def _scanned(page) -> bool:  # noqa: ANN001 - a pdfplumber page
    return covers_page([(float(im["x0"]), float(im["top"]), float(im["x1"]), float(im["bottom"]))
                        for im in page.images], (0.0, 0.0, float(page.width), float(page.height)))
