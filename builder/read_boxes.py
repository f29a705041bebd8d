"""Text placed on pages -> Document: characters or words with their places are laid out as
lines of text with their columns kept (as ``pdftotext -layout`` lays out a PDF), and that text
is read by the text reader (aligned columns). Each cell's source is the page and the line of
that page (第2页第36行) and the line of the whole laid-out text, which messages name.

Used by the OFD reader (its text objects' characters) and for the word boxes tools write:
``pdftotext -tsv`` and Tesseract's TSV (a word a row: page, left, top, width, height, text),
``pdftotext -bbox`` / ``-bbox-layout`` (XHTML: ``<word xMin= yMin= xMax= yMax=>``), and the
runs of text ``pdftohtml -xml`` writes (``<text top= left= width= height=>``), the characters
of pdfminer's XML (``pdf2txt.py -t xml``) and PyMuPDF's (``get_text("xml")``), and OCR engines'
words in hOCR and ALTO.
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable, Iterable
from statistics import median
from typing import NamedTuple

from .errors import ReportError
from .model import Document, GridRow, Problem, Source
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
            cells.append(cell._replace(source=Source(line=line, page=page, row=on_page)))
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


Place = tuple[float, float, float, float]  # x0, top, x1, bottom (y growing down the page)


class _Tagged(NamedTuple):
    """A tool's pages of placed text as tagged elements, each on a line: how to read one."""

    # named groups: page (a page begins), at (an element's attributes), inner (what it holds),
    # cut (an element not closed on its line); a match of none of them is passed over
    pattern: re.Pattern[str]
    place: Callable[[str], Place | None]  # its attributes -> its box, None if unreadable
    text: Callable[[str, str], str]  # its attributes and what it holds -> its text
    what: str  # the head of a message on a place that is no box
    element: str  # the element as written, for a message on one cut short
    zh: str  # what the element is, in Chinese and English (词, a word)
    en: str
    numbers: str  # the attributes expected as numbers
    extent: str  # what a box whose far edge stands before its near one lacks
    words: bool = True  # each element a word a tool told apart (False: a character)
    # an OCR engine's confidence in an element's attributes: a mark of OCR on the whole text
    confidence: re.Pattern[str] | None = None


def _named(attribute: re.Pattern[str], keys: tuple[str, str, str, str],
           extent: bool = False) -> Callable[[str], Place | None]:
    """A place given by four attributes (x0, top, then x1, bottom or, ``extent``, width and
    height)."""
    def place(attributes: str) -> Place | None:
        at = dict(attribute.findall(attributes))
        values = [_number(at.get(k, "")) for k in keys]
        if None in values:
            return None
        x0, top, a, b = values  # type: ignore[misc]
        return (x0, top, x0 + a, top + b) if extent else (x0, top, a, b)
    return place


def _numbers(attribute: re.Pattern[str], count: int,
             box: Callable[[list[float]], Place]) -> Callable[[str], Place | None]:
    """A place given by ``count`` numbers in one attribute (apart by spaces or commas)."""
    def place(attributes: str) -> Place | None:
        m = attribute.search(attributes)
        values = [_number(v) for v in re.split(r"[\s,]+", m.group(1).strip())] if m else []
        if len(values) != count or None in values:
            return None
        return box(values)  # type: ignore[arg-type]
    return place


def _corners(v: list[float]) -> Place:
    """Four numbers as a box: x0, top, x1, bottom."""
    return v[0], v[1], v[2], v[3]


_XML_TAG = re.compile(r"<[^>]*>")


def _inner(attributes: str, inner: str) -> str:
    """An element's text: what it holds, its marks (bold, links) left out."""
    return html.unescape(_XML_TAG.sub("", inner))


def _attribute(name: str) -> Callable[[str, str], str]:
    """An element's text given as an attribute (c="…", CONTENT="…")."""
    pattern = re.compile(rf'\b{name}="([^"]*)"')

    def text(attributes: str, inner: str) -> str:
        m = pattern.search(attributes)
        return html.unescape(m.group(1)) if m else ""
    return text


# pdftotext -bbox: a word on its line (pdftotext writes one a line); a word's tag not closed on
# its line is a damaged file, refused, not read across into the next word's text
_BBOX = _Tagged(
    re.compile(r"(?P<page><page\b)|<word\b(?P<at>[^>\n]*)>(?P<inner>[^<\n]*)</word>"
               r"|(?P<cut><word\b)"),
    _named(re.compile(r'\b([xy](?:Min|Max))="([^"]*)"'), ("xMin", "yMin", "xMax", "yMax")),
    _inner, "词的位置无法识别 / a word's box unreadable", "<word …>…</word>", "词", "a word",
    "xMin, yMin, xMax and yMax", "xMax not below xMin and yMax not below yMin")
# pdftohtml -xml: a run on its line (one a line, its bold, italics and links inside)
_PDF2XML = _Tagged(
    re.compile(r"(?P<page><page\b)|<text\b(?P<at>[^>\n]*)>(?P<inner>[^\n]*?)</text>"
               r"|(?P<cut><text\b)"),
    _named(re.compile(r'\b(top|left|width|height)="([^"]*)"'),
           ("left", "top", "width", "height"), extent=True),
    _inner, "文字的位置无法识别 / a run of text's place unreadable", "<text …>…</text>", "文字",
    "a run of text", "top, left, width and height", "a width and height not below 0")
# pdfminer's XML (pdf2txt.py -t xml): a character a line, its bbox x0,y0,x1,y1 from the foot of
# the page (y growing up: turned over here, the page's height not needed to lay lines out);
# the spaces and line ends its layout adds are <text> </text> without a place
_PDFMINER = _Tagged(
    re.compile(r"(?P<page><page\b)|<text>\s*</text>"
               r"|<text\b(?P<at>[^>\n]*)>(?P<inner>[^<\n]*)</text>|(?P<cut><text\b)"),
    _numbers(re.compile(r'\bbbox="([^"]*)"'), 4, lambda v: (v[0], -v[3], v[2], -v[1])),
    _inner, "字符的位置无法识别 / a character's box unreadable", '<text bbox="…">…</text>',
    "字符", "a character", "bbox (x0,y0,x1,y1)", "x1 not below x0 and y1 not below y0",
    words=False)
_QUAD = _numbers(re.compile(r'\bquad="([^"]*)"'), 8, lambda v: (
    min(v[0::2]), min(v[1::2]), max(v[0::2]), max(v[1::2])))
_CHAR_BBOX = _numbers(re.compile(r'\bbbox="([^"]*)"'), 4, _corners)
# PyMuPDF's get_text("xml"): a character a line, <char c="…" quad="8 numbers" …/> (its four
# corners; bbox="4 numbers" in versions before 1.19)
_PYMUPDF = _Tagged(
    re.compile(r"(?P<page><page\b)|<char\b(?P<at>[^>\n]*)/>|(?P<cut><char\b)"),
    lambda at: _QUAD(at) if "quad=" in at else _CHAR_BBOX(at),
    _attribute("c"), "字符的位置无法识别 / a character's box unreadable", "<char … />", "字符",
    "a character", "quad (or bbox)", "a box whose far corner is not before its near one",
    words=False)
_BETWEEN_TAGS = re.compile(r">\s+<")  # the indentation of an hOCR word's character spans
# hOCR (tesseract … hocr): a word a line, <span class='ocrx_word' title='bbox x0 y0 x1 y1;
# x_wconf 96'>, its marks (<strong>) inside; or its characters each on a line of its own
# (hocr_char_boxes: <span class='ocrx_cinfo' …>杭</span>), the word's box taken
_HOCR = _Tagged(
    re.compile(r"(?P<page><div\b[^>\n]*\bocr_page\b)"
               r"|<span\b(?P<at>[^>\n]*\bocrx_word\b[^>\n]*)>(?P<inner>(?:<span\b[^>\n]*>"
               r"[^<\n]*</span>|<(?!/?span\b)[^>\n]*>|[^<\n])*?"
               r"|(?:\s*<span\b[^>\n]*\bocrx_cinfo\b[^>\n]*>[^<\n]*</span>)+\s*)</span>"
               r"|(?P<cut><span\b[^>\n]*\bocrx_word\b)"),
    _numbers(re.compile(r"\bbbox((?:[ \t]+[^\s;'\"]+){4})(?=[;'\"])"), 4, _corners),
    lambda at, inner: _inner(at, _BETWEEN_TAGS.sub("><", inner.strip()) if "\n" in inner
                             else inner), "词的位置无法识别 / a word's box unreadable",
    "<span class='ocrx_word' title='bbox …'>…</span>", "词", "a word",
    "bbox x0 y0 x1 y1 in its title", "x1 not below x0 and y1 not below y0",
    confidence=re.compile(r"\bx_wconf[ \t]+([^\s;'\"]+)"))
# ALTO (tesseract … alto, and OCR software's exports): a word a line, <String HPOS= VPOS=
# WIDTH= HEIGHT= WC= CONTENT=/>, in <Page>s (a namespace's prefix allowed)
_ALTO = _Tagged(
    re.compile(r"(?P<page><(?:\w+:)?Page\b)|<(?:\w+:)?String\b(?P<at>[^>\n]*?)/?>"
               r"|(?P<cut><(?:\w+:)?String\b)"),
    _named(re.compile(r'\b(HPOS|VPOS|WIDTH|HEIGHT)="([^"]*)"'),
           ("HPOS", "VPOS", "WIDTH", "HEIGHT"), extent=True),
    _attribute("CONTENT"), "词的位置无法识别 / a word's place unreadable", "<String … />", "词",
    "a word", "HPOS, VPOS, WIDTH and HEIGHT", "a WIDTH and HEIGHT not below 0",
    confidence=re.compile(r'\b(?:WC|CC)="([^"]*)"'))


# PyMuPDF's get_text("html"): a page a <div id="page…">, each line of text a <p> on a line of
# its own placed by its style (top, left, line-height in points; its spans' fonts inside,
# a raised span a <sup>); its width is not given: its characters' advances at its font's size
_MUPDF_STYLE = re.compile(r"\b(top|left|line-height):\s*(-?[\d.]+)pt")
_MUPDF_SIZE = re.compile(r"font-size:\s*([\d.]+)pt")


def _mupdf_place(at: str) -> Place | None:
    """A <p>'s place from its style and text (its attributes and what it holds, as the pattern
    below gives them), None where top, left or line-height is missing."""
    style, _, inner = at.partition(">")
    values = dict(_MUPDF_STYLE.findall(style))
    nums = [_number(values.get(k, "")) for k in ("left", "top", "line-height")]
    if None in nums:
        return None
    left, top, height = nums  # type: ignore[misc]
    size = _number(m.group(1)) if (m := _MUPDF_SIZE.search(inner)) else height
    text = _inner("", inner)
    return left, top, left + sum(advance(ch, size or height) for ch in text), top + height


_MUPDF_HTML = _Tagged(
    re.compile(r'(?P<page><div id="page\d+")|<p style="(?P<at>[^"\n]*"[^>\n]*>(?P<inner>[^\n]*?))'
               r"</p>|(?P<cut><p style=)"),
    _mupdf_place, _inner, "文字的位置无法识别 / a line of text's place unreadable",
    '<p style="top:…;left:…;line-height:…">…</p>', "文字", "a line of text",
    "top, left and line-height in its style", "a line-height not below 0")


def read_mupdf_html(text: str, name: str, encoding: str) -> Document:
    """PyMuPDF's ``page.get_text("html")``, its pages one after another: each line of text
    with its place on the page (above)."""
    return _read_tagged(text, name, encoding, _MUPDF_HTML)


def read_bbox_html(text: str, name: str, encoding: str) -> Document:
    """``pdftotext -bbox`` / ``-bbox-layout``'s XHTML: each word with its box, in pages."""
    return _read_tagged(text, name, encoding, _BBOX)


def read_pdf2xml(text: str, name: str, encoding: str) -> Document:
    """``pdftohtml -xml``'s pages of runs of text, each with its place (top, left, width,
    height; a run's bold or link marks are no part of its text)."""
    return _read_tagged(text, name, encoding, _PDF2XML)


def read_pdfminer_xml(text: str, name: str, encoding: str) -> Document:
    """pdfminer's XML (``pdf2txt.py -t xml``): each character with its box, in pages."""
    return _read_tagged(text, name, encoding, _PDFMINER)


def read_pymupdf_xml(text: str, name: str, encoding: str) -> Document:
    """PyMuPDF's ``page.get_text("xml")``, its pages one after another: each character with
    its corners, in pages."""
    return _read_tagged(text, name, encoding, _PYMUPDF)


def read_hocr(text: str, name: str, encoding: str) -> Document:
    """hOCR (an OCR engine's words in XHTML: Tesseract's, OCRmyPDF's): each word with its box
    on the page's image. OCR whatever its confidences say: its tables are refused as a scanned
    PDF's text layer is, unless the sidecar says every figure was checked."""
    doc = _read_tagged(text, name, encoding, _HOCR)
    if doc.ocr:
        return doc
    return dataclasses.replace(doc, ocr=((Source(), "hOCR（OCR 引擎的输出 / an OCR engine's "
                                                    "output）"),))


def read_alto(text: str, name: str, encoding: str) -> Document:
    """ALTO XML (Tesseract's, OCR software's, libraries' digitised pages): each word with its
    place on the page. OCR unless pdfalto wrote it from a PDF's text and no word carries a
    confidence (WC, CC)."""
    doc = _read_tagged(text, name, encoding, _ALTO)
    if doc.ocr or "pdfalto" in text[:10_000]:
        return doc
    return dataclasses.replace(doc, ocr=((Source(), "ALTO（OCR 软件的输出 / an OCR engine's "
                                                    "output）"),))


def _read_tagged(text: str, name: str, encoding: str, kind: _Tagged) -> Document:
    boxes = []
    page = 0
    ocr: tuple[tuple[Source, str], ...] = ()
    holds = "inner" in kind.pattern.groupindex  # (else its text is an attribute's)
    for m in kind.pattern.finditer(text):
        if m.group("page"):
            page += 1
            continue
        if m.group("cut"):
            raise _refused(text, m, name, f"{kind.zh}不完整 / {kind.en} cut short: expected "
                           f"{kind.element} on one line",
                           text[m.start():m.start() + 80].split("\n", 1)[0])
        attributes = m.group("at")
        if attributes is None:  # (an element with no place: pdfminer's spaces)
            continue
        place = kind.place(attributes)
        if place is None:
            raise _refused(text, m, name, f"{kind.what}: expected {kind.numbers} as numbers",
                           attributes.strip())
        box = Box(page, *place, kind.text(attributes, (holds and m.group("inner")) or ""))
        if _damaged(box):
            raise _refused(text, m, name, f"{kind.what}: expected {kind.extent}",
                           attributes.strip())
        if page:
            boxes.append(box)
            if not ocr and kind.confidence is not None and (
                    c := kind.confidence.search(attributes)):
                line = text.count("\n", 0, m.start()) + 1
                ocr = ((Source(page=page), f"第{line}行 {c.group()}（OCR 识别置信度 / OCR "
                                           f"confidence, line {line}）"),)
    return placed_document(pages_of(boxes, name, kind.words), name, "word-boxes", encoding, ocr)


def _refused(text: str, m: re.Match[str], name: str, expected: str, found: str) -> ReportError:
    """A tool's element of placed text that is damaged, at its line (counted only here: a
    page holds thousands of elements)."""
    return ReportError(name, Problem(f"{expected}, found {found[:80]!r}",
                                     line=text.count("\n", 0, m.start()) + 1))
