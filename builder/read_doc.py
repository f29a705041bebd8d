"""A Word 97–2003 .doc (and a WPS .wps saved in its format) -> Document, without LibreOffice.

The document's text is read through its piece table (the Clx in the table stream): each piece
is UTF-16 or, compressed, 8-bit text. A table cell ends with the mark ``\\x07``; the row ends
with one more ``\\x07`` whose paragraph carries the table-row-end property (sprmPFTtp), which
is read from the paragraph properties (PlcBtePapx, PAPX pages). Text deleted with tracked
changes, hidden or struck out is left out (the character properties, PlcBteChpx). Rows become GridRows with
every cell in its place (a merged cell is an empty cell, as Word keeps it); paragraphs
outside tables are one-cell rows. Field codes are left out and their results kept.
Each cell's source is table/row/column, a paragraph's its paragraph number.

Reference: [MS-DOC] (Word (.doc) Binary File Format), sections 2.4.1 (text), 2.4.3 (tables),
2.5.1 (FIB), 2.8.25 (PlcBtePapx), 2.9.175 (PapxFkp), 2.8.26 (PlcBteChpx), 2.9.33
(ChpxFkp), 2.6.1 and 2.6.2 (sprms).
"""

from __future__ import annotations

import bisect
import io
import struct
from collections.abc import Iterator

from .errors import ReportError
from .model import Document, GridCell, GridRow, Source
from .normalize import BREAK, SCRIPT_CODES, SCRIPTS, join_breaks, unify_radicals

# FIB offsets (Word 97 and later: FibBase, then fibRgLw and fibRgFcLcb97 at fixed places)
_FLAGS = 0x000A
_FC_PLCF_BTE_CHPX = 0x00FA
_FC_PLCF_BTE_PAPX = 0x0102
_FC_CLX = 0x01A2
_F_WHICH_TBL_STM = 0x0200
_F_ENCRYPTED = 0x0100
_MAX_PIECES = 100_000
_SPRM_P_F_IN_TABLE = 0x2416  # the paragraph is in a table cell
_SPRM_P_F_TTP = 0x2417  # the paragraph ends a table row
_SPRM_P_F_INNER_TTP = 0x244C  # … a row of a table inside a table
_SPRM_P_ITAP = 0x6649  # the depth of tables a paragraph is in
_SPRM_P_HUGE_PAPX = 0x6646  # the properties are in the Data stream, at this offset
# character properties of text Word does not show: deleted with tracked changes, hidden
_SPRM_C_F_RMARK_DEL = 0x0800
_SPRM_C_F_VANISH = 0x083C
# and struck-out text, which the HTML and .docx readers leave out too (a figure printed struck
# out beside its correction)
_SPRM_C_F_STRIKE = 0x0837
_SPRM_C_F_D_STRIKE = 0x2A53
_LEFT_OUT = {_SPRM_C_F_RMARK_DEL, _SPRM_C_F_VANISH, _SPRM_C_F_STRIKE, _SPRM_C_F_D_STRIKE}
# text raised or lowered (1 superscript, 2 subscript): its digits as they show (SCRIPTS)
_SPRM_C_ISS = 0x2A48
# the size of a sprm's operand by its spra (bits 13–15); 6 is variable
_OPERAND = {0: 1, 1: 1, 2: 2, 3: 4, 4: 2, 5: 2, 7: 3}
_TWO_BYTE_SIZE = {0xD608, 0xD606}  # sprmTDefTable, sprmTDefTable10: their size in 2 bytes


def _unreadable(name: str, found: str) -> ReportError:
    return ReportError(name, "无法读取 .doc 文件 / cannot read the .doc file: expected a Word "
                             f"97–2003 document, found {found}; save it as .docx")


def read_doc(data: bytes, name: str) -> Document:
    import olefile

    try:
        ole = olefile.OleFileIO(io.BytesIO(data))
    except (OSError, ValueError) as exc:
        raise _unreadable(name, f"no OLE compound file ({exc})") from None
    try:
        if not ole.exists("WordDocument"):
            raise _unreadable(name, "an OLE file without a WordDocument stream")
        word = ole.openstream("WordDocument").read()
        if len(word) < 0x01AA or struct.unpack_from("<H", word, 0)[0] != 0xA5EC:
            raise _unreadable(name, "a WordDocument stream without a Word 97 header")
        flags = struct.unpack_from("<H", word, _FLAGS)[0]
        if flags & _F_ENCRYPTED:
            raise ReportError(name, "文档已加密 / the document is encrypted: expected an open "
                                    "document; save it without a password")
        table_name = "1Table" if flags & _F_WHICH_TBL_STM else "0Table"
        if not ole.exists(table_name):
            raise _unreadable(name, f"no {table_name} stream")
        table = ole.openstream(table_name).read()
        data_stream = ole.openstream("Data").read() if ole.exists("Data") else b""
    except (OSError, ValueError, struct.error) as exc:
        raise _unreadable(name, f"a damaged file ({exc})") from None
    finally:
        ole.close()
    try:
        text, fcs = _text(word, table)
        marks = _paragraph_marks(word, table, data_stream)
        marked = _marked_runs(word, table)
    except (struct.error, IndexError, ValueError) as exc:
        raise _unreadable(name, f"a damaged file ({exc})") from None
    return Document(path=name, rows=tuple(_rows(text, fcs, marks, marked)), layout="doc",
                    encoding="utf-16")


def _text(word: bytes, table: bytes) -> tuple[str, list[int]]:
    """The main document's text, and the file offset (FC) of each of its characters."""
    fc_clx, lcb_clx = struct.unpack_from("<II", word, _FC_CLX)
    clx = table[fc_clx:fc_clx + lcb_clx]
    pos = 0
    while pos < len(clx) and clx[pos] == 0x01:  # Prc: property modifiers, skipped
        pos += 3 + struct.unpack_from("<h", clx, pos + 1)[0]
    if pos >= len(clx) or clx[pos] != 0x02:
        raise ValueError("no piece table")
    size = struct.unpack_from("<I", clx, pos + 1)[0]
    plc = clx[pos + 5:pos + 5 + size]
    n = (len(plc) - 4) // 12
    if n <= 0 or n > _MAX_PIECES:
        raise ValueError("an empty piece table")
    cps = struct.unpack_from(f"<{n + 1}I", plc, 0)
    ccp_text = struct.unpack_from("<I", word, 0x004C)[0]  # the main text's length
    chars: list[str] = []
    fcs: list[int] = []
    for i in range(n):
        start, end = cps[i], min(cps[i + 1], ccp_text)
        if start >= end:
            continue
        fc = struct.unpack_from("<I", plc, 4 * (n + 1) + 8 * i + 2)[0]
        count = end - start
        if fc & 0x40000000:  # compressed: 8-bit text at half the offset
            fc = (fc & 0x3FFFFFFF) // 2
            raw = word[fc:fc + count]
            chars.append(raw.decode("cp1252", errors="replace"))
            fcs.extend(range(fc, fc + count))
        else:
            raw = word[fc:fc + 2 * count]
            chars.append(raw.decode("utf-16-le", errors="replace"))
            fcs.extend(range(fc, fc + 2 * count, 2))
    return "".join(chars), fcs


def _property_runs(word: bytes, table: bytes, plcf: int,
                   entry: int) -> Iterator[tuple[bytes, int, int, int]]:
    """(page, start FC, end FC, offset of the properties in the page) of each run of text with
    properties of its own, from a bin table (PlcBtePapx, PlcBteChpx) and its pages (FKP): a
    PAPX page keeps 13 bytes a run (``entry``), a CHPX page 1."""
    fc, lcb = struct.unpack_from("<II", word, plcf)
    plc = table[fc:fc + lcb]
    n = (len(plc) - 4) // 8
    for i in range(n):
        page = (struct.unpack_from("<I", plc, 4 * (n + 1) + 4 * i)[0] & 0x3FFFFF) * 512
        fkp = word[page:page + 512]
        if len(fkp) < 512:
            continue
        crun = fkp[511]
        rgfc = struct.unpack_from(f"<{crun + 1}I", fkp, 0)
        for j in range(crun):
            offset = fkp[4 * (crun + 1) + entry * j] * 2
            if offset:  # (0: the default properties)
                yield fkp, rgfc[j], rgfc[j + 1], offset


def _paragraph_marks(word: bytes, table: bytes, data: bytes) -> list[tuple[int, int, int]]:
    """(start FC, end FC, what) of the paragraphs with table properties: what is 1 for a
    paragraph in a table cell, 2 for the mark that ends a table row (outermost tables)."""
    out = []
    for fkp, start_fc, end_fc, offset in _property_runs(word, table, _FC_PLCF_BTE_PAPX, 13):
        cb = fkp[offset]
        if cb == 0:
            size, start = 2 * fkp[offset + 1], offset + 2
        else:
            size, start = 2 * cb - 1, offset + 1
        what = _table_property(fkp[start + 2:start + size], data)  # after the style (istd)
        if what:
            out.append((start_fc, end_fc, what))
    return sorted(out)


def _marked_runs(word: bytes, table: bytes) -> list[tuple[int, int, str]]:
    """(start FC, end FC, what) of the runs of text Word does not show with the changes
    accepted ("unseen"): deleted with tracked changes (sprmCFRMarkDel) or hidden
    (sprmCFVanish), and struck-out text (sprmCFStrike, sprmCFDStrike); and of text raised
    or lowered ("sup", "sub": sprmCIss). From the character properties (PlcBteChpx, CHPX
    pages: [MS-DOC] 2.8.26, 2.9.33)."""
    out = []
    for fkp, start_fc, end_fc, offset in _property_runs(word, table, _FC_PLCF_BTE_CHPX, 1):
        what = _run_mark(fkp[offset + 1:offset + 1 + fkp[offset]])
        if what:
            out.append((start_fc, end_fc, what))
    return sorted(out)


def _run_mark(grpprl: bytes) -> str | None:
    """"unseen" when character properties delete, hide or strike out the run (a toggle set
    on, 1, or set to the opposite of its style's, 0x81, taken as on: styles hide nothing in a
    report); else "sup" or "sub" when they raise or lower it; else None."""
    pos, raised = 0, None
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        spra = sprm >> 13
        size = (grpprl[pos] + 1 if pos < len(grpprl) else 1) if spra == 6 else _OPERAND[spra]
        if sprm in _LEFT_OUT and grpprl[pos:pos + 1] in (
                b"\x01", b"\x81"):
            return "unseen"
        if sprm == _SPRM_C_ISS and pos < len(grpprl):
            raised = SCRIPT_CODES.get(grpprl[pos])
        pos += size
    return raised


def _table_property(grpprl: bytes, data: bytes) -> int:
    """2 if the properties end a table row, 1 if they put the paragraph in a table, else 0.
    Properties too large for their page are in the Data stream (sprmPHugePapx)."""
    pos, in_table, ttp, depth = 0, False, False, 1
    while pos + 2 <= len(grpprl):
        sprm = struct.unpack_from("<H", grpprl, pos)[0]
        pos += 2
        spra = sprm >> 13
        if sprm in _TWO_BYTE_SIZE:  # a table's definition: a 2-byte size, minus one
            size = (struct.unpack_from("<H", grpprl, pos)[0] + 1
                    if pos + 2 <= len(grpprl) else 2)
        elif spra == 6:
            size = grpprl[pos] + 1 if pos < len(grpprl) else 1
        else:
            size = _OPERAND[spra]
        on = grpprl[pos:pos + 1] == b"\x01"
        if sprm == _SPRM_P_F_IN_TABLE and on:
            in_table = True
        elif sprm in (_SPRM_P_F_TTP, _SPRM_P_F_INNER_TTP) and on:
            ttp = True
        elif sprm == _SPRM_P_HUGE_PAPX and size == 4 and data:
            at = struct.unpack_from("<I", grpprl, pos)[0]
            if at + 2 <= len(data):
                cb = struct.unpack_from("<H", data, at)[0]
                return _table_property(data[at + 2:at + 2 + cb], b"")
        elif sprm == _SPRM_P_ITAP and size == 4:
            depth = struct.unpack_from("<i", grpprl, pos)[0]
            in_table = in_table or depth > 0
        pos += size
    if ttp and depth <= 1:
        return 2
    return 1 if in_table or ttp else 0


# characters that are no text: an inline picture or object (\x01, \x08), an annotation (\x05),
# a footnote reference (\x02), a page or section break (\x0c)
_NOT_TEXT = dict.fromkeys(map(ord, "\x01\x02\x05\x08\x0c"), None)


def _rows(text: str, fcs: list[int], marks: list[tuple[int, int, int]],
          marked: list[tuple[int, int, str]]) -> list[GridRow]:
    starts = [a for a, _, _ in marks]
    marked_starts = [a for a, _, _ in marked]

    def shown(i: int) -> str | None:
        """The character at ``i`` as it shows: "" when deleted or hidden, raised or lowered
        as such (_marked_runs), else None (as it is)."""
        fc = fcs[i]
        k = bisect.bisect_right(marked_starts, fc) - 1
        if not (k >= 0 and marked[k][0] <= fc < marked[k][1]):
            return None
        what = marked[k][2]
        return "" if what == "unseen" else text[i].translate(SCRIPTS[what])

    def mark(i: int) -> int:
        """What the paragraph of the character at ``i`` is (_paragraph_marks)."""
        fc = fcs[i]
        k = bisect.bisect_right(starts, fc) - 1
        return marks[k][2] if k >= 0 and marks[k][0] <= fc < marks[k][1] else 0

    rows: list[GridRow] = []
    cells: list[GridCell] = []
    buf: list[str] = []
    field: list[int] = []  # open fields: 0 in the code (left out), 1 in the result
    table_no = 0
    row_no = 0
    in_table = False
    paragraph = 0
    for i, ch in enumerate(text):
        if ch == "\x13":
            field.append(0)
        elif ch == "\x14":
            if field:
                field[-1] = 1
        elif ch == "\x15":
            if field:
                field.pop()
        elif field and field[-1] == 0:
            continue
        elif ch == "\x07":
            if mark(i) == 2:  # the end of a row
                if cells:
                    row_no += 1
                    rows.append(GridRow(tuple(cells), aligned=True))
                cells = []
            else:  # the end of a cell
                if not in_table:
                    in_table, table_no, row_no = True, table_no + 1, 0
                cells.append(GridCell(_cell_text(buf), Source(table=table_no, row=row_no + 1,
                                                              col=len(cells) + 1)))
            buf = []
        elif ch == "\r":
            if mark(i):
                buf.append(BREAK)  # a paragraph inside a cell
                continue
            in_table = False
            paragraph += 1
            line = _cell_text(buf)
            if line:
                rows.append(GridRow((GridCell(line, Source(line=paragraph)),)))
            buf = []
        elif ch == "\x0b":
            buf.append(BREAK)
        elif not marked:  # (cell, row and paragraph marks count in any case)
            buf.append(ch)
        else:
            seen = shown(i)
            buf.append(ch if seen is None else seen)
    line = _cell_text(buf)
    if line:
        rows.append(GridRow((GridCell(line, Source(line=paragraph + 1)),)))
    return rows


def _cell_text(buf: list[str]) -> str:
    return unify_radicals(join_breaks("".join(buf).translate(_NOT_TEXT).strip(BREAK + " \t")
                                      .replace("\u3000", " ").strip()))
