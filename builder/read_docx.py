"""A Word .docx -> Document: body paragraphs and tables in order; merged cells (gridSpan,
vMerge) appear once where they start. Each cell's source is table/row/column."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib

from .errors import ReportError
from .model import Document, GridCell, GridRow, Source
from .normalize import BREAK, join_breaks

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_XML_BYTES = 64 * 1024 * 1024
# what the zipfile module raises for a damaged archive or member (a member missing: KeyError)
DAMAGED_ZIP = (zipfile.BadZipFile, zlib.error, NotImplementedError, EOFError, ValueError,
               OSError, IndexError, KeyError)


MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# what Word shows of a document with tracked changes accepted is what is read: deleted text
# (w:del holds w:delText) and text moved away (w:moveFrom holds w:t) are not; a drawing's
# fallback copy (mc:Fallback, the same text box for older readers) is not read twice
_HIDDEN = {W + "del", W + "moveFrom", MC + "Fallback"}


def _text(el: ET.Element) -> str:
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        for child in node:
            tag = child.tag
            if tag in _HIDDEN:
                continue
            if tag == W + "r" and _left_out(child):
                continue
            if tag == W + "t":
                if child.text:
                    parts.append(child.text)
            elif tag == W + "tab":
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                parts.append(BREAK)
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child)

    walk(el)
    return "".join(parts)


def _left_out(run: ET.Element) -> bool:
    """A run of hidden text (w:vanish, 隐藏文字), which Word does not show or print, or of
    struck-out text (w:strike, w:dstrike: a figure printed struck out beside its correction,
    as the HTML reader leaves out <s> and <strike>): no part of a figure."""
    props = run.find(W + "rPr")
    if props is None:
        return False
    for name in ("vanish", "strike", "dstrike"):
        mark = props.find(W + name)
        if mark is not None and mark.get(W + "val", "true") not in ("0", "false", "off"):
            return True
    return False


def _children(parent: ET.Element, tag: str) -> list[ET.Element]:
    """The ``tag`` children of ``parent``, also those wrapped in content controls (w:sdt),
    custom XML or a tracked insertion, as Word nests rows, cells and paragraphs; not those of
    a tracked deletion."""
    out: list[ET.Element] = []
    for child in parent:
        if child.tag == tag:
            out.append(child)
        elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml", W + "ins",
                           W + "moveTo"):
            out.extend(_children(child, tag))
    return out


R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def read_docx(data: bytes, name: str) -> Document:
    chunks: dict[str, bytes] = {}  # relationship id -> an altChunk part's bytes
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            info = z.getinfo("word/document.xml")
            if info.file_size > MAX_XML_BYTES:
                raise ReportError(name, "DOCX 内容过大 / document.xml too large")
            xml = z.read(info)
            if b"altChunk" in xml:
                chunks = _alt_chunks(z, name)
    except DAMAGED_ZIP:
        raise ReportError(name, "不是有效的 .docx 文件 / not a valid .docx file (expected a "
                                "Word document; a .doc must be converted or saved as .docx)") \
            from None
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        raise ReportError(name, f"DOCX 无法解析 / cannot parse document.xml: {exc}") from None
    body = root.find(W + "body")
    rows: list[GridRow] = []
    table_no = 0
    if body is None:
        raise ReportError(name, "DOCX 没有正文 / document has no body")
    def walk(parent: ET.Element) -> None:
        nonlocal table_no
        for child in parent:
            if child.tag == W + "p":
                text = join_breaks(_text(child)).strip()
                if text:
                    rows.append(GridRow((GridCell(text, Source()),)))
            elif child.tag == W + "tbl":
                if _holds_a_table(child):
                    # a table used for the page's layout (a frame around the report, a web
                    # page pasted into Word): what its cells hold is read in order, their
                    # paragraphs as paragraphs and the tables in them as tables
                    for tr in _children(child, W + "tr"):
                        if not _deleted(tr):
                            for tc in _children(tr, W + "tc"):
                                walk(tc)
                else:
                    table_no += 1
                    rows.extend(_table(child, table_no))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                walk(child)  # content controls wrap paragraphs and tables
            elif child.tag == W + "altChunk" and child.get(R + "id") in chunks:
                table_no = _chunk_rows(chunks[child.get(R + "id", "")], name, rows, table_no)

    walk(body)
    return Document(path=name, rows=tuple(rows), layout="docx", encoding="utf-8")


def _alt_chunks(z: zipfile.ZipFile, name: str) -> dict[str, bytes]:
    """The parts a document imports whole (w:altChunk): a web page (HTML or MHTML) that the
    tools exporting a page "as Word" wrap in a .docx (html-docx-js, a site's 导出Word)."""
    try:
        rels = ET.fromstring(z.read("word/_rels/document.xml.rels"))
    except ET.ParseError as exc:
        raise ReportError(name, f"DOCX 无法解析 / cannot parse document.xml.rels: {exc}") \
            from None
    out = {}
    for rel in rels.iter(PKG + "Relationship"):
        if rel.get("Type", "").endswith("/aFChunk"):
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else "word/" + target
            info = z.getinfo(path)
            if info.file_size > MAX_XML_BYTES:
                raise ReportError(name, f"DOCX 内容过大 / {path} too large")
            out[rel.get("Id", "")] = z.read(info)
    return out


def _chunk_rows(data: bytes, name: str, rows: list[GridRow], table_no: int) -> int:
    """An imported web page's rows appended, its tables numbered on from the document's own
    (its lines are the page's, not the document's: none is given); the last table's number."""
    from .read import read_page, sniff

    kind = sniff(data)
    if kind not in ("html", "mhtml"):
        raise ReportError(name, "DOCX 嵌入的内容无法读取 / cannot read the part the document "
                                "imports (altChunk): expected a web page (HTML or MHTML), found "
                                f"{data[:16]!r}")
    page = read_page(data, name, kind)
    last = table_no
    for row in page.rows:
        cells = []
        for c in row.cells:
            table = None if c.source.table is None else c.source.table + table_no
            last = max(last, table or 0)
            cells.append(c._replace(source=c.source._replace(line=None, table=table)))
        rows.append(GridRow(tuple(cells), aligned=row.aligned))
    return last


def _holds_a_table(tbl: ET.Element) -> bool:
    return any(True for el in tbl.iter(W + "tbl") if el is not tbl)


def _deleted(tr: ET.Element) -> bool:
    """A row deleted with tracked changes."""
    trpr = tr.find(W + "trPr")
    return trpr is not None and trpr.find(W + "del") is not None


def _table(tbl: ET.Element, number: int) -> list[GridRow]:
    out: list[GridRow] = []
    for r, tr in enumerate(_children(tbl, W + "tr"), 1):
        cells: list[GridCell] = []
        col = 0
        if _deleted(tr):
            continue
        trpr = tr.find(W + "trPr")
        if trpr is not None:
            before = trpr.find(W + "gridBefore")  # the row starts further right
            if before is not None and (before.get(W + "val") or "").isdigit():
                col = int(before.get(W + "val"))
        for tc in _children(tr, W + "tc"):
            pr = tc.find(W + "tcPr")
            span = 1
            cont = False
            if pr is not None:
                gs = pr.find(W + "gridSpan")
                if gs is not None:
                    try:
                        span = max(1, int(gs.get(W + "val", "1")))
                    except ValueError:
                        span = 1
                vm = pr.find(W + "vMerge")
                if vm is not None and vm.get(W + "val", "continue") != "restart":
                    cont = True
            if not cont:
                text = join_breaks(BREAK.join(_text(p).strip()
                                              for p in _children(tc, W + "p")))
                cells.append(GridCell(text, Source(table=number, row=r, col=col + 1)))
            col += span
        if cells:
            out.append(GridRow(tuple(cells), aligned=True))
    return out
