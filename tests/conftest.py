"""Shared fixtures: paths of the repository and of the sample reports; helpers that make
inputs from synthetic reports."""

from __future__ import annotations

import csv
import functools
import io
import json
import re
import shutil
import subprocess
import sys
import sysconfig
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
# Debian's chromium, headless, as every test that drives it runs it (no network, no first-run
# work): the site's browser tests, pages printed to PDF, a page's innerText
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync", "--no-first-run")


RENDERED = ROOT / "tests" / "fixtures" / "rendered"


def rendered_expected(folder: str | Path) -> dict:
    """A rendered fixture's expected.json (a folder's name or path), its cells keyed by
    (table, row, column) -> value."""
    path = folder if isinstance(folder, Path) else RENDERED / folder
    data = json.loads((path / "expected.json").read_text("utf-8"))
    data["cells"] = {(c["table"], c["row"], c["column"]): c["value"] for c in data["cells"]}
    return data


def page_expected(output: Path) -> dict:
    """The figures of the page a tool's output was taken from: ``<page>.expected.json`` beside
    it (``narrow-c1-r5.pdftotext.tsv`` -> ``narrow-c1-r5.expected.json``), its cells given as
    [table, row, column, value], keyed by (table, row, column) -> value."""
    data = json.loads(output.with_name(output.name.split(".")[0] + ".expected.json")
                      .read_text("utf-8"))
    return {(t, r, c): v for t, r, c, v in data["cells"]}


def report_cells(report) -> dict:  # noqa: ANN001 - a ParsedReport
    """A parsed report's cells: (table, row, column) -> value."""
    return {(c.table, c.row, c.column): c.value for c in report.cells}


def read_without_wrong_figures(path: Path) -> tuple:
    """A report with its figures beside it (``page_expected``) parsed: the report, its
    figures and its cells, once asserted that no figure published differs from the report's
    own."""
    from builder.parse import parse_file

    report = parse_file(path)
    expected = page_expected(path)
    cells = report_cells(report)
    assert {k: v for k, v in cells.items() if v is not None and v != expected.get(k)} == {}
    return report, expected, cells


def chromium() -> str:
    assert Path(CHROMIUM).exists(), "Debian's chromium is needed: apt-get install -y chromium"
    return CHROMIUM


def launch_chromium(playwright):  # noqa: ANN001, ANN201 - Playwright's own types
    """The browser under Playwright."""
    return playwright.chromium.launch(executable_path=chromium(), headless=True,
                                      args=list(CHROMIUM_FLAGS))


@functools.cache
def _chinese_fonts() -> str:
    return subprocess.run(["fc-list", ":lang=zh"], capture_output=True, text=True).stdout


def print_to_pdf(uri: str, pdf: Path, *flags: str) -> None:
    """The page printed to PDF by the browser, as a reader does it."""
    # without one, Chromium prints Chinese as glyphs with no text behind them
    assert _chinese_fonts().strip(), "a Chinese font is needed: apt-get install -y fonts-noto-cjk"
    import tempfile

    with tempfile.TemporaryDirectory(prefix="chromium-") as profile:
        # a profile of its own: the suite runs in two processes (pytest -n), and two Chromiums
        # on one profile hand their work to each other
        if not any(f.startswith("--user-data-dir=") for f in flags):
            flags = (*flags, f"--user-data-dir={profile}")
        subprocess.run([chromium(), "--headless", *CHROMIUM_FLAGS, *flags,
                        f"--print-to-pdf={pdf}", uri], check=True, capture_output=True,
                       timeout=120)


CONTENT = ROOT / "content"
SAMPLES = sorted(CONTENT.rglob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def console_script(name: str) -> str:
    """The console script installed with this Python (.ci/run does not put .venv/bin on
    PATH), else one on PATH."""
    scripts = Path(sysconfig.get_path("scripts"))
    for candidate in (scripts / name, Path(sys.executable).parent / name):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(name)
    if not found:
        pytest.fail(f"{name} not found: pip install -e '.[test]'")
    return found


def sample(name: str) -> Path:
    """A sample report by its body folder name, e.g. sample('焦店镇')."""
    for p in SAMPLES:
        if p.parent.name == name:
            return p
    raise KeyError(name)


_COLSPAN = re.compile(r'(<td[^>]*?)\s*colspan="?(\d+)"?([^>]*>)(.*?</td>)', re.S)


def expand_colspans(html: str) -> str:
    """A table whose merged cells are typed as empty cells (as editors that do not merge
    produce): colspan=N becomes the cell and N-1 empty cells."""
    return _COLSPAN.sub(lambda m: m.group(1) + m.group(3) + m.group(4)
                        + "<td></td>" * (int(m.group(2)) - 1), html)


def copy_project(dest: Path) -> None:
    """The repository as a fresh clone has it: tracked files only (no generated pages)."""
    import shutil
    import subprocess

    tracked = subprocess.run(["git", "ls-files", "-z", "mkdocs.yml", "overrides", "docs",
                              "content"], cwd=ROOT, check=True, capture_output=True,
                             text=True).stdout.split("\0")
    for rel in filter(None, tracked):
        (dest / rel).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / rel, dest / rel)


def as_csv(text: str, quoting: int) -> str:
    """Tab-separated text as a spreadsheet saves it as CSV: one record a line; figures of
    more than three digits grouped by thousands, negative ones too (then quoted, as the comma
    is in them)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator="\n")
    for line in text.split("\n"):
        writer.writerow([f"{int(c):,}" if re.fullmatch(r"-?\d{4,}", c) else c
                         for c in line.split("\t")])
    return out.getvalue()


class SpansCopied(HTMLParser):
    """A page's tables as pandas.read_html (and docling) give them: a merged cell's text
    copied into every cell it spans; paragraphs outside the tables as lines."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, object]] = []
        self.rows: list[list[tuple[str, int, int]]] | None = None
        self.cell: list[str] | None = None
        self.span = (1, 1)

    def handle_starttag(self, tag: str, attrs) -> None:
        a = dict(attrs)
        if tag == "table":
            self.rows = []
            self.items.append(("table", self.rows))
        elif tag == "tr" and self.rows is not None:
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = []
            self.span = (int(a.get("rowspan") or 1), int(a.get("colspan") or 1))
        elif tag in ("br", "p") and self.cell is not None:
            self.cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self.cell is not None and self.rows is not None:
            self.rows[-1].append((" ".join("".join(self.cell).split()), *self.span))
            self.cell = None
        elif tag == "table":
            self.rows = None

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell.append(data)
        elif self.rows is None and data.strip():
            self.items.append(("text", data.strip()))

    def grids(self) -> list[str | list[list[str]]]:
        out: list[str | list[list[str]]] = []
        for kind, item in self.items:
            if kind == "text":
                out.append(str(item))
                continue
            grid: list[list[str]] = []
            below: dict[tuple[int, int], str] = {}
            for r, row in enumerate(item):  # type: ignore[arg-type]
                line: list[str] = []
                cells = list(row)
                while cells or any(k[0] == r and k[1] >= len(line) for k in below):
                    if (r, len(line)) in below:
                        line.append(below.pop((r, len(line))))
                        continue
                    text, rowspan, colspan = cells.pop(0)
                    for dr in range(1, rowspan):
                        for dc in range(colspan):
                            below[(r + dr, len(line) + dc)] = text
                    line += [text] * colspan
                grid.append(line)
            out.append(grid)
        return out


def tables_flattened(page: str) -> str:
    """The page as unstructured's elements give it (and LangChain's loaders pass it on): each
    paragraph a block, each table one line of its cells' texts apart by single spaces, an
    empty cell leaving nothing."""
    parsed = SpansCopied()
    parsed.feed(page)
    blocks = []
    for kind, item in parsed.items:
        if kind == "text":
            blocks.append(str(item))
        else:
            blocks.append(" ".join(c[0] for row in item for c in row if c[0]))  # type: ignore
    return "\n\n".join(blocks)


class _TextNodes(HTMLParser):
    """A page's text nodes outside script and style, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.nodes: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.skip += tag in ("script", "style")

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.nodes.append(data)


def page_text_joined(page: str, separator: str) -> str:
    """The page as BeautifulSoup's ``get_text(separator, strip=True)`` gives it once its script
    and style elements are removed (crawlers store pages so): every text node stripped,
    the empty ones dropped, the rest joined by ``separator`` — with a space or a tab, the
    whole page on one line."""
    parsed = _TextNodes()
    parsed.feed(page)
    return separator.join(s for node in parsed.nodes if (s := node.strip()))


def rows_run_together(page: str) -> str:
    """The page as a crawler takes it with nothing between cells, line by line of its source
    (BeautifulSoup's get_text() of a table written a row a line): each row's cells run
    together (规章347531, 一、本年新收…0000000), a row a line."""
    return "\n".join(page_text_joined(line, "") for line in page.split("\n"))


def write_workbook(folder: Path, target: Path, number_cells: bool = True) -> None:
    """The report as someone types it into a spreadsheet: each paragraph in a row of its own,
    each table cell in its place with merged cells merged, figures stored as numbers (or as
    text). A target ending in .xls is written by xlwt (Excel 97–2003), else by openpyxl (the
    .xlsx pandas and most tools write)."""
    page = SpansCopied()
    page.feed((folder / "report.html").read_text("utf-8"))
    cells: list[tuple[int, int, object, int, int]] = []  # row, column (1-based), value, spans
    r = 1
    for kind, item in page.items:
        if kind == "text":
            cells.append((r, 1, str(item), 1, 1))
            r += 1
            continue
        taken: set[tuple[int, int]] = set()
        for i, row in enumerate(item):  # type: ignore[arg-type]
            c = 1
            for text, rowspan, colspan in row:
                while (i, c) in taken:
                    c += 1
                value: object = text
                if number_cells and re.fullmatch(r"-?\d+(\.\d+)?", text):
                    value = float(text) if "." in text else int(text)
                cells.append((r + i, c, value if text else None, rowspan, colspan))
                taken.update((i + a, c + b) for a in range(rowspan) for b in range(colspan))
                c += colspan
        r += len(item)
    if target.suffix == ".xls":
        import xlwt

        book = xlwt.Workbook(encoding="utf-8")
        sheet = book.add_sheet("Sheet1")
        for row, col, value, rowspan, colspan in cells:
            if rowspan > 1 or colspan > 1:
                sheet.write_merge(row - 1, row + rowspan - 2, col - 1, col + colspan - 2,
                                  "" if value is None else value)
            elif value is not None:
                sheet.write(row - 1, col - 1, value)
        book.save(str(target))
        return
    import openpyxl

    workbook = openpyxl.Workbook()
    active = workbook.active
    for row, col, value, rowspan, colspan in cells:
        active.cell(row, col, value)
        if rowspan > 1 or colspan > 1:
            active.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1,
                               end_column=col + colspan - 1)
    workbook.save(target)


class WebConverterText(HTMLParser):
    """A page's text as web crawlers and converters write it, in one of these styles (each
    seen on stored pages of real reports): every paragraph outside the tables on a line;
    a table cell as

    - ``bars``: its text on lines of its own, then a line holding only ``|`` (an empty cell:
      the ``|`` alone, or after a blank line with ``blank_line``);
    - ``rows``: ``text |`` terms, a row on one line (规章 | 0 | 0 | 0 |), an empty cell a
      ``|`` alone, the columns a merged cell spans as ``||`` after it (行政许可 | 0 | ||);
    - ``rows-fill-end``: the same with the spanned columns' ``|`` at the end of the row;
    - ``rows-wrapped``: as ``rows``, the row's last `` |`` wrapped onto a line of its own;
    - ``cells``: ``text |`` on a line of its own, an empty cell a line ``|``, the spanned
      columns' ``|`` on a line at the end of the row;
    - ``cells-marked``: the same, each row begun with a line holding only ``|``;
    - ``cells-closed``: as ``cells``, each row without merged cells ended by a line holding
      only ``|`` (the table has one more column, which the row's last cell spans);
    - ``bars-marked``: as ``bars``, each row's first cell begun by ``| `` (``| 规章`` / ``|`` /
      ``0`` / ``|`` …);
    - ``rows-broken``: as ``rows`` without the spanned columns, the line broken before each
      empty cell's ``|`` (``一、本年新收… | 25 |`` / ``|`` / ``|`` / ``|`` / ``|`` / ``| 25 |``)."""

    def __init__(self, style: str, blank_line: bool = False) -> None:
        super().__init__()
        self.lines: list[str] = []
        self.row: list[tuple[list[str], int]] | None = None
        self.cell: list[str] | None = None
        self.span = 1
        self.tables = 0
        self.style = style
        self.blank_line = blank_line

    def handle_starttag(self, tag: str, attrs) -> None:
        self.tables += tag == "table"
        if tag == "tr":
            self.row = []
        elif tag in ("td", "th"):
            self.cell = [""]
            self.span = int(dict(attrs).get("colspan") or 1)
        elif tag in ("br", "p") and self.cell is not None:
            self.cell.append("")

    def handle_endtag(self, tag: str) -> None:
        self.tables -= tag == "table"
        if tag in ("td", "th") and self.cell is not None and self.row is not None:
            self.row.append(([t.strip() for t in self.cell if t.strip()], self.span))
            self.cell = None
        elif tag == "tr" and self.row is not None:
            self._write(self.row)
            self.row = None

    def _write(self, row: list[tuple[list[str], int]]) -> None:
        fill = "|" * sum(span - 1 for _, span in row)
        if self.style.startswith("bars"):
            for n, (text, _) in enumerate(row):
                if n == 0 and self.style == "bars-marked":
                    text = [f"| {' '.join(text)}".rstrip()]
                self.lines += (text or ([""] if self.blank_line else [])) + ["|"]
        elif self.style == "rows-broken":
            line = ""
            for text, _ in row:
                line += f" {' '.join(text)} |" if text else "\n|"
            self.lines += [x.strip() for x in line.strip("\n").split("\n")]
        elif self.style.startswith("rows"):
            terms = []
            for text, span in row:
                terms.append(f"{' '.join(text)} |" if text else "|")
                if span > 1 and self.style != "rows-fill-end":
                    terms.append("|" * (span - 1))
            line = " ".join(terms + ([fill] if fill and self.style == "rows-fill-end"
                                     else []))
            if self.style == "rows-wrapped" and line.endswith(" |"):
                self.lines += [line[:-2], "|"]
            else:
                self.lines.append(line)
        else:
            self.lines += ["|"] if self.style == "cells-marked" else []
            self.lines += [f"{' '.join(text)} |" if text else "|" for text, _ in row]
            self.lines += [fill] if fill else ["|"] if self.style == "cells-closed" else []

    def handle_data(self, data: str) -> None:
        if self.cell is not None:
            self.cell[-1] += data
        elif not self.tables and data.strip():
            self.lines.append(data.strip())


_PT = 25.4 / 72  # millimetres per point


def pdf_to_ofd(pdf: Path, per_char: bool = False, scaled: bool = False) -> bytes:
    """The PDF as an OFD file (GB/T 33190) as converters write one: each word of the text
    layer a TextObject (or each character, ``per_char``) with its Boundary on the page in
    millimetres and a TextCode whose DeltaX gives the characters' advances; the table's
    rules as PathObjects; with ``scaled``, each text object drawn at half its size and
    scaled back by its CTM. Pages in Doc_0/Pages/Page_N/Content.xml."""
    import zipfile
    from xml.sax.saxutils import escape

    import pdfplumber

    ns = 'xmlns:ofd="http://www.ofdspec.org/2016"'
    pages = []
    with pdfplumber.open(str(pdf)) as doc:
        for page in doc.pages:
            objects = []
            words = page.extract_words(keep_blank_chars=False, extra_attrs=["size"],
                                       return_chars=True)
            groups = ([[c] for w in words for c in w["chars"]] if per_char
                      else [w["chars"] for w in words])
            for n, chars in enumerate(groups):
                x0, top = chars[0]["x0"] * _PT, chars[0]["top"] * _PT
                size = chars[0]["size"] * _PT
                baseline = (page.height - chars[0]["matrix"][5]) * _PT  # the text matrix's
                width = (chars[-1]["x1"] - chars[0]["x0"]) * _PT
                text = escape("".join(c["text"] for c in chars))
                k = 2 if scaled else 1
                ctm = f' CTM="{k} 0 0 {k} 0 0"' if scaled else ""
                deltas = [(b["x0"] - a["x0"]) * _PT / k
                          for a, b in zip(chars, chars[1:], strict=False)]
                delta = (' DeltaX="' + " ".join(f"{d:.3f}" for d in deltas) + '"'
                         if deltas else "")
                objects.append(
                    f'<ofd:TextObject ID="{n + 10}" Font="1" Size="{size / k:.3f}"{ctm} '
                    f'Boundary="{x0:.3f} {top:.3f} {width + size:.3f} {size * 1.2:.3f}">'
                    f'<ofd:TextCode X="0" Y="{(baseline - top) / k:.3f}"{delta}>{text}'
                    f'</ofd:TextCode></ofd:TextObject>')
            for m, line in enumerate(page.lines):
                x0, y0 = line["x0"] * _PT, line["top"] * _PT
                w, h = (line["x1"] - line["x0"]) * _PT, (line["bottom"] - line["top"]) * _PT
                objects.append(f'<ofd:PathObject ID="{m + 5000}" Boundary="{x0:.3f} {y0:.3f} '
                               f'{w + 0.1:.3f} {h + 0.1:.3f}" LineWidth="0.25">'
                               f'<ofd:AbbreviatedData>M 0 0 L {w:.3f} {h:.3f}'
                               f'</ofd:AbbreviatedData></ofd:PathObject>')
            pages.append(f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {ns}><ofd:Content>'
                         f'<ofd:Layer ID="2">{"".join(objects)}</ofd:Layer></ofd:Content>'
                         f'</ofd:Page>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("OFD.xml", f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {ns} '
                              f'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
                              f'<ofd:DocID>0</ofd:DocID></ofd:DocInfo><ofd:DocRoot>'
                              f'Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>')
        page_list = "".join(f'<ofd:Page ID="{i + 1}" BaseLoc="Pages/Page_{i}/Content.xml"/>'
                            for i in range(len(pages)))
        z.writestr("Doc_0/Document.xml",
                   f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {ns}><ofd:CommonData>'
                   f'<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox>'
                   f'</ofd:PageArea><ofd:MaxUnitID>9999</ofd:MaxUnitID></ofd:CommonData>'
                   f'<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>')
        for i, page in enumerate(pages):
            z.writestr(f"Doc_0/Pages/Page_{i}/Content.xml", page)
    return out.getvalue()


def narrow_columns_text(spec, widths: tuple[int, int, int], align: str,
                        wrapped_totals: bool = False, figure_width: int = 0) -> str:
    """The report as text laid out in columns (pdftotext -layout) of a PDF whose applications
    table was printed narrow: row labels wrapped to ``widths[2]`` full-width characters a line
    (a half-width one half as wide; labels without a group take the three label columns'
    width, those of 三、本年度办理结果's own rows the last two's), the merged group cells'
    labels (三、本年度办理结果 ``widths[0]`` a line, （三）不予公开 … ``widths[1]``) spread over
    the lines of their rows, centred, and each row's figures on the first, middle or last line
    of its label (``align``: top, middle, bottom). ``wrapped_totals``: a total of two digits or
    more whose row has a line below its figures is broken there, its last digit under it (a
    narrow total cell wrapping the figure). ``figure_width``: the figure cells that narrow too,
    each figure wider broken into pieces of that many digits, one under another on the lines
    from its row's figure line down (the row as tall as its tallest figure)."""
    from builder import codes, synth
    from builder.read import display_width

    results = "三、本年度办理结果"

    def wrap(text: str, w: int) -> list[str]:
        lines, line = [], ""
        for c in text:
            if line and display_width(line + c) > 2 * w:
                lines.append(line)
                line = ""
            line += c
        return lines + [line] if line else lines or [""]

    def pad(text: str, width: int) -> str:
        return text + " " * max(width - display_width(text), 0)

    w1, w2, w3 = widths
    rows = codes.rows(spec.template, "applications")
    own = [wrap(r.label, w3 if r.group and r.group != results else
                w2 + w3 if r.group else w1 + w2 + w3) for r in rows]
    pieces = [[[] if (v := spec.values.get(("applications", r.code, c))) is None else
               [str(v)[j:j + figure_width] for j in range(0, len(str(v)), figure_width)]
               if figure_width else [str(v)] for c in r.columns] for r in rows]
    lines_of = [len(o) for o in own]  # (its label's lines: where its figures stand)
    for i in range(len(rows)):  # a row as tall as its label and its figures below its line
        at = {"top": 0, "middle": (lines_of[i] - 1) // 2, "bottom": lines_of[i] - 1}[align]
        own[i] += [""] * max(at + max(len(p) for p in pieces[i]) - lines_of[i], 0)
    starts = [sum(len(o) for o in own[:i]) for i in range(len(rows))]
    total = starts[-1] + len(own[-1])
    col1, col2 = [""] * total, [""] * total

    def spread(col: list[str], text: str, w: int, members: list[int]) -> None:
        first, last = starts[members[0]], starts[members[-1]] + len(own[members[-1]])
        lines = wrap(text, w)
        at = first + max((last - first - len(lines)) // 2, 0)
        for j, piece in enumerate(lines):
            col[min(at + j, last - 1)] += piece

    spread(col1, results, w1, [i for i, r in enumerate(rows) if r.group])
    for group in dict.fromkeys(r.group for r in rows if r.group and r.group != results):
        spread(col2, group, w2, [i for i, r in enumerate(rows) if r.group == group])
    out = []
    for i, r in enumerate(rows):
        h = len(own[i])
        at = {"top": 0, "middle": (lines_of[i] - 1) // 2, "bottom": lines_of[i] - 1}[align]
        figures = [p[0] if p else "" for p in pieces[i]]
        tail = ""
        if wrapped_totals and at + 1 < h and len(figures[-1]) >= 2:
            figures[-1], tail = figures[-1][:-1], figures[-1][-1]
        for j in range(h):
            n = starts[i] + j
            if not r.group:
                text = pad(own[i][j], 2 * (w1 + w2 + w3) + 6)
            elif r.group == results:
                text = pad(col1[n], 2 * w1 + 2) + pad(own[i][j], 2 * (w2 + w3) + 4)
            else:
                text = (pad(col1[n], 2 * w1 + 2) + pad(col2[n], 2 * w2 + 2)
                        + pad(own[i][j], 2 * w3 + 2))
            if j == at:
                text += "".join(f"{f:>7}" for f in figures)
            elif j == at + 1 and tail:
                text = pad(text, display_width(text) + 7 * len(figures) - len(tail)) + tail
            elif j > at and any(len(p) > j - at for p in pieces[i]):
                text += "".join(f"{p[j - at] if len(p) > j - at else '':>7}" for p in pieces[i])
            out.append(("  " + text).rstrip())
    lines = synth.render_text(spec, "layout-columns").split("\n")
    a = next(i for i, line in enumerate(lines) if line.strip().startswith("一、本年新收"))
    b = next(i for i, line in enumerate(lines) if line.strip().startswith("四、结转下年度"))
    return "\n".join(lines[:a] + out + lines[b + 1:])
