"""A Word .docx -> Document: body paragraphs and tables in order; merged cells (gridSpan,
vMerge) appear once where they start. Each cell's source is table/row/column."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections.abc import Iterator

from .errors import ReportError
from .model import Document, GridCell, GridRow, Source
from .normalize import BREAK, VERT_ALIGN, join_breaks

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


# the run properties that leave a run out: hidden text (w:vanish, 隐藏文字), which Word does not
# show or print, and struck-out text (w:strike, w:dstrike: a figure printed struck out beside
# its correction, as the HTML reader leaves out <s> and <strike>)
_MARKS = ("vanish", "strike", "dstrike")


def _marks(props: ET.Element | None) -> dict[str, bool]:
    """The marks a run-properties element (w:rPr) sets, on or off (w:val="0" sets one off)."""
    out: dict[str, bool] = {}
    if props is not None:
        for name in _MARKS:
            mark = props.find(W + name)
            if mark is not None:
                out[name] = mark.get(W + "val", "true") not in ("0", "false", "off")
    return out


class _Styles:
    """What styles.xml says of hidden and struck-out text: the marks of each style with those
    of the styles it is based on (its own first), the default paragraph style's and the
    document defaults'. A run's own properties come first, then its character style's, then
    its paragraph style's, then the defaults (Word's toggling of a mark set on in two levels
    is not followed: set on anywhere first, it is on)."""

    def __init__(self, root: ET.Element | None = None) -> None:
        self._own: dict[str, tuple[str | None, dict[str, bool]]] = {}
        self._resolved: dict[str, dict[str, bool]] = {}
        self._aligned: dict[str, str] = {}  # a style's own w:vertAlign (脚注引用 is raised)
        self.default_paragraph: str | None = None
        self.defaults: dict[str, bool] = {}
        if root is None:
            return
        defaults = root.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr")
        self.defaults = _marks(defaults)
        for style in root.iter(W + "style"):
            ident = style.get(W + "styleId")
            if not ident:
                continue
            based = style.find(W + "basedOn")
            props = style.find(W + "rPr")
            self._own[ident] = (None if based is None else based.get(W + "val"), _marks(props))
            align = None if props is None else props.find(W + "vertAlign")
            if align is not None:
                self._aligned[ident] = align.get(W + "val", "")
            if style.get(W + "type") == "paragraph" and style.get(W + "default") in ("1", "true"):
                self.default_paragraph = ident
        # most documents set no mark in any style: their runs are read by their own marks
        self.any = bool(self.defaults) or any(m for _, m in self._own.values())
        self.any_aligned = bool(self._aligned)

    any = any_aligned = False

    def _chain(self, ident: str | None) -> Iterator[str]:
        """A style and those it is based on (basedOn), nearest first, a loop in the chain cut."""
        seen: set[str] = set()
        while ident is not None and ident in self._own and ident not in seen:
            seen.add(ident)
            yield ident
            ident = self._own[ident][0]

    def marks(self, ident: str | None) -> dict[str, bool]:
        """A style's marks with those it inherits, the nearest setting of each."""
        if ident is None or ident not in self._own:
            return {}
        out = self._resolved.get(ident)
        if out is None:
            out = {}
            for at in self._chain(ident):
                for name, on in self._own[at][1].items():
                    out.setdefault(name, on)
            self._resolved[ident] = out
        return out

    def aligned(self, ident: str | None) -> str | None:
        """A character style's w:vertAlign, its own or the nearest in its basedOn chain."""
        return next((self._aligned[at] for at in self._chain(ident) if at in self._aligned),
                    None)

    def paragraph(self, p: ET.Element) -> dict[str, bool]:
        """The marks a paragraph's style (or the default paragraph style) and the document
        defaults give its runs."""
        style = p.find(f"{W}pPr/{W}pStyle")
        ident = self.default_paragraph if style is None else style.get(W + "val")
        return {**self.defaults, **self.marks(ident)}


_NO_STYLES = _Styles()


def _text(el: ET.Element, styles: _Styles = _NO_STYLES) -> str:
    """A paragraph's text as Word shows it."""
    parts: list[str] = []
    para = styles.paragraph(el) if styles.any else {}

    def walk(node: ET.Element, script: dict[int, str] | None = None) -> None:
        for child in node:
            tag = child.tag
            if tag in _HIDDEN:
                continue
            if tag == W + "r":
                if _left_out(child, styles, para):
                    continue
                walk(child, _script(child, styles))
                continue
            if tag == W + "t":
                if child.text:
                    parts.append(child.text.translate(script) if script else child.text)
            elif tag == W + "tab":
                parts.append(" ")
            elif tag in (W + "br", W + "cr"):
                parts.append(BREAK)
            elif tag == W + "noBreakHyphen":
                parts.append("-")
            else:
                walk(child, script)

    walk(el)
    return "".join(parts)


def _script(run: ET.Element, styles: _Styles = _NO_STYLES) -> dict[int, str] | None:
    """The digits of a run raised or lowered (w:vertAlign: its own, else its character
    style's, as Word's 脚注引用 style raises a footnote mark typed by hand) as they show."""
    props = run.find(W + "rPr")
    if props is None:
        return None
    align = props.find(W + "vertAlign")
    if align is not None:
        return VERT_ALIGN.get(align.get(W + "val", ""))
    if styles.any_aligned and (style := props.find(W + "rStyle")) is not None:
        return VERT_ALIGN.get(styles.aligned(style.get(W + "val")) or "")
    return None


def _left_out(run: ET.Element, styles: _Styles = _NO_STYLES,
              para: dict[str, bool] | None = None) -> bool:
    """A run hidden or struck out (_MARKS) by its own properties, its character style
    (w:rStyle) or its paragraph's style: no part of a figure."""
    props = run.find(W + "rPr")
    own = _marks(props)
    if not styles.any:
        return any(own.values())
    style = None if props is None else props.find(W + "rStyle")
    marks = {**(para or {}), **styles.marks(None if style is None else style.get(W + "val")),
             **own}
    return any(marks.values())


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
            styles_xml = _styles_xml(z, name)
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
    styles = _NO_STYLES
    if styles_xml is not None:
        try:
            styles = _Styles(ET.fromstring(styles_xml))
        except ET.ParseError as exc:
            raise ReportError(name, f"DOCX 无法解析 / cannot parse styles.xml: {exc}") from None
    body = root.find(W + "body")
    rows: list[GridRow] = []
    table_no = 0
    if body is None:
        raise ReportError(name, "DOCX 没有正文 / document has no body")
    def walk(parent: ET.Element) -> None:
        nonlocal table_no
        for child in parent:
            if child.tag == W + "p":
                text = join_breaks(_text(child, styles)).strip()
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
                    rows.extend(_table(child, table_no, styles))
            elif child.tag in (W + "sdt", W + "sdtContent", W + "customXml"):
                walk(child)  # content controls wrap paragraphs and tables
            elif child.tag == W + "altChunk" and child.get(R + "id") in chunks:
                table_no = _chunk_rows(chunks[child.get(R + "id", "")], name, rows, table_no)

    walk(body)
    return Document(path=name, rows=tuple(rows), layout="docx", encoding="utf-8")


def _styles_xml(z: zipfile.ZipFile, name: str) -> bytes | None:
    """word/styles.xml, when the document has one that may mark text hidden, struck out,
    raised or lowered."""
    try:
        info = z.getinfo("word/styles.xml")
    except KeyError:
        return None
    if info.file_size > MAX_XML_BYTES:
        raise ReportError(name, "DOCX 内容过大 / styles.xml too large")
    data = z.read(info)
    return data if b"vanish" in data or b"strike" in data or b"vertAlign" in data else None


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


def _table(tbl: ET.Element, number: int, styles: _Styles = _NO_STYLES) -> list[GridRow]:
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
                text = join_breaks(BREAK.join(_text(p, styles).strip()
                                              for p in _children(tc, W + "p")))
                cells.append(GridCell(text, Source(table=number, row=r, col=col + 1)))
            col += span
        if cells:
            out.append(GridRow(tuple(cells), aligned=True))
    return out
