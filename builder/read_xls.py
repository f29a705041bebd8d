"""An Excel 97–2003 workbook (.xls) -> Document, as read_xlsx reads an .xlsx: each sheet's
rows in order, every cell in its place (a merged cell's text where it starts, the cells it
covers empty), numbers as Excel shows them, hidden sheets, rows and columns left out. Read
with xlrd (BIFF 5–8). Many sites publish as .xls a web page or an .xlsx renamed: those are read
as what they are.
"""

from __future__ import annotations

from .errors import ReportError
from .model import Document
from .normalize import SCRIPT_CODES, SCRIPTS
from .read import read_page, sniff
from .read_xlsx import (
    MAX_COLUMNS,
    cell_text,
    number_places,
    number_text,
    read_xlsx,
    sheet_grid,
    shown_number,
)


def read_xls(data: bytes, name: str) -> Document:
    kind = sniff(data)
    if kind == "zip":
        return read_xlsx(data, name)
    if kind in ("html", "mhtml"):
        return read_page(data, name, kind)
    if kind != "ole":
        raise ReportError(name, "无法读取 .xls 文件 / cannot read the .xls file: expected an "
                                "Excel 97–2003 workbook, found neither one nor a web page")
    import xlrd

    try:
        try:
            # with the rows' and columns' formats, which say which are hidden
            book = xlrd.open_workbook(file_contents=data, on_demand=True, formatting_info=True,
                                      logfile=_Quiet())
        except Exception:  # noqa: BLE001 - formats it cannot read: the cells alone
            book = xlrd.open_workbook(file_contents=data, on_demand=True, logfile=_Quiet())
        rows = []
        for number in range(book.nsheets):
            sheet = book.sheet_by_index(number)
            if sheet.visibility:
                continue  # a sheet Excel does not show, as in read_xlsx
            hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
            hidden = {c + 1 for c, info in sheet.colinfo_map.items() if info.hidden}
            read = [(r + 1, {c + 1: cell_text(_shown(book, sheet, r, c))
                             for c in range(min(sheet.row_len(r), MAX_COLUMNS))
                             if c + 1 not in hidden})
                    for r in range(sheet.nrows) if r not in hidden_rows]
            rows.extend(sheet_grid(read, number + 1, hidden))
    except ReportError:
        raise
    except Exception as exc:  # noqa: BLE001 - xlrd raises many types on damaged files
        raise ReportError(name, f"无法读取 .xls 文件 / cannot read the .xls file: expected an "
                                f"Excel 97–2003 workbook, found a damaged one "
                                f"({type(exc).__name__}: {exc})") from None
    return Document(path=name, rows=tuple(rows), layout="xls", encoding="utf-8")


def _shown(book, sheet, r: int, c: int) -> str:  # noqa: ANN001 - xlrd's Book and Sheet
    """A cell's text as Excel shows it: empty when its font strikes it out, and without the
    struck-out runs of rich text (as read_xlsx); where the formats could not be read, as
    stored."""
    import xlrd

    cell = sheet.cell(r, c)
    text = _value(cell)
    if not book.formatting_info:
        return text
    fonts = book.font_list
    try:
        if fonts[book.xf_list[cell.xf_index].font_index].struck_out:
            return ""
        if cell.ctype == xlrd.XL_CELL_NUMBER:  # as its number format shows it
            fmt = book.format_map.get(book.xf_list[cell.xf_index].format_key)
            if fmt is not None:
                return shown_number(float(cell.value), number_places(fmt.format_str))
        runs = sheet.rich_text_runlist_map.get((r, c)) if cell.ctype == xlrd.XL_CELL_TEXT \
            else None
        if runs and any(f >= len(fonts) for _, f in runs):
            return text
    except (IndexError, TypeError):
        return text  # formats that point nowhere: the cell as stored
    if runs:
        cuts = [(0, book.xf_list[cell.xf_index].font_index), *runs]
        text = "".join(_raised(text[start:end], fonts[font]) for (start, font), (end, _) in
                       zip(cuts, [*cuts[1:], (len(text), 0)], strict=True)
                       if not fonts[font].struck_out)
    return text


def _raised(text: str, font) -> str:  # noqa: ANN001 - xlrd's Font
    """A rich text run's digits raised or lowered (the font's escapement: 1 superscript, 2
    subscript) as they show (normalize.SCRIPTS)."""
    script = SCRIPT_CODES.get(getattr(font, "escapement", 0))
    return text.translate(SCRIPTS[script]) if script else text


def _value(cell) -> str:  # noqa: ANN001 - xlrd's Cell
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return ""
    if cell.ctype in (xlrd.XL_CELL_NUMBER, xlrd.XL_CELL_DATE):
        return number_text(float(cell.value))
    if cell.ctype == xlrd.XL_CELL_TEXT:
        return cell.value
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return "TRUE" if cell.value else "FALSE"
    return "#ERROR"  # an error value (#DIV/0!): no figure


class _Quiet:
    """xlrd writes its warnings to a log file: none here, what it could not read is an error."""

    def write(self, _text: str) -> None:
        pass
