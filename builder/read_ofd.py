"""An OFD file (GB/T 33190, China's fixed-layout format, the national counterpart of PDF) ->
Document. Its text objects carry their places on the page (millimetres): the characters are
laid out as lines of text with their columns kept (read_boxes), as ``pdftotext -layout`` lays
out a PDF, and that text is read by the text reader (aligned columns). Each cell's source is the page and
the line of that page (第2页第36行), and the line of the whole laid-out text, which messages
name.

Only the text layer is read: an OFD of scanned pages (images only) is refused, as a scanned
PDF is; a text object's own transformation (CTM) is applied; page templates (running headers
and footers) and annotations are left out.
"""

from __future__ import annotations

import math
import posixpath
import zipfile
from io import BytesIO
from xml.etree import ElementTree

from .errors import ReportError
from .model import Document, Problem, Source
from .read import covers_page
from .read_boxes import MAX_PAGES, Char, advance, lay_out, placed_document
from .read_docx import DAMAGED_ZIP, MAX_XML_BYTES


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


def _page_chars(content: ElementTree.Element) -> list[Char]:
    """Every character of the page's text objects (millimetres)."""
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
                    chars.append(Char(px, py, size * scale, ch, advance(ch, size * scale)))
                x += deltas[i] if i < len(deltas) else advance(ch, size)
    return chars


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
    page_lines: list[list[str]] = []
    images = 0
    area = _page_area(document)
    scanned: list[tuple[Source, str]] = []
    for number, loc in enumerate(pages, 1):
        content = package.xml(_join(doc_path, loc))
        pictures = _children(content, "ImageObject")
        images += len(pictures)
        lines = lay_out(_page_chars(content))
        if pictures and any(line.strip() for line in lines) \
                and _covers(pictures, _page_area(content, area)):
            scanned.append((Source(page=number), ""))
        page_lines.append(lines)
    if not any(line.strip() for lines in page_lines for line in lines):
        raise ReportError(name, Problem(
            "OFD 没有文字层（扫描件）/ scanned OFD: expected text, found "
            + (f"{images} images" if images else "nothing") + "; find the HTML or Word "
            "version of the report, or type the tables in"))
    # aligned columns, as the text reader finds them, are the OFD's layout
    return placed_document(page_lines, name, "ofd", ocr=tuple(scanned))


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
