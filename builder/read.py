"""Bytes on disk -> one grid of cells (``Document``), whatever the input format.

Text files become rows of cells by splitting each line the way its layout demands (tabs,
``|`` cells, Markdown tables, box drawing, aligned columns). HTML, DOCX and PDF tables keep
their real rows; merged cells appear once, where they start, exactly as a text extraction would
print them.
"""

from __future__ import annotations

import csv
import itertools
import re
import shutil
import subprocess
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from .errors import ReportError
from .model import Document, GridCell, GridRow, Source
from .normalize import BREAK, SCRIPTS, join_breaks, repair_misread, unify_radicals

MAX_TEXT_BYTES = 4 * 1024 * 1024
MAX_BINARY_BYTES = 40 * 1024 * 1024
JSON_SUFFIXES = (".json", ".jsonl", ".ndjson")  # .jsonl and .ndjson: JSON Lines
TEXT_SUFFIXES = {".txt", ".text", ".md"}

_BOX_CHARS = "│┃║|"
_BOX_BORDER = re.compile(r"^[\s─━═┌┐└┘├┤┬┴┼╔╗╚╝╠╣╦╩╬┏┓┗┛┣┫┳┻╋+\-=|│┃║\ufffd]+$")
_BOX_SPLIT = re.compile(r"[│┃║]")
_MULTISPACE = re.compile(r"[ \u3000]{2,}")
_HAS_BOX = re.compile(r"[│┃║]")
_HRULE = re.compile(r"[┼├┤┬┴][─━═]{3,}|[─━═]{3,}[┼├┤┬┴]")
_CELL = re.compile(r"\S+(?: \S+)*")
_FIGURES_ALONE = re.compile(r"\d+(?: \d+)*")  # (a line of them: whole numbers a space apart)


_WIDE = re.compile("[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f"
                   "\uff00-\uff60\uffe0-\uffe6]")


def display_width(text: str) -> int:
    """Columns a terminal gives the text: CJK and full-width characters count two."""
    if text.isascii():  # (figures, mostly: no wide character)
        return len(text)
    return len(text) + len(_WIDE.findall(text))


def read_document(path: Path, display: str | None = None) -> Document:
    """Read any supported report file. Raises ReportError with a clear reason otherwise."""
    name = display or path.as_posix()
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ReportError(name, "文件不存在 / no such file")
    size = path.stat().st_size
    if size == 0:
        raise ReportError(name, "空文件 / empty file: expected the text of a report, found 0 bytes")
    with path.open("rb") as f:
        head = f.read(1024)
    named, suffix = suffix, _suffix_by_head(path, suffix, head)  # (under another's name)
    # a page saved as one file carries its images too
    # (and a tool's JSON or XML carries every word's or character's box on the page)
    # (by its name or by what it holds: a page named .pdf keeps a PDF's limit)
    limit = MAX_BINARY_BYTES if {named, suffix} & {
        *_BINARY_SUFFIXES, ".mhtml", ".mht", ".xml", ".hocr", *JSON_SUFFIXES} else MAX_TEXT_BYTES
    if size > limit:
        raise ReportError(name, f"文件过大 / file too large: expected at most "
                                f"{limit // (1024 * 1024)} MB, found {size / 1048576:.1f} MB")
    if suffix in (".html", ".htm"):
        data = path.read_bytes()
        placed = _read_placed(data, name)
        if placed is not None:  # a tool's placed text saved as a web page: pdftotext -bbox, hOCR
            return placed
        from .read_html import read_html
        return read_html(data, name)
    if suffix in (".mhtml", ".mht"):
        from .read_html import read_mhtml
        return read_mhtml(path.read_bytes(), name)
    if suffix == ".xlsx":
        from .read_xlsx import read_xlsx
        return read_xlsx(path.read_bytes(), name)
    if suffix == ".xls":
        from .read_xls import read_xls
        return read_xls(path.read_bytes(), name)
    if suffix == ".docx":
        data = path.read_bytes()
        if sniff(data) in ("ole", "html", "mhtml"):  # a Word 97 file or a page named .docx
            return _read_word_97(path, name, data)
        from .read_docx import read_docx
        return read_docx(data, name)
    if suffix == ".pdf":
        if b"%PDF-" not in head:  # (nor anything else _suffix_by_head knows)
            raise ReportError(name, "不是 PDF 文件 / not a PDF: expected “%PDF-” in its first "
                                    f"1,024 bytes, found {_file_start(head)}")
        from .read_pdf import read_pdf
        return read_pdf(path, name)
    if suffix == ".ofd":
        from .read_ofd import read_ofd
        return read_ofd(path.read_bytes(), name)
    if suffix in (".doc", ".wps", ".rtf"):
        return _read_word_97(path, name)
    data = path.read_bytes()
    if _is_rtf(data):  # a Word file saved as RTF and named .txt
        return _convert_with_libreoffice(path, name, "RTF")
    if suffix in JSON_SUFFIXES:
        from .read_json import read_json
        return read_json(data, name, lines=suffix != ".json")
    return _read_text_file(data, name)


def _begins_as_pdf(head: bytes) -> bool:
    """Whether a file's first bytes are a PDF's header (white space or a BOM before it)."""
    return head.lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"%PDF-"


# the suffixes of files that are no text (the larger size limit is theirs)
_BINARY_SUFFIXES = (".pdf", ".ofd", ".docx", ".doc", ".wps", ".rtf", ".xlsx", ".xls")


def _suffix_by_head(path: Path, suffix: str, head: bytes) -> str:
    """The suffix of what a file holds, by its first bytes, where its name is another
    format's — a site's download link saved as download.jsp, .html or .doc, a Word file
    named .xlsx, a page's source saved as .txt, a page a download link served saved as .pdf:
    .pdf for a PDF; .docx, .xlsx or .ofd for a zip package by its parts, .doc or .xls for an
    OLE file by its streams (a .wps or .rtf is read by what it holds on its own,
    _read_word_97); under a .pdf name without the PDF header, a page, an MHTML file or RTF by
    theirs, an unknown zip or OLE file as .docx or .doc; .html for a web page under an .xlsx
    name (.docx and .xls read theirs) or a whole one under .txt or .md. Else ``suffix``."""
    if suffix == ".pdf":
        if b"%PDF-" in head:  # (PDF readers look for it in the first 1,024 bytes)
            return suffix
        kind = sniff(head)
        if kind in ("zip", "ole"):
            return _office_suffix(path, kind) or (".docx" if kind == "zip" else ".doc")
        return {"html": ".html", "mhtml": ".mhtml", "rtf": ".rtf"}.get(kind or "", suffix)
    if _begins_as_pdf(head):
        return ".pdf"
    kind = sniff(head)
    if kind in ("zip", "ole") and suffix not in (".wps", ".rtf"):
        return _office_suffix(path, kind) or suffix
    if kind == "html" and suffix == ".xlsx" or suffix in (".txt", ".md") \
            and _HTML_DOCUMENT.match(head[:512]):
        return ".html"
    return suffix


def _office_suffix(path: Path, kind: str) -> str | None:
    """.docx, .xlsx or .ofd for a zip package, .doc or .xls for an OLE file, by their parts."""
    try:
        if kind == "zip":
            with zipfile.ZipFile(path) as z:
                names = set(z.namelist())
            return next((s for part, s in (("word/document.xml", ".docx"),
                                           ("xl/workbook.xml", ".xlsx"), ("OFD.xml", ".ofd"))
                         if part in names), None)
        import olefile

        with olefile.OleFileIO(str(path)) as ole:
            streams = {"/".join(e) for e in ole.listdir()}
        return ".doc" if "WordDocument" in streams else ".xls" if streams & {
            "Workbook", "Book"} else None
    except Exception:  # noqa: BLE001 - a damaged package: read by its name, as before
        return None


def suffix_by_content(path: Path) -> str:
    """The suffix a report file takes by what it holds where its name is another format's,
    as read_document reads it (_suffix_by_head)."""
    with path.open("rb") as f:
        return _suffix_by_head(path, path.suffix.lower(), f.read(1024))


def _file_start(data: bytes) -> str:
    """A file's start as a message shows it: its first characters, where it begins with text
    (UTF-8, perhaps cut in a character at the end), else its first bytes."""
    head = data[:40]
    text = head.decode("utf-8", "ignore")
    if len(text.encode("utf-8")) >= len(head) - 3 and all(
            c.isprintable() or c.isspace() for c in text):
        return repr(" ".join(text.split())) if text.strip() else "only white space"
    return f"binary data ({head[:8].hex(' ')} …)"


def _read_text_file(data: bytes, name: str) -> Document:
    """A file of text: a tool's JSON, a page of placed text or word boxes, else text."""
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] in (b"{", b"["):
        # a tool's JSON saved as .txt, or JSON Lines (PP-Structure's res_0.txt: a region a
        # line); text that only begins so ([首页](…)) is text
        from .read_json import read_json
        for lines in (False, True):
            try:
                return read_json(data, name, lines=lines)
            except ReportError:
                pass
    placed = _read_placed(data, name)
    if placed is not None:
        return placed
    if _TRAFILATURA.match(data):
        from .read_html import read_html
        return read_html(trafilatura_as_html(data), name)
    if data.lstrip(b"\xef\xbb\xbf")[:6] == b"level\t":
        # word boxes as Tesseract's and pdftotext's TSV give them
        from .read_boxes import is_tsv, read_tsv
        text, encoding = decode(data, name)
        if is_tsv(text):
            return read_tsv(text, name, encoding)
    return text_document(data, name)


# trafilatura's XML and XML-TEI (output_format "xml", "xmltei"), as web crawls keep pages: the
# page's text as <p>, <head>, <list>/<item>, its tables as <table>/<row>/<cell> (a header's
# cells role="head"), its title in <doc title="…"> or the TEI header's <title>
_TRAFILATURA = re.compile(rb"(?:\xef\xbb\xbf)?\s*(?:<\?xml[^>]*>\s*)?<(?:doc\b[^>]*>\s*<main>|TEI\b)")
_TRAFILATURA_TAGS = {"doc": "body", "main": "div", "comments": "div", "TEI": "html", "text": "div",
                     "row": "tr", "cell": "td", "head": "h2", "list": "ul", "item": "li",
                     "hi": "b", "lb": "br", "quote": "blockquote", "ref": "a", "graphic": "img"}
_TRAFILATURA_TAG = re.compile(r"<(/?)(" + "|".join(_TRAFILATURA_TAGS) + r"|p)\b([^>]*?)(/?)>")
_TEI_HEADER = re.compile(r"<teiHeader\b.*?</teiHeader>", re.S)
_TEI_TITLE = re.compile(r"<title\b[^>]*>([^<]*)</title>")
_XML_TITLE = re.compile(r'<doc\b[^>]*?\stitle="([^"]*)"')
_CELL_BEFORE_TEXT = re.compile(r"(<cell\b[^>/]*>)(\s*)(?=<p>)")


def trafilatura_as_html(data: bytes) -> bytes:
    """trafilatura's XML (or XML-TEI) as the web page it stands for: its elements renamed in
    place (<row> a <tr>, <cell> a <td>, or a <th> with role="head"; <head> a heading), its
    title the page's <title>, the TEI header (metadata) left out; every line keeps its
    number, and a cell opens on its text's."""
    text = data.decode("utf-8", errors="replace")
    title = ""
    if header := _TEI_HEADER.search(text):
        title = m.group(1) if (m := _TEI_TITLE.search(header.group())) else ""
        text = text[:header.start()] + "\n" * header.group().count("\n") + text[header.end():]
    elif m := _XML_TITLE.search(text):
        title = m.group(1)

    def tag(m: re.Match[str]) -> str:
        close, name, attrs, empty = m.groups()
        new = _TRAFILATURA_TAGS.get(name, name)
        if name == "cell" and 'role="head"' in attrs:
            new = "th"
        if name == "doc" and not close:
            return f"<head><title>{title}</title></head><body>"
        if name == "TEI" and not close:
            return f"<html><head><title>{title}</title></head>"
        if new in ("br", "img"):
            return f"<{new}>" if not close else ""
        return f"</{new}>" if close else f"<{new}></{new}>" if empty else f"<{new}>"
    # a cell opens on the line of its text (<cell> / <p>26</p>): a figure's line is its own
    text = _CELL_BEFORE_TEXT.sub(r"\2\1", text)
    return _TRAFILATURA_TAG.sub(tag, text).encode("utf-8")


# the heads of tools' files of text placed on pages (read_boxes): pdfminer's XML (pdf2txt.py -t
# xml), PyMuPDF's get_text("xml"), ALTO (<alto>, perhaps with a namespace's prefix)
_PDFMINER_HEAD = re.compile(rb'<page id="\d+" bbox="')
_PYMUPDF_HEAD = re.compile(rb'<page id="page\d+" width="')
_MUPDF_HTML_HEAD = re.compile(rb'<div id="page\d+" style="width:[\d.]+pt;height:[\d.]+pt">\s*'
                              rb'<p style="top:')
_ALTO_HEAD = re.compile(rb"<(?:\w+:)?alto\b")
_ALTO_WORD = re.compile(rb"<(?:\w+:)?String\b")


def _read_placed(data: bytes, name: str) -> Document | None:
    """A tool's pages of placed text, known by its head, read; None for any other file."""
    reader = _placed_reader(data)
    if reader is None:
        return None
    text, encoding = decode(data, name)
    return reader(text, name, encoding)


def _placed_reader(data: bytes) -> Callable[[str, str, str], Document] | None:
    """The reader of a tool's pages of placed text, known by its head, whatever the file's
    name ends with (.xml, .html, .hocr, .txt); None for any other file."""
    head = data[:8192]
    if b"<" not in head:
        return None
    from . import read_boxes
    if b"<pdf2xml" in head:  # pdftohtml -xml: pages of runs of text with their places
        return read_boxes.read_pdf2xml
    if b"<doc>" in head and b"<word xMin=" in data:  # pdftotext -bbox / -bbox-layout
        return read_boxes.read_bbox_html
    if _PDFMINER_HEAD.search(head):
        return read_boxes.read_pdfminer_xml
    if _PYMUPDF_HEAD.search(head):
        return read_boxes.read_pymupdf_xml
    if _MUPDF_HTML_HEAD.search(head):  # PyMuPDF's get_text("html"): lines placed on pages
        return read_boxes.read_mupdf_html
    if _ALTO_HEAD.search(head) and _ALTO_WORD.search(data):
        return read_boxes.read_alto
    if b"ocr_page" in head and b"ocrx_word" in data:  # hOCR: an OCR engine's words
        return read_boxes.read_hocr
    return None


def decode(data: bytes, name: str) -> tuple[str, str]:
    """The text and its encoding (decode_raw, then finish_text)."""
    return finish_text(*decode_raw(data, name))


def finish_text(text: str, encoding: str) -> tuple[str, str]:
    """Decoded text and its encoding, the text as the report wrote it: read back where a tool
    had misread it (normalize.repair_misread, which names the code page in the encoding);
    radicals a PDF's text gave for characters the characters (normalize.unify_radicals)."""
    if repaired := repair_misread(text):
        text, encoding = repaired
    return unify_radicals(text), encoding


def decode_raw(data: bytes, name: str) -> tuple[str, str]:
    """Detect the encoding: BOMs, UTF-8, then GB18030 (a superset of GBK and GB2312)."""
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return data[3:].decode("utf-8", errors="strict"), "utf-8-sig"
        except UnicodeDecodeError as exc:
            raise ReportError(name, f"无法识别的编码 / unreadable UTF-8: expected text after the "
                                    f"byte-order mark, found undecodable bytes at offset "
                                    f"{exc.start + 3}") from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise ReportError(name, f"无法识别的编码 / unreadable UTF-16: expected text after the "
                                    f"byte-order mark, found undecodable bytes at offset "
                                    f"{exc.start}") from None
    if b"\x00" in data[:8192]:
        raise ReportError(name, "二进制文件 / binary file: expected text (UTF-8 or GB18030), "
                                "found NUL bytes")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise ReportError(name, f"无法识别的编码 / unknown encoding: expected UTF-8 or GB18030, "
                                f"found undecodable bytes at offset {exc.start}") from None
    # Binary junk can decode as GB18030; real Chinese text is mostly CJK and ASCII.
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    odd = sum(1 for ch in text if ord(ch) < 32 and ch not in "\r\n\t\f" or "\ue000" <= ch <= "\uf8ff")
    if cjk < 10 or odd > len(text) // 50:
        raise ReportError(name, "二进制文件 / binary file: expected text (UTF-8 or GB18030), "
                                "found bytes that are not text")
    return text, "gb18030"


# a page flattened onto one line, its text nodes apart by a space or a tab (BeautifulSoup's
# get_text(" ", strip=True) or get_text("\t", strip=True), as crawlers store a page): the line
# is cut before and after each numbered heading of the template's sections, so that each table
# stands in a piece of its own as unstructured's tables do (parse._flattened_rows); every piece
# keeps the line it came from. A heading is cut only where a space or a tab stands before it,
# in a line that holds two or more and ten figures or more apart by spaces or tabs (prose that
# names a section has no number before the name; a line of contents, 目录 一、总体情况 二、…,
# has no figures). (The number first, the space looked behind for: a third of the time)
_SECTION_IN_LINE = re.compile(
    r"[二三四五六](?<=[ \t\u3000].)[、.．,，][ \u3000]?(?:主动公开政府信息的?情况"
    r"|收到和处理政府信息公开申请的?情况|政府信息公开行政复议[、和及与]?行政诉讼的?情况"
    r"|(?:政府信息公开工作)?存在的主要问题及其?改进情况|其他需要报告的事项)")
_SPACED_FIGURE = re.compile(r"(?<=[ \t])\d+(?:\.\d+)?(?=[ \t]|$)")


def _cut_sections(lines: list[str]) -> tuple[list[str], list[int]]:
    """Lines that hold two or more sections' headings cut before and after each
    (_SECTION_IN_LINE), and the line each piece came from (empty when no line is cut)."""
    out: list[str] = []
    origin: list[int] = []
    for n, line in enumerate(lines, 1):
        found = list(_SECTION_IN_LINE.finditer(line)) if len(line) > 40 else []
        if len(found) < 2 or len(_SPACED_FIGURE.findall(line)) < 10:
            out.append(line)
            origin.append(n)
            continue
        cuts = [0, *(i for m in found for i in m.span()), len(line)]
        for a, b in itertools.pairwise(cuts):
            if piece := line[a:b].strip(" \t\u3000"):
                out.append(piece)
                origin.append(n)
    return (out, origin) if len(out) > len(lines) else (lines, [])


_RUN_ON_CELLS = 30  # cells ended by " |" on one line: a table's worth, never one row's (≤ 16)
_BARS = re.compile(r"\|+")
_RUN_ON_FIGURE = re.compile(r"\|[ \t]*[+\-]?\d[\d,.]*[ \t]+(?=\|)")


def _cells_run_on(lines: list[str]) -> tuple[list[str], list[int]]:
    """A page's text with its tables' cells run on in one line, each ended by `` |`` (a
    crawler that joined the page: `… 第二十条第(一)项 | 信息内容 | 本年新制作数量 | … | 规章 | 0 |
    0 | 0 | 规范性文件 | …`): each cell on a line of its own, ended by its ``|`` (an empty one,
    ``| |``, a lone ``|``; bars run together after a cell, ``0 | ||``, its filler, kept on its
    line), as a crawler writes a cell a line; and the line each came from (empty when no line
    is so)."""
    out: list[str] = []
    origin: list[int] = []
    for n, line in enumerate(lines, 1):
        if line.count(" |") < _RUN_ON_CELLS or line.lstrip().startswith("|") or len(
                _RUN_ON_FIGURE.findall(line)) < 10:  # (a site's menu run on: no figures)
            out.append(line)
            origin.append(n)
            continue
        at = 0
        for m in _BARS.finditer(line):
            text = line[at:m.start()].strip()
            at = m.end()
            if text:
                out.append(f"{text} {m.group()}")
            elif len(m.group()) == 1 or not out or origin[-1] != n:
                out.append(m.group())  # | alone: an empty cell
            else:
                out[-1] += " " + m.group()  # bars run together: the cell's filler
                continue
            origin.append(n)
        if rest := line[at:].strip():
            out.append(rest)
            origin.append(n)
    return (out, origin) if len(out) > len(lines) else (lines, [])


def _at_lines(rows: list[GridRow], origin: list[int]) -> list[GridRow]:
    """Rows of cut lines (_cut_sections) given the lines their pieces came from."""
    return [GridRow(tuple(c._replace(source=c.source._replace(line=origin[c.source.line - 1]))
                          if c.source.line else c for c in row.cells), row.aligned)
            for row in rows]


_ODD_TABS = re.compile(r"(?<!\t)(?:\t\t)*\t(?!\t)")
_TAB_RUN = re.compile(r"\t+")


def _half_tabs(m: re.Match[str]) -> str:
    return "\t" * (len(m.group()) // 2)


def text_document(data: bytes, name: str) -> Document:
    text, encoding = decode(data, name)
    if _control_ratio(text) > 0.02:
        raise ReportError(name, "二进制文件 / binary file: expected text, found control bytes")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = text.split("\n")
    umi: tuple[tuple[Source, str], ...] = ()
    if "≦" in text or text.startswith(("> ", "Name,OCR,Path")):
        lines, umi = _umi_ocr(lines)
        text = "\n".join(lines)
    furniture = _page_furniture(text, lines)
    if furniture or "\f" in text:
        lines = ["" if n in furniture else line.replace("\f", "")
                 for n, line in enumerate(lines, 1)]
        text = "\n".join(lines)
    ocr = umi + _ocr_rules(text, lines)
    embedded: list[GridRow] = []
    if _TABLE_START.search(text):
        lines, embedded = _embedded_tables(lines, name)
        text = "\n".join(lines)
    if ":::" in text and _PANDOC_FENCE.search(text):
        lines = ["" if ":::" in line and _PANDOC_FENCE.match(line) else line for line in lines]
        text = "\n".join(lines)
    if "]{" in text and _PANDOC_SPAN.search(text):
        lines = [_PANDOC_SPAN.sub(_pandoc_span, line) if "]{" in line else line
                 for line in _join_wrapped(lines, "]{", _OPEN_ATTRIBUTES)]
        text = "\n".join(lines)
    run_on: list[int] = []  # the line each line came from, where cells run on were cut
    if text.count(" |") >= _RUN_ON_CELLS:
        lines, run_on = _cells_run_on(lines)
        text = "\n".join(lines)
    if text.count("\n|") >= 3 and _bars_after_cells(lines):
        lines = _bar_lines(lines)
        text = "\n".join(lines)
    if text.count("\n| ") >= 3 and (marked := _row_marked_cells(lines)) is not None:
        lines = marked
        text = "\n".join(lines)
    bar_rows = [row for row in _CELL_BAR_ROW.findall(text)
                if _BAR_FIGURE.search(row)] if "|" in text else []
    # (a Markdown separator line, ---|---, tells html2text's bare rows, 规章| 347| 531| 41,
    # whose last | stands before an empty cell, and Markdown rows, a few of which lost their
    # opening | — unless every row ends in a | and few Markdown rows stand beside them: a
    # crawler's rows under the separator of a page's small table of its details, 索引号 | …)
    cell_bar_rows = len(bar_rows) >= 2 and ("---" not in text or (
        all(row.rstrip().endswith("|") for row in bar_rows)
        and len(_MD_ROW.findall(text)) * 3 < len(bar_rows)))  # (not Markdown rows that lost a |)
    continued: set[int] = set()  # lines whose row goes on on the next line
    if cell_bar_rows:
        lines = _cell_bar_rows(lines, continued)
        text = "\n".join(lines)
    ascii_grid = ("+-" in text or "+=" in text) and len(_ASCII_BORDER.findall(text)) >= 3
    if ascii_grid:
        lines = _ascii_grid(lines)
        text = "\n".join(lines)
    origin: list[int] = []
    # (headings after a space are common, indented in -layout text: the lines are walked only
    # when two stand on one line)
    if text.count("情况") >= 2 and any("\n" not in text[a.end():b.start()] for a, b in
                                      itertools.pairwise(_SECTION_IN_LINE.finditer(text))):
        cut, origin = _cut_sections(lines)
        # only in text whose cells stand apart by a tab or on lines of their own: the pieces
        # of a line of aligned columns would lose their places on the line
        if origin and detect_layout(text) in ("tab", "cell-per-line"):
            lines = cut
            text = "\n".join(lines)
        else:
            origin = []
    if "\t\t" in text and not _ODD_TABS.search(text):
        # every cell apart by two tabs (resiliparse's plain text of a page's tables: 规章\t\t2):
        # one separator, four tabs a blank cell between
        lines = [_TAB_RUN.sub(_half_tabs, line) if "\t" in line else line for line in lines]
        text = "\n".join(lines)
    tab_lines = "\t" in text and _cells_between_tab_lines(lines)
    layout = "markdown" if cell_bar_rows else "innertext" if tab_lines else detect_layout(text)
    if layout == "markdown" and _rows_as_tables(lines):
        layout = ROWS_AS_TABLES
    if tab_lines:
        rows = _tab_line_rows(lines)
    elif layout in ("tab", "cell-per-line"):
        rows = _tab_rows(lines)
    elif layout in ("markdown", ROWS_AS_TABLES):
        rows = _markdown_rows(lines, text, continued)
    elif layout == "csv":
        rows = _csv_rows(lines)
    else:
        if layout == "pipe" and _PIPES_LINE.search(text):  # lines that may hold no cell
            lines = _pipe_fillers(lines)
        rows = [r for n, line in enumerate(lines, 1)
                if (r := split_line(line, n, layout)) is not None]
    if layout == "box":
        # pandoc's grid tables wrap a figure anywhere in a narrow column (6 / 38 is 638);
        # w3m wraps only a full line, so a short line there ends at a line break
        rows = merge_box_rows(rows, breaks=not ascii_grid)
    if run_on:  # the lines the cut sections came from, each from the file's line it came from
        origin = [run_on[o - 1] for o in origin] if origin else run_on
    if origin:
        rows = _at_lines(rows, origin)
    if embedded:
        rows = sorted(rows + embedded, key=lambda r: r.source.line or 0)
    return Document(path=name, rows=tuple(rows), layout=layout, encoding=encoding,
                    furniture=frozenset(furniture), ocr=ocr)


# Umi-OCR's batch outputs (its output_txt, output_md and output_csv): a text file that begins
# with the task's start (2024-03-05 10:11:12; quoted in Markdown) and heads each picture's or
# page's text with its name — ≦ p-1.png ≧ in text; in Markdown a rule, ![p-1.png](path) and
# [p-1.png](path), then each text box a quoted line (> text, two spaces after it) — or a CSV
# of Name,OCR,Path with each picture's text in one cell. A document's pages are named by
# their numbers (≦ 3 ≧) and hold its own text where the PDF has one (its "mixed" mode);
# a picture's name is OCR's.
_UMI_START = re.compile(r"(?:> )?\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}")
_UMI_HEAD = re.compile(r"≦ (.*) ≧")
_UMI_PICTURE = re.compile(r"!\[(.*)\]\((.*)\)")
_UMI_LINK = re.compile(r"\[(.*)\]\((.*)\)")
_PICTURE_SUFFIX = r"\.(?:png|jpe?g|jfif|bmp|tiff?|webp|gif)"
_PICTURE_FILE = re.compile(_PICTURE_SUFFIX + "$", re.I)
# the Path of a CSV row (its last field) naming a picture: the file's name
_UMI_CSV_PICTURE = re.compile(r"([^,\n\"/\\]+" + _PICTURE_SUFFIX + r")\"?$", re.I | re.M)


def _umi_ocr(lines: list[str]) -> tuple[list[str], tuple[tuple[Source, str], ...]]:
    """Umi-OCR's output (above) as the text it holds: its start and its heads blanked (a
    page's head is a page break; the start is no date of the report), Markdown's quotes
    taken off; the mark of OCR when a head names a picture. Other text as it was, no mark."""
    first = next((n for n, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return lines, ()
    start = lines[first].strip()
    if start == "Name,OCR,Path":
        picture = _UMI_CSV_PICTURE.search("\n".join(lines))
        return lines, ((Source(), f"{picture.group(1)}（Umi-OCR 识别的图片 / a "
                        "picture Umi-OCR read）"),) if picture else ()
    if not _UMI_START.fullmatch(start):
        return lines, ()
    markdown = start.startswith("> ")
    out = list(lines)
    out[first] = ""
    names: list[str] = []
    for n in range(first + 1, len(lines)):
        line = lines[n].strip()
        if not markdown:
            if m := _UMI_HEAD.fullmatch(line):
                names.append(m.group(1))
                out[n] = ""
            continue
        if line == "---":
            out[n] = ""
        elif (m := _UMI_PICTURE.fullmatch(line)) and n + 1 < len(lines) \
                and _UMI_LINK.fullmatch(lines[n + 1].strip()):
            out[n] = out[n + 1] = ""  # the picture and the link to it
            names.append(m.group(1) if _PICTURE_FILE.search(m.group(1)) else m.group(2))
        elif lines[n].startswith(">"):
            out[n] = lines[n][2:] if lines[n].startswith("> ") else lines[n][1:]
    if not names:
        return lines, ()
    picture = next((name for name in names if _PICTURE_FILE.search(name)), None)
    head = f"≦ {picture} ≧" if picture and not markdown else f"![{picture}]"
    return out, ((Source(), f"{head}（Umi-OCR 识别的图片 / a picture Umi-OCR read）"),) \
        if picture else ()


SCAN_COVER = 0.8  # an image over this share of a page, under its text: a scan's OCR text layer


def covers_page(boxes: list[tuple[float, float, float, float]],
                page: tuple[float, float, float, float]) -> bool:
    """Whether one of the images (x0, y0, x1, y1) covers most of the page: text on that page
    is a layer that OCR laid over a scan."""
    x0, y0, x1, y1 = page
    return any(max(0.0, min(b[2], x1) - max(b[0], x0)) * max(0.0, min(b[3], y1) - max(b[1], y0))
               >= SCAN_COVER * (x1 - x0) * (y1 - y0) for b in boxes)


# OCR reads a table's vertical rules as "|" where it sees them and not elsewhere: a bar between
# two figures on a line where two other figures stand apart by spaces only. A pipe table's
# writer puts a bar between every two cells and a separator line (|---|) under its heading.
_BAR_BETWEEN_FIGURES = re.compile(r"\d[ \t]*\|[ \t]*\d")
_SPACE_BETWEEN_FIGURES = re.compile(r"(?<![\d.|])\d+(?:\.\d+)?[ \t]+\d+(?:\.\d+)?(?![\d.])")


def _ocr_rules(text: str, lines: list[str]) -> tuple[tuple[Source, str], ...]:
    """Lines where a table rule was read as a bar between some figures and not others."""
    if "|" not in text or "---" in text and _MD_SEPARATOR.search(text):
        return ()
    return tuple((Source(line=n), " ".join(line.split())) for n, line in enumerate(lines, 1)
                 if "|" in line and _BAR_BETWEEN_FIGURES.search(line)
                 and _SPACE_BETWEEN_FIGURES.search(line))


_TABLE_OPEN = re.compile(r"<table\b", re.I)
# "<table" in text.lower(), without lowering a copy of the text (no other character lowers to
# one of these letters)
_TABLE_START = re.compile(r"<[tT][aA][bB][lL][eE]")
_TABLE_CLOSE = re.compile(r"</table\s*>", re.I)
# a line that opens a table, maybe inside wrappers (MinerU writes each table on one line as
# <html><body><table>…</table></body></html>)
_HTML_TABLE_LINE = re.compile(r"(?:<(?:html|body|div|figure|center|section)\b[^>]*>\s*)*<table\b",
                              re.I)


def _embedded_tables(lines: list[str], name: str) -> tuple[list[str], list[GridRow]]:
    """Tables left as HTML in extracted text (pandoc's Markdown and GFM keep a table as raw
    HTML when its cells hold line breaks or merged cells; MinerU and marker write every table
    as HTML): from a line that starts with <table (or <html><body><table) to the line that
    closes it, read as HTML (read_html's grid, lines counted in the text), their lines blanked
    for the text's own layout."""
    from .read_html import html_grid

    out = list(lines)
    rows: list[GridRow] = []
    tables = 0
    n = 0
    while n < len(lines):
        if not _HTML_TABLE_LINE.match(lines[n].lstrip()):
            n += 1
            continue
        depth, end = 0, None
        for m in range(n, len(lines)):
            depth += len(_TABLE_OPEN.findall(lines[m])) - len(_TABLE_CLOSE.findall(lines[m]))
            if depth <= 0:
                end = m
                break
        if end is None or not lines[end].rstrip().lower().endswith(">"):
            break  # never closed: left to the text reader
        grid = html_grid("\n".join(lines[n:end + 1]), name)
        for row in grid.rows:
            rows.append(GridRow(tuple(c._replace(source=c.source._replace(
                line=(c.source.line or 1) + n,
                table=None if c.source.table is None else c.source.table + tables))
                for c in row.cells), aligned=row.aligned))
        tables += grid.table_count
        out[n:end + 1] = [""] * (end + 1 - n)
        n = end + 1
    return out, rows


# Page numbers and running footers that PDF extractions print between the rows of a table:
# never a cell of the template. A lone number is not dropped: in one-cell-per-line text it may
# be a cell (a row missing a cell is refused; a dropped cell could be shown as blank).
_PAGE_CORE = (r"第\s*\d{1,4}\s*页(?:\s*[,，/、]?\s*共\s*\d{1,4}\s*页)?|共\s*\d{1,4}\s*页"
              r"|\d{1,4}\s*/\s*\d{1,4}"
              r"|page\s*[:：]?\s*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?")
_PAGE_RULE = r"[-—–=_*]{1,64}"
# A mark may be dressed as the tool that printed it dresses it: a Markdown heading (pypdfium2's
# "# Page 2"), rules around it ("--- Page 2 ---", pdf-parse's "-- 2 of 7 --"), brackets, an
# HTML comment, or Marker's "{2}-----" (its paginated output: the page's number, then a rule).
PAGE_MARK = re.compile(
    rf"^(?:#{{1,6}}\s*|<!--\s*)?[\[【(（]?\s*"
    rf"(?:(?:{_PAGE_RULE}\s*)?(?:{_PAGE_CORE})(?:\s*{_PAGE_RULE})?"
    rf"|[-—–]{{1,2}}\s*\d{{1,4}}(?:\s*of\s*\d{{1,4}})?\s*[-—–]{{1,2}}|\{{\d{{1,4}}\}}(?:{_PAGE_RULE})?)"
    rf"\s*[\]】)）]?(?:\s*-->)?$", re.I)
# the longest line taken for a page mark (Marker's rule is 48 dashes)
PAGE_MARK_WIDTH = 80


# a character that every page mark holds (页, a dash, a slash, the p of "page": PAGE_MARK
# ignores case, and only P is p then, Marker's brace), or a form feed
_FURNITURE_CHAR = re.compile(r"[页\-—–/pP{\f]")


def _page_furniture(text: str, lines: list[str]) -> set[int]:
    """Line numbers (1-based) of page marks (第3页, - 3 -, 3/6) and of lone form feeds.
    ``lines`` are the lines of ``text``; only those with a _FURNITURE_CHAR can be either, and
    only they are looked at."""
    out: set[int] = set()
    n, counted, pos = 1, 0, 0  # n is the number of the line that holds ``counted``
    while m := _FURNITURE_CHAR.search(text, pos):
        n += text.count("\n", counted, m.start())
        line = lines[n - 1]
        s = line.replace("\f", "").strip().replace("\u3000", " ")
        if not s:
            if "\f" in line:
                out.add(n)  # a form feed alone: the page ends, the table goes on
        elif len(s) <= PAGE_MARK_WIDTH and PAGE_MARK.match(s):
            out.add(n)
        pos = text.find("\n", m.start())  # on to the next line
        if pos < 0:
            break
        pos += 1
        counted = pos
        n += 1
    return out


def merge_box_rows(rows: list[GridRow], breaks: bool = True) -> list[GridRow]:
    """In a box-drawing table the lines between two borders are one table row whose cells
    wrapped: join them column by column into one aligned row."""
    out: list[GridRow] = []
    group: list[GridRow] = []

    def flush() -> None:
        if not group:
            return
        width = len(group[0].cells)
        if len(group) > 1 and width > 1 and all(len(r.cells) == width for r in group):
            texts = ["".join(r.cells[i].text for r in group) for i in range(width)]
            texts = [(join_breaks(t) if breaks else t.replace(BREAK, "")).strip()
                     for t in texts]
            # pandoc's grid tables wrap a span's attributes with its text: [3]{style="…"}
            texts = [_PANDOC_SPAN.sub(r"\1", t).strip() if "]{" in t else t for t in texts]
            cells = tuple(GridCell(t, group[0].cells[i].source) for i, t in enumerate(texts))
            out.append(GridRow(cells, aligned=True))
        else:
            out.extend(_unmarked(r, aligned=len(r.cells) > 1) for r in group)
        group.clear()

    for row in rows:
        if row.cells and row.cells[0].text == "\x00border":
            flush()
        elif len(row.cells) > 1:
            group.append(row)
        else:
            flush()
            out.append(_unmarked(row, aligned=row.aligned))
    flush()
    return out


def _unmarked(row: GridRow, aligned: bool) -> GridRow:
    """A box row read on its own: without the line-end marks _box_text left for merging."""
    return GridRow(tuple(c._replace(text=c.text.replace(BREAK, "")) for c in row.cells),
                   aligned=aligned)


_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f]")


def _control_ratio(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample)


# detect_layout counts the lines that each of these patterns finds (one match a line at most).
# A pattern that starts with ^ is tried at every position of the text; one that starts with the
# character it looks for (a tab, a blank) is searched for in C, four to five times as fast, and
# checks the start of the line after it
_TAB_INDENTED = re.compile(r"\t(?<![^\n]\t)[^\t\n]*$", re.M)  # a line's only tab, first
_TAB_LINE = re.compile(r"\t[^\n]*")  # a line's first tab, and the rest of the line
_PIPE_END = re.compile(r"\|[ \t]*$", re.M)
_BOX_LINE = re.compile(r"^[^\n]*[│┃║][^\n]*$", re.M)
# aligned columns on a line without box-drawing characters (a box table's padded cells are
# the box layout's, however wide w3m draws them)
_COLUMNS = re.compile(r"^(?![^\n]*[│┃║])[^\n]*\S[ \u3000]{2,}\S", re.M)
# the same count in text without box-drawing characters: a line's first gap of two or more
# blanks between two characters (the first blank follows one), and the rest of the line
_COLUMNS_NO_BOX = re.compile(r"[ \u3000](?<=\S.)[ \u3000]+\S[^\n]*")


_MD_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
# the line under a table's header: |---|---| (GFM), |---+---| (Emacs Org), ---|--- (GFM
# without the outer pipes, as html2text writes it)
_MD_SEPARATOR = re.compile(r"^[ \t]*(?:\|(?:[ \t]*:?-{3,}:?[ \t]*[|+])*[ \t]*:?-{3,}:?[ \t]*\|"
                           r"|:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)+)[ \t]*$", re.M)
_MD_BARE_ROW = re.compile(r"^[^|\n]*[^\\|\n]\|", re.M)
# a table row with at least two cells that hold text: a table without a header line has no
# separator (pandoc -t org), and the pipe layout's filler lines (" | ||") hold none
_MD_FULL_ROW = re.compile(r"^[ \t]*\|[^|\n]*[^|\s][^|\n]*\|[^|\n]*[^|\s][^|\n]*\|.*\|[ \t]*$",
                          re.M)
_MD_SPLIT = re.compile(r"(?<!\\)\|")
# a Markdown escape: a backslash before ASCII punctuation (801\.28, \-20, \_)
MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_BREAK = re.compile(r"<br\s*/?>", re.I)
_MD_SCRIPT = re.compile(r"<(sup|sub)(?:\s[^>]*)?>([^<]*)</\1\s*>", re.I)  # normalize.SCRIPTS
_MD_INLINE = re.compile(r"</?(?:u|b|i|s|em|strong|span|sup|sub|font|mark)(?:\s[^>]*)?>", re.I)
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|$)")
_MD_STRUCK = re.compile(r"~~[^~\n]+~~")
_MD_PLACEHOLDER = re.compile(r"^Col\d{1,3}$")
_MD_PREFIX = re.compile(r"^\s*(?:#{1,6}\s+|>\s*)+")


# ASCII grid tables (reStructuredText and pandoc's grid tables, tabulate, prettytable):
# +----+----+ borders and | cells, read as box drawing once translated character for
# character (the columns keep their positions)
_ASCII_BORDER = re.compile(r"^[ \t]*\+(?:[-=:]{2,}\+){2,}[ \t]*$", re.M)
_ASCII_RULE = re.compile(r"[-=]*\+[-=+]*")
_ASCII_RULE_CHARS = str.maketrans({"+": "┼", "-": "─", "=": "═"})


# pandoc -t markdown keeps the attributes of a styled span: [801.28]{style="font-family: 仿宋"}.
# The text stays where it stood and the markup becomes blanks of the same widths (a space for a
# narrow character, an ideographic space for a wide one), so that aligned columns keep their
# character and display positions.
_PANDOC_SPAN = re.compile(r"\[([^\[\]\n|│]*)\]\{[^{}\n|│]*\}")  # never across cells
# pandoc's fenced divs (::: {.WordSection1 style="…"} … :::): markup, never a cell
_PANDOC_FENCE = re.compile(r"^[ \t]*:{3,}(?:[ \t]*\{[^{}\n]*\}|[ \t]+[\w-]+)?[ \t]*$", re.M)
# a line that ends inside a span's attributes, or inside an HTML tag
_OPEN_ATTRIBUTES = re.compile(r"\]\{[^{}]*$")
_OPEN_TAG = re.compile(r"<[a-zA-Z/][^<>]*$")
_TABLE_LINE = re.compile(r"^\s*[|+]")  # a line of a pipe or grid table: never joined


# html2text wraps its text at 78 characters (its body width), a table's rows too: a row's line
# then ends with the | after a cell, and its other cells follow on the next line
_HTML2TEXT_WIDTH = 78


def _cut_at_width(lines: list[str]) -> set[int]:
    """The lines (by index) of a table without the outer pipes (html2text) whose row was cut
    at the body width: ending with a |, not longer than the width, and the next line's first
    word would not have fitted on it. (A row whose last cell is empty ends with a | too: one
    within a word of the width, before a row whose first word is long, would be taken for cut
    and read with that row — two rows' labels in one, refused.)"""
    out = set()
    for i, (line, after) in enumerate(itertools.pairwise(lines)):
        line = line.rstrip()
        if line.endswith("|") and not line.startswith("|") and len(line) <= _HTML2TEXT_WIDTH \
                and (word := after.split(maxsplit=1)[:1]) \
                and len(line) + _gap_after_bar(line) + len(word[0]) > _HTML2TEXT_WIDTH:
            out.add(i)
    return out


_AFTER_BAR = re.compile(r"\|( +)")


def _gap_after_bar(line: str) -> int:
    """The blanks html2text writes after a cell's | on ``line`` (one; two with its
    wrap_tables option, `` |  ``), the gap its wrapping dropped at the line's end."""
    gaps = _AFTER_BAR.findall(line)
    return len(max(set(gaps), key=gaps.count)) if gaps else 1


def _join_wrapped(lines: list[str], marker: str, still_open: re.Pattern[str]) -> list[str]:
    """pandoc wraps its Markdown at 72 columns, also inside a span's attributes
    (``[2023]{lang="EN-US"`` / ``style="…"}``) and between an HTML tag's attributes (``<span``
    / ``style="…">2023</span>``, the spans of pages saved from Word): a line (not a table's)
    that ends inside such markup (``marker`` in it, ``still_open`` matching its end) is joined
    with the next ones, and blank lines take their places, so that every other line keeps its
    number."""
    out: list[str] = []
    n, total = 0, len(lines)
    while n < total:
        line, joined = lines[n], 0
        while (n + joined + 1 < total and marker in line and still_open.search(line)
               and lines[n + joined + 1].strip() and not _TABLE_LINE.match(line)):
            joined += 1
            line += " " + lines[n + joined].strip()
        out.append(line)
        out += [""] * joined
        n += joined + 1
    return out


def _pandoc_span(m: re.Match[str]) -> str:
    inner = m.group(1)
    markup = "[" + m.group(0)[len(inner) + 1:]
    return inner + "".join("\u3000" if _WIDE.match(ch) else " " for ch in markup)


def _ascii_rule(m: re.Match[str]) -> str:
    s = m.group(0)
    return s.translate(_ASCII_RULE_CHARS) if len(s) > 2 and ("-" in s or "=" in s) else s


def _ascii_grid(lines: list[str]) -> list[str]:
    """The lines of ASCII grid tables in box-drawing characters; other lines unchanged."""
    out = []
    for line in lines:
        s = line.strip()
        if s[:1] in ("|", "+") and s[-1:] in ("|", "+"):
            line = _ASCII_RULE.sub(_ascii_rule, line).replace("|", "│")
        out.append(line)
    return out


def _markdown_text(text: str) -> str:
    """A Markdown cell or line as plain text: escapes, bold markers and inline tags removed,
    <br> a line break (normalize.join_breaks)."""
    if "~~" in text:
        text = _MD_STRUCK.sub("", text)  # struck-out text (<del>, <s>) is no cell's content
    if "\\" in text:
        text = MD_ESCAPE.sub(r"\1", text)
    if "<" in text:
        # a line break inside a cell as in HTML and DOCX cells: it keeps figures apart
        # ("0<br>0<br>0" is three figures, never 000) and joins a wrapped label
        # (商业<br>企业); inline tags (<u>/</u>) are markup only
        if "<s" in text or "<S" in text:  # a raised or lowered figure shows as such
            text = _MD_SCRIPT.sub(lambda m: m.group(2).translate(SCRIPTS[m.group(1).lower()]),
                                  text)
        text = join_breaks(_MD_INLINE.sub("", _MD_BREAK.sub(BREAK, text)))
    return text.replace("**", "").strip()


#: the layout of Markdown whose every table row is a table of its own, the rest of a label on
#: plain lines around it (markitdown's PDF "form" layout, below): its labels cannot be placed
ROWS_AS_TABLES = "markdown-rows"
_ROWS_AS_TABLES_MIN = 10  # tables in a text so laid out (the template has 3, a page's tools 3–8)


def _rows_as_tables(lines: list[str]) -> bool:
    """Whether Markdown text writes each table row as a table of its own: markitdown's PDF
    "form" layout (`| | 2.其 | 4340 | … |` / `| --- | … |` / 他法 / 律行 / … / `| | | 10248 | … |`),
    a label cut narrow around its row's figures, its start in the row and the rest on lines
    after it, or all of it after, or the figures' row between two of its lines. Ten tables or
    more, at least half of them of one or two rows."""
    sizes: list[int] = []
    size = 0
    for line in lines:
        stripped = line.strip()
        if _MD_SEPARATOR.match(stripped):
            size = 1  # the line above it, the header, is its first row
            sizes.append(size)
        elif size and stripped[:1] == "|":
            size += 1
            sizes[-1] = size
        else:
            size = 0
    return len(sizes) >= _ROWS_AS_TABLES_MIN and sum(n <= 2 for n in sizes) * 2 >= len(sizes)


# a row's padding as crawlers write it: its cells spaced (` 0 |`, an empty one ` |`), then a
# space and bars run together (` |||||||`); Markdown writers put an empty cell as `|  |`, or
# `||` with no space in a row written without spaces
_CRAWL_PAD = re.compile(r" \|( \|{2,})[ \t]*$")


def _crawl_padding(lines: list[str]) -> dict[int, int]:
    """Rows padded at their end by bars run together (`| 一、本年新收… | 1 | … | 1 | ||`,
    `| 二、上年结转… | 0 | 0 | |||||||`), where three rows or more are: the bars are no cells
    but the table's width — the columns the row's merged cells span, or, where a crawler
    leaves empty cells out, the columns of the cells it left out, wherever they stood (so a
    row short of figures is not placed by the columns of the others). Their indexes, each
    with where its padding begins in the stripped line."""
    pads = {n: m.start(1) for n, line in enumerate(lines)
            if line.rstrip().endswith("||") and (m := _CRAWL_PAD.search(line.strip()))}
    return pads if len(pads) >= 3 else {}


def _markdown_rows(lines: list[str], text: str,
                   continued: set[int] | frozenset[int] = frozenset()) -> list[GridRow]:
    """Markdown text (pandoc -t gfm, markitdown and other converters): a table line
    ``| a | b |`` is a row with every cell in its place (merged cells come out as blank
    cells), like a tab-separated line; the ``|---|`` line under the header is no row. Other
    lines lose their Markdown markup (# headings, > quotes, **bold**). ``text`` is the lines
    joined (as detect_layout saw them)."""
    rows = []
    # tables written without the outer pipes (html2text: ``规章| 347| 531| 41``)
    bare = any(s.strip()[:1] != "|" for s in _MD_SEPARATOR.findall(text))
    lines = _join_wrapped(lines, "<", _OPEN_TAG)
    cut = _cut_at_width(lines) if bare else set()
    padded = _crawl_padding(lines) if "||" in text else {}
    carried: tuple[GridCell, ...] = ()  # a row's cells before html2text cut it
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if not stripped:
            continue
        src = Source(n)
        if carried or (stripped[0] == "|" and stripped[-1] == "|" and len(stripped) > 1) or (
                bare and _MD_SPLIT.search(stripped)) or len(_MD_SPLIT.findall(stripped)) >= 2:
            # (a row that lost its outer | on one side, 规章 | 3 | 0 | 5, is a row too)
            if _MD_SEPARATOR.match(stripped):
                continue
            # every cell in its place, as in tab-separated text: the parser places the
            # figures of a row with blank cells by the columns of the table's full rows.
            # PyMuPDF names the empty cells of a header row Col2, Col3 …: no text of a report.
            # Without the outer pipes (html2text) a row is every line with a "|".
            # (there a "|" at the end of a line stands before an empty last cell)
            if n - 1 in padded:
                # `| 二、上年结转… | 0 | 0 | |||||||`: the row's padding, no cells — the row as
                # short as it is (which columns its figures are in is not known)
                stripped = stripped[:padded[n - 1]]
            inner = stripped
            if stripped[0] == "|":
                inner = stripped[1:-1] if stripped[-1] == "|" and len(stripped) > 1 else stripped[1:]
            elif stripped[-1] == "|" and not bare:
                inner = stripped[:-1]  # the row's closing |, its opening one lost
            parts = [_markdown_text(c) for c in _MD_SPLIT.split(inner)]
            cells = tuple(GridCell("" if _MD_PLACEHOLDER.match(c) else c, src) for c in parts)
            if n - 1 in cut:  # the rest of the row on the next line, each cell at its line
                carried += cells[:-1]
                continue
            if n - 1 in continued:  # (_cell_bar_rows) the row's next cells on the next line
                carried += cells
                continue
            if not any(parts) and not carried:
                continue  # a row of empty cells (an empty header, Word's row of widths)
            rows.append(GridRow(carried + cells))
            carried = ()
            continue
        if stripped in ("\\", "\\\\"):
            continue  # a line break (pandoc's Markdown "\", Org's "\\"), never a cell here
        if stripped.strip("| \t") == "":
            continue  # a row's closing | wrapped onto a line of its own, or filler
        if "<!--" in stripped:  # a comment shows nothing (pymupdf4llm: <!-- Start of picture text -->)
            stripped = _HTML_COMMENT.sub("", stripped).strip()
            if not stripped:
                continue
        if stripped[0] == "<":  # raw HTML kept by the converter (<div align="center">)
            stripped = _HTML_TAG.sub("", stripped).strip()
            if not stripped:
                continue
        text = _markdown_text(_MD_PREFIX.sub("", stripped))
        if text:
            rows.append(GridRow((GridCell(text, src),)))
    return rows


def detect_layout(text: str) -> str:
    """Name the text layout: how cells are separated on a line (counted over the whole text
    with a few regular expressions)."""
    # (a separator line holds "---": text without any is not searched for one)
    if "|" in text and ("---" in text and _MD_SEPARATOR.search(text) and (
            len(_MD_ROW.findall(text)) >= 5 or len(_MD_BARE_ROW.findall(text)) >= 5)
            or len(_MD_FULL_ROW.findall(text)) >= 5):
        return "markdown"
    tab_indented = len(_TAB_INDENTED.findall(text))
    tab_rows = len(_TAB_LINE.findall(text)) - tab_indented
    box = 0
    if "│" in text or "┃" in text or "║" in text:
        box = len(_BOX_LINE.findall(text))
        columns = len(_COLUMNS.findall(text))
    else:  # no line has a box-drawing character
        columns = len(_COLUMNS_NO_BOX.findall(text))
    pipe = max(0, len(_PIPE_END.findall(text)) - box)
    counts = {"tab": tab_rows, "cell-per-line": tab_indented, "pipe": pipe, "box": box,
              "layout-columns": columns}
    best = max(counts, key=lambda k: counts[k])
    if counts[best] < 5 and text.count(",") >= 10 and _csv_lines(text) >= 5:
        return "csv"
    if counts[best] < 5:
        return "cell-per-line"
    if best == "cell-per-line" and tab_rows > tab_indented // 4:
        return "tab"
    return best


_PIPES_LINE = re.compile(r"^[ \t]*\|[ \t|]*$", re.M)


def _bars_after_cells(lines: list[str]) -> bool:
    """Whether lines holding only ``|`` end the cells on the lines before them: three or
    more do, and more than stand after a line already ended by ``|`` (a converter that
    begins each row with a lone ``|``, _pipe_fillers)."""
    after_text = after_cell = 0
    for before, line in zip(lines, lines[1:], strict=False):
        if line.strip() == "|" and before.strip():
            if before.rstrip().endswith("|"):
                after_cell += 1
            else:
                after_text += 1
    return after_text >= 3 and after_text > after_cell


# (its closing | lost only where the text ends: a copy cut there)
_MARKED_CELL = re.compile(r"^\|[ \t]+([^|]*[^|\s])[ \t]*(\|)?[ \t]*$")
_ENDED_CELL = re.compile(r"^[ \t]*[^|\s][^|]*\|[ \t]*$")


def _last_with_text(lines: list[str]) -> int | None:
    """The index of the last line that holds more than white space."""
    return next((n for n in range(len(lines) - 1, -1, -1) if lines[n].strip()), None)


def _row_marked_cells(lines: list[str]) -> list[str] | None:
    """Cells a line each, ended by ``|``, with a ``|`` before the first cell of each row (a
    crawler's text of a page's <tr>: ``| 规章 |`` / ``0 |`` / ``0 |`` / ``0 |``): pipe text
    with the row's mark taken off its first cell, where such lines stand among many more
    cells ended alone and no line holds two cells; else None."""
    out = list(lines)
    marked = ended = 0
    last = _last_with_text(lines)
    for n, line in enumerate(lines):
        if (m := _MARKED_CELL.match(line)) and m.group(2):
            marked += 1
            out[n] = m.group(1) + " |"
        elif m and n == last:
            out[n] = m.group(1)  # a row's first cell where the text ends: cut before its |
        elif _ENDED_CELL.match(line):
            ended += 1
        elif line.count("|") >= 2 and line.strip().strip("|").strip():
            return None  # a line of two cells or more: rows on a line (Markdown)
    return out if marked >= 3 and ended >= marked else None


def _bar_lines(lines: list[str]) -> list[str]:
    """Web-page text where each table cell is followed by a line holding only ``|`` (some
    crawlers write a page's <td> so: ``规章`` / ``|`` / ``0`` / ``|``): the ``|`` ends the
    cell on the line before it, as in pipe text (``规章 |``); a ``|`` right after another is
    an empty cell, and after a blank line an empty cell on that line. The ``|`` line itself
    is left blank, so that every line keeps its number."""
    out = list(lines)
    for n, line in enumerate(lines):
        if n and line.strip() == "|":
            before = out[n - 1]
            if not before.strip():
                # an empty cell: its (empty) text is the blank line's, the cell that line's
                out[n - 1], out[n] = " |", ""
            elif not before.rstrip().endswith("|"):
                out[n - 1] = before.rstrip() + " |"
                out[n] = ""
    return out


# a table row as some web converters write it: each cell followed by " |", the row on one
# line (规章 | 0 | 0 | 0 |): two cells or more with text, no leading |; rows with a figure
# are counted (a page's menu, 首页 | 政务公开 | 互动交流 |, has none)
_CELL_BAR_ROW = re.compile(r"^[ \t]*[^|\s][^|\n]*\|[ \t]*[^|\s][^|\n]*\|.*\|?[ \t]*$", re.M)
_BAR_FIGURE = re.compile(r"\|[ \t]*[+\-]?\d[\d,.]*(?:万元|件)?[ \t]*(?:\||$)")


# a cell ended by |: a figure, a blank's mark, or nothing
_FIGURE_CELL = r"[ \t]*(?:[+\-]?\d[\d,.]*|[/—\-])?[ \t]*\|"
# a row's label (one cell or two) and figures, each ended by |: 一、本年新收… | 25 |
_LABEL_THEN_FIGURES = re.compile(rf"(?:[^|]*[^\d\s|.,+\-/—][^|]*\|){{1,2}}(?:{_FIGURE_CELL})*[ \t]*")
_FIGURES_BEGUN_BY_A_BAR = re.compile(rf"\|(?:{_FIGURE_CELL})+")


def _figures_after_bars(lines: list[str], n: int) -> int | None:
    """The last of the lines from ``n`` on that are a lone ``|`` or begun by ``|`` and hold
    figures alone (``| 25 |``); None when the first is neither."""
    last = None
    while n < len(lines) and ((s := lines[n].strip()) == "|" or (
            _FIGURES_BEGUN_BY_A_BAR.fullmatch(s) and any(c.isdigit() for c in s))):
        last = n
        n += 1
    return last


def _cell_bar_rows(lines: list[str], continued: set[int]) -> list[str]:
    """Rows written as ``cell |`` terms (规章 | 0 | 0 | 0 |; an empty cell is a ``|`` of its
    own: ``| (二)部分公开 | | 0 |`` begins with an empty cell) as Markdown table rows: a
    ``|`` before the first cell (and after the last, where the line lacks it). Lines without
    a ``|``, and a lone ``|``, are left as they are. The lines (by index) whose row goes on
    on the next line are added to ``continued``."""
    out = list(lines)
    taken = -1  # the last line of a row gone on over lines
    last = _last_with_text(lines)
    if last is not None and "|" in lines[last] and not lines[last][-1:].isspace() and not lines[
            last].endswith("|") and 2 * sum(1 for x in lines if x.rstrip().endswith("|")) > sum(
            "|" in x for x in lines):
        # where the text ends in a row before its closing | (a copy cut short: `| 1` for
        # `| 1 |` or `| 12 |`), the cell after the last | may be cut: no cell (after its
        # space, `| 0 `, it is whole)
        lines = [*lines[:last], lines[last][:lines[last].rfind("|") + 1], *lines[last + 1:]]
        out[last] = lines[last]
    for n, line in enumerate(lines):
        stripped = line.strip()
        if "|" not in stripped or stripped == "|" or n <= taken:
            continue
        if (n + 1 < len(lines) and _LABEL_THEN_FIGURES.fullmatch(stripped)
                and (ends := _figures_after_bars(lines, n + 1)) is not None):
            # `一、本年新收… | 25 |` / `|` / `|` / `|` / `|` / `| 25 |`: a crawler that breaks
            # the line before each empty cell — the lone bars are the row's empty cells, the
            # line of figures begun by one more its last cells (each at its own line); a
            # label and figures, then figures alone: no heading row's words go on so
            out[n] = "| " + stripped
            for m in range(n + 1, ends + 1):
                out[m] = "| " + lines[m].strip()
            continued.update(range(n, ends))
            taken = ends
            continue
        if n + 1 < len(lines) and lines[n + 1].strip() == "|":
            # the row's last " |" wrapped onto the next line: it ends the row's last cell,
            # whatever stands after the line's last | (nothing: an empty cell)
            stripped += " |"
            out[n + 1] = ""
        elif not stripped.endswith("|"):
            stripped += " |"  # a row that lost its closing |
        out[n] = "| " + stripped
    return out


_CELL_LINE = re.compile(r"[ \t]*[^|\s][^|]*\|")
_FIGURE_LIKE = re.compile(r"[\d\s.,，/—\-]*")


def _pipe_fillers(lines: list[str]) -> list[str]:
    """Pipe text (``cell |`` lines) with the lines that hold no cell left blank: ``|``
    run together after a row's last cell pad the row to the table's width (``||``, ``|||``,
    as ``0 | ||`` does on one line); a lone ``|`` is an empty cell (`` |``, `` | ||``),
    unless the converter begins every row with one: then nearly every lone ``|`` stands
    before a row's label."""
    def kind(line: str) -> str:
        """label, figure, filled (a cell and filler), bar (a lone |), fill (| run together)
        or other."""
        stripped = line.strip()
        if stripped == "|":
            return "bar"
        if len(stripped) > 1 and stripped == "|" * len(stripped):
            return "fill"
        if _CELL_LINE.match(line):
            cell, rest = line.split("|", 1)
            if "|" in rest:
                return "filled"  # a cell with its row's filler after it (0 | ||)
            return "figure" if _FIGURE_LIKE.fullmatch(cell) else "label"
        return "other"

    kinds = [kind(line) for line in lines]
    filled = [n for n, k in enumerate(kinds) if k != "other" or lines[n].strip()]
    lone = before_label = 0
    region = 0  # a table: the lines between two lines of text (a section's heading)
    regions: list[int] = []
    row_end_bars: dict[int, int] = {}  # per region: the figure, a lone |, the next label
    plain_row_ends: dict[int, int] = {}  # … the figure, then the next label
    at_row_end: set[int] = set()  # the lone | between a figure and the next label
    for i, n in enumerate(filled):
        region += kinds[n] == "other"
        regions.append(region)
        prev = kinds[filled[i - 1]] if i else ""
        nxt = kinds[filled[i + 1]] if i + 1 < len(filled) else ""
        if kinds[n] == "bar" and nxt:  # (one at the end of a text cut short says nothing)
            lone += 1
            before_label += nxt in ("label", "filled")
            if prev == "figure" and nxt in ("label", "filled"):
                row_end_bars[region] = row_end_bars.get(region, 0) + 1
                at_row_end.add(i)
        elif kinds[n] in ("label", "filled") and prev == "figure":
            plain_row_ends[region] = plain_row_ends.get(region, 0) + 1
        elif kinds[n] == "fill" and prev == "figure" and nxt in ("label", "filled"):
            # a row ended by filler on a line of its own (0 | / ||| / 行政处罚 |): the table
            # ends its rows apart from their cells, as a lone | at a row's end does
            row_end_bars[region] = row_end_bars.get(region, 0) + 1
    # a converter that begins every row with a lone |
    markers = lone >= 3 and before_label >= 0.8 * lone
    # … or ends every row of a table with one (a last column the rows' last cells span):
    # then nearly no row of that table goes from its last figure straight to the next label
    row_ends = {r for r, count in row_end_bars.items()
                if count >= 3 and count >= 4 * plain_row_ends.get(r, 0)}
    out = list(lines)
    for i, n in enumerate(filled):
        if kinds[n] == "fill":
            out[n] = ""
        elif kinds[n] == "bar" and not markers and i in at_row_end and regions[i] in row_ends:
            out[n] = ""
    if not markers:
        # lone | after a row's filler up to a line of text or the end (a table's empty last
        # rows, 0.092 | / ||| / | / | / 三、…): no cell of the row the filler ended
        for i, n in enumerate(filled):
            if kinds[n] != "fill":
                continue
            j = i + 1
            while j < len(filled) and kinds[filled[j]] == "bar":
                j += 1
            if j > i + 1 and (j == len(filled) or kinds[filled[j]] == "other"):
                for k in range(i + 1, j):
                    out[filled[k]] = ""
    if markers:
        # fillers on lines of their own (`|||`): a lone | at a row's end may be one (a merged
        # cell's one spanned column), so no lone | is taken for a cell; fillers after the
        # cells (`0 | ||`): a lone | is a mark or a blank cell (_row_marks)
        own_line_fills = "fill" in kinds
        for i in (range(len(filled)) if own_line_fills else _row_marks(filled, kinds)):
            if kinds[filled[i]] == "bar":
                out[filled[i]] = ""
    return out


def _row_marks(filled: list[int], kinds: list[str]) -> list[int]:
    """Where a converter begins every row with a lone |: which lone | lines (indexes into
    ``filled``) are those marks, the others being blank cells. In a run of lone | lines the
    mark is the last when a label follows (the cells before it end the row above: 规章 | 0 |
    0 | | then the mark); when a figure follows, the first after a row that ended (a filler,
    a line of text, or a row of three or more labels: the headings over the reviews table's
    figures), none after a figure or a row's label (blank cells inside the row: 规章 | | 1)."""
    marks: list[int] = []
    labels = 0  # labels since the last mark or figure
    i = 0
    while i < len(filled):
        kind = kinds[filled[i]]
        if kind != "bar":
            labels = labels + 1 if kind in ("label", "filled") else 0
            i += 1
            continue
        j = i
        while j < len(filled) and kinds[filled[j]] == "bar":
            j += 1
        after = kinds[filled[j]] if j < len(filled) else ""
        before = kinds[filled[i - 1]] if i else ""
        if after != "figure":
            marks.append(j - 1)
        elif before in ("filled", "other", "") or before == "label" and labels >= 3:
            marks.append(i)
        labels = 0
        i = j
    return marks


_THOUSANDS = re.compile(r"\d,\d{3}(?!\d)")
_GROUPED_NUMBER = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?")


def _csv_lines(text: str) -> int:
    """Lines that are rows of comma-separated values (the tables as tabula, camelot or a
    spreadsheet export them): three or more fields, an empty one between two others, a quoted
    one, or two that are numbers; a sentence typed with half-width commas has none of them,
    and a figure grouped by thousands (1,234,567) is no two fields."""
    count = 0
    for line in text.split("\n"):
        if line.count(",") >= 2 and "\t" not in line:
            fields = [f.strip() for f in line.split(",")]
            # (an empty field at either end is a sentence broken after or before its comma)
            if ",," in line or any(f[:1] == '"' for f in fields) or (
                    sum(f.isdigit() for f in fields) >= 2 and not _THOUSANDS.search(line)):
                count += 1
    return count


# a record's quoted field may hold line breaks (a label wrapped in its cell); a line whose
# quotes are still open after this many more is read alone
_CSV_MAX_LINES = 20


def _csv_rows(lines: list[str]) -> list[GridRow]:
    """Comma-separated text: a record is a row with every cell in its place (merged cells
    come out as empty fields), as a tab-separated line; a line break inside a quoted field
    is one inside a cell (normalize.join_breaks). Each cell keeps the line it begins on."""
    rows = []
    i = 0
    while i < len(lines):
        line = lines[i]
        start = i + 1
        i += 1
        if ("," not in line and '"' not in line) or _GROUPED_NUMBER.fullmatch(line.strip()):
            # a line without fields, or a figure grouped by thousands (never a row "1","234")
            if line.strip():
                rows.append(GridRow((GridCell(line.strip(), Source(start)),)))
            continue
        record = line
        end = i
        while record.count('"') % 2 and end < len(lines) and end - i < _CSV_MAX_LINES:
            record += "\n" + lines[end]
            end += 1
        fields = _csv_fields(record)
        if fields is None:
            # a quote never closed, or one inside a field: the line alone, its quotes kept
            # as text (a field cut inside its quotes, "2,244 → "2, is then no figure)
            fields = _csv_fields(line) or _literal_fields(line)
        else:
            i = end
        cells = []
        at = start
        for field in fields:
            text = field.lstrip()
            # the line the cell's text begins on (a quoted field may open on the line before)
            cells.append(GridCell(tool_cell_text(text),
                                  Source(at + field.count("\n", 0, len(field) - len(text)))))
            at += field.count("\n")
        if any(c.text for c in cells):
            rows.append(GridRow(tuple(cells)))
    return rows


def tool_cell_text(text: str) -> str:
    """A cell of a table a tool found and exported (CSV, JSON): its line breaks are breaks
    inside the cell (normalize.join_breaks). Such rows are not ``aligned``: a tool's cells
    may hold pieces of other columns, which the parser's guards for them look for."""
    return join_breaks(text.strip().replace("\n", BREAK))


def _literal_fields(line: str) -> list[str]:
    try:
        return next(csv.reader([line], quoting=csv.QUOTE_NONE))
    except csv.Error:  # a field over the csv module's limit
        return [line]


def _csv_fields(record: str) -> list[str] | None:
    """The fields of a well-formed record; None for a quote that is not closed or stands
    inside a field ("2"44), a line break outside quotes, a field over the module's limit."""
    if record.count('"') % 2:
        return None
    try:
        return next(csv.reader([record], strict=True))
    except csv.Error:
        return None


def _tab_rows(lines: list[str]) -> list[GridRow]:
    """split_line for tab-separated text, inlined: the common case, on every line."""
    rows = []
    append = rows.append
    for n, line in enumerate(lines, 1):
        if "\t" in line:
            src = Source(n)
            if line[0] == "\t" and line.count("\t") == 1:
                append(GridRow((GridCell(line[1:].strip(), src),)))
            else:
                append(GridRow(tuple([GridCell(c.strip(), src) for c in line.split("\t")])))
        else:
            stripped = line.strip()
            if stripped:
                append(GridRow((GridCell(stripped, Source(n)),)))
    return rows


# A browser's innerText of a page whose table cells hold paragraphs (document.body.innerText,
# Playwright's inner_text): each cell's text between blank lines, a line holding only a tab
# between two cells of a row, nothing after a row's last cell; an empty cell is only the blank
# lines it leaves (``规章`` / ``\t`` / blank lines / ``\t`` / ``3``).
def _cells_between_tab_lines(lines: list[str]) -> bool:
    tab_only = with_text = 0
    for line in lines:
        if "\t" in line:
            if line.strip():
                with_text += 1
            else:
                tab_only += 1
    return tab_only >= 10 and tab_only >= 4 * with_text


def _tab_line_rows(lines: list[str]) -> list[GridRow]:
    """Such text as one cell a line (layout ``innertext``: every blank cell a real cell, as in
    ``pipe``), an empty cell as a blank cell at its tab's line. The gaps of blank lines tell
    the rows apart: a cell's text follows its tab, and a tab the text before it, after the
    page's usual gap (one blank line for a paragraph, none for a div); a longer gap is a row's
    end — after a tab, the row's last cell was empty; before a tab, the next row's first cell
    is. A row of empty cells only (Word's hidden row of column widths) is no row."""
    items: list[tuple[int, str, int, int]] = []  # (line, text, tabs, blank lines before)
    blank = 0
    for n, line in enumerate(lines, 1):
        stripped = line.strip()
        if stripped:
            items.append((n, stripped, 0, blank))
            blank = 0
        elif "\t" in line:
            items.append((n, "", line.count("\t"), blank))
            blank = 0
        else:
            blank += 1
    after_tab: dict[int, int] = {}
    before_tab: dict[int, int] = {}
    for before, item in zip(items, items[1:], strict=False):
        if before[2] and not item[2]:
            after_tab[item[3]] = after_tab.get(item[3], 0) + 1
        elif item[2] and not before[2]:
            before_tab[item[3]] = before_tab.get(item[3], 0) + 1

    def usual(gaps: dict[int, int]) -> int:
        return max(gaps, key=lambda g: (gaps[g], -g)) if gaps else 0

    gap_after, gap_before = usual(after_tab), usual(before_tab)
    rows: list[GridRow] = []
    row: list[tuple[str, int]] = []

    def end_row() -> None:
        if any(text for text, _ in row):
            rows.extend(GridRow((GridCell(text, Source(n)),)) for text, n in row)
        row.clear()

    tab_open: int | None = None  # the line of the tab after which a cell is open
    for n, text, tabs, gap in items:
        if tabs:
            if tab_open is not None:
                row.append(("", tab_open))  # the cell between two tabs was empty
            elif not row or gap > gap_before:
                end_row()
                row.append(("", n))  # a row whose first cell is empty
            row.extend(("", n) for _ in range(tabs - 1))
            tab_open = n
            continue
        if tab_open is not None and gap <= gap_after:
            row.append((text, n))  # the cell after the tab
        else:
            if tab_open is not None:
                row.append(("", tab_open))  # the row's empty last cell
            end_row()  # text after text: a new row (or a paragraph of no table)
            row.append((text, n))
        tab_open = None
    if tab_open is not None:
        row.append(("", tab_open))
    end_row()
    return rows


def split_line(line: str, number: int, layout: str) -> GridRow | None:
    """One line of text -> a row of cells; None for a blank line or a box border. (Tab and
    one-cell-per-line text go through _tab_rows; here white space at the end of a line is
    padding, never a cell.)"""
    line = line.rstrip()
    if "\t" in line:
        src = Source(line=number)
        if line.startswith("\t") and line.count("\t") == 1:
            return GridRow((GridCell(line[1:].strip(), src),))
        return GridRow(tuple(GridCell(c.strip(), src) for c in line.split("\t")))
    stripped = line.strip()
    if not stripped:
        return None
    src = Source(number)
    if layout == "box" and _HAS_BOX.search(line):
        if (_BOX_BORDER.match(stripped) and any(c in stripped for c in "─━═")) \
                or _HRULE.search(stripped):
            # a border, or a partial one beside a merged cell: a row boundary either way
            return _border(src)
        parts = _BOX_SPLIT.split(stripped)
        if parts and parts[0].strip() == "":
            parts = parts[1:]
        if parts and parts[-1].strip() == "":
            parts = parts[:-1]
        return GridRow(tuple(GridCell(_box_text(c), src) for c in parts))
    if layout == "box" and _BOX_BORDER.match(stripped) and any(c in stripped for c in "─━═"):
        return _border(src)
    if "|" in line and layout == "pipe":
        # "0 | ||": the cell is what stands before the first "|"; the rest is filler that
        # pads the row to the table's width, not cells
        return GridRow((GridCell(line.split("|", 1)[0].strip(), src),))
    if layout in ("layout-columns", "box") and _MULTISPACE.search(stripped) or (
            layout == "layout-columns" and _WIDE.search(stripped)):
        # each cell's start in characters and in display columns (display_width of the line
        # before it, counted on from the cell before); in text laid out in columns a line of
        # one cell of words too (a label, a figure after it: where the figure stands — a line
        # of figures alone, a row's wrapped on from the line above, keeps none)
        cells = []
        wide = counted = 0
        for m in _CELL.finditer(line):
            start = m.start()
            wide += len(_WIDE.findall(line, counted, start))
            counted = start
            cells.append(GridCell(m.group(0), src, (start, start + wide)))
        return GridRow(tuple(cells))
    if layout == "layout-columns" and _FIGURES_ALONE.fullmatch(stripped):
        indent = len(line) - len(line.lstrip(" "))
        return GridRow((GridCell(stripped, src, None, (indent, indent)),))
    return GridRow((GridCell(stripped, src),))


def _box_text(part: str) -> str:
    """A box cell's text on one line. A line that stops two or more columns short of its box
    ends there (a line break, as an HTML cell's 1<br>2 drawn by w3m: two figures, never 12),
    marked BREAK for merge_box_rows; a line that fills its box wraps on (w3m wraps only full
    lines: 1234 / 5 in a narrow box is 12345)."""
    text = part.strip()
    if text and display_width(text) < display_width(part) - 2:
        return text + BREAK
    return text


def _border(src: Source) -> GridRow:
    """A box-drawing border line: an empty row that marks a row boundary."""
    return GridRow((GridCell("\x00border", src),))


_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HTML_DOCUMENT = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype\s+html|html)\b", re.I)
_HTML_START = re.compile(rb"^(?:\xef\xbb\xbf)?\s*<(?:!doctype|html|head|meta|body|div|p|table)\b",
                         re.I)


def _read_word_97(path: Path, name: str, data: bytes | None = None) -> Document:
    """A .doc, .wps or .rtf: read as what it holds. Many sites publish as .doc a Word 97–2003
    file (read by read_doc), a web page Word saved (HTML, or MHTML), a .docx renamed; an RTF
    file or one read_doc cannot read is converted with LibreOffice when it is installed.
    ``data``: the file's bytes when they are read already."""
    if data is None:
        data = path.read_bytes()
    kind = sniff(data)
    if kind == "ole":
        from .read_doc import read_doc
        try:
            return read_doc(data, name)
        except ReportError:
            if not (shutil.which("soffice") or shutil.which("libreoffice")):
                raise  # else LibreOffice may read what read_doc could not
    elif kind == "zip":
        from .read_docx import read_docx
        return read_docx(data, name)
    elif kind in ("html", "mhtml"):
        return read_page(data, name, kind)
    return _convert_with_libreoffice(path, name, "RTF" if kind == "rtf" else path.suffix)


def sniff(data: bytes) -> str | None:
    """What an Office file holds, whatever its name: "ole" (Word or Excel 97–2003), "zip"
    (.docx or .xlsx), "html" (a web page Word or Excel saved), "mhtml", "rtf", or None."""
    if data.startswith(_OLE_MAGIC):
        return "ole"
    if _is_rtf(data):
        return "rtf"
    if data.startswith(b"PK\x03\x04"):
        return "zip"
    if _HTML_START.match(data[:512]):
        return "html"
    if b"MIME-Version" in data[:2048]:
        return "mhtml"
    return None


def _is_rtf(data: bytes) -> bool:
    return data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")[:5] == b"{\\rtf"


def read_page(data: bytes, name: str, kind: str) -> Document:
    from .read_html import read_html, read_mhtml
    return read_mhtml(data, name) if kind == "mhtml" else read_html(data, name)


def _convert_with_libreoffice(path: Path, name: str, kind: str) -> Document:
    """The file converted to .docx by LibreOffice and read so; ``kind`` names the file's
    format in the refusal when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        raise ReportError(name, f"无法读取 {kind} 文件 / cannot read {kind}: "
                                "LibreOffice (soffice) is not installed; save the file as .docx "
                                "or install libreoffice-writer")
    # LibreOffice reads a file by its name's ending: an RTF named .txt is given its own; and
    # each conversion has a profile of its own: two at once with one profile (as the build's
    # two processes may run them), one fails with no output
    suffix = ".rtf" if kind == "RTF" else path.suffix.lower()
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / f"report{suffix}"
        shutil.copyfile(path, source)
        try:
            subprocess.run([soffice, f"-env:UserInstallation={(Path(tmp) / 'profile').as_uri()}",
                            "--headless", "--norestore", "--convert-to", "docx", "--outdir",
                            str(Path(tmp) / "out"), str(source)], check=True,
                           capture_output=True, timeout=120)
        except (subprocess.SubprocessError, OSError) as exc:
            raise ReportError(name, f"LibreOffice 转换失败 / conversion failed: {exc}") from None
        out = Path(tmp) / "out" / "report.docx"
        if not out.exists():
            raise ReportError(name, "LibreOffice 转换失败 / conversion produced no .docx")
        from .read_docx import read_docx
        doc = read_docx(out.read_bytes(), name)
    return Document(path=name, rows=doc.rows, layout=f"{suffix[1:]}->docx",
                    encoding=doc.encoding)
