"""An Excel workbook (.xlsx) -> Document: each sheet's rows in order, every cell in its place
(a merged cell's text where it starts, the cells it covers empty), as a CSV export of the
sheet would have them. The cells' text is the stored one: shared and inline strings, and
numbers as Excel wrote them (the shortest decimal of the stored double: 4.1, never
4.0999999999999996). Each cell's source is sheet/row/column (表 = sheet).

Read with the standard library (zipfile, ElementTree): SpreadsheetML, ECMA-376 part 1, 18.3
(sheets) and 18.4 (shared strings).
"""

from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET
import zipfile

from .errors import ReportError
from .model import Document, GridCell, GridRow, Source
from .normalize import BREAK, SCRIPTS, join_breaks, unify_radicals
from .read_docx import DAMAGED_ZIP, MAX_XML_BYTES

S = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"
MAX_COLUMNS = 200  # a report's tables have 16 at most; a stray cell far right is no table
_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def _unreadable(name: str, found: str) -> ReportError:
    return ReportError(name, "无法读取 .xlsx 文件 / cannot read the .xlsx file: expected an "
                             f"Excel workbook, found {found}")


def read_xlsx(data: bytes, name: str) -> Document:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            def part(path: str) -> ET.Element | None:
                try:
                    info = z.getinfo(path)
                except KeyError:
                    return None
                if info.file_size > MAX_XML_BYTES:
                    raise _unreadable(name, f"{path} larger than 64 MB")
                return ET.fromstring(z.read(info))

            workbook = part("xl/workbook.xml")
            if workbook is None:
                raise _unreadable(name, "no xl/workbook.xml")
            rels = part("xl/_rels/workbook.xml.rels")
            targets = {r.get("Id"): r.get("Target", "") for r in
                       (rels.iter(PKG + "Relationship") if rels is not None else ())}
            shared = part("xl/sharedStrings.xml")
            strings = [_text(si) for si in shared.iter(S + "si")] if shared is not None else []
            struck = _struck_styles(part("xl/styles.xml"))
            rows: list[GridRow] = []
            for number, sheet in enumerate(workbook.iter(S + "sheet"), 1):
                if sheet.get("state") in ("hidden", "veryHidden"):
                    continue  # a sheet Excel does not show (an old copy, a helper's)
                target = targets.get(sheet.get(R + "id"), "")
                path = target.lstrip("/") if target.startswith("/") else "xl/" + target
                root = part(path)
                if root is not None:
                    rows.extend(_sheet_rows(root, strings, number, struck))
    except ET.ParseError as exc:
        raise _unreadable(name, f"XML that cannot be parsed ({exc})") from None
    except DAMAGED_ZIP as exc:
        raise _unreadable(name, f"a damaged zip archive ({type(exc).__name__}: {exc})") from None
    return Document(path=name, rows=tuple(rows), layout="xlsx", encoding="utf-8")


def _text(el: ET.Element) -> str:
    """A string item's text: plain (t) or rich text runs (r/t); phonetic runs (rPh) and runs
    struck out (a figure crossed out for the one after it: 3̶4) left out; the digits of runs
    raised or lowered (vertAlign) as they show (normalize.SCRIPTS: 347¹ is no number)."""
    plain = el.find(S + "t")
    parts = [plain.text or ""] if plain is not None else []
    for r in el.findall(S + "r"):
        props, t = r.find(S + "rPr"), r.find(S + "t")
        if t is None or _struck(props):
            continue
        align = props.find(S + "vertAlign") if props is not None else None
        script = None if align is None else SCRIPTS.get(
            {"superscript": "sup", "subscript": "sub"}.get(align.get("val", ""), ""))
        parts.append((t.text or "").translate(script) if script else t.text or "")
    return "".join(parts)


def _struck(properties: ET.Element | None) -> bool:
    """Whether font properties (a font, a run's rPr) strike the text out."""
    strike = properties.find(S + "strike") if properties is not None else None
    return strike is not None and strike.get("val", "1") not in ("0", "false")


def _struck_styles(styles: ET.Element | None) -> frozenset[int]:
    """The cell styles (cellXfs, a cell's s) whose font strikes the text out: such a cell shows
    its figure crossed out, deleted, as Word's and a page's struck-out text is left out."""
    if styles is None:
        return frozenset()
    fonts_el = styles.find(S + "fonts")
    struck_fonts = {i for i, font in enumerate(fonts_el.findall(S + "font") if fonts_el is not None
                                               else ()) if _struck(font)}
    xfs = styles.find(S + "cellXfs")
    return frozenset(i for i, xf in enumerate(xfs.findall(S + "xf") if xfs is not None else ())
                     if _int(xf.get("fontId")) in struck_fonts)


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _value(c: ET.Element, strings: list[str]) -> str:
    kind = c.get("t", "n")
    if kind == "inlineStr":
        is_ = c.find(S + "is")
        return _text(is_) if is_ is not None else ""
    v = c.find(S + "v")
    raw = (v.text or "") if v is not None else ""
    if kind == "s":
        return strings[int(raw)] if raw.isdigit() and int(raw) < len(strings) else ""
    if kind == "n" and raw:
        try:
            number = float(raw)
        except ValueError:
            return raw
        return number_text(number)
    return raw  # str (a formula's text), b, e: as stored


def _sheet_rows(root: ET.Element, strings: list[str], sheet: int,
                struck: frozenset[int] = frozenset()) -> list[GridRow]:
    """The sheet's rows as Excel shows them: hidden rows and columns left out (a copy of a
    row with other figures, a helper column of sums), as a hidden sheet is; a cell whose
    style strikes it out is empty."""
    hidden: set[int] = set()
    for col in root.iter(S + "col"):
        if _true(col.get("hidden")):
            first, last = _int(col.get("min")), _int(col.get("max"))
            hidden.update(range(max(first, 1), min(last, MAX_COLUMNS) + 1))
    read: list[tuple[int, dict[int, str]]] = []
    for row in root.iter(S + "row"):
        if _true(row.get("hidden")):
            continue
        cells: dict[int, str] = {}
        r = int(row.get("r", "0") or 0)
        for c in row.iter(S + "c"):
            m = _REF.fullmatch(c.get("r", ""))
            col = _column(m.group(1)) if m else len(cells) + 1
            r = int(m.group(2)) if m else r
            if col <= MAX_COLUMNS and col not in hidden:
                cells[col] = "" if _int(c.get("s")) in struck else cell_text(_value(c, strings))
        read.append((r, cells))
    return sheet_grid(read, sheet, hidden)


def _true(value: str | None) -> bool:
    return value in ("1", "true")


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def number_text(number: float) -> str:
    """The number a spreadsheet shows: a whole number plainly, else the shortest decimal."""
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


def cell_text(text: str) -> str:
    """A cell's text; a line break in it is a label wrapped (商业 / 企业), or figures apart."""
    text = text.strip().replace("\r\n", "\n").replace("\n", BREAK)
    return unify_radicals(join_breaks(text))


def sheet_grid(read: list[tuple[int, dict[int, str]]], sheet: int,
               hidden: set[int] | frozenset[int] = frozenset()) -> list[GridRow]:
    """A sheet's rows ((row number, column -> text)) as grid rows, those with text only; a
    row of a table (two cells or more) reaches the table's last column, as an empty last cell
    is not stored (a row whose 总计 is blank would end a cell short of the others). Hidden
    columns are no cells at all."""
    read = [(r, cells) for r, cells in read if any(cells.values())]
    widest = max((max(c for c, text in cells.items() if text) for _, cells in read), default=0)
    out = []
    for r, cells in read:
        used = [c for c, text in cells.items() if text]
        width = widest if len(used) > 1 else max(used)
        out.append(GridRow(tuple(GridCell(cells.get(col, ""), Source(table=sheet, row=r, col=col))
                                 for col in range(1, width + 1) if col not in hidden)))
    return out
