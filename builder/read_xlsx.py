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
from .normalize import BREAK, VERT_ALIGN, join_breaks, unify_radicals
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
            struck, formats = _cell_styles(part("xl/styles.xml"))
            rows: list[GridRow] = []
            for number, sheet in enumerate(workbook.iter(S + "sheet"), 1):
                if sheet.get("state") in ("hidden", "veryHidden"):
                    continue  # a sheet Excel does not show (an old copy, a helper's)
                target = targets.get(sheet.get(R + "id"), "")
                path = target.lstrip("/") if target.startswith("/") else "xl/" + target
                root = part(path)
                if root is not None:
                    rows.extend(_sheet_rows(root, strings, number, struck, formats))
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
        script = None if align is None else VERT_ALIGN.get(align.get("val", ""))
        parts.append((t.text or "").translate(script) if script else t.text or "")
    return "".join(parts)


def _struck(properties: ET.Element | None) -> bool:
    """Whether font properties (a font, a run's rPr) strike the text out."""
    strike = properties.find(S + "strike") if properties is not None else None
    return strike is not None and strike.get("val", "1") not in ("0", "false")


def _cell_styles(styles: ET.Element | None) -> tuple[frozenset[int],
                                                    dict[int, tuple[int | None, ...]]]:
    """Of the cell styles (cellXfs, a cell's s): those whose font strikes the text out (such a
    cell shows its figure crossed out, deleted, as Word's and a page's struck-out text is left
    out), and the number formats' decimals and hiding sections (number_places) of those
    whose format shows a number otherwise than as stored."""
    if styles is None:
        return frozenset(), {}
    fonts_el = styles.find(S + "fonts")
    struck_fonts = {i for i, font in enumerate(fonts_el.findall(S + "font") if fonts_el is not None
                                               else ()) if _struck(font)}
    codes = dict(BUILTIN_FORMATS)
    for fmt in styles.iter(S + "numFmt"):
        codes[_int(fmt.get("numFmtId"))] = fmt.get("formatCode", "")
    xfs = styles.find(S + "cellXfs")
    struck, formats = set(), {}
    for i, xf in enumerate(xfs.findall(S + "xf") if xfs is not None else ()):
        if _int(xf.get("fontId")) in struck_fonts:
            struck.add(i)
        places = number_places(codes.get(_int(xf.get("numFmtId")), "General"))
        if any(p is not None for p in places):
            formats[i] = places
    return frozenset(struck), formats


def _column(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _value(c: ET.Element, strings: list[str],
           places: tuple[int | None, ...] = ()) -> str:
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
        return shown_number(number, places)
    return raw  # str (a formula's text), b, e: as stored


def _sheet_rows(root: ET.Element, strings: list[str], sheet: int,
                struck: frozenset[int] = frozenset(),
                formats: dict[int, tuple[int | None, ...]] | None = None) -> list[GridRow]:
    """The sheet's rows as Excel shows them: hidden rows and columns left out (a copy of a
    row with other figures, a helper column of sums), as a hidden sheet is; a cell whose
    style strikes it out is empty; a number as its format shows it (shown_number)."""
    formats = formats or {}
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
                style = _int(c.get("s"))
                cells[col] = "" if style in struck else cell_text(
                    _value(c, strings, formats.get(style, ())))
        read.append((r, cells))
    return sheet_grid(read, sheet, hidden)


def _true(value: str | None) -> bool:
    return value in ("1", "true")


def _int(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def number_text(number: float, places: int | None = None) -> str:
    """The number a spreadsheet shows: a whole number plainly, else the shortest decimal;
    with ``places`` (its number format's decimals, number_places), rounded to them as Excel
    rounds (half away from zero): 801.2845 formatted 0.00 shows 801.28, the report's figure.
    Excel shows at most 15 significant digits, whatever the binary fraction holds: a sum
    stored as 0.30000000000000004 shows, and is, 0.3."""
    if not number.is_integer() and abs(number) < 1e15:
        if places is not None:
            from decimal import ROUND_HALF_UP, Decimal

            shown = Decimal(repr(number)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
            number = float(shown)
        else:
            number = float(f"{number:.15g}")
    return str(int(number)) if number.is_integer() and abs(number) < 1e15 else repr(number)


# the built-in number formats (ECMA-376 18.8.30) that show a number with a fixed count of
# decimals; the others (General, percent, scientific, fractions, dates) show it as stored or
# are not read as figures anyway
BUILTIN_FORMATS = {1: "0", 2: "0.00", 3: "#,##0", 4: "#,##0.00", 37: "#,##0 ;(#,##0)",
                   38: "#,##0 ;[Red](#,##0)", 39: "#,##0.00;(#,##0.00)",
                   40: "#,##0.00;[Red](#,##0.00)"}
HIDES_NUMBERS = -1  # a number format whose section for the number is empty: ;;; shows nothing
_FORMAT_LITERAL = re.compile(r'"[^"]*"|\\.|_.|\*.|\[[^\]]*\]')
# percent, fraction, text, scientific, General, and a date's or a time's letters
_SHOWN_OTHERWISE = re.compile(r"[%/@]|[eE][+-]|general|[ymdhsYMDHS]", re.I)


def number_places(code: str) -> tuple[int | None, ...]:
    """For a number format, per section (positive, negative, zero): the decimals it shows
    (digits placeholders after its point), HIDES_NUMBERS for an empty section, None where it
    shows the number otherwise (General, %, E+, fractions, dates, text) or cannot be told."""
    out: list[int | None] = []
    bare_code = _FORMAT_LITERAL.sub(lambda m: " " if m.group().startswith('"') else "", code)
    for section in bare_code.split(";"):
        bare = section.strip()
        if not bare:
            out.append(HIDES_NUMBERS)
        elif _SHOWN_OTHERWISE.search(bare) or not any(ch in bare for ch in "0#?"):
            out.append(None)
        else:
            point = bare.find(".")
            out.append(0 if point < 0 else sum(ch in "0#?" for ch in bare[point + 1:]))
    return tuple(out[:3])


def shown_number(number: float, places: tuple[int | None, ...]) -> str:
    """A number as its format (number_places) shows it: "" when the format hides it."""
    if not places:
        return number_text(number)
    section = places[0]
    if number < 0 and len(places) >= 2:
        section = places[1]
    elif number == 0 and len(places) >= 3:
        section = places[2]
    if section == HIDES_NUMBERS:
        return ""
    return number_text(number, section)


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
