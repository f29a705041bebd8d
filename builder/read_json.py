"""JSON as extraction tools write a report: the tables and the text of their elements.

One grid again, as from any other reader: a table a tool gives as rows of cells (pdfplumber's
``extract_tables`` dumped, tabula's ``-f JSON`` with a ``text`` in every cell, docling's
``grid``, pandas's ``to_json`` as records or split), as cells that each name their row and
column (OCR services' tables: Baidu's, Tencent's, Aliyun's, Azure Document Intelligence's;
Google Document AI's, its cells' text by offsets into the document's),
or as HTML in a string (MinerU's ``table_body`` or its middle.json's ``html``, unstructured's
``text_as_html``) becomes rows
of cells; the strings under
keys that hold text (``text``, ``content``, ``md_content``, ``page_content``, captions, …)
become lines of text, read as a text file is (a Markdown document in one string is read as
Markdown). Words dumped with their places (pdfplumber's ``extract_words`` or ``chars``,
PyMuPDF's ``get_text("words")``) are laid out on their pages as read_boxes lays out
pdftotext's word boxes. An element that gives a table gives nothing else but its captions and footnotes:
unstructured repeats the table's cells as one line of text beside its HTML, docling lists
every cell again beside the grid.

Lines: the rows are numbered as the lines of a text file would be, so that the parser sees
text as it sees any text (a blank line between groups, a row's figures on one line or
several); every line is mapped back to the line of the JSON file holding its string
(``Document.line_map``), and a table's cells carry their place too: the table's number in the
file, the row in it and the cell in the row, and their own line where it is not their row's
(``Document.cell_lines``).
"""

from __future__ import annotations

import bisect
import dataclasses
import json
import re
import urllib.parse
from collections.abc import Iterator
from itertools import pairwise
from typing import Any, NamedTuple

from .errors import ReportError
from .model import Document, GridCell, GridRow, Problem, Source
from .read import decode, text_document, tool_cell_text
from .read_boxes import TEXT_CONFIDENCES, Box, pages_of, placed_document

# the tokens of a JSON text that are values or keys, in order (what lies between them is
# punctuation and white space)
_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][-+]?[0-9]+)?'
                    r"|true|false|null|NaN|-?Infinity")  # (NaN and Infinity: as Python writes them)
# keys whose strings are text of the report (a key's last word: table_caption, text_as_html,
# md_content, page_content, PaddleOCR's rec_texts, RapidOCR's txts); ids, types, paths and
# labels are not
_TEXT_KEY = re.compile(r"(?:^|_)(?:texts?|txts|content|captions?|footnotes?|title|markdown|md|"
                       r"html|body|paragraphs?|lines?|cells?)$", re.IGNORECASE)
# keys whose text stays beside a table an element gives
_BESIDE_TABLE = re.compile(r"captions?|footnotes?", re.IGNORECASE)
_HTML_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_TOO_DEEP = ("JSON 嵌套过深 / JSON nested too deeply: expected a tool's elements or tables, "
             "found arrays or objects nested hundreds deep")


class _Scalar(NamedTuple):
    value: Any  # str, int, float, bool or None
    raw: str  # as written in the file (a number's digits as printed: 801.20 stays so)
    line: int


class _Object(list):
    """A JSON object as its pairs in order (a key given twice is kept twice)."""


class _Text(NamedTuple):
    text: str
    line: int


class _Table(NamedTuple):
    rows: list[list[tuple[str, int]]]  # cells: (text, line in the file)


class _Html(NamedTuple):
    html: str
    line: int


def read_json(data: bytes, name: str, lines: bool = False) -> Document:
    """``lines``: JSON Lines (a value on each line), as .jsonl and .ndjson files hold."""
    text, encoding = decode(data, name)
    values = _load(text, name, lines)
    tokens = _tokens(text)
    try:
        tree = [_annotate(v, tokens) for v in values]
        parts: list[_Text | _Table | _Html] = []
        for node in tree:
            parts.extend(_walk(node, None))
    except RecursionError:  # (the standard library's decoder goes deeper than a walk can)
        raise ReportError(name, Problem(_TOO_DEEP, line=1)) from None
    except _CellError as exc:
        raise ReportError(name, Problem(exc.args[0], line=exc.args[1])) from None
    if (texts := _pdf2json_texts(tree)) is not None or (texts := _pdfjs_texts(tree, name)) is not None:
        return placed_document(pages_of(texts, name, _are_words(texts)), name, "word-boxes",
                               encoding)
    boxes = _word_boxes(tree, name)
    if boxes is not None:
        # words with their places on the page (pdfplumber's extract_words or chars, PyMuPDF's
        # get_text("words")): laid out in their columns as pdftotext's word boxes are
        words = any(len(b.text.strip()) > 1 for b in boxes)  # (else characters)
        marks = _ocr_marks(tree)
        return placed_document(pages_of(boxes, name, words), name, "word-boxes", encoding,
                               _whole(marks[0][1]) if marks else ())
    if not parts:
        raise ReportError(name, Problem(
            "JSON 中没有报告的文字或表格 / no text or table in the JSON: expected strings under "
            "keys such as text, content or table_body, or tables as rows of cells; found "
            + _found(tree)))
    doc = _document(parts, name, encoding)
    marks = _ocr_marks(tree)
    if any(where.line is not None for where, _ in marks):
        # a box's line in the file as the lines of the document's rows it gave
        # (or of the line that holds it: Umi-OCR's boxes joined on a line, _joined_boxes)
        rows_at: dict[int, list[int]] = {}
        for n, line in enumerate(doc.line_map):
            rows_at.setdefault(line, []).append(n)
        starts = sorted(rows_at)  # (0 among them: line_map's first)
        marks = tuple((where._replace(line=n), seen) for where, seen in marks
                      for n in rows_at[starts[bisect.bisect_right(starts, where.line or 0) - 1]]
                      if n)
    return dataclasses.replace(doc, ocr=marks) if marks else doc


def _is_polygon(node: Any) -> bool:
    """A text box as OCR engines give it: four [x, y] points, or [x0, y0, x1, y1]."""
    if not isinstance(node, list) or len(node) not in (4, 8):
        return False
    points = node if all(isinstance(p, list) for p in node) else [node]
    return all(isinstance(p, list) and p and all(
        isinstance(v, _Scalar) and isinstance(v.value, int | float)
        and not isinstance(v.value, bool) for v in p) for p in points)


def _score(node: Any) -> str | None:
    if isinstance(node, _Scalar) and isinstance(node.value, float) and 0 <= node.value <= 1:
        return node.raw
    return None


# the keys of OCR services' results: Baidu's (tables_result, words_result), Tencent's
# (TableDetections, TextDetections), Aliyun's (tableCells, prism_wordsInfo), Azure Document
# Intelligence's (analyzeResult; modelId beside pages unwrapped); Google Document AI's
# Document is known by its shape (_is_document_ai)
_OCR_SERVICE_KEYS = frozenset({"tables_result", "words_result", "TableDetections",
                               "TextDetections", "tableCells", "prism_tablesInfo",
                               "prism_wordsInfo", "analyzeResult"})


# an OCR engine's text box as an object: its text, its recognition score and its place —
# PaddleOCR-json's and Umi-OCR's {text, score, box}, CnOCR's position, EasyOCR's dict output
# (boxes, confident), Surya's text lines (polygon, confidence)
_BOX_KEYS = ("box", "boxes", "position", "poly", "polygon", "points", "bbox", "text_region")
_SCORE_KEYS = ("score", "confidence", "confident", "prob")


def _text_box(pairs: dict[str, Any]) -> tuple[_Scalar, _Scalar] | None:
    """An object that is a text box with its score ({text, score, box}): its text and score."""
    text = pairs.get("text")
    if not isinstance(text, _Scalar) or not isinstance(text.value, str):
        return None
    score = next((pairs[k] for k in _SCORE_KEYS if k in pairs), None)
    if not isinstance(score, _Scalar) or not any(_is_polygon(pairs.get(k)) for k in _BOX_KEYS):
        return None
    return text, score


def _ocr_marks(tree: list[Any]) -> tuple[tuple[Source, str], ...]:
    """An OCR engine's result, which says it is one: text boxes with their recognition scores
    — [box, text, score] (RapidOCR, EasyOCR), [box, [text, score]] (PaddleOCR 2), rec_texts
    beside rec_scores (PaddleOCR 3), txts beside scores (RapidOCR 2), {text, score, box}
    objects (_text_box) —, or an OCR service's (_OCR_SERVICE_KEYS): the mark of the whole
    document, saying what shows it. Umi-OCR's reading of a PDF in its mixed mode copies the
    page's own text as boxes scored 1 (an integer) and reads only the pictures: then each
    box it read is a mark of its own line, so that a table read from the page's text stays
    readable beside a seal's OCR. No marks: (). (OCR misreads figures in ways no sum of the
    template catches: its tables are refused, as a scanned PDF's text layer is, unless the
    sidecar says every figure was checked.)"""
    stack = list(tree)
    looked = 0
    read: list[tuple[_Scalar, str]] = []  # OCR's text boxes: their text, their score
    copied = False  # a text box scored 1: a PDF's own text, copied
    while stack and looked < 10_000:
        node = stack.pop()
        looked += 1
        if isinstance(node, _Object):
            pairs = dict(node)
            service = next((k for k in pairs if k in _OCR_SERVICE_KEYS), None) or (
                "modelId" if "modelId" in pairs and "pages" in pairs else None) or (
                "Document AI" if _is_document_ai(pairs) else None)
            if service is not None:
                return _whole(f"{service}（OCR 服务的结果 / an OCR service's result）")
            for texts, scores in (("rec_texts", "rec_scores"), ("txts", "scores")):
                if isinstance(pairs.get(texts), list) and isinstance(pairs.get(scores), list):
                    first = next((_score(v) for v in pairs[scores] if _score(v)), None)
                    if first is not None:
                        return _whole(f"{scores} {first}（OCR 识别置信度 / OCR confidence）")
            if isinstance(pairs.get("text"), list) and isinstance(pairs.get("conf"), list):
                # Tesseract's words (pytesseract's image_to_data as a dict), as its TSV
                first = next((v.raw for v in pairs["conf"] if isinstance(v, _Scalar) and (
                    n := _number_of(v)) is not None and n not in TEXT_CONFIDENCES), None)
                if first is not None:
                    return _whole(f"conf {first}（OCR 识别置信度 / OCR confidence）")
            if (box := _text_box(pairs)) is not None:
                text, score = box
                if (seen := _score(score)) is not None:
                    read.append((text, seen))
                elif score.value == 1 and type(score.value) is int:
                    copied = True
                continue
            stack.extend(v for _, v in node)
        elif isinstance(node, list):
            if len(node) in (2, 3) and _is_polygon(node[0]):
                rest = node[1:] if len(node) == 3 else (
                    node[1] if isinstance(node[1], list) and len(node[1]) == 2 else [])
                if len(rest) == 2 and isinstance(rest[0], _Scalar) and \
                        isinstance(rest[0].value, str) and _score(rest[1]):
                    return _whole(f"{rest[0].value[:12]} {_score(rest[1])}（OCR 识别置信度 / OCR "
                                  "confidence）")
            stack.extend(node)
    if not read:
        return ()
    if not copied:
        text, seen = min(reversed(read), key=lambda r: r[0].line)  # (the first, as written)
        return _whole(f"{text.value[:12]} {seen}（OCR 识别置信度 / OCR confidence）")
    return tuple((Source(line=text.line), f"{text.value[:12]} {seen}（OCR 识别置信度 / OCR "
                  "confidence）") for text, seen in sorted(read, key=lambda r: r[0].line))


def _whole(seen: str) -> tuple[tuple[Source, str], ...]:
    return ((Source(), seen),)


def _load(text: str, name: str, lines: bool) -> list[Any]:
    chunks = ([(n, line) for n, line in enumerate(text.split("\n"), 1) if line.strip()]
              if lines else [(1, text)])
    out = []
    for first, chunk in chunks:
        try:
            out.append(json.loads(chunk, object_pairs_hook=_Object))
        except json.JSONDecodeError as exc:
            at = chunk[exc.pos:exc.pos + 20].split("\n", 1)[0]
            # the decoder's words: "Expecting ',' delimiter", "Expecting value", "Extra data"
            wanted = exc.msg.removeprefix("Expecting ")
            wanted = "the end of the value" if wanted == "Extra data" else wanted
            raise ReportError(name, Problem(
                f"JSON 无法解析 / not valid JSON: expected {wanted}, "
                + (f"found {at!r} at column {exc.colno}" if at else "found the end of the text"),
                line=first + exc.lineno - 1)) from None
        except RecursionError:
            raise ReportError(name, Problem(_TOO_DEEP, line=first)) from None
    return out


# pdfplumber's words and characters: their text and box (top and bottom from the page's top)
_PLUMBER_BOX = ("text", "x0", "x1", "top", "bottom")
_MIN_WORDS = 20  # fewer words with places are no page of a report


def _number_of(node: Any) -> float | None:
    if isinstance(node, _Scalar) and isinstance(node.value, int | float) \
            and not isinstance(node.value, bool):
        return float(node.value)
    return None


class _Word(NamedTuple):
    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    doctop: float | None = None  # pdfplumber's top from the document's first page
    page: int | None = None  # pdfplumber's page_number
    block: int | None = None  # PyMuPDF's block number


def _word(node: Any) -> _Word | None:
    """A word with its box: pdfplumber's object (text, x0, x1, top, bottom; doctop and
    page_number where given), or PyMuPDF's list (x0, y0, x1, y1, text, block, line, word)."""
    if isinstance(node, _Object):
        pairs = dict(node)
        if not all(k in pairs for k in _PLUMBER_BOX):
            return None
        text = pairs["text"]
        box = [_number_of(pairs[k]) for k in ("x0", "top", "x1", "bottom")]
        if not isinstance(text, _Scalar) or not isinstance(text.value, str) or None in box:
            return None
        page = _number_of(pairs.get("page_number"))
        return _Word(*box, text.value, _number_of(pairs.get("doctop")),  # type: ignore[misc]
                     int(page) if page is not None and page.is_integer() else None)
    if type(node) is list and len(node) == 8 and isinstance(node[4], _Scalar) \
            and isinstance(node[4].value, str):
        numbers = [_number_of(v) for i, v in enumerate(node) if i != 4]
        if None in numbers or not all(n.is_integer() for n in numbers[4:]):  # type: ignore[union-attr]
            return None
        x0, y0, x1, y1, block = numbers[:5]
        return _Word(x0, y0, x1, y1, node[4].value, block=int(block))  # type: ignore[arg-type]
    return None


def _mupdf_spans(tree: list[Any]) -> list[Box] | None:
    """PyMuPDF's page.get_text("dict") / "json" / "rawjson" dumped (a page, a list of pages, or
    JSON Lines of them): each page's blocks of lines of spans, a span's text (rawjson: its
    characters' c) and bbox, as boxes on the page; None for any other JSON."""
    root = tree[0] if len(tree) == 1 and isinstance(tree[0], list) else tree
    pages = [dict(p) for p in root if isinstance(p, _Object)]
    if not pages or len(pages) != len(root) or not all("blocks" in p for p in pages):
        return None
    boxes = []
    for number, page in enumerate(pages, 1):
        for block in _items(page["blocks"]):
            for line in _items(dict(block).get("lines")) if isinstance(block, _Object) else ():
                for span in _items(dict(line).get("spans")) if isinstance(line, _Object) else ():
                    fields = dict(span) if isinstance(span, _Object) else {}
                    bbox = fields.get("bbox")
                    place = [_number_of(v) for v in bbox] if type(bbox) is list else []
                    text = fields.get("text")
                    if text is None and type(chars := fields.get("chars")) is list:
                        text = "".join(c.value for ch in chars if isinstance(ch, _Object)
                                       and isinstance(c := dict(ch).get("c"), _Scalar)
                                       and isinstance(c.value, str))
                    elif isinstance(text, _Scalar) and isinstance(text.value, str):
                        text = text.value
                    if len(place) != 4 or None in place or not isinstance(text, str):
                        return None  # not PyMuPDF's spans
                    boxes.append(Box(number, *place, text))  # type: ignore[arg-type]
    return boxes if len(boxes) >= _MIN_WORDS else None


# pdf2json (Node.js, on PDF.js) places a text by x and y in its page units (4.5 to the inch:
# 16 points each) and gives its width (w) and size (TS[1]) in points
_PDF2JSON_UNIT = 16.0
_URI_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")


def _pdf2json_texts(tree: list[Any]) -> list[Box] | None:
    """pdf2json's output ({"Pages": [{"Texts": [{"x", "y", "w", "R": [{"T", "TS"}]}]}]}, older
    versions under "formImage" with each text URI-escaped): each text as a box on its page;
    None for any other JSON."""
    if len(tree) != 1 or not isinstance(tree[0], _Object):
        return None
    root = dict(tree[0])
    if isinstance(root.get("formImage"), _Object):
        root = dict(root["formImage"])
    pages = root.get("Pages")
    if type(pages) is not list or not pages or not all(
            isinstance(p, _Object) and type(dict(p).get("Texts")) is list for p in pages):
        return None
    found: list[tuple[int, float, float, float, float, str]] = []
    for number, page in enumerate(pages, 1):
        for item in dict(page)["Texts"]:
            fields = dict(item) if isinstance(item, _Object) else {}
            x, y, w = (_number_of(fields.get(k)) for k in ("x", "y", "w"))
            runs = [dict(r) for r in _items(fields.get("R")) if isinstance(r, _Object)]
            texts = [r.get("T") for r in runs]
            style = [_number_of(v) for v in _items(runs[0].get("TS"))] if runs else []
            if None in (x, y, w) or not texts or not all(
                    isinstance(t, _Scalar) and isinstance(t.value, str) for t in texts) \
                    or len(style) < 2 or style[1] is None:
                return None  # not pdf2json's text
            found.append((number, x, y, w, style[1], "".join(t.value for t in texts)))  # type: ignore
    if len(found) < _MIN_WORDS:
        return None
    if any(_URI_ESCAPE.search(text) for *_, text in found):
        found = [(*place, urllib.parse.unquote(text)) for *place, text in found]
    # its width and size are the font's before the text's matrix scales them (a browser's PDF:
    # 16 for characters 12.25 points apart): scaled by how far apart Chinese characters set
    # one by one on a line stand, where enough do
    ratios = sorted(
        (b[1] - a[1]) * _PDF2JSON_UNIT / a[3] for a, b in pairwise(found)
        if a[0] == b[0] and a[2] == b[2] and b[1] > a[1] and a[3] > 0
        and len(a[5]) == len(b[5]) == 1 and ord(a[5]) > 0x2E7F and ord(b[5]) > 0x2E7F)
    scale = min(1.0, ratios[len(ratios) // 2]) if len(ratios) >= _MIN_WORDS else 1.0
    boxes = []
    for number, x, y, w, size, text in found:
        left, top = x * _PDF2JSON_UNIT, y * _PDF2JSON_UNIT
        boxes.append(Box(number, left, top, left + w * scale, top + size * scale, text))
    return boxes


def _are_words(boxes: list[Box]) -> bool:
    """Whether a PDF.js tool's texts are words (else characters, as a browser's PDF sets them
    one by one): by the median text's length."""
    lengths = sorted(len(t) for b in boxes if (t := b.text.strip()))
    return bool(lengths) and lengths[len(lengths) // 2] > 1


# PDF.js's page.getTextContent(): {"items": [{"str", "dir", "width", "height", "transform":
# [a, b, c, d, x, y], "fontName", "hasEOL"}], "styles", "lang"}, x and y the baseline's start
# in the page's points from its foot; marked content ({"type": "beginMarkedContent"}) holds no text
_PDFJS_ITEM = ("str", "transform", "width", "height")
_PAGE_KEYS = ("page", "pageNumber", "page_number", "pageNum")


def _pdfjs_page_items(root: Any) -> list[tuple[int | None, list[Any]]] | None:
    """The pages of a dump of getTextContent: one page's content, a list of pages' (or under
    "pages"), or a list of items each naming its page (one page if none does)."""
    def content(node: Any) -> list[Any] | None:
        return dict(node).get("items") if isinstance(node, _Object) else None

    if isinstance(root, _Object) and type(content(root)) is not list \
            and type(pages := dict(root).get("pages")) is list:
        root = pages
    if type(content(root)) is list:
        return [(1, content(root))]  # type: ignore[list-item]
    if type(root) is not list or not root:
        return None
    if all(type(content(p)) is list for p in root):
        return [(n, content(p)) for n, p in enumerate(root, 1)]  # type: ignore[misc]
    return [(None, root)]


def _pdfjs_texts(tree: list[Any], name: str) -> list[Box] | None:
    """PDF.js's text content (pdfjs-dist's getTextContent, as a script dumps it to JSON):
    each item's text as a box on its page, its top from the highest baseline on the page; None
    for any other JSON. Where most items are PDF.js's, one whose place cannot be read refuses
    the file at its line (read as text, neighbouring cells' figures would run together)."""
    root = tree[0] if len(tree) == 1 else tree
    pages = _pdfjs_page_items(root)
    if pages is None:
        return None
    items = [(number, item, dict(item)) for number, found in pages for item in found
             if isinstance(item, _Object)]
    texts = [(n, item, fields) for n, item, fields in items
             if "str" in fields or not isinstance(fields.get("type"), _Scalar)]  # (marked content)
    if len(texts) < _MIN_WORDS or sum(all(k in f for k in _PDFJS_ITEM) for *_, f in texts) \
            < 0.8 * len(texts) or len(items) < sum(len(found) for _, found in pages):
        return None
    found: list[tuple[int, float, float, float, float, str]] = []
    for number, item, fields in texts:
        matrix = fields.get("transform")
        place = [_number_of(v) for v in matrix] if type(matrix) is list else []
        text, width, height = (fields.get(k) for k in ("str", "width", "height"))
        page = number
        if page is None:
            named = next((_number_of(fields[k]) for k in _PAGE_KEYS if k in fields), 1.0)
            page = int(named) if named is not None and named.is_integer() else None
        if len(place) != 6 or None in place or _number_of(width) is None \
                or _number_of(height) is None or not isinstance(text, _Scalar) \
                or not isinstance(text.value, str) or page is None:
            raise ReportError(name, Problem(
                "文字的位置无法识别 / a text item's place unreadable: expected PDF.js's str, "
                "transform (six numbers), width and height (and its page as a whole number), "
                f"found {_shown(item)}", line=_first_line(item)))
        found.append((page, place[4], place[5], _number_of(width), _number_of(height),  # type: ignore
                      text.value))
    # y grows up the page from its foot: a top from the page's highest text down
    heads: dict[int, float] = {}
    for page, _, y, _, height, _ in found:
        heads[page] = max(heads.get(page, y + height), y + height)
    return [Box(page, x, heads[page] - y - height, x + width, heads[page] - y, text)
            for page, x, y, width, height, text in found]


def _items(node: Any) -> list[Any]:
    return node if type(node) is list else []


def _word_boxes(tree: list[Any], name: str) -> list[Box] | None:
    """The words of a dump of words with their places, as read_boxes's boxes (page, x0, top,
    x1, bottom, text): a list of words (JSON Lines of them), or a list of pages of words.
    Pages: pdfplumber's page_number where given, else one page measured by doctop; PyMuPDF's
    pages begin where its block numbers begin again. A dump of words one of which has no
    box (a place not a number, a key missing) is refused at that word's line: read as text,
    words in their order, the figures of neighbouring cells had run together (114 and 252 as
    114252)."""
    if (spans := _mupdf_spans(tree)) is not None:
        return spans
    if len(tree) == 1 and isinstance(tree[0], _Object):
        return _column_boxes(dict(tree[0]), name)
    root = tree[0] if len(tree) == 1 and isinstance(tree[0], list) else tree
    nested = bool(root) and all(type(p) is list and _word(p) is None for p in root)
    pages = root if nested else [root]
    words = [[_word(item) for item in page] for page in pages]
    count = sum(w is not None for page in words for w in page)
    if count < _MIN_WORDS or count < 0.8 * sum(len(page) for page in pages):
        return None
    boxes: list[Box] = []
    for n, (page, found) in enumerate(zip(pages, words, strict=True), 1):
        number = n
        last_block = None
        for item, word in zip(page, found, strict=True):
            if word is None:
                raise ReportError(name, Problem(
                    "词的位置无法识别 / a word's box unreadable: expected its text and place as "
                    "numbers (pdfplumber's text, x0, x1, top, bottom; PyMuPDF's x0, y0, x1, y1, "
                    f"text, block, line, word), found {_shown(item)}", line=_first_line(item)))
            top, bottom = word.top, word.bottom
            if word.page is not None:
                number = word.page
            elif word.block is not None:
                if not nested and last_block is not None and word.block < last_block:
                    number += 1
                last_block = word.block
            elif word.doctop is not None and not nested:
                top, bottom = word.doctop, word.doctop + bottom - top
            boxes.append(Box(number, word.x0, top, word.x1, bottom, word.text))
    return boxes


# Tesseract's words as pytesseract's image_to_data(output_type=Output.DICT) gives them: a list
# for each field (level, page_num, …, left, top, width, height, conf, text), a word's at its index
_COLUMNS = ("left", "top", "width", "height", "text")


def _column_boxes(pairs: dict[str, Any], name: str) -> list[Box] | None:
    columns = [pairs.get(k) for k in _COLUMNS]
    if not all(type(c) is list for c in columns) or len({len(c) for c in columns}) != 1 \
            or len(columns[0]) < _MIN_WORDS:
        return None
    level, page = pairs.get("level"), pairs.get("page_num")
    boxes = []
    for i, (left, top, width, height, text) in enumerate(zip(*columns, strict=True)):
        if type(level) is list and i < len(level) and _number_of(level[i]) != 5:
            continue  # a page's, block's, paragraph's or line's box: no word
        place = [_number_of(v) for v in (left, top, width, height)]
        on = _number_of(page[i]) if type(page) is list and i < len(page) else 1.0
        if None in place or on is None or not on.is_integer() or not isinstance(text, _Scalar) \
                or not isinstance(text.value, str):
            raise ReportError(name, Problem(
                "词的位置无法识别 / a word's box unreadable: expected its left, top, width, "
                "height and page_num as numbers and its text as a string, found "
                f"{_shown(left)}, {_shown(top)}, {_shown(width)}, {_shown(height)}, "
                f"{_shown(text)}", line=_first_line(text)))
        x, y, w, h = place
        boxes.append(Box(int(on), x, y, x + w, y + h, text.value))  # type: ignore[operator]
    return boxes or None


def _first_line(node: Any) -> int | None:
    """The line of a value's first scalar (an object's or array's first value)."""
    if isinstance(node, _Scalar):
        return node.line
    for item in node if isinstance(node, list) else ():
        line = _first_line(item[1] if isinstance(node, _Object) else item)
        if line is not None:
            return line
    return None


def _shown(node: Any) -> str:
    """A value as its JSON shows it, shortened."""
    if isinstance(node, _Scalar):
        return node.raw[:40]
    if isinstance(node, _Object):
        inner = ", ".join(f"{k}: {_shown(v)}" for k, v in node[:6])
        return "{" + inner[:100] + "}"
    if isinstance(node, list):
        return "[" + ", ".join(_shown(v) for v in node[:8])[:100] + "]"
    return repr(node)[:40]


def _tokens(text: str) -> Iterator[tuple[str, int]]:
    line = 1
    at = 0
    for m in _TOKEN.finditer(text):
        line += text.count("\n", at, m.start())
        at = m.start()
        yield m.group(), line


def _annotate(value: Any, tokens: Iterator[tuple[str, int]]) -> Any:
    """The value with each string, number, true, false and null as a _Scalar (its place)."""
    if isinstance(value, _Object):
        out = _Object()
        for key, item in value:
            next(tokens)  # the key
            out.append((key, _annotate(item, tokens)))
        return out
    if isinstance(value, list):
        return [_annotate(item, tokens) for item in value]
    raw, line = next(tokens)
    return _Scalar(value, raw, line)


def _cell(node: Any) -> tuple[str, int] | None:
    """A table cell: a value, or an object with its text (tabula's and docling's cells)."""
    if isinstance(node, _Scalar):  # null is a blank cell; a number as the file prints it
        value = node.value
        return ("" if value is None else value if isinstance(value, str) else node.raw,
                node.line)
    if isinstance(node, _Object):
        for key, item in node:
            if key == "text" and isinstance(item, _Scalar) and isinstance(item.value, str):
                return item.value, item.line
    return None


def _grid(node: list) -> _Table | None:
    """Rows of cells: a list of lists of cells, a string among them (a table of one row: a
    page broke the table before its last row)."""
    if not node or not all(isinstance(row, list) for row in node):
        return None
    rows = []
    for row in node:
        cells = [_cell(item) for item in row]
        if any(c is None for c in cells):
            return None
        rows.append(cells)
    if max(len(r) for r in rows) < 2 or not any(
            isinstance(item, _Object) or isinstance(item.value, str)
            for row in node for item in row):
        return None  # coordinates, a polygon's points
    return _Table(rows)


def _records(node: list) -> _Table | None:
    """pandas's to_json(orient="records") (camelot's JSON): objects of the same keys and
    values only — the keys are the columns' headings, unless they are pandas's column numbers.
    An element of a tool (a key that holds text, or its type) is no record; nor is one object
    alone, unless its keys are column numbers (a table of one row)."""
    if not node or not all(isinstance(item, _Object) and len(item) >= 2 for item in node):
        return None
    keys = [k for k, _ in node[0]]
    if len(set(keys)) < len(keys) or any(_TEXT_KEY.search(k) or k == "type" for k in keys):
        return None
    if len(node) == 1 and not all(k.isdigit() for k in keys):
        return None
    for item in node:
        if [k for k, _ in item] != keys or not all(isinstance(v, _Scalar) for _, v in item):
            return None
    rows = [] if all(k.isdigit() for k in keys) else \
        [[(k, node[0][i][1].line) for i, k in enumerate(keys)]]
    rows.extend([_cell(v) for _, v in item] for item in node)  # type: ignore[misc]
    return _Table(rows)


def _split(pairs: dict[str, Any]) -> _Table | None:
    """pandas's to_json(orient="split"): {"columns": […], "index": […], "data": [[…]]}."""
    data, columns = pairs.get("data"), pairs.get("columns")
    if not (isinstance(data, list) and isinstance(columns, list)) or set(pairs) - {
            "columns", "index", "data", "schema"}:
        return None
    table = _grid(data)
    if table is None or not all(isinstance(c, _Scalar) for c in columns):
        return None
    if all(isinstance(c.value, int) or str(c.value).isdigit() for c in columns):
        return table
    return _Table([[_cell(c) for c in columns], *table.rows])  # type: ignore[list-item]


# a cell object's place and text, by the key with "_" left out and in lower case: Azure
# Document Intelligence's rowIndex / columnIndex / content, Baidu's row_start / col_start /
# words, Tencent's RowTl / ColTl / Text, Aliyun's ysc / xsc with its text in blocks, docling's
# start_row_offset_idx / start_col_offset_idx / text
_ROW_KEYS = frozenset({"rowindex", "row", "rowidx", "rowstart", "startrow", "rowtl", "ysc",
                       "startrowoffsetidx"})
_COL_KEYS = frozenset({"columnindex", "colindex", "column", "col", "colidx", "colstart",
                       "startcol", "columnstart", "startcolumn", "coltl", "xsc",
                       "startcoloffsetidx"})
_CELL_TEXT_KEYS = frozenset({"text", "content", "words", "detectedtext"})


# the largest table an indexed cell list can make (the template's tables: 30 rows, 9 columns)
MAX_CELL_ROWS = 2_000
MAX_CELL_COLUMNS = 100


class _CellError(Exception):
    """An indexed cell list that cannot be a table: (message, line)."""


def _index(node: Any) -> int | None:
    if isinstance(node, _Scalar) and not isinstance(node.value, bool):
        value = node.value
        if isinstance(value, int) and value >= 0:
            return value
        if isinstance(value, str) and value.isdigit():
            return int(value)
    return None


def _indexed_cell(node: Any) -> tuple[int, int, str, int] | None:
    """An object of an indexed cell list: (row, column, text, line); its text a string under a
    text key, or the texts of the objects in a list under one (Aliyun's blocks), joined by
    line breaks as a cell's lines; no text is an empty cell."""
    if not isinstance(node, _Object):
        return None
    row = col = None
    text: tuple[str, int] | None = None
    line = 0
    for key, item in node:
        name = key.replace("_", "").lower()
        if name in _ROW_KEYS and row is None:
            row, line = _index(item), getattr(item, "line", 0)
            if row is None:
                return None
        elif name in _COL_KEYS and col is None:
            col = _index(item)
            if col is None:
                return None
        elif text is None and isinstance(item, _Scalar) and name in _CELL_TEXT_KEYS:
            text = ("" if item.value is None else item.value if isinstance(item.value, str)
                    else item.raw, item.line)
        elif text is None and isinstance(item, list) and item and all(
                isinstance(i, _Object) for i in item):
            pieces = [_indexed_text(i) for i in item]
            if all(p is not None for p in pieces):
                text = ("\n".join(p[0] for p in pieces if p[0]),  # type: ignore[index]
                        pieces[0][1])  # type: ignore[index]
    if row is None or col is None:
        return None
    return (row, col, *(text or ("", line)))


def _indexed_text(node: _Object) -> tuple[str, int] | None:
    for key, item in node:
        if (key.replace("_", "").lower() in _CELL_TEXT_KEYS and isinstance(item, _Scalar)
                and isinstance(item.value, str)):
            return item.value, item.line
    return None


def _indexed(node: list) -> _Table | None:
    """A table as a list of cells that each name their row and column (OCR services' table
    JSON): the cells put in their places whatever their order in the list, a merged cell's
    text in its first row and column and the places it covers blank (as a table finder's CSV
    has them), the rows and columns counted from the first one given."""
    if len(node) < 2:
        return None
    cells = [_indexed_cell(item) for item in node]
    if any(c is None for c in cells) or not any(c[2].strip() for c in cells):  # type: ignore[index]
        return None
    return _placed(cells)  # type: ignore[arg-type]


def _placed(cells: list[tuple[int, int, str, int]]) -> _Table:
    """Cells that name their row and column, (row, column, text, line), as a table's rows."""
    top = min(c[0] for c in cells)
    left = min(c[1] for c in cells)
    places: dict[tuple[int, int], tuple[str, int]] = {}
    for row, col, text, line in cells:
        place = (row - top, col - left)
        held = places.get(place)
        if place[0] >= MAX_CELL_ROWS or place[1] >= MAX_CELL_COLUMNS:
            raise _CellError(
                "表格行号或列号过大 / a table cell's row or column out of range: expected at most "
                f"{MAX_CELL_ROWS:,} rows and {MAX_CELL_COLUMNS} columns from the first, found "
                f"row {row} column {col}", line)
        if held is not None and held[0].strip() and text.strip() and held[0] != text:
            raise _CellError(
                "表格两个单元格位置相同 / two cells of a table at one place: expected one text at "
                f"each row and column, found 第{row}行第{col}列 / row {row} column {col}: "
                f"{held[0]!r} (line {held[1]}) and {text!r}", line)
        if held is None or not held[0].strip():
            places[place] = (text, line)
    width = max(c for _, c in places) + 1
    rows = []
    line = 0
    for r in range(max(r for r, _ in places) + 1):
        # a place no cell covers: blank, on the line of the row's first cell
        line = next((places[(r, c)][1] for c in range(width) if (r, c) in places), line)
        rows.append([places.get((r, c), ("", line)) for c in range(width)])
    return _Table(rows)


def _walk(node: Any, key: str | None) -> list[_Text | _Table | _Html]:
    if isinstance(node, _Scalar):
        value = node.value
        if not isinstance(value, str) or not value.strip():
            return []
        if _HTML_TABLE.search(value):
            return [_Html(value, node.line)]
        if key is None or _TEXT_KEY.search(key):
            return [_Text(value, node.line)]
        return []
    if isinstance(node, _Object):
        pairs = dict(node)  # (once: every object of the file is asked each of these)
        table = _split(pairs)
        if table is not None:
            return [table]
        # a tool's whole document, known by its shape and read its own way
        for read in (_docling, _azure, _mineru_middle, _document_ai):
            document = read(pairs)
            if document is not None:
                return document
        parts: list[tuple[str, Any, list[_Text | _Table | _Html]]] = [
            (k, item, _walk(item, k)) for k, item in node]
        if any(isinstance(p, _Table | _Html) for _, _, got in parts for p in got):
            # an element that gives a table: its own text repeats the table's cells
            return [p for k, item, got in parts for p in got
                    if not (isinstance(p, _Text) and isinstance(item, _Scalar))
                    or _BESIDE_TABLE.search(k)]
        return [p for _, _, got in parts for p in got]
    table = _grid(node) or _records(node) or _indexed(node)
    if table is not None:
        return [table]
    joined = _joined_boxes(node)
    if joined is not None:
        return joined
    return [p for item in node for p in _walk(item, key)]


def _joined_boxes(node: list) -> list[_Text] | None:
    """Umi-OCR's text boxes of a page, each with the text that follows it (end: a line break,
    a space or nothing, as its layout parser found them): the page's text as Umi-OCR's own
    text output joins it, each line at the line in the file of the box that begins it. (One
    box a line, the figures of a row the parser put on two lines had been read one after
    another, the row's total among them.) None for anything else."""
    if not node or not all(isinstance(item, _Object) for item in node):
        return None
    boxes = [dict(item) for item in node]
    if not all(isinstance(pairs.get("end"), _Scalar) and isinstance(pairs["end"].value, str)
               and _text_box(pairs) is not None for pairs in boxes):
        return None
    out: list[_Text] = []
    line, at = "", None
    for i, pairs in enumerate(boxes):
        text = pairs["text"]
        if at is None:
            at = text.line
        line += text.value
        end = pairs["end"].value if i < len(boxes) - 1 else "\n"
        *done, line = (line + end).split("\n")
        for piece in done:
            out.append(_Text(piece, at))
            at = None if not line else text.line
    return out


def _docling(pairs: dict[str, Any]) -> list[_Text | _Table | _Html] | None:
    """docling's document (export_to_dict): its body's items in reading order, by their
    references (#/texts/3, #/tables/0, groups' children); a table as its grid (a merged cell's
    text in every cell it spans; without one, its table_cells by their places), its captions
    before it and its footnotes after; the texts of a table's cells (children of the table)
    are the grid's, and pictures and the page furniture are left out."""
    body = pairs.get("body")
    if not isinstance(body, _Object) or not isinstance(pairs.get("texts"), list):
        return None
    items: dict[str, Any] = {}
    for key in ("texts", "tables", "groups"):
        if isinstance(pairs.get(key), list):
            items.update((f"#/{key}/{i}", item) for i, item in enumerate(pairs[key]))
    out: list[_Text | _Table | _Html] = []
    seen: set[str] = set()

    def refs(item: _Object, key: str) -> list[str]:
        value = dict(item).get(key)
        return [v.value for r in value if isinstance(r, _Object)
                for k, v in r if k == "$ref" and isinstance(v, _Scalar)
                and isinstance(v.value, str)] if isinstance(value, list) else []

    def visit(ref: str) -> None:
        item = items.get(ref)
        if ref in seen or not isinstance(item, _Object):
            return
        seen.add(ref)
        fields = dict(item)
        if ref.startswith("#/tables/"):
            for caption in refs(item, "captions"):
                visit(caption)
            data = dict(fields["data"]) if isinstance(fields.get("data"), _Object) else {}
            grid, cells = data.get("grid"), data.get("table_cells")
            # the grid (a merged cell's text in every place it spans), else the cells by
            # their offsets (docling-core's table_cells; a merged cell's text once)
            table = (_grid(grid) if isinstance(grid, list) else None) or (
                _indexed(cells) if isinstance(cells, list) else None)
            if table is not None:
                out.append(table)
            for footnote in refs(item, "footnotes"):
                visit(footnote)
            return
        text = fields.get("text")
        if isinstance(text, _Scalar) and isinstance(text.value, str) and text.value.strip():
            out.append(_Text(text.value, text.line))
        for child in refs(item, "children"):
            visit(child)

    for child in refs(body, "children"):
        visit(child)
    return out


# paragraphs of a page's margins (Azure Document Intelligence's roles)
_FURNITURE_ROLES = frozenset({"pageHeader", "pageFooter", "pageNumber"})


def _azure(pairs: dict[str, Any]) -> list[_Text | _Table | _Html] | None:
    """Azure Document Intelligence's analyzeResult: the document's text is there four times
    over (content, the pages' lines and words, the paragraphs) and the tables' text again as
    paragraphs. Read: the paragraphs that are no table's (a cell's elements, or inside a
    table's span) and not the pages' margins, and the tables as their cells, in the order of
    the content (the spans' offsets); without paragraphs, the content alone."""
    content = pairs.get("content")
    if not (isinstance(pairs.get("pages"), list) and isinstance(content, _Scalar)
            and isinstance(content.value, str) and ("modelId" in pairs or "apiVersion" in pairs)):
        return None
    paragraphs = pairs.get("paragraphs")
    if not isinstance(paragraphs, list) or not paragraphs:
        return _walk(content, "content")

    def spans(item: _Object) -> list[tuple[int, int]]:
        out = []
        for span in dict(item).get("spans") or []:
            if isinstance(span, _Object):
                fields = dict(span)
                start, length = _index(fields.get("offset")), _index(fields.get("length"))
                if start is not None and length is not None:
                    out.append((start, start + length))
        return out

    placed: list[tuple[int, int, _Text | _Table]] = []
    in_tables: set[int] = set()
    table_spans: list[tuple[int, int]] = []
    tables = pairs.get("tables")
    for n, table in enumerate(tables if isinstance(tables, list) else []):
        if not isinstance(table, _Object):
            continue
        fields = dict(table)
        cells = fields.get("cells")
        grid = _indexed(cells) if isinstance(cells, list) else None
        if grid is None:
            continue
        for cell in cells:  # type: ignore[union-attr]
            elements = dict(cell).get("elements") if isinstance(cell, _Object) else None
            for ref in elements if isinstance(elements, list) else []:
                if isinstance(ref, _Scalar) and isinstance(ref.value, str) and \
                        ref.value.startswith("/paragraphs/") and ref.value[12:].isdigit():
                    in_tables.add(int(ref.value[12:]))
        places = spans(table)
        table_spans.extend(places)
        placed.append((_begins(places), n, grid))
    for n, paragraph in enumerate(paragraphs):
        if not isinstance(paragraph, _Object) or n in in_tables:
            continue
        fields = dict(paragraph)
        role, text = fields.get("role"), fields.get("content")
        if (isinstance(role, _Scalar) and role.value in _FURNITURE_ROLES) or not (
                isinstance(text, _Scalar) and isinstance(text.value, str)):
            continue
        at = _begins(spans(paragraph))
        if _within(at, table_spans):
            continue
        placed.append((at, -1, _Text(text.value, text.line)))
    return _in_text_order(placed)


# the readers of documents whose parts point into their text by offsets (Azure's spans,
# Document AI's text anchors): where a part begins, whether it is inside a table, the parts
# in the order of the text

def _begins(places: list[tuple[int, int]]) -> int:
    """Where text at these offsets begins (unknown: after everything)."""
    return min((a for a, _ in places), default=1 << 60)


def _within(at: int, spans: list[tuple[int, int]]) -> bool:
    return any(a <= at < b for a, b in spans)


def _in_text_order(placed: list[tuple[int, int, _Text | _Table]]) -> list[_Text | _Table | _Html]:
    """(offset, table number or -1, part) by offset, a table before a paragraph at its place."""
    placed.sort(key=lambda p: p[:2])
    return [part for _, _, part in placed]


# the blocks of MinerU's middle.json that are no text of the report (pictures, formulas)
_MIDDLE_SKIPPED = frozenset({"image_body", "interline_equation", "equation"})
_WESTERN = re.compile(r"[0-9A-Za-z.,;:%)\]]$")


def _mineru_middle(pairs: dict[str, Any]) -> list[_Text | _Table | _Html] | None:
    """MinerU's middle.json (``pdf_info``: each page's blocks three times over — as found
    (preproc_blocks), in reading order (para_blocks), and the tables and pictures again —,
    and the page's margins as discarded_blocks): the para_blocks of every page in order; a
    text block as one line (its lines' spans joined, as MinerU's Markdown joins them), a
    table's body as its HTML (a span's ``html``), its caption and footnote as text; pictures,
    formulas and the margins left out."""
    pages = pairs.get("pdf_info")
    if not (isinstance(pages, list) and pages and all(
            isinstance(p, _Object) and "para_blocks" in dict(p) for p in pages)):
        return None
    out: list[_Text | _Table | _Html] = []

    def block(item: Any) -> None:
        if not isinstance(item, _Object):
            return
        fields = dict(item)
        kind = fields.get("type")
        if isinstance(kind, _Scalar) and kind.value in _MIDDLE_SKIPPED:
            return
        if isinstance(fields.get("blocks"), list):  # a table's or a picture's parts
            for part in fields["blocks"]:
                block(part)
            return
        pieces: list[_Scalar] = []
        for line in fields.get("lines") or []:
            for span in (dict(line).get("spans") or []) if isinstance(line, _Object) else []:
                if not isinstance(span, _Object):
                    continue
                sp = dict(span)
                html, text = sp.get("html"), sp.get("content")
                if isinstance(html, _Scalar) and isinstance(html.value, str) \
                        and _HTML_TABLE.search(html.value):
                    out.append(_Html(html.value, html.line))
                elif isinstance(text, _Scalar) and isinstance(text.value, str):
                    pieces.append(text)
        if pieces:
            joined = ""
            for piece in pieces:
                value = piece.value.strip()
                joined += (" " if joined and _WESTERN.search(joined) and value[:1].isascii()
                           and value[:1].isalnum() else "") + value
            if joined:
                out.append(_Text(joined, pieces[0].line))

    for page in pages:
        for item in dict(page).get("para_blocks") or []:
            block(item)
    return out


def _is_document_ai(pairs: dict[str, Any]) -> bool:
    """Google Document AI's Document: its text, and pages whose paragraphs, lines, tokens and
    tables point into it (layout.textAnchor)."""
    pages, text = pairs.get("pages"), pairs.get("text")
    return (isinstance(text, _Scalar) and isinstance(text.value, str) and isinstance(pages, list)
            and bool(pages) and isinstance(pages[0], _Object) and "pageNumber" in dict(pages[0])
            and any(k in dict(pages[0]) for k in ("paragraphs", "tokens", "lines", "tables")))


def _document_ai(pairs: dict[str, Any]) -> list[_Text | _Table | _Html] | None:
    """Google Document AI's Document: the text is there once, and every paragraph, line and
    token, and every table's cell, points into it by offsets (textAnchor.textSegments,
    startIndex left out when 0). Read: the tables by their cells (header rows, then body
    rows; a cell's rowSpan and colSpan), the paragraphs outside them, in the order of the
    text; without paragraphs, the text alone. A cell's line is its offsets' line."""
    if not _is_document_ai(pairs):
        return None
    whole: str = pairs["text"].value

    def segments(item: Any) -> tuple[list[tuple[int, int]], int]:
        fields = dict(item) if isinstance(item, _Object) else {}
        layout = fields.get("layout")
        anchor = dict(layout).get("textAnchor") if isinstance(layout, _Object) else None
        out, line = [], 0
        for seg in (dict(anchor).get("textSegments") or []) if isinstance(anchor, _Object) else []:
            if not isinstance(seg, _Object):
                continue
            f = dict(seg)
            start = _index(f["startIndex"]) if "startIndex" in f else 0
            end = _index(f.get("endIndex"))
            if start is not None and end is not None and start <= end:
                out.append((start, end))
                line = line or getattr(f.get("endIndex"), "line", 0)
        return out, line

    def text_of(places: list[tuple[int, int]]) -> str:
        return "".join(whole[a:b] for a, b in places)

    placed: list[tuple[int, int, _Text | _Table]] = []
    table_spans: list[tuple[int, int]] = []
    for page in pairs["pages"]:
        fields = dict(page) if isinstance(page, _Object) else {}
        for n, table in enumerate(fields.get("tables") or []):
            if not isinstance(table, _Object):
                continue
            t = dict(table)
            rows = [r for key in ("headerRows", "bodyRows") for r in (t.get(key) or [])
                    if isinstance(r, _Object)]
            cells: list[tuple[int, int, str, int]] = []
            taken: set[tuple[int, int]] = set()
            for r, row in enumerate(rows):
                c = 0
                for cell in dict(row).get("cells") or []:
                    if not isinstance(cell, _Object):
                        continue
                    while (r, c) in taken:
                        c += 1
                    f = dict(cell)
                    height = _index(f.get("rowSpan")) or 1
                    width = _index(f.get("colSpan")) or 1
                    if r + height > MAX_CELL_ROWS or c + width > MAX_CELL_COLUMNS:
                        raise _CellError(
                            "表格单元格跨行或跨列过多 / a table cell spans too far: expected at "
                            f"most {MAX_CELL_ROWS:,} rows and {MAX_CELL_COLUMNS} columns, found "
                            f"rowSpan {height}, colSpan {width}", getattr(f.get("rowSpan"), "line", 0))
                    taken.update((r + i, c + j) for i in range(height) for j in range(width))
                    places, line = segments(cell)
                    cells.append((r, c, text_of(places).strip(), line))
                    c += width
            if cells and any(text for _, _, text, _ in cells):
                places, _ = segments(table)
                table_spans.extend(places)
                placed.append((_begins(places), n, _placed(cells)))
        for paragraph in fields.get("paragraphs") or []:
            places, line = segments(paragraph)
            text = text_of(places).strip()
            if text and not _within(places[0][0], table_spans):
                placed.append((places[0][0], -1, _Text(text, line)))
    if not any(isinstance(p, _Text) for _, _, p in placed):
        placed.append((0, -1, _Text(whole, pairs["text"].line)))
    return _in_text_order(placed)


def _found(tree: list[Any]) -> str:
    keys = []
    for node in tree:
        stack = [node]
        while stack and len(keys) < 8:
            item = stack.pop(0)
            if isinstance(item, _Object):
                keys.extend(k for k, _ in item if k not in keys)
                stack.extend(v for _, v in item)
            elif isinstance(item, list):
                stack.extend(item)
    if keys:
        return "keys " + ", ".join(keys[:8])
    if len(tree) == 1 and tree[0] == []:
        return "an empty object" if isinstance(tree[0], _Object) else "an empty array"
    return "no string"


def _document(parts: list[_Text | _Table | _Html], name: str, encoding: str) -> Document:
    """The parts as one grid; its rows numbered as lines, each mapped to the file's line."""
    rows: list[GridRow] = []
    line_map: list[int] = [0]  # a row's line -> the line in the file
    cell_lines: list[tuple[tuple[int, int, int], int]] = []  # a cell's own line, where not its row's
    furniture: set[int] = set()
    layouts: list[tuple[int, str]] = []
    tables = grids = 0
    i = 0
    while i < len(parts):
        part = parts[i]
        if isinstance(part, _Text):
            run: list[_Text] = []
            while i < len(parts) and isinstance(parts[i], _Text):
                run.append(parts[i])  # type: ignore[arg-type]
                i += 1
            # a string's lines as the text's reader cuts them (CR LF, CR or LF)
            texts = [t.text.replace("\r\n", "\n").replace("\r", "\n") for t in run]
            origin = [t.line for t, text in zip(run, texts, strict=True)
                      for _ in text.split("\n")]
            doc = text_document("\n".join(texts).encode("utf-8"), name)
            base = len(line_map) - 1
            rows.extend(GridRow(tuple(c._replace(source=c.source._replace(
                line=None if c.source.line is None else c.source.line + base))
                for c in row.cells), row.aligned) for row in doc.rows)
            furniture.update(n + base for n in doc.furniture)
            line_map.extend(origin)
            layouts.append((len(doc.rows), doc.layout))
            continue
        i += 1
        if isinstance(part, _Html):
            from .read_html import html_grid

            grid = html_grid(part.html, name)
            lines: dict[int | None, int] = {}
            for row in grid.rows:
                source = row.source
                if source.line not in lines:
                    line_map.append(part.line)
                    lines[source.line] = len(line_map) - 1
                at = lines[source.line]
                rows.append(GridRow(tuple(c._replace(source=c.source._replace(
                    line=at, table=None if c.source.table is None else c.source.table + tables))
                    for c in row.cells), row.aligned))
            tables += grid.table_count
            continue
        tables += 1
        grids += 1
        for r, cells in enumerate(part.rows, 1):
            # as the same cells exported as CSV are read: rows without text left out
            texts = [tool_cell_text(text) for text, _ in cells]
            if not any(texts):
                continue
            line_map.append(cells[0][1])
            at = len(line_map) - 1
            rows.append(GridRow(tuple(
                GridCell(text, Source(line=at, table=tables, row=r, col=c))
                for c, text in enumerate(texts, 1))))
            cell_lines.extend(((tables, r, c), line) for c, (_, line) in enumerate(cells, 1)
                              if line != cells[0][1])
    # tables as rows of cells a tool found (pdfplumber's, tabula's, docling's grid): read as
    # a CSV export of them is ("json-cells": figures in a row without its label, headings in
    # one cell are refused as there); tables as HTML: as a page's
    layout = "json-cells" if grids else "json"
    if not tables and layouts:
        layout = max(layouts)[1]  # a document in text: read as that text is
    return Document(path=name, rows=tuple(rows), layout=layout, encoding=encoding,
                    furniture=frozenset(furniture), line_map=tuple(line_map),
                    cell_lines=tuple(cell_lines))
