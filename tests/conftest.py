"""Shared fixtures: paths of the repository and of the sample reports; helpers that make
inputs from synthetic reports."""

from __future__ import annotations

import csv
import io
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
SAMPLES = sorted(CONTENT.rglob("*.txt"))


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


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
    more than three digits grouped by thousands (then quoted, as the comma is in them)."""
    out = io.StringIO()
    writer = csv.writer(out, quoting=quoting, lineterminator="\n")
    for line in text.split("\n"):
        writer.writerow([f"{int(c):,}" if c.isdigit() and len(c) > 3 else c
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


def write_workbook(folder: Path, target: Path, number_cells: bool = True) -> None:
    """The report as someone types it into a spreadsheet (openpyxl writes the .xlsx, as
    pandas and most tools do): each paragraph in a row of its own, each table cell in its
    place with merged cells merged, figures stored as numbers (or as text)."""
    import openpyxl

    page = SpansCopied()
    page.feed((folder / "report.html").read_text("utf-8"))
    book = openpyxl.Workbook()
    sheet = book.active
    r = 1
    for kind, item in page.items:
        if kind == "text":
            sheet.cell(r, 1, str(item))
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
                sheet.cell(r + i, c, value if text else None)
                if rowspan > 1 or colspan > 1:
                    sheet.merge_cells(start_row=r + i, start_column=c,
                                      end_row=r + i + rowspan - 1, end_column=c + colspan - 1)
                taken.update((i + a, c + b) for a in range(rowspan) for b in range(colspan))
                c += colspan
        r += len(item)
    book.save(target)
