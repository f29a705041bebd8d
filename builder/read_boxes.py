"""Text placed on pages -> Document: characters or words with their places are laid out as
lines of text with their columns kept (as ``pdftotext -layout`` lays out a PDF), and that text
is read by the text reader (aligned columns). Each cell's source is the page and the line of
that page (第2页第36行) and the line of the whole laid-out text, which messages name.

Used by the OFD reader (its text objects' characters) and for the word boxes tools write:
``pdftotext -tsv`` and Tesseract's TSV (a word a row: page, left, top, width, height, text),
``pdftotext -bbox`` / ``-bbox-layout`` (XHTML: ``<word xMin= yMin= xMax= yMax=>``), and the
runs of text ``pdftohtml -xml`` writes (``<text top= left= width= height=>``).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable
from statistics import median
from typing import NamedTuple

from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .read import display_width, text_document

MAX_PAGES = 200
MAX_COLUMN = 1_000  # a line's columns (a page's lines are some 100 wide)
MAX_PLACE = 1e5  # the largest coordinate of a word on a page (a page at 300 dpi: 14,000 pixels)


class Char(NamedTuple):
    x: float  # where it begins
    baseline: float  # y of its line, growing down the page
    size: float  # the font's size (the line's height)
    ch: str
    width: float
    word: bool = False  # the first character of a word a tool found apart from the one before


class Box(NamedTuple):
    """A word a tool found on a page: its box (y growing down the page) and text."""

    page: int
    x0: float
    top: float
    x1: float
    bottom: float
    text: str


def advance(ch: str, size: float) -> float:
    """A character's width when the file gives none: a full width for CJK, half for Latin."""
    return size if ord(ch) > 0x2E7F else size / 2


def lay_out(chars: list[Char], same_line: float = 0.3, from_first: bool = False) -> list[str]:
    """The characters as lines of text, each run at the column its place gives it (a column
    being half the page's usual character size, as a Latin character is displayed); a line
    goes on while the next baseline is within ``same_line`` of a character's size from the
    character before (``from_first``: from the line's first)."""
    if not chars:
        return []
    unit = median(c.size for c in chars) / 2
    rows: list[list[Char]] = []
    last = None  # the baseline of the character before, in the order of baselines
    for c in sorted(chars, key=lambda c: (c.baseline, c.x)):
        # a line ends where the next baseline is lower by more than a third of a character:
        # text in one font and figures in another stand a little apart on one line, and a
        # figure centred in its cell stands between the lines of a label beside it
        if rows and last is not None and c.baseline - last <= same_line * c.size:
            rows[-1].append(c)
        else:
            rows.append([c])
            last = c.baseline
        if not from_first:
            last = c.baseline
    out = []
    for row in rows:
        line = ""
        end = None  # where the previous character ends
        for c in sorted(row):
            if end is not None and (c.x - end > 0.3 * c.size or (
                    c.word and line[-1:].isdigit() and c.ch.isdigit())):
                # (two words of figures a tool told apart stay apart however close: 17 and
                # 53 in the narrow cells of other_org and total are not 1753)
                # a gap: the column of the place, at least two spaces after a wide gap (a new
                # cell) and one after a narrow one (a space within a cell)
                gap = 2 if c.x - end > 1.2 * c.size else 1
                line += " " * max(gap, min(round(c.x / unit), MAX_COLUMN) - display_width(line))
            elif end is None:
                line = " " * min(max(0, round(c.x / unit)), MAX_COLUMN)
            line += c.ch
            end = c.x + c.width
        out.append(line.rstrip())
    return out


def placed_document(pages: list[list[str]], name: str, layout: str, encoding: str = "utf-8",
                    ocr: tuple[tuple[Source, str], ...] = ()) -> Document:
    """The pages' laid-out lines read as one text; each cell's source the line of the whole
    text (rows are told apart by it) and the page and its line there (what a reader of the
    file finds). Aligned columns, as the text reader finds them, are named ``layout``."""
    text_lines = [line for lines in pages for line in lines]
    places = [(page, n) for page, lines in enumerate(pages, 1) for n in range(1, len(lines) + 1)]
    doc = text_document("\n".join(text_lines).encode("utf-8"), name)
    rows = []
    for row in doc.rows:
        cells = []
        for cell in row.cells:
            line = cell.source.line
            page, on_page = places[line - 1] if line and line <= len(places) else (None, None)
            cells.append(GridCell(cell.text, Source(line=line, page=page, row=on_page),
                                  cell.x))
        rows.append(GridRow(tuple(cells), aligned=row.aligned))
    # a page laid out as lines of one cell each keeps the reader's name for it
    return dataclasses.replace(doc, rows=tuple(rows), encoding=encoding, ocr=ocr,
                               layout=layout if doc.layout == "layout-columns" else doc.layout)


def boxes_lines(boxes: Iterable[Box], words: bool = True) -> list[str]:
    """One page's word boxes laid out: a word's characters share its box by their display
    widths (a CJK character two columns, a Latin one). A box's height is its font's, not its
    text's size (a CJK font's boxes stand 1.5 to 3 sizes high in pdftotext's, and as high as
    the ink in OCR's: 347 lower than 规章), and fonts place text differently in it: the size is
    the page's usual width of a CJK character (they are square), and a word's line is its
    box's middle, within half a size of the line's (lines stand 1.2 sizes or more apart)."""
    boxes = [b for b in boxes if b.text.strip() and b.x1 >= b.x0 and b.bottom > b.top
             and all(-MAX_PLACE < v < MAX_PLACE for v in (b.x0, b.top, b.x1, b.bottom))]
    if not boxes:
        return []
    square = [(b.x1 - b.x0) / len(t) for b in boxes
              if (t := b.text.strip()) and display_width(t) == 2 * len(t)]
    size = median(square) if square else median(b.bottom - b.top for b in boxes) * 0.7
    if size <= 0:
        return []
    chars = []
    for b in boxes:
        text = b.text.strip()
        step = (b.x1 - b.x0) / max(display_width(text), 1)
        x = b.x0
        middle = (b.top + b.bottom) / 2
        for n, ch in enumerate(text):
            width = step * display_width(ch)
            if not ch.isspace():
                chars.append(Char(x, middle, size, ch, width, words and n == 0))
            x += width
    # from the line's first word: the pieces of figures a narrow cell broke over two lines
    # (13 / 7 above and below their row's middle) are not drawn into the row by the wrapped
    # lines of a label beside them, their digits interleaved (173 for 137)
    return lay_out(chars, same_line=0.5, from_first=True)


def pages_of(boxes: list[Box], name: str, words: bool = True) -> list[list[str]]:
    """The boxes laid out as lines, page by page (pages without a box empty); ``words``:
    each box a word a tool told apart (False: each a character, told apart by their gaps)."""
    count = max((b.page for b in boxes), default=0)
    if count > MAX_PAGES:
        raise ReportError(name, Problem(f"页数过多 / too many pages: expected at most {MAX_PAGES}, "
                                        f"found {count}"))
    by_page: dict[int, list[Box]] = {}
    for b in boxes:
        by_page.setdefault(b.page, []).append(b)
    return [boxes_lines(by_page.get(n, []), words) for n in range(1, count + 1)]


# the header of a TSV of word boxes: Tesseract's (block before paragraph) and pdftotext's
TSV_HEADERS = (
    "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
    "level\tpage_num\tpar_num\tblock_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext",
)


def is_tsv(text: str) -> bool:
    return text.lstrip("\ufeff").split("\n", 1)[0].rstrip("\r") in TSV_HEADERS


# the confidences pdftotext gives (100 for a word of the PDF's text, -1 for the rows of pages,
# blocks and lines); any other is an OCR engine's (Tesseract's 0–100)
TEXT_CONFIDENCES = (100.0, -1.0)


def read_tsv(text: str, name: str, encoding: str) -> Document:
    """Word boxes as ``tesseract … tsv`` and ``pdftotext -tsv`` write them: a word's row has
    level 5; pdftotext's marks of pages, flows and lines (###PAGE###) are rows of other
    levels. A word's confidence other than pdftotext's 100 is OCR's (Tesseract's 0–100 for
    what it recognised in an image): a mark of OCR on the whole text, whose tables are then
    refused as a PDF's text layer over a scan is (OCR misreads figures the sums do not catch:
    850.71 as 550.71, 12 as 2 in Tesseract's reading of a page printed narrow)."""
    boxes = []
    ocr: tuple[tuple[Source, str], ...] = ()
    for n, line in enumerate(text.split("\n")[1:], 2):
        fields = line.rstrip("\r").split("\t")
        if not line.strip() or fields[0] != "5":
            continue
        if len(fields) < 12:
            raise ReportError(name, Problem(
                f"TSV 行不完整 / a word's row cut short: expected 12 fields ({TSV_HEADERS[0]}), "
                f"found {len(fields)}", line=n))
        try:
            page = int(fields[1])
            left, top, width, height = (float(v) for v in fields[6:10])
        except ValueError:
            raise ReportError(name, Problem(
                "TSV 数值无法识别 / a word's place unreadable: expected numbers for page_num, "
                f"left, top, width and height, found {' '.join(fields[6:10])!r}", line=n)) from None
        box = Box(page, left, top, left + width, top + height, "\t".join(fields[11:]))
        if _damaged(box):
            raise ReportError(name, Problem(
                "TSV 数值无法识别 / a word's place unreadable: expected a box of width and height "
                f"not below 0, found {' '.join(fields[6:10])!r}", line=n))
        boxes.append(box)
        if not ocr and _number(fields[10]) not in TEXT_CONFIDENCES:
            ocr = ((Source(page=page), f"TSV 第{n}行 conf {fields[10].strip()}（OCR 识别置信度 / "
                                       f"OCR confidence, line {n}）"),)
    return placed_document(pages_of(boxes, name), name, "word-boxes", encoding, ocr)


def _damaged(box: Box) -> bool:
    """A box no tool writes: a place that is not a number (nan), or its far edge before its
    near one. (A box off the page, however far, is only not on it: left out.)"""
    return not (box.x1 >= box.x0 and box.bottom >= box.top)


def _number(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


class _Tagged(NamedTuple):
    """A tool's pages of placed text as tagged elements, one a line: how to read one."""

    pattern: re.Pattern[str]  # <page, an element (group 1 its attributes, 2 its text), or a cut one
    attribute: re.Pattern[str]  # the four attributes of its place
    box: Callable[[int, dict[str, float], str], Box]  # page, attributes, text -> its box
    what: str  # the head of a message on a place that is no box
    element: str  # the element as written, for a message on one cut short
    zh: str  # what the element is, in Chinese and English (词, a word)
    en: str
    numbers: str  # the attributes expected as numbers
    extent: str  # what a box whose far edge stands before its near one lacks


# pdftotext -bbox: a word on its line (pdftotext writes one a line); a word's tag not closed on
# its line is a damaged file, refused, not read across into the next word's text
_BBOX = _Tagged(
    re.compile(r"<page\b|<word\b([^>\n]*)>([^<\n]*)</word>|<word\b"),
    re.compile(r'\b([xy](?:Min|Max))="([^"]*)"'),
    lambda page, at, text: Box(page, at["xMin"], at["yMin"], at["xMax"], at["yMax"],
                               html.unescape(text)),
    "词的位置无法识别 / a word's box unreadable", "<word …>…</word>", "词", "a word",
    "xMin, yMin, xMax and yMax", "xMax not below xMin and yMax not below yMin")
_XML_TAG = re.compile(r"<[^>]*>")
# pdftohtml -xml: a run on its line (one a line, its bold, italics and links inside)
_PDF2XML = _Tagged(
    re.compile(r"<page\b|<text\b([^>\n]*)>([^\n]*?)</text>|<text\b"),
    re.compile(r'\b(top|left|width|height)="([^"]*)"'),
    lambda page, at, text: Box(page, at["left"], at["top"], at["left"] + at["width"],
                               at["top"] + at["height"], html.unescape(_XML_TAG.sub("", text))),
    "文字的位置无法识别 / a run of text's place unreadable", "<text …>…</text>", "文字",
    "a run of text", "top, left, width and height", "a width and height not below 0")


def read_bbox_html(text: str, name: str, encoding: str) -> Document:
    """``pdftotext -bbox`` / ``-bbox-layout``'s XHTML: each word with its box, in pages."""
    return _read_tagged(text, name, encoding, _BBOX)


def read_pdf2xml(text: str, name: str, encoding: str) -> Document:
    """``pdftohtml -xml``'s pages of runs of text, each with its place (top, left, width,
    height; a run's bold or link marks are no part of its text)."""
    return _read_tagged(text, name, encoding, _PDF2XML)


def _read_tagged(text: str, name: str, encoding: str, kind: _Tagged) -> Document:
    boxes = []
    page = 0
    for m in kind.pattern.finditer(text):
        if m.group(1) is None:
            if m.group() != "<page":
                raise _refused(text, m, name, f"{kind.zh}不完整 / {kind.en} cut short: expected "
                               f"{kind.element} on one line",
                               text[m.start():m.start() + 80].split("\n", 1)[0])
            page += 1
            continue
        at = {k: _number(v) for k, v in kind.attribute.findall(m.group(1))}
        if len(at) != 4 or None in at.values():
            raise _refused(text, m, name, f"{kind.what}: expected {kind.numbers} as numbers",
                           m.group(1).strip())
        box = kind.box(page, at, m.group(2))  # type: ignore[arg-type]
        if _damaged(box):
            raise _refused(text, m, name, f"{kind.what}: expected {kind.extent}",
                           m.group(1).strip())
        if page:
            boxes.append(box)
    return placed_document(pages_of(boxes, name), name, "word-boxes", encoding)


def _refused(text: str, m: re.Match[str], name: str, expected: str, found: str) -> ReportError:
    """A tool's element of placed text that is damaged, at its line (counted only here: a
    page holds thousands of elements)."""
    return ReportError(name, Problem(f"{expected}, found {found[:80]!r}",
                                     line=text.count("\n", 0, m.start()) + 1))
