"""An OFD file (GB/T 33190, China's fixed-layout format, the national counterpart of PDF) ->
Document. Its text objects carry their places on the page (millimetres): the characters are
laid out as lines of text with their columns kept, as ``pdftotext -layout`` lays out a PDF,
and that text is read by the text reader (aligned columns). Each cell's source is the page and
the line of that page (第2页第36行), and the line of the whole laid-out text, which messages
name.

Only the text layer is read: an OFD of scanned pages (images only) is refused, as a scanned
PDF is; a text object's own transformation (CTM) is applied; page templates (running headers
and footers) and annotations are left out.
"""

from __future__ import annotations

import dataclasses
import math
import posixpath
import zipfile
from io import BytesIO
from statistics import median
from xml.etree import ElementTree

from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .read import covers_page, display_width, text_document
from .read_docx import DAMAGED_ZIP, MAX_XML_BYTES

MAX_PAGES = 200


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ElementTree.Element, name: str) -> list[ElementTree.Element]:
    """Elements named ``name`` (any namespace) below ``element``, in document order."""
    return [e for e in element.iter() if _local(e.tag) == name]


def _number(text: str | None, default: float) -> float:
    """A finite number, or ``default`` for what is none (a damaged file's attribute)."""
    try:
        value = float(text) if text is not None else default
    except ValueError:
        return default
    return value if math.isfinite(value) else default


MAX_REPEAT = 10_000  # g N V: no line of a page has more characters


def _numbers(text: str | None) -> list[float]:
    """A list of numbers as OFD writes it; ``g N V`` stands for V N times (DeltaX). What is
    no number is left out."""
    out: list[float] = []
    parts = (text or "").split()
    i = 0
    while i < len(parts):
        if parts[i] == "g" and i + 2 < len(parts):
            count = _number(parts[i + 1], 0)
            out += [_number(parts[i + 2], 0)] * int(min(max(count, 0), MAX_REPEAT))
            i += 3
            continue
        value = _number(parts[i], math.nan)
        if not math.isnan(value):
            out.append(value)
        i += 1
    return out


class _Zip:
    def __init__(self, data: bytes, name: str) -> None:
        self.name = name
        try:
            self.zip = zipfile.ZipFile(BytesIO(data))
        except DAMAGED_ZIP:
            raise ReportError(name, "OFD 文件无法打开 / cannot read OFD: expected a zip "
                                    "package, found something else") from None
        self.names = {n.lstrip("/"): n for n in self.zip.namelist()}

    def xml(self, path: str) -> ElementTree.Element:
        stored = self.names.get(path.lstrip("/"))
        if stored is None:
            raise ReportError(self.name, f"OFD 文件不完整 / broken OFD: expected the part "
                                         f"{path}, found none")
        try:
            if self.zip.getinfo(stored).file_size > MAX_XML_BYTES:  # a zip bomb
                raise ReportError(self.name, f"OFD 文件过大 / OFD part too large: {path}")
            return ElementTree.fromstring(self.zip.read(stored))
        except (ElementTree.ParseError, RuntimeError, *DAMAGED_ZIP) as exc:
            raise ReportError(self.name, f"OFD 文件无法读取 / cannot read OFD: {path}: "
                                         f"{exc}") from None


def _join(base: str, loc: str) -> str:
    """A part's path: BaseLoc is relative to the folder of the part that names it."""
    loc = loc.strip()
    if loc.startswith("/"):
        return loc.lstrip("/")
    return posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))


def _advance(ch: str, size: float) -> float:
    """A character's width when the file gives none: a full width for CJK, half for Latin."""
    return size if ord(ch) > 0x2E7F else size / 2


def _page_chars(content: ElementTree.Element) -> list[tuple[float, float, float, str]]:
    """Every character of the page's text objects: x, baseline y, size (mm), character."""
    chars = []
    for obj in _children(content, "TextObject"):
        box = _numbers(obj.get("Boundary"))
        if len(box) < 2:
            continue
        bx, by = box[0], box[1]
        size = _number(obj.get("Size"), 3.5)
        size = size if 0 < size < 1000 else 3.5
        ctm = _numbers(obj.get("CTM"))
        a, b, c, d, e, f = ctm if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        scale = min(max(abs(a * d - b * c) ** 0.5, 0.01), 100.0)
        x = y = 0.0
        for code in _children(obj, "TextCode"):
            text = code.text or ""
            x = _number(code.get("X"), x)
            y = _number(code.get("Y"), y)
            deltas = _numbers(code.get("DeltaX"))
            for i, ch in enumerate(text):
                px, py = bx + a * x + c * y + e, by + b * x + d * y + f
                if not ch.isspace() and abs(px) < 1e5 and abs(py) < 1e5:  # on some page
                    chars.append((px, py, size * scale, ch))
                x += deltas[i] if i < len(deltas) else _advance(ch, size)
    return chars


def _lines(chars: list[tuple[float, float, float, str]]) -> list[str]:
    """The characters as lines of text, each run at the column its place gives it (a column
    being half the page's usual character size, as a Latin character is displayed)."""
    if not chars:
        return []
    unit = median(ch[2] for ch in chars) / 2
    rows: list[list[tuple[float, float, float, str]]] = []
    last = None  # the baseline of the character before, in the order of baselines
    for ch in sorted(chars, key=lambda c: (c[1], c[0])):
        # a line ends where the next baseline is lower by more than a third of a character:
        # text in one font and figures in another stand a little apart on one line, and a
        # figure centred in its cell stands between the lines of a label beside it
        if rows and last is not None and ch[1] - last <= 0.3 * ch[2]:
            rows[-1].append(ch)
        else:
            rows.append([ch])
        last = ch[1]
    out = []
    for row in rows:
        line = ""
        end = None  # where the previous character ends (mm)
        for x, _, size, ch in sorted(row):
            if end is not None and x - end > 0.3 * size:
                # a gap: the column of the place, at least two spaces after a wide gap (a new
                # cell) and one after a narrow one (a space within a cell)
                gap = 2 if x - end > 1.2 * size else 1
                line += " " * max(gap, round(x / unit) - display_width(line))
            elif end is None:
                line = " " * max(0, round(x / unit))
            line += ch
            end = x + _advance(ch, size)
        out.append(line.rstrip())
    return out


def read_ofd(data: bytes, name: str) -> Document:
    package = _Zip(data, name)
    root = package.xml("OFD.xml")
    doc_roots = [e.text.strip() for e in _children(root, "DocRoot") if e.text and e.text.strip()]
    if not doc_roots:
        raise ReportError(name, "OFD 文件不完整 / broken OFD: expected a DocRoot in OFD.xml, "
                                "found none")
    doc_path = doc_roots[0].lstrip("/")
    document = package.xml(doc_path)
    pages = [p.get("BaseLoc", "") for p in _children(document, "Page")]
    if len(pages) > MAX_PAGES:
        raise ReportError(name, f"OFD 页数过多 / too many pages: expected at most {MAX_PAGES}, "
                                f"found {len(pages)}")
    text_lines: list[str] = []
    places: list[tuple[int, int]] = []  # (page, line of the page) of each text line
    images = 0
    area = _page_area(document)
    scanned: list[tuple[Source, str]] = []
    for number, loc in enumerate(pages, 1):
        content = package.xml(_join(doc_path, loc))
        pictures = _children(content, "ImageObject")
        images += len(pictures)
        lines = _lines(_page_chars(content))
        if pictures and any(line.strip() for line in lines) \
                and _covers(pictures, _page_area(content, area)):
            scanned.append((Source(page=number), ""))
        text_lines += lines
        places += [(number, n) for n in range(1, len(lines) + 1)]
    if not any(line.strip() for line in text_lines):
        raise ReportError(name, Problem(
            "OFD 没有文字层（扫描件）/ scanned OFD: expected text, found "
            + (f"{images} images" if images else "nothing") + "; find the HTML or Word "
            "version of the report, or type the tables in"))
    doc = text_document("\n".join(text_lines).encode("utf-8"), name)
    rows = []
    for row in doc.rows:
        cells = []
        for cell in row.cells:
            line = cell.source.line
            page, on_page = places[line - 1] if line and line <= len(places) else (None, None)
            # the parser keeps the line of the laid-out text (rows are told apart by it); the
            # page and the line of the page are what a reader of the OFD finds
            cells.append(GridCell(cell.text, Source(line=line, page=page, row=on_page),
                                  cell.x))
        rows.append(GridRow(tuple(cells), aligned=row.aligned))
    # aligned columns, as the text reader finds them, are the OFD's layout (a page laid out
    # as lines of one cell each keeps the reader's name for it)
    layout = "ofd" if doc.layout == "layout-columns" else doc.layout
    return dataclasses.replace(doc, rows=tuple(rows), layout=layout, ocr=tuple(scanned))


def _page_area(element: ElementTree.Element,
               default: tuple[float, float, float, float] = (0.0, 0.0, 210.0, 297.0),
               ) -> tuple[float, float, float, float]:
    """The page's PhysicalBox (x, y, width, height in mm): the page's own, else the document's."""
    for box in _children(element, "PhysicalBox"):
        numbers = _numbers(box.text)
        if len(numbers) == 4 and numbers[2] > 0 and numbers[3] > 0:
            return numbers[0], numbers[1], numbers[2], numbers[3]
    return default


def _covers(pictures: list[ElementTree.Element],
            area: tuple[float, float, float, float]) -> bool:
    x, y, width, height = area
    return covers_page([(b[0], b[1], b[0] + b[2], b[1] + b[3]) for picture in pictures
                        if len(b := _numbers(picture.get("Boundary"))) == 4],
                       (x, y, x + width, y + height))
