"""Record types passed between the pipeline stages."""

from __future__ import annotations

import copy
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

Number = int | float


class Source(NamedTuple):
    """Where a piece of text came from: a line of a text or HTML file, a table cell of a DOCX
    or HTML file, or a page of a PDF file."""

    line: int | None = None
    page: int | None = None
    table: int | None = None
    row: int | None = None
    col: int | None = None

    def as_dict(self) -> dict[str, int]:
        return {k: v for k in ("line", "page", "table", "row", "col")
                if (v := getattr(self, k)) is not None}

    @property
    def known(self) -> bool:
        """Whether the source names a place (else describe() is "—")."""
        return (self.line is not None or self.page is not None or self.table is not None
                or self.row is not None)

    def _words(self, english: bool) -> list[str]:
        """The page, table, row and column (a line of a page: its row with no table), else
        the line, each in Chinese (第2页, 表1, 第5行, 第3列) or in English."""
        words = []
        if self.page is not None:
            words.append(f"page {self.page}" if english else f"第{self.page}页")
        if self.table is not None:
            words.append(f"table {self.table}" if english else f"表{self.table}")
        if self.row is not None:
            kind = "row" if self.table is not None else "line"
            words.append(f"{kind} {self.row}" if english else f"第{self.row}行")
            if self.col is not None:
                words.append(f"column {self.col}" if english else f"第{self.col}列")
        elif self.line is not None:
            words.append(f"line {self.line}" if english else f"第{self.line}行")
        return words

    def describe(self) -> str:
        """Human wording in Chinese, e.g. 第57行 or 第2页."""
        return "".join(self._words(False)) or "—"

    def place(self) -> tuple[str, str]:
        """Where it stands, to name in a message: (Chinese, English) — 第 57 行 / line 57 of a
        text; a page's place as describe() words it, 第2页第36行 / page 2, line 36, or
        第2页表1第5行第3列 / page 2, table 1, row 5, column 3 (a PDF, an OFD, word boxes)."""
        if self.page is None and self.table is None and self.line is not None:
            return f"第 {self.line} 行", f"line {self.line}"
        return self.describe(), ", ".join(self._words(True)) or "—"

    def __reduce__(self) -> tuple[type[Source], tuple[int | None, ...]]:
        # pickled as Source(*fields), which loads the same: a named tuple's own way (a call
        # of __getnewargs__ through object.__reduce_ex__) takes half as long again to pickle
        # a report, which a build does for every report
        return (Source, tuple(self))


class GridCell(NamedTuple):
    """One cell of the document grid, as printed (merged cells appear once)."""

    text: str
    source: Source
    x: tuple[int, int] | None = None  # start column in an aligned-text line: (chars, display)
    # in text laid out in columns, where a line of figures alone starts (chars, display): kept
    # apart from x, which such a line has none of (a row's figures wrapped onto it are not
    # placed in columns by it)
    at: tuple[int, int] | None = None


class GridRow(NamedTuple):
    cells: tuple[GridCell, ...]
    aligned: bool = False  # True when the row is a real table row (HTML, DOCX, PDF tables)

    @property
    def text(self) -> str:
        cells = self.cells
        if len(cells) == 1:
            return cells[0].text
        return "".join([c.text for c in cells])

    @property
    def spaced_text(self) -> str:
        """The cells' texts apart by a space (text laid out in columns keeps its gaps so)."""
        return " ".join(c.text for c in self.cells if c.text)

    @property
    def source(self) -> Source:
        return self.cells[0].source if self.cells else Source()


@dataclass(frozen=True, slots=True)
class Document:
    """Any input, as one grid: paragraphs are rows of one cell, table rows are rows of cells."""

    path: str
    rows: tuple[GridRow, ...]
    layout: str  # "tab", "cell-per-line", "pipe", "innertext", "markdown", "layout-columns", "box", "html", "ofd", …
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()
    furniture: frozenset[int] = frozenset()  # lines left out as page furniture (第3页, - 3 -)
    # marks of optical character recognition the reader saw (a table rule read as "|" between
    # some figures; a text layer laid over a page's scanned image): where, and what was seen
    ocr: tuple[tuple[Source, str], ...] = ()
    # the rows' lines as the file's lines, where the reader numbered its rows as lines of a
    # text of its own (read_json: strings of a JSON file); empty: the lines are the file's
    line_map: tuple[int, ...] = ()
    # a table cell's own line in the file where it differs from its row's (read_json: a table
    # as cells each on lines of their own): ((table, row, col), line) pairs
    cell_lines: tuple[tuple[tuple[int, int, int], int], ...] = ()
    # titles the file gives apart from its text (a web page's <title>, its ArticleTitle meta
    # tag), each with its line: where the text names no report, its body and year
    titles: tuple[tuple[str, Source], ...] = ()
    # the day a page says it was published apart from its text (<meta name="PubDate">), as
    # YYYY-MM-DD with its line: where the text gives no date, the report's publication date
    published: tuple[str, Source] | None = None
    # table cells whose figure a reader cannot vouch for, each with why (a PDF's row at a page's
    # foot and the next page's first with figures in the same column: one figure the break cut,
    # or two rows' own): the parser publishes none of them
    doubtful: tuple[tuple[Source, str], ...] = ()


class Cell(NamedTuple):
    table: str
    row: str
    column: str
    value: Number | None
    raw: str
    source: Source
    # the unit printed with an amount the template takes "as printed, with its unit" (the
    # 2019 template's 采购总金额: 251000元, 25.1万元, or the unit its heading gives); None
    # where none is printed and for every other cell (their units are the template's)
    unit: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"table": self.table, "row": self.row, "column": self.column,
                             "value": self.value, "line": self.source.line}
        if self.unit is not None:
            d["unit"] = self.unit
        if self.raw != ("" if self.value is None else str(self.value)):
            d["raw"] = self.raw
        extra = {k: v for k, v in self.source.as_dict().items() if k != "line"}
        if extra:
            d["source"] = extra
        return d

    def __reduce__(self) -> tuple[type[Cell], tuple[Any, ...]]:
        return (Cell, tuple(self))  # as Source.__reduce__


class Problem(NamedTuple):
    """An error that makes a report incomplete or unreadable (path:line: message)."""

    message: str
    line: int | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: str | None = None
    found: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("line", self.line), ("message", self.message),
                                  ("table", self.table), ("row", self.row),
                                  ("column", self.column), ("expected", self.expected),
                                  ("found", self.found)) if v is not None}


class Finding(NamedTuple):
    """A consistency rule a report breaks (R1–R5) or a soft warning (W1–W3)."""

    rule: str
    message: str
    cells: tuple[tuple[str, str, str], ...]
    expected: Number | str | None
    found: Number | str | None
    line: int | None = None

    @property
    def severity(self) -> str:
        return "warning" if is_hint(self.rule) else "inconsistency"

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "message": self.message,
                "cells": [{"table": t, "row": r, "column": c} for t, r, c in self.cells],
                "expected": self.expected, "found": self.found, "line": self.line}


def is_hint(rule: str) -> bool:
    """Whether a rule is a hint (W1–W3: not always an error), not one of the template's (R1–R5)."""
    return rule.startswith("W")


def finding_counts(findings: Sequence[Finding]) -> tuple[int, int]:
    """(figures that break a rule of the template, R1–R5; hints, W1–W3, not always errors)."""
    hints = sum(1 for f in findings if f.severity == "warning")
    return len(findings) - hints, hints


class Note(NamedTuple):
    """How an ambiguous row was read (a reading chosen by a rule, a merged label, …)."""

    message: str
    line: int | None = None
    rule: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {k: v for k, v in (("line", self.line), ("rule", self.rule),
                                  ("message", self.message)) if v is not None}


class Section(NamedTuple):
    number: int
    title: str
    line: int | None
    text: str


@dataclass
class ParsedReport:
    path: str
    body: str | None
    year: int | None
    template: str
    layout: str
    cells: list[Cell] = field(default_factory=list)
    errors: list[Problem] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"

    @property
    def complete(self) -> bool:
        return not self.errors

    def value(self, table: str, row: str, column: str) -> Number | None:
        for c in self.cells:
            if c.table == table and c.row == row and c.column == column:
                return c.value
        return None

    def index(self) -> dict[tuple[str, str, str], Cell]:
        return {(c.table, c.row, c.column): c for c in self.cells}

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "body": self.body,
            "year": self.year,
            "template": self.template,
            "complete": self.complete,
            "layout": self.layout,
            "encoding": self.encoding,
            "cells": [c.as_dict() for c in self.cells],
            "findings": [f.as_dict() for f in self.findings],
            "errors": [e.as_dict() for e in self.errors],
            "notes": [n.as_dict() for n in self.notes],
            "metadata": self.metadata,
            "sections": [{"number": s.number, "title": s.title, "line": s.line, "text": s.text}
                         for s in self.sections],
        }


class Entry:
    """One report of the corpus: what its sidecar says and what the parser read.

    The build cache hands entries over as a pickled report (``blob``), unpickled only when
    ``report`` is asked for, and with the report's package rows already made (``csv``), so
    that rebuilding the packages after one change does not rebuild every report object."""

    __slots__ = ("meta", "_report", "_blob", "_extra", "csv")

    def __init__(self, meta: Any, report: ParsedReport | None = None, *,
                 blob: bytes | Callable[[], bytes] | None = None,
                 csv: dict[str, str] | None = None,
                 extra_findings: tuple[Finding, ...] = ()) -> None:
        if report is None and blob is None:
            raise ValueError("an Entry needs a report or its pickled blob")
        self.meta = meta  # content.ReportMeta
        self._report = report
        self._blob = blob
        self._extra = extra_findings  # cross-year findings to add when unpickled
        self.csv = csv  # package rows per table (package.report_csv), when known

    @property
    def report(self) -> ParsedReport:
        if self._report is None:
            import pickle

            blob = self._blob() if callable(self._blob) else self._blob
            report = pickle.loads(blob)  # noqa: S301 - the build's own cache
            if self._extra:
                report.findings = list(report.findings) + list(self._extra)
            self._report = report
        return self._report

    @property
    def complete(self) -> bool:
        """Whether the report was read whole (no error). Known from its package rows (a report
        with an error has rows in the errors table) while it is still pickled: checking the
        corpus after one change does not unpickle every report (8 s at 10,000)."""
        if self._report is None and self.csv is not None and "errors" in self.csv:
            return not self.csv["errors"]
        return self.report.complete

    def add_findings(self, findings: tuple[Finding, ...], csv: dict[str, str] | None) -> None:
        """Findings made outside the report (across years) and the package rows that hold
        them; a report still pickled gets them when it is unpickled."""
        if self._report is not None:
            report = copy.copy(self._report)
            report.findings = list(report.findings) + list(findings)
            self._report = report
        else:
            self._extra = tuple(self._extra) + tuple(findings)
        self.csv = csv

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Entry) and (self.meta, self.report) == (other.meta,
                                                                         other.report)

    def __repr__(self) -> str:
        return f"Entry({self.meta!r}, ...)"


@dataclass(frozen=True)
class Failure:
    """A report file that could not be used at all; it is left out of site and packages."""

    path: str
    problems: tuple[Problem, ...]
