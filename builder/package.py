"""Parsed reports -> Frictionless data packages, zips and an SQLite file.

``render(entries)`` makes every file in memory (CSV text with the csv module, descriptors from
``schema``); the writers then touch only the files whose bytes change, so the output is
deterministic (no timestamps, stable order) and a rebuild after one report changed is cheap.
Frictionless itself is used only to validate (``validate_package``).

A package directory (``out``)::

    datapackage.json                  the corpus package
    data/<resource>.csv               reports, proactive, applications, review_litigation,
                                      findings, errors, rows, columns, template_cells
    reports/<report_id>/              one package per report: datapackage.json, <resource>.csv
    reports/.digests                  build index: a digest of each report's package, so that
                                      unchanged reports are skipped without reading them
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any

from . import PARSER_VERSION, schema
from .files import read_bytes, write_if_changed
from .model import Entry, Source
from .parallel import fork_map

DESCRIPTOR = "datapackage.json"
DATA_DIR = "data"
REPORTS_DIR = "reports"
INDEX = ".digests"
ZIP_NAME = f"{schema.NAME}.zip"
CSV_ZIP_NAME = f"{schema.NAME}-csv.zip"
SQLITE_NAME = f"{schema.NAME}.sqlite"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
#: Bump when zips or the SQLite file change layout while the packaged files stay the same.
_DOWNLOADS_FORMAT = "2"  # 2: CHECKs of code lists as OR chains
_REPORT_PATHS = {t.name: f"{t.name}.csv" for t in schema.REPORT_TABLES}
_CORPUS_PATHS = {t.name: f"{DATA_DIR}/{t.name}.csv" for t in schema.TABLES}
_CELL_TABLE_NAMES = frozenset(t.name for t in schema.CELL_TABLES)


# -- rendering ----------------------------------------------------------------------------------

class ReportPackage:
    """One report's package: its CSV files and descriptor, each made when first asked for
    (rebuilding the corpus package after one change needs none of them)."""

    def __init__(self, rid: str, path: str, source: dict[str, str],
                 rows: dict[str, bytes]) -> None:
        self.rid, self.path, self.source = rid, path, source
        self.rows = rows  # table name -> CSV rows without the header
        self._csv: dict[str, bytes] | None = None
        self._descriptor: bytes | None = None
        self._digest: str | None = None

    @property
    def head(self) -> dict[str, Any]:
        return schema.report_head(self.rid, self.path, self.source["title"], self.source)

    @property
    def csv(self) -> dict[str, bytes]:
        """File name -> bytes."""
        if self._csv is None:
            self._csv = {_REPORT_PATHS[n]: _HEADERS[n] + d for n, d in self.rows.items()}
        return self._csv

    @property
    def descriptor(self) -> bytes:
        if self._descriptor is None:
            self._descriptor = schema.descriptor_json(self.head, schema.REPORT_TABLES,
                                                      _REPORT_PATHS, self.csv)
        return self._descriptor

    @property
    def digest(self) -> str:
        """Changes whenever any file of the package would change."""
        if self._digest is None:
            h = hashlib.sha256(schema.format_digest())
            head = self.head
            h.update("\0".join((head["name"], head["title"], head["description"],
                                json.dumps(head["sources"], ensure_ascii=False))).encode())
            for name, data in sorted(self.csv.items()):
                h.update(f"\0{name}\0{len(data)}\0".encode() + data)
            self._digest = h.hexdigest()
        return self._digest

    def files(self) -> dict[str, bytes]:
        return dict(self.csv, **{DESCRIPTOR: self.descriptor})


@dataclass
class Rendered:
    """Every file of the corpus package (paths relative to the package directory) and the
    per-report packages (by report id)."""

    corpus: dict[str, bytes] = field(default_factory=dict)
    reports: dict[str, ReportPackage] = field(default_factory=dict)

    def files(self, reports: bool = True) -> dict[str, bytes]:
        out = dict(self.corpus)
        for rid, pkg in self.reports.items() if reports else ():
            for name, data in pkg.files().items():
                out[f"{REPORTS_DIR}/{rid}/{name}"] = data
        return out


def render(entries: Iterable[Entry]) -> Rendered:
    """All package files for these entries, in memory. Raises ValueError when two entries
    have the same report id (same body and year)."""
    by_id: dict[str, Entry] = {}
    for e in entries:
        rid = e.meta.id
        if rid in by_id:
            raise ValueError(f"{e.meta.path}: report id {rid} is also used by "
                             f"{by_id[rid].meta.path} (same body and year)")
        by_id[rid] = e
    out = Rendered()
    chunks: dict[str, list[bytes]] = {t.name: [] for t in schema.REPORT_TABLES}
    sources = []
    for rid in sorted(by_id):
        entry = by_id[rid]
        rows = {}
        for name, text in report_csv(entry).items():
            rows[name] = data = text.encode("utf-8")
            chunks[name].append(data)
        source = _source(entry)
        sources.append(source)
        out.reports[rid] = ReportPackage(rid, entry.meta.path, source, rows)
    codes = {"rows": schema.code_rows(), "columns": schema.code_columns(),
             "template_cells": schema.template_cell_rows()}
    for t in schema.TABLES:
        text = (b"".join(chunks[t.name]) if t.per_report else
                _csv_text([[_text(v) for v in row] for row in codes[t.name]]).encode())
        out.corpus[_CORPUS_PATHS[t.name]] = _HEADERS[t.name] + text
    out.corpus[DESCRIPTOR] = schema.descriptor_json(
        schema.corpus_head(sources), schema.TABLES, _CORPUS_PATHS, out.corpus)
    return out


def report_csv(entry: Entry) -> dict[str, str]:
    """The CSV text (no header) one report contributes to each per-report table."""
    if entry.csv is not None:
        return entry.csv
    meta, report = entry.meta, entry.report
    rid, template = meta.id, report.template
    position = schema.CELL_POSITIONS.get(template)
    lines = None
    if position is not None and _PLAIN_ID.fullmatch(rid):
        lines = _plain_cell_lines(report.cells, position, f"{rid},{template},")
    if lines is None:
        return {n: _csv_text(r) for n, r in report_rows(entry).items()}
    text = {n: _csv_text(r) for n, r in _report_rows(entry, cells=False).items()}
    text.update((n, "".join(x)) for n, x in lines.items())
    return {t.name: text[t.name] for t in schema.REPORT_TABLES}


def _plain_cell_lines(cells: Sequence[Any], position: dict[tuple[str, str, str], int],
                      prefix: str, retry: bool = True) -> dict[str, list[str]] | None:
    """The hot loop of a build. When the cells come in template order and every field is a
    code of the template, a plain id, a number or a place in an original (表1第3行第2列, which
    never needs quoting), none needs quoting: the CSV lines are formatted directly (a test
    checks they equal csv.writer's). Cells out of order are sorted once; None when some cell
    needs the csv.writer path (unknown code, duplicate, odd value)."""
    lines: dict[str, list[str]] = {n: [] for n in _CELL_TABLE_NAMES}
    prev = 0
    for c in cells:
        table, row, column, v, _, src, unit = c
        pos = position.get((table, row, column))
        if pos is None:
            return None
        if pos <= prev:
            if not retry:
                return None
            return _plain_cell_lines(
                sorted(cells, key=lambda c: position.get((c.table, c.row, c.column), 0)),
                position, prefix, retry=False)
        prev = pos
        if v is None:
            v = ""
        elif type(v) is float:
            v = int(v) if table != "proactive" and v.is_integer() else _text(v)
        elif type(v) is not int:
            return None
        n = src.line
        where = _place(src) or ""
        if _NEEDS_QUOTES.search(where):
            return None
        if table in schema.UNIT_TABLES:
            # the unit (Cell.unit) stands after the value; it is a code of AMOUNT_UNITS
            v = f"{v},{unit or ''}"
        lines[table].append(f"{prefix}{row},{column},{v},{'' if n is None else n},{where}\n")
    return lines


# a field csv.writer would quote
_NEEDS_QUOTES = re.compile(r'[,"\r\n]')


def _place(source: Source) -> str | None:
    """The cell's place in an original (表1第3行第2列, 第2页), or None when its line is all."""
    if source.page is None and source.table is None:
        return None
    return _describe(source)


@lru_cache(maxsize=4096)
def _describe(source: Source) -> str:
    """source.describe(): the places of a table's cells repeat from report to report."""
    return source.describe()


_PLAIN_ID = re.compile(r"[0-9A-Za-z_-]+")


def report_rows(entry: Entry) -> dict[str, list[list[Any]]]:
    """The rows one report contributes to each per-report table, for ``csv.writer``:
    strings, ints and None (an empty field). Cells in template order; codes the template
    does not have come last (validation reports them); a cell of an unknown table is
    refused with ValueError."""
    return _report_rows(entry, cells=True)


def _report_rows(entry: Entry, cells: bool) -> dict[str, list[list[Any]]]:
    meta, report = entry.meta, entry.report
    rid, template = meta.id, report.template
    out: dict[str, list[list[Any]]] = {t.name: [] for t in schema.REPORT_TABLES}
    out["reports"].append([
        rid, meta.body_id, meta.body, meta.level, meta.province, meta.prefecture, meta.county,
        meta.region_code, meta.year, template, meta.source_url, meta.published,
        meta.retrieved, meta.path, _text(report.complete), len(report.cells),
        sum(1 for c in report.cells if c.value is None), len(report.findings),
        len(report.errors), report.layout, meta.transcription])
    for i, f in enumerate(report.findings, 1):
        out["findings"].append([
            rid, i, f.rule, f.severity, f.message, ";".join(".".join(k) for k in f.cells),
            _text(f.expected), _text(f.found), f.line])
    for i, p in enumerate(report.errors, 1):
        out["errors"].append([rid, i, p.message, p.line, p.table, p.row, p.column,
                              p.expected, p.found])
    if not cells:
        for name in _CELL_TABLE_NAMES:
            del out[name]
        return out
    position = schema.CELL_POSITIONS.get(template, {})
    last = len(position) + 1
    for c in sorted(report.cells, key=lambda c: (
            position.get((c.table, c.row, c.column), last), str(c.row), str(c.column))):
        if c.table not in _CELL_TABLE_NAMES:
            raise ValueError(f"{meta.path}: cell of unknown table {c.table!r}")
        value = c.value
        if isinstance(value, float) and c.table != "proactive" and value.is_integer():
            value = int(value)
        elif value is not None and type(value) is not int:
            value = _text(value)
        src = c.source
        where = _place(src)
        values = [value, c.unit] if c.table in schema.UNIT_TABLES else [value]
        out[c.table].append([rid, template, c.row, c.column, *values, src.line, where])
    return out


def _text(value: Any) -> str:
    """CSV text of a value: booleans as true/false, floats without exponent."""
    if value is None:
        return ""
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, float):
        s = repr(value)
        return format(Decimal(s), "f") if "e" in s else s
    return str(value)


def _csv_text(rows: Sequence[Sequence[Any]]) -> str:
    if not rows:
        return ""
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    return buf.getvalue()


def _header(table: schema.Table) -> bytes:
    return _csv_text([table.field_names]).encode("utf-8")


_HEADERS = {t.name: _header(t) for t in schema.TABLES}


def _source(entry: Entry) -> dict[str, str]:
    meta = entry.meta
    src = {"title": schema.report_title(meta.body, meta.year)}
    if meta.source_url:
        src["path"] = meta.source_url
    return src


def _rendered(source: Rendered | Iterable[Entry]) -> Rendered:
    return source if isinstance(source, Rendered) else render(source)


# -- the package directory --------------------------------------------------------------------

def write_datapackage(source: Rendered | Iterable[Entry], out: Path, *, reports: bool = True,
                      full: bool = False) -> list[Path]:
    """Write the corpus package and (unless ``reports=False``) the per-report packages into
    ``out``; return the paths written or removed.

    Only files whose bytes differ are written. Corpus CSVs whose hash in the existing
    descriptor is unchanged are not read; per-report packages whose digest in
    ``reports/.digests`` is unchanged are not read either. ``full=True`` compares every
    file's bytes instead (use it after a file was edited or deleted by hand). Packages of
    reports that are gone, and files no longer produced, are removed.
    """
    r = _rendered(source)
    out = Path(out)
    changed: list[Path] = []
    old = {} if full else _descriptor_hashes(read_bytes(out / DESCRIPTOR))
    new = _descriptor_hashes(r.corpus[DESCRIPTOR])
    for name, data in sorted(r.corpus.items()):
        if name == DESCRIPTOR or (name in old and old[name] == new.get(name)
                                  and (out / name).is_file()):
            continue
        if write_if_changed(out / name, data):
            changed.append(out / name)
    # last: an interrupted run is redone
    if write_if_changed(out / DESCRIPTOR, r.corpus[DESCRIPTOR]):
        changed.append(out / DESCRIPTOR)
    changed += _prune(out / DATA_DIR, {n.split("/", 1)[1] for n in r.corpus if "/" in n})
    reports_dir = out / REPORTS_DIR
    if not reports:
        return changed + _remove_reports(reports_dir, keep=set())
    index = {} if full else _read_index(reports_dir / INDEX)
    for rid in sorted(r.reports):
        pkg, d = r.reports[rid], reports_dir / rid
        if index.get(rid) == pkg.digest and os.path.isfile(d / DESCRIPTOR):
            continue
        files = pkg.files()
        changed += [d / n for n in sorted(files, key=lambda n: n == DESCRIPTOR)
                    if write_if_changed(d / n, files[n])]
        changed += _prune(d, set(files))
    changed += _remove_reports(reports_dir, keep=set(r.reports))
    text = "".join(f"{r.reports[rid].digest}  {rid}\n" for rid in sorted(r.reports))
    write_if_changed(reports_dir / INDEX, text.encode())
    return changed


def _remove_reports(reports_dir: Path, keep: set[str]) -> list[Path]:
    """Remove the packages of reports not in ``keep`` (only names this module writes)."""
    removed = []
    for name in _listdir(reports_dir):
        path = reports_dir / name
        if name in keep:
            continue
        if _REPORT_ID.fullmatch(name) and path.is_dir():
            shutil.rmtree(path)
        elif (name == INDEX and not keep) or _TEMPORARY.fullmatch(name):
            path.unlink()
        else:
            continue
        removed.append(path)
    if not keep and reports_dir.is_dir() and not any(reports_dir.iterdir()):
        reports_dir.rmdir()
    return removed


def stale_files(source: Rendered | Iterable[Entry], out: Path, *,
                reports: bool = True) -> list[str]:
    """Files of ``out`` that differ from what the entries produce, as 'path: reason' lines
    with paths relative to ``out``; empty when the directory is up to date. Every file is
    compared (for ``builder build --check``)."""
    r = _rendered(source)
    out = Path(out)
    expected = r.files(reports=reports)
    problems = []
    for name in sorted(expected):
        data = read_bytes(out / name)
        if data is None:
            problems.append(f"{name}: missing")
        elif data != expected[name]:
            problems.append(f"{name}: differs")
    for top in (DATA_DIR, REPORTS_DIR):
        for path in sorted((out / top).rglob("*")):
            rel = path.relative_to(out).as_posix()
            if path.is_file() and rel not in expected and rel != f"{REPORTS_DIR}/{INDEX}":
                problems.append(f"{rel}: not produced by the reports")
    return problems


def _descriptor_hashes(descriptor: bytes | None) -> dict[str, str]:
    """path -> hash of each resource of a descriptor (empty when unreadable)."""
    try:
        resources = json.loads(descriptor or b"{}").get("resources", [])
        return {r["path"]: r["hash"] for r in resources if "hash" in r}
    except (ValueError, TypeError, KeyError, AttributeError):
        return {}


def _read_index(path: Path) -> dict[str, str]:
    index = {}
    for line in (read_bytes(path) or b"").decode("utf-8", "replace").splitlines():
        digest, _, rid = line.partition("  ")
        index[rid] = digest
    return index


def _listdir(path: Path) -> list[str]:
    try:
        return sorted(os.listdir(path))
    except (FileNotFoundError, NotADirectoryError):
        return []


_REPORT_ID = re.compile(r"b[0-9a-f]{9}-[0-9]{4}")
_TEMPORARY = re.compile(r"\..+\.tmp")
_OWNED_FILE = re.compile(r"[^/]+\.csv|datapackage\.json|\..+\.tmp")


def _prune(directory: Path, keep: set[str]) -> list[Path]:
    """Remove the files of ``directory`` not in ``keep`` (only names this module writes)."""
    removed = []
    for name in _listdir(directory):
        path = directory / name
        if name not in keep and _OWNED_FILE.fullmatch(name) and path.is_file():
            path.unlink()
            removed.append(path)
    return removed


# -- downloads ----------------------------------------------------------------------------------

def write_downloads(source: Rendered | Iterable[Entry] | None, package_dir: Path | None,
                    out: Path) -> dict[str, Any]:
    """Write the website's downloads into ``out``:

    - ``gov-disclosure-reports.zip``: the corpus package (descriptor and CSVs);
    - ``gov-disclosure-reports-csv.zip``: its CSV files alone;
    - ``gov-disclosure-reports.sqlite``: the same tables with primary and foreign keys;
    - ``reports/<report_id>.zip``: each per-report package.

    ``source`` is a Rendered or the entries; when it is None the files are read from
    ``package_dir`` (written by ``write_datapackage``). Each download carries a digest of its
    content (zip comment, SQLite ``metadata`` row), so one whose content is unchanged is
    neither rebuilt nor rewritten. Returns the paths by kind and the ``changed`` paths.
    """
    if source is None:
        if package_dir is None:
            raise ValueError("write_downloads needs the entries, a Rendered or package_dir")
        r = read_package_dir(package_dir)
        report_files: dict[str, Any] = _read_reports(package_dir)
    else:
        r = _rendered(source)
        report_files = dict(r.reports)
    out = Path(out)
    changed: list[Path] = []
    csvs = {n.split("/", 1)[1]: d for n, d in r.corpus.items() if n.endswith(".csv")}
    for path, files in ((out / ZIP_NAME, r.corpus), (out / CSV_ZIP_NAME, csvs)):
        if _write_zip(path, files):
            changed.append(path)
    if write_sqlite(r, out / SQLITE_NAME):
        changed.append(out / SQLITE_NAME)
    reports_dir = out / REPORTS_DIR
    rids = sorted(report_files)
    zips = {rid: reports_dir / f"{rid}.zip" for rid in rids}
    for rid, was_written in zip(rids, _write_report_zips(report_files, zips, rids), strict=True):
        if was_written:
            changed.append(zips[rid])
    for name in _listdir(reports_dir):
        if name.endswith(".zip") and name[:-4] not in report_files:
            (reports_dir / name).unlink()
            changed.append(reports_dir / name)
    return {"zip": out / ZIP_NAME, "csv_zip": out / CSV_ZIP_NAME, "sqlite": out / SQLITE_NAME,
            "reports": zips, "changed": changed}


def _write_report_zips(files: dict[str, Any], paths: dict[str, Path],
                       rids: list[str]) -> list[bool]:
    """One zip per report, written only when its content changed; on all cores when there
    are many (forked workers share the packages, only report ids travel)."""
    if len(rids) < 400:
        return [_write_zip(paths[rid], files[rid]) for rid in rids]
    return fork_map(lambda rid: _write_zip(paths[rid], files[rid]), rids, chunksize=64)


def read_package_dir(out: Path) -> Rendered:
    """The corpus files of a package directory written by ``write_datapackage``."""
    out = Path(out)
    r = Rendered()
    r.corpus[DESCRIPTOR] = (out / DESCRIPTOR).read_bytes()
    for name in _listdir(out / DATA_DIR):
        r.corpus[f"{DATA_DIR}/{name}"] = (out / DATA_DIR / name).read_bytes()
    return r


def _read_reports(out: Path) -> dict[str, dict[str, bytes]]:
    found = {}
    for rid in _listdir(Path(out) / REPORTS_DIR):
        d = Path(out) / REPORTS_DIR / rid
        if d.is_dir():
            found[rid] = {n: (d / n).read_bytes() for n in _listdir(d)}
    return found


def zip_bytes(files: dict[str, bytes], comment: bytes = b"") -> bytes:
    """A deterministic zip: fixed timestamps and modes, the descriptor first, then by name."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name in sorted(files, key=lambda n: (n != DESCRIPTOR, n)):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 3
            info.external_attr = 0o644 << 16
            z.writestr(info, files[name], compresslevel=6)
        z.comment = comment
    return buf.getvalue()


def _write_zip(path: Path, files: dict[str, bytes] | ReportPackage) -> bool:
    if isinstance(files, ReportPackage):
        digest = f"{_DOWNLOADS_FORMAT}:{files.digest}".encode()
        if _zip_comment(path) == digest:
            return False
        return write_if_changed(path, zip_bytes(files.files(), comment=digest))
    digest = _digest(files)
    if _zip_comment(path) == digest:
        return False
    return write_if_changed(path, zip_bytes(files, comment=digest))


def _zip_comment(path: Path) -> bytes | None:
    try:
        with zipfile.ZipFile(path) as z:
            return z.comment
    except (OSError, zipfile.BadZipFile):
        return None


def _digest(files: dict[str, bytes]) -> bytes:
    h = hashlib.sha256()
    for name in sorted(files):
        h.update(f"\0{name}\0{len(files[name])}\0".encode() + files[name])
    return f"{_DOWNLOADS_FORMAT}:{h.hexdigest()}".encode()


# -- SQLite -----------------------------------------------------------------------------------

_SQL_VALUE = {"boolean": "CASE {c} WHEN 'true' THEN 1 WHEN 'false' THEN 0 END"}


def _sqlite_digest(path: Path) -> str | None:
    if not path.is_file():
        return None
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            row = con.execute("SELECT value FROM metadata WHERE key = 'digest'").fetchone()
        finally:
            con.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def write_sqlite(source: Rendered | Iterable[Entry], path: Path) -> bool:
    """Build the SQLite file from the corpus CSVs: the package's tables with their primary
    and foreign keys and constraints, a view ``cells`` over the three cell tables and a table
    ``metadata`` (licence, description, the descriptor). Rebuilt and written only when the
    content changes; returns whether the file was written."""
    r = _rendered(source)
    path = Path(path)
    digest = _digest(r.corpus).decode()
    if _sqlite_digest(path) == digest:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    order = tuple(t for t in schema.TABLES if t.code_list) + tuple(
        t for t in schema.TABLES if not t.code_list)  # referenced tables first
    with tempfile.TemporaryDirectory(dir=path.parent) as tmp:
        db = Path(tmp) / "db.sqlite"
        con = sqlite3.connect(db, isolation_level=None)
        try:
            con.execute("PRAGMA page_size = 4096")
            con.execute("PRAGMA journal_mode = OFF")
            con.execute("PRAGMA synchronous = OFF")
            con.execute("PRAGMA cache_size = -262144")  # 256 MB: the keys stay in memory
            con.execute("BEGIN")
            for ddl in schema.sqlite_ddl(order):
                con.execute(ddl)
            cells = " UNION ALL ".join(
                f'SELECT {schema.sql_literal(t.name)} AS "table", report_id, template, row, '
                f'"column", value, {"unit" if t.name in schema.UNIT_TABLES else "NULL AS unit"}, '
                f'line FROM {schema.quote(t.name)}'
                for t in schema.CELL_TABLES)
            con.execute(f'CREATE VIEW "cells" AS {cells}')
            con.execute('CREATE TABLE "metadata" ("key" TEXT PRIMARY KEY, "value" TEXT)')
            text = r.corpus[DESCRIPTOR].decode("utf-8")
            meta = {"name": schema.NAME, "title": schema.TITLE,
                    "description": json.loads(text)["description"],
                    "licenses": json.dumps(schema.LICENSES, ensure_ascii=False),
                    "parser_version": PARSER_VERSION, "datapackage": text, "digest": digest}
            con.executemany('INSERT INTO "metadata" VALUES (?, ?)', sorted(meta.items()))
            for t in order:
                reader = csv.reader(io.StringIO(r.corpus[_CORPUS_PATHS[t.name]].decode()))
                next(reader)
                # the CSV text goes into a table without constraints, then into the real one
                # in one statement (its CHECK lists are built once, not once a row): SQLite
                # turns "" into NULL, true/false into 1/0 and numbers into numbers by the
                # columns' affinity, all in C
                cols = [f"c{i}" for i in range(len(t.fields))]
                con.execute(f"CREATE TEMP TABLE staging ({', '.join(cols)})")
                con.executemany(f"INSERT INTO staging VALUES ({', '.join('?' * len(cols))})",
                                reader)
                values = ", ".join(_SQL_VALUE.get(f.type, "NULLIF({c}, '')").format(c=c)
                                   for f, c in zip(t.fields, cols, strict=True))
                con.execute(f"INSERT INTO {schema.quote(t.name)} SELECT {values} FROM staging "
                            "ORDER BY rowid")
                con.execute("DROP TABLE staging")
            con.execute("COMMIT")
            con.execute("VACUUM")
        finally:
            con.close()
        return write_if_changed(path, db.read_bytes())


# -- validation ---------------------------------------------------------------------------------

def validate_package(path: Path, limit_errors: int = 1000) -> list[str]:
    """Validate a package (a datapackage.json, or a zip of one) with frictionless's own
    validator; returns readable error lines, empty when the package is valid."""
    from frictionless import validate

    report = validate(str(path), type="package", limit_errors=limit_errors)
    lines = [f"{path}: {e.type}: {e.message}" for e in report.errors]
    for task in report.tasks:
        where = task.place or task.name
        for e in task.errors:
            row = getattr(e, "row_number", None)
            fld = getattr(e, "field_name", None)
            loc = (f":{row}" if row else "") + (f" [{fld}]" if fld else "")
            lines.append(f"{where}{loc}: {e.type}: {e.message}")
    return lines
